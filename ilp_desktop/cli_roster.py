"""`ilp-desktop import-roster`: a roster exported from the SIS, all rows or none.

Prints how the file was read and which column went to which field, then either every row that
needs fixing (exit 1, nothing written) or what was done. ``--dry-run`` checks and counts
without writing, and works while the app has the database open; an import refuses then.
A missing database is made (a counselor's first import), but only once the file is known good.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from .paths import AppDirs

if TYPE_CHECKING:
    from .domain.roster_csv import Mapping, RosterTable, RowProblem

EXIT_OK, EXIT_REFUSED = 0, 1


def add_commands(commands: Any) -> None:
    """Add ``import-roster`` to the subcommands of cli.py's parser."""
    roster = commands.add_parser(
        "import-roster",
        help="import the school's roster from an SIS export (CSV or Unicode Text)",
        description="Import students from a roster exported by the student information "
        "system. Students already in the database (same SIS id) are updated in the columns "
        "the file has; the others are added. Every row is checked first: if any is wrong, "
        "each is listed and nothing is imported. The database is backed up before an import.",
    )
    roster.add_argument("--db", type=Path, required=True, dest="roster_db", metavar="PATH")
    roster.add_argument("roster_file", type=Path, metavar="FILE.csv")
    roster.add_argument(
        "--dry-run",
        action="store_true",
        help="check every row and say what would change, without changing anything",
    )


def run(args: argparse.Namespace, dirs: AppDirs) -> int:
    """Run ``import-roster``; 0 done, 1 refused (the reason on stderr)."""
    from .domain.roster_csv import RosterFileError, read_roster_file
    from .store.errors import StoreError

    db: Path = args.roster_db.expanduser().absolute()
    try:
        table = read_roster_file(args.roster_file)
        print(f"Read {args.roster_file}: {table.describe()}, {_rows(table.student_rows())}.")
        if args.dry_run:
            return _dry_run(db, table)
        return _import(db, table, dirs)
    except RosterFileError as error:
        print(f"ilp-desktop: {error}", file=sys.stderr)
        return EXIT_REFUSED
    except StoreError as error:
        print(f"ilp-desktop: {error}", file=sys.stderr)
        return EXIT_REFUSED


def _dry_run(db: Path, table: RosterTable) -> int:
    from .store.db import open_reader
    from .store.roster_import import check_roster

    store = open_reader(db) if db.exists() else None
    try:
        mapping = _mapping(store, table)
        if mapping is None:
            return EXIT_REFUSED
        plan = check_roster(store, table, mapping)
    finally:
        if store is not None:
            store.close()
    if plan.problems:
        _print_problems("Nothing would be imported", plan.problems)
        return EXIT_REFUSED
    print(plan.summary().sentence(dry_run=True) + " Nothing was changed (dry run).")
    return EXIT_OK


def _import(db: Path, table: RosterTable, dirs: AppDirs) -> int:
    from .store import errors
    from .store.db import open_store
    from .store.instance_lock import InstanceLock
    from .store.roster_import import RosterRejectedError, check_roster, import_roster

    with InstanceLock(dirs.locks, db) as lock:
        # The app would not see the new students until reopened, and both would write.
        if not lock.acquire():
            raise errors.already_open(db)
        is_new = not db.exists()
        if is_new:
            # Checked before the database is made, so a wrong file leaves nothing behind.
            mapping = _mapping(None, table)
            if mapping is None:
                return EXIT_REFUSED
            plan = check_roster(None, table, mapping)
            if plan.problems:
                _print_problems("Nothing was imported", plan.problems)
                return EXIT_REFUSED
        store = open_store(db, dirs.backups_for(db))
        try:
            if is_new:
                print(f"Made a new database at {db}.")
            else:
                mapping = _mapping(store, table)
                if mapping is None:
                    return EXIT_REFUSED
            try:
                summary = import_roster(store, table, mapping, dirs.backups_for(db))
            except RosterRejectedError as rejected:
                _print_problems("Nothing was imported", rejected.problems)
                return EXIT_REFUSED
        finally:
            store.close()
    print(summary.sentence())
    if not is_new:
        print(f"The database as it was before is backed up in {dirs.backups_for(db)}.")
    return EXIT_OK


def _mapping(store: Any, table: RosterTable) -> Mapping | None:
    """The columns used (remembered from the app for this layout, else guessed), printed."""
    from .domain.roster_csv import FIELD_BY_KEY, mapping_problem
    from .store.roster_import import mapping_for

    mapping, remembered = mapping_for(store, table)
    problem = mapping_problem(table, mapping)
    if problem:
        print(f"ilp-desktop: {problem} Nothing was imported.", file=sys.stderr)
        return None
    where = "as chosen in the app for this layout" if remembered else "from the header"
    print(f"Columns ({where}):")
    for key, column in mapping.items():
        print(f"  {FIELD_BY_KEY[key].label}: {table.column_label(column)}")
    used = set(mapping.values())
    ignored = [table.header[i] for i in range(table.width) if i not in used and table.header[i]]
    if ignored:
        print(f"  Not imported: {', '.join(ignored)}")
    return mapping


def _print_problems(what: str, problems: list[RowProblem], out: TextIO | None = None) -> None:
    out = out or sys.stderr
    rows = "1 row needs" if len(problems) == 1 else f"{len(problems)} rows need"
    print(
        f"ilp-desktop: {what}: {rows} fixing first (row numbers as in the spreadsheet, the "
        "header being row 1). Correct them in the SIS or the file and run the import again.",
        file=out,
    )
    for problem in problems:
        print(f"  {problem.line()}", file=out)


def _rows(count: int) -> str:
    return "1 student row" if count == 1 else f"{count:,} student rows"
