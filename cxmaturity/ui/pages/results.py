"""Results: where the organization is, where it wants to be and what first, on one
screen; categories, every capability, every gap and the change since last round in tabs."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from cxmaturity.charts import cached_spec, capability_heatmap, category_chart
from cxmaturity.compare import compare_grids
from cxmaturity.i18n import decimal, long_date, number, t
from cxmaturity.model import Grid, Quiz
from cxmaturity.narrative import grid_story
from cxmaturity.planning import Gap, Plan, priority_differs
from cxmaturity.scoring import GridResult
from cxmaturity.services.results import GridView, grid_view
from cxmaturity.services.results import quiz_result as score_quiz
from cxmaturity.ui.auth import current_actor
from cxmaturity.ui.catalog import catalog, content_language, selected
from cxmaturity.ui.components.assessment_meta import assessment_meta
from cxmaturity.ui.components.compare_view import grid_changes
from cxmaturity.ui.components.consultant import benchmark_panel, outcomes_panel, previous_plan
from cxmaturity.ui.components.quiz import quiz_result
from cxmaturity.ui.components.report_button import report_button
from cxmaturity.ui.errors import guarded
from cxmaturity.ui.restore import restore
from cxmaturity.ui.shell import (
    ANSWER,
    PLAN,
    page_header,
    questionnaire_missing,
    questionnaire_params,
)
from cxmaturity.ui.state import UiState, answers_of, get_state, plan_items
from cxmaturity.ui.text import escape_md


def _previous(state: UiState, grid: Grid) -> tuple[dt.date, GridResult] | None:
    """A re-evaluation: last round's date and result (None for a first round)."""
    earlier = state.previous.get(grid.id)
    if earlier is None or earlier.date is None:
        return None
    before = grid_view(grid, [earlier]).result
    return (earlier.date, before) if before.overall.current is not None else None


def _summary(result: GridResult, previous: GridResult | None, ui_lang: str) -> None:
    """The three figures, each with its change since last round in a re-evaluation
    (a smaller gap is the good direction)."""
    overall = result.overall
    before = previous.overall if previous is not None else None

    def change(now: float | None, then: float | None) -> str | None:
        if now is None or then is None:
            return None
        delta = now - then
        return f"{'+' if delta > 0 else ''}{decimal(delta, ui_lang)}"

    today, ideal, gap = st.columns(3)
    today.metric(t("level_today", ui_lang), decimal(overall.current, ui_lang),
                 delta=change(overall.current, before.current if before else None))  # fmt: skip
    ideal.metric(t("level_ideal", ui_lang), decimal(overall.ideal, ui_lang),
                 delta=change(overall.ideal, before.ideal if before else None),
                 delta_color="off")  # fmt: skip
    gap.metric(t("overall_gap", ui_lang), decimal(overall.gap, ui_lang),
               delta=change(overall.gap, before.gap if before else None),
               delta_color="inverse")  # fmt: skip


def _story(paragraphs: list[str]) -> None:
    """The results in sentences (the report's executive summary): where the
    organization is, where it wants to be, what changed, what to do first."""
    with st.container(border=True):
        for paragraph in paragraphs:
            st.markdown(escape_md(paragraph))


def _gap_rows(gaps: tuple[Gap, ...], lang: str, ui_lang: str) -> list[dict[str, object]]:
    """One row per gap; a priority column only where weights make it differ."""
    weighted = priority_differs(gaps)
    rows: list[dict[str, object]] = []
    for g in gaps:
        row: dict[str, object] = {
            t("rank", ui_lang): g.rank,
            t("capability", ui_lang): g.capability.name.get(lang),
            t("category", ui_lang): g.category.name.get(lang),
            t("current", ui_lang): number(g.current, ui_lang),
            t("ideal", ui_lang): number(g.ideal, ui_lang),
            t("gap", ui_lang): number(g.gap, ui_lang),
        }
        if weighted:
            row[t("priority", ui_lang)] = number(g.priority, ui_lang)
        row[t("initiatives", ui_lang)] = " · ".join(i.title.get(lang) for i in g.initiatives)
        rows.append(row)
    return rows


def _initiative_details(gaps: tuple[Gap, ...], lang: str, ui_lang: str) -> str:
    """Every gap with its suggested initiatives and what each one means, as one escaped
    markdown text: one element, where an expander per gap drew about 150."""
    parts = []
    for gap in gaps:
        values = f"{number(gap.current, ui_lang)} → {number(gap.ideal, ui_lang)}"
        parts.append(f"**{gap.rank}. {escape_md(gap.capability.name.get(lang))}** ({values})")
        for initiative in gap.initiatives:
            line = f"- *{escape_md(initiative.title.get(lang))}*"
            if initiative.detail is not None:
                line += f": {escape_md(initiative.detail.get(lang))}"
            parts.append(line)
    return "\n\n".join(parts)


def _gaps(ranked: Plan, lang: str, ui_lang: str) -> None:
    if not ranked.gaps:
        st.info(t("no_gaps", ui_lang))
    else:
        st.dataframe(_gap_rows(ranked.gaps, lang, ui_lang), hide_index=True, width="stretch")
        with st.expander(t("initiative_details", ui_lang), icon=":material/lightbulb:"):
            st.markdown(_initiative_details(ranked.gaps, lang, ui_lang))
    if ranked.negative:
        st.markdown(f"**{t('negative_title', ui_lang)}**")
        st.caption(t("negative_help", ui_lang))
        rows = _gap_rows(ranked.negative, lang, ui_lang)
        for row in rows:
            row.pop(t("initiatives", ui_lang))
        st.dataframe(rows, hide_index=True, width="stretch")


def _grid_results(grid: Grid, state: UiState, lang: str) -> None:
    """One screen: the figures, the story, and the detail behind tabs (categories,
    every capability, every gap with its initiatives, and in a re-evaluation what
    changed since last round)."""
    view = grid_view(grid, answers_of(state, grid, lang))
    result = view.result
    ui_lang = state.lang
    if result.rated == 0:
        st.info(t("no_answers_yet", ui_lang), icon=":material/pending:")
        return
    if not result.complete:
        detail = t(
            "partial_detail",
            ui_lang,
            rated=result.rated,
            total=len(result.capabilities),
            na=result.not_applicable,
        )
        st.warning(f"**{t('partial_label', ui_lang)}.** {detail}", icon=":material/warning:")
    previous = _previous(state, grid)
    _summary(result, previous[1] if previous else None, ui_lang)
    items = plan_items(state, grid)
    _story(grid_story(grid, result, lang, organization=state.organization,
                      plan_items=items, previous=previous))  # fmt: skip
    _details(grid, state, lang, view, previous)


def tabs_key(grid: Grid) -> str:
    """The key of the Results page's tabs (its value: the label of the tab shown)."""
    return f"results.tabs.{grid.id}"


@st.fragment
@guarded
def _details(
    grid: Grid,
    state: UiState,
    lang: str,
    view: GridView,
    previous: tuple[dt.date, GridResult] | None,
) -> None:
    """The detail behind tabs, only the tab shown drawn (the others when opened): a
    page opens with one chart, not every chart, table and comparison. A fragment:
    opening a tab reruns the tabs, not the page."""
    result, ui_lang = view.result, state.lang
    actor = current_actor()
    last_plan = previous_plan(actor, state, grid) if previous is not None else []
    stored = actor.account is not None and state.organization_id is not None and \
        grid.id in state.assessment_ids  # fmt: skip
    names = ["by_category", "all_capabilities", "gap_table"]
    names += ["results_since_last"] if previous is not None else []
    names += ["outcome_title"] if previous is not None and last_plan else []
    names += ["bench_title"] if stored else []
    shown = st.tabs([t(name, ui_lang) for name in names], key=tabs_key(grid), on_change="rerun")
    name, tab = next(((n, tab) for n, tab in zip(names, shown, strict=True) if tab.open),
                     (names[0], shown[0]))  # fmt: skip
    with tab:
        if name == "by_category":
            spec = cached_spec(category_chart, grid, result, lang)
            st.vega_lite_chart(spec=spec, width="stretch", theme=None)
        elif name == "all_capabilities":
            spec = cached_spec(capability_heatmap, grid, result, lang)
            st.vega_lite_chart(spec=spec, width="stretch", theme=None)
        elif name == "gap_table":
            _gaps(view.gaps, lang, ui_lang)
        elif name == "results_since_last" and previous is not None:
            st.caption(t("results_since_last_help", ui_lang,
                         date=long_date(previous[0], ui_lang)))  # fmt: skip
            grid_changes(grid, compare_grids(grid, previous[1], result), lang, ui_lang)
        elif name == "outcome_title" and previous is not None:
            outcomes_panel(state, grid, (previous[1], result), last_plan, lang)
        elif name == "bench_title":
            benchmark_panel(actor, state, grid, result, lang)


def _quiz_results(quiz: Quiz, state: UiState, lang: str) -> None:
    result = score_quiz(quiz, answers_of(state, quiz, lang))
    if result.answered == 0:
        st.info(t("no_answers_yet", state.lang), icon=":material/pending:")
        return
    if result.band is None:
        st.warning(
            f"**{t('partial_label', state.lang)}.** {t('quiz_incomplete', state.lang)}",
            icon=":material/warning:",
        )
        st.progress(
            result.answered / result.total_questions,
            text=t(
                "answered_progress", state.lang, done=result.answered, total=result.total_questions
            ),
        )
        return
    quiz_result(quiz, result, lang, state.lang)


RESULTS_BY_KIND = {"quiz": _quiz_results, "grid": _grid_results}


def render() -> None:
    state = get_state()
    known = catalog()
    questionnaire, wanted = selected(known, state)
    if questionnaire is None:
        questionnaire_missing(t("results_title", state.lang), wanted)
        return
    restore(state, questionnaire)
    lang = content_language(questionnaire, state.lang)
    page_header(f"{t('results_title', state.lang)}: {questionnaire.title.get(lang)}")
    RESULTS_BY_KIND[questionnaire.kind](questionnaire, state, lang)
    final_switch = assessment_meta(state, questionnaire)
    with st.container(horizontal=True, vertical_alignment="center"):
        if final_switch is not None:
            final_switch()
        report_button(state, list(known.questionnaires.values()), state.lang,
                      key="report.results", compact=True)  # fmt: skip
        st.page_link(PLAN, label=t("plan_title", state.lang), icon=":material/checklist:")
        st.page_link(
            ANSWER,
            label=t("edit_answers", state.lang),
            icon=":material/edit_note:",
            query_params=questionnaire_params(questionnaire.id, state.lang),
        )


render()
