"""Browser tests: the real app served by Streamlit, driven in Chromium by Playwright.

Chromium is Debian's (``/usr/bin/chromium``, or ``CXMATURITY_CHROMIUM``); Playwright
only drives it. Without a browser these tests skip locally; under ``CI=true`` they
fail instead, because CI must run them (``scripts/test.sh`` installs Chromium).
A failing test leaves a full-page screenshot in ``test-artifacts/``.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from ..conftest import ROOT
from ..postgres import postgres_server

CHROMIUM = os.environ.get("CXMATURITY_CHROMIUM", "/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = ROOT / "test-artifacts"
IN_CI = os.environ.get("CI", "").lower() == "true"
__all__ = ["postgres_server"]


def _unavailable(reason: str) -> None:
    if IN_CI:
        pytest.fail(f"browser tests must run in CI: {reason}")
    pytest.skip(reason)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_healthy(url: str, process: subprocess.Popen[bytes], seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("streamlit exited before it was healthy")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise TimeoutError(f"streamlit not healthy at {url} after {seconds}s")


@pytest.fixture(scope="session")
def app_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The served app's data folder (its SQLite database and branding)."""
    return tmp_path_factory.mktemp("data")


@contextlib.contextmanager
def serve(
    log_dir: Path, data_dir: Path, *, port: int | None = None, args: tuple[str, ...] = (),
    cwd: Path = ROOT, **env: str,
) -> Iterator[str]:  # fmt: skip
    """The app served on a free port (or ``port``) with its own data folder, ``env`` and
    more command-line ``args``, run from ``cwd`` (its ``assessments/`` folder is the
    catalogue)."""
    port = port or free_port()
    log = log_dir / "server.log"
    command = [
        sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"),
        "--server.headless", "true", "--server.port", str(port),
        "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false", *args,
    ]  # fmt: skip
    # Never the user's own data folder.
    environment = {**os.environ, "CXMATURITY_DATA_DIR": str(data_dir), **env}
    environment.pop("CXMATURITY_BRANDING", None)
    with open(log, "wb") as out:
        process = subprocess.Popen(
            command, cwd=cwd, stdout=out, stderr=subprocess.STDOUT, env=environment
        )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(url, process)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.fixture(scope="session")
def app_url(tmp_path_factory: pytest.TempPathFactory, app_data_dir: Path) -> Iterator[str]:
    """The app, served on a free port for the whole session."""
    with serve(tmp_path_factory.mktemp("streamlit"), app_data_dir) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("playwright is not installed")
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        _unavailable(f"no Chromium at {CHROMIUM}")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield launched
        launched.close()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]):
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


def new_page(browser, width: int = 1280, height: int = 900, locale: str = "es-ES"):
    """A browser context of its own (its own cookies) and its first tab."""
    context = browser.new_context(viewport={"width": width, "height": height}, locale=locale)
    page = context.new_page()
    page.set_default_timeout(20_000)
    return context, page


@pytest.fixture
def page(browser, request: pytest.FixtureRequest):
    context, tab = new_page(browser)
    yield tab
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        ARTIFACTS.mkdir(exist_ok=True)
        name = request.node.name.replace("/", "_").replace("[", "-").replace("]", "")
        tab.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
    context.close()


def grid_of_a_consultant(
    data_dir: Path, organization: str, ratings: dict[str, object], password: str
) -> tuple[object, object, object]:
    """In the database of ``data_dir``: consultant ana@example.com, her ``organization``
    and a grid assessment of it with ``ratings`` (capability -> Rating). Returns the
    services, the organisation and the assessment."""
    import datetime as dt

    from cxmaturity.records import ANONYMOUS
    from cxmaturity.services.access import Actor

    from ..helpers import open_services

    services = open_services(f"sqlite:///{data_dir / 'cxmaturity.db'}")
    ana = Actor(services.accounts.add("ana@example.com", password, "consultant", actor="t"))
    owned = services.organizations.create(ana, organization)
    grid = services.catalogs.current().get("avaya-capability-grid")
    assessment = services.assessments.create_assessment(owned, grid, "en", dt.date(2026, 6, 1))
    for capability, rating in ratings.items():
        services.assessments.save_rating(assessment, ANONYMOUS, capability, rating)
    return services, owned, assessment


@contextlib.contextmanager
def signed_in_page(browser, url: str, email: str, password: str) -> Iterator[object]:
    """A new browser context signed in as ``email``; its first tab."""
    from .streamlit_page import sign_in

    context, page = new_page(browser, locale="en-GB")
    try:
        sign_in(page, url, email, password)
        yield page
    finally:
        context.close()


@contextlib.contextmanager
def browser_contexts(prefix: str, shown: int = 2) -> Iterator[list[object]]:
    """The browser contexts a test opens (it appends them): on a failure, screenshots
    of every tab of the first ``shown`` into the artifacts; every one closed after."""
    contexts: list[object] = []
    try:
        yield contexts
    except Exception:
        ARTIFACTS.mkdir(exist_ok=True)
        for n, context in enumerate(contexts[:shown]):
            for m, tab in enumerate(context.pages):  # type: ignore[attr-defined]
                tab.screenshot(
                    path=str(ARTIFACTS / f"{prefix}-failure-{n}-{m}.png"), full_page=True
                )
        raise
    finally:
        for context in contexts:
            context.close()  # type: ignore[attr-defined]
