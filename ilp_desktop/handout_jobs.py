"""Making conference handouts from the database: one student, or a whole conference day.

Sits above both the store (reading plans) and the reports (drawing them). A conference day goes
into one PDF in the chosen order, or one PDF per student in a folder. With ``jobs`` above 1 the
students are split into runs that worker processes draw side by side; the runs are then joined
in order. Progress is reported per student (per run with worker processes); cancelling stops
the work and leaves no file behind, and an existing file is replaced only once the new one is
complete.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import multiprocessing
import os
import re
import shutil
import signal
import sys
import tempfile
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from . import bundled
from .domain.handout import CareerFacts
from .domain.students import Student
from .reports.handout import HandoutCancelledError, batch_title, render_handouts
from .reports.pdf_files import write_atomically
from .reports.pdf_join import NotJoinableError, join_runs
from .store.db import Store, open_reader
from .store.handouts import HandoutSource, imported_career_letters

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]  # (students done, students in all)
Cancelled = Callable[[], bool]


def open_source(store: Store) -> HandoutSource:
    """A HandoutSource with the bundled inventory, lists and career library's interest codes."""
    careers = {
        c.code: CareerFacts(c.code_letters, c.title_es) for c in bundled.starter_library().careers
    }
    for code, letters in imported_career_letters(store).items():
        careers[code] = CareerFacts(letters, careers.get(code, CareerFacts()).title_es)
    return HandoutSource(store, bundled.inventory(), bundled.checklists(), careers)


@dataclass(frozen=True)
class HandoutRequest:
    """Which students (database ids, in print order) and how their handouts look."""

    db_path: Path
    student_ids: tuple[int, ...]
    today: dt.date
    lang: str | None = None  # None: each family's language from the roster
    large_print: bool = False
    paper: str | None = None  # None: the school's setting


@dataclass
class BatchResult:
    files: list[Path] = field(default_factory=list)
    pages: list[int] = field(default_factory=list)  # per student, in order

    @property
    def students(self) -> int:
        return len(self.pages)


def file_name(student: Student, lang: str | None) -> str:
    """ "Bakke_Sigrid_1910956.pdf": last name, name called by, SIS id; safe on every system."""
    s = student
    parts = [s.last_name, s.preferred_name or s.first_name, s.sis_id]
    if lang:
        parts.append(lang)
    return "_".join(_safe(part) for part in parts if _safe(part)) + ".pdf"


def file_names(students: Sequence[Student], lang: str | None) -> list[str]:
    """One name per student, in order; two that would clash get "-2", "-3"."""
    names: list[str] = []
    for student in students:
        name = file_name(student, lang)
        stem, number = name[:-4], 2
        while name in names:
            name, number = f"{stem}-{number}.pdf", number + 1
        names.append(name)
    return names


def _safe(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    text = re.sub(r'[\\/:*?"<>|\x00-\x1f]+', "", text)  # refused by Windows or meaning a path
    return re.sub(r"\s+", "-", text.strip()).strip(".-")[:40]


# --- One PDF ------------------------------------------------------------------------------------


def write_one_pdf(
    request: HandoutRequest,
    out: Path,
    *,
    jobs: int = 1,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> BatchResult:
    """All the students' handouts in one PDF at ``out`` (replaced only when complete).

    Raises HandoutCancelledError when ``cancelled()`` turned true; nothing is left behind.
    """
    ids = request.student_ids
    if not ids:
        raise ValueError("There are no students to make handouts for.")
    total = len(ids)
    if jobs <= 1 or total < 2:
        store = open_reader(request.db_path)
        try:
            source = open_source(store)
            handouts = [source.handout(i, request.today) for i in ids]
        finally:
            store.close()

        def on_student(index: int) -> None:
            if cancelled is not None and cancelled():
                raise HandoutCancelledError()
            if progress is not None:
                progress(index, total)

        def write(stream: BinaryIO) -> list[int]:
            return render_handouts(
                handouts,
                stream,
                lang=request.lang,
                large_print=request.large_print,
                paper=request.paper,
                on_student=on_student,
            )

        pages = write_atomically(out, write)
        if progress is not None:
            progress(total, total)
        return BatchResult(files=[out], pages=pages)
    return _in_processes(request, out, jobs, progress, cancelled)


def _runs(ids: Sequence[int], jobs: int) -> list[tuple[int, ...]]:
    """Contiguous runs, long ones first and shorter towards the end, so the workers finish
    together without many runs (each run's PDF carries its own copy of the fonts): each run
    is a share of what is left, never fewer than 8 students."""
    runs: list[tuple[int, ...]] = []
    start = 0
    while start < len(ids):
        size = max(8, -(-(len(ids) - start) // (jobs * 2)))
        runs.append(tuple(ids[start : start + size]))
        start += size
    return runs


def _draw_run(args: tuple[HandoutRequest, tuple[int, ...], str]) -> tuple[str, list[int]]:
    """In a worker process: one run of students into one PDF file; returns (file, pages)."""
    request, ids, folder = args
    store = open_reader(request.db_path)
    try:
        source = open_source(store)
        handouts = [source.handout(i, request.today) for i in ids]
    finally:
        store.close()
    handle, name = tempfile.mkstemp(dir=folder, suffix=".pdf")
    with os.fdopen(handle, "wb") as stream:
        pages = render_handouts(
            handouts,
            stream,
            lang=request.lang,
            large_print=request.large_print,
            paper=request.paper,
        )
    return name, pages


def _quiet_worker() -> None:
    # Ctrl+C reaches the whole process group: the parent stops the pool; workers keep quiet.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _context() -> multiprocessing.context.BaseContext:
    # fork starts a worker in milliseconds with the fonts already loaded; elsewhere (Windows,
    # macOS) spawn is the only safe choice.
    if sys.platform.startswith("linux"):
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def _in_processes(
    request: HandoutRequest,
    out: Path,
    jobs: int,
    progress: Progress | None,
    cancelled: Cancelled | None,
) -> BatchResult:
    runs = _runs(request.student_ids, jobs)
    total = len(request.student_ids)
    with tempfile.TemporaryDirectory(dir=out.parent, prefix=".ilp-handouts-") as folder:
        files: list[str] = []
        pages: list[int] = []
        pool = _context().Pool(min(jobs, len(runs)), initializer=_quiet_worker)
        try:
            for name, run_pages in pool.imap(_draw_run, [(request, run, folder) for run in runs]):
                if cancelled is not None and cancelled():
                    raise HandoutCancelledError()
                files.append(name)
                pages += run_pages
                if progress is not None:
                    progress(len(pages), total)
            pool.close()
        except BaseException:
            pool.terminate()
            raise
        finally:
            pool.join()
        write_atomically(out, lambda stream: _join(files, stream, len(pages)))
    return BatchResult(files=[out], pages=pages)


def _join(files: Sequence[str], stream: BinaryIO, students: int) -> None:
    """The runs' pages in order in one PDF: copied as they are (pdf_join), or with pypdf for a
    file pdf_join does not take (it never happens with this ReportLab; kept as the safe way)."""
    runs = [Path(name).read_bytes() for name in files]
    try:
        join_runs(runs, stream, title=lambda lang: batch_title(students, lang))
        return
    except NotJoinableError as error:
        log.warning("joining the handout runs with pypdf: %s", error)
    from pypdf import PdfReader, PdfWriter  # only needed here
    from pypdf.generic import NameObject

    stream.seek(0)
    stream.truncate()
    writer = PdfWriter()
    for name in files:
        writer.append(name)
    first = PdfReader(files[0])
    if first.metadata:
        writer.add_metadata(dict(first.metadata))
    language = first.trailer["/Root"].get("/Lang")
    if language is not None:
        writer._root_object[NameObject("/Lang")] = language
        writer.add_metadata({"/Title": batch_title(students, str(language))})
    writer.write(stream)


# --- One file per student -----------------------------------------------------------------------


def existing_names(students: Sequence[Student], lang: str | None, folder: Path) -> list[str]:
    """File names this folder already holds that a run for ``students`` would replace."""
    return [name for name in file_names(students, lang) if (folder / name).exists()]


def write_folder(
    request: HandoutRequest,
    folder: Path,
    *,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> BatchResult:
    """One PDF per student in ``folder``. Files are drawn in a hidden folder inside it and
    moved in only when every one is done: a cancel or a failure while drawing leaves the folder
    as it was (a file that cannot be replaced at the very end, say one open in a viewer on
    Windows, stops the run with the earlier ones already in place)."""
    ids = request.student_ids
    if not ids:
        raise ValueError("There are no students to make handouts for.")
    store = open_reader(request.db_path)
    try:
        source = open_source(store)
        handouts = [source.handout(i, request.today) for i in ids]
    finally:
        store.close()
    result = BatchResult()
    names = file_names([h.student for h in handouts], request.lang)
    work = Path(tempfile.mkdtemp(dir=folder, prefix=".ilp-handouts-"))
    try:
        for index, (handout, name) in enumerate(zip(handouts, names, strict=True)):
            if cancelled is not None and cancelled():
                raise HandoutCancelledError()
            if progress is not None:
                progress(index, len(ids))
            with (work / name).open("wb") as stream:
                result.pages += render_handouts(
                    [handout],
                    stream,
                    lang=request.lang,
                    large_print=request.large_print,
                    paper=request.paper,
                )
        for name in names:
            os.replace(work / name, folder / name)
            result.files.append(folder / name)
    finally:
        with contextlib.suppress(OSError):
            shutil.rmtree(work)
    if progress is not None:
        progress(len(ids), len(ids))
    return result
