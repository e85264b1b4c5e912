"""The GitHub Action's run step (``action.yml``): conformance with annotations, JUnit, SARIF,
Markdown, a job summary and step outputs.

The action passes its inputs as ``INPUT_*`` environment variables (never on a command line,
where other processes could read a secret). This step masks the header values
(``::add-mask::``) before anything else is printed, runs ``conformance`` once in this process
with ``--format github`` (one annotation per finding) and the report files, appends the Markdown
report to ``$GITHUB_STEP_SUMMARY`` (cut to ``SUMMARY_LIMIT`` bytes at a line, with a note, so
it stays well inside GitHub's 1 MiB per step), writes ``exit-code`` and the paths of the reports
written to ``$GITHUB_OUTPUT``, and exits with conformance's exit code. Without any URL it
refuses (exit 2): it would test the tool's own embedded server instead of the user's deployment.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

from conformance.exit_codes import ExitCode

SUMMARY_LIMIT = 512 * 1024
"""Bytes of Markdown appended to the job summary: half of GitHub's limit for one step."""
REPORTS = {"junit-xml": "conformance.xml", "sarif": "conformance.sarif", "markdown": "summary.md"}
"""Step output -> report file name, in the report folder (input ``report-dir``)."""
_TRUE = ("true", "1", "yes")


def conformance_arguments(inputs: Mapping[str, str], folder: Path) -> list[str]:
    """The ``conformance`` command line of the action's inputs (``INPUT_*`` values)."""
    arguments = ["conformance", "--format", "github"]
    for name in ("gateway-url", "registry-url", "gateway-header", "registry-header"):
        if inputs.get(name, "").strip():
            arguments += [f"--{name}", inputs[name].strip()]
    for name in ("max-examples", "seed", "checks"):
        if inputs.get(name, "").strip():
            arguments += [f"--{name}", inputs[name].strip()]
    if inputs.get("strict", "").strip().lower() in _TRUE:
        arguments.append("--strict")
    for option, file in REPORTS.items():
        arguments += [f"--{option}", str(folder / file)]
    return arguments


def masked_values(inputs: Mapping[str, str]) -> list[str]:
    """What ``::add-mask::`` must hide: each header whole, and its value alone."""
    values = []
    for name in ("gateway-header", "registry-header"):
        header = inputs.get(name, "").strip()
        if header:
            values.append(header)
            value = header.partition(":")[2].strip()
            values += [value] if value else []
    return values


def fit_summary(markdown: str, limit: int = SUMMARY_LIMIT) -> str:
    """``markdown`` whole when it fits in ``limit`` bytes, else cut at a line with a note
    (an open ``<details>`` closed), so a job summary never exceeds what GitHub accepts."""
    if len(markdown.encode("utf-8")) <= limit:
        return markdown
    note = (
        "\n\n**The summary was cut here to stay within GitHub's size limit: every finding is in "
        "the JUnit, SARIF and Markdown reports (outputs `junit-xml`, `sarif`, `markdown`).**\n"
    )
    budget = limit - len(note.encode("utf-8")) - len("\n</details>")
    kept = markdown.encode("utf-8")[:budget].decode("utf-8", errors="ignore")
    kept = kept[: kept.rfind("\n") + 1] if "\n" in kept else ""
    if kept.count("<details>") > kept.count("</details>"):
        kept += "\n</details>"
    return kept.rstrip("\n") + note


def inputs_from(environment: Mapping[str, str]) -> dict[str, str]:
    """``INPUT_GATEWAY_URL`` -> ``gateway-url``: the action's inputs by their own names."""
    return {
        key[len("INPUT_") :].lower().replace("_", "-"): value
        for key, value in environment.items()
        if key.startswith("INPUT_")
    }


def run(environment: Mapping[str, str]) -> int:
    from conformance.cli import main

    inputs = inputs_from(environment)
    for value in masked_values(inputs):
        for line in value.splitlines():
            print(f"::add-mask::{line}", flush=True)
    if not (inputs.get("gateway-url", "").strip() or inputs.get("registry-url", "").strip()):
        print("::error::set the gateway-url and/or registry-url input", flush=True)
        _append(environment.get("GITHUB_OUTPUT"), f"exit-code={ExitCode.USAGE:d}\n")
        return ExitCode.USAGE
    folder = Path(inputs.get("report-dir", "").strip() or "helicone-contract-reports")
    folder.mkdir(parents=True, exist_ok=True)
    try:
        code = main(conformance_arguments(inputs, folder))
    except SystemExit as exc:  # a usage error in the inputs: argparse said which, on stderr
        code = exc.code if isinstance(exc.code, int) else ExitCode.USAGE
    summary = folder / REPORTS["markdown"]
    if summary.is_file():
        _append(environment.get("GITHUB_STEP_SUMMARY"), fit_summary(summary.read_text("utf-8")))
    outputs = [f"exit-code={code}"]
    outputs += [
        f"{name}={folder / file}" for name, file in REPORTS.items() if (folder / file).is_file()
    ]
    _append(environment.get("GITHUB_OUTPUT"), "".join(line + "\n" for line in outputs))
    return code


def _append(path: str | None, text: str) -> None:
    if path:
        with open(path, "a", encoding="utf-8") as stream:
            stream.write(text)


def main(argv: Sequence[str] | None = None) -> int:
    del argv  # everything comes from the environment, as the runner sets it
    return run(os.environ)


if __name__ == "__main__":
    sys.exit(main())
