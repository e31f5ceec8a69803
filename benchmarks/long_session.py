"""Memory over a long session: one participant clicks 1,000 times (quiz answers back
and forth, then today / ideal on grid items) against one served app; the server's
resident memory is sampled every 100 clicks. Run with the app's settings (no full
garbage collection after each run, long-lived objects frozen at start) and, for
comparison, with Streamlit's post-run collection switched back on.

    python -m benchmarks.long_session [--clicks 1000]

Growth that levels off is caches filling (the catalogue, the live views, Streamlit's
message cache); growth that keeps its slope to the end would be a leak.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

from benchmarks import bench_admin, open_store

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = 100


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


def session(clicks: int, **env: str) -> tuple[list[float], list[float]]:
    """Click latencies (s) and the server's memory (MB) every ``SAMPLE`` clicks."""
    from benchmarks.stclient import Session
    from benchmarks.workshop_load import _organization, _questionnaires
    from cxmaturity.services.workshops import Workshops
    from tests.e2e.conftest import serve

    quiz, grid = _questionnaires()
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder)
        store = open_store(f"sqlite:///{data / 'cxmaturity.db'}")
        rooms = Workshops(store.database)
        workshop = rooms.create(bench_admin(store), _organization(store), [quiz, grid], "en")
        token = rooms.join(workshop.code, "P", client="bench")[2]
        with serve(data, data, **env) as url:
            port = url.rsplit(":", 1)[1]
            me = Session(url, "join", f"p={token}&lang=en")
            me.open()
            times, memory = [], [_server_rss(port)]
            for click in range(clicks):
                question = quiz.questions[click % len(quiz.questions)]
                radio = me.find(f"{quiz.id}.{question.id}.", "radio")
                times.append(me.choose(radio, (click // len(quiz.questions)) % 3))
                if (click + 1) % SAMPLE == 0:
                    memory.append(_server_rss(port))
            me.close()
        store.database.engine.dispose()
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
        steps = " → ".join(f"{m:.0f}" for m in memory)
        print(
            f"{name}: click median {statistics.median(times) * 1e3:.0f} ms over "
            f"{len(times)} clicks; server MB every {SAMPLE} clicks: {steps}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
