"""Sign in (Email, Password, "Sign in"), or create the first admin of a fresh server."""

from __future__ import annotations

import streamlit as st

from cxmaturity.i18n import t
from cxmaturity.services.accounts import AccountError
from cxmaturity.services.errors import TooManyAttempts
from cxmaturity.ui.access import client_key
from cxmaturity.ui.auth import current_actor, exchange_ticket, is_local_request, sso_providers
from cxmaturity.ui.backend import services
from cxmaturity.ui.shell import page_header
from cxmaturity.ui.state import get_state

AFTER_SIGN_IN = "/organizations?lang={lang}"  # in the language the person signed in with


def _sign_in_form(lang: str) -> None:
    with st.form("auth.form", width=460):
        email = st.text_input(t("auth_email", lang), max_chars=320, key="auth.email")
        password = st.text_input(
            t("auth_password", lang), type="password", max_chars=1024, key="auth.password"
        )
        submitted = st.form_submit_button(t("auth_submit", lang), type="primary")
    if not submitted:
        return
    try:
        account = services().accounts.authenticate(email, password, client_key())
    except TooManyAttempts:
        st.error(t("auth_limited", lang), icon=":material/block:")
        return
    if account is None:
        st.error(t("auth_wrong", lang), icon=":material/block:")
        return
    st.info(t("auth_signing_in", lang), icon=":material/hourglass_top:")
    exchange_ticket(services().accounts.issue_ticket(account), AFTER_SIGN_IN.format(lang=lang))


def _first_admin_form(lang: str) -> None:
    st.subheader(t("auth_first_admin", lang), anchor=False)
    st.caption(t("auth_first_admin_intro", lang))
    local = is_local_request()
    with st.form("auth.first-admin", width=460):
        email = st.text_input(t("auth_email", lang), max_chars=320, key="auth.first.email")
        name = st.text_input(t("auth_name", lang), max_chars=300, key="auth.first.name")
        password = st.text_input(t("auth_password", lang), type="password", key="auth.first.pw")
        again = st.text_input(t("auth_password_again", lang), type="password", key="auth.first.pw2")
        code = "" if local else st.text_input(
            t("auth_setup_code", lang), help=t("auth_setup_code_help", lang), key="auth.first.code"
        )  # fmt: skip
        submitted = st.form_submit_button(t("auth_create_admin", lang), type="primary")
    if not submitted:
        return
    if not local and not services().accounts.setup_code_matches(code):
        st.error(t("auth_setup_code_wrong", lang), icon=":material/block:")
        return
    if password != again:
        st.error(t("auth_passwords_differ", lang), icon=":material/error:")
        return
    try:
        account = services().accounts.create_first_admin(email, password, name)
    except AccountError as error:
        st.error(t(f"auth_account_error_{error.reason}", lang), icon=":material/error:")
        return
    exchange_ticket(services().accounts.issue_ticket(account), AFTER_SIGN_IN.format(lang=lang))


def render() -> None:
    lang = get_state().lang
    page_header(t("auth_title", lang), t("auth_intro", lang))
    actor = current_actor()
    if actor.account is not None:
        st.success(t("auth_already", lang, email=actor.account.email), icon=":material/check:")
        return
    if not services().accounts.any():
        _first_admin_form(lang)
        return
    _single_sign_on(lang)
    _sign_in_form(lang)


def _single_sign_on(lang: str) -> None:
    """A "Sign in with ..." button per identity provider configured in ``[auth]``."""
    for provider, name in sso_providers():
        label = t("auth_sso_button", lang, name=name) if name else t("auth_sso_default", lang)
        if st.button(label, key=f"auth.sso.{provider}", icon=":material/key:"):
            st.login(provider) if provider else st.login()
    if sso_providers():
        st.caption(t("auth_or_password", lang))


render()
