"""Disagreement to discuss, then vote again: the facilitator's list of the items the
room answered furthest apart (with the notes people left on them), the choice of
items to vote on again after the discussion, and how the second vote compares with
the first.

The list refreshes by itself like the dashboard; the choice of items is a form
outside the refreshing part (a refresh never takes a half-made choice away)."""

from __future__ import annotations

import streamlit as st

from cxmaturity.i18n import number, t
from cxmaturity.model import Quiz, as_quiz
from cxmaturity.records import Workshop
from cxmaturity.scoring import as_grid_result
from cxmaturity.services.access import NotFoundOrNotYours
from cxmaturity.services.workshops import Live, item_key
from cxmaturity.team import TeamView, ToDiscuss, counts_line, discussion_list
from cxmaturity.ui.auth import current_actor
from cxmaturity.ui.backend import services
from cxmaturity.ui.catalog import content_language
from cxmaturity.ui.components.dashboard import REFRESH
from cxmaturity.ui.errors import guarded
from cxmaturity.ui.text import escape_md

DISCUSS_ROWS = 15  # the widest disagreements listed


@st.fragment(run_every=REFRESH)
@guarded
def discussion_section(workshop: Workshop, lang: str) -> None:
    """The items to discuss, widest disagreement first, and the second vote so far."""
    try:
        now = services().workshops.live(current_actor(), workshop)
    except NotFoundOrNotYours:
        st.error(t("not_found_or_not_yours", lang), icon=":material/block:")
        return
    names = {p.respondent: p.name or t("ws_anonymous", lang) for p in now.participants}
    items = discussion_list(now.views)[:DISCUSS_ROWS]
    if not items:
        st.caption(t("ws_discuss_nothing", lang))
    else:
        rows = [_row(item, names, lang) for item in items]
        widths = {t("ws_col_discuss", lang): st.column_config.TextColumn(width="small"),
                  t("ws_col_notes", lang): st.column_config.TextColumn(width="large")}  # fmt: skip
        st.dataframe(rows, hide_index=True, width="stretch", column_config=widths)
    if now.workshop.second_vote:
        _second_vote(now, lang)


def _row(item: ToDiscuss, names: dict[str, str], lang: str) -> dict[str, str]:
    questionnaire = item.view.questionnaire
    notes = " · ".join(
        f"{names.get(who, '')}: {note}" if who else note for who, note in item.notes
    )  # anonymous mode: the views hold anonymised answers, no one behind a note
    return {
        t("ws_col_discuss", lang): "⚠" if item.flagged else "",
        t("ws_col_item", lang): questionnaire.item_name(item.item_id, lang),
        t("ws_col_votes", lang): _votes(item.view, item.item_id, lang),
        t("ws_col_notes", lang): notes,
    }


def _votes(view: TeamView, item_id: str, lang: str) -> str:
    """How the room voted on one item, in a line: the quiz's count per option, the
    grid's medians and ranges."""
    quiz = as_quiz(view.questionnaire)
    if quiz is not None:
        return _choices(quiz, view, item_id)
    result = as_grid_result(view.result)
    found = result.capability(item_id) if result is not None else None
    if found is None or found.current is None:
        return "–"
    today = t("report_median_spread", lang, median=number(found.current, lang),
              spread=number(found.spread_current, lang))  # fmt: skip
    ideal = t("report_median_spread", lang, median=number(found.ideal, lang),
              spread=number(found.spread_ideal, lang))  # fmt: skip
    return f"{t('level_today', lang)} {today} · {t('level_ideal', lang)} {ideal}"


def _choices(quiz: Quiz, view: TeamView, question_id: str) -> str:
    question = quiz.question(question_id)
    split = next((s for s in view.splits if s.question_id == question_id), None)
    if question is None or split is None or not split.answered:
        return "–"
    return counts_line(question, split)


def _second_vote(now: Live, lang: str) -> None:
    """Each item in the second vote: the first vote against the votes now."""
    st.markdown(f"**{t('ws_second_vote_title', lang)}**")
    views = {v.questionnaire.id: v for v in now.views}
    rows = []
    for key in now.workshop.second_vote:
        questionnaire_id, _, item_id = key.partition(":")
        view = views.get(questionnaire_id)
        if view is None:
            continue
        first = now.first.get(questionnaire_id)
        rows.append(
            {
                t("ws_col_item", lang): view.questionnaire.item_name(item_id, lang),
                t("ws_col_first_vote", lang): _votes(first, item_id, lang) if first else "–",
                t("ws_col_second_vote", lang): _votes(view, item_id, lang),
            }
        )
    st.dataframe(rows, hide_index=True, width="stretch")


def second_vote_form(workshop: Workshop, lang: str) -> None:
    """The facilitator picks the items to vote on again (those to discuss first)."""
    try:
        now = services().workshops.live(current_actor(), workshop)
    except NotFoundOrNotYours:
        return
    if not now.workshop.open:
        return
    ranked = [item_key(i.view.questionnaire.id, i.item_id) for i in discussion_list(now.views)]
    labels = {}
    for view in now.views:
        content = content_language(view.questionnaire, lang)
        title = view.questionnaire.title.get(content)
        for item_id, name in view.questionnaire.item_names(content).items():
            labels[item_key(view.questionnaire.id, item_id)] = f"{name} ({title})"
    options = [k for k in ranked if k in labels] + [k for k in labels if k not in ranked]
    open_now = [k for k in options if k not in now.workshop.second_vote]
    with st.form(f"ws.revote.{workshop.id}", border=False):
        chosen = st.multiselect(
            t("ws_second_vote_pick", lang),
            options=open_now,
            format_func=lambda k: escape_md(labels[k]),
            help=t("ws_second_vote_help", lang),
            placeholder=t("ws_second_vote_placeholder", lang),
            key=f"ws.revote.items.{workshop.id}",
        )
        submitted = st.form_submit_button(
            t("ws_second_vote_open", lang), icon=":material/how_to_vote:"
        )
    if submitted and chosen:
        services().workshops.open_second_vote(current_actor(), workshop, chosen)
        st.rerun()
