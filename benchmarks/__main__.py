"""Every benchmark in one run, each against its baseline measured in the same run,
printed as one table (the table in docs/performance.md).

    python -m benchmarks [--quick] [--markdown FILE]

Medians, with the p95 beside them where the row keeps its samples; ratios are the
medians' (ours / baseline). A row fails when its
ratio is over its target or its time over its limit; the command then exits 1. Takes
about six minutes on a 2-core machine (the workshop rooms of 20 and 50 are three).
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from benchmarks import ms, p95

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Row:
    measure: str
    ours: float  # ms
    baseline_name: str
    baseline: float | None  # ms
    target: float | None  # the highest acceptable ratio
    n: int
    limit: float | None = None  # the highest acceptable ms (a target named in ms)
    ours_p95: float | None = None  # ms, where the row has its samples
    baseline_p95: float | None = None
    unit: str = "ms"  # of ours, the baseline and the limit

    @property
    def ratio(self) -> float | None:
        return self.ours / self.baseline if self.baseline else None

    @property
    def ok(self) -> bool:
        if self.limit is not None and self.ours > self.limit:
            return False
        return self.target is None or (self.ratio is not None and self.ratio <= self.target)

    def cells(self) -> list[str]:
        ratio = f"{self.ratio:.2f}x" if self.ratio is not None else "–"
        targets = [f"≤ {self.target:g}x"] if self.target is not None else []
        targets += [f"< {self.limit:,.0f} {self.unit}"] if self.limit is not None else []
        target = ", ".join(targets) or "–"
        verdict = "–" if not targets else ("ok" if self.ok else "**over**")
        unit = "" if self.unit == "ms" else f" {self.unit}"
        baseline = f"{self.baseline:.1f}{unit}" if self.baseline is not None else "–"
        if self.baseline_p95 is not None:
            baseline += f" (p95 {self.baseline_p95:.1f})"
        ours = f"{self.ours:.1f}{unit}" + (f" (p95 {self.ours_p95:.1f})" if self.ours_p95 else "")
        return [self.measure, ours, f"{self.baseline_name} {baseline}".strip(),
                ratio, target, verdict, str(self.n)]  # fmt: skip


def sampled(measure: str, ours: list[float], baseline_name: str, baseline: list[float],
            target: float | None, *, limit: float | None = None) -> Row:  # fmt: skip
    """A row from its samples (seconds): medians, p95s and the median's ratio."""
    return Row(measure, ms(ours), baseline_name, ms(baseline), target, len(ours), limit,
               ours_p95=p95(ours), baseline_p95=p95(baseline))  # fmt: skip


def cli_rows(runs: int) -> list[Row]:
    from benchmarks import cli_score

    ours, theirs = cli_score.measure(runs)
    baseline = '`python -c "import yaml, pydantic"`'
    return [sampled("CLI `score` (quiz + grid), wall time", ours, baseline, theirs,
                    cli_score.TARGET)]  # fmt: skip


def click_rows(clicks: int) -> list[Row]:
    from benchmarks import clicks as browser

    times = browser.measure(clicks)
    bare = "bare one-radio page"
    return [
        sampled("quiz click → run finished, completing click included (browser, saved)",
                times["quiz"], bare, times["bare"], browser.QUIZ_TARGET),
        # Not targets: the floor under the quiz row (a page with the quiz page's
        # elements and no logic), against the bare radio and against the quiz.
        sampled("flat page, the quiz page's elements, click → run finished",
                times["flat quiz"], bare, times["bare"], None),
        sampled("quiz click → run finished (as above)", times["quiz"],
                "flat page, the quiz page's elements", times["flat quiz"], None),
        sampled("grid click → run finished (browser, saved)", times["grid"],
                "flat page, the grid's 75 rating widgets", times["flat"],
                browser.GRID_FLAT_TARGET),
        sampled("grid click → run finished (browser, saved)", times["grid"], bare,
                times["bare"], browser.GRID_BARE_TARGET),
        # Not a target: a click that rates or unrates a capability reruns the whole grid
        # (its progress and the categories' counts), as every click did before.
        sampled("grid click that rates or unrates a capability → run finished (saved)",
                times["grid rates"], "flat page, the grid's 75 rating widgets", times["flat"],
                None),
        sampled("results page load, 25 rated (browser, navigation → run finished)",
                times["results"],
                "bare page, the same charts as static specs in the same tabs (the one shown drawn)",
                times["charts"], browser.RESULTS_TARGET),
    ]  # fmt: skip


def memory_rows(clicks: int) -> list[Row]:
    from benchmarks import long_session

    _, memory = long_session.session(clicks)
    return [Row(f"server memory after {clicks:,} grid clicks (signed in, saved)",
                memory[clicks], "after 10 clicks", memory[10], long_session.TARGET,
                1, unit="MB")]  # fmt: skip


def report_rows(runs: int) -> list[Row]:
    from benchmarks import report

    warm = report.warm(runs)
    cold = report.cold(max(9, runs))  # new processes vary: enough for a steady median
    return [
        sampled("PDF report, warm, quiz + grid, all charts", warm["full"],
                "same PDF without charts", warm["bare"], report.WARM_TARGET,
                limit=report.WARM_LIMIT_MS),
        Row("PDF report, cold (CLI `report`, new process)", ms(cold["cli"]),
            "`import fpdf, yaml, pydantic`", ms(cold["imports"]), report.COLD_TARGET,
            len(cold["cli"])),
    ]  # fmt: skip


def team_rows(runs: int) -> list[Row]:
    from benchmarks import team

    times = team.aggregation(runs)
    one = ms(times[1])
    rows = [
        Row(f"team aggregation, {size:,} respondents ({ms(times[size]) / size * 1e3:.0f} µs each)",
            ms(times[size]), "1 respondent", one, None, runs)
        for size in team.SIZES
    ]  # fmt: skip
    per_100, per_1000 = ms(times[100]) / 100, ms(times[1000]) / 1000
    name = "team aggregation per respondent, 1,000 vs 100 (linear)"
    rows.append(Row(name, per_1000, "per respondent at 100", per_100, team.LINEAR_SLACK, runs))
    return rows


def team_read_rows(runs: int) -> list[Row]:
    from benchmarks import team

    times = team.read_and_aggregate(runs)
    return [Row(f"team read from the database + aggregation, {team.READ_SIZE:,} respondents",
                ms(times["read"]), "aggregation alone", ms(times["aggregate"]),
                team.READ_TARGET, runs, team.READ_LIMIT * 1e3,
                ours_p95=p95(times["read"]), baseline_p95=p95(times["aggregate"]))]  # fmt: skip


def dashboard_rows(runs: int) -> list[Row]:
    from benchmarks import team

    times = team.dashboard(runs)
    return [
        sampled(f"dashboard refresh after a new answer, {size} participants (AppTest)",
                times[size], "the same page, nothing new", times[f"{size} unchanged"],
                None)
        for size in team.PARTICIPANTS
    ]  # fmt: skip


def workshop_rows(sizes: list[int]) -> list[Row]:
    from benchmarks import workshop_load as load

    times = load.measure_rooms([1, *sizes])
    lone, lone_board = times[1]["clicks"], times[1]["dashboard"]
    rows = []
    for size in sizes:
        clicks, board = times[size]["clicks"], times[size]["dashboard"]
        rows += [
            Row(
                f"workshop click → run finished, {size} at once, median",
                ms(clicks),
                "1 participant alone",
                ms(lone),
                None,
                len(clicks),
                load.MEDIAN_LIMIT * 1e3,
            ),
            Row(
                f"workshop click → run finished, {size} at once, p95",
                load.p95(clicks) * 1e3,
                "1 participant alone",
                load.p95(lone) * 1e3,
                None,
                len(clicks),
                load.P95_LIMIT * 1e3,
            ),
            Row(
                f"workshop answer → on the dashboard, {size} at once, p95 (max {max(board):.1f} s)",
                load.p95(board) * 1e3,
                "1 participant",
                load.p95(lone_board) * 1e3,
                None,
                len(board),
                load.DASHBOARD_LIMIT * 1e3,
            ),
        ]
    return rows


def history_rows(reruns: int) -> list[Row]:
    from benchmarks import history

    times = history.measure(reruns)
    return [sampled(f"history page, {history.MANY} assessments, warm (AppTest rerun)",
                    times["forty"], "1 assessment", times["one"], history.TARGET),
            sampled(f"history page, {history.MANY} assessments, cold (an answer changed)",
                    times["forty-cold"], "1 assessment, cold", times["one-cold"],
                    history.COLD_TARGET)]  # fmt: skip


def workspace_rows(runs: int) -> list[Row]:
    from benchmarks import workspace

    times = workspace.portfolio(runs)
    found = workspace.exports(runs)
    many = f"{workspace.ORGANIZATIONS} organisations × {workspace.ROUNDS} rounds"
    pdf = "CLI `report` of the same round (.pdf)"
    return [
        sampled(f"portfolio page, {many} (AppTest run)", times["many"],
                f"1 organisation × {workspace.ROUNDS} rounds", times["one"], None,
                limit=workspace.PORTFOLIO_LIMIT_MS),
        sampled("CLI `export` .pptx, quiz + grid round (new process)", found["pptx"], pdf,
                found["pdf"], None, limit=workspace.EXPORT_LIMIT_MS),
        sampled("CLI `export` .xlsx, quiz + grid round (new process)", found["xlsx"], pdf,
                found["pdf"], None, limit=workspace.EXPORT_LIMIT_MS),
    ]  # fmt: skip


def cold_start_rows(runs: int) -> list[Row]:
    from benchmarks import cold_start

    ours, theirs = cold_start.measure_cold_start(runs)
    return [Row("cold start: server start → first widget visible", ms(ours),
                "bare one-radio page", ms(theirs), None, runs)]  # fmt: skip


HEADINGS = ["Measure", "cxmaturity ms", "Baseline ms", "Ratio", "Target", "", "n"]


def markdown(rows: list[Row]) -> str:
    lines = ["| " + " | ".join(HEADINGS) + " |", "|" + "---|" * len(HEADINGS)]
    lines += ["| " + " | ".join(row.cells()) + " |" for row in rows]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repetitions (a smoke run)")
    parser.add_argument("--markdown", type=Path, help="also write the table to this file")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("CXMATURITY_DATA_DIR", tempfile.mkdtemp(prefix="cxmaturity-bench-"))
    few = args.quick
    steps: list[tuple[str, Callable[[], list[Row]]]] = [
        ("CLI score", lambda: cli_rows(5 if few else 15)),
        ("browser clicks", lambda: click_rows(10 if few else 25)),
        ("memory", lambda: memory_rows(100 if few else 1000)),
        ("PDF report", lambda: report_rows(3 if few else 7)),
        ("team aggregation", lambda: team_rows(5 if few else 15)),
        ("team read", lambda: team_read_rows(5 if few else 20)),
        ("dashboard refresh", lambda: dashboard_rows(4 if few else 12)),
        ("workshop rooms", lambda: workshop_rows([5] if few else [20, 50])),
        ("history", lambda: history_rows(10 if few else 30)),
        ("consultant's workspace", lambda: workspace_rows(3 if few else 9)),
        ("cold start", lambda: cold_start_rows(2 if few else 3)),
    ]
    rows: list[Row] = []
    began = time.perf_counter()
    for name, step in steps:
        started = time.perf_counter()
        rows += step()
        print(f"[{name}: {time.perf_counter() - started:.0f} s]", file=sys.stderr, flush=True)
    table = markdown(rows)
    machine = f"{platform.python_implementation()} {platform.python_version()}, " \
              f"{os.cpu_count()} CPUs, {platform.system()}"  # fmt: skip
    print(f"cxmaturity benchmarks ({machine}; {time.perf_counter() - began:.0f} s)\n")
    print(table)
    if args.markdown:
        args.markdown.write_text(table + "\n", encoding="utf-8")
    over = [row.measure for row in rows if not row.ok]
    print(f"\n{len(rows) - len(over)} of {len(rows)} rows within target" +
          (f"; over: {', '.join(over)}" if over else ""))  # fmt: skip
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
