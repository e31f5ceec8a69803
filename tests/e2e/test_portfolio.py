"""The portfolio in a real browser: 30 organisations with 2 rounds each, all on one
screen at 1280 px (every row and column, no sideways scroll), the overdue reviews
marked, and a row opening that organisation's history in the same tab."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from playwright.sync_api import expect

from cxmaturity.planning import add_months
from cxmaturity.records import ANONYMOUS

from ..workspace.world import PASSWORD, flat
from .conftest import ARTIFACTS, new_page, serve
from .streamlit_page import settle, sign_in

COUNT, OVERDUE = 30, 10


def _portfolio(data_dir: Path) -> list[str]:
    """Pat's 30 organisations, two rounds each: the first ten last assessed eight months
    ago (their review is overdue), the rest two months ago. Returns the names."""
    from cxmaturity.services.access import Actor

    from ..helpers import open_services

    services = open_services(f"sqlite:///{data_dir / 'cxmaturity.db'}")
    pat = Actor(services.accounts.add("pat@example.com", PASSWORD, "consultant", actor="t"))
    grid = services.catalogs.current().get("avaya-capability-grid")
    today = dt.date.today()
    names = []
    for i in range(COUNT):
        name = f"Client {i:02d} Holdings"
        last = add_months(today, -8 if i < OVERDUE else -2) - dt.timedelta(days=i)
        first = add_months(last, -6)
        stored = services.organizations.import_answers(
            pat, [(flat(grid, 1 + i % 3, 4, day=first, org=name), grid)])[0]  # fmt: skip
        again, _ = services.assessments.reevaluate(pat, stored.assessment, grid, last)
        services.assessments.replace_answers(again, {ANONYMOUS: flat(grid, 2 + i % 3, 4, day=last)})
        services.organizations.set_profile(pat, stored.organization,
                                           "Banca" if i % 2 else "Retail", "250-999")  # fmt: skip
        names.append(name)
    return names


def test_portfolio_of_thirty_on_one_screen(browser, tmp_path_factory):
    data_dir = tmp_path_factory.mktemp("portfolio-data")
    names = _portfolio(data_dir)
    with serve(tmp_path_factory.mktemp("portfolio-log"), data_dir) as url:
        context, page = new_page(browser, width=1280, height=900, locale="en-GB")
        try:
            sign_in(page, url, "pat@example.com", PASSWORD)
            page.goto(f"{url}/portfolio?lang=en")
            table = page.get_by_test_id("stDataFrame")
            expect(table).to_be_visible(timeout=30_000)
            settle(page)
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / "portfolio-1280.png"))
            page.set_viewport_size({"width": 1280, "height": 1800})  # the whole page, to look at
            settle(page)
            page.screenshot(path=str(ARTIFACTS / "portfolio-1280-whole.png"))
            page.set_viewport_size({"width": 1280, "height": 900})
            settle(page)
            # Every organisation is a row of the one table (no paging, no scrolling inside
            # it), every column fits (no sideways scroll in the table or the page).
            cells = table.locator("[role=gridcell]")
            shown = set(cells.all_inner_texts())
            assert set(names) <= shown
            assert table.locator("[role=row]").count() == COUNT + 1
            widths = page.evaluate("""() => {
                const s = document.querySelector('[data-testid=stDataFrame] .dvn-scroller');
                return [document.documentElement.scrollWidth, window.innerWidth,
                        s.scrollWidth, s.clientWidth, s.scrollHeight, s.clientHeight];
            }""")
            assert widths[0] <= widths[1], widths  # the page
            assert widths[2] <= widths[3] + 1, widths  # the table: every column in view
            assert widths[4] <= widths[5] + 1, widths  # the table: every row in view
            expect(page.get_by_test_id("stVegaLiteChart")).to_be_visible()
            # Overdue reviews are marked (a sign and a word, not only a colour), first.
            overdue = [text for text in cells.all_inner_texts() if text == "⚠ Overdue"]
            assert len(overdue) == OVERDUE
            first_rows = [c for c in cells.all_inner_texts() if c.startswith("Client ")][:OVERDUE]
            assert sorted(first_rows) == sorted(names[:OVERDUE])
            metrics = page.get_by_test_id("stMetric").all_inner_texts()
            assert any("Reviews overdue" in m and f"{OVERDUE}" in m for m in metrics)
            # Choosing a row opens that organisation's history in this tab.
            target = first_rows[0]
            box = table.bounding_box()
            assert box is not None
            page.mouse.click(box["x"] + 12, box["y"] + 35 + 17)  # the first row's marker
            page.wait_for_url(f"{url}/organizations?*", timeout=30_000)
            settle(page)
            assert len(context.pages) == 1
            chooser = page.get_by_role("combobox", name="Organization")  # the one shown
            expect(chooser).to_have_value(f"{target} · owner")
            assert "org=" in page.url
            page.screenshot(path=str(ARTIFACTS / "portfolio-opened-history.png"))
        finally:
            context.close()
