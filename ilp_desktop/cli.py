"""The `ilp-desktop` command: the GUI by default, and its admin subcommands.

Exit status: 0 done, 1 the user's input or environment was refused (message on stderr, no
traceback), 2 usage error.
"""

from __future__ import annotations

import argparse
import gc
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .paths import AppDirs

log = logging.getLogger(__name__)

EXIT_OK, EXIT_REFUSED, EXIT_USAGE = 0, 1, 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ilp-desktop",
        description="ILP Desktop: Individualized Learning Plans for school counselors.",
    )
    parser.add_argument("--version", action="version", version=f"ILP Desktop {__version__}")
    parser.add_argument(
        "--db", type=Path, help="database file to open (default: in your user data folder)"
    )
    parser.add_argument(
        "--exit-when-ready",
        action="store_true",
        help="start, load the data, show the window, then exit 0 (for smoke tests)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    demo = commands.add_parser(
        "demo",
        help="build a realistic demo school in a new database",
        description="Fill a new (or earlier demo) database with a made-up school for "
        "training and trying the app. Refuses a database that holds real students.",
    )
    demo.add_argument("--db", type=Path, required=True, dest="demo_db", metavar="PATH")
    demo.add_argument("--students", type=_positive, default=300, metavar="N")
    demo.add_argument("--seed", type=int, default=1, metavar="S")
    onet = commands.add_parser(
        "import-onet",
        help="import an O*NET database release (text version) as the career library",
        description="Import the text version of an O*NET database release (the zip from the "
        "O*NET Resource Center, such as db_29_3_text.zip, or its unzipped folder). It replaces "
        "any earlier import; nothing changes if it is refused or stopped.",
    )
    onet.add_argument("--db", type=Path, required=True, dest="onet_db", metavar="PATH")
    onet.add_argument("release", type=Path, metavar="ZIP_OR_FOLDER")
    onet.add_argument(
        "--clusters",
        type=Path,
        metavar="CSV",
        help="O*NET OnLine's career clusters export (All_Career_Clusters.csv)",
    )
    handout = commands.add_parser(
        "handout",
        help="write one student's conference handout as a PDF",
        description="Write the conference handout for one student: their plan on one or two "
        "pages for the family, in English or Spanish (the family's language by default).",
    )
    handout.add_argument("--db", type=Path, required=True, dest="handout_db", metavar="PATH")
    handout.add_argument("--student", required=True, metavar="SIS_ID", help="the student's SIS id")
    handout.add_argument("--out", type=Path, required=True, metavar="FILE.pdf")
    handout.add_argument("--lang", choices=("en", "es"), help="default: the family's language")
    handout.add_argument("--large-print", action="store_true", help="body text 14 pt")
    batch = commands.add_parser(
        "handouts",
        help="write the handouts of many students into one PDF (a conference day)",
        description="Write the conference handouts of every student on the roster (or of one "
        "grade) into one PDF, in roster order, each starting on a new page.",
    )
    batch.add_argument("--db", type=Path, required=True, dest="handouts_db", metavar="PATH")
    batch.add_argument("--out", type=Path, required=True, metavar="FILE.pdf")
    batch.add_argument("--grade", metavar="G", help="only students in this grade (K, 1-12, PS)")
    batch.add_argument("--lang", choices=("en", "es"), help="default: each family's language")
    batch.add_argument("--large-print", action="store_true", help="body text 14 pt")
    batch.add_argument(
        "--jobs", type=_jobs, default=1, metavar="N", help="worker processes (default 1)"
    )
    from . import cli_backup, cli_purge, cli_roster, cli_transfer

    cli_roster.add_commands(commands)
    cli_transfer.add_commands(commands)
    cli_backup.add_commands(commands)
    cli_purge.add_commands(commands)
    return parser


def _jobs(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if not 1 <= value <= 64:
        raise argparse.ArgumentTypeError("give a number of worker processes from 1 to 64")
    return value


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if not 1 <= value <= 100_000:
        raise argparse.ArgumentTypeError("give a number of students from 1 to 100000")
    return value


def main(argv: Sequence[str] | None = None) -> int:
    # Start-up allocates many long-lived objects (Qt enum classes, widgets, the roster), and
    # the cyclic garbage collector kept re-scanning them: a sixth of start-up. It is switched
    # back on, with start-up's objects frozen out of its way, once the window is up.
    gc.disable()
    try:
        return _main(argv)
    finally:
        gc.enable()


def _main(argv: Sequence[str] | None) -> int:
    args = build_parser().parse_args(argv)
    dirs = AppDirs.for_user()
    from .logs import setup_logging

    try:
        setup_logging(dirs.logs)
    except OSError as error:  # logging is a help, not a reason to refuse to start
        print(f"ilp-desktop: cannot write the log in {dirs.logs}: {error}", file=sys.stderr)
    if args.command == "demo":
        gc.enable()
        return _run_refusable(lambda: _demo(args, dirs))
    if args.command == "import-onet":
        gc.enable()
        return _run_refusable(lambda: _import_onet(args, dirs))
    if args.command in ("handout", "handouts"):
        gc.enable()
        from .cli_handouts import run_handout, run_handouts

        command = run_handout if args.command == "handout" else run_handouts
        return _run_refusable(lambda: command(args, dirs))
    if args.command == "import-roster":
        gc.enable()
        from . import cli_roster

        return _run_refusable(lambda: cli_roster.run(args, dirs))
    if args.command in ("export-student", "import-student"):
        gc.enable()
        from . import cli_transfer

        return _run_refusable(lambda: cli_transfer.run(args, dirs))
    if args.command in ("backup", "restore", "check"):
        gc.enable()
        from . import cli_backup

        return _run_refusable(lambda: cli_backup.run(args, dirs))
    if args.command == "purge-student":
        gc.enable()
        from . import cli_purge

        return _run_refusable(lambda: cli_purge.run(args, dirs))
    from .app import run_gui

    return run_gui(args.db or dirs.default_db, dirs, exit_when_ready=args.exit_when_ready)


def _run_refusable(command) -> int:  # type: ignore[no-untyped-def]
    from .reports.fonts import NoUnicodeFontError
    from .store.errors import StoreError

    try:
        return command()
    except (StoreError, NoUnicodeFontError) as error:
        print(f"ilp-desktop: {error}", file=sys.stderr)
        return EXIT_REFUSED
    except KeyboardInterrupt:
        print("ilp-desktop: stopped; nothing was changed.", file=sys.stderr)
        return EXIT_REFUSED


def _demo(args: argparse.Namespace, dirs: AppDirs) -> int:
    from .demo_school import DemoRefused, build_demo_school
    from .store import errors
    from .store.db import open_store
    from .store.instance_lock import InstanceLock

    with InstanceLock(dirs.locks, args.demo_db) as lock:
        if not lock.acquire():
            raise errors.already_open(args.demo_db.absolute())
        store = open_store(args.demo_db, dirs.backups_for(args.demo_db))
        try:
            count = build_demo_school(store, students=args.students, seed=args.seed)
        except DemoRefused as refused:
            print(f"ilp-desktop: {refused}", file=sys.stderr)
            return EXIT_REFUSED
        finally:
            store.close()
    print(f"Built a demo school of {count} students in {args.demo_db}.")
    return EXIT_OK


def _import_onet(args: argparse.Namespace, dirs: AppDirs) -> int:
    from .store import errors
    from .store.db import open_store
    from .store.instance_lock import InstanceLock
    from .store.onet_import import import_onet
    from .store.onet_release import open_release

    with InstanceLock(dirs.locks, args.onet_db) as lock:
        # The app re-reads the library only when it imports itself: refuse while it is open.
        if not lock.acquire():
            raise errors.already_open(args.onet_db.absolute())
        # A quick look first (files present, version known), so that a wrong file never
        # leaves a new, empty database behind.
        open_release(args.release, args.clusters).close()
        # Creates a new database, or brings an older one up to date (with a backup first).
        open_store(args.onet_db, dirs.backups_for(args.onet_db)).close()
        summary = import_onet(
            args.onet_db, args.release, args.clusters, backups=dirs.backups_for(args.onet_db)
        )
    print("\n".join(summary.lines()))
    return EXIT_OK
