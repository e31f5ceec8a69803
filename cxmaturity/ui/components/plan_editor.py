"""The team's initiatives plan: an editable table, plus suggestions to add per gap.

The plan lives in ``UiState.plans`` as :class:`PlanRow` objects. The table is a
``st.data_editor``; Streamlit keeps its edits as deltas against the data it was first
given. So the editor is always drawn from the same rows (a snapshot taken when its key
was made) and every edit recomputes the plan from the snapshot and all the deltas:
edits made while the page is still running after the previous one go to the same
widget and are never lost. The key (with the plan's revision) changes only when the
plan changes from outside the table (loaded, reset, added to, another screen's row
taken); then a fresh editor is drawn from the plan.

Each row is saved on its own (:func:`~cxmaturity.ui.autosave.save_plan`): a row
another screen changed meanwhile is not written, and the person sees that row as
stored there and keeps theirs or takes the other.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from typing import Any

import pandas as pd
import streamlit as st

from cxmaturity.i18n import long_date, number, t, tn
from cxmaturity.loader import dump_plan
from cxmaturity.model import Grid
from cxmaturity.planning import (
    DEFAULT_TOP_GAPS,
    Plan,
    PlanDocument,
    Priority,
    Status,
    default_plan,
    initiative_facts,
    suggestions_for,
    uncovered_gaps,
)
from cxmaturity.services.answers import stored_plan_item
from cxmaturity.ui.autosave import keep_my_row, save_plan, take_their_row
from cxmaturity.ui.backend import services
from cxmaturity.ui.state import PlanRow, UiState, get_state, plan_items
from cxmaturity.ui.text import date_column_format, escape_md, file_name, table_height

COLUMNS = ("capability", "initiative", "owner", "due", "priority", "status", "note")


def _editor_key(grid: Grid, state: UiState, lang: str) -> str:
    return f"plan.{grid.id}.editor.{lang}.r{state.plan_revision}"


def rows_for(state: UiState, grid: Grid, gaps: Plan) -> list[PlanRow]:
    """The plan as edited, or the suggestions for the top gaps before any edit."""
    rows = state.plans.get(grid.id)
    return rows if rows is not None else [PlanRow.of(i) for i in default_plan(gaps)]


def initiative_label(grid: Grid, row: PlanRow, lang: str) -> str:
    capability = grid.capability(row.capability or "")
    found = capability.initiative(row.suggestion) if capability and row.suggestion else None
    return found.title.get(lang) if found is not None else row.text


def _frame(grid: Grid, rows: list[PlanRow], lang: str) -> pd.DataFrame:
    records = [
        {
            "capability": row.capability,
            "initiative": initiative_label(grid, row, lang),
            "owner": row.owner,
            "due": row.due,
            "priority": row.priority.value,
            "status": row.status.value,
            "note": row.note,
        }
        for row in rows
    ]
    frame = pd.DataFrame.from_records(records, columns=list(COLUMNS))
    frame["due"] = pd.to_datetime(frame["due"]).dt.date
    return frame


def _date(value: Any) -> dt.date | None:
    if value is None or value == "" or (isinstance(value, float) and pd.isna(value)):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def apply_edits(
    rows: list[PlanRow], edits: dict[str, Any], grid: Grid, lang: str, salt: str = ""
) -> list[PlanRow]:
    """The rows after a data editor's ``edited_rows``, ``added_rows``, ``deleted_rows``.
    An added row's key derives from ``salt`` and its place among the added rows, so
    that it stays the same row from one edit to the next."""
    result = [PlanRow(**vars(row)) for row in rows]
    for index, change in (edits.get("edited_rows") or {}).items():
        position = int(index)
        if 0 <= position < len(result):
            _update(result[position], change, grid, lang)
    for place, added in enumerate(edits.get("added_rows") or []):
        row = PlanRow(key=hashlib.sha256(f"{salt}:{place}".encode()).hexdigest()[:32])
        _update(row, added, grid, lang)
        result.append(row)
    deleted = {int(i) for i in edits.get("deleted_rows") or []}
    return [row for i, row in enumerate(result) if i not in deleted]


def _update(row: PlanRow, change: dict[str, Any], grid: Grid, lang: str) -> None:
    shown = initiative_label(grid, row, lang)
    if "capability" in change:
        wanted = change["capability"]
        if wanted != row.capability and row.suggestion is not None:
            row.text, row.suggestion = shown, None  # a suggestion belongs to its capability
        row.capability = wanted if grid.capability(str(wanted or "")) else None
    if "initiative" in change and (change["initiative"] or "") != shown:
        row.text, row.suggestion = str(change["initiative"] or ""), None
    if "owner" in change:
        row.owner = str(change["owner"] or "")
    if "due" in change:
        row.due = _date(change["due"])
    if "priority" in change and change["priority"] in {p.value for p in Priority}:
        row.priority = Priority(change["priority"])
    if "status" in change and change["status"] in {s.value for s in Status}:
        row.status = Status(change["status"])
    if "note" in change:
        row.note = str(change["note"] or "")


def _snapshot(grid: Grid, gaps: Plan, key: str) -> tuple[str, list[PlanRow]]:
    """The rows the editor of ``key`` is drawn from, and the salt of its added rows'
    keys (taken when the key is new)."""
    saves = get_state().saves_of(grid.id)
    if saves.editor is None or saves.editor[0] != key:
        rows = [PlanRow(**vars(row)) for row in rows_for(get_state(), grid, gaps)]
        saves.editor = (key, secrets.token_hex(8), rows)
    return saves.editor[1], saves.editor[2]


def _on_edit(grid: Grid, gaps: Plan, key: str, lang: str) -> None:
    state = get_state()
    salt, drawn = _snapshot(grid, gaps, key)
    edits = st.session_state.get(key) or {}
    state.plans[grid.id] = apply_edits(drawn, edits, grid, lang, salt)
    save_plan(grid)


# px: every column in view on a laptop (1280 px wide; the table is 1,118 px with its
# row handles); a longer text is cut at its cell's edge and shown whole when edited.
WIDTHS = {"capability": 215, "initiative": 300, "owner": 110, "due": 112, "priority": 95,
          "status": 105, "note": 140}  # fmt: skip
ROWS_IN_VIEW = 20  # a longer plan scrolls inside its table


def _column_config(grid: Grid, gaps: Plan, lang: str, ui_lang: str) -> dict[str, Any]:
    names = {c.id: c.name.get(lang) for _, c in grid.capabilities()}
    values = {g.capability.id: f" ({g.current} → {g.ideal})" for g in (*gaps.gaps, *gaps.negative)}
    order = [g.capability.id for g in gaps.gaps] + [i for i in names if i not in values]
    order += [g.capability.id for g in gaps.negative]
    column = st.column_config
    return {
        "capability": column.SelectboxColumn(
            t("capability", ui_lang),
            options=list(dict.fromkeys(order)),
            format_func=lambda cid: names.get(cid, cid) + values.get(cid, ""),
            required=True,
            width=WIDTHS["capability"],
        ),
        "initiative": column.TextColumn(
            t("initiative", ui_lang), max_chars=500, required=True, width=WIDTHS["initiative"]
        ),
        "owner": column.TextColumn(t("owner", ui_lang), max_chars=300, width=WIDTHS["owner"]),
        "due": column.DateColumn(
            t("due", ui_lang), format=date_column_format(ui_lang), width=WIDTHS["due"]
        ),
        "priority": column.SelectboxColumn(
            t("priority", ui_lang),
            options=[p.value for p in Priority],
            format_func=lambda p: t(f"priority_{p}", ui_lang),
            default=Priority.MEDIUM.value,
            required=True,
            width=WIDTHS["priority"],
        ),
        "status": column.SelectboxColumn(
            t("status", ui_lang),
            options=[s.value for s in Status],
            format_func=lambda s: t(f"status_{s}", ui_lang),
            default=Status.PROPOSED.value,
            required=True,
            width=WIDTHS["status"],
        ),
        "note": column.TextColumn(t("note", ui_lang), max_chars=2000, width=WIDTHS["note"]),
    }


def plan_editor(grid: Grid, gaps: Plan, lang: str) -> None:
    """The editable plan of one grid, with the add and reset controls."""
    state = get_state()
    ui_lang = state.lang
    rows = rows_for(state, grid, gaps)
    read_only = grid.id in state.read_only  # an assessment this account may only see
    if state.save_notice:
        st.error(t(state.save_notice, ui_lang), icon=":material/error:")
    if read_only:
        st.caption(t("autosave_read_only", ui_lang, org=escape_md(state.organization.strip())))
    elif grid.id not in state.plans:
        st.caption(t("plan_default_note", ui_lang, n=len(gaps.top(DEFAULT_TOP_GAPS))))
    if not read_only:
        _save_status(grid, lang)
        _uncovered(grid, gaps, lang)
        _add_controls(grid, gaps, lang)
    key = _editor_key(grid, state, lang)
    _, drawn = _snapshot(grid, gaps, key)
    st.data_editor(
        _frame(grid, drawn, lang),
        key=key,
        disabled=read_only,
        num_rows="fixed" if read_only else "dynamic",
        hide_index=True,
        placeholder="–",
        width="stretch",
        # every row in view (the header, the rows and the line that adds one), up to 20
        height=table_height(len(drawn), ROWS_IN_VIEW, lines=2),
        column_config=_column_config(grid, gaps, lang, ui_lang),
        on_change=_on_edit,
        args=(grid, gaps, key, lang),
    )
    missing = len(rows) - len([r for r in rows if r.item(grid) is not None])
    if missing:
        st.caption(tn("plan_incomplete", missing, ui_lang))
    _how_to_start(grid, drawn, lang, ui_lang)
    left, right = st.columns(2)
    items = plan_items(state, grid)
    document = PlanDocument(
        questionnaire=grid.id, plan=items if items is not None else default_plan(gaps)
    )
    left.download_button(
        t("plan_download", ui_lang),
        data=lambda: dump_plan(document).encode("utf-8"),
        file_name=file_name("plan", state.organization, "yaml"),
        mime="application/x-yaml",
        icon=":material/download:",
        help=t("plan_download_help", ui_lang),
        key=f"plan.{grid.id}.download",
    )
    if grid.id in state.plans and not read_only:
        # An edited plan is work: going back to the suggestions asks first.
        with right.popover(
            t("plan_reset", ui_lang), icon=":material/restart_alt:",
            help=t("plan_reset_help", ui_lang),
        ):  # fmt: skip
            st.markdown(t("plan_reset_confirm", ui_lang))
            st.button(
                t("plan_reset_yes", ui_lang),
                type="primary",
                on_click=_reset,
                args=(grid,),
                key=f"plan.{grid.id}.reset",
            )


def _how_to_start(grid: Grid, rows: list[PlanRow], lang: str, ui_lang: str) -> None:
    """Each suggested initiative of the plan with its first step, KPI, who usually
    leads it and its effort (the questionnaire's texts: escaped, never markdown)."""
    shown: list[str] = []
    catalogue = services().assessments.kpi_catalogue()
    for row in rows:
        capability = grid.capability(row.capability or "")
        initiative = (
            capability.initiative(row.suggestion) if capability and row.suggestion else None
        )
        if initiative is None or initiative.id in shown:
            continue
        facts = initiative_facts(initiative, catalogue, lang)
        if not facts:
            continue
        if not shown:
            box = st.expander(t("plan_how_to_start", ui_lang), icon=":material/flag:")
        shown.append(initiative.id)
        title = f"{capability.name.get(lang)} · {initiative.title.get(lang)}"
        box.markdown(f"**{escape_md(title)}**  \n" + "  \n".join(escape_md(f) for f in facts))


def _reset(grid: Grid) -> None:
    get_state().set_plan(grid.id, None)
    save_plan(grid)


def _save_status(grid: Grid, lang: str) -> None:
    """Retry plan changes the database did not take, then say what is still unsaved
    and which rows someone else changed meanwhile (theirs shown; keep mine or take
    theirs)."""
    state = get_state()
    ui_lang = state.lang
    saves = state.saves_of(grid.id)
    if saves.unsaved:
        save_plan(grid)
    if saves.unsaved:
        st.warning(t("plan_unsaved", ui_lang), icon=":material/sync_problem:")
        st.button(t("autosave_retry", ui_lang), key=f"plan.retry.{grid.id}",
                  icon=":material/refresh:")  # fmt: skip
    mine = {row.key: row for row in state.plans.get(grid.id, [])}
    for key, theirs in list(saves.conflicts.items()):
        row = mine.get(key) or (PlanRow.of(stored_plan_item(theirs)) if theirs else None)
        shown = initiative_label(grid, row, lang) if row is not None else ""
        if theirs:
            text = t("plan_conflict", ui_lang, initiative=shown,
                     theirs=_their_row(grid, theirs, lang, ui_lang))  # fmt: skip
        else:
            text = t("plan_conflict_deleted", ui_lang, initiative=shown)
        st.warning(escape_md(text), icon=":material/merge:")
        with st.container(horizontal=True):
            st.button(t("autosave_keep_mine", ui_lang), key=f"plan.mine.{grid.id}.{key}",
                      on_click=keep_my_row, args=(grid, key))  # fmt: skip
            st.button(t("autosave_take_theirs", ui_lang), key=f"plan.theirs.{grid.id}.{key}",
                      on_click=take_their_row, args=(grid, key))  # fmt: skip


def _their_row(grid: Grid, fields: dict[str, str | None], lang: str, ui_lang: str) -> str:
    """Another screen's stored row, in words: initiative, owner, due, priority, status."""
    row = PlanRow.of(stored_plan_item(fields))
    parts = [initiative_label(grid, row, lang)]
    if row.owner:
        parts.append(f"{t('owner', ui_lang)}: {row.owner}")
    if row.due is not None:
        parts.append(f"{t('due', ui_lang)}: {long_date(row.due, ui_lang)}")
    parts.append(f"{t('priority', ui_lang)}: {t(f'priority_{row.priority.value}', ui_lang)}")
    parts.append(f"{t('status', ui_lang)}: {t(f'status_{row.status.value}', ui_lang)}")
    if row.note:
        parts.append(f"{t('note', ui_lang)}: {row.note}")
    return " · ".join(parts)


def _uncovered(grid: Grid, gaps: Plan, lang: str) -> None:
    """An edited plan (a re-evaluation carries last round's over, statuses kept) and
    top gaps it has nothing for: say which, and offer their suggestions."""
    state = get_state()
    ui_lang = state.lang
    items = plan_items(state, grid)
    if items is None:
        return  # not edited: the suggestions for the top gaps are the plan
    missing = uncovered_gaps(gaps, items)
    if not missing:
        return
    names = [g.capability.name.get(lang) for g in missing]
    text = tn("plan_uncovered", len(missing), ui_lang, gaps=", ".join(names))
    with st.container(border=True):
        st.markdown(escape_md(text))
        st.button(
            t("plan_add_uncovered", ui_lang),
            icon=":material/playlist_add:",
            on_click=_add_uncovered,
            args=(grid, gaps),
            key=f"plan.{grid.id}.add-uncovered",
        )


def _add_uncovered(grid: Grid, gaps: Plan) -> None:
    state = get_state()
    items = plan_items(state, grid) or []
    added = [PlanRow.of(item) for item in suggestions_for(uncovered_gaps(gaps, items))]
    state.set_plan(grid.id, rows_for(state, grid, gaps) + added)
    save_plan(grid)


def _add_controls(grid: Grid, gaps: Plan, lang: str) -> None:
    state = get_state()
    ui_lang = state.lang
    if not gaps.gaps:
        return
    with st.expander(t("plan_add", ui_lang), icon=":material/add_task:"):
        by_id = {g.capability.id: g for g in gaps.gaps}
        chosen = st.selectbox(
            t("plan_gap", ui_lang),
            options=list(by_id),
            format_func=lambda cid: (
                f"{by_id[cid].rank}. {by_id[cid].capability.name.get(lang)} "
                f"({number(by_id[cid].current, ui_lang)} → {number(by_id[cid].ideal, ui_lang)})"
            ),
            key=f"plan.{grid.id}.add.gap.{lang}",
        )
        gap = by_id[chosen]
        titles = {i.id: i.title.get(lang) for i in gap.initiatives}
        picks = st.multiselect(
            t("plan_suggestions", ui_lang),
            options=list(titles),
            format_func=titles.__getitem__,
            key=f"plan.{grid.id}.add.suggestions.{chosen}.{lang}.r{state.plan_revision}",
        )
        own = st.text_input(
            t("plan_own", ui_lang),
            max_chars=500,
            key=f"plan.{grid.id}.add.own.{lang}.r{state.plan_revision}",
        )
        if st.button(t("plan_add_button", ui_lang), key=f"plan.{grid.id}.add.button"):
            added = [PlanRow(chosen, suggestion=i) for i in picks]
            added += [PlanRow(chosen, text=own.strip())] if own.strip() else []
            if not added:
                st.warning(t("plan_nothing_to_add", ui_lang))
                return
            state.set_plan(grid.id, rows_for(state, grid, gaps) + added)
            save_plan(grid)
            st.toast(tn("plan_added", len(added), ui_lang), icon=":material/check:")
            st.rerun()
