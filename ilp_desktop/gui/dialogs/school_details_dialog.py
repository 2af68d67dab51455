"""The school's details for conference handouts: name, address, phone, logo, paper size, and how
families reach each counselor. Kept in the database, so everyone who opens it shares them."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...domain.handout import SchoolDetails, check_school_details
from ...store.db import Store
from ...store.handouts import counselor_names, load_school_details, save_school_details
from ..look import error_label, heading
from ..models.counselor_contacts_model import CONTACT, CounselorContactsModel
from .activity_dialog import RecordDialog, line

MAX_LOGO_BYTES = 2_000_000
LOGO_PREVIEW = (180, 72)  # pixels: about as the handout's header shows it
PAPERS = (("letter", "Letter (8.5 × 11 in)"), ("a4", "A4 (210 × 297 mm)"))
_PNG = b"\x89PNG\r\n\x1a\n"
_JPEG = b"\xff\xd8\xff"


def read_logo(path: Path) -> bytes:
    """The picture's bytes, or ValueError with a message when it cannot be the logo."""
    try:
        size = path.stat().st_size
        if size > MAX_LOGO_BYTES:
            raise ValueError(
                f"{path.name} is too large ({size / 1_000_000:.1f} MB): the logo may be 2 MB at "
                "most. Choose a smaller picture, or save this one smaller first."
            )
        data = path.read_bytes()
    except OSError as error:
        raise ValueError(f"{path.name} could not be opened: {error.strerror or error}.") from None
    if not data.startswith((_PNG, _JPEG)) or QImage.fromData(data).isNull():
        raise ValueError(
            f"{path.name} is not a PNG or JPEG picture that can be read. Choose another file, "
            "or save the logo as PNG or JPEG first."
        )
    return data


class SchoolDetailsDialog(RecordDialog):
    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(
            "School details for handouts",
            lambda details: save_school_details(store, details) or details,
            parent,
        )
        current = load_school_details(store)
        self.logo: bytes | None = current.logo
        self.folder: Path | None = None  # where the logo was last chosen from
        intro = QLabel(
            "Printed at the top of every conference handout. They are kept in this database, "
            "so every counselor who opens it shares them.",
            self,
        )
        intro.setWordWrap(True)
        self.form.addRow(intro)
        self.name = line(current.name, "e.g. Riverside High School", self)
        self.add_row("School name:", "name", self.name)
        self.address = line(current.address, "Street, town and postcode, on one line", self)
        self.add_row("Address:", "address", self.address)
        self.phone = line(current.phone, "The school's main number", self)
        self.add_row("Phone:", "phone", self.phone)
        self.add_row("Logo:", "logo", self._logo_row())
        self.paper = QComboBox(self)
        for key, label in PAPERS:
            self.paper.addItem(label, key)
        self.paper.setCurrentIndex(max(0, self.paper.findData(current.paper)))
        self.paper.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.add_row("Paper size:", "paper", self.paper)

        self.contacts_model = CounselorContactsModel(
            counselor_names(store), current.counselor_contacts, self
        )
        self.contacts = QTableView(self)
        self.contacts.setObjectName("counselorContacts")
        self.contacts.setModel(self.contacts_model)
        self.contacts.verticalHeader().hide()
        self.contacts.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.contacts.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.contacts.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        header = self.contacts.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(CONTACT, QHeaderView.ResizeMode.Stretch)
        self.contacts.setMinimumHeight(self.contacts.verticalHeader().defaultSectionSize() * 6)
        self.contacts.setAccessibleName("How families reach each counselor")
        if self.contacts_model.rowCount():
            self.contacts.setCurrentIndex(self.contacts_model.index(0, CONTACT))
        title = QLabel("How families reach each counselor", self)
        heading(title, 1.1)
        hint = QLabel(
            "A phone number, an email address or office hours: the handout prints it beside "
            "the counselor's name. Double-click a line to change it."
            if self.contacts_model.rowCount()
            else "Counselors appear here once students on the roster have one.",
            self,
        )
        hint.setWordWrap(True)
        hint.setStyleSheet("color: palette(placeholder-text);")
        contacts_error = QLabel(self)
        contacts_error.setWordWrap(True)
        error_label(contacts_error)
        self.errors["contacts"] = contacts_error
        self.fields["contacts"] = self.contacts
        section = QVBoxLayout()
        section.setContentsMargins(0, 10, 0, 0)
        section.setSpacing(4)
        for widget in (title, hint, self.contacts, contacts_error):
            section.addWidget(widget)
        outer = self.layout()
        assert isinstance(outer, QVBoxLayout)
        outer.insertLayout(1, section, 1)
        self.setMinimumWidth(640)
        self.resize(720, 640)

    # The logo ---------------------------------------------------------------------------------
    def _logo_row(self) -> QWidget:
        holder = QWidget(self)
        row = QHBoxLayout(holder)
        row.setContentsMargins(0, 0, 0, 0)
        self.logo_preview = QLabel(holder)
        self.logo_preview.setFixedSize(*LOGO_PREVIEW)
        self.logo_preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.logo_preview.setStyleSheet(
            "border: 1px solid #c3c9d1; background: white; color: #6b7280;"
        )
        self.logo_preview.setAccessibleName("Logo preview")
        self.choose_logo_button = QPushButton("Choose…", holder)
        self.choose_logo_button.setToolTip("A PNG or JPEG picture, 2 MB at most")
        self.remove_logo_button = QPushButton("Remove", holder)
        self.choose_logo_button.clicked.connect(self.choose_logo)
        self.remove_logo_button.clicked.connect(self.remove_logo)
        buttons = QVBoxLayout()
        buttons.addWidget(self.choose_logo_button)
        buttons.addWidget(self.remove_logo_button)
        buttons.addStretch(1)
        note = QLabel("PNG or JPEG,\n2 MB at most", holder)
        note.setStyleSheet("color: palette(placeholder-text);")
        row.addWidget(self.logo_preview)
        row.addLayout(buttons)
        row.addWidget(note, 0, Qt.AlignmentFlag.AlignTop)
        row.addStretch(1)
        self._show_logo()
        return holder

    def _show_logo(self) -> None:
        image = QImage.fromData(self.logo) if self.logo else QImage()
        if image.isNull():
            self.logo_preview.setPixmap(QPixmap())
            self.logo_preview.setText("No logo")
        else:
            width, height = LOGO_PREVIEW
            pixmap = QPixmap.fromImage(image).scaled(
                width - 8,
                height - 8,
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
            self.logo_preview.setPixmap(pixmap)
        self.remove_logo_button.setEnabled(self.logo is not None)

    def choose_logo(self) -> bool:
        """Ask for a picture; True when it became the logo (a message when it was refused)."""
        folder = self.folder or Path.home()
        path, _ = QFileDialog.getOpenFileName(
            self, "Choose the school's logo", str(folder), "Pictures (*.png *.jpg *.jpeg)"
        )
        if not path:
            return False
        self.folder = Path(path).parent
        try:
            self.logo = read_logo(Path(path))
        except ValueError as error:
            QMessageBox.warning(self, "Logo not used", str(error))
            return False
        self._show_logo()
        return True

    def remove_logo(self) -> None:
        self.logo = None
        self._show_logo()

    # Saving -----------------------------------------------------------------------------------
    def build(self) -> SchoolDetails:
        return SchoolDetails(
            name=" ".join(self.name.text().split()),
            address=" ".join(self.address.text().split()),
            phone=" ".join(self.phone.text().split()),
            logo=self.logo,
            paper=self.paper.currentData(),
            counselor_contacts=self.contacts_model.contacts(),
        )

    def problems(self, record: SchoolDetails) -> dict[str, str]:
        return check_school_details(record)
