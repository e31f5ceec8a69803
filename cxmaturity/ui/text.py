"""Showing text safely: typed and uploaded text is never markdown, links or HTML."""

from __future__ import annotations

import re

_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


def escape_md(text: str) -> str:
    """Text that Streamlit's markdown shows literally (no emphasis, links, LaTeX)."""
    return _SPECIAL.sub(r"\\\1", text)
