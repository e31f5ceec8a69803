"""The gap-and-initiatives PDF, built in one place for the app and the command line.

Stored facts win: a questionnaire answered under a stored assessment is reported from
the database (its answers, its date, the review six months after that date, its
previous round, the workshop it was agreed in); only answers that were never saved
come from the caller (the session, or the answers files given to the CLI).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..branding import Branding
from ..metrics import KpiReading, readings
from ..model import Answers, KpiCatalogue, Questionnaire, as_grid, grids
from ..planning import PlanItem
from ..records import Assessment, Organization, Workshop
from ..scoring import Result, as_grid_result, score
from .access import Action, Actor, require, require_assessment

if TYPE_CHECKING:  # the PDF stack and the database load only when used (a fast CLI)
    from ..benchmark import Benchmark
    from ..report import Participation, ReportData
    from .assessments import Assessments
    from .branding import BrandingService
    from .portfolio import Portfolio
    from .workshops import Workshops

# The formats of a round's results: the report (PDF), the deck and the workbook.
FORMATS = ("pdf", "pptx", "xlsx")
MEDIA_TYPES = {
    "pdf": "application/pdf",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}

Team = Sequence[tuple[Questionnaire, Sequence[Answers]]]
Team_ = dict[str, Answers]  # one assessment's answers by respondent


@dataclass(frozen=True)
class ReportPart:
    """One questionnaire of a report: its stored assessment, or answers never saved."""

    questionnaire: Questionnaire
    assessment_id: str | None = None  # the public id of a stored assessment
    answers: tuple[Answers, ...] = ()


def render(data: ReportData, kind: str = "pdf") -> bytes:
    """The round's results as a PDF report, a PowerPoint deck or an Excel workbook."""
    if kind == "pptx":
        from ..slides import build_deck

        return build_deck(data)
    if kind == "xlsx":
        from ..workbook import build_workbook

        return build_workbook(data)
    if kind != "pdf":
        raise ValueError(f"format {kind!r}: one of {', '.join(FORMATS)}")
    from ..report import build_report

    return build_report(data)


def answers_report(
    teams: Team,
    lang: str,
    *,
    organization: str | None = None,
    assessed_on: dt.date | None = None,
    plan_items: Sequence[PlanItem] | None = None,
    branding: Branding | None = None,
    previous: dict[str, tuple[dt.date, Result]] | None = None,
    participation: Participation | None = None,
    kpis: Sequence[KpiReading] = (),
    catalogue: KpiCatalogue | None = None,
    kind: str = "pdf",
    previous_plans: dict[str, tuple[PlanItem, ...]] | None = None,
    benchmarks: dict[str, Benchmark] | None = None,
    history: Sequence[tuple[str, dt.date, Result]] = (),
) -> bytes:
    """The report (``kind``: pdf, pptx, xlsx) of these teams' answers. Without
    ``organization`` or ``assessed_on`` they come from the answers (the first
    organisation named, the latest date), else empty and today."""
    from ..report import report_data

    data = report_data(
        teams,
        lang,
        organization=organization,
        assessed_on=assessed_on,
        plan_items=plan_items,
        branding=branding,
        previous=previous,
        participation=participation,
        kpis=kpis,
        catalogue=catalogue,
        previous_plans=previous_plans,
        benchmarks=benchmarks,
        history=history,
    )
    return render(data, kind)


class Reports:
    def __init__(
        self,
        assessments: Assessments,
        workshops: Workshops,
        branding: BrandingService,
        portfolio: Portfolio | None = None,
    ) -> None:
        self.assessments = assessments
        self.workshops = workshops
        self.branding = branding
        self.portfolio = portfolio

    def report(
        self,
        actor: Actor,
        parts: Sequence[ReportPart],
        lang: str,
        *,
        organization: str | None = None,
        plan_items: Sequence[PlanItem] | None = None,
        kind: str = "pdf",
        with_benchmark: bool = False,
    ) -> bytes:
        """The report (``kind``: pdf, pptx, xlsx) of one round: each part's stored
        assessment (or given answers), the previous round of a re-evaluation and its
        plan, the organisation's earlier rounds, a workshop's participation and (asked
        for, and with enough peers) the private benchmark. A stored assessment the
        actor may not read is refused (:class:`NotFoundOrNotYours`)."""
        teams: list[tuple[Questionnaire, Sequence[Answers]]] = []
        stored: list[Assessment] = []
        for part in parts:
            assessment, saved = self._stored(actor, part.assessment_id)
            if assessment is not None and saved:
                stored.append(assessment)
                teams.append((part.questionnaire, list(saved.values())))
            elif part.answers:
                teams.append((part.questionnaire, part.answers))
        questionnaires = {q.id: q for q, _ in teams}
        catalogue = self.assessments.kpi_catalogue()
        previous = self._previous(stored, questionnaires)
        return answers_report(
            teams,
            lang,
            organization=organization,
            assessed_on=max((a.assessed_on for a in stored), default=None),
            plan_items=plan_items,
            branding=self.branding.usable(),
            previous={q: (day, result) for q, (day, result, _) in previous.items()},
            participation=self._participation(stored),
            kpis=self._kpis(stored, catalogue),
            catalogue=catalogue,
            kind=kind,
            previous_plans={q: plan for q, (_, _, plan) in previous.items() if plan},
            benchmarks=self._benchmarks(actor, stored, teams) if with_benchmark else None,
            # Every earlier round read and scored: only the workbook has a sheet for it.
            history=self._history(stored, questionnaires) if kind == "xlsx" else (),
        )

    def round_report(
        self,
        actor: Actor,
        chosen: Assessment,
        organization: str,
        lang: str,
        *,
        kind: str = "pdf",
        with_benchmark: bool = False,
    ) -> bytes:
        """The report (``kind``) of a whole round, made again later: every assessment of
        the organisation stored on the chosen one's date (the latest per questionnaire),
        with the grid's stored plan, for someone who may read the organisation."""
        catalog = self.workshops.catalog()
        with self.assessments.database.unit() as uow:
            found, _ = require_assessment(uow.repo, actor, chosen.public_id, Action.READ)
            same_day = [a for a in uow.repo.assessments_of(found.organization_id)
                        if a.assessed_on == found.assessed_on]  # fmt: skip
            latest = {a.questionnaire_id: a for a in same_day}  # oldest first: last wins
            plans = {a.id: uow.repo.plan(a.id) for a in latest.values()}
        parts, plan = [], None
        for assessment in latest.values():
            questionnaire = catalog.get(assessment.questionnaire_id)
            if questionnaire is None:
                continue
            parts.append(ReportPart(questionnaire, assessment.public_id))
            if grids([questionnaire]) and plans[assessment.id]:
                plan = plans[assessment.id]
        return self.report(actor, parts, lang, organization=organization, plan_items=plan,
                           kind=kind, with_benchmark=with_benchmark)  # fmt: skip

    def latest_round(
        self, actor: Actor, organization_public_id: str
    ) -> tuple[Organization, Assessment | None]:
        """The organisation of a link and its latest assessment of record (its round is
        the latest; None when it has none), for someone who may read it."""
        with self.assessments.database.unit() as uow:
            found = uow.repo.organization_with_public_id(organization_public_id)
            require(uow.repo, actor, found.id if found else None, Action.READ)
            assert found is not None
            return found, next(iter(reversed(uow.repo.assessments_of(found.id))), None)

    def _stored(self, actor: Actor, public_id: str | None) -> tuple[Assessment | None, Team_]:
        """A stored assessment and its answers, if the actor may read it."""
        if public_id is None:
            return None, {}
        with self.assessments.database.unit() as uow:
            assessment, _ = require_assessment(uow.repo, actor, public_id, Action.READ)
            return assessment, uow.repo.answers(assessment)

    def consensus_report(
        self, actor: Actor, workshop: Workshop, organization: str, lang: str
    ) -> bytes | None:
        """The report of every agreed questionnaire of the workshop (None before any),
        for someone who may run it."""
        found = self.workshops.catalog()
        parts: list[ReportPart] = []
        plan: list[PlanItem] | None = None
        for _, agreed in self.workshops.agreed(actor, workshop):
            questionnaire = found.get(agreed.questionnaire_id)
            if questionnaire is None:
                continue
            parts.append(ReportPart(questionnaire, agreed.public_id))
            if grids([questionnaire]):
                plan = self.assessments.plan(agreed) or None
        if not parts:
            return None
        return self.report(actor, parts, lang, organization=organization, plan_items=plan)

    def _previous(
        self, stored: list[Assessment], questionnaires: dict[str, Questionnaire]
    ) -> dict[str, tuple[dt.date, Result, tuple[PlanItem, ...]]]:
        """For a re-evaluation, the previous round's date, result and plan per
        questionnaire."""
        found: dict[str, tuple[dt.date, Result, tuple[PlanItem, ...]]] = {}
        for assessment in stored:
            if assessment.previous_id is None:
                continue
            earlier = self.assessments.assessment(assessment.previous_id)
            team = list(self.assessments.answers(earlier).values()) if earlier else []
            if earlier is not None and team:
                questionnaire = questionnaires[assessment.questionnaire_id]
                plan = tuple(self.assessments.plan(earlier))
                found[questionnaire.id] = (
                    earlier.assessed_on, score(questionnaire, team), plan)  # fmt: skip
        return found

    def _history(
        self, stored: list[Assessment], questionnaires: dict[str, Questionnaire]
    ) -> list[tuple[str, dt.date, Result]]:
        """Every round of record of the stored assessments' organisation, up to this
        one, of the questionnaires reported (the workbook's history sheet)."""
        if not stored:
            return []
        newest = max(a.assessed_on for a in stored)
        organization = self.assessments.organization(stored[0].organization_id)
        if organization is None:
            return []
        rounds = []
        for assessment, team in self.assessments.history(organization):
            questionnaire = questionnaires.get(assessment.questionnaire_id)
            if questionnaire is not None and team and assessment.assessed_on <= newest:
                result = score(questionnaire, list(team.values()))
                rounds.append((questionnaire.id, assessment.assessed_on, result))
        return rounds

    def _benchmarks(
        self, actor: Actor, stored: list[Assessment], teams: Team
    ) -> dict[str, Benchmark]:
        """Each stored grid's private benchmark (by sector when the organisation has one
        and enough peers share it, else against every organisation the actor may see)."""
        if self.portfolio is None or not stored:
            return {}
        organization = self.assessments.organization(stored[0].organization_id)
        if organization is None:
            return {}
        found: dict[str, Benchmark] = {}
        for questionnaire, team in teams:
            grid = as_grid(questionnaire)
            result = as_grid_result(score(questionnaire, team)) if grid is not None else None
            if grid is None or result is None:
                continue
            bench = None
            if organization.sector:
                bench = self.portfolio.benchmark(actor, organization, grid, result,
                                                 by_sector=True)  # fmt: skip
            bench = bench or self.portfolio.benchmark(actor, organization, grid, result)
            if bench is not None:
                found[grid.id] = bench
        return found

    def _kpis(self, stored: list[Assessment], catalogue: KpiCatalogue | None) -> list[KpiReading]:
        """The KPI values recorded with the round's assessments, next to those of the
        rounds they re-evaluate (the actor's right was checked on each one read)."""
        if catalogue is None:
            return []
        now: dict[str, float] = {}
        before: dict[str, float] = {}
        for assessment in stored:
            now |= self.assessments.kpis(assessment)
            if assessment.previous_id is not None:
                earlier = self.assessments.assessment(assessment.previous_id)
                before |= self.assessments.kpis(earlier) if earlier is not None else {}
        return readings(catalogue, now, before)

    def _participation(self, stored: list[Assessment]) -> Participation | None:
        """A workshop's consensus: who took part, and how they answered before agreeing."""
        from ..report import Participation

        for assessment in stored:
            source = self.workshops.source(assessment)
            now = self.workshops.live_of(source[0].id) if source is not None else None
            if now is not None:
                return Participation(
                    names=tuple(p.name for p in now.participants),
                    before={v.questionnaire.id: v.result for v in now.views},
                    second_vote=now.workshop.second_vote,
                    first={qid: view.result for qid, view in now.first.items()},
                    groups=tuple(
                        (g.name, g.people, {v.questionnaire.id: v.result for v in g.views})
                        for g in now.groups
                    ),
                )
        return None
