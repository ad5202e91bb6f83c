"""``policyval lsp``: the language server, on stdin/stdout, built on pygls.

Each open policy is checked from the editor's unsaved text by the one pipeline
(``check_text`` under ``Plan(config=Resolver())``, so configuration files and inline
suppressions apply exactly as ``policyval check`` applies them): when it opens at once, and
after typing pauses for ``debounce`` seconds. Its findings are published as they are; the
sentences of its source text that no evidence quote covers are published on the source text
(information diagnostics) and answered by the custom request ``policyval/coverage``.

Initialization options: ``{"coverage": false}`` publishes no coverage diagnostics.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import from_fs_path, to_fs_path

from policyval import __version__
from policyval.check import pipeline, source
from policyval.check.plan import Plan
from policyval.config import Resolver
from policyval.findings import Finding
from policyval.lsp import features
from policyval.lsp.buffer import Buffer
from policyval.publish import coverage as report
from policyval.rules._coverage import Coverage, Unreadable, measure
from policyval.rules.base import Context

COVERAGE = "policyval/coverage"
log = logging.getLogger("policyval.lsp")


@dataclass(frozen=True)
class Checked:
    """The last check of one document: the version it saw, its findings and its coverage."""

    version: int | None
    diagnostics: tuple[types.Diagnostic, ...]
    findings: tuple[Finding, ...]
    coverage: Coverage | Unreadable | None
    file: str


def check(file: str, text: str, plan: Plan) -> tuple[tuple[Finding, ...], Coverage | Unreadable | None]:
    """The findings ``policyval check`` gives this text under ``plan``, and its source coverage
    (the source text read as ``check`` reads it: bounded, confined to the policy's repository)."""
    result = pipeline.check_text(file, text, replace(plan, keep_data=True))
    found = None
    if isinstance(result.data, dict):
        sources = source.Sources(plan.max_bytes, plan.config.settings_for(file).root)
        found = measure(Context(result.data, file, sources=sources))
    return result.findings, found


class PolicyServer(LanguageServer):
    """The server, with what it remembers of each open document."""

    def __init__(self, debounce: float = 0.3, plan: Plan | None = None) -> None:
        super().__init__("policyval", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Incremental)
        self.debounce = debounce
        self.plan = plan if plan is not None else Plan(config=Resolver())
        self.show_coverage = True
        self.checked: dict[str, Checked] = {}
        self.pending: dict[str, asyncio.Task[None]] = {}
        self.sources: dict[str, str] = {}  # policy uri -> the source text uri it published on

    @property
    def encoding(self) -> str:
        return str(self.workspace.position_encoding or types.PositionEncodingKind.Utf16)

    def buffer(self, uri: str) -> Buffer:
        return Buffer(uri, self.workspace.get_text_document(uri).source, self.encoding)

    def schedule(self, uri: str, delay: float) -> None:
        """Check ``uri`` after ``delay`` seconds, replacing a check not yet started."""
        waiting = self.pending.pop(uri, None)
        if waiting is not None:
            waiting.cancel()
        self.pending[uri] = asyncio.get_running_loop().create_task(self._later(uri, delay))

    async def _later(self, uri: str, delay: float) -> None:
        if delay:
            await asyncio.sleep(delay)
        document = self.workspace.get_text_document(uri)
        version, text = document.version, document.source
        file = _file_of(uri)
        findings, found = await asyncio.to_thread(check, file, text, self.plan)
        if self.workspace.get_text_document(uri).version != version:
            return  # typed on meanwhile: the check scheduled for that edit publishes
        self.pending.pop(uri, None)
        self.publish(uri, version, Buffer(uri, text, self.encoding), findings, found, file)

    def publish(
        self,
        uri: str,
        version: int | None,
        buffer: Buffer,
        findings: tuple[Finding, ...],
        found: Coverage | Unreadable | None,
        file: str,
    ) -> None:
        diagnostics = tuple(features.diagnostic(buffer, f) for f in findings)
        self.checked[uri] = Checked(version, diagnostics, findings, found, file)
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri, list(diagnostics), version))
        self.publish_coverage(uri, found, file)

    def publish_coverage(self, uri: str, found: Coverage | Unreadable | None, file: str) -> None:
        previous = self.sources.pop(uri, None)
        target = from_fs_path(str(found.path)) if isinstance(found, Coverage) and found.path else None
        if previous is not None and previous != target:
            self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(previous, []))
        if not self.show_coverage or target is None or not isinstance(found, Coverage):
            return
        name = Path(file).name
        shown = features.coverage_diagnostics(found, self.encoding, name)
        self.sources[uri] = target
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(target, shown))

    def forget(self, uri: str) -> None:
        waiting = self.pending.pop(uri, None)
        if waiting is not None:
            waiting.cancel()
        self.checked.pop(uri, None)
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri, []))
        published = self.sources.pop(uri, None)
        if published is not None:
            self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(published, []))

    def diagnostics(self, uri: str) -> tuple[types.Diagnostic, ...]:
        checked = self.checked.get(uri)
        return checked.diagnostics if checked is not None else ()


def _file_of(uri: str) -> str:
    """The path a document stands for (configuration and cited texts are found from it)."""
    path = to_fs_path(uri)
    return path if path else str(Path.cwd() / "untitled.yaml")


def build(debounce: float = 0.3, plan: Plan | None = None) -> PolicyServer:
    """A server with every feature registered; ``plan`` as ``policyval check`` would build it."""
    server = PolicyServer(debounce, plan)

    @server.feature(types.INITIALIZE)
    def initialize(ls: PolicyServer, params: types.InitializeParams) -> None:
        options = params.initialization_options
        if isinstance(options, dict) and options.get("coverage") is False:
            ls.show_coverage = False

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: PolicyServer, params: types.DidOpenTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri, 0)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: PolicyServer, params: types.DidChangeTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri, ls.debounce)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: PolicyServer, params: types.DidSaveTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri, 0)  # a configuration or source text may have changed too

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: PolicyServer, params: types.DidCloseTextDocumentParams) -> None:
        ls.forget(params.text_document.uri)

    _register_requests(server)
    return server


def _register_requests(server: PolicyServer) -> None:
    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def hover(ls: PolicyServer, params: types.HoverParams) -> types.Hover | None:
        uri = params.text_document.uri
        return features.hover(ls.buffer(uri), ls.diagnostics(uri), params.position)

    @server.feature(types.TEXT_DOCUMENT_COMPLETION, types.CompletionOptions(trigger_characters=[" ", "[", ",", "-"]))
    def completion(ls: PolicyServer, params: types.CompletionParams) -> types.CompletionList:
        items = features.completion(ls.buffer(params.text_document.uri), params.position)
        return types.CompletionList(is_incomplete=False, items=items)

    @server.feature(types.TEXT_DOCUMENT_DEFINITION)
    def definition(ls: PolicyServer, params: types.DefinitionParams) -> types.Location | None:
        return features.definition(ls.buffer(params.text_document.uri), params.position)

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix, types.CodeActionKind.Refactor]),
    )
    def code_action(ls: PolicyServer, params: types.CodeActionParams) -> list[types.CodeAction]:
        return features.code_actions(ls.buffer(params.text_document.uri), params)

    @server.feature(COVERAGE)
    async def coverage(ls: PolicyServer, params: Any) -> dict[str, Any] | None:
        uri = _uri_of(params)
        if uri is None:
            return None
        waiting = ls.pending.get(uri)
        if waiting is not None:
            with contextlib.suppress(asyncio.CancelledError):
                await waiting  # answer for the text as it is now
        checked = ls.checked.get(uri)
        if checked is None:
            return None
        answer = report.as_dict(report.Entry(checked.file, checked.coverage))
        found = checked.coverage
        answer["source_uri"] = from_fs_path(str(found.path)) if isinstance(found, Coverage) and found.path else None
        return {**answer, **features.coverage_result(found, ls.encoding)}


def _uri_of(params: Any) -> str | None:
    """``params.textDocument.uri`` of a custom request, however the params were decoded."""
    document = params.get("textDocument") if isinstance(params, dict) else getattr(params, "textDocument", None)
    uri = document.get("uri") if isinstance(document, dict) else getattr(document, "uri", None)
    return uri if isinstance(uri, str) else None


def serve(debounce: float = 0.3, plan: Plan | None = None) -> None:
    """Serve on stdin/stdout until the client says exit."""
    logging.basicConfig(level=logging.WARNING)  # to stderr: stdout carries the protocol
    build(debounce, plan).start_io()
