"""One store call on the counselor's behalf: a refusal becomes a message, never a traceback."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

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
