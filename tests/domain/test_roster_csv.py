"""Reading SIS roster exports: encodings and delimiters as Excel saves them, header names, and
every row checked with its spreadsheet row number."""

from __future__ import annotations

import codecs
import datetime as dt

import pytest

from ilp_desktop.domain.roster_csv import (
    CP1252,
    UTF8,
    UTF16,
    RosterFileError,
    RosterRecord,
    column_letter,
    guess_mapping,
    header_key,
    mapping_problem,
    parse_roster,
    read_date,
    read_grade,
    read_roster,
    usable_mapping,
)
from ilp_desktop.domain.students import Guardian, Student

TODAY = dt.date(2026, 11, 22)
HEADER = ["Student_Number", "Last_Name", "First_Name", "Grade_Level"]
# Names in many scripts: each must come through every encoding that can hold it, unchanged.
NAMES = [
    ["200001", "Nguyễn", "Văn An", "09"],
    ["200002", "Wiśniewska", "Zofia", "10"],
    ["200003", "الزهراء", "فاطمة", "11"],
    ["200004", "王", "小明", "12"],
    ["200005", "Ødegård", "Ingrid", "K"],
    ["200006", "Peña", "María José", "9th"],
]


def csv_text(rows: list[list[str]], delimiter: str = ",", newline: str = "\r\n") -> str:
    """Rows as Excel writes them: a cell quoted only when it must be."""

    def cell(text: str) -> str:
        if any(c in text for c in (delimiter, '"', "\n", "\r")):
            return '"' + text.replace('"', '""') + '"'
        return text

    return "".join(delimiter.join(cell(c) for c in row) + newline for row in rows)


def parsed(data: bytes, **kwargs: object):  # type: ignore[no-untyped-def]
    table = read_roster(data, **kwargs)  # type: ignore[arg-type]
    return table, parse_roster(table, guess_mapping(table.header), today=TODAY)


def names_of(result) -> list[tuple[str, str, str, str]]:  # type: ignore[no-untyped-def]
    return [
        (r.sis_id, r.values["last_name"], r.values["first_name"], r.values["grade"])
        for r in result.records
    ]


EXPECTED = [
    ("200001", "Nguyễn", "Văn An", "9"),
    ("200002", "Wiśniewska", "Zofia", "10"),
    ("200003", "الزهراء", "فاطمة", "11"),
    ("200004", "王", "小明", "12"),
    ("200005", "Ødegård", "Ingrid", "K"),
    ("200006", "Peña", "María José", "9"),
]


# --- The files Excel saves ---------------------------------------------------------------------


def test_excel_unicode_text_utf16_le_tab_separated_crlf() -> None:
    data = codecs.BOM_UTF16_LE + csv_text([HEADER, *NAMES], "\t").encode("utf-16-le")
    table, result = parsed(data)
    assert (table.encoding, table.delimiter) == (UTF16, "\t")
    assert result.ok, result.problems
    assert names_of(result) == EXPECTED


def test_excel_csv_utf8_with_bom() -> None:
    data = ("\ufeff" + csv_text([HEADER, *NAMES])).encode("utf-8")
    table, result = parsed(data)
    assert (table.encoding, table.delimiter) == (UTF8, ",")
    assert table.header[0] == "Student_Number"  # the mark is not glued to the first name
    assert result.ok, result.problems
    assert names_of(result) == EXPECTED


def test_utf8_without_bom_and_utf16_big_endian() -> None:
    plain = csv_text([HEADER, *NAMES]).encode("utf-8")
    big = codecs.BOM_UTF16_BE + csv_text([HEADER, *NAMES], "\t").encode("utf-16-be")
    for data in (plain, big):
        _, result = parsed(data)
        assert names_of(result) == EXPECTED


def test_windows_1252_when_the_bytes_are_not_utf8() -> None:
    rows = [HEADER, ["300001", "Muñoz", "José", "7"], ["300002", "Lefèvre", "Chloé", "8"]]
    data = csv_text(rows, ";").encode("cp1252")
    assert b"Mu\xf1oz" in data and b"Jos\xe9" in data
    table, result = parsed(data)
    assert (table.encoding, table.delimiter) == (CP1252, ";")
    assert names_of(result) == [
        ("300001", "Muñoz", "José", "7"),
        ("300002", "Lefèvre", "Chloé", "8"),
    ]


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_each_delimiter_even_with_commas_inside_cells(delimiter: str) -> None:
    rows = [
        [*HEADER, "Counselor"],
        ["400001", "Smith, Jr.", "Ann; Marie", "10", "Ortiz, Ana"],
        ["400002", "Lee", "Bo", "11", "Ortiz, Ana"],
    ]
    table, result = parsed(csv_text(rows, delimiter).encode("utf-8"))
    assert table.delimiter == delimiter
    assert result.ok, result.problems
    assert result.records[0].values["last_name"] == "Smith, Jr."
    assert result.records[0].values["counselor"] == "Ortiz, Ana"


def test_row_numbers_are_the_spreadsheets_despite_line_breaks_and_blank_rows() -> None:
    text = (
        "Student_Number,Last_Name,First_Name,Grade_Level,Counselor,,\r\n"
        '500001,Diaz,"Ana\r\nLucía",9,,,\r\n'  # a line break inside a cell: still row 2
        "\r\n"  # a blank row 3
        "500002,Kim,Min,14,,,\r\n"  # row 4, bad grade
    )
    table, result = parsed(text.encode("utf-8"))
    assert table.width == 5  # Excel's trailing empty columns are not columns
    assert [r.row for r in result.records] == [2]
    assert result.records[0].values["first_name"] == "Ana Lucía"  # on one line
    assert [(p.row, p.sis_id) for p in result.problems] == [(4, "500002")]
    assert "“14” is not a grade" in result.problems[0].message


def test_the_counselor_can_override_encoding_and_delimiter() -> None:
    data = csv_text([HEADER, ["600001", "Lefèvre", "Chloé", "9"]], ";").encode("utf-8")
    assert read_roster(data).rows[1][1] == "Lefèvre"
    as_1252 = read_roster(data, encoding=CP1252)
    assert as_1252.encoding == CP1252 and as_1252.rows[1][1] == "LefÃ¨vre"
    as_comma = read_roster(data, delimiter=",")
    assert as_comma.delimiter == "," and len(as_comma.rows[0]) == 1
    with pytest.raises(RosterFileError, match="cannot be read as UTF-8"):
        read_roster("Muñoz\n".encode("cp1252"), encoding=UTF8)


# --- Refusals ----------------------------------------------------------------------------------


@pytest.mark.parametrize("data", [b"", b"\r\n\r\n  \r\n", b"\xef\xbb\xbf", codecs.BOM_UTF16_LE])
def test_an_empty_file_is_refused(data: bytes) -> None:
    with pytest.raises(RosterFileError, match="empty"):
        read_roster(data)


def test_an_excel_workbook_is_refused_with_what_to_do() -> None:
    xlsx = b"PK\x03\x04\x14\x00\x06\x00" + bytes(200)
    with pytest.raises(RosterFileError) as refused:
        read_roster(xlsx)
    assert "This looks like an Excel workbook" in str(refused.value)
    assert "Unicode Text" in str(refused.value)


def test_a_picture_or_other_binary_file_is_refused() -> None:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))
    with pytest.raises(RosterFileError):
        read_roster(png)


def test_a_file_without_a_header_row_is_refused_in_words() -> None:
    table = read_roster(b"200001,Nguyen,An,9\r\n200002,Kim,Min,10\r\n")
    problem = mapping_problem(table, guess_mapping(table.header))
    assert problem is not None
    assert "does not name the columns" in problem and "200001" in problem


def test_a_missing_required_column_is_named() -> None:
    table = read_roster(b"Student ID,Surname,Given Name,Homeroom\r\n1,A,B,101\r\n")
    problem = mapping_problem(table, guess_mapping(table.header))
    assert problem is not None and "Grade" in problem and "Grade_Level" in problem


def test_a_column_chosen_twice_is_refused() -> None:
    table = read_roster(b"ID,Last,First,Grade\r\n1,A,B,9\r\n")
    mapping = guess_mapping(table.header) | {"homeroom": 1}
    assert "both Last name and Homeroom" in (mapping_problem(table, mapping) or "")


# --- Header names --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "field"),
    [
        ("Student_Number", "sis_id"),
        ("student id", "sis_id"),
        ("StudentID", "sis_id"),
        ("SIS ID", "sis_id"),
        ("Local_ID", "sis_id"),
        ("Student #", "sis_id"),
        ("LAST_NAME", "last_name"),
        ("Surname", "last_name"),
        ("Family Name", "last_name"),
        ("first name", "first_name"),
        ("Given_Name", "first_name"),
        ("Grade_Level", "grade"),
        ("Gr", "grade"),
        ("Nickname", "preferred_name"),
        ("HR", "homeroom"),
        ("Counselor", "counselor"),
        ("Birthdate", "date_of_birth"),
        ("Date of Birth", "date_of_birth"),
        ("Home_Language", "family_languages"),
        ("Parent/Guardian", "guardian_name"),
        ("Parent_Email", "guardian_email"),
        ("Home Phone", "guardian_phone"),
        ("504", "plan_504"),
        ("ELL", "ell"),
        ("Gifted", "gifted"),
        ("iep", "iep"),
    ],
)
def test_header_names_sis_exports_use(name: str, field: str) -> None:
    assert guess_mapping(["Other", name]) == {field: 1}


def test_the_student_number_wins_over_an_internal_id_and_each_column_is_used_once() -> None:
    header = ["ID", "Student_Number", "Last", "First", "Grade", "Grade"]
    assert guess_mapping(header) == {"sis_id": 1, "last_name": 2, "first_name": 3, "grade": 4}
    assert guess_mapping(["ID", "Last", "First", "Grade"])["sis_id"] == 0


def test_header_key_ignores_case_spacing_and_trailing_empty_columns() -> None:
    assert header_key(["Student_Number", "Last Name", "", ""]) == header_key(
        ["student number", "LAST_NAME"]
    )
    assert header_key(["Student_Number", "Last"]) != header_key(["Last", "Student_Number"])


def test_a_remembered_mapping_is_kept_to_known_fields_and_existing_columns() -> None:
    table = read_roster(b"a,b,c\r\n1,2,3\r\n")
    assert usable_mapping(table, {"sis_id": 0, "grade": 7, "nope": 1, "last_name": "x"}) == {
        "sis_id": 0
    }


def test_column_letters() -> None:
    assert [column_letter(n) for n in (0, 25, 26, 27, 701, 702)] == [
        "A",
        "Z",
        "AA",
        "AB",
        "ZZ",
        "AAA",
    ]


# --- Cell values ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("9", "9"),
        ("09", "9"),
        ("9th", "9"),
        ("1st", "1"),
        ("2nd", "2"),
        ("3rd", "3"),
        ("12", "12"),
        ("K", "K"),
        ("KG", "K"),
        ("0", "K"),
        ("00", "K"),
        ("Gr 10", "10"),
        ("Gr. 11", "11"),
        ("Grade 7", "7"),
        ("PS", "PS"),
    ],
)
def test_grades_as_sis_exports_write_them(text: str, code: str) -> None:
    assert read_grade(text) == code


@pytest.mark.parametrize("text", ["13", "PK", "-1", "9.5", "ninth", "10th grade"])
def test_grades_no_school_has(text: str) -> None:
    with pytest.raises(ValueError, match="not a grade"):
        read_grade(text)


@pytest.mark.parametrize(
    ("text", "day_first", "iso"),
    [
        ("2011-03-14", False, "2011-03-14"),
        ("2011/3/4", False, "2011-03-04"),
        ("3/14/2011", False, "2011-03-14"),
        ("3/4/2011", False, "2011-03-04"),
        ("3/4/2011", True, "2011-04-03"),
        ("14.03.2011", True, "2011-03-14"),
        ("3/14/2011 0:00", False, "2011-03-14"),
        ("3/14/2011 12:00:00 AM", False, "2011-03-14"),
    ],
)
def test_dates_of_birth(text: str, day_first: bool, iso: str) -> None:
    assert read_date(text, day_first=day_first) == iso


@pytest.mark.parametrize("text", ["3/14/11", "2/30/2011", "14/14/2011", "March 14", "2011"])
def test_dates_that_are_not(text: str) -> None:
    with pytest.raises(ValueError):
        read_date(text)


def test_a_day_first_column_is_read_day_first_and_a_typo_stands_out() -> None:
    rows = [
        [*HEADER, "DOB"],
        ["1", "A", "B", "9", "14/03/2011"],
        ["2", "C", "D", "9", "04/03/2011"],  # read as 4 March, like the others
        ["3", "E", "F", "9", "25/12/2010"],
        ["4", "G", "H", "9", "12/25/2010"],  # the one month-first date: month 25
    ]
    _, result = parsed(csv_text(rows).encode())
    assert [r.values["date_of_birth"] for r in result.records] == [
        "2011-03-14",
        "2011-03-04",
        "2010-12-25",
    ]
    assert [(p.row, "not a date" in p.message) for p in result.problems] == [(5, True)]


def test_every_problem_of_a_row_in_one_message() -> None:
    rows = [
        ["Student_Number", "Last_Name", "First_Name", "Grade", "DOB", "IEP", "Parent Email"],
        ["", "", "Ana", "13", "2030-01-01", "maybe", "ana@"],
        ["700002", "Ruiz", "", "9", "", "", ""],
        ["bad id!", "Kim", "Min", "9", "", "", ""],
    ]
    _, result = parsed(csv_text(rows).encode())
    assert not result.records
    first, second, third = result.problems
    assert first.row == 2
    for words in (
        "The SIS id is empty.",
        "The last name is empty.",
        "“13” is not a grade",
        "in the future",
        "“maybe” under IEP is not yes or no",
        "without their name",
    ):
        assert words in first.message
    assert (second.row, second.message) == (3, "The first name is empty.")
    assert third.row == 4 and "up to 32 letters or digits" in third.message


def test_a_duplicate_sis_id_names_both_rows() -> None:
    rows = [HEADER, ["800001", "A", "B", "9"], ["800002", "C", "D", "9"], ["800001", "E", "F", "9"]]
    _, result = parsed(csv_text(rows).encode())
    assert [r.row for r in result.records] == [2, 3]
    (problem,) = result.problems
    assert (problem.row, problem.sis_id) == (4, "800001")
    assert "rows 2 and 4" in problem.message


def test_a_header_without_students() -> None:
    _, result = parsed(csv_text([HEADER]).encode())
    assert [(p.row, p.message) for p in result.problems] == [
        (2, "The file has a header row but no students.")
    ]


def test_cells_are_cleaned_and_excel_text_formulas_unwrapped() -> None:
    rows = [
        [*HEADER, "ELL", "Home_Language"],
        ['="001234"', "  de  la Cruz ", "Ana\t", "9", "Y", "Spanish; English"],
    ]
    _, result = parsed(csv_text(rows).encode())
    (record,) = result.records
    assert record.values == {
        "sis_id": "001234",
        "last_name": "de la Cruz",
        "first_name": "Ana",
        "grade": "9",
        "ell": True,
        "family_languages": ["Spanish", "English"],
    }


@pytest.mark.parametrize(
    ("cell", "value"),
    [
        ("Y", True),
        ("yes", True),
        ("1", True),
        ("TRUE", True),
        ("N", False),
        ("No", False),
        ("0", False),
        ("false", False),
    ],
)
def test_yes_no_flags(cell: str, value: bool) -> None:
    _, result = parsed(csv_text([[*HEADER, "504"], ["1", "A", "B", "9", cell]]).encode())
    assert result.records[0].values["plan_504"] is value


# --- Applying a row to a student ----------------------------------------------------------------


def test_a_row_changes_only_what_it_gives() -> None:
    student = Student(
        sis_id="900001",
        first_name="Ana",
        last_name="Diaz",
        grade="9",
        preferred_name="Anita",
        homeroom="101",
        date_of_birth="2011-03-14",
        family_languages=["Spanish", "Quechua"],
        guardians=[
            Guardian("Rosa Diaz", "mother", "555-0100", "", "Spanish"),
            Guardian("Luis Diaz", "father"),
        ],
        iep=True,
        notes="Counselor's notes",
        id=7,
    )
    record = RosterRecord(
        2,
        {
            "sis_id": "900001",
            "first_name": "Ana",
            "last_name": "Díaz",
            "grade": "10",
            "family_languages": ["Quechua"],
            "guardian_name": "ROSA DIAZ",
            "guardian_email": "rosa@example.org",
            "ell": False,
        },
    )
    changed = record.applied_to(student)
    assert changed.with_changes(last_name="Diaz", grade="9") == student.with_changes(
        family_languages=["Quechua", "Spanish"],
        guardians=[
            Guardian("ROSA DIAZ", "mother", "555-0100", "rosa@example.org", "Spanish"),
            Guardian("Luis Diaz", "father"),
        ],
    )
    assert (changed.last_name, changed.grade, changed.id) == ("Díaz", "10", 7)
    # A guardian not yet noted is added; the others stay.
    other = RosterRecord(2, {**record.values, "guardian_name": "Marta Ruiz"}).applied_to(student)
    assert [g.name for g in other.guardians] == ["Rosa Diaz", "Luis Diaz", "Marta Ruiz"]


def test_a_new_student_from_a_row() -> None:
    record = RosterRecord(
        3,
        {
            "sis_id": "900002",
            "first_name": "小明",
            "last_name": "王",
            "grade": "12",
            "homeroom": "204",
            "gifted": True,
            "guardian_name": "王芳",
            "guardian_phone": "555-0199",
        },
    )
    assert record.new_student() == Student(
        sis_id="900002",
        first_name="小明",
        last_name="王",
        grade="12",
        homeroom="204",
        gifted=True,
        guardians=[Guardian("王芳", phone="555-0199")],
    )
