"""`footui start ROUTINE --plain`: the exact lines on a fake clock, the pause and stop keys, signals, exit codes."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from footui.cli.plain import Signalled, run_plain
from footui.content.routines import Exercise, Routine
from footui.history.store import HistoryStore
from footui.session.plan import build_plan
from footui.session.runner import SessionRunner

START = datetime(2026, 11, 24, 8, 0, tzinfo=timezone(timedelta(hours=1)))


class FakeTime:
    """The clock, and a `wait` that lets time pass up to the timeout unless a scripted input is due first."""

    def __init__(self, inputs: dict[float, str] | None = None) -> None:
        self.t = 100.0
        self.inputs = dict(inputs or {})  # seconds after the start -> the line typed then
        self.waits: list[float | None] = []

    def monotonic(self) -> float:
        return self.t

    def wall(self) -> float:
        return self.t + 1.7e9

    def now(self) -> datetime:
        return START + timedelta(seconds=self.t - 100.0)

    def wait(self, timeout: float | None) -> str | None:
        self.waits.append(timeout)
        due = sorted(at for at in self.inputs if 100.0 + at <= (self.t + timeout if timeout is not None else 1e18))
        if due:
            self.t = max(self.t, 100.0 + due[0])
            return self.inputs.pop(due[0])
        assert timeout is not None, "waited forever with nothing to wake it"
        self.t += timeout
        return None


def make_runner(tmp_path: Path, clock: FakeTime, *, sides: str = "both", prepare_s: float = 5) -> SessionRunner:
    press = Exercise(id="press", name="Toe press", sets=2, hold_s=3, rest_s=3, sides=sides)
    walk = Exercise(id="walk", name="Toe walking", sets=1, hold_s=12, cue="WALK")
    routine = Routine(id="quick", name="Quick", exercises=("press", "walk"), prepare_s=prepare_s)
    plan = build_plan(routine, [press, walk])
    store = HistoryStore(tmp_path)
    return SessionRunner(plan, store, clock=clock.monotonic, wall=clock.wall, now=clock.now)


def run(runner: SessionRunner, clock: FakeTime, *, interactive: bool = False) -> tuple[int, list[str]]:
    lines: list[str] = []
    code = run_plain(runner, write=lines.append, wait=clock.wait, clock=clock.monotonic, interactive=interactive)
    return code, lines


def saved(tmp_path: Path) -> list[dict]:
    path = tmp_path / "history.json"
    return json.loads(path.read_text())["sessions"] if path.exists() else []


def test_the_exact_lines_of_a_session(tmp_path: Path) -> None:
    clock = FakeTime()
    code, lines = run(make_runner(tmp_path, clock), clock)
    assert lines == [
        "Quick: 2 exercises, 5 sets, about 45 s.",
        "Toe press, left foot. Get ready, 5 seconds.",
        "3",
        "2",
        "1",
        "Set 1 of 2: hold 3 seconds.",
        "2",
        "1",
        "Rest 3 seconds.",
        "2",
        "1",
        "Set 2 of 2: hold 3 seconds.",
        "2",
        "1",
        "Switch to the right foot. Get ready, 5 seconds.",
        "3",
        "2",
        "1",
        "Set 1 of 2: hold 3 seconds.",
        "2",
        "1",
        "Rest 3 seconds.",
        "2",
        "1",
        "Set 2 of 2: hold 3 seconds.",
        "2",
        "1",
        "Toe walking. Get ready, 5 seconds.",
        "3",
        "2",
        "1",
        "Set 1 of 1: walk 12 seconds.",
        "10",
        "5",
        "3",
        "2",
        "1",
        "Session complete: 5 of 5 sets.",
    ]
    assert code == 0
    assert clock.t == pytest.approx(100.0 + 45)
    [session] = saved(tmp_path)
    assert session["status"] == "completed"
    assert "stop_reason" not in session
    # The loop slept until the next thing to say: one wait per line, no polling.
    assert len(clock.waits) <= len(lines) + 1


def test_no_escape_byte_even_from_a_hostile_name(tmp_path: Path) -> None:
    clock = FakeTime()
    press = Exercise(id="press", name="Bad\x1b[31mname\x07", sets=1, hold_s=1, cue="HO\x1b]2;x\x07LD")
    routine = Routine(id="r", name="R\x1b[2J", exercises=("press",), prepare_s=0)
    runner = SessionRunner(build_plan(routine, [press]), HistoryStore(tmp_path), clock=clock.monotonic)
    _, lines = run(runner, clock)
    text = "\n".join(lines)
    assert "\x1b" not in text and "\x07" not in text
    assert lines[1].startswith("Bad")  # with no get-ready, the first set says which exercise it is
    assert "Set 1 of 1:" in lines[1]


def test_enter_pauses_and_resumes_and_marks_are_not_said_late(tmp_path: Path) -> None:
    clock = FakeTime({1.5: "", 30.0: ""})  # pause 3.5 s before GET READY ends; resume much later
    runner = make_runner(tmp_path, clock)
    lines: list[str] = []
    code = run_plain(runner, write=lines.append, wait=clock.wait, clock=clock.monotonic, interactive=True)
    assert code == 0
    assert lines[0].endswith("Enter pauses, q then enter stops.")
    assert lines[1:5] == [
        "Toe press, left foot. Get ready, 5 seconds.",
        "Paused. 4 seconds left in this phase. Press enter to resume, or q then enter to stop.",
        "Resumed, 4 seconds left.",
        "3",
    ]
    assert saved(tmp_path)[0]["status"] == "completed"


def test_q_then_enter_stops_and_saves_as_the_app_does(tmp_path: Path) -> None:
    clock = FakeTime({12.0: "q"})  # after the first set (GET READY 5 s + hold 3 s) and into the rest
    code, lines = run(make_runner(tmp_path, clock), clock, interactive=True)
    assert code == 1
    assert lines[-1] == "Session stopped: 1 of 5 sets."
    [session] = saved(tmp_path)
    assert session["status"] == "stopped"
    assert session["stop_reason"] == "user"
    assert session["exercises"][0]["sets_done"] == 1


def test_without_a_terminal_input_is_ignored_and_a_sleep_does_not_stall(tmp_path: Path) -> None:
    clock = FakeTime()
    runner = make_runner(tmp_path, clock)
    original_wall = clock.wall
    jumped = {"done": False}

    def wall() -> float:  # the machine "sleeps" once, 60 s of wall time at the 7th second
        if clock.t >= 107 and not jumped["done"]:
            jumped["done"] = True
        return original_wall() + (60 if jumped["done"] else 0)

    runner.engine._wall = wall
    code, lines = run(runner, clock, interactive=False)
    assert code == 0
    assert "Paused: the computer was asleep. Continuing." in lines


@pytest.mark.parametrize(
    ("exc", "code", "reason"), [(Signalled(signal.SIGHUP), 129, "signal"), (KeyboardInterrupt(), 1, "user")]
)
def test_a_signal_or_ctrl_c_saves_every_set(tmp_path: Path, exc: BaseException, code: int, reason: str) -> None:
    clock = FakeTime()
    inner = clock.wait

    def wait(timeout: float | None) -> str | None:
        if clock.t >= 100 + 9:
            raise exc
        return inner(timeout)

    runner = make_runner(tmp_path, clock)
    lines: list[str] = []
    assert run_plain(runner, write=lines.append, wait=wait, clock=clock.monotonic, interactive=True) == code
    [session] = saved(tmp_path)
    assert session["status"] == "stopped"
    assert session["stop_reason"] == reason
    assert session["exercises"][0]["sets_done"] == 1
    assert lines[-1] == "Session stopped: 1 of 5 sets."


SECOND_SIGNAL_SHIM = """
import os, signal
_fsync = os.fsync
def fsync(fd):
    if os.path.exists(os.environ["FOOTUI_TEST_FLAG"]):  # from now on every save is hit by another SIGTERM
        os.kill(os.getpid(), signal.SIGTERM)
    return _fsync(fd)
os.fsync = fsync
"""


def test_a_second_signal_during_the_final_save_changes_nothing(tmp_path: Path) -> None:
    """SIGHUP, then SIGTERM while the session is being saved: exit 129, saved as a signal stop, no traceback."""
    config, data, shim = tmp_path / "config", tmp_path / "data", tmp_path / "shim"
    for folder in (config, data, shim):
        folder.mkdir(exist_ok=True)
    (config / "routines.toml").write_text(
        '[[exercise]]\nid = "quick-press"\nname = "Quick press"\nsets = 3\nhold_s = 1\nrest_s = 1\n'
        '[[routine]]\nid = "quick"\nname = "Quick"\nprepare_s = 0\nexercises = ["quick-press"]\n'
    )
    (shim / "sitecustomize.py").write_text(SECOND_SIGNAL_SHIM)
    flag = tmp_path / "flag"
    env = dict(
        os.environ,
        PYTHONPATH=str(shim),
        FOOTUI_TEST_FLAG=str(flag),
        FOOTUI_CONFIG_DIR=str(config),
        FOOTUI_DATA_DIR=str(data),
    )
    command = [sys.executable, "-m", "footui", "start", "quick", "--plain"]
    with subprocess.Popen(
        command, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    ) as proc:
        assert proc.stdout is not None
        for line in proc.stdout:  # the first set is done (and checkpointed) when the second one starts
            if line.startswith("Set 2 of 3"):
                break
        flag.touch()
        proc.send_signal(signal.SIGHUP)
        out, err = proc.communicate(timeout=20)
    assert "Traceback" not in err and err == ""
    assert proc.returncode == 128 + signal.SIGHUP
    [session] = saved(data)
    assert (session["status"], session["stop_reason"]) == ("stopped", "signal")
    assert session["exercises"][0]["sets_done"] >= 1
    assert out.splitlines()[-1].startswith("Session stopped:")
