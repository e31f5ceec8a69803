"""A workshop under load: nothing lost, and a click stays quick while others answer.

1. Storage: 50 participants join and answer the quiz and the grid at the same time
   (a thread each, started together) through the workshop layer; every answer of
   every participant must be in the database afterwards.
2. Browser: participants in real Chromium sessions against one served app (with the
   facilitator's dashboard open and refreshing). The click latency of one participant
   (click a quiz option until it shows selected and the rerun is over) while 20 others
   click at the same moment, against the same participant alone, in the same run.
   Target: at most 2x. The 20 others' final answers must all be saved.

    python -m benchmarks.workshop_load [--participants 50] [--active 20] [--clicks 20]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from benchmarks import bench_admin, browser_sign_in, open_store

ROOT = Path(__file__).resolve().parent.parent
LATENCY_TARGET = 2.0


def _questionnaires():
    from cxmaturity.loader import load_questionnaire

    quiz = load_questionnaire(ROOT / "assessments" / "avaya-cx-quiz.yaml")
    grid = load_questionnaire(ROOT / "assessments" / "avaya-capability-grid.yaml")
    return quiz, grid


def _organization(store: Any) -> Any:
    from cxmaturity.services.organizations import Organizations

    return Organizations(store.database).create(bench_admin(store), "Load test")


def storage_load(participants: int, url: str | None = None) -> dict[str, float]:
    """Everyone answers everything at once; returns timings and the count checked."""
    from cxmaturity.model import Rating
    from cxmaturity.services.workshops import Workshops

    quiz, grid = _questionnaires()
    with tempfile.TemporaryDirectory() as folder:
        store = open_store(url or f"sqlite:///{Path(folder) / 'load.db'}")
        rooms = Workshops(store.database)
        workshop = rooms.create(bench_admin(store), _organization(store), [quiz, grid], "es")
        expected: dict[str, dict[str, object]] = {}
        errors: list[BaseException] = []
        start = threading.Barrier(participants)

        def participant(n: int) -> None:
            try:
                rng = random.Random(n)
                start.wait()
                _, person, token = rooms.join(workshop.code, f"P{n}", client=f"c{n}")
                given: dict[str, object] = {}
                for question in quiz.questions:
                    choice = rng.choice(question.options).id
                    rooms.save_choice(token, quiz.id, question.id, choice)
                    given[f"{quiz.id}/{question.id}"] = choice
                for _, capability in grid.capabilities():
                    current = rng.randint(1, 4)
                    rating = Rating(current=current, ideal=rng.randint(current, 4))
                    rooms.save_rating(token, grid.id, capability.id, rating)
                    given[f"{grid.id}/{capability.id}"] = rating
                expected[person.respondent] = given
            except BaseException as error:  # reported below
                errors.append(error)

        threads = [threading.Thread(target=participant, args=(n,)) for n in range(participants)]
        began = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.perf_counter() - began
        if errors:
            raise errors[0]
        saved = _stored(rooms, workshop)
        live = {a.id: a.questionnaire_id for a in rooms.assessments(workshop)}
        found = 0
        for assessment_id, people in saved.items():
            for pid, answers in people.items():
                for item, value in answers.answers.items():
                    want = expected[f"participant-{pid}"][f"{live[assessment_id]}/{item}"]
                    assert value == want, (pid, item, value, want)
                    found += 1
        writes = participants * (len(quiz.questions) + grid.item_count())
        assert found == writes, f"{found} of {writes} answers saved"
        store.database.engine.dispose()
    return {"participants": participants, "writes": writes, "seconds": elapsed}


# ------------------------------------------------------------------------ browser

CHECKED_JS = (
    "([q, i]) => { const g = document.querySelectorAll('[data-testid=stRadio]')[q];"
    " return g && g.querySelectorAll('input')[i].checked"
    " && !document.querySelector('[data-stale=\"true\"]')"
    " && !document.querySelector('[data-testid=\"stStatusWidget\"]'); }"
)


CLICK_JS = (
    "([q, i]) => document.querySelectorAll('[data-testid=stRadio]')[q]"
    ".querySelectorAll('input')[i].click()"
)


def _click(page, question: int, option: int):
    group = page.locator('[data-testid="stRadio"]').nth(question)
    group.locator('[data-testid="stRadioOption"]').nth(option).click()


def _timed_click(page, question: int, option: int) -> float:
    started = time.perf_counter()
    _click(page, question, option)
    page.wait_for_function(CHECKED_JS, arg=[question, option], polling=10)
    return time.perf_counter() - started


def _stored(rooms, workshop):
    """Each participant's answers as stored (no service hands them out)."""
    with rooms.database.unit() as uow:
        return uow.repo.participant_answers(workshop)


def _lost(rooms, workshop, quiz, last: dict[int, dict[int, int]]) -> int:
    """How many of the others' last answers are not in the database."""
    live = next(a for a in rooms.assessments(workshop) if a.questionnaire_id == quiz.id)
    answers = _stored(rooms, workshop)[live.id]
    lost = 0
    for n, person in enumerate(rooms.participants(workshop)[1:]):
        given = answers.get(person.id)
        for question, option in last[n].items():
            qid = quiz.questions[question].id
            want = quiz.questions[question].options[option].id
            if given is None or given.choice(qid) != want:
                lost += 1
    return lost


def browser_load(active: int, clicks: int, dashboard: bool = True) -> dict[str, object]:
    """Click latency of one participant alone and with ``active`` others clicking."""
    from playwright.sync_api import sync_playwright

    from cxmaturity.services.workshops import Workshops
    from tests.e2e.conftest import ARGS, CHROMIUM, serve

    quiz, grid = _questionnaires()
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder)
        store = open_store(f"sqlite:///{data / 'cxmaturity.db'}")
        rooms = Workshops(store.database)
        workshop = rooms.create(bench_admin(store), _organization(store), [quiz, grid], "en")
        tokens = [rooms.join(workshop.code, f"P{n}", client="bench")[2] for n in range(active + 1)]
        with (
            serve(data, data) as url,
            sync_playwright() as pw,
        ):
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)

            def open_participant(token: str):
                page = browser.new_context().new_page()
                page.set_default_timeout(60_000)
                page.goto(f"{url}/join?p={token}&lang=en")
                page.locator('[data-testid="stRadio"]').nth(3).wait_for()
                return page

            if dashboard:
                facilitator = browser.new_context().new_page()
                browser_sign_in(facilitator, url)
                facilitator.goto(f"{url}/workshop?workshop={workshop.public_id}&lang=en")
                facilitator.get_by_text("Participants:").wait_for()

            me = open_participant(tokens[0])
            for i in range(4):  # warm up
                _timed_click(me, 0, i % 2)
            lone = [_timed_click(me, 0, i % 2) for i in range(clicks // 2)]
            others = [open_participant(token) for token in tokens[1:]]
            busy = []
            last: dict[int, dict[int, int]] = {n: {} for n in range(len(others))}
            for i in range(clicks):
                question = 1 + i % 3
                for n, page in enumerate(others):  # everyone clicks at the same moment
                    option = (i + n) % 3
                    page.evaluate(CLICK_JS, [question, option])  # no waiting: all in flight
                    last[n][question] = option
                busy.append(_timed_click(me, 0, i % 2))
                for n, page in enumerate(others):
                    page.wait_for_function(CHECKED_JS, arg=[question, last[n][question]])
            for page in others:
                page.context.close()
            lone += [_timed_click(me, 0, i % 2) for i in range(clicks // 2)]
            browser.close()
        lost = _lost(rooms, workshop, quiz, last)
        store.database.engine.dispose()
    return {"lone": lone, "busy": busy, "lost": lost, "checked": sum(len(v) for v in last.values())}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=50)
    parser.add_argument("--active", type=int, default=20)
    parser.add_argument("--clicks", type=int, default=20)
    parser.add_argument("--no-dashboard", action="store_true", help="without the facilitator")
    parser.add_argument("--database-url", default=os.environ.get("CXMATURITY_BENCH_DATABASE_URL"))
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    result = storage_load(args.participants, args.database_url)
    print(
        f"Storage: {result['participants']} participants at once, {result['writes']} answers "
        f"in {result['seconds']:.2f} s ({result['writes'] / result['seconds']:.0f}/s), all saved"
    )
    load = browser_load(args.active, args.clicks, dashboard=not args.no_dashboard)
    lone, busy = statistics.median(load["lone"]), statistics.median(load["busy"])
    ratio = busy / lone
    print(
        f"Browser: click latency alone {lone * 1e3:.1f} ms (n={len(load['lone'])}), "
        f"with {args.active} others clicking {busy * 1e3:.1f} ms (n={len(load['busy'])})"
    )
    print(
        f"  ratio {ratio:.2f}x (target <= {LATENCY_TARGET:.1f}x): "
        f"{'ok' if ratio <= LATENCY_TARGET else 'TOO SLOW'}; "
        f"others' answers lost: {load['lost']} of {load['checked']}"
    )
    return 0 if ratio <= LATENCY_TARGET and load["lost"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
