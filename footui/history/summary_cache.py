"""A small cache of `footui today`'s answers, so a shell prompt does not parse the whole history every time.

`history.json` stays the one source of truth: the cache (`summary-cache` in the data dir) holds the ready-made
answers for yesterday, today and tomorrow, with the key they were computed for, and is trusted only while that
key still matches. The key holds, for `history.json` and `routines.toml`: size, mtime_ns, ctime_ns, inode and
device, and the last bytes of `history.json` (where a new session lands); plus footui's version and this
module's format. A change of the same size within the same second is caught three ways: footui replaces the file
(new inode and ctime), the kernel sets ctime on any write (user space cannot set it back), and a cache is only
written once the file is older than RACY_NS, so a later change always has a later mtime even on a file system
that keeps whole seconds (the "racily clean" rule git uses for its index). Not cached at all: a history with a
session in progress or left behind (`active/*.json`), notices, or problems in `routines.toml`.

This module imports only `os`, `marshal` and `time`: it is the fast path of `footui today`. (marshal, not json:
it needs no import. It is only fed files footui wrote atomically into the user's own 0700 data dir.)
"""

from __future__ import annotations

import marshal
import os
import time

TYPE_CHECKING = False  # not `typing.TYPE_CHECKING`: importing typing costs 3 ms of a prompt's time
if TYPE_CHECKING:
    from typing import Any

CACHE_NAME = "summary-cache"
FORMAT = 2
RACY_NS = 2_000_000_000  # 2 s: coarser than any file system's timestamps footui runs on (FAT keeps 2 s)
TAIL_BYTES = 256


def _stat_key(path: str) -> tuple[int, ...] | None:
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return ()
    except OSError:
        return None
    return (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_dev)


def _tail(path: str, size: int) -> bytes | None:
    try:
        with open(path, "rb") as f:
            f.seek(max(0, size - TAIL_BYTES))
            return f.read(TAIL_BYTES)
    except OSError:
        return None


def key(data_dir: str, routines_file: str, version: str) -> tuple[Any, ...] | None:
    """What the answers depend on, or None when they must not be cached (a session in progress, a file that
    cannot be looked at)."""
    history = os.path.join(data_dir, "history.json")
    try:
        with os.scandir(os.path.join(data_dir, "active")) as entries:
            if any(e.name.endswith(".json") for e in entries):
                return None
    except FileNotFoundError:
        pass
    except OSError:
        return None
    hist, routines = _stat_key(history), _stat_key(routines_file)
    if hist is None or routines is None:
        return None
    tail = _tail(history, hist[0]) if hist else b""
    if tail is None:
        return None
    return (FORMAT, version, os.path.abspath(data_dir), hist, tail, routines)


def _racy(cache_key: tuple[Any, ...], now_ns: int) -> bool:
    """A file changed less than RACY_NS ago could change again with the same size and mtime."""
    hist, routines = cache_key[3], cache_key[5]
    return any(sig and sig[1] > now_ns - RACY_NS for sig in (hist, routines))


def read(data_dir: str, routines_file: str, version: str, day: str) -> dict[str, Any] | None:
    """The cached answer for `day` (YYYY-MM-DD), or None unless the cache is there and its key still holds."""
    try:
        with open(os.path.join(data_dir, CACHE_NAME), "rb") as f:
            cached = marshal.loads(f.read())
    except (OSError, ValueError, EOFError, TypeError):
        return None
    if not isinstance(cached, dict) or cached.get("key") != key(data_dir, routines_file, version):
        return None
    answer = cached.get("days", {}).get(day)
    return answer if isinstance(answer, dict) else None


def write(
    data_dir: str, cache_key: tuple[Any, ...], days: dict[str, dict[str, Any]], now_ns: int | None = None
) -> bool:
    """Save the answers computed for `cache_key` (taken before the history was read), atomically; False when
    not saved because a file changed too recently to trust its time stamps."""
    from pathlib import Path

    from footui.history.files import AtomicWriter

    if _racy(cache_key, time.time_ns() if now_ns is None else now_ns):
        return False
    try:
        AtomicWriter().write(
            Path(data_dir, CACHE_NAME),
            marshal.dumps({"key": cache_key, "days": days}),
        )
    except OSError:
        return False  # a cache that cannot be written only costs time
    return True
