"""``python -m codegen generate|check [--specs DIR] [--out DIR]``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from codegen.errors import CodegenError
from codegen.pipeline import drift, generate

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m codegen")
    parser.add_argument("command", choices=["generate", "check"])
    parser.add_argument("--specs", type=Path, default=ROOT / "specs")
    parser.add_argument("--out", type=Path, default=ROOT / "src" / "generated")
    args = parser.parse_args(argv)
    try:
        if args.command == "generate":
            for path in generate(args.specs, args.out):
                print(f"wrote {path}")
            return 0
        differing = drift(args.specs, args.out)
    except CodegenError as exc:
        print(f"codegen: error: {exc}", file=sys.stderr)
        return 1
    if differing:
        print(
            f"codegen: {args.out} is out of date with specs/ ({', '.join(differing)}): "
            "run `make generate` and commit the result",
            file=sys.stderr,
        )
        return 1
    print(f"codegen: {args.out} matches specs/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
