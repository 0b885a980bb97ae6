"""`footui serve [--host 127.0.0.1] [--port 8000]`: the full app in a web browser, through textual-serve (the
optional `web` extra). Each browser tab runs its own `footui run` under Textual's web driver. No Textual here.

There is no authentication: anyone who can open the page uses this footui and its history. It binds to the
local host by default; reaching it from elsewhere is for `ssh -L` (README), and another host gets a warning.
"""

from __future__ import annotations

import argparse
import errno
import shlex
import socket
import sys
from pathlib import Path
from typing import Any

LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
# The page footui ships: textual-serve's own, without its web-font link, so it needs nothing from the internet.
PAGE_TEMPLATES = Path(__file__).resolve().parent.parent / "web"


def register(commands: Any) -> None:
    serve = commands.add_parser("serve", help="serve the app to a web browser (needs pip install 'footui[web]')")
    serve.add_argument("--host", default="127.0.0.1", help="the address to listen on (default: 127.0.0.1)")
    serve.add_argument("--port", type=int, default=8000, help="the port to listen on (default: 8000)")
    serve.set_defaults(func=cmd_serve)


def app_command() -> str:
    """What each browser session runs: this same footui, with the same Python."""
    return f"{shlex.quote(sys.executable)} -m footui run"


def cmd_serve(args: argparse.Namespace) -> int:
    try:
        from textual_serve.server import Server
    except ImportError:
        print(
            "footui: serve needs textual-serve: pip install 'footui[web]', or pip install '.[web]' from a checkout",
            file=sys.stderr,
        )
        return 2
    if not 0 < args.port < 65536:
        print(f"footui: --port must be 1..65535, not {args.port}", file=sys.stderr)
        return 2
    # textual-serve (aiohttp) would show a bad host or a taken port as a traceback: try the address first.
    problem = address_problem(args.host, args.port)
    if problem is not None:
        code, line = problem
        print(f"footui: {line}", file=sys.stderr)
        return code
    if args.host not in LOCAL_HOSTS:
        print(
            f"footui: warning: serving on {args.host}:{args.port} with no authentication: anyone who can reach "
            "it can use footui and see your history; prefer the default 127.0.0.1 and `ssh -L` (see README)",
            file=sys.stderr,
        )
    server = Server(app_command(), host=args.host, port=args.port, title="footui", templates_path=PAGE_TEMPLATES)
    try:
        server.serve()
    except OSError as exc:  # taken between the check and textual-serve's own bind
        code, line = explain(exc, args.host, args.port)
        print(f"footui: {line}", file=sys.stderr)
        return code
    return 0


def address_problem(host: str, port: int) -> tuple[int, str] | None:
    """(exit status, one line) when footui cannot listen on host:port, else None."""
    error = bind_error(host, port)
    return None if error is None else explain(error, host, port)


def bind_error(host: str, port: int) -> OSError | None:
    """Bind as aiohttp does (SO_REUSEADDR) to every address the host resolves to, then let go."""
    try:
        addresses = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
        for family, kind, proto, _name, address in addresses:
            with socket.socket(family, kind, proto) as probe:
                probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
                probe.bind(address)
    except OSError as exc:
        return exc
    return None


def explain(exc: OSError, host: str, port: int) -> tuple[int, str]:
    """A socket error as (exit status, one line): 2 for a bad --host, 1 for a port that cannot be had now."""
    from footui.text.cleaning import clean

    shown = clean(host)
    if isinstance(exc, socket.gaierror) or exc.errno == errno.EADDRNOTAVAIL:
        return 2, f"--host {shown} is not a name or address this computer can listen on"
    if exc.errno == errno.EADDRINUSE:
        return 1, f"port {port} is in use; try --port {free_port_after(host, port)}"
    if exc.errno == errno.EACCES:
        return 1, f"port {port} needs more privileges; try --port 8000 or above"
    return 1, f"cannot serve on {shown}:{port}: {clean(exc.strerror or str(exc))}"


def free_port_after(host: str, port: int) -> int:
    """The first of the next hundred ports that is free now (a suggestion; it may be taken by the time it is used)."""
    for candidate in range(port + 1, min(port + 101, 65536)):
        if bind_error(host, candidate) is None:
            return candidate
    return 8100 if port != 8100 else 8200
