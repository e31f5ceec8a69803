"""The command line contract: verbs, JSON shapes, exit codes, languages, lazy imports."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import pytest

from cxmaturity.cli import main

from .conftest import ASSESSMENTS, ROOT


def run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(args), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def write(tmp_path, name: str, text: str):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def quiz_file(tmp_path, name: str, choices: str, extra: str = "") -> str:
    q1, q2, q3, q4 = choices
    body = f"questionnaire: avaya-cx-quiz\n{extra}answers: {{q1: {q1}, q2: {q2}, q3: {q3}, q4: {q4}}}\n"
    return write(tmp_path, name, body)


@pytest.mark.parametrize(
    ("choices", "points", "band"), [("aaaa", 4, "long-way-to-go"), ("cccd", 13, "on-top-of-it")]
)
def test_score_json_quiz_real_process(run_cli, tmp_path, choices, points, band):
    result = run_cli("score", quiz_file(tmp_path, "a.yaml", choices), "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {
        "questionnaire": "avaya-cx-quiz",
        "kind": "quiz",
        "respondents": 1,
        "answered": 4,
        "total_questions": 4,
        "points": points,
        "min_points": 4,
        "max_points": 13,
        "band": band,
        "capped_by": [],  # the format: no option of this quiz caps
    }


def test_score_json_grid_shape(tmp_path):
    path = write(
        tmp_path,
        "g.yaml",
        "questionnaire: avaya-capability-grid\nanswers:\n"
        "  talent-training: {current: 2, ideal: 4}\n  security: n/a\n",
    )
    code, out, _ = run("score", path, "--json")
    data = json.loads(out)
    assert code == 0
    assert set(data) == {
        "questionnaire",
        "kind",
        "respondents",
        "overall",
        "categories",
        "capabilities",
    }
    assert data["overall"] == {
        "current": 2.0, "ideal": 4.0, "gap": 2.0, "level": "meets-some", "ideal_level": "exceeds-standard",
    }  # fmt: skip
    assert len(data["categories"]) == 4 and len(data["capabilities"]) == 25
    talent = data["categories"][1]
    assert talent == {"id": "talent-management", "current": 2.0, "ideal": 4.0, "gap": 2.0}
    assert data["categories"][0] == {
        "id": "business-process-alignment", "current": None, "ideal": None, "gap": None,
    }  # fmt: skip
    row = next(c for c in data["capabilities"] if c["id"] == "talent-training")
    assert row == {
        "id": "talent-training", "category": "talent-management",
        "current": 2, "ideal": 4, "gap": 2, "priority": 2.0,
    }  # fmt: skip
    security = next(c for c in data["capabilities"] if c["id"] == "security")
    assert security["current"] is None and security["priority"] is None


def test_score_several_files_is_one_team(tmp_path):
    paths = [quiz_file(tmp_path, f"{i}.yaml", c) for i, c in enumerate(["aaaa", "bbbb", "cccd"])]
    code, out, _ = run("score", *paths, "--json")
    data = json.loads(out)
    assert (code, data["respondents"], data["points"], data["band"]) == (0, 3, 8, "good-job")
    assert data["questions"][3] == {"id": "q4", "distribution": {"a": 1, "b": 1, "d": 1}}


def test_score_two_questionnaires_gives_a_list(tmp_path):
    quiz = quiz_file(tmp_path, "q.yaml", "aaaa")
    grid = write(tmp_path, "g.yaml", "questionnaire: avaya-capability-grid\nanswers: {}\n")
    code, out, _ = run("score", quiz, grid, "--json")
    assert code == 0
    assert [d["kind"] for d in json.loads(out)] == ["quiz", "grid"]


def test_human_output_in_the_questionnaires_language_by_default(tmp_path):
    code, out, _ = run("score", quiz_file(tmp_path, "a.yaml", "cccd"))
    assert code == 0
    assert "Puntos: 13" in out and "Está al tanto de lo que ocurre." in out


def test_human_output_in_english(tmp_path):
    code, out, _ = run("score", quiz_file(tmp_path, "a.yaml", "aaaa"), "--lang", "en")
    assert code == 0
    assert "Points: 4" in out and "You have a long way to go." in out


def test_human_grid_output_lists_gaps_and_initiatives(tmp_path):
    path = write(
        tmp_path,
        "g.yaml",
        "questionnaire: avaya-capability-grid\nanswers:\n"
        "  talent-training: {current: 1, ideal: 4}\n  billing: {current: 4, ideal: 2}\n",
    )
    code, out, _ = run("score", path, "--lang", "en")
    assert code == 0
    assert "1. Talent training (Talent management): 1 -> 4, gap 3, priority 3" in out
    assert "Customer experience training program" in out
    assert "Negative gaps (the ideal is below today):" in out
    assert "Partial result" in out


def test_partial_quiz_says_so(tmp_path):
    path = write(tmp_path, "p.yaml", "questionnaire: avaya-cx-quiz\nanswers: {q1: a}\n")
    code, out, _ = run("score", path, "--lang", "en")
    assert code == 0 and "Partial result" in out
    code, out, _ = run("score", path, "--json")
    assert json.loads(out)["band"] is None


def test_unknown_language_is_a_usage_error(tmp_path):
    code, out, err = run("score", quiz_file(tmp_path, "a.yaml", "aaaa"), "--lang", "fr")
    assert (code, out) == (2, "")
    assert "offered in es, en" in err


def test_wrong_usage_exits_2(run_cli):
    assert run_cli("score").returncode == 2
    assert run_cli("frobnicate").returncode == 2
    assert run_cli("score", "x.yaml", "--catalog", "/nonexistent").returncode == 2


def test_missing_answers_file_is_invalid_input(tmp_path):
    code, out, err = run("score", str(tmp_path / "nope.yaml"))
    assert (code, out) == (1, "")
    assert "nope.yaml: (file): cannot read" in err


def test_all_answers_files_are_checked_before_failing(tmp_path):
    good = quiz_file(tmp_path, "good.yaml", "aaaa")
    bad1 = write(tmp_path, "bad1.yaml", "questionnaire: avaya-cx-quiz\nanswers: {q1: z}\n")
    bad2 = write(tmp_path, "bad2.yaml", "questionnaire: avaya-cx-quiz\nanswers: {q7: a}\n")
    code, out, err = run("score", good, bad1, bad2, "--json")
    assert (code, out) == (1, "")
    assert "bad1.yaml:2: answers.q1" in err and "bad2.yaml:2: answers.q7" in err


def test_validate_default_folder_is_clean(run_cli):
    result = run_cli("validate")
    assert result.returncode == 0, result.stderr
    count = len(list((ROOT / "assessments").glob("*.yaml")))  # questionnaires and kpis.yaml
    assert f"{count} files checked: {count} valid, 0 invalid" in result.stdout


def test_validate_from_another_folder_uses_the_bundled_questionnaires(run_cli, tmp_path):
    result = run_cli("validate", cwd=tmp_path)
    assert result.returncode == 0, result.stderr


def test_validate_accepts_answers_next_to_their_questionnaire(tmp_path):
    quiz = (ROOT / "tests" / "corpus" / "catalog" / "strict-grid.yaml").read_text()
    write(tmp_path, "strict.yaml", quiz.replace("strict-grid", "my-grid"))
    write(
        tmp_path, "ana.yaml", "questionnaire: my-grid\nanswers: {thing: {current: 1, ideal: 2}}\n"
    )
    code, out, err = run("validate", str(tmp_path))
    assert (code, err) == (0, "")
    assert "2 files checked: 2 valid" in out


def test_cli_messages_count_in_words_never_with_s_in_brackets(tmp_path):
    code, out, _ = run("validate", str(ASSESSMENTS / "avaya-cx-quiz.yaml"))
    assert (code, out) == (0, "1 file checked: 1 valid, 0 invalid\n")
    answers = write(tmp_path, "quiz.yaml", "questionnaire: avaya-cx-quiz\nanswers: {}\n")
    code, out, err = run("report", str(answers), "-o", str(tmp_path / "r.pdf"))
    assert (code, err) == (0, "")
    assert out.endswith(": 1 questionnaire, report in es\n") and "(s)" not in out


def test_validate_reports_duplicate_questionnaire_ids(tmp_path):
    text = (ROOT / "assessments" / "cx-mistakes.yaml").read_text()
    write(tmp_path, "a.yaml", text)
    write(tmp_path, "b.yaml", text)
    code, _, err = run("validate", str(tmp_path))
    assert code == 1 and "duplicate questionnaire id 'cx-mistakes'" in err


def test_schema_prints_json_schema():
    code, out, _ = run("schema")
    schema = json.loads(out)
    assert code == 0 and schema["discriminator"]["propertyName"] == "kind"


def test_validate_and_score_do_not_import_heavy_libraries(tmp_path):
    path = quiz_file(tmp_path, "a.yaml", "aaaa")
    probe = (
        "import sys, runpy\n"
        f"sys.argv = ['cxmaturity', 'score', {path!r}, '--json']\n"
        "try:\n    runpy.run_module('cxmaturity', run_name='__main__')\n"
        "except SystemExit:\n    pass\n"
        "heavy = {'streamlit', 'altair', 'pandas', 'fpdf'} & {m.split('.')[0] for m in sys.modules}\n"
        "print(sorted(heavy), file=sys.stderr)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.stderr.strip().splitlines()[-1] == "[]"
