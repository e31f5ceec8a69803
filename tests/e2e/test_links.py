"""Every screen is a link, in a real browser: each page opened with a real assessment
shows the same assessment, language and values after a reload, and after leaving and
coming back with the app's own navigation. (Back and forward: not yet, see
DEVELOPERS.md, "Still to do for issue 15".)"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from cxmaturity.model import Rating

from .conftest import grid_of_a_consultant, serve, signed_in_page
from .streamlit_page import expect, settle

PASSWORD = "correct horse battery"
GRID = "avaya-capability-grid"
# page -> (path, what shows that the assessment is on screen, in English)
PAGES = {
    "Answer": ("answer", "Rated 2 of 25 capabilities"),
    "Results": ("results", "Level today"),
    "Plan & report": ("plan", "Initiatives plan"),
}


@pytest.fixture(scope="module")
def linked(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str, str]]:
    data = tmp_path_factory.mktemp("links-data")
    ratings = {"billing": Rating(current=1, ideal=4), "security": Rating(current=2, ideal=4)}
    _, acme, assessment = grid_of_a_consultant(data, "Enlaces S.A.", ratings, PASSWORD)
    with serve(tmp_path_factory.mktemp("links-server"), data) as url:
        yield url, assessment.public_id, acme.public_id


def _on_screen(page, public_id: str, shows: str) -> None:
    expect(page.get_by_text(shows).first).to_be_visible(timeout=20_000)
    expect(page.get_by_text("Organisation: Enlaces S.A.").first).to_be_visible()
    settle(page)
    assert f"assessment={public_id}" in page.url and "lang=en" in page.url, page.url


@pytest.mark.parametrize("name", list(PAGES))
def test_reload_and_navigation_keep_the_screen(browser, linked, name):
    url, public_id, _ = linked
    path, shows = PAGES[name]
    with signed_in_page(browser, url, "ana@example.com", PASSWORD) as page:
        page.goto(f"{url}/{path}?questionnaire={GRID}&assessment={public_id}&lang=en")
        _on_screen(page, public_id, shows)
        page.reload()
        _on_screen(page, public_id, shows)
        # Away with the app's own navigation, and back.
        page.get_by_role("link", name="Home", exact=True).first.click()
        expect(page.get_by_role("heading", name="Questionnaires")).to_be_visible(timeout=20_000)
        settle(page)
        assert "lang=en" in page.url
        page.get_by_role("link", name=name, exact=True).first.click()
        _on_screen(page, public_id, shows)
        page.reload()
        _on_screen(page, public_id, shows)


def test_the_organisations_page_keeps_its_organisation(browser, linked):
    url, _, org = linked
    with signed_in_page(browser, url, "ana@example.com", PASSWORD) as page:
        page.goto(f"{url}/organizations?org={org}&lang=en")
        chooser = page.get_by_role("combobox", name="Organisation")
        expect(chooser).to_have_value("Enlaces S.A. · owner")
        page.reload()
        expect(chooser).to_have_value("Enlaces S.A. · owner")
        assert re.search(rf"org={org}", page.url) and "lang=en" in page.url
