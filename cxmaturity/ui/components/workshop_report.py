"""The PDF of a workshop's consensus, with its participation and disagreement section."""

from __future__ import annotations

import streamlit as st

from cxmaturity.i18n import t
from cxmaturity.records import Workshop
from cxmaturity.ui.auth import page_actor
from cxmaturity.ui.backend import services
from cxmaturity.ui.text import file_name


def workshop_report_button(workshop: Workshop, organization: str, lang: str) -> None:
    """The consensus report's download (the page runs again when a consensus is
    saved, so it appears then). Not in a refreshing fragment: a download whose data
    is made on the click must still exist when the click arrives."""
    actor = page_actor()
    if not services().workshops.agreed(actor, workshop):
        st.caption(t("ws_report_after_consensus", lang))
        return
    st.download_button(
        t("report_download", lang),
        data=lambda: (
            services().reports.consensus_report(actor, workshop, organization, lang) or b""
        ),
        file_name=file_name("cx-workshop", organization, "pdf"),
        mime="application/pdf",
        icon=":material/picture_as_pdf:",
        type="primary",
        key=f"ws.report.{workshop.id}",
    )
