"""The built wheel works when installed: `footui` runs, and the stylesheet ships inside the package."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent

FIND_STYLESHEET = """
import json, sys
from pathlib import Path
import footui, footui.cli.main, footui.content.routines
package = Path(footui.__file__).parent
packaged = package / "footui.tcss"
found = packaged if packaged.exists() else package.parent / "footui.tcss"  # as the app looks for it
out = {"package": str(package), "stylesheet": str(found), "exists": found.exists(),
       "textual": "textual" in sys.modules}
if (package / "app.py").exists():
    import footui.ui.app
    out["app_stylesheet"] = str(footui.ui.app.STYLESHEET_PATH)
print(json.dumps(out))
"""


def run(args: list[str], cwd: Path, timeout: float = 120) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    result = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    assert result.returncode == 0, f"{args}\n{result.stdout}\n{result.stderr}"
    return result


def lend_dependencies(python: Path) -> None:
    """Let the new venv import the dependencies (textual, platformdirs, ...) from where *this* interpreter has
    them, with no network: a .pth file listing this interpreter's site directories. `--system-site-packages`
    is not enough: inside a venv it adds the base Python's packages, not the venv's own, where pip put them.
    The venv's own site-packages (with the wheel's footui) stays first on sys.path."""
    site_dirs = [p for p in sys.path if p.endswith(("site-packages", "dist-packages")) and Path(p).is_dir()]
    purelib = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    (Path(purelib) / "footui-test-lent-dependencies.pth").write_text("\n".join(site_dirs) + "\n", encoding="utf-8")


@pytest.mark.slow
def test_installed_wheel_runs_and_ships_the_stylesheet(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    build = [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(dist), str(REPO)]
    run(build, cwd=REPO)
    (wheel,) = dist.glob("footui-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        assert "footui/footui.tcss" in names
        assert archive.read("footui/footui.tcss") == (REPO / "footui.tcss").read_bytes()
        assert "footui/web/app_index.html" in names  # `footui serve`'s page
        pictures = "footui/content/pictures.toml"  # the exercises' keyframes are data beside the catalogue
        assert archive.read(pictures) == (REPO / pictures).read_bytes()
        # The `footui` command is footui/__main__.py itself, executable, with a `#!python` line the installer
        # rewrites: pip's entry-point launcher would import `re` first (a third of a prompt's `footui today`).
        (script,) = [name for name in names if name.endswith(".data/scripts/footui")]
        assert archive.read(script).startswith(b"#!python\n")
        assert (archive.getinfo(script).external_attr >> 16) & 0o111 == 0o111
    assert not any(name.startswith("tests/") for name in names)

    venv = tmp_path / "venv"
    run([sys.executable, "-m", "venv", "--without-pip", str(venv)], cwd=tmp_path)
    bin_dir = venv / ("Scripts" if os.name == "nt" else "bin")
    python = bin_dir / "python"
    lend_dependencies(python)
    run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "--no-deps",
            "--force-reinstall",
            "--no-index",
            "--quiet",
            str(wheel),
        ],
        cwd=tmp_path,
    )

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    from footui import __version__

    version = run([str(bin_dir / "footui"), "--version"], cwd=elsewhere)
    assert version.stdout.strip() == f"footui {__version__}"
    launcher = (bin_dir / "footui").read_text(encoding="utf-8")
    assert launcher.startswith(f"#!{python}") and "import re" not in launcher

    found = json.loads(run([str(python), "-c", FIND_STYLESHEET], cwd=elsewhere).stdout)
    package = Path(found["package"])
    assert package.is_relative_to(venv), found  # the installed copy, not this checkout
    assert found["exists"] and Path(found["stylesheet"]) == package / "footui.tcss"
    if "app_stylesheet" in found:
        assert Path(found["app_stylesheet"]) == package / "footui.tcss"

    # The installed copy reads its pictures from inside the package.
    card = run([str(bin_dir / "footui"), "show", "ankle-circles", "--side", "left"], cwd=elsewhere)
    assert "Pictures (left foot):" in card.stdout and "○" in card.stdout


@pytest.mark.parametrize("windows", [False, True])
def test_the_command_is_a_script_on_posix_and_an_entry_point_on_windows(monkeypatch, windows: bool) -> None:
    """hatch_build.py: pip makes an .exe only for an entry point, so Windows keeps one; elsewhere footui's own
    script avoids the `import re` of pip's launcher."""
    monkeypatch.syspath_prepend(str(REPO))
    import hatch_build

    monkeypatch.setattr(hatch_build, "windows", lambda: windows)
    metadata: dict = {}
    hatch_build.FootuiMetadataHook(str(REPO), {}).update(metadata)
    build_data: dict = {"shared_scripts": {}}
    hook = hatch_build.FootuiBuildHook(str(REPO), {}, None, None, str(REPO), "wheel")
    hook.initialize("standard", build_data)
    if windows:
        assert metadata["scripts"] == {"footui": "footui.cli.main:main"} and build_data["shared_scripts"] == {}
    else:
        assert metadata["scripts"] == {} and build_data["shared_scripts"] == {"footui/__main__.py": "footui"}
