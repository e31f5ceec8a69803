"""Option caps (`cap: BAND_ID`) and `capped_by`, table-driven, and the invalid file:
a cap naming a band the quiz does not have. Expected values worked out by hand."""

from __future__ import annotations

import pytest

from cxmaturity.errors import InvalidInput
from cxmaturity.loader import parse_questionnaire
from cxmaturity.model import Answers, Quiz
from cxmaturity.scoring import score_quiz

# Three questions; option a = 1 point, b = 2, c = 3. Totals 3..9: low 3-4, mid 5-7,
# top 8-9. q1.c caps at low, q2.c at mid, q3.c at top (the last band: it can never lie
# before the points' band, so it never caps).
CAPPED_QUIZ = b"""\
schema_version: 1
id: capped
kind: quiz
languages: [en]
title: Capped
closing: "Whatever your score, improving is a continuous process."
questions:
  - id: q1
    text: One
    options:
      - {id: a, points: 1, text: A}
      - {id: b, points: 2, text: B}
      - {id: c, points: 3, text: C, cap: low}
  - id: q2
    text: Two
    options:
      - {id: a, points: 1, text: A}
      - {id: b, points: 2, text: B}
      - {id: c, points: 3, text: C, cap: mid}
  - id: q3
    text: Three
    options:
      - {id: a, points: 1, text: A}
      - {id: b, points: 2, text: B}
      - {id: c, points: 3, text: C, cap: top}
bands:
  - {id: low, min: 3, max: 4, label: Low}
  - {id: mid, min: 5, max: 7, label: Mid}
  - {id: top, min: 8, max: 9, label: Top}
"""

CASES = {
    # choices: (points, band, capped_by)
    "no cap chosen": ("bba", 5, "mid", []),
    "a cap before the points' band; one at it does not count": ("bcc", 8, "mid", ["q2"]),
    "several caps: the earliest wins, questions in order": ("ccc", 9, "low", ["q1", "q2"]),
    "a cap at the points' band changes nothing": ("acb", 6, "mid", []),
    "a cap after the points' band changes nothing": ("aac", 5, "mid", []),
    "a partial quiz has no band and no cap": ("cc", 6, None, []),
}


@pytest.fixture(scope="module")
def quiz() -> Quiz:
    found = parse_questionnaire(CAPPED_QUIZ, "capped.yaml")
    assert isinstance(found, Quiz)
    return found


@pytest.mark.parametrize("case", list(CASES))
def test_caps(quiz, case):
    letters, points, band, capped_by = CASES[case]
    answers = Answers(questionnaire="capped", answers=dict(zip(["q1", "q2", "q3"], letters,
                                                               strict=False)))  # fmt: skip
    result = score_quiz(quiz, [answers])
    assert (result.points, result.band, list(result.capped_by)) == (points, band, capped_by)
    assert result.to_json()["capped_by"] == capped_by


def test_a_team_band_follows_the_team_points_only(quiz):
    """Caps apply to one answers set; a team's band follows its (median) points."""
    team = [Answers(questionnaire="capped", answers={"q1": "c", "q2": "c", "q3": "c"})] * 2
    result = score_quiz(quiz, team)
    assert (result.points, result.band, result.to_json()["capped_by"]) == (9, "top", [])


def test_closing_is_read_in_every_language(quiz):
    assert quiz.closing is not None
    assert quiz.closing.get("en") == "Whatever your score, improving is a continuous process."


def test_a_cap_naming_an_unknown_band_is_an_error_with_its_line():
    broken = CAPPED_QUIZ.replace(b"cap: mid}", b"cap: middle}")  # q2's option c, line 19
    with pytest.raises(InvalidInput) as raised:
        parse_questionnaire(broken, "capped.yaml")
    text = str(raised.value)
    assert "capped.yaml:19" in text and "questions[1].options[2].cap" in text, text
    assert "unknown band 'middle' (bands: low, mid, top)" in text, text


def test_the_report_explains_the_cap_and_shows_the_closing(quiz, tmp_path):
    from cxmaturity.report import build_report, report_data

    from .test_report import flat, pdf_text

    answers = Answers(questionnaire="capped", answers={"q1": "c", "q2": "c", "q3": "c"})
    text = flat(pdf_text(build_report(report_data([(quiz, [answers])], "en",
                                                  with_charts=False)), tmp_path))  # fmt: skip
    assert "Low" in text
    assert "Result capped by questions 1 and 2" in text
    assert "Whatever your score, improving is a continuous process." in text


def test_capped_text_in_both_languages():
    from cxmaturity.i18n import capped_text

    assert capped_text([], "en") == ""
    assert capped_text([2], "es").startswith("Resultado limitado por la pregunta 2:")
    assert capped_text([1, 3, 4], "es").startswith("Resultado limitado por las preguntas 1, 3 y 4:")
    assert capped_text([1, 3], "en").startswith("Result capped by questions 1 and 3:")


def test_the_text_output_explains_the_cap(quiz):
    from cxmaturity.textout import render_result

    answers = Answers(questionnaire="capped", answers={"q1": "b", "q2": "c", "q3": "c"})
    lines = render_result(quiz, score_quiz(quiz, [answers]), "en").splitlines()
    assert any(line.startswith("Result capped by question 2:") for line in lines), lines
    assert lines[-1] == "Whatever your score, improving is a continuous process."
