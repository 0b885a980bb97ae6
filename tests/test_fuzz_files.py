"""Attack the loaders and the real command line with generated and mutated files (hypothesis).

Properties, for any bytes in history.json, settings.json, routines.toml or an import file:
- no exception escapes (the store raises only StoreError, the CLI exits 0, 1 or 2 with no traceback);
- the original bytes survive: history.json is unchanged, or a side file holds them byte for byte;
- damage is handled once: a second load is silent and sets nothing more aside.
Example counts are bounded; the subprocess tests are marked slow. How many cases ran is printed at the end of
the run (see conftest.py) and kept in FUZZ_COUNTS.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from collections import Counter
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from footui.history import stats
from footui.history.files import encode_history
from footui.history.store import HistoryStore, StoreError, new_record

pytestmark = pytest.mark.fuzz
ROOT = Path(__file__).resolve().parent.parent
FUZZ_COUNTS: Counter[str] = Counter()
QUICK = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SLOW = settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _good_history(n: int = 4) -> bytes:
    t0 = datetime(2025, 1, 1, 8, 0, tzinfo=timezone(timedelta(hours=2)))
    out = []
    for i in range(n):
        r = new_record("back-relief", "Back-pain relief", [("toe-press", None, 10, 3, 3)], t0 + timedelta(days=i))
        r["exercises"][0]["sets_done"] = 10
        r.update(status="completed", ended_at=r["started_at"], note=f"note {i}", pain_after=i % 11)
        out.append(r)
    return encode_history(out)


GOOD = _good_history()

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
    max_leaves=20,
)


DEEP = "<deep nesting here>"
KEYS = ["started_at", "ended_at", "status", "id", "exercises", "planned_sets", "pain_after", "note"]
ODD = [
    "0001-01-01T00:00:00+14:00",
    "0001-01-01T00:00:00+00:00",
    {"x": 1},
    ["completed"],
    "2025-01-01\x1b08:00:00+00:00",
    "9999-12-31T23:59:59-14:00",
    10**400,
    1e308,
    -1,
]


@st.composite
def mutated(draw: st.DrawFn, base: bytes = GOOD) -> bytes:
    """A footui-written file with a few edits: first maybe a field swapped for odd JSON (deep nesting, huge
    numbers, year 1) or a session duplicated, then byte-level flips, cuts and insertions."""
    data = bytearray(base)
    structural = draw(st.sampled_from(["none", "field", "deep", "duplicate"]))
    if structural != "none":
        try:
            doc = json.loads(bytes(data))
            sessions = doc["sessions"] if isinstance(doc, dict) else None
            if isinstance(sessions, list) and sessions and structural == "duplicate":
                sessions.insert(1, dict(draw(st.sampled_from(sessions)), note="changed"))
            elif isinstance(sessions, list) and sessions:
                target = draw(st.sampled_from(sessions))
                if structural == "field":
                    key = draw(st.sampled_from(KEYS) | st.sampled_from(sorted(target)))
                    target[key] = draw(st.sampled_from(ODD) | json_values)
                else:
                    target[draw(st.sampled_from([*sorted(target), "extra"]))] = DEEP
            else:
                doc[draw(st.sampled_from(sorted(doc) or ["extra"]))] = DEEP
            depth = draw(st.sampled_from([3, 14, 20, 1500, 100_000]))
            text = json.dumps(doc).replace(json.dumps(DEEP), "[" * depth + "]" * depth)
            data = bytearray(text.encode())
        except (ValueError, KeyError, TypeError, IndexError, AttributeError):
            pass
    for _ in range(draw(st.integers(0, 2))):
        kind = draw(st.sampled_from(["flip", "cut", "insert", "json", "deep"]))
        at = draw(st.integers(0, len(data)))
        if kind == "flip" and data:
            data[min(at, len(data) - 1)] = draw(st.integers(0, 255))
        elif kind == "cut":
            del data[at:]
        elif kind == "insert":
            data[at:at] = draw(st.binary(max_size=8))
        elif kind == "json":
            data[at:at] = json.dumps(draw(json_values)).encode()
        elif kind == "deep":
            depth = draw(st.integers(10, 5000))
            data[at:at] = b"[" * depth + b"]" * draw(st.sampled_from([0, depth]))
    return bytes(data)


any_history = mutated() | st.binary(max_size=300) | json_values.map(lambda v: json.dumps(v).encode())


def _check_history_survives(data_dir: Path, raw: bytes) -> None:
    (data_dir / "history.json").write_bytes(raw)
    store = HistoryStore(data_dir)
    try:
        first = store.load()
    except StoreError:
        return
    stats.today_line(first, {"toe-press": 3}, {"toe-press": "Toe press"})  # the figures every start computes
    stats.daily(first)
    now = (data_dir / "history.json").read_bytes()
    side = sorted(data_dir.glob("history.json.corrupt-*"))
    assert now == raw or [p.read_bytes() for p in side] == [raw]
    again = HistoryStore(data_dir)
    assert again.load() == first or store.read_only
    if not store.read_only:
        assert again.notices == [] and sorted(data_dir.glob("history.json.corrupt-*")) == side


@QUICK
@given(raw=any_history)
def test_any_history_bytes_load_or_are_set_aside_once(raw: bytes) -> None:
    FUZZ_COUNTS["history.json (load twice)"] += 1
    with tempfile.TemporaryDirectory() as tmp:
        _check_history_survives(Path(tmp), raw)


ALL_KEYS = sorted(json.loads(GOOD)["sessions"][0])
EXERCISE_KEYS = sorted(json.loads(GOOD)["sessions"][0]["exercises"][0])


@QUICK
@given(
    where=st.sampled_from(["session", "exercise"]),
    key=st.sampled_from([*ALL_KEYS, *EXERCISE_KEYS, "extra"]),
    value=st.sampled_from(ODD) | json_values,
)
def test_any_value_in_any_field_loads_or_is_set_aside_once(where: str, key: str, value: object) -> None:
    FUZZ_COUNTS["history.json (one field replaced)"] += 1
    doc = json.loads(GOOD)
    target = doc["sessions"][1] if where == "session" else doc["sessions"][1]["exercises"][0]
    target[key] = value
    with tempfile.TemporaryDirectory() as tmp:
        _check_history_survives(Path(tmp), json.dumps(doc).encode())


@QUICK
@given(doc=mutated() | json_values.map(lambda v: json.dumps({"schema": 1, "sessions": [v]}).encode()))
def test_any_import_file_is_merged_or_refused(doc: bytes) -> None:
    from footui.cli.main import main

    FUZZ_COUNTS["import file (in process)"] += 1
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        data.mkdir(mode=0o700)
        (data / "history.json").write_bytes(GOOD)
        source = Path(tmp) / "backup.json"
        source.write_bytes(doc)
        assert main(["--data-dir", str(data), "import", str(source)]) in (0, 2)
        assert len(HistoryStore(data).load()) >= 4
        assert source.read_bytes() == doc


ROUTINES = b"""[[exercise]]
id = "calf-raise"
name = "Calf raise"
sets = 3
hold_s = 5
equipment = ["a step"]

[[routine]]
id = "mine"
name = "Mine"
exercises = ["calf-raise", "toe-press"]
"""


@QUICK
@given(raw=mutated(ROUTINES) | st.binary(max_size=200) | st.text(max_size=200).map(str.encode))
def test_any_routines_file_is_a_list_of_one_line_problems(raw: bytes) -> None:
    from footui.content.routines import load_library
    from footui.text.cleaning import has_control

    FUZZ_COUNTS["routines.toml"] += 1
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "routines.toml"
        path.write_bytes(raw)
        lib = load_library(path)
        assert "back-relief" in lib.routines
        for problem in lib.problems:
            assert not has_control(problem) and len(problem) < 400
            assert "set_int_max_str_digits" not in problem
        assert path.read_bytes() == raw


@QUICK
@given(raw=mutated(b'{"theme": "nord", "muted": true}') | st.binary(max_size=100))
def test_any_settings_file_gives_settings(raw: bytes) -> None:
    from footui.config.settings import Settings, load_settings

    FUZZ_COUNTS["settings.json"] += 1
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "settings.json"
        path.write_bytes(raw)
        assert isinstance(load_settings(path), Settings)
        assert path.read_bytes() == raw


def _footui(*argv: str, config: Path, data: Path) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "FOOTUI_CONFIG_DIR": str(config), "FOOTUI_DATA_DIR": str(data), "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "footui", *argv],
        env=env,
        cwd=ROOT,
        capture_output=True,
        stdin=subprocess.DEVNULL,
        timeout=60,
    )


@pytest.mark.slow
@SLOW
@given(history=any_history, routines=mutated(ROUTINES), backup=mutated())
def test_the_real_command_line_never_shows_a_traceback(history: bytes, routines: bytes, backup: bytes) -> None:
    FUZZ_COUNTS["real CLI (history, today, import, routines, export)"] += 1
    with tempfile.TemporaryDirectory() as tmp:
        config, data = Path(tmp) / "config", Path(tmp) / "data"
        config.mkdir(mode=0o700)
        data.mkdir(mode=0o700)
        (config / "routines.toml").write_bytes(routines)
        (data / "history.json").write_bytes(history)
        (Path(tmp) / "backup.json").write_bytes(backup)
        for argv in (
            ["history"],
            ["history", "--format", "csv"],
            ["today"],
            ["routines", "--format", "json"],
            ["import", str(Path(tmp) / "backup.json")],
            ["export", "-"],
        ):
            proc = _footui(*argv, config=config, data=data)
            assert proc.returncode in (0, 1, 2), (argv, proc.stderr)
            assert b"Traceback" not in proc.stderr, (argv, proc.stderr.decode(errors="replace"))
        side = sorted(data.glob("history.json.corrupt-*"))
        assert (data / "history.json").read_bytes() == history or side[0].read_bytes() == history
        assert (Path(tmp) / "backup.json").read_bytes() == backup


@pytest.mark.slow
@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(history=any_history)
def test_the_app_opens_the_history_view_on_any_history(history: bytes) -> None:
    import asyncio

    from ui_helpers import make_app

    from footui.content.routines import builtin_library

    FUZZ_COUNTS["app history view"] += 1

    async def open_history(tmp: Path) -> None:
        app, _ = make_app(tmp, builtin_library())
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("h")
            await pilot.pause()
            await pilot.press("enter")
            await pilot.pause()
        assert app.return_code in (None, 0)

    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "data").mkdir(mode=0o700)
        (Path(tmp) / "data" / "history.json").write_bytes(history)
        asyncio.run(open_history(Path(tmp)))
