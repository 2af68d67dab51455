"""Opening the database: checks that refuse a bad file untouched, then WAL and migrations.

Every check that can refuse a file runs before anything is written to it, so a refused file is
left byte-identical. sqlite-utils is imported only when a write or a migration needs it: its
import costs more than the rest of start-up.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from .. import __version__
from . import errors
from .migrations import APPLICATION_ID, KNOWN_NAMES, MIGRATION_SET, build_migrations

if TYPE_CHECKING:
    from sqlite_utils import Database

log = logging.getLogger(__name__)

SQLITE_MAGIC = b"SQLite format 3\x00"
STARTUP_TABLES = frozenset({"students", "guardians", "settings", "_sqlite_migrations"})
BUSY_TIMEOUT_S = 5.0


class Store:
    """An open ILP database. Reads use ``conn``; each user action writes inside ``action()``."""

    def __init__(self, path: Path, conn: sqlite3.Connection) -> None:
        self.path = path
        self.conn = conn
        self._db: Database | None = None

    @property
    def db(self) -> Database:
        """The sqlite-utils view of the same connection."""
        if self._db is None:
            from sqlite_utils import Database

            # No plugins: nothing outside this app runs against student data.
            self._db = Database(self.conn, execute_plugins=False)
        return self._db

    @contextlib.contextmanager
    def action(self) -> Iterator[Database]:
        """One user action = one transaction; SQLite errors become StoreErrors."""
        try:
            with self.db.atomic() as db:
                yield db
        except sqlite3.Error as error:
            mapped = errors.translate(error, self.path)
            if mapped is None:
                raise
            raise mapped from error

    @contextlib.contextmanager
    def reading(self) -> Iterator[sqlite3.Connection]:
        """Reads with SQLite errors mapped to StoreErrors."""
        try:
            yield self.conn
        except sqlite3.Error as error:
            mapped = errors.translate(error, self.path)
            if mapped is None:
                raise
            raise mapped from error

    def close(self) -> None:
        self.conn.close()


def open_store(
    path: Path | str,
    backups_dir: Path | None = None,
    *,
    busy_timeout: float = BUSY_TIMEOUT_S,
) -> Store:
    """Open (or create) the ILP database at ``path``, refusing anything unsafe to use.

    Raises a StoreError subclass, with a message naming the file and what to do, for: a file
    that is not a database, another program's database, a damaged file, a database from a
    newer version, a database locked by another program, and a read-only location.
    """
    path = Path(path).expanduser().absolute()
    if path.is_dir():
        raise errors.not_a_database(path, "is a folder, not a file")
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise errors.read_only(path, folder) from error
    if path.exists():
        _check_header(path)
        _check_writable(path, folder)
    else:
        _check_writable(path, folder)
        _create(path)
    conn = _connect(path, busy_timeout)
    try:
        _check_contents(conn, path)
        _check_not_locked(conn, path)
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA foreign_keys = ON")
        store = Store(path, conn)
        _migrate(store, backups_dir)
    except sqlite3.Error as error:
        conn.close()
        mapped = errors.translate(error, path)
        raise (mapped or errors.corrupt(path, str(error))) from error
    except BaseException:
        conn.close()
        raise
    return store


def open_reader(path: Path | str, *, busy_timeout: float = BUSY_TIMEOUT_S) -> Store:
    """A read-only connection to a database the app has already opened (and migrated).

    For work beside the open window or in worker processes (handouts for a conference day):
    it never writes, migrates or backs up, and reads alongside the window's writes (WAL).
    """
    path = Path(path).expanduser().absolute()
    if not path.is_file():
        raise errors.not_a_database(path, "does not exist")
    _check_header(path)
    try:
        conn = sqlite3.connect(
            f"{path.as_uri()}?mode=ro", uri=True, timeout=busy_timeout, check_same_thread=False
        )
        _check_contents(conn, path)
        conn.execute("PRAGMA query_only = ON")
    except sqlite3.Error as error:
        mapped = errors.translate(error, path)
        raise (mapped or errors.corrupt(path, str(error))) from error
    return Store(path, conn)


def _check_header(path: Path) -> None:
    try:
        with path.open("rb") as handle:
            header = handle.read(100)
    except PermissionError as error:
        raise errors.read_only(path, path.parent) from error
    if not header:
        raise errors.not_a_database(path, "is an empty file, not a database")
    if not header.startswith(SQLITE_MAGIC):
        raise errors.not_a_database(path, "is not a database")
    if len(header) < 100:
        raise errors.corrupt(path, "the file is shorter than a database header")
    # The header records how many pages the file holds (when its "valid for" stamp matches
    # the change counter); a shorter file was cut off, whatever else still reads.
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    counter_matches = header[24:28] == header[92:96]
    if counter_matches and pages and path.stat().st_size < pages * page_size:
        raise errors.corrupt(path, "the file is shorter than the database it holds")


def _check_writable(path: Path, folder: Path) -> None:
    """SQLite writes its journal beside the database, so the folder must take new files."""
    probe = folder / f".ilp-write-check-{os.getpid()}"
    try:
        fd = os.open(probe, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        os.close(fd)
        os.unlink(probe)
    except FileExistsError:
        probe.unlink(missing_ok=True)  # left by a crashed run of this same pid number
    except OSError as error:
        raise errors.read_only(path, folder) from error
    if path.exists() and not os.access(path, os.R_OK | os.W_OK):
        raise errors.read_only(path, folder)


def _create(path: Path) -> None:
    """Make a new, fully migrated database and move it into place in one step.

    Built under a temporary name so that a crash never leaves a half-made database behind.
    """
    import tempfile

    fd, temp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".new")
    os.close(fd)  # mkstemp made it owner-only (0600); SQLite keeps that mode for its files
    temp = Path(temp_name)
    try:
        conn = sqlite3.connect(temp)
        try:
            build_migrations().apply(Store(temp, conn).db)
        finally:
            conn.close()
        try:
            os.link(temp, path)  # fails, rather than overwrite, if the name was taken meanwhile
        except FileExistsError:
            raise
        except OSError:
            if path.exists():
                raise FileExistsError(path) from None
            os.replace(temp, path)  # file systems without hard links
    finally:
        temp.unlink(missing_ok=True)
    log.info("created database %s", path)


def _connect(path: Path, busy_timeout: float) -> sqlite3.Connection:
    uri = f"{path.as_uri()}?mode=rw"
    try:
        conn = sqlite3.connect(uri, uri=True, timeout=busy_timeout, check_same_thread=False)
    except sqlite3.Error as error:
        mapped = errors.translate(error, path)
        raise (mapped or errors.corrupt(path, str(error))) from error
    return conn


def _check_contents(conn: sqlite3.Connection, path: Path) -> None:
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    # Start-up checks the tables it reads; the whole file (which grows with years of plans)
    # is checked by full_check() off the GUI thread once the window is up.
    for table in sorted(tables & STARTUP_TABLES):
        rows = conn.execute(f'PRAGMA quick_check("{table}")').fetchall()
        if [tuple(r) for r in rows] != [("ok",)]:
            raise errors.corrupt(path, "; ".join(str(r[0]) for r in rows[:3]))
    _check_ours(conn, path, new_allowed=not tables)


def _check_ours(
    conn: sqlite3.Connection,
    path: Path,
    *,
    new_allowed: bool,
    what: str = "is a database of another program, not of ILP Desktop",
) -> list[str]:
    """Refuse another program's database and a newer version's; return the applied steps."""
    app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    if app_id != APPLICATION_ID and (app_id != 0 or not new_allowed):
        raise errors.not_a_database(path, what)
    applied = _applied(conn)
    unknown = [name for name in applied if name not in KNOWN_NAMES]
    if unknown:
        raise errors.newer(path, unknown, __version__)
    return applied


def connect_worker(
    path: Path | str, *, needs: str, busy_timeout: float = BUSY_TIMEOUT_S
) -> sqlite3.Connection:
    """A connection of its own to an existing ILP database, for a long job beside the GUI's.

    The GUI keeps its connection on its own thread; a job on a worker thread (or the command
    line) opens this one instead of sharing it. WAL lets the GUI go on reading while the job
    writes. Refuses, without writing, a missing file, another program's database, a newer
    one, and one that does not have migration ``needs`` yet. Autocommit: the caller opens its
    transactions with BEGIN IMMEDIATE.
    """
    path = Path(path).expanduser().absolute()
    if path.is_dir():
        raise errors.not_a_database(path, "is a folder, not a file")
    if not path.exists():
        raise errors.not_a_database(path, "does not exist")
    _check_header(path)
    _check_writable(path, path.parent)
    conn = _connect(path, busy_timeout)
    try:
        conn.isolation_level = None
        applied = _check_ours(
            conn, path, new_allowed=False, what="is not a database of ILP Desktop"
        )
        if needs not in applied:
            raise errors.older(path)
        conn.execute("PRAGMA foreign_keys = ON")
    except sqlite3.Error as error:
        conn.close()
        mapped = errors.translate(error, path)
        raise (mapped or errors.corrupt(path, str(error))) from error
    except BaseException:
        conn.close()
        raise
    return conn


def full_check(path: Path) -> list[str]:
    """Every page of the database checked (SQLite's quick_check); [] when all is well.

    Opens its own read-only connection, so it can run on a worker thread beside the GUI's.
    """
    conn = sqlite3.connect(f"{Path(path).absolute().as_uri()}?mode=ro", uri=True, timeout=30)
    try:
        rows = conn.execute("PRAGMA quick_check").fetchall()
    except sqlite3.DatabaseError as error:
        return [str(error)]
    finally:
        conn.close()
    problems = [str(r[0]) for r in rows]
    return [] if problems == ["ok"] else problems


def _applied(conn: sqlite3.Connection) -> list[str]:
    exists = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type='table' AND name='_sqlite_migrations'"
    ).fetchone()
    if not exists:
        return []
    rows = conn.execute(
        "SELECT name FROM _sqlite_migrations WHERE migration_set = ? ORDER BY rowid",
        [MIGRATION_SET],
    )
    return [r[0] for r in rows]


def _check_not_locked(conn: sqlite3.Connection, path: Path) -> None:
    """Refuse now, not at the first edit, if another program holds the write lock."""
    try:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("ROLLBACK")
    except sqlite3.OperationalError as error:
        if "locked" in str(error).lower() or "busy" in str(error).lower():
            raise errors.locked(path) from error
        raise


def _migrate(store: Store, backups_dir: Path | None) -> None:
    applied = _applied(store.conn)
    pending = [name for name in KNOWN_NAMES if name not in applied]
    if not pending:
        return
    if applied and backups_dir is not None:
        from .backups import make_backup  # not at the top: backups imports this module

        copy = make_backup(store, backups_dir, f"before-{pending[0]}")
        log.info("backed up %s to %s before migrating", store.path, copy)
    with store.action() as db:
        build_migrations().apply(db)
    log.info("applied migrations %s to %s", ", ".join(pending), store.path)
