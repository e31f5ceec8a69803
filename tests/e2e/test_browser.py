"""The app in a real browser: quiz to each band, the full grid, deep links, languages."""

from __future__ import annotations

import re

import pytest

from ..conftest import ROOT
from .streamlit_page import (
    checked_letters,
    expect,
    key_class,
    open_app,
    pick_radio,
    press,
    settle,
    sign_in,
)

GRID = "avaya-capability-grid"
PASSWORD = "correct horse battery"


@pytest.mark.parametrize(
    ("choices", "points", "band"),
    [
        ("abaa", "5", "Tiene un largo camino por recorrer."),
        ("bcbb", "9", "Está realizando un buen trabajo al cuidar de sus clientes."),
        ("cccc", "12", "Está al tanto de lo que ocurre."),
    ],
)
def test_quiz_to_each_band(page, app_url, choices, points, band):
    open_app(page, f"{app_url}/?questionnaire=avaya-cx-quiz&lang=es")
    for index, letter in enumerate(choices):
        pick_radio(page, index, letter)
    expect(page.locator('[data-testid="stMetricValue"]')).to_have_text(points)
    expect(page.get_by_text(band, exact=True)).to_be_visible()
    page.locator('[data-testid="stVegaLiteChart"]').wait_for(state="attached")


def test_deep_link_in_english(page, app_url):
    open_app(page, f"{app_url}/?questionnaire=avaya-cx-quiz&lang=en")
    page.wait_for_url(re.compile(r"/answer\?questionnaire=avaya-cx-quiz&lang=en$"))
    expect(page.locator("h2").first).to_have_text("How mature is your customer experience?")
    expect(page.get_by_text("a) Wait for the customer to complain.")).to_be_visible()
    english = page.get_by_role("radio", name="English", exact=True)
    expect(english).to_have_attribute("aria-checked", "true")


def test_unknown_deep_link_lists_the_questionnaires(page, app_url):
    open_app(page, f"{app_url}/?questionnaire=nps-deluxe&lang=en")
    expect(page.get_by_text("We could not find the questionnaire “nps-deluxe”")).to_be_visible()
    expect(page.get_by_text("Seven mistakes that hold customer experience back")).to_be_visible()


def test_language_switch_mid_quiz_keeps_answers(page, app_url):
    open_app(page, f"{app_url}/?questionnaire=avaya-cx-quiz&lang=es")
    pick_radio(page, 0, "c")
    pick_radio(page, 1, "b")
    press(page, "ui.lang", "English")
    page.get_by_text("a) Wait for the customer to complain.").wait_for()
    settle(page)
    assert checked_letters(page) == ["c", "b", None, None]
    assert "lang=en" in page.url
    pick_radio(page, 2, "c")
    press(page, "ui.lang", "Español")
    page.get_by_text("a) Espera a que el cliente se queje.").wait_for()
    settle(page)
    assert checked_letters(page) == ["c", "b", "c", None]


RATINGS = {
    # capability: (current, ideal); everything else is rated 2 -> 3 (gap 1)
    "talent-training": ("1", "4"),
    "systems-integration": ("1", "3"),
    "billing": ("4", "2"),
    "physical-environment": ("N/A", None),
}


def test_rate_the_whole_grid_and_see_the_top_gaps(page, app_url):
    from cxmaturity.loader import load_questionnaire

    grid = load_questionnaire(ROOT / "assessments" / f"{GRID}.yaml")
    open_app(page, f"{app_url}/?questionnaire={GRID}&lang=en")
    for number, category in enumerate(grid.categories):
        if number:  # on to the next category, with the button under the last one
            page.get_by_role("button", name=f"Next: {category.name.get('en')}").click()
            page.locator("h3").filter(has_text=category.name.get("en")).wait_for(state="visible")
            settle(page)
            done = grid.categories[number - 1].name.get("en")
            chooser = page.locator(key_class(f"{GRID}.category"))
            expect(chooser.get_by_role("radio", name=f"✓ {done}")).to_be_visible()
        for capability in category.capabilities:
            current, ideal = RATINGS.get(capability.id, ("2", "3"))
            press(page, f"{GRID}.{capability.id}.current.en", current)
            if ideal is not None:
                press(page, f"{GRID}.{capability.id}.ideal.en", ideal)
    expect(page.get_by_text("Rated 25 of 25 capabilities")).to_be_visible()
    page.get_by_role("link", name=re.compile("See results")).click()
    page.locator('[data-testid="stMetricValue"]').first.wait_for()
    settle(page)
    assert page.locator('[data-testid="stAlert"]').count() == 0  # complete: not partial
    # The story first: the biggest gaps in a sentence, then the detail behind tabs.
    expect(page.get_by_text(re.compile(r"The biggest gaps are in Talent training \(1 → 4\)"))
           ).to_be_visible()  # fmt: skip
    page.get_by_role("tab", name="Gaps by priority and suggested initiatives").click()
    # The initiatives of every gap, in priority order, behind one expander.
    details = page.locator('[data-testid="stExpander"]').filter(
        has_text="The suggested initiatives, in detail"
    )
    details.locator("summary").click()
    gaps = details.locator("strong")
    expect(gaps.nth(0)).to_have_text("1. Talent training")
    expect(details).to_contain_text("1. Talent training (1 → 4)")
    expect(details).to_contain_text("2. Systems integration (1 → 3)")
    expect(page.get_by_text("Negative gaps: the ideal is below today")).to_be_visible()
    assert page.get_by_test_id("stVegaLiteChart").count() == 0  # only the tab shown is drawn
    page.get_by_role("tab", name="All capabilities").click()  # the heatmap, drawn when opened
    expect(page.get_by_test_id("stVegaLiteChart")).to_have_count(1)


def test_a_rating_redraws_its_card_and_what_it_changed(page, app_url):
    """A level pressed reruns that capability's card alone, unless the capability
    became rated (today and ideal): then the progress and its category's count move."""
    from cxmaturity.loader import load_questionnaire

    grid = load_questionnaire(ROOT / "assessments" / f"{GRID}.yaml")
    category = grid.categories[0]
    first, second = category.capabilities[:2]
    name, count = category.name.get("en"), len(category.capabilities)
    frames: list[object] = []

    def received(frame: object) -> None:  # Playwright wants a Python function, not a method
        frames.append(frame)

    page.on("websocket", lambda ws: ws.on("framereceived", received))
    open_app(page, f"{app_url}/answer?questionnaire={GRID}&lang=en")
    chooser = page.locator(key_class(f"{GRID}.category"))
    expect(chooser.get_by_role("radio", name=f"{name} · 0/{count}")).to_be_visible()
    press(page, f"{GRID}.{first.id}.current.en", "2")
    expect(page.get_by_text("Rated 0 of 25 capabilities")).to_be_visible()
    frames.clear()
    press(page, f"{GRID}.{first.id}.ideal.en", "4")  # rated: the grid runs
    grid_run = len(frames)
    expect(page.get_by_text("Rated 1 of 25 capabilities")).to_be_visible()
    expect(chooser.get_by_role("radio", name=f"{name} · 1/{count}")).to_be_visible()
    frames.clear()
    press(page, f"{GRID}.{first.id}.current.en", "3")  # still rated: the card alone
    card_run = len(frames)
    press(page, f"{GRID}.{second.id}.current.en", "1")
    press(page, f"{GRID}.{second.id}.ideal.en", "1")
    expect(page.get_by_text("Rated 2 of 25 capabilities")).to_be_visible()
    expect(chooser.get_by_role("radio", name=f"{name} · 2/{count}")).to_be_visible()
    # The card's levels say which were chosen, redrawn by the card's own run.
    chosen = page.locator("strong").filter(has_text=re.compile(r"^3 · .* ← Today$"))
    expect(chosen).to_have_count(1)
    assert 0 < card_run * 2 < grid_run, (card_run, grid_run)


def test_bad_upload_changes_nothing(page, app_url, tmp_path):
    open_app(page, f"{app_url}/?questionnaire=avaya-cx-quiz&lang=en")
    pick_radio(page, 0, "b")
    bad = tmp_path / "bad.yaml"
    bad.write_text("questionnaire: avaya-cx-quiz\nanswers: {q1: z}\n")
    page.get_by_text("Save or resume answers").click()
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(bad))
    page.get_by_text("The file is not valid; nothing was changed").wait_for()
    settle(page)
    assert "bad.yaml:2: answers.q1: unknown option 'z'" in page.locator("code").last.inner_text()
    assert checked_letters(page) == ["b", None, None, None]


def test_quiz_and_grid_give_one_pdf_report(page, app_url, tmp_path):
    """From the app: one organisation's quiz and grid, the edited plan, one PDF."""
    import subprocess

    open_app(page, f"{app_url}/?questionnaire=avaya-cx-quiz&lang=es")
    for index, letter in enumerate("bcbc"):
        pick_radio(page, index, letter)
    # Within the session (a reload would start a new one): home, then the grid's card.
    page.get_by_role("link", name="Inicio").click()
    title = "Capacidades organizacionales para la experiencia del cliente"
    card = page.locator('[data-testid="stVerticalBlock"]').filter(has_text=title).last
    card.get_by_role("link").click()
    page.locator("h2").filter(has_text=title).wait_for()
    settle(page)
    page.get_by_text("Guardar o retomar respuestas").click()
    upload = page.locator('[data-testid="stFileUploaderDropzoneInput"]')
    upload.set_input_files(str(ROOT / "docs" / "examples" / "acme-grid.yaml"))
    page.get_by_text("Respuestas cargadas").wait_for()
    settle(page)
    page.get_by_role("link", name=re.compile("Plan e informe")).click()
    page.get_by_text("Aún sin editar").wait_for()
    settle(page)
    page.get_by_text("Añadir iniciativas").click()
    own = page.get_by_label("O una iniciativa propia")
    own.fill("Tablero semanal de quejas")
    own.press("Enter")
    settle(page)
    page.get_by_role("button", name="Añadir al plan").click()
    page.get_by_text("Aún sin editar").wait_for(state="detached")
    settle(page)
    with page.expect_download() as download:
        page.get_by_role("button", name="Descargar el informe PDF").click()
    pdf = tmp_path / "report.pdf"
    download.value.save_as(pdf)
    assert pdf.read_bytes().startswith(b"%PDF-")
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True)
    body = " ".join(text.stdout.split())
    assert "Acme S.A." in body  # the organisation came with the uploaded answers
    assert "Está realizando un buen trabajo al cuidar de sus clientes" in body  # quiz: 10 points
    assert "Alineamiento del talento" in body and "Tablero semanal de quejas" in body


def _account(data_dir, email: str, role: str = "consultant"):
    from ..helpers import open_services

    services = open_services(f"sqlite:///{data_dir / 'cxmaturity.db'}")
    found = services.accounts.with_email(email)
    return services, found or services.accounts.add(email, PASSWORD, role, actor="test")


def test_half_the_grid_survives_a_reload(page, app_url, app_data_dir):
    from cxmaturity.loader import load_questionnaire

    grid = load_questionnaire(ROOT / "assessments" / f"{GRID}.yaml")
    _account(app_data_dir, "reload@example.com")
    sign_in(page, app_url, "reload@example.com", PASSWORD)
    open_app(page, f"{app_url}/?lang=en")
    page.get_by_label("New organization").fill("Reload Test Ltd")
    page.get_by_role("button", name="Create").click()
    settle(page)
    open_app_link = page.locator('[data-testid="stVerticalBlock"]').filter(
        has_text=grid.title.get("en")
    )
    open_app_link.last.get_by_role("link").click()
    page.locator("h2").filter(has_text=grid.title.get("en")).wait_for()
    settle(page)
    first = grid.categories[0]
    for n, capability in enumerate(first.capabilities[:3]):
        press(page, f"{GRID}.{capability.id}.current.en", str(n + 1))
        press(page, f"{GRID}.{capability.id}.ideal.en", "4")
    page.wait_for_url(re.compile(r"assessment=[0-9a-f]{32}"))
    page.reload()
    page.wait_for_selector('[data-testid="stHeading"]')
    settle(page)
    expect(page.get_by_text("Rated 3 of 25 capabilities")).to_be_visible()
    for n, capability in enumerate(first.capabilities[:3]):
        # The loaded answers draw fresh widgets: their keys end in a revision (".r1").
        widget = f'[class*="{key_class(f"{GRID}.{capability.id}.current.en")[1:]}"]'
        chosen = page.locator(widget).locator('button[role=radio][aria-checked="true"]')
        expect(chosen).to_have_text(str(n + 1))
    expect(page.get_by_text("Saved automatically in Reload Test Ltd")).to_be_visible()


def test_reevaluation_shows_the_previous_ratings(page, app_url, app_data_dir):
    import datetime as dt

    from cxmaturity.loader import load_questionnaire
    from cxmaturity.model import Rating
    from cxmaturity.records import ANONYMOUS
    from cxmaturity.services.access import Actor

    services, account = _account(app_data_dir, "previa@example.com")
    store = services.assessments
    grid = load_questionnaire(ROOT / "assessments" / f"{GRID}.yaml")
    organization = services.organizations.create(Actor(account), "Previa S.A.")
    first = store.create_assessment(organization, grid, "en", dt.date(2026, 5, 1))
    store.save_rating(first, ANONYMOUS, "business-intelligence", Rating(current=2, ideal=4))
    sign_in(page, app_url, "previa@example.com", PASSWORD)
    open_app(page, f"{app_url}/organizations?lang=en&org={organization.public_id}")
    settle(page)
    page.get_by_text("Re-evaluate").click()
    settle(page)  # the expander open and the page still: a click during a run is lost
    start = page.get_by_role("button", name="Start the re-evaluation")
    start.scroll_into_view_if_needed()
    start.click()
    page.wait_for_url(re.compile(r"/answer\?.*assessment=[0-9a-f]{32}"), timeout=40_000)
    page.locator('[data-testid="stHeading"]').first.wait_for()
    settle(page)
    expect(page.get_by_text("Previous: today 2 · ideal 4")).to_be_visible()
    latest = store.assessments(organization)[-1]
    assert latest.previous_id == first.id
