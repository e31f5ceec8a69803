"""The bundled content a consultant signs: level texts, initiatives, the KPI
catalogue, the seven mistakes' scoring, the seed's verbatim texts and the marks on
editorial ones, and one English spelling."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest

from cxmaturity.loader import Catalog, load_kpis, read
from cxmaturity.model import Answers, Grid, Quiz, Text
from cxmaturity.scoring import score
from tests.test_i18n import catalogue

from .conftest import ASSESSMENTS, ROOT

SOURCES = ROOT / "tests" / "sources"
SEED = SOURCES / "004_9c17acf763748577.txt"
SEEDS = {  # the project's source articles (an initiative's `source` names one)
    "000_1281ad8ed7c045b2.txt", "001_c257ac70a8229785.txt", "002_99c24c951e10f131.txt",
    "003_25aa9617debcd1bc.txt", "004_9c17acf763748577.txt",
}  # fmt: skip
LANGS = ("es", "en")


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return Catalog.from_dirs([ASSESSMENTS])


@pytest.fixture(scope="module")
def grid(catalog) -> Grid:
    found = catalog.get("avaya-capability-grid")
    assert isinstance(found, Grid)
    return found


def _both(text: Text | None) -> tuple[str, str]:
    """A text's Spanish and English, each given and different from the other."""
    assert text is not None and isinstance(text.root, dict), text
    es, en = text.root["es"].strip(), text.root["en"].strip()
    assert es and en and es != en, text
    return es, en


# ------------------------------------------------------------------ level texts


def test_every_capability_has_four_level_texts_in_both_languages_none_alike(grid):
    seen: dict[str, set[str]] = {"es": set(), "en": set()}
    for _, capability in grid.capabilities():
        assert capability.levels is not None and sorted(capability.levels) == [1, 2, 3, 4]
        for value in (1, 2, 3, 4):
            for lang, text in zip(LANGS, _both(capability.levels[value]), strict=True):
                assert text not in seen[lang], (capability.id, value, text)
                seen[lang].add(text)
    assert len(seen["es"]) == len(seen["en"]) == 25 * 4


# ------------------------------------------------------------------ initiatives


def test_every_initiative_is_complete_and_unique(grid, catalog):
    raw = read(ASSESSMENTS / "avaya-capability-grid.yaml").data
    given_ids = [
        i.get("id")
        for c in raw["categories"]
        for cap in c["capabilities"]
        for i in cap["initiatives"]
    ]
    assert all(given_ids), "every bundled initiative has its own id (not a derived one)"
    kpis = catalog.kpis.ids
    titles: dict[str, set[str]] = {"es": set(), "en": set()}
    ids: set[str] = set()
    for _, capability in grid.capabilities():
        assert len(capability.initiatives) >= 2, capability.id
        for initiative in capability.initiatives:
            assert initiative.id not in ids
            ids.add(initiative.id)
            for lang, title in zip(LANGS, _both(initiative.title), strict=True):
                assert title.casefold() not in titles[lang], title
                titles[lang].add(title.casefold())
            for text in (initiative.detail, initiative.first_step, initiative.owner_role):
                _both(text)
            assert initiative.kpi in kpis, (initiative.id, initiative.kpi)
            assert initiative.effort in ("small", "medium", "large")
            assert initiative.source in SEEDS, (initiative.id, initiative.source)
    assert len(ids) == len(given_ids)


# ---------------------------------------------------------------- KPI catalogue


def test_every_kpi_is_defined_in_both_languages():
    kpis = load_kpis(ASSESSMENTS / "kpis.yaml")
    assert len(kpis.kpis) >= 9
    assert {k.group for k in kpis.kpis} == {"business", "operational"}
    for kpi in kpis.kpis:
        _both(kpi.definition)
        assert all(kpi.name.get(lang).strip() for lang in LANGS)
        if kpi.min is not None and kpi.max is not None:
            assert kpi.min < kpi.max
    # The metrics seed 004 names, and those of seeds 000-003.
    for kpi_id in ("revenue-per-contact", "cost-per-contact", "orders-per-period", "cx-rating",
                   "quality-score", "first-contact-resolution", "nps", "csat", "ces",
                   "customer-lifetime-value", "customer-retention-rate"):  # fmt: skip
        assert kpis.get(kpi_id) is not None, kpi_id


# ------------------------------------------------------------ the seven mistakes


def _mistakes(catalog) -> Quiz:
    quiz = catalog.get("cx-mistakes")
    assert isinstance(quiz, Quiz)
    return quiz


def _band(quiz: Quiz, choices: dict[str, str]) -> str | None:
    return score(quiz, [Answers(questionnaire=quiz.id, answers=choices)]).band


def test_every_answer_set_with_exactly_one_mistake_is_below_the_top_band(catalog):
    quiz = _mistakes(catalog)
    top = quiz.bands[-1].id
    ids = [q.id for q in quiz.questions]
    checked = 0
    for present in ids:
        others = [i for i in ids if i != present]
        for rest in itertools.product(("partly", "avoided"), repeat=len(others)):
            choices = {present: "happens", **dict(zip(others, rest, strict=True))}
            assert _band(quiz, choices) != top, choices
            checked += 1
    assert checked == 7 * 2**6
    assert _band(quiz, dict.fromkeys(ids, "avoided")) == top
    assert _band(quiz, dict.fromkeys(ids, "happens")) == quiz.bands[0].id


def test_each_mistake_is_one_question_with_one_capping_option(catalog):
    quiz = _mistakes(catalog)
    assert len(quiz.questions) == 7
    for question in quiz.questions:
        capping = [o for o in question.options if o.cap is not None]
        assert [o.id for o in capping] == ["happens"], question.id
        for lang in LANGS:  # one question each, not two in one
            assert question.text.get(lang).count("?") == 1, question.id


# ---------------------------------------------------- verbatim and editorial texts


def _flat(text: str) -> str:
    return " ".join(text.split())


SEED_TEXT = _flat(SEED.read_text(encoding="utf-8"))


def _marks(path: Path, name: str) -> list[str]:
    """The fields a questionnaire file's header lists on its ``# name:`` line."""
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith(f"# {name}:"):
            return [f.strip() for f in line.split(":", 1)[1].split(",")]
    return []


def _spanish(node, loc: str = ""):
    """Every Spanish text of a questionnaire's raw data, with a location such as
    ``questions[].options[].text`` (indices left out, as the header marks them)."""
    if isinstance(node, dict):
        if "es" in node and all(isinstance(v, str) for v in node.values()):
            yield loc, node["es"]
            return
        for key, value in node.items():
            yield from _spanish(value, f"{loc}.{key}" if loc else str(key))
    elif isinstance(node, list):
        for item in node:
            yield from _spanish(item, f"{loc}[]")


def test_the_quizs_spanish_texts_are_the_seeds_except_those_marked_editorial():
    path = ASSESSMENTS / "avaya-cx-quiz.yaml"
    editorial = _marks(path, "editorial")
    assert editorial == ["title"]
    texts = list(_spanish(read(path).data))
    assert len(texts) == 1 + 1 + 4 + 13 + 3 * 2 + 1  # title, description, questions, ...
    for loc, text in texts:
        if loc in editorial:
            assert _flat(text) not in SEED_TEXT, f"{loc} is the seed's: do not mark it"
        else:
            assert _flat(text) in SEED_TEXT, f"{loc} is not verbatim: {text!r}"


def test_the_grids_verbatim_fields_are_the_seeds_and_the_rest_is_marked():
    path = ASSESSMENTS / "avaya-capability-grid.yaml"
    verbatim = _marks(path, "verbatim")
    assert verbatim == ["levels[].label", "categories[].name", "categories[].description",
                        "categories[].question", "categories[].capabilities[].name"]  # fmt: skip
    header = path.read_text(encoding="utf-8").split("schema_version")[0]
    assert "Editorial (ours, marked here)" in header
    found = 0
    for loc, text in _spanish(read(path).data):
        if loc in verbatim:
            assert _flat(text) in SEED_TEXT, f"{loc} is not verbatim: {text!r}"
            found += 1
    assert found == 4 + 4 * 3 + 25


# --------------------------------------------------------------- one spelling


BRITISH = re.compile(
    r"\b(organis\w*|programme\w*|behaviour\w*|analys(e|ed|ing)\b|colour\w*|centre\w*|"
    r"prioritis\w*|favour\w*|recognis\w*|optimis\w*|personalis\w*|catalogue\w*|"
    r"licence|travell\w*|cancell(ed|ing))",
    re.IGNORECASE,
)


def _english(node):
    if isinstance(node, dict):
        if "en" in node and isinstance(node["en"], str):
            yield node["en"]
        for key, value in node.items():
            if key != "en":
                yield from _english(value)
    elif isinstance(node, list):
        for item in node:
            yield from _english(item)


def test_english_uses_one_spelling_american():
    """DEVELOPERS.md: American English in every user-facing English text."""
    texts = [form for message in catalogue("en") for form in message.forms]
    for path in sorted(ASSESSMENTS.glob("*.yaml")):
        texts += list(_english(read(path).data))
    wrong = sorted({m.group(0) for text in texts for m in BRITISH.finditer(text)})
    assert wrong == []


# ------------------------------------------------------------------- quotations

QUOTE = re.compile(r"«([^»]+)»")


@pytest.mark.parametrize(
    "path", sorted(p for p in ASSESSMENTS.glob("*.yaml") if p.stem != "kpis"), ids=lambda p: p.stem
)
def test_every_spanish_quotation_is_word_for_word_in_the_article_named_as_source(path):
    """A «quotation» (with […] for a cut) in a Spanish text is found in one of the
    articles the questionnaire's `source` names."""
    data = read(path).data
    named = re.findall(r"\d{3}_[0-9a-f]{16}\.txt", str(data.get("source", "")))
    articles = [_flat((SOURCES / name).read_text(encoding="utf-8")) for name in named]
    quotes = [q for _, text in _spanish(data) for q in QUOTE.findall(text)]
    if not quotes:
        return
    assert articles, f"{path.name} quotes an article but its source names none"
    for quote in quotes:
        for piece in (p.strip(" .,") for p in _flat(quote).split("[…]")):
            if piece:
                assert any(piece in a for a in articles), f"{path.name}: not verbatim: {piece!r}"


@pytest.mark.parametrize(
    ("questionnaire", "choices", "band", "capped_by"),
    [
        # Collecting and analyzing without acting: the lowest band, whatever the points.
        ("feedback-loop", {"collect": "d", "answer-negative": "d", "answer-positive": "d",
                           "share": "d", "act": "a"}, "open-loop", ("act",)),
        ("feedback-loop", dict.fromkeys(["collect", "answer-negative", "answer-positive",
                                         "share", "act"], "d"), "closed-loop", ()),
        # Every tool systematic but no strategy: below the top band.
        ("cem-pyramid", {"strategy-vision-values": "absent", **dict.fromkeys(
            ["culture", "governance", "processes", "touchpoint-matrix", "personas-prototyping",
             "journey-map", "service-blueprint", "voice-of-customer", "voice-of-employee"],
            "systematic")}, "growing", ("strategy-vision-values",)),
        ("cx-challenges", dict.fromkeys(["leadership", "resources-skills", "perception",
                                         "consistency", "pace"], "c"), "in-transition", ()),
    ],
)  # fmt: skip
def test_the_new_questionnaires_score_as_their_articles_say(
    catalog, questionnaire, choices, band, capped_by
):
    quiz = catalog.get(questionnaire)
    assert isinstance(quiz, Quiz)
    result = score(quiz, [Answers(questionnaire=quiz.id, answers=choices)])
    assert (result.band, result.capped_by) == (band, capped_by)
