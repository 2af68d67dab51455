"""Spreadsheet exports as Excel and SIS tools write them: encodings, delimiters, refusals."""

from __future__ import annotations

from pathlib import Path

import pytest

from ilp_desktop.domain import table_files
from ilp_desktop.domain.courses import DEFAULT_RULES, parse_catalog
from ilp_desktop.domain.table_files import (
    CP1252,
    MAX_BYTES,
    UTF8,
    UTF16,
    TableFileError,
    read_table,
    read_table_file,
)

ROWS = [
    ["sis_id", "last_name", "first_name", "note"],
    ["200001", "Nguyễn", "Văn An", "likes art, music"],
    ["200002", "Ødegård", "Ingrid", ""],
    ["200003", "Żółć", "Łukasz", 'said: "maybe"'],
]


def csv_text(rows: list[list[str]], delimiter: str, newline: str = "\r\n") -> str:
    """Rows as Excel writes them: a cell is quoted only when it must be."""

    def cell(text: str) -> str:
        if any(c in text for c in (delimiter, '"', "\n", "\r")):
            return '"' + text.replace('"', '""') + '"'
        return text

    return "".join(delimiter.join(cell(c) for c in row) + newline for row in rows)


# --- Encodings, byte for byte ---------------------------------------------------------------------


def test_utf8_without_bom() -> None:
    data = b"sis_id,last_name\r\n200001,Nguy\xe1\xbb\x85n\r\n200003,\xc5\x81ukasz\r\n"
    table = read_table(data)
    assert table.rows == [["sis_id", "last_name"], ["200001", "Nguyễn"], ["200003", "Łukasz"]]
    assert (table.encoding, table.delimiter) == (UTF8, ",")


def test_utf8_with_bom_as_excel_csv_utf8_saves_it() -> None:
    data = b"\xef\xbb\xbfsis_id,last_name\r\n200002,\xc3\x98deg\xc3\xa5rd\r\n"
    table = read_table(data)
    # The byte order mark is not glued to the first header cell.
    assert table.rows == [["sis_id", "last_name"], ["200002", "Ødegård"]]
    assert table.encoding == UTF8


def test_utf16_le_tab_separated_as_excel_unicode_text_saves_it() -> None:
    data = (
        b"\xff\xfe"
        b"s\x00i\x00s\x00_\x00i\x00d\x00\t\x00n\x00a\x00m\x00e\x00\r\x00\n\x00"
        b"2\x00\t\x00\xd8\x00d\x00e\x00g\x00\xe5\x00r\x00d\x00\r\x00\n\x00"
        b"3\x00\t\x00A\x01u\x00k\x00a\x00s\x00z\x00\r\x00\n\x00"
    )
    table = read_table(data)
    assert table.rows == [["sis_id", "name"], ["2", "Ødegård"], ["3", "Łukasz"]]
    assert (table.encoding, table.delimiter) == (UTF16, "\t")
    assert table.describe() == "read as UTF-16, tab-separated"


def test_utf16_be_with_bom() -> None:
    data = b"\xfe\xff" + "code\ttitle\r\nART1\tNguyễn's mural\r\n".encode("utf-16-be")
    table = read_table(data)
    assert table.rows == [["code", "title"], ["ART1", "Nguyễn's mural"]]
    assert table.encoding == UTF16


def test_cp1252_is_the_fallback_when_the_bytes_are_not_utf8() -> None:
    # Plain "CSV" from Excel on Windows: é is the single byte 0xE9, € is 0x80.
    data = b"first_name,last_name,fee\r\nMar\xeda Jos\xe9,Pe\xf1a,\x8010\r\n"
    table = read_table(data)
    assert table.rows == [["first_name", "last_name", "fee"], ["María José", "Peña", "€10"]]
    assert (table.encoding, table.delimiter) == (CP1252, ",")
    assert table.describe() == "read as Windows-1252, comma-separated"


ENCODINGS = {
    "utf-8": (b"", "utf-8", UTF8),
    "utf-8 with BOM": (b"\xef\xbb\xbf", "utf-8", UTF8),
    "utf-16 LE": (b"\xff\xfe", "utf-16-le", UTF16),
    "utf-16 BE": (b"\xfe\xff", "utf-16-be", UTF16),
}


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
@pytest.mark.parametrize("encoding", list(ENCODINGS))
def test_every_encoding_with_every_delimiter(encoding: str, delimiter: str) -> None:
    bom, codec, found = ENCODINGS[encoding]
    data = bom + csv_text(ROWS, delimiter).encode(codec)
    table = read_table(data)
    assert table.rows == ROWS
    assert (table.encoding, table.delimiter) == (found, delimiter)


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_cp1252_with_every_delimiter(delimiter: str) -> None:
    rows = [["last_name", "first_name"], ["Ødegård", "Ingrid"], ["Peña", "José, Jr."]]
    data = csv_text(rows, delimiter).encode("cp1252")
    assert b"\xd8deg\xe5rd" in data and b"Jos\xe9" in data
    table = read_table(data)
    assert table.rows == rows
    assert (table.encoding, table.delimiter) == (CP1252, delimiter)


# --- Delimiters and quoting -----------------------------------------------------------------------


def test_quoted_fields_keep_their_commas_quotes_and_line_breaks() -> None:
    data = (
        b"code,title,description\r\n"
        b'ART1,"Art, Design and Media","Line one\r\nline two"\r\n'
        b'MUS1,"The ""Big"" Band",\r\n'
    )
    table = read_table(data)
    assert table.rows == [
        ["code", "title", "description"],
        ["ART1", "Art, Design and Media", "Line one\nline two"],
        ["MUS1", 'The "Big" Band', ""],
    ]


def test_semicolon_file_from_european_excel_with_decimal_commas() -> None:
    data = (
        b"Code;Title;Subject area;Credits\r\n"
        b"ENG9;English 9, honors;English;1,0\r\n"
        b"PE9;Physical education;Physical education and health;0,5\r\n"
    )
    table = read_table(data)
    assert table.delimiter == ";"
    assert table.rows[1] == ["ENG9", "English 9, honors", "English", "1,0"]
    catalog = parse_catalog(table.rows, DEFAULT_RULES)
    assert catalog.ok
    assert [(c.code, c.credits) for c in catalog.courses] == [("ENG9", 1.0), ("PE9", 0.5)]


def test_tab_file_whose_cells_hold_commas_is_read_as_tab_separated() -> None:
    data = b"code\ttitle\tarea\r\nART1\tArt, Design, Media\tFine arts\r\nX\tA, B, C, D, E\tArt\r\n"
    table = read_table(data)
    assert table.delimiter == "\t"
    assert table.rows[2] == ["X", "A, B, C, D, E", "Art"]


def test_a_delimiter_quoted_inside_a_header_cell_does_not_win() -> None:
    data = b'"Code;Number",Title,Area\r\nA1,Algebra,Math\r\n'
    table = read_table(data)
    assert table.delimiter == ","
    assert table.rows[0] == ["Code;Number", "Title", "Area"]


def test_the_delimiter_that_splits_the_rows_consistently_wins() -> None:
    # The header splits into two columns on either; only the semicolon agrees with the rows.
    data = b"code;title,long\r\nA;x\r\nB;y\r\nC;z\r\n"
    assert read_table(data).delimiter == ";"


def test_a_one_column_file_is_comma_separated() -> None:
    table = read_table(b"sis_id\n200001\n200002\n")
    assert table.rows == [["sis_id"], ["200001"], ["200002"]]
    assert table.delimiter == ","


def test_blank_rows_are_kept_so_row_numbers_match_excel() -> None:
    table = read_table(b"code,title\r\n\r\nA1,Algebra\r\n,\r\n")
    assert table.rows == [["code", "title"], [], ["A1", "Algebra"], ["", ""]]


def test_old_mac_and_unix_line_ends() -> None:
    assert read_table(b"a,b\r1,2\r").rows == [["a", "b"], ["1", "2"]]
    assert read_table(b"a,b\n1,2").rows == [["a", "b"], ["1", "2"]]


def test_excel_sep_hint_line_sets_the_delimiter_and_is_not_a_row() -> None:
    table = read_table(b"sep=;\r\ncode;title\r\nA1;Algebra, part 1\r\n")
    assert table.delimiter == ";"
    assert table.rows == [["code", "title"], ["A1", "Algebra, part 1"]]


# --- Refusals -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [b"", b"\r\n \r\n", b"\xef\xbb\xbf", b"\xff\xfe", b"\xff\xfe\r\x00\n\x00"],
    ids=["nothing", "blank lines", "utf-8 BOM only", "utf-16 BOM only", "utf-16 blank line"],
)
def test_an_empty_file_is_refused(data: bytes) -> None:
    with pytest.raises(TableFileError, match="The file is empty"):
        read_table(data)


def test_an_xlsx_workbook_is_refused_with_how_to_save_as_csv() -> None:
    data = b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00[Content_Types].xml"
    with pytest.raises(TableFileError) as caught:
        read_table(data)
    message = str(caught.value)
    assert "Excel workbook" in message
    assert "File ▸ Save As ▸ CSV UTF-8" in message


def test_an_old_xls_workbook_is_refused() -> None:
    with pytest.raises(TableFileError, match="Save As"):
        read_table(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100)


@pytest.mark.parametrize(
    "data",
    [
        b"\x7fELF\x02\x01\x01\x00\x00\x00",
        b"code,title\r\nA1,Alg\x00ebra\r\n",
        # UTF-16 without its byte order mark: every other byte is NUL.
        "code,title\r\n".encode("utf-16-le"),
    ],
    ids=["binary", "NUL in a text file", "utf-16 without BOM"],
)
def test_binary_junk_is_refused(data: bytes) -> None:
    with pytest.raises(TableFileError, match=r"not plain text.*CSV UTF-8"):
        read_table(data)


def test_a_utf16_file_cut_short_is_refused() -> None:
    data = b"\xff\xfe" + "code\ttitle\r\n".encode("utf-16-le") + b"A"
    with pytest.raises(TableFileError, match="cut short"):
        read_table(data)


def test_bytes_that_are_neither_utf8_nor_windows_1252_are_refused() -> None:
    with pytest.raises(TableFileError, match="cannot be read"):
        read_table(b"code,title\r\nA1,\x81\x8d\r\n")


def test_a_quote_never_closed_is_refused_with_where() -> None:
    data = b'code,title\r\nA1,"Algebra\r\n' + b"x" * 200_000 + b"\r\n"
    with pytest.raises(TableFileError, match="quotation mark"):
        read_table(data)


def test_a_file_over_20_mb_is_refused() -> None:
    assert MAX_BYTES == 20 * 1024 * 1024
    with pytest.raises(TableFileError, match="20 MB"):
        read_table(b"a" * (MAX_BYTES + 1))


def test_the_limit_itself_is_allowed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(table_files, "MAX_BYTES", 20)
    assert read_table(b"a,b\n" + b"1,2\n" * 4).rows[-1] == ["1", "2"]  # 20 bytes
    with pytest.raises(TableFileError):
        read_table(b"a,b\n" + b"1,2\n" * 4 + b"\n")


def test_table_file_errors_are_value_errors() -> None:
    assert issubclass(TableFileError, ValueError)


def test_reading_a_file_checks_its_size_before_reading_it(tmp_path: Path) -> None:
    small = tmp_path / "roster.csv"
    small.write_bytes(b"\xef\xbb\xbfsis_id;name\r\n1;Nguy\xe1\xbb\x85n\r\n")
    assert read_table_file(small).rows == [["sis_id", "name"], ["1", "Nguyễn"]]

    huge = tmp_path / "huge.csv"
    with huge.open("wb") as handle:
        handle.truncate(MAX_BYTES + 1)  # sparse: nothing to read, only a size
    with pytest.raises(TableFileError, match="MB"):
        read_table_file(huge)
