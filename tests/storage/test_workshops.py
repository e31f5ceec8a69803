"""Workshops in storage: codes, tokens, limits, isolation, closing (SQLite and PostgreSQL)."""

from __future__ import annotations

import math
import threading

import pytest

from cxmaturity.model import Rating
from cxmaturity.scoring import score
from cxmaturity.storage import Storage
from cxmaturity.workshops import (
    CODE_ALPHABET,
    CODE_LENGTH,
    MAX_FAILED_JOINS,
    TooManyAttempts,
    WorkshopError,
    Workshops,
    facilitator_allowed,
    new_code,
    normalize_code,
)


@pytest.fixture
def rooms(db_url, quiz, grid):
    store = Storage.open(db_url)
    workshops = Workshops(store)
    workshop = workshops.create(store.organization("Acme"), [quiz, grid], "es")
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
    other = workshops.create(store.organization("Beta"), [quiz], "es")
    _, luis, other_token = workshops.join(other.code, "Luis", client="s2")
    workshops.save_choice(token, quiz.id, "q1", "a")
    workshops.save_choice(other_token, quiz.id, "q1", "c")
    # Each token writes into its own workshop's assessment, under its own name only.
    [mine] = store.answers(workshops.assessments(workshop)[0]).values()
    [theirs] = store.answers(workshops.assessments(other)[0]).values()
    assert (mine.answers, theirs.answers) == ({"q1": "a"}, {"q1": "c"})
    assert workshops.participants(other) == [luis]


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
    store = Storage.open(db_url)
    workshops = Workshops(store)
    named = workshops.create(store.organization("Acme"), [quiz], "es")
    with pytest.raises(WorkshopError, match="name"):
        workshops.join(named.code, "   ", client="x")
    anonymous = workshops.create(store.organization("Acme"), [quiz], "es", allow_anonymous=True)
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
    workshops.close(workshop)
    with pytest.raises(WorkshopError, match="closed"):
        workshops.save_choice(token, quiz.id, "q2", "b")
    with pytest.raises(WorkshopError, match="closed"):
        workshops.join(workshop.code, "Luis", client="b")


def test_grid_ratings_and_unknown_questionnaires(rooms, grid):
    store, workshops, workshop = rooms
    _, _, token = workshops.join(workshop.code, "Ana", client="a")
    workshops.save_rating(token, grid.id, "billing", Rating(current=2, ideal=4, note="x"))
    with pytest.raises(WorkshopError, match="not part of this workshop"):
        workshops.save_rating(token, "cx-mistakes", "billing", Rating(current=1))
    live_grid = workshops.assessments(workshop)[1]
    [answers] = store.answers(live_grid).values()
    assert answers.answers == {"billing": Rating(current=2, ideal=4, note="x")}


def test_facilitator_secret():
    assert facilitator_allowed("s3cret", "s3cret")
    assert not facilitator_allowed("s3cret ", "s3cret")
    assert not facilitator_allowed("", "")  # no secret configured: nobody
