"""A robust start: many processes opening one fresh database at once all succeed
(the migrations run once), and sessions creating the same organisation at once get
one organisation."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from cxmaturity.services.access import Actor

from ..concurrency import all_at_once
from ..conftest import ROOT
from ..helpers import open_services

OPEN = (
    "import sys; from cxmaturity.db import Database; from cxmaturity.db.migrate import current; "
    "db = Database.open(sys.argv[1]); print(current(db.engine))"
)


def _open_together(url: str, count: int = 10) -> None:
    """``count`` processes open ``url`` at once; each must end at the latest revision."""
    command = [sys.executable, "-c", OPEN, url]
    processes = [
        subprocess.Popen(command, cwd=ROOT, text=True, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE)
        for _ in range(count)
    ]  # fmt: skip
    outcomes = [(p.wait(timeout=120), *p.communicate()) for p in processes]
    assert [(code, out.strip()) for code, out, _ in outcomes] == [(0, "0012")] * count, [
        err for _, _, err in outcomes if err
    ]


def test_ten_processes_open_one_fresh_sqlite_file_at_once(tmp_path: Path):
    _open_together(f"sqlite:///{tmp_path / 'fresh' / 'cxmaturity.db'}")


def test_ten_processes_open_one_fresh_postgresql_database_at_once(postgres_server):
    from ..postgres import new_postgres_database

    _open_together(new_postgres_database(postgres_server))


def test_two_sessions_creating_the_same_organisation_at_once_get_one(db_url):
    services = open_services(db_url)
    ana = Actor(services.accounts.add("ana@example.com", "correct horse battery",
                                      "consultant", actor="t"))  # fmt: skip
    for attempt in range(5):
        name = f"Acme {attempt}"
        created = all_at_once(2, lambda _n, name=name: services.organizations.create(ana, name))
        assert all(not isinstance(o, Exception) for o in created), created
        assert len({o.id for o in created}) == 1
    visible = services.organizations.visible(ana)
    assert sorted(o.name for o, _ in visible) == [f"Acme {n}" for n in range(5)]
    log = services.organizations.audit_log(Actor(services.accounts.add(
        "root@example.com", "correct horse battery", "admin", actor="t")))  # fmt: skip
    assert sum(e.action == "organization.create" for e in log) == 5
