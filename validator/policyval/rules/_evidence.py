"""Finding the source text a policy cites, and its quotes."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from policyval.findings import JsonPath
from policyval.rules.base import Context

SOURCE: JsonPath = ("policy", "source_text")
_SPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def source_path(ctx: Context) -> tuple[str, Path | None] | None:
    """The cited source (as written, and where it was found), or None when the policy cites none.

    A relative path is resolved from the nearest ancestor directory of the policy file that
    contains it, so ``seeds/x.txt`` works from ``policies/`` as from the repository root.
    """
    cited = ctx.mapping("policy").get("source_text")
    if not isinstance(cited, str) or not cited.strip():
        return None
    given = Path(cited)
    if given.is_absolute():
        return cited, given if given.is_file() else None
    for folder in Path(ctx.file).resolve().parents:
        if (folder / given).is_file():
            return cited, folder / given
    return cited, None


def quotes(node: Any, path: JsonPath = ()) -> Iterator[tuple[JsonPath, str]]:
    """Every evidence quote in the document, in document order, with its path."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "evidence" and isinstance(value, list):
                yield from (((*path, key, i), q) for i, q in enumerate(value) if isinstance(q, str))
            else:
                yield from quotes(value, (*path, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from quotes(value, (*path, i))


def matched_prefix(quote: str, text: str) -> str:
    """The longest start of ``quote`` that occurs in ``text`` (both normalised), by bisection:
    if a prefix occurs, every shorter one does too."""
    low, high = 0, len(quote)
    while low < high:
        mid = (low + high + 1) // 2
        if quote[:mid] in text:
            low = mid
        else:
            high = mid - 1
    return quote[:low]
