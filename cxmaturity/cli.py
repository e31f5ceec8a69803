"""Command line: ``python -m cxmaturity validate | score | report | export | schema`` and
account verbs ``users | orgs | assessments`` (:mod:`cxmaturity.cli_accounts`).

Exit status: 0 success, 1 invalid input (every problem on stderr as
``PATH:LINE: LOCATION: MESSAGE``, nothing written), 2 wrong usage. Heavy libraries
(streamlit, altair, pandas, fpdf2) are never imported by ``validate`` or ``score``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

from .cli_accounts import CommandError, add_verbs, run
from .config import BUNDLED_KPIS, catalog_dir, load_settings
from .errors import InvalidInput, Problem, counted
from .fileio import write_atomic
from .loader import (
    Catalog,
    Document,
    answers_from,
    is_answers,
    is_kpis,
    kpis_from,
    load_plan,
    questionnaire_files,
    questionnaire_from,
    read,
)
from .model import Answers, Grid, KpiCatalogue, Quiz, questionnaire_schema
from .scoring import Result, score
from .textout import render_result

OK, INVALID, USAGE = 0, 1, 2


class UsageError(Exception):
    """Wrong usage of the command line (exit status 2)."""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m cxmaturity",
        description="Customer-experience maturity questionnaires: validate, score, report.",
    )
    verbs = parser.add_subparsers(dest="verb", required=True, metavar="VERB")
    validate = verbs.add_parser("validate", help="check questionnaire (and answers) files")
    validate.add_argument("paths", nargs="*", type=Path, metavar="PATH")
    validate.add_argument("--catalog", action="append", type=Path, default=[], metavar="DIR")
    score_cmd = verbs.add_parser("score", help="score answers files (several = one team)")
    score_cmd.add_argument("answers", nargs="+", type=Path, metavar="ANSWERS")
    score_cmd.add_argument("--catalog", action="append", type=Path, default=[], metavar="DIR")
    score_cmd.add_argument("--json", action="store_true", help="machine-readable output")
    score_cmd.add_argument("--lang", metavar="CODE", help="language of the output")
    _output_verb(verbs, "report", "write the gap-and-initiatives PDF", "OUT.pdf")
    _output_verb(
        verbs, "export", "write the same content as a deck or a workbook", "OUT.pptx|OUT.xlsx"
    )
    verbs.add_parser("schema", help="print the JSON Schema of the questionnaire format")
    add_verbs(verbs)
    return parser


def _output_verb(verbs: Any, name: str, help_text: str, output: str) -> None:
    """``report`` and ``export``: from answers files, or from stored organisations."""
    verb = verbs.add_parser(name, help=help_text)
    verb.add_argument("answers", nargs="*", type=Path, metavar="ANSWERS")
    verb.add_argument("-o", "--output", required=True, type=Path, metavar=output)
    verb.add_argument("--catalog", action="append", type=Path, default=[], metavar="DIR")
    verb.add_argument("--lang", metavar="CODE", help="language of the output")
    verb.add_argument("--plan", type=Path, metavar="FILE", help="the team's initiatives plan")
    verb.add_argument(
        "--branding", type=Path, metavar="FILE", help="firm, logo and colour (branding.yaml)"
    )
    verb.add_argument(
        "--organization",
        action="append",
        default=[],
        metavar="ID",
        help="a stored organization's id (orgs list --json): its latest round, instead of "
        "answers files; repeat it for several (-o is then a folder)",
    )
    verb.add_argument("--user", metavar="EMAIL", help="whose rights apply (with --organization)")
    verb.add_argument(
        "--benchmark",
        action="store_true",
        help="add the private benchmark (with --organization; at least 5 other organizations)",
    )
    if name == "export":
        verb.add_argument(
            "--format", choices=("pptx", "xlsx"), help="with several organizations (-o a folder)"
        )


def main(
    argv: Sequence[str] | None = None, out: TextIO | None = None, err: TextIO | None = None
) -> int:
    """Run the command line; returns the exit status."""
    out = out or sys.stdout
    err = err or sys.stderr
    args = _parser().parse_args(argv)
    try:
        if args.verb == "validate":
            return _validate(args.paths, args.catalog, out, err)
        if args.verb == "score":
            return _score(args, out)
        if args.verb in ("report", "export"):
            if args.organization:
                return _stored(args, out)
            return _report(args, out)
        if args.verb in ("users", "orgs", "assessments"):
            return run(args, out)
        out.write(json.dumps(questionnaire_schema(), indent=2, ensure_ascii=False) + "\n")
        return OK
    except InvalidInput as error:
        _print_problems(error.problems, err)
        return INVALID
    except CommandError as error:
        err.write(f"python -m cxmaturity {args.verb}: {error}\n")
        return INVALID
    except UsageError as error:
        err.write(f"python -m cxmaturity {args.verb}: error: {error}\n")
        return USAGE


def _print_problems(problems: Sequence[Problem], err: TextIO) -> None:
    for problem in problems:
        err.write(f"{problem}\n")


def _catalog(extra: Sequence[Path], check_kpis: bool = True) -> Catalog:
    for folder in extra:
        if not folder.is_dir():
            raise UsageError(f"--catalog {folder}: not a folder")
    return Catalog.lazy([catalog_dir(), *extra], BUNDLED_KPIS, check_kpis)


# ------------------------------------------------------------------------ validate


def _validate(paths: Sequence[Path], extra: Sequence[Path], out: TextIO, err: TextIO) -> int:
    files = list(questionnaire_files(paths or [catalog_dir()]))
    if not files:
        where = ", ".join(str(p) for p in paths or [catalog_dir()])
        raise InvalidInput([Problem(where, None, "(file)", "no .yaml or .yml files found")])
    documents, problems = [], []
    for path in files:
        try:
            documents.append(read(path))
        except InvalidInput as error:
            problems += error.problems
    # The KPI catalogue first (the grids' initiatives name its KPIs), then the
    # questionnaires, so that answers files given in the same run can use them.
    catalog = _catalog(extra)
    kpis = catalog.kpis
    for doc in [d for d in documents if is_kpis(d)]:
        try:
            kpis = kpis_from(doc)
        except InvalidInput as error:
            problems += error.problems
    checked_ids: dict[str, str] = {}
    for doc in [d for d in documents if not is_answers(d) and not is_kpis(d)]:
        problems += _check_questionnaire(doc, catalog, checked_ids, kpis)
    for doc in [d for d in documents if is_answers(d)]:
        try:
            answers_from(doc, catalog)
        except InvalidInput as error:
            problems += error.problems
    _print_problems(problems, err)
    invalid = len({p.path for p in problems})
    out.write(f"{counted(len(files), 'file')} checked: {len(files) - invalid} valid, "
              f"{invalid} invalid\n")  # fmt: skip
    return INVALID if problems else OK


def _check_questionnaire(
    doc: Document, catalog: Catalog, checked: dict[str, str], kpis: KpiCatalogue | None
) -> list[Problem]:
    try:
        questionnaire = questionnaire_from(doc, kpis)
    except InvalidInput as error:
        return error.problems
    if questionnaire.id in checked:
        message = (
            f"duplicate questionnaire id {questionnaire.id!r} (also in {checked[questionnaire.id]})"
        )
        return [doc.problem(("id",), message)]
    checked[questionnaire.id] = doc.path
    catalog.questionnaires[questionnaire.id] = questionnaire  # the file given wins
    return []


# --------------------------------------------------------------------------- score


def load_teams(paths: Sequence[Path], catalog: Catalog) -> list[tuple[Quiz | Grid, list[Answers]]]:
    """Answers files grouped by questionnaire (in first-seen order); all problems at once."""
    teams: dict[str, tuple[Quiz | Grid, list[Answers]]] = {}
    problems: list[Problem] = []
    for path in paths:
        try:
            answers, questionnaire = answers_from(read(path), catalog)
        except InvalidInput as error:
            problems += error.problems
            continue
        teams.setdefault(questionnaire.id, (questionnaire, []))[1].append(answers)
    if problems:
        raise InvalidInput(problems)
    return list(teams.values())


def _check_lang(lang: str | None, teams: Sequence[tuple[Quiz | Grid, list[Answers]]]) -> None:
    for questionnaire, _ in teams:
        if lang and lang not in questionnaire.languages:
            offered = ", ".join(questionnaire.languages)
            raise UsageError(f"--lang {lang}: {questionnaire.id} is offered in {offered}")


def _score(args: argparse.Namespace, out: TextIO) -> int:
    catalog = _catalog(args.catalog, check_kpis=False)  # a score needs no KPI
    teams = load_teams(args.answers, catalog)
    _check_lang(args.lang, teams)
    results: list[tuple[Quiz | Grid, Result]] = [(q, score(q, team)) for q, team in teams]
    if args.json:
        payload = [r.to_json() for _, r in results]
        body = payload[0] if len(payload) == 1 else payload
        out.write(json.dumps(body, indent=2, ensure_ascii=False) + "\n")
        return OK
    texts = [render_result(q, r, args.lang or q.default_language) for q, r in results]
    out.write("\n\n".join(texts) + "\n")
    return OK


# -------------------------------------------------------------------------- report


def _kind(args: argparse.Namespace, output: Path) -> str:
    """The output's format: ``report`` writes a PDF; ``export`` a deck or a workbook,
    chosen by the output's extension (or ``--format`` for a folder)."""
    if args.verb == "report":
        if output.suffix.lower() != ".pdf" and not output.is_dir():
            raise UsageError(f"-o {output}: the report is a .pdf file")
        return "pdf"
    if output.is_dir():
        if args.format is None:
            raise UsageError(f"-o {output} is a folder: give --format pptx or xlsx")
        return str(args.format)
    kind = output.suffix.lower().lstrip(".")
    if kind not in ("pptx", "xlsx"):
        raise UsageError(f"-o {output}: export writes a .pptx or an .xlsx file")
    return kind


def _report(args: argparse.Namespace, out: TextIO) -> int:
    from .branding import load_branding  # the PDF stack loads only for this verb
    from .services.reports import answers_report

    output: Path = args.output
    if output.is_dir() or not output.parent.is_dir():
        raise UsageError(f"-o {output}: not a file in an existing folder")
    if not args.answers:
        raise UsageError("give answers files, or --organization ID with --user EMAIL")
    if args.user or args.benchmark:
        raise UsageError("--user and --benchmark go with --organization (stored organizations)")
    kind = _kind(args, output)
    catalog = _catalog(args.catalog)
    teams = load_teams(args.answers, catalog)
    _check_lang(args.lang, teams)
    plan_items = None
    if args.plan is not None:
        document, grid = load_plan(args.plan, catalog)
        if grid.id not in {q.id for q, _ in teams}:
            raise UsageError(f"--plan {args.plan}: no answers for {grid.id} were given")
        plan_items = document.plan
    if args.branding is not None and not args.branding.is_file():
        raise UsageError(f"--branding {args.branding}: no such file")
    branding = load_branding(args.branding or load_settings().branding_path)
    lang = args.lang or teams[0][0].default_language
    body = answers_report(
        teams, lang, plan_items=plan_items, branding=branding, catalogue=catalog.kpis, kind=kind
    )
    write_atomic(output, body)
    out.write(f"{output}: {counted(len(teams), 'questionnaire')}, {_NAMES[kind]} in {lang}\n")
    return OK


_NAMES = {"pdf": "report", "pptx": "deck", "xlsx": "workbook"}


def _stored(args: argparse.Namespace, out: TextIO) -> int:
    """The latest round of each stored organisation named by its id, as the account
    ``--user`` may see it (the server's branding and stored plan). Every organisation is
    checked before anything is written: one refused means nothing is written."""
    from .cli_accounts import actor_for, open_services
    from .services.access import NotFoundOrNotYours

    if args.answers or args.plan or args.branding or args.catalog:
        raise UsageError("--organization reads stored answers: no ANSWERS, --plan, --branding "
                         "or --catalog")  # fmt: skip
    if not args.user:
        raise UsageError("--organization needs --user EMAIL (whose rights apply)")
    output: Path = args.output
    several = len(args.organization) > 1
    if several and not output.is_dir():
        raise UsageError(f"-o {output}: with several organizations, an existing folder")
    if not several and (output.is_dir() or not output.parent.is_dir()):
        raise UsageError(f"-o {output}: not a file in an existing folder")
    kind = _kind(args, output)
    services = open_services()
    actor = actor_for(services, args.user)
    rounds = []
    for public_id in dict.fromkeys(args.organization):
        try:
            organization, latest = services.reports.latest_round(actor, public_id)
        except NotFoundOrNotYours:
            raise CommandError(f"--organization {public_id}: not found or not yours") from None
        if latest is None:
            raise CommandError(f"--organization {public_id}: {organization.name} has no "
                               "assessment yet")  # fmt: skip
        rounds.append((organization, latest))
    for organization, latest in rounds:
        lang = args.lang or latest.language
        body = services.reports.round_report(actor, latest, organization.name, lang, kind=kind,
                                             with_benchmark=args.benchmark)  # fmt: skip
        target = output / _file_name(organization.name, latest.assessed_on, kind) if several \
            else output  # fmt: skip
        write_atomic(target, body)
        out.write(f"{target}: {organization.name}, {latest.assessed_on.isoformat()}, "
                  f"{_NAMES[kind]} in {lang}\n")  # fmt: skip
    return OK


def _file_name(name: str, day: dt.date, kind: str) -> str:
    """A safe file name for an organisation's output: ``acme-telecom-2026-06-01.pdf``."""
    slug = "".join(ch if ch.isalnum() else "-" for ch in name.casefold()).strip("-")
    slug = "-".join(part for part in slug.split("-") if part)[:60] or "organization"
    return f"{slug}-{day.isoformat()}.{kind}"
