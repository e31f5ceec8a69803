"""Alembic, run from code: ``upgrade(engine)`` brings a database to the latest schema.

The migration scripts live in ``cxmaturity/migrations/versions``; a new one is added
with ``alembic -c cxmaturity/migrations/alembic.ini revision -m "..."`` and must keep
every row (an upgrade never loses data; tests upgrade a filled database).
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy.engine import Engine

MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"


def config(engine: Engine | None = None) -> Config:
    cfg = Config(str(MIGRATIONS / "alembic.ini"))
    cfg.set_main_option("script_location", str(MIGRATIONS))
    if engine is not None:
        cfg.attributes["engine"] = engine
    return cfg


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Apply every migration up to ``revision`` (default: the latest)."""
    command.upgrade(config(engine), revision)


def current(engine: Engine) -> str | None:
    """The database's revision (None for an empty database)."""
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()
