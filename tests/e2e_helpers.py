"""Helpers for the end-to-end tests: the installed `footui` in a private tmux server, with bounded waits.

Each `Tmux` is its own server (`tmux -L <unique socket>`), killed by the fixture that made it, so a failing test
never leaves a footui or a tmux behind. Polling real time is acceptable here (and only here): these tests run the
real program in a real terminal.
"""

from __future__ import annotations

import contextlib
import json
import os
import shlex
import shutil
import signal
import subprocess
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

QUICK_TOML = """\
[[exercise]]
id = "quick-press"
name = "Quick press"
steps = ["Grip the floor with your toes."]
sets = 3
hold_s = 1
rest_s = 1
sides = "both"
per_day = 2

[[routine]]
id = "quick"
name = "Quick check"
prepare_s = 1
exercises = ["quick-press"]
"""
QUICK_PLANNED_S = 12  # 2 feet * (prepare 1 + 3 holds of 1 s + 2 rests of 1 s)
QUICK_SETS = 6


def footui_path() -> str | None:
    return shutil.which("footui")


def clean_env(**extra: str) -> dict[str, str]:
    """The environment for tmux and footui subprocesses: UTF-8, not nested in a user's tmux."""
    env = {k: v for k, v in os.environ.items() if k not in ("TMUX", "TMUX_PANE", "NO_COLOR")}
    env.setdefault("LANG", "C.UTF-8")
    env.update(extra)
    return env


class Dirs:
    """A config dir (routines.toml, settings.json) and a data dir (history.json) for one test."""

    def __init__(self, root: Path, *, toml: str = QUICK_TOML, seen_health_note: bool = True) -> None:
        self.config = root / "cfg"
        self.data = root / "data"
        self.config.mkdir(parents=True, exist_ok=True)
        self.data.mkdir(parents=True, exist_ok=True)
        (self.config / "routines.toml").write_text(toml, encoding="utf-8")
        if seen_health_note:
            (self.config / "settings.json").write_text('{"seen_health_note": true}', encoding="utf-8")

    @property
    def env(self) -> dict[str, str]:
        return {"FOOTUI_CONFIG_DIR": str(self.config), "FOOTUI_DATA_DIR": str(self.data)}

    @property
    def history(self) -> Path:
        return self.data / "history.json"

    def command(self, *args: str, footui: str, stdin: str = "", status: bool = False, **env: str) -> str:
        """A shell command line that runs footui with these dirs. By default the shell execs footui (the
        pane's process *is* footui); with status, the shell stays and prints `footui exit status N` after."""
        pairs = {**self.env, **env}
        assignments = " ".join(f"{k}={shlex.quote(v)}" for k, v in pairs.items())
        line = f"env {assignments} {shlex.quote(footui)} " + " ".join(shlex.quote(a) for a in args)
        if stdin:
            line += f" < {shlex.quote(stdin)}"
        return f'{line}; echo "footui exit status $?"' if status else f"exec {line}"

    def sessions(self) -> list[dict[str, Any]]:
        """The sessions in history.json as they are now (none if it is missing or mid-replace)."""
        try:
            return list(json.loads(self.history.read_text(encoding="utf-8"))["sessions"])
        except (OSError, ValueError, KeyError):
            return []

    def wait_sessions(self, predicate: Callable[[list[dict[str, Any]]], bool], timeout: float) -> list[dict]:
        deadline = time.monotonic() + timeout
        while True:
            sessions = self.sessions()
            if predicate(sessions):
                return sessions
            if time.monotonic() > deadline:
                raise AssertionError(f"history.json never matched within {timeout} s; it holds {sessions!r}")
            time.sleep(0.1)

    def run(self, *args: str, footui: str, timeout: float = 30, **kwargs: Any) -> subprocess.CompletedProcess:
        return subprocess.run(
            [footui, *args],
            env=clean_env(**self.env),
            capture_output=True,
            text=True,
            timeout=timeout,
            stdin=subprocess.DEVNULL,
            **kwargs,
        )


class Tmux:
    """One private tmux server. `kill()` is safe to call more than once."""

    def __init__(self, cwd: Path) -> None:
        self.socket = f"footui-e2e-{os.getpid()}-{uuid.uuid4().hex[:8]}"
        self.cwd = cwd
        # No status line (the pane is the whole 80x24), and a pane that ends stays to be read.
        self.conf = cwd / f"{self.socket}.conf"
        self.conf.write_text("set -g status off\nset -g remain-on-exit on\nset -g history-limit 100\n")

    def tmux(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        return subprocess.run(
            ["tmux", "-u", "-L", self.socket, "-f", str(self.conf), *args],
            env=clean_env(),
            capture_output=True,
            text=True,
            timeout=15,
            check=check,
        )

    def start(self, command: str, *, name: str = "main", width: int = 80, height: int = 24) -> str:
        """Start `command` in a new detached session; the pane stays (and shows its last screen) after exit."""
        self.tmux("new-session", "-d", "-s", name, "-x", str(width), "-y", str(height), "-c", str(self.cwd), command)
        return name

    def capture(self, target: str = "main", *, scrollback: bool = False) -> str:
        """The pane's text; with scrollback, from the top of its history, wrapped lines joined (-J)."""
        extra = ("-J", "-S", "-") if scrollback else ()
        return self.tmux("capture-pane", "-p", *extra, "-t", target).stdout

    def send(self, *keys: str, target: str = "main") -> None:
        self.tmux("send-keys", "-t", target, *keys)

    def pane_pid(self, target: str = "main") -> int:
        return int(self.tmux("display-message", "-p", "-t", target, "#{pane_pid}").stdout.strip())

    def alive(self, target: str = "main") -> bool:
        return self.tmux("display-message", "-p", "-t", target, "#{pane_dead}").stdout.strip() == "0"

    def wait_dead(self, target: str = "main", timeout: float = 10) -> None:
        """Until the pane's process has ended. (tmux 3.3's #{pane_dead_status} is sometimes never filled in,
        so exit statuses are read from a shell that prints them: see `Dirs.command(status=True)`.)"""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not self.alive(target):
                return
            time.sleep(0.05)
        pid = self.pane_pid(target)
        raise AssertionError(
            f"footui did not exit within {timeout} s (pid {pid}, alive={alive(pid)}, "
            f"{cmdline(pid)}); screen:\n{self.capture(target)}"
        )

    def wait_for(self, *texts: str, target: str = "main", timeout: float = 15, seen: list[str] | None = None) -> str:
        """Poll the pane until every text is on screen at once; keep each distinct screen in `seen`."""
        return self.wait_until(
            lambda screen: all(t in screen for t in texts), f"{texts!r}", target=target, timeout=timeout, seen=seen
        )

    def wait_until(
        self,
        predicate: Callable[[str], bool],
        what: str,
        *,
        target: str = "main",
        timeout: float = 15,
        seen: list[str] | None = None,
    ) -> str:
        deadline = time.monotonic() + timeout
        while True:
            screen = self.capture(target)
            if seen is not None and (not seen or seen[-1] != screen):
                seen.append(screen)
            if predicate(screen):
                return screen
            if time.monotonic() > deadline:
                raise AssertionError(f"never saw {what} within {timeout} s; last screen:\n{screen}")
            time.sleep(0.05)

    def kill(self) -> None:
        """Kill the server (its panes get SIGHUP), then anything it started that outlived the hang-up."""
        panes = self.tmux("list-panes", "-a", "-F", "#{pane_pid}", check=False).stdout.split()
        started = [pid for pane in panes if pane.isdigit() for pid in descendants(int(pane))]
        self.tmux("kill-server", check=False)
        deadline = time.monotonic() + 3
        for pid in started:
            if not wait_gone(pid, max(0.0, deadline - time.monotonic())):
                kill_quietly(pid)


def descendants(pid: int) -> list[int]:
    """pid and every process below it (from /proc)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(ppid, []).append(int(entry.name))
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(children.get(p, []))
    return out


def cmdline(pid: int) -> list[str]:
    try:
        return [a.decode(errors="replace") for a in Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0") if a]
    except OSError:
        return []


def footui_pids(root: int) -> list[int]:
    """The processes under `root` (itself included) that are footui itself."""
    return [p for p in descendants(root) if any(Path(a).name == "footui" for a in cmdline(p)[:2])]


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    # a zombie has exited: it only waits for its parent to reap it
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def wait_gone(pid: int, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not alive(pid):
            return True
        time.sleep(0.05)
    return False


def kill_quietly(pid: int, sig: int = signal.SIGKILL) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.kill(pid, sig)


def sets_done(session: dict[str, Any]) -> int:
    return sum(item["sets_done"] for item in session["exercises"])


def duration_s(session: dict[str, Any]) -> float:
    from datetime import datetime

    ended, started = datetime.fromisoformat(session["ended_at"]), datetime.fromisoformat(session["started_at"])
    return (ended - started).total_seconds()


# --- fixtures: the e2e modules import them (`from e2e_helpers import tmux_fixture`) --------------------
@pytest.fixture(name="footui")
def footui_fixture() -> str:
    """The installed command's absolute path (the remote side of SSH may not have it on PATH)."""
    path = footui_path()
    if path is None:
        pytest.skip("the footui command is not installed on PATH (pip install .)")
    if shutil.which("tmux") is None:
        pytest.skip("tmux is not installed (apt-get install tmux)")
    return path


@pytest.fixture(name="tmux")
def tmux_fixture(tmp_path: Path, footui: str) -> Iterator[Tmux]:
    server = Tmux(tmp_path)
    try:
        yield server
    finally:
        server.kill()


@pytest.fixture(name="dirs")
def dirs_fixture(tmp_path: Path) -> Dirs:
    return Dirs(tmp_path)
