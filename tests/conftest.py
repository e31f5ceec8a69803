"""Shared helpers: project paths, the bundled catalog, running the CLI."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from cxmaturity.loader import Catalog, load_questionnaire
from cxmaturity.model import Answers, Grid, Quiz

ROOT = Path(__file__).resolve().parent.parent
ASSESSMENTS = ROOT / "assessments"
CORPUS = ROOT / "tests" / "corpus"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark as ``slow`` what needs a real browser, PostgreSQL or several processes, so
    that ``pytest -m "not slow"`` runs the fast tests alone while working (CI runs all)."""
    for item in items:
        spec = getattr(item, "callspec", None)
        on_postgres = spec is not None and "postgresql" in spec.params.values()
        fixtures = set(getattr(item, "fixturenames", ()))
        if "e2e" in item.path.parts or on_postgres or "postgres_server" in fixtures:
            item.add_marker(pytest.mark.slow)


@pytest.fixture(autouse=True)
def private_data_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """Every test gets its own data folder: the user's saved branding is never read or written."""
    monkeypatch.setenv("CXMATURITY_DATA_DIR", str(tmp_path_factory.mktemp("data")))
    monkeypatch.delenv("CXMATURITY_BRANDING", raising=False)


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    return Catalog.from_dirs([ASSESSMENTS])


@pytest.fixture(scope="session")
def quiz() -> Quiz:
    q = load_questionnaire(ASSESSMENTS / "avaya-cx-quiz.yaml")
    assert isinstance(q, Quiz)
    return q


@pytest.fixture(scope="session")
def grid() -> Grid:
    g = load_questionnaire(ASSESSMENTS / "avaya-capability-grid.yaml")
    assert isinstance(g, Grid)
    return g


def answers(questionnaire: str, **values: object) -> Answers:
    """An answers document; keys with underscores stand for hyphenated ids."""
    return Answers(
        questionnaire=questionnaire,
        answers={k.replace("_", "-"): v for k, v in values.items()},
    )


RunCli = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture
def run_cli() -> RunCli:
    def run(*args: str | Path, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "cxmaturity", *map(str, args)],
            cwd=cwd,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )

    return run
