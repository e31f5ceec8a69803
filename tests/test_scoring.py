"""Scoring as tables that read like the spec.

Quiz: answers -> points -> band. Grid: ratings -> category and overall values ->
levels -> priorities. Teams: medians, spread, distributions.
"""

from __future__ import annotations

import pytest

from cxmaturity.model import Answers, Capability, Category, Grid, Level, Quiz, Rating, Text
from cxmaturity.planning import PlanItem, plan, priority_differs, suggestions_for, uncovered_gaps
from cxmaturity.scoring import GridResult, QuizResult, score, score_grid, score_quiz

from .conftest import answers

# ---------------------------------------------------------------------------- quiz

QUIZ_TABLE = [
    # q1 q2 q3 q4 -> points, band
    ("a", "a", "a", "a", 4, "long-way-to-go"),  # lowest total
    ("a", "a", "b", "b", 6, "long-way-to-go"),  # upper edge of the first band
    ("a", "b", "b", "b", 7, "good-job"),  # lower edge of the second band
    ("b", "b", "b", "b", 8, "good-job"),
    ("c", "c", "b", "b", 10, "good-job"),  # upper edge of the second band
    ("c", "c", "c", "b", 11, "on-top-of-it"),  # lower edge of the last band
    ("c", "c", "c", "c", 12, "on-top-of-it"),
    ("c", "c", "c", "d", 13, "on-top-of-it"),  # highest total
    ("a", "a", "a", "d", 7, "good-job"),  # d is worth 4
]


@pytest.mark.parametrize(("q1", "q2", "q3", "q4", "points", "band"), QUIZ_TABLE)
def test_quiz_answers_to_points_to_band(quiz, q1, q2, q3, q4, points, band):
    result = score_quiz(quiz, [answers("avaya-cx-quiz", q1=q1, q2=q2, q3=q3, q4=q4)])
    assert (result.points, result.band) == (points, band)
    assert (result.answered, result.total_questions) == (4, 4)
    assert (result.min_points, result.max_points) == (4, 13)


PARTIAL_TABLE = [
    # answers -> answered, points (of the answered questions), band
    ({}, 0, 0, None),
    ({"q1": "c"}, 1, 3, None),
    ({"q1": "c", "q2": "c", "q3": "c"}, 3, 9, None),
    ({"q1": "c", "q2": None, "q3": "c", "q4": "d"}, 3, 10, None),  # null = unanswered
]


@pytest.mark.parametrize(("given", "answered", "points", "band"), PARTIAL_TABLE)
def test_partial_quiz_has_points_but_no_band(quiz, given, answered, points, band):
    result = score_quiz(quiz, [answers("avaya-cx-quiz", **given)])
    assert (result.answered, result.points, result.band) == (answered, points, band)
    assert not result.complete


def test_quiz_json_shape_is_the_contract(quiz):
    result = score_quiz(quiz, [answers("avaya-cx-quiz", q1="b", q2="b", q3="c", q4="b")])
    assert result.to_json() == {
        "questionnaire": "avaya-cx-quiz",
        "kind": "quiz",
        "respondents": 1,
        "answered": 4,
        "total_questions": 4,
        "points": 9,
        "min_points": 4,
        "max_points": 13,
        "band": "good-job",
        "capped_by": [],
    }


TEAM_QUIZ_TABLE = [
    # totals of complete respondents -> lower median
    ([("a", "a", "a", "a"), ("c", "c", "c", "d")], 4, "long-way-to-go"),  # 4, 13 -> 4
    ([("a", "a", "a", "a"), ("b", "b", "b", "b"), ("c", "c", "c", "d")], 8, "good-job"),
    (
        [("a", "a", "b", "b"), ("a", "b", "b", "b"), ("c", "c", "c", "b"), ("c", "c", "c", "d")],
        7,
        "good-job",
    ),  # 6, 7, 11, 13 -> lower median 7 (never the mean 9)
]


@pytest.mark.parametrize(("team", "points", "band"), TEAM_QUIZ_TABLE)
def test_team_quiz_points_are_the_lower_median(quiz, team, points, band):
    docs = [answers("avaya-cx-quiz", q1=a, q2=b, q3=c, q4=d) for a, b, c, d in team]
    result = score_quiz(quiz, docs)
    assert (result.respondents, result.points, result.band) == (len(team), points, band)


def test_team_quiz_ignores_incomplete_respondents_and_counts_choices(quiz):
    team = [
        answers("avaya-cx-quiz", q1="a", q2="a", q3="a", q4="a"),  # 4
        answers("avaya-cx-quiz", q1="c", q2="c", q3="c", q4="d"),  # 13
        answers("avaya-cx-quiz", q1="c", q2="c", q3="c", q4="c"),  # 12
        answers("avaya-cx-quiz", q1="c"),  # incomplete: left out of the median
    ]
    result = score_quiz(quiz, team)
    assert (result.points, result.band, result.complete_respondents) == (12, "on-top-of-it", 3)
    out = result.to_json()
    assert out["respondents"] == 4
    assert out["questions"][0] == {"id": "q1", "distribution": {"a": 1, "c": 3}}
    assert out["questions"][3] == {"id": "q4", "distribution": {"a": 1, "c": 1, "d": 1}}


def test_team_quiz_without_a_complete_respondent_has_no_points(quiz):
    team = [answers("avaya-cx-quiz", q1="a"), answers("avaya-cx-quiz", q2="b")]
    result = score_quiz(quiz, team)
    assert (result.points, result.band) == (None, None)


# ---------------------------------------------------------------------------- grid


def _grid(*categories: tuple[str, float, list[tuple[str, float]]], na: bool = True) -> Grid:
    """A small grid: (category id, weight, [(capability id, weight), ...]), levels 1-4."""
    levels = [Level(value=v, id=f"l{v}", label=Text(f"L{v}")) for v in (1, 2, 3, 4)]
    cats = [
        Category(
            id=cid,
            name=Text(cid),
            weight=weight,
            capabilities=[Capability(id=k, name=Text(k), weight=w) for k, w in caps],
        )
        for cid, weight, caps in categories
    ]
    return Grid(
        schema_version=1,
        id="g",
        kind="grid",
        languages=["en"],
        title=Text("G"),
        not_applicable=na,
        levels=levels,
        categories=cats,
    )


SMALL = _grid(("p", 1, [("a", 1), ("b", 1)]), ("q", 1, [("c", 1), ("d", 3)]))
WEIGHTED = _grid(("p", 2, [("a", 1), ("b", 1)]), ("q", 1, [("c", 1), ("d", 3)]))


def rate(**ratings: tuple[object, object] | str) -> Answers:
    values = {
        k: (v if isinstance(v, str) else {"current": v[0], "ideal": v[1]})
        for k, v in ratings.items()
    }
    return Answers(questionnaire="g", answers=values)


GRID_TABLE = [
    # grid, ratings -> p (current, ideal), q (current, ideal), overall (current, ideal), levels
    (SMALL, {"a": (1, 3), "b": (2, 4), "c": (1, 2), "d": (2, 2)},
     (1.5, 3.5), (1.75, 2.0), (1.625, 2.75), ("l1", "l2")),
    # d has weight 3 within q: q current = (1*1 + 2*3) / 4
    (SMALL, {"a": (4, 4), "b": (4, 4), "c": (3, 4), "d": (3, 4)},
     (4.0, 4.0), (3.0, 4.0), (3.5, 4.0), ("l3", "l4")),
    # category p weighs 2: overall = (2*p + 1*q) / 3
    (WEIGHTED, {"a": (1, 3), "b": (1, 3), "c": (4, 4), "d": (4, 4)},
     (1.0, 3.0), (4.0, 4.0), (2.0, 10 / 3), ("l2", "l3")),
    # N/A and unrated capabilities are left out of every roll-up
    (SMALL, {"a": (2, 3), "b": "n/a", "c": (3, None), "d": (1, 2)},
     (2.0, 3.0), (1.0, 2.0), (1.5, 2.5), ("l1", "l2")),
    # a category with nothing rated has no values and is left out of the overall
    (SMALL, {"a": (3, 4), "b": (3, 4)},
     (3.0, 4.0), (None, None), (3.0, 4.0), ("l3", "l4")),
    # nothing rated: no values, no levels
    (SMALL, {}, (None, None), (None, None), (None, None), (None, None)),
]  # fmt: skip


@pytest.mark.parametrize(("grid", "ratings", "p", "q", "overall", "levels"), GRID_TABLE)
def test_grid_ratings_to_categories_to_overall_to_levels(grid, ratings, p, q, overall, levels):
    result = score_grid(grid, [rate(**ratings)])
    cats = {c.id: c for c in result.categories}
    assert (cats["p"].current, cats["p"].ideal) == pytest.approx(p)
    assert (cats["q"].current, cats["q"].ideal) == pytest.approx(q)
    assert (result.overall.current, result.overall.ideal) == pytest.approx(overall)
    assert (result.overall.level, result.overall.ideal_level) == levels
    if overall[0] is not None:
        assert result.overall.gap == pytest.approx(overall[1] - overall[0])


def test_unrated_and_not_applicable_capabilities_are_null():
    result = score_grid(SMALL, [rate(a=(2, 3), b="n/a", c=(3, None))])
    rows = {c["id"]: c for c in result.to_json()["capabilities"]}
    for cap in ("b", "c", "d"):
        values = (rows[cap]["current"], rows[cap]["ideal"], rows[cap]["gap"])
        assert values == (None, None, None)
        assert rows[cap]["priority"] is None
    assert rows["a"] == {
        "id": "a", "category": "p", "current": 2, "ideal": 3, "gap": 1, "priority": 1.0,
    }  # fmt: skip
    assert not result.complete


PRIORITY_TABLE = [
    # ratings -> gaps in priority order (capability, gap, priority), negative gaps apart
    ({"a": (1, 3), "b": (2, 3), "c": (1, 2), "d": (1, 2)},
     [("d", 1, 3.0), ("a", 2, 2.0), ("b", 1, 1.0), ("c", 1, 1.0)], []),
    ({"a": (1, 3), "b": (1, 3), "c": (2, 4), "d": (3, 2)},
     [("a", 2, 2.0), ("b", 2, 2.0), ("c", 2, 2.0)], [("d", -1, -3.0)]),
    ({"a": (4, 1), "b": (4, 3), "c": (2, 2), "d": (2, 2)},
     [], [("a", -3, -3.0), ("b", -1, -1.0)]),
]  # fmt: skip


@pytest.mark.parametrize(("ratings", "expected", "negative"), PRIORITY_TABLE)
def test_priority_is_gap_times_weights_ties_in_questionnaire_order(ratings, expected, negative):
    ranked = plan(SMALL, score_grid(SMALL, [rate(**ratings)]))
    positive = [(g.capability.id, g.gap, g.priority) for g in ranked.gaps]
    # d (weight 3): gap 1 -> priority 3, ahead of a (gap 2, weight 1)
    assert sorted(positive, key=lambda g: -g[2]) == positive
    assert set(positive) == set(expected)
    assert [(g.capability.id, g.gap, g.priority) for g in ranked.negative] == negative
    assert [g.rank for g in ranked.gaps] == list(range(1, len(ranked.gaps) + 1))


def test_priority_order_exactly():
    ranked = plan(SMALL, score_grid(SMALL, [rate(a=(1, 3), b=(2, 3), c=(1, 2), d=(1, 2))]))
    assert [(g.capability.id, g.priority) for g in ranked.gaps] == [
        ("d", 3.0),
        ("a", 2.0),
        ("b", 1.0),
        ("c", 1.0),  # tie with b: questionnaire order
    ]


def test_top_gaps_without_an_initiative_and_their_suggestions(grid):
    ids = [c.id for _, c in grid.capabilities()]
    ratings = {cid: Rating(current=1, ideal=4 if n < 4 else 2) for n, cid in enumerate(ids)}
    ranked = plan(grid, score_grid(grid, [Answers(questionnaire=grid.id, answers=ratings)]))
    top = [g.capability.id for g in ranked.top(3)]
    assert top == ids[:3]  # gaps of 3 first; equal ones in questionnaire order
    covered = [PlanItem(capability=top[0], initiative="Our own")]
    assert [g.capability.id for g in uncovered_gaps(ranked, covered, top=3)] == top[1:]
    assert uncovered_gaps(ranked, covered, top=1) == ()
    proposed = suggestions_for(uncovered_gaps(ranked, covered, top=3))
    expected = [(g.capability.id, i.id) for g in ranked.gaps[1:3] for i in g.initiatives]
    assert len(expected) >= 4  # the bundled grid suggests two or three per capability
    assert [(p.capability, p.suggestion) for p in proposed] == expected


def test_priority_shows_only_where_weights_make_it_differ():
    plain = plan(SMALL, score_grid(SMALL, [rate(a=(1, 3), b=(2, 3))]))
    assert not priority_differs(plain.gaps)  # weight 1: the priority is the gap
    weighted = plan(SMALL, score_grid(SMALL, [rate(a=(1, 3), d=(1, 2))]))
    assert priority_differs(weighted.gaps)  # d weighs 3


def test_category_weight_multiplies_priority():
    ranked = plan(WEIGHTED, score_grid(WEIGHTED, [rate(a=(1, 2), c=(1, 2))]))
    assert [(g.capability.id, g.priority) for g in ranked.gaps] == [("a", 2.0), ("c", 1.0)]


# ---------------------------------------------------------------------------- teams

TEAM_GRID_TABLE = [
    # each respondent's (current, ideal) for capability a -> team values, spread, k
    ([(1, 3), (2, 4), (4, 4)], (2, 4, 2), {"current": 3, "ideal": 1}, 3),
    ([(1, 3), (2, 4)], (1.5, 3.5, 2), {"current": 1, "ideal": 1}, 2),
    ([(1, 3), "n/a", (3, 3)], (2, 3, 1), {"current": 2, "ideal": 0}, 2),
    ([(2, 2), (None, None)], (2, 2, 0), {"current": 0, "ideal": 0}, 1),
    (["n/a", "n/a"], (None, None, None), {"current": None, "ideal": None}, 0),
]


@pytest.mark.parametrize(("ratings", "values", "spread", "k"), TEAM_GRID_TABLE)
def test_team_grid_uses_medians_and_reports_spread(ratings, values, spread, k):
    team = [rate(a=r) for r in ratings]
    out = score_grid(SMALL, team).to_json()
    row = out["capabilities"][0]
    assert (row["current"], row["ideal"], row["gap"]) == values
    assert row["spread"] == spread
    assert row["respondents"] == k
    assert out["respondents"] == len(ratings)


def test_team_roll_ups_follow_the_normal_rules_on_team_values():
    team = [rate(a=(1, 3), b=(2, 2)), rate(a=(3, 3), b=(2, 4)), rate(a=(2, 4), b=(4, 4))]
    result = score_grid(SMALL, team)
    # a: median current 2, ideal 3; b: current 2, ideal 4 -> p: 2.0 -> 3.5
    p = result.categories[0]
    assert (p.current, p.ideal, p.gap) == (2.0, 3.5, 1.5)


# ---------------------------------------------------------------------- bundled grid


def test_bundled_grid_full_rating(grid):
    ratings = {cap.id: {"current": 2, "ideal": 3} for _, cap in grid.capabilities()}
    ratings["talent-training"] = {"current": 2, "ideal": 4}
    ratings["security"] = "n/a"
    result = score(grid, [Answers(questionnaire=grid.id, answers=ratings)])
    assert isinstance(result, GridResult)
    assert result.complete and result.rated == 24 and result.not_applicable == 1
    assert result.overall.level == "meets-some"
    top = plan(grid, result).gaps[0]
    assert (top.capability.id, top.gap) == ("talent-training", 2)
    assert 2 <= len(top.initiatives) <= 3


def test_score_dispatches_on_kind(quiz):
    result = score(quiz, [answers("avaya-cx-quiz", q1="a")])
    assert isinstance(result, QuizResult)
    with pytest.raises(ValueError, match="at least one"):
        score(quiz, [])


def test_a_quiz_with_negative_and_zero_points():
    quiz = Quiz.model_validate(
        {
            "schema_version": 1,
            "id": "signed",
            "kind": "quiz",
            "languages": ["en"],
            "title": "Signed",
            "questions": [
                {
                    "id": "x",
                    "text": "X",
                    "options": [
                        {"id": "bad", "text": "Bad", "points": -2},
                        {"id": "none", "text": "None", "points": 0},
                        {"id": "good", "text": "Good", "points": 2},
                    ],
                }
            ],
            "bands": [
                {"id": "low", "min": -2, "max": -1, "label": "Low"},
                {"id": "mid", "min": 0, "max": 1, "label": "Mid"},
                {"id": "high", "min": 2, "max": 2, "label": "High"},
            ],
        }
    )
    assert (quiz.min_points, quiz.max_points) == (-2, 2)
    for choice, band in (("bad", "low"), ("none", "mid"), ("good", "high")):
        assert (
            score_quiz(quiz, [Answers(questionnaire="signed", answers={"x": choice})]).band == band
        )
