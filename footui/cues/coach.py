"""The coach: turns the session's events into cues and sends each to the voice, the cue command and the bell.

The screen calls it; it never imports Textual. Writing to the terminal and running something later are given
to it (the app's driver and timer), so tests drive it with a fake clock and a list.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Mapping

from footui.cues import terminal, wording
from footui.cues.command import CueCommand, parse_command
from footui.cues.voice import Speaker, find_engine, voice_wanted
from footui.cues.wording import Cue
from footui.session.engine import RUNNING, AutoPaused, Engine, Event, Finished, PhaseStarted

Later = Callable[[float, Callable[[], None]], object]


class Coach:
    def __init__(
        self,
        *,
        write: Callable[[str], None],
        later: Later | None = None,
        voice: str = "auto",
        cue_command: str = "",
        env: Mapping[str, str] | None = None,
        muted: bool = False,
        count_in: bool = True,
        engine_finder: Callable[[], list[str] | None] = find_engine,
    ) -> None:
        self.env = dict(os.environ if env is None else env)
        self._write = write
        self._later = later or (lambda _delay, action: action())
        self.muted = muted
        self.count_in = count_in
        self.voice_setting = voice
        self._engine_finder = engine_finder
        self.speaker: Speaker | None = None
        self._problems: list[str] = []
        self.set_voice(voice)
        self.command: CueCommand | None = None
        text = self.env.get("FOOTUI_CUE_CMD") or cue_command
        if text.strip():
            argv, problem = parse_command(text)
            if problem:
                self._problems.append(problem)
            elif argv:
                self.command = CueCommand(argv)
        self._counted: tuple[int, int] | None = None
        self.heard: deque[Cue] = deque(
            maxlen=200
        )  # every cue given, muted or not (what a plain mode or a test can show)

    # --- settings -------------------------------------------------------------------------------------------
    def set_voice(self, setting: str) -> None:
        self.voice_setting = setting
        engine = self._engine_finder() if voice_wanted(setting, self.env) else None
        if self.speaker is not None and engine is None:
            self.speaker.silence()
        self.speaker = Speaker(engine) if engine else None
        if setting == "on" and engine is None:
            self._problems.append("voice: no speech engine found (install espeak-ng, espeak or speech-dispatcher)")

    @property
    def speaking(self) -> bool:
        return self.speaker is not None

    def voice_state(self) -> str:
        """For the screen: what the voice does now, and why not when it does not."""
        if self.voice_setting == "off":
            return "voice off"
        if self.speaker is not None:
            return "voice on"
        if not voice_wanted(self.voice_setting, self.env):
            return "voice off (over SSH)"
        return "voice: no engine found"

    def take_problem(self) -> str:
        """One problem to show (each once): a cue command that failed, a voice that cannot start."""
        if self.command is not None:
            problem = self.command.take_problem()
            if problem:
                return problem
        if self.speaker is not None and self.speaker.problem:
            problem, self.speaker.problem = self.speaker.problem, ""
            return problem
        return self._problems.pop(0) if self._problems else ""

    # --- the session's moments ------------------------------------------------------------------------------
    def session_events(self, engine: Engine, events: list[Event]) -> None:
        for event in events:
            if isinstance(event, PhaseStarted):
                self.give(wording.phase_cue(engine.plan, event.index))
            elif isinstance(event, Finished):
                self.give(wording.finish_cue())
                if not self.muted:
                    tmux = terminal.in_tmux(self.env)
                    self._write(terminal.notification("footui", "session complete", tmux=tmux))
            elif isinstance(event, AutoPaused):
                self.give(wording.pause_cue())

    def second(self, engine: Engine, seconds_left: int) -> None:
        """Called when the shown second changes: the count of the last three seconds of a long hold."""
        if engine.status != RUNNING or not wording.counts_down(engine.plan, engine.index):
            return
        if 1 <= seconds_left <= wording.COUNT_FROM and self._counted != (engine.index, seconds_left):
            self._counted = (engine.index, seconds_left)
            if self.speaking or self.command is not None or self.count_in:
                self.give(wording.count_cue(seconds_left))

    def paused(self) -> None:
        self.give(wording.pause_cue())

    def resumed(self) -> None:
        self.give(wording.resume_cue())

    def stopped(self) -> None:
        self.give(wording.stop_cue())

    def give(self, cue: Cue) -> None:
        self.heard.append(cue)
        if self.muted:
            return
        if self.speaker is not None:
            self.speaker.say(cue.sentence)
        elif cue.event in terminal.BELL_PATTERNS and (cue.event != "count" or self.count_in):
            for delay in terminal.BELL_PATTERNS[cue.event]:
                if delay:
                    self._later(delay, self._bell)
                else:
                    self._bell()
        if self.command is not None:
            self.command.send(cue.event, cue.sentence)

    def _bell(self) -> None:
        if not self.muted:
            self._write(terminal.BELL)

    # --- for tests and for leaving ------------------------------------------------------------------------------
    def settle(self) -> None:
        """Wait for the voice to finish and every queued cue command to run."""
        if self.speaker is not None:
            self.speaker.wait()
        if self.command is not None:
            self.command.drain()

    def close(self, wait: float = 0.0) -> None:
        if self.command is not None:
            self.command.close(wait)
