"""Two tabs on one grid assessment, in a real browser: different notes are both stored;
the same note changed in both is not overwritten silently (the second tab is told)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from cxmaturity.model import Rating
from cxmaturity.records import ANONYMOUS

from .conftest import grid_of_a_consultant, serve
from .streamlit_page import expect, key_class, settle, sign_in

PASSWORD = "correct horse battery"
GRID = "avaya-capability-grid"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, object, object]]:
    data = tmp_path_factory.mktemp("tabs-data")
    old = Rating(current=2, ideal=4, note="old")
    ratings = {"business-intelligence": old, "customer-focused-strategy": old}
    services, _, assessment = grid_of_a_consultant(data, "Pestañas S.A.", ratings, PASSWORD)
    with serve(tmp_path_factory.mktemp("tabs-server"), data) as url:
        yield url, services, assessment


def _note(page, capability: str, text: str) -> None:
    box = page.locator(f"{key_class(f'{GRID}.{capability}.note.en.r1')} input")
    box.fill(text)
    box.press("Enter")
    settle(page)


def test_two_tabs_on_one_grid(browser, server):
    url, services, assessment = server
    context = browser.new_context(locale="en-GB")
    try:
        one = context.new_page()
        one.set_default_timeout(20_000)
        sign_in(one, url, "ana@example.com", PASSWORD)
        two = context.new_page()  # a new tab of the same browser: the same sign-in
        two.set_default_timeout(20_000)
        link = f"{url}/answer?questionnaire={GRID}&assessment={assessment.public_id}&lang=en"
        for tab in (one, two):
            tab.goto(link)
            expect(tab.get_by_text("Saved automatically in Pestañas S.A.")).to_be_visible()
            settle(tab)

        def stored(capability: str) -> str | None:
            answers = services.assessments.answers(assessment)[ANONYMOUS]
            return answers.rating(capability).note

        _note(one, "business-intelligence", "tab one's note")
        _note(two, "customer-focused-strategy", "tab two's note")
        assert stored("business-intelligence") == "tab one's note"
        assert stored("customer-focused-strategy") == "tab two's note"
        # The same note in both tabs: the second is told, nothing is written over.
        _note(two, "business-intelligence", "tab two's other note")
        expect(two.get_by_text("another screen saved")).to_be_visible()
        assert stored("business-intelligence") == "tab one's note"
        two.get_by_role("button", name="Keep mine").click()
        settle(two)
        assert stored("business-intelligence") == "tab two's other note"
    finally:
        context.close()
