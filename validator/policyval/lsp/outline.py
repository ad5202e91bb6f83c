"""A tolerant outline of a policy being typed: each block key and list item with its JSON path.

An editor's buffer is often not YAML while someone types (``data_categories: [em``), yet
completion, hover and go-to-definition must still know where the cursor is. The outline
reads block YAML line by line, as indentation gives it: a ``key:`` or a ``- `` item is a
token, and its parent is the nearest token above it that starts further left (a list may
start at its key's own column). Block scalars, and quoted or flow values that run over
several lines, are passed over. Positions are 0-based lines and character columns.

It is an editor's guess, never a check: findings come from the pipeline alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from policyval.findings import JsonPath

_DASH = re.compile(r"-(?:[ \t]+|$)")
_KEY = re.compile(
    r"""(?P<key>"[^"\n]*"|'[^'\n]*'|[^\s#'"{}\[\],:&*!|>%@`-][^#{}\[\],\n]*?"""
    r"""|-[^\s#:][^#{}\[\],\n]*?)[ \t]*:(?=[ \t]|$)"""
)
_BLOCK_SCALAR = re.compile(r"^[|>][-+0-9]*[ \t]*(#.*)?$")
_WORD = re.compile(r"[^\s,\[\]{}#\"']+")


@dataclass(frozen=True)
class Token:
    """A block key or list item: where it starts, the path of the node it opens, its inline value."""

    line: int
    column: int
    path: JsonPath
    key: str | None = None  # None: a list item
    value: str | None = None  # the scalar or flow text after it on its line, comment removed
    value_column: int = 0

    @property
    def end(self) -> int:
        """Column after the key (or the dash)."""
        return self.column + (len(self.key) if self.key is not None else 1)


def _unquoted(key: str) -> str:
    return key[1:-1] if len(key) >= 2 and key[0] == key[-1] and key[0] in "\"'" else key


def strip_comment(value: str) -> str:
    """``value`` without a trailing comment (a '#' after whitespace, outside quotes)."""
    quote = ""
    for n, char in enumerate(value):
        if quote:
            quote = "" if char == quote else quote
        elif char in "\"'" and (n == 0 or value[n - 1] in " [,{"):
            quote = char
        elif char == "#" and (n == 0 or value[n - 1] in " \t"):
            return value[:n].rstrip()
    return value.rstrip()


def _opens(value: str) -> str | None:
    """The closing text a value leaves open at the end of its line: a quote or flow brackets."""
    if value.startswith(("'", '"')) and (len(value) == 1 or not value.endswith(value[0])):
        return value[0]
    depth = value.count("[") + value.count("{") - value.count("]") - value.count("}")
    return "]" if depth > 0 and value[:1] in "[{" else None


@dataclass
class _Walk:
    """The state of one pass: open tokens, item counters, and what is being skipped."""

    stack: list[tuple[float, Token]] = field(default_factory=list)
    counters: dict[JsonPath, int] = field(default_factory=dict)
    skip_deeper: int | None = None  # inside a block scalar of a key at this column
    until: str | None = None  # inside a multi-line quoted or flow value, until this closes it

    def parent(self, eff: float) -> JsonPath:
        while self.stack and self.stack[-1][0] >= eff:
            self.stack.pop()
        return self.stack[-1][1].path if self.stack else ()

    def push(self, line: int, column: int, key: str | None) -> Token:
        eff = column + 0.5 if key is None else float(column)
        parent = self.parent(eff)
        if key is None:
            index = self.counters.get(parent, 0)
            self.counters[parent] = index + 1
            token = Token(line, column, (*parent, index))
        else:
            token = Token(line, column, (*parent, key), key)
        self.stack.append((eff, token))
        return token

    def skipped(self, line: str) -> bool:
        """Whether ``line`` belongs to a value that began above it."""
        stripped = line.strip()
        if self.until is not None:
            if self.until in line:
                self.until = None
            return True
        indent = len(line) - len(line.lstrip(" "))
        if self.skip_deeper is not None and (not stripped or indent > self.skip_deeper):
            return True
        self.skip_deeper = None
        return not stripped or stripped.startswith("#")

    def feed(self, number: int, line: str) -> list[Token]:
        """The tokens of one line, in order."""
        if self.skipped(line):
            return []
        tokens: list[Token] = []
        at = len(line) - len(line.lstrip(" "))
        while (dash := _DASH.match(line, at)) is not None:
            tokens.append(self.push(number, at, None))
            at = dash.end()
        key = _KEY.match(line, at)
        if key is not None:
            tokens.append(self.push(number, at, _unquoted(key.group("key"))))
            at = key.end()
            at += len(line[at:]) - len(line[at:].lstrip())
        value = strip_comment(line[at:])
        if tokens and value and at > tokens[-1].column:
            tokens[-1] = Token(tokens[-1].line, tokens[-1].column, tokens[-1].path, tokens[-1].key, value, at)
            self.stack[-1] = (self.stack[-1][0], tokens[-1])
            self._after(tokens[-1], value)
        return tokens

    def _after(self, token: Token, value: str) -> None:
        if token.key is not None and _BLOCK_SCALAR.match(value):
            self.skip_deeper = token.column
        else:
            self.until = _opens(value)


def lines(text: str) -> list[str]:
    """The lines of ``text`` as LSP counts them: CR LF, CR or LF end a line."""
    return re.split(r"\r\n|\r|\n", text)


class Outline:
    """Every token of a text, and what the cursor is on."""

    def __init__(self, text: str) -> None:
        self.lines = lines(text)
        walk = _Walk()
        self.tokens = [t for n, line in enumerate(self.lines) for t in walk.feed(n, line)]

    def on_line(self, line: int) -> list[Token]:
        return [t for t in self.tokens if t.line == line]

    def key_at(self, line: int, column: int) -> Token | None:
        """The key token whose name the cursor is on."""
        return next((t for t in self.on_line(line) if t.key is not None and t.column <= column <= t.end), None)

    def value_at(self, line: int, column: int) -> tuple[Token, str, int] | None:
        """(token, word, start column) of the scalar word under the cursor in a token's value."""
        for token in self.on_line(line):
            if token.value is None or column < token.value_column:
                continue
            for word in _WORD.finditer(self.lines[line], token.value_column):
                if word.start() <= column <= word.end():
                    return token, word.group(0), word.start()
        return None

    def ids(self, section: str) -> list[Token]:
        """The ``id`` tokens of a top-level list's items, with their values."""
        return [
            t
            for t in self.tokens
            if t.key == "id" and len(t.path) == 3 and t.path[0] == section and isinstance(t.path[1], int) and t.value
        ]

    def keys_of(self, parent: JsonPath) -> set[str]:
        return {t.key for t in self.tokens if t.key is not None and t.path[:-1] == parent}

    def top(self, key: str) -> Token | None:
        return next((t for t in self.tokens if t.path == (key,)), None)

    def scalar(self, path: JsonPath) -> str | None:
        token = next((t for t in self.tokens if t.path == path), None)
        return _unquoted(token.value) if token is not None and token.value else None


@dataclass(frozen=True)
class Place:
    """Where the cursor is for completion: in a mapping's keys, or in the value of ``path``."""

    path: JsonPath  # the mapping (mode key) or the value node (mode value)
    mode: str  # "key" or "value"
    partial: str  # what is typed of the word so far
    start: int  # column where that word starts


_TYPING_KEY = re.compile(r"(?P<dashes>(?:-[ \t]+)*)(?P<word>[^\s:#'\"\[\]{},]*)$")
_TYPING_VALUE = re.compile(r"(?P<head>.*?)(?P<word>[^\s,\[\]{}'\"]*)$")


def place(text: str, line: int, column: int) -> Place | None:
    """Where completion happens at (line, column), from the lines above and what is typed."""
    all_lines = lines(text)
    if line >= len(all_lines):
        return None
    walk = _Walk()
    for n in range(line):
        walk.feed(n, all_lines[n])
    if walk.until is not None:
        return None  # inside a value that began above: no structure to complete
    before = all_lines[line][:column]
    indent = len(before) - len(before.lstrip(" "))
    typing = _TYPING_KEY.fullmatch(before, indent)
    if typing is not None:
        return _typing_key(walk, line, indent, typing)
    return _typing_value(walk, line, before)


def _typing_key(walk: _Walk, line: int, indent: int, typing: re.Match[str]) -> Place:
    at = indent
    for dash in _DASH.finditer(typing.group("dashes")):
        walk.push(line, at, None)
        at = indent + dash.end()
    start = typing.start("word")
    parent = walk.parent(float(start))
    return Place(parent, "key", typing.group("word"), start)


def _typing_value(walk: _Walk, line: int, before: str) -> Place | None:
    tokens = _Walk(walk.stack[:], dict(walk.counters)).feed(line, before)
    if not tokens:
        return None
    owner = tokens[-1]
    start = before.index(":", owner.end) + 1 if owner.key is not None else owner.end
    typed = _TYPING_VALUE.fullmatch(before, start)
    if typed is None:
        return None
    path = owner.path
    if "[" in before[start:]:
        path = (*path, -1)  # an item of a flow list
    return Place(path, "value", typed.group("word"), typed.start("word"))


def references(table: Iterable[tuple[tuple[str, ...], str]], path: JsonPath) -> str | None:
    """The list whose ids the node at ``path`` (or an item of it) refers to, by the shape's
    reference table (``*`` in a table path stands for any list index)."""
    for pattern, target in table:
        if _matches(pattern, path) or (path and isinstance(path[-1], int) and _matches(pattern, path[:-1])):
            return target
    return None


def _matches(pattern: tuple[str, ...], path: JsonPath) -> bool:
    return len(pattern) == len(path) and all(
        isinstance(q, int) if p == "*" else p == q for p, q in zip(pattern, path, strict=True)
    )


def words(value: str, column: int) -> Iterator[tuple[str, int]]:
    """Each scalar word of a value (a flow list's items), with its column."""
    for word in _WORD.finditer(value):
        yield word.group(0), column + word.start()
