"""Joining ReportLab's runs by copying their objects: pages in order, nothing lost."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader, PdfWriter
from reportlab.pdfgen.canvas import Canvas

from ilp_desktop.reports.fonts import load_fonts
from ilp_desktop.reports.pdf_join import NotJoinableError, join_runs, pdf_text


def _run(name: str, pages: int, lang: str = "es") -> bytes:
    fonts = load_fonts()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, lang=lang, initialFontName=fonts.body)
    canvas.setTitle(f"run {name}")
    canvas.setAuthor("Escuela Roosevelt")
    for page in range(1, pages + 1):
        canvas.setFont(fonts.body, 12)
        canvas.drawString(72, 700, f"{name} página {page} (Nguyễn Văn An)")
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def test_pages_come_in_order_with_the_first_runs_language_and_the_whole_title() -> None:
    out = io.BytesIO()
    count = join_runs(
        [_run("A", 2), _run("B", 3), _run("C", 1)], out, title=lambda lang: f"{lang} · 3 runs"
    )
    reader = PdfReader(io.BytesIO(out.getvalue()), strict=True)
    texts = [page.extract_text().strip() for page in reader.pages]
    assert count == 6 and texts == [
        f"{name} página {n} (Nguyễn Văn An)"
        for name, pages in (("A", 2), ("B", 3), ("C", 1))
        for n in range(1, pages + 1)
    ]
    assert reader.metadata is not None
    assert reader.metadata.title == "es · 3 runs"
    assert reader.metadata.author == "Escuela Roosevelt"
    assert str(reader.trailer["/Root"]["/Lang"]) == "es"
    for page in reader.pages:  # every page hangs off the one page tree
        assert page["/Parent"].get_object()["/Count"] == 6
    # pypdf writes it back out without complaint: the cross-reference table is right.
    PdfWriter(clone_from=reader).write(io.BytesIO())


def test_pages_can_be_put_in_any_order_and_the_first_pages_run_gives_the_language() -> None:
    out = io.BytesIO()
    runs = [_run("A", 2, lang="en"), _run("B", 2, lang="es")]
    order = [(1, 0), (0, 1), (1, 1), (0, 0)]
    assert join_runs(runs, out, title=lambda lang: f"{lang} batch", order=order) == 4
    reader = PdfReader(io.BytesIO(out.getvalue()), strict=True)
    texts = [page.extract_text().strip() for page in reader.pages]
    assert [text.split(" (")[0] for text in texts] == [
        "B página 1",
        "A página 2",
        "B página 2",
        "A página 1",
    ]
    assert str(reader.trailer["/Root"]["/Lang"]) == "es"
    assert reader.metadata is not None and reader.metadata.title == "es batch"
    for wrong in ([(0, 0), (0, 1), (1, 0)], [(0, 0), (0, 0), (1, 0), (1, 1)], [(2, 0)]):
        with pytest.raises(ValueError, match="every page once"):
            join_runs(runs, io.BytesIO(), title=str, order=wrong)


def test_a_title_with_any_letters_is_kept() -> None:
    assert (
        pdf_text("Plan · 王小明")
        == b"<FEFF" + "Plan · 王小明".encode("utf-16-be").hex().upper().encode() + b">"
    )
    out = io.BytesIO()
    join_runs([_run("A", 1)], out, title=lambda _lang: "Plan · 王小明 · Łukasz")
    assert PdfReader(io.BytesIO(out.getvalue())).metadata.title == "Plan · 王小明 · Łukasz"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"not a pdf at all",
        b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n",  # no cross-reference table
    ],
)
def test_anything_else_is_refused_before_writing(data: bytes) -> None:
    out = io.BytesIO()
    with pytest.raises(NotJoinableError):
        join_runs([_run("A", 1), data], out, title=str)
    assert out.getvalue() == b""


def test_a_damaged_table_or_a_reference_to_nowhere_is_refused() -> None:
    good = _run("A", 2)
    xref = good.rindex(b"xref\n")
    damaged = good[: xref + 20] + b"x" * 10 + good[xref + 30 :]  # an offset that is not one
    dangling = good.replace(b"/Parent", b"/Parent 999 0 R /Old", 1)
    for data in (damaged, dangling):
        out = io.BytesIO()
        with pytest.raises(NotJoinableError):
            join_runs([good, data], out, title=str)
        assert out.getvalue() == b""


def test_a_file_written_by_another_program_is_refused() -> None:
    other = io.BytesIO()
    writer = PdfWriter()
    writer.append(PdfReader(io.BytesIO(_run("A", 2))))
    writer.write(other)  # pypdf's own layout: objects and tree as it likes them
    out = io.BytesIO()
    try:
        join_runs([other.getvalue()], out, title=str)
    except NotJoinableError:
        assert out.getvalue() == b""
        return
    # If the layout happens to be plain enough, the result must still be whole.
    assert len(PdfReader(io.BytesIO(out.getvalue()), strict=True).pages) == 2
