"""The one bounded reader: the bytes of a file or of stdin, never more than a limit.

A path must name a regular file: a device (``/dev/zero``), a pipe (``<(command)``), a FIFO or
a socket is refused at once, before a byte is read, and a FIFO without a writer cannot make it
wait (it is opened without blocking, then refused). stdin (``-``) may be anything; it is read
up to the limit and one byte more, so what is read, not what a file says its size is, bounds
the memory used.
"""

from __future__ import annotations

import os
import stat
import sys
from typing import TYPE_CHECKING, BinaryIO

from specload.errors import DocumentTooLarge, UnreadableDocument

if TYPE_CHECKING:
    from pathlib import Path

STDIN = "<stdin>"
"""How stdin (``-``) is named in messages and reports."""
_MIB = 1024 * 1024
_CHUNK = 1024 * 1024


def display_name(source: str) -> str:
    """How messages name ``source``: the path as given, ``<stdin>`` for ``-``."""
    return STDIN if source == "-" else source


def read_source(
    source: str | Path, max_bytes: int, *, name: str | None = None, stdin: BinaryIO | None = None
) -> bytes:
    """The bytes of ``source`` (a path, or ``-`` for stdin), at most ``max_bytes`` of them;
    ``UnreadableDocument`` or ``DocumentTooLarge`` otherwise, each one line."""
    shown = name or display_name(str(source))
    if str(source) == "-":
        return _bounded(stdin or sys.stdin.buffer, shown, max_bytes)
    try:
        descriptor = os.open(source, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise UnreadableDocument(shown, "no such file") from None
    except PermissionError:
        raise UnreadableDocument(shown, "permission denied") from None
    except IsADirectoryError:
        raise UnreadableDocument(shown, "is a directory, not a file") from None
    except OSError as exc:
        raise UnreadableDocument(shown, f"cannot read: {exc.strerror or exc}") from None
    try:
        info = os.fstat(descriptor)
        if stat.S_ISDIR(info.st_mode):
            raise UnreadableDocument(shown, "is a directory, not a file")
        if not stat.S_ISREG(info.st_mode):
            raise UnreadableDocument(shown, "not a regular file (a device, pipe or socket)")
        check_size(shown, info.st_size, max_bytes)
        with open(descriptor, "rb", buffering=0, closefd=False) as stream:
            return _bounded(stream, shown, max_bytes, expected=info.st_size)
    except OSError as exc:
        raise UnreadableDocument(shown, f"cannot read: {exc.strerror or exc}") from None
    finally:
        os.close(descriptor)


def _bounded(stream: BinaryIO, name: str, max_bytes: int, expected: int = _CHUNK) -> bytes:
    """At most ``max_bytes`` (and one more, to tell), the first ``expected`` (a file's size)
    in one read: a file that did not change is one buffer, never copied into another."""
    chunks: list[bytes] = []
    total = 0
    size = expected + 1  # the byte after the end: EOF at once, or the file grew
    while total <= max_bytes:
        chunk = stream.read(min(size, max_bytes + 1 - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
        size = _CHUNK
    check_size(name, total, max_bytes)
    return chunks[0] if len(chunks) == 1 else b"".join(chunks)


def check_size(name: str, size: int, max_bytes: int) -> None:
    """``DocumentTooLarge`` when ``size`` bytes are more than ``max_bytes``."""
    if size > max_bytes:
        raise DocumentTooLarge(
            name, f"larger than the {mib(max_bytes)} limit ({mib(size)} or more)"
        )


def mib(size: int) -> str:
    return f"{size / _MIB:.0f} MiB" if size >= _MIB else f"{size} bytes"
