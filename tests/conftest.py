"""Shared test setup: every test gets its own config and data dirs, so no test touches a user's real files."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def footui_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """Point FOOTUI_CONFIG_DIR / FOOTUI_DATA_DIR at fresh tmp dirs; returns (config_dir, data_dir)."""
    config = tmp_path / "config"
    data = tmp_path / "data"
    config.mkdir(mode=0o700)
    data.mkdir(mode=0o700)  # footui refuses a data dir others can write to (a umask of 0 would allow it)
    monkeypatch.setenv("FOOTUI_CONFIG_DIR", str(config))
    monkeypatch.setenv("FOOTUI_DATA_DIR", str(data))
    return config, data


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "slow: takes seconds (builds the wheel); still in the default run")


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """How many generated cases the property-based tests ran (issue 9 asks for the figure)."""
    import sys

    module = sys.modules.get("test_fuzz_files")
    counts = getattr(module, "FUZZ_COUNTS", None)
    if counts:
        terminalreporter.write_line(
            "generated cases: "
            + ", ".join(f"{name}: {n}" for name, n in sorted(counts.items()))
            + f" (total {sum(counts.values())})"
        )
