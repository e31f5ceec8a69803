"""The database's tables as SQLAlchemy rows. Only the repository (and the migrations)
use them: everything above the repository sees :mod:`cxmaturity.records` values.

The schema itself is created and changed by the Alembic revisions in
``cxmaturity/migrations/versions``; these classes must match the latest revision.
"""

from __future__ import annotations

import datetime as dt
import secrets

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


def new_public_id() -> str:
    """A random id for links: 128 bits, never sequential."""
    return secrets.token_hex(16)


def utcnow() -> dt.datetime:
    """Now in UTC, naive (how timestamps are stored)."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class OrganizationRow(Base):
    __tablename__ = "organizations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(300), index=True)  # unique per owner
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    public_id: Mapped[str] = mapped_column(String(32), unique=True, default=new_public_id)
    # The account that created it (none before accounts): (created_by, name) is unique.
    created_by: Mapped[int | None] = mapped_column(Integer, nullable=True)
    sector: Mapped[str] = mapped_column(String(100), default="", server_default="")
    size: Mapped[str] = mapped_column(String(20), default="", server_default="")

    __table_args__ = (Index("ix_organizations_creator_name", "created_by", "name", unique=True),)


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
    status: Mapped[str] = mapped_column(String(10), default="draft")
    previous_id: Mapped[int | None] = mapped_column(
        ForeignKey("assessments.id", ondelete="SET NULL"), nullable=True
    )
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    public_id: Mapped[str] = mapped_column(String(32), unique=True, default=new_public_id)


class AnswerColumns:
    """One respondent's answer to one item of an assessment (a mixin: the columns of
    the answers and of the first votes of a second vote)."""

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


class ResponseRow(AnswerColumns, Base):
    __tablename__ = "responses"
    __table_args__ = (
        UniqueConstraint("assessment_id", "respondent", "item_id"),
        Index("ix_responses_read_order", "assessment_id", "respondent", "id"),
    )

    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)


class PlanItemRow(Base):
    __tablename__ = "plan_items"
    __table_args__ = (
        Index("ix_plan_items_assessment_key", "assessment_id", "row_key", unique=True),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    assessment_id: Mapped[int] = mapped_column(
        ForeignKey("assessments.id", ondelete="CASCADE"), index=True
    )
    row_key: Mapped[str] = mapped_column(String(32))  # stable across edits (see 0007)
    position: Mapped[int] = mapped_column(Integer)
    capability: Mapped[str] = mapped_column(String(100))
    suggestion: Mapped[str | None] = mapped_column(String(100), nullable=True)  # an initiative id
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
    anonymous: Mapped[bool] = mapped_column(Boolean)
    status: Mapped[str] = mapped_column(String(10))
    hide_results: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    revealed: Mapped[str] = mapped_column(Text, default="", server_default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    public_id: Mapped[str] = mapped_column(String(32), unique=True, default=new_public_id)
    closes_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    second_vote: Mapped[str] = mapped_column(Text, default="", server_default="")
    groups: Mapped[str] = mapped_column(Text, default="[]", server_default="[]")  # JSON list


class FirstVoteRow(AnswerColumns, Base):
    """A participant's answer to an item as it was when the item's second vote opened."""

    __tablename__ = "first_votes"
    __table_args__ = (UniqueConstraint("assessment_id", "respondent", "item_id"),)


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
    group_name: Mapped[str] = mapped_column(String(60), default="", server_default="")
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class AccountRow(Base):
    __tablename__ = "accounts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    email: Mapped[str] = mapped_column(String(320), unique=True)  # stored in lower case
    name: Mapped[str] = mapped_column(String(300), default="")
    role: Mapped[str] = mapped_column(String(20))
    password_hash: Mapped[str | None] = mapped_column(Text, nullable=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class MembershipRow(Base):
    __tablename__ = "memberships"
    __table_args__ = (UniqueConstraint("organization_id", "account_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    organization_id: Mapped[int] = mapped_column(
        ForeignKey("organizations.id", ondelete="CASCADE"), index=True
    )
    account_id: Mapped[int] = mapped_column(
        ForeignKey("accounts.id", ondelete="CASCADE"), index=True
    )
    access: Mapped[str] = mapped_column(String(10))  # owner, editor or viewer


class SignInSessionRow(Base):
    __tablename__ = "sign_in_sessions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    account_id: Mapped[int] = mapped_column(
        ForeignKey("accounts.id", ondelete="CASCADE"), index=True
    )
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    expires_at: Mapped[dt.datetime] = mapped_column(DateTime)
    revoked_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)


class AuditRow(Base):
    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, index=True)
    actor: Mapped[str] = mapped_column(String(320))
    action: Mapped[str] = mapped_column(String(60))
    target: Mapped[str] = mapped_column(String(400))
    detail: Mapped[str] = mapped_column(Text, default="")


class AttemptLimitRow(Base):
    __tablename__ = "attempt_limits"
    __table_args__ = (UniqueConstraint("scope", "key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    scope: Mapped[str] = mapped_column(String(20))
    key: Mapped[str] = mapped_column(String(320))
    window_start: Mapped[dt.datetime] = mapped_column(DateTime)
    count: Mapped[int] = mapped_column(Integer)


class SignInTicketRow(Base):
    """A single-use, short-lived ticket that the browser exchanges for a session cookie."""

    __tablename__ = "sign_in_tickets"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    ticket_hash: Mapped[str] = mapped_column(String(64), unique=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"))
    expires_at: Mapped[dt.datetime] = mapped_column(DateTime)
    used_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)


class ServerSecretRow(Base):
    """Secrets every app process must share (the cookie signing key, the setup code)."""

    __tablename__ = "server_secrets"

    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[str] = mapped_column(String(200))


class FirstAdminRow(Base):
    """One row (id 1) once the first admin exists: creating it is atomic across processes."""

    __tablename__ = "first_admin"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    account_id: Mapped[int | None] = mapped_column(
        ForeignKey("accounts.id", ondelete="CASCADE"), nullable=True
    )
