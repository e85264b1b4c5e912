"""Deadlines that hold whatever the peer (or the resolver) does, and failures in plain words."""

from __future__ import annotations

import contextlib
import http.client
import socket
import ssl
import threading


def connect_within(connection: http.client.HTTPConnection, seconds: float) -> None:
    """``connection.connect()``, given up after ``seconds`` whatever blocks it.

    The socket timeout bounds the TCP connect and the TLS handshake, but not the name lookup
    (``getaddrinfo`` blocks as long as the resolver likes), so the attempt runs in a thread.
    """
    done = threading.Event()
    abandoned = threading.Event()
    errors: list[BaseException] = []

    def attempt() -> None:
        try:
            connection.connect()
        except BaseException as exc:  # noqa: BLE001 (handed to the waiting thread)
            errors.append(exc)
        finally:
            done.set()
            if abandoned.is_set():
                connection.close()

    threading.Thread(target=attempt, name="helicone-contract-connect", daemon=True).start()
    if not done.wait(seconds):
        abandoned.set()
        if done.is_set():  # finished in between: nobody else will close it
            connection.close()
        raise TimeoutError
    if errors:
        raise errors[0]


def abort_at_deadline(connection: http.client.HTTPConnection, expired: threading.Event) -> None:
    expired.set()
    sock = connection.sock
    if sock is not None:
        with contextlib.suppress(OSError):  # already closed: nothing left to unblock
            sock.shutdown(socket.SHUT_RDWR)


def describe(exc: BaseException) -> str:
    if isinstance(exc, ConnectionRefusedError):
        return "connection refused"
    if isinstance(exc, socket.gaierror):
        return "host name not found"
    if isinstance(exc, ssl.SSLError):
        return f"TLS failure ({exc.reason or 'handshake'})"
    if isinstance(exc, http.client.RemoteDisconnected):
        return "connection closed without an answer"
    if isinstance(exc, ConnectionResetError):
        return "connection reset by the server"
    if isinstance(exc, http.client.IncompleteRead):
        return f"connection closed mid-body ({len(exc.partial)} bytes received)"
    if isinstance(exc, http.client.HTTPException):
        return f"malformed HTTP response ({type(exc).__name__})"
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror.lower()
    return type(exc).__name__
