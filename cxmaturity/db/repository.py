"""The only code that queries or writes table rows. A :class:`Repository` works inside
one SQLAlchemy session, opened by a unit of work (:mod:`cxmaturity.db.uow`): it never
commits; the unit of work commits the whole action at once, or rolls it back.

Every method takes and returns plain values (:mod:`cxmaturity.records`, engine
documents), never rows.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Collection, Mapping, Sequence
from typing import Any, cast

from sqlalchemy import Select, delete, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ..model import Answers, Questionnaire
from ..planning import PlanItem
from ..records import (
    DRAFT,
    PARTICIPANT_PREFIX,
    Assessment,
    Organization,
    Participant,
    Workshop,
    participant_id,
)
from .account_queries import AccountQueries
from .mappers import (
    ANSWER_COLUMNS,
    AnswerRow,
    answer_columns,
    answer_select,
    by_assessment,
    documents,
    insert_for,
    new_row_key,
    plan_row,
    row_fields,
    set_plan_fields,
    to_assessment,
    to_organization,
    to_participant,
    to_plan_item,
    to_workshop,
)
from .tables import (
    AssessmentRow,
    FirstVoteRow,
    KpiRow,
    MembershipRow,
    OrganizationRow,
    ParticipantRow,
    PlanItemRow,
    ResponseRow,
    WorkshopAssessmentRow,
    WorkshopRow,
    utcnow,
)


class Repository(AccountQueries):
    """Queries and writes of one unit of work (accounts and access: :class:`AccountQueries`)."""

    def __init__(self, session: Session) -> None:
        self.session = session

    # ------------------------------------------------------------ organisations

    def organization(self, organization_id: int) -> Organization | None:
        row = self.session.get(OrganizationRow, organization_id)
        return to_organization(row) if row is not None else None

    def organization_named(self, name: str) -> Organization | None:
        row = self.session.scalar(
            select(OrganizationRow)
            .where(OrganizationRow.name == name)
            .order_by(OrganizationRow.id)
            .limit(1)
        )
        return to_organization(row) if row is not None else None

    def add_organization(self, name: str) -> Organization:
        row = OrganizationRow(name=name)
        self.session.add(row)
        self.session.flush()
        return to_organization(row)

    def add_owned_organization(self, name: str, account_id: int) -> tuple[Organization, bool]:
        """A new organisation created by the account, or (another request created it a
        moment ago) the one it has of that name; True when new."""
        try:
            with self.session.begin_nested():
                row = OrganizationRow(name=name, created_by=account_id)
                self.session.add(row)
                self.session.flush()
        except IntegrityError:
            found = self.session.scalar(
                select(OrganizationRow).where(
                    OrganizationRow.created_by == account_id, OrganizationRow.name == name
                )
            )
            assert found is not None
            return to_organization(found), False
        return to_organization(row), True

    def ensure_organization(self, name: str) -> Organization:
        """The organisation called ``name``, added if there is none."""
        if not name:
            raise ValueError("an organisation needs a name")
        return self.organization_named(name) or self.add_organization(name)

    def organization_with_public_id(self, public_id: str) -> Organization | None:
        row = self.session.scalar(
            select(OrganizationRow).where(OrganizationRow.public_id == public_id[:32])
        )
        return to_organization(row) if row is not None else None

    def owned_named(self, account_id: int, name: str) -> Organization | None:
        """The organisation of that name the account owns (names are unique per owner)."""
        row = self.session.scalar(
            select(OrganizationRow)
            .join(MembershipRow, MembershipRow.organization_id == OrganizationRow.id)
            .where(
                MembershipRow.account_id == account_id,
                MembershipRow.access == "owner",
                OrganizationRow.name == name,
            )
            .order_by(OrganizationRow.id)
            .limit(1)
        )
        return to_organization(row) if row is not None else None

    def delete_organization(self, organization_id: int) -> None:
        """The organisation and everything of it (assessments, answers, plans, KPIs,
        workshops, memberships: the foreign keys cascade)."""
        self.session.execute(delete(OrganizationRow).where(OrganizationRow.id == organization_id))

    def organizations(self) -> list[Organization]:
        rows = self.session.scalars(select(OrganizationRow).order_by(OrganizationRow.name))
        return [to_organization(r) for r in rows]

    # -------------------------------------------------------------- assessments

    def add_assessment(
        self,
        organization_id: int,
        questionnaire_id: str,
        questionnaire_version: str,
        language: str,
        assessed_on: dt.date,
        *,
        previous_id: int | None = None,
        status: str = DRAFT,
    ) -> Assessment:
        row = AssessmentRow(
            organization_id=organization_id,
            questionnaire_id=questionnaire_id,
            questionnaire_version=questionnaire_version,
            assessed_on=assessed_on,
            language=language,
            status=status,
            previous_id=previous_id,
        )
        self.session.add(row)
        self.session.flush()
        return to_assessment(row)

    def add_round(
        self,
        organization_id: int,
        questionnaire: Questionnaire,
        language: str,
        assessed_on: dt.date,
        *,
        previous_id: int | None = None,
    ) -> Assessment:
        """A new draft assessment of ``questionnaire`` (its id and version stored with it)."""
        return self.add_assessment(
            organization_id, questionnaire.id, str(questionnaire.version), language, assessed_on,
            previous_id=previous_id,
        )  # fmt: skip

    def assessment(self, assessment_id: int) -> Assessment | None:
        row = self.session.get(AssessmentRow, assessment_id)
        return to_assessment(row) if row is not None else None

    def assessment_with_public_id(self, public_id: str) -> Assessment | None:
        row = self.session.scalar(
            select(AssessmentRow).where(AssessmentRow.public_id == public_id[:32])
        )
        return to_assessment(row) if row is not None else None

    def delete_assessment(self, assessment_id: int) -> None:
        """The assessment with its answers, plan and KPIs (the foreign keys cascade)."""
        self.session.execute(delete(AssessmentRow).where(AssessmentRow.id == assessment_id))

    def assessments_of(self, organization_id: int) -> list[Assessment]:
        """An organisation's assessments of record, oldest first (a workshop's live
        assessments are not among them; its consensus is)."""
        live = select(WorkshopAssessmentRow.assessment_id)
        rows = self.session.scalars(
            select(AssessmentRow)
            .where(AssessmentRow.organization_id == organization_id)
            .where(AssessmentRow.id.not_in(live))
            .order_by(AssessmentRow.assessed_on, AssessmentRow.id)
        )
        return [to_assessment(r) for r in rows]

    def lock_assessment(self, assessment_id: int) -> Assessment | None:
        """The assessment, its row locked until the transaction ends (PostgreSQL; on
        SQLite a write unit holds the database's write lock): changes compared against
        what is stored happen one after the other."""
        row = self.session.scalar(
            select(AssessmentRow).where(AssessmentRow.id == assessment_id).with_for_update()
        )
        return to_assessment(row) if row is not None else None

    def set_status(self, assessment_id: int, status: str) -> None:
        row = self.session.get(AssessmentRow, assessment_id)
        if row is None:
            raise KeyError(assessment_id)
        row.status = status

    # ------------------------------------------------------------------ answers

    def upsert_answer(
        self, assessment_id: int, respondent: str, item: str, columns: Mapping[str, Any]
    ) -> None:
        """Insert or update one respondent's answer to one item (no lost update between
        concurrent writers: the database resolves the conflict)."""
        key = {"assessment_id": assessment_id, "respondent": respondent[:300], "item_id": item}
        insert = insert_for(self.session)
        statement = insert(ResponseRow).values(**key, **columns, updated_at=utcnow())
        statement = statement.on_conflict_do_update(
            index_elements=["assessment_id", "respondent", "item_id"],
            set_={**columns, "updated_at": utcnow()},
        )
        self.session.execute(statement)

    def change_answer(
        self,
        assessment_id: int,
        respondent: str,
        item: str,
        changes: Mapping[str, str | None],
        expected: Mapping[str, str | None],
    ) -> dict[str, str | None] | None:
        """Write only the changed columns of one answer, if each still holds the value
        the writer started from (``expected``); otherwise write nothing and return the
        stored columns (a change made on a stale copy). The row is locked while it is
        compared (PostgreSQL; on SQLite the unit holds the write lock)."""
        row = self.session.scalar(
            select(ResponseRow)
            .where(
                ResponseRow.assessment_id == assessment_id,
                ResponseRow.respondent == respondent[:300],
                ResponseRow.item_id == item,
            )
            .with_for_update()
        )
        stored = {c: getattr(row, c) if row is not None else None for c in ANSWER_COLUMNS}
        if any(stored[c] != expected.get(c) for c in changes):
            return stored
        if row is None:
            self.add_response(assessment_id, respondent, item, {**stored, **changes})
        else:
            for column, value in changes.items():
                setattr(row, column, value)
            row.updated_at = utcnow()
        self.session.flush()
        return None

    def replace_answers(self, assessment_id: int, team: Mapping[str, Answers]) -> None:
        """Every answer of the assessment replaced by ``team`` (respondent -> answers)."""
        self.session.execute(delete(ResponseRow).where(ResponseRow.assessment_id == assessment_id))
        for respondent, answers in team.items():
            for item, value in answers.answers.items():
                if value is not None:
                    self.add_response(assessment_id, respondent, item, answer_columns(value))

    def add_response(
        self, assessment_id: int, respondent: str, item: str, columns: Mapping[str, Any]
    ) -> None:
        self.session.add(
            ResponseRow(
                assessment_id=assessment_id,
                respondent=respondent[:300],
                item_id=item,
                updated_at=utcnow(),
                **columns,
            )
        )

    def _answer_rows(self, query: Select[Any]) -> list[AnswerRow]:
        """An answer-column select's rows as plain tuples, fetched from the driver's
        own cursor on the session's connection (in its transaction). A team of 1,000
        is 25,000 rows: SQLAlchemy's result rows cost three times the fetch itself."""
        connection = self.session.connection()
        compiled = query.compile(
            dialect=connection.dialect, compile_kwargs={"render_postcompile": True}
        )
        values = compiled.construct_params()
        parameters: Any = (
            tuple(values[name] for name in compiled.positiontup or ())
            if compiled.positional
            else values
        )
        cursor = connection.connection.cursor()
        try:
            cursor.execute(compiled.string, parameters)
            return cast("list[AnswerRow]", cursor.fetchall())
        finally:
            cursor.close()

    def answers(self, assessment: Assessment) -> dict[str, Answers]:
        """Each respondent's answers as an answers document (key: respondent)."""
        rows = self._answer_rows(
            answer_select(ResponseRow)
            .where(ResponseRow.assessment_id == assessment.id)
            .order_by(ResponseRow.respondent, ResponseRow.id)
        )
        organization = self.session.get(OrganizationRow, assessment.organization_id)
        return documents(assessment, organization.name if organization else None, rows)

    def history(self, organization: Organization) -> list[tuple[Assessment, dict[str, Answers]]]:
        """Every assessment of record of the organisation with its answers, in two queries."""
        assessments = self.assessments_of(organization.id)
        rows = self._answer_rows(
            answer_select(ResponseRow)
            .join(AssessmentRow, AssessmentRow.id == ResponseRow.assessment_id)
            .where(AssessmentRow.organization_id == organization.id)
            .order_by(ResponseRow.assessment_id, ResponseRow.respondent, ResponseRow.id)
        )
        grouped = by_assessment(rows)
        return [(a, documents(a, organization.name, grouped.get(a.id, []))) for a in assessments]

    def assessments_of_many(self, organization_ids: Sequence[int]) -> list[Assessment]:
        """The assessments of record of these organisations (one query), by organisation,
        then oldest first."""
        if not organization_ids:
            return []
        live = select(WorkshopAssessmentRow.assessment_id)
        rows = self.session.scalars(
            select(AssessmentRow)
            .where(AssessmentRow.organization_id.in_(list(organization_ids)))
            .where(AssessmentRow.id.not_in(live))
            .order_by(AssessmentRow.organization_id, AssessmentRow.assessed_on, AssessmentRow.id)
        )
        return [to_assessment(r) for r in rows]

    def answers_of_many(
        self, assessments: Sequence[Assessment], names: Mapping[int, str]
    ) -> dict[int, dict[str, Answers]]:
        """Each assessment's answers by respondent (one query; ``names``: organisation
        id -> name, written into the answers documents)."""
        if not assessments:
            return {}
        rows = self._answer_rows(
            answer_select(ResponseRow)
            .where(ResponseRow.assessment_id.in_([a.id for a in assessments]))
            .order_by(ResponseRow.assessment_id, ResponseRow.respondent, ResponseRow.id)
        )
        grouped = by_assessment(rows)
        return {
            a.id: documents(a, names.get(a.organization_id), grouped.get(a.id, []))
            for a in assessments
        }

    def plans_of_many(self, assessment_ids: Sequence[int]) -> dict[int, list[PlanItem]]:
        """Each assessment's plan in order (one query); an assessment without one is absent."""
        if not assessment_ids:
            return {}
        rows = self.session.scalars(
            select(PlanItemRow)
            .where(PlanItemRow.assessment_id.in_(list(assessment_ids)))
            .order_by(PlanItemRow.assessment_id, PlanItemRow.position, PlanItemRow.id)
        )
        found: dict[int, list[PlanItem]] = {}
        for row in rows:
            found.setdefault(row.assessment_id, []).append(to_plan_item(row))
        return found

    def set_profile(self, organization_id: int, sector: str, size: str) -> None:
        """An organisation's sector and size."""
        row = self.session.get(OrganizationRow, organization_id)
        if row is None:
            raise KeyError(organization_id)
        row.sector, row.size = sector, size

    def history_version(self, organization_id: int) -> tuple[Any, ...]:
        """Changes whenever an assessment or answer of the organisation changes (cheap)."""
        assessments = self.session.execute(
            select(
                func.count(AssessmentRow.id),
                func.max(AssessmentRow.id),
                func.sum(func.length(AssessmentRow.status)),
            ).where(AssessmentRow.organization_id == organization_id)
        ).one()
        responses = self.session.execute(
            select(func.count(ResponseRow.id), func.max(ResponseRow.updated_at))
            .join(AssessmentRow, AssessmentRow.id == ResponseRow.assessment_id)
            .where(AssessmentRow.organization_id == organization_id)
        ).one()
        return (*assessments, *responses)

    # ------------------------------------------------------------- plan, KPIs

    def replace_plan(self, assessment_id: int, items: Sequence[PlanItem]) -> None:
        """The whole plan replaced by ``items`` (an import, a new round), new row keys."""
        self.session.execute(delete(PlanItemRow).where(PlanItemRow.assessment_id == assessment_id))
        for position, item in enumerate(items):
            self.session.add(plan_row(assessment_id, position, new_row_key(), item))

    def plan(self, assessment_id: int) -> list[PlanItem]:
        return [item for _, item in self.plan_rows(assessment_id)]

    def plan_rows(self, assessment_id: int) -> list[tuple[str, PlanItem]]:
        """The plan's items in order, each with its row key."""
        rows = self.session.scalars(
            select(PlanItemRow)
            .where(PlanItemRow.assessment_id == assessment_id)
            .order_by(PlanItemRow.position, PlanItemRow.id)
        )
        return [(r.row_key, to_plan_item(r)) for r in rows]

    def change_plan_row(
        self,
        assessment_id: int,
        key: str,
        fields: Mapping[str, str | None] | None,
        expected: Mapping[str, str | None] | None,
    ) -> dict[str, str | None] | None:
        """One plan row changed on its own, if it still holds what the writer started
        from. ``expected`` None: a new row (``fields``, all of them); ``fields`` None:
        delete the row; otherwise write the fields that differ from ``expected``.
        Returns None when written; otherwise nothing is written and the row as stored
        is returned (``{}``: no such row any more), for a change made on a stale copy.
        The row is locked while compared (PostgreSQL; on SQLite the unit holds the
        write lock)."""
        row = self.session.scalar(
            select(PlanItemRow)
            .where(PlanItemRow.assessment_id == assessment_id, PlanItemRow.row_key == key[:32])
            .with_for_update()
        )
        stored = row_fields(row) if row is not None else {}
        if expected is None:  # a new row, written once (a retry finds it stored)
            if row is not None:
                return None if stored == dict(fields or {}) else stored
            if fields is not None:
                self._add_plan_row(assessment_id, key[:32], fields)
            return None
        if row is None:
            return stored  # deleted meanwhile
        if fields is None:  # a deletion: only of the row as the writer saw it
            if stored != dict(expected):
                return stored
            self.session.delete(row)
        else:
            changes = {c: v for c, v in fields.items() if v != expected.get(c)}
            if any(stored.get(c) != expected.get(c) for c in changes):
                return stored
            set_plan_fields(row, changes)
        self.session.flush()
        return None

    def _add_plan_row(self, assessment_id: int, key: str, fields: Mapping[str, str | None]) -> None:
        last = self.session.scalar(
            select(func.max(PlanItemRow.position)).where(PlanItemRow.assessment_id == assessment_id)
        )
        row = PlanItemRow(assessment_id=assessment_id, row_key=key, position=(last or 0) + 1)
        set_plan_fields(row, fields)
        self.session.add(row)
        self.session.flush()

    def set_kpis(self, assessment_id: int, values: Mapping[str, float | None]) -> None:
        for name, value in values.items():
            self.session.execute(
                delete(KpiRow).where(KpiRow.assessment_id == assessment_id, KpiRow.name == name)
            )
            if value is not None:
                self.session.add(KpiRow(assessment_id=assessment_id, name=name, value=value))

    def kpis(self, assessment_id: int) -> dict[str, float]:
        rows = self.session.scalars(select(KpiRow).where(KpiRow.assessment_id == assessment_id))
        return {r.name: r.value for r in rows}

    def kpis_of(self, assessment_ids: Sequence[int]) -> dict[int, dict[str, float]]:
        """The KPI values of several assessments at once, by assessment id."""
        found: dict[int, dict[str, float]] = {i: {} for i in assessment_ids}
        query = select(KpiRow.assessment_id, KpiRow.name, KpiRow.value).where(
            KpiRow.assessment_id.in_(list(assessment_ids))
        )
        for assessment_id, name, value in self.session.execute(query):
            found[assessment_id][name] = value
        return found

    def counts(self) -> dict[str, int]:
        """Rows per table (for checks and tests)."""
        tables = (OrganizationRow, AssessmentRow, ResponseRow, PlanItemRow, KpiRow)
        return {
            t.__tablename__: self.session.scalar(select(func.count()).select_from(t)) or 0
            for t in tables
        }

    # ---------------------------------------------------------------- workshops

    def add_workshop(
        self,
        organization_id: int,
        code: str,
        language: str,
        anonymous: bool,
        status: str,
        *,
        hide_results: bool = False,
        closes_on: dt.date | None = None,
        groups: Sequence[str] = (),
    ) -> Workshop:
        row = WorkshopRow(
            organization_id=organization_id,
            code=code,
            language=language,
            anonymous=anonymous,
            status=status,
            hide_results=hide_results,
            revealed="",
            closes_on=closes_on,
            groups=json.dumps(list(groups), ensure_ascii=False),
        )
        self.session.add(row)
        self.session.flush()
        return to_workshop(row)

    def link_live(self, workshop_id: int, assessment_id: int) -> None:
        self.session.add(
            WorkshopAssessmentRow(workshop_id=workshop_id, assessment_id=assessment_id)
        )

    def workshop(self, workshop_id: int) -> Workshop | None:
        row = self.session.get(WorkshopRow, workshop_id)
        return to_workshop(row) if row is not None else None

    def workshop_with_public_id(self, public_id: str) -> Workshop | None:
        row = self.session.scalar(
            select(WorkshopRow).where(WorkshopRow.public_id == public_id[:32])
        )
        return to_workshop(row) if row is not None else None

    def delete_workshop(self, workshop_id: int) -> None:
        """The workshop, its participants and their live assessments; a consensus it
        agreed stays (it is the organisation's assessment of record)."""
        live = [a.id for a in self.live_assessments(workshop_id)]
        self.session.execute(delete(WorkshopRow).where(WorkshopRow.id == workshop_id))
        if live:
            self.session.execute(delete(AssessmentRow).where(AssessmentRow.id.in_(live)))

    def workshop_with_code(self, code: str) -> Workshop | None:
        row = self.session.scalar(select(WorkshopRow).where(WorkshopRow.code == code))
        return to_workshop(row) if row is not None else None

    def set_workshop_status(self, workshop_id: int, status: str) -> None:
        row = self.session.get(WorkshopRow, workshop_id)
        if row is not None:
            row.status = status

    def open_second_vote(self, workshop: Workshop, items: Mapping[str, tuple[int, str]]) -> None:
        """Keep every participant's present answer to these items (item key -> live
        assessment id, item id) as their first vote, and list the items as in a second
        vote. An item already in a second vote keeps its first votes."""
        keys = set(workshop.second_vote)
        for key, (assessment_id, item_id) in items.items():
            if key in keys:
                continue
            keys.add(key)
            rows = self.session.scalars(
                select(ResponseRow)
                .where(ResponseRow.assessment_id == assessment_id)
                .where(ResponseRow.item_id == item_id)
                .where(ResponseRow.respondent.like(f"{PARTICIPANT_PREFIX}%"))
            )
            for row in rows:
                self.session.add(
                    FirstVoteRow(assessment_id=assessment_id, respondent=row.respondent,
                                 item_id=item_id, **{c: getattr(row, c) for c in ANSWER_COLUMNS})
                )  # fmt: skip
        found = self.session.get(WorkshopRow, workshop.id)
        if found is not None:
            found.second_vote = " ".join(sorted(keys))

    def first_votes(self, workshop: Workshop) -> dict[int, dict[int, Answers]]:
        """Per live assessment, each participant's first votes (items in a second vote
        only; key: participant id)."""
        assessments = {a.id: a for a in self.live_assessments(workshop.id)}
        rows = self._answer_rows(
            answer_select(FirstVoteRow)
            .where(FirstVoteRow.assessment_id.in_(list(assessments)))
            .order_by(FirstVoteRow.assessment_id, FirstVoteRow.respondent, FirstVoteRow.id)
        )
        found: dict[int, dict[int, Answers]] = {a: {} for a in assessments}
        for assessment_id, chunk in by_assessment(rows).items():
            for respondent, answers in documents(assessments[assessment_id], None, chunk).items():
                found[assessment_id][participant_id(respondent)] = answers
        return found

    def set_workshop_closing(self, workshop_id: int, closes_on: dt.date | None) -> None:
        row = self.session.get(WorkshopRow, workshop_id)
        if row is not None:
            row.closes_on = closes_on

    def set_revealed(self, workshop_id: int, revealed: Collection[str]) -> None:
        """The presenter view's revealed item keys (no spaces in a key)."""
        row = self.session.get(WorkshopRow, workshop_id)
        if row is not None:
            row.revealed = " ".join(revealed)

    def anonymous_live(self, assessment_id: int) -> bool:
        """Whether the assessment is the live one of an anonymous workshop."""
        found = self.session.scalar(
            select(WorkshopRow.anonymous)
            .join(WorkshopAssessmentRow, WorkshopAssessmentRow.workshop_id == WorkshopRow.id)
            .where(WorkshopAssessmentRow.assessment_id == assessment_id)
            .limit(1)
        )
        return bool(found)

    def workshops(
        self, organization_ids: Collection[int] | None = None
    ) -> list[tuple[Workshop, Organization]]:
        """Every workshop (of these organisations) with its organisation, newest first."""
        query = select(WorkshopRow, OrganizationRow).join(
            OrganizationRow, OrganizationRow.id == WorkshopRow.organization_id
        )
        if organization_ids is not None:
            query = query.where(WorkshopRow.organization_id.in_(list(organization_ids)))
        rows = self.session.execute(query.order_by(WorkshopRow.id.desc())).all()
        return [(to_workshop(w), to_organization(o)) for w, o in rows]

    def live_assessments(self, workshop_id: int) -> list[Assessment]:
        """The workshop's live assessments, in the order the questionnaires were given."""
        rows = self.session.scalars(
            select(AssessmentRow)
            .join(WorkshopAssessmentRow, WorkshopAssessmentRow.assessment_id == AssessmentRow.id)
            .where(WorkshopAssessmentRow.workshop_id == workshop_id)
            .order_by(WorkshopAssessmentRow.id)
        )
        return [to_assessment(r) for r in rows]

    def add_participant(self, workshop_id: int, name: str, token_hash: str) -> Participant:
        row = ParticipantRow(workshop_id=workshop_id, name=name, token_hash=token_hash)
        self.session.add(row)
        self.session.flush()
        return to_participant(row)

    def set_participant_group(self, participant_id: int, group: str) -> None:
        row = self.session.get(ParticipantRow, participant_id)
        if row is not None:
            row.group_name = group

    def participant_with_token(self, token_hash: str) -> tuple[Workshop, Participant] | None:
        found = self.session.execute(
            select(ParticipantRow, WorkshopRow)
            .join(WorkshopRow, WorkshopRow.id == ParticipantRow.workshop_id)
            .where(ParticipantRow.token_hash == token_hash)
        ).first()
        if found is None:
            return None
        return to_workshop(found[1]), to_participant(found[0])

    def participants(self, workshop_id: int) -> list[Participant]:
        rows = self.session.scalars(
            select(ParticipantRow)
            .where(ParticipantRow.workshop_id == workshop_id)
            .order_by(ParticipantRow.id)
        )
        return [to_participant(r) for r in rows]

    def participant_answers(self, workshop: Workshop) -> dict[int, dict[int, Answers]]:
        """Per live assessment, each participant's answers (key: participant id)."""
        assessments = {a.id: a for a in self.live_assessments(workshop.id)}
        rows = self._answer_rows(
            answer_select(ResponseRow)
            .where(ResponseRow.assessment_id.in_(list(assessments)))
            .where(ResponseRow.respondent.like(f"{PARTICIPANT_PREFIX}%"))
            .order_by(ResponseRow.assessment_id, ResponseRow.respondent, ResponseRow.id)
        )
        organization = self.session.get(OrganizationRow, workshop.organization_id)
        name = organization.name if organization else None
        team: dict[int, dict[int, Answers]] = {a: {} for a in assessments}
        for assessment_id, chunk in by_assessment(rows).items():
            for respondent, answers in documents(assessments[assessment_id], name, chunk).items():
                team[assessment_id][participant_id(respondent)] = answers
        return team

    def workshop_version(self, workshop_id: int) -> tuple[object, ...]:
        """Changes whenever someone joins or answers (cheap: for caching the dashboard)."""
        live = select(WorkshopAssessmentRow.assessment_id).where(
            WorkshopAssessmentRow.workshop_id == workshop_id
        )
        answers = self.session.execute(
            select(func.count(ResponseRow.id), func.max(ResponseRow.updated_at)).where(
                ResponseRow.assessment_id.in_(live)
            )
        ).one()
        people = self.session.execute(
            select(func.count(ParticipantRow.id), func.max(ParticipantRow.id)).where(
                ParticipantRow.workshop_id == workshop_id
            )
        ).one()
        status = self.session.scalar(
            select(WorkshopRow.status).where(WorkshopRow.id == workshop_id)
        )
        return (*answers, *people, status)

    def consensus_of(self, workshop_id: int, live_id: int) -> Assessment | None:
        """The assessment agreed from one live assessment, if saved."""
        link = self._link(workshop_id, live_id)
        if link is None or link.consensus_id is None:
            return None
        return self.assessment(link.consensus_id)

    def link_consensus(self, workshop_id: int, live_id: int, consensus_id: int) -> None:
        link = self._link(workshop_id, live_id)
        if link is None:
            raise KeyError((workshop_id, live_id))
        link.consensus_id = consensus_id

    def source_of(self, consensus_id: int) -> tuple[Workshop, Assessment] | None:
        """The workshop and live assessment a consensus was agreed from."""
        link = self.session.scalar(
            select(WorkshopAssessmentRow).where(WorkshopAssessmentRow.consensus_id == consensus_id)
        )
        if link is None:
            return None
        workshop = self.workshop(link.workshop_id)
        live = self.assessment(link.assessment_id)
        return (workshop, live) if workshop is not None and live is not None else None

    def is_live(self, assessment_id: int) -> bool:
        """Whether the assessment is a workshop's live one (participants' own answers)."""
        found = self.session.scalar(
            select(WorkshopAssessmentRow.id)
            .where(WorkshopAssessmentRow.assessment_id == assessment_id)
            .limit(1)
        )
        return found is not None

    def _link(self, workshop_id: int, live_id: int) -> WorkshopAssessmentRow | None:
        return self.session.scalar(
            select(WorkshopAssessmentRow).where(
                WorkshopAssessmentRow.workshop_id == workshop_id,
                WorkshopAssessmentRow.assessment_id == live_id,
            )
        )
