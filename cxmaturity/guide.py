"""The facilitator's guide and the glossary: what the app shows on its Guide page (and
in the glossary on every page) and what ``docs/facilitator-guide.md`` holds, from one
source. The steps follow the Avaya article (seed 004): an executive sponsor, the ideal
end state, the current state, the comparison, the initiatives, the review six months
later. ``python -m cxmaturity.guide`` writes the docs page again.
"""

from __future__ import annotations

from dataclasses import dataclass

Bilingual = tuple[str, str]  # (Spanish, English)


@dataclass(frozen=True)
class Step:
    title: Bilingual
    why: Bilingual  # what the step is for
    how: Bilingual  # how to do it with cxmaturity


@dataclass(frozen=True)
class Term:
    id: str
    name: Bilingual
    definition: Bilingual


def pick(text: Bilingual, lang: str) -> str:
    return text[0] if lang == "es" else text[1]


STEPS: tuple[Step, ...] = (
    Step(
        ("1. Un patrocinador ejecutivo", "1. An executive sponsor"),
        (
            "«Todo comienza desde arriba»: el director ejecutivo declara la experiencia del cliente prioridad y nombra ejecutivos que la respalden. Sin ese patrocinio, las iniciativas no reciben recursos.",
            "“It all starts at the top”: the chief executive makes customer experience a priority and names executives who champion it. Without that sponsorship, initiatives get no resources.",
        ),
        (
            "Invite al patrocinador al taller y pídale que abra la sesión explicando por qué se evalúa. Cree la organización en «Organizaciones» y compártala con el equipo (lectura o edición).",
            "Invite the sponsor to the workshop and ask them to open the session by explaining why the assessment matters. Create the organization under “Organizations” and share it with the team (view or edit).",
        ),
    ),
    Step(
        ("2. El estado ideal final", "2. The ideal end state"),
        (
            "Antes de mirar el presente, defina adónde se quiere llegar: mejores prácticas del sector y lo que los clientes piden y esperan.",
            "Before looking at today, define where you want to get to: industry best practice and what customers ask for and expect.",
        ),
        (
            "En la cuadrícula de capacidades, califique primero la columna «Ideal» de cada categoría. Lleve al taller dos o tres citas de clientes por categoría.",
            "In the capability grid, rate the “Ideal” column of each category first. Bring two or three customer quotes per category to the workshop.",
        ),
    ),
    Step(
        ("3. El estado actual", "3. The current state"),
        (
            "Evalúe con honestidad las capacidades de hoy en las cuatro categorías: alineamiento del proceso de negocio, gestión del talento, interacción con el cliente e infraestructura.",
            "Assess today's capabilities honestly in the four categories: business process alignment, talent management, customer interaction and infrastructure.",
        ),
        (
            "Abra un taller («Talleres»): cada persona responde en su dispositivo con el código o el enlace. Lea en voz alta el texto de cada nivel antes de votar; en un taller anónimo nadie ve quién eligió qué.",
            "Open a workshop (“Workshops”): everyone answers on their own device with the code or the link. Read each level's text aloud before voting; in an anonymous workshop nobody sees who chose what.",
        ),
    ),
    Step(
        ("4. Comparar y discutir las diferencias", "4. Compare and discuss the differences"),
        (
            "La comparación entre el estado ideal y el actual muestra las brechas que detienen alcanzar el estado ideal. Donde el equipo no coincide está la conversación más valiosa.",
            "Comparing the ideal and the current state shows the gaps that stand in the way of the ideal. Where the team disagrees lies the most valuable conversation.",
        ),
        (
            "En el tablero del taller, empiece por los ítems con mayor dispersión. Pida a quien votó más alto y a quien votó más bajo que expliquen su voto; abra una segunda votación si cambió la opinión del grupo y registre el acuerdo.",
            "On the workshop dashboard, start with the items with the widest spread. Ask whoever voted highest and lowest to explain; open a second vote if the group changed its mind, and record the agreement.",
        ),
    ),
    Step(
        ("5. Iniciativas para cerrar las brechas", "5. Initiatives to close the gaps"),
        (
            "Defina en detalle las iniciativas necesarias para cerrar cada brecha, con el personal y los recursos que requieren.",
            "Define in detail the initiatives needed to close each gap, with the people and resources they require.",
        ),
        (
            "En «Plan e informe», parta de las iniciativas sugeridas para las brechas principales: cada una trae su primer paso, el indicador que muestra el avance, quién suele liderarla y su esfuerzo. Asigne responsable y fecha, y descargue el informe PDF.",
            "In “Plan & report”, start from the initiatives suggested for the main gaps: each comes with its first step, the metric that shows progress, who usually leads it and its effort. Assign an owner and a date, and download the PDF report.",
        ),
    ),
    Step(
        ("6. Revisar a los seis meses", "6. Review after six months"),
        (
            "Las iniciativas deben reconsiderarse cada seis meses: ¿siguen siendo válidas según las prioridades de la empresa y las preferencias de los clientes? Mídalas con métricas de negocio y operativas.",
            "Initiatives should be reconsidered every six months: are they still valid given the company's priorities and customers' preferences? Measure them with business and operational metrics.",
        ),
        (
            "Registre los indicadores con cada evaluación. A los seis meses, en «Organizaciones», use «Reevaluar»: el plan anterior y su estado pasan a la nueva ronda, y la comparación muestra qué cambió.",
            "Record the metrics with each assessment. After six months, use “Re-evaluate” under “Organizations”: the previous plan and its status carry over to the new round, and the comparison shows what changed.",
        ),
    ),
)

TIPS: tuple[Bilingual, ...] = (
    (
        "Antes del taller: elija los cuestionarios (la prueba rápida toma 3 minutos; la cuadrícula, unos 25), decida si será anónimo y compruebe el enlace de unión en un teléfono.",
        "Before the workshop: choose the questionnaires (the quick quiz takes 3 minutes; the grid about 25), decide whether it is anonymous, and try the join link on a phone.",
    ),
    (
        "Durante: proyecte la vista de presentación y oculte los votos hasta que todos respondan, para que nadie se deje llevar por el grupo.",
        "During: project the presenter view and hide the votes until everyone has answered, so nobody is swayed by the group.",
    ),
    (
        "Después: guarde el consenso, revise el plan con el patrocinador y fije la fecha de la próxima evaluación.",
        "After: save the consensus, review the plan with the sponsor and set the date of the next assessment.",
    ),
)

GLOSSARY: tuple[Term, ...] = (
    Term(
        "cx",
        ("Experiencia del cliente (CX)", "Customer experience (CX)"),
        (
            "El producto de las percepciones de un cliente después de interactuar con cualquier parte de la organización, en todos los puntos de contacto y a lo largo del tiempo.",
            "The product of a customer's perceptions after interacting with any part of the organization, at every touchpoint and over time.",
        ),
    ),
    Term(
        "cem",
        ("Gestión de la experiencia del cliente (CEM)", "Customer experience management (CEM)"),
        (
            "La disciplina que se encarga de entender, diseñar y gestionar las interacciones con los clientes para influir en sus percepciones y aumentar su satisfacción, lealtad y apoyo.",
            "The discipline of understanding, designing and managing interactions with customers to shape their perceptions and raise their satisfaction, loyalty and advocacy.",
        ),
    ),
    Term(
        "voc",
        ("Voz del Cliente (VoC)", "Voice of the customer (VoC)"),
        (
            "Un programa estructurado para escuchar a los clientes (encuestas, comentarios, quejas, conversaciones), entender sus dolores y actuar sobre lo escuchado.",
            "A structured program for listening to customers (surveys, comments, complaints, conversations), understanding their pain points and acting on what is heard.",
        ),
    ),
    Term(
        "voe",
        ("Voz del Empleado (VoE)", "Voice of the employee (VoE)"),
        (
            "Escuchar a los colaboradores, sobre todo a la primera línea, sobre los obstáculos que afectan la experiencia del cliente, y actuar sobre ello.",
            "Listening to staff, above all the frontline, about the obstacles that affect customer experience, and acting on it.",
        ),
    ),
    Term(
        "nps",
        ("Net Promoter Score (NPS)", "Net Promoter Score (NPS)"),
        (
            "Porcentaje de promotores (9-10) menos porcentaje de detractores (0-6) a la pregunta «¿qué tan probable es que nos recomiende?». Va de −100 a 100.",
            "Percentage of promoters (9-10) minus percentage of detractors (0-6) to the question “how likely are you to recommend us?”. It ranges from −100 to 100.",
        ),
    ),
    Term(
        "csat",
        ("Satisfacción del cliente (CSAT)", "Customer satisfaction (CSAT)"),
        (
            "Porcentaje de clientes que se declaran satisfechos o muy satisfechos tras una interacción.",
            "Percentage of customers who say they are satisfied or very satisfied after an interaction.",
        ),
    ),
    Term(
        "ces",
        ("Esfuerzo del cliente (CES)", "Customer effort score (CES)"),
        (
            "Cuánto le costó al cliente resolver su asunto; cuanto menos esfuerzo, más lealtad.",
            "How hard it was for the customer to get their issue handled; the less effort, the more loyalty.",
        ),
    ),
    Term(
        "fcr",
        ("Resolución en el primer contacto (FCR)", "First-contact resolution (FCR)"),
        (
            "Porcentaje de solicitudes resueltas en el primer contacto, sin que el cliente tenga que volver.",
            "Percentage of requests resolved in the first contact, without the customer having to come back.",
        ),
    ),
    Term(
        "clv",
        ("Valor del ciclo de vida del cliente (CLV)", "Customer lifetime value (CLV)"),
        (
            "Lo que vale un cliente para la organización durante toda la relación.",
            "What a customer is worth to the organization over the whole relationship.",
        ),
    ),
    Term(
        "journey-map",
        ("Mapa del viaje del cliente (Customer Journey Map)", "Customer journey map"),
        (
            "Representación de las etapas que recorre un cliente para lograr su objetivo, con sus acciones, emociones, puntos de dolor y momentos de verdad.",
            "A picture of the stages a customer goes through to reach their goal, with their actions, emotions, pain points and moments of truth.",
        ),
    ),
    Term(
        "service-blueprint",
        ("Service Blueprint", "Service blueprint"),
        (
            "El mapa de lo que ocurre tras bambalinas en cada paso del viaje (áreas, sistemas, políticas) para entregar la experiencia.",
            "The map of what happens behind the scenes at each step of the journey (areas, systems, policies) to deliver the experience.",
        ),
    ),
    Term(
        "touchpoint",
        ("Punto de contacto (touchpoint)", "Touchpoint"),
        (
            "Cada momento en que el cliente interactúa con la organización: una tienda, una llamada, la web, una factura, un anuncio. La matriz de puntos de contacto los inventaría por etapa y canal.",
            "Every moment the customer interacts with the organization: a store, a call, the website, a bill, an ad. The touchpoint matrix inventories them by stage and channel.",
        ),
    ),
    Term(
        "persona",
        ("Persona", "Persona"),
        (
            "Un cliente arquetípico, construido con datos e investigación, que representa a un segmento al diseñar servicios.",
            "An archetypal customer, built from data and research, who stands for a segment when services are designed.",
        ),
    ),
    Term(
        "kpi",
        ("Indicador (KPI)", "Metric (KPI)"),
        (
            "Una medida de negocio u operativa que se sigue a lo largo del tiempo para saber si las iniciativas mueven los resultados. Las definiciones están en el catálogo de indicadores.",
            "A business or operational measure tracked over time to see whether initiatives move results. The definitions are in the metrics catalog.",
        ),
    ),
)


def guide_markdown(lang: str) -> str:
    """The guide and the glossary as a Markdown page in ``lang``."""
    es = lang == "es"
    heading = "## Guía del facilitador" if es else "## Facilitator's guide"
    glossary = "## Glosario" if es else "## Glossary"
    return f"{heading}\n{steps_markdown(lang)}\n{glossary}\n\n{glossary_markdown(lang)}\n"


def steps_markdown(lang: str) -> str:
    """The guide's steps and tips in ``lang`` (the Guide page; the docs page under its
    heading)."""
    es = lang == "es"
    lines = [
        "",
        ("Los pasos del artículo de Avaya (Richard English) y cómo darlos con cxmaturity."
         if es else "The steps of the Avaya article (Richard English) and how to take them with cxmaturity."),
        "",
    ]  # fmt: skip
    for step in STEPS:
        lines += [f"### {pick(step.title, lang)}", "", pick(step.why, lang), "",
                  f"**{'En la aplicación' if es else 'In the app'}:** {pick(step.how, lang)}", ""]  # fmt: skip
    lines += [f"### {'Consejos para el taller' if es else 'Workshop tips'}", ""]
    lines += [f"- {pick(tip, lang)}" for tip in TIPS]
    return "\n".join(lines) + "\n"


def glossary_markdown(lang: str) -> str:
    """The glossary as one Markdown list in ``lang`` (the page header's glossary)."""
    return "\n".join(f"- **{pick(t.name, lang)}**: {pick(t.definition, lang)}" for t in GLOSSARY)


def docs_page() -> str:
    """``docs/facilitator-guide.md``: the guide in English, then in Spanish."""
    header = (
        "# Facilitator's guide and glossary / Guía del facilitador y glosario\n\n"
        "<!-- Written by `python -m cxmaturity.guide` from cxmaturity/guide.py; the app's "
        "Guide page shows the same text. -->\n\n"
        "[English](#facilitators-guide) · [Español](#guía-del-facilitador)\n\n"
    )
    return header + guide_markdown("en") + "\n" + guide_markdown("es")


if __name__ == "__main__":
    print(docs_page(), end="")
