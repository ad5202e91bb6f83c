"""Regenerate docs/examples/ with policyval's own commands: ``python docs/examples/build.py``.

Every file here is the output of one ``policyval`` command line (``EXAMPLES``), run from the
repository's root so the paths it prints are relative. ``--check`` writes nothing: it exits 1
and names every file that is stale, missing or left over (tests/test_examples.py runs it).
"""

from __future__ import annotations

import contextlib
import io
import os
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
SEEDS = ("cameraux", "cell-expert", "photo-cdm", "planorama", "smartphone-id")
# Schema 1.1 cases whose laws give the notice another structure: the CCPA's and Québec's.
CASES = {"us-state-law": "tests/cases/valid/1.1/us-state-law.yaml", "canada": "tests/cases/valid/1.1/canada.yaml"}
DIFFS = "tests/cases/diff"


def _examples() -> Iterator[tuple[str, list[str]]]:
    """(file under docs/examples/, the policyval arguments whose standard output it is)."""
    policies = {name: f"policies/{name}.yaml" for name in SEEDS} | CASES
    for name, path in policies.items():
        for fmt, suffix in (("markdown", "md"), ("html", "html")):
            yield f"notices/{name}.{suffix}", ["render", path, "--format", fmt]
    for name in SEEDS:
        yield f"ropa/{name}.csv", ["export", "--format", "ropa-csv", f"policies/{name}.yaml"]
        yield f"ropa/{name}.xlsx", ["export", "--format", "ropa-xlsx", f"policies/{name}.yaml", "--output", "-"]
    matrix = ["policies/", *CASES.values()]
    yield "compliance-matrix.md", ["report", *matrix, "--format", "markdown"]
    yield "compliance-matrix.html", ["report", *matrix, "--format", "html"]
    for name, case in (
        ("diff-add-country", "add-country"),
        ("diff-drop-right", "drop-right"),
        ("diff-retention-safeguard", "longer-retention-no-safeguard"),
    ):
        pair = [f"{DIFFS}/base.yaml", f"{DIFFS}/{case}.yaml"]
        yield f"{name}.md", ["diff", *pair, "--format", "markdown"]
        yield f"{name}.txt", ["diff", *pair]


def _run(args: list[str]) -> bytes:
    """What ``policyval ARGS`` prints on standard output (``--output -`` : the file it writes)."""
    from policyval.cli import main

    if args[-2:] == ["--output", "-"]:
        import tempfile

        with tempfile.TemporaryDirectory() as tmp:
            target = Path(tmp) / "out"
            _call(main, [*args[:-1], str(target)])
            return target.read_bytes()
    raw = io.BytesIO()
    out = io.TextIOWrapper(raw, encoding="utf-8", newline="", write_through=True)
    with contextlib.redirect_stdout(out):
        _call(main, args)
    return raw.getvalue()


def _call(main: object, args: list[str]) -> None:
    code = main(args)  # type: ignore[operator]
    if code not in (0, 1):  # 1: a diff with changes, or findings beside the output
        raise SystemExit(f"policyval {' '.join(args)}: exit {code}")


def outputs() -> dict[str, bytes]:
    os.chdir(ROOT)
    return {name: _run(args) for name, args in _examples()}


def _existing() -> set[str]:
    kept = {"build.py"}
    return {p.relative_to(HERE).as_posix() for p in HERE.rglob("*") if p.is_file()} - kept


def main(argv: list[str]) -> int:
    built = outputs()
    if "--check" in argv:
        stale = sorted(n for n, data in built.items() if not (HERE / n).is_file() or (HERE / n).read_bytes() != data)
        extra = sorted(_existing() - set(built))
        for name in stale:
            print(f"docs/examples/{name}: stale or missing")
        for name in extra:
            print(f"docs/examples/{name}: not built by docs/examples/build.py")
        if stale or extra:
            print("run: python docs/examples/build.py")
        return 1 if stale or extra else 0
    for name in _existing() - set(built):
        (HERE / name).unlink()
    for name, data in built.items():
        (HERE / name).parent.mkdir(parents=True, exist_ok=True)
        (HERE / name).write_bytes(data)
    print(f"docs/examples: {len(built)} files written")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
