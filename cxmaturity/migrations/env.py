"""Alembic environment: migrate the engine handed over by cxmaturity.db.migrate."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine, text

from cxmaturity.config import load_settings
from cxmaturity.db.tables import Base

ADVISORY_LOCK = 472_019  # PostgreSQL: one app server migrates at a time


def run() -> None:
    engine = context.config.attributes.get("engine") or create_engine(load_settings().database_url)
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=Base.metadata,
            render_as_batch=connection.dialect.name == "sqlite",
        )
        with context.begin_transaction():
            if connection.dialect.name == "postgresql":
                connection.execute(text(f"SELECT pg_advisory_xact_lock({ADVISORY_LOCK})"))
            context.run_migrations()


run()
