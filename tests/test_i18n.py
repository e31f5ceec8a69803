"""The product's message catalogues (gettext ``.po``, compiled ``.mo``) and the formats
of numbers and dates: every message in every language with every plural form, the
compiled files in step with the sources, and every key the code asks for present."""

from __future__ import annotations

import datetime as dt
import io
import re
import string
from dataclasses import dataclass
from pathlib import Path

import pytest
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po

from cxmaturity import i18n

ROOT = Path(__file__).resolve().parent.parent
CODE = ROOT / "cxmaturity"


@dataclass(frozen=True)
class Message:
    key: str
    forms: tuple[str, ...]  # one string, or every plural form in the language's order
    plural: bool


def _po(lang: str) -> Path:
    return i18n.LOCALE_DIR / lang / "LC_MESSAGES" / f"{i18n.DOMAIN}.po"


def catalogue(lang: str) -> list[Message]:
    """Every message of ``lang``'s ``.po`` file, in file order."""
    with open(_po(lang), "rb") as handle:
        source = read_po(handle, locale=lang)
    messages = []
    for entry in source:
        if not entry.id:
            continue  # the header
        plural = isinstance(entry.id, tuple)
        key = entry.id[0] if plural else entry.id
        forms = tuple(entry.string) if plural else (entry.string,)
        messages.append(Message(key, forms, plural))
    return messages


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_message_has_every_language_and_every_plural_form():
    by_lang = {lang: {m.key: m for m in catalogue(lang)} for lang in i18n.LANGUAGES}
    keys = {lang: set(found) for lang, found in by_lang.items()}
    assert keys["es"] == keys["en"]
    assert len(keys["es"]) > 500
    for lang, found in by_lang.items():
        with open(_po(lang), "rb") as handle:
            expected_forms = read_po(handle, locale=lang).num_plurals
        for key, message in found.items():
            assert all(form.strip() for form in message.forms), (lang, key, "empty")
            if message.plural:
                assert len(message.forms) == expected_forms, (lang, key)
    for key in keys["es"]:
        es, en = by_lang["es"][key], by_lang["en"][key]
        assert es.plural == en.plural, key
        # The same placeholders everywhere (a plural form may leave the count out:
        # "the biggest gaps are in ...").
        fields = {frozenset(_fields(form) - {"n"}) for m in (es, en) for form in m.forms}
        assert len(fields) == 1, (key, fields)


def test_the_compiled_catalogues_are_in_step_with_the_sources():
    for lang in i18n.LANGUAGES:
        with open(_po(lang), "rb") as handle:
            source = read_po(handle, locale=lang)
        fresh = io.BytesIO()
        write_mo(fresh, source)
        fresh.seek(0)
        with open(_po(lang).with_suffix(".mo"), "rb") as handle:
            committed = read_mo(handle)
        compiled = read_mo(fresh)
        pairs = lambda c: sorted((str(m.id), str(m.string)) for m in c if m.id)  # noqa: E731
        assert pairs(committed) == pairs(compiled), (
            f"{lang}: run `pybabel compile -d cxmaturity/locale -D cxmaturity`"
        )


KEY_CALL = re.compile(r"\btn?\(\s*\"([a-z0-9_]+)\"")


def test_every_key_the_code_asks_for_exists():
    known = {m.key for m in catalogue("es")}
    plural = {m.key for m in catalogue("es") if m.plural}
    asked: dict[str, set[str]] = {}
    for path in CODE.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        for match in KEY_CALL.finditer(text):
            call = "tn" if text[match.start() : match.start() + 2] == "tn" else "t"
            asked.setdefault(match.group(1), set()).add(call)
    assert len(asked) > 300
    missing = sorted(set(asked) - known)
    assert missing == []
    # A key with plural forms is asked for with a count, and only then.
    assert sorted(k for k, calls in asked.items() if "t" in calls and k in plural) == []
    assert sorted(k for k, calls in asked.items() if "tn" in calls and k not in plural) == []


@pytest.mark.parametrize(
    ("n", "es", "en"),
    [
        (1, "1 iniciativa añadida.", "1 initiative added."),
        (2, "2 iniciativas añadidas.", "2 initiatives added."),
        (0, "0 iniciativas añadidas.", "0 initiatives added."),
    ],
)
def test_plural_forms_follow_the_count(n, es, en):
    assert i18n.tn("plan_added", n, "es") == es
    assert i18n.tn("plan_added", n, "en") == en


def test_no_hand_made_plurals_remain():
    for lang in i18n.LANGUAGES:
        for message in catalogue(lang):
            for form in message.forms:
                assert not re.search(r"\w\((s|es)\)", form), (lang, message.key, form)
    # Nor in the engine's and the command line's own (English) messages.
    for path in sorted((ROOT / "cxmaturity").rglob("*.py")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            assert not re.search(r"\w\(s\)", line), f"{path.name}:{number}: {line.strip()}"


def test_unknown_keys_and_languages():
    with pytest.raises(KeyError):
        i18n.t("no_such_key", "es")
    with pytest.raises(KeyError):
        i18n.tn("no_such_key", 2, "en")
    assert i18n.t("version", "fr") == i18n.t("version", "es")  # Spanish by default


def test_numbers_and_dates_in_each_language():
    assert i18n.number(2.5, "es") == "2,5"
    assert i18n.number(2.5, "en") == "2.5"
    assert i18n.number(3.0, "es") == "3"
    assert i18n.number(12500, "es") == "12.500"
    assert i18n.number(12500, "en") == "12,500"
    assert i18n.number(None, "en") == i18n.t("not_available", "en")
    assert i18n.decimal(2.5, "es") == "2,50"
    assert i18n.decimal(2.5, "en") == "2.50"
    day = dt.date(2026, 11, 22)
    assert i18n.long_date(day, "es") == "22 de noviembre de 2026"
    assert i18n.long_date(day, "en") == "November 22, 2026"
    assert i18n.short_date(day, "es") == "22 nov 2026"
    assert "preguntas 1 y 3" in i18n.capped_text([1, 3], "es")
    assert "1 and 3" in i18n.capped_text([1, 3], "en")


def test_a_value_that_ends_a_sentence_does_not_double_its_stop():
    assert i18n.t("autosave_on", "es", org="Acme S.A.") == "Se guarda automáticamente en Acme S.A."
    assert i18n.t("autosave_on", "en", org="Acme") == "Saved automatically in Acme."
    assert i18n.t("autosave_on", "en", org="Wait...") == "Saved automatically in Wait...."
