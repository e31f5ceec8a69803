"""The questionnaires of ``assessments/``, parsed once and re-read when a file changes."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from cxmaturity.cli import default_catalog_dir
from cxmaturity.loader import Catalog, questionnaire_files
from cxmaturity.model import Grid, Quiz

from .state import UiState

Signature = tuple[tuple[str, int, int], ...]


def _signature(folder: Path) -> Signature:
    """Names, sizes and modification times: a changed file gives a new signature."""
    files = []
    for path in questionnaire_files([folder]):
        try:
            info = path.stat()
        except OSError:
            continue
        files.append((str(path), info.st_size, info.st_mtime_ns))
    return tuple(files)


@st.cache_resource(show_spinner=False, max_entries=4)
def _load(folder: str, signature: Signature) -> Catalog:
    del signature  # part of the cache key only
    return Catalog.from_dirs([Path(folder)])


def catalog() -> Catalog:
    """Every questionnaire, and every broken file with its problems (never raises)."""
    folder = default_catalog_dir()
    return _load(str(folder), _signature(folder))


def content_language(questionnaire: Quiz | Grid, lang: str) -> str:
    """The language to show a questionnaire in: the UI's if offered, else its default."""
    return lang if lang in questionnaire.languages else questionnaire.default_language


def selected(found: Catalog, state: UiState) -> tuple[Quiz | Grid | None, str | None]:
    """The questionnaire named by ``?questionnaire=``, else the one last opened.

    Returns it (None if unknown) and the id asked for. The URL is kept pointing at
    it, so that a reload or a shared link opens the same questionnaire.
    """
    wanted = st.query_params.get("questionnaire") or state.current
    questionnaire = found.get(wanted) if wanted else None
    if questionnaire is not None:
        state.current = questionnaire.id
        if st.query_params.get("questionnaire") != questionnaire.id:
            st.query_params["questionnaire"] = questionnaire.id
    return questionnaire, wanted
