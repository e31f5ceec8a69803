"""The capability grid: one category at a time, each capability rated today and ideal."""

from __future__ import annotations

import streamlit as st

from cxmaturity.i18n import t
from cxmaturity.model import NOT_APPLICABLE, Capability, Category, Grid
from cxmaturity.ui.state import QuestionnaireState, UiState, get_state, widget_key
from cxmaturity.ui.text import escape_md

STATES = ("current", "ideal")


def _store_level(questionnaire_id: str, capability_id: str, part: str, key: str) -> None:
    rating = get_state().of(questionnaire_id).rating(capability_id)
    value = st.session_state.get(key)
    setattr(rating, part, value)
    if part == "current" and value == NOT_APPLICABLE:
        rating.ideal = None


def _store_note(questionnaire_id: str, capability_id: str, key: str) -> None:
    note = str(st.session_state.get(key) or "")
    get_state().of(questionnaire_id).rating(capability_id).note = note[:5000]


def _store_category(questionnaire_id: str, key: str) -> None:
    chosen = st.session_state.get(key)
    if chosen:
        get_state().of(questionnaire_id).category = chosen


def _category_progress(category: Category, qstate: QuestionnaireState) -> tuple[int, int]:
    done = sum(1 for c in category.capabilities if qstate.rating(c.id).done)
    return done, len(category.capabilities)


def grid_form(grid: Grid, state: UiState, lang: str) -> None:
    """Overall progress, the category picker, and the selected category's capabilities."""
    qstate = state.of(grid.id)
    done, total = qstate.answered(grid), grid.item_count()
    st.progress(done / total, text=t("rated_progress", state.lang, done=done, total=total))
    ids = [c.id for c in grid.categories]
    if qstate.category not in ids:
        qstate.category = ids[0]
    key = widget_key(grid.id, "category", lang=lang)
    names = {c.id: c.name.get(lang) for c in grid.categories}
    progress = {c.id: _category_progress(c, qstate) for c in grid.categories}
    st.segmented_control(
        t("category", state.lang),
        options=ids,
        default=qstate.category,
        format_func=lambda cid: f"{names[cid]} · {progress[cid][0]}/{progress[cid][1]}",
        key=key,
        required=True,
        on_change=_store_category,
        args=(grid.id, key),
    )
    category = grid.categories[ids.index(qstate.category)]
    _category(grid, category, qstate, lang, state.lang)
    _pager(grid, ids, qstate, state.lang)


def _category(
    grid: Grid, category: Category, qstate: QuestionnaireState, lang: str, ui_lang: str
) -> None:
    st.subheader(escape_md(category.name.get(lang)), anchor=False)
    if category.question is not None:
        st.markdown(f"*{escape_md(category.question.get(lang))}*")
    with st.popover(t("levels_title", ui_lang), icon=":material/info:"):
        st.caption(t("levels_help", ui_lang))
        for level in grid.levels:
            st.markdown(f"**{level.value} · {escape_md(level.label.get(lang))}**")
            if level.description is not None:
                st.caption(escape_md(level.description.get(lang)))
    levels_help = "\n\n".join(f"{lv.value}: {escape_md(lv.label.get(lang))}" for lv in grid.levels)
    for capability in category.capabilities:
        _capability(grid, capability, qstate, lang=lang, ui_lang=ui_lang, levels_help=levels_help)


def _capability(
    grid: Grid,
    capability: Capability,
    qstate: QuestionnaireState,
    *,
    lang: str,
    ui_lang: str,
    levels_help: str,
) -> None:
    rating = qstate.rating(capability.id)
    options: list[int | str] = [lv.value for lv in grid.levels]
    if grid.not_applicable:
        options.append(NOT_APPLICABLE)
    labels = {NOT_APPLICABLE: t("not_applicable_short", ui_lang)}
    with st.container(border=True):
        description = capability.description.get(lang) if capability.description else None
        st.markdown(
            f"**{escape_md(capability.name.get(lang))}**",
            help=escape_md(description) if description else None,
        )
        columns = st.columns(2)
        for column, part in zip(columns, STATES, strict=True):
            key = widget_key(grid.id, capability.id, part, lang)
            column.segmented_control(
                t(f"{part}_state", ui_lang),
                options=options if part == "current" else options[: len(grid.levels)],
                default=getattr(rating, part),
                format_func=lambda v, labels=labels: labels.get(v, str(v)),
                key=key,
                help=levels_help,
                disabled=part == "ideal" and rating.not_applicable,
                on_change=_store_level,
                args=(grid.id, capability.id, part, key),
            )
        if rating.not_applicable:
            st.caption(t("na_blocks_ideal", ui_lang))
        key = widget_key(grid.id, capability.id, "note", lang)
        st.text_input(
            t("note", ui_lang),
            value=rating.note,
            key=key,
            max_chars=5000,
            placeholder=t("note_placeholder", ui_lang),
            label_visibility="collapsed",
            on_change=_store_note,
            args=(grid.id, capability.id, key),
        )


def _go(questionnaire_id: str, category_id: str) -> None:
    get_state().of(questionnaire_id).category = category_id


def _pager(grid: Grid, ids: list[str], qstate: QuestionnaireState, ui_lang: str) -> None:
    index = ids.index(qstate.category or ids[0])
    back, forward = st.columns(2)
    if index > 0:
        back.button(
            t("previous_category", ui_lang),
            icon=":material/arrow_back:",
            on_click=_go,
            args=(grid.id, ids[index - 1]),
            key=widget_key(grid.id, "previous"),
        )
    if index < len(ids) - 1:
        forward.button(
            t("next_category", ui_lang),
            icon=":material/arrow_forward:",
            on_click=_go,
            args=(grid.id, ids[index + 1]),
            key=widget_key(grid.id, "next"),
            type="primary",
        )
