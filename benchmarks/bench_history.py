"""How the history store scales: load, checkpoint (one set), finish (one session), `footui today`.

Run: python benchmarks/bench_history.py [--sizes 1000,10000,100000] [--repeat 5]
Prints a markdown table. Every time is a median, also shown as a ratio against `python -c pass` measured in
the same run (so figures from different machines compare). Synthetic sessions: 6 entries each, like the
built-in back-pain routine (toe press, pencil pickups left/right, toe walking, resisted flexion,
ankle circles).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from footui.history.files import encode_history  # noqa: E402
from footui.history.store import HistoryStore, local_now, new_record  # noqa: E402

ENTRIES = [
    ("toe-press", None, 10, 3, 3),
    ("toe-pencil-pickups", "left", 5, 10, 5),
    ("toe-pencil-pickups", "right", 5, 10, 5),
    ("toe-walking", None, 2, 30, 10),
    ("resisted-flexion", None, 10, 5, 5),
    ("ankle-circles", None, 5, 10, 5),
]


def synthetic(n: int) -> list[dict]:
    start = local_now().replace(microsecond=0) - timedelta(hours=8 * n)
    out = []
    for i in range(n):
        r = new_record("back-relief", "Back-pain relief", ENTRIES, start + timedelta(hours=8 * i), pain_before=i % 8)
        for e in r["exercises"]:
            e["sets_done"] = e["sets_planned"] if i % 7 else e["sets_planned"] // 2
        r["status"] = "completed" if i % 7 else "stopped"
        r["ended_at"] = (datetime.fromisoformat(r["started_at"]) + timedelta(minutes=15)).isoformat()
        r["pain_after"] = max(0, i % 8 - 2)
        out.append(r)
    return out


def median_time(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def process_time(argv: list[str], env: dict, repeat: int) -> float | None:
    def once() -> None:
        subprocess.run(argv, cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    try:
        once()  # warm the page cache and .pyc files
    except (subprocess.CalledProcessError, OSError):
        return None
    return median_time(once, repeat)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1000,10000,100000")
    ap.add_argument("--repeat", type=int, default=5)
    opts = ap.parse_args()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    base = process_time([sys.executable, "-c", "pass"], env, opts.repeat * 2) or float("nan")
    has_cli = (ROOT / "footui" / "cli.py").exists()
    today_cmd = [sys.executable, "-m", "footui", "today"] if has_cli else [
        sys.executable, "-c",
        "import argparse; from footui.cli import history as h; p = argparse.ArgumentParser(); "
        "h.register(p.add_subparsers()); a = p.parse_args(['today']); raise SystemExit(a.func(a))",
    ]  # fmt: skip

    rows = []
    for n in (int(x) for x in opts.sizes.split(",")):
        with tempfile.TemporaryDirectory() as tmp:
            data = Path(tmp) / "data"
            data.mkdir(mode=0o700)
            sessions = synthetic(n)
            (data / "history.json").write_bytes(encode_history(sessions))
            size_mb = (data / "history.json").stat().st_size / 1e6
            store = HistoryStore(data)
            reps = opts.repeat if n <= 10_000 else 3
            load = median_time(store.load, reps)
            assert len(store.load()) == n

            record = new_record("back-relief", "Back-pain relief", ENTRIES, local_now())
            store.checkpoint(record)

            def one_set(r: dict = record, store: HistoryStore = store) -> None:
                r["exercises"][0]["sets_done"] = (r["exercises"][0]["sets_done"] + 1) % 10
                store.checkpoint(r)

            checkpoint = median_time(one_set, 50)
            record["status"] = "completed"

            def finish_one(record: dict = record, store: HistoryStore = store) -> None:
                r = dict(record, id=new_record("x", "x", [], local_now())["id"])
                store.checkpoint(dict(r, status="in_progress"))
                store.finish(r)

            finish = median_time(finish_one, reps)
            today = process_time(today_cmd, {**env, "FOOTUI_DATA_DIR": str(data)}, reps)
        rows.append((n, size_mb, load, checkpoint, finish, today))

    def cell(seconds: float | None) -> str:
        if seconds is None:
            return "n/a"
        return f"{seconds * 1000:.1f} ms ({seconds / base:.2f}×)"

    via = "python -m footui today" if has_cli else "history_cli (footui/cli.py missing)"
    print(f"python {sys.version.split()[0]}, `python -c pass` = {base * 1000:.1f} ms; today via {via}\n")
    print("| sessions | file | load() | checkpoint (1 set) | finish (1 session) | `footui today` process |")
    print("|---:|---:|---:|---:|---:|---:|")
    for n, size_mb, load, checkpoint, finish, today in rows:
        print(f"| {n:,} | {size_mb:.1f} MB | {cell(load)} | {cell(checkpoint)} | {cell(finish)} | {cell(today)} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
