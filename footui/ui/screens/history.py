"""The history: a heatmap of the last weeks, streaks, today's targets, the pain trend, and every session."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Footer, Static

from footui.history import progress, stats
from footui.history.store import StoreError
from footui.text import formatting
from footui.text.cleaning import clean
from footui.text.columns import pad, truncate
from footui.text.plurals import plural
from footui.ui.app_access import foot_app
from footui.ui.screens.dialogs import ConfirmScreen, PathScreen
from footui.ui.widgets.charts import ProgressCharts, heatmap_text

WEEKS = 13
MAX_ROWS = 200  # the newest sessions; `footui history` prints them all, and the table stays quick to open
CHART_DAYS = 30


def _when(iso: str) -> str:
    try:
        return datetime.fromisoformat(iso).strftime("%Y-%m-%d %H:%M")
    except (TypeError, ValueError):
        return "?"


def _duration(session: dict) -> str:
    seconds = stats.duration_s(session)
    return "-" if seconds is None else formatting.duration(seconds)


def _pain(value: int | None) -> str:
    return "-" if value is None else str(value)


def _days(count: int) -> str:
    return plural(count, "day")


def _pain_pair(before: int | None, after: int | None) -> str:
    if before is None:
        return _pain(after)
    return f"{before}→{_pain(after)}"


class HistoryScreen(Screen[None]):
    BINDINGS = [
        # priority: the focused table's own (hidden) enter would otherwise hide "Details" from the footer
        Binding("enter", "open", "Details", priority=True),
        Binding("d", "delete", "Delete"),
        Binding("e", "export", "Export"),  # short: the footer fits 80 columns (it asks where, as CSV)
        Binding("p", "edit", "Pain/note"),
        Binding("c", "charts", "Charts"),
        Binding("escape", "back", "Routines"),
    ]

    _shown: list[dict] | None = None

    def compose(self) -> ComposeResult:
        with Horizontal(id="history-top"):
            yield Static(id="heatmap")
            yield Static(id="history-stats")
        yield Static(id="history-notice")  # repairs of history.json, naming the side file, until footui restarts
        yield DataTable(id="sessions", cursor_type="row", zebra_stripes=False)
        yield ProgressCharts(id="charts")  # in place of the table while shown (`c`)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#sessions", DataTable)
        table.add_columns("When", "Routine", "Time", "Sets", "Status", "Pain", "")
        self.populate()

    def on_screen_resume(self) -> None:
        if self.is_mounted and self._shown is not foot_app(self).sessions:
            self.populate()

    def populate(self) -> None:
        app = foot_app(self)
        notice = self.query_one("#history-notice", Static)
        notice.update(Content("\n".join(clean(text) for text in dict.fromkeys(app.store_notices))))
        notice.display = bool(app.store_notices)
        sessions = self._shown = app.sessions
        targets, today, days = app.library.targets(), app.today(), app.days
        streak = stats.streaks((), targets, today, days=days, rest=app.rest)
        trend = stats.pain_trend(sessions, today)
        grid = stats.heatmap((), targets, WEEKS, today, days=days, rest=app.rest)
        self._show_charts(sessions, today)
        self.query_one("#heatmap", Static).update(Content(heatmap_text(grid)))
        lines = [
            app.today_line(with_streaks=False),  # the streaks have their own lines below
            f"Streak, every target: {_days(streak.current_targets)} (best {_days(streak.longest_targets)})",
            f"Streak, any session: {_days(streak.current_active)} (best {_days(streak.longest_active)})",
            f"Sessions in all: {len(sessions)}"
            + (f" (the table shows the newest {MAX_ROWS})" if len(sessions) > MAX_ROWS else ""),
            "Pain after, last 30 days: " + self._trend_text(trend),
        ]
        self.query_one("#history-stats", Static).update(Content("\n".join(lines)))
        table = self.query_one("#sessions", DataTable)
        row = table.cursor_row  # kept: after a delete the cursor stays where it was
        table.clear()
        newest = sessions[::-1][:MAX_ROWS]
        table.add_rows(
            # A str cell is parsed as markup ("[/]" in a name would crash the table): names go in as Text.
            (
                _when(s["started_at"]),
                Text(truncate(clean(s.get("routine_name", s.get("routine_id", ""))), 24)),
                _duration(s),
                f"{stats.sets_done(s)}/{s['planned_sets']}",
                s["status"],
                _pain_pair(s.get("pain_before"), s.get("pain_after")),
                "",
            )
            for s in newest
        )
        self._row_ids = [s["id"] for s in newest]
        if not newest:
            table.add_row("No sessions yet", "press r, then enter", "", "", "", "", "")
        elif row:
            table.move_cursor(row=min(row, len(newest) - 1), animate=False)

    def _show_charts(self, sessions: list[dict], today: date) -> None:
        library = foot_app(self).library
        targets = library.targets()
        per_time = {ex.id: ex.sets * len(ex.side_list) for ex in library.exercises.values()}
        self.query_one(ProgressCharts).show(
            progress.pain_by_day(sessions, today, CHART_DAYS),
            progress.pain_summary(sessions, today),
            progress.sets_by_day(foot_app(self).days, targets, today, CHART_DAYS),
            progress.day_target_sets(targets, per_time),
            progress.foot_balance(sessions, today, CHART_DAYS),
            library.names(),
        )

    def action_charts(self) -> None:
        showing = self.toggle_class("charts-shown").has_class("charts-shown")
        self.query_one("#charts" if showing else "#sessions").focus()

    def action_edit(self) -> None:
        session = self._selected()
        if session is None:
            return
        from footui.ui.screens.edit_session import EditSessionScreen

        def save(fields: dict | None) -> None:
            store = foot_app(self).store
            if not fields or store is None:
                return
            try:
                store.update(session["id"], **fields)
            except StoreError as exc:
                self.app.notify(clean(str(exc)), severity="error", timeout=10)
                return
            foot_app(self).load_history()
            self.populate()
            self.app.notify("Pain and note saved")

        self.app.push_screen(EditSessionScreen(session, _when(session["started_at"])), save)

    @staticmethod
    def _trend_text(trend: stats.PainTrend) -> str:
        if trend.scores == 0:
            return "no scores yet"
        if trend.change is None:
            return f"{plural(trend.scores, 'score')}, not enough for a trend"
        return f"{trend.direction} ({trend.earlier:.1f} → {trend.later:.1f}, {trend.scores} scores)"

    def _selected(self) -> dict | None:
        table = self.query_one("#sessions", DataTable)
        if not self._row_ids or table.cursor_row is None or table.cursor_row >= len(self._row_ids):
            return None
        wanted = self._row_ids[table.cursor_row]
        return next((s for s in reversed(foot_app(self).sessions) if s["id"] == wanted), None)

    def on_data_table_row_selected(self, _event: DataTable.RowSelected) -> None:
        self.action_open()

    def action_open(self) -> None:
        session = self._selected()
        if session is not None:
            self.app.push_screen(SessionDetailScreen(session, foot_app(self).library.names(), self._cues()))

    def _cues(self) -> dict[str, str]:
        """Each exercise's word for its timed part ("hold", "circle", "walk"), for the details."""
        return {ex.id: clean(ex.cue).lower() or "hold" for ex in foot_app(self).library.exercises.values()}

    async def action_back(self) -> None:
        await foot_app(self).action_switch_mode("routines")

    def action_delete(self) -> None:
        session = self._selected()
        if session is None:
            return

        def delete(confirmed: bool | None) -> None:
            if not confirmed:
                return
            store = foot_app(self).store
            if store is None:
                return
            try:
                store.delete(session["id"])
            except StoreError as exc:
                self.app.notify(clean(str(exc)), severity="error", timeout=10)
                return
            foot_app(self).load_history()
            self.populate()
            self.app.notify("Session deleted")

        when = _when(session["started_at"])
        question = ConfirmScreen(f"Delete the session of {when}?", "This cannot be undone.", default=False)
        self.app.push_screen(question, delete)

    def action_export(self) -> None:
        if self.app.is_web:  # `footui serve`: the file belongs on the browser's machine, as a download
            self._deliver_csv()
            return
        self._ask_export_path(str(Path.home() / "footui-history.csv"))

    def _ask_export_path(self, typed: str, problem: str = "") -> None:
        """Ask where to export; on any problem ask again with what was typed and why it did not work."""
        self.app.push_screen(PathScreen("Export the history as CSV to:", typed, problem), self._export_to)

    def _export_to(self, typed: str | None, *, replace: bool = False) -> None:
        from footui.cli.history import write_csv_file
        from footui.history.export import ExportError

        if not typed:
            return
        sessions = foot_app(self).sessions
        try:
            target = write_csv_file(sessions, Path(typed).expanduser(), force=replace)
        except ExportError as exc:
            if exc.exists and not replace:

                def answer(yes: bool | None) -> None:
                    if yes:
                        self._export_to(typed, replace=True)
                    else:
                        self._ask_export_path(typed)

                question = f"Replace {clean(typed)}?"
                self.app.push_screen(ConfirmScreen(question, "It already exists.", default=False), answer)
            else:
                self._ask_export_path(typed, str(exc))
            return
        self.app.notify(f"Exported {plural(len(sessions), 'session')} to {clean(str(target))}", markup=False)

    def _deliver_csv(self) -> None:
        import io

        from footui.cli.history import write_csv

        sessions = foot_app(self).sessions
        buffer = io.StringIO()
        write_csv(sessions[::-1], buffer)  # newest first, as `footui history --format csv`
        buffer.seek(0)
        self.app.deliver_text(buffer, save_filename="footui-history.csv", mime_type="text/csv", encoding="utf-8")
        self.app.notify(f"Exporting {len(sessions)} sessions: your browser downloads footui-history.csv")


class SessionDetailScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,enter,q", "close", "Close")]

    def __init__(self, session: dict, names: dict[str, str], cues: dict[str, str] | None = None) -> None:
        super().__init__(classes="dialog")
        self.session = session
        self.names = names
        self.cues = cues or {}

    def detail_lines(self) -> list[str]:
        s = self.session
        lines = [
            f"{_when(s['started_at'])} · {_duration(s)} · {s['status']}",
            f"Pain before {_pain(s.get('pain_before'))} · after {_pain(s.get('pain_after'))}",
            "",
        ]
        for item in s["exercises"]:
            name = clean(self.names.get(item["exercise_id"], item["exercise_id"]))
            side = f" ({item['side']} foot)" if item.get("side") else ""
            cue = self.cues.get(item["exercise_id"], "hold")
            lines.append(
                f"{pad(truncate(name + side, 34), 34)} {item['sets_done']:>3} / {plural(item['sets_planned'], 'set')}"
                f"  ({item['hold_s']:g} s {cue}, {item['rest_s']:g} s rest)"
            )
        if s.get("note"):
            lines += ["", "Note: " + clean(s["note"])]
        return lines

    def compose(self) -> ComposeResult:
        s = self.session
        lines = self.detail_lines()
        with Vertical(classes="dialog-box wide"):
            yield Static(Content(clean(s.get("routine_name", ""))), classes="dialog-title")
            with VerticalScroll():
                yield Static(Content("\n".join(lines)))
            yield Static(Content("escape closes"), classes="dialog-keys")
        yield Footer()

    def action_close(self) -> None:
        self.dismiss(None)
