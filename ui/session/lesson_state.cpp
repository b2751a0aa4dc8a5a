// SPDX-License-Identifier: MIT
#include "session/lesson_state.h"

#include "base/error.h"

namespace qkview::ui {

namespace {
template <typename T>
T known(const std::optional<T>& value, const char* field, const QString& name, const QStringList& names) {
    if (!value)
        throw Error(Error::Kind::InvalidInput, QStringLiteral("\"%1\" is '%2', which this qkview does not know (it knows %3)")
                                                   .arg(QLatin1String(field), name, names.join(QStringLiteral(", ")))
                                                   .toStdString());
    return *value;
}
} // namespace

QStringList sideTabNames() {
    return {QStringLiteral("lines"), QStringLiteral("values"), QStringLiteral("math"), QStringLiteral("vectors"),
            QStringLiteral("next"),  QStringLiteral("heads"),  QStringLiteral("compare"), QStringLiteral("help")};
}

LessonState lessonState(const Lesson& lesson) {
    LessonState state;
    state.options = lesson.options;
    state.selection = {lesson.layer, lesson.head, lesson.query, lesson.key};
    state.view.kind = known(matrixKindFromName(lesson.what), "view.what", lesson.what,
                            {QStringLiteral("weights"), QStringLiteral("scores"), QStringLiteral("scaled_scores"),
                             QStringLiteral("value_norms"), QStringLiteral("rollout")});
    state.view.colormap = known(Colormap::fromName(lesson.colormap), "view.colormap", lesson.colormap, Colormap::names());
    state.view.colorScale = known(colorScaleFromName(lesson.colorScale), "view.color_scale", lesson.colorScale, colorScaleNames());
    state.view.pairs = known(pairFilterFromName(lesson.pairs), "view.pairs", lesson.pairs, pairFilterNames());
    state.view.numbersInCells = lesson.numbers;
    state.cellSize = lesson.cellSize;
    const bool tabKnown = sideTabNames().contains(lesson.tab);
    state.tab = known(tabKnown ? std::optional(lesson.tab) : std::nullopt, "tab", lesson.tab, sideTabNames());
    return state;
}

Lesson lessonOf(const LessonState& state) {
    Lesson lesson;
    lesson.options = state.options;
    lesson.layer = state.selection.layer;
    lesson.head = state.selection.head;
    lesson.query = state.selection.query;
    lesson.key = state.selection.key;
    lesson.what = matrixKindName(state.view.kind);
    lesson.colormap = Colormap::get(state.view.colormap).name();
    lesson.colorScale = colorScaleName(state.view.colorScale);
    lesson.pairs = pairFilterName(state.view.pairs);
    lesson.numbers = state.view.numbersInCells;
    lesson.cellSize = state.cellSize;
    lesson.tab = state.tab;
    return lesson;
}

} // namespace qkview::ui
