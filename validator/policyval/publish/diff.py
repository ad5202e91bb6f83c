"""Semantic diff of two versions of a policy: what a change does to people's data.

The changes come from :mod:`policyval.publish.changes`, a table over every schema path that
says whether each change widens processing, narrows it or is neutral. Both sides are checked
through the pipeline, and the findings a change introduces or resolves are listed beside the
changes. Here: reading the sides (files, git revisions) and the text, Markdown and JSON output.
"""

from __future__ import annotations

import subprocess
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

from policyval.check import pipeline, source
from policyval.check.plan import Plan
from policyval.findings import Finding
from policyval.policy import shape
from policyval.policy.terms import compare_durations, describe_duration
from policyval.publish.changes import Change, compare, destinations, period
from policyval.reporters import escape
from policyval.reporters import text as text_report


class DiffError(Exception):
    """A side of the diff cannot be read at all (I/O, git, YAML syntax): exit code 2."""


@dataclass
class FileDiff:
    """The semantic diff of one policy: changes plus findings introduced and resolved."""

    old_label: str
    new_label: str
    status: str = "modified"  # modified | added | deleted
    changes: list[Change] = field(default_factory=list)
    introduced: list[Finding] = field(default_factory=list)
    resolved: list[Finding] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.changes or self.introduced or self.resolved or self.status != "modified")

    @property
    def widening(self) -> list[Change]:
        return [c for c in self.changes if c.widening]

    def as_json(self) -> dict[str, Any]:
        def finding(f: Finding) -> dict[str, Any]:
            return {**asdict(f), "severity": f.severity.value}

        return {
            "old": self.old_label,
            "new": self.new_label,
            "status": self.status,
            "changes": [{**asdict(c), "widening": c.widening} for c in self.changes],
            "widening": len(self.widening),
            "findings_introduced": [finding(f) for f in self.introduced],
            "findings_resolved": [finding(f) for f in self.resolved],
        }


# --- sides: files, git revisions -------------------------------------------------------


@dataclass
class Side:
    label: str
    data: Any
    findings: list[Finding]


def side_from_text(label: str, text: str, plan: Plan, at: str | None = None) -> Side:
    """A side given as text (a git revision); ``at`` is the working-tree path it stands for."""
    return _side(label, pipeline.check_text(label, text, _keeping(plan), at=at))


def side_from_file(path: str, plan: Plan, label: str | None = None) -> Side:
    # Read as check reads: bounded and non-blocking, so a FIFO or /dev/zero cannot hang the diff.
    raw, problems = source.read(path, Path(path), plan.max_bytes)
    if raw is None:
        reason = problems[0].message if problems else "cannot read it"
        raise DiffError(f"{path}: cannot read: {reason}")
    return _side(label or path, pipeline.check_bytes(label or path, raw, _keeping(plan), at=path))


def _keeping(plan: Plan) -> Plan:
    return plan if plan.keep_data else replace(plan, keep_data=True)


def _side(label: str, result: Any) -> Side:
    if not isinstance(result.data, dict):
        first = next((f for f in result.findings if f.severity.value == "error"), None)
        where = f" ({first.line}:{first.column} {first.message})" if first else ""
        raise DiffError(f"{label}: cannot compare, the file is not a readable policy{where}")
    return Side(label, result.data, list(result.findings))


def _finding_key(f: Finding) -> tuple[str, str, str]:
    # Positions move when lines are added above; rule, pointer and message do not.
    return (f.rule, f.path, f.message)


def diff_sides(old: Side | None, new: Side | None) -> FileDiff:
    """Diff two sides; a missing side is a file added or deleted."""
    result = FileDiff(old.label if old else "/dev/null", new.label if new else "/dev/null")
    result.status = "added" if old is None else "deleted" if new is None else "modified"
    result.changes = compare(old.data if old else {}, new.data if new else {})
    before = Counter(_finding_key(f) for f in (old.findings if old else []))
    after = Counter(_finding_key(f) for f in (new.findings if new else []))
    result.introduced = _only(new.findings if new else [], after - before)
    result.resolved = _only(old.findings if old else [], before - after)
    return result


def _only(findings: list[Finding], wanted: Counter[tuple[str, str, str]]) -> list[Finding]:
    out = []
    left = Counter(wanted)
    for f in findings:
        if left[_finding_key(f)] > 0:
            left[_finding_key(f)] -= 1
            out.append(f)
    return out


def diff_files(old: str, new: str, plan: Plan) -> FileDiff:
    return diff_sides(side_from_file(old, plan), side_from_file(new, plan))


def _git(args: list[str], cwd: Path) -> str:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False)
    except OSError as exc:
        raise DiffError(f"cannot run git: {exc.strerror or exc}") from exc
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise DiffError(f"git {' '.join(args)}: {message[-1] if message else 'failed'}")
    return done.stdout.decode("utf-8", "replace")


def _policy_path(path: str) -> bool:
    return path.endswith(source.SUFFIXES)


def git_changes(rev: str, paths: Iterable[str], cwd: Path) -> Iterator[tuple[str | None, str | None]]:
    """(path at REV, path in the working tree) for each changed policy; None when absent."""
    _git(["rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"], cwd)
    specs = ["--", *paths] if paths else []
    listed = _git(["diff", "--name-status", "-z", "-M", "--relative", rev, *specs], cwd).split("\0")
    fields = [f for f in listed if f]
    i = 0
    while i < len(fields):
        status = fields[i]
        if status.startswith(("R", "C")):
            before, after, i = fields[i + 1], fields[i + 2], i + 3
        else:
            before = after = fields[i + 1]
            i += 2
        if not (_policy_path(before) or _policy_path(after)):
            continue
        yield (None if status == "A" else before, None if status == "D" else after)
    untracked = _git(["ls-files", "--others", "--exclude-standard", "-z", *specs], cwd).split("\0")
    for path in untracked:
        if path and _policy_path(path):
            yield None, path


def diff_git(rev: str, paths: Iterable[str], plan: Plan, cwd: Path | None = None) -> list[FileDiff]:
    """Every changed policy between ``rev`` and the working tree (paths relative to ``cwd``)."""
    cwd = cwd or Path.cwd()
    out = []
    for before, after in git_changes(rev, list(paths), cwd):
        old = None
        if before is not None:
            text = _git(["show", f"{rev}:./{before}"], cwd)
            old = side_from_text(f"{rev}:{before}", text, plan, at=str(cwd / before))
        new = side_from_file(str(cwd / after), plan, label=after) if after is not None else None
        out.append(diff_sides(old, new))
    return out


# --- output -------------------------------------------------------------------------------

_MARK = {"added": "+", "removed": "-", "changed": "~"}
_TITLES = {key: title for version in shape.VERSIONS for key, _, title in shape.SECTIONS[version]}


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _header(d: FileDiff) -> str:
    if d.status == "added":
        return f"{d.new_label} (new policy)"
    if d.status == "deleted":
        return f"{d.old_label} (deleted policy)"
    return d.new_label if d.old_label == d.new_label else f"{d.old_label} → {d.new_label}"


def _finding_line(f: Finding) -> str:
    return text_report.line(f)  # escaped for a terminal


def summary(diffs: list[FileDiff]) -> str:
    changed = [d for d in diffs if d.changed]
    if not changed:
        return "No semantic change."
    changes = sum(len(d.changes) for d in changed)
    widening = sum(len(d.widening) for d in changed)
    introduced = sum(len(d.introduced) for d in changed)
    resolved = sum(len(d.resolved) for d in changed)
    policies = f"{len(changed)} {'policy' if len(changed) == 1 else 'policies'}"
    return (
        f"{policies} changed: "
        f"{_plural(changes, 'change')} ({widening} widen processing), "
        f"{_plural(introduced, 'finding')} introduced, {resolved} resolved."
    )


def format_text(diffs: list[FileDiff]) -> str:
    lines: list[str] = []
    for d in (d for d in diffs if d.changed):
        header = escape.terminal(_header(d))
        lines.append(f"{header}: {_plural(len(d.changes), 'change')}, {len(d.widening)} widen processing")
        for c in d.changes:
            flag = " [widens processing]" if c.widening else ""
            lines.append(f"  {_MARK[c.kind]} {_TITLES.get(c.section, c.section)}: {escape.terminal(c.message)}{flag}")
        for title, found in (("findings introduced", d.introduced), ("findings resolved", d.resolved)):
            if found:
                lines.append(f"  {title}:")
                lines.extend(f"    {_finding_line(f)}" for f in found)
    lines.append(summary(diffs))
    return "\n".join(lines) + "\n"


def _md(text: str) -> str:
    """Escape text for a Markdown table cell (GitHub flavour): reporters.escape.markdown."""
    return escape.markdown(text)


# A pull-request comment: GitHub refuses a body over 65,536 characters. Past this many, the
# changes that do not widen processing are left out first (and counted), then the text is cut.
COMMENT_LIMIT = 60_000
# A hidden marker a CI job can look for to update its earlier comment instead of adding one.
COMMENT_MARKER = "<!-- policyval diff -->"
_EFFECT = {"widening": "⚠️ widens", "narrowing": "narrows", "neutral": ""}


def _verdict_line(diffs: list[FileDiff]) -> str:
    widening = sum(len(d.widening) for d in diffs if d.changed)
    if not widening:
        return "✅ No change widens processing."
    policies = sum(1 for d in diffs if d.widening)
    verb = "widens" if widening == 1 else "widen"
    where = "1 policy" if policies == 1 else f"{policies} policies"
    return f"**⚠️ {_plural(widening, 'change')} {verb} processing** in {where}: review with the DPO before merging."


def _overview(diffs: list[FileDiff]) -> list[str]:
    rows = [
        "| Policy | Changes | Widen processing | Findings introduced | Findings resolved |",
        "|---|---|---|---|---|",
    ]
    for d in diffs:
        flag = f"⚠️ {len(d.widening)}" if d.widening else "0"
        rows.append(f"| {_md(_header(d))} | {len(d.changes)} | {flag} | {len(d.introduced)} | {len(d.resolved)} |")
    return rows


def _change_rows(changes: list[Change]) -> list[str]:
    rows = ["| | Section | Change |", "|---|---|---|"]
    for c in changes:
        flag = f"{_EFFECT.get(c.effect, '')} {_MARK[c.kind]}".strip()
        rows.append(f"| {flag} | {_md(_TITLES.get(c.section, c.section))} | {_md(c.message)} |")
    return rows


def _finding_item(f: Finding) -> str:
    where = f"{f.file}:{f.line}:{f.column}"
    return f"- **{f.severity.value}** `{f.rule}` at `{escape.terminal(where).replace('`', chr(39))}`: {_md(f.message)}"


def _policy_section(d: FileDiff, others: bool) -> list[str]:
    lines = [f"### {_md(_header(d))}", ""]
    if d.widening:
        lines += [f"**Widening changes ({len(d.widening)})**", "", *_change_rows(d.widening), ""]
    rest = [c for c in d.changes if not c.widening]
    if rest and others:
        lines += [f"**Other changes ({len(rest)})**", "", *_change_rows(rest), ""]
    elif rest:
        lines += [f"*{_plural(len(rest), 'other change')} not shown here; run `policyval diff` to see them.*", ""]
    for title, found in (("Findings introduced", d.introduced), ("Findings resolved", d.resolved)):
        if found:
            lines += [f"**{title} ({len(found)})**", "", *(_finding_item(f) for f in found), ""]
    return lines


def format_markdown(diffs: list[FileDiff]) -> str:
    """A pull-request comment: the verdict and summary first, then per policy the widening
    changes (flagged), the other changes, and the findings introduced and resolved."""
    text = _markdown(diffs, others=True)
    if len(text) > COMMENT_LIMIT:
        text = _markdown(diffs, others=False)
    if len(text) > COMMENT_LIMIT:
        cut = text[:COMMENT_LIMIT].rsplit("\n", 1)[0]
        text = cut + "\n\n*The comment is cut here (too long); run `policyval diff` to see every change.*\n"
    return text


def _markdown(diffs: list[FileDiff], others: bool) -> str:
    changed = [d for d in diffs if d.changed]
    lines = [COMMENT_MARKER, "## Privacy policy changes (policyval)", ""]
    lines += [_verdict_line(diffs), "", _md(summary(diffs)), ""]
    if changed:
        lines += [*_overview(sorted(changed, key=lambda d: not d.widening)), ""]
    for d in sorted(changed, key=lambda d: not d.widening):  # policies that widen processing first
        lines += _policy_section(d, others)
    return "\n".join(lines).rstrip("\n") + "\n"


def format_json(diffs: list[FileDiff]) -> str:
    import json

    payload = {"policies": [d.as_json() for d in diffs if d.changed], "summary": summary(diffs)}
    return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"


FAIL_ON = ("any", "widening")


def failed(diffs: list[FileDiff], fail_on: str = "any") -> bool:
    """Whether the diff fails a CI gate: ``any`` change (or finding introduced or resolved),
    or only a change that ``widening`` processing."""
    if fail_on == "widening":
        return any(d.widening for d in diffs)
    return any(d.changed for d in diffs)


FORMATS: dict[str, Callable[[list[FileDiff]], str]] = {
    "text": format_text,
    "markdown": format_markdown,
    "json": format_json,
}


__all__ = [
    "Change",
    "DiffError",
    "FileDiff",
    "compare",
    "compare_durations",
    "describe_duration",
    "destinations",
    "diff_files",
    "diff_git",
    "failed",
    "period",
]
