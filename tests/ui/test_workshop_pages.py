"""Workshop pages under AppTest: who may run them, the dashboard, consensus."""

from __future__ import annotations

import re

import pytest

from cxmaturity.model import Rating
from cxmaturity.scoring import score
from cxmaturity.services.access import Actor

from ..helpers import open_services
from .conftest import RESULTS, open_page

WORKSHOP = "cxmaturity/ui/pages/workshop.py"


@pytest.fixture
def rooms(sign_in, quiz, grid):
    """Acme (owned by a consultant) with a workshop of three participants, and its
    facilitator signed in: a member Acme is shared with as editor."""
    services = open_services()
    ana = services.accounts.add("ana@example.com", "correct horse battery", "consultant",
                                actor="t")  # fmt: skip
    acme = services.organizations.create(Actor(ana), "Acme")
    eddie = Actor(sign_in("eddie@example.com", "member"))
    services.organizations.share(Actor(ana), acme, "eddie@example.com", "editor")
    workshops = services.workshops
    workshop = workshops.create(eddie, acme, [quiz, grid], "en")
    for n, (letters, level) in enumerate((("abca", 1), ("bbcb", 2), ("ccab", 4))):
        _, _, token = workshops.join(workshop.code, f"P{n}", client="t")
        for question, letter in zip(quiz.questions, letters, strict=True):
            workshops.save_choice(token, quiz.id, question.id, letter)
        workshops.save_rating(token, grid.id, "billing", Rating(current=level, ideal=4))
    return services.assessments, workshops, workshop


def signed_in(page: str = WORKSHOP, **params: str):
    at = open_page(page, lang="en", **params)
    assert not at.exception
    return at


def test_a_visitor_is_asked_to_sign_in_and_sees_no_workshop(quiz):
    at = open_page(WORKSHOP, lang="en")
    assert "Sign in to run workshops" in at.info[0].value
    assert not at.code and not at.dataframe and not at.button


def test_an_account_without_the_right_sees_no_workshop_of_others(rooms, sign_in):
    _, _, workshop = rooms
    sign_in("mia@example.com", "member")  # this session now: a member of nothing
    at = open_page(WORKSHOP, lang="en", workshop=workshop.public_id)
    assert not at.code and "Participants" not in str([m.value for m in at.markdown])
    assert workshop.code not in str([e.value for e in at.main if hasattr(e, "value")])


def test_dashboard_and_consensus_of_kept_medians_equal_the_team_result(rooms, quiz, grid):
    store, workshops, workshop = rooms
    at = signed_in(workshop=workshop.public_id)
    assert at.code[0].value.endswith(f"/join?code={workshop.code}")
    assert "**Participants: 3**" in [m.value for m in at.markdown]
    # Each questionnaire's consensus, saved as prefilled (the team medians).
    for questionnaire in (quiz, grid):
        at.button(key=f"ws.agree.save.{workshop.id}.{questionnaire.id}").click().run()
        assert not at.exception
    assert len(at.success) == 2  # each stays shown while the section refreshes
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
    at.query_params.update({"questionnaire": grid.id, "assessment": agreed.public_id})
    at.run()
    assert not at.exception
    today = next(m for m in at.metric if m.label == "Level today")
    assert today.value == "2.00"  # the median of 1, 2 and 4


def _agreed_box(at, workshop, quiz, question):
    return at.selectbox(key=f"ws.agree.{workshop.id}.0.{quiz.id}.{question.id}")


def test_the_quiz_consensus_proposes_each_questions_median_choice(rooms, quiz):
    """P0-P2 chose a b c / b b c / c c a / a b b: medians b, b, c, b (fails when the
    proposal is recounted from answers the team view does not keep)."""
    _, _, workshop = rooms
    at = signed_in(workshop=workshop.public_id)
    proposed = [_agreed_box(at, workshop, quiz, q) for q in quiz.questions]
    assert [box.value for box in proposed] == ["="] * 4  # the team's median choice
    assert proposed[0].format_func("=") == "The team's median choice (below)"
    captions = [c.value.replace("\\", "") for c in at.caption]  # Markdown escapes
    medians = [re.search(r"median choice: (\w)\)", c) for c in captions]
    assert [m.group(1) for m in medians if m] == ["b", "b", "c", "b"]
    assert "Team answers: a) 1 · b) 1 · c) 1 · median choice: b)" in captions
    # Totals 1+2+3+1=7, 2+2+3+2=9, 3+3+1+2=9: team 9; kept medians record 9 too.
    points = {m.label: m.value for m in at.metric}
    assert points["Team points"] == points["Points if you save this consensus"] == "9"


def test_an_empty_room_proposes_no_points_for_its_consensus(sign_in, quiz, grid):
    """Nobody has answered: the consensus would record an unanswered quiz, so it shows
    no total (an unanswered question is not 0 points) and says what is answered."""
    services = open_services()
    eve = Actor(sign_in("eve@example.com", "consultant"))
    acme = services.organizations.create(eve, "Acme")
    workshop = services.workshops.create(eve, acme, [quiz, grid], "en")
    at = signed_in(workshop=workshop.public_id)
    points = {m.label: m.value for m in at.metric}
    assert points["Points if you save this consensus"] == "–", points
    assert "Answered: 0 of 4 questions" in [c.value for c in at.caption]


def test_an_agreed_quiz_answer_replaces_everyones(rooms, quiz):
    store, workshops, workshop = rooms
    at = signed_in(workshop=workshop.public_id)
    question = quiz.questions[0]
    _agreed_box(at, workshop, quiz, question).set_value(question.options[-1].id).run()
    # Everyone's q1 becomes c (3): totals 9, 10, 9 -> 9; the choice stays picked,
    # also when the room votes on (the drop-down keeps its key and labels).
    assert _agreed_box(at, workshop, quiz, question).value == question.options[-1].id
    _, _, token = workshops.join(workshop.code, "Late", client="t")
    workshops.save_choice(token, quiz.id, question.id, "a")
    at.run()
    assert _agreed_box(at, workshop, quiz, question).value == question.options[-1].id
    at.button(key=f"ws.agree.save.{workshop.id}.{quiz.id}").click().run()
    assert "1 item agreed, 3 with the team result" in at.success[0].value
    assert at.get("download_button")  # the page ran again: the report is offered
    live = workshops.assessments(workshop)[0]
    agreed = workshops.consensus(workshop, live)
    choices = {a.choice(question.id) for a in store.answers(agreed).values()}
    assert choices == {question.options[-1].id}


def test_workshop_answers_stay_with_those_who_run_it(rooms, sign_in):
    _, workshops, workshop = rooms
    live = workshops.assessments(workshop)[0]
    # The facilitator (an editor) opens the live answers by their link ...
    at = open_page(RESULTS, lang="en", questionnaire=live.questionnaire_id,
                   assessment=live.public_id)  # fmt: skip
    assert not at.exception and not at.error
    # ... a viewer of the organisation, a visitor and an old numeric link do not.
    sign_in("vera@example.com", "member")
    for assessment in (live.public_id, str(live.id)):
        at = open_page(RESULTS, lang="en", questionnaire=live.questionnaire_id,
                       assessment=assessment)  # fmt: skip
        assert [e.value for e in at.error] == ["Not found or not yours."]
        assert not at.metric and not at.dataframe


def test_consensus_rows_keep_their_order_while_the_room_votes(rooms, grid):
    """The agreed-levels table keeps its edits by row position: votes arriving while
    the facilitator edits change which capability is most disputed, but not the rows'
    order (a reordering would move the facilitator's edits to other capabilities)."""
    _, workshops, workshop = rooms
    at = signed_in(workshop=workshop.public_id)
    key = f"ws.agree.{workshop.id}.0.{grid.id}"

    def order():
        [frame] = [d for d in at.dataframe if d.proto.id and key in str(d.proto.id)] or [
            at.dataframe[-1]
        ]
        return list(frame.value.index)

    before = order()
    assert before[0] == "billing"  # the only one rated, 1, 2 and 4: the most disputed
    first = next(c for _, c in grid.capabilities()).id  # before billing, in the grid
    for n, (today, ideal) in enumerate(((1, 4), (4, 1), (1, 4), (4, 1))):  # at least as wide
        _, _, token = workshops.join(workshop.code, f"Q{n}", client="t")
        workshops.save_rating(token, grid.id, first, Rating(current=today, ideal=ideal))
    at.run()
    assert not at.exception
    assert order() == before
    at.button(key=f"ws.agree.reset.{workshop.id}.{grid.id}").click().run()  # start again
    assert order()[0] == first  # ordered afresh


def test_an_anonymous_workshop_is_created_from_the_form_and_shows_no_one(sign_in, quiz):
    services = open_services()
    eddie = Actor(sign_in("eddie@example.com", "consultant"))
    services.organizations.create(eddie, "Acme")
    at = signed_in()
    at.radio(key="ws.create.anonymous").set_value(True)
    at.checkbox(key="ws.create.hide").check()
    at.multiselect(key="ws.create.questionnaires").set_value([quiz.id])
    at.button(key="FormSubmitter:ws.create-Create the workshop").click()
    at.run()
    assert not at.exception
    [(workshop, _)] = services.workshops.all(eddie)
    assert workshop.anonymous and workshop.hide_results
    assert any("Anonymous workshop" in c.value for c in at.caption)
    for n, letter in enumerate("abc"):
        _, _, token = services.workshops.join(workshop.code, f"Person {n}", client="t")
        services.workshops.save_choice(token, quiz.id, "q1", letter)
        if n == 0:
            services.workshops.save_choice(token, quiz.id, "q2", "a")
    at = signed_in(workshop=workshop.public_id)
    shown = str([e.value for e in at.main if hasattr(e, "value")])
    assert "**3 joined · 0 finished**" in [m.value for m in at.markdown]
    assert not any(f"Person {n}" in shown for n in range(3)) and "(no name)" not in shown
    rows = {row["#"]: row for row in at.dataframe[0].value.to_dict("records")}
    assert (rows["1"]["a"], rows["1"]["b"], rows["1"]["c"]) == ("1", "1", "1")
    assert rows["2"]["a"] == "0" and rows["2"]["Median"] == "–"  # one answer: withheld


PRESENT = "cxmaturity/ui/pages/present.py"


def _shown(at) -> str:
    return str([e.value for e in at.main if hasattr(e, "value")])


def test_the_presenter_view_is_only_for_those_who_run_the_workshop(rooms, sign_in):
    _, _, workshop = rooms
    at = signed_in(PRESENT, workshop=workshop.public_id)
    assert any("Participants: 3" in str(m.value) or "3 joined" in str(m.value) for m in at.markdown)
    for params in ({"workshop": "0" * 32}, {"workshop": ""}, {}):
        denied = signed_in(PRESENT, **params)
        assert workshop.code not in _shown(denied)
        assert "present.next" not in [b.key for b in denied.button]
    sign_in("mia@example.com", "member")  # a member of nothing
    denied = open_page(PRESENT, lang="en", workshop=workshop.public_id)
    assert workshop.code not in _shown(denied) and "not yours" in _shown(denied)


@pytest.mark.parametrize("step", ["-1", "x", "²", "9" * 30, "999"])
def test_the_presenter_step_in_the_address_is_bounded(rooms, step):
    _, _, workshop = rooms
    at = signed_in(PRESENT, workshop=workshop.public_id, step=step)
    assert not at.exception
    last = step == "999"  # beyond the end: the last item
    assert at.button(key="present.next").disabled == last
    assert at.button(key="present.back").disabled == (not last)


def test_hidden_votes_show_once_revealed_and_never_names(sign_in, quiz):
    services = open_services()
    eddie = Actor(sign_in("eddie@example.com", "consultant"))
    acme = services.organizations.create(eddie, "Acme")
    workshop = services.workshops.create(eddie, acme, [quiz], "en", hide_results=True)
    for n, letter in enumerate("aab"):
        _, _, token = services.workshops.join(workshop.code, f"Person {n}", client="t")
        services.workshops.save_choice(token, quiz.id, "q1", letter)
    at = signed_in(PRESENT, workshop=workshop.public_id, step="1")
    assert "3 of 3 have voted" in _shown(at)
    assert not at.get("progress") and "votes: 2" not in _shown(at)
    reveal = next(b for b in at.button if b.key.startswith("present.reveal."))
    reveal.click().run()
    assert not at.exception
    bars = [p.proto.text for p in at.get("progress")]
    assert [b.split("votes: ")[1] for b in bars] == ["2", "1", "0"]
    assert "Person" not in _shown(at)
    stored = services.workshops.get(workshop.id)
    assert stored is not None and stored.revealed == (f"{quiz.id}:q1",)
    next(b for b in at.button if b.key.startswith("present.hide.")).click().run()
    assert not at.get("progress")


JOIN = "cxmaturity/ui/pages/join.py"


def test_a_workshop_open_for_days_says_until_when_then_closes(sign_in, quiz):
    """Created with a closing day from the form: the facilitator and the participants
    see until when; once the day is over, participants see it closed (their answers
    kept) and the facilitator can open it again."""
    import datetime as dt

    from cxmaturity.i18n import long_date

    services = open_services()
    eddie = Actor(sign_in("eddie@example.com", "consultant"))
    services.organizations.create(eddie, "Acme")
    at = signed_in()
    day = dt.date.today() + dt.timedelta(days=7)
    at.date_input(key="ws.create.closes").set_value(day)
    at.multiselect(key="ws.create.questionnaires").set_value([quiz.id])
    at.button(key="FormSubmitter:ws.create-Create the workshop").click()
    at.run()
    assert not at.exception
    [(workshop, _)] = services.workshops.all(eddie)
    assert workshop.closes_on == day
    assert f"Open until {long_date(day, 'en')}." in _captions(at)
    _, _, token = services.workshops.join(workshop.code, "Ana", client="t")
    services.workshops.save_choice(token, quiz.id, "q1", "a")
    services.workshops.join(workshop.code, "Luis", client="t")
    at = signed_in(workshop=workshop.public_id)
    assert "Not finished yet: Ana, Luis" in _captions(at)
    person = open_page(JOIN, lang="en", p=token)
    assert f"You can answer until {long_date(day, 'en')}." in str(
        [i.value for i in person.info]
    ).replace("\\", "")
    assert person.radio  # the questions

    yesterday = dt.date.today() - dt.timedelta(days=1)
    services.workshops.set_closing(eddie, workshop, yesterday)
    person = open_page(JOIN, lang="en", p=token)
    assert "The workshop is closed" in str([i.value for i in person.info]).replace("\\", "")
    assert not person.radio
    at = signed_in(workshop=workshop.public_id)
    ended = f"Workshop closed: its period ended on {long_date(yesterday, 'en')}."
    assert f"{ended} The answers given are kept." in _captions(at)
    at.button(key="ws.reopen").click().run()
    assert not at.exception
    assert "Open until you close it." in _captions(at)
    assert services.workshops.get(workshop.id).open


def _captions(at) -> list[str]:
    return [c.value.replace("\\", "") for c in at.caption]  # without Markdown escapes


def test_discussion_then_a_second_vote_that_the_report_shows(rooms, quiz, grid, tmp_path):
    """The items furthest apart come first with the notes people left (named: with
    their names); the facilitator opens a second vote on one; participants are asked
    to answer it again; the report shows the first vote, the second and the agreed."""
    from ..test_report import flat, pdf_text

    _, workshops, workshop = rooms
    _, _, token = workshops.join(workshop.code, "Dee", client="t")
    workshops.save_rating(
        token, grid.id, "billing", Rating(current=1, ideal=4, note="facturas <b>")
    )
    at = signed_in(workshop=workshop.public_id)
    table = next(d.value for d in at.dataframe if "Notes" in d.value.columns)
    first = table.iloc[0].to_dict()
    assert first["Discuss"] == "⚠" and first["Item"] == "Billing"
    assert first["Notes"] == "Dee: facturas <b>"  # text, never markup
    at.multiselect(key=f"ws.revote.items.{workshop.id}").set_value([f"{grid.id}:billing"])
    at.button(key=f"FormSubmitter:ws.revote.{workshop.id}-Open the second vote").click().run()
    assert not at.exception
    assert workshops.get(workshop.id).second_vote == (f"{grid.id}:billing",)

    person = open_page(JOIN, lang="en", p=token)
    assert "Second vote" in str([m.value for m in person.markdown])
    person.button(key="join.revote.0").click().run()
    assert not person.exception
    assert person.query_params["item"] == "billing"  # the item, on the participant's screen

    workshops.save_rating(token, grid.id, "billing", Rating(current=2, ideal=4))  # Dee moves
    at = signed_in(workshop=workshop.public_id)
    second = next(d.value for d in at.dataframe if "First vote" in d.value.columns)
    assert second.iloc[0]["First vote"] == "Level today 1.5 (range 3) · Ideal level 4 (range 0)"
    assert second.iloc[0]["Second vote (now)"] == (
        "Level today 2 (range 3) · Ideal level 4 (range 0)"
    )
    for questionnaire in (quiz, grid):
        at.button(key=f"ws.agree.save.{workshop.id}.{questionnaire.id}").click().run()
    services = open_services()
    actor = Actor(services.accounts.with_email("eddie@example.com"))
    pdf = services.reports.consensus_report(actor, workshop, "Acme", "en")
    text = flat(pdf_text(pdf, tmp_path))
    assert "First and second vote" in text
    assert "Billing 1.5 (range 3) → 4 (range 0) 2 (range 3) → 4 (range 0)" in text


def test_groups_from_the_form_to_the_participant_dashboard_and_report(sign_in, quiz, grid,
                                                                      tmp_path):  # fmt: skip
    """Groups typed in the form; a participant picks theirs before answering; the
    dashboard and the report show each group's levels side by side and where they
    differ."""
    from ..test_report import flat, pdf_text

    services = open_services()
    eddie = Actor(sign_in("eddie@example.com", "consultant"))
    acme = services.organizations.create(eddie, "Acme")
    at = signed_in()
    at.text_input(key="ws.create.groups").input("Dirección, TI")
    at.multiselect(key="ws.create.questionnaires").set_value([quiz.id, grid.id])
    at.button(key="FormSubmitter:ws.create-Create the workshop").click()
    at.run()
    assert not at.exception
    [(workshop, _)] = services.workshops.all(eddie)
    assert workshop.groups == ("Dirección", "TI")

    _, _, token = services.workshops.join(workshop.code, "Ana", client="t")
    person = open_page(JOIN, lang="en", p=token)
    assert "Pick your group to start." in [i.value for i in person.info]
    assert not person.radio  # no questions before the group
    person.button_group(key="join.group").set_value("TI").run()
    assert not person.exception and person.radio
    assert services.workshops.participant(token)[1].group == "TI"

    for name, group, level in (("Bo", "Dirección", 1), ("Cy", "Dirección", 2)):
        _, _, other = services.workshops.join(workshop.code, name, client="t")
        services.workshops.set_group(other, group)
        services.workshops.save_rating(other, grid.id, "billing", Rating(current=level, ideal=3))
    services.workshops.save_rating(token, grid.id, "billing", Rating(current=4, ideal=4))
    at = signed_in(workshop=workshop.public_id)
    assert "Dirección: 2 · TI: 1" in _captions(at)
    table = next(d.value for d in at.dataframe if "TI · Level today" in d.value.columns)
    billing_category = next(c for c, cap in grid.capabilities() if cap.id == "billing").name.get(
        "en"
    )
    row = table[table["Category"] == billing_category].iloc[0]
    assert (row["Dirección · Level today"], row["TI · Level today"]) == ("1.50", "4.00")
    assert any(c.startswith("Where the groups see the organization differently") and
               f"{billing_category} (Dirección 1.50 · TI 4.00)" in c for c in _captions(at))  # fmt: skip
    for questionnaire in (quiz, grid):
        at.button(key=f"ws.agree.save.{workshop.id}.{questionnaire.id}").click().run()
    pdf = services.reports.consensus_report(eddie, workshop, acme.name, "en")
    text = flat(pdf_text(pdf, tmp_path))
    assert "By group" in text and "Dirección: 2 · TI: 1" in text
    assert f"{billing_category} 1.50 → 3.00 4.00 → 4.00" in text
