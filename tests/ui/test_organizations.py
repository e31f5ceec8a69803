"""Organisations page: history with results, review dates, re-evaluation, import."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from cxmaturity.loader import load_questionnaire
from cxmaturity.model import Rating
from cxmaturity.planning import PlanItem, Status
from cxmaturity.records import ANONYMOUS
from cxmaturity.services.access import Actor
from cxmaturity.services.assessments import Assessments
from cxmaturity.ui.text import escape_md

from ..conftest import ASSESSMENTS
from ..helpers import open_services, open_store
from .conftest import ANSWER, ORGANIZATIONS, open_kpis, open_page, show_category


@pytest.fixture
def owner(sign_in):
    """The signed-in consultant who owns the organisations of these tests."""
    return Actor(sign_in("ana@example.com", "consultant"))


def organization(owner: Actor, name: str = "Acme S.A."):
    return open_services().organizations.create(owner, name)


def seed(owner: Actor, days_ago: int = 200) -> tuple[Assessments, object]:
    store = open_store()
    grid = load_questionnaire(ASSESSMENTS / "avaya-capability-grid.yaml")
    acme = organization(owner)
    first = store.create_assessment(acme, grid, "es", dt.date.today() - dt.timedelta(days=days_ago))
    store.save_rating(first, ANONYMOUS, "billing", Rating(current=2, ideal=4))
    store.save_rating(first, ANONYMOUS, "security", Rating(current=3, ideal=3))
    store.save_plan(first, [PlanItem(capability="billing", suggestion=1, owner="Finanzas")])
    store.mark_final(first)
    return store, first


def test_history_shows_results_and_the_review_is_due(owner):
    seed(owner, days_ago=200)
    at = open_page(ORGANIZATIONS, lang="es")
    assert not at.exception
    # One line per round, newest first, that reflows on a phone.
    (history,) = [m.value for m in at.markdown if m.value.startswith("- **") and "Nivel" in m.value]
    first = history.splitlines()[0].replace("\\", "")
    assert first.endswith(
        " · Capacidades organizacionales para la experiencia del cliente"
        " · Nivel 2,50 → ideal 3,50 · 1 persona · Final"
    )
    assert "Revisión pendiente" in at.warning[0].value
    assert at.get("file_uploader")  # the import control (the import itself: tests/storage)


def test_a_recent_assessment_shows_the_next_review_date(owner):
    seed(owner, days_ago=10)
    at = open_page(ORGANIZATIONS, lang="en")
    assert not at.warning
    assert any("Next review:" in c.value for c in at.caption)


def test_reevaluation_brings_previous_ratings_and_last_rounds_initiatives(owner):
    store, first = seed(owner)
    at = open_page(ORGANIZATIONS, lang="es")
    at.button(key="orgs.reevaluate.go").click().run()
    assert not at.exception
    latest = store.assessments(organization(owner))[-1]
    assert latest.previous_id == first.id and latest.assessed_on == dt.date.today()
    assert store.plan(latest) == store.plan(first)
    assert store.plan(latest)[0].status == Status.PROPOSED  # the team marks what was done
    # Beside each item (one category at a time): last round's rating. (AppTest runs the
    # page it switched to once only: the new round is opened as from its link.)
    grid = "avaya-capability-grid"
    at = open_page(ANSWER, questionnaire=grid, assessment=latest.public_id, lang="es")
    show_category(at, grid, "customer-interaction")
    assert "Anterior\\: hoy 2 · ideal 4" in [c.value for c in at.caption]
    show_category(at, grid, "infrastructure")
    assert "Anterior\\: hoy 3 · ideal 3" in [c.value for c in at.caption]


def test_compare_two_assessments_shows_what_rose_and_fell_and_the_trend(owner):
    store, first = seed(owner, days_ago=190)
    grid = load_questionnaire(ASSESSMENTS / "avaya-capability-grid.yaml")
    second = store.create_assessment(organization(owner), grid, "es", dt.date.today(), first)
    store.save_rating(second, ANONYMOUS, "billing", Rating(current=3, ideal=4))
    store.save_rating(second, ANONYMOUS, "security", Rating(current=2, ideal=3))
    at = open_page(ORGANIZATIONS, lang="es")
    at.segmented_control(key="orgs.view.3").set_value("compare").run()
    assert not at.exception
    assert [m.value for m in at.metric] == ["2,50", "2,50"]
    moved = at.dataframe[-1].value
    assert list(moved.iloc[:, 0]) == ["Envío de facturas", "Seguridad"]
    assert list(moved.iloc[:, 1:4].itertuples(index=False, name=None)) == [
        ("2,00", "3,00", "▲ +1,00"),
        ("3,00", "2,00", "▼ -1,00"),
    ]  # written as the Results page and the report write them
    assert len(at.get("vega_lite_chart")) == 1  # the trend over time


def test_the_compare_engine_directions():
    from cxmaturity.compare import Change

    assert Change("x", 1, 2).direction == "up"
    assert Change("x", 2, 1.5).direction == "down"
    assert Change("x", 2, 2).direction == "same"
    assert Change("x", None, 2).direction == "n/a" and Change("x", None, 2).delta is None


def test_kpis_and_final_status_are_saved_with_the_assessment(owner):
    store, first = seed(owner, days_ago=5)
    store.mark_draft(first)
    from .conftest import RESULTS

    at = open_page(
        RESULTS, questionnaire="avaya-capability-grid", assessment=first.public_id, lang="en"
    )
    assert not at.exception
    assert not at.number_input  # behind the closed expander: not drawn
    open_kpis(at, first.public_id)
    at.number_input(key=f"kpi.{first.public_id}.nps").set_value(31.5)
    at.number_input(key=f"kpi.{first.public_id}.first-contact-resolution").set_value(72)
    next(b for b in at.get("form_submit_button") if "Save metrics" in b.proto.label).click().run()
    assert not at.exception
    assert store.kpis(first) == {"nps": 31.5, "first-contact-resolution": 72.0}
    assert not store.assessment(first.id).final
    # Draft or final: a switch in sight, outside the metrics, saved at once.
    switch = at.toggle(key=f"kpi.{first.public_id}.final")
    assert switch.label == "Final assessment (no longer a draft)"
    switch.set_value(True).run()
    assert not at.exception
    assert store.assessment(first.id).final
    at.toggle(key=f"kpi.{first.public_id}.final").set_value(False).run()
    assert not store.assessment(first.id).final


def test_quiz_reevaluation_shows_the_previous_choices(owner):
    store = open_store()
    quiz = load_questionnaire(ASSESSMENTS / "avaya-cx-quiz.yaml")
    first = store.create_assessment(
        organization(owner, "Quiz S.A."), quiz, "en", dt.date(2026, 1, 5)
    )
    store.save_choice(first, ANONYMOUS, "q2", "b")
    at = open_page(ORGANIZATIONS, lang="en")
    at.button(key="orgs.reevaluate.go").click().run()
    assert not at.exception
    assert [r.index for r in at.radio] == [None] * 4  # a new round starts empty
    previous = [c.value for c in at.caption if c.value.startswith("Previous")]
    option = escape_md(quiz.questions[1].options[1].text.get("en"))
    assert previous == [f"Previous\\: b\\) {option}"]


def test_an_assessment_opens_in_this_tab_and_its_round_report_is_made_again(owner, tmp_path):
    import shutil
    import subprocess

    store, first = seed(owner, days_ago=30)
    quiz = load_questionnaire(ASSESSMENTS / "avaya-cx-quiz.yaml")
    same_day = store.create_assessment(organization(owner), quiz, "en", first.assessed_on)
    for question in quiz.questions:
        store.save_choice(same_day, ANONYMOUS, question.id, question.options[1].id)
    at = open_page(ORGANIZATIONS, lang="en")
    counts = store.counts()
    at.selectbox(key="orgs.open.which").set_value(first.public_id).run()
    at.button(key="orgs.open.go").click().run()
    assert not at.exception
    assert at.query_params["assessment"] == first.public_id
    assert store.counts() == counts  # opening creates nothing
    if shutil.which("pdftotext") is None:
        return

    services = open_services()
    pdf = services.reports.round_report(owner, first, "Acme S.A.", "en")
    path = tmp_path / "round.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout  # fmt: skip
    assert "How mature is your customer experience?" in text
    assert "Organizational capabilities for customer experience" in text


def test_the_history_shows_each_kpi_over_time_from_the_catalogue(owner):
    store, first = seed(owner, days_ago=200)
    grid = load_questionnaire(ASSESSMENTS / "avaya-capability-grid.yaml")
    second = store.create_assessment(store.organization(first.organization_id), grid, "es",
                                     dt.date.today() - dt.timedelta(days=10), previous=first)  # fmt: skip
    store.save_kpis(first, {"nps": 12.0, "cost-per-contact": 3.4, "csat": 80.0})
    store.save_kpis(second, {"nps": 20.0, "cost-per-contact": 3.9})
    at = open_page(ORGANIZATIONS, lang="es")
    assert not at.exception
    assert any(s.value == "Indicadores a lo largo del tiempo" for s in at.subheader)
    rows = {r["Indicador"]: r for r in at.dataframe[0].value.to_dict("records")}
    nps = rows["Net Promoter Score (NPS) (puntos, de -100 a 100)"]
    cost = rows["Costo por contacto (moneda, desde 0)"]
    assert nps["Último cambio"] == "▲ mejor (+8)"  # higher is better
    assert cost["Último cambio"] == "▼ peor (+0,5)"  # lower is better: it rose
    assert "12" in nps.values() and "20" in nps.values()
    csat = next(r for label, r in rows.items() if label.startswith("Satisfacción"))
    assert list(csat.values())[1:] == ["80", "–", "–"]  # not measured last round: no change
    assert at.selectbox(key=f"kpi.trend.{store.organization(first.organization_id).public_id}")
    charts = at.get("vega_lite_chart")
    assert len(charts) == 1  # the chart of the chosen KPI, described for a screen reader
    spec = json.loads(charts[0].proto.spec)
    assert spec["description"].startswith("Costo por contacto en la fecha de cada evaluación")
    assert spec["layer"][0]["encoding"]["y"]["scale"] == {"zero": False}  # no upper bound
