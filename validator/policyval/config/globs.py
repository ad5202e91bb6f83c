"""gitignore-style globs (``per-file-ignores``), matched in polynomial time.

A glob is a configuration value, so it may be hostile: translated to a backtracking regular
expression (as pathspec does), ``*a*a*a*a*a*a*a*a*b`` takes time exponential in the length of
the path. Here a glob is split into path segments, ``**`` segments are matched by a walk over
the segments, and each segment by the classic greedy wildcard algorithm, which backtracks only
to the last ``*``: time is at most (glob length x path length), whatever the glob.

The semantics are git's (gitignore(5)), as pathspec's ``GitIgnoreSpec`` reads one line; the
tests hold the two to the same answers:

* ``*`` matches anything but ``/``, ``?`` one character but ``/``, ``[a-z]`` / ``[!a-z]`` a class;
  a backslash makes the next character literal;
* a glob with a ``/`` at its start or in its middle is anchored at the configuration's folder;
  one without matches at any depth (``*.draft.yaml``);
* ``**/`` at the start matches in every folder, ``/**`` at the end everything inside, ``/**/``
  zero or more folders; a trailing ``/`` matches folders only (so the files in them);
* a glob that matches a folder matches every file below it;
* a blank glob, a ``#`` comment and a negation (``!x``: nothing to negate in a single line)
  match nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

_STAR = "*"
_ANY = "?"
_DEEP = "**"
_SLASH = ("/",)


@dataclass(frozen=True)
class _Class:
    """``[...]``: a character in one of the ranges (or, negated, in none)."""

    negated: bool
    ranges: tuple[tuple[str, str], ...]


# A token of a segment: "*" or "?" (str), a literal character (a 1-tuple), or a class.
Token = str | tuple[str] | _Class


@dataclass(frozen=True)
class Glob:
    """One compiled glob; ``match(path)`` for a '/'-separated path relative to the base."""

    segments: tuple[tuple[Token, ...] | str, ...]  # "**" or a segment's tokens
    folders_only: bool
    never: bool = False

    def match(self, path: str) -> bool:
        if self.never:
            return False
        parts = [p for p in path.split("/") if p]
        ends = _ends(self.segments, parts)
        # The whole path (a file), or a leading run of folders (everything below them).
        return any(0 < k < len(parts) or (k == len(parts) and not self.folders_only) for k in ends)


def compile_glob(glob: str) -> Glob:
    """The compiled form of one gitignore-style line."""
    text = _strip_trailing_spaces(glob)
    if not text or text.startswith(("#", "!")):
        return Glob((), False, never=True)
    if text.startswith(("\\#", "\\!")):
        text = text[1:]
    folders_only = text.endswith("/") and not text.endswith("\\/")
    text = text[:-1] if folders_only else text
    anchored = "/" in text
    text = text[1:] if text.startswith("/") else text
    segments = _segments(_tokens(text))
    if not anchored:
        segments.insert(0, _DEEP)
    return Glob(tuple(segments), folders_only, never=not text)


def _segments(tokens: list[Token]) -> list[tuple[Token, ...] | str]:
    """The tokens split at each '/' (escaped or not; a class never holds one): a segment of
    exactly two stars is "**", and other runs of stars are one "*"."""
    out: list[tuple[Token, ...] | str] = []
    current: list[Token] = []
    for token in [*tokens, _SLASH]:
        if token != _SLASH:
            current.append(token)
            continue
        if current == [_STAR, _STAR]:
            out.append(_DEEP)
        else:
            out.append(tuple(t for n, t in enumerate(current) if not (t == _STAR and n and current[n - 1] == _STAR)))
        current = []
    return out


def _strip_trailing_spaces(glob: str) -> str:
    end = len(glob)
    while end > 0 and glob[end - 1] == " " and not (end > 1 and glob[end - 2] == "\\"):
        end -= 1
    return glob[:end]


def _ends(segments: tuple[tuple[Token, ...] | str, ...], parts: list[str]) -> set[int]:
    """Every k such that the glob's segments match exactly ``parts[:k]``."""
    reach = {0}
    last = len(segments) - 1
    for index, segment in enumerate(segments):
        if not reach:
            return reach
        if segment == _DEEP:
            # A trailing "**" is "everything inside": at least one more segment.
            low = min(reach) + (1 if index == last and index > 0 else 0)
            reach = set(range(low, len(parts) + 1))
        else:
            assert not isinstance(segment, str)
            reach = {i + 1 for i in reach if i < len(parts) and _segment(segment, parts[i])}
    return reach


def _tokens(segment: str) -> list[Token]:
    out: list[Token] = []
    i = 0
    while i < len(segment):
        ch = segment[i]
        if ch == "\\" and i + 1 < len(segment):
            out.append((segment[i + 1],))
            i += 2
        elif ch == "*":
            out.append(_STAR)
            i += 1
        elif ch == "?":
            out.append(_ANY)
            i += 1
        elif ch == "[" and (found := _class(segment, i)) is not None:
            token, i = found
            out.append(token)
        else:
            out.append((ch,))
            i += 1
    return out


def _class(segment: str, start: int) -> tuple[Token, int] | None:
    """The class that starts at ``segment[start] == '['`` and the index after it, or None
    when it is not closed (then '[' is a literal)."""
    i = start + 1
    negated = i < len(segment) and segment[i] in "!^"
    i += negated
    ranges: list[tuple[str, str]] = []
    first = True
    while i < len(segment):
        ch = segment[i]
        if ch == "]" and not first:
            return _Class(negated, tuple(ranges)), i + 1
        if ch == "\\" and i + 1 < len(segment):
            i += 1
            ch = segment[i]
        if i + 2 < len(segment) and segment[i + 1] == "-" and segment[i + 2] != "]":
            high = segment[i + 2]
            if high == "\\" and i + 3 < len(segment):
                high, i = segment[i + 3], i + 1
            ranges += [(ch, ch), (ch, high)]  # as git's wildmatch: a reversed range still holds its start
            i += 3
        else:
            ranges.append((ch, ch))
            i += 1
        first = False
    return None


def _one(token: Token, ch: str) -> bool:
    if isinstance(token, _Class):
        return any(low <= ch <= high for low, high in token.ranges) != token.negated
    if isinstance(token, tuple):
        return token[0] == ch
    return token == _ANY


def _segment(tokens: tuple[Token, ...], text: str) -> bool:
    """Whether ``tokens`` match all of ``text``: greedy, backtracking only to the last '*'."""
    t = s = 0
    star, resume = -1, 0
    while s < len(text):
        if t < len(tokens) and tokens[t] == _STAR:
            star, resume = t, s
            t += 1
        elif t < len(tokens) and _one(tokens[t], text[s]):
            t += 1
            s += 1
        elif star >= 0:
            resume += 1
            t, s = star + 1, resume
        else:
            return False
    while t < len(tokens) and tokens[t] == _STAR:
        t += 1
    return t == len(tokens)
