"""The portfolio (one row per organisation the account may see) and "what moved the
scores" (last round's initiatives next to the change in level)."""

from __future__ import annotations

import datetime as dt

import pytest

from cxmaturity.model import Rating
from cxmaturity.outcomes import Group, latest_status, outcomes
from cxmaturity.planning import PlanItem, Status
from cxmaturity.scoring import as_grid_result, score

from .world import account, flat, open_services, organization

TODAY = dt.date(2026, 12, 5)


def item(capability: str, status: Status, due: dt.date | None = None, n: int = 1) -> PlanItem:
    return PlanItem(capability=capability, suggestion=f"{capability}-{n}", status=status, due=due)


def test_portfolio_rows_levels_trend_initiatives_and_reviews(grid):
    services = open_services()
    ana, bob = account(services, "ana@example.com"), account(services, "bob@example.com")
    caps = [c.id for _, c in grid.capabilities()]
    plan = [
        item(caps[0], Status.IN_PROGRESS, dt.date(2026, 11, 1)),  # open and overdue
        item(caps[1], Status.PLANNED, dt.date(2027, 3, 1)),  # open
        item(caps[2], Status.DONE, dt.date(2026, 1, 1)),  # done: neither
        item(caps[3], Status.DROPPED),  # dropped: neither
    ]
    organization(services, ana, "Overdue Co", grid, [(dt.date(2025, 11, 1), 1, 3),
                 (dt.date(2026, 5, 1), 2, 4)], sector="Banca", size="50-249",
                 plans=[[], plan])  # fmt: skip
    organization(services, ana, "Soon Co", grid, [(dt.date(2026, 6, 20), 3, 4)],
                 sector="Retail", size="1000+")  # fmt: skip
    organization(services, ana, "Later Co", grid, [(dt.date(2026, 11, 1), 2, 3)])
    services.organizations.create(ana, "Empty Co")
    organization(services, bob, "Bob's Co", grid, [(dt.date(2026, 1, 1), 4, 4)])

    view = services.portfolio.view(ana, today=TODAY)
    assert view.questionnaire == grid.id
    names = [r.organization.name for r in view.rows]
    assert names == ["Overdue Co", "Soon Co", "Later Co", "Empty Co"]  # overdue first
    overdue, soon, later, empty = view.rows
    assert (overdue.rounds, overdue.last_round, overdue.level, overdue.ideal, overdue.gap) == (
        2, dt.date(2026, 5, 1), 2.0, 4.0, 2.0)  # fmt: skip
    assert overdue.trend == pytest.approx(1.0)
    assert (overdue.open_initiatives, overdue.overdue_initiatives) == (2, 1)
    assert (overdue.next_review, overdue.review) == (dt.date(2026, 11, 1), "overdue")
    assert (soon.next_review, soon.review, soon.trend) == (dt.date(2026, 12, 20), "soon", None)
    assert (later.next_review, later.review) == (dt.date(2027, 5, 1), "planned")
    assert (empty.rounds, empty.level, empty.review) == (0, None, "none")
    assert view.sectors == ("Banca", "Retail")
    # Filters: by sector, by size.
    assert [r.organization.name for r in services.portfolio.view(
        ana, sector="Retail", today=TODAY).rows] == ["Soon Co"]  # fmt: skip
    assert [r.organization.name for r in services.portfolio.view(
        ana, size="50-249", today=TODAY).rows] == ["Overdue Co"]  # fmt: skip
    # Bob sees his own only; someone without an account sees nothing.
    assert [r.organization.name for r in services.portfolio.view(bob, today=TODAY).rows] == [
        "Bob's Co"]  # fmt: skip
    from cxmaturity.services.access import Actor

    assert services.portfolio.view(Actor(None), today=TODAY).rows == ()


def test_portfolio_by_questionnaire(grid, quiz):
    from cxmaturity.model import Answers

    services = open_services()
    ana = account(services, "ana@example.com")
    organization(services, ana, "Grid Co", grid, [(dt.date(2026, 6, 1), 2, 3)])
    answers = Answers(questionnaire=quiz.id, organization="Quiz Co", date=dt.date(2026, 6, 1),
                      answers={q.id: q.options[-1].id for q in quiz.questions})  # fmt: skip
    services.organizations.import_answers(ana, [(answers, quiz)])
    view = services.portfolio.view(ana, quiz.id, today=TODAY)
    assert view.questionnaire == quiz.id and set(view.questionnaires) == {grid.id, quiz.id}
    by_name = {r.organization.name: r for r in view.rows}
    assert by_name["Quiz Co"].level == float(sum(q.options[-1].points for q in quiz.questions))
    assert by_name["Grid Co"].rounds == 0  # no round of the quiz


def test_profile_is_checked_and_needs_the_write_right(grid):
    from cxmaturity.services.access import NotFoundOrNotYours

    services = open_services()
    ana, bob = account(services, "ana@example.com"), account(services, "bob@example.com")
    org = services.organizations.create(ana, "Acme")
    changed = services.organizations.set_profile(ana, org, "  Banca  ", "250-999")
    assert (changed.sector, changed.size) == ("Banca", "250-999")
    with pytest.raises(ValueError, match="size"):
        services.organizations.set_profile(ana, org, "Banca", "huge")
    with pytest.raises(NotFoundOrNotYours):
        services.organizations.set_profile(bob, org, "Retail", "")
    services.organizations.share(ana, org, "bob@example.com", "viewer")
    with pytest.raises(NotFoundOrNotYours):
        services.organizations.set_profile(bob, org, "Retail", "")


def test_outcomes_put_each_capability_in_one_group(grid):
    caps = [c.id for _, c in grid.capabilities()]
    before = flat(grid, 2, 4)
    after = flat(grid, 2, 4)
    after.answers[caps[0]] = Rating(current=3, ideal=4)  # done, rose
    after.answers[caps[2]] = Rating(current=3, ideal=4)  # not done, rose anyway
    old, new = as_grid_result(score(grid, [before])), as_grid_result(score(grid, [after]))
    assert old is not None and new is not None
    last = [item(caps[0], Status.PLANNED), item(caps[1], Status.PLANNED),
            item(caps[1], Status.PLANNED, n=2), item(caps[2], Status.IN_PROGRESS),
            item(caps[3], Status.DONE)]  # fmt: skip
    # The team updated the carried-over plan: caps[0] done, one of caps[1]'s two done.
    now = [item(caps[0], Status.DONE), item(caps[1], Status.DONE),
           item(caps[1], Status.DROPPED, n=2), item(caps[2], Status.IN_PROGRESS)]  # fmt: skip
    found = {o.capability: o for o in outcomes(grid, old, new, last, now)}
    assert found[caps[0]].group is Group.DONE_IMPROVED
    assert (found[caps[0]].change.before, found[caps[0]].change.after) == (2, 3)
    assert found[caps[1]].group is Group.DONE_NOT_IMPROVED
    assert [i.status for i in found[caps[1]].items] == [Status.DONE, Status.DROPPED]
    assert found[caps[2]].group is Group.NOT_DONE  # the level rose, no initiative done
    assert found[caps[3]].group is Group.DONE_NOT_IMPROVED  # status from the last round
    assert set(found) == set(caps[:4])  # capabilities without initiatives: not listed
    assert latest_status(last, None) == last
