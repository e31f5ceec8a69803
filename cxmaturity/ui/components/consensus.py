"""Consensus: after the discussion the facilitator sets the agreed value per item,
prefilled with the team median; saving makes it the organisation's assessment."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from cxmaturity.i18n import number, t, tn
from cxmaturity.model import Grid, Quiz
from cxmaturity.records import Workshop
from cxmaturity.scoring import as_quiz_result
from cxmaturity.services.access import NotFoundOrNotYours
from cxmaturity.services.errors import WorkshopError
from cxmaturity.team import Consensus, TeamView, agreed_choices, agreed_levels, agreed_result
from cxmaturity.ui.auth import current_actor
from cxmaturity.ui.backend import services
from cxmaturity.ui.catalog import content_language
from cxmaturity.ui.components.dashboard import REFRESH
from cxmaturity.ui.errors import guarded
from cxmaturity.ui.shell import RESULTS
from cxmaturity.ui.text import escape_md

_TODAY, _IDEAL = "today", "ideal"


def _revision(workshop: Workshop, questionnaire_id: str) -> int:
    """Bumped by "start again from the medians": fresh widgets take the prefill."""
    key = f"ws.agree.rev.{workshop.id}.{questionnaire_id}"
    return int(st.session_state.get(key, 0))


def _reset(workshop_id: int, questionnaire_id: str) -> None:
    key = f"ws.agree.rev.{workshop_id}.{questionnaire_id}"
    st.session_state[key] = int(st.session_state.get(key, 0)) + 1


@st.fragment(run_every=REFRESH)
@guarded
def consensus_section(workshop: Workshop, lang: str) -> None:
    """The consensus of every questionnaire of the workshop, live like the dashboard:
    a fragment that reruns by itself, so the proposed values follow the room's votes
    (values the facilitator set stay); each run checks the account may still run the
    workshop."""
    try:
        now = services().workshops.live(current_actor(), workshop)
    except NotFoundOrNotYours:
        st.error(t("not_found_or_not_yours", lang), icon=":material/block:")
        return
    if not now.views:
        return
    titles = [escape_md(v.questionnaire.title.get(content_language(v.questionnaire, lang)))
              for v in now.views]  # fmt: skip
    for tab, view in zip(st.tabs(titles), now.views, strict=True):
        with tab:
            consensus_editor(workshop, view, lang)


def consensus_editor(workshop: Workshop, view: TeamView, lang: str) -> None:
    """The agreed values of one questionnaire, and the button that saves them."""
    questionnaire = view.questionnaire
    content = content_language(questionnaire, lang)
    revision = _revision(workshop, questionnaire.id)
    editor = EDITORS[questionnaire.kind]
    agreed, problems = editor(questionnaire, view, content, lang, f"{workshop.id}.{revision}")
    left, right = st.columns([1, 1])
    save = left.button(
        t("ws_save_consensus", lang),
        type="primary",
        key=f"ws.agree.save.{workshop.id}.{questionnaire.id}",
        icon=":material/handshake:",
    )
    right.button(
        t("ws_reset_consensus", lang),
        key=f"ws.agree.reset.{workshop.id}.{questionnaire.id}",
        on_click=_reset,
        args=(workshop.id, questionnaire.id),
    )
    notice = f"ws.agree.saved.{workshop.id}.{questionnaire.id}"
    if save:
        if problems:
            st.error("  \n".join(escape_md(p) for p in problems), icon=":material/error:")
            return
        try:
            saved = services().workshops.save_consensus(
                current_actor(), workshop, questionnaire, agreed
            )
        except (WorkshopError, NotFoundOrNotYours):
            st.error(t("ws_not_saved", lang), icon=":material/error:")
            return
        # Kept for the next runs: the section refreshes every few seconds.
        kept = questionnaire.item_count() - len(agreed)
        st.session_state[notice] = (saved.public_id, len(agreed), kept)
        st.rerun()  # the whole page: the report button below the section appears now
    if notice in st.session_state:
        public_id, n_agreed, kept = st.session_state[notice]
        st.success(tn("ws_consensus_saved", n_agreed, lang, kept=kept))
        st.page_link(
            RESULTS,
            label=t("ws_open_results", lang),
            icon=":material/insights:",
            query_params={"questionnaire": questionnaire.id, "assessment": public_id,
                          "lang": lang},
        )  # fmt: skip


MEDIAN = "="  # the drop-down's first option: keep the team's median choice, as it moves


def _quiz(
    quiz: Quiz, view: TeamView, content: str, lang: str, suffix: str
) -> tuple[Consensus, list[str]]:
    """One drop-down per question: first "the team's median choice" (it follows the
    room's votes as they arrive; the caption below names it and the votes), then each
    option to agree on instead. Keys and labels never change while the room votes:
    the browser sends back the label chosen, and a label that changed would match
    nothing (or the wrong option)."""
    chosen: dict[str, str | None] = {}
    for number_, question in enumerate(quiz.questions, start=1):
        split = next(s for s in view.splits if s.question_id == question.id)
        letters = question.letters()
        texts = {MEDIAN: t("ws_keep_median_choice", lang)}
        texts |= {o.id: f"{letters[o.id]}) {o.text.get(content)}" for o in question.options}
        picked = st.selectbox(
            escape_md(f"{number_}. {question.text.get(content)}"),
            options=list(texts),
            format_func=texts.__getitem__,
            key=f"ws.agree.{suffix}.{quiz.id}.{question.id}",
        )
        votes = " · ".join(f"{letters[o]}) {n}" for o, n in split.counts)
        median = f"{letters[split.median]})" if split.median else "–"
        st.caption(escape_md(t("ws_quiz_split", lang, split=votes, median=median)))
        chosen[question.id] = split.median if picked in (MEDIAN, None) else str(picked)
    agreed = agreed_choices(view.medians, chosen)
    _quiz_outcome(quiz, view, agreed, content, lang)
    return agreed, []


def _quiz_outcome(quiz: Quiz, view: TeamView, agreed: Consensus, content: str, lang: str) -> None:
    """The team total and what saving these answers would record, side by side, and
    why they can differ."""
    team = as_quiz_result(view.result)
    saved = as_quiz_result(agreed_result(view, agreed))
    if team is None or saved is None:
        return
    before, after = st.columns(2)
    before.metric(
        t("ws_team_points", lang), _points(team.points), help=t("ws_team_points_help", lang)
    )
    # A total only for a complete quiz (an unanswered question would count as 0 points)
    complete = saved.answered == saved.total_questions
    after.metric(t("ws_consensus_points", lang), _points(saved.points if complete else None))
    band = next((b for b in quiz.bands if b.id == saved.band), None)
    if band is not None:
        after.markdown(f"**{escape_md(band.label.get(content))}**")
    if not complete:
        after.caption(t("answered", lang, answered=saved.answered, total=saved.total_questions))
    st.caption(t("ws_quiz_totals_help", lang))


def _points(value: int | None) -> str:
    return "–" if value is None else str(value)


def _grid(
    grid: Grid, view: TeamView, content: str, lang: str, suffix: str
) -> tuple[Consensus, list[str]]:
    result: Any = view.result
    ordered = _frozen_order(grid, view, suffix)
    flags = {d.capability.id for d in view.disagreements if d.discuss}
    columns = {
        "flag": t("ws_col_discuss", lang),
        "name": t("capability", lang),
        "team_today": t("report_team_today", lang),
        _TODAY: t("ws_agreed_today", lang),
        "team_ideal": t("report_team_ideal", lang),
        _IDEAL: t("ws_agreed_ideal", lang),
    }
    rows = []
    medians: dict[str, tuple[float | None, float | None]] = {}
    for capability in ordered:
        cap = result.capability(capability.id)
        today = cap.current if cap is not None else None
        ideal = cap.ideal if cap is not None else None
        medians[capability.id] = (today, ideal)
        rows.append(
            {
                "flag": "⚠" if capability.id in flags else "",
                "name": capability.name.get(content),
                "team_today": _median_text(today, cap.spread_current if cap else None, lang),
                _TODAY: _choice_text(today, lang),
                "team_ideal": _median_text(ideal, cap.spread_ideal if cap else None, lang),
                _IDEAL: _choice_text(ideal, lang),
            }
        )
    frame = pd.DataFrame(rows, index=[c.id for c in ordered], dtype=object)
    low, high = min(lv.value for lv in grid.levels), max(lv.value for lv in grid.levels)
    choices = _level_choices(low, high, lang)
    edited = st.data_editor(
        frame,
        hide_index=True,
        width="stretch",
        key=f"ws.agree.{suffix}.{grid.id}",
        disabled=["flag", "name", "team_today", "team_ideal"],
        column_config={
            "flag": st.column_config.TextColumn(columns["flag"], width="small"),
            "name": st.column_config.TextColumn(columns["name"], width="medium"),
            "team_today": st.column_config.TextColumn(columns["team_today"]),
            _TODAY: st.column_config.SelectboxColumn(
                columns[_TODAY], options=list(choices), required=True
            ),
            "team_ideal": st.column_config.TextColumn(columns["team_ideal"]),
            _IDEAL: st.column_config.SelectboxColumn(
                columns[_IDEAL], options=list(choices), required=True
            ),
        },
    )

    def cell(capability_id: str, part: str) -> float | None:
        return choices.get(str(edited.at[capability_id, part]))

    values = {c.id: (cell(c.id, _TODAY), cell(c.id, _IDEAL)) for c in ordered}
    agreed, wrong = agreed_levels(grid, medians, values)
    problems = [
        t("ws_not_a_level", lang, name=w.capability.name.get(content),
          value=number(w.value, lang), low=low, high=high)
        for w in wrong
    ]  # fmt: skip
    return agreed, problems


def _frozen_order(grid: Grid, view: TeamView, suffix: str) -> list[Any]:
    """The capabilities in the order the editor first showed them (widest disagreement
    first): the room keeps voting while the facilitator edits, and the editor keeps
    its edits by row position, so a reordering would move them to other rows. "Start
    again from the medians" (a new ``suffix``) orders afresh."""
    key = f"ws.agree.order.{suffix}.{grid.id}"
    by_id = {c.id: c for _, c in grid.capabilities()}
    kept = st.session_state.get(key)
    if not isinstance(kept, list) or set(kept) != set(by_id):
        first = [d.capability.id for d in view.disagreements]
        kept = first + [cid for cid in by_id if cid not in first]
        st.session_state[key] = kept
    return [by_id[cid] for cid in kept]


NO_VALUE = "–"  # an agreed cell with no value: nobody rated it, the median is kept


def _level_choices(low: int, high: int, lang: str) -> dict[str, float | None]:
    """What an agreed cell may hold, as shown (decimal comma in Spanish) -> its value:
    nothing, and every level and half level (a half level only as the team median)."""
    choices: dict[str, float | None] = {NO_VALUE: None}
    for twice in range(2 * low, 2 * high + 1):
        choices[number(twice / 2, lang)] = twice / 2
    return choices


def _choice_text(value: float | None, lang: str) -> str:
    """A team median as the agreed cell shows it ("2", "2,5"), or nothing."""
    return NO_VALUE if value is None else number(value, lang)


def _median_text(value: float | None, spread: float | None, lang: str) -> str:
    if value is None:
        return "–"
    return t("report_median_spread", lang, median=number(value, lang), spread=number(spread, lang))


EDITORS = {"quiz": _quiz, "grid": _grid}  # the agreed values' editor by questionnaire kind
