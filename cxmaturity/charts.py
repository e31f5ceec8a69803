"""Results -> Altair charts, shared by the app and the PDF report.

Charts take engine results and return Altair specs; data is inlined as plain
records (no pandas needed). Texts come in the requested language.
"""

from __future__ import annotations

import functools
import json
import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any, Literal

import altair as alt

from .i18n import number, t
from .model import Grid, Quiz
from .palette import BAND_COLORS, CURRENT_COLOR, IDEAL_COLOR, INK, LEVEL_COLORS, NA_COLOR
from .scoring import GridResult, QuizResult

INKS = [INK, "white"]
FONT = "DejaVu Sans"
BAND_HEIGHT = 46


def _y(pixels: float) -> Any:
    """A fixed y position (a typed wrapper: altair's value channels are untyped)."""
    return alt.YValue(pixels)  # type: ignore[no-untyped-call]


def _y2(pixels: float) -> Any:
    return alt.Y2Value(pixels)  # type: ignore[no-untyped-call]


def _data(rows: list[dict[str, Any]]) -> Any:
    """Inline records as chart data (altair's constructor is untyped)."""
    return alt.Data(values=rows)  # type: ignore[no-untyped-call]


# d3-format number locales, so that chart labels read 2,4 in Spanish as the text does.
NUMBER_LOCALES: dict[str, dict[str, Any]] = {
    "es": {"decimal": ",", "thousands": ".", "grouping": [3], "currency": ["", "\u00a0€"]},
    "en": {"decimal": ".", "thousands": ",", "grouping": [3], "currency": ["$", ""]},
}


@functools.cache
def time_locale(lang: str) -> dict[str, Any]:
    """D3's time-format locale for ``lang``, its day and month names from Babel (CLDR):
    a trend's dates read "1 jun 2026" in Spanish, "1 Jun 2026" in English."""
    from babel.dates import get_day_names, get_month_names

    def months(width: Literal["abbreviated", "wide"]) -> list[str]:
        names = get_month_names(width, context="stand-alone", locale=lang)
        return [str(names[m]).rstrip(".") for m in range(1, 13)]

    def days(width: Literal["abbreviated", "wide"]) -> list[str]:
        names = get_day_names(width, context="stand-alone", locale=lang)
        return [str(names[d]).rstrip(".") for d in (6, 0, 1, 2, 3, 4, 5)]  # Sunday first

    return {
        "dateTime": "%x, %X",
        "date": "%d/%m/%Y" if lang == "es" else "%m/%d/%Y",
        "time": "%H:%M:%S",
        "periods": ["a. m.", "p. m."] if lang == "es" else ["AM", "PM"],
        "days": days("wide"),
        "shortDays": days("abbreviated"),
        "months": months("wide"),
        "shortMonths": months("abbreviated"),
    }


def _config(chart: alt.TopLevelMixin, lang: str) -> Any:
    """Fonts, locale and frame for every chart, set in one step (each altair
    ``configure_*`` call deep-copies the whole chart, data included)."""
    font = {"labelFont": FONT, "titleFont": FONT, "labelFontSize": 12, "titleFontSize": 12}
    return chart.configure(
        locale={"number": NUMBER_LOCALES[lang], "time": time_locale(lang)},
        view={"stroke": None},
        axis=font,
        legend={**font, "orient": "bottom"},
        text={"font": FONT},
    )


def quiz_band_chart(quiz: Quiz, result: QuizResult, lang: str, width: int | None = None) -> Any:
    """The band scale from the lowest to the highest total, with the score marked."""
    bands = [
        {
            "band": b.label.get(lang),
            "start": b.min - 0.5,
            "end": b.max + 0.5,
            "middle": (b.min + b.max) / 2,
            "range": f"{b.min}-{b.max}" if b.min != b.max else str(b.min),
            "order": i,
        }
        for i, b in enumerate(quiz.bands)
    ]
    domain = [quiz.min_points - 0.5, quiz.max_points + 0.5]
    ticks = list(range(quiz.min_points, quiz.max_points + 1))
    step = max(1, len(ticks) // 12)
    x = alt.X(
        "start:Q",
        scale=alt.Scale(domain=domain, nice=False, zero=False),
        title=t("points_axis", lang),
        axis=alt.Axis(values=ticks[::step], format="d", grid=False),
    )
    colors = alt.Scale(
        domain=[b.label.get(lang) for b in quiz.bands],
        range=BAND_COLORS[: len(bands)] or BAND_COLORS,
    )
    base = alt.Chart(_data(bands))
    bars = base.mark_bar(cornerRadius=3).encode(
        x=x,
        x2=alt.X2("end:Q"),
        y=_y(6),
        y2=_y2(BAND_HEIGHT - 6),
        color=alt.Color("band:N", scale=colors, legend=None),
        tooltip=[alt.Tooltip("band:N", title=t("band", lang)), alt.Tooltip("range:N", title="")],
    )
    ranges = base.mark_text(fontSize=12, color=INK).encode(
        x=alt.X("middle:Q"), y=_y(BAND_HEIGHT / 2), text=alt.Text("range:N")
    )
    layers: list[Any] = [bars, ranges]
    if result.points is not None:
        marker = [{"points": result.points, "label": str(result.points)}]
        score = alt.Chart(_data(marker))
        layers.append(
            score.mark_rule(color=INK, strokeWidth=3).encode(
                x=alt.X("points:Q"), y=_y(-4), y2=_y2(BAND_HEIGHT + 4)
            )
        )
        layers.append(
            score.mark_text(
                dx=8,
                dy=-2,
                align="left",
                baseline="bottom",
                fontSize=15,
                fontWeight="bold",
                color=INK,
            ).encode(x=alt.X("points:Q"), y=_y(0), text=alt.Text("label:N"))
        )
    chart = alt.layer(*layers).properties(
        height=BAND_HEIGHT,
        width=width or "container",
        padding={"top": 22, "left": 8, "right": 16, "bottom": 4},
        autosize=alt.AutoSizeParams(type="fit-x", contains="padding"),
    )
    return _config(chart, lang)


ONE_LINE = 18  # characters: a longer axis label is set on two lines


def _two_lines(label: str) -> list[str] | None:
    """``label`` broken at the space nearest its middle when it is longer than
    :data:`ONE_LINE` ("Alineamiento del" / "proceso de negocio"), else None."""
    spaces = [i for i, ch in enumerate(label) if ch == " "]
    if len(label) <= ONE_LINE or not spaces:
        return None
    cut = min(spaces, key=lambda i: abs(len(label) - 2 * i))
    return [label[:cut], label[cut + 1 :]]


def two_line_labels(labels: list[str]) -> str:
    """A Vega expression that sets each long label on two lines (:func:`_two_lines`),
    so that on a phone the labels leave the plot its width. The labels are data (a
    questionnaire's names): they enter the expression only as JSON strings."""
    expression = "datum.label"
    for label in reversed(labels):
        lines = _two_lines(label)
        if lines is not None:
            expression = (
                f"datum.label === {json.dumps(label, ensure_ascii=False)} ? "
                f"{json.dumps(lines, ensure_ascii=False)} : {expression}"
            )
    return expression


def _label_axis(labels: list[str]) -> Any:
    """A y axis whose long labels take two lines, each label centred on its row (a
    two-line label sits on its first line's baseline, which centres the pair)."""
    wrapped = [label for label in labels if _two_lines(label) is not None]
    baseline: Any = "middle"
    if wrapped:
        test = f"indexof({json.dumps(wrapped, ensure_ascii=False)}, datum.label) >= 0"
        baseline = {"condition": {"test": test, "value": "alphabetic"}, "value": "middle"}
    return alt.Axis(labelLimit=0, labelExpr=two_line_labels(labels), labelBaseline=baseline)


def category_chart(grid: Grid, result: GridResult, lang: str, width: int | None = None) -> Any:
    """Per category, current against ideal on the level scale (a dumbbell chart)."""
    names = {c.id: c.name.get(lang) for c in grid.categories}
    current, ideal = t("current", lang), t("ideal", lang)
    rows: list[dict[str, Any]] = []
    spans: list[dict[str, Any]] = []
    for cat in result.categories:
        if cat.current is None or cat.ideal is None:
            continue
        name = names[cat.id]
        # The lower value's label leans left and the higher one's right, so close or
        # equal values stay readable on a phone-wide chart.
        low = "current" if cat.current <= cat.ideal else "ideal"
        for key, state, value in (("current", current, cat.current), ("ideal", ideal, cat.ideal)):
            side = "low" if key == low else "high"
            rows.append({"category": name, "state": state, "value": value, "side": side})
        spans.append({"category": name, "low": cat.current, "high": cat.ideal})
    values = [lv.value for lv in grid.levels]
    scale = alt.Scale(domain=[min(values) - 0.3, max(values) + 0.3], nice=False)
    order = [names[c.id] for c in grid.categories]
    y = alt.Y(
        "category:N",
        sort=order,
        title=None,
        axis=_label_axis(order),
    )
    axis = alt.Axis(values=values, format="d", title=t("level", lang))
    span = (
        alt.Chart(_data(spans))
        .mark_rule(strokeWidth=4, color="#c9d3d8")
        .encode(x=alt.X("low:Q", scale=scale, axis=axis), x2=alt.X2("high:Q"), y=y)
    )
    colors = alt.Scale(domain=[current, ideal], range=[CURRENT_COLOR, IDEAL_COLOR])
    points = (
        alt.Chart(_data(rows))
        .mark_circle(size=220, opacity=1)
        .encode(
            x=alt.X("value:Q", scale=scale, axis=axis),
            y=y,
            color=alt.Color("state:N", scale=colors, title=None),
            tooltip=[
                alt.Tooltip("category:N", title=""),
                alt.Tooltip("state:N", title=""),
                alt.Tooltip("value:Q", title=t("level", lang), format=".2f"),
            ],
        )
    )
    text = alt.Text("value:Q", format=".1f")
    labels = [
        points.mark_text(dy=-16, dx=dx, align=align, fontSize=11)
        .encode(text=text, color=alt.Color("state:N", scale=colors))
        .transform_filter(alt.datum.side == side)
        for side, align, dx in (("low", "right", 4), ("high", "left", -4))
    ]
    chart = alt.layer(span, points, *labels).properties(
        height=alt.Step(48),
        width=width or "container",
        description=t("chart_categories_description", lang),
    )
    return _config(chart, lang)


def capability_heatmap(grid: Grid, result: GridResult, lang: str, width: int | None = None) -> Any:
    """All capabilities at a glance: current and ideal level per capability, and the gap."""
    current, ideal, gap = t("current", lang), t("ideal", lang), t("gap", lang)
    na = t("not_applicable_short", lang)
    rows: list[dict[str, Any]] = []
    values = [lv.value for lv in grid.levels]
    low, high = min(values), max(values)
    dark = high - (high - low) / 6  # white text on the darkest cells, ink elsewhere
    order: list[str] = []
    for category, capability in grid.capabilities():
        cap = result.capability(capability.id)
        label = f"{capability.name.get(lang)}"
        order.append(label)
        row = {"capability": label, "category": category.name.get(lang), "ink": INK}
        if cap is None or cap.gap is None:
            text = na if cap is not None and cap.not_applicable else "–"
            rows += [{**row, "state": state, "text": text} for state in (current, ideal)]
            continue
        for state, value in ((current, cap.current), (ideal, cap.ideal)):
            ink = "white" if value is not None and value >= dark else INK
            rows.append(
                {**row, "state": state, "value": value, "text": number(value, lang), "ink": ink}
            )
        sign = "+" if cap.gap > 0 else ""
        rows.append({**row, "state": gap, "text": f"{sign}{number(cap.gap, lang)}"})
    stops = [low + (high - low) * i / (len(LEVEL_COLORS) - 1) for i in range(len(LEVEL_COLORS))]
    colors = alt.Scale(domain=stops, range=LEVEL_COLORS, clamp=True)
    x = alt.X(
        "state:N",
        sort=[current, ideal, gap],
        title=None,
        axis=alt.Axis(orient="top", labelAngle=0, labelOverlap=False, labelFontSize=11),
    )
    y = alt.Y("capability:N", sort=order, title=None, axis=alt.Axis(labelLimit=0))
    base = alt.Chart(_data(rows)).encode(x=x, y=y)
    tooltip = [
        alt.Tooltip("category:N", title=""),
        alt.Tooltip("capability:N", title=""),
        alt.Tooltip("state:N", title=""),
        alt.Tooltip("text:N", title=""),
    ]
    rated = "isValid(datum.value)"
    cells = (
        base.transform_filter(rated)
        # The cells' colours repeat the numbers the text layer writes in them: the
        # rectangles are decoration for a screen reader (an empty layer, with no item
        # to describe, would otherwise be an unnamed graphic).
        .mark_rect(stroke="white", strokeWidth=2, aria=False)
        .encode(
            color=alt.Color("value:Q", scale=colors, legend=None),  # the cells show the values
            tooltip=tooltip,
        )
    )
    empty = (
        base.transform_filter(f"!({rated}) && datum.state !== {json.dumps(gap)}")
        .mark_rect(stroke="white", strokeWidth=2, color=NA_COLOR, aria=False)
        .encode(tooltip=tooltip)
    )
    text = base.mark_text(fontSize=12).encode(
        text=alt.Text("text:N"),
        color=alt.Color("ink:N", scale=alt.Scale(domain=INKS, range=INKS), legend=None),
    )
    chart = (
        alt.layer(cells, empty, text)
        .resolve_scale(color="independent")
        .properties(
            height=alt.Step(22),
            width=width or "container",
            description=t("chart_heatmap_description", lang),
        )
    )
    return _config(chart, lang)


def trend_chart(
    rows: list[dict[str, Any]],
    lang: str,
    title: str,
    domain: list[float] | None,
    *,
    subject: str | None = None,
) -> Any:
    """Values over the assessments' dates: ``rows`` of {date (ISO), series, value};
    ``title``: the value axis's; ``domain``: its range (None: the values' own, not
    from zero); ``subject``: what the chart shows, for its description (the title)."""
    series = list(dict.fromkeys(str(r["series"]) for r in rows))
    palette = [CURRENT_COLOR, IDEAL_COLOR, INK][: len(series)]
    # One tick per assessment, on its own day (dates are days: read and written in UTC,
    # so that no time zone moves one to the day before).
    days = sorted({str(r["date"]) for r in rows})
    ticks = [alt.DateTime(year=int(d[:4]), month=int(d[5:7]), date=int(d[8:10]), utc=True)
             for d in days]  # fmt: skip
    axis = alt.Axis(values=ticks, format="%-d %b %Y", labelAngle=0, labelOverlap="greedy")
    base = alt.Chart(_data(rows)).encode(
        x=alt.X("utcyearmonthdate(date):T", title=None, axis=axis),
        y=alt.Y(
            "value:Q",
            title=title,
            scale=alt.Scale(domain=domain, nice=False) if domain else alt.Scale(zero=False),
        ),
        color=alt.Color(
            "series:N", title=None, scale=alt.Scale(domain=series, range=palette), sort=series
        ),
    )
    lines = base.mark_line(strokeWidth=2)
    points = base.mark_circle(size=70, opacity=1).encode(
        tooltip=[
            alt.Tooltip("utcyearmonthdate(date):T", title="", format="%-d %B %Y"),
            alt.Tooltip("series:N", title=""),
            alt.Tooltip("value:Q", title=title, format=".2f"),
        ]
    )
    chart = alt.layer(lines, points).properties(
        height=220,
        width="container",
        description=t("chart_trend_description", lang, title=subject or title),
    )
    return _config(chart, lang)


# ----------------------------------------------------------------- built once per data

SPEC_CACHE_SIZE = 256
_specs: OrderedDict[tuple[str, int, str, str], tuple[object, dict[str, Any]]] = OrderedDict()
_specs_lock = threading.Lock()


def cached_spec(
    build: Callable[[Any, Any, str], Any], questionnaire: Quiz | Grid, result: object, lang: str
) -> dict[str, Any]:
    """The Vega-Lite spec of ``build(questionnaire, result, lang)``, built (and turned
    into a plain dict, without Altair's validation) once per questionnaire object,
    result and language: a page drawn again with the same results sends the stored
    spec (``st.vega_lite_chart``). Results are frozen values; their ``repr`` is the key.
    The questionnaire object is kept with its entry, so its ``id`` is never reused
    while the entry lives; a catalogue re-read gives new objects, hence new entries."""
    key = (build.__name__, id(questionnaire), repr(result), lang)
    return _cached(key, questionnaire, lambda: build(questionnaire, result, lang))


def cached_trend_spec(
    rows: list[dict[str, Any]],
    lang: str,
    title: str,
    domain: list[float] | None,
    *,
    subject: str | None = None,
) -> dict[str, Any]:
    """:func:`trend_chart`'s spec, built once per rows, axis and language (the same
    store as :func:`cached_spec`): a page drawn again with the same values sends the
    stored spec."""
    key = ("trend_chart", 0, repr((rows, title, domain, subject)), lang)
    return _cached(key, None, lambda: trend_chart(rows, lang, title, domain, subject=subject))


def _cached(
    key: tuple[str, int, str, str], keep: object, build: Callable[[], Any]
) -> dict[str, Any]:
    """The spec stored under ``key``, else ``build()``'s, stored with ``keep`` (an
    object whose ``id`` is part of the key must live as long as its entry)."""
    with _specs_lock:
        found = _specs.get(key)
        if found is not None:
            _specs.move_to_end(key)
            return found[1]
    spec: dict[str, Any] = build().to_dict(validate=False)
    with _specs_lock:
        _specs[key] = (keep, spec)
        while len(_specs) > SPEC_CACHE_SIZE:
            _specs.popitem(last=False)
    return spec


# ------------------------------------------------------------------------- portfolio

REVIEW_SHAPES = {"overdue": "triangle-up", "soon": "diamond", "planned": "circle"}
REVIEW_COLORS = {"overdue": "#b3261e", "soon": "#a15c00", "planned": IDEAL_COLOR}


STATE_OFFSET = 0.07  # levels: organisations of different states at one place, side by side


def portfolio_chart(rows: list[dict[str, Any]], lang: str, domain: list[float]) -> Any:
    """The organisations of the portfolio as points: today's level across, the gap up;
    the review state in colour and in shape (colour is never the only sign).
    Organisations at the same place and state are one point, its size their number
    (the tooltip names up to five); states at the same place stand side by side (the
    tooltip gives the level itself). ``rows``: {name, level, gap, review}."""
    states = [s for s in REVIEW_SHAPES if any(r["review"] == s for r in rows)]
    labels = {s: t(f"portfolio_review_{s}", lang) for s in states}
    groups: dict[tuple[float, float, str], list[str]] = {}
    for state in states:  # in the legend's order, so side-by-side points keep it too
        for r in rows:
            if r["review"] == state:
                key = (round(r["level"], 2), round(r["gap"], 2), state)
                groups.setdefault(key, []).append(str(r["name"]))
    at_place: dict[tuple[float, float], list[str]] = {}
    for level, gap, state in groups:
        at_place.setdefault((level, gap), []).append(state)
    data = []
    for (level, gap, state), names in groups.items():
        here = at_place[(level, gap)]
        shift = (here.index(state) - (len(here) - 1) / 2) * STATE_OFFSET
        data.append({
            "x": level + shift, "level": level, "gap": gap, "state": labels[state],
            "count": len(names), "names": ", ".join(names[:5]) + (" …" if len(names) > 5 else ""),
        })  # fmt: skip
    domain_labels = [labels[s] for s in states]
    padded = [domain[0] - 0.2, domain[1] + 0.2]
    levels = list(range(int(domain[0]), int(domain[1]) + 1))
    chart = (
        alt.Chart(_data(data))
        .mark_point(filled=True, opacity=0.85, stroke="white", strokeWidth=1)
        .encode(
            x=alt.X(
                "x:Q",
                title=t("portfolio_col_level", lang),
                scale=alt.Scale(domain=padded, nice=False),
                axis=alt.Axis(values=levels),
            ),
            # padding: a point with no gap stays above the axis and its labels
            y=alt.Y(
                "gap:Q",
                title=t("portfolio_col_gap", lang),
                scale=alt.Scale(zero=True, padding=14),
            ),
            size=alt.Size("count:Q", scale=alt.Scale(range=[90, 900]), legend=None),
            color=alt.Color(
                "state:N",
                title=None,
                scale=alt.Scale(domain=domain_labels, range=[REVIEW_COLORS[s] for s in states]),
            ),
            shape=alt.Shape(
                "state:N",
                title=None,
                scale=alt.Scale(domain=domain_labels, range=[REVIEW_SHAPES[s] for s in states]),
            ),
            tooltip=[
                alt.Tooltip("names:N", title=t("portfolio_organizations", lang)),
                alt.Tooltip("count:Q", title="#"),
                alt.Tooltip("level:Q", title=t("portfolio_col_level", lang), format=".2f"),
                alt.Tooltip("gap:Q", title=t("portfolio_col_gap", lang), format=".2f"),
                alt.Tooltip("state:N", title=t("portfolio_col_review", lang)),
            ],
        )
        .properties(
            height=260, width="container", description=t("chart_portfolio_description", lang)
        )
    )
    return _config(chart, lang)


def cached_portfolio_spec(
    rows: list[dict[str, Any]], lang: str, domain: list[float]
) -> dict[str, Any]:
    """:func:`portfolio_chart`'s spec, built once per points, scale and language (the
    store :func:`cached_spec` uses)."""
    key = ("portfolio_chart", 0, repr((rows, domain)), lang)
    return _cached(key, None, lambda: portfolio_chart(rows, lang, domain))
