"""A workshop participant's path on a phone (390 px), in a real browser: join, the
language switch right after joining, the grid one item a screen, a reload mid-grid,
the join link opened again on the same phone, the finished screen, changing an answer."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from cxmaturity.model import Rating
from cxmaturity.services.access import Actor

from ..conftest import ROOT
from ..helpers import open_services, stored_team
from .conftest import ARTIFACTS, new_page, serve
from .streamlit_page import expect, key_class, level_control, pick_radio, press_level, settle

GRID = "avaya-capability-grid"
QUIZ = "avaya-cx-quiz"


@pytest.fixture(scope="module")
def room(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str, Path]]:
    """A server of its own with an open workshop (quiz and grid, in Spanish)."""
    from cxmaturity.loader import Catalog

    data = tmp_path_factory.mktemp("participant-data")
    services = open_services(f"sqlite:///{data / 'cxmaturity.db'}")
    owner = Actor(services.accounts.add("owner@example.com", "correct horse battery",
                                        "consultant", actor="t"))  # fmt: skip
    acme = services.organizations.create(owner, "Taller Acme")
    known = Catalog.from_dirs([ROOT / "assessments"])
    workshop = services.workshops.create(owner, acme, [known.get(QUIZ), known.get(GRID)], "es")
    with serve(tmp_path_factory.mktemp("participant-server"), data) as url:
        yield url, workshop.code, data


def _stored(data: Path) -> dict[str, dict[str, object]]:
    """Per participant name, their answers per questionnaire id, from the database."""
    services = open_services(f"sqlite:///{data / 'cxmaturity.db'}")
    [workshop] = services.workshops.all(_admin(services))
    workshop = workshop[0]
    people = {p.id: p.name for p in services.workshops.participants(workshop)}
    live = {a.id: a.questionnaire_id for a in services.workshops.assessments(workshop)}
    found: dict[str, dict[str, object]] = {name: {} for name in people.values()}
    for assessment_id, answers in stored_team(services.workshops, workshop).items():
        for pid, given in answers.items():
            found[people[pid]][live[assessment_id]] = given
    return found


def _admin(services):
    from ..helpers import admin_of

    return admin_of(services.assessments)


def _item(page) -> str:
    return page.url.split("item=", 1)[1].split("&", 1)[0] if "item=" in page.url else ""


def test_a_participant_on_a_phone(browser, room):
    url, code, data = room
    context, phone = new_page(browser, width=390, height=844)
    try:
        # The join link opened in English; the workshop is in Spanish.
        phone.goto(f"{url}/join?code={code}&lang=en")
        phone.get_by_label("Your name").fill("Zoe")
        phone.get_by_role("button", name="Join").click()
        expect(phone.get_by_text("Hola, Zoe.")).to_be_visible()
        settle(phone)
        # The switch shows the language on screen, and its first click switches.
        switch = phone.locator(key_class("ui.lang"))
        expect(switch.get_by_role("radio", name="Español")).to_have_attribute(
            "aria-checked", "true"
        )
        switch.get_by_role("radio", name="English").click()
        expect(phone.get_by_text("Hello, Zoe.")).to_be_visible()
        settle(phone)
        switch.get_by_role("radio", name="Español").click()
        expect(phone.get_by_text("Hola, Zoe.")).to_be_visible()
        settle(phone)

        # The quiz, then "next" to the grid.
        for question, letter in enumerate("abca"):
            pick_radio(phone, question, letter)
        phone.get_by_role("button", name="Siguiente: Capacidades").click()
        settle(phone)
        expect(phone.get_by_text("capacidad 1 de 25")).to_be_visible()
        first = _item(phone) or "business-intelligence"
        _press(phone, first, "current", "2")
        _press(phone, first, "ideal", "4")
        phone.get_by_role("button", name="Siguiente", exact=True).click()
        expect(phone.get_by_text("capacidad 2 de 25")).to_be_visible()
        settle(phone)
        second = _item(phone)
        assert second and second != first
        phone.screenshot(path=str(_artifact("participant-step")), full_page=True)

        # A reload mid-grid continues at the same item, with the answers.
        phone.reload()
        expect(phone.get_by_text("capacidad 2 de 25")).to_be_visible(timeout=20_000)
        assert _item(phone) == second
        phone.get_by_role("button", name="Anterior").click()
        expect(phone.get_by_text("capacidad 1 de 25")).to_be_visible()
        settle(phone)
        chosen = _control(phone, first, "current")
        expect(chosen.get_by_role("radio", name="2", exact=True)).to_have_attribute(
            "aria-checked", "true"
        )

        # The join link (or QR code) opened again on this phone: the same participant,
        # back in the grid where the answers stop.
        phone.goto(f"{url}/join?code={code}")
        expect(phone.get_by_text("Hola, Zoe.")).to_be_visible(timeout=20_000)
        expect(phone.get_by_text("capacidad 2 de 25")).to_be_visible()
        assert list(_stored(data)) == ["Zoe"]  # one participant, not two

        # Every other capability marked n/a; "finish" shows the finished screen.
        for n in range(2, 26):
            item = _item(phone)
            _press(phone, item, "current", "N/A")
            phone.get_by_role("button", name="Terminar" if n == 25 else "Siguiente",
                              exact=True).click()  # fmt: skip
            if n < 25:
                expect(phone.get_by_text(f"capacidad {n + 1} de 25")).to_be_visible()
            settle(phone)
        expect(phone.get_by_text("¡Listo, gracias!")).to_be_visible()
        overview = phone.get_by_role("button", name="hoy 2 · ideal 4")
        expect(overview).to_have_count(1)
        phone.screenshot(path=str(_artifact("participant-finished")), full_page=True)

        # An answer changed from the finished screen is stored.
        overview.click()
        expect(phone.get_by_text("capacidad 1 de 25")).to_be_visible()
        settle(phone)
        _press(phone, first, "current", "3")
        stored = _stored(data)["Zoe"]
        assert stored[GRID].rating(first) == Rating(current=3, ideal=4)
        assert [stored[QUIZ].choice(q) for q in ("q1", "q2", "q3", "q4")] == list("abca")
        marked = [k for k in stored[GRID].answers if stored[GRID].rating(k).not_applicable]
        assert len(marked) == 24 and first not in marked
    except Exception:
        phone.screenshot(path=str(_artifact("participant-failure")), full_page=True)
        raise
    finally:
        context.close()


def _control(page, item: str, part: str):
    return level_control(page, GRID, item, part)


def _press(page, item: str, part: str, label: str) -> None:
    press_level(page, GRID, item, part, label)


def _artifact(name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS / f"{name}.png"
