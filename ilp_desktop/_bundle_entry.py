"""Entry script of the PyInstaller bundle (see build.spec).

PyInstaller runs its entry script as a top-level `__main__`, where the relative imports of
`ilp_desktop/__main__.py` do not work, so this one imports the command line absolutely.
"""

import multiprocessing
import sys

from ilp_desktop.cli import main

if __name__ == "__main__":
    # Batch handouts use worker processes: a frozen program must let a spawned worker run its
    # task instead of starting the app again (Windows and macOS spawn; harmless on Linux).
    multiprocessing.freeze_support()
    sys.exit(main())
