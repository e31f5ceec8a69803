"""Results -> prioritised gaps, each with the questionnaire's suggested initiatives."""

from __future__ import annotations

from dataclasses import dataclass

from .model import Capability, Category, Grid, Initiative
from .scoring import CapabilityResult, GridResult, Number


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
