"""The gap-and-initiatives PDF, read back with poppler (pdftotext, pdffonts, pdfimages)."""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image

from cxmaturity.branding import Branding, load_branding, normalize_logo, save_branding
from cxmaturity.errors import InvalidInput
from cxmaturity.loader import load_answers
from cxmaturity.model import Answers, Grid, Quiz
from cxmaturity.planning import PlanItem, Priority, Status, next_review
from cxmaturity.report import Participation, build_report, report_data
from cxmaturity.scoring import score
from cxmaturity.team import Agreed, apply_consensus

from .conftest import ROOT

EXAMPLES = ROOT / "docs" / "examples"
POPPLER = shutil.which("pdftotext") is not None
pytestmark = pytest.mark.skipif(
    not POPPLER and os.environ.get("CI", "").lower() != "true",
    reason="poppler-utils (pdftotext) not installed; scripts/test.sh installs it",
)


def poppler(tool: str, pdf: bytes, tmp_path: Path, *args: str) -> str:
    """Run a poppler tool on ``pdf``; its standard output."""
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf)
    command = [tool, *args, str(path)] + (["-"] if tool == "pdftotext" else [])
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


def pdf_text(pdf: bytes, tmp_path: Path, *options: str) -> str:
    return poppler("pdftotext", pdf, tmp_path, *options)


def image_rows(pdf: bytes, tmp_path: Path) -> list[str]:
    return poppler("pdfimages", pdf, tmp_path, "-list").splitlines()[2:]


def flat(text: str) -> str:
    """Text with line breaks and repeated spaces folded, for phrase checks."""
    return re.sub(r"\s+", " ", text)


def pages(text: str) -> list[str]:
    return text.split("\f")


@pytest.fixture(scope="module")
def acme(catalog) -> list[tuple[Quiz | Grid, list[Answers]]]:
    teams = []
    for name in ("acme-quiz.yaml", "acme-grid.yaml"):
        answers, questionnaire = load_answers(EXAMPLES / name, catalog)
        teams.append((questionnaire, [answers]))
    return teams


@pytest.fixture(scope="module")
def reports(acme) -> dict[str, bytes]:
    return {lang: build_report(report_data(acme, lang)) for lang in ("es", "en")}


# ------------------------------------------------------------------------ content


@pytest.mark.parametrize(
    ("lang", "band", "categories", "review", "heading"),
    [
        (
            "es",
            "Está realizando un buen trabajo al cuidar de sus clientes",
            [
                "Alineamiento del proceso de negocio",
                "Gestión de Talento",
                "Interacción con el cliente",
                "Infraestructura de atención",
            ],
            "22 de mayo de 2027",
            "Plan de iniciativas",
        ),
        (
            "en",
            None,
            [
                "Business process alignment",
                "Talent management",
                "Customer interaction",
                "Service infrastructure",
            ],
            "May 22, 2027",
            "Initiatives plan",
        ),
    ],
)
def test_report_reads_back(reports, quiz, tmp_path, lang, band, categories, review, heading):
    raw = pdf_text(reports[lang], tmp_path)
    text = flat(raw)
    assert "Acme S.A." in text
    expected_band = band or next(b for b in quiz.bands if b.id == "good-job").label.get("en")
    assert expected_band in text
    for name in categories:
        assert name in text  # the summary chart is an image: these come from the tables
    assert review in text
    assert heading in text
    total = len(pages(raw.strip("\f")))
    word = "Página" if lang == "es" else "Page"
    for number in range(1, total + 1):
        assert f"{word} {number} {'de' if lang == 'es' else 'of'} {total}" in text


@pytest.mark.parametrize("lang", ["es", "en"])
def test_top_gaps_with_their_initiatives(reports, grid, catalog, tmp_path, lang):
    from cxmaturity.planning import plan
    from cxmaturity.scoring import score_grid

    answers, _ = load_answers(EXAMPLES / "acme-grid.yaml", catalog)
    gaps = plan(grid, score_grid(grid, [answers]))
    text = flat(pdf_text(reports[lang], tmp_path))
    plan_part = text[text.index("Plan de iniciativas" if lang == "es" else "Initiatives plan") :]
    for gap in gaps.top(5):
        assert gap.capability.name.get(lang) in text
        for initiative in gap.initiatives:
            assert flat(initiative.title.get(lang)) in plan_part
    assert [g.capability.id for g in gaps.top(3)] == [
        "talent-alignment",
        "talent-rewards-retention",
        "automated-delivery-channels",
    ]


@pytest.mark.parametrize("lang", ["es", "en"])
def test_a_short_section_is_never_split_across_pages(reports, quiz, tmp_path, lang):
    """The quiz's result (its heading, points, band, text and closing) is on one page:
    in English it used to leave its last line alone at the top of the next."""
    text = pdf_text(reports[lang], tmp_path)
    band = next(b for b in quiz.bands if b.id == "good-job")
    closing = flat(quiz.closing.get(lang))
    found = [n for n, page in enumerate(pages(text)) if band.label.get(lang) in flat(page)]
    detail = [n for n in found if closing[-40:] in flat(pages(text)[n])]
    assert detail, found  # the page that has the band's words has the closing's end too


def test_review_date_six_months_later():
    assert next_review(dt.date(2026, 11, 22)) == dt.date(2027, 5, 22)
    assert next_review(dt.date(2026, 8, 31)) == dt.date(2027, 2, 28)
    assert next_review(dt.date(2027, 8, 31)) == dt.date(2028, 2, 29)


def test_spanish_typography_survives(acme, tmp_path):
    note = "¿Señal? ¡Sí! “comillas” — guion – y 1.000 € … ñandú"
    quiz_team, (grid, [grid_answers]) = acme[0], acme[1]
    noted = grid_answers.model_copy(
        update={
            "answers": {
                **grid_answers.answers,
                "billing": grid_answers.answers["billing"].model_copy(update={"note": note}),
            }
        }
    )
    pdf = build_report(report_data([quiz_team, (grid, [noted])], "es"))
    assert note in pdf_text(pdf, tmp_path)


def test_fonts_embedded_and_charts_drawn_as_vectors_with_their_text(reports, tmp_path):
    fonts = poppler("pdffonts", reports["es"], tmp_path)
    rows = fonts.splitlines()[2:]
    assert rows and all(" yes yes yes " in row for row in rows), fonts
    assert all("DejaVuSans" in row for row in rows)
    assert image_rows(reports["es"], tmp_path) == []  # drawn with fpdf2: no pictures
    text = pages(pdf_text(reports["es"], tmp_path))
    summary = flat(text[2])  # after the cover and the contents
    # The band scale: each band's totals, the axis and the score; the categories' chart:
    # each category with today and the ideal (one decimal), the axis, the legend.
    assert "4-6" in summary and "7-10" in summary and "11-13" in summary
    assert "Puntos" in summary and "Nivel" in summary and "Actual Ideal" in summary
    assert "Gestión de Talento" in summary and "1,2" in summary and "2,2" in summary
    overview = flat(next(p for p in text[2:] if "Vista general de las capacidades" in p))
    assert "Actual Ideal Brecha" in overview
    assert "Inteligencia de negocio 2 3 +1" in overview and "Entorno físico N/A N/A" in overview


def test_without_charts_there_is_no_chart(acme, tmp_path):
    pdf = build_report(report_data(acme, "es", with_charts=False))
    text = flat(pdf_text(pdf, tmp_path))
    assert image_rows(pdf, tmp_path) == []
    assert "Vista general de las capacidades" not in text and "Actual Ideal" not in text


# -------------------------------------------------------------------- determinism


def test_same_input_same_bytes(acme):
    first = build_report(report_data(acme, "es"))
    second = build_report(report_data(acme, "es"))
    assert first == second
    assert b"/CreationDate (D:20261122120000Z" in first


def test_cli_twice_gives_identical_files(run_cli, tmp_path, monkeypatch):
    monkeypatch.setenv("CXMATURITY_DATA_DIR", str(tmp_path / "data"))
    outputs = []
    for name in ("a.pdf", "b.pdf"):
        out = tmp_path / name
        result = run_cli(
            "report", EXAMPLES / "acme-quiz.yaml", EXAMPLES / "acme-grid.yaml", "-o", out
        )
        assert result.returncode == 0, result.stderr
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]
    assert outputs[0].startswith(b"%PDF-")


# ----------------------------------------------------------------- invalid input


def test_invalid_answers_exit_1_and_write_nothing(run_cli, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("questionnaire: avaya-cx-quiz\nanswers: {q1: z}\n", encoding="utf-8")
    out = tmp_path / "out.pdf"
    result = run_cli("report", EXAMPLES / "acme-grid.yaml", bad, "-o", out)
    assert result.returncode == 1
    assert f"{bad}:2: answers.q1:" in result.stderr
    assert "Traceback" not in result.stderr
    assert not out.exists()
    assert list(tmp_path.iterdir()) == [bad]  # no temporary file left either


def test_invalid_answers_leave_an_existing_report_untouched(run_cli, tmp_path):
    out = tmp_path / "out.pdf"
    out.write_bytes(b"previous report")
    bad = tmp_path / "bad.yaml"
    bad.write_text("questionnaire: nope\n", encoding="utf-8")
    assert run_cli("report", bad, "-o", out).returncode == 1
    assert out.read_bytes() == b"previous report"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--lang", "fr"], "--lang fr"),
        (["-o", "/no/such/folder/x.pdf"], "not a file in an existing folder"),
        (["--branding", "/no/such/branding.yaml"], "no such file"),
    ],
)
def test_usage_errors_exit_2(run_cli, tmp_path, args, message):
    command = ["report", EXAMPLES / "acme-quiz.yaml"]
    if "-o" not in args:
        command += ["-o", tmp_path / "x.pdf"]
    result = run_cli(*command, *args)
    assert result.returncode == 2
    assert message in result.stderr


# ----------------------------------------------------------------------- the plan


def test_plan_file_is_used(run_cli, tmp_path, monkeypatch):
    monkeypatch.setenv("CXMATURITY_DATA_DIR", str(tmp_path / "data"))
    plan = tmp_path / "plan.yaml"
    plan.write_text(
        "questionnaire: avaya-capability-grid\n"
        "plan:\n"
        "  - {capability: talent-alignment, suggestion: 2, owner: Marta Ruiz, due: 2027-03-31,"
        " priority: high, status: in-progress}\n"
        "  - {capability: billing, initiative: Revisar la facturación electrónica, owner: Finanzas}\n",
        encoding="utf-8",
    )
    out = tmp_path / "r.pdf"
    result = run_cli("report", EXAMPLES / "acme-grid.yaml", "--plan", plan, "-o", out)
    assert result.returncode == 0, result.stderr
    text = flat(pdf_text(out.read_bytes(), tmp_path))
    section = text[text.index("Plan de iniciativas") :]
    assert "Marta Ruiz" in section and "31 mar 2027" in section and "En curso" in section
    assert "Revisar la facturación electrónica" in section
    assert "no editó el plan" not in section  # the default-plan remark is for unedited plans
    assert "Empoderar a la primera línea" not in section  # suggestion 3: not chosen


def test_invalid_plan_names_the_line(run_cli, tmp_path):
    plan = tmp_path / "plan.yaml"
    plan.write_text(
        "questionnaire: avaya-capability-grid\nplan:\n  - {capability: billing, suggestion: 9}\n",
        encoding="utf-8",
    )
    out = tmp_path / "r.pdf"
    result = run_cli("report", EXAMPLES / "acme-grid.yaml", "--plan", plan, "-o", out)
    assert result.returncode == 1
    assert (
        f"{plan}:3: plan[0].suggestion: billing has no suggested initiative 'billing-9'"
        in result.stderr
    )
    assert not out.exists()


def test_edited_plan_replaces_the_suggestions(acme, tmp_path):
    items = [
        PlanItem(
            capability="talent-training",
            initiative="Academia CX interna",
            owner="Recursos Humanos",
            due=dt.date(2027, 2, 1),
            priority=Priority.LOW,
            status=Status.DONE,
            note="Arrancó en enero",
        )
    ]
    pdf = build_report(report_data(acme, "es", plan_items=items))
    text = flat(pdf_text(pdf, tmp_path))
    section = text[text.index("Plan de iniciativas") :]
    for expected in ("Academia CX interna", "Recursos Humanos", "1 feb 2027", "Baja", "Hecha"):
        assert expected in section
    assert "Arrancó en enero" in section  # plan notes are listed under Notes


def test_typed_text_is_printed_not_interpreted(acme, tmp_path):
    hostile = "**negrita** <b>html</b> [enlace](http://x) {nb} %PDF"
    pdf = build_report(report_data(acme, "es", organization=hostile))
    assert hostile in flat(pdf_text(pdf, tmp_path))


# ------------------------------------------------------------------ layout limits


def word_boxes(pdf: bytes, tmp_path: Path) -> list[tuple[float, float, str]]:
    html = pdf_text(pdf, tmp_path, "-bbox")
    return [
        (float(x_min), float(x_max), word)
        for x_min, x_max, word in re.findall(
            r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>',
            html,
        )
    ]


def test_long_names_and_notes_wrap_inside_the_page(acme, tmp_path):
    long_name = " ".join(["Compañía Internacional de Servicios Financieros y Seguros"] * 6)
    pdf = build_report(report_data(acme, "en", organization=long_name))
    boxes = word_boxes(pdf, tmp_path)
    a4_width = 595.28
    assert boxes
    assert all(x_min >= 0 and x_max <= a4_width - 40 for x_min, x_max, _ in boxes), [
        b for b in boxes if b[1] > a4_width - 40
    ]


def test_table_of_25_gaps_repeats_its_header(catalog, grid, tmp_path):
    everything = {cap.id: {"current": 1, "ideal": 4} for _, cap in grid.capabilities()}
    answers = Answers.model_validate({"questionnaire": grid.id, "answers": everything})
    items = [
        PlanItem(capability=cap.id, suggestion=n, owner="EquipoCX")
        for _, cap in grid.capabilities()
        for n in range(1, len(cap.initiatives) + 1)
    ]
    pdf = build_report(report_data([(grid, [answers])], "es", plan_items=items))
    text = pdf_text(pdf, tmp_path)
    gap_pages = [p for p in pages(text) if "EquipoCX" in p]
    assert len(gap_pages) >= 2  # the plan table breaks across pages
    for page in gap_pages:
        assert "Iniciativa" in page and "Responsable" in page  # heading row repeated
    all_text = flat(text)
    for _, capability in grid.capabilities():
        assert capability.name.get("es") in all_text


# ---------------------------------------------------------------------- branding


def png_logo(color: str = "#c0392b", size: tuple[int, int] = (240, 80)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, color).save(out, format="PNG")
    return out.getvalue()


def test_branding_on_cover_and_header(acme, tmp_path):
    brand = Branding(
        firm="Norte Consultores", accent="#8e44ad", logo=normalize_logo(png_logo(), "x")
    )
    pdf = build_report(report_data(acme, "es", branding=brand))
    text = pdf_text(pdf, tmp_path)
    assert "Norte Consultores" in pages(text)[0]
    assert all("Norte Consultores" in page for page in pages(text)[1:] if page.strip())
    pages_with_images = [row.split()[0] for row in image_rows(pdf, tmp_path)]
    assert "1" in pages_with_images  # the logo on the cover


@pytest.mark.parametrize("footer", [None, "", "Confidencial: solo para el comité"])
def test_branding_file_round_trip(tmp_path, footer):
    path = tmp_path / "branding.yaml"
    saved = Branding(
        firm="Ñandú & Asociados",
        accent="#1a2b3c",
        logo=normalize_logo(png_logo(), "x"),
        footer=footer,
    )
    save_branding(saved, path)
    assert load_branding(path) == saved
    assert load_branding(tmp_path / "missing.yaml") == Branding()


@pytest.mark.parametrize(
    ("footer", "shown", "absent"),
    [
        (None, "Generado con cxmaturity", None),
        ("", None, "Generado con cxmaturity"),
        ("Confidencial: solo para el comité", "Confidencial: solo para el comité",
         "Generado con cxmaturity"),
    ],
)  # fmt: skip
def test_the_cover_footer_is_the_credit_the_firms_own_or_none(acme, tmp_path, footer, shown,
                                                              absent):  # fmt: skip
    pdf = build_report(report_data(acme, "es", branding=Branding(firm="Norte", footer=footer)))
    everything = flat(pdf_text(pdf, tmp_path))
    if shown:
        assert shown in flat(pages(pdf_text(pdf, tmp_path))[0])
    if absent:
        assert absent not in everything


def test_branding_file_errors_name_line_and_field(tmp_path):
    path = tmp_path / "branding.yaml"
    path.write_text('firm: Norte\naccent: "rojo"\n', encoding="utf-8")
    with pytest.raises(InvalidInput) as error:
        load_branding(path)
    assert str(error.value.problems[0]).startswith(f"{path}:2: accent:")


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"not an image at all", "not a readable PNG or JPEG"),
        (b"\x89PNG\r\n\x1a\n" + b"\0" * 64, "not a readable PNG or JPEG"),
    ],
)
def test_bad_logos_are_refused(raw, message):
    with pytest.raises(InvalidInput) as error:
        normalize_logo(raw, "logo.png")
    assert message in error.value.problems[0].message


def test_other_image_formats_are_refused():
    out = io.BytesIO()
    Image.new("RGB", (10, 10), "red").save(out, format="GIF")
    with pytest.raises(InvalidInput) as error:
        normalize_logo(out.getvalue(), "logo.gif")
    assert "must be a PNG or JPEG image, not GIF" in error.value.problems[0].message


def test_logo_is_reencoded_and_shrunk():
    big = png_logo(size=(3000, 1000))
    kept = normalize_logo(big, "logo.png")
    with Image.open(io.BytesIO(kept)) as image:
        assert image.format == "PNG" and max(image.size) <= 1200


def test_a_reevaluation_report_compares_with_the_previous_assessment(acme, grid, tmp_path):
    from cxmaturity.scoring import score_grid

    _, [answers] = acme[1]
    earlier = answers.model_copy(
        update={
            "answers": {
                **answers.answers,
                "billing": answers.answers["billing"].model_copy(update={"current": 1}),
            }
        }
    )
    previous = {grid.id: (dt.date(2026, 5, 20), score_grid(grid, [earlier]))}
    pdf = build_report(report_data(acme, "es", previous=previous))
    text = flat(pdf_text(pdf, tmp_path))
    assert "Comparación con la evaluación anterior (20 de mayo de 2026)" in text
    section = text[text.index("Comparación con la evaluación anterior") :]
    assert "Envío de facturas" in section and "▲ +3,00" in section  # billing rose 1 -> 4
    assert "▲ +0,43" in section  # its category, customer interaction


def test_a_workshop_report_has_participation_and_disagreement(grid, quiz, tmp_path):
    people = [
        (1, 4, "a", "b"),  # billing today, billing ideal, q1, q2
        (4, 4, "c", "b"),
        (2, 3, "a", "b"),
    ]
    grid_team = [
        Answers(questionnaire=grid.id, respondent=f"participant-{n}",
                answers={"billing": {"current": c, "ideal": i},
                         "security": {"current": 2, "ideal": 3}})
        for n, (c, i, _, _) in enumerate(people)
    ]  # fmt: skip
    quiz_team = [
        Answers(questionnaire=quiz.id, answers={"q1": q1, "q2": q2, "q3": "a", "q4": "a"})
        for _, _, q1, q2 in people
    ]
    agreed = apply_consensus(grid, grid_team, {"billing": Agreed(current=2, ideal=4)})
    facts = Participation(
        names=("Ana", "", "Luis"),
        before={grid.id: score(grid, grid_team), quiz.id: score(quiz, quiz_team)},
    )
    for lang, heading, anonymous in (("es", "Participación y desacuerdo", "sin nombre"),
                                     ("en", "Participation and disagreement", "unnamed")):  # fmt: skip
        data = report_data(
            [(quiz, quiz_team), (grid, agreed)], lang, organization="Acme", participation=facts
        )
        text = flat(pdf_text(build_report(data), tmp_path, "-layout"))
        assert heading in text
        assert "Ana, Luis" in text and anonymous in text.lower()
        billing = grid.capability("billing").name.get(lang)
        # Widest first, flagged (3 levels apart), with the team median and the agreed value.
        assert re.search(
            re.escape(billing) + r" ● 2 \((rango|range) 3\) 4 \((rango|range) 1\) 2 ?→ ?4", text
        )
        assert "67 %" in text  # q1: two of three chose a
    plain = report_data([(grid, agreed)], "es", organization="Acme")
    assert "Participación y desacuerdo" not in flat(pdf_text(build_report(plain), tmp_path))


# ------------------------------------------------------------ a report for a board


@pytest.mark.parametrize(
    ("lang", "phrases"),
    [
        ("es", ["Resumen ejecutivo", "Acme S.A. está hoy en el nivel 2,01",
                "Las mayores brechas están en Alineamiento del talento (2 → 4)",
                "Para empezar: «"]),
        ("en", ["Executive summary", "Acme S.A. is at level 2.01 (Meeting",
                "The biggest gaps are in Talent alignment (2 → 4)", "To start: “"]),
    ],
)  # fmt: skip
def test_the_executive_summary_tells_the_results_in_sentences(reports, tmp_path, lang, phrases):
    summary = flat(pages(pdf_text(reports[lang], tmp_path))[2])
    for phrase in phrases:
        assert phrase in summary


def test_a_re_evaluation_summary_says_what_changed(acme, tmp_path):
    _, (grid, grid_team) = acme
    lowered = {k: v.model_copy(update={"current": 1}) if hasattr(v, "current") else v
               for k, v in grid_team[0].answers.items()}  # fmt: skip
    before = score(grid, [grid_team[0].model_copy(update={"answers": lowered})])
    data = report_data(acme, "en", previous={grid.id: (dt.date(2026, 5, 20), before)})
    text = flat(pages(pdf_text(build_report(data), tmp_path))[2])
    assert "Since the assessment of May 20, 2026, the overall level rose from 1.00 to 2.01" in text
    assert "capabilities improved" in text


@pytest.mark.parametrize("lang", ["es", "en"])
def test_no_hand_made_plurals_and_no_word_split_in_tables(acme, tmp_path, lang):
    long = "Telecomunicaciones-internacionales"
    items = [PlanItem(capability="talent-alignment", initiative=f"Plan de {long}",
                      owner=f"Superintendencia {long}")]  # fmt: skip
    text = pdf_text(build_report(report_data(acme, lang, plan_items=items)), tmp_path)
    assert text.count(long) == 2  # the initiative and the owner: each word whole
    assert not re.search(r"\w\((s|es)\)", text)
    assert ("1 persona: Ana Pérez" if lang == "es" else "1 respondent: Ana Pérez") in flat(text)


def test_notes_are_in_the_report(reports, tmp_path):
    text = flat(pdf_text(reports["es"], tmp_path))
    assert "Notas" in text and "Solo marketing usa los datos de clientes" in text


def test_a_grid_report_has_a_table_of_contents_a_quiz_report_does_not(acme, tmp_path):
    text = pages(pdf_text(build_report(report_data(acme, "es")), tmp_path))
    contents = flat(text[1])
    assert contents.startswith("Madurez de la gestión de la experiencia del cliente Contenido")
    for entry in ("Resumen ejecutivo 3", "Brechas por prioridad", "Plan de iniciativas",
                  "Anexo: cómo se calculan los resultados"):  # fmt: skip
        assert entry in contents
    numbered = re.findall(r"Plan de iniciativas (\d+)", contents)
    assert numbered and "Plan de iniciativas" in text[int(numbered[0]) - 1]
    quiz_only = pages(pdf_text(build_report(report_data(acme[:1], "es")), tmp_path))
    assert not any("Contenido" in page for page in quiz_only)
