"""Writing an export (JSON backup or CSV) to a path the user typed, without ever clobbering what is there.

A new path is created atomically and only if it is still new (the temp file is hard-linked into place, which
fails if something appeared meanwhile). An existing regular file is replaced only with `force`, and keeps its
mode. Anything else (a symlink, a device such as /dev/full, a directory, a FIFO) is refused even with `force`.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from footui.history.files import AtomicWriter, describe
from footui.text.cleaning import clean


class ExportError(Exception):
    """One line a user can read; `exists` is True when only --force (or a yes) is missing."""

    def __init__(self, message: str, *, exists: bool = False) -> None:
        super().__init__(message)
        self.exists = exists


def check_target(path: Path, *, force: bool) -> int | None:
    """The mode of the existing regular file to replace, None for a new path; ExportError otherwise."""
    shown = clean(str(path))
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        if not path.parent.is_dir():
            raise ExportError(f"cannot export to {shown}: its folder does not exist") from None
        return None
    except OSError as exc:
        raise ExportError(f"cannot export to {shown}: {describe(exc)}") from None
    if stat.S_ISLNK(st.st_mode):
        raise ExportError(f"will not export to {shown}: it is a symbolic link (give the real path)")
    if stat.S_ISDIR(st.st_mode):
        raise ExportError(f"will not export to {shown}: it is a folder (give a file name inside it)")
    if not stat.S_ISREG(st.st_mode):
        raise ExportError(f"will not export to {shown}: it is not a regular file (a device or a pipe)")
    if not force:
        raise ExportError(f"{shown} already exists; use --force to replace it", exists=True)
    return stat.S_IMODE(st.st_mode)


class _NoClobberWriter(AtomicWriter):
    """The atomic writer, but the last step links the temp file to a path that must not exist yet."""

    def replace(self, src: Path, dst: Path) -> None:
        os.link(src, dst)  # FileExistsError if the path appeared since it was checked
        os.unlink(src)


def write_export(path: Path, data: bytes, *, force: bool = False) -> None:
    """Write `data` to `path` under the rules above; ExportError with the reason if it cannot."""
    mode = check_target(path, force=force)
    writer = AtomicWriter() if mode is not None else _NoClobberWriter()
    try:
        writer.write(path, data, 0o600 if mode is None else mode)
        if mode is not None:
            os.chmod(path, mode)  # the replaced file's mode, whatever the umask
    except FileExistsError:
        raise ExportError(f"{clean(str(path))} appeared while exporting; nothing was replaced", exists=True) from None
    except OSError as exc:
        raise ExportError(f"cannot export to {clean(str(path))}: {describe(exc)}") from None
