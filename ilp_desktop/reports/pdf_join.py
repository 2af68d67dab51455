"""Joining PDFs that ReportLab wrote into one, by copying their objects as they are.

Worker processes each draw part of a conference day's handouts into a file of their own (a
run); the runs then become one file, their pages in the chosen order.
A general PDF library parses every object of every run to do that, which took a tenth of the
whole job. ReportLab's files are plain (a classic cross-reference table, no object streams, one
flat page tree), so their objects can be copied byte for byte, with only the object numbers in
their dictionaries shifted. Anything else is refused with NotJoinableError, and the caller joins
with pypdf instead.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import BinaryIO

_XREF = re.compile(rb"startxref\s+(\d+)\s+%%EOF\s*$")
_TRAILER_REF = re.compile(rb"/(Root|Info) (\d+) 0 R")
_REF = re.compile(rb"(\d+) 0 R\b")
_HEADER = re.compile(rb"(\d+) 0 obj\s*")
_KIDS = re.compile(rb"/Kids \[([^\]]*)\]")
_PAGES = re.compile(rb"/Pages (\d+) 0 R")
_LANG = re.compile(rb"/Lang (\([^)]*\))")


class NotJoinableError(Exception):
    """A file is not the plain kind ReportLab writes: join it another way."""


class _Run:
    """One file's objects by number, its page objects in order, and its document info."""

    def __init__(self, data: bytes) -> None:
        if not data.startswith(b"%PDF-1."):
            raise NotJoinableError("not a PDF")
        found = _XREF.search(data[-64:])
        if found is None:
            raise NotJoinableError("no cross-reference table at the end")
        xref = int(found.group(1))
        table = data[xref:]
        if not table.startswith(b"xref"):
            raise NotJoinableError("a cross-reference stream")
        lines = table.split(b"\n", 3)
        first, count = (int(n) for n in lines[1].split())
        if first != 0:
            raise NotJoinableError("a cross-reference table in sections")
        entries = lines[2] + b"\n" + lines[3]
        offsets: list[tuple[int, int]] = []
        for number in range(1, count):
            entry = entries[number * 20 : number * 20 + 18]
            if entry[17:18] != b"n":
                raise NotJoinableError("free objects")
            offsets.append((int(entry[:10]), number))
        offsets.sort()
        trailer = table[table.index(b"trailer") :]
        refs = {name.decode(): int(n) for name, n in _TRAILER_REF.findall(trailer)}
        if "Root" not in refs:
            raise NotJoinableError("no document catalog")
        self.objects: dict[int, bytes] = {}
        for (start, number), (end, _next) in zip(offsets, [*offsets[1:], (xref, 0)], strict=True):
            chunk = data[start:end]
            header = _HEADER.match(chunk)
            if header is None or int(header.group(1)) != number:
                raise NotJoinableError("objects out of place")
            body = chunk[header.end() :].rstrip()
            if not body.endswith(b"endobj"):
                raise NotJoinableError("an object without its end")
            self.objects[number] = body[: -len(b"endobj")].rstrip()
        catalog = self.objects[refs["Root"]]
        pages = _PAGES.search(catalog)
        if pages is None:
            raise NotJoinableError("no page tree")
        self.pages_root = int(pages.group(1))
        kids = _KIDS.search(self.objects[self.pages_root])
        if kids is None:
            raise NotJoinableError("no pages")
        self.pages = [int(n) for n in _REF.findall(kids.group(1))]
        if any(b"/Type /Pages" in self.objects[n] for n in self.pages):
            raise NotJoinableError("a nested page tree")
        lang = _LANG.search(catalog)
        self.lang = lang.group(1) if lang else None
        self.skipped = {refs["Root"], self.pages_root}
        self.info = refs.get("Info")
        if self.info is not None:
            self.skipped.add(self.info)


def _shifted(body: bytes, shift: dict[int, int]) -> bytes:
    """``body`` with its references renumbered; a stream's data is copied untouched."""
    head, marker, stream = body.partition(b"\nstream")
    head = _REF.sub(lambda m: b"%d 0 R" % shift[int(m.group(1))], head)
    return head + marker + stream


def pdf_text(text: str) -> bytes:
    """A PDF text string holding any letters: UTF-16 with its byte-order mark, in hex."""
    return b"<FEFF" + text.encode("utf-16-be").hex().upper().encode() + b">"


def join_runs(
    runs: Sequence[bytes],
    out: BinaryIO,
    *,
    title: Callable[[str], str],
    order: Sequence[tuple[int, int]] | None = None,
) -> int:
    """Write the pages of ``runs`` as one PDF on ``out``; returns the page count.

    The pages come run after run, or as ``order`` lists them: (run, page in that run), from 0,
    each page once. The document info (author, creator, dates) and the language come from the
    run of the first page; the title is ``title(language)``. Raises NotJoinableError, having
    written nothing, for a file of another kind.
    """
    try:
        parsed = [_Run(data) for data in runs]
    except (ValueError, IndexError, KeyError) as error:  # a table or a reference out of shape
        raise NotJoinableError(f"{type(error).__name__}: {error}") from error
    if not parsed:
        raise NotJoinableError("no files")
    every_page = [
        (number, page) for number, run in enumerate(parsed) for page in range(len(run.pages))
    ]
    if order is None:
        order = every_page
    elif sorted(order) != every_page:
        raise ValueError("the page order must name every page once")  # the caller's mistake
    try:
        return _join(parsed, out, title, order)
    except (ValueError, IndexError, KeyError) as error:
        raise NotJoinableError(f"{type(error).__name__}: {error}") from error


def _join(
    parsed: Sequence[_Run],
    out: BinaryIO,
    title: Callable[[str], str],
    order: Sequence[tuple[int, int]],
) -> int:
    head = parsed[order[0][0]] if order else parsed[0]
    chunks: list[bytes] = []
    offsets: list[int] = []
    position = 0

    def add(number: int, body: bytes) -> None:
        nonlocal position
        assert number == len(offsets) + 1
        offsets.append(position)
        chunk = b"%d 0 obj\n%s\nendobj\n" % (number, body)
        chunks.append(chunk)
        position += len(chunk)

    header = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"
    chunks.append(header)
    position = len(header)
    next_number = 1
    pages_root = 0  # numbered once every run's objects are in
    page_shift: list[dict[int, int]] = []
    for run in parsed:
        shift: dict[int, int] = {}
        for number in run.objects:
            if number not in run.skipped:
                shift[number] = next_number
                next_number += 1
        page_shift.append(shift)
    pages_root, catalog, info = next_number, next_number + 1, next_number + 2
    for run, shift in zip(parsed, page_shift, strict=True):
        shift[run.pages_root] = pages_root
        for number, body in sorted(run.objects.items(), key=lambda item: shift.get(item[0], 0)):
            if number in run.skipped:
                continue
            add(shift[number], _shifted(body, shift))
    page_numbers = [page_shift[number][parsed[number].pages[page]] for number, page in order]
    kids = b" ".join(b"%d 0 R" % n for n in page_numbers)
    add(pages_root, b"<<\n/Count %d /Kids [ %s ] /Type /Pages\n>>" % (len(page_numbers), kids))
    lang = b" /Lang " + head.lang if head.lang else b""
    add(catalog, b"<<\n/PageMode /UseNone /Pages %d 0 R /Type /Catalog%s\n>>" % (pages_root, lang))
    first_info = head.objects.get(head.info or 0, b"<<\n>>")
    # The first page's run's author, creator and dates, with the whole batch's title.
    without_title = re.sub(rb"/Title (\((?:\\.|[^\\)])*\)|<[0-9A-Fa-f]*>)", b"", first_info)
    language = head.lang[1:-1].decode("latin-1") if head.lang else ""
    add(info, without_title[:-2].rstrip() + b" /Title " + pdf_text(title(language)) + b"\n>>")
    xref = position
    table = [b"xref\n0 %d\n0000000000 65535 f \n" % (len(offsets) + 1)]
    table += [b"%010d 00000 n \n" % offset for offset in offsets]
    table.append(
        b"trailer\n<<\n/Info %d 0 R /Root %d 0 R /Size %d\n>>\nstartxref\n%d\n%%%%EOF\n"
        % (info, catalog, len(offsets) + 1, xref)
    )
    out.write(b"".join(chunks + table))
    return len(page_numbers)
