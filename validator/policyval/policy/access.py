"""Reading policy data tolerantly: the one copy of the small safe-read helpers.

Rules see schema-valid data, but diff, render and report also read documents that may have
schema errors, so every accessor answers with an empty value instead of raising on a wrong
type. Each returns plain data (no copies of the mappings it finds).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any


def mapping(data: Any, key: str) -> dict[str, Any]:
    """``data[key]`` when it is a mapping, else an empty one."""
    value = data.get(key) if isinstance(data, dict) else None
    return value if isinstance(value, dict) else {}


def items(data: Any, key: str) -> list[dict[str, Any]]:
    """The mappings in the list ``data[key]`` (other items are skipped)."""
    value = data.get(key) if isinstance(data, dict) else None
    return [x for x in value if isinstance(x, dict)] if isinstance(value, list) else []


def indexed(data: Any, key: str) -> list[tuple[int, dict[str, Any]]]:
    """The mappings in the list ``data[key]`` with their indexes, for JSON paths."""
    value = data.get(key) if isinstance(data, dict) else None
    return [(i, x) for i, x in enumerate(value) if isinstance(x, dict)] if isinstance(value, list) else []


def strings(data: Any, key: str) -> list[str]:
    """The list ``data[key]`` as strings (empty when it is not a list)."""
    value = data.get(key) if isinstance(data, dict) else None
    return [str(x) for x in value] if isinstance(value, list) else []


def text(data: Any, key: str) -> str | None:
    """``data[key]`` as a string, or None when it is not set."""
    value = data.get(key) if isinstance(data, dict) else None
    return None if value is None else str(value)


def by_id(entries: Iterable[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Entries by their ``id`` (the first of each id wins, as references resolve)."""
    out: dict[str, dict[str, Any]] = {}
    for entry in entries:
        ident = entry.get("id")
        if isinstance(ident, str) and ident not in out:
            out[ident] = entry
    return out
