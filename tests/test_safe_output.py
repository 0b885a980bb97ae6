"""Output is always safe text: control, zero-width and bidi characters never reach the terminal from any command,
CSV cells never start a formula, and a closed, full or broken stdout (or a closed stdin) ends with one line."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from footui.history.files import encode_history
from footui.history.store import new_record
from footui.text.cleaning import clean

ROOT = Path(__file__).resolve().parent.parent
NASTY = "=cmd|' /C calc'!A0\x1b]52;c;ZWNobyBoaQ==\x07\r\n\u200b\u200f\u061c\u2028\u2029\u202e\x9b"
UNSAFE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def footui(*argv: str, config: Path, data: Path, **kw) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "FOOTUI_CONFIG_DIR": str(config), "FOOTUI_DATA_DIR": str(data), "PYTHONPATH": str(ROOT)}
    env.update(kw.pop("env", {}))
    kw.setdefault("stdin", subprocess.DEVNULL)
    kw.setdefault("capture_output", "stdout" not in kw)
    return subprocess.run([sys.executable, "-m", "footui", *argv], env=env, cwd=ROOT, timeout=60, **kw)


@pytest.fixture
def nasty_history(footui_dirs) -> tuple[Path, Path]:
    config, data = footui_dirs
    r = new_record("r" + NASTY, "-" + NASTY, [("toe" + NASTY, None, 3, 3, 3)], new_record_time())
    r.update(id="@" + NASTY, status="completed", ended_at=r["started_at"], note="+" + NASTY)
    (data / "history.json").write_bytes(encode_history([r]))
    return config, data


def new_record_time():
    from datetime import datetime, timezone

    return datetime(2025, 5, 1, 8, 0, tzinfo=timezone.utc)


def test_clean_covers_zero_width_bidi_and_separators() -> None:
    assert not UNSAFE.search(clean(NASTY))
    assert clean("a\u200bb\u202ec\u2066d\ufeff") == "a\ufffdb\ufffdc\ufffdd\ufffd"


@pytest.mark.parametrize("fmt", ["table", "csv", "json"])
def test_history_prints_no_control_characters_in_any_format(nasty_history, fmt: str) -> None:
    config, data = nasty_history
    proc = footui("history", "--format", fmt, config=config, data=data)
    assert proc.returncode == 0, proc.stderr
    text = proc.stdout.decode("utf-8")
    assert not UNSAFE.search(text), repr(text)
    assert "\x1b" not in text and "\r" not in text
    if fmt == "csv":
        rows = list(csv.reader(io.StringIO(text)))
        assert len(rows) == 2  # no CR or LF split the row
        for cell in rows[1]:
            assert cell[:1] not in ("=", "+", "-", "@", "|", "%"), cell
    if fmt == "json":
        assert json.loads(text)["sessions"][0]["note"].startswith("+=cmd")  # escaped, not lost


def test_routines_json_checks_every_string(footui_dirs) -> None:
    config, data = footui_dirs
    from footui.cli.output import clean_strings

    assert clean_strings({"equipment": ["a\x1b[2J", "b\u202e"]}) == {"equipment": ["a\u241b[2J", "b\ufffd"]}
    proc = footui("routines", "--format", "json", config=config, data=data)
    assert proc.returncode == 0 and not UNSAFE.search(proc.stdout.decode())


def test_today_points_to_routines_in_one_line(footui_dirs) -> None:
    config, data = footui_dirs
    (config / "routines.toml").write_text('[[exercise]]\nid = "x"\n[[routine]]\nid = 3\n')
    proc = footui("today", config=config, data=data)
    assert proc.returncode == 0
    assert proc.stderr.decode().splitlines() == ["footui: routines.toml has 6 problem(s); `footui routines` lists them"]


def test_a_closed_stdin_is_one_line_not_a_traceback(footui_dirs) -> None:
    config, data = footui_dirs
    for argv in ([], ["import", "-"]):
        proc = footui(
            *argv, config=config, data=data, stdin=None, env={"TERM": "xterm"}, preexec_fn=lambda: os.close(0)
        )
        err = proc.stderr.decode()
        assert proc.returncode == 2 and len(err.splitlines()) == 1 and "Traceback" not in err, err


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_a_full_stdout_is_one_line_and_exit_1(nasty_history) -> None:
    config, data = nasty_history
    for argv in (["today"], ["history"], ["routines"], ["export", "-"], ["--help"], ["start", "--help"]):
        with open("/dev/full", "wb") as full:
            proc = footui(*argv, config=config, data=data, stdout=full, stderr=subprocess.PIPE)
        err = proc.stderr.decode()
        assert proc.returncode == 1 and err == "footui: cannot write the output: disk full\n", (argv, err)


def test_a_closed_stdout_is_one_line_and_exit_1(footui_dirs) -> None:
    config, data = footui_dirs
    proc = footui(
        "today", config=config, data=data, stdout=None, stderr=subprocess.PIPE, preexec_fn=lambda: os.close(1)
    )
    assert proc.returncode == 1 and proc.stderr.decode() == "footui: standard output is closed\n"


def test_a_broken_pipe_exits_quietly(footui_dirs) -> None:
    config, data = footui_dirs
    sessions = []
    for i in range(3000):
        r = new_record("r", "R", [("toe-press", None, 3, 3, 3)], new_record_time())
        r.update(status="completed", ended_at=r["started_at"], note=f"n{i}")
        sessions.append(r)
    (data / "history.json").write_bytes(encode_history(sessions))
    env = {**os.environ, "FOOTUI_CONFIG_DIR": str(config), "FOOTUI_DATA_DIR": str(data), "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "footui", "history", "--format", "csv"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.read(100)
    proc.stdout.close()  # like `| head -c 100`
    err = proc.stderr.read().decode()
    proc.wait(timeout=60)
    assert err == "" and proc.returncode in (0, 1)


def test_a_stdout_that_is_not_utf8_gets_ascii_fallbacks(nasty_history) -> None:
    config, data = nasty_history
    for argv in (["history"], ["routines"], ["today"]):
        proc = footui(*argv, config=config, data=data, env={"PYTHONIOENCODING": "ascii"})
        assert proc.returncode == 0 and b"Traceback" not in proc.stderr, proc.stderr
        proc.stdout.decode("ascii")


def test_the_app_refuses_a_terminal_that_is_not_utf8(footui_dirs) -> None:
    import pty

    config, data = footui_dirs
    master, slave = pty.openpty()
    try:
        proc = footui(
            config=config,
            data=data,
            stdin=slave,
            stdout=slave,
            stderr=subprocess.PIPE,
            env={"PYTHONIOENCODING": "latin-1", "TERM": "xterm"},
        )
    finally:
        os.close(slave)
        os.close(master)
    err = proc.stderr.decode()
    assert proc.returncode == 2 and err.startswith("footui: this terminal does not use UTF-8"), err
    assert len(err.splitlines()) == 1


@pytest.mark.parametrize("command", [("today",), ("report",), ("history",)])
def test_a_store_notice_naming_a_hostile_path_is_cleaned_by_every_command(footui_dirs, command) -> None:
    """A data dir others could write to is made private with a notice naming it; a path with ESC or BEL in it
    must not reach the terminal, whichever command gives the notice."""
    config, base = footui_dirs
    data = base / "evil\x1b]52;c;aGk=\x07dir"
    data.mkdir()
    (data / "history.json").write_bytes(b'{"schema": 2, "sessions": [], "rest_days": []}')
    data.chmod(0o775)
    proc = footui(*command, config=config, data=data)
    assert proc.returncode == 0, proc.stderr
    err = proc.stderr.decode("utf-8")
    assert "it is now 0700" in err and "\x1b" not in err and "\x07" not in err
