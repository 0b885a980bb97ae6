"""Bounded parsing of JSON and TOML from files a user (or an attacker) could have written.

Python's json and tomllib recurse once per nesting level, so a file of 100,000 `[` raises RecursionError (or
worse, in a thread with a small stack). The depth is measured before parsing, cheaply enough for a 10 MB history
(about 10 ms, an eighth of `json.loads`): every byte that is not a quote, backslash or bracket is dropped in C,
strings are cut out, and the depth is a running sum computed by C iterators. TOML files (small, written by hand)
are scanned character by character.
"""

from __future__ import annotations

import errno
import json
import operator
import os
import re
import stat
from itertools import accumulate, count
from typing import Any

_KEEP = b'"[]{}'
_DROP = bytes(c for c in range(256) if c not in _KEEP)
_DROP_ALL = bytes(c for c in range(256) if c not in b"[]{}")
_QUOTED = re.compile(rb'"[^"]*"')
_STEP = bytes.maketrans(b"[{]}", b"\x02\x02\x00\x00")


def json_too_deep(data: bytes, limit: int) -> bool:
    """True if the brackets of JSON `data` (outside strings) may nest deeper than `limit`.

    Exact up to 2 levels: nesting of `limit - 2` or less always passes, deeper than `limit` always fails.
    """
    # First count every bracket, in strings too: an overestimate, so a pass is a pass (the usual case, 7 ms
    # for 10 MB); only a file that fails it pays for cutting its strings out.
    if _deepest(data.translate(None, _DROP_ALL)) + 2 <= limit:
        return False
    if b"\\" in data:  # escaped backslashes first, then escaped quotes: what is left of a string is its quotes
        data = data.replace(b"\\\\", b"").replace(b'\\"', b"")
    marks = data.translate(None, _DROP)
    # Adjacent quotes close one string and open the next (or are an empty string): dropping them keeps every
    # remaining pair of quotes around string content, so the brackets inside strings can then be cut out.
    marks = marks.replace(b'""', b"")
    if b'"' in marks:
        marks = _QUOTED.sub(b"", marks)
    return _deepest(marks) + 2 > limit


def _deepest(marks: bytes) -> int:
    """The deepest nesting of a string of brackets, or up to 2 less (see json_too_deep)."""
    # Dropping the empty pairs (the innermost objects, mostly) first makes the count 4 times faster; it can hide
    # at most 2 levels, which the caller adds.
    marks = marks.replace(b"{}", b"").replace(b"[]", b"")
    # The parser recurses once per opener, whatever closes it: the depth is a running sum of +1 and -1, here
    # computed in C as (running sum of 2s and 0s) - (position).
    steps = marks.translate(_STEP)
    return max(map(operator.sub, accumulate(steps), count(1)), default=0)


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows")


def loads_bounded(data: bytes, limit: int) -> Any:
    """`json.loads` that refuses nesting deeper than `limit`, NaN/Infinity and integers too long to convert.

    `data` is UTF-8 (a BOM is allowed). Raises ValueError with a short reason (no Python internals in it).
    """
    if b"\x00" in data:
        raise ValueError("it contains NUL bytes")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValueError("it is not valid UTF-8") from None
    if json_too_deep(data, limit):
        raise ValueError(f"it is nested more than {limit} levels deep")
    try:
        return json.loads(text, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        raise ValueError(f"it is not valid JSON (line {exc.lineno})") from None
    except RecursionError:  # pragma: no cover - the depth check above comes first
        raise ValueError("it is nested too deeply") from None
    except ValueError:  # an integer with thousands of digits (the interpreter's limit), or NaN/Infinity
        raise ValueError("it contains a number too long or not finite") from None


_KEY_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_- \t")


def toml_too_deep(text: str, limit: int) -> bool:
    """True if the arrays, inline tables or dotted keys (`a.b.c = 1`, `[a.b.c]`) of TOML `text` (outside strings
    and comments) nest deeper than `limit`. A `[[table]]` header counts as 2 while it is open. (tomllib takes
    quadratic time over a dotted key: 50,000 dots took 50 s.)"""
    depth = dots = 0
    i, n = 0, len(text)
    while i < n:
        char = text[i]
        if char in "\"'":  # a string: skipped whole; a quoted key part keeps a dotted key going
            triple = text.startswith(char * 3, i)
            quote = char * 3 if triple else char
            i += len(quote)
            while i < n and not text.startswith(quote, i):
                if char == '"' and text[i] == "\\":
                    i += 1
                elif not triple and text[i] == "\n":
                    break
                i += 1
            i += len(quote)
            continue
        if char == "#":
            end = text.find("\n", i)
            i = n if end < 0 else end
            continue
        if char == ".":
            dots += 1
            if dots > limit:
                return True
        elif char not in _KEY_CHARS:
            dots = 0
        if char in "[{":
            depth += 1
            if depth > limit:
                return True
        elif char in "]}":
            depth = max(0, depth - 1)
        i += 1
    return False


def read_regular(path: str | os.PathLike[str], limit: int | None = None) -> bytes:
    """The bytes of a regular file (at most `limit` + 1 of them). A FIFO, device or folder raises OSError "not a
    regular file" instead of blocking forever (a pipe) or filling memory (/dev/zero)."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(errno.EINVAL, "not a regular file", str(path))
        with open(fd, "rb", closefd=False) as handle:  # readall() sizes its buffer once, from fstat
            return handle.read() if limit is None else handle.read(limit + 1)
    finally:
        os.close(fd)
