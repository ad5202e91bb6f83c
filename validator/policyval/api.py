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
from typing import TYPE_CHECKING

from policyval.check import pipeline
from policyval.check.plan import Plan
from policyval.check.result import Result
from policyval.config import Resolver
from policyval.findings import Finding, Severity

if TYPE_CHECKING:
    from policyval.policy.models import Policy

Source = str | bytes | os.PathLike[str]
TEXT_NAME = "<text>"


class PolicyError(ValueError):
    """The document is not a valid policy; ``findings`` says where and why."""

    def __init__(self, findings: list[Finding]) -> None:
        self.findings = findings
        errors = [f for f in findings if f.severity is Severity.ERROR]
        first = errors[0] if errors else None
        where = f"{first.file}:{first.line}:{first.column}: [{first.rule}] {first.message}" if first else ""
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        super().__init__(f"not a valid policy: {where}{more}")


def check(source: Source, plan: Plan | None = None) -> Result:
    """The result ``policyval check`` gives this source, under ``plan`` (by default, the
    configuration that governs it, found as ``check`` finds it)."""
    plan = plan or Plan(Resolver())
    if isinstance(source, bytes):
        return pipeline.check_bytes(TEXT_NAME, source, plan)
    if isinstance(source, str) and ("\n" in source or "\r" in source):
        return pipeline.check_text(TEXT_NAME, source, plan)
    return pipeline.check_path(str(source), Path(source), plan)


def validate(source: Source) -> list[Finding]:
    """Every finding ``policyval check`` reports for this policy: YAML, schema and rules, with
    its configuration and inline suppressions applied."""
    return list(check(source).findings)


def load(source: Source) -> Policy:
    """The policy as a typed, immutable model. Raises ``PolicyError`` unless it passes the
    schema; rule findings (completeness) do not stop it loading: see ``validate``."""
    result = check(source, Plan(Resolver(), rules=False, keep_data=True))
    data = result.data
    if not isinstance(data, dict) or any(f.severity is Severity.ERROR for f in result.findings):
        raise PolicyError(list(result.findings))
    # The generated models of each version; imported on first use, so checking never loads pydantic.
    from policyval.policy.models import MODULES

    model: type[Policy] = importlib.import_module(MODULES[data["schema_version"]]).Policy
    return model.model_validate(data)


__all__ = ["PolicyError", "Source", "check", "load", "validate"]
