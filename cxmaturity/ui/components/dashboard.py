"""The facilitator's live dashboard: who joined and how far each is, the team result,
how quiz choices split and where leaders disagree most.

It refreshes by itself (a fragment rerun every few seconds). The figures come from
:meth:`cxmaturity.services.workshops.Workshops.live`, computed again only when
someone joined or answered.
"""

from __future__ import annotations

import datetime as dt

import streamlit as st

from cxmaturity.charts import cached_spec, category_chart
from cxmaturity.i18n import decimal, number, t
from cxmaturity.model import Grid, as_grid, as_quiz
from cxmaturity.records import Workshop
from cxmaturity.scoring import GridResult, Result, as_grid_result, as_quiz_result
from cxmaturity.services.access import NotFoundOrNotYours
from cxmaturity.services.workshops import Live
from cxmaturity.team import MIN_ANONYMOUS, TeamView, group_differences
from cxmaturity.ui.auth import current_actor
from cxmaturity.ui.backend import services
from cxmaturity.ui.catalog import content_language
from cxmaturity.ui.errors import guarded
from cxmaturity.ui.text import escape_md

REFRESH = dt.timedelta(seconds=2)  # a vote shows on the dashboard within 3 s


def _people(now: Live, lang: str) -> None:
    total = {v.questionnaire.id: v.questionnaire.item_count() for v in now.views}
    if now.workshop.anonymous:  # how many, never who
        joined = len(now.participants)
        st.markdown(f"**{t('ws_joined_finished', lang, joined=joined, finished=now.finished)}**")
        st.caption(t("ws_anonymous_dashboard", lang, n=MIN_ANONYMOUS))
        return
    rows = []
    for person in now.participants:
        row: dict[str, object] = {t("ws_col_name", lang): person.name or t("ws_anonymous", lang)}
        for view in now.views:
            done = now.progress.get(person.id, {}).get(view.questionnaire.id, 0)
            row[_title(view, lang)] = done / total[view.questionnaire.id]
        rows.append(row)
    st.markdown(f"**{t('ws_joined', lang, n=len(now.participants))}**")
    if not rows:
        st.caption(t("ws_nobody_yet", lang))
        return
    # Everyone at a glance, as on a projector: a badge per person, green when done.
    badges = []
    for person in now.participants:
        done = now.done(person.id)
        colour = "green" if done >= now.items else ("orange" if done else "gray")
        name = escape_md(person.name or t("ws_anonymous", lang))
        badges.append(f":{colour}-badge[{name} · {done}/{now.items}]")
    st.markdown(" ".join(badges))
    waiting = [p.name or t("ws_anonymous", lang) for p in now.participants
               if now.done(p.id) < now.items]  # fmt: skip
    st.caption(escape_md(t("ws_not_finished", lang, names=", ".join(waiting)) if waiting
                         else t("ws_all_finished", lang)))  # fmt: skip
    with st.expander(t("ws_progress_detail", lang)):
        _progress_table(now, rows, lang)


def _progress_table(now: Live, rows: list[dict[str, object]], lang: str) -> None:
    config = {
        _title(v, lang): st.column_config.ProgressColumn(
            min_value=0.0, max_value=1.0, format="percent"
        )
        for v in now.views
    }
    st.dataframe(rows, hide_index=True, width="stretch", column_config=config)


def _title(view: TeamView, lang: str) -> str:
    questionnaire = view.questionnaire
    return escape_md(questionnaire.title.get(content_language(questionnaire, lang)))


def _quiz(view: TeamView, lang: str) -> None:
    quiz, result = view.questionnaire, view.result
    content = content_language(quiz, lang)
    band = next((b for b in quiz.bands if b.id == result.band), None)
    points, who = st.columns(2)
    points.metric(
        t("ws_team_points", lang),
        result.points if result.points is not None else "–",
        help=t("ws_team_points_help", lang),
    )
    who.metric(t("ws_complete", lang), f"{result.complete_respondents} / {result.respondents}")
    if band is not None:
        st.markdown(f"**{escape_md(band.label.get(content))}**")
    st.caption(t("ws_splits_help", lang))
    st.dataframe(split_rows(view, content, lang), hide_index=True, width="stretch")


def split_rows(view: TeamView, content: str, lang: str) -> list[dict[str, str]]:
    """The quiz split as table rows of text: every row has every column, options in
    questionnaire order (a, b, c, d; empty where a question has fewer), then the
    median choice and the agreement; nothing shows as "None"."""
    quiz = as_quiz(view.questionnaire)
    assert quiz is not None
    widest = max((len(q.options) for q in quiz.questions), default=0)
    letters = [chr(ord("a") + i) for i in range(widest)]
    rows = []
    for split in view.splits:
        question = quiz.question(split.question_id)
        assert question is not None
        row = {"#": str(quiz.questions.index(question) + 1),
               t("question", lang): question.text.get(content)}  # fmt: skip
        counts = [str(n) for _, n in split.counts]
        row.update(zip(letters, counts + [""] * (widest - len(counts)), strict=True))
        index = [o for o, _ in split.counts].index(split.median) if split.median else None
        row[t("ws_col_median", lang)] = letters[index] if index is not None else "–"
        share = split.agreement
        row[t("report_agreement", lang)] = "–" if share is None else f"{round(100 * share)} %"
        rows.append(row)
    return rows


def _grid(view: TeamView, lang: str) -> None:
    grid, result = view.questionnaire, view.result
    content = content_language(grid, lang)
    today, ideal, gap = st.columns(3)
    today.metric(t("level_today", lang), decimal(result.overall.current, lang))
    ideal.metric(t("level_ideal", lang), decimal(result.overall.ideal, lang))
    gap.metric(t("overall_gap", lang), decimal(result.overall.gap, lang))
    if result.rated:
        spec = cached_spec(category_chart, grid, result, content)
        st.vega_lite_chart(spec=spec, width="stretch", theme=None)
    flagged = sum(1 for d in view.disagreements if d.discuss)
    st.markdown(f"**{t('ws_disagreement', lang, n=flagged)}**")
    rows = [
        {
            t("ws_col_discuss", lang): "⚠" if d.discuss else "",
            t("capability", lang): d.capability.name.get(content),
            t("category", lang): d.category.name.get(content),
            t("report_team_today", lang): number(d.result.current, lang),
            t("ws_col_range_today", lang): number(d.result.spread_current, lang),
            t("report_team_ideal", lang): number(d.result.ideal, lang),
            t("ws_col_range_ideal", lang): number(d.result.spread_ideal, lang),
            t("ws_col_rated_by", lang): d.result.respondents,
        }
        for d in view.disagreements
    ]
    if rows:
        st.dataframe(rows, hide_index=True, width="stretch")
    else:
        st.caption(t("ws_nobody_yet", lang))


@st.fragment(run_every=REFRESH)
@guarded
def dashboard(workshop: Workshop, lang: str) -> None:
    """The live view: a fragment that reruns by itself every few seconds (each run
    checks the signed-in account may still run the workshop)."""
    try:
        now = services().workshops.live(current_actor(), workshop)
    except NotFoundOrNotYours:
        st.error(t("not_found_or_not_yours", lang), icon=":material/block:")
        return
    with st.container(key="ws.people"):
        _people(now, lang)
    if not now.views:
        return
    tabs = st.tabs([_title(v, lang) for v in now.views])
    for tab, view in zip(tabs, now.views, strict=True):
        with tab:
            VIEWS[view.questionnaire.kind](view, lang)
    if now.groups:
        with st.container(key="ws.groups"):
            _groups(now, lang)


def _groups(now: Live, lang: str) -> None:
    """Each group's result side by side, and where the groups differ most."""
    st.markdown(f"**{t('ws_by_group', lang)}**")
    counts = [t("ws_group_people", lang, group=g.name, n=g.people) for g in now.groups]
    if nobody := sum(1 for p in now.participants if not p.group):
        counts.append(t("ws_group_people", lang, group=t("ws_no_group", lang), n=nobody))
    st.caption(escape_md(" · ".join(counts)))
    for index, view in enumerate(now.views):
        content = content_language(view.questionnaire, lang)
        per_group = [(g.name, g.views[index].result) for g in now.groups]
        st.caption(_title(view, lang))
        grid = as_grid(view.questionnaire)
        if grid is None:
            st.dataframe(quiz_group_rows(view, per_group, lang), hide_index=True, width="stretch")
            continue
        results = [(name, found) for name, result in per_group
                   if (found := as_grid_result(result)) is not None]  # fmt: skip
        st.dataframe(grid_group_rows(grid, results, content, lang), hide_index=True,
                     width="stretch")  # fmt: skip
        names = {c.id: c.name.get(content) for c in grid.categories}
        differ = group_differences(grid, results)[:3]
        if differ:
            lines = "; ".join(
                f"{names[cid]} ("
                + " · ".join(f"{g} {decimal(v, lang)}" for g, v in levels.items())
                + ")"
                for cid, _, levels in differ
            )
            st.caption(escape_md(t("ws_groups_differ", lang, lines=lines)))
        else:
            st.caption(t("ws_groups_agree", lang))


def grid_group_rows(
    grid: Grid, results: list[tuple[str, GridResult]], content: str, lang: str
) -> list[dict[str, str]]:
    """Per category (then overall), each group's level today and ideal as text."""
    rows = []
    for category in grid.categories:
        row = {t("category", lang): category.name.get(content)}
        for name, result in results:
            found = next((c for c in result.categories if c.id == category.id), None)
            row[f"{name} · {t('level_today', lang)}"] = decimal(
                found.current if found else None, lang
            )
            row[f"{name} · {t('level_ideal', lang)}"] = decimal(
                found.ideal if found else None, lang
            )
        rows.append(row)
    overall = {t("category", lang): t("overall", lang)}
    for name, result in results:
        overall[f"{name} · {t('level_today', lang)}"] = decimal(result.overall.current, lang)
        overall[f"{name} · {t('level_ideal', lang)}"] = decimal(result.overall.ideal, lang)
    return [*rows, overall]


def quiz_group_rows(
    view: TeamView, per_group: list[tuple[str, Result]], lang: str
) -> list[dict[str, str]]:
    """Per group: the team points, the band and how many completed the quiz."""
    quiz = as_quiz(view.questionnaire)
    assert quiz is not None
    content = content_language(quiz, lang)
    rows = []
    for name, result in per_group:
        found = as_quiz_result(result)
        if found is None:
            continue
        band = next((b for b in quiz.bands if b.id == found.band), None)
        rows.append({
            t("ws_col_group", lang): name,
            t("ws_team_points", lang): "–" if found.points is None else str(found.points),
            t("ws_col_band", lang): band.label.get(content) if band is not None else "–",
            t("ws_complete", lang): f"{found.complete_respondents} / {found.respondents}",
        })  # fmt: skip
    return rows


VIEWS = {"quiz": _quiz, "grid": _grid}  # a team view drawn by questionnaire kind
