"""Autosave: every answer of a signed-in account is stored as given, in the organisation
chosen on Home; the URL's assessment (its public id) brings it all back. A visitor's
answers are never stored."""

from __future__ import annotations

from cxmaturity.model import Rating
from cxmaturity.records import ANONYMOUS
from cxmaturity.services.access import Actor

from ..helpers import open_services, open_store
from .conftest import ANSWER, HOME, create_organization, open_page


def _only_organization(account, url=None):
    [(organization, access)] = open_services(url).organizations.visible(Actor(account))
    assert access == "owner"
    return organization


def test_each_answer_is_saved_and_a_new_session_gets_it_back(sign_in):
    ana = sign_in("ana@example.com", "consultant")
    at = create_organization(open_page(HOME, lang="es"), "Acme S.A.")
    at = at.switch_page(ANSWER)
    at.query_params["questionnaire"] = "avaya-cx-quiz"
    at.run()
    radio = at.radio[0]
    radio.set_value(radio.options[2]).run()
    at.radio[1].set_value(at.radio[1].options[1]).run()
    assert not at.exception
    store = open_store()
    organization = _only_organization(ana)
    assert organization.name == "Acme S.A."
    [assessment] = store.assessments(organization)
    assert store.answers(assessment)[ANONYMOUS].answers == {"q1": "c", "q2": "b"}
    assert at.query_params["assessment"] == assessment.public_id  # the URL names it
    # A reload is a new session with the same URL.
    again = open_page(
        HOME, questionnaire="avaya-cx-quiz", assessment=assessment.public_id, lang="es"
    )
    assert [r.index for r in again.radio] == [2, 1, None, None]
    captions = " ".join(c.value for c in again.caption)
    assert "Se guarda automáticamente en Acme S\\.A\\." in captions
    assert "Organización: Acme S\\.A\\." in captions  # the page names its organisation


def test_grid_ratings_and_notes_are_saved(sign_in):
    ana = sign_in("ana@example.com", "consultant")
    at = create_organization(open_page(HOME, lang="en"), "Beta Ltd")
    at = at.switch_page(ANSWER)
    at.query_params["questionnaire"] = "avaya-capability-grid"
    at.run()
    key = "avaya-capability-grid.business-intelligence"
    at.segmented_control(key=f"{key}.current.en").set_value(2).run()
    at.segmented_control(key=f"{key}.ideal.en").set_value(4).run()
    at.text_input(key=f"{key}.note.en").input("Only marketing uses BI").run()
    store = open_store()
    [assessment] = store.assessments(_only_organization(ana))
    [rating] = store.answers(assessment)[ANONYMOUS].answers.values()
    assert rating == Rating(current=2, ideal=4, note="Only marketing uses BI")


def test_answers_given_before_choosing_an_organisation_are_saved_when_it_is_chosen(sign_in):
    ana = sign_in("ana@example.com", "consultant")
    at = open_page(ANSWER, questionnaire="avaya-cx-quiz", lang="en")
    at.radio[0].set_value(at.radio[0].options[2]).run()
    assert any("choose an organization on the home page" in c.value for c in at.caption)
    assert open_store().counts()["assessments"] == 0
    at.query_params.clear()  # Home would open the questionnaire of the address again
    at = create_organization(at.switch_page(HOME).run(), "Gamma")
    [assessment] = open_store().assessments(_only_organization(ana))
    assert open_store().answers(assessment)[ANONYMOUS].answers == {"q1": "c"}


def test_a_visitors_answers_are_never_stored():
    at = open_page(HOME, lang="en")
    at.text_input(key="ui.organization").input("Acme S.A.").run()  # a label for the report
    at = at.switch_page(ANSWER)
    at.query_params["questionnaire"] = "avaya-cx-quiz"
    at.run()
    at.radio[0].set_value(at.radio[0].options[0]).run()
    counts = open_store().counts()
    assert counts["organizations"] == counts["assessments"] == counts["responses"] == 0
    assert any("stay in this tab" in c.value for c in at.caption)
    assert "assessment" not in at.query_params


def test_a_member_saves_only_in_organisations_shared_with_them_as_editor(sign_in):
    services = open_services()
    ana = services.accounts.add("ana@example.com", "correct horse battery", "consultant",
                                actor="t")  # fmt: skip
    acme = services.organizations.create(Actor(ana), "Acme")
    services.organizations.create(Actor(ana), "Beta")  # not shared
    sign_in("mia@example.com", "member")
    at = open_page(HOME, lang="en")
    assert "home.new-organization" not in [t.key for t in at.text_input]  # members create none
    assert at.selectbox(key="home.organization.").options == ["— Do not save (just try) —"]
    services.organizations.share(Actor(ana), acme, "mia@example.com", "viewer")
    at = open_page(HOME, lang="en")
    assert len(at.selectbox(key="home.organization.").options) == 1  # viewers do not answer
    services.organizations.share(Actor(ana), acme, "mia@example.com", "editor")
    at = open_page(HOME, lang="en")
    assert at.selectbox(key="home.organization.").options[1:] == ["Acme"]


def test_database_url_from_streamlit_secrets(tmp_path, sign_in):
    from streamlit.testing.v1 import AppTest

    from .conftest import APP

    url = f"sqlite:///{tmp_path / 'from-secrets.db'}"
    ana = sign_in("ana@example.com", "consultant", url)
    at = AppTest.from_file(APP, default_timeout=30)
    at.secrets["CXMATURITY_DATABASE_URL"] = url
    at.query_params["lang"] = "en"
    at.run()
    at = create_organization(at, "Secret Co")
    at = at.switch_page(ANSWER)
    at.query_params["questionnaire"] = "avaya-cx-quiz"
    at.run()
    at.radio[0].set_value(at.radio[0].options[1]).run()
    assert not at.exception
    assert _only_organization(ana, url).name == "Secret Co"
    assert open_store().counts()["organizations"] == 0  # not the default database
