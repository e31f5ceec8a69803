"""The PDF of a workshop's consensus, with its participation and disagreement section."""

from __future__ import annotations

import streamlit as st

from cxmaturity.branding import Branding
from cxmaturity.i18n import t
from cxmaturity.model import Answers, Grid, Quiz
from cxmaturity.report import Participation, build_report, report_data
from cxmaturity.ui.access import workshops
from cxmaturity.ui.catalog import catalog
from cxmaturity.ui.components.dashboard import current
from cxmaturity.ui.components.report_button import current_branding
from cxmaturity.ui.persist import storage
from cxmaturity.ui.text import file_name
from cxmaturity.workshops import Workshop


def participation(workshop: Workshop) -> Participation | None:
    """Who took part and the team results before agreeing (for the report)."""
    now = current(workshop.id)
    if now is None:
        return None
    return Participation(
        names=tuple(p.name for p in now.participants),
        before={v.questionnaire.id: v.result for v in now.views},
    )


def consensus_pdf(workshop: Workshop, organization: str, lang: str) -> bytes | None:
    """The report of every agreed questionnaire of the workshop (None before any)."""
    rooms, store, found = workshops(), storage(), catalog()
    teams: list[tuple[Quiz | Grid, list[Answers]]] = []
    plan = None
    day = None
    for live in rooms.assessments(workshop):
        agreed = rooms.consensus(workshop, live)
        questionnaire = found.get(live.questionnaire_id)
        if agreed is None or questionnaire is None:
            continue
        teams.append((questionnaire, list(store.answers(agreed).values())))
        day = agreed.assessed_on
        if isinstance(questionnaire, Grid):
            plan = store.plan(agreed) or None
    if not teams:
        return None
    branding = current_branding()
    data = report_data(
        teams,
        lang,
        organization=organization,
        assessed_on=day,
        plan_items=plan,
        branding=branding if isinstance(branding, Branding) else Branding(),
        participation=participation(workshop),
    )
    return build_report(data)


def workshop_report_button(workshop: Workshop, organization: str, lang: str) -> None:
    rooms = workshops()
    agreed = [a for a in rooms.assessments(workshop) if rooms.consensus(workshop, a) is not None]
    if not agreed:
        st.caption(t("ws_report_after_consensus", lang))
        return
    st.download_button(
        t("report_download", lang),
        data=lambda: consensus_pdf(workshop, organization, lang) or b"",
        file_name=file_name("cx-workshop", organization, "pdf"),
        mime="application/pdf",
        icon=":material/picture_as_pdf:",
        type="primary",
        key=f"ws.report.{workshop.id}",
    )
