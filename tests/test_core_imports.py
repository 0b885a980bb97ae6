"""The core never imports Textual: only the app and its screens do."""

from __future__ import annotations

import subprocess
import sys

CORE = ["footui.catalogue", "footui.routines", "footui.routines_check", "footui.plan", "footui.engine",
        "footui.locations", "footui.textsafe", "footui.cli"]
OPTIONAL = ["footui.store", "footui.stats", "footui.session", "footui.history_cli"]  # if they import at all

PROBE = """
import importlib, json, sys
loaded, failed = [], []
for name in sys.argv[1:]:
    try:
        importlib.import_module(name)
    except ImportError as exc:
        failed.append(f"{name}: {exc}")
    else:
        loaded.append(name)
print(json.dumps({"loaded": loaded, "failed": failed,
                  "textual": sorted(m for m in sys.modules if m == "textual" or m.startswith("textual."))}))
"""


def probe(modules: list[str]) -> dict:
    import json

    args = [sys.executable, "-c", PROBE, *modules]
    result = subprocess.run(args, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_core_modules_do_not_import_textual() -> None:
    found = probe(CORE)
    assert found["failed"] == [] and found["loaded"] == CORE
    assert found["textual"] == []


def test_other_textual_free_modules_do_not_import_textual() -> None:
    found = probe(OPTIONAL)
    assert found["textual"] == [], found["loaded"]


def test_the_probe_would_notice_textual() -> None:
    assert "textual" in probe(["textual.app"])["textual"]


def test_printing_commands_do_not_import_textual() -> None:
    code = ("import contextlib, io, sys; from footui.cli import main\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n"
            "    main(['routines']); main(['routines', '--format', 'json'])\n"
            "print('textual' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"
