"""A consultant's view across organisations: the portfolio and the private benchmark.

Both start from :meth:`Organizations.visible`: an organisation the acting account may
not see is never read, counted or compared with (the benchmark's peers are the other
organisations of that same list). Each read is one unit of work with a handful of
queries whatever the number of organisations (assessments, then the answers of the
rounds used, then their plans)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ..benchmark import MIN_PEERS, Benchmark, benchmark
from ..loader import Catalog
from ..model import Grid, as_grid
from ..portfolio import PortfolioRow, portfolio_row, sort_key
from ..records import Assessment, Organization
from ..scoring import GridResult, Result, as_grid_result, score
from .access import Action, Actor, require
from .organizations import Organizations


@dataclass(frozen=True)
class PortfolioView:
    """The portfolio of one questionnaire: a row per organisation the account may see
    (filtered), and the questionnaires any of them has rounds of."""

    questionnaire: str
    rows: tuple[PortfolioRow, ...]
    questionnaires: tuple[str, ...]
    sectors: tuple[str, ...]  # the sectors set on the organisations seen (for filters)


class Portfolio:
    def __init__(self, organizations: Organizations, catalog: Callable[[], Catalog]) -> None:
        self.organizations = organizations
        self.database = organizations.database
        self.catalog = catalog

    def view(
        self,
        actor: Actor,
        questionnaire_id: str | None = None,
        *,
        sector: str | None = None,
        size: str | None = None,
        today: dt.date | None = None,
    ) -> PortfolioView:
        """Every organisation the actor may see, with its last round of the
        questionnaire (default: the first grid any of them has, else the first
        questionnaire), overdue reviews first."""
        today = today or dt.date.today()
        visible = [o for o, _ in self.organizations.visible(actor)]
        sectors = tuple(sorted({o.sector for o in visible if o.sector}, key=str.casefold))
        chosen = [
            o
            for o in visible
            if (sector is None or o.sector == sector) and (size is None or o.size == size)
        ]
        known = self.catalog()
        with self.database.unit() as uow:
            assessments = uow.repo.assessments_of_many([o.id for o in visible])
            present = list(dict.fromkeys(a.questionnaire_id for a in assessments))
            offered = tuple(q for q in present if known.get(q) is not None)
            if questionnaire_id is None or questionnaire_id not in offered:
                questionnaire_id = _default_questionnaire(offered, known)
            wanted = {o.id for o in chosen}
            rounds = _by_organization(
                [a for a in assessments
                 if a.questionnaire_id == questionnaire_id and a.organization_id in wanted]
            )  # fmt: skip
            recent = [a for found in rounds.values() for a in found[-2:]]
            answers = uow.repo.answers_of_many(recent, {o.id: o.name for o in chosen})
            plans = uow.repo.plans_of_many([found[-1].id for found in rounds.values()])
        questionnaire = known.get(questionnaire_id) if questionnaire_id else None
        rows = []
        for organization in chosen:
            scored: list[tuple[dt.date, Result]] = []
            found = rounds.get(organization.id, [])
            for assessment in found[-2:]:
                team = list(answers.get(assessment.id, {}).values())
                if questionnaire is not None and team:
                    scored.append((assessment.assessed_on, score(questionnaire, team)))
            plan = plans.get(found[-1].id, []) if found else []
            rows.append(portfolio_row(organization, scored, plan, today, len(found)))
        rows.sort(key=sort_key)
        return PortfolioView(questionnaire_id or "", tuple(rows), offered, sectors)

    def benchmark(
        self,
        actor: Actor,
        organization: Organization,
        grid: Grid,
        own: GridResult,
        *,
        by_sector: bool = False,
    ) -> Benchmark | None:
        """``own`` (a result of ``grid`` for ``organization``) against the latest round
        of ``grid`` of every other organisation the actor may see (of the same sector
        with ``by_sector``, when the organisation has one); None under
        :data:`MIN_PEERS`. The actor must be able to read ``organization``."""
        with self.database.unit() as uow:
            require(uow.repo, actor, organization.id, Action.READ)
            current = uow.repo.organization(organization.id) or organization
        return self._compare(actor, current, grid, own, by_sector)

    def benchmark_of(
        self,
        actor: Actor,
        organization_public_id: str,
        grid: Grid,
        own: GridResult,
        *,
        by_sector: bool = False,
    ) -> Benchmark | None:
        """:meth:`benchmark` for the organisation of a link (refused, as not found, to
        someone who may not read it)."""
        organization = self.organizations.get(actor, organization_public_id)  # checks READ
        return self._compare(actor, organization, grid, own, by_sector)

    def _compare(
        self, actor: Actor, organization: Organization, grid: Grid, own: GridResult,
        by_sector: bool,
    ) -> Benchmark | None:  # fmt: skip
        """The benchmark of an organisation as stored, once the actor's right to read it
        has been checked."""
        sector = organization.sector if by_sector else ""
        peers = self._peer_results(actor, organization, grid, sector)
        if len(peers) < MIN_PEERS:
            return None
        return benchmark(grid, own, peers, sector)

    def _peer_results(
        self, actor: Actor, organization: Organization, grid: Grid, sector: str
    ) -> list[GridResult]:
        """Each visible peer's latest scored round of ``grid`` (one per organisation)."""
        peers = [
            o
            for o, _ in self.organizations.visible(actor)
            if o.id != organization.id and (not sector or o.sector == sector)
        ]
        with self.database.unit() as uow:
            assessments = [
                a
                for a in uow.repo.assessments_of_many([o.id for o in peers])
                if a.questionnaire_id == grid.id
            ]
            latest = [found[-1] for found in _by_organization(assessments).values()]
            answers = uow.repo.answers_of_many(latest, {o.id: o.name for o in peers})
        results = []
        for assessment in latest:  # a peer whose latest round has no level yet: none
            team = list(answers.get(assessment.id, {}).values())
            result = as_grid_result(score(grid, team)) if team else None
            if result is not None and result.overall.current is not None:
                results.append(result)
        return results


def _by_organization(assessments: Sequence[Assessment]) -> dict[int, list[Assessment]]:
    """Assessments grouped by organisation, each group in the given (date) order."""
    found: dict[int, list[Assessment]] = {}
    for assessment in assessments:
        found.setdefault(assessment.organization_id, []).append(assessment)
    return found


def _default_questionnaire(offered: Sequence[str], known: Catalog) -> str | None:
    grids = [q for q in offered if (found := known.get(q)) is not None and as_grid(found)]
    return next(iter(grids or offered), None)
