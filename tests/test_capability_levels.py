"""Per-capability level texts (`levels` on a capability): read, shown where people
rate, and every invalid case named with its file, line and location."""

from __future__ import annotations

import re

import pytest

from cxmaturity.errors import InvalidInput
from cxmaturity.loader import parse_questionnaire
from cxmaturity.model import Grid

from .conftest import ASSESSMENTS

LEVELS = (
    b"        levels:\n"
    b"          1: {es: Sin datos, en: No data}\n"
    b"          2: {es: Informes sueltos, en: Scattered reports}\n"
    b"          3: {es: Un tablero, en: One dashboard}\n"
    b"          4: {es: Decisiones con datos, en: Data-driven decisions}\n"
)
ANCHOR = b"      - id: business-intelligence\n"


BUNDLED_LEVELS = re.compile(rb"        levels:\n(?:          \d+:\n(?:            .*\n)+)+")


def _grid(levels: bytes = LEVELS) -> bytes:
    """The bundled grid with its capabilities' level texts taken out and ``levels``
    given to business intelligence."""
    raw, count = BUNDLED_LEVELS.subn(b"", (ASSESSMENTS / "avaya-capability-grid.yaml").read_bytes())
    assert count == 25 and raw.count(ANCHOR) == 1
    return raw.replace(ANCHOR, ANCHOR + levels)


def test_level_texts_are_read_and_shown_where_people_rate():
    from cxmaturity.model import Rating
    from cxmaturity.ui.components.grid import levels_list

    def levels_line(grid, capability, lang, ui_lang, rating=None):
        return levels_list(grid, capability, rating or Rating(), lang, ui_lang, with_labels=True)

    grid = parse_questionnaire(_grid(), "g.yaml")
    assert isinstance(grid, Grid)
    capability = grid.capability("business-intelligence")
    assert capability is not None and capability.level_text(3, "en") == "One dashboard"
    line = levels_line(grid, capability, "es", "es")
    assert "**3** · " in line and "Un tablero" in line
    other = grid.capability("billing")
    assert other is not None and other.level_text(3, "en") is None  # none given: the label
    assert "Un tablero" not in levels_line(grid, other, "es", "es")
    # Chosen levels are marked in words, in the grid's card too (own texts only).
    chosen = levels_list(grid, capability, Rating(current=3, ideal=4), "es", "es")
    assert "**3 · Un tablero ← Hoy**" in chosen and "← Ideal**" in chosen


@pytest.mark.parametrize(
    ("change", "location", "message"),
    [
        ((b"          4: {es: Decisiones con datos, en: Data-driven decisions}\n", b""),
         "categories[0].capabilities[0].levels", "missing level 4 (every level: 1, 2, 3, 4)"),
        ((b"          4: {es: Decisiones", b"          7: {es: Decisiones"),
         "categories[0].capabilities[0].levels[7]", "unknown level 7 (levels: 1, 2, 3, 4)"),
        ((b"{es: Sin datos, en: No data}", b"{es: Sin datos}"),
         "categories[0].capabilities[0].levels[1]", "missing language: en"),
    ],
)  # fmt: skip
def test_invalid_level_texts_are_named(change, location, message):
    with pytest.raises(InvalidInput) as raised:
        parse_questionnaire(_grid(LEVELS.replace(*change)), "g.yaml")
    text = str(raised.value)
    assert f": {location}: {message}" in text, text
    assert text.startswith("g.yaml:"), text  # with the line of the field
