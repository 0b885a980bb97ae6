"""Counts in words that read right: "1 session", "2 sessions"."""

from __future__ import annotations


def plural(count: int, noun: str, plural_noun: str | None = None) -> str:
    """`count` and `noun`, with the noun's plural (default: noun + "s") unless the count is exactly one."""
    return f"{count} {noun if count == 1 else plural_noun or noun + 's'}"
