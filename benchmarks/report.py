"""Building the gap-and-initiatives PDF: in-process warm, and the cold command line.

In one process (fonts loaded), interleaved: the full report of a quiz and a grid with
every chart (drawn with fpdf2), and the same document without charts. Then, as
separate processes: ``python -m cxmaturity report`` (cold: imports, fonts, the
questionnaires) against ``python -c "import fpdf, yaml, pydantic"``. Targets: warm
at most 1.3x the report without charts and under 300 ms; cold at most 2x its imports.

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

from benchmarks import byte_compiled

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "docs" / "examples"
ANSWERS = [EXAMPLES / "acme-quiz.yaml", EXAMPLES / "acme-grid.yaml"]
WARM_TARGET, WARM_LIMIT_MS = 1.3, 300.0
COLD_TARGET = 2.0


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
    report.build_report(full), report.build_report(bare)  # fonts loaded
    times: dict[str, list[float]] = {"full": [], "bare": []}
    for _ in range(runs):
        times["full"].append(timed(lambda: report.build_report(full)))
        times["bare"].append(timed(lambda: report.build_report(bare)))
    return times


def cold(runs: int) -> dict[str, list[float]]:
    out = Path(tempfile.mkdtemp()) / "report.pdf"
    command = [sys.executable, "-m", "cxmaturity", "report", *map(str, ANSWERS), "-o", str(out)]
    baseline = [sys.executable, "-c", "import fpdf, yaml, pydantic"]
    times: dict[str, list[float]] = {"cli": [], "imports": []}
    byte_compiled()  # as the baseline's libraries are
    run = lambda: subprocess.run(command, check=True, cwd=ROOT, stdout=subprocess.DEVNULL)  # noqa: E731
    run(), subprocess.run(baseline, check=True)  # warm the file cache, as for CLI `score`
    for _ in range(runs):
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
    warm_ratio = median["full"] / median["bare"]
    cold_ratio = median["cli"] / median["imports"]
    for label, name in (("full report, warm, all charts", "full"),
                        ("same report without charts", "bare"),
                        ("cold CLI: python -m cxmaturity report", "cli"),
                        ("cold baseline: import fpdf, yaml, pydantic", "imports")):  # fmt: skip
        print(f"{label:<48} {median[name]:>10.1f} ms")
    print(f"warm full / no charts: {warm_ratio:.2f}x; cold CLI / its imports: {cold_ratio:.2f}x")
    ok = (warm_ratio <= WARM_TARGET and median["full"] < WARM_LIMIT_MS
          and cold_ratio <= COLD_TARGET)  # fmt: skip
    print("ok" if ok else "OVER TARGET")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
