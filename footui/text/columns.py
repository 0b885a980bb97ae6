"""Text in columns by the cells a terminal gives each character: CJK and most emoji take two, combining marks none.

`str.ljust` and `len` count characters, so a name with wide characters pushes every column after it.
"""

from __future__ import annotations

import unicodedata


def char_width(char: str) -> int:
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0
    if unicodedata.east_asian_width(char) in ("W", "F"):
        return 2
    return 1


def cell_width(text: str) -> int:
    return sum(char_width(c) for c in text)


def truncate(text: str, width: int) -> str:
    """At most `width` cells of `text`, with "…" standing for what was cut."""
    if cell_width(text) <= width:
        return text
    out, used = [], 0
    for char in text:
        w = char_width(char)
        if used + w > width - 1:
            break
        out.append(char)
        used += w
    return "".join(out) + "…"


def pad(text: str, width: int) -> str:
    """`text` followed by spaces up to `width` cells (like `str.ljust`, by cells)."""
    return text + " " * max(0, width - cell_width(text))
