"""Team aggregation and the facilitator's dashboard as a workshop grows.

1. Team aggregation (the team result and the discussion order, quiz and grid) for
   1, 10, 100 and 1,000 respondents: the cost per respondent must not grow
   (no worse than linear).
2. The workshop page's dashboard refresh (AppTest, a facilitator signed in) with 1,
   10 and 50 participants who answered everything, one new answer before each
   refresh (so the figures are computed again, as in a live workshop).

    python -m benchmarks.team [--runs 15]
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SIZES = (1, 10, 100, 1000)
PARTICIPANTS = (1, 10, 50)
LINEAR_SLACK = 1.25  # per-respondent cost at 1,000 at most 1.25x that at 100


def _team(quiz, grid, size: int, seed: int = 1):
    from cxmaturity.model import Answers

    rng = random.Random(seed)
    quizzes, grids = [], []
    for _ in range(size):
        quizzes.append(
            Answers(
                questionnaire=quiz.id,
                answers={q.id: rng.choice(q.options).id for q in quiz.questions},
            )
        )
        ratings = {}
        for _, capability in grid.capabilities():
            current = rng.randint(1, 4)
            ratings[capability.id] = {"current": current, "ideal": rng.randint(current, 4)}
        grids.append(Answers(questionnaire=grid.id, answers=ratings))
    return quizzes, grids


def aggregation(runs: int) -> dict[int, list[float]]:
    """Seconds to compute both team views, per team size."""
    from cxmaturity.loader import load_questionnaire
    from cxmaturity.team import team_view

    quiz = load_questionnaire(ROOT / "assessments" / "avaya-cx-quiz.yaml")
    grid = load_questionnaire(ROOT / "assessments" / "avaya-capability-grid.yaml")
    teams = {size: _team(quiz, grid, size) for size in SIZES}
    times: dict[int, list[float]] = {size: [] for size in SIZES}
    gc.disable()  # as timeit does: a collection would land on whichever size runs then
    try:
        for _ in range(runs):
            for size, (quizzes, grids) in teams.items():
                started = time.perf_counter()
                team_view(quiz, quizzes)
                team_view(grid, grids)
                times[size].append(time.perf_counter() - started)
    finally:
        gc.enable()
    return times


READ_SIZE = 1000
READ_TARGET, READ_LIMIT = 2.0, 0.150  # read + aggregation: <= 2x aggregation, < 150 ms


def read_and_aggregate(runs: int) -> dict[str, list[float]]:
    """A grid team of 1,000 respondents as the dashboard meets it: read from the
    database (SQLite, a temporary folder) and aggregated, against aggregation alone
    (the same answers already in memory), interleaved."""
    import datetime as dt

    from cxmaturity.db import Database
    from cxmaturity.db.mappers import answer_columns
    from cxmaturity.loader import load_questionnaire
    from cxmaturity.model import Rating
    from cxmaturity.services.assessments import Assessments
    from cxmaturity.team import team_view

    grid = load_questionnaire(ROOT / "assessments" / "avaya-capability-grid.yaml")
    store = Assessments(Database.open(f"sqlite:///{tempfile.mkdtemp()}/team.db"))
    organization = store.ensure_organization("Team read")
    assessment = store.create_assessment(organization, grid, "es", dt.date(2026, 1, 5))
    rng = random.Random(7)
    with store.database.unit() as uow:
        for n in range(READ_SIZE):
            for _, capability in grid.capabilities():
                current = rng.randint(1, 4)
                columns = answer_columns(Rating(current=current, ideal=rng.randint(current, 4)))
                uow.repo.add_response(assessment.id, f"participant-{n}", capability.id, columns)
        uow.commit()
    team = list(store.answers(assessment).values())
    times: dict[str, list[float]] = {"read": [], "aggregate": []}
    for _ in range(runs):
        started = time.perf_counter()
        team_view(grid, list(store.answers(assessment).values()))
        times["read"].append(time.perf_counter() - started)
        started = time.perf_counter()
        team_view(grid, team)
        times["aggregate"].append(time.perf_counter() - started)
    return times


def dashboard(runs: int) -> dict[int | str, list[float]]:
    """Seconds per workshop-page rerun after one new answer, per workshop size."""
    return _dashboard(runs)


def _dashboard(runs: int) -> dict[int | str, list[float]]:
    from streamlit.testing.v1 import AppTest

    from cxmaturity.loader import load_questionnaire
    from cxmaturity.model import Rating
    from cxmaturity.services.workshops import Workshops

    os.environ["CXMATURITY_DATA_DIR"] = tempfile.mkdtemp(prefix="cxmaturity-bench-")
    quiz = load_questionnaire(ROOT / "assessments" / "avaya-cx-quiz.yaml")
    grid = load_questionnaire(ROOT / "assessments" / "avaya-capability-grid.yaml")
    from benchmarks import open_store, sign_in_apptest
    from cxmaturity.services.organizations import Organizations

    store = open_store()
    facilitator = sign_in_apptest(store)
    rooms = Workshops(store.database)
    pages, tokens = {}, {}
    for size in PARTICIPANTS:
        organization = Organizations(store.database).create(facilitator, f"Size {size}")
        workshop = rooms.create(facilitator, organization, [quiz, grid], "en")
        quizzes, grids = _team(quiz, grid, size, seed=size)
        team = {}
        for n in range(size):
            _, person, token = rooms.join(workshop.code, f"P{n}", client="bench")
            team[f"participant-{person.id}"] = quizzes[n]
            tokens[size] = token
        live = rooms.assessments(workshop)
        store.replace_answers(live[0], team)
        store.replace_answers(
            live[1], {k: grids[i] for i, k in enumerate(team)}
        )  # everything answered
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
        at.query_params["lang"] = "en"
        at.query_params["workshop"] = workshop.public_id
        at.run()
        at.switch_page("cxmaturity/ui/pages/workshop.py").run()
        assert not at.exception, at.exception
        pages[size] = at
    times: dict[int | str, list[float]] = {size: [] for size in PARTICIPANTS}
    times.update({f"{size} unchanged": [] for size in PARTICIPANTS})
    capability = grid.categories[0].capabilities[0].id
    for run in range(runs):
        for size, at in pages.items():
            level = 1 + run % 4
            rooms.save_rating(tokens[size], grid.id, capability, Rating(current=level, ideal=4))
            started = time.perf_counter()
            at.run()
            times[size].append(time.perf_counter() - started)
            assert not at.exception, at.exception
            # The baseline: the same page drawn again with nothing new (the same
            # elements, the views from the cache).
            started = time.perf_counter()
            at.run()
            times[f"{size} unchanged"].append(time.perf_counter() - started)
    return times


def _ms(values: list[float]) -> float:
    return statistics.median(values) * 1e3


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    times = aggregation(args.runs)
    for size in SIZES:
        per = _ms(times[size]) / size * 1e3
        print(f"team aggregation, {size:>5} respondents: {_ms(times[size]):9.2f} ms "
              f"({per:8.1f} µs per respondent)")  # fmt: skip
    linear = (_ms(times[1000]) / 1000) <= LINEAR_SLACK * (_ms(times[100]) / 100)
    print(f"  per-respondent cost 1,000 vs 100: {'ok (linear)' if linear else 'GROWS'}")
    refresh = dashboard(args.runs)
    for size in PARTICIPANTS:
        new, same = _ms(refresh[size]), _ms(refresh[f"{size} unchanged"])
        print(f"dashboard refresh, {size:>2} participants: {new:9.1f} ms "
              f"(the same page, nothing new: {same:.1f} ms; {new / same:.2f}x)")  # fmt: skip
    return 0 if linear else 1


if __name__ == "__main__":
    sys.exit(main())
