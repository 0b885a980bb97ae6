"""Save one routine or exercise into the user's routines.toml without disturbing anything else in it.

Only the text of the edited `[[routine]]` / `[[exercise]]` block changes: it is re-rendered by tomlkit, which
keeps that block's own comments and layout for the keys that did not change; every other byte of the file stays
as it was. A new item is added at the end. Each save is checked by parsing the result and comparing it with the
intended data, so an unusual layout is refused rather than damaged.

Saving is atomic (temp file, fsync, rename) and keeps the file's mode; the previous version is kept as
`routines.toml.bak`. It never overwrites a file that changed on disk since it was read (`FileChanged`), and
never rewrites a file that does not parse.
"""

from __future__ import annotations

import os
import re
import secrets
import stat
import sys
from collections.abc import Mapping
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import tomlkit
from filelock import FileLock, Timeout
from tomlkit.exceptions import TOMLKitError
from tomlkit.items import Array, InlineTable, Table

from footui.content import catalogue
from footui.content.dosage import DOSAGE_KEYS
from footui.content.routines import ID_PATTERN, Exercise, Library, Routine, builtin_library
from footui.content.validation import check_user_file

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

ROUTINE, EXERCISE = "routine", "exercise"
# The keys the editor shows: only these are ever removed from a table (others, e.g. `why`, are kept as written).
EDITED_KEYS = {
    ROUTINE: ("id", "name", "prepare_s", "description", "exercises"),
    EXERCISE: ("id", "name", "steps", "sets", "hold_s", "rest_s", "sides", "per_day", "cue", "equipment"),
}
_HEADER = re.compile(r"\s*\[")
_BLOCK = re.compile(r"\s*\[\[\s*([A-Za-z0-9_-]+)\s*\]\]")
_LOCATION = re.compile(r"^[^:]*:\d+: ")
Draft = dict[str, Any]
UNSAFE = "this layout of routines.toml cannot be edited safely (nothing was saved); edit it by hand"


class CannotSave(Exception):
    """Saving was refused; `str(e)` says why in one line a user can read."""


class FileChanged(CannotSave):
    """routines.toml changed on disk since the editor read it: reload, or save under a new id."""


@dataclass(frozen=True)
class Snapshot:
    """routines.toml as the editor read it (raw None: there is no file yet)."""

    path: Path
    raw: bytes | None
    syntax_problem: str = ""  # the first problem when the file does not parse as TOML

    @property
    def text(self) -> str:
        return "" if self.raw is None else self.raw.decode("utf-8")

    def data(self) -> dict[str, Any]:
        return tomllib.loads(self.text) if self.raw is not None else {}


def read_snapshot(path: Path) -> Snapshot:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return Snapshot(path, None)
    except OSError as exc:
        raise CannotSave(f"{path.name}: cannot read ({exc.strerror or exc})") from exc
    try:
        tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError):
        _, _, problems = check_user_file(raw, path.name, builtin_library())
        return Snapshot(path, raw, problems[0] if problems else f"{path.name}: does not parse")
    return Snapshot(path, raw)


# --- drafts: plain dicts of what a table holds --------------------------------------------------------------------
def draft_of(snapshot: Snapshot, kind: str, item_id: str) -> Draft | None:
    """The user's table for `item_id` as written in the file (None: not a user item)."""
    if snapshot.syntax_problem:
        return None
    for table in snapshot.data().get(kind, []):
        if isinstance(table, dict) and table.get("id") == item_id:
            return dict(table)
    return None


def builtin_draft(kind: str, item_id: str) -> Draft:
    source = catalogue.ROUTINES if kind == ROUTINE else catalogue.EXERCISES
    return dict(next(item for item in source if item["id"] == item_id))


def copy_draft(draft: Draft, library: Library, kind: str) -> Draft:
    """The same content under a fresh id and a name that says it is a copy (an exercise's without a daily target)."""
    name = str(draft.get("name", ""))
    copy = dict(draft, name=(name[:53] + " (copy)") if name else "Copy")
    copy["id"] = id_from_name(f"{draft.get('id', '')}-copy", taken_ids(library, kind))
    if kind == EXERCISE:  # no daily target of its own: it would add a second "0/3" and split the original's
        copy.pop("per_day", None)
    return copy


def taken_ids(library: Library, kind: str) -> set[str]:
    return set(library.routines if kind == ROUTINE else library.exercises)


def id_from_name(name: str, taken: set[str]) -> str:
    """`My morning routine` -> `my-morning-routine`; `-2`, `-3`... when that id is taken."""
    base = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:36].strip("-") or "my"
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}-{number}", number + 1
    return candidate


def check_draft(kind: str, draft: Draft, library: Library, original_id: str | None) -> tuple[list[str], Any]:
    """Problems of one draft, found by the same checker as the file; and the checked Routine/Exercise (or None)."""
    builtins = builtin_library()
    context = Library(
        exercises=dict(library.exercises) if kind == ROUTINE else dict(builtins.exercises),
        routines=dict(builtins.routines),
    )
    raw = render_table(kind, draft).encode("utf-8")
    exercises, routines, problems = check_user_file(raw, "routines.toml", context)
    messages = [_LOCATION.sub("", problem) for problem in problems]
    item_id = draft.get("id")
    user_ids = {key for key, item in _items(library, kind).items() if not item.builtin}
    if isinstance(item_id, str) and item_id != original_id and item_id in user_ids:
        messages.append(f"{kind} id {item_id!r} is already used in routines.toml; choose another id")
    if kind == EXERCISE and original_id and item_id != original_id:
        users = [r.id for r in library.routines.values() if not r.builtin and original_id in r.exercises]
        if users:
            messages.append(f"the id cannot change while routines use it ({', '.join(users)})")
    checked = (routines if kind == ROUTINE else exercises) or [None]
    return messages, None if messages else checked[0]


def _items(library: Library, kind: str) -> Mapping[str, Routine | Exercise]:
    return library.routines if kind == ROUTINE else library.exercises


# --- rendering ----------------------------------------------------------------------------------------------------
def _toml_value(key: str, value: Any) -> Any:
    if key == "exercises" and isinstance(value, list):
        array = tomlkit.array()
        for entry in value:
            if isinstance(entry, Mapping):
                inline = tomlkit.inline_table()
                inline.update({k: entry[k] for k in ("id", *DOSAGE_KEYS) if k in entry})
                array.append(inline)
            else:
                array.append(entry)
        if len(value) > 3:
            array.multiline(True)
        return array
    return value


def _plain(value: Any) -> Any:
    """A tomlkit value as plain Python, to compare with a draft's."""
    if isinstance(value, (Table, InlineTable)):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (Array, list)):
        return [_plain(v) for v in value]
    return value.unwrap() if hasattr(value, "unwrap") else value


def _fill(table: Table, kind: str, draft: Draft) -> None:
    """Change only what differs, so untouched keys keep their comments and formatting."""
    for key, value in draft.items():
        if key not in table or _plain(table[key]) != value:
            table[key] = _toml_value(key, value)
    for key in EDITED_KEYS[kind]:
        if key in table and key not in draft:
            del table[key]


def render_table(kind: str, draft: Draft) -> str:
    table = tomlkit.table()
    _fill(table, kind, draft)
    document = tomlkit.document()
    aot = tomlkit.aot()
    aot.append(table)
    document.append(kind, aot)
    return tomlkit.dumps(document)


# --- saving -------------------------------------------------------------------------------------------------------
def _blocks(lines: list[str], kind: str) -> list[tuple[int, int]]:
    """(first, end) line indexes of each `[[kind]]` block: its header to its last non-comment line."""
    headers = [i for i, line in enumerate(lines) if _HEADER.match(line)]
    blocks = []
    for number, start in enumerate(headers):
        match = _BLOCK.match(lines[start])
        if not match or match.group(1) != kind:
            continue
        end = headers[number + 1] if number + 1 < len(headers) else len(lines)
        while end > start + 1 and (not lines[end - 1].strip() or lines[end - 1].lstrip().startswith("#")):
            end -= 1
        blocks.append((start, end))
    return blocks


def _find(lines: list[str], kind: str, item_id: str) -> tuple[int, int]:
    for start, end in _blocks(lines, kind):
        try:
            tables = tomllib.loads("".join(lines[start:end])).get(kind, [])
        except tomllib.TOMLDecodeError:
            continue
        if tables and tables[0].get("id") == item_id:
            return start, end
    raise CannotSave(f"{kind} {item_id!r} is not written as a [[{kind}]] table in routines.toml; edit it by hand")


def edited_text(snapshot: Snapshot, kind: str, draft: Draft | None, original_id: str | None) -> str:
    """The whole new file: `original_id`'s block replaced by `draft` (None deletes it), or `draft` appended."""
    if snapshot.syntax_problem:
        raise CannotSave(f"routines.toml does not parse, so footui will not rewrite it: {snapshot.syntax_problem}")
    text = snapshot.text
    lines = text.splitlines(keepends=True)
    old = snapshot.data()
    expected = {key: list(value) if key == kind else value for key, value in old.items()}
    expected.setdefault(kind, [])
    if original_id is None:
        assert draft is not None
        newline = "\r\n" if "\r\n" in text else "\n"
        gap = "" if not text else (newline if text.endswith(("\n", "\r")) else newline * 2)
        rendered = render_table(kind, draft).replace("\n", newline)
        new_text = text + gap + rendered
        expected[kind].append(draft)
    else:
        blocks = _blocks(lines, kind)
        if len(blocks) != len(expected[kind]):  # e.g. a `[[routine]]` line inside a multi-line string
            raise CannotSave(UNSAFE)
        start, end = _find(lines, kind, original_id)
        index = [i for i, (s, _) in enumerate(blocks) if s == start][0]
        if draft is None:
            new_block = ""
            del expected[kind][index]
            while start > 0 and lines[start - 1].lstrip().startswith("#"):  # its own comment goes with it
                start -= 1
            if start > 0 and not lines[start - 1].strip() and (end >= len(lines) or not lines[end].strip()):
                start -= 1  # and one of the blank lines around it
        else:
            try:
                document = tomlkit.parse("".join(lines[start:end]))
                _fill(document[kind][0], kind, draft)
                new_block = tomlkit.dumps(document)
            except (TOMLKitError, KeyError, IndexError) as exc:
                raise CannotSave(UNSAFE) from exc
            expected[kind][index] = {**expected[kind][index], **draft}
            for key in EDITED_KEYS[kind]:
                if key not in draft:
                    expected[kind][index].pop(key, None)
        new_text = "".join(lines[:start]) + new_block + "".join(lines[end:])
    if not expected[kind]:
        expected.pop(kind)
    try:
        result = tomllib.loads(new_text)
    except tomllib.TOMLDecodeError as exc:
        raise CannotSave(UNSAFE) from exc
    if result != expected:
        raise CannotSave(UNSAFE)
    return new_text


def save(snapshot: Snapshot, kind: str, draft: Draft | None, original_id: str | None) -> Snapshot:
    """Write the edit (draft None: delete `original_id`) unless the file changed since `snapshot` was read."""
    path = snapshot.path
    if draft is not None and not ID_PATTERN.match(str(draft.get("id", ""))):
        raise CannotSave(f"{kind} id {draft.get('id')!r} is not a valid id")
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with FileLock(str(path.with_name(f".{path.name}.lock")), timeout=5):
            try:
                current: bytes | None = path.read_bytes()
            except FileNotFoundError:
                current = None
            if current != snapshot.raw:
                raise FileChanged("routines.toml changed on disk since the editor read it; nothing was saved")
            data = edited_text(snapshot, kind, draft, original_id).encode("utf-8")
            mode = stat.S_IMODE(path.stat().st_mode) if current is not None else 0o644
            if current is not None:
                _atomic_write(path.with_name(path.name + ".bak"), current, mode)
            # A symlinked routines.toml (a dotfiles repo) stays a link: the file it points to is replaced.
            _atomic_write(path.resolve() if path.is_symlink() else path, data, mode)
    except Timeout as exc:
        raise CannotSave("routines.toml is being saved by another footui; try again") from exc
    except OSError as exc:
        raise CannotSave(f"routines.toml: cannot save ({exc.strerror or exc}); nothing was changed") from exc
    return Snapshot(path, data)


def _atomic_write(path: Path, data: bytes, mode: int) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
    try:
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.chmod(tmp, mode)  # the file's own mode, not the umask's
        os.replace(tmp, path)
    except BaseException:
        with suppress(OSError):
            os.unlink(tmp)
        raise
    with suppress(OSError):  # make the rename itself durable
        dir_fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
