"""Where a check's input comes from: paths found, files read (bounded), bytes decoded.

Nothing here knows what a policy is. Every policy file is read by :func:`read`: opened
non-blocking and checked with ``fstat`` before any read, so a FIFO cannot hang the run and
``/dev/zero`` cannot fill memory, and never more than the limit plus one byte.
"""

from __future__ import annotations

import errno
import os
import stat
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from policyval.check.load import Lines
from policyval.findings import Finding, Severity
from policyval.rules.base import SourceError

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
#
# The ONE way policyval reads a file: policies, the source texts they cite, configuration
# files and baselines all go through read_bounded().

_CHUNK = 1 << 16


class Unreadable(Exception):
    """A file read_bounded() refuses or cannot read. ``rule`` is the io/ or file/ rule it
    means; ``message`` says why, in words a user can act on."""

    def __init__(self, rule: str, message: str, *, size: str = "", error: OSError | None = None) -> None:
        super().__init__(message)
        self.rule, self.message, self.size, self.error = rule, message, size, error


def _oserror(exc: OSError) -> Unreadable:
    if exc.errno in (errno.EAGAIN, errno.EWOULDBLOCK):
        message = "cannot read this: it would block (a file with nothing to read yet, as a device gives)"
        return Unreadable("io/unreadable", message)
    return Unreadable("io/unreadable", f"cannot read this: {exc.strerror or exc}", error=exc)


def _kind(info: os.stat_result) -> str:
    return _NOT_REGULAR.get(stat.S_IFMT(info.st_mode), "not a regular file")


def read_bounded(path: str | os.PathLike[str], limit: int) -> bytes:
    """The bytes of the regular file at ``path``, at most ``limit`` of them; Unreadable otherwise.

    Opened read-only and non-blocking, and checked with ``fstat`` before any read, so a FIFO,
    a socket or a device is refused without blocking; never more than ``limit`` + 1 bytes are
    read, so ``/dev/zero``, a sparse file or a file that grows costs no more than the limit.
    A file that claims to be regular but would block (``/proc/kmsg``) is refused too.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise _oserror(exc) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            message = f"this is {_kind(info)}, not a regular file; policyval reads only regular files"
            raise Unreadable("io/unreadable", message)
        if info.st_size > limit:
            raise Unreadable("file/too-large", "too large", size=str(info.st_size))
        return _read_upto(fd, limit)
    except OSError as exc:
        raise _oserror(exc) from None
    finally:
        os.close(fd)


def _read_upto(fd: int, limit: int) -> bytes:
    parts: list[bytes] = []
    got = 0
    while got <= limit:
        chunk = os.read(fd, min(_CHUNK, limit + 1 - got))
        if not chunk:
            return b"".join(parts)
        parts.append(chunk)
        got += len(chunk)
    # It grew while read, or a /proc file that claims size 0.
    raise Unreadable("file/too-large", "too large", size=f"more than {limit}")


def _too_large(file: str, size: str, limit: int) -> Finding:
    message = f"the file is {size} bytes, over the limit of {limit} (--max-bytes)"
    return Finding(file, 0, 0, "file/too-large", Severity.ERROR, message)


def read(file: str, path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[bytes | None, list[Finding]]:
    """The bytes of a policy file, read once, or the findings that say why not. Read-only."""
    try:
        return read_bounded(path, max_bytes), []
    except Unreadable as exc:
        if exc.rule == "file/too-large":
            return None, [_too_large(file, exc.size, max_bytes)]
        if exc.error is not None:  # a symlink loop, a dangling link: their own rules
            return None, [os_error(file, exc.error)]
        return None, [io_finding(file, exc.rule, exc.message)]


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

_CACHED = 8  # source texts kept: a run over many policies citing a few texts reads each once
_SOURCES: OrderedDict[tuple[str, int, int, int], str | SourceError] = OrderedDict()


@dataclass(frozen=True)
class Sources:
    """The source texts rules may read (``policyval.rules.base.Sources``): bounded by the
    plan's ``--max-bytes``, each version of a file read once. Which paths may be read at all
    is the evidence rules' business (confined to the policy's repository)."""

    max_bytes: int = DEFAULT_MAX_BYTES
    config_root: Path | None = None

    def read(self, path: Path) -> str:
        try:
            info = os.stat(path)
        except OSError as exc:
            raise SourceError(f"cannot read it: {exc.strerror or exc}") from None
        key = (os.path.realpath(path), info.st_mtime_ns, info.st_size, self.max_bytes)
        if key not in _SOURCES:
            _SOURCES[key] = self._text(path)
            while len(_SOURCES) > _CACHED:
                _SOURCES.popitem(last=False)
        found = _SOURCES[key]
        if isinstance(found, SourceError):
            raise found
        return found

    def _text(self, path: Path) -> str | SourceError:
        try:
            raw = read_bounded(path, self.max_bytes)
        except Unreadable as exc:
            if exc.rule == "file/too-large":
                return SourceError(f"it is {exc.size} bytes, over the limit of {self.max_bytes} (--max-bytes)")
            return SourceError(exc.message.replace("cannot read this", "cannot read it").replace("this is", "it is"))
        try:
            return raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            return SourceError("it cannot be read as UTF-8 text; save it as UTF-8")
