"""Read a policy file into plain JSON data plus a map from JSON path to YAML position.

The text is parsed once, by libyaml (PyYAML's C parser; its pure-Python parser where the C
extension is missing), and turned into data here from the parser's events, by our own rules
rather than a YAML constructor, because policies must be read the same way everywhere:

* YAML 1.2 core-schema scalars only: ``NO`` stays a string, ``2024-01-01`` stays a string,
  a ``!`` tag makes a string;
* no tag ever builds an object (``!!python/...`` is reported, never run);
* while the events stream in, and before any alias is expanded, nesting deeper than
  MAX_DEPTH, more than MAX_NODES nodes, alias bombs and recursive aliases are refused
  (libyaml keeps its state on the heap and nothing here recurses on the text, so no input
  can overflow the stack);
* duplicate and non-string keys are reported, not silently resolved; an anchor may be
  defined again, and an alias means the latest definition (YAML 1.2, 7.1);
* NEL, LINE SEPARATOR and PARAGRAPH SEPARATOR are characters, not line breaks (YAML 1.2,
  5.4), in scalars and in positions; libyaml follows YAML 1.1 there, so they reach it as
  private-use stand-ins of the same length and are put back in the values;
* two more places where libyaml reads YAML 1.1 are put right: an anchor or alias name with
  a character outside ``[0-9A-Za-z_-]`` (``&an:chor``), and a plain scalar that starts with
  ``?`` inside a flow collection (``{?foo: bar}``);
* positions are libyaml's line and column, which then count lines the YAML 1.2 way (CR LF,
  CR or LF end a line) and columns in characters.
"""

from __future__ import annotations

import bisect
import itertools
import math
import re
from dataclasses import dataclass, field, replace
from typing import Any

from yaml.error import MarkedYAMLError, YAMLError
from yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
)
from yaml.reader import ReaderError

from policyval.check import hints
from policyval.findings import JsonPath

try:  # libyaml, through PyYAML's C extension
    from yaml._yaml import CParser as _Parser

    _C_PARSER = True
except ImportError:  # pragma: no cover - PyYAML built without libyaml (PyPy, some platforms)
    from yaml.parser import Parser
    from yaml.reader import Reader
    from yaml.scanner import Scanner

    class _Parser(Reader, Scanner, Parser):  # type: ignore[no-redef]
        def __init__(self, stream: str) -> None:
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            Parser.__init__(self)

    _C_PARSER = False

# Limits that keep a hostile file from exhausting time or memory. Generous for real
# policies (the seeds have a few hundred nodes).
MAX_NODES = 200_000
MAX_DEPTH = 64

Position = tuple[int, int]
Span = tuple[int, int]

_STD = "tag:yaml.org,2002:"
_MERGE = _STD + "merge"
_INT = re.compile(r"^[-+]?[0-9]+$")
_OCT = re.compile(r"^0o[0-7]+$")
_HEX = re.compile(r"^0x[0-9a-fA-F]+$")
_FLOAT = re.compile(r"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")
_INF = re.compile(r"^[-+]?\.(inf|Inf|INF)$")
_NAN = re.compile(r"^\.(nan|NaN|NAN)$")
_NUMBER_START = frozenset("0123456789+-.") - {""}
_WORDS: dict[str, Any] = {
    **dict.fromkeys(("true", "True", "TRUE"), True),
    **dict.fromkeys(("false", "False", "FALSE"), False),
    **dict.fromkeys(("", "~", "null", "Null", "NULL"), None),
}
# Tags that only say which core type a node has; everything else is reported.
_KNOWN_TAGS = {_STD + t for t in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp", "merge")}
# Tags under which a plain scalar is resolved by the core schema rather than kept as text.
_CORE_TYPED = {_STD + t for t in ("int", "float", "bool", "null")}

# YAML 1.2 line breaks that libyaml (YAML 1.1) also takes as breaks: NEL, LS, PS.
_NOT_BREAKS = ("\x85", "\u2028", "\u2029")
# An anchor or alias name as YAML 1.2 reads it (ns-anchor-char: no space, no flow indicator).
_ANCHOR_NAME = re.compile(r"[^ \t\r\n,\[\]{}]+")
_LIBYAML_NAME = re.compile(r"[0-9A-Za-z_-]+")
_NAME_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-"
_TOO_DEEP = f"nesting deeper than {MAX_DEPTH} levels; a policy never needs this, not read"
_TOO_MANY = f"more than {MAX_NODES} nodes; a policy never needs this many, not read"
_TOO_DEEP_FOR_LIBYAML = "exceeded maximum nesting depth"
_MAX_REREADS = 32  # each rename of a cut-short anchor costs one more parse; real files need one


@dataclass(frozen=True)
class Problem:
    """A YAML-level problem, before the engine turns it into a Finding."""

    rule: str
    message: str
    line: int
    column: int
    path: JsonPath = ()


@dataclass
class Document:
    """A loaded policy: its data, where each value and key stands, and any YAML problems."""

    data: Any = None
    values: dict[JsonPath, Position] = field(default_factory=dict)
    keys: dict[JsonPath, Position] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    # False when the data could not be read at all (syntax error, bomb): skip validation.
    usable: bool = True
    # The parse the data came from, kept for the suppression scanner (see scalar_spans).
    stream: _Stream | None = field(default=None, repr=False, compare=False)

    def position(self, path: JsonPath, *, key: bool = False) -> Position:
        """Line and column of the node at ``path``, or of its nearest ancestor that exists."""
        if key and path in self.keys:
            return self.keys[path]
        while path:
            if path in self.values:
                return self.values[path]
            path = path[:-1]
        return self.values.get((), (1, 1))

    def scalar_spans(self) -> list[Span] | None:
        """[start, end) character offsets of every scalar in the text, in order, from the one
        parse; None when the text was not read to its end (a syntax error, a refusal)."""
        return self.stream.spans() if self.stream is not None else None


_BREAK = re.compile(r"\r\n|\r|\n")


class Lines:
    """Character index -> 1-based (line, column), with YAML 1.2 line breaks."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0, *(m.end() for m in _BREAK.finditer(text))]

    def position(self, index: int) -> Position:
        line = bisect.bisect_right(self.starts, index) - 1
        return line + 1, index - self.starts[line] + 1

    def of(self, mark: Any) -> Position:
        return self.position(int(mark.index))


def _plain(value: str) -> Any:
    """Resolve a plain scalar by the YAML 1.2 core schema (not 1.1: 'NO' is a string)."""
    # Most scalars are words: only a digit, sign or dot can start a number.
    if value[:1] in _NUMBER_START:
        return _number(value)
    return _WORDS.get(value, value)


def _number(value: str) -> Any:
    if _INT.match(value):
        try:
            return int(value)
        except ValueError:  # over Python's 4300-digit limit for int(): keep the magnitude
            return float(value)
    if _OCT.match(value):
        return int(value[2:], 8)
    if _HEX.match(value):
        return int(value[2:], 16)
    if _FLOAT.match(value):
        return float(value)
    if _INF.match(value):
        return -math.inf if value.startswith("-") else math.inf
    if _NAN.match(value):
        return math.nan
    return value


class _Marks:
    """Event -> 1-based (line, column): libyaml's own, except at the very end of a text that
    does not end with a line break, where libyaml counts a line break it adds itself."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.size = len(text)

    def __call__(self, event: Any) -> Position:
        mark = event.start_mark
        if mark.index < self.size:
            return mark.line + 1, mark.column + 1
        return Lines(self.text).position(mark.index)


# --- the text libyaml is given ---------------------------------------------------------------


@dataclass
class _Source:
    """The text as libyaml reads it: without a leading byte-order mark (libyaml skips it and
    counts offsets after it: ``shift``), NEL, LS and PS swapped for stand-ins (``restore``
    puts them back), and anchor names libyaml would cut short renamed (``names``: new -> old)."""

    text: str
    restore: dict[int, str] | None = None
    names: dict[str, str] = field(default_factory=dict)
    shift: int = 0

    @classmethod
    def of(cls, text: str) -> _Source:
        shift = int(text.startswith("\ufeff"))
        text = text[shift:]
        if not any(c in text for c in _NOT_BREAKS):
            return cls(text, shift=shift)
        stand_ins = _stand_ins(text)
        swap = {ord(c): s for c, s in zip(_NOT_BREAKS, stand_ins, strict=True)}
        restore = {ord(s): c for c, s in zip(_NOT_BREAKS, stand_ins, strict=True)}
        return cls(text.translate(swap), restore, shift=shift)

    def value(self, raw: str) -> str:
        return raw.translate(self.restore) if self.restore is not None else raw

    def name(self, anchor: str) -> str:
        return self.names.get(anchor, anchor)

    def rename(self, cuts: list[tuple[int, str]]) -> bool:
        """Rename each cut-short name at its place (same length, so positions hold); False
        when nothing could be renamed."""
        chars = list(self.text)
        renamed = {old: new for new, old in self.names.items()}
        for at, old in cuts:
            new = renamed.get(old) or _fresh_name(len(old), self.text, set(self.names))
            if new is None:
                return False
            renamed[old], self.names[new] = new, old
            chars[at + 1 : at + 1 + len(old)] = new
        self.text = "".join(chars)
        return True


def _stand_ins(text: str) -> list[str]:
    """Three private-use characters that neither occur in ``text`` nor can come from an
    escape in it (a double-quoted ``\\uXXXX`` spells its hex digits out)."""
    lowered = text.lower()
    found = []
    for code in range(0xE000, 0xF900):
        if chr(code) not in text and f"{code:x}" not in lowered:
            found.append(chr(code))
            if len(found) == 3:
                return found
    raise ValueError("no private-use stand-in is free")  # pragma: no cover - needs >6,000 escapes


def _fresh_name(length: int, text: str, taken: set[str]) -> str | None:
    """A libyaml-readable name of ``length`` characters that no anchor or alias in ``text`` uses."""
    for chars in itertools.islice(itertools.product(_NAME_CHARS, repeat=length), 4096):
        name = "".join(chars)
        if name not in taken and not re.search(rf"[&*]{re.escape(name)}(?![0-9A-Za-z_-])", text):
            return name
    return None


# --- one pass over the events ------------------------------------------------------------------


class _Refused(Exception):
    def __init__(self, rule: str, message: str, event: Any) -> None:
        super().__init__(message)
        self.rule, self.message, self.event = rule, message, event


@dataclass
class _Stream:
    """Every node event of the text, in order, with what the builder needs to walk them."""

    source: _Source
    mark: _Marks
    events: list[Any] = field(default_factory=list)  # yaml.events objects; marks always set
    ends: dict[int, int] = field(default_factory=dict)  # collection start -> its end event
    aliases: dict[int, int] = field(default_factory=dict)  # alias -> the node it names
    roots: list[int] = field(default_factory=list)  # each document's root node
    quest: set[int] = field(default_factory=set)  # plain scalars whose leading '?' libyaml took
    complete: bool = False  # read to the end of the stream

    def after(self, i: int) -> int:
        """The index just past the node at ``i`` and everything in it."""
        return self.ends.get(i, i) + 1

    def resolved(self, i: int) -> int:
        return self.aliases.get(i, i)

    def spans(self) -> list[Span] | None:
        if not self.complete:
            return None
        shift = self.source.shift
        return [_span(e, i in self.quest, shift) for i, e in enumerate(self.events) if e.__class__ is ScalarEvent]


def _span(event: Any, quest: bool, shift: int) -> Span:
    """[start, end) of a scalar in the text (with the '?' libyaml took for an indicator)."""
    return event.start_mark.index - quest + shift, event.end_mark.index + shift


class _Scan:
    """Reads the events once, refusing what must not be built.

    ``expanded`` counts nodes as if every alias were replaced by a copy of its anchor, so
    a billion-laughs document is refused at the alias that crosses MAX_NODES, having cost
    no more than reading its text.
    """

    def __init__(self, source: _Source) -> None:
        self.out = _Stream(source, _Marks(source.text))
        self.text = source.text
        self.quest = "?" in self.text
        self.raw = 0  # nodes written in the text
        self.expanded = 0  # nodes after alias expansion, in the current document
        self.open: list[tuple[int, int, bool]] = []  # (event index, expanded at start, flow) per open collection
        self.latest: dict[str, int] = {}  # anchor -> the node that defines it last
        self.sizes: dict[int, int] = {}  # anchored node -> its expanded size, once complete
        self.undefined: Problem | None = None  # the composer's error, reported if nothing else is
        self.cuts: list[tuple[int, str]] = []  # anchor names libyaml cut short: (offset of & or *, name)

    def read(self) -> _Stream:
        parser = _Parser(self.text)
        try:
            self.events(parser)
        finally:
            parser.dispose()
        if self.undefined is not None:
            raise _Undefined(self.undefined)
        self.out.complete = True
        return self.out

    def events(self, parser: Any) -> None:
        """The loop every event of every file goes through: written for speed, with locals,
        inline checks for scalars and collections, and methods only for rarer events."""
        get, out, open_, sizes = parser.get_event, self.out, self.open, self.sizes
        events, ends, quest = out.events, out.ends, self.quest
        append = events.append
        while (event := get()) is not None:
            cls = event.__class__
            if cls is ScalarEvent or cls is MappingStartEvent or cls is SequenceStartEvent:
                i = len(events)
                if len(open_) > MAX_DEPTH:
                    raise _Refused("yaml/too-deep", _TOO_DEEP, event)
                self.raw += 1
                self.expanded += 1
                if event.anchor is not None:
                    self.anchor(event, i, cls is ScalarEvent)
                if self.raw > MAX_NODES:
                    raise _Refused("yaml/too-large", _TOO_MANY, event)
                if cls is not ScalarEvent:
                    open_.append((i, self.expanded - 1, bool(event.flow_style)))
                elif quest and open_ and open_[-1][2] and _after_question(self.text, event):
                    out.quest.add(i)
                append(event)
            elif cls is MappingEndEvent or cls is SequenceEndEvent:
                start, expanded, _flow = open_.pop()
                ends[start] = len(events)
                if events[start].anchor is not None:
                    sizes[start] = self.expanded - expanded
                append(event)
            elif cls is AliasEvent:
                self.alias(event)
            elif cls is DocumentStartEvent:
                self.expanded, self.latest = 0, {}
                out.roots.append(len(events))

    def anchor(self, event: Any, i: int, scalar: bool) -> None:
        self.latest[event.anchor] = i
        if scalar:
            self.sizes[i] = 1
        at = self.text.find("&" + event.anchor, event.start_mark.index)
        if at >= 0:
            self.cut(at, event.anchor)

    def alias(self, event: Any) -> None:
        i = len(self.out.events)
        self.cut(event.start_mark.index, event.anchor)
        target = self.latest.get(event.anchor)
        if target is not None and target not in self.sizes:
            name = self.out.source.name(event.anchor)
            raise _Refused(
                "yaml/recursive-alias", f"alias '*{name}' refers to the node that contains it; not read", event
            )
        if target is None and self.undefined is None:
            # libyaml's composer reports it; counted as one node meanwhile, like the old scan.
            self.undefined = Problem("yaml/syntax", "YAML syntax error: found undefined alias", *self.out.mark(event))
        self.expanded += 1 if target is None else self.sizes[target]
        if self.expanded > MAX_NODES:
            raise _Refused(
                "yaml/too-large",
                f"aliases expand the document to more than {MAX_NODES} nodes (an alias bomb?); not read",
                event,
            )
        if target is not None:
            self.out.aliases[i] = target
        self.out.events.append(event)

    def unreadable_name(self, exc: YAMLError) -> None:
        """Note a name libyaml cannot read at all, as it reads none that starts with a character
        outside ``[0-9A-Za-z_-]`` (``&😀``, ``*:@``): renamed, the text is read again."""
        mark = getattr(exc, "context_mark", None)
        if mark is None or getattr(exc, "context", None) not in ("while scanning an anchor", "while scanning an alias"):
            return
        at = int(mark.index)
        full = _ANCHOR_NAME.match(self.text, at + 1)
        if self.text[at : at + 1] in ("&", "*") and full is not None:
            self.cuts.append((at, full.group()))

    def cut(self, at: int, name: str) -> None:
        """Note a name libyaml ended early, at a character YAML 1.2 allows in it (``&an:chor``)."""
        full = _ANCHOR_NAME.match(self.text, at + 1)
        if full is not None and full.end() > at + 1 + len(name) and _LIBYAML_NAME.fullmatch(name):
            self.cuts.append((at, full.group()))


class _Undefined(Exception):
    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


def _after_question(text: str, event: Any) -> bool:
    """A plain scalar in a flow collection right after '?': YAML 1.2 reads '?foo' as one
    scalar (the indicator needs a space after it), libyaml as an explicit key 'foo'."""
    at = event.start_mark.index
    return not event.style and event.tag is None and event.anchor is None and at > 0 and text[at - 1] == "?"


def _syntax_problem(exc: YAMLError, source: _Source) -> Problem:
    lines = Lines(source.text)
    if isinstance(exc, ReaderError):
        # Raised for characters YAML forbids; it carries no mark, only a position that
        # libyaml counts in bytes of UTF-8 (the pure-Python reader: characters).
        index = int(exc.position)
        if _C_PARSER:
            index = len(source.text.encode("utf-8")[:index].decode("utf-8", "ignore"))
        line, col = lines.position(index)
        char = exc.character if isinstance(exc.character, str) else chr(int(exc.character))
        return Problem(
            "yaml/syntax",
            f"character U+{ord(char):04X} is not allowed in YAML (control character); remove it",
            line,
            col,
        )
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line, col = lines.of(mark) if mark is not None else (1, 1)
    if mark is not None and source.text[int(mark.index) : int(mark.index) + 1] == "\t":
        # libyaml's "found character that cannot start any token" says nothing useful here.
        return Problem("yaml/syntax", "YAML syntax error: a tab cannot indent YAML; indent with spaces", line, col)
    if isinstance(exc, MarkedYAMLError):
        parts = [p for p in (exc.context, exc.problem) if p]
        message = ", ".join(str(p) for p in parts) or str(exc)
        if mark is not None:
            message += hints.for_syntax(message, lines.text, int(mark.index))
    else:
        message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return Problem("yaml/syntax", f"YAML syntax error: {message}", line, col)


def _read(text: str) -> _Stream | Problem:
    """The text's events, or the first reason not to build it."""
    source = _Source.of(text)
    for _ in range(_MAX_REREADS):
        scan = _Scan(source)
        stream = _scanned(scan)
        if not scan.cuts or not source.rename(scan.cuts):
            return stream
    return stream


def _scanned(scan: _Scan) -> _Stream | Problem:
    try:
        return scan.read()
    except _Refused as exc:
        return Problem(exc.rule, exc.message, *scan.out.mark(exc.event))
    except _Undefined as exc:
        return exc.problem
    except YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        if mark is not None and _TOO_DEEP_FOR_LIBYAML in str(getattr(exc, "problem", "")):
            # libyaml stops at 1,000 levels of flow nesting, while reading tokens ahead of
            # the events, so before the scan sees level 65: the text up to there holds that
            # level, with the same positions.
            prefix = _scanned(_Scan(replace(scan.out.source, text=scan.out.source.text[: int(mark.index)])))
            if isinstance(prefix, Problem) and prefix.rule == "yaml/too-deep":
                return prefix
        scan.unreadable_name(exc)
        return _syntax_problem(exc, scan.out.source)


# --- events to data ------------------------------------------------------------------------------


class _Builder:
    """Turns the events of one document into data, recording positions and problems."""

    def __init__(self, doc: Document, stream: _Stream) -> None:
        self.doc = doc
        self.stream = stream
        self.events = stream.events
        self.source = stream.source
        self.aliases = stream.aliases
        self.size = stream.mark.size

    def position(self, i: int) -> Position:
        mark = self.events[i].start_mark
        if mark.index < self.size and not self.stream.quest:
            return mark.line + 1, mark.column + 1
        line, column = self.stream.mark(self.events[i])
        return (line, column - 1) if i in self.stream.quest else (line, column)

    def problem(self, rule: str, message: str, i: int, path: JsonPath) -> None:
        self.doc.problems.append(Problem(rule, message, *self.position(i), path))

    def build(self, i: int, path: JsonPath, depth: int) -> Any:
        if self.aliases:
            i = self.aliases.get(i, i)
        if depth > MAX_DEPTH:
            self.problem(
                "yaml/too-deep",
                # Reached only through aliases: the scan refuses deeper text.
                f"aliases nest this deeper than {MAX_DEPTH} levels; a policy never needs this, the rest is ignored",
                i,
                path,
            )
            return None
        event: Any = self.events[i]
        self.doc.values[path] = self.position(i)
        if event.tag is not None:
            self.tag(event.tag, i, path)
        cls = event.__class__
        if cls is ScalarEvent:
            return self.scalar(i)
        if cls is SequenceStartEvent:
            return self.sequence(i, path, depth)
        if self.stream.quest and self.lone_question(i):
            return self.scalar(i + 1)
        return self.mapping(i, path, depth)

    def tag(self, tag: str, i: int, path: JsonPath) -> None:
        if tag not in _KNOWN_TAGS and tag != "!" and not tag.startswith("?"):
            shown = "!!" + tag[len(_STD) :] if tag.startswith(_STD) else tag
            self.problem(
                "yaml/unknown-tag",
                f"tag '{shown}' is not allowed; policyval reads plain YAML only and builds no objects (remove the tag)",
                i,
                path,
            )

    def scalar(self, i: int) -> Any:
        event: Any = self.events[i]
        value = event.value if self.source.restore is None else self.source.value(event.value)
        if self.stream.quest and i in self.stream.quest:
            return "?" + value
        tag = event.tag
        # Quoted and block scalars, explicit strings, '!', timestamps and unknown tags stay text.
        if event.style or (tag is not None and tag not in _CORE_TYPED):
            return value
        return _plain(value)

    def sequence(self, i: int, path: JsonPath, depth: int) -> list[Any]:
        out: list[Any] = []
        ends = self.stream.ends
        end, j = ends[i], i + 1
        while j < end:
            out.append(self.build(j, (*path, len(out)), depth + 1))
            j = ends.get(j, j) + 1
        return out

    def pairs(self, i: int) -> list[tuple[int, int]]:
        """(key, value) event indexes of the mapping that starts at ``i``."""
        found = []
        ends = self.stream.ends
        end, j = ends[i], i + 1
        while j < end:
            value = ends.get(j, j) + 1
            found.append((j, value))
            j = ends.get(value, value) + 1
        return found

    def mapping(self, i: int, path: JsonPath, depth: int) -> dict[str, Any]:
        out: dict[str, Any] = {}
        merged: list[tuple[int, int]] = []
        for k, v in self.pairs(i):
            if self.is_merge(k):
                merged.extend(self.merge_sources(v))
                continue
            key = self.key(k, path)
            if key is None:
                continue
            if key in out:
                first = self.doc.keys[(*path, key)]
                self.problem(
                    "yaml/duplicate-key",
                    f"duplicate key '{key}' (first defined at line {first[0]}); the first value is used",
                    self.stream.resolved(k),
                    (*path, key),
                )
                continue
            self.doc.keys[(*path, key)] = self.position(self.stream.resolved(k))
            out[key] = self.build(v, (*path, key), depth + 1)
        # Merge keys ('<<') fill in only what the mapping does not set itself.
        for k, v in merged:
            key = self.key(k, path)
            if key is not None and key not in out:
                self.doc.keys[(*path, key)] = self.position(self.stream.resolved(k))
                out[key] = self.build(v, (*path, key), depth + 1)
        return out

    def is_merge(self, k: int) -> bool:
        event: Any = self.events[self.stream.resolved(k)]
        if event.__class__ is not ScalarEvent:
            return False
        return bool(event.tag == _MERGE or (event.tag is None and not event.style and event.value == "<<"))

    def merge_sources(self, v: int) -> list[tuple[int, int]]:
        """The pairs a '<<' value merges in: one mapping's, or each mapping's of a sequence."""
        v = self.stream.resolved(v)
        cls = self.events[v].__class__
        if cls is MappingStartEvent:
            return self.pairs(v)
        found: list[tuple[int, int]] = []
        if cls is SequenceStartEvent:
            end, j = self.stream.ends[v], v + 1
            while j < end:
                src = self.stream.resolved(j)
                if self.events[src].__class__ is MappingStartEvent:
                    found.extend(self.pairs(src))
                j = self.stream.after(j)
        return found

    def key(self, k: int, path: JsonPath) -> str | None:
        k = self.stream.resolved(k)
        event: Any = self.events[k]
        if event.__class__ is not ScalarEvent:
            self.problem("yaml/non-string-key", "a key must be a plain string, not a list or mapping", k, path)
            return None
        value = self.scalar(k)
        if not isinstance(value, str):
            shown = self.source.value(event.value)
            self.problem(
                "yaml/non-string-key",
                f"key {shown!r} is read as {type(value).__name__ if value is not None else 'null'}, "
                f"not a string; quote it",
                k,
                path,
            )
            return str(shown)
        return value

    def lone_question(self, i: int) -> bool:
        """``[?foo]``: libyaml reads a one-pair mapping {foo: null}; YAML 1.2 the scalar '?foo'."""
        if i + 1 not in self.stream.quest or self.stream.ends[i] != i + 3:
            return False
        start: Any = self.events[i]
        key, value = self.events[i + 1], self.events[i + 2]
        if start.start_mark.index != key.start_mark.index - 1:  # '{?foo}' is a mapping in YAML 1.2 too
            return False
        empty = value.__class__ is ScalarEvent and value.value == "" and not value.style
        return bool(empty and value.start_mark.index == key.end_mark.index and value.tag is None)


def load_text(text: str) -> Document:
    """Parse ``text`` (already decoded) into a Document. Never raises on bad input."""
    doc = Document()
    stream = _read(text)
    if isinstance(stream, Problem):
        doc.problems.append(stream)
        doc.usable = False
        return doc
    doc.stream = stream
    if not stream.roots:
        doc.problems.append(Problem("yaml/empty", "the file holds no YAML document; a policy is a mapping", 1, 1))
        doc.usable = False
        return doc
    for root in stream.roots[1:]:
        doc.problems.append(
            Problem(
                "yaml/multiple-documents",
                "a policy file holds one YAML document; this one and any after it are ignored",
                *stream.mark(stream.events[root]),
            )
        )
    doc.data = _Builder(doc, stream).build(stream.roots[0], (), 0)
    return doc


def scalar_spans(text: str) -> list[Span] | None:
    """[start, end) character offsets of every scalar in ``text``, or None when it is not YAML.

    For texts that :func:`load_text` refused before their end (a bomb, deep nesting), whose
    comments are still read: scalars are only listed here, never built.
    """
    source = _Source.of(text)
    spans: list[Span] = []
    parser = _Parser(source.text)
    try:
        while (event := parser.get_event()) is not None:
            if event.__class__ is ScalarEvent:
                spans.append(_span(event, False, source.shift))
    except YAMLError:
        return None
    finally:
        parser.dispose()
    return spans
