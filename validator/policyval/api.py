"""The Python API: ``policyval.load`` and ``policyval.validate`` (documented in docs/api.md).

A source is a policy file or its text:

* an ``os.PathLike`` (``pathlib.Path``) is always a file;
* ``bytes`` are a file's content, decoded as policyval decodes files;
* a ``str`` holding a line break is YAML text, any other ``str`` is a file path
  (so one-line YAML text must end with ``\\n``).

Neither function ever raises on bad input except ``load``, which raises ``PolicyError``
carrying the findings when the document does not pass the schema.
"""

from __future__ import annotations

import importlib
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from policyval import core
from policyval.findings import Finding, Severity
from policyval.loader import load_text

if TYPE_CHECKING:
    from policyval.models import Policy

Source = str | bytes | os.PathLike[str]
TEXT_NAME = "<text>"

# The model of each schema version (module, class); a new schema version adds a line here.
# Imported on first use, so checking and exporting never load pydantic.
MODELS: dict[str, tuple[str, str]] = {"1.0": ("policyval.models", "Policy")}


class PolicyError(ValueError):
    """The document is not a valid policy; ``findings`` says where and why."""

    def __init__(self, findings: list[Finding]) -> None:
        self.findings = findings
        errors = [f for f in findings if f.severity is Severity.ERROR]
        first = errors[0] if errors else None
        where = f"{first.file}:{first.line}:{first.column}: [{first.rule}] {first.message}" if first else ""
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        super().__init__(f"not a valid policy: {where}{more}")


def text_checked(
    file: str, text: str, semantic: core.SemanticStage | None = None, earlier: list[Finding] | None = None
) -> tuple[list[Finding], Any]:
    """Findings for a policy's text, and its data as loaded (None when unreadable)."""
    doc = load_text(text)
    findings = [*(earlier or []), *core.check_document(file, doc, semantic)]
    return sorted(findings, key=Finding.sort_key), doc.data if doc.usable else None


def read_data(file: str, options: core.Options | None = None) -> Any:
    """A policy file's data as policyval loads it, or None when it cannot be read as a policy.

    Reads like ``check`` does (bounded, non-blocking, regular files only), so a command that
    needs the data after a check cannot hang on a FIFO or fill memory from /dev/zero.
    """
    raw, _ = core.read_policy(file, Path(file), options or core.Options())
    if raw is None:
        return None
    text, _ = core._decode(file, raw)
    if text is None:
        return None
    doc = load_text(text)
    return doc.data if doc.usable else None


def bytes_checked(file: str, raw: bytes, semantic: core.SemanticStage | None = None) -> tuple[list[Finding], Any]:
    text, findings = core._decode(file, raw)
    if text is None:
        return findings, None
    return text_checked(file, text, semantic, findings)


def file_checked(
    file: str, path: Path, options: core.Options | None = None, semantic: core.SemanticStage | None = None
) -> tuple[list[Finding], Any]:
    """One read of a file: what is returned as data is exactly what was checked."""
    raw, problems = core.read_policy(file, path, options or core.Options())
    if raw is None:
        return problems, None
    return bytes_checked(file, raw, semantic)


def _checked(source: Source, semantic: core.SemanticStage | None) -> tuple[list[Finding], Any]:
    if isinstance(source, bytes):
        return bytes_checked(TEXT_NAME, source, semantic)
    if isinstance(source, str) and ("\n" in source or "\r" in source):
        return text_checked(TEXT_NAME, source, semantic)
    path = Path(source)
    return file_checked(str(source), path, semantic=semantic)


def _rules() -> core.SemanticStage:
    """The semantic rules ``policyval check`` runs by default (profiles detected per policy)."""
    from policyval.rules.engine import RuleStage

    stage: core.SemanticStage = RuleStage()
    return stage


def validate(source: Source) -> list[Finding]:
    """Every finding ``policyval check`` reports for this policy: YAML, schema and rules."""
    findings, _ = _checked(source, _rules())
    return findings


def load(source: Source) -> Policy:
    """The policy as a typed, immutable model. Raises ``PolicyError`` unless it passes the
    schema; rule findings (completeness) do not stop it loading: see ``validate``."""
    findings, data = _checked(source, None)
    if data is None or any(f.severity is Severity.ERROR for f in findings):
        raise PolicyError(findings)
    module, name = MODELS[data["schema_version"]]
    model: type[Policy] = getattr(importlib.import_module(module), name)
    return model.model_validate(data)


__all__ = ["MODELS", "PolicyError", "Source", "file_checked", "load", "validate"]
