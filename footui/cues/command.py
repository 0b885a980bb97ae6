"""The user's cue command (`FOOTUI_CUE_CMD` or `cue_command`), run at every cue with the event and the sentence.

Split like a shell would, run without one. Commands run one after another on a worker thread, in the order of
the cues, each with a bounded time after which it is killed: a command that fails or hangs never stalls the
session. The first failure is kept for the screen to show once.
"""

from __future__ import annotations

import contextlib
import os
import queue
import shlex
import signal
import subprocess
import threading

TIME_LIMIT_S = 5.0


def parse_command(text: str) -> tuple[list[str], str]:
    """(argv, "") or ([], why it cannot be used)."""
    try:
        argv = shlex.split(text)
    except ValueError as exc:
        return [], f"the cue command cannot be split ({exc}): {text!r}"
    return argv, ""


class CueCommand:
    def __init__(self, argv: list[str], time_limit: float = TIME_LIMIT_S) -> None:
        self.argv = argv
        self.time_limit = time_limit
        self._queue: queue.Queue[tuple[str, str] | None] = queue.Queue()
        self._problem = ""
        self._reported = False
        self._lock = threading.Lock()
        self._worker = threading.Thread(target=self._work, name="footui-cue-command", daemon=True)
        self._worker.start()

    def send(self, event: str, sentence: str) -> None:
        self._queue.put((event, sentence))

    def drain(self) -> None:
        """Wait until every cue sent so far has been run (tests; the last cue before exit)."""
        self._queue.join()

    def close(self, wait: float = 0.0) -> None:
        """No more cues; give the ones still queued (the last "finish" or "stop") up to `wait` seconds to run."""
        self._queue.put(None)
        if wait > 0:
            self._worker.join(wait)

    def take_problem(self) -> str:
        """The first failure, once; "" afterwards and while nothing failed."""
        with self._lock:
            if self._problem and not self._reported:
                self._reported = True
                return self._problem
            return ""

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
                self._run(*item)
            finally:
                self._queue.task_done()

    def _run(self, event: str, sentence: str) -> None:
        name = os.path.basename(self.argv[0])
        try:
            process = subprocess.Popen(
                [*self.argv, event, sentence],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,
            )
        except OSError as exc:
            self._fail(f"cue command {name!r} cannot run: {exc.strerror or exc}")
            return
        try:
            code = process.wait(timeout=self.time_limit)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(OSError):
                if hasattr(os, "killpg"):
                    os.killpg(process.pid, signal.SIGKILL)
                else:  # pragma: no cover - Windows
                    process.kill()
            process.wait()
            self._fail(f"cue command {name!r} took over {self.time_limit:g} s and was stopped")
            return
        if code != 0:
            self._fail(f"cue command {name!r} failed (exit {code}) at {event!r}")
