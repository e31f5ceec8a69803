"""The KPI catalogue and the initiative fields: every invalid case named with its file,
line and location; values checked against the catalogue's ranges."""

from __future__ import annotations

import pytest

from cxmaturity.errors import InvalidInput
from cxmaturity.loader import Catalog, kpis_from, parse, parse_questionnaire, questionnaire_from
from cxmaturity.model import KpiCatalogue

from .conftest import ASSESSMENTS

KPIS = b"""schema_version: 1
kind: kpis
id: test-kpis
languages: [es, en]
kpis:
  - id: nps
    name: {es: NPS, en: NPS}
    definition: {es: Promotores menos detractores, en: Promoters minus detractors}
    unit: points
    direction: higher
    min: -100
    max: 100
    group: operational
  - id: cost
    name: {es: Costo, en: Cost}
    definition: {es: Costo por contacto, en: Cost per contact}
    unit: currency
    direction: lower
    min: 0
    group: business
"""


def _kpis(raw: bytes = KPIS) -> KpiCatalogue:
    return kpis_from(parse(raw, "kpis.yaml"))


def test_a_valid_catalogue_is_read():
    kpis = _kpis()
    assert kpis.ids == ["nps", "cost"]
    cost = kpis.get("cost")
    assert cost is not None and cost.improved(3.0, 2.5) is True and cost.improved(2, 2) is None
    assert kpis.value_problems({"nps": 30.0, "cost": None}) == {}
    assert kpis.value_problems({"nps": 101.0}) == {"nps": "nps must be from -100 to 100, not 101"}
    assert kpis.value_problems({"cost": -1.0}) == {"cost": "cost must be at least 0, not -1"}
    assert "unknown KPI 'x'" in kpis.value_problems({"x": 1.0})["x"]


@pytest.mark.parametrize(
    ("change", "location", "message"),
    [
        ((b"unit: points", b"unit: euros"), "kpis[0].unit", "'points', 'percent'"),
        ((b"direction: lower", b"direction: down"), "kpis[1].direction", "'higher' or 'lower'"),
        ((b"min: -100\n    max: 100", b"min: 100\n    max: -100"), "kpis[0].max",
         "max -100 is below min 100"),
        ((b"  - id: cost", b"  - id: nps"), "kpis[1].id",
         "duplicate KPI id 'nps' (first at kpis[0].id)"),
        ((b"group: business", b"group: finance"), "kpis[1].group", "'business' or 'operational'"),
        ((b"{es: Costo por contacto, en: Cost per contact}", b"{es: Costo por contacto}"),
         "kpis[1].definition", "missing language(s): en"),
        ((b"    group: business\n", b"    group: business\n    target: 3\n"), "kpis[1].target",
         "unknown key 'target'"),
    ],
)  # fmt: skip
def test_invalid_catalogues_are_named(change, location, message):
    with pytest.raises(InvalidInput) as raised:
        _kpis(KPIS.replace(*change))
    text = str(raised.value)
    assert f": {location}: " in text and message in text, text
    assert text.startswith("kpis.yaml:"), text  # with the line


GRID = (ASSESSMENTS / "avaya-capability-grid.yaml").read_bytes()


def test_a_grid_naming_a_kpi_outside_the_catalogue_is_invalid_with_its_line():
    raw = GRID.replace(b"kpi: revenue-per-contact", b"kpi: happiness", 1)
    with pytest.raises(InvalidInput) as raised:
        questionnaire_from(parse(raw, "g.yaml"), _kpis())
    text = str(raised.value)
    location = "categories[0].capabilities[0].initiatives[0].kpi"
    assert "g.yaml:" in text and f": {location}: unknown KPI 'happiness'" in text, text
    # Against the bundled catalogue every KPI of the bundled grid is known.
    questionnaire_from(parse(GRID, "g.yaml"), Catalog.lazy([ASSESSMENTS]).kpis)


def test_a_duplicate_initiative_id_is_invalid_with_its_line():
    raw = GRID.replace(b"id: bi-contact-reasons", b"id: bi-experience-dashboard", 1)
    with pytest.raises(InvalidInput) as raised:
        parse_questionnaire(raw, "g.yaml")
    text = str(raised.value)
    assert (
        ": categories[0].capabilities[0].initiatives[1].id: duplicate initiative id "
        "'bi-experience-dashboard' (first at categories[0].capabilities[0].initiatives[0].id)"
    ) in text, text


@pytest.mark.parametrize(
    ("change", "location", "message"),
    [
        ((b"effort: medium", b"effort: huge"), "initiatives[0].effort", "'small', 'medium'"),
        ((b"kpi: revenue-per-contact", b"kpi: Revenue"), "initiatives[0].kpi", "is not a valid id"),
    ],
)  # fmt: skip
def test_invalid_initiative_fields_are_named(change, location, message):
    with pytest.raises(InvalidInput) as raised:
        parse_questionnaire(GRID.replace(*change, 1), "g.yaml")
    text = str(raised.value)
    assert f"categories[0].capabilities[0].{location}: " in text and message in text, text


def test_an_initiative_without_an_id_gets_one_from_its_position():
    raw = GRID.replace(b"- id: bi-contact-reasons\n            title:", b"- title:", 1)
    grid = parse_questionnaire(raw, "g.yaml")
    capability = grid.capability("business-intelligence")
    assert [i.id for i in capability.initiatives] == [
        "bi-experience-dashboard", "business-intelligence-2"
    ]  # fmt: skip
    assert capability.initiative("business-intelligence-1").id == "bi-experience-dashboard"
    assert capability.initiative("business-intelligence-3") is None


def test_the_catalogue_folder_without_kpis_uses_the_fallback(tmp_path):
    (tmp_path / "g.yaml").write_bytes(GRID)
    assert Catalog.lazy([tmp_path]).kpis is None
    fallback = Catalog.lazy([tmp_path], ASSESSMENTS / "kpis.yaml")
    assert fallback.kpis is not None and "nps" in fallback.kpis.ids
    assert fallback.get("avaya-capability-grid") is not None
