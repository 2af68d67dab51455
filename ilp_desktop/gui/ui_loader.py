"""Building widgets from the Qt Designer .ui files in ui/, and finding them by object name.

Not QUiLoader: on first use PySide's QUiLoader sets up the Python side of every widget class
Qt has (about 40 ms, a third of our start-up over a bare window), and uic's generated code
imports two dozen classes a form never uses. This reader handles the part of the .ui format
our forms use (widgets, box and grid layouts, spacers, properties, tab pages, buddies, tab
order) and refuses anything else loudly, so a form edited in Designer cannot half-load.
tests/gui/test_ui_files.py checks every form against QUiLoader's reading of it.
"""

from __future__ import annotations

import itertools
import operator
import xml.etree.ElementTree as ElementTree
from functools import reduce
from typing import Any, TypeVar

from PySide6 import QtCore, QtGui, QtWidgets
from PySide6.QtCore import QObject, QRect, QSize
from PySide6.QtWidgets import (
    QBoxLayout,
    QGridLayout,
    QLayout,
    QSizePolicy,
    QSpacerItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ..paths import ui_file

W = TypeVar("W", bound=QObject)

_LAYOUT_MARGINS = ("leftMargin", "topMargin", "rightMargin", "bottomMargin")
_MODULES = (QtWidgets, QtCore, QtGui)


class UiFormatError(ValueError):
    """A .ui file uses something this reader does not handle."""


def load_ui(name: str, parent: QWidget | None = None) -> QWidget:
    """Build the widget tree of ``ui/<name>`` (a QWidget form) as a child of ``parent``."""
    path = ui_file(name)
    root = ElementTree.parse(path).getroot()
    top = root.find("widget")
    if top is None:
        raise UiFormatError(f"{path}: no top-level <widget>")
    builder = _Builder(str(path))
    widget = builder.widget(top, parent, top_level=True)
    builder.finish(widget, root)
    return widget


def embed_ui(name: str, host: QWidget) -> QWidget:
    """Load ``ui/<name>`` and make it fill ``host`` edge to edge; returns the form."""
    form = load_ui(name, host)
    layout = QVBoxLayout(host)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(form)
    return form


def child(form: QObject, kind: type[W], name: str) -> W:
    """The widget called ``name`` in ``form``; a missing one is a bug in the .ui file."""
    found = form.findChild(kind, name)
    if found is None:
        raise LookupError(f"{form.objectName()} has no {kind.__name__} named {name!r}")
    return found


def _set(target: QObject, name: str, value: Any) -> bool:
    """Set a Qt property, or call its setter where it is not a declared property (a grid's
    horizontalSpacing, say). False if neither exists: setProperty alone would quietly make a
    dynamic property instead."""
    if target.setProperty(name, value):
        return True
    target.setProperty(name, None)  # undo the dynamic property setProperty just made
    setter = getattr(target, "set" + name[0].upper() + name[1:], None)
    if setter is None:
        return False
    setter(value)
    return True


class _Builder:
    def __init__(self, source: str) -> None:
        self.source = source
        self.buddies: list[tuple[QObject, str]] = []

    def fail(self, what: str) -> UiFormatError:
        return UiFormatError(f"{self.source}: {what}")

    # Widgets ----------------------------------------------------------------------------------
    def widget(
        self,
        node: ElementTree.Element,
        parent: QWidget | None,
        top_level: bool = False,
        in_layout: bool = False,
    ) -> QWidget:
        kind = getattr(QtWidgets, node.get("class", ""), None)
        if kind is None or not isinstance(kind, type) or not issubclass(kind, QWidget):
            raise self.fail(f"unknown widget class {node.get('class')!r}")
        widget = kind(parent)
        widget.setObjectName(node.get("name", ""))
        for item in node:
            if item.tag == "property":
                self.widget_property(widget, item, top_level)
            elif item.tag == "attribute":
                self.widget_attribute(widget, item)
            elif item.tag == "layout":
                # As Designer: a plain QWidget laid out in the form (a container) gets no margins.
                bare = in_layout and type(widget) is QWidget
                self.layout(item, widget, None, bare=bare)
            elif item.tag == "widget":
                if isinstance(widget, QTabWidget):
                    # Built before it has a parent, as Designer does: its layout then gets a
                    # window's margins, and the page looks as it does in Designer.
                    page = self.widget(item, None)
                    widget.addTab(page, self.attribute(item, "title", ""))
                else:
                    self.widget(item, widget)
            elif item.tag not in ("action", "addaction"):
                raise self.fail(f"<{item.tag}> inside a widget is not supported")
        return widget

    def widget_property(self, widget: QWidget, node: ElementTree.Element, top_level: bool) -> None:
        name = node.get("name", "")
        value = self.value(node)
        if name == "geometry":
            if top_level:
                widget.resize(value.size())
            return  # children are placed by their layouts
        if name == "buddy":
            self.buddies.append((widget, value))
            return
        if not _set(widget, name, value):
            raise self.fail(f"{widget.objectName()}: cannot set property {name!r}")

    def widget_attribute(self, widget: QWidget, node: ElementTree.Element) -> None:
        name = node.get("name", "")
        if name == "title":  # a tab page's title: read by the QTabWidget that adds the page
            return
        for header in ("horizontalHeader", "verticalHeader"):
            if name.startswith(header):
                target = getattr(widget, header)()
                prop = name[len(header)]
                prop = prop.lower() + name[len(header) + 1 :]
                if target.setProperty(prop, self.value(node)):
                    return
        raise self.fail(f"{widget.objectName()}: unsupported attribute {name!r}")

    def attribute(self, node: ElementTree.Element, name: str, default: Any) -> Any:
        for item in node.findall("attribute"):
            if item.get("name") == name:
                return self.value(item)
        return default

    # Layouts ----------------------------------------------------------------------------------
    def layout(
        self,
        node: ElementTree.Element,
        owner: QWidget,
        parent_layout: QLayout | None,
        *,
        bare: bool = False,
    ) -> QLayout:
        kind = getattr(QtWidgets, node.get("class", ""), None)
        if kind is None or not issubclass(kind, QLayout):
            raise self.fail(f"unknown layout class {node.get('class')!r}")
        layout = kind(owner) if parent_layout is None else kind()
        layout.setObjectName(node.get("name", ""))
        if parent_layout is None and not bare:
            current = layout.contentsMargins()
            margins = [current.left(), current.top(), current.right(), current.bottom()]
        else:
            margins = [0, 0, 0, 0]  # as Designer: nested layouts have no margins of their own
        for item in node:
            if item.tag == "property":
                name = item.get("name", "")
                value = self.value(item)
                if name in _LAYOUT_MARGINS:
                    margins[_LAYOUT_MARGINS.index(name)] = value
                elif not _set(layout, name, value):
                    raise self.fail(f"{layout.objectName()}: cannot set property {name!r}")
            elif item.tag == "item":
                self.layout_item(item, layout, owner)
            else:
                raise self.fail(f"<{item.tag}> inside a layout is not supported")
        layout.setContentsMargins(*margins)
        self.stretches(node, layout)
        return layout

    def layout_item(self, node: ElementTree.Element, layout: QLayout, owner: QWidget) -> None:
        (content,) = list(node)
        if content.tag == "widget":
            added: QWidget | QLayout | QSpacerItem = self.widget(content, owner, in_layout=True)
        elif content.tag == "layout":
            added = self.layout(content, owner, layout)
        elif content.tag == "spacer":
            added = self.spacer(content)
        else:
            raise self.fail(f"<{content.tag}> as a layout item is not supported")
        if isinstance(layout, QGridLayout):
            where = [int(node.get(k, d)) for k, d in (("row", 0), ("column", 0))]
            span = [int(node.get(k, 1)) for k in ("rowspan", "colspan")]
            if isinstance(added, QWidget):
                layout.addWidget(added, *where, *span)
            elif isinstance(added, QLayout):
                layout.addLayout(added, *where, *span)
            else:
                layout.addItem(added, *where, *span)
        elif isinstance(layout, QBoxLayout):
            if isinstance(added, QWidget):
                layout.addWidget(added)
            elif isinstance(added, QLayout):
                layout.addLayout(added)
            else:
                layout.addItem(added)
        else:
            raise self.fail(f"{type(layout).__name__} is not supported")

    def spacer(self, node: ElementTree.Element) -> QSpacerItem:
        props = {p.get("name"): self.value(p) for p in node.findall("property")}
        horizontal = props.get("orientation") == QtCore.Qt.Orientation.Horizontal
        size = props.get("sizeHint") or (QSize(40, 20) if horizontal else QSize(20, 40))
        stretch = props.get("sizeType", QSizePolicy.Policy.Expanding)
        fixed = QSizePolicy.Policy.Minimum
        if horizontal:
            return QSpacerItem(size.width(), size.height(), stretch, fixed)
        return QSpacerItem(size.width(), size.height(), fixed, stretch)

    def stretches(self, node: ElementTree.Element, layout: QLayout) -> None:
        for key, setter in (
            ("stretch", "setStretch"),
            ("columnstretch", "setColumnStretch"),
            ("rowstretch", "setRowStretch"),
        ):
            text = node.get(key)
            if text:
                set_stretch = getattr(layout, setter, None)
                if set_stretch is None:
                    raise self.fail(f"{layout.objectName()}: {key} on {type(layout).__name__}")
                for index, stretch in enumerate(text.split(",")):
                    set_stretch(index, int(stretch))

    # Values -----------------------------------------------------------------------------------
    def value(self, node: ElementTree.Element) -> Any:
        (data,) = list(node)
        tag, text = data.tag, data.text or ""
        if tag in ("string", "cstring"):
            return text
        if tag == "bool":
            return text == "true"
        if tag == "number":
            return int(text)
        if tag == "double":
            return float(text)
        if tag == "enum":
            return self.enum(text)
        if tag == "set":
            return reduce(operator.or_, (self.enum(part) for part in text.split("|")))
        if tag == "size":
            return QSize(int(data.findtext("width", "0")), int(data.findtext("height", "0")))
        if tag == "rect":
            x, y, w, h = (int(data.findtext(k, "0")) for k in ("x", "y", "width", "height"))
            return QRect(x, y, w, h)
        raise self.fail(f"property values of type <{tag}> are not supported")

    def enum(self, text: str) -> Any:
        """``QAbstractItemView::SelectionMode::SingleSelection`` -> that PySide enum value."""
        parts = text.strip().split("::")
        owner: Any = None
        for module in _MODULES:
            owner = getattr(module, parts[0], None)
            if owner is not None:
                break
        try:
            for part in parts[1:]:
                owner = getattr(owner, part)
        except AttributeError:
            owner = None
        if owner is None or len(parts) < 2:
            raise self.fail(f"unknown enum value {text!r}")
        return owner

    # After the tree ---------------------------------------------------------------------------
    def finish(self, form: QWidget, root: ElementTree.Element) -> None:
        for label, name in self.buddies:
            buddy = form.findChild(QWidget, name)
            if buddy is None:
                raise self.fail(f"buddy {name!r} of {label.objectName()} does not exist")
            label.setBuddy(buddy)  # type: ignore[attr-defined]
        order = [form.findChild(QWidget, t.text or "") for t in root.iterfind("tabstops/tabstop")]
        if None in order:
            raise self.fail("a tab stop names a widget that does not exist")
        for first, second in itertools.pairwise(order):
            QWidget.setTabOrder(first, second)
