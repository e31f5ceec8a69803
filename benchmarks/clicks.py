"""What a person waits for in a real browser, against bare pages in the same run.

Every row ends when the **server has finished the run** the click started, not at the
first repaint: a script in the page (added before Streamlit's own) stamps each
websocket message as it arrives and each click, both with the page's clock
(``performance.now()``); the messages are decoded here, and a click's time is from the
click to the arrival of the "script finished" that ends its run (a run that asks for
a full rerun ends with that rerun). Clicks follow each other at once, so whatever the
server does after a run (e.g. a garbage collection) delays the next one. The tab
clicked in is brought to the front first, as the one a person clicks in is.

The app is signed in as the benchmark admin with an organisation's assessments open
(``?assessment=``), so every click is also saved to the database, as for a user. The
baselines are served by the same Streamlit, from the same folder (the same
``.streamlit/config.toml``), in the same run, interleaved:

- **quiz**: rounds of a new assessment with three of its four questions answered; the
  first click completes the quiz (result, band chart, save), the next ones change the
  finished quiz's last answer. Baseline: a bare page with one ``st.radio``.
  Beside it, not a target's baseline: a flat page with the quiz page's elements (four
  radios, progress, a fixed result with its band chart) and no logic: the floor of
  any page that shows a quiz and its result.
- **grid**: one capability's "today" rated 1, 2, 1, ... on a stored grid with every
  capability rated. Baselines: a flat page with the grid's rating widgets (a
  segmented control for today and the ideal and a text input per capability, all
  25 capabilities) and the bare one-radio page. Beside it, not a target: another
  capability's ideal pressed on and off, so that each click rates or unrates it (the
  click then reruns the whole grid: its progress and the categories' counts change).
- **results**: loading the Results page of a grid assessment with 25 capabilities
  rated, from navigation start to the last run finished with the first tab's chart
  drawn. Baseline: a bare page with the same two charts as static Vega-Lite specs in
  the same two tabs, drawn as the Results page draws them: only the tab shown (the
  categories' chart; the heatmap when its tab is opened).

    python -m benchmarks.clicks [--clicks 25]
"""

from __future__ import annotations

import argparse
import base64
import datetime as dt
import json
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
QUIZ, GRID = "avaya-cx-quiz", "avaya-capability-grid"
QUIZ_TARGET = 1.1  # quiz click (completing click included) / bare one-radio page
GRID_FLAT_TARGET = 0.9  # grid click / flat page with the same widgets
GRID_BARE_TARGET = 1.5  # grid click / bare one-radio page
RESULTS_TARGET = 1.3  # results page load / bare page with the same charts

# Stamps every websocket message and pointer-down with the page's clock. Added before
# the page's own scripts, so Streamlit's socket is one of ours.
INSTRUMENT = """
(() => {
  const Native = window.WebSocket;
  window.__frames = [];
  window.__down = null;
  window.__wake = null;
  class Stamped extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', (event) => {
        window.__frames.push([performance.now(), event.data]);
        if (window.__wake) { const wake = window.__wake; window.__wake = null; wake(); }
      });
    }
  }
  const send = Native.prototype.send;
  window.__sent = [];
  Native.prototype.send = function (data) {
    window.__sent.push(performance.now());
    return send.call(this, data);
  };
  window.WebSocket = Stamped;
  document.addEventListener('click', () => { window.__down = performance.now(); }, true);
})();
"""

# The frames from number ``from`` on (waiting for one if there is none yet), as
# [arrival ms, base64] pairs, and the last pointer-down.
COLLECT = """
async (from) => {
  if (window.__frames.length <= from) {
    await new Promise((resolve) => {
      window.__wake = resolve;
      setTimeout(resolve, 30000);
    });
  }
  const out = [];
  for (const [at, data] of window.__frames.slice(from)) {
    const buffer = data instanceof Blob ? await data.arrayBuffer() : data;
    const bytes = new Uint8Array(buffer);
    let text = '';
    for (let i = 0; i < bytes.length; i += 0x8000) {
      text += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
    }
    out.push([at, btoa(text)]);
  }
  return {frames: out, down: window.__down, sent: window.__sent.slice(-1)[0]};
}
"""

RESET = "() => { window.__frames = []; window.__down = null; }"

BARE_RADIO = """
import streamlit as st
st.radio("Question", ["a) one", "b) two", "c) three"], index=None, key="q")
"""


@dataclass
class Watch:
    """The decoded messages a page received since the last reset."""

    page: Any
    seen: int = 0
    sent: float = 0.0  # when the page last sent a message (ms)
    server: list[float] = field(default_factory=list)  # per click: sent → run finished (s)
    turn: int = 0  # clicks so far on the alternating control (never the option it holds)

    def reset(self) -> None:
        self.page.evaluate(RESET)
        self.seen = 0

    def _next(self) -> tuple[list[tuple[float, Any]], float | None]:
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        got = self.page.evaluate(COLLECT, self.seen)
        self.sent = got.get("sent")
        self.seen += len(got["frames"])
        decoded = []
        for at, data in got["frames"]:
            message = ForwardMsg()
            message.ParseFromString(base64.b64decode(data))
            decoded.append((at, message))
        return decoded, got["down"]

    def finished(self, timeout: float = 60.0) -> tuple[float, float | None]:
        """Wait for the next run to finish; (its arrival ms, the last click ms)."""
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        done = {ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY}
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            messages, down = self._next()
            for at, message in messages:
                if message.WhichOneof("type") == "delta":
                    element = message.delta.new_element
                    if element.WhichOneof("type") == "exception":
                        raise RuntimeError(f"the page raised: {element.exception.message}")
                finished = message.WhichOneof("type") == "script_finished"
                if finished and message.script_finished in done:
                    return at, down
        raise TimeoutError("no run finished")

    def click(self, locator: Any) -> float:
        """Click ``locator``; seconds from the click to the end of its run."""
        # The tab in front, as the one a person clicks in: Chromium schedules a tab
        # behind others lazily (about 45 ms more from the click to its message).
        self.page.bring_to_front()
        self.reset()
        locator.click()
        finished, down = self.finished()
        assert down is not None, "no click reached the page"
        self.server.append((finished - self.sent) / 1e3)
        return (finished - down) / 1e3

    def quiet(self, settle_ms: float = 400) -> float | None:
        """After a page load: the arrival ms of the last full run finished, once no
        message came for ``settle_ms``."""
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        last = None
        while True:
            self.page.wait_for_timeout(settle_ms)
            if self.page.evaluate("() => window.__frames.length") == self.seen:
                return last
            messages, _ = self._next()
            for at, message in messages:
                if message.WhichOneof("type") == "script_finished" and (
                    message.script_finished == ForwardMsg.FINISHED_SUCCESSFULLY
                ):
                    last = at


def start_server(script: Path, port: int, data: Path) -> subprocess.Popen[bytes]:
    """``streamlit run script`` on ``port`` from the project folder (its
    ``.streamlit/config.toml``), with ``data`` as the app's data folder; not yet
    listening when this returns."""
    import os

    command = [
        sys.executable, "-m", "streamlit", "run", str(script),
        "--server.headless", "true", "--server.port", str(port),
        "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false",
    ]  # fmt: skip
    env = {**os.environ, "CXMATURITY_DATA_DIR": str(data)}
    env.pop("CXMATURITY_BRANDING", None)
    return subprocess.Popen(
        command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT, env=env
    )


@contextmanager
def _servers(scripts: dict[str, Path], data: Path) -> Iterator[dict[str, str]]:
    from tests.e2e.conftest import _wait_healthy, free_port

    started = {name: (free_port(), None) for name in scripts}
    processes = {}
    try:
        for name, script in scripts.items():
            processes[name] = start_server(script, started[name][0], data)
        urls = {name: f"http://127.0.0.1:{started[name][0]}" for name in scripts}
        for name, url in urls.items():
            _wait_healthy(url, processes[name])
        yield urls
    finally:
        for process in processes.values():
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()


# ------------------------------------------------------------------------ the data


@dataclass
class Seed:
    store: Any
    organization: Any
    quiz: Any
    grid: Any
    rated_grid: Any  # a grid assessment with every capability rated

    def new_quiz(self) -> str:
        """A new quiz assessment with all but the last question answered; its public id."""
        from cxmaturity.records import ANONYMOUS

        assessment = self.store.create_assessment(self.organization, self.quiz, "en", _today())
        for question in self.quiz.questions[:-1]:
            self.store.save_choice(assessment, ANONYMOUS, question.id, question.options[0].id)
        return str(assessment.public_id)


def _today() -> dt.date:
    return dt.date(2026, 12, 1)


def seed(data: Path) -> Seed:
    from benchmarks import bench_admin, open_store
    from cxmaturity.loader import load_questionnaire
    from cxmaturity.model import Rating
    from cxmaturity.records import ANONYMOUS
    from cxmaturity.services.organizations import Organizations

    store = open_store(f"sqlite:///{data / 'cxmaturity.db'}")
    actor = bench_admin(store)
    organization = Organizations(store.database).create(actor, "Click benchmark")
    quiz = load_questionnaire(ROOT / "assessments" / f"{QUIZ}.yaml")
    grid = load_questionnaire(ROOT / "assessments" / f"{GRID}.yaml")
    rated = store.create_assessment(organization, grid, "en", _today())
    for i, (_, capability) in enumerate(grid.capabilities()):
        rating = Rating(current=i % 4 + 1, ideal=4, note=f"Note {i}")
        store.save_rating(rated, ANONYMOUS, capability.id, rating)
    return Seed(store, organization, quiz, grid, rated)


def flat_grid_script(grid: Any) -> str:
    """A plain page with the grid's rating widgets: for each of its capabilities a
    segmented control for today (levels and N/A) and for the ideal (levels) and a note."""
    levels = [level.value for level in grid.levels]
    lines = ["import streamlit as st"]
    for _, capability in grid.capabilities():
        cap = capability.id
        lines += [
            f"st.segmented_control({cap + ' today'!r}, {[*levels, 'na']!r}, key={cap + '.c'!r})",
            f"st.segmented_control({cap + ' ideal'!r}, {levels!r}, key={cap + '.i'!r})",
            f"st.text_input({cap + ' note'!r}, key={cap + '.n'!r})",
        ]
    return "\n".join(lines) + "\n"


def flat_quiz_script(quiz: Any) -> str:
    """A plain page with the quiz page's elements and no logic: a progress bar, the
    four questions as radios (their help), and a result (subheader, points, band,
    description, closing line, the band chart as a static spec) that never changes.
    Not a target's baseline: what any page showing a quiz and its result costs here."""
    from cxmaturity.charts import quiz_band_chart
    from cxmaturity.model import Answers
    from cxmaturity.scoring import score_quiz

    answers = {q.id: q.options[-1].id for q in quiz.questions}
    result = score_quiz(quiz, [Answers(questionnaire=quiz.id, answers=answers)])
    band = next(b for b in quiz.bands if b.id == result.band)
    spec = quiz_band_chart(quiz, result, "en").to_dict(validate=False)
    questions = [
        (f"**{n}. {q.text.get('en')}**", [f"{chr(96 + i)}) {o.text.get('en')}"
         for i, o in enumerate(q.options, start=1)], q.help.get("en") if q.help else None)
        for n, q in enumerate(quiz.questions, start=1)
    ]  # fmt: skip
    return (
        "import json\nimport streamlit as st\n"
        "st.progress(1.0, text='Answered 4 of 4')\n"
        f"for n, (label, options, tip) in enumerate(json.loads({json.dumps(questions)!r})):\n"
        "    st.radio(label, options, index=None, key=f'q{n}', help=tip)\n"
        "st.divider()\n"
        "st.subheader('Your result', anchor=False)\n"
        "points, label = st.columns([1, 3])\n"
        f"points.metric('Points', {result.points!r}, help='From 4 to 13')\n"
        "with label:\n"
        f"    st.markdown({('**' + band.label.get('en') + '**')!r})\n"
        f"    st.markdown({(band.description.get('en') if band.description else '')!r})\n"
        f"    st.caption({(quiz.closing.get('en') if quiz.closing else '')!r})\n"
        f"st.vega_lite_chart(spec=json.loads({json.dumps(spec)!r}), width='stretch', theme=None)\n"
    )


def charts_script(grid: Any, rated: Any, store: Any) -> str:
    """A plain page with the Results page's two charts of ``rated`` as static specs, in
    two tabs drawn as the Results page draws its tabs: only the tab shown (the
    categories' chart on opening)."""
    from cxmaturity.charts import capability_heatmap, category_chart
    from cxmaturity.services.results import grid_view

    team = store.answers(rated)
    result = grid_view(grid, list(team.values())).result
    specs = [build(grid, result, "en").to_dict(validate=False)
             for build in (category_chart, capability_heatmap)]  # fmt: skip
    return (
        "import json\nimport streamlit as st\n"
        "tabs = st.tabs(['Categories', 'All capabilities'], key='tabs', on_change='rerun')\n"
        f"for tab, spec in zip(tabs, json.loads({json.dumps(specs)!r})):\n"
        "    if tab.open:\n"
        "        tab.vega_lite_chart(spec=spec, width='stretch', theme=None)\n"
    )


# ---------------------------------------------------------------------- the clicks


def _open(page: Any, url: str, selector: str) -> Watch:
    page.goto(url)
    page.wait_for_selector(selector, timeout=60_000)
    watch = Watch(page)
    watch.quiet()
    return watch


def _radio_clicks(watch: Watch, clicks: int) -> list[float]:
    """Alternate the first two options of the page's last radio."""
    last = watch.page.locator('[data-testid="stRadio"]').last
    options = last.locator('[data-testid="stRadioOption"]')
    times = []
    for _ in range(clicks):
        times.append(watch.click(options.nth(watch.turn % 2)))
        watch.turn += 1
    return times


def _quiz_round(page: Any, url: str, seed: Seed, clicks: int, server: list[float]) -> list[float]:
    """A new quiz three quarters answered: complete it, then change its last answer
    (``server`` gets each click's part from sent to run finished)."""
    public_id = seed.new_quiz()
    address = f"{url}/answer?questionnaire={QUIZ}&assessment={public_id}&lang=en"
    watch = _open(page, address, '[data-testid="stRadio"]')
    last = page.locator('[data-testid="stRadio"]').nth(len(seed.quiz.questions) - 1)
    options = last.locator('[data-testid="stRadioOption"]')
    times = [watch.click(options.nth(i % 2)) for i in range(clicks)]
    page.locator('[data-testid="stMetric"]').first.wait_for()  # the result is shown
    server += watch.server
    return times


def _grid_clicks(watch: Watch, capability: str, clicks: int, name_of: Any) -> list[float]:
    """Rate ``capability`` today 1, 2, 1, ... (never the level it holds)."""
    control = watch.page.locator(name_of(capability))
    times = []
    for _ in range(clicks):
        level = str(1 + watch.turn % 2)
        times.append(watch.click(control.get_by_role("radio", name=level, exact=True)))
        watch.turn += 1
    return times


def _toggle_clicks(watch: Watch, capability: str, clicks: int, name_of: Any) -> list[float]:
    """Press ``capability``'s ideal 4 again and again: off (the capability is no longer
    rated), on (rated again); each click changes the grid's progress."""
    control = watch.page.locator(name_of(capability))
    return [watch.click(control.get_by_role("radio", name="4", exact=True))
            for _ in range(clicks)]  # fmt: skip


def _load(page: Any, url: str, selector: str, charts: int) -> float:
    """Seconds from navigation start to the last run finished, the charts drawn."""
    page.bring_to_front()
    page.goto("about:blank")  # the clock starts at navigation: not with an unload before
    page.goto(url)
    page.locator(selector).nth(charts - 1).locator("canvas, svg").first.wait_for(timeout=60_000)
    watch = Watch(page)
    last = watch.quiet()
    assert last is not None, "no run finished"
    return last / 1e3


@dataclass
class Pages:
    """The browser tabs of one measurement, each with the server it talks to."""

    urls: dict[str, str]
    seeded: Seed
    app: Any
    bare: Watch
    flat: Watch
    flat_quiz: Watch


def _quiz_rows(pages: Pages, rounds: int, per_round: int, times: dict[str, list[float]]) -> None:
    server: list[float] = []
    _quiz_round(pages.app, pages.urls["app"], pages.seeded, 3, [])  # warm up
    _radio_clicks(pages.bare, 3)
    _radio_clicks(pages.flat_quiz, 3)
    for _ in range(rounds):  # interleaved, so that noise hits both alike
        times["quiz"] += _quiz_round(pages.app, pages.urls["app"], pages.seeded, per_round, server)
        times["bare"] += _radio_clicks(pages.bare, per_round)
        times["flat quiz"] += _radio_clicks(pages.flat_quiz, per_round)
    times["quiz server"] = server


def _grid_rows(pages: Pages, rounds: int, per_round: int, times: dict[str, list[float]]) -> None:
    from tests.e2e.streamlit_page import key_class

    capability, toggled = (c.id for c in pages.seeded.grid.categories[0].capabilities[:2])
    stored = pages.seeded.rated_grid.public_id
    grid = _open(pages.app, f"{pages.urls['app']}/answer?questionnaire={GRID}&assessment="
                 f"{stored}&lang=en", '[data-testid="stButtonGroup"]')  # fmt: skip
    grid.turn = 1  # the capability is stored at level 1: 2 first

    def app_control(cap: str) -> str:  # whatever the answers' revision
        return f'[class*="{key_class(f"{GRID}.{cap}.current.en")[1:]}"]'

    def flat_control(cap: str) -> str:
        return key_class(f"{cap}.c")

    def ideal_control(cap: str) -> str:
        return f'[class*="{key_class(f"{GRID}.{cap}.ideal.en")[1:]}"]'

    _grid_clicks(grid, capability, 3, app_control)  # warm up
    _grid_clicks(pages.flat, capability, 3, flat_control)
    for watch in (pages.bare, pages.flat):
        watch.server.clear()
    for _ in range(rounds):
        times["grid"] += _grid_clicks(grid, capability, per_round, app_control)
        times["grid rates"] += _toggle_clicks(grid, toggled, per_round, ideal_control)
        times["flat"] += _grid_clicks(pages.flat, capability, per_round, flat_control)
        times["bare"] += _radio_clicks(pages.bare, per_round)
    for name, watch in (("bare", pages.bare), ("grid", grid), ("flat", pages.flat)):
        times[f"{name} server"] = watch.server


def _results_rows(pages: Pages, loads: int, times: dict[str, list[float]]) -> None:
    stored = f"questionnaire={GRID}&assessment={pages.seeded.rated_grid.public_id}&lang=en"
    results, charts = f"{pages.urls['app']}/results?{stored}", pages.urls["charts"]
    chart = '[data-testid="stVegaLiteChart"]'
    # Both draw the categories' chart in a first tab and the heatmap in a second.
    _load(pages.app, results, chart, 1), _load(pages.flat.page, charts, chart, 1)  # warm up
    for _ in range(loads):
        times["results"].append(_load(pages.app, results, chart, 1))
        times["charts"].append(_load(pages.flat.page, charts, chart, 1))


def measure(clicks: int) -> dict[str, list[float]]:
    """Seconds per click or load, by row: quiz, bare, grid, flat, results, charts; and
    for the clicks, the part from the page's message to the run finished ("quiz
    server", ...; the rest is the browser, from the click to its message)."""
    from playwright.sync_api import sync_playwright

    from benchmarks import browser_sign_in
    from tests.e2e.conftest import ARGS, CHROMIUM

    rows = ("quiz", "bare", "flat quiz", "grid", "grid rates", "flat", "results", "charts")
    times: dict[str, list[float]] = {row: [] for row in rows}
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder)
        seeded = seed(data)
        scripts = {"app": ROOT / "app.py"}
        for name, text in (
            ("bare", BARE_RADIO),
            ("flat", flat_grid_script(seeded.grid)),
            ("flat_quiz", flat_quiz_script(seeded.quiz)),
            ("charts", charts_script(seeded.grid, seeded.rated_grid, seeded.store)),
        ):
            scripts[name] = data / f"{name}.py"
            scripts[name].write_text(text)
        with _servers(scripts, data) as urls, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            context.add_init_script(INSTRUMENT)
            app = context.new_page()
            browser_sign_in(app, urls["app"])
            bare = _open(context.new_page(), urls["bare"], '[data-testid="stRadio"]')
            flat = _open(context.new_page(), urls["flat"], '[data-testid="stButtonGroup"]')
            flat_quiz = _open(context.new_page(), urls["flat_quiz"], '[data-testid="stRadio"]')
            pages = Pages(urls, seeded, app, bare, flat, flat_quiz)
            rounds = max(4, clicks // 5)
            per_round = -(-clicks // rounds)
            _quiz_rows(pages, rounds, per_round, times)
            _grid_rows(pages, rounds, per_round, times)
            _results_rows(pages, max(20, clicks), times)
            browser.close()
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clicks", type=int, default=25)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    from benchmarks import ms, p95

    times = measure(args.clicks)
    for name, values in times.items():
        print(f"{name:<12} p50 {ms(values):7.1f} ms  p95 {p95(values):7.1f} ms  n={len(values)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
