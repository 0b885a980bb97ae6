"""Cues: the sentence for each event, the voice and the cue command driven by fake engine scripts that record
their arguments, bells, and notifications through tmux."""

from __future__ import annotations

import math
import os
import stat
from pathlib import Path

import pytest

from footui.content.routines import Exercise, Routine
from footui.cues import terminal, wording
from footui.cues.coach import Coach
from footui.cues.command import CueCommand, parse_command
from footui.cues.voice import find_engine, voice_wanted
from footui.session.engine import Engine
from footui.session.plan import build_plan

SQUEEZE = Exercise(id="squeeze", name="Squeeze", sets=2, hold_s=4, rest_s=1, sides="both", cue="SQUEEZE")
LIFT = Exercise(id="lift", name="Lift", sets=1, hold_s=2)
ROUTINE = Routine(id="small", name="Small", exercises=("squeeze", "lift"), prepare_s=1)


class Clock:
    def __init__(self) -> None:
        self.t = 100.0

    def __call__(self) -> float:
        return self.t


def script(path: Path, body: str) -> Path:
    path.write_text("#!/bin/sh\n" + body + "\n")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return path


@pytest.fixture
def fakes(tmp_path: Path) -> dict[str, Path]:
    spoken, events = tmp_path / "spoken.log", tmp_path / "events.log"
    return {
        "spoken": spoken,
        "events": events,
        "voice": script(tmp_path / "espeak-ng", f'printf "%s\\n" "$*" >> "{spoken}"'),
        "command": script(tmp_path / "cue", f'printf "%s|%s\\n" "$1" "$2" >> "{events}"'),
    }


def lines(path: Path) -> list[str]:
    return path.read_text().splitlines() if path.exists() else []


def run_session(coach: Coach, *, pause_at: int | None = None) -> None:
    """The whole small routine on a fake clock, one second at a time, as the screen drives the coach."""
    clock = Clock()
    engine = Engine(build_plan(ROUTINE, [SQUEEZE, LIFT]), clock=clock, wall=lambda: clock.t)
    coach.session_events(engine, engine.start())
    coach.settle()
    step = 0
    while engine.active:
        step += 1
        if step == pause_at:
            engine.pause()
            coach.paused()
            engine.resume()
            coach.resumed()
        clock.t += 1
        coach.session_events(engine, engine.tick())
        coach.second(engine, math.ceil(engine.remaining() - 1e-9))
        coach.settle()  # let each utterance finish, so the log holds every one


EXPECTED = [
    "prepare|Squeeze, left foot. Get ready.",
    "work|Squeeze.",
    "count|Three.",
    "count|Two.",
    "count|One.",
    "rest|Rest.",
    "work|Squeeze.",
    "count|Three.",
    "count|Two.",
    "count|One.",
    "switch|Switch to the right foot. Get ready.",
    "work|Squeeze.",
    "count|Three.",
    "count|Two.",
    "count|One.",
    "rest|Rest.",
    "work|Squeeze.",
    "count|Three.",
    "count|Two.",
    "count|One.",
    "prepare|Lift. Get ready.",
    "work|Hold.",  # a 2 s hold: not counted down
    "finish|Session complete.",
]


def test_the_exact_cues_of_a_small_routine_with_both_feet(fakes: dict[str, Path]) -> None:
    written: list[str] = []
    coach = Coach(
        write=written.append,
        voice="on",
        cue_command=f"{fakes['command']}",
        env={},
        engine_finder=lambda: [str(fakes["voice"])],
    )
    run_session(coach)
    coach.close()
    assert lines(fakes["events"]) == EXPECTED
    assert lines(fakes["spoken"]) == [line.split("|", 1)[1] for line in EXPECTED]
    assert "\a" not in "".join(w for w in written if not w.startswith("\x1b"))  # the voice replaces the bell
    assert written == [terminal.notification("footui", "session complete")]


def test_pause_and_resume_are_cues(fakes: dict[str, Path]) -> None:
    coach = Coach(write=lambda _: None, voice="off", cue_command=str(fakes["command"]), env={})
    run_session(coach, pause_at=2)
    assert lines(fakes["events"])[2:4] == ["pause|Paused.", "resume|Resume."]
    assert lines(fakes["spoken"]) == []


def test_nothing_at_all_when_muted(fakes: dict[str, Path]) -> None:
    written: list[str] = []
    coach = Coach(
        write=written.append,
        voice="on",
        cue_command=str(fakes["command"]),
        env={},
        muted=True,
        engine_finder=lambda: [str(fakes["voice"])],
    )
    run_session(coach)
    assert lines(fakes["spoken"]) == [] and lines(fakes["events"]) == [] and written == []
    assert [f"{c.event}|{c.sentence}" for c in coach.heard] == EXPECTED  # still known, for a screen to show


@pytest.mark.parametrize("variable", ["SSH_CONNECTION", "SSH_TTY"])
def test_auto_voice_is_silent_over_ssh_but_the_cue_command_still_runs(fakes: dict[str, Path], variable: str) -> None:
    coach = Coach(
        write=lambda _: None,
        voice="auto",
        cue_command=str(fakes["command"]),
        env={variable: "10.0.0.2 50000 10.0.0.1 22"},
        engine_finder=lambda: [str(fakes["voice"])],
    )
    assert coach.voice_state() == "voice off (over SSH)"
    run_session(coach)
    assert lines(fakes["spoken"]) == []
    assert lines(fakes["events"]) == EXPECTED


def test_voice_settings() -> None:
    assert voice_wanted("auto", {}) and voice_wanted("on", {"SSH_TTY": "/dev/pts/1"})
    assert not voice_wanted("off", {}) and not voice_wanted("auto", {"SSH_CONNECTION": "x"})
    assert find_engine(lambda name: f"/bin/{name}" if name in ("spd-say", "say") else None) == ["/bin/spd-say", "-w"]
    assert find_engine(lambda name: None) is None


def test_voice_on_without_an_engine_says_so_once() -> None:
    coach = Coach(write=lambda _: None, voice="on", env={}, engine_finder=lambda: None)
    assert not coach.speaking and coach.voice_state() == "voice: no engine found"
    assert coach.take_problem().startswith("voice: no speech engine found")
    assert coach.take_problem() == ""
    assert Coach(write=lambda _: None, voice="auto", env={}, engine_finder=lambda: None).take_problem() == ""


def test_the_cue_command_environment_variable_wins(fakes: dict[str, Path], tmp_path: Path) -> None:
    coach = Coach(
        write=lambda _: None, voice="off", cue_command="/nonexistent", env={"FOOTUI_CUE_CMD": str(fakes["command"])}
    )
    coach.give(wording.finish_cue())
    coach.settle()
    assert lines(fakes["events"]) == ["finish|Session complete."]


def test_bells_tell_a_hold_from_a_rest_when_the_voice_is_off() -> None:
    written: list[str] = []
    later: list[float] = []

    def run_later(delay: float, action) -> None:  # noqa: ANN001
        later.append(delay)
        action()

    coach = Coach(write=written.append, later=run_later, voice="off", env={})
    coach.give(wording.Cue("work", "Hold."))
    assert written == ["\a"] and later == []
    written.clear()
    coach.give(wording.Cue("rest", "Rest."))
    assert written == ["\a", "\a"] and later == [0.3]
    written.clear()
    coach.count_in = False
    coach.give(wording.count_cue(3))
    assert written == []


def test_closing_lets_the_last_cues_run(fakes: dict[str, Path]) -> None:
    command = CueCommand([str(fakes["command"])])
    command.send("stop", "Session stopped.")
    command.close(wait=10)
    assert lines(fakes["events"]) == ["stop|Session stopped."]


def test_a_hanging_cue_command_is_killed_and_reported_once(tmp_path: Path) -> None:
    hang = script(tmp_path / "hang", "sleep 30")
    command = CueCommand([str(hang)], time_limit=0.2)
    command.send("work", "Hold.")
    command.drain()  # returns once the command was stopped
    assert command.take_problem() == "cue command 'hang' took over 0.2 s and was stopped"
    assert command.take_problem() == ""


def test_a_failing_or_missing_cue_command_is_reported_once(tmp_path: Path) -> None:
    failing = CueCommand([str(script(tmp_path / "fails", "exit 3"))])
    failing.send("rest", "Rest.")
    failing.send("work", "Hold.")
    failing.drain()
    assert failing.take_problem() == "cue command 'fails' failed (exit 3) at 'rest'"
    assert failing.take_problem() == ""
    missing = CueCommand([str(tmp_path / "nowhere")])
    missing.send("rest", "Rest.")
    missing.drain()
    assert missing.take_problem().startswith("cue command 'nowhere' cannot run")


def test_the_cue_command_is_split_like_a_shell_would() -> None:
    assert parse_command("notify-send -a 'foot ui'") == (["notify-send", "-a", "foot ui"], "")
    argv, problem = parse_command("say 'unclosed")
    assert argv == [] and "cannot be split" in problem
    coach = Coach(write=lambda _: None, voice="off", cue_command="say 'unclosed", env={})
    assert "cannot be split" in coach.take_problem() and coach.take_problem() == ""


def test_notifications_are_wrapped_for_tmux() -> None:
    plain = terminal.notification("footui", "session complete")
    assert plain == "\x1b]9;footui: session complete\x07\x1b]777;notify;footui;session complete\x07"
    wrapped = terminal.notification("footui", "session complete", tmux=True)
    assert wrapped == (
        "\x1bPtmux;\x1b\x1b]9;footui: session complete\x07\x1b\\"
        "\x1bPtmux;\x1b\x1b]777;notify;footui;session complete\x07\x1b\\"
    )
    assert terminal.notification("a;b", "x\x1b[2Jy") == "\x1b]9;a,b: x␛[2Jy\x07\x1b]777;notify;a,b;x␛[2Jy\x07"


def test_the_finish_notification_goes_through_tmux_when_inside_it() -> None:
    written: list[str] = []
    coach = Coach(write=written.append, voice="off", env={"TMUX": "/tmp/tmux-1000/default,1,0"})
    clock = Clock()
    engine = Engine(build_plan(ROUTINE, [LIFT]), clock=clock, wall=lambda: clock.t)
    engine.start()
    clock.t += 10
    coach.session_events(engine, engine.tick())
    assert terminal.notification("footui", "session complete", tmux=True) in written


def test_cues_that_wait_behind_a_hanging_command_are_dropped_not_delayed(tmp_path: Path) -> None:
    """While the command hangs, cues pile up; when it is stopped, the stale ones are dropped (counted, said once)
    and the fresh ones still run, in order."""
    events, gate = tmp_path / "events.log", tmp_path / "gate"
    os.mkfifo(gate)
    cue = script(
        tmp_path / "cue", f'printf "%s|%s\\n" "$1" "$2" >> "{events}"\n[ "$1" = work ] && read x < "{gate}"\nexit 0'
    )
    clock = Clock()
    command = CueCommand([str(cue)], clock=clock)
    command.send("work", "Hold.")
    with open(gate, "w") as release:  # opens once the command is waiting on it: it hangs now
        clock.t += 1
        command.send("count", "Three.")
        clock.t += 1
        command.send("count", "Two.")
        clock.t += 10  # the hanging command holds the line for ten seconds
        command.send("rest", "Rest.")
        release.write("go\n")
    command.drain()
    assert lines(events) == ["work|Hold.", "rest|Rest."]
    assert command.take_problem() == "cue command 'cue' was busy: 2 cues came too late and were dropped"
    assert command.take_problem() == ""


def alive(pid: int) -> bool:
    """Running, and not a zombie waiting to be reaped."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads process states from /proc")
def test_closing_kills_a_cue_command_still_running_after_the_grace(tmp_path: Path) -> None:
    pids = tmp_path / "pids"
    os.mkfifo(pids)
    hang = script(tmp_path / "hang", f'sleep 60 &\necho "$$ $!" > "{pids}"\nwait')
    command = CueCommand([str(hang)])
    command.send("finish", "Session complete.")
    with open(pids) as started:
        shell, child = (int(pid) for pid in started.read().split())
    assert alive(shell) and alive(child)
    command.close(wait=0.05)
    assert not alive(shell) and not alive(child)  # its whole process group, the sleep included
