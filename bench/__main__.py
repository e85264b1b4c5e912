"""Run every benchmark and print one table per benchmark (``python -m bench [NAME ...]``)."""

from __future__ import annotations

import importlib
import sys

BENCHMARKS = [
    "bench.validate_bench",
    "bench.diff_bench",
    "bench.conformance_bench",
    "bench.serve_bench",
]


def main(argv: list[str]) -> int:
    chosen = [b for b in BENCHMARKS if not argv or b.rsplit(".", 1)[1].split("_")[0] in argv]
    for name in chosen:
        module = importlib.import_module(name)
        module.main()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
