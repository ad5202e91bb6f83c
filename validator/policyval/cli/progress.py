"""Progress of a long run: one updating line on stderr, only when stderr is a terminal.

Never on stdout, and silent when stderr is a file or a pipe (CI logs, pre-commit), so
machine-readable output is never touched.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import TextIO

MIN_FILES = 200  # shorter runs finish before a progress line would help
INTERVAL = 0.5  # seconds between updates
_CLEAR = "\r\x1b[K"  # back to the line's start, erase it


class Progress:
    """A ``core.Options.progress`` callback. Call ``close()`` before printing the report."""

    def __init__(self, stream: TextIO | None = None, clock: Callable[[], float] = time.monotonic) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.clock = clock
        self.shown = False
        self._last = clock()  # the first line waits one interval: quick runs show nothing
        try:
            self.enabled = self.stream.isatty()
        except (AttributeError, ValueError):  # a closed or odd stream
            self.enabled = False

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled or total <= MIN_FILES:
            return
        now = self.clock()
        if now - self._last < INTERVAL:
            return
        self._last = now
        self.stream.write(f"{_CLEAR}policyval: checked {done}/{total} files ({100 * done // total}%)")
        self.stream.flush()
        self.shown = True

    def close(self) -> None:
        """Erase the progress line, so the report starts on a clean line."""
        if self.shown:
            self.stream.write(_CLEAR)
            self.stream.flush()
            self.shown = False
