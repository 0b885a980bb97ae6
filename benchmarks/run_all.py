"""Every footui benchmark in one run: the terminal figures, then the history store.

Run: python benchmarks/run_all.py [--quick]
Runs bench_terminal.py and (if present) bench_history.py as subprocesses, one after the other so they do not
disturb each other, prints one markdown table and writes it to benchmarks/results.md. --quick is a smoke run
(under a minute); the default takes about five minutes. See README.md for what each figure means.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
HISTORY_ROW = re.compile(r"^\|\s*([\d,]+)\s*\|")


def history_rows(quick: bool) -> tuple[list[list[str]], str]:
    """Rows for the main table, plus the history benchmark's own table (verbatim) or a note."""
    script = HERE / "bench_history.py"
    sizes, repeat = ("1000,10000", "1") if quick else ("10000,100000", "3")
    if not script.exists():
        return fallback_history(sizes, int(repeat))
    proc = subprocess.run(
        [sys.executable, str(script), "--sizes", sizes, "--repeat", repeat], capture_output=True, text=True, cwd=ROOT
    )
    if proc.returncode != 0:
        return [], f"bench_history.py failed (exit {proc.returncode}):\n\n```\n{proc.stderr[-2000:]}\n```\n"
    out = proc.stdout
    base = re.search(r"`python -c pass` = ([\d.]+) ms", out)
    header = next((line for line in out.splitlines() if line.startswith("| sessions")), "")
    columns = [c.strip() for c in header.strip("|").split("|")]
    rows = []
    for line in out.splitlines():
        match = HISTORY_ROW.match(line)
        if not match or not header:
            continue
        cells = dict(zip(columns, (c.strip() for c in line.strip("|").split("|")), strict=False))
        for column in ("load()", "`footui today` process"):
            value = cells.get(column, "")
            found = re.match(r"([\d.]+ ms) \(([\d.]+)×\)", value)
            if found:
                rows.append(
                    [
                        f"history {column}, {match.group(1)} sessions ({cells.get('file', '?')})",
                        found.group(1),
                        f"{base.group(1) if base else '?'} ms `python -c pass`",
                        f"{found.group(2)}×",
                        "—",
                        "—",
                    ]
                )
    return rows, "History store (bench_history.py, verbatim):\n\n" + out


def fallback_history(sizes: str, repeat: int) -> tuple[list[list[str]], str]:
    """bench_history.py is missing: time HistoryStore(dir).load() on synthetic files ourselves."""
    sys.path.insert(0, str(ROOT))
    from datetime import timedelta

    from footui.history.files import encode_history
    from footui.history.store import HistoryStore, local_now, new_record

    def clock(argv: list[str]) -> float:
        t = time.perf_counter()
        subprocess.run(argv, check=True)
        return time.perf_counter() - t

    base = statistics.median(clock([sys.executable, "-c", "pass"]) for _ in range(5))
    rows = []
    for n in (int(x) for x in sizes.split(",")):
        start = local_now().replace(microsecond=0) - timedelta(hours=8 * n)
        entries = [("toe-press", None, 10, 3.0, 3.0)]
        sessions = [
            dict(new_record("r", "R", entries, start + timedelta(hours=8 * i)), status="completed") for i in range(n)
        ]
        with tempfile.TemporaryDirectory() as tmp:
            (Path(tmp) / "history.json").write_bytes(encode_history(sessions))
            store = HistoryStore(Path(tmp))
            times = []
            for _ in range(repeat):
                t = time.perf_counter()
                store.load()
                times.append(time.perf_counter() - t)
        load = statistics.median(times)
        rows.append(
            [
                f"history load(), {n:,} sessions",
                f"{load * 1000:.1f} ms",
                f"{base * 1000:.1f} ms `python -c pass`",
                f"{load / base:.2f}×",
                "—",
                "—",
            ]
        )
    return rows, "bench_history.py not found: load() measured by run_all.py on synthetic one-exercise sessions.\n"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="a smoke run of under a minute")
    ap.add_argument("--out", type=Path, default=HERE / "results.md")
    opts = ap.parse_args()
    began = time.monotonic()
    with tempfile.TemporaryDirectory() as tmp:
        dump = Path(tmp) / "terminal.json"
        argv = [sys.executable, str(HERE / "bench_terminal.py"), "--no-out", "--rows-json", str(dump)]
        subprocess.run(argv + (["--quick"] if opts.quick else []), check=True, stdout=subprocess.DEVNULL)
        terminal = json.loads(dump.read_text())
    print(f"[{time.monotonic() - began:5.1f}s] history", file=sys.stderr, flush=True)
    rows, history_text = history_rows(opts.quick)
    table = ["| figure | footui | reference | ratio | target | met? |", "|---|---:|---:|---:|---|---|"]
    table += ["| " + " | ".join(row) + " |" for row in terminal["rows"] + rows]
    text = "\n".join(
        [
            f"{terminal['header']}; total {time.monotonic() - began:.0f} s",
            f"Command: python benchmarks/run_all.py{' --quick' if opts.quick else ''}",
            "",
            *table,
            "",
            *(f"- {n}" for n in terminal["notes"]),
            "",
            history_text.rstrip(),
            "",
        ]
    )
    print(text)
    opts.out.write_text(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
