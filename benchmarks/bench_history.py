"""How the history store scales: load, checkpoint (one set), finish (one session), `footui today`.

Run: python benchmarks/bench_history.py [--sizes 1000,10000,100000] [--repeat 5]
Prints a markdown table. Every time is a median, also shown as a ratio against `python -c pass` measured in
the same run (so figures from different machines compare). Synthetic sessions: 6 entries each, like the
built-in back-pain routine (toe press, pencil pickups left/right, toe walking, resisted flexion,
ankle circles).

`footui today` is timed three ways, each run in turn with `python -c pass` (interleaved, so load on the machine
moves both): the installed `footui` command answering from its summary cache (what a prompt runs between
sessions; it is footui/__main__.py installed as a script, not pip's entry-point launcher, which imports `re`
first); the same through `python -c "from footui.cli.main import main; ..."` (footui's own part); and a cache
miss (the first call after a session: it reads the whole history and writes the cache). Python's bytecode cache
is on, as after `pip install` (PYTHONDONTWRITEBYTECODE is removed from the children's environment), and
history.json is dated a minute back (a cache is only written for a history older than 2 s).
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
    # Three sessions a day, closer for the largest histories: footui refuses sessions dated before 1970, and
    # 100,000 sessions eight hours apart would start in 1935.
    step = timedelta(hours=min(8.0, 24 * 365 * 30 / n))
    start = local_now().replace(microsecond=0) - step * n
    out = []
    for i in range(n):
        r = new_record("back-relief", "Back-pain relief", ENTRIES, start + step * i, pain_before=i % 8)
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


def interleaved(commands: dict[str, tuple[list[str], dict, object]], repeat: int) -> dict[str, float | None]:
    """Median wall time of each command, run in turn `repeat` times after one warm-up each; the third item of
    a command is called before each of its runs (or None)."""
    times: dict[str, list[float]] = {name: [] for name in commands}
    failed: set[str] = set()
    for round_ in range(repeat + 1):
        for name, (argv, env, before) in commands.items():
            if name in failed:
                continue
            if callable(before):
                before()
            t = time.perf_counter()
            proc = subprocess.run(argv, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            elapsed = time.perf_counter() - t
            if proc.returncode != 0:
                failed.add(name)
            elif round_:  # round 0 warms the page cache, the .pyc files and the summary cache
                times[name].append(elapsed)
    return {name: (None if name in failed else statistics.median(v)) for name, v in times.items()}


def today_commands(data: Path, env: dict) -> dict[str, tuple[list[str], dict, object]]:
    env = {k: v for k, v in env.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env = {**env, "FOOTUI_DATA_DIR": str(data)}
    script = Path(sys.executable).parent / "footui"
    launcher = [str(script)] if script.exists() else [sys.executable, "-m", "footui"]
    direct = "import sys; from footui.cli.main import main; sys.exit(main(['today']))"

    def drop_cache() -> None:
        (data / "summary-cache").unlink(missing_ok=True)

    return {
        "pass": ([sys.executable, "-c", "pass"], env, None),
        "today": ([*launcher, "today"], env, None),
        "today direct": ([sys.executable, "-c", direct], env, None),
        "today miss": ([*launcher, "today"], env, drop_cache),
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1000,10000,100000")
    ap.add_argument("--repeat", type=int, default=5)
    opts = ap.parse_args()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    bases: list[float] = []

    rows = []
    for n in (int(x) for x in opts.sizes.split(",")):
        with tempfile.TemporaryDirectory() as tmp:
            data = Path(tmp) / "data"
            data.mkdir(mode=0o700)
            sessions = synthetic(n)
            (data / "history.json").write_bytes(encode_history(sessions))
            minute_ago = time.time() - 60
            os.utime(data / "history.json", (minute_ago, minute_ago))
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
            store.finish(record)  # no session left in progress: `footui today` would not use its cache then
            minute_ago = time.time() - 60
            os.utime(data / "history.json", (minute_ago, minute_ago))
            today = interleaved(today_commands(data, env), opts.repeat * 4 if n <= 10_000 else opts.repeat)
            bases.append(today["pass"] or float("nan"))
        rows.append((n, size_mb, load, checkpoint, finish, today))
    base = statistics.median(bases)

    def cell(seconds: float | None, reference: float = base) -> str:
        if seconds is None:
            return "n/a"
        return f"{seconds * 1000:.1f} ms ({seconds / reference:.2f}×)"

    print(f"python {sys.version.split()[0]}, `python -c pass` = {base * 1000:.1f} ms (median over the sizes)\n")
    print(
        "| sessions | file | load() | checkpoint (1 set) | finish (1 session) | `footui today` process "
        "| `footui today` via `python -c` | `footui today`, cache miss | `python -c pass` beside them |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for n, size_mb, load, checkpoint, finish, today in rows:
        ref = today["pass"] or base  # the today columns are ratios to the pass runs interleaved with them
        print(
            f"| {n:,} | {size_mb:.1f} MB | {cell(load)} | {cell(checkpoint)} | {cell(finish)} "
            f"| {cell(today['today'], ref)} | {cell(today['today direct'], ref)} | {cell(today['today miss'], ref)} "
            f"| {ref * 1000:.1f} ms |"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
