"""The data directory: created private (0700), and refused when it is not footui's to write in.

Another user's directory, or one other users can write to (they could swap files under footui) that holds more
than footui's own files, is refused with the reason; one holding only footui's files is made private.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Callable
from pathlib import Path

from footui.history.files import StoreError, describe, tighten

# Names footui itself keeps in the data dir; a dir holding only these may be tightened to 0700 without asking.
OWN_NAMES = re.compile(
    r"^(?:history\.json(?:\.lock|\.corrupt-[0-9T-]+)?|\.history\.json\..*\.tmp|active"
    r"|summary-cache|\.summary-cache\..*\.tmp)$"
)


def ensure_private_dir(directory: Path) -> None:
    """Create `directory` (and its parents) as 0700 if it is not there yet."""
    if directory.is_dir():
        return
    try:
        directory.parent.mkdir(parents=True, exist_ok=True)
        directory.mkdir(mode=0o700)
        os.chmod(directory, 0o700)
    except FileExistsError:
        pass
    except OSError as exc:
        raise StoreError(f"cannot create {directory}: {describe(exc)}") from None


def check_data_dir(data_dir: Path, notice: Callable[[str], None]) -> None:
    """Refuse a data dir of another user, or one other users can write to that holds more than footui's files;
    make one holding only footui's files private (0700); mention a readable one footui shares with other things."""
    if os.name == "nt":  # pragma: no cover - no POSIX modes
        return
    try:
        st = os.stat(data_dir)
    except OSError:
        return  # not there yet: footui creates it 0700
    if st.st_uid != os.geteuid():
        raise StoreError(f"footui will not use {data_dir}: it belongs to another user")
    mode = stat.S_IMODE(st.st_mode)
    if not mode & 0o077:
        return
    try:
        own = all(OWN_NAMES.match(name) for name in os.listdir(data_dir))
    except OSError:
        own = False
    if own:
        tighten(data_dir, 0o700)
        if mode & 0o022:
            notice(f"{data_dir} was writable by other users (mode {mode:04o}); it is now 0700")
    elif mode & 0o022:
        raise StoreError(
            f"footui will not use {data_dir}: other users can write to it (mode {mode:04o}); "
            f"make it private (chmod 700) or choose another --data-dir"
        )
    else:
        notice(f"{data_dir} can be read by other users (mode {mode:04o})")
