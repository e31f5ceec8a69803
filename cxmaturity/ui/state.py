"""The app's own state: answers live here, not in widgets.

Streamlit forgets a widget's value when the widget is not drawn (another page,
another category), and a language switch relabels a widget, which makes it a new
one. Answers therefore live in one typed object in ``st.session_state``; every
widget gets its default from it and writes back to it in its ``on_change``
callback. Widget keys derive from ids.
"""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass, field

import streamlit as st

from cxmaturity.i18n import DEFAULT_LANGUAGE
from cxmaturity.model import (
    MAX_NOTE_LENGTH,
    NOT_APPLICABLE,
    Answers,
    Grid,
    Questionnaire,
    Rating,
)
from cxmaturity.planning import MAX_INITIATIVE_LENGTH, PlanItem, Priority, Status

STATE_KEY = "cxmaturity.state"
LevelChoice = int | str | None


@dataclass
class RatingState:
    """One capability: current and ideal level values (or "n/a"), and a note."""

    current: LevelChoice = None
    ideal: LevelChoice = None
    note: str = ""

    @property
    def not_applicable(self) -> bool:
        return NOT_APPLICABLE in (self.current, self.ideal)

    @property
    def done(self) -> bool:
        """Rated, or marked not applicable."""
        return self.not_applicable or (self.current is not None and self.ideal is not None)


@dataclass
class QuestionnaireState:
    """Answers to one questionnaire, as the person gives them."""

    choices: dict[str, str] = field(default_factory=dict)
    ratings: dict[str, RatingState] = field(default_factory=dict)
    revision: int = 0  # bumped when answers are replaced (an upload): new widgets
    # What the database holds of each item, as this screen last saw it (the base a
    # change is compared against), the items whose change is not stored yet (the
    # database failed: retried), and the items someone else changed meanwhile (what
    # they stored; this screen's change was not written).
    base: dict[str, dict[str, str | None]] = field(default_factory=dict)
    unsaved: set[str] = field(default_factory=set)
    conflicts: dict[str, dict[str, str | None]] = field(default_factory=dict)

    def rating(self, capability_id: str) -> RatingState:
        return self.ratings.setdefault(capability_id, RatingState())

    def answered(self, questionnaire: Questionnaire) -> int:
        """Questions answered, or capabilities rated or marked n/a."""
        return sum(1 for item in questionnaire.item_ids() if self._done(item))

    def complete(self, questionnaire: Questionnaire) -> bool:
        """Every item answered (questions) or rated or marked n/a (capabilities)."""
        return self.answered(questionnaire) == questionnaire.item_count()

    def _done(self, item: str) -> bool:
        rating = self.ratings.get(item)
        return bool(self.choices.get(item)) or (rating is not None and rating.done)

    def is_empty(self) -> bool:
        return not self.choices and not any(
            r.current is not None or r.ideal is not None or r.note for r in self.ratings.values()
        )


@dataclass
class PlanRow:
    """One row of the team's initiatives plan as edited (may be incomplete while typed).

    ``suggestion`` (an initiative id) keeps a suggested initiative linked to the questionnaire,
    so that its title follows the language; editing its text makes it the team's own.
    """

    capability: str | None = None
    suggestion: str | None = None
    text: str = ""
    owner: str = ""
    due: dt.date | None = None
    priority: Priority = Priority.MEDIUM
    status: Status = Status.PROPOSED
    note: str = ""
    key: str = field(default_factory=lambda: secrets.token_hex(16))  # its stored row's

    @classmethod
    def of(cls, item: PlanItem, key: str | None = None) -> PlanRow:
        text = item.initiative.get("") if item.initiative is not None else ""
        row = cls(
            item.capability, item.suggestion, text, item.owner, item.due,
            item.priority, item.status, item.note,
        )  # fmt: skip
        if key is not None:
            row.key = key
        return row

    def item(self, grid: Grid) -> PlanItem | None:
        """The engine's plan item, or None while the row lacks a capability or a text."""
        capability = grid.capability(self.capability or "")
        if capability is None:
            return None
        linked = self.suggestion is not None and capability.initiative(self.suggestion) is not None
        if not linked and not self.text.strip():
            return None
        return PlanItem(
            capability=capability.id,
            suggestion=self.suggestion if linked else None,
            initiative=None if linked else self.text.strip()[:MAX_INITIATIVE_LENGTH],
            owner=self.owner.strip()[:300],
            due=self.due,
            priority=self.priority,
            status=self.status,
            note=self.note.strip()[:MAX_NOTE_LENGTH],
        )


@dataclass
class PlanSaves:
    """What the database holds of one grid's plan, as this screen last saw it (row key
    -> stored fields: the base each change is compared against), whether changes wait
    for the database (it failed: retried), the rows someone else changed or deleted
    meanwhile (row key -> their row, ``{}`` if deleted; not written), and the rows the
    plan editor on screen was drawn from (its key, a salt for the keys of rows added in
    it, the rows)."""

    base: dict[str, dict[str, str | None]] = field(default_factory=dict)
    unsaved: bool = False
    conflicts: dict[str, dict[str, str | None]] = field(default_factory=dict)
    editor: tuple[str, str, list[PlanRow]] | None = None


@dataclass
class UiState:
    """Everything the app keeps for one browser session."""

    lang: str = DEFAULT_LANGUAGE
    account_id: int | None = None  # whose state this is (another account: a fresh one)
    organization: str = ""  # the organisation's name (a visitor's: a label for the report)
    organization_id: str | None = None  # the public id of the one answers are saved under
    respondent: str = ""
    answers: dict[str, QuestionnaireState] = field(default_factory=dict)
    last_upload: str | None = None
    last_opened: str | None = None  # the questionnaire last opened
    viewed_organization: str | None = None  # public id of the one last shown on Organisations
    workshop_id: str | None = None  # public id of the workshop last shown on Workshops
    plans: dict[str, list[PlanRow]] = field(default_factory=dict)  # absent: not edited yet
    assessment_ids: dict[str, str] = field(default_factory=dict)  # public ids, where saved
    read_only: set[str] = field(default_factory=set)  # questionnaires the account may only see
    previous: dict[str, Answers] = field(default_factory=dict)  # last round, in a re-evaluation
    plan_revision: int = 0  # bumped when the plan changes: a fresh editor widget
    plan_saves: dict[str, PlanSaves] = field(default_factory=dict)
    # A workshop's consensus opened from the history: the team's answers (read only).
    team: dict[str, list[Answers]] = field(default_factory=dict)
    participant_token: str | None = None  # this browser joined a workshop: its answers only
    keep_token: bool = False  # just joined: the browser is to keep the token (a cookie)
    links_behind: bool = False  # the navigation's links lack what a fragment just stored
    complete_when_drawn: dict[str, bool] = field(default_factory=dict)  # see shell.links_follow
    save_notice: str | None = None  # why an answer was not saved (workshop closed, no right)
    shown_categories: dict[str, str] = field(default_factory=dict)  # grid id -> category id

    def of(self, questionnaire_id: str) -> QuestionnaireState:
        return self.answers.setdefault(questionnaire_id, QuestionnaireState())

    def saves_of(self, grid_id: str) -> PlanSaves:
        return self.plan_saves.setdefault(grid_id, PlanSaves())

    def set_plan(self, grid_id: str, rows: list[PlanRow] | None) -> None:
        """The plan replaced from outside the editor (loaded, reset, added to, another
        screen's row taken): the editor is drawn afresh from it. None: the suggestions."""
        if rows is None:
            self.plans.pop(grid_id, None)
        else:
            self.plans[grid_id] = rows
        self.plan_revision += 1


def get_state() -> UiState:
    """This session's state object (created on first use)."""
    if STATE_KEY not in st.session_state:
        st.session_state[STATE_KEY] = UiState()
    state: UiState = st.session_state[STATE_KEY]
    return state


def start_state(lang: str, account_id: int | None) -> UiState:
    """A fresh state for ``account_id``'s session (what another account held is gone)."""
    state = UiState(lang=lang, account_id=account_id)
    st.session_state[STATE_KEY] = state
    return state


def widget_key(
    questionnaire_id: str, item_id: str, part: str = "", lang: str = "", revision: int = 0
) -> str:
    """``quiz.q1.es`` or ``grid.billing.current.en.r1``: keys derive from ids, never labels.

    The language and the answers' revision are part of the key. Streamlit's browser
    side keeps showing a widget's old selection when its labels or its default
    change under the same key; a fresh widget per language and per replacement of
    the answers (an upload) takes its default from the state instead.
    """
    suffix = f"r{revision}" if revision else ""
    return ".".join(p for p in (questionnaire_id, item_id, part, lang, suffix) if p)


def to_answers(state: UiState, questionnaire: Questionnaire, lang: str) -> Answers:
    """The engine's answers document for what this session entered."""
    qstate = state.of(questionnaire.id)
    items = questionnaire.item_ids()
    known = set(items)
    values: dict[str, object] = {k: v for k, v in qstate.choices.items() if k in known}
    for item in items:
        rating = qstate.ratings.get(item)
        if rating is not None and (rating.current is not None or rating.ideal is not None):
            values[item] = _rating(rating)
        elif rating is not None and rating.note:
            values[item] = Rating(note=rating.note)
    return Answers.model_validate(
        {
            "questionnaire": questionnaire.id,
            "organization": state.organization.strip() or None,
            "respondent": state.respondent.strip() or None,
            "language": lang,
            "answers": values,
        }
    )


def _rating(rating: RatingState) -> Rating:
    note = rating.note.strip() or None
    if rating.not_applicable:
        return Rating(current=NOT_APPLICABLE, note=note)
    return Rating.model_validate({"current": rating.current, "ideal": rating.ideal, "note": note})


def set_answer(qstate: QuestionnaireState, item: str, value: Rating | str | None) -> None:
    """One item's answer as given (None: no answer)."""
    qstate.choices.pop(item, None)
    qstate.ratings.pop(item, None)
    if isinstance(value, Rating):
        qstate.ratings[item] = RatingState(value.current, value.ideal, value.note or "")
    elif value is not None:
        qstate.choices[item] = value


def load_answers(state: UiState, answers: Answers) -> None:
    """Replace this session's answers to one questionnaire with a document's."""
    previous = state.answers.get(answers.questionnaire)
    qstate = QuestionnaireState(revision=previous.revision + 1 if previous else 1)
    for key, value in answers.answers.items():
        set_answer(qstate, key, value)
    state.answers[answers.questionnaire] = qstate
    if answers.organization and state.organization_id is None:  # a label only
        state.organization = answers.organization
    if answers.respondent:
        state.respondent = answers.respondent


def answers_of(state: UiState, questionnaire: Questionnaire, lang: str) -> list[Answers]:
    """The answers to score: a workshop's agreed team, else this session's own."""
    team = state.team.get(questionnaire.id)
    return list(team) if team else [to_answers(state, questionnaire, lang)]


def team_answers(
    state: UiState, questionnaires: list[Questionnaire], lang: str
) -> list[tuple[Questionnaire, list[Answers]]]:
    """This session's answers to every questionnaire it has answered (for the report)."""
    return [
        (q, answers_of(state, q, lang))
        for q in questionnaires
        if q.id in state.team or (q.id in state.answers and not state.answers[q.id].is_empty())
    ]


def plan_items(state: UiState, grid: Grid) -> list[PlanItem] | None:
    """The team's plan for ``grid`` (complete rows), or None if it was never edited."""
    rows = state.plans.get(grid.id)
    if rows is None:
        return None
    return [item for item in (row.item(grid) for row in rows) if item is not None]
