"""The history of an organisation (the service caches it until the data changes)."""

from __future__ import annotations

import streamlit as st

from cxmaturity.charts import cached_trend_spec
from cxmaturity.i18n import kpi_change, kpi_help, kpi_label, long_date, number, short_date, t, tn
from cxmaturity.metrics import kpi_series
from cxmaturity.records import Assessment, Organization
from cxmaturity.services.access import Actor
from cxmaturity.ui.backend import services
from cxmaturity.ui.text import escape_md


def history_lines(
    actor: Actor, organization: Organization, lang: str
) -> tuple[list[Assessment], list[str]]:
    """The assessments (oldest first) and the history's lines (newest first), each an
    escaped markdown line: date · questionnaire · result · respondents · status (a
    list reflows on a phone, where a table of five columns hid three of them)."""
    entries = services().history.entries(actor, organization, lang)
    lines = [
        " · ".join([
            f"**{escape_md(short_date(e.assessment.assessed_on, lang))}**",
            escape_md(e.title),
            escape_md(e.result),
            tn("history_people", e.respondents, lang),
            escape_md(e.status),
        ])
        for e in entries
    ]  # fmt: skip
    return [e.assessment for e in reversed(entries)], lines


def kpi_trend(actor: Actor, organization: Organization, lang: str) -> None:
    """The organisation's KPIs over its rounds: a table (one column per date, the latest
    change in words) and a chart of one KPI, all driven by the KPI catalogue."""
    st.subheader(t("kpi_trend_title", lang), anchor=False)
    catalogue = services().assessments.kpi_catalogue()
    if catalogue is None:
        st.warning(t("kpi_catalogue_broken", lang), icon=":material/error:")
        return
    series = kpi_series(catalogue, services().assessments.kpi_rounds(actor, organization))
    if not series:
        st.caption(t("kpi_trend_none", lang))
        return
    days = sorted({day for s in series for day, _ in s.points})
    rows = []
    for one in series:
        values = dict(one.points)
        latest = one.latest
        row: dict[str, object] = {t("col_kpi", lang): kpi_label(one.kpi, lang)}
        # "–" where a round has no value or there is no change yet (never a blank cell)
        row |= {long_date(day, lang): number(values[day], lang) if day in values else "–"
                for day in days}  # fmt: skip
        row[t("col_kpi_change", lang)] = kpi_change(latest.delta, latest.improved, lang) or "–"
        rows.append(row)
    st.dataframe(rows, hide_index=True, width="stretch")
    by_id = {s.kpi.id: s for s in series}
    chosen = st.selectbox(
        t("kpi_trend_pick", lang), options=list(by_id),
        format_func=lambda k: by_id[k].kpi.name.get(lang),
        key=f"kpi.trend.{organization.public_id}",
    )  # fmt: skip
    picked = by_id[chosen]
    name, kpi = picked.kpi.name.get(lang), picked.kpi
    rows = [{"date": day.isoformat(), "series": name, "value": value}
            for day, value in picked.points]  # fmt: skip
    domain = [kpi.min, kpi.max] if kpi.min is not None and kpi.max is not None else None
    unit = t(f"kpi_unit_{kpi.unit}", lang)  # the name is in the legend, above and read aloud
    spec = cached_trend_spec(rows, lang, unit, domain, subject=name)
    st.vega_lite_chart(spec=spec, width="stretch", theme=None)
    st.caption(kpi_help(picked.kpi, lang))
