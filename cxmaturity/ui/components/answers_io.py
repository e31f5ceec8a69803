"""Download the answers as a file in the spec's format; upload one to resume."""

from __future__ import annotations

import hashlib

import streamlit as st

from cxmaturity.errors import InvalidInput
from cxmaturity.i18n import t
from cxmaturity.loader import Catalog, dump_answers, parse_answers
from cxmaturity.model import Grid, Quiz
from cxmaturity.ui.autosave import save_all
from cxmaturity.ui.catalog import content_language
from cxmaturity.ui.state import UiState, load_answers, to_answers
from cxmaturity.ui.text import escape_md, file_name

MAX_UPLOAD_MB = 1


def answers_io(questionnaire: Quiz | Grid, known: Catalog, state: UiState, lang: str) -> None:
    """An expander with the download button and the uploader."""
    upload_key = f"io.{questionnaire.id}.upload"
    with st.expander(t("save_resume", state.lang), icon=":material/save:"):
        st.download_button(
            t("download_answers", state.lang),
            # Built when clicked, not on every rerun of the page.
            data=lambda: dump_answers(to_answers(state, questionnaire, lang)).encode("utf-8"),
            file_name=file_name(questionnaire.id, state.organization, "yaml"),
            mime="application/x-yaml",
            icon=":material/download:",
            key=f"io.{questionnaire.id}.download",
        )
        upload = st.file_uploader(
            t("upload_answers", state.lang),
            type=["yaml", "yml", "json"],
            key=upload_key,
            help=t("upload_help", state.lang),
            max_upload_size=MAX_UPLOAD_MB,
        )
    # The outcome shows below the expander, so that it stays in view after the rerun.
    if upload is not None:
        _apply_upload(upload.name, upload.getvalue(), questionnaire, known, state)


def _apply_upload(
    name: str, raw: bytes, questionnaire: Quiz | Grid, known: Catalog, state: UiState
) -> None:
    """Validate first; only a valid file replaces the answers (each upload once)."""
    fingerprint = hashlib.sha256(raw).hexdigest() + name
    try:
        answers, target = parse_answers(raw, name, known)
    except InvalidInput as error:
        st.error(t("upload_invalid", state.lang), icon=":material/error:")
        st.code("\n".join(str(p) for p in error.problems), language=None, wrap_lines=True)
        return
    if state.last_upload != fingerprint:
        load_answers(state, answers)
        state.last_upload = fingerprint
        save_all(target, content_language(target, state.lang))
        st.rerun()  # redraw every widget from the loaded answers
    st.success(t("upload_ok", state.lang, name=escape_md(name)), icon=":material/check:")
    if target.id != questionnaire.id:
        other = escape_md(target.title.get(state.lang))
        st.info(t("upload_other_questionnaire", state.lang, other=other))
