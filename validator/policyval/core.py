"""The check itself: paths in, findings out. No printing and no exit codes here."""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from policyval import schemas, structural
from policyval.findings import Finding, JsonPath, Severity, pointer
from policyval.loader import Document, Lines, load_text

SUFFIXES = (".yaml", ".yml")
DEFAULT_MAX_BYTES = 2 * 1024 * 1024

# Rule namespaces whose findings mean policyval could not read its input, or failed on
# it (internal/), or was given a broken configuration (config/), and so could not judge
# it (exit code 2).
IO_PREFIX = ("io/", "internal/", "config/")


@dataclass(frozen=True)
class Options:
    """What a check run is asked to do."""

    max_bytes: int = DEFAULT_MAX_BYTES
    # Worker processes for many files (policyval.parallel); 1 checks in this process.
    jobs: int = 1
    # Told (files done, files in all) after each file; never sent to worker processes.
    progress: Callable[[int, int], None] | None = field(default=None, compare=False)
    # Configuration and inline suppressions (policyval.config): given each file, its text
    # (None when it could not be read as text) and its findings, the findings to report.
    finish: Callable[[str, str | None, list[Finding]], list[Finding]] | None = field(default=None, compare=False)
    # A streaming reporter: given each file's findings (in report order) as they arrive. The
    # Report then keeps only counts and io/ findings, so memory does not grow with the files.
    emit: Callable[[list[Finding]], None] | None = field(default=None, compare=False)


@dataclass
class Report:
    """All findings of a run, and what was looked at.

    A streamed run (``Options.emit``) hands findings to the reporter as they come and keeps
    none in ``findings``: ``streamed`` counts them by severity, ``streamed_files`` names the
    files that had some, and ``streamed_io`` keeps the io/ ones (few) for the exit code.
    """

    files: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    # Rule profiles that ran for each file whose rules ran (filled by policyval.rules.engine.run).
    profiles: dict[str, tuple[str, ...]] = field(default_factory=dict)
    streamed: dict[Severity, int] = field(default_factory=dict)
    streamed_files: set[str] = field(default_factory=set)
    streamed_io: list[Finding] = field(default_factory=list)

    @property
    def io_errors(self) -> list[Finding]:
        return [*self.streamed_io, *(f for f in self.findings if f.rule.startswith(IO_PREFIX))]

    def count(self, severity: Severity) -> int:
        return self.streamed.get(severity, 0) + sum(1 for f in self.findings if f.severity is severity)

    def total(self) -> int:
        """How many findings the run reported, kept or streamed."""
        return len(self.findings) + sum(self.streamed.values())

    def files_with_findings(self) -> int:
        return len(self.streamed_files | {f.file for f in self.findings})

    def add(self, findings: list[Finding], emit: Callable[[list[Finding]], None] | None = None) -> None:
        """Keep ``findings``, or hand them to ``emit`` and count them."""
        if emit is None:
            self.findings.extend(findings)
            return
        if not findings:
            return
        emit(findings)
        for f in findings:
            self.streamed[f.severity] = self.streamed.get(f.severity, 0) + 1
            self.streamed_files.add(f.file)
            if f.rule.startswith(IO_PREFIX):
                self.streamed_io.append(f)


# A semantic stage (issue: rules) plugs in here: it gets the file name (rules resolve
# paths the policy cites from it), the loaded document and the version it validated
# against, and returns hits with their own severities.
SemanticStage = Callable[[str, Document, str], Iterable[tuple[structural.Hit, Severity]]]


def _io(file: str, rule: str, message: str) -> Finding:
    return Finding(file, 0, 0, rule, Severity.ERROR, message)


def discover(paths: Iterable[str]) -> Iterator[tuple[str, Path] | Finding]:
    """Policy files under ``paths`` in a stable order, or an io/ finding per bad path.

    Directories are walked without following symlinked directories, so a symlink loop
    cannot trap the walk; hidden directories (.git, .venv) are skipped.
    """
    for raw in paths:
        path = Path(raw)
        if raw and path.is_dir():
            errors: list[OSError] = []
            found = sorted(_walk(path, errors.append))
            yield from (_os_error(str(exc.filename or raw), exc) for exc in errors)
            if not found and not errors:
                yield _io(raw, "io/no-policies", f"no policy files ({', '.join(SUFFIXES)}) under this directory")
            for file in found:
                yield str(file), file
        elif raw and path.exists():  # files, and FIFOs or devices, which check_file refuses
            yield raw, path
        elif raw and path.is_symlink():
            try:
                os.stat(path)
            except OSError as exc:
                yield _os_error(raw, exc)
            else:  # it appeared meanwhile: check_file tells
                yield raw, path
        else:
            yield _io(raw, "io/not-found", "no such file or directory")


def _os_error(file: str, exc: OSError) -> Finding:
    """The io/ finding for an error from opening or reading ``file``."""
    if exc.errno == errno.ELOOP:
        return _io(file, "io/symlink-loop", "this symlink leads back to itself (a symlink loop); fix or remove it")
    if exc.errno == errno.ENOENT:
        if os.path.islink(file):
            return _io(file, "io/broken-link", "this symlink points to nothing; fix or remove it")
        return _io(file, "io/not-found", "no such file or directory")
    return _io(file, "io/unreadable", f"cannot read this: {exc.strerror or exc}")


def _walk(root: Path, onerror: Callable[[OSError], None]) -> Iterator[Path]:
    # An unreadable subdirectory is reported (onerror), not silently skipped.
    for dirpath, dirnames, filenames in os.walk(root, onerror=onerror, followlinks=False):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        for name in filenames:
            # Hidden files in a policy directory are tool configuration (.policyval.yaml,
            # .pre-commit-config.yaml), not policies; named on the command line they are checked.
            if name.endswith(SUFFIXES) and not name.startswith("."):
                yield Path(dirpath) / name


# Checked longest first: the UTF-32 LE mark begins with the UTF-16 LE one.
_WIDE_BOMS = (
    (b"\x00\x00\xfe\xff", "UTF-32 (big-endian)"),
    (b"\xff\xfe\x00\x00", "UTF-32 (little-endian)"),
    (b"\xfe\xff", "UTF-16 (big-endian)"),
    (b"\xff\xfe", "UTF-16 (little-endian)"),
)


def _wide_encoding(head: bytes) -> str | None:
    """UTF-16 or UTF-32, by byte-order mark, or UTF-16 by its NUL bytes (mostly-ASCII text)."""
    for bom, name in _WIDE_BOMS:
        if head.startswith(bom):
            return name
    even, odd = head[0::2], head[1::2]
    if len(head) >= 4 and odd.count(0) == len(odd) and 0 not in even:
        return "UTF-16 (little-endian, no byte-order mark)"
    if len(head) >= 4 and even.count(0) == len(even) and 0 not in odd:
        return "UTF-16 (big-endian, no byte-order mark)"
    return None


def _decode(file: str, raw: bytes) -> tuple[str | None, list[Finding]]:
    """Text of the file, or findings that say why it cannot be text."""
    wide = _wide_encoding(raw[:8192])
    if wide is not None:
        message = f"the file is encoded as {wide}; save it as UTF-8"
        return None, [Finding(file, 1, 1, "file/not-utf8", Severity.ERROR, message)]
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
        # Counted as YAML positions are: lines end at CR LF, CR or LF; columns in characters.
        before = raw[: exc.start].decode("utf-8")  # valid: the first bad byte is at exc.start
        line, column = Lines(before).position(len(before))
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
    if isinstance(declared, (int, float)) and not isinstance(declared, bool) and str(declared) in schemas.versions():
        # YAML reads an unquoted 1.0 as a number, which would print as the very version it "does not know".
        message = f'schema_version must be a string: write schema_version: "{declared}" (quoted), not a number'
    return None, structural.Hit("schema/unknown-version", message, ("schema_version",))


def check_text(file: str, text: str, semantic: SemanticStage | None = None) -> list[Finding]:
    """Findings for one policy given as text."""
    return check_document(file, load_text(text), semantic)


def check_document(file: str, doc: Document, semantic: SemanticStage | None = None) -> list[Finding]:
    """Findings for one loaded policy (callers that also need the data load it only once)."""
    findings = [
        Finding(file, p.line, p.column, p.rule, Severity.ERROR, p.message, pointer(p.path)) for p in doc.problems
    ]
    if not doc.usable:
        return findings
    version, problem = _version(doc.data)
    if version is None:
        assert problem is not None
        return [*findings, _finding(file, doc, problem, Severity.ERROR)]
    # Most policies are valid: a fast engine proves that, and only the others pay for the
    # reference validator that explains each error (see schemas.surely_valid).
    schema_hits = [] if schemas.surely_valid(doc.data, version) else structural.check(doc.data, version)
    findings.extend(_finding(file, doc, hit, Severity.ERROR) for hit in schema_hits)
    # Rules read only well-formed documents, so an incomplete policy gets rule findings
    # and a malformed one gets schema findings first.
    if semantic is not None and not schema_hits and not findings_block(findings):
        findings.extend(_finding(file, doc, hit, severity) for hit, severity in semantic(file, doc, version))
    return findings


def findings_block(findings: list[Finding]) -> bool:
    """YAML problems that make the data untrustworthy for semantic rules."""
    return any(f.rule in ("yaml/duplicate-key", "yaml/non-string-key", "yaml/unknown-tag") for f in findings)


_NOT_REGULAR = {
    stat.S_IFDIR: "a directory",
    stat.S_IFIFO: "a FIFO (named pipe)",
    stat.S_IFSOCK: "a socket",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
}


def _too_large(file: str, size: str, limit: int) -> Finding:
    message = f"the file is {size} bytes, over the limit of {limit} (--max-bytes)"
    return Finding(file, 0, 0, "file/too-large", Severity.ERROR, message)


def read_policy(file: str, path: Path, options: Options) -> tuple[bytes | None, list[Finding]]:
    """The bytes of a regular file, read once, or the findings that say why not.

    Opened non-blocking and checked with fstat before any read, so a FIFO cannot hang the
    run and /dev/zero cannot fill memory; at most max_bytes + 1 bytes are ever read, so a
    file that grows (or a /proc file that claims size 0) cannot either. Opened read-only.
    """
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        return None, [_os_error(file, exc)]
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            kind = _NOT_REGULAR.get(stat.S_IFMT(info.st_mode), "not a regular file")
            message = f"this is {kind}, not a regular file; policyval reads only regular files"
            return None, [_io(file, "io/unreadable", message)]
        if info.st_size > options.max_bytes:
            return None, [_too_large(file, str(info.st_size), options.max_bytes)]
        with os.fdopen(os.dup(fd), "rb") as stream:
            raw = stream.read(options.max_bytes + 1)
    except OSError as exc:
        return None, [_os_error(file, exc)]
    finally:
        os.close(fd)
    if len(raw) > options.max_bytes:
        return None, [_too_large(file, f"more than {options.max_bytes}", options.max_bytes)]
    return raw, []


def check_file(file: str, path: Path, options: Options, semantic: SemanticStage | None = None) -> list[Finding]:
    """Findings for one file on disk. Reads it once and never writes it."""
    raw, findings = read_policy(file, path, options)
    text = None
    if raw is not None:
        text, findings = _decode(file, raw)
        if text is not None:
            findings = [*findings, *check_text(file, text, semantic)]
    return findings if options.finish is None else options.finish(file, text, findings)


def run(paths: Iterable[str], options: Options | None = None, semantic: SemanticStage | None = None) -> Report:
    """Check every policy under ``paths``. One bad file never stops the others."""
    options = options or Options()
    report = Report()
    items = list(discover(paths))  # names only; each file is read when its turn comes
    total = sum(1 for item in items if not isinstance(item, Finding))
    reported: set[Finding] = set()
    for file, findings in _results(items, options, semantic, total):
        if file is not None:
            report.files.append(file)
            if options.progress is not None:
                options.progress(len(report.files), total)
        report.add(_once(findings, reported), options.emit)
    return report


def _once(findings: list[Finding], reported: set[Finding]) -> list[Finding]:
    """``findings`` less config/ errors already reported: a broken configuration comes back
    with every file it governs, and is reported once (at its first file)."""
    if not any(f.rule.startswith("config/") for f in findings):
        return findings
    kept = [f for f in findings if not (f.rule.startswith("config/") and f in reported)]
    reported.update(f for f in findings if f.rule.startswith("config/"))
    return kept


def _results(
    items: list[tuple[str, Path] | Finding], options: Options, semantic: SemanticStage | None, total: int
) -> Iterator[tuple[str | None, list[Finding]]]:
    """(file, its sorted findings) per file, or (None, [finding]) per bad path, in ``items`` order."""
    from policyval import parallel

    if parallel.worthwhile(options, total, semantic):
        yield from parallel.results(items, options, semantic)
        return
    for item in items:
        if isinstance(item, Finding):
            yield None, [item]
        else:
            yield item[0], checked(item[0], item[1], options, semantic)


def checked(file: str, path: Path, options: Options, semantic: SemanticStage | None) -> list[Finding]:
    """One file's findings in report order; what serial and parallel runs both call."""
    return sorted(_guarded(file, path, options, semantic), key=Finding.sort_key)


def _guarded(file: str, path: Path, options: Options, semantic: SemanticStage | None) -> list[Finding]:
    """check_file, but a bug that one file provokes costs that file only, not the run."""
    try:
        return check_file(file, path, options, semantic)
    except Exception as exc:
        if os.environ.get("POLICYVAL_DEBUG"):
            raise
        message = f"policyval failed on this file ({type(exc).__name__}: {exc}); please report it"
        return [Finding(file, 0, 0, "internal/error", Severity.ERROR, message)]


__all__ = [
    "JsonPath",
    "Options",
    "Report",
    "SemanticStage",
    "check_document",
    "check_file",
    "check_text",
    "discover",
    "run",
]
