"""The ``helicone-contract-diff`` pre-commit hook: each changed document against its old self.

pre-commit passes the changed files all at once; ``diff`` compares one NEW with one OLD, so each
file is compared on its own, against the document the tool carries for the same API
(``--against embedded``, the default) or against its copy in the last commit
(``--against previous``; a file the last commit lacks is new, and has nothing to break). The
hook fails with the worst exit code of the files (1: a breaking change, or with
``--fail-on warning`` a warning; 2: an unusable input).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from collections.abc import Sequence

_TOOL = (sys.executable, "-m", "conformance")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="helicone-contract-diff",
        description="diff each changed OpenAPI document against its old self (pre-commit hook)",
    )
    parser.add_argument(
        "--against",
        choices=("embedded", "previous"),
        default="embedded",
        help="the document the tool carries for the same API (default), or the file as the "
        "last commit has it",
    )
    parser.add_argument("--fail-on", choices=("breaking", "warning"), default="breaking")
    parser.add_argument("files", nargs="*", metavar="FILE")
    args = parser.parse_args(argv)
    worst = 0
    for file in args.files:
        worst = max(worst, _diff_one(file, args.against, args.fail_on))
    return worst


def _diff_one(file: str, against: str, fail_on: str) -> int:
    options = ("--fail-on", fail_on)
    if against == "embedded":
        return subprocess.run(
            [*_TOOL, "diff", "--embedded", file, *options], check=False
        ).returncode
    committed = subprocess.run(["git", "show", f"HEAD:./{file}"], capture_output=True, check=False)
    if committed.returncode != 0:
        print(f"{file}: not in the last commit: a new document, nothing to compare", flush=True)
        return 0
    print(f"{file}: against the last commit's copy (OLD, read from stdin)", flush=True)
    return subprocess.run(
        [*_TOOL, "diff", "-", file, *options], input=committed.stdout, check=False
    ).returncode


if __name__ == "__main__":
    sys.exit(main())
