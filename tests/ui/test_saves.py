"""Saves that cannot be lost silently: only the changed field is written, a change made
on a stale copy is detected (the person sees the other value and chooses), and a
database that refuses writes leaves the answer marked unsaved until it is stored."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import create_engine, text

from cxmaturity.model import Rating
from cxmaturity.records import ANONYMOUS
from cxmaturity.services.access import Actor

from ..helpers import open_services
from .conftest import ANSWER, open_page

GRID = "avaya-capability-grid"
NOTE = f"{GRID}.billing.note.en.r1"


@pytest.fixture
def shared(sign_in, grid):
    """A grid assessment of Acme with a rated capability; its owner signed in."""
    owner = Actor(sign_in("ana@example.com", "consultant"))
    services = open_services()
    acme = services.organizations.create(owner, "Acme")
    assessment = services.assessments.create_assessment(acme, grid, "en", dt.date(2026, 6, 1))
    services.assessments.save_rating(assessment, ANONYMOUS, "billing",
                                     Rating(current=2, ideal=4, note="first"))  # fmt: skip
    services.assessments.save_rating(assessment, ANONYMOUS, "security",
                                     Rating(current=3, ideal=3, note="sec"))  # fmt: skip
    return services, assessment


def _tab(assessment):
    return open_page(ANSWER, questionnaire=GRID, assessment=assessment.public_id, lang="en")


def _stored(services, assessment, item):
    return services.assessments.answers(assessment)[ANONYMOUS].rating(item)


def test_two_tabs_changing_different_notes_both_keep_theirs(shared):
    services, assessment = shared
    one, two = _tab(assessment), _tab(assessment)
    one.text_input(key=NOTE).input("from tab one").run()
    two.text_input(key=f"{GRID}.security.note.en.r1").input("from tab two").run()
    assert _stored(services, assessment, "billing").note == "from tab one"
    assert _stored(services, assessment, "security").note == "from tab two"
    # A level changed in tab two, where the billing note is still the old one, does not
    # write the old note back: only the level is written.
    two.segmented_control(key=f"{GRID}.billing.current.en.r1").set_value(3).run()
    assert _stored(services, assessment, "billing") == Rating(current=3, ideal=4,
                                                             note="from tab one")  # fmt: skip
    assert not one.warning and not two.warning


def test_the_same_note_changed_in_two_tabs_is_not_overwritten_silently(shared):
    services, assessment = shared
    one, two = _tab(assessment), _tab(assessment)
    one.text_input(key=NOTE).input("mine, tab one").run()
    two.text_input(key=NOTE).input("mine, tab two").run()
    assert _stored(services, assessment, "billing").note == "mine, tab one"
    [told] = [w.value for w in two.warning]
    assert "another screen saved" in told and "mine, tab one" in told.replace("\\", "")
    two.button(key=f"save.mine.{GRID}.billing").click().run()  # tab two keeps its own
    assert _stored(services, assessment, "billing").note == "mine, tab two"
    assert not two.warning


def test_taking_the_other_value_shows_it(shared):
    services, assessment = shared
    one, two = _tab(assessment), _tab(assessment)
    one.text_input(key=NOTE).input("theirs").run()
    two.text_input(key=NOTE).input("mine").run()
    two.button(key=f"save.theirs.{GRID}.billing").click().run()
    assert two.text_input(key=f"{GRID}.billing.note.en.r2").value == "theirs"
    assert _stored(services, assessment, "billing").note == "theirs"


def test_a_database_that_refuses_writes_leaves_the_answer_unsaved_until_it_is_stored(
    monkeypatch, sign_in, grid, postgres_server
):
    from ..postgres import new_postgres_database

    url = new_postgres_database(postgres_server)
    monkeypatch.setenv("CXMATURITY_DATABASE_URL", url)
    services = open_services(url)
    owner = Actor(sign_in("ana@example.com", "consultant", url))
    acme = services.organizations.create(owner, "Acme")
    assessment = services.assessments.create_assessment(acme, grid, "en", dt.date(2026, 6, 1))
    services.assessments.save_rating(assessment, ANONYMOUS, "billing", Rating(current=1))
    tab = _tab(assessment)
    name = url.rsplit("/", 1)[1]
    admin = create_engine(f"{postgres_server}/postgres", isolation_level="AUTOCOMMIT")

    def read_only(on: bool) -> None:
        with admin.connect() as connection:
            action = "SET default_transaction_read_only = on" if on else "RESET ALL"
            connection.execute(text(f'ALTER DATABASE "{name}" {action}'))
        from cxmaturity.ui.backend import services as app_services

        app_services().database.engine.dispose()  # new connections take the setting

    read_only(True)
    tab.text_input(key=NOTE).input("typed while the database was down").run()
    assert not tab.exception
    assert "not saved yet" in tab.warning[0].value
    assert not any("Saved automatically" in c.value for c in tab.caption)
    assert _stored(open_services(url), assessment, "billing").note is None  # not stored
    tab.run()  # still refused: still marked unsaved
    assert "not saved yet" in tab.warning[0].value
    read_only(False)
    tab.button(key=f"save.retry.{GRID}").click().run()
    assert not tab.warning
    assert _stored(open_services(url), assessment, "billing").note == (
        "typed while the database was down"
    )
    admin.dispose()
