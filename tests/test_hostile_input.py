"""Hostile and odd input, run against every door: the command line, the answers
upload, the organisation import and the URL parameters. Each case gives a clear
message (naming the file, line and field where there is one) or is ignored; none shows
a traceback; nothing stored changes."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from .conftest import ROOT

BIG = "1" * 5000  # Python refuses to convert integers of more than 4,300 digits
# answers files: (name, text, what the message says)
# fmt: off
ANSWERS = [
    (
        "huge-level",
        f"questionnaire: avaya-capability-grid\nanswers:\n  billing: {{current: {BIG}, ideal: 4}}\n",
        "5,000 digits",
    ),
    ("huge-key", f"questionnaire: avaya-cx-quiz\n{BIG}: 1\nanswers: {{q1: a}}\n", "(yaml)"),
    (
        "far-date",
        "questionnaire: avaya-cx-quiz\ndate: 9999-12-31\nanswers: {q1: a}\n",
        "2999-12-31",
    ),
    (
        "old-date",
        "questionnaire: avaya-cx-quiz\ndate: 0001-01-01\nanswers: {q1: a}\n",
        "1900-01-01",
    ),
    (
        "nan-level",
        "questionnaire: avaya-capability-grid\nanswers:\n  billing: {current: .nan}\n",
        "billing",
    ),
    (
        "inf-level",
        "questionnaire: avaya-capability-grid\nanswers:\n  billing: {current: .inf}\n",
        "billing",
    ),
    (
        "long-name",
        "questionnaire: avaya-cx-quiz\norganization: " + "x" * 400 + "\nanswers: {q1: a}\n",
        "organization",
    ),
    (
        "markdown",
        "questionnaire: avaya-cx-quiz\nanswers: {q1: '[x](http://e.com)'}\n",
        "unknown option",
    ),
    ("binary", "\udcff\udcfe garbage", "UTF-8"),
    ("deep", "questionnaire: avaya-cx-quiz\nanswers: " + "[" * 500 + "]" * 500 + "\n", ""),
]
# fmt: on


def _write(tmp_path, name: str, text: str):
    path = tmp_path / f"{name}.yaml"
    path.write_bytes(text.encode("utf-8", "surrogateescape"))
    return path


@pytest.mark.parametrize(("name", "text", "says"), ANSWERS, ids=[a[0] for a in ANSWERS])
@pytest.mark.parametrize("verb", ["score", "report"])
def test_the_command_line_refuses_with_a_message(tmp_path, name, text, says, verb):
    path = _write(tmp_path, name, text)
    args = [sys.executable, "-m", "cxmaturity", verb, str(path)]
    if verb == "report":
        args += ["-o", str(tmp_path / "out.pdf")]
    done = subprocess.run(args, check=False, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr and f"{name}.yaml" in done.stderr
    assert says in done.stderr
    assert not (tmp_path / "out.pdf").exists()


@pytest.mark.parametrize(("name", "text", "says"), ANSWERS, ids=[a[0] for a in ANSWERS])
def test_the_upload_refuses_and_changes_nothing(name, text, says):
    from .ui.conftest import ANSWER, open_page

    at = open_page(ANSWER, questionnaire="avaya-cx-quiz", lang="en")
    at.radio[0].set_value(at.radio[0].options[1]).run()
    raw = text.encode("utf-8", "surrogateescape")
    at.file_uploader[0].set_value((f"{name}.yaml", raw, "application/x-yaml")).run()
    assert not at.exception
    assert "not valid; nothing was changed" in at.error[0].value
    assert says.replace(",", "") in at.code[0].value.replace(",", "")
    assert [r.index for r in at.radio] == [1, None, None, None]


def _record(**assessment: object) -> bytes:
    base = {
        "key": 1,
        "questionnaire": "avaya-cx-quiz",
        "questionnaire_version": "1",
        "assessed_on": "2026-01-05",
        "language": "es",
    }
    return json.dumps(
        {
            "format": "cxmaturity-organization",
            "version": 1,
            "organization": {"name": "X"},
            "assessments": [base | assessment],
        }
    ).encode()


IMPORTS = [
    ("huge-key", _record().replace(b'"key": 1', b'"key": ' + BIG.encode()), "digits"),
    ("far-date", _record(assessed_on="9999-12-31"), "assessed_on"),
    ("nan-kpi", _record(kpis={"nps": float("nan")}), "kpis"),
    ("inf-kpi", _record(kpis={"csat": float("inf")}), "kpis"),
    ("kpi-out-of-range", _record(kpis={"nps": 500}), "nps must be from -100 to 100"),
    ("kpi-text", _record(kpis={"ces": "high"}), "kpis"),
    (
        "far-due",
        _record(
            questionnaire="avaya-capability-grid",
            plan=[{"capability": "billing", "initiative": "x", "due": "9999-12-31"}],
        ),
        "due",
    ),
    ("too-big", b" " * (3 * 1024 * 1024), "the limit is 2 MiB"),
]


@pytest.mark.parametrize(("name", "raw", "says"), IMPORTS, ids=[i[0] for i in IMPORTS])
def test_the_import_refuses_and_changes_nothing(tmp_path, name, raw, says):
    from cxmaturity.errors import InvalidInput

    from .helpers import admin_of, open_services

    services = open_services(f"sqlite:///{tmp_path / 'x.db'}")
    before = services.assessments.counts()
    with pytest.raises(InvalidInput) as refused:
        services.assessments.import_organization(
            admin_of(services.assessments), raw, f"{name}.json", services.catalogs.current()
        )
    text = "\n".join(str(p) for p in refused.value.problems)
    assert says in text and f"{name}.json" in text
    assert services.assessments.counts() == before


def test_a_kpi_out_of_range_is_refused_by_the_service(tmp_path):
    import datetime as dt

    from cxmaturity.loader import load_questionnaire

    from .helpers import admin_of, open_services

    services = open_services(f"sqlite:///{tmp_path / 'x.db'}")
    store = services.assessments
    grid = load_questionnaire(ROOT / "assessments" / "avaya-capability-grid.yaml")
    acme = services.organizations.create(admin_of(store), "Acme")
    assessment = store.create_assessment(acme, grid, "es", dt.date(2026, 1, 5))
    for bad in (float("nan"), float("inf"), 101.0, -1e300):
        with pytest.raises(ValueError, match=r"nps must be (from -100 to 100|a number)"):
            store.change_details(admin_of(store), assessment, {"nps": bad}, {})
    assert store.kpis(assessment) == {}


URLS = [
    {"assessment": "1" * 25},
    {"assessment": "²"},
    {"assessment": "x" * 5000},
    {"assessment": "A" * 32},
    {"questionnaire": "../../etc/passwd"},
    {"questionnaire": "x" * 5000},
    {"lang": "xx"},
    {"org": "%00"},
    {"workshop": "1e999"},
]


@pytest.mark.parametrize("params", URLS, ids=[f"url{n}" for n in range(len(URLS))])
@pytest.mark.parametrize("page", ["home", "answer", "results", "plan", "organizations"])
def test_url_parameters_never_fail_a_page(params, page):
    from .ui.conftest import ANSWER, HOME, ORGANIZATIONS, PLAN, RESULTS, open_page

    pages = {
        "home": HOME,
        "answer": ANSWER,
        "results": RESULTS,
        "plan": PLAN,
        "organizations": ORGANIZATIONS,
    }
    wanted = {"questionnaire": "avaya-cx-quiz", **params}
    at = open_page(pages[page], **wanted)
    assert not at.exception
    shown = " ".join(str(getattr(e, "value", "")) for e in at.main)
    assert "Traceback" not in shown and "Something went wrong" not in shown
