"""Hostile URL parameters, in a real browser: every case of the corpus on every page
shows the page with a clear message or ignores the parameter; no traceback, no error
box, and what the parameter held is never rendered as a link."""

from __future__ import annotations

import re
from urllib.parse import urlencode

import pytest

from ..test_hostile_input import URLS
from .conftest import new_page
from .streamlit_page import settle

# What each page shows, in English or (``lang=xx`` is ignored: the default) Spanish;
# Answer and Results show the questionnaire, and so does Home (its deep link opens it).
PAGES = {
    "": (),
    "answer": (),
    "results": (),
    "plan": ("Plan and PDF report", "Plan e informe PDF"),
    "organizations": ("Organizations", "Organizaciones"),
    "workshop": ("Workshops", "Talleres"),
}
NOT_FOUND = ("Not found or not yours", "No encontrado o no es suyo")
FORBIDDEN = ("Traceback", "Something went wrong", "Exception", "Error:", "StreamlitAPI")


@pytest.fixture(scope="module")
def tab(browser):
    context, page = new_page(browser, locale="en-GB")
    yield page
    context.close()


@pytest.mark.parametrize("path", list(PAGES))
def test_no_url_case_breaks_a_page(tab, app_url, path):
    for params in URLS:
        query = urlencode({"questionnaire": "avaya-cx-quiz", "lang": "en", **params})
        tab.goto(f"{app_url}/{path}?{query}")
        tab.get_by_test_id("stHeading").first.wait_for(timeout=20_000)
        # The navigation bar is drawn last: once it is there, the run has finished (a
        # Home deep link runs twice: Home, then the page it switches to).
        home = tab.get_by_role("link", name=re.compile(r"^(Home|Inicio)$"))
        home.first.wait_for(timeout=20_000)
        settle(tab)
        body = tab.locator("body").inner_text()
        assert not [word for word in FORBIDDEN if word in body], (params, body[:2000])
        assert not tab.get_by_test_id("stException").count(), params
        # Links the page draws (not Streamlit's "skip to main content", this address).
        links = tab.locator("a[href]").evaluate_all("(links) => links.map((a) => a.href)")
        drawn = [h for h in links if not h.endswith("#stMain")]
        assert not [h for h in drawn if "etc/passwd" in h or "1e999" in h], (params, drawn)
        # The page itself, or the one answer for a link that names nothing of yours.
        expected = (*PAGES[path], *NOT_FOUND) if PAGES[path] else ("",)
        assert any(text in body for text in expected), (params, body[:500])
        assert home.count() == 1, params  # the navigation bar, once
