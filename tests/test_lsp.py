"""``policyval lsp`` end to end: a real LSP client (pytest-lsp) talks to ``python -m policyval lsp``
over stdio, one test per feature, and the diagnostics are proven equal to ``policyval check``'s
findings (a seed, and a directory with a configuration file and an inline suppression)."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
import pytest_lsp
from lsprotocol import types
from pygls.protocol import default_converter
from pytest_lsp import ClientServerConfig, LanguageClient
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features

from policyval.policy import schemas, skeleton

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "policies" / "photo-cdm.yaml"
pytestmark = pytest.mark.asyncio(loop_scope="module")

SOURCE = "We keep your e-mail address for two years.\nWe never sell it.\n"
POLICY = """\
schema_version: "1.1"
policy:
  title: Example newsletter
  source_text: notice.txt
  evidence: ["We keep your e-mail address for two years."]
data_categories:
  - id: email
    label: e-mail address
purposes:
  - id: newsletter
    description: Sending the newsletter
    data_categories: [emial]
    legal_bases:
      - basis: eu-gdpr:A6-1-a
"""
TYPO = (11, 22)  # 0-based line and column of 'emial'
FIXED = POLICY.replace("[emial]", "[email]")


class Recorder(LanguageClient):
    """The test client, keeping every publishDiagnostics it receives (with its version)."""

    def __init__(self) -> None:
        super().__init__(converter_factory=default_converter)
        self.published: list[types.PublishDiagnosticsParams] = []


def _record(client: Recorder, params: types.PublishDiagnosticsParams) -> None:
    client.published.append(params)
    client.diagnostics[params.uri] = params.diagnostics


def recorder() -> Recorder:
    client = Recorder()
    register_lsp_features(client, {**DEFAULT_CLIENT_FEATURES, types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS: _record})
    return client


SERVER = [sys.executable, "-m", "policyval", "lsp", "--debounce", "0.3"]


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A repository of one's own: a policy, the text it encodes, a configured folder."""
    root = tmp_path_factory.mktemp("repo")
    (root / ".git").mkdir()
    (root / "notice.txt").write_text(SOURCE, "utf-8")
    (root / "p.yaml").write_text(POLICY, "utf-8")
    configured = root / "configured"
    configured.mkdir()
    (configured / ".policyval.yaml").write_text("ignore: [meta/no-effective-date]\n", "utf-8")
    suppressed = POLICY.replace(
        "  - id: email\n",
        "  # policyval: disable=retention/no-retention-period -- kept as long as subscribed\n  - id: email\n",
    ).replace("notice.txt", "../notice.txt")
    (configured / "p.yaml").write_text(suppressed, "utf-8")
    return root


@pytest_lsp.fixture(scope="module", config=ClientServerConfig(server_command=SERVER, client_factory=recorder))
async def client(lsp_client: Recorder) -> AsyncIterator[None]:
    await lsp_client.initialize_session(types.InitializeParams(capabilities=types.ClientCapabilities()))
    yield
    await lsp_client.shutdown_session()


# --- helpers ------------------------------------------------------------------------------------


async def published(client: Recorder, uri: str, version: int | None = None, since: int = 0) -> list[types.Diagnostic]:
    """The diagnostics last published for ``uri`` (at ``version``; after the ``since``-th
    publication), waiting for them."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        for params in reversed(client.published[since:]):
            if params.uri == uri and (version is None or params.version == version):
                return list(params.diagnostics)
        await asyncio.sleep(0.05)
    raise AssertionError(f"no diagnostics published for {uri} at version {version}")


async def opened(client: Recorder, path: Path, text: str | None = None) -> list[types.Diagnostic]:
    text = path.read_text("utf-8") if text is None else text
    uri, since = path.as_uri(), len(client.published)
    client.text_document_did_open(types.DidOpenTextDocumentParams(types.TextDocumentItem(uri, "yaml", 1, text)))
    return await published(client, uri, 1, since)


def change(client: Recorder, path: Path, version: int, text: str) -> None:
    whole = types.TextDocumentContentChangeWholeDocument(text=text)
    document = types.VersionedTextDocumentIdentifier(version=version, uri=path.as_uri())
    client.text_document_did_change(types.DidChangeTextDocumentParams(document, [whole]))


async def changed(client: Recorder, path: Path, version: int, text: str) -> list[types.Diagnostic]:
    since = len(client.published)
    change(client, path, version, text)
    return await published(client, path.as_uri(), version, since)


def close(client: Recorder, path: Path) -> None:
    client.text_document_did_close(types.DidCloseTextDocumentParams(types.TextDocumentIdentifier(path.as_uri())))


def check_json(path: Path, cwd: Path) -> list[dict[str, Any]]:
    done = subprocess.run(
        [sys.executable, "-m", "policyval", "check", "--format", "json", str(path)],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode in (0, 1), done.stderr
    findings: list[dict[str, Any]] = json.loads(done.stdout)["findings"]
    return findings


def as_findings(diagnostics: list[types.Diagnostic]) -> list[tuple[int, int, str, str, str]]:
    names = {1: "error", 2: "warning", 3: "info"}
    return sorted(
        (d.range.start.line + 1, d.range.start.character + 1, str(d.code), names[int(d.severity or 0)], d.message)
        for d in diagnostics
    )


def expected(findings: list[dict[str, Any]]) -> list[tuple[int, int, str, str, str]]:
    # A finding about the file as a whole (line 0) is shown on its first character.
    return sorted((max(f["line"], 1), max(f["column"], 1), f["rule"], f["severity"], f["message"]) for f in findings)


def edited(text: str, edits: list[types.TextEdit]) -> str:
    """``text`` with the edits applied (ASCII here, so LSP columns are characters)."""
    lines = text.split("\n")
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line) + 1)
    for edit in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
        start = offsets[edit.range.start.line] + edit.range.start.character
        end = offsets[edit.range.end.line] + edit.range.end.character
        text = text[:start] + edit.new_text + text[end:]
    return text


def plain(value: Any) -> Any:
    """A custom request's answer as JSON data (pygls gives objects as named tuples)."""
    if hasattr(value, "_asdict"):
        return {k: plain(v) for k, v in value._asdict().items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    return value


def only(diagnostics: list[types.Diagnostic], rule: str) -> types.Diagnostic:
    found = [d for d in diagnostics if d.code == rule]
    assert len(found) == 1, [d.code for d in diagnostics]
    return found[0]


async def actions(client: Recorder, path: Path, diagnostic: types.Diagnostic) -> list[types.CodeAction]:
    params = types.CodeActionParams(
        types.TextDocumentIdentifier(path.as_uri()), diagnostic.range, types.CodeActionContext([diagnostic])
    )
    found = await client.text_document_code_action_async(params)
    return [a for a in found or [] if isinstance(a, types.CodeAction)]


def applied(text: str, action: types.CodeAction, path: Path) -> str:
    assert action.edit is not None and action.edit.changes is not None
    return edited(text, list(action.edit.changes[path.as_uri()]))


async def completions(client: Recorder, path: Path, line: int, character: int) -> list[types.CompletionItem]:
    params = types.CompletionParams(types.TextDocumentIdentifier(path.as_uri()), types.Position(line, character))
    found = await client.text_document_completion_async(params)
    assert isinstance(found, types.CompletionList)
    return list(found.items)


# --- diagnostics --------------------------------------------------------------------------------


async def test_diagnostics_equal_check_json_for_a_seed(client: Recorder) -> None:
    diagnostics = await opened(client, SEED)
    findings = check_json(SEED.relative_to(ROOT), ROOT)
    assert findings, "the seed has findings, so the comparison says something"
    assert as_findings(diagnostics) == expected(findings)
    for diagnostic in diagnostics:
        assert diagnostic.source == "policyval"
        assert (
            isinstance(diagnostic.data, dict) and diagnostic.data["explain"] == f"policyval explain {diagnostic.code}"
        )
    close(client, SEED)


async def test_diagnostics_apply_configuration_and_suppressions(client: Recorder, workdir: Path) -> None:
    policy = workdir / "configured" / "p.yaml"
    diagnostics = await opened(client, policy)
    assert as_findings(diagnostics) == expected(check_json(policy, workdir))
    codes = {d.code for d in diagnostics}
    assert "meta/no-effective-date" not in codes  # ignored by the configuration
    assert "retention/no-retention-period" not in codes  # suppressed inline
    assert "ref/unknown-id" in codes
    # The same text outside the configured folder, with no suppression, has both.
    unconfigured = {d.code for d in await opened(client, workdir / "p.yaml")}
    assert {"meta/no-effective-date", "retention/no-retention-period"} <= unconfigured
    close(client, policy)
    close(client, workdir / "p.yaml")


async def test_diagnostics_follow_the_unsaved_text_debounced(client: Recorder, workdir: Path) -> None:
    path = workdir / "p.yaml"
    first = await opened(client, path)
    typo = only(first, "ref/unknown-id")
    assert (typo.range.start.line, typo.range.start.character) == TYPO
    assert (typo.range.end.line, typo.range.end.character) == (TYPO[0], TYPO[1] + len("emial"))
    # Three edits in a burst: only the last is checked, and from the buffer, not the disk.
    since = len(client.published)
    change(client, path, 2, POLICY.replace("[emial]", "[x1]"))
    change(client, path, 3, POLICY.replace("[emial]", "[x2]"))
    change(client, path, 4, FIXED)
    last = await published(client, path.as_uri(), 4, since)
    await asyncio.sleep(1)
    versions = [p.version for p in client.published[since:] if p.uri == path.as_uri()]
    assert 2 not in versions and 3 not in versions, versions
    assert "ref/unknown-id" not in {d.code for d in last}
    assert path.read_text("utf-8") == POLICY  # nothing saved
    close(client, path)


async def test_coverage_ranges_on_the_source_text(client: Recorder, workdir: Path) -> None:
    since = len(client.published)
    await opened(client, workdir / "p.yaml")
    shown = await published(client, (workdir / "notice.txt").as_uri(), since=since)
    assert [(d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character) for d in shown] == [
        (1, 0, 1, len("We never sell it."))
    ]
    # The share is by length: the quoted sentence's part of the two.
    share = len("We keep your e-mail address for two years.") / len(
        "We keep your e-mail address for two years.We never sell it."
    )
    assert shown[0].severity == types.DiagnosticSeverity.Information and "71.1% of the text covered" in shown[0].message
    answer = await client.protocol.send_request_async(
        "policyval/coverage", {"textDocument": {"uri": (workdir / "p.yaml").as_uri()}}
    )
    answer = plain(answer)
    assert answer["share"] == round(share, 4) and [r["text"] for r in answer["ranges"]] == ["We never sell it."]
    close(client, workdir / "p.yaml")


# --- hover --------------------------------------------------------------------------------------


def _described(schema: dict[str, Any], key: str) -> str:
    node = schema["properties"][key]
    while "description" not in node and "$ref" in node:
        node = schema["$defs"][node["$ref"].rsplit("/", 1)[1]]
    return str(node["description"])


async def test_hover_on_a_key_gives_the_schema_description(client: Recorder, workdir: Path) -> None:
    path = workdir / "p.yaml"
    await opened(client, path)
    hover = await client.text_document_hover_async(
        types.HoverParams(types.TextDocumentIdentifier(path.as_uri()), types.Position(5, 3))
    )
    assert hover is not None and isinstance(hover.contents, types.MarkupContent)
    assert _described(schemas.schema("1.1"), "data_categories") in hover.contents.value
    close(client, path)


async def test_hover_on_a_finding_gives_the_rule_explanation(client: Recorder, workdir: Path) -> None:
    path = workdir / "p.yaml"
    await opened(client, path)
    hover = await client.text_document_hover_async(
        types.HoverParams(types.TextDocumentIdentifier(path.as_uri()), types.Position(TYPO[0], TYPO[1] + 2))
    )
    explained = subprocess.run(
        [sys.executable, "-m", "policyval", "explain", "ref/unknown-id"], capture_output=True, text=True, check=True
    ).stdout
    assert hover is not None and isinstance(hover.contents, types.MarkupContent)
    assert "**ref/unknown-id**" in hover.contents.value
    assert explained.strip() in hover.contents.value
    close(client, path)


# --- completion ---------------------------------------------------------------------------------


async def test_completion_of_keys(client: Recorder, workdir: Path) -> None:
    path = workdir / "p.yaml"
    await opened(client, path, POLICY + "\n")
    labels = {item.label for item in await completions(client, path, len(POLICY.splitlines()), 0)}
    assert {"controller", "rights", "retention", "recipients"} <= labels
    assert not {"purposes", "data_categories", "policy"} & labels  # already there
    close(client, path)


async def test_completion_of_enum_values_with_labels(client: Recorder, workdir: Path) -> None:
    path = workdir / "p.yaml"
    text = POLICY.replace("basis: eu-gdpr:A6-1-a", "basis: ")
    await opened(client, path, text)
    items = await completions(client, path, 13, len("      - basis: "))
    by_value = {item.label: item for item in items}
    assert "eu-gdpr:A6-1-a" in by_value and len(by_value) > 5
    consent = by_value["eu-gdpr:A6-1-a"]
    assert consent.detail and consent.detail != consent.label and "consent" in consent.detail.lower()
    close(client, path)


async def test_completion_of_ids_declared_in_the_document(client: Recorder, workdir: Path) -> None:
    path = workdir / "p.yaml"
    text = POLICY.replace("    data_categories: [emial]", "    data_categories: [")
    await opened(client, path, text)
    items = await completions(client, path, 11, len("    data_categories: ["))
    assert [(item.label, item.detail) for item in items] == [("email", "data_categories: e-mail address")]
    close(client, path)


# --- go to definition ---------------------------------------------------------------------------


async def test_definition_from_a_reference_to_its_declaration(client: Recorder, workdir: Path) -> None:
    path = workdir / "p.yaml"
    await opened(client, path, FIXED)
    found = await client.text_document_definition_async(
        types.DefinitionParams(types.TextDocumentIdentifier(path.as_uri()), types.Position(TYPO[0], TYPO[1] + 1))
    )
    assert isinstance(found, types.Location) and found.uri == path.as_uri()
    start, end = found.range.start, found.range.end
    assert (start.line, start.character, end.line, end.character) == (6, 8, 6, 13)  # '  - id: email'
    close(client, path)


# --- code actions -------------------------------------------------------------------------------


async def test_code_action_applies_the_did_you_mean(client: Recorder, workdir: Path) -> None:
    path = workdir / "p.yaml"
    typo = only(await opened(client, path), "ref/unknown-id")
    action = next(a for a in await actions(client, path, typo) if a.title == "Replace with 'email'")
    text = applied(POLICY, action, path)
    assert text == FIXED
    assert "ref/unknown-id" not in {d.code for d in await changed(client, path, 2, text)}
    close(client, path)


async def test_code_action_adds_an_inline_suppression(client: Recorder, workdir: Path) -> None:
    path = workdir / "p.yaml"
    typo = only(await opened(client, path), "ref/unknown-id")
    action = next(a for a in await actions(client, path, typo) if a.title.startswith("Suppress ref/unknown-id"))
    text = applied(POLICY, action, path)
    assert "    # policyval: disable=ref/unknown-id -- \n    data_categories: [emial]" in text
    # Until the reason is written, the pipeline asks for it; then the finding is suppressed.
    asked = {d.code for d in await changed(client, path, 2, text)}
    assert "ref/unknown-id" not in asked and "suppression/no-reason" in asked
    codes = {d.code for d in await changed(client, path, 3, text.replace("-- \n", "-- a planned category\n"))}
    assert "ref/unknown-id" not in codes and "suppression/no-reason" not in codes
    close(client, path)


async def test_code_action_inserts_a_missing_section(client: Recorder, workdir: Path) -> None:
    path = workdir / "p.yaml"
    missing = only(await opened(client, path), "contact/no-controller-name")
    action = next(a for a in await actions(client, path, missing) if "'controller'" in a.title)
    text = applied(POLICY, action, path)
    section = skeleton.section("controller")
    assert section is not None and section in text
    codes = {str(d.code) for d in await changed(client, path, 2, text)}
    assert "contact/no-controller-name" not in codes
    assert not {c for c in codes if c.startswith(("schema/", "yaml/"))}, codes
    close(client, path)
