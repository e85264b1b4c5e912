"""`python -m bench conformance`: our default run vs a plain `st run --checks all`, side by side.

Both run as separate processes (start-up included, as a CI job pays it) against the same
reference server on 127.0.0.1, serving the same documents. Reported: median wall time of a few
rounds, test cases (requests that were sent and judged) and test cases per second.
"""

from __future__ import annotations

import re
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from conformance.server import serving
from generated._documents import DOCUMENTS

ROUNDS = 3
BIN = Path(sys.executable).parent
_OURS = re.compile(r"; (\d+) requests in ")
_THEIRS = re.compile(r"(\d+) generated")


@dataclass
class Measure:
    label: str
    seconds: list[float]
    cases: int

    @property
    def wall(self) -> float:
        return statistics.median(self.seconds)

    @property
    def rate(self) -> float:
        return self.cases / self.wall if self.wall else 0.0


def _timed(command: list[str], cwd: Path) -> tuple[float, str]:
    started = time.perf_counter()
    done = subprocess.run(
        command, cwd=cwd, capture_output=True, text=True, timeout=600, check=False
    )
    return time.perf_counter() - started, done.stdout + done.stderr


def ours(url: str, workdir: Path) -> Measure:
    command = [str(BIN / "helicone-contract"), "conformance", "--gateway-url", url,
               "--registry-url", url, "--seed", "1"]  # fmt: skip
    seconds, cases = [], 0
    for _ in range(ROUNDS):
        elapsed, output = _timed(command, workdir)
        match = _OURS.search(output)
        if match is None:
            raise SystemExit(f"unexpected conformance output:\n{output}")
        seconds.append(elapsed)
        cases = int(match[1])
    return Measure("helicone-contract conformance", seconds, cases)


def theirs(url: str, workdir: Path) -> Measure:
    """One `st run` per document (it takes one schema), the two timed together."""
    specs = []
    for name, text in DOCUMENTS.items():
        path = workdir / name
        path.write_text(text)
        specs.append(path)
    seconds, cases = [], 0
    for _ in range(ROUNDS):
        total, cases = 0.0, 0
        for spec in specs:
            command = [str(BIN / "st"), "run", str(spec), "--url", url, "--checks", "all",
                       "--seed", "1", "--no-color"]  # fmt: skip
            elapsed, output = _timed(command, workdir)
            match = _THEIRS.search(output)
            if match is None:
                raise SystemExit(f"unexpected st output:\n{output}")
            total += elapsed
            cases += int(match[1])
        seconds.append(total)
    return Measure("st run --checks all (x2 documents)", seconds, cases)


def main() -> None:
    # The temporary directory is also the working directory, so st's cache lands there.
    with tempfile.TemporaryDirectory() as scratch, serving() as server:
        workdir = Path(scratch)
        rows = [ours(server.url, workdir), theirs(server.url, workdir)]
    print(f"conformance: both APIs against the reference server, median of {ROUNDS} rounds")
    print(f"  {'':38} {'wall time':>10} {'test cases':>11} {'cases/s':>9}")
    for row in rows:
        print(f"  {row.label:38} {row.wall:>9.2f}s {row.cases:>11} {row.rate:>9.1f}")
    ratio = rows[1].wall / rows[0].wall
    print(f"  wall time ratio st/ours: {ratio:.2f}x; cases/s ratio ours/st: "
          f"{rows[0].rate / rows[1].rate:.1f}x")  # fmt: skip


if __name__ == "__main__":
    main()
