"""The history table of an organisation (the service caches it until the data changes)."""

from __future__ import annotations

from cxmaturity.i18n import t
from cxmaturity.records import Assessment, Organization
from cxmaturity.services.access import Actor
from cxmaturity.services.organizations import results_link
from cxmaturity.ui.backend import services


def history_rows(
    actor: Actor, organization: Organization, lang: str
) -> tuple[list[Assessment], list[dict[str, object]]]:
    """The assessments (oldest first) and the history table's rows (newest first)."""
    entries = services().history.entries(actor, organization, lang)
    rows = [
        {
            t("col_date", lang): e.assessment.assessed_on,
            t("col_questionnaire", lang): e.title,
            t("col_result", lang): e.result,
            t("col_respondents", lang): e.respondents,
            t("col_status", lang): e.status,
            t("col_open", lang): f"{results_link(e.assessment)}&lang={lang}",
        }
        for e in entries
    ]
    return [e.assessment for e in reversed(entries)], rows
