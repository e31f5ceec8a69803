"""The report's charts drawn with fpdf2 itself: vector shapes and the report's own
font, no rendering engine (the app keeps its Altair charts, :mod:`cxmaturity.charts`;
these follow their design and colors).

Each function draws at the document's current position across ``width`` millimetres
from the left margin, starts a new page first when the chart does not fit, and leaves
the position below the chart.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from fpdf import FPDF

from .i18n import decimal, number, t
from .model import Grid, Quiz
from .palette import BAND_COLORS, CURRENT_COLOR, IDEAL_COLOR, INK, LEVEL_COLORS, NA_COLOR
from .scoring import GridResult, QuizResult

RGB = tuple[int, int, int]
WHITE: RGB = (255, 255, 255)
AXIS: RGB = (150, 160, 166)
GRIDLINE: RGB = (226, 231, 234)
SPAN: RGB = (201, 211, 216)
GAP = 1.0  # mm below a chart


FONT_FAMILY = "DejaVu"  # the report's font (registered by the report's document)


def _font(pdf: FPDF, size: float, bold: bool = False) -> None:
    pdf.set_font(FONT_FAMILY, "B" if bold else "", size)


def rgb(color: str) -> RGB:
    """``#d9825b`` -> (217, 130, 91)."""
    value = color.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def level_color(value: float, low: float, high: float) -> RGB:
    """The heatmap's color for ``value``: the level palette, interpolated, clamped."""
    stops = [rgb(c) for c in LEVEL_COLORS]
    share = 0.0 if high == low else min(max((value - low) / (high - low), 0.0), 1.0)
    position = share * (len(stops) - 1)
    index = min(int(position), len(stops) - 2)
    frac = position - index
    a, b = stops[index], stops[index + 1]
    return (
        round(a[0] + (b[0] - a[0]) * frac),
        round(a[1] + (b[1] - a[1]) * frac),
        round(a[2] + (b[2] - a[2]) * frac),
    )


def _room(pdf: FPDF, height: float) -> float:
    """The top of a chart ``height`` high: here, or on a new page."""
    if pdf.get_y() + height > pdf.page_break_trigger:
        pdf.add_page()
    return pdf.get_y()


def _centered(pdf: FPDF, x: float, baseline: float, text: str) -> None:
    pdf.text(x - pdf.get_string_width(text) / 2, baseline, text)


def _right(pdf: FPDF, x: float, baseline: float, text: str) -> None:
    pdf.text(x - pdf.get_string_width(text), baseline, text)


def fit_text(pdf: FPDF, text: str, width: float) -> str:
    """``text`` shortened with an ellipsis to fit one line of ``width`` in the current
    font (chart labels never run into the plot; the report's footer uses it too)."""
    if pdf.get_string_width(text) <= width:
        return text
    while text and pdf.get_string_width(text + "…") > width:
        text = text[:-1]
    return text + "…"


# ------------------------------------------------------------------ the band scale


def band_chart(pdf: FPDF, quiz: Quiz, result: QuizResult, lang: str, width: float) -> None:
    """The quiz's bands from the lowest to the highest total, the score marked."""
    top_room, bar, axis_room = 7.0, 10.0, 10.0
    top = _room(pdf, top_room + bar + axis_room)
    left = pdf.l_margin + 2
    span = width - 4
    low, high = quiz.min_points - 0.5, quiz.max_points + 0.5

    def x_of(points: float) -> float:
        return left + (points - low) / (high - low) * span

    y = top + top_room
    _font(pdf, 8.5)
    for i, band in enumerate(quiz.bands):
        x1, x2 = x_of(band.min - 0.5), x_of(band.max + 0.5)
        pdf.set_fill_color(*rgb(BAND_COLORS[i % len(BAND_COLORS)]))
        pdf.rect(x1 + 0.3, y, x2 - x1 - 0.6, bar, style="F", round_corners=True,
                 corner_radius=1.2)  # fmt: skip
        label = f"{band.min}-{band.max}" if band.min != band.max else str(band.min)
        pdf.set_text_color(*rgb(INK))
        _centered(pdf, (x1 + x2) / 2, y + bar / 2 + 1.2, label)
    # The axis: a rule under the bars, a tick and a number per total (thinned out).
    base = y + bar + 1.5
    totals = list(range(quiz.min_points, quiz.max_points + 1))
    ticks = [(total, str(total)) for total in totals[:: max(1, len(totals) // 12)]]
    _axis(pdf, ticks, x_of, base, (left, left + span), title=t("points_axis", lang))
    if result.points is not None:
        x = x_of(result.points)
        pdf.set_draw_color(*rgb(INK))
        pdf.set_line_width(0.8)
        pdf.line(x, y - 1.5, x, y + bar + 1.5)
        _font(pdf, 11, bold=True)
        pdf.text(x + 1.5, y - 2, str(result.points))
    pdf.set_line_width(0.2)
    pdf.set_text_color(*rgb(INK))
    pdf.set_y(base + axis_room + GAP)


# ------------------------------------------------------- categories: today vs ideal


def category_chart(pdf: FPDF, grid: Grid, result: GridResult, lang: str, width: float) -> None:
    """Per category, today against the ideal on the level scale (a dumbbell chart)."""
    names = {c.id: c.name.get(lang) for c in grid.categories}
    rows = [(names[c.id], c.current, c.ideal) for c in result.categories
            if c.current is not None and c.ideal is not None]  # fmt: skip
    if not rows:
        return
    row_height, axis_room, legend_room = 11.0, 9.0, 7.0
    top = _room(pdf, row_height * len(rows) + axis_room + legend_room)
    _font(pdf, 8.5)
    label_width = min(max(pdf.get_string_width(name) for name, _, _ in rows) + 3, width * 0.4)
    left = pdf.l_margin + label_width
    span = width - label_width - 4
    values = [lv.value for lv in grid.levels]
    low, high = min(values) - 0.3, max(values) + 0.3

    def x_of(value: float) -> float:
        return left + (value - low) / (high - low) * span

    bottom = top + row_height * len(rows)
    pdf.set_line_width(0.2)
    pdf.set_draw_color(*GRIDLINE)
    for level in values:
        pdf.line(x_of(level), top, x_of(level), bottom)
    extent = (x_of(values[0]) - 4, x_of(values[-1]) + 4)
    _axis(pdf, [(v, str(v)) for v in values], x_of, bottom, extent, title=t("level", lang))
    current_color, ideal_color = rgb(CURRENT_COLOR), rgb(IDEAL_COLOR)
    for i, (name, current, ideal) in enumerate(rows):
        middle = top + row_height * (i + 0.5)
        _font(pdf, 8.5)
        pdf.set_text_color(*rgb(INK))
        _right(pdf, left - 2, middle + 1.2, fit_text(pdf, name, label_width - 3))
        pdf.set_draw_color(*SPAN)
        pdf.set_line_width(1.1)
        pdf.line(x_of(current), middle, x_of(ideal), middle)
        pdf.set_line_width(0.2)
        lower_is_current = current <= ideal
        for value, color, lower in ((current, current_color, lower_is_current),
                                    (ideal, ideal_color, not lower_is_current)):  # fmt: skip
            pdf.set_fill_color(*color)
            pdf.circle(x_of(value), middle, 2.0, style="F")
            _font(pdf, 7.5)
            pdf.set_text_color(*color)
            label = decimal(value, lang, decimals=1)
            # The lower value's label leans left, the higher one's right: close or
            # equal values stay readable.
            if lower:
                _right(pdf, x_of(value) + 1, middle - 2.6, label)
            else:
                pdf.text(x_of(value) - 1, middle - 2.6, label)
    legend_y = bottom + axis_room + 3
    _legend(pdf, [(t("current", lang), current_color), (t("ideal", lang), ideal_color)],
            left + span / 2, legend_y)  # fmt: skip
    pdf.set_y(legend_y + GAP + 2)


def _axis(
    pdf: FPDF, ticks: Sequence[tuple[float, str]], x_of: Callable[[float], float],
    baseline: float, extent: tuple[float, float], *, title: str,
) -> None:  # fmt: skip
    """A horizontal axis: a rule across ``extent`` at ``baseline``, a tick and its label
    at each of ``ticks``, and the title centred under them."""
    pdf.set_line_width(0.2)
    pdf.set_draw_color(*AXIS)
    pdf.line(extent[0], baseline, extent[1], baseline)
    _font(pdf, 8)
    for value, label in ticks:
        pdf.line(x_of(value), baseline, x_of(value), baseline + 1.2)
        _centered(pdf, x_of(value), baseline + 4.2, label)
    _font(pdf, 7.5, bold=True)
    _centered(pdf, (extent[0] + extent[1]) / 2, baseline + 8, title)


def _legend(pdf: FPDF, items: list[tuple[str, RGB]], middle: float, baseline: float) -> None:
    """Colored dots with their labels, centered on ``middle``."""
    _font(pdf, 8)
    total = sum(pdf.get_string_width(label) + 6 for label, _ in items)
    x = middle - total / 2
    for label, color in items:
        pdf.set_fill_color(*color)
        pdf.circle(x + 1.2, baseline - 1, 1.2, style="F")
        pdf.set_text_color(*rgb(INK))
        pdf.text(x + 3.2, baseline, label)
        x += pdf.get_string_width(label) + 6


# -------------------------------------------------------- every capability, a glance


def capability_heatmap(pdf: FPDF, grid: Grid, result: GridResult, lang: str, width: float) -> None:
    """Today, the ideal and the gap of every capability, the levels as colors."""
    columns = (t("current", lang), t("ideal", lang), t("gap", lang))
    cell_w, cell_h, head = 24.0, 6.4, 7.0
    capabilities = [capability for _, capability in grid.capabilities()]
    _font(pdf, 9)
    names = [c.name.get(lang) for c in capabilities]
    label_width = min(max(pdf.get_string_width(n) for n in names) + 3, width - 3 * cell_w)
    block = label_width + 3 * cell_w
    left = pdf.l_margin + (width - block) / 2 + label_width
    values = [lv.value for lv in grid.levels]
    low, high = min(values), max(values)
    dark = high - (high - low) / 6  # white text on the darkest cells
    na, none = t("not_applicable_short", lang), "–"
    index = 0
    while index < len(capabilities):
        top = _room(pdf, head + cell_h * min(4, len(capabilities) - index))
        room = int((pdf.page_break_trigger - top - head) // cell_h)
        fit = max(1, min(room, len(capabilities) - index))
        _font(pdf, 9, bold=True)
        pdf.set_text_color(*rgb(INK))
        for j, heading in enumerate(columns):
            _centered(pdf, left + cell_w * (j + 0.5), top + head - 2, heading)
        pdf.set_draw_color(*AXIS)
        pdf.set_line_width(0.2)
        pdf.line(left, top + head - 0.6, left + 3 * cell_w, top + head - 0.6)
        for k, capability in enumerate(capabilities[index : index + fit]):
            y = top + head + cell_h * k
            baseline = y + cell_h / 2 + 1.2
            _font(pdf, 9)
            pdf.set_text_color(*rgb(INK))
            _right(pdf, left - 2, baseline, fit_text(pdf, names[index + k], label_width - 3))
            cap = result.capability(capability.id)
            rated = cap is not None and cap.current is not None and cap.ideal is not None
            cells: Sequence[float | None] = (
                (cap.current, cap.ideal) if rated and cap is not None else (None, None)
            )
            for j, value in enumerate(cells):
                x = left + cell_w * j
                fill = level_color(value, low, high) if value is not None else rgb(NA_COLOR)
                pdf.set_fill_color(*fill)
                pdf.rect(x + 0.35, y + 0.35, cell_w - 0.7, cell_h - 0.7, style="F")
                ink = WHITE if value is not None and value >= dark else rgb(INK)
                pdf.set_text_color(*ink)
                text = (
                    number(value, lang) if value is not None
                    else na if cap is not None and cap.not_applicable else none
                )  # fmt: skip
                _centered(pdf, x + cell_w / 2, baseline, text)
            pdf.set_text_color(*rgb(INK))
            if rated and cap is not None and cap.gap is not None:
                sign = "+" if cap.gap > 0 else ""
                _centered(pdf, left + cell_w * 2.5, baseline, f"{sign}{number(cap.gap, lang)}")
        index += fit
        pdf.set_y(top + head + cell_h * fit + GAP)
        if index < len(capabilities):
            pdf.add_page()
