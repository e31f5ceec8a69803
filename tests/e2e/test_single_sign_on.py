"""Single sign-on in a real browser, against a local OpenID Connect provider
(``oidc-provider-mock``): ``st.login`` is the way in, the account is matched by email
and must exist, the session is ours (revocable), and signing out does not sign the
person straight back in."""

from __future__ import annotations

import re
import secrets
from collections.abc import Iterator
from pathlib import Path

import pytest

from cxmaturity.services.accounts import COOKIE_NAME

from ..helpers import open_services
from .conftest import free_port, new_page, serve
from .streamlit_page import expect, settle

PASSWORD = "correct horse battery"
SIGN_IN = re.compile("^(Sign in|Iniciar sesión)$")


@pytest.fixture(scope="module")
def sso_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    from oidc_provider_mock import User, run_server_in_thread

    people = [
        User(sub="ana", claims={"email": "Ana@Example.com", "email_verified": True}),
        User(sub="zoe", claims={"email": "zoe@example.com", "email_verified": True}),
    ]
    data = tmp_path_factory.mktemp("sso-data")
    open_services(f"sqlite:///{data / 'cxmaturity.db'}").accounts.add(
        "ana@example.com", PASSWORD, "consultant", actor="t"
    )
    with run_server_in_thread(user_claims=people) as provider:
        issuer = f"http://localhost:{provider.server_port}"
        port = free_port()
        secrets_file = data / "secrets.toml"
        secrets_file.write_text(
            "[auth]\n"
            f'redirect_uri = "http://127.0.0.1:{port}/oauth2callback"\n'
            f'cookie_secret = "{secrets.token_hex(32)}"\n'
            'client_id = "cxmaturity"\n'
            'client_secret = "not-a-secret-of-anyone"\n'
            f'server_metadata_url = "{issuer}/.well-known/openid-configuration"\n',
            encoding="utf-8",
        )
        logs = tmp_path_factory.mktemp("sso-server")
        with serve(logs, data, port=port, args=("--secrets.files", str(secrets_file))) as url:
            yield url, data


def _sign_in_with_provider(page, url: str, who: str) -> None:
    page.goto(f"{url}/signin?lang=en")
    page.get_by_role("button", name="Sign in with your organization's account").click()
    page.get_by_role("button", name=who, exact=True).click()  # the provider's own page


def test_an_existing_account_signs_in_through_the_provider(browser, sso_server):
    url, _ = sso_server
    context, page = new_page(browser, locale="en-GB")
    try:
        page.set_default_timeout(30_000)
        _sign_in_with_provider(page, url, "ana")
        expect(page.get_by_role("button", name="Cerrar sesión").or_(
            page.get_by_role("button", name="Sign out"))).to_be_visible()  # fmt: skip
        assert any(c["name"] == COOKIE_NAME and c["httpOnly"] for c in context.cookies())
        page.reload()
        settle(page)
        expect(page.get_by_text("ana@")).to_be_visible()
        # Signing out ends our session and the provider's identity cookie with it.
        page.get_by_role("button", name="Cerrar sesión").or_(
            page.get_by_role("button", name="Sign out")).click()  # fmt: skip
        # The page clears the cookies, then opens the home page (the navigation's own
        # "Sign in" link shows before that: wait for the home address instead).
        page.wait_for_url(re.compile(r".*/\?lang=\w+$"))
        expect(page.get_by_role("link", name=SIGN_IN).first).to_be_visible()
        page.goto(f"{url}/?lang=en")
        settle(page)
        expect(page.get_by_role("link", name="Sign in").first).to_be_visible()
        names = {c["name"] for c in context.cookies()}
        assert COOKIE_NAME not in names and "_streamlit_user" not in names
    finally:
        context.close()


def test_an_unknown_email_gets_no_account(browser, sso_server):
    url, data = sso_server
    context, page = new_page(browser, locale="en-GB")
    try:
        page.set_default_timeout(30_000)
        _sign_in_with_provider(page, url, "zoe")
        # st.login comes back to the home address, without the language: Spanish first.
        expect(page.get_by_text("No hay ninguna cuenta activa zoe@")).to_be_visible()
        assert COOKIE_NAME not in {c["name"] for c in context.cookies()}
        services = open_services(f"sqlite:///{data / 'cxmaturity.db'}")
        assert services.accounts.with_email("zoe@example.com") is None
    finally:
        context.close()
