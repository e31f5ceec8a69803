"""An organisation's record out and back in; hostile imports change nothing; CSV."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest

from cxmaturity.errors import InvalidInput
from cxmaturity.loader import Catalog
from cxmaturity.model import Rating
from cxmaturity.planning import PlanItem
from cxmaturity.services.assessments import Assessments
from cxmaturity.services.organizations import Organizations

from ..conftest import ASSESSMENTS
from ..helpers import admin_of, open_store


@pytest.fixture
def catalog_() -> Catalog:
    return Catalog.from_dirs([ASSESSMENTS])


@pytest.fixture
def filled(db_url, grid, quiz) -> tuple[Assessments, object]:
    store = open_store(db_url)
    acme = Organizations(store.database).create(admin_of(store), "Acme S.A.")
    first = store.create_assessment(acme, grid, "es", dt.date(2026, 5, 20))
    store.save_rating(first, "Ana", "billing", Rating(current=2, ideal=4, note='=HYPERLINK("x")'))
    store.save_rating(first, "Luis", "security", Rating(current="n/a"))
    store.save_plan(first, [PlanItem(capability="billing", suggestion=1, owner="Finanzas")])
    store.save_kpis(first, {"nps": 12.0, "first-contact-resolution": 0.71})
    store.mark_final(first)
    second = store.create_assessment(acme, grid, "es", dt.date(2026, 11, 22), previous=first)
    store.save_rating(second, "Ana", "billing", Rating(current=3, ideal=4))
    q = store.create_assessment(acme, quiz, "en", dt.date(2026, 11, 22))
    store.save_choice(q, "", "q1", "c")
    return store, acme


def test_a_file_from_before_the_kpi_catalogue_is_read_with_the_catalogue_ids(db_url, catalog_):
    store = open_store(db_url)
    record = {
        "format": "cxmaturity-organization", "version": 1, "organization": {"name": "Old S.A."},
        "assessments": [{"key": 1, "questionnaire": "avaya-cx-quiz", "questionnaire_version": "1",
                         "assessed_on": "2026-01-10", "language": "es",
                         "kpis": {"fcr": 71.0, "cost_per_contact": 3.5, "nps": 12.0}}],
    }  # fmt: skip
    created = store.import_organization(
        admin_of(store), json.dumps(record).encode(), "old.json", catalog_
    )
    (assessment,) = [a for a, _ in store.history(created)]
    assert store.kpis(assessment) == {
        "first-contact-resolution": 71.0, "cost-per-contact": 3.5, "nps": 12.0
    }  # fmt: skip


@pytest.mark.parametrize(
    ("kpis", "message"),
    [
        ({"nps": 140.0}, "nps must be from -100 to 100, not 140"),
        ({"csat": -1.0}, "csat must be from 0 to 100, not -1"),
        ({"cost-per-contact": -2.0}, "cost-per-contact must be at least 0, not -2"),
        ({"happiness": 3.0}, "unknown KPI 'happiness'"),
    ],
)
def test_an_import_with_a_kpi_outside_the_catalogue_changes_nothing(
    db_url, catalog_, kpis, message
):
    store = open_store(db_url)
    record = {
        "format": "cxmaturity-organization", "version": 1, "organization": {"name": "Bad S.A."},
        "assessments": [{"key": 1, "questionnaire": "avaya-cx-quiz", "questionnaire_version": "1",
                         "assessed_on": "2026-01-10", "language": "es", "kpis": kpis}],
    }  # fmt: skip
    before = store.counts()
    with pytest.raises(InvalidInput) as error:
        store.import_organization(
            admin_of(store), json.dumps(record).encode(), "bad.json", catalog_
        )
    assert message in str(error.value)
    assert "assessments[0].kpis" in str(error.value)
    assert store.counts() == before


def test_export_then_import_gives_the_same_record(filled, catalog_):
    store, acme = filled
    exported = store.export_json(admin_of(store), acme)
    copy = store.import_organization(
        admin_of(store), exported, "acme.json", catalog_, rename="Acme (copia)"
    )
    again = json.loads(store.export_json(admin_of(store), copy))
    original = json.loads(exported)
    assert again["organization"]["name"] == "Acme (copia)"

    def strip(record):
        return [
            {k: v for k, v in a.items() if k not in ("key", "previous")}
            for a in record["assessments"]
        ]

    assert strip(again) == strip(original)
    [first, second, _] = again["assessments"]
    assert second["previous"] == first["key"]  # the re-evaluation link survives, renumbered


HOSTILE = [
    (b"not json at all: [", "(yaml)"),
    (b'{"format": "cxmaturity-organization", "version": 2, "organization": {"name": "X"}}', "version"),
    (b'{"format": "other", "version": 1, "organization": {"name": "X"}}', "format"),
    (b"!!python/object/apply:os.system ['echo hacked']", "python"),
    (b'{"format": "cxmaturity-organization", "version": 1, "organization": {"name": "X"},'
     b' "assessments": [{"key": 1, "questionnaire": "avaya-cx-quiz", "questionnaire_version": "1",'
     b' "assessed_on": "2026-11-22", "language": "es", "responses": [{"item": "q1", "choice": "z"}]}]}',
     "unknown option"),
    (b'{"format": "cxmaturity-organization", "version": 1, "organization": {"name": "X"},'
     b' "assessments": [{"key": 1, "questionnaire": "nope", "questionnaire_version": "1",'
     b' "assessed_on": "2026-11-22", "language": "es"}]}', "unknown questionnaire"),
    (b'{"format": "cxmaturity-organization", "version": 1, "organization": {"name": "X"},'
     b' "assessments": [{"key": 1, "questionnaire": "avaya-cx-quiz", "questionnaire_version": "1",'
     b' "assessed_on": "2026-11-22", "language": "es", "previous": 9}]}', "previous 9"),
    (b'{"format": "cxmaturity-organization", "version": 1, "organization": {"name": "Acme S.A."}}',
     "already exists"),
    (b"\xff\xfe\x00garbage", "UTF-8"),
]  # fmt: skip


@pytest.mark.parametrize(("raw", "message"), HOSTILE)
def test_a_corrupt_or_hostile_import_changes_nothing(filled, catalog_, raw, message):
    store, _ = filled
    before = store.counts()
    with pytest.raises(InvalidInput) as error:
        store.import_organization(admin_of(store), raw, "upload.json", catalog_)
    assert message in str(error.value.problems[0]) or any(
        message in str(p) for p in error.value.problems
    )
    assert all(p.path == "upload.json" for p in error.value.problems)
    assert store.counts() == before


def test_import_errors_name_the_line(filled, catalog_):
    store, acme = filled
    record = json.loads(store.export_json(admin_of(store), acme))
    record["organization"]["name"] = "Otra"
    record["assessments"][0]["responses"][0]["current"] = "7"
    raw = json.dumps(record, indent=1).encode()
    with pytest.raises(InvalidInput) as error:
        store.import_organization(admin_of(store), raw, "otra.json", catalog_)
    [problem] = error.value.problems
    line = next(
        i for i, text in enumerate(raw.decode().splitlines(), 1) if '"current": "7"' in text
    )
    assert problem.line is not None and abs(problem.line - line) <= 3
    assert "level" in problem.message


def test_csv_has_every_answer_and_no_formulas(filled):
    store, acme = filled
    rows = list(csv.DictReader(io.StringIO(store.answers_csv(admin_of(store), acme))))
    assert len(rows) == 4
    billing = next(r for r in rows if r["respondent"] == "Ana" and r["assessed_on"] == "2026-05-20")
    assert billing["note"] == '\'=HYPERLINK("x")'  # shown as text in a spreadsheet
    assert (billing["current"], billing["ideal"]) == ("2", "4")
    assert next(r for r in rows if r["item"] == "security")["current"] == "n/a"
    assert next(r for r in rows if r["item"] == "q1")["choice"] == "c"
