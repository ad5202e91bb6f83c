"""policyval: privacy policies as code, validated against a versioned JSON Schema and semantic rules."""

from __future__ import annotations

# Not ``from typing import TYPE_CHECKING``: typing (with re and enum) costs ``policyval
# --version`` a third of a bare interpreter start; mypy reads this name the same way.
TYPE_CHECKING = False

__version__ = "0.1.0"

# The public API, imported on first use so that ``import policyval`` stays light (the CLI
# and pre-commit hooks start fast): see docs/api.md.
_API = (
    "validate",
    "validate_file",
    "validate_text",
    "validate_data",
    "load",
    "load_file",
    "load_text",
    "load_data",
    "check_file",
    "check_text",
    "check_data",
    "Checked",
    "PolicyError",
)
_LAZY = {
    **dict.fromkeys(_API, "policyval.api"),
    "Policy": "policyval.policy.models",
    "Finding": "policyval.findings",
    "Severity": "policyval.findings",
}

if TYPE_CHECKING:
    from typing import Any

    from policyval.api import (
        Checked,
        PolicyError,
        check_data,
        check_file,
        check_text,
        load,
        load_data,
        load_file,
        load_text,
        validate,
        validate_data,
        validate_file,
        validate_text,
    )
    from policyval.findings import Finding, Severity
    from policyval.policy.models import Policy


def __getattr__(name: str) -> Any:
    if name not in _LAZY:
        raise AttributeError(f"module 'policyval' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(_LAZY[name]), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_LAZY])


__all__ = [
    "Checked",
    "Finding",
    "Policy",
    "PolicyError",
    "Severity",
    "__version__",
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
