"""The user's cue command (`FOOTUI_CUE_CMD` or `cue_command`), run at every cue with the event and the sentence.

Split like a shell would, run without one. Commands run one after another on a worker thread, in the order of
the cues, each with a bounded time after which it is killed: a command that fails or hangs never stalls the
session. A cue arrives on time or not at all: one that waited longer than `LATE_LIMIT_S` behind a slow command is
dropped (a "three" ten seconds late is worse than none), so a hanging command cannot push every later cue later
and later. The first failure and the count of dropped cues are kept for the screen to show once each. At exit,
after a short grace for the last cue, a command still running is killed with its whole process group.
"""

from __future__ import annotations

import contextlib
import os
import queue
import shlex
import signal
import subprocess
import threading
import time
from collections.abc import Callable

TIME_LIMIT_S = 5.0
LATE_LIMIT_S = 2.0  # a cue that waited longer than this for its turn is dropped: it would come too late to help


def parse_command(text: str) -> tuple[list[str], str]:
    """(argv, "") or ([], why it cannot be used)."""
    try:
        argv = shlex.split(text)
    except ValueError as exc:
        return [], f"the cue command cannot be split ({exc}): {text!r}"
    return argv, ""


class CueCommand:
    def __init__(
        self,
        argv: list[str],
        time_limit: float = TIME_LIMIT_S,
        late_limit: float = LATE_LIMIT_S,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.argv = argv
        self.time_limit = time_limit
        self.late_limit = late_limit
        self._clock = clock
        self._queue: queue.Queue[tuple[str, str, float] | None] = queue.Queue()
        self._problem = ""
        self._reported = False
        self._dropped = 0
        self._dropped_reported = False
        self._lock = threading.Lock()
        self._running: subprocess.Popen[bytes] | None = None
        self._stopped = False  # set at exit: no command starts after this
        self._worker = threading.Thread(target=self._work, name="footui-cue-command", daemon=True)
        self._worker.start()

    def send(self, event: str, sentence: str) -> None:
        self._queue.put((event, sentence, self._clock()))

    def drain(self) -> None:
        """Wait until every cue sent so far has been run (tests; the last cue before exit)."""
        self._queue.join()

    def close(self, wait: float = 0.0) -> None:
        """No more cues; give the ones still queued (the last "finish" or "stop") up to `wait` seconds to run,
        then kill a command still running (with its children), so none outlives footui."""
        self._queue.put(None)
        if wait > 0:
            self._worker.join(wait)
        with self._lock:
            self._stopped = True
            running = self._running
        if running is not None:
            _kill(running)
            with contextlib.suppress(subprocess.TimeoutExpired):
                running.wait(timeout=1.0)  # reap it: a killed process is gone within microseconds

    def take_problem(self) -> str:
        """The first failure, once; then how many cues were dropped for coming too late, once; else ""."""
        with self._lock:
            if self._problem and not self._reported:
                self._reported = True
                return self._problem
            if self._dropped and not self._dropped_reported:
                self._dropped_reported = True
                count = self._dropped
                cues = "1 cue came too late and was" if count == 1 else f"{count} cues came too late and were"
                return f"cue command {self._name!r} was busy: {cues} dropped"
            return ""

    @property
    def _name(self) -> str:
        return os.path.basename(self.argv[0])

    def _fail(self, message: str) -> None:
        with self._lock:
            if not self._problem:
                self._problem = message

    def _work(self) -> None:
        while True:
            item = self._queue.get()
            try:
                if item is None:
                    return
                event, sentence, sent_at = item
                if self._clock() - sent_at > self.late_limit:
                    with self._lock:
                        self._dropped += 1
                    continue
                self._run(event, sentence)
            finally:
                self._queue.task_done()

    def _run(self, event: str, sentence: str) -> None:
        name = self._name
        with self._lock:  # started under the lock, so `close` either sees it running or stops it starting
            if self._stopped:
                return
            try:
                process = subprocess.Popen(
                    [*self.argv, event, sentence],
                    stdin=subprocess.DEVNULL,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                    start_new_session=True,  # its own process group, so a kill also ends its children
                )
            except OSError as exc:
                self._problem = self._problem or f"cue command {name!r} cannot run: {exc.strerror or exc}"
                return
            self._running = process
        try:
            code = process.wait(timeout=self.time_limit)
        except subprocess.TimeoutExpired:
            _kill(process)
            process.wait()
            self._fail(f"cue command {name!r} took over {self.time_limit:g} s and was stopped")
            return
        finally:
            with self._lock:
                self._running = None
        if code < 0 and self._stopped:
            return  # killed at exit: not a failure of the command
        if code != 0:
            self._fail(f"cue command {name!r} failed (exit {code}) at {event!r}")


def _kill(process: subprocess.Popen[bytes]) -> None:
    """SIGKILL the command's process group (it started a session of its own), so its children go too."""
    with contextlib.suppress(OSError):
        if hasattr(os, "killpg"):
            os.killpg(process.pid, signal.SIGKILL)
        else:  # pragma: no cover - Windows
            process.kill()
