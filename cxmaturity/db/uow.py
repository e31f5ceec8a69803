"""One user action, one transaction: the unit of work.

    with database.unit() as uow:
        assessment = uow.repo.add_assessment(...)
        uow.repo.upsert_answer(assessment.id, ...)
        uow.commit()

Leaving the block without :meth:`UnitOfWork.commit` (a read, or an exception half
way) rolls everything back: an action is written whole or not at all.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from types import TracebackType
from typing import Any

from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from .repository import Repository


class Database:
    """One database: its engine and the units of work on it."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    @classmethod
    def open(cls, url: str, migrate: bool = True) -> Database:
        """The database at ``url``, upgraded to the latest schema (``migrate``)."""
        if url.startswith("sqlite:///") and url != "sqlite:///:memory:":
            Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, pool_pre_ping=True)
        if engine.dialect.name == "sqlite":
            event.listen(engine, "connect", _sqlite_pragmas)
        if migrate:
            from .migrate import upgrade

            with _migration_lock(url):
                upgrade(engine)
        return cls(engine)

    def unit(self, *, write: bool = False) -> UnitOfWork:
        """A unit of work; ``write``: one that reads, then writes what it read decides
        (create if missing). On SQLite it takes the write lock at its start (``BEGIN
        IMMEDIATE``), so two of them run one after the other instead of the second
        failing on a stale snapshot; PostgreSQL needs nothing (its constraints and row
        locks decide)."""
        immediate = write and self.engine.dialect.name == "sqlite"
        return UnitOfWork(self._sessions, immediate=immediate)


class UnitOfWork:
    """A transaction and the repository working in it."""

    repo: Repository

    def __init__(self, sessions: sessionmaker[Session], *, immediate: bool = False) -> None:
        self._sessions = sessions
        self._session: Session | None = None
        self._immediate = immediate

    def __enter__(self) -> UnitOfWork:
        self._session = self._sessions()
        if self._immediate:  # the driver sees a transaction begun: no implicit BEGIN
            self._session.execute(text("BEGIN IMMEDIATE"))
        self.repo = Repository(self._session)
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        assert self._session is not None
        try:
            self._session.rollback()  # a no-op after commit; otherwise nothing is kept
        finally:
            self._session.close()
            self._session = None

    def commit(self) -> None:
        assert self._session is not None
        self._session.commit()


@contextlib.contextmanager
def _migration_lock(url: str) -> Iterator[None]:
    """One process at a time migrates a SQLite file (a lock file beside it): many
    processes opening a fresh database together all succeed, and the migrations run
    once. PostgreSQL takes an advisory lock in the migration itself (``env.py``)."""
    if not url.startswith("sqlite:///") or url == "sqlite:///:memory:":
        yield
        return
    try:
        import fcntl
    except ImportError:  # not POSIX: no lock (one process at a time is the user's care)
        yield
        return
    with open(f"{url.removeprefix('sqlite:///')}.migrate.lock", "a+b") as lock:
        fcntl.flock(lock.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock.fileno(), fcntl.LOCK_UN)


def _sqlite_pragmas(connection: Any, _record: Any) -> None:
    """WAL lets readers work during a write; a busy writer waits instead of failing;
    foreign keys are enforced; FULL sync keeps committed answers through a crash."""
    cursor = connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.close()
