"""Results of answers that are on screen (the session's, or a stored team's): scored
and, for a grid, its gaps ranked into a plan. Pure: no database, no streamlit."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..model import Answers, Grid, Quiz
from ..planning import Plan, plan
from ..scoring import GridResult, QuizResult, score_grid, score_quiz


@dataclass(frozen=True)
class GridView:
    """A grid's result and its gaps, ranked by priority (negative gaps apart)."""

    result: GridResult
    gaps: Plan


def grid_view(grid: Grid, team: Sequence[Answers]) -> GridView:
    result = score_grid(grid, team)
    return GridView(result, plan(grid, result))


def quiz_result(quiz: Quiz, team: Sequence[Answers]) -> QuizResult:
    return score_quiz(quiz, team)
