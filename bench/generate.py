"""Synthetic policy corpora for the benchmark, varied from the encoded seed policies.

Seeds are ``policies/*.yaml`` and ``tests/cases/valid/*.yaml``: every one that loads as a
mapping and passes the published schema is used; the others are skipped with a note (the
seed encodings are still being written, so this must not depend on any one of them).

Each variant shuffles entity lists, renames ids consistently, duplicates entries under new
ids to vary the size (roughly 0.5x to 4x the seed), and is checked against the schema
again; a variant the schema refuses falls back to a milder one, so every generated file is
schema-valid and both tools do their full work on it.
"""

from __future__ import annotations

import copy
import io
import random
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from policyval.check import schema
from policyval.check.load import load_text
from policyval.cli.migrate import MigrationError, migrate_text
from policyval.policy.shape import LATEST

ROOT = Path(__file__).resolve().parent.parent
SEED_GLOBS = ("policies/**/*.yaml", "policies/**/*.yml", "tests/cases/valid/*.yaml")
HEADER = (
    "# yaml-language-server: $schema=policy-"
    + LATEST
    + ".schema.json\n# Synthetic policy {n} (bench/generate.py, from {seed}).\n"
)
PER_DIR = 100  # files per directory, as in a repository of many policies
MAX_VARIANTS = 500  # distinct variants; files beyond this reuse one with a new header


def _valid(data: Any) -> bool:
    return isinstance(data, dict) and not schema.check(data, str(data.get("schema_version", "1.0")))


def _latest(text: str) -> str:
    """The seed at the latest schema version, so that check-jsonschema can validate every
    file of a set against one schema (the one the files declare), as policyval does."""
    try:
        return migrate_text(text, LATEST).new
    except MigrationError:
        return text  # not a clean policy: seeds() says so and skips it


def seeds(root: Path = ROOT) -> list[tuple[str, dict[str, Any]]]:
    """(name, data) of every seed that loads cleanly and passes the schema, at the latest version."""
    found: list[tuple[str, dict[str, Any]]] = []
    for pattern in SEED_GLOBS:
        for path in sorted(root.glob(pattern)):
            try:
                doc = load_text(_latest(path.read_text(encoding="utf-8")))
            except (OSError, UnicodeDecodeError) as exc:
                print(f"bench: skipping seed {path}: {exc}", file=sys.stderr)
                continue
            if doc.problems or not doc.usable or not _valid(doc.data):
                print(f"bench: skipping seed {path}: not a clean, schema-valid policy yet", file=sys.stderr)
                continue
            found.append((str(path.relative_to(root)), doc.data))
    return found


def _entity_lists(data: dict[str, Any]) -> Iterator[list[dict[str, Any]]]:
    """Top-level lists of mappings (purposes, recipients, retention, rights...)."""
    for value in data.values():
        if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            yield value


def _ids(data: dict[str, Any]) -> set[str]:
    return {e["id"] for lst in _entity_lists(data) for e in lst if isinstance(e.get("id"), str)}


def _replace_strings(node: Any, mapping: dict[str, str]) -> Any:
    if isinstance(node, dict):
        return {k: _replace_strings(v, mapping) for k, v in node.items()}
    if isinstance(node, list):
        return [_replace_strings(v, mapping) for v in node]
    if isinstance(node, str):
        return mapping.get(node, node)
    return node


def _shuffle(data: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    out = copy.deepcopy(data)
    for lst in _entity_lists(out):
        rng.shuffle(lst)
    return out


def _field_values(node: Any) -> Iterator[str]:
    """Strings that stand as a mapping's value under a key other than ``id`` (enum-like fields)."""
    if isinstance(node, dict):
        for key, value in node.items():
            if isinstance(value, str) and key != "id":
                yield value
            yield from _field_values(value)
    elif isinstance(node, list):
        for value in node:
            yield from _field_values(value)


def _rename(data: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    """Rename ids and their references; an id that is also some field's value keeps its name."""
    tag = f"{rng.randrange(16**3):03x}"
    keep = set(_field_values(data))
    mapping = {old: f"{old}-{tag}" for old in _ids(data) - keep}
    return _replace_strings(data, mapping)  # type: ignore[no-any-return]


def _reference_lists(node: Any) -> Iterator[list[Any]]:
    """Every list of strings in ``node``: where entries name other entries by id."""
    if isinstance(node, dict):
        for value in node.values():
            yield from _reference_lists(value)
    elif isinstance(node, list):
        if node and all(isinstance(v, str) for v in node):
            yield node
        for value in node:
            yield from _reference_lists(value)


def _grow(data: dict[str, Any], rng: random.Random, factor: float) -> dict[str, Any]:
    """Duplicate entries that carry an id, under fresh ids, until about ``factor`` times as many.

    A clone is referenced wherever its original is (every list of ids that names the
    original names the clone too), so clones are as connected as real entries: a clone
    nothing refers to would draw findings (unused data category...) a real policy does not.
    """
    out = copy.deepcopy(data)
    clones: dict[str, list[str]] = {}
    # An id two kinds of entry share ("billing": a purpose and a data category) is ambiguous
    # in a reference list, so such entries are not cloned.
    seen = [e["id"] for lst in _entity_lists(out) for e in lst if isinstance(e.get("id"), str)]
    shared = {i for i in seen if seen.count(i) > 1}
    for lst in _entity_lists(out):
        with_id = [e for e in lst if isinstance(e.get("id"), str) and e["id"] not in shared]
        if not with_id:
            continue
        for n in range(int(len(with_id) * (factor - 1))):
            clone = copy.deepcopy(rng.choice(with_id))
            clones.setdefault(clone["id"], []).append(f"{clone['id']}-x{n}")
            clone["id"] = clones[clone["id"]][-1]
            lst.append(clone)
    for refs in list(_reference_lists(out)):
        refs.extend(new for old in list(refs) for new in clones.get(old, ()))
    return out


def _shrink(data: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    """Drop optional sections that nothing refers to, for smaller policies."""
    out = copy.deepcopy(data)
    for key in ("cookies", "children", "security", "policy_changes", "automated_decision_making"):
        if key in out and rng.random() < 0.5:
            del out[key]
    return out


def variant(data: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    """The most varied form of ``data`` that is still schema-valid."""
    factor = rng.choice((0.5, 1.0, 1.0, 1.5, 2.0, 2.0, 3.0, 4.0))
    base = _shuffle(data, rng)
    grown = _grow(base, rng, factor) if factor > 1 else _shrink(base, rng)
    for candidate in (_rename(grown, rng), grown, base, data):
        if _valid(candidate):
            return candidate
    return data


def dump(data: dict[str, Any]) -> str:
    yaml = YAML(typ="safe", pure=False)
    yaml.default_flow_style = False
    yaml.width = 100
    yaml.allow_unicode = True
    yaml.representer.sort_base_mapping_type_on_output = False  # keep the seed's key order
    buf = io.StringIO()
    yaml.dump(data, buf)
    return buf.getvalue()


def generate(out: Path, count: int, seed: int = 6) -> list[Path]:
    """Write ``count`` policies under ``out`` (100 per directory); return their paths in order."""
    sources = seeds()
    if not sources:
        raise SystemExit("bench: no usable seed policy (policies/*.yaml, tests/cases/valid/*.yaml)")
    rng = random.Random(seed)
    texts: list[tuple[str, str]] = []
    for i in range(min(count, MAX_VARIANTS)):
        name, data = sources[i % len(sources)]
        text = dump(variant(data, rng))
        if load_text(text).problems:  # the dump must read back exactly as policyval reads it
            text = dump(data)
        texts.append((name, text))
    paths: list[Path] = []
    for n in range(count):
        name, text = texts[n % len(texts)]
        path = out / f"d{n // PER_DIR:03d}" / f"policy-{n:05d}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(HEADER.format(n=n, seed=name) + text, encoding="utf-8")
        paths.append(path)
    return paths


def broken(out: Path) -> Path:
    """A schema-invalid policy (a lower-case country code): both tools must report it."""
    _, data = seeds()[0]
    bad = copy.deepcopy(data)
    bad.setdefault("controller", {})["country"] = "fr"
    path = out / "broken.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(dump(bad), encoding="utf-8")
    return path


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "bench" / "out" / "sample"
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 10
    print(f"{len(generate(target, n))} policies under {target}")
