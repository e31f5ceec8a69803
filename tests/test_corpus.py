"""A corpus of broken questionnaires and answers files, run through the real CLI.

Each must exit with status 1, name the file, the line and the location, say what
is wrong, and show no traceback. Questionnaire files go through ``validate``;
answers files through ``score`` (and through ``validate``, which accepts both).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import CORPUS

# file -> (line or None, location, part of the message)
QUESTIONNAIRES = {
    "syntax-error.yaml": (5, "(yaml)", "did not find expected ',' or ']'"),
    "unknown-key.yaml": (9, "questions[0].optoins", "did you mean 'options'"),
    "duplicate-key.yaml": (14, "title", "given twice (first on line 5)"),
    "band-gap.yaml": (19, "bands[1].min", "totals 4 are not covered by any band"),
    "band-overlap.yaml": (14, "bands[1].min", "totals 3 are covered by both 'low' and 'high'"),
    "missing-language.yaml": (8, "questions[0].text", "missing language: en"),
    "python-tag.yaml": (5, "(yaml)", "python/object/apply:os.system"),
    "alias-bomb.yaml": (1, "(file)", "alias"),
    "recursive-alias.yaml": (6, "(file)", "recursive alias"),
    "not-utf8.yaml": (5, "(file)", "not valid UTF-8"),
    "wrong-types.yaml": (8, "levels[0].value", "valid integer (got 'one')"),
    "bad-ids.yaml": (11, "questions[0].options[1].id", "'b_2' is not a valid id"),
    "duplicate-ids.yaml": (12, "questions[1].id", "duplicate question id 'q1'"),
    "grid-shared-id.yaml": (13, "categories[0].capabilities[0].id", "duplicate id 'people'"),
    "levels-not-increasing.yaml": (9, "levels[2].value", "strictly increasing"),
    "unknown-kind.yaml": (3, "kind", "unknown kind 'survey'"),
    "schema-version.yaml": (1, "schema_version", "should be 1"),
    "too-few-options.yaml": (9, "questions[0].options", "at least 2"),
    "not-a-mapping.yaml": (1, "(file)", "must be a mapping"),
    "empty.yaml": (1, "(file)", "empty"),
    "two-documents.yaml": (3, "(yaml)", "single document"),
}

ANSWERS = {
    "answers-unknown-option.yaml": (4, "answers.q2", "unknown option 'e' for q2"),
    "answers-unknown-question.yaml": (4, "answers.q9", "unknown question 'q9'"),
    "answers-unknown-capability.yaml": (4, "answers.time-travel", "unknown capability"),
    "answers-unknown-level.yaml": (3, "answers.billing.ideal", "unknown level 7"),
    "answers-na-forbidden.yaml": (3, "answers.thing.current", "n/a is not allowed"),
    "answers-unknown-questionnaire.yaml": (1, "questionnaire", "unknown questionnaire"),
    "answers-wrong-types.yaml": (4, "answers.billing.current", "level value (an integer) or n/a"),
    "answers-unknown-key.yaml": (2, "respondant", "did you mean 'respondent'"),
    "answers-language.yaml": (2, "language", "'fr' is not offered"),
    "answers-category-rated.yaml": (3, "answers.infrastructure", "is a category"),
}


def test_the_corpus_is_large_and_every_file_is_listed():
    files = {p.name for p in CORPUS.glob("*.yaml")}
    assert files == set(QUESTIONNAIRES) | set(ANSWERS)
    assert len(files) + 2 >= 20 + 2  # plus the generated oversize and too-deep files


def _assert_reported(result, path: Path, line: int | None, location: str, message: str):
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    prefix = f"{path}:{line}: " if line is not None else f"{path}: "
    lines = [x for x in result.stderr.splitlines() if x.startswith(prefix + location + ": ")]
    assert lines, f"no '{prefix}{location}: ...' in:\n{result.stderr}"
    assert any(message in x for x in lines), result.stderr


@pytest.mark.parametrize("name", sorted(QUESTIONNAIRES))
def test_broken_questionnaire(run_cli, name):
    line, location, message = QUESTIONNAIRES[name]
    path = Path("tests/corpus") / name
    _assert_reported(run_cli("validate", path), path, line, location, message)


@pytest.mark.parametrize("name", sorted(ANSWERS))
def test_broken_answers(run_cli, name):
    line, location, message = ANSWERS[name]
    path = Path("tests/corpus") / name
    result = run_cli("score", path, "--catalog", "tests/corpus/catalog", "--json")
    _assert_reported(result, path, line, location, message)
    assert result.stdout == ""  # nothing written on invalid input
    again = run_cli("validate", path, "--catalog", "tests/corpus/catalog")
    _assert_reported(again, path, line, location, message)


def test_oversize_file(run_cli, tmp_path):
    path = tmp_path / "huge.yaml"
    path.write_text("schema_version: 1\n" + "# padding\n" * 120_000)
    _assert_reported(run_cli("validate", path), path, None, "(file)", "the limit is 1 MiB")


def test_too_deeply_nested_file(run_cli, tmp_path):
    path = tmp_path / "deep.yaml"
    path.write_text("a: " + "[" * 5000 + "]" * 5000 + "\n")
    _assert_reported(run_cli("validate", path), path, None, "(file)", "nested too deeply")


def test_every_problem_of_a_file_is_reported_at_once(run_cli):
    path = Path("tests/corpus/wrong-types.yaml")
    result = run_cli("validate", path)
    reported = [x.split(": ")[1] for x in result.stderr.splitlines()]
    assert reported == [
        "estimated_minutes",
        "levels[0].value",
        "categories[0].weight",
        "categories[0].capabilities[0].weight",
    ]


def test_python_tag_is_never_executed(run_cli, tmp_path):
    marker = Path("/tmp/cxmaturity-pwned")
    marker.unlink(missing_ok=True)
    run_cli("validate", "tests/corpus/python-tag.yaml")
    assert not marker.exists()


def test_validate_a_folder_reports_each_broken_file(run_cli):
    result = run_cli("validate", "tests/corpus", "--catalog", "tests/corpus/catalog")
    assert result.returncode == 1
    named = {line.split(":")[0] for line in result.stderr.splitlines()}
    expected = {f"tests/corpus/{n}" for n in [*QUESTIONNAIRES, *ANSWERS]}
    assert named == expected
    assert f"{len(expected)} files checked: 0 valid, {len(expected)} invalid" in result.stdout
