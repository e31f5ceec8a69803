"""A round's results as an Excel workbook (openpyxl), for consultants who analyse.

One sheet per topic, headings in the report's language, the first row frozen and
filtered: the summary, every respondent's answers, the scores per capability and per
category, the plan, the KPIs, the history of rounds and (when present) initiatives
and results and the private benchmark. Numbers are stored as numbers (levels
unrounded, as ``score --json`` gives them) and dates as dates; typed text is always
stored as text, never as a formula.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence

from openpyxl import Workbook
from openpyxl.cell.cell import Cell as XlCell
from openpyxl.cell.cell import MergedCell
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from .i18n import t
from .model import Grid, Quiz, Rating, as_grid, as_quiz
from .outcomes import Outcome
from .planning import default_plan, initiative_text, next_review, plan
from .report import ReportData
from .scoring import Result, as_grid_result, as_quiz_result

Cell = str | int | float | dt.date | None
DATE_FORMAT = "yyyy-mm-dd"
LEVEL_FORMAT = "0.00"
MAX_WIDTH = 60


def build_workbook(data: ReportData) -> bytes:
    """The workbook of ``data``; identical input gives identical content."""
    book = Workbook()
    first = book.active
    assert first is not None
    book.remove(first)
    accent = data.branding.accent.lstrip("#").upper()
    lang = data.lang
    _sheet(book, t("xlsx_summary", lang), *_summary(data), accent=accent)
    _sheet(book, t("xlsx_answers", lang), *_answers(data), accent=accent)
    if data.grids:
        _sheet(book, t("xlsx_capabilities", lang), *_capabilities(data), accent=accent)
        _sheet(book, t("xlsx_categories", lang), *_categories(data), accent=accent)
        _sheet(book, t("xlsx_plan", lang), *_plan(data), accent=accent)
    if data.quizzes:
        _sheet(book, t("xlsx_quiz", lang), *_quiz(data), accent=accent)
    _sheet(book, t("xlsx_kpis", lang), *_kpis(data), accent=accent)
    _sheet(book, t("xlsx_history", lang), *_history(data), accent=accent)
    if found := data.outcomes():
        _sheet(book, t("outcome_title", lang), *_outcomes(found, lang), accent=accent)
    if data.benchmarks:
        _sheet(book, t("bench_title", lang), *_benchmark(data), accent=accent)
    created = dt.datetime.combine(data.assessed_on, dt.time())
    book.properties.created = book.properties.modified = created
    book.properties.creator = data.branding.firm or "cxmaturity"
    book.properties.title = data.organization or "cxmaturity"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


# ------------------------------------------------------------------------ sheets

Table = tuple[list[str], list[list[Cell]]]


def _summary(data: ReportData) -> Table:
    lang = data.lang
    rows: list[list[Cell]] = [
        [t("xlsx_organization", lang), data.organization],
        [t("xlsx_date", lang), data.assessed_on],
        [t("xlsx_next_review", lang), next_review(data.assessed_on)],
        [t("xlsx_language", lang), lang],
    ]
    for quiz, result in data.quizzes:
        band = next((b for b in quiz.bands if b.id == result.band), None)
        rows.append([quiz.title.get(lang), result.points])
        rows.append([t("xlsx_band", lang), band.label.get(lang) if band else None])
    for grid, levels in data.grids:
        title = grid.title.get(lang)
        rows.append([f"{title}: {t('current', lang)}", levels.overall.current])
        rows.append([f"{title}: {t('ideal', lang)}", levels.overall.ideal])
        rows.append([f"{title}: {t('xlsx_gap', lang)}", levels.overall.gap])
        rows.append([t("xlsx_respondents", lang), levels.respondents])
    return [t("xlsx_item", lang), t("xlsx_value", lang)], rows


def _answers(data: ReportData) -> Table:
    """Every respondent's every answer: a quiz's option and its points, a grid's levels."""
    lang = data.lang
    headings = [t(k, lang) for k in ("xlsx_respondent", "xlsx_questionnaire", "xlsx_item_id",
                                     "xlsx_item", "xlsx_choice", "xlsx_points", "current",
                                     "ideal", "xlsx_note")]  # fmt: skip
    rows: list[list[Cell]] = []
    for section in data.sections:
        questionnaire = section.questionnaire
        names = _item_names(section.questionnaire, lang)
        for number, answers in enumerate(section.answers, start=1):
            who = answers.respondent or t("xlsx_respondent_n", lang, n=number)
            for item_id, value in answers.answers.items():
                row: list[Cell] = [who, questionnaire.id, item_id, names.get(item_id, item_id)]
                if isinstance(value, Rating):
                    row += [None, None, _level(value.current), _level(value.ideal), value.note]
                elif value is not None:
                    row += [value, _points(questionnaire, item_id, value), None, None, None]
                rows.append(row)
    return headings, rows


def _capabilities(data: ReportData) -> Table:
    lang = data.lang
    headings = [t(k, lang) for k in ("xlsx_questionnaire", "category", "xlsx_item_id",
                                     "capability", "current", "ideal", "xlsx_gap",
                                     "xlsx_priority", "xlsx_respondents", "xlsx_spread_current",
                                     "xlsx_spread_ideal")]  # fmt: skip
    rows: list[list[Cell]] = []
    for grid, result in data.grids:
        for category, capability in grid.capabilities():
            cap = result.capability(capability.id)
            rows.append([
                grid.id, category.name.get(lang), capability.id, capability.name.get(lang),
                cap.current if cap else None, cap.ideal if cap else None,
                cap.gap if cap else None, cap.priority if cap else None,
                cap.respondents if cap else 0,
                cap.spread_current if cap else None, cap.spread_ideal if cap else None,
            ])  # fmt: skip
    return headings, rows


def _categories(data: ReportData) -> Table:
    lang = data.lang
    headings = [t(k, lang) for k in ("xlsx_questionnaire", "xlsx_item_id", "category", "current",
                                     "ideal", "xlsx_gap", "xlsx_rated", "xlsx_total")]  # fmt: skip
    rows: list[list[Cell]] = []
    for grid, result in data.grids:
        names = {c.id: c.name.get(lang) for c in grid.categories}
        for c in result.categories:
            rows.append([grid.id, c.id, names.get(c.id, c.id), c.current, c.ideal, c.gap,
                         c.rated, c.total])  # fmt: skip
        overall = result.overall
        rows.append([grid.id, "overall", t("overall", lang), overall.current, overall.ideal,
                     overall.gap, result.rated, len(result.capabilities)])  # fmt: skip
    return headings, rows


def _plan(data: ReportData) -> Table:
    """The team's plan (or, before it edits one, the default plan of the top gaps)."""
    lang = data.lang
    headings = [t(k, lang) for k in ("xlsx_questionnaire", "capability", "initiative",
                                     "owner", "due", "priority", "plan_status",
                                     "xlsx_note")]  # fmt: skip
    rows: list[list[Cell]] = []
    for grid, result in data.grids:
        items = list(data.plan) if data.plan is not None else default_plan(plan(grid, result))
        for item in items:
            capability = grid.capability(item.capability)
            rows.append([
                grid.id, capability.name.get(lang) if capability else item.capability,
                initiative_text(grid, item, lang), item.owner or None, item.due,
                t(f"priority_{item.priority.value}", lang),
                t(f"status_{item.status.value}", lang), item.note or None,
            ])  # fmt: skip
    return headings, rows


def _quiz(data: ReportData) -> Table:
    lang = data.lang
    headings = [t(k, lang) for k in ("xlsx_questionnaire", "xlsx_item_id", "xlsx_item",
                                     "xlsx_choice", "xlsx_count")]  # fmt: skip
    rows: list[list[Cell]] = []
    for quiz, result in data.quizzes:
        texts = {q.id: q.text.get(lang) for q in quiz.questions}
        for question in result.questions:
            for choice, count in sorted(question.distribution.items()):
                rows.append([quiz.id, question.id, texts.get(question.id), choice, count])
    return headings, rows


def _kpis(data: ReportData) -> Table:
    lang = data.lang
    headings = [t(k, lang) for k in ("xlsx_item_id", "col_kpi", "xlsx_unit", "col_kpi_now",
                                     "col_kpi_before")]  # fmt: skip
    rows: list[list[Cell]] = [
        [r.kpi.id, r.kpi.name.get(lang), t(f"kpi_unit_{r.kpi.unit}", lang), r.value, r.before]
        for r in data.kpis
    ]
    return headings, rows


def _history(data: ReportData) -> Table:
    """Every round: date, questionnaire, levels (a grid) or points and band (a quiz)."""
    lang = data.lang
    headings = [t(k, lang) for k in ("xlsx_date", "xlsx_questionnaire", "current", "ideal",
                                     "xlsx_gap", "xlsx_points", "xlsx_band")]  # fmt: skip
    rounds: list[tuple[str, dt.date, Result]] = list(data.history)
    if not rounds:  # answers never stored: the previous round given, and this one
        rounds = [(q, day, r) for q, (day, r) in data.previous.items()]
        rounds += [(s.questionnaire.id, data.assessed_on, s.result) for s in data.sections]
    rows: list[list[Cell]] = []
    for questionnaire_id, day, result in sorted(rounds, key=lambda r: (r[1], r[0])):
        grid, quiz = as_grid_result(result), as_quiz_result(result)
        if grid is not None:
            o = grid.overall
            rows.append([day, questionnaire_id, o.current, o.ideal, o.gap, None, None])
        elif quiz is not None:
            rows.append([day, questionnaire_id, None, None, None, quiz.points, quiz.band])
    return headings, rows


def _outcomes(found: Sequence[tuple[Grid, tuple[Outcome, ...]]], lang: str) -> Table:
    keys = ("capability", "initiative", "plan_status", "compare_before", "compare_after",
            "outcome_group")  # fmt: skip
    headings = [t(k, lang) for k in keys]
    rows: list[list[Cell]] = []
    for grid, outcomes in found:
        for outcome in outcomes:
            capability = grid.capability(outcome.capability)
            name = capability.name.get(lang) if capability else outcome.capability
            for item in outcome.items:
                rows.append([
                    name, initiative_text(grid, item, lang),
                    t(f"status_{item.status.value}", lang),
                    outcome.change.before, outcome.change.after,
                    t(f"outcome_{outcome.group.value}", lang),
                ])  # fmt: skip
    return headings, rows


def _benchmark(data: ReportData) -> Table:
    lang = data.lang
    headings = [t(k, lang) for k in ("xlsx_item_id", "xlsx_item", "bench_yours", "bench_median",
                                     "bench_q1", "bench_q3", "bench_percentile",
                                     "bench_peers")]  # fmt: skip
    rows: list[list[Cell]] = []
    for grid, _ in data.grids:
        bench = data.benchmarks.get(grid.id)
        if bench is None:
            continue
        names = {c.id: c.name.get(lang) for c in grid.categories}
        names |= {c.id: c.name.get(lang) for _, c in grid.capabilities()}
        names["overall"] = t("overall", lang)
        for s in (bench.overall, *bench.categories, *bench.capabilities):
            rows.append([s.id, names.get(s.id, s.id), s.value, s.median, s.q1, s.q3,
                         s.percentile, s.peers])  # fmt: skip
    return headings, rows


# ------------------------------------------------------------------------- cells


def _sheet(book: Workbook, title: str, headings: list[str], rows: list[list[Cell]],
           *, accent: str) -> Worksheet:  # fmt: skip
    sheet: Worksheet = book.create_sheet(_sheet_title(title))
    bold = Font(bold=True, color="FFFFFF")
    fill = PatternFill("solid", fgColor=accent)
    for column, heading in enumerate(headings, start=1):
        cell = sheet.cell(row=1, column=column)
        _put(cell, heading)
        cell.font, cell.fill = bold, fill
    widths = [len(h) for h in headings]
    for r, values in enumerate(rows, start=2):
        for c, value in enumerate(values, start=1):
            cell = sheet.cell(row=r, column=c)
            _put(cell, value)
            if isinstance(value, dt.date):
                cell.number_format = DATE_FORMAT
            elif isinstance(value, float):
                cell.number_format = LEVEL_FORMAT if value != int(value) else "0"
            shown = 10 if isinstance(value, dt.date) else len(str(value or ""))
            widths[c - 1] = max(widths[c - 1], min(shown, MAX_WIDTH))
    for c, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(c)].width = width + 2
    sheet.freeze_panes = "A2"
    if rows:
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(headings))}{len(rows) + 1}"
    return sheet


def _put(cell: XlCell | MergedCell, value: Cell) -> None:
    """A value into a cell: text always as text (a typed "=..." never becomes a formula)."""
    if isinstance(value, str):
        cell.value = value
        cell.data_type = "s"
    else:
        cell.value = value


def _sheet_title(title: str) -> str:
    """A sheet name Excel accepts: at most 31 characters, none of []:*?/\\."""
    clean = "".join(" " if ch in "[]:*?/\\" else ch for ch in title).strip()
    return clean[:31] or "Sheet"


def _item_names(questionnaire: Quiz | Grid, lang: str) -> dict[str, str]:
    grid, quiz = as_grid(questionnaire), as_quiz(questionnaire)
    if grid is not None:
        return {c.id: c.name.get(lang) for _, c in grid.capabilities()}
    if quiz is not None:
        return {q.id: q.text.get(lang) for q in quiz.questions}
    return {}


def _points(questionnaire: Quiz | Grid, question_id: str, choice: str) -> int | None:
    quiz = as_quiz(questionnaire)
    question = next((q for q in quiz.questions if q.id == question_id), None) if quiz else None
    option = question.option(choice) if question is not None else None
    return option.points if option is not None else None


def _level(value: object) -> int | str | None:
    """A stored level: its number, or "N/A" (not applicable)."""
    if value is None or isinstance(value, int):
        return value
    return str(value)
