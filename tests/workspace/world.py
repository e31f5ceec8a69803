"""Organisations with rounds, for the consultant's workspace tests: a grid answered
with every capability at one level makes every mean that level, so the expected
figures can be worked out by hand."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from cxmaturity.config import load_settings
from cxmaturity.model import Answers, Grid, Rating
from cxmaturity.planning import PlanItem, Status
from cxmaturity.records import ANONYMOUS, Account, Organization
from cxmaturity.services import Services
from cxmaturity.services.access import Actor

PASSWORD = "correct horse battery"


def flat(grid: Grid, current: int, ideal: int, *, who: str | None = None,
         day: dt.date | None = None, org: str | None = None) -> Answers:  # fmt: skip
    """Every capability rated ``current`` today and ``ideal`` as the ideal (one person's
    own answers when ``who`` is None, as the app stores them)."""
    return Answers(
        questionnaire=grid.id,
        organization=org,
        respondent=who,
        date=day,
        answers={c.id: Rating(current=current, ideal=ideal) for _, c in grid.capabilities()},
    )


def open_services() -> Services:
    return Services.open(load_settings())


def account(services: Services, email: str, role: str = "consultant") -> Actor:
    found: Account | None = services.accounts.with_email(email)
    if found is None:
        found = services.accounts.add(email, PASSWORD, role, actor="test")
    return Actor(found)


def organization(
    services: Services,
    actor: Actor,
    name: str,
    grid: Grid,
    rounds: Sequence[tuple[dt.date, int, int]],
    *,
    sector: str = "",
    size: str = "",
    plans: Sequence[Sequence[PlanItem]] = (),
) -> Organization:
    """An organisation of ``actor`` with one grid round per (date, current, ideal): the
    first imported, each next one a re-evaluation of the one before (previous round's
    plan carried over); ``plans[i]`` replaces round i's plan."""
    created = services.organizations.create(actor, name)
    if sector or size:
        created = services.organizations.set_profile(actor, created, sector, size)
    previous = None
    for i, (day, current, ideal) in enumerate(rounds):
        answers = flat(grid, current, ideal, day=day, org=name)
        if previous is None:
            previous = services.organizations.import_answers(actor, [(answers, grid)])[0].assessment
        else:
            previous, _ = services.assessments.reevaluate(actor, previous, grid, day)
            services.assessments.replace_answers(previous, {ANONYMOUS: answers})
        if i < len(plans):
            services.assessments.save_plan(previous, plans[i])
    return created


def half_done_plan(grid: Grid) -> list[PlanItem]:
    """A plan of two initiatives: the first capability's done, the second's planned."""
    first, second = [c.id for _, c in grid.capabilities()][:2]
    return [PlanItem(capability=first, suggestion=f"{first}-1", status=Status.DONE),
            PlanItem(capability=second, suggestion=f"{second}-1", status=Status.PLANNED)]  # fmt: skip


def reevaluated(
    services: Services, actor: Actor, name: str, grid: Grid, days: tuple[dt.date, dt.date]
) -> Organization:
    """``actor``'s organisation ``name``: a round at level 1 (ideal 3) with
    :func:`half_done_plan`, then its re-evaluation at level 2 (ideal 4)."""
    first, second = days
    return organization(services, actor, name, grid, [(first, 1, 3), (second, 2, 4)],
                        plans=[half_done_plan(grid)])  # fmt: skip
