"""Which YAML parser the loader drives: the candidates of issue 17, timed on the same files.

    pip install -e '.[bench]' && python bench/parsers.py            # results: bench/parsers.md
    pip install rapidyaml && python bench/parsers.py                # with rapidyaml too

Per file (median of repeats, in this process, the files already in memory): the seed
policies in policies/ and 200 files of the synthetic set (bench/generate.py). Rows:

* the parser alone: every event pulled (PyYAML's and ruamel.yaml's C parsers, both
  libyaml), or nodes composed in C (PyYAML's composer with a resolver that does nothing:
  the floor of the issue), or rapidyaml's tree (with a walk to Python data, since its
  Python API gives no line or column);
* whole loaders, with the guards, positions and YAML 1.2 scalars: policyval's, driven by
  PyYAML's C parser (what ships), the same code driven by ruamel.yaml's C parser, and the
  two-pass loader this one replaced (an event scan, then ruamel's C composer, then a
  rebuild in Python), as ``--before PATH/policyval/check/load.py`` if given;
* the import of each parser, in a fresh interpreter (a cold check pays it once).
"""

from __future__ import annotations

import argparse
import importlib.util
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import generate  # bench/ is not a package

ROOT = Path(__file__).resolve().parent.parent


def per_file(texts: list[str], fn: Callable[[str], Any], repeats: int) -> float:
    """Median over ``repeats`` passes of the time per file, in milliseconds."""
    rounds = []
    for _ in range(repeats):
        start = time.perf_counter()
        for text in texts:
            fn(text)
        rounds.append((time.perf_counter() - start) / len(texts) * 1000)
    return statistics.median(rounds)


def pyyaml_events(text: str) -> None:
    from yaml._yaml import CParser

    parser = CParser(text)
    while parser.get_event() is not None:
        pass


def ruamel_events(text: str) -> None:
    from _ruamel_yaml import CParser

    parser = CParser(text)
    while parser.get_event() is not None:
        pass


def pyyaml_compose(text: str) -> None:
    import yaml

    class Loader(yaml._yaml.CParser, yaml.resolver.BaseResolver):  # type: ignore[misc,name-defined]
        def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
            return "x"

    Loader(text).get_single_node()


def rapidyaml_walk(text: str) -> Any:
    import ryml

    tree = ryml.parse_in_arena(text.encode("utf-8"))

    def walk(node: int) -> Any:
        if tree.is_map(node):
            return {bytes(tree.key(c)).decode(): walk(c) for c in ryml.children(tree, node)}
        if tree.is_seq(node):
            return [walk(c) for c in ryml.children(tree, node)]
        return bytes(tree.val(node)).decode() if tree.has_val(node) else None

    return walk(tree.root_id())


def rapidyaml_parse(text: str) -> None:
    import ryml

    ryml.parse_in_arena(text.encode("utf-8"))


def _module(path: Path, name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def ruamel_driven_loader() -> ModuleType:
    """policyval's loader, the very code, with ruamel.yaml's C parser and event classes."""
    import _ruamel_yaml
    from ruamel.yaml import error, events, reader

    from policyval.check import load

    module = _module(Path(load.__file__), "_load_on_ruamel")
    module._Parser = _ruamel_yaml.CParser  # type: ignore[attr-defined]
    for name in ("AliasEvent", "DocumentStartEvent", "MappingEndEvent", "MappingStartEvent", "ScalarEvent"):
        setattr(module, name, getattr(events, name))
    module.SequenceEndEvent, module.SequenceStartEvent = events.SequenceEndEvent, events.SequenceStartEvent  # type: ignore[attr-defined]
    module.YAMLError, module.MarkedYAMLError = error.YAMLError, error.MarkedYAMLError  # type: ignore[attr-defined]
    module.ReaderError = reader.ReaderError  # type: ignore[attr-defined]
    return module


def import_ms(statement: str, runs: int) -> float:
    """Median cost of ``statement`` in a fresh interpreter, above a bare start."""

    def once(code: str) -> float:
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True)
        return time.perf_counter() - start

    pairs = [(once(statement), once("pass")) for _ in range(runs)]
    return statistics.median(a - b for a, b in pairs) * 1000


def corpora(count: int) -> dict[str, list[str]]:
    seeds = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "policies").glob("*.yaml"))]
    out = ROOT / "bench" / "out" / f"parsers-{count}"
    if not (out / "d000").exists():
        generate.generate(out, count)
    synthetic = [p.read_text(encoding="utf-8") for p in sorted(out.rglob("policy-*.yaml"))][:count]
    return {"seed policies": seeds, f"synthetic ({count} files)": synthetic}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--before", type=Path, help="the replaced loader (an old policyval/check/load.py)")
    parser.add_argument("--repeats", type=int, default=15)
    parser.add_argument("--files", type=int, default=200)
    args = parser.parse_args(argv)
    from policyval.check import load

    rows: list[tuple[str, Callable[[str], Any], str]] = [
        ("PyYAML C parser (libyaml): every event", pyyaml_events, "parser only"),
        ("ruamel.yaml C parser (libyaml): every event", ruamel_events, "parser only"),
        ("PyYAML C composer, resolver doing nothing", pyyaml_compose, "nodes, no guards"),
    ]
    try:
        import ryml  # noqa: F401

        rows += [
            ("rapidyaml: parse to its tree", rapidyaml_parse, "no positions in Python"),
            ("rapidyaml: parse and walk to data", rapidyaml_walk, "no positions in Python"),
        ]
    except ImportError:
        print("bench: rapidyaml is not installed (pip install rapidyaml): its rows are left out", file=sys.stderr)
    rows += [
        ("policyval loader on PyYAML's C parser (ships)", load.load_text, "one pass, guards, positions"),
        ("policyval loader on ruamel.yaml's C parser", ruamel_driven_loader().load_text, "the same code"),
    ]
    if args.before is not None:
        before = _module(args.before, "_before").load_text
        rows.append(("two-pass loader replaced (scan, compose, rebuild)", before, "ruamel.yaml's C composer"))
    sets = corpora(args.files)
    print("| per file (ms) | " + " | ".join(sets) + " | note |")
    print("|---|" + "--:|" * len(sets) + "---|")
    for label, fn, note in rows:
        times = [f"{per_file(texts, fn, args.repeats):.3f}" for texts in sets.values()]
        print(f"| {label} | " + " | ".join(times) + f" | {note} |")
    print()
    print("| import, fresh interpreter | ms above `python -c pass` |")
    print("|---|--:|")
    imports = [("PyYAML (yaml._yaml)", "import yaml._yaml")]
    imports.append(("ruamel.yaml (C parser)", "import ruamel.yaml, _ruamel_yaml"))
    if any(label.startswith("rapidyaml") for label, _, _ in rows):
        imports.append(("rapidyaml", "import ryml"))
    imports.append(("policyval.check.load", "import policyval.check.load"))
    for label, statement in imports:
        print(f"| {label} | {import_ms(statement, 15):.1f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
