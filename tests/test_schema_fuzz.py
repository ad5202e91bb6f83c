"""Schema-valid fuzzing: documents generated from the schema itself (hypothesis-jsonschema), through
every command and every format.

For each document: no command ends in ``internal/error`` or a traceback; each output is valid in
its own format (JSON and SARIF parse, JUnit is XML, Markdown renders with no HTML from the policy,
HTML holds no character HTML forbids, text and GitHub output hold no raw control character);
and the JSON export reads back as the document exported. Derandomized, no example database, and
arrays and free strings kept short in generation (the documents stay valid under the real
schema, which every one is checked against), so the suite stays fast and sees the same examples
every run.
"""

from __future__ import annotations

import contextlib
import copy
import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis_jsonschema import from_schema
from markdown_it import MarkdownIt

from policyval.cli import main
from policyval.policy import schemas

ROOT = Path(__file__).resolve().parent.parent
GOOD = ROOT / "tests" / "cases" / "valid" / "complete-gdpr.yaml"
RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f]")
NOT_HTML = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f]")


def _small(node: Any) -> Any:
    if isinstance(node, dict):
        if node.get("type") == "array" or "items" in node:
            node["maxItems"] = min(node.get("maxItems", 2), 2)
        if node.get("type") == "string" and "enum" not in node and "pattern" not in node:
            node["maxLength"] = min(node.get("maxLength", 24), 24)
        if isinstance(node.get("pattern"), str):
            # The generator reads patterns as Python's re: make them mean what ECMA-262 does.
            pattern = node["pattern"].replace("\\d", "[0-9]")
            node["pattern"] = pattern[:-1] + "\\Z" if pattern.endswith("$") else pattern
        for value in node.values():
            _small(value)
    elif isinstance(node, list):
        for value in node:
            _small(value)
    return node


SCHEMA = _small(copy.deepcopy(schemas.schema("1.0")))


# Characters JSON leaves raw that YAML allows only escaped (C1 controls, DEL, noncharacters).
_YAML_ESCAPED = re.compile("[\x7f-\x9f\ufffe\uffff]")


def as_yaml(document: Any) -> str:
    """The document as YAML 1.2 (JSON, with what YAML cannot hold raw written as escapes)."""
    text = json.dumps(document, ensure_ascii=False)
    return _YAML_ESCAPED.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def cli(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(args))
    text = out.getvalue() + err.getvalue()
    assert "internal/error" not in text and "internal error" not in text, text
    return code, out.getvalue(), err.getvalue()


def _exported(path: Path) -> Any:
    """What ``export --format json`` writes (it writes bytes to stdout's buffer, so not through cli())."""
    from policyval.check.plan import Plan
    from policyval.check.run import collect
    from policyval.publish import export

    results = collect([str(path)], Plan(rules=False, keep_data=True)).results
    assert not export.blocked(results)
    return json.loads("".join(export.texts(results, "json")))


@settings(
    max_examples=6,
    deadline=None,
    derandomize=True,
    database=None,
    phases=[Phase.generate],  # no shrinking: a failure is reported as found, and fast
    suppress_health_check=list(HealthCheck),
)
@given(from_schema(SCHEMA))
def test_every_command_and_format_on_schema_valid_documents(tmp_path_factory: Any, document: dict[str, Any]) -> None:
    assert not list(schemas.validator("1.0").iter_errors(document)), "the generator stays inside the real schema"
    path = tmp_path_factory.mktemp("fuzz") / "p.yaml"
    path.write_text(as_yaml(document), encoding="utf-8")
    for fmt in ("text", "github"):
        code, out, _ = cli("check", "--isolated", "--format", fmt, str(path))
        assert code in (0, 1) and not RAW_CONTROL.search(out)
    for fmt in ("json", "sarif"):
        code, out, _ = cli("check", "--isolated", "--format", fmt, str(path))
        assert code in (0, 1)
        json.loads(out)
    code, out, _ = cli("check", "--isolated", "--format", "junit", str(path))
    ET.fromstring(out.encode("utf-8"))
    assert _exported(path) == document  # the export round trip
    for command in ("render", "report"):
        code, out, _ = cli(command, "--format", "markdown", str(path))
        assert code == 0
        assert not re.search(r"<(script|img|iframe|svg)", MarkdownIt("commonmark", {"html": True}).render(out))
        code, html, _ = cli(command, "--format", "html", str(path))
        assert code == 0 and not NOT_HTML.search(html)
    code, _, _ = cli("diff", str(GOOD), str(path))
    assert code in (0, 1)
