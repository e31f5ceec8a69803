"""Who is trying codes or passwords: the client key the limits on wrong ones count by."""

from __future__ import annotations

import streamlit as st

from .backend import settings


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
