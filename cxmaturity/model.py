"""Pydantic models of the questionnaire and answers formats.

The models enforce the structure of ``spec/questionnaire-format.md`` (field names,
types, unknown keys). The cross-field rules (unique ids, band coverage, ordered
levels, every text in every language) live in :meth:`Questionnaire.problems` and
:func:`answer_problems` so that the loader can report *all* of them at once, each
with its own location. Building a model directly in Python still enforces them: a
model validator raises when :meth:`problems` is not empty, unless the validation
context asks to defer them (the loader does, then reports them itself).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    RootModel,
    StringConstraints,
    Tag,
    ValidationInfo,
    WithJsonSchema,
    model_validator,
)
from pydantic_core import PydanticCustomError

SLUG_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
LANG_PATTERN = r"^[a-z]{2}$"
NOT_APPLICABLE: Literal["n/a"] = "n/a"
MAX_NOTE_LENGTH = 5000
DEFER = "defer_consistency"

# A location inside a document: keys and list indices, as pydantic reports them.
Loc = tuple[str | int, ...]
LocatedMessage = tuple[Loc, str]


def _int_to_str(value: Any) -> Any:
    """YAML reads ``id: 1`` as an integer; an id is a string, so accept it as one."""
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return value


Slug = Annotated[
    str,
    BeforeValidator(_int_to_str),
    Field(pattern=SLUG_PATTERN, max_length=80),
    WithJsonSchema({"type": "string", "pattern": SLUG_PATTERN, "maxLength": 80}),
]
LangCode = Annotated[str, StringConstraints(pattern=LANG_PATTERN)]
# Dates people enter (an assessment's, a plan's due date): a review six months later
# and every date arithmetic on them stay in range.
MIN_DATE, MAX_DATE = dt.date(1900, 1, 1), dt.date(2999, 12, 31)
SaneDate = Annotated[dt.date, Field(ge=MIN_DATE, le=MAX_DATE)]
PositiveWeight = Annotated[float, Field(gt=0, strict=True)]
StrictInt = Annotated[int, Field(strict=True)]


def _check_text(value: Any) -> Any:
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        for key, text in value.items():
            if not isinstance(key, str) or not _is_lang(key):
                raise PydanticCustomError(
                    "text_language",
                    "language code {key!r} is not a two-letter ISO 639-1 code",
                    {"key": key},
                )
            if not isinstance(text, str):
                raise PydanticCustomError(
                    "text_value", "the {key} text must be a string", {"key": key}
                )
        return value
    raise PydanticCustomError(
        "text_type",
        "must be a text or a mapping from language code to text, e.g. {{es: ..., en: ...}}",
    )


def _is_lang(code: str) -> bool:
    return len(code) == 2 and code.isascii() and code.isalpha() and code.islower()


class Text(RootModel[str | dict[str, str]]):
    """A plain string for every language, or a mapping language code -> string."""

    root: Annotated[str | dict[str, str], BeforeValidator(_check_text)]

    def get(self, lang: str, default_lang: str | None = None) -> str:
        """The text in ``lang``; falls back to ``default_lang``, then any language."""
        if isinstance(self.root, str):
            return self.root
        for code in (lang, default_lang):
            if code and code in self.root:
                return self.root[code]
        return next(iter(self.root.values()), "")

    def missing(self, languages: Sequence[str]) -> list[str]:
        """Listed languages this text lacks (none for a plain string)."""
        if isinstance(self.root, str):
            return []
        return [code for code in languages if code not in self.root]


class Strict(BaseModel):
    """Base of every document model: unknown keys are errors, models are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


# --------------------------------------------------------------------------- quiz


class Option(Strict):
    id: Slug
    text: Text
    points: StrictInt
    cap: Slug | None = None  # a band of the quiz: choosing this option caps the result there


class Question(Strict):
    id: Slug
    text: Text
    help: Text | None = None
    options: list[Option] = Field(min_length=2)

    def option(self, option_id: str) -> Option | None:
        """The option with this id, if any."""
        return next((o for o in self.options if o.id == option_id), None)

    def letters(self) -> dict[str, str]:
        """Each option's letter as people see it (a, b, c... in order), by option id."""
        return {o.id: chr(ord("a") + i) for i, o in enumerate(self.options)}


class Band(Strict):
    id: Slug
    min: StrictInt
    max: StrictInt
    label: Text
    description: Text | None = None


# --------------------------------------------------------------------------- grid


Effort = Literal["small", "medium", "large"]


class Initiative(Strict):
    """A suggestion offered where a capability has a gap. ``id`` is stable across
    versions (a plan refers to it); a file may leave it out, then it is
    ``<capability id>-<position>`` (1-based), see :func:`_initiative_ids`."""

    id: Slug = ""
    title: Text
    detail: Text | None = None
    first_step: Text | None = None  # the first concrete action
    kpi: Slug | None = None  # a KPI id of the KPI catalogue: what shows progress
    owner_role: Text | None = None  # who usually leads it
    effort: Effort | None = None
    source: str | None = None  # where the idea comes from (a seed, an author)


def _initiative_ids(data: Any) -> Any:
    """Give each initiative without an ``id`` the id ``<capability id>-<position>``."""
    if not isinstance(data, dict) or not isinstance(data.get("initiatives"), list):
        return data
    capability = _int_to_str(data.get("id"))
    if not isinstance(capability, str):
        return data
    initiatives = [
        {**item, "id": f"{capability}-{n}"} if isinstance(item, dict) and "id" not in item else item
        for n, item in enumerate(data["initiatives"], start=1)
    ]
    return {**data, "initiatives": initiatives}


class Capability(Strict):
    id: Slug
    name: Text
    description: Text | None = None
    weight: PositiveWeight = 1.0
    # What each level looks like for this capability (level value -> text); when
    # given, every level value of the grid appears.
    levels: dict[StrictInt, Text] | None = None
    initiatives: list[Initiative] = Field(default_factory=list)

    _ids = model_validator(mode="before")(_initiative_ids)

    def initiative(self, initiative_id: str) -> Initiative | None:
        """The suggested initiative with this id, if any; ``<capability id>-<n>`` also
        names the n-th (what a plan stored before initiatives had ids refers to)."""
        found = next((i for i in self.initiatives if i.id == initiative_id), None)
        position = initiative_id.removeprefix(f"{self.id}-")
        if found is None and position != initiative_id and position.isdigit():
            n = int(position)
            found = self.initiatives[n - 1] if 1 <= n <= len(self.initiatives) else None
        return found

    def level_text(self, value: int, lang: str) -> str | None:
        """This capability's own text for a level, if the questionnaire has one."""
        text = self.levels.get(value) if self.levels else None
        return text.get(lang) if text is not None else None


class Category(Strict):
    id: Slug
    name: Text
    question: Text | None = None
    description: Text | None = None
    weight: PositiveWeight = 1.0
    capabilities: list[Capability] = Field(min_length=1)


class Level(Strict):
    value: StrictInt
    id: Slug
    label: Text
    description: Text | None = None


# ------------------------------------------------------------------ questionnaires


class DocumentBase(Strict):
    """What every data document has (questionnaires, the KPI catalogue): a format
    version, an id, the languages every text is given in, and cross-field rules
    checked by :meth:`problems`."""

    schema_version: Literal[1]
    id: Slug
    languages: list[LangCode] = Field(min_length=1)

    @model_validator(mode="after")
    def _consistent(self, info: ValidationInfo) -> DocumentBase:
        if isinstance(info.context, dict) and info.context.get(DEFER):
            return self
        found = self.problems()
        if found:
            raise ValueError("; ".join(f"{format_loc(loc)}: {msg}" for loc, msg in found))
        return self

    @property
    def default_language(self) -> str:
        return self.languages[0]

    def language_for(self, lang: str) -> str:
        """The language to show it in: ``lang`` if offered, else its default."""
        return lang if lang in self.languages else self.default_language

    def problems(self) -> list[LocatedMessage]:
        """Every cross-field rule this document breaks, with its location."""
        found = _duplicates(self.languages, ("languages",), "language", field=None)
        for loc, text in _texts(self, ()):
            missing = text.missing(self.languages)
            if missing:
                noun = "language" if len(missing) == 1 else "languages"
                found.append((loc, f"missing {noun}: {', '.join(missing)}"))
        return found + self._kind_problems()

    def _kind_problems(self) -> list[LocatedMessage]:
        return []


class QuestionnaireBase(DocumentBase):
    """Fields shared by both kinds of questionnaire."""

    version: Annotated[int, Field(strict=True)] | Annotated[str, Field(strict=True)] = 1
    title: Text
    description: Text | None = None
    source: str | None = None
    estimated_minutes: Annotated[int, Field(strict=True, gt=0)] | None = None
    closing: Text | None = None  # shown with the result and in the report

    def item_count(self) -> int:
        """Number of items a respondent answers (questions or capabilities)."""
        return len(self.item_ids())

    def item_ids(self) -> list[str]:
        """The ids of the items a respondent answers, in questionnaire order."""
        raise NotImplementedError

    def item_names(self, lang: str) -> dict[str, str]:
        """Each item's name in ``lang`` (a question's text, a capability's name)."""
        raise NotImplementedError

    def item_name(self, item_id: str, lang: str) -> str:
        """One item's name in ``lang`` if offered, else in the default language."""
        return self.item_names(self.language_for(lang)).get(item_id, item_id)

    def answered(self, answers: Answers) -> int:
        """How many items ``answers`` covers: questions answered, or capabilities rated
        or marked n/a."""
        raise NotImplementedError

    @property
    def has_plan(self) -> bool:
        """Whether its gaps lead to an initiatives plan (a capability grid's do)."""
        return False


class Quiz(QuestionnaireBase):
    kind: Literal["quiz"]
    questions: list[Question] = Field(min_length=1)
    bands: list[Band] = Field(min_length=1)

    @property
    def min_points(self) -> int:
        return sum(min(o.points for o in q.options) for q in self.questions)

    @property
    def max_points(self) -> int:
        return sum(max(o.points for o in q.options) for q in self.questions)

    def question(self, question_id: str) -> Question | None:
        return next((q for q in self.questions if q.id == question_id), None)

    def band_for(self, points: int) -> Band | None:
        """The band whose inclusive range holds ``points``."""
        return next((b for b in self.bands if b.min <= points <= b.max), None)

    def question_numbers(self, question_ids: Sequence[str]) -> list[int]:
        """The 1-based numbers of these questions, as people see them."""
        order = {q.id: n for n, q in enumerate(self.questions, start=1)}
        return [order[q] for q in question_ids if q in order]

    def capped_band(self, points: int, answers: Answers) -> tuple[Band | None, tuple[str, ...]]:
        """One complete answers set's band: the points' band, unless a chosen option
        caps the result at a band listed before it (then the earliest such cap), and
        the ids, in questionnaire order, of the questions whose chosen option's cap
        lies before the points' band."""
        band = self.band_for(points)
        if band is None:
            return None, ()
        order = {b.id: i for i, b in enumerate(self.bands)}
        capped_by, earliest = [], order[band.id]
        for question in self.questions:
            choice = answers.choice(question.id)
            option = question.option(choice) if choice is not None else None
            if option is not None and option.cap is not None and order[option.cap] < order[band.id]:
                capped_by.append(question.id)
                earliest = min(earliest, order[option.cap])
        return self.bands[earliest], tuple(capped_by)

    def item_ids(self) -> list[str]:
        return [q.id for q in self.questions]

    def item_names(self, lang: str) -> dict[str, str]:
        return {q.id: q.text.get(lang) for q in self.questions}

    def answered(self, answers: Answers) -> int:
        return sum(1 for q in self.questions if answers.choice(q.id))

    def _kind_problems(self) -> list[LocatedMessage]:
        found = _duplicates([q.id for q in self.questions], ("questions",), "question id")
        for i, question in enumerate(self.questions):
            ids = [o.id for o in question.options]
            found += _duplicates(ids, ("questions", i, "options"), "option id")
        found += _duplicates([b.id for b in self.bands], ("bands",), "band id")
        bands = {b.id for b in self.bands}
        for i, question in enumerate(self.questions):
            for j, option in enumerate(question.options):
                if option.cap is not None and option.cap not in bands:
                    known = ", ".join(b.id for b in self.bands)
                    found.append((("questions", i, "options", j, "cap"),
                                  f"unknown band {option.cap!r} (bands: {known})"))  # fmt: skip
        return found + _band_problems(self.bands, self.min_points, self.max_points)


class Grid(QuestionnaireBase):
    kind: Literal["grid"]
    not_applicable: bool = True
    levels: list[Level] = Field(min_length=2)
    categories: list[Category] = Field(min_length=1)

    def capabilities(self) -> Iterator[tuple[Category, Capability]]:
        """Every capability with its category, in questionnaire order."""
        for category in self.categories:
            for capability in category.capabilities:
                yield category, capability

    def capability(self, capability_id: str) -> Capability | None:
        return next((c for _, c in self.capabilities() if c.id == capability_id), None)

    def level(self, value: int) -> Level | None:
        return next((lv for lv in self.levels if lv.value == value), None)

    def level_at_or_below(self, value: float | None) -> Level | None:
        """The highest level whose value is <= ``value`` (None if none)."""
        if value is None:
            return None
        reached = [lv for lv in self.levels if lv.value <= value + 1e-9]
        return reached[-1] if reached else None

    def item_ids(self) -> list[str]:
        return [c.id for _, c in self.capabilities()]

    def item_names(self, lang: str) -> dict[str, str]:
        return {c.id: c.name.get(lang) for _, c in self.capabilities()}

    def answered(self, answers: Answers) -> int:
        done = 0
        for _, capability in self.capabilities():
            rating = answers.rating(capability.id)
            if rating is not None and (rating.rated or rating.not_applicable):
                done += 1
        return done

    @property
    def has_plan(self) -> bool:
        return True

    def _kind_problems(self) -> list[LocatedMessage]:
        found = _duplicates([lv.id for lv in self.levels], ("levels",), "level id")
        for i in range(1, len(self.levels)):
            before, level = self.levels[i - 1], self.levels[i]
            if level.value <= before.value:
                found.append(
                    (
                        ("levels", i, "value"),
                        f"level values must be strictly increasing: {level.value} "
                        f"follows {before.value}",
                    )
                )
        return (
            found
            + _grid_id_problems(self.categories)
            + self._capability_level_problems()
            + self._initiative_id_problems()
        )

    def initiatives(self) -> Iterator[tuple[Loc, Capability, Initiative]]:
        """Every suggested initiative with its location and capability, in order."""
        for i, category in enumerate(self.categories):
            for j, capability in enumerate(category.capabilities):
                for k, initiative in enumerate(capability.initiatives):
                    yield (
                        ("categories", i, "capabilities", j, "initiatives", k),
                        capability,
                        initiative,
                    )

    def _initiative_id_problems(self) -> list[LocatedMessage]:
        """Initiative ids are unique within the grid."""
        seen: dict[str, Loc] = {}
        found: list[LocatedMessage] = []
        for loc, _, initiative in self.initiatives():
            if initiative.id in seen:
                first = format_loc((*seen[initiative.id], "id"))
                found.append(
                    ((*loc, "id"), f"duplicate initiative id {initiative.id!r} (first at {first})")
                )
            else:
                seen[initiative.id] = loc
        return found

    def kpi_problems(self, known: Sequence[str]) -> list[LocatedMessage]:
        """Initiatives naming a KPI that the KPI catalogue does not define."""
        listed = ", ".join(known) or "none"
        return [
            ((*loc, "kpi"), f"unknown KPI {initiative.kpi!r} (KPI catalogue: {listed})")
            for loc, _, initiative in self.initiatives()
            if initiative.kpi is not None and initiative.kpi not in known
        ]

    def _capability_level_problems(self) -> list[LocatedMessage]:
        values = [lv.value for lv in self.levels]
        known = ", ".join(str(v) for v in values)
        found: list[LocatedMessage] = []
        for i, category in enumerate(self.categories):
            for j, capability in enumerate(category.capabilities):
                if capability.levels is None:
                    continue
                loc: Loc = ("categories", i, "capabilities", j, "levels")
                missing = [v for v in values if v not in capability.levels]
                if missing:
                    found.append((loc, f"missing level {', '.join(map(str, missing))} "
                                       f"(every level: {known})"))  # fmt: skip
                found += [((*loc, value), f"unknown level {value} (levels: {known})")
                          for value in capability.levels if value not in values]  # fmt: skip
        return found


def _grid_id_problems(categories: list[Category]) -> list[LocatedMessage]:
    """Category and capability ids share one scope within a grid."""
    seen: dict[str, Loc] = {}
    found: list[LocatedMessage] = []
    for i, category in enumerate(categories):
        entries: list[tuple[str, Loc]] = [(category.id, ("categories", i, "id"))]
        entries += [
            (cap.id, ("categories", i, "capabilities", j, "id"))
            for j, cap in enumerate(category.capabilities)
        ]
        for item_id, loc in entries:
            if item_id in seen:
                found.append(
                    (loc, f"duplicate id {item_id!r} (first at {format_loc(seen[item_id])})")
                )
            else:
                seen[item_id] = loc
    return found


Questionnaire = Annotated[Quiz | Grid, Field(discriminator="kind")]
QUESTIONNAIRE_KINDS: dict[str, type[Quiz] | type[Grid]] = {"quiz": Quiz, "grid": Grid}


# The engine's dispatch between the two kinds: the one place (with scoring's results)
# where code asks which kind a questionnaire is. Everything else uses the methods above,
# these narrowing helpers, or a table keyed by ``kind``.


def as_quiz(questionnaire: Quiz | Grid) -> Quiz | None:
    """The questionnaire as a quiz (None for a grid)."""
    return questionnaire if isinstance(questionnaire, Quiz) else None


def as_grid(questionnaire: Quiz | Grid) -> Grid | None:
    """The questionnaire as a capability grid (None for a quiz)."""
    return questionnaire if isinstance(questionnaire, Grid) else None


def grids(questionnaires: Iterable[Quiz | Grid]) -> list[Grid]:
    """The capability grids among ``questionnaires``, in order."""
    return [q for q in questionnaires if isinstance(q, Grid)]


def _duplicates(
    values: Sequence[str], loc: Loc, what: str, field: str | None = "id"
) -> list[LocatedMessage]:
    """Repeated values of a list (of ids, or of plain values when ``field`` is None)."""
    tail: Loc = (field,) if field else ()
    first: dict[str, int] = {}
    found: list[LocatedMessage] = []
    for i, value in enumerate(values):
        if value in first:
            where = format_loc((*loc, first[value], *tail))
            found.append(((*loc, i, *tail), f"duplicate {what} {value!r} (first at {where})"))
        else:
            first[value] = i
    return found


def _span(low: int, high: int) -> str:
    return str(low) if low == high else f"{low}-{high}"


def _band_problems(bands: list[Band], lowest: int, highest: int) -> list[LocatedMessage]:
    """Bands listed ascending must cover lowest..highest exactly once."""
    found: list[LocatedMessage] = [
        (("bands", i, "min"), f"min {band.min} is greater than max {band.max}")
        for i, band in enumerate(bands)
        if band.min > band.max
    ]
    if found:
        return found
    first, last, end = bands[0], bands[-1], len(bands) - 1
    uncovered = "totals {} are not covered by any band"
    if first.min > lowest:
        found.append((("bands", 0, "min"), uncovered.format(_span(lowest, first.min - 1))))
    if first.min < lowest:
        span = _span(first.min, lowest - 1)
        found.append((("bands", 0, "min"), f"totals {span} are below the lowest total, {lowest}"))
    for i in range(1, len(bands)):
        before, band = bands[i - 1], bands[i]
        if band.min < before.min:
            found.append((("bands", i, "min"), "bands must be listed in ascending order"))
        elif band.min <= before.max:
            both = f"{_span(band.min, min(band.max, before.max))} are covered by both"
            message = f"totals {both} {before.id!r} and {band.id!r}"
            found.append((("bands", i, "min"), message))
        elif band.min > before.max + 1:
            found.append(
                (("bands", i, "min"), uncovered.format(_span(before.max + 1, band.min - 1)))
            )
    if last.max < highest:
        found.append((("bands", end, "max"), uncovered.format(_span(last.max + 1, highest))))
    if last.max > highest:
        span = _span(highest + 1, last.max)
        found.append(
            (("bands", end, "max"), f"totals {span} are above the highest total, {highest}")
        )
    return found


def _texts(node: Any, loc: Loc) -> Iterator[tuple[Loc, Text]]:
    """Every Text inside a model, with its location."""
    if isinstance(node, Text):
        yield loc, node
    elif isinstance(node, BaseModel):
        for name in type(node).model_fields:
            yield from _texts(getattr(node, name), (*loc, name))
    elif isinstance(node, list):
        for i, item in enumerate(node):
            yield from _texts(item, (*loc, i))
    elif isinstance(node, dict):  # a capability's level texts, by level value
        for key, item in node.items():
            yield from _texts(item, (*loc, key))


def format_loc(loc: Loc) -> str:
    """``("questions", 2, "options")`` -> ``questions[2].options``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out or "(document)"


# ------------------------------------------------------------------ KPI catalogue

KpiUnit = Literal["points", "percent", "currency", "count", "seconds", "ratio", "score"]
HIGHER = "higher"
FiniteNumber = Annotated[float, Field(allow_inf_nan=False)]


class Kpi(Strict):
    """A business or operational metric recorded with an assessment."""

    id: Slug
    name: Text
    definition: Text  # what it measures and how it is computed
    unit: KpiUnit
    direction: Literal["higher", "lower"]  # which way is better
    min: FiniteNumber | None = None  # values outside [min, max] are refused
    max: FiniteNumber | None = None
    group: Literal["business", "operational"]

    def problem(self, value: float) -> str | None:
        """Why ``value`` is not acceptable for this KPI (None: it is)."""
        if math.isnan(value) or math.isinf(value):
            return f"{self.id} must be a number, not {value!r}"
        if (self.min is not None and value < self.min) or (
            self.max is not None and value > self.max
        ):
            return f"{self.id} must be {self.range_text()}, not {value:g}"
        return None

    def range_text(self) -> str:
        """The valid range in words (English, for messages)."""
        if self.min is not None and self.max is not None:
            return f"from {self.min:g} to {self.max:g}"
        if self.min is not None:
            return f"at least {self.min:g}"
        return f"at most {self.max:g}" if self.max is not None else "any number"

    def improved(self, before: float, after: float) -> bool | None:
        """Whether going from ``before`` to ``after`` is better (None: unchanged)."""
        if after == before:
            return None
        return (after > before) == (self.direction == HIGHER)


class KpiCatalogue(DocumentBase):
    """The KPI catalogue (``assessments/kpis.yaml``): every KPI the app offers."""

    kind: Literal["kpis"]
    kpis: list[Kpi] = Field(min_length=1)

    @property
    def ids(self) -> list[str]:
        return [k.id for k in self.kpis]

    def get(self, kpi_id: str) -> Kpi | None:
        return next((k for k in self.kpis if k.id == kpi_id), None)

    def value_problems(self, values: Mapping[str, float | None]) -> dict[str, str]:
        """Why given KPI values are not acceptable, by KPI id (None clears a value and
        is always acceptable)."""
        found: dict[str, str] = {}
        for kpi_id, value in values.items():
            kpi = self.get(kpi_id)
            if kpi is None:
                found[kpi_id] = f"unknown KPI {kpi_id!r} (KPI catalogue: {', '.join(self.ids)})"
            elif value is not None and (problem := kpi.problem(value)) is not None:
                found[kpi_id] = problem
        return found

    def _kind_problems(self) -> list[LocatedMessage]:
        found = _duplicates(self.ids, ("kpis",), "KPI id")
        for i, kpi in enumerate(self.kpis):
            if kpi.min is not None and kpi.max is not None and kpi.min > kpi.max:
                found.append((("kpis", i, "max"), f"max {kpi.max:g} is below min {kpi.min:g}"))
        return found


def kpi_value_problems(
    catalogue: KpiCatalogue | None, values: Mapping[str, float | None]
) -> dict[str, str]:
    """Why KPI values are not acceptable, by KPI id: the catalogue's checks, or, when
    the catalogue could not be read, one problem (key ``""``) refusing them all."""
    if catalogue is None:
        return {"": "the KPI catalogue (kpis.yaml) could not be read"} if values else {}
    return catalogue.value_problems(values)


# ------------------------------------------------------------------------ answers


def _rating_value(value: Any) -> Any:
    if value is None or (isinstance(value, int) and not isinstance(value, bool)):
        return value
    if isinstance(value, str) and value.strip().lower() == NOT_APPLICABLE:
        return NOT_APPLICABLE
    raise PydanticCustomError("rating", "must be a level value (an integer) or n/a")


RatingValue = Annotated[int | Literal["n/a"] | None, BeforeValidator(_rating_value)]


class Rating(Strict):
    """One respondent's rating of one grid capability."""

    current: RatingValue = None
    ideal: RatingValue = None
    note: Annotated[str, Field(max_length=MAX_NOTE_LENGTH)] | None = None

    @property
    def not_applicable(self) -> bool:
        return NOT_APPLICABLE in (self.current, self.ideal)

    @property
    def rated(self) -> bool:
        return isinstance(self.current, int) and isinstance(self.ideal, int)


def _answer_value(value: Any) -> Any:
    """An answer is an option id (quiz), a rating mapping or ``n/a`` (grid)."""
    if isinstance(value, str) and value.strip().lower() == NOT_APPLICABLE:
        return Rating(current=NOT_APPLICABLE)
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if value is None or isinstance(value, str | dict | Rating):
        return value
    raise PydanticCustomError(
        "answer", "must be an option id (quiz) or a mapping {current, ideal, note} (grid)"
    )


def _answer_kind(value: Any) -> str:
    return "rating" if isinstance(value, dict | Rating) else "choice"


AnswerValue = Annotated[
    Annotated[Rating, Tag("rating")] | Annotated[str | None, Tag("choice")],
    Discriminator(_answer_kind),
    BeforeValidator(_answer_value),
]


class Answers(Strict):
    """One respondent's answers to one questionnaire."""

    questionnaire: Slug
    organization: Annotated[str, Field(max_length=300)] | None = None
    respondent: Annotated[str, Field(max_length=300)] | None = None
    date: SaneDate | None = None
    language: LangCode | None = None
    answers: dict[Slug, AnswerValue] = Field(default_factory=dict)

    def choice(self, question_id: str) -> str | None:
        value = self.answers.get(question_id)
        return value if isinstance(value, str) else None

    def rating(self, capability_id: str) -> Rating | None:
        value = self.answers.get(capability_id)
        return value if isinstance(value, Rating) else None


def answer_problems(answers: Answers, questionnaire: Quiz | Grid) -> list[LocatedMessage]:
    """Every way these answers do not fit this questionnaire, with locations."""
    found: list[LocatedMessage] = []
    if answers.questionnaire != questionnaire.id:
        found.append(
            (
                ("questionnaire",),
                f"answers are for {answers.questionnaire!r}, not {questionnaire.id!r}",
            )
        )
        return found
    if answers.language is not None and answers.language not in questionnaire.languages:
        offered = ", ".join(questionnaire.languages)
        found.append((("language",), f"language {answers.language!r} is not offered ({offered})"))
    for key, value in answers.answers.items():
        loc: Loc = ("answers", key)
        if isinstance(questionnaire, Quiz):
            found += _quiz_answer_problems(questionnaire, key, value, loc)
        else:
            found += _grid_answer_problems(questionnaire, key, value, loc)
    return found


def _quiz_answer_problems(quiz: Quiz, key: str, value: Any, loc: Loc) -> list[LocatedMessage]:
    question = quiz.question(key)
    if question is None:
        known = ", ".join(q.id for q in quiz.questions)
        return [(loc, f"unknown question {key!r} (questions: {known})")]
    if value is None:
        return []
    if not isinstance(value, str):
        return [(loc, "expected an option id, e.g. 'a'")]
    if question.option(value) is None:
        known = ", ".join(o.id for o in question.options)
        return [(loc, f"unknown option {value!r} for {key} (options: {known})")]
    return []


def _grid_answer_problems(grid: Grid, key: str, value: Any, loc: Loc) -> list[LocatedMessage]:
    if grid.capability(key) is None:
        if any(c.id == key for c in grid.categories):
            return [(loc, f"{key!r} is a category; rate its capabilities instead")]
        return [(loc, f"unknown capability {key!r}")]
    if value is None:
        return []
    if not isinstance(value, Rating):
        return [(loc, "expected a mapping {current: LEVEL, ideal: LEVEL} or n/a")]
    found: list[LocatedMessage] = []
    values = ", ".join(str(lv.value) for lv in grid.levels)
    for state in ("current", "ideal"):
        level = getattr(value, state)
        if level == NOT_APPLICABLE and not grid.not_applicable:
            found.append(((*loc, state), "n/a is not allowed by this questionnaire"))
        elif isinstance(level, int) and grid.level(level) is None:
            found.append(((*loc, state), f"unknown level {level} (levels: {values})"))
    if value.not_applicable and (isinstance(value.current, int) or isinstance(value.ideal, int)):
        found.append(
            (loc, "a capability is either not applicable or rated, not both (n/a with a level)")
        )
    return found


def questionnaire_schema() -> dict[str, Any]:
    """JSON Schema of the questionnaire format (for editors and the ``schema`` verb)."""
    from pydantic import TypeAdapter

    # One schema for every data file of a catalogue folder: the two kinds of
    # questionnaire and the KPI catalogue (``kind: kpis``).
    document = Annotated[Quiz | Grid | KpiCatalogue, Field(discriminator="kind")]
    schema = TypeAdapter(document).json_schema()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://github.com/cxmaturity/cxmaturity/questionnaire.schema.json",
        "title": "cxmaturity questionnaire (schema_version 1)",
        **schema,
    }
