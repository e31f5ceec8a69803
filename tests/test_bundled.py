"""Every data item documented and tested: bundled questionnaires, schema, i18n, shape."""

from __future__ import annotations

import ast
import json
import re

import pytest

from cxmaturity.loader import load_questionnaire
from cxmaturity.model import Grid, Quiz, questionnaire_schema

from .conftest import ASSESSMENTS, ROOT

BUNDLED = sorted(p for p in ASSESSMENTS.glob("*.yaml") if p.stem != "kpis")
SEED = ROOT / "tests" / "sources" / "004_9c17acf763748577.txt"  # kept in the project

GRID_IDS = {
    "business-process-alignment": [
        "business-intelligence",
        "customer-focused-strategy",
        "customer-focused-processes",
        "customer-focused-products-services",
        "knowledge-management",
    ],
    "talent-management": [
        "talent-acquisition",
        "talent-alignment",
        "talent-training",
        "talent-rewards-retention",
        "workforce-management",
    ],
    "customer-interaction": [
        "channel-management",
        "integrated-sales-management",
        "billing",
        "service-delivery",
        "automated-delivery-channels",
        "customer-experience-intelligence",
        "quality-management",
    ],
    "infrastructure": [
        "technology-roadmap",
        "applications",
        "technology-architecture",
        "communications-infrastructure",
        "security",
        "data-management",
        "physical-environment",
        "systems-integration",
    ],
}


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.name)
def test_bundled_questionnaire_validates_in_every_language(path):
    questionnaire = load_questionnaire(path)
    assert questionnaire.languages == ["es", "en"]
    assert path.stem == questionnaire.id
    assert questionnaire.problems() == []


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.name)
def test_bundled_file_points_editors_at_the_committed_schema(path):
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=questionnaire.schema.json"


def test_committed_schema_equals_the_schema_command():
    committed = json.loads((ASSESSMENTS / "questionnaire.schema.json").read_text())
    assert committed == questionnaire_schema()


def test_quiz_ids_and_points_are_the_contract():
    quiz = load_questionnaire(ASSESSMENTS / "avaya-cx-quiz.yaml")
    assert isinstance(quiz, Quiz)
    assert [q.id for q in quiz.questions] == ["q1", "q2", "q3", "q4"]
    points = {"a": 1, "b": 2, "c": 3, "d": 4}
    for question in quiz.questions:
        expected = ["a", "b", "c", "d"] if question.id == "q4" else ["a", "b", "c"]
        assert [o.id for o in question.options] == expected
        assert all(o.points == points[o.id] for o in question.options)
    assert [(b.min, b.max) for b in quiz.bands] == [(4, 6), (7, 10), (11, 13)]


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def test_quiz_spanish_text_is_verbatim_from_the_seed():
    seed = _squash(SEED.read_text(encoding="utf-8"))
    quiz = load_questionnaire(ASSESSMENTS / "avaya-cx-quiz.yaml")
    assert isinstance(quiz, Quiz)
    texts = [q.text.get("es") for q in quiz.questions]
    texts += [o.text.get("es") for q in quiz.questions for o in q.options]
    texts += [b.label.get("es") for b in quiz.bands]
    texts += [b.description.get("es") for b in quiz.bands if b.description]
    for text in texts:
        assert _squash(text) in seed, text


def test_grid_spanish_names_levels_and_questions_are_from_the_seed():
    seed = _squash(SEED.read_text(encoding="utf-8"))
    grid = load_questionnaire(ASSESSMENTS / "avaya-capability-grid.yaml")
    assert isinstance(grid, Grid)
    texts = [lv.label.get("es") for lv in grid.levels]
    texts += [c.question.get("es") for c in grid.categories if c.question]
    texts += [c.description.get("es") for c in grid.categories if c.description]
    texts += [cap.name.get("es") for _, cap in grid.capabilities()]
    texts += [c.name.get("es") for c in grid.categories]
    for text in texts:
        assert _squash(text) in seed, text


def test_grid_ids_are_the_contract_and_every_capability_has_initiatives():
    grid = load_questionnaire(ASSESSMENTS / "avaya-capability-grid.yaml")
    assert isinstance(grid, Grid)
    assert [lv.id for lv in grid.levels] == [
        "below-standard",
        "meets-some",
        "meets-standard",
        "exceeds-standard",
    ]
    assert [lv.value for lv in grid.levels] == [1, 2, 3, 4]
    assert {c.id: [k.id for k in c.capabilities] for c in grid.categories} == GRID_IDS
    assert all(c.question is not None for c in grid.categories)
    for _, capability in grid.capabilities():
        assert 2 <= len(capability.initiatives) <= 3, capability.id
        for initiative in capability.initiatives:
            assert initiative.detail is not None
            assert initiative.title.missing(["es", "en"]) == []


def test_mistakes_quiz_has_seven_questions_of_three_options():
    quiz = load_questionnaire(ASSESSMENTS / "cx-mistakes.yaml")
    assert isinstance(quiz, Quiz)
    assert len(quiz.questions) == 7
    assert {o.id for q in quiz.questions for o in q.options} == {"happens", "partly", "avoided"}
    assert (quiz.min_points, quiz.max_points) == (0, 14)


def _imports(path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


ENGINE = [p for p in (ROOT / "cxmaturity").rglob("*.py") if "ui" not in p.relative_to(ROOT).parts]


@pytest.mark.parametrize("path", ENGINE, ids=lambda p: str(p.relative_to(ROOT)))
def test_engine_module_never_imports_streamlit(path):
    assert "streamlit" not in _imports(path)


def test_docs_describe_every_questionnaire_field():
    doc = (ROOT / "docs" / "questionnaire-format.md").read_text(encoding="utf-8")
    fields = set()
    for definition in questionnaire_schema()["$defs"].values():
        fields |= set(definition.get("properties", {}))
    missing = sorted(f for f in fields if not re.search(rf"`[^`\n]*\b{f}\b[^`\n]*`", doc))
    assert missing == []


def test_the_worked_example_in_the_docs_is_valid(tmp_path):
    doc = (ROOT / "docs" / "questionnaire-format.md").read_text(encoding="utf-8")
    example = re.search(r"```yaml\n(.*?)```", doc, re.S)
    assert example is not None
    path = tmp_path / "voc-listening.yaml"
    path.write_text(example.group(1), encoding="utf-8")
    quiz = load_questionnaire(path)
    assert isinstance(quiz, Quiz)
    assert (quiz.min_points, quiz.max_points) == (0, 6)
