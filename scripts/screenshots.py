"""Screenshots of every page at desktop and phone widths, with example answers.

    python3 scripts/screenshots.py [OUT_DIR]        (default: test-artifacts/screenshots)

Starts the app on a free port, fills the quiz and uploads the example grid answers,
and saves full-height PNGs of home, quiz, grid, both results pages, the plan page and
the organizations and guide pages at 1280 and 390 px (the branding page needs an
admin's sign-in). Used to review layouts and
to refresh the images in docs/.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.e2e.conftest import ARGS, CHROMIUM, _wait_healthy, free_port  # noqa: E402
from tests.e2e.streamlit_page import open_app, pick_radio, press, settle  # noqa: E402


def full_height(page) -> None:
    """Grow the viewport to the content, since Streamlit scrolls an inner element."""
    height = page.evaluate(
        "() => Math.max(...[...document.querySelectorAll('[data-testid=stMain], section')]"
        ".map(e => e.scrollHeight))"
    )
    width = page.viewport_size["width"]
    page.set_viewport_size({"width": width, "height": min(int(height) + 40, 12000)})
    page.wait_for_timeout(600)
    settle(page)


def charts_drawn(page) -> None:
    """Wait until every chart on the page has drawn its canvas or SVG."""
    page.wait_for_function(
        "() => [...document.querySelectorAll('[data-testid=stVegaLiteChart]')]"
        ".filter(c => c.offsetParent !== null)"  # a chart in a hidden tab draws when shown
        ".every(c => c.querySelector('canvas, svg.marks'))",
        timeout=15000,
    )


def shot(page, out: Path, name: str) -> None:
    page.wait_for_timeout(800)
    settle(page)
    charts_drawn(page)
    width = page.viewport_size["width"]
    full_height(page)
    target = out / f"{name}-{width}.png"
    page.screenshot(path=str(target))
    page.set_viewport_size({"width": width, "height": 900})
    settle(page)
    print(target)


def nav(page, name: str) -> None:
    """Follow a link of the app's navigation bar (at every width)."""
    page.get_by_role("link", name=name, exact=True).first.click()  # the app's own bar
    settle(page)
    close_sidebar(page)


def close_sidebar(page) -> None:
    collapse = page.locator('[data-testid="stSidebarCollapseButton"] button')
    if page.viewport_size["width"] < 640 and collapse.count() and collapse.first.is_visible():
        collapse.first.click()
        page.wait_for_timeout(500)


def language(page, name: str) -> None:
    press(page, "ui.lang", name)


def open_card(page, url: str, title: str) -> None:
    """A fresh session: home, then the card's link (a reload would lose the answers)."""
    open_app(page, f"{url}/?lang=es")
    card = page.locator('[data-testid="stVerticalBlock"]').filter(has_text=title).last
    card.get_by_role("link").click()
    page.locator("h2").filter(has_text=title).wait_for()
    settle(page)


def quiz_pages(page, url: str, out: Path) -> None:
    open_card(page, url, "¿Qué tan madura es su experiencia de cliente?")
    for index, letter in enumerate("bcbc"):
        pick_radio(page, index, letter)
    shot(page, out, "quiz-es")
    page.get_by_role("link", name=re.compile("Ver resultados")).click()
    page.locator('[data-testid="stMetricValue"]').wait_for()
    shot(page, out, "quiz-results-es")
    language(page, "English")
    shot(page, out, "quiz-results-en")
    page.get_by_role("link", name=re.compile("Edit answers")).click()
    page.locator('[data-testid="stRadio"]').first.wait_for()
    shot(page, out, "quiz-en")


def grid_pages(page, url: str, out: Path) -> None:
    open_card(page, url, "Capacidades organizacionales para la experiencia del cliente")
    page.get_by_text("Guardar o retomar respuestas").click()
    upload = page.locator('[data-testid="stFileUploaderDropzoneInput"]')
    upload.set_input_files(str(ROOT / "docs" / "examples" / "acme-grid.yaml"))
    page.get_by_text("Respuestas cargadas").wait_for()
    shot(page, out, "grid-es")
    page.get_by_role("link", name=re.compile("Ver resultados")).click()
    page.locator('[data-testid="stMetricValue"]').first.wait_for()
    page.locator('[data-testid="stVegaLiteChart"]').first.wait_for()
    shot(page, out, "grid-results-es")
    language(page, "English")
    shot(page, out, "grid-results-en")
    page.get_by_role("link", name=re.compile("Edit answers")).click()
    page.locator('[data-testid="stButtonGroup"]').nth(2).wait_for()
    shot(page, out, "grid-en")
    nav(page, "Plan & report")
    page.get_by_text("Not edited yet").wait_for()
    shot(page, out, "plan-en")
    language(page, "Español")
    page.get_by_text("Aún sin editar").wait_for()
    shot(page, out, "plan-es")
    nav(page, "Organizaciones")
    page.get_by_text("Organizaciones y evaluaciones").wait_for()
    shot(page, out, "organizations-es")
    nav(page, "Guía")
    page.get_by_text("Guía del facilitador y glosario").first.wait_for()
    shot(page, out, "guide-es")


def home_pages(page, url: str, out: Path) -> None:
    open_app(page, f"{url}/?lang=es")
    shot(page, out, "home-es")
    language(page, "English")
    shot(page, out, "home-en")


def main() -> int:
    from playwright.sync_api import sync_playwright

    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "test-artifacts" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    port = free_port()
    command = [
        sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"),
        "--server.headless", "true", "--server.port", str(port),
    ]  # fmt: skip
    data = tempfile.mkdtemp(prefix="cxmaturity-shots-")  # not the user's saved branding
    server = subprocess.Popen(
        command,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
        env={**os.environ, "CXMATURITY_DATA_DIR": data},
    )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(url, server)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            for width in (1280, 390):
                for pages in (home_pages, quiz_pages, grid_pages):
                    page = browser.new_page(viewport={"width": width, "height": 900})
                    page.set_default_timeout(30_000)
                    try:
                        pages(page, url, out)
                    except Exception:
                        page.screenshot(path=str(out / f"failed-{pages.__name__}-{width}.png"))
                        raise
                    page.close()
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=10)
    return 0


if __name__ == "__main__":
    sys.exit(main())
