"""Matching schema paths against a publisher's tables of what it handles and leaves out.

A key is a dotted path (``purposes[].legal_bases``) or a pattern ``**.<tail>`` that matches
that tail at any depth. Leaving a path out leaves out everything under it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypeVar

T = TypeVar("T")


def lookup(table: Mapping[str, T], path: str) -> T | None:
    """The entry of ``path``: its own, else the first ``**.`` pattern it ends with."""
    if path in table:
        return table[path]
    return next((v for p, v in table.items() if p.startswith("**.") and path.endswith(p[2:])), None)


def left_out(table: Mapping[str, str], path: str) -> str | None:
    """Why ``path`` (or a path it lies under) is left out, or None."""
    parts = path.replace("[]", "").split(".")
    for n in range(len(parts), 0, -1):
        prefix = path if n == len(parts) else _prefix(path, n)
        reason = lookup(table, prefix)
        if reason is not None:
            return reason
    return None


def _prefix(path: str, n: int) -> str:
    """The first ``n`` property names of ``path``, with their list markers."""
    pieces = path.split(".")
    return ".".join(pieces[:n]).removesuffix("[]")
