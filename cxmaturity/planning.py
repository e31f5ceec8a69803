"""Results -> prioritised gaps, each with the questionnaire's suggested initiatives."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Annotated, Any

from pydantic import Field, model_validator

from .i18n import t
from .model import (
    MAX_NOTE_LENGTH,
    Capability,
    Category,
    Grid,
    Initiative,
    KpiCatalogue,
    LocatedMessage,
    SaneDate,
    Slug,
    Strict,
    Text,
)
from .scoring import CapabilityResult, GridResult, Number

REVIEW_MONTHS = 6
DEFAULT_TOP_GAPS = 5
MAX_PLAN_ITEMS = 500
MAX_INITIATIVE_LENGTH = 500


@dataclass(frozen=True)
class Gap:
    """One rated capability whose ideal differs from today."""

    capability: Capability
    category: Category
    current: Number
    ideal: Number
    gap: Number
    priority: float
    rank: int

    @property
    def initiatives(self) -> list[Initiative]:
        return self.capability.initiatives


@dataclass(frozen=True)
class Plan:
    """Positive gaps by priority (highest first) and negative gaps kept apart."""

    gaps: tuple[Gap, ...]
    negative: tuple[Gap, ...]

    def top(self, count: int) -> tuple[Gap, ...]:
        return self.gaps[:count]


def plan(grid: Grid, result: GridResult) -> Plan:
    """Rank the gaps of a grid result.

    Positive gaps sort by priority, descending, ties in questionnaire order.
    Negative gaps (an ideal below today: capacity that may be over-invested) sort
    by priority ascending, the largest excess first. Zero gaps are no gaps.
    """
    positive: list[_Row] = []
    negative: list[_Row] = []
    for order, (category, capability) in enumerate(grid.capabilities()):
        cap = result.capability(capability.id)
        if cap is None or cap.gap is None or cap.priority is None or cap.gap == 0:
            continue
        row = (order, category, capability, cap)
        (positive if cap.gap > 0 else negative).append(row)
    positive.sort(key=lambda row: (-(row[3].priority or 0), row[0]))
    negative.sort(key=lambda row: (row[3].priority or 0, row[0]))
    return Plan(_ranked(positive), _ranked(negative))


_Row = tuple[int, Category, Capability, CapabilityResult]


def _ranked(rows: list[_Row]) -> tuple[Gap, ...]:
    gaps = []
    for rank, (_, category, capability, cap) in enumerate(rows, start=1):
        assert cap.current is not None and cap.ideal is not None and cap.gap is not None
        priority = cap.priority or 0.0
        gaps.append(Gap(capability, category, cap.current, cap.ideal, cap.gap, priority, rank))
    return tuple(gaps)


# ------------------------------------------------------------------ the team's plan


class Priority(StrEnum):
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


class Status(StrEnum):
    PROPOSED = "proposed"
    PLANNED = "planned"
    IN_PROGRESS = "in-progress"
    DONE = "done"
    DROPPED = "dropped"


ShortText = Annotated[str, Field(max_length=300)]


def _positional_suggestion(data: Any) -> Any:
    """Plans written before initiatives had ids gave a suggestion's position (1-based):
    ``n`` becomes ``<capability>-<n>``, which the grid resolves to the n-th suggestion."""
    if isinstance(data, dict):
        n, capability = data.get("suggestion"), data.get("capability")
        if (
            isinstance(n, int)
            and not isinstance(n, bool)
            and n >= 1
            and isinstance(capability, str)
        ):
            return {**data, "suggestion": f"{capability}-{n}"}
    return data


class PlanItem(Strict):
    """One initiative the team commits to for one capability.

    ``suggestion`` names one of the capability's suggested initiatives by id (see
    :meth:`Capability.initiative`), whose texts then follow the report's language;
    ``initiative`` is the team's own text.
    """

    capability: Slug
    suggestion: Slug | None = None
    initiative: Text | None = None
    owner: ShortText = ""
    due: SaneDate | None = None
    priority: Priority = Priority.MEDIUM
    status: Status = Status.PROPOSED
    note: Annotated[str, Field(max_length=MAX_NOTE_LENGTH)] = ""

    _positions = model_validator(mode="before")(_positional_suggestion)

    @model_validator(mode="after")
    def _one_initiative(self) -> PlanItem:
        own = self.initiative is not None and self.initiative.get("").strip() != ""
        if (self.suggestion is not None) == own:
            raise ValueError("give either suggestion (a number) or initiative (a text)")
        root = self.initiative.root if self.initiative is not None else ""
        values = [root] if isinstance(root, str) else list(root.values())
        if any(len(value) > MAX_INITIATIVE_LENGTH for value in values):
            raise ValueError(f"initiative: at most {MAX_INITIATIVE_LENGTH} characters")
        return self


class PlanDocument(Strict):
    """A plan file: the initiatives chosen for one grid's gaps."""

    questionnaire: Slug
    plan: list[PlanItem] = Field(default_factory=list, max_length=MAX_PLAN_ITEMS)


def plan_problems(items: list[PlanItem], grid: Grid) -> list[LocatedMessage]:
    """Plan items that do not fit the grid: unknown capability, no such suggestion."""
    found: list[LocatedMessage] = []
    for i, item in enumerate(items):
        capability = grid.capability(item.capability)
        if capability is None:
            found.append((("plan", i, "capability"), f"unknown capability {item.capability!r}"))
        elif item.suggestion is not None and capability.initiative(item.suggestion) is None:
            known = ", ".join(i.id for i in capability.initiatives) or "none"
            message = f"{item.capability} has no suggested initiative {item.suggestion!r} ({known})"
            found.append((("plan", i, "suggestion"), message))
    return found


def suggested(grid: Grid, item: PlanItem) -> Initiative | None:
    """The questionnaire's initiative a plan item follows (None: the team's own text,
    or a suggestion the questionnaire no longer has)."""
    capability = grid.capability(item.capability)
    if capability is None or item.suggestion is None:
        return None
    return capability.initiative(item.suggestion)


def initiative_facts(
    initiative: Initiative, catalogue: KpiCatalogue | None, lang: str
) -> list[str]:
    """How to start a suggested initiative, in ``lang``: its first step, then the KPI
    that shows progress, who usually leads it and its effort (what it gives of these)."""
    lines = []
    if initiative.first_step is not None:
        lines.append(f"{t('plan_first_step', lang)}: {initiative.first_step.get(lang)}")
    facts = []
    if initiative.kpi is not None:
        kpi = catalogue.get(initiative.kpi) if catalogue is not None else None
        facts.append(f"{t('plan_kpi', lang)}: {kpi.name.get(lang) if kpi else initiative.kpi}")
    if initiative.owner_role is not None:
        facts.append(f"{t('plan_owner_role', lang)}: {initiative.owner_role.get(lang)}")
    if initiative.effort is not None:
        facts.append(f"{t('plan_effort', lang)}: {t(f'effort_{initiative.effort}', lang)}")
    return [*lines, " · ".join(facts)] if facts else lines


def initiative_text(grid: Grid, item: PlanItem, lang: str) -> str:
    """The initiative's title in ``lang``."""
    if item.initiative is not None:
        return item.initiative.get(lang)
    initiative = suggested(grid, item)
    return initiative.title.get(lang) if initiative is not None else str(item.suggestion)


def gap_priority(gap: Gap) -> Priority:
    """A starting priority from the size of the weighted gap."""
    if gap.priority >= 2:
        return Priority.HIGH
    return Priority.MEDIUM if gap.priority >= 1 else Priority.LOW


def priority_differs(gaps: Sequence[Gap]) -> bool:
    """Whether any gap's priority differs from the gap itself (capability or category
    weights other than 1): only then does a priority column say something new."""
    return any(abs(g.priority - g.gap) > 1e-9 for g in gaps)


def uncovered_gaps(
    gaps: Plan, items: Sequence[PlanItem], top: int = DEFAULT_TOP_GAPS
) -> tuple[Gap, ...]:
    """The top gaps whose capability has no initiative in ``items`` (a re-evaluation's
    new gaps, once last round's plan is carried over), in rank order."""
    covered = {item.capability for item in items}
    return tuple(g for g in gaps.top(top) if g.capability.id not in covered)


def suggestions_for(gaps: Sequence[Gap]) -> list[PlanItem]:
    """The suggested initiatives of ``gaps``, as the default plan proposes them."""
    return [
        PlanItem(capability=gap.capability.id, suggestion=i.id, priority=gap_priority(gap))
        for gap in gaps
        for i in gap.initiatives
    ]


def default_plan(gaps: Plan, top: int = DEFAULT_TOP_GAPS) -> list[PlanItem]:
    """The suggested initiatives of the top gaps: the plan before the team edits it.
    Gaps of equal priority come in questionnaire order (the format's rule), so the
    top ``top`` are the same on every screen and in every report."""
    return suggestions_for(gaps.top(top))


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` plus whole months, clamped to the month's last day (Aug 31 + 6 -> Feb 28)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def next_review(assessed_on: dt.date) -> dt.date:
    """The re-evaluation date: six months after the assessment."""
    return add_months(assessed_on, REVIEW_MONTHS)
