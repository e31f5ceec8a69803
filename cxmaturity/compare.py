"""Two assessments of one questionnaire side by side: what rose and what fell."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from .model import Grid, Quiz
from .scoring import GridResult, Number, QuizResult

ARROWS = {"up": "▲", "down": "▼", "same": "=", "n/a": ""}


def direction_of(delta: float | None) -> str:
    """``up``, ``down``, ``same`` or ``n/a`` (no delta: not comparable)."""
    if delta is None:
        return "n/a"
    return "up" if delta > 1e-9 else "down" if delta < -1e-9 else "same"


@dataclass(frozen=True)
class Change:
    """One item's value before and after (current state, or quiz points)."""

    id: str
    before: Number | None
    after: Number | None
    ideal_before: Number | None = None
    ideal_after: Number | None = None

    @property
    def delta(self) -> Number | None:
        if self.before is None or self.after is None:
            return None
        return self.after - self.before

    @property
    def direction(self) -> str:
        """``up``, ``down``, ``same`` or ``n/a`` (not comparable)."""
        return direction_of(self.delta)


@dataclass(frozen=True)
class GridComparison:
    overall: Change
    categories: tuple[Change, ...]
    capabilities: tuple[Change, ...]

    def moved(self) -> tuple[Change, ...]:
        """Capabilities whose current level changed, biggest change first."""
        changed = [c for c in self.capabilities if c.direction in ("up", "down")]
        return tuple(sorted(changed, key=lambda c: -abs(c.delta or 0)))


class _Values(Protocol):
    @property
    def current(self) -> Number | None: ...
    @property
    def ideal(self) -> Number | None: ...


def _change(item_id: str, old: _Values | None, new: _Values | None) -> Change:
    return Change(
        item_id,
        old.current if old else None,
        new.current if new else None,
        old.ideal if old else None,
        new.ideal if new else None,
    )


def compare_grids(grid: Grid, before: GridResult, after: GridResult) -> GridComparison:
    """Category and capability changes between two results of ``grid``."""
    old_categories = {c.id: c for c in before.categories}
    new_categories = {c.id: c for c in after.categories}
    categories = [
        _change(c.id, old_categories.get(c.id), new_categories.get(c.id)) for c in grid.categories
    ]
    capabilities = [
        _change(c.id, before.capability(c.id), after.capability(c.id))
        for _, c in grid.capabilities()
    ]
    overall = _change("overall", before.overall, after.overall)
    return GridComparison(overall, tuple(categories), tuple(capabilities))


def compare_quizzes(quiz: Quiz, before: QuizResult, after: QuizResult) -> Change:
    """Quiz points before and after (None while a quiz is incomplete)."""
    del quiz  # same shape as compare_grids; bands come from the results
    return Change("points", before.points, after.points)
