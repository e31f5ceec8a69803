"""A team's answers for discussion: where leaders disagree most, and how choices split.

The spread between leaders is the most useful thing a workshop can discuss; these
functions order the items so the facilitator starts with the widest disagreement.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import Capability, Category, Grid, Quiz
from .scoring import CapabilityResult, GridResult, Number, QuizResult

DISCUSS_SPREAD = 2  # levels apart (today or ideal) from which an item is flagged


@dataclass(frozen=True)
class Disagreement:
    category: Category
    capability: Capability
    result: CapabilityResult

    @property
    def spread(self) -> Number:
        """The wider of the two spreads (today, ideal)."""
        return max(self.result.spread_current or 0, self.result.spread_ideal or 0)

    @property
    def discuss(self) -> bool:
        return self.spread >= DISCUSS_SPREAD


def disagreements(grid: Grid, result: GridResult) -> list[Disagreement]:
    """Every capability someone rated, widest spread first (ties: questionnaire order)."""
    found = []
    for order, (category, capability) in enumerate(grid.capabilities()):
        cap = result.capability(capability.id)
        if cap is not None and (cap.spread_current is not None or cap.spread_ideal is not None):
            found.append((order, Disagreement(category, capability, cap)))
    found.sort(key=lambda pair: (-pair[1].spread, -(pair[1].result.spread_current or 0), pair[0]))
    return [d for _, d in found]


@dataclass(frozen=True)
class Split:
    """How a team's choices for one question split over its options (every option listed)."""

    question_id: str
    counts: tuple[tuple[str, int], ...]

    @property
    def answered(self) -> int:
        return sum(n for _, n in self.counts)

    @property
    def agreement(self) -> float | None:
        """Share of the most chosen option (1.0: everyone agrees); None if unanswered."""
        return max(n for _, n in self.counts) / self.answered if self.answered else None


def splits(quiz: Quiz, result: QuizResult) -> list[Split]:
    """Per question, the count of each option, least agreement first."""
    found = []
    for order, question in enumerate(quiz.questions):
        seen = next((q for q in result.questions if q.id == question.id), None)
        counts = tuple(
            (o.id, seen.distribution.get(o.id, 0) if seen else 0) for o in question.options
        )
        found.append((order, Split(question.id, counts)))
    found.sort(
        key=lambda pair: (pair[1].agreement if pair[1].agreement is not None else 2, pair[0])
    )
    return [s for _, s in found]
