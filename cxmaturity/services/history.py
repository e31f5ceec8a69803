"""An organisation's history: every assessment of record scored, the trend over time,
and any two rounds of one questionnaire compared. Computed again only when the
organisation's data changes (one cheap version query)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..compare import Change, GridComparison, compare_grids, compare_quizzes
from ..i18n import decimal, t, tn
from ..loader import Catalog
from ..model import Answers, Questionnaire, as_grid, as_quiz
from ..records import Assessment, Organization
from ..scoring import Result, as_grid_result, as_quiz_result, score
from .access import Action, Actor, require
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

    def version(self, actor: Actor, organization: Organization) -> tuple[object, ...]:
        """Changes whenever an assessment or answer of the organisation changes; checks
        the actor may read the organisation (every other method takes this version, so
        every read of a page starts with this check)."""
        with self.assessments.database.unit() as uow:
            require(uow.repo, actor, organization.id, Action.READ)
            return (actor.account.id if actor.account else None, *uow.repo.history_version(
                organization.id))  # fmt: skip

    def entries(self, actor: Actor, organization: Organization, lang: str) -> list[HistoryEntry]:
        """Every assessment of record, newest first, with its result in words."""
        key = (organization, lang, self.version(actor, organization)[1:])
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

    def scored(self, actor: Actor, organization: Organization) -> Scored:
        """Every scored assessment of the organisation, oldest first."""
        key = (organization, self.version(actor, organization)[1:])
        return self._scored.get(key, lambda: self._scored_now(organization))

    def _scored_now(self, organization: Organization) -> Scored:
        known = self.catalog()
        scored: Scored = {}
        for assessment, answers in self.assessments.history(organization):
            questionnaire = known.get(assessment.questionnaire_id)
            if questionnaire is not None and answers:
                scored[assessment.id] = (assessment, score(questionnaire, list(answers.values())))
        return scored

    def comparable(self, actor: Actor, organization: Organization) -> dict[str, list[Assessment]]:
        """Questionnaires with at least two scored rounds, and those rounds (oldest first)."""
        known = self.catalog()
        by_questionnaire: dict[str, list[Assessment]] = {}
        for assessment, _ in self.scored(actor, organization).values():
            by_questionnaire.setdefault(assessment.questionnaire_id, []).append(assessment)
        return {q: a for q, a in by_questionnaire.items() if len(a) >= 2 and known.get(q)}

    def compare(
        self,
        actor: Actor,
        organization: Organization,
        before_id: int,
        after_id: int,
    ) -> RoundComparison:
        """What changed between two scored rounds of one questionnaire."""
        scored = self.scored(actor, organization)
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
        actor: Actor,
        organization: Organization,
        questionnaire_id: str,
        lang: str,
    ) -> dict[str, Any] | None:
        """The trend chart's Vega-Lite spec over every round (None with nothing to draw);
        built again only when the data changed (building a chart costs more than
        drawing it)."""
        key = (organization, questionnaire_id, lang, self.version(actor, organization)[1:])
        return self._trends.get(
            key, lambda: self._trend_now(actor, organization, questionnaire_id, lang)
        )

    def _trend_now(
        self,
        actor: Actor,
        organization: Organization,
        questionnaire_id: str,
        lang: str,
    ) -> dict[str, Any] | None:
        questionnaire = self.catalog().get(questionnaire_id)
        if questionnaire is None:
            return None
        rounds = [
            (a.assessed_on, r)
            for a, r in self.scored(actor, organization).values()
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
        elif quiz is not None and quiz.points is not None and quiz.band is not None:
            # A partial quiz's points are not a result: it is left off the trend.
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
        if band is None or quiz_result.points is None:  # partial: points of some answers
            return t("result_quiz_partial", lang, answered=quiz_result.answered,
                     total=quiz_result.total_questions)  # fmt: skip
        points = int(quiz_result.points)
        return tn("result_quiz", points, lang, band=band.label.get(quiz.language_for(lang)))
    grid_result = as_grid_result(result)
    if grid_result is None or grid_result.overall.current is None:
        return t("result_none", lang)
    return t(
        "result_grid",
        lang,
        current=decimal(grid_result.overall.current, lang),
        ideal=decimal(grid_result.overall.ideal, lang),
    )
