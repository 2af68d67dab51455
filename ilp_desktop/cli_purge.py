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

    db = args.purge_db.expanduser().absolute()
    if not db.is_file():
        print(f"ilp-desktop: {db} does not exist; nothing was removed.", file=sys.stderr)
        return EXIT_REFUSED
    sis_id = args.student.strip()
    with InstanceLock(dirs.locks, db) as lock:
        if not lock.acquire():
            raise errors.already_open(db)
        store = open_store(db, dirs.backups_for(db))
        try:
            row = store.conn.execute(
                "SELECT id, first_name, last_name FROM students WHERE sis_id = ?", [sis_id]
            ).fetchone()
            if row is None:
                print(
                    f"ilp-desktop: no student has the SIS id “{sis_id}” in {db}; nothing was "
                    "removed.",
                    file=sys.stderr,
                )
                return EXIT_REFUSED
            name = f"{row[1]} {row[2]}".strip()
            if not args.yes:
                print(
                    f"ilp-desktop: this removes {name} ({sis_id}) and everything recorded about "
                    "them, for good. Add --yes to go ahead; nothing was removed.",
                    file=sys.stderr,
                )
                return EXIT_REFUSED
            purge_student(store, row[0])
        finally:
            store.close()
    print(f"Removed {name} ({sis_id}) and everything recorded about them from {db}.")
    folder = dirs.backups_for(db)
    if args.from_backups:
        from .store.backups import purge_student_from_backups

        held = purge_student_from_backups(folder, sis_id)
        print(f"Also removed them from {held} backup{'s' if held != 1 else ''} in {folder}.")
    else:
        print(
            f"Backups in {folder} made before now still hold them until they rotate out; "
            "run again with --from-backups to remove them there too."
        )
    return EXIT_OK
