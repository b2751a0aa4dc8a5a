// SPDX-License-Identifier: MIT
#pragma once
// A lesson: what an instructor set up on screen, kept in a .qkview file to open in class or to regenerate a
// figure from (docs/lesson-format.md). Core reads and writes the file and checks its structure; the names of
// colour maps, scales and tabs are the UI's, which checks them when it applies a lesson.
#include "attention/attention.h"

#include <QByteArray>
#include <QString>

namespace qkview {

struct Lesson {
    static constexpr int kVersion = 1; // what this qkview writes and reads

    QString model = QStringLiteral("teaching"); // a built-in model's name, or a model folder's absolute path
    QString text;
    QString compare; // the Compare tab's second text; empty: none
    AttentionOptions options;
    int layer = 0;
    int head = 0;
    int query = -1; // -1: none
    int key = -1;
    QString what = QStringLiteral("weights");    // weights, scores or scaled_scores
    QString colormap = QStringLiteral("viridis");
    QString colorScale = QStringLiteral("fixed");
    QString pairs = QStringLiteral("all");       // which sentence of a pair attends to which
    bool numbers = false;                        // values written in the heatmap's cells
    double cellSize = 0;                         // the heatmap's zoom in pixels per cell; 0: fit
    QString tab = QStringLiteral("math");        // the side tab shown

    bool operator==(const Lesson&) const = default;
};

// Throws Error(InvalidInput) saying what is wrong: not JSON, not a lesson, a version this qkview does not
// read (older or newer), a field of the wrong type or out of range.
Lesson parseLesson(const QByteArray& json);
QByteArray lessonToJson(const Lesson& lesson);

// Throws Error(Io) when the file cannot be read, Error(InvalidInput) naming the file when it is no lesson.
Lesson readLessonFile(const QString& path);
// Writes the whole file or nothing (an existing file stays as it was). Throws Error(Io).
void writeLessonFile(const QString& path, const Lesson& lesson);

} // namespace qkview
