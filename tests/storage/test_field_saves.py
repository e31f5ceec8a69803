"""Plan rows and KPIs saved one by one, with a version check, on SQLite and PostgreSQL:
each plan row is changed on its own (only its changed fields) if it still holds what
the editor started from; each KPI and the final flag likewise. A change made on a
stale copy is not written and the stored value comes back; nothing is lost."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import create_engine, text

from cxmaturity.db.migrate import upgrade
from cxmaturity.planning import PlanItem, Priority, Status
from cxmaturity.services.access import Actor
from cxmaturity.services.answers import (
    OwnAnswers,
    PlanChange,
    plan_changes,
    plan_fields,
    stored_plan_item,
)

from ..helpers import admin_of, open_services

DAY = dt.date(2026, 6, 1)
FIRST = PlanItem(capability="billing", suggestion=1, owner="Finanzas")
SECOND = PlanItem(capability="security", initiative={"es": "Doble factor", "en": "Two factor"})


@pytest.fixture
def world(db_url, grid):
    """An assessment of Acme with a plan of two rows (keys "a" and "b"), its owner, and
    the target through which the pages save."""
    services = open_services(db_url)
    owner = Actor(services.accounts.add("ana@example.com", "x" * 12, "consultant", actor="t"))
    acme = services.organizations.create(owner, "Acme")
    assessment = services.assessments.create_assessment(acme, grid, "es", DAY)
    target = OwnAnswers(owner, grid, "es", assessment_id=assessment.public_id)
    _, theirs = services.answers.change_plan(
        target,
        [PlanChange("a", plan_fields(FIRST), None), PlanChange("b", plan_fields(SECOND), None)],
    )
    assert theirs == {}
    return services, owner, assessment, target


def _rows(services, assessment) -> dict[str, PlanItem]:
    with services.database.unit() as uow:
        return dict(uow.repo.plan_rows(assessment.id))


def _base(services, assessment) -> dict[str, dict[str, str | None]]:
    return {key: plan_fields(item) for key, item in _rows(services, assessment).items()}


def test_rows_are_added_changed_and_deleted_one_by_one_in_order(world):
    services, _, assessment, target = world
    assert list(_rows(services, assessment)) == ["a", "b"]
    base = _base(services, assessment)
    now = {
        "a": FIRST.model_copy(update={"owner": "Marta", "status": Status.DONE}),
        "c": PlanItem(capability="billing", initiative="Factura única", due=dt.date(2027, 1, 31)),
    }
    changes = plan_changes(base, now)
    assert [(c.key, c.base is None, c.fields) for c in changes] == [
        ("a", False, {"owner": "Marta", "status": "done"}),  # only the changed fields
        ("c", True, plan_fields(now["c"])),
        ("b", False, None),  # deleted
    ]
    saved, theirs = services.answers.change_plan(target, changes)
    assert theirs == {} and saved is not None and saved.id == assessment.id
    assert _rows(services, assessment) == now  # the new row last, "b" gone
    log = services.organizations.audit_log(admin_of(services.assessments))
    assert any(e.action == "assessment.plan" and "1 added, 1 changed, 1 deleted" in e.detail
               for e in log)  # fmt: skip


def test_two_screens_changing_different_fields_of_one_row_both_keep_theirs(world):
    services, _, assessment, target = world
    base = _base(services, assessment)
    one = plan_changes(base, {"a": FIRST.model_copy(update={"owner": "Marta"}), "b": SECOND})
    two = plan_changes(base, {"a": FIRST.model_copy(update={"priority": Priority.HIGH}),
                              "b": SECOND})  # fmt: skip
    assert services.answers.change_plan(target, one)[1] == {}
    assert services.answers.change_plan(target, two)[1] == {}
    stored = _rows(services, assessment)["a"]
    assert (stored.owner, stored.priority) == ("Marta", Priority.HIGH)


def test_the_same_field_changed_on_a_stale_copy_is_not_written(world):
    services, _, assessment, target = world
    base = _base(services, assessment)
    mine = {"a": FIRST.model_copy(update={"owner": "from screen one"}), "b": SECOND}
    stale = {"a": FIRST.model_copy(update={"owner": "from screen two"}), "b": SECOND}
    assert services.answers.change_plan(target, plan_changes(base, mine))[1] == {}
    _, theirs = services.answers.change_plan(target, plan_changes(base, stale))
    assert set(theirs) == {"a"}
    assert stored_plan_item(theirs["a"]).owner == "from screen one"  # what the other stored
    assert _rows(services, assessment)["a"].owner == "from screen one"  # nothing overwritten


def test_a_row_changed_meanwhile_is_not_deleted_and_a_deleted_one_is_not_revived(world):
    services, _, assessment, target = world
    base = _base(services, assessment)
    changed = {"a": FIRST, "b": SECOND.model_copy(update={"note": "in progress"})}
    assert services.answers.change_plan(target, plan_changes(base, changed))[1] == {}
    _, theirs = services.answers.change_plan(target, plan_changes(base, {"a": FIRST}))
    assert stored_plan_item(theirs["b"]).note == "in progress"  # the deletion was refused
    assert "b" in _rows(services, assessment)
    # Screen one deletes "a"; screen two, still with the old copy, edits it.
    assert services.answers.change_plan(target, [PlanChange("a", None, base["a"])])[1] == {}
    edit = plan_changes(base, {"a": FIRST.model_copy(update={"owner": "x"}), "b": SECOND})
    _, theirs = services.answers.change_plan(target, edit[:1])
    assert theirs == {"a": {}}  # no such row any more: told, not written again
    assert "a" not in _rows(services, assessment)


def test_a_new_row_saved_twice_is_stored_once(world):
    """A retry after a failure whose commit did happen finds the row stored."""
    services, _, assessment, target = world
    new = PlanChange("c", plan_fields(PlanItem(capability="billing", initiative="x")), None)
    assert services.answers.change_plan(target, [new])[1] == {}
    assert services.answers.change_plan(target, [new])[1] == {}
    assert list(_rows(services, assessment)) == ["a", "b", "c"]


def test_plan_changes_need_the_right_to_change_the_assessment(world):
    from cxmaturity.services.access import NotFoundOrNotYours

    services, _, assessment, _ = world
    viewer = Actor(services.accounts.add("vic@example.com", "x" * 12, "member", actor="t"))
    target = OwnAnswers(viewer, services.catalogs.current().get("avaya-capability-grid"), "es",
                        assessment_id=assessment.public_id)  # fmt: skip
    with pytest.raises(NotFoundOrNotYours):
        services.answers.change_plan(
            target, [PlanChange("a", None, _base(services, assessment)["a"])]
        )
    assert list(_rows(services, assessment)) == ["a", "b"]


# --------------------------------------------------------------------------- KPIs


def test_kpis_and_the_final_flag_are_changed_one_by_one(world):
    services, owner, assessment, _ = world
    store = services.assessments
    base = store.details_of(owner, assessment)
    assert base["nps"] is None and base["final"] is False
    assert store.change_details(owner, assessment, {"nps": 31.5}, base) == {}
    # A second form, opened before, changes another KPI and the flag: both stored.
    assert store.change_details(owner, assessment, {"csat": 4.2, "final": True}, base) == {}
    assert store.details_of(owner, assessment) | {} == {
        **base,
        "nps": 31.5,
        "csat": 4.2,
        "final": True,
    }


def test_a_kpi_changed_on_a_stale_copy_is_not_written(world):
    services, owner, assessment, _ = world
    store = services.assessments
    base = store.details_of(owner, assessment)
    assert store.change_details(owner, assessment, {"nps": 10.0, "final": True}, base) == {}
    theirs = store.change_details(owner, assessment, {"nps": 20.0, "final": False, "first-contact-resolution": 70.0},
                                  base)  # fmt: skip
    assert theirs == {"nps": 10.0, "final": True}
    stored = store.details_of(owner, assessment)
    assert (stored["nps"], stored["final"], stored["first-contact-resolution"]) == (
        10.0,
        True,
        70.0,
    )


def test_the_migration_gives_existing_plan_rows_keys(db_url, grid):
    engine = create_engine(db_url)
    upgrade(engine, "0006")
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO organizations (id, name, created_at, public_id)"
                " VALUES (1, 'Acme', :t, :p)"
            ),
            {"t": dt.datetime(2026, 5, 1), "p": "a" * 32},
        )
        connection.execute(
            text(
                "INSERT INTO assessments (id, organization_id, questionnaire_id,"
                " questionnaire_version, assessed_on, language, status, created_at, public_id)"
                " VALUES (7, 1, 'avaya-capability-grid', '1', :d, 'es', 'draft', :t, :p)"
            ),
            {"d": DAY, "t": dt.datetime(2026, 5, 1), "p": "b" * 32},
        )
        for row_id, position, owner in ((11, 0, "Ana"), (12, 1, "Luis")):
            connection.execute(
                text(
                    "INSERT INTO plan_items (id, assessment_id, position, capability, owner,"
                    " priority, status, note, suggestion) VALUES"
                    " (:i, 7, :p, 'billing', :o, 'high', 'proposed', '', 1)"
                ),
                {"i": row_id, "p": position, "o": owner},
            )
    upgrade(engine)
    services = open_services(db_url)
    with services.database.unit() as uow:
        rows = uow.repo.plan_rows(7)
    assert [(key, item.owner) for key, item in rows] == [("11", "Ana"), ("12", "Luis")]
    engine.dispose()
