"""The results told in sentences: where the organization is, where it wants to be,
what changed since last round and what to do first.

Pure: from results, the plan and the previous round to paragraphs of plain text in
the language asked for. The report's executive summary and the Results page both
start from these, so they never tell two stories.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from .compare import compare_grids
from .i18n import decimal, joined, long_date, number, t, tn
from .model import Grid, Quiz
from .planning import Plan, PlanItem, Status, default_plan, initiative_text, plan
from .scoring import GridResult, Number, QuizResult

FIRST_STEPS = 3  # initiatives named in the summary
TOP_GAPS = 3  # gaps named in the summary
CLOSED = {Status.DONE, Status.DROPPED}


def level_words(grid: Grid, value: Number | None, lang: str) -> str:
    """A mean level with its label: ``2,01 (Cumpliendo con …)``."""
    if value is None:
        return t("not_available", lang)
    level = grid.level_at_or_below(value)
    label = level.label.get(lang) if level is not None else ""
    return f"{decimal(value, lang)} ({label})" if label else decimal(value, lang)


def quiz_story(quiz: Quiz, result: QuizResult, lang: str) -> str:
    """One sentence: the points on the quiz's scale and the band they fall in."""
    title = quiz.title.get(lang)
    if result.points is None or result.band is None:
        return t("story_quiz_partial", lang, title=title)
    band = next(b for b in quiz.bands if b.id == result.band)
    return t(
        "story_quiz",
        lang,
        title=title,
        points=number(result.points, lang),
        high=number(quiz.max_points, lang),
        band=band.label.get(lang).rstrip("."),  # the sentence ends it
    )


def grid_story(
    grid: Grid,
    result: GridResult,
    lang: str,
    *,
    organization: str = "",
    plan_items: Sequence[PlanItem] | None = None,
    previous: tuple[dt.date, GridResult] | None = None,
) -> list[str]:
    """Paragraphs: the levels today and ideal; the biggest gaps; the change since the
    previous round (when there is one); the first initiatives of the plan (the team's,
    else the suggestions for the top gaps)."""
    overall = result.overall
    if overall.current is None:
        return [t("nothing_rated", lang)]
    who = organization.strip() or t("story_who", lang)
    top = max(level.value for level in grid.levels)
    same = grid.level_at_or_below(overall.current) == grid.level_at_or_below(overall.ideal)
    paragraphs = [
        t(
            "story_levels",
            lang,
            who=who,
            current=level_words(grid, overall.current, lang),
            top=number(top, lang),
            # The same level's label twice says nothing new.
            ideal=decimal(overall.ideal, lang) if same else level_words(grid, overall.ideal, lang),
            gap=decimal(overall.gap, lang),
        )
    ]
    if not result.complete:
        paragraphs[0] += " " + t(
            "story_partial",
            lang,
            rated=result.rated,
            total=len(result.capabilities),
        )
    ranked = plan(grid, result)
    paragraphs.append(_gaps(ranked, lang))
    if previous is not None:
        paragraphs.append(_change(grid, previous, result, lang))
    steps = _first_steps(grid, ranked, plan_items, lang)
    if steps:
        paragraphs.append(steps)
    return paragraphs


def _gaps(ranked: Plan, lang: str) -> str:
    top = ranked.top(TOP_GAPS)
    if not top:
        return t("story_no_gaps", lang)
    named = [
        t(
            "story_gap",
            lang,
            capability=g.capability.name.get(lang),
            current=number(g.current, lang),
            ideal=number(g.ideal, lang),
        )
        for g in top
    ]
    return tn("story_gaps", len(named), lang, gaps=joined(named, lang))


def _change(grid: Grid, previous: tuple[dt.date, GridResult], now: GridResult, lang: str) -> str:
    day, before = previous
    comparison = compare_grids(grid, before, now)
    overall = comparison.overall
    date = long_date(day, lang)
    if overall.before is None or overall.after is None:
        return t("story_change_unknown", lang, date=date)
    key = {"up": "story_change_up", "down": "story_change_down"}.get(
        overall.direction, "story_change_same"
    )
    text = t(key, lang, date=date, before=decimal(overall.before, lang),
             after=decimal(overall.after, lang))  # fmt: skip
    moved = comparison.moved()
    up = sum(1 for c in moved if c.direction == "up")
    down = len(moved) - up
    if not moved:
        return f"{text} {t('story_none_moved', lang)}"
    parts = []
    if up:
        parts.append(tn("story_improved", up, lang))
    if down:
        parts.append(tn("story_worsened", down, lang))
    return f"{text} {t('story_moved', lang, moved=joined(parts, lang))}"


def _first_steps(grid: Grid, ranked: Plan, plan_items: Sequence[PlanItem] | None, lang: str) -> str:
    """The plan's first open initiative for each of the first gaps, in the order of the
    gaps they close (the team's plan, else the suggestions)."""
    items = list(plan_items) if plan_items is not None else default_plan(ranked)
    order = {g.capability.id: i for i, g in enumerate(ranked.gaps)}
    open_items = [
        i for i in items if i.status not in CLOSED and grid.capability(i.capability) is not None
    ]
    open_items.sort(key=lambda i: order.get(i.capability, len(order)))  # stable: plan order
    first: dict[str, PlanItem] = {}
    for item in open_items:
        first.setdefault(item.capability, item)
    chosen: list[str] = []
    for item in list(first.values())[:FIRST_STEPS]:
        capability = grid.capability(item.capability)
        assert capability is not None
        chosen.append(
            t(
                "story_initiative",
                lang,
                title=initiative_text(grid, item, lang),
                capability=capability.name.get(lang),
            )
        )
    if not chosen:
        return ""
    return tn("story_first_steps", len(chosen), lang, steps=joined(chosen, lang))
