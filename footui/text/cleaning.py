"""Make text from users safe to show: no control characters, no escape sequences, no invisible marks.

Control characters are not dropped but made visible (ESC becomes "␛"), so a routine that contains an escape
sequence shows it literally instead of letting it reach the terminal. Zero-width and bidi marks (which can make
text read differently from what it is) and line/paragraph separators become U+FFFD.
"""

from __future__ import annotations

import re

# C0, DEL, C1; zero-width space/joiners and LRM/RLM (U+200B..U+200F); Arabic letter mark (U+061C);
# line/paragraph separators (U+2028/2029); bidi embeddings/overrides (U+202A..U+202E) and isolates
# (U+2066..U+2069); the BOM / zero-width no-break space (U+FEFF).
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]")


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


def shorten(text: str, limit: int = 60) -> str:
    """`clean(text)`, cut to at most `limit` characters with an ellipsis: for quoting a bad value in a message."""
    text = clean(text)
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"
