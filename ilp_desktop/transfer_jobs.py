"""Transfer packages with the student's handout inside.

Sits above both the store (reading the plan, writing the package) and the reports (drawing the
handout), as handout_jobs.py does for handouts: the store cannot draw. The command line and the
GUI both export through :func:`export_package`.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from pathlib import Path

from .handout_jobs import open_source
from .reports.fonts import NoUnicodeFontError
from .reports.handout import build_handout
from .store.db import Store, open_reader
from .store.transfer_export import ExportResult, HandoutAttachment, export_student

NO_FONT_NOTE = (
    "The exporting computer had no font that could draw it; print the handout from ILP Desktop "
    "after importing."
)


def package_handout(store: Store, student_id: int, today: dt.date) -> HandoutAttachment:
    """The student's handout as a PDF, or why there is none (no usable font here)."""
    buffer = io.BytesIO()
    try:
        build_handout(open_source(store).handout(student_id, today), buffer)
    except NoUnicodeFontError:
        return HandoutAttachment(None, NO_FONT_NOTE)
    return HandoutAttachment(buffer.getvalue())


def export_package(
    db_path: Path,
    student_id: int,
    out: Path,
    *,
    today: dt.date,
    progress: Callable[[int, int], None] | None = None,
    is_cancelled: Callable[[], bool] | None = None,
) -> ExportResult:
    """Write the student's transfer package, handout included, to ``out`` through a read-only
    connection of its own (a worker thread beside the window, or the command line).

    Raises TransferError (a StoreError) with the counselor's message; nothing is left behind.
    """
    reader = open_reader(db_path)
    try:
        return export_student(
            reader,
            student_id,
            out,
            today=today,
            handout=package_handout,
            progress=progress,
            is_cancelled=is_cancelled,
        )
    finally:
        reader.close()
