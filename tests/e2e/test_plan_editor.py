"""Plan edits never vanish, in a real browser: owners typed into three rows one after
the other, each while the page is still running after the previous one, are all
stored, and a reload shows them. (Before, each edit drew a fresh table: the next
cell's editor closed under the person's fingers and what they typed was lost.)"""

from __future__ import annotations

from cxmaturity.model import Rating

from .conftest import grid_of_a_consultant, serve, signed_in_page
from .streamlit_page import expect, settle

PASSWORD = "correct horse battery"
OWNERS = ("Marta", "Luis", "Ana")


def test_owners_typed_row_after_row_are_all_stored(browser, tmp_path_factory):
    data = tmp_path_factory.mktemp("plan-data")
    ratings = {"billing": Rating(current=1, ideal=4), "security": Rating(current=2, ideal=4)}
    services, _, assessment = grid_of_a_consultant(data, "Planes S.A.", ratings, PASSWORD)
    with (
        serve(tmp_path_factory.mktemp("plan-server"), data) as url,
        signed_in_page(browser, url, "ana@example.com", PASSWORD) as page,
    ):
        page.goto(
            f"{url}/plan?questionnaire=avaya-capability-grid"
            f"&assessment={assessment.public_id}&lang=en"
        )
        table = page.get_by_test_id("stDataFrame")
        expect(table).to_be_visible(timeout=20_000)
        settle(page)
        box = table.bounding_box()
        page.mouse.click(box["x"] + 60, box["y"] + 35 + 17)  # row 1, capability
        page.keyboard.press("ArrowRight")
        page.keyboard.press("ArrowRight")  # row 1, owner
        for owner in OWNERS:
            page.keyboard.press("Enter")  # open the cell's editor
            editor = page.locator("#portal textarea, #portal input").first
            editor.wait_for(timeout=5_000)
            editor.type(owner, delay=80)  # slower than the page's run after the last edit
            page.keyboard.press("Enter")  # store it, and go one row down
            editor.wait_for(state="detached", timeout=5_000)
        settle(page)
        with services.database.unit() as uow:
            stored = [item.owner for _, item in uow.repo.plan_rows(assessment.id)]
        assert stored[:3] == list(OWNERS), stored
        page.reload()
        expect(table).to_be_visible(timeout=20_000)
        settle(page)
        shown = [page.locator(f"#glide-cell-3-{row}").inner_text() for row in range(3)]
        assert shown == list(OWNERS), shown
