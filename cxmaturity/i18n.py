"""User-facing strings of the product in Spanish and English.

Questionnaire texts live in the questionnaires; this module holds the strings of
the product itself (CLI output, screens, report). Every key has every language;
a test keeps it so.
"""

from __future__ import annotations

LANGUAGES: tuple[str, ...] = ("es", "en")
DEFAULT_LANGUAGE = "es"

STRINGS: dict[str, dict[str, str]] = {
    "version": {"es": "versión", "en": "version"},
    "respondents": {"es": "Personas que respondieron", "en": "Respondents"},
    "answered": {
        "es": "Respondidas: {answered} de {total} preguntas",
        "en": "Answered: {answered} of {total} questions",
    },
    "points": {
        "es": "Puntos: {points} (escala de {low} a {high})",
        "en": "Points: {points} (scale {low} to {high})",
    },
    "team_points": {
        "es": "Puntos del equipo (mediana inferior de {n} cuestionarios completos): {points}",
        "en": "Team points (lower median of {n} complete quizzes): {points}",
    },
    "band": {"es": "Resultado", "en": "Result"},
    "partial_quiz": {
        "es": "Resultado parcial: faltan preguntas por responder, aún no hay banda.",
        "en": "Partial result: some questions are unanswered, so there is no band yet.",
    },
    "no_complete": {
        "es": "Ningún cuestionario está completo: aún no hay puntos de equipo.",
        "en": "No quiz is complete yet: there are no team points.",
    },
    "distribution": {"es": "Distribución de respuestas", "en": "Distribution of answers"},
    "overall": {"es": "Madurez general", "en": "Overall maturity"},
    "current": {"es": "Actual", "en": "Current"},
    "ideal": {"es": "Ideal", "en": "Ideal"},
    "gap": {"es": "Brecha", "en": "Gap"},
    "priority": {"es": "Prioridad", "en": "Priority"},
    "level": {"es": "Nivel", "en": "Level"},
    "categories": {"es": "Categorías", "en": "Categories"},
    "rated_of": {"es": "{rated} de {total} valoradas", "en": "{rated} of {total} rated"},
    "rated_total": {
        "es": "Capacidades valoradas: {rated} de {total} ({na} no aplican)",
        "en": "Capabilities rated: {rated} of {total} ({na} not applicable)",
    },
    "partial_grid": {
        "es": "Resultado parcial: hay capacidades sin valorar; quedan fuera de los promedios.",
        "en": "Partial result: some capabilities are not rated; they are left out of the averages.",
    },
    "nothing_rated": {
        "es": "Aún no hay capacidades valoradas.",
        "en": "No capability is rated yet.",
    },
    "gaps": {"es": "Brechas por prioridad", "en": "Gaps by priority"},
    "no_gaps": {"es": "No hay brechas positivas.", "en": "There are no positive gaps."},
    "negative_gaps": {
        "es": "Brechas negativas (el ideal está por debajo de hoy)",
        "en": "Negative gaps (the ideal is below today)",
    },
    "spread": {"es": "dispersión", "en": "spread"},
    "not_available": {"es": "n/d", "en": "n/a"},
}


def t(key: str, lang: str, **values: object) -> str:
    """The string ``key`` in ``lang`` (falling back to Spanish), formatted with ``values``."""
    entry = STRINGS[key]
    text = entry.get(lang) or entry[DEFAULT_LANGUAGE]
    return text.format(**values) if values else text


def number(value: float | int | None, lang: str, decimals: int = 2) -> str:
    """A number as people write it in ``lang`` (decimal comma in Spanish)."""
    if value is None:
        return t("not_available", lang)
    if isinstance(value, int) or float(value).is_integer():
        return str(int(value))
    text = f"{value:.{decimals}f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") if lang == "es" else text


def decimal(value: float | None, lang: str, decimals: int = 2) -> str:
    """A mean value with fixed decimals (2,50 / 2.50), so columns line up."""
    if value is None:
        return t("not_available", lang)
    text = f"{value:.{decimals}f}"
    return text.replace(".", ",") if lang == "es" else text
