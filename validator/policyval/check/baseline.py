"""Accept known findings so that only new ones fail a check.

A baseline entry is (file, rule, JSON path, message) with a count, never a line number, so
edits that only move lines leave it valid; files are repository-relative so the baseline
means the same on every machine. The file is versioned JSON, sorted, one entry per finding
kind: a diff of it reads like a list of what changed.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from policyval.check.result import IO_PREFIX
from policyval.findings import Finding, Severity

FORMAT_VERSION = "1"
MAX_BYTES = 128 * 1024 * 1024  # a baseline of 100,000 findings is about 30 MB
FIXED_RULE = "baseline/fixed"

# Messages may cite another position ("first defined at line 3"); that must not break a match.
_LINE_REF = re.compile(r"\bline \d+")

Key = tuple[str, str, str, str]  # (repository-relative file, rule, JSON pointer, message)


class BaselineError(Exception):
    """The baseline file cannot be used; the message says why and what to do."""


def repo_root(start: Path | None = None) -> Path:
    """The repository the run is about: the nearest directory holding .git, else the start."""
    here = (start or Path.cwd()).resolve()
    for candidate in (here, *here.parents):
        if (candidate / ".git").exists():
            return candidate
    return here


def relative(file: str, root: Path) -> str:
    """``file`` relative to ``root`` with forward slashes; absolute when it lies outside."""
    resolved = Path(os.path.abspath(file))
    try:
        return resolved.relative_to(root).as_posix()
    except ValueError:
        return resolved.as_posix()


def key(finding: Finding, root: Path) -> Key:
    return (relative(finding.file, root), finding.rule, finding.path, _LINE_REF.sub("line N", finding.message))


def fingerprints(findings: Iterable[Finding], root: Path) -> list[str]:
    """A stable id per finding: the same finding gets the same id in every run, wherever its line
    moves. Identical findings are told apart by their order of occurrence."""
    seen: Counter[Key] = Counter()
    out: list[str] = []
    for finding in findings:
        k = key(finding, root)
        seen[k] += 1
        text = json.dumps([*k, seen[k]], ensure_ascii=False)
        # surrogateescape: a file name that is not UTF-8 hashes as the bytes it has.
        out.append(hashlib.sha256(text.encode("utf-8", "surrogateescape")).hexdigest()[:32])
    return out


@dataclass
class Baseline:
    """Accepted findings, counted per key."""

    entries: Counter[Key] = field(default_factory=Counter)

    def to_json(self) -> dict[str, Any]:
        items = sorted(self.entries.items())
        return {
            "version": FORMAT_VERSION,
            "tool": "policyval",
            "entries": [
                {"file": f, "rule": r, "path": p, "message": m, "count": n} for (f, r, p, m), n in items if n > 0
            ],
        }

    def dumps(self) -> str:
        return json.dumps(self.to_json(), indent=2, ensure_ascii=False) + "\n"

    def accept(self, file: str, findings: list[Finding], root: Path | None) -> tuple[list[Finding], list[Finding]]:
        """(findings to report, findings the baseline accepts) for one checked file.

        The reported ones include a ``baseline/fixed`` finding (info: it never fails a run) for
        each accepted finding that no longer occurs in the file.
        """
        root = root or repo_root()
        name = relative(file, root)
        remaining = Counter({k: n for k, n in self.entries.items() if k[0] == name})
        unmatched, accepted = _exact(findings, remaining, root, [])
        new = _reworded(unmatched, remaining, root, accepted)
        for (_, rule, path, message), n in sorted(remaining.items()):
            if n > 0:
                new.append(_fixed(file, rule, path, message, n))
        return new, accepted


def _entry(raw: Any, where: str) -> tuple[Key, int]:
    if not isinstance(raw, dict):
        raise BaselineError(f"{where}: an entry must be an object")
    try:
        k: Key = (str(raw["file"]), str(raw["rule"]), str(raw.get("path", "")), str(raw["message"]))
        count = int(raw.get("count", 1))
    except (KeyError, TypeError, ValueError) as exc:
        raise BaselineError(f"{where}: an entry needs file, rule and message ({exc})") from None
    if count < 1:
        raise BaselineError(f"{where}: count must be at least 1")
    return (k[0], k[1], k[2], _LINE_REF.sub("line N", k[3])), count


def parse(text: str, name: str) -> Baseline:
    """A baseline from its JSON text; BaselineError with the reason when it is not one."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise BaselineError(f"{name}:{exc.lineno}:{exc.colno}: not valid JSON: {exc.msg}") from None
    except RecursionError:
        raise BaselineError(f"{name}: not a policyval baseline (JSON nested too deeply to read)") from None
    if not isinstance(data, dict) or not isinstance(data.get("entries"), list):
        raise BaselineError(f"{name}: not a policyval baseline (no 'entries' list)")
    if data.get("version") != FORMAT_VERSION:
        raise BaselineError(
            f"{name}: baseline format version {data.get('version')!r} is not {FORMAT_VERSION!r}; "
            "write it again with --write-baseline"
        )
    baseline = Baseline()
    for i, raw in enumerate(data["entries"]):
        k, count = _entry(raw, f"{name}: entry {i + 1}")
        baseline.entries[k] += count
    return baseline


def load(path: str) -> Baseline:
    """The baseline in ``path``, read bounded (a FIFO, a device or ``/dev/zero`` is refused)."""
    from policyval.check.source import Unreadable, read_bounded

    try:
        raw = read_bounded(path, MAX_BYTES)
    except Unreadable as exc:
        if exc.error is not None and exc.error.errno == errno.ENOENT:
            raise BaselineError(f"{path}: no such baseline file; create it with --write-baseline {path}") from None
        if exc.rule == "file/too-large":
            raise BaselineError(f"{path}: the baseline is over {MAX_BYTES} bytes; write it again") from None
        raise BaselineError(f"{path}: {exc.message.replace('this', 'the baseline', 1)}") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise BaselineError(f"{path}: cannot read the baseline: it is not UTF-8 text") from None
    return parse(text, path)


@contextlib.contextmanager
def locked(target: str) -> Iterator[None]:
    """Hold an exclusive lock for updating the baseline ``target`` (read it, merge, write it).

    Two ``--write-baseline`` runs on one file (pre-commit batches, parallel CI jobs) would each
    read the old baseline and write their own result over the other's. The lock is taken on
    the folder of the target, not on the file, which is replaced by a rename (a lock on the
    old file would not exclude a writer of the new one), and it leaves nothing behind.
    Where ``fcntl`` is missing (Windows) there is no lock.
    """
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        yield
        return
    folder = os.path.dirname(os.path.realpath(target)) or "."
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # the folder is missing: the write fails and says so
        yield
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def record(
    findings: Iterable[Finding], checked: Iterable[str], root: Path, previous: Baseline | None = None
) -> Baseline:
    """A baseline of ``findings``. Entries of ``previous`` for files this run did not check are
    kept (a hook that checks only changed files must not forget the others), unless the file no
    longer exists. io/ findings are about this run's arguments, never recorded."""
    names = {relative(f, root) for f in checked}
    baseline = Baseline()
    if previous is not None:
        for k, n in previous.entries.items():
            if k[0] not in names and (root / k[0]).is_file():
                baseline.entries[k] += n
    for finding in findings:
        if not finding.rule.startswith(IO_PREFIX) and finding.rule != FIXED_RULE:
            baseline.entries[key(finding, root)] += 1
    return baseline


def _exact(
    findings: list[Finding], remaining: Counter[Key], root: Path, accepted: list[Finding]
) -> tuple[list[Finding], list[Finding]]:
    unmatched = []
    for finding in findings:
        k = key(finding, root)
        if remaining[k] > 0 and not finding.rule.startswith(IO_PREFIX):
            remaining[k] -= 1
            accepted.append(finding)
        else:
            unmatched.append(finding)
    return unmatched, accepted


def _reworded(unmatched: list[Finding], remaining: Counter[Key], root: Path, accepted: list[Finding]) -> list[Finding]:
    # The same rule at the same place whose message was reworded (a new policyval release, a
    # changed value quoted in it) is still the accepted finding.
    by_place: dict[tuple[str, str, str], list[Key]] = {}
    for k, n in sorted(remaining.items()):
        by_place.setdefault(k[:3], []).extend([k] * n)
    new = []
    for finding in unmatched:
        candidates = by_place.get(key(finding, root)[:3])
        if candidates and not finding.rule.startswith(IO_PREFIX):
            remaining[candidates.pop(0)] -= 1
            accepted.append(finding)
        else:
            new.append(finding)
    return new


def _fixed(file: str, rule: str, path: str, message: str, count: int) -> Finding:
    times = "" if count == 1 else f" ({count} times)"
    text = (
        f"[{rule}] {message!r}{times} is in the baseline but no longer occurs; "
        "update the baseline with --write-baseline"
    )
    return Finding(file, 0, 0, FIXED_RULE, Severity.INFO, text, path)
