"""The PDF report download: the session's answers and plan, the saved branding."""

from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path

import streamlit as st

from cxmaturity.branding import Branding, branding_path, load_branding
from cxmaturity.errors import InvalidInput
from cxmaturity.i18n import t
from cxmaturity.model import Grid, Quiz
from cxmaturity.report import Participation, build_report, report_data
from cxmaturity.scoring import Result, score
from cxmaturity.ui.persist import bound, storage
from cxmaturity.ui.state import UiState, plan_items, team_answers
from cxmaturity.ui.text import escape_md, file_name


@functools.lru_cache(maxsize=4)
def _branding_at(path: str, signature: tuple[int, int]) -> Branding | InvalidInput:
    del signature  # part of the cache key only: a saved change is read again
    try:
        return load_branding(Path(path))
    except InvalidInput as error:
        return error


def current_branding() -> Branding | InvalidInput:
    """The saved branding (or why it cannot be used), re-read when the file changes."""
    path = branding_path()
    try:
        info = path.stat()
    except OSError:
        return Branding()
    return _branding_at(str(path), (info.st_mtime_ns, info.st_size))


def report_pdf(state: UiState, questionnaires: list[Quiz | Grid], lang: str) -> bytes:
    """The report of everything this session answered, with its plan and branding."""
    teams = team_answers(state, questionnaires, lang)
    grid = next((q for q, _ in teams if isinstance(q, Grid)), None)
    branding = current_branding()
    data = report_data(
        teams,
        lang,
        organization=state.organization.strip(),
        assessed_on=dt.date.today(),
        plan_items=plan_items(state, grid) if grid is not None else None,
        branding=branding if isinstance(branding, Branding) else Branding(),
        previous=_previous(state, [q for q, _ in teams]),
        participation=_participation(state, [q for q, _ in teams]),
    )
    return build_report(data)


def _participation(state: UiState, questionnaires: list[Quiz | Grid]) -> Participation | None:
    """A workshop's consensus opened from the history: who took part, how they split."""
    from cxmaturity.workshops import Workshops

    from .workshop_report import participation

    for questionnaire in questionnaires:
        assessment = bound(state, questionnaire) if questionnaire.id in state.team else None
        source = Workshops(storage()).source(assessment) if assessment is not None else None
        if source is not None:
            return participation(source[0])
    return None


def _previous(
    state: UiState, questionnaires: list[Quiz | Grid]
) -> dict[str, tuple[dt.date, Result]]:
    """For a re-evaluation, the previous assessment's date and result per questionnaire."""
    found: dict[str, tuple[dt.date, Result]] = {}
    for questionnaire in questionnaires:
        current = bound(state, questionnaire)
        earlier = (
            storage().assessment(current.previous_id) if current and current.previous_id else None
        )
        team = list(storage().answers(earlier).values()) if earlier else []
        if earlier is not None and team:
            found[questionnaire.id] = (earlier.assessed_on, score(questionnaire, team))
    return found


def report_button(state: UiState, questionnaires: list[Quiz | Grid], lang: str, key: str) -> None:
    """A download button for the report (built when clicked), or why there is none."""
    teams = team_answers(state, questionnaires, lang)
    if not teams:
        st.info(t("report_nothing", state.lang), icon=":material/info:")
        return
    titles = ", ".join(q.title.get(lang) for q, _ in teams)
    language = t("language_name", lang)
    st.caption(escape_md(t("report_includes", state.lang, titles=titles, language=language)))
    branding = current_branding()
    if isinstance(branding, InvalidInput):
        st.warning(t("report_branding_invalid", state.lang), icon=":material/warning:")
        st.code("\n".join(str(p) for p in branding.problems), language=None, wrap_lines=True)
    st.download_button(
        t("report_download", state.lang),
        data=lambda: report_pdf(state, questionnaires, lang),
        file_name=file_name("cxmaturity-report", state.organization, "pdf"),
        mime="application/pdf",
        icon=":material/picture_as_pdf:",
        type="primary",
        key=key,
    )
