"""Fewer bytes for the same screen: a peephole pass over what Textual writes to a real terminal.

Textual draws every changed piece of a line as "move there, set the colours, the text, reset the colours", puts
a newline between lines that each start with their own move, and moves the cursor home after each frame. Over
SSH, at one frame a second, that overhead is most of a countdown's bytes. `Optimiser` leaves out what cannot
change what the terminal shows:

1. a newline directly followed by a cursor move, on a row above another move in the same piece (the newline only
   moves the cursor, which the move puts elsewhere anyway, and it cannot scroll: a lower row exists);
2. a cursor move directly followed by another (only the second counts), and a move to where the cursor is;
3. a colour reset followed, across nothing that draws (cursor moves, titles, bells), by colour settings that bring
   back exactly the colours it cleared: every character is drawn in the same colours;
4. a piece's last colour reset is held back until something needs it: the next frame usually starts by setting
   the same colours again (rule 3), and a title or a bell does not care. The driver writes it before it leaves.

It assumes what Textual assumes: its cursor moves stay on the screen; text drawn after a cursor move stays on
that row (Textual cuts every line at the screen's width); ASCII, box drawing and block characters are one cell
wide. The cursor's place is followed only across those characters. Everything else (mode switches, partial or
unknown sequences, other characters) passes through untouched and is never optimised across; the colours in
effect are known from the last full reset on, and not at all at the start or after anything unknown.
tests/test_terminal_output.py checks all this against a small terminal model.
"""

from __future__ import annotations

import re
import threading
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from textual.driver import Driver

# One token per match: a cursor move, a colour setting (SGR), a newline, what leaves colours and cursor alone (a
# title or other OSC, a bell, the start or end of a synchronized update), printable text, or anything else (one
# control sequence or one character).
TOKENS = re.compile(
    r"(?P<move>\x1b\[(?P<row>\d+);(?P<col>\d+)H)"
    r"|(?P<sgr>\x1b\[(?P<params>[0-9;]*)m)"
    r"|(?P<newline>\n)"
    r"|(?P<neutral>\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x07|\x1b\[\?2026[hl])"
    r"|(?P<text>[^\x00-\x1f\x7f-\x9f]+)"
    r"|(?P<other>\x1b\[[0-?]*[ -/]*[@-~]|\x1b[^\[\]]|.)",
    re.DOTALL,
)
ONE_CELL = re.compile(r"[\x20-\x7e\u2500-\u259f]*")  # ASCII, box drawing, blocks: one cell each everywhere
RESET = "\x1b[0m"
# A piece this long is a whole screen (the first frames, a resize): written as it is, which costs a few bytes
# once and saves tokenising it (about 4 ms each at 80x24, three of them before the first screen settles).
WHOLE_SCREEN = 4096
Colours = tuple[str, ...]  # the SGR parameter strings applied since a full reset


class Token(NamedTuple):
    kind: str
    text: str
    row: int = 0  # a move's target, 1-based (a terminal reads 0 as 1)
    col: int = 0
    params: str = ""  # an SGR's
    is_reset: bool = False  # an SGR that only resets


def tokens_of(data: str) -> list[Token]:
    tokens: list[Token] = []
    append = tokens.append
    for m in TOKENS.finditer(data):
        kind = m.lastgroup or "other"
        if kind == "move":
            append(Token(kind, m[0], max(1, int(m["row"])), max(1, int(m["col"]))))
        elif kind == "sgr":
            params = m["params"]
            append(Token(kind, m[0], 0, 0, params, params in ("", "0")))
        else:
            append(Token(kind, m[0]))
    return tokens


def after(colours: Colours | None, params: str) -> Colours | None:
    """The colours after one SGR: a setting that starts with a reset makes them known."""
    if params.split(";", 1)[0] in ("", "0"):
        return () if params in ("", "0") else (params,)
    return None if colours is None else (*colours, params)


class Optimiser:
    """Call it with each piece of output, in order; it returns what to write instead. `flush()` before anything
    else writes to the terminal."""

    def __init__(self) -> None:
        self._colours: Colours | None = None  # None: unknown
        self._held = False  # a reset not written yet: the terminal still has `_colours`
        self._lock = threading.Lock()

    def flush(self) -> str:
        """The held reset, if any: write it before leaving (or before anything else writes)."""
        with self._lock:
            if not self._held:
                return ""
            self._held, self._colours = False, ()
            return RESET

    def __call__(self, data: str) -> str:
        with self._lock:
            tokens = [] if len(data) > WHOLE_SCREEN else tokens_of(data)
            if not tokens or any(t.text in ("\x1b", "\x9b") for t in tokens):
                # A whole screen, or a sequence that is incomplete or unknown (cut across writes, an ESC inside a
                # title: what looks like moves and colours around it may be part of it). Passed through as
                # written, with no reset held after it; the colours after it are not known.
                held, self._held, self._colours = self._held, False, None
                return (RESET if held else "") + data
            if self._held:  # where it was held: before everything, as if written at the end of the last piece
                tokens.insert(0, Token("sgr", RESET, 0, 0, "0", True))
            keep = [True] * len(tokens)
            _newlines(tokens, keep)
            self._colours, last_reset = _resets(tokens, keep, self._colours)
            _moves(tokens, keep)
            self._held = False
            if last_reset is not None:
                index, before = last_reset
                rest = [t for t, kept in zip(tokens[index + 1 :], keep[index + 1 :], strict=True) if kept]
                if before is not None and all(t.kind in ("move", "neutral") for t in rest):
                    keep[index], self._held, self._colours = False, True, before
            return "".join(t.text for t, kept in zip(tokens, keep, strict=True) if kept)


def _newlines(tokens: list[Token], keep: list[bool]) -> None:
    # Every cursor move is on the screen, so the lowest row moved to is not below the bottom: a newline on a
    # row above it cannot scroll.
    lowest = max((t.row for t in tokens if t.kind == "move"), default=0)
    row = None  # the row of the last cursor move, while only text and colours follow it
    for i, token in enumerate(tokens):
        if token.kind == "move":
            row = token.row
        elif token.kind == "newline":
            moves_next = i + 1 < len(tokens) and tokens[i + 1].kind == "move"
            if row is not None and row < lowest and moves_next:
                keep[i] = False
            row = None
        elif token.kind not in ("text", "sgr"):
            row = None


def _resets(
    tokens: list[Token], keep: list[bool], colours: Colours | None
) -> tuple[Colours | None, tuple[int, Colours | None] | None]:
    """Leave out resets that the colour settings after them undo; the colours at the end, and the last reset
    kept with the colours before it."""
    last_reset = None
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token.is_reset and colours is not None:
            # Look past what does not draw for the settings that restore `colours` before anything draws.
            restored: Colours | None = ()
            j, settings = i + 1, []
            while j < len(tokens) and (tokens[j].kind in ("move", "neutral", "sgr") or not keep[j]):
                if keep[j] and tokens[j].kind == "sgr":
                    restored = after(restored, tokens[j].params)
                    settings.append(j)
                j += 1
            if restored == colours:
                for k in (i, *settings):
                    keep[k] = False
                i = j
                continue
        if token.is_reset:
            last_reset = (i, colours)
        if token.kind == "sgr":
            colours = after(colours, token.params)
        elif token.kind == "other":
            colours = None  # a mode switch or a cursor restore may change them
        i += 1
    return colours, last_reset


def _moves(tokens: list[Token], keep: list[bool]) -> None:
    """Leave out a cursor move followed by another before anything uses the cursor, or to where it is."""
    at: tuple[int, int] | None = None  # where the cursor is, while known
    previous = None  # the last kept move, while nothing that uses the cursor follows it
    for i, token in enumerate(tokens):
        if not keep[i]:
            continue
        if token.kind == "move":
            if at == (token.row, token.col):
                keep[i] = False  # already there (if `previous` put it there, that one stays)
                continue
            if previous is not None:
                keep[previous] = False
            previous, at = i, (token.row, token.col)
        elif token.kind == "text":
            width = len(token.text) if ONE_CELL.fullmatch(token.text) else None
            at = None if at is None or width is None else (at[0], at[1] + width)
            previous = None
        elif token.kind not in ("sgr", "neutral"):
            at = previous = None


def optimised(driver_class: type[Driver]) -> type[Driver]:
    """The Linux terminal driver with its output optimised; any other driver (web, Windows, headless) as is."""
    from textual.drivers.linux_driver import LinuxDriver

    if driver_class is not LinuxDriver:
        return driver_class

    class OptimisedLinuxDriver(LinuxDriver):
        def __init__(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003 - LinuxDriver's own
            self._optimiser = Optimiser()
            super().__init__(*args, **kwargs)

        def start_application_mode(self) -> None:
            self._optimiser = Optimiser()  # after a suspend (ctrl+z) the shell has drawn over everything
            super().start_application_mode()

        def write(self, data: str) -> None:
            super().write(self._optimiser(data))

        def stop_application_mode(self) -> None:
            held = self._optimiser.flush()
            if held:
                super().write(held)
            super().stop_application_mode()

    return OptimisedLinuxDriver
