"""Any two assessments of an organisation side by side, and the trend over all of them."""

from __future__ import annotations

import functools

import streamlit as st

from cxmaturity.charts import trend_chart
from cxmaturity.compare import ARROWS, Change, compare_grids
from cxmaturity.i18n import decimal, number, t
from cxmaturity.loader import Catalog
from cxmaturity.model import Grid
from cxmaturity.scoring import GridResult, QuizResult, Result
from cxmaturity.storage import Assessment, Organization
from cxmaturity.ui.catalog import catalog, content_language
from cxmaturity.ui.components.history import results_by_assessment
from cxmaturity.ui.persist import current_url


def _delta(change: Change, lang: str) -> str:
    if change.delta is None:
        return ""
    sign = "+" if change.delta > 0 else ""
    return f"{ARROWS[change.direction]} {sign}{number(change.delta, lang)}"


def _rows(changes: tuple[Change, ...], names: dict[str, str], lang: str) -> list[dict[str, object]]:
    return [
        {
            t("capability", lang): names.get(c.id, c.id),
            t("compare_before", lang): number(c.before, lang),
            t("compare_after", lang): number(c.after, lang),
            t("compare_change", lang): _delta(c, lang),
            t("ideal", lang): number(c.ideal_after, lang),
        }
        for c in changes
    ]


def _grid(grid: Grid, before: GridResult, after: GridResult, lang: str, ui: str) -> None:
    comparison = compare_grids(grid, before, after)
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


def _trend(
    organization: Organization, questionnaire_id: str, version: tuple[object, ...], ui: str
) -> None:
    spec = trend_spec(current_url(), organization, questionnaire_id, version, ui)
    if spec is not None:
        st.markdown(f"**{t('compare_trend', ui)}**")
        st.vega_lite_chart(spec=spec, width="stretch", theme=None)


@functools.lru_cache(maxsize=32)
def trend_spec(
    url: str,
    organization: Organization,
    questionnaire_id: str,
    version: tuple[object, ...],
    ui: str,
) -> dict[str, object] | None:
    """The trend chart's Vega-Lite spec, built again only when the data changed
    (building an altair chart costs more than drawing it)."""
    questionnaire = catalog().get(questionnaire_id)
    if questionnaire is None:
        return None
    scored = results_by_assessment(url, organization, version).values()
    history = [(a, r) for a, r in scored if a.questionnaire_id == questionnaire_id]
    rows: list[dict[str, object]] = []
    for assessment, result in history:
        day = assessment.assessed_on.isoformat()
        if isinstance(result, GridResult) and result.overall.current is not None:
            rows.append({"date": day, "series": t("current", ui), "value": result.overall.current})
            rows.append({"date": day, "series": t("ideal", ui), "value": result.overall.ideal})
        elif isinstance(result, QuizResult) and result.points is not None:
            rows.append({"date": day, "series": t("compare_points", ui), "value": result.points})
    if not rows:
        return None
    if isinstance(questionnaire, Grid):
        values = [lv.value for lv in questionnaire.levels]
        domain, title = [min(values), max(values)], t("level", ui)
    else:
        domain = [questionnaire.min_points, questionnaire.max_points]
        title = t("compare_points", ui)
    chart = trend_chart(rows, ui, title, [float(d) for d in domain])
    spec: dict[str, object] = chart.to_dict(validate=False)
    return spec


def compare_view(
    found: Catalog, organization: Organization, version: tuple[object, ...], ui: str
) -> None:
    """The compare section of the organisations page (``version``: the data's version)."""
    scored = results_by_assessment(current_url(), organization, version)
    by_questionnaire: dict[str, list[tuple[Assessment, Result]]] = {}
    for assessment, result in scored.values():
        by_questionnaire.setdefault(assessment.questionnaire_id, []).append((assessment, result))
    usable = {q: v for q, v in by_questionnaire.items() if len(v) >= 2 and found.get(q)}
    st.subheader(t("compare_title", ui), anchor=False)
    if not usable:
        st.caption(t("compare_need_two", ui))
        return
    qid = st.selectbox(
        t("compare_questionnaire", ui),
        options=list(usable),
        format_func=lambda q: found.get(q).title.get(ui),  # type: ignore[union-attr]
        key="compare.questionnaire",
    )
    questionnaire = found.get(qid)
    assert questionnaire is not None
    lang = content_language(questionnaire, ui)
    history = usable[qid]
    ids = [a.id for a, _ in history]
    labels = {a.id: f"{a.assessed_on.isoformat()} (n.º {a.id})" for a, _ in history}
    left, right = st.columns(2)
    before = left.selectbox(
        t("compare_before", ui), ids, index=len(ids) - 2, format_func=labels.__getitem__,
        key=f"compare.before.{qid}",
    )  # fmt: skip
    after = right.selectbox(
        t("compare_after", ui), ids, index=len(ids) - 1, format_func=labels.__getitem__,
        key=f"compare.after.{qid}",
    )  # fmt: skip
    old, new = scored[before][1], scored[after][1]
    if (
        isinstance(questionnaire, Grid)
        and isinstance(old, GridResult)
        and isinstance(new, GridResult)
    ):
        _grid(questionnaire, old, new, lang, ui)
    elif isinstance(old, QuizResult) and isinstance(new, QuizResult):
        change = Change("points", old.points, new.points)
        st.metric(
            t("compare_points", ui),
            number(new.points, ui),
            delta=number(change.delta, ui) if change.delta is not None else None,
        )
    _trend(organization, qid, version, ui)
