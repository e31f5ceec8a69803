"""Team views for a workshop: widest disagreement first; how quiz choices split."""

from __future__ import annotations

from cxmaturity.scoring import score_grid, score_quiz
from cxmaturity.team import DISCUSS_SPREAD, disagreements, splits

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
