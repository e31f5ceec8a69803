"""Every screen is a link, in a real browser: each page opened with a real assessment
(organisation, workshop) shows the same assessment, language and values after a
reload, after leaving and coming back with the app's own navigation, and after the
browser's back and forward buttons."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from cxmaturity.model import Rating
from cxmaturity.services.access import Actor

from .conftest import grid_of_a_consultant, serve, signed_in_page
from .streamlit_page import expect, settle

PASSWORD = "correct horse battery"
GRID = "avaya-capability-grid"
# page -> (path, (English, Spanish) texts that show the assessment's values on screen)
PAGES = {
    "Answer": ("answer", ("Rated 2 of 25 capabilities", "Valoradas 2 de 25 capacidades")),
    "Results": ("results", ("Level today", "Nivel hoy")),
    "Plan & report": ("plan", ("Initiatives plan", "Plan de iniciativas")),
}
NAV = {"en": {"Home": "Home"}, "es": {"Home": "Inicio"}}
SPANISH_NAV = {"Answer": "Responder", "Results": "Resultados", "Plan & report": "Plan e informe"}


@dataclass(frozen=True)
class Linked:
    url: str
    assessment: str  # public ids
    organization: str
    other_organization: str
    workshop: str
    other_workshop: str


@pytest.fixture(scope="module")
def linked(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Linked]:
    data = tmp_path_factory.mktemp("links-data")
    ratings = {"billing": Rating(current=1, ideal=4), "security": Rating(current=2, ideal=4)}
    services, acme, assessment = grid_of_a_consultant(data, "Enlaces S.A.", ratings, PASSWORD)
    ana = Actor(services.accounts.with_email("ana@example.com"))
    zeta = services.organizations.create(ana, "Zeta Clientes")  # listed after Enlaces
    grid = services.catalogs.current().get(GRID)
    older = services.workshops.create(ana, acme, [grid], "en", day=dt.date(2026, 5, 1))
    services.workshops.create(ana, zeta, [grid], "en", day=dt.date(2026, 6, 1))  # newest
    newest = services.workshops.all(ana)[0][0]
    assert newest.public_id != older.public_id
    with serve(tmp_path_factory.mktemp("links-server"), data) as url:
        yield Linked(
            url, assessment.public_id, acme.public_id, zeta.public_id,
            older.public_id, newest.public_id,
        )  # fmt: skip


def _on_screen(page, linked: Linked, shows: str, lang: str = "en") -> None:
    expect(page.get_by_text(shows).first).to_be_visible(timeout=20_000)
    label = "Organization" if lang == "en" else "Organización"
    expect(page.get_by_text(f"{label}: Enlaces S.A.").first).to_be_visible()
    settle(page)
    assert f"assessment={linked.assessment}" in page.url and f"lang={lang}" in page.url, page.url


@pytest.mark.parametrize("name", list(PAGES))
def test_reload_and_navigation_keep_the_screen(browser, linked, name):
    path, (shows, _) = PAGES[name]
    url = linked.url
    with signed_in_page(browser, url, "ana@example.com", PASSWORD) as page:
        page.goto(f"{url}/{path}?questionnaire={GRID}&assessment={linked.assessment}&lang=en")
        _on_screen(page, linked, shows)
        page.reload()
        _on_screen(page, linked, shows)
        # Away with the app's own navigation, and back.
        page.get_by_role("link", name="Home", exact=True).first.click()
        expect(page.get_by_role("heading", name="Questionnaires")).to_be_visible(timeout=20_000)
        settle(page)
        assert "lang=en" in page.url and "questionnaire" not in page.url, page.url
        page.get_by_role("link", name=name, exact=True).first.click()
        _on_screen(page, linked, shows)
        page.reload()
        _on_screen(page, linked, shows)


def test_a_page_opened_by_its_address_finds_the_server_at_once(browser, linked):
    """Streamlit's page would first ask /<page>/_stcore/health, get a 404 and ask again
    at the root about 120 ms later (Streamlit issue #7074): the server tells it where
    it is (cxmaturity/ui/base_url.py)."""
    url = linked.url
    with signed_in_page(browser, url, "ana@example.com", PASSWORD) as page:
        asked: list[str] = []
        page.on("request", lambda request: asked.append(request.url))
        page.goto(f"{url}/results?questionnaire={GRID}&assessment={linked.assessment}&lang=en")
        _on_screen(page, linked, PAGES["Results"][1][0])
        health = [a for a in asked if "/_stcore/health" in a]
        assert health == [f"{url}/_stcore/health"], health
        assert not [a for a in asked if "/results/_stcore/" in a], asked


def test_back_and_forward_walk_the_screens_visited(browser, linked):
    """In Spanish: Answer (a link) -> Results -> Plan -> Home with the app's navigation;
    back three times, forward three times: each step shows that screen, with its
    assessment and language, one history entry per click."""
    url = linked.url
    with signed_in_page(browser, url, "ana@example.com", PASSWORD) as page:
        page.goto(f"{url}/answer?questionnaire={GRID}&assessment={linked.assessment}&lang=es")
        _on_screen(page, linked, PAGES["Answer"][1][1], "es")
        visited = ["Answer"]
        for name in ("Results", "Plan & report"):
            page.get_by_role("link", name=SPANISH_NAV[name], exact=True).first.click()
            _on_screen(page, linked, PAGES[name][1][1], "es")
            visited.append(name)
        page.get_by_role("link", name="Inicio", exact=True).first.click()
        home = page.get_by_role("heading", name="Cuestionarios")
        expect(home).to_be_visible(timeout=20_000)
        settle(page)
        for name in reversed(visited):  # Plan, Results, Answer
            page.go_back()
            _on_screen(page, linked, PAGES[name][1][1], "es")
            assert f"/{PAGES[name][0]}?" in page.url, page.url
        for name in visited[1:]:  # Results, Plan
            page.go_forward()
            _on_screen(page, linked, PAGES[name][1][1], "es")
            assert f"/{PAGES[name][0]}?" in page.url, page.url
        page.go_forward()
        expect(home).to_be_visible(timeout=20_000)


def test_back_to_a_deep_link_shows_home_instead_of_bouncing_forward(browser, linked):
    """Home's deep link opens the questionnaire; Home -> the grid's card -> back -> back
    -> back: Home, the Answer screen opened by the link, then the link's own entry,
    which shows Home (the deep link is not followed on a history step) instead of
    bouncing forward to the questionnaire again; forward goes on to the Answer screen."""
    url, answer = linked.url, PAGES["Answer"][1][0]
    with signed_in_page(browser, url, "ana@example.com", PASSWORD) as page:
        page.goto(
            f"{url}/?questionnaire={GRID}&assessment={linked.assessment}"
            f"&org={linked.organization}&lang=en"
        )
        _on_screen(page, linked, answer)  # the deep link opened it
        page.get_by_role("link", name="Home", exact=True).first.click()
        heading = page.get_by_role("heading", name="Questionnaires")
        expect(heading).to_be_visible(timeout=20_000)
        settle(page)
        page.get_by_role("link", name="Continue").last.click()  # the grid's card
        _on_screen(page, linked, answer)
        page.go_back()
        expect(heading).to_be_visible(timeout=20_000)
        page.go_back()
        _on_screen(page, linked, answer)
        page.go_back()  # the deep link's own entry
        expect(heading).to_be_visible(timeout=20_000)
        settle(page)
        expect(heading).to_be_visible()  # still Home: no bounce
        assert "questionnaire" not in page.url and "/answer" not in page.url, page.url
        page.go_forward()
        _on_screen(page, linked, answer)


def test_the_organisations_page_keeps_its_organisation(browser, linked):
    """The second organisation of the list, by its link: after a reload, leaving and
    coming back, and back/forward, the same one is shown."""
    url, org = linked.url, linked.other_organization
    with signed_in_page(browser, url, "ana@example.com", PASSWORD) as page:
        page.goto(f"{url}/organizations?org={org}&lang=en")
        chooser = page.get_by_role("combobox", name="Organization")
        expect(chooser).to_have_value("Zeta Clientes · owner")
        page.reload()
        expect(chooser).to_have_value("Zeta Clientes · owner")
        assert re.search(rf"org={org}", page.url) and "lang=en" in page.url
        page.get_by_role("link", name="Workshops", exact=True).first.click()
        expect(page.get_by_role("combobox", name="Workshop")).to_be_visible(timeout=20_000)
        settle(page)
        page.get_by_role("link", name="Organizations", exact=True).first.click()
        expect(chooser).to_have_value("Zeta Clientes · owner", timeout=20_000)
        page.go_back()
        expect(page.get_by_role("combobox", name="Workshop")).to_be_visible(timeout=20_000)
        page.go_back()
        expect(chooser).to_have_value("Zeta Clientes · owner", timeout=20_000)
        settle(page)
        assert f"org={org}" in page.url, page.url


def test_the_workshops_page_keeps_its_workshop(browser, linked):
    """The older workshop (not the default, newest one) by its link: kept after a
    reload, navigation away and back, and back/forward."""
    url = linked.url
    with signed_in_page(browser, url, "ana@example.com", PASSWORD) as page:
        page.goto(f"{url}/workshop?workshop={linked.workshop}&lang=en")
        chooser = page.get_by_role("combobox", name="Workshop")
        expect(chooser).to_have_value(re.compile(r"^Enlaces S\.A\. · "), timeout=20_000)
        page.reload()
        expect(chooser).to_have_value(re.compile(r"^Enlaces S\.A\. · "), timeout=20_000)
        page.get_by_role("link", name="Home", exact=True).first.click()
        expect(page.get_by_role("heading", name="Questionnaires")).to_be_visible(timeout=20_000)
        settle(page)
        page.get_by_role("link", name="Workshops", exact=True).first.click()
        expect(chooser).to_have_value(re.compile(r"^Enlaces S\.A\. · "), timeout=20_000)
        settle(page)
        assert f"workshop={linked.workshop}" in page.url, page.url
        page.go_back()
        expect(page.get_by_role("heading", name="Questionnaires")).to_be_visible(timeout=20_000)
        page.go_forward()
        expect(chooser).to_have_value(re.compile(r"^Enlaces S\.A\. · "), timeout=20_000)
