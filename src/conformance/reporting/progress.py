"""The progress line of a long run: what the engine is sending, on a terminal only."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import TextIO


class Progress:
    """One self-rewriting status line on stderr, only on a terminal and only for slow runs.

    ``advance`` is the engine's progress callback: it is called before each request with what
    is sent (``3/46 requests: gateway GET /v1/models``)."""

    DELAY = 1.0  # a run that ends sooner never shows the line
    REFRESH = 0.1  # redraw at most ten times a second
    _CLEAR = "\r\x1b[2K"

    def __init__(
        self,
        stream: TextIO | None = None,
        *,
        enabled: bool | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = self.stream.isatty() if enabled is None else enabled
        self._clock = clock
        self._started = clock()
        self._drawn_at: float | None = None

    def advance(self, text: str) -> None:
        if not self.enabled:
            return
        now = self._clock()
        if now - self._started < self.DELAY:
            return
        if self._drawn_at is not None and now - self._drawn_at < self.REFRESH:
            return
        self._drawn_at = now
        line = f"conformance, {now - self._started:.0f}s: {text}"
        self.stream.write(self._CLEAR + line[:120])
        self.stream.flush()

    def finish(self) -> None:
        if self._drawn_at is not None:
            self.stream.write(self._CLEAR)
            self.stream.flush()
            self._drawn_at = None
