"""Results -> plain text for the terminal, in the questionnaire's language."""

from __future__ import annotations

from .i18n import capped_text, decimal, number, t
from .model import Grid, Quiz
from .planning import Gap, plan
from .scoring import GridResult, QuizResult, Result, grid_pair, quiz_pair


def render_result(questionnaire: Quiz | Grid, result: Result, lang: str) -> str:
    """Human-readable summary of one result."""
    head = _heading(questionnaire, result.respondents, lang)
    quiz = quiz_pair(questionnaire, result)
    if quiz is not None:
        return "\n".join([*head, *_quiz_lines(*quiz, lang)])
    grid = grid_pair(questionnaire, result)
    assert grid is not None
    return "\n".join([*head, *_grid_lines(*grid, lang)])


def _heading(questionnaire: Quiz | Grid, respondents: int, lang: str) -> list[str]:
    title = questionnaire.title.get(lang, questionnaire.default_language)
    lines = [f"{title} ({questionnaire.id}, {t('version', lang)} {questionnaire.version})"]
    if respondents > 1:
        lines.append(f"{t('respondents', lang)}: {respondents}")
    return lines


def _quiz_lines(quiz: Quiz, result: QuizResult, lang: str) -> list[str]:
    lines = [t("answered", lang, answered=result.answered, total=result.total_questions)]
    if result.respondents > 1:
        if result.points is None:
            lines.append(t("no_complete", lang))
        else:
            lines.append(
                t("team_points", lang, n=result.complete_respondents, points=result.points)
            )
        lines += _distribution_lines(quiz, result, lang)
    else:
        low, high = result.min_points, result.max_points
        lines.append(t("points", lang, points=result.points, low=low, high=high))
    band = next((b for b in quiz.bands if b.id == result.band), None)
    if band is None:
        if result.respondents == 1:
            lines.append(t("partial_quiz", lang))
        return lines
    lines.append(f"{t('band', lang)}: {band.label.get(lang)}")
    if band.description is not None:
        lines.append(f"  {band.description.get(lang)}")
    if result.capped_by:
        lines.append(capped_text(quiz.question_numbers(result.capped_by), lang))
    if quiz.closing is not None:
        lines.append(quiz.closing.get(lang))
    return lines


def _distribution_lines(quiz: Quiz, result: QuizResult, lang: str) -> list[str]:
    lines = [f"{t('distribution', lang)}:"]
    for question in result.questions:
        counts = ", ".join(f"{option}: {n}" for option, n in question.distribution.items())
        lines.append(f"  {question.id}: {counts or '-'}")
    return lines


def _grid_lines(grid: Grid, result: GridResult, lang: str) -> list[str]:
    total = len(result.capabilities)
    lines = [t("rated_total", lang, rated=result.rated, total=total, na=result.not_applicable)]
    if not result.complete:
        lines.append(t("partial_grid", lang))
    if result.rated == 0:
        return [*lines, t("nothing_rated", lang)]
    lines.append(_overall_line(grid, result, lang))
    lines.append("")
    lines.append(f"{t('categories', lang)}:")
    names = {c.id: c.name.get(lang) for c in grid.categories}
    width = max(len(name) for name in names.values())
    for cat in result.categories:
        values = _values(cat.current, cat.ideal, cat.gap, lang)
        rated = t("rated_of", lang, rated=cat.rated, total=cat.total)
        lines.append(f"  {names[cat.id]:<{width}}  {values}  ({rated})")
    return lines + _gap_lines(grid, result, lang)


def _overall_line(grid: Grid, result: GridResult, lang: str) -> str:
    overall = result.overall
    labels = {lv.id: lv.label.get(lang) for lv in grid.levels}
    now = labels.get(overall.level or "", t("not_available", lang))
    target = labels.get(overall.ideal_level or "", t("not_available", lang))
    values = _values(overall.current, overall.ideal, overall.gap, lang)
    return f"{t('overall', lang)}: {values}\n  {t('level', lang)}: {now} -> {target}"


def _values(current: float | None, ideal: float | None, gap: float | None, lang: str) -> str:
    return (
        f"{t('current', lang)} {decimal(current, lang):>4}  "
        f"{t('ideal', lang)} {decimal(ideal, lang):>4}  "
        f"{t('gap', lang)} {decimal(gap, lang):>5}"
    )


def _gap_lines(grid: Grid, result: GridResult, lang: str) -> list[str]:
    ranked = plan(grid, result)
    lines = ["", f"{t('gaps', lang)}:"]
    if not ranked.gaps:
        lines.append(f"  {t('no_gaps', lang)}")
    for gap in ranked.gaps:
        lines += _gap_item(gap, lang, with_initiatives=True)
    if ranked.negative:
        lines += ["", f"{t('negative_gaps', lang)}:"]
        for gap in ranked.negative:
            lines += _gap_item(gap, lang, with_initiatives=False)
    return lines


def _gap_item(gap: Gap, lang: str, with_initiatives: bool) -> list[str]:
    name = gap.capability.name.get(lang)
    category = gap.category.name.get(lang)
    line = (
        f"  {gap.rank}. {name} ({category}): {number(gap.current, lang)} -> "
        f"{number(gap.ideal, lang)}, {t('gap', lang).lower()} {number(gap.gap, lang)}, "
        f"{t('priority', lang).lower()} {number(gap.priority, lang)}"
    )
    lines = [line]
    if with_initiatives:
        lines += [f"       - {i.title.get(lang)}" for i in gap.initiatives]
    return lines
