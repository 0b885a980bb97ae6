"""Make text from users safe to show: no control characters, no escape sequences.

Control characters are not dropped but made visible (ESC becomes "␛"), so a routine that
contains an escape sequence shows it literally instead of letting it reach the terminal.
"""

from __future__ import annotations

import re

_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def has_control(text: str) -> bool:
    return bool(_CONTROL.search(text))


def _picture(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # Unicode "control pictures": ␛ for ESC, ␇ for BEL
    if code == 0x7F:
        return "\u2421"
    return "\ufffd"


def clean(text: str) -> str:
    """Return `text` with tabs and newlines as spaces and every other control character made visible."""
    text = text.replace("\t", " ").replace("\r\n", " ").replace("\n", " ")
    return _CONTROL.sub(_picture, text)
