"""The capability grid: one category at a time, each capability rated today and ideal."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from cxmaturity.i18n import t
from cxmaturity.model import NOT_APPLICABLE, Capability, Category, Grid, Rating
from cxmaturity.ui.autosave import autosave_item
from cxmaturity.ui.components.save_status import save_status
from cxmaturity.ui.errors import guarded
from cxmaturity.ui.shell import links_follow
from cxmaturity.ui.state import QuestionnaireState, UiState, get_state, widget_key
from cxmaturity.ui.text import escape_md

STATES = ("current", "ideal")
GRID_FRAGMENT = "cxmaturity-grid"  # the key of the grid's fragment (st.rerun by key)


@dataclass(frozen=True)
class _Around:
    """What a click in one capability's card can change outside the card."""

    done: bool  # the progress bar and the categories' marks count it
    conflicts: frozenset[str]  # listed above the grid (save_status)
    unsaved: frozenset[str]  # listed above the grid and in the page's caption
    notice: str | None  # the page's notice (no right, workshop closed)
    links_behind: bool  # the navigation lacks the assessment the click created


def _around(questionnaire_id: str, capability_id: str) -> _Around:
    state = get_state()
    qstate = state.of(questionnaire_id)
    return _Around(
        done=qstate.rating(capability_id).done,
        conflicts=frozenset(qstate.conflicts),
        unsaved=frozenset(qstate.unsaved),
        notice=state.save_notice,
        links_behind=state.links_behind,
    )


def _rerun_what_changed(before: _Around, after: _Around) -> None:
    """A click reruns its own card (the card's fragment, Streamlit's default) when
    nothing outside the card changed; the whole grid when its progress or a conflict
    did; the whole page when the save state did (its caption and notices are drawn
    above the grid) or the click created the assessment (the navigation's links)."""
    if before == after:
        return
    if after.unsaved or before.unsaved or after.notice != before.notice or after.links_behind:
        st.rerun()
    st.rerun(GRID_FRAGMENT)


def _store_level(
    questionnaire_id: str, capability_id: str, part: str, key: str, in_card: bool
) -> None:
    before = _around(questionnaire_id, capability_id)
    rating = get_state().of(questionnaire_id).rating(capability_id)
    value = st.session_state.get(key)
    setattr(rating, part, value)
    if part == "current" and value == NOT_APPLICABLE:
        rating.ideal = None
    autosave_item(questionnaire_id, capability_id)
    if in_card:
        _rerun_what_changed(before, _around(questionnaire_id, capability_id))


def _store_note(questionnaire_id: str, capability_id: str, key: str, in_card: bool) -> None:
    before = _around(questionnaire_id, capability_id)
    note = str(st.session_state.get(key) or "")
    get_state().of(questionnaire_id).rating(capability_id).note = note[:5000]
    autosave_item(questionnaire_id, capability_id)
    if in_card:
        _rerun_what_changed(before, _around(questionnaire_id, capability_id))


def _category_progress(category: Category, qstate: QuestionnaireState) -> tuple[int, int]:
    done = sum(1 for c in category.capabilities if qstate.rating(c.id).done)
    return done, len(category.capabilities)


def category_key(grid_id: str) -> str:
    """The key of the grid's category chooser."""
    return f"{grid_id}.category"


def _shown_category(grid: Grid, state: UiState, progress: dict[str, tuple[int, int]]) -> Category:
    """The category this session shows: the one chosen last, else the first with a
    capability not rated yet (``progress``: rated and count by category; a grid opened
    again goes on where it stopped)."""
    chosen = state.shown_categories.get(grid.id)
    found = next((c for c in grid.categories if c.id == chosen), None)
    if found is None:
        found = next(
            (c for c in grid.categories if progress[c.id][0] < progress[c.id][1]),
            grid.categories[0],
        )
        state.shown_categories[grid.id] = found.id
    return found


def _choose_category(grid_id: str) -> None:
    """The chooser's on_change: show the category picked. (A click on the one shown
    leaves none picked: the run then shows it still.)"""
    picked = st.session_state.get(category_key(grid_id))
    if picked is not None:
        get_state().shown_categories[grid_id] = picked


def _next_category(grid_id: str, category_id: str) -> None:
    get_state().shown_categories[grid_id] = category_id


@st.fragment(key=GRID_FRAGMENT)
@guarded
def grid_form(grid: Grid, state: UiState, lang: str) -> None:
    """Overall progress, a chooser of the categories with each one's progress, and the
    capabilities of the category chosen, with a button on to the next one.

    A fragment, and each capability's card a fragment within it: a rating reruns its
    card only, unless it changed what is drawn around the card (see
    :func:`_rerun_what_changed`). Only the chosen category is drawn; the answers of the
    other categories live in the session's state, not in their widgets.
    """
    links_follow(grid)
    save_status(grid, state, lang)
    qstate = state.of(grid.id)
    done, total = qstate.answered(grid), grid.item_count()
    st.progress(done / total, text=t("rated_progress", state.lang, done=done, total=total))
    progress = {c.id: _category_progress(c, qstate) for c in grid.categories}
    shown = _shown_category(grid, state, progress)
    names = {c.id: escape_md(c.name.get(lang)) for c in grid.categories}
    key = category_key(grid.id)
    st.session_state[key] = shown.id  # the session's state decides; the chooser shows it
    st.segmented_control(
        t("grid_categories", state.lang),
        options=list(names),
        format_func=lambda cid: _progress_label(names[cid], *progress[cid]),
        key=key,
        on_change=_choose_category,
        args=(grid.id,),
        width="stretch",
    )
    _category(grid, shown, lang, state.lang, read_only=grid.id in state.read_only)
    following = grid.categories.index(shown) + 1
    if following < len(grid.categories):
        after = grid.categories[following]
        st.button(
            t("next_category", state.lang, name=names[after.id]),
            key=f"{grid.id}.next-category",
            icon=":material/arrow_forward:",
            on_click=_next_category,
            args=(grid.id, after.id),
        )


def _progress_label(name: str, rated: int, count: int) -> str:
    """A category's name with its progress: "✓ Name" once every capability is rated,
    else "Name · 2/5" (a mark or a count, never colour alone)."""
    return f"✓ {name}" if rated == count else f"{name} · {rated}/{count}"


def levels_list(
    grid: Grid,
    capability: Capability,
    rating: Rating,
    lang: str,
    ui_lang: str,
    *,
    with_labels: bool = False,
) -> str:
    """What each level means for this capability, read without hovering: one line
    per level with the capability's own text where the questionnaire has one (and the
    grid's label before it, ``with_labels``; the label alone where there is no text),
    the levels chosen for today and the ideal marked in words; with the labels, N/A
    too. One escaped markdown text."""
    lines = []
    for level in grid.levels:
        own = capability.level_text(level.value, lang)
        label = level.label.get(lang)
        text = (f"{label}: {own}" if with_labels else own) if own else label
        marks = [t(f"{part}_state", ui_lang) for part in STATES
                 if getattr(rating, part) == level.value]  # fmt: skip
        line = f"**{level.value}** · {escape_md(text)}"
        if marks:
            line = f"**{level.value} · {escape_md(text)} ← {' · '.join(marks)}**"
        lines.append(line)
    if with_labels and grid.not_applicable:
        lines.append(f"**{t('not_applicable_short', ui_lang)}** · {t('not_applicable', ui_lang)}")
    return "  \n".join(lines)


def _levels_text(grid: Grid, lang: str, ui_lang: str) -> str:
    """The grid's levels with their labels on one line each (what "1" to "4" mean
    everywhere in the grid), as one escaped markdown text."""
    lines = [f"*{t('levels_help', ui_lang)}*"]
    lines += [f"**{level.value}** · {escape_md(level.label.get(lang))}" for level in grid.levels]
    return "  \n".join(lines)


def _category(
    grid: Grid,
    category: Category,
    lang: str,
    ui_lang: str,
    *,
    read_only: bool = False,
) -> None:
    # Name, guiding question and (on demand, behind the "?") the level descriptions
    # in one element: every rerun draws it.
    heading = f"### {escape_md(category.name.get(lang))}"
    if category.question is not None:
        heading += f"\n\n*{escape_md(category.question.get(lang))}*"
    st.markdown(heading, anchors=False)
    st.caption(_levels_text(grid, lang, ui_lang))
    for capability in category.capabilities:
        _capability_card(grid, capability, lang, ui_lang, read_only)


@st.fragment
@guarded
def _capability_card(
    grid: Grid, capability: Capability, lang: str, ui_lang: str, read_only: bool
) -> None:
    """One capability's card, rerun on its own by a click in it (the state is read
    afresh: a fragment's rerun gets the arguments of the grid's last run)."""
    state = get_state()
    previous = state.previous.get(grid.id)
    earlier = previous.rating(capability.id) if previous is not None else None
    capability_row(grid, capability, state.of(grid.id), lang=lang, ui_lang=ui_lang,
                   earlier=earlier, read_only=read_only, in_card=True)  # fmt: skip


def capability_row(
    grid: Grid,
    capability: Capability,
    qstate: QuestionnaireState,
    *,
    lang: str,
    ui_lang: str,
    earlier: Rating | None = None,
    read_only: bool = False,
    wide: bool = False,
    in_card: bool = False,
) -> None:
    """One capability: today, ideal and a note. ``wide`` (one item a screen, on a
    phone): every control the width of the screen, for large tap targets, and the
    description left to the caller to show as text. ``in_card``: drawn by the card's
    own fragment (a click reruns the card, or what else it changed)."""
    rating = qstate.rating(capability.id)
    options: list[int | str] = [lv.value for lv in grid.levels]
    if grid.not_applicable:
        options.append(NOT_APPLICABLE)
    labels = {NOT_APPLICABLE: t("not_applicable_short", ui_lang)}
    if wide:
        _controls(grid, capability, qstate, options=options, labels=labels, lang=lang,
                  ui_lang=ui_lang, read_only=read_only, wide=True, in_card=in_card)  # fmt: skip
        _earlier(earlier, labels, ui_lang)
        return
    # One bordered card per capability: its name and description, then today, ideal
    # and the note in one row (each control labelled alike, so that they line up from
    # card to card; wrapped on a phone), then what each level means here.
    with st.container(border=True):
        name = f"**{escape_md(capability.name.get(lang))}**"
        if capability.description is not None:
            name += f" · {escape_md(capability.description.get(lang))}"
        st.markdown(name)
        with st.container(horizontal=True, vertical_alignment="bottom", gap="medium"):
            _controls(grid, capability, qstate, options=options, labels=labels, lang=lang,
                      ui_lang=ui_lang, read_only=read_only, wide=False,
                      in_card=in_card)  # fmt: skip
        st.caption(levels_list(grid, capability, rating, lang, ui_lang))
        _earlier(earlier, labels, ui_lang)


def _earlier(earlier: Rating | None, labels: dict[object, str], ui_lang: str) -> None:
    if earlier is not None:  # a re-evaluation: last round's rating beside the item
        shown = {k: labels.get(v, str(v)) if v is not None else "–" for k, v in
                 (("current", earlier.current), ("ideal", earlier.ideal))}  # fmt: skip
        st.caption(escape_md(t("previous_rating", ui_lang, **shown)), width="content")


def _controls(
    grid: Grid,
    capability: Capability,
    qstate: QuestionnaireState,
    *,
    options: list[int | str],
    labels: dict[object, str],
    lang: str,
    ui_lang: str,
    read_only: bool,
    wide: bool,
    in_card: bool,
) -> None:
    """Today's and the ideal's level buttons and the note."""
    rating = qstate.rating(capability.id)
    labels_of = {"current": t("current_state", ui_lang), "ideal": t("ideal_state", ui_lang)}
    if wide:  # the one-item screen names the capability above; the labels say which
        labels_of["current"] = (
            f"**{escape_md(capability.name.get(lang))}** · " + labels_of["current"]
        )
    for part in STATES:
        key = widget_key(grid.id, capability.id, part, lang, qstate.revision)
        st.segmented_control(
            labels_of[part],
            options=options if part == "current" else options[: len(grid.levels)],
            default=getattr(rating, part),
            format_func=lambda v, labels=labels: labels.get(v, str(v)),
            key=key,
            width="stretch" if wide else "content",
            disabled=read_only or (part == "ideal" and rating.not_applicable),
            on_change=_store_level,
            args=(grid.id, capability.id, part, key, in_card),
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
        width="stretch" if wide else 320,  # 320: wraps onto its own line on a phone
        disabled=read_only,
        on_change=_store_note,
        args=(grid.id, capability.id, key, in_card),
    )
