"""One store call on the counselor's behalf: a refusal becomes a message, never a traceback."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QMessageBox, QWidget

from ..store.errors import StoreError

# What a save may refuse with: the store's mapped errors, a domain check, a record gone meanwhile.
REFUSALS = (StoreError, ValueError, LookupError)


def save_or_warn(parent: QWidget, action: Callable[[], Any]) -> tuple[bool, Any]:
    """Run ``action``; (True, its result), or (False, None) after a "Not saved" message."""
    try:
        return True, action()
    except REFUSALS as error:
        QMessageBox.warning(parent, "Not saved", str(error))
        return False, None


def documents_folder() -> Path:
    """The user's Documents folder (the home folder where there is none): where files go first."""
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(found) if found and Path(found).is_dir() else Path.home()


def pdf_path(parent: QWidget, chosen: str) -> Path | None:
    """The file name chosen in a save dialog, ending in .pdf; None when the counselor declines.

    The save dialog asked about replacing the name as typed; when ".pdf" had to be added and
    that file exists, ask here, so that no file is replaced without a question.
    """
    target = Path(chosen)
    if target.suffix.lower() == ".pdf":
        return target
    target = target.with_name(target.name + ".pdf")
    if target.exists():
        answer = QMessageBox.question(
            parent,
            "Replace the file?",
            f"{target.name} already exists in {target.parent}. Replace it?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return None
    return target
