"""Finding the source text a policy cites, and its quotes.

A source text is confined to the policy's repository: the nearest folder above the policy
file that holds ``.git``, else the folder of the configuration file that governs it, else
the policy's own folder. The cited path is resolved (``..`` and symlinks) before anything
is opened, and a path that leads outside is a finding, never a read: a policy in a pull
request must not make a CI runner read ``/proc/self/environ`` or ``~/.ssh`` and leak it
through the "it matches only up to ..." hint.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from policyval.findings import JsonPath
from policyval.rules.base import Context

SOURCE: JsonPath = ("policy", "source_text")
_SPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


@dataclass(frozen=True)
class Located:
    """Where a cited source text is: ``path`` inside the repository, or the ``problem``."""

    cited: str
    path: Path | None = None
    problem: str = ""


def repository(policy: Path, config_root: Path | None) -> Path:
    """The folder a policy's source texts must lie in (see the module docstring)."""
    here = policy.parent
    for folder in (here, *here.parents):
        if (folder / ".git").exists():
            return folder
    return Path(os.path.realpath(config_root)) if config_root is not None else here


def _inside(path: str, root: Path) -> bool:
    return path == str(root) or path.startswith(str(root).rstrip(os.sep) + os.sep)


def _candidates(given: Path, policy: Path, root: Path) -> list[str]:
    """Where ``given`` may be, nearest first: the policy's folder and each folder above it,
    up to the repository root."""
    if given.is_absolute():
        return [str(given)]
    folders = [policy.parent, *policy.parent.parents]
    # When the configuration that governs it lies elsewhere (--config), only its folder.
    folders = folders[: folders.index(root) + 1] if root in folders else [root]
    return [os.path.join(folder, given) for folder in folders]


def _outside(cited: str) -> Located:
    message = (
        f"source text '{cited}' is outside this policy's repository, so it is not read; cite a file "
        "inside the repository (the nearest folder above the policy that holds .git, or the folder of "
        "its configuration file), relative to its root"
    )
    return Located(cited, None, message)


def locate(ctx: Context) -> Located | None:
    """The cited source, found inside the repository, or why not; None when the policy cites none.

    A relative path is resolved from the nearest ancestor folder of the policy file that
    contains it, so ``seeds/x.txt`` works from ``policies/`` as from the repository root.
    """
    cited = ctx.mapping("policy").get("source_text")
    if not isinstance(cited, str) or not cited.strip():
        return None
    policy = Path(os.path.realpath(ctx.file))
    root = repository(policy, ctx.sources.config_root)
    went_out = False
    for candidate in _candidates(Path(cited), policy, root):
        real = os.path.realpath(candidate)
        if not _inside(real, root):
            # A link inside the repository that leads out is refused as such; a path that is
            # outside by its very spelling is never even looked at.
            lexical = os.path.normpath(candidate)
            if _inside(lexical, root) and os.path.lexists(lexical):
                return _outside(cited)
            went_out = True
        elif os.path.exists(real):
            return Located(cited, Path(real))
    if went_out:
        return _outside(cited)
    message = (
        f"source text '{cited}' is not found next to this policy or in any folder above it; "
        "correct the path (relative to the repository root) or add the file"
    )
    return Located(cited, None, message)


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
    """The longest start of ``quote`` that occurs in ``text`` (both normalised).

    One pass over ``text``: each search starts after the previous hit, and a hit is extended
    as far as it goes, so the scan is linear in the text (plus the quote's length squared),
    however long the text and however many quotes miss.
    """
    best, at = 0, 0
    while best < len(quote):
        at = text.find(quote[: best + 1], at)
        if at < 0:
            break
        best = _common(quote, text, at, best + 1)
        at += 1
    return quote[:best]


def _common(quote: str, text: str, at: int, known: int) -> int:
    """How far ``quote`` agrees with ``text`` from ``at``, given its first ``known`` characters do."""
    n = known
    limit = min(len(quote), len(text) - at)
    while n < limit and quote[n] == text[at + n]:
        n += 1
    return n
