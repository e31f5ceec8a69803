"""Cold start: from starting the server until the first widget is visible in Chromium,
the app's Home page against a bare one-radio page, each in a new server.

    python -m benchmarks.cold_start [--runs 3]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from benchmarks import byte_compiled
from benchmarks.clicks import BARE_RADIO, start_server

ROOT = Path(__file__).resolve().parent.parent


def measure_cold_start(runs: int) -> tuple[list[float], list[float]]:
    """Server start until the first widget is visible in a browser: the app's home
    page against a bare one-radio page."""
    from playwright.sync_api import sync_playwright

    from tests.e2e.conftest import ARGS, CHROMIUM, free_port

    def first_widget(script: Path, browser, selector: str, data: Path) -> float:
        port = free_port()
        started = time.perf_counter()
        server = start_server(script, port, data)
        try:
            page = browser.new_page()
            deadline = time.monotonic() + 60
            while True:  # the server is not listening yet: try again
                try:
                    page.goto(f"http://127.0.0.1:{port}/?lang=en")
                    break
                except Exception:
                    if time.monotonic() > deadline:
                        raise
                    time.sleep(0.05)
            page.wait_for_selector(selector, timeout=60_000)
            elapsed = time.perf_counter() - started
            page.close()
            return elapsed
        finally:
            server.terminate()
            server.wait(timeout=10)

    ours, theirs = [], []
    byte_compiled()  # as Streamlit's own modules are
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        data = Path(folder)  # the app's data folder, never the user's
        bare_script = data / "bare.py"
        bare_script.write_text(BARE_RADIO)
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for _ in range(runs):
            app = ROOT / "app.py"
            ours.append(first_widget(app, browser, '[data-testid="stButtonGroup"]', data))
            theirs.append(first_widget(bare_script, browser, '[data-testid="stRadio"]', data))
        browser.close()
    return ours, theirs


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    ours, theirs = measure_cold_start(args.runs)
    print(f"app {statistics.median(ours) * 1e3:.0f} ms, bare page "
          f"{statistics.median(theirs) * 1e3:.0f} ms (medians of {args.runs})")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
