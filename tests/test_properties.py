"""Property-based tests: any valid answers score; gap = ideal - current; values in range."""

from __future__ import annotations

import math

from hypothesis import given, settings
from hypothesis import strategies as st

from cxmaturity.loader import load_questionnaire
from cxmaturity.model import NOT_APPLICABLE, Answers, Grid, Quiz
from cxmaturity.planning import plan
from cxmaturity.scoring import score_grid, score_quiz

from .conftest import ASSESSMENTS

QUIZZES = [load_questionnaire(ASSESSMENTS / n) for n in ("avaya-cx-quiz.yaml", "cx-mistakes.yaml")]
GRID = load_questionnaire(ASSESSMENTS / "avaya-capability-grid.yaml")
assert isinstance(GRID, Grid)
LOW, HIGH = GRID.levels[0].value, GRID.levels[-1].value


@st.composite
def quiz_answers(draw, quiz: Quiz) -> Answers:
    chosen = {}
    for question in quiz.questions:
        option = draw(st.none() | st.sampled_from(question.options))
        if option is not None:
            chosen[question.id] = option.id
    return Answers(questionnaire=quiz.id, answers=chosen)


level = st.sampled_from([lv.value for lv in GRID.levels])
rating = st.one_of(
    st.none(),
    st.just(NOT_APPLICABLE),
    st.fixed_dictionaries({"current": level, "ideal": level}),
    st.fixed_dictionaries({"current": level}),
)


@st.composite
def grid_answers(draw) -> Answers:
    ratings = {}
    for _, capability in GRID.capabilities():
        value = draw(rating)
        if value is not None:
            ratings[capability.id] = value
    return Answers(questionnaire=GRID.id, answers=ratings)


@settings(max_examples=80, deadline=None)
@given(data=st.data(), quiz_index=st.sampled_from([0, 1]), size=st.integers(1, 6))
def test_any_valid_quiz_answers_score(data, quiz_index, size):
    quiz = QUIZZES[quiz_index]
    assert isinstance(quiz, Quiz)
    team = [data.draw(quiz_answers(quiz)) for _ in range(size)]
    result = score_quiz(quiz, team)
    if result.points is not None and result.answered == len(quiz.questions) and size == 1:
        assert quiz.min_points <= result.points <= quiz.max_points
        assert result.band is not None
    if result.band is not None:
        band = next(b for b in quiz.bands if b.id == result.band)
        if result.capped_by:  # a cap holds the result at or below the points' own band
            assert band.min <= result.points
            own = next(b for b in quiz.bands if b.min <= result.points <= b.max)
            assert quiz.bands.index(band) <= quiz.bands.index(own)
        else:
            assert band.min <= result.points <= band.max
    for question in result.questions:
        assert sum(question.distribution.values()) <= size


@settings(max_examples=80, deadline=None)
@given(team=st.lists(grid_answers(), min_size=1, max_size=5))
def test_any_valid_grid_answers_score_within_range(team):
    result = score_grid(GRID, team)
    for cap in result.capabilities:
        if cap.gap is None:
            assert cap.current is None and cap.ideal is None and cap.priority is None
            continue
        assert cap.gap == cap.ideal - cap.current
        assert LOW <= cap.current <= HIGH and LOW <= cap.ideal <= HIGH
    for cat in (*result.categories, result.overall):
        if cat.current is None:
            assert cat.ideal is None and cat.gap is None
            continue
        assert LOW <= cat.current <= HIGH and LOW <= cat.ideal <= HIGH
        assert math.isclose(cat.gap, cat.ideal - cat.current, abs_tol=1e-5)
    if result.overall.current is not None:
        assert result.overall.level is not None and result.overall.ideal_level is not None


@settings(max_examples=60, deadline=None)
@given(answers=grid_answers())
def test_plan_keeps_every_nonzero_gap_once_in_order(answers):
    result = score_grid(GRID, [answers])
    ranked = plan(GRID, result)
    nonzero = {c.id for c in result.capabilities if c.gap not in (None, 0)}
    listed = [g.capability.id for g in (*ranked.gaps, *ranked.negative)]
    assert sorted(listed) == sorted(nonzero)
    priorities = [g.priority for g in ranked.gaps]
    assert priorities == sorted(priorities, reverse=True)
    assert all(g.gap > 0 for g in ranked.gaps) and all(g.gap < 0 for g in ranked.negative)


@given(st.lists(st.integers(-50, 50), max_size=40))
def test_medians_match_the_standard_library(values):
    import statistics

    from cxmaturity.scoring import lower_median, median

    if not values:
        assert median(values) is None and lower_median(values) is None
    else:
        assert median(values) == statistics.median(values)
        assert lower_median(values) == statistics.median_low(values)
