"""The PDF report download: everything this session answered, with its plan.

The report itself is made by :class:`cxmaturity.services.reports.Reports`: a stored
assessment is reported from the database (its answers and its date)."""

from __future__ import annotations

import contextlib

import streamlit as st

from cxmaturity.branding import Branding
from cxmaturity.errors import InvalidInput
from cxmaturity.i18n import t
from cxmaturity.model import Questionnaire, grids
from cxmaturity.services.reports import MEDIA_TYPES, ReportPart
from cxmaturity.ui.auth import current_actor
from cxmaturity.ui.backend import services
from cxmaturity.ui.state import UiState, plan_items, team_answers
from cxmaturity.ui.text import escape_md, file_name

BENCHMARK_KEY = "results.benchmark"  # the Results page's "compare with my other clients"


def current_branding() -> Branding | InvalidInput:
    """The saved branding (or why it cannot be used), re-read when the file changes."""
    return services().branding.current()


def report_pdf(
    state: UiState, questionnaires: list[Questionnaire], lang: str, kind: str = "pdf"
) -> bytes:
    """The report (``kind``: the PDF, the deck or the workbook) of everything this
    session answered, with its plan and branding, and the private benchmark when it is
    switched on (:data:`BENCHMARK_KEY`) and the account has enough peers."""
    teams = team_answers(state, questionnaires, lang)
    parts = [ReportPart(q, state.assessment_ids.get(q.id), tuple(answers)) for q, answers in teams]
    grid = next(iter(grids(q for q, _ in teams)), None)
    return services().reports.report(
        current_actor(),
        parts,
        lang,
        organization=state.organization.strip(),
        plan_items=plan_items(state, grid) if grid is not None else None,
        kind=kind,
        with_benchmark=bool(st.session_state.get(BENCHMARK_KEY)),
    )


def report_button(
    state: UiState,
    questionnaires: list[Questionnaire],
    lang: str,
    key: str,
    *,
    compact: bool = False,
) -> None:
    """A download button for the report (built when clicked), or why there is none;
    what it includes said above it, or (``compact``, in a row of actions) on the
    button's help."""
    teams = team_answers(state, questionnaires, lang)
    if not teams:
        st.info(t("report_nothing", state.lang), icon=":material/info:")
        return
    titles = ", ".join(q.title.get(lang) for q, _ in teams)
    language = t("language_name", lang)
    includes = escape_md(t("report_includes", state.lang, titles=titles, language=language))
    if not compact:
        st.caption(includes)
    branding = current_branding()
    if isinstance(branding, InvalidInput):
        st.warning(t("report_branding_invalid", state.lang), icon=":material/warning:")
        st.code("\n".join(str(p) for p in branding.problems), language=None, wrap_lines=True)
    row = st.container(horizontal=True) if not compact else contextlib.nullcontext()
    with row:
        st.download_button(
            t("report_download", state.lang),
            data=lambda: report_pdf(state, questionnaires, lang),
            file_name=file_name("cxmaturity-report", state.organization, "pdf"),
            mime=MEDIA_TYPES["pdf"],
            icon=":material/picture_as_pdf:",
            type="primary",
            help=includes if compact else None,
            key=key,
        )
        for kind, icon in (("pptx", ":material/slideshow:"), ("xlsx", ":material/table_view:")):
            st.download_button(
                t(f"export_{kind}", state.lang),
                data=lambda kind=kind: report_pdf(state, questionnaires, lang, kind),
                file_name=file_name("cxmaturity", state.organization, kind),
                mime=MEDIA_TYPES[kind],
                icon=icon,
                help=t(f"export_{kind}_help", state.lang),
                key=f"{key}.{kind}",
            )
