"""One editor buffer: its lines, positions in the client's units, and where scalars end.

Findings count lines as YAML 1.2 and LSP both do (CR LF, CR or LF) and columns in characters;
the client counts columns in UTF-16 code units unless it negotiated another encoding. Every
conversion goes through here.
"""

from __future__ import annotations

import bisect
import re
from functools import cached_property

from lsprotocol import types
from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError
from ruamel.yaml.events import ScalarEvent

from policyval.lsp.outline import Outline, lines

_WORD = re.compile(r"[^\s,\[\]{}#]+")


class Buffer:
    """The text of a document, as the client last sent it."""

    def __init__(self, uri: str, text: str, encoding: str = types.PositionEncodingKind.Utf16) -> None:
        self.uri = uri
        self.text = text
        self.lines = lines(text)
        self.encoding = str(encoding)

    def _units(self, chars: str) -> int:
        if self.encoding == types.PositionEncodingKind.Utf32:
            return len(chars)
        if self.encoding == types.PositionEncodingKind.Utf8:
            return len(chars.encode("utf-8"))
        return len(chars) + sum(1 for c in chars if ord(c) > 0xFFFF)

    def position(self, line: int, column: int) -> types.Position:
        """A 0-based (line, character column) as an LSP position."""
        if line >= len(self.lines):
            return types.Position(len(self.lines) - 1, self._units(self.lines[-1]))
        return types.Position(line, self._units(self.lines[line][:column]))

    def column(self, position: types.Position) -> tuple[int, int]:
        """An LSP position as 0-based (line, character column)."""
        line = min(position.line, len(self.lines) - 1)
        row, units = self.lines[line], 0
        for n, char in enumerate(row):
            if units >= position.character:
                return line, n
            units += self._units(char)
        return line, len(row)

    def range(self, line: int, start: int, end: int, end_line: int | None = None) -> types.Range:
        return types.Range(self.position(line, start), self.position(line if end_line is None else end_line, end))

    @cached_property
    def outline(self) -> Outline:
        return Outline(self.text)

    @cached_property
    def _starts(self) -> list[int]:
        starts, at = [], 0
        for row, sep in zip(self.lines, [*re.findall(r"\r\n|\r|\n", self.text), ""], strict=True):
            starts.append(at)
            at += len(row) + len(sep)
        return starts

    def offset(self, line: int, column: int) -> int:
        return self._starts[line] + column

    def where(self, offset: int) -> tuple[int, int]:
        """0-based (line, column) of a character offset."""
        line = bisect.bisect_right(self._starts, offset) - 1
        return line, offset - self._starts[line]

    @cached_property
    def scalars(self) -> dict[int, int]:
        """Start offset -> end offset of every scalar the parser reads (up to an error)."""
        found: dict[int, int] = {}
        try:
            for event in YAML(typ="safe", pure=False).parse(self.text):
                if isinstance(event, ScalarEvent) and event.end_mark.index > event.start_mark.index:
                    found[int(event.start_mark.index)] = int(event.end_mark.index)
        except YAMLError:
            pass  # what was read before the error still places its findings
        return found

    def extent(self, line: int, column: int) -> tuple[int, int]:
        """(end line, end column) of the token at a 0-based position: the scalar starting there,
        else the word; always at least one character when the line has one."""
        if line >= len(self.lines):
            return line, column
        end = self.scalars.get(self.offset(line, column))
        if end is not None:
            return self.where(end)
        word = _WORD.match(self.lines[line], column)
        stop = word.end() if word is not None else min(column + 1, len(self.lines[line]))
        if word is not None and word.group(0).endswith(":") and stop - 1 > column:
            stop -= 1
        return line, stop
