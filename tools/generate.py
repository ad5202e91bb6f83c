"""Write (or, with --check, verify) everything derived from the schema tables.

    python tools/generate.py            # rewrite the generated files
    python tools/generate.py --check    # exit 1, naming each stale file, if any differs

The tables are in tools/schemagen (one module per schema version); their vocabularies come
from the committed DPV extract schema/vocab/dpv-2.3.json (built from the W3C DPV CSVs by
``python tools/generate.py --vocab ../shared/vocab/dpv-2.3``, which also rewrites the extract).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

from schemagen import emit, v1_0, v1_1, vocab  # noqa: E402 - after the path is set

VERSIONS = (v1_0, v1_1)  # oldest first; a new version adds its module here
PACKAGE = ROOT / "validator" / "policyval" / "policy"
EXTRACT = ROOT / "schema" / "vocab" / "dpv-2.3.json"


def outputs(extract: dict[str, object]) -> dict[Path, str]:
    """Every generated file and its content."""
    tables = {m.VERSION: m.build(extract) for m in VERSIONS}
    files = {ROOT / "schema" / f"policy-{v}.schema.json": emit.schema_text(t) for v, t in tables.items()}
    sources = {PACKAGE / "shape.py": emit.shape_py(tables)}
    latest = VERSIONS[-1].VERSION
    sources[PACKAGE / "views.py"] = emit.views_py(latest, tables[latest])
    for version, table in tables.items():
        module = "v" + version.replace(".", "_")
        sources[PACKAGE / "models" / f"{module}.py"] = emit.models_py(version, table)
    sources[PACKAGE / "models" / "__init__.py"] = emit.models_init_py(tables)
    files.update({path: emit.formatted(text, str(path.relative_to(ROOT))) for path, text in sources.items()})
    return files


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="write nothing; fail if a generated file is stale")
    parser.add_argument("--vocab", type=Path, help="rebuild the DPV extract from this DPV CSV release first")
    args = parser.parse_args(argv)
    files: dict[Path, str] = {}
    if args.vocab is not None:
        files.update(vocab.outputs(args.vocab, ROOT))
        extract = json.loads(files[EXTRACT])
    else:
        extract = json.loads(EXTRACT.read_text("utf-8"))
    files.update(outputs(extract))
    stale = [p for p, text in files.items() if not p.is_file() or p.read_text("utf-8") != text]
    if args.check:
        for path in stale:
            print(f"stale: {path.relative_to(ROOT)} (run: python tools/generate.py)", file=sys.stderr)
        return 1 if stale else 0
    for path in stale:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(files[path], encoding="utf-8")
        print(f"wrote {path.relative_to(ROOT)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
