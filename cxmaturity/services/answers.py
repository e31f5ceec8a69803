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

from sqlalchemy.exc import InternalError, OperationalError

from ..db import Database
from ..db.mappers import answer_columns, answer_data, plan_columns, plan_item
from ..db.repository import Repository
from ..model import Answers, Questionnaire, Rating, answer_problems
from ..planning import PlanItem
from ..records import ANONYMOUS, Assessment
from .access import (
    Action,
    Actor,
    NotFoundOrNotYours,
    assessment_label,
    organization_label,
    require_assessment,
    require_organization,
)
from .errors import InvalidAnswer, StorageUnavailable, WorkshopError
from .tokens import token_hash

AnswerValue = Rating | str | None  # a rating, a quiz choice, or nothing (clears the answer)


class Target(Protocol):
    """Where an answer goes: an assessment and the respondent key within it, checked
    against whoever saves (``who`` names them in the audit log)."""

    @property
    def who(self) -> str: ...

    def resolve(self, repo: Repository) -> tuple[Assessment, str] | None: ...


@dataclass(frozen=True)
class OwnAnswers:
    """A signed-in account's answers to ``questionnaire`` (respondent ``""``): in the
    assessment of a link (``assessment_id``, its public id), or in a new round of the
    organisation chosen on Home (``organization_id``, its public id), created with the
    first answer. Either needs the ``write`` right on the organisation. Without either
    (a visitor, or nobody chose an organisation) nothing is saved."""

    actor: Actor
    questionnaire: Questionnaire
    language: str
    organization_id: str | None = None
    assessment_id: str | None = None
    day: dt.date | None = None

    @property
    def who(self) -> str:
        return self.actor.name

    def resolve(self, repo: Repository) -> tuple[Assessment, str] | None:
        if self.assessment_id:
            found, _ = require_assessment(repo, self.actor, self.assessment_id, Action.WRITE)
            if found.questionnaire_id != self.questionnaire.id:
                raise NotFoundOrNotYours()
            return found, ANONYMOUS
        if not self.organization_id:
            return None
        organization, _ = require_organization(repo, self.actor, self.organization_id, Action.WRITE)
        created = repo.add_round(
            organization.id, self.questionnaire, self.language, self.day or dt.date.today()
        )
        repo.audit(self.who, "assessment.create", assessment_label(created),
                   organization_label(organization))  # fmt: skip
        return created, ANONYMOUS


@dataclass(frozen=True)
class ParticipantAnswers:
    """A workshop participant, by their secret token: their own answers in the
    workshop's live assessment of ``questionnaire_id``, while the workshop is open."""

    token: str
    questionnaire_id: str
    questionnaire: Questionnaire | None = None  # what the answers are checked against

    @property
    def who(self) -> str:
        return "participant"

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
            _check(target, values)
            assessment, respondent = found
            for item, value in values.items():
                uow.repo.upsert_answer(assessment.id, respondent, item, answer_columns(value))
            uow.repo.audit(_who(target, respondent), "assessment.answer",
                           assessment_label(assessment), ", ".join(values)[:2000])  # fmt: skip
            uow.commit()
            return assessment

    def save_changes(
        self,
        target: Target,
        item: str,
        value: AnswerValue,
        base: Mapping[str, str | None],
    ) -> tuple[Assessment | None, dict[str, str | None] | None]:
        """Store only what changed in one answer since ``base`` (the stored columns the
        person's screen started from), as one action. Returns the assessment it went to
        (None: nowhere to save) and, when someone else changed one of those fields in
        the meantime, the stored columns instead (nothing is written then). A database
        that fails raises: the caller keeps the change as unsaved."""
        try:
            return self._save_changes(target, item, value, base)
        except (OperationalError, InternalError) as error:  # the database, not the data
            raise StorageUnavailable(str(error)) from error

    def _save_changes(
        self, target: Target, item: str, value: AnswerValue, base: Mapping[str, str | None]
    ) -> tuple[Assessment | None, dict[str, str | None] | None]:
        wanted = answer_columns(value)
        changes = {c: v for c, v in wanted.items() if v != base.get(c)}
        with self.database.unit(write=True) as uow:
            found = target.resolve(uow.repo)
            if found is None:
                return None, None
            _check(target, {item: value})
            assessment, respondent = found
            if not changes:
                return assessment, None
            stored = uow.repo.change_answer(assessment.id, respondent, item, changes, base)
            if stored is not None:
                return assessment, stored
            detail = f"{item}: {', '.join(changes)}"
            uow.repo.audit(_who(target, respondent), "assessment.answer",
                           assessment_label(assessment), detail)  # fmt: skip
            uow.commit()
            return assessment, None

    def change_plan(
        self, target: OwnAnswers, changes: Sequence[PlanChange]
    ) -> tuple[Assessment | None, dict[str, dict[str, str | None]]]:
        """Store plan rows that changed, each on its own and only its changed fields,
        as one action (the assessment is created if this is the first thing saved).
        Returns the assessment (None: nowhere to save) and the rows someone else changed
        or deleted meanwhile (key -> the row as stored, ``{}`` if deleted): those are
        not written. A database that fails raises StorageUnavailable: the caller keeps
        the changes as unsaved."""
        try:
            return self._change_plan(target, changes)
        except (OperationalError, InternalError) as error:  # the database, not the data
            raise StorageUnavailable(str(error)) from error

    def _change_plan(
        self, target: OwnAnswers, changes: Sequence[PlanChange]
    ) -> tuple[Assessment | None, dict[str, dict[str, str | None]]]:
        with self.database.unit(write=True) as uow:
            found = target.resolve(uow.repo)
            if found is None:
                return None, {}
            assessment = found[0]
            conflicts: dict[str, dict[str, str | None]] = {}
            for change in changes:
                stored = uow.repo.change_plan_row(
                    assessment.id, change.key, change.fields, change.base
                )
                if stored is not None:
                    conflicts[change.key] = stored
            written = [c for c in changes if c.key not in conflicts]
            if written:
                uow.repo.audit(target.who, "assessment.plan", assessment_label(assessment),
                               _plan_summary(written))  # fmt: skip
            uow.commit()
            return assessment, conflicts


@dataclass(frozen=True)
class PlanChange:
    """One plan row's change, by its key: ``base`` None adds the row (``fields``),
    ``fields`` None deletes it, otherwise the fields that differ from ``base`` (the row
    as the editor read it) are written if the stored row still holds ``base``'s."""

    key: str
    fields: dict[str, str | None] | None
    base: dict[str, str | None] | None


def plan_changes(
    base: Mapping[str, Mapping[str, str | None]], now: Mapping[str, PlanItem]
) -> list[PlanChange]:
    """What changed from ``base`` (row key -> the row as stored, when read) to ``now``
    (row key -> item, the complete rows on screen): new rows, changed rows (only their
    changed fields), deleted rows; in the order of ``now``, deletions last."""
    changes: list[PlanChange] = []
    for key, item in now.items():
        fields = plan_fields(item)
        before = base.get(key)
        if before is None:
            changes.append(PlanChange(key, fields, None))
        elif fields != dict(before):
            changed = {c: v for c, v in fields.items() if v != before.get(c)}
            changes.append(PlanChange(key, changed, dict(before)))
    changes += [PlanChange(key, None, dict(b)) for key, b in base.items() if key not in now]
    return changes


def plan_fields(item: PlanItem) -> dict[str, str | None]:
    """A plan item as the fields the database stores (what a screen compares against)."""
    return plan_columns(item)


def stored_plan_item(fields: Mapping[str, str | None]) -> PlanItem:
    """The plan item stored fields hold (the inverse of :func:`plan_fields`)."""
    return plan_item(fields)


def _plan_summary(changes: Sequence[PlanChange]) -> str:
    added = sum(1 for c in changes if c.base is None)
    deleted = sum(1 for c in changes if c.fields is None)
    changed = len(changes) - added - deleted
    return f"{added} added, {changed} changed, {deleted} deleted"


def _who(target: Target, respondent: str) -> str:
    """How the audit log names whoever saved (a participant with their respondent key)."""
    return f"{target.who} {respondent}" if respondent else target.who


def _check(target: Target, values: Mapping[str, AnswerValue]) -> None:
    """Raise :class:`InvalidAnswer` unless every value is an answer the target's
    questionnaire has (an item it asks, one of its options or levels; None clears)."""
    questionnaire = getattr(target, "questionnaire", None)
    if questionnaire is None:
        if values:
            raise InvalidAnswer("answers to a questionnaire that is not in the catalogue")
        return
    document = Answers(questionnaire=questionnaire.id, answers=dict(values))
    problems = answer_problems(document, questionnaire)
    if problems:
        raise InvalidAnswer("; ".join(message for _, message in problems))


def stored_fields(value: AnswerValue) -> dict[str, str | None]:
    """An answer as the fields the database stores (what a screen compares against)."""
    return answer_columns(value)


def stored_value(fields: Mapping[str, str | None]) -> AnswerValue:
    """The answer stored fields hold (the inverse of :func:`stored_fields`)."""
    data = answer_data(fields)
    return Rating.model_validate(data) if isinstance(data, dict) else data
