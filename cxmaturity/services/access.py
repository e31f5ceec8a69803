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

from ..db.repository import Repository
from ..records import ACCESS_LEVELS, ADMIN, CONSULTANT, EDITOR, OWNER, VIEWER, Account


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
