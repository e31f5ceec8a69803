"""Stored facts win: the report of an assessment stored long ago shows the date it was
stored with and the review six months after that date (not today and today + 6 months),
made from the app's path and from the command line's."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys

import pytest

from cxmaturity.i18n import long_date
from cxmaturity.loader import dump_answers
from cxmaturity.planning import next_review
from cxmaturity.ui.components.report_button import report_pdf
from cxmaturity.ui.state import STATE_KEY

from ..conftest import ROOT
from .conftest import ACME_ASSESSED_ON, RESULTS, open_page

pytestmark = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="poppler-utils not installed"
)

STORED_ON = ACME_ASSESSED_ON  # the acme_grid fixture's assessment


def _text(pdf: bytes, tmp_path) -> str:
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf)
    done = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True)
    return " ".join(done.stdout.split())


def _assert_stored_dates(text: str) -> None:
    assert dt.date.today() != STORED_ON
    assert long_date(STORED_ON, "es") in text  # 10 de enero de 2025
    assert long_date(next_review(STORED_ON), "es") in text  # 10 de julio de 2025
    assert long_date(dt.date(2025, 7, 10), "es") in text
    today = dt.date.today()
    assert long_date(today, "es") not in text
    assert long_date(next_review(today), "es") not in text


def test_the_apps_report_of_a_stored_assessment_shows_its_date_and_review(acme_grid, tmp_path):
    _, _, assessment, grid = acme_grid
    at = open_page(RESULTS, questionnaire=grid.id, assessment=assessment.public_id, lang="es")
    assert not at.exception
    state = at.session_state[STATE_KEY]
    assert state.assessment_ids == {grid.id: assessment.public_id}
    text = _text(report_pdf(state, [grid], "es"), tmp_path)
    assert "Acme S.A." in text
    _assert_stored_dates(text)


def test_the_clis_report_of_a_stored_assessment_shows_its_date_and_review(acme_grid, tmp_path):
    store, _, assessment, _ = acme_grid
    [answers] = store.answers(assessment).values()
    path = tmp_path / "acme-grid.yaml"
    path.write_text(dump_answers(answers), encoding="utf-8")
    out = tmp_path / "acme.pdf"
    subprocess.run(
        [sys.executable, "-m", "cxmaturity", "report", str(path), "-o", str(out)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    text = _text(out.read_bytes(), tmp_path)
    assert "Acme S.A." in text
    _assert_stored_dates(text)
