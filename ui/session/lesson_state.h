// SPDX-License-Identifier: MIT
#pragma once
// Between a lesson file (core/lessons/lesson.h), whose colour maps, scales and tabs are names, and what the
// window shows: checked here, where those names are known.
#include "lessons/lesson.h"
#include "session/view_state.h"

#include <QStringList>

namespace qkview::ui {

// The side tabs by the names lessons and --tab use, in the window's order.
QStringList sideTabNames(); // lines, values, math, vectors, next, heads, help

struct LessonState {
    AttentionOptions options;
    Selection selection;
    ViewOptions view;
    double cellSize = 0; // the heatmap's zoom; 0: fit
    QString tab;
};

// Throws Error(InvalidInput) naming the field whose name this qkview does not know.
LessonState lessonState(const Lesson& lesson);
// A lesson of the state shown (its model and text are the caller's to fill in).
Lesson lessonOf(const LessonState& state);

} // namespace qkview::ui
