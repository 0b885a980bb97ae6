"""Reading what can be read from a damaged history file. No Textual, no locking (the store holds the lock)."""

from __future__ import annotations

import json
from typing import Any

from footui.history.files import MAX_DEPTH
from footui.text.nesting import json_too_deep


def salvage(data: bytes) -> list[Any]:
    """The sessions that are still complete in a truncated or partly garbled history file.

    footui writes one session per line (`encode_history`), so every line that is a whole JSON object on its
    own is a candidate; the caller validates them like any other session. Lines of other tools' layouts
    (pretty-printed) simply yield nothing or fragments that fail validation.
    """
    text = data.decode("utf-8", errors="replace")
    found: list[Any] = []
    for line in text.splitlines()[1:]:
        line = line.strip().rstrip(",")
        if not (line.startswith("{") and line.endswith("}")):
            continue
        chunk = line.encode("utf-8")
        if json_too_deep(chunk, MAX_DEPTH - 2):
            continue
        try:
            value = json.loads(line)
        except ValueError:
            continue
        if isinstance(value, dict):
            found.append(value)
    return found
