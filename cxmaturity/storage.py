"""Saved assessments: organisations, assessments, each respondent's answers, plans, KPIs.

SQLAlchemy 2 over SQLite by default (``cxmaturity.db`` in the data folder) or any URL
in ``CXMATURITY_DATABASE_URL`` (PostgreSQL is tested). The schema is created and
upgraded by the Alembic migrations in ``cxmaturity/migrations``; :meth:`Storage.open`
runs them, so an upgrade never needs a manual step and never drops data.

Every answer is one row, keyed by (assessment, respondent, item), and saved with an
upsert in its own short transaction: concurrent respondents never overwrite each
other's answers, and a process killed mid-write leaves every committed answer in place.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
    create_engine,
    delete,
    event,
    func,
    select,
)
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, sessionmaker

from .branding import data_dir
from .model import NOT_APPLICABLE, Answers, Grid, Quiz, Rating
from .planning import PlanItem, Priority, Status

ANONYMOUS = ""  # the respondent key of answers given without a name
KPI_NAMES = ("nps", "csat", "ces", "fcr", "cost_per_contact")
DRAFT, FINAL = "draft", "final"


def database_url() -> str:
    """``CXMATURITY_DATABASE_URL``, else a SQLite file in the data folder."""
    configured = os.environ.get("CXMATURITY_DATABASE_URL")
    if configured:
        return configured
    return f"sqlite:///{data_dir() / 'cxmaturity.db'}"


# ------------------------------------------------------------------------- schema


class Base(DeclarativeBase):
    pass


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class OrganizationRow(Base):
    __tablename__ = "organizations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(300), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)


class AssessmentRow(Base):
    __tablename__ = "assessments"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    organization_id: Mapped[int] = mapped_column(
        ForeignKey("organizations.id", ondelete="CASCADE"), index=True
    )
    questionnaire_id: Mapped[str] = mapped_column(String(100))
    questionnaire_version: Mapped[str] = mapped_column(String(40))
    assessed_on: Mapped[dt.date] = mapped_column(Date)
    language: Mapped[str] = mapped_column(String(8))
    status: Mapped[str] = mapped_column(String(10), default=DRAFT)
    previous_id: Mapped[int | None] = mapped_column(
        ForeignKey("assessments.id", ondelete="SET NULL"), nullable=True
    )
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)


class ResponseRow(Base):
    __tablename__ = "responses"
    __table_args__ = (UniqueConstraint("assessment_id", "respondent", "item_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    assessment_id: Mapped[int] = mapped_column(
        ForeignKey("assessments.id", ondelete="CASCADE"), index=True
    )
    respondent: Mapped[str] = mapped_column(String(300))
    item_id: Mapped[str] = mapped_column(String(100))
    choice: Mapped[str | None] = mapped_column(String(100), nullable=True)
    current: Mapped[str | None] = mapped_column(String(10), nullable=True)
    ideal: Mapped[str | None] = mapped_column(String(10), nullable=True)
    note: Mapped[str | None] = mapped_column(Text, nullable=True)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now, onupdate=_now)


class PlanItemRow(Base):
    __tablename__ = "plan_items"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    assessment_id: Mapped[int] = mapped_column(
        ForeignKey("assessments.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    capability: Mapped[str] = mapped_column(String(100))
    suggestion: Mapped[int | None] = mapped_column(Integer, nullable=True)
    initiative: Mapped[str | None] = mapped_column(Text, nullable=True)
    owner: Mapped[str] = mapped_column(String(300), default="")
    due: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    priority: Mapped[str] = mapped_column(String(10))
    status: Mapped[str] = mapped_column(String(20))
    note: Mapped[str] = mapped_column(Text, default="")


class KpiRow(Base):
    __tablename__ = "kpis"
    __table_args__ = (UniqueConstraint("assessment_id", "name"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    assessment_id: Mapped[int] = mapped_column(
        ForeignKey("assessments.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(40))
    value: Mapped[float] = mapped_column(Float)


class WorkshopRow(Base):
    __tablename__ = "workshops"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    organization_id: Mapped[int] = mapped_column(
        ForeignKey("organizations.id", ondelete="CASCADE"), index=True
    )
    code: Mapped[str] = mapped_column(String(20), unique=True)
    language: Mapped[str] = mapped_column(String(8))
    allow_anonymous: Mapped[bool] = mapped_column(Boolean)
    status: Mapped[str] = mapped_column(String(10))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)


class WorkshopAssessmentRow(Base):
    __tablename__ = "workshop_assessments"
    __table_args__ = (UniqueConstraint("workshop_id", "assessment_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    workshop_id: Mapped[int] = mapped_column(
        ForeignKey("workshops.id", ondelete="CASCADE"), index=True
    )
    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessments.id", ondelete="CASCADE"))
    consensus_id: Mapped[int | None] = mapped_column(
        ForeignKey("assessments.id", ondelete="SET NULL"), nullable=True
    )


class ParticipantRow(Base):
    __tablename__ = "participants"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    workshop_id: Mapped[int] = mapped_column(
        ForeignKey("workshops.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(300))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)


class JoinAttemptRow(Base):
    __tablename__ = "join_attempts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    client: Mapped[str] = mapped_column(String(100), index=True)
    ok: Mapped[bool] = mapped_column(Boolean)
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now, index=True)


# ------------------------------------------------------------------ read models


@dataclass(frozen=True)
class Organization:
    id: int
    name: str


@dataclass(frozen=True)
class Assessment:
    id: int
    organization_id: int
    questionnaire_id: str
    questionnaire_version: str
    assessed_on: dt.date
    language: str
    status: str
    previous_id: int | None

    @property
    def final(self) -> bool:
        return self.status == FINAL


def _assessment(row: AssessmentRow) -> Assessment:
    return Assessment(
        row.id, row.organization_id, row.questionnaire_id, row.questionnaire_version,
        row.assessed_on, row.language, row.status, row.previous_id,
    )  # fmt: skip


# ------------------------------------------------------------------------ storage


class Storage:
    """One database. Open with :meth:`open` (migrates to the latest schema)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    @classmethod
    def open(cls, url: str | None = None, migrate: bool = True) -> Storage:
        """The database at ``url`` (default :func:`database_url`), upgraded to head."""
        url = url or database_url()
        if url.startswith("sqlite:///") and url != "sqlite:///:memory:":
            Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, pool_pre_ping=True)
        if engine.dialect.name == "sqlite":
            event.listen(engine, "connect", _sqlite_pragmas)
        storage = cls(engine)
        if migrate:
            from .migrate import upgrade

            upgrade(engine)
        return storage

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session whose work is committed as one transaction (or not at all)."""
        with self._sessions.begin() as session:
            yield session

    # ------------------------------------------------------------ organisations

    def organization(self, name: str) -> Organization:
        """The organisation called ``name`` (trimmed), created if new."""
        clean = " ".join(name.split())[:300]
        if not clean:
            raise ValueError("an organisation needs a name")
        with self.session() as session:
            row = session.scalar(select(OrganizationRow).where(OrganizationRow.name == clean))
            if row is None:
                row = OrganizationRow(name=clean)
                session.add(row)
                session.flush()
            return Organization(row.id, row.name)

    def organizations(self) -> list[Organization]:
        with self.session() as session:
            rows = session.scalars(select(OrganizationRow).order_by(OrganizationRow.name))
            return [Organization(r.id, r.name) for r in rows]

    def organization_of(self, organization_id: int) -> Organization | None:
        """The organisation with this id (None if there is none)."""
        with self.session() as session:
            row = session.get(OrganizationRow, organization_id)
            return Organization(row.id, row.name) if row is not None else None

    # -------------------------------------------------------------- assessments

    def create_assessment(
        self,
        organization: Organization,
        questionnaire: Quiz | Grid,
        language: str,
        assessed_on: dt.date,
        previous: Assessment | None = None,
    ) -> Assessment:
        with self.session() as session:
            row = AssessmentRow(
                organization_id=organization.id,
                questionnaire_id=questionnaire.id,
                questionnaire_version=str(questionnaire.version),
                assessed_on=assessed_on,
                language=language,
                status=DRAFT,
                previous_id=previous.id if previous else None,
            )
            session.add(row)
            session.flush()
            return _assessment(row)

    def assessment(self, assessment_id: int) -> Assessment | None:
        with self.session() as session:
            row = session.get(AssessmentRow, assessment_id)
            return _assessment(row) if row is not None else None

    def assessments(self, organization: Organization) -> list[Assessment]:
        """An organisation's assessments of record, oldest first: a workshop's live
        assessments (each participant's own answers) are not among them; its
        consensus is."""
        live = select(WorkshopAssessmentRow.assessment_id)
        with self.session() as session:
            rows = session.scalars(
                select(AssessmentRow)
                .where(AssessmentRow.organization_id == organization.id)
                .where(AssessmentRow.id.not_in(live))
                .order_by(AssessmentRow.assessed_on, AssessmentRow.id)
            )
            return [_assessment(r) for r in rows]

    def set_final(self, assessment: Assessment, final: bool = True) -> None:
        with self.session() as session:
            row = session.get(AssessmentRow, assessment.id)
            if row is None:
                raise KeyError(assessment.id)
            row.status = FINAL if final else DRAFT

    # ------------------------------------------------------------------ answers

    def save_choice(
        self, assessment: Assessment, respondent: str, item: str, choice: str | None
    ) -> None:
        """Store one quiz answer (None clears it)."""
        self._upsert(assessment, respondent, item, {"choice": choice})

    def save_rating(
        self, assessment: Assessment, respondent: str, item: str, rating: Rating
    ) -> None:
        """Store one capability's current, ideal and note."""
        self._upsert(assessment, respondent, item, _rating_columns(rating))

    def replace_answers(self, assessment: Assessment, team: Mapping[str, Answers]) -> None:
        """Replace every answer of the assessment with ``team`` (respondent -> answers),
        in one transaction: readers see the old answers or the new, never a mix."""
        with self.session() as session:
            session.execute(delete(ResponseRow).where(ResponseRow.assessment_id == assessment.id))
            for respondent, answers in team.items():
                for item, value in answers.answers.items():
                    if value is None:
                        continue
                    levels = (
                        _rating_columns(value) if isinstance(value, Rating) else {"choice": value}
                    )
                    session.add(
                        ResponseRow(
                            assessment_id=assessment.id,
                            respondent=respondent[:300],
                            item_id=item,
                            updated_at=_now(),
                            **levels,
                        )
                    )

    def _upsert(
        self, assessment: Assessment, respondent: str, item: str, values: dict[str, Any]
    ) -> None:
        key = {"assessment_id": assessment.id, "respondent": respondent[:300], "item_id": item}
        insert = _insert_for(self.engine)
        statement = insert(ResponseRow).values(**key, **values, updated_at=_now())
        statement = statement.on_conflict_do_update(
            index_elements=["assessment_id", "respondent", "item_id"],
            set_={**values, "updated_at": _now()},
        )
        with self.session() as session:
            session.execute(statement)

    def answers(self, assessment: Assessment) -> dict[str, Answers]:
        """Each respondent's answers as an answers document (key: respondent name)."""
        with self.session() as session:
            rows = session.scalars(
                select(ResponseRow)
                .where(ResponseRow.assessment_id == assessment.id)
                .order_by(ResponseRow.respondent, ResponseRow.id)
            ).all()
            organization = session.get(OrganizationRow, assessment.organization_id)
        return _documents(assessment, organization.name if organization else None, rows)

    def history(self, organization: Organization) -> list[tuple[Assessment, dict[str, Answers]]]:
        """Every assessment of the organisation with its answers, in two queries."""
        assessments = self.assessments(organization)
        with self.session() as session:
            rows = session.scalars(
                select(ResponseRow)
                .join(AssessmentRow, AssessmentRow.id == ResponseRow.assessment_id)
                .where(AssessmentRow.organization_id == organization.id)
                .order_by(ResponseRow.assessment_id, ResponseRow.respondent, ResponseRow.id)
            ).all()
        by_assessment = _by_assessment(rows)
        return [
            (a, _documents(a, organization.name, by_assessment.get(a.id, []))) for a in assessments
        ]

    def history_version(self, organization: Organization) -> tuple[Any, ...]:
        """Changes whenever an assessment or answer of the organisation changes (cheap)."""
        with self.session() as session:
            assessments = session.execute(
                select(
                    func.count(AssessmentRow.id),
                    func.max(AssessmentRow.id),
                    func.sum(func.length(AssessmentRow.status)),
                ).where(AssessmentRow.organization_id == organization.id)
            ).one()
            responses = session.execute(
                select(func.count(ResponseRow.id), func.max(ResponseRow.updated_at))
                .join(AssessmentRow, AssessmentRow.id == ResponseRow.assessment_id)
                .where(AssessmentRow.organization_id == organization.id)
            ).one()
        return (*assessments, *responses)

    # --------------------------------------------------------------------- plan

    def save_plan(self, assessment: Assessment, items: Sequence[PlanItem]) -> None:
        """Replace the assessment's plan, all at once."""
        with self.session() as session:
            session.query(PlanItemRow).filter_by(assessment_id=assessment.id).delete()
            for position, item in enumerate(items):
                session.add(_plan_row(assessment.id, position, item))

    def plan(self, assessment: Assessment) -> list[PlanItem]:
        with self.session() as session:
            rows = session.scalars(
                select(PlanItemRow)
                .where(PlanItemRow.assessment_id == assessment.id)
                .order_by(PlanItemRow.position)
            )
            return [_plan_item(r) for r in rows]

    # --------------------------------------------------------------------- KPIs

    def save_kpis(self, assessment: Assessment, values: dict[str, float | None]) -> None:
        """Set (or, with None, clear) business and operational metrics."""
        unknown = set(values) - set(KPI_NAMES)
        if unknown:
            raise ValueError(f"unknown KPI(s): {', '.join(sorted(unknown))}")
        with self.session() as session:
            for name, value in values.items():
                session.query(KpiRow).filter_by(assessment_id=assessment.id, name=name).delete()
                if value is not None:
                    session.add(KpiRow(assessment_id=assessment.id, name=name, value=value))

    def kpis(self, assessment: Assessment) -> dict[str, float]:
        with self.session() as session:
            rows = session.scalars(select(KpiRow).where(KpiRow.assessment_id == assessment.id))
            return {r.name: r.value for r in rows}

    def counts(self) -> dict[str, int]:
        """Rows per table (for checks and tests)."""
        with self.session() as session:
            return {
                table.__tablename__: session.scalar(select(func.count()).select_from(table)) or 0
                for table in (OrganizationRow, AssessmentRow, ResponseRow, PlanItemRow, KpiRow)
            }


# -------------------------------------------------------------------- helpers


def _documents(
    assessment: Assessment, organization: str | None, rows: Sequence[ResponseRow]
) -> dict[str, Answers]:
    """Response rows -> one answers document per respondent."""
    documents: dict[str, dict[str, Any]] = {}
    for row in rows:
        document = documents.setdefault(
            row.respondent,
            {
                "questionnaire": assessment.questionnaire_id,
                "organization": organization,
                "respondent": row.respondent or None,
                "date": assessment.assessed_on,
                "language": assessment.language,
                "answers": {},
            },
        )
        document["answers"][row.item_id] = _answer_value(row)
    return {name: Answers.model_validate(doc) for name, doc in documents.items()}


def _by_assessment(rows: Sequence[ResponseRow]) -> dict[int, list[ResponseRow]]:
    """Response rows grouped by assessment, each group in the rows' order."""
    groups: dict[int, list[ResponseRow]] = {}
    for row in rows:
        groups.setdefault(row.assessment_id, []).append(row)
    return groups


def _sqlite_pragmas(connection: Any, _record: Any) -> None:
    """WAL lets readers work during a write; a busy writer waits instead of failing;
    foreign keys are enforced; FULL sync keeps committed answers through a crash."""
    cursor = connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.close()


def _insert_for(engine: Engine) -> Any:
    """The dialect's INSERT, which knows ON CONFLICT ... DO UPDATE."""
    from sqlalchemy.dialects import postgresql, sqlite

    inserts = {"postgresql": postgresql.insert, "sqlite": sqlite.insert}
    if engine.dialect.name not in inserts:  # pragma: no cover - not supported
        raise NotImplementedError(f"database {engine.dialect.name!r} is not supported")
    return inserts[engine.dialect.name]


def _rating_columns(rating: Rating) -> dict[str, Any]:
    """A rating as the response row's columns."""
    return {
        "current": _level_text(rating.current),
        "ideal": _level_text(rating.ideal),
        "note": rating.note or None,
    }


def _level_text(value: int | str | None) -> str | None:
    return None if value is None else str(value)


def _level_value(text: str | None) -> int | str | None:
    if text is None:
        return None
    return NOT_APPLICABLE if text == NOT_APPLICABLE else int(text)


def _answer_value(row: ResponseRow) -> Any:
    if row.current is not None or row.ideal is not None or row.note:
        return {
            "current": _level_value(row.current),
            "ideal": _level_value(row.ideal),
            "note": row.note,
        }
    return row.choice


def _plan_row(assessment_id: int, position: int, item: PlanItem) -> PlanItemRow:
    initiative = item.initiative.root if item.initiative is not None else None
    return PlanItemRow(
        assessment_id=assessment_id,
        position=position,
        capability=item.capability,
        suggestion=item.suggestion,
        # JSON keeps both shapes apart: a plain text or a text per language.
        initiative=json.dumps(initiative, ensure_ascii=False) if initiative is not None else None,
        owner=item.owner,
        due=item.due,
        priority=item.priority.value,
        status=item.status.value,
        note=item.note,
    )


def _plan_item(row: PlanItemRow) -> PlanItem:
    return PlanItem(
        capability=row.capability,
        suggestion=row.suggestion,
        initiative=json.loads(row.initiative) if row.initiative is not None else None,
        owner=row.owner,
        due=row.due,
        priority=Priority(row.priority),
        status=Status(row.status),
        note=row.note,
    )
