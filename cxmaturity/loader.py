"""YAML (or JSON) files -> models, with problems that say file, line and field.

Questionnaires and answers files are untrusted input. They are read with a safe
loader only (no tag builds a Python object), limited in size, nesting and alias
expansion, and with YAML 1.2 booleans: ``no``, ``si``, ``yes``, ``on`` and ``off``
stay strings, because a Spanish questionnaire uses ``no`` and ``si`` as option ids.
Every problem of a file is collected and reported together.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import types
import typing
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, RootModel, ValidationError
from yaml.composer import Composer
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.resolver import Resolver
from yaml.scanner import Scanner

from .errors import InvalidInput, Problem, counted
from .model import (
    DEFER,
    LANG_PATTERN,
    QUESTIONNAIRE_KINDS,
    SLUG_PATTERN,
    Answers,
    DocumentBase,
    Grid,
    KpiCatalogue,
    Loc,
    LocatedMessage,
    Quiz,
    answer_problems,
    as_grid,
    format_loc,
)
from .planning import PlanDocument, plan_problems

ModelT = TypeVar("ModelT", bound=BaseModel)
DocT = TypeVar("DocT", bound=DocumentBase)

MAX_BYTES = 1024 * 1024
MAX_DEPTH = 64
MAX_INT_DIGITS = 30  # no value of any format needs more
YAML_SUFFIXES = (".yaml", ".yml", ".json")
FILE = "(file)"
SYNTAX = "(yaml)"

# ------------------------------------------------------------------ the YAML reader


def _yaml12_resolvers() -> dict[str | None, list[tuple[str, re.Pattern[str]]]]:
    """SafeLoader's implicit resolvers with YAML 1.2 booleans (true/false only)."""
    bool_re = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
    table: dict[str | None, list[tuple[str, re.Pattern[str]]]] = {}
    for first, resolvers in Resolver.yaml_implicit_resolvers.items():
        kept = [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:bool"]
        if first is not None and first in "tTfF":
            kept.insert(0, ("tag:yaml.org,2002:bool", bool_re))
        if kept:
            table[first] = kept
    return table


class _PyParser(Reader, Scanner, Parser):
    """The pure-Python parser, used only where PyYAML was built without libyaml."""

    def __init__(self, stream: str) -> None:
        Reader.__init__(self, stream)
        Scanner.__init__(self)
        Parser.__init__(self)


try:  # libyaml parses; the pure-Python composer keeps nesting errors catchable
    from yaml._yaml import CParser

    _Parser: type = CParser
except ImportError:  # pragma: no cover
    _Parser = _PyParser


class _SafeYaml(_Parser, Composer, SafeConstructor, Resolver):  # type: ignore[misc]
    """libyaml's parser, PyYAML's composer and safe constructor, YAML 1.2 booleans."""

    yaml_implicit_resolvers = _yaml12_resolvers()
    get_single_node = Composer.get_single_node
    compose_document = Composer.compose_document
    compose_node = Composer.compose_node

    def __init__(self, text: str) -> None:
        _Parser.__init__(self, text)  # type: ignore[misc]
        Composer.__init__(self)
        SafeConstructor.__init__(self)
        Resolver.__init__(self)

    def construct_yaml_int(self, node: ScalarNode) -> int:
        """An integer of at most :data:`MAX_INT_DIGITS` digits (Python refuses to
        convert those of more than 4,300, with a traceback)."""
        digits = sum(c.isdigit() for c in str(node.value))
        if digits > MAX_INT_DIGITS:
            raise ConstructorError(
                None, None, f"a number of {digits:,} digits (at most {MAX_INT_DIGITS})",
                node.start_mark,
            )  # fmt: skip
        return int(SafeConstructor.construct_yaml_int(self, node))


_SafeYaml.add_constructor("tag:yaml.org,2002:int", _SafeYaml.construct_yaml_int)


class _RecursiveAlias(Exception):
    def __init__(self, node: Node) -> None:
        super().__init__("an alias refers to the node that contains it (recursive alias)")
        self.line = node.start_mark.line + 1


def _expanded_size(root: Node) -> int:
    """Number of nodes once every alias is expanded; raises _RecursiveAlias on a cycle."""
    memo: dict[int, int] = {}
    active: set[int] = set()

    def size(node: Node) -> int:
        key = id(node)
        if key in memo:
            return memo[key]
        if key in active:
            raise _RecursiveAlias(node)
        active.add(key)
        total = 1
        if isinstance(node, SequenceNode):
            total += sum(size(child) for child in node.value)
        elif isinstance(node, MappingNode):
            total += sum(size(k) + size(v) for k, v in node.value)
        active.discard(key)
        memo[key] = total
        return total

    return size(root)


def _composed_size(root: Node) -> int:
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, MappingNode):
            stack.extend(child for pair in node.value for child in pair)
    return len(seen)


@dataclass
class Document:
    """A parsed file: its data, and the line of every key and item in it."""

    path: str
    data: Any
    lines: dict[tuple[str, ...], int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def line_for(self, loc: Loc) -> int | None:
        """Line of the deepest known part of ``loc``."""
        parts = tuple(str(p) for p in loc)
        for end in range(len(parts), -1, -1):
            line = self.lines.get(parts[:end])
            if line is not None:
                return line
        return None

    def problem(self, loc: Loc, message: str) -> Problem:
        return Problem(self.path, self.line_for(loc), format_loc(loc), message)


def _index(doc: Document, node: Node, path: tuple[str, ...], depth: int) -> None:
    """Record lines and duplicate keys, walking the composed node tree."""
    if depth > MAX_DEPTH:
        raise RecursionError
    doc.lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, SequenceNode):
        for i, child in enumerate(node.value):
            _index(doc, child, (*path, str(i)), depth + 1)
    elif isinstance(node, MappingNode):
        seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode) or key_node.tag.endswith(":merge"):
                continue
            key = key_node.value
            line = key_node.start_mark.line + 1
            if key in seen:
                loc = format_loc(tuple(_loc_part(p) for p in (*path, key)))
                doc.problems.append(
                    Problem(
                        doc.path, line, loc, f"key {key!r} given twice (first on line {seen[key]})"
                    )
                )
                continue
            seen[key] = line
            doc.lines[(*path, key)] = line
            _index(doc, value_node, (*path, key), depth + 1)


def _loc_part(part: str) -> str | int:
    return int(part) if part.isdigit() else part


def _yaml_message(error: yaml.YAMLError) -> tuple[int | None, str]:
    if isinstance(error, yaml.MarkedYAMLError):
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark is not None else None
        text = " ".join(p for p in (error.context, error.problem) if p)
        if isinstance(error, yaml.constructor.ConstructorError) and "tag" in (error.problem or ""):
            text = f"{error.problem}; only plain YAML data is allowed (no tags that build objects)"
        return line, text or str(error)
    return None, str(error)


def parse(raw: bytes, path: str, max_bytes: int = MAX_BYTES) -> Document:
    """Bytes of a YAML or JSON file -> Document; raises InvalidInput on file-level problems."""
    if len(raw) > max_bytes:
        size, limit = len(raw) / (1024 * 1024), max_bytes / (1024 * 1024)
        message = f"file is {size:.1f} MiB; the limit is {limit:g} MiB"
        raise InvalidInput([Problem(path, None, FILE, message)])
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        byte = raw[error.start]
        message = f"not valid UTF-8 (byte 0x{byte:02x}); save the file as UTF-8"
        raise InvalidInput([Problem(path, line, FILE, message)]) from None
    loader = _SafeYaml(text)
    doc = Document(path, None)
    try:
        node = loader.get_single_node()
        if node is None:
            raise InvalidInput([Problem(path, 1, FILE, "the file is empty")])
        _check_expansion(path, node)
        _index(doc, node, (), 0)
        doc.data = loader.construct_document(node)
    except yaml.YAMLError as error:
        where, message = _yaml_message(error)
        raise InvalidInput([Problem(path, where, SYNTAX, message)]) from None
    except RecursionError:
        message = f"the data is nested too deeply (more than {MAX_DEPTH} levels)"
        raise InvalidInput([Problem(path, None, FILE, message)]) from None
    finally:
        loader.dispose()
    if not isinstance(doc.data, dict):
        kind = type(doc.data).__name__
        raise InvalidInput([Problem(path, 1, FILE, f"the document must be a mapping, not {kind}")])
    return doc


def _check_expansion(path: str, node: Node) -> None:
    try:
        expanded = _expanded_size(node)
    except _RecursiveAlias as error:
        raise InvalidInput([Problem(path, error.line, FILE, str(error))]) from None
    limit = 10 * _composed_size(node) + 10_000
    if expanded > limit:
        message = f"aliases would expand the data to {expanded:,} nodes; refusing (alias bomb?)"
        raise InvalidInput([Problem(path, node.start_mark.line + 1, FILE, message)])


def read(path: Path | str) -> Document:
    """Read and parse one file (size checked before reading it all)."""
    name = str(path)
    try:
        with open(path, "rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
            if len(raw) > MAX_BYTES:
                raw += handle.read()
    except OSError as error:
        raise InvalidInput([Problem(name, None, FILE, f"cannot read: {error.strerror}")]) from None
    return parse(raw, name)


# --------------------------------------------------------- pydantic error -> Problem


def _strip_loc(data: Any, loc: tuple[Any, ...]) -> Loc:
    """Drop the segments pydantic adds (union tags) that are not in the data."""
    out: list[str | int] = []
    here = data
    for i, part in enumerate(loc):
        last = i == len(loc) - 1
        if isinstance(here, dict):
            key = _dict_key(here, part)
            if key is None and not last:
                continue
            out.append(part)
            here = here.get(key) if key is not None else None
        elif isinstance(here, list) and isinstance(part, int) and part < len(here):
            out.append(part)
            here = here[part]
        else:
            break
    return tuple(out)


def _dict_key(mapping: dict[Any, Any], part: Any) -> Any:
    if part in mapping:
        return part
    return next((k for k in mapping if str(k) == str(part)), None)


def _fields_at(model: type[BaseModel], loc: Loc) -> list[str]:
    """Field names of the model found at ``loc`` inside ``model`` ([] if none)."""
    annotation: Any = model
    for part in loc:
        annotation = _unwrap(annotation, part)
        if annotation is None:
            return []
    annotation = _unwrap(annotation, None)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return list(annotation.model_fields)
    return []


def _unwrap(annotation: Any, part: str | int | None) -> Any:
    """Step one loc segment into a type annotation."""
    while True:
        origin = typing.get_origin(annotation)
        args = typing.get_args(annotation)
        if origin is typing.Annotated:
            annotation = args[0]
        elif origin in (typing.Union, types.UnionType):
            models = [a for a in args if isinstance(a, type) and issubclass(a, BaseModel)]
            annotation = models[0] if models else None
        else:
            break
    if part is None:
        return annotation
    if isinstance(annotation, type) and issubclass(annotation, RootModel):
        return None
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        info = annotation.model_fields.get(str(part))
        return info.annotation if info else None
    if origin is list and isinstance(part, int):
        return args[0]
    if origin is dict:
        return args[1]
    return None


def _friendly(error: dict[str, Any], model: type[BaseModel], loc: Loc) -> str:
    kind = error["type"]
    ctx = error.get("ctx") or {}
    value = error.get("input")
    if kind == "missing":
        return "required field is missing"
    if kind == "extra_forbidden":
        allowed = _fields_at(model, loc[:-1])
        hint = difflib.get_close_matches(str(loc[-1]), allowed, n=1)
        text = f"unknown key {loc[-1]!r}"
        if hint:
            return f"{text} (did you mean {hint[0]!r}?)"
        return f"{text} (allowed: {', '.join(allowed)})" if allowed else text
    if kind == "string_pattern_mismatch":
        if ctx.get("pattern") == SLUG_PATTERN:
            return (
                f"{value!r} is not a valid id: use lowercase letters, digits and hyphens, "
                "starting with a letter or digit"
            )
        if ctx.get("pattern") == LANG_PATTERN:
            return f"{value!r} is not a two-letter ISO 639-1 language code such as es or en"
    if kind.startswith(("date_", "datetime_")):
        return f"must be a date written as YYYY-MM-DD, e.g. 2026-11-22 (got {value!r})"
    if kind == "too_short":
        return f"needs at least {counted(int(ctx.get('min_length') or 0), 'item')}"
    message = str(error["msg"])
    if isinstance(value, str | int | float | bool) and kind.endswith(("_type", "_parsing")):
        message += f" (got {value!r})"
    return message


def _validation_problems(
    doc: Document, model: type[BaseModel], error: ValidationError
) -> list[Problem]:
    merged: dict[Loc, list[str]] = {}
    for item in error.errors(include_url=False):
        loc = _strip_loc(doc.data, tuple(item["loc"]))
        message = _friendly(dict(item), model, loc)
        if message not in merged.setdefault(loc, []):
            merged[loc].append(message)
    return [doc.problem(loc, "; ".join(messages)) for loc, messages in merged.items()]


def _located(doc: Document, found: Iterable[LocatedMessage]) -> list[Problem]:
    return [doc.problem(loc, message) for loc, message in found]


def _raise_if(problems: list[Problem]) -> None:
    if problems:
        problems.sort(key=lambda p: p.line or 0)
        raise InvalidInput(problems)


# ------------------------------------------------------------------ questionnaires


KPIS_KIND = "kpis"
KPIS_STEM = "kpis"  # the KPI catalogue's file name in a catalogue folder: kpis.yaml


def is_kpis(doc: Document) -> bool:
    """The KPI catalogue says ``kind: kpis``."""
    return bool(doc.data.get("kind") == KPIS_KIND)


def questionnaire_from(doc: Document, kpis: KpiCatalogue | None = None) -> Quiz | Grid:
    """Validate a parsed document as a questionnaire; raises InvalidInput. With
    ``kpis``, a grid's initiatives may only name KPIs of that catalogue."""
    kind = doc.data.get("kind")
    cls = QUESTIONNAIRE_KINDS.get(kind) if isinstance(kind, str) else None
    if cls is None:
        message = "required field is missing" if kind is None else f"unknown kind {kind!r}"
        problems = [*doc.problems, doc.problem(("kind",), f"{message} (use quiz or grid)")]
        _raise_if(problems)
    assert cls is not None
    questionnaire: Quiz | Grid = _consistent(doc, cls)
    grid = as_grid(questionnaire)
    if grid is not None and kpis is not None:
        _raise_if(_located(doc, grid.kpi_problems(kpis.ids)))
    return questionnaire


def _consistent(doc: Document, cls: type[DocT]) -> DocT:
    """``doc`` as ``cls``: every structural problem, then every cross-field one."""
    problems = list(doc.problems)
    try:
        value = cls.model_validate(doc.data, context={DEFER: True})
    except ValidationError as error:
        _raise_if(problems + _validation_problems(doc, cls, error))
        raise  # pragma: no cover - _raise_if always raises here
    _raise_if(problems + _located(doc, value.problems()))
    return value


def kpis_from(doc: Document) -> KpiCatalogue:
    """Validate a parsed document as the KPI catalogue; raises InvalidInput."""
    return _consistent(doc, KpiCatalogue)


def load_kpis(path: Path | str) -> KpiCatalogue:
    """Read the KPI catalogue file; raises InvalidInput with every problem in it."""
    return kpis_from(read(path))


def load_questionnaire(path: Path | str) -> Quiz | Grid:
    """Read one questionnaire file; raises InvalidInput with every problem in it."""
    return questionnaire_from(read(path))


def parse_questionnaire(raw: bytes, name: str) -> Quiz | Grid:
    """Questionnaire from uploaded bytes; ``name`` is used in problems."""
    return questionnaire_from(parse(raw, name))


# ------------------------------------------------------------------------- answers


def is_answers(doc: Document) -> bool:
    """Answers documents name a questionnaire; questionnaires have a kind."""
    return "questionnaire" in doc.data and "kind" not in doc.data


def document_as(doc: Document, model: type[ModelT]) -> ModelT:
    """Validate a parsed document as ``model``; raises InvalidInput naming each field."""
    try:
        value = model.model_validate(doc.data)
    except ValidationError as error:
        _raise_if([*doc.problems, *_validation_problems(doc, model, error)])
        raise  # pragma: no cover - _raise_if always raises here
    _raise_if(list(doc.problems))
    return value


def answers_from(doc: Document, catalog: Catalog) -> tuple[Answers, Quiz | Grid]:
    """Validate a parsed document as answers to a questionnaire of the catalog."""
    problems = list(doc.problems)
    answers = document_as(doc, Answers)
    questionnaire = catalog.get(answers.questionnaire)
    if questionnaire is None:
        message = f"unknown questionnaire {answers.questionnaire!r}{catalog.hint()}"
        _raise_if([*problems, doc.problem(("questionnaire",), message)])
    assert questionnaire is not None
    _raise_if(problems + _located(doc, answer_problems(answers, questionnaire)))
    return answers, questionnaire


def load_answers(path: Path | str, catalog: Catalog) -> tuple[Answers, Quiz | Grid]:
    """Read one answers file and check it against its questionnaire."""
    return answers_from(read(path), catalog)


def parse_answers(raw: bytes, name: str, catalog: Catalog) -> tuple[Answers, Quiz | Grid]:
    """Answers from uploaded bytes; raises InvalidInput and changes nothing."""
    return answers_from(parse(raw, name), catalog)


# ---------------------------------------------------------------------------- plan


def load_plan(path: Path | str, catalog: Catalog) -> tuple[PlanDocument, Grid]:
    """Read a plan file (initiatives for one grid's gaps) and check it against the grid."""
    doc = read(path)
    document = document_as(doc, PlanDocument)
    found = catalog.get(document.questionnaire)
    grid = as_grid(found) if found is not None else None
    if grid is None:
        what = "not a grid" if found is not None else f"unknown questionnaire{catalog.hint()}"
        _raise_if([doc.problem(("questionnaire",), f"{document.questionnaire!r}: {what}")])
    assert grid is not None
    _raise_if(_located(doc, plan_problems(document.plan, grid)))
    return document, grid


# ------------------------------------------------------------------------- catalog


def questionnaire_files(paths: Iterable[Path]) -> Iterator[Path]:
    """Files named by ``paths``: files as given, folders' *.yaml/*.yml/*.json sorted."""
    for path in paths:
        if path.is_dir():
            yield from sorted(p for p in path.iterdir() if p.suffix in YAML_SUFFIXES[:2])
        else:
            yield path


@dataclass
class Catalog:
    """Questionnaires by id, from folders; broken files are kept with their problems.

    ``Catalog.lazy`` reads files only when asked: ``get(id)`` first tries the file
    named after the id (``<id>.yaml``), the convention of the bundled questionnaires,
    and reads the others only if that fails. ``from_dirs`` reads everything at once.
    """

    questionnaires: dict[str, Quiz | Grid] = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)
    broken: dict[str, list[Problem]] = field(default_factory=dict)
    pending: list[Path] = field(default_factory=list)
    kpis_path: Path | None = None  # the KPI catalogue file, read on first use
    # Grids are checked against the KPI catalogue as they are read (the app, validate);
    # scoring needs no KPI, so ``score`` skips reading the catalogue for it.
    check_kpis: bool = True
    _kpis: KpiCatalogue | None = field(default=None, repr=False)
    _kpis_read: bool = field(default=False, repr=False)

    @classmethod
    def lazy(
        cls, dirs: Iterable[Path], fallback_kpis: Path | None = None, check_kpis: bool = True
    ) -> Catalog:
        """The folders' questionnaires; the KPI catalogue is their ``kpis.yaml``, else
        ``fallback_kpis`` (the product's, for a folder of one's own questionnaires)."""
        files = list(questionnaire_files(dirs))
        own = [p for p in files if p.stem == KPIS_STEM]
        pending = [p for p in files if p.stem != KPIS_STEM]
        kpis = own[0] if own else fallback_kpis
        return cls(pending=pending, kpis_path=kpis, check_kpis=check_kpis)

    @property
    def kpis(self) -> KpiCatalogue | None:
        """The KPI catalogue (None when there is none or it is broken: see ``broken``)."""
        if not self._kpis_read:
            self._kpis_read = True
            if self.kpis_path is not None:
                try:
                    self._kpis = load_kpis(self.kpis_path)
                except InvalidInput as error:
                    self.broken[str(self.kpis_path)] = error.problems
        return self._kpis

    @classmethod
    def from_dirs(cls, dirs: Iterable[Path], fallback_kpis: Path | None = None) -> Catalog:
        catalog = cls.lazy(dirs, fallback_kpis)
        catalog.load_all()
        return catalog

    def load_all(self) -> None:
        """Read every file not read yet."""
        while self.pending:
            self.add_file(self.pending.pop(0))

    def add_file(self, path: Path) -> None:
        try:
            questionnaire = questionnaire_from(read(path), self.kpis if self.check_kpis else None)
        except InvalidInput as error:
            self.broken[str(path)] = error.problems
            return
        self.add(questionnaire, str(path))

    def add(self, questionnaire: Quiz | Grid, source: str) -> None:
        if questionnaire.id in self.questionnaires:
            first = self.sources[questionnaire.id]
            message = f"duplicate questionnaire id {questionnaire.id!r} (also in {first})"
            self.broken[source] = [Problem(source, None, "id", message)]
            return
        self.questionnaires[questionnaire.id] = questionnaire
        self.sources[questionnaire.id] = source

    def get(self, questionnaire_id: str) -> Quiz | Grid | None:
        if questionnaire_id not in self.questionnaires:
            named = [p for p in self.pending if p.stem == questionnaire_id]
            for path in named:
                self.pending.remove(path)
                self.add_file(path)
        if questionnaire_id not in self.questionnaires:
            self.load_all()
        return self.questionnaires.get(questionnaire_id)

    def hint(self) -> str:
        self.load_all()
        known = ", ".join(sorted(self.questionnaires)) or "none"
        text = f" (known: {known})"
        if self.broken:
            text += f"; {counted(len(self.broken), 'questionnaire file')} could not be read"
        return text


# -------------------------------------------------------------------------- output


def answers_document(answers: Answers) -> dict[str, Any]:
    """Answers as a plain mapping in the spec's answers format (unset fields left out)."""
    out: dict[str, Any] = {"questionnaire": answers.questionnaire}
    for name in ("organization", "respondent", "date", "language"):
        value = getattr(answers, name)
        if value is not None:
            out[name] = value
    out["answers"] = {
        key: value.model_dump(exclude_none=True) if isinstance(value, BaseModel) else value
        for key, value in answers.answers.items()
        if value is not None
    }
    return out


def dump_answers(answers: Answers) -> str:
    """Answers as a YAML answers file that ``parse_answers`` reads back unchanged."""
    header = "# cxmaturity answers file (see docs/questionnaire-format.md)\n"
    body = yaml.safe_dump(answers_document(answers), allow_unicode=True, sort_keys=False, width=100)
    return header + body


def dump_plan(document: PlanDocument) -> str:
    """A plan as a YAML plan file that ``load_plan`` reads back unchanged."""
    header = "# cxmaturity initiatives plan (python -m cxmaturity report ... --plan FILE)\n"
    data = document.model_dump(mode="json", exclude_defaults=True)
    for item in data.get("plan", []):
        if "due" in item:  # a YAML date, not a quoted string
            item["due"] = dt.date.fromisoformat(item["due"])
    return header + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
