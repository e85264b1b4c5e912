"""Secrets given with --header appear in no output: stdout, stderr, JSON, GitHub, JUnit."""

from __future__ import annotations

from pathlib import Path

import pytest

from conformance.harness.redaction import MASK, Redactor
from conformance.server import GATEWAY_PATH, REGISTRY_PATH, ReferenceApp, Request, Response
from conformance.server.jsonbytes import encode_json
from tests.conformance.conftest import Runner, both
from tests.support.servers import start_server

TOKEN = "s3cr3t-T0KEN-value-9f2c"
API_KEY = "k3y-QWERTY-123456"
HEADERS = ("--header", f"Authorization: Bearer {TOKEN}", "--header", f"X-Api-Key: {API_KEY}")


class EchoesCredentials(ReferenceApp):
    """Echoes the Authorization header into wrong answers, so findings would quote it."""

    def respond(self, request: Request) -> Response:
        secret = request.headers.get("Authorization", "")
        if request.path == GATEWAY_PATH and request.method == "GET":
            body = encode_json({"object": secret, "data": []})
            return Response(200, body, self.gateway_content_type)
        if request.path == REGISTRY_PATH and request.method == "GET":
            body = encode_json({"data": None, "error": f"token {secret} rejected"})
            return Response(200, body, self.registry_content_type)
        return super().respond(request)


@pytest.mark.parametrize("output", ["text", "json", "github"])
def test_echoed_credentials_are_masked_everywhere(
    run_cli: Runner, tmp_path: Path, output: str
) -> None:
    junit, sarif = tmp_path / "report.xml", tmp_path / "report.sarif"
    with start_server(app=EchoesCredentials()) as server:
        run = run_cli(
            *both(server.url), *HEADERS, "--format", output,
            "--junit-xml", str(junit), "--sarif", str(sarif),
        )  # fmt: skip
    assert run.code == 1
    written = [run.out, run.err, junit.read_text(), sarif.read_text()]
    for text in written:
        assert TOKEN not in text
        assert API_KEY not in text
    # The server did echo the token into its answers, and the findings say so, masked:
    assert f"'{MASK}' is not one of ['list']" in run.out  # gateway echoed it into `object`
    assert f"token {MASK} rejected" in run.out  # registry echoed it into its error envelope
    reproductions = junit.read_text() if output == "github" else run.out
    # The curl reproduction names the header and a variable to put its value in.
    assert "X-Api-Key: $GATEWAY_X_API_KEY" in reproductions


def test_redactor_masks_pieces_encodings_and_key_shapes() -> None:
    redactor = Redactor([f"Bearer {TOKEN}"])
    assert redactor.text(f"got {TOKEN}") == f"got {MASK}"
    assert redactor.text('{"auth": "Bearer ' + TOKEN + '"}') == '{"auth": "' + MASK + '"}'
    assert redactor.text("key sk-abcdefghijklmnopqrstu") == f"key {MASK}"
    assert redactor.text("https://user:pw@host/x") == f"https://{MASK}@host/x"
    assert redactor.text("api_key=abcdef123") == f"api_key={MASK}"
    # Ordinary words that merely resemble labels survive.
    assert redactor.text("per million tokens: 15") == "per million tokens: 15"
    assert (
        redactor.text("$.data.filters.authors: not sorted") == "$.data.filters.authors: not sorted"
    )
