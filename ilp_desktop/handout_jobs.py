"""Making conference handouts from the database: one student, or a whole conference day.

Sits above both the store (reading plans) and the reports (drawing them). A conference day goes
into one PDF in the chosen order, or one PDF per student in a folder. With ``jobs`` above 1,
worker processes each draw one PDF, taking the next student whenever they finish one, and the
pages are then put together in the chosen order. Progress is reported per student; cancelling
stops the work and leaves no file behind, and an existing file is replaced only once the new
one is complete.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import itertools
import logging
import multiprocessing
import os
import re
import shutil
import signal
import sys
import tempfile
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from multiprocessing.sharedctypes import Synchronized
from pathlib import Path
from typing import BinaryIO

from . import bundled
from .domain.handout import CareerFacts, Handout
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


@dataclass
class _Share:
    """What one worker drew: its PDF, and the students in it (indexes into the request, in
    the order drawn) with each one's page count."""

    file: str
    taken: list[int]
    pages: list[int]


class _Counters:
    """Shared by the workers: the next student to take, and how many are finished."""

    taken: Synchronized[int]
    done: Synchronized[int]


def _start_worker(taken: Synchronized[int], done: Synchronized[int]) -> None:
    _Counters.taken, _Counters.done = taken, done
    # Ctrl+C reaches the whole process group: the parent stops the pool; workers keep quiet.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _take() -> int:
    with _Counters.taken.get_lock():
        index = _Counters.taken.value
        _Counters.taken.value += 1
    return index


def _finished_one() -> None:
    with _Counters.done.get_lock():
        _Counters.done.value += 1


def _draw_share(args: tuple[HandoutRequest, str]) -> _Share | None:
    """In a worker process: take students one at a time, in order, until none are left, and
    draw them all into one PDF; None when the other workers took them all first."""
    request, folder = args
    ids = request.student_ids
    taken: list[int] = []
    store = open_reader(request.db_path)
    try:
        source = open_source(store)

        def handouts() -> Iterator[Handout]:
            while (index := _take()) < len(ids):
                taken.append(index)
                yield source.handout(ids[index], request.today)

        students = handouts()
        first = next(students, None)
        if first is None:
            return None

        def on_student(index: int) -> None:
            if index:
                _finished_one()  # the one before it is laid out

        handle, name = tempfile.mkstemp(dir=folder, suffix=".pdf")
        with os.fdopen(handle, "wb") as stream:
            pages = render_handouts(
                itertools.chain([first], students),
                stream,
                lang=request.lang,
                large_print=request.large_print,
                paper=request.paper,
                on_student=on_student,
                title="",  # the joined file gets the whole batch's title
            )
        _finished_one()
    finally:
        store.close()
    return _Share(name, taken, pages)


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
    """Each worker draws one PDF, taking the next student whenever it finishes one, so the
    workers finish together however long each handout is and the fonts go in once per worker;
    the pages are then put back in the chosen order."""
    total = len(request.student_ids)
    workers = min(jobs, total)

    def stop_if_cancelled() -> None:
        if cancelled is not None and cancelled():
            raise HandoutCancelledError()

    stop_if_cancelled()
    context = _context()
    taken, done = context.Value("i", 0), context.Value("i", 0)
    with tempfile.TemporaryDirectory(dir=out.parent, prefix=".ilp-handouts-") as folder:
        pool = context.Pool(workers, initializer=_start_worker, initargs=(taken, done))
        try:
            pending = pool.map_async(_draw_share, [(request, folder)] * workers, chunksize=1)
            shown = -1
            while not pending.ready():
                pending.wait(0.05)
                stop_if_cancelled()
                if progress is not None and done.value != shown:
                    shown = done.value
                    progress(min(shown, total), total)
            shares = [share for share in pending.get() if share is not None]
            stop_if_cancelled()  # pressed as the last ones finished: still nothing is written
            pool.close()
        except BaseException:
            pool.terminate()
            raise
        finally:
            pool.join()
        order, pages = page_order([(share.taken, share.pages) for share in shares], total)
        files = [share.file for share in shares]
        write_atomically(out, lambda stream: _join(files, order, stream, total))
    if progress is not None:
        progress(total, total)
    return BatchResult(files=[out], pages=pages)


def page_order(
    shares: Sequence[tuple[Sequence[int], Sequence[int]]], total: int
) -> tuple[list[tuple[int, int]], list[int]]:
    """Where each page of the batch is, in the chosen order, and each student's page count.

    ``shares`` holds, per worker file, the students it drew (indexes into the batch, in the
    order drawn) and their page counts. Returns (file, page in that file) for every page, and
    the page counts by student in batch order.
    """
    where: dict[int, tuple[int, int, int]] = {}  # student -> (file, first page, pages)
    for number, (students, counts) in enumerate(shares):
        first = 0
        for student, count in zip(students, counts, strict=True):
            where[student] = (number, first, count)
            first += count
    if sorted(where) != list(range(total)):
        raise RuntimeError("the workers did not draw every student exactly once")
    order = [
        (number, first + page)
        for student in range(total)
        for number, first, count in [where[student]]
        for page in range(count)
    ]
    return order, [where[student][2] for student in range(total)]


def _join(
    files: Sequence[str], order: Sequence[tuple[int, int]], stream: BinaryIO, students: int
) -> None:
    """The pages in the chosen order in one PDF: copied as they are (pdf_join), or with pypdf
    for a file pdf_join does not take (it never happens with this ReportLab; kept as the safe
    way)."""
    runs = [Path(name).read_bytes() for name in files]
    try:
        join_runs(runs, stream, title=lambda lang: batch_title(students, lang), order=order)
        return
    except NotJoinableError as error:
        log.warning("joining the handout files with pypdf: %s", error)
    from pypdf import PdfReader, PdfWriter  # only needed here
    from pypdf.generic import NameObject

    stream.seek(0)
    stream.truncate()
    readers = [PdfReader(name) for name in files]
    writer = PdfWriter()
    for number, page in order:
        writer.add_page(readers[number].pages[page])
    first = readers[order[0][0]]  # the file holding the first student
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
