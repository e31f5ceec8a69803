"""Stored facts as plain values: what services return about organisations, assessments
and workshops. No database types leak past the repository: these are frozen
dataclasses, safe to cache, compare and hand to pages.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

ANONYMOUS = ""  # the respondent key of the single-person app's answers
PARTICIPANT_PREFIX = "participant-"  # a workshop participant's respondent key: participant-<id>
KPI_NAMES = ("nps", "csat", "ces", "fcr", "cost_per_contact")
DRAFT, FINAL = "draft", "final"
OPEN, CLOSED = "open", "closed"


@dataclass(frozen=True)
class Organization:
    id: int
    name: str


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

    @property
    def final(self) -> bool:
        return self.status == FINAL


@dataclass(frozen=True)
class Workshop:
    id: int
    organization_id: int
    code: str
    language: str
    allow_anonymous: bool
    status: str

    @property
    def open(self) -> bool:
        return self.status == OPEN


@dataclass(frozen=True)
class Participant:
    id: int
    workshop_id: int
    name: str

    @property
    def respondent(self) -> str:
        """The respondent key of this participant's answers."""
        return respondent_key(self.id)


def respondent_key(participant_id: int) -> str:
    return f"{PARTICIPANT_PREFIX}{participant_id}"


def participant_id(respondent: str) -> int:
    """The participant id in a respondent key ``participant-<id>``."""
    return int(respondent.removeprefix(PARTICIPANT_PREFIX))
