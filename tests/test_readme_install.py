"""README's first command, run as written on a fresh copy of the project with an "externally managed" Python
where this machine has one (Debian's /usr/bin/python3): it must install footui and run it."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


def first_command() -> str:
    return re.findall(r"```sh\n(.*?)\n```", (REPO / "README.md").read_text(encoding="utf-8"), re.DOTALL)[0]


def externally_managed_python() -> Path | None:
    """A python3 whose stdlib carries the EXTERNALLY-MANAGED marker (PEP 668), if this machine has one."""
    for candidate in ("/usr/bin/python3", shutil.which("python3")):
        if not candidate or not Path(candidate).exists():
            continue
        stdlib = subprocess.run(
            [candidate, "-c", "import sysconfig; print(sysconfig.get_paths()['stdlib'])"],
            capture_output=True,
            text=True,
        ).stdout.strip()
        if stdlib and (Path(stdlib) / "EXTERNALLY-MANAGED").exists():
            return Path(candidate)
    return None


@pytest.mark.slow
def test_the_first_command_installs_and_runs_footui(tmp_path: Path) -> None:
    command = first_command()
    assert command.endswith("footui") and "\n" not in command
    project = tmp_path / "footui-src"
    shutil.copytree(
        REPO, project, ignore=shutil.ignore_patterns(".git", ".venv", "__pycache__", "*.egg-info", "build", "dist")
    )
    python = externally_managed_python() or Path(sys.executable)
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "python3").symlink_to(python)
    if python != Path(sys.executable):
        # that Python refuses `pip install .` (or has no pip at all): the case this command exists for
        refused = subprocess.run(
            [str(python), "-m", "pip", "install", "--dry-run", "."], cwd=project, capture_output=True
        )
        assert refused.returncode != 0
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME")}
    env["PATH"] = f"{bin_dir}{os.pathsep}/usr/bin{os.pathsep}/bin"
    result = subprocess.run(
        ["sh", "-c", command + " --version"], cwd=project, env=env, capture_output=True, text=True, timeout=600
    )
    assert result.returncode == 0, result.stderr[-2000:]
    from footui import __version__

    assert result.stdout.strip().splitlines()[-1] == f"footui {__version__}"
