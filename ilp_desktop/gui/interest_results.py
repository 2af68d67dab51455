"""The results half of the Self-exploration tab: chart, code, history and the student's reflection.

Takes domain objects only. Whoever owns the storage hands in the student's attempts with
:meth:`InterestResultsPanel.set_attempts` and saves what :attr:`reflection_changed` reports;
the panel keeps its own copy of the reflection in step so moving between attempts never
loses a word.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from PySide6.QtCore import (
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QFont, QHideEvent, QPalette, QResizeEvent, QTextCursor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QFrame,
    QGroupBox,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QRadioButton,
    QScrollArea,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from .. import bundled
from ..domain.interests import LANGUAGES, TYPES, Inventory, InventoryResult, compare
from .interest_chart import InterestChart, type_labels
from .look import heading
from .models.attempts_model import (
    AGREEMENTS,
    REFLECTION,
    AttemptsModel,
    AttemptView,
    entered_label,
    form_label,
    format_date,
)
from .ui_loader import child, embed_ui

__all__ = ["REFLECTION_DELAY_MS", "AttemptView", "InterestResultsPanel", "bundled_inventory"]

# Quiet time after the last keystroke before the reflection is reported for saving.
REFLECTION_DELAY_MS = 400

# With more letters than this in the code (a wide tie), each type gets its one-line summary
# only: six paragraphs would bury the chart.
_FULL_DESCRIPTIONS_UP_TO = 4

_TEXT: dict[str, dict[str, str]] = {
    "en": {
        "empty": (
            "No interest inventory yet. Start one with the student, or key in a paper answer sheet."
        ),
        "title": "Interest inventory, {date}",
        "code": "Holland code",
        "code_flat": "Highest scores for now",
        "code_tip": (
            "The three types liked most, strongest first. Letters in brackets tie: "
            "their order is not settled."
        ),
        "no_code": "No code yet",
        "no_code_hint": (
            "The chart shows the scores so far. Once enough statements are answered, the code "
            "and what each of its types means will show here."
        ),
        "changes": "What changed since {date}",
        "first": "This is the first attempt, so there is nothing to compare it with yet.",
        "history": "All attempts",
        "reflection_box": "In the student's own words",
        "prompt": "Does this sound like you?",
        "agree": "I agree",
        "partly": "Partly",
        "disagree": "I disagree",
        "why": "Why? In your own words:",
        "placeholder": "What fits, what doesn't, what surprised you…",
    },
    "es": {
        "empty": (
            "Todavía no hay inventario de intereses. Empiecen uno con el estudiante o copien "
            "una hoja de respuestas en papel."
        ),
        "title": "Inventario de intereses, {date}",
        "code": "Código Holland",
        "code_flat": "Puntajes más altos por ahora",
        "code_tip": (
            "Los tres tipos que más gustaron, del más fuerte al menos fuerte. Las letras entre "
            "paréntesis empatan: su orden no está decidido."
        ),
        "no_code": "Todavía no hay código",
        "no_code_hint": (
            "La gráfica muestra los puntajes hasta ahora. Cuando haya suficientes frases "
            "contestadas, aquí aparecerán el código y lo que significa cada uno de sus tipos."
        ),
        "changes": "Qué cambió desde el {date}",
        "first": "Es el primer intento, así que todavía no hay con qué compararlo.",
        "history": "Todos los intentos",
        "reflection_box": "En palabras del estudiante",
        "prompt": "¿Te describe esto?",
        "agree": "Estoy de acuerdo",
        "partly": "En parte",
        "disagree": "No estoy de acuerdo",
        "why": "¿Por qué? Con tus propias palabras:",
        "placeholder": "Qué encaja, qué no, qué te sorprendió…",
    },
}

# The message box: amber when the code cannot be read as it stands (no code, flat profile),
# blue when it only needs a word of explanation (a tie). Each pair sets text and background
# together, so it reads on light and dark themes alike.
_NOTICE = {
    False: "background: #fff4ce; color: #3d2e00; border: 1px solid #d9b44a;",
    True: "background: #4a3b10; color: #ffeab0; border: 1px solid #8a6d1f;",
}
_INFO = {
    False: "background: #e8eef7; color: #1d3557; border: 1px solid #b8c7dd;",
    True: "background: #1f2d40; color: #dbe6f5; border: 1px solid #3f5676;",
}


bundled_inventory = bundled.inventory


class InterestResultsPanel(QWidget):
    """One student's interest inventory results: pick an attempt, read it, reflect on it.

    ``reflection_changed(key, agreement, text)`` reports the student's reflection on the shown
    attempt: ``agreement`` is one of "agree", "partly", "disagree" or None. It fires
    REFLECTION_DELAY_MS after typing stops, at once when a choice is clicked, and before the
    panel hides, loses the text box's focus, shows another attempt or reloads, so nothing typed
    is lost. ``attempt_shown(key)`` fires when another attempt is shown.
    """

    reflection_changed = Signal(object, object, str)
    attempt_shown = Signal(object)

    def __init__(self, parent: QWidget | None = None, inventory: Inventory | None = None) -> None:
        super().__init__(parent)
        self._inventory = inventory if inventory is not None else bundled_inventory()
        self._lang = "en"
        self._shown_key: object = None
        self._pending = False
        self._loading = False

        form = embed_ui("interest_results.ui", self)
        self.empty_label = child(form, QLabel, "emptyLabel")
        self.body = child(form, QWidget, "resultsBody")
        self.title_label = child(form, QLabel, "attemptTitle")
        self.details_label = child(form, QLabel, "attemptDetails")
        self.messages_label = child(form, QLabel, "messagesLabel")
        self.changes_title = child(form, QLabel, "changesTitle")
        self.changes_label = child(form, QLabel, "changesLabel")
        self.code_caption = child(form, QLabel, "codeCaption")
        self.code_label = child(form, QLabel, "codeLabel")
        self.types_label = child(form, QLabel, "typesLabel")
        self.history_title = child(form, QLabel, "historyTitle")
        self.view = child(form, QTableView, "attemptsView")
        self.reflection_box = child(form, QGroupBox, "reflectionBox")
        self.prompt_label = child(form, QLabel, "reflectionPrompt")
        self.why_label = child(form, QLabel, "reflectionTextLabel")
        self.reflection_text = child(form, QPlainTextEdit, "reflectionText")
        self.agreement_buttons = {
            "agree": child(form, QRadioButton, "agreeButton"),
            "partly": child(form, QRadioButton, "partlyButton"),
            "disagree": child(form, QRadioButton, "disagreeButton"),
        }

        # When the panel is short of height, these two scroll rather than overlap the chart or
        # the reflection; with room to spare they show every line and no scroll bar.
        self._changes_scroll = _FittingScroll(self.changes_label, 3)
        self._types_scroll = _FittingScroll(self.types_label, 6)
        for scroll, column, stretch in (
            (self._changes_scroll, "evidenceColumn", 0),
            (self._types_scroll, "meaningColumn", 0),
        ):
            column_layout = child(form, QVBoxLayout, column)
            label = scroll.label
            index = column_layout.indexOf(label)
            column_layout.removeWidget(label)
            column_layout.insertWidget(index, scroll, stretch)
            scroll.take_label()

        host = child(form, QWidget, "chartHost")
        host_layout = QVBoxLayout(host)
        host_layout.setContentsMargins(0, 0, 0, 0)
        self.chart = InterestChart(host)
        host_layout.addWidget(self.chart)

        self._style()
        self.model = AttemptsModel(self)
        self._set_up_view()

        # Exclusive radio buttons cannot all be unchecked once one is; the group is made
        # non-exclusive for a moment when an attempt without a reflection is shown.
        self._agreement_group = QButtonGroup(self)
        for index, agreement in enumerate(AGREEMENTS):
            self._agreement_group.addButton(self.agreement_buttons[agreement], index)
        self._agreement_group.idClicked.connect(self._agreement_clicked)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(REFLECTION_DELAY_MS)
        self._timer.timeout.connect(self.flush_reflection)
        self.reflection_text.textChanged.connect(self._reflection_edited)
        self.reflection_text.installEventFilter(self)

        self._apply_language()
        self._show_empty()

    # Public interface -------------------------------------------------------------------------
    def set_attempts(self, attempts: Sequence[AttemptView]) -> None:
        """Show a student's attempts, newest first.

        Stays on the attempt on show if its key is among the new ones (so a reload after
        saving does not jump), else shows the newest. A reflection still waiting to be
        reported is reported first, with the key of the attempt it belongs to: use keys that
        identify an attempt across students, such as its row id.
        """
        self.flush_reflection()
        keep = self._shown_key
        self.model.set_attempts(attempts)
        if not attempts:
            self._show_empty()
            return
        row = self.model.row_of(keep)
        self._select(0 if row is None else row, force=True)

    def show_attempt(self, key: object) -> bool:
        """Show the attempt with this key; False if there is none."""
        row = self.model.row_of(key)
        if row is None:
            return False
        self._select(row)
        return True

    def shown_attempt(self) -> AttemptView | None:
        """The attempt on show, with the reflection as it stands in the panel."""
        row = self.model.row_of(self._shown_key)
        return None if row is None else self.model.attempt(row)

    def attempts(self) -> tuple[AttemptView, ...]:
        """Every attempt as shown, reflections edited here included."""
        return self.model.attempts()

    def language(self) -> str:
        return self._lang

    def set_language(self, lang: str) -> None:
        """Show the panel in English ("en") or Spanish ("es"), for the student reading it."""
        if lang not in LANGUAGES:
            raise ValueError(f"Language “{lang}” is not available; use en or es.")
        if lang == self._lang:
            return
        self.flush_reflection()
        self._lang = lang
        self.model.set_language(lang)
        self._apply_language()
        row = self.model.row_of(self._shown_key)
        if row is not None:
            self._show_row(row)

    def flush_reflection(self) -> None:
        """Report the reflection now if anything changed since it was last reported."""
        self._timer.stop()
        if not self._pending:
            return
        self._pending = False
        key = self._shown_key
        if self.model.row_of(key) is None:
            return
        agreement, text = self._reflection()
        self.model.set_reflection(key, agreement, text)
        self.reflection_changed.emit(key, agreement, text)

    # Qt events --------------------------------------------------------------------------------
    def hideEvent(self, event: QHideEvent) -> None:
        self.flush_reflection()
        super().hideEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.reflection_text and event.type() == QEvent.Type.FocusOut:
            self.flush_reflection()
        return super().eventFilter(watched, event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange:
            self._style()
            row = self.model.row_of(self._shown_key)
            if row is not None:
                self._show_messages(self.model.attempt(row).result)
        super().changeEvent(event)

    # Building ---------------------------------------------------------------------------------
    def _style(self) -> None:
        heading(self.title_label, 1.3)
        heading(self.code_label, 2.0)
        font = QFont(self.code_label.font())
        font.setLetterSpacing(QFont.SpacingType.PercentageSpacing, 112)
        self.code_label.setFont(font)
        for label in (self.code_caption, self.changes_title, self.history_title):
            heading(label, 1.0)
        self.details_label.setStyleSheet("color: palette(placeholder-text);")
        # Air between the reading above and the list below, without a spacer in the form.
        self.history_title.setContentsMargins(0, 10, 0, 0)
        self.changes_title.setContentsMargins(0, 6, 0, 0)
        self.empty_label.setContentsMargins(0, 8, 0, 8)
        heading(self.empty_label, 1.1, bold=False)
        for label in (self.messages_label, self.types_label, self.changes_label):
            label.setTextFormat(Qt.TextFormat.RichText)
        self.code_label.setTextFormat(Qt.TextFormat.PlainText)
        self.chart.setMinimumHeight(230)
        # The explanations take the height their words need; the text box gives way (to four
        # lines, then it scrolls) rather than the explanations being cut off.
        lines = self.reflection_text.fontMetrics().lineSpacing()
        self.reflection_text.setMinimumHeight(lines * 4 + 12)
        self.reflection_text.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Ignored)

    def _set_up_view(self) -> None:
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # The reflection column takes what is left and elides; the table never scrolls sideways.
        header.setSectionResizeMode(REFLECTION, QHeaderView.ResizeMode.Stretch)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        row_height = self.fontMetrics().height() + 10
        vertical = self.view.verticalHeader()
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(row_height)
        # Room for the header and three attempts (most students have one to four); more room
        # goes to the chart first.
        self.view.setMinimumHeight(header.sizeHint().height() + row_height * 3 + 4)
        self.view.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Ignored)
        self.view.selectionModel().currentRowChanged.connect(self._current_changed)

    def _apply_language(self) -> None:
        words = _TEXT[self._lang]
        self.empty_label.setText(words["empty"])
        self.code_label.setToolTip(words["code_tip"])
        self.history_title.setText(words["history"])
        self.reflection_box.setTitle(words["reflection_box"])
        self.prompt_label.setText(words["prompt"])
        for agreement, button in self.agreement_buttons.items():
            button.setText(words[agreement])
        self.why_label.setText(words["why"])
        self.reflection_text.setPlaceholderText(words["placeholder"])
        self.chart.set_type_labels(type_labels(self._inventory, self._lang))
        self.chart.set_language(self._lang)

    # Showing an attempt -----------------------------------------------------------------------
    def _show_empty(self) -> None:
        self._shown_key = None
        self.chart.set_result(None)
        self.empty_label.setVisible(True)
        self.body.setVisible(False)

    def _select(self, row: int, force: bool = False) -> None:
        index = self.model.index(row, 0)
        selection = self.view.selectionModel()
        if force or selection.currentIndex().row() != row:
            flags = (
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows
            )
            selection.setCurrentIndex(index, flags)
        # After a reset the current row may already be ``row`` without a signal: show it anyway.
        if force or self.model.row_of(self._shown_key) != row:
            self._show_row(row)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid() and self.model.row_of(self._shown_key) != current.row():
            self._show_row(current.row())

    def _show_row(self, row: int) -> None:
        self.flush_reflection()  # what was typed belongs to the attempt shown until now
        attempt = self.model.attempt(row)
        before = self.model.previous(row)
        words = _TEXT[self._lang]
        lang = self._lang
        result = attempt.result

        self.empty_label.setVisible(False)
        self.body.setVisible(True)
        self.title_label.setText(words["title"].format(date=format_date(attempt.taken_on, lang)))
        self.details_label.setText(
            " · ".join(
                [
                    _capitalised(form_label(attempt.form_key, lang)),
                    entered_label(attempt.entered_by, lang),
                ]
            )
        )
        self._show_messages(result)
        self._show_code(result)
        self.chart.set_result(
            result,
            before.result if before else None,
            previous_label=format_date(before.taken_on, lang) if before else None,
        )
        if before is None:
            self.changes_title.setVisible(False)
            self._changes_scroll.set_text(html.escape(words["first"]))
        else:
            self.changes_title.setVisible(True)
            self.changes_title.setText(
                words["changes"].format(date=format_date(before.taken_on, lang))
            )
            self._changes_scroll.set_text(_bullets(compare(before.result, result, lang)))
        self._load_reflection(attempt)
        changed = attempt.key != self._shown_key
        self._shown_key = attempt.key
        if changed:
            self.attempt_shown.emit(attempt.key)

    def _show_messages(self, result: InventoryResult) -> None:
        messages = result.messages(self._lang)
        self.messages_label.setVisible(bool(messages))
        if not messages:
            self.messages_label.clear()
            return
        dark = self.palette().color(QPalette.ColorRole.Window).lightness() < 128
        notice = not result.complete or result.flat
        colours = (_NOTICE if notice else _INFO)[dark]
        self.messages_label.setStyleSheet(
            f"QLabel#messagesLabel {{ {colours} border-radius: 6px; padding: 8px 12px; }}"
        )
        if len(messages) == 1:
            self.messages_label.setText(html.escape(messages[0]))
        else:
            self.messages_label.setText(_bullets(messages))

    def _show_code(self, result: InventoryResult) -> None:
        words = _TEXT[self._lang]
        shown = result.code_display
        if shown is None:
            self.code_caption.setText(words["no_code"])
            self.code_label.setVisible(False)
            self._types_scroll.set_text(html.escape(words["no_code_hint"]))
            self.types_label.setVisible(True)
            return
        self.code_caption.setText(words["code_flat"] if result.flat else words["code"])
        self.code_label.setText(shown)
        # A flat profile's code is a weak hint: shown, but not as a headline.
        self.code_label.setStyleSheet("color: palette(placeholder-text);" if result.flat else "")
        self.code_label.setVisible(True)
        letters = list(dict.fromkeys(c for c in shown if c in TYPES))
        full = len(letters) <= _FULL_DESCRIPTIONS_UP_TO
        paragraphs = []
        for letter in letters:
            info = self._inventory.types[letter]
            name = html.escape(info.name.get(self._lang))
            short = html.escape(info.short.get(self._lang))
            text = f"<b>{name}</b> — {short}"
            if full:
                text += f"<br>{html.escape(info.describe.get(self._lang))}"
            paragraphs.append(f"<p style='margin-top: 2px; margin-bottom: 8px;'>{text}</p>")
        self._types_scroll.set_text("".join(paragraphs))
        self.types_label.setVisible(True)

    # The reflection ---------------------------------------------------------------------------
    def _load_reflection(self, attempt: AttemptView) -> None:
        self._loading = True
        try:
            self._agreement_group.setExclusive(False)
            for agreement, button in self.agreement_buttons.items():
                button.setChecked(agreement == attempt.agreement)
            self._agreement_group.setExclusive(True)
            if self.reflection_text.toPlainText() != attempt.reflection:
                self.reflection_text.setPlainText(attempt.reflection)
                # Carry on writing where the words end, not in front of them.
                self.reflection_text.moveCursor(QTextCursor.MoveOperation.End)
        finally:
            self._loading = False

    def _reflection(self) -> tuple[str | None, str]:
        checked = self._agreement_group.checkedId()
        agreement = AGREEMENTS[checked] if 0 <= checked < len(AGREEMENTS) else None
        return agreement, self.reflection_text.toPlainText()

    def _agreement_clicked(self, _id: int) -> None:
        if self._loading:
            return
        self._pending = True
        self.flush_reflection()  # a click is a decision: report it now

    def _reflection_edited(self) -> None:
        if self._loading:
            return
        self._pending = True
        self._timer.start()


class _FittingScroll(QScrollArea):
    """A frameless scroll area that asks for the full height of its word-wrapped label.

    Its size hint is the label's height at the width it has, so a layout with room shows the
    whole text; its minimum is a few lines, so a layout without room scrolls the text instead
    of squeezing the widgets around it.
    """

    def __init__(self, label: QLabel, min_lines: int) -> None:
        super().__init__()
        self.label = label
        self._min_lines = min_lines
        self._width = -1
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.viewport().setAutoFillBackground(False)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)

    def set_text(self, text: str) -> None:
        """Change the label's text and ask the layout for the height it now needs."""
        self.label.setText(text)
        self.updateGeometry()

    def take_label(self) -> None:
        """Adopt the label once it is out of its layout."""
        self.setWidget(self.label)
        self.label.setAutoFillBackground(False)

    def sizeHint(self) -> QSize:
        # The area's own width, not the viewport's: that one narrows when a scroll bar shows,
        # and the hint would chase its own tail.
        width = self._width if self._width > 0 else self.label.sizeHint().width()
        return QSize(self.label.sizeHint().width(), self.label.heightForWidth(max(width, 50)))

    def minimumSizeHint(self) -> QSize:
        lines = self.label.fontMetrics().lineSpacing() * self._min_lines
        return QSize(50, min(lines, self.sizeHint().height()))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != self._width:
            # The label's height depends on the width just given: ask the layout again.
            self._width = event.size().width()
            self.updateGeometry()


def _bullets(lines: Sequence[str]) -> str:
    """Lines as a bulleted list whose wrapped lines stay clear of the bullet.

    A table rather than <ul>: Qt indents list items by a fixed 40 px, too deep in a narrow box.
    """
    rows = "".join(
        f"<tr><td style='padding-right: 6px;'>•</td><td>{html.escape(line)}</td></tr>"
        for line in lines
    )
    return f"<table cellspacing='0' cellpadding='1'>{rows}</table>"


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]
