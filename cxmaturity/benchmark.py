"""The private benchmark: one organisation's grid levels against other organisations'.

Pure maths on scored results; who the peers are (only organisations the same account
may see, each counted once with its latest round) is the service's business.

Definitions (``docs/consultant-workspace.md`` works them by hand):

- **median and quartiles**: the peers' values sorted; quartiles by linear
  interpolation between closest ranks, the "inclusive" method of
  :func:`statistics.quantiles` (the same as a spreadsheet's ``QUARTILE.INC``):
  Q1 at position ``(n - 1) / 4``, the median at ``(n - 1) / 2``, Q3 at ``3 (n - 1) / 4``
  (0-based).
- **percentile**: the share of peers strictly below the organisation's value plus half
  of those with the same value, in percent ("ahead of 70% of the organisations
  compared"). Ties count half so that an organisation level with everyone stands at 50.
- A comparison needs at least :data:`MIN_PEERS` other organisations with a value for
  that item; an item with fewer shows no figures at all (a small group could be
  recognised), and a benchmark with fewer for the overall level is not shown.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass

from .model import Grid
from .scoring import GridResult

MIN_PEERS = 5


@dataclass(frozen=True)
class Standing:
    """One item (overall, a category, a capability): the organisation's value and the
    peers' distribution. Figures are None when fewer than :data:`MIN_PEERS` peers
    have a value for it (or the organisation has none)."""

    id: str
    value: float | None
    peers: int  # how many peers have a value for this item
    q1: float | None = None
    median: float | None = None
    q3: float | None = None
    percentile: float | None = None

    @property
    def shown(self) -> bool:
        return self.median is not None


@dataclass(frozen=True)
class Benchmark:
    """A grid result against its peers. ``sector`` is the sector compared within
    (empty: every organisation the account may see)."""

    questionnaire: str
    peers: int
    sector: str
    overall: Standing
    categories: tuple[Standing, ...]
    capabilities: tuple[Standing, ...]

    def category(self, category_id: str) -> Standing | None:
        return next((s for s in self.categories if s.id == category_id), None)

    def capability(self, capability_id: str) -> Standing | None:
        return next((s for s in self.capabilities if s.id == capability_id), None)


def quartiles(values: Sequence[float]) -> tuple[float, float, float]:
    """Q1, median and Q3 of at least two values (inclusive linear interpolation)."""
    if len(values) < 2:
        raise ValueError("quartiles need at least two values")
    q1, q2, q3 = statistics.quantiles(values, n=4, method="inclusive")
    return q1, q2, q3


def percentile_rank(value: float, others: Sequence[float]) -> float:
    """Percent of ``others`` below ``value``, ties counted half."""
    if not others:
        raise ValueError("a percentile needs other values")
    below = sum(1 for v in others if v < value - 1e-9)
    same = sum(1 for v in others if abs(v - value) <= 1e-9)
    return 100.0 * (below + same / 2) / len(others)


def standing(item_id: str, value: float | None, others: Sequence[float | None]) -> Standing:
    """One item against the peers' values (None values left out)."""
    known = [float(v) for v in others if v is not None]
    if value is None or len(known) < MIN_PEERS:
        return Standing(item_id, value, len(known))
    q1, median, q3 = quartiles(known)
    return Standing(item_id, value, len(known), q1, median, q3, percentile_rank(value, known))


def benchmark(
    grid: Grid, own: GridResult, peers: Sequence[GridResult], sector: str = ""
) -> Benchmark | None:
    """``own`` against ``peers`` (other organisations' results of ``grid``, one each);
    None when fewer than :data:`MIN_PEERS` peers have an overall current level."""
    overall = standing("overall", own.overall.current, [p.overall.current for p in peers])
    if not overall.shown:  # no level of its own, or fewer than MIN_PEERS peers
        return None

    def category_value(result: GridResult, category_id: str) -> float | None:
        found = next((c for c in result.categories if c.id == category_id), None)
        return found.current if found is not None else None

    def capability_value(result: GridResult, capability_id: str) -> float | None:
        found = result.capability(capability_id)
        return float(found.current) if found is not None and found.current is not None else None

    categories = tuple(
        standing(c.id, category_value(own, c.id), [category_value(p, c.id) for p in peers])
        for c in grid.categories
    )
    capabilities = tuple(
        standing(c.id, capability_value(own, c.id), [capability_value(p, c.id) for p in peers])
        for _, c in grid.capabilities()
    )
    return Benchmark(grid.id, overall.peers, sector, overall, categories, capabilities)
