"""One save path for every answer: the single-person app's and a workshop participant's.

Each answer is one transaction: find where it goes (creating the organisation's
assessment with the first answer, or checking the participant's token and that the
workshop is open), then upsert the one row, then commit.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from ..db import Database
from ..db.mappers import answer_columns
from ..db.repository import Repository
from ..model import Questionnaire, Rating
from ..planning import PlanItem
from ..records import ANONYMOUS, Assessment, clean_name
from .errors import WorkshopError
from .tokens import token_hash

AnswerValue = Rating | str | None  # a rating, a quiz choice, or nothing (clears the answer)


class Target(Protocol):
    """Where an answer goes: an assessment and the respondent key within it."""

    def resolve(self, repo: Repository) -> tuple[Assessment, str] | None: ...


@dataclass(frozen=True)
class OwnAnswers:
    """The single-person app: the session's assessment of ``questionnaire`` (created
    with the first answer, under the organisation typed on Home), respondent ``""``.
    Without an organisation name nothing is saved."""

    questionnaire: Questionnaire
    organization: str
    language: str
    assessment_id: int | None = None
    day: dt.date | None = None

    def resolve(self, repo: Repository) -> tuple[Assessment, str] | None:
        if self.assessment_id is not None:
            found = repo.assessment(self.assessment_id)
            return (found, ANONYMOUS) if found is not None else None
        name = clean_name(self.organization)
        if not name:
            return None
        organization = repo.ensure_organization(name)
        created = repo.add_round(
            organization.id, self.questionnaire, self.language, self.day or dt.date.today()
        )
        return created, ANONYMOUS


@dataclass(frozen=True)
class ParticipantAnswers:
    """A workshop participant, by their secret token: their own answers in the
    workshop's live assessment of ``questionnaire_id``, while the workshop is open."""

    token: str
    questionnaire_id: str

    def resolve(self, repo: Repository) -> tuple[Assessment, str] | None:
        found = repo.participant_with_token(token_hash(self.token))
        if found is None:
            raise WorkshopError("unknown participant")
        workshop, participant = found
        if not workshop.open:
            raise WorkshopError("this workshop is closed", "closed")
        for assessment in repo.live_assessments(workshop.id):
            if assessment.questionnaire_id == self.questionnaire_id:
                return assessment, participant.respondent
        message = f"{self.questionnaire_id!r} is not part of this workshop"
        raise WorkshopError(message, "questionnaire")


class AnswerService:
    def __init__(self, database: Database) -> None:
        self.database = database

    def save(self, target: Target, item: str, value: AnswerValue) -> Assessment | None:
        """Store one answer (None clears it); returns the assessment it went to (None:
        nowhere to save it)."""
        return self.save_all(target, {item: value})

    def save_all(self, target: Target, values: Mapping[str, AnswerValue]) -> Assessment | None:
        """Store several answers as one action (an uploaded file), all or none."""
        with self.database.unit() as uow:
            found = target.resolve(uow.repo)
            if found is None:
                return None
            assessment, respondent = found
            for item, value in values.items():
                uow.repo.upsert_answer(assessment.id, respondent, item, answer_columns(value))
            uow.commit()
            return assessment

    def save_plan(self, target: OwnAnswers, items: Sequence[PlanItem]) -> Assessment | None:
        """Replace the plan of the session's assessment (created if this is the first
        thing saved); None without an organisation to save it under."""
        with self.database.unit() as uow:
            found = target.resolve(uow.repo)
            if found is None:
                return None
            uow.repo.replace_plan(found[0].id, items)
            uow.commit()
            return found[0]
