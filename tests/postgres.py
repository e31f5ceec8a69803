"""A real throwaway PostgreSQL for the tests (Debian's ``postgresql`` package;
``scripts/test.sh`` installs it): started once per session on 127.0.0.1 with ``initdb``
+ ``pg_ctl`` in a temp folder, run as the ``postgres`` user when the tests run as root.
Without the package the PostgreSQL tests skip locally; under ``CI=true`` they fail,
because CI must run them."""

from __future__ import annotations

import glob
import itertools
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

IN_CI = os.environ.get("CI", "").lower() == "true"
_names = itertools.count()


def _pg_bin(name: str) -> str | None:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return found[-1] if found else shutil.which(name)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _run(command: list[str]) -> None:
    """Run a PostgreSQL tool, as the postgres user when we are root (initdb refuses root)."""
    if os.geteuid() == 0:
        command = ["runuser", "-u", "postgres", "--", *command]
    subprocess.run(command, check=True, capture_output=True)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """``postgresql+psycopg://postgres@127.0.0.1:PORT`` of a server for this session."""
    initdb, pg_ctl = _pg_bin("initdb"), _pg_bin("pg_ctl")
    if not initdb or not pg_ctl:
        message = "PostgreSQL is not installed (apt-get install postgresql)"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    # Not under pytest's temp folder: it is private to us, and the server runs as postgres.
    root = Path(tempfile.mkdtemp(prefix="cxmaturity-pg-"))
    data = root / "data"
    if os.geteuid() == 0:
        shutil.chown(root, "postgres")
    port = _free_port()
    _run([initdb, "-D", str(data), "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-sync"])
    options = f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off"
    _run([pg_ctl, "-D", str(data), "-o", options, "-l", str(root / "log"), "-w", "start"])
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}"
    finally:
        _run([pg_ctl, "-D", str(data), "-m", "immediate", "stop"])
        shutil.rmtree(root, ignore_errors=True)


def new_postgres_database(server: str) -> str:
    import psycopg

    name = f"cxm_test_{os.getpid()}_{next(_names)}"
    plain = server.replace("postgresql+psycopg://", "postgresql://") + "/postgres"
    with psycopg.connect(plain, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    return f"{server}/{name}"
