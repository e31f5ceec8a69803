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
    "not_applicable_short": {"es": "N/A", "en": "N/A"},
    "not_applicable": {"es": "No aplica", "en": "Not applicable"},
    "points_axis": {"es": "Puntos", "en": "Points"},
    # ------------------------------------------------------------------ app shell
    "app_title": {
        "es": "Madurez de la experiencia del cliente",
        "en": "Customer experience maturity",
    },
    "app_tagline": {
        "es": "Vea dónde está su organización, a dónde quiere llegar y qué hacer para cerrar la brecha.",
        "en": "See where your organisation stands, where it wants to be and what to do to close the gap.",
    },
    "language": {"es": "Idioma", "en": "Language"},
    "nav_home": {"es": "Inicio", "en": "Home"},
    "nav_answer": {"es": "Responder", "en": "Answer"},
    "nav_results": {"es": "Resultados", "en": "Results"},
    "organization": {"es": "Organización", "en": "Organisation"},
    "organization_help": {
        "es": "Aparece en los resultados y en los archivos de respuestas.",
        "en": "Shown in the results and in the answers files.",
    },
    "organization_placeholder": {"es": "p. ej. Acme S.A.", "en": "e.g. Acme Ltd"},
    "respondent": {"es": "Su nombre (opcional)", "en": "Your name (optional)"},
    # ---------------------------------------------------------------------- home
    "questionnaires": {"es": "Cuestionarios", "en": "Questionnaires"},
    "kind_quiz": {"es": "Prueba rápida", "en": "Quick quiz"},
    "kind_grid": {"es": "Matriz de capacidades", "en": "Capability grid"},
    "items_quiz": {"es": "{n} preguntas", "en": "{n} questions"},
    "items_grid": {"es": "{n} capacidades", "en": "{n} capabilities"},
    "minutes": {"es": "≈ {n} min", "en": "≈ {n} min"},
    "start": {"es": "Comenzar", "en": "Start"},
    "continue": {"es": "Continuar", "en": "Continue"},
    "progress_short": {"es": "{done} de {total} respondidas", "en": "{done} of {total} answered"},
    "broken_files": {
        "es": "Estos archivos de cuestionario tienen errores y no se pueden usar:",
        "en": "These questionnaire files have errors and cannot be used:",
    },
    "unknown_questionnaire": {
        "es": "No encontramos el cuestionario «{id}». Elija uno de la lista.",
        "en": "We could not find the questionnaire “{id}”. Please choose one from the list.",
    },
    "unsupported_language": {
        "es": "El idioma «{lang}» no está disponible; se muestra en {used}.",
        "en": "The language “{lang}” is not available; showing {used}.",
    },
    "no_questionnaires": {
        "es": "No hay cuestionarios válidos en la carpeta assessments/.",
        "en": "There are no valid questionnaires in the assessments/ folder.",
    },
    "choose_first": {
        "es": "Elija primero un cuestionario en la página de inicio.",
        "en": "Choose a questionnaire on the home page first.",
    },
    "go_home": {"es": "Ir al inicio", "en": "Go to the home page"},
    "source": {"es": "Fuente", "en": "Source"},
    # ---------------------------------------------------------------------- quiz
    "answered_progress": {
        "es": "Respondidas {done} de {total}",
        "en": "Answered {done} of {total}",
    },
    "your_result": {"es": "Su resultado", "en": "Your result"},
    "points_label": {"es": "Puntos", "en": "Points"},
    "points_of": {"es": "de {low} a {high}", "en": "from {low} to {high}"},
    "quiz_incomplete": {
        "es": "Responda todas las preguntas para ver su resultado.",
        "en": "Answer every question to see your result.",
    },
    "see_results": {"es": "Ver resultados", "en": "See results"},
    # ---------------------------------------------------------------------- grid
    "category": {"es": "Categoría", "en": "Category"},
    "levels_help": {
        "es": "Niveles de madurez: califique cada capacidad hoy y en el estado ideal final.",
        "en": "Maturity levels: rate each capability today and in the ideal end state.",
    },
    "current_state": {"es": "Hoy", "en": "Today"},
    "ideal_state": {"es": "Ideal", "en": "Ideal"},
    "note": {"es": "Nota", "en": "Note"},
    "note_placeholder": {"es": "Comentario opcional", "en": "Optional comment"},
    "rated_progress": {
        "es": "Valoradas {done} de {total} capacidades",
        "en": "Rated {done} of {total} capabilities",
    },
    "na_blocks_ideal": {
        "es": "No aplica: queda fuera de los promedios.",
        "en": "Not applicable: left out of the averages.",
    },
    # ------------------------------------------------------------------- results
    "results_title": {"es": "Resultados", "en": "Results"},
    "partial_label": {"es": "Resultado parcial", "en": "Partial result"},
    "partial_detail": {
        "es": "{rated} de {total} capacidades valoradas ({na} no aplican). Las que faltan quedan fuera de los promedios.",
        "en": "{rated} of {total} capabilities rated ({na} not applicable). The missing ones are left out of the averages.",
    },
    "level_today": {"es": "Nivel hoy", "en": "Level today"},
    "level_ideal": {"es": "Nivel ideal", "en": "Ideal level"},
    "overall_gap": {"es": "Brecha general", "en": "Overall gap"},
    "by_category": {
        "es": "Por categoría: hoy frente al ideal",
        "en": "By category: today against the ideal",
    },
    "all_capabilities": {"es": "Todas las capacidades", "en": "All capabilities"},
    "gap_table": {
        "es": "Brechas por prioridad e iniciativas sugeridas",
        "en": "Gaps by priority and suggested initiatives",
    },
    "rank": {"es": "N.º", "en": "#"},
    "capability": {"es": "Capacidad", "en": "Capability"},
    "initiatives": {"es": "Iniciativas sugeridas", "en": "Suggested initiatives"},
    "negative_title": {
        "es": "Brechas negativas: el ideal está por debajo de hoy",
        "en": "Negative gaps: the ideal is below today",
    },
    "negative_help": {
        "es": "Posible sobreinversión, o un ideal que conviene revisar en el taller.",
        "en": "Possible over-investment, or an ideal worth revisiting in the workshop.",
    },
    "no_answers_yet": {
        "es": "Todavía no hay respuestas para este cuestionario.",
        "en": "There are no answers for this questionnaire yet.",
    },
    "edit_answers": {"es": "Editar respuestas", "en": "Edit answers"},
    # --------------------------------------------------------------- answers I/O
    "save_resume": {"es": "Guardar o retomar respuestas", "en": "Save or resume answers"},
    "download_answers": {"es": "Descargar respuestas", "en": "Download answers"},
    "upload_answers": {"es": "Subir un archivo de respuestas", "en": "Upload an answers file"},
    "upload_help": {
        "es": "Un archivo YAML o JSON descargado antes (o escrito según el formato de respuestas).",
        "en": "A YAML or JSON file downloaded earlier (or written in the answers format).",
    },
    "upload_ok": {"es": "Respuestas cargadas desde {name}.", "en": "Answers loaded from {name}."},
    "upload_invalid": {
        "es": "El archivo no es válido; no se cambió nada:",
        "en": "The file is not valid; nothing was changed:",
    },
    "upload_other_questionnaire": {
        "es": "El archivo es de «{other}»; se cargó en ese cuestionario.",
        "en": "The file is for “{other}”; it was loaded into that questionnaire.",
    },
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
