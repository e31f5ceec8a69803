"""Saves that cannot be lost silently: only the changed field is written, a change made
on a stale copy is detected (the person sees the other value and chooses), and a
database that refuses writes leaves the change marked unsaved until it is stored. For
answers and notes, plan rows, KPIs and the final flag."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from sqlalchemy import create_engine, text

from cxmaturity.model import Rating
from cxmaturity.planning import PlanItem
from cxmaturity.records import ANONYMOUS
from cxmaturity.services.access import Actor
from cxmaturity.services.answers import OwnAnswers, PlanChange, plan_fields
from cxmaturity.services.catalog import bundled_catalog
from cxmaturity.ui.state import STATE_KEY

from ..helpers import open_services
from .conftest import ANSWER, PLAN, RESULTS, open_kpis, open_page, show_category

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
    """The grid of ``assessment`` in a new tab, its billing capability shown."""
    tab = open_page(ANSWER, questionnaire=GRID, assessment=assessment.public_id, lang="en")
    return show_category(tab, GRID, "customer-interaction")


def _stored(services, assessment, item):
    return services.assessments.answers(assessment)[ANONYMOUS].rating(item)


def test_two_tabs_changing_different_notes_both_keep_theirs(shared):
    services, assessment = shared
    one, two = _tab(assessment), _tab(assessment)
    one.text_input(key=NOTE).input("from tab one").run()
    show_category(two, GRID, "infrastructure")
    two.text_input(key=f"{GRID}.security.note.en.r1").input("from tab two").run()
    assert _stored(services, assessment, "billing").note == "from tab one"
    assert _stored(services, assessment, "security").note == "from tab two"
    # A level changed in tab two, where the billing note is still the old one, does not
    # write the old note back: only the level is written.
    show_category(two, GRID, "customer-interaction")
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


@dataclass
class Flaky:
    """A PostgreSQL database the app uses that can be made to refuse writes."""

    url: str
    services: object
    owner: Actor
    assessment: object
    read_only: Callable[[bool], None]


@pytest.fixture
def flaky(monkeypatch, sign_in, grid, postgres_server):
    """Acme's grid assessment (billing rated 1 -> 4) in a PostgreSQL database of its own,
    the app's, with its owner signed in; ``read_only(True)`` makes it refuse writes
    (as a server in recovery or a full disk does), ``read_only(False)`` brings it back."""
    from ..postgres import new_postgres_database

    url = new_postgres_database(postgres_server)
    monkeypatch.setenv("CXMATURITY_DATABASE_URL", url)
    services = open_services(url)
    owner = Actor(sign_in("ana@example.com", "consultant", url))
    acme = services.organizations.create(owner, "Acme")
    assessment = services.assessments.create_assessment(acme, grid, "en", dt.date(2026, 6, 1))
    services.assessments.save_rating(assessment, ANONYMOUS, "billing", Rating(current=1, ideal=4))
    name = url.rsplit("/", 1)[1]
    admin = create_engine(f"{postgres_server}/postgres", isolation_level="AUTOCOMMIT")

    def read_only(on: bool) -> None:
        with admin.connect() as connection:
            action = "SET default_transaction_read_only = on" if on else "RESET ALL"
            connection.execute(text(f'ALTER DATABASE "{name}" {action}'))
        from cxmaturity.ui.backend import services as app_services

        app_services().database.engine.dispose()  # new connections take the setting

    yield Flaky(url, services, owner, assessment, read_only)
    admin.dispose()


def test_a_database_that_refuses_writes_leaves_the_answer_unsaved_until_it_is_stored(flaky):
    url, assessment = flaky.url, flaky.assessment
    tab = _tab(assessment)
    read_only = flaky.read_only

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


# ------------------------------------------------------------------ plan rows, KPIs

ROW = PlanItem(capability="billing", suggestion=1, owner="Finanzas")


@pytest.fixture
def planned(shared):
    """``shared`` with a plan of one row (key "a"), saved as the pages save it."""
    services, assessment = shared
    owner = Actor(services.accounts.with_email("ana@example.com"))
    grid = services.catalogs.current().get(GRID)
    target = OwnAnswers(owner, grid, "en", assessment_id=assessment.public_id)
    services.answers.change_plan(target, [PlanChange("a", plan_fields(ROW), None)])
    return services, assessment, target


def _plan(services, assessment):
    with services.database.unit() as uow:
        return dict(uow.repo.plan_rows(assessment.id))


def _plan_tab(assessment):
    return open_page(PLAN, questionnaire=GRID, assessment=assessment.public_id, lang="en")


def test_a_plan_row_another_screen_changed_is_not_overwritten_and_can_be_taken(planned):
    services, assessment, target = planned
    tab = _plan_tab(assessment)
    assert not tab.exception and not tab.warning
    # Another screen changes the row's owner; this one, on its old copy, resets the plan
    # (deleting the row): the deletion is refused and the other owner shown.
    changed = ROW.model_copy(update={"owner": "Marta"})
    other = [PlanChange("a", {"owner": "Marta"}, plan_fields(ROW))]
    assert services.answers.change_plan(target, other)[1] == {}
    tab.button(key=f"plan.{GRID}.reset").click().run()
    assert not tab.exception
    [told] = [w.value for w in tab.warning]
    assert "another screen saved this row" in told and "Marta" in told
    assert _plan(services, assessment) == {"a": changed}  # nothing lost
    tab.button(key=f"plan.theirs.{GRID}.a").click().run()
    assert not tab.warning
    rows = tab.session_state[STATE_KEY].plans[GRID]
    assert [(r.key, r.owner) for r in rows] == [("a", "Marta")]
    assert _plan(services, assessment) == {"a": changed}


def test_keeping_my_plan_change_stores_it_over_the_other(planned):
    services, assessment, target = planned
    tab = _plan_tab(assessment)
    other = [PlanChange("a", {"owner": "Marta"}, plan_fields(ROW))]
    services.answers.change_plan(target, other)
    tab.button(key=f"plan.{GRID}.reset").click().run()
    assert tab.warning
    tab.button(key=f"plan.mine.{GRID}.a").click().run()  # my reset: the row goes
    assert not tab.warning
    assert _plan(services, assessment) == {}


def _kpi_tab(assessment):
    """The Results page of ``assessment`` with its KPI form open."""
    tab = open_page(RESULTS, questionnaire=GRID, assessment=assessment.public_id, lang="en")
    return open_kpis(tab, assessment.public_id)


def _save_warnings(tab) -> list[str]:
    """What the page says about saves (not other warnings, such as a partial result)."""
    said = ("not saved yet", "another screen")
    return [w.value for w in tab.warning if any(s in w.value for s in said)]


def _save_kpis(tab):
    next(b for b in tab.get("form_submit_button") if "Save metrics" in b.proto.label).click().run()


def test_a_kpi_changed_in_two_tabs_is_not_overwritten_silently(shared):
    services, assessment = shared
    owner = Actor(services.accounts.with_email("ana@example.com"))
    one, two = _kpi_tab(assessment), _kpi_tab(assessment)
    nps, fcr = (
        f"kpi.{assessment.public_id}.nps",
        f"kpi.{assessment.public_id}.first-contact-resolution",
    )
    one.number_input(key=nps).set_value(10.0)
    _save_kpis(one)
    two.number_input(key=nps).set_value(20.0)
    two.number_input(key=fcr).set_value(70.0)
    _save_kpis(two)
    assert not two.exception
    stored = services.assessments.details_of(owner, assessment)
    assert (stored["nps"], stored["first-contact-resolution"]) == (
        10.0,
        70.0,
    )  # fcr written, nps not
    told = [w.value for w in two.warning]
    assert any("another screen saved 10" in w for w in told), told
    two.button(key=f"kpi.mine.{assessment.public_id}.nps").click().run()
    assert services.assessments.details_of(owner, assessment)["nps"] == 20.0
    assert not _save_warnings(two)
    # Tab one did not touch fcr: it shows what tab two stored.
    one.run()
    assert one.number_input(key=fcr).value == 70.0


def test_plan_and_kpi_changes_wait_while_the_database_refuses_writes(flaky):
    url, owner, assessment, read_only = flaky.url, flaky.owner, flaky.assessment, flaky.read_only
    plan_tab, kpi_tab = _plan_tab(assessment), _kpi_tab(assessment)
    read_only(True)
    first = bundled_catalog().get(GRID).capability("billing").initiatives[0].id
    plan_tab.multiselect(key=f"plan.{GRID}.add.suggestions.billing.en.r1").select(first).run()
    plan_tab.button(key=f"plan.{GRID}.add.button").click().run()
    assert not plan_tab.exception
    assert any("plan not saved yet" in w.value for w in plan_tab.warning)
    kpi_tab.number_input(key=f"kpi.{assessment.public_id}.nps").set_value(42.0)
    _save_kpis(kpi_tab)
    assert not kpi_tab.exception
    assert any("not saved yet" in w.value for w in kpi_tab.warning)
    assert not any("Metrics saved" in s.value for s in kpi_tab.success)
    kpi_tab.session_state[f"kpi.open.{assessment.public_id}"] = False  # closed by hand:
    kpi_tab.run()  # it opens again while something of it is unsaved
    assert kpi_tab.number_input(key=f"kpi.{assessment.public_id}.nps").value == 42.0
    assert _plan(open_services(url), assessment) == {}
    assert open_services(url).assessments.details_of(owner, assessment)["nps"] is None
    read_only(False)
    plan_tab.button(key=f"plan.retry.{GRID}").click().run()
    kpi_tab.button(key=f"kpi.retry.{assessment.public_id}").click().run()
    assert not _save_warnings(plan_tab) and not _save_warnings(kpi_tab)
    stored = list(_plan(open_services(url), assessment).values())
    assert (stored[-1].capability, stored[-1].suggestion) == ("billing", first)  # the one added
    rows = plan_tab.session_state[STATE_KEY].plans[GRID]
    assert [(r.capability, r.suggestion) for r in rows] == [
        (i.capability, i.suggestion) for i in stored
    ]  # the suggestions shown before, and the added one: as on screen
    assert open_services(url).assessments.details_of(owner, assessment)["nps"] == 42.0
