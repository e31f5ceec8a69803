"""Private client data, in real browsers: consultant A puts an assessment with a
distinctive note on the server; consultant B, a member of another organisation and a
visitor open A's exact link and see nothing of it; B's Organisations page does not list
it; once A shares it with B as viewer, B sees it and cannot change an answer."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from cxmaturity.services.access import Actor

from ..helpers import open_services
from .conftest import ARTIFACTS, new_page, serve
from .streamlit_page import expect, key_class, settle, show_category, sign_in

PASSWORD = "correct horse battery"
NOTE = "NOTA-CONFIDENCIAL-7Q2"
ORGANIZATION = "Acme Confidencial"
GRID = "avaya-capability-grid"
ANSWERS = f"""questionnaire: {GRID}
organization: Ignored In Favour Of The Chosen One
language: en
answers:
  billing: {{current: 2, ideal: 4, note: {NOTE}}}
  security: {{current: 3, ideal: 3}}
"""


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, object]]:
    """A server of its own with consultants A and B, and a member of B's organisation."""
    data = tmp_path_factory.mktemp("private-data")
    services = open_services(f"sqlite:///{data / 'cxmaturity.db'}")
    add = services.accounts.add
    add("a@consult.example", PASSWORD, "consultant", actor="t")
    bruno = Actor(add("b@consult.example", PASSWORD, "consultant", actor="t"))
    add("m@beta.example", PASSWORD, "member", actor="t")
    beta = services.organizations.create(bruno, "Beta Clientes")
    services.organizations.share(bruno, beta, "m@beta.example", "editor")
    with serve(tmp_path_factory.mktemp("private-server"), data) as url:
        yield url, services


def _nothing_shown(page, link: str) -> None:
    page.goto(link)
    expect(page.get_by_text("Not found or not yours.")).to_be_visible(timeout=20_000)
    settle(page)
    body = page.locator("body").inner_text()
    assert NOTE not in body and ORGANIZATION not in body and "Acme" not in body
    assert (
        page.locator("input")
        .evaluate_all("inputs => inputs.map(i => i.value).join(' ')")
        .find(NOTE)
        == -1
    )


def test_a_link_grants_nothing_until_the_owner_shares(browser, server, tmp_path):
    url, services = server
    contexts = []
    try:
        # Consultant A signs in, creates the client, uploads the answers, opens them.
        a_context, a = new_page(browser, locale="en-GB")
        contexts.append(a_context)
        sign_in(a, url, "a@consult.example", PASSWORD)
        a.goto(f"{url}/?lang=en")
        a.get_by_label("New organization").fill(ORGANIZATION)
        a.get_by_role("button", name="Create").click()
        settle(a)
        card = a.locator('[data-testid="stVerticalBlock"]').filter(
            has_text="Organizational capabilities for customer experience"
        )
        card.last.get_by_role("link").click()  # in the app: the chosen organisation holds
        expect(a.get_by_text(f"will be saved in {ORGANIZATION}")).to_be_visible()
        a.get_by_text("Save or resume answers").click()
        answers = tmp_path / "acme-grid.yaml"
        answers.write_text(ANSWERS, encoding="utf-8")
        a.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(answers))
        a.wait_for_url(re.compile(r"assessment=[0-9a-f]{32}"))
        public_id = re.search(r"assessment=([0-9a-f]{32})", a.url).group(1)
        link = f"{url}/answer?questionnaire={GRID}&assessment={public_id}&lang=en"
        a.goto(link)
        expect(a.get_by_text(f"Organization: {ORGANIZATION}")).to_be_visible()
        stored = services.organizations.assessment(
            Actor(services.accounts.with_email("a@consult.example")), public_id
        )
        [saved] = services.assessments.answers(stored).values()
        assert saved.rating("billing").note == NOTE

        # B, a member of another organisation, and a visitor open A's exact link.
        for email in ("b@consult.example", "m@beta.example", None):
            context, page = new_page(browser, locale="en-GB")
            contexts.append(context)
            if email is not None:
                sign_in(page, url, email, PASSWORD)
            _nothing_shown(page, link)
            _nothing_shown(page, link.replace("/answer?", "/results?"))
            if email == "b@consult.example":
                b = page
        b.goto(f"{url}/organizations?lang=en")
        chooser = b.get_by_role("combobox", name="Organization")
        expect(chooser).to_have_value("Beta Clientes · owner")
        chooser.click()  # every organisation B may see
        options = b.get_by_role("option").all_inner_texts()
        assert options == ["Beta Clientes · owner"], options
        b.keyboard.press("Escape")
        assert ORGANIZATION not in b.locator("body").inner_text()

        # A shares it with B as viewer, in the app.
        a.goto(f"{url}/organizations?lang=en")
        a.get_by_text("Access", exact=True).click()
        a.get_by_label("Email").fill("b@consult.example")
        a.get_by_role("button", name="Share").click()
        expect(a.get_by_text("Shared with b@")).to_be_visible()

        # B sees it now, and cannot change an answer.
        b.goto(link)
        expect(b.get_by_text(f"Organization: {ORGANIZATION}")).to_be_visible()
        show_category(b, GRID, "Customer interaction")
        expect(b.get_by_text("you can see this assessment; only its editors")).to_be_visible()
        settle(b)
        assert (
            b.locator("input")
            .evaluate_all("inputs => inputs.map(i => i.value).join(' ')")
            .find(NOTE)
            >= 0
        )
        level = b.locator(f"{key_class(f'{GRID}.billing.current.en.r1')} button[role=radio]").first
        expect(level).to_be_disabled()
        expect(b.locator("[data-testid=stFileUploaderDropzoneInput]")).to_have_count(0)
        [after] = services.assessments.answers(stored).values()
        assert after.rating("billing") == saved.rating("billing")
    except Exception:
        ARTIFACTS.mkdir(exist_ok=True)
        for n, context in enumerate(contexts):
            for tab in context.pages:
                tab.screenshot(path=str(ARTIFACTS / f"private-{n}.png"), full_page=True)
        raise
    finally:
        for context in contexts:
            context.close()
