"""Read a policy file into plain JSON data plus a map from JSON path to YAML position.

The YAML is composed into nodes (which carry line and column marks) by ruamel.yaml's
C parser when it is installed, then turned into data here, by our own rules rather than
a YAML constructor, because policies must be read the same way everywhere:

* YAML 1.2 core scalars only: ``NO`` stays a string, ``2024-01-01`` stays a string;
* no tag ever builds an object (``!!python/...`` is reported, never run);
* aliases are counted before they are expanded, so an alias bomb is refused cheaply;
* duplicate and non-string keys are reported, not silently resolved.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

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


def _mark(node: Node) -> Position:
    return node.start_mark.line + 1, node.start_mark.column + 1


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
        return int(value)
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

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.count = 0

    def problem(self, rule: str, message: str, node: Node, path: JsonPath) -> None:
        line, col = _mark(node)
        self.doc.problems.append(Problem(rule, message, line, col, path))

    def build(self, node: Node, path: JsonPath, depth: int) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise _TooLarge
        if depth > MAX_DEPTH:
            self.problem(
                "yaml/too-deep",
                f"nesting deeper than {MAX_DEPTH} levels; a policy never needs this, the rest is ignored",
                node,
                path,
            )
            return None
        self.doc.values[path] = _mark(node)
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
            self.doc.keys[(*path, key)] = _mark(key_node)
            out[key] = self.build(value_node, (*path, key), depth + 1)
        # Merge keys ('<<') fill in only what the mapping does not set itself.
        for key_node, value_node in merged:
            key = self.key(key_node, path)
            if key is not None and key not in out:
                self.doc.keys[(*path, key)] = _mark(key_node)
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


def _expanded_size(root: Node) -> int:
    """Node count after alias expansion, computed without expanding (memoised per node)."""
    sizes: dict[int, int] = {}
    stack: list[tuple[Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        if id(node) in sizes:
            continue
        children: list[Node] = []
        if isinstance(node, SequenceNode):
            children = list(node.value)
        elif isinstance(node, MappingNode):
            children = [n for pair in node.value for n in pair]
        if done:
            sizes[id(node)] = min(MAX_NODES + 1, 1 + sum(sizes.get(id(c), 0) for c in children))
        else:
            stack.append((node, True))
            stack.extend((c, False) for c in children if id(c) not in sizes)
    return sizes[id(root)]


def _yaml() -> YAML:
    y = YAML(typ="safe", pure=False)
    y.allow_duplicate_keys = True  # we report duplicates ourselves, with both positions
    return y


def _syntax_problem(exc: YAMLError) -> Problem:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    if isinstance(exc, MarkedYAMLError):
        parts = [p for p in (exc.context, exc.problem) if p]
        message = ", ".join(str(p) for p in parts) or str(exc)
    else:
        message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return Problem("yaml/syntax", f"YAML syntax error: {message}", line, col)


def load_text(text: str) -> Document:
    """Parse ``text`` (already decoded) into a Document. Never raises on bad input."""
    doc = Document()
    try:
        nodes = list(_yaml().compose_all(text))
    except YAMLError as exc:
        doc.problems.append(_syntax_problem(exc))
        doc.usable = False
        return doc
    except RecursionError:
        doc.problems.append(Problem("yaml/too-deep", f"nesting too deep to parse (limit {MAX_DEPTH})", 1, 1))
        doc.usable = False
        return doc
    nodes = [n for n in nodes if n is not None]
    if not nodes:
        doc.problems.append(Problem("yaml/empty", "the file holds no YAML document; a policy is a mapping", 1, 1))
        doc.usable = False
        return doc
    for extra in nodes[1:]:
        line, col = _mark(extra)
        doc.problems.append(
            Problem(
                "yaml/multiple-documents",
                "a policy file holds one YAML document; this one and any after it are ignored",
                line,
                col,
            )
        )
    root = nodes[0]
    if _expanded_size(root) > MAX_NODES:
        line, col = _mark(root)
        doc.problems.append(
            Problem(
                "yaml/too-large",
                f"the document expands to more than {MAX_NODES} nodes (an alias bomb?); it was not read",
                line,
                col,
            )
        )
        doc.usable = False
        return doc
    try:
        doc.data = _Builder(doc).build(root, (), 0)
    except _TooLarge:  # pragma: no cover - _expanded_size already refused it
        doc.usable = False
    return doc
