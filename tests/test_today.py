"""`footui today`: its three formats, `--due`'s exit status, and the summary cache that makes it prompt-fast."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from footui.cli.main import main
from footui.cli.today import _xdg_dir
from footui.history import summary_cache
from footui.history.store import HistoryStore, new_record

ROOT = Path(__file__).resolve().parent.parent
LONG_AGO = 1_700_000_000_000_000_000  # ns; a history older than summary_cache.RACY_NS, so its cache is trusted


def session(when: datetime, toe_press: int = 10, walks: int = 0) -> dict:
    entries = [("toe-press", None, 10, 3, 3)] + [("toe-walking", None, 5, 20, 15)] * (1 if walks else 0)
    r = new_record("back-relief", "Back", entries, when)
    r["exercises"][0]["sets_done"] = toe_press
    if walks:
        r["exercises"][1]["sets_done"] = 5
    r["status"], r["ended_at"] = "completed", when.isoformat()
    return r


def age(data: Path) -> None:
    """Make history.json look written long ago (what it is for a prompt between sessions)."""
    os.utime(data / "history.json", ns=(LONG_AGO, LONG_AGO))


def today(*args: str) -> int:
    return main(["today", *args])


@pytest.fixture
def data(footui_dirs) -> Path:
    now = datetime.now().astimezone()
    HistoryStore(footui_dirs[1]).merge([session(now - timedelta(days=1)), session(now), session(now)])
    age(footui_dirs[1])
    return footui_dirs[1]


def test_text_line(data, capsys):
    assert today() == 0
    out = capsys.readouterr().out
    assert out.startswith("toe press 2/3 · toe pencil pickups 0/1 · ")
    assert out.endswith(" · streak 2 days · targets met 0 days\n")


def test_text_and_json_mean_the_same_streaks(data, capsys):
    """`streak` is the days in a row with a session, in every format; the targets' streak is named as such."""
    today()
    text = capsys.readouterr().out
    today("--format", "json")
    answer = json.loads(capsys.readouterr().out)
    assert answer["streak"] == 2 and answer["streak_targets"] == 0
    assert f"streak {answer['streak']} days" in text
    assert f"targets met {answer['streak_targets']} days" in text


def test_short_is_at_most_20_characters(data, capsys, footui_dirs):
    assert today("--format", "short") == 0
    assert capsys.readouterr().out == "feet 2/8\n"
    # A busy user file: 30 exercises of 24 a day, and a rest day, still fit a tmux segment.
    lines = ["[[exercise]]", 'id = "x{n}"', 'name = "X{n}"', "sets = 1", "hold_s = 1", "per_day = 24", ""]
    (footui_dirs[0] / "routines.toml").write_text("\n".join(line.format(n=n) for n in range(30) for line in lines))
    main(["rest", "--note", "flare-up"])
    capsys.readouterr()
    assert today("--format", "short") == 0
    out = capsys.readouterr().out.rstrip("\n")
    assert out == "feet 2/728 rest" and len(out) <= 20


def test_json(data, capsys):
    assert today("--format", "json") == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["date"] == date.today().isoformat()
    assert doc["exercises"][0] == {"id": "toe-press", "name": "Toe press", "done": 2, "target": 3}
    assert {e["id"] for e in doc["exercises"]} == {
        "toe-press", "toe-pencil-pickups", "toe-walking", "resisted-flexion", "ankle-circles",
    }  # fmt: skip
    assert doc["streak"] == 2 and doc["streak_targets"] == 0 and doc["due"] is True


def test_due_exit_status(footui_dirs, capsys):
    store = HistoryStore(footui_dirs[1])
    assert today("--due", "--quiet") == 1  # nothing done yet
    assert today("--due") == 1 and "toe press 0/3" in capsys.readouterr().out
    every = [("toe-press", None, 10, 3, 3), ("toe-pencil-pickups", "left", 5, 10, 5),
             ("toe-pencil-pickups", "right", 5, 10, 5), ("toe-walking", None, 5, 20, 15),
             ("resisted-flexion", None, 10, 5, 10), ("ankle-circles", None, 1, 10, 0)]  # fmt: skip
    for n in range(3):  # the toe press three times a day, toe walking twice, the rest once
        r = new_record("all", "All", every, datetime.now().astimezone())
        for e in r["exercises"]:
            e["sets_done"] = e["sets_planned"]
        r["status"] = "completed"
        store.finish(r)
        assert today("--due", "--quiet") == (0 if n == 2 else 1)
    assert capsys.readouterr().out == ""
    assert today("--format", "short") == 0 and capsys.readouterr().out == "feet 8/8\n"


def test_a_rest_day_is_never_due(data, capsys):
    assert today("--due", "--quiet") == 1
    main(["rest"])
    assert today("--due", "--quiet") == 0


def test_answers_from_the_cache_without_reading_the_history(data, capsys, monkeypatch):
    assert today() == 0
    first = capsys.readouterr().out
    assert (data / summary_cache.CACHE_NAME).exists()

    def no_reading(*_args, **_kwargs):
        raise AssertionError("the history was read")

    monkeypatch.setattr(HistoryStore, "load", no_reading)
    for fmt in ("text", "short", "json"):
        assert today("--format", fmt) == 0
    assert capsys.readouterr().out.startswith(first)


def _cached_then(data: Path, capsys, change) -> str:
    """Answer once (writing the cache), apply `change` to history.json, answer again."""
    assert today("--format", "short") == 0
    assert capsys.readouterr().out == "feet 2/8\n"
    change(data / "history.json")
    assert today("--format", "short") == 0
    return capsys.readouterr().out


def test_cache_not_trusted_after_a_same_size_replacement_with_the_same_mtime(data, capsys):
    def swap(path: Path) -> None:
        st = path.stat()
        raw = path.read_bytes()
        at = raw.rindex(b'"sets_done":10')  # today's last session: 10 sets done -> 1
        changed = raw[:at] + b'"sets_done":1 ' + raw[at + 14 :]
        assert len(changed) == len(raw) and changed != raw
        path.with_name("new").write_bytes(changed)
        os.replace(path.with_name("new"), path)  # what footui does: a new inode
        os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))  # same size, same second, same mtime_ns

    assert _cached_then(data, capsys, swap) == "feet 1/8\n"


def test_cache_not_trusted_after_a_same_size_write_in_place_with_the_mtime_put_back(data, capsys):
    def overwrite(path: Path) -> None:
        st = path.stat()
        raw = path.read_bytes()
        at = raw.rindex(b'"sets_done":10')
        with open(path, "r+b") as f:  # same inode, same size
            f.seek(at)
            f.write(b'"sets_done":1 ')
        os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
        assert (path.stat().st_size, path.stat().st_mtime_ns, path.stat().st_ino) == (
            st.st_size, st.st_mtime_ns, st.st_ino,
        )  # fmt: skip

    assert _cached_then(data, capsys, overwrite) == "feet 1/8\n"


def test_cache_not_written_while_the_history_is_racily_new(data, capsys):
    """On a file system with whole-second times (where even ctime stays), a change within the second of the
    cache could keep size and times: so a cache is only written for a history older than RACY_NS."""
    data_dir, routines = str(data), str(data.parent / "config" / "routines.toml")
    key = summary_cache.key(data_dir, routines, "v")
    mtime = key[3][1]
    assert not summary_cache.write(data_dir, key, {"d": {}}, now_ns=mtime + summary_cache.RACY_NS - 1)
    assert not (data / summary_cache.CACHE_NAME).exists()
    assert summary_cache.write(data_dir, key, {"d": {"due": False}}, now_ns=mtime + summary_cache.RACY_NS + 1)
    assert summary_cache.read(data_dir, routines, "v", "d") == {"due": False}
    # any later change: a later mtime (or, within a second on such a file system, a new tail)
    (data / "history.json").write_bytes((data / "history.json").read_bytes()[:-2] + b" }")
    assert summary_cache.read(data_dir, routines, "v", "d") is None


def test_cache_not_used_while_a_session_is_in_progress(data, capsys):
    assert today() == 0
    (data / "active").mkdir()
    (data / "active" / "x.json").write_text("{}")
    assert summary_cache.key(str(data), "/nowhere/routines.toml", "v") is None


def test_cache_follows_routines_toml(data, capsys, footui_dirs):
    assert today("--format", "short") == 0
    (footui_dirs[0] / "routines.toml").write_text(
        '[[exercise]]\nid = "only"\nname = "Only"\nsets = 1\nhold_s = 1\nper_day = 2\n'
    )
    assert today("--format", "short") == 0
    assert capsys.readouterr().out.splitlines() == ["feet 2/8", "feet 2/10"]


@pytest.mark.parametrize(
    "env",
    [{}, {"XDG_DATA_HOME": "/x/data", "XDG_CONFIG_HOME": "/x/cfg"}, {"XDG_DATA_HOME": "", "XDG_CONFIG_HOME": ""}],
)
def test_fast_dirs_agree_with_platformdirs(monkeypatch, env):
    import platformdirs

    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("HOME", "/home/someone")
    if sys.platform != "linux":
        assert _xdg_dir("XDG_DATA_HOME", ".local/share") is None
        return
    assert _xdg_dir("XDG_DATA_HOME", ".local/share") == platformdirs.user_data_dir("footui")
    assert _xdg_dir("XDG_CONFIG_HOME", ".config") == platformdirs.user_config_dir("footui")


def test_cached_path_imports_almost_nothing(data):
    """`python -X importtime`: from the cache, footui imports six small modules and nothing heavy."""
    env = {**os.environ, "FOOTUI_DATA_DIR": str(data), "PYTHONPATH": str(ROOT)}
    run = [sys.executable, "-X", "importtime", "-c", "import sys; from footui.cli.main import main; main(['today'])"]
    subprocess.run(run, cwd=ROOT, env=env, check=True, capture_output=True)  # writes the cache
    proc = subprocess.run(run, cwd=ROOT, env=env, check=True, capture_output=True, text=True)
    assert "streak" in proc.stdout
    imported = {line.rsplit("|", 1)[-1].strip() for line in proc.stderr.splitlines() if "|" in line}
    # What the interpreter itself loads at start (site, .pth files) is not footui's doing: measured, not assumed.
    bare = subprocess.run([sys.executable, "-X", "importtime", "-c", "pass"], env=env, capture_output=True, text=True)
    imported -= {line.rsplit("|", 1)[-1].strip() for line in bare.stderr.splitlines() if "|" in line}
    ours = {m for m in imported if m.startswith("footui")}
    assert ours == {"footui", "footui.cli", "footui.cli.main", "footui.cli.today", "footui.history",
                    "footui.history.summary_cache", "footui.cli.output"}  # fmt: skip
    heavy = {"textual", "argparse", "json", "pathlib", "datetime", "typing", "platformdirs", "filelock", "re"}
    heavy |= {"contextlib", "collections", "functools"}  # contextlib alone was a fifth of the call
    assert not imported & heavy, imported & heavy


def test_full_path_without_textual(data):
    env = {**os.environ, "FOOTUI_DATA_DIR": str(data), "PYTHONPATH": str(ROOT)}
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "footui", "today", "--format", "json"],
        cwd=ROOT, env=env, capture_output=True, text=True,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["streak"] == 2
    imported = [line.rsplit("|", 1)[-1].strip() for line in proc.stderr.splitlines() if "|" in line]
    assert not [m for m in imported if m == "textual" or m.startswith("textual.")]
