"""The initiatives plan in the app: edits become the PDF's plan; branding is saved once."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess

import pytest
import yaml

from cxmaturity.branding import Branding, load_branding
from cxmaturity.config import load_settings
from cxmaturity.loader import Catalog, load_answers, load_plan
from cxmaturity.planning import Priority, Status, default_plan, plan
from cxmaturity.scoring import score_grid
from cxmaturity.ui.components.plan_editor import apply_edits, initiative_label, rows_for
from cxmaturity.ui.components.report_button import report_pdf
from cxmaturity.ui.state import STATE_KEY, PlanRow, UiState, plan_items
from cxmaturity.ui.state import load_answers as load_into

from ..conftest import ASSESSMENTS, ROOT
from .conftest import BRANDING, PLAN, open_page

EXAMPLES = ROOT / "docs" / "examples"


@pytest.fixture(scope="module")
def acme():
    catalog = Catalog.from_dirs([ASSESSMENTS])
    loaded = [load_answers(EXAMPLES / n, catalog) for n in ("acme-quiz.yaml", "acme-grid.yaml")]
    grid = loaded[1][1]
    return loaded, grid, plan(grid, score_grid(grid, [loaded[1][0]]))


def session_with(acme) -> UiState:
    loaded, _, _ = acme
    state = UiState(lang="es")
    for answers, _ in loaded:
        load_into(state, answers)
    return state


# ------------------------------------------------------------------ table edits


def test_before_any_edit_the_plan_is_the_top_gaps_suggestions(acme):
    _, grid, gaps = acme
    state = UiState()
    rows = rows_for(state, grid, gaps)
    assert [r.item(grid) for r in rows] == default_plan(gaps)
    assert plan_items(state, grid) is None  # "not edited": the PDF says so


def test_editing_a_suggestion_text_makes_it_the_teams_own(acme):
    _, grid, gaps = acme
    rows = rows_for(UiState(), grid, gaps)
    edits = {"edited_rows": {"0": {"initiative": "Comité de experiencia mensual"}}}
    edited = apply_edits(rows, edits, grid, "es")
    assert edited[0].suggestion is None and edited[0].text == "Comité de experiencia mensual"
    assert edited[1:] == rows[1:]


def test_a_suggestion_keeps_following_the_language(acme):
    _, grid, gaps = acme
    rows = rows_for(UiState(), grid, gaps)
    edited = apply_edits(rows, {"edited_rows": {"0": {"owner": "Marta"}}}, grid, "es")
    first = grid.capability(edited[0].capability).initiatives[0]
    assert edited[0].suggestion == first.id  # still linked to the questionnaire's text
    assert initiative_label(grid, edited[0], "en") != initiative_label(grid, edited[0], "es")


def test_moving_a_suggestion_to_another_capability_keeps_its_text(acme):
    _, grid, gaps = acme
    rows = rows_for(UiState(), grid, gaps)
    before = initiative_label(grid, rows[0], "es")
    edited = apply_edits(rows, {"edited_rows": {"0": {"capability": "billing"}}}, grid, "es")
    assert edited[0].capability == "billing"
    assert edited[0].suggestion is None and edited[0].text == before


def test_added_deleted_and_typed_values(acme):
    _, grid, gaps = acme
    rows = rows_for(UiState(), grid, gaps)
    edits = {
        "edited_rows": {"1": {"due": "2027-03-31", "priority": "low", "status": "done"}},
        "added_rows": [{"capability": "security", "initiative": "Pruebas de intrusión"}, {}],
        "deleted_rows": [0],
    }
    edited = apply_edits(rows, edits, grid, "es")
    assert len(edited) == len(rows) - 1 + 2
    assert edited[0].due == dt.date(2027, 3, 31)
    assert (edited[0].priority, edited[0].status) == (Priority.LOW, Status.DONE)
    assert edited[-2].item(grid).initiative.get("es") == "Pruebas de intrusión"
    assert edited[-1].item(grid) is None  # an empty new row is kept while typed, not reported


def test_rows_keep_their_keys_from_one_edit_to_the_next(acme):
    """Each row is saved on its own by its key: a row drawn in the table keeps its key,
    and a row added in the table gets the same key at every edit (its place among the
    added rows and the table's salt), another table's added rows other keys."""
    _, grid, gaps = acme
    rows = rows_for(UiState(), grid, gaps)
    first = {"added_rows": [{"capability": "security", "initiative": "Pruebas"}]}
    later = {"edited_rows": {"0": {"owner": "Marta"}},
             "added_rows": [{"capability": "security", "initiative": "Pruebas", "owner": "Luis"}]}  # fmt: skip
    one = apply_edits(rows, first, grid, "es", salt="s1")
    two = apply_edits(rows, later, grid, "es", salt="s1")
    assert (
        [r.key for r in one[: len(rows)]]
        == [r.key for r in rows]
        == [r.key for r in two[: len(rows)]]
    )
    assert one[-1].key == two[-1].key and two[-1].owner == "Luis"
    assert apply_edits(rows, first, grid, "es", salt="s2")[-1].key != one[-1].key
    assert len({r.key for r in two}) == len(two)


def test_what_a_plan_edit_saves_is_only_what_changed(acme):
    from cxmaturity.services.answers import plan_changes, plan_fields

    _, grid, gaps = acme
    rows = rows_for(UiState(), grid, gaps)
    base = {r.key: plan_fields(r.item(grid)) for r in rows}
    edited = apply_edits(rows, {"edited_rows": {"1": {"owner": "Marta"}}, "deleted_rows": [0]},
                         grid, "es")  # fmt: skip
    changes = plan_changes(base, {r.key: r.item(grid) for r in edited})
    assert [(c.key, c.fields) for c in changes] == [
        (rows[1].key, {"owner": "Marta"}),
        (rows[0].key, None),
    ]
    assert changes[0].base == base[rows[1].key]


def test_unknown_values_from_the_browser_are_ignored(acme):
    _, grid, gaps = acme
    rows = rows_for(UiState(), grid, gaps)
    edits = {
        "edited_rows": {"0": {"priority": "urgent", "due": "someday", "capability": "nope"}},
        "deleted_rows": [99],
    }
    edited = apply_edits(rows, edits, grid, "es")
    assert edited[0].priority == rows[0].priority and edited[0].due is None
    assert edited[0].capability is None and edited[0].item(grid) is None
    assert len(edited) == len(rows)


# ----------------------------------------------------------------- the PDF


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_the_apps_report_uses_the_edited_plan(acme, tmp_path):
    _, grid, _gaps = acme
    state = session_with(acme)
    state.organization = "Acme S.A."
    state.plans[grid.id] = [
        PlanRow("talent-training", text="Academia CX interna", owner="Recursos Humanos")
    ]
    questionnaires = [q for _, q in acme[0]]
    pdf = report_pdf(state, questionnaires, "es")
    path = tmp_path / "r.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True)
    body = " ".join(text.stdout.split())
    assert "Acme S.A." in body and "Academia CX interna" in body and "Recursos Humanos" in body
    assert "¿Qué tan madura es su experiencia de cliente?" in body  # the quiz is in the report too


def test_plan_download_is_a_plan_file_the_cli_reads(acme, tmp_path):
    from cxmaturity.loader import dump_plan
    from cxmaturity.planning import PlanDocument

    _, grid, gaps = acme
    document = PlanDocument(questionnaire=grid.id, plan=default_plan(gaps))
    path = tmp_path / "plan.yaml"
    path.write_text(dump_plan(document), encoding="utf-8")
    loaded, _ = load_plan(path, Catalog.from_dirs([ASSESSMENTS]))
    assert loaded == document
    assert yaml.safe_load(path.read_text(encoding="utf-8"))["questionnaire"] == grid.id


# ------------------------------------------------------------------ pages


def test_plan_page_shows_the_suggestions_and_the_report_button(acme):
    at = open_page(PLAN, lang="es")
    at.session_state[STATE_KEY] = session_with(acme)
    at.run()
    assert not at.exception
    captions = " ".join(c.value for c in at.caption)
    assert "Aún sin editar" in captions
    assert at.get("download_button"), "plan and report downloads"
    labels = [b.proto.label for b in at.get("download_button")]
    assert "Descargar el informe PDF" in labels and "Descargar el plan (YAML)" in labels
    (how,) = [e for e in at.expander if e.label.startswith("Cómo empezar")]
    raw = " ".join(m.value for m in how.markdown)
    assert "Net Promoter Score \\(NPS\\)" in raw  # questionnaire texts are escaped
    text = raw.replace("\\", "")
    assert "Primer paso: Formar un comité de experiencia" in text
    assert "Indicador: Net Promoter Score (NPS)" in text
    assert "Lo lidera: Líder de experiencia del cliente" in text and "Esfuerzo: medio" in text


def _edited_plan_page(acme, rows):
    at = open_page(PLAN, lang="en")
    state = session_with(acme)
    state.lang = "en"
    _, grid, _ = acme
    state.set_plan(grid.id, rows)
    at.session_state[STATE_KEY] = state
    at.run()
    assert not at.exception
    return at, grid


def test_going_back_to_the_suggestions_asks_first(acme):
    _, grid, gaps = acme
    own = [PlanRow(gaps.gaps[0].capability.id, text="Monthly experience committee")]
    at, grid = _edited_plan_page(acme, own)
    # The reset sits in a popover that says what is lost; nothing happens until
    # its button is pressed.
    assert any("cannot be undone" in m.value for m in at.markdown)
    assert plan_items(at.session_state[STATE_KEY], grid)[0].initiative is not None
    at.button(key=f"plan.{grid.id}.reset").click().run()
    assert not at.exception
    assert plan_items(at.session_state[STATE_KEY], grid) is None  # the suggestions again


def test_top_gaps_without_an_initiative_are_offered_their_suggestions(acme):
    _, grid, gaps = acme
    first = gaps.gaps[0]
    # Last round's plan, carried over: only the first gap has an initiative.
    kept = [PlanRow(first.capability.id, text="Monthly experience committee",
                    status=Status.IN_PROGRESS)]  # fmt: skip
    at, grid = _edited_plan_page(acme, kept)
    offer = [m.value for m in at.markdown if "of the top gaps have no initiative" in m.value]
    assert offer and gaps.gaps[1].capability.name.get("en") in offer[0]
    at.button(key=f"plan.{grid.id}.add-uncovered").click().run()
    assert not at.exception
    items = plan_items(at.session_state[STATE_KEY], grid)
    assert items[0].status is Status.IN_PROGRESS  # last round's status kept
    covered = {i.capability for i in items}
    assert {g.capability.id for g in gaps.top(5)} <= covered
    assert not [m for m in at.markdown if "of the top gaps" in m.value]  # nothing left


def test_plan_page_without_grid_answers_points_to_the_grid():
    at = open_page(PLAN, lang="en")
    assert "rate it first" in at.info[0].value
    assert "Answer at least one questionnaire" in at.info[1].value


def test_branding_is_saved_once_for_app_and_cli(sign_in):
    sign_in("admin@example.com", "admin")  # branding is admin-only (access.md)
    at = open_page(BRANDING, lang="en")
    at.text_input[0].input("Norte Consultores")
    at.color_picker[0].pick("#8E44AD")
    at.get("form_submit_button")[0].click().run()
    assert not at.exception
    assert "Branding saved" in at.success[0].value
    assert load_branding(load_settings().branding_path) == Branding(
        firm="Norte Consultores", accent="#8e44ad"
    )
    at = open_page(BRANDING, lang="en")
    assert at.text_input[0].value == "Norte Consultores"  # read back from the file
    # The cover's last line: none, then the firm's own text.
    at.radio(key="branding.footer").set_value("none")
    at.get("form_submit_button")[0].click().run()
    assert load_branding(load_settings().branding_path).footer == ""
    at = open_page(BRANDING, lang="en")
    assert at.radio(key="branding.footer").value == "none"
    at.radio(key="branding.footer").set_value("own")
    at.text_input(key="branding.footer-text").input("  Confidential  ")
    at.get("form_submit_button")[0].click().run()
    assert load_branding(load_settings().branding_path).footer == "Confidential"
