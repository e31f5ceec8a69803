"""The deck (.pptx) and the workbook (.xlsx): read back with python-pptx and openpyxl,
checked against ``score --json``; the deck rendered by LibreOffice to images (kept in
test-artifacts/slides for people to look at); and ``report``/``export`` of stored
organisations from the command line, with their rights."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest
import yaml
from pptx import Presentation

from cxmaturity.i18n import t
from cxmaturity.model import Answers, Rating

from ..conftest import ROOT
from .world import account, flat, open_services, organization, reevaluated

ARTIFACTS = ROOT / "test-artifacts" / "slides"
SOFFICE = shutil.which("soffice")
IN_CI = os.environ.get("CI", "").lower() == "true"


def _write(path: Path, answers: Answers) -> Path:
    body = answers.model_dump(mode="json", exclude_none=True)
    body["answers"] = {k: ({f: x for f, x in v.items() if x is not None} if isinstance(v, dict)
                           else v) for k, v in body["answers"].items()}  # fmt: skip
    path.write_text(yaml.safe_dump(body, allow_unicode=True), encoding="utf-8")
    return path


@pytest.fixture
def round_files(tmp_path: Path, grid, quiz) -> list[Path]:
    """A full round: the quiz and a grid answered by two people (varied levels, a note
    that looks like a spreadsheet formula)."""
    day = dt.date(2026, 6, 1)
    caps = [c.id for _, c in grid.capabilities()]
    first = flat(grid, 2, 4, who="Ana", day=day, org="Acme Telecom")
    second = flat(grid, 1, 3, who='=HYPERLINK("x")', day=day, org="Acme Telecom")
    for i, cap in enumerate(caps):
        first.answers[cap] = Rating(current=1 + i % 4, ideal=4, note="=1+1" if i == 0 else None)
    choices = {q.id: q.options[i % len(q.options)].id for i, q in enumerate(quiz.questions)}
    answered = Answers(questionnaire=quiz.id, organization="Acme Telecom", respondent="Ana",
                       date=day, answers=choices)  # fmt: skip
    return [_write(tmp_path / "quiz.yaml", answered), _write(tmp_path / "grid-ana.yaml", first),
            _write(tmp_path / "grid-two.yaml", second)]  # fmt: skip


def test_workbook_matches_score_json(run_cli, round_files, tmp_path, grid):
    out = tmp_path / "round.xlsx"
    done = run_cli("export", *round_files, "-o", out, "--lang", "en")
    assert done.returncode == 0, done.stderr
    assert "workbook in en" in done.stdout
    scored = json.loads(run_cli("score", "--json", *round_files).stdout)
    grid_json = next(r for r in scored if r["kind"] == "grid")
    quiz_json = next(r for r in scored if r["kind"] == "quiz")
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["Summary", "Answers", "Capabilities", "Categories", "Plan", "Quiz",
                               "KPIs", "History"]  # fmt: skip
    for sheet in book:
        assert sheet.freeze_panes == "A2", sheet.title  # the heading row stays in view
    caps = book["Capabilities"]
    header = [c.value for c in caps[1]]
    assert header[:8] == ["Questionnaire", "Category", "Id", "Capability", "Current", "Ideal",
                          "Gap", "Priority (weighted gap)"]  # fmt: skip
    rows = {r[2]: r for r in caps.iter_rows(min_row=2, values_only=True)}
    assert list(rows) == [c["id"] for c in grid_json["capabilities"]]  # questionnaire order
    for cap in grid_json["capabilities"]:
        row = rows[cap["id"]]
        for value, key in zip(row[4:8], ("current", "ideal", "gap", "priority"), strict=True):
            assert isinstance(value, int | float) and not isinstance(value, bool)
            assert value == pytest.approx(cap[key], abs=1e-4), (cap["id"], key)
        assert row[8] == cap["respondents"] == 2
    categories = {r[1]: r for r in book["Categories"].iter_rows(min_row=2, values_only=True)}
    for category in grid_json["categories"]:
        row = categories[category["id"]]
        assert row[3:6] == pytest.approx((category["current"], category["ideal"],
                                          category["gap"]), abs=1e-4)  # fmt: skip
    overall = categories["overall"]
    assert overall[3:6] == pytest.approx((grid_json["overall"]["current"],
                                          grid_json["overall"]["ideal"],
                                          grid_json["overall"]["gap"]), abs=1e-4)  # fmt: skip
    summary = {r[0]: r[1] for r in book["Summary"].iter_rows(min_row=2, values_only=True)}
    assert summary["Organization"] == "Acme Telecom"
    assert summary["Date"] == dt.datetime(2026, 6, 1)  # a date, not text
    assert book["Summary"]["B3"].is_date
    assert summary["Next review"] == dt.datetime(2026, 12, 1)
    assert summary[quiz_title(round_files)] == quiz_json["points"]
    answers = list(book["Answers"].iter_rows(min_row=2, values_only=True))
    assert len(answers) == 4 + 25 * 2
    quiz_rows = [r for r in answers if r[1] == quiz_json["questionnaire"]]
    assert sum(r[5] for r in quiz_rows) == quiz_json["points"]  # points as numbers
    # Typed text stays text: a note or a name that looks like a formula is not one.
    for row in book["Answers"].iter_rows(min_row=2):
        for cell in row:
            assert cell.data_type != "f", cell.coordinate
    assert any(r[8] == "=1+1" for r in answers)
    assert any(r[0] == '=HYPERLINK("x")' for r in answers)
    plan = list(book["Plan"].iter_rows(min_row=2, values_only=True))
    assert plan and all(r[0] == grid.id for r in plan)  # the default plan of the top gaps
    history = list(book["History"].iter_rows(min_row=2, values_only=True))
    assert [r[1] for r in history] == sorted([grid.id, quiz_json["questionnaire"]])


def quiz_title(files: list[Path]) -> str:
    from cxmaturity.loader import load_questionnaire

    return load_questionnaire(ROOT / "assessments" / "avaya-cx-quiz.yaml").title.get("en")


def _texts(deck) -> list[list[str]]:  # type: ignore[no-untyped-def]
    slides = []
    for slide in deck.slides:
        found = []
        for shape in slide.shapes:
            if shape.has_text_frame and shape.text_frame.text:
                found.append(shape.text_frame.text)
            if shape.has_table:
                found += [cell.text for row in shape.table.rows for cell in row.cells]
        slides.append(found)
    return slides


def test_deck_has_the_round_in_the_clients_language(run_cli, round_files, tmp_path, grid):
    out = tmp_path / "round.pptx"
    done = run_cli("export", *round_files, "-o", out, "--lang", "es")
    assert done.returncode == 0, done.stderr
    scored = json.loads(run_cli("score", "--json", *round_files).stdout)
    grid_json = next(r for r in scored if r["kind"] == "grid")
    deck = Presentation(str(out))
    texts = _texts(deck)
    assert "Acme Telecom" in texts[0]  # the cover
    assert t("deck_title", "es") in texts[0]
    assert texts[1][0] == t("report_summary", "es")
    from cxmaturity.i18n import decimal

    story = next(text for text in texts[1] if text.startswith("En «"))  # the story, in prose
    assert "Acme Telecom" in story and decimal(grid_json["overall"]["current"], "es") in story
    charts = [s.chart for slide in deck.slides for s in slide.shapes if s.has_chart]
    category_chart = charts[0]
    plot = category_chart.plots[0]
    names = [c.name.get("es") for c in grid.categories]
    assert list(plot.categories) == names
    series = {s.name: list(s.values) for s in plot.series}
    assert series["Actual"] == pytest.approx([c["current"] for c in grid_json["categories"]])
    assert series["Ideal"] == pytest.approx([c["ideal"] for c in grid_json["categories"]])
    flat_text = "\n".join(x for slide in texts for x in slide)
    assert "Las 8 brechas más grandes" in flat_text
    assert "El plan (sugerido para las brechas más grandes)" in flat_text
    assert "2" in texts[1]  # numbered slides


def _stored_world(grid):  # type: ignore[no-untyped-def]
    """Ana's client with two rounds (last round's plan partly done) and six more clients
    for the benchmark; Bob, who may see none of them."""
    services = open_services()
    ana = account(services, "ana@example.com")
    account(services, "bob@example.com")
    acme = reevaluated(services, ana, "Acme Telecom", grid,
                       (dt.date(2025, 12, 1), dt.date(2026, 6, 1)))  # fmt: skip
    others = [organization(services, ana, f"Client {i}", grid, [(dt.date(2026, 5, 1), 1 + i % 4, 4)])
              for i in range(6)]  # fmt: skip
    return services, acme, others


def test_stored_organisations_from_the_command_line(run_cli, tmp_path, grid):
    _, acme, others = _stored_world(grid)
    pdf = tmp_path / "acme.pdf"
    done = run_cli("report", "--organization", acme.public_id, "--user", "ana@example.com",
                   "--benchmark", "-o", pdf, "--lang", "en")  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert f"{pdf}: Acme Telecom, 2026-06-01, report in en" in done.stdout
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=False).stdout if shutil.which("pdftotext") else ""  # fmt: skip
    if text:
        assert "Initiatives and results" in text and "Private benchmark" in text
        assert "Client 0" not in text  # peers are never named
    deck = tmp_path / "acme.pptx"
    done = run_cli("export", "--organization", acme.public_id, "--user", "ana@example.com",
                   "--benchmark", "-o", deck)  # fmt: skip
    assert done.returncode == 0, done.stderr
    titles = [texts[0] for texts in _texts(Presentation(str(deck))) if texts]
    assert t("outcome_title", "es") in titles and t("bench_title", "es") in titles
    book = tmp_path / "acme.xlsx"
    assert run_cli("export", "--organization", acme.public_id, "--user", "ana@example.com",
                   "-o", book).returncode == 0  # fmt: skip
    workbook = openpyxl.load_workbook(book)
    outcomes = list(workbook["Iniciativas y resultados"].iter_rows(min_row=2, values_only=True))
    assert [(r[2], r[3], r[4], r[5]) for r in outcomes] == [
        ("Hecha", 1, 2, "Hechas, y el nivel subió"), ("Planificada", 1, 2, "No hechas")]  # fmt: skip
    history = list(workbook["Historial"].iter_rows(min_row=2, values_only=True))
    assert [(r[0].date(), r[2]) for r in history] == [
        (dt.date(2025, 12, 1), 1),
        (dt.date(2026, 6, 1), 2),
    ]
    # Several organisations at once: one file each in the folder.
    folder = tmp_path / "batch"
    folder.mkdir()
    ids = [o.public_id for o in others[:3]]
    done = run_cli("export", *[a for i in ids for a in ("--organization", i)], "--user",
                   "ana@example.com", "--format", "xlsx", "-o", folder)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in folder.iterdir()) == [
        f"client-{i}-2026-05-01.xlsx" for i in range(3)]  # fmt: skip


def test_stored_organisations_are_refused_to_others_and_nothing_is_written(run_cli, tmp_path, grid):
    _, acme, others = _stored_world(grid)
    out = tmp_path / "acme.pdf"
    refused = run_cli("report", "--organization", acme.public_id, "--user", "bob@example.com",
                      "-o", out)  # fmt: skip
    assert refused.returncode == 1
    assert "not found or not yours" in refused.stderr and "Traceback" not in refused.stderr
    assert not out.exists()
    unknown = run_cli("report", "--organization", "0" * 32, "--user", "ana@example.com", "-o", out)
    assert unknown.returncode == 1 and "not found or not yours" in unknown.stderr
    # One refused among several: nothing at all is written.
    folder = tmp_path / "batch"
    folder.mkdir()
    mixed = run_cli("report", "--organization", others[0].public_id, "--organization", "f" * 32,
                    "--user", "ana@example.com", "-o", folder)  # fmt: skip
    assert mixed.returncode == 1 and list(folder.iterdir()) == []
    # Wrong usage: exit 2.
    assert run_cli("report", "--organization", acme.public_id, "-o", out).returncode == 2
    assert run_cli("export", "--organization", acme.public_id, "--user", "ana@example.com",
                   "-o", tmp_path / "x.docx").returncode == 2  # fmt: skip
    assert run_cli("report", "-o", out).returncode == 2  # no answers, no organisation


@pytest.mark.skipif(SOFFICE is None and not IN_CI, reason="LibreOffice (soffice) not installed")
def test_the_deck_renders_with_libreoffice(run_cli, tmp_path, grid):
    """Every slide rendered to an image (kept for people to look at): as many pages as
    slides, and each with something drawn on it."""
    from PIL import Image

    _, acme, _ = _stored_world(grid)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for lang in ("es", "en"):
        deck = ARTIFACTS / f"acme-{lang}.pptx"
        done = run_cli("export", "--organization", acme.public_id, "--user", "ana@example.com",
                       "--benchmark", "--lang", lang, "-o", deck)  # fmt: skip
        assert done.returncode == 0, done.stderr
        profile = tmp_path / f"lo-{lang}"
        converted = subprocess.run(
            [SOFFICE or "soffice", f"-env:UserInstallation=file://{profile}", "--headless",
             "--convert-to", "pdf", "--outdir", str(ARTIFACTS), str(deck)],
            capture_output=True, text=True, timeout=180, check=False,
        )  # fmt: skip
        assert converted.returncode == 0, converted.stderr
        pdf = ARTIFACTS / f"acme-{lang}.pdf"
        for old in ARTIFACTS.glob(f"acme-{lang}-*.png"):
            old.unlink()
        subprocess.run(["pdftoppm", "-r", "60", "-png", str(pdf), str(ARTIFACTS / f"acme-{lang}")],
                       check=True, timeout=120)  # fmt: skip
        images = sorted(ARTIFACTS.glob(f"acme-{lang}-*.png"))
        assert len(images) == len(Presentation(str(deck)).slides)
        for image in images:
            colours = Image.open(image).convert("L").getextrema()
            assert colours[0] < 128, f"{image.name} looks blank"
