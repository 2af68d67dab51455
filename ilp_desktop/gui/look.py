"""Shared look: heading fonts, flag chips and error labels, scaled from the system font."""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QWidget


def heading(label: QLabel, scale: float = 1.5, bold: bool = True) -> None:
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() * scale)
    font.setBold(bold)
    label.setFont(font)


def error_label(label: QLabel) -> None:
    """A message beside a field: dark red, readable on light and dark themes alike."""
    label.setStyleSheet("color: #b3261e;")
    label.setVisible(bool(label.text()))


def show_error(label: QLabel, message: str | None) -> None:
    label.setText(message or "")
    label.setVisible(bool(message))


CHIP_STYLE = (
    "QLabel#flagChip { background: #e8eef7; color: #1d3557; border: 1px solid #b8c7dd;"
    " border-radius: 9px; padding: 1px 8px; }"
)


def chip_holder(widget: QWidget) -> None:
    """Give ``widget`` the chip look for its chips: one style sheet, parsed once."""
    widget.setStyleSheet(CHIP_STYLE)


def chip(text: str, tooltip: str = "", parent: QWidget | None = None) -> QLabel:
    """A rounded flag label; its parent must be a chip_holder()."""
    label = QLabel(text, parent)
    label.setObjectName("flagChip")
    if tooltip:
        label.setToolTip(tooltip)
    return label
