"""Accounts (admins): who can sign in and with which role; add, change role, disable.
Every change is checked by the service (admins only) and written to the audit log."""

from __future__ import annotations

import streamlit as st

from cxmaturity.i18n import t
from cxmaturity.records import ROLES, Account
from cxmaturity.services.access import Actor
from cxmaturity.services.accounts import AccountError
from cxmaturity.ui.auth import current_actor
from cxmaturity.ui.backend import services
from cxmaturity.ui.shell import done, page_header
from cxmaturity.ui.state import get_state
from cxmaturity.ui.text import plain_email


def _table(accounts: list[Account], lang: str) -> None:
    rows = [
        {
            t("accounts_col_email", lang): a.email,
            t("accounts_col_name", lang): a.name,
            t("accounts_col_role", lang): t(f"role_{a.role}", lang),
            t("accounts_col_active", lang): a.active,
        }
        for a in accounts
    ]
    st.dataframe(rows, hide_index=True, width="stretch")


def _add(actor: Actor, lang: str) -> None:
    with st.form("accounts.add", border=True):
        st.markdown(f"**{t('accounts_add', lang)}**")
        email = st.text_input(t("auth_email", lang), max_chars=320, key="accounts.add.email")
        name = st.text_input(t("auth_name", lang), max_chars=300, key="accounts.add.name")
        role = st.selectbox(
            t("accounts_role", lang), ROLES, index=2, key="accounts.add.role",
            format_func=lambda r: t(f"role_{r}", lang),
        )  # fmt: skip
        password = st.text_input(t("auth_password", lang), type="password", key="accounts.add.pw")
        again = st.text_input(
            t("auth_password_again", lang), type="password", key="accounts.add.pw2"
        )
        submitted = st.form_submit_button(t("accounts_add_button", lang), type="primary")
    if not submitted:
        return
    if password != again:
        st.error(t("auth_passwords_differ", lang), icon=":material/error:")
        return
    try:
        added = services().accounts.add(email, password, str(role), name, actor=actor)
    except AccountError as error:
        st.error(t(f"auth_account_error_{error.reason}", lang), icon=":material/error:")
        return
    done(t("accounts_added", lang, email=plain_email(added.email)))


def _change(actor: Actor, accounts: list[Account], lang: str) -> None:
    others = [a for a in accounts if actor.account is None or a.id != actor.account.id]
    if not others:
        return
    st.markdown(f"**{t('accounts_change', lang)}**")
    by_email = {a.email: a for a in others}
    email = st.selectbox(t("accounts_which", lang), list(by_email), key="accounts.which")
    chosen = by_email[str(email)]
    role = st.selectbox(
        t("accounts_role", lang), ROLES, index=ROLES.index(chosen.role),
        key=f"accounts.role.{chosen.id}", format_func=lambda r: t(f"role_{r}", lang),
    )  # fmt: skip
    if st.button(t("accounts_set_role", lang), key=f"accounts.set-role.{chosen.id}"):
        services().accounts.set_role(chosen.email, str(role), actor=actor)
        done(t("accounts_role_set", lang, email=plain_email(chosen.email),
                role=t(f"role_{role}", lang)))  # fmt: skip
    if not chosen.active:
        return
    st.divider()
    st.caption(t("accounts_disable_help", lang))
    sure = st.checkbox(
        t("accounts_disable_confirm", lang, email=plain_email(chosen.email)),
        key=f"accounts.disable.sure.{chosen.id}",
    )
    if st.button(t("accounts_disable", lang), key=f"accounts.disable.{chosen.id}",
                 disabled=not sure, icon=":material/block:"):  # fmt: skip
        services().accounts.disable(chosen.email, actor=actor)
        done(t("accounts_disabled", lang, email=plain_email(chosen.email)))


def render() -> None:
    lang = get_state().lang
    page_header(t("accounts_title", lang), t("accounts_intro", lang))
    actor = current_actor()
    if not actor.is_admin:
        st.info(t("accounts_admin_only", lang), icon=":material/lock:")
        return
    accounts = services().accounts.all(actor=actor)
    _table(accounts, lang)
    left, right = st.columns(2, gap="large")
    with left:
        _add(actor, lang)
    with right:
        _change(actor, accounts, lang)


render()
