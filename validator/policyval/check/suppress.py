"""Inline suppressions: ``# policyval: disable=rule-a,rule-b -- reason``.

* At the end of a line, the comment suppresses those rules' findings on that line.
* On a line of its own, it suppresses them on the next line that holds YAML (blank lines
  and other comment lines in between are skipped, so several suppressions can be stacked).
* A rule may be a full id (``rights/no-access``) or a namespace (``rights/``).

The loader builds data, not comments, so comments are found in the raw text. A ``#`` is a
comment only where YAML says so: at the start of a line or after whitespace, and outside
every scalar (a ``#`` inside a quoted string or a block scalar is text). Scalar extents come
from the loader's one parse (:meth:`~policyval.check.load.Document.scalar_spans`), whose
events carry exact character offsets; the text is parsed again only for a file the loader
refused before its end, and only when it mentions ``policyval:`` at all. In a file that is
not valid YAML no suppression is read (where a string ends cannot be known past the error).

Which rule ids exist and which may be suppressed is the rule registry's business
(:func:`policyval.rules.silenceable`); this module finds the comments and applies them.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from policyval import rules
from policyval.check import load
from policyval.check.load import Document, Lines
from policyval.check.result import Suppressed
from policyval.findings import Finding, Severity

MARKER = "policyval:"
_DIRECTIVE = re.compile(r"#[ \t]*policyval[ \t]*:")


@dataclass(frozen=True)
class Problem:
    """A malformed suppression comment, before it becomes a finding."""

    kind: str  # "invalid" or "no-reason"
    message: str
    line: int
    column: int


@dataclass
class Suppression:
    """One rule named in one suppression comment."""

    rule: str  # an id or a namespace ending in '/', as written
    line: int  # where the comment is
    column: int  # where the rule is written in it
    target: int  # the line whose findings it suppresses
    reason: str = ""  # what the comment says after ' -- '
    used: bool = False


@dataclass
class Comments:
    """The suppressions of one file and the problems found reading them."""

    suppressions: list[Suppression] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def covering(self, finding: Finding) -> Suppression | None:
        """The first suppression that covers ``finding``; every one that does is marked used."""
        first = None
        for s in self.suppressions:
            if s.target == finding.line and rules.matches(s.rule, finding.rule):
                s.used = True
                first = first or s
        return first


def _inside(spans: list[tuple[int, int]], index: int) -> bool:
    # Scalars come in document order and never overlap: only the last one starting at or
    # before ``index`` can contain it.
    n = bisect.bisect_right(spans, (index, index)) - 1
    if n + 1 < len(spans) and spans[n + 1][0] == index:
        n += 1
    return n >= 0 and spans[n][0] <= index < spans[n][1]


def _comment_starts(text: str, doc: Document | None) -> Iterable[int]:
    """Offsets of the ``#`` of every real comment that carries the marker."""
    spans = doc.scalar_spans() if doc is not None else None
    if spans is None:
        spans = load.scalar_spans(text)
    if spans is None:
        return
    for match in _DIRECTIVE.finditer(text):
        at = match.start()
        if (at == 0 or text[at - 1] in " \t\r\n") and not _inside(spans, at):
            yield at


def _next_content_line(lines: list[str], after: int) -> int:
    """1-based number of the first line after line ``after`` that is neither blank nor a comment."""
    for number in range(after + 1, len(lines) + 1):
        stripped = lines[number - 1].strip()
        if stripped and not stripped.startswith("#"):
            return number
    return after + 1


def _ids(text: str, column: int) -> list[tuple[str, int]] | None:
    """(rule, column) for each comma-separated rule in ``text``, or None if one is empty or has a space."""
    found: list[tuple[str, int]] = []
    start = 0
    for piece in text.split(","):
        token = piece.strip()
        if not token or any(c.isspace() for c in token):
            return None
        found.append((token, column + start + piece.index(token)))
        start += len(piece) + 1
    return found


def _parse(body: str, line: int, hash_column: int, column: int, target: int, out: Comments) -> None:
    """Read ``disable=ids -- reason`` (``body`` starts at ``column``) into ``out``."""
    head = body.lstrip()
    offset = column + len(body) - len(head)
    if not head.startswith("disable="):
        message = "a policyval comment must read '# policyval: disable=<rule-id>[,<rule-id>...] -- <reason>'"
        out.problems.append(Problem("invalid", message, line, hash_column))
        return
    ids_part, dashes, reason = head[len("disable=") :].partition("--")
    offset += len("disable=")
    ids = _ids(ids_part, offset)
    if ids is None:
        message = "list the rules to disable as 'disable=rule-a,rule-b', separated by commas, then ' -- <reason>'"
        out.problems.append(Problem("invalid", message, line, hash_column))
        return
    out.suppressions.extend(Suppression(rule, line, at, target, reason.strip()) for rule, at in ids)
    if not dashes or not reason.strip():
        message = "say why the finding does not apply: end the comment with ' -- <reason>'"
        out.problems.append(Problem("no-reason", message, line, hash_column))


def scan(text: str, doc: Document | None = None) -> Comments:
    """Every suppression comment in ``text`` (a policy's decoded text; ``doc``, the loader's
    Document of that very text, saves parsing it again)."""
    out = Comments()
    if MARKER not in text:  # the common case costs one substring search
        return out
    lines = Lines(text)
    rows = [text[a:b] for a, b in zip(lines.starts, [*lines.starts[1:], len(text)], strict=True)]
    for at in _comment_starts(text, doc):
        line, column = lines.position(at)
        row = rows[line - 1].rstrip("\r\n")
        marker = _DIRECTIVE.match(row, column - 1)
        assert marker is not None
        own_line = not row[: column - 1].strip()
        target = _next_content_line(rows, line) if own_line else line
        _parse(row[marker.end() :], line, column, marker.end() + 1, target, out)
    return out


def apply(
    file: str, text: str, findings: list[Finding], doc: Document | None = None
) -> tuple[list[Finding], list[Suppressed]]:
    """``findings`` less those a comment suppresses, plus findings about the comments, and
    the suppressed findings with the comment's reason."""
    comments = scan(text, doc)
    if not comments.suppressions and not comments.problems:
        return findings, []
    kept, suppressed = [], []
    for f in findings:
        covering = comments.covering(f) if f.line > 0 and rules.silenceable(f.rule) else None
        if covering is None:
            kept.append(f)
        else:
            suppressed.append(Suppressed(f, "inline", covering.reason))
    return [*kept, *_about_comments(file, comments)], suppressed


def _about_comments(file: str, comments: Comments) -> list[Finding]:
    out = []
    for p in comments.problems:
        severity = Severity.ERROR if p.kind == "invalid" else Severity.WARNING
        out.append(Finding(file, p.line, p.column, f"suppression/{p.kind}", severity, p.message))
    for s in comments.suppressions:
        problem = rules.pattern_problem(s.rule, rules.configurable_ids())
        if problem is not None:
            rule = "suppression/unknown-rule" if problem[0] == "unknown-rule" else "suppression/invalid"
            out.append(Finding(file, s.line, s.column, rule, Severity.ERROR, problem[1]))
        elif not s.used:
            message = f"'{s.rule}' reports nothing on line {s.target}; remove this suppression"
            out.append(Finding(file, s.line, s.column, "suppression/unused", Severity.WARNING, message))
    return out
