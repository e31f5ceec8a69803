"""Chart specs: numbers in the reader's language, labels that keep apart."""

from __future__ import annotations

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
