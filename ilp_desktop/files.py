"""Writing files so that a failure never leaves half a file or spoils the one already there.

Used by every layer that writes a file the counselor chose (handouts, answer sheets, transfer
packages): plain Python, no Qt, no SQL.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO, TypeVar

T = TypeVar("T")


def write_atomically(target: Path, write: Callable[[BinaryIO], T], *, keep_mode: bool = True) -> T:
    """Write ``target`` through a temporary file beside it, then swap it in with os.replace.

    A failure (or a cancel raised inside ``write``) leaves no half file and an existing
    ``target`` as it was. The new file is owner-only (0600); with ``keep_mode`` a file it
    replaces passes its permissions on, without it the result stays owner-only (a file that
    holds a student's records).
    """
    handle, temporary = tempfile.mkstemp(
        dir=target.parent, prefix=f".{target.name}.", suffix=".part"
    )
    try:
        with os.fdopen(handle, "wb") as stream:
            result = write(stream)
            stream.flush()
            os.fsync(stream.fileno())
        if keep_mode and target.exists():
            shutil.copymode(target, temporary)  # keep the replaced file's permissions
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise
    return result
