"""A curl command that replays one request: what a finding's ``reproduce`` line shows."""

from __future__ import annotations

import re
import shlex

from conformance.harness.records import ACCEPT, Observation
from conformance.harness.redaction import MASK


def curl_command(observation: Observation) -> str:
    """A curl command that replays the request. Every header the user gave is shown by name
    with its value as a shell variable (``-H "Authorization: $GATEWAY_AUTHORIZATION"``): the
    user sees what to put back, and the value is never printed."""
    request = observation.request
    parts = ["curl", "-sS", "-i"]
    if request.method == "HEAD":
        parts += ["-I"]
    elif request.method != "GET":
        parts += ["-X", request.method]
    parts += [request.url, "-H", f"Accept: {ACCEPT}"]
    for name, value in request.headers:
        parts += ["-H", f"{name}: {value}"]
    words = [shlex.quote(part) for part in parts]
    target = observation.plan.target.name
    for name, _ in observation.plan.target.headers:
        words += ["-H", _masked(target, name)]
    if request.body is not None:
        body = request.body.decode("utf-8", errors="replace")
        words += ["--data-binary", shlex.quote(body)]
    return " ".join(words)


def secret_variable(target: str, header: str) -> str:
    """``gateway`` + ``Authorization`` -> ``GATEWAY_AUTHORIZATION``."""
    return re.sub(r"[^A-Z0-9]", "_", f"{target}_{header}".upper())


def _masked(target: str, name: str) -> str:
    if re.fullmatch(r"[A-Za-z0-9!#%&'*+.^_|~-]+", name) and "'" not in name:
        return f'"{name}: ${secret_variable(target, name)}"'
    # A header name with a character the shell would expand inside double quotes.
    return shlex.quote(f"{name}: {MASK}")
