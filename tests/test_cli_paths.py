"""The command line as a user types it, each command in a subprocess: options, help, formats, durations."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from ui_helpers import START, history_record

from footui.history.store import HistoryStore
from footui.text.columns import cell_width
from footui.text.formatting import duration


def footui(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "footui", *args],
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
        env={**os.environ, "FOOTUI_CONFIG_DIR": "/nonexistent-footui-cfg", **(env or {})},
    )


@pytest.fixture
def data(tmp_path: Path) -> Path:
    directory = tmp_path / "data"
    HistoryStore(directory).merge(
        [
            history_record("00000000-0000-4000-8000-000000000001", START - timedelta(days=1), minutes=65),
            history_record(
                "00000000-0000-4000-8000-000000000002", START, routine_name="足の体操 🦶", pain_after=1, note="ok"
            ),
        ]
    )
    return directory


def test_global_options_work_after_the_sub_command(data: Path) -> None:
    after = footui("history", "--data-dir", str(data))
    before = footui("--data-dir", str(data), "history")
    assert after.returncode == 0, after.stderr
    assert after.stdout == before.stdout and "足の体操" in after.stdout


def test_an_option_after_the_sub_command_does_not_undo_one_before_it(data: Path, tmp_path: Path) -> None:
    result = footui("--data-dir", str(data), "history", "--config-dir", str(tmp_path))
    assert "足の体操" in result.stdout


def test_every_sub_command_help_says_what_it_does() -> None:
    listing = footui("--help").stdout
    commands = re.findall(r"^    (\S+)  ", listing.split("commands:")[1], re.MULTILINE)
    assert {"run", "start", "routines", "history", "today", "export", "import"} <= set(commands)
    for command in commands:
        text = footui(command, "--help").stdout
        description = text.split("\n\n")[1].strip()
        assert description and not description.startswith(("positional", "options")), (command, text)


def test_start_help_lists_the_routine_ids() -> None:
    text = footui("start", "--help").stdout
    assert "routine ids:" in text
    for routine_id in ("back-relief", "no-equipment", "toe-press-only"):
        assert routine_id in text


def test_history_json_is_what_import_reads(data: Path, tmp_path: Path) -> None:
    dump = tmp_path / "history-dump.json"
    dump.write_text(footui("history", "--format", "json", "--data-dir", str(data)).stdout, encoding="utf-8")
    other = tmp_path / "other"
    result = footui("import", str(dump), "--data-dir", str(other))
    assert result.returncode == 0, result.stderr
    assert "imported 2 new session" in result.stdout
    assert footui("history", "--data-dir", str(other)).stdout == footui("history", "--data-dir", str(data)).stdout


def test_routines_json_carries_every_field() -> None:
    routines = json.loads(footui("routines", "--format", "json").stdout)
    back = next(r for r in routines if r["id"] == "back-relief")
    assert {"id", "name", "description", "prepare_s", "planned_s", "builtin", "exercises"} <= set(back)
    toe = back["exercises"][0]
    for field in ("steps", "why", "source", "equipment", "cue", "sides", "per_day", "hold_s", "rest_s", "sets"):
        assert field in toe, field
    assert toe["steps"] and toe["why"] and toe["source"]
    assert any(ex["equipment"] for ex in back["exercises"])


def test_durations_are_written_the_screens_way(data: Path) -> None:
    table = footui("routines").stdout
    assert "(9 min 12 s)" in table.splitlines()[0] and duration(552) == "9 min 12 s"
    history = footui("history", "--data-dir", str(data)).stdout
    assert duration(65 * 60) == "1 h 05 min" and "1 h 05 min" in history


def test_history_columns_line_up_with_wide_characters(data: Path) -> None:
    lines = footui("history", "--data-dir", str(data)).stdout.splitlines()
    starts = {cell_width(line[: line.index(" 7/7")]) for line in lines[1:]}
    assert len(starts) == 1, lines
