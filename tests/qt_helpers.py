"""Typing for GUI tests: QTest.keyClicks aborts on characters outside ASCII."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QDialog, QWidget


def type_text(widget: QWidget, text: str) -> None:
    """Send one key press and release per character, as a keyboard with that letter would."""
    widget.setFocus()
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char))


def in_dialog(kind: type, fill: Callable[[Any], None]) -> list[Any]:
    """Run ``fill`` on the modal dialog about to open (closing it if fill left it open);
    returns the dialogs it saw, for checking."""
    seen: list[Any] = []

    def run() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, kind), dialog
        seen.append(dialog)
        try:
            fill(dialog)
        finally:
            if dialog.isVisible():
                dialog.reject()

    QTimer.singleShot(0, run)
    return seen


def fill_on_exec(monkeypatch: Any, dialog_class: type, fill: Callable[[Any], None]) -> list[Any]:
    """Make ``dialog_class.exec`` fill the form like a counselor and press Save (its
    ``try_save``); returns the dialogs shown, for checking."""
    shown: list[Any] = []

    def exec_(dialog: Any) -> int:
        shown.append(dialog)
        fill(dialog)
        return QDialog.DialogCode.Accepted if dialog.try_save() else QDialog.DialogCode.Rejected

    monkeypatch.setattr(dialog_class, "exec", exec_)
    return shown
