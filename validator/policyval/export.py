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
import tempfile
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


def _check(file: str, path: Path, options: Options) -> tuple[list[Finding], Any]:
    """Findings for one file and its data, from a single read: what is exported is exactly
    what was validated, even if the file changes meanwhile."""
    from policyval import core
    from policyval.loader import load_text

    try:
        if path.stat().st_size > options.max_bytes:
            return core.check_file(file, path, options), None  # reports file/too-large
        raw = path.read_bytes()
    except OSError:
        return core.check_file(file, path, options), None  # reports io/unreadable
    text, findings = core._decode(file, raw)
    if text is None:
        return findings, None
    return [*findings, *core.check_text(file, text)], load_text(text).data


def run(paths: Iterable[str], fmt: str = "json", options: Options | None = None) -> Export:
    """Check every policy under ``paths`` structurally and, if all pass, export them in order."""
    from policyval import core
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
        findings, loaded = _check(file, path, options)
        result.report.findings.extend(sorted(findings, key=Finding.sort_key))
        data.append(loaded)
    if result.ok:
        result.texts = [canonical(convert(d)) for d in data]
    return result


def write_atomically(target: Path, text: str) -> None:
    """Replace ``target`` only once the whole text is written, so a failed export never
    leaves a truncated file behind."""
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent or Path("."))
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False
