"""The Python API (documented in docs/api.md), over the same pipeline as ``policyval check``.

Explicit entry points, one per kind of input, so a string is never guessed to be a path or
text (a service that validates uploaded text must never be made to read a file):

* ``validate_file(path)``, ``load_file(path)``, ``check_file(path)``: a policy file;
* ``validate_text(text, name=...)``, ``load_text``, ``check_text``: YAML (or JSON) text, with
  the name its findings carry; configuration and cited source texts are found from ``name``,
  as ``policyval check --stdin-filename NAME -`` finds them;
* ``validate_data(data, name=...)``, ``load_data``, ``check_data``: data already parsed (a
  mapping from JSON, say): schema and rules, findings without line numbers.

Each takes the options ``policyval check`` takes: ``profiles`` (``--profile``), ``config``
(``--config FILE``), ``isolated`` (``--isolated``), ``strict`` (``--strict``: what
``passed`` means) and ``max_bytes`` (``--max-bytes``: text and files larger are refused).

``validate(source)`` and ``load(source)`` take a ``pathlib.Path`` (any ``os.PathLike``), a
mapping (parsed data) or ``bytes`` (a file's content). A ``str`` is refused with a
``TypeError`` that names the explicit function to call.

Nothing here raises on bad input, except ``load*``, which raise ``PolicyError`` carrying
the findings when the document does not pass the schema.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from policyval.check import pipeline, source
from policyval.check.plan import Configuration, NoConfiguration, Plan
from policyval.check.result import Result, Suppressed
from policyval.check.source import DEFAULT_MAX_BYTES
from policyval.config import Resolver
from policyval.findings import Finding, Severity

if TYPE_CHECKING:
    from policyval.policy.models import Policy

Source = os.PathLike[str] | Mapping[str, Any] | bytes
TEXT_NAME = "<text>"
DATA_NAME = "<data>"
BYTES_NAME = "<bytes>"


class PolicyError(ValueError):
    """The document is not a valid policy; ``findings`` says where and why."""

    def __init__(self, findings: list[Finding]) -> None:
        self.findings = findings
        errors = [f for f in findings if f.severity is Severity.ERROR]
        first = errors[0] if errors else None
        where = f"{first.file}:{first.line}:{first.column}: [{first.rule}] {first.message}" if first else ""
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        super().__init__(f"not a valid policy: {where}{more}")


@dataclass(frozen=True)
class Checked:
    """What ``policyval check`` concludes about one input."""

    file: str
    findings: tuple[Finding, ...]
    suppressed: tuple[Suppressed, ...]  # found, and not reported: an inline comment or the baseline
    profiles: tuple[str, ...] | None  # the rule profiles that ran; None when no rule ran
    strict: bool

    @property
    def passed(self) -> bool:
        """True when nothing fails the check (errors; warnings too under ``strict``): exit 0."""
        failing = (Severity.ERROR, Severity.WARNING) if self.strict else (Severity.ERROR,)
        return not any(f.severity in failing for f in self.findings)


def _plan(
    profiles: Sequence[str] | None,
    config: str | os.PathLike[str] | None,
    isolated: bool,
    strict: bool,
    max_bytes: int,
    **plan: Any,
) -> Plan:
    if config is not None and isolated:
        raise ValueError("config and isolated exclude each other")
    chosen: Configuration = NoConfiguration() if isolated else Resolver(Path(config) if config is not None else None)
    return Plan(chosen, tuple(profiles) if profiles else None, strict, max_bytes, **plan)


def _checked(result: Result, plan: Plan) -> Checked:
    return Checked(result.file, result.findings, result.suppressed, result.profiles, plan.strict)


def _text_result(text: str, name: str, plan: Plan) -> Result:
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > plan.max_bytes:
        message = f"the text is {size} bytes, over the limit of {plan.max_bytes} (max_bytes)"
        return Result(name, (Finding(name, 0, 0, "file/too-large", Severity.ERROR, message),))
    return pipeline.check_text(name, text, plan)


def _bytes_result(raw: bytes, name: str, plan: Plan) -> Result:
    if len(raw) > plan.max_bytes:
        message = f"the content is {len(raw)} bytes, over the limit of {plan.max_bytes} (max_bytes)"
        return Result(name, (source.io_finding(name, "file/too-large", message),))
    return pipeline.check_bytes(name, raw, plan)


# --- check: the whole conclusion ----------------------------------------------------------


def check_file(
    path: str | os.PathLike[str],
    *,
    profiles: Sequence[str] | None = None,
    config: str | os.PathLike[str] | None = None,
    isolated: bool = False,
    strict: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Checked:
    """A policy file, checked as ``policyval check PATH`` checks it."""
    plan = _plan(profiles, config, isolated, strict, max_bytes)
    return _checked(pipeline.check_path(os.fspath(path), Path(path), plan), plan)


def check_text(
    text: str,
    name: str = TEXT_NAME,
    *,
    profiles: Sequence[str] | None = None,
    config: str | os.PathLike[str] | None = None,
    isolated: bool = False,
    strict: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Checked:
    """YAML (or JSON) text, reported as ``name``, as ``policyval check --stdin-filename NAME -`` checks it."""
    if not isinstance(text, str):
        raise TypeError(f"check_text() takes the text as a str, not {type(text).__name__}")
    plan = _plan(profiles, config, isolated, strict, max_bytes)
    return _checked(_text_result(text, name, plan), plan)


def check_data(
    data: Any,
    name: str = DATA_NAME,
    *,
    profiles: Sequence[str] | None = None,
    config: str | os.PathLike[str] | None = None,
    isolated: bool = False,
    strict: bool = False,
) -> Checked:
    """Data already parsed (a mapping): schema and rules; its findings have no line numbers (0)."""
    plan = _plan(profiles, config, isolated, strict, DEFAULT_MAX_BYTES)
    return _checked(pipeline.check_data(name, data, plan), plan)


def check(source: Source, plan: Plan | None = None) -> Result:
    """The pipeline's result for ``source`` (a Path, a mapping or bytes) under ``plan`` (by
    default, the configuration that governs it, found as ``check`` finds it)."""
    plan = plan or Plan(Resolver())
    if isinstance(source, (bytes, bytearray)):
        return _bytes_result(bytes(source), BYTES_NAME, plan)
    if isinstance(source, Mapping):
        return pipeline.check_data(DATA_NAME, source, plan)
    if isinstance(source, os.PathLike):
        return pipeline.check_path(os.fspath(source), Path(source), plan)
    raise TypeError(_refused(source, "check"))


def _refused(source: object, function: str) -> str:
    if isinstance(source, str):
        return (
            f"{function}() does not guess whether a str is a path or YAML text: call "
            f"{function}_file(path) for a file, {function}_text(text, name=...) for text, or pass a pathlib.Path"
        )
    return f"{function}() takes a pathlib.Path, a mapping or bytes, not {type(source).__name__}"


# --- validate: the findings ---------------------------------------------------------------


def validate(source: Source) -> list[Finding]:
    """Every finding ``policyval check`` reports for this policy (a Path, parsed data or a
    file's bytes): YAML, schema and rules, with its configuration and inline suppressions applied."""
    if isinstance(source, str):
        raise TypeError(_refused(source, "validate"))
    return list(check(source).findings)


def validate_file(path: str | os.PathLike[str], **options: Any) -> list[Finding]:
    """Every finding of a policy file (options as :func:`check_file`)."""
    return list(check_file(path, **options).findings)


def validate_text(text: str, name: str = TEXT_NAME, **options: Any) -> list[Finding]:
    """Every finding of YAML or JSON text reported as ``name`` (options as :func:`check_text`)."""
    return list(check_text(text, name, **options).findings)


def validate_data(data: Any, name: str = DATA_NAME, **options: Any) -> list[Finding]:
    """Every finding of parsed data (options as :func:`check_data`)."""
    return list(check_data(data, name, **options).findings)


# --- load: the typed model ----------------------------------------------------------------


def _model(result: Result) -> Policy:
    data = result.data
    if not isinstance(data, dict) or any(f.severity is Severity.ERROR for f in result.findings):
        raise PolicyError(list(result.findings))
    # The generated models of each version; imported on first use, so checking never loads pydantic.
    from policyval.policy.models import MODULES

    model: type[Policy] = importlib.import_module(MODULES[data["schema_version"]]).Policy
    return model.model_validate(data)


def _shape_plan(max_bytes: int = DEFAULT_MAX_BYTES) -> Plan:
    return Plan(NoConfiguration(), rules=False, keep_data=True, max_bytes=max_bytes)


def load(source: Source) -> Policy:
    """The policy (a Path, parsed data or a file's bytes) as a typed, immutable model. Raises
    ``PolicyError`` unless it passes the schema; rule findings (completeness) do not stop it
    loading: see ``validate``."""
    if isinstance(source, str):
        raise TypeError(_refused(source, "load"))
    return _model(check(source, _shape_plan()))


def load_file(path: str | os.PathLike[str], *, max_bytes: int = DEFAULT_MAX_BYTES) -> Policy:
    """A policy file as a typed model (``PolicyError`` unless it passes the schema)."""
    return _model(pipeline.check_path(os.fspath(path), Path(path), _shape_plan(max_bytes)))


def load_text(text: str, name: str = TEXT_NAME, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Policy:
    """YAML or JSON text as a typed model (``PolicyError`` unless it passes the schema)."""
    if not isinstance(text, str):
        raise TypeError(f"load_text() takes the text as a str, not {type(text).__name__}")
    return _model(_text_result(text, name, _shape_plan(max_bytes)))


def load_data(data: Any, name: str = DATA_NAME) -> Policy:
    """Parsed data as a typed model (``PolicyError`` unless it passes the schema)."""
    return _model(pipeline.check_data(name, data, _shape_plan()))


__all__ = [
    "Checked",
    "PolicyError",
    "Source",
    "check",
    "check_data",
    "check_file",
    "check_text",
    "load",
    "load_data",
    "load_file",
    "load_text",
    "validate",
    "validate_data",
    "validate_file",
    "validate_text",
]
