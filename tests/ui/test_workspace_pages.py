"""The consultant's pages through AppTest: the portfolio (only what the account may
see), the Results page's benchmark and initiatives-and-results tabs, the deck and
workbook downloads, and the organisation's sector and size."""

from __future__ import annotations

import datetime as dt

from streamlit.testing.v1 import AppTest

from cxmaturity.ui.components.report_button import BENCHMARK_KEY

from ..workspace.world import account, open_services, organization, reevaluated
from .conftest import ORGANIZATIONS, RESULTS, open_page, show_tab

PORTFOLIO = "cxmaturity/ui/pages/portfolio.py"


def _texts(at: AppTest) -> str:
    parts = [str(e.value) for kind in ("markdown", "caption", "info", "warning", "error")
             for e in getattr(at, kind)]  # fmt: skip
    return "\n".join(parts).replace("\\", "")


def test_the_portfolio_lists_only_the_accounts_organizations(sign_in, grid):
    sign_in("ana@example.com", "consultant")
    services = open_services()
    ana, bob = account(services, "ana@example.com"), account(services, "bob@example.com")
    for i in range(3):
        organization(services, ana, f"Client {i}", grid,
                     [(dt.date(2025, 1, 10), 1, 3), (dt.date(2025, 7, 10), 2 + i % 2, 4)])  # fmt: skip
    organization(services, bob, "Bob's secret client", grid, [(dt.date(2025, 7, 10), 4, 4)])
    at = open_page(PORTFOLIO, lang="en")
    table = at.dataframe[0].value
    assert sorted(table["organization"]) == ["Client 0", "Client 1", "Client 2"]
    assert "Bob's secret client" not in table.to_csv()
    assert set(table["state"]) == {"⚠ Overdue"}  # July 2025 + 6 months is past
    assert list(table["trend"]) == ["▲ +1.00", "▲ +2.00", "▲ +1.00"]  # same review: by name
    assert {m.label: m.value for m in at.metric}["Reviews overdue"] == "3"


def test_the_portfolio_is_not_offered_to_a_visitor():
    from .conftest import HOME

    at = open_page(HOME, lang="en")
    links = [link.proto.label for link in at.get("page_link")]
    assert "Organizations" in links and "Portfolio" not in links


def _reevaluated(services, grid):  # type: ignore[no-untyped-def]
    """Ana's Acme: a round with a plan (one initiative done), then a re-evaluation."""
    ana = account(services, "ana@example.com")
    acme = reevaluated(services, ana, "Acme", grid, (dt.date(2025, 1, 10), dt.date(2025, 7, 10)))
    latest = services.assessments.assessments(acme)[-1]
    return ana, acme, latest


def test_results_of_a_reevaluation_show_initiatives_and_results(sign_in, grid):
    sign_in("ana@example.com", "consultant")
    services = open_services()
    _, _, latest = _reevaluated(services, grid)
    at = open_page(RESULTS, questionnaire=grid.id, assessment=latest.public_id, lang="en")
    labels = [tab.label for tab in at.tabs]
    assert labels[-2:] == ["Initiatives and results", "Private benchmark"]
    show_tab(at, grid.id, "Initiatives and results")
    outcomes = at.tabs[-2]
    text = "\n".join(str(m.value) for m in outcomes.markdown)
    assert "1 done and improved" in text.replace("\\", "") and "1 not done" in text
    table = outcomes.dataframe[0].value.to_csv()
    assert "(Done)" in table and "1.00 → 2.00 ▲ +1.00" in table


def test_the_benchmark_needs_five_peers_and_the_switch(sign_in, grid):
    sign_in("ana@example.com", "consultant")
    services = open_services()
    ana, _, latest = _reevaluated(services, grid)
    at = open_page(RESULTS, questionnaire=grid.id, assessment=latest.public_id, lang="en")
    show_tab(at, grid.id, "Private benchmark")
    bench = at.tabs[-1]
    assert not bench.dataframe  # off until switched on
    bench.toggle[0].set_value(True).run()
    assert "Fewer than 5 other organizations" in _texts(at)
    for i, level in enumerate((1, 2, 2, 3, 4)):
        organization(services, ana, f"Peer {i}", grid, [(dt.date(2025, 6, 1), level, 4)])
    at.run()
    text = _texts(at)
    # Acme's level 2 against 1, 2, 2, 3, 4: one below, two level -> (1 + 1) / 5 = 40%.
    assert "ahead of 40% of the 5 organizations compared (their median: 2.00)" in text
    assert "Peer 0" not in text and "Peer 0" not in at.tabs[-1].dataframe[0].value.to_csv()
    assert at.tabs[-1].dataframe[0].value.iloc[0].tolist() == [
        "Overall maturity", "2.00", "2.00", "2.00 – 3.00", "40"]  # fmt: skip
    # Another tab shown and back: the switch stayed on (the downloads read it too).
    show_tab(at, grid.id, at.tabs[0].label)
    assert not at.tabs[-1].toggle and at.session_state[BENCHMARK_KEY] is True
    show_tab(at, grid.id, "Private benchmark")
    assert at.tabs[-1].toggle[0].value is True and at.tabs[-1].dataframe


def test_the_results_page_offers_the_deck_and_the_workbook(sign_in, grid):
    sign_in("ana@example.com", "consultant")
    services = open_services()
    _, _, latest = _reevaluated(services, grid)
    at = open_page(RESULTS, questionnaire=grid.id, assessment=latest.public_id, lang="es")
    buttons = [b.proto.label for b in at.get("download_button")]
    assert buttons[-2:] == ["PowerPoint", "Excel"]
    assert len(buttons) == 3  # beside the report


def test_sector_and_size_are_saved_from_the_organizations_page(sign_in, grid):
    sign_in("ana@example.com", "consultant")
    services = open_services()
    _, acme, _ = _reevaluated(services, grid)
    at = open_page(ORGANIZATIONS, org=acme.public_id, lang="en")
    next(w for w in at.text_input if w.label == "Sector").set_value("Banca")
    next(w for w in at.selectbox if w.label == "Size (people employed)").set_value("250-999")
    next(b for b in at.button if b.label == "Save").click().run()
    assert not at.exception
    stored = services.organizations.get(account(services, "ana@example.com"), acme.public_id)
    assert (stored.sector, stored.size) == ("Banca", "250-999")
