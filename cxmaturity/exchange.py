"""An organisation's whole record in and out: versioned JSON, and a CSV of all answers.

Export format (``format: cxmaturity-organization``, ``version: 1``)::

    {"format": "cxmaturity-organization", "version": 1,
     "organization": {"name": "Acme S.A."},
     "assessments": [{"key": 1, "questionnaire": "avaya-capability-grid",
                      "questionnaire_version": "1", "assessed_on": "2026-11-22",
                      "language": "es", "status": "final", "previous": null,
                      "responses": [{"respondent": "Ana", "item": "billing",
                                     "current": "2", "ideal": "4", "note": "..."}],
                      "plan": [{"capability": "billing", "suggestion": "billing-paperless", ...}],
                      "kpis": {"nps": 31.5}}]}

An import is untrusted input: it is parsed with the same safe reader as every other
file and validated in full (structure, limits, every answer against its questionnaire,
references between assessments) before anything is written; the service then writes
it in one transaction, so an invalid or hostile file changes nothing. This module is
the format only: it never touches the database.
"""

from __future__ import annotations

import csv
import io
import re
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field

from .errors import InvalidInput
from .loader import Catalog, document_as, parse
from .model import (
    NOT_APPLICABLE,
    Answers,
    LocatedMessage,
    SaneDate,
    Slug,
    Strict,
    answer_problems,
    as_grid,
    kpi_value_problems,
)
from .planning import PlanItem, plan_problems
from .records import LEGACY_KPI_IDS, Assessment, Organization, clean_name

FORMAT = "cxmaturity-organization"
VERSION = 1
MAX_IMPORT_BYTES = 2 * 1024 * 1024  # bounded memory: a 2 MiB file peaks under 300 MB
Short = Annotated[str, Field(max_length=300)]
# A KPI id of the KPI catalogue; files written before it used two other names.
KpiId = Annotated[
    Slug, BeforeValidator(lambda v: LEGACY_KPI_IDS.get(v, v) if isinstance(v, str) else v)
]
LevelText = Annotated[str, Field(pattern=r"^(-?\d{1,6}|n/a)$")]


class ResponseRecord(Strict):
    respondent: Short = ""
    item: Slug
    choice: Annotated[str, Field(max_length=100)] | None = None
    current: LevelText | None = None
    ideal: LevelText | None = None
    note: Annotated[str, Field(max_length=5000)] | None = None


class AssessmentRecord(Strict):
    key: int
    questionnaire: Slug
    questionnaire_version: Annotated[str, Field(max_length=40)]
    assessed_on: SaneDate
    language: Annotated[str, Field(pattern=r"^[a-z]{2}$")]
    status: Literal["draft", "final"] = "draft"
    previous: int | None = None
    responses: list[ResponseRecord] = Field(default_factory=list, max_length=100_000)
    plan: list[PlanItem] = Field(default_factory=list, max_length=500)
    kpis: dict[KpiId, Annotated[float, Field(allow_inf_nan=False)]] = Field(default_factory=dict)


class OrganizationName(Strict):
    name: Annotated[str, Field(min_length=1, max_length=300)]


class OrganizationRecord(Strict):
    format: Literal["cxmaturity-organization"]
    version: Literal[1]
    organization: OrganizationName
    assessments: list[AssessmentRecord] = Field(default_factory=list, max_length=1000)


# ------------------------------------------------------------------------ export


def organization_record(
    organization: Organization,
    rounds: list[tuple[Assessment, dict[str, Answers], list[PlanItem], dict[str, float]]],
) -> dict[str, Any]:
    """The organisation's record, ready for ``json.dumps``: each assessment with its
    answers (respondent -> answers), plan and KPIs."""
    assessments = []
    for assessment, team, plan, kpis in rounds:
        responses = []
        for respondent, answers in team.items():
            for item, value in answers.answers.items():
                record: dict[str, Any] = {"respondent": respondent, "item": item}
                if isinstance(value, str):
                    record["choice"] = value
                elif value is not None:
                    record |= {
                        "current": None if value.current is None else str(value.current),
                        "ideal": None if value.ideal is None else str(value.ideal),
                        "note": value.note,
                    }
                responses.append({k: v for k, v in record.items() if v is not None})
        assessments.append(
            {
                "key": assessment.id,
                "questionnaire": assessment.questionnaire_id,
                "questionnaire_version": assessment.questionnaire_version,
                "assessed_on": assessment.assessed_on.isoformat(),
                "language": assessment.language,
                "status": assessment.status,
                "previous": assessment.previous_id,
                "responses": responses,
                "plan": [i.model_dump(mode="json", exclude_defaults=True) for i in plan],
                "kpis": kpis,
            }
        )
    return {
        "format": FORMAT,
        "version": VERSION,
        "organization": {"name": organization.name},
        "assessments": assessments,
    }


# ------------------------------------------------------------------------ import


def validate_import(
    raw: bytes, name: str, catalog: Catalog, existing: set[str], rename: str | None = None
) -> tuple[OrganizationRecord, str]:
    """The whole file checked (structure, limits, every answer against its
    questionnaire, references, the name not in ``existing``): the record and the name
    it is imported under, or :class:`InvalidInput` with every problem."""
    doc = parse(raw, name, max_bytes=MAX_IMPORT_BYTES)
    record = document_as(doc, OrganizationRecord)
    problems = [doc.problem(loc, message) for loc, message in _record_problems(record, catalog)]
    target = clean_name(rename or record.organization.name)
    if target in existing:
        message = f"an organisation called {target!r} already exists; nothing was imported"
        problems.append(doc.problem(("organization", "name"), message))
    if problems:
        raise InvalidInput(sorted(problems, key=lambda p: p.line or 0))
    return record, target


def _record_problems(record: OrganizationRecord, catalog: Catalog) -> list[LocatedMessage]:
    found: list[LocatedMessage] = []
    keys: set[int] = set()
    for index, assessment in enumerate(record.assessments):
        loc = ("assessments", index)
        if assessment.key in keys:
            found.append(((*loc, "key"), f"duplicate key {assessment.key}"))
        if assessment.previous is not None and assessment.previous not in keys:
            message = f"previous {assessment.previous} is not an earlier assessment of this file"
            found.append(((*loc, "previous"), message))
        keys.add(assessment.key)
        found += [
            ((*loc, *sub), message) for sub, message in _assessment_problems(assessment, catalog)
        ]
    return found


def _assessment_problems(record: AssessmentRecord, catalog: Catalog) -> list[LocatedMessage]:
    questionnaire = catalog.get(record.questionnaire)
    if questionnaire is None:
        return [(("questionnaire",), f"unknown questionnaire {record.questionnaire!r}")]
    found: list[LocatedMessage] = [
        (("kpis", name) if name else ("kpis",), problem)
        for name, problem in kpi_value_problems(catalog.kpis, record.kpis).items()
    ]
    seen: dict[tuple[str, str], int] = {}
    by_respondent: dict[str, dict[str, Any]] = {}
    for index, response in enumerate(record.responses):
        key = (response.respondent, response.item)
        if key in seen:
            message = f"{response.respondent!r} answers {response.item!r} twice"
            found.append((("responses", index), message))
        seen[key] = index
        by_respondent.setdefault(response.respondent, {})[response.item] = _value(response)
    for respondent, values in by_respondent.items():
        try:
            answers = Answers.model_validate({"questionnaire": questionnaire.id, "answers": values})
        except ValueError as error:
            found.append((("responses",), f"{respondent!r}: {error}"))
            continue
        for loc, message in answer_problems(answers, questionnaire):
            item = loc[1] if len(loc) > 1 else ""
            index = seen.get((respondent, str(item)), 0)
            found.append((("responses", index), message))
    grid = as_grid(questionnaire)
    if record.plan and grid is None:
        found.append((("plan",), "only a capability grid has an initiatives plan"))
    elif record.plan and grid is not None:
        found += plan_problems(record.plan, grid)
    return found


def _value(response: ResponseRecord) -> Any:
    if response.current is None and response.ideal is None and response.note is None:
        return response.choice
    return {
        "current": _level(response.current),
        "ideal": _level(response.ideal),
        "note": response.note,
    }


def _level(text: str | None) -> int | str | None:
    if text is None or text == NOT_APPLICABLE:
        return text
    return int(text)


# --------------------------------------------------------------------------- CSV

_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")
CSV_COLUMNS = (
    "organization", "assessment", "questionnaire", "questionnaire_version", "assessed_on",
    "language", "status", "respondent", "item", "choice", "current", "ideal", "note",
)  # fmt: skip


def _cell(value: Any) -> str:
    """A cell a spreadsheet shows as text: typed text never becomes a formula."""
    text = "" if value is None else str(value)
    if text[:1] in ("=", "+", "-", "@", "\t", "\r") and not _NUMBER.match(text):
        return "'" + text
    return text


def answers_csv_text(organization: Organization, record: dict[str, Any]) -> str:
    """Every answer of an organisation's record (:func:`organization_record`), one row each."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for assessment in record["assessments"]:
        head = [
            organization.name, assessment["key"], assessment["questionnaire"],
            assessment["questionnaire_version"], assessment["assessed_on"],
            assessment["language"], assessment["status"],
        ]  # fmt: skip
        for response in assessment["responses"]:
            tail = [response.get(k) for k in CSV_COLUMNS[7:]]
            writer.writerow([_cell(v) for v in (*head, *tail)])
    return out.getvalue()
