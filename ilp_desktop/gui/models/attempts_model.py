"""Every interest inventory attempt of one student, newest first, as a table.

The rows are :class:`AttemptView` values handed in by whoever reads the store; the model
never loads or saves anything. The words for forms, how an attempt was entered and the
student's agreement live here too, so the table and the results panel say the same thing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from ...domain.interests import FORM_ITEMS_PER_TYPE, LANGUAGES, TYPES, InventoryResult
from ...domain.self_exploration import AGREEMENTS as AGREEMENTS  # re-exported for the panel
from ...domain.self_exploration import ENTERED_BY

Index = QModelIndex | QPersistentModelIndex

DATE, FORM, CODE, ENTERED, REFLECTION = range(5)
ATTEMPT_KEY_ROLE = Qt.ItemDataRole.UserRole + 1
DISPLAY = Qt.ItemDataRole.DisplayRole
TOOLTIP = Qt.ItemDataRole.ToolTipRole

# The values the store records (domain/self_exploration.py): the student's answer to "Does
# this sound like you?", and how an attempt was entered.
ENTERED_ON_SCREEN, ENTERED_FROM_PAPER = ENTERED_BY  # student-facing mode; a keyed paper sheet


@dataclass(frozen=True)
class AttemptView:
    """One attempt as the results panel shows it: the scored result and the reflection on it.

    ``key`` is whatever identifies the attempt to the caller (a row id, say); it comes back in
    signals untouched. ``agreement`` is one of :data:`AGREEMENTS` or None (not asked yet).
    """

    key: object
    taken_on: dt.date
    form_key: str
    entered_by: str
    result: InventoryResult
    agreement: str | None
    reflection: str


_WORDS: dict[str, dict[str, Any]] = {
    "en": {
        "headers": ("Date", "Form", "Code", "Entered", "Reflection"),
        "form": "{n}-statement form",
        "form_short": "{n} statements",
        "entered": {
            ENTERED_ON_SCREEN: "Taken on screen by the student",
            ENTERED_FROM_PAPER: "Keyed in from a paper answer sheet",
        },
        "entered_short": {ENTERED_ON_SCREEN: "On screen", ENTERED_FROM_PAPER: "Paper sheet"},
        "agreement": {"agree": "Agrees", "partly": "Partly agrees", "disagree": "Disagrees"},
        "no_code": "no code",
        "no_reflection": "—",
        "months": (
            "Jan",
            "Feb",
            "Mar",
            "Apr",
            "May",
            "Jun",
            "Jul",
            "Aug",
            "Sep",
            "Oct",
            "Nov",
            "Dec",
        ),
        "date": "{month} {day}, {year}",
    },
    "es": {
        "headers": ("Fecha", "Formulario", "Código", "Ingreso", "Reflexión"),
        "form": "formulario de {n} frases",
        "form_short": "{n} frases",
        "entered": {
            ENTERED_ON_SCREEN: "Contestado en pantalla por el estudiante",
            ENTERED_FROM_PAPER: "Copiado de una hoja de respuestas en papel",
        },
        "entered_short": {ENTERED_ON_SCREEN: "En pantalla", ENTERED_FROM_PAPER: "En papel"},
        "agreement": {
            "agree": "De acuerdo",
            "partly": "En parte",
            "disagree": "En desacuerdo",
        },
        "no_code": "sin código",
        "no_reflection": "—",
        "months": (
            "ene",
            "feb",
            "mar",
            "abr",
            "may",
            "jun",
            "jul",
            "ago",
            "sept",
            "oct",
            "nov",
            "dic",
        ),
        "date": "{day} {month} {year}",
    },
}


def _words(lang: str) -> dict[str, Any]:
    if lang not in LANGUAGES:
        raise ValueError(f"Language “{lang}” is not available; use en or es.")
    return _WORDS[lang]


def format_date(day: dt.date, lang: str = "en") -> str:
    """A date as people write it: "Mar 4, 2025" or "4 mar 2025" (no locale needed)."""
    words = _words(lang)
    return words["date"].format(month=words["months"][day.month - 1], day=day.day, year=day.year)


def form_label(form_key: str, lang: str = "en", short: bool = False) -> str:
    """ "60-statement form" (or "60 statements" when ``short``); an unknown key as given."""
    per_type = FORM_ITEMS_PER_TYPE.get(form_key)
    if per_type is None:
        return form_key
    return _words(lang)["form_short" if short else "form"].format(n=per_type * len(TYPES))


def entered_label(entered_by: str, lang: str = "en", short: bool = False) -> str:
    """How the answers were entered, in words; a value this app does not know, as given."""
    return _words(lang)["entered_short" if short else "entered"].get(entered_by, entered_by)


def agreement_label(agreement: str | None, lang: str = "en") -> str:
    """ "Agrees", "Partly agrees", "Disagrees", or a dash when the student was not asked yet."""
    words = _words(lang)
    if agreement is None:
        return words["no_reflection"]
    return words["agreement"].get(agreement, agreement)


class AttemptsModel(QAbstractTableModel):
    """A student's attempts, newest first: date, form, code, how entered, reflection."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._attempts: list[AttemptView] = []
        self._lang = "en"

    # Data -------------------------------------------------------------------------------------
    def set_attempts(self, attempts: Sequence[AttemptView]) -> None:
        """Show these attempts, replacing any shown before."""
        self.beginResetModel()
        self._attempts = list(attempts)
        self.endResetModel()

    def attempts(self) -> tuple[AttemptView, ...]:
        """The attempts as shown, reflections edited here included."""
        return tuple(self._attempts)

    def attempt(self, row: int) -> AttemptView:
        return self._attempts[row]

    def previous(self, row: int) -> AttemptView | None:
        """The attempt taken before the one in ``row`` (the next row down), if any."""
        return self._attempts[row + 1] if 0 <= row < len(self._attempts) - 1 else None

    def row_of(self, key: object) -> int | None:
        for row, attempt in enumerate(self._attempts):
            if attempt.key == key:
                return row
        return None

    def set_reflection(self, key: object, agreement: str | None, text: str) -> None:
        """Keep the shown reflection in step with what the student has just typed or chosen."""
        row = self.row_of(key)
        if row is None:
            return
        current = self._attempts[row]
        if (current.agreement, current.reflection) == (agreement, text):
            return
        self._attempts[row] = replace(current, agreement=agreement, reflection=text)
        self.dataChanged.emit(self.index(row, REFLECTION), self.index(row, REFLECTION))

    def set_language(self, lang: str) -> None:
        """Show dates, forms and headers in English ("en") or Spanish ("es")."""
        _words(lang)
        if lang == self._lang:
            return
        self._lang = lang
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self._headers()) - 1)
        if self._attempts:
            last = self.index(len(self._attempts) - 1, len(self._headers()) - 1)
            self.dataChanged.emit(self.index(0, 0), last)

    def _headers(self) -> tuple[str, ...]:
        return _WORDS[self._lang]["headers"]

    # Qt model interface -----------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._attempts)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers())

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == DISPLAY:
            headers = self._headers()
            return headers[section] if 0 <= section < len(headers) else None
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        attempt = self._attempts[index.row()]
        column = index.column()
        if role == DISPLAY:
            return self._display(attempt, column)
        if role == ATTEMPT_KEY_ROLE:
            return attempt.key
        if role == TOOLTIP:
            return self._tooltip(attempt, column)
        return None

    def _display(self, attempt: AttemptView, column: int) -> str:
        lang = self._lang
        if column == DATE:
            return format_date(attempt.taken_on, lang)
        if column == FORM:
            return form_label(attempt.form_key, lang, short=True)
        if column == CODE:
            return attempt.result.code_display or _WORDS[lang]["no_code"]
        if column == ENTERED:
            return entered_label(attempt.entered_by, lang, short=True)
        return agreement_label(attempt.agreement, lang)

    def _tooltip(self, attempt: AttemptView, column: int) -> str | None:
        lang = self._lang
        if column == CODE:
            return "\n".join(attempt.result.messages(lang)) or None
        if column == ENTERED:
            return entered_label(attempt.entered_by, lang)
        if column == REFLECTION:
            return attempt.reflection.strip() or None
        return None
