"""The page's server address, added to the HTML documents the server sends
(cxmaturity/ui/base_url.py): HTML gets it, plain or gzip; nothing else changes."""

from __future__ import annotations

import asyncio
import gzip
from concurrent.futures import ThreadPoolExecutor

from cxmaturity.ui.base_url import ServerAddress, base_url_script, with_script

PAGE = b"<!doctype html><html><head><title>x</title></head><body></body></html>"
SCRIPT = base_url_script("")


def test_the_script_names_the_origin_and_the_base_path():
    assert SCRIPT.startswith(
        b"<script>window.__streamlit=Object.assign(window.__streamlit||{},"
        b'{BACKEND_BASE_URL:window.location.origin+"/"});'
    )
    # ... and the document's language follows the page's ?lang= (Spanish by default).
    assert b'const known=["es", "en"]' in SCRIPT and b':"es";' in SCRIPT
    assert SCRIPT.endswith(b"</script>")
    assert b'window.location.origin+"/cx"' in base_url_script("/cx/")


def test_plain_and_gzip_documents_get_it_right_after_head():
    plain = with_script(PAGE, b"", SCRIPT)
    assert plain == PAGE.replace(b"<head>", b"<head>" + SCRIPT)
    zipped = with_script(gzip.compress(PAGE), b"gzip", SCRIPT)
    assert gzip.decompress(zipped) == plain


def test_other_encodings_and_documents_without_head_are_left_alone():
    assert with_script(b"\x00br-bytes", b"br", SCRIPT) == b"\x00br-bytes"
    assert with_script(b"<p>no head</p>", b"", SCRIPT) == b"<p>no head</p>"


def _serve(content_type: bytes, chunks: list[bytes], method: str = "GET") -> list[dict]:
    """What the middleware sends for an app answering ``chunks`` of ``content_type``."""

    async def app(scope, receive, send):
        await send({"type": "http.response.start", "status": 200, "headers": [
            (b"content-type", content_type), (b"content-length", b"999")]})  # fmt: skip
        for n, chunk in enumerate(chunks):
            await send({"type": "http.response.body", "body": chunk,
                        "more_body": n < len(chunks) - 1})  # fmt: skip

    sent: list[dict] = []

    async def send(message):
        sent.append(message)

    async def receive():
        return {"type": "http.request"}

    middleware = ServerAddress(app, base_path=lambda: "")
    call = middleware({"type": "http", "method": method}, receive, send)
    # A thread of its own: the browser tests' Playwright may hold this thread's loop.
    with ThreadPoolExecutor(1) as pool:
        pool.submit(asyncio.run, call).result()
    return sent


def test_an_html_answer_in_chunks_gets_the_script_and_its_length():
    start, body = _serve(b"text/html; charset=utf-8", [PAGE[:20], PAGE[20:]])
    assert body["body"] == PAGE.replace(b"<head>", b"<head>" + SCRIPT)
    assert dict(start["headers"])[b"content-length"] == str(len(body["body"])).encode()


def test_anything_else_passes_as_it_was():
    for content_type, method in ((b"application/javascript", "GET"), (b"text/html", "POST")):
        start, first, second = _serve(content_type, [b"<head>a", b"b"], method)
        assert (first["body"], second["body"]) == (b"<head>a", b"b")
        assert dict(start["headers"])[b"content-length"] == b"999"
