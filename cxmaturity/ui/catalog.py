"""The questionnaires of ``assessments/``, parsed once and re-read when a file changes."""

from __future__ import annotations

import functools
import time
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


@functools.lru_cache(maxsize=4)  # process-wide, like st.cache_resource, but cheaper per call
def _load(folder: str, signature: Signature) -> Catalog:
    del signature  # part of the cache key only
    return Catalog.from_dirs([Path(folder)])


_RECHECK_SECONDS = 2.0
_checked: dict[str, tuple[float, Signature]] = {}


def catalog() -> Catalog:
    """Every questionnaire, and every broken file with its problems (never raises).

    The folder is looked at again at most every two seconds, not on every click.
    """
    folder = default_catalog_dir()
    now = time.monotonic()
    seen = _checked.get(str(folder))
    if seen is None or now - seen[0] > _RECHECK_SECONDS:
        seen = (now, _signature(folder))
        _checked[str(folder)] = seen
    return _load(str(folder), seen[1])


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
