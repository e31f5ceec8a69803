"""Organisations: each client's assessments with their results, review dates,
re-evaluation, and the organisation's record in and out (JSON, CSV)."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from cxmaturity.errors import InvalidInput
from cxmaturity.exchange import answers_csv, export_json, import_organization
from cxmaturity.i18n import decimal, long_date, t
from cxmaturity.loader import Catalog
from cxmaturity.model import Answers, Quiz
from cxmaturity.planning import next_review
from cxmaturity.scoring import GridResult, QuizResult, score
from cxmaturity.storage import Assessment, Organization
from cxmaturity.ui.catalog import catalog, content_language
from cxmaturity.ui.persist import reevaluate, storage
from cxmaturity.ui.shell import ANSWER, page_header
from cxmaturity.ui.state import UiState, get_state
from cxmaturity.ui.text import escape_md, file_name

ORG_KEY = "orgs.choice"


def _result_text(found: Catalog, assessment: Assessment, team: list[Answers], lang: str) -> str:
    questionnaire = found.get(assessment.questionnaire_id)
    if questionnaire is None or not team:
        return t("result_none", lang)
    result = score(questionnaire, team)
    if isinstance(result, QuizResult) and isinstance(questionnaire, Quiz):
        band = next((b for b in questionnaire.bands if b.id == result.band), None)
        label = band.label.get(content_language(questionnaire, lang)) if band else "…"
        return t(
            "result_quiz",
            lang,
            points=result.points if result.points is not None else "…",
            band=label,
        )
    assert isinstance(result, GridResult)
    if result.overall.current is None:
        return t("result_none", lang)
    return t(
        "result_grid",
        lang,
        current=decimal(result.overall.current, lang),
        ideal=decimal(result.overall.ideal, lang),
    )


def _history(found: Catalog, organization: Organization, state: UiState) -> list[Assessment]:
    lang = state.lang
    history = storage().history(organization)
    rows = []
    for assessment, answers in history:
        questionnaire = found.get(assessment.questionnaire_id)
        title = (
            questionnaire.title.get(content_language(questionnaire, lang))
            if questionnaire
            else assessment.questionnaire_id
        )
        link = (
            f"/results?questionnaire={assessment.questionnaire_id}"
            f"&assessment={assessment.id}&lang={lang}"
        )
        rows.append(
            {
                t("col_date", lang): assessment.assessed_on,
                t("col_questionnaire", lang): title,
                t("col_result", lang): _result_text(
                    found, assessment, list(answers.values()), lang
                ),
                t("col_respondents", lang): len(answers),
                t("col_status", lang): t(f"status_{assessment.status}", lang),
                t("col_open", lang): link,
            }
        )
    rows.reverse()  # newest first
    st.dataframe(
        rows,
        hide_index=True,
        width="stretch",
        column_config={
            t("col_date", lang): st.column_config.DateColumn(format="YYYY-MM-DD"),
            t("col_open", lang): st.column_config.LinkColumn(display_text=t("open_results", lang)),
        },
    )
    return [a for a, _ in history]


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


def _reevaluation(found: Catalog, assessments: list[Assessment], state: UiState) -> None:
    lang = state.lang
    usable = [a for a in reversed(assessments) if found.get(a.questionnaire_id) is not None]
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
                f"{found.get(by_id[i].questionnaire_id).title.get(lang)} (n.º {i})"  # type: ignore[union-attr]
            ),
            key="orgs.reevaluate.from",
        )
        if st.button(t("orgs_reevaluate_button", lang), type="primary", key="orgs.reevaluate.go"):
            previous = by_id[chosen]
            questionnaire = found.get(previous.questionnaire_id)
            assert questionnaire is not None
            new = reevaluate(state, previous, questionnaire)
            params = {"questionnaire": questionnaire.id, "lang": lang, "assessment": str(new.id)}
            st.switch_page(ANSWER, query_params=params)


def _record(organization: Organization, lang: str) -> None:
    left, right = st.columns(2)
    left.download_button(
        t("orgs_export", lang),
        data=lambda: export_json(storage(), organization),
        file_name=file_name(
            "organizacion" if lang == "es" else "organisation", organization.name, "json"
        ),
        mime="application/json",
        icon=":material/download:",
        key="orgs.export",
    )
    right.download_button(
        t("orgs_csv", lang),
        data=lambda: answers_csv(storage(), organization).encode("utf-8"),
        file_name=file_name("respuestas" if lang == "es" else "answers", organization.name, "csv"),
        mime="text/csv",
        icon=":material/table:",
        key="orgs.csv",
    )


def _import(found: Catalog, lang: str) -> None:
    upload = st.file_uploader(
        t("orgs_import", lang), type=["json"], key="orgs.import", max_upload_size=20
    )
    if upload is None:
        return
    marker = f"{upload.name}:{upload.size}"
    if st.session_state.get("orgs.imported") == marker:
        return
    try:
        organization = import_organization(storage(), upload.getvalue(), upload.name, found)
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
    found = catalog()
    organizations = storage().organizations()
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
        assessments = _history(found, organization, state)
        _review(assessments, lang)
        _reevaluation(found, assessments, state)
        _record(organization, lang)
    st.divider()
    _import(found, lang)


render()
