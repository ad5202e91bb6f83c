"""What the language server answers, from a buffer and the findings the pipeline gave it.

Nothing here checks a policy: diagnostics are the pipeline's findings as they are (range
start = the finding's line and column; end = the end of the scalar or word there), and every
other answer reads the buffer's outline and the schema it names.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

from lsprotocol import types

from policyval import rules
from policyval.findings import Finding, JsonPath, Severity
from policyval.lsp import outline, shapes
from policyval.lsp.buffer import Buffer
from policyval.policy import skeleton
from policyval.rules import docs
from policyval.rules._coverage import Coverage, Sentence
from policyval.rules.evidence_low_coverage import percent

SOURCE = "policyval"
COVERAGE_SOURCE = "policyval coverage"
_SEVERITY = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
}
_DID_YOU_MEAN = re.compile(r"did you mean '([^']+)'\?")
# The section whose absence a rule's finding is about (an id wins over its namespace).
SECTION_FOR = {
    "contact/": "controller",
    "retention/no-retention-period": "retention",
    "rights/": "rights",
    "basis/consent-without-withdrawal": "rights",
    "pipeda/no-access-procedure": "rights",
    "pipeda/no-accountable-person": "contacts",
    "pipeda/no-challenge-procedure": "contacts",
    "meta/": "policy",
    "ref/purpose-without-data": "data_categories",
}
# Scalars a YAML reader would not take as text unquoted (YAML 1.1 readers included).
_NEEDS_QUOTES = re.compile(r"(?i)(y|n|yes|no|on|off|true|false|null|~|[-+]?[0-9][0-9._:eE+-]*)")


# --- diagnostics ------------------------------------------------------------------------------


def diagnostic(buffer: Buffer, finding: Finding) -> types.Diagnostic:
    """A finding as the client shows it: the rule id as code, its explanation one hover away."""
    line, column = max(finding.line - 1, 0), max(finding.column - 1, 0)
    if finding.line == 0:  # about the file as a whole
        where = buffer.range(0, 0, len(buffer.lines[0]))
    else:
        end_line, end_column = buffer.extent(line, column)
        where = buffer.range(line, column, end_column, end_line)
    data = {"rule": finding.rule, "pointer": finding.path}
    if rules.get(finding.rule) is not None:
        data["explain"] = f"policyval explain {finding.rule}"
    return types.Diagnostic(
        where, finding.message, _SEVERITY[finding.severity], code=finding.rule, source=SOURCE, data=data
    )


def coverage_diagnostics(found: Coverage, encoding: str, policy: str) -> list[types.Diagnostic]:
    """The uncovered sentences of a source text, as information diagnostics in that text."""
    source = Buffer("", found.text, encoding)
    out = []
    for sentence in found.uncovered:
        message = f"no evidence quote in {policy} covers this sentence ({percent(found.share)} of the text covered)"
        out.append(
            types.Diagnostic(
                _sentence(source, sentence),
                message,
                types.DiagnosticSeverity.Information,
                code="coverage/uncovered",
                source=COVERAGE_SOURCE,
            )
        )
    return out


def _sentence(source: Buffer, sentence: Sentence) -> types.Range:
    line, column = source.where(sentence.start)
    end_line, end_column = source.where(sentence.end)
    return source.range(line, column, end_column, end_line)


# --- hover ------------------------------------------------------------------------------------


def _inside(where: types.Range, at: types.Position) -> bool:
    start, end = (where.start.line, where.start.character), (where.end.line, where.end.character)
    return start <= (at.line, at.character) <= end


def _explained(diagnostic: types.Diagnostic) -> str:
    code = str(diagnostic.code)
    text = docs.explain(code)
    head = f"**{code}**: {diagnostic.message}"
    return head if text is None else f"{head}\n\n```text\n{text}```"


def _schema(buffer: Buffer) -> tuple[str, shapes.Schema]:
    return shapes.for_version(buffer.outline.scalar(("schema_version",)))


def hover(buffer: Buffer, diagnostics: Iterable[types.Diagnostic], at: types.Position) -> types.Hover | None:
    """The rule's explanation on a finding; the schema's description on a key or a value's label."""
    parts = [_explained(d) for d in diagnostics if d.source == SOURCE and _inside(d.range, at)]
    line, column = buffer.column(at)
    _, schema = _schema(buffer)
    key = buffer.outline.key_at(line, column)
    if key is not None:
        described = shapes.description(schema, shapes.at(schema, key.path))
        if described:
            parts.append(f"**{_dotted(key.path)}**: {described}")
    value = buffer.outline.value_at(line, column)
    if key is None and value is not None:
        parts.extend(_value_label(schema, value))
    if not parts:
        return None
    return types.Hover(types.MarkupContent(types.MarkupKind.Markdown, "\n\n---\n\n".join(parts)))


def _value_label(schema: shapes.Schema, value: tuple[outline.Token, str, int]) -> Iterator[str]:
    token, word, _ = value
    path = token.path if token.value is None or not token.value.startswith("[") else (*token.path, -1)
    for choice in shapes.values(schema, shapes.at(schema, path)):
        if choice.value == word and choice.label:
            yield f"`{word}`: {choice.label}"


def _dotted(path: JsonPath) -> str:
    return ".".join(str(p) if isinstance(p, str) else "[]" for p in path).replace(".[]", "[]")


# --- completion -------------------------------------------------------------------------------


def completion(buffer: Buffer, at: types.Position) -> list[types.CompletionItem]:
    """Keys where a key goes; ids declared in the document where a reference goes; enum values."""
    line, column = buffer.column(at)
    where = outline.place(buffer.text, line, column)
    if where is None:
        return []
    version, schema = _schema(buffer)
    found = shapes.at(schema, where.path)
    replace = buffer.range(line, where.start, column)
    if where.mode == "key" and shapes.is_object(found):
        return list(_keys(buffer, schema, found, where.path, replace))
    target = outline.references(shapes.references(version), where.path)
    if target is not None:
        return list(_ids(buffer, target, where.path, replace))
    return [_value_item(choice, replace) for choice in shapes.values(schema, found)]


def _keys(
    buffer: Buffer, schema: shapes.Schema, found: list[shapes.Schema], path: JsonPath, replace: types.Range
) -> Iterator[types.CompletionItem]:
    present = buffer.outline.keys_of(path)
    for name, children in shapes.properties(found).items():
        if name in present:
            continue
        described = shapes.description(schema, children)
        yield types.CompletionItem(
            name,
            kind=types.CompletionItemKind.Property,
            detail=shapes.type_of(children),
            documentation=described,
            text_edit=types.TextEdit(replace, f"{name}: "),
        )


def _ids(buffer: Buffer, target: str, path: JsonPath, replace: types.Range) -> Iterator[types.CompletionItem]:
    if target == "contacts" and "exercise_via" in path:
        yield types.CompletionItem("controller", kind=types.CompletionItemKind.Reference, detail="the controller")
    for token in buffer.outline.ids(target):
        value = str(outline.strip_comment(token.value or "")).strip("\"'")
        label = next((buffer.outline.scalar((*token.path[:-1], k)) for k in ("label", "name", "description")), None)
        yield types.CompletionItem(
            value,
            kind=types.CompletionItemKind.Reference,
            detail=f"{target}: {label}" if label else target,
            text_edit=types.TextEdit(replace, value),
        )


def _value_item(choice: shapes.Value, replace: types.Range) -> types.CompletionItem:
    text = f'"{choice.value}"' if _NEEDS_QUOTES.fullmatch(choice.value) else choice.value
    return types.CompletionItem(
        choice.value,
        kind=types.CompletionItemKind.EnumMember,
        detail=choice.label,
        filter_text=choice.value,
        text_edit=types.TextEdit(replace, text),
    )


# --- go to definition -------------------------------------------------------------------------


def definition(buffer: Buffer, at: types.Position) -> types.Location | None:
    """From a reference (``data_categories: [email]``) to the ``id`` that declares it."""
    line, column = buffer.column(at)
    hit = buffer.outline.value_at(line, column)
    if hit is None:
        return None
    token, word, _ = hit
    version, _ = _schema(buffer)
    path = (*token.path, -1) if token.value is not None and token.value.startswith("[") else token.path
    target = outline.references(shapes.references(version), path)
    if target is None:
        return None
    if target == "contacts" and word == "controller":
        declared = buffer.outline.top("controller")
        if declared is not None:
            return types.Location(buffer.uri, buffer.range(declared.line, declared.column, declared.end))
    for token in buffer.outline.ids(target):
        value = (token.value or "").strip("\"'")
        if value == word:
            start = token.value_column + (1 if token.value and token.value[0] in "\"'" else 0)
            return types.Location(buffer.uri, buffer.range(token.line, start, start + len(value)))
    return None


# --- code actions -----------------------------------------------------------------------------


def code_actions(buffer: Buffer, params: types.CodeActionParams) -> list[types.CodeAction]:
    """Did-you-mean fixes, inline suppressions and missing sections, for the findings in range."""
    out: list[types.CodeAction] = []
    for diagnostic in params.context.diagnostics:
        if diagnostic.source != SOURCE or diagnostic.code is None:
            continue
        out.extend(_did_you_mean(buffer, diagnostic))
        out.extend(_missing_section(buffer, diagnostic))
        out.extend(_suppress(buffer, diagnostic))
    line = params.range.start.line
    if line < len(buffer.lines) and not buffer.lines[line].strip():
        out.extend(_sections_here(buffer, line, {a.title for a in out}))
    return out


def _edit(buffer: Buffer, where: types.Range, text: str) -> types.WorkspaceEdit:
    return types.WorkspaceEdit(changes={buffer.uri: [types.TextEdit(where, text)]})


def _did_you_mean(buffer: Buffer, diagnostic: types.Diagnostic) -> Iterator[types.CodeAction]:
    match = _DID_YOU_MEAN.search(diagnostic.message)
    if match is None:
        return
    where = diagnostic.range
    written = _text(buffer, where)
    if len(written) >= 2 and written[0] == written[-1] and written[0] in "\"'":
        start = types.Position(where.start.line, where.start.character + 1)
        where = types.Range(start, types.Position(where.end.line, where.end.character - 1))
    yield types.CodeAction(
        f"Replace with '{match.group(1)}'",
        kind=types.CodeActionKind.QuickFix,
        diagnostics=[diagnostic],
        is_preferred=True,
        edit=_edit(buffer, where, match.group(1)),
    )


def _text(buffer: Buffer, where: types.Range) -> str:
    start = buffer.offset(*buffer.column(where.start))
    end = buffer.offset(*buffer.column(where.end))
    return buffer.text[start:end]


def _newline(buffer: Buffer) -> str:
    return "\r\n" if "\r\n" in buffer.text else "\n"


def _suppress(buffer: Buffer, diagnostic: types.Diagnostic) -> Iterator[types.CodeAction]:
    rule = str(diagnostic.code)
    line = diagnostic.range.start.line
    if not rules.silenceable(rule) or line >= len(buffer.lines) or not buffer.lines[line].strip():
        return
    row = buffer.lines[line]
    indent = row[: len(row) - len(row.lstrip())]
    # A comment line of its own suppresses the rule on the next line that holds YAML. The reason
    # is left for the author to write after '--' (suppression/no-reason asks for it until then).
    comment = f"{indent}# policyval: disable={rule} -- {_newline(buffer)}"
    at = types.Position(line, 0)
    yield types.CodeAction(
        f"Suppress {rule} on line {line + 1} (write the reason after --)",
        kind=types.CodeActionKind.QuickFix,
        diagnostics=[diagnostic],
        edit=_edit(buffer, types.Range(at, at), comment),
    )


def _section_of(rule: str) -> str | None:
    return SECTION_FOR.get(rule) or SECTION_FOR.get(rule.split("/", 1)[0] + "/")


def _missing_section(buffer: Buffer, diagnostic: types.Diagnostic) -> Iterator[types.CodeAction]:
    section = _section_of(str(diagnostic.code))
    if section is None or buffer.outline.top(section) is not None or skeleton.section(section) is None:
        return
    yield _insert(buffer, section, _section_place(buffer, section), [diagnostic])


def _sections_here(buffer: Buffer, line: int, taken: set[str]) -> Iterator[types.CodeAction]:
    version, _ = _schema(buffer)
    for section in shapes.sections(version):
        if buffer.outline.top(section) is None and skeleton.section(section) is not None:
            action = _insert(buffer, section, types.Position(line, 0), [])
            if action.title not in taken:
                yield action


def _insert(buffer: Buffer, section: str, at: types.Position, diagnostics: list[types.Diagnostic]) -> types.CodeAction:
    newline = _newline(buffer)
    text = str(skeleton.section(section)).replace("\n", newline)
    last = len(buffer.lines) - 1
    if at.line == last and buffer.lines[last]:
        text = newline + newline + text  # after a last line that has no line break
    elif at.line > 0 and buffer.lines[at.line - 1].strip():
        text = newline + text
    if at.line < last:
        text += newline  # a blank line before the section that follows
    return types.CodeAction(
        f"Insert the '{section}' section (skeleton)",
        kind=types.CodeActionKind.QuickFix if diagnostics else types.CodeActionKind.Refactor,
        diagnostics=diagnostics or None,
        edit=_edit(buffer, types.Range(at, at), text),
    )


def _section_place(buffer: Buffer, section: str) -> types.Position:
    """Where a missing section goes: before the next section present in schema order (and the
    comments just above it), else at the end."""
    version, _ = _schema(buffer)
    order = shapes.sections(version)
    for later in order[order.index(section) + 1 :]:
        token = buffer.outline.top(later)
        if token is not None:
            line = token.line
            while line > 0 and buffer.lines[line - 1].lstrip().startswith("#"):
                line -= 1
            return types.Position(line, 0)
    last = len(buffer.lines) - 1
    return types.Position(last, buffer.position(last, len(buffer.lines[last])).character)


def coverage_result(found: Any, encoding: str) -> dict[str, Any]:
    """The ``policyval/coverage`` answer's ranges: each uncovered sentence in the source text."""
    if not isinstance(found, Coverage):
        return {"ranges": []}
    source = Buffer("", found.text, encoding)
    ranges = []
    for sentence in found.uncovered:
        ranges.append({"range": _plain(_sentence(source, sentence)), "text": sentence.text})
    return {"ranges": ranges}


def _plain(where: types.Range) -> dict[str, Any]:
    return {
        "start": {"line": where.start.line, "character": where.start.character},
        "end": {"line": where.end.line, "character": where.end.character},
    }
