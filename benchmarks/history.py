"""The organisations (history) page with 40 assessments against one with a single one.

Both organisations live in the same SQLite database (a temporary data folder); each
AppTest rerun draws the page for one of them, interleaved. The 40 are capability
grids with all 25 capabilities rated. Target: at most 1.5x.

    python -m benchmarks.history [--reruns 30]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
TARGET = 1.5  # warm: 40 assessments against 1
COLD_TARGET = 2.0  # cold (issue 18): 40 assessments against 1
MANY = 40


def seed() -> tuple[dict[str, str], dict[str, object], object]:
    """Two organisations of the benchmark admin: their public ids by name, the latest
    assessment of each (by name), and the store."""
    from benchmarks import open_store, sign_in_apptest
    from cxmaturity.loader import load_questionnaire
    from cxmaturity.model import Rating
    from cxmaturity.records import ANONYMOUS
    from cxmaturity.services.organizations import Organizations

    store = open_store()
    actor = sign_in_apptest(store)
    grid = load_questionnaire(ROOT / "assessments" / "avaya-capability-grid.yaml")
    capabilities = [c.id for _, c in grid.capabilities()]
    ids, latest = {}, {}
    for name, count in (("One", 1), ("Forty", MANY)):
        organization = Organizations(store.database).create(actor, name)
        ids[name] = organization.public_id
        for n in range(count):
            day = dt.date(2007, 1, 1) + dt.timedelta(days=182 * n)
            assessment = store.create_assessment(organization, grid, "es", day)
            for i, capability in enumerate(capabilities):
                rating = Rating(current=(i + n) % 4 + 1, ideal=4)
                store.save_rating(assessment, ANONYMOUS, capability, rating)
            latest[name] = assessment
    return ids, latest, store


def app_for(public_id: str):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["org"] = public_id
    at.run()
    at.switch_page("cxmaturity/ui/pages/organizations.py").run()
    assert not at.exception, at.exception
    return at


def rounds_listed(at: Any) -> int:
    """How many rounds the page's history lists (one line each: date · questionnaire ·
    result · respondents · status)."""
    texts = [m.value for m in at.markdown if m.value.startswith("- **")]
    lists = [text for text in texts if text.splitlines()[0].count(" · ") >= 4]
    return len(lists[0].splitlines()) if lists else 0


def measure(reruns: int) -> dict[str, list[float]]:
    """History page reruns (seconds) for 40 assessments and for one, interleaved:
    warm (nothing changed since the last view: the service's caches answer) and cold
    (an answer of the organisation changed just before, as when a team comes back to
    the page after rating: everything is read and scored again; the write itself is
    not timed)."""
    from cxmaturity.model import Rating
    from cxmaturity.records import ANONYMOUS

    os.environ["CXMATURITY_DATA_DIR"] = tempfile.mkdtemp(prefix="cxmaturity-bench-")
    ids, latest, store = seed()
    one, forty = app_for(ids["One"]), app_for(ids["Forty"])
    assert rounds_listed(forty) == MANY and rounds_listed(one) == 1
    times: dict[str, list[float]] = {"one": [], "forty": [], "one-cold": [], "forty-cold": []}
    for n in range(reruns):
        for name, at in (("one", one), ("forty", forty)):
            started = time.perf_counter()
            at.run()
            times[name].append(time.perf_counter() - started)
            rating = Rating(current=1 + n % 3, ideal=4)  # a change: the next view is cold
            store.save_rating(latest[name.capitalize()], ANONYMOUS, "billing", rating)
            started = time.perf_counter()
            at.run()
            times[f"{name}-cold"].append(time.perf_counter() - started)
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reruns", type=int, default=30)
    args = parser.parse_args()
    times = measure(args.reruns)
    median = {k: statistics.median(v) * 1e3 for k, v in times.items()}
    low = {k: min(v) * 1e3 for k, v in times.items()}
    print(f"{'measure':<44} {'median ms':>10} {'min ms':>8}")
    print(
        f"{f'history page, {MANY} assessments':<44} {median['forty']:>10.1f} {low['forty']:>8.1f}"
    )
    print(f"{'baseline: history page, 1 assessment':<44} {median['one']:>10.1f} {low['one']:>8.1f}")
    ratio = median["forty"] / median["one"]
    verdict = "ok" if ratio <= TARGET else "TOO SLOW"
    print(f"ratio {ratio:.2f}x (target <= {TARGET}x, {args.reruns} reruns each): {verdict}")
    return 0 if ratio <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
