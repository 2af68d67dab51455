from __future__ import annotations

import logging
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from ilp_desktop.gui import error_hook


def test_unexpected_error_is_logged_and_told_without_a_traceback(
    qtbot: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text: shown.append(text))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test
    log_file = tmp_path / "ilp-desktop.log"
    error_hook.install(log_file)
    try:
        raise KeyError("student 42")
    except KeyError:
        with caplog.at_level(logging.ERROR, logger="ilp_desktop.unexpected"):
            sys.excepthook(*sys.exc_info())
    assert len(shown) == 1
    assert str(log_file) in shown[0]
    assert "Traceback" not in shown[0] and "KeyError" not in shown[0]
    assert "Everything saved before it is safe" in shown[0]
    assert caplog.records and caplog.records[0].exc_info is not None
