"""`ilp-desktop handout` and `handouts`, run in-process as a counselor would type them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from ilp_desktop.cli import main
from ilp_desktop.domain.plans import Goal
from ilp_desktop.store.db import open_store
from ilp_desktop.store.plans import PlanStore
from ilp_desktop.store.students import StudentStore

from helpers import make_student, named_students


@pytest.fixture(autouse=True)
def user_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME"):
        monkeypatch.setenv(name, str(tmp_path / "user" / name))


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "school.sqlite"
    store = open_store(path, tmp_path / "backups")
    students = StudentStore(store).add_many([*named_students(), make_student(50, grade="9")])
    PlanStore(store).save_goal(
        students[0].id,  # type: ignore[arg-type]
        Goal(area="academic", statement="Pass Algebra I with a C or better by June"),
    )
    store.close()
    return path


def text_of(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(str(path)).pages)


def test_one_handout(db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "an.pdf"
    assert main(["handout", "--db", str(db), "--student", "200001", "--out", str(out)]) == 0
    assert "Wrote the 1-page handout of Văn An Nguyễn" in capsys.readouterr().out
    text = text_of(out)
    assert "Pass Algebra I with a C or better by June" in text and "Goals" in text


def test_spanish_large_print(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "an-es.pdf"
    args = ["handout", "--db", str(db), "--student", "200001", "--out", str(out)]
    assert main([*args, "--lang", "es", "--large-print"]) == 0
    assert "Metas" in text_of(out)


def test_unknown_student_is_refused_and_nothing_written(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "x.pdf"
    assert main(["handout", "--db", str(db), "--student", "999", "--out", str(out)]) == 1
    assert "No student has the SIS id “999”" in capsys.readouterr().err
    assert not out.exists()


def test_missing_database_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "nowhere.sqlite"
    args = ["handouts", "--db", str(missing), "--out", str(tmp_path / "x.pdf")]
    assert main(args) == 1
    assert "There is no database" in capsys.readouterr().err
    assert not missing.exists()


def test_a_grade_in_one_pdf(db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "grade9.pdf"
    assert main(["handouts", "--db", str(db), "--out", str(out), "--grade", "09"]) == 0
    assert "Wrote 3 handouts (3 pages)" in capsys.readouterr().out
    text = text_of(out)
    assert "Nguyễn" in text and "Warsame" in text and "Ødegård" not in text


def test_worker_processes(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "all.pdf"
    assert main(["handouts", "--db", str(db), "--out", str(out), "--jobs", "2"]) == 0
    assert len(PdfReader(str(out)).pages) == 10
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--grade", "14"], "grade"),
        (["--grade", "5"], "There are no students in grade 5"),
    ],
)
def test_bad_choices_are_refused(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], extra: list[str], message: str
) -> None:
    out = tmp_path / "x.pdf"
    assert main(["handouts", "--db", str(db), "--out", str(out), *extra]) == 1
    assert message in capsys.readouterr().err
    assert not out.exists()


def test_usage_errors_exit_2(db: Path, tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["handouts", "--db", str(db), "--out", str(tmp_path / "x.pdf"), "--jobs", "0"])
    assert stopped.value.code == 2


def test_an_out_file_in_a_missing_folder_is_refused_in_words(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "no such folder" / "x.pdf"
    assert main(["handout", "--db", str(db), "--student", "200001", "--out", str(out)]) == 1
    assert "does not exist" in capsys.readouterr().err
    assert not out.parent.exists()


def test_a_name_no_font_can_draw_is_warned_about(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "k.sqlite"
    store = open_store(path, tmp_path / "backups")
    StudentStore(store).add(make_student(1, first_name="하은", last_name="강"))
    store.close()
    out = tmp_path / "k.pdf"
    assert main(["handouts", "--db", str(path), "--out", str(out)]) == 0
    err = capsys.readouterr().err
    from ilp_desktop.reports.fonts import missing_glyphs

    if missing_glyphs("하은"):
        assert "no font on this computer can draw" in err and "강하은" in err
    else:
        assert "no font" not in err


def test_no_usable_font_is_a_message_not_a_traceback(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from ilp_desktop.reports import fonts

    monkeypatch.setattr(fonts, "discover_roles", lambda: [])
    # Found once per process: look again, and find nothing (a failure is not remembered, so
    # later tests find this computer's fonts again).
    fonts.load_fonts.cache_clear()
    out = tmp_path / "x.pdf"
    assert main(["handout", "--db", str(db), "--student", "200001", "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert "No Unicode font was found" in err and "Traceback" not in err
    assert not out.exists()


def test_a_batch_loads_no_web_modules(db: Path, tmp_path: Path) -> None:
    # urllib.request, http.client, ssl and email come in through innocent-looking imports
    # (xml.sax.saxutils) and cost about 30 ms at every start; the app never needs them.
    out = tmp_path / "all.pdf"
    script = (
        "import sys\n"
        "from ilp_desktop.cli import main\n"
        f"code = main(['handouts', '--db', {str(db)!r}, '--out', {str(out)!r}, '--jobs', '2'])\n"
        "web = ('urllib.request', 'http', 'http.client', 'ssl', 'email', 'xml.sax')\n"
        "print(code, sorted(name for name in web if name in sys.modules))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )
    assert done.stdout.splitlines()[-1] == "0 []", done.stderr
    assert out.exists()
