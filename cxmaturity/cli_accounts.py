"""Command-line verbs for accounts and access (``access.md``): ``users``, ``orgs`` and
``assessments import``. They use the app's database (the settings' URL) through the
services, so every rule the app applies applies here too."""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from pathlib import Path
from typing import Any, TextIO

from .records import ACCESS_LEVELS, ROLES, clean_name


class CommandError(Exception):
    """Invalid input for an account verb (exit status 1, nothing changed)."""


def add_verbs(verbs: Any) -> None:
    """The ``users``, ``orgs`` and ``assessments`` verbs, on the main parser's subparsers."""
    users = verbs.add_parser("users", help="accounts: add, list, set-role, password, disable")
    user_verbs = users.add_subparsers(dest="action", required=True, metavar="ACTION")
    add = user_verbs.add_parser("add", help="a new account (password on standard input)")
    add.add_argument("email")
    add.add_argument("--role", required=True, choices=ROLES)
    add.add_argument("--name", default="")
    listing = user_verbs.add_parser("list", help="every account: email and role")
    listing.add_argument("--json", action="store_true")
    role = user_verbs.add_parser("set-role", help="change an account's role")
    role.add_argument("email")
    role.add_argument("role", choices=ROLES)
    password = user_verbs.add_parser("password", help="set a new password (standard input)")
    password.add_argument("email")
    disable = user_verbs.add_parser("disable", help="the account can no longer sign in")
    disable.add_argument("email")

    orgs = verbs.add_parser("orgs", help="organisations: list what an account sees, share")
    org_verbs = orgs.add_subparsers(dest="action", required=True, metavar="ACTION")
    visible = org_verbs.add_parser("list", help="the organisations an account may see")
    visible.add_argument("--user", required=True, metavar="EMAIL")
    visible.add_argument("--json", action="store_true")
    share = org_verbs.add_parser("share", help="share an organisation with another account")
    share.add_argument("organization", metavar="ORGANIZATION")
    share.add_argument("--owner", required=True, metavar="EMAIL")
    share.add_argument("--with", dest="other", required=True, metavar="EMAIL")
    share.add_argument("--as", dest="access", required=True, choices=ACCESS_LEVELS)

    assessments = verbs.add_parser("assessments", help="store answers files as assessments")
    assessment_verbs = assessments.add_subparsers(dest="action", required=True, metavar="ACTION")
    load = assessment_verbs.add_parser("import", help="answers files -> saved assessments")
    load.add_argument("answers", nargs="+", type=Path, metavar="ANSWERS")
    load.add_argument("--owner", required=True, metavar="EMAIL")
    load.add_argument("--catalog", action="append", type=Path, default=[], metavar="DIR")


def run(args: argparse.Namespace, out: TextIO, stdin: TextIO | None = None) -> int:
    """Carry out an account verb; raises :class:`CommandError` for invalid input."""
    from .services.access import NotAllowed, NotFoundOrNotYours
    from .services.accounts import AccountError

    try:
        handler = {"users": _users, "orgs": _orgs, "assessments": _assessments}[args.verb]
        handler(args, out, stdin or sys.stdin)
    except (AccountError, NotAllowed, NotFoundOrNotYours, ValueError) as error:
        raise CommandError(str(error)) from None
    return 0


def open_services() -> Any:
    from .config import load_settings
    from .services import Services

    return Services.open(load_settings())


def _password(stdin: TextIO) -> str:
    """The first line of standard input, or a prompt without echo on a terminal."""
    if not stdin.isatty():
        return stdin.readline().rstrip("\r\n")
    first = getpass.getpass("Password: ")
    if getpass.getpass("Password again: ") != first:
        raise CommandError("the two passwords differ")
    return first


def _users(args: argparse.Namespace, out: TextIO, stdin: TextIO) -> None:
    accounts = open_services().accounts
    who = "command line"
    if args.action == "add":
        account = accounts.add(args.email, _password(stdin), args.role, args.name, actor=who)
        out.write(f"{account.email}\t{account.role}\n")
    elif args.action == "list":
        found = accounts.all(actor="command line")
        if args.json:
            rows = [{"email": a.email, "role": a.role, "name": a.name, "active": a.active}
                    for a in found]  # fmt: skip
            out.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
        else:
            out.writelines(f"{a.email}\t{a.role}\n" for a in found)
    elif args.action == "set-role":
        account = accounts.set_role(args.email, args.role, actor=who)
        out.write(f"{account.email}\t{account.role}\n")
    elif args.action == "password":
        accounts.set_password(args.email, _password(stdin), actor=who)
        out.write(f"{args.email.strip().lower()}: password changed\n")
    else:
        account = accounts.disable(args.email, actor=who)
        out.write(f"{account.email}: disabled\n")


def actor_for(services: Any, email: str) -> Any:
    from .services.access import Actor

    account = services.accounts.with_email(email)
    if account is None:
        raise CommandError(f"no account {email.strip().lower()!r}")
    if not account.active:
        raise CommandError(f"the account {account.email!r} is disabled")
    return Actor(account)


def _orgs(args: argparse.Namespace, out: TextIO, _stdin: TextIO) -> None:
    services = open_services()
    if args.action == "list":
        visible = services.organizations.visible(actor_for(services, args.user))
        if args.json:
            rows = [{"name": o.name, "access": access, "id": o.public_id} for o, access in visible]
            out.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
        else:
            out.writelines(f"{o.name}\t{access}\n" for o, access in visible)
        return
    owner = actor_for(services, args.owner)
    name = clean_name(args.organization)
    shared = [o for o, access in services.organizations.visible(owner)
              if o.name == name and access in ("owner", "admin")]  # fmt: skip
    if not shared:
        raise CommandError(f"{args.owner} owns no organisation called {name!r}")
    services.organizations.share(owner, shared[0], args.other, args.access)
    out.write(f"{shared[0].name}\t{args.other.strip().lower()}\t{args.access}\n")


def _assessments(args: argparse.Namespace, out: TextIO, _stdin: TextIO) -> None:
    from .config import BUNDLED_KPIS, catalog_dir
    from .errors import InvalidInput, Problem
    from .loader import Catalog, answers_from, read

    for folder in args.catalog:
        if not folder.is_dir():
            raise CommandError(f"--catalog {folder}: not a folder")
    services = open_services()
    owner = actor_for(services, args.owner)
    catalog = Catalog.lazy([catalog_dir(), *args.catalog], BUNDLED_KPIS)
    documents, problems = [], []
    for path in args.answers:
        try:
            documents.append(answers_from(read(path), catalog))
        except InvalidInput as error:
            problems += error.problems
            continue
        if not (documents[-1][0].organization or "").strip():
            problems.append(Problem(str(path), None, "organization", "names no organisation"))
    if problems:
        raise InvalidInput(problems)
    for done in services.organizations.import_answers(owner, documents):
        questionnaire = done.assessment.questionnaire_id
        out.write(f"{done.organization.name}\t{questionnaire}\t{done.link}\n")
