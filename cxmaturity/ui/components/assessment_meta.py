"""An assessment's KPI values and its draft/final status, on the Results page.

Each field is saved on its own, only when it changed, and only if it still holds what
the form started from: a value another screen saved meanwhile is not overwritten; the
person sees it and keeps theirs or takes it. Fields the person has not changed follow
what is stored. A database that fails leaves the changes marked unsaved, tried again
on every run of the page and with "Try again now".
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import streamlit as st

from cxmaturity.i18n import kpi_help, kpi_label, number, t, tn
from cxmaturity.model import KpiCatalogue, Questionnaire
from cxmaturity.records import Assessment
from cxmaturity.services.access import NotFoundOrNotYours
from cxmaturity.services.assessments import FINAL_FIELD
from cxmaturity.services.errors import StorageUnavailable
from cxmaturity.ui.auth import current_actor, page_actor
from cxmaturity.ui.backend import services
from cxmaturity.ui.errors import guarded
from cxmaturity.ui.restore import bound
from cxmaturity.ui.state import UiState
from cxmaturity.ui.text import escape_md

Value = float | bool | None


@dataclass
class DetailsForm:
    """One assessment's form: what is stored as the form last saw it (the base of each
    change), changes waiting for the database, and fields another screen changed."""

    base: dict[str, Value]
    unsaved: dict[str, Value] = field(default_factory=dict)
    conflicts: dict[str, tuple[Value, Value]] = field(default_factory=dict)  # mine, theirs
    denied: bool = False  # the last save was refused (the right was taken away)


def _widget(assessment: Assessment, name: str) -> str:
    return f"kpi.{assessment.public_id}.{name}"


def _form(assessment: Assessment, stored: dict[str, Value]) -> DetailsForm:
    """The form's memory, and fields nobody touched here brought up to what is stored."""
    key = f"kpi.form.{assessment.public_id}"
    form = st.session_state.get(key)
    if not isinstance(form, DetailsForm):
        form = DetailsForm(base=dict(stored))
        st.session_state[key] = form
    for name, value in stored.items():  # every KPI of the catalogue, and the final flag
        widget = _widget(assessment, name)
        base = form.base.get(name)
        untouched = widget not in st.session_state or st.session_state[widget] == base
        if value != base and untouched and name not in form.unsaved:
            form.base[name] = value
            if widget in st.session_state:
                st.session_state[widget] = value
    return form


def _save(assessment: Assessment, form: DetailsForm, changes: dict[str, Value]) -> None:
    """Store ``changes``; what the database does not take stays unsaved, what another
    screen changed meanwhile becomes a conflict."""
    try:
        theirs = services().assessments.change_details(
            current_actor(), assessment, changes, form.base
        )
    except StorageUnavailable:
        form.unsaved.update(changes)
        return
    except NotFoundOrNotYours:
        form.denied, form.unsaved = True, {}
        return
    form.denied = False
    for name, value in changes.items():
        form.unsaved.pop(name, None)
        if name in theirs:
            form.conflicts[name] = (value, theirs[name])
        else:
            form.base[name] = value
            form.conflicts.pop(name, None)


def _keep_mine(assessment: Assessment, form: DetailsForm, name: str) -> None:
    mine, theirs = form.conflicts.pop(name)
    form.base[name] = theirs
    _save(assessment, form, {name: mine})


def _take_theirs(assessment: Assessment, form: DetailsForm, name: str) -> None:
    _, theirs = form.conflicts.pop(name)
    form.base[name] = theirs
    st.session_state[_widget(assessment, name)] = theirs


def _shown(name: str, value: Value, lang: str) -> str:
    if name == FINAL_FIELD:
        return t("kpi_final_yes" if value else "kpi_final_no", lang)
    return "–" if value is None else number(float(value), lang)


def _status(assessment: Assessment, form: DetailsForm, lang: str) -> None:
    if form.unsaved:
        _save(assessment, form, dict(form.unsaved))  # tried again on every run
    if form.denied:
        st.error(t("not_saved_no_right", lang), icon=":material/error:")
    if form.unsaved:
        st.warning(tn("kpi_unsaved", len(form.unsaved), lang), icon=":material/sync_problem:")
        st.button(t("autosave_retry", lang), key=f"kpi.retry.{assessment.public_id}",
                  icon=":material/refresh:")  # fmt: skip
    kpis = services().assessments.kpi_catalogue()
    for name, (_, theirs) in list(form.conflicts.items()):
        kpi = kpis.get(name) if kpis is not None else None
        label = kpi.name.get(lang) if kpi is not None else t("kpi_final", lang)
        text = t("autosave_conflict", lang, item=label, theirs=_shown(name, theirs, lang))
        st.warning(escape_md(text), icon=":material/merge:")
        with st.container(horizontal=True):
            st.button(t("autosave_keep_mine", lang), key=f"kpi.mine.{assessment.public_id}.{name}",
                      on_click=_keep_mine, args=(assessment, form, name))  # fmt: skip
            st.button(t("autosave_take_theirs", lang),
                      key=f"kpi.theirs.{assessment.public_id}.{name}",
                      on_click=_take_theirs, args=(assessment, form, name))  # fmt: skip


KPI_COLUMNS = 3


def _kpi_inputs(
    assessment: Assessment, form: DetailsForm, kpis: KpiCatalogue, lang: str, read_only: bool
) -> dict[str, Value]:
    """One number input per KPI of the catalogue, business then operational, each with
    its unit and valid range in the label and its definition as help."""
    values: dict[str, Value] = {}
    for group in ("business", "operational"):
        members = [k for k in kpis.kpis if k.group == group]
        if not members:
            continue
        st.markdown(f"**{t(f'kpi_group_{group}', lang)}**")
        for start in range(0, len(members), KPI_COLUMNS):
            row = members[start : start + KPI_COLUMNS]
            for column, kpi in zip(st.columns(KPI_COLUMNS), row, strict=False):
                widget = _widget(assessment, kpi.id)
                values[kpi.id] = column.number_input(
                    kpi_label(kpi, lang), min_value=kpi.min, max_value=kpi.max,
                    value=None if widget in st.session_state else form.base.get(kpi.id),
                    placeholder="–", key=widget, disabled=read_only, help=kpi_help(kpi, lang),
                )  # fmt: skip
    return values


def assessment_meta(state: UiState, questionnaire: Questionnaire) -> Callable[[], None] | None:
    """The KPI form and what is not saved of it; returns what draws the draft/final
    switch, for the page to place in sight. Nothing (None) unless this session's
    answers are saved in an assessment."""
    assessment = bound(state, questionnaire)
    if assessment is None:
        return None
    lang = state.lang
    read_only = questionnaire.id in state.read_only
    stored = services().assessments.details_of(page_actor(), assessment)
    form = _form(assessment, stored)
    if not read_only:
        _status(assessment, form, lang)
    _kpi_form(assessment, form, lang, read_only)
    return lambda: _final_switch(assessment, form, lang, read_only)


def _final_switch(assessment: Assessment, form: DetailsForm, lang: str, read_only: bool) -> None:
    """Draft or final, in sight (where the page puts it): saved as soon as switched."""
    widget = _widget(assessment, FINAL_FIELD)
    st.toggle(
        t("kpi_final", lang),
        key=widget,
        disabled=read_only,
        value=False if widget in st.session_state else bool(form.base[FINAL_FIELD]),
        help=t("kpi_final_help", lang),
        on_change=_final_switched,
        args=(assessment, form),
    )


def kpi_form_key(assessment: Assessment) -> str:
    """The key of the KPI form's expander (its value: open or not)."""
    return f"kpi.open.{assessment.public_id}"


@st.fragment
@guarded
def _kpi_form(assessment: Assessment, form: DetailsForm, lang: str, read_only: bool) -> None:
    """The round's KPI values, behind an expander, saved together. The form is drawn
    only while the expander is open (its 13 inputs cost a Results page a fifth of its
    load); a fragment: opening it reruns the form, not the page. It opens by itself
    while something of it is unsaved or in conflict."""
    key = kpi_form_key(assessment)
    if form.unsaved or form.conflicts:
        st.session_state[key] = True
    box = st.expander(t("kpi_title", lang), icon=":material/monitoring:", key=key,
                      on_change="rerun")  # fmt: skip
    if not box.open:
        return
    with box:
        st.caption(t("kpi_help", lang))
        kpis = services().assessments.kpi_catalogue()
        if kpis is None:
            st.warning(t("kpi_catalogue_broken", lang), icon=":material/error:")
            return
        with st.form(f"kpis.{assessment.public_id}", border=False):
            values = _kpi_inputs(assessment, form, kpis, lang, read_only)
            submitted = st.form_submit_button(t("kpi_save", lang), disabled=read_only)
        if not submitted:
            return
        changes = {
            n: v for n, v in values.items() if v != form.base.get(n) and n not in form.conflicts
        }
        if not changes:
            st.info(t("kpi_nothing_changed", lang), icon=":material/info:")
            return
        _save(assessment, form, changes)
        if form.unsaved or form.conflicts or form.denied:
            st.rerun()  # the status above the form says what is not stored
        st.success(t("kpi_saved", lang), icon=":material/check:")


def _final_switched(assessment: Assessment, form: DetailsForm) -> None:
    """The draft/final switch's on_change: store it (unless it is in conflict: the
    status above says so and offers both)."""
    value = bool(st.session_state.get(_widget(assessment, FINAL_FIELD)))
    if FINAL_FIELD not in form.conflicts and value != form.base.get(FINAL_FIELD):
        _save(assessment, form, {FINAL_FIELD: value})
