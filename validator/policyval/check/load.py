"""Read a policy file into plain JSON data plus a map from JSON path to YAML position.

The YAML is composed into nodes (which carry line and column marks) by ruamel.yaml's
C parser when it is installed, then turned into data here, by our own rules rather than
a YAML constructor, because policies must be read the same way everywhere:

* YAML 1.2 core scalars only: ``NO`` stays a string, ``2024-01-01`` stays a string;
* no tag ever builds an object (``!!python/...`` is reported, never run);
* before anything is composed, a streaming pass over the parser's events (libyaml keeps
  its own state on the heap, so this pass cannot overflow the stack) refuses nesting
  deeper than MAX_DEPTH, more than MAX_NODES nodes, alias bombs and recursive aliases;
  the composer (recursive C code that segfaults near 30,000 levels) only ever sees
  documents that passed;
* duplicate and non-string keys are reported, not silently resolved;
* positions count lines the YAML 1.2 way (CR LF, CR or LF end a line; NEL, LS and PS do
  not, although libyaml's own line numbers count them) and columns in characters.
"""

from __future__ import annotations

import bisect
import math
import re
from dataclasses import dataclass, field
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import (
    AliasEvent,
    CollectionEndEvent,
    CollectionStartEvent,
    DocumentStartEvent,
    Event,
    ScalarEvent,
)
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from ruamel.yaml.reader import ReaderError
from ruamel.yaml.resolver import VersionedResolver
from ruamel.yaml.tag import Tag

from policyval.check import hints
from policyval.findings import JsonPath

# Limits that keep a hostile file from exhausting time or memory. Generous for real
# policies (the seeds have a few hundred nodes).
MAX_NODES = 200_000
MAX_DEPTH = 64

Position = tuple[int, int]

_STD = "tag:yaml.org,2002:"
_INT = re.compile(r"^[-+]?[0-9]+$")
_OCT = re.compile(r"^0o[0-7]+$")
_HEX = re.compile(r"^0x[0-9a-fA-F]+$")
_FLOAT = re.compile(r"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")
_INF = re.compile(r"^[-+]?\.(inf|Inf|INF)$")
_NAN = re.compile(r"^\.(nan|NaN|NAN)$")
_TRUE = {"true", "True", "TRUE"}
_FALSE = {"false", "False", "FALSE"}
_NULL = {"", "~", "null", "Null", "NULL"}
# Tags that only say which core type a scalar has; everything else is reported.
_KNOWN_TAGS = {_STD + t for t in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp", "merge")}
# Tags under which a plain scalar is resolved by the core schema rather than kept as text.
_CORE_TYPED = {_STD + t for t in ("int", "float", "bool", "null")}


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

    def position(self, path: JsonPath, *, key: bool = False) -> Position:
        """Line and column of the node at ``path``, or of its nearest ancestor that exists."""
        if key and path in self.keys:
            return self.keys[path]
        while path:
            if path in self.values:
                return self.values[path]
            path = path[:-1]
        return self.values.get((), (1, 1))


class _TooLarge(Exception):
    pass


_BREAK = re.compile(r"\r\n|\r|\n")


class Lines:
    """Character index -> 1-based (line, column), with YAML 1.2 line breaks.

    libyaml's own marks count NEL, LS and PS as line breaks (YAML 1.1), which editors and
    ``grep -n`` do not; its character index is exact, so positions are taken from that.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0, *(m.end() for m in _BREAK.finditer(text))]

    def position(self, index: int) -> Position:
        line = bisect.bisect_right(self.starts, index) - 1
        return line + 1, index - self.starts[line] + 1

    def of(self, mark: Any) -> Position:
        return self.position(int(mark.index))


def _scalar(node: ScalarNode) -> Any:
    tag = str(node.tag)
    value: str = node.value
    # Quoted and block scalars, explicit strings, timestamps and unknown tags stay text.
    if node.style in ("'", '"', "|", ">") or tag not in _CORE_TYPED:
        return value
    return _plain(value)


def _plain(value: str) -> Any:
    """Resolve a plain scalar by the YAML 1.2 core schema (not 1.1: 'NO' is a string)."""
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
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    if value in _NULL:
        return None
    return value


class _Builder:
    """Turns a node graph into data, recording positions and problems."""

    def __init__(self, doc: Document, lines: Lines) -> None:
        self.doc = doc
        self.lines = lines
        self.count = 0

    def mark(self, node: Node) -> Position:
        return self.lines.of(node.start_mark)

    def problem(self, rule: str, message: str, node: Node, path: JsonPath) -> None:
        line, col = self.mark(node)
        self.doc.problems.append(Problem(rule, message, line, col, path))

    def build(self, node: Node, path: JsonPath, depth: int) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise _TooLarge
        if depth > MAX_DEPTH:
            self.problem(
                "yaml/too-deep",
                # Reached only through aliases: the event scan refuses deeper text.
                f"aliases nest this deeper than {MAX_DEPTH} levels; a policy never needs this, the rest is ignored",
                node,
                path,
            )
            return None
        self.doc.values[path] = self.mark(node)
        tag = str(node.tag)
        if tag not in _KNOWN_TAGS and not tag.startswith("?") and tag != "!":
            shown = "!!" + tag[len(_STD) :] if tag.startswith(_STD) else tag
            self.problem(
                "yaml/unknown-tag",
                f"tag '{shown}' is not allowed; policyval reads plain YAML only and builds no objects (remove the tag)",
                node,
                path,
            )
        if isinstance(node, ScalarNode):
            return _scalar(node)
        if isinstance(node, SequenceNode):
            return [self.build(item, (*path, i), depth + 1) for i, item in enumerate(node.value)]
        if isinstance(node, MappingNode):
            return self.mapping(node, path, depth)
        return None  # pragma: no cover - ruamel has no other node kinds

    def mapping(self, node: MappingNode, path: JsonPath, depth: int) -> dict[str, Any]:
        out: dict[str, Any] = {}
        merged: list[tuple[Node, Node]] = []
        for key_node, value_node in node.value:
            if str(key_node.tag) == _STD + "merge" and isinstance(key_node, ScalarNode):
                sources = value_node.value if isinstance(value_node, SequenceNode) else [value_node]
                for src in sources:
                    if isinstance(src, MappingNode):
                        merged.extend(src.value)
                continue
            key = self.key(key_node, path)
            if key is None:
                continue
            if key in out:
                first = self.doc.keys[(*path, key)]
                self.problem(
                    "yaml/duplicate-key",
                    f"duplicate key '{key}' (first defined at line {first[0]}); the first value is used",
                    key_node,
                    (*path, key),
                )
                continue
            self.doc.keys[(*path, key)] = self.mark(key_node)
            out[key] = self.build(value_node, (*path, key), depth + 1)
        # Merge keys ('<<') fill in only what the mapping does not set itself.
        for key_node, value_node in merged:
            key = self.key(key_node, path)
            if key is not None and key not in out:
                self.doc.keys[(*path, key)] = self.mark(key_node)
                out[key] = self.build(value_node, (*path, key), depth + 1)
        return out

    def key(self, node: Node, path: JsonPath) -> str | None:
        if not isinstance(node, ScalarNode):
            self.problem("yaml/non-string-key", "a key must be a plain string, not a list or mapping", node, path)
            return None
        value = _scalar(node)
        if not isinstance(value, str):
            shown = node.value
            self.problem(
                "yaml/non-string-key",
                f"key {shown!r} is read as {type(value).__name__ if value is not None else 'null'}, "
                f"not a string; quote it",
                node,
                path,
            )
            return str(shown)
        return value


# libyaml (ruamel.yaml.clib) when installed; the pure-Python parser otherwise (PyPy).
_C_PARSER = YAML(typ="safe", pure=False).Parser.__module__.rsplit(".", 1)[-1] == "_ruamel_yaml"

# Plain scalar -> the tag suffix ruamel resolves it to (None: its default, str), per YAML version.
_RESOLVED: dict[tuple[Any, str], str | None] = {}
_MAX_RESOLVED = 50_000  # keys and enum values repeat across files; free text is forgotten


class _Resolver(VersionedResolver):
    """ruamel's resolver, remembering what each plain scalar resolves to.

    ruamel works the YAML version out again for every scalar, through attribute lookups
    that fail (a fifth of a file's loading time). With the C parser that version cannot
    change while a text is composed (libyaml's loader has no scanner whose %YAML directive
    it would read), so it is taken once per text, and a scalar's tag depends on its text
    alone: the very tags ruamel gives, found once.
    """

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        if kind is not ScalarNode or not implicit[0] or self.yaml_path_resolvers:
            return super().resolve(kind, value, implicit)
        version = self.__dict__.get("_policyval_version")
        if version is None:
            version = self.__dict__["_policyval_version"] = self.processing_version
        key = (version, value)
        if key not in _RESOLVED:
            tag = super().resolve(kind, value, implicit)
            if len(_RESOLVED) >= _MAX_RESOLVED:
                _RESOLVED.clear()
            _RESOLVED[key] = None if tag is self.DEFAULT_SCALAR_TAG else str(tag.suffix)
        suffix = _RESOLVED[key]
        return self.DEFAULT_SCALAR_TAG if suffix is None else Tag(suffix=suffix)


def _yaml() -> YAML:
    y = YAML(typ="safe", pure=False)
    y.allow_duplicate_keys = True  # we report duplicates ourselves, with both positions
    if _C_PARSER:
        y.Resolver = _Resolver
    return y


def _syntax_problem(exc: YAMLError, lines: Lines) -> Problem:
    if isinstance(exc, ReaderError):
        # Raised for characters YAML forbids; it carries no mark, only a position that
        # libyaml counts in bytes of UTF-8 (the pure-Python reader: characters).
        index = int(exc.position)
        if _C_PARSER:
            index = len(lines.text.encode("utf-8")[:index].decode("utf-8", "ignore"))
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
    if mark is not None and lines.text[int(mark.index) : int(mark.index) + 1] == "\t":
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


class _Scan:
    """One pass over the parser's events that refuses what must not be composed.

    ``expanded`` counts nodes as if every alias were replaced by a copy of its anchor, so
    a billion-laughs document is refused at the alias that crosses MAX_NODES, having
    cost no more than reading its text.
    """

    def __init__(self) -> None:
        self.raw = 0  # nodes written in the text
        self.expanded = 0  # nodes after alias expansion, in the current document
        self.open: list[tuple[str | None, int]] = []  # (anchor, expanded at start) per open collection
        self.sizes: dict[str, int] = {}  # anchor -> expanded size of its node

    def refusal(self, event: Event) -> tuple[str, str] | None:
        """(rule, message) if this event makes the stream unacceptable."""
        if isinstance(event, DocumentStartEvent):
            self.expanded, self.sizes = 0, {}
            return None
        if isinstance(event, CollectionEndEvent):
            anchor, start = self.open.pop()
            if anchor is not None:
                self.sizes[anchor] = self.expanded - start
            return None
        if isinstance(event, AliasEvent):
            return self.alias(str(event.anchor))
        if not isinstance(event, (ScalarEvent, CollectionStartEvent)):
            return None
        if len(self.open) > MAX_DEPTH:
            return "yaml/too-deep", f"nesting deeper than {MAX_DEPTH} levels; a policy never needs this, not read"
        self.raw += 1
        if isinstance(event, CollectionStartEvent):
            self.open.append((event.anchor, self.expanded))
        elif event.anchor is not None:
            self.sizes[event.anchor] = 1
        self.expanded += 1
        if self.raw > MAX_NODES:
            return "yaml/too-large", f"more than {MAX_NODES} nodes; a policy never needs this many, not read"
        return None

    def alias(self, anchor: str) -> tuple[str, str] | None:
        if any(name == anchor for name, _ in self.open):
            return "yaml/recursive-alias", f"alias '*{anchor}' refers to the node that contains it; not read"
        # An undefined alias counts one node here; the composer reports it afterwards.
        self.expanded += self.sizes.get(anchor, 1)
        if self.expanded > MAX_NODES:
            return (
                "yaml/too-large",
                f"aliases expand the document to more than {MAX_NODES} nodes (an alias bomb?); not read",
            )
        return None


def _scan(text: str, lines: Lines) -> Problem | None:
    """The first reason not to compose ``text``, or None when it is safe to."""
    scan = _Scan()
    try:
        for event in _yaml().parse(text):
            refusal = scan.refusal(event)
            if refusal is not None:
                line, col = lines.of(event.start_mark)
                return Problem(refusal[0], refusal[1], line, col)
    except YAMLError as exc:
        return _syntax_problem(exc, lines)
    return None


def load_text(text: str) -> Document:
    """Parse ``text`` (already decoded) into a Document. Never raises on bad input."""
    doc = Document()
    lines = Lines(text)
    refused = _scan(text, lines)
    if refused is None:
        try:
            nodes = [n for n in _yaml().compose_all(text) if n is not None]
        except YAMLError as exc:  # e.g. an undefined alias, found only by the composer
            refused = _syntax_problem(exc, lines)
        except RecursionError:  # pragma: no cover - pure-Python composer only; the scan bounds depth
            refused = Problem("yaml/too-deep", f"nesting too deep to parse (limit {MAX_DEPTH})", 1, 1)
    if refused is not None:
        doc.problems.append(refused)
        doc.usable = False
        return doc
    if not nodes:
        doc.problems.append(Problem("yaml/empty", "the file holds no YAML document; a policy is a mapping", 1, 1))
        doc.usable = False
        return doc
    for extra in nodes[1:]:
        line, col = lines.of(extra.start_mark)
        doc.problems.append(
            Problem(
                "yaml/multiple-documents",
                "a policy file holds one YAML document; this one and any after it are ignored",
                line,
                col,
            )
        )
    try:
        doc.data = _Builder(doc, lines).build(nodes[0], (), 0)
    except _TooLarge:  # pragma: no cover - the scan already refused it
        doc.usable = False
    return doc
