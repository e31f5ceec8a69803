"""What moved the scores: last round's initiatives next to the change in each
capability's level since then. Facts side by side, no causal claim."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from .compare import Change
from .model import Grid
from .planning import PlanItem, Status
from .scoring import GridResult


class Group(StrEnum):
    DONE_IMPROVED = "done-improved"  # an initiative done, and the level rose
    DONE_NOT_IMPROVED = "done-not-improved"  # an initiative done, the level did not rise
    NOT_DONE = "not-done"  # none of its initiatives done (proposed, planned, ..., dropped)


GROUPS = tuple(Group)


@dataclass(frozen=True)
class Outcome:
    """One capability that had initiatives last round: those initiatives with their
    status now, and the capability's current level before and now."""

    capability: str
    category: str
    items: tuple[PlanItem, ...]  # last round's initiatives, each with its latest status
    change: Change
    group: Group


def item_key(item: PlanItem) -> tuple[str, str]:
    """What identifies one initiative across rounds: its capability and its suggestion
    id or own text (owner, due date, status and note may change)."""
    own = item.initiative.root if item.initiative is not None else ""
    text = own if isinstance(own, str) else "\x1f".join(f"{k}={v}" for k, v in sorted(own.items()))
    return item.capability, item.suggestion or f"own:{text}"


def latest_status(
    last_plan: Sequence[PlanItem], now_plan: Sequence[PlanItem] | None
) -> list[PlanItem]:
    """Last round's initiatives with the status the team has given them since: a
    re-evaluation carries the plan over and the team updates it there, so an item found
    in the new round's plan brings its status (and owner, due date, note) from there."""
    now = {item_key(item): item for item in now_plan or ()}
    return [now.get(item_key(item), item) for item in last_plan]


def outcomes(
    grid: Grid,
    before: GridResult,
    after: GridResult,
    last_plan: Sequence[PlanItem],
    now_plan: Sequence[PlanItem] | None = None,
) -> tuple[Outcome, ...]:
    """Per capability with initiatives last round (questionnaire order): what became of
    them and how its level moved. Capabilities the grid no longer has are left out."""
    items = latest_status(last_plan, now_plan)
    found: list[Outcome] = []
    for category, capability in grid.capabilities():
        own = tuple(i for i in items if i.capability == capability.id)
        if not own:
            continue
        old, new = before.capability(capability.id), after.capability(capability.id)
        change = Change(
            capability.id,
            old.current if old else None,
            new.current if new else None,
            old.ideal if old else None,
            new.ideal if new else None,
        )
        if not any(i.status == Status.DONE for i in own):
            group = Group.NOT_DONE
        elif change.direction == "up":
            group = Group.DONE_IMPROVED
        else:
            group = Group.DONE_NOT_IMPROVED
        found.append(Outcome(capability.id, category.id, own, change, group))
    return tuple(found)


def grouped(found: Sequence[Outcome]) -> dict[Group, list[Outcome]]:
    """The outcomes by group, every group present (possibly empty), in GROUPS order."""
    groups: dict[Group, list[Outcome]] = {g: [] for g in GROUPS}
    for outcome in found:
        groups[outcome.group].append(outcome)
    return groups
