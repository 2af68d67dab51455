"""`ilp-desktop purge-student`: remove one student for good."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .paths import AppDirs

EXIT_OK, EXIT_REFUSED = 0, 1


def add_commands(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    purge = commands.add_parser(
        "purge-student",
        help="remove one student and everything recorded about them, for good",
        description="Remove one student: their profile, plan, reviews, sessions, snapshots and "
        "change history, then compact the database so nothing of them is left in the file. "
        "Backups made earlier still hold the student until they rotate out, unless "
        "--from-backups is given too.",
    )
    purge.add_argument("--db", type=Path, required=True, dest="purge_db", metavar="PATH")
    purge.add_argument("--student", required=True, metavar="SIS_ID", help="the student's SIS id")
    purge.add_argument("--yes", action="store_true", help="confirm: this cannot be undone")
    purge.add_argument(
        "--from-backups",
        action="store_true",
        help="also remove the student from every backup of this database",
    )


def run(args: argparse.Namespace, dirs: AppDirs) -> int:
    from .store import errors
    from .store.db import open_store
    from .store.instance_lock import InstanceLock
    from .store.purge import purge_student
    from .store.students import StudentStore

    db = args.purge_db.expanduser().absolute()
    if not db.is_file():
        print(f"ilp-desktop: {db} does not exist; nothing was removed.", file=sys.stderr)
        return EXIT_REFUSED
    sis_id = args.student.strip()
    folder = dirs.backups_for(db)
    with InstanceLock(dirs.locks, db) as lock:
        if not lock.acquire():
            raise errors.already_open(db)
        store = open_store(db, folder)
        try:
            students = StudentStore(store)
            student_id = students.id_of(sis_id)
            student = students.get(student_id) if student_id is not None else None
            if student is None and not args.from_backups:
                print(
                    f"ilp-desktop: no student has the SIS id “{sis_id}” in {db}; nothing was "
                    "removed.",
                    file=sys.stderr,
                )
                return EXIT_REFUSED
            who = f"{student.full_name} ({sis_id})" if student else f"the student {sis_id}"
            if not args.yes:
                where = "" if student else f"the backups in {folder} of "
                print(
                    f"ilp-desktop: this removes {who} and everything recorded about them from "
                    f"{where}{db}, for good. Add --yes to go ahead; nothing was removed.",
                    file=sys.stderr,
                )
                return EXIT_REFUSED
            if student is not None:
                purge_student(store, student.id)  # type: ignore[arg-type]
        finally:
            store.close()
        if student is not None:
            print(f"Removed {who} and everything recorded about them from {db}.")
        else:  # removed from the database earlier: the backups are what is left
            print(f"{db} has no student with the SIS id “{sis_id}” (any more).")
        if not args.from_backups:
            print(
                f"Backups in {folder} made before now still hold them until they rotate out; "
                "run the same command with --from-backups added to remove them there too."
            )
            return EXIT_OK
        from .store.backups import purge_student_from_backups

        held = purge_student_from_backups(folder, sis_id)
    if student is None and held == 0:
        print(
            f"ilp-desktop: no backup in {folder} holds the SIS id “{sis_id}” either; nothing "
            "was removed.",
            file=sys.stderr,
        )
        return EXIT_REFUSED
    also = "Also removed" if student is not None else "Removed"
    print(f"{also} them from {held} backup{'s' if held != 1 else ''} in {folder}.")
    return EXIT_OK
