"""A loopback server that must never be contacted, and the tool run in a limited subprocess."""

from __future__ import annotations

import os
import resource
import socketserver
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.support.paths import REPO

MEMORY_LIMIT = 384 * 1024 * 1024
"""Address space of the tool's process: an alias bomb needs gigabytes, a lint run ~60 MB."""
CPU_SECONDS = 30
"""CPU time of the tool's process: a hang or an exponential walk is killed (SIGXCPU)."""


def _limits() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    resource.setrlimit(resource.RLIMIT_CPU, (CPU_SECONDS, CPU_SECONDS))


def run_guarded(
    tool: str,
    *arguments: str,
    forbidden: tuple[Path, ...] = (),
    cwd: Path = REPO,
    stdin: Path | None = None,
) -> subprocess.CompletedProcess[str]:
    """``tool`` (a command of the CLI, or ``codegen``) under ``guard.py`` within the resource
    limits; ``stdin`` is a file to read standard input from (default: none)."""
    guard = [sys.executable, "-m", "tests.hostile.guard", *map(str, forbidden), "--"]
    with (stdin or Path(os.devnull)).open("rb") as given:
        return subprocess.run(
            [*guard, tool, *arguments],
            cwd=cwd,
            env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"},
            preexec_fn=_limits,  # the limits must apply before the tool starts
            stdin=given,
            capture_output=True,
            text=True,
            check=False,
            timeout=120,
        )


@dataclass
class Trap:
    """A TCP server on 127.0.0.1 answering every connection with a valid JSON schema, so a
    fetch would succeed; it counts connections, which must stay at zero."""

    port: int = 0
    connections: list[str] = field(default_factory=list)


@pytest.fixture
def trap() -> Iterator[Trap]:
    found = Trap()

    class Handler(socketserver.BaseRequestHandler):
        def handle(self) -> None:
            found.connections.append(str(self.client_address))
            body = b'{"Model": {"type": "string"}}'
            head = f"HTTP/1.0 200 OK\r\nContent-Length: {len(body)}\r\n\r\n".encode()
            self.request.sendall(head + body)

    with socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler) as server:
        found.port = server.server_address[1]
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        yield found
        server.shutdown()
