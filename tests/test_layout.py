"""The layout shows the architecture: wings with one import direction, no cycle, and a README
table that matches the tree.

Wings, lowest first; a module may import its own wing and the wings below it, never above:

    findings (kernel) < policy < rules < check < config < reporters < publish < api < lsp < cli

(``lsp``, the language server, sits beside ``cli``: another front end over the pipeline, which
``policyval lsp`` starts.)

Every import counts: at module level, inside functions (lazy imports) and under
``TYPE_CHECKING``. The package facade (``policyval/__init__.py``, ``__main__``, ``launch``)
may reach anything, and anyone may import the bare ``policyval`` package (for ``__version__``).
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "validator" / "policyval"
WINGS = ("findings", "policy", "rules", "check", "config", "reporters", "publish", "api", "lsp", "cli")
FACADE = {"policyval", "policyval.__main__", "policyval.launch"}


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in PACKAGE.rglob("*.py")}


def imported(path: Path, known: dict[str, Path]) -> set[str]:
    """Every policyval module ``path`` imports, anywhere in it."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("policyval"))
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("policyval"):
            for alias in node.names:
                child = f"{node.module}.{alias.name}"
                found.add(child if child in known else node.module)
    return {name for name in found if name in known}


def wing(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "policyval"


def test_every_module_is_in_a_wing() -> None:
    stray = {m for m in modules() if m not in FACADE and wing(m) not in WINGS}
    assert stray == set(), f"put these in a wing ({', '.join(WINGS)}): {sorted(stray)}"


def test_imports_run_one_way() -> None:
    known = modules()
    wrong = []
    for name, path in known.items():
        if name in FACADE:
            continue
        for target in imported(path, known) - {"policyval"}:
            if WINGS.index(wing(target)) > WINGS.index(wing(name)):
                wrong.append(f"{name} imports {target} ({wing(name)} may not import {wing(target)})")
    assert wrong == []


def test_no_import_cycle() -> None:
    known = modules()
    graph = {n: imported(p, known) - FACADE for n, p in known.items() if n not in FACADE}
    done: set[str] = set()

    def visit(node: str, stack: list[str]) -> None:
        if node in stack:
            cycle = [*stack[stack.index(node) :], node]
            raise AssertionError("import cycle: " + " -> ".join(cycle))
        if node in done:
            return
        for target in sorted(graph.get(node, ())):
            if target != node and not node.startswith(target + "."):  # a module may use its own package
                visit(target, [*stack, node])
        done.add(node)

    for node in sorted(graph):
        visit(node, [])


def layout_table() -> dict[str, str]:
    readme = (ROOT / "README.md").read_text("utf-8")
    section = readme.split("### Repository layout", 1)[1].split("\n#", 1)[0]
    return dict(re.findall(r"^\| `([^`]+)` \| (.+) \|$", section, flags=re.M))


def test_readme_layout_table_matches_the_tree() -> None:
    table = layout_table()
    wings = {
        f"validator/policyval/{p.name}/" for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").is_file()
    }
    listed = {path for path in table if path.startswith("validator/policyval/") and path.endswith("/")}
    assert listed == wings, "the README's layout table lists each wing of the package, and only those"
    for path in table:
        assert (ROOT / path).exists(), f"the README's layout table names {path}, which does not exist"


def test_the_wings_are_in_the_readme_in_import_order() -> None:
    listed = [p.split("/")[2] for p in layout_table() if p.startswith("validator/policyval/") and p.endswith("/")]
    order = [w for w in WINGS if w in listed]
    assert listed == order
