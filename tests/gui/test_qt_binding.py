"""Guards against a Qt binding that corrupts Python's reference counts.

PySide6 6.12.0 returned None to Python without taking a reference (for an empty QVariant and
for void calls). Each roster keystroke then cost None a few references and a long session
aborted with "deallocating None". These tests fail on such a binding.
"""

import sys

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, QStringListModel, Qt


def test_empty_variants_keep_none_alive() -> None:
    model = QStringListModel(["a", "b", "c"])
    index = model.index(0, 0)
    before = sys.getrefcount(None)
    for _ in range(2000):
        assert index.data(Qt.ItemDataRole.ToolTipRole) is None
    assert sys.getrefcount(None) >= before - 50


def test_void_calls_keep_none_alive() -> None:
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(QStringListModel(["a", "b"]))
    before = sys.getrefcount(None)
    for _ in range(2000):
        proxy.invalidate()
    assert sys.getrefcount(None) >= before - 50
    assert proxy.rowCount(QModelIndex()) == 2
