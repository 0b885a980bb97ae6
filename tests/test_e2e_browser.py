"""End to end in a real browser: `footui serve`, Debian's Chromium driven by Playwright (the system browser,
nothing downloaded), a short routine run with the keyboard, then history.json; and the CSV export arrives as a
browser download. Skips, saying why, where Chromium, Playwright or textual-serve is missing or cannot start."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from e2e_helpers import QUICK_PLANNED_S, QUICK_SETS, Dirs, clean_env, footui_path, sets_done

pytestmark = pytest.mark.e2e

CHROMIUM = "/usr/bin/chromium"
# As root in CI there is no sandbox; nothing may reach the network (no updates, no sync, no QUIC probes).
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_listening(port: int, server: subprocess.Popen, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise AssertionError(f"footui serve exited with {server.returncode}: {server.stderr.read()}")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=1):
            return
        time.sleep(0.1)
    raise AssertionError(f"footui serve never listened on port {port}")


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[str, Dirs]]:
    footui = footui_path()
    if footui is None:
        pytest.skip("the footui command is not installed on PATH (pip install .)")
    pytest.importorskip("textual_serve", reason="textual-serve is not installed (pip install '.[test]')")
    dirs = Dirs(tmp_path)
    port = _free_port()
    server = subprocess.Popen(
        [footui, "serve", "--port", str(port)],
        env=clean_env(**dirs.env),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group: the app processes it starts go with it
    )
    try:
        _wait_listening(port, server, timeout=20)
        yield f"http://127.0.0.1:{port}/", dirs
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait(timeout=10)


@pytest.fixture
def browser_page(tmp_path: Path) -> Iterator:
    if not os.access(CHROMIUM, os.X_OK):
        pytest.skip(f"Chromium cannot start: {CHROMIUM} is not installed (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install '.[test]')")
    with sync_api.sync_playwright() as playwright:
        try:
            context = playwright.chromium.launch_persistent_context(
                str(tmp_path / "chromium-profile"),  # a fresh --user-data-dir
                executable_path=CHROMIUM,
                headless=True,
                args=CHROMIUM_FLAGS,
                accept_downloads=True,
                viewport={"width": 1100, "height": 700},
            )
        except Exception as exc:  # noqa: BLE001 - any launch failure means: no browser here
            pytest.skip(f"Chromium cannot start here: {str(exc).splitlines()[0]}")
        try:
            yield context.new_page()
        finally:
            context.close()


class Frames:
    """Everything the app sent to the page over its websocket (the terminal itself is drawn on a canvas)."""

    def __init__(self, page) -> None:  # noqa: ANN001 - a Playwright Page
        self.data = ""
        self.page = page
        page.on("websocket", lambda ws: ws.on("framereceived", self._add))

    def _add(self, payload: str | bytes) -> None:
        self.data += payload.decode("utf-8", "replace") if isinstance(payload, bytes) else payload

    def wait_for(self, text: str, timeout: float, *, after: int = 0) -> None:
        """Until `text` arrives (in what came after offset `after`, when given)."""
        deadline = time.monotonic() + timeout
        while text not in self.data[after:]:
            if time.monotonic() > deadline:
                raise AssertionError(f"the page never showed {text!r} within {timeout} s: {self.data[-2000:]!r}")
            self.page.wait_for_timeout(100)  # (not time.sleep: Playwright delivers the frames while it waits)


def test_a_routine_run_in_chromium_reaches_the_history(served: tuple[str, Dirs], browser_page) -> None:
    url, dirs = served
    page = browser_page
    frames = Frames(page)
    page.goto(url)
    page.wait_for_function("document.body.classList.contains('-first-byte')", timeout=30_000)
    frames.wait_for("Quick check", timeout=30)  # the routine list is on screen
    assert page.title() == "footui"  # the browser tab says what it is
    page.focus(".xterm-helper-textarea")
    page.keyboard.press("End")  # the user's routine, the last in the list
    frames.wait_for("Source: your routines.toml", timeout=15)  # its details show: it is highlighted
    page.keyboard.press("Enter")
    frames.wait_for("GET READY", timeout=15)
    [session] = dirs.wait_sessions(lambda s: len(s) == 1, timeout=QUICK_PLANNED_S + 20)
    assert session["routine_id"] == "quick"
    assert session["status"] == "completed"
    assert sets_done(session) == QUICK_SETS

    # The history's CSV export becomes a download in the browser, not a file on the server.
    frames.wait_for("Session complete", timeout=10)
    mark = len(frames.data)
    page.keyboard.press("Escape")  # the summary: done (a key right after a lone escape would read as alt+key)
    frames.wait_for("Health note", timeout=15, after=mark)  # the routine list's footer
    page.keyboard.press("h")
    frames.wait_for("Pain/note", timeout=15)  # the history's footer
    with page.expect_download(timeout=20_000) as download:
        page.keyboard.press("e")
    assert download.value.suggested_filename == "footui-history.csv"
    csv = Path(download.value.path()).read_text(encoding="utf-8")
    assert "Quick check" in csv and session["id"] in csv
