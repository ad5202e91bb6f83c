"""Export policies for services: the data exactly as validated, in a machine format.

Formats are a small table: each exporter turns a validated document (plain JSON data, as
``policyval.loader`` read it) into a JSON-serialisable value, and every format is written
the same canonical way. Exporters are imported only when used, so ``policyval --help``
stays fast.

Only documents that pass the structural check (no error from ``file/``, ``yaml/`` or
``schema/``) are exported: a service must never receive data the schema rejects. The check
runs with the rules off (``Plan(rules=False)``): rule findings (a missing retention period,
say) describe completeness, not shape, and do not block an export; ``policyval check``
reports them.
"""

from __future__ import annotations

import importlib
import json
from collections.abc import Callable, Iterable
from typing import Any

from policyval.check.result import Result
from policyval.findings import Severity

Exporter = Callable[[Any], Any]

# format name -> (module, function). Adding a format is one line here.
EXPORTERS: dict[str, tuple[str, str]] = {
    "json": ("policyval.publish.export", "identity"),
    "dpv-jsonld": ("policyval.publish.jsonld", "to_jsonld"),
}
# Formats that make one document of every policy (a table with one heading row), from
# [(file, data), ...] to bytes: the record of processing activities (publish/ropa.py).
DOCUMENTS: dict[str, tuple[str, str]] = {
    "ropa-csv": ("policyval.publish.ropa", "to_csv"),
    "ropa-xlsx": ("policyval.publish.ropa", "to_xlsx"),
}
# Formats a terminal cannot show: written with --output only.
BINARY = frozenset({"ropa-xlsx"})


def identity(data: Any) -> Any:
    """The ``json`` format: the validated data itself."""
    return data


def formats() -> list[str]:
    return sorted({*EXPORTERS, *DOCUMENTS})


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


def texts(results: Iterable[Result], fmt: str = "json") -> list[str]:
    """One canonical line per checked policy, in order, exported in format ``fmt``."""
    convert = exporter(fmt)
    return [canonical(convert(r.data)) for r in results if r.checked]


def output(results: Iterable[Result], fmt: str) -> bytes:
    """The whole export in format ``fmt``: the lines of a line format, or one document."""
    if fmt not in DOCUMENTS:
        return "".join(texts(results, fmt)).encode("utf-8")
    module, name = DOCUMENTS[fmt]
    write: Callable[[list[tuple[str, Any]]], bytes] = getattr(importlib.import_module(module), name)
    return write([(r.file, r.data) for r in results if r.checked])


def blocked(results: Iterable[Result]) -> bool:
    """Whether any input failed the shape check (all or nothing: a service never gets half a batch)."""
    return any(f.severity is Severity.ERROR for r in results for f in r.findings)
