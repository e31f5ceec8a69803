"""The consultant's workspace: the portfolio page and the two exports.

- Portfolio: 200 organisations with 4 grid rounds each (25 capabilities rated, a plan
  on the latest), read and drawn by the portfolio page (AppTest run, signed in as an
  admin who sees all of them), against the same page for an account with one
  organisation of 4 rounds, interleaved. Limit: under 1 s.
- Exports: ``python -m cxmaturity export`` of a full quiz + grid round
  (docs/examples) to .pptx and to .xlsx, new processes, against ``report`` to .pdf of
  the same answers, interleaved. Limit: each under 2 s.

    python -m benchmarks.workspace [--runs 7]
"""

from __future__ import annotations

import argparse
import datetime as dt
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks import byte_compiled, ms, p95

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "docs" / "examples"
ANSWERS = [EXAMPLES / "acme-quiz.yaml", EXAMPLES / "acme-grid.yaml"]
ORGANIZATIONS, ROUNDS = 200, 4
PORTFOLIO_LIMIT_MS = 1000.0
EXPORT_LIMIT_MS = 2000.0


def seed() -> tuple[str, str]:
    """The benchmark admin's 200 organisations × 4 rounds, and one consultant with one
    organisation of 4 rounds. Returns the session cookies of the two accounts."""
    from benchmarks import BENCH_PASSWORD, bench_admin, open_store
    from cxmaturity.loader import load_questionnaire
    from cxmaturity.model import Answers, Rating
    from cxmaturity.planning import PlanItem, Status
    from cxmaturity.services.access import Actor
    from cxmaturity.services.accounts import Accounts
    from cxmaturity.services.organizations import Organizations

    store = open_store()
    admin = bench_admin(store)
    accounts = Accounts(store.database)
    solo = Actor(accounts.with_email("solo@example.com") or accounts.add(
        "solo@example.com", BENCH_PASSWORD, "consultant", actor="benchmarks"))  # fmt: skip
    grid = load_questionnaire(ROOT / "assessments" / "avaya-capability-grid.yaml")
    capabilities = [c.id for _, c in grid.capabilities()]
    organizations = Organizations(store.database)

    def rounds(name: str, seed: int) -> list[tuple[Answers, Any]]:
        documents = []
        for n in range(ROUNDS):
            day = dt.date(2025, 1, 1) + dt.timedelta(days=182 * n + seed % 90)
            ratings = {c: Rating(current=(i + n + seed) % 4 + 1, ideal=4)
                       for i, c in enumerate(capabilities)}  # fmt: skip
            documents.append((Answers(questionnaire=grid.id, organization=name, date=day,
                                      answers=ratings), grid))  # fmt: skip
        return documents

    documents = [d for i in range(ORGANIZATIONS) for d in rounds(f"Client {i:03d}", i)]
    stored = organizations.import_answers(admin, documents)
    plan = [PlanItem(capability=c, suggestion=f"{c}-1", status=Status.PLANNED,
                     due=dt.date(2026, 1, 1)) for c in capabilities[:5]]  # fmt: skip
    for imported in stored[ROUNDS - 1 :: ROUNDS]:  # each organisation's latest round
        store.save_plan(imported.assessment, plan)
    organizations.import_answers(solo, rounds("Solo client", 7))
    cookies = []
    for actor in (admin, solo):
        cookies.append(accounts.redeem_ticket(accounts.issue_ticket(actor.account)))
    return cookies[0], cookies[1]


def _portfolio_run(cookie: str) -> float:
    """One portfolio page run (seconds) as the account of ``cookie``."""
    from streamlit.testing.v1 import AppTest

    from cxmaturity.ui import auth

    auth.session_cookie = lambda: cookie  # type: ignore[assignment]
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.run()
    started = time.perf_counter()
    at.switch_page("cxmaturity/ui/pages/portfolio.py").run()
    elapsed = time.perf_counter() - started
    assert not at.exception, at.exception
    assert at.dataframe, "the portfolio table is drawn"
    return elapsed


def portfolio(runs: int) -> dict[str, list[float]]:
    many, one = seed()
    _portfolio_run(many), _portfolio_run(one)  # imports, catalogue, caches of the app
    times: dict[str, list[float]] = {"many": [], "one": []}
    for _ in range(runs):
        times["many"].append(_portfolio_run(many))
        times["one"].append(_portfolio_run(one))
    return times


def exports(runs: int) -> dict[str, list[float]]:
    folder = Path(tempfile.mkdtemp(prefix="cxmaturity-export-"))
    commands = {
        kind: [sys.executable, "-m", "cxmaturity", "report" if kind == "pdf" else "export",
               *map(str, ANSWERS), "-o", str(folder / f"round.{kind}")]
        for kind in ("pptx", "xlsx", "pdf")
    }  # fmt: skip
    byte_compiled()
    times: dict[str, list[float]] = {kind: [] for kind in commands}
    for _ in range(runs):
        for kind, command in commands.items():
            started = time.perf_counter()
            subprocess.run(command, check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
            times[kind].append(time.perf_counter() - started)
    return times


def main() -> int:
    import os

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("CXMATURITY_DATA_DIR", tempfile.mkdtemp(prefix="cxmaturity-bench-"))
    found = {**portfolio(args.runs), **exports(args.runs)}
    for name, values in found.items():
        print(f"{name:<6} {ms(values):>9.1f} ms (p95 {p95(values):.1f})")
    ok = ms(found["many"]) < PORTFOLIO_LIMIT_MS and all(
        ms(found[k]) < EXPORT_LIMIT_MS for k in ("pptx", "xlsx"))  # fmt: skip
    print("ok" if ok else "OVER LIMIT")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
