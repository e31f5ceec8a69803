"""Building the gap-and-initiatives PDF: in-process warm, and the cold command line.

In one process (fonts, Altair and vl-convert already loaded), interleaved:

- full report, charts rendered afresh (the chart cache cleared before each build:
  what a first download of new results costs);
- full report again for the same results (charts from the in-process cache: what a
  second download costs);
- baseline: the same document without charts.

Then, as separate processes: ``python -m cxmaturity report`` (cold: imports,
vl-convert start, fonts) against ``python -c "import fpdf, altair, vl_convert"``.
Target: the full warm report in well under a second.

    python -m benchmarks.report [--runs 9] [--cold-runs 5]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "docs" / "examples"
ANSWERS = [EXAMPLES / "acme-quiz.yaml", EXAMPLES / "acme-grid.yaml"]
TARGET_SECONDS = 1.0


def timed(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def warm(runs: int) -> dict[str, list[float]]:
    from cxmaturity import report
    from cxmaturity.config import BUNDLED_CATALOG as BUNDLED_DIR
    from cxmaturity.loader import Catalog, load_answers

    catalog = Catalog.from_dirs([BUNDLED_DIR])
    teams = []
    for path in ANSWERS:
        answers, questionnaire = load_answers(path, catalog)
        teams.append((questionnaire, [answers]))
    full = report.report_data(teams, "es")
    bare = report.report_data(teams, "es", with_charts=False)

    def fresh() -> bytes:
        report._render.cache_clear()
        return report.build_report(full)

    fresh(), report.build_report(bare)  # load fonts, Altair schema, vl-convert runtime
    times: dict[str, list[float]] = {"fresh": [], "cached": [], "bare": []}
    for _ in range(runs):
        times["fresh"].append(timed(fresh))
        times["cached"].append(timed(lambda: report.build_report(full)))
        times["bare"].append(timed(lambda: report.build_report(bare)))
    return times


def cold(runs: int) -> dict[str, list[float]]:
    out = Path(tempfile.mkdtemp()) / "report.pdf"
    command = [sys.executable, "-m", "cxmaturity", "report", *map(str, ANSWERS), "-o", str(out)]
    baseline = [sys.executable, "-c", "import fpdf, altair, vl_convert"]
    times: dict[str, list[float]] = {"cli": [], "imports": []}
    for _ in range(runs):
        run = lambda: subprocess.run(command, check=True, cwd=ROOT, stdout=subprocess.DEVNULL)  # noqa: E731
        times["cli"].append(timed(run))
        times["imports"].append(timed(lambda: subprocess.run(baseline, check=True)))
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--cold-runs", type=int, default=5)
    args = parser.parse_args()
    hot, cool = warm(args.runs), cold(args.cold_runs)
    median = {name: statistics.median(v) * 1e3 for name, v in {**hot, **cool}.items()}
    low = {name: min(v) * 1e3 for name, v in {**hot, **cool}.items()}
    rows = [
        ("full report, warm, charts rendered", "fresh"),
        ("full report, warm, charts cached", "cached"),
        ("baseline: same report without charts", "bare"),
        ("cold CLI: python -m cxmaturity report", "cli"),
        ("cold baseline: import fpdf, altair, vl_convert", "imports"),
    ]
    print(f"{'measure':<48} {'median ms':>10} {'min ms':>8}")
    for label, name in rows:
        print(f"{label:<48} {median[name]:>10.1f} {low[name]:>8.1f}")
    print(
        f"warm full / no charts: {median['fresh'] / median['bare']:.2f}x (charts rendered), ",
        end="",
    )
    print(f"{median['cached'] / median['bare']:.2f}x (charts cached)")
    print(f"cold CLI / its imports: {median['cli'] / median['imports']:.2f}x")
    ok = median["fresh"] < TARGET_SECONDS * 1e3
    verdict = "ok" if ok else "OVER TARGET"
    target = f"target < {TARGET_SECONDS * 1e3:.0f} ms"
    print(f"full warm report {median['fresh']:.0f} ms ({target}): {verdict}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
