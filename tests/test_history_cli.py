"""The history / today / export / import sub-commands."""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from footui.cli import history as history_cli
from footui.history.store import HistoryStore, new_record

ROOT = Path(__file__).resolve().parent.parent
PLUS1 = timezone(timedelta(hours=1))


def run(*argv: str) -> int:
    parser = argparse.ArgumentParser()
    history_cli.register(parser.add_subparsers())
    args = parser.parse_args(argv)
    return args.func(args)


def make(day: int, name: str = "Back-pain relief", status: str = "completed", minutes: int = 14, **fields) -> dict:
    r = new_record(
        "back-relief",
        name,
        [("toe-press", None, 10, 3, 3), ("toe-walking", None, 2, 30, 10)],
        datetime(2026, 11, day, 8, 1, 2, tzinfo=PLUS1),
    )
    r["exercises"][0]["sets_done"] = 10
    r["exercises"][1]["sets_done"] = 2 if status == "completed" else 1
    r["status"] = status
    r["ended_at"] = (datetime(2026, 11, day, 8, 1, 2, tzinfo=PLUS1) + timedelta(minutes=minutes)).isoformat()
    r.update(fields)
    return r


@pytest.fixture
def data(footui_dirs) -> Path:
    d = footui_dirs[1]
    HistoryStore(d).merge(
        [
            make(20, pain_before=5, pain_after=3),
            make(21, name="Evil [b]\x1b[2J", status="stopped", minutes=65),
            make(22, status="interrupted"),
        ]
    )
    return d


def test_table_newest_first(data, capsys):
    assert run("history") == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["date", "routine", "duration", "sets", "status", "pain", "before/after"]
    assert lines[1].startswith("2026-11-22 08:01") and "interrupted" in lines[1] and "11/12" in lines[1]
    assert "1:05:00" in lines[2] and "stopped" in lines[2] and "\x1b" not in lines[2]
    assert "14:00" in lines[3] and "12/12" in lines[3] and lines[3].endswith("5/3")
    assert len(lines) == 4


def test_table_empty(capsys):
    assert run("history") == 0
    assert capsys.readouterr().out == "No sessions yet.\n"


def test_json_includes_interrupted(data, capsys):
    assert run("history", "--format", "json") == 0
    sessions = json.loads(capsys.readouterr().out)
    assert [s["status"] for s in sessions] == ["interrupted", "stopped", "completed"]
    assert sessions[2]["exercises"][0]["exercise_id"] == "toe-press"


def test_csv_and_since(data, capsys):
    assert run("history", "--format", "csv", "--since", "2026-11-21") == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [r["status"] for r in rows] == ["interrupted", "stopped"]
    assert rows[1]["duration_s"] == "3900" and rows[1]["sets_done"] == "11" and rows[1]["planned_sets"] == "12"
    assert "\x1b" not in rows[1]["routine_name"]
    assert run("history", "--since", "2026-12-01") == 0
    assert "No sessions since 2026-12-01" in capsys.readouterr().out
    with pytest.raises(SystemExit):
        run("history", "--since", "yesterday")


def test_export_import_round_trip_without_duplicates(data, tmp_path, capsys, monkeypatch):
    backup = tmp_path / "backup.json"
    assert run("export", str(backup)) == 0
    assert "exported 3 session(s)" in capsys.readouterr().out
    assert json.loads(backup.read_text())["schema"] == 1

    fresh = tmp_path / "fresh"
    monkeypatch.setenv("FOOTUI_DATA_DIR", str(fresh))
    HistoryStore(fresh).merge([make(25)])
    assert run("import", str(backup)) == 0
    assert "imported 3 new session(s)" in capsys.readouterr().out
    assert run("import", str(backup)) == 0
    out = capsys.readouterr().out
    assert "imported 0 new session(s)" in out and "(3 already present)" in out
    sessions = HistoryStore(fresh).load()
    assert len(sessions) == 4 and len({s["id"] for s in sessions}) == 4
    original = {s["id"]: s for s in HistoryStore(data).load()}
    assert all(original[s["id"]] == s for s in sessions if s["id"] in original)


def test_export_to_stdout(data, capsys):
    assert run("export", "-") == 0
    assert len(json.loads(capsys.readouterr().out)["sessions"]) == 3


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"{not json", "not valid JSON"),
        (b"\xff\xfe", "UTF-8"),
        (b'{"schema": 3, "sessions": []}', "newer footui"),
        (b'{"schema": 1, "sessions": [{"id": "x"}]}', "session 1 is not valid"),
    ],
)
def test_bad_import_file_is_a_one_line_error(tmp_path, capsys, content, words):
    bad = tmp_path / "bad.json"
    bad.write_bytes(content)
    assert run("import", str(bad)) == 2
    err = capsys.readouterr().err
    assert words in err and err.count("\n") == 1 and err.startswith("footui: ")


def test_missing_import_file(tmp_path, capsys):
    assert run("import", str(tmp_path / "nope.json")) == 2
    assert "cannot import" in capsys.readouterr().err


def test_store_error_exits_2_and_notices_go_to_stderr(footui_dirs, capsys):
    data = footui_dirs[1]
    (data / "history.json").write_text('{"schema": 9, "sessions": []}')
    assert run("history") == 0
    captured = capsys.readouterr()
    assert "newer footui" in captured.err and captured.out == "No sessions yet.\n"
    other = data.parent / "in.json"
    other.write_text(json.dumps({"schema": 1, "sessions": [make(3)]}))
    assert run("import", str(other)) == 2
    err = capsys.readouterr().err.splitlines()
    assert "read-only" in err[-1]


def test_today_line(footui_dirs, capsys, monkeypatch):
    from footui.history import stats

    today = datetime(2025, 6, 2, 12, 0).astimezone()  # a fixed day: a real clock could cross midnight
    monkeypatch.setattr(stats, "_today", lambda _today, _tz: today.date())
    r = new_record("back-relief", "Back", [("toe-press", None, 10, 3, 3)], today)
    r["exercises"][0]["sets_done"] = 10
    r["status"] = "completed"
    HistoryStore(footui_dirs[1]).finish(r)
    assert run("today") == 0
    out = capsys.readouterr().out
    assert out.startswith("toe press 1/3 · ") and out.rstrip().endswith("streak 0 days") and out.count("\n") == 1


def _env(data: Path) -> dict:
    return {**os.environ, "FOOTUI_DATA_DIR": str(data), "PYTHONPATH": str(ROOT)}


def test_today_does_not_import_textual(data):
    code = (
        "import sys, argparse\n"
        "from footui.cli import history as history_cli\n"
        "p = argparse.ArgumentParser(); history_cli.register(p.add_subparsers())\n"
        "a = p.parse_args(['today']); rc = a.func(a)\n"
        "bad = [m for m in sys.modules if m == 'textual' or m.startswith('textual.')]\n"
        "assert rc == 0 and not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=_env(data), check=True, capture_output=True)


@pytest.mark.skipif(not (ROOT / "footui" / "cli.py").exists(), reason="footui/cli.py not written yet")
def test_python_m_footui_today_without_textual(data):
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "footui", "today"],
        cwd=ROOT,
        env=_env(data),
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stderr
    assert "streak" in proc.stdout
    imported = [line.rsplit("|", 1)[-1].strip() for line in proc.stderr.splitlines() if "|" in line]
    assert not [m for m in imported if m == "textual" or m.startswith("textual.")]


def test_the_screen_export_writes_the_same_csv_as_the_command(data: Path, capsys, tmp_path: Path) -> None:
    assert run("history", "--format", "csv") == 0
    printed = capsys.readouterr().out
    target = history_cli.write_csv_file(HistoryStore(data).load(), tmp_path / "out.csv")
    assert target.read_text(encoding="utf-8") == printed


def test_csv_cells_cannot_run_as_spreadsheet_formulas(footui_dirs, capsys) -> None:
    HistoryStore(footui_dirs[1]).merge([make(20, note='=HYPERLINK("x")'), make(21, name="@SUM(A1)")])
    assert run("history", "--format", "csv") == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert {row["note"] for row in rows} >= {'\'=HYPERLINK("x")'}
    assert {row["routine_name"] for row in rows} >= {"'@SUM(A1)"}
