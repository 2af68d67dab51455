"""The course plan section of the Planning tab: grid, credit audit, course list, the course
dialog, the school's catalog (with CSV import) and graduation requirements."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QFileDialog, QMessageBox

from ilp_desktop.domain.courses import Course, GraduationRules, PlannedCourse
from ilp_desktop.gui.dialogs.graduation_rules_dialog import GraduationRulesDialog
from ilp_desktop.gui.dialogs.planned_course_dialog import PlannedCourseDialog
from ilp_desktop.gui.models.course_grid_model import CourseGridModel
from ilp_desktop.gui.models.course_list_models import CatalogModel, PlannedCoursesModel
from ilp_desktop.gui.models.credit_audit_model import STATUS, CreditAuditModel
from ilp_desktop.gui.planning import course_plan_section
from ilp_desktop.gui.planning.course_plan_section import CoursePlanSection
from ilp_desktop.store.courses import CourseStore
from ilp_desktop.store.db import Store, open_store
from ilp_desktop.store.students import StudentStore

from qt_helpers import in_dialog

CATALOG = [
    Course("ENG9", "English 9", "English", 1.0, "9"),
    Course("ENG10", "English 10", "English", 1.0, "10"),
    Course("MTH1", "Algebra I", "Mathematics", 1.0, "8-9"),
    Course("MTH2", "Geometry", "Mathematics", 1.0, "9-10"),
    Course("SCI1", "Biology", "Science", 1.0, "9-10"),
    Course("SOC1", "World History", "Social studies", 1.0),
    Course("ART1", "Drawing and Painting", "Fine arts", 0.5),
]


def planned(
    grade: str, term: str, title: str, area: str, credits: float, status: str, mark: str = ""
) -> PlannedCourse:
    return PlannedCourse(grade, term, title, area, credits, status, mark=mark)


# Łukasz Żółć (student 3) is in grade 11: grades 9 and 10 done, 11 under way, 12 planned.
PLAN = [
    planned("9", "Y", "English 9", "English", 1, "completed", "B+"),
    planned("9", "Y", "Algebra I", "Mathematics", 1, "completed", "A-"),
    planned("9", "S1", "Health", "Physical education and health", 0.5, "completed", "A"),
    planned("9", "S2", "Physical Education", "Physical education and health", 0.5, "completed"),
    planned("10", "Y", "English 10", "English", 1, "completed", "B"),
    planned("10", "Y", "Geometry", "Mathematics", 1, "no_credit", "F"),
    planned("11", "Y", "American Literature", "English", 1, "enrolled"),
    planned("11", "Y", "Geometry", "Mathematics", 1, "enrolled"),
    planned("12", "Y", "English 12", "English", 1, "planned"),
    planned("12", "S1", "Algebra II", "Mathematics", 1, "planned"),
]


@pytest.fixture
def store(school_db: Path) -> Iterator[Store]:
    opened = open_store(school_db)
    courses = CourseStore(opened)
    courses.import_catalog(CATALOG, replace_all=True)
    courses.add_plans([(3, PLAN)])
    yield opened
    opened.close()


@pytest.fixture
def section(qtbot: Any, store: Store) -> CoursePlanSection:
    widget = CoursePlanSection(store)
    qtbot.addWidget(widget)
    widget.resize(950, 900)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _student(store: Store, student_id: int) -> Any:
    student = StudentStore(store).get(student_id)
    assert student is not None
    return student


def _cell(section: CoursePlanSection, area: str, grade: str) -> str:
    model = section.grid_model
    row = next(r for r in range(model.rowCount()) if model.area_at(r) == area)
    column = model.grades().index(grade) + 1
    return (model.index(row, column).data() or "").replace("\u00a0", " ")


def _audit_row(section: CoursePlanSection, area: str) -> int:
    model = section.audit_model
    return next(r for r in range(model.rowCount()) if model.index(r, 0).data() == area)


def _answer_boxes(*answers: str) -> list[str]:
    """Click, on each message box as it opens, the button whose text starts with the next
    answer; returns each box's text and informative text."""
    seen: list[str] = []
    pending = list(answers)
    handled: list[QMessageBox] = []
    tries = [0]

    def run() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox) or box in handled or not box.isVisible():
            tries[0] += 1
            if tries[0] < 200:
                QTimer.singleShot(10, run)
            return
        handled.append(box)
        seen.append(f"{box.text()}\n{box.informativeText()}")
        wanted = pending.pop(0)
        button = next(b for b in box.buttons() if b.text().replace("&", "").startswith(wanted))
        if pending:
            QTimer.singleShot(0, run)
        button.click()

    QTimer.singleShot(0, run)
    return seen


# --- Showing a plan -----------------------------------------------------------------------------


def test_a_student_with_a_plan_fills_grid_audit_and_list(
    section: CoursePlanSection, store: Store
) -> None:
    section.set_student(_student(store, 3))

    assert section.grid_model.grades() == ["9", "10", "11", "12"]
    assert section.grid_model.heading(3) == "Grade 11\n(now)"
    assert section.grid_model.heading(4) == "Grade 12\n(next year)"
    assert section.grid_model.heading(1) == "Grade 9"
    assert _cell(section, "English", "9") == "✓ English 9 · 1 · Year (B+)"
    assert _cell(section, "Mathematics", "10") == "✗ Geometry · 1 · Year (F)"
    assert _cell(section, "Mathematics", "11") == "● Geometry · 1 · Year"
    assert _cell(section, "Mathematics", "12") == "○ Algebra II · 1 · S1"
    # Two courses in one box: one per line, in term order.
    assert _cell(section, "Physical education and health", "9").splitlines() == [
        "✓ Health · 0.5 · S1 (A)",
        "✓ Physical Education · 0.5 · S2",
    ]
    model = section.grid_model
    row = next(r for r in range(model.rowCount()) if model.area_at(r) == "English")
    tooltip = model.index(row, 1).data(Qt.ItemDataRole.ToolTipRole)
    assert "English 9" in tooltip and "Completed, final mark B+" in tooltip
    assert section.grid.height() >= sum(
        section.grid.rowHeight(r) for r in range(model.rowCount())
    ), "the page scrolls, not the grid"

    english = _audit_row(section, "English")
    audit = section.audit_model
    assert [audit.index(english, c).data() for c in range(audit.columnCount())] == [
        "English", "4", "2", "1", "1", "2", "Met once the plan is passed",
    ]  # fmt: skip
    assert audit.index(audit.rowCount() - 1, 0).data() == "Total"

    assert section.list_model.rowCount() == len(PLAN)
    result = section.audit()
    assert result is not None and result.total.earned == 4.0
    assert section.summary.text().startswith("Not yet on plan to graduate: 4 of 22 credits")
    assert section.warnings.isVisible()
    assert not section.ahead.isVisible()


def test_the_audit_marks_a_shortfall_row(section: CoursePlanSection, store: Store) -> None:
    section.set_student(_student(store, 3))
    audit = section.audit_model
    arts = _audit_row(section, "Fine arts")
    assert audit.index(arts, STATUS).data() == "1 credit short"
    colour = audit.index(arts, STATUS).data(Qt.ItemDataRole.ForegroundRole).color()
    assert colour == QColor("#b3261e")
    assert audit.index(arts, 0).data(Qt.ItemDataRole.FontRole).bold()
    # Mathematics: 1 earned (the failed Geometry counts nowhere), 1 enrolled, 1 planned: met.
    maths = _audit_row(section, "Mathematics")
    assert audit.index(maths, STATUS).data() == "Met once the plan is passed"
    assert audit.index(maths, STATUS).data(Qt.ItemDataRole.ForegroundRole) is None
    # The grid names the short area in dark red too, and the summary warns.
    grid = section.grid_model
    row = next(r for r in range(grid.rowCount()) if grid.area_at(r) == "Fine arts")
    assert grid.index(row, 0).data(Qt.ItemDataRole.ForegroundRole).color() == QColor("#b3261e")
    assert "Fine arts 1" in section.warnings.text()
    assert "In all: " in section.warnings.text()


def test_a_plan_that_covers_everything_is_on_plan(section: CoursePlanSection, store: Store) -> None:
    rules = CourseStore(store).rules()
    entries = [
        planned("12", "Y", f"{area.name} course", area.name, area.credits, "planned")
        for area in rules.areas
        if area.credits
    ]
    CourseStore(store).add_plans([(1, entries)])
    section.set_student(_student(store, 1))
    assert section.summary.text() == (
        "On plan to graduate: 0 of 22 credits earned, 0 enrolled, 22 planned."
    )
    assert not section.warnings.isVisible()
    total = section.audit_model.rowCount() - 1
    assert section.audit_model.index(total, STATUS).data() == "Met once the plan is passed"


# --- Editing the plan ---------------------------------------------------------------------------


def test_adding_a_course_through_the_dialog(
    qtbot: Any, section: CoursePlanSection, store: Store
) -> None:
    section.set_student(_student(store, 1))  # grade 9, nothing planned yet
    assert section.empty.isVisible()
    changes: list[bool] = []
    section.changed.connect(lambda: changes.append(True))

    def fill(dialog: PlannedCourseDialog) -> None:
        assert dialog.grade.currentData() == "9"
        assert dialog.status.currentData() == "enrolled", "the student's own grade: under way"
        completer = dialog.course.completer()
        completer.setCompletionPrefix("biol")  # part of a title
        assert completer.currentCompletion() == "SCI1 — Biology"
        completer.setCompletionPrefix("mth")  # part of a code
        assert completer.completionCount() == 2
        dialog.course.setEditText(completer.currentCompletion())
        assert dialog.area.currentData() == "Mathematics"
        dialog.course.setEditText("SCI1 — Biology")
        assert dialog.area.currentData() == "Science", "choosing from the catalog fills it in"
        assert dialog.credits.text() == "1"
        dialog.term.setCurrentIndex(dialog.term.findData("S1"))
        assert not dialog.mark.isEnabled()
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()

    seen = in_dialog(PlannedCourseDialog, fill)
    section.add_button.click()
    assert seen

    (saved,) = CourseStore(store).plan(1)
    assert (saved.title, saved.course_code, saved.area, saved.credits) == (
        "Biology", "SCI1", "Science", 1.0,
    )  # fmt: skip
    assert (saved.grade, saved.term, saved.status) == ("9", "S1", "enrolled")
    assert _cell(section, "Science", "9") == "● Biology · 1 · S1"
    science = _audit_row(section, "Science")
    assert section.audit_model.index(science, 3).data() == "1"  # enrolled
    assert section.list_model.rowCount() == 1
    assert [c.id for c in section.current_courses()] == [saved.id], "the new course is selected"
    assert section.edit_button.isEnabled()
    assert changes == [True]


def test_a_written_in_course_needs_its_area_and_a_mark_only_when_over(
    section: CoursePlanSection, store: Store
) -> None:
    section.set_student(_student(store, 1))
    dialog = section.course_dialog()
    dialog.course.setEditText("Marine Biology (summer program)")
    dialog.credits.setText("one")
    assert not dialog.try_save()
    assert "subject area" in dialog.errors["area"].text()
    assert "number" in dialog.errors["credits"].text()
    dialog.area.setCurrentIndex(dialog.area.findData("Science"))
    dialog.credits.setText("0,5")
    dialog.status.setCurrentIndex(dialog.status.findData("completed"))
    assert dialog.mark.isEnabled()
    dialog.mark.setText("A")
    assert dialog.try_save()
    (saved,) = CourseStore(store).plan(1)
    assert (saved.title, saved.course_code, saved.credits, saved.mark) == (
        "Marine Biology (summer program)", "", 0.5, "A",
    )  # fmt: skip


def test_double_clicking_a_box(
    section: CoursePlanSection, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    section.set_student(_student(store, 3))
    grid = section.grid_model
    arts = next(r for r in range(grid.rowCount()) if grid.area_at(r) == "Fine arts")

    # An empty box: the add dialog, with the grade and the area already chosen.
    def add(dialog: PlannedCourseDialog) -> None:
        assert dialog.original is None
        assert (dialog.grade.currentData(), dialog.area.currentData()) == ("12", "Fine arts")
        assert dialog.choose_course("ART1")
        assert dialog.try_save()

    in_dialog(PlannedCourseDialog, add)
    section.open_cell(grid.index(arts, 4))
    assert _cell(section, "Fine arts", "12") == "○ Drawing and Painting · 0.5 · Year"

    # A box with two courses: which one is asked first, then that one is edited.
    health = next(r for r in range(grid.rowCount()) if grid.area_at(r).startswith("Physical"))
    asked: list[list[str]] = []

    def pick(_parent: Any, _title: str, _label: str, items: list[str], *_rest: Any) -> Any:
        asked.append(items)
        return items[1], True

    monkeypatch.setattr(course_plan_section.QInputDialog, "getItem", pick)

    def edit(dialog: PlannedCourseDialog) -> None:
        assert dialog.original is not None and dialog.original.title == "Physical Education"
        dialog.mark.setText("A-")
        assert dialog.try_save()

    in_dialog(PlannedCourseDialog, edit)
    section.open_cell(grid.index(health, 1))
    assert len(asked) == 1 and len(asked[0]) == 2
    assert "✓ Physical Education · 0.5 · S2 (A-)" in _cell(
        section, "Physical education and health", "9"
    )


def test_clicking_a_box_selects_its_courses_and_remove_asks_which(
    section: CoursePlanSection, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    section.set_student(_student(store, 3))
    grid = section.grid_model
    health = next(r for r in range(grid.rowCount()) if grid.area_at(r).startswith("Physical"))
    section.grid.setCurrentIndex(grid.index(health, 1))
    assert sorted(c.title for c in section.current_courses()) == ["Health", "Physical Education"]
    assert section.remove_button.isEnabled()

    monkeypatch.setattr(
        course_plan_section.QInputDialog, "getItem", lambda *_args: ("Health — no", True)
    )
    section.remove_button.click()  # the answer matches no course: nothing happens
    assert len(CourseStore(store).plan(3)) == len(PLAN)

    monkeypatch.setattr(course_plan_section, "confirm_remove", lambda *_args: True)
    monkeypatch.setattr(
        section,
        "choose_one",
        lambda courses, _action: next(c for c in courses if c.title == "Health"),
    )
    section.remove_button.click()
    titles = [c.title for c in CourseStore(store).plan(3)]
    assert "Health" not in titles and len(titles) == len(PLAN) - 1
    assert "Health" not in _cell(section, "Physical education and health", "9")

    # A row picked in the list selects its box in the grid.
    row = section.list_model.row_of(CourseStore(store).plan(3)[0].id)
    section.select(section.list_model.record(row).id)
    assert section.grid.currentIndex() == grid.index_of(section.list_model.record(row).id)


# --- A middle-school student --------------------------------------------------------------------


def test_a_grade_8_student_plans_the_high_school_years(
    section: CoursePlanSection, store: Store
) -> None:
    CourseStore(store).add_plans([(5, [planned("9", "Y", "Biology", "Science", 1, "planned")])])
    section.set_student(_student(store, 5))  # María José Peña, grade 8
    assert section.ahead.isVisible()
    assert section.ahead.text().startswith("Planning the high-school years ahead")
    assert "grade 9 starts next year" in section.ahead.text()
    assert section.grid_model.grades() == ["9", "10", "11", "12"]
    assert section.grid_model.heading(1) == "Grade 9\n(next year)"
    assert all("now" not in section.grid_model.heading(c) for c in range(5))

    # A high-school course taken now, in grade 8, is offered and shows in its own column.
    dialog = section.course_dialog()
    grades = [dialog.grade.itemData(n) for n in range(dialog.grade.count())]
    assert grades == ["6", "7", "8", "9", "10", "11", "12"]
    assert dialog.grade.itemText(2) == "Grade 8 (for high-school credit)"
    assert dialog.grade.currentData() == "9", "the high-school years come first"
    assert dialog.status.currentData() == "planned"
    dialog.grade.setCurrentIndex(2)
    assert dialog.status.currentData() == "enrolled", "this year's course is under way"
    assert dialog.choose_course("MTH1")
    assert dialog.try_save()
    section.reload()
    assert section.grid_model.grades() == ["8", "9", "10", "11", "12"]
    assert section.grid_model.heading(1) == "Grade 8\n(now)"
    assert _cell(section, "Mathematics", "8") == "● Algebra I · 1 · Year"
    line = section.audit()
    assert line is not None and line.total.enrolled == 1.0


def test_a_high_school_student_is_not_told_about_the_years_ahead(
    section: CoursePlanSection, store: Store
) -> None:
    section.set_student(_student(store, 5))
    section.set_student(_student(store, 1))
    assert not section.ahead.isVisible()
    dialog = section.course_dialog()
    assert [dialog.grade.itemData(n) for n in range(dialog.grade.count())] == [
        "9", "10", "11", "12",
    ]  # fmt: skip


# --- The school's catalog -----------------------------------------------------------------------


def _write(tmp_path: Path, text: str, encoding: str = "utf-8-sig") -> Path:
    path = tmp_path / "catalog.csv"
    path.write_bytes(text.encode(encoding))
    return path


def test_importing_a_csv_with_bad_rows_lists_them_and_saves_nothing(
    section: CoursePlanSection, store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _write(
        tmp_path,
        "Course Code,Course Title,Subject Area,Credits,Grades\n"
        "NEW1,Oceanography,Science,1,11-12\n"
        "NEW2,Ceramics,Fine arts,one,9-12\n"
        "NEW3,Debate,Speech,0.5,\n"
        "NEW4,Statistics,Mathematics,1,12\n",
    )
    before = CourseStore(store).catalog()
    dialog = section.catalog_dialog()
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_args, **_kw: (str(path), ""))
    seen = _answer_boxes("OK")
    dialog.import_button.click()

    assert len(seen) == 1
    assert "Nothing was imported: 2 lines of “catalog.csv” need fixing first" in seen[0]
    assert "Line 3: The credits “one” are not a number." in seen[0]
    assert "Line 4: “Speech” is not one of the school's subject areas." in seen[0]
    assert CourseStore(store).catalog() == before
    assert dialog.model.rowCount() == len(before)


def test_a_good_csv_imports_and_updates_courses_with_the_same_code(
    section: CoursePlanSection, store: Store, tmp_path: Path
) -> None:
    # Excel's plain "CSV" on Windows: Windows-1252, semicolons, decimal commas.
    path = _write(
        tmp_path,
        "Code;Title;Department;Credit;Grade levels;Description\n"
        "SCI1;Biology (lab);science;1;9-10;Cells, genetics and ecology\n"
        "SPA1;Español I;World languages;1;9-12;\n"
        "ART2;Cerámica;Fine arts;0,5;10-12;\n",
        "cp1252",
    )
    dialog = section.catalog_dialog()
    seen = _answer_boxes("Add to the catalog", "OK")
    assert dialog.import_file(path)

    assert "All 3 courses in “catalog.csv” can be imported." in seen[0]
    assert "1 of them have the same code" in seen[0]
    assert seen[1].startswith("2 courses added, 1 updated. The catalog now has 9 courses.")
    catalog = {c.code: c for c in CourseStore(store).catalog()}
    assert len(catalog) == len(CATALOG) + 2
    assert catalog["SCI1"].title == "Biology (lab)"
    assert catalog["SPA1"].title == "Español I"
    assert (catalog["ART2"].title, catalog["ART2"].area, catalog["ART2"].credits) == (
        "Cerámica", "Fine arts", 0.5,
    )  # fmt: skip
    assert dialog.model.rowCount() == len(CATALOG) + 2

    # Replacing: the catalog becomes exactly the file; students' plans keep their courses.
    seen = _answer_boxes("Replace the whole catalog", "OK")
    assert dialog.import_file(path)
    assert sorted(c.code for c in CourseStore(store).catalog()) == ["ART2", "SCI1", "SPA1"]
    assert "6 taken out" in seen[1]
    assert len(CourseStore(store).plan(3)) == len(PLAN)


def test_an_import_can_be_cancelled_and_a_workbook_is_refused(
    section: CoursePlanSection, store: Store, tmp_path: Path
) -> None:
    path = _write(tmp_path, "code,title,area,credits\nX1,Chess,Electives,0.5\n")
    dialog = section.catalog_dialog()
    _answer_boxes("Cancel")
    assert not dialog.import_file(path)
    assert len(CourseStore(store).catalog()) == len(CATALOG)

    workbook = tmp_path / "catalog.xlsx"
    workbook.write_bytes(b"PK\x03\x04 not really a workbook")
    seen = _answer_boxes("OK")
    assert not dialog.import_file(workbook)
    assert "Excel workbook" in seen[0] and "The catalog is unchanged." in seen[0]


def test_the_catalog_table_searches_sorts_and_edits(
    section: CoursePlanSection, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = section.catalog_dialog()
    dialog.search.setText("algebra")
    assert dialog.proxy.rowCount() == 1 and dialog.count.text() == "1 of 7 courses"
    dialog.search.setText("")
    dialog.view.sortByColumn(3, Qt.SortOrder.AscendingOrder)  # credits, as numbers
    assert dialog.proxy.index(0, 0).data() == "ART1"

    assert dialog.select("MTH2")

    def edit(course_dialog: Any) -> None:
        course_dialog.credits.setText("0.5")
        assert course_dialog.try_save()

    in_dialog(type(dialog.course_dialog()), edit)
    dialog.edit_button.click()
    assert {c.code: c.credits for c in CourseStore(store).catalog()}["MTH2"] == 0.5
    assert dialog.current() is not None and dialog.current().code == "MTH2"

    monkeypatch.setattr(QMessageBox, "question", lambda *_args: QMessageBox.StandardButton.Yes)
    dialog.remove_button.click()
    assert "MTH2" not in {c.code for c in CourseStore(store).catalog()}


# --- Graduation requirements --------------------------------------------------------------------


def test_switching_to_trimesters_changes_the_term_choices(
    section: CoursePlanSection, store: Store
) -> None:
    section.set_student(_student(store, 1))
    before = section.course_dialog()
    assert [before.term.itemText(n) for n in range(before.term.count())] == [
        "Full year", "Semester 1", "Semester 2",
    ]  # fmt: skip
    changes: list[bool] = []
    section.changed.connect(lambda: changes.append(True))

    def switch(dialog: GraduationRulesDialog) -> None:
        dialog.term_system.setCurrentIndex(dialog.term_system.findData("trimester"))
        assert dialog.term_hint.isVisible()
        assert dialog.try_save()

    in_dialog(GraduationRulesDialog, switch)
    section.rules_button.click()

    assert CourseStore(store).rules().term_system == "trimester"
    assert changes == [True]
    after = section.course_dialog()
    assert [after.term.itemText(n) for n in range(after.term.count())] == [
        "Full year", "Trimester 1", "Trimester 2", "Trimester 3",
    ]  # fmt: skip


def test_the_rules_dialog_checks_the_rules_and_renames_carry_the_courses(
    section: CoursePlanSection, store: Store
) -> None:
    section.set_student(_student(store, 3))
    dialog = section.rules_dialog()
    dialog.total.setText("10")
    assert not dialog.try_save()
    assert "more than the total of 10" in dialog.error.text()
    dialog.total.setText("24")
    dialog.set_area(1, credits="lots")
    assert not dialog.try_save()
    assert "Mathematics must be a number" in dialog.error.text()
    dialog.set_area(1, name="Math", credits="4")
    assert dialog.overflow.currentText() == "Electives"
    dialog.first_grade.setCurrentIndex(dialog.first_grade.findData("8"))
    assert dialog.try_save()

    rules: GraduationRules = CourseStore(store).rules()
    assert rules.grades == ("8", "9", "10", "11", "12")
    assert (rules.areas[1].name, rules.areas[1].credits, rules.total) == ("Math", 4.0, 24.0)
    assert {c.area for c in CourseStore(store).plan(3) if "Algebra" in c.title} == {"Math"}
    assert "MTH1" in {c.code for c in CourseStore(store).catalog() if c.area == "Math"}
    section.reload()
    audit = section.audit()
    assert audit is not None and not audit.unmatched
    assert section.grid_model.grades()[0] == "8"


def test_adding_and_removing_an_area(section: CoursePlanSection, store: Store) -> None:
    dialog = section.rules_dialog()
    rows = dialog.areas.rowCount()
    dialog.add_area()
    dialog.set_area(rows, name="Computer science", credits="1")
    dialog.total.setText("23")
    assert dialog.overflow.findText("Computer science") >= 0
    dialog.table.selectRow(0)
    dialog.remove_area()
    dialog.total.setText("19")
    assert dialog.removed() == ["English"]
    assert dialog.try_save(confirm=False)
    names = CourseStore(store).rules().area_names()
    assert "Computer science" in names and "English" not in names


# --- The models on their own --------------------------------------------------------------------


def test_the_models_pass_the_model_tester(qtmodeltester: Any, store: Store) -> None:
    courses = CourseStore(store)
    rules = courses.rules()
    plan = courses.plan(3)
    grid = CourseGridModel()
    from ilp_desktop.domain.courses import credit_audit

    grid.set_plan(plan, rules, "11", credit_audit(plan, rules))
    qtmodeltester.check(grid)
    audit = CreditAuditModel()
    audit.set_audit(credit_audit(plan, rules))
    qtmodeltester.check(audit)
    listed = PlannedCoursesModel()
    listed.set_records(plan)
    qtmodeltester.check(listed)
    catalog = CatalogModel()
    catalog.set_records(courses.catalog())
    qtmodeltester.check(catalog)
