"""Every page on a laptop (1280 px) and a phone (390 px), signed in as an admin with an
organization whose quiz and grid are answered: axe-core finds no serious or critical
violation, the page never scrolls sideways, and the grid's level texts are on screen
without hovering. A screenshot of each page at each width goes to
``test-artifacts/screens/`` (``<page>-<width>.png`` in Spanish, ``<page>-en-<width>.png``
in English; look at them after a UI change)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from .conftest import ARTIFACTS, new_page, serve
from .streamlit_page import expect, settle, sign_in

PASSWORD = "correct horse battery staple"
QUIZ, GRID = "avaya-cx-quiz", "avaya-capability-grid"
WIDTHS = (1280, 390)
SCREENS = ARTIFACTS / "screens"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, dict[str, str]]]:
    """The app on a data folder of its own: an admin, an organization with a complete
    quiz, a fully rated grid (with notes) and a workshop; the pages' addresses."""
    from cxmaturity.model import Rating
    from cxmaturity.records import ANONYMOUS
    from cxmaturity.services.access import Actor

    from ..helpers import open_services

    data = tmp_path_factory.mktemp("a11y-data")
    services = open_services(f"sqlite:///{data / 'cxmaturity.db'}")
    admin = Actor(services.accounts.add("admin@example.com", PASSWORD, "admin", actor="t"))
    acme = services.organizations.create(admin, "Acme S.A.")
    catalog = services.catalogs.current()
    quiz, grid = catalog.get(QUIZ), catalog.get(GRID)
    store = services.assessments
    day = dt.date(2026, 6, 1)
    answered = store.create_assessment(acme, quiz, "es", day)
    for question in quiz.questions:
        store.save_choice(answered, ANONYMOUS, question.id, question.options[1].id)
    rated = store.create_assessment(acme, grid, "es", day)
    for n, (_, capability) in enumerate(grid.capabilities()):
        rating = Rating(current=1 + n % 4, ideal=4, note="Nota" if n % 5 == 0 else None)
        store.save_rating(rated, ANONYMOUS, capability.id, rating)
    services.workshops.create(admin, acme, [quiz, grid], "es")
    # A KPI recorded: the Organizations page draws its KPI chart (checked by axe too).
    store.change_details(admin, rated, {"nps": 31.5}, {"nps": None})
    pages = {
        "home": "/",
        "quiz": f"/answer?questionnaire={QUIZ}&assessment={answered.public_id}",
        "grid": f"/answer?questionnaire={GRID}&assessment={rated.public_id}",
        "results": f"/results?questionnaire={GRID}&assessment={rated.public_id}",
        "quiz-results": f"/results?questionnaire={QUIZ}&assessment={answered.public_id}",
        "plan": f"/plan?questionnaire={GRID}&assessment={rated.public_id}",
        "organizations": f"/organizations?org={acme.public_id}",
        "portfolio": "/portfolio",
        "workshops": "/workshop",
        "join": "/join",
        "guide": "/guide",
        "branding": "/branding",
        "accounts": "/accounts",
        "audit": "/audit",
    }
    with serve(tmp_path_factory.mktemp("a11y-log"), data) as url:
        yield url, pages


MAIN = '[data-testid="stMainBlockContainer"]'
CHART = '[data-testid="stVegaLiteChart"]'


def _open(page, url: str, path: str, lang: str, ready: str = MAIN) -> None:
    """Open ``path`` in ``lang`` and wait until the page has run (``ready`` drawn)."""
    page.goto(f"{url}{path}{'&' if '?' in path else '?'}lang={lang}")
    page.locator(ready).first.wait_for()
    settle(page)


def _violations(page) -> list[str]:
    """axe-core's serious and critical violations on what the page shows now."""
    from axe_playwright_python.sync_playwright import Axe

    found = Axe().run(page).response["violations"]
    return [
        f"{v['id']} ({v['impact']}): {[(n['target'], n.get('failureSummary')) for n in v['nodes'][:3]]}"
        for v in found
        if v["impact"] in ("serious", "critical")
    ]


def _sideways(page) -> int:
    """How far the page scrolls sideways (0: it fits the screen's width)."""
    return int(
        page.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
    )


def _screenshot(page, name: str, width: int) -> Path:
    """The whole page (Streamlit scrolls inside the page, so the window is made as
    tall as the content first)."""
    SCREENS.mkdir(parents=True, exist_ok=True)
    height = page.evaluate(
        "() => document.querySelector('[data-testid=stMainBlockContainer]')"
        ".getBoundingClientRect().height"
    )
    page.set_viewport_size({"width": width, "height": min(int(height) + 120, 8000)})
    page.wait_for_timeout(500)
    path = SCREENS / f"{name}-{width}.png"
    page.screenshot(path=str(path))
    page.set_viewport_size({"width": width, "height": 900})
    return path


@pytest.fixture(scope="module", params=WIDTHS, ids=lambda w: f"{w}px")
def signed_in(request, browser, site):
    url, _ = site
    context, page = new_page(browser, width=request.param)
    sign_in(page, url, "admin@example.com", PASSWORD, lang="es")
    yield page, request.param
    context.close()


PAGES = ["home", "quiz", "grid", "results", "quiz-results", "plan", "organizations",
         "portfolio", "workshops", "join", "guide", "branding", "accounts", "audit"]  # fmt: skip


@pytest.mark.parametrize("name", PAGES)
@pytest.mark.parametrize("lang", ["es", "en"])
def test_every_page_is_accessible_and_fits_the_screen(site, signed_in, name, lang):
    url, pages = site
    page, width = signed_in
    path = pages[name]
    _open(page, url, path, lang)
    page.wait_for_timeout(400)
    assert not page.locator('[data-testid="stException"]').count()
    # The document says which language it is in (screen readers, hyphenation).
    assert page.evaluate("() => document.documentElement.lang") == lang
    assert _violations(page) == []
    assert _sideways(page) == 0
    _screenshot(page, name if lang == "es" else f"{name}-en", width)


def test_the_grids_level_texts_show_without_hovering(site, signed_in):
    url, pages = site
    page, _ = signed_in
    _open(page, url, pages["grid"], "es")
    # Business intelligence, rated 1 today and 4 ideal: all four of its level texts
    # are on screen, the chosen ones marked in words.
    first = page.get_by_text("Los datos de clientes están dispersos en informes aislados")
    assert first.first.is_visible()
    assert "← Hoy" in first.first.inner_text()
    assert page.get_by_text("La analítica anticipa necesidades").first.is_visible()
    # No help behind a hover in the grid: the page's only tooltips are in the
    # collapsed "save or resume" section below it.
    hovers = page.locator('[data-testid="stTooltipIcon"]')
    folded = page.locator('[data-testid="stExpander"] [data-testid="stTooltipIcon"]')
    assert hovers.count() == folded.count()


def test_every_tab_of_the_results_is_accessible(site, signed_in):
    url, pages = site
    page, _ = signed_in
    _open(page, url, pages["results"], "en", ready=CHART)
    tabs = page.get_by_role("tab")
    assert tabs.count() >= 3
    for n in range(tabs.count()):
        tabs.nth(n).click()  # a tab's content is drawn when it is opened
        settle(page)
        assert _violations(page) == [], tabs.nth(n).inner_text()
        assert _sideways(page) == 0
    # The KPI form, drawn when its expander is opened: labelled inputs, and it saves.
    from playwright.sync_api import expect

    page.get_by_text("Metrics for this assessment (optional)").click()
    inputs = page.get_by_test_id("stNumberInput")
    expect(inputs).to_have_count(13)
    settle(page)
    assert _violations(page) == []
    box = inputs.first.locator("input")
    box.fill("32" if float(box.input_value() or 0) == 31.5 else "31.5")  # a change, each width
    page.get_by_role("button", name="Save metrics").click()
    expect(page.get_by_text("Metrics saved")).to_be_visible()


def test_the_navigation_is_one_row_on_a_phone(site, signed_in):
    """At 390 px the navigation bar is one row that scrolls sideways inside itself (the
    page does not), its links all reachable; at 1280 px it shows every link."""
    url, pages = site
    page, width = signed_in
    _open(page, url, pages["results"], "en")
    bar = page.locator(".st-key-nav")
    height, scroll, client = bar.evaluate("b => [b.offsetHeight, b.scrollWidth, b.clientWidth]")
    links = bar.locator("a")
    assert links.count() == 12  # an admin's pages
    assert _sideways(page) == 0
    if width == 390:
        assert height < 60 and scroll > client, (height, scroll, client)
        last = links.last
        last.scroll_into_view_if_needed()
        box = last.bounding_box()
        assert "Audit log" in last.inner_text()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390, box
    else:
        assert scroll <= client + 1, (scroll, client)


@pytest.mark.parametrize("lang", ["es", "en"])
def test_the_plan_shows_every_column_and_row_on_a_laptop(site, browser, lang):
    """At 1280 px the plan's table holds every column (the note, last, too) and every
    row in view: nothing to scroll inside it, sideways or down."""
    url, pages = site
    context, page = new_page(browser, width=1280)
    sign_in(page, url, "admin@example.com", PASSWORD, lang=lang)
    _open(page, url, pages["plan"], lang, ready='[data-testid="stDataFrame"]')
    table = page.get_by_test_id("stDataFrame")
    # The grid draws on a canvas first, its accessible cells (headers, rows) after it.
    note = {"es": "Nota", "en": "Note"}[lang]
    expect(table.locator("[role=columnheader]").last).to_have_text(note)
    page.wait_for_function(
        "() => document.querySelectorAll('[data-testid=stDataFrame] [role=row]').length >= 11"
    )
    found = page.evaluate("""() => {
        const s = document.querySelector('[data-testid=stDataFrame] .dvn-scroller');
        return [s.scrollWidth, s.clientWidth, s.scrollHeight, s.clientHeight];
    }""")
    headers = table.locator("[role=columnheader]").all_inner_texts()
    rows = table.locator("[role=row]").count()
    context.close()
    assert found[0] <= found[1] + 1, found  # every column in view
    assert found[2] <= found[3] + 1, found  # every row in view
    assert headers[-1].strip() == note, headers
    assert rows >= 11, rows  # the header and the ten suggested initiatives (and the add line)


RESULTS_HEIGHT_BEFORE = 2465  # px at 1280 px, 25 rated, before issue 19 (docs/performance.md)


def test_the_results_page_is_at_most_half_as_tall_as_before(site, browser):
    """Measured as before: on a laptop's width (1280 px), 25 capabilities rated."""
    url, pages = site
    context, page = new_page(browser, width=1280)
    sign_in(page, url, "admin@example.com", PASSWORD, lang="en")
    _open(page, url, pages["results"], "en", ready=CHART)
    page.wait_for_timeout(800)
    height = page.evaluate(
        "() => document.querySelector('[data-testid=stMainBlockContainer]')"
        ".getBoundingClientRect().height"
    )
    context.close()
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "results-height.txt").write_text(
        f"{height:.0f} px of {RESULTS_HEIGHT_BEFORE} px before: {height / RESULTS_HEIGHT_BEFORE:.3f}x\n"
    )
    assert height <= RESULTS_HEIGHT_BEFORE / 2, height


def test_the_grid_is_rated_with_the_keyboard(site, signed_in):
    """Focus a level button and press Space: the level is chosen, and saved (it is
    still chosen when the page is opened again)."""
    from playwright.sync_api import expect

    from .streamlit_page import level_control

    url, pages = site
    page, width = signed_in
    _open(page, url, pages["grid"], "es")
    level = "3" if width == 1280 else "4"  # each width changes it: never a no-op press
    button = level_control(page, GRID, "customer-focused-strategy", "current").get_by_role(
        "radio", name=level, exact=True
    )
    button.focus()
    page.keyboard.press("Space")
    settle(page)
    expect(button).to_have_attribute("aria-checked", "true")
    page.reload()
    page.locator(MAIN).wait_for()
    settle(page)
    expect(
        level_control(page, GRID, "customer-focused-strategy", "current").get_by_role(
            "radio", name=level, exact=True
        )
    ).to_have_attribute("aria-checked", "true")
