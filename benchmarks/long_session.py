"""Memory over a long session: against one served app, a signed-in account rates the
capabilities of a stored grid 1,000 times (today and ideal of the shown category's
capabilities in turn, every click saved to the database, as in the browser), and the
server's resident memory is sampled after the first clicks and every 100 clicks. Run
with the app's settings (no full garbage collection after each run, long-lived objects
frozen at start) and, for comparison, with Streamlit's post-run collection switched
back on.

    python -m benchmarks.long_session [--clicks 1000]

Growth that levels off is caches filling (the catalogue, the chart specs, Streamlit's
message cache); growth that keeps its slope to the end would be a leak.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

from benchmarks import bench_admin

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = 100
TARGET = 1.2  # memory after 1,000 clicks / after 10 (issue 18)


def _server_rss(port: str) -> float:
    """Resident MB of the Streamlit server listening on ``port``."""
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            command = (proc / "cmdline").read_bytes().split(b"\0")
            status = (proc / "status").read_text()
        except OSError:
            continue
        if b"streamlit" in b" ".join(command) and port.encode() in command:
            kb = next(line for line in status.splitlines() if line.startswith("VmRSS"))
            return int(kb.split()[1]) / 1024
    raise LookupError(f"no server on port {port}")


def session(clicks: int, first: int = 10, **env: str) -> tuple[list[float], dict[int, float]]:
    """Click latencies (s) and the server's memory (MB) after ``first`` clicks and every
    ``SAMPLE`` clicks (key: the clicks done)."""
    from benchmarks.clicks import GRID, seed
    from benchmarks.stclient import Session
    from cxmaturity.services.accounts import COOKIE_NAME, Accounts
    from tests.e2e.conftest import serve

    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder)
        seeded = seed(data)
        accounts = Accounts(seeded.store.database)
        account = bench_admin(seeded.store).account
        cookie = accounts.redeem_ticket(accounts.issue_ticket(account))
        shown = seeded.grid.categories[0].capabilities
        with serve(data, data, **env) as url:
            port = url.rsplit(":", 1)[1]
            query = f"questionnaire={GRID}&assessment={seeded.rated_grid.public_id}&lang=en"
            me = Session(url, "answer", query, cookie=f"{COOKIE_NAME}={cookie}")
            me.open()
            times, memory = [], {0: _server_rss(port)}
            for click in range(clicks):
                capability = shown[(click // 2) % len(shown)]
                part = ("current", "ideal")[click % 2]
                control = me.find(f".{capability.id}.{part}.", "button_group")
                times.append(me.choose(control, (click // (2 * len(shown))) % 4))
                done = click + 1
                if done == first or done % SAMPLE == 0:
                    memory[done] = _server_rss(port)
            me.close()
        seeded.store.database.engine.dispose()
    return times, memory


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clicks", type=int, default=1000)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    for name, env in (
        ("app settings", {}),
        ("with Streamlit's post-run full collection", {"STREAMLIT_RUNNER_POST_SCRIPT_GC": "true"}),
    ):
        times, memory = session(args.clicks, **env)
        steps = " → ".join(f"{m:.0f} ({n})" for n, m in memory.items())
        print(
            f"{name}: click median {statistics.median(times) * 1e3:.0f} ms over "
            f"{len(times)} clicks; server MB (after n clicks): {steps}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
