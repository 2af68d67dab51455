"""Times keystrokes in the career search over a full O*NET import; prints ms per keystroke.

python career_keystroke_probe.py DB_PATH  (the database must hold an imported O*NET release and
a student). Not collected by pytest; the result is recorded in docs/performance.md.
"""

import os
import statistics
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from ilp_desktop.app import create_main_window

# A counselor looking for jobs by other names, with corrections.
TYPED = ["software", "\b" * 8, "enfermera", "\b" * 9, "welder", "\b" * 6, "teacher", "\b" * 7]


def main() -> None:
    app = QApplication(sys.argv[:1])
    window = create_main_window(sys.argv[1])
    window.resize(1366, 740)
    window.show()
    app.processEvents()
    window.roster.select_student(window.roster.proxy.student_id(0))
    window.student_page.tabs.setCurrentIndex(1)
    tab = window.career_exploration()
    app.processEvents()
    careers = tab.model.rowCount()
    search = tab.search
    search.setFocus()
    viewport = tab.table.viewport()
    times = []
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
            times.append((time.perf_counter() - start) * 1000)
    window.close()
    print(
        f"{careers} careers, {len(times)} keystrokes: median {statistics.median(times):.1f} ms, "
        f"max {max(times):.1f} ms"
    )


if __name__ == "__main__":
    main()
