"""The shared read-only table model: rows under headers, as Qt's model checker expects."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, Qt

from ilp_desktop.gui.models.list_model import ListTableModel


class Words(ListTableModel[str]):
    HEADERS = ("Word", "Letters")

    def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        word = self._item(index)
        if word is None or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (word, str(len(word)))[index.column()]


def test_rows_under_headers_pass_qts_model_checks(qtmodeltester: Any) -> None:
    model = Words(["Łukasz", "王小明", "Sinéad"])
    qtmodeltester.check(model)
    assert (model.rowCount(), model.columnCount()) == (3, 2)
    assert model.headerData(1, Qt.Orientation.Horizontal) == "Letters"
    assert model.headerData(5, Qt.Orientation.Horizontal) is None
    assert model.data(model.index(1, 1)) == "3"
    assert model.data(QModelIndex()) is None
    resets: list[int] = []
    model.modelReset.connect(lambda: resets.append(model.rowCount()))
    model._reset(["Ana"])
    assert resets == [1] and model.rows() == ["Ana"] and model.row(0) == "Ana"
    qtmodeltester.check(model)
