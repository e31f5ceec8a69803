"""The presenter view of one workshop (``?workshop=<id>&step=<n>``), for the projector.

For a signed-in account that may run the workshop (the services check it on every
read and change); any other account or address gets the same "not found or not
yours" page. The navigation bar is not drawn here: the page is for the big screen.
"""

from __future__ import annotations

import streamlit as st

from cxmaturity.i18n import t
from cxmaturity.ui.backend import services
from cxmaturity.ui.components.presenter import presenter
from cxmaturity.ui.restore import not_found
from cxmaturity.ui.shell import WORKSHOP, signed_in_or_invite
from cxmaturity.ui.state import get_state
from cxmaturity.ui.text import escape_md


def render() -> None:
    state = get_state()
    lang = state.lang
    actor = signed_in_or_invite("ws_sign_in_first")
    if actor is None:
        return
    wanted = st.query_params.get("workshop", "")
    runs = {w.public_id: (w, o) for w, o in services().workshops.all(actor)}
    if wanted not in runs:
        not_found(lang)
    workshop, organization = runs[wanted]
    state.workshop_id = wanted  # the way back opens this workshop
    st.page_link(
        WORKSHOP,
        label=f"{t('ws_present_back', lang)} · {escape_md(organization.name)}",
        icon=":material/arrow_back:",
        query_params={"workshop": wanted, "lang": lang},
    )
    presenter(workshop, lang)


render()
