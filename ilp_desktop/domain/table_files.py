"""Reading a spreadsheet export the way counselors' files come.

Excel saves "CSV UTF-8" (with a byte order mark), plain "CSV" (Windows-1252 on most Windows
machines, semicolon-separated where the comma is the decimal mark) and "Unicode text" (UTF-16
with a byte order mark, tab-separated). This module finds which, and returns the rows as text,
so an import never asks the counselor about encodings. Used by the course catalog import and
the roster import.
"""

from __future__ import annotations

import csv
import io
import itertools
from dataclasses import dataclass
from pathlib import Path

MAX_BYTES = 20 * 1024 * 1024  # a roster or catalog is far smaller; more is the wrong file
DELIMITER_NAMES: dict[str, str] = {
    ",": "comma-separated",
    ";": "semicolon-separated",
    "\t": "tab-separated",
}
UTF8, UTF16, CP1252 = "UTF-8", "UTF-16", "Windows-1252"
_SAMPLE_ROWS = 50  # rows read to check that a delimiter splits the lines consistently
_SAVE_AS_CSV = (
    "In Excel, choose File ▸ Save As ▸ CSV UTF-8 (Comma delimited), then choose that file."
)
# Zip (an .xlsx workbook, or any zip) and the older .xls / .doc compound file.
_OFFICE_SIGNATURES = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")


class TableFileError(ValueError):
    """A file that cannot be read as a table; the message is for the counselor."""


@dataclass(frozen=True)
class TableText:
    """A file's rows as text, one list per row as the spreadsheet shows it.

    Blank rows are kept (as empty lists), so that row ``n`` (counting from 1) is the row the
    counselor sees as ``n`` in Excel, even when a cell holds several lines.
    """

    rows: list[list[str]]
    encoding: str  # UTF8, UTF16 or CP1252
    delimiter: str  # a key of DELIMITER_NAMES

    def describe(self) -> str:
        """ "read as UTF-16, tab-separated" """
        return f"read as {self.encoding}, {DELIMITER_NAMES[self.delimiter]}"


def read_table_file(path: Path) -> TableText:
    """The table in the file at ``path``; checks the size before reading it all."""
    if path.stat().st_size > MAX_BYTES:
        raise TableFileError(_too_big(path.stat().st_size))
    return read_table(path.read_bytes())


def read_table(data: bytes) -> TableText:
    """The rows of a CSV or tab-separated file, whatever encoding and delimiter Excel used.

    Raises TableFileError for an empty file, a file over MAX_BYTES, a workbook or other file
    that is not text.
    """
    if len(data) > MAX_BYTES:
        raise TableFileError(_too_big(len(data)))
    if data.startswith(_OFFICE_SIGNATURES):
        raise TableFileError("This is an Excel workbook, not a CSV file. " + _SAVE_AS_CSV)
    text, encoding = _decode(data)
    if "\x00" in text:
        raise TableFileError(
            "This file is not plain text (it may be a workbook or a document). " + _SAVE_AS_CSV
        )
    # One kind of line end (Windows, old Mac and Unix files alike); cells keep their line breaks.
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise TableFileError("The file is empty.")
    first, _, rest = text.partition("\n")
    if first.lower().startswith("sep=") and first[4:] in DELIMITER_NAMES:
        # Excel's own hint line ("sep=;"): Excel hides it, so the rows match what it shows.
        delimiter, text = first[4:], rest
    else:
        delimiter = _sniff(text)
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        rows = list(reader)
    except csv.Error as error:
        raise TableFileError(
            f"The file cannot be read as a table from line {reader.line_num} on; a quotation "
            "mark may be missing its partner. Open it in Excel to check it, then save it "
            "again as CSV."
        ) from error
    return TableText(rows, encoding, delimiter)


def _decode(data: bytes) -> tuple[str, str]:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # Excel's "Unicode text"
        try:
            return data.decode("utf-16"), UTF16
        except UnicodeDecodeError as error:
            raise TableFileError(
                "The file says it is Unicode text but part of it cannot be read; it may have "
                "been cut short. Save it again from Excel."
            ) from error
    try:
        return data.decode("utf-8-sig"), UTF8
    except UnicodeDecodeError:
        pass
    # Not UTF-8: Excel's plain "CSV" on a Windows machine in the Americas or Western Europe.
    try:
        return data.decode("cp1252"), CP1252
    except UnicodeDecodeError as error:
        message = "Some characters in the file cannot be read. " + _SAVE_AS_CSV
        raise TableFileError(message) from error


def _sniff(text: str) -> str:
    """The delimiter that splits the header into the most columns, the other rows agreeing."""

    def score(delimiter: str) -> tuple[bool, bool, int, float]:
        reader = csv.reader(io.StringIO(text), delimiter=delimiter)
        try:
            sample = [r for r in itertools.islice(reader, _SAMPLE_ROWS) if r]
        except csv.Error:
            return (False, False, 0, 0.0)
        if not sample:
            return (False, False, 0, 0.0)
        width = len(sample[0])
        agree = sum(len(r) == width for r in sample) / len(sample)
        return (width > 1, agree >= 0.5, width, agree)

    return max(DELIMITER_NAMES, key=score)  # ties go to the first: the comma


def _too_big(size: int) -> str:
    return (
        f"The file is {size / 1024 / 1024:.1f} MB, more than the {MAX_BYTES // 1024 // 1024} MB "
        "a roster or course list needs. Check that it is the right file."
    )
