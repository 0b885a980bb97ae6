"""The home screen: every routine, the highlighted one's exercises in detail, and today's progress."""

from __future__ import annotations

import textwrap

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from footui.content.routines import Routine, planned_seconds
from footui.history.resumable import describe as describe_resumable
from footui.text import formatting
from footui.text.cleaning import clean
from footui.text.plurals import plural
from footui.ui.app_access import foot_app
from footui.ui.widgets.detail import DetailText
from footui.ui.widgets.footer import QuickFooter

# Columns beside the detail pane's text: the routine list (32), the pane's border (2), padding (2), scrollbar (2).
DETAIL_BESIDE = 38


class RoutinesScreen(Screen[None]):
    BINDINGS = [
        # priority: the focused OptionList's own (hidden) enter would otherwise hide "Start" from the footer
        Binding("enter", "start", "Start", priority=True),
        Binding("i", "health_note", "Health note"),
        Binding("u", "resume", "Resume"),
        # Only "Edit" in the footer, so the 80-column footer keeps the other keys; all four are in the help.
        Binding("e", "edit_routine", "Edit"),
        Binding("n", "new_routine", "New routine", show=False),
        Binding("c", "copy_routine", "Copy", show=False),
        Binding("d", "delete_routine", "Delete", show=False),
    ]
    _resume = ""  # the id of the session the resume line offers, "" when none

    def compose(self) -> ComposeResult:
        # Everything is built here, not after mounting, so the first frame is the finished screen.
        library = foot_app(self).library
        options = []
        for routine in library.routines.values():
            minutes = formatting.duration(planned_seconds(routine, library.routine_exercises(routine)))
            options.append(Option(Content(f"{clean(routine.name)}\n  {minutes}"), id=routine.id))
        self._library_version = foot_app(self).library_version
        first = next(iter(library.routines.values()))
        self._detail_of = first.id
        self._detail_width = self.app.size.width - DETAIL_BESIDE  # the pane's text width, checked once laid out
        self._today = foot_app(self).today_line()
        yield Static(Content(self._today), id="today")
        if library.problems:  # every problem, scrolling (tab, then up/down) when there are many
            with VerticalScroll(id="problems"):
                yield Static(Content(self.problems_text()), id="problems-text")
        if resume := self.resume_text():  # only when there is one (refresh_resume adds or removes it)
            yield Static(Content(resume), id="resume")
        with Horizontal(id="home"):
            yield OptionList(*options, id="routine-list")
            with VerticalScroll(id="routine-detail"):
                yield DetailText(self.describe(first, self._detail_width), id="detail")
        yield Static(Content("Not medical advice: stop if pain increases (i for more)."), id="health-line")
        yield QuickFooter()

    def on_mount(self) -> None:
        routine_list = self.query_one("#routine-list", OptionList)
        routine_list.highlighted = 0
        routine_list.focus()
        self.call_after_refresh(self.rewrap_detail)

    def on_resize(self, _event: events.Resize) -> None:
        self.call_after_refresh(self.rewrap_detail)

    def rewrap_detail(self) -> None:
        """The steps are wrapped here (Textual has no hanging indent): again when the pane's width changed."""
        detail = self.query_one("#detail", DetailText)
        width = detail.content_region.width
        if width > 0 and width != self._detail_width:
            self._detail_width = width
            detail.update(self.describe(foot_app(self).library.routines[self._detail_of], width))

    def on_screen_resume(self) -> None:
        if self._library_version != foot_app(self).library_version:
            self.call_later(self.rebuild)
        else:
            self.refresh_today()
            self.refresh_resume()

    # --- a session that ended early, offered to resume ---------------------------------------------------------
    def resume_text(self) -> str:
        offers = foot_app(self).resume_offers
        self._resume = offers[0][0]["id"] if offers else ""
        return f"Resume {clean(describe_resumable(offers[0][0]))} (u)" if offers else ""

    def refresh_resume(self) -> None:
        before = self._resume
        text = self.resume_text()
        if self._resume != before:
            shown = self.query("#resume")
            if shown and text:
                shown.first(Static).update(Content(text))
            elif shown:
                shown.remove()
            elif text:
                self.mount(Static(Content(text), id="resume"), before="#home")
            self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return bool(self._resume) if action == "resume" else True

    def action_resume(self) -> None:
        if self._resume:
            foot_app(self).resume(self._resume)

    async def rebuild(self) -> None:
        """The editor saved routines.toml: list the routines again, keeping the highlighted one if it is still there."""
        if self._library_version == foot_app(self).library_version:
            return
        keep, row = self.highlighted_id(), self.query_one("#routine-list", OptionList).highlighted or 0
        await self.recompose()
        self.on_mount()
        ids = list(foot_app(self).library.routines)
        routine_list = self.query_one("#routine-list", OptionList)
        # A deleted routine: the cursor stays on its row (the next one), or the last row when it was the last.
        routine_list.highlighted = ids.index(keep) if keep in ids else max(0, min(row, len(ids) - 1))

    def refresh_today(self) -> None:
        today = foot_app(self).today_line()
        if today != self._today:  # an unchanged line is not redrawn
            self._today = today
            self.query_one("#today", Static).update(Content(today))

    def problems_text(self) -> str:
        lines = foot_app(self).library.problems
        if not lines:
            return ""
        heading = f"routines.toml has {plural(len(lines), 'problem')}; the built-in routines still work"
        if len(lines) > 6:
            heading += " (shift+tab, then up/down scrolls; `footui routines` prints them)"
        return heading + ":\n" + "\n".join(clean(line) for line in lines)

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id is not None and event.option.id != self._detail_of:
            self._detail_of = event.option.id
            routine = foot_app(self).library.routines[event.option.id]
            self.query_one("#detail", DetailText).update(self.describe(routine, self._detail_width))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is not None:
            foot_app(self).start_routine(event.option.id)

    def describe(self, routine: Routine, width: int) -> list[Content]:
        """The routine in detail, line by line (the pane wraps long lines; the steps come wrapped here)."""
        library = foot_app(self).library
        exercises = library.routine_exercises(routine)
        total = formatting.duration(planned_seconds(routine, exercises))
        gear = sorted({item for ex in exercises for item in ex.equipment})
        lines = [
            Content.styled(clean(routine.name), "bold"),
            Content(
                f"{total} · {plural(len(exercises), 'exercise')} · needs "
                f"{' and '.join(clean(g) for g in gear) if gear else 'no equipment'}"
            ),
        ]
        if routine.description:
            lines.append(Content(clean(routine.description)))
        for number, ex in enumerate(exercises, start=1):
            lines += [
                Content(""),
                Content.styled(f"{number}. {clean(ex.name)}", "bold"),
                Content(formatting.dosage(ex)),
            ]
            if ex.equipment:
                lines.append(Content(f"needs {formatting.equipment(ex)}"))
            if ex.why:
                lines.append(Content(f"Why: {clean(ex.why)}"))
            for step_no, step in enumerate(ex.steps, start=1):
                label = f"  {step_no}) "  # a wrapped step goes on under its text, so the numbers stand out
                wrapped = textwrap.wrap(
                    clean(step), max(width, 20), initial_indent=label, subsequent_indent=" " * len(label)
                )
                lines.extend(Content(line) for line in wrapped or [""])
            if ex.pictures:  # the first keyframe: the starting pose (`footui show ID` prints them all)
                first = ex.pictures[0]
                lines.extend(Content(f"    {clean(row)}") for row in first.rows or [""])
                if first.caption:
                    lines.append(Content.styled(f"    {clean(first.caption)}", "italic"))
            if ex.source:
                lines.append(Content.styled(f"Source: {clean(ex.source)}", "italic"))
        return lines

    def action_start(self) -> None:
        option_list = self.query_one("#routine-list", OptionList)
        if option_list.highlighted is not None:
            routine_id = option_list.get_option_at_index(option_list.highlighted).id
            if routine_id is not None:
                foot_app(self).start_routine(routine_id)

    def highlighted_id(self) -> str | None:
        option_list = self.query_one("#routine-list", OptionList)
        if option_list.highlighted is None:
            return None
        return option_list.get_option_at_index(option_list.highlighted).id

    # The editor's keys; the editor itself is imported on first use (footui.ui.editor).
    def action_new_routine(self) -> None:
        foot_app(self).open_editor("routine", None)

    def action_edit_routine(self) -> None:
        if (routine_id := self.highlighted_id()) is not None:
            foot_app(self).open_editor("routine", routine_id)

    def action_copy_routine(self) -> None:
        if (routine_id := self.highlighted_id()) is not None:
            foot_app(self).open_editor("routine", routine_id, copy=True)

    def action_delete_routine(self) -> None:
        from footui.ui.editor.opening import delete_routine

        if (routine_id := self.highlighted_id()) is not None:
            delete_routine(foot_app(self), routine_id, self.rebuild)

    def action_health_note(self) -> None:
        foot_app(self).show_health_note()
