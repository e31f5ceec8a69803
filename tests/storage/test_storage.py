"""Storage against SQLite and a real PostgreSQL: round trips, migrations, concurrency, crashes."""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import threading
import time

import pytest
from sqlalchemy import create_engine, inspect, text

from cxmaturity.db.migrate import current, upgrade
from cxmaturity.loader import Catalog, load_answers
from cxmaturity.model import Rating
from cxmaturity.planning import PlanItem, Priority, Status
from cxmaturity.scoring import score
from cxmaturity.services.assessments import Assessments
from cxmaturity.services.catalog import bundled_catalog

from ..conftest import ASSESSMENTS, ROOT
from ..helpers import open_services, open_store

EXAMPLES = ROOT / "docs" / "examples"
DAY = dt.date(2026, 11, 22)


@pytest.fixture
def store(db_url: str) -> Assessments:
    return open_store(db_url)


def test_upgrade_head_from_an_empty_database(db_url):
    engine = create_engine(db_url)
    upgrade(engine)
    assert current(engine) == "0012"
    tables = set(inspect(engine).get_table_names())
    assert {"organizations", "assessments", "responses", "plan_items", "kpis"} <= tables
    # A team is read in (respondent, first stored) order straight from an index.
    indexes = {i["name"]: i["column_names"] for i in inspect(engine).get_indexes("responses")}
    assert indexes["ix_responses_read_order"] == ["assessment_id", "respondent", "id"]
    upgrade(engine)  # again: nothing to do, nothing lost
    assert current(engine) == "0012"


def test_upgrade_from_the_first_revision_keeps_the_data(db_url):
    engine = create_engine(db_url)
    upgrade(engine, "0001")
    with engine.begin() as connection:
        connection.execute(
            text("INSERT INTO organizations (id, name, created_at) VALUES (1, 'Acme', :t)"),
            {"t": dt.datetime(2026, 5, 1)},
        )
        connection.execute(
            text(
                "INSERT INTO assessments (id, organization_id, questionnaire_id, questionnaire_version,"
                " assessed_on, language, status, created_at) VALUES (7, 1, 'avaya-cx-quiz', '1',"
                " :d, 'es', 'final', :t)"
            ),
            {"d": dt.date(2026, 5, 1), "t": dt.datetime(2026, 5, 1)},
        )
        connection.execute(
            text(
                "INSERT INTO responses (assessment_id, respondent, item_id, choice, updated_at)"
                " VALUES (7, 'Ana', 'q1', 'c', :t)"
            ),
            {"t": dt.datetime(2026, 5, 1)},
        )
    upgrade(engine)
    store = open_store(db_url)
    organization = store.organization(1)
    assert organization is not None
    [assessment] = store.assessments(organization)
    assert (assessment.id, assessment.final, assessment.previous_id) == (7, True, None)
    assert store.answers(assessment)["Ana"].answers == {"q1": "c"}
    store.save_plan(assessment, [PlanItem(capability="billing", initiative="x")])  # new table works


@pytest.mark.parametrize("name", ["acme-quiz.yaml", "acme-grid.yaml"])
def test_answers_round_trip_to_the_same_score(store, name):
    catalog = Catalog.from_dirs([ASSESSMENTS])
    answers, questionnaire = load_answers(EXAMPLES / name, catalog)
    organization = store.ensure_organization("  Acme   S.A. ")
    assert organization.name == "Acme S.A."
    assessment = store.create_assessment(organization, questionnaire, "es", DAY)
    for item, value in answers.answers.items():
        if isinstance(value, Rating):
            store.save_rating(assessment, "Ana Pérez", item, value)
        else:
            store.save_choice(assessment, "Ana Pérez", item, value)
    [saved] = store.answers(assessment).values()
    assert saved.answers == answers.answers
    assert saved.organization == "Acme S.A." and saved.date == DAY
    assert score(questionnaire, [saved]) == score(questionnaire, [answers])


def test_a_changed_answer_replaces_the_old_one(store, grid):
    assessment = store.create_assessment(store.ensure_organization("Acme"), grid, "es", DAY)
    store.save_rating(assessment, "", "billing", Rating(current=1, ideal=2, note="primero"))
    store.save_rating(assessment, "", "billing", Rating(current=3, ideal=4))
    assert store.answers(assessment)[""].answers == {"billing": Rating(current=3, ideal=4)}
    assert store.counts()["responses"] == 1


def test_plan_and_kpis_round_trip(store, grid):
    assessment = store.create_assessment(store.ensure_organization("Acme"), grid, "en", DAY)
    items = [
        PlanItem(capability="talent-training", suggestion=2, owner="HR", due=dt.date(2027, 1, 31),
                 priority=Priority.HIGH, status=Status.IN_PROGRESS, note="started"),
        PlanItem(capability="billing", initiative={"es": "Factura única", "en": "Single invoice"}),
        PlanItem(capability="billing", initiative='{"looks": "like json"}'),
    ]  # fmt: skip
    store.save_plan(assessment, items)
    assert store.plan(assessment) == items
    store.save_plan(assessment, items[:1])
    assert store.plan(assessment) == items[:1]
    store.save_kpis(assessment, {"nps": 31.5, "csat": 4.2, "cost-per-contact": 3.1})
    store.save_kpis(assessment, {"csat": None})
    assert store.kpis(assessment) == {"nps": 31.5, "cost-per-contact": 3.1}
    with pytest.raises(ValueError, match="unknown KPI"):
        store.save_kpis(assessment, {"revenue": 1.0})


def test_reevaluation_links_to_the_previous_assessment(store, grid):
    organization = store.ensure_organization("Acme")
    first = store.create_assessment(organization, grid, "es", DAY)
    store.mark_final(first)
    second = store.create_assessment(organization, grid, "es", DAY + dt.timedelta(days=183), first)
    assert [a.id for a in store.assessments(organization)] == [first.id, second.id]
    assert store.assessment(second.id).previous_id == first.id
    assert store.assessment(first.id).final and not store.assessment(second.id).final


# ----------------------------------------------------------------- concurrency


def test_twenty_concurrent_writers_lose_nothing(store, grid):
    """10 writers on assessments of their own, 10 on one shared assessment."""
    organization = store.ensure_organization("Acme")
    shared = store.create_assessment(organization, grid, "es", DAY)
    own = [store.create_assessment(organization, grid, "es", DAY) for _ in range(10)]
    capabilities = [c.id for _, c in grid.capabilities()]
    errors: list[BaseException] = []
    start = threading.Barrier(20)

    def write(assessment, respondent: str, offset: int) -> None:
        try:
            start.wait()
            for i, item in enumerate(capabilities):
                level = (i + offset) % 4 + 1
                store.save_rating(assessment, respondent, item, Rating(current=level, ideal=4))
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=write, args=(a, "solo", n)) for n, a in enumerate(own)]
    threads += [threading.Thread(target=write, args=(shared, f"p{n}", n)) for n in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors, errors
    assert store.counts()["responses"] == 20 * len(capabilities)
    team = store.answers(shared)
    assert len(team) == 10
    for n in range(10):
        ratings = team[f"p{n}"].answers
        assert [ratings[c].current for c in capabilities] == [
            (i + n) % 4 + 1 for i in range(len(capabilities))
        ]


WRITER = """
import datetime as dt, sys
from cxmaturity.loader import load_questionnaire
from cxmaturity.db import Database
from cxmaturity.model import Rating
from cxmaturity.services.assessments import Assessments
store = Assessments(Database.open(sys.argv[1]))
grid = load_questionnaire("assessments/avaya-capability-grid.yaml")
assessment = store.create_assessment(store.ensure_organization("Acme"), grid, "es", dt.date(2026, 11, 22))
print(assessment.id, flush=True)
n = 0
while True:
    store.save_rating(assessment, f"r{n}", "billing", Rating(current=n % 4 + 1, ideal=4, note="x" * 2000))
    n += 1
    print(n, flush=True)
"""


def test_killing_a_writer_mid_write_keeps_every_completed_write(db_url):
    open_store(db_url)  # migrated before the writer starts
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, db_url], cwd=ROOT, stdout=subprocess.PIPE, text=True, env=env
    )
    assert writer.stdout is not None
    assessment_id = int(writer.stdout.readline())
    deadline = time.monotonic() + 60
    done = 0
    while done < 150 and time.monotonic() < deadline:
        done = int(writer.stdout.readline())
    os.kill(writer.pid, signal.SIGKILL)  # no cleanup, possibly inside a transaction
    writer.wait()
    rest = writer.stdout.read().split()
    completed = int(rest[-1]) if rest else done
    store = open_store(db_url)
    if store.database.engine.dialect.name == "sqlite":
        with store.database.engine.connect() as connection:
            assert connection.execute(text("PRAGMA integrity_check")).scalar() == "ok"
    saved = store.answers(store.assessment(assessment_id))
    assert completed >= 150
    assert len(saved) >= completed  # every write reported as done is there
    assert all(f"r{n}" in saved for n in range(completed))


def test_workshops_that_allowed_no_name_become_anonymous(db_url):
    """0008: ``allow_anonymous`` (the name was optional) becomes ``anonymous`` (nobody
    sees one person's answers), the more private reading; results are not hidden."""
    engine = create_engine(db_url)
    upgrade(engine, "0007")
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO organizations (id, name, created_at, public_id) "
                "VALUES (1, 'Acme', CURRENT_TIMESTAMP, 'o1')"
            )
        )
        for n, allowed in ((1, True), (2, False)):
            connection.execute(
                text(
                    "INSERT INTO workshops (id, organization_id, code, language, "
                    "allow_anonymous, status, created_at, public_id) VALUES "
                    "(:n, 1, :code, 'es', :allowed, 'open', CURRENT_TIMESTAMP, :pid)"
                ),
                {"n": n, "code": f"CODE{n}", "allowed": allowed, "pid": f"w{n}"},
            )
    upgrade(engine)
    with engine.connect() as connection:
        rows = connection.execute(
            text("SELECT id, anonymous, hide_results, revealed FROM workshops ORDER BY id")
        ).all()
    assert [tuple(r) for r in rows] == [(1, True, False, ""), (2, False, False, "")]
    engine.dispose()


def test_workshops_before_closing_days_stay_open_until_closed(db_url):
    """0009: a workshop stored before closing days has none (a live session, open until
    the facilitator closes it); the new column takes a day and gives it back."""
    engine = create_engine(db_url)
    upgrade(engine, "0008")
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO organizations (id, name, created_at, public_id) "
                "VALUES (1, 'Acme', CURRENT_TIMESTAMP, 'o1')"
            )
        )
        connection.execute(
            text(
                "INSERT INTO workshops (id, organization_id, code, language, anonymous, "
                "status, created_at, public_id) VALUES "
                "(1, 1, 'CODE1', 'es', false, 'open', CURRENT_TIMESTAMP, 'w1')"
            )
        )
    upgrade(engine)
    with engine.begin() as connection:
        assert connection.execute(text("SELECT closes_on FROM workshops")).scalar() is None
        connection.execute(text("UPDATE workshops SET closes_on = :d"), {"d": DAY})
        assert str(connection.execute(text("SELECT closes_on FROM workshops")).scalar()) == (
            DAY.isoformat()
        )
    engine.dispose()


def test_kpis_and_plans_from_before_the_catalogue_keep_their_meaning(db_url):
    """0010: the two KPI names that changed take the catalogue's ids; a plan item's
    suggestion position ``n`` becomes ``<capability>-<n>``, which still finds the n-th
    suggestion of the capability; an own initiative stays as it was."""
    engine = create_engine(db_url)
    upgrade(engine, "0009")
    with engine.begin() as connection:
        connection.execute(text(
            "INSERT INTO organizations (id, name, created_at, public_id) "
            "VALUES (1, 'Acme', CURRENT_TIMESTAMP, 'o1')"))  # fmt: skip
        connection.execute(text(
            "INSERT INTO assessments (id, organization_id, questionnaire_id, questionnaire_version,"
            " assessed_on, language, status, created_at, public_id) VALUES (7, 1,"
            " 'avaya-capability-grid', '1', :d, 'es', 'draft', CURRENT_TIMESTAMP, 'a7')"),
            {"d": DAY})  # fmt: skip
        for name, value in (("fcr", 71.0), ("cost_per_contact", 3.5), ("nps", 12.0)):
            connection.execute(
                text("INSERT INTO kpis (assessment_id, name, value) VALUES (7, :n, :v)"),
                {"n": name, "v": value},
            )
        for row_id, suggestion, own in ((11, 2, None), (12, None, '"Comité mensual"')):
            connection.execute(text(
                "INSERT INTO plan_items (id, assessment_id, row_key, position, capability, owner,"
                " priority, status, note, suggestion, initiative) VALUES"
                " (:i, 7, :i, :i, 'billing', '', 'high', 'proposed', '', :s, :o)"),
                {"i": row_id, "s": suggestion, "o": own})  # fmt: skip
    upgrade(engine)
    services = open_services(db_url)
    with services.database.unit() as uow:
        assert uow.repo.kpis(7) == {
            "first-contact-resolution": 71.0, "cost-per-contact": 3.5, "nps": 12.0
        }  # fmt: skip
        items = uow.repo.plan(7)
    assert [(i.suggestion, i.initiative.get("es") if i.initiative else None) for i in items] == [
        ("billing-2", None),
        (None, "Comité mensual"),
    ]
    grid = bundled_catalog().get("avaya-capability-grid")
    billing = grid.capability("billing")
    assert billing.initiative("billing-2") == billing.initiatives[1]
    engine.dispose()
