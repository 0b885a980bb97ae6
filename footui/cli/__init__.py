"""The command line: argument parsing and each print-only command (no Textual on those paths)."""

from footui.cli.main import main

__all__ = ["main"]
