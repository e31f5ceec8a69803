"""The shape of the code, checked (see docs/architecture.md).

Layers, from the bottom: the engine (pure: questionnaires, scoring, plans, charts, the
PDF, formats), the database (tables, repository, unit of work), the services (use
cases), and on top the UI (Streamlit) and the command line. Each may import only from
below; nothing imports a private name of another module; there is no import circle;
quiz and grid are told apart in one place.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from .conftest import ROOT

PACKAGE = ROOT / "cxmaturity"
ENGINE = {
    "model", "scoring", "planning", "team", "compare", "charts", "report", "textout", "metrics", "pdf_charts", "palette", "guide", "narrative",
    "i18n", "branding", "loader", "exchange", "fileio", "errors", "records", "benchmark",
    "outcomes", "portfolio", "sections", "slides", "workbook",
}  # fmt: skip
# isinstance(x, Quiz | Grid | QuizResult | GridResult) is the engine's dispatch: here only.
DISPATCH = {"cxmaturity/model.py", "cxmaturity/scoring.py"}
KINDS = {"Quiz", "Grid", "QuizResult", "GridResult"}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


SOURCES = {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}
SOURCES["app"] = ROOT / "app.py"


def _layer(module: str) -> str:
    parts = module.split(".")
    if module == "app" or parts[1:2] == ["ui"]:
        return "ui"
    if len(parts) == 1:
        return "package"
    if parts[1] in ENGINE:
        return "engine"
    return {"db": "db", "migrations": "db", "services": "services", "config": "config"}.get(
        parts[1], "cli"
    )


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(module: str) -> list[tuple[str, list[str], bool]]:
    """(imported module, names, only for type checking) for every import statement."""
    path = SOURCES[module]
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: list[tuple[str, list[str], bool]] = []

    def visit(node: ast.AST, typing_only: bool) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and _is_type_checking(child):
                for inner in child.body:
                    visit_one(inner, True)
                for inner in child.orelse:
                    visit_one(inner, typing_only)
            else:
                visit_one(child, typing_only)

    def visit_one(node: ast.AST, typing_only: bool) -> None:
        if isinstance(node, ast.Import):
            found.extend((alias.name, [], typing_only) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            names = [a.name for a in node.names]
            if node.module is None:  # from . import x: each name is a module
                found.extend((f"{target}.{n}", [], typing_only) for n in names)
            else:
                found.append((target, names, typing_only))
        visit(node, typing_only)

    visit(ast.parse(path.read_text(encoding="utf-8")), False)
    return found


IMPORTS = {m: _imports(m) for m in SOURCES}


def _ours(target: str) -> str | None:
    """The module of ours that ``target`` names (a package counts as its __init__)."""
    while target and target not in SOURCES:
        target = target.rpartition(".")[0]
    return target or None


FORBIDDEN = {
    # layer: modules (of ours, by layer) and libraries it must never import
    "engine": ({"ui", "services", "db", "config", "cli"}, {"streamlit", "sqlalchemy", "alembic"}),
    "db": ({"ui", "services", "cli"}, {"streamlit"}),
    "services": ({"ui", "cli"}, {"streamlit"}),
    "config": ({"ui", "services", "db", "engine", "cli"}, {"streamlit"}),
    "ui": ({"db"}, {"sqlalchemy", "alembic", "psycopg"}),
    "cli": ({"ui", "db"}, {"streamlit", "sqlalchemy"}),
}


@pytest.mark.parametrize("module", sorted(m for m in SOURCES if _layer(m) in FORBIDDEN))
def test_each_layer_imports_only_what_is_below_it(module):
    layer = _layer(module)
    ours_forbidden, libraries = FORBIDDEN[layer]
    wrong = []
    for target, _, _ in IMPORTS[module]:
        mine = _ours(target)
        if mine is not None and _layer(mine) in ours_forbidden:
            wrong.append(target)
        if mine is None and target.split(".")[0] in libraries:
            wrong.append(target)
    assert not wrong, f"{module} ({layer}) must not import {wrong}"


def test_the_ui_never_opens_the_database_or_builds_rows():
    tables = ast.parse((PACKAGE / "db" / "tables.py").read_text(encoding="utf-8"))
    rows = {n.name for n in tables.body if isinstance(n, ast.ClassDef)}
    assert "ResponseRow" in rows
    ui = [m for m in SOURCES if _layer(m) == "ui"]
    assert len(ui) > 20
    for module in ui:
        text = SOURCES[module].read_text(encoding="utf-8")
        for word in ("cxmaturity.db", "Database", "UnitOfWork", "Repository", *rows):
            assert word not in text, f"{module} mentions {word}"


def test_no_module_imports_a_private_name_of_another():
    wrong = []
    for module, imports in IMPORTS.items():
        for target, names, _ in imports:
            mine = _ours(target)
            private = [n for n in names if n.startswith("_") and not n.startswith("__")]
            if mine is not None and mine != module and private:
                wrong.append(f"{module}: from {target} import {', '.join(private)}")
    assert not wrong


def test_no_module_reaches_into_a_private_attribute_of_another():
    wrong = []
    for module, path in SOURCES.items():
        aliases = {n.split(".")[-1] for t, names, _ in IMPORTS[module] for n in names} | {
            t.split(".")[-1] for t, names, _ in IMPORTS[module] if not names
        }
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Attribute)
                and isinstance(node.value, ast.Name)
                and node.value.id in aliases
                and node.attr.startswith("_")
                and not node.attr.startswith("__")
            ):
                wrong.append(f"{module}:{node.lineno}: {node.value.id}.{node.attr}")
    assert not wrong


def _cycles() -> list[list[str]]:
    graph = {
        m: sorted({o for t, _, typing in IMPORTS[m] if not typing and (o := _ours(t)) and o != m})
        for m in SOURCES
    }
    cycles: list[list[str]] = []
    state: dict[str, int] = {}  # 1: on the path, 2: done

    def walk(node: str, path: list[str]) -> None:
        state[node] = 1
        for nxt in graph[node]:
            if state.get(nxt) == 1:
                cycles.append([*path[path.index(nxt) :], nxt])
            elif nxt not in state:
                walk(nxt, [*path, nxt])
        state[node] = 2

    for module in graph:
        if module not in state:
            walk(module, [module])
    return cycles


def test_no_import_circle():
    assert _cycles() == []


def test_the_circle_check_can_fail():
    IMPORTS["cxmaturity.model"].append(("cxmaturity.scoring", ["score"], False))
    try:
        assert _cycles()
    finally:
        IMPORTS["cxmaturity.model"].pop()


def _kind_checks(path: Path) -> list[int]:
    """Lines with isinstance(..., Quiz | Grid | QuizResult | GridResult)."""
    lines = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id == "isinstance"
            and len(node.args) == 2
        ):
            named = {n.id for n in ast.walk(node.args[1]) if isinstance(n, ast.Name)}
            named |= {n.attr for n in ast.walk(node.args[1]) if isinstance(n, ast.Attribute)}
            if named & KINDS:
                lines.append(node.lineno)
    return lines


def test_quiz_and_grid_are_told_apart_only_in_the_engines_dispatch():
    wrong = {}
    for path in SOURCES.values():
        name = str(path.relative_to(ROOT))
        if name not in DISPATCH and _kind_checks(path):
            wrong[name] = _kind_checks(path)
    assert wrong == {}
    assert all(_kind_checks(ROOT / name) for name in DISPATCH)  # the check sees them


def test_settings_are_read_in_one_module():
    readers = []
    for module, path in SOURCES.items():
        text = path.read_text(encoding="utf-8")
        if "os.environ" in text or "getenv" in text or "st.secrets" in text:
            readers.append(module)
    # config reads them; the UI hands st.secrets to it; __main__ sets a pydantic flag.
    assert sorted(readers) == ["cxmaturity.__main__", "cxmaturity.config", "cxmaturity.ui.backend"]


@pytest.mark.parametrize(
    ("module", "target", "names"),
    [
        ("cxmaturity.ui.pages.home", "cxmaturity.db.repository", ["Repository"]),
        ("cxmaturity.ui.pages.home", "sqlalchemy.orm", ["Session"]),
        ("cxmaturity.scoring", "cxmaturity.services.history", ["History"]),
        ("cxmaturity.model", "streamlit", []),
        ("cxmaturity.db.repository", "cxmaturity.services.answers", ["OwnAnswers"]),
    ],
)
def test_the_layer_check_can_fail(module, target, names):
    IMPORTS[module].append((target, names, False))
    try:
        with pytest.raises(AssertionError):
            test_each_layer_imports_only_what_is_below_it(module)
    finally:
        IMPORTS[module].pop()


def test_the_private_name_check_can_fail():
    IMPORTS["cxmaturity.services.workshops"].append(("cxmaturity.db.mappers", ["_x"], False))
    try:
        with pytest.raises(AssertionError):
            test_no_module_imports_a_private_name_of_another()
    finally:
        IMPORTS["cxmaturity.services.workshops"].pop()


# ----------------------------------------------------- every page goes through the check

# Service methods a page may call without naming the acting account, and why each is safe.
WITHOUT_ACCOUNT = {
    "accounts.account_of_cookie": "finds whom a sign-in cookie signs in (checked in the database)",
    "accounts.end_cookie_session": "ends the cookie's own session (sign out)",
    "accounts.authenticate": "signs in: email and password, limited per account and client",
    "accounts.issue_ticket": "right after authenticate or create_first_admin, for that account",
    "accounts.redeem_ticket": "the random single-use ticket is the credential",
    "accounts.any": "whether the first-admin path is open (no data)",
    "accounts.setup_code": "printed to the server's own log",
    "accounts.setup_code_matches": "the first-admin path, compared in constant time",
    "accounts.create_first_admin": "refused inside as soon as any account exists",
    "accounts.single_sign_on": "the identity provider vouched for the email (a fresh st.user)",
    "branding.current": "the firm's branding printed on every report (no client data)",
    "branding.path": "where the branding file is (shown on the admin-only page)",
    "assessments.kpi_catalogue": "the KPI catalogue of the installation (no client data)",
    "workshops.join": "a join code, limited per client",
    "workshops.participant": "the participant's own secret token",
    "workshops.participant_view": "the participant's own secret token",
    "workshops.own_answers": "the participant's own secret token",
    "workshops.set_group": "the participant's own secret token (their own group only)",
    "workshops.returning": "the participant tokens its own browser kept (HttpOnly cookie)",
    "answers.save_all": "its Target carries the acting account (or a participant's token)",
    "answers.change_plan": "its Target carries the acting account",
    "answers.save_changes": "its Target carries the acting account (or a participant's token)",
}


def _service_classes() -> dict[str, type]:
    from cxmaturity.services import Services
    from cxmaturity.services.accounts import Accounts
    from cxmaturity.services.answers import AnswerService
    from cxmaturity.services.assessments import Assessments
    from cxmaturity.services.branding import BrandingService
    from cxmaturity.services.history import History
    from cxmaturity.services.organizations import Organizations
    from cxmaturity.services.portfolio import Portfolio
    from cxmaturity.services.reports import Reports
    from cxmaturity.services.workshops import Workshops

    classes = {"accounts": Accounts, "answers": AnswerService, "assessments": Assessments,
               "branding": BrandingService, "history": History, "organizations": Organizations,
               "reports": Reports, "workshops": Workshops, "portfolio": Portfolio}  # fmt: skip
    fields = set(Services.__dataclass_fields__) - {"settings", "database", "catalogs"}
    assert set(classes) == fields, "a new service: say how its calls are checked"
    return classes


def _takes_actor(method: object) -> bool:
    import inspect

    parameters = list(inspect.signature(method).parameters.values())  # type: ignore[arg-type]
    named = [p for p in parameters if p.name != "self"]
    return bool(named) and (named[0].name == "actor" or any(
        p.name == "actor" and p.kind is p.KEYWORD_ONLY for p in named))  # fmt: skip


def _service_uses(tree: ast.AST) -> list[tuple[int, str]]:
    """Every ``services().<service>.<member>`` (line, "service.member"), and any other use
    of ``services()`` as (line, "?")."""
    found: list[tuple[int, str]] = []
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    for node in ast.walk(tree):
        is_call = isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
        if not (is_call and node.func.id == "services"):  # type: ignore[union-attr]
            continue
        service, member = parents.get(node), None
        if isinstance(service, ast.Attribute):
            member = parents.get(service)
        if isinstance(member, ast.Attribute):
            found.append((node.lineno, f"{service.attr}.{member.attr}"))  # type: ignore[union-attr]
        else:
            found.append((node.lineno, "?"))
    return found


def _unchecked(source: str) -> list[str]:
    classes = _service_classes()
    problems = []
    for line, use in _service_uses(ast.parse(source)):
        if use in WITHOUT_ACCOUNT:
            continue
        service, _, member = use.partition(".")
        method = getattr(classes.get(service), member, None)
        if use == "?" or method is None or not callable(method) or not _takes_actor(method):
            problems.append(f"line {line}: services().{use}")
    return problems


def test_no_page_reads_or_writes_without_the_acting_account():
    """Every service call of the UI names the acting account (the service checks its
    right on the organisation), or is listed in WITHOUT_ACCOUNT with the reason it is
    safe; the UI never reaches the database (test_the_ui_never_opens_the_database...)."""
    problems = {
        module: found
        for module, path in SOURCES.items()
        if module.startswith("cxmaturity.ui") and module != "cxmaturity.ui.backend"
        and (found := _unchecked(path.read_text(encoding="utf-8")))
    }  # fmt: skip
    assert problems == {}


def test_the_unchecked_call_check_can_fail():
    planted = (
        "def page(store):\n"
        "    services().assessments.answers(store)\n"  # a read without the account
        "    services().workshops.live(actor, store)\n"  # fine: takes the actor
        "    db = services().database\n"
        "    services().organizations.visible(actor)\n"
    )
    assert sorted(_unchecked(planted)) == [
        "line 2: services().assessments.answers",
        "line 4: services().?",
    ]
