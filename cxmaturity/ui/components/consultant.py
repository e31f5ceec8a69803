"""The Results page's consultant panels: the private benchmark (against the other
organisations the signed-in account may see, asked for with a switch) and
"initiatives and results" in a re-evaluation. Rows come from :mod:`cxmaturity.sections`,
the same as the report and the deck; tables show text as text."""

from __future__ import annotations

import streamlit as st

from cxmaturity.i18n import t
from cxmaturity.model import Grid
from cxmaturity.outcomes import outcomes
from cxmaturity.planning import PlanItem
from cxmaturity.scoring import GridResult
from cxmaturity.sections import (
    benchmark_headings,
    benchmark_intro,
    benchmark_rows,
    benchmark_sentence,
    capability_benchmark_rows,
    outcome_groups,
    outcome_headings,
    outcome_summary,
)
from cxmaturity.services.access import Actor, NotFoundOrNotYours
from cxmaturity.ui.backend import services
from cxmaturity.ui.components.report_button import BENCHMARK_KEY
from cxmaturity.ui.state import UiState, plan_items
from cxmaturity.ui.text import escape_md

SECTOR_KEY = "results.benchmark.sector"


def _table(headings: list[str], rows: list[list[str]]) -> None:
    st.dataframe([dict(zip(headings, row, strict=True)) for row in rows], hide_index=True,
                 width="stretch")  # fmt: skip


def _keep(key: str, widget: str) -> None:
    st.session_state[key] = bool(st.session_state.get(widget))


def _lasting_switch(label: str, key: str, *, disabled: bool = False) -> bool:
    """A switch whose value (in ``st.session_state[key]``) outlives the tab that draws
    it: Streamlit forgets a widget's own value in a run that does not draw it (another
    tab shown), and the downloads read this one whichever tab is shown."""
    widget = f"{key}.switch"
    on = bool(st.session_state.get(key))
    st.toggle(label, value=on, key=widget, disabled=disabled, on_change=_keep,
              args=(key, widget))  # fmt: skip
    return on


def benchmark_panel(
    actor: Actor, state: UiState, grid: Grid, result: GridResult, lang: str
) -> None:
    """The switch, and with it on, the levels against the peers (never named)."""
    ui_lang = state.lang
    st.caption(t("bench_help", ui_lang))
    on = _lasting_switch(t("bench_switch", ui_lang), BENCHMARK_KEY)
    by_sector = _lasting_switch(t("bench_by_sector", ui_lang), SECTOR_KEY, disabled=not on)
    if not on or state.organization_id is None:
        return
    try:
        found = services().portfolio.benchmark_of(
            actor, state.organization_id, grid, result, by_sector=by_sector
        )
    except NotFoundOrNotYours:
        st.error(t("not_found_or_not_yours", ui_lang), icon=":material/block:")
        return
    if found is None:
        key = "bench_none_sector" if by_sector else "bench_none"
        st.info(t(key, ui_lang), icon=":material/info:")
        return
    st.markdown(f"**{escape_md(benchmark_sentence(found, ui_lang))}**")
    st.caption(escape_md(benchmark_intro(found, ui_lang)))
    _table(benchmark_headings(ui_lang, "category"), benchmark_rows(grid, found, lang))
    with st.expander(t("bench_capabilities", ui_lang), icon=":material/table_rows:"):
        _table(benchmark_headings(ui_lang, "capability"),
               capability_benchmark_rows(grid, found, lang))  # fmt: skip


def previous_plan(actor: Actor, state: UiState, grid: Grid) -> list[PlanItem]:
    """Last round's plan of this re-evaluation (empty when not stored or a first round)."""
    public_id = state.assessment_ids.get(grid.id)
    if public_id is None or actor.account is None:
        return []
    try:
        return services().assessments.previous_plan(actor, public_id)
    except NotFoundOrNotYours:
        return []


def outcomes_panel(
    state: UiState,
    grid: Grid,
    results: tuple[GridResult, GridResult],
    last_plan: list[PlanItem],
    lang: str,
) -> None:
    """Last round's initiatives by what became of them, next to each level's change."""
    ui_lang = state.lang
    before, result = results
    found = outcomes(grid, before, result, last_plan, plan_items(state, grid))
    st.caption(t("outcome_intro", ui_lang))
    st.markdown(f"**{escape_md(outcome_summary(found, ui_lang))}**")
    for _, title, rows in outcome_groups(grid, found, lang):
        st.markdown(f"**{escape_md(title)}**")
        if rows:
            _table(outcome_headings(ui_lang), rows)
        else:
            st.caption(t("outcome_none", ui_lang))
