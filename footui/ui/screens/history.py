"""The history: a heatmap of the last weeks, streaks, today's targets, the pain trend, and every session."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Footer, Static

from footui.history import stats
from footui.history.store import StoreError
from footui.text import formatting
from footui.text.cleaning import clean
from footui.ui.app_access import foot_app
from footui.ui.screens.dialogs import ConfirmScreen, PathScreen

WEEKS = 13
MAX_ROWS = 200  # the newest sessions; `footui history` prints them all, and the table stays quick to open
SHADES = ((0.0, "·"), (0.34, "░"), (0.67, "▒"), (0.99, "▓"), (1.0, "█"))
DAY_NAMES = "MTWTFSS"


def shade(ratio: float | None) -> str:
    if ratio is None:
        return " "
    for limit, char in SHADES:
        if ratio <= limit:
            return char
    return SHADES[-1][1]


def heatmap_text(grid: stats.Heatmap) -> str:
    rows = []
    for day in range(7):
        rows.append(DAY_NAMES[day] + " " + "".join(shade(week[day]) for week in grid.weeks))
    rows.append("· none ░▒▓ some")
    rows.append("█ every target")
    return "\n".join(rows)


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
    return f"{count} day" if count == 1 else f"{count} days"


def _pain_pair(before: int | None, after: int | None) -> str:
    if before is None:
        return _pain(after)
    return f"{before}→{_pain(after)}"


class HistoryScreen(Screen[None]):
    BINDINGS = [
        Binding("enter", "open", "Details"),
        Binding("d", "delete", "Delete"),
        Binding("e", "export", "Export CSV"),
    ]

    _shown: list[dict] | None = None

    def compose(self) -> ComposeResult:
        with Horizontal(id="history-top"):
            yield Static(id="heatmap")
            yield Static(id="history-stats")
        yield Static(id="history-notice")  # repairs of history.json, naming the side file, until footui restarts
        yield DataTable(id="sessions", cursor_type="row", zebra_stripes=False)
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
        streak = stats.streaks((), targets, today, days=days)
        trend = stats.pain_trend(sessions, today)
        grid = stats.heatmap((), targets, WEEKS, today, days=days)
        self.query_one("#heatmap", Static).update(Content(heatmap_text(grid)))
        lines = [
            app.today_line(),
            f"Streak, every target met: {_days(streak.current_targets)} (longest {streak.longest_targets})",
            f"Streak, any session: {_days(streak.current_active)} (longest {streak.longest_active})",
            f"Sessions in all: {len(sessions)}"
            + (f" (the table shows the newest {MAX_ROWS})" if len(sessions) > MAX_ROWS else ""),
            "Pain after, last 30 days: " + self._trend_text(trend),
        ]
        self.query_one("#history-stats", Static).update(Content("\n".join(lines)))
        table = self.query_one("#sessions", DataTable)
        table.clear()
        newest = sessions[::-1][:MAX_ROWS]
        table.add_rows(
            # A str cell is parsed as markup ("[/]" in a name would crash the table): names go in as Text.
            (
                _when(s["started_at"]),
                Text(clean(s.get("routine_name", s.get("routine_id", "")))[:24]),
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

    @staticmethod
    def _trend_text(trend: stats.PainTrend) -> str:
        if trend.scores == 0:
            return "no scores yet"
        if trend.change is None:
            return f"{trend.scores} score{'' if trend.scores == 1 else 's'}, not enough for a trend"
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
            self.app.push_screen(SessionDetailScreen(session, foot_app(self).library.names()))

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
        self.app.push_screen(ConfirmScreen(f"Delete the session of {when}?", "This cannot be undone."), delete)

    def action_export(self) -> None:
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
                self.app.push_screen(ConfirmScreen(question, "It already exists."), answer)
            else:
                self._ask_export_path(typed, str(exc))
            return
        self.app.notify(f"Exported {len(sessions)} sessions to {clean(str(target))}", markup=False)


class SessionDetailScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,enter,q", "close", "Close")]

    def __init__(self, session: dict, names: dict[str, str]) -> None:
        super().__init__(classes="dialog")
        self.session = session
        self.names = names

    def compose(self) -> ComposeResult:
        s = self.session
        lines = [
            f"{_when(s['started_at'])} · {_duration(s)} · {s['status']}",
            f"Pain before {_pain(s.get('pain_before'))} · after {_pain(s.get('pain_after'))}",
            "",
        ]
        for item in s["exercises"]:
            name = clean(self.names.get(item["exercise_id"], item["exercise_id"]))
            side = f" ({item['side']} foot)" if item.get("side") else ""
            lines.append(
                f"{name + side:<34} {item['sets_done']:>3} / {item['sets_planned']} sets"
                f"  ({item['hold_s']:g} s hold, {item['rest_s']:g} s rest)"
            )
        if s.get("note"):
            lines += ["", "Note: " + clean(s["note"])]
        with Vertical(classes="dialog-box wide"):
            yield Static(Content(clean(s.get("routine_name", ""))), classes="dialog-title")
            with VerticalScroll():
                yield Static(Content("\n".join(lines)))
            yield Static(Content("escape closes"), classes="dialog-keys")

    def action_close(self) -> None:
        self.dismiss(None)
