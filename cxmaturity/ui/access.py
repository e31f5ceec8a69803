"""Who may see what: the facilitator secret, and the workshops of this server.

Facilitator pages (workshops, the live dashboard, consensus) ask for the secret set
in ``CXMATURITY_FACILITATOR_PASSWORD`` (environment or Streamlit secrets, read by
:mod:`cxmaturity.config`); without one, nobody is a facilitator. Signing in holds for
the browser session.
"""

from __future__ import annotations

import time

import streamlit as st

from cxmaturity.config import FACILITATOR_PASSWORD
from cxmaturity.i18n import t
from cxmaturity.services.workshops import Workshops

from .backend import services, settings
from .state import UiState

SECRET_NAME = FACILITATOR_PASSWORD
FAILED_SIGN_IN_DELAY = 1.0  # seconds: slows down guessing the secret
_PASSWORD_KEY = "access.password"


def has_facilitator_secret() -> bool:
    """Whether this server has a facilitator secret (then it is a workshop server)."""
    return workshops().has_facilitator_secret


def workshops() -> Workshops:
    return services().workshops


def facilitator_gate(state: UiState) -> bool:
    """True for a signed-in facilitator; otherwise shows why not, or the sign-in form."""
    lang = state.lang
    if not has_facilitator_secret():
        state.facilitator = False
        st.info(t("ws_no_secret", lang, name=SECRET_NAME), icon=":material/lock:")
        return False
    if state.facilitator:
        return True
    with st.form("access.sign-in", border=True, width=420):
        st.markdown(f"**{t('ws_sign_in', lang)}**")
        st.text_input(t("ws_password", lang), type="password", key=_PASSWORD_KEY)
        submitted = st.form_submit_button(t("ws_sign_in_button", lang), type="primary")
    if submitted:
        given = str(st.session_state.pop(_PASSWORD_KEY, "") or "")
        if workshops().facilitator_allowed(given):
            state.facilitator = True
            st.rerun()
        time.sleep(FAILED_SIGN_IN_DELAY)
        st.error(t("ws_wrong_password", lang), icon=":material/block:")
    return False


def client_key() -> str:
    """Who is trying codes or passwords (for the limits on wrong ones): see
    :func:`client_key_from`."""
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    seen = st.context.ip_address
    context = get_script_run_ctx()
    return client_key_from(
        seen if isinstance(seen, str) else "",
        str(st.context.headers.get("X-Forwarded-For", "") or ""),
        trust_proxy=settings().trust_proxy,
        session=context.session_id if context is not None else str(id(st.session_state)),
    )


def client_key_from(address: str, forwarded: str, *, trust_proxy: bool, session: str) -> str:
    """The client's address; behind a reverse proxy every client has the proxy's
    address, so with ``CXMATURITY_TRUST_PROXY=1`` the address the proxy appended to
    ``X-Forwarded-For`` (the last one: those before it come from the client and prove
    nothing) counts instead, and without that setting the header is ignored. Without a
    known address the browser session is its own bucket, so strangers are never pooled
    into one that could lock everybody out."""
    if trust_proxy:
        address = forwarded.rsplit(",", maxsplit=1)[-1].strip() or address
    return f"ip:{address}" if address else f"session:{session}"
