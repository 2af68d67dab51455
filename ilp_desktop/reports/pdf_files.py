"""Writing PDFs so that a failure never leaves half a file or spoils the one already there.

The one implementation is ilp_desktop/files.py (the store writes transfer packages with it
too); the name stays importable here for the reports and handout jobs.
"""

from __future__ import annotations

from ..files import write_atomically

__all__ = ["write_atomically"]
