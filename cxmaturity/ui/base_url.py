"""Pages opened by their address load about 120 ms sooner.

Streamlit's page (``index.html``) does not know where the server's endpoints are: opened
at ``/results``, it first asks ``/results/_stcore/health``, gets a 404, waits and asks
``/_stcore/health`` (Streamlit issue #7074). The page reads the server's address from
``window.__streamlit.BACKEND_BASE_URL`` when it is set, and this ASGI middleware sets it:
a short script, the same on every page, added to the top of the HTML documents the
server sends (nothing else is touched).

The address is this page's origin and the server's ``server.baseUrlPath``: the same
endpoints the page found by trying, found at once.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from cxmaturity.i18n import DEFAULT_LANGUAGE, LANGUAGES

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

HEAD = b"<head>"


# The document's language follows the page's (``?lang=``, Spanish by default), also
# when Streamlit changes the address: a screen reader then reads Spanish as Spanish
# (Streamlit's page says lang="en" whatever it shows).
PAGE_LANGUAGE = (
    (
        "(()=>{const known=KNOWN;const set=()=>{const l=new URLSearchParams(location.search)"
        ".get('lang');document.documentElement.lang=known.includes(l)?l:DEFAULT;};set();"
        "for(const m of ['pushState','replaceState']){const o=history[m];"
        "history[m]=function(...a){const r=o.apply(this,a);set();return r;};}"
        "addEventListener('popstate',set);})();"
    )
    .replace("KNOWN", json.dumps(list(LANGUAGES)))
    .replace("DEFAULT", json.dumps(DEFAULT_LANGUAGE))
)


def base_url_script(base_path: str) -> bytes:
    """The script that tells the page where the server is (``base_path``: the server's
    ``baseUrlPath``, e.g. "" or "cx"), and keeps the document's language that of the
    page."""
    path = "/" + base_path.strip("/")
    return (
        "<script>window.__streamlit=Object.assign(window.__streamlit||{},"
        f"{{BACKEND_BASE_URL:window.location.origin+{json.dumps(path)}}});"
        f"{PAGE_LANGUAGE}</script>"
    ).encode()


class ServerAddress:
    """ASGI middleware: ``base_url_script`` right after ``<head>`` in every HTML document
    answered to a GET (its length corrected); every other response as it was."""

    def __init__(self, app: ASGIApp, base_path: Callable[[], str]) -> None:
        self.app = app
        self.base_path = base_path

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("method") != "GET":
            await self.app(scope, receive, send)
            return
        start: Message | None = None
        body: list[bytes] = []

        async def edit(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                headers = dict(message.get("headers") or [])
                if headers.get(b"content-type", b"").startswith(b"text/html"):
                    start = message  # held until the whole body is here
                    return
                await send(message)
                return
            if start is None or message["type"] != "http.response.body":
                await send(message)
                return
            body.append(message.get("body", b""))
            if message.get("more_body", False):
                return
            await _send_edited(send, start, b"".join(body), base_url_script(self.base_path()))

        await self.app(scope, receive, edit)


def with_script(body: bytes, encoding: bytes, script: bytes) -> bytes:
    """``body`` (an HTML document, plain or gzip as ``encoding`` says) with ``script``
    right after its ``<head>``; any other encoding, or no ``<head>``: as it was."""
    if encoding not in (b"", b"identity", b"gzip"):
        return body
    html = gzip.decompress(body) if encoding == b"gzip" else body
    if HEAD not in html:
        return body
    html = html.replace(HEAD, HEAD + script, 1)
    return gzip.compress(html, mtime=0) if encoding == b"gzip" else html


async def _send_edited(send: Send, start: Message, body: bytes, script: bytes) -> None:
    headers = start.get("headers") or []
    encoding = dict(headers).get(b"content-encoding", b"").strip().lower()
    body = with_script(body, encoding, script)
    headers = [(k, v) for k, v in headers if k.lower() != b"content-length"]
    headers.append((b"content-length", str(len(body)).encode()))
    await send({**start, "headers": headers})
    await send({"type": "http.response.body", "body": body, "more_body": False})


def server_base_path() -> str:
    """The server's ``server.baseUrlPath`` (read at each request: it cannot change while
    the server runs, but the option is only read once Streamlit has loaded it)."""
    import streamlit as st

    return str(st.get_option("server.baseUrlPath") or "")
