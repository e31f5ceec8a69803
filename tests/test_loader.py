"""The YAML reader: untrusted input, YAML 1.1 booleans, lines, all problems at once."""

from __future__ import annotations

import json
import time

import pytest

from cxmaturity.errors import InvalidInput
from cxmaturity.loader import Catalog, parse, parse_answers, parse_questionnaire
from cxmaturity.model import Quiz

QUIZ_WITH_SPANISH_IDS = b"""\
schema_version: 1
id: si-o-no
kind: quiz
languages: [es]
title: "S\xc3\xad o no"
questions:
  - id: no
    text: "\xc2\xbfPregunta?"
    options:
      - {id: no, points: 0, text: "No"}
      - {id: si, points: 1, text: "S\xc3\xad"}
      - {id: yes, points: 1, text: "Yes"}
      - {id: on, points: 1, text: "On"}
      - {id: off, points: 0, text: "Off"}
bands:
  - {id: all, min: 0, max: 1, label: Todo}
"""


def test_yaml_11_booleans_stay_strings_in_ids():
    quiz = parse_questionnaire(QUIZ_WITH_SPANISH_IDS, "si-o-no.yaml")
    assert isinstance(quiz, Quiz)
    assert quiz.questions[0].id == "no"
    assert [o.id for o in quiz.questions[0].options] == ["no", "si", "yes", "on", "off"]


def test_yaml_11_booleans_stay_strings_in_answers(catalog):
    catalog = Catalog(dict(catalog.questionnaires))
    catalog.add(parse_questionnaire(QUIZ_WITH_SPANISH_IDS, "si-o-no.yaml"), "si-o-no.yaml")
    answers, _ = parse_answers(b"questionnaire: si-o-no\nanswers: {no: yes}\n", "a.yaml", catalog)
    assert answers.answers == {"no": "yes"}


def test_true_and_false_are_still_booleans():
    doc = parse(b"a: true\nb: False\nc: yes\nd: no\ne: on\n", "x.yaml")
    assert doc.data == {"a": True, "b": False, "c": "yes", "d": "no", "e": "on"}


def test_integer_ids_are_read_as_strings():
    raw = QUIZ_WITH_SPANISH_IDS.replace(b"- id: no\n    text", b"- id: 1\n    text")
    assert parse_questionnaire(raw, "x.yaml").questions[0].id == "1"


def test_lines_point_at_the_field():
    doc = parse(b"a:\n  b:\n    - x\n    - y: 1\n      z: 2\n", "x.yaml")
    assert doc.line_for(("a", "b", 1, "z")) == 5
    assert doc.line_for(("a", "b", 0)) == 3
    assert doc.line_for(("a", "missing", "deeper")) == 1


def test_json_answers_are_read_too(catalog):
    raw = json.dumps({"questionnaire": "avaya-cx-quiz", "answers": {"q1": "a"}}).encode()
    answers, quiz = parse_answers(raw, "a.json", catalog)
    assert (answers.choice("q1"), quiz.id) == ("a", "avaya-cx-quiz")


def test_duplicate_keys_in_json_are_errors_too(catalog):
    raw = b'{"questionnaire": "avaya-cx-quiz", "answers": {"q1": "a", "q1": "b"}}'
    with pytest.raises(InvalidInput, match=r"a\.json:1: answers\.q1: key 'q1' given twice"):
        parse_answers(raw, "a.json", catalog)


def test_byte_order_mark_is_accepted():
    assert parse(b"\xef\xbb\xbfa: 1\n", "bom.yaml").data == {"a": 1}


def test_alias_bomb_fails_fast():
    lines = ['a0: &a0 ["lol"]'] + [
        f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 12)
    ]
    started = time.perf_counter()
    with pytest.raises(InvalidInput, match="alias"):
        parse("\n".join(lines).encode(), "bomb.yaml")
    assert time.perf_counter() - started < 1.0


def test_modest_alias_reuse_is_fine():
    doc = parse(b"base: &b {x: 1, y: 2}\nc: *b\nd: *b\n", "ok.yaml")
    assert doc.data["c"] == {"x": 1, "y": 2}


def test_problems_of_structure_and_duplicates_come_together():
    raw = b"schema_version: 1\nid: x\nkind: quiz\nkind: quiz\nlanguages: [EN]\ntitle: T\n"
    with pytest.raises(InvalidInput) as caught:
        parse_questionnaire(raw, "x.yaml")
    where = [(p.line, p.location) for p in caught.value.problems]
    assert (4, "kind") in where
    assert (5, "languages[0]") in where
    assert (1, "questions") in where and (1, "bands") in where


def test_problem_str_has_the_contract_shape():
    with pytest.raises(InvalidInput) as caught:
        parse_questionnaire(b"schema_version: 1\nid: x\nkind: quiz\n", "dir/x.yaml")
    assert str(caught.value.problems[0]).startswith("dir/x.yaml:1: ")


def test_catalog_keeps_broken_files_apart(tmp_path, catalog):
    (tmp_path / "good.yaml").write_bytes(QUIZ_WITH_SPANISH_IDS)
    (tmp_path / "bad.yaml").write_text("schema_version: [\n")
    (tmp_path / "copy.yaml").write_bytes(QUIZ_WITH_SPANISH_IDS)
    found = Catalog.from_dirs([tmp_path])
    assert list(found.questionnaires) == ["si-o-no"]
    assert set(found.broken) == {str(tmp_path / "bad.yaml"), str(tmp_path / "good.yaml")}
    assert "duplicate questionnaire id" in found.broken[str(tmp_path / "good.yaml")][0].message


def test_note_length_is_limited(catalog):
    note = "x" * 6000
    raw = f"questionnaire: avaya-capability-grid\nanswers:\n  billing: {{note: {note}}}\n"
    with pytest.raises(InvalidInput, match=r"answers\.billing\.note"):
        parse_answers(raw.encode(), "a.yaml", catalog)


def test_na_mixed_with_a_level_is_an_error(catalog):
    raw = b"questionnaire: avaya-capability-grid\nanswers:\n  billing: {current: n/a, ideal: 3}\n"
    with pytest.raises(InvalidInput, match="either not applicable or rated"):
        parse_answers(raw, "a.yaml", catalog)


def test_na_shorthand_and_case(catalog):
    raw = b"questionnaire: avaya-capability-grid\nanswers:\n  billing: N/A\n  security: {current: n/a, ideal: n/a}\n"
    answers, _ = parse_answers(raw, "a.yaml", catalog)
    assert answers.rating("billing").not_applicable
    assert answers.rating("security").not_applicable


def test_models_built_in_python_enforce_the_cross_field_rules():
    data = parse(QUIZ_WITH_SPANISH_IDS, "x.yaml").data
    data["bands"] = [{"id": "all", "min": 0, "max": 0, "label": "x"}]
    with pytest.raises(ValueError, match=r"bands\[0\]\.max: totals 1 are not covered"):
        Quiz.model_validate(data)
