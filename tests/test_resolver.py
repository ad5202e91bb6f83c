"""Plain scalars are resolved by the YAML 1.2 core schema, the same under every %YAML header,
as ruamel.yaml's resolver (what the loader used before) resolved them, save one case where
ruamel departs from the core schema; and resolving keeps no state from file to file."""

from __future__ import annotations

import math
import re
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML
from ruamel.yaml.nodes import ScalarNode

from policyval.check import load as loader

SCALARS = [
    *("yes", "no", "NO", "on", "Off", "~", "null", "Null", "true", "TRUE", "tRue", "", "<<", "="),
    *("1e3", "1.", "-.5", ".inf", "-.Inf", ".nan", "0x1F", "0o17", "017", "1_000", "+12", "-0", "0b101"),
    *("2024-01-01", "2024-01-01T10:00:00Z", "12:30", "1:20:30", "+.5e-3", "1E+3", "0.", "text", "'5'", '"x"'),
]
NAN = object()
# YAML 1.2.2, 10.3.2 (tag resolution of the core schema); everything else is a string.
EXPECTED: dict[str, Any] = {
    "~": None, "null": None, "Null": None, "": None, "true": True, "TRUE": True,
    "1e3": 1000.0, "1.": 1.0, "-.5": -0.5, ".inf": math.inf, "-.Inf": -math.inf, ".nan": NAN,
    "0x1F": 31, "0o17": 15, "017": 17, "+12": 12, "-0": 0, "+.5e-3": 0.0005, "1E+3": 1000.0, "0.": 0.0,
    "'5'": "5", '"x"': "x",
}  # fmt: skip

# The core schema's regular expressions, as the spec writes them.
CORE = [
    (re.compile(r"null|Null|NULL|~|"), lambda s: None),
    (re.compile(r"true|True|TRUE"), lambda s: True),
    (re.compile(r"false|False|FALSE"), lambda s: False),
    (re.compile(r"[-+]?[0-9]+"), int),
    (re.compile(r"0o[0-7]+"), lambda s: int(s[2:], 8)),
    (re.compile(r"0x[0-9a-fA-F]+"), lambda s: int(s[2:], 16)),
    (re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?"), float),
    (re.compile(r"[-+]?\.(inf|Inf|INF)"), lambda s: -math.inf if s[0] == "-" else math.inf),
    (re.compile(r"\.(nan|NaN|NAN)"), lambda s: math.nan),
]


def core(value: str) -> Any:
    for pattern, convert in CORE:
        if pattern.fullmatch(value):
            return convert(value)
    return value


def same(a: Any, b: Any) -> bool:
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a):
        return math.isnan(b)
    return type(a) is type(b) and a == b


@pytest.mark.parametrize("header", ["", "%YAML 1.1\n---\n", "%YAML 1.2\n---\n"])
def test_every_header_resolves_by_the_core_schema(header: str) -> None:
    text = header + "".join(f"k{i}: {s}\nl{i}:\n  - {s}\n" for i, s in enumerate(SCALARS))
    data = loader.load_text(text).data
    for i, scalar in enumerate(SCALARS):
        expected = EXPECTED.get(scalar, scalar)
        for got in (data[f"k{i}"], data[f"l{i}"][0]):
            assert same(got, expected) if expected is not NAN else math.isnan(got), (scalar, got)


def _ruamel(value: str) -> Any:
    """What the loader gave before: ruamel's YAML 1.2 resolver chose the type, then the core schema."""
    tag = str(YAML(typ="safe").resolver.resolve(ScalarNode, value, (True, False)))
    return core(value) if tag in loader._CORE_TYPED else value


# ruamel's 1.2 float pattern wants a signed exponent after a leading dot ('.5e3' was a string);
# the core schema reads a float.
RUAMEL_DEPARTS = re.compile(r"[-+]?\.[0-9]+[eE][0-9]+")


@settings(max_examples=3000, derandomize=True, database=None, deadline=None)
@given(value=st.text(st.sampled_from("0123456789.eE+-_xobXOABCDEFinfaINFNtrueTRUEalsLS~:"), max_size=8))
def test_plain_scalars_resolve_as_the_spec_and_as_before(value: str) -> None:
    assert same(loader._plain(value), core(value)), value
    if not RUAMEL_DEPARTS.fullmatch(value):
        assert same(loader._plain(value), _ruamel(value)), value


def test_the_one_departure_from_ruamel_is_the_core_schema() -> None:
    assert _ruamel(".5e3") == ".5e3"
    assert loader.load_text("a: .5e3\n").data == {"a": 500.0}


def test_a_non_specific_tag_makes_a_string() -> None:
    # YAML 1.2, example 6.28 (yaml-test-suite S4JQ): '! 12' is the string "12".
    assert loader.load_text('- "12"\n- 12\n- ! 12\n').data == ["12", 12, "12"]


def test_resolving_keeps_no_state() -> None:
    def sizes() -> dict[str, int]:
        return {name: len(v) for name, v in vars(loader).items() if isinstance(v, (dict, list, set))}

    before = sizes()
    for n in range(5000):
        loader.load_text(f"v{n}: x{n}\nw{n}: {n}\n")
    assert sizes() == before
