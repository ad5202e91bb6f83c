"""Where a check's input comes from: paths found, files read (bounded), bytes decoded.

Nothing here knows what a policy is. Every policy file is read by :func:`read`: opened
non-blocking and checked with ``fstat`` before any read, so a FIFO cannot hang the run and
``/dev/zero`` cannot fill memory, and never more than the limit plus one byte.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from policyval.check.load import Lines
from policyval.findings import Finding, Severity

SUFFIXES = (".yaml", ".yml")
DEFAULT_MAX_BYTES = 2 * 1024 * 1024

_NOT_REGULAR = {
    stat.S_IFDIR: "a directory",
    stat.S_IFIFO: "a FIFO (named pipe)",
    stat.S_IFSOCK: "a socket",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
}

# Checked longest first: the UTF-32 LE mark begins with the UTF-16 LE one.
_WIDE_BOMS = (
    (b"\x00\x00\xfe\xff", "UTF-32 (big-endian)"),
    (b"\xff\xfe\x00\x00", "UTF-32 (little-endian)"),
    (b"\xfe\xff", "UTF-16 (big-endian)"),
    (b"\xff\xfe", "UTF-16 (little-endian)"),
)


def io_finding(file: str, rule: str, message: str) -> Finding:
    """A finding about a path rather than a position in a file."""
    return Finding(file, 0, 0, rule, Severity.ERROR, message)


# --- discovery ------------------------------------------------------------------------------


def discover(paths: Iterable[str]) -> Iterator[tuple[str, Path] | Finding]:
    """Policy files under ``paths`` in a stable order, or an io/ finding per bad path.

    Directories are walked without following symlinked directories, so a symlink loop
    cannot trap the walk; hidden directories (.git, .venv) are skipped.
    """
    for raw in paths:
        path = Path(raw)
        if raw and path.is_dir():
            yield from _directory(raw, path)
        elif raw and path.exists():  # files, and FIFOs or devices, which read() refuses
            yield raw, path
        elif raw and path.is_symlink():
            yield _dangling(raw, path)
        else:
            yield io_finding(raw, "io/not-found", "no such file or directory")


def _directory(raw: str, path: Path) -> Iterator[tuple[str, Path] | Finding]:
    errors: list[OSError] = []
    found = sorted(_walk(path, errors.append))
    yield from (os_error(str(exc.filename or raw), exc) for exc in errors)
    if not found and not errors:
        yield io_finding(raw, "io/no-policies", f"no policy files ({', '.join(SUFFIXES)}) under this directory")
    for file in found:
        yield str(file), file


def _dangling(raw: str, path: Path) -> tuple[str, Path] | Finding:
    try:
        os.stat(path)
    except OSError as exc:
        return os_error(raw, exc)
    return raw, path  # it appeared meanwhile: read() tells


def _walk(root: Path, onerror: Callable[[OSError], None]) -> Iterator[Path]:
    # An unreadable subdirectory is reported (onerror), not silently skipped.
    for dirpath, dirnames, filenames in os.walk(root, onerror=onerror, followlinks=False):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        for name in filenames:
            # Hidden files in a policy directory are tool configuration (.policyval.yaml,
            # .pre-commit-config.yaml), not policies; named on the command line they are checked.
            if name.endswith(SUFFIXES) and not name.startswith("."):
                yield Path(dirpath) / name


def os_error(file: str, exc: OSError) -> Finding:
    """The io/ finding for an error from opening or reading ``file``."""
    if exc.errno == errno.ELOOP:
        return io_finding(
            file, "io/symlink-loop", "this symlink leads back to itself (a symlink loop); fix or remove it"
        )
    if exc.errno == errno.ENOENT:
        if os.path.islink(file):
            return io_finding(file, "io/broken-link", "this symlink points to nothing; fix or remove it")
        return io_finding(file, "io/not-found", "no such file or directory")
    return io_finding(file, "io/unreadable", f"cannot read this: {exc.strerror or exc}")


# --- reading ----------------------------------------------------------------------------------


def _too_large(file: str, size: str, limit: int) -> Finding:
    message = f"the file is {size} bytes, over the limit of {limit} (--max-bytes)"
    return Finding(file, 0, 0, "file/too-large", Severity.ERROR, message)


def read(file: str, path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[bytes | None, list[Finding]]:
    """The bytes of a regular file, read once, or the findings that say why not. Read-only."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        return None, [os_error(file, exc)]
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            kind = _NOT_REGULAR.get(stat.S_IFMT(info.st_mode), "not a regular file")
            message = f"this is {kind}, not a regular file; policyval reads only regular files"
            return None, [io_finding(file, "io/unreadable", message)]
        if info.st_size > max_bytes:
            return None, [_too_large(file, str(info.st_size), max_bytes)]
        with os.fdopen(os.dup(fd), "rb") as stream:
            raw = stream.read(max_bytes + 1)
    except OSError as exc:
        return None, [os_error(file, exc)]
    finally:
        os.close(fd)
    if len(raw) > max_bytes:  # it grew, or a /proc file that claims size 0
        return None, [_too_large(file, f"more than {max_bytes}", max_bytes)]
    return raw, []


# --- decoding ---------------------------------------------------------------------------------


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


def decode(file: str, raw: bytes) -> tuple[str | None, list[Finding]]:
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
        message = "the file starts with a UTF-8 byte-order mark; save it as UTF-8 without BOM"
        findings.append(Finding(file, 1, 1, "file/bom", Severity.WARNING, message))
    try:
        return raw.decode("utf-8"), findings
    except UnicodeDecodeError as exc:
        # Counted as YAML positions are: lines end at CR LF, CR or LF; columns in characters.
        before = raw[: exc.start].decode("utf-8")  # valid: the first bad byte is at exc.start
        line, column = Lines(before).position(len(before))
        message = f"byte 0x{raw[exc.start]:02x} is not UTF-8; save the file as UTF-8"
        return None, [*findings, Finding(file, line, column, "file/not-utf8", Severity.ERROR, message)]


# --- source texts that policies cite ---------------------------------------------------------

_SOURCES: dict[tuple[Path, int, int], str | None] = {}


def source_text(path: Path) -> str | None:
    """A cited source text, read once per version of the file (however many policies cite
    it); None when it cannot be read as UTF-8 text."""
    try:
        info = path.stat()
    except OSError:
        return None
    key = (path, info.st_mtime_ns, info.st_size)
    if key not in _SOURCES:
        try:
            _SOURCES[key] = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            _SOURCES[key] = None
    return _SOURCES[key]
