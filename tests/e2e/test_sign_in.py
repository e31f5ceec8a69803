"""Signing in, in a real browser: the first admin from this machine, a session that
survives reloads and new tabs, sign-out that reaches every tab, and cookies that are
changed or expired being refused."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from cxmaturity.config import load_settings
from cxmaturity.services.accounts import COOKIE_NAME

from ..helpers import open_services
from .conftest import new_page, serve
from .streamlit_page import expect, settle

PASSWORD = "correct horse battery"


@pytest.fixture(scope="module")
def fresh_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """A server of its own with an empty database (no account yet)."""
    data = tmp_path_factory.mktemp("accounts-data")
    with serve(tmp_path_factory.mktemp("accounts-server"), data) as url:
        yield url, data


def _services(data: Path):
    return open_services(f"sqlite:///{data / 'cxmaturity.db'}")


def _signed_in(page, email: str) -> None:
    shown = email.replace("@", "@\u2060")  # not a mailto link
    expect(page.get_by_text(f"Sesión de {shown}")).to_be_visible(timeout=20_000)
    expect(page.get_by_role("button", name="Cerrar sesión")).to_be_visible()


def _signed_out(page) -> None:
    expect(page.get_by_role("link", name="Iniciar sesión").first).to_be_visible(timeout=20_000)
    expect(page.get_by_role("button", name="Cerrar sesión")).to_have_count(0)


def test_first_admin_then_reload_new_tab_and_sign_out_everywhere(browser, fresh_server):
    url, data = fresh_server
    context, page = new_page(browser, locale="es-ES")
    try:
        page.goto(f"{url}/?lang=es")
        settle(page)
        _signed_out(page)  # a visitor on a fresh server
        page.get_by_role("link", name="Iniciar sesión").first.click()
        expect(page.get_by_text("Crear la primera cuenta de administración")).to_be_visible()
        expect(page.get_by_role("textbox", name="Código de instalación")).to_have_count(
            0
        )  # localhost
        page.get_by_label("Correo electrónico").fill("Admin@Example.com")
        page.get_by_label("Contraseña", exact=True).fill(PASSWORD)
        page.get_by_label("Repita la contraseña").fill(PASSWORD)
        page.get_by_role("button", name="Crear la cuenta").click()
        page.wait_for_url(f"{url}/organizations?lang=es", timeout=20_000)
        _signed_in(page, "admin@example.com")
        cookie = next(c for c in context.cookies() if c["name"] == COOKIE_NAME)
        assert cookie["httpOnly"] and cookie["sameSite"] == "Lax"
        assert page.evaluate("document.cookie").find(COOKIE_NAME) == -1  # scripts cannot read it

        page.reload()
        _signed_in(page, "admin@example.com")
        other = context.new_page()
        other.goto(f"{url}/results?lang=es")
        _signed_in(other, "admin@example.com")

        page.get_by_role("button", name="Cerrar sesión").click()
        page.wait_for_url(re.compile(r".*/\?lang=es$"))  # the cookie cleared, then home
        _signed_out(page)
        assert not [c for c in context.cookies() if c["name"] == COOKIE_NAME]
        # The other tab still shows the account until its next action, which is signed out.
        other.get_by_role("link", name="Inicio").first.click()
        _signed_out(other)
        assert _services(data).accounts.any()
        # The first-admin path is closed now.
        page.goto(f"{url}/signin?lang=es")
        expect(page.get_by_role("button", name="Entrar")).to_be_visible()
        expect(page.get_by_text("Crear la primera cuenta de administración")).to_have_count(0)
    finally:
        context.close()


def test_a_changed_or_expired_cookie_signs_nobody_in(browser, fresh_server):
    url, data = fresh_server
    services = _services(data)
    if services.accounts.with_email("ana@example.com") is None:
        services.accounts.add("ana@example.com", PASSWORD, "consultant", actor="test")
    context, page = new_page(browser, locale="es-ES")
    try:
        page.goto(f"{url}/signin?lang=es")
        page.get_by_label("Correo electrónico").fill("ana@example.com")
        page.get_by_label("Contraseña").fill("not the password")
        page.get_by_role("button", name="Entrar").click()
        expect(page.get_by_text("El correo o la contraseña no son correctos.")).to_be_visible()
        page.get_by_label("Contraseña").fill(PASSWORD)
        page.get_by_role("button", name="Entrar").click()
        page.wait_for_url(f"{url}/organizations?lang=es", timeout=20_000)
        _signed_in(page, "ana@example.com")
        cookie = next(c for c in context.cookies() if c["name"] == COOKIE_NAME)

        token, _, signature = cookie["value"].rpartition(".")
        changed = token[:-1] + ("A" if token[-1] != "A" else "B") + "." + signature
        context.add_cookies([{**cookie, "value": changed}])
        page.reload()
        _signed_out(page)

        context.add_cookies([cookie])  # the real one again: signed in
        page.reload()
        _signed_in(page, "ana@example.com")
        from sqlalchemy import update

        from cxmaturity.db.tables import SignInSessionRow

        with services.database.unit() as uow:  # the session runs out
            uow.repo.session.execute(
                update(SignInSessionRow).values(expires_at=dt.datetime(2020, 1, 1))
            )
            uow.commit()
        page.reload()
        _signed_out(page)
    finally:
        context.close()


def test_settings_default_session_length():
    assert load_settings().session_hours == 12.0
