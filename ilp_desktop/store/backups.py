"""Automatic and on-demand backups: made with the SQLite backup API, checked, rotated, listed,
restored, and purged of a student.

Each database has its own backups folder (``AppDirs.backups_for``). A backup is one file whose
name says when and why it was made (domain/backup_rotation.py); after each new backup the
folder is rotated. Backups are read with ``immutable=1``: nothing else writes a finished
backup, and reading one then needs no lock files beside it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import logging
import os
import sqlite3
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..domain.backup_rotation import (
    BEFORE_RESTORE,
    DEFAULT_POLICY,
    BackupStamp,
    RotationPolicy,
    choose_removed,
    has_backup_on,
    newest_first,
    parse_backup_name,
    reason_label,
)
from . import errors
from .backup import backup_into, backup_to, place_new
from .db import SQLITE_MAGIC, Store
from .errors import StoreError
from .migrations import APPLICATION_ID, KNOWN_NAMES, MIGRATION_SET

log = logging.getLogger(__name__)

NOTHING_CHANGED = "Nothing has been changed."
DAMAGED_MARK = ".damaged-"
JOURNALS = ("-wal", "-shm", "-journal")
STALE_PARTIAL_S = 24 * 3600


class BackupCheckError(errors.CorruptDatabaseError):
    """A new backup failed its integrity check (it was removed; the database is untouched).

    A copy made with the backup API fails its check when the database itself is damaged, so
    this is a CorruptDatabaseError: at start (a migration's backup) it leads to the offer to
    restore the latest good backup.
    """


class BackupBeforeImportError(StoreError):
    """The backup every import starts with could not be made, so nothing was imported."""


class BackupRefusedError(StoreError):
    """A file chosen for a restore is damaged, not an ILP Desktop database, or too new."""


@dataclass(frozen=True)
class BackupInfo:
    """One backup as listed for the counselor. ``students`` is None when it cannot be read."""

    path: Path
    made_at: dt.datetime
    reason: str
    size: int
    students: int | None
    problem: str = ""

    @property
    def damaged(self) -> bool:
        return self.students is None

    @property
    def label(self) -> str:
        """Why it was made, in plain words."""
        return reason_label(self.reason)


# Making backups ---------------------------------------------------------------------------------
def make_backup(store: Store, folder: Path, reason: str) -> Path:
    """A consistent copy of ``store`` in ``folder``, integrity-checked; returns its path.

    ``reason`` becomes part of the file name (``daily``, ``manual``, ``before-roster-import``).
    The folder is rotated afterwards. Raises BackupCheckError (the copy removed) when the copy
    fails its integrity check, and a StoreError when the disk is full or read-only.
    """
    path = _backup_checked(store.conn, store.path, Path(folder), reason)
    rotate(folder)
    return path


def backup_before_import(store: Store, folder: Path, reason: str) -> Path:
    """The backup every import starts with (make_backup): no backup, no import.

    Raises BackupBeforeImportError, saying that nothing was imported and why (the disk full,
    the folder read-only, the database damaged), when the backup cannot be made.
    """
    try:
        return make_backup(store, folder, reason)
    except StoreError as error:
        raise _no_backup(error) from error


def backup_file_before_import(db_path: Path, folder: Path, reason: str) -> Path:
    """backup_before_import for an import that works on a connection of its own."""
    try:
        return backup_database(db_path, folder, reason)
    except StoreError as error:
        raise _no_backup(error) from error


def _no_backup(error: StoreError) -> BackupBeforeImportError:
    return BackupBeforeImportError(
        f"ILP Desktop backs the database up before every import, and this backup could "
        f"not be made, so nothing was imported. {error}"
    )


def backup_database(db_path: Path, folder: Path, reason: str) -> Path:
    """Like make_backup, through a read-only connection of its own (for a worker thread, or
    beside a window that keeps its connection)."""
    db_path = Path(db_path).absolute()
    conn = _open_current(db_path, read_only=True)
    try:
        path = _backup_checked(conn, db_path, Path(folder), reason)
    finally:
        conn.close()
    rotate(folder)
    return path


def daily_backup(db_path: Path, folder: Path, now: dt.datetime | None = None) -> Path | None:
    """The start-up backup: made unless some backup of this database was made today."""
    now = now or dt.datetime.now()
    if has_backup_on(_stamps(Path(folder)), now.date()):
        return None
    return backup_database(db_path, folder, "daily")


def integrity_problems(path: Path) -> list[str]:
    """SQLite's integrity_check of a database file; [] when it is sound."""
    try:
        with _reading(path) as conn:
            rows = conn.execute("PRAGMA integrity_check").fetchall()
    except sqlite3.Error as error:
        return [str(error)]
    problems = [str(r[0]) for r in rows]
    return [] if problems == ["ok"] else problems


def backup_to_file(store: Store, out: Path) -> Path:
    """A consistent, checked copy of ``store`` at ``out`` (`ilp-desktop backup --out`).

    A file already at ``out`` is never overwritten (StoreError). Raises BackupCheckError (the
    copy removed) when the copy fails its integrity check.
    """
    out = Path(out)
    try:
        backup_to(store.conn, out)
    except FileExistsError:
        raise StoreError(
            f"{out} already exists; ILP Desktop never overwrites a file. Choose a new file name."
        ) from None
    except sqlite3.Error as error:
        mapped = errors.translate(error, store.path)
        raise (mapped or errors.corrupt(store.path, str(error))) from error
    except OSError as error:
        raise os_refusal(error, out.parent) from error
    _check_copy(out, store.path)
    return out


def _backup_checked(conn: sqlite3.Connection, db_path: Path, folder: Path, reason: str) -> Path:
    try:
        path = backup_into(conn, folder, db_path.stem, reason)
    except sqlite3.Error as error:
        mapped = errors.translate(error, db_path)
        raise (mapped or errors.corrupt(db_path, str(error))) from error
    except OSError as error:
        raise os_refusal(error, folder) from error
    _check_copy(path, db_path)
    log.info("backed up %s to %s (%s)", db_path, path, reason)
    return path


def _check_copy(path: Path, db_path: Path) -> None:
    """Remove the copy at ``path`` and raise BackupCheckError if it fails its check."""
    problems = integrity_problems(path)
    if problems:
        path.unlink(missing_ok=True)
        log.error("backup of %s failed its check and was removed: %s", db_path, problems[:5])
        raise BackupCheckError(
            f"The backup of {db_path} did not pass its integrity check (SQLite reports: "
            f"{'; '.join(problems[:2])}). It was removed. The database itself may be "
            f"damaged: restore its latest good backup (File ▸ Restore from backup…), or ask "
            f"your IT support. {NOTHING_CHANGED}"
        )


# Rotation -------------------------------------------------------------------------------------
def rotate(folder: Path, policy: RotationPolicy = DEFAULT_POLICY) -> list[Path]:
    """Remove the backups the rotation no longer keeps (and copies a crash left half made);
    returns what was removed. Files the app did not name are never touched."""
    folder = Path(folder)
    removed: list[Path] = []
    for name in choose_removed(_stamps(folder), policy):
        path = folder / name
        try:
            path.unlink()
        except OSError as error:  # kept for now; the next rotation tries again
            log.warning("could not remove old backup %s: %s", path, error)
            continue
        removed.append(path)
    for partial in folder.glob("*.partial"):
        with contextlib.suppress(OSError):
            if time.time() - partial.stat().st_mtime > STALE_PARTIAL_S:
                partial.unlink()
                removed.append(partial)
    if removed:
        log.info("rotation removed %d old backups from %s", len(removed), folder)
    return removed


def _stamps(folder: Path) -> list[BackupStamp]:
    try:
        names = os.listdir(folder)
    except FileNotFoundError:
        return []
    stamps = (parse_backup_name(name) for name in names)
    return [s for s in stamps if s is not None]


# Listing --------------------------------------------------------------------------------------
def list_backups(folder: Path) -> list[BackupInfo]:
    """The backups in ``folder``, newest first, each with its student count (read from the
    copy, read-only); a copy that cannot be read is listed as damaged."""
    folder = Path(folder)
    return [_info(folder / s.name, s) for s in newest_first(_stamps(folder))]


def describe_backup(path: Path) -> BackupInfo:
    """A backup file anywhere (its name may be any name), as listed."""
    path = Path(path)
    stamp = parse_backup_name(path.name)
    return _info(path, stamp)


def newest_good_backup(folder: Path) -> BackupInfo | None:
    """The newest backup that reads, passes the integrity check and can be restored here."""
    for info in list_backups(folder):
        if info.damaged:
            continue
        try:
            check_backup(info.path)
        except StoreError as refused:
            log.warning("backup %s cannot be restored: %s", info.path, refused)
            continue
        return info
    return None


def _info(path: Path, stamp: BackupStamp | None) -> BackupInfo:
    try:
        stat = path.stat()
    except OSError as error:
        return BackupInfo(path, dt.datetime.min, "", 0, None, str(error))
    made_at = stamp.made_at if stamp else dt.datetime.fromtimestamp(stat.st_mtime)
    reason = stamp.reason if stamp else ""
    try:
        students = _count_students(path)
    except sqlite3.Error as error:
        return BackupInfo(path, made_at, reason, stat.st_size, None, str(error))
    return BackupInfo(path, made_at, reason, stat.st_size, students)


def _count_students(path: Path) -> int:
    with _reading(path) as conn:
        return conn.execute("SELECT count(*) FROM students WHERE archived_at = ''").fetchone()[0]


# Restoring ------------------------------------------------------------------------------------
def check_backup(path: Path) -> None:
    """Refuse (BackupRefusedError, naming the file) a backup that is missing, damaged, not an
    ILP Desktop database, or made by a newer version than this one."""
    path = Path(path).expanduser().absolute()
    if not path.is_file():
        raise BackupRefusedError(
            f"{path} does not exist or is not a file. Choose a backup file. {NOTHING_CHANGED}"
        )
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_MAGIC))
    except OSError as error:
        raise BackupRefusedError(f"{path} cannot be read ({error}). {NOTHING_CHANGED}") from error
    if header != SQLITE_MAGIC:
        raise _foreign(path)
    problems = integrity_problems(path)
    if problems:
        raise BackupRefusedError(
            f"{path} is damaged (SQLite reports: {'; '.join(problems[:2])}), so it cannot be "
            f"restored. Choose another backup. {NOTHING_CHANGED}"
        )
    try:
        with _reading(path) as conn:
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            steps = _applied_steps(conn)
    except sqlite3.Error as error:
        raise BackupRefusedError(
            f"{path} cannot be read (SQLite reports: {error}). Choose another backup. "
            f"{NOTHING_CHANGED}"
        ) from error
    if app_id != APPLICATION_ID or not steps:
        raise _foreign(path)
    unknown = [name for name in steps if name not in KNOWN_NAMES]
    if unknown:
        from .. import __version__

        raise BackupRefusedError(
            f"{path} was made by a newer version of ILP Desktop than this one ({__version__}); "
            f"it holds changes this version does not know ({', '.join(unknown)}). Install the "
            f"newer version to restore it. {NOTHING_CHANGED}"
        )


def restore_backup(
    db_path: Path, backup_path: Path, folder: Path, *, current_is_damaged: bool = False
) -> Path | None:
    """Replace the database at ``db_path`` by the backup at ``backup_path``.

    The backup is checked first (check_backup). Then the database as it is now is kept: backed
    up into ``folder`` ("before-restore"), or, when it cannot be read (or the caller knows it
    is damaged), moved aside as ``<name>.damaged-<time>`` with its journal files, never
    overwritten and never deleted. Then the backup's content, written beside the database
    with the backup API, takes its place in one rename: a crash leaves either the old
    database or the restored one, never half of each.

    Returns where the database as it was is kept (None if there was no database at
    ``db_path``). The database must not be open anywhere (hold its InstanceLock).
    """
    db_path = Path(db_path).expanduser().absolute()
    backup_path = Path(backup_path).expanduser().absolute()
    folder = Path(folder)
    if backup_path == db_path:
        raise BackupRefusedError(
            f"{backup_path} is the database itself, not a backup of it. {NOTHING_CHANGED}"
        )
    check_backup(backup_path)
    try:
        db_path.parent.mkdir(parents=True, exist_ok=True)
        restored = _write_beside(backup_path, db_path)
    except OSError as error:
        raise os_refusal(error, db_path.parent) from error
    try:
        kept: Path | None = None
        if db_path.exists():
            kept = _keep_current(db_path, folder, current_is_damaged)
        for suffix in JOURNALS:  # folded into the copy kept, or moved aside with the file
            Path(f"{db_path}{suffix}").unlink(missing_ok=True)
        os.replace(restored, db_path)
    except OSError as error:
        raise os_refusal(error, db_path.parent) from error
    finally:
        restored.unlink(missing_ok=True)
    log.info("restored %s from %s; the earlier database is kept as %s", db_path, backup_path, kept)
    rotate(folder)
    return kept


def move_aside(db_path: Path, now: dt.datetime | None = None) -> Path:
    """Rename a damaged database (and its -wal/-shm/-journal) to
    ``<name>.damaged-<YYYY-MM-DDTHHMMSS>`` beside it; never overwrites, never deletes."""
    db_path = Path(db_path).absolute()
    stamp = (now or dt.datetime.now()).strftime("%Y-%m-%dT%H%M%S")
    for n in range(1, 1000):
        target = db_path.with_name(f"{db_path.name}{DAMAGED_MARK}{stamp}{f'_{n}' if n > 1 else ''}")
        if not any(Path(f"{target}{s}").exists() for s in ("", *JOURNALS)):
            break
    else:
        raise FileExistsError(target)
    # The journals first: a log left at the old name would be replayed into the restored file.
    for suffix in JOURNALS:
        companion = Path(f"{db_path}{suffix}")
        if companion.exists():
            place_new(companion, Path(f"{target}{suffix}"))
    place_new(db_path, target)
    log.warning("moved the damaged database %s aside to %s", db_path, target)
    return target


def _keep_current(db_path: Path, folder: Path, damaged: bool) -> Path:
    """A before-restore backup of the database, or, if it cannot be read, the file moved aside."""
    if not damaged:
        try:
            conn = _open_current(db_path, read_only=True)
        except (errors.CorruptDatabaseError, errors.NotADatabaseError) as error:
            log.warning("%s cannot be backed up before the restore: %s", db_path, error)
        else:
            try:
                # Read-only: a damaged file (and its log) must stay exactly as it is. What the
                # log holds is in the copy, so the log may then go with the old file.
                return _backup_checked(conn, db_path, folder, BEFORE_RESTORE)
            except errors.CorruptDatabaseError as error:  # BackupCheckError among them
                log.warning("%s cannot be backed up before the restore: %s", db_path, error)
            finally:
                conn.close()
    return move_aside(db_path)


def _write_beside(backup_path: Path, db_path: Path) -> Path:
    fd, name = tempfile.mkstemp(dir=db_path.parent, prefix=f".{db_path.name}.", suffix=".restoring")
    os.close(fd)  # owner-only (0600); SQLite keeps the mode
    temp = Path(name)
    try:
        with _reading(backup_path) as source:
            target = sqlite3.connect(temp)
            try:
                source.backup(target)
                target.execute("PRAGMA journal_mode = DELETE")
            finally:
                target.close()
    except sqlite3.Error as error:
        temp.unlink(missing_ok=True)
        mapped = errors.translate(error, db_path)
        if isinstance(mapped, errors.DiskFullError):
            raise mapped from error
        raise BackupRefusedError(
            f"{backup_path} could not be read (SQLite reports: {error}). {NOTHING_CHANGED}"
        ) from error
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return temp


# Purging a student from the backups ------------------------------------------------------------
def purge_student_from_backups(
    folder: Path,
    sis_id: str,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Remove the student with ``sis_id`` (and every row that belongs to them) from each backup
    in ``folder``, then VACUUM it so nothing of theirs is left in the file; returns how many
    backups held the student. A backup that fails its check afterwards is removed (and
    logged): it would be of no use, and might still hold traces of the student. A backup
    that cannot be read is left alone and logged. ``progress(done, total)`` before each."""
    held = 0
    backups = list_backups(folder)
    for done, info in enumerate(backups):
        if progress is not None:
            progress(done, len(backups))
        if info.damaged:
            log.warning(
                "backup %s cannot be read, so it was not purged: %s", info.path, info.problem
            )
            continue
        try:
            found = _purge_one(info.path, sis_id)
        except sqlite3.Error as error:
            log.error("could not purge %s from %s: %s", sis_id, info.path, error)
            continue
        if not found:
            continue
        held += 1
        problems = integrity_problems(info.path)
        if problems:
            log.error(
                "backup %s failed its check after the purge; removed: %s", info.path, problems
            )
            info.path.unlink(missing_ok=True)
    return held


def _purge_one(path: Path, sis_id: str) -> bool:
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode = DELETE")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA secure_delete = ON")
        row = conn.execute("SELECT id FROM students WHERE sis_id = ?", [sis_id]).fetchone()
        if row is None:
            return False
        conn.execute("BEGIN IMMEDIATE")
        try:
            conn.execute("DELETE FROM students WHERE id = ?", [row[0]])
            # After the delete: the history's triggers record the deleted rows too.
            columns = {r[1] for r in conn.execute("PRAGMA table_info(audit)")}
            if "student_id" in columns:
                conn.execute("DELETE FROM audit WHERE student_id = ?", [row[0]])
            if "sis_id" in columns:
                conn.execute("DELETE FROM audit WHERE sis_id = ?", [sis_id])
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("VACUUM")
        return True
    finally:
        conn.close()


# Checking a database ----------------------------------------------------------------------------
def database_problems(db_path: Path) -> list[str]:
    """The whole file checked: SQLite's integrity_check and foreign_key_check; [] when sound.

    Raises a StoreError for a file that is missing or is not a database at all.
    """
    db_path = Path(db_path).expanduser().absolute()
    if db_path.is_dir():
        raise errors.not_a_database(db_path, "is a folder, not a file")
    if not db_path.exists():
        raise errors.not_a_database(db_path, "does not exist")
    try:
        with db_path.open("rb") as handle:
            header = handle.read(len(SQLITE_MAGIC))
    except OSError as error:
        raise errors.read_only(db_path, db_path.parent) from error
    if header != SQLITE_MAGIC:
        raise errors.not_a_database(db_path, "is not a database")
    try:
        conn = sqlite3.connect(f"{db_path.as_uri()}?mode=ro", uri=True, timeout=30)
    except sqlite3.Error as error:
        return [str(error)]
    try:
        problems = [str(r[0]) for r in conn.execute("PRAGMA integrity_check(100)")]
        problems = [] if problems == ["ok"] else problems
        for table, rowid, parent, _fk in conn.execute("PRAGMA foreign_key_check"):
            problems.append(f"row {rowid} of {table} refers to a row of {parent} that is missing")
    except sqlite3.Error as error:
        problems = [str(error)]
    finally:
        conn.close()
    return problems


# Helpers --------------------------------------------------------------------------------------
@contextlib.contextmanager
def _reading(path: Path) -> Iterator[sqlite3.Connection]:
    """A finished backup, read-only and without lock files (nothing else writes it)."""
    uri = f"{Path(path).absolute().as_uri()}?mode=ro&immutable=1"
    conn = sqlite3.connect(uri, uri=True)
    try:
        yield conn
    finally:
        conn.close()


def _open_current(db_path: Path, *, read_only: bool) -> sqlite3.Connection:
    """The database itself, for a copy: its committed changes still in the log included."""
    if not db_path.is_file():
        raise errors.not_a_database(db_path, "does not exist")
    try:
        with db_path.open("rb") as handle:
            if handle.read(len(SQLITE_MAGIC)) != SQLITE_MAGIC:
                raise errors.not_a_database(db_path, "is not a database")
        mode = "ro" if read_only else "rw"
        conn = sqlite3.connect(f"{db_path.as_uri()}?mode={mode}", uri=True, timeout=30)
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.Error as error:
        mapped = errors.translate(error, db_path)
        raise (mapped or errors.corrupt(db_path, str(error))) from error
    except OSError as error:
        raise os_refusal(error, db_path.parent) from error
    return conn


def _applied_steps(conn: sqlite3.Connection) -> list[str]:
    if not conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_sqlite_migrations'"
    ).fetchone():
        return []
    rows = conn.execute(
        "SELECT name FROM _sqlite_migrations WHERE migration_set = ?", [MIGRATION_SET]
    )
    return [r[0] for r in rows]


def _foreign(path: Path) -> BackupRefusedError:
    return BackupRefusedError(
        f"{path} is not a backup of an ILP Desktop database, so it cannot be restored. Choose a "
        f"backup ILP Desktop made (File ▸ Restore from backup lists them). {NOTHING_CHANGED}"
    )


def os_refusal(error: OSError, folder: Path) -> StoreError:
    """A file-system error as the counselor's message (disk full, read-only, other)."""
    if error.errno == errno.ENOSPC:
        return errors.DiskFullError(
            f"The disk holding {folder} is full. Free some space, then try again. {NOTHING_CHANGED}"
        )
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return errors.ReadOnlyLocationError(
            f"ILP Desktop cannot write in {folder}: it is read-only for you. {NOTHING_CHANGED}"
        )
    return StoreError(f"ILP Desktop could not write in {folder}: {error}. {NOTHING_CHANGED}")
