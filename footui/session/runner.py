"""One run of a routine: the engine plus the history record it keeps on disk as it goes.

Each completed set is checkpointed the moment the engine reports it. When saving fails (full disk, read-only
dir, lock held) the record stays in memory, the problem is kept for the screen to show, and the next save (the
next set, or the end of the session) writes everything again.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from contextlib import suppress
from datetime import datetime, timedelta

from footui.history.files import EDITABLE_FIELDS
from footui.history.store import HistoryStore, StoreError, local_now, new_record
from footui.session.engine import FINISHED, Engine, Event, Finished, SetCompleted
from footui.session.plan import Plan


class SessionRunner:
    def __init__(
        self,
        plan: Plan,
        store: HistoryStore | None,
        *,
        clock: Callable[[], float] = time.monotonic,
        wall: Callable[[], float] = time.time,
        now: Callable[[], datetime] = local_now,
        pain_before: int | None = None,
    ) -> None:
        self.plan = plan
        self.store = store
        self.engine = Engine(plan, clock=clock, wall=wall)
        self._clock = clock
        self._now = now
        entries = [(e.exercise.id, e.side, e.sets, e.exercise.hold_s, e.exercise.rest_s) for e in plan.entries]
        self.record = new_record(plan.routine.id, plan.routine.name, entries, now(), pain_before=pain_before)
        self.save_error = ""
        self.saved = False  # the finished record reached history.json

    @property
    def sets_done(self) -> int:
        return sum(self.engine.sets_done)

    def start(self) -> list[Event]:
        # Nothing reaches the disk until the first set is done: a session with no set is no history.
        return self.engine.start()

    def tick(self) -> list[Event]:
        return self._save_after(self.engine.tick())

    def skip(self) -> list[Event]:
        return self._save_after(self.engine.skip())

    def _save_after(self, events: list[Event]) -> list[Event]:
        if any(isinstance(e, SetCompleted) for e in events):
            self._checkpoint()
        if any(isinstance(e, Finished) for e in events):
            self._finish()
        return events

    def stop(self, reason: str = "user") -> None:
        """End early: keep every completed set. `reason` is "user" (they said stop) or "signal" (the terminal
        went away, or footui was told to exit): only the latter may be resumed later."""
        if self.engine.active:
            self.engine.stop()
            self.record["stop_reason"] = reason
            self._finish()

    def retry_save(self) -> None:
        if not self.saved and not self.engine.active:
            self._finish()

    def saved_elsewhere(self) -> None:
        """The record went to a file the user named (for `footui import`): its checkpoint must not outlive it."""
        if self.store is not None and not self.saved:
            self.store.retire_checkpoint(self.record)

    def annotate(self, **fields: object) -> None:
        self.record.update(fields)
        if self.store is None or self.sets_done == 0:
            return
        try:
            if self.saved:
                # every editable field, not only these: one that failed to save earlier is saved now
                self.store.update(self.record["id"], **{key: self.record[key] for key in sorted(EDITABLE_FIELDS)})
                self.save_error = ""  # an earlier failure is over: the screen stops saying so
            else:
                self._finish()
        except StoreError as exc:
            self.save_error = str(exc)
            self.saved = False  # the next save writes the whole record, with these fields

    def _sync(self) -> None:
        for item, done in zip(self.record["exercises"], self.engine.sets_done, strict=True):
            item["sets_done"] = done

    def _checkpoint(self) -> None:
        self._sync()
        if self.store is None:
            return
        try:
            self.store.checkpoint(self.record)
            self.save_error = ""
        except StoreError as exc:
            self.save_error = str(exc)

    def _finish(self) -> None:
        self._sync()
        complete = self.engine.status == FINISHED and self.sets_done == self.plan.planned_sets
        self.record["status"] = "completed" if complete else "stopped"
        if self.sets_done == 0:
            return
        if not self.record.get("ended_at"):
            # The end is the engine's last deadline, not the moment a (possibly late) tick noticed it.
            late = max(0.0, self._clock() - (self.engine.ended_at or self._clock()))
            self.record["ended_at"] = (self._now() - timedelta(seconds=late)).isoformat(timespec="seconds")
        if self.store is None:
            return
        try:
            self.store.finish(self.record)
            self.saved = True
            self.save_error = ""
        except StoreError as exc:
            self.save_error = str(exc)
            # The per-set checkpoint may still fit (a nearly full disk): keep the pain score and note there too.
            with suppress(StoreError):
                self.store.checkpoint(self.record)
