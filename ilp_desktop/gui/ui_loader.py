"""Loading Qt Designer .ui files at run time and finding their widgets by object name."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import QFile, QIODevice, QObject
from PySide6.QtUiTools import QUiLoader
from PySide6.QtWidgets import QWidget

from ..paths import ui_file

W = TypeVar("W", bound=QObject)


def load_ui(name: str, parent: QWidget | None = None) -> QWidget:
    """Build the widget tree of ``ui/<name>`` as a child of ``parent``."""
    path = ui_file(name)
    handle = QFile(str(path))
    if not handle.open(QIODevice.OpenModeFlag.ReadOnly):
        raise OSError(f"cannot read interface file {path}: {handle.errorString()}")
    try:
        loader = QUiLoader()
        widget = loader.load(handle, parent)
    finally:
        handle.close()
    if widget is None:
        raise RuntimeError(f"interface file {path} did not load: {loader.errorString()}")
    return widget


def child(form: QObject, kind: type[W], name: str) -> W:
    """The widget called ``name`` in ``form``; a missing one is a bug in the .ui file."""
    found = form.findChild(kind, name)
    if found is None:
        raise LookupError(f"{form.objectName()} has no {kind.__name__} named {name!r}")
    return found
