"""The baseline for the start-up benchmark: a bare QMainWindow with three tabs, then exit."""

import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QTabWidget, QWidget

app = QApplication(sys.argv[:1])
window = QMainWindow()
tabs = QTabWidget()
for title in ("Self-exploration", "Career exploration", "Planning"):
    tabs.addTab(QWidget(), title)
window.setCentralWidget(tabs)
window.show()
QTimer.singleShot(0, app.quit)
sys.exit(app.exec())
