"""Editors show schema 1.1's labels and descriptions: the YAML language server, driven over stdio.

A labelled list is a ``oneOf`` of ``const`` + ``description`` (standard JSON Schema, which
strict ajv accepts, where ``enumDescriptions`` is not). yaml-language-server (npm, installed by
.ci/run into .ci/node) reads it: completion offers each value documented by its label, hover on
a value shows its label, hover on a key its description, and a valid 1.1 policy gets no
diagnostic. Without the server these tests fail and say how to install it.
"""

from __future__ import annotations

import json
import queue
import shutil
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
SERVER = ROOT / ".ci" / "node" / "node_modules" / ".bin" / "yaml-language-server"
SCHEMA_URI = (ROOT / "schema" / "policy-1.1.schema.json").as_uri()
SETTINGS = {"validate": True, "hover": True, "completion": True, "schemas": {}, "schemaStore": {"enable": False}}
TIMEOUT = 60.0


class Client:
    """A minimal LSP client: JSON-RPC over the server's stdin and stdout."""

    def __init__(self, process: subprocess.Popen[bytes]) -> None:
        self.process = process
        self.messages: queue.Queue[dict[str, Any]] = queue.Queue()
        self.diagnostics: dict[str, list[Any]] = {}
        self.next_id = 0
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        stream = self.process.stdout
        assert stream is not None
        while True:
            length = 0
            while (line := stream.readline()) not in (b"\r\n", b""):
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":", 1)[1])
            if not line:
                return
            self.messages.put(json.loads(stream.read(length)))

    def send(self, message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        assert self.process.stdin is not None
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n%s" % (len(body), body))
        self.process.stdin.flush()

    def request(self, method: str, params: dict[str, Any]) -> Any:
        self.next_id += 1
        wanted = self.next_id
        self.send({"id": wanted, "method": method, "params": params})
        return self.wait(lambda m: m.get("id") == wanted and "method" not in m)["result"]

    def wait(self, done: Any, timeout: float = TIMEOUT) -> dict[str, Any]:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            try:
                message = self.messages.get(timeout=0.2)
            except queue.Empty:
                continue
            if message.get("method") == "workspace/configuration":  # the server asks for its settings
                items = message["params"]["items"]
                self.send({"id": message["id"], "result": [SETTINGS for _ in items]})
            elif message.get("method") == "textDocument/publishDiagnostics":
                self.diagnostics[message["params"]["uri"]] = message["params"]["diagnostics"]
            if done(message):
                return message
        raise AssertionError("the YAML language server did not answer in time")

    def open(self, path: Path, text: str) -> str:
        uri = path.as_uri()
        document = {"uri": uri, "languageId": "yaml", "version": 1, "text": text}
        self.send({"method": "textDocument/didOpen", "params": {"textDocument": document}})
        self.wait(lambda m: m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri)
        return uri

    def hover(self, uri: str, line: int, character: int) -> str:
        where = {"textDocument": {"uri": uri}, "position": {"line": line, "character": character}}
        result = self.request("textDocument/hover", where)
        return str((result or {}).get("contents", {}).get("value", ""))

    def completion(self, uri: str, line: int, character: int) -> dict[str, str]:
        where = {"textDocument": {"uri": uri}, "position": {"line": line, "character": character}}
        result = self.request("textDocument/completion", where)
        items = result["items"] if isinstance(result, dict) else result
        return {i["label"]: _text(i.get("documentation")) for i in items}


def _text(documentation: Any) -> str:
    """Documentation is a string or a MarkupContent."""
    return str(documentation.get("value", "")) if isinstance(documentation, dict) else str(documentation or "")


@pytest.fixture(scope="module")
def client() -> Iterator[Client]:
    if not SERVER.is_file() or shutil.which("node") is None:
        (line,) = [x for x in (ROOT / ".ci" / "run").read_text("utf-8").splitlines() if x.startswith("npm install")]
        pytest.fail(f"yaml-language-server is not installed ({SERVER}). Install it with:\n  {line}")
    process = subprocess.Popen(
        [str(SERVER), "--stdio"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
    )
    lsp = Client(process)
    try:
        capabilities = {
            "textDocument": {
                "hover": {"contentFormat": ["markdown"]},
                "completion": {"completionItem": {"documentationFormat": ["markdown"]}},
            },
            "workspace": {"configuration": True},
        }
        lsp.request("initialize", {"processId": None, "rootUri": ROOT.as_uri(), "capabilities": capabilities})
        lsp.send({"method": "initialized", "params": {}})
        lsp.send({"method": "workspace/didChangeConfiguration", "params": {"settings": {"yaml": SETTINGS}}})
        yield lsp
    finally:
        process.kill()
        process.wait(timeout=10)


DOCUMENT = f"""# yaml-language-server: $schema={SCHEMA_URI}
schema_version: "1.1"
rights:
  - right: erasure
cookies:
  trackers:
    - kind: social_plugin
      tracks_before_interaction: true
retention:
  - end_action: \n"""


@pytest.fixture(scope="module")
def document(client: Client, tmp_path_factory: pytest.TempPathFactory) -> str:
    return client.open(tmp_path_factory.mktemp("editor") / "policy.yaml", DOCUMENT)


def test_hover_on_a_value_shows_its_label(client: Client, document: str) -> None:
    assert "Right to erasure, 'right to be forgotten'" in client.hover(document, 3, 13)
    assert "the US right to delete" in client.hover(document, 3, 13)  # a label that says more in 1.1
    assert "Social network plug-in or button" in client.hover(document, 6, 14)


def test_hover_on_a_new_key_shows_its_description(client: Client, document: str) -> None:
    assert "tracks people even if they do not use it" in client.hover(document, 7, 10)


def test_completion_offers_each_value_with_its_label(client: Client, document: str) -> None:
    offered = client.completion(document, 9, 16)
    assert {"deletion", "anonymisation", "destruction", "aggregation"} <= set(offered)
    assert "Destroyed (the text's word" in offered["destruction"]
    assert "Made anonymous" in offered["anonymisation"]


def test_a_valid_1_1_policy_gets_no_diagnostic(client: Client, tmp_path_factory: pytest.TempPathFactory) -> None:
    text = (ROOT / "policies" / "planorama.yaml").read_text("utf-8")
    text = text.replace("$schema=../schema/policy-1.1.schema.json", f"$schema={SCHEMA_URI}", 1)
    uri = client.open(tmp_path_factory.mktemp("editor") / "planorama.yaml", text)
    assert client.diagnostics[uri] == []
    broken = text.replace("kind: social_plugin", "kind: social_plug_in", 1)
    uri = client.open(tmp_path_factory.mktemp("editor") / "broken.yaml", broken)
    (problem,) = client.diagnostics[uri]  # the labelled list is checked too, with the type's name
    assert "social_plugin" in problem["message"] and problem["source"] == "yaml-schema: Tracker"
