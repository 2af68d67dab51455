"""Every fixed text of the conference handout, in English and Spanish, and dates in both.

Written for families: no "RIASEC", no "job zone"; what a term means is said where it is used.
A test checks that both languages have the same keys and the same {placeholders}.
"""

from __future__ import annotations

import datetime as dt

from ..domain.dates import read_iso_date

# Each language named in itself, for choosing one.
LANGUAGE_NAMES: dict[str, str] = {"en": "English", "es": "Español"}

WORDS: dict[str, dict[str, str]] = {
    "en": {
        "kind": "Individualized Learning Plan",
        "subtitle": "Summary for the family conference",
        "grade": "Grade {grade}",
        "grade_k": "Kindergarten",
        "grade_ps": "After high school",
        "counselor": "School counselor",
        "contact": "Contact",
        "next_review": "Next plan review",
        "next_review_by": "{title}, by {date}",
        "no_review": "To be set with the counselor",
        "fall": "Fall review",
        "spring": "Spring review",
        "transition": "Transition review",
        # Interests
        "interests": "Interests",
        "interests_intro": (
            "From the interest survey {name} took on {date}: how much {name} likes six kinds "
            "of work activities. The longer the bar, the stronger the interest."
        ),
        "interests_code": (
            "Career guides write this as the code {code}: one letter for each of the three "
            "strongest interests."
        ),
        "interests_flat": (
            "The answers show no clear favorite yet: that is common, and a good thing to talk "
            "about."
        ),
        "interests_none": (
            "The interest survey was not finished, so there are no results yet: it can be "
            "taken again with the counselor."
        ),
        "no_interests": "{name} has not taken the interest survey yet.",
        # Careers
        "careers": "Careers {name} is exploring",
        "career_shared": "Fits {name}'s interests: {types}",
        "career_talk": "A career to talk about together",
        "more_careers": "and {n} more on the list",
        "no_careers": "No careers chosen to explore yet.",
        # Where things stand
        "now": "Where things stand",
        "now_as_of": "Where things stand on {date}",
        "gpa": "Grade point average (GPA)",
        "gpa_value": "{value} (4.0 is all A's)",
        "credits": "Credits earned toward graduation",
        "attendance": "Days at school",
        "attendance_value": "{value}% of school days",
        "no_figures": "No grades or attendance recorded yet.",
        "tests": "Test results",
        "test_line": "{name}, {date}",
        "score_label": "score {score}",
        # Goals
        "goals": "Goals",
        "goal_area": "{area} goal",
        "target": "by {date}",
        "steps_done": "Steps done: {done} of {total}",
        "no_steps": "no steps yet",
        "latest_note": "Latest note ({date})",
        "goal_overdue": "The target date has passed.",
        "more_goals": "{n} more goals are in the full plan.",
        "more_goal": "{n} more goal is in the full plan.",
        "no_goals": "No goals written yet: setting the first ones is part of this conference.",
        # Next steps
        "next_steps": "Next steps: who does what",
        "group_student": "{name}",
        "group_family": "Family",
        "group_school": "School",
        "due": "by {date}",
        "late": "late",
        "more_steps": "and {n} more",
        "no_next_steps": "No next steps yet: agree on them together at this conference.",
        # Supports
        "supports": "Supports in place",
        "after": "After high school",
        "pathway": "Thinking about: {pathway}",
        "in_own_words": "In {name}'s words: {text}",
        # Changes
        "changes": "What changed since the last review ({date})",
        "no_changes": "Nothing in the plan has changed since the last review on {date}.",
        "more_changes": "and {n} more changes the counselor can go through with you.",
        "more_change": "and {n} more change the counselor can go through with you.",
        # Acknowledgement
        "signatures": "We reviewed this plan together",
        "sign_student": "Student",
        "sign_family": "Parent or guardian",
        "sign_counselor": "Counselor",
        "signature": "Signature and date",
        "footer": "{name} · {kind} · {date}",
        "page": "Page {page} of {total}",
        "batch": "{n} students",
        "private": "Private student record: please keep it safe.",
    },
    "es": {
        "kind": "Plan de aprendizaje individualizado",
        "subtitle": "Resumen para la reunión con la familia",
        "grade": "Grado {grade}",
        "grade_k": "Kínder",
        "grade_ps": "Después de la secundaria",
        "counselor": "Consejero/a escolar",
        "contact": "Contacto",
        "next_review": "Próxima revisión del plan",
        "next_review_by": "{title}, antes del {date}",
        "no_review": "Se fijará con el consejero/a",
        "fall": "Revisión de otoño",
        "spring": "Revisión de primavera",
        "transition": "Revisión de transición",
        "interests": "Intereses",
        "interests_intro": (
            "Según la encuesta de intereses que {name} contestó el {date}: cuánto le gustan "
            "seis tipos de actividades de trabajo. Cuanto más larga la barra, más fuerte el "
            "interés."
        ),
        "interests_code": (
            "Las guías de carreras lo escriben con el código {code}: una letra por cada uno de "
            "los tres intereses más fuertes."
        ),
        "interests_flat": (
            "Las respuestas todavía no muestran un favorito claro: es algo común y un buen tema "
            "para conversar."
        ),
        "interests_none": (
            "La encuesta de intereses no se terminó, así que todavía no hay resultados: se puede "
            "volver a contestar con el consejero/a."
        ),
        "no_interests": "{name} todavía no ha contestado la encuesta de intereses.",
        "careers": "Carreras que {name} está explorando",
        "career_shared": "Va con los intereses de {name}: {types}",
        "career_talk": "Una carrera para conversar juntos",
        "more_careers": "y {n} más en la lista",
        "no_careers": "Todavía no ha elegido carreras para explorar.",
        "now": "Cómo va ahora",
        "now_as_of": "Cómo va (datos al {date})",
        "gpa": "Promedio de calificaciones (GPA)",
        "gpa_value": "{value} (4.0 = solo calificaciones A)",
        "credits": "Créditos obtenidos para graduarse",
        "attendance": "Días en la escuela",
        "attendance_value": "{value}% de los días de clase",
        "no_figures": "Todavía no hay calificaciones ni asistencia registradas.",
        "tests": "Resultados de exámenes",
        "test_line": "{name}, {date}",
        "score_label": "puntaje {score}",
        "goals": "Metas",
        "goal_area": "Meta {area}",
        "target": "para el {date}",
        "steps_done": "Pasos hechos: {done} de {total}",
        "no_steps": "todavía sin pasos",
        "latest_note": "Última nota ({date})",
        "goal_overdue": "La fecha prevista ya pasó.",
        "more_goals": "Hay {n} metas más en el plan completo.",
        "more_goal": "Hay {n} meta más en el plan completo.",
        "no_goals": ("Todavía no hay metas escritas: fijar las primeras es parte de esta reunión."),
        "next_steps": "Próximos pasos: quién hace qué",
        "group_student": "{name}",
        "group_family": "Familia",
        "group_school": "Escuela",
        "due": "antes del {date}",
        "late": "atrasado",
        "more_steps": "y {n} más",
        "no_next_steps": "Todavía no hay próximos pasos: acuérdenlos juntos en esta reunión.",
        "supports": "Apoyos que recibe",
        "after": "Después de la secundaria",
        "pathway": "Está pensando en: {pathway}",
        "in_own_words": "En palabras de {name}: {text}",
        "changes": "Qué cambió desde la última revisión ({date})",
        "no_changes": "Nada del plan ha cambiado desde la última revisión del {date}.",
        "more_changes": "y {n} cambios más que el consejero/a puede repasar con ustedes.",
        "more_change": "y {n} cambio más que el consejero/a puede repasar con ustedes.",
        "signatures": "Revisamos este plan juntos",
        "sign_student": "Estudiante",
        "sign_family": "Madre, padre o tutor",
        "sign_counselor": "Consejero/a",
        "signature": "Firma y fecha",
        "footer": "{name} · {kind} · {date}",
        "page": "Página {page} de {total}",
        "batch": "{n} estudiantes",
        "private": "Expediente privado del estudiante: guárdelo en un lugar seguro.",
    },
}

AREAS: dict[str, dict[str, str]] = {
    "en": {
        "academic": "School",
        "career": "Career",
        "personal": "Personal",
        "postsecondary": "After high school",
    },
    "es": {
        "academic": "escolar",
        "career": "de carrera",
        "personal": "personal",
        "postsecondary": "para después de la secundaria",
    },
}

GOAL_STATUS: dict[str, dict[str, str]] = {
    "en": {
        "not_started": "Not started yet",
        "on_track": "On track",
        "at_risk": "Needs attention",
        "done": "Done",
    },
    "es": {
        "not_started": "Sin empezar",
        "on_track": "Va bien",
        "at_risk": "Necesita atención",
        "done": "Lograda",
    },
}

PATHWAYS: dict[str, dict[str, str]] = {
    "en": {
        "four_year": "a four-year college or university",
        "two_year": "a two-year (community) college",
        "apprenticeship": "an apprenticeship: paid training on the job",
        "military": "the military",
        "workforce": "going straight into work",
        "certificate": "a certificate or technical program",
    },
    "es": {
        "four_year": "una universidad de cuatro años",
        "two_year": "un colegio comunitario de dos años",
        "apprenticeship": "un aprendizaje: formación pagada en el trabajo",
        "military": "las fuerzas armadas",
        "workforce": "empezar a trabajar directamente",
        "certificate": "un certificado o programa técnico",
    },
}

# "What changed", one line per change; {subjects} is the user's text, printed as typed.
CHANGES: dict[str, dict[str, str]] = {
    "en": {
        "goal_completed": "Goals reached: {subjects}",
        "goal_added": "New goals: {subjects}",
        "goal_status": "Now {status}: {subjects}",
        "goal_dropped": "Goals set aside: {subjects}",
        "step_done": "Done: {subjects}",
        "career_added": "New careers to explore: {subjects}",
        "career_removed": "No longer exploring: {subjects}",
        "interest_taken": "Took the interest survey",
        "interest_changed": "Took the interest survey again: the strongest interests changed",
        "interest_again": "Took the interest survey again: the same strongest interests",
        "figures": "New grades and attendance, as of {date}",
        "assessment": "New test result: {subjects}",
        "pathway": "After high school, now thinking about {pathway}",
        "target_added": "Added to the plan after high school: {subjects}",
    },
    "es": {
        "goal_completed": "Metas logradas: {subjects}",
        "goal_added": "Metas nuevas: {subjects}",
        "goal_status": "Ahora {status}: {subjects}",
        "goal_dropped": "Metas dejadas de lado: {subjects}",
        "step_done": "Hecho: {subjects}",
        "career_added": "Carreras nuevas para explorar: {subjects}",
        "career_removed": "Ya no explora: {subjects}",
        "interest_taken": "Contestó la encuesta de intereses",
        "interest_changed": (
            "Volvió a contestar la encuesta de intereses: cambiaron los intereses más fuertes"
        ),
        "interest_again": (
            "Volvió a contestar la encuesta de intereses: los mismos intereses más fuertes"
        ),
        "figures": "Nuevas calificaciones y asistencia, al {date}",
        "assessment": "Nuevo resultado de examen: {subjects}",
        "pathway": "Después de la secundaria, ahora piensa en {pathway}",
        "target_added": "Agregado al plan para después de la secundaria: {subjects}",
    },
}

# The status words inside "Goal now …" read as part of a sentence.
STATUS_IN_SENTENCE: dict[str, dict[str, str]] = {
    "en": {
        "not_started": "not started",
        "on_track": "on track",
        "at_risk": "needs attention",
    },
    "es": {
        "not_started": "está sin empezar",
        "on_track": "va bien",
        "at_risk": "necesita atención",
    },
}

_MONTHS = {
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
    "es": (
        "enero",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "julio",
        "agosto",
        "septiembre",
        "octubre",
        "noviembre",
        "diciembre",
    ),
}


def long_date(value: dt.date | str, lang: str) -> str:
    """ "November 22, 2026" or "22 de noviembre de 2026"; an unreadable text comes back as is."""
    day = value if isinstance(value, dt.date) else read_iso_date(value)[0]
    if day is None:
        return str(value)
    month = _MONTHS[lang][day.month - 1]
    if lang == "es":
        return f"{day.day} de {month} de {day.year}"
    return f"{month} {day.day}, {day.year}"


def short_date(value: dt.date | str, lang: str) -> str:
    """ "Nov 22, 2026" or "22 nov 2026": for dates in lists."""
    day = value if isinstance(value, dt.date) else read_iso_date(value)[0]
    if day is None:
        return str(value)
    month = _MONTHS[lang][day.month - 1][:3]
    if lang == "es":
        return f"{day.day} {month} {day.year}"
    return f"{month.capitalize()} {day.day}, {day.year}"


def grade_text(grade: str, lang: str) -> str:
    words = WORDS[lang]
    if grade == "K":
        return words["grade_k"]
    if grade == "PS":
        return words["grade_ps"]
    return words["grade"].format(grade=grade)
