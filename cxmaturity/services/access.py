"""Who may do what (``access.md``), decided in one place.

An :class:`Actor` is whoever acts: a visitor (no account), or a signed-in account.
Rights on an organisation come from the account's membership (``viewer`` reads,
``editor`` also writes answers, plans, KPIs and runs workshops, ``owner`` also shares
and deletes) or from being an admin (everything, everywhere). Consultants and admins
create organisations. Workshop participants act through their token only
(:class:`cxmaturity.services.answers.ParticipantAnswers`).

A refusal and a missing row look the same (:class:`NotFoundOrNotYours`): knowing a
link grants nothing and tells nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from ..records import (
    ACCESS_LEVELS,
    ADMIN,
    CONSULTANT,
    EDITOR,
    OWNER,
    VIEWER,
    Account,
    Assessment,
    Organization,
    Workshop,
)

if TYPE_CHECKING:  # the report of answers files (the CLI) loads this without a database
    from ..db.repository import Repository


class Action(StrEnum):
    READ = "read"  # see the organisation, its assessments, plans, KPIs, workshops
    WRITE = "write"  # answer, edit plans and KPIs, mark final, re-evaluate, import into it
    RUN_WORKSHOP = "run-workshop"  # create and run workshops, agree the consensus
    SHARE = "share"  # give or take another account's access
    DELETE = "delete"  # delete the organisation, an assessment or a workshop of it


NEEDS: dict[Action, str] = {
    Action.READ: VIEWER,
    Action.WRITE: EDITOR,
    Action.RUN_WORKSHOP: EDITOR,
    Action.SHARE: OWNER,
    Action.DELETE: OWNER,
}


class NotFoundOrNotYours(LookupError):
    """There is no such thing, or the actor may not have it: the same answer for both."""

    def __init__(self) -> None:
        super().__init__("not found or not yours")


class NotAllowed(PermissionError):
    """An action the actor's role does not allow at all (creating organisations as a
    member, managing accounts as a non-admin)."""


@dataclass(frozen=True)
class Actor:
    """Whoever acts: ``account`` None is a visitor."""

    account: Account | None = None

    @property
    def name(self) -> str:
        """How the audit log names them."""
        return self.account.email if self.account is not None else "visitor"

    @property
    def is_admin(self) -> bool:
        return self.account is not None and self.account.active and self.account.role == ADMIN

    @property
    def creates_organizations(self) -> bool:
        return (
            self.account is not None
            and self.account.active
            and (self.account.role in (ADMIN, CONSULTANT))
        )


VISITOR = Actor()


def access_level(repo: Repository, actor: Actor, organization_id: int) -> str | None:
    """The actor's access to the organisation: ``owner``, ``editor``, ``viewer``,
    ``admin`` (an admin on someone else's), or None."""
    account = actor.account
    if account is None or not account.active:
        return None
    own = repo.access(organization_id, account.id)
    if own is not None:
        return own
    return ADMIN if account.role == ADMIN else None


def grants(level: str | None, action: Action) -> bool:
    """Whether an access level allows an action."""
    if level is None:
        return False
    if level == ADMIN:
        return True
    return ACCESS_LEVELS.index(level) >= ACCESS_LEVELS.index(NEEDS[action])


def require(repo: Repository, actor: Actor, organization_id: int | None, action: Action) -> str:
    """The actor's access level, or :class:`NotFoundOrNotYours` when it does not allow
    ``action`` (or there is no organisation)."""
    if organization_id is None:
        raise NotFoundOrNotYours()
    level = access_level(repo, actor, organization_id)
    if not (actor.is_admin or grants(level, action)):  # an admin may do everything
        raise NotFoundOrNotYours()
    return level or ADMIN


def require_admin(actor: Actor) -> None:
    if not actor.is_admin:
        raise NotAllowed("only an admin may do this")


def writable(level: str | None) -> bool:
    """Whether an access level lets its holder change answers, plans and KPIs."""
    return grants(level, Action.WRITE)


def require_organization(
    repo: Repository, actor: Actor, public_id: str, action: Action
) -> tuple[Organization, str]:
    """The organisation of a link and the actor's access to it, or
    :class:`NotFoundOrNotYours`."""
    found = repo.organization_with_public_id(public_id) if public_id else None
    level = require(repo, actor, found.id if found else None, action)
    assert found is not None
    return found, level


def require_assessment(
    repo: Repository, actor: Actor, public_id: str, action: Action
) -> tuple[Assessment, str]:
    """The assessment of a link and the actor's access to its organisation, or
    :class:`NotFoundOrNotYours`. A workshop's live assessment (each participant's own
    answers) is for those who run workshops: readers of the organisation see its
    consensus, and nobody but the participants writes into it. The live assessment of
    an anonymous workshop is nobody's to read (its facilitator sees the live view)."""
    found = repo.assessment_with_public_id(public_id) if public_id else None
    level = require(repo, actor, found.organization_id if found else None, action)
    assert found is not None
    if repo.is_live(found.id) and (action is not Action.READ or
                                   not grants(level, Action.RUN_WORKSHOP) or
                                   repo.anonymous_live(found.id)):  # fmt: skip
        raise NotFoundOrNotYours()
    return found, level


def require_workshop(
    repo: Repository, actor: Actor, workshop: Workshop | str, action: Action = Action.RUN_WORKSHOP
) -> Workshop:
    """The workshop (or the workshop of a link) if the actor may run it."""
    found = repo.workshop_with_public_id(workshop) if isinstance(workshop, str) else (
        repo.workshop(workshop.id))  # fmt: skip
    require(repo, actor, found.organization_id if found else None, action)
    assert found is not None
    return found


def organization_label(organization: Organization) -> str:
    """How the audit log names an organisation."""
    return f"{organization.name} ({organization.public_id})"


def assessment_label(assessment: Assessment) -> str:
    """How the audit log names an assessment."""
    return f"{assessment.questionnaire_id} {assessment.assessed_on} ({assessment.public_id})"
