"""Services generate types from the schema: from 1.1 on every object is one named type.

json-schema-to-typescript (npm, installed by .ci/run into .ci/node) and datamodel-code-generator
(a test extra) turn the schema into TypeScript and Python. In 1.0 a ``$ref`` with a sibling
description made them number copies (``Evidence1`` ... ``Evidence22``, ``Channel1``); 1.1's
titled definitions and bare references give each type one name, the name policyval's own
models use. The tools are required: without them these tests fail and say how to install them.
"""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from policyval.check.load import load_text
from policyval.policy.models import v1_1

ROOT = Path(__file__).resolve().parent.parent
JSON2TS = ROOT / ".ci" / "node" / "node_modules" / ".bin" / "json2ts"
DATAMODEL = Path(sys.executable).parent / "datamodel-codegen"
NUMBERED = re.compile(r"\d$")  # Evidence1, Channel22
# The document's own type, named from the schema's title, ends in its version, not a copy number.
DOCUMENT_TYPE = "PolicyvalPrivacyPolicySchema11"
DOCUMENTS = sorted((ROOT / "policies").glob("*.yaml")) + sorted(
    (ROOT / "tests" / "cases" / "valid" / "1.1").glob("*.yaml")
)


def install_command() -> str:
    (line,) = [x for x in (ROOT / ".ci" / "run").read_text("utf-8").splitlines() if x.startswith("npm install")]
    return line


def typescript(version: str) -> list[str]:
    if not JSON2TS.is_file():
        pytest.fail(f"json-schema-to-typescript is not installed ({JSON2TS}). Install it with:\n  {install_command()}")
    schema = ROOT / "schema" / f"policy-{version}.schema.json"
    done = subprocess.run([str(JSON2TS), "-i", str(schema)], capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    return re.findall(r"^export (?:interface|type) (\w+)", done.stdout, re.MULTILINE)


def python_module(version: str, out: Path) -> ModuleType:
    if not DATAMODEL.is_file():
        pytest.fail("datamodel-code-generator is not installed; install the test extra: pip install -e '.[test]'")
    schema = ROOT / "schema" / f"policy-{version}.schema.json"
    target = out / f"generated_{version.replace('.', '_')}.py"
    cmd = [str(DATAMODEL), "--input", str(schema), "--input-file-type", "jsonschema", "--output", str(target)]
    cmd += ["--output-model-type", "pydantic_v2.BaseModel", "--use-title-as-name", "--formatters", "builtin"]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    spec = importlib.util.spec_from_file_location(target.stem, target)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[target.stem] = module  # pydantic resolves the generated generics through it
    spec.loader.exec_module(module)
    return module


def our_classes() -> set[str]:
    return set(v1_1.__all__) - {"Policy"}


def test_typescript_types_of_1_1_are_named_once_as_the_models_name_them() -> None:
    names = typescript("1.1")
    assert DOCUMENT_TYPE in names
    assert [n for n in names if NUMBERED.search(n) and n != DOCUMENT_TYPE] == []
    assert len(names) == len(set(names))
    assert our_classes() <= set(names), sorted(our_classes() - set(names))


def test_typescript_types_of_1_0_were_numbered() -> None:
    # What 1.1 fixes, so the check above is known to tell the two apart.
    assert {"Evidence1", "Evidence22", "Channels1"} <= set(typescript("1.0"))


def test_python_classes_of_1_1_are_named_once_and_read_every_1_1_document(tmp_path: Path) -> None:
    module = python_module("1.1", tmp_path)
    names = re.findall(r"^class (\w+)", Path(module.__file__ or "").read_text("utf-8"), re.MULTILINE)
    assert [n for n in names if NUMBERED.search(n) and n != DOCUMENT_TYPE] == []
    assert our_classes() <= set(names), sorted(our_classes() - set(names))
    root = getattr(module, DOCUMENT_TYPE)
    for document in DOCUMENTS:
        root.model_validate(load_text(document.read_text("utf-8")).data)
    with pytest.raises(ValueError, match="right"):
        root.model_validate({"schema_version": "1.1", "rights": [{"right": "erasur"}]})
