"""Benchmarks: scripts that measure, each against its baseline in the same run."""

from __future__ import annotations

from typing import Any


def open_store(url: str | None = None) -> Any:
    """The organisations-and-assessments service on ``url`` (default: the app's database)."""
    from cxmaturity.config import load_settings
    from cxmaturity.db import Database
    from cxmaturity.services.assessments import Assessments

    return Assessments(Database.open(url or load_settings().database_url))
