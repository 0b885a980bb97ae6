"""Pictures of the exercises: keyframes of plain Unicode text, mirrored for the left foot.

The built-in keyframes are data in `pictures.toml` beside this module (shipped in the wheel). Per-foot exercises
are drawn for the right foot; `mirror()` turns a drawing into the left foot's. A session shows the "ready" frame
during GET READY and REST and a "work" frame during the timed phase: the next pose with each set, or for a circle
the frames in turn once a second.
"""

from __future__ import annotations

import sys
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from footui.text.cleaning import has_control

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

MAX_WIDTH, MAX_HEIGHT, MAX_FRAMES = 24, 8, 4
FRAME_SECONDS = 1  # a circle's frame stays at least this long: the eye needs no more, and each change is bytes
PICTURES_FILE = Path(__file__).with_name("pictures.toml")

# Characters that become their partner in a mirror image; every other character is its own mirror image.
_PAIRS = [
    "/\\", "()", "[]", "{}", "<>", "╱╲", "┌┐", "└┘", "╭╮", "╰╯", "├┤", "┠┨", "┣┫", "╞╡", "╟╢", "╠╣",
    "┝┥", "╔╗", "╚╝", "┏┓", "┗┛", "╒╕", "╘╛", "╓╖", "╙╜", "┍┑", "┕┙", "┎┒", "┖┚", "▌▐", "▖▗", "▘▝",
    "◣◢", "◤◥", "◀▶", "◄►", "←→", "↖↗", "↙↘", "↻↺", "▏▕", "⟨⟩", "«»", "‹›", "⌐¬",
]  # fmt: skip
_MIRROR = str.maketrans({pair[i]: pair[1 - i] for pair in _PAIRS for i in (0, 1)})


@dataclass(frozen=True)
class Keyframe:
    art: str  # rows joined by "\n", trailing spaces removed
    caption: str = ""
    ready: bool = True  # shown during GET READY and REST (the starting, relaxed pose)
    work: bool = False  # shown during the timed phase
    turns: bool = False  # a step of a circle (`rotation` in pictures.toml): the mirror takes these in reverse

    @property
    def rows(self) -> list[str]:
        return self.art.split("\n")


def cell_width(text: str) -> int:
    """Terminal columns: wide (East Asian) characters take two, combining marks none."""
    width = 0
    for char in text:
        if unicodedata.combining(char):
            continue
        width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return width


def normalise(art: str) -> str:
    """Drop trailing spaces and blank rows at the end; a TOML `'''` block's last newline means nothing."""
    rows = [row.rstrip() for row in art.split("\n")]
    while rows and not rows[-1]:
        rows.pop()
    return "\n".join(rows)


def art_problem(art: str) -> str:
    """Why `art` cannot be a keyframe, or "" if it can."""
    if has_control(art.replace("\n", "")):
        return "must not contain control characters (tabs included)"
    rows = normalise(art).split("\n")
    if not any(rows):
        return "must not be empty"
    if len(rows) > MAX_HEIGHT:
        return f"must be at most {MAX_HEIGHT} rows (it has {len(rows)})"
    widest = max(cell_width(row) for row in rows)
    if widest > MAX_WIDTH:
        return f"must be at most {MAX_WIDTH} columns wide (a row is {widest})"
    return ""


def mirror(art: str) -> str:
    """The left-right mirror image: each row padded to the widest, reversed, paired characters swapped."""
    rows = art.split("\n")
    width = max(len(row) for row in rows)
    return "\n".join(row.ljust(width)[::-1].translate(_MIRROR).rstrip() for row in rows)


def for_side(frames: tuple[Keyframe, ...], side: str | None) -> tuple[Keyframe, ...]:
    """Drawn for the right foot; the left foot's are the mirror images.

    A mirror image of a circle turns the other way, so the steps of a circle (after the first, where it starts)
    are taken in reverse order: the left ankle circles clockwise too, as the article says. Captions and phases
    stay where they are, so the words still follow the movement."""
    if side != "left":
        return frames
    arts = [mirror(f.art) for f in frames]
    circle = [index for index, f in enumerate(frames) if f.turns]
    for index, reverse_index in zip(circle[1:], reversed(circle[1:]), strict=True):
        arts[index] = mirror(frames[reverse_index].art)
    return tuple(Keyframe(art, f.caption, f.ready, f.work, f.turns) for art, f in zip(arts, frames, strict=True))


def from_user(arts: list[str]) -> tuple[Keyframe, ...]:
    """A routines.toml `pictures` list: the first is the starting pose, the others the working pose."""
    frames = [normalise(art) for art in arts]
    if len(frames) == 1:
        return (Keyframe(frames[0], ready=True, work=True),)
    return tuple(Keyframe(art, ready=index == 0, work=index > 0) for index, art in enumerate(frames))


def frame_for(frames: tuple[Keyframe, ...], working: bool, set_no: int = 1, seconds_in: int = 0) -> Keyframe | None:
    """The frame to show: the ready pose, or a work frame. A circle's frames (a dot going round) take turns by
    whole seconds into the phase, a few cells each; other work frames are poses, one per set in turn (set 1 the
    first): a new pose redraws much of the picture, so it changes where the phase does."""
    chosen = [f for f in frames if (f.work if working else f.ready)] or list(frames[:1])
    if not chosen:
        return None
    if working and all(f.turns for f in chosen):
        return chosen[(max(0, seconds_in) // FRAME_SECONDS) % len(chosen)]
    return chosen[max(0, set_no - 1) % len(chosen)] if working else chosen[0]


def caption_for(frames: tuple[Keyframe, ...], working: bool) -> str:
    """One caption for the whole phase, so the words stay put while the frames take turns: for the timed phase
    the first frame that belongs to it alone (the ready pose may also be the first step of a movement)."""
    if working:
        own = [f for f in frames if f.work and not f.ready] or [f for f in frames if f.work]
    else:
        own = [f for f in frames if f.ready]
    chosen = own or list(frames[:1])
    return chosen[0].caption if chosen else ""


def _turns(frame: dict[str, object]) -> bool:
    rotation = frame.get("rotation")
    if rotation not in (None, "clockwise", "anticlockwise"):
        raise ValueError(f"pictures.toml: rotation must be clockwise or anticlockwise, not {rotation!r}")
    return rotation is not None


@cache
def builtin_pictures() -> dict[str, tuple[Keyframe, ...]]:
    """The built-in exercises' keyframes by exercise id (read once from pictures.toml)."""
    data = tomllib.loads(PICTURES_FILE.read_text(encoding="utf-8"))
    pictures: dict[str, tuple[Keyframe, ...]] = {}
    for exercise_id, frames in data.items():
        pictures[exercise_id] = tuple(
            Keyframe(normalise(f["art"]), f["caption"], "ready" in f["when"], "work" in f["when"], _turns(f))
            for f in frames
        )
    return pictures
