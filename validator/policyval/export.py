"""Export policies for services: the data exactly as validated, in a machine format.

Formats are a small table: each exporter turns a validated document (plain JSON data, as
``policyval.loader`` read it) into a JSON-serialisable value, and every format is written
the same canonical way. Exporters are imported only when used, so ``policyval --help``
stays fast.

Only documents that pass the structural check (no error from ``file/``, ``yaml/`` or
``schema/``) are exported: a service must never receive data the schema rejects. Semantic
rule findings (a missing retention period, say) describe completeness, not shape, and do not
block an export; ``policyval check`` reports them.
"""

from __future__ import annotations

import importlib
import json
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from policyval.core import Options, Report
    from policyval.findings import Finding

Exporter = Callable[[Any], Any]

# format name -> (module, function). Adding a format is one line here.
EXPORTERS: dict[str, tuple[str, str]] = {
    "json": ("policyval.export", "identity"),
    "dpv-jsonld": ("policyval.jsonld", "to_jsonld"),
}


def identity(data: Any) -> Any:
    """The ``json`` format: the validated data itself."""
    return data


def formats() -> list[str]:
    return sorted(EXPORTERS)


def exporter(fmt: str) -> Exporter:
    module, name = EXPORTERS[fmt]
    function: Exporter = getattr(importlib.import_module(module), name)
    return function


def canonical(value: Any) -> str:
    """One line of canonical JSON: keys sorted, no insignificant whitespace, UTF-8 text
    (non-ASCII kept, not escaped), and a final newline. The same data always gives the
    same bytes, so exports can be diffed, hashed and signed."""
    text = json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return text + "\n"


@dataclass
class Export:
    """What an export run produced: the check report, and the exported text when every
    document passed (all or nothing: a service never gets half a batch)."""

    report: Report
    texts: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.blocking()

    def blocking(self) -> list[Finding]:
        from policyval.findings import Severity

        return [f for f in self.report.findings if f.severity is Severity.ERROR]


def run(paths: Iterable[str], fmt: str = "json", options: Options | None = None) -> Export:
    """Check every policy under ``paths`` structurally and, if all pass, export them in order."""
    from policyval import core
    from policyval.api import file_checked
    from policyval.findings import Finding

    convert = exporter(fmt)
    options = options or core.Options()
    result = Export(core.Report())
    data: list[Any] = []
    for item in core.discover(paths):
        if isinstance(item, Finding):
            result.report.findings.append(item)
            continue
        file, path = item
        result.report.files.append(file)
        # One read per file: the exported data is exactly the data that was checked.
        findings, loaded = file_checked(file, path, options)
        result.report.findings.extend(findings)
        data.append(loaded)
    if result.ok:
        result.texts = [canonical(convert(d)) for d in data]
    return result


def same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False
