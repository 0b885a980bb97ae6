"""The user's preferences in `settings.json` in the config dir: small, forgiving, written atomically."""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import asdict, dataclass, fields
from pathlib import Path

from footui.config import locations
from footui.text.nesting import loads_bounded, read_regular

MAX_BYTES = 64_000  # a settings file is a few hundred bytes
MAX_DEPTH = 4

VOICE_CHOICES = ("auto", "on", "off")


@dataclass
class Settings:
    theme: str = "textual-dark"
    muted: bool = False
    count_in: bool = True  # a soft bell on each of the last 3 seconds of a hold
    ask_pain_before: bool = False
    seen_health_note: bool = False
    voice: str = "auto"  # auto: speak when an engine is found and the session is not over SSH; on; off
    cue_command: str = ""  # run at every cue with the event and its sentence (FOOTUI_CUE_CMD wins)


def load_settings(path: Path | None = None) -> Settings:
    """Unknown keys and wrong types fall back to the defaults: a bad settings file never stops footui."""
    path = locations.settings_file() if path is None else path
    try:
        raw = read_regular(path, MAX_BYTES)
        data = loads_bounded(raw, MAX_DEPTH) if len(raw) <= MAX_BYTES else None
    except (OSError, ValueError):
        return Settings()
    if not isinstance(data, dict):
        return Settings()
    defaults = Settings()
    values = {}
    for field in fields(Settings):
        value = data.get(field.name, getattr(defaults, field.name))
        values[field.name] = (
            value if isinstance(value, type(getattr(defaults, field.name))) else getattr(defaults, field.name)
        )
    if values["voice"] not in VOICE_CHOICES:
        values["voice"] = defaults.voice
    return Settings(**values)


def save_settings(settings: Settings, path: Path | None = None) -> str:
    """Write atomically; return "" or a one-line reason it could not be saved."""
    path = locations.settings_file() if path is None else path
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".settings-", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(asdict(settings), handle, indent=2)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, path)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
    except OSError as exc:
        return f"cannot save settings to {path}: {exc.strerror or exc}"
    return ""
