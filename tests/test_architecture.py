"""The architecture and the types, checked by well-kept tools as part of the test command.

The import rules live in pyproject.toml ([tool.importlinter]); the type rules too ([tool.mypy]).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(list(args), cwd=ROOT, capture_output=True, text=True, timeout=600)


def test_import_contracts_are_kept() -> None:
    tool = shutil.which("lint-imports")
    if tool is None:
        pytest.fail("lint-imports is missing: install the test extra (pip install '.[test]')")
    result = _run(tool, "--config", str(ROOT / "pyproject.toml"))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_types_check() -> None:
    result = _run(sys.executable, "-m", "mypy", "--config-file", str(ROOT / "pyproject.toml"))
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_forbidden_import_breaks_a_contract(tmp_path: Path) -> None:
    """The contracts can fail: a copy of the package whose core imports Textual is refused."""
    tool = shutil.which("lint-imports")
    if tool is None:
        pytest.fail("lint-imports is missing: install the test extra (pip install '.[test]')")
    shutil.copytree(ROOT / "footui", tmp_path / "footui", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    engine = tmp_path / "footui" / "session" / "engine.py"
    engine.write_text(engine.read_text() + "\nimport textual  # a forbidden import\n")
    result = subprocess.run(
        [tool, "--config", str(tmp_path / "pyproject.toml")],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=600,
        env={"PYTHONPATH": str(tmp_path), "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode != 0
    assert "BROKEN" in result.stdout and "footui.session.engine -> textual" in result.stdout


def test_code_is_formatted_and_linted() -> None:
    result = _run(sys.executable, "-m", "ruff", "format", "--check", "footui", "tests", "benchmarks", "docs")
    assert result.returncode == 0, result.stdout + result.stderr
    result = _run(sys.executable, "-m", "ruff", "check", "footui", "tests", "benchmarks", "docs")
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_readme_names_every_package() -> None:
    """README's "Where things live" stays true: every package under footui/ has its row."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Where things live", 1)[1].split("\n## ", 1)[0]
    packages = sorted(p.name for p in (ROOT / "footui").iterdir() if p.is_dir() and p.name != "__pycache__")
    assert packages and all(f"`footui/{name}/`" in section for name in packages), packages


def test_no_source_file_is_over_400_lines() -> None:
    long = {
        str(path.relative_to(ROOT)): n
        for path in (ROOT / "footui").rglob("*.py")
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > 400
    }
    assert long == {}
