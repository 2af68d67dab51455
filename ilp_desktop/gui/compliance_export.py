"""File > Export compliance CSV: one row per student of the caseload, written atomically."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QSaveFile
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from ..domain.caseload import caseload_rows, compliance_csv, compliance_table
from ..domain.school_year import year_label
from ..store.caseload import CaseloadStore
from ..store.db import Store
from ..store.errors import StoreError
from ..store.school_calendar import load_calendar


def write_atomically(path: Path, data: bytes) -> str | None:
    """Write ``data`` to ``path`` all at once; the reason in words if it could not be."""
    target = QSaveFile(str(path))
    if not target.open(QSaveFile.OpenModeFlag.WriteOnly):
        return target.errorString()
    if target.write(data) != len(data):
        reason = target.errorString()
        target.cancelWriting()
        target.commit()
        return reason
    if not target.commit():
        return target.errorString()
    return None


def export_compliance(
    parent: QWidget, store: Store, folder: Path, today: dt.date | None = None
) -> Path | None:
    day = today or dt.date.today()
    calendar = load_calendar(store)
    label = year_label(calendar.year_of(day)).replace("–", "-")
    path, _ = QFileDialog.getSaveFileName(
        parent,
        "Export compliance CSV",
        str(folder / f"ilp-compliance-{label}-{day.isoformat()}.csv"),
        "CSV files (*.csv)",
    )
    if not path:
        return None
    target = Path(path)
    if target.suffix.lower() != ".csv":
        target = target.with_suffix(".csv")
    try:
        rows = caseload_rows(CaseloadStore(store).facts(day), day, calendar)
    except StoreError as error:
        QMessageBox.warning(parent, "Not exported", str(error))
        return None
    # A byte-order mark lets Excel read accented names as UTF-8.
    data = compliance_csv(compliance_table(rows, day, calendar)).encode("utf-8-sig")
    problem = write_atomically(target, data)
    if problem is not None:
        QMessageBox.warning(
            parent,
            "Not exported",
            f"Could not write {target}: {problem}\n\nNothing was changed there. Choose another "
            "folder (one you can write to, with free space) and try again.",
        )
        return None
    status = getattr(parent, "statusBar", None)
    if callable(status):
        status().showMessage(f"Exported {len(rows):,} students to {target}.", 6000)
    return target
