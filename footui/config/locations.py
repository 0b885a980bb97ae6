"""Where footui keeps its files.

The config dir holds `routines.toml` and `settings.json`; the data dir holds `history.json`.
`FOOTUI_CONFIG_DIR` / `FOOTUI_DATA_DIR` (and the CLI's `--config-dir` / `--data-dir`, which set them)
override the platform defaults, so tests never touch a user's real files.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "footui"


def config_dir() -> Path:
    override = os.environ.get("FOOTUI_CONFIG_DIR")
    return Path(override) if override else Path(platformdirs.user_config_dir(APP_NAME))


def data_dir() -> Path:
    override = os.environ.get("FOOTUI_DATA_DIR")
    return Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME))


def routines_file() -> Path:
    return config_dir() / "routines.toml"


def settings_file() -> Path:
    return config_dir() / "settings.json"


def history_file() -> Path:
    return data_dir() / "history.json"
