"""Stored facts as plain values: what services return about organisations, assessments
and workshops. No database types leak past the repository: these are frozen
dataclasses, safe to cache, compare and hand to pages.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

ANONYMOUS = ""  # the respondent key of the single-person app's answers
PARTICIPANT_PREFIX = "participant-"  # a workshop participant's respondent key: participant-<id>
# KPI ids of stored values and organisation files from before the KPI catalogue
# (assessments/kpis.yaml), and the catalogue's ids for them.
LEGACY_KPI_IDS = {"fcr": "first-contact-resolution", "cost_per_contact": "cost-per-contact"}


DRAFT, FINAL = "draft", "final"
OPEN, CLOSED = "open", "closed"
ADMIN, CONSULTANT, MEMBER = "admin", "consultant", "member"
ROLES = (ADMIN, CONSULTANT, MEMBER)
OWNER, EDITOR, VIEWER = "owner", "editor", "viewer"
ACCESS_LEVELS = (VIEWER, EDITOR, OWNER)  # each grants what the ones before it do


@dataclass(frozen=True)
class Organization:
    id: int
    name: str
    public_id: str = ""  # the id in links (random, 128 bits)
    sector: str = ""  # optional: the portfolio's filter and the benchmark's peer group
    size: str = ""  # optional: one of SIZES ("" unknown)


# An organisation's size, in people employed (the portfolio's filter).
SIZES = ("1-49", "50-249", "250-999", "1000+")
MAX_SECTOR = 100


@dataclass(frozen=True)
class Assessment:
    """One round of one questionnaire for one organisation (``assessed_on``: its date)."""

    id: int
    organization_id: int
    questionnaire_id: str
    questionnaire_version: str
    assessed_on: dt.date
    language: str
    status: str
    previous_id: int | None
    public_id: str = ""

    @property
    def final(self) -> bool:
        return self.status == FINAL


@dataclass(frozen=True)
class Workshop:
    id: int
    organization_id: int
    code: str
    language: str
    anonymous: bool  # nobody, not even the facilitator, sees one person's answers
    status: str
    public_id: str = ""
    hide_results: bool = False  # the presenter view shows an item's votes once revealed
    revealed: tuple[str, ...] = ()  # the presenter view's revealed items (item keys)
    closes_on: dt.date | None = None  # open until the end of this day (None: until closed)
    second_vote: tuple[str, ...] = ()  # items opened for a second vote (item keys)
    groups: tuple[str, ...] = ()  # the groups participants pick from (none: no groups)

    @property
    def open(self) -> bool:
        """Taking participants and answers: not closed, and its closing day (if any)
        not yet over on the server's calendar."""
        return self.status == OPEN and not self.past_closing

    @property
    def past_closing(self) -> bool:
        return self.closes_on is not None and dt.date.today() > self.closes_on


@dataclass(frozen=True)
class Participant:
    id: int
    workshop_id: int
    name: str
    group: str = ""  # one of the workshop's groups ("": none chosen)

    @property
    def respondent(self) -> str:
        """The respondent key of this participant's answers."""
        return respondent_key(self.id)


def clean_name(name: str) -> str:
    """A typed name as stored (organisations, people): spaces collapsed, at most 300
    characters."""
    return " ".join(name.split())[:300]


MAX_GROUPS, MAX_GROUP_NAME = 8, 40


def clean_groups(names: Iterable[str]) -> tuple[str, ...]:
    """A workshop's groups as stored: each name's spaces collapsed and cut to
    :data:`MAX_GROUP_NAME` characters, empty and repeated names (ignoring case) left
    out, at most :data:`MAX_GROUPS`."""
    kept: dict[str, str] = {}
    for name in names:
        clean = clean_name(name)[:MAX_GROUP_NAME].strip()
        if clean and clean.casefold() not in kept:
            kept[clean.casefold()] = clean
    return tuple(kept.values())[:MAX_GROUPS]


def respondent_key(participant_id: int) -> str:
    return f"{PARTICIPANT_PREFIX}{participant_id}"


def participant_id(respondent: str) -> int:
    """The participant id in a respondent key ``participant-<id>``."""
    return int(respondent.removeprefix(PARTICIPANT_PREFIX))


@dataclass(frozen=True)
class Account:
    """Someone with an account: ``role`` is admin, consultant or member."""

    id: int
    email: str
    name: str
    role: str
    active: bool

    @property
    def is_admin(self) -> bool:
        return self.role == ADMIN


@dataclass(frozen=True)
class AuditEntry:
    at: dt.datetime
    actor: str
    action: str
    target: str
    detail: str
