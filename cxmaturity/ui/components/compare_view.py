"""Any two assessments of an organisation side by side, and the trend over all of them."""

from __future__ import annotations

from typing import Any

import streamlit as st

from cxmaturity.compare import Change, GridComparison
from cxmaturity.i18n import decimal, long_date, number, t
from cxmaturity.loader import Catalog
from cxmaturity.records import Organization
from cxmaturity.sections import change_cells
from cxmaturity.services.access import Actor
from cxmaturity.ui.backend import services
from cxmaturity.ui.catalog import content_language


def _rows(changes: tuple[Change, ...], names: dict[str, str], lang: str) -> list[dict[str, object]]:
    """Before, after and the change with its arrow, written as the Results page and the
    report write them (``sections.change_cells``: 2,00 · 3,00 · ▲ +1,00)."""
    rows: list[dict[str, object]] = []
    for c in changes:
        before, after, change = change_cells(c, lang)
        rows.append({
            t("capability", lang): names.get(c.id, c.id),
            t("compare_before", lang): before,
            t("compare_after", lang): after,
            t("compare_change", lang): change,
            t("ideal", lang): decimal(c.ideal_after, lang),
        })  # fmt: skip
    return rows


def grid_changes(grid: Any, comparison: GridComparison, lang: str, ui: str) -> None:
    """The overall level before and after, each category's change, and the
    capabilities that moved (arrows and deltas, never colour alone)."""
    overall = comparison.overall
    left, right = st.columns(2)
    left.metric(t("compare_today_before", ui), decimal(overall.before, ui))
    right.metric(
        t("compare_today_after", ui),
        decimal(overall.after, ui),
        delta=decimal(overall.delta, ui) if overall.delta is not None else None,
    )
    names = {c.id: c.name.get(lang) for c in grid.categories}
    rows = _rows(comparison.categories, names, ui)
    for row in rows:
        row[t("category", ui)] = row.pop(t("capability", ui))
    order = [t(k, ui) for k in ("category", "compare_before", "compare_after", "compare_change")]
    st.dataframe(rows, hide_index=True, width="stretch", column_order=order)
    st.markdown(f"**{t('compare_moved', ui)}**")
    moved = comparison.moved()
    if not moved:
        st.caption(t("compare_none_moved", ui))
        return
    capability_names = {c.id: c.name.get(lang) for _, c in grid.capabilities()}
    st.dataframe(_rows(moved, capability_names, ui), hide_index=True, width="stretch")


def _trend(actor: Actor, organization: Organization, questionnaire_id: str, ui: str) -> None:
    spec = services().history.trend_spec(actor, organization, questionnaire_id, ui)
    if spec is not None:
        st.markdown(f"**{t('compare_trend', ui)}**")
        st.vega_lite_chart(spec=spec, width="stretch", theme=None)


def compare_view(known: Catalog, actor: Actor, organization: Organization, ui: str) -> None:
    """The compare section of the organisations page."""
    usable = services().history.comparable(actor, organization)
    st.subheader(t("compare_title", ui), anchor=False)
    if not usable:
        st.caption(t("compare_need_two", ui))
        return
    qid = st.selectbox(
        t("compare_questionnaire", ui),
        options=list(usable),
        format_func=lambda q: known.get(q).title.get(ui),  # type: ignore[union-attr]
        key="compare.questionnaire",
    )
    questionnaire = known.get(qid)
    assert questionnaire is not None
    lang = content_language(questionnaire, ui)
    rounds = usable[qid]
    ids = [a.id for a in rounds]
    labels = {a.id: f"{long_date(a.assessed_on, ui)} · {i}" for i, a in enumerate(rounds, 1)}
    left, right = st.columns(2)
    before = left.selectbox(
        t("compare_before", ui), ids, index=len(ids) - 2, format_func=labels.__getitem__,
        key=f"compare.before.{qid}",
    )  # fmt: skip
    after = right.selectbox(
        t("compare_after", ui), ids, index=len(ids) - 1, format_func=labels.__getitem__,
        key=f"compare.after.{qid}",
    )  # fmt: skip
    comparison = services().history.compare(actor, organization, before, after)
    if comparison.grid is not None:
        grid_changes(questionnaire, comparison.grid, lang, ui)
    elif comparison.points is not None:
        change = comparison.points
        st.metric(
            t("compare_points", ui),
            number(change.after, ui),
            delta=number(change.delta, ui) if change.delta is not None else None,
        )
    _trend(actor, organization, qid, ui)
