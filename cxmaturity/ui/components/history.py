"""The history table of an organisation, cached until its data changes.

(In a module of its own: page scripts are executed afresh on every run, so a cache
defined in a page would start empty every time.)
"""

from __future__ import annotations

import functools

from cxmaturity.i18n import decimal, t
from cxmaturity.loader import Catalog
from cxmaturity.model import Answers, Quiz
from cxmaturity.scoring import GridResult, QuizResult, Result, score
from cxmaturity.storage import Assessment, Organization
from cxmaturity.ui.catalog import catalog, content_language
from cxmaturity.ui.persist import storage


def _result_text(found: Catalog, assessment: Assessment, team: list[Answers], lang: str) -> str:
    questionnaire = found.get(assessment.questionnaire_id)
    if questionnaire is None or not team:
        return t("result_none", lang)
    result = score(questionnaire, team)
    if isinstance(result, QuizResult) and isinstance(questionnaire, Quiz):
        band = next((b for b in questionnaire.bands if b.id == result.band), None)
        label = band.label.get(content_language(questionnaire, lang)) if band else "…"
        return t(
            "result_quiz",
            lang,
            points=result.points if result.points is not None else "…",
            band=label,
        )
    assert isinstance(result, GridResult)
    if result.overall.current is None:
        return t("result_none", lang)
    return t(
        "result_grid",
        lang,
        current=decimal(result.overall.current, lang),
        ideal=decimal(result.overall.ideal, lang),
    )


@functools.lru_cache(maxsize=64)
def history_rows(
    url: str, organization: Organization, lang: str, version: tuple[object, ...]
) -> tuple[list[Assessment], list[dict[str, object]]]:
    """The history table, computed again only when the organisation's data changed."""
    del url, version  # cache key only
    found = catalog()
    history = storage().history(organization)
    rows = []
    for assessment, answers in history:
        questionnaire = found.get(assessment.questionnaire_id)
        title = (
            questionnaire.title.get(content_language(questionnaire, lang))
            if questionnaire
            else assessment.questionnaire_id
        )
        link = (
            f"/results?questionnaire={assessment.questionnaire_id}"
            f"&assessment={assessment.id}&lang={lang}"
        )
        result = _result_text(found, assessment, list(answers.values()), lang)
        rows.append(
            {
                t("col_date", lang): assessment.assessed_on,
                t("col_questionnaire", lang): title,
                t("col_result", lang): result,
                t("col_respondents", lang): len(answers),
                t("col_status", lang): t(f"status_{assessment.status}", lang),
                t("col_open", lang): link,
            }
        )
    rows.reverse()  # newest first
    return [a for a, _ in history], rows


@functools.lru_cache(maxsize=16)
def results_by_assessment(
    url: str, organization: Organization, version: tuple[object, ...]
) -> dict[int, tuple[Assessment, Result]]:
    """Every scored assessment of the organisation (cached like the history table)."""
    del url, version  # cache key only
    found = catalog()
    scored: dict[int, tuple[Assessment, Result]] = {}
    for assessment, answers in storage().history(organization):
        questionnaire = found.get(assessment.questionnaire_id)
        if questionnaire is not None and answers:
            scored[assessment.id] = (assessment, score(questionnaire, list(answers.values())))
    return scored
