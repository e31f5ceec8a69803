"""Portfolio: every organisation the signed-in account may see, in one table and one
chart, for one questionnaire: last round's level and gap, the trend since the round
before, open and overdue initiatives, and the next review (overdue ones first and
marked). Filters by questionnaire, sector and size. Choosing a row opens that
organisation's history in this tab. Everything comes from
``services().portfolio.view`` with the signed-in account (its rights decide the rows)."""

from __future__ import annotations

import streamlit as st

from cxmaturity.charts import cached_portfolio_spec
from cxmaturity.i18n import decimal, t
from cxmaturity.model import as_grid
from cxmaturity.portfolio import PortfolioRow
from cxmaturity.records import SIZES
from cxmaturity.sections import delta_text
from cxmaturity.ui.backend import services
from cxmaturity.ui.catalog import catalog, content_language
from cxmaturity.ui.shell import ORGANIZATIONS, page_header, signed_in_or_invite
from cxmaturity.ui.state import get_state
from cxmaturity.ui.text import date_column_format, table_height

ANY = ""
QUESTIONNAIRE_KEY, SECTOR_KEY, SIZE_KEY = (
    "portfolio.questionnaire",
    "portfolio.sector",
    "portfolio.size",
)
MAX_ROWS_SHOWN = 30  # more scroll inside the table
MARKS = {"overdue": "⚠ ", "soon": "◆ ", "planned": "", "none": ""}


def _table_rows(rows: tuple[PortfolioRow, ...], lang: str) -> list[dict[str, object]]:
    """The table's rows (typed text is shown as text by the table, never as markup)."""
    found: list[dict[str, object]] = []
    for row in rows:
        organization = row.organization
        found.append({
            "organization": organization.name,
            "sector": organization.sector or "–",
            "size": organization.size or "–",
            "last": row.last_round,
            "level": decimal(row.level, lang) if row.level is not None else "–",
            "gap": decimal(row.gap, lang) if row.gap is not None else "–",
            "trend": delta_text(row.trend, lang) if row.trend is not None else "–",
            "open": row.open_initiatives,
            "overdue": row.overdue_initiatives,
            "review": row.next_review,
            "state": MARKS[row.review] + t(f"portfolio_review_{row.review}", lang),
        })  # fmt: skip
    return found


def _columns(lang: str, level_title: str) -> dict[str, object]:
    dates = date_column_format(lang)
    return {
        "organization": st.column_config.TextColumn(t("portfolio_col_organization", lang),
                                                    width="medium"),
        "sector": st.column_config.TextColumn(t("portfolio_col_sector", lang)),
        "size": st.column_config.TextColumn(t("portfolio_col_size", lang), width="small"),
        "last": st.column_config.DateColumn(t("portfolio_col_last", lang), format=dates),
        "level": st.column_config.TextColumn(level_title, width="small"),
        "gap": st.column_config.TextColumn(t("portfolio_col_gap", lang), width="small"),
        "trend": st.column_config.TextColumn(t("portfolio_col_trend", lang), width="small",
                                             help=t("portfolio_col_trend_help", lang)),
        "open": st.column_config.NumberColumn(t("portfolio_col_open", lang), format="%d",
                                              help=t("portfolio_col_open_help", lang)),
        "overdue": st.column_config.NumberColumn(t("portfolio_col_overdue", lang), format="%d",
                                                 help=t("portfolio_col_overdue_help", lang)),
        "review": st.column_config.DateColumn(t("portfolio_col_next", lang), format=dates),
        "state": st.column_config.TextColumn(t("portfolio_col_review", lang)),
    }  # fmt: skip


def _title(questionnaire_id: str, lang: str) -> str:
    found = catalog().get(questionnaire_id)
    return found.title.get(content_language(found, lang)) if found is not None else "–"


def _filters(lang: str, shown: str, offered: tuple[str, ...], sectors: tuple[str, ...]) -> None:
    """The questionnaire, sector and size filters (their values: session state)."""
    options = list(offered) or [""]
    with st.container(horizontal=True, vertical_alignment="bottom"):
        st.selectbox(
            t("portfolio_questionnaire", lang), options=options,
            index=options.index(shown) if shown in options else 0,
            format_func=lambda q: _title(q, lang), key=QUESTIONNAIRE_KEY,
        )  # fmt: skip
        st.selectbox(
            t("portfolio_col_sector", lang), options=[ANY, *sectors],
            format_func=lambda s: s or t("portfolio_any", lang), key=SECTOR_KEY,
        )  # fmt: skip
        st.selectbox(
            t("portfolio_col_size", lang), options=[ANY, *SIZES],
            format_func=lambda s: s or t("portfolio_any", lang), key=SIZE_KEY,
        )  # fmt: skip


def render() -> None:
    lang = get_state().lang
    page_header(t("portfolio_title", lang))
    actor = signed_in_or_invite("portfolio_sign_in")
    if actor is None:
        return
    # The filters as last chosen (their choices come with the view: one read).
    view = services().portfolio.view(
        actor,
        st.session_state.get(QUESTIONNAIRE_KEY) or None,
        sector=st.session_state.get(SECTOR_KEY) or None,
        size=st.session_state.get(SIZE_KEY) or None,
    )
    if not view.rows and not view.questionnaires and not view.sectors:
        st.info(t("orgs_none_yours", lang), icon=":material/info:")
        return
    _filters(lang, view.questionnaire, view.questionnaires, view.sectors)
    sector, size = st.session_state.get(SECTOR_KEY), st.session_state.get(SIZE_KEY)
    rows = view.rows
    with st.container(horizontal=True):
        st.metric(t("portfolio_organizations", lang), len(rows))
        st.metric(t("portfolio_reviews_overdue", lang),
                  sum(1 for r in rows if r.review == "overdue"))  # fmt: skip
        st.metric(t("portfolio_initiatives_overdue", lang),
                  sum(r.overdue_initiatives for r in rows))  # fmt: skip
    known = catalog()
    chosen = known.get(view.questionnaire) if view.questionnaire else None
    level_title = t("portfolio_col_level" if chosen is None or as_grid(chosen) is not None
                    else "portfolio_col_points", lang)  # fmt: skip
    st.caption(t("portfolio_help", lang))
    event = st.dataframe(
        _table_rows(rows, lang),
        column_config=_columns(lang, level_title),
        hide_index=True,
        width="stretch",
        height=table_height(len(rows), MAX_ROWS_SHOWN),
        on_select="rerun",
        selection_mode="single-row",
        key=f"portfolio.table.{view.questionnaire}.{sector}.{size}",
    )
    picked = event.selection.rows if event is not None else []
    if picked:
        organization = rows[picked[0]].organization
        st.switch_page(ORGANIZATIONS, query_params={"org": organization.public_id, "lang": lang})
    points = [{"name": r.organization.name, "level": r.level, "gap": r.gap, "review": r.review}
              for r in rows if r.level is not None and r.gap is not None]  # fmt: skip
    grid = as_grid(chosen) if chosen is not None else None
    if points and grid is not None:
        values = [lv.value for lv in grid.levels]
        spec = cached_portfolio_spec(points, lang, [float(min(values)), float(max(values))])
        st.vega_lite_chart(spec=spec, width="stretch", theme=None)


render()
