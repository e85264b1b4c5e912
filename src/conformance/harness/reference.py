"""With no URL at all, the run targets the embedded reference server on a free loopback port."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from conformance.harness.targets import Target


@contextmanager
def reference_targets() -> Iterator[tuple[Target, ...]]:
    """Both APIs of a reference server started for the run, stopped when the block ends."""
    from conformance.server import serving

    with serving() as server:
        yield Target("gateway", server.url), Target("registry", server.url)
