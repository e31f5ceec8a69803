"""Workshops: a leadership team answers together; each participant answers on their own.

A workshop belongs to an organisation and covers one or more questionnaires; each has
a live assessment in which every participant's answers are stored under the
respondent key ``participant-<id>``. People join with a short code (about 50 bits:
not guessable, and failed attempts are limited per client) and get a secret token;
only its SHA-256 is stored, and the token grants that participant's own answers in
that workshop and nothing else. A closed workshop takes no new participants or answers.
In an anonymous workshop nobody but the participant sees their answers: the live view
and the consensus hold :func:`cxmaturity.team.anonymised` answers only.

Every method is one action and one transaction; the live view (:meth:`Workshops.live`)
is computed again only when the workshop's cheap version changes.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field

from ..db import Database
from ..db.tables import utcnow
from ..loader import Catalog
from ..model import Answers, Grid, Questionnaire, Quiz, Rating
from ..records import (
    ANONYMOUS,
    CLOSED,
    OPEN,
    Assessment,
    Organization,
    Participant,
    Workshop,
    clean_groups,
    clean_name,
    respondent_key,
)
from ..team import (
    Consensus,
    GroupView,
    TeamView,
    anonymised,
    answered_items,
    apply_consensus,
    team_view,
)
from .access import Action, Actor, grants, require, require_workshop
from .answers import AnswerService, ParticipantAnswers
from .cache import VersionedCache
from .catalog import bundled_catalog
from .errors import TooManyAttempts, WorkshopError
from .tokens import new_code, new_token, normalize_code, token_hash

MAX_FAILED_JOINS = 10  # per client and window
JOIN_WINDOW = dt.timedelta(minutes=15)
LIVE_CACHE_SIZE = 32
MAX_KEPT_TOKENS = 8  # workshops a browser remembers having joined
ANONYMOUS_PREFIX = "anonymous-"  # respondent keys of an anonymous workshop's consensus


@dataclass(frozen=True)
class Live:
    """One moment of a workshop: its people, their progress and the team views."""

    workshop: Workshop
    participants: tuple[Participant, ...]
    progress: dict[int, dict[str, int]]  # participant id -> questionnaire id -> items done
    views: tuple[TeamView, ...]
    # The first vote of the items in a second vote (questionnaire id -> team view of
    # those items as they were answered before the second vote opened).
    first: dict[str, TeamView] = field(default_factory=dict)
    groups: tuple[GroupView, ...] = ()  # each of the workshop's groups (none: no groups)

    @property
    def items(self) -> int:
        """Items of every questionnaire of the workshop together."""
        return sum(v.questionnaire.item_count() for v in self.views)

    def done(self, participant_id: int) -> int:
        """Items one participant has answered, over every questionnaire."""
        return sum(self.progress.get(participant_id, {}).values())

    @property
    def finished(self) -> int:
        """Participants who have answered every item."""
        return sum(self.done(p.id) >= self.items for p in self.participants)


@dataclass(frozen=True)
class ParticipantView:
    """What a participant's page needs: their workshop, themselves, the organisation's
    name and the workshop's questionnaires (ids, in order)."""

    workshop: Workshop
    participant: Participant
    organization: str
    questionnaire_ids: tuple[str, ...]


class Workshops:
    """Workshop use cases over a :class:`Database`."""

    def __init__(self, database: Database, catalog: Callable[[], Catalog] | None = None) -> None:
        self.database = database
        self.answers = AnswerService(database)
        self.catalog: Callable[[], Catalog] = catalog or bundled_catalog
        self._live: VersionedCache[Live] = VersionedCache(LIVE_CACHE_SIZE)

    # --------------------------------------------------------- create and read

    def create(
        self,
        actor: Actor,
        organization: Organization,
        questionnaires: list[Questionnaire],
        language: str,
        *,
        anonymous: bool = False,
        hide_results: bool = False,
        day: dt.date | None = None,
        closes_on: dt.date | None = None,
        groups: Sequence[str] = (),
    ) -> Workshop:
        """A workshop of ``organization`` with a fresh code and one live assessment per
        questionnaire; the actor (its facilitator) needs the right to run workshops of
        the organisation (``editor``, ``owner`` or admin).

        ``anonymous``: participants give no name and nobody (not even the facilitator)
        sees one person's answers, only counts and spreads of items at least
        :data:`~cxmaturity.team.MIN_ANONYMOUS` have answered. ``hide_results``: the
        presenter view shows an item's votes only once the facilitator reveals it.
        ``closes_on``: open until the end of that day (asynchronous, for people who were
        not in the room); None: until the facilitator closes it. ``groups``: names
        participants pick one of (cleaned by :func:`~cxmaturity.records.clean_groups`);
        the dashboard and report then show each group's result side by side."""
        if not questionnaires:
            raise ValueError("a workshop needs at least one questionnaire")
        with self.database.unit() as uow:
            repo = uow.repo
            require(repo, actor, organization.id, Action.RUN_WORKSHOP)
            workshop = repo.add_workshop(
                organization.id, new_code(), language, anonymous, OPEN,
                hide_results=hide_results, closes_on=closes_on, groups=clean_groups(groups),
            )  # fmt: skip
            for questionnaire in questionnaires:
                live = repo.add_round(
                    organization.id, questionnaire, language, day or dt.date.today()
                )
                repo.link_live(workshop.id, live.id)
            repo.audit(actor.name, "workshop.create", _label(workshop),
                       ", ".join(q.id for q in questionnaires))  # fmt: skip
            uow.commit()
            return workshop

    def get(self, workshop_id: int) -> Workshop | None:
        with self.database.unit() as uow:
            return uow.repo.workshop(workshop_id)

    def assessments(self, workshop: Workshop) -> list[Assessment]:
        """The workshop's live assessments, in the order the questionnaires were given."""
        with self.database.unit() as uow:
            return uow.repo.live_assessments(workshop.id)

    def all(self, actor: Actor) -> list[tuple[Workshop, Organization]]:
        """The workshops the actor may run, with their organisations, newest first (the
        facilitator's list)."""
        account = actor.account
        if account is None or not account.active:
            return []
        with self.database.unit() as uow:
            if actor.is_admin:
                return uow.repo.workshops()
            runs = [o.id for o, level in uow.repo.memberships(account.id)
                    if grants(level, Action.RUN_WORKSHOP)]  # fmt: skip
            return uow.repo.workshops(runs)

    def participants(self, workshop: Workshop) -> list[Participant]:
        with self.database.unit() as uow:
            return uow.repo.participants(workshop.id)

    def version(self, workshop: Workshop) -> tuple[object, ...]:
        """Changes whenever someone joins or answers (cheap: for caching the dashboard)."""
        with self.database.unit() as uow:
            return uow.repo.workshop_version(workshop.id)

    # ------------------------------------------------------------ participants

    def join(self, code: str, name: str, client: str) -> tuple[Workshop, Participant, str]:
        """Join with a code; returns the participant and their secret token.

        Wrong codes are limited per client (``client``: its address, or a key of its
        own when the address is unknown; never a bucket shared by strangers): each
        attempt first takes a slot, atomically in the database, and only then is the
        code looked at; a right code gives its slot back. So however many attempts
        arrive at once, at most :data:`MAX_FAILED_JOINS` per window are evaluated."""
        key = client[:100]
        if not key:
            raise ValueError("a join needs a client key")
        with self.database.unit() as uow:
            allowed = uow.repo.take_attempt("join", key, MAX_FAILED_JOINS, JOIN_WINDOW, utcnow())
            uow.commit()
        if not allowed:
            raise TooManyAttempts("too many wrong codes; try again in a few minutes")
        with self.database.unit() as uow:
            workshop = uow.repo.workshop_with_code(normalize_code(code))
            if workshop is None:
                raise WorkshopError("unknown code")  # the slot stays taken
            uow.repo.give_back_attempt("join", key)
            if not workshop.open:
                uow.commit()
                raise WorkshopError("this workshop is closed", "closed")
            clean = "" if workshop.anonymous else clean_name(name)
            if not clean and not workshop.anonymous:
                uow.commit()
                raise WorkshopError("a name is needed to join this workshop", "name")
            token = new_token()
            participant = uow.repo.add_participant(workshop.id, clean, token_hash(token))
            uow.commit()
            return workshop, participant, token

    def participant(self, token: str) -> tuple[Workshop, Participant] | None:
        """Whose token this is (None for an unknown token)."""
        with self.database.unit() as uow:
            return uow.repo.participant_with_token(token_hash(token))

    def returning(self, tokens: list[str], code: str) -> str | None:
        """Of the tokens a browser kept (the participant cookie), the one that joined
        the workshop of ``code``: opening the join link again on the same phone
        continues as the same participant. None when none did (or the list is
        bogus: at most :data:`MAX_KEPT_TOKENS` are looked at)."""
        wanted = normalize_code(code)
        if not wanted:
            return None
        with self.database.unit() as uow:
            for token in tokens[-MAX_KEPT_TOKENS:]:
                found = uow.repo.participant_with_token(token_hash(token[:100]))
                if found is not None and found[0].code == wanted:
                    return token
        return None

    def participant_view(self, token: str) -> ParticipantView | None:
        """The participant page of this token (None for an unknown token), one read."""
        with self.database.unit() as uow:
            found = uow.repo.participant_with_token(token_hash(token))
            if found is None:
                return None
            workshop, participant = found
            organization = uow.repo.organization(workshop.organization_id)
            live = uow.repo.live_assessments(workshop.id)
        return ParticipantView(
            workshop,
            participant,
            organization.name if organization else "",
            tuple(a.questionnaire_id for a in live),
        )

    def own_answers(self, token: str) -> dict[str, Answers]:
        """The token holder's saved answers, per questionnaire id (theirs only)."""
        with self.database.unit() as uow:
            found = uow.repo.participant_with_token(token_hash(token))
            if found is None:
                return {}
            workshop, participant = found
            team = uow.repo.participant_answers(workshop)
            live = uow.repo.live_assessments(workshop.id)
        return {
            a.questionnaire_id: team[a.id][participant.id]
            for a in live
            if participant.id in team.get(a.id, {})
        }

    def save_answer(
        self, token: str, questionnaire_id: str, item: str, value: Rating | str | None
    ) -> None:
        """A participant's answer (only their own, only while the workshop is open)."""
        questionnaire = self.catalog().get(questionnaire_id)
        self.answers.save(ParticipantAnswers(token, questionnaire_id, questionnaire), item, value)

    def save_choice(self, token: str, questionnaire_id: str, item: str, choice: str | None) -> None:
        self.save_answer(token, questionnaire_id, item, choice)

    def save_rating(self, token: str, questionnaire_id: str, item: str, rating: Rating) -> None:
        self.save_answer(token, questionnaire_id, item, rating)

    def set_group(self, token: str, group: str) -> Participant:
        """A participant says which of the workshop's groups they belong to (changeable
        while the workshop is open)."""
        with self.database.unit() as uow:
            found = uow.repo.participant_with_token(token_hash(token))
            if found is None:
                raise WorkshopError("unknown participant")
            workshop, participant = found
            if not workshop.open:
                raise WorkshopError("this workshop is closed", "closed")
            if group not in workshop.groups:
                raise WorkshopError("not a group of this workshop", "group")
            uow.repo.set_participant_group(participant.id, group)
            uow.commit()
        return dataclasses.replace(participant, group=group)

    # ---------------------------------------------------------------- closing

    def close(self, actor: Actor, workshop: Workshop) -> None:
        """No new participants or answers from now on."""
        self._set_status(actor, workshop, CLOSED)

    def reopen(self, actor: Actor, workshop: Workshop) -> None:
        """Take participants and answers again (a closing day that has passed goes:
        open until closed, or until a new day is set)."""
        self._set_status(actor, workshop, OPEN)

    def open_second_vote(self, actor: Actor, workshop: Workshop, keys: Collection[str]) -> Workshop:
        """After the discussion: open these items (keys as :func:`item_key`) for a
        second vote. Everyone's present answer to each is kept as their first vote (the
        report shows both); participants are asked to answer the items again. Keys of
        items the workshop does not have are ignored."""
        known = self.catalog()
        with self.database.unit() as uow:
            found = require_workshop(uow.repo, actor, workshop)
            live = {a.questionnaire_id: a.id for a in uow.repo.live_assessments(found.id)}
            items = {}
            for key in keys:
                questionnaire_id, _, item_id = key.partition(":")
                questionnaire = known.get(questionnaire_id)
                if (
                    questionnaire_id in live
                    and questionnaire is not None
                    and (item_id in questionnaire.item_ids())
                ):
                    items[item_key(questionnaire_id, item_id)] = (live[questionnaire_id], item_id)
            uow.repo.open_second_vote(found, items)
            uow.repo.audit(actor.name, "workshop.second_vote", _label(found),
                           ", ".join(sorted(keys))[:500])  # fmt: skip
            uow.commit()
            stored = uow.repo.workshop(found.id)
        assert stored is not None
        return stored

    def set_closing(self, actor: Actor, workshop: Workshop, closes_on: dt.date | None) -> None:
        """Open until the end of ``closes_on`` (a day already over closes it), or, with
        None, until the facilitator closes it."""
        with self.database.unit() as uow:
            found = require_workshop(uow.repo, actor, workshop)
            uow.repo.set_workshop_closing(found.id, closes_on)
            detail = closes_on.isoformat() if closes_on else "until closed"
            uow.repo.audit(actor.name, "workshop.closing", _label(found), detail)
            uow.commit()

    def reveal(self, actor: Actor, workshop: Workshop, items: Collection[str]) -> Workshop:
        """Set which items the presenter view shows the votes of (``hide_results``
        workshops; keys as :func:`item_key`), for someone who may run the workshop."""
        keys = sorted({k for k in items if k and " " not in k})
        with self.database.unit() as uow:
            found = require_workshop(uow.repo, actor, workshop)
            uow.repo.set_revealed(found.id, keys)
            uow.commit()
        return dataclasses.replace(found, revealed=tuple(keys))

    def _set_status(self, actor: Actor, workshop: Workshop, status: str) -> None:
        with self.database.unit() as uow:
            found = require_workshop(uow.repo, actor, workshop)
            uow.repo.set_workshop_status(found.id, status)
            if status == OPEN and found.past_closing:  # open now: the day that passed goes
                uow.repo.set_workshop_closing(found.id, None)
            uow.repo.audit(actor.name, f"workshop.{status}", _label(found))
            uow.commit()

    # --------------------------------------------------------------- consensus

    def consensus(self, workshop: Workshop, live: Assessment) -> Assessment | None:
        """The organisation's assessment agreed from one live assessment, if saved."""
        with self.database.unit() as uow:
            return uow.repo.consensus_of(workshop.id, live.id)

    def agreed(self, actor: Actor, workshop: Workshop) -> list[tuple[Assessment, Assessment]]:
        """Each live assessment that has a consensus, with it (questionnaire order), for
        someone who may run the workshop."""
        with self.database.unit() as uow:
            require_workshop(uow.repo, actor, workshop)
            live = uow.repo.live_assessments(workshop.id)
            pairs = [(a, uow.repo.consensus_of(workshop.id, a.id)) for a in live]
        return [(live, agreed) for live, agreed in pairs if agreed is not None]

    def source(self, consensus: Assessment) -> tuple[Workshop, Assessment] | None:
        """The workshop and live assessment a consensus was agreed from."""
        with self.database.unit() as uow:
            return uow.repo.source_of(consensus.id)

    def save_consensus(
        self,
        actor: Actor,
        workshop: Workshop,
        questionnaire: Questionnaire,
        agreed: Consensus,
        day: dt.date | None = None,
    ) -> Assessment:
        """Store the consensus as the organisation's (final) assessment of ``questionnaire``,
        in one transaction: nothing of it is written unless all of it is.

        Every participant's answers are copied with the agreed items set for everyone
        (see :func:`cxmaturity.team.apply_consensus`), so the team rules score it to the
        agreed values, and to the team median where it was kept. Saving again replaces
        the earlier consensus of the same workshop.
        """
        with self.database.unit() as uow:
            repo = uow.repo
            workshop = require_workshop(repo, actor, workshop)
            live = next(
                (
                    a
                    for a in repo.live_assessments(workshop.id)
                    if a.questionnaire_id == questionnaire.id
                ),
                None,
            )
            if live is None:
                message = f"{questionnaire.id!r} is not part of this workshop"
                raise WorkshopError(message, "questionnaire")
            team = repo.participant_answers(workshop)[live.id]
            if workshop.anonymous:  # only what anybody may see: no one's own answers
                shown = anonymised(list(team.values()))
                keys = [f"{ANONYMOUS_PREFIX}{n}" for n in range(1, len(shown) + 1)]
            else:
                shown, keys = list(team.values()), [respondent_key(pid) for pid in team]
            agreed_team = apply_consensus(questionnaire, shown, agreed)
            keys = keys or [ANONYMOUS]
            assessment = repo.consensus_of(workshop.id, live.id) or repo.add_round(
                workshop.organization_id, questionnaire, live.language, day or dt.date.today()
            )
            repo.replace_answers(assessment.id, dict(zip(keys, agreed_team, strict=True)))
            repo.set_status(assessment.id, "final")
            repo.link_consensus(workshop.id, live.id, assessment.id)
            final = repo.assessment(assessment.id)
            assert final is not None
            repo.audit(actor.name, "workshop.consensus", _label(workshop),
                       f"{questionnaire.id} {final.public_id}")  # fmt: skip
            uow.commit()
            return final

    # ------------------------------------------------------------------- live

    def live(self, actor: Actor, workshop: Workshop) -> Live:
        """Who joined, how far each is, and the team views, for someone who may run the
        workshop (:class:`NotFoundOrNotYours` for anyone else).

        Computed again only when someone joined or answered (one cheap query)."""
        with self.database.unit() as uow:
            found = require_workshop(uow.repo, actor, workshop)
            version = uow.repo.workshop_version(found.id)
        return self._live.get((found, version), lambda: self._read_live(found))

    def live_of(self, workshop_id: int) -> Live | None:
        """:meth:`live` without a reader (for the report of a consensus already read
        with the right to it)."""
        with self.database.unit() as uow:
            workshop = uow.repo.workshop(workshop_id)
            if workshop is None:
                return None
            version = uow.repo.workshop_version(workshop.id)
        return self._live.get((workshop, version), lambda: self._read_live(workshop))

    def _read_live(self, workshop: Workshop) -> Live:
        with self.database.unit() as uow:
            people = tuple(uow.repo.participants(workshop.id))
            live = uow.repo.live_assessments(workshop.id)
            team = uow.repo.participant_answers(workshop)
            first = uow.repo.first_votes(workshop) if workshop.second_vote else {}
        now = self._aggregate(workshop, people, live, team)
        if not first:
            return now
        return dataclasses.replace(now, first=self._first_views(workshop, live, first))

    def _first_views(
        self, workshop: Workshop, live: list[Assessment], first: dict[int, dict[int, Answers]]
    ) -> dict[str, TeamView]:
        known = self.catalog()
        views = {}
        for assessment in live:
            questionnaire = known.get(assessment.questionnaire_id)
            given = list(first.get(assessment.id, {}).values())
            if questionnaire is None or not given:
                continue
            views[questionnaire.id] = self._view(workshop, questionnaire, given)
        return views

    def _aggregate(
        self,
        workshop: Workshop,
        people: tuple[Participant, ...],
        live: list[Assessment],
        team: dict[int, dict[int, Answers]],
    ) -> Live:
        known = self.catalog()
        progress: dict[int, dict[str, int]] = {p.id: {} for p in people}
        members = {g: {p.id for p in people if p.group == g} for g in workshop.groups}
        views = []
        by_group: dict[str, list[TeamView]] = {g: [] for g in workshop.groups}
        for assessment in live:
            questionnaire = known.get(assessment.questionnaire_id)
            if questionnaire is None:
                continue
            answers = team.get(assessment.id, {})
            for pid, given in answers.items():
                progress.setdefault(pid, {})[questionnaire.id] = answered_items(
                    questionnaire, given
                )
            views.append(self._view(workshop, questionnaire, list(answers.values())))
            for group, ids in members.items():
                mine = [a for pid, a in answers.items() if pid in ids]
                by_group[group].append(self._view(workshop, questionnaire, mine))
        groups = tuple(GroupView(g, len(members[g]), tuple(v)) for g, v in by_group.items())
        return Live(workshop, people, progress, tuple(views), groups=groups)

    @staticmethod
    def _view(workshop: Workshop, questionnaire: Quiz | Grid, team: list[Answers]) -> TeamView:
        """The team view anyone may see: anonymised in an anonymous workshop."""
        return team_view(questionnaire, anonymised(team) if workshop.anonymous else team)


def item_key(questionnaire_id: str, item_id: str) -> str:
    """How the presenter view names one item of one questionnaire."""
    return f"{questionnaire_id}:{item_id}"


def _label(workshop: Workshop) -> str:
    """How the audit log names a workshop."""
    return f"{workshop.code} ({workshop.public_id})"
