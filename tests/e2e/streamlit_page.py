"""Small helpers that speak Streamlit's DOM (keys become ``st-key-...`` classes)."""

from __future__ import annotations

import os
import re

import pytest

try:
    from playwright.sync_api import expect
except ImportError:  # pragma: no cover - depends on the machine
    if os.environ.get("CI", "").lower() == "true":
        raise
    pytest.skip("playwright is not installed", allow_module_level=True)

__all__ = ["expect"]

# A rerun of a whole page on a loaded 2-core CI machine (the server, Chromium and the
# test share it) has taken longer than Playwright's 5 s default: a failed expectation
# is to mean "not shown", not "shown late".
expect.set_options(timeout=15_000)


def key_class(key: str) -> str:
    """CSS selector of the element a widget or container with ``key`` renders."""
    return ".st-key-" + re.sub(r"[^A-Za-z0-9_-]", "-", key)


SETTLED_JS = """
() => {
  const busy = document.querySelector('[data-stale="true"]')
    || document.querySelector('[data-testid="stStatusWidget"]')
    || document.querySelector('[data-testid="stSkeleton"]');
  const now = performance.now();
  if (busy) { window.__cxQuietSince = undefined; return false; }
  if (window.__cxQuietSince === undefined) { window.__cxQuietSince = now; }
  return now - window.__cxQuietSince > 250;
}
"""


def settle(page) -> None:
    """Wait until the app has finished its rerun: nothing stale, running or loading,
    for a quarter of a second (a click can start a rerun a moment later)."""
    page.evaluate("() => { window.__cxQuietSince = undefined; }")
    page.wait_for_function(SETTLED_JS, polling=50)


def open_app(page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector('[data-testid="stHeading"]')
    settle(page)


def pick_radio(page, question_index: int, letter: str) -> None:
    """Click option ``letter`` of the question-th radio group and wait for it to hold."""
    group = page.locator('[data-testid="stRadio"]').nth(question_index)
    option = group.locator("label").filter(has_text=re.compile(rf"^{letter}\) "))
    option.click()
    option.locator("input").wait_for(state="attached")
    page.wait_for_function(
        "([i, l]) => { const g = document.querySelectorAll('[data-testid=stRadio]')[i];"
        " const c = g && g.querySelector('input:checked');"
        " return c && c.closest('label').innerText.trim().startsWith(l + ')'); }",
        arg=[question_index, letter],
        polling=50,
    )
    settle(page)


def checked_letters(page) -> list[str | None]:
    return page.evaluate(
        "() => [...document.querySelectorAll('[data-testid=stRadio]')].map(g => {"
        " const c = g.querySelector('input:checked');"
        " return c ? c.closest('label').innerText.trim()[0] : null; })"
    )


def press(page, key: str, label: str) -> None:
    """Click a segmented-control option by its label and wait until it is selected."""
    button = page.locator(key_class(key)).get_by_role("radio", name=label, exact=True)
    button.click()
    page.wait_for_function(
        "([sel, label]) => [...document.querySelectorAll(sel + ' button[role=radio]')]"
        ".some(b => b.innerText.trim() === label && b.getAttribute('aria-checked') === 'true')",
        arg=[key_class(key), label],
        polling=50,
    )
    settle(page)


def sign_in(page, url: str, email: str, password: str, lang: str = "en") -> None:
    """Sign in through the sign-in page, as a person does; back on ``url``'s Organisations
    page with the account shown."""
    from playwright.sync_api import expect

    words = {"en": ("Email", "Password", "Sign in", "Sign out"),
             "es": ("Correo electrónico", "Contraseña", "Entrar", "Cerrar sesión")}  # fmt: skip
    email_label, password_label, submit, sign_out = words[lang]
    page.goto(f"{url}/signin?lang={lang}")
    page.get_by_label(email_label).fill(email)
    page.get_by_label(password_label, exact=True).fill(password)
    page.get_by_role("button", name=submit, exact=True).click()
    page.wait_for_url(f"{url}/organizations?lang={lang}", timeout=30_000)
    expect(page.get_by_role("button", name=sign_out)).to_be_visible(timeout=20_000)
    settle(page)


def level_control(page, grid: str, item: str, part: str):
    """A capability's level control (``part``: current or ideal), whatever its revision
    (answers loaded from the database give the widgets a new one)."""
    return page.locator(f'[class*="{key_class(f"{grid}.{item}.{part}.es.")[1:]}"]')


def press_level(page, grid: str, item: str, part: str, label: str) -> None:
    """Press a level of a capability and wait until it holds."""
    option = level_control(page, grid, item, part).get_by_role("radio", name=label, exact=True)
    option.click()
    expect(option).to_have_attribute("aria-checked", "true")
    settle(page)


def show_category(page, grid: str, name: str) -> None:
    """On the grid page: pick the category called ``name`` (its button also shows its
    progress) and wait until its capabilities are drawn."""
    chooser = page.locator(key_class(f"{grid}.category"))
    chooser.get_by_role("radio", name=re.compile(re.escape(name))).click()
    page.locator("h3").filter(has_text=name).wait_for(state="visible")
    settle(page)
