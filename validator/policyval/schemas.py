"""The bundled schemas: found, loaded and compiled once per version, never fetched."""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.exceptions import NoSuchResource

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
    return Path(__file__).resolve().parents[2] / "schema"


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
    raise NoSuchResource(ref=uri)  # type: ignore[call-arg]


@cache
def registry() -> Registry[Any]:
    resources_ = [(schema(v)["$id"], Resource.from_contents(schema(v))) for v in versions()]
    return Registry(retrieve=_no_network).with_resources(resources_)  # type: ignore[call-arg]


@cache
def validator(version: str) -> Draft202012Validator:
    """One compiled validator per version, reused for every file. No metaschema check here:
    the tests check the bundled schemas against the metaschema once."""
    return Draft202012Validator(schema(version), registry=registry())


@cache
def vocab() -> dict[str, Any]:
    """The DPV 2.3 extract the schema's vocabularies come from (W3C licence: schema/vocab)."""
    data: dict[str, Any] = json.loads((schema_dir() / "vocab" / "dpv-2.3.json").read_text(encoding="utf-8"))
    return data
