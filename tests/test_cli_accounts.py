"""The account verbs of the command line (``access.md``), as real processes on the
app's database (a fresh SQLite file in each test's data folder)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from cxmaturity.config import load_settings
from cxmaturity.services import Services

from .conftest import ROOT

PASSWORD = "correct horse battery"


def cli(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cxmaturity", *args],
        cwd=ROOT,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )


def test_users_add_list_set_role_password_disable():
    added = cli("users", "add", "Ana@Example.com", "--role", "consultant", "--name", "Ana",
                stdin=PASSWORD + "\n")  # fmt: skip
    assert added.returncode == 0, added.stderr
    assert added.stdout == "ana@example.com\tconsultant\n"
    again = cli("users", "add", "ANA@example.COM", "--role", "admin", stdin=PASSWORD + "\n")
    assert again.returncode == 1 and "exists" in again.stderr and "Traceback" not in again.stderr
    short = cli("users", "add", "bob@example.com", "--role", "member", stdin="short\n")
    assert short.returncode == 1 and "12 characters" in short.stderr
    assert cli("users", "add", "bob@example.com", "--role", "member",
               stdin=PASSWORD + "\n").returncode == 0  # fmt: skip
    listed = cli("users", "list")
    assert listed.stdout == "ana@example.com\tconsultant\nbob@example.com\tmember\n"
    assert cli("users", "set-role", "BOB@example.com", "admin").returncode == 0
    assert (
        cli("users", "password", "bob@example.com", stdin="a new long password\n").returncode == 0
    )
    assert cli("users", "disable", "bob@example.com").returncode == 0
    rows = json.loads(cli("users", "list", "--json").stdout)
    assert rows == [
        {"email": "ana@example.com", "role": "consultant", "name": "Ana", "active": True},
        {"email": "bob@example.com", "role": "admin", "name": "", "active": False},
    ]
    services = Services.open(load_settings())
    assert services.accounts.authenticate("bob@example.com", "a new long password", "t") is None
    assert services.accounts.authenticate("ana@example.com", PASSWORD, "t") is not None


def test_wrong_usage_is_exit_2_and_unknown_accounts_exit_1():
    assert cli("users", "add", "a@b.co", "--role", "king", stdin=PASSWORD).returncode == 2
    assert cli("users").returncode == 2
    missing = cli("users", "set-role", "nobody@example.com", "admin")
    assert missing.returncode == 1 and "no account" in missing.stderr


def test_import_list_and_share():
    for email, role in (("ana@acme.example", "consultant"), ("bruno@beta.example", "consultant")):
        assert cli("users", "add", email, "--role", role, stdin=PASSWORD + "\n").returncode == 0
    examples = ROOT / "docs" / "examples"
    done = cli("assessments", "import", str(examples / "acme-quiz.yaml"),
               str(examples / "acme-grid.yaml"), "--owner", "ana@acme.example")  # fmt: skip
    assert done.returncode == 0, done.stderr
    lines = [line.split("\t") for line in done.stdout.splitlines()]
    assert [(o, q) for o, q, _ in lines] == [
        ("Acme S.A.", "avaya-cx-quiz"),
        ("Acme S.A.", "avaya-capability-grid"),
    ]
    for _, questionnaire, link in lines:
        assert link.startswith(f"/results?questionnaire={questionnaire}&assessment=")
        assert len(link.rsplit("=", 1)[1]) == 32  # a random public id, not a row number
    assert cli("orgs", "list", "--user", "ana@acme.example").stdout == "Acme S.A.\towner\n"
    assert cli("orgs", "list", "--user", "bruno@beta.example").stdout == ""
    refused = cli("orgs", "share", "Acme S.A.", "--owner", "bruno@beta.example",
                  "--with", "bruno@beta.example", "--as", "owner")  # fmt: skip
    assert refused.returncode == 1
    shared = cli("orgs", "share", "Acme S.A.", "--owner", "ana@acme.example",
                 "--with", "bruno@beta.example", "--as", "viewer")  # fmt: skip
    assert shared.returncode == 0, shared.stderr
    rows = json.loads(cli("orgs", "list", "--user", "bruno@beta.example", "--json").stdout)
    assert [(r["name"], r["access"]) for r in rows] == [("Acme S.A.", "viewer")]
    # The same organisation name for another owner is another organisation.
    again = cli("assessments", "import", str(examples / "acme-quiz.yaml"),
                "--owner", "bruno@beta.example")  # fmt: skip
    assert again.returncode == 0
    listed = cli("orgs", "list", "--user", "bruno@beta.example").stdout.splitlines()
    assert sorted(listed) == ["Acme S.A.\towner", "Acme S.A.\tviewer"]


def test_import_of_an_invalid_file_changes_nothing(tmp_path):
    assert cli("users", "add", "ana@acme.example", "--role", "consultant",
               stdin=PASSWORD + "\n").returncode == 0  # fmt: skip
    good = ROOT / "docs" / "examples" / "acme-quiz.yaml"
    bad = tmp_path / "bad.yaml"
    bad.write_text("questionnaire: avaya-cx-quiz\nanswers: {q1: z}\n", encoding="utf-8")
    done = cli("assessments", "import", str(good), str(bad), "--owner", "ana@acme.example")
    assert done.returncode == 1 and "bad.yaml:2" in done.stderr
    assert Services.open(load_settings()).assessments.counts()["assessments"] == 0
    member = cli("users", "add", "mia@acme.example", "--role", "member", stdin=PASSWORD + "\n")
    assert member.returncode == 0
    refused = cli("assessments", "import", str(good), "--owner", "mia@acme.example")
    assert refused.returncode == 1 and "consultants" in refused.stderr
