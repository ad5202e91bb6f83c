"""Reporters turn results into text for people or machines. They decide nothing.

A reporter is an object with ``file(result)`` and ``end(summary)``
(:class:`policyval.check.result.Reporter`). None of them keeps the results: text and GitHub
annotations print each file's findings as its result arrives; JSON, SARIF and JUnit are
single documents whose head (the files, the rules, the counts) is known only at the end, so
each writes its findings as they come into a :class:`Spool` (memory up to 1 MiB, then a
temporary file) and the document is written out at the end. Memory stays flat however many
findings a run has; it grows only with the number of files (each file's counts).
"""

from __future__ import annotations

import json as _json
import re
import tempfile
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from policyval.check.result import Reporter, Result, Summary, Suppressed
from policyval.findings import Finding, Severity

FORMATS = ("text", "json", "sarif", "github", "junit")

Write = Callable[[str], None]


@dataclass
class Collected:
    """The results of a run, kept by a caller that needs them all anyway (the publishing
    commands): :func:`render` writes them in any format."""

    results: list[Result] = field(default_factory=list)
    summary: Summary = field(default_factory=Summary)

    @property
    def files(self) -> list[str]:
        return self.summary.files

    @property
    def findings(self) -> list[Finding]:
        return [f for r in self.results for f in r.findings]


def render(fmt: str, report: Collected, *, root: Path, color: bool = False, strict: bool = False) -> str:
    """The whole report in format ``fmt``, as ``policyval check --format fmt`` prints it."""
    parts: list[str] = []
    out = reporter(fmt, parts.append, root=root, color=color, strict=strict)
    for result in report.results:
        out.file(result)
    out.end(report.summary)
    return "".join(parts)


def reporter(
    fmt: str,
    write: Write,
    *,
    root: Path,
    color: bool = False,
    strict: bool = False,
    quiet: bool = False,
    statistics: bool = False,
    step_summary: str | None = None,
) -> Reporter:
    """The reporter of format ``fmt`` that writes through ``write``. ``root`` is the repository
    machine formats make paths relative to; ``strict`` says whether warnings fail (JUnit);
    ``quiet`` leaves out everything but the findings; ``statistics`` counts findings per rule
    instead of listing them (text); ``step_summary`` is GitHub's $GITHUB_STEP_SUMMARY file."""
    # Only the chosen reporter is imported: junit's XML and json/sarif's baseline
    # fingerprints cost a cold text run time it does not need.
    if statistics:
        if fmt != "text":
            raise ValueError("statistics are a text report")
        return Statistics(write, quiet=quiet)
    if fmt == "text":
        return Text(write, color=color, quiet=quiet)
    if fmt == "github":
        from policyval.reporters import github

        return github.Annotations(write, root=root, quiet=quiet, step_summary=step_summary)
    if fmt == "json":
        from policyval.reporters import json as json_report

        return json_report.Report(write, root)
    if fmt == "sarif":
        from policyval.reporters import sarif

        return sarif.Report(write, root)
    if fmt == "junit":
        from policyval.reporters import junit

        return junit.Report(write, strict=strict)
    raise ValueError(f"unknown format {fmt!r}; known: {', '.join(FORMATS)}")


def tail(fmt: str, summary: Summary) -> str:
    """What a ``fmt`` report prints after its findings' lines."""
    from policyval.reporters import text

    lines = text.profile_lines(summary) if fmt == "text" else []
    return "\n".join([*lines, text.summary(summary)]) + "\n"


class Text:
    """Each file's findings printed as they arrive, then the summary (unless ``quiet``)."""

    def __init__(self, write: Write, *, color: bool = False, quiet: bool = False) -> None:
        from policyval.reporters import text

        self.write, self.quiet = write, quiet
        self.line: Callable[[Finding], str] = lambda finding: text.line(finding, color=color)

    def file(self, result: Result) -> None:
        if result.findings:
            self.write("".join(self.line(f) + "\n" for f in result.findings))

    def end(self, summary: Summary) -> None:
        if not self.quiet:
            self.write(tail("text", summary))


class Statistics:
    """``--statistics``: how many findings of each rule and severity, most frequent first."""

    def __init__(self, write: Write, *, quiet: bool = False) -> None:
        self.write, self.quiet = write, quiet
        self.counts: Counter[tuple[str, Severity]] = Counter()

    def file(self, result: Result) -> None:
        self.counts.update((f.rule, f.severity) for f in result.findings)

    def end(self, summary: Summary) -> None:
        from policyval.reporters import text

        ranked = sorted(self.counts.items(), key=lambda item: (-item[1], item[0][0], item[0][1].value))
        width = max((len(str(n)) for n in self.counts.values()), default=1)
        lines = [f"{n:>{width}}  {severity.value:<7}  {rule}" for (rule, severity), n in ranked]
        if not self.quiet:
            lines.append(text.summary(summary))
        self.write("".join(line + "\n" for line in lines))


# --- what the document formats share ------------------------------------------------------

# A name read from the file system may hold bytes that are not UTF-8 (Python keeps them as
# lone surrogates, U+DC80-U+DCFF); JSON can carry them as \\u escapes, which parse back to
# the very same name.
_SURROGATE = re.compile("[\ud800-\udfff]")


def escape_surrogates(text: str) -> str:
    """JSON text with its lone surrogates written as \\u escapes: UTF-8 writable, same data."""
    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def json_text(value: Any, indent: int | None = 2) -> str:
    """``value`` as JSON text that any UTF-8 writer can write (lone surrogates escaped)."""
    return escape_surrogates(_json.dumps(value, indent=indent, ensure_ascii=False))


def json_member(key: str, value: Any, *, level: int = 1, last: bool = False) -> str:
    """One ``"key": value`` line of an object indented at ``level``, as ``json.dumps(indent=2)`` lays it out."""
    pad = "  " * level
    body = json_text(value).replace("\n", "\n" + pad)
    return f"{pad}{json_text(key)}: {body}{'' if last else ','}\n"


def fingerprinted(result: Result, root: Path) -> Iterator[tuple[Finding, str, Suppressed | None]]:
    """Every finding of a result, reported or suppressed, in position order, with its stable
    fingerprint (the same whether or not it is suppressed) and why it is suppressed, if it is."""
    from policyval.check.baseline import fingerprints

    why = {id(s.finding): s for s in result.suppressed}
    every = sorted([*result.findings, *(s.finding for s in result.suppressed)], key=Finding.sort_key)
    for finding, fingerprint in zip(every, fingerprints(every, root), strict=True):
        yield finding, fingerprint, why.get(id(finding))


class Spool:
    """The body of a document, written before its head is known: kept in memory up to 1 MiB,
    then in an anonymous temporary file (removed when closed, or when the process dies)."""

    def __init__(self, separator: str = "") -> None:
        self.separator = separator
        self.count = 0
        # Closed by drain(); a reporter that never ends leaves it to the garbage collector.
        self._file = tempfile.SpooledTemporaryFile(max_size=1 << 20, mode="w+", encoding="utf-8", newline="")  # noqa: SIM115

    def add(self, text: str) -> None:
        self._file.write((self.separator if self.count else "") + text)
        self.count += 1

    def drain(self, write: Write) -> None:
        """Write everything spooled through ``write``, in chunks, and release it."""
        self._file.seek(0)
        while chunk := self._file.read(1 << 16):
            write(chunk)
        self._file.close()
