"""Build hooks (hatchling): how the `footui` command is installed.

On Linux and macOS the command is footui/__main__.py itself, installed as a script whose `#!python` line the
installer points at the Python footui went into: the launcher pip writes for an entry point imports `re` first,
a third of the time a prompt's cached `footui today` takes. Windows starts commands through an .exe, which pip
makes only for an entry point, so a wheel built there declares the usual entry point instead.
"""

from __future__ import annotations

import os
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface
from hatchling.metadata.plugin.interface import MetadataHookInterface

ENTRY_POINT = {"footui": "footui.cli.main:main"}
SCRIPT = {"footui/__main__.py": "footui"}


def windows() -> bool:
    return os.name == "nt"


class FootuiMetadataHook(MetadataHookInterface):
    def update(self, metadata: dict[str, Any]) -> None:
        metadata["scripts"] = dict(ENTRY_POINT) if windows() else {}


class FootuiBuildHook(BuildHookInterface):
    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name == "wheel" and not windows():
            build_data["shared_scripts"].update(SCRIPT)
