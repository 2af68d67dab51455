"""A last line of defence: an unexpected error is logged and told plainly, never as a traceback."""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from types import TracebackType

from PySide6.QtWidgets import QApplication, QMessageBox

log = logging.getLogger("ilp_desktop.unexpected")


def install(log_file: Path) -> None:
    def hook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        log.error("unexpected error", exc_info=(kind, error, tb))
        if QApplication.instance() is None:
            sys.__excepthook__(kind, error, tb)
            return
        QMessageBox.critical(
            QApplication.activeWindow(),
            "ILP Desktop",
            "Something went wrong that ILP Desktop did not expect, so the last action may not "
            "have finished. Everything saved before it is safe.\n\n"
            f"The details were written to the log file:\n{log_file}\n\n"
            "Please pass that file to whoever looks after ILP Desktop at your school.",
        )

    sys.excepthook = hook
