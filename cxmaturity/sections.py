"""The consultant's sections as rows of text, in one place for the PDF, the deck and the
app: the private benchmark and "initiatives and results" (what moved the scores).

Pure: from a benchmark or outcomes to headings and rows of strings in ``lang``.
"""

from __future__ import annotations

from collections.abc import Sequence

from .benchmark import Benchmark, Standing
from .compare import ARROWS, Change, direction_of
from .i18n import decimal, joined, number, t, tn
from .model import Grid
from .outcomes import GROUPS, Group, Outcome, grouped
from .planning import PlanItem, initiative_text


def standing_cells(standing: Standing, lang: str) -> list[str]:
    """Your level, the median, the middle half (Q1-Q3) and the percentile."""
    if not standing.shown:
        hidden = t("bench_too_few", lang)
        return [decimal(standing.value, lang), hidden, "", ""]
    assert standing.q1 is not None and standing.q3 is not None
    return [
        decimal(standing.value, lang),
        decimal(standing.median, lang),
        f"{decimal(standing.q1, lang)} – {decimal(standing.q3, lang)}",
        number(round(standing.percentile or 0), lang),
    ]


def benchmark_headings(lang: str, first: str) -> list[str]:
    keys = (first, "bench_yours", "bench_median", "bench_middle", "bench_percentile")
    return [t(k, lang) for k in keys]


def benchmark_rows(grid: Grid, bench: Benchmark, lang: str) -> list[list[str]]:
    """The overall level and each category: name, yours, median, Q1-Q3, percentile."""
    names = {c.id: c.name.get(lang) for c in grid.categories}
    rows = [[t("overall", lang), *standing_cells(bench.overall, lang)]]
    rows += [[names[s.id], *standing_cells(s, lang)] for s in bench.categories]
    return rows


def capability_benchmark_rows(grid: Grid, bench: Benchmark, lang: str) -> list[list[str]]:
    names = {c.id: c.name.get(lang) for _, c in grid.capabilities()}
    return [[names[s.id], *standing_cells(s, lang)] for s in bench.capabilities]


def benchmark_intro(bench: Benchmark, lang: str) -> str:
    """Who is compared: how many organisations (never which), and the sector if any."""
    if bench.sector:
        return tn("bench_intro_sector", bench.peers, lang, sector=bench.sector)
    return tn("bench_intro", bench.peers, lang)


def benchmark_sentence(bench: Benchmark, lang: str) -> str:
    """The headline: "ahead of 70% of the 12 organisations compared"."""
    return tn(
        "bench_sentence",
        bench.peers,
        lang,
        percentile=number(round(bench.overall.percentile or 0), lang),
        median=decimal(bench.overall.median, lang),
    )


def delta_text(delta: float | None, lang: str) -> str:
    """A change with its arrow: ``▲ +1,00``, ``▼ -0,50``, ``=`` (none: empty)."""
    direction = direction_of(delta)
    if delta is None or direction == "same":
        return ARROWS[direction]
    return f"{ARROWS[direction]} {'+' if delta > 0 else ''}{decimal(delta, lang)}"


def change_cells(change: Change, lang: str) -> list[str]:
    """Before, after and the change with its arrow, each a table cell."""
    before, after = decimal(change.before, lang), decimal(change.after, lang)
    return [before, after, delta_text(change.delta, lang)]


def change_cell(change: Change, lang: str) -> str:
    """``2 → 3 ▲ +1`` in one cell (a level not rated in one round: ``–``)."""
    before, after, delta = change_cells(change, lang)
    return f"{before} → {after} {delta}".rstrip()


def item_line(grid: Grid, item: PlanItem, lang: str) -> str:
    """An initiative with its status: ``Train agents (done)``."""
    return f"{initiative_text(grid, item, lang)} ({t(f'status_{item.status.value}', lang)})"


def outcome_headings(lang: str) -> list[str]:
    return [t(k, lang) for k in ("capability", "outcome_initiatives", "outcome_level")]


def outcome_rows(grid: Grid, found: Sequence[Outcome], lang: str) -> list[list[str]]:
    """One row per capability: its name, its initiatives with status, the level change."""
    names = {c.id: c.name.get(lang) for _, c in grid.capabilities()}
    return [
        [
            names[o.capability],
            "\n".join(item_line(grid, i, lang) for i in o.items),
            change_cell(o.change, lang),
        ]
        for o in found
    ]


def outcome_groups(
    grid: Grid, found: Sequence[Outcome], lang: str
) -> list[tuple[Group, str, list[list[str]]]]:
    """Each group (done and improved, done and not improved, not done) with its title
    and rows, empty groups included (saying none is a fact too)."""
    groups = grouped(found)
    return [(g, t(f"outcome_{g.value}", lang), outcome_rows(grid, groups[g], lang)) for g in GROUPS]


def outcome_summary(found: Sequence[Outcome], lang: str) -> str:
    """One sentence: how many capabilities fell in each group."""
    groups = grouped(found)
    parts = [tn(f"outcome_count_{g.value}", len(groups[g]), lang) for g in GROUPS]
    return t("outcome_summary", lang, counts=joined(parts, lang))
