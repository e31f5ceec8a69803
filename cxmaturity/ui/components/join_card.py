"""What goes on the projector: the join link, the short code and a QR code."""

from __future__ import annotations

import functools
import io
from urllib.parse import urlencode, urlsplit

import segno
import streamlit as st

from cxmaturity.i18n import t
from cxmaturity.records import Workshop
from cxmaturity.team import MIN_ANONYMOUS
from cxmaturity.ui.backend import settings


def app_url() -> str:
    """The app's base address: ``CXMATURITY_PUBLIC_URL``, else the address this
    browser uses (without the page's own path)."""
    configured = settings().public_url
    if configured:
        return configured
    seen = urlsplit(st.context.url or "")
    path = seen.path.rstrip("/")
    if path.endswith("/workshop"):
        path = path[: -len("/workshop")]
    return f"{seen.scheme or 'http'}://{seen.netloc}{path}"


def join_link(base: str, code: str) -> str:
    return f"{base}/join?{urlencode({'code': code})}"


def spaced(code: str) -> str:
    """``ABCDE-FGHJK``: easier to read off a projector and to type."""
    half = len(code) // 2
    return f"{code[:half]}-{code[half:]}"


@functools.lru_cache(maxsize=32)
def qr_png(text: str) -> bytes:
    """A QR code of ``text`` as a PNG (dark on white, quiet zone included)."""
    out = io.BytesIO()
    segno.make(text, error="m").save(out, kind="png", scale=12, border=3)
    return out.getvalue()


def join_card(workshop: Workshop, lang: str) -> None:
    link = join_link(app_url(), workshop.code)
    with st.container(border=True, horizontal=True, gap="large", vertical_alignment="center"):
        st.image(qr_png(link), width=260, caption=t("ws_scan", lang),
                 alt=t("ws_qr_alt", lang, link=link))  # fmt: skip
        with st.container(width=520):
            st.markdown(f"#### {t('ws_join_at', lang)}")
            st.code(link, language=None, wrap_lines=True)
            st.markdown(f"#### {t('ws_or_code', lang)}")
            st.markdown(f"## `{spaced(workshop.code)}`")
            if workshop.anonymous:
                st.caption(t("ws_is_anonymous", lang, n=MIN_ANONYMOUS))
            else:
                st.caption(t("ws_is_named", lang))
