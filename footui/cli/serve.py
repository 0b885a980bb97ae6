"""`footui serve [--host 127.0.0.1] [--port 8000]`: the full app in a web browser, through textual-serve (the
optional `web` extra). Each browser tab runs its own `footui run` under Textual's web driver. No Textual here.

There is no authentication: anyone who can open the page uses this footui and its history. It binds to the
local host by default; reaching it from elsewhere is for `ssh -L` (README), and another host gets a warning.
"""

from __future__ import annotations

import argparse
import shlex
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
        print("footui: serve needs textual-serve: pip install 'footui[web]'", file=sys.stderr)
        return 2
    if not 0 < args.port < 65536:
        print(f"footui: --port must be 1..65535, not {args.port}", file=sys.stderr)
        return 2
    if args.host not in LOCAL_HOSTS:
        print(
            f"footui: warning: serving on {args.host}:{args.port} with no authentication: anyone who can reach "
            "it can use footui and see your history; prefer the default 127.0.0.1 and `ssh -L` (see README)",
            file=sys.stderr,
        )
    server = Server(app_command(), host=args.host, port=args.port, title="footui", templates_path=PAGE_TEMPLATES)
    server.serve()
    return 0
