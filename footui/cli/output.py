"""Standard output and error as footui meets them: closed, full, a closed pipe, not UTF-8.

Kept free of heavy imports: a prompt's cached `footui today` goes through here too (`contextlib` alone, with
the `collections` and `functools` it pulls in, was a fifth of that call's time).
"""

from __future__ import annotations

import codecs
import os
import sys


def say(message: str) -> None:
    """One line on stderr, if there is a stderr to write to."""
    from footui.text.cleaning import clean

    if sys.stderr is not None:
        try:  # noqa: SIM105 (contextlib is the import this module avoids)
            print(f"footui: {clean(message)}", file=sys.stderr)
        except OSError:
            pass


def is_utf8(stream: object) -> bool:
    return codecs.lookup(getattr(stream, "encoding", None) or "ascii").name == "utf-8"


def ascii_fallbacks() -> None:
    """A stdout that cannot encode UTF-8 (LANG=C on an old system, PYTHONIOENCODING=ascii) gets "?" for the
    characters it lacks instead of a UnicodeEncodeError half-way through the output."""
    for stream in (sys.stdout, sys.stderr):
        if stream is not None and not is_utf8(stream) and hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")


def silence_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's own flush at exit does not fail a second time."""
    try:  # noqa: SIM105 (as above)
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass


def clean_strings(value: object) -> object:
    """Every string in a JSON-able structure through `clean` (keys too)."""
    from footui.text.cleaning import clean

    if isinstance(value, str):
        return clean(value)
    if isinstance(value, list):
        return [clean_strings(item) for item in value]
    if isinstance(value, dict):
        return {clean(str(key)): clean_strings(item) for key, item in value.items()}
    return value
