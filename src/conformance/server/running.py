"""Start a :class:`ReferenceApp` on a loopback port in a background thread, and stop it."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from conformance.server.app import ReferenceApp
from conformance.server.transport import ContractHTTPServer, ServerLimits

LOOPBACK = "127.0.0.1"
POLL_INTERVAL_SECONDS = 0.05  # how fast serve_forever notices a stop request


class RunningServer:
    """A server accepting connections on ``url`` until :meth:`stop` (idempotent)."""

    def __init__(
        self,
        app: ReferenceApp,
        host: str = LOOPBACK,
        port: int = 0,
        limits: ServerLimits | None = None,
    ) -> None:
        self.app = app
        self.httpd = ContractHTTPServer((host, port), app, limits)
        self.host, self.port = self.httpd.server_address[:2]
        self.url = f"http://{_url_host(str(self.host))}:{self.port}"
        self._thread = threading.Thread(
            target=self.httpd.serve_forever,
            kwargs={"poll_interval": POLL_INTERVAL_SECONDS},
            name=f"helicone-contract-serve-{self.port}",
            daemon=True,
        )
        self._stopped = False
        self._thread.start()

    def stop(self) -> None:
        if self._stopped:
            return
        self._stopped = True
        self.app.stopping.set()
        self.httpd.stop_listening()
        self._thread.join()
        self.httpd.close_connections()
        self.httpd.server_close()  # joins the connection threads


@contextmanager
def serving(
    app: ReferenceApp | None = None,
    host: str = LOOPBACK,
    port: int = 0,
    limits: ServerLimits | None = None,
) -> Iterator[RunningServer]:
    """``with serving() as server: ... server.url ...``: the reference server, stopped after.

    ``port=0`` picks a free port. Both APIs answer on ``server.url``, so it is the base URL of
    the registry and of the gateway alike.
    """
    server = RunningServer(app if app is not None else ReferenceApp(), host, port, limits)
    try:
        yield server
    finally:
        server.stop()


def _url_host(host: str) -> str:
    return f"[{host}]" if ":" in host else host
