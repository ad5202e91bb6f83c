"""Prove that a change keeps policyval's output: two builds, the same inputs, byte for byte.

    git worktree add ../before <commit> && (cd ../before && python3 -m venv .venv && .venv/bin/pip install -q -e .)
    python bench/same_output.py --before ../before/.venv/bin/policyval
    python bench/same_output.py --before ../before/.venv/bin/policyval \
        --loader ../before/validator/policyval/check/load.py

The first form runs ``policyval check`` of both builds on every case under tests/cases, the
seed policies and a hostile corpus (the inputs of tests/test_hostile.py's corpus), in the
json, text and sarif formats, and compares stdout and exit code (in text, all but the
rule-profiles summary lines, which count files since issue 17). ``--loader`` also loads
every one of those files and ``--mutations`` mutated copies of them (lines deleted,
duplicated, re-indented; characters flipped; YAML fragments inserted: the fuzz tests'
moves) with the other build's ``load_text`` and this one's, and compares data, positions
and problems. Prints each difference; exits 1 if there is any.
"""

from __future__ import annotations

import argparse
import importlib.util
import math
import random
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
FORMATS = ("json", "text", "sarif")
FRAGMENTS = [
    "!!python/object/apply:os.system ['echo hi'] ",
    "!custom ",
    "&a ",
    "*a ",
    "*undefined ",
    "<<: *a\n",
    "? [x]\n: y\n",
    "---\n",
    "...\n",
    "\t",
    "[" * 70,
    "{",
    "'",
    '"',
    "%YAML 1.1\n",
    "NO",
    "2024-01-01",
    "9" * 50,
    "&b {x: 1}\n",
    "<<: [*a, *b]\n",
    "# policyval: disable=contact/ -- r\n",
]


def hostile(directory: Path) -> None:
    """The hostile inputs that are files (FIFOs and symlink loops are tested elsewhere)."""
    levels = ["l0: &l0 [" + ", ".join(["lol"] * 10) + "]"]
    levels += [f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 10) + "]" for i in range(1, 10)]
    files: dict[str, str | bytes] = {
        "syntax.yaml": "a: [\n",
        "empty.yaml": "",
        "multi.yaml": "a: 1\n---\nb: 2\n",
        "list.yaml": "- 1\n",
        "dup.yaml": "a: 1\na: 2\n",
        "bomb.yaml": "\n".join(levels) + "\n",
        "cycle.yaml": "a: &a [*a]\n",
        "deep.yaml": "[" * 200_000,
        "deep-block.yaml": "".join(" " * i + "k:\n" for i in range(100)),
        "tag.yaml": "a: !!python/object/apply:os.system [ls]\n",
        "latin1.yaml": b"a: \xe9\n",
        "utf16.yaml": "a: 1\n".encode("utf-16"),
        "binary.yaml": b"\x00\x01\x02",
        "keys.yaml": "{1: a}\n",
        "tabs.yaml": "a:\n\tb: 1\n",
        "version.yaml": 'schema_version: "0.1"\n',
        "huge-int.yaml": "a: " + "1" * 5000 + "\n",
        "control.yaml": 'schema_version: "1.0"\npolicy:\n  title: é\x07x\n',
        "crlf.yaml": 'schema_version: "1.0"\r\ncontroller:\r\n  legal_name: A\r\n  legal_name: B\r\n',
        "merge.yaml": "a: &a {x: 1, <<: {q: 1}}\nb:\n  <<: [*a, {z: 3}]\n  y: 2\n",
        "alias-deep.yaml": "a: &deep " + "[" * 40 + "x" + "]" * 40 + "\nb: " + "[" * 40 + "*deep" + "]" * 40 + "\n",
        "undefined.yaml": "a: *nothing\n",
    }
    directory.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        path = directory / name
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))


def targets(scratch: Path) -> list[Path]:
    hostile(scratch / "hostile")
    cases = ROOT / "tests" / "cases"
    return [cases / "valid", cases / "invalid", cases / "configured", ROOT / "policies", scratch / "hostile"]


# The text summary's rule-profiles lines count files since issue 17 (item 3): compared apart.
SUMMARY_LINES = ("Rule profiles ", "Rules not run ")


def _output(tool: str, fmt: str, path: Path) -> tuple[int, str]:
    run = subprocess.run([tool, "check", "--format", fmt, str(path)], cwd=ROOT, capture_output=True, text=True)
    lines = run.stdout.splitlines(keepends=True)
    return run.returncode, "".join(line for line in lines if not line.startswith(SUMMARY_LINES))


def compare_cli(before: str, after: str, paths: list[Path]) -> list[str]:
    differences = []
    for path in paths:
        for fmt in FORMATS:
            runs = [_output(tool, fmt, path) for tool in (before, after)]
            if runs[0] != runs[1]:
                differences.append(f"check --format {fmt} {path}: exit {runs[0][0]} -> {runs[1][0]}")
            else:
                print(f"same: check --format {fmt} {path.relative_to(ROOT) if ROOT in path.parents else path}")
    return differences


def _module(path: Path, name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def _canonical(value: Any) -> Any:
    if isinstance(value, float) and math.isnan(value):
        return ("nan",)
    if isinstance(value, dict):
        return ("map", tuple((k, _canonical(v)) for k, v in value.items()))
    if isinstance(value, list):
        return ("seq", tuple(_canonical(v) for v in value))
    return (type(value).__name__, value)


def loaded(module: ModuleType, text: str) -> Any:
    try:
        doc = module.load_text(text)
    except Exception as exc:  # a crash is a result to compare, too
        return ("exception", type(exc).__name__)
    problems = [(p.rule, p.message, p.line, p.column, p.path) for p in doc.problems]
    return _canonical(doc.data), doc.usable, problems, doc.values, doc.keys


def mutations(texts: list[str], count: int, seed: int) -> Iterator[str]:
    rng = random.Random(seed)
    for _ in range(count):
        lines = rng.choice(texts).split("\n")
        for _ in range(rng.randint(1, 4)):
            i = rng.randrange(len(lines))
            move = rng.choice(["flip", "delete", "duplicate", "indent", "dedent", "insert"])
            if move == "flip" and lines[i]:
                at = rng.randrange(len(lines[i]))
                lines[i] = lines[i][:at] + rng.choice("-:?,[]{}#&*!|>'\"%@ \t.~aN0") + lines[i][at + 1 :]
            elif move == "delete" and len(lines) > 1:
                del lines[i]
            elif move == "duplicate":
                lines.insert(i, lines[i])
            elif move == "indent":
                lines[i] = rng.choice([" ", "  ", "\t"]) + lines[i]
            elif move == "dedent":
                lines[i] = lines[i].lstrip(" ")
            elif move == "insert":
                at = rng.randint(0, len(lines[i]))
                lines[i] = lines[i][:at] + rng.choice(FRAGMENTS) + lines[i][at:]
        yield "\n".join(lines)


def compare_loader(old_path: Path, paths: list[Path], count: int, seed: int) -> list[str]:
    old = _module(old_path, "_before_load")
    from policyval.check import load as new

    files = sorted(f for p in paths for f in ([p] if p.is_file() else p.rglob("*.y*ml")))
    texts = [f.read_bytes().decode("utf-8", "replace") for f in files]
    differences = [str(f) for f, t in zip(files, texts, strict=True) if loaded(old, t) != loaded(new, t)]
    print(f"loader: {len(files) - len(differences)} of {len(files)} files read alike")
    mutated = list(mutations([t for t in texts if 0 < len(t) < 100_000], count, seed))
    odd = [t for t in mutated if loaded(old, t) != loaded(new, t)]
    print(f"loader: {len(mutated) - len(odd)} of {len(mutated)} mutated files read alike")
    for text in odd:
        before, after = loaded(old, text)[2][:1], loaded(new, text)[2][:1]
        differences.append(f"mutated text ({len(text)} chars): problems {before} -> {after}")
    return differences


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--before", required=True, help="the policyval executable of the other build")
    parser.add_argument("--after", default=str(Path(sys.executable).parent / "policyval"), help="this build's")
    parser.add_argument("--loader", type=Path, help="the other build's policyval/check/load.py")
    parser.add_argument("--mutations", type=int, default=5000, help="mutated files for --loader (default 5000)")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    scratch = Path(tempfile.mkdtemp(prefix="same-output-"))
    try:
        paths = targets(scratch)
        differences = compare_cli(args.before, args.after, paths)
        if args.loader is not None:
            differences += compare_loader(args.loader, paths, args.mutations, args.seed)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    for difference in differences:
        print(f"DIFFERENT: {difference}")
    print(f"{len(differences)} difference(s)")
    return 1 if differences else 0


if __name__ == "__main__":
    raise SystemExit(main())
