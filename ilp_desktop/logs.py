"""Logging to a rotating file in the per-user log folder."""

from __future__ import annotations

import logging
import os
from pathlib import Path

LOG_NAME = "ilp-desktop.log"
MAX_BYTES = 1_000_000
KEEP = 5


class RotatingLog(logging.FileHandler):
    """A size-rotated log file: ilp-desktop.log, .1 … .5.

    logging.handlers.RotatingFileHandler would do, but importing logging.handlers pulls in
    socket and friends, which costs more than the rest of start-up's logging.
    """

    def emit(self, record: logging.LogRecord) -> None:
        try:
            if self.stream is not None and self.stream.tell() >= MAX_BYTES:
                self._rotate()
        except OSError:
            pass  # a log that cannot rotate keeps growing; never lose the record itself
        super().emit(record)

    def _rotate(self) -> None:
        self.close()
        base = self.baseFilename
        for n in range(KEEP - 1, 0, -1):
            older = f"{base}.{n}"
            if os.path.exists(older):
                os.replace(older, f"{base}.{n + 1}")
        os.replace(base, f"{base}.1")
        self.stream = self._open()


def setup_logging(log_dir: Path, *, verbose: bool = False) -> Path:
    """Send this process's log records to ``log_dir/ilp-desktop.log``, rotated at 1 MB."""
    log_dir.mkdir(parents=True, exist_ok=True)
    path = log_dir / LOG_NAME
    handler = RotatingLog(path, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    return path
