"""Who may do what (``access.md``), as a table: every role against every action on one
client organisation, each case on a fresh database, SQLite and PostgreSQL. Denied cases
are checked as carefully as allowed ones: a refusal looks exactly like a missing row."""

from __future__ import annotations

import datetime as dt
import secrets

import pytest

from cxmaturity.model import Rating
from cxmaturity.planning import PlanItem
from cxmaturity.records import ANONYMOUS
from cxmaturity.services.access import Action, Actor, NotAllowed, NotFoundOrNotYours
from cxmaturity.services.answers import OwnAnswers, PlanChange, plan_fields
from cxmaturity.services.reports import ReportPart

from ..helpers import open_services

NEW_ROW = PlanChange("k1", plan_fields(PlanItem(capability="billing", initiative="x")), None)

PASSWORD = "correct horse battery"
ROLES = ["visitor", "participant", "viewer", "editor", "owner", "other-consultant",
         "other-member", "admin", "disabled-editor"]  # fmt: skip
# Reads (and checks) leave Acme as it was; CHANGES each run on a fresh world.
READS = {"read", "read-assessment", "open-round", "history", "export", "kpis-read", "report",
         "listed", "kpi-trend"}  # fmt: skip
RUNS = {"run-workshop", "live-assessment", "live", "workshops-listed", "create-workshop",
        "close-workshop", "consensus"}  # fmt: skip
WRITES = {"write", "answer", "new-round", "plan", "kpis", "reevaluate"}
ACTIONS = sorted(READS | RUNS | WRITES | {"share", "delete-assessment", "delete-workshop",
                                         "delete", "create", "audit"})  # fmt: skip
CHANGES = ["answer", "new-round", "plan", "kpis", "reevaluate", "create-workshop",
           "close-workshop", "consensus", "share", "delete-assessment", "delete-workshop",
           "delete", "create"]  # fmt: skip
ALLOWED = {
    "visitor": set(),
    "participant": set(),
    "viewer": READS,
    "editor": READS | RUNS | WRITES,
    "owner": set(ACTIONS) - {"audit"},
    "other-consultant": {"create"},
    "other-member": set(),
    "admin": set(ACTIONS),
    "disabled-editor": set(),
}


class World:
    """Acme (owned by ana, a consultant) with an assessment holding a note, a workshop,
    a viewer, an editor and a disabled editor; Beta owned by bruno; an admin."""

    def __init__(self, url: str, quiz, grid) -> None:
        self.services = services = open_services(url)
        add = services.accounts.add
        self.accounts = {
            "owner": add("ana@acme.example", PASSWORD, "consultant", actor="t"),
            "other-consultant": add("bruno@beta.example", PASSWORD, "consultant", actor="t"),
            "viewer": add("vera@acme.example", PASSWORD, "member", actor="t"),
            "editor": add("eddie@acme.example", PASSWORD, "member", actor="t"),
            "disabled-editor": add("dora@acme.example", PASSWORD, "member", actor="t"),
            "other-member": add("mia@beta.example", PASSWORD, "member", actor="t"),
            "admin": add("root@example.com", PASSWORD, "admin", actor="t"),
        }
        orgs = services.organizations
        self.acme = orgs.create(self.actor("owner"), "Acme S.A.")
        self.beta = orgs.create(self.actor("other-consultant"), "Beta")
        for role, access in (("viewer", "viewer"), ("editor", "editor"),
                             ("disabled-editor", "editor")):  # fmt: skip
            orgs.share(self.actor("owner"), self.acme, self.accounts[role].email, access)
        orgs.share(self.actor("other-consultant"), self.beta, "mia@beta.example", "viewer")
        services.accounts.disable("dora@acme.example", actor="t")
        self.accounts["disabled-editor"] = services.accounts.with_email("dora@acme.example")
        store = services.assessments
        self.assessment = store.create_assessment(self.acme, grid, "es", dt.date(2026, 1, 5))
        store.save_rating(self.assessment, ANONYMOUS, "billing", Rating(current=2, ideal=4,
                          note="NOTA-SECRETA-ACME"))  # fmt: skip
        self.workshop = services.workshops.create(self.actor("owner"), self.acme, [quiz], "es")
        _, _, self.token = services.workshops.join(self.workshop.code, "Pía", client="ip:1")
        services.workshops.save_choice(self.token, quiz.id, "q1", "a")
        self.live = services.workshops.assessments(self.workshop)[0]
        self.quiz, self.grid = quiz, grid
        self.counts = services.assessments.counts()

    def actor(self, role: str) -> Actor:
        if role in ("visitor", "participant"):
            return Actor()  # a participant holds a token, not an account
        return Actor(self.accounts[role])

    def attempt(self, role: str, action: str) -> bool:
        """Whether the action went through (False: refused as not found or not yours)."""
        services, orgs, actor = self.services, self.services.organizations, self.actor(role)
        own = OwnAnswers(actor, self.grid, "es", assessment_id=self.assessment.public_id)
        steps = {
            "open-round": lambda: services.assessments.open_round(
                actor, self.assessment.public_id, self.grid.id
            ),
            "history": lambda: services.history.entries(actor, self.acme, "es"),
            "export": lambda: services.assessments.export_json(actor, self.acme),
            "kpis-read": lambda: services.assessments.details_of(actor, self.assessment),
            "kpi-trend": lambda: services.assessments.kpi_rounds(actor, self.acme),
            "report": lambda: services.reports.report(
                actor, [ReportPart(self.grid, self.assessment.public_id)], "es"
            ),
            "live-assessment": lambda: services.assessments.open_round(
                actor, self.live.public_id, self.quiz.id
            ),
            "live": lambda: services.workshops.live(actor, self.workshop),
            "answer": lambda: services.answers.save(own, "billing", Rating(current=1, ideal=1)),
            "new-round": lambda: services.answers.save(
                OwnAnswers(actor, self.grid, "es", organization_id=self.acme.public_id),
                "billing",
                Rating(current=1, ideal=1),
            ),
            "plan": lambda: services.answers.change_plan(own, [NEW_ROW]),
            "kpis": lambda: services.assessments.change_details(
                actor, self.assessment, {"nps": 10.0, "final": True}, {"final": False}
            ),
            "reevaluate": lambda: services.assessments.reevaluate(
                actor, self.assessment, self.grid, dt.date(2026, 7, 1)
            ),
            "create-workshop": lambda: services.workshops.create(
                actor, self.acme, [self.quiz], "es"
            ),
            "close-workshop": lambda: services.workshops.close(actor, self.workshop),
            "consensus": lambda: services.workshops.save_consensus(
                actor, self.workshop, self.quiz, {}
            ),
            "read": lambda: orgs.get(actor, self.acme.public_id),
            "read-assessment": lambda: orgs.assessment(actor, self.assessment.public_id),
            "write": lambda: orgs.assessment(actor, self.assessment.public_id, Action.WRITE),
            "run-workshop": lambda: orgs.get(actor, self.acme.public_id, Action.RUN_WORKSHOP),
            "share": lambda: orgs.share(actor, self.acme, "bruno@beta.example", "viewer"),
            "delete-assessment": lambda: orgs.delete_assessment(actor, self.assessment),
            "delete-workshop": lambda: orgs.delete_workshop(actor, self.workshop),
            "delete": lambda: orgs.delete(actor, self.acme),
            "create": lambda: orgs.create(actor, "Nueva"),
            "audit": lambda: orgs.audit_log(actor),
        }
        if action == "listed":
            return self.acme.id in {o.id for o, _ in orgs.visible(actor)}
        if action == "workshops-listed":
            return self.workshop.id in {w.id for w, _ in services.workshops.all(actor)}
        try:
            steps[action]()
        except (NotFoundOrNotYours, NotAllowed):
            return False
        return True

    def untouched(self) -> bool:
        """Acme, its assessment (with the note), its workshop and its members are there."""
        services = self.services
        note = services.assessments.answers(self.assessment)[ANONYMOUS].rating("billing").note
        members = services.organizations.members(Actor(self.accounts["owner"]), self.acme)
        workshop = services.workshops.get(self.workshop.id)
        return (
            services.assessments.organization(self.acme.id) is not None
            and note == "NOTA-SECRETA-ACME"
            and services.assessments.counts() == self.counts  # no new round, plan, KPI
            and workshop is not None
            and workshop.open
            and len(services.workshops.all(Actor(self.accounts["admin"]))) == 1
            and {a.email for a, _ in members}
            == {"ana@acme.example", "vera@acme.example", "eddie@acme.example", "dora@acme.example"}
        )


@pytest.fixture
def world(db_url, quiz, grid):
    return World(db_url, quiz, grid)


@pytest.fixture(autouse=True)
def no_pdf(monkeypatch):
    """The report's access check is under test here, not the PDF (tests/test_report.py)."""
    from cxmaturity.services import reports

    monkeypatch.setattr(reports, "answers_report", lambda *args, **kwargs: b"%PDF")


@pytest.mark.parametrize("role", ROLES)
def test_access_table_reads_and_writes(world, role):
    """Every action that leaves the others' data as it was, for one role."""
    wrong = {
        action: allowed
        for action in ACTIONS
        if action not in CHANGES
        and world.attempt(role, action) is not (allowed := action in ALLOWED[role])
    }
    assert wrong == {}, f"{role}: expected allowed={wrong}"
    assert world.untouched()


@pytest.mark.parametrize("action", CHANGES)
@pytest.mark.parametrize("role", ROLES)
def test_access_table_shares_and_deletes(world, role, action):
    allowed = action in ALLOWED[role]
    assert world.attempt(role, action) is allowed
    if not allowed:
        assert world.untouched()  # a refused action changed nothing


def test_guessed_ids_find_nothing_even_for_the_owner(world):
    orgs = world.services.organizations
    for actor in (world.actor("owner"), world.actor("admin"), world.actor("visitor")):
        guesses = ["1", "2", str(world.assessment.id), str(world.acme.id), str(world.workshop.id),
                   secrets.token_hex(16), secrets.token_hex(12), world.workshop.code,
                   world.acme.public_id[:-1] + ("1" if world.acme.public_id[-1] == "0" else "0"), "", "x" * 400]  # fmt: skip
        for guess in guesses:
            with pytest.raises(NotFoundOrNotYours):
                orgs.assessment(actor, guess)
            with pytest.raises(NotFoundOrNotYours):
                orgs.get(actor, guess)
            with pytest.raises(NotFoundOrNotYours):
                orgs.workshop(actor, guess)
            with pytest.raises(NotFoundOrNotYours):
                world.services.assessments.open_round(actor, guess, world.grid.id)
    assert len(world.acme.public_id) == 32 and int(world.acme.public_id, 16) >= 0  # 128 bits


def test_a_refusal_says_nothing_about_existence(world):
    orgs = world.services.organizations
    with pytest.raises(NotFoundOrNotYours) as refused:
        orgs.assessment(world.actor("other-consultant"), world.assessment.public_id)
    with pytest.raises(NotFoundOrNotYours) as missing:
        orgs.assessment(world.actor("other-consultant"), secrets.token_hex(16))
    assert str(refused.value) == str(missing.value) == "not found or not yours"


def test_after_sharing_as_viewer_the_other_consultant_reads_but_cannot_write(world):
    orgs, bruno = world.services.organizations, world.actor("other-consultant")
    assert not world.attempt("other-consultant", "read-assessment")
    orgs.share(world.actor("owner"), world.acme, "bruno@beta.example", "viewer")
    assert orgs.assessment(bruno, world.assessment.public_id) == world.assessment
    with pytest.raises(NotFoundOrNotYours):
        orgs.assessment(bruno, world.assessment.public_id, Action.WRITE)
    assert ("Acme S.A.", "viewer") in [(o.name, a) for o, a in orgs.visible(bruno)]
    orgs.share(world.actor("owner"), world.acme, "bruno@beta.example", None)  # removed
    assert not world.attempt("other-consultant", "read")


def test_names_are_unique_per_owner_not_per_server(world):
    orgs = world.services.organizations
    again = orgs.create(world.actor("owner"), " Acme   S.A. ")
    assert again == world.acme  # the owner's own
    theirs = orgs.create(world.actor("other-consultant"), "Acme S.A.")
    assert theirs.id != world.acme.id  # nothing attached to another owner's Acme
    assert [
        a for o, a in orgs.visible(world.actor("other-consultant")) if o.id == world.acme.id
    ] == []


def test_the_last_owner_stays(world):
    with pytest.raises(ValueError, match="owner"):
        world.services.organizations.share(
            world.actor("owner"), world.acme, "ana@acme.example", "viewer"
        )


def test_admins_list_every_organisation_with_their_access(world):
    visible = world.services.organizations.visible(world.actor("admin"))
    assert [(o.name, a) for o, a in visible] == [("Acme S.A.", "admin"), ("Beta", "admin")]


def test_delete_removes_the_data_for_good_and_is_audited(world):
    services, owner = world.services, world.actor("owner")
    services.organizations.delete(owner, world.acme)
    counts = services.assessments.counts()
    assert counts["organizations"] == 1 and counts["assessments"] == 0  # Beta only
    assert counts["responses"] == 0
    log = services.organizations.audit_log(world.actor("admin"))
    assert log[0].action == "organization.delete" and log[0].actor == "ana@acme.example"
    assert "Acme S.A." in log[0].target
    csv_text = services.organizations.audit_csv(world.actor("admin"))
    assert csv_text.splitlines()[0] == "at,who,action,target,detail"
    assert "organization.share" in csv_text and "account.add" in csv_text


def test_deleting_a_workshop_keeps_its_consensus_and_drops_its_live_answers(world, quiz):
    services, owner = world.services, world.actor("owner")
    workshops = services.workshops
    workshops.save_choice(world.token, quiz.id, "q1", "a")
    agreed = workshops.save_consensus(owner, world.workshop, quiz, {})
    services.organizations.delete_workshop(owner, world.workshop)
    assert workshops.get(world.workshop.id) is None
    assert services.assessments.assessment(agreed.id) is not None
    assert [a.id for a in services.assessments.assessments(world.acme)] == [
        world.assessment.id,
        agreed.id,
    ]


def test_a_link_opens_only_its_own_questionnaire(world):
    """An assessment's public id with another questionnaire in the link finds nothing."""
    with pytest.raises(NotFoundOrNotYours):
        world.services.assessments.open_round(
            world.actor("owner"), world.assessment.public_id, world.quiz.id
        )


def test_nobody_writes_into_a_workshops_live_answers_but_its_participants(world):
    """The facilitator reads the live answers; an account never writes into them."""
    services = world.services
    opened = services.assessments.open_round(world.actor("editor"), world.live.public_id,
                                             world.quiz.id)  # fmt: skip
    assert [a.answers for a in opened.team or (opened.own,)] == [{"q1": "a"}]
    for role in ("editor", "owner", "admin"):
        own = OwnAnswers(world.actor(role), world.quiz, "es", assessment_id=world.live.public_id)
        with pytest.raises(NotFoundOrNotYours):
            services.answers.save(own, "q1", "b")


def test_every_change_is_in_the_audit_log_with_who_made_it(world, quiz):
    services, editor = world.services, world.actor("editor")
    own = OwnAnswers(editor, world.grid, "es", assessment_id=world.assessment.public_id)
    services.answers.save(own, "billing", Rating(current=3, ideal=4))
    item = PlanItem(capability="billing", initiative="x")
    services.answers.change_plan(own, [PlanChange("k1", plan_fields(item), None)])
    services.assessments.change_details(editor, world.assessment, {"nps": 12.0}, {})
    services.workshops.close(editor, world.workshop)
    services.workshops.save_consensus(editor, world.workshop, quiz, {})
    log = services.organizations.audit_log(world.actor("admin"))
    mine = [(e.action, e.actor) for e in log if e.actor == "eddie@acme.example"]
    assert [a for a, _ in reversed(mine)] == ["assessment.answer", "assessment.plan",
        "assessment.details", "workshop.closed", "workshop.consensus"]  # fmt: skip
    assert any(e.action == "assessment.answer" and e.actor.startswith("participant")
               for e in log)  # fmt: skip
