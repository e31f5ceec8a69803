"""How fast the app answers a click, each against a bare Streamlit page in the same run.

1. AppTest: rerun of the grid page after one rating changes, against a bare script
   with the same widgets (same types, options and count). Target: at most 1.5x.
2. Browser (Chromium): click a quiz option until the page shows it selected, against
   the same on a bare one-radio page. Target: at most 1.3x.

    python -m benchmarks.app_rerun [--reruns 40] [--clicks 30]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GRID = "avaya-capability-grid"
RERUN_TARGET = 1.5
CLICK_TARGET = 1.3


# ------------------------------------------------------------------------ AppTest


def _grid_app():
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["questionnaire"] = GRID
    at.query_params["lang"] = "en"
    at.run()
    at.switch_page("cxmaturity/ui/pages/answer.py").run()
    return at


def _bare_script(at) -> str:
    """A plain script with the grid page's widgets: same kinds, options, count."""
    lines = ["import streamlit as st"]
    for i, control in enumerate(at.segmented_control):
        options = [str(o) for o in control.options]
        lines.append(f"st.segmented_control('c{i}', {options!r}, key='c{i}')")
    for i, _ in enumerate(at.text_input):
        lines.append(f"st.text_input('t{i}', key='t{i}')")
    for i, _ in enumerate(at.button):
        lines.append(f"st.button('b{i}', key='b{i}')")
    for i, _ in enumerate(at.get("download_button")):
        lines.append(f"st.download_button('d{i}', data=b'x', key='d{i}')")
    for i, _ in enumerate(at.file_uploader):
        lines.append(f"st.file_uploader('f{i}', key='f{i}')")
    return "\n".join(lines) + "\n"


def _time_reruns(at, key: str, values: list[object], reruns: int) -> list[float]:
    times = []
    for i in range(reruns):
        control = at.segmented_control(key=key)
        control.set_value(values[i % len(values)])
        started = time.perf_counter()
        at.run()
        times.append(time.perf_counter() - started)
        assert not at.exception, at.exception
    return times


def measure_reruns(reruns: int) -> tuple[list[float], list[float], int]:
    from streamlit.testing.v1 import AppTest

    app = _grid_app()
    kinds = ("segmented_control", "text_input", "button", "download_button", "file_uploader")
    widgets = sum(len(app.get(kind)) for kind in kinds)
    bare = AppTest.from_string(_bare_script(app), default_timeout=60).run()
    key = f"{GRID}.business-intelligence.current.en"
    _time_reruns(app, key, [2, 3], 5)  # warm up both
    _time_reruns(bare, "c1", ["2", "3"], 5)
    ours, theirs = [], []
    for _ in range(reruns // 10):  # interleave, so that noise hits both alike
        ours += _time_reruns(app, key, [2, 3], 10)
        theirs += _time_reruns(bare, "c1", ["2", "3"], 10)
    return ours, theirs, widgets


# ------------------------------------------------------------------------ browser

BARE_RADIO = """
import streamlit as st
st.radio("Question", ["a) one", "b) two", "c) three"], index=None, key="q")
"""


def _serve(script: Path, port: int) -> subprocess.Popen[bytes]:
    command = [
        sys.executable, "-m", "streamlit", "run", str(script),
        "--server.headless", "true", "--server.port", str(port),
        "--browser.gatherUsageStats", "false",
    ]  # fmt: skip
    return subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)


def _click_times(page, clicks: int) -> list[float]:
    """Click alternating options of the first radio group; time until it shows checked."""
    group = page.locator('[data-testid="stRadio"]').first
    labels = group.locator('[data-testid="stRadioOption"]')
    times = []
    for i in range(clicks):
        index = i % 2
        started = time.perf_counter()
        labels.nth(index).click()
        page.wait_for_function(
            "i => { const g = document.querySelector('[data-testid=stRadio]');"
            " return g.querySelectorAll('input')[i].checked"
            " && !document.querySelector('[data-stale=\"true\"]')"
            " && !document.querySelector('[data-testid=\"stStatusWidget\"]'); }",
            arg=index,
            polling=10,
        )
        times.append(time.perf_counter() - started)
    return times


GRID_KEY = "avaya-capability-grid.business-intelligence.current.en"
GRID_CHECKED_JS = (
    "([sel, label]) => [...document.querySelectorAll(sel + ' button[role=radio]')]"
    ".some(b => b.innerText.trim() === label && b.getAttribute('aria-checked') === 'true')"
    " && !document.querySelector('[data-stale=\"true\"]')"
    " && !document.querySelector('[data-testid=\"stStatusWidget\"]')"
)


def _grid_click_times(page, clicks: int) -> list[float]:
    """Rate the first capability 1, 2, 1, ... on the grid page; time until it holds."""
    from tests.e2e.streamlit_page import key_class

    selector = key_class(GRID_KEY)
    times = []
    for _ in range(clicks):
        # Always the other level: a click on the selected one would clear it.
        checked = page.locator(selector).locator("button[role=radio][aria-checked=true]")
        label = "1" if checked.count() and checked.first.inner_text().strip() == "2" else "2"
        started = time.perf_counter()
        page.locator(selector).get_by_role("radio", name=label, exact=True).click()
        page.wait_for_function(GRID_CHECKED_JS, arg=[selector, label], polling=10)
        times.append(time.perf_counter() - started)
    return times


def measure_clicks(clicks: int) -> tuple[list[float], list[float]]:
    quiz, _, bare = measure_all_clicks(clicks)
    return quiz, bare


def measure_all_clicks(clicks: int) -> tuple[list[float], list[float], list[float]]:
    """Click-to-update on the quiz page, the grid page and a bare one-radio page."""
    from playwright.sync_api import sync_playwright

    from tests.e2e.conftest import ARGS, CHROMIUM, _wait_healthy, free_port
    from tests.e2e.streamlit_page import open_app

    with tempfile.TemporaryDirectory() as folder:
        bare_script = Path(folder) / "bare.py"
        bare_script.write_text(BARE_RADIO)
        app_port, bare_port = free_port(), free_port()
        servers = [_serve(ROOT / "app.py", app_port), _serve(bare_script, bare_port)]
        try:
            app_url, bare_url = f"http://127.0.0.1:{app_port}", f"http://127.0.0.1:{bare_port}"
            _wait_healthy(app_url, servers[0])
            _wait_healthy(bare_url, servers[1])
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
                app = browser.new_page()
                open_app(app, f"{app_url}/answer?questionnaire=avaya-cx-quiz&lang=en")
                bare = browser.new_page()
                bare.goto(bare_url)
                bare.wait_for_selector('[data-testid="stRadio"]')
                _click_times(app, 4), _click_times(bare, 4)  # warm up
                ours, theirs = [], []
                for _ in range(clicks // 5):
                    ours += _click_times(app, 5)
                    theirs += _click_times(bare, 5)
                app.close()  # the grid on its own afterwards: one busy tab at a time
                grid = browser.new_page()
                open_app(grid, f"{app_url}/answer?questionnaire=avaya-capability-grid&lang=en")
                _grid_click_times(grid, 4)  # warm up
                rated = []
                for _ in range(clicks // 5):
                    rated += _grid_click_times(grid, 5)
                    theirs += _click_times(bare, 5)
                browser.close()
        finally:
            for server in servers:
                server.terminate()
                server.wait(timeout=10)
    return ours, rated, theirs


def measure_cold_start(runs: int) -> tuple[list[float], list[float]]:
    """Server start until the first widget is visible in a browser: the app's home
    page against a bare one-radio page."""
    from playwright.sync_api import sync_playwright

    from tests.e2e.conftest import ARGS, CHROMIUM, free_port

    def first_widget(script: Path, browser, selector: str) -> float:
        port = free_port()
        started = time.perf_counter()
        server = _serve(script, port)
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
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        bare_script = Path(folder) / "bare.py"
        bare_script.write_text(BARE_RADIO)
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for _ in range(runs):
            ours.append(first_widget(ROOT / "app.py", browser, '[data-testid="stButtonGroup"]'))
            theirs.append(first_widget(bare_script, browser, '[data-testid="stRadio"]'))
        browser.close()
    return ours, theirs


# --------------------------------------------------------------------------- main


def _row(name: str, values: list[float]) -> str:
    med, low = statistics.median(values) * 1e3, min(values) * 1e3
    return f"{name:<52} {med:>10.1f} {low:>8.1f}"


def report(title: str, ours: list[float], theirs: list[float], target: float) -> bool:
    ratio = statistics.median(ours) / statistics.median(theirs)
    print(title)
    print(f"  {'measure':<52} {'median ms':>10} {'min ms':>8}")
    print("  " + _row("cxmaturity", ours))
    print("  " + _row("baseline (bare Streamlit page)", theirs))
    verdict = "ok" if ratio <= target else "TOO SLOW"
    print(f"  ratio {ratio:.2f}x (target <= {target:.1f}x, n={len(ours)}): {verdict}\n")
    return ratio <= target


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reruns", type=int, default=100)
    parser.add_argument("--clicks", type=int, default=30)
    parser.add_argument("--skip-browser", action="store_true")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    ours, theirs, widgets = measure_reruns(args.reruns)
    ok = report(
        f"AppTest rerun, grid page after one rating ({widgets} widgets)", ours, theirs, RERUN_TARGET
    )
    if not args.skip_browser:
        ours, theirs = measure_clicks(args.clicks)
        ok &= report(
            "Browser click until selected, quiz page vs one-radio page", ours, theirs, CLICK_TARGET
        )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
