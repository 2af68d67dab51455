"""Times search keystrokes in the real main window; prints one duration (ms) per line.

Run by run_benchmarks.py in its own process: python keystroke_probe.py DB_PATH
"""

import os
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from ilp_desktop.app import create_main_window

# What a counselor types: names with accents left out, a correction, a second word, an id.
TYPED = ["nguyen", "\b\b\b\b\b\b", "garcia m", "\b" * 8, "o'brien", "\b" * 7, "2401", "\b" * 4]


def main() -> None:
    app = QApplication(sys.argv[:1])
    window = create_main_window(sys.argv[1])
    window.resize(1366, 740)
    window.show()
    app.processEvents()
    search = window.roster.search
    search.setFocus()
    viewport = window.roster.view.viewport()
    for chunk in TYPED:
        for char in chunk:
            key = Qt.Key.Key_Backspace if char == "\b" else 0
            text = "" if char == "\b" else char
            start = time.perf_counter()
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(
                    search, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, text)
                )
            viewport.repaint()  # the keystroke counts until the list on screen is redrawn
            app.processEvents()
            print(f"{(time.perf_counter() - start) * 1000:.3f}")
    window.close()


if __name__ == "__main__":
    main()
