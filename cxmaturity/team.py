"""A team's answers for discussion: where leaders disagree most, and how choices split.

The spread between leaders is the most useful thing a workshop can discuss; these
functions order the items so the facilitator starts with the widest disagreement.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from .model import (
    Answers,
    Capability,
    Category,
    Grid,
    Question,
    Quiz,
    Rating,
    as_grid,
    as_quiz,
)
from .scoring import (
    CapabilityResult,
    GridResult,
    Number,
    QuizResult,
    Result,
    lower_median,
    score,
    score_grid,
    score_quiz,
)

DISCUSS_SPREAD = 2  # levels apart (today or ideal) from which an item is flagged
MIN_ANONYMOUS = 3  # an anonymous workshop shows an item once this many have answered it


def anonymised(team: Sequence[Answers], minimum: int = MIN_ANONYMOUS) -> list[Answers]:
    """What anonymous mode lets anybody but the participant see of the team's answers.

    No respondent key, in an order that says nothing about who joined or answered
    when (sorted by content), and every item that fewer than ``minimum`` people have
    answered left out of everyone's answers, so that no count, median, spread or note
    of it can show one person's answer. Items reach ``minimum`` one by one and appear.
    """
    counts: dict[str, int] = {}
    for answers in team:
        for item, value in answers.answers.items():
            if value is not None:
                counts[item] = counts.get(item, 0) + 1
    shown = []
    for answers in team:
        kept = {i: v for i, v in answers.answers.items() if counts.get(i, 0) >= minimum}
        shown.append(answers.model_copy(update={"answers": kept, "respondent": None}))
    return sorted(shown, key=lambda a: a.model_dump_json())


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
    """How a team's choices for one question split over its options (every option
    listed, in questionnaire order), and the team's median choice."""

    question_id: str
    counts: tuple[tuple[str, int], ...]
    median: str | None = None  # the option at the lower median of the points chosen

    @property
    def answered(self) -> int:
        return sum(n for _, n in self.counts)

    @property
    def agreement(self) -> float | None:
        """Share of the most chosen option (1.0: everyone agrees); None if unanswered."""
        return max(n for _, n in self.counts) / self.answered if self.answered else None


def median_choice(question: Question, distribution: Mapping[str, int]) -> str | None:
    """The team median of one question from how its choices split: the option at the
    lower median of the points chosen (ties in points: the first such option in
    questionnaire order); None when nobody answered it."""
    points = sorted(
        option.points
        for option in question.options
        for _ in range(max(distribution.get(option.id, 0), 0))
    )
    middle = lower_median(points)
    if middle is None:
        return None
    return next(o.id for o in question.options if o.points == middle)


def counts_line(question: Question, split: Split) -> str:
    """How a question's votes split, in one line: "a) 2 · b) 0 · c) 1"."""
    letters = question.letters()
    return " · ".join(f"{letters[o]}) {n}" for o, n in split.counts)


def splits(quiz: Quiz, result: QuizResult) -> list[Split]:
    """Per question, the count of each option and the median choice, least agreement
    first (ties: questionnaire order)."""
    found = []
    for order, question in enumerate(quiz.questions):
        seen = next((q for q in result.questions if q.id == question.id), None)
        distribution = seen.distribution if seen is not None else {}
        counts = tuple((o.id, distribution.get(o.id, 0)) for o in question.options)
        found.append((order, Split(question.id, counts, median_choice(question, distribution))))
    found.sort(
        key=lambda pair: (pair[1].agreement if pair[1].agreement is not None else 2, pair[0])
    )
    return [s for _, s in found]


# ------------------------------------------------------------------- consensus
#
# After the discussion the facilitator sets an agreed value per item. An agreed value
# replaces every participant's answer to that item (the room agreed on it); an item
# whose team median is kept keeps everybody's answers. Scoring the result with the
# normal team rules therefore gives the agreed value where one was set and exactly
# the team result of `cli.md` (the median, possibly a half level) where the median
# was kept. The quiz is the same: agreed choices replace everybody's choice of that
# question, and the team points stay the lower median of the totals.


@dataclass(frozen=True)
class Agreed:
    """The agreed levels of one capability; None keeps the team median of that part."""

    current: int | None = None
    ideal: int | None = None


Consensus = dict[str, str | Agreed]  # item id -> agreed option (quiz) or levels (grid)


def agreed_choices(
    medians: Mapping[str, str | None], chosen: Mapping[str, str | None]
) -> Consensus:
    """The quiz questions agreed on something other than the team's median choice
    (``medians``: question id -> median option, from :func:`splits`)."""
    agreed: Consensus = {}
    for question_id, choice in chosen.items():
        if choice is not None and choice != medians.get(question_id):
            agreed[question_id] = choice
    return agreed


@dataclass(frozen=True)
class NotALevel:
    """An agreed value that is neither one of the grid's levels nor the team median."""

    capability: Capability
    value: float


Pair = tuple[float | None, float | None]  # (today, ideal)


def agreed_levels(
    grid: Grid, medians: Mapping[str, Pair], values: Mapping[str, Pair]
) -> tuple[Consensus, list[NotALevel]]:
    """The agreed levels of a grid from the values the facilitator set (in ``values``'
    order): a value equal to the team median (``medians``) keeps it, a level replaces
    it for everyone, anything else is a problem; an empty value keeps the median."""
    levels = {lv.value for lv in grid.levels}
    agreed: Consensus = {}
    problems: list[NotALevel] = []
    for capability_id, pair in values.items():
        capability = grid.capability(capability_id)
        if capability is None:
            continue
        parts: list[int | None] = []
        for value, median in zip(pair, medians.get(capability_id, (None, None)), strict=True):
            if value is None or math.isnan(value):
                parts.append(None)
            elif median is not None and math.isclose(value, median):
                parts.append(None)  # the team median, kept
            elif value.is_integer() and int(value) in levels:
                parts.append(int(value))
            else:
                parts.append(None)
                problems.append(NotALevel(capability, value))
        if parts[0] is not None or parts[1] is not None:
            agreed[capability_id] = Agreed(current=parts[0], ideal=parts[1])
    return agreed, problems


def apply_consensus(
    questionnaire: Quiz | Grid, team: Sequence[Answers], agreed: Consensus
) -> list[Answers]:
    """The team's answers with every agreed item set to the agreed value for everyone.

    With nobody's answers, the consensus is one respondent holding the agreed values.
    """
    people = list(team) or [Answers(questionnaire=questionnaire.id)]
    result = []
    for answers in people:
        values: dict[str, object] = dict(answers.answers)
        for item, value in agreed.items():
            if isinstance(value, str):
                values[item] = value
            else:
                values[item] = _agreed_rating(answers.rating(item), value)
        result.append(answers.model_copy(update={"answers": values}))
    return result


def _agreed_rating(rating: Rating | None, agreed: Agreed) -> Rating | None:
    before = rating or Rating()
    if before.not_applicable:  # n/a counts for neither part; an agreed level replaces it
        before = Rating(note=before.note)
    current = agreed.current if agreed.current is not None else before.current
    ideal = agreed.ideal if agreed.ideal is not None else before.ideal
    if current is None and ideal is None and before.note is None:
        return None
    return Rating(current=current, ideal=ideal, note=before.note)


# ------------------------------------------------------------------ dashboard


def answered_items(questionnaire: Quiz | Grid, answers: Answers) -> int:
    """How far one person is: questions answered, or capabilities rated or marked n/a."""
    return questionnaire.answered(answers)


@dataclass(frozen=True)
class TeamView:
    """What the facilitator sees of one questionnaire: the team result (the rules of
    `cli.md`), and the items ordered for discussion. The CLI's ``score``, the live
    dashboard, the consensus and the report's team sections all start from this one
    scoring of the participants' answers."""

    questionnaire: Quiz | Grid
    result: Result
    answers: tuple[Answers, ...] = ()  # each participant's own (never shown as such)
    disagreements: tuple[Disagreement, ...] = ()
    splits: tuple[Split, ...] = ()

    @property
    def medians(self) -> dict[str, str | None]:
        """Quiz: per question id, the team's median choice (None: nobody answered)."""
        return {s.question_id: s.median for s in self.splits}


def team_view(questionnaire: Quiz | Grid, team: Sequence[Answers]) -> TeamView:
    """The team result and the discussion order, in time linear in the answers."""
    quiz = as_quiz(questionnaire)
    if quiz is not None:
        quiz_result = score_quiz(quiz, team)
        ranked_splits = tuple(splits(quiz, quiz_result))
        return TeamView(quiz, quiz_result, tuple(team), splits=ranked_splits)
    grid = as_grid(questionnaire)
    assert grid is not None
    grid_result = score_grid(grid, team)
    ranked = tuple(disagreements(grid, grid_result))
    return TeamView(grid, grid_result, tuple(team), disagreements=ranked)


def agreed_result(view: TeamView, agreed: Consensus) -> Result:
    """What saving ``agreed`` as the consensus would score: every agreed item set for
    everyone, every other item keeping everybody's answers (so with nothing agreed it
    is the team result itself)."""
    return score(view.questionnaire, apply_consensus(view.questionnaire, view.answers, agreed))


# ------------------------------------------------------------------ presenter


@dataclass(frozen=True)
class RatingSplit:
    """How a team's ratings of one capability split over the grid's levels (every
    level listed, lowest first), today and ideal, and how many marked it n/a."""

    capability_id: str
    today: tuple[tuple[int, int], ...]
    ideal: tuple[tuple[int, int], ...]
    not_applicable: int = 0

    @property
    def answered(self) -> int:
        """People who rated it (today or ideal) or marked it n/a."""
        return max(sum(n for _, n in self.today), sum(n for _, n in self.ideal)) + (
            self.not_applicable
        )


def rating_split(grid: Grid, team: Sequence[Answers], capability_id: str) -> RatingSplit:
    """The level-by-level votes of one capability (what the presenter view shows)."""
    values = sorted(level.value for level in grid.levels)
    today = dict.fromkeys(values, 0)
    ideal = dict.fromkeys(values, 0)
    marked = 0
    for answers in team:
        rating = answers.rating(capability_id)
        if rating is None:
            continue
        if rating.not_applicable:
            marked += 1
            continue
        if isinstance(rating.current, int) and rating.current in today:
            today[rating.current] += 1
        if isinstance(rating.ideal, int) and rating.ideal in ideal:
            ideal[rating.ideal] += 1
    return RatingSplit(capability_id, tuple(today.items()), tuple(ideal.items()), marked)


def presenter_items(views: Sequence[TeamView]) -> list[tuple[TeamView, str]]:
    """Every item of the workshop in the order the presenter steps through them:
    questionnaire by questionnaire, item by item in questionnaire order."""
    return [(view, item) for view in views for item in view.questionnaire.item_ids()]


# ----------------------------------------------------------------- discussion

QUIZ_DISCUSS_AGREEMENT = 0.5  # a question is flagged when fewer than half chose alike


@dataclass(frozen=True)
class ToDiscuss:
    """One item of the facilitator's discussion list: how far apart the room is, and
    the notes people left on it (respondent key, note; keys are ``None`` in anonymous
    mode, where the views hold anonymised answers)."""

    view: TeamView
    item_id: str
    disagreement: float  # 0 (everyone alike) .. 1 (as far apart as the scale allows)
    flagged: bool
    notes: tuple[tuple[str | None, str], ...] = ()


def discussion_list(views: Sequence[TeamView]) -> list[ToDiscuss]:
    """Every item the room does not agree on, flagged ones first, then widest
    disagreement, then questionnaire order. A grid item's disagreement is its wider
    spread (today, ideal) over the widest the scale allows, flagged from
    :data:`DISCUSS_SPREAD` levels apart; a quiz question's is the share not choosing
    its most chosen option, flagged below :data:`QUIZ_DISCUSS_AGREEMENT` agreement."""
    found: list[tuple[int, ToDiscuss]] = []
    order = 0
    for view in views:
        grid = as_grid(view.questionnaire)
        if grid is not None:
            widest = max(len(grid.levels) - 1, 1)
            for item in view.disagreements:
                order += 1
                if item.spread > 0:
                    notes = _notes(view.answers, item.capability.id)
                    found.append((order, ToDiscuss(view, item.capability.id,
                                                   float(item.spread) / widest, item.discuss,
                                                   notes)))  # fmt: skip
            continue
        for split in view.splits:
            order += 1
            share = split.agreement
            if share is not None and share < 1:
                found.append((order, ToDiscuss(view, split.question_id, 1 - share,
                                               share < QUIZ_DISCUSS_AGREEMENT)))  # fmt: skip
    found.sort(key=lambda pair: (not pair[1].flagged, -pair[1].disagreement, pair[0]))
    return [item for _, item in found]


def _notes(team: Sequence[Answers], capability_id: str) -> tuple[tuple[str | None, str], ...]:
    notes = []
    for answers in team:
        rating = answers.rating(capability_id)
        if rating is not None and rating.note and rating.note.strip():
            notes.append((answers.respondent, rating.note.strip()))
    return tuple(notes)


# --------------------------------------------------------------------- groups


@dataclass(frozen=True)
class GroupView:
    """One group of a workshop (e.g. leadership, front line, IT): how many are in it
    and its own team view of each questionnaire (anonymised per group in anonymous
    mode, so an item shows once 3 people of the group have answered it)."""

    name: str
    people: int
    views: tuple[TeamView, ...]


def group_differences(
    grid: Grid, results: Sequence[tuple[str, GridResult]]
) -> list[tuple[str, float, dict[str, float]]]:
    """Where the groups see the organisation differently: per category of ``grid``
    that at least two groups rated, the distance between the highest and the lowest
    group's level today, with each group's level; widest first (ties: questionnaire
    order), categories the groups agree on left out."""
    found = []
    for order, category in enumerate(grid.categories):
        levels: dict[str, float] = {}
        for name, result in results:
            rated = next((c for c in result.categories if c.id == category.id), None)
            if rated is not None and rated.current is not None:
                levels[name] = rated.current
        if len(levels) >= 2 and max(levels.values()) > min(levels.values()):
            spread = round(max(levels.values()) - min(levels.values()), 2)
            found.append((order, (category.id, spread, levels)))
    found.sort(key=lambda pair: (-pair[1][1], pair[0]))
    return [item for _, item in found]
