"""Navigation, the page header with the language switch, and URL <-> state sync."""

from __future__ import annotations

import contextlib
from typing import Any

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from cxmaturity.guide import glossary_markdown
from cxmaturity.i18n import LANGUAGES, t
from cxmaturity.model import Questionnaire
from cxmaturity.services.access import Action, Actor, NotFoundOrNotYours

from .auth import (
    SIGN_IN,
    account_strip,
    current_actor,
    page_actor,
    remember_shown_actor,
    single_sign_on,
)
from .backend import services
from .catalog import catalog, plan_grid
from .errors import PageEnd
from .state import UiState, get_state, start_state
from .text import escape_md

PAGES = "cxmaturity/ui/pages"
HOME, ANSWER, RESULTS = f"{PAGES}/home.py", f"{PAGES}/answer.py", f"{PAGES}/results.py"
PLAN, BRANDING = f"{PAGES}/plan.py", f"{PAGES}/branding.py"
ORGANIZATIONS, PORTFOLIO = f"{PAGES}/organizations.py", f"{PAGES}/portfolio.py"
WORKSHOP, JOIN = f"{PAGES}/workshop.py", f"{PAGES}/join.py"
PRESENT, GUIDE = f"{PAGES}/present.py", f"{PAGES}/guide.py"
OFF_THE_BAR = {"present"}  # pages opened from another page, never from the bar
AUDIT, ACCOUNTS = f"{PAGES}/audit.py", f"{PAGES}/accounts.py"
LANG_KEY = "ui.lang"
NOTICE_KEY = "ui.notice"  # what the last action did, shown after the rerun it causes
LANGUAGE_NAMES = {"es": "Español", "en": "English"}


def run() -> None:
    """Run the page the address names, under the app's own navigation bar.

    A workshop participant (a join link, or a session that joined) gets the join
    page alone: whatever address they open, they see their own answers and nothing
    of other participants, workshops or organisations.
    """
    state = get_state()
    sync_language_from_url(state)
    if participant_view(state):
        with contextlib.suppress(PageEnd):
            st.navigation(_participant_pages(state.lang), position="hidden").run()
        return
    actor = current_actor()
    single_sign_on(actor, state.lang)  # back from st.login: a session of ours, then reload
    remember_shown_actor(actor)
    account_id = actor.account.id if actor.account is not None else None
    if state.account_id != account_id:  # signed out elsewhere, or another account
        state = start_state(state.lang, account_id)
    pages = _pages(state.lang, actor.account is not None, actor.is_admin)
    page = st.navigation(pages, position="hidden")
    keep_in_url(state, actor, page.url_path)
    bar = st.container(horizontal=True, gap="small", key="nav")
    state.links_behind = False  # this run draws them
    try:
        page.run()
    except PageEnd:
        pass  # the page is complete (a link this account may not open)
    finally:  # drawn after the page: its links carry what the page has just opened
        _navigation_bar(bar, pages, get_state(), page.url_path)


# On a phone the bar is one row that scrolls sideways (the page itself never does),
# where its wrapped links took five rows above every page.
NAV_STYLE = """<style>
@media (max-width: 640px) {
  .st-key-nav { flex-wrap: nowrap !important; overflow-x: auto; scrollbar-width: thin; }
  .st-key-nav > * { flex: 0 0 auto !important; width: auto !important; }
}
</style>"""


def _navigation_bar(bar: Any, pages: list[Any], state: UiState, current: str) -> None:
    """The app's own navigation: one link per page, each carrying the address of what
    that page shows. (Streamlit's own navigation links carry no query parameters, and
    putting them back after the click makes a second history entry, which breaks
    back/forward.) A click is one history entry; back, forward and a reload reopen
    that screen."""
    if current in OFF_THE_BAR:
        return  # the presenter view fills the projector
    st.html(NAV_STYLE)  # style only: Streamlit applies it without drawing anything
    with bar:
        for page in pages:
            if page.url_path not in OFF_THE_BAR:
                st.page_link(page, query_params=page_params(page.url_path, state))


def history_navigation() -> bool:
    """This run was started by the browser's back or forward button."""
    ctx = get_script_run_ctx()
    return ctx is not None and ctx.is_history_navigation


def links_follow(questionnaire: Questionnaire | None = None) -> None:
    """In a fragment's run (a click in the quiz or grid): when the click changed what
    the page around the fragment shows, the whole page runs again. That is when the
    navigation's links (drawn outside the fragment) lack what the click stored (its
    first answer created the assessment), or when ``questionnaire`` became complete
    or incomplete on a page that shows it (a participant's "done" and "next")."""
    state = get_state()
    if state.links_behind:
        st.rerun(scope="app")
    if questionnaire is None or questionnaire.id not in state.complete_when_drawn:
        return
    if (
        state.of(questionnaire.id).complete(questionnaire)
        != state.complete_when_drawn[questionnaire.id]
    ):
        st.rerun(scope="app")


def page_params(url_path: str, state: UiState) -> dict[str, str]:
    """The query parameters of the screen a page shows for this session: the language,
    the organisation answers are saved under (on Organisations: the one last shown
    there), the questionnaire and assessment last opened (Answer, Results; Plan: its
    grid) and the workshop last shown (Workshops)."""
    known = catalog()
    params = {"lang": state.lang}
    if url_path == "organizations":
        shown = state.viewed_organization or state.organization_id
        return params | ({"org": shown} if shown else {})
    if state.organization_id is not None:
        params["org"] = state.organization_id
    opened = state.last_opened if state.last_opened in known.questionnaires else None
    if url_path in ("answer", "results") and opened is not None:
        return questionnaire_params(opened, state.lang)
    if url_path == "plan" and (grid := plan_grid(state, known)) is not None:
        return questionnaire_params(grid.id, state.lang)
    if url_path == "workshop" and state.workshop_id is not None:
        params["workshop"] = state.workshop_id
    return params


def participant_view(state: UiState) -> bool:
    """A workshop participant's browser (a join link, or a session that joined): it
    gets the join page alone, without the account controls."""
    params = st.query_params
    return bool(state.participant_token) or "p" in params or "code" in params


def _join_page(lang: str) -> Any:
    return st.Page(JOIN, title=t("nav_join", lang), icon=":material/group_add:", url_path="join")


def _participant_pages(lang: str) -> list[Any]:
    """The join page at ``/join`` (the join link) and as the default page: any other
    address a participant opens shows it too."""
    home = st.Page(
        JOIN, title=t("nav_join", lang), icon=":material/group_add:", url_path="workshop-join",
        default=True,
    )  # fmt: skip
    return [home, _join_page(lang)]


def _pages(lang: str, signed_in: bool = False, admin: bool = False) -> list[Any]:
    """The page objects, built for each run: never shared between sessions (st.navigation
    marks the page it returns as callable once and its run unmarks it, so a page object
    shared by sessions running at the same time failed one of them with "This page
    cannot be called directly"); the sign-in page is listed for visitors only, the
    audit log for admins only."""
    return [
        st.Page(HOME, title=t("nav_home", lang), icon=":material/home:", default=True),
        st.Page(
            ANSWER, title=t("nav_answer", lang), icon=":material/edit_note:", url_path="answer"
        ),
        st.Page(
            RESULTS, title=t("nav_results", lang), icon=":material/insights:", url_path="results"
        ),
        st.Page(PLAN, title=t("nav_plan", lang), icon=":material/checklist:", url_path="plan"),
        st.Page(
            ORGANIZATIONS,
            title=t("nav_organizations", lang),
            icon=":material/apartment:",
            url_path="organizations",
        ),
        *([_portfolio_page(lang)] if signed_in else []),
        st.Page(
            WORKSHOP, title=t("nav_workshop", lang), icon=":material/groups:", url_path="workshop"
        ),
        _join_page(lang),
        st.Page(
            PRESENT,
            title=t("ws_present_title", lang),
            icon=":material/present_to_all:",
            url_path="present",
        ),
        st.Page(
            BRANDING, title=t("nav_branding", lang), icon=":material/palette:", url_path="branding"
        ),
        st.Page(GUIDE, title=t("nav_guide", lang), icon=":material/menu_book:", url_path="guide"),
        *([_accounts_page(lang), _audit_page(lang)] if admin else []),
        *([] if signed_in else [_sign_in_page(lang)]),
    ]


def _portfolio_page(lang: str) -> Any:
    title = t("nav_portfolio", lang)
    return st.Page(PORTFOLIO, title=title, icon=":material/dashboard:", url_path="portfolio")


def _accounts_page(lang: str) -> Any:
    title = t("nav_accounts", lang)
    return st.Page(ACCOUNTS, title=title, icon=":material/manage_accounts:", url_path="accounts")


def _audit_page(lang: str) -> Any:
    title = t("nav_audit", lang)
    return st.Page(AUDIT, title=title, icon=":material/history:", url_path="audit")


def _sign_in_page(lang: str) -> Any:
    return st.Page(
        SIGN_IN, title=t("nav_sign_in", lang), icon=":material/login:", url_path="signin"
    )


def keep_in_url(state: UiState, actor: Actor, url_path: str) -> None:
    """The address always carries the language and the organisation answers are saved
    in (an address typed or linked may lack them), and a reloaded address brings the
    organisation back, if the account may still answer for it. (On Organisations,
    ``org`` is the organisation shown there, not the one answers are saved in.)"""
    params = st.query_params
    if params.get("lang") != state.lang:
        params["lang"] = state.lang
    wanted = params.get("org")
    if url_path == "organizations":
        return
    if state.organization_id is None and wanted and actor.account is not None:
        try:
            chosen = services().organizations.get(actor, wanted, Action.WRITE)
        except NotFoundOrNotYours:
            return
        state.organization_id, state.organization = chosen.public_id, chosen.name
    elif state.organization_id is not None and not wanted:
        params["org"] = state.organization_id


def sync_language_from_url(state: UiState) -> None:
    """A ``lang`` query parameter (a deep link) sets the session's language."""
    wanted = st.query_params.get("lang")
    if wanted in LANGUAGES and wanted != state.lang:
        state.lang = wanted


def _on_language() -> None:
    state = get_state()
    chosen = st.session_state.get(LANG_KEY)
    if chosen in LANGUAGES:
        state.lang = chosen
        st.query_params["lang"] = chosen


def page_header(title: str, subtitle: str | None = None) -> None:
    """Title on the left, language switch on the right (stacked on a phone)."""
    state = get_state()
    row = st.container(
        horizontal=True, horizontal_alignment="distribute", vertical_alignment="center"
    )
    if st.session_state.get(LANG_KEY) != state.lang:
        # The switch shows the language on screen, also when it changed without the
        # switch (a link's lang, joining a workshop in its language); a default would
        # not move a switch already drawn, and its next click would be taken for a
        # click back.
        st.session_state[LANG_KEY] = state.lang
    with row:
        st.header(escape_md(title), anchor=False, width="content")
        st.segmented_control(
            t("language", state.lang),
            options=list(LANGUAGES),
            format_func=LANGUAGE_NAMES.__getitem__,
            key=LANG_KEY,
            required=True,
            on_change=_on_language,
            label_visibility="collapsed",
        )
        with st.popover(t("glossary", state.lang), icon=":material/dictionary:", width="content"):
            st.markdown(glossary_markdown(state.lang))  # the product's own text
        if not participant_view(state):  # a participant's page shows their answers only
            with st.container(horizontal=True, width="content", vertical_alignment="center"):
                account_strip(state.lang)
    notice = st.session_state.pop(NOTICE_KEY, None)
    if notice:
        st.success(str(notice), icon=":material/check:")  # markdown, escaped by its author
    lines = [escape_md(line) for line in subtitle.splitlines()] if subtitle else []
    if state.organization.strip():
        lines.append(f"{t('organization', state.lang)}: {escape_md(state.organization.strip())}")
    if lines:
        st.caption("  \n".join(lines))  # one element: every rerun draws it


def done(message: str) -> None:
    """Show ``message`` (markdown: typed text in it already escaped) under the next
    run's page header, and run again now (so that the page shows the change)."""
    st.session_state[NOTICE_KEY] = message
    st.rerun()


def signed_in_or_invite(message_key: str) -> Actor | None:
    """The signed-in account of this run, or None after saying ``message_key`` and
    offering the sign-in page (pages for accounts only)."""
    actor = page_actor()
    if actor.account is None:
        lang = get_state().lang
        st.info(t(message_key, lang), icon=":material/lock:")
        st.page_link(SIGN_IN, label=t("auth_sign_in", lang), icon=":material/login:")
        return None
    return actor


def questionnaire_params(questionnaire_id: str, lang: str) -> dict[str, str]:
    """Query parameters that open a questionnaire (used by links and deep links),
    with the assessment its answers are saved in, so that a reload finds them."""
    state = get_state()
    params = {"questionnaire": questionnaire_id, "lang": lang}
    public_id = state.assessment_ids.get(questionnaire_id)
    if public_id is not None:
        params["assessment"] = public_id
    if state.organization_id is not None:
        params["org"] = state.organization_id
    return params


def questionnaire_missing(title: str, wanted: str | None) -> None:
    """A page opened without a known questionnaire: say so and point home."""
    lang = get_state().lang
    page_header(title)
    message = "unknown_questionnaire" if wanted else "choose_first"
    st.info(t(message, lang, id=escape_md((wanted or "")[:80])), icon=":material/help:")
    st.page_link(HOME, label=t("go_home", lang), icon=":material/home:")
