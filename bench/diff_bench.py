"""`python -m bench diff`: `diff` of two 5,000-model registries against parsing both.

Both run as their own process on the same two files (start-up included, as a user sees it),
best of a few runs. OLD is the registry scaled to 5,000 models as the validate bench builds it
(the real one beside the checkout, else the tool's default registry); NEW is OLD with a
hundred models renamed and every tenth model's prompt prices changed, still a valid registry.
Target: `diff` (both inputs fully validated, then compared) <= 3x bare json.load of both.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

from bench.validate_bench import OWN_REGISTRY, REAL_REGISTRY, RUNS, _tool, build_scaled, measure

TARGET = 3.0
BARE = "import json, sys\nfor name in sys.argv[1:]:\n    json.load(open(name, encoding='utf-8'))"


def build_changed(source: Path, target: Path) -> int:
    """NEW: ``source`` with its last hundred models renamed and the prompt price of every
    tenth model's endpoints raised by 10%; returns how many prices changed."""
    document = json.loads(source.read_bytes())
    models = document["data"]["models"]
    removed = models[-100:]
    del models[-100:]
    models += [{**model, "id": f"{model['id']}-next"} for model in removed]
    changed = 0
    for model in models[::10]:
        endpoints = []
        for endpoint in model["endpoints"]:
            prompt = endpoint["pricing"]["prompt"]
            pricing = {**endpoint["pricing"], "prompt": prompt * 1.1}
            endpoints.append({**endpoint, "pricing": pricing})
            changed += prompt != 0
        model["endpoints"] = endpoints
    document["data"]["total"] = len(models)
    target.write_text(json.dumps(document, separators=(",", ":"), ensure_ascii=False), "utf-8")
    return changed


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="diff-bench-") as tmp:
        directory = Path(tmp)
        source = REAL_REGISTRY if REAL_REGISTRY.is_file() else OWN_REGISTRY
        if source is OWN_REGISTRY:
            print(f"diff bench: no real data ({REAL_REGISTRY.parent}); using {source.name}")
        old, new = directory / "old.json", directory / "new.json"
        build_scaled(source, old)
        prices = build_changed(old, new)
        bare = measure([sys.executable, "-c", BARE, str(old), str(new)])
        command = [*_tool("helicone-contract"), "diff", "--format", "json", str(old), str(new)]
        ours = measure(command)
        size = (old.stat().st_size + new.stat().st_size) / 1e6
        print(f"\ndiff: best of {RUNS} runs, wall clock per process (! = unexpected exit code)")
        print(f"{'inputs':<52} {'size':>9} {'json.load':>10} {'diff':>10} {'ratio':>7}")
        flag = "" if ours.exit_code == 1 else "!"  # models removed: breaking, exit 1
        label = f"2 x 5000 models (100 renamed, {prices} prices changed)"
        print(
            f"{label:<52} {size:>6.1f} MB {bare.seconds:>9.3f}s {ours.seconds:>9.3f}s{flag}"
            f" {ours.seconds / bare.seconds:>6.2f}x"
        )
        ratio = ours.seconds / bare.seconds
        verdict = "met" if ratio <= TARGET else "MISSED"
        print(f"target: diff / json.load of both <= {TARGET}x: {ratio:.2f}x {verdict}")


if __name__ == "__main__":
    main()
