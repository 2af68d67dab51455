"""The school's details for handouts: edited in a dialog, kept in the database."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QFileDialog, QMessageBox, QTableView

from ilp_desktop.domain.handout import SchoolDetails
from ilp_desktop.gui.dialogs.school_details_dialog import (
    MAX_LOGO_BYTES,
    SchoolDetailsDialog,
    read_logo,
)
from ilp_desktop.gui.main_window import MainWindow
from ilp_desktop.gui.models.counselor_contacts_model import CounselorContactsModel
from ilp_desktop.store.db import Store, open_store
from ilp_desktop.store.handouts import load_school_details, save_school_details
from ilp_desktop.store.students import StudentStore

from helpers import make_student
from qt_helpers import fill_on_exec, in_dialog


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = open_store(tmp_path / "school.sqlite", tmp_path / "backups")
    StudentStore(opened).add_many(
        [
            make_student(1, counselor="Dana Whitfield"),
            make_student(2, counselor="Erik  Lindqvist"),  # spaces as typed on the roster
            make_student(3, counselor="Dana Whitfield"),
        ]
    )
    yield opened
    opened.close()


@pytest.fixture
def open_dialog(qtbot: Any) -> Callable[[Store], SchoolDetailsDialog]:
    def make(store: Store) -> SchoolDetailsDialog:
        dialog = SchoolDetailsDialog(store)
        qtbot.addWidget(dialog)
        return dialog

    return make


def png(path: Path, width: int = 120, height: int = 40) -> Path:
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("#2f6f8f"))
    assert image.save(str(path), "PNG")
    return path


def choose_file(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(path), "Pictures (*.png)")
    )


def contact_rows(model: CounselorContactsModel) -> list[tuple[str, str]]:
    return [
        (model.index(row, 0).data(), model.index(row, 1).data()) for row in range(model.rowCount())
    ]


def test_details_round_trip(
    open_dialog: Callable[[Store], SchoolDetailsDialog],
    store: Store,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    dialog = open_dialog(store)
    assert dialog.logo is None and dialog.logo_preview.text() == "No logo"
    assert not dialog.remove_logo_button.isEnabled()
    assert contact_rows(dialog.contacts_model) == [("Dana Whitfield", ""), ("Erik Lindqvist", "")]
    dialog.name.setText("Riverside  High School ")
    dialog.address.setText("1200 River Road, Springfield, OR 97477")
    dialog.phone.setText("(541) 555-0142")
    dialog.paper.setCurrentIndex(dialog.paper.findData("a4"))
    model = dialog.contacts_model
    assert model.setData(model.index(0, 1), " ext. 214,  Tue/Thu 3–4 pm ")
    logo = png(tmp_path / "logo.png")
    choose_file(monkeypatch, logo)
    assert dialog.choose_logo()
    assert not dialog.logo_preview.pixmap().isNull()
    assert dialog.remove_logo_button.isEnabled()
    assert dialog.try_save()
    assert load_school_details(store) == SchoolDetails(
        name="Riverside High School",
        address="1200 River Road, Springfield, OR 97477",
        phone="(541) 555-0142",
        logo=logo.read_bytes(),
        paper="a4",
        counselor_contacts={"Dana Whitfield": "ext. 214, Tue/Thu 3–4 pm"},
    )
    # Opened again, it shows what was saved.
    again = open_dialog(store)
    assert again.name.text() == "Riverside High School"
    assert again.paper.currentData() == "a4"
    assert again.logo == logo.read_bytes() and not again.logo_preview.pixmap().isNull()
    assert contact_rows(again.contacts_model) == [
        ("Dana Whitfield", "ext. 214, Tue/Thu 3–4 pm"),
        ("Erik Lindqvist", ""),
    ]
    # Removing the logo is saved too.
    again.remove_logo()
    assert again.logo_preview.text() == "No logo"
    assert again.try_save()
    assert load_school_details(store).logo is None


def test_a_bad_logo_file_is_refused_with_a_message(
    open_dialog: Callable[[Store], SchoolDetailsDialog],
    store: Store,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    dialog = open_dialog(store)
    bad = tmp_path / "logo.png"
    bad.write_bytes(b"\x89PNG\r\n\x1a\nnot really a picture")
    choose_file(monkeypatch, bad)
    texts: list[str] = []

    def read(box: QMessageBox) -> None:
        assert box.icon() == QMessageBox.Icon.Warning
        texts.append(box.text())

    in_dialog(QMessageBox, read)
    assert not dialog.choose_logo()
    assert texts == [
        "logo.png is not a PNG or JPEG picture that can be read. Choose another file, or save "
        "the logo as PNG or JPEG first."
    ]
    assert dialog.logo is None and dialog.logo_preview.text() == "No logo"
    assert dialog.try_save()
    assert load_school_details(store).logo is None


def test_read_logo_takes_png_and_jpeg_only_up_to_2_mb(tmp_path: Path) -> None:
    picture = png(tmp_path / "logo.png")
    assert read_logo(picture) == picture.read_bytes()
    jpeg = tmp_path / "logo.jpg"
    assert QImage(str(picture)).save(str(jpeg), "JPEG")
    assert read_logo(jpeg) == jpeg.read_bytes()
    bmp = tmp_path / "logo.bmp"
    assert QImage(str(picture)).save(str(bmp), "BMP")
    with pytest.raises(ValueError, match="not a PNG or JPEG"):
        read_logo(bmp)
    big = tmp_path / "big.png"
    big.write_bytes(picture.read_bytes() + b"\0" * MAX_LOGO_BYTES)
    with pytest.raises(ValueError, match=r"big\.png is too large \(2\.0 MB\)"):
        read_logo(big)
    with pytest.raises(ValueError, match="could not be opened"):
        read_logo(tmp_path / "gone.png")


def test_refused_details_show_beside_the_field_and_nothing_is_saved(
    open_dialog: Callable[[Store], SchoolDetailsDialog], store: Store
) -> None:
    save_school_details(store, SchoolDetails(name="Before"))
    dialog = open_dialog(store)
    dialog.name.setText("x" * 121)
    model = dialog.contacts_model
    model.setData(model.index(1, 1), "y" * 201)
    assert not dialog.try_save()
    assert "too long" in dialog.errors["name"].text() and not dialog.errors["name"].isHidden()
    assert "Erik Lindqvist" in dialog.errors["contacts"].text()
    assert load_school_details(store) == SchoolDetails(name="Before")


def test_contacts_model_rows_and_editing() -> None:
    model = CounselorContactsModel(
        ["Priya Raman", "dana whitfield", "Priya Raman"],
        {"Old Counselor": "ext. 9", "Priya Raman": "room 12"},
    )
    assert contact_rows(model) == [
        ("dana whitfield", ""),
        ("Old Counselor", "ext. 9"),
        ("Priya Raman", "room 12"),
    ]
    name, contact = model.index(0, 0), model.index(0, 1)
    assert not model.flags(name) & Qt.ItemFlag.ItemIsEditable
    assert model.flags(contact) & Qt.ItemFlag.ItemIsEditable
    assert not model.setData(name, "Someone else")
    assert model.setData(contact, "  dana@school.example ")
    assert not model.setData(model.index(2, 1), "room  12 ")  # the same once cleaned
    assert model.setData(model.index(1, 1), "")  # cleared: left out
    assert model.contacts() == {"dana whitfield": "dana@school.example", "Priya Raman": "room 12"}
    # A counselor no longer on the roster is shown muted, and says why.
    assert model.index(1, 0).data(Qt.ItemDataRole.ForegroundRole) is not None
    assert "No student on the roster" in model.index(1, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert model.headerData(1, Qt.Orientation.Horizontal) == "How families reach them"


def test_file_menu_opens_the_dialog_and_saves(
    make_window: Callable[[Path], MainWindow],
    school_db: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def fill(dialog: SchoolDetailsDialog) -> None:
        assert dialog.findChild(QTableView, "counselorContacts") is dialog.contacts
        dialog.name.setText("Riverside High School")
        dialog.paper.setCurrentIndex(dialog.paper.findData("a4"))

    shown = fill_on_exec(monkeypatch, SchoolDetailsDialog, fill)
    window = make_window(school_db)
    action = next(
        a
        for a in window.menuBar().actions()[0].menu().actions()
        if a.text() == "&School details for handouts…"
    )
    action.trigger()
    assert len(shown) == 1
    assert window.statusBar().currentMessage() == "School details for handouts saved."
    details = load_school_details(window.store)
    assert (details.name, details.paper) == ("Riverside High School", "a4")
