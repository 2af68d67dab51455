"""Long work off the GUI thread, with a progress dialog and Cancel."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

log = logging.getLogger(__name__)

# fn(progress, is_cancelled) -> result; progress(done, total) may be called from the worker.
JobFunction = Callable[[Callable[[int, int], None], Callable[[], bool]], Any]


class JobSignals(QObject):
    progressed = Signal(int, int)
    finished = Signal(object)
    failed = Signal(object)


class Job(QRunnable):
    """Runs ``fn`` on the thread pool; results and errors come back as signals."""

    def __init__(self, fn: JobFunction) -> None:
        super().__init__()
        self.fn = fn
        self.signals = JobSignals()
        self._cancel = threading.Event()
        self.setAutoDelete(False)

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def run(self) -> None:
        try:
            result = self.fn(self.signals.progressed.emit, self._cancel.is_set)
        except BaseException as error:  # handed to the GUI thread, which decides what to say
            log.exception("background job failed")
            self.signals.failed.emit(error)
        else:
            self.signals.finished.emit(result)


def run_with_progress(
    parent: QWidget,
    title: str,
    label: str,
    fn: JobFunction,
    on_done: Callable[[Any], None],
    on_error: Callable[[BaseException], None],
) -> Job:
    """Start ``fn`` in the background behind a modal progress dialog with a Cancel button."""
    dialog = QProgressDialog(label, "Cancel", 0, 0, parent)
    dialog.setWindowTitle(title)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(300)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    job = Job(fn)

    def progressed(done: int, total: int) -> None:
        dialog.setMaximum(total)
        dialog.setValue(done)

    def finished(result: Any) -> None:
        dialog.close()
        on_done(result)

    def failed(error: BaseException) -> None:
        dialog.close()
        on_error(error)

    job.signals.progressed.connect(progressed)
    job.signals.finished.connect(finished)
    job.signals.failed.connect(failed)
    dialog.canceled.connect(job.cancel)
    QThreadPool.globalInstance().start(job)
    dialog._job = job  # type: ignore[attr-defined]  # keep the job alive with its dialog
    return job
