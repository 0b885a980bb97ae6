"""Speech through the first engine found (espeak-ng, espeak, spd-say, say), one utterance at a time.

The engine runs as a subprocess with its output thrown away and is never waited for: speaking never blocks the
screen. A new utterance cuts the one still playing (the newest cue is the one that matters).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
from collections.abc import Callable, Mapping

# Engine name and how it is asked to say one sentence (spd-say -w waits for its own speech, so it can be cut).
ENGINES: list[tuple[str, list[str]]] = [
    ("espeak-ng", []),
    ("espeak", []),
    ("spd-say", ["-w"]),
    ("say", []),
]


def find_engine(which: Callable[[str], str | None] = shutil.which) -> list[str] | None:
    """The command line that speaks (without the sentence), or None when no engine is installed."""
    for name, options in ENGINES:
        path = which(name)
        if path:
            return [path, *options]
    return None


def over_ssh(env: Mapping[str, str]) -> bool:
    return bool(env.get("SSH_CONNECTION") or env.get("SSH_TTY"))


def voice_wanted(setting: str, env: Mapping[str, str]) -> bool:
    """`auto` speaks only when footui runs on the machine you are at: over SSH the speech would play far away."""
    if setting == "off":
        return False
    return setting == "on" or not over_ssh(env)


def _end(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is not None:
        return
    with contextlib.suppress(OSError):
        if hasattr(os, "killpg"):
            os.killpg(process.pid, signal.SIGKILL)  # at once: the screen never waits for a voice to finish
        else:  # pragma: no cover - Windows
            process.kill()


class Speaker:
    def __init__(self, engine: list[str]) -> None:
        self.engine = engine
        self._current: subprocess.Popen[bytes] | None = None
        self.problem = ""

    def say(self, sentence: str) -> None:
        self.silence()
        try:
            self._current = subprocess.Popen(
                [*self.engine, sentence],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,  # its own process group, so cutting it also ends its children
            )
        except OSError as exc:
            self.problem = f"the voice ({os.path.basename(self.engine[0])}) cannot start: {exc.strerror or exc}"

    def silence(self) -> None:
        if self._current is not None:
            _end(self._current)
            with contextlib.suppress(subprocess.TimeoutExpired):
                self._current.wait(timeout=0.5)  # reap it: a killed process is gone within microseconds
            self._current = None

    def wait(self, timeout: float = 10.0) -> None:
        """Let the current utterance finish (for tests and for the last words at exit)."""
        if self._current is not None:
            with contextlib.suppress(subprocess.TimeoutExpired):
                self._current.wait(timeout=timeout)
