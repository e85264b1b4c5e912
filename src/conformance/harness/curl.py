"""A curl command that replays one request, with every user-supplied header value masked."""

from __future__ import annotations

import shlex

from conformance.harness.http import ACCEPT
from conformance.harness.plan import PlannedRequest
from conformance.harness.redaction import MASK


def curl_command(request: PlannedRequest, user_headers: tuple[tuple[str, str], ...]) -> str:
    parts = ["curl", "-sS", "-i"]
    if request.method != "GET":
        parts += ["-X", request.method]
    parts += [request.url, "-H", f"Accept: {ACCEPT}"]
    for name, value in request.headers:
        parts += ["-H", f"{name}: {value}"]
    # The value is never needed to understand a finding, and must never be printed.
    for name, _ in user_headers:
        parts += ["-H", f"{name}: {MASK}"]
    if request.body is not None:
        parts += ["--data-binary", request.body.decode("utf-8", errors="replace")]
    return shlex.join(parts)
