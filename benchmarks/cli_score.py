"""Wall time of ``python -m cxmaturity score`` on the example quiz and grid answers.

Baseline, measured in the same run and interleaved with it: ``python -c "import yaml,
pydantic"`` (the two libraries the CLI cannot do without). Target: at most 2x (issue 18;
3x before).

    python -m benchmarks.cli_score [--runs 15]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

from benchmarks import byte_compiled

ROOT = Path(__file__).resolve().parent.parent
GRID_ANSWERS = ROOT / "docs" / "examples" / "acme-grid.yaml"
QUIZ_ANSWERS = ROOT / "docs" / "examples" / "acme-quiz.yaml"
TARGET = 2.0


def wall(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def measure(runs: int) -> tuple[list[float], list[float]]:
    score = [sys.executable, "-m", "cxmaturity", "score", str(QUIZ_ANSWERS), str(GRID_ANSWERS),
             "--json"]  # fmt: skip
    baseline = [sys.executable, "-c", "import yaml, pydantic"]
    byte_compiled()  # as the baseline's libraries are
    wall(score), wall(baseline)  # warm the file cache
    ours, theirs = [], []
    for _ in range(runs):
        ours.append(wall(score))
        theirs.append(wall(baseline))
    return ours, theirs


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    ours, theirs = measure(args.runs)
    score_ms, base_ms = statistics.median(ours) * 1e3, statistics.median(theirs) * 1e3
    ratio = score_ms / base_ms
    rows = [
        ("cxmaturity score (grid, --json)", score_ms, min(ours) * 1e3),
        ("baseline: python -c import yaml, pydantic", base_ms, min(theirs) * 1e3),
    ]
    print(f"{'measure':<44} {'median ms':>10} {'min ms':>8}")
    for name, med, low in rows:
        print(f"{name:<44} {med:>10.1f} {low:>8.1f}")
    verdict = "ok" if ratio <= TARGET else "TOO SLOW"
    print(f"ratio {ratio:.2f}x (target <= {TARGET:.1f}x, {args.runs} runs each): {verdict}")
    return 0 if ratio <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
