"""`ilp-desktop handout` and `ilp-desktop handouts`: conference handouts from the command line.

Both read the database (older ones are backed up and brought up to date first, as when the app
opens them) and never change it; they work while the app has the database open.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from .domain.grades import GradeError, parse_grade
from .paths import AppDirs

if TYPE_CHECKING:
    from .domain.students import Student
    from .store.db import Store

EXIT_OK, EXIT_REFUSED = 0, 1


class RefusedError(Exception):
    """The command cannot run as asked; ``str()`` is the message for the user."""


def _ready_database(path: Path, dirs: AppDirs) -> Path:
    from .store.db import open_store

    if not path.is_file():
        raise RefusedError(f"There is no database at {path.absolute()}.")
    open_store(path, dirs.backups_for(path)).close()  # refuses a newer one, migrates an older
    return path.absolute()


def _out_folder_ok(out: Path) -> None:
    if out.is_dir():
        raise RefusedError(f"{out} is a folder: give a file name ending in .pdf.")
    if not out.parent.absolute().is_dir():
        raise RefusedError(f"The folder {out.parent.absolute()} does not exist.")


def _warn_missing(missing: dict[str, set[str]]) -> None:
    for name, chars in missing.items():
        shown = " ".join(sorted(chars))
        print(
            f"ilp-desktop: warning: no font on this computer can draw {shown} in the handout "
            f"of {name}; those letters print as empty boxes. Install a font that has them "
            "(see the README, Fonts) and make the handout again.",
            file=sys.stderr,
        )


def run_handout(args: argparse.Namespace, dirs: AppDirs) -> int:
    import datetime as dt

    from .handout_jobs import open_source
    from .reports.handout import build_handout
    from .store.db import open_reader
    from .store.handouts import HandoutError

    try:
        _out_folder_ok(args.out)
        db = _ready_database(args.handout_db, dirs)
        store = open_reader(db)
        try:
            source = open_source(store)
            handout = source.handout(source.student_id(args.student), dt.date.today())
        finally:
            store.close()
    except (RefusedError, HandoutError) as error:
        print(f"ilp-desktop: {error}", file=sys.stderr)
        return EXIT_REFUSED
    from .reports.missing_letters import missing_letters

    _warn_missing(missing_letters([handout]))
    try:
        pages = build_handout(handout, args.out, lang=args.lang, large_print=args.large_print)
    except OSError as error:
        print(f"ilp-desktop: cannot write {args.out}: {error.strerror or error}", file=sys.stderr)
        return EXIT_REFUSED
    print(f"Wrote the {pages}-page handout of {handout.student.display_name} to {args.out}.")
    return EXIT_OK


def run_handouts(args: argparse.Namespace, dirs: AppDirs) -> int:
    import datetime as dt

    from .handout_jobs import HandoutRequest, write_one_pdf
    from .store.db import open_reader
    from .store.handouts import HandoutError

    try:
        _out_folder_ok(args.out)
        grade = None
        if args.grade is not None:
            try:
                grade = parse_grade(args.grade)
            except GradeError as error:
                raise RefusedError(str(error)) from None
        db = _ready_database(args.handouts_db, dirs)
        store = open_reader(db)
        try:
            students = roster(store, grade)
        finally:
            store.close()
        if not students:
            where = f"in grade {grade}" if grade else "on the roster"
            raise RefusedError(f"There are no students {where}: no handouts were written.")
    except RefusedError as error:
        print(f"ilp-desktop: {error}", file=sys.stderr)
        return EXIT_REFUSED
    from .reports.missing_letters import missing_in_names

    _warn_missing({s.display_name: chars for s, chars in missing_in_names(students)})
    ids = tuple(s.id for s in students if s.id is not None)
    request = HandoutRequest(db, ids, dt.date.today(), lang=args.lang, large_print=args.large_print)
    shown = -1

    def progress(done: int, total: int) -> None:
        nonlocal shown
        percent = done * 100 // total
        if sys.stderr.isatty() and percent != shown:
            shown = percent
            print(f"\r{done} of {total} handouts", end="", file=sys.stderr, flush=True)

    try:
        result = write_one_pdf(request, args.out, jobs=args.jobs, progress=progress)
    except HandoutError as error:  # a student removed while the handouts were being made
        print(f"ilp-desktop: {error} No handouts were written.", file=sys.stderr)
        return EXIT_REFUSED
    except OSError as error:
        print(f"ilp-desktop: cannot write {args.out}: {error.strerror or error}", file=sys.stderr)
        return EXIT_REFUSED
    if sys.stderr.isatty():
        print(file=sys.stderr)
    print(f"Wrote {result.students} handouts ({sum(result.pages)} pages) to {args.out}.")
    return EXIT_OK


def roster(store: Store, grade: str | None) -> list[Student]:
    """Students on the roster (archived ones left out), in roster order; one grade if given."""
    from .domain.students import name_sort_key
    from .store.students import StudentStore

    students = [s for s in StudentStore(store).all() if not s.archived]
    if grade is not None:
        students = [s for s in students if s.grade == grade]
    students.sort(key=lambda s: (name_sort_key(s), s.sis_id))  # as the roster lists them
    return students
