"""`ilp-desktop export-student` and `import-student`: a student's transfer package on the
command line (docs/transfer-format.md describes the file). The package, handout and all, is
made by transfer_jobs.py, as the GUI's export makes it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from .paths import AppDirs

EXIT_OK, EXIT_REFUSED = 0, 1
COMMANDS = ("export-student", "import-student")


def add_commands(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add export-student and import-student to ``ilp-desktop``'s subcommands."""
    export = commands.add_parser(
        "export-student",
        help="write one student's whole ILP to a transfer package (.ilp)",
        description="Write one student's whole ILP (profile, inventories, reflections, "
        "shortlist, plan, course plan, sessions, reviews, snapshots) and their latest "
        "handout to one file, to import on another computer or at another school.",
    )
    export.add_argument("--db", type=Path, required=True, dest="transfer_db", metavar="PATH")
    export.add_argument("--student", required=True, metavar="SIS_ID", help="the student's SIS id")
    export.add_argument("--out", type=Path, required=True, metavar="FILE", help="e.g. name.ilp")
    imported = commands.add_parser(
        "import-student",
        help="import a student's transfer package (.ilp)",
        description="Show what a transfer package holds, then import it: a new student is "
        "added; a student with the same SIS id is refused unless --replace is given, which "
        "replaces that student's whole plan with the package's. A backup is made first; all "
        "of it is imported or nothing.",
    )
    imported.add_argument("--db", type=Path, required=True, dest="transfer_db", metavar="PATH")
    imported.add_argument("package", type=Path, metavar="FILE")
    imported.add_argument(
        "--replace",
        action="store_true",
        help="replace the plan of the student with the same SIS id",
    )


def run(args: argparse.Namespace, dirs: AppDirs) -> int:
    """Run export-student or import-student; 0 done, 1 refused (message on stderr)."""
    from .store.errors import StoreError

    try:
        if args.command == "export-student":
            return _export(args, dirs)
        return _import(args, dirs)
    except StoreError as error:
        print(f"ilp-desktop: {error}", file=sys.stderr)
        return EXIT_REFUSED


def _existing(path: Path) -> Path:
    """The database file, which must exist: a typing slip must not create an empty one."""
    from .store.transfer_export import TransferError

    if not path.is_file():
        raise TransferError(
            f"There is no database at {path.absolute()}. Give the database file ILP Desktop "
            "uses (Help ▸ Where is my data? shows it)."
        )
    return path.absolute()


def _export(args: argparse.Namespace, dirs: AppDirs) -> int:
    from .store.db import open_reader, open_store
    from .store.students import StudentStore
    from .store.transfer_export import TransferError
    from .transfer_jobs import export_package

    out: Path = args.out
    if out.exists():
        raise TransferError(
            f"{out} already exists. Give a new file name, or move that file away first; it "
            "was not changed."
        )
    if not out.parent.absolute().is_dir():
        raise TransferError(f"The folder {out.parent.absolute()} does not exist.")
    db = _existing(args.transfer_db)
    open_store(db, dirs.backups_for(db)).close()  # refuses a newer one, migrates an older
    store = open_reader(db)
    try:
        student_id = StudentStore(store).id_of(args.student)
    finally:
        store.close()
    if student_id is None:
        raise TransferError(
            f"No student has the SIS id “{args.student.strip()}” in {db}. Nothing was exported."
        )
    result = export_package(db, student_id, out, today=dt.date.today())
    manifest = result.manifest
    print(f"Exported {manifest.student_name} (SIS id {manifest.sis_id}) to {out}.")
    if manifest.handout_file is None:
        print(
            f"ilp-desktop: warning: no handout in the package. {manifest.handout_note}",
            file=sys.stderr,
        )
    return EXIT_OK


def _import(args: argparse.Namespace, dirs: AppDirs) -> int:
    from .store import errors
    from .store.db import open_store
    from .store.instance_lock import InstanceLock
    from .store.transfer_import import import_package, preview, read_package

    package = read_package(args.package)  # checked in full before the database is touched
    db = _existing(args.transfer_db)
    with InstanceLock(dirs.locks, db) as lock:
        # The open app would not see the new student until it reloads: refuse while it is open.
        if not lock.acquire():
            raise errors.already_open(db)
        store = open_store(db, dirs.backups_for(db))  # an older one is backed up, migrated
        try:
            shown = preview(store, package)
            print("\n".join(shown.lines()))
            print()
            if shown.conflict and not args.replace:
                print(
                    f"ilp-desktop: {db.name} already has a student with SIS id {shown.sis_id}; "
                    "nothing was imported. Add --replace to replace their plan with the "
                    "package's.",
                    file=sys.stderr,
                )
                return EXIT_REFUSED
            result = import_package(
                store,
                package,
                backups_dir=dirs.backups_for(db),
                on_conflict="replace" if args.replace else "refuse",
            )
        finally:
            store.close()
    done = "Replaced the plan of" if result.replaced else "Imported"
    print(f"{done} {result.name} (SIS id {result.sis_id}). Backup made first: {result.backup}")
    return EXIT_OK
