"""What reaches the terminal: bell patterns that tell a hold from a rest, and desktop notifications.

Inside tmux an OSC notification stops at tmux unless it is wrapped in tmux's passthrough (DCS tmux; ... ST, with
every ESC doubled) and the user has `set -g allow-passthrough on`; the bell needs no wrapping.
"""

from __future__ import annotations

from collections.abc import Mapping

from footui.text.cleaning import clean

BELL = "\a"
# Seconds after the cue at which each bell rings: one for a hold, two for a rest, three when the session ends.
BELL_PATTERNS: dict[str, tuple[float, ...]] = {
    "prepare": (0.0,),
    "switch": (0.0,),
    "work": (0.0,),
    "count": (0.0,),
    "rest": (0.0, 0.3),
    "finish": (0.0, 0.3, 0.6),
}


def in_tmux(env: Mapping[str, str]) -> bool:
    return bool(env.get("TMUX"))


def tmux_passthrough(sequence: str) -> str:
    """Wrap an escape sequence so tmux hands it to the outer terminal."""
    return "\x1bPtmux;" + sequence.replace("\x1b", "\x1b\x1b") + "\x1b\\"


def notification(title: str, body: str, *, tmux: bool = False) -> str:
    """OSC 9 (iTerm2, WezTerm, kitty, ...) and OSC 777 (VTE, foot, ...); terminals that know neither ignore them."""
    title, body = clean(title).replace(";", ","), clean(body)
    sequences = [f"\x1b]9;{title}: {body}\x07", f"\x1b]777;notify;{title};{body}\x07"]
    if tmux:
        sequences = [tmux_passthrough(s) for s in sequences]
    return "".join(sequences)
