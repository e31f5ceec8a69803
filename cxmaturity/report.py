"""Results (and the team's plan) -> the gap-and-initiatives PDF, as bytes.

A new FPDF per call (fpdf2 documents are not reusable). Text is set in the bundled
DejaVu Sans (licence in ``fonts/``), which has every accent, ñ, ¿, ¡, curly quote,
dash and the euro sign. Charts are drawn with fpdf2 itself (:mod:`pdf_charts`: vector
shapes in the same font, no rendering engine). The creation date is fixed to the
assessment date, so the same input gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from fpdf import FPDF, FontFace
from fpdf.enums import MethodReturnValue, TableBordersLayout, XPos, YPos
from fpdf.outline import OutlineSection

from . import pdf_charts
from .benchmark import Benchmark
from .branding import Branding
from .compare import ARROWS, Change, GridComparison, compare_grids
from .i18n import (
    capped_text,
    decimal,
    kpi_change,
    kpi_help,
    kpi_label,
    long_date,
    number,
    short_date,
    t,
    tn,
)
from .metrics import KpiReading
from .model import (
    Answers,
    Grid,
    KpiCatalogue,
    Question,
    Questionnaire,
    Quiz,
    as_grid,
    as_quiz,
)
from .narrative import grid_story, quiz_story
from .outcomes import Outcome, outcomes
from .planning import (
    Gap,
    Plan,
    PlanItem,
    default_plan,
    initiative_facts,
    initiative_text,
    next_review,
    plan,
    priority_differs,
    suggested,
)
from .scoring import (
    GridResult,
    QuizResult,
    Result,
    as_grid_result,
    as_quiz_result,
    grid_pair,
    quiz_pair,
    score,
)
from .sections import (
    benchmark_headings,
    benchmark_intro,
    benchmark_rows,
    benchmark_sentence,
    capability_benchmark_rows,
    change_cells,
    outcome_groups,
    outcome_headings,
    outcome_summary,
)
from .team import DISCUSS_SPREAD, Split, counts_line, disagreements, splits

FONT_DIR = Path(__file__).resolve().parent / "fonts"
FAMILY = pdf_charts.FONT_FAMILY
MARGIN = 18.0
INK = (31, 42, 48)
MUTED = (96, 108, 116)
RULE = (214, 220, 224)
ZEBRA = (245, 247, 248)
PAGES_ALIAS = "{nb}"
TABLE_SIZE = 8.5  # pt, a table's text
MIN_TABLE_SIZE = 5.5  # pt: a word longer than this allows is left to wrap
CELL_PADDING = 1.6  # mm, left and right of a table cell's text


@dataclass(frozen=True)
class Section:
    """One questionnaire's answers (one or more respondents) and its result."""

    questionnaire: Quiz | Grid
    answers: tuple[Answers, ...]
    result: Result


@dataclass(frozen=True)
class Participation:
    """A workshop behind the results: who took part and how they answered before
    agreeing (questionnaire id -> the participants' own team result)."""

    names: tuple[str, ...]  # everyone who joined; "" for an anonymous participant
    before: dict[str, Result] = field(default_factory=dict)
    # Items voted on twice ("questionnaire id:item id") and each questionnaire's result
    # of the first vote (``before`` then holds the second).
    second_vote: tuple[str, ...] = ()
    first: dict[str, Result] = field(default_factory=dict)
    # Each group of the workshop: its name, how many were in it, and its result per
    # questionnaire id (anonymised per group in anonymous mode).
    groups: tuple[tuple[str, int, dict[str, Result]], ...] = ()


@dataclass(frozen=True)
class ReportData:
    """Everything one report shows. ``plan`` None means the team has not edited it."""

    sections: tuple[Section, ...]
    lang: str
    organization: str
    assessed_on: dt.date
    plan: tuple[PlanItem, ...] | None = None
    branding: Branding = field(default_factory=Branding)
    charts: bool = True
    # A re-evaluation: questionnaire id -> (date, result) of the previous assessment.
    previous: dict[str, tuple[dt.date, Result]] = field(default_factory=dict)
    participation: Participation | None = None  # results agreed in a workshop
    kpis: tuple[KpiReading, ...] = ()  # the round's KPI values (and the previous round's)
    catalogue: KpiCatalogue | None = None  # names the KPIs the initiatives point to
    # A re-evaluation: questionnaire id -> the previous round's plan (what it committed to).
    previous_plans: dict[str, tuple[PlanItem, ...]] = field(default_factory=dict)
    # The private benchmark, when asked for and shown: questionnaire id -> standing.
    benchmarks: dict[str, Benchmark] = field(default_factory=dict)
    # Every earlier round of the organisation: (questionnaire id, date, result), oldest
    # first (the workbook's history sheet; empty for answers never stored).
    history: tuple[tuple[str, dt.date, Result], ...] = ()

    @property
    def grids(self) -> list[tuple[Grid, GridResult]]:
        pairs = (grid_pair(s.questionnaire, s.result) for s in self.sections)
        return [p for p in pairs if p is not None]

    @property
    def quizzes(self) -> list[tuple[Quiz, QuizResult]]:
        pairs = (quiz_pair(s.questionnaire, s.result) for s in self.sections)
        return [p for p in pairs if p is not None]

    def outcomes(self) -> list[tuple[Grid, tuple[Outcome, ...]]]:
        """Per re-evaluated grid whose previous round had a plan: what became of that
        plan's initiatives next to the change in each capability's level."""
        found = []
        for grid, result in self.grids:
            earlier = self.previous.get(grid.id)
            last_plan = self.previous_plans.get(grid.id)
            before = as_grid_result(earlier[1]) if earlier is not None else None
            if before is not None and last_plan:
                found.append((grid, outcomes(grid, before, result, last_plan, self.plan)))
        return found


def report_data(
    teams: Sequence[tuple[Quiz | Grid, Sequence[Answers]]],
    lang: str,
    *,
    organization: str | None = None,
    assessed_on: dt.date | None = None,
    plan_items: Sequence[PlanItem] | None = None,
    branding: Branding | None = None,
    with_charts: bool = True,
    previous: dict[str, tuple[dt.date, Result]] | None = None,
    participation: Participation | None = None,
    kpis: Sequence[KpiReading] = (),
    catalogue: KpiCatalogue | None = None,
    previous_plans: dict[str, tuple[PlanItem, ...]] | None = None,
    benchmarks: dict[str, Benchmark] | None = None,
    history: Sequence[tuple[str, dt.date, Result]] = (),
) -> ReportData:
    """Score each team and gather the report's facts.

    The organisation and the date default to those written in the answers (the
    latest date), else today.
    """
    sections = tuple(Section(q, tuple(team), score(q, team)) for q, team in teams)
    everyone = [a for s in sections for a in s.answers]
    named = [a.organization.strip() for a in everyone if a.organization and a.organization.strip()]
    dates = [a.date for a in everyone if a.date is not None]
    return ReportData(
        sections=sections,
        lang=lang,
        organization=organization if organization is not None else (named[0] if named else ""),
        assessed_on=assessed_on or (max(dates) if dates else dt.date.today()),
        plan=tuple(plan_items) if plan_items is not None else None,
        branding=branding or Branding(),
        charts=with_charts,
        previous=previous or {},
        participation=participation,
        kpis=tuple(kpis),
        catalogue=catalogue,
        previous_plans=previous_plans or {},
        benchmarks=benchmarks or {},
        history=tuple(history),
    )


def build_report(data: ReportData) -> bytes:
    """The PDF of ``data``; identical input gives identical bytes."""
    pdf = _Pdf(data)
    _cover(pdf, data)
    _summary(pdf, data)
    _comparison(pdf, data)
    _outcome_section(pdf, data)
    _kpi_section(pdf, data)
    _benchmark_section(pdf, data)
    _participation(pdf, data)
    for grid, result in data.grids:
        gaps = plan(grid, result)
        _overview(pdf, data, grid, result)
        _gap_tables(pdf, data, gaps)
        _plan_table(pdf, data, grid, gaps)
    _notes(pdf, data)
    _appendix(pdf, data)
    return bytes(pdf.output())


# ----------------------------------------------------------------------- document


class _Pdf(FPDF):
    """A4 portrait with the branding's header and a numbered footer."""

    def __init__(self, data: ReportData) -> None:
        super().__init__(orientation="P", unit="mm", format="A4")
        self.data = data
        self.accent = data.branding.accent_rgb
        self.set_margins(MARGIN, MARGIN + 6, MARGIN)
        self.set_auto_page_break(auto=True, margin=MARGIN + 4)
        self.add_font(FAMILY, "", str(FONT_DIR / "DejaVuSans.ttf"))
        self.add_font(FAMILY, "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
        title = f"{t('report_title', data.lang)} · {data.organization}".strip(" ·")
        self.set_title(title)
        self.set_author(data.branding.firm or "cxmaturity")
        self.set_creator("cxmaturity")
        self.set_lang(data.lang)
        noon = dt.time(12, 0, tzinfo=dt.UTC)
        self.set_creation_date(dt.datetime.combine(data.assessed_on, noon))
        self.set_text_color(*INK)
        # fpdf2 replaces "{nb}" in any text with the page count; typed text must print
        # as typed, so the alias is switched on only for the footer's page number.
        self.alias_nb_pages("")  # "" switches it off (None, as documented, fails typing)

    def header(self) -> None:
        self.alias_nb_pages("")  # "" switches it off
        if self.page_no() == 1:
            return
        self.set_fill_color(*self.accent)
        self.rect(0, 0, self.w, 3, style="F")
        self.set_xy(MARGIN, 8)
        logo = self.data.branding.logo
        if logo is not None:
            self.image(io.BytesIO(logo), x=MARGIN, y=7, h=8, keep_aspect_ratio=True)
        self.font(8, muted=True)
        parts = [self.data.branding.firm, t("report_title", self.data.lang)]
        self.set_xy(MARGIN, 9)
        text = " · ".join(p for p in parts if p)
        self.cell(self.epw, 5, text, align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_draw_color(*RULE)
        self.line(MARGIN, 17, self.w - MARGIN, 17)
        self.set_y(MARGIN + 6)
        self.set_text_color(*INK)

    def footer(self) -> None:
        self.set_y(-MARGIN + 4)
        self.font(8, muted=True)
        date = long_date(self.data.assessed_on, self.data.lang)
        room = self.epw * 0.75 - self.get_string_width(f"{date} · ")
        organization = pdf_charts.fit_text(
            self, self.data.organization, room
        )  # the date always shows
        left = f"{organization} · {date}" if organization else date
        page = t("report_page", self.data.lang, page=self.page_no(), pages=PAGES_ALIAS)
        self.cell(self.epw * 0.75, 5, left, align="L")
        # On until the next page's header: the substitution itself happens at output.
        self.alias_nb_pages(PAGES_ALIAS)
        self.cell(self.epw * 0.25, 5, page, align="R")
        self.set_text_color(*INK)

    def font(self, size: float, bold: bool = False, muted: bool = False) -> None:
        self.set_font(FAMILY, "B" if bold else "", size)
        self.set_text_color(*(MUTED if muted else INK))

    def heading(self, text: str, size: float = 15) -> None:
        """A section heading in the accent colour, kept with what follows it. Page
        headings (15 pt and more) and section headings (12 pt) are entries of the
        PDF's outline and of the table of contents."""
        if self.get_y() > self.h - 70:
            self.add_page()
        self.ln(2)
        if size >= 15:
            self.start_section(text, level=0)
        elif size == 12:
            self.start_section(text, level=1)
        self.set_font(FAMILY, "B", size)
        self.set_text_color(*self.accent)
        self.multi_cell(0, size * 0.5, text, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_text_color(*INK)
        self.ln(2)

    def para(self, text: str, size: float = 10, bold: bool = False, muted: bool = False) -> None:
        self.font(size, bold=bold, muted=muted)
        self.multi_cell(0, size * 0.5, text, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def block(self, title: str | None, paragraphs: list[Paragraph], title_size: float = 12) -> None:
        """A heading and its paragraphs on one page: a new page first when they do not
        fit below but fit on a page (no line of a short section left on the next)."""
        height = sum(self._height(p.text, p.size, p.bold) for p in paragraphs)
        if title is not None:
            height += 4 + self._height(title, title_size, True)
        if self.get_y() + height > self.page_break_trigger and height <= self.eph - 10:
            self.add_page()
        if title is not None:
            self.heading(title, size=title_size)
        for p in paragraphs:
            self.para(p.text, size=p.size, bold=p.bold, muted=p.muted)

    def _height(self, text: str, size: float, bold: bool) -> float:
        """How tall :meth:`para` sets ``text`` (mm), measured without drawing it."""
        self.set_font(FAMILY, "B" if bold else "", size)
        height = self.multi_cell(
            0, size * 0.5, text, align="L", dry_run=True, output=MethodReturnValue.HEIGHT
        )
        assert isinstance(height, float | int)  # what output=HEIGHT returns
        return float(height)


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of :meth:`_Pdf.block`."""

    text: str
    size: float = 10
    bold: bool = False
    muted: bool = False


# -------------------------------------------------------------------------- pages


def _cover(pdf: _Pdf, data: ReportData) -> None:
    lang, brand = data.lang, data.branding
    pdf.add_page()
    pdf.set_fill_color(*pdf.accent)
    pdf.rect(0, 0, pdf.w, 12, style="F")
    pdf.set_y(26)
    if brand.logo is not None:
        pdf.image(io.BytesIO(brand.logo), x=MARGIN, y=24, h=18, keep_aspect_ratio=True)
        pdf.set_y(46)
    if brand.firm:
        pdf.para(brand.firm, size=11, bold=True, muted=True)
    pdf.set_y(max(pdf.get_y() + 16, 80))
    pdf.set_font(FAMILY, "B", 24)
    pdf.set_text_color(*pdf.accent)
    pdf.multi_cell(0, 11, t("report_title", lang), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.para(t("report_subtitle", lang), size=15, muted=True)
    pdf.ln(10)
    if data.organization:
        pdf.para(data.organization, size=20, bold=True)
        pdf.ln(8)
    rows = [(t("report_date", lang), long_date(data.assessed_on, lang))]
    rows += [(t("questionnaires", lang), "\n".join(_questionnaire_lines(data)))]
    rows += [(t("respondents", lang), _respondents(data))]
    rows += [(t("report_language", lang), t("language_name", lang))]
    rows += [(t("report_next_review", lang), long_date(next_review(data.assessed_on), lang))]
    if brand.firm:
        rows.append((t("report_prepared_by", lang), brand.firm))
    _key_values(pdf, rows)
    footer = t("report_made_with", lang) if brand.footer is None else brand.footer
    if footer:
        pdf.set_y(pdf.h - MARGIN - 10)
        pdf.para(footer, size=8, muted=True)


def _contents(pdf: FPDF, sections: list[OutlineSection]) -> None:
    """The table of contents: each page heading and its sections, with their pages
    (each line a link to its page)."""
    assert isinstance(pdf, _Pdf)
    pdf.set_font(FAMILY, "B", 18)
    pdf.set_text_color(*pdf.accent)
    pdf.ln(2)
    pdf.cell(0, 9, t("report_contents", pdf.data.lang), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(4)
    for section in sections:
        top = section.level == 0
        if top:
            pdf.ln(1.5)
        pdf.font(10.5 if top else 9.5, bold=top, muted=not top)
        indent = 0 if top else 6
        link = pdf.add_link(page=section.page_number)
        pdf.set_x(MARGIN + indent)
        pdf.cell(pdf.epw - indent - 14, 6.2, section.name, link=link)
        pdf.cell(14, 6.2, str(section.page_number), align="R", link=link,
                 new_x=XPos.LMARGIN, new_y=YPos.NEXT)  # fmt: skip
    pdf.set_text_color(*INK)


def _questionnaire_lines(data: ReportData) -> Iterator[str]:
    for s in data.sections:
        yield tn(
            "report_questionnaire_line",
            len(s.answers),
            data.lang,
            title=s.questionnaire.title.get(data.lang),
            version=s.questionnaire.version,
        )


def _respondents(data: ReportData) -> str:
    if data.participation is not None:  # a workshop: the people who took part
        people = data.participation.names
        named = [n for n in dict.fromkeys(people) if n]
        shown = named + ([t("report_anonymous", data.lang)] if len(named) < len(people) else [])
        return tn("report_respondent_count", len(people), data.lang, names=", ".join(shown))
    names: list[str] = []
    unnamed = 0
    for section in data.sections:
        for answers in section.answers:
            name = (answers.respondent or "").strip()
            if not name:
                unnamed += 1
            elif name not in names:
                names.append(name)
    count = max(len(names), max((len(s.answers) for s in data.sections), default=0))
    shown = names + ([t("report_anonymous", data.lang)] if unnamed and not names else [])
    return tn("report_respondent_count", count, data.lang, names=", ".join(shown))


def _key_values(pdf: _Pdf, rows: Sequence[tuple[str, str]]) -> None:
    style = FontFace(emphasis="BOLD", color=MUTED)
    pdf.font(10)
    pdf.set_fill_color(255, 255, 255)
    with pdf.table(
        col_widths=(1, 2.6),
        first_row_as_headings=False,
        borders_layout=TableBordersLayout.HORIZONTAL_LINES,
        text_align="LEFT",
        line_height=5.5,
        padding=(2, 2, 2, 0),
    ) as table:
        pdf.set_draw_color(*RULE)
        for key, value in rows:
            row = table.row()
            row.cell(key, style=style)
            row.cell(value)


def _summary(pdf: _Pdf, data: ReportData) -> None:
    """One page a board reads: the results in sentences, then each questionnaire's
    chart (the quiz's band scale, the grid's categories today and ideal)."""
    lang = data.lang
    pdf.add_page()
    if data.grids:  # a grid's report runs to six pages and more: a contents page first
        pdf.insert_toc_placeholder(_contents, pages=1, reset_page_indices=False)
    pdf.heading(t("report_summary", lang), size=18)
    for paragraph in story(data):
        pdf.para(paragraph, size=11)
        pdf.ln(2.5)
    for quiz, quiz_result in data.quizzes:
        if data.charts and quiz_result.points is not None:
            pdf.heading(quiz.title.get(lang), size=11)
            pdf_charts.band_chart(pdf, quiz, quiz_result, lang, pdf.epw)
    for grid, grid_result in data.grids:
        if data.charts and grid_result.overall.current is not None:
            pdf.heading(grid.title.get(lang), size=11)
            pdf_charts.category_chart(pdf, grid, grid_result, lang, pdf.epw)
    pdf.ln(2)
    review = long_date(next_review(data.assessed_on), lang)
    pdf.para(t("report_next_review_text", lang, date=review), size=10, bold=True)
    for quiz, quiz_result in data.quizzes:
        _quiz_details(pdf, quiz, quiz_result, lang)
    for grid, grid_result in data.grids:
        _grid_details(pdf, grid, grid_result, lang)


def story(data: ReportData) -> list[str]:
    """The executive summary's prose: each quiz in a sentence, then each grid's levels,
    biggest gaps, change since the previous round and first initiatives."""
    paragraphs = [quiz_story(quiz, result, data.lang) for quiz, result in data.quizzes]
    for grid, result in data.grids:
        earlier = data.previous.get(grid.id)
        before = grid_pair(grid, earlier[1]) if earlier is not None else None
        paragraphs += grid_story(
            grid,
            result,
            data.lang,
            organization=data.organization,
            plan_items=data.plan,
            previous=(earlier[0], before[1]) if earlier is not None and before else None,
        )
    return paragraphs


def _quiz_details(pdf: _Pdf, quiz: Quiz, result: QuizResult, lang: str) -> None:
    """The quiz's result in the questionnaire's own words: the points, the band and
    what it says, what capped it, and the closing text."""
    pdf.ln(3)
    title = quiz.title.get(lang)
    if result.points is None or result.band is None:
        message = t("partial_quiz" if result.respondents == 1 else "no_complete", lang)
        pdf.block(title, [Paragraph(message)])
        return
    band = next(b for b in quiz.bands if b.id == result.band)
    points = t(
        "report_quiz_points", lang, points=result.points, low=quiz.min_points, high=quiz.max_points
    )
    if result.respondents > 1:
        points = t("team_points", lang, n=result.complete_respondents, points=result.points)
    paragraphs = [Paragraph(points, muted=True), Paragraph(band.label.get(lang), 12, bold=True)]
    if band.description is not None:
        paragraphs.append(Paragraph(band.description.get(lang)))
    if result.capped_by:
        capped = capped_text(quiz.question_numbers(result.capped_by), lang)
        paragraphs.append(Paragraph(capped, 9.5, bold=True))
    if quiz.closing is not None:
        paragraphs.append(Paragraph(quiz.closing.get(lang), 9.5, muted=True))
    pdf.block(title, paragraphs)


def _grid_details(pdf: _Pdf, grid: Grid, result: GridResult, lang: str) -> None:
    """The grid's overall levels with their labels, and what a partial grid lacks."""
    overall = result.overall
    pdf.ln(3)
    pdf.heading(grid.title.get(lang), size=12)
    if overall.current is None:
        pdf.para(t("nothing_rated", lang))
        return
    if not result.complete:
        na = result.not_applicable
        pdf.para(
            t("partial_label", lang)
            + ": "
            + t("partial_detail", lang, rated=result.rated, total=len(result.capabilities), na=na),
            size=10,
            bold=True,
        )
    pdf.para(
        t(
            "report_grid_levels",
            lang,
            current=decimal(overall.current, lang),
            current_label=_level_label(grid, overall.current, lang),
            ideal=decimal(overall.ideal, lang),
            ideal_label=_level_label(grid, overall.ideal, lang),
            gap=decimal(overall.gap, lang),
        ),
        size=10,
    )


def _comparison(pdf: _Pdf, data: ReportData) -> None:
    """A re-evaluation: what rose and fell since the previous assessment."""
    lang = data.lang
    for section in data.sections:
        earlier = data.previous.get(section.questionnaire.id)
        if earlier is None:
            continue
        day, before = earlier
        pdf.heading(t("report_comparison", lang, date=long_date(day, lang)), size=12)
        grid, new_grid = grid_pair(section.questionnaire, before), as_grid_result(section.result)
        quiz, new_quiz = quiz_pair(section.questionnaire, before), as_quiz_result(section.result)
        if grid is not None and new_grid is not None:
            _grid_comparison(pdf, lang, grid[0], compare_grids(grid[0], grid[1], new_grid))
        elif quiz is not None and new_quiz is not None:
            change = Change("points", quiz[1].points, new_quiz.points)
            pdf.para(f"{t('compare_points', lang)}: {_change_text(change, lang)}", size=10)


def _outcome_section(pdf: _Pdf, data: ReportData) -> None:
    """Initiatives and results: last round's initiatives, by what became of them, next
    to the change in their capability's level (facts side by side, no causal claim)."""
    lang = data.lang
    for grid, found in data.outcomes():
        pdf.ln(3)
        pdf.heading(t("outcome_title", lang), size=12)
        pdf.para(t("outcome_intro", lang), size=9, muted=True)
        pdf.para(outcome_summary(found, lang), size=10)
        for _, title, rows in outcome_groups(grid, found, lang):
            if rows:  # the sentence above already counts the empty groups
                pdf.ln(1.5)
                pdf.heading(title, size=10.5)
                _table(pdf, outcome_headings(lang), rows, widths=(46, 92, 36), numeric={2})


def _benchmark_section(pdf: _Pdf, data: ReportData) -> None:
    """The private benchmark (when asked for): the levels against the other
    organisations compared, never naming them."""
    lang = data.lang
    for grid, _ in data.grids:
        bench = data.benchmarks.get(grid.id)
        if bench is None:
            continue
        pdf.add_page()
        pdf.heading(t("bench_title", lang), size=14)
        pdf.para(benchmark_intro(bench, lang), size=9, muted=True)
        pdf.para(benchmark_sentence(bench, lang), size=10.5, bold=True)
        pdf.ln(1.5)
        widths = (64, 24, 24, 34, 28)
        headings = benchmark_headings(lang, "category")
        _table(pdf, headings, benchmark_rows(grid, bench, lang), widths, numeric={1, 2, 3, 4})
        pdf.ln(3)
        headings = benchmark_headings(lang, "capability")
        rows = capability_benchmark_rows(grid, bench, lang)
        _table(pdf, headings, rows, widths, numeric={1, 2, 3, 4})


def _kpi_section(pdf: _Pdf, data: ReportData) -> None:
    """The round's business and operational metrics, next to the previous round's."""
    if not data.kpis:
        return
    lang = data.lang
    pdf.ln(3)
    pdf.heading(t("report_kpis", lang), size=12)
    pdf.para(t("report_kpis_intro", lang), size=9, muted=True)
    pdf.ln(1)
    headings = [t(k, lang) for k in ("col_kpi", "col_kpi_now", "col_kpi_before", "col_kpi_change")]
    rows = [
        [
            kpi_label(r.kpi, lang),
            number(r.value, lang) if r.value is not None else "–",
            number(r.before, lang) if r.before is not None else "–",
            kpi_change(r.delta, r.improved, lang),
        ]
        for r in data.kpis
    ]
    _table(pdf, headings, rows, widths=(74, 30, 30, 40), numeric={1, 2})


DISAGREEMENT_ROWS = 12  # the widest disagreements shown per grid


def _participation(pdf: _Pdf, data: ReportData) -> None:
    """A workshop: how many took part, and where they disagreed before agreeing."""
    facts = data.participation
    if facts is None:
        return
    lang = data.lang
    pdf.heading(t("report_participation", lang), size=12)
    pdf.para(t("report_participation_intro", lang, n=len(facts.names)), size=10)
    for section in data.sections:
        before = facts.before.get(section.questionnaire.id)
        questionnaire = section.questionnaire
        content = questionnaire.language_for(lang)
        grid, quiz = grid_pair(questionnaire, before), quiz_pair(questionnaire, before)
        agreed_grid, agreed_quiz = as_grid_result(section.result), as_quiz_result(section.result)
        if grid is not None and agreed_grid is not None:
            _grid_disagreement(pdf, lang, content, grid[0], before=grid[1], agreed=agreed_grid)
        elif quiz is not None and agreed_quiz is not None:
            _quiz_splits(pdf, lang, content, quiz[0], before=quiz[1], agreed=agreed_quiz)
    if facts.second_vote:
        _second_votes(pdf, data, facts)
    if facts.groups:
        _groups(pdf, data, facts)


def _groups(pdf: _Pdf, data: ReportData, facts: Participation) -> None:
    """Each group's result side by side: per category today → ideal (grids), the team
    points (quizzes)."""
    lang = data.lang
    pdf.ln(3)
    pdf.para(t("report_groups", lang), size=10, bold=True)
    people = " · ".join(f"{name}: {n}" for name, n, _ in facts.groups)
    pdf.para(t("report_groups_help", lang, people=people), size=9, muted=True)
    for section in data.sections:
        questionnaire = section.questionnaire
        content = questionnaire.language_for(lang)
        results = [(name, found.get(questionnaire.id)) for name, _, found in facts.groups]
        pdf.ln(1)
        pdf.para(questionnaire.title.get(content), size=9.5, bold=True)
        grid = as_grid(questionnaire)
        if grid is None:
            rows = [[name, _points(result, lang)] for name, result in results]
            _table(pdf, [t("ws_col_group", lang), t("ws_team_points", lang)], rows,
                   widths=(120, 54), numeric={1})  # fmt: skip
            continue
        graded = [(name, as_grid_result(r) if r is not None else None) for name, r in results]
        rows = [
            [category.name.get(content)]
            + [_group_level(result, category.id, lang) for _, result in graded]
            for category in grid.categories
        ]
        share = (174 - 56) / max(len(graded), 1)
        headings = [t("category", lang), *(name for name, _ in graded)]
        numeric = set(range(1, len(graded) + 1))
        _table(pdf, headings, rows, widths=(56, *([share] * len(graded))), numeric=numeric)


def _group_level(result: GridResult | None, category_id: str, lang: str) -> str:
    found = next((c for c in result.categories if c.id == category_id), None) if result else None
    if found is None or found.current is None:
        return t("not_available", lang)
    return f"{decimal(found.current, lang)} → {decimal(found.ideal, lang)}"


def _points(result: Result | None, lang: str) -> str:
    quiz = as_quiz_result(result) if result is not None else None
    return number(quiz.points, lang) if quiz is not None and quiz.points is not None else "–"


def _second_votes(pdf: _Pdf, data: ReportData, facts: Participation) -> None:
    """The items voted on twice: the first vote, the second, and the agreed value."""
    lang = data.lang
    pdf.ln(3)
    pdf.para(t("report_second_vote", lang), size=10, bold=True)
    pdf.para(t("report_second_vote_help", lang), size=9, muted=True)
    pdf.ln(1)
    sections = {s.questionnaire.id: s for s in data.sections}
    rows = []
    for key in facts.second_vote:
        questionnaire_id, _, item_id = key.partition(":")
        section = sections.get(questionnaire_id)
        if section is None:
            continue
        questionnaire = section.questionnaire
        name = questionnaire.item_name(item_id, lang)
        votes = [_vote(questionnaire, r.get(questionnaire_id), item_id, lang)
                 for r in (facts.first, facts.before)]  # fmt: skip
        rows.append([name, *votes, _agreed(questionnaire, section.result, item_id, lang)])
    headings = [t(k, lang) for k in ("ws_col_item", "ws_col_first_vote",
                                     "report_second_vote_col", "report_agreed")]  # fmt: skip
    _table(pdf, headings, rows, widths=(58, 44, 44, 28), numeric=set())


def _agreed(questionnaire: Questionnaire, result: Result, item_id: str, lang: str) -> str:
    """The agreed value of one item: the grid's levels today → ideal, the quiz's
    option (the median choice of the agreed answers)."""
    grid = as_grid_result(result)
    if grid is not None:
        found = grid.capability(item_id)
        if found is None or found.current is None:
            return t("not_available", lang)
        return f"{number(found.current, lang)} → {number(found.ideal, lang)}"
    found_split = _quiz_split(questionnaire, result, item_id)
    median = found_split[1].median if found_split is not None else None
    if found_split is None or median is None:
        return t("not_available", lang)
    return f"{found_split[0].letters()[median]})"


def _vote(questionnaire: Questionnaire, result: Result | None, item_id: str, lang: str) -> str:
    """One item's votes in a cell: the quiz's count per option, or the grid's medians
    today and ideal with their ranges."""
    grid = as_grid_result(result) if result is not None else None
    if grid is not None:
        found = grid.capability(item_id)
        if found is None or found.current is None:
            return t("not_available", lang)
        return (f"{_median_spread(found.current, found.spread_current, lang)} → "
                f"{_median_spread(found.ideal, found.spread_ideal, lang)}")  # fmt: skip
    found_split = _quiz_split(questionnaire, result, item_id)
    if found_split is None:
        return t("not_available", lang)
    return counts_line(*found_split)


def _quiz_split(
    questionnaire: Questionnaire, result: Result | None, item_id: str
) -> tuple[Question, Split] | None:
    """A quiz question and how its answers split (None: not a quiz, or nobody
    answered it)."""
    quiz = as_quiz(questionnaire)
    scored = as_quiz_result(result) if result is not None else None
    question = quiz.question(item_id) if quiz is not None else None
    if quiz is None or scored is None or question is None:
        return None
    split = next(s for s in splits(quiz, scored) if s.question_id == item_id)
    return (question, split) if split.answered else None


def _grid_disagreement(
    pdf: _Pdf, lang: str, content: str, grid: Grid, *, before: GridResult, agreed: GridResult
) -> None:
    found = [d for d in disagreements(grid, before) if d.spread > 0][:DISAGREEMENT_ROWS]
    pdf.ln(3)
    pdf.para(
        t("report_disagreement_grid", lang, title=grid.title.get(content), n=before.respondents),
        size=10,
        bold=True,
    )
    if not found:
        pdf.para(t("report_no_disagreement", lang), size=9.5, muted=True)
        return
    pdf.para(t("report_disagreement_help", lang, spread=DISCUSS_SPREAD), size=9, muted=True)
    pdf.ln(1)
    headings = [
        t(k, lang)
        for k in ("capability", "report_team_today", "report_team_ideal", "report_agreed")
    ]
    rows = []
    for item in found:
        cap, after = item.result, agreed.capability(item.capability.id)
        flag = " ●" if item.discuss else ""
        rows.append(
            [
                item.capability.name.get(content) + flag,
                _median_spread(cap.current, cap.spread_current, lang),
                _median_spread(cap.ideal, cap.spread_ideal, lang),
                f"{number(after.current, lang)} → {number(after.ideal, lang)}"
                if after is not None
                else t("not_available", lang),
            ]
        )
    _table(pdf, headings, rows, widths=(74, 34, 34, 32), numeric={1, 2, 3})


def _median_spread(value: float | None, spread: float | None, lang: str) -> str:
    if value is None:
        return t("not_available", lang)
    return t("report_median_spread", lang, median=number(value, lang), spread=number(spread, lang))


def _quiz_splits(
    pdf: _Pdf, lang: str, content: str, quiz: Quiz, *, before: QuizResult, agreed: QuizResult
) -> None:
    pdf.ln(3)
    pdf.para(
        t("report_disagreement_quiz", lang, title=quiz.title.get(content), n=before.respondents),
        size=10,
        bold=True,
    )
    pdf.ln(1)
    rows = []
    for split in splits(quiz, before):
        question = quiz.question(split.question_id)
        assert question is not None
        counts = counts_line(question, split)
        share = f"{round(100 * split.agreement)} %" if split.agreement is not None else "–"
        rows.append([question.text.get(content), counts, share])
    headings = [t(k, lang) for k in ("question", "report_choices", "report_agreement")]
    _table(pdf, headings, rows, widths=(100, 48, 26), numeric={2})
    points = agreed.points if agreed.points is not None else None
    pdf.ln(1)
    pdf.para(
        t(
            "report_quiz_agreed",
            lang,
            before=number(before.points, lang),
            after=number(points, lang),
        ),
        size=9.5,
    )


def _change_text(change: Change, lang: str) -> str:
    arrow = ARROWS[change.direction]
    delta = (
        ""
        if change.delta is None
        else f" ({'+' if change.delta > 0 else ''}{number(change.delta, lang)})"
    )
    return f"{number(change.before, lang)} → {number(change.after, lang)} {arrow}{delta}".strip()


def _grid_comparison(pdf: _Pdf, lang: str, grid: Grid, comparison: GridComparison) -> None:
    pdf.para(f"{t('overall', lang)}: {_change_text(comparison.overall, lang)}", size=10, bold=True)
    pdf.ln(1)
    names = {c.id: c.name.get(lang) for c in grid.categories}
    names |= {c.id: c.name.get(lang) for _, c in grid.capabilities()}
    headings = [
        t(k, lang) for k in ("category", "compare_before", "compare_after", "compare_change")
    ]
    rows = [[names[c.id], *change_cells(c, lang)] for c in comparison.categories]
    _table(pdf, headings, rows, widths=(80, 30, 30, 34), numeric={1, 2, 3})
    moved = comparison.moved()
    if moved:
        pdf.ln(2)
        headings[0] = t("capability", lang)
        rows = [[names[c.id], *change_cells(c, lang)] for c in moved]
        _table(pdf, headings, rows, widths=(80, 30, 30, 34), numeric={1, 2, 3})


def _level_label(grid: Grid, value: float | None, lang: str) -> str:
    level = grid.level_at_or_below(value)
    return f"{level.value} · {level.label.get(lang)}" if level else t("not_available", lang)


def _overview(pdf: _Pdf, data: ReportData, grid: Grid, result: GridResult) -> None:
    if not data.charts:
        return
    pdf.add_page()
    pdf.heading(t("report_overview", data.lang))
    pdf_charts.capability_heatmap(pdf, grid, result, data.lang, pdf.epw)


def _gap_tables(pdf: _Pdf, data: ReportData, gaps: Plan) -> None:
    lang = data.lang
    pdf.add_page()
    pdf.heading(t("report_gaps", lang))
    if not gaps.gaps:
        pdf.para(t("no_gaps", lang))
    else:
        _gap_table(pdf, lang, gaps.gaps)
    if gaps.negative:
        pdf.ln(4)
        pdf.heading(t("negative_gaps", lang), size=12)
        pdf.para(t("negative_help", lang), size=9, muted=True)
        pdf.ln(1)
        _gap_table(pdf, lang, gaps.negative)


def _gap_table(pdf: _Pdf, lang: str, gaps: Sequence[Gap]) -> None:
    """The gaps ranked; the priority column only where weights make it differ from
    the gap (on the default weights it says the same)."""
    weighted = priority_differs(gaps)
    keys = ["rank", "capability", "category", "current_state", "ideal", "gap"]
    headings = [t(k, lang) for k in (*keys, "priority")[: len(keys) + weighted]]
    rows = [
        [
            str(g.rank),
            g.capability.name.get(lang),
            g.category.name.get(lang),
            number(g.current, lang),
            number(g.ideal, lang),
            number(g.gap, lang),
            *([number(g.priority, lang)] if weighted else []),
        ]
        for g in gaps
    ]
    widths = (9, 52, 46, 15, 15, 16, 21) if weighted else (9, 60, 59, 17, 17, 17)
    _table(pdf, headings, rows, widths=widths, numeric={0, 3, 4, 5, 6})


def _plan_table(pdf: _Pdf, data: ReportData, grid: Grid, gaps: Plan) -> None:
    lang = data.lang
    items = list(data.plan) if data.plan is not None else default_plan(gaps)
    items = [i for i in items if grid.capability(i.capability) is not None]
    pdf.add_page()
    pdf.heading(t("report_plan", lang))
    if data.plan is None:
        pdf.para(t("report_plan_default", lang, n=len(gaps.top(5))), size=9, muted=True)
        pdf.ln(2)
    if not items:
        pdf.para(t("report_plan_empty", lang))
        return
    by_id = {g.capability.id: g for g in (*gaps.gaps, *gaps.negative)}
    order = {g.capability.id: i for i, g in enumerate((*gaps.gaps, *gaps.negative))}
    items.sort(key=lambda i: order.get(i.capability, len(order)))
    headings = [t(k, lang) for k in ("capability", "initiative", "owner", "due", "report_state")]
    rows = []
    for item in items:
        capability = grid.capability(item.capability)
        assert capability is not None
        gap = by_id.get(item.capability)
        name = capability.name.get(lang)
        if gap is not None:
            name += f"\n{number(gap.current, lang)} → {number(gap.ideal, lang)}"
        rows.append(
            [
                name,
                _initiative_cell(data, grid, item),
                item.owner,
                short_date(item.due, lang) if item.due else "",
                f"{t(f'priority_{item.priority.value}', lang)}\n"
                f"{t(f'status_{item.status.value}', lang)}",
            ]
        )
    _table(pdf, headings, rows, widths=(30, 72, 28, 22, 22), numeric=set())


def _initiative_cell(data: ReportData, grid: Grid, item: PlanItem) -> str:
    """The initiative's title and, for a suggested one, how to start it."""
    initiative = suggested(grid, item)
    facts = initiative_facts(initiative, data.catalogue, data.lang) if initiative else []
    return "\n".join([initiative_text(grid, item, data.lang), *facts])


def _table(
    pdf: _Pdf,
    headings: list[str],
    rows: list[list[str]],
    widths: Sequence[float],
    numeric: set[int],
) -> None:
    """A table that breaks across pages with its heading row repeated. A cell whose
    longest word is wider than its column is set smaller until the word fits: fpdf2
    would otherwise break the word in the middle."""
    heading = FontFace(emphasis="BOLD", color=(255, 255, 255), fill_color=pdf.accent)
    inner = [pdf.epw * w / sum(widths) - 2 * CELL_PADDING for w in widths]
    pdf.font(TABLE_SIZE)
    pdf.set_draw_color(*RULE)
    pdf.set_fill_color(*ZEBRA)
    with pdf.table(
        col_widths=widths,
        headings_style=heading,
        borders_layout=TableBordersLayout.HORIZONTAL_LINES,
        cell_fill_color=ZEBRA,
        cell_fill_mode="ROWS",
        text_align="LEFT",
        line_height=4.4,
        padding=(1.6, CELL_PADDING),
        repeat_headings=1,
    ) as table:
        row = table.row()
        for index, text in enumerate(headings):
            size = _fitting_size(pdf, text, inner[index], TABLE_SIZE, bold=True)
            smaller = FontFace(emphasis="BOLD", color=(255, 255, 255), fill_color=pdf.accent,
                               size_pt=size)  # fmt: skip
            row.cell(text, style=None if size == TABLE_SIZE else smaller)
        for values in rows:
            row = table.row()
            for index, text in enumerate(values):
                size = _fitting_size(pdf, text, inner[index], TABLE_SIZE)
                row.cell(
                    text,
                    align="RIGHT" if index in numeric else "LEFT",
                    style=None if size == TABLE_SIZE else FontFace(size_pt=size),
                )
    pdf.font(TABLE_SIZE)


def _fitting_size(pdf: _Pdf, text: str, width: float, size: float, bold: bool = False) -> float:
    """``size``, or the largest smaller size (down to MIN_TABLE_SIZE) at which the
    longest word of ``text`` fits ``width`` mm."""
    words = text.split()
    if not words:
        return size
    pdf.set_font(FAMILY, "B" if bold else "", size)
    widest = max(pdf.get_string_width(word) for word in words)
    if widest <= width:
        return size
    return max(MIN_TABLE_SIZE, math.floor(size * width / widest * 10) / 10)


def _notes(pdf: _Pdf, data: ReportData) -> None:
    lines = [note for section in data.sections for note in _answer_notes(section, data.lang)]
    for grid, _ in data.grids:
        lines += _plan_notes(grid, data.plan or (), data.lang)
    pdf.heading(t("report_notes", data.lang))
    if not lines:
        pdf.para(t("report_no_notes", data.lang), muted=True)
        return
    for title, note in lines:  # a note stays with whose it is
        pdf.block(None, [Paragraph(title, 9.5, bold=True), Paragraph(note, 9.5)])
        pdf.ln(1.5)


def _answer_notes(section: Section, lang: str) -> Iterator[tuple[str, str]]:
    """(capability (respondent), note) for every note written with a rating."""
    grid = as_grid(section.questionnaire)
    if grid is None:
        return
    for _, capability in grid.capabilities():
        for answers in section.answers:
            rating = answers.rating(capability.id)
            note = (rating.note or "").strip() if rating is not None else ""
            if note:
                who = f" ({answers.respondent.strip()})" if answers.respondent else ""
                yield capability.name.get(lang) + who, note


def _plan_notes(grid: Grid, items: Sequence[PlanItem], lang: str) -> Iterator[tuple[str, str]]:
    for item in items:
        capability = grid.capability(item.capability)
        if item.note.strip() and capability is not None:
            title = f"{capability.name.get(lang)} · {initiative_text(grid, item, lang)}"
            yield title, item.note.strip()


def _appendix(pdf: _Pdf, data: ReportData) -> None:
    lang = data.lang
    pdf.add_page()
    pdf.heading(t("report_appendix", lang))
    for quiz, _ in data.quizzes:
        bands = [f"{b.min}–{b.max}: {b.label.get(lang)}" for b in quiz.bands]
        _method(pdf, t("report_method_quiz", lang), t("report_bands", lang), quiz, bands)
    for grid, _ in data.grids:
        levels = [f"{lv.value}: {lv.label.get(lang)}" for lv in grid.levels]
        _method(pdf, t("report_method_grid", lang), t("report_levels", lang), grid, levels)
    if data.kpis:
        pdf.para(t("report_kpi_definitions", lang), size=9.5, bold=True)
        for reading in data.kpis:
            pdf.para(f"{kpi_label(reading.kpi, lang)}: {kpi_help(reading.kpi, lang)}", size=9)


def _method(pdf: _Pdf, method: str, scale: str, source: Quiz | Grid, steps: list[str]) -> None:
    """How one questionnaire is scored, then its scale (bands or levels)."""
    pdf.para(method, size=9.5)
    pdf.ln(1)
    pdf.para(f"{scale} · {source.title.get(pdf.data.lang)}", size=9.5, bold=True)
    for step in steps:
        pdf.para(step, size=9.5)
    pdf.ln(3)
