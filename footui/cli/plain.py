"""`footui start ROUTINE --plain`: a session as plain lines on stdout, for screen readers, braille displays, logs
and the slowest links. No Textual.

The loop sleeps in `select` until the next moment something is to be said (a countdown mark or the phase's
deadline, from the engine's monotonic deadlines) or a line of input arrives; it never counts ticks. Input is read
only from a terminal: `enter` pauses and resumes, `q` then `enter` stops, ctrl+c stops. With stdin a pipe or
/dev/null the session runs hands-free and end of input changes nothing. Every stop goes through the same
`SessionRunner.stop` as the app, so the saved record is the same.
"""

from __future__ import annotations

import os
import select
import signal
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from types import FrameType
from typing import TextIO

from footui.content.routines import Library
from footui.session.engine import FINISHED, PAUSED, RUNNING
from footui.session.narration import Narrator
from footui.session.runner import SessionRunner

STOP_WORDS = frozenset({"q", "quit", "stop"})
EXIT_COMPLETED, EXIT_STOPPED = 0, 1


class Signalled(Exception):
    """SIGHUP (the terminal went away) or SIGTERM: save like the app does, then leave."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


class LineInput:
    """Lines typed at a terminal, waited for with a timeout. Not a terminal, or at end of input: never a line."""

    def __init__(self, stream: TextIO | None) -> None:
        self._fd: int | None = None
        if stream is not None:
            try:
                if stream.isatty():
                    self._fd = stream.fileno()
            except (OSError, ValueError):
                self._fd = None
        self._pending = b""
        self._lines: list[str] = []

    @property
    def interactive(self) -> bool:
        return self._fd is not None

    def wait(self, timeout: float | None) -> str | None:
        """A line of input, or None when the timeout passed first (None: wait for input or a signal)."""
        if self._lines:
            return self._lines.pop(0)
        deadline = None if timeout is None else time.monotonic() + max(0.0, timeout)
        while True:
            left = None if deadline is None else max(0.0, deadline - time.monotonic())
            fds = [self._fd] if self._fd is not None else []
            ready, _, _ = select.select(fds, [], [], left)
            if not ready:
                return None
            assert self._fd is not None
            data = os.read(self._fd, 4096)
            if not data:  # ctrl+d: no more input, the session goes on hands-free
                self._fd = None
                continue
            self._pending += data
            *lines, self._pending = self._pending.split(b"\n")
            self._lines.extend(line.decode("utf-8", "replace").strip() for line in lines)
            if self._lines:
                return self._lines.pop(0)
            if deadline is not None and time.monotonic() >= deadline:
                return None


def run_plain(
    runner: SessionRunner,
    *,
    write: Callable[[str], None],
    wait: Callable[[float | None], str | None],
    clock: Callable[[], float],
    interactive: bool,
    already_done: int = 0,
    hold_signals: Callable[[], None] = lambda: None,
) -> int:
    """Run the session to its end; 0 when completed, 1 when stopped, 128+N after signal N. Always saves.

    `hold_signals` is called once the session ends, before the final save: a second signal (or ctrl+c) must not
    cut the save short or change the exit status."""
    engine = runner.engine
    narrator = Narrator(runner.plan, interactive=interactive)
    stopped_by: str | None = None
    code = EXIT_STOPPED
    try:
        write(narrator.opening(already_done=already_done))
        for line in narrator.lines(runner.start(), engine):
            write(line)
        last_error = ""
        while engine.active:
            wake = narrator.next_wake(engine)
            command = wait(None if wake is None else max(0.0, wake - clock()))
            if command is not None:
                if command.lower() in STOP_WORDS:
                    stopped_by = "user"
                    break
                if engine.status == RUNNING:
                    engine.pause()
                    write(narrator.paused(engine))
                elif engine.status == PAUSED:
                    engine.resume()
                    write(narrator.resumed(engine))
            for line in narrator.lines(runner.tick(), engine):
                write(line)
            if engine.status == PAUSED and not interactive:  # nobody can press enter: carry on
                engine.resume()
            for line in narrator.marks(engine, clock()):
                write(line)
            if runner.save_error != last_error:
                last_error = runner.save_error
                if last_error:
                    write(f"Not saved yet: {last_error}")
    except KeyboardInterrupt:
        stopped_by = "user"
    except Signalled as exc:
        stopped_by = "signal"
        code = 128 + exc.signum
    except OSError:  # the output went away (a closed pipe, a hung-up terminal): keep what was done
        stopped_by = "signal"
    finally:
        hold_signals()
        if engine.active:
            runner.stop(reason=stopped_by or "user")
    if engine.status == FINISHED and runner.sets_done == runner.plan.planned_sets:
        code = EXIT_COMPLETED
    with suppress(OSError):
        write(narrator.closing(runner.sets_done, status=engine.status, save_error=runner.save_error))
    return code


@contextmanager
def signals_raise() -> Iterator[Callable[[], None]]:
    """SIGHUP and SIGTERM raise Signalled inside the loop (interrupting its select), then are put back.

    Yields `hold`, which ignores SIGHUP, SIGTERM and SIGINT from then on (the final save); the first of those
    signals holds them too, so a second one cannot interrupt the handling of the first.
    """
    held = (signal.SIGHUP, signal.SIGTERM, signal.SIGINT)
    previous = {sig: signal.getsignal(sig) for sig in held}

    def hold() -> None:
        for sig in held:
            signal.signal(sig, signal.SIG_IGN)

    def handler(signum: int, _frame: FrameType | None) -> None:
        hold()
        raise Signalled(signum)

    for sig in (signal.SIGHUP, signal.SIGTERM):
        signal.signal(sig, handler)
    try:
        yield hold
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)


def plain_session(runner: SessionRunner, *, already_done: int = 0) -> int:
    """Run a session on the real stdin/stdout and clock."""
    source = LineInput(sys.stdin)

    def write(line: str) -> None:
        sys.stdout.write(line + "\n")
        sys.stdout.flush()

    with signals_raise() as hold:
        return run_plain(
            runner,
            write=write,
            wait=source.wait,
            clock=time.monotonic,
            interactive=source.interactive,
            already_done=already_done,
            hold_signals=hold,
        )


def start_plain(library: Library, routine_id: str) -> int:
    """`footui start ROUTINE --plain`."""
    from footui.config import locations
    from footui.history.store import HistoryStore
    from footui.session.plan import build_plan

    routine = library.routines[routine_id]
    plan = build_plan(routine, library.routine_exercises(routine))
    return plain_session(SessionRunner(plan, HistoryStore(locations.data_dir())))
