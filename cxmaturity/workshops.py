"""Workshops: a leadership team answers together; each participant answers on their own.

A workshop belongs to an organisation and covers one or more questionnaires; each has
a live assessment in which every participant's answers are stored under the
respondent key ``participant-<id>``. People join with a short code (about 50 bits:
not guessable, and failed attempts are limited per client) and get a secret token;
only its SHA-256 is stored, and the token grants that participant's own answers in
that workshop and nothing else. A closed workshop takes no new participants or answers.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import os
import secrets
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from .model import Answers, Grid, Quiz, Rating
from .storage import (
    ANONYMOUS,
    Assessment,
    AssessmentRow,
    JoinAttemptRow,
    Organization,
    OrganizationRow,
    ParticipantRow,
    ResponseRow,
    Storage,
    WorkshopAssessmentRow,
    WorkshopRow,
    _assessment,
    _by_assessment,
    _documents,
    _now,
)
from .team import Consensus, apply_consensus

CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no 0/O, 1/I: read off a projector
CODE_LENGTH = 10  # 32**10 = 2**50 codes
MAX_FAILED_JOINS = 10  # per client and window
JOIN_WINDOW = dt.timedelta(minutes=10)
OPEN, CLOSED = "open", "closed"
RESPONDENT_PREFIX = "participant-"


class WorkshopError(Exception):
    """A join or an answer that the workshop does not accept.

    ``reason`` names the case for a translated message: ``unknown`` (code or link),
    ``closed``, ``name`` (a name is needed), ``attempts`` (too many wrong codes),
    ``questionnaire`` (not part of the workshop).
    """

    def __init__(self, message: str, reason: str = "unknown") -> None:
        super().__init__(message)
        self.reason = reason


class TooManyAttempts(WorkshopError):
    def __init__(self, message: str) -> None:
        super().__init__(message, "attempts")


@dataclass(frozen=True)
class Workshop:
    id: int
    organization_id: int
    code: str
    language: str
    allow_anonymous: bool
    status: str

    @property
    def open(self) -> bool:
        return self.status == OPEN


@dataclass(frozen=True)
class Participant:
    id: int
    workshop_id: int
    name: str

    @property
    def respondent(self) -> str:
        """The respondent key of this participant's answers."""
        return f"{RESPONDENT_PREFIX}{self.id}"


def _workshop(row: WorkshopRow) -> Workshop:
    return Workshop(
        row.id, row.organization_id, row.code, row.language, row.allow_anonymous, row.status
    )


def _link(session: Session, workshop: Workshop, live: Assessment) -> WorkshopAssessmentRow | None:
    """The row tying a live assessment to its workshop (and to its consensus)."""
    return session.scalar(
        select(WorkshopAssessmentRow).where(
            WorkshopAssessmentRow.workshop_id == workshop.id,
            WorkshopAssessmentRow.assessment_id == live.id,
        )
    )


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalize_code(text: str) -> str:
    """What people type, made comparable: spaces, dashes and lower case are accepted."""
    return "".join(c for c in text.upper() if c.isalnum())[: CODE_LENGTH * 2]


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def facilitator_allowed(given: str, configured: str | None = None) -> bool:
    """The facilitator secret (``CXMATURITY_FACILITATOR_PASSWORD``), compared in
    constant time; with no secret configured nobody is a facilitator."""
    secret = (
        configured
        if configured is not None
        else os.environ.get("CXMATURITY_FACILITATOR_PASSWORD", "")
    )
    return bool(secret) and hmac.compare_digest(given.encode("utf-8"), secret.encode("utf-8"))


class Workshops:
    """Workshop operations over a :class:`Storage`."""

    def __init__(self, store: Storage) -> None:
        self.store = store

    def create(
        self,
        organization: Organization,
        questionnaires: list[Quiz | Grid],
        language: str,
        *,
        allow_anonymous: bool = False,
        day: dt.date | None = None,
    ) -> Workshop:
        """A workshop with a fresh code and one live assessment per questionnaire."""
        if not questionnaires:
            raise ValueError("a workshop needs at least one questionnaire")
        assessments = [
            self.store.create_assessment(organization, q, language, day or dt.date.today())
            for q in questionnaires
        ]
        with self.store.session() as session:
            row = WorkshopRow(
                organization_id=organization.id,
                code=new_code(),
                language=language,
                allow_anonymous=allow_anonymous,
                status=OPEN,
            )
            session.add(row)
            session.flush()
            for assessment in assessments:
                session.add(WorkshopAssessmentRow(workshop_id=row.id, assessment_id=assessment.id))
            return _workshop(row)

    def get(self, workshop_id: int) -> Workshop | None:
        with self.store.session() as session:
            row = session.get(WorkshopRow, workshop_id)
            return _workshop(row) if row is not None else None

    def assessments(self, workshop: Workshop) -> list[Assessment]:
        """The workshop's live assessments, in the order the questionnaires were given."""
        with self.store.session() as session:
            rows = session.scalars(
                select(AssessmentRow)
                .join(
                    WorkshopAssessmentRow, WorkshopAssessmentRow.assessment_id == AssessmentRow.id
                )
                .where(WorkshopAssessmentRow.workshop_id == workshop.id)
                .order_by(WorkshopAssessmentRow.id)
            )
            return [_assessment(r) for r in rows]

    def join(self, code: str, name: str, client: str) -> tuple[Workshop, Participant, str]:
        """Join with a code; returns the participant and their secret token."""
        client = client[:100]
        self._check_attempts(client)
        with self.store.session() as session:
            row = session.scalar(
                select(WorkshopRow).where(WorkshopRow.code == normalize_code(code))
            )
            session.add(JoinAttemptRow(client=client, ok=row is not None, at=_now()))
        if row is None:
            raise WorkshopError("unknown code")
        workshop = _workshop(row)
        if not workshop.open:
            raise WorkshopError("this workshop is closed", "closed")
        clean = " ".join(name.split())[:300]
        if not clean and not workshop.allow_anonymous:
            raise WorkshopError("a name is needed to join this workshop", "name")
        token = secrets.token_urlsafe(24)
        with self.store.session() as session:
            participant = ParticipantRow(
                workshop_id=workshop.id, name=clean, token_hash=token_hash(token)
            )
            session.add(participant)
            session.flush()
            return workshop, Participant(participant.id, workshop.id, clean), token

    def _check_attempts(self, client: str) -> None:
        since = _now() - JOIN_WINDOW
        with self.store.session() as session:
            failed = session.scalar(
                select(func.count(JoinAttemptRow.id)).where(
                    JoinAttemptRow.client == client,
                    JoinAttemptRow.ok.is_(False),
                    JoinAttemptRow.at >= since,
                )
            )
        if (failed or 0) >= MAX_FAILED_JOINS:
            raise TooManyAttempts("too many wrong codes; try again in a few minutes")

    def participant(self, token: str) -> tuple[Workshop, Participant] | None:
        """Whose token this is (None for an unknown token)."""
        with self.store.session() as session:
            row = session.scalar(
                select(ParticipantRow).where(ParticipantRow.token_hash == token_hash(token))
            )
            if row is None:
                return None
            workshop = session.get(WorkshopRow, row.workshop_id)
            assert workshop is not None
            return _workshop(workshop), Participant(row.id, row.workshop_id, row.name)

    def participants(self, workshop: Workshop) -> list[Participant]:
        with self.store.session() as session:
            rows = session.scalars(
                select(ParticipantRow)
                .where(ParticipantRow.workshop_id == workshop.id)
                .order_by(ParticipantRow.id)
            )
            return [Participant(r.id, r.workshop_id, r.name) for r in rows]

    def _live(self, token: str, questionnaire_id: str) -> tuple[Participant, Assessment]:
        found = self.participant(token)
        if found is None:
            raise WorkshopError("unknown participant")
        workshop, participant = found
        if not workshop.open:
            raise WorkshopError("this workshop is closed", "closed")
        for assessment in self.assessments(workshop):
            if assessment.questionnaire_id == questionnaire_id:
                return participant, assessment
        raise WorkshopError(f"{questionnaire_id!r} is not part of this workshop", "questionnaire")

    def save_choice(self, token: str, questionnaire_id: str, item: str, choice: str | None) -> None:
        """A participant's quiz answer (only their own, only while the workshop is open)."""
        participant, assessment = self._live(token, questionnaire_id)
        self.store.save_choice(assessment, participant.respondent, item, choice)

    def save_rating(self, token: str, questionnaire_id: str, item: str, rating: Rating) -> None:
        participant, assessment = self._live(token, questionnaire_id)
        self.store.save_rating(assessment, participant.respondent, item, rating)

    def all(self) -> list[tuple[Workshop, Organization]]:
        """Every workshop with its organisation, newest first (the facilitator's list)."""
        with self.store.session() as session:
            rows = session.execute(
                select(WorkshopRow, OrganizationRow)
                .join(OrganizationRow, OrganizationRow.id == WorkshopRow.organization_id)
                .order_by(WorkshopRow.id.desc())
            ).all()
            return [(_workshop(w), Organization(o.id, o.name)) for w, o in rows]

    def team(self, workshop: Workshop) -> dict[int, dict[int, Answers]]:
        """Per live assessment, each participant's answers (key: participant id), in
        one query."""
        assessments = {a.id: a for a in self.assessments(workshop)}
        with self.store.session() as session:
            rows = session.scalars(
                select(ResponseRow)
                .where(ResponseRow.assessment_id.in_(list(assessments)))
                .where(ResponseRow.respondent.like(f"{RESPONDENT_PREFIX}%"))
                .order_by(ResponseRow.assessment_id, ResponseRow.respondent, ResponseRow.id)
            ).all()
            organization = session.get(OrganizationRow, workshop.organization_id)
        name = organization.name if organization else None
        found: dict[int, dict[int, Answers]] = {a: {} for a in assessments}
        for assessment_id, chunk in _by_assessment(rows).items():
            for respondent, answers in _documents(assessments[assessment_id], name, chunk).items():
                found[assessment_id][int(respondent.removeprefix(RESPONDENT_PREFIX))] = answers
        return found

    def version(self, workshop: Workshop) -> tuple[object, ...]:
        """Changes whenever someone joins or answers (cheap: for caching the dashboard)."""
        with self.store.session() as session:
            live = select(WorkshopAssessmentRow.assessment_id).where(
                WorkshopAssessmentRow.workshop_id == workshop.id
            )
            answers = session.execute(
                select(func.count(ResponseRow.id), func.max(ResponseRow.updated_at)).where(
                    ResponseRow.assessment_id.in_(live)
                )
            ).one()
            people = session.execute(
                select(func.count(ParticipantRow.id), func.max(ParticipantRow.id)).where(
                    ParticipantRow.workshop_id == workshop.id
                )
            ).one()
            status = session.scalar(select(WorkshopRow.status).where(WorkshopRow.id == workshop.id))
        return (*answers, *people, status)

    def consensus(self, workshop: Workshop, live: Assessment) -> Assessment | None:
        """The organisation's assessment agreed from one live assessment, if saved."""
        with self.store.session() as session:
            link = _link(session, workshop, live)
            if link is None or link.consensus_id is None:
                return None
            row = session.get(AssessmentRow, link.consensus_id)
            return _assessment(row) if row is not None else None

    def source(self, consensus: Assessment) -> tuple[Workshop, Assessment] | None:
        """The workshop and live assessment a consensus was agreed from."""
        with self.store.session() as session:
            link = session.scalar(
                select(WorkshopAssessmentRow).where(
                    WorkshopAssessmentRow.consensus_id == consensus.id
                )
            )
            if link is None:
                return None
            workshop = session.get(WorkshopRow, link.workshop_id)
            live = session.get(AssessmentRow, link.assessment_id)
            if workshop is None or live is None:
                return None
            return _workshop(workshop), _assessment(live)

    def save_consensus(
        self,
        workshop: Workshop,
        questionnaire: Quiz | Grid,
        agreed: Consensus,
        day: dt.date | None = None,
    ) -> Assessment:
        """Store the consensus as the organisation's (final) assessment of ``questionnaire``.

        Every participant's answers are copied with the agreed items set for everyone
        (see :func:`cxmaturity.team.apply_consensus`), so the team rules score it to the
        agreed values, and to the team median where it was kept. Saving again replaces
        the earlier consensus of the same workshop.
        """
        live = next(
            (a for a in self.assessments(workshop) if a.questionnaire_id == questionnaire.id), None
        )
        if live is None:
            raise WorkshopError(
                f"{questionnaire.id!r} is not part of this workshop", "questionnaire"
            )
        team = self.team(workshop)[live.id]
        agreed_team = apply_consensus(questionnaire, list(team.values()), agreed)
        keys = [f"{RESPONDENT_PREFIX}{pid}" for pid in team] or [ANONYMOUS]
        assessment = self.consensus(workshop, live)
        if assessment is None:
            organization = Organization(workshop.organization_id, "")
            assessment = self.store.create_assessment(
                organization, questionnaire, live.language, day or dt.date.today()
            )
        self.store.replace_answers(assessment, dict(zip(keys, agreed_team, strict=True)))
        self.store.set_final(assessment)
        with self.store.session() as session:
            link = _link(session, workshop, live)
            assert link is not None
            link.consensus_id = assessment.id
        final = self.store.assessment(assessment.id)
        assert final is not None
        return final

    def holds(self, assessment: Assessment) -> bool:
        """Whether the assessment is a workshop's (live, or its consensus)."""
        with self.store.session() as session:
            found = session.scalar(
                select(WorkshopAssessmentRow.id)
                .where(
                    (WorkshopAssessmentRow.assessment_id == assessment.id)
                    | (WorkshopAssessmentRow.consensus_id == assessment.id)
                )
                .limit(1)
            )
        return found is not None

    def close(self, workshop: Workshop, closed: bool = True) -> None:
        """Close the workshop (no new participants or answers), or open it again."""
        with self.store.session() as session:
            row = session.get(WorkshopRow, workshop.id)
            if row is not None:
                row.status = CLOSED if closed else OPEN
