"""An organisation's history: every assessment of record scored, the trend over time,
and any two rounds of one questionnaire compared. Computed again only when the
organisation's data changes (one cheap version query)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..compare import Change, GridComparison, compare_grids, compare_quizzes
from ..i18n import decimal, t
from ..loader import Catalog
from ..model import Answers, Questionnaire, as_grid, as_quiz
from ..records import Assessment, Organization
from ..scoring import Result, as_grid_result, as_quiz_result, score
from .assessments import Assessments
from .cache import VersionedCache

Scored = dict[int, tuple[Assessment, Result]]


@dataclass(frozen=True)
class HistoryEntry:
    """One assessment of record as the history table shows it (texts in ``lang``)."""

    assessment: Assessment
    title: str
    result: str
    respondents: int
    status: str


@dataclass(frozen=True)
class RoundComparison:
    """Two rounds of one questionnaire: a grid's changes, or a quiz's points."""

    grid: GridComparison | None = None
    points: Change | None = None


class History:
    def __init__(self, assessments: Assessments, catalog: Callable[[], Catalog]) -> None:
        self.assessments = assessments
        self.catalog = catalog
        self._entries: VersionedCache[list[HistoryEntry]] = VersionedCache(64)
        self._scored: VersionedCache[Scored] = VersionedCache(16)
        self._trends: VersionedCache[dict[str, Any] | None] = VersionedCache(32)

    def version(self, organization: Organization) -> tuple[object, ...]:
        return self.assessments.history_version(organization)

    def entries(
        self, organization: Organization, lang: str, version: tuple[object, ...] | None = None
    ) -> list[HistoryEntry]:
        """Every assessment of record, newest first, with its result in words."""
        version = version if version is not None else self.version(organization)
        key = (organization, lang, version)
        return self._entries.get(key, lambda: self._entries_now(organization, lang))

    def _entries_now(self, organization: Organization, lang: str) -> list[HistoryEntry]:
        known = self.catalog()
        entries = []
        for assessment, answers in self.assessments.history(organization):
            questionnaire = known.get(assessment.questionnaire_id)
            title = (
                questionnaire.title.get(questionnaire.language_for(lang))
                if questionnaire
                else assessment.questionnaire_id
            )
            result = _result_text(questionnaire, list(answers.values()), lang)
            status = t(f"status_{assessment.status}", lang)
            entries.append(HistoryEntry(assessment, title, result, len(answers), status))
        entries.reverse()  # newest first
        return entries

    def scored(
        self, organization: Organization, version: tuple[object, ...] | None = None
    ) -> Scored:
        """Every scored assessment of the organisation, oldest first."""
        version = version if version is not None else self.version(organization)
        return self._scored.get((organization, version), lambda: self._scored_now(organization))

    def _scored_now(self, organization: Organization) -> Scored:
        known = self.catalog()
        scored: Scored = {}
        for assessment, answers in self.assessments.history(organization):
            questionnaire = known.get(assessment.questionnaire_id)
            if questionnaire is not None and answers:
                scored[assessment.id] = (assessment, score(questionnaire, list(answers.values())))
        return scored

    def comparable(
        self, organization: Organization, version: tuple[object, ...] | None = None
    ) -> dict[str, list[Assessment]]:
        """Questionnaires with at least two scored rounds, and those rounds (oldest first)."""
        known = self.catalog()
        by_questionnaire: dict[str, list[Assessment]] = {}
        for assessment, _ in self.scored(organization, version).values():
            by_questionnaire.setdefault(assessment.questionnaire_id, []).append(assessment)
        return {q: a for q, a in by_questionnaire.items() if len(a) >= 2 and known.get(q)}

    def compare(
        self,
        organization: Organization,
        before_id: int,
        after_id: int,
        version: tuple[object, ...] | None = None,
    ) -> RoundComparison:
        """What changed between two scored rounds of one questionnaire."""
        scored = self.scored(organization, version)
        (assessment, old), (_, new) = scored[before_id], scored[after_id]
        questionnaire = self.catalog().get(assessment.questionnaire_id)
        grid = as_grid(questionnaire) if questionnaire is not None else None
        old_grid, new_grid = as_grid_result(old), as_grid_result(new)
        if grid is not None and old_grid is not None and new_grid is not None:
            return RoundComparison(grid=compare_grids(grid, old_grid, new_grid))
        quiz = as_quiz(questionnaire) if questionnaire is not None else None
        old_quiz, new_quiz = as_quiz_result(old), as_quiz_result(new)
        if quiz is not None and old_quiz is not None and new_quiz is not None:
            return RoundComparison(points=compare_quizzes(quiz, old_quiz, new_quiz))
        return RoundComparison()

    def trend_spec(
        self,
        organization: Organization,
        questionnaire_id: str,
        lang: str,
        version: tuple[object, ...] | None = None,
    ) -> dict[str, Any] | None:
        """The trend chart's Vega-Lite spec over every round (None with nothing to draw);
        built again only when the data changed (building a chart costs more than
        drawing it)."""
        version = version if version is not None else self.version(organization)
        key = (organization, questionnaire_id, lang, version)
        return self._trends.get(
            key, lambda: self._trend_now(organization, questionnaire_id, lang, version)
        )

    def _trend_now(
        self, organization: Organization, questionnaire_id: str, lang: str, version: Any
    ) -> dict[str, Any] | None:
        questionnaire = self.catalog().get(questionnaire_id)
        if questionnaire is None:
            return None
        rounds = [
            (a.assessed_on, r)
            for a, r in self.scored(organization, version).values()
            if a.questionnaire_id == questionnaire_id
        ]
        rows = trend_rows(rounds, lang)
        if not rows:
            return None
        from ..charts import trend_chart  # altair loads when a trend is first drawn

        domain, title = _trend_axis(questionnaire, lang)
        spec: dict[str, Any] = trend_chart(rows, lang, title, domain).to_dict(validate=False)
        return spec


def trend_rows(rounds: list[tuple[dt.date, Result]], lang: str) -> list[dict[str, object]]:
    """The points of the trend chart: a grid's current and ideal level, a quiz's points."""
    rows: list[dict[str, object]] = []
    for day, result in rounds:
        grid, quiz = as_grid_result(result), as_quiz_result(result)
        date = day.isoformat()
        if grid is not None and grid.overall.current is not None:
            rows.append({"date": date, "series": t("current", lang), "value": grid.overall.current})
            rows.append({"date": date, "series": t("ideal", lang), "value": grid.overall.ideal})
        elif quiz is not None and quiz.points is not None:
            rows.append({"date": date, "series": t("compare_points", lang), "value": quiz.points})
    return rows


def _trend_axis(questionnaire: Questionnaire, lang: str) -> tuple[list[float], str]:
    grid, quiz = as_grid(questionnaire), as_quiz(questionnaire)
    if grid is not None:
        values = [lv.value for lv in grid.levels]
        return [float(min(values)), float(max(values))], t("level", lang)
    assert quiz is not None
    return [float(quiz.min_points), float(quiz.max_points)], t("compare_points", lang)


def _result_text(questionnaire: Questionnaire | None, team: list[Answers], lang: str) -> str:
    """A round's result in words: a quiz's points and band, a grid's two levels."""
    if questionnaire is None or not team:
        return t("result_none", lang)
    result = score(questionnaire, team)
    quiz, quiz_result = as_quiz(questionnaire), as_quiz_result(result)
    if quiz is not None and quiz_result is not None:
        band = next((b for b in quiz.bands if b.id == quiz_result.band), None)
        label = band.label.get(quiz.language_for(lang)) if band else "…"
        points = quiz_result.points if quiz_result.points is not None else "…"
        return t("result_quiz", lang, points=points, band=label)
    grid_result = as_grid_result(result)
    if grid_result is None or grid_result.overall.current is None:
        return t("result_none", lang)
    return t(
        "result_grid",
        lang,
        current=decimal(grid_result.overall.current, lang),
        ideal=decimal(grid_result.overall.ideal, lang),
    )
