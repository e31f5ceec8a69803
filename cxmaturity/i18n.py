"""User-facing strings of the product in Spanish and English.

Questionnaire texts live in the questionnaires; this module holds the strings of
the product itself (CLI output, screens, report). Every key has every language;
a test keeps it so.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .model import Kpi

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
        "en": "See where your organization stands, where it wants to be and what to do to close the gap.",
    },
    "language": {"es": "Idioma", "en": "Language"},
    "nav_home": {"es": "Inicio", "en": "Home"},
    "nav_answer": {"es": "Responder", "en": "Answer"},
    "nav_results": {"es": "Resultados", "en": "Results"},
    "organization": {"es": "Organización", "en": "Organization"},
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
    "grid_categories": {"es": "Categorías", "en": "Categories"},
    "next_category": {"es": "Siguiente: {name}", "en": "Next: {name}"},
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
    "initiative_details": {
        "es": "Las iniciativas sugeridas, en detalle",
        "en": "The suggested initiatives, in detail",
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
    # -------------------------------------------------------------------- report
    "language_name": {"es": "Español", "en": "English"},
    "report_title": {
        "es": "Madurez de la gestión de la experiencia del cliente",
        "en": "Customer experience management maturity",
    },
    "report_subtitle": {
        "es": "Brechas e iniciativas",
        "en": "Gaps and initiatives",
    },
    "report_prepared_by": {"es": "Preparado por", "en": "Prepared by"},
    "report_date": {"es": "Fecha de la evaluación", "en": "Assessment date"},
    "report_language": {"es": "Idioma", "en": "Language"},
    "report_next_review": {"es": "Próxima revisión", "en": "Next review"},
    "report_next_review_text": {
        "es": "Próxima revisión: {date}, seis meses después de esta evaluación. Repita el cuestionario y compare con este informe.",
        "en": "Next review: {date}, six months after this assessment. Take the questionnaire again and compare with this report.",
    },
    "report_respondent_count": {
        "es": "{n} persona(s): {names}",
        "en": "{n} respondent(s): {names}",
    },
    "report_anonymous": {"es": "sin nombre", "en": "unnamed"},
    "report_questionnaire_line": {
        "es": "{title} (versión {version}) · {n} respuesta(s)",
        "en": "{title} (version {version}) · {n} answer(s)",
    },
    "report_summary": {"es": "Resumen ejecutivo", "en": "Executive summary"},
    "report_quiz_points": {
        "es": "{points} puntos en una escala de {low} a {high}",
        "en": "{points} points on a scale from {low} to {high}",
    },
    "report_grid_levels": {
        "es": "Nivel hoy {current} ({current_label}) · ideal {ideal} ({ideal_label}) · brecha {gap}",
        "en": "Level today {current} ({current_label}) · ideal {ideal} ({ideal_label}) · gap {gap}",
    },
    "report_top_gaps": {"es": "Brechas principales", "en": "Top gaps"},
    "report_overview": {"es": "Vista general de las capacidades", "en": "Capability overview"},
    "report_gaps": {"es": "Brechas por prioridad", "en": "Gaps by priority"},
    "report_plan": {"es": "Plan de iniciativas", "en": "Initiatives plan"},
    "report_plan_default": {
        "es": "El equipo aún no editó el plan: se listan las iniciativas sugeridas para las {n} brechas principales.",
        "en": "The team has not edited the plan yet: these are the suggested initiatives for the top {n} gaps.",
    },
    "report_plan_empty": {
        "es": "El plan no tiene iniciativas.",
        "en": "The plan has no initiatives.",
    },
    "report_current_to_ideal": {"es": "Hoy → ideal", "en": "Today → ideal"},
    "initiative": {"es": "Iniciativa", "en": "Initiative"},
    "owner": {"es": "Responsable", "en": "Owner"},
    "due": {"es": "Fecha límite", "en": "Due date"},
    "status": {"es": "Estado", "en": "Status"},
    "priority_high": {"es": "Alta", "en": "High"},
    "priority_medium": {"es": "Media", "en": "Medium"},
    "priority_low": {"es": "Baja", "en": "Low"},
    "status_proposed": {"es": "Propuesta", "en": "Proposed"},
    "status_planned": {"es": "Planificada", "en": "Planned"},
    "status_in-progress": {"es": "En curso", "en": "In progress"},
    "status_done": {"es": "Hecha", "en": "Done"},
    "status_dropped": {"es": "Descartada", "en": "Dropped"},
    "report_notes": {"es": "Notas", "en": "Notes"},
    "report_no_notes": {"es": "No hay notas.", "en": "There are no notes."},
    "report_appendix": {
        "es": "Anexo: cómo se calculan los resultados",
        "en": "Appendix: how the results are computed",
    },
    "report_method_quiz": {
        "es": "Prueba rápida: cada opción vale los puntos indicados; los puntos son la suma de las opciones elegidas. La banda es la que contiene el total y solo existe cuando todas las preguntas tienen respuesta. Con varias personas, los puntos del equipo son la mediana inferior de los totales de quienes respondieron todo.",
        "en": "Quick quiz: each option is worth the points shown; the points are the sum of the chosen options. The band is the one that holds the total and exists only once every question is answered. With several respondents, the team points are the lower median of the totals of those who answered everything.",
    },
    "report_method_grid": {
        "es": "Matriz de capacidades: cada capacidad se califica hoy y en el estado ideal en los niveles de abajo; la brecha es ideal − hoy. Las capacidades que no aplican o sin calificar quedan fuera de los promedios. El valor de una categoría es la media ponderada de sus capacidades; el general, la media ponderada de las categorías. El nivel general es el más alto cuyo valor no supera el promedio. La prioridad de una brecha es brecha × peso de la capacidad × peso de la categoría. Con varias personas, cada capacidad toma la mediana de sus valores y la dispersión es máximo − mínimo.",
        "en": "Capability grid: each capability is rated today and in the ideal state on the levels below; the gap is ideal − today. Capabilities that do not apply or are not rated are left out of the averages. A category's value is the weighted mean of its capabilities; the overall value, the weighted mean of the categories. The overall level is the highest level whose value does not exceed the average. A gap's priority is gap × capability weight × category weight. With several respondents, each capability takes the median of their values and the spread is maximum − minimum.",
    },
    "report_bands": {"es": "Bandas", "en": "Bands"},
    "report_levels": {"es": "Niveles", "en": "Levels"},
    "report_page": {"es": "Página {page} de {pages}", "en": "Page {page} of {pages}"},
    "report_made_with": {
        "es": "Generado con cxmaturity, software libre de madurez de la experiencia del cliente.",
        "en": "Made with cxmaturity, open-source customer experience maturity software.",
    },
    "month_names": {
        "es": "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre",
        "en": "January February March April May June July August September October November December",
    },
    # ---------------------------------------------------------- plan and report
    "nav_plan": {"es": "Plan e informe", "en": "Plan & report"},
    "nav_branding": {"es": "Marca", "en": "Branding"},
    "plan_title": {"es": "Plan de iniciativas", "en": "Initiatives plan"},
    "plan_intro": {
        "es": "Por cada brecha, elija iniciativas sugeridas o escriba las suyas, y asigne responsable, fecha, prioridad y estado. El informe PDF usa este plan.",
        "en": "For each gap, pick suggested initiatives or write your own, and set owner, due date, priority and status. The PDF report uses this plan.",
    },
    "plan_default_note": {
        "es": "Aún sin editar: se muestran las iniciativas sugeridas para las {n} brechas principales.",
        "en": "Not edited yet: showing the suggested initiatives for the top {n} gaps.",
    },
    "plan_need_grid": {
        "es": "El plan parte de las brechas de la matriz de capacidades: valórela primero.",
        "en": "The plan starts from the gaps of the capability grid: rate it first.",
    },
    "plan_add": {"es": "Añadir iniciativas", "en": "Add initiatives"},
    "plan_gap": {"es": "Brecha", "en": "Gap"},
    "plan_suggestions": {"es": "Iniciativas sugeridas", "en": "Suggested initiatives"},
    "plan_own": {"es": "O una iniciativa propia", "en": "Or an initiative of your own"},
    "plan_add_button": {"es": "Añadir al plan", "en": "Add to the plan"},
    "plan_added": {"es": "{n} iniciativa(s) añadida(s).", "en": "{n} initiative(s) added."},
    "plan_nothing_to_add": {
        "es": "Elija una sugerencia o escriba una iniciativa.",
        "en": "Choose a suggestion or type an initiative.",
    },
    "plan_reset": {"es": "Volver a las sugerencias", "en": "Back to the suggestions"},
    "plan_reset_help": {
        "es": "Descarta los cambios y vuelve a las iniciativas sugeridas para las brechas principales.",
        "en": "Discards the changes and goes back to the suggested initiatives for the top gaps.",
    },
    "plan_download": {"es": "Descargar el plan (YAML)", "en": "Download the plan (YAML)"},
    "plan_download_help": {
        "es": "Para la línea de comandos: python -m cxmaturity report … --plan ARCHIVO",
        "en": "For the command line: python -m cxmaturity report … --plan FILE",
    },
    "plan_incomplete": {
        "es": "{n} fila(s) sin capacidad o sin iniciativa no entran en el informe.",
        "en": "{n} row(s) without a capability or an initiative are left out of the report.",
    },
    "report_section": {"es": "Informe PDF", "en": "PDF report"},
    "report_includes": {
        "es": "Incluye: {titles}. Idioma: {language}.",
        "en": "Includes: {titles}. Language: {language}.",
    },
    "report_download": {"es": "Descargar el informe PDF", "en": "Download the PDF report"},
    "report_nothing": {
        "es": "Responda al menos un cuestionario para generar el informe.",
        "en": "Answer at least one questionnaire to create the report.",
    },
    "report_branding_invalid": {
        "es": "El archivo de marca no es válido; el informe sale sin marca:",
        "en": "The branding file is not valid; the report is made without branding:",
    },
    "plan_and_report": {"es": "Plan e informe PDF", "en": "Plan and PDF report"},
    # ------------------------------------------------------------------ branding
    "branding_title": {"es": "Marca del informe", "en": "Report branding"},
    "branding_intro": {
        "es": "Nombre de su firma, logotipo y color: aparecen en la portada y en el encabezado de cada informe, desde la aplicación y desde la línea de comandos.",
        "en": "Your firm's name, logo and color: shown on the cover and in the header of every report, from the app and from the command line.",
    },
    "branding_firm": {"es": "Nombre de la firma", "en": "Firm name"},
    "branding_accent": {"es": "Color de acento", "en": "Accent color"},
    "branding_logo": {
        "es": "Logotipo (PNG o JPEG, hasta 2 MB)",
        "en": "Logo (PNG or JPEG, up to 2 MB)",
    },
    "branding_remove_logo": {"es": "Quitar el logotipo", "en": "Remove the logo"},
    "branding_current_logo": {"es": "Logotipo actual", "en": "Current logo"},
    "branding_save": {"es": "Guardar la marca", "en": "Save the branding"},
    "branding_saved": {"es": "Marca guardada en {path}.", "en": "Branding saved in {path}."},
    "branding_invalid": {
        "es": "No se guardó nada:",
        "en": "Nothing was saved:",
    },
    "branding_file": {
        "es": "Archivo de marca: {path} (también lo usa `python -m cxmaturity report`).",
        "en": "Branding file: {path} (also used by `python -m cxmaturity report`).",
    },
    # ------------------------------------------------------------------ autosave
    "autosave_on": {
        "es": "Se guarda automáticamente en {org}.",
        "en": "Saved automatically in {org}.",
    },
    "autosave_unsaved": {
        "es": "{n} respuesta(s) aún sin guardar: la base de datos no respondió. Se conservan aquí y se vuelven a intentar.",
        "en": "{n} answer(s) not saved yet: the database did not answer. They are kept here and tried again.",
    },
    "autosave_retry": {"es": "Intentar de nuevo ahora", "en": "Try again now"},
    "autosave_conflict": {
        "es": "«{item}»: otra pantalla guardó {theirs} mientras usted lo cambiaba; su cambio no se ha guardado.",
        "en": "“{item}”: another screen saved {theirs} while you were changing it; your change was not saved.",
    },
    "autosave_keep_mine": {"es": "Guardar el mío", "en": "Keep mine"},
    "kpi_unsaved": {
        "es": "{n} valor(es) aún sin guardar: la base de datos no respondió. Se conservan aquí y se vuelven a intentar.",
        "en": "{n} value(s) not saved yet: the database did not answer. They are kept here and tried again.",
    },
    "kpi_nothing_changed": {"es": "No ha cambiado nada.", "en": "Nothing has changed."},
    "kpi_final_yes": {"es": "final", "en": "final"},
    "kpi_final_no": {"es": "borrador", "en": "draft"},
    "plan_unsaved": {
        "es": "Cambios del plan aún sin guardar: la base de datos no respondió. Se conservan aquí y se vuelven a intentar.",
        "en": "Changes to the plan not saved yet: the database did not answer. They are kept here and tried again.",
    },
    "plan_conflict": {
        "es": "«{initiative}»: otra pantalla guardó esta fila así mientras usted la cambiaba: {theirs}. Su cambio no se ha guardado.",
        "en": "“{initiative}”: another screen saved this row as {theirs} while you were changing it; your change was not saved.",
    },
    "plan_conflict_deleted": {
        "es": "«{initiative}»: otra pantalla borró esta fila mientras usted la cambiaba; su cambio no se ha guardado.",
        "en": "“{initiative}”: another screen deleted this row while you were changing it; your change was not saved.",
    },
    "autosave_take_theirs": {"es": "Quedarme con el otro", "en": "Take theirs"},
    "autosave_pending": {
        "es": "Las respuestas se guardarán en {org} desde la primera.",
        "en": "The answers will be saved in {org} from the first one on.",
    },
    "autosave_off": {
        "es": "Sin guardar: elija una organización en Inicio para guardar estas respuestas; si no, se pierden al recargar la página.",
        "en": "Not saved: choose an organization on the home page to save these answers; otherwise they are lost when the page reloads.",
    },
    "autosave_visitor": {
        "es": "Sus respuestas se quedan en esta pestaña y se pierden al recargarla: descárguelas abajo, o inicie sesión para guardarlas en una organización.",
        "en": "Your answers stay in this tab and are lost when it reloads: download them below, or sign in to save them in an organization.",
    },
    "autosave_read_only": {
        "es": "{org}: puede ver esta evaluación; solo quienes la editan pueden cambiarla.",
        "en": "{org}: you can see this assessment; only its editors can change it.",
    },
    "not_saved_no_right": {
        "es": "No se ha guardado: su cuenta ya no puede cambiar esta evaluación (o ha cerrado la sesión). Recargue la página.",
        "en": "Not saved: your account may no longer change this assessment (or you signed out). Reload the page.",
    },
    "not_found_title": {"es": "No encontrado", "en": "Not found"},
    "not_found_or_not_yours": {
        "es": "No encontrado o no es suyo.",
        "en": "Not found or not yours.",
    },
    # ------------------------------------------------------------ home: saving
    "auth_sso_button": {"es": "Iniciar sesión con {name}", "en": "Sign in with {name}"},
    "auth_sso_default": {
        "es": "Iniciar sesión con la cuenta de la empresa",
        "en": "Sign in with your organization's account",
    },
    "auth_or_password": {
        "es": "O con correo electrónico y contraseña:",
        "en": "Or with email and password:",
    },
    "auth_sso_no_account": {
        "es": "No hay ninguna cuenta activa {email} en este servidor: pida a un administrador que la cree.",
        "en": "There is no active account {email} on this server: ask an admin to create it.",
    },
    "error_unexpected": {
        "es": "Algo ha fallado y no se ha podido mostrar esta parte. Lo guardado está a salvo; vuelva a intentarlo. Si se repite, indique este código a quien administra el servidor: {id}.",
        "en": "Something went wrong and this part could not be shown. What was saved is safe; please try again. If it happens again, give this code to whoever runs the server: {id}.",
    },
    "orgs_open": {"es": "Abrir sus resultados", "en": "Open its results"},
    "orgs_open_which": {"es": "Evaluación", "en": "Assessment"},
    "orgs_round_report": {
        "es": "Informe de esa ronda (PDF)",
        "en": "Report of that round (PDF)",
    },
    "home_save_in": {"es": "Guardar las respuestas en", "en": "Save the answers in"},
    "home_save_in_help": {
        "es": "Las organizaciones en las que su cuenta puede responder. Las respuestas se guardan allí según las da.",
        "en": "The organizations your account may answer for. The answers are saved there as you give them.",
    },
    "home_not_saved": {"es": "— No guardar (solo probar) —", "en": "— Do not save (just try) —"},
    "home_new_org": {"es": "Nueva organización", "en": "New organization"},
    "home_create_org": {"es": "Crear", "en": "Create"},
    "home_no_orgs": {
        "es": "Su cuenta aún no puede responder por ninguna organización: pida a su responsable que la comparta con usted como editor.",
        "en": "Your account may not answer for any organization yet: ask its owner to share it with you as an editor.",
    },
    "organization_help_visitor": {
        "es": "Solo aparece en su informe; no se guarda nada.",
        "en": "Only shown on your report; nothing is saved.",
    },
    "home_visitor_note": {
        "es": "Sin cuenta, sus respuestas no se guardan en el servidor: puede ver el resultado y descargar sus respuestas y el informe. Inicie sesión para guardarlas en una organización.",
        "en": "Without an account your answers are not stored on the server: you can see the result and download your answers and the report. Sign in to save them in an organization.",
    },
    # ------------------------------------------------------- access and sharing
    "access_owner": {"es": "propietario", "en": "owner"},
    "access_editor": {"es": "editor", "en": "editor"},
    "access_viewer": {"es": "lector", "en": "viewer"},
    "access_admin": {"es": "administración", "en": "admin"},
    "orgs_sign_in": {
        "es": "Inicie sesión para ver las organizaciones de su cuenta.",
        "en": "Sign in to see your account's organizations.",
    },
    "orgs_new_or_import": {
        "es": "Nueva organización o importar una",
        "en": "New organization, or import one",
    },
    "orgs_none_yours": {
        "es": "Su cuenta aún no tiene organizaciones. Quien crea una es su propietario; quien la posee puede compartirla con usted.",
        "en": "Your account has no organizations yet. Whoever creates one owns it; an owner can share theirs with you.",
    },
    "orgs_view_sharing": {"es": "Acceso", "en": "Access"},
    "share_email": {"es": "Correo electrónico", "en": "Email"},
    "share_access": {"es": "Acceso", "en": "Access"},
    "share_add": {"es": "Compartir con otra cuenta", "en": "Share with another account"},
    "share_button": {"es": "Compartir", "en": "Share"},
    "share_remove_who": {"es": "Quitar el acceso de", "en": "Remove the access of"},
    "share_remove": {"es": "Quitar acceso", "en": "Remove access"},
    "share_unknown": {
        "es": "No hay ninguna cuenta {email}: un administrador debe crearla antes.",
        "en": "There is no account {email}: an admin has to create it first.",
    },
    "share_last_owner": {
        "es": "Una organización conserva al menos un propietario.",
        "en": "An organization keeps at least one owner.",
    },
    "share_done": {"es": "Compartida con {email}.", "en": "Shared with {email}."},
    "share_removed": {"es": "{email} ya no tiene acceso.", "en": "{email} no longer has access."},
    "delete_title": {"es": "Borrar", "en": "Delete"},
    "delete_assessment_which": {"es": "Evaluación", "en": "Assessment"},
    "delete_assessment": {"es": "Borrar esta evaluación", "en": "Delete this assessment"},
    "delete_assessment_confirm": {
        "es": "Se borrará para siempre la evaluación «{what}», con sus respuestas, su plan y sus KPI.",
        "en": "This deletes the assessment “{what}” for good, with its answers, plan and KPIs.",
    },
    "delete_organization": {"es": "Borrar «{name}»", "en": "Delete “{name}”"},
    "delete_organization_confirm": {
        "es": "Se borrará para siempre «{name}» con sus {n} evaluación(es), planes, KPI, talleres y accesos.",
        "en": "This deletes “{name}” for good, with its {n} assessment(s), plans, KPIs, workshops and shares.",
    },
    "delete_for_good": {"es": "Borrar para siempre", "en": "Delete for good"},
    "deleted": {"es": "Borrado: {what}", "en": "Deleted: {what}"},
    "ws_need_org_right": {
        "es": "Para dirigir un taller, su cuenta debe poder editar la organización: créela en Organizaciones o pida que se la compartan como editor.",
        "en": "To run a workshop your account must be able to edit the organization: create it on Organizations, or ask to have it shared with you as an editor.",
    },
    "ws_sign_in_first": {
        "es": "Inicie sesión para dirigir talleres: quien facilita es una cuenta que puede editar la organización.",
        "en": "Sign in to run workshops: the facilitator is an account that may edit the organization.",
    },
    "ws_delete": {"es": "Borrar el taller", "en": "Delete the workshop"},
    "ws_delete_confirm": {
        "es": "Se borrará para siempre el taller {name} y las respuestas de sus participantes; el consenso ya guardado se queda en la organización.",
        "en": "This deletes the workshop {name} for good, with its participants' answers; a consensus already saved stays with the organization.",
    },
    "ws_consensus_saved": {
        "es": "Consenso guardado como evaluación de la organización: {agreed} elemento(s) acordado(s), {kept} con el resultado del equipo.",
        "en": "Consensus saved as the organization's assessment: {agreed} item(s) agreed, {kept} with the team result.",
    },
    # ------------------------------------------------------------- organisations
    "nav_organizations": {"es": "Organizaciones", "en": "Organizations"},
    "orgs_title": {"es": "Organizaciones y evaluaciones", "en": "Organizations and assessments"},
    "orgs_choose": {"es": "Organización", "en": "Organization"},
    "orgs_due": {
        "es": "Revisión pendiente: la última evaluación es del {date}; tocaba el {due}.",
        "en": "Due for review: the last assessment is from {date}; it was due on {due}.",
    },
    "orgs_next": {
        "es": "Próxima revisión: {due} (seis meses después de la última evaluación).",
        "en": "Next review: {due} (six months after the last assessment).",
    },
    "col_date": {"es": "Fecha", "en": "Date"},
    "col_questionnaire": {"es": "Cuestionario", "en": "Questionnaire"},
    "col_result": {"es": "Resultado", "en": "Result"},
    "col_status": {"es": "Estado", "en": "Status"},
    "col_respondents": {"es": "Personas", "en": "Respondents"},
    "col_open": {"es": "Abrir", "en": "Open"},
    "status_draft": {"es": "Borrador", "en": "Draft"},
    "status_final": {"es": "Final", "en": "Final"},
    "result_quiz": {"es": "{points} puntos · {band}", "en": "{points} points · {band}"},
    "result_grid": {
        "es": "Nivel {current} → ideal {ideal}",
        "en": "Level {current} → ideal {ideal}",
    },
    "result_none": {"es": "Sin respuestas", "en": "No answers"},
    "open_results": {"es": "ver resultados", "en": "see results"},
    "orgs_export": {
        "es": "Exportar la organización (JSON)",
        "en": "Export the organization (JSON)",
    },
    "orgs_csv": {"es": "Todas las respuestas (CSV)", "en": "All answers (CSV)"},
    "orgs_import": {
        "es": "Importar una organización (JSON exportado)",
        "en": "Import an organization (exported JSON)",
    },
    "orgs_imported": {"es": "Importada: {name}.", "en": "Imported: {name}."},
    "orgs_import_invalid": {
        "es": "El archivo no es válido; no se importó nada:",
        "en": "The file is not valid; nothing was imported:",
    },
    "orgs_reevaluate": {"es": "Reevaluar", "en": "Re-evaluate"},
    "orgs_reevaluate_help": {
        "es": "Crea una evaluación nueva a partir de la elegida: verá la calificación anterior junto a cada ítem y las iniciativas de la ronda anterior vienen con ella.",
        "en": "Creates a new assessment from the chosen one: you see the previous rating beside each item, and last round's initiatives come along.",
    },
    "orgs_reevaluate_from": {"es": "Evaluación de partida", "en": "Start from"},
    "orgs_reevaluate_button": {"es": "Comenzar la reevaluación", "en": "Start the re-evaluation"},
    "orgs_finalize": {"es": "Marcar como final", "en": "Mark as final"},
    "previous_rating": {
        "es": "Anterior: hoy {current} · ideal {ideal}",
        "en": "Previous: today {current} · ideal {ideal}",
    },
    "previous_choice": {"es": "Anterior: {choice}", "en": "Previous: {choice}"},
    # -------------------------------------------------------------------- compare
    "compare_title": {"es": "Comparar evaluaciones", "en": "Compare assessments"},
    "orgs_view": {"es": "Vista", "en": "View"},
    "orgs_view_history": {"es": "Historial", "en": "History"},
    "orgs_view_compare": {"es": "Comparar", "en": "Compare"},
    "compare_questionnaire": {"es": "Cuestionario", "en": "Questionnaire"},
    "compare_before": {"es": "Antes", "en": "Before"},
    "compare_after": {"es": "Después", "en": "After"},
    "compare_need_two": {
        "es": "Se necesitan al menos dos evaluaciones del mismo cuestionario para comparar.",
        "en": "At least two assessments of the same questionnaire are needed to compare.",
    },
    "compare_change": {"es": "Cambio", "en": "Change"},
    "compare_moved": {"es": "Capacidades que cambiaron", "en": "Capabilities that changed"},
    "compare_none_moved": {
        "es": "Ninguna capacidad cambió de nivel.",
        "en": "No capability changed level.",
    },
    "compare_trend": {"es": "Tendencia", "en": "Trend"},
    "compare_points": {"es": "Puntos", "en": "Points"},
    "compare_today_before": {"es": "Hoy (antes)", "en": "Today (before)"},
    "compare_today_after": {"es": "Hoy (después)", "en": "Today (after)"},
    "compare_ideal_after": {"es": "Ideal (después)", "en": "Ideal (after)"},
    "report_comparison": {
        "es": "Comparación con la evaluación anterior ({date})",
        "en": "Comparison with the previous assessment ({date})",
    },
    # ------------------------------------------------------------------- KPIs
    "kpi_title": {
        "es": "Indicadores de esta evaluación (opcional)",
        "en": "Metrics for this assessment (optional)",
    },
    "kpi_help": {
        "es": "Los indicadores de negocio y operación que conviene seguir junto a la madurez. Déjelos vacíos si no los mide.",
        "en": "The business and operational metrics worth tracking alongside maturity. Leave them empty if you do not measure them.",
    },
    "kpi_group_business": {"es": "Indicadores de negocio", "en": "Business metrics"},
    "kpi_group_operational": {"es": "Indicadores operativos", "en": "Operational metrics"},
    "kpi_range_both": {"es": "de {low} a {high}", "en": "from {low} to {high}"},
    "kpi_range_min": {"es": "desde {low}", "en": "from {low}"},
    "kpi_range_max": {"es": "hasta {high}", "en": "up to {high}"},
    "kpi_better_higher": {"es": "más alto es mejor", "en": "higher is better"},
    "kpi_better_lower": {"es": "más bajo es mejor", "en": "lower is better"},
    "kpi_unit_points": {"es": "puntos", "en": "points"},
    "kpi_unit_percent": {"es": "%", "en": "%"},
    "kpi_unit_currency": {"es": "moneda", "en": "currency"},
    "kpi_unit_count": {"es": "cantidad", "en": "count"},
    "kpi_unit_seconds": {"es": "segundos", "en": "seconds"},
    "kpi_unit_ratio": {"es": "razón", "en": "ratio"},
    "kpi_unit_score": {"es": "puntuación", "en": "score"},
    "nav_guide": {"es": "Guía", "en": "Guide"},
    "guide_title": {
        "es": "Guía del facilitador y glosario",
        "en": "Facilitator's guide and glossary",
    },
    "guide_intro": {
        "es": "Cómo llevar una evaluación de principio a fin, y qué significa cada término.",
        "en": "How to run an assessment from start to finish, and what each term means.",
    },
    "guide_steps": {"es": "Guía del facilitador", "en": "Facilitator's guide"},
    "glossary": {"es": "Glosario", "en": "Glossary"},
    "kpi_trend_title": {"es": "Indicadores a lo largo del tiempo", "en": "Metrics over time"},
    "kpi_trend_none": {
        "es": "Aún no hay indicadores registrados. Se anotan en los resultados de cada evaluación («Indicadores de esta evaluación»).",
        "en": "No metrics recorded yet. They are entered on each assessment's results (“Metrics for this assessment”).",
    },
    "kpi_trend_pick": {"es": "Indicador del gráfico", "en": "Metric to chart"},
    "col_kpi": {"es": "Indicador", "en": "Metric"},
    "col_kpi_change": {"es": "Último cambio", "en": "Latest change"},
    "col_kpi_now": {"es": "Esta evaluación", "en": "This assessment"},
    "col_kpi_before": {"es": "Evaluación anterior", "en": "Previous assessment"},
    "kpi_change_better": {"es": "▲ mejor ({delta})", "en": "▲ better ({delta})"},
    "kpi_change_worse": {"es": "▼ peor ({delta})", "en": "▼ worse ({delta})"},
    "kpi_change_same": {"es": "= sin cambio", "en": "= unchanged"},
    "report_state": {"es": "Prioridad y estado", "en": "Priority and status"},
    "plan_how_to_start": {
        "es": "Cómo empezar: primer paso, indicador y quién lo lidera",
        "en": "How to start: first step, metric and who leads it",
    },
    "plan_first_step": {"es": "Primer paso", "en": "First step"},
    "plan_kpi": {"es": "Indicador", "en": "Metric"},
    "plan_owner_role": {"es": "Lo lidera", "en": "Led by"},
    "plan_effort": {"es": "Esfuerzo", "en": "Effort"},
    "effort_small": {"es": "bajo", "en": "small"},
    "effort_medium": {"es": "medio", "en": "medium"},
    "effort_large": {"es": "alto", "en": "large"},
    "report_kpis": {
        "es": "Indicadores de negocio y operación",
        "en": "Business and operational metrics",
    },
    "report_kpis_intro": {
        "es": "Valores registrados con esta evaluación; las definiciones están en el anexo.",
        "en": "Values recorded with this assessment; the definitions are in the appendix.",
    },
    "report_kpi_definitions": {"es": "Definición de los indicadores", "en": "Metric definitions"},
    "kpi_catalogue_broken": {
        "es": "El catálogo de indicadores (kpis.yaml) no se puede leer; pida a quien administra la instalación que lo revise.",
        "en": "The metrics catalog (kpis.yaml) cannot be read; ask whoever runs this installation to check it.",
    },
    "kpi_final": {
        "es": "Evaluación final (ya no es un borrador)",
        "en": "Final assessment (no longer a draft)",
    },
    "kpi_save": {"es": "Guardar indicadores", "en": "Save metrics"},
    "kpi_saved": {"es": "Indicadores guardados.", "en": "Metrics saved."},
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

STRINGS |= {
    "question": {"es": "Pregunta", "en": "Question"},
    "report_second_vote": {"es": "Primera y segunda votación", "en": "First and second vote"},
    "report_second_vote_help": {
        "es": "Puntos que el grupo discutió y votó de nuevo. Cuadrícula: mediana hoy → ideal "
        "(rango); cuestionario: respuestas por opción.",
        "en": "Items the room discussed and voted on again. Grid: median today → ideal "
        "(range); quiz: answers per option.",
    },
    "report_groups": {"es": "Por grupo", "en": "By group"},
    "report_groups_help": {
        "es": "El resultado de cada grupo ({people}); cuadrícula: nivel hoy → ideal por categoría.",
        "en": "Each group's result ({people}); grid: level today → ideal per category.",
    },
    "report_second_vote_col": {"es": "Segunda votación", "en": "Second vote"},
    "report_participation": {
        "es": "Participación y desacuerdo",
        "en": "Participation and disagreement",
    },
    "report_participation_intro": {
        "es": "Resultados acordados en un taller con {n} participantes. Cada persona "
        "respondió por su cuenta; después el equipo discutió y acordó los valores.",
        "en": "Results agreed in a workshop with {n} participants. Each person answered "
        "on their own; then the team discussed and agreed the values.",
    },
    "report_disagreement_grid": {
        "es": "{title}: mayor desacuerdo ({n} personas)",
        "en": "{title}: widest disagreement ({n} people)",
    },
    "report_disagreement_quiz": {
        "es": "{title}: cómo se repartieron las respuestas ({n} personas)",
        "en": "{title}: how the answers split ({n} people)",
    },
    "report_disagreement_help": {
        "es": "Mediana del equipo y rango (máximo − mínimo) antes de acordar; ●: "
        "{spread} o más niveles de diferencia.",
        "en": "Team median and range (highest − lowest) before agreeing; ●: "
        "{spread} or more levels apart.",
    },
    "report_no_disagreement": {
        "es": "Todas las personas coincidieron en cada capacidad.",
        "en": "Everyone gave the same ratings for every capability.",
    },
    "report_team_today": {"es": "Equipo hoy", "en": "Team today"},
    "report_team_ideal": {"es": "Equipo ideal", "en": "Team ideal"},
    "report_agreed": {"es": "Acordado", "en": "Agreed"},
    "report_median_spread": {
        "es": "{median} (rango {spread})",
        "en": "{median} (range {spread})",
    },
    "report_choices": {"es": "Respuestas", "en": "Answers"},
    "report_agreement": {"es": "Acuerdo", "en": "Agreement"},
    "report_quiz_agreed": {
        "es": "Puntos del equipo antes de acordar: {before}; acordados: {after}.",
        "en": "Team points before agreeing: {before}; agreed: {after}.",
    },
}

STRINGS |= {
    "nav_workshop": {"es": "Talleres", "en": "Workshops"},
    "nav_join": {"es": "Unirse a un taller", "en": "Join a workshop"},
    "ws_title": {"es": "Talleres", "en": "Workshops"},
    "ws_intro": {
        "es": "El equipo directivo responde a la vez, cada persona en su dispositivo; "
        "aquí ve quién se unió, el resultado del equipo y dónde discrepan.",
        "en": "The leadership team answers at the same time, each person on their own "
        "device; here you see who joined, the team result and where people disagree.",
    },
    "ws_new": {"es": "Nuevo taller", "en": "New workshop"},
    "ws_questionnaires": {"es": "Cuestionarios", "en": "Questionnaires"},
    "ws_language": {"es": "Idioma del taller", "en": "Workshop language"},
    "ws_mode": {"es": "Respuestas", "en": "Answers"},
    "ws_mode_named": {
        "es": "Con nombre: usted ve quién respondió qué",
        "en": "Named: you see who answered what",
    },
    "ws_mode_anonymous": {
        "es": "Anónimas: nadie, ni usted, ve las respuestas de una persona; cada pregunta "
        "aparece cuando al menos {n} la respondieron",
        "en": "Anonymous: nobody, not even you, sees one person's answers; each question "
        "appears once at least {n} have answered it",
    },
    "ws_hide_results": {
        "es": "Ocultar los votos en la vista de presentación hasta que los revele",
        "en": "Hide the votes on the presenter view until you reveal them",
    },
    "ws_hide_results_help": {
        "es": "Así nadie se ancla en la primera opinión que ve (o en la de su jefe).",
        "en": "So that nobody anchors on the first opinion they see (or their boss's).",
    },
    "ws_create": {"es": "Crear el taller", "en": "Create the workshop"},
    "ws_need_questionnaire": {
        "es": "Elija al menos un cuestionario.",
        "en": "Choose at least one questionnaire.",
    },
    "ws_choose": {"es": "Taller", "en": "Workshop"},
    "ws_status_open": {"es": "abierto", "en": "open"},
    "ws_status_closed": {"es": "cerrado", "en": "closed"},
    "ws_scan": {"es": "Escanee para unirse", "en": "Scan to join"},
    "ws_join_at": {"es": "Únase en", "en": "Join at"},
    "ws_or_code": {"es": "o con el código", "en": "or with the code"},
    "ws_is_anonymous": {
        "es": "Taller anónimo: no se guarda ningún nombre y nadie, ni quien facilita, ve "
        "sus respuestas; solo recuentos de cada pregunta cuando al menos {n} la respondieron.",
        "en": "Anonymous workshop: no name is kept and nobody, not even the facilitator, "
        "sees your answers; only counts per question once at least {n} have answered it.",
    },
    "ws_is_named": {
        "es": "Taller con nombre: quien facilita ve quién respondió qué.",
        "en": "Named workshop: the facilitator sees who answered what.",
    },
    "ws_present_title": {"es": "Vista de presentación", "en": "Presenter view"},
    "ws_present_open": {
        "es": "Abrir la vista de presentación (para el proyector)",
        "en": "Open the presenter view (for the projector)",
    },
    "ws_present_back": {"es": "Volver al taller", "en": "Back to the workshop"},
    "ws_present_step": {
        "es": "Paso {n} de {total} (0: cómo unirse)",
        "en": "Step {n} of {total} (0: how to join)",
    },
    "ws_present_question": {
        "es": "{title} · pregunta {n} de {total}",
        "en": "{title} · question {n} of {total}",
    },
    "ws_present_voted": {
        "es": "Votaron {n} de {total}",
        "en": "{n} of {total} have voted",
    },
    "ws_present_votes": {"es": "{share} % · votos: {n}", "en": "{share} % · votes: {n}"},
    "ws_present_hidden": {
        "es": "Los votos están ocultos hasta que los revele: así nadie se ancla en la "
        "primera opinión que ve.",
        "en": "The votes are hidden until you reveal them, so that nobody anchors on the "
        "first opinion they see.",
    },
    "ws_present_reveal": {"es": "Revelar los votos", "en": "Reveal the votes"},
    "ws_present_hide": {"es": "Ocultar los votos", "en": "Hide the votes"},
    "ws_present_not_applicable": {
        "es": "No aplica: {n}",
        "en": "Not applicable: {n}",
    },
    "ws_joined_finished": {
        "es": "{joined} se unieron · {finished} terminaron",
        "en": "{joined} joined · {finished} finished",
    },
    "ws_anonymous_dashboard": {
        "es": "Taller anónimo: aquí no aparece quién respondió qué; cada pregunta o "
        "capacidad cuenta cuando al menos {n} la respondieron.",
        "en": "Anonymous workshop: nobody's own answers are shown here; each question or "
        "capability counts once at least {n} have answered it.",
    },
    "ws_close": {"es": "Cerrar el taller", "en": "Close the workshop"},
    "ws_close_help": {
        "es": "Nadie más podrá unirse ni cambiar respuestas. Las respuestas dadas se conservan.",
        "en": "Nobody else can join or change answers. The answers given are kept.",
    },
    "ws_close_confirm": {"es": "Sí, cerrar ahora", "en": "Yes, close it now"},
    "ws_closed_note": {
        "es": "Taller cerrado: no acepta participantes ni respuestas nuevas.",
        "en": "Workshop closed: it takes no new participants or answers.",
    },
    "ws_reopen": {"es": "Volver a abrir", "en": "Open it again"},
    "quiz_capped_one": {
        "es": "Resultado limitado por la pregunta {n}: esa respuesta, por sí sola, deja el "
        "resultado en esta banda, sean cuales sean los puntos.",
        "en": "Result capped by question {n}: that answer alone keeps the result in this "
        "band, whatever the points.",
    },
    "quiz_capped_many": {
        "es": "Resultado limitado por las preguntas {n}: cada una de esas respuestas, por sí "
        "sola, deja el resultado en esta banda o más abajo, sean cuales sean los puntos.",
        "en": "Result capped by questions {n}: each of those answers alone keeps the result "
        "in this band or lower, whatever the points.",
    },
    "ws_discuss": {"es": "Para discutir", "en": "To discuss"},
    "ws_discuss_help": {
        "es": "Lo que el grupo respondió más distinto primero, con las notas que dejaron. "
        "Después de conversarlo, abra una segunda votación de esos puntos: la primera se "
        "conserva y el informe muestra ambas.",
        "en": "What the room answered furthest apart first, with the notes people left. "
        "After talking it through, open a second vote on those items: the first vote is "
        "kept and the report shows both.",
    },
    "ws_discuss_nothing": {
        "es": "Todavía no hay desacuerdos: quienes respondieron coinciden en todo.",
        "en": "No disagreement yet: those who answered agree on everything.",
    },
    "ws_col_item": {"es": "Punto", "en": "Item"},
    "ws_col_votes": {"es": "Votos", "en": "Votes"},
    "ws_col_notes": {"es": "Notas", "en": "Notes"},
    "ws_col_first_vote": {"es": "Primera votación", "en": "First vote"},
    "ws_col_second_vote": {"es": "Segunda votación (ahora)", "en": "Second vote (now)"},
    "ws_second_vote_title": {"es": "Segunda votación", "en": "Second vote"},
    "ws_second_vote_pick": {"es": "Votar de nuevo sobre", "en": "Vote again on"},
    "ws_second_vote_help": {
        "es": "Las respuestas actuales de estos puntos quedan como primera votación; se pide a "
        "los participantes que los respondan otra vez.",
        "en": "The present answers to these items are kept as the first vote; participants "
        "are asked to answer them again.",
    },
    "ws_groups": {"es": "Grupos (opcional)", "en": "Groups (optional)"},
    "ws_groups_placeholder": {
        "es": "p. ej. Dirección, Primera línea, TI",
        "en": "e.g. Leadership, Front line, IT",
    },
    "ws_groups_help": {
        "es": "Separados por comas, hasta {n}. Cada participante elige el suyo al unirse; el "
        "panel y el informe muestran el resultado de cada grupo lado a lado.",
        "en": "Separated by commas, up to {n}. Each participant picks theirs on joining; the "
        "dashboard and the report show each group's result side by side.",
    },
    "ws_your_group": {"es": "Su grupo", "en": "Your group"},
    "ws_your_group_help": {
        "es": "Los resultados se muestran también por grupo (nunca por persona).",
        "en": "Results are also shown per group (never per person).",
    },
    "ws_pick_group_first": {
        "es": "Elija su grupo para empezar.",
        "en": "Pick your group to start.",
    },
    "ws_by_group": {"es": "Por grupo", "en": "By group"},
    "ws_col_group": {"es": "Grupo", "en": "Group"},
    "ws_col_band": {"es": "Resultado", "en": "Result"},
    "ws_group_people": {"es": "{group}: {n}", "en": "{group}: {n}"},
    "ws_no_group": {"es": "sin grupo", "en": "no group"},
    "ws_groups_differ": {
        "es": "Donde los grupos ven distinto la organización (nivel hoy): {lines}",
        "en": "Where the groups see the organization differently (level today): {lines}",
    },
    "ws_groups_agree": {
        "es": "Los grupos ven la organización igual en cada categoría (o aún no hay datos).",
        "en": "The groups see the organization alike in every category (or no data yet).",
    },
    "ws_second_vote_placeholder": {"es": "Elija los puntos", "en": "Choose the items"},
    "ws_second_vote_open": {"es": "Abrir la segunda votación", "en": "Open the second vote"},
    "ws_second_vote_banner": {
        "es": "Segunda votación: después de la discusión, responda otra vez estos puntos "
        "(puede mantener su respuesta).",
        "en": "Second vote: after the discussion, please answer these items again (you may "
        "keep your answer).",
    },
    "not_saved_invalid": {
        "es": "No se guardó: esa respuesta no es una de las opciones del cuestionario.",
        "en": "Not saved: that answer is not one of the questionnaire's options.",
    },
    "ws_closes_on": {
        "es": "Abierto hasta (opcional)",
        "en": "Open until (optional)",
    },
    "ws_closes_on_help": {
        "es": "Para quienes no estuvieron en la sala: el taller acepta respuestas hasta el "
        "final de ese día y luego se cierra solo. Vacío: sesión en directo, abierta hasta "
        "que usted la cierre.",
        "en": "For people who were not in the room: the workshop takes answers until the end "
        "of that day, then closes by itself. Empty: a live session, open until you close it.",
    },
    "ws_open_until": {"es": "Abierto hasta el {day}.", "en": "Open until {day}."},
    "ws_open_until_closed": {
        "es": "Abierto hasta que usted lo cierre.",
        "en": "Open until you close it.",
    },
    "ws_closed_on_day": {
        "es": "Taller cerrado: su plazo terminó el {day}. Las respuestas dadas se conservan.",
        "en": "Workshop closed: its period ended on {day}. The answers given are kept.",
    },
    "ws_change_closing": {"es": "Cambiar el plazo", "en": "Change the period"},
    "ws_closing_save": {"es": "Guardar el plazo", "en": "Save the period"},
    "ws_participant_until": {
        "es": "Puede responder hasta el {day}.",
        "en": "You can answer until {day}.",
    },
    "ws_not_finished": {
        "es": "Aún no terminaron: {names}",
        "en": "Not finished yet: {names}",
    },
    "ws_all_finished": {"es": "Todos terminaron.", "en": "Everyone has finished."},
    "ws_live": {"es": "En directo", "en": "Live"},
    "ws_joined": {"es": "Participantes: {n}", "en": "Participants: {n}"},
    "ws_progress_detail": {"es": "Avance por cuestionario", "en": "Progress per questionnaire"},
    "ws_nobody_yet": {"es": "Aún no hay respuestas.", "en": "No answers yet."},
    "ws_col_name": {"es": "Nombre", "en": "Name"},
    "ws_anonymous": {"es": "(sin nombre)", "en": "(no name)"},
    "ws_team_points": {"es": "Puntos del equipo", "en": "Team points"},
    "ws_team_points_help": {
        "es": "Mediana inferior de los totales de quienes respondieron todas las preguntas.",
        "en": "Lower median of the totals of those who answered every question.",
    },
    "ws_complete": {"es": "Cuestionarios completos", "en": "Complete quizzes"},
    "ws_splits_help": {
        "es": "Cuántas personas eligieron cada opción; primero las preguntas con menos acuerdo.",
        "en": "How many people chose each option; the questions with least agreement first.",
    },
    "ws_disagreement": {
        "es": "Mayor desacuerdo primero ({n} para discutir: 2 o más niveles de diferencia)",
        "en": "Widest disagreement first ({n} to discuss: 2 or more levels apart)",
    },
    "ws_col_discuss": {"es": "Discutir", "en": "Discuss"},
    "ws_col_range_today": {"es": "Rango hoy", "en": "Range today"},
    "ws_col_range_ideal": {"es": "Rango ideal", "en": "Range ideal"},
    "ws_col_rated_by": {"es": "Valoraron", "en": "Rated by"},
    "ws_consensus": {"es": "Consenso", "en": "Consensus"},
    "ws_consensus_help": {
        "es": "Tras la discusión, fije el valor acordado de cada elemento. Viene con la "
        "mediana del equipo: si la deja, cuenta el resultado del equipo tal cual; un valor "
        "acordado sustituye la respuesta de todas las personas en ese elemento.",
        "en": "After the discussion, set the agreed value of each item. It comes with the "
        "team median: left as it is, the team result counts unchanged; an agreed value "
        "replaces everybody's answer to that item.",
    },
    "ws_agreed_today": {"es": "Acordado hoy", "en": "Agreed today"},
    "ws_agreed_ideal": {"es": "Acordado ideal", "en": "Agreed ideal"},
    "ws_pick_agreed": {"es": "Elija la respuesta acordada", "en": "Choose the agreed answer"},
    "ws_quiz_split": {
        "es": "Respuestas del equipo: {split} · elección mediana: {median}",
        "en": "Team answers: {split} · median choice: {median}",
    },
    "ws_col_median": {"es": "Mediana", "en": "Median"},
    "ws_median_choice": {"es": "mediana del equipo", "en": "team median"},
    "ws_keep_median_choice": {
        "es": "La elección mediana del equipo (abajo)",
        "en": "The team's median choice (below)",
    },
    "ws_consensus_points": {
        "es": "Puntos si guarda este consenso",
        "en": "Points if you save this consensus",
    },
    "ws_quiz_totals_help": {
        "es": "Los puntos del equipo son la mediana inferior de los totales de cada persona. "
        "Una pregunta que deja en la elección mediana conserva las respuestas de todas las "
        "personas; una respuesta acordada distinta sustituye la de todas. Por eso, con todas "
        "las preguntas en su mediana, el consenso puntúa lo mismo que el equipo, aunque la "
        "suma de las elecciones medianas pueda ser otra: las medianas de cada pregunta no "
        "tienen por qué sumar la mediana de los totales.",
        "en": "The team points are the lower median of each person's total. A question left "
        "at its median choice keeps everybody's answers; a different agreed answer replaces "
        "everybody's. So with every question at its median the consensus scores the same as "
        "the team, even when the median choices themselves add up to another total: the "
        "medians of the questions need not add up to the median of the totals.",
    },
    "ws_not_a_level": {
        "es": "{name}: {value} no es un nivel; deje la mediana del equipo o elija un nivel "
        "de {low} a {high}.",
        "en": "{name}: {value} is not a level; keep the team median or choose a level "
        "from {low} to {high}.",
    },
    "ws_save_consensus": {"es": "Guardar el consenso", "en": "Save the consensus"},
    "ws_reset_consensus": {
        "es": "Volver a las medianas del equipo",
        "en": "Back to the team medians",
    },
    "ws_open_results": {"es": "Ver los resultados del consenso", "en": "See the consensus results"},
    "ws_report_after_consensus": {
        "es": "El informe PDF estará disponible cuando guarde un consenso.",
        "en": "The PDF report is available once a consensus is saved.",
    },
    "ws_team_read_only": {
        "es": "Estas respuestas son el consenso de un taller: se ven en Resultados y se "
        "cambian desde la página Talleres.",
        "en": "These answers are a workshop's consensus: see them in Results and change "
        "them from the Workshops page.",
    },
    "ws_join_title": {"es": "Unirse a un taller", "en": "Join a workshop"},
    "ws_join_intro": {
        "es": "Escriba el código que muestra la persona que facilita el taller.",
        "en": "Type the code the facilitator shows.",
    },
    "ws_code": {"es": "Código del taller", "en": "Workshop code"},
    "ws_your_name": {
        "es": "Su nombre (un taller anónimo no lo guarda)",
        "en": "Your name (an anonymous workshop does not keep it)",
    },
    "ws_name_placeholder": {"es": "Nombre y apellido", "en": "First and last name"},
    "ws_join_button": {"es": "Unirse", "en": "Join"},
    "ws_join_unknown": {
        "es": "No hay ningún taller con ese código. Revíselo e inténtelo de nuevo.",
        "en": "There is no workshop with that code. Check it and try again.",
    },
    "ws_join_closed": {
        "es": "Ese taller está cerrado: ya no admite participantes.",
        "en": "That workshop is closed: it takes no more participants.",
    },
    "ws_join_name": {
        "es": "Este taller pide un nombre para participar.",
        "en": "This workshop asks for a name to take part.",
    },
    "ws_join_attempts": {
        "es": "Demasiados códigos incorrectos. Espere unos minutos e inténtelo de nuevo.",
        "en": "Too many wrong codes. Wait a few minutes and try again.",
    },
    "ws_join_questionnaire": {
        "es": "Ese cuestionario no es parte del taller.",
        "en": "That questionnaire is not part of the workshop.",
    },
    "ws_join_unknown_link": {
        "es": "Este enlace de participante no es válido.",
        "en": "This participant link is not valid.",
    },
    "ws_participant_title": {"es": "Taller: {org}", "en": "Workshop: {org}"},
    "ws_hello": {"es": "Hola, {name}.", "en": "Hello, {name}."},
    "ws_finished": {
        "es": "¡Listo, gracias! Respondió todo: ya puede dejar el teléfono. Mientras el "
        "taller siga abierto puede volver aquí y cambiar cualquier respuesta.",
        "en": "Done, thank you! You have answered everything: you can put your phone away. "
        "While the workshop is open you can come back here and change any answer.",
    },
    "ws_next_questionnaire": {"es": "Siguiente: {title}", "en": "Next: {title}"},
    "ws_step_of": {
        "es": "{category} · capacidad {n} de {total}",
        "en": "{category} · capability {n} of {total}",
    },
    "ws_step_back": {"es": "Anterior", "en": "Previous"},
    "ws_step_next": {"es": "Siguiente", "en": "Next"},
    "ws_step_finish": {"es": "Terminar", "en": "Finish"},
    "ws_steps_missing": {
        "es": "Le faltan {n} capacidades por valorar: tóquelas abajo para completarlas.",
        "en": "{n} capabilities are still to rate: tap them below to complete them.",
    },
    "ws_step_rating": {
        "es": "{name}: hoy {today} · ideal {ideal}",
        "en": "{name}: today {today} · ideal {ideal}",
    },
    "ws_participant_help": {
        "es": "Sus respuestas se guardan solas y solo las ve usted y quien facilita. Guarde "
        "la dirección de esta página para volver a sus respuestas (es personal: no la comparta).",
        "en": "Your answers save themselves; only you and the facilitator see them. Keep "
        "this page's address to come back to your answers (it is personal: do not share it).",
    },
    "ws_participant_help_anonymous": {
        "es": "Sus respuestas se guardan solas y solo las ve usted. Guarde la dirección de "
        "esta página para volver a sus respuestas (es personal: no la comparta).",
        "en": "Your answers save themselves; only you see them. Keep this page's address "
        "to come back to your answers (it is personal: do not share it).",
    },
    "ws_questionnaire": {"es": "Cuestionario", "en": "Questionnaire"},
    "ws_no_questionnaires": {
        "es": "Los cuestionarios de este taller ya no están disponibles.",
        "en": "This workshop's questionnaires are no longer available.",
    },
    "ws_closed": {
        "es": "El taller está cerrado: sus respuestas quedaron guardadas. ¡Gracias!",
        "en": "The workshop is closed: your answers were saved. Thank you!",
    },
    "ws_not_saved": {
        "es": "No se pudo guardar la última respuesta; vuelva a intentarlo.",
        "en": "The last answer could not be saved; please try again.",
    },
}


# Accounts and sign-in (access.md: the screen names outside checks rely on)
STRINGS |= {
    "auth_sign_in": {"es": "Iniciar sesión", "en": "Sign in"},
    "auth_sign_out": {"es": "Cerrar sesión", "en": "Sign out"},
    "auth_email": {"es": "Correo electrónico", "en": "Email"},
    "auth_password": {"es": "Contraseña", "en": "Password"},
    "auth_password_again": {"es": "Repita la contraseña", "en": "Password again"},
    "auth_name": {"es": "Nombre (opcional)", "en": "Name (optional)"},
    "auth_submit": {"es": "Entrar", "en": "Sign in"},
    "auth_title": {"es": "Iniciar sesión", "en": "Sign in"},
    "auth_intro": {
        "es": "Las cuentas guardan las evaluaciones de sus organizaciones. Sin cuenta puede responder cualquier cuestionario, ver su resultado y descargar sus respuestas y el PDF.",
        "en": "Accounts keep their organizations' assessments. Without an account you can take any questionnaire, see your result and download your answers and the PDF.",
    },
    "auth_wrong": {
        "es": "El correo o la contraseña no son correctos.",
        "en": "That email or password is not right.",
    },
    "auth_limited": {
        "es": "Demasiados intentos fallidos. Vuelva a intentarlo dentro de unos minutos.",
        "en": "Too many failed attempts. Try again in a few minutes.",
    },
    "auth_signing_in": {"es": "Iniciando la sesión…", "en": "Signing in…"},
    "auth_signed_in_as": {"es": "Sesión de {email}", "en": "Signed in as {email}"},
    "auth_first_admin": {
        "es": "Crear la primera cuenta de administración",
        "en": "Create the first admin account",
    },
    "auth_first_admin_intro": {
        "es": "Este servidor aún no tiene cuentas. La primera es de administración: podrá crear las demás.",
        "en": "This server has no accounts yet. The first one is an admin: it can create the others.",
    },
    "auth_setup_code": {"es": "Código de instalación", "en": "Setup code"},
    "auth_setup_code_help": {
        "es": "Desde otro equipo hace falta el código de instalación que el servidor escribió en su registro al arrancar.",
        "en": "From another machine you need the setup code the server printed in its log when it started.",
    },
    "auth_setup_code_wrong": {
        "es": "El código de instalación no es correcto.",
        "en": "That setup code is not right.",
    },
    "auth_passwords_differ": {
        "es": "Las dos contraseñas no coinciden.",
        "en": "The two passwords differ.",
    },
    "auth_create_admin": {"es": "Crear la cuenta", "en": "Create the account"},
    "auth_account_error_email": {
        "es": "Escriba una dirección de correo válida.",
        "en": "Type a valid email address.",
    },
    "auth_account_error_password": {
        "es": "La contraseña necesita al menos 12 caracteres.",
        "en": "A password needs at least 12 characters.",
    },
    "auth_account_error_exists": {
        "es": "Esa cuenta ya existe.",
        "en": "That account exists already.",
    },
    "auth_account_error_role": {"es": "Ese rol no existe.", "en": "That role does not exist."},
    "auth_account_error_unknown": {
        "es": "No existe esa cuenta.",
        "en": "There is no such account.",
    },
    "auth_already": {
        "es": "Ya ha iniciado sesión como {email}.",
        "en": "You are signed in as {email}.",
    },
    "nav_sign_in": {"es": "Iniciar sesión", "en": "Sign in"},
    "nav_audit": {"es": "Registro de cambios", "en": "Audit log"},
    "nav_accounts": {"es": "Cuentas", "en": "Accounts"},
    "accounts_title": {"es": "Cuentas", "en": "Accounts"},
    "accounts_intro": {
        "es": "Quién puede iniciar sesión y con qué rol: administración (todo), consultoría (crea organizaciones y las comparte) o miembro (las organizaciones compartidas con su cuenta).",
        "en": "Who can sign in, and with which role: admin (everything), consultant (creates organizations and shares them) or member (the organizations shared with them).",
    },
    "accounts_admin_only": {
        "es": "Solo las cuentas de administración gestionan las cuentas.",
        "en": "Only admin accounts manage accounts.",
    },
    "accounts_col_email": {"es": "Correo", "en": "Email"},
    "accounts_col_name": {"es": "Nombre", "en": "Name"},
    "accounts_col_role": {"es": "Rol", "en": "Role"},
    "accounts_col_active": {"es": "Activa", "en": "Active"},
    "accounts_add": {"es": "Añadir una cuenta", "en": "Add an account"},
    "accounts_role": {"es": "Rol", "en": "Role"},
    "accounts_add_button": {"es": "Añadir", "en": "Add"},
    "accounts_added": {"es": "Cuenta añadida: {email}", "en": "Account added: {email}"},
    "accounts_change": {"es": "Cambiar una cuenta", "en": "Change an account"},
    "accounts_which": {"es": "Cuenta", "en": "Account"},
    "accounts_set_role": {"es": "Cambiar el rol", "en": "Change the role"},
    "accounts_role_set": {"es": "Rol de {email}: {role}", "en": "Role of {email}: {role}"},
    "accounts_disable": {"es": "Desactivar la cuenta", "en": "Disable the account"},
    "accounts_disable_confirm": {"es": "Sí, desactivar {email}", "en": "Yes, disable {email}"},
    "accounts_disable_help": {
        "es": "Una cuenta desactivada no puede iniciar sesión y sus sesiones terminan ahora; sus datos se conservan.",
        "en": "A disabled account cannot sign in and its sessions end now; its data is kept.",
    },
    "accounts_disabled": {"es": "Cuenta desactivada: {email}", "en": "Account disabled: {email}"},
    "role_admin": {"es": "administración", "en": "admin"},
    "role_consultant": {"es": "consultoría", "en": "consultant"},
    "role_member": {"es": "miembro", "en": "member"},
    "branding_admin_only": {
        "es": "Solo una cuenta de administración puede cambiar la marca de los informes de este servidor.",
        "en": "Only an admin account can change the report branding of this server.",
    },
    "audit_title": {"es": "Registro de cambios", "en": "Audit log"},
    "audit_intro": {
        "es": "Cada cambio en organizaciones, evaluaciones, talleres, accesos, cuentas y marca: cuándo, quién y qué. Lo más reciente primero.",
        "en": "Every change to organizations, assessments, workshops, shares, accounts and branding: when, who and what. Newest first.",
    },
    "audit_admin_only": {
        "es": "Solo las cuentas de administración pueden leer el registro de cambios.",
        "en": "Only admin accounts can read the audit log.",
    },
    "audit_none": {"es": "Aún no hay cambios registrados.", "en": "No changes recorded yet."},
    "audit_download": {"es": "Descargar el registro (CSV)", "en": "Download the log (CSV)"},
    "audit_col_at": {"es": "Cuándo (UTC)", "en": "When (UTC)"},
    "audit_col_who": {"es": "Quién", "en": "Who"},
    "audit_col_action": {"es": "Qué", "en": "What"},
    "audit_col_target": {"es": "Sobre", "en": "On"},
    "audit_col_detail": {"es": "Detalle", "en": "Detail"},
}


def t(key: str, lang: str, **values: object) -> str:
    """The string ``key`` in ``lang`` (falling back to Spanish), formatted with ``values``."""
    entry = STRINGS[key]
    text = entry.get(lang) or entry[DEFAULT_LANGUAGE]
    return text.format(**values) if values else text


def capped_text(numbers: list[int], lang: str) -> str:
    """Why a quiz result is below its points' band: "capped by question 2" / "by
    questions 1 and 3" (empty when nothing capped it)."""
    if not numbers:
        return ""
    if len(numbers) == 1:
        return t("quiz_capped_one", lang, n=numbers[0])
    joined = ", ".join(str(n) for n in numbers[:-1]) + (" y " if lang == "es" else " and ")
    return t("quiz_capped_many", lang, n=joined + str(numbers[-1]))


def long_date(day: dt.date, lang: str) -> str:
    """A date as people write it: 22 de noviembre de 2026 / 22 November 2026."""
    month = t("month_names", lang).split()[day.month - 1]
    if lang == "es":
        return f"{day.day} de {month} de {day.year}"
    return f"{day.day} {month} {day.year}"


def number(value: float | int | None, lang: str, decimals: int = 2) -> str:
    """A number as people write it in ``lang`` (decimal comma in Spanish)."""
    if value is None:
        return t("not_available", lang)
    if isinstance(value, int) or float(value).is_integer():
        return str(int(value))
    text = f"{value:.{decimals}f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") if lang == "es" else text


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
    """A KPI's definition and which way is better."""
    return f"{kpi.definition.get(lang)} ({t(f'kpi_better_{kpi.direction}', lang)})"


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
    text = f"{value:.{decimals}f}"
    return text.replace(".", ",") if lang == "es" else text
