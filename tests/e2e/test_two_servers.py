"""Two app processes on one PostgreSQL behind nginx (Debian's package) with TLS and
sticky sessions, configured from ``deploy/nginx/cxmaturity.conf``: a sign-in through
one process is honoured by the other, signing out on one ends it on both, and the
first-admin path is not open through the proxy."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from ..conftest import ROOT
from ..helpers import open_services
from ..postgres import new_postgres_database
from .conftest import IN_CI, free_port, serve
from .streamlit_page import expect

PASSWORD = "correct horse battery"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


def _certificate(folder: Path) -> tuple[Path, Path]:
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-keyout", str(key), "-out", str(cert), "-subj", "/CN=127.0.0.1",
         "-addext", "subjectAltName=IP:127.0.0.1"],
        check=True, capture_output=True,
    )  # fmt: skip
    return cert, key


def _site(shipped: str, public: int, backends: list[int], cert: Path, key: Path) -> str:
    """The shipped configuration with this test's ports and certificate, plus one TLS
    listener pinned to each backend (so the test can reach each process on purpose)."""
    site = shipped.replace("listen 443 ssl;", f"listen 127.0.0.1:{public} ssl;")
    site = site.replace("server 127.0.0.1:8501;", f"server 127.0.0.1:{backends[0]};")
    site = site.replace("server 127.0.0.1:8502;", f"server 127.0.0.1:{backends[1]};")
    site = site.replace("/etc/ssl/certs/cxmaturity.pem", str(cert))
    site = site.replace("/etc/ssl/private/cxmaturity.key", str(key))
    server = site[site.index("server {") :]
    for number, backend in enumerate(backends, start=1):
        pinned = server.replace(
            f"listen 127.0.0.1:{public} ssl;", f"listen 127.0.0.1:{{P{number}}} ssl;"
        )
        pinned = pinned.replace(
            "proxy_pass http://cxmaturity_app;", f"proxy_pass http://127.0.0.1:{backend};"
        )
        site += "\n" + pinned
    return site


@contextlib.contextmanager
def _nginx(folder: Path, site: str) -> Iterator[None]:
    (folder / "logs").mkdir()
    conf = folder / "nginx.conf"
    conf.write_text(
        "user root;\nworker_processes 1;\npid " + str(folder / "nginx.pid") + ";\n"
        "error_log " + str(folder / "logs" / "error.log") + ";\n"
        "events { worker_connections 256; }\n"
        "http {\n access_log off;\n"
        f" client_body_temp_path {folder}/body; proxy_temp_path {folder}/proxy;\n"
        f" fastcgi_temp_path {folder}/fastcgi; uwsgi_temp_path {folder}/uwsgi;\n"
        f" scgi_temp_path {folder}/scgi;\n" + site + "\n}\n",
        encoding="utf-8",
    )
    process = subprocess.Popen(
        [NGINX, "-p", str(folder), "-c", str(conf), "-g", "daemon off;"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    time.sleep(1.0)
    if process.poll() is not None:
        raise RuntimeError(process.stderr.read().decode() if process.stderr else "nginx failed")
    try:
        yield
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory, postgres_server: str):
    if not os.path.exists(NGINX):
        message = "nginx is not installed (apt-get install nginx-light)"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    url = new_postgres_database(postgres_server)
    folder = tmp_path_factory.mktemp("proxy")
    cert, key = _certificate(folder)
    env = {"CXMATURITY_DATABASE_URL": url, "CXMATURITY_SECURE_COOKIES": "1",
           "CXMATURITY_TRUST_PROXY": "1"}  # fmt: skip
    with contextlib.ExitStack() as stack:
        apps = []
        for n in (1, 2):
            logs, data = tmp_path_factory.mktemp(f"app{n}"), tmp_path_factory.mktemp(f"data{n}")
            apps.append(stack.enter_context(serve(logs, data, **env)))
        backends = [int(a.rsplit(":", 1)[1]) for a in apps]
        public, first, second = free_port(), free_port(), free_port()
        shipped = (ROOT / "deploy" / "nginx" / "cxmaturity.conf").read_text(encoding="utf-8")
        site = _site(shipped, public, backends, cert, key)
        site = site.replace("{P1}", str(first)).replace("{P2}", str(second))
        stack.enter_context(_nginx(folder, site))
        yield {
            "proxy": f"https://127.0.0.1:{public}",
            "one": f"https://127.0.0.1:{first}",
            "two": f"https://127.0.0.1:{second}",
            "database": url,
        }


def _signed_in(page, email: str) -> None:
    shown = email.replace("@", "@\u2060")  # not a mailto link
    expect(page.get_by_text(f"Sesión de {shown}")).to_be_visible(timeout=20_000)


def _signed_out(page) -> None:
    expect(page.get_by_role("link", name="Iniciar sesión").first).to_be_visible(timeout=20_000)
    expect(page.get_by_role("button", name="Cerrar sesión")).to_have_count(0)


def test_the_first_admin_cannot_be_made_through_the_proxy(browser, stack):
    context = browser.new_context(ignore_https_errors=True, locale="es-ES")
    try:
        page = context.new_page()
        page.goto(f"{stack['proxy']}/signin?lang=es")
        expect(page.get_by_text("Crear la primera cuenta de administración")).to_be_visible()
        expect(
            page.get_by_role("textbox", name="Código de instalación")
        ).to_be_visible()  # not local
        page.get_by_label("Correo electrónico").fill("intruso@example.com")
        page.get_by_label("Contraseña", exact=True).fill(PASSWORD)
        page.get_by_label("Repita la contraseña").fill(PASSWORD)
        page.get_by_role("textbox", name="Código de instalación").fill("0000000000000000")
        page.get_by_role("button", name="Crear la cuenta").click()
        expect(page.get_by_text("El código de instalación no es correcto.")).to_be_visible()
        assert not open_services(str(stack["database"])).accounts.any()
    finally:
        context.close()


def test_a_sign_in_on_one_process_holds_on_the_other_and_sign_out_ends_both(browser, stack):
    services = open_services(str(stack["database"]))
    if services.accounts.with_email("ana@acme.example") is None:
        services.accounts.add("ana@acme.example", PASSWORD, "consultant", actor="test")
    context = browser.new_context(ignore_https_errors=True, locale="es-ES")
    try:
        page = context.new_page()
        page.set_default_timeout(20_000)
        page.goto(f"{stack['proxy']}/signin?lang=es")
        page.get_by_label("Correo electrónico").fill("ana@acme.example")
        page.get_by_label("Contraseña").fill(PASSWORD)
        page.get_by_role("button", name="Entrar").click()
        page.wait_for_url(re.compile(r".*/organizations\?lang=\w+$"), timeout=20_000)
        _signed_in(page, "ana@acme.example")
        cookie = next(c for c in context.cookies() if c["name"] == "cxm_session")
        assert cookie["secure"] and cookie["httpOnly"]
        one, two = context.new_page(), context.new_page()
        one.goto(f"{stack['one']}/?lang=es")
        two.goto(f"{stack['two']}/?lang=es")
        _signed_in(one, "ana@acme.example")  # process 1
        _signed_in(two, "ana@acme.example")  # process 2: the same session, from the database
        one.get_by_role("button", name="Cerrar sesión").click()
        _signed_out(one)
        two.get_by_role("link", name="Resultados").first.click()  # its next action
        _signed_out(two)
    finally:
        context.close()
