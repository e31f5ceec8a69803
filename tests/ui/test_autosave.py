"""Autosave: every answer is stored as given; the URL's assessment brings it all back."""

from __future__ import annotations

from cxmaturity.model import Rating
from cxmaturity.records import ANONYMOUS

from ..helpers import open_store
from .conftest import ANSWER, HOME, open_page


def test_each_answer_is_saved_and_a_new_session_gets_it_back():
    at = open_page(HOME, lang="es")
    at.text_input[0].input("Acme S.A.").run()
    at = at.switch_page(ANSWER)
    at.query_params["questionnaire"] = "avaya-cx-quiz"
    at.run()
    radio = at.radio[0]
    radio.set_value(radio.options[2]).run()
    at.radio[1].set_value(at.radio[1].options[1]).run()
    assert not at.exception
    store = open_store()
    [organization] = store.organizations()
    assert organization.name == "Acme S.A."
    [assessment] = store.assessments(organization)
    assert store.answers(assessment)[ANONYMOUS].answers == {"q1": "c", "q2": "b"}
    assert str(assessment.id) in str(at.query_params["assessment"])  # the URL names it
    # A reload is a new session with the same URL.
    again = open_page(HOME, questionnaire="avaya-cx-quiz", assessment=str(assessment.id), lang="es")
    assert [r.index for r in again.radio] == [2, 1, None, None]
    captions = " ".join(c.value for c in again.caption)
    assert f"evaluación n\\.º {assessment.id}" in captions and "Acme S\\.A\\." in captions


def test_grid_ratings_and_notes_are_saved():
    store = open_store()
    at = open_page(HOME, lang="en")
    at.text_input[0].input("Beta Ltd").run()
    at = at.switch_page(ANSWER)
    at.query_params["questionnaire"] = "avaya-capability-grid"
    at.run()
    key = "avaya-capability-grid.business-intelligence"
    at.segmented_control(key=f"{key}.current.en").set_value(2).run()
    at.segmented_control(key=f"{key}.ideal.en").set_value(4).run()
    at.text_input(key=f"{key}.note.en").input("Only marketing uses BI").run()
    [organization] = store.organizations()
    [assessment] = store.assessments(organization)
    saved = store.answers(assessment)[ANONYMOUS].answers
    [rating] = saved.values()
    assert rating == Rating(current=2, ideal=4, note="Only marketing uses BI")


def test_without_an_organisation_nothing_is_saved_and_the_page_says_so():
    at = open_page(ANSWER, questionnaire="avaya-cx-quiz", lang="en")
    at.radio[0].set_value(at.radio[0].options[0]).run()
    assert open_store().organizations() == []
    assert any("Type the organisation's name" in c.value for c in at.caption)


def test_database_url_from_streamlit_secrets(tmp_path):
    from streamlit.testing.v1 import AppTest

    from .conftest import APP

    url = f"sqlite:///{tmp_path / 'from-secrets.db'}"
    at = AppTest.from_file(APP, default_timeout=30)
    at.secrets["CXMATURITY_DATABASE_URL"] = url
    at.query_params["lang"] = "en"
    at.run()
    at.text_input[0].input("Secret Co").run()
    at = at.switch_page(ANSWER)
    at.query_params["questionnaire"] = "avaya-cx-quiz"
    at.run()
    at.radio[0].set_value(at.radio[0].options[1]).run()
    assert not at.exception
    assert [o.name for o in open_store(url).organizations()] == ["Secret Co"]
    assert open_store().organizations() == []  # not the default database
