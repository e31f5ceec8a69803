"""A round's results as a PowerPoint deck (python-pptx), in the report's language.

Widescreen (16:9) slides a consultant presents: the cover (logo, firm, accent colour
from the branding), the executive summary in sentences with the headline levels, per
grid the category chart (a native, editable PowerPoint chart), the top gaps, the plan,
the change since last round, initiatives and results, and (when asked for) the private
benchmark; per quiz its points and band. Tables carry on over several slides rather
than shrink. Typed text is only ever set as text.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from typing import Any

from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.presentation import Presentation as Deck
from pptx.slide import Slide
from pptx.util import Emu, Inches, Length, Pt

from .compare import compare_grids
from .i18n import decimal, long_date, number, short_date, t, tn
from .model import Grid
from .outcomes import Outcome
from .palette import CURRENT_COLOR, IDEAL_COLOR, INK
from .planning import default_plan, initiative_text, next_review, plan, priority_differs
from .report import ReportData, story
from .scoring import GridResult, as_grid_result
from .sections import (
    benchmark_headings,
    benchmark_intro,
    benchmark_rows,
    benchmark_sentence,
    change_cell,
    outcome_groups,
    outcome_headings,
    outcome_summary,
)

WIDTH, HEIGHT = Inches(13.333), Inches(7.5)
LEFT = Inches(0.6)
TOP = Inches(1.45)
BODY_WIDTH = WIDTH - 2 * LEFT
BODY_HEIGHT = HEIGHT - TOP - Inches(0.7)
ROWS_PER_SLIDE = 9
TOP_GAPS = 8
MUTED = "#5f6c74"
PEER_COLOR = "#9aa5ab"


def build_deck(data: ReportData) -> bytes:
    """The deck of ``data``."""
    deck = Presentation()
    deck.slide_width, deck.slide_height = WIDTH, HEIGHT
    deck.core_properties.title = data.organization or "cxmaturity"
    deck.core_properties.author = data.branding.firm or "cxmaturity"
    deck.core_properties.language = data.lang
    stamp = dt.datetime.combine(data.assessed_on, dt.time())
    deck.core_properties.created = deck.core_properties.modified = stamp
    builder = _Builder(deck, data)
    builder.cover()
    builder.summary()
    for quiz, quiz_result in data.quizzes:
        builder.quiz(
            quiz.title.get(data.lang),
            quiz_result.points,
            quiz.max_points,
            _band_label(data, quiz.id, quiz_result.band),
        )
    for grid, result in data.grids:
        builder.categories(grid, result)
        builder.gaps(grid, result)
        builder.plan(grid, result)
        builder.change(grid, result)
    for grid, found in data.outcomes():
        builder.outcomes(grid, found)
    for grid, _ in data.grids:
        if grid.id in data.benchmarks:
            builder.benchmark(grid)
    out = io.BytesIO()
    deck.save(out)
    return out.getvalue()


def _band_label(data: ReportData, quiz_id: str, band_id: str | None) -> str:
    quiz = next(q for q, _ in data.quizzes if q.id == quiz_id)
    band = next((b for b in quiz.bands if b.id == band_id), None)
    return band.label.get(data.lang) if band is not None else t("not_available", data.lang)


Box = tuple[Length, Length, Length, Length]  # left, top, width, height


def _box(x: float, y: float, width: float, height: float) -> Box:
    return Emu(int(x)), Emu(int(y)), Emu(int(width)), Emu(int(height))


def _rgb(color: str) -> RGBColor:
    return RGBColor.from_string(color.lstrip("#").upper())


class _Builder:
    def __init__(self, deck: Deck, data: ReportData) -> None:
        self.deck = deck
        self.data = data
        self.lang = data.lang
        self.accent = _rgb(data.branding.accent)
        self.count = 0

    # ------------------------------------------------------------------ slides

    def cover(self) -> None:
        slide = self._blank()
        band = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, 0, 0, Inches(0.35), HEIGHT)
        self._fill(band, self.accent)
        brand = self.data.branding
        if brand.logo is not None:
            slide.shapes.add_picture(
                io.BytesIO(brand.logo), LEFT + Inches(0.2), Inches(0.6), height=Inches(0.8)
            )
        lang = self.lang
        x, width = LEFT + Inches(0.2), BODY_WIDTH - Inches(0.2)
        self._text(
            slide,
            t("deck_title", lang),
            _box(x, Inches(2.3), width, Inches(0.6)),
            size=20,
            color=self.accent,
            bold=True,
        )
        name = self.data.organization or t("deck_no_organization", lang)
        self._text(slide, name, _box(x, Inches(2.9), width, Inches(1.3)), size=40, bold=True)
        self._text(
            slide,
            long_date(self.data.assessed_on, lang),
            _box(x, Inches(4.3), width, Inches(0.5)),
            size=18,
            color=_rgb(MUTED),
        )
        if brand.firm:
            self._text(
                slide,
                brand.firm,
                _box(x, Inches(6.3), width, Inches(0.5)),
                size=14,
                color=_rgb(MUTED),
            )

    def summary(self) -> None:
        lang = self.lang
        slide = self._titled(t("report_summary", lang))
        paragraphs = story(self.data)
        review = long_date(next_review(self.data.assessed_on), lang)
        paragraphs.append(t("report_next_review_text", lang, date=review))
        has_figures = bool(self.data.grids)
        width = BODY_WIDTH - (Inches(3.6) if has_figures else 0)
        self._paragraphs(slide, paragraphs, _box(LEFT, TOP, width, BODY_HEIGHT), size=16)
        for grid, result in self.data.grids[:1]:
            overall = result.overall
            x = LEFT + width + Inches(0.4)
            figures = [
                (t("current", lang), overall.current, True),
                (t("ideal", lang), overall.ideal, True),
                (t("gap", lang), overall.gap, False),
            ]
            for i, (label, value, is_level) in enumerate(figures):
                y = TOP + Inches(1.7) * i
                box = slide.shapes.add_shape(
                    MSO_SHAPE.ROUNDED_RECTANGLE, x, y, Inches(3.2), Inches(1.55)
                )
                self._fill(box, _rgb("#F2F5F7"))
                self._text(
                    slide,
                    label,
                    _box(x + Inches(0.2), y + Inches(0.1), Inches(2.8), Inches(0.4)),
                    size=13,
                    color=_rgb(MUTED),
                )
                self._text(
                    slide,
                    decimal(value, lang),
                    _box(x + Inches(0.2), y + Inches(0.42), Inches(2.8), Inches(0.6)),
                    size=30,
                    bold=True,
                    color=self.accent,
                )
                level = grid.level_at_or_below(value) if is_level else None
                if level is not None:
                    self._text(
                        slide,
                        level.label.get(lang),
                        _box(x + Inches(0.2), y + Inches(0.98), Inches(2.8), Inches(0.55)),
                        size=10,
                        color=_rgb(MUTED),
                    )

    def quiz(self, title: str, points: int | None, high: int, band: str) -> None:
        lang = self.lang
        slide = self._titled(title)
        shown = number(points, lang) if points is not None else "–"
        self._text(
            slide,
            t("deck_points", lang, points=shown, high=number(high, lang)),
            _box(LEFT, TOP + Inches(0.6), BODY_WIDTH, Inches(1.2)),
            size=44,
            bold=True,
            color=self.accent,
        )
        self._text(slide, band, _box(LEFT, TOP + Inches(2.0), BODY_WIDTH, Inches(2.5)), size=20)

    def categories(self, grid: Grid, result: GridResult) -> None:
        lang = self.lang
        names = {c.id: c.name.get(lang) for c in grid.categories}
        rated = [c for c in result.categories if c.current is not None]
        if not rated:
            return
        slide = self._titled(t("deck_categories", lang, title=grid.title.get(lang)))
        series = [
            (t("current", lang), [c.current for c in rated], CURRENT_COLOR),
            (t("ideal", lang), [c.ideal for c in rated], IDEAL_COLOR),
        ]
        self._bar_chart(slide, grid, [names[c.id] for c in rated], series)

    def gaps(self, grid: Grid, result: GridResult) -> None:
        lang = self.lang
        ranked = plan(grid, result)
        top = ranked.top(TOP_GAPS)
        if not top:
            return
        with_priority = priority_differs(ranked.gaps)
        headings = [t(k, lang) for k in ("capability", "category", "current", "ideal", "gap")]
        headings += [t("priority", lang)] if with_priority else []
        rows = [
            [
                g.capability.name.get(lang),
                g.category.name.get(lang),
                decimal(g.current, lang),
                decimal(g.ideal, lang),
                decimal(g.gap, lang),
            ]
            + ([decimal(g.priority, lang)] if with_priority else [])
            for g in top
        ]
        widths = [4.2, 3.4, 1.3, 1.3, 1.3] + ([1.3] if with_priority else [])
        self._tables(
            tn("deck_top_gaps", len(top), lang),
            headings,
            rows,
            widths=widths,
            numeric=set(range(2, len(headings))),
        )

    def plan(self, grid: Grid, result: GridResult) -> None:
        lang = self.lang
        items = (
            list(self.data.plan) if self.data.plan is not None else default_plan(plan(grid, result))
        )
        if not items:
            return
        headings = [t(k, lang) for k in ("initiative", "capability", "owner", "due", "plan_status")]
        rows = []
        for item in items:
            capability = grid.capability(item.capability)
            rows.append(
                [
                    initiative_text(grid, item, lang),
                    capability.name.get(lang) if capability else item.capability,
                    item.owner,
                    short_date(item.due, lang) if item.due else "",
                    t(f"status_{item.status.value}", lang),
                ]
            )
        title = t("deck_plan", lang) if self.data.plan is not None else t("deck_plan_default", lang)
        self._tables(title, headings, rows, widths=[5.4, 3.0, 1.9, 1.5, 1.6], numeric=set())

    def change(self, grid: Grid, result: GridResult) -> None:
        earlier = self.data.previous.get(grid.id)
        before = as_grid_result(earlier[1]) if earlier is not None else None
        if earlier is None or before is None:
            return
        lang = self.lang
        comparison = compare_grids(grid, before, result)
        names = {c.id: c.name.get(lang) for c in grid.categories}
        pairs = [c for c in comparison.categories if c.before is not None and c.after is not None]
        slide = self._titled(t("report_comparison", lang, date=long_date(earlier[0], lang)))
        self._text(
            slide,
            f"{t('overall', lang)}: {change_cell(comparison.overall, lang)}",
            _box(LEFT, TOP - Inches(0.15), BODY_WIDTH, Inches(0.5)),
            size=16,
            bold=True,
        )
        if pairs:
            series = [
                (short_date(earlier[0], lang), [c.before for c in pairs], PEER_COLOR),
                (short_date(self.data.assessed_on, lang), [c.after for c in pairs], CURRENT_COLOR),
            ]
            self._bar_chart(
                slide,
                grid,
                [names[c.id] for c in pairs],
                series,
                top=TOP + Inches(0.45),
                width=BODY_WIDTH * 0.58,
            )
        moved = comparison.moved()[:8]
        capability_names = {c.id: c.name.get(lang) for _, c in grid.capabilities()}
        lines = [f"{capability_names[c.id]}: {change_cell(c, lang)}" for c in moved]
        x = LEFT + int(BODY_WIDTH * 0.6)
        self._text(
            slide,
            t("deck_moved", lang),
            _box(x, TOP + Inches(0.5), int(BODY_WIDTH * 0.4), Inches(0.4)),
            size=14,
            bold=True,
        )
        self._paragraphs(
            slide,
            lines or [t("deck_nothing_moved", lang)],
            _box(x, TOP + Inches(0.95), int(BODY_WIDTH * 0.4), BODY_HEIGHT - Inches(1)),
            size=12,
        )

    def outcomes(self, grid: Grid, outcomes: Sequence[Outcome]) -> None:
        lang = self.lang
        rows = [
            [title, *row]
            for _, title, group_rows in outcome_groups(grid, outcomes, lang)
            for row in group_rows
        ]
        headings = [t("outcome_group", lang), *outcome_headings(lang)]
        self._tables(
            t("outcome_title", lang),
            headings,
            rows,
            widths=[2.6, 3.2, 4.6, 2.2],
            numeric={3},
            subtitle=outcome_summary(outcomes, lang),
        )

    def benchmark(self, grid: Grid) -> None:
        bench = self.data.benchmarks[grid.id]
        lang = self.lang
        slide = self._titled(t("bench_title", lang))
        self._text(
            slide,
            benchmark_sentence(bench, lang),
            _box(LEFT, TOP - Inches(0.15), BODY_WIDTH, Inches(0.5)),
            size=16,
            bold=True,
        )
        self._text(
            slide,
            benchmark_intro(bench, lang),
            _box(LEFT, TOP + Inches(0.3), BODY_WIDTH, Inches(0.4)),
            size=11,
            color=_rgb(MUTED),
        )
        names = {c.id: c.name.get(lang) for c in grid.categories}
        shown = [s for s in bench.categories if s.shown]
        if shown:
            series = [
                (t("bench_yours", lang), [s.value for s in shown], CURRENT_COLOR),
                (t("bench_median", lang), [s.median for s in shown], PEER_COLOR),
            ]
            self._bar_chart(
                slide,
                grid,
                [names[s.id] for s in shown],
                series,
                top=TOP + Inches(0.8),
                width=BODY_WIDTH * 0.42,
            )
        rows = benchmark_rows(grid, bench, lang)
        x = LEFT + int(BODY_WIDTH * 0.44)
        self._table(
            slide,
            benchmark_headings(lang, "category"),
            rows,
            _box(x, TOP + Inches(0.9), int(BODY_WIDTH * 0.56), Inches(4)),
            widths=[3.0, 1.1, 1.1, 1.9, 1.3],
            numeric={1, 2, 3, 4},
            size=10,
        )

    # ---------------------------------------------------------------- drawing

    def _blank(self) -> Slide:
        slide = self.deck.slides.add_slide(self.deck.slide_layouts[6])
        self.count += 1
        return slide

    def _titled(self, title: str, size: int = 26) -> Slide:
        slide = self._blank()
        bar = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, 0, 0, WIDTH, Inches(0.12))
        self._fill(bar, self.accent)
        self._text(
            slide,
            title,
            _box(LEFT, Inches(0.35), BODY_WIDTH, Inches(0.9)),
            size=size,
            bold=True,
            color=self.accent,
        )
        footer = " · ".join(
            p
            for p in (
                self.data.branding.firm,
                self.data.organization,
                short_date(self.data.assessed_on, self.lang),
            )
            if p
        )
        self._text(
            slide,
            footer,
            _box(LEFT, HEIGHT - Inches(0.5), BODY_WIDTH - Inches(1), Inches(0.3)),
            size=10,
            color=_rgb(MUTED),
        )
        self._text(
            slide,
            str(self.count),
            _box(WIDTH - LEFT - Inches(1), HEIGHT - Inches(0.5), Inches(1), Inches(0.3)),
            size=10,
            color=_rgb(MUTED),
            align=PP_ALIGN.RIGHT,
        )
        return slide

    def _text(
        self,
        slide: Slide,
        text: str,
        box: Box,
        *,
        size: float,
        bold: bool = False,
        color: RGBColor | None = None,
        align: PP_ALIGN = PP_ALIGN.LEFT,
    ) -> None:
        frame = slide.shapes.add_textbox(*box).text_frame
        frame.word_wrap = True
        paragraph = frame.paragraphs[0]
        paragraph.alignment = align
        run = paragraph.add_run()
        run.text = text
        run.font.size = Pt(size)
        run.font.bold = bold
        run.font.color.rgb = color or _rgb(INK)

    def _paragraphs(self, slide: Slide, texts: Sequence[str], box: Box, *, size: float) -> None:
        frame = slide.shapes.add_textbox(*box).text_frame
        frame.word_wrap = True
        for i, text in enumerate(texts):
            paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
            paragraph.space_after = Pt(size * 0.6)
            run = paragraph.add_run()
            run.text = text
            run.font.size = Pt(size)
            run.font.color.rgb = _rgb(INK)

    def _fill(self, shape: Any, color: RGBColor) -> None:
        fill = shape.fill
        fill.solid()
        fill.fore_color.rgb = color
        shape.line.fill.background()

    def _bar_chart(
        self,
        slide: Slide,
        grid: Grid,
        categories: Sequence[str],
        series: Sequence[tuple[str, Sequence[float | None], str]],
        *,
        top: int = TOP,
        width: int = BODY_WIDTH,
    ) -> None:
        """A native bar chart on the grid's level scale: one bar per category for each
        (name, values, colour) of ``series``, the first category on top."""
        chart_data = CategoryChartData(number_format="0.00")
        chart_data.categories = list(categories)
        for name, numbers, _ in series:
            chart_data.add_series(name, list(numbers))
        box = _box(LEFT, top, width, HEIGHT - top - Inches(0.7))
        frame = slide.shapes.add_chart(XL_CHART_TYPE.BAR_CLUSTERED, *box, chart_data)
        chart = frame.chart
        values = [lv.value for lv in grid.levels]
        axis = chart.value_axis
        axis.minimum_scale, axis.maximum_scale, axis.major_unit = 0, max(values), 1
        axis.has_major_gridlines = True
        axis.tick_labels.font.size = Pt(11)
        category_axis = chart.category_axis
        category_axis.reverse_order = True  # the first category on top, as in the app
        category_axis.tick_labels.font.size = Pt(12)
        chart.has_legend = True
        chart.legend.position = XL_LEGEND_POSITION.BOTTOM
        chart.legend.include_in_layout = False
        chart.legend.font.size = Pt(12)
        plot = chart.plots[0]
        plot.gap_width = 60
        plot.has_data_labels = True
        plot.data_labels.number_format = "0.0"
        plot.data_labels.number_format_is_linked = False
        plot.data_labels.font.size = Pt(10)
        for drawn, (_, _, color) in zip(plot.series, series, strict=True):
            drawn.format.fill.solid()
            drawn.format.fill.fore_color.rgb = _rgb(color)

    def _tables(
        self,
        title: str,
        headings: list[str],
        rows: list[list[str]],
        *,
        widths: Sequence[float],
        numeric: set[int],
        subtitle: str = "",
    ) -> None:
        """A table over as many slides as it takes (ROWS_PER_SLIDE rows each), under a
        subtitle line when given."""
        pages = [rows[i : i + ROWS_PER_SLIDE] for i in range(0, len(rows), ROWS_PER_SLIDE)]
        top = TOP + (Inches(0.45) if subtitle else 0)
        for number_, page in enumerate(pages or [[]], start=1):
            heading = title if len(pages) <= 1 else f"{title} ({number_}/{len(pages)})"
            slide = self._titled(heading)
            if subtitle:
                box = _box(LEFT, TOP - Inches(0.15), BODY_WIDTH, Inches(0.5))
                self._text(slide, subtitle, box, size=15, bold=True)
            if page:
                self._table(
                    slide,
                    headings,
                    page,
                    _box(LEFT, top, BODY_WIDTH, Inches(4)),
                    widths=widths,
                    numeric=numeric,
                )

    def _table(
        self,
        slide: Slide,
        headings: list[str],
        rows: list[list[str]],
        box: Box,
        *,
        widths: Sequence[float],
        numeric: set[int],
        size: float = 12,
    ) -> None:
        """A table at ``box`` (its height grows with the rows)."""
        x, y, width, _ = box
        height = Emu(Inches(0.4) * (len(rows) + 1))
        table = slide.shapes.add_table(len(rows) + 1, len(headings), x, y, width, height).table
        total = sum(widths)
        for i, share in enumerate(widths):
            table.columns[i].width = Emu(int(width * share / total))
        for r, values in enumerate([headings, *rows]):
            for c, text in enumerate(values):
                cell = table.cell(r, c)
                cell.vertical_anchor = MSO_ANCHOR.MIDDLE
                frame = cell.text_frame
                frame.word_wrap = True
                lines = text.split("\n")
                for i, line in enumerate(lines):
                    paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
                    paragraph.alignment = PP_ALIGN.RIGHT if c in numeric and r else PP_ALIGN.LEFT
                    run = paragraph.add_run()
                    run.text = line
                    run.font.size = Pt(size if i == 0 else size - 2)
                    run.font.bold = r == 0
                    run.font.color.rgb = _rgb("#FFFFFF") if r == 0 else _rgb(INK)
                cell.fill.solid()
                cell.fill.fore_color.rgb = (
                    self.accent if r == 0 else _rgb("#F5F7F8" if r % 2 else "#FFFFFF")
                )
