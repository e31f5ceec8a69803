"""User-facing strings of the product in Spanish and English, and numbers and dates
as people write them in each.

The strings live in gettext message catalogues, one per language:
``cxmaturity/locale/<lang>/LC_MESSAGES/cxmaturity.po``. Each entry's id is the key the
code asks for (``t("report_summary", lang)``); an entry that goes with a count has plural
forms (``tn``), by the language's own plural rule (CLDR's, as Babel writes it). The
``.po`` files are compiled with Babel (``pybabel compile -d cxmaturity/locale -D
cxmaturity``) into the ``.mo`` files read here with the standard library's
:mod:`gettext`; a test keeps the two in step and every key in every language with every
plural form. Numbers and dates go through Babel in the page's language (decimal comma
and Spanish month names in Spanish); Babel is imported on first use, so the command
line's ``score --json`` never loads it.
"""

from __future__ import annotations

import datetime as dt
import functools
import gettext
import re
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .model import Kpi

LANGUAGES: tuple[str, ...] = ("es", "en")
DEFAULT_LANGUAGE = "es"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DOMAIN = "cxmaturity"
PLURAL_SUFFIX = ".plural"  # an entry's plural id: its key and this


class _Missing(gettext.NullTranslations):
    """The end of a catalogue: an id it lacks is an error, not shown as the id."""

    def gettext(self, message: str) -> str:
        raise KeyError(message)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        raise KeyError(msgid1)


@functools.cache
def translations(lang: str) -> gettext.GNUTranslations:
    """The compiled catalogue of ``lang`` (one of :data:`LANGUAGES`), read once."""
    if lang not in LANGUAGES:
        raise KeyError(lang)
    with open(LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.mo", "rb") as handle:
        found = gettext.GNUTranslations(handle)
    found.add_fallback(_Missing())
    return found


def _known(lang: str) -> str:
    return lang if lang in LANGUAGES else DEFAULT_LANGUAGE


# A sentence's own full stop after a value that already ends one ("Acme S.A." + ".",
# "¿Qué tan madura…?" + "."): one mark, not two. An ellipsis is left alone.
_DOUBLED_STOP = re.compile(r"(?<!\.)([.?!])\.(?!\.)")


def _tidy(text: str) -> str:
    return _DOUBLED_STOP.sub(r"\1", text)


def t(key: str, lang: str, **values: object) -> str:
    """The string ``key`` in ``lang`` (Spanish for a language the product lacks),
    formatted with ``values``. An unknown key raises KeyError."""
    text = translations(_known(lang)).gettext(key)
    return _tidy(text.format(**values)) if values else text


def tn(key: str, n: int, lang: str, **values: object) -> str:
    """The string ``key`` in ``lang`` in the plural form for the count ``n`` (given to
    the text as ``{n}``), formatted with ``values``."""
    text = translations(_known(lang)).ngettext(key, key + PLURAL_SUFFIX, n)
    return _tidy(text.format(n=n, **values))


def capped_text(numbers: list[int], lang: str) -> str:
    """Why a quiz result is below its points' band: "capped by question 2" / "by
    questions 1 and 3" (empty when nothing capped it)."""
    if not numbers:
        return ""
    if len(numbers) == 1:
        return t("quiz_capped_one", lang, n=numbers[0])
    return t("quiz_capped_many", lang, n=joined([str(n) for n in numbers], lang))


def joined(items: list[str], lang: str) -> str:
    """Items as a sentence lists them in ``lang``: "a, b y c" / "a, b, and c"."""
    from babel.lists import format_list

    return format_list(items, locale=_known(lang))


def long_date(day: dt.date, lang: str) -> str:
    """A date as people write it: 22 de noviembre de 2026 / November 22, 2026."""
    from babel.dates import format_date

    return format_date(day, format="long", locale=_known(lang))


def short_date(day: dt.date, lang: str) -> str:
    """A date in a table: 22 nov 2026 / Nov 22, 2026."""
    from babel.dates import format_date

    return format_date(day, format="medium", locale=_known(lang))


def number(value: float | int | None, lang: str, decimals: int = 2) -> str:
    """A number as people write it in ``lang``: at most ``decimals`` decimals, none
    when it is whole, the language's decimal sign (2,5 / 2.5) and grouping."""
    if value is None:
        return t("not_available", lang)
    from babel.numbers import format_decimal

    pattern = "#,##0" + ("." + "#" * decimals if decimals > 0 else "")
    return format_decimal(value, format=pattern, locale=_known(lang))


def kpi_label(kpi: Kpi, lang: str) -> str:
    """A KPI's name with its unit and valid range: ``NPS (puntos, de −100 a 100)``."""
    low = number(kpi.min, lang) if kpi.min is not None else ""
    high = number(kpi.max, lang) if kpi.max is not None else ""
    if kpi.min is not None and kpi.max is not None:
        span = t("kpi_range_both", lang, low=low, high=high)
    elif kpi.min is not None or kpi.max is not None:
        span = t(
            "kpi_range_min" if kpi.min is not None else "kpi_range_max", lang, low=low, high=high
        )
    else:
        span = ""
    unit = t(f"kpi_unit_{kpi.unit}", lang)
    return f"{kpi.name.get(lang)} ({', '.join(p for p in (unit, span) if p)})"


def kpi_help(kpi: Kpi, lang: str) -> str:
    """A KPI's definition and which way is better, as two sentences: "… (0 a 6). Más
    alto es mejor." (a definition without a closing full stop gets one)."""
    definition = kpi.definition.get(lang).rstrip()
    if definition and definition[-1] not in ".!?…":
        definition += "."
    return f"{definition} {t(f'kpi_better_{kpi.direction}', lang)}"


def kpi_change(delta: float | None, improved: bool | None, lang: str) -> str:
    """A KPI's change in words and an arrow (never by color alone): ``▲ mejor (+3)``."""
    if delta is None:
        return ""
    if improved is None:
        return t("kpi_change_same", lang)
    sign = "+" if delta > 0 else "−"
    text = f"{sign}{number(abs(delta), lang)}"
    return t("kpi_change_better" if improved else "kpi_change_worse", lang, delta=text)


def decimal(value: float | None, lang: str, decimals: int = 2) -> str:
    """A mean value with fixed decimals (2,50 / 2.50), so columns line up."""
    if value is None:
        return t("not_available", lang)
    from babel.numbers import format_decimal

    pattern = "#,##0" + ("." + "0" * decimals if decimals > 0 else "")
    return format_decimal(value, format=pattern, locale=_known(lang))
