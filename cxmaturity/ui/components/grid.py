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


@st.fragment
def grid_form(grid: Grid, state: UiState, lang: str) -> None:
    """Overall progress, the category picker, and the selected category's capabilities.

    A fragment: a rating reruns the grid, not the whole page.
    """
    qstate = state.of(grid.id)
    done, total = qstate.answered(grid), grid.item_count()
    st.progress(done / total, text=t("rated_progress", state.lang, done=done, total=total))
    ids = [c.id for c in grid.categories]
    if qstate.category not in ids:
        qstate.category = ids[0]
    key = widget_key(grid.id, "category", lang=lang, revision=qstate.revision)
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


def _levels_text(grid: Grid, lang: str, ui_lang: str) -> str:
    """The levels with their descriptions, as one markdown text (one element)."""
    lines = [f"*{t('levels_help', ui_lang)}*"]
    for level in grid.levels:
        lines.append(f"**{level.value} · {escape_md(level.label.get(lang))}**")
        if level.description is not None:
            lines.append(escape_md(level.description.get(lang)))
    return "\n\n".join(lines)


def _category(
    grid: Grid, category: Category, qstate: QuestionnaireState, lang: str, ui_lang: str
) -> None:
    heading = f"### {escape_md(category.name.get(lang))}"
    if category.question is not None:  # one element for both: every rerun draws it
        heading += f"\n\n*{escape_md(category.question.get(lang))}*"
    st.markdown(heading, anchors=False)
    with st.popover(t("levels_title", ui_lang), icon=":material/info:"):
        st.markdown(_levels_text(grid, lang, ui_lang))
    for capability in category.capabilities:
        _capability(grid, capability, qstate, lang=lang, ui_lang=ui_lang)


def _capability(
    grid: Grid,
    capability: Capability,
    qstate: QuestionnaireState,
    *,
    lang: str,
    ui_lang: str,
) -> None:
    rating = qstate.rating(capability.id)
    options: list[int | str] = [lv.value for lv in grid.levels]
    if grid.not_applicable:
        options.append(NOT_APPLICABLE)
    labels = {NOT_APPLICABLE: t("not_applicable_short", ui_lang)}
    # One bordered, wrapping flex row per capability: name, today, ideal and note on
    # one line on a laptop or projector, wrapped onto several lines on a phone. (A row
    # rather than columns also keeps every rerun cheap: fewer layout blocks.)
    with st.container(border=True, horizontal=True, vertical_alignment="bottom", gap="medium"):
        description = capability.description.get(lang) if capability.description else None
        name = escape_md(capability.name.get(lang))
        labels_of = {
            "current": f"**{name}** · {t('current_state', ui_lang)}",
            "ideal": t("ideal_state", ui_lang),
        }
        for part in STATES:
            key = widget_key(grid.id, capability.id, part, lang, qstate.revision)
            st.segmented_control(
                labels_of[part],
                options=options if part == "current" else options[: len(grid.levels)],
                default=getattr(rating, part),
                format_func=lambda v, labels=labels: labels.get(v, str(v)),
                key=key,
                help=escape_md(description) if description and part == "current" else None,
                disabled=part == "ideal" and rating.not_applicable,
                on_change=_store_level,
                args=(grid.id, capability.id, part, key),
            )
        key = widget_key(grid.id, capability.id, "note", lang, qstate.revision)
        placeholder = "na_blocks_ideal" if rating.not_applicable else "note_placeholder"
        st.text_input(
            t("note", ui_lang),
            value=rating.note,
            key=key,
            max_chars=5000,
            placeholder=t(placeholder, ui_lang),
            label_visibility="collapsed",
            width=320,  # wide enough to wrap onto its own line on a phone
            on_change=_store_note,
            args=(grid.id, capability.id, key),
        )


def _go(questionnaire_id: str, category_id: str) -> None:
    get_state().of(questionnaire_id).category = category_id


def _pager(grid: Grid, ids: list[str], qstate: QuestionnaireState, ui_lang: str) -> None:
    index = ids.index(qstate.category or ids[0])
    row = st.container(horizontal=True, horizontal_alignment="distribute")
    if index > 0:
        row.button(
            t("previous_category", ui_lang),
            icon=":material/arrow_back:",
            on_click=_go,
            args=(grid.id, ids[index - 1]),
            key=widget_key(grid.id, "previous"),
        )
    if index < len(ids) - 1:
        row.button(
            t("next_category", ui_lang),
            icon=":material/arrow_forward:",
            on_click=_go,
            args=(grid.id, ids[index + 1]),
            key=widget_key(grid.id, "next"),
            type="primary",
        )
