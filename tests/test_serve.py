"""`footui serve`: the one line without the web extra, the warning off localhost, and a page with nothing remote."""

from __future__ import annotations

import errno
import re
import socket
import sys
from pathlib import Path

import pytest

from footui.cli import serve
from footui.cli.main import main


class FakeServer:
    made: list[dict] = []

    def __init__(self, command: str, **options: object) -> None:
        FakeServer.made.append({"command": command, **options})

    def serve(self) -> None:
        pass


@pytest.fixture
def fake_server(monkeypatch: pytest.MonkeyPatch) -> list[dict]:
    import textual_serve.server

    FakeServer.made = []
    monkeypatch.setattr(textual_serve.server, "Server", FakeServer)
    return FakeServer.made


def test_without_the_extra_one_line_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "textual_serve", None)  # as if it were not installed
    monkeypatch.setitem(sys.modules, "textual_serve.server", None)
    assert main(["serve"]) == 2
    err = capsys.readouterr().err
    assert err == (
        "footui: serve needs textual-serve: pip install 'footui[web]', or pip install '.[web]' from a checkout\n"
    )


def test_localhost_by_default_and_no_warning(fake_server: list[dict], capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("textual_serve")
    assert main(["serve"]) == 0
    [made] = fake_server
    assert (made["host"], made["port"]) == ("127.0.0.1", 8000)
    assert made["command"].endswith("-m footui run")
    assert Path(made["templates_path"]) == serve.PAGE_TEMPLATES
    assert capsys.readouterr().err == ""


def test_another_host_warns_there_is_no_authentication(
    fake_server: list[dict], capsys: pytest.CaptureFixture[str]
) -> None:
    pytest.importorskip("textual_serve")
    assert main(["serve", "--host", "0.0.0.0", "--port", "8123"]) == 0
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1
    assert "no authentication" in err and "ssh -L" in err
    assert (fake_server[0]["host"], fake_server[0]["port"]) == ("0.0.0.0", 8123)


def test_a_port_in_use_is_one_line_and_exit_1(fake_server: list[dict], capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("textual_serve")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert main(["serve", "--port", str(port)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"footui: port {port} is in use; try --port ")
    assert len(err.splitlines()) == 1 and "Traceback" not in err
    assert fake_server == []  # no server started


def test_a_host_that_does_not_resolve_is_a_bad_argument(
    fake_server: list[dict], capsys: pytest.CaptureFixture[str]
) -> None:
    pytest.importorskip("textual_serve")
    assert main(["serve", "--host", "nosuchhost.invalid"]) == 2
    err = capsys.readouterr().err
    assert err == "footui: --host nosuchhost.invalid is not a name or address this computer can listen on\n"
    assert fake_server == []


def test_an_error_when_the_server_binds_is_one_line_too(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The port may be taken between footui's check and textual-serve's own bind."""
    textual_serve_server = pytest.importorskip("textual_serve.server")

    class Late(FakeServer):
        def serve(self) -> None:
            raise OSError(errno.EADDRINUSE, "address already in use")

    monkeypatch.setattr(textual_serve_server, "Server", Late)
    assert main(["serve", "--port", "8999"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("footui: port 8999 is in use; try --port ") and len(err.splitlines()) == 1


def test_the_page_needs_nothing_from_the_internet() -> None:
    page = (serve.PAGE_TEMPLATES / "app_index.html").read_text(encoding="utf-8")
    assert "fonts.googleapis" not in page
    remote = [url for url in re.findall(r"(?:href|src)=\"(https?://[^\"]+)", page)]
    assert remote == []
    assert "{{ app_websocket_url }}" in page  # still textual-serve's page otherwise
    assert re.search(r"<title>footui</title>", page)  # the browser tab says what it is
