"""Services for tests: the same wiring as the app, on a database URL of the test's."""

from __future__ import annotations

import dataclasses
import weakref

from cxmaturity.config import load_settings
from cxmaturity.services import Services
from cxmaturity.services.access import Actor
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


# Keyed by the database object itself, held weakly: keyed by ``id()``, a database of an
# earlier test, once collected, could hand its id to a new one, which then got the old
# database's admin (an account it does not have: a foreign key error in CI).
_ADMINS: weakref.WeakKeyDictionary[object, object] = weakref.WeakKeyDictionary()


def admin_of(store_or_database: object) -> Actor:
    """An admin of this database (created on first use): the acting account of tests
    that are about something else than the rights themselves."""
    from cxmaturity.db import Database
    from cxmaturity.services.access import Actor
    from cxmaturity.services.accounts import Accounts

    database = (
        store_or_database if isinstance(store_or_database, Database) else store_or_database.database  # type: ignore[attr-defined]
    )
    found = _ADMINS.get(database)
    if found is None:
        accounts = Accounts(database)
        account = accounts.with_email("tests-admin@example.com") or accounts.add(
            "tests-admin@example.com", "a long test password", "admin", actor="tests"
        )
        found = _ADMINS[database] = Actor(account)
    return found  # type: ignore[return-value]


def stored_team(workshops, workshop) -> dict[int, dict[int, object]]:  # type: ignore[no-untyped-def]
    """Per live assessment, each participant's answers as stored (key: participant id);
    no service hands them out, the tests read them straight from the repository."""
    with workshops.database.unit() as uow:
        return uow.repo.participant_answers(workshop)
