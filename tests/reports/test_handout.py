"""The conference handout as a family gets it: text, languages, scripts, pages, fonts, files."""

from __future__ import annotations

import datetime as dt
import io
import unicodedata
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph

from ilp_desktop import handout_jobs
from ilp_desktop.demo_school import build_demo_school
from ilp_desktop.domain.handout import Handout
from ilp_desktop.domain.plans import ActionStep, Goal, ProgressNote
from ilp_desktop.domain.sessions import Attendee, Session
from ilp_desktop.domain.students import Guardian
from ilp_desktop.handout_jobs import (
    HandoutRequest,
    open_source,
    write_folder,
    write_one_pdf,
)
from ilp_desktop.reports import handout as handout_module
from ilp_desktop.reports.handout import HandoutCancelledError, build_handout, render_handouts
from ilp_desktop.reports.handout_words import CHANGES, WORDS
from ilp_desktop.reports.pdf_join import NotJoinableError
from ilp_desktop.reports.shaping import visual
from ilp_desktop.store.db import Store, open_store
from ilp_desktop.store.handouts import HandoutSource
from ilp_desktop.store.plans import PlanStore
from ilp_desktop.store.sessions import SessionStore
from ilp_desktop.store.students import StudentStore

from helpers import make_student, named_students

TODAY = dt.date(2026, 11, 22)
MARKUP_NOTE = "Said <b>thanks</b> & asked if 3 < 4 > 2"


@pytest.fixture(scope="module")
def school(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Store, dict[str, int]]]:
    """A small demo school with the named students (six scripts) and one marked-up plan."""
    folder = tmp_path_factory.mktemp("handouts")
    store = open_store(folder / "school.sqlite", folder / "backups")
    build_demo_school(store, students=40, seed=1)
    students = StudentStore(store)
    ids = {s.first_name: s.id for s in students.add_many(named_students())}
    # Sinéad's plan holds text that would break a naive PDF writer.
    sid = ids["Sinéad"]
    plans = PlanStore(store)
    goal = plans.save_goal(
        sid,
        Goal(
            area="academic",
            statement="Raise <i>math</i> & science grades to a B",
            target_date="2027-03-01",
            status="on_track",
        ),
    )
    assert goal.id is not None
    plans.add_note(goal.id, ProgressNote(noted_on="2026-11-01", text=MARKUP_NOTE))
    plans.save_step(sid, ActionStep(what="Call home <weekly>", role="guardian", goal_id=goal.id))
    SessionStore(store).save_session(
        sid,
        Session(
            held_on="2026-10-01",
            attendees=(Attendee("student"),),
            review="fall",
            review_year=2026,
        ),
    )
    plans.save_goal(sid, Goal(area="career", statement="Visit two workplaces by spring"))
    korean = students.add(make_student(90, first_name="하은", last_name="강", grade="9"))
    ids["하은"] = korean.id
    spanish = students.add(
        make_student(
            91,
            first_name="Lucía",
            last_name="Fernández",
            family_languages=["Spanish"],
            guardians=[Guardian(name="Rosa Fernández", language="Spanish")],
        )
    )
    ids["Lucía"] = spanish.id
    yield store, ids
    store.close()


@pytest.fixture(scope="module")
def source(school: tuple[Store, dict[str, int]]) -> HandoutSource:
    return open_source(school[0])


def pdf_text(data: bytes | Path) -> str:
    reader = PdfReader(io.BytesIO(data) if isinstance(data, bytes) else str(data))
    return "\n".join(page.extract_text() for page in reader.pages)


def pages(data: bytes | Path) -> int:
    return len(PdfReader(io.BytesIO(data) if isinstance(data, bytes) else str(data)).pages)


def render(source: HandoutSource, student_id: int, **options: object) -> bytes:
    buffer = io.BytesIO()
    build_handout(source.handout(student_id, TODAY), buffer, **options)  # type: ignore[arg-type]
    return buffer.getvalue()


def richest(school: tuple[Store, dict[str, int]], source: HandoutSource) -> int:
    """The demo student whose handout has the most to show."""
    store, _ids = school

    def weight(student_id: int) -> int:
        h = source.handout(student_id, TODAY)
        if not (h.goals and h.steps and h.careers and h.interests and h.last_review):
            return 0
        return len(h.goals) * 4 + sum(len(g.steps) for g in h.steps) + len(h.careers)

    ids = [s.id for s in StudentStore(store).all() if s.sis_id.isdigit() and len(s.sis_id) == 7]
    return max(ids, key=weight)  # type: ignore[arg-type]


def squash(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).split())


@pytest.mark.parametrize(
    "first", ["Văn An", "Ingrid", "Łukasz", "Sinéad", "小明", "فاطمة", "Hodan", "Majo"]
)
def test_names_in_six_scripts_print_as_written(
    school: tuple[Store, dict[str, int]], source: HandoutSource, first: str
) -> None:
    _store, ids = school
    student_id = ids["María José" if first == "Majo" else first]
    student = source.handout(student_id, TODAY).student
    raw = pdf_text(render(source, student_id))
    assert squash(student.display_name) in squash(raw)
    if first == "فاطمة":
        # Drawn joined: the letters are Arabic presentation forms (initial, medial, final).
        shaped = visual(student.display_name)
        assert any(0xFE70 <= ord(c) <= 0xFEFF for c in shaped)
        assert any(0xFE70 <= ord(c) <= 0xFEFF for c in raw)


def test_user_text_with_markup_prints_exactly_as_typed(
    school: tuple[Store, dict[str, int]], source: HandoutSource
) -> None:
    text = squash(pdf_text(render(source, school[1]["Sinéad"])))
    assert squash(MARKUP_NOTE) in text
    assert "Raise <i>math</i> & science grades to a B" in text
    assert "Call home <weekly>" in text


def test_spanish_handout_has_spanish_labels_and_user_text_as_typed(
    school: tuple[Store, dict[str, int]], source: HandoutSource
) -> None:
    text = squash(pdf_text(render(source, school[1]["Sinéad"], lang="es")))
    for label in ("Metas", "Próximos pasos", "Revisamos este plan juntos", "Madre, padre o tutor"):
        assert label in text
    assert "Goals" not in text and "Next steps" not in text
    assert "Raise <i>math</i> & science grades to a B" in text


def test_the_family_language_is_the_default(
    school: tuple[Store, dict[str, int]], source: HandoutSource
) -> None:
    assert "Próximos pasos" in pdf_text(render(source, school[1]["Lucía"]))
    assert "Next steps" in pdf_text(render(source, school[1]["Ingrid"]))
    assert "Next steps" in pdf_text(render(source, school[1]["Lucía"], lang="en"))


def test_what_changed_since_the_last_review_is_shown(
    school: tuple[Store, dict[str, int]], source: HandoutSource
) -> None:
    text = squash(pdf_text(render(source, school[1]["Sinéad"])))
    assert "What changed since the last review (October 1, 2026)" in text
    assert "New goals: Visit two workplaces by spring" in text


def test_a_new_student_gets_one_page_saying_what_comes_next(
    school: tuple[Store, dict[str, int]], source: HandoutSource
) -> None:
    data = render(source, school[1]["Ingrid"])
    assert pages(data) == 1
    text = squash(pdf_text(data))
    assert "has not taken the interest survey yet" in text
    assert "No goals written yet" in text
    assert "What changed" not in text  # never reviewed


@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_rich_plan_fits_two_pages_and_large_print_four(
    school: tuple[Store, dict[str, int]], source: HandoutSource, lang: str
) -> None:
    student_id = richest(school, source)
    handout = source.handout(student_id, TODAY)
    assert handout.goals and handout.steps and handout.careers and handout.interests
    assert 1 <= pages(render(source, student_id, lang=lang)) <= 2
    assert 2 <= pages(render(source, student_id, lang=lang, large_print=True)) <= 4


def text_lines(page: Any) -> list[tuple[float, float, str]]:
    """(height on the page, font size, text) of every piece of text drawn on ``page``."""
    lines: list[tuple[float, float, str]] = []

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if text.strip():
            lines.append((tm[4] * cm[1] + tm[5] * cm[3] + cm[5], size, text.strip()))

    page.extract_text(visitor_text=visit)
    return lines


def headings_left_at_the_foot(data: bytes, heading_size: float) -> list[str]:
    """Section headings with nothing below them on their page (their section starts overleaf)."""
    found = []
    for number, page in enumerate(PdfReader(io.BytesIO(data)).pages, 1):
        lines = text_lines(page)
        body = [line for line in lines if line[0] > handout_module.MARGIN_BOTTOM]  # no footer
        headings = [line for line in body if abs(line[1] - heading_size) < 0.01]
        if headings:
            lowest = min(headings)
            if not any(height < lowest[0] - 1 for height, _size, _text in body):
                found.append(f"page {number}: {lowest[2]}")
    return found


@pytest.mark.parametrize(("lang", "large_print"), [("en", True), ("es", True), ("en", False)])
def test_no_heading_is_left_at_the_foot_of_a_page_and_no_handout_runs_long(
    school: tuple[Store, dict[str, int]], source: HandoutSource, lang: str, large_print: bool
) -> None:
    # A table row never splits, so a heading that fits with a row that does not would be left
    # alone at the foot of the page; large print stacks every section, so it happens most there.
    ids = [s.id for s in StudentStore(school[0]).all()]
    buffer = io.BytesIO()
    counts = render_handouts(
        [source.handout(i, TODAY) for i in ids],  # type: ignore[arg-type]
        buffer,
        lang=lang,
        large_print=large_print,
    )
    sizes = handout_module.LARGE if large_print else handout_module.REGULAR
    assert headings_left_at_the_foot(buffer.getvalue(), sizes.heading) == []
    assert max(counts) <= handout_module.PAGES[sizes]


def long_plan(folder: Path) -> tuple[Store, int]:
    """A student whose plan holds as much as a handout shows, all of it long-winded."""
    store = open_store(folder / "long.sqlite", folder / "backups")
    student = StudentStore(store).add(make_student(77, first_name="Amara", last_name="Okafor"))
    sid = student.id
    assert sid is not None
    plans = PlanStore(store)
    words = "and keep a written log of every assignment, every grade and every question asked"
    for number in range(6):
        goal = plans.save_goal(
            sid,
            Goal(
                area="academic",
                statement=f"Goal {number}: raise the grade by one letter {words}",
                measure=f"Checked each week with the teacher {words}",
                target_date="2027-05-01",
                status="on_track",
            ),
        )
        assert goal.id is not None
        plans.add_note(goal.id, ProgressNote(noted_on="2026-11-01", text=f"Going well {words}"))
    for role in ("student", "guardian", "teacher"):
        for number in range(6):
            step = ActionStep(what=f"Step {number} for {role} {words}", role=role)
            plans.save_step(sid, replace(step, due_on=f"2026-12-{number + 10}"))
    return store, sid


@pytest.mark.parametrize("large_print", [False, True])
def test_a_long_plan_is_shortened_to_its_pages_and_says_what_was_left_off(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, large_print: bool
) -> None:
    store, sid = long_plan(tmp_path)
    handout = open_source(store).handout(sid, TODAY)
    limit = handout_module.PAGES[handout_module.LARGE if large_print else handout_module.REGULAR]
    started: list[int] = []
    buffer = io.BytesIO()
    counts = render_handouts(
        [handout, handout], buffer, large_print=large_print, on_student=started.append
    )
    assert counts == [limit, limit] and pages(buffer.getvalue()) == 2 * limit
    assert started == [0, 1]  # laid out again, but counted once
    text = squash(pdf_text(buffer.getvalue()))
    assert "more goal" in text and "Goal 0: raise the grade" in text
    assert f"Page 1 of {limit}" in text and f"Page {limit + 1} of" not in text
    # Without shortening the same plan runs past its pages: the test above is not idle.
    monkeypatch.setattr(handout_module, "with_shorter_lists", lambda handout: None)
    assert render_handouts([handout], io.BytesIO(), large_print=large_print)[0] > limit
    store.close()


def test_every_font_is_embedded_and_none_is_helvetica(
    school: tuple[Store, dict[str, int]], source: HandoutSource
) -> None:
    # 王小明's name needs the CJK face; the richest plan has every section, bullets included.
    pages = [
        *PdfReader(io.BytesIO(render(source, school[1]["小明"]))).pages,
        *PdfReader(io.BytesIO(render(source, richest(school, source), large_print=True))).pages,
    ]
    seen = set()
    for page in pages:
        fonts = page["/Resources"]["/Font"]
        for ref in fonts.values():
            font = ref.get_object()
            name = str(font["/BaseFont"])
            seen.add(name)
            assert "Helvetica" not in name
            descriptor = font.get("/FontDescriptor")
            if descriptor is None:  # a composite font keeps it in its descendant
                descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            assert "/FontFile2" in descriptor.get_object(), name
    assert len(seen) >= 3  # body, bold and the CJK face for 王小明


def test_output_is_deterministic(
    school: tuple[Store, dict[str, int]], source: HandoutSource
) -> None:
    student_id = richest(school, source)
    assert render(source, student_id) == render(source, student_id)


@pytest.mark.parametrize("options", [{}, {"lang": "es", "large_print": True}])
def test_shared_line_breaks_draw_the_same_pages_as_plain_paragraphs(
    school: tuple[Store, dict[str, int]],
    source: HandoutSource,
    monkeypatch: pytest.MonkeyPatch,
    options: dict[str, object],
) -> None:
    """A batch shares parsed text and line breaks between paragraphs; that must change nothing."""
    store, _ids = school
    handouts = [source.handout(s.id, TODAY) for s in StudentStore(store).all()]  # type: ignore[arg-type]
    batch = io.BytesIO()
    render_handouts(handouts, batch, **options)  # type: ignore[arg-type]

    def plain(
        self: object, markup: str, style: ParagraphStyle, bullet: str | None = None
    ) -> Paragraph:
        return Paragraph(markup, style, bulletText=bullet)

    monkeypatch.setattr(handout_module._Styles, "paragraph", plain)
    uncached = io.BytesIO()
    render_handouts(handouts, uncached, **options)  # type: ignore[arg-type]
    assert pages(batch.getvalue()) > len(handouts)  # handouts run onto second pages
    assert batch.getvalue() == uncached.getvalue()


def test_paper_size_a4(school: tuple[Store, dict[str, int]], source: HandoutSource) -> None:
    reader = PdfReader(io.BytesIO(render(source, school[1]["Ingrid"], paper="a4")))
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)


def test_words_exist_in_both_languages_with_the_same_placeholders() -> None:
    import string

    for table in (WORDS, CHANGES):
        assert table["en"].keys() == table["es"].keys()
        for key, english in table["en"].items():

            def fields(text: str) -> set[str]:
                return {f for _l, f, _s, _c in string.Formatter().parse(text) if f}

            assert fields(english) == fields(table["es"][key]), key


def test_a_path_is_written_whole_or_not_at_all(
    school: tuple[Store, dict[str, int]], source: HandoutSource, tmp_path: Path
) -> None:
    target = tmp_path / "handout.pdf"
    target.write_bytes(b"earlier handout")
    handouts = [source.handout(school[1]["Ingrid"], TODAY)]

    def stop(_index: int) -> None:
        raise HandoutCancelledError()

    from ilp_desktop.reports.pdf_files import write_atomically

    with pytest.raises(HandoutCancelledError):
        write_atomically(target, lambda stream: render_handouts(handouts, stream, on_student=stop))
    assert target.read_bytes() == b"earlier handout"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["handout.pdf"]


def _request(store: Store, ids: list[int]) -> HandoutRequest:
    return HandoutRequest(store.path, tuple(ids), TODAY)


def test_a_conference_day_in_one_pdf_keeps_the_chosen_order(
    school: tuple[Store, dict[str, int]], tmp_path: Path
) -> None:
    store, ids = school
    chosen = [ids["Ingrid"], ids["Sinéad"], ids["Hodan"]]
    seen: list[tuple[int, int]] = []
    result = write_one_pdf(
        _request(store, chosen),
        tmp_path / "day.pdf",
        progress=lambda done, total: seen.append((done, total)),
    )
    assert len(result.pages) == 3 and sum(result.pages) == pages(tmp_path / "day.pdf")
    assert seen[-1] == (3, 3)
    text = pdf_text(tmp_path / "day.pdf")
    assert text.index("Ødegård") < text.index("Ní Bhriain") < text.index("Warsame")
    # Each student's pages are numbered on their own.
    assert text.count("Page 1 of") == 3


@pytest.mark.parametrize("join", ["copying objects", "pypdf"])
def test_worker_processes_give_the_same_pages(
    school: tuple[Store, dict[str, int]],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    join: str,
) -> None:
    store, ids = school
    chosen = sorted(ids.values())
    if join == "pypdf":  # the way for runs the object copier does not take

        def refuse(*_args: object, **_kwargs: object) -> int:
            raise NotJoinableError("for the test")

        monkeypatch.setattr(handout_jobs, "join_runs", refuse)
    one = write_one_pdf(_request(store, chosen), tmp_path / "one.pdf")
    two = write_one_pdf(_request(store, chosen), tmp_path / "two.pdf", jobs=2)
    assert one.pages == two.pages
    assert pdf_text(tmp_path / "one.pdf") == pdf_text(tmp_path / "two.pdf")
    single, joined = PdfReader(str(tmp_path / "one.pdf")), PdfReader(str(tmp_path / "two.pdf"))
    assert joined.metadata is not None and single.metadata is not None
    assert joined.metadata.title == single.metadata.title  # "… · 11 students", not a run's
    assert str(joined.trailer["/Root"]["/Lang"]) == str(single.trailer["/Root"]["/Lang"])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["one.pdf", "two.pdf"]


def test_pages_go_back_in_the_chosen_order_however_the_workers_took_the_students() -> None:
    # File 0 drew students 1 and 2 (2 pages, then 1); file 1 drew 0, 3 and 4 (1, 2, 1 pages).
    order, pages = handout_jobs.page_order([([1, 2], [2, 1]), ([0, 3, 4], [1, 2, 1])], 5)
    assert pages == [1, 2, 1, 2, 1]
    assert order == [(1, 0), (0, 0), (0, 1), (0, 2), (1, 1), (1, 2), (1, 3)]
    with pytest.raises(RuntimeError):  # a student drawn twice, another never
        handout_jobs.page_order([([0, 0], [1, 1])], 2)


def test_a_lazily_read_batch_gives_the_same_pdf_as_a_list(
    school: tuple[Store, dict[str, int]], source: HandoutSource
) -> None:
    _store, ids = school
    chosen = sorted(ids.values())
    handouts = [source.handout(i, TODAY) for i in chosen]
    whole, lazy = io.BytesIO(), io.BytesIO()
    read: list[int] = []

    def one_at_a_time() -> Iterator[Handout]:
        for handout in handouts:
            read.append(len(read))
            yield handout

    laid_out: list[tuple[int, int]] = []  # (handouts read so far, student being laid out)
    counts = render_handouts(handouts, whole, title="Day")
    assert (
        render_handouts(
            one_at_a_time(),
            lazy,
            title="Day",
            on_student=lambda index: laid_out.append((len(read), index)),
        )
        == counts
    )
    assert whole.getvalue() == lazy.getvalue()
    # Each student is read only as the one before it is finishing, never all at once.
    assert all(seen <= index + 2 for seen, index in laid_out)


def test_worker_processes_started_afresh_as_on_windows_and_macos(
    school: tuple[Store, dict[str, int]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Windows and macOS start workers with "spawn": nothing is inherited but what is passed."""
    import multiprocessing

    store, ids = school
    chosen = [ids["Ingrid"], ids["小明"], ids["فاطمة"], ids["Sinéad"]]
    monkeypatch.setattr(handout_jobs, "_context", lambda: multiprocessing.get_context("spawn"))
    seen: list[tuple[int, int]] = []
    result = write_one_pdf(
        _request(store, chosen),
        tmp_path / "day.pdf",
        jobs=2,
        progress=lambda done, total: seen.append((done, total)),
    )
    single = write_one_pdf(_request(store, chosen), tmp_path / "one.pdf")
    assert result.pages == single.pages
    assert pdf_text(tmp_path / "day.pdf") == pdf_text(tmp_path / "one.pdf")
    assert seen[-1] == (4, 4) and all(done <= total for done, total in seen)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["day.pdf", "one.pdf"]


@pytest.mark.parametrize("jobs", [1, 2])
def test_cancel_leaves_nothing_behind(
    school: tuple[Store, dict[str, int]], tmp_path: Path, jobs: int
) -> None:
    store, ids = school
    calls = []

    def cancelled() -> bool:
        calls.append(1)
        return len(calls) > 1

    with pytest.raises(HandoutCancelledError):
        write_one_pdf(
            _request(store, sorted(ids.values())),
            tmp_path / "day.pdf",
            jobs=jobs,
            cancelled=cancelled,
        )
    assert list(tmp_path.iterdir()) == []


def test_one_file_per_student_and_cancel_keeps_the_folder_as_it_was(
    school: tuple[Store, dict[str, int]], tmp_path: Path
) -> None:
    store, ids = school
    chosen = [ids["Ingrid"], ids["小明"], ids["فاطمة"]]
    result = write_folder(_request(store, chosen), tmp_path)
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == sorted(p.name for p in result.files) and len(names) == 3
    assert "Ødegård_Ingrid_200002.pdf" in names
    for path in result.files:
        assert pages(path) == 1
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    with pytest.raises(HandoutCancelledError):
        write_folder(_request(store, chosen), tmp_path, cancelled=lambda: True)
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before
