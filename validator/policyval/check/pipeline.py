"""The one pipeline: every command and the Python API check through here.

One input goes through the same stages whatever asked for it::

    bytes -> decode -> YAML -> schema -> rules -> configuration -> inline suppressions -> baseline

:func:`check_bytes` (and :func:`check_text`, :func:`check_path`, :func:`check_data`) checks
one input under a :class:`~policyval.check.plan.Plan` and returns a
:class:`~policyval.check.result.Result`; :mod:`policyval.check.run` does it for many paths.
Nothing here prints, and nothing decides an exit code.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from policyval.check import schema, source, suppress
from policyval.check.load import Document, load_text
from policyval.check.plan import Plan, Settings
from policyval.check.result import Result, Suppressed
from policyval.findings import Finding, Hit, Severity, pointer
from policyval.rules import engine, profiles, silenceable

# YAML problems that make the data untrustworthy for semantic rules.
_BLOCKING = ("yaml/duplicate-key", "yaml/non-string-key", "yaml/unknown-tag")


# --- one input --------------------------------------------------------------------------------


def check_path(file: str, path: Path, plan: Plan) -> Result:
    """One file on disk, read once (bounded, never written). A bug costs this file only."""
    try:
        raw, problems = source.read(file, path, plan.max_bytes)
        if raw is None:
            return _finish(file, None, problems, None, plan)
        return check_bytes(file, raw, plan)
    except Exception as exc:
        return _internal(file, exc)


def check_bytes(file: str, raw: bytes, plan: Plan, *, at: str | None = None) -> Result:
    """One input given as the bytes of a file. ``file`` names it in findings; ``at`` is the path
    it stands for (default ``file``), from which configuration and cited source texts are found."""
    text, findings = source.decode(file, raw)
    return _finish(file, text, findings, None, plan, at)


def check_text(file: str, text: str, plan: Plan, *, at: str | None = None) -> Result:
    """One input given as text (an editor buffer, a git revision, the API)."""
    return _finish(file, text, [], None, plan, at)


def check_data(file: str, data: Any, plan: Plan, *, at: str | None = None) -> Result:
    """Data already parsed (JSON, a dict): schema and rules, without YAML positions."""
    # No text, so no positions: every finding is placed at (0, 0), with its JSON pointer.
    return _finish(file, None, [], Document(data=data, values={(): (0, 0)}), plan, at)


def _internal(file: str, exc: Exception) -> Result:
    if os.environ.get("POLICYVAL_DEBUG"):
        raise exc
    message = f"policyval failed on this file ({type(exc).__name__}: {exc}); please report it"
    return Result(file, (Finding(file, 0, 0, "internal/error", Severity.ERROR, message),))


def _finish(
    file: str, text: str | None, findings: list[Finding], doc: Document | None, plan: Plan, at: str | None = None
) -> Result:
    """Every entry point ends here; a bug that one input provokes costs that input only."""
    try:
        return _stages(file, text, findings, doc, plan, at)
    except Exception as exc:
        return _internal(file, exc)


def _stages(
    file: str, text: str | None, findings: list[Finding], doc: Document | None, plan: Plan, at: str | None
) -> Result:
    settings = plan.config.settings_for(at or file)
    if doc is None and text is not None:
        doc = load_text(text)
    ran: tuple[str, ...] | None = None
    if doc is not None:
        found, ran = _checked(file, doc, plan, settings, at or file)
        findings = [*findings, *found]
    reported, suppressed = _configured(file, text, findings, settings, doc)
    if plan.baseline is not None:
        reported, accepted = plan.baseline.accept(file, reported, plan.root)
        suppressed = [*suppressed, *(Suppressed(f, "baseline") for f in accepted)]
    data = doc.data if plan.keep_data and doc is not None and doc.usable else None
    reported.sort(key=Finding.sort_key)
    return Result(file, tuple(reported), ran, data, tuple(suppressed), unapplied=_unapplied(doc, ran))


def _unapplied(doc: Document | None, ran: tuple[str, ...] | None) -> tuple[str, ...]:
    """The profiles that did not run because the policy declares nothing."""
    return () if doc is None or ran is None else profiles.unapplied(doc.data, ran)


def _checked(
    file: str, doc: Document, plan: Plan, settings: Settings, at: str
) -> tuple[list[Finding], tuple[str, ...] | None]:
    """YAML, schema and rule findings of a loaded document, and the profiles whose rules ran."""
    findings = [
        Finding(file, p.line, p.column, p.rule, Severity.ERROR, p.message, pointer(p.path)) for p in doc.problems
    ]
    if not doc.usable:
        return findings, None
    version, unknown = schema.version(doc.data)
    if version is None:
        assert unknown is not None
        return [*findings, _finding(file, doc, unknown, Severity.ERROR)], None
    shape = schema.errors(doc.data, version)
    findings.extend(_finding(file, doc, hit, Severity.ERROR) for hit in shape)
    # Rules read only well-formed documents: a malformed one gets its schema findings first,
    # and a file under a broken configuration is judged by no settings the user did not write.
    if shape or not plan.rules or settings.broken or any(f.rule in _BLOCKING for f in findings):
        return findings, None
    if not isinstance(doc.data, dict):
        return findings, None
    ran = profiles.chosen(doc.data, plan.profiles or settings.profiles)
    hits = engine.run(doc.data, at, ran, settings, source.Sources(plan.max_bytes, settings.root), today=plan.today)
    findings.extend(_finding(file, doc, hit, severity) for hit, severity in hits)
    return findings, ran


def _finding(file: str, doc: Document, hit: Hit, severity: Severity) -> Finding:
    line, column = doc.position(hit.path, key=hit.key)
    related = tuple((*doc.position(path), pointer(path)) for path in hit.related)
    return Finding(file, line, column, hit.rule, severity, hit.message, pointer(hit.path), related)


def _configured(
    file: str, text: str | None, findings: list[Finding], settings: Settings, doc: Document | None
) -> tuple[list[Finding], list[Suppressed]]:
    """The findings configuration and the file's own comments leave to report."""
    if settings.broken:
        return [*settings.errors, *(f for f in findings if not silenceable(f.rule))], []
    chosen = [settings.graded(f) for f in findings if settings.enabled(f.rule)]
    if text is None:
        return chosen, []
    kept, suppressed = suppress.apply(file, text, chosen, doc)  # doc: the one parse of text
    # Findings about suppressions are configurable too (e.g. ignore suppression/no-reason).
    return [settings.graded(f) for f in kept if settings.enabled(f.rule)], suppressed
