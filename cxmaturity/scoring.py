"""Answers -> results: pure functions implementing the scoring rules of the spec.

One respondent is a team of one: every function takes a sequence of answers
documents (one per respondent) of the same questionnaire.

Quiz: ``points`` is the sum of the chosen options' points; with several
respondents it is the lower median of the totals of those who answered every
question. ``band`` exists only for a complete total.

Grid: a capability's team value (current, ideal) is the median of the values the
respondents gave; it is *rated* when it has both. Unrated and not-applicable
capabilities are left out of every roll-up. Category and overall values are
weighted means; priority = gap x capability weight x category weight.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from .model import Answers, Grid, Quiz

Number = int | float
DECIMALS = 6


def _num(value: float | None) -> Number | None:
    """Round float noise away (2.0999999 -> 2.1); integral values become ints."""
    if value is None:
        return None
    rounded = round(float(value), DECIMALS)
    return int(rounded) if rounded.is_integer() else rounded


def _float(value: float | None) -> float | None:
    return None if value is None else round(float(value), DECIMALS)


def _sub(high: Number | None, low: Number | None) -> Number | None:
    return None if high is None or low is None else high - low


# ---------------------------------------------------------------------------- quiz


@dataclass(frozen=True)
class QuestionResult:
    id: str
    answered: int
    distribution: dict[str, int]


@dataclass(frozen=True)
class QuizResult:
    questionnaire: str
    respondents: int
    answered: int
    total_questions: int
    points: int | None
    min_points: int
    max_points: int
    band: str | None
    questions: tuple[QuestionResult, ...]
    complete_respondents: int
    capped_by: tuple[str, ...] = ()  # questions whose chosen option capped the band

    @property
    def complete(self) -> bool:
        return self.band is not None

    def to_json(self) -> dict[str, Any]:
        """The ``score --json`` shape of spec/cli.md."""
        out: dict[str, Any] = {
            "questionnaire": self.questionnaire,
            "kind": "quiz",
            "respondents": self.respondents,
            "answered": self.answered,
            "total_questions": self.total_questions,
            "points": self.points,
            "min_points": self.min_points,
            "max_points": self.max_points,
            "band": self.band,
            "capped_by": list(self.capped_by),
        }
        if self.respondents > 1:
            out["questions"] = [
                {"id": q.id, "distribution": q.distribution} for q in self.questions
            ]
        return out


def quiz_points(quiz: Quiz, answers: Answers) -> tuple[int, int]:
    """(points of the answered questions, number of questions answered)."""
    points = answered = 0
    for question in quiz.questions:
        choice = answers.choice(question.id)
        option = question.option(choice) if choice is not None else None
        if option is not None:
            points += option.points
            answered += 1
    return points, answered


def lower_median(values: Sequence[int]) -> int | None:
    """The lower median (an actual total, never a mean of two); None if empty."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[(len(ordered) - 1) // 2]


def median(values: Sequence[int]) -> float | None:
    """The median (mean of the two middle values for an even count); None if empty.

    Written out rather than taken from ``statistics``, whose import alone costs the
    command line about 15 ms.
    """
    if not values:
        return None
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return float(ordered[middle])
    return (ordered[middle - 1] + ordered[middle]) / 2


def score_quiz(quiz: Quiz, team: Sequence[Answers]) -> QuizResult:
    """Score one or several respondents' answers to a quiz."""
    totals = [quiz_points(quiz, answers) for answers in team]
    complete = [points for points, answered in totals if answered == len(quiz.questions)]
    questions = tuple(_question_result(quiz, q.id, team) for q in quiz.questions)
    if len(team) == 1:
        points: int | None = totals[0][0]
        answered = totals[0][1]
    else:
        points = lower_median(complete)
        answered = sum(1 for q in questions if q.answered)
    band = quiz.band_for(points) if complete and points is not None else None
    capped_by: tuple[str, ...] = ()
    if len(team) == 1 and band is not None and points is not None:  # caps: one answers set
        band, capped_by = quiz.capped_band(points, team[0])
    return QuizResult(
        questionnaire=quiz.id,
        respondents=len(team),
        answered=answered,
        total_questions=len(quiz.questions),
        points=points,
        min_points=quiz.min_points,
        max_points=quiz.max_points,
        band=band.id if band else None,
        questions=questions,
        complete_respondents=len(complete),
        capped_by=capped_by,
    )


def _question_result(quiz: Quiz, question_id: str, team: Sequence[Answers]) -> QuestionResult:
    question = quiz.question(question_id)
    assert question is not None
    counts = Counter(a.choice(question_id) for a in team)
    distribution = {o.id: counts[o.id] for o in question.options if counts[o.id]}
    return QuestionResult(question_id, sum(distribution.values()), distribution)


# ---------------------------------------------------------------------------- grid


@dataclass(frozen=True)
class CapabilityResult:
    id: str
    category: str
    current: Number | None
    ideal: Number | None
    gap: Number | None
    priority: float | None
    not_applicable: int
    respondents: int
    spread_current: Number | None
    spread_ideal: Number | None

    @property
    def rated(self) -> bool:
        return self.gap is not None


@dataclass(frozen=True)
class CategoryResult:
    id: str
    current: float | None
    ideal: float | None
    gap: float | None
    rated: int
    total: int


@dataclass(frozen=True)
class Overall:
    current: float | None
    ideal: float | None
    gap: float | None
    level: str | None
    ideal_level: str | None


@dataclass(frozen=True)
class GridResult:
    questionnaire: str
    respondents: int
    overall: Overall
    categories: tuple[CategoryResult, ...]
    capabilities: tuple[CapabilityResult, ...]

    @property
    def rated(self) -> int:
        return sum(1 for c in self.capabilities if c.rated)

    @property
    def not_applicable(self) -> int:
        """Capabilities every respondent who answered marked n/a."""
        return sum(1 for c in self.capabilities if c.not_applicable and not c.rated)

    @property
    def complete(self) -> bool:
        """Every capability is rated or not applicable."""
        return self.rated + self.not_applicable == len(self.capabilities)

    def capability(self, capability_id: str) -> CapabilityResult | None:
        return next((c for c in self.capabilities if c.id == capability_id), None)

    def to_json(self) -> dict[str, Any]:
        """The ``score --json`` shape of spec/cli.md."""
        team = self.respondents > 1
        return {
            "questionnaire": self.questionnaire,
            "kind": "grid",
            "respondents": self.respondents,
            "overall": {
                "current": self.overall.current,
                "ideal": self.overall.ideal,
                "gap": self.overall.gap,
                "level": self.overall.level,
                "ideal_level": self.overall.ideal_level,
            },
            "categories": [
                {"id": c.id, "current": c.current, "ideal": c.ideal, "gap": c.gap}
                for c in self.categories
            ],
            "capabilities": [_capability_json(c, team) for c in self.capabilities],
        }


def _capability_json(cap: CapabilityResult, team: bool) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": cap.id,
        "category": cap.category,
        "current": cap.current,
        "ideal": cap.ideal,
        "gap": cap.gap,
        "priority": cap.priority,
    }
    if team:
        out["spread"] = {"current": cap.spread_current, "ideal": cap.spread_ideal}
        out["respondents"] = cap.respondents
    return out


def _median(values: Sequence[int]) -> Number | None:
    return _num(median(values))


def _spread(values: Sequence[int]) -> Number | None:
    return max(values) - min(values) if values else None


def weighted_mean(pairs: Sequence[tuple[float, float]]) -> float | None:
    """Mean of (value, weight) pairs; None if there are none."""
    total = sum(weight for _, weight in pairs)
    if not pairs or total <= 0:
        return None
    return sum(value * weight for value, weight in pairs) / total


def score_grid(grid: Grid, team: Sequence[Answers]) -> GridResult:
    """Score one or several respondents' ratings of a capability grid."""
    capabilities: list[CapabilityResult] = []
    categories: list[CategoryResult] = []
    for category in grid.categories:
        results = [
            _capability_result(cap.id, category.id, cap.weight * category.weight, team)
            for cap in category.capabilities
        ]
        capabilities += results
        weights = [cap.weight for cap in category.capabilities]
        categories.append(_category_result(category.id, results, weights))
    overall = _overall(grid, categories)
    return GridResult(grid.id, len(team), overall, tuple(categories), tuple(capabilities))


def _capability_result(
    capability_id: str, category_id: str, weight: float, team: Sequence[Answers]
) -> CapabilityResult:
    ratings = [r for r in (a.rating(capability_id) for a in team) if r is not None]
    currents = [r.current for r in ratings if isinstance(r.current, int)]
    ideals = [r.ideal for r in ratings if isinstance(r.ideal, int)]
    current, ideal = _median(currents), _median(ideals)
    rated = current is not None and ideal is not None
    gap = _num(_sub(ideal, current)) if rated else None
    return CapabilityResult(
        id=capability_id,
        category=category_id,
        current=current if rated else None,
        ideal=ideal if rated else None,
        gap=gap,
        priority=_float(gap * weight) if gap is not None else None,
        not_applicable=sum(1 for r in ratings if r.not_applicable),
        respondents=sum(1 for r in ratings if r.rated),
        spread_current=_spread(currents),
        spread_ideal=_spread(ideals),
    )


def _category_result(
    category_id: str, results: Sequence[CapabilityResult], weights: Sequence[float]
) -> CategoryResult:
    rated = [(r, w) for r, w in zip(results, weights, strict=True) if r.rated]
    current = weighted_mean([(float(r.current), w) for r, w in rated if r.current is not None])
    ideal = weighted_mean([(float(r.ideal), w) for r, w in rated if r.ideal is not None])
    return CategoryResult(
        id=category_id,
        current=_float(current),
        ideal=_float(ideal),
        gap=_float(_sub(ideal, current)),
        rated=len(rated),
        total=len(results),
    )


def _overall(grid: Grid, categories: Sequence[CategoryResult]) -> Overall:
    weights = {c.id: c.weight for c in grid.categories}
    current = weighted_mean(
        [(c.current, weights[c.id]) for c in categories if c.current is not None]
    )
    ideal = weighted_mean([(c.ideal, weights[c.id]) for c in categories if c.ideal is not None])
    level = grid.level_at_or_below(current)
    ideal_level = grid.level_at_or_below(ideal)
    return Overall(
        current=_float(current),
        ideal=_float(ideal),
        gap=_float(_sub(ideal, current)),
        level=level.id if level else None,
        ideal_level=ideal_level.id if ideal_level else None,
    )


# ------------------------------------------------------------------------- dispatch

Result = QuizResult | GridResult


def score(questionnaire: Quiz | Grid, team: Sequence[Answers]) -> Result:
    """Score a team (one or more answers documents) of one questionnaire."""
    if not team:
        raise ValueError("at least one answers document is needed")
    if isinstance(questionnaire, Quiz):
        return score_quiz(questionnaire, team)
    return score_grid(questionnaire, team)


def as_quiz_result(result: Result) -> QuizResult | None:
    """The result as a quiz's (None for a grid's): with ``score``, the one dispatch."""
    return result if isinstance(result, QuizResult) else None


def as_grid_result(result: Result) -> GridResult | None:
    """The result as a grid's (None for a quiz's)."""
    return result if isinstance(result, GridResult) else None


def grid_pair(questionnaire: Quiz | Grid, result: Result | None) -> tuple[Grid, GridResult] | None:
    """A grid with its result (None unless both are a grid's)."""
    if isinstance(questionnaire, Grid) and isinstance(result, GridResult):
        return questionnaire, result
    return None


def quiz_pair(questionnaire: Quiz | Grid, result: Result | None) -> tuple[Quiz, QuizResult] | None:
    """A quiz with its result (None unless both are a quiz's)."""
    if isinstance(questionnaire, Quiz) and isinstance(result, QuizResult):
        return questionnaire, result
    return None
