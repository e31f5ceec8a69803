"""Text is text, in a real browser: a questionnaire whose texts hold a Markdown link and
a remote image, and a URL parameter holding the same, show those characters as typed;
no link to example.com is drawn and no request leaves the browser for it."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from urllib.parse import quote, urlparse

import pytest
import yaml

from ..conftest import ROOT
from .conftest import new_page, serve
from .streamlit_page import expect, pick_radio, settle

LINK = "[click](http://example.com)"
IMAGE = "![x](http://example.com/x.png)"
HOSTILE = f"{LINK} {IMAGE}"


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app run from a folder whose ``assessments/`` adds a quiz with hostile texts."""
    folder = tmp_path_factory.mktemp("hostile-app")
    shutil.copytree(ROOT / "assessments", folder / "assessments")
    shutil.copytree(ROOT / ".streamlit", folder / ".streamlit")
    quiz = yaml.safe_load((ROOT / "assessments" / "avaya-cx-quiz.yaml").read_text("utf-8"))
    quiz["id"] = "hostile-quiz"
    quiz["title"] = {"es": f"Prueba {HOSTILE}", "en": f"Quiz {HOSTILE}"}
    quiz["description"] = {"es": HOSTILE, "en": HOSTILE}
    quiz["questions"][0]["text"] = {"es": f"Pregunta {HOSTILE}", "en": f"Question {HOSTILE}"}
    quiz["questions"][0]["options"][0]["text"] = {"es": HOSTILE, "en": HOSTILE}
    (folder / "assessments" / "hostile-quiz.yaml").write_text(
        yaml.safe_dump(quiz, allow_unicode=True), encoding="utf-8"
    )
    data = tmp_path_factory.mktemp("hostile-data")
    with serve(tmp_path_factory.mktemp("hostile-server"), data, cwd=folder) as url:
        yield url


def _text(page) -> str:
    """What the page shows, without the invisible word joiners that break bare links."""
    return page.locator("body").inner_text().replace("\u2060", "")


def _no_link_or_image(page) -> None:
    assert page.locator('a[href^="http://example.com"]').count() == 0
    assert page.locator('img[src^="http://example.com"]').count() == 0


def test_questionnaire_texts_and_url_parameters_are_shown_as_typed(browser, hostile_server):
    url = hostile_server
    context, page = new_page(browser, locale="en-GB")
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    try:
        page.set_default_timeout(30_000)
        page.goto(f"{url}/?lang=en")
        expect(page.get_by_text("Quiz [click](http").first).to_be_visible()
        page.goto(f"{url}/?questionnaire=hostile-quiz&lang=en")
        expect(page.get_by_text("Question [click](http").first).to_be_visible()
        settle(page)
        body = _text(page)
        assert LINK in body and IMAGE in body
        pick_radio(page, 0, "a")  # the option whose text is the hostile one
        settle(page)
        _no_link_or_image(page)
        # The same text in a URL parameter is shown as typed, too.
        page.goto(f"{url}/?questionnaire={quote(HOSTILE)}&lang=en")
        expect(page.get_by_text("We could not find the questionnaire").first).to_be_visible()
        settle(page)
        assert f"We could not find the questionnaire “{HOSTILE}”" in _text(page)
        _no_link_or_image(page)
        page.goto(f"{url}/results?questionnaire={quote(HOSTILE)}&lang=en")
        expect(page.get_by_text("We could not find the questionnaire").first).to_be_visible()
        settle(page)
        assert HOSTILE in _text(page)
        _no_link_or_image(page)
        assert [r for r in requests if (urlparse(r).hostname or "").endswith("example.com")] == []
        assert any("example.com" in r for r in requests)  # (the check sees our own requests)
    finally:
        context.close()
