"""HTTPS targets, on loopback: verified like any client does, with the system's trust store."""

from __future__ import annotations

import shutil
import socket
import ssl
import subprocess
from pathlib import Path

import pytest

from conformance.harness.http_client import HttpClient
from conformance.harness.plan import PlannedRequest
from conformance.harness.records import TransportFailure
from tests.conformance.raw_servers import Behaviour, raw_server


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1 (made by the openssl CLI, which CI images ship)."""
    openssl = shutil.which("openssl")
    assert openssl is not None, "the openssl command is needed to make a test certificate"
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        [openssl, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
         "-nodes", "-keyout", str(key), "-out", str(cert), "-days", "1", "-subj", "/CN=127.0.0.1",
         "-addext", "subjectAltName=IP:127.0.0.1"],
        check=True, capture_output=True, timeout=60,
    )  # fmt: skip
    return cert, key


def _tls_answer(cert: Path, key: Path) -> Behaviour:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)

    def behaviour(connection: socket.socket) -> None:
        with context.wrap_socket(connection, server_side=True) as tls:
            data = b""
            while b"\r\n\r\n" not in data:
                data += tls.recv(4096)
            tls.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}")

    return behaviour


def test_an_untrusted_certificate_is_a_connect_failure(certificate: tuple[Path, Path]) -> None:
    client = HttpClient(timeout=3)
    with raw_server(_tls_answer(*certificate)) as url, pytest.raises(TransportFailure) as failure:
        client.send(PlannedRequest("GET", url.replace("http:", "https:") + "/"))
    assert (failure.value.kind, failure.value.connected) == ("connect", False)
    assert "CERTIFICATE_VERIFY_FAILED" in failure.value.detail


def test_a_trusted_certificate_is_answered(
    certificate: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SSL_CERT_FILE", str(certificate[0]))  # how a private CA is trusted
    client = HttpClient(timeout=3)
    with raw_server(_tls_answer(*certificate)) as url:
        answer = client.send(PlannedRequest("GET", url.replace("http:", "https:") + "/"))
        client.close()
    assert (answer.status, answer.body) == (200, b"{}")
