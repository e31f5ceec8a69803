"""The answer form of a questionnaire, by kind: the one dispatch table of the pages."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from cxmaturity.model import Questionnaire
from cxmaturity.ui.components.grid import grid_form
from cxmaturity.ui.components.quiz import quiz_form
from cxmaturity.ui.state import UiState

FORMS: dict[str, Callable[[Any, UiState, str], None]] = {"quiz": quiz_form, "grid": grid_form}


def answer_form(questionnaire: Questionnaire, state: UiState, lang: str) -> None:
    """The quiz's questions or the grid's capabilities, saved as they are answered."""
    FORMS[questionnaire.kind](questionnaire, state, lang)
