"""How the loader reads the YAML test suite (https://github.com/yaml/yaml-test-suite).

    git clone https://github.com/yaml/yaml-test-suite /tmp/yaml-test-suite
    python bench/yaml_suite.py /tmp/yaml-test-suite/src [--loader OTHER/policyval/check/load.py] [-v]

For every case of the suite's src/*.yaml: a valid case with a JSON reading must load to
that value (policyval reads the first document of a stream), an invalid one must be
refused. Prints the counts (with ``-v``, each case that differs) and, with ``--loader``,
the same counts for another build's loader side by side. The suite's data is not copied
into this repository.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import re
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import yaml

# The suite's visible markers for characters that are hard to see (bin/YAMLTestSuite.pm).
MARKERS = [(re.compile("\u2423"), " "), (re.compile("\u2014*\u00bb"), "\t"), (re.compile("\u2190"), "\r")]
MARKERS += [(re.compile("\u21d4"), "\ufeff"), (re.compile("\u21b5"), "")]


def unescape(text: str) -> str:
    for marker, char in MARKERS:
        text = marker.sub(char, text)
    return text[: -len("\u220e\n")] if text.endswith("\u220e\n") else text


def cases(src: Path) -> list[tuple[str, dict[str, Any]]]:
    found = []
    for path in sorted(src.glob("*.yaml")):
        inherited: dict[str, Any] = {}
        entries = yaml.safe_load(path.read_text(encoding="utf-8"))
        for n, entry in enumerate(entries):
            inherited = {**inherited, **{k: v for k, v in entry.items() if k != "fail"}, "fail": "fail" in entry}
            found.append((path.stem if len(entries) == 1 else f"{path.stem}-{n:02d}", dict(inherited)))
    return found


def first_json(text: str) -> Any:
    value, _ = json.JSONDecoder().raw_decode(text.lstrip())
    return value


def verdict(loader: ModuleType, case: dict[str, Any]) -> str:
    """'right', 'wrong' (read, to another value), 'refused' (a valid case not read) or 'accepted'."""
    doc = loader.load_text(unescape(case["yaml"]))
    # An empty stream is valid YAML; policyval's yaml/empty says a policy needs a mapping.
    refused = any(p.rule.startswith("yaml/") and p.rule != "yaml/empty" for p in doc.problems if not doc.usable)
    refused = refused or any(p.rule == "yaml/syntax" for p in doc.problems)
    if case["fail"]:
        return "right" if refused else "accepted"
    if refused:
        return "refused"
    if not (case.get("json") or "").strip():
        return "right"  # valid, and not representable as JSON: read at all is what can be checked
    return "right" if doc.data == first_json(case["json"]) else "wrong"


def _module(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("_other_load", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["_other_load"] = module
    spec.loader.exec_module(module)
    return module


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("src", type=Path, help="the suite's src/ folder")
    parser.add_argument("--loader", type=Path, help="another build's policyval/check/load.py, to compare")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args(argv)
    from policyval.check import load

    loaders = {"this build": load}
    if args.loader is not None:
        loaders = {"other build": _module(args.loader), **loaders}
    all_cases = cases(args.src)
    counts: dict[str, dict[str, int]] = {name: {} for name in loaders}
    for ident, case in all_cases:
        seen = {name: verdict(module, case) for name, module in loaders.items()}
        for name, v in seen.items():
            key = ("invalid " if case["fail"] else "valid ") + v
            counts[name][key] = counts[name].get(key, 0) + 1
        if args.verbose and (len(set(seen.values())) > 1 or "right" not in seen.values()):
            print(ident, case["name"], seen)
    print(f"{len(all_cases)} cases")
    for name, c in counts.items():
        print(f"{name}: " + ", ".join(f"{k} {v}" for k, v in sorted(c.items())))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
