"""The capability grid one item a screen, for a workshop participant on a phone: the
capability, what its levels mean, today and ideal as large buttons, a note, and
"previous" / "next". The item shown is in the address (``?item=<capability id>``), so a
reload continues at the same item; "done" shows the person's own ratings, from which
any item can be opened again while the workshop is open."""

from __future__ import annotations

import streamlit as st

from cxmaturity.i18n import t
from cxmaturity.model import Grid
from cxmaturity.ui.components.grid import capability_row, levels_list
from cxmaturity.ui.components.save_status import save_status
from cxmaturity.ui.errors import guarded
from cxmaturity.ui.shell import links_follow
from cxmaturity.ui.state import QuestionnaireState, RatingState, UiState
from cxmaturity.ui.text import escape_md

ITEM_PARAM = "item"
DONE = "done"  # the item parameter of the screen after the last item


def _go(item: str) -> None:
    st.query_params[ITEM_PARAM] = item


def _first_open(grid: Grid, qstate: QuestionnaireState) -> str:
    """Where a person who has not chosen an item starts: the first item not yet rated
    (everything rated: the overview)."""
    return next((c.id for _, c in grid.capabilities() if not qstate.rating(c.id).done), DONE)


@st.fragment
@guarded
def grid_steps(grid: Grid, state: UiState, lang: str) -> None:
    """One capability a screen (a fragment: a tap reruns this, not the page)."""
    links_follow(grid)
    save_status(grid, state, lang)
    qstate = state.of(grid.id)
    items = list(grid.capabilities())
    ids = [c.id for _, c in items]
    wanted = st.query_params.get(ITEM_PARAM)
    shown = wanted if wanted in ids or wanted == DONE else _first_open(grid, qstate)
    if wanted != shown:  # pinned: rating this item does not move the screen on
        st.query_params[ITEM_PARAM] = shown
    done, total = qstate.answered(grid), grid.item_count()
    st.progress(done / total, text=t("rated_progress", state.lang, done=done, total=total))
    if shown == DONE:
        _overview(grid, qstate, lang, state.lang)
        return
    index = ids.index(shown)
    category, capability = items[index]
    st.caption(
        escape_md(
            t("ws_step_of", state.lang, n=index + 1, total=total, category=category.name.get(lang))
        )
    )
    capability_row(grid, capability, qstate, lang=lang, ui_lang=state.lang, wide=True)
    if capability.description is not None:
        st.caption(escape_md(capability.description.get(lang)))
    rating = qstate.rating(capability.id)
    st.caption(levels_list(grid, capability, rating, lang, state.lang, with_labels=True))
    back, forward = st.columns(2)
    back.button(
        t("ws_step_back", state.lang),
        key=f"steps.back.{grid.id}",
        icon=":material/arrow_back:",
        width="stretch",
        disabled=index == 0,
        on_click=_go,
        args=(ids[index - 1] if index else ids[0],),
    )
    last = index == len(ids) - 1
    forward.button(
        t("ws_step_finish" if last else "ws_step_next", state.lang),
        key=f"steps.next.{grid.id}",
        icon=":material/check:" if last else ":material/arrow_forward:",
        type="primary",
        width="stretch",
        on_click=_go,
        args=(DONE if last else ids[index + 1],),
    )


def rating_text(rating: RatingState, ui_lang: str) -> tuple[str, str]:
    """A rating as the overview shows it: (today, ideal), "–" where not given."""
    if rating.not_applicable:
        return t("not_applicable_short", ui_lang), "–"
    return (
        str(rating.current) if rating.current is not None else "–",
        str(rating.ideal) if rating.ideal is not None else "–",
    )


def _overview(grid: Grid, qstate: QuestionnaireState, lang: str, ui_lang: str) -> None:
    """Every capability with the person's own rating; a tap opens one again."""
    missing = grid.item_count() - qstate.answered(grid)
    if missing:
        st.warning(t("ws_steps_missing", ui_lang, n=missing), icon=":material/pending:")
    for category in grid.categories:
        st.markdown(f"**{escape_md(category.name.get(lang))}**")
        for capability in category.capabilities:
            today, ideal = rating_text(qstate.rating(capability.id), ui_lang)
            label = t("ws_step_rating", ui_lang, name=capability.name.get(lang),
                      today=today, ideal=ideal)  # fmt: skip
            st.button(
                escape_md(label),
                key=f"steps.open.{grid.id}.{capability.id}",
                type="tertiary",
                icon=":material/edit:",
                on_click=_go,
                args=(capability.id,),
            )
