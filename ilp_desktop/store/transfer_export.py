"""Exporting one student's whole ILP as a transfer package (docs/transfer-format.md).

The records are read in one read transaction, so the package holds the plan as it stood at one
moment; the document is read back with the importer's checks before it is written, so no package
this app makes is one it would refuse. The file is built beside its final name and moved into
place: a failure or a cancel never leaves half a package, and a file already there stays as it
was until the new one is complete.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import sqlite3
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import BinaryIO, TypeVar

from .. import __version__, bundled
from ..domain.postsecondary import PostsecondaryPlan
from ..domain.transfer_format import (
    FORMAT_MINOR,
    FORMAT_VERSION,
    HANDOUT_FILE,
    MANIFEST_FILE,
    STUDENT_FILE,
    Manifest,
    SnapshotRecord,
    TransferDocument,
    TransferFormatError,
    document_json,
    encode,
    manifest_json,
    read_document,
)
from ..files import write_atomically
from . import clock
from .courses import CourseStore
from .db import Store
from .errors import StoreError
from .handouts import load_school_details
from .plans import PlanStore
from .postsecondary import PostsecondaryStore
from .self_exploration import SelfExplorationStore
from .sessions import SessionStore
from .shortlist import ShortlistStore
from .students import StudentStore


class TransferError(StoreError):
    """A transfer package that cannot be written or read; ``str()`` is the counselor's message."""


class TransferCancelledError(TransferError):
    """The counselor cancelled; nothing was written or changed."""


@dataclass(frozen=True)
class HandoutAttachment:
    """The latest handout as a PDF, or why there is none (no usable font on this computer)."""

    pdf: bytes | None
    note: str = ""


# (store, student id, today) -> the handout; made by a caller above the store (reports draw it).
_R = TypeVar("_R")
HandoutMaker = Callable[[Store, int, dt.date], HandoutAttachment]
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class ExportResult:
    path: Path
    manifest: Manifest
    document: TransferDocument


def form_ids() -> dict[str, frozenset[str]]:
    """The statement ids of each inventory form this app has."""
    return {key: frozenset(form.ids) for key, form in bundled.inventory().forms.items()}


def student_document(store: Store, student_id: int) -> TransferDocument:
    """Everything of one student, read through the stores that keep each part.

    LookupError if there is no such student. Call it inside :func:`one_reading` for a
    consistent picture while others write.
    """
    student = StudentStore(store).get(student_id)
    if student is None:
        raise LookupError("That student is no longer in this database.")
    profile = SelfExplorationStore(store).profile(student_id)
    plan = PlanStore(store).records(student_id)
    # Every list in the order its records were made (by id), so that the importer, adding
    # them in that order, gives them ids in the same order: every list of the app that breaks
    # ties by id then reads back in the same order as here.
    goals = tuple(
        replace(g, notes=_by_id(g.notes), steps=_by_id(g.steps)) for g in _by_id(plan.goals)
    )
    sessions = tuple(
        replace(s, acknowledgements=_by_id(s.acknowledgements))
        for s in _by_id(SessionStore(store).sessions(student_id))
    )
    return TransferDocument(
        student=student,
        attempts=_by_id(profile.attempts),
        items=_by_id(profile.items),
        activities=_by_id(profile.activities),
        supports=_by_id(profile.supports),
        shortlist=tuple(ShortlistStore(store).entries(student_id)),  # in rank order
        baselines=_by_id(plan.baselines),
        assessments=_by_id(plan.assessments),
        goals=goals,
        steps=_by_id([*plan.plan_steps, *plan.general_steps]),
        course_plan=_by_id(CourseStore(store).plan(student_id)),
        postsecondary=_postsecondary(store, student_id),
        sessions=sessions,
        snapshots=_snapshots(store, student_id),
    )


def _by_id(records: Iterable[_R]) -> tuple[_R, ...]:
    return tuple(sorted(records, key=lambda r: r.id))  # type: ignore[attr-defined]


def _postsecondary(store: Store, student_id: int) -> PostsecondaryPlan | None:
    plan = PostsecondaryStore(store).plan(student_id)
    with store.reading() as conn:
        chosen = conn.execute(
            "SELECT 1 FROM postsecondary WHERE student_id = ?", [student_id]
        ).fetchone()
    if chosen is None and not plan.targets and not plan.careers:
        return None
    return plan


def _snapshots(store: Store, student_id: int) -> tuple[SnapshotRecord, ...]:
    with store.reading() as conn:
        rows = conn.execute(
            "SELECT session_id, taken_at, reason, data FROM snapshots WHERE student_id = ? "
            "ORDER BY taken_at, id",
            [student_id],
        ).fetchall()
    return tuple(
        SnapshotRecord(taken_at=row[1], reason=row[2], data=json.loads(row[3]), session_id=row[0])
        for row in rows
    )


@contextlib.contextmanager
def one_reading(store: Store) -> Iterator[None]:
    """Every read inside sees the database as it was at its first read (SQLite's read
    transaction), so a package never mixes a plan before and after someone's edit."""
    conn = store.conn
    if conn.in_transaction:  # already inside the caller's transaction
        yield
        return
    with store.reading():
        conn.execute("BEGIN")
    try:
        yield
    finally:
        with contextlib.suppress(sqlite3.Error):
            conn.execute("ROLLBACK")  # nothing was written: ending the read is all it does


def export_student(
    store: Store,
    student_id: int,
    out_path: Path | str,
    *,
    today: dt.date,
    handout: HandoutMaker | None = None,
    progress: Progress | None = None,
    is_cancelled: Callable[[], bool] | None = None,
) -> ExportResult:
    """Write the student's transfer package to ``out_path`` (replaced only when complete).

    ``handout`` makes the latest handout for the package (None: the package goes without
    one, and its manifest says so). Raises TransferError with the counselor's message, and
    TransferCancelledError when ``is_cancelled()`` turned true; nothing is left behind.
    """
    out = Path(out_path)
    steps = 4

    def step(done: int) -> None:
        if is_cancelled is not None and is_cancelled():
            raise TransferCancelledError("The export was cancelled; no file was written.")
        if progress is not None:
            progress(done, steps)

    step(0)
    with one_reading(store):
        try:
            document = student_document(store, student_id)
        except LookupError as error:
            raise TransferError(f"{error} Nothing was exported.") from None
        school = load_school_details(store).name
        step(1)
        attachment = (
            handout(store, student_id, today)
            if handout is not None
            else HandoutAttachment(None, "The handout was not made for this package.")
        )
    step(2)
    student = document.student
    manifest = Manifest(
        format_version=FORMAT_VERSION,
        format_minor=FORMAT_MINOR,
        app_version=__version__,
        exported_at=clock.now(),
        school_name=school,
        sis_id=student.sis_id,
        student_name=student.full_name,
        grade=student.grade,
        handout_file=HANDOUT_FILE if attachment.pdf is not None else None,
        handout_note="" if attachment.pdf is not None else attachment.note,
    )
    body = encode(document_json(document))
    try:  # what the importer will check, so that no package made here is refused there
        read_document(json.loads(body), form_ids=form_ids())
    except TransferFormatError as error:
        raise TransferError(
            f"The record of {student.full_name} cannot be exported as it is: {error} Correct "
            "it in ILP Desktop, then export again. No file was written."
        ) from None
    members = [(MANIFEST_FILE, encode(manifest_json(manifest))), (STUDENT_FILE, body)]
    if attachment.pdf is not None:
        members.append((HANDOUT_FILE, attachment.pdf))
    step(3)
    try:
        write_package(out, members, is_cancelled)
    except OSError as error:
        raise TransferError(
            f"Could not write {out}: {error.strerror or error}. No file was written there; "
            "choose a folder you can write to, with free space, and try again."
        ) from error
    step(4)
    return ExportResult(out, manifest, document)


def write_package(
    out: Path, members: list[tuple[str, bytes]], is_cancelled: Callable[[], bool] | None = None
) -> None:
    """The ZIP archive of ``members`` at ``out``, built beside it and moved into place.

    Owner-only permissions (the package holds a student's records), as SQLite gives the
    database itself, even where it replaces a file that had others.
    """

    def write(stream: BinaryIO) -> None:
        with zipfile.ZipFile(stream, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for name, data in members:
                archive.writestr(name, data)
        if is_cancelled is not None and is_cancelled():
            raise TransferCancelledError("The export was cancelled; no file was written.")

    write_atomically(out, write, keep_mode=False)
