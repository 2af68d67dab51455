"""Long work off the GUI thread, with a progress dialog and Cancel."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from ..store.errors import StoreError

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
        except StoreError as error:  # a refusal or a cancel, said to the user: no traceback
            log.info("background job stopped: %s", error)
            self.signals.failed.emit(error)
        except BaseException as error:  # handed to the GUI thread, which decides what to say
            log.exception("background job failed")
            self.signals.failed.emit(error)
        else:
            self.signals.finished.emit(result)


class _ProgressRunner(QObject):
    """Lives in the GUI thread; the job's signals reach it queued, so the dialog and the
    callbacks are only ever touched from the GUI thread."""

    def __init__(
        self,
        dialog: QProgressDialog,
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None],
    ) -> None:
        super().__init__(dialog)
        self.dialog = dialog
        self.on_done = on_done
        self.on_error = on_error

    @Slot(int, int)
    def progressed(self, done: int, total: int) -> None:
        self.dialog.setMaximum(total)
        self.dialog.setValue(done)

    @Slot(object)
    def finished(self, result: Any) -> None:
        self.dialog.close()
        self.dialog.deleteLater()
        self.on_done(result)

    @Slot(object)
    def failed(self, error: BaseException) -> None:
        self.dialog.close()
        self.dialog.deleteLater()
        self.on_error(error)


def run_with_progress(
    parent: QWidget,
    title: str,
    label: str,
    fn: JobFunction,
    on_done: Callable[[Any], None],
    on_error: Callable[[BaseException], None],
    *,
    cancellable: bool = True,
) -> Job:
    """Start ``fn`` in the background behind a modal progress dialog with a Cancel button
    (none when not ``cancellable``: work that must not stop half-way).

    ``on_done(result)`` or ``on_error(exception)`` is then called in the GUI thread.
    """
    dialog = QProgressDialog(label, "Cancel", 0, 0, parent)
    if not cancellable:
        dialog.setCancelButton(None)
    dialog.setWindowTitle(title)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(300)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    job = Job(fn)
    runner = _ProgressRunner(dialog, on_done, on_error)
    queued = Qt.ConnectionType.QueuedConnection
    job.signals.progressed.connect(runner.progressed, queued)
    job.signals.finished.connect(runner.finished, queued)
    job.signals.failed.connect(runner.failed, queued)
    dialog.canceled.connect(job.cancel)
    runner.job = job  # keep the job (and its signals) alive as long as the dialog
    QThreadPool.globalInstance().start(job)
    return job


class _Relay(QObject):
    """Lives in the GUI thread and hands a background result to a callback there."""

    def __init__(self, parent: QObject, on_done: Callable[[Any], None]) -> None:
        super().__init__(parent)
        self.on_done = on_done

    @Slot(object)
    def finished(self, result: Any) -> None:
        self.on_done(result)
        self.deleteLater()

    @Slot(object)
    def failed(self, _error: BaseException) -> None:
        self.deleteLater()  # logged by the job; quiet background work says nothing more


def run_in_background(
    parent: QObject, fn: Callable[[], Any], on_done: Callable[[Any], None]
) -> Job:
    """Run ``fn()`` on the thread pool with no dialog; ``on_done(result)`` in the GUI thread."""
    job = Job(lambda _progress, _cancelled: fn())
    relay = _Relay(parent, on_done)
    queued = Qt.ConnectionType.QueuedConnection
    job.signals.finished.connect(relay.finished, queued)
    job.signals.failed.connect(relay.failed, queued)
    relay.job = job
    QThreadPool.globalInstance().start(job)
    return job
