"""The bundled schemas: found, loaded and compiled once per version, never fetched.

jsonschema, referencing and regress are imported when first needed: a run whose files
jsonschema-rs clears (``surely_valid``) never loads them, which keeps a cold
``policyval check`` of a valid policy about 50 ms lighter.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Iterator
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import regress
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import ValidationError
    from referencing import Registry, Resource

_NAME = re.compile(r"^policy-(\d+\.\d+)\.schema\.json$")


def schema_dir() -> Path:
    """Where the schemas are: inside the installed package, or schema/ in a source checkout.

    The wheel copies the repository's top-level schema/ into policyval/_schema (see
    pyproject.toml), so the published files and the ones enforced are the same bytes.
    An editable install has no copy and reads schema/ directly.
    """
    packaged = Path(str(resources.files("policyval"))) / "_schema"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[3] / "schema"


@cache
def versions() -> tuple[str, ...]:
    """Schema versions this policyval knows, oldest first."""
    found = [m.group(1) for p in schema_dir().iterdir() if (m := _NAME.match(p.name))]
    return tuple(sorted(found, key=lambda v: tuple(int(x) for x in v.split("."))))


def latest() -> str:
    return versions()[-1]


def schema_path(version: str) -> Path:
    return schema_dir() / f"policy-{version}.schema.json"


@cache
def schema(version: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(schema_path(version).read_text(encoding="utf-8"))
    return data


def _no_network(uri: str) -> Resource[Any]:
    # Referencing any schema that is not bundled is an error, never a download.
    from referencing.exceptions import NoSuchResource

    raise NoSuchResource(ref=uri)  # type: ignore[call-arg]


@cache
def registry() -> Registry[Any]:
    from referencing import Registry, Resource

    resources_ = [(schema(v)["$id"], Resource.from_contents(schema(v))) for v in versions()]
    return Registry(retrieve=_no_network).with_resources(resources_)  # type: ignore[call-arg]


@cache
def validator(version: str) -> Draft202012Validator:
    """One compiled validator per version, reused for every file. No metaschema check here:
    the tests check the bundled schemas against the metaschema once."""
    compiled: Draft202012Validator = _validator_class()(schema(version), registry=registry())
    return compiled


@cache
def _ecma_regex(pattern: str) -> regress.Regex:
    import regress

    return regress.Regex(pattern, flags="u")


def ecma_matches(pattern: str, value: str) -> bool:
    """Whether ``value`` matches the JSON Schema ``pattern`` (ECMA-262, as ajv reads it)."""
    return _ecma_regex(pattern).find(value) is not None


def _ecma_pattern(
    validator: Draft202012Validator, pattern: str, instance: Any, schema: dict[str, Any]
) -> Iterator[ValidationError]:
    # JSON Schema patterns are ECMA-262 regular expressions, not Python's: in Python "$"
    # also matches before a final newline and "\d" matches any Unicode digit, so
    # "2025-01-15\n" or Arabic-Indic digits would pass here and fail in ajv or any other
    # consumer. regress is an ECMA-262 engine (check-jsonschema uses it for the same reason).
    if validator.is_type(instance, "string") and not ecma_matches(pattern, instance):
        from jsonschema.exceptions import ValidationError

        yield ValidationError(f"{instance!r} does not match {pattern!r}")


@cache
def _validator_class() -> Any:
    from jsonschema import Draft202012Validator, validators

    return validators.extend(Draft202012Validator, {"pattern": _ecma_pattern})  # type: ignore[no-untyped-call]


# Integers beyond this may be rounded on their way into the Rust validator; such documents
# get the reference validator.
_EXACT_INT = 2**53
_LAYOUT = str.maketrans("", "", "\t\n\r")  # line breaks and tabs: both engines agree on them
# A decimal digit that is not 0-9 (Arabic-Indic, Devanagari, fullwidth...): the Rust engine's
# \d matches it, ECMA-262's does not (Python's str patterns match it too: this finds them).
_UNICODE_DIGIT = re.compile(r"(?![0-9])\d")


@cache
def _fast(version: str) -> Callable[[Any], bool] | None:
    """jsonschema-rs's ``is_valid`` for this schema, or None where it is not installed."""
    try:
        import jsonschema_rs
    except ImportError:  # pragma: no cover - a platform without its wheel: jsonschema alone
        return None
    compiled = jsonschema_rs.validator_for(schema(version), validate_formats=False, retriever=_no_fetch)
    is_valid: Callable[[Any], bool] = compiled.is_valid
    return is_valid


def _no_fetch(uri: str) -> Any:
    raise ValueError(f"{uri} is not a bundled schema; policyval never downloads one")


def _plain_data(data: Any) -> bool:
    """True when both engines read every value of ``data`` alike.

    The Rust engine and ECMA-262 disagree on what ``\\s`` matches for some control and
    separator characters (U+001C..U+001F, U+0085...) and on what ``\\d`` matches (the Rust
    engine's is Unicode: ``P\\u0661Y``, an Arabic-Indic one, would pass), and big integers may be rounded; a document
    holding any of these is left to the reference validator. (The schemas' patterns use no
    ``\\w`` or ``\\b``, whose Unicode readings differ too: tests/test_fast_schema.py holds them to that.)
    """
    stack = [data]
    while stack:
        node = stack.pop()
        if isinstance(node, str):
            if not node.isprintable() and not node.translate(_LAYOUT).isprintable():
                return False
            if not node.isascii() and _UNICODE_DIGIT.search(node):
                return False
        elif isinstance(node, dict):
            stack.extend(node)
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
        elif isinstance(node, bool) or node is None:
            continue
        elif isinstance(node, int):
            if abs(node) > _EXACT_INT:
                return False
        elif not (isinstance(node, float) and math.isfinite(node)):
            return False
    return True


def surely_valid(data: Any, version: str) -> bool:
    """True only when ``data`` certainly has no schema error; False means: run ``validator``.

    A fast pre-check: jsonschema-rs decides most valid documents in microseconds, and every
    document it doubts is validated again by jsonschema (the reference), which alone makes the
    findings. tests/test_fast_schema.py holds the two to the same verdicts.
    """
    fast = _fast(version)
    if fast is None or not _plain_data(data):
        return False
    try:
        return fast(data)
    except Exception:  # any value the binding cannot convert: let the reference decide
        return False


@cache
def vocab() -> dict[str, Any]:
    """The DPV 2.3 extract the schema's vocabularies come from (W3C licence: schema/vocab)."""
    data: dict[str, Any] = json.loads((schema_dir() / "vocab" / "dpv-2.3.json").read_text(encoding="utf-8"))
    return data
