"""The window's career library: loaded once, reloaded after an import, shared by all views."""

from __future__ import annotations

import gc
import logging
import time

from PySide6.QtCore import QObject, Signal

from .. import bundled
from ..domain.career_library import CareerLibrary, assemble
from ..store.career_library import load_imported
from ..store.db import Store

log = logging.getLogger(__name__)


class CareerLibraryHolder(QObject):
    changed = Signal()

    def __init__(self, store: Store, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self._library: CareerLibrary | None = None

    @property
    def library(self) -> CareerLibrary:
        if self._library is None:
            self._library = self._load()
        return self._library

    def reload(self) -> None:
        self._library = self._load()
        self.changed.emit()

    def _load(self) -> CareerLibrary:
        started = time.perf_counter()
        with self.store.reading() as conn:
            imported = load_imported(conn)
        library = assemble(bundled.starter_library(), imported)
        # A full O*NET library is ~100,000 long-lived objects; left to the cyclic collector,
        # they made every later full collection pause typing for a few hundred milliseconds.
        gc.freeze()
        log.info(
            "career library %s: %d careers in %.0f ms",
            library.source_label,
            len(library.careers),
            (time.perf_counter() - started) * 1000,
        )
        return library
