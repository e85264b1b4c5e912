"""`helicone-contract serve`: run the reference implementation of both APIs until stopped.

The registry (``--registry FILE``, default: the one the project ships) is validated before the
port opens; an invalid one is refused with one line and exit 2. Both APIs answer on one port,
loopback unless ``--host`` says otherwise. Ctrl-C or SIGTERM stops it cleanly (exit 0).
"""

from __future__ import annotations

import argparse
import dataclasses
import ipaddress
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType

from conformance.arguments import add_input_arguments, port_number, positive_int
from conformance.errors import UsageError

DEFAULT_MAX_CONNECTIONS_HELP = "512"  # ServerLimits().max_connections; a test keeps them equal

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8585  # the model-registry document's own local server entry


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--registry",
        metavar="FILE",
        type=Path,
        help="registry JSON: a success response {data, error} or its bare data object "
        "(default: the small registry shipped with helicone-contract)",
    )
    parser.add_argument(
        "--host", default=DEFAULT_HOST, help="address to bind (default: %(default)s)"
    )
    parser.add_argument(
        "--port",
        type=port_number,
        default=DEFAULT_PORT,
        help="port (default: %(default)s; 0 = any free)",
    )
    add_input_arguments(parser, documents=False)
    parser.add_argument(
        "--max-connections",
        type=positive_int,
        metavar="N",
        help="open connections served at once; more are answered 503 "
        f"(default: {DEFAULT_MAX_CONNECTIONS_HELP})",
    )


def run(args: argparse.Namespace) -> int:
    from conformance.arguments import input_limits
    from conformance.server import ReferenceApp, RunningServer
    from conformance.server.registry_source import default_registry, registry_from_file
    from conformance.server.transport import ServerLimits

    max_bytes = input_limits(args).max_payload_bytes
    registry = registry_from_file(args.registry, max_bytes) if args.registry else default_registry()
    app = ReferenceApp(registry)
    limits = ServerLimits()
    if args.max_connections is not None:
        limits = dataclasses.replace(limits, max_connections=args.max_connections)
    try:
        server = RunningServer(app, args.host, args.port, limits)
    except OSError as exc:
        raise UsageError(
            f"cannot listen on {args.host}:{args.port}: {exc.strerror or exc}"
        ) from None
    # Signals are caught before the URL is printed: whoever reads it may stop us at once.
    with _stop_requested() as stop:
        try:
            _announce(server.url, registry.source, args.host)
            stop.wait()
        finally:
            server.stop()
    print("stopped", flush=True)
    return 0


def _announce(url: str, source: str, host: str) -> None:
    from conformance.server import GATEWAY_PATH, REGISTRY_PATH

    if not _is_loopback(host):
        print(f"helicone-contract: warning: listening beyond loopback on {host}", file=sys.stderr)
    print(f"serving {source} on {url}", flush=True)
    print(f"  registry: {url}{REGISTRY_PATH}", flush=True)
    print(f"  gateway:  {url}{GATEWAY_PATH}", flush=True)
    print("press Ctrl-C to stop", flush=True)


@contextmanager
def _stop_requested() -> Iterator[threading.Event]:
    """An event set by Ctrl-C (SIGINT) or SIGTERM while the block runs."""
    stop = threading.Event()

    def on_signal(signum: int, frame: FrameType | None) -> None:
        del signum, frame
        stop.set()

    previous = {sig: signal.signal(sig, on_signal) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield stop
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
