"""The app never opens a network socket: a whole GUI session is watched for any attempt.

Python's audit hooks see every socket the interpreter creates, connects or resolves a name
for, whichever library asks. Qt's networking happens in C++, out of their sight, so the
source is also checked: the only Qt networking classes it names are the local ones (a named
pipe or Unix socket on this computer) that bring an already open window forward.
"""

from __future__ import annotations

import ast
import re
import socket
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QInputDialog, QMessageBox

from ilp_desktop.demo_school import build_demo_school
from ilp_desktop.gui.dialogs.audit_dialog import AuditDialog
from ilp_desktop.gui.dialogs.conference_day_dialog import ConferenceDayDialog
from ilp_desktop.gui.dialogs.handout_dialog import HandoutDialog
from ilp_desktop.gui.main_window import MainWindow
from ilp_desktop.gui.roster_import_wizard import import_roster
from ilp_desktop.gui.student_records_flow import PurgeDialog
from ilp_desktop.store.db import open_store

NETWORK_EVENTS = frozenset(
    {
        "socket.connect",
        "socket.bind",
        "socket.sendto",
        "socket.sendmsg",
        "socket.getaddrinfo",
        "socket.gethostbyname",
        "socket.gethostbyaddr",
        "socket.getnameinfo",
        "urllib.Request",
        "http.client.connect",
        "ftplib.connect",
        "smtplib.connect",
        "poplib.connect",
        "imaplib.open",
        "telnetlib.Telnet.open",
        "webbrowser.open",
    }
)
_attempts: list[tuple[str, tuple[Any, ...]]] = []
_watching = False


def _hook(event: str, args: tuple[Any, ...]) -> None:
    if not _watching:
        return
    network = event in NETWORK_EVENTS
    if event == "socket.__new__":
        network = args[1] in (socket.AF_INET, socket.AF_INET6)
    if network:
        _attempts.append((event, args))
        raise PermissionError(f"ILP Desktop must not use the network ({event})")


sys.addaudithook(_hook)  # hooks cannot be removed: this one only acts while watching


@pytest.fixture
def no_network() -> Iterator[list[tuple[str, tuple[Any, ...]]]]:
    global _watching
    _attempts.clear()
    _watching = True
    try:
        yield _attempts
    finally:
        _watching = False


def test_the_watch_catches_an_attempt(no_network: list[tuple[str, tuple[Any, ...]]]) -> None:
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", 9), timeout=0.5)
    with pytest.raises(OSError):
        socket.getaddrinfo("example.org", 443)
    assert {event for event, _ in no_network} >= {"socket.getaddrinfo"}
    assert len(no_network) >= 2


def test_a_whole_session_makes_no_network_call(
    qtbot: Any,
    no_network: list[tuple[str, tuple[Any, ...]]],
    make_window: Callable[[Path], MainWindow],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    db = tmp_path / "school.sqlite"
    store = open_store(db, tmp_path / "backups")
    build_demo_school(store, students=15, seed=5)
    store.close()
    window = make_window(db)
    app = QApplication.instance()
    assert app is not None
    tabs = window.student_page.tabs

    # Every tab of a few students, as a counselor clicks through a morning.
    for student_id in (1, 2, 3):
        assert window.roster.select_student(student_id)
        for index in range(tabs.count()):
            tabs.setCurrentIndex(index)
            app.processEvents()

    # Dialogs that draw, save and print, answered as a counselor would.
    saved = tmp_path / "handout.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(saved), ""))
    monkeypatch.setattr(HandoutDialog, "exec", lambda self: self.save_pdf() and 0)
    window.handout_action.trigger()
    assert saved.exists()
    monkeypatch.setattr(ConferenceDayDialog, "exec", lambda self: QDialog.DialogCode.Rejected)
    window.conference_day_handouts()
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Ana Díaz", True))
    window.edit_counselor_name()
    monkeypatch.setattr(AuditDialog, "exec", lambda self: QDialog.DialogCode.Rejected)
    window.history_action.trigger()
    student = window.current_student()
    assert student is not None

    def purge(dialog: PurgeDialog) -> int:
        dialog.confirm.setText(student.sis_id)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(PurgeDialog, "exec", purge)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    window.purge_action.trigger()

    # Back up now, a roster import through the wizard, a transfer package out.
    informed: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text, *a: informed.append(text))
    window.backup_now()
    qtbot.waitUntil(lambda: bool(informed), timeout=20000)
    roster = tmp_path / "roster.csv"
    roster.write_text(
        "\ufeffStudent_Number,Last_Name,First_Name,Grade_Level\n900001,Trần,Thị Mai,9\n",
        encoding="utf-8",
    )
    wizard = import_roster(window)
    wizard.file_page.path_edit.setText(str(roster))
    wizard.next()
    wizard.next()
    wizard.next()
    qtbot.waitUntil(lambda: wizard.plan is not None, timeout=20000)
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.done_page, timeout=20000)
    wizard.accept()
    assert window.roster.select_student(1)
    package = tmp_path / "student.ilp"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(package), ""))
    window.transfer_action.trigger()
    qtbot.waitUntil(package.exists, timeout=20000)
    window.show_dashboard()
    app.processEvents()

    assert no_network == []


PACKAGE = Path(__file__).resolve().parents[2] / "ilp_desktop"
NETWORK_MODULES = re.compile(
    r"^(socket|ssl|urllib|http|ftplib|smtplib|poplib|imaplib|xmlrpc|requests|httpx|aiohttp|"
    r"websocket|asyncio)(\.|$)"
)
LOCAL_ONLY = {"QLocalServer", "QLocalSocket"}


def test_the_source_imports_nothing_that_reaches_the_network() -> None:
    found = []
    for path in PACKAGE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [(alias.name, []) for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [(node.module, [alias.name for alias in node.names])]
            else:
                continue
            for module, imported in names:
                if NETWORK_MODULES.match(module):
                    found.append(f"{path.name}: {module}")
                if module.startswith("PySide6.QtNetwork") and not set(imported) <= LOCAL_ONLY:
                    found.append(f"{path.name}: {module} {imported}")
    assert found == []
    assert (PACKAGE / "gui" / "single_instance.py").exists()  # the one QtNetwork user
