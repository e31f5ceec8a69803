"""Showing text safely: typed and uploaded text is never markdown, links or HTML."""

from __future__ import annotations

import datetime as dt
import re

_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


def escape_md(text: str) -> str:
    """Text that Streamlit's markdown shows literally (no emphasis, links, LaTeX)."""
    return _SPECIAL.sub(r"\\\1", text)


def plain_email(email: str) -> str:
    """An email shown as text: escaped, and with a word joiner after the ``@`` so that
    markdown does not turn it into a mailto link."""
    return escape_md(email).replace("@", "@\u2060", 1)


def file_name(prefix: str, organization: str, extension: str) -> str:
    """``prefix-acme-s-a-2026-11-22.ext``: a safe download name from typed text."""
    slug = re.sub(r"[^a-z0-9]+", "-", organization.lower()).strip("-")[:40]
    parts = [prefix, slug, dt.date.today().isoformat()]
    return "-".join(p for p in parts if p) + f".{extension}"
