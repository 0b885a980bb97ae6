"""Bytes and CPU while the history view's charts are on screen and idle: they are drawn once per load.

Run: python benchmarks/bench_history_idle.py [--span 10]
Starts the installed `footui` in a pseudo-terminal (bench_terminal's `Term`) at 80x24 with a month of synthetic
history, presses `h` then `c`, waits for the pain chart, lets 2 s pass, then counts every byte footui writes and
its CPU over `--span` seconds. The reference is the idle home screen of the same footui in the same run.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from bench_history import synthetic  # noqa: E402
from bench_terminal import Term, footui_cmd, make_env  # noqa: E402

from footui.history.files import encode_history  # noqa: E402

TIMING = {"sets": 3, "hold": 15, "rest": 5, "prepare": 5}  # the timing routine of bench_terminal (unused here)


def idle(env: dict, keys: list[bytes], marker: bytes, span: float) -> tuple[float, float]:
    term = Term(footui_cmd(), env, 24, 80)
    try:
        if term.wait_for(b"Back-pain relief", 20) is None:
            raise RuntimeError("the routine list never appeared")
        start = len(term.buf)
        for key in keys:
            term.send(key)
            time.sleep(0.3)
        if term.wait_for(marker, 20, start) is None:
            raise RuntimeError(f"{marker!r} never appeared")
        begin = time.monotonic() + 2.0
        term.pump(begin)
        cpu0 = term.cpu()
        term.pump(begin + span)
        cpu1 = term.cpu()
        return term.bytes_between(begin, begin + span) / span, (cpu1 - cpu0) / span
    finally:
        term.close()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--span", type=float, default=10.0)
    opts = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        env = make_env(Path(tmp), TIMING)
        (Path(env["FOOTUI_DATA_DIR"]) / "history.json").write_bytes(encode_history(synthetic(90)))
        charts = idle(env, [b"h", b"c"], b"Pain, last 30 days", opts.span)
        home = idle(env, [], b"Back-pain relief", opts.span)
    print("| screen, 80x24, idle | bytes/s | CPU (share of one core) |")
    print("|---|---:|---:|")
    print(f"| history view with the charts | {charts[0]:,.0f} B/s | {charts[1]:.2%} |")
    print(f"| routine list (reference) | {home[0]:,.0f} B/s | {home[1]:.2%} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
