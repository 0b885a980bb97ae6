"""Mutation testing of the history code on a random sample of mutants per module (mutmut 3).

Run from the repository root: python benchmarks/mutmut_sample.py [--per-module 60] [--seed 9] [--max-children 2]
It generates every mutant (the configuration is `[tool.mutmut]` in pyproject.toml), tests a fixed-seed sample of
each module's mutants, and prints per module how many were killed. Look at a survivor with
`mutmut show <name>`; one that changes nothing a user or a test could observe is "equivalent".
Too slow for CI (each mutant runs the tests that cover its function).
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
from collections import Counter
from pathlib import Path

MODULES = [
    "footui/history/files.py",
    "footui/history/validation.py",
    "footui/history/checkpoints.py",
    "footui/history/store.py",
]


def mutant_names(module: str) -> list[str]:
    meta = Path("mutants") / f"{module}.meta"
    return sorted(json.loads(meta.read_text())["exit_code_by_key"]) if meta.exists() else []


def results(module: str) -> dict[str, int | None]:
    meta = Path("mutants") / f"{module}.meta"
    codes: dict[str, int | None] = json.loads(meta.read_text())["exit_code_by_key"]
    return codes


def status(code: int | None) -> str:
    from mutmut.__main__ import status_by_exit_code

    return str(status_by_exit_code[code])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--per-module", type=int, default=60)
    ap.add_argument("--seed", type=int, default=9)
    ap.add_argument("--max-children", type=int, default=2)
    ap.add_argument("--modules", nargs="*", default=MODULES, help="a subset of the mutated modules")
    opts = ap.parse_args()
    mutmut = [sys.executable, "-m", "mutmut"]
    if not all(mutant_names(m) for m in MODULES):  # generate the mutants (and run one, which mutmut insists on)
        first = "footui.history.files.x_describe__mutmut_1"
        subprocess.run([*mutmut, "run", "--max-children", str(opts.max_children), first], check=False)
    rng = random.Random(opts.seed)
    sample: dict[str, list[str]] = {}
    for module in opts.modules:
        names = mutant_names(module)
        sample[module] = sorted(rng.sample(names, min(opts.per_module, len(names))))
        print(f"{module}: {len(names)} mutants, testing {len(sample[module])}", flush=True)
    everything = [name for names in sample.values() for name in names]
    subprocess.run([*mutmut, "run", "--max-children", str(opts.max_children), *everything], check=False)
    total: Counter[str] = Counter()
    for module, names in sample.items():
        codes = results(module)
        counts = Counter(status(codes.get(name)) for name in names)
        total.update(counts)
        killed = counts["killed"]
        print(f"{module}: {killed}/{len(names)} killed ({100 * killed / max(1, len(names)):.0f}%) {dict(counts)}")
        for name in names:
            if status(codes.get(name)) != "killed":
                print(f"    {name}: {status(codes.get(name))}")
    print(f"all: {total['killed']}/{sum(total.values())} killed {dict(total)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
