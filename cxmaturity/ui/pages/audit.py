"""The audit log (admins): every change, when, who and what, newest first; CSV download."""

from __future__ import annotations

import streamlit as st

from cxmaturity.i18n import t
from cxmaturity.services.access import NotAllowed
from cxmaturity.ui.auth import current_actor
from cxmaturity.ui.backend import services
from cxmaturity.ui.shell import page_header
from cxmaturity.ui.state import get_state

SHOWN = 500  # rows on the page; the CSV has them all


def render() -> None:
    lang = get_state().lang
    page_header(t("audit_title", lang), t("audit_intro", lang))
    actor = current_actor()
    try:
        entries = services().organizations.audit_log(actor, limit=SHOWN)
    except NotAllowed:
        st.info(t("audit_admin_only", lang), icon=":material/lock:")
        return
    if not entries:
        st.caption(t("audit_none", lang))
        return
    rows = [
        {
            t("audit_col_at", lang): e.at.isoformat(sep=" ", timespec="seconds"),
            t("audit_col_who", lang): e.actor,
            t("audit_col_action", lang): e.action,
            t("audit_col_target", lang): e.target,
            t("audit_col_detail", lang): e.detail,
        }
        for e in entries
    ]
    st.dataframe(rows, hide_index=True, width="stretch")
    st.download_button(
        t("audit_download", lang),
        data=lambda: services().organizations.audit_csv(actor).encode("utf-8"),
        file_name="cxmaturity-audit.csv",
        mime="text/csv",
        icon=":material/download:",
        key="audit.csv",
    )


render()
