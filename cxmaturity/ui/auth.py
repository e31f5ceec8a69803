"""Who is signed in, and the controls to sign in and out.

The session lives in the database; the browser holds only a signed, HttpOnly cookie
set by an HTTP route (:mod:`cxmaturity.ui.routes`). Every run reads the cookie from the
page's connection and asks the services who it signs in (one indexed query), so a
session revoked anywhere, on any app process, signs nobody in from the next click on.
"""

from __future__ import annotations

import json
import time
from collections.abc import Mapping

import streamlit as st

from cxmaturity.i18n import t
from cxmaturity.services.access import VISITOR, Actor
from cxmaturity.services.accounts import COOKIE_NAME

from .backend import auth_section, services, settings
from .text import plain_email

SIGN_IN = "cxmaturity/ui/pages/signin.py"
PROXY_HEADERS = ("X-Forwarded-For", "Forwarded", "X-Real-Ip", "X-Forwarded-Host")
SIGN_OUT_KEY = "auth.sign-out"
SHOWN_ACTOR_KEY = "auth.shown-actor"
SIGNED_OUT = "auth.signed-out"  # this run signs out: the page then clears the cookies


def session_cookie() -> str | None:
    """The sign-in cookie this page connected with (``st.context.cookies``)."""
    value = st.context.cookies.get(COOKIE_NAME)
    return str(value) if value else None


def current_actor() -> Actor:
    """The signed-in account of this browser (a visitor without a valid session),
    checked against the database now."""
    cookie = session_cookie()
    if not cookie:
        return VISITOR
    account = services().accounts.account_of_cookie(cookie)
    return Actor(account) if account is not None else VISITOR


def remember_shown_actor(actor: Actor) -> None:
    """The account this run's navigation was built for, so that the header shows the
    same one without asking the database again (display only: every check of a right
    calls :func:`current_actor` or the services)."""
    st.session_state[SHOWN_ACTOR_KEY] = actor


def page_actor() -> Actor:
    """The account this run's navigation checked against the database (a page body
    runs after it). Widget callbacks run before the navigation and call
    :func:`current_actor` instead; the services check the right again either way."""
    shown = st.session_state.get(SHOWN_ACTOR_KEY)
    return shown if isinstance(shown, Actor) else current_actor()


def is_local_request() -> bool:
    """A browser on the server's own machine, not through a proxy (a request that
    carries proxy headers does not count as local)."""
    if st.context.ip_address is not None:  # Streamlit gives no address for 127.0.0.1 / ::1
        return False
    return not any(st.context.headers.get(name) for name in PROXY_HEADERS)


def exchange_ticket(ticket: str, then: str) -> None:
    """Trade a sign-in ticket for the HttpOnly cookie (a same-origin POST from this
    page), then open ``then``. The ticket is random, single-use and valid 60 s."""
    script = (
        "<script>fetch('/app-auth/session', {method: 'POST', credentials: 'same-origin', "
        "headers: {'Content-Type': 'application/json'}, "
        f"body: JSON.stringify({{ticket: {json.dumps(ticket)}}})}})"
        f".then(function () {{ window.location.replace({json.dumps(then)}); }});</script>"
    )
    st.html(script, unsafe_allow_javascript=True)


def _sign_out() -> None:
    """Revoke the session on the server now; the page then clears the cookie."""
    services().accounts.end_cookie_session(session_cookie())
    st.session_state[SIGNED_OUT] = True


def account_strip(lang: str) -> None:
    """ "Sign in" for a visitor, the account and "Sign out" for someone signed in."""
    if st.session_state.pop(SIGNED_OUT, False):
        home = json.dumps(f"/?lang={lang}")  # lang: one of LANGUAGES, never typed text
        st.html(
            "<script>fetch('/app-auth/sign-out', {method: 'POST', credentials: 'same-origin'})"
            f".then(function () {{ window.location.replace({home}); }});</script>",
            unsafe_allow_javascript=True,
        )
        return
    actor = page_actor()
    if actor.account is None:
        st.page_link(SIGN_IN, label=t("auth_sign_in", lang), icon=":material/login:")
        return
    st.caption(t("auth_signed_in_as", lang, email=plain_email(actor.account.email)))
    st.button(
        t("auth_sign_out", lang), key=SIGN_OUT_KEY, icon=":material/logout:", on_click=_sign_out
    )


# ------------------------------------------------------------------ single sign-on

SSO_FRESH_SECONDS = 600  # an identity older than this opens no new session


def sso_providers() -> list[tuple[str | None, str]]:
    """The identity providers configured in ``[auth]`` of the secrets, as (provider,
    name shown): ``[auth.<name>]`` sections, or ``[auth]`` itself (provider None).
    Empty without ``[auth]``."""
    section = auth_section()
    named = [(str(name), str(name).replace("_", " ").title())
             for name, value in section.items() if isinstance(value, Mapping)]  # fmt: skip
    if named:
        return named
    return [(None, "")] if section.get("client_id") else []


def _sso_identity() -> tuple[str, float] | None:
    """The email and issue time of ``st.user`` after ``st.login`` (None otherwise)."""
    try:
        user = st.user
        if not user.is_logged_in:
            return None
        email, issued = user.get("email"), user.get("iat")
    except Exception:  # single sign-on not configured
        return None
    if not isinstance(email, str) or not isinstance(issued, int | float):
        return None
    if user.get("email_verified") is False:
        return None
    return email, float(issued)


def single_sign_on(actor: Actor, lang: str) -> None:
    """After ``st.login``: the account of the email the provider vouched for gets a
    session of ours (the HttpOnly cookie, revocable), as a password sign-in does. Only
    a fresh identity counts, so a copied identity cookie opens nothing later."""
    if actor.account is not None or st.session_state.get(SIGNED_OUT) or not sso_providers():
        return  # (signing out: the sign-out route ends the provider's identity cookie too)
    identity = _sso_identity()
    if identity is None or time.time() - identity[1] > SSO_FRESH_SECONDS:
        return
    account = services().accounts.single_sign_on(identity[0], new_role=settings().sso_new_accounts)
    if account is None:
        st.error(t("auth_sso_no_account", lang, email=plain_email(identity[0])),
                 icon=":material/block:")  # fmt: skip
        st.button(t("auth_sign_out", lang), key="auth.sso.out", on_click=st.logout)
        st.stop()
    st.info(t("auth_signing_in", lang), icon=":material/hourglass_top:")
    exchange_ticket(services().accounts.issue_ticket(account), f"/organizations?lang={lang}")
    st.stop()
