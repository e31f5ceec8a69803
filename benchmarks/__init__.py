"""Benchmarks: scripts that measure, each against its baseline in the same run."""

from __future__ import annotations

import compileall
import statistics
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def byte_compiled() -> None:
    """Compile the product's modules to bytecode before timing a new process.

    The libraries a baseline imports were byte-compiled when pip installed them; the
    product is byte-compiled by Python on its first run, except where
    ``PYTHONDONTWRITEBYTECODE`` is set (as on the benchmark machine), where every run
    would compile it from source again (about 35 ms for the CLI). Compiling it once,
    into the usual ``__pycache__`` folders (ignored by git), times both sides alike.
    """
    compileall.compile_dir(str(ROOT / "cxmaturity"), quiet=1)


def ms(values: list[float]) -> float:
    """The median of samples in seconds, in ms."""
    return statistics.median(values) * 1e3


def p95(values: list[float]) -> float:
    """The 95th percentile in ms (the value below which 95% of the samples lie)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))] * 1e3


def open_store(url: str | None = None) -> Any:
    """The organisations-and-assessments service on ``url`` (default: the app's database)."""
    from cxmaturity.config import load_settings
    from cxmaturity.db import Database
    from cxmaturity.services.assessments import Assessments

    return Assessments(Database.open(url or load_settings().database_url))


BENCH_PASSWORD = "benchmark password 12+"


def bench_admin(store: Any) -> Any:
    """An admin account on ``store``'s database and its actor (the facilitator and the
    reader of the benchmarks' organisations)."""
    from cxmaturity.services.access import Actor
    from cxmaturity.services.accounts import Accounts

    accounts = Accounts(store.database)
    email = "bench@example.com"
    account = accounts.with_email(email) or accounts.add(
        email, BENCH_PASSWORD, "admin", actor="benchmarks"
    )
    return Actor(account)


def sign_in_apptest(store: Any) -> Any:
    """AppTest sessions of this process signed in as the benchmark admin: AppTest sends
    no cookies, so the real signed cookie of a real session is handed over (the check
    behind it is the real one, as in a browser)."""
    from cxmaturity.services.accounts import Accounts
    from cxmaturity.ui import auth

    actor = bench_admin(store)
    accounts = Accounts(store.database)
    cookie = accounts.redeem_ticket(accounts.issue_ticket(actor.account))
    auth.session_cookie = lambda: cookie  # type: ignore[assignment]
    return actor


def browser_sign_in(page: Any, url: str) -> None:
    """Sign the browser page in as the benchmark admin, through the sign-in page."""
    page.goto(f"{url}/signin?lang=en")
    page.get_by_label("Email").fill("bench@example.com")
    page.get_by_label("Password", exact=True).fill(BENCH_PASSWORD)
    page.get_by_role("button", name="Sign in", exact=True).click()
    page.wait_for_url(f"{url}/organizations?lang=en", timeout=60_000)
