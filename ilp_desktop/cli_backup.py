"""`ilp-desktop backup`, `restore` and `check`: a database's copies and its health from the
command line (DESIGN §4). Refusals are StoreErrors, which the caller prints without a
traceback (exit 1)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .paths import AppDirs

COMMANDS = ("backup", "restore", "check")
EXIT_OK, EXIT_REFUSED = 0, 1


def add_commands(commands: argparse._SubParsersAction) -> None:
    """Add the three subcommands to ``ilp-desktop``'s parser."""
    backup = commands.add_parser(
        "backup",
        help="write a consistent copy of a database to a file",
        description="Write a consistent copy of the database to FILE (made with SQLite's "
        "backup API, so it is safe while ILP Desktop has the database open) and check it. "
        "An existing FILE is never overwritten.",
    )
    backup.add_argument("--db", type=Path, required=True, dest="backup_db", metavar="PATH")
    backup.add_argument("--out", type=Path, required=True, dest="backup_out", metavar="FILE")
    restore = commands.add_parser(
        "restore",
        help="replace a database by a backup of it (the current one is saved first)",
        description="Replace the database by the backup in FILE. The backup is checked first; "
        "the database as it is now is saved as a backup (or, if it is damaged, moved aside "
        "beside it), so nothing is lost. ILP Desktop must not have the database open.",
    )
    restore.add_argument("--db", type=Path, required=True, dest="restore_db", metavar="PATH")
    restore.add_argument("restore_file", type=Path, metavar="FILE")
    check = commands.add_parser(
        "check",
        help="check a whole database for damage",
        description="Check every page of the database (SQLite's integrity check) and every "
        "link between its rows. Exit status 0 when it is sound, 1 when it has problems.",
    )
    check.add_argument("--db", type=Path, required=True, dest="check_db", metavar="PATH")


def run(args: argparse.Namespace, dirs: AppDirs) -> int:
    """Run ``args.command`` (one of COMMANDS); StoreError for a refusal."""
    if args.command == "backup":
        return _backup(args.backup_db, args.backup_out)
    if args.command == "restore":
        return _restore(args.restore_db, args.restore_file, dirs)
    return _check(args.check_db, dirs)


def _backup(db: Path, out: Path) -> int:
    from .store.backups import backup_to_file, describe_backup
    from .store.db import open_reader
    from .store.errors import StoreError

    db, out = db.expanduser().absolute(), out.expanduser().absolute()
    if out.exists():
        raise StoreError(
            f"{out} already exists; ILP Desktop never overwrites a file. Choose a new file name."
        )
    if not out.parent.is_dir():
        raise StoreError(f"The folder {out.parent} does not exist. Choose a folder that does.")
    store = open_reader(db)  # refuses a missing, foreign or damaged file, writes nothing
    try:
        backup_to_file(store, out)  # checked; removed again if it fails its check
    finally:
        store.close()
    info = describe_backup(out)
    print(f"Backed up {db} ({_students(info.students)}) to {out}; the copy is sound.")
    return EXIT_OK


def _restore(db: Path, backup: Path, dirs: AppDirs) -> int:
    from .store import errors
    from .store.backups import describe_backup, restore_backup
    from .store.instance_lock import InstanceLock

    db, backup = db.expanduser().absolute(), backup.expanduser().absolute()
    folder = dirs.backups_for(db)
    with InstanceLock(dirs.locks, db) as lock:
        if not lock.acquire():
            raise errors.already_open(db)
        kept = restore_backup(db, backup, folder)
    info = describe_backup(db)
    print(f"Restored {db} from {backup} ({_students(info.students)}).")
    if kept is None:
        print("There was no database there before.")
    elif kept.parent == folder:
        print(f"The database as it was before is saved as {kept}.")
    else:
        print(f"The database as it was before could not be read; it was moved aside to {kept}.")
    return EXIT_OK


def _check(db: Path, dirs: AppDirs) -> int:
    from .domain.backup_rotation import reason_label
    from .store.backups import database_problems, newest_good_backup

    db = db.expanduser().absolute()
    problems = database_problems(db)
    if not problems:
        print(f"{db} is sound.")
        return EXIT_OK
    err = sys.stderr
    print(f"ilp-desktop: {db} has problems (SQLite reports):", file=err)
    for problem in problems[:20]:
        print(f"  {problem}", file=err)
    if len(problems) > 20:
        print(f"  … and {len(problems) - 20} more", file=err)
    folder = dirs.backups_for(db)
    good = newest_good_backup(folder)
    if good is None:
        print(
            f"No good backup of it was found in {folder}. Keep the file as it is and ask your "
            "IT support to recover it; do not keep working in it.",
            file=err,
        )
    else:
        print(
            f"Restore its latest good backup, made {good.made_at:%Y-%m-%d %H:%M} "
            f"({reason_label(good.reason).lower()}, {_students(good.students)}):\n"
            f"  ilp-desktop restore --db {db} {good.path}",
            file=err,
        )
    return EXIT_REFUSED


def _students(count: int | None) -> str:
    if count is None:
        return "students unknown"
    return f"{count} student{'s' if count != 1 else ''}"
