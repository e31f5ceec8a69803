"""One error boundary: nobody sees a traceback.

A page run (and every fragment run) that fails shows a short message in the page's
language with an error id; the server's log gets the traceback under the same id, so
an operator can find it. Streamlit's own control flow (``st.rerun``, ``st.stop``) is not
an ``Exception`` and passes through. As a second guard, ``.streamlit/config.toml`` sets
``client.showErrorDetails = "none"`` for errors raised outside a boundary (widget
callbacks).
"""

from __future__ import annotations

import contextlib
import functools
import logging
import secrets
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

import streamlit as st

from cxmaturity.i18n import t

from .state import get_state

LOG = logging.getLogger("cxmaturity")
F = TypeVar("F", bound=Callable[..., Any])


class PageEnd(Exception):
    """Ends a page's run early, like ``st.stop()``, but the navigation bar is still drawn
    (``shell.run`` catches it; after ``st.stop()`` nothing more reaches the browser)."""


def report(error: Exception) -> str:
    """Log ``error`` with its traceback under a new id; the id."""
    error_id = secrets.token_hex(4)
    LOG.error("error %s: %s", error_id, error, exc_info=error)
    return error_id


@contextlib.contextmanager
def boundary() -> Iterator[None]:
    """Run a page (or a part of one); an unexpected error becomes a message with an id."""
    try:
        yield
    except Exception as error:  # the boundary: everything unexpected ends here
        error_id = report(error)
        st.error(t("error_unexpected", get_state().lang, id=error_id), icon=":material/error:")


def guarded(function: F) -> F:
    """:func:`boundary` around a function (a fragment reruns on its own, outside the
    page's boundary)."""

    @functools.wraps(function)
    def run(*args: Any, **kwargs: Any) -> Any:
        with boundary():
            return function(*args, **kwargs)
        return None

    return run  # type: ignore[return-value]
