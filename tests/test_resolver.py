"""The loader's remembering resolver gives every scalar the tag ruamel's own resolver gives."""

from __future__ import annotations

from typing import Any

import pytest
from ruamel.yaml import YAML
from ruamel.yaml.nodes import MappingNode, Node, SequenceNode

from policyval.check import load as loader

SCALARS = [
    *("yes", "no", "NO", "on", "Off", "~", "null", "Null", "true", "TRUE", "tRue", "", "<<", "="),
    *("1e3", "1.", "-.5", ".inf", "-.Inf", ".nan", "0x1F", "0o17", "017", "1_000", "+12", "-0", "0b101"),
    *("2024-01-01", "2024-01-01T10:00:00Z", "12:30", "1:20:30", "+.5e-3", "1E+3", "0.", "text", "'5'", '"x"'),
]


def _tags(node: Node) -> list[Any]:
    if isinstance(node, MappingNode):
        return [str(node.tag), *(t for k, v in node.value for t in (*_tags(k), *_tags(v)))]
    if isinstance(node, SequenceNode):
        return [str(node.tag), *(t for item in node.value for t in _tags(item))]
    return [(str(node.tag), node.value)]


@pytest.mark.parametrize("header", ["", "%YAML 1.1\n---\n", "%YAML 1.2\n---\n"])
def test_tags_are_ruamels(header: str) -> None:
    text = header + "".join(f"k{i}: {s}\nl{i}:\n  - {s}\n" for i, s in enumerate(SCALARS))
    expected = _tags(YAML(typ="safe", pure=False).compose(text))
    for _ in range(2):  # the second time every scalar is remembered
        assert _tags(loader._yaml().compose(text)) == expected


def test_the_memory_is_bounded() -> None:
    for n in range(loader._MAX_RESOLVED + 10):
        loader._yaml().compose(f"v{n}: x")
        assert len(loader._RESOLVED) <= loader._MAX_RESOLVED
