"""Bringing the window that already has a database open to the front.

A local socket (a named pipe on Windows, a Unix socket elsewhere): nothing leaves the computer.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

RAISE = b"raise\n"


def channel_name(database_key: str) -> str:
    return f"ilp-desktop-{database_key}"


class RaiseServer(QObject):
    """Listens for a second start on the same database and emits ``raise_requested``."""

    raise_requested = Signal()

    def __init__(self, database_key: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.newConnection.connect(self._accept)
        name = channel_name(database_key)
        # We hold the instance lock, so a leftover socket is from a crashed run.
        QLocalServer.removeServer(name)
        self._server.listen(name)

    def _accept(self) -> None:
        while self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(socket.deleteLater)

    def _read(self, socket: QLocalSocket) -> None:
        if bytes(socket.readAll().data()).startswith(RAISE.strip()):
            self.raise_requested.emit()

    def close(self) -> None:
        self._server.close()


def ask_to_raise(database_key: str, timeout_ms: int = 1500) -> bool:
    """Ask the process that has the database open to show its window. True if it heard us."""
    socket = QLocalSocket()
    socket.connectToServer(channel_name(database_key))
    if not socket.waitForConnected(timeout_ms):
        return False
    socket.write(RAISE)
    written = socket.waitForBytesWritten(timeout_ms)
    socket.disconnectFromServer()
    return written
