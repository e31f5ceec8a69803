"""Rows <-> plain values, in one place: every conversion between a table row and a
:mod:`cxmaturity.records` value or an engine document (answers, plan items)."""

from __future__ import annotations

import datetime as dt
import functools
import json
import secrets
from collections.abc import Mapping, Sequence
from typing import Any, Literal, cast

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from ..model import NOT_APPLICABLE, Answers, Rating
from ..planning import PlanItem
from ..records import Account, Assessment, Organization, Participant, Workshop
from .tables import (
    AccountRow,
    AssessmentRow,
    FirstVoteRow,
    OrganizationRow,
    ParticipantRow,
    PlanItemRow,
    ResponseRow,
    WorkshopRow,
)


def to_organization(row: OrganizationRow) -> Organization:
    return Organization(row.id, row.name, row.public_id, row.sector, row.size)


def to_assessment(row: AssessmentRow) -> Assessment:
    return Assessment(
        row.id, row.organization_id, row.questionnaire_id, row.questionnaire_version,
        row.assessed_on, row.language, row.status, row.previous_id, row.public_id,
    )  # fmt: skip


def to_workshop(row: WorkshopRow) -> Workshop:
    return Workshop(
        row.id, row.organization_id, row.code, row.language, row.anonymous, row.status,
        row.public_id, row.hide_results, _keys(row.revealed), row.closes_on, _keys(row.second_vote),
        tuple(str(g) for g in json.loads(row.groups or "[]")),
    )  # fmt: skip


def _keys(text: str) -> tuple[str, ...]:
    """Item keys stored space-separated (a key holds no space)."""
    return tuple(k for k in text.split(" ") if k)


def to_account(row: AccountRow) -> Account:
    return Account(row.id, row.email, row.name, row.role, row.active)


def to_participant(row: ParticipantRow) -> Participant:
    return Participant(row.id, row.workshop_id, row.name, row.group_name)


ANSWER_COLUMNS = ("choice", "current", "ideal", "note")  # one answer's stored fields


def answer_columns(value: Rating | str | None) -> dict[str, Any]:
    """One answer as a response row's columns: a quiz choice, a capability's rating, or
    nothing (every column cleared)."""
    if isinstance(value, Rating):
        return {
            "choice": None,
            "current": _level_text(value.current),
            "ideal": _level_text(value.ideal),
            "note": value.note or None,
        }
    return {"choice": value, "current": None, "ideal": None, "note": None}


# A response (or first vote) row's answer columns as a column select gives them, in
# the order of ``answer_select``: assessment id, respondent, item id, choice, current
# level, ideal level, note. Plain tuples: a team of 1,000 is 25,000 of them.
AnswerRow = tuple[int, str, str, str | None, str | None, str | None, str | None]


def answer_select(table: type[ResponseRow] | type[FirstVoteRow]) -> Select[Any]:
    """A select of the answer columns only (plain rows: no ORM objects to build)."""
    columns = (table.assessment_id, table.respondent, table.item_id, table.choice,
               table.current, table.ideal, table.note)  # fmt: skip
    return cast("Select[Any]", select(*columns))


@functools.lru_cache(maxsize=1024)
def _rating(current: str | None, ideal: str | None) -> Rating:
    """A rating without a note: immutable, so one object per pair of stored levels
    serves every respondent who gave that pair (a team of 1,000 needs a few dozen)."""
    return Rating.model_construct(current=_level_value(current), ideal=_level_value(ideal),
                                  note=None)  # fmt: skip


def documents(
    assessment: Assessment, organization: str | None, rows: Sequence[AnswerRow]
) -> dict[str, Answers]:
    """Answer rows -> one answers document per respondent (key: respondent).

    Stored answers were checked against their questionnaire when they were written
    (``services.answers._check``, imports validated whole), so they are built without
    validating them again (``model_construct``): reading a team of 1,000 is a column
    select and plain construction, not 25,000 validations."""
    found: dict[str, dict[str, Any]] = {}
    for _, respondent, item_id, choice, current, ideal, note in rows:
        answers = found.get(respondent)
        if answers is None:
            answers = found[respondent] = {}
        # The rule of _holds_rating, inline: this loop runs once per stored answer.
        if note:
            answers[item_id] = Rating.model_construct(
                current=_level_value(current), ideal=_level_value(ideal), note=note
            )
        elif current is not None or ideal is not None:
            answers[item_id] = _rating(current, ideal)
        else:
            answers[item_id] = choice  # a quiz choice, or nothing (unanswered)
    return {
        name: Answers.model_construct(
            questionnaire=assessment.questionnaire_id,
            organization=organization,
            respondent=name or None,
            date=assessment.assessed_on,
            language=assessment.language,
            answers=answers,
        )
        for name, answers in found.items()
    }


def by_assessment(rows: Sequence[AnswerRow]) -> dict[int, list[AnswerRow]]:
    """Response (or first vote) rows grouped by assessment, each group in the rows' order."""
    groups: dict[int, list[AnswerRow]] = {}
    for row in rows:
        groups.setdefault(row[0], []).append(row)
    return groups


# One plan row's stored fields, each as text (what a change is compared against).
PLAN_COLUMNS = ("capability", "suggestion", "initiative", "owner", "due", "priority", "status",
                "note")  # fmt: skip


def plan_columns(item: PlanItem) -> dict[str, str | None]:
    """A plan item as its row's fields, each as text (None: empty)."""
    initiative = item.initiative.root if item.initiative is not None else None
    # JSON keeps both shapes apart: a plain text or a text per language.
    text = json.dumps(initiative, ensure_ascii=False) if initiative is not None else None
    return {
        "capability": item.capability,
        "suggestion": item.suggestion,
        "initiative": text,
        "owner": item.owner,
        "due": item.due.isoformat() if item.due is not None else None,
        "priority": item.priority.value,
        "status": item.status.value,
        "note": item.note,
    }


def plan_item(fields: Mapping[str, str | None]) -> PlanItem:
    """The plan item a row's fields hold (the inverse of :func:`plan_columns`)."""
    suggestion, initiative = fields.get("suggestion"), fields.get("initiative")
    return PlanItem.model_validate(
        {
            "capability": fields["capability"],
            "suggestion": suggestion or None,
            "initiative": json.loads(initiative) if initiative else None,
            "owner": fields.get("owner") or "",
            "due": fields.get("due") or None,
            "priority": fields["priority"],
            "status": fields["status"],
            "note": fields.get("note") or "",
        }
    )


def row_fields(row: PlanItemRow) -> dict[str, str | None]:
    """A plan row's stored fields, as :func:`plan_columns` gives them."""
    return {
        "capability": row.capability,
        "suggestion": row.suggestion,
        "initiative": row.initiative,
        "owner": row.owner,
        "due": row.due.isoformat() if row.due is not None else None,
        "priority": row.priority,
        "status": row.status,
        "note": row.note,
    }


def set_plan_fields(row: PlanItemRow, fields: Mapping[str, str | None]) -> None:
    """Write ``fields`` (text, as :func:`plan_columns` gives them) into ``row``."""
    for column, text in fields.items():
        if column == "due":
            row.due = dt.date.fromisoformat(text) if text else None
        elif column in ("owner", "note"):
            setattr(row, column, text or "")
        elif column in PLAN_COLUMNS:
            setattr(row, column, text)


def new_row_key() -> str:
    """A plan row's key: random, 128 bits as 32 hex digits."""
    return secrets.token_hex(16)


def plan_row(assessment_id: int, position: int, key: str, item: PlanItem) -> PlanItemRow:
    row = PlanItemRow(assessment_id=assessment_id, position=position, row_key=key)
    set_plan_fields(row, plan_columns(item))
    return row


def to_plan_item(row: PlanItemRow) -> PlanItem:
    return plan_item(row_fields(row))


def _level_text(value: int | str | None) -> str | None:
    return None if value is None else str(value)


def _level_value(text: str | None) -> int | Literal["n/a"] | None:
    if text is None:
        return None
    return NOT_APPLICABLE if text == NOT_APPLICABLE else int(text)


def _holds_rating(current: str | None, ideal: str | None, note: str | None) -> bool:
    """Whether a row's columns hold a capability's rating (else a quiz choice or
    nothing): the one rule of :func:`answer_data` and :func:`documents`."""
    return current is not None or ideal is not None or bool(note)


def answer_data(columns: Mapping[str, str | None]) -> Any:
    """A response row's columns as answers-document data: a rating's mapping, a quiz
    choice, or None (the inverse of :func:`answer_columns`)."""
    current, ideal, note = columns.get("current"), columns.get("ideal"), columns.get("note")
    if _holds_rating(current, ideal, note):
        return {"current": _level_value(current), "ideal": _level_value(ideal), "note": note}
    return columns.get("choice")


def insert_for(session: Session) -> Any:
    """The dialect's INSERT, which knows ON CONFLICT (upserts, insert-if-absent)."""
    from sqlalchemy.dialects import postgresql, sqlite

    name = session.get_bind().dialect.name
    inserts = {"postgresql": postgresql.insert, "sqlite": sqlite.insert}
    if name not in inserts:  # pragma: no cover - not supported
        raise NotImplementedError(f"database {name!r} is not supported")
    return inserts[name]
