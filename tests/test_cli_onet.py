"""`ilp-desktop import-onet`: run as a user would, in a separate process."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from ilp_desktop import cli
from ilp_desktop.paths import AppDirs
from ilp_desktop.store import onet_import
from ilp_desktop.store.db import open_store
from ilp_desktop.store.instance_lock import InstanceLock

from onet_fixtures import dump, full_release, real_onet_dir, write_clusters, write_release

ROOT = Path(__file__).resolve().parent.parent


def _import(*args: str) -> subprocess.CompletedProcess[str]:
    # The per-user XDG folders set by conftest's autouse fixture reach the child through
    # os.environ, so its logs and locks land in tmp.
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    return subprocess.run(
        [sys.executable, "-m", "ilp_desktop", "import-onet", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        cwd=ROOT,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )


def _occupations(db: Path) -> int:
    conn = sqlite3.connect(db)
    try:
        return conn.execute("SELECT count(*) FROM onet_occupations").fetchone()[0]
    finally:
        conn.close()


def test_imports_and_says_what_it_brought(tmp_path: Path) -> None:
    db = tmp_path / "school.sqlite"  # a new database is made, as the app would
    release = write_release(tmp_path / "db_29_3_text")
    clusters = write_clusters(tmp_path / "All_Career_Clusters.csv")

    result = _import("--db", str(db), str(release), "--clusters", str(clusters))

    assert result.returncode == 0, result.stderr
    first = result.stdout.splitlines()[0]
    assert first.startswith("Imported 5 occupations from O*NET 29.3 (May 2025): ")
    assert "4 with interest profiles" in first
    assert "4 in career clusters" in first
    assert "1 occupation has no interest profile" in result.stdout
    assert "Underwater Basket Weaving" in result.stdout
    assert _occupations(db) == 5
    from ilp_desktop.paths import AppDirs
    from ilp_desktop.store.backups import list_backups

    made = list_backups(AppDirs.for_user().backups_for(db))
    assert [b.reason for b in made] == ["before-onet-import"]


def test_a_random_zip_is_refused_with_exit_1(tmp_path: Path) -> None:
    db = tmp_path / "school.sqlite"
    open_store(db).close()
    source = tmp_path / "random.zip"
    with zipfile.ZipFile(source, "w") as archive:
        archive.writestr("notes.txt", "hello")
    before = dump(db)

    result = _import("--db", str(db), str(source))

    assert result.returncode == 1
    assert result.stderr.startswith(
        "ilp-desktop: “random.zip” is not an O*NET database release: it has no "
        "“Occupation Data.txt”."
    )
    assert "Traceback" not in result.stderr
    assert result.stdout == ""
    assert dump(db) == before


def test_a_missing_release_is_refused_with_exit_1(tmp_path: Path) -> None:
    db = tmp_path / "school.sqlite"

    result = _import("--db", str(db), str(tmp_path / "nothing.zip"))

    assert result.returncode == 1
    assert "cannot find “nothing.zip”" in result.stderr
    assert "Traceback" not in result.stderr
    assert not db.exists()  # no empty database left behind


def test_a_bad_cluster_file_is_refused_with_exit_1(tmp_path: Path) -> None:
    release = write_release(tmp_path / "db_29_3_text")
    clusters = tmp_path / "clusters.csv"
    clusters.write_text("a,b\n1,2\n", encoding="utf-8")

    result = _import("--db", str(tmp_path / "s.sqlite"), str(release), "--clusters", str(clusters))

    assert result.returncode == 1
    assert "“clusters.csv” is not an O*NET career clusters file" in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        (),
        ("--db", "x.sqlite"),
        ("somewhere.zip",),
        ("--db", "x.sqlite", "a.zip", "--clusters"),
    ],
)
def test_usage_errors_exit_2(args: tuple[str, ...]) -> None:
    result = _import(*args)

    assert result.returncode == 2
    assert "usage:" in result.stderr


def test_a_database_open_in_the_app_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "school.sqlite"
    open_store(db).close()
    release = write_release(tmp_path / "db_29_3_text")
    before = dump(db)
    with InstanceLock(AppDirs.for_user().locks, db) as lock:  # as the running app holds it
        assert lock.acquire()

        result = _import("--db", str(db), str(release))

    assert result.returncode == 1
    assert "already open in another ILP Desktop window" in result.stderr
    assert dump(db) == before


def test_stopping_with_ctrl_c_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "school.sqlite"
    open_store(db).close()
    onet_import.import_onet(db, write_release(tmp_path / "a"))
    before = dump(db)
    # In this process: the log handler would outlive the test.
    monkeypatch.setattr("ilp_desktop.logs.setup_logging", lambda folder: folder)
    wrote = onet_import._Meter.wrote

    def interrupted(self: onet_import._Meter, rows: int) -> None:
        wrote(self, rows)
        raise KeyboardInterrupt  # Ctrl+C while the rows are being written

    monkeypatch.setattr(onet_import._Meter, "wrote", interrupted)
    release = write_release(tmp_path / "b" / "db_30_0_text")

    status = cli.main(["import-onet", "--db", str(db), str(release)])

    assert status == 1
    assert "stopped; nothing was changed" in capsys.readouterr().err
    assert dump(db) == before


ONET = real_onet_dir()


@pytest.mark.skipif(ONET is None, reason="the shared O*NET files are not here")
def test_the_real_release(tmp_path: Path) -> None:
    assert ONET is not None
    release = full_release(ONET, tmp_path / "db_29_3_text")
    clusters = ONET / "career_clusters" / "All_Career_Clusters.csv"

    result = _import("--db", str(tmp_path / "s.sqlite"), str(release), "--clusters", str(clusters))

    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(
        "Imported 1,016 occupations from O*NET 29.3 (May 2025): 923 with interest profiles, "
    )
    assert "93 occupations have no interest profile" in result.stdout
