"""Run a command of the tool under audit hooks that end the process on any forbidden act.

    python tests/hostile/guard.py FORBIDDEN_PATH ... -- (lint ARGS | codegen ARGS)

Opening a forbidden path (or anything inside a forbidden folder) exits 97, and any network
connection, name lookup or URL request (but for ``file:`` URLs, whose opening the first rule
judges) exits 98, each with a ``guard:`` line on stderr: the hook sees the
attempt before it happens, so a passing run proves nothing was opened or sent, whatever the
tool's own code paths are.
"""

from __future__ import annotations

import os
import sys

OPENED = 97
CONNECTED = 98
_NETWORK = ("socket.connect", "socket.getaddrinfo", "socket.gethostbyname", "urllib.Request")


def _guard(forbidden: list[str]) -> None:
    def hook(event: str, args: tuple[object, ...]) -> None:
        if event == "open" and isinstance(args[0], str | bytes | os.PathLike):
            real = os.path.realpath(os.fsdecode(args[0]))
            if any(real == path or real.startswith(path + os.sep) for path in forbidden):
                os.write(2, f"guard: opened {real}\n".encode())
                os._exit(OPENED)
        elif event == "urllib.Request" and str(args[0]).startswith("file:"):
            pass  # openapi-spec-validator reads its own meta-schemas so; "open" still guards
        elif event in _NETWORK:
            os.write(2, f"guard: {event} {args!r}\n".encode())
            os._exit(CONNECTED)

    sys.addaudithook(hook)


def main(argv: list[str]) -> int:
    split = argv.index("--")
    forbidden, (tool, *arguments) = argv[:split], argv[split + 1 :]
    _guard([os.path.realpath(path) for path in forbidden])
    if tool == "codegen":
        from codegen.__main__ import main as codegen

        return codegen(arguments)
    from conformance.cli import main as cli

    return cli([tool, *arguments])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
