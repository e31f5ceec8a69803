"""Services for tests: the same wiring as the app, on a database URL of the test's."""

from __future__ import annotations

import dataclasses

from cxmaturity.config import load_settings
from cxmaturity.services import Services
from cxmaturity.services.assessments import Assessments


def open_services(url: str | None = None) -> Services:
    """The services on ``url`` (default: the settings' database, as the app uses)."""
    settings = load_settings()
    if url is not None:
        settings = dataclasses.replace(settings, database_url=url)
    return Services.open(settings)


def open_store(url: str | None = None) -> Assessments:
    """The organisations-and-assessments service on ``url`` (default: the app's)."""
    return open_services(url).assessments
