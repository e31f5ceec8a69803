"""The private benchmark's maths against tables worked out by hand (docs/benchmark.md),
and its rights: only organisations the same account may see are ever compared with."""

from __future__ import annotations

import datetime as dt

import pytest

from cxmaturity.benchmark import MIN_PEERS, benchmark, percentile_rank, quartiles, standing
from cxmaturity.model import Grid
from cxmaturity.scoring import GridResult, as_grid_result, score

from .workspace.world import account, flat, open_services, organization


def test_quartiles_by_inclusive_interpolation():
    # n = 5: positions 1, 2, 3 (0-based) fall on values.
    assert quartiles([5, 1, 4, 2, 3]) == (2.0, 3.0, 4.0)
    # n = 6: Q1 at 1.25 -> 2 + 0.25 * (2 - 2) = 2; median at 2.5 -> 2 + 0.5 * (3.5 - 2)
    # = 2.75; Q3 at 3.75 -> 3.5 + 0.75 * (4 - 3.5) = 3.875.
    assert quartiles([1.0, 2.0, 2.0, 3.5, 4.0, 4.0]) == pytest.approx((2.0, 2.75, 3.875))
    # n = 8 levels: Q1 at 1.75 -> 1.5 + 0.75 * 0.5 = 1.875; median at 3.5 -> 2.25;
    # Q3 at 5.25 -> 3 + 0.25 * 0.5 = 3.125.
    values = [1.0, 1.5, 2.0, 2.0, 2.5, 3.0, 3.5, 4.0]
    assert quartiles(values) == pytest.approx((1.875, 2.25, 3.125))
    with pytest.raises(ValueError, match="two values"):
        quartiles([1.0])


def test_percentile_counts_those_below_and_half_the_ties():
    assert percentile_rank(3.0, [1, 2, 2, 3, 4]) == pytest.approx(70.0)  # (3 + 0.5) / 5
    assert percentile_rank(1.0, [1, 1, 1, 1, 1]) == pytest.approx(50.0)  # level with all
    assert percentile_rank(0.5, [1, 2, 3, 4, 5]) == 0.0
    assert percentile_rank(9.0, [1, 2, 3, 4, 5]) == 100.0
    with pytest.raises(ValueError):
        percentile_rank(1.0, [])


def test_an_item_needs_five_peer_values_and_none_are_left_out():
    four = standing("x", 2.0, [1.0, 2.0, 3.0, 4.0, None, None])
    assert (four.peers, four.shown, four.median, four.percentile) == (4, False, None, None)
    five = standing("x", 2.0, [1.0, 2.0, 3.0, 4.0, 5.0, None])
    assert five.shown and five.peers == 5
    assert (five.q1, five.median, five.q3) == (2.0, 3.0, 4.0)
    assert five.percentile == pytest.approx(30.0)  # (1 + 0.5) / 5
    none_of_mine = standing("x", None, [1.0, 2.0, 3.0, 4.0, 5.0])
    assert not none_of_mine.shown
    assert MIN_PEERS == 5


def _flat(grid: Grid, current: int, ideal: int = 4) -> GridResult:
    result = as_grid_result(score(grid, [flat(grid, current, ideal)]))
    assert result is not None
    return result


def test_benchmark_of_a_grid_by_category_and_capability(grid):
    peers = [_flat(grid, level) for level in (1, 2, 2, 3, 4)]
    found = benchmark(grid, _flat(grid, 3), peers)
    assert found is not None and found.peers == 5 and found.sector == ""
    # Every peer's every mean is its flat level: overall, each category and capability
    # get the same table: Q1 2, median 2, Q3 3, percentile (3 + 0.5) / 5 = 70.
    for item in (found.overall, *found.categories, *found.capabilities):
        assert (item.value, item.q1, item.median, item.q3) == (3.0, 2.0, 2.0, 3.0), item.id
        assert item.percentile == pytest.approx(70.0)
    assert [s.id for s in found.categories] == [c.id for c in grid.categories]
    assert len(found.capabilities) == 25
    assert benchmark(grid, _flat(grid, 3), peers[:4]) is None  # four peers: not shown


def test_a_capability_rated_by_too_few_peers_shows_no_figures(grid):
    first = next(c.id for _, c in grid.capabilities())
    peers = []
    for i, level in enumerate((1, 2, 2, 3, 4)):
        answers = flat(grid, level, 4)
        if i < 2:  # two peers did not rate the first capability
            answers.answers.pop(first)
        result = as_grid_result(score(grid, [answers]))
        assert result is not None
        peers.append(result)
    found = benchmark(grid, _flat(grid, 3), peers)
    assert found is not None
    hidden = found.capability(first)
    assert hidden is not None and hidden.peers == 3 and not hidden.shown


TODAY = dt.date(2026, 6, 1)


def _world(grid: Grid, services, *, sector_of=lambda i: ""):  # type: ignore[no-untyped-def]
    """Ana's seven organisations at levels 1, 2, 2, 3, 4, 4 and 3 (the one benchmarked,
    the last), and Bob's two at level 1 that Ana may not see."""
    ana, bob = account(services, "ana@example.com"), account(services, "bob@example.com")
    orgs = [
        organization(services, ana, f"Client {i}", grid, [(TODAY, level, 4)], sector=sector_of(i))
        for i, level in enumerate((1, 2, 2, 3, 4, 4, 3))
    ]
    for i in range(2):
        organization(services, bob, f"Bob's {i}", grid, [(TODAY, 1, 4)], sector=sector_of(0))
    return ana, bob, orgs


def test_the_service_compares_only_with_organisations_the_account_may_see(grid):
    services = open_services()
    ana, bob, orgs = _world(grid, services)
    own = _flat(grid, 3)
    found = services.portfolio.benchmark(ana, orgs[-1], grid, own)
    # Peers 1, 2, 2, 3, 4, 4 (Bob's two level-1 organisations are not Ana's to see):
    # Q1 at 1.25 -> 2, median at 2.5 -> 2.5, Q3 at 3.75 -> 3 + 0.75 * (4 - 3) = 3.75;
    # percentile: three below, one level, (3 + 0.5) / 6.
    assert found is not None and found.peers == 6
    assert (found.overall.q1, found.overall.median, found.overall.q3) == pytest.approx(
        (2.0, 2.5, 3.75))  # fmt: skip
    assert found.overall.percentile == pytest.approx(100 * 3.5 / 6)
    # Shared with Bob as a viewer, one of Ana's becomes his: Bob now sees three, and
    # still too few to compare; Ana's figures do not change.
    services.organizations.share(ana, orgs[0], "bob@example.com", "viewer")
    bob_orgs = [o for o, _ in services.organizations.visible(bob)]
    assert len(bob_orgs) == 3
    assert services.portfolio.benchmark(bob, bob_orgs[0], grid, own) is None
    again = services.portfolio.benchmark(ana, orgs[-1], grid, own)
    assert again is not None and again.overall == found.overall


def test_someone_who_may_not_read_the_organisation_gets_nothing(grid):
    from cxmaturity.services.access import NotFoundOrNotYours

    services = open_services()
    _, bob, orgs = _world(grid, services)
    with pytest.raises(NotFoundOrNotYours):
        services.portfolio.benchmark(bob, orgs[-1], grid, _flat(grid, 3))


def test_the_sector_filter_compares_within_the_sector(grid):
    services = open_services()
    # Clients 0-4 in banking (levels 1, 2, 2, 3, 4), 5 and 6 in retail (4 and 3).
    ana, _, orgs = _world(grid, services, sector_of=lambda i: "Banca" if i < 5 else "Retail")
    own = _flat(grid, 3)
    retail = services.portfolio.benchmark(ana, orgs[6], grid, own, by_sector=True)
    assert retail is None  # one other retail organisation: too few
    every = services.portfolio.benchmark(ana, orgs[6], grid, own)
    assert every is not None and every.peers == 6 and every.sector == ""
    # A banking client benchmarked within banking: the other four are too few ...
    assert services.portfolio.benchmark(ana, orgs[3], grid, own, by_sector=True) is None
    # ... until a fifth banking organisation of Ana's has a round (level 2).
    organization(services, ana, "Client 7", grid, [(TODAY, 2, 4)], sector="Banca")
    banking = services.portfolio.benchmark(ana, orgs[3], grid, own, by_sector=True)
    # Peers 1, 2, 2, 4, 2 -> sorted 1, 2, 2, 2, 4: Q1 2, median 2, Q3 2; own 3: 4 below.
    assert banking is not None and banking.sector == "Banca" and banking.peers == 5
    assert (banking.overall.q1, banking.overall.median, banking.overall.q3) == (2.0, 2.0, 2.0)
    assert banking.overall.percentile == pytest.approx(80.0)
