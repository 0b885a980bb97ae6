"""The routine list's start-up (benchmarks/README.md, "Start-up: where the time goes"): what it does not import
before its first frame, the footer drawn by one widget (QuickFooter) that draws and answers like Textual's, and
the detail text that renders only the lines in view (DetailText) but scrolls and copies like a Static."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from textual import events
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer
from ui_helpers import make_app, screen_text

from footui.content.routines import load_library
from footui.ui.screens.routines import RoutinesScreen
from footui.ui.widgets.detail import DetailText
from footui.ui.widgets.footer import QuickFooter

SESSION_AND_CUES = ("footui.cues", "footui.session.engine", "footui.session.plan", "footui.session.runner")


def test_footui_alone_builds_no_parser() -> None:
    """`footui` with no arguments goes straight to the routine list (here: refused, there is no terminal)."""
    code = "import sys; from footui.cli.main import main; code = main([]); print(code, 'argparse' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL
    )
    assert "needs a terminal" in result.stderr
    assert result.stdout.strip() == "2 False"


def test_the_routine_list_does_not_import_the_session_or_the_cues(tmp_path: Path) -> None:
    """The app is made and its first screen composed without the session's engine and plan or the coach."""
    code = (
        "import asyncio, sys\n"
        "from pathlib import Path\n"
        "from footui.config.settings import Settings\n"
        "from footui.content.routines import load_library\n"
        "from footui.history.store import HistoryStore\n"
        "from footui.ui.app import FootApp\n"
        f"tmp = Path({str(tmp_path)!r})\n"
        "app = FootApp(load_library(tmp / 'none.toml'), HistoryStore(tmp / 'data'), Settings(seen_health_note=True),\n"
        "              persist_settings=False, environ={}, find_voice=lambda: None)\n"
        "async def first_frame():\n"
        "    async with app.run_test(size=(80, 24)) as pilot:\n"
        "        await pilot.pause()\n"
        "        print(type(app.screen).__name__)\n"
        "asyncio.run(first_frame())\n"
        f"print(sorted(m for m in sys.modules if m.startswith({SESSION_AND_CUES!r})))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["RoutinesScreen", "[]"]


async def test_the_coach_is_there_when_asked_for(tmp_path: Path) -> None:
    app, _ = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")  # a session: the coach speaks (here: no voice, no command)
        await pilot.pause()
        assert app.coach is app.coach and app.coach.voice_state() == "voice: no engine found"


# --- the footer --------------------------------------------------------------------------------------------------
class KeysScreen(Screen[None]):
    BINDINGS = [
        Binding("a", "alpha", "Alpha"),
        Binding("b", "beta", "Beta"),
        Binding("g", "gamma", "Gamma"),
        Binding("x", "hidden", "Hidden", show=False),
    ]
    beta: bool | None = True  # None: shown, greyed out (Textual's check_action)
    gamma = False  # False: not shown

    def __init__(self) -> None:
        super().__init__()
        self.pressed: list[str] = []

    def compose(self) -> ComposeResult:
        yield QuickFooter() if self.app.quick else Footer()  # type: ignore[attr-defined]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return {"beta": self.beta, "gamma": self.gamma}.get(action, True)

    def grey_out_beta_and_show_gamma(self) -> None:
        self.beta, self.gamma = None, True
        self.refresh_bindings()

    def action_alpha(self) -> None:
        self.pressed.append("alpha")

    def action_beta(self) -> None:
        self.pressed.append("beta")

    def action_gamma(self) -> None:
        self.pressed.append("gamma")


class KeysApp(App[None]):
    def __init__(self, quick: bool = True) -> None:
        super().__init__()
        self.bells = 0
        self.quick = quick  # False: Textual's own Footer

    def get_default_screen(self) -> Screen:
        return KeysScreen()

    def bell(self) -> None:
        self.bells += 1


def footer_line(app: App) -> str:
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips()).splitlines()[-1]


def cells(app: App) -> list[tuple[str, object]]:
    """The footer row, cell by cell: each character and its style."""
    strip = app.screen._compositor.render_strips()[-1]
    looks = ("color", "bgcolor", "bold", "dim", "italic", "underline", "reverse")

    def look(char: str, style: object) -> tuple:
        seen = [getattr(style, name) for name in looks]
        return (char, None if char == " " else seen[0], *seen[1:])  # a space shows no foreground

    return [look(char, seg.style) for seg in strip for char in seg.text]


async def test_the_footer_draws_what_textual_footer_draws() -> None:
    """The same characters in the same colours as Footer, greyed-out and hidden keys and the pointer included."""
    drawn = []
    for quick in (True, False):
        app = KeysApp(quick)
        async with app.run_test(size=(60, 5)) as pilot:
            assert isinstance(app.screen, KeysScreen)
            app.screen.grey_out_beta_and_show_gamma()
            await pilot.pause()
            await pilot.pause()
            drawn.append(cells(app))
            await pilot.hover(QuickFooter if quick else Footer, offset=(footer_line(app).index("Alpha"), 0))
            await pilot.pause()
            drawn.append(cells(app))
    assert drawn[0] == drawn[2] and drawn[1] == drawn[3] and drawn[0] != drawn[1]


async def test_the_footer_shows_the_keys_and_a_click_presses_one() -> None:
    app = KeysApp()
    async with app.run_test(size=(60, 5)) as pilot:
        await pilot.pause()
        line = footer_line(app)
        assert line.startswith(" a Alpha  b Beta  ") and line.endswith("▏^p palette ")
        assert "Gamma" not in line and "Hidden" not in line
        await pilot.click(QuickFooter, offset=(line.index("Beta"), 0))
        await pilot.click(QuickFooter, offset=(line.index("Alpha"), 0))
        assert app.screen.pressed == ["beta", "alpha"]  # type: ignore[attr-defined]


async def test_the_footer_follows_the_keys_and_rings_for_a_greyed_out_one() -> None:
    app = KeysApp()
    async with app.run_test(size=(60, 5)) as pilot:
        screen = app.screen
        assert isinstance(screen, KeysScreen)
        screen.grey_out_beta_and_show_gamma()
        await pilot.pause()
        line = footer_line(app)
        assert line.startswith(" a Alpha  b Beta  g Gamma  ")
        await pilot.click(QuickFooter, offset=(line.index("Beta"), 0))
        await pilot.click(QuickFooter, offset=(line.index("Gamma"), 0))
        assert screen.pressed == ["gamma"] and app.bells == 1


async def test_the_key_under_the_pointer_is_highlighted() -> None:
    app = KeysApp()
    async with app.run_test(size=(60, 5)) as pilot:
        await pilot.pause()
        column = footer_line(app).index("Alpha")

        def background_at(x: int) -> object:
            strip = app.screen._compositor.render_strips()[-1]
            cells = [seg for seg in strip for _ in range(len(seg.text))]
            return cells[x].style.bgcolor if cells[x].style else None

        before = background_at(column)
        await pilot.hover(QuickFooter, offset=(column, 0))
        await pilot.pause()
        assert background_at(column) != before
        assert background_at(footer_line(app).index("Beta")) == before  # only the key under the pointer


async def test_the_wheel_shows_the_keys_that_do_not_fit(tmp_path: Path) -> None:
    app, _ = make_app(tmp_path)
    async with app.run_test(size=(66, 24)) as pilot:  # at 80 columns every key fits
        await pilot.pause()
        assert isinstance(app.screen, RoutinesScreen)
        last = screen_text(app).splitlines()[-1]
        assert last.startswith(" ⏎ Start  i Health note  e Edit") and "h Hi▏^p palette" in last
        footer = app.screen.query_one(QuickFooter)
        for _ in range(6):  # the wheel, over the footer
            footer.post_message(events.MouseScrollDown(footer, 10, 0, 0, 1, 0, False, False, False))
        await pilot.pause()
        assert "h History ▏^p palette" in screen_text(app).splitlines()[-1]


# --- the detail pane -------------------------------------------------------------------------------------------
async def test_the_detail_pane_scrolls_to_its_last_line(tmp_path: Path) -> None:
    app, _ = make_app(tmp_path, load_library())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        last = app.screen.query_one(DetailText).text.splitlines()[-1]  # the last exercise's source, wrapped
        assert "1. Toe press" in screen_text(app) and last[:30] not in screen_text(app)
        await pilot.click("#routine-detail")
        await pilot.press("pagedown")
        await pilot.pause()
        assert "1. Toe press" not in screen_text(app)
        await pilot.press("end")
        await pilot.pause()
        rows = screen_text(app).splitlines()
        assert last[:30] in screen_text(app)
        assert rows[-4].rstrip(" │").endswith(last[-20:])  # its end, just above the pane's bottom border


async def test_text_selected_in_the_detail_pane_is_copied_unwrapped(tmp_path: Path) -> None:
    app, _ = make_app(tmp_path, load_library())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        rows = screen_text(app).splitlines()
        assert "needs a bedpost" in rows[4] and "and a pencil" in rows[5]  # wrapped on screen
        await pilot.mouse_down("#routine-detail", offset=(2, 1))
        await pilot.hover("#routine-detail", offset=(12, 4))
        await pilot.mouse_up("#routine-detail", offset=(12, 4))
        await pilot.pause()
        unwrapped = "9 min 12 s · 5 exercises · needs a bedpost and a pencil and an exercise band"
        assert app.screen.get_selected_text() == f"Back-pain relief\n{unwrapped}\nAll five ex"


# --- the stylesheet in two parts ---------------------------------------------------------------------------------
BROKEN = 'id = "broken"\n[[routine]]\nid = "nope"\nname = "Nope"\nexercises = ["missing"]\n'


async def test_the_other_screens_rules_wait_and_apply_to_nothing_on_the_routine_list(tmp_path: Path) -> None:
    """The routine list is drawn without the rules below the marker in footui.tcss; none of them would change it
    (every node checked, with the problems box, the resume line, a notification and the footer's tooltip)."""
    from test_ui_resume import dropped_session
    from textual.css.match import match
    from textual.css.stylesheet import Stylesheet
    from ui_helpers import QUICK_TOML, write_routines

    from footui.ui.stylesheet import STYLESHEET_PATH, parts

    dropped_session(tmp_path)
    library = load_library(write_routines(tmp_path / "lib", QUICK_TOML + "\n[[exercise]]\n" + BROKEN))
    assert library.problems
    app, _ = make_app(tmp_path, library)
    async with app.run_test(size=(80, 24), tooltips=True, notifications=True) as pilot:
        await pilot.pause()
        app.notify("a notification")
        await pilot.hover(QuickFooter, offset=(78, 0))
        await pilot.pause(0.6)  # the tooltip shows after a moment
        assert app._rest_of_stylesheet  # not given to Textual yet
        nodes = list(app.screen.walk_children(with_self=True))
        assert {"#problems", "#resume", "Toast", "Tooltip"} <= {f"#{n.id}" for n in nodes} | {
            type(n).__name__ for n in nodes
        }
        rest = Stylesheet(variables=app.get_css_variables())
        rest.add_source(parts(STYLESHEET_PATH.read_text(encoding="utf-8"))[1], read_from=("rest", ""))
        assert len(rest.rules) > 50
        assert [
            (rule.css.split("{")[0], node) for rule in rest.rules for node in nodes if match(rule.selector_set, node)
        ] == []
        await pilot.press("h")  # another screen: its rules arrive first
        await pilot.pause()
        assert not app._rest_of_stylesheet and app.screen.query_one("#sessions").styles.height is not None


def test_the_stylesheet_parts_keep_the_files_line_numbers() -> None:
    """Textual's messages about a rule in the second part give its line in footui.tcss."""
    from footui.ui.stylesheet import MARKER, STYLESHEET_PATH, parts

    text = STYLESHEET_PATH.read_text(encoding="utf-8")
    start, rest = parts(text)
    assert text.count(MARKER) == 1 and start + rest.lstrip("\n") == text
    assert rest.splitlines()[text[: text.index(MARKER)].count("\n")].startswith(MARKER)
