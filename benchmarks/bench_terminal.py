"""footui in a real pseudo-terminal, against reference programs measured in the same run.

Run: python benchmarks/bench_terminal.py [--quick] [--out FILE]
(or python benchmarks/run_all.py, which adds the history benchmark). Measures start-up, bytes written per
second and CPU during a hold, idle CPU, timing accuracy of a two-minute routine with the other core busy, and
peak memory. Every app runs in its own pty that this script drives and reads (TERM=xterm-256color); nothing
answers the terminal's queries, as with a dumb-but-honest terminal. Prints a markdown table; see README.md.
"""

from __future__ import annotations

import argparse
import contextlib
import fcntl
import json
import os
import pty
import re
import select
import shutil
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
REFS = HERE / "reference_apps"
TICK = os.sysconf("SC_CLK_TCK")
CTRL_Q = b"\x11"
OSC = re.compile(rb"\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)")

ROUTINES_TOML = """
[[exercise]]
id = "long-hold"
name = "Long hold"
sets = 1
hold_s = 600

[[routine]]
id = "bench-hold"
name = "Benchmark hold"
prepare_s = 0
exercises = ["long-hold"]

[[exercise]]
id = "timing-a"
name = "Timing A"
sets = {sets}
hold_s = {hold}
rest_s = {rest}

[[exercise]]
id = "timing-b"
name = "Timing B"
sets = {sets}
hold_s = {hold}
rest_s = {rest}

[[routine]]
id = "bench-timing"
name = "Benchmark timing"
prepare_s = {prepare}
exercises = ["timing-a", "timing-b"]
"""
# The article's own holds, with the built-in exercises (their pictures, cue words and steps on screen).
ARTICLE_HOLDS = [
    ("toe-press", "Bench toe press", 3),
    ("toe-pencil-pickups", "Bench pencil", 10),
    ("toe-walking", "Bench walking", 20),
]
ARTICLE_ROUTINES = "".join(
    f'\n[[routine]]\nid = "bench-{ex}"\nname = "{name}"\nprepare_s = 0\nexercises = ["{ex}"]\n'
    for ex, name, _ in ARTICLE_HOLDS
)
FULL_TIMING = dict(sets=3, hold=15, rest=5, prepare=5)  # 2 x (5 + 3x15 + 2x5) = 120 s, 12 phases
QUICK_TIMING = dict(sets=2, hold=5, rest=3, prepare=2)  # 2 x (2 + 2x5 + 3) = 30 s, 8 phases


def planned_phases(sets: int, hold: int, rest: int, prepare: int) -> list[float]:
    """Start offsets of every phase, then the planned end (footui's plan: GET READY, sets, rests between)."""
    offsets, t = [], 0.0
    for _exercise in range(2):
        for duration in [prepare] + [d for s in range(sets) for d in ([rest] if s else []) + [hold]]:
            offsets.append(t)
            t += duration
    return offsets + [t]


# --- a pseudo-terminal we drive ourselves --------------------------------------------------------------------
@dataclass
class Term:
    argv: list[str]
    env: dict
    rows: int = 24
    cols: int = 80
    pid: int = 0
    fd: int = -1
    t0: float = 0.0
    buf: bytearray = field(default_factory=bytearray)
    marks: list = field(default_factory=list)  # (offset in buf, arrival time) per chunk read
    rusage: object = None
    status: int | None = None

    def __post_init__(self) -> None:
        self.t0 = time.monotonic()
        pid, fd = pty.fork()
        if pid == 0:  # child: size the terminal before the program looks at it
            try:
                fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", self.rows, self.cols, 0, 0))
                os.execvpe(self.argv[0], self.argv, self.env)
            finally:
                os._exit(127)
        self.pid, self.fd = pid, fd

    def pump(self, until: float, *, stop=None) -> bool:  # noqa: ANN001 - stop: Callable[[], bool]
        """Read everything the app writes until the monotonic time `until` (or `stop()` is true)."""
        while True:
            if stop is not None and stop():
                return True
            left = until - time.monotonic()
            if left <= 0:
                return False
            ready, _, _ = select.select([self.fd], [], [], min(left, 0.02))
            if ready:
                try:
                    data = os.read(self.fd, 65536)
                except OSError:  # EIO: the child closed the terminal
                    data = b""
                if not data:
                    self._reap(block=True)
                    time.sleep(max(0.0, min(left, 0.01)))
                    if self.status is not None:
                        return False
                    continue
                self.marks.append((len(self.buf), time.monotonic()))
                self.buf += data

    def wait_for(self, marker: bytes, timeout: float, start: int = 0) -> float | None:
        """Arrival time of the chunk completing the first `marker` at or after byte `start`."""
        deadline = time.monotonic() + timeout
        self.pump(deadline, stop=lambda: self.buf.find(marker, start) >= 0 or self.status is not None)
        pos = self.buf.find(marker, start)
        return None if pos < 0 else self.time_at(pos + len(marker) - 1)

    def settle(self, quiet: float, timeout: float) -> float:
        """Read until no byte arrives for `quiet` seconds; the arrival time of the last byte read."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            before = len(self.buf)
            self.pump(min(deadline, time.monotonic() + quiet))
            if len(self.buf) == before:
                break
        return self.marks[-1][1] if self.marks else time.monotonic()

    def time_at(self, pos: int) -> float:
        return self.marks[bisect_right([m[0] for m in self.marks], pos) - 1][1]

    def bytes_between(self, t1: float, t2: float) -> int:
        return sum(self.chunk_len(i) for i, (_, t) in enumerate(self.marks) if t1 <= t < t2)

    def chunks_between(self, t1: float, t2: float) -> list[tuple[float, bytes]]:
        return [
            (t, bytes(self.buf[off : off + self.chunk_len(i)])) for i, (off, t) in enumerate(self.marks) if t1 <= t < t2
        ]

    def chunk_len(self, i: int) -> int:
        end = self.marks[i + 1][0] if i + 1 < len(self.marks) else len(self.buf)
        return end - self.marks[i][0]

    def cpu(self) -> float:
        """utime + stime of the process (all its threads), seconds."""
        with open(f"/proc/{self.pid}/stat", "rb") as handle:
            fields = handle.read().rsplit(b")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / TICK

    def send(self, data: bytes) -> None:
        with contextlib.suppress(OSError):
            os.write(self.fd, data)

    def _reap(self, block: bool = False) -> None:
        if self.status is None:
            pid, status, rusage = os.wait4(self.pid, 0 if block else os.WNOHANG)
            if pid:
                self.status, self.rusage = status, rusage

    def close(self, keys: bytes = CTRL_Q) -> None:
        """Quit politely, then firmly; keep the child's rusage (peak memory)."""
        for action in ("keys", signal.SIGTERM, signal.SIGKILL):
            if self.status is not None:
                break
            if action == "keys":
                self.send(keys)
            else:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(self.pid, action)
            self.pump(time.monotonic() + 3, stop=lambda: self._reap() or self.status is not None)
        self._reap(block=True)
        os.close(self.fd)

    @property
    def maxrss_mb(self) -> float:
        return self.rusage.ru_maxrss / 1024 if self.rusage else float("nan")


# --- set-up ----------------------------------------------------------------------------------------------------
def make_env(tmp: Path, timing: dict, settings: dict | None = None) -> dict:
    config, data = tmp / "config", tmp / "data"
    config.mkdir(parents=True, exist_ok=True)
    data.mkdir(parents=True, exist_ok=True)
    # No voice: the benchmark measures what reaches the terminal, and a speaking machine is not quiet.
    settings = {"seen_health_note": True, "voice": "off", **(settings or {})}
    (config / "settings.json").write_text(json.dumps(settings))
    (config / "routines.toml").write_text(ROUTINES_TOML.format(**timing) + ARTICLE_ROUTINES)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TEXTUAL", "TMUX", "NO_COLOR"))}
    env = {k: v for k, v in env.items() if k not in ("COLUMNS", "LINES")}  # the pty's size decides
    env.update(
        TERM="xterm-256color",
        LANG="C.UTF-8",
        LC_ALL="C.UTF-8",
        FOOTUI_CONFIG_DIR=str(config),
        FOOTUI_DATA_DIR=str(data),
    )
    return env


def footui_cmd() -> list[str]:
    exe = shutil.which("footui")
    if exe is None:
        sys.exit("footui is not on PATH: pip install -e .")
    return [exe]


def py(script: str, *args: str) -> list[str]:
    return [sys.executable, str(REFS / script), *args]


# --- 1 and 5: start-up and memory --------------------------------------------------------------------------------
def startup(argv: list[str], env: dict, marker: bytes) -> tuple[float, float]:
    """Seconds from spawn to the last byte of the first complete screen (marker seen, then 100 ms quiet)."""
    term = Term(argv, env)
    try:
        if term.wait_for(marker, 20) is None:
            raise RuntimeError(f"{argv[-1]}: {marker!r} never appeared")
        ready = term.settle(0.1, 5) - term.t0
    finally:
        term.close()
    return ready, term.maxrss_mb


# --- 2 and 3: bytes and CPU while something counts down -------------------------------------------------------
@dataclass
class Window:
    bytes_per_s: float
    cpu_share: float
    maxrss_mb: float
    chunks: list


def hold_window(
    argv: list[str],
    env: dict,
    rows: int,
    cols: int,
    marker: bytes | None,
    warm: float,
    span: float,
    keys: bytes = CTRL_Q,
) -> Window:
    term = Term(argv, env, rows, cols)
    try:
        if marker:
            seen = term.wait_for(marker, 20)
        else:  # anything at all
            term.pump(time.monotonic() + 20, stop=lambda: bool(term.buf) or term.status is not None)
            seen = term.marks[0][1] if term.marks else None
        if seen is None:
            raise RuntimeError(f"{argv}: {marker!r} never appeared")
        start = seen + warm
        term.pump(start)
        cpu0, t_cpu0 = term.cpu(), time.monotonic()
        term.pump(start + span)
        cpu1, t_cpu1 = term.cpu(), time.monotonic()
        got = term.bytes_between(start, start + span)
        chunks = term.chunks_between(start, start + span)
    finally:
        term.close(keys)
    return Window(got / span, (cpu1 - cpu0) / (t_cpu1 - t_cpu0), term.maxrss_mb, chunks)


def frame_anatomy(chunks: list[tuple[float, bytes]]) -> tuple[dict[str, int], int, int]:
    """Split a hold's bytes by what they draw: screen rows (cursor moves), the title, the bell.

    Also returns the bytes spent repainting rows whose text is the same as in the previous frame (a frame
    starts at each OSC 2 title, written once a second) and the total.
    """
    data = b"".join(c for _, c in chunks)
    parts: dict[str, int] = {"terminal title (OSC 2)": sum(len(t) for t in OSC.findall(data))}
    unchanged, previous = 0, None
    for frame in re.split(rb"(?=\x1b\]2;)", data):
        frame = OSC.sub(b"", frame)
        parts["bell"] = parts.get("bell", 0) + frame.count(b"\x07")
        frame = frame.replace(b"\x07", b"")
        rows: dict[int, list] = {}
        row = 0
        for piece in re.split(rb"(\x1b\[\d+;\d+H)", frame):
            move = re.fullmatch(rb"\x1b\[(\d+);\d+H", piece)
            if move:
                row = int(move.group(1))
            entry = rows.setdefault(row, [0, b""])
            entry[0] += len(piece)
            if not move:
                entry[1] += re.sub(rb"\x1b\[[0-9;?]*[A-Za-z]|[\r\n]", b"", piece)
        for number, (size, text) in rows.items():
            words = text.decode(errors="replace").strip()
            label = f"row {number} ({words[:24] + '…' if len(words) > 24 else words or 'blank'})"
            if "█" in words or "▀" in words or "▄" in words:
                label = f"row {number} (block digits)"
            parts[label] = parts.get(label, 0) + size
            if previous is not None and previous.get(number) == text and text:
                unchanged += size
        previous = {number: text for number, (_, text) in rows.items()}
    return parts, unchanged, len(data)


# --- 4: timing accuracy ------------------------------------------------------------------------------------------
def timing_run(env: dict, timing: dict) -> dict:
    offsets = planned_phases(**timing)
    planned = offsets[-1]
    busy = subprocess.Popen([sys.executable, "-c", "while True: pass"])
    try:
        term = Term(footui_cmd() + ["start", "bench-timing"], env)
        try:
            first_draw = term.wait_for(b"GET READY", 30)
            done = term.wait_for(b"Session complete", planned + 30)
            term.settle(0.2, 2)
        finally:
            term.close()
    finally:
        busy.kill()
        busy.wait()
    if first_draw is None or done is None:
        raise RuntimeError("timing run: the session never showed GET READY or Session complete")
    # The bell rings the moment each phase starts and when the session finishes (count-in bells off),
    # written straight to the terminal: bell-to-bell is the engine's own timing, not paint latency.
    text = bytes(term.buf)
    notify = text.find(b"\x1b]9;footui: session complete")
    bells = []
    stripped_pos = [m.start() for m in re.finditer(rb"\x07", text)]
    osc_spans = [(m.start(), m.end()) for m in OSC.finditer(text)]
    for pos in stripped_pos:
        if not any(a <= pos < b for a, b in osc_spans):
            at = term.time_at(pos)
            if not bells or at - bells[-1] > 0.5:  # a rest rings twice, the finish three times: one cue each
                bells.append(at)
    result = {"planned": planned, "paint": done - first_draw - planned, "bells": len(bells), "phases": len(offsets) - 1}
    if bells and notify >= 0:
        result["bell"] = term.time_at(notify) - bells[0] - planned
        if len(bells) >= len(offsets):  # phase starts + the finishing bell
            late = [abs(t - bells[0] - off) for t, off in zip(bells, offsets, strict=False)]
            result["worst_phase"] = max(late, default=0.0)
    history = Path(env["FOOTUI_DATA_DIR"]) / "history.json"
    try:
        doc = json.loads(history.read_text())
        sessions = doc["sessions"] if isinstance(doc, dict) else doc
        s = sessions[-1]
        span = (datetime.fromisoformat(s["ended_at"]) - datetime.fromisoformat(s["started_at"])).total_seconds()
        result["json"] = span - planned
    except (OSError, ValueError, KeyError, IndexError, TypeError):
        result["json"] = None
    return result


# --- the table ---------------------------------------------------------------------------------------------------
def fmt_s(x: float | None, digits: int = 2) -> str:
    return "n/a" if x is None else f"{x:.{digits}f} s"


def ratio(a: float | None, b: float | None) -> str:
    if a is None or b is None or b == 0:
        return "n/a"
    return f"{a / b:.2f}×"


def met(ok: bool | None) -> str:
    return "n/a" if ok is None else ("yes" if ok else "**no**")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="a smoke run of well under a minute")
    ap.add_argument("--out", type=Path, default=HERE / "results.md", help="also write the table here")
    ap.add_argument("--no-out", action="store_true", help="only print")
    ap.add_argument("--rows-json", type=Path, help="also dump header, rows and notes as JSON (for run_all.py)")
    opts = ap.parse_args(argv)
    q = opts.quick
    runs, warm, span, idle_span = (2, 1.0, 2.0, 2.0) if q else (5, 2.0, 10.0, 10.0)
    timing = QUICK_TIMING if q else FULL_TIMING
    sizes = [(24, 80)] if q else [(24, 80), (50, 200)]
    has_termdown = shutil.which("termdown") is not None
    rows: list[tuple[str, str, str, str, str, str]] = []
    notes: list[str] = []
    began = time.monotonic()

    def log(msg: str) -> None:
        print(f"[{time.monotonic() - began:5.1f}s] {msg}", file=sys.stderr, flush=True)

    with tempfile.TemporaryDirectory(prefix="footui-bench-") as tmpdir:
        tmp = Path(tmpdir)
        env = make_env(tmp / "main", timing)
        home = footui_cmd()
        hold = footui_cmd() + ["start", "bench-hold"]

        # 1 + 5: start-up, interleaved so both see the same machine; one warm-up each (.pyc, page cache)
        log("start-up")
        startup(home, env, b"Benchmark hold")
        startup(py("bare_textual.py"), env, b"bare textual reference app")
        foot_t, bare_t, foot_mem, bare_mem = [], [], [], []
        for _ in range(runs):
            t, m = startup(home, env, b"Benchmark hold")
            foot_t.append(t)
            foot_mem.append(m)
            t, m = startup(py("bare_textual.py"), env, b"bare textual reference app")
            bare_t.append(t)
            bare_mem.append(m)
        ft, bt = statistics.median(foot_t), statistics.median(bare_t)
        rows.append(
            (
                f"start-up to first complete screen (median of {runs})",
                fmt_s(ft),
                f"{fmt_s(bt)} bare Textual",
                ratio(ft, bt),
                "≤ 1.3×",
                met(ft / bt <= 1.3),
            )
        )

        # 2 + 3: a hold, bytes and CPU
        windows: dict[tuple[str, int, int], Window] = {}
        for r, c in sizes:
            log(f"hold {c}x{r}: footui")
            windows[("footui", r, c)] = hold_window(hold, env, r, c, b"Benchmark hold", warm, span)
            if has_termdown:
                log(f"hold {c}x{r}: termdown")
                windows[("termdown", r, c)] = hold_window(["termdown", "600"], env, r, c, None, warm, span, keys=b"q")
            log(f"hold {c}x{r}: countdown_60hz")
            windows[("c60", r, c)] = hold_window(py("countdown_60hz.py", "600"), env, r, c, b"\xe2", warm, span)
        if not has_termdown:
            notes.append("termdown is not installed (`pip install termdown`): its column is n/a.")
        for r, c in sizes:
            f = windows[("footui", r, c)]
            td = windows.get(("termdown", r, c))
            c60 = windows[("c60", r, c)]
            ref = f"{td.bytes_per_s:,.0f} B/s termdown" if td else "n/a (termdown)"
            target = "≤ 500 B/s and < termdown" if (r, c) == (24, 80) else "< termdown"
            ok = (f.bytes_per_s < td.bytes_per_s) if td else None
            if (r, c) == (24, 80):
                ok = (f.bytes_per_s <= 500) and (ok is not False)
            rows.append(
                (
                    f"bytes/s during a hold, {c}x{r}",
                    f"{f.bytes_per_s:,.0f} B/s",
                    ref,
                    ratio(f.bytes_per_s, td.bytes_per_s if td else None),
                    target,
                    met(ok),
                )
            )
            rows.append(
                (
                    f"bytes/s during a hold, {c}x{r}, vs 60 Hz Textual countdown",
                    f"{f.bytes_per_s:,.0f} B/s",
                    f"{c60.bytes_per_s:,.0f} B/s countdown_60hz",
                    ratio(f.bytes_per_s, c60.bytes_per_s),
                    "—",
                    "—",
                )
            )
        f = windows[("footui", 24, 80)]
        td = windows.get(("termdown", 24, 80))
        c60 = windows[("c60", 24, 80)]
        refs = [f"{c60.cpu_share:.1%} countdown_60hz"] + ([f"{td.cpu_share:.1%} termdown"] if td else [])
        rows.append(
            (
                "CPU during a hold, 80x24 (share of one core)",
                f"{f.cpu_share:.2%}",
                "; ".join(refs),
                ratio(f.cpu_share, td.cpu_share if td else c60.cpu_share),
                "< 2%",
                met(f.cpu_share < 0.02),
            )
        )

        # 2b: the article's own holds (3 s, 10 s, 20 s) at 80x24, built-in exercises, against termdown counting
        # down the same seconds. The window skips the first paint (0.5 s) and stops 0.25 s before the hold ends.
        article: list[tuple[str, int, Window, Window | None]] = []
        for ex, name, seconds in ARTICLE_HOLDS:
            warm_a, span_a = 0.5, seconds - 0.75
            log(f"article hold {ex} ({seconds} s): footui, termdown")
            fw = hold_window(footui_cmd() + ["start", f"bench-{ex}"], env, 24, 80, name.encode(), warm_a, span_a)
            tw = None
            if has_termdown:
                tw = hold_window(["termdown", str(seconds)], env, 24, 80, None, warm_a, span_a, keys=b"q")
            article.append((ex, seconds, fw, tw))
        for ex, seconds, fw, tw in article:
            rows.append(
                (
                    f"bytes/s during the article's {seconds} s hold ({ex}), 80x24, picture + phase band + bars",
                    f"{fw.bytes_per_s:,.0f} B/s",
                    f"{tw.bytes_per_s:,.0f} B/s termdown {seconds}" if tw else "n/a (termdown)",
                    ratio(fw.bytes_per_s, tw.bytes_per_s if tw else None),
                    "≤ termdown",
                    met(None if tw is None else fw.bytes_per_s <= tw.bytes_per_s),
                )
            )
            rows.append(
                (
                    f"CPU during the article's {seconds} s hold ({ex}), 80x24",
                    f"{fw.cpu_share:.2%}",
                    f"{tw.cpu_share:.1%} termdown" if tw else "n/a",
                    ratio(fw.cpu_share, tw.cpu_share if tw else None),
                    "< 2%",
                    met(fw.cpu_share < 0.02),
                )
            )

        # 3: idle home screen
        log("idle home screen")
        idle_f = hold_window(home, env, 24, 80, b"Benchmark hold", warm, idle_span)
        idle_b = hold_window(py("bare_textual.py"), env, 24, 80, b"bare textual reference app", warm, idle_span)
        rows.append(
            (
                "CPU on the idle home screen (share of one core)",
                f"{idle_f.cpu_share:.2%}",
                f"{idle_b.cpu_share:.2%} bare Textual",
                ratio(idle_f.cpu_share, idle_b.cpu_share),
                "< 0.5%",
                met(idle_f.cpu_share < 0.005),
            )
        )
        rows.append(
            (
                "bytes/s on the idle home screen",
                f"{idle_f.bytes_per_s:,.0f} B/s",
                f"{idle_b.bytes_per_s:,.0f} B/s bare Textual",
                "—",
                "0",
                met(idle_f.bytes_per_s == 0),
            )
        )

        # 5: memory (peak RSS, from wait4)
        fm, bm = statistics.median(foot_mem), statistics.median(bare_mem)
        rows.append(
            (
                "peak memory, home screen (ru_maxrss)",
                f"{fm:.1f} MB",
                f"{bm:.1f} MB bare Textual",
                ratio(fm, bm),
                "—",
                "—",
            )
        )
        article_mem = max(fw.maxrss_mb for _, _, fw, _ in article)
        rows.append(
            (
                "peak memory, the article's holds (largest of the three sessions)",
                f"{article_mem:.1f} MB",
                f"{bm:.1f} MB bare Textual",
                ratio(article_mem, bm),
                "≤ 1.25×",
                met(article_mem / bm <= 1.25),
            )
        )
        rows.append(
            (
                f"peak memory after a {warm + span:.0f} s hold",
                f"{f.maxrss_mb:.1f} MB",
                f"{c60.maxrss_mb:.1f} MB countdown_60hz",
                ratio(f.maxrss_mb, c60.maxrss_mb),
                "—",
                "—",
            )
        )

        # 4: timing accuracy with the other core busy
        log(f"timing: a {planned_phases(**timing)[-1]:.0f} s routine with a busy loop on the other core")
        tenv = make_env(tmp / "timing", timing, {"seen_health_note": True, "count_in": False})
        tr = timing_run(tenv, timing)
        name = f"timing: actual − planned end of a {tr['planned']:.0f} s routine, other core busy"
        bell = tr.get("bell")
        rows.append(
            (
                name + " (bell to notify)",
                fmt_s(bell, 3),
                f"{tr['planned']:.0f} s planned",
                "—",
                "within 0.25 s",
                met(None if bell is None else abs(bell) <= 0.25),
            )
        )
        rows.append(
            (
                name + " (first paint to summary paint)",
                fmt_s(tr["paint"], 3),
                "—",
                "—",
                "within 0.25 s",
                met(abs(tr["paint"]) <= 0.25),
            )
        )
        rows.append((name + " (history.json, 1 s resolution)", fmt_s(tr["json"], 0), "—", "—", "—", "—"))
        if "worst_phase" in tr:
            rows.append(
                (
                    f"timing: worst phase start vs plan ({tr['phases']} phases)",
                    fmt_s(tr["worst_phase"], 3),
                    "—",
                    "—",
                    "within 0.25 s",
                    met(tr["worst_phase"] <= 0.25),
                )
            )
        else:
            notes.append(
                f"timing: heard {tr['bells']} bells for {tr['phases']} phases + finish; per-phase figure skipped."
            )

        anatomy, unchanged, total = frame_anatomy(f.chunks)
        for ex, seconds, fw, _ in article:  # where each article hold's bytes went (diagnostics only)
            parts, _, whole = frame_anatomy(fw.chunks)
            top = sorted(parts.items(), key=lambda kv: -kv[1])[:6]
            notes.append(
                f"footui's {whole:,} bytes during the article's {seconds} s hold ({ex}), by what they draw: "
                + ", ".join(f"{k} {v:,} B" for k, v in top if v)
                + "."
            )
        log("done")

    table = ["| figure | footui | reference | ratio | target | met? |", "|---|---:|---:|---:|---|---|"]
    table += ["| " + " | ".join(row) + " |" for row in rows]
    notes.append(
        f"CPU figures count clock ticks of 1/{TICK} s: resolution {1 / TICK / span:.1%} of a core "
        f"over the {span:.0f} s window."
    )
    total = total or 1
    top = sorted(anatomy.items(), key=lambda kv: -kv[1])[:8]
    notes.append(
        f"footui's {total:,} bytes during the 80x24 hold ({span:.0f} s), by what they draw: "
        + ", ".join(f"{k} {v:,} B ({v / total:.0%})" for k, v in top if v)
        + f". Rows repainted with the same text as the "
        f"frame before: {unchanged:,} B ({unchanged / total:.0%})."
    )
    header = (
        f"footui terminal benchmark{' (--quick)' if q else ''}: python {sys.version.split()[0]}, "
        f"{os.cpu_count()} cores, 1-min load average at the end {os.getloadavg()[0]:.2f}, "
        f"{datetime.now().isoformat(timespec='seconds')}"
    )
    text = "\n".join([header, "", *table, "", *(f"- {n}" for n in notes)]) + "\n"
    print(text)
    if opts.rows_json:
        opts.rows_json.write_text(json.dumps({"header": header, "rows": rows, "notes": notes}))
    if not opts.no_out:
        opts.out.write_text(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
