"""A roster exported from the school's student information system (SIS), read and checked.

The file is read by table_files (encoding and delimiter found as Excel saves them); this module
finds the header row, guesses which column holds which field from the names SIS exports use,
and turns every row into the values it carries, with every problem listed by the row number
the counselor sees in Excel (the header is row 1); roster_values.py reads what one cell holds.
Matching the rows to the students already in the database is the store's part
(store/roster_import.py).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .roster_values import clean_cell, day_first, read_date, read_flag, read_grade
from .students import Guardian, Student, validate_student
from .table_files import (
    CP1252,
    DELIMITER_NAMES,
    MAX_BYTES,
    UTF8,
    UTF16,
    TableFileError,
    read_table,
)
from .text import fold

ENCODINGS: tuple[str, ...] = (UTF8, UTF16, CP1252)
_CODECS = {UTF8: "utf-8-sig", UTF16: "utf-16", CP1252: "cp1252"}
DELIMITERS: tuple[str, ...] = tuple(DELIMITER_NAMES)
SAVE_AS = (
    "In Excel, choose File ▸ Save As ▸ CSV UTF-8 (Comma delimited) or Unicode Text, "
    "then choose that file."
)


class RosterFileError(ValueError):
    """A roster file that cannot be imported as it is; ``str()`` is the counselor's message."""


@dataclass(frozen=True)
class RosterField:
    """A field the import can fill, and the header names SIS exports give it."""

    key: str
    label: str
    required: bool
    headers: tuple[str, ...]  # in order of preference: "Student_Number" before a bare "ID"


FIELDS: tuple[RosterField, ...] = (
    RosterField(
        "sis_id",
        "SIS id",
        True,
        (
            "Student_Number",
            "Student Number",
            "Student ID",
            "StudentID",
            "SIS ID",
            "SIS Number",
            "Local ID",
            "Student No",
            "Student #",
            "Stu ID",
            "State Student Number",
            "ID Number",
            "ID",
        ),
    ),
    RosterField(
        "last_name",
        "Last name",
        True,
        ("Last_Name", "Last", "Surname", "Family Name", "Student Last Name", "Legal Last Name"),
    ),
    RosterField(
        "first_name",
        "First name",
        True,
        ("First_Name", "First", "Given Name", "Student First Name", "Legal First Name"),
    ),
    RosterField(
        "grade", "Grade", True, ("Grade_Level", "Grade", "Gr", "Current Grade", "Grade Lvl")
    ),
    RosterField(
        "preferred_name",
        "Preferred name",
        False,
        ("Preferred_Name", "Preferred First Name", "Nickname", "Nick Name", "Goes By"),
    ),
    RosterField("homeroom", "Homeroom", False, ("Homeroom", "Home Room", "HR", "Advisory")),
    RosterField(
        "counselor",
        "Counselor",
        False,
        ("Counselor", "Counsellor", "Counselor Name", "Guidance Counselor", "School Counselor"),
    ),
    RosterField(
        "date_of_birth", "Date of birth", False, ("DOB", "Birthdate", "Date of Birth", "Birth Date")
    ),
    RosterField(
        "family_languages",
        "Family language",
        False,
        (
            "Home_Language",
            "Family Language",
            "Language",
            "Primary Language",
            "Home Language Code",
            "Language Spoken at Home",
        ),
    ),
    RosterField(
        "guardian_name",
        "Guardian name",
        False,
        (
            "Guardian_Name",
            "Guardian",
            "Parent_Name",
            "Parent",
            "Parent/Guardian",
            "Parent Guardian Name",
            "Contact Name",
        ),
    ),
    RosterField(
        "guardian_relationship",
        "Guardian relationship",
        False,
        ("Guardian Relationship", "Relationship", "Parent Relationship", "Contact Relationship"),
    ),
    RosterField(
        "guardian_phone",
        "Guardian phone",
        False,
        ("Guardian_Phone", "Parent Phone", "Home Phone", "Contact Phone", "Phone"),
    ),
    RosterField(
        "guardian_email",
        "Guardian email",
        False,
        ("Guardian_Email", "Parent Email", "Contact Email", "Guardian E-mail", "Parent E-mail"),
    ),
    RosterField("iep", "IEP", False, ("IEP", "Has IEP", "SPED", "Special Education")),
    RosterField("plan_504", "504 plan", False, ("504", "504 Plan", "Section 504", "Plan 504")),
    RosterField(
        "ell",
        "English learner",
        False,
        ("ELL", "EL", "English Learner", "English Language Learner", "LEP", "ESL", "ML"),
    ),
    RosterField("gifted", "Gifted", False, ("Gifted", "GT", "GATE", "Gifted and Talented")),
)
FIELD_BY_KEY: dict[str, RosterField] = {f.key: f for f in FIELDS}
REQUIRED: tuple[str, ...] = tuple(f.key for f in FIELDS if f.required)
FLAG_FIELDS: tuple[str, ...] = ("iep", "plan_504", "ell", "gifted")
GUARDIAN_FIELDS: tuple[str, ...] = (
    "guardian_name",
    "guardian_relationship",
    "guardian_phone",
    "guardian_email",
)

# Fields a row sets as they are (the others are required, or a guardian's).
_PLAIN_NEW = (
    "preferred_name",
    "homeroom",
    "counselor",
    "date_of_birth",
    "family_languages",
    *FLAG_FIELDS,
)

Mapping = dict[str, int]  # field key -> column index (0-based) in the file


def header_name_key(text: str) -> str:
    """A header name with case, accents, spaces, underscores and punctuation ignored."""
    return re.sub(r"[^0-9a-z]", "", fold(text.replace("#", " number ")))


_WANTED = {f.key: [header_name_key(h) for h in f.headers] for f in FIELDS}


# --- Reading the file --------------------------------------------------------------------------


@dataclass(frozen=True)
class RosterTable:
    """A roster file's rows as text; ``rows[n]`` is the spreadsheet's row ``n + 1``."""

    rows: list[list[str]]
    encoding: str
    delimiter: str
    header_index: int  # index in ``rows`` of the header row: the first row that is not blank

    @property
    def header(self) -> list[str]:
        return [" ".join(cell.split()) for cell in self.rows[self.header_index]]

    @property
    def width(self) -> int:
        """Columns up to the last one with a name: Excel's trailing empty columns dropped."""
        named = [i for i, name in enumerate(self.header) if name]
        return named[-1] + 1 if named else 0

    def data_rows(self) -> Iterator[tuple[int, list[str]]]:
        """(spreadsheet row number, cells) of every row below the header that is not blank."""
        for index in range(self.header_index + 1, len(self.rows)):
            cells = self.rows[index]
            if any(cell.strip() for cell in cells):
                yield index + 1, cells

    def student_rows(self) -> int:
        return sum(1 for _ in self.data_rows())

    def column_label(self, column: int) -> str:
        """ "Student_Number (column A)", as the counselor finds it in Excel."""
        name = self.header[column] if column < len(self.header) else ""
        letter = column_letter(column)
        return f"{name} (column {letter})" if name else f"Column {letter}"

    def describe(self) -> str:
        """ "UTF-16, tab-separated" """
        return f"{self.encoding}, {DELIMITER_NAMES[self.delimiter]}"


def column_letter(column: int) -> str:
    """Excel's name for a column: 0 -> A, 25 -> Z, 26 -> AA."""
    letters = ""
    column += 1
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def read_roster_file(
    path: Path, *, encoding: str | None = None, delimiter: str | None = None
) -> RosterTable:
    """The roster in the file at ``path`` (see read_roster); the message names the file."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise RosterFileError(
                f"{path.name} is {size / 1024 / 1024:.1f} MB, more than a roster export can be "
                f"({MAX_BYTES // 1024 // 1024} MB). Check that it is the right file."
            )
        data = path.read_bytes()
    except IsADirectoryError:
        raise RosterFileError(f"{path} is a folder: choose the roster file in it.") from None
    except FileNotFoundError:
        raise RosterFileError(f"There is no file {path}. Check the name and folder.") from None
    except OSError as error:
        raise RosterFileError(f"{path} cannot be read: {error.strerror or error}.") from None
    try:
        return read_roster(data, encoding=encoding, delimiter=delimiter)
    except RosterFileError as error:
        raise RosterFileError(f"{path.name}: {error}") from None


def read_roster(
    data: bytes, *, encoding: str | None = None, delimiter: str | None = None
) -> RosterTable:
    """The rows of a roster export, with the encoding and delimiter found or as given.

    ``encoding`` (one of ENCODINGS) and ``delimiter`` (one of DELIMITERS) override what was
    detected, for the file the detection gets wrong. Raises RosterFileError for an empty file,
    a workbook or other file that is not text, and a file with no header row.
    """
    try:
        table = read_table(data)
    except TableFileError as error:
        message = str(error)
        if "Excel workbook" in message:
            message = (
                "This looks like an Excel workbook, not a CSV file: save it as CSV or Unicode "
                "Text first. " + SAVE_AS
            )
        raise RosterFileError(message) from None
    rows, found_encoding, found_delimiter = table.rows, table.encoding, table.delimiter
    if encoding not in (None, found_encoding) or delimiter not in (None, found_delimiter):
        rows = _reparse(data, encoding or found_encoding, delimiter or found_delimiter)
    header_index = next((i for i, row in enumerate(rows) if any(c.strip() for c in row)), None)
    if header_index is None:
        raise RosterFileError("The file is empty.")
    return RosterTable(rows, encoding or found_encoding, delimiter or found_delimiter, header_index)


def _reparse(data: bytes, encoding: str, delimiter: str) -> list[list[str]]:
    """The rows read with the encoding and delimiter the counselor chose."""
    import csv
    import io

    if encoding not in _CODECS:
        raise RosterFileError(f"Choose one of {', '.join(ENCODINGS)}.")
    if delimiter not in DELIMITER_NAMES:
        raise RosterFileError("Choose a comma, a semicolon or a tab as the separator.")
    try:
        text = data.decode(_CODECS[encoding])
    except UnicodeDecodeError:
        raise RosterFileError(
            f"The file cannot be read as {encoding}: choose another encoding."
        ) from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\x00" in text:
        raise RosterFileError(f"Read as {encoding}, the file is not text: choose another encoding.")
    first, _, rest = text.partition("\n")
    if first.lower().startswith("sep="):  # Excel's hidden hint line
        text = rest
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        return list(reader)
    except csv.Error:
        raise RosterFileError(
            f"The file cannot be read as a table from line {reader.line_num} on; a quotation "
            "mark may be missing its partner. Open it in Excel to check it, then save it again."
        ) from None


# --- Which column holds what ---------------------------------------------------------------------


def header_key(header: Sequence[str]) -> str:
    """What identifies an export's layout, for remembering its mapping: the folded header."""
    return "\t".join(header_name_key(name) for name in header).rstrip("\t")


def guess_mapping(header: Sequence[str]) -> Mapping:
    """Which column holds each field, from the header names; each column used once."""
    keys = [header_name_key(name) for name in header]
    mapping: Mapping = {}
    used: set[int] = set()
    for f in FIELDS:
        for wanted in _WANTED[f.key]:
            column = next((i for i, k in enumerate(keys) if k == wanted and i not in used), None)
            if column is not None:
                mapping[f.key] = column
                used.add(column)
                break
    return mapping


def usable_mapping(table: RosterTable, mapping: dict[str, Any]) -> Mapping:
    """``mapping`` (perhaps remembered from another time) kept to known fields and columns."""
    return {
        key: column
        for key, column in mapping.items()
        if key in FIELD_BY_KEY and isinstance(column, int) and 0 <= column < table.width
    }


def mapping_problem(table: RosterTable, mapping: Mapping) -> str | None:
    """Why ``mapping`` cannot be used (a required field without a column, a column used twice)."""
    missing = [FIELD_BY_KEY[key] for key in REQUIRED if key not in mapping]
    if len(missing) == len(REQUIRED):
        shown = ", ".join(c for c in table.header[:6] if c) or "nothing"
        return (
            "The first row of the file does not name the columns ILP Desktop needs. It reads: "
            f"{shown}. The roster needs a header row naming at least the SIS id, last name, "
            "first name and grade columns, for example Student_Number, Last_Name, First_Name, "
            "Grade_Level. Export the roster again with its header row, or add one."
        )
    if missing:
        wanted = "; ".join(f"{f.label} (such as {', '.join(f.headers[:3])})" for f in missing)
        return (
            f"The file has no column for: {wanted}. Add the column to the export, or rename "
            "its header, then import the file again."
        )
    columns: dict[int, str] = {}
    for key, column in mapping.items():
        if column in columns:
            return (
                f"{table.column_label(column)} is chosen for both "
                f"{FIELD_BY_KEY[columns[column]].label} and {FIELD_BY_KEY[key].label}: "
                "choose one column for each."
            )
        columns[column] = key
    return None


# --- The rows -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RowProblem:
    """What is wrong with one row; ``row`` is the spreadsheet's row number."""

    row: int
    message: str
    sis_id: str = ""

    def line(self) -> str:
        return f"Row {self.row}: {self.message}"


@dataclass
class RosterRecord:
    """One student's row: the values it gives, by field (blank cells are left out)."""

    row: int
    values: dict[str, Any] = field(default_factory=dict)

    @property
    def sis_id(self) -> str:
        return str(self.values["sis_id"])

    @property
    def guardian(self) -> Guardian | None:
        """The guardian the row names (only ever with a name: checked when it was read)."""
        if "guardian_name" not in self.values:
            return None
        return Guardian(
            name=self.values["guardian_name"],
            relationship=self.values.get("guardian_relationship", ""),
            phone=self.values.get("guardian_phone", ""),
            email=self.values.get("guardian_email", ""),
        )

    def new_student(self) -> Student:
        """The student this row adds to the roster."""
        values = self.values
        # Built directly rather than through applied_to: the check builds one for every row.
        student = Student(
            sis_id=values.get("sis_id", ""),
            first_name=values.get("first_name", ""),
            last_name=values.get("last_name", ""),
            grade=values.get("grade", ""),
            **{key: values[key] for key in _PLAIN_NEW if key in values},
        )
        guardian = self.guardian
        if guardian is not None:
            student.guardians.append(guardian)
        return student

    def applied_to(self, student: Student) -> Student:
        """``student`` with the fields this row gives; everything else left as it was.

        Languages the file gives come first and the others already noted are kept; a
        guardian with the same name is updated, another one is added.
        """
        simple = {
            key: value
            for key, value in self.values.items()
            if key not in GUARDIAN_FIELDS and key != "family_languages"
        }
        changed = student.with_changes(**simple)
        languages = self.values.get("family_languages")
        if languages and student.family_languages[: len(languages)] != languages:
            given = {fold(lang) for lang in languages}
            kept = [lang for lang in student.family_languages if fold(lang) not in given]
            changed.family_languages = [*languages, *kept]
        guardian = self.guardian
        if guardian is not None:
            guardians = list(student.guardians)
            same = next((i for i, g in enumerate(guardians) if g.name == guardian.name), None)
            if same is None:
                name = fold(guardian.name)
                same = next((i for i, g in enumerate(guardians) if fold(g.name) == name), None)
            if same is None:
                guardians.append(guardian)
            else:
                old = guardians[same]
                guardians[same] = Guardian(
                    name=guardian.name,
                    relationship=guardian.relationship or old.relationship,
                    phone=guardian.phone or old.phone,
                    email=guardian.email or old.email,
                    language=old.language,
                )
            changed.guardians = guardians
        return changed


@dataclass
class ParsedRoster:
    """Every row read: the students' values, or what is wrong with the rows."""

    records: list[RosterRecord]
    problems: list[RowProblem]

    @property
    def ok(self) -> bool:
        return not self.problems


def parse_roster(
    table: RosterTable, mapping: Mapping, *, today: dt.date | None = None
) -> ParsedRoster:
    """Every row below the header read with ``mapping`` and checked on its own.

    Checks: SIS id, first and last name and grade present and well formed, dates of birth,
    yes/no flags, guardian details, and each SIS id once in the file. (Whether a row matches
    a student already in the database is decided by the store.)
    """
    records: list[RosterRecord] = []
    problems: list[RowProblem] = []
    rows = list(table.data_rows())
    dob = mapping.get("date_of_birth")
    order = dob is not None and day_first([c[dob] for _, c in rows if dob < len(c)])
    first_row_of: dict[str, int] = {}
    for number, cells in rows:
        record, said = _read_row(number, cells, mapping, order, today)
        sis_id = str(record.values.get("sis_id", ""))
        if sis_id:
            earlier = first_row_of.setdefault(sis_id, number)
            if earlier != number:
                said.append(
                    f"SIS id {sis_id} is also on row {earlier}: each student must be on one row "
                    f"only (rows {earlier} and {number})."
                )
        if said:
            problems.append(RowProblem(number, " ".join(said), sis_id))
        else:
            records.append(record)
    if not rows:
        problems.append(
            RowProblem(table.header_index + 2, "The file has a header row but no students.")
        )
    return ParsedRoster(records, problems)


_LANGUAGE_SPLIT = re.compile(r"\s*[;,/|]\s*")


_EMPTY = {
    "sis_id": "The SIS id is empty.",
    "last_name": "The last name is empty.",
    "first_name": "The first name is empty.",
    "grade": "The grade is empty.",
}


def _read_row(
    number: int, cells: list[str], mapping: Mapping, order: bool, today: dt.date | None
) -> tuple[RosterRecord, list[str]]:
    values: dict[str, Any] = {}
    said: list[str] = []
    bad: set[str] = set()  # fields whose cell was said to be wrong
    for key, column in mapping.items():
        text = clean_cell(cells[column]) if column < len(cells) else ""
        if not text:
            continue
        try:
            values[key] = _read_value(key, text, order)
        except ValueError as error:
            said.append(str(error))
            bad.add(key)
    empty = [key for key in REQUIRED if key not in values and key not in bad]
    said[:0] = [_EMPTY[key] for key in empty]  # what is missing first, then what is wrong
    bad.update(empty)
    if "guardian_name" not in values and any(k in values for k in GUARDIAN_FIELDS):
        said.append("A guardian's phone, email or relationship is given without their name.")
    record = RosterRecord(number, values)
    # The rules the student form applies (SIS id characters, a plausible birth date, a
    # guardian email with its @), on the row with stand-ins for what was already said wrong.
    stand_ins = {"sis_id": "0", "first_name": "-", "last_name": "-", "grade": "9"}
    candidate = RosterRecord(number, {**stand_ins, **values}).new_student()
    for key, message in validate_student(candidate, today=today).items():
        if key not in bad:
            said.append(message)
    return record, said


def _read_value(key: str, text: str, order: bool) -> Any:
    """A cell's value for field ``key``; ValueError with the counselor's message."""
    if key == "grade":
        return read_grade(text)
    if key == "date_of_birth":
        try:
            return read_date(text, day_first=order)
        except ValueError as error:
            raise ValueError(f"Date of birth {error}") from None
    if key in FLAG_FIELDS:
        try:
            return read_flag(text)
        except ValueError:
            label = FIELD_BY_KEY[key].label
            raise ValueError(
                f"“{text}” under {label} is not yes or no (Y/N, 1/0, TRUE/FALSE)."
            ) from None
    if key == "family_languages":
        return [lang for lang in _LANGUAGE_SPLIT.split(text) if lang]
    return text


_CHANGE_LABELS = {
    "first_name": "first name",
    "last_name": "last name",
    "grade": "grade",
    "preferred_name": "preferred name",
    "homeroom": "homeroom",
    "counselor": "counselor",
    "date_of_birth": "date of birth",
    "iep": "IEP",
    "plan_504": "504 plan",
    "ell": "English learner",
    "gifted": "gifted",
}


def describe_changes(before: Student, after: Student) -> str:
    """What an import changes in a student: "grade 9 → 10, homeroom 101 → 204, guardians"."""
    parts = []
    for name, label in _CHANGE_LABELS.items():
        old, new = getattr(before, name), getattr(after, name)
        if old != new:
            if isinstance(new, bool):
                parts.append(f"{label} {'yes' if new else 'no'}")
            else:
                parts.append(f"{label} {old or '(none)'} → {new}")
    if before.family_languages != after.family_languages:
        parts.append("languages " + ", ".join(after.family_languages))
    if before.guardians != after.guardians:
        parts.append("guardians")
    if before.archived_at and not after.archived_at:
        parts.append("back from the archive")
    return ", ".join(parts)
