"""Make text from users safe to show: no control characters, no escape sequences."""

from __future__ import annotations

import re
import unicodedata

# C0/C1 controls (ESC, BEL, CSI ...), DEL, and bidi overrides that can disguise text.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def has_control(text: str) -> bool:
    return bool(re.search("[\x00-\x1f\x7f-\x9f]", text))


def clean(text: str) -> str:
    """Return `text` with control characters replaced by U+FFFD and tabs/newlines kept as spaces."""
    text = text.replace("\t", " ").replace("\n", " ").replace("\r", " ")
    return _UNSAFE.sub("\ufffd", unicodedata.normalize("NFC", text))
