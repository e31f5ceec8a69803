"""Organisations: each client's assessments with their results, review dates,
re-evaluation, and the organisation's record in and out (JSON, CSV)."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from cxmaturity.errors import InvalidInput
from cxmaturity.i18n import long_date, t
from cxmaturity.loader import Catalog
from cxmaturity.planning import next_review
from cxmaturity.records import Assessment, Organization
from cxmaturity.ui.access import facilitator_gate, has_facilitator_secret
from cxmaturity.ui.backend import services
from cxmaturity.ui.catalog import catalog
from cxmaturity.ui.components.compare_view import compare_view
from cxmaturity.ui.components.history import history_rows
from cxmaturity.ui.restore import reevaluate
from cxmaturity.ui.shell import ANSWER, page_header
from cxmaturity.ui.state import UiState, get_state
from cxmaturity.ui.text import escape_md, file_name

ORG_KEY = "orgs.choice"


def _history(
    organization: Organization, version: tuple[object, ...], state: UiState
) -> list[Assessment]:
    lang = state.lang
    assessments, rows = history_rows(organization, lang, version)
    st.dataframe(
        rows,
        hide_index=True,
        width="stretch",
        column_config={
            t("col_date", lang): st.column_config.DateColumn(format="YYYY-MM-DD"),
            t("col_open", lang): st.column_config.LinkColumn(display_text=t("open_results", lang)),
        },
    )
    return assessments


def _review(assessments: list[Assessment], lang: str) -> None:
    if not assessments:
        return
    last = max(a.assessed_on for a in assessments)
    due = next_review(last)
    if due <= dt.date.today():
        text = t("orgs_due", lang, date=long_date(last, lang), due=long_date(due, lang))
        st.warning(text, icon=":material/event_upcoming:")
    else:
        st.caption(t("orgs_next", lang, due=long_date(due, lang)))


def _reevaluation(known: Catalog, assessments: list[Assessment], state: UiState) -> None:
    lang = state.lang
    usable = [a for a in reversed(assessments) if known.get(a.questionnaire_id) is not None]
    if not usable:
        return
    with st.expander(t("orgs_reevaluate", lang), icon=":material/replay:"):
        st.caption(t("orgs_reevaluate_help", lang))
        by_id = {a.id: a for a in usable}
        chosen = st.selectbox(
            t("orgs_reevaluate_from", lang),
            options=list(by_id),
            format_func=lambda i: (
                f"{by_id[i].assessed_on.isoformat()} · "
                f"{known.get(by_id[i].questionnaire_id).title.get(lang)} (n.º {i})"  # type: ignore[union-attr]
            ),
            key="orgs.reevaluate.from",
        )
        if st.button(t("orgs_reevaluate_button", lang), type="primary", key="orgs.reevaluate.go"):
            previous = by_id[chosen]
            questionnaire = known.get(previous.questionnaire_id)
            assert questionnaire is not None
            new = reevaluate(state, previous, questionnaire)
            params = {"questionnaire": questionnaire.id, "lang": lang, "assessment": str(new.id)}
            st.switch_page(ANSWER, query_params=params)


def _record(organization: Organization, lang: str) -> None:
    left, right = st.columns(2)
    left.download_button(
        t("orgs_export", lang),
        data=lambda: services().assessments.export_json(organization),
        file_name=file_name(
            "organizacion" if lang == "es" else "organisation", organization.name, "json"
        ),
        mime="application/json",
        icon=":material/download:",
        key="orgs.export",
    )
    right.download_button(
        t("orgs_csv", lang),
        data=lambda: services().assessments.answers_csv(organization).encode("utf-8"),
        file_name=file_name("respuestas" if lang == "es" else "answers", organization.name, "csv"),
        mime="text/csv",
        icon=":material/table:",
        key="orgs.csv",
    )


def _import(known: Catalog, lang: str) -> None:
    upload = st.file_uploader(
        t("orgs_import", lang), type=["json"], key="orgs.import", max_upload_size=20
    )
    if upload is None:
        return
    marker = f"{upload.name}:{upload.size}"
    if st.session_state.get("orgs.imported") == marker:
        return
    try:
        organization = services().assessments.import_organization(
            upload.getvalue(), upload.name, known
        )
    except InvalidInput as error:
        st.error(t("orgs_import_invalid", lang), icon=":material/error:")
        st.code("\n".join(str(p) for p in error.problems[:50]), language=None, wrap_lines=True)
        return
    st.session_state["orgs.imported"] = marker
    st.success(t("orgs_imported", lang, name=escape_md(organization.name)), icon=":material/check:")


def render() -> None:
    state = get_state()
    lang = state.lang
    page_header(t("orgs_title", lang))
    if has_facilitator_secret() and not facilitator_gate(state):
        return  # a workshop server: every organisation's record is for the facilitator
    known = catalog()
    organizations = services().assessments.organizations()
    if not organizations:
        st.info(t("orgs_none", lang), icon=":material/info:")
    else:
        names = {o.id: o for o in organizations}
        current = next((o.id for o in organizations if o.name == state.organization.strip()), None)
        chosen = st.selectbox(
            t("orgs_choose", lang),
            options=list(names),
            index=list(names).index(current) if current in names else 0,
            format_func=lambda i: names[i].name,
            key=ORG_KEY,
        )
        organization = names[chosen]
        version = services().history.version(organization)  # one cheap query per run
        # Two views, drawn one at a time: the history (with re-evaluation and the
        # record in and out) and the comparison.
        view = st.segmented_control(
            t("orgs_view", lang),
            options=["history", "compare"],
            default="history",
            format_func=lambda v: t(f"orgs_view_{v}", lang),
            key="orgs.view",
            label_visibility="collapsed",
            required=True,
        )
        if view == "compare":
            compare_view(known, organization, version, lang)
            return
        assessments = _history(organization, version, state)
        _review(assessments, lang)
        _reevaluation(known, assessments, state)
        _record(organization, lang)
    st.divider()
    _import(known, lang)


render()
