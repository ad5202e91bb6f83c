"""Write files so that a reader sees the old content or the new, never half of it.

Everything policyval writes (an ``--output`` report, a baseline, an export) goes through
``replacing`` (or ``write_atomic``): the text goes to a temporary file in the target's own
directory (a rename is atomic only within one file system), is flushed to disk, and is then
renamed over the target. A full disk, Ctrl-C or SIGTERM leaves the old file untouched and no
temporary file behind (a SIGKILL or a power cut can leave the temporary, never a half file).
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

# Mode of a file that did not exist before, before the umask, as open() would create it.
_NEW_FILE_MODE = 0o666


def write_atomic(path: str | os.PathLike[str], text: str | bytes) -> None:
    """Write ``text`` (UTF-8, LF line ends; bytes as they are) to ``path`` atomically.

    An existing target keeps its permission bits (and, where allowed, its owner); a new
    one gets the usual ``0o666`` minus the umask, not ``mkstemp``'s ``0o600``. A symlink
    is written through, so the link stays a link.
    """
    if isinstance(text, bytes):
        with replacing(path, binary=True) as raw:
            raw.write(text)
        return
    with replacing(path) as out:
        out.write(text)


@contextlib.contextmanager
def replacing(path: str | os.PathLike[str], binary: bool = False) -> Iterator[IO[Any]]:
    """A text stream whose content replaces ``path`` atomically when the ``with`` block ends
    (as :func:`write_atomic` does), for a report written as it is produced; if the block
    raises, the target is untouched and the temporary file removed. ``binary`` gives a byte
    stream instead (an XLSX export)."""
    target = Path(os.path.realpath(path))
    try:
        existing: os.stat_result | None = target.stat()
    except FileNotFoundError:
        existing = None
    tmp = target.with_name(temporary_name(target))
    mode = stat.S_IMODE(existing.st_mode) if existing else _NEW_FILE_MODE
    created = False
    # Everything from the creation of the temporary to the rename is undone on any exception,
    # SIGTERM and Ctrl-C included (policyval.cli.main raises them as exceptions).
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), mode)
        created = True
        with _stream(fd, binary) as out:
            yield out
            out.flush()
            os.fsync(out.fileno())
        if existing is not None:
            _keep_metadata(tmp, existing)
        os.replace(tmp, target)
    except BaseException:
        if created:
            tmp.unlink(missing_ok=True)
        raise
    _sync_directory(target.parent)


def _stream(fd: int, binary: bool) -> IO[Any]:
    if binary:
        return os.fdopen(fd, "wb")
    # surrogateescape: a file name that is not UTF-8 is written back as the bytes it has.
    return os.fdopen(fd, "w", encoding="utf-8", errors="surrogateescape", newline="\n")


def temporary_name(target: Path) -> str:
    """``.NAME.<hex>.tmp``, shortened so that it fits the file system's limit on a name
    (255 bytes on most): a target whose own name is 238 to 255 bytes long can be written too."""
    suffix = f".{secrets.token_hex(6)}.tmp"
    try:
        limit = os.pathconf(target.parent, "PC_NAME_MAX")
    except (OSError, ValueError, AttributeError):
        limit = 255
    room = max(1, limit - 1 - len(suffix))
    name = os.fsencode(target.name)[:room]
    return "." + os.fsdecode(name) + suffix


def _keep_metadata(tmp: Path, existing: os.stat_result) -> None:
    # os.open applied the umask to the mode; set the old bits exactly.
    os.chmod(tmp, stat.S_IMODE(existing.st_mode))
    if hasattr(os, "chown"):
        # Only root may give a file away; when we may not, the mode is what matters.
        with contextlib.suppress(PermissionError):
            os.chown(tmp, existing.st_uid, existing.st_gid)


def _sync_directory(directory: Path) -> None:
    """Make the rename itself durable (POSIX); directories cannot be opened on Windows."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        # Some file systems refuse fsync on a directory; the data itself is already safe.
        with contextlib.suppress(OSError):
            os.fsync(fd)
    finally:
        os.close(fd)
