"""The command line: version, help, `routines` (table, JSON), bad routines.toml, no TTY, unknown routine."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from footui import __version__
from footui.cli.main import dosage, format_duration, main
from footui.content.routines import builtin_library

ARTICLE_DOSAGE = {
    "Toe press": "10 x hold 3 s, rest 3 s, 3x a day",
    "Toe pencil pickups": "5 x hold 10 s, rest 5 s, each foot, left then right, 1x a day, needs a pencil",
    "Toe walking": "5 x walk 20 s, rest 15 s, 2x a day",
    "Resisted flexion": "10 x hold 5 s, rest 10 s, 1x a day, needs an exercise band and a bedpost",
    "Ankle circles": "1 x circle 10 s, each foot, left then right, 1x a day",
}
BAD = '[[exercise]]\nid = "x"\nname = "X"\nsets = true\nhold_s = 1\n'


def footui(*args: str, env_extra: dict[str, str] | None = None, **kwargs) -> subprocess.CompletedProcess:
    env = {**os.environ, "TERM": "xterm-256color", **(env_extra or {})}  # FOOTUI_*_DIR come from conftest
    kwargs.setdefault("stdin", subprocess.DEVNULL)
    kwargs.setdefault("capture_output", "stdout" not in kwargs)
    kwargs.setdefault("timeout", 20)
    return subprocess.run([sys.executable, "-m", "footui", *args], env=env, text=True, **kwargs)


def test_version() -> None:
    result = footui("--version")
    assert result.returncode == 0 and result.stdout.strip() == f"footui {__version__}"


def test_help_lists_the_commands() -> None:
    result = footui("--help")
    assert result.returncode == 0
    for command in ("run", "start", "routines", "--config-dir", "--data-dir", "--version"):
        assert command in result.stdout
    assert "Not medical advice" in result.stdout


def test_routines_table(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["routines"]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0] == "back-relief  Back-pain relief  (9 min 12 s)"
    assert lines[1:6] == [f"  - {name}: {text}" for name, text in ARTICLE_DOSAGE.items()]
    assert "no-equipment  No equipment" in out and "toe-press-only" in out


def test_dosage_and_durations() -> None:
    lib = builtin_library()
    assert {ex.name: dosage(ex) for ex in lib.exercises.values()} == ARTICLE_DOSAGE
    seconds = (0, 12, 59.6, 60, 552, 3599)
    assert [format_duration(s) for s in seconds] == ["0 s", "12 s", "1 min", "1 min", "9 min 12 s", "59 min 59 s"]


def test_routines_json_planned_time_follows_the_formula() -> None:
    result = footui("routines", "--format", "json")
    assert result.returncode == 0 and result.stderr == ""
    routines = {r["id"]: r for r in json.loads(result.stdout)}
    assert list(routines) == ["back-relief", "no-equipment", "toe-press-only"]
    back = routines["back-relief"]
    assert [ex["id"] for ex in back["exercises"]] == [
        "toe-press",
        "toe-pencil-pickups",
        "toe-walking",
        "resisted-flexion",
        "ankle-circles",
    ]
    assert back["planned_s"] == 552 and back["builtin"] is True
    for routine in routines.values():
        by_formula = sum(
            (routine["prepare_s"] + ex["sets"] * ex["hold_s"] + (ex["sets"] - 1) * ex["rest_s"])
            * (2 if ex["sides"] == "both" else 1)
            for ex in routine["exercises"]
        )
        assert routine["planned_s"] == by_formula
    assert back["exercises"][1]["equipment"] == ["a pencil"]


def test_user_routine_in_json(footui_dirs: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    (footui_dirs[0] / "routines.toml").write_text(
        '[[exercise]]\nid = "quick-press"\nname = "Quick press"\nsets = 3\nhold_s = 1\nrest_s = 1\n'
        '[[routine]]\nid = "quick"\nname = "Quick"\nprepare_s = 1\n'
        'exercises = ["quick-press", "toe-press"]\n'
    )
    assert main(["routines", "--format", "json"]) == 0
    quick = json.loads(capsys.readouterr().out)[-1]
    assert (quick["id"], quick["builtin"], quick["planned_s"]) == ("quick", False, 64)


def test_invalid_file_exits_2_with_the_problems(footui_dirs: tuple[Path, Path]) -> None:
    path = footui_dirs[0] / "routines.toml"
    path.write_text(BAD)
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    result = footui("routines")
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.splitlines() == [
        "footui: routines.toml:4: exercise sets must be a whole number from 1 to 100 (got true)"
    ]
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before


def test_config_dir_option(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    other = tmp_path / "elsewhere"
    other.mkdir()
    (other / "routines.toml").write_text(BAD)
    assert main(["--config-dir", str(other), "routines"]) == 2
    assert "routines.toml:4:" in capsys.readouterr().err


def test_no_tty_exits_2_at_once_with_one_line() -> None:
    result = footui(timeout=10)  # at once: a TimeoutExpired here means it started anyway
    assert result.returncode == 2 and result.stdout == ""
    assert len(result.stderr.splitlines()) == 1 and "needs a terminal" in result.stderr


def test_dumb_terminal_gets_a_plain_message() -> None:
    result = footui(env_extra={"TERM": "dumb"})
    assert result.returncode == 2
    assert len(result.stderr.splitlines()) == 1 and "TERM=dumb" in result.stderr
    assert "--plain" in result.stderr  # the way to a session on such a terminal
    assert "\x1b" not in result.stderr


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pty")
def test_start_unknown_routine() -> None:
    """With a terminal (a pty), an unknown routine is refused before any app starts."""
    master, slave = os.openpty()
    try:
        result = footui("start", "nope", stdin=slave, stdout=slave, stderr=subprocess.PIPE)
    finally:
        os.close(slave)
        os.close(master)
    assert result.returncode == 2
    known = "back-relief, no-equipment, toe-press-only"
    assert result.stderr.strip() == f"footui: no routine 'nope' (known: {known})"


def test_start_unknown_routine_without_a_terminal() -> None:
    result = footui("start", "nope")
    assert result.returncode == 2 and len(result.stderr.splitlines()) == 1


def test_printing_commands_do_not_load_textual_at_run_time() -> None:
    """The import-linter contracts check the import graph; this checks what a real run loads."""
    code = (
        "import contextlib, io, sys; from footui.cli.main import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    main(['routines']); main(['routines', '--format', 'json'])\n"
        "print('textual' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


def dropped_toe_press(data: Path) -> None:
    """A toe-press-only session cut by a signal a moment ago, 3 of 10 sets done: `footui resume` offers it."""
    from footui.history.store import HistoryStore
    from footui.session.plan import build_plan
    from footui.session.runner import SessionRunner

    library = builtin_library()
    routine = library.routines["toe-press-only"]
    seconds = [0.0]
    runner = SessionRunner(
        build_plan(routine, library.routine_exercises(routine)), HistoryStore(data), clock=lambda: seconds[0]
    )
    runner.start()
    while runner.sets_done < 3:
        seconds[0] += 0.5
        runner.tick()
    runner.stop(reason="signal")


@pytest.mark.parametrize(
    ("argv", "term", "says"),
    [
        (["resume"], "dumb", "`footui resume --plain`"),
        (["resume"], "xterm-256color", "`footui resume --plain`"),
        (["start", "toe-press-only"], "xterm-256color", "`footui start toe-press-only --plain`"),
        (["start", "toe-press-only"], "dumb", "`footui start toe-press-only --plain`"),
        ([], "xterm-256color", "`footui start ROUTINE --plain`"),
    ],
)
def test_no_terminal_and_dumb_terminal_name_the_plain_way_for_this_command(
    footui_dirs: tuple[Path, Path],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
    term: str,
    says: str,
) -> None:
    dropped_toe_press(footui_dirs[1])
    monkeypatch.setenv("TERM", term)
    assert main(argv) == 2  # pytest's stdin is no terminal
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1 and says in err
    if argv == ["resume"]:
        assert "ROUTINE" not in err
