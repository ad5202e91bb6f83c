"""The check itself: paths in, findings out. No printing and no exit codes here."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from policyval import schemas, structural
from policyval.findings import Finding, JsonPath, Severity, pointer
from policyval.loader import Document, load_text

SUFFIXES = (".yaml", ".yml")
DEFAULT_MAX_BYTES = 2 * 1024 * 1024

# Rule namespaces whose findings mean policyval could not read its input (exit code 2).
IO_PREFIX = "io/"


@dataclass(frozen=True)
class Options:
    """What a check run is asked to do."""

    max_bytes: int = DEFAULT_MAX_BYTES


@dataclass
class Report:
    """All findings of a run, and what was looked at."""

    files: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    @property
    def io_errors(self) -> list[Finding]:
        return [f for f in self.findings if f.rule.startswith(IO_PREFIX)]

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity is severity)


# A semantic stage (issue: rules) plugs in here: it gets the loaded document and the
# version it validated against, and returns hits with their own severities.
SemanticStage = Callable[[Document, str], Iterable[tuple[structural.Hit, Severity]]]


def _io(file: str, rule: str, message: str) -> Finding:
    return Finding(file, 0, 0, rule, Severity.ERROR, message)


def discover(paths: Iterable[str]) -> Iterator[tuple[str, Path] | Finding]:
    """Policy files under ``paths`` in a stable order, or an io/ finding per bad path.

    Directories are walked without following symlinked directories, so a symlink loop
    cannot trap the walk; hidden directories (.git, .venv) are skipped.
    """
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(_walk(path))
            if not found:
                yield _io(raw, "io/no-policies", f"no policy files ({', '.join(SUFFIXES)}) under this directory")
            for file in found:
                yield str(file), file
        elif path.is_file():
            yield raw, path
        elif path.is_symlink():
            yield _io(raw, "io/broken-link", "this symlink points to nothing (or to itself)")
        else:
            yield _io(raw, "io/not-found", "no such file or directory")


def _walk(root: Path) -> Iterator[Path]:
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        for name in filenames:
            if name.endswith(SUFFIXES):
                yield Path(dirpath) / name


def _decode(file: str, raw: bytes) -> tuple[str | None, list[Finding]]:
    """Text of the file, or findings that say why it cannot be text."""
    if b"\x00" in raw[:8192]:
        return None, [Finding(file, 1, 1, "file/binary", Severity.ERROR, "this is a binary file, not YAML text")]
    findings: list[Finding] = []
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
        findings.append(
            Finding(
                file,
                1,
                1,
                "file/bom",
                Severity.WARNING,
                "the file starts with a UTF-8 byte-order mark; save it as UTF-8 without BOM",
            )
        )
    try:
        return raw.decode("utf-8"), findings
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        message = f"byte 0x{raw[exc.start]:02x} is not UTF-8; save the file as UTF-8"
        return None, [*findings, Finding(file, line, column, "file/not-utf8", Severity.ERROR, message)]


def _finding(file: str, doc: Document, hit: structural.Hit, severity: Severity) -> Finding:
    line, column = doc.position(hit.path, key=hit.key)
    return Finding(file, line, column, hit.rule, severity, hit.message, pointer(hit.path))


def _version(data: Any) -> tuple[str | None, structural.Hit | None]:
    """The schema version to validate against, or a hit saying why there is none."""
    if not isinstance(data, dict) or "schema_version" not in data:
        return schemas.latest(), None  # the schema itself reports what is missing
    declared = data["schema_version"]
    if isinstance(declared, str) and declared in schemas.versions():
        return declared, None
    known = ", ".join(schemas.versions())
    message = f"schema_version {declared!r} is not one this policyval knows (it knows: {known})"
    return None, structural.Hit("schema/unknown-version", message, ("schema_version",))


def check_text(file: str, text: str, semantic: SemanticStage | None = None) -> list[Finding]:
    """Findings for one policy given as text."""
    doc = load_text(text)
    findings = [
        Finding(file, p.line, p.column, p.rule, Severity.ERROR, p.message, pointer(p.path)) for p in doc.problems
    ]
    if not doc.usable:
        return findings
    version, problem = _version(doc.data)
    if version is None:
        assert problem is not None
        return [*findings, _finding(file, doc, problem, Severity.ERROR)]
    schema_hits = structural.check(doc.data, version)
    findings.extend(_finding(file, doc, hit, Severity.ERROR) for hit in schema_hits)
    # Rules read only well-formed documents, so an incomplete policy gets rule findings
    # and a malformed one gets schema findings first.
    if semantic is not None and not schema_hits and not findings_block(findings):
        findings.extend(_finding(file, doc, hit, severity) for hit, severity in semantic(doc, version))
    return findings


def findings_block(findings: list[Finding]) -> bool:
    """YAML problems that make the data untrustworthy for semantic rules."""
    return any(f.rule in ("yaml/duplicate-key", "yaml/non-string-key", "yaml/unknown-tag") for f in findings)


def check_file(file: str, path: Path, options: Options, semantic: SemanticStage | None = None) -> list[Finding]:
    """Findings for one file on disk. Reads it once and never writes it."""
    try:
        size = path.stat().st_size
        if size > options.max_bytes:
            return [
                Finding(
                    file,
                    0,
                    0,
                    "file/too-large",
                    Severity.ERROR,
                    f"the file is {size} bytes, over the limit of {options.max_bytes} (--max-bytes)",
                )
            ]
        raw = path.read_bytes()
    except OSError as exc:
        return [_io(file, "io/unreadable", f"cannot read this file: {exc.strerror or exc}")]
    text, findings = _decode(file, raw)
    if text is None:
        return findings
    return [*findings, *check_text(file, text, semantic)]


def run(paths: Iterable[str], options: Options | None = None, semantic: SemanticStage | None = None) -> Report:
    """Check every policy under ``paths``. One bad file never stops the others."""
    options = options or Options()
    report = Report()
    for item in discover(paths):
        if isinstance(item, Finding):
            report.findings.append(item)
            continue
        file, path = item
        report.files.append(file)
        report.findings.extend(sorted(check_file(file, path, options, semantic), key=Finding.sort_key))
    return report


__all__ = ["JsonPath", "Options", "Report", "SemanticStage", "check_file", "check_text", "discover", "run"]
