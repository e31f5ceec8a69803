"""Pages speak the page's language in numbers and dates too: a Spanish page writes
decimal commas and Spanish dates, an English one decimal points and English dates,
never ISO dates or Python's "2.0"."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from streamlit.testing.v1 import AppTest

from cxmaturity.model import Rating
from cxmaturity.records import ANONYMOUS

from .conftest import ORGANIZATIONS, RESULTS, open_page, show_tab


def _texts(at: AppTest) -> str:
    parts = [str(e.value) for kind in ("markdown", "caption", "info", "success", "warning")
             for e in getattr(at, kind)]  # fmt: skip
    parts += [f"{m.label} {m.value}" for m in at.metric]
    parts += [df.value.to_csv() for df in at.dataframe]
    return "\n".join(parts).replace("\\", "")  # as shown: markdown escapes dropped


@pytest.mark.parametrize(
    ("lang", "today", "gap", "wrong"),
    [("es", "2,50", "1,50", "2.50"), ("en", "2.50", "1.50", "2,50")],
)
def test_the_results_page_writes_decimals_in_its_language(acme_grid, lang, today, gap, wrong):
    _, _, assessment, grid = acme_grid
    at = open_page(RESULTS, questionnaire=grid.id, assessment=assessment.public_id, lang=lang)
    values = [m.value for m in at.metric]
    assert today in values and gap in values
    assert wrong not in values
    # The gaps table: 2 -> 4 and 3 -> 4, whole numbers without ".0".
    show_tab(at, grid.id, at.tabs[2].label)
    table = at.dataframe[0].value.to_csv()
    assert not re.search(r"\b\d\.0\b", table)


@pytest.mark.parametrize(
    ("lang", "date", "other"),
    [("es", "10 de enero de 2025", "January 10, 2025"),
     ("en", "January 10, 2025", "10 de enero de 2025")],
)  # fmt: skip
def test_the_organizations_page_writes_dates_in_its_language(acme_grid, lang, date, other):
    _, acme, _, _ = acme_grid
    at = open_page(ORGANIZATIONS, org=str(acme.public_id), lang=lang)
    text = _texts(at)
    assert date in text
    assert other not in text
    assert "2025-01-10" not in text


def test_the_results_page_tells_the_story_and_what_changed_since_last_round(acme_grid):
    """A re-evaluation: the figures carry their change, the story says what changed,
    and a tab lists it per category and capability."""
    from cxmaturity.ui.auth import current_actor

    store, _, assessment, grid = acme_grid
    actor = current_actor()
    later, _ = store.reevaluate(actor, assessment, grid, dt.date(2025, 7, 10))
    store.save_rating(later, ANONYMOUS, "billing", Rating(current=3, ideal=4))
    store.save_rating(later, ANONYMOUS, "security", Rating(current=4, ideal=4))
    at = open_page(RESULTS, questionnaire=grid.id, assessment=later.public_id, lang="en")
    story = _texts(at)
    assert "Since the assessment of January 10, 2025, the overall level rose from 2.50 to" in story
    assert "2 capabilities improved" in story
    today = next(m for m in at.metric if m.label == "Level today")
    assert today.value == "3.50" and today.delta == "+1.00"
    labels = [tab.label for tab in at.tabs]
    assert labels[3:] == ["Since last round", "Private benchmark"]  # no plan last round
    show_tab(at, grid.id, "Since last round")
    changes = at.tabs[3].dataframe
    assert changes and "Billing" in changes[-1].value.to_csv()
