"""Workshops in storage: codes, tokens, limits, isolation, closing (SQLite and PostgreSQL)."""

from __future__ import annotations

import datetime as dt
import json
import math
import random
import subprocess
import sys
import threading

import pytest

from cxmaturity.db.repository import Repository
from cxmaturity.loader import dump_answers
from cxmaturity.model import Rating
from cxmaturity.scoring import score
from cxmaturity.services.access import NotFoundOrNotYours
from cxmaturity.services.errors import TooManyAttempts, WorkshopError
from cxmaturity.services.tokens import (
    CODE_ALPHABET,
    CODE_LENGTH,
    new_code,
    normalize_code,
)
from cxmaturity.services.workshops import MAX_FAILED_JOINS, Workshops
from cxmaturity.team import Agreed

from ..helpers import admin_of, open_store, stored_team


@pytest.fixture
def rooms(db_url, quiz, grid):
    store = open_store(db_url)
    workshops = Workshops(store.database)
    workshop = workshops.create(
        admin_of(store), store.ensure_organization("Acme"), [quiz, grid], "es"
    )
    return store, workshops, workshop


def test_codes_cannot_be_guessed():
    assert CODE_LENGTH * math.log2(len(CODE_ALPHABET)) >= 48
    codes = {new_code() for _ in range(2000)}
    assert len(codes) == 2000
    assert all(len(c) == CODE_LENGTH and set(c) <= set(CODE_ALPHABET) for c in codes)
    assert normalize_code(" abcd-efgh 23 ") == "ABCDEFGH23"


def test_join_gives_a_token_for_that_participant_only(rooms, quiz):
    store, workshops, workshop = rooms
    joined, ana, token = workshops.join(workshop.code.lower(), " Ana  Pérez ", client="s1")
    assert joined.id == workshop.id and ana.name == "Ana Pérez"
    assert len(token) >= 32
    assert workshops.participant(token) == (workshop, ana)
    assert workshops.participant(token + "x") is None
    other = workshops.create(admin_of(store), store.ensure_organization("Beta"), [quiz], "es")
    _, luis, other_token = workshops.join(other.code, "Luis", client="s2")
    workshops.save_choice(token, quiz.id, "q1", "a")
    workshops.save_choice(other_token, quiz.id, "q1", "c")
    # Each token writes into its own workshop's assessment, under its own name only.
    [mine] = store.answers(workshops.assessments(workshop)[0]).values()
    [theirs] = store.answers(workshops.assessments(other)[0]).values()
    assert (mine.answers, theirs.answers) == ({"q1": "a"}, {"q1": "c"})
    assert workshops.participants(other) == [luis]


def test_a_browser_returning_to_the_join_link_continues_as_its_own_participant(rooms, quiz):
    store, workshops, workshop = rooms
    other = workshops.create(admin_of(store), store.ensure_organization("Beta"), [quiz], "es")
    _, _, theirs = workshops.join(other.code, "Luis", client="s1")
    _, _, mine = workshops.join(workshop.code, "Ana", client="s2")
    kept = [theirs, "bogus", mine]
    assert workshops.returning(kept, workshop.code.lower()) == mine
    assert workshops.returning(kept, other.code) == theirs
    # A token of another workshop, a made-up one or none never joins this room.
    assert workshops.returning([theirs, "bogus"], workshop.code) is None
    assert workshops.returning([], workshop.code) is None
    assert workshops.returning([mine], "") is None
    # Only the last few kept tokens are looked at (a stuffed cookie costs nothing).
    assert workshops.returning([mine] + ["x"] * 50, workshop.code) is None


def test_answers_are_kept_per_participant_and_score_as_a_team(rooms, quiz):
    store, workshops, workshop = rooms
    tokens = [workshops.join(workshop.code, f"P{n}", client=f"c{n}")[2] for n in range(12)]
    threads = [
        threading.Thread(
            target=lambda t=t, n=n: [
                workshops.save_choice(t, quiz.id, q.id, "abc"[(n + i) % 3])
                for i, q in enumerate(quiz.questions)
            ]
        )
        for n, t in enumerate(tokens)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    [live_quiz, _] = workshops.assessments(workshop)
    team = store.answers(live_quiz)
    assert len(team) == 12 and all(key.startswith("participant-") for key in team)
    result = score(quiz, list(team.values()))
    assert result.respondents == 12 and sum(result.questions[0].distribution.values()) == 12


def test_a_name_is_needed_unless_anonymous_is_allowed(db_url, quiz):
    store = open_store(db_url)
    workshops = Workshops(store.database)
    named = workshops.create(admin_of(store), store.ensure_organization("Acme"), [quiz], "es")
    with pytest.raises(WorkshopError, match="name"):
        workshops.join(named.code, "   ", client="x")
    anonymous = workshops.create(
        admin_of(store), store.ensure_organization("Acme"), [quiz], "es", anonymous=True
    )
    _, participant, _ = workshops.join(anonymous.code, "", client="x")
    assert participant.name == ""


def test_wrong_codes_are_limited_per_client(rooms):
    _, workshops, workshop = rooms
    for _ in range(MAX_FAILED_JOINS):
        with pytest.raises(WorkshopError, match="unknown code"):
            workshops.join("ZZZZZZZZZZ", "Eve", client="guesser")
    with pytest.raises(TooManyAttempts):
        workshops.join(workshop.code, "Eve", client="guesser")  # even the right one, for now
    workshops.join(workshop.code, "Ana", client="someone-else")  # others are not affected


def test_a_closed_workshop_takes_no_new_participants_or_answers(rooms, quiz):
    _, workshops, workshop = rooms
    _, _, token = workshops.join(workshop.code, "Ana", client="a")
    workshops.save_choice(token, quiz.id, "q1", "b")
    workshops.close(admin_of(workshops.database), workshop)
    with pytest.raises(WorkshopError, match="closed"):
        workshops.save_choice(token, quiz.id, "q2", "b")
    with pytest.raises(WorkshopError, match="closed"):
        workshops.join(workshop.code, "Luis", client="b")


def test_a_workshop_open_for_days_closes_after_its_day(rooms, quiz):
    """Open until the end of its closing day: answers and new people until then, none
    after; reopening a workshop whose day is over opens it until closed."""
    store, workshops, workshop = rooms
    facilitator = admin_of(workshops.database)
    today = dt.date.today()
    _, _, token = workshops.join(workshop.code, "Ana", client="a")
    workshops.set_closing(facilitator, workshop, today)  # the whole of today is still open
    assert workshops.get(workshop.id).open
    workshops.save_choice(token, quiz.id, "q1", "b")
    workshops.join(workshop.code, "Luis", client="b")
    workshops.set_closing(facilitator, workshop, today - dt.timedelta(days=1))
    stored = workshops.get(workshop.id)
    assert not stored.open and stored.past_closing and stored.status == "open"
    with pytest.raises(WorkshopError, match="closed"):
        workshops.save_choice(token, quiz.id, "q2", "b")
    with pytest.raises(WorkshopError, match="closed"):
        workshops.join(workshop.code, "Eva", client="c")
    saved = [a for people in stored_team(workshops, workshop).values() for a in people.values()]
    assert [a.answers for a in saved] == [{"q1": "b"}]  # nothing lost
    workshops.reopen(facilitator, stored)
    again = workshops.get(workshop.id)
    assert again.open and again.closes_on is None
    workshops.save_choice(token, quiz.id, "q2", "c")
    later = today + dt.timedelta(days=7)
    workshops.set_closing(facilitator, again, later)
    assert workshops.get(workshop.id).closes_on == later
    kept = store.ensure_organization("Beta")
    dated = workshops.create(facilitator, kept, [quiz], "es", closes_on=later)
    assert dated.closes_on == later and dated.open


def test_only_who_may_run_a_workshop_sets_its_closing_day(rooms):
    from cxmaturity.services.access import Actor
    from cxmaturity.services.accounts import Accounts

    _, workshops, workshop = rooms
    viewer = Actor(Accounts(workshops.database).add("v@example.com", "long password 123", "member",
                                                   actor="t"))  # fmt: skip
    yesterday = dt.date.today() - dt.timedelta(days=1)
    with pytest.raises(NotFoundOrNotYours):
        workshops.set_closing(viewer, workshop, yesterday)
    with pytest.raises(NotFoundOrNotYours):
        workshops.reopen(viewer, workshop)
    assert workshops.get(workshop.id).closes_on is None


def test_a_second_vote_keeps_the_first_votes_of_its_items(rooms, quiz, grid, catalog):
    """Opening items for a second vote keeps everyone's answer to them as the first
    vote; answers given afterwards are the second vote; an item opened again keeps its
    first votes; keys of items the workshop does not have are ignored."""
    store, _, workshop = rooms
    workshops = Workshops(store.database, catalog=lambda: catalog)
    facilitator = admin_of(workshops.database)
    tokens = [workshops.join(workshop.code, name, client=name)[2] for name in ("Ana", "Bo", "Cy")]
    for token, (choice, level) in zip(tokens, (("a", 1), ("b", 2), ("c", 4)), strict=True):
        workshops.save_choice(token, quiz.id, "q1", choice)
        workshops.save_choice(token, quiz.id, "q2", "a")
        workshops.save_rating(
            token, grid.id, "billing", Rating(current=level, ideal=4, note=choice)
        )
    opened = workshops.open_second_vote(
        facilitator, workshop, [f"{quiz.id}:q1", f"{grid.id}:billing", f"{grid.id}:nope", "x:y"]
    )
    assert opened.second_vote == (f"{grid.id}:billing", f"{quiz.id}:q1")
    for token in tokens:  # after the discussion the room agrees more
        workshops.save_choice(token, quiz.id, "q1", "b")
        workshops.save_rating(token, grid.id, "billing", Rating(current=2, ideal=3))
    now = workshops.live(facilitator, opened)
    first, second = now.first, {v.questionnaire.id: v for v in now.views}
    assert set(first) == {quiz.id, grid.id}
    assert _counts(first[quiz.id], "q1") == {"a": 1, "b": 1, "c": 1}
    assert _counts(second[quiz.id], "q1") == {"a": 0, "b": 3, "c": 0}
    assert sum(_counts(first[quiz.id], "q2").values()) == 0  # not in the second vote
    before = first[grid.id].result.capability("billing")
    after = second[grid.id].result.capability("billing")
    assert (before.current, before.spread_current) == (2, 3)
    assert (after.current, after.ideal, after.spread_current) == (2, 3, 0)
    again = workshops.open_second_vote(facilitator, opened, [f"{quiz.id}:q1"])
    assert again.second_vote == opened.second_vote
    first_again = workshops.live(facilitator, again).first
    assert _counts(first_again[quiz.id], "q1") == {"a": 1, "b": 1, "c": 1}


def _counts(view, question_id: str) -> dict[str, int]:
    return dict(next(s for s in view.splits if s.question_id == question_id).counts)


def test_only_who_may_run_a_workshop_opens_a_second_vote(rooms, quiz):
    from cxmaturity.services.access import Actor
    from cxmaturity.services.accounts import Accounts

    _, workshops, workshop = rooms
    viewer = Actor(Accounts(workshops.database).add("v@example.com", "long password 123", "member",
                                                   actor="t"))  # fmt: skip
    with pytest.raises(NotFoundOrNotYours):
        workshops.open_second_vote(viewer, workshop, [f"{quiz.id}:q1"])
    assert workshops.get(workshop.id).second_vote == ()


def test_an_anonymous_first_vote_shows_only_items_three_answered(db_url, quiz, catalog):
    store = open_store(db_url)
    workshops = Workshops(store.database, catalog=lambda: catalog)
    facilitator = admin_of(store)
    workshop = workshops.create(facilitator, store.ensure_organization("Anon"), [quiz], "es",
                                anonymous=True)  # fmt: skip
    tokens = [workshops.join(workshop.code, "", client=str(n))[2] for n in range(3)]
    for n, token in enumerate(tokens):
        workshops.save_choice(token, quiz.id, "q1", "abc"[n])
        if n == 0:
            workshops.save_choice(token, quiz.id, "q2", "a")
    opened = workshops.open_second_vote(facilitator, workshop, [f"{quiz.id}:q1", f"{quiz.id}:q2"])
    first = workshops.live(facilitator, opened).first[quiz.id]
    assert _counts(first, "q1") == {"a": 1, "b": 1, "c": 1}
    assert sum(_counts(first, "q2").values()) == 0  # one answer: withheld
    assert all(a.respondent is None for a in first.answers)  # no one behind a vote


def test_an_answer_the_questionnaire_does_not_have_is_refused(rooms, quiz, grid):
    """Only a hand-made request sends one (a radio's value is whatever string the
    browser sends): an unknown option, question, capability or level stores nothing."""
    from cxmaturity.services.errors import InvalidAnswer

    _, workshops, workshop = rooms
    _, _, token = workshops.join(workshop.code, "Ana", client="a")
    workshops.save_choice(token, quiz.id, "q1", "a")
    bad = [
        lambda: workshops.save_choice(token, quiz.id, "q1", "d"),  # q1 has a-c
        lambda: workshops.save_choice(token, quiz.id, "q9", "a"),
        lambda: workshops.save_choice(token, quiz.id, "q1", "<script>"),
        lambda: workshops.save_rating(token, grid.id, "billing", Rating(current=7, ideal=4)),
        lambda: workshops.save_rating(token, grid.id, "nope", Rating(current=1, ideal=4)),
    ]
    for attempt in bad:
        with pytest.raises(InvalidAnswer):
            attempt()
    saved = [a for people in stored_team(workshops, workshop).values() for a in people.values()]
    assert [a.answers for a in saved] == [{"q1": "a"}]


def test_groups_are_picked_by_participants_and_scored_apart(db_url, quiz, grid, catalog):
    """Each participant picks one of the workshop's groups; the live view has each
    group's own team view next to the whole room's; a group the workshop does not have
    is refused, and so is a change once the workshop is closed."""
    store = open_store(db_url)
    workshops = Workshops(store.database, catalog=lambda: catalog)
    facilitator = admin_of(store)
    workshop = workshops.create(facilitator, store.ensure_organization("G"), [quiz, grid], "es",
                                groups=[" Dirección ", "TI", "ti", ""])  # fmt: skip
    assert workshop.groups == ("Dirección", "TI")
    people = {"Ana": ("Dirección", 1), "Bo": ("Dirección", 2), "Cy": ("TI", 4)}
    for name, (group, level) in people.items():
        _, _, token = workshops.join(workshop.code, name, client=name)
        assert workshops.set_group(token, group).group == group
        workshops.save_rating(token, grid.id, "billing", Rating(current=level, ideal=4))
    with pytest.raises(WorkshopError, match="not a group"):
        workshops.set_group(token, "Ventas")
    now = workshops.live(facilitator, workshop)
    assert [(g.name, g.people) for g in now.groups] == [("Dirección", 2), ("TI", 1)]
    levels = {g.name: g.views[1].result.capability("billing").current for g in now.groups}
    assert levels == {"Dirección": 1.5, "TI": 4}
    assert now.views[1].result.capability("billing").current == 2  # the whole room
    workshops.close(facilitator, workshop)
    with pytest.raises(WorkshopError, match="closed"):
        workshops.set_group(token, "Dirección")


def test_anonymous_groups_show_an_item_once_three_of_the_group_answered(db_url, grid, catalog):
    store = open_store(db_url)
    workshops = Workshops(store.database, catalog=lambda: catalog)
    facilitator = admin_of(store)
    workshop = workshops.create(facilitator, store.ensure_organization("G"), [grid], "es",
                                anonymous=True, groups=["A", "B"])  # fmt: skip
    for n, group in enumerate("AAAB"):
        _, _, token = workshops.join(workshop.code, "", client=str(n))
        workshops.set_group(token, group)
        workshops.save_rating(token, grid.id, "billing", Rating(current=1 + n, ideal=4))
    now = workshops.live(facilitator, workshop)
    shown = {g.name: g.views[0].result.capability("billing") for g in now.groups}
    assert shown["A"].current == 2 and shown["A"].respondents == 3
    assert shown["B"].current is None  # one person: withheld
    assert all(a.respondent is None for g in now.groups for a in g.views[0].answers)


def test_grid_ratings_and_unknown_questionnaires(rooms, grid):
    store, workshops, workshop = rooms
    _, _, token = workshops.join(workshop.code, "Ana", client="a")
    workshops.save_rating(token, grid.id, "billing", Rating(current=2, ideal=4, note="x"))
    with pytest.raises(WorkshopError, match="not part of this workshop"):
        workshops.save_rating(token, "cx-mistakes", "billing", Rating(current=1))
    live_grid = workshops.assessments(workshop)[1]
    [answers] = store.answers(live_grid).values()
    assert answers.answers == {"billing": Rating(current=2, ideal=4, note="x")}


# ------------------------------------------------------------------- consensus


def _workshop_answers(workshops, workshop, grid, quiz, people=5, seed=7):
    """``people`` participants with varied answers (some skip, some n/a)."""
    rng = random.Random(seed)
    for n in range(people):
        _, _, token = workshops.join(workshop.code, f"Persona {n}", client=f"c{n}")
        for question in quiz.questions:
            workshops.save_choice(token, quiz.id, question.id, rng.choice(question.options).id)
        for _, capability in grid.capabilities():
            roll = rng.random()
            if roll < 0.1:
                continue
            if roll < 0.15:
                workshops.save_rating(token, grid.id, capability.id, Rating(current="n/a"))
                continue
            current = rng.randint(1, 4)
            ideal = rng.randint(current, 4)
            workshops.save_rating(
                token, grid.id, capability.id, Rating(current=current, ideal=ideal)
            )


def _cli_score(tmp_path, questionnaire, team):
    """``python -m cxmaturity score --json`` over the participants' exported files."""
    files = []
    for n, answers in enumerate(team):
        path = tmp_path / f"{questionnaire.id}-{n}.yaml"
        path.write_text(dump_answers(answers), encoding="utf-8")
        files.append(str(path))
    done = subprocess.run(
        [sys.executable, "-m", "cxmaturity", "score", "--json", *files],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout)


def test_consensus_keeping_every_median_equals_the_cli_team_score(rooms, grid, quiz, tmp_path):
    store, workshops, workshop = rooms
    _workshop_answers(workshops, workshop, grid, quiz)
    live = {a.questionnaire_id: a for a in workshops.assessments(workshop)}
    team = stored_team(workshops, workshop)
    for questionnaire in (quiz, grid):
        participants = list(team[live[questionnaire.id].id].values())
        assert len(participants) == 5
        expected = _cli_score(tmp_path, questionnaire, participants)
        agreed = workshops.save_consensus(admin_of(workshops.database), workshop, questionnaire, {})
        consensus = list(store.answers(agreed).values())
        assert score(questionnaire, consensus).to_json() == expected
        assert agreed.final and agreed.organization_id == workshop.organization_id
    # Fractional medians exist in this team and were kept as they are.
    assert any(
        isinstance(c["current"], float) and c["current"] % 1 for c in expected["capabilities"]
    )


def test_agreed_values_replace_everyones_answer_and_the_rest_stays_the_median(
    rooms, grid, quiz, tmp_path
):
    store, workshops, workshop = rooms
    _workshop_answers(workshops, workshop, grid, quiz, seed=11)
    live = {a.questionnaire_id: a for a in workshops.assessments(workshop)}
    participants = list(stored_team(workshops, workshop)[live[grid.id].id].values())
    expected = {c["id"]: c for c in _cli_score(tmp_path, grid, participants)["capabilities"]}
    first, second = (c.id for _, c in list(grid.capabilities())[:2])
    agreed = {first: Agreed(current=2, ideal=4), second: Agreed(ideal=3)}
    result = score(
        grid,
        list(
            store.answers(
                workshops.save_consensus(admin_of(workshops.database), workshop, grid, agreed)
            ).values()
        ),
    )
    assert (result.capability(first).current, result.capability(first).ideal) == (2, 4)
    assert result.capability(first).spread_current == 0
    assert result.capability(second).ideal == 3
    assert result.capability(second).current == expected[second]["current"]  # kept
    for cap in result.capabilities:
        if cap.id not in (first, second):
            assert (cap.current, cap.ideal) == (
                expected[cap.id]["current"],
                expected[cap.id]["ideal"],
            )
    # The quiz: an agreed choice is everyone's choice of that question.
    question = quiz.questions[0]
    consensus = workshops.save_consensus(
        admin_of(workshops.database), workshop, quiz, {question.id: question.options[-1].id}
    )
    assert {a.choice(question.id) for a in store.answers(consensus).values()} == {
        question.options[-1].id
    }


def test_consensus_is_the_organisations_assessment_and_can_be_saved_again(rooms, grid, quiz):
    store, workshops, workshop = rooms
    _workshop_answers(workshops, workshop, grid, quiz, people=3)
    organization = store.ensure_organization("Acme")
    assert store.assessments(organization) == []  # live assessments are not of record
    capability = grid.categories[0].capabilities[0].id
    first = workshops.save_consensus(
        admin_of(workshops.database), workshop, grid, {capability: Agreed(current=1, ideal=2)}
    )
    again = workshops.save_consensus(
        admin_of(workshops.database), workshop, grid, {capability: Agreed(current=3, ideal=4)}
    )
    assert again.id == first.id
    assert [a.id for a in store.assessments(organization)] == [first.id]
    [(in_history, team)] = store.history(organization)
    assert in_history.id == first.id and len(team) == 3
    assert {a.rating(capability).current for a in team.values()} == {3}
    live = next(a for a in workshops.assessments(workshop) if a.questionnaire_id == grid.id)
    assert workshops.source(again) == (workshop, live)
    assert workshops.consensus(workshop, live) == again


def test_consensus_without_participants_holds_the_agreed_values(rooms, grid):
    store, workshops, workshop = rooms
    capability = grid.categories[0].capabilities[0].id
    saved = workshops.save_consensus(
        admin_of(workshops.database), workshop, grid, {capability: Agreed(current=2, ideal=3)}
    )
    [only] = store.answers(saved).values()
    assert only.rating(capability) == Rating(current=2, ideal=3)


def test_dashboard_version_changes_with_joins_and_answers(rooms, quiz):
    _, workshops, workshop = rooms
    before = workshops.version(workshop)
    _, _, token = workshops.join(workshop.code, "Ana", client="v")
    joined = workshops.version(workshop)
    workshops.save_choice(token, quiz.id, "q1", "a")
    answered = workshops.version(workshop)
    workshops.close(admin_of(workshops.database), workshop)
    assert len({before, joined, answered, workshops.version(workshop)}) == 4


def _fail(*_args, **_kwargs):
    raise RuntimeError("the database went away half way")


def test_a_failure_half_way_through_saving_a_consensus_writes_nothing(
    rooms, grid, quiz, monkeypatch
):
    store, workshops, workshop = rooms
    _workshop_answers(workshops, workshop, grid, quiz, people=3)
    live = {a.questionnaire_id: a for a in workshops.assessments(workshop)}
    before = store.counts()
    # The last step of the action (linking the consensus to its workshop) fails, after the
    # assessment was created, every answer copied and the status set.
    monkeypatch.setattr(Repository, "link_consensus", _fail)
    with pytest.raises(RuntimeError):
        workshops.save_consensus(
            admin_of(workshops.database), workshop, grid, {"billing": Agreed(current=4)}
        )
    assert store.counts() == before  # no assessment, answer, plan or KPI row was kept
    assert workshops.consensus(workshop, live[grid.id]) is None
    organization = store.organization(workshop.organization_id)
    assert [a.questionnaire_id for a in store.assessments(organization)] == []


def test_a_failed_second_consensus_leaves_the_first_as_it_was(rooms, grid, quiz, monkeypatch):
    store, workshops, workshop = rooms
    _workshop_answers(workshops, workshop, grid, quiz, people=3)
    live = {a.questionnaire_id: a for a in workshops.assessments(workshop)}
    first = workshops.save_consensus(
        admin_of(workshops.database), workshop, grid, {"billing": Agreed(current=1)}
    )
    kept = store.answers(first)
    before = store.counts()
    monkeypatch.setattr(Repository, "link_consensus", _fail)
    with pytest.raises(RuntimeError):
        workshops.save_consensus(
            admin_of(workshops.database), workshop, grid, {"billing": Agreed(current=4)}
        )
    assert store.counts() == before
    assert workshops.consensus(workshop, live[grid.id]) == first
    assert store.answers(first) == kept  # the replaced answers came back whole
    assert {a.rating("billing").current for a in kept.values()} == {1}


def test_an_anonymous_workshop_shows_nobody_what_one_person_chose(db_url, quiz, grid, catalog):
    store = open_store(db_url)
    workshops = Workshops(store.database, catalog=lambda: catalog)
    admin = admin_of(store)
    organization = store.ensure_organization("Acme")
    workshop = workshops.create(admin, organization, [quiz, grid], "es", anonymous=True)
    assert workshop.anonymous and not workshops.create(admin, organization, [quiz], "es").anonymous
    capability = grid.categories[0].capabilities[0].id
    people = []
    for n, (choice, level) in enumerate([("a", 1), ("b", 2), ("c", 4)]):
        _, person, token = workshops.join(workshop.code, f"Person {n}", client=f"c{n}")
        assert person.name == ""  # no name is kept, whatever was typed
        workshops.save_choice(token, quiz.id, "q1", choice)
        workshops.save_rating(
            token, grid.id, capability, Rating(current=level, ideal=4, note=f"n{n}")
        )
        people.append(token)
        if n == 0:
            workshops.save_choice(token, quiz.id, "q2", "c")  # answered by one person only

        live = workshops.live(admin, workshop)
        quiz_view, grid_view = live.views
        q1, q2 = quiz_view.splits[0], quiz_view.splits[1]
        answered = n + 1
        # An item shows once three have answered it: before, no count, median or spread.
        assert q1.answered == (3 if answered >= 3 else 0)
        assert q2.answered == 0 and q2.median is None
        assert all(a.respondent is None for a in quiz_view.answers + grid_view.answers)
        rated = next(c for c in grid_view.result.capabilities if c.id == capability)
        assert (rated.current is None) == (answered < 3)
        assert all("q2" not in a.answers for a in quiz_view.answers)
    assert {s.question_id: dict(s.counts) for s in quiz_view.splits[:1]} == {
        "q1": {"a": 1, "b": 1, "c": 1}
    }
    # The participants' own answers: nobody's to read, not even the facilitator's.
    for live_assessment in workshops.assessments(workshop):
        with pytest.raises(NotFoundOrNotYours):
            store.open_round(admin, live_assessment.public_id, live_assessment.questionnaire_id)
    # The consensus holds what anybody could see: unnamed rows, no one-person item.
    saved = workshops.save_consensus(admin, workshop, quiz, {})
    rows = store.answers(saved)
    assert sorted(rows) == ["anonymous-1", "anonymous-2", "anonymous-3"]
    assert all(set(a.answers) == {"q1"} for a in rows.values())
    record = json.dumps(store.export_record(admin, organization))
    assert "participant-" not in record and "Person" not in record and '"q2"' not in record
    # A participant still sees their own answers, all of them.
    assert workshops.own_answers(people[0])[quiz.id].answers == {"q1": "a", "q2": "c"}


def test_a_named_workshop_shows_the_facilitator_each_persons_answers(rooms, quiz, catalog):
    store, _, workshop = rooms
    workshops = Workshops(store.database, catalog=lambda: catalog)
    _, ana, token = workshops.join(workshop.code, "Ana", client="c1")
    workshops.save_choice(token, quiz.id, "q1", "b")
    live = workshops.live(admin_of(store), workshop)
    assert live.participants == (ana,) and live.views[0].splits[0].answered == 1
    quiz_live = workshops.assessments(workshop)[0]
    opened = store.open_round(admin_of(store), quiz_live.public_id, quiz.id)
    assert opened is not None
