"""Typed access to the running FootApp from a screen or widget (Textual types `node.app` as `App[Any]`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:
    from textual.dom import DOMNode

    from footui.ui.app import FootApp


def foot_app(node: DOMNode) -> FootApp:
    return cast("FootApp", node.app)
