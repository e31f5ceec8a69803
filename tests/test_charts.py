"""Chart specs: numbers in the reader's language, labels that keep apart."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from cxmaturity import charts, scoring
from cxmaturity.loader import Catalog, load_answers

from .conftest import ASSESSMENTS, ROOT


@pytest.fixture(scope="module")
def acme() -> tuple[Any, Any]:
    answers, grid = load_answers(
        ROOT / "docs" / "examples" / "acme-grid.yaml", Catalog.from_dirs([ASSESSMENTS])
    )
    return grid, scoring.score_grid(grid, [answers])


@pytest.mark.parametrize(("lang", "decimal"), [("es", ","), ("en", ".")])
def test_numbers_follow_the_language(acme: tuple[Any, Any], lang: str, decimal: str) -> None:
    grid, result = acme
    for chart in (
        charts.category_chart(grid, result, lang),
        charts.capability_heatmap(grid, result, lang),
    ):
        spec = chart.to_dict()
        assert spec["config"]["locale"]["number"]["decimal"] == decimal
        assert spec["config"]["axis"]["labelFont"] == charts.FONT


def test_lower_label_leans_left_higher_right(acme: tuple[Any, Any]) -> None:
    grid, result = acme
    spec = charts.category_chart(grid, result, "en").to_dict()
    texts = [layer for layer in spec["layer"] if layer["mark"].get("type") == "text"]
    aligns = {
        re.search(r"(low|high)", layer["transform"][0]["filter"]).group(1): layer["mark"]["align"]
        for layer in texts
    }
    assert aligns == {"low": "right", "high": "left"}
    circles = next(layer for layer in spec["layer"] if layer["mark"].get("type") == "circle")
    values = circles["data"]["values"]
    by_category: dict[str, dict[str, Any]] = {}
    for row in values:
        by_category.setdefault(row["category"], {})[row["side"]] = row["value"]
    assert len(by_category) == len(grid.categories)
    for sides in by_category.values():
        assert sides["low"] <= sides["high"]


def test_a_spec_is_built_once_per_questionnaire_result_and_language(acme) -> None:
    grid, result = acme
    first = charts.cached_spec(charts.category_chart, grid, result, "es")
    assert first == charts.category_chart(grid, result, "es").to_dict(validate=False)
    assert charts.cached_spec(charts.category_chart, grid, result, "es") is first  # stored
    assert charts.cached_spec(charts.category_chart, grid, result, "en") is not first
    other = scoring.score_grid(grid, [])  # other results: another spec
    assert charts.cached_spec(charts.category_chart, grid, other, "es") is not first
    copy = grid.model_copy()  # another questionnaire object (a catalogue re-read)
    assert charts.cached_spec(charts.category_chart, copy, result, "es") is not first
    heatmap = charts.cached_spec(charts.capability_heatmap, grid, result, "es")
    assert heatmap is not first and "layer" in heatmap


# ------------------------------------------------------------- trends over rounds


def test_a_trend_has_one_tick_per_round_in_the_pages_language():
    rows = [{"date": d, "series": "Hoy", "value": v}
            for d, v in (("2026-01-15", 2.0), ("2026-02-03", 2.2), ("2026-08-01", 2.6))]  # fmt: skip
    spec = charts.trend_chart(rows, "es", "Nivel", [1.0, 4.0]).to_dict(validate=True)
    x = spec["layer"][0]["encoding"]["x"]
    assert x["timeUnit"] == "utcyearmonthdate"  # a day stays that day in any time zone
    ticks = [(v["year"], v["month"], v["date"]) for v in x["axis"]["values"]]
    assert ticks == [(2026, 1, 15), (2026, 2, 3), (2026, 8, 1)]  # no month twice
    assert x["axis"]["format"] == "%-d %b %Y"
    # Read aloud by a screen reader (the chart's aria-label), in the page's language.
    assert spec["description"] == "Nivel en la fecha de cada evaluación, una línea por serie."
    # Built once per values, axis and language (the KPI chart is drawn from this).
    stored = charts.cached_trend_spec(rows, "es", "Nivel", [1.0, 4.0])
    assert charts.cached_trend_spec(rows, "es", "Nivel", [1.0, 4.0]) is stored
    assert charts.cached_trend_spec(rows, "en", "Nivel", [1.0, 4.0]) is not stored
    assert charts.cached_trend_spec(rows[:2], "es", "Nivel", [1.0, 4.0]) is not stored
    assert stored["description"] == spec["description"]
    months = spec["config"]["locale"]["time"]["shortMonths"]
    assert months[:3] == ["ene", "feb", "mar"]
    assert charts.time_locale("en")["shortMonths"][:2] == ["Jan", "Feb"]


def test_partial_quizzes_are_not_results_in_the_history():
    import datetime as dt

    from cxmaturity.loader import load_questionnaire
    from cxmaturity.model import Answers
    from cxmaturity.services.history import _result_text, trend_rows

    quiz = load_questionnaire(ASSESSMENTS / "avaya-cx-quiz.yaml")
    first = quiz.questions[0]
    partial = Answers(questionnaire=quiz.id, answers={first.id: first.options[0].id})
    complete = Answers(questionnaire=quiz.id,
                       answers={q.id: q.options[0].id for q in quiz.questions})  # fmt: skip
    assert _result_text(quiz, [partial], "en") == "Incomplete: 1 of 4 questions answered"
    assert _result_text(quiz, [complete], "es").startswith("4 puntos · ")
    rounds = [(dt.date(2026, 1, 1), scoring.score(quiz, [partial])),
              (dt.date(2026, 7, 1), scoring.score(quiz, [complete]))]  # fmt: skip
    assert [r["date"] for r in trend_rows(rounds, "en")] == ["2026-07-01"]


def _portfolio_points(spec: dict[str, Any]) -> list[dict[str, Any]]:
    return list(spec["data"]["values"])


def test_portfolio_states_at_one_place_stand_side_by_side() -> None:
    rows = [
        {"name": "Overdue A", "level": 2.0, "gap": 1.0, "review": "overdue"},
        {"name": "Overdue B", "level": 2.0, "gap": 1.0, "review": "overdue"},
        {"name": "Planned C", "level": 2.0, "gap": 1.0, "review": "planned"},
        {"name": "Planned D", "level": 3.0, "gap": 0.0, "review": "planned"},
    ]
    spec = charts.cached_portfolio_spec(rows, "en", [1.0, 4.0])
    points = {(p["state"], p["level"], p["gap"]): p for p in _portfolio_points(spec)}
    overdue, planned = points[("Overdue", 2.0, 1.0)], points[("Planned", 2.0, 1.0)]
    # one point per state and place, sized by its organisations, named in the tooltip
    assert (overdue["count"], overdue["names"]) == (2, "Overdue A, Overdue B")
    assert (planned["count"], planned["names"]) == (1, "Planned C")
    # drawn apart (overdue first, as in the legend), each within a level's reach
    assert overdue["x"] < 2.0 < planned["x"]
    assert planned["x"] - overdue["x"] == pytest.approx(charts.STATE_OFFSET)
    # alone at its place: drawn at its level; the tooltip gives the level, not x
    assert points[("Planned", 3.0, 0.0)]["x"] == 3.0
    assert spec["encoding"]["x"]["field"] == "x"
    assert [tip["field"] for tip in spec["encoding"]["tooltip"]][2] == "level"
    # a point with no gap keeps off the axis; the chart is described for screen readers
    assert spec["encoding"]["y"]["scale"]["padding"] > 0
    assert spec["description"].startswith("Each organization by its level today")
    assert charts.cached_portfolio_spec(rows, "es", [1.0, 4.0])["description"].startswith(
        "Cada organización"
    )


def test_portfolio_chart_is_built_once_per_points_and_language(monkeypatch) -> None:
    rows = [{"name": "Solo", "level": 1.5, "gap": 2.0, "review": "soon"}]
    built: list[str] = []
    real = charts.portfolio_chart

    def counting(*args: Any) -> Any:
        built.append(args[1])
        return real(*args)

    monkeypatch.setattr(charts, "portfolio_chart", counting)
    first = charts.cached_portfolio_spec(rows, "en", [1.0, 4.0])
    assert charts.cached_portfolio_spec(rows, "en", [1.0, 4.0]) is first
    charts.cached_portfolio_spec(rows, "es", [1.0, 4.0])
    charts.cached_portfolio_spec([{**rows[0], "gap": 1.0}], "en", [1.0, 4.0])
    assert built == ["en", "es", "en"]


def test_long_category_names_are_set_on_two_lines(acme: tuple[Any, Any]) -> None:
    grid, result = acme
    spec = charts.category_chart(grid, result, "es").to_dict(validate=False)
    expression = spec["layer"][0]["encoding"]["y"]["axis"]["labelExpr"]
    assert '"Alineamiento del proceso de negocio" ? ["Alineamiento del", "proceso de negocio"]' in (
        expression
    )
    assert '"Gestión de Talento"' not in expression  # short enough for one line
    assert expression.endswith(": datum.label")


def test_two_line_labels_keep_names_as_strings() -> None:
    # A name is data: quotes and backslashes stay inside JSON strings of the expression.
    name = 'Say "hi" \\ then ? datum.x : alert(1)'
    expression = charts.two_line_labels([name])
    lines = ['Say "hi" \\ then ?', "datum.x : alert(1)"]
    assert expression == (
        f"datum.label === {json.dumps(name, ensure_ascii=False)} ? "
        f"{json.dumps(lines, ensure_ascii=False)} : datum.label"
    )
    assert '\\"hi\\"' in expression  # the quotes escaped, not closing the string
    assert charts.two_line_labels(["Short", "Unbreakablelongwordwithoutspaces"]) == "datum.label"


def test_two_line_labels_are_centred_on_their_rows(acme: tuple[Any, Any]) -> None:
    grid, result = acme
    spec = charts.category_chart(grid, result, "en").to_dict(validate=False)
    baseline = spec["layer"][0]["encoding"]["y"]["axis"]["labelBaseline"]
    assert baseline["value"] == "middle" and baseline["condition"]["value"] == "alphabetic"
    assert '"Business process alignment"' in baseline["condition"]["test"]
    assert '"Talent management"' not in baseline["condition"]["test"]
