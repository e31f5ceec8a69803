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
from ..model import Answers, KpiCatalogue, Questionnaire, grids
from ..planning import PlanItem
from ..records import Assessment, Workshop
from ..scoring import Result, score
from .access import Action, Actor, require_assessment

if TYPE_CHECKING:  # the PDF stack and the database load only when used (a fast CLI)
    from ..report import Participation
    from .assessments import Assessments
    from .branding import BrandingService
    from .workshops import Workshops

Team = Sequence[tuple[Questionnaire, Sequence[Answers]]]
Team_ = dict[str, Answers]  # one assessment's answers by respondent


@dataclass(frozen=True)
class ReportPart:
    """One questionnaire of a report: its stored assessment, or answers never saved."""

    questionnaire: Questionnaire
    assessment_id: str | None = None  # the public id of a stored assessment
    answers: tuple[Answers, ...] = ()


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
) -> bytes:
    """The PDF of these teams' answers. Without ``organization`` or ``assessed_on`` they
    come from the answers (the first organisation named, the latest date), else empty
    and today."""
    from ..report import build_report, report_data

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
    )
    return build_report(data)


class Reports:
    def __init__(
        self, assessments: Assessments, workshops: Workshops, branding: BrandingService
    ) -> None:
        self.assessments = assessments
        self.workshops = workshops
        self.branding = branding

    def report(
        self,
        actor: Actor,
        parts: Sequence[ReportPart],
        lang: str,
        *,
        organization: str | None = None,
        plan_items: Sequence[PlanItem] | None = None,
    ) -> bytes:
        """The report of one round: each part's stored assessment (or given answers),
        the previous round of a re-evaluation, and a workshop's participation. A stored
        assessment the actor may not read is refused (:class:`NotFoundOrNotYours`)."""
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
        return answers_report(
            teams,
            lang,
            organization=organization,
            assessed_on=max((a.assessed_on for a in stored), default=None),
            plan_items=plan_items,
            branding=self.branding.usable(),
            previous=self._previous(stored, questionnaires),
            participation=self._participation(stored),
            kpis=self._kpis(stored, catalogue),
            catalogue=catalogue,
        )

    def round_report(self, actor: Actor, chosen: Assessment, organization: str, lang: str) -> bytes:
        """The report of a whole round, made again later: every assessment of the
        organisation stored on the chosen one's date (the latest per questionnaire),
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
        return self.report(actor, parts, lang, organization=organization, plan_items=plan)

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
    ) -> dict[str, tuple[dt.date, Result]]:
        """For a re-evaluation, the previous round's date and result per questionnaire."""
        found: dict[str, tuple[dt.date, Result]] = {}
        for assessment in stored:
            if assessment.previous_id is None:
                continue
            earlier = self.assessments.assessment(assessment.previous_id)
            team = list(self.assessments.answers(earlier).values()) if earlier else []
            if earlier is not None and team:
                questionnaire = questionnaires[assessment.questionnaire_id]
                found[questionnaire.id] = (earlier.assessed_on, score(questionnaire, team))
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
