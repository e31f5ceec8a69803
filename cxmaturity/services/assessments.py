"""Organisations and their assessments: create, read, answers, plan, KPIs, status,
re-evaluation, and an organisation's record in and out (JSON, CSV).

Each method is one action and one transaction (:class:`cxmaturity.db.UnitOfWork`).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy.exc import InternalError, OperationalError

from ..db import Database
from ..db.mappers import answer_columns
from ..db.repository import Repository
from ..errors import counted
from ..exchange import (
    OrganizationRecord,
    answers_csv_text,
    organization_record,
    validate_import,
)
from ..loader import Catalog
from ..model import Answers, KpiCatalogue, Questionnaire, Rating, kpi_value_problems
from ..planning import PlanItem
from ..records import (
    ANONYMOUS,
    DRAFT,
    FINAL,
    OWNER,
    Assessment,
    Organization,
    clean_name,
)
from .access import (
    Action,
    Actor,
    NotAllowed,
    NotFoundOrNotYours,
    assessment_label,
    organization_label,
    require,
    require_assessment,
    writable,
)
from .catalog import bundled_catalog
from .errors import StorageUnavailable

Team = dict[str, Answers]  # respondent -> answers


@dataclass(frozen=True)
class Round:
    """A stored assessment as a page opens it: a single respondent's answers (``own``)
    or a team's (a workshop's consensus, read only), its plan, and for a
    re-evaluation the previous round's answers."""

    assessment: Assessment
    organization: Organization
    access: str  # the reader's: owner, editor, viewer or admin
    own: Answers | None = None
    team: tuple[Answers, ...] = ()
    plan: tuple[tuple[str, PlanItem], ...] = ()  # each item with its row key
    previous: Answers | None = None

    @property
    def writable(self) -> bool:
        """Whether the reader may change it (a workshop's consensus is changed only by
        agreeing it again in the workshop)."""
        return writable(self.access) and not self.team


class Assessments:
    """Use cases on organisations and their assessments."""

    def __init__(self, database: Database, catalog: Callable[[], Catalog] | None = None) -> None:
        self.database = database
        self.catalog: Callable[[], Catalog] = catalog or bundled_catalog

    # ------------------------------------------------------------ organisations

    def organization(self, organization_id: int) -> Organization | None:
        """The organisation with this id (None if there is none)."""
        with self.database.unit() as uow:
            return uow.repo.organization(organization_id)

    def ensure_organization(self, name: str) -> Organization:
        """The organisation called ``name`` (spaces collapsed), created if it is new."""
        clean = clean_name(name)
        if not clean:
            raise ValueError("an organisation needs a name")
        with self.database.unit() as uow:
            found = uow.repo.ensure_organization(clean)
            uow.commit()
            return found

    # -------------------------------------------------------------- assessments

    def create_assessment(
        self,
        organization: Organization,
        questionnaire: Questionnaire,
        language: str,
        assessed_on: dt.date,
        previous: Assessment | None = None,
    ) -> Assessment:
        with self.database.unit() as uow:
            created = uow.repo.add_round(
                organization.id,
                questionnaire,
                language,
                assessed_on,
                previous_id=previous.id if previous else None,
            )
            uow.commit()
            return created

    def assessment(self, assessment_id: int) -> Assessment | None:
        with self.database.unit() as uow:
            return uow.repo.assessment(assessment_id)

    def assessments(self, organization: Organization) -> list[Assessment]:
        """An organisation's assessments of record, oldest first: a workshop's live
        assessments (each participant's own answers) are not among them; its
        consensus is."""
        with self.database.unit() as uow:
            return uow.repo.assessments_of(organization.id)

    def mark_final(self, assessment: Assessment) -> None:
        """The assessment is the organisation's final one for its round."""
        self._set_status(assessment, FINAL)

    def mark_draft(self, assessment: Assessment) -> None:
        """The assessment is a draft again."""
        self._set_status(assessment, DRAFT)

    def _set_status(self, assessment: Assessment, status: str) -> None:
        with self.database.unit() as uow:
            uow.repo.set_status(assessment.id, status)
            uow.commit()

    def reevaluate(
        self, actor: Actor, previous: Assessment, questionnaire: Questionnaire, day: dt.date
    ) -> tuple[Assessment, Organization]:
        """A new round after ``previous``: empty answers and a copy of last round's
        plan (statuses as they were, for the team to update), in one transaction;
        needs the ``write`` right on the organisation."""
        with self.database.unit() as uow:
            repo = uow.repo
            previous, _ = require_assessment(repo, actor, previous.public_id, Action.WRITE)
            created = repo.add_round(
                previous.organization_id,
                questionnaire,
                previous.language,
                day,
                previous_id=previous.id,
            )
            repo.replace_plan(created.id, repo.plan(previous.id))
            repo.audit(actor.name, "assessment.reevaluate", assessment_label(created),
                       f"after {previous.public_id}")  # fmt: skip
            organization = repo.organization(created.organization_id)
            assert organization is not None
            uow.commit()
            return created, organization

    def open_round(self, actor: Actor, public_id: str, questionnaire_id: str) -> Round:
        """The assessment of a link with everything a page shows of it, read in one
        transaction, or :class:`NotFoundOrNotYours` (no such assessment of this
        questionnaire, or the actor may not read it)."""
        with self.database.unit() as uow:
            repo = uow.repo
            assessment, level = require_assessment(repo, actor, public_id, Action.READ)
            if assessment.questionnaire_id != questionnaire_id:
                raise NotFoundOrNotYours()
            everyone = repo.answers(assessment)
            previous = repo.assessment(assessment.previous_id) if assessment.previous_id else None
            earlier = repo.answers(previous).get(ANONYMOUS) if previous is not None else None
            own = everyone.get(ANONYMOUS)
            is_team = len(everyone) > 1 or (bool(everyone) and own is None)
            organization = repo.organization(assessment.organization_id)
            assert organization is not None
            return Round(
                assessment=assessment,
                organization=organization,
                access=level,
                own=None if is_team else own,
                team=tuple(everyone.values()) if is_team else (),
                plan=tuple(repo.plan_rows(assessment.id)),
                previous=earlier,
            )

    # ------------------------------------------------------------------ answers

    def save_choice(
        self, assessment: Assessment, respondent: str, item: str, choice: str | None
    ) -> None:
        """Store one quiz answer (None clears it)."""
        self._save(assessment, respondent, item, choice)

    def save_rating(
        self, assessment: Assessment, respondent: str, item: str, rating: Rating
    ) -> None:
        """Store one capability's current, ideal and note."""
        self._save(assessment, respondent, item, rating)

    def _save(
        self, assessment: Assessment, respondent: str, item: str, value: Rating | str | None
    ) -> None:
        with self.database.unit() as uow:
            uow.repo.upsert_answer(assessment.id, respondent, item, answer_columns(value))
            uow.commit()

    def replace_answers(self, assessment: Assessment, team: Mapping[str, Answers]) -> None:
        """Replace every answer of the assessment with ``team`` (respondent -> answers),
        in one transaction: readers see the old answers or the new, never a mix."""
        with self.database.unit() as uow:
            uow.repo.replace_answers(assessment.id, team)
            uow.commit()

    def answers(self, assessment: Assessment) -> Team:
        """Each respondent's answers as an answers document (key: respondent name)."""
        with self.database.unit() as uow:
            return uow.repo.answers(assessment)

    def history(self, organization: Organization) -> list[tuple[Assessment, Team]]:
        """Every assessment of record of the organisation with its answers."""
        with self.database.unit() as uow:
            return uow.repo.history(organization)

    def history_version(self, organization: Organization) -> tuple[Any, ...]:
        """Changes whenever an assessment or answer of the organisation changes (cheap)."""
        with self.database.unit() as uow:
            return uow.repo.history_version(organization.id)

    # ------------------------------------------------------------- plan, KPIs

    def save_plan(self, assessment: Assessment, items: Sequence[PlanItem]) -> None:
        """Replace the assessment's plan, all at once."""
        with self.database.unit() as uow:
            uow.repo.replace_plan(assessment.id, items)
            uow.commit()

    def plan(self, assessment: Assessment) -> list[PlanItem]:
        with self.database.unit() as uow:
            return uow.repo.plan(assessment.id)

    def previous_plan(self, actor: Actor, public_id: str) -> list[PlanItem]:
        """The plan of the round a re-evaluation follows (empty for a first round), for
        someone who may read the organisation."""
        with self.database.unit() as uow:
            found, _ = require_assessment(uow.repo, actor, public_id, Action.READ)
            return uow.repo.plan(found.previous_id) if found.previous_id is not None else []

    def kpi_catalogue(self) -> KpiCatalogue | None:
        """The KPIs offered (None when the KPI catalogue cannot be read)."""
        return self.catalog().kpis

    def save_kpis(self, assessment: Assessment, values: dict[str, float | None]) -> None:
        """Set (or, with None, clear) business and operational metrics."""
        self._check_kpis(values)
        with self.database.unit() as uow:
            uow.repo.set_kpis(assessment.id, values)
            uow.commit()

    def change_details(
        self,
        actor: Actor,
        assessment: Assessment,
        changes: Mapping[str, float | bool | None],
        base: Mapping[str, float | bool | None],
    ) -> dict[str, float | bool | None]:
        """Change KPI values (None clears one) and the final/draft status (``final``),
        each on its own: a field is written only if it still holds what the person's
        form started from (``base``); one action, needing the ``write`` right. Returns
        the fields someone else changed meanwhile, with their stored values (those are
        not written). A database that fails raises StorageUnavailable."""
        self._check_kpis({k: _number(v) for k, v in changes.items() if k != FINAL_FIELD})
        try:
            return self._change_details(actor, assessment, changes, base)
        except (OperationalError, InternalError) as error:  # the database, not the data
            raise StorageUnavailable(str(error)) from error

    def _change_details(
        self,
        actor: Actor,
        assessment: Assessment,
        changes: Mapping[str, float | bool | None],
        base: Mapping[str, float | bool | None],
    ) -> dict[str, float | bool | None]:
        with self.database.unit(write=True) as uow:
            found, _ = require_assessment(uow.repo, actor, assessment.public_id, Action.WRITE)
            locked = uow.repo.lock_assessment(found.id) or found
            stored = self._details(uow.repo.kpis(found.id), locked.final)
            theirs = {k: stored.get(k) for k in changes if stored.get(k) != base.get(k)}
            written = {k: v for k, v in changes.items() if k not in theirs}
            kpis = {k: _number(v) for k, v in written.items() if k != FINAL_FIELD}
            if kpis:
                uow.repo.set_kpis(found.id, kpis)
            if FINAL_FIELD in written:
                uow.repo.set_status(found.id, FINAL if written[FINAL_FIELD] else DRAFT)
            if written:
                shown = ", ".join(f"{k}={v}" for k, v in written.items())
                uow.repo.audit(actor.name, "assessment.details", assessment_label(found), shown)
            uow.commit()
            return theirs

    def details_of(self, actor: Actor, assessment: Assessment) -> dict[str, float | bool | None]:
        """The KPI values and the final flag (``final``) of an assessment the actor may
        read, as :meth:`change_details` compares them."""
        with self.database.unit() as uow:
            found, _ = require_assessment(uow.repo, actor, assessment.public_id, Action.READ)
            return self._details(uow.repo.kpis(found.id), found.final)

    def kpi_rounds(
        self, actor: Actor, organization: Organization
    ) -> list[tuple[dt.date, dict[str, float]]]:
        """The KPI values of every assessment of the organisation (oldest first), with
        its date, for an actor who may read it."""
        with self.database.unit() as uow:
            require(uow.repo, actor, organization.id, Action.READ)
            rounds = uow.repo.assessments_of(organization.id)
            values = uow.repo.kpis_of([a.id for a in rounds])
            return [(a.assessed_on, values[a.id]) for a in rounds]

    def kpis(self, assessment: Assessment) -> dict[str, float]:
        with self.database.unit() as uow:
            return uow.repo.kpis(assessment.id)

    def counts(self) -> dict[str, int]:
        """Rows per table (for checks and tests)."""
        with self.database.unit() as uow:
            return uow.repo.counts()

    def _details(self, kpis: Mapping[str, float], final: bool) -> dict[str, float | bool | None]:
        """An assessment's details as one mapping: every KPI of the catalogue (None: not
        given) and ``final``."""
        catalogue = self.kpi_catalogue()
        ids = catalogue.ids if catalogue else []
        return {**{kpi_id: kpis.get(kpi_id) for kpi_id in ids}, FINAL_FIELD: final}

    def _check_kpis(self, values: Mapping[str, float | None]) -> None:
        """Refuses values of KPIs the catalogue does not define, or out of their range."""
        wrong = kpi_value_problems(self.kpi_catalogue(), values)
        if wrong:
            raise ValueError("; ".join(wrong.values()))

    # -------------------------------------------------------- record in and out

    def export_record(self, actor: Actor, organization: Organization) -> dict[str, Any]:
        """The organisation's whole record (format in :mod:`cxmaturity.exchange`), for
        an actor who may read it."""
        with self.database.unit() as uow:
            require(uow.repo, actor, organization.id, Action.READ)
            rounds = [
                (a, uow.repo.answers(a), uow.repo.plan(a.id), uow.repo.kpis(a.id))
                for a in uow.repo.assessments_of(organization.id)
            ]
        return organization_record(organization, rounds)

    def export_json(self, actor: Actor, organization: Organization) -> bytes:
        record = self.export_record(actor, organization)
        return json.dumps(record, ensure_ascii=False, indent=1).encode("utf-8")

    def answers_csv(self, actor: Actor, organization: Organization) -> str:
        """Every answer of every assessment of the organisation, one row each."""
        return answers_csv_text(organization, self.export_record(actor, organization))

    def import_organization(
        self, actor: Actor, raw: bytes, name: str, catalog: Catalog, rename: str | None = None
    ) -> Organization:
        """Validate the whole file, then write it as a new organisation owned by the
        actor (a consultant or an admin) in one transaction; an invalid or hostile file
        changes nothing. Names are unique per owner: a name the actor already owns is
        refused (``rename`` gives another)."""
        account = actor.account
        if not actor.creates_organizations or account is None:
            raise NotAllowed("only consultants and admins import organisations")
        with self.database.unit() as uow:
            existing = {o.name for o, level in uow.repo.memberships(account.id) if level == OWNER}
        record, target = validate_import(raw, name, catalog, existing, rename)
        with self.database.unit() as uow:
            created = self._write_record(uow.repo, record, target)
            uow.repo.set_access(created.id, account.id, OWNER)
            uow.repo.audit(actor.name, "organization.import", organization_label(created),
                           counted(len(record.assessments), "assessment"))  # fmt: skip
            uow.commit()
            return created

    @staticmethod
    def _write_record(repo: Repository, record: OrganizationRecord, target: str) -> Organization:
        organization = repo.add_organization(target)
        ids: dict[int, int] = {}
        for assessment in record.assessments:  # previous always refers to an earlier one
            row = repo.add_assessment(
                organization.id,
                assessment.questionnaire,
                assessment.questionnaire_version,
                assessment.language,
                assessment.assessed_on,
                previous_id=ids.get(assessment.previous) if assessment.previous else None,
                status=assessment.status,
            )
            ids[assessment.key] = row.id
            for response in assessment.responses:
                columns = {
                    "choice": response.choice,
                    "current": response.current,
                    "ideal": response.ideal,
                    "note": response.note,
                }
                repo.add_response(row.id, response.respondent, response.item, columns)
            repo.replace_plan(row.id, assessment.plan)
            repo.set_kpis(row.id, {str(k): v for k, v in assessment.kpis.items()})
        return organization


FINAL_FIELD = "final"  # the final/draft status among an assessment's details


def _number(value: float | bool | None) -> float | None:
    return None if value is None else float(value)
