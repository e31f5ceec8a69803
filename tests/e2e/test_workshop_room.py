"""A workshop run as in a real room, in Chromium (each person a browser context of
their own): five participants with known choices; the facilitator's dashboard,
consensus and presenter view against the command line's ``score --json`` of the same
five answers files; votes hidden until revealed; the consensus in the history and the
PDF; and an anonymous workshop in which no page or report shows who chose what."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from cxmaturity.loader import dump_answers, load_questionnaire
from cxmaturity.model import Answers, Quiz
from cxmaturity.scoring import lower_median
from cxmaturity.services.access import Actor

from ..conftest import ROOT
from ..helpers import open_services
from .conftest import ARTIFACTS, browser_contexts, new_page, serve
from .streamlit_page import expect, key_class, pick_radio, press_level, settle, sign_in

FACILITATOR = "facilitator@example.com"
PASSWORD = "correct horse battery"
ORGANIZATION = "Sala Acme"
QUIZ = load_questionnaire(ROOT / "assessments" / "avaya-cx-quiz.yaml")
GRID_ID = "avaya-capability-grid"
FIRST_CAPABILITY = "business-intelligence"
# Participant n's quiz letters (q1..q4) and today's level of the first capability.
VOTES = [("abca", 1), ("bbcb", 2), ("ccab", 3), ("bcbd", 2), ("abbc", 4)]
LIVE_WITHIN = 3.0  # seconds from a vote to the facilitator's consensus section


@pytest.fixture(scope="module")
def room_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    data = tmp_path_factory.mktemp("room-data")
    services = open_services(f"sqlite:///{data / 'cxmaturity.db'}")
    owner = Actor(services.accounts.add("owner@example.com", PASSWORD, "consultant", actor="t"))
    services.accounts.add(FACILITATOR, PASSWORD, "member", actor="t")
    for name in (ORGANIZATION, "Sala Anónima"):
        organization = services.organizations.create(owner, name)
        services.organizations.share(owner, organization, FACILITATOR, "editor")
    with serve(tmp_path_factory.mktemp("room-server"), data) as url:
        yield url, data


def _shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"room-{name}.png"), full_page=True)


def _cli_score(tmp: Path) -> dict[str, object]:
    """``score --json`` of the five participants' quiz answers files."""
    assert isinstance(QUIZ, Quiz)
    files = []
    for n, (letters, _) in enumerate(VOTES):
        answers = Answers(
            questionnaire=QUIZ.id,
            answers={q.id: letter for q, letter in zip(QUIZ.questions, letters, strict=True)},
        )
        path = tmp / f"p{n}.yaml"
        path.write_text(dump_answers(answers), encoding="utf-8")
        files.append(str(path))
    done = subprocess.run(
        [sys.executable, "-m", "cxmaturity", "score", "--json", *files],
        capture_output=True, text=True, check=True, cwd=ROOT,
    )  # fmt: skip
    return json.loads(done.stdout)


def _median_letter(question_index: int) -> str:
    """The option at the lower median of the points chosen (computed here by hand)."""
    assert isinstance(QUIZ, Quiz)
    question = QUIZ.questions[question_index]
    points = {o.id: o.points for o in question.options}
    chosen = [letters[question_index] for letters, _ in VOTES]
    median = lower_median(sorted(points[c] for c in chosen))
    return next(o for o, p in points.items() if p == median)


def _create(facilitator, url: str, organization: str, *, anonymous: bool) -> str:
    """On the Workshops page: a workshop of the quiz and the grid, votes hidden on the
    presenter view until revealed; its join link."""
    facilitator.goto(f"{url}/workshop?lang=es")
    expander = facilitator.locator("[data-testid=stExpander] details").first
    expander.wait_for()
    settle(facilitator)
    if expander.get_attribute("open") is None:  # open when there is no workshop yet
        expander.locator("summary").click()
    form = facilitator.locator("[data-testid=stForm]")
    chooser = form.get_by_label("Organización")
    chooser.click()
    chooser.fill(organization)
    chooser.press("Enter")
    expect(chooser).to_have_value(organization)
    # The quiz and the grid, the new workshop's default (the other quizzes can be added).
    expect(form.get_by_label("Remove Siete errores que frenan la experiencia del cliente")
           ).to_have_count(0)  # fmt: skip
    expect(form.get_by_label("Remove Capacidades organizacionales para la experiencia del "
                             "cliente")).to_have_count(1)  # fmt: skip
    if anonymous:
        form.get_by_text("Anónimas:").click()
    form.get_by_text("Ocultar los votos en la vista de presentación").click()
    form.get_by_role("button", name="Crear el taller").click()
    expect(facilitator.get_by_text(organization).first).to_be_visible()
    settle(facilitator)
    link = facilitator.locator("[data-testid=stCode] code").first.inner_text().strip()
    assert re.fullmatch(rf"{re.escape(url)}/join\?code=[2-9A-Z]{{10}}", link), link
    return link


def _join(browser, url: str, code: str, name: str, width: int):
    """A participant types the code at /join (as on the projector) and joins."""
    context, page = new_page(browser, width=width, height=844)
    page.goto(f"{url}/join?lang=es")
    page.get_by_label("Código del taller").fill(code)
    page.get_by_label("Su nombre").fill(name)
    page.get_by_role("button", name="Unirse").click()
    expect(page.locator("[data-testid=stRadio]")).to_have_count(4)
    return context, page


def _split_caption(facilitator, question_index: int):
    """The consensus section's "team answers" line of one quiz question."""
    section = facilitator.locator(key_class("ws.consensus"))
    return (
        section.locator("[data-testid=stCaptionContainer]")
        .filter(has_text="Respuestas del equipo")
        .nth(question_index)
    )


def _expected_split(distribution: dict[str, int], question_index: int) -> str:
    assert isinstance(QUIZ, Quiz)
    options = [o.id for o in QUIZ.questions[question_index].options]
    return " · ".join(f"{o}) {distribution.get(o, 0)}" for o in options)


def test_five_participants_dashboard_presenter_consensus_and_report(browser, room_server, tmp_path):
    url, data = room_server
    assert isinstance(QUIZ, Quiz)
    expected = _cli_score(tmp_path)
    with browser_contexts("room", shown=2) as contexts:
        context, facilitator = new_page(browser)
        contexts.append(context)
        sign_in(facilitator, url, FACILITATOR, PASSWORD, lang="es")
        link = _create(facilitator, url, ORGANIZATION, anonymous=False)
        code = link.rsplit("=", 1)[1]
        presenter = context.new_page()
        href = facilitator.get_by_role("link", name=re.compile("vista de presentación"))
        presenter.goto(url + "/" + href.get_attribute("href").lstrip("./"))
        expect(presenter.get_by_text(f"{code[:5]}-{code[5:]}")).to_be_visible()
        expect(presenter.get_by_text("0 se unieron · 0 terminaron")).to_be_visible()

        # Five participants join by code and answer with known choices; the last
        # one's last quiz answer waits, to time the consensus section.
        people = []
        for n in range(len(VOTES)):
            context, page = _join(browser, url, code, f"Persona {n + 1}", 390 if n % 2 else 1280)
            contexts.append(context)
            people.append(page)
        for n, (page, (letters, _)) in enumerate(zip(people, VOTES, strict=True)):
            for question, letter in enumerate(letters):
                if (n, question) != (len(VOTES) - 1, 3):
                    pick_radio(page, question, letter)
        _shot(people[1], "participant-phone")
        expect(presenter.get_by_text("5 se unieron · 0 terminaron")).to_be_visible()

        # The consensus section follows the votes by itself (no click): the last vote
        # shows within 3 s.
        distribution = {q["id"]: q["distribution"] for q in expected["questions"]}
        last = _split_caption(facilitator, 3)
        four = dict(distribution["q4"])
        four[VOTES[-1][0][3]] -= 1
        expect(last).to_contain_text(_expected_split(four, 3), timeout=30_000)
        voted = time.monotonic()  # from the click, the save included
        pick_radio(people[-1], 3, VOTES[-1][0][3])
        expect(last).to_contain_text(_expected_split(distribution["q4"], 3), timeout=10_000)
        delay = time.monotonic() - voted
        (ARTIFACTS / "room-consensus-delay.txt").write_text(f"{delay:.2f} s\n")
        assert delay <= LIVE_WITHIN, f"the vote showed after {delay:.2f} s"

        # Everyone rates the first capability of the grid (one per screen on a phone).
        for page, (_, level) in zip(people, VOTES, strict=True):
            page.locator(key_class("join.next")).click()
            press_level(page, GRID_ID, FIRST_CAPABILITY, "current", str(level))
            press_level(page, GRID_ID, FIRST_CAPABILITY, "ideal", "4")

        # Dashboard and consensus against the command line: distributions, team
        # total, band; each question proposed at its median choice.
        for question in range(4):
            caption = _split_caption(facilitator, question)
            expect(caption).to_contain_text(
                _expected_split(distribution[f"q{question + 1}"], question)
            )
            expect(caption).to_contain_text(f"elección mediana: {_median_letter(question)})")
        live = facilitator.locator(key_class("ws.live"))
        live.get_by_role("tab", name=QUIZ.title.get("es")).click()
        points = live.locator("[data-testid=stMetric]").filter(has_text="Puntos del equipo")
        expect(points.locator("[data-testid=stMetricValue]")).to_have_text(str(expected["points"]))
        band = next(b for b in QUIZ.bands if b.id == expected["band"])
        expect(live.get_by_text(band.label.get("es"))).to_be_visible()
        section = facilitator.locator(key_class("ws.consensus"))
        for question in range(4):
            proposed = section.locator("[data-testid=stSelectbox]").nth(question)
            expect(proposed.get_by_role("combobox")).to_have_value(
                "La elección mediana del equipo (abajo)"
            )
        _shot(facilitator, "dashboard-and-consensus")

        # Presenter view: question 1's votes are hidden until revealed, then shown.
        presenter.get_by_role("button", name="Siguiente").click()
        stage = presenter.locator(key_class("present.stage"))
        expect(stage.get_by_text(QUIZ.questions[0].text.get("es"))).to_be_visible()
        expect(stage.get_by_text("Votaron 5 de 5")).to_be_visible()
        expect(stage.get_by_text("Los votos están ocultos")).to_be_visible()
        expect(stage.locator("[data-testid=stProgress]")).to_have_count(0)
        assert "votos:" not in stage.inner_text()
        _shot(presenter, "presenter-hidden")
        stage.get_by_role("button", name="Revelar los votos").click()
        bars = stage.locator("[data-testid=stProgress]")
        expect(bars).to_have_count(len(QUIZ.questions[0].options))
        for index, option in enumerate(QUIZ.questions[0].options):
            count = distribution["q1"].get(option.id, 0)
            expect(bars.nth(index)).to_contain_text(f"votos: {count}")
        assert "Persona" not in presenter.locator("body").inner_text()  # never names
        _shot(presenter, "presenter-revealed")
        presenter.reload()  # revealed stays revealed (stored), the step in the address
        expect(
            presenter.locator(key_class("present.stage")).get_by_text("votos: 2").first
        ).to_be_visible()

        # Consensus of the quiz at the proposed medians: the organisation's round.
        quiz_tab = section.get_by_role("tab", name=QUIZ.title.get("es"))
        quiz_tab.click()
        section.locator("[role=tabpanel]:visible").get_by_role(
            "button", name="Guardar el consenso"
        ).click()
        expect(section.get_by_text("Consenso guardado como evaluación").first).to_be_visible(
            timeout=20_000
        )
        services = open_services(f"sqlite:///{data / 'cxmaturity.db'}")
        owner = Actor(services.accounts.with_email("owner@example.com"))
        organization = next(
            o for o, _ in services.organizations.visible(owner) if o.name == ORGANIZATION
        )
        history = services.assessments.history(organization)
        assert [a.questionnaire_id for a, _ in history] == [QUIZ.id]
        assert history[0][0].final and len(history[0][1]) == len(VOTES)

        # The PDF shows the team result.
        settle(facilitator)  # the page runs again after the save: the button is new
        with facilitator.expect_download(timeout=60_000) as download:
            facilitator.get_by_role("button", name="Descargar el informe PDF").click()
        pdf = tmp_path / "room.pdf"
        download.value.save_as(pdf)
        text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                              text=True, check=True).stdout  # fmt: skip
        assert band.label.get("es") in " ".join(text.split())
        assert re.search(rf"\b{expected['points']}\b", text)
        assert "5 personas: Persona 1" in " ".join(text.split())  # who took part


def test_an_anonymous_workshop_shows_no_one_what_one_person_chose(browser, room_server, tmp_path):
    url, _ = room_server
    with browser_contexts("room-anonymous", shown=2) as contexts:
        context, facilitator = new_page(browser)
        contexts.append(context)
        sign_in(facilitator, url, FACILITATOR, PASSWORD, lang="es")
        link = _create(facilitator, url, "Sala Anónima", anonymous=True)
        code = link.rsplit("=", 1)[1]
        expect(facilitator.get_by_text("Taller anónimo").first).to_be_visible()
        people = []
        for n in range(3):
            context, page = _join(browser, url, code, f"Secreto {n + 1}", 390)
            contexts.append(context)
            expect(page.get_by_text("Taller anónimo: no se guarda ningún nombre")).to_be_visible()
            expect(page.get_by_text("solo las ve usted.")).to_be_visible()
            people.append(page)
        # Two have answered question 1: nothing of it shows; the third makes it count.
        for n, page in enumerate(people[:2]):
            pick_radio(page, 0, "ab"[n])
        pick_radio(people[0], 1, "c")
        expect(facilitator.get_by_text("3 se unieron · 0 terminaron")).to_be_visible(timeout=15_000)
        expect(_split_caption(facilitator, 0)).to_contain_text("a) 0 · b) 0 · c) 0", timeout=15_000)
        pick_radio(people[2], 0, "c")
        expect(_split_caption(facilitator, 0)).to_contain_text("a) 1 · b) 1 · c) 1", timeout=10_000)
        expect(_split_caption(facilitator, 1)).to_contain_text("a) 0 · b) 0 · c) 0")
        assert "Secreto" not in facilitator.locator("body").inner_text()
        _shot(facilitator, "anonymous-dashboard")
        presenter = contexts[0].new_page()
        href = facilitator.get_by_role("link", name=re.compile("vista de presentación"))
        presenter.goto(url + "/" + href.get_attribute("href").lstrip("./") + "&step=2")
        stage = presenter.locator(key_class("present.stage"))
        # One answer to question 2: withheld.
        expect(stage.get_by_text("Votaron 0 de 3")).to_be_visible(timeout=15_000)
        assert "Secreto" not in presenter.locator("body").inner_text()
        # The consensus and its report: no names, no participant's own rows.
        section = facilitator.locator(key_class("ws.consensus"))
        section.locator("[role=tabpanel]:visible").get_by_role(
            "button", name="Guardar el consenso"
        ).click()
        expect(section.get_by_text("Consenso guardado como evaluación").first).to_be_visible(
            timeout=20_000
        )
        settle(facilitator)  # the page runs again after the save: the button is new
        with facilitator.expect_download(timeout=60_000) as download:
            facilitator.get_by_role("button", name="Descargar el informe PDF").click()
        pdf = tmp_path / "anonymous.pdf"
        download.value.save_as(pdf)
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                              check=True).stdout  # fmt: skip
        assert "Secreto" not in text and "participant-" not in text
