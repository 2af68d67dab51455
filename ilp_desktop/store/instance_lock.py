"""One process per database: an OS file lock, released by the OS even after a crash."""

from __future__ import annotations

import os
import sys
import zlib
from pathlib import Path
from typing import IO


def database_key(db_path: Path) -> str:
    """A short stable name for a database file, for lock files and the window-raise channel."""
    resolved = str(Path(db_path).expanduser().resolve()).encode("utf-8")
    # Two 32-bit checksums: plenty to tell a user's few databases apart, and zlib is already
    # loaded where hashlib would cost start-up time.
    return f"{zlib.crc32(resolved):08x}{zlib.adler32(resolved):08x}"


class InstanceLock:
    """Held while a process has a database open. ``acquire()`` is False if someone else has it."""

    def __init__(self, locks_dir: Path, db_path: Path) -> None:
        locks_dir.mkdir(parents=True, exist_ok=True)
        self.path = locks_dir / f"{database_key(db_path)}.lock"
        self._handle: IO[bytes] | None = None

    def acquire(self) -> bool:
        handle = open(self.path, "a+b")  # noqa: SIM115 - kept open while the lock is held
        try:
            if sys.platform == "win32":
                import msvcrt

                handle.seek(0)
                msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
            else:
                import fcntl

                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            handle.close()
            return False
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()).encode())
        handle.flush()
        self._handle = handle
        return True

    def release(self) -> None:
        if self._handle is not None:
            self._handle.close()  # closing drops the lock
            self._handle = None

    def __enter__(self) -> InstanceLock:
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()
