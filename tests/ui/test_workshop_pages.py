"""Workshop pages under AppTest: the facilitator's secret, joining, consensus."""

from __future__ import annotations

import pytest

from cxmaturity.model import Rating
from cxmaturity.scoring import score
from cxmaturity.services.workshops import Workshops

from ..helpers import open_store
from .conftest import ORGANIZATIONS, RESULTS, open_page

WORKSHOP = "cxmaturity/ui/pages/workshop.py"
SECRET = "pages-secret"


@pytest.fixture
def rooms(monkeypatch, quiz, grid):
    monkeypatch.setenv("CXMATURITY_FACILITATOR_PASSWORD", SECRET)
    store = open_store()
    workshops = Workshops(store.database)
    workshop = workshops.create(store.ensure_organization("Acme"), [quiz, grid], "en")
    for n, (letters, level) in enumerate((("abca", 1), ("bbcb", 2), ("ccab", 4))):
        _, _, token = workshops.join(workshop.code, f"P{n}", client="t")
        for question, letter in zip(quiz.questions, letters, strict=True):
            workshops.save_choice(token, quiz.id, question.id, letter)
        workshops.save_rating(token, grid.id, "billing", Rating(current=level, ideal=4))
    return store, workshops, workshop


def signed_in(page: str = WORKSHOP, **params: str):
    at = open_page(page, lang="en", **params)
    at.text_input[0].input(SECRET)
    at.button[0].click().run()
    assert not at.exception
    return at


def test_without_a_secret_nobody_is_a_facilitator(monkeypatch):
    monkeypatch.delenv("CXMATURITY_FACILITATOR_PASSWORD", raising=False)
    at = open_page(WORKSHOP, lang="en")
    assert "need a facilitator secret" in at.info[0].value
    assert not at.text_input and not at.button


def test_a_wrong_secret_shows_nothing(rooms):
    at = open_page(WORKSHOP, lang="en")
    at.text_input[0].input("guess")
    at.button[0].click().run()
    assert at.error[0].value == "That secret is not right."
    assert not at.code and "Participants" not in str([m.value for m in at.markdown])


def test_dashboard_and_consensus_of_kept_medians_equal_the_team_result(rooms, quiz, grid):
    store, workshops, workshop = rooms
    at = signed_in(workshop=str(workshop.id))
    assert at.code[0].value.endswith(f"/join?code={workshop.code}")
    assert "**Participants: 3**" in [m.value for m in at.markdown]
    # Each questionnaire's consensus, saved as prefilled (the team medians).
    for questionnaire in (quiz, grid):
        at.button(key=f"ws.agree.save.{workshop.id}.{questionnaire.id}").click().run()
        assert not at.exception
    assert len(at.success) == 1  # the last one shown
    live = {a.questionnaire_id: a for a in workshops.assessments(workshop)}
    for questionnaire in (quiz, grid):
        agreed = workshops.consensus(workshop, live[questionnaire.id])
        assert agreed is not None and agreed.final
        team = list(store.answers(live[questionnaire.id]).values())
        assert score(questionnaire, list(store.answers(agreed).values())).to_json() == (
            score(questionnaire, team).to_json()
        )
    # The consensus is the organisation's assessment: results open it as a team.
    agreed = workshops.consensus(workshop, live[grid.id])
    at.switch_page(RESULTS)
    at.query_params.update({"questionnaire": grid.id, "assessment": str(agreed.id)})
    at.run()
    assert not at.exception
    today = next(m for m in at.metric if m.label == "Level today")
    assert today.value == "2.00"  # the median of 1, 2 and 4


def test_an_agreed_quiz_answer_replaces_everyones(rooms, quiz):
    store, workshops, workshop = rooms
    at = signed_in(workshop=str(workshop.id))
    question = quiz.questions[0]
    box = at.selectbox(key=f"ws.agree.{workshop.id}.0.{quiz.id}.{question.id}")
    box.set_value(question.options[-1].id).run()
    at.button(key=f"ws.agree.save.{workshop.id}.{quiz.id}").click().run()
    assert "1 item(s) agreed, 3 with the team result" in at.success[0].value
    live = workshops.assessments(workshop)[0]
    agreed = workshops.consensus(workshop, live)
    choices = {a.choice(question.id) for a in store.answers(agreed).values()}
    assert choices == {question.options[-1].id}


def test_workshop_answers_stay_with_the_facilitator(rooms):
    _, workshops, workshop = rooms
    live = workshops.assessments(workshop)[0]
    # Without signing in, an assessment link of a workshop opens nothing.
    at = open_page(RESULTS, lang="en", questionnaire=live.questionnaire_id, assessment=str(live.id))
    assert not at.metric
    # On a workshop server, the organisations' record asks for the secret.
    at = open_page(ORGANIZATIONS, lang="en")
    assert "Facilitator sign-in" in at.markdown[0].value
    assert not at.dataframe
