"""The shape stage: which schema a document follows, and its errors as hits, one per
problem, with a message that says what to do."""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from policyval.check import hints
from policyval.findings import Hit, JsonPath
from policyval.policy import schemas

if TYPE_CHECKING:  # jsonschema loads only when a document needs its errors explained
    from jsonschema.exceptions import ValidationError

_TYPE_NAMES = {
    "object": "a mapping",
    "array": "a list",
    "string": "a string",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "null": "null",
}
_MAX_LISTED = 12
_SENTENCE = re.compile(r"(?<!Art)(?<!e\.g)(?<!i\.e)\.\s+(?=[A-Z])")


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    if value is None:
        return "null"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, int):
        return "a number"
    if isinstance(value, float):
        return "a number"
    return "a string"


def _show(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _suggest(word: str, choices: Sequence[str]) -> str:
    lowered = {c.lower(): c for c in choices}
    if word.lower() in lowered and lowered[word.lower()] != word:
        return f"; did you mean '{lowered[word.lower()]}'?"
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


def _where(path: JsonPath) -> str:
    """The field a message is about, by name; the full JSON path is printed beside it."""
    names = [p for p in path if isinstance(p, str)]
    if not names:
        return "the document"
    return f"'{names[-1]}'" + (" item" if isinstance(path[-1], int) else "")


def _described(error: ValidationError) -> str:
    desc = error.schema.get("description", "") if isinstance(error.schema, dict) else ""
    # First sentence; "Art. 6" and "e.g. X" are not sentence ends.
    return _SENTENCE.split(desc, maxsplit=1)[0].rstrip(".") if desc else ""


def _choices(keyword: str, expected: Any) -> list[Any] | None:
    """The allowed values of an ``enum``, or of a ``oneOf`` whose branches are all ``const``
    (a labelled list); None for any other keyword."""
    if keyword == "enum":
        return list(expected)
    if keyword == "oneOf" and expected and all(isinstance(b, dict) and "const" in b for b in expected):
        return [b["const"] for b in expected]
    return None


def _hits(error: ValidationError) -> Iterator[Hit]:
    path: JsonPath = tuple(error.absolute_path)
    keyword = str(error.validator)
    rule = f"schema/{keyword}"
    value = error.instance
    expected: Any = error.validator_value
    schema = error.schema if isinstance(error.schema, dict) else {}
    if keyword == "additionalProperties" and isinstance(value, dict):
        allowed = sorted(schema.get("properties", {}))
        for extra in sorted(set(value) - set(allowed)):
            hint = _suggest(extra, allowed)
            if not hint:
                hint = f"; allowed here: {', '.join(allowed)}"
            yield Hit(rule, f"unknown key '{extra}' in {_where(path)}{hint}", (*path, extra), key=True)
        return
    if keyword == "required":
        missing = [m for m in expected if isinstance(value, dict) and m not in value]
        for name in missing:
            yield Hit(rule, f"'{name}' is required in {_where(path)}", path)
        return
    if keyword == "type":
        names = [expected] if isinstance(expected, str) else list(expected)
        want = " or ".join(_TYPE_NAMES.get(n, n) for n in names)
        yield Hit(rule, f"{_where(path)} must be {want}, not {_kind(value)} ({_show(value)})", path)
        return
    options_of = _choices(keyword, expected)
    if options_of is not None:
        rule = "schema/enum"  # a labelled list (oneOf of const, schema 1.1) is an enum to the user
        options = [str(o) for o in options_of]
        hint = hints.for_value(value, options) if isinstance(value, str) else ""
        if len(options) <= _MAX_LISTED:
            tail = hint or "; one of: " + hints.listing(options)
            yield Hit(rule, f"{_show(value)} is not allowed for {_where(path)}{tail}", path)
        else:
            what = _described(error) or "this field"
            yield Hit(rule, f"{_show(value)} is not a known value for {_where(path)} ({what}){hint}", path)
        return
    if keyword == "const":
        yield Hit(rule, f"{_where(path)} must be {_show(error.validator_value)}, not {_show(value)}", path)
        return
    if keyword == "pattern":
        what = _described(error) or f"the pattern {error.validator_value}"
        yield Hit(rule, f"{_show(value)} is not valid for {_where(path)}: expected {what}", path)
        return
    if keyword == "uniqueItems":
        yield Hit(rule, f"{_where(path)} lists the same item more than once", path)
        return
    if keyword in ("minItems", "minLength"):
        yield Hit(rule, f"{_where(path)} must not be empty", path)
        return
    if keyword in ("minimum", "maximum"):
        bound = "at least" if keyword == "minimum" else "at most"
        yield Hit(rule, f"{_where(path)} must be {bound} {error.validator_value}, not {_show(value)}", path)
        return
    yield Hit(rule, f"{_where(path)}: {error.message}", path)  # keywords the v1 schema does not use


def check(data: Any, version: str) -> list[Hit]:
    """Every schema error in ``data``, at once, in document order."""
    validator = schemas.validator(version)
    hits: list[Hit] = []
    for error in validator.iter_errors(data):
        hits.extend(_hits(error))
    return hits


def version(data: Any) -> tuple[str | None, Hit | None]:
    """The schema version to validate against, or a hit saying why there is none."""
    if not isinstance(data, dict) or "schema_version" not in data:
        return schemas.latest(), None  # the schema itself reports what is missing
    declared = data["schema_version"]
    if isinstance(declared, str) and declared in schemas.versions():
        return declared, None
    known = ", ".join(schemas.versions())
    message = f"schema_version {declared!r} is not one this policyval knows (it knows: {known})"
    if isinstance(declared, (int, float)) and not isinstance(declared, bool) and str(declared) in schemas.versions():
        # YAML reads an unquoted 1.0 as a number, which would print as the very version it "does not know".
        message = f'schema_version must be a string: write schema_version: "{declared}" (quoted), not a number'
    return None, Hit("schema/unknown-version", message, ("schema_version",))


def errors(data: Any, version: str) -> list[Hit]:
    """Every schema error of ``data``. Most policies are valid: a fast engine proves that, and
    only the others pay for the reference validator that explains each error."""
    return [] if schemas.surely_valid(data, version) else check(data, version)
