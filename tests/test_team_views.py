"""Team views, table-driven: what the CLI, the dashboard, the consensus and the report
all start from (`team.team_view`), for quiz and grid rooms that are empty, partial,
tied or whole. Expected values are worked out by hand (see each row's comment)."""

from __future__ import annotations

import json

import pytest
import yaml

from cxmaturity.model import Answers, Rating
from cxmaturity.scoring import as_grid_result, as_quiz_result
from cxmaturity.team import agreed_choices, agreed_result, team_view
from cxmaturity.ui.components.dashboard import split_rows

from .conftest import answers

# The quiz: q1-q3 options a, b, c worth 1, 2, 3; q4 a-d worth 1-4; bands 4-6, 7-10, 11-13.
QUIZ_ROOMS = {
    # room: (choices per person, points, band, median choice per question, q1 counts)
    "empty": ([], None, None, [None, None, None, None], (0, 0, 0)),
    # One person, half answered: their own points so far, no band yet.
    "one partial": (["ab"], 3, None, ["a", "b", None, None], (1, 0, 0)),
    # Totals 10 and 12 (the third is incomplete): lower median 10. q1 points 1, 3, 2 -> 2.
    "partial": (["abcd", "cccc", "b"], 10, "good-job", ["b", "b", "c", "c"], (1, 1, 1)),
    # Totals 7, 10, 12, 9 -> lower median 9, yet the median choices (b b b b) add up to 8:
    # per-question medians need not add up to the median of the totals.
    "tied": (["aaad", "ccca", "bccd", "cbbb"], 9, "good-job", ["b", "b", "b", "b"], (1, 1, 2)),
    # Everyone agrees: 3 + 3 + 3 + 4.
    "unanimous": (["cccd"] * 5, 13, "on-top-of-it", ["c", "c", "c", "d"], (0, 0, 5)),
}


def _quiz_room(quiz, people):
    ids = [q.id for q in quiz.questions]
    return [answers(quiz.id, **dict(zip(ids, letters, strict=False))) for letters in people]


@pytest.mark.parametrize("room", list(QUIZ_ROOMS))
def test_quiz_team_view(quiz, room):
    people, points, band, medians, q1 = QUIZ_ROOMS[room]
    view = team_view(quiz, _quiz_room(quiz, people))
    result = as_quiz_result(view.result)
    assert result is not None
    assert (result.points, result.band) == (points, band)
    assert [view.medians[q.id] for q in quiz.questions] == medians
    first = next(s for s in view.splits if s.question_id == quiz.questions[0].id)
    assert first.counts == tuple(zip("abc", q1, strict=True))  # questionnaire order
    assert len(view.answers) == len(people)
    # Keeping every median keeps everybody's answers: the consensus scores as the team.
    kept = agreed_choices(view.medians, view.medians)
    assert kept == {}
    if people:
        assert agreed_result(view, kept) == view.result


@pytest.mark.parametrize("room", list(QUIZ_ROOMS))
def test_quiz_split_rows_have_no_none_and_options_in_order(quiz, room):
    people, *_ = QUIZ_ROOMS[room]
    rows = split_rows(team_view(quiz, _quiz_room(quiz, people)), "en", "en")
    assert len(rows) == 4
    for row in rows:
        assert list(row)[:7] == ["#", "Question", "a", "b", "c", "d", "Median"]
        assert list(row)[7] == "Agreement"
        assert "None" not in json.dumps(row) and all(isinstance(v, str) for v in row.values())
    q1 = next(r for r in rows if r["#"] == "1")
    assert q1["d"] == ""  # q1 has three options
    if not people:
        assert (q1["Median"], q1["Agreement"]) == ("–", "–")


def test_an_agreed_answer_replaces_everyones_in_the_consensus_total(quiz):
    view = team_view(quiz, _quiz_room(quiz, QUIZ_ROOMS["tied"][0]))
    # q1 agreed "c" for everyone: totals 9, 10, 13, 9 -> lower median 9.
    agreed = agreed_choices(view.medians, {**view.medians, "q1": "c"})
    assert agreed == {"q1": "c"}
    assert as_quiz_result(agreed_result(view, agreed)).points == 9
    # Every question agreed "c" (q4 "d"): each person 13.
    everything = {"q1": "c", "q2": "c", "q3": "c", "q4": "d"}
    assert (
        as_quiz_result(agreed_result(view, agreed_choices(view.medians, everything))).points == 13
    )


def test_the_cli_scores_a_room_as_the_team_view(quiz, run_cli, tmp_path):
    people = QUIZ_ROOMS["tied"][0]
    files = []
    for n, person in enumerate(_quiz_room(quiz, people)):
        path = tmp_path / f"p{n}.yaml"
        path.write_text(yaml.safe_dump(person.model_dump(mode="json", exclude_none=True)))
        files.append(path)
    done = run_cli("score", *files, "--json")
    assert done.returncode == 0, done.stderr
    cli = json.loads(done.stdout)
    view = team_view(quiz, _quiz_room(quiz, people))
    result = as_quiz_result(view.result)
    assert (cli["points"], cli["band"]) == (result.points, result.band)
    for question in cli["questions"]:
        split = next(s for s in view.splits if s.question_id == question["id"])
        assert question["distribution"] == {o: n for o, n in split.counts if n}


# The grid: ratings of billing (b) and security (s) per person, as (current, ideal).
GRID_ROOMS = {
    # room: (people, billing (current, ideal, spread today, rated by), overall current)
    "empty": ([], (None, None, None, 0), None),
    "partial": ([{"billing": (2, 4)}, {"security": (3, 3)}, {}], (2, 4, 0, 1), 2.5),
    # Two people, 1 and 4: the median of an even count is the mean of the middle two.
    "tied": ([{"billing": (1, 4)}, {"billing": (4, 4)}], (2.5, 4, 3, 2), 2.5),
    # n/a is left out of the median.
    "with n/a": ([{"billing": (1, 3)}, {"billing": "n/a"}, {"billing": (3, 3)}], (2, 3, 2, 2), 2),
}


def _grid_room(grid, people):
    def rating(value):
        return value if value == "n/a" else {"current": value[0], "ideal": value[1]}

    return [answers(grid.id, **{k: rating(v) for k, v in person.items()}) for person in people]


@pytest.mark.parametrize("room", list(GRID_ROOMS))
def test_grid_team_view(grid, room):
    people, (current, ideal, spread, rated_by), overall = GRID_ROOMS[room]
    view = team_view(grid, _grid_room(grid, people))
    result = as_grid_result(view.result)
    assert result is not None
    billing = result.capability("billing")
    assert (billing.current, billing.ideal) == (current, ideal)
    assert (billing.spread_current, billing.respondents) == (spread, rated_by)
    assert result.overall.current == overall
    listed = [d.capability.id for d in view.disagreements]
    assert ("billing" in listed) == (rated_by > 0)
    assert len(view.answers) == len(people)
    if people:  # nothing agreed: the consensus scores as the team
        assert agreed_result(view, {}) == view.result


def test_a_grid_room_answers_hold_ratings(grid):
    view = team_view(grid, _grid_room(grid, GRID_ROOMS["tied"][0]))
    assert [a.rating("billing") for a in view.answers] == [
        Rating(current=1, ideal=4),
        Rating(current=4, ideal=4),
    ]


# The discussion list: (quiz rooms' choices, grid ratings of (billing, csat-measurement)
# as (current, ideal, note)) -> the items in order, flagged or not, disagreement.
DISCUSSION_ROOMS = {
    # Everyone alike: nothing to discuss.
    "agreed": (["abc", "abc"], [((2, 3, ""), (1, 1, "")), ((2, 3, ""), (1, 1, ""))], []),
    # billing 1..4 today (3 of 3 levels apart: 1.0, flagged); q1 a/b/c (agreement 1/3:
    # 0.67, flagged); q2 b/b/c (agreement 2/3: 0.33, not flagged); the second capability
    # 1..2 ideal (1 of 3: 0.33, not flagged), after q2 at the same disagreement (quiz
    # first: questionnaire order).
    "split": (
        ["abc", "bbc", "cca"],
        [((1, 4, "slow"), (1, 1, "")), ((4, 4, ""), (1, 2, "")), ((2, 4, " "), (1, 1, ""))],
        [("billing", True, 1.0), ("q1", True, 0.667), ("q2", False, 0.333),
         ("q3", False, 0.333), ("customer-data", False, 0.333)],
    ),
}  # fmt: skip


@pytest.mark.parametrize("room", list(DISCUSSION_ROOMS))
def test_the_discussion_list_puts_flagged_and_widest_first(room, quiz, grid):
    from cxmaturity.team import discussion_list

    choices, ratings, expected = DISCUSSION_ROOMS[room]
    second = list(grid.capabilities())[1][1].id
    people = [
        Answers(questionnaire=grid.id, respondent=f"p{n}",
                answers={"billing": Rating(current=a[0], ideal=a[1], note=a[2]),
                         second: Rating(current=b[0], ideal=b[1])})
        for n, (a, b) in enumerate(ratings)
    ]  # fmt: skip
    views = [team_view(quiz, _quiz_room(quiz, choices)), team_view(grid, people)]
    found = discussion_list(views)
    expected = [(second if item == "customer-data" else item, flag, share)
                for item, flag, share in expected]  # fmt: skip
    assert [(i.item_id, i.flagged, round(i.disagreement, 3)) for i in found] == expected
    notes = {i.item_id: i.notes for i in found}
    if "billing" in notes:  # a note of spaces is no note
        assert notes["billing"] == (("p0", "slow"),)


def test_clean_groups():
    from cxmaturity.records import MAX_GROUP_NAME, MAX_GROUPS, clean_groups

    assert clean_groups([" Dirección  general ", "TI", "ti", "", "  "]) == (
        "Dirección general", "TI")  # fmt: skip
    assert clean_groups(["x" * 100]) == ("x" * MAX_GROUP_NAME,)
    assert len(clean_groups(str(n) for n in range(20))) == MAX_GROUPS


def test_group_differences_widest_first(grid):
    from cxmaturity.scoring import score_grid
    from cxmaturity.team import group_differences

    first, second = grid.categories[0], grid.categories[1]

    def rated(level_first: int, level_second: int):
        values = {c.id: Rating(current=level_first, ideal=4) for c in first.capabilities}
        values |= {c.id: Rating(current=level_second, ideal=4) for c in second.capabilities}
        return score_grid(grid, [Answers(questionnaire=grid.id, answers=values)])

    # A and B: 3 levels apart on the first category, 1 on the second; C rated nothing.
    empty = score_grid(grid, [])
    found = group_differences(grid, [("A", rated(1, 2)), ("B", rated(4, 3)), ("C", empty)])
    assert [(cid, spread) for cid, spread, _ in found] == [(first.id, 3), (second.id, 1)]
    assert found[0][2] == {"A": 1, "B": 4}
    assert group_differences(grid, [("A", rated(2, 2)), ("B", rated(2, 2))]) == []
