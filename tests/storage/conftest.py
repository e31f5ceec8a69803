"""Databases for the storage tests: a SQLite file, and a real throwaway PostgreSQL.

The PostgreSQL server (Debian's ``postgresql`` package; ``scripts/test.sh`` installs
it) is started once per session on 127.0.0.1 with ``initdb`` + ``pg_ctl`` in a temp
folder, run as the ``postgres`` user when the tests run as root. Each test gets a
database of its own. Without the package the PostgreSQL tests skip locally; under
``CI=true`` they fail, because CI must run them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ..postgres import new_postgres_database, postgres_server

__all__ = ["postgres_server"]


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh, empty database of each kind."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'cxmaturity.db'}"
    return new_postgres_database(request.getfixturevalue("postgres_server"))


@pytest.fixture(autouse=True)
def quick_password_hashes(monkeypatch: pytest.MonkeyPatch) -> None:
    """Argon2id with small costs in these tests (the real costs take ~0.1 s per hash;
    the rules under test do not depend on them). test_accounts checks the real one."""
    from argon2 import PasswordHasher

    from cxmaturity.services import accounts

    quick = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    monkeypatch.setattr(accounts, "_hasher", lambda: quick)
