"""Showing text safely: typed and uploaded text is never markdown, links or HTML."""

from __future__ import annotations

import datetime as dt
import re

_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


WORD_JOINER = "\u2060"  # invisible; breaks what markdown would turn into a link
_AUTOLINK = re.compile(r"(://|@|(?<![\w.])www\.)", re.IGNORECASE)


def escape_md(text: str) -> str:
    """Text that Streamlit's markdown shows literally: no emphasis, links, images or
    LaTeX, and no bare address (``http://…``, ``www.…``, ``a@b.c``) turned into a link
    (an invisible word joiner breaks each)."""
    broken = _AUTOLINK.sub(lambda m: m.group(0)[0] + WORD_JOINER + m.group(0)[1:], text)
    return _SPECIAL.sub(r"\\\1", broken)


def plain_email(email: str) -> str:
    """An email shown as text: escaped, and with a word joiner after the ``@`` so that
    markdown does not turn it into a mailto link."""
    return escape_md(email)


def file_name(prefix: str, organization: str, extension: str) -> str:
    """``prefix-acme-s-a-2026-11-22.ext``: a safe download name from typed text."""
    slug = re.sub(r"[^a-z0-9]+", "-", organization.lower()).strip("-")[:40]
    parts = [prefix, slug, dt.date.today().isoformat()]
    return "-".join(p for p in parts if p) + f".{extension}"


def date_input_format(lang: str) -> str:
    """The day order of Streamlit's date pickers in ``lang`` (they take only numeric
    formats): 22/11/2026 in Spanish, 11/22/2026 in (American) English."""
    return "DD/MM/YYYY" if lang == "es" else "MM/DD/YYYY"


def date_column_format(lang: str) -> str:
    """A date column's display format in ``lang`` (Moment.js, whose month names the
    browser has only in English): 22/11/2026 in Spanish, Nov 22, 2026 in English."""
    return "DD/MM/YYYY" if lang == "es" else "MMM D, YYYY"


TABLE_ROW_HEIGHT = 35  # px, a row of st.dataframe / st.data_editor (Streamlit's default)


def table_height(rows: int, most: int, lines: int = 1) -> int:
    """The height (px) of a table that shows its ``rows`` without scrolling inside it,
    up to ``most`` (more scroll inside the table), with ``lines`` more lines (the
    header; a data editor's line that adds a row)."""
    return TABLE_ROW_HEIGHT * (min(rows, most) + lines) + 3
