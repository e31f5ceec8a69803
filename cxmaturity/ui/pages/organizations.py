"""Organisations: the ones the signed-in account may see, each with its assessments,
results, review dates, re-evaluation, the record in and out (JSON, CSV), and for its
owners (and admins) sharing and deleting. Every read and change goes through the
services with the signed-in account, which check its right on the organisation."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from cxmaturity.errors import InvalidInput
from cxmaturity.exchange import MAX_IMPORT_BYTES
from cxmaturity.i18n import long_date, t, tn
from cxmaturity.loader import Catalog
from cxmaturity.planning import next_review
from cxmaturity.records import ACCESS_LEVELS, MAX_SECTOR, SIZES, Assessment, Organization
from cxmaturity.services.access import Action, Actor, NotAllowed, NotFoundOrNotYours, grants
from cxmaturity.services.accounts import AccountError
from cxmaturity.ui.auth import current_actor
from cxmaturity.ui.backend import services
from cxmaturity.ui.catalog import catalog
from cxmaturity.ui.components.compare_view import compare_view
from cxmaturity.ui.components.history import history_lines, kpi_trend
from cxmaturity.ui.restore import reevaluate
from cxmaturity.ui.shell import ANSWER, RESULTS, done, page_header, signed_in_or_invite
from cxmaturity.ui.state import UiState, get_state
from cxmaturity.ui.text import escape_md, file_name, plain_email

ORG_PARAM = "org"
ORG_KEY = "orgs.choice"


def _history(actor: Actor, organization: Organization, state: UiState) -> list[Assessment]:
    lang = state.lang
    assessments, lines = history_lines(actor, organization, lang)
    st.markdown("\n".join(f"- {line}" for line in lines) or t("history_none", lang))
    if assessments:
        _open(actor, organization, assessments, lang)
    return assessments


def _open(actor: Actor, organization: Organization, assessments: list[Assessment],
          lang: str) -> None:  # fmt: skip
    """Open one assessment's results in this tab (nothing is created), or download the
    report of its whole round (everything answered that day) again."""
    known = catalog()
    by_id = {a.public_id: a for a in reversed(assessments)}
    with st.container(horizontal=True, vertical_alignment="bottom"):
        chosen = by_id[st.selectbox(
            t("orgs_open_which", lang), options=list(by_id),
            format_func=lambda i: _label(known, by_id[i], lang), key="orgs.open.which",
        )]  # fmt: skip
        params = {"questionnaire": chosen.questionnaire_id, "assessment": chosen.public_id,
                  "lang": lang}  # fmt: skip
        if st.button(t("orgs_open", lang), key="orgs.open.go", icon=":material/insights:"):
            st.switch_page(RESULTS, query_params=params)
        st.download_button(
            t("orgs_round_report", lang),
            data=lambda: services().reports.round_report(actor, chosen, organization.name, lang),
            file_name=file_name("cxmaturity-report", organization.name, "pdf"),
            mime="application/pdf", icon=":material/picture_as_pdf:", key="orgs.open.report",
        )  # fmt: skip


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


def _label(known: Catalog, assessment: Assessment, lang: str) -> str:
    questionnaire = known.get(assessment.questionnaire_id)
    title = questionnaire.title.get(lang) if questionnaire else assessment.questionnaire_id
    return f"{long_date(assessment.assessed_on, lang)} · {title}"


def _reevaluation(known: Catalog, assessments: list[Assessment], state: UiState) -> None:
    lang = state.lang
    usable = [a for a in reversed(assessments) if known.get(a.questionnaire_id) is not None]
    if not usable:
        return
    with st.expander(t("orgs_reevaluate", lang), icon=":material/replay:"):
        st.caption(t("orgs_reevaluate_help", lang))
        by_id = {a.public_id: a for a in usable}
        chosen = st.selectbox(
            t("orgs_reevaluate_from", lang),
            options=list(by_id),
            format_func=lambda i: _label(known, by_id[i], lang),
            key="orgs.reevaluate.from",
        )
        if st.button(t("orgs_reevaluate_button", lang), type="primary", key="orgs.reevaluate.go"):
            previous = by_id[chosen]
            questionnaire = known.get(previous.questionnaire_id)
            assert questionnaire is not None
            try:
                new = reevaluate(state, previous, questionnaire)
            except NotFoundOrNotYours:
                st.error(t("not_saved_no_right", lang), icon=":material/error:")
                return
            params = {"questionnaire": questionnaire.id, "lang": lang, "assessment": new.public_id}
            st.switch_page(ANSWER, query_params=params)


def _record(actor: Actor, organization: Organization, lang: str) -> None:
    left, right = st.columns(2)
    left.download_button(
        t("orgs_export", lang),
        data=lambda: services().assessments.export_json(actor, organization),
        file_name=file_name(
            "organizacion" if lang == "es" else "organisation", organization.name, "json"
        ),
        mime="application/json",
        icon=":material/download:",
        key="orgs.export",
    )
    right.download_button(
        t("orgs_csv", lang),
        data=lambda: services().assessments.answers_csv(actor, organization).encode("utf-8"),
        file_name=file_name("respuestas" if lang == "es" else "answers", organization.name, "csv"),
        mime="text/csv",
        icon=":material/table:",
        key="orgs.csv",
    )


def _profile(actor: Actor, organization: Organization, lang: str) -> None:
    """The organisation's sector and size: the portfolio's filters and the benchmark's
    peer group (editors, owners and admins)."""
    with st.expander(t("orgs_profile", lang), icon=":material/domain:"):
        with st.form(f"orgs.profile.{organization.public_id}", border=False):
            sector = st.text_input(
                t("portfolio_col_sector", lang), value=organization.sector, max_chars=MAX_SECTOR,
                help=t("orgs_sector_help", lang),
            )  # fmt: skip
            options = ["", *SIZES]
            size = st.selectbox(
                t("orgs_size", lang), options=options, index=options.index(organization.size)
                if organization.size in options else 0,
                format_func=lambda s: s or t("orgs_size_unknown", lang),
            )  # fmt: skip
            saved = st.form_submit_button(t("orgs_profile_save", lang), icon=":material/save:")
        if saved:
            try:
                services().organizations.set_profile(actor, organization, sector, size)
            except NotFoundOrNotYours:
                st.error(t("not_found_or_not_yours", lang), icon=":material/block:")
                return
            done(t("orgs_profile_saved", lang))


def _new_organization(lang: str) -> None:
    with st.form("orgs.new", border=False, clear_on_submit=True):
        name = st.text_input(t("home_new_org", lang), max_chars=300, key="orgs.new.name")
        submitted = st.form_submit_button(t("home_create_org", lang), icon=":material/add:")
    if submitted and name.strip():
        try:
            created = services().organizations.create(current_actor(), name)
        except NotAllowed:
            st.error(t("not_found_or_not_yours", lang), icon=":material/block:")
            return
        st.query_params[ORG_PARAM] = created.public_id
        st.rerun()


def _import(known: Catalog, lang: str) -> None:
    upload = st.file_uploader(
        t("orgs_import", lang),
        type=["json"],
        key="orgs.import",
        max_upload_size=MAX_IMPORT_BYTES // (1024 * 1024),
    )
    if upload is None:
        return
    marker = f"{upload.name}:{upload.size}"
    if st.session_state.get("orgs.imported") == marker:
        return
    try:
        organization = services().assessments.import_organization(
            current_actor(), upload.getvalue(), upload.name, known
        )
    except InvalidInput as error:
        st.error(t("orgs_import_invalid", lang), icon=":material/error:")
        st.code("\n".join(str(p) for p in error.problems[:50]), language=None, wrap_lines=True)
        return
    except NotAllowed:
        st.error(t("not_found_or_not_yours", lang), icon=":material/block:")
        return
    st.session_state["orgs.imported"] = marker
    st.success(t("orgs_imported", lang, name=escape_md(organization.name)), icon=":material/check:")


def _sharing(actor: Actor, organization: Organization, lang: str) -> None:
    """Who has access, and (owners and admins) give, change or take it away."""
    members = services().organizations.members(actor, organization)
    st.dataframe(
        [{t("share_email", lang): a.email,  # a table shows text as it is
          t("share_access", lang): t(f"access_{level}", lang)} for a, level in members],
        hide_index=True, width="stretch",
    )  # fmt: skip
    with st.form("orgs.share", border=True, clear_on_submit=True):
        st.markdown(f"**{t('share_add', lang)}**")
        email = st.text_input(t("share_email", lang), max_chars=320, key="orgs.share.email")
        level = st.selectbox(
            t("share_access", lang), options=list(ACCESS_LEVELS), index=0,
            format_func=lambda a: t(f"access_{a}", lang), key="orgs.share.level",
        )  # fmt: skip
        submitted = st.form_submit_button(t("share_button", lang), icon=":material/share:")
    if submitted and email.strip():
        _share(organization, email, level, lang)
    others = [a for a, _ in members]
    if not others:
        return
    with st.container(horizontal=True, vertical_alignment="bottom"):
        gone = st.selectbox(
            t("share_remove_who", lang), options=[a.email for a in others],
            key="orgs.share.remove.who",
        )  # fmt: skip
        if st.button(
            t("share_remove", lang), key="orgs.share.remove", icon=":material/person_remove:"
        ):
            _share(organization, str(gone), None, lang)


def _share(organization: Organization, email: str, level: str | None, lang: str) -> None:
    try:
        services().organizations.share(current_actor(), organization, email, level)
    except AccountError:
        st.error(
            t("share_unknown", lang, email=plain_email(email.strip())), icon=":material/error:"
        )
        return
    except ValueError:
        st.error(t("share_last_owner", lang), icon=":material/error:")
        return
    except NotFoundOrNotYours:
        st.error(t("not_found_or_not_yours", lang), icon=":material/block:")
        return
    message = "share_removed" if level is None else "share_done"
    done(t(message, lang, email=plain_email(email.strip())))


def _delete(actor: Actor, organization: Organization, assessments: list[Assessment],
            known: Catalog, lang: str) -> None:  # fmt: skip
    """Delete an assessment or the whole organisation, each after a confirmation that
    names what goes."""
    with st.expander(t("delete_title", lang), icon=":material/delete:"):
        if assessments:
            by_id = {a.public_id: a for a in reversed(assessments)}
            chosen = st.selectbox(
                t("delete_assessment_which", lang), options=list(by_id),
                format_func=lambda i: _label(known, by_id[i], lang), key="orgs.delete.which",
            )  # fmt: skip
            what = _label(known, by_id[chosen], lang)
            with st.popover(t("delete_assessment", lang), icon=":material/delete:"):
                st.markdown(escape_md(t("delete_assessment_confirm", lang, what=what)))
                if st.button(t("delete_for_good", lang), type="primary", key="orgs.delete.a"):
                    services().organizations.delete_assessment(current_actor(), by_id[chosen])
                    done(t("deleted", lang, what=escape_md(what)))
        with st.popover(t("delete_organization", lang, name=organization.name),
                        icon=":material/delete_forever:"):  # fmt: skip
            text = tn("delete_organization_confirm", len(assessments), lang,
                      name=organization.name)  # fmt: skip
            st.markdown(escape_md(text))
            if st.button(t("delete_for_good", lang), type="primary", key="orgs.delete.org"):
                services().organizations.delete(current_actor(), organization)
                st.query_params.pop(ORG_PARAM, None)
                get_state().viewed_organization = None
                done(t("deleted", lang, what=escape_md(organization.name)))


def _chosen(visible: list[tuple[Organization, str]], lang: str) -> tuple[Organization, str]:
    """The organisation of ``?org=`` (if this account may see it), else the one answers
    are saved in, else the first. (The address names it once it is picked: writing the
    default into it would make a second history entry for one visit.)"""
    by_id = {o.public_id: (o, level) for o, level in visible}
    wanted = st.query_params.get(ORG_PARAM, "")
    fallback = get_state().organization_id
    selected = wanted if wanted in by_id else fallback if fallback in by_id else next(iter(by_id))
    picked = st.selectbox(
        t("orgs_choose", lang),
        options=list(by_id),
        index=list(by_id).index(selected),
        format_func=lambda i: f"{by_id[i][0].name} · {t(f'access_{by_id[i][1]}', lang)}",
        key=f"{ORG_KEY}.{selected}",
    )
    get_state().viewed_organization = picked  # the navigation's link comes back to it
    if picked != selected:
        st.query_params[ORG_PARAM] = picked
        st.rerun()
    if wanted and wanted != picked:  # a link to one this account may not see
        st.query_params[ORG_PARAM] = picked
    return by_id[picked]


def render() -> None:
    state = get_state()
    lang = state.lang
    page_header(t("orgs_title", lang))
    actor = signed_in_or_invite("orgs_sign_in")
    if actor is None:
        return
    known = catalog()
    if actor.creates_organizations:
        with st.expander(t("orgs_new_or_import", lang), icon=":material/add_business:"):
            _new_organization(lang)
            st.divider()
            _import(known, lang)
    visible = services().organizations.visible(actor)
    if not visible:
        st.info(t("orgs_none_yours", lang), icon=":material/info:")
        return
    organization, level = _chosen(visible, lang)
    views = ["history", "compare"] + (["sharing"] if grants(level, Action.SHARE) else [])
    view = st.segmented_control(
        t("orgs_view", lang),
        options=views,
        default="history",
        format_func=lambda v: t(f"orgs_view_{v}", lang),
        key=f"orgs.view.{len(views)}",  # one widget per set of views (rights differ)
        label_visibility="collapsed",
        required=True,
    )
    if view == "compare":
        compare_view(known, actor, organization, lang)
        return
    if view == "sharing":
        _sharing(actor, organization, lang)
        return
    assessments = _history(actor, organization, state)
    _review(assessments, lang)
    kpi_trend(actor, organization, lang)
    if grants(level, Action.WRITE):
        _reevaluation(known, assessments, state)
        _profile(actor, organization, lang)
    _record(actor, organization, lang)
    if grants(level, Action.DELETE):
        _delete(actor, organization, assessments, known, lang)


render()
