"""The history table of an organisation (the service caches it until the data changes)."""

from __future__ import annotations

from cxmaturity.i18n import t
from cxmaturity.records import Assessment, Organization
from cxmaturity.ui.backend import services


def results_link(assessment: Assessment, lang: str) -> str:
    """The Results page of a stored assessment."""
    return (
        f"/results?questionnaire={assessment.questionnaire_id}"
        f"&assessment={assessment.id}&lang={lang}"
    )


def history_rows(
    organization: Organization, lang: str, version: tuple[object, ...]
) -> tuple[list[Assessment], list[dict[str, object]]]:
    """The assessments (oldest first) and the history table's rows (newest first)."""
    entries = services().history.entries(organization, lang, version)
    rows = [
        {
            t("col_date", lang): e.assessment.assessed_on,
            t("col_questionnaire", lang): e.title,
            t("col_result", lang): e.result,
            t("col_respondents", lang): e.respondents,
            t("col_status", lang): e.status,
            t("col_open", lang): results_link(e.assessment, lang),
        }
        for e in entries
    ]
    return [e.assessment for e in reversed(entries)], rows
