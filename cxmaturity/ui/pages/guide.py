"""The facilitator's guide (seed 004's steps and how to take them in the app) and the
glossary, in the page's language. The same text is docs/facilitator-guide.md."""

from __future__ import annotations

import streamlit as st

from cxmaturity.guide import glossary_markdown, steps_markdown
from cxmaturity.i18n import t
from cxmaturity.ui.shell import page_header
from cxmaturity.ui.state import get_state


def render() -> None:
    lang = get_state().lang
    page_header(t("guide_title", lang), t("guide_intro", lang))
    guide, glossary = st.tabs([t("guide_steps", lang), t("glossary", lang)])
    guide.markdown(steps_markdown(lang))  # the product's own text, not user input
    glossary.markdown(glossary_markdown(lang))


render()
