"""The facilitator's guide and the glossary: on their page in both languages, in the
header of every page (the participant's too), and the same text in the docs."""

from __future__ import annotations

import pytest

from cxmaturity.guide import GLOSSARY, STEPS, docs_page, pick
from cxmaturity.ui.shell import ANSWER, GUIDE, ORGANIZATIONS, PLAN, RESULTS, WORKSHOP

from ..conftest import ROOT
from .conftest import open_page

REQUIRED = {"cx", "cem", "voc", "voe", "nps", "csat", "ces", "fcr", "clv", "journey-map",
            "service-blueprint", "touchpoint"}  # fmt: skip


def test_the_glossary_defines_every_term_the_content_uses_in_both_languages():
    assert {term.id for term in GLOSSARY} >= REQUIRED
    for term in GLOSSARY:
        for text in (term.name, term.definition):
            assert all(pick(text, lang).strip() for lang in ("es", "en"))
        assert pick(term.definition, "es") != pick(term.definition, "en")


def test_the_docs_page_is_the_apps_text():
    """docs/facilitator-guide.md is written by `python -m cxmaturity.guide`."""
    assert (ROOT / "docs" / "facilitator-guide.md").read_text(encoding="utf-8") == docs_page()


@pytest.mark.parametrize("lang", ["es", "en"])
def test_the_guide_page_shows_the_six_steps_and_the_glossary(lang):
    at = open_page(GUIDE, lang=lang)
    tabs = at.tabs
    assert len(tabs) == 2
    steps = " ".join(m.value for m in tabs[0].markdown)
    for step in STEPS:
        assert pick(step.title, lang) in steps and pick(step.how, lang) in steps
    glossary = " ".join(m.value for m in tabs[1].markdown)
    assert all(pick(term.name, lang) in glossary for term in GLOSSARY)


@pytest.mark.parametrize("page", [ANSWER, RESULTS, PLAN, ORGANIZATIONS, WORKSHOP, GUIDE])
def test_every_page_has_the_glossary_in_its_header(page):
    at = open_page(page, lang="en")
    (glossary,) = [p for p in at.get("popover") if p.proto.popover.label == "Glossary"]
    text = " ".join(m.value for m in glossary.markdown)
    assert "**Net Promoter Score (NPS)**" in text and "**Service blueprint**" in text


def test_a_participants_page_has_the_glossary_too():
    at = open_page(lang="es", code="NOSUCHCODE")  # the join page a participant sees
    labels = [p.proto.popover.label for p in at.get("popover")]
    assert labels == ["Glosario"]
