"""AppTest helpers: run the real app.py, switch pages with query parameters."""

from __future__ import annotations

import datetime as dt

import pytest
from streamlit.testing.v1 import AppTest

from ..conftest import ROOT
from ..postgres import postgres_server

__all__ = ["postgres_server"]  # a throwaway PostgreSQL for the tests that need one

APP = str(ROOT / "app.py")
HOME = "cxmaturity/ui/pages/home.py"
ANSWER = "cxmaturity/ui/pages/answer.py"
RESULTS = "cxmaturity/ui/pages/results.py"
PLAN = "cxmaturity/ui/pages/plan.py"
BRANDING = "cxmaturity/ui/pages/branding.py"
ORGANIZATIONS = "cxmaturity/ui/pages/organizations.py"


def open_page(page: str = HOME, **params: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=30)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    if page != HOME:
        at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


@pytest.fixture
def app():
    return open_page


@pytest.fixture
def sign_in(monkeypatch):
    """Sign this test's app sessions in as a new account of ``role`` (AppTest cannot send
    cookies: the real signed cookie of a real session is handed over instead)."""
    from cxmaturity.ui import auth

    from ..helpers import open_services

    def signed_in(email: str, role: str, url: str | None = None):
        accounts = open_services(url).accounts
        account = accounts.add(email, "correct horse battery", role, actor="test")
        cookie = accounts.redeem_ticket(accounts.issue_ticket(account))
        monkeypatch.setattr(auth, "session_cookie", lambda: cookie)
        return account

    return signed_in


def create_organization(at: AppTest, name: str) -> AppTest:
    """On Home, as a consultant: create an organisation (it is chosen at once)."""
    at.text_input(key="home.new-organization").input(name)
    at.button(key="home.create").click().run()
    assert not at.exception, at.exception
    return at


def show_category(at: AppTest, grid_id: str, category_id: str) -> AppTest:
    """On the grid page: show ``category_id`` (one category is drawn at a time)."""
    at.segmented_control(key=f"{grid_id}.category").set_value(category_id).run()
    assert not at.exception, at.exception
    return at


ACME_ASSESSED_ON = dt.date(2025, 1, 10)


def open_kpis(at: AppTest, public_id: str) -> AppTest:
    """On the Results page: open the KPI form's expander (its inputs are drawn only
    while it is open)."""
    at.session_state[f"kpi.open.{public_id}"] = True
    return at.run()


def show_tab(at: AppTest, grid_id: str, label: str) -> AppTest:
    """On the Results page: open the tab called ``label`` (only the tab shown is drawn,
    the others when opened)."""
    at.session_state[f"results.tabs.{grid_id}"] = label
    return at.run()


@pytest.fixture
def acme_grid(sign_in):
    """Consultant ana@example.com, signed in; her organisation Acme S.A. and its grid
    assessment of 10 January 2025 rated billing 2 -> 4 and security 3 -> 4 (overall 2.5
    today, 4 ideal): (store, organization, assessment, grid)."""
    from cxmaturity.loader import load_questionnaire
    from cxmaturity.model import Rating
    from cxmaturity.records import ANONYMOUS
    from cxmaturity.services.access import Actor

    from ..conftest import ASSESSMENTS
    from ..helpers import open_services, open_store

    store = open_store()
    grid = load_questionnaire(ASSESSMENTS / "avaya-capability-grid.yaml")
    owner = Actor(sign_in("ana@example.com", "consultant"))
    acme = open_services().organizations.create(owner, "Acme S.A.")
    assessment = store.create_assessment(acme, grid, "es", ACME_ASSESSED_ON)
    store.save_rating(assessment, ANONYMOUS, "billing", Rating(current=2, ideal=4))
    store.save_rating(assessment, ANONYMOUS, "security", Rating(current=3, ideal=4))
    return store, acme, assessment, grid
