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
         "kpis[1].definition", "missing language: en"),
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


# ------------------------------------------------------- readings, trend, report


def test_readings_and_series_follow_the_catalogue():
    import datetime as dt

    from cxmaturity.i18n import kpi_change
    from cxmaturity.metrics import kpi_series, readings

    kpis = _kpis()
    rows = readings(kpis, {"cost": 2.5, "gone": 1.0}, {"cost": 3.0, "nps": 10.0})
    assert [(r.kpi.id, r.value, r.before, r.improved) for r in rows] == [
        ("nps", None, 10.0, None), ("cost", 2.5, 3.0, True)  # lower cost is better
    ]  # fmt: skip
    assert kpi_change(rows[1].delta, rows[1].improved, "es") == "▲ mejor (−0,5)"
    assert kpi_change(-4.0, False, "en") == "▼ worse (−4)"
    assert kpi_change(0.0, None, "en") == "= unchanged"
    jan, jul, dec = dt.date(2026, 1, 5), dt.date(2026, 7, 5), dt.date(2026, 12, 5)
    series = kpi_series(kpis, [(jan, {"nps": 5.0}), (jul, {}), (dec, {"nps": 2.0}),
                               (dec, {"nps": 12.0})])  # fmt: skip
    assert [(s.kpi.id, s.points) for s in series] == [("nps", ((jan, 5.0), (dec, 12.0)))]
    assert series[0].latest.improved is True and series[0].latest.delta == 7.0


def test_the_report_shows_the_kpis_and_the_richer_plan(tmp_path):
    from cxmaturity.loader import load_answers
    from cxmaturity.metrics import readings
    from cxmaturity.report import build_report, report_data

    from .test_report import EXAMPLES, flat, pdf_text

    catalog = Catalog.lazy([ASSESSMENTS])
    answers, grid = load_answers(EXAMPLES / "acme-grid.yaml", catalog)
    kpis = catalog.kpis
    values = readings(
        kpis, {"nps": 24.0, "cost-per-contact": 3.1}, {"nps": 18.0, "cost-per-contact": 3.4}
    )
    data = report_data([(grid, [answers])], "es", kpis=values, catalogue=kpis)
    text = flat(pdf_text(build_report(data), tmp_path))
    section = text[text.index("Indicadores de negocio y operación") :]
    assert "Costo por contacto (moneda, desde 0) 3,1 3,4 ▲ mejor (−0,3)" in section
    assert "Net Promoter Score (NPS) (puntos, de -100 a 100) 24 18 ▲ mejor (+6)" in section
    plan = text[text.index("Plan de iniciativas") :]
    assert "Primer paso: Formar un comité de experiencia" in plan
    assert "Indicador: Net Promoter Score (NPS)" in plan
    assert "Lo lidera: Líder de experiencia del cliente" in plan and "Esfuerzo: medio" in plan
    appendix = text[text.index("Definición de los indicadores") :]
    assert "porcentaje de detractores (0 a 6). Más alto es mejor." in appendix
    assert "Más bajo es mejor." in appendix


def test_a_kpis_help_is_its_definition_then_which_way_is_better() -> None:
    from cxmaturity.i18n import kpi_help

    kpis = {k.id: k for k in _kpis().kpis}
    # A definition without a full stop gets one; "which way" is a sentence of its own.
    assert kpi_help(kpis["nps"], "es") == "Promotores menos detractores. Más alto es mejor."
    assert kpi_help(kpis["cost"], "en") == "Cost per contact. Lower is better."
    bundled = {k.id: k for k in Catalog.from_dirs([ASSESSMENTS]).kpis.kpis}
    text = kpi_help(bundled["nps"], "es")
    assert text.endswith("(0 a 6). Más alto es mejor."), text  # never ". (más alto …)"
