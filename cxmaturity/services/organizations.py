"""Organisations as a signed-in account sees them: create (consultants and admins,
who become owners), list what the account may see, share, delete, open by the public
id of a link, import answers files, and the audit log. Every method takes the acting
:class:`~cxmaturity.services.access.Actor` and checks its right in the same
transaction as the action (:mod:`cxmaturity.services.access`).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass

from ..db import Database
from ..db.mappers import answer_columns
from ..db.repository import Repository
from ..model import Answers, Questionnaire
from ..records import (
    ACCESS_LEVELS,
    ADMIN,
    ANONYMOUS,
    MAX_SECTOR,
    OWNER,
    SIZES,
    Account,
    Assessment,
    AuditEntry,
    Organization,
    Workshop,
    clean_name,
)
from .access import (
    Action,
    Actor,
    NotAllowed,
    access_level,
    assessment_label,
    grants,
    organization_label,
    require,
    require_admin,
    require_assessment,
    require_workshop,
)
from .accounts import AccountError, normalize_email


@dataclass(frozen=True)
class Imported:
    """One answers file stored: where it went, and the link that opens it."""

    organization: Organization
    assessment: Assessment
    link: str


def results_link(assessment: Assessment) -> str:
    """The app-relative link of an assessment's results (for someone with the right)."""
    return f"/results?questionnaire={assessment.questionnaire_id}&assessment={assessment.public_id}"


class Organizations:
    def __init__(self, database: Database) -> None:
        self.database = database

    # ------------------------------------------------------------ organisations

    def create(self, actor: Actor, name: str) -> Organization:
        """A new organisation owned by the actor (a consultant or an admin). A name the
        actor already owns gives that organisation back; other owners' names are not
        looked at (names are unique per owner and not visible to others)."""
        if not actor.creates_organizations or actor.account is None:
            raise NotAllowed("only consultants and admins create organisations")
        clean = clean_name(name)
        if not clean:
            raise ValueError("an organisation needs a name")
        with self.database.unit(write=True) as uow:
            found = self._own(uow.repo, actor.account, clean)
            uow.commit()
            return found

    @staticmethod
    def _own(repo: Repository, account: Account, name: str) -> Organization:
        found = repo.owned_named(account.id, name)
        if found is None:
            found, new = repo.add_owned_organization(name, account.id)
            if new:
                repo.set_access(found.id, account.id, OWNER)
                repo.audit(account.email, "organization.create", organization_label(found))
        return found

    def visible(self, actor: Actor, action: Action = Action.READ) -> list[tuple[Organization, str]]:
        """Every organisation on which the actor may do ``action`` (default: see it), by
        name, with the actor's access (``owner``, ``editor``, ``viewer``, or ``admin``
        for an admin on others')."""
        account = actor.account
        if account is None or not account.active:
            return []
        with self.database.unit() as uow:
            own = uow.repo.memberships(account.id)
            if actor.is_admin:
                mine = {o.id for o, _ in own}
                own += [(o, ADMIN) for o in uow.repo.organizations() if o.id not in mine]
        found = [(o, level) for o, level in own if grants(level, action)]
        return sorted(found, key=lambda pair: (pair[0].name.casefold(), pair[0].id))

    def level(self, actor: Actor, organization: Organization) -> str | None:
        """The actor's access to the organisation (``owner``, ``editor``, ``viewer``,
        ``admin``), or None."""
        with self.database.unit() as uow:
            return access_level(uow.repo, actor, organization.id)

    def get(self, actor: Actor, public_id: str, action: Action = Action.READ) -> Organization:
        """The organisation of a link, if the actor may do ``action`` on it."""
        with self.database.unit() as uow:
            found = uow.repo.organization_with_public_id(public_id)
            require(uow.repo, actor, found.id if found else None, action)
            assert found is not None
            return found

    def set_profile(
        self, actor: Actor, organization: Organization, sector: str, size: str
    ) -> Organization:
        """Change the organisation's sector (free text, trimmed) and size (one of
        :data:`SIZES` or empty); editors, owners and admins."""
        clean = clean_name(sector)[:MAX_SECTOR]
        if size and size not in SIZES:
            raise ValueError(f"size {size!r}: one of {', '.join(SIZES)}")
        with self.database.unit(write=True) as uow:
            require(uow.repo, actor, organization.id, Action.WRITE)
            uow.repo.set_profile(organization.id, clean, size)
            uow.repo.audit(actor.name, "organization.profile", organization_label(organization),
                           f"sector={clean} size={size}")  # fmt: skip
            found = uow.repo.organization(organization.id)
            uow.commit()
        assert found is not None
        return found

    # ------------------------------------------------------------------ sharing

    def share(
        self, actor: Actor, organization: Organization, email: str, access: str | None
    ) -> None:
        """Give the account ``email`` this access (``viewer``, ``editor``, ``owner``) to
        the organisation, or take it away (None). Owners and admins only; the last
        owner cannot be removed."""
        if access is not None and access not in ACCESS_LEVELS:
            raise ValueError(f"access {access!r}: one of {', '.join(ACCESS_LEVELS)}")
        with self.database.unit() as uow:
            repo = uow.repo
            require(repo, actor, organization.id, Action.SHARE)
            other = repo.account_with_email(normalize_email(email))
            if other is None:
                raise AccountError(f"no account {normalize_email(email)!r}", "unknown")
            owners = [a for a, level in repo.members(organization.id) if level == OWNER]
            if access != OWNER and [a.id for a in owners] == [other.id]:
                raise ValueError("an organisation keeps at least one owner")
            repo.set_access(organization.id, other.id, access)
            repo.audit(actor.name, "organization.share", organization_label(organization),
                       f"{other.email}={access or 'none'}")  # fmt: skip
            uow.commit()

    def members(self, actor: Actor, organization: Organization) -> list[tuple[Account, str]]:
        """Who has access to the organisation (owners and admins may see this)."""
        with self.database.unit() as uow:
            require(uow.repo, actor, organization.id, Action.SHARE)
            return uow.repo.members(organization.id)

    # ------------------------------------------------------------------ delete

    def delete(self, actor: Actor, organization: Organization) -> None:
        """The organisation and everything of it, for good (owners and admins)."""
        with self.database.unit() as uow:
            require(uow.repo, actor, organization.id, Action.DELETE)
            uow.repo.delete_organization(organization.id)
            uow.repo.audit(actor.name, "organization.delete", organization_label(organization))
            uow.commit()

    def delete_assessment(self, actor: Actor, assessment: Assessment) -> None:
        with self.database.unit() as uow:
            require(uow.repo, actor, assessment.organization_id, Action.DELETE)
            uow.repo.delete_assessment(assessment.id)
            uow.repo.audit(actor.name, "assessment.delete", assessment_label(assessment))
            uow.commit()

    def delete_workshop(self, actor: Actor, workshop: Workshop) -> None:
        with self.database.unit() as uow:
            require(uow.repo, actor, workshop.organization_id, Action.DELETE)
            uow.repo.delete_workshop(workshop.id)
            uow.repo.audit(actor.name, "workshop.delete", f"{workshop.code} {workshop.public_id}")
            uow.commit()

    # ------------------------------------------------------------- assessments

    def assessment(self, actor: Actor, public_id: str, action: Action = Action.READ) -> Assessment:
        """The assessment of a link, if the actor may do ``action`` on its organisation."""
        with self.database.unit() as uow:
            return require_assessment(uow.repo, actor, public_id, action)[0]

    def workshop(self, actor: Actor, public_id: str) -> Workshop:
        """The workshop of a link, if the actor may run workshops of its organisation."""
        with self.database.unit() as uow:
            return require_workshop(uow.repo, actor, public_id)

    def import_answers(
        self,
        actor: Actor,
        documents: Sequence[tuple[Answers, Questionnaire]],
        today: dt.date | None = None,
    ) -> list[Imported]:
        """Each answers document stored as a saved assessment of the organisation named
        in it, owned by the actor (created when the actor owns none of that name), all
        in one transaction."""
        account = actor.account
        if not actor.creates_organizations or account is None:
            raise NotAllowed("only consultants and admins import assessments")
        done: list[Imported] = []
        with self.database.unit(write=True) as uow:
            repo = uow.repo
            for answers, questionnaire in documents:
                name = clean_name(answers.organization or "")
                if not name:
                    raise ValueError(f"{questionnaire.id}: the answers name no organisation")
                organization = self._own(repo, account, name)
                assessment = repo.add_round(
                    organization.id,
                    questionnaire,
                    answers.language or questionnaire.default_language,
                    answers.date or today or dt.date.today(),
                )
                respondent = clean_name(answers.respondent or "") or ANONYMOUS
                for item, value in answers.answers.items():
                    repo.upsert_answer(assessment.id, respondent, item, answer_columns(value))
                repo.audit(actor.name, "assessment.import", organization_label(organization),
                           f"{questionnaire.id} {assessment.public_id}")  # fmt: skip
                done.append(Imported(organization, assessment, results_link(assessment)))
            uow.commit()
        return done

    # --------------------------------------------------------------- audit log

    def record(self, actor: str, action: str, target: str, detail: str = "") -> None:
        """One line in the audit log, in a transaction of its own (for changes that are
        not rows of the database, such as the branding file)."""
        with self.database.unit() as uow:
            uow.repo.audit(actor, action, target, detail)
            uow.commit()

    def audit_log(self, actor: Actor, limit: int = 10_000) -> list[AuditEntry]:
        """Every change, newest first (admins only)."""
        require_admin(actor)
        with self.database.unit() as uow:
            return uow.repo.audit_entries(limit)

    def audit_csv(self, actor: Actor) -> str:
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(["at", "who", "action", "target", "detail"])
        for entry in self.audit_log(actor):
            row = [entry.at.isoformat(timespec="seconds"), entry.actor, entry.action,
                   entry.target, entry.detail]  # fmt: skip
            writer.writerow([_cell(v) for v in row])
        return out.getvalue()


def _cell(text: str) -> str:
    """Typed text never becomes a spreadsheet formula."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
