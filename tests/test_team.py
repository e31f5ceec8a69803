"""Team views for a workshop: widest disagreement first; how quiz choices split."""

from __future__ import annotations

from cxmaturity.model import Rating
from cxmaturity.scoring import score_grid, score_quiz
from cxmaturity.team import (
    DISCUSS_SPREAD,
    Agreed,
    apply_consensus,
    disagreements,
    median_choice,
    splits,
)

from .conftest import answers


def test_widest_disagreement_comes_first(grid):
    team = [
        answers(grid.id, billing={"current": 1, "ideal": 4}, security={"current": 2, "ideal": 3}),
        answers(grid.id, billing={"current": 4, "ideal": 4}, security={"current": 3, "ideal": 3}),
        answers(
            grid.id, billing={"current": 2, "ideal": 2}, talent_training={"current": 2, "ideal": 2}
        ),
    ]
    ranked = disagreements(grid, score_grid(grid, team))
    assert [d.capability.id for d in ranked] == ["billing", "security", "talent-training"]
    assert ranked[0].spread == 3 and ranked[0].discuss
    assert ranked[1].spread == 1 and not ranked[1].discuss
    assert ranked[2].spread == 0
    assert DISCUSS_SPREAD == 2


def test_quiz_splits_list_every_option_least_agreement_first(quiz):
    team = [
        answers(quiz.id, q1="a", q2="a"),
        answers(quiz.id, q1="b", q2="a"),
        answers(quiz.id, q1="c", q2="a"),
    ]
    ranked = splits(quiz, score_quiz(quiz, team))
    assert [s.question_id for s in ranked] == ["q1", "q2", "q3", "q4"]
    q1 = ranked[0]
    assert dict(q1.counts) == {"a": 1, "b": 1, "c": 1} and q1.agreement == 1 / 3
    assert ranked[1].agreement == 1.0
    assert ranked[2].answered == 0 and ranked[2].agreement is None
    assert [o for o, _ in ranked[3].counts] == ["a", "b", "c", "d"]


def test_median_choice_is_the_option_at_the_lower_median_of_points(quiz):
    question = quiz.questions[0]
    by_points = sorted(question.options, key=lambda o: o.points)
    low, high = by_points[0], by_points[-1]
    assert median_choice(question, {low.id: 2, high.id: 2}) == low.id  # lower median of a tie
    assert median_choice(question, {low.id: 2, high.id: 3}) == high.id
    assert median_choice(question, {}) is None
    assert median_choice(question, {"nope": 3}) is None
    assert median_choice(question, {low.id: -1, high.id: 1}) == high.id  # not a count


def test_an_agreed_level_replaces_n_a_and_keeps_notes(grid):
    team = [
        answers(grid.id, billing="n/a"),
        answers(grid.id, billing={"current": 1, "ideal": 2, "note": "ojo"}),
        answers(grid.id),
    ]
    agreed = apply_consensus(grid, team, {"billing": Agreed(ideal=4)})
    assert [a.rating("billing") for a in agreed] == [
        Rating(ideal=4),
        Rating(current=1, ideal=4, note="ojo"),
        Rating(ideal=4),
    ]
    assert apply_consensus(grid, team, {}) == team
