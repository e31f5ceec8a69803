"""A consultant's portfolio: one row per organisation for one questionnaire, from its
scored rounds and its latest plan. Pure; the service gathers the rounds."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .planning import PlanItem, Status, next_review
from .records import Organization
from .scoring import Result, as_grid_result, as_quiz_result

OPEN_STATUSES = (Status.PROPOSED, Status.PLANNED, Status.IN_PROGRESS)
REVIEW_SOON_DAYS = 30  # a review due within this many days is marked "due soon"


@dataclass(frozen=True)
class PortfolioRow:
    """One organisation in the portfolio. ``level`` is a grid's overall current level
    (a quiz's points); ``trend`` its change since the round before the last."""

    organization: Organization
    rounds: int
    last_round: dt.date | None = None
    level: float | None = None
    ideal: float | None = None
    gap: float | None = None
    trend: float | None = None
    open_initiatives: int = 0
    overdue_initiatives: int = 0
    next_review: dt.date | None = None
    review: str = "none"  # "overdue", "soon", "planned" or "none" (no round yet)


def headline(result: Result) -> tuple[float | None, float | None, float | None]:
    """A result's level, ideal and gap (a quiz: its points when complete, no ideal)."""
    grid = as_grid_result(result)
    if grid is not None:
        return grid.overall.current, grid.overall.ideal, grid.overall.gap
    quiz = as_quiz_result(result)
    if quiz is not None and quiz.band is not None and quiz.points is not None:
        return float(quiz.points), None, None
    return None, None, None


def portfolio_row(
    organization: Organization,
    rounds: Sequence[tuple[dt.date, Result]],
    plan: Sequence[PlanItem],
    today: dt.date,
    count: int | None = None,
) -> PortfolioRow:
    """The row of one organisation: its latest ``rounds`` of the questionnaire (the last
    two are enough), oldest first, the plan of its latest round, and how many rounds it
    has in all (default: ``len(rounds)``)."""
    if not rounds:
        return PortfolioRow(organization, 0)
    day, result = rounds[-1]
    level, ideal, gap = headline(result)
    trend = None
    if len(rounds) >= 2:
        before = headline(rounds[-2][1])[0]
        trend = level - before if level is not None and before is not None else None
    still_open = [i for i in plan if i.status in OPEN_STATUSES]
    overdue = [i for i in still_open if i.due is not None and i.due < today]
    review = next_review(day)
    state = (
        "overdue"
        if review < today
        else "soon"
        if (review - today).days <= REVIEW_SOON_DAYS
        else "planned"
    )
    return PortfolioRow(
        organization,
        count if count is not None else len(rounds),
        day,
        level,
        ideal,
        gap,
        trend,
        len(still_open),
        len(overdue),
        review,
        state,
    )


def filtered(
    rows: Iterable[PortfolioRow], sector: str | None = None, size: str | None = None
) -> list[PortfolioRow]:
    """The rows of one sector and/or size (None: any)."""
    return [
        r
        for r in rows
        if (sector is None or r.organization.sector == sector)
        and (size is None or r.organization.size == size)
    ]


def sort_key(row: PortfolioRow) -> tuple[int, dt.date, str]:
    """Overdue reviews first (the oldest first), then the rest by review date, then
    organisations without a round; by name within."""
    order = {"overdue": 0, "soon": 1, "planned": 2, "none": 3}[row.review]
    return order, row.next_review or dt.date.max, row.organization.name.casefold()
