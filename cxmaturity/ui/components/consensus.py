"""Consensus: after the discussion the facilitator sets the agreed value per item,
prefilled with the team median; saving makes it the organisation's assessment."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from cxmaturity.i18n import number, t
from cxmaturity.model import Answers, Grid, Quiz
from cxmaturity.records import Workshop
from cxmaturity.services.access import NotFoundOrNotYours
from cxmaturity.services.errors import WorkshopError
from cxmaturity.team import Consensus, TeamView, agreed_choices, agreed_levels, median_choice
from cxmaturity.ui.auth import current_actor
from cxmaturity.ui.backend import services
from cxmaturity.ui.catalog import content_language
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
    if not save:
        return
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
    kept = questionnaire.item_count() - len(agreed)
    st.success(t("ws_consensus_saved", lang, agreed=len(agreed), kept=kept))
    st.page_link(
        RESULTS,
        label=t("ws_open_results", lang),
        icon=":material/insights:",
        query_params={
            "questionnaire": questionnaire.id,
            "assessment": saved.public_id,
            "lang": lang,
        },
    )


def _quiz(
    quiz: Quiz, view: TeamView, content: str, lang: str, suffix: str
) -> tuple[Consensus, list[str]]:
    team: list[Answers] = list(view.answers)
    chosen: dict[str, str | None] = {}
    for number_, question in enumerate(quiz.questions, start=1):
        median = median_choice(quiz, question.id, team)
        letters = {o.id: chr(ord("a") + i) for i, o in enumerate(question.options)}
        texts = {o.id: f"{letters[o.id]}) {o.text.get(content)}" for o in question.options}
        counts = {
            o.id: sum(1 for a in team if a.choice(question.id) == o.id) for o in question.options
        }
        split = " · ".join(f"{letters[o]}) {n}" for o, n in counts.items())
        picked = st.selectbox(
            escape_md(f"{number_}. {question.text.get(content)}"),
            options=list(texts),
            index=list(texts).index(median) if median in texts else None,
            format_func=texts.__getitem__,
            key=f"ws.agree.{suffix}.{quiz.id}.{question.id}",
            placeholder=t("ws_pick_agreed", lang),
        )
        st.caption(escape_md(t("ws_quiz_split", lang, split=split)))
        chosen[question.id] = str(picked) if picked is not None else None
    return agreed_choices(quiz, team, chosen), []


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
                _TODAY: today,
                "team_ideal": _median_text(ideal, cap.spread_ideal if cap else None, lang),
                _IDEAL: ideal,
            }
        )
    frame = pd.DataFrame(rows, index=[c.id for c in ordered], dtype=object)
    frame[_TODAY] = frame[_TODAY].astype(float)
    frame[_IDEAL] = frame[_IDEAL].astype(float)
    low, high = min(lv.value for lv in grid.levels), max(lv.value for lv in grid.levels)
    level = {"min_value": low, "max_value": high, "step": 0.5}
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
            _TODAY: st.column_config.NumberColumn(columns[_TODAY], **level),
            "team_ideal": st.column_config.TextColumn(columns["team_ideal"]),
            _IDEAL: st.column_config.NumberColumn(columns[_IDEAL], **level),
        },
    )
    values = {
        c.id: (_float(edited.at[c.id, _TODAY]), _float(edited.at[c.id, _IDEAL])) for c in ordered
    }
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


def _float(value: object) -> float | None:
    """A cell of the data editor as a number (empty: None)."""
    return None if value is None else float(value)  # type: ignore[arg-type]


def _median_text(value: float | None, spread: float | None, lang: str) -> str:
    if value is None:
        return "–"
    return t("report_median_spread", lang, median=number(value, lang), spread=number(spread, lang))


EDITORS = {"quiz": _quiz, "grid": _grid}  # the agreed values' editor by questionnaire kind
