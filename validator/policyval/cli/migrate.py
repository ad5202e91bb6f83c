"""``policyval migrate``: move policies to a newer schema version, a dry run unless --write.

Within a major version a newer schema only adds (docs/schema-compatibility.md), so a valid
1.0 document migrates to 1.1 by its version alone. The migration edits the text in place:
the ``schema_version`` value (in its own quoting), a ``$schema`` value naming the old schema
file, and the ``# yaml-language-server: $schema=...`` modeline. Every other byte stays as it
is: comments, key order, quoting, line ends, a byte-order mark. The positions come from the
same ruamel.yaml composer ``check`` reads with, and the result is read back: its data must
be the old data with only those values changed, and valid under the new version, or the file
is left alone.

Without ``--write`` it prints a unified diff of what would change and writes nothing. With
``--write`` each file is replaced atomically (the old content or the new, never half).
Exit 0: every file migrated (or already at the version); 2: a file could not be read or
migrated (the message says why; the other files are still migrated).
"""

from __future__ import annotations

import difflib
import re
import sys
from dataclasses import dataclass
from typing import Any

import click

from policyval.cli.app import EXIT_ERROR, EXIT_OK, cli

_MODELINE = re.compile(r"^(#\s*yaml-language-server:\s*\$schema=\S*)policy-(\d+\.\d+)\.schema\.json", re.MULTILINE)
_BOM = "\ufeff"


class MigrationError(Exception):
    """The file cannot be migrated; the message says why and what to do."""


@dataclass(frozen=True)
class Migrated:
    old: str
    new: str
    source: str  # the version the file declared

    @property
    def changed(self) -> bool:
        return self.old != self.new


def _key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))


def _offset(text: str, position: tuple[int, int]) -> int:
    from policyval.check.load import Lines

    line, column = position
    return Lines(text).starts[line - 1] + column - 1


def _replace_scalar(text: str, at: int, old: str, new: str) -> str:
    """``text`` with the scalar ``old`` that starts at ``at`` (plain, '...' or "...") now ``new``."""
    for quote in ('"', "'", ""):
        token = f"{quote}{old}{quote}"
        if text.startswith(token, at):
            return text[:at] + f"{quote}{new}{quote}" + text[at + len(token) :]
    raise MigrationError(f"the value {old!r} is written in a form migrate does not edit; change it by hand")


def _declared(data: Any) -> str:
    from policyval.check import schema as shape_stage

    known, problem = shape_stage.version(data)
    if problem is not None:
        raise MigrationError(problem.message)
    if not isinstance(data, dict) or "schema_version" not in data:
        raise MigrationError("the document declares no schema_version; add the version it was written for")
    assert known is not None
    return known


def _check_source(data: Any, version: str) -> None:
    from policyval.check import schema as shape_stage

    errors = shape_stage.errors(data, version)
    if errors:
        raise MigrationError(
            f"it is not valid under its own schema {version} ({len(errors)} schema error"
            f"{'s' if len(errors) != 1 else ''}); fix them first (policyval check shows them)"
        )


def _edits(text: str, doc: Any, source: str, target: str) -> str:
    """The text with the version, a $schema naming the old file, and the modeline moved on."""
    new = text
    edits = [(("schema_version",), source, target)]
    schema_uri = doc.data.get("$schema")
    if isinstance(schema_uri, str) and schema_uri.endswith(f"policy-{source}.schema.json"):
        edits.append(
            (("$schema",), schema_uri, schema_uri.removesuffix(f"{source}.schema.json") + f"{target}.schema.json")
        )
    # Later positions first, so earlier offsets stay valid.
    for path, old, value in sorted(edits, key=lambda e: doc.values[e[0]], reverse=True):
        new = _replace_scalar(new, _offset(new, doc.values[path]), old, value)

    def modeline(match: re.Match[str]) -> str:
        return f"{match.group(1)}policy-{target}.schema.json" if match.group(2) == source else match.group(0)

    return _MODELINE.sub(modeline, new)


def _verify(old: Any, text: str, target: str) -> None:
    from policyval.check import schema as shape_stage
    from policyval.check.load import load_text

    data = load_text(text).data
    expected = {**old, "schema_version": target}
    if "$schema" in data:
        expected["$schema"] = data["$schema"]
    if data != expected:  # pragma: no cover - a bug in the edit, never the user's
        raise MigrationError("the edited text does not read back as the same policy; it was left unchanged")
    if shape_stage.errors(data, target):  # pragma: no cover - a newer minor version only adds
        raise MigrationError(f"it would not be valid under schema {target}; it was left unchanged")


def migrate_text(text: str, target: str) -> Migrated:
    """The text of a policy migrated to ``target``, or MigrationError saying why it cannot be."""
    from policyval.check.load import load_text

    body = text.removeprefix(_BOM)
    doc = load_text(body)
    if not doc.usable or doc.problems:
        first = doc.problems[0] if doc.problems else None
        where = f" (line {first.line}: {first.message})" if first else ""
        raise MigrationError(f"it is not a readable policy{where}; fix it first (policyval check shows why)")
    source = _declared(doc.data)
    if source == target:
        return Migrated(text, text, source)
    if _key(source) > _key(target):
        raise MigrationError(f"it is already at schema {source}, newer than {target}")
    if _key(source)[0] != _key(target)[0]:  # pragma: no cover - there is one major version
        raise MigrationError(f"there is no migration from schema {source} to {target} (a new major version)")
    _check_source(doc.data, source)
    new = _edits(body, doc, source, target)
    _verify(doc.data, new, target)
    return Migrated(text, text[: len(text) - len(body)] + new, source)


def _read(file: str, path: Any) -> str:
    from policyval.check import source

    raw, findings = source.read(file, path)
    if raw is None:
        raise MigrationError(findings[0].message)
    text, problems = source.decode(file, raw)
    if text is None:
        raise MigrationError(problems[0].message)
    return ("\ufeff" if raw.startswith(b"\xef\xbb\xbf") else "") + text


def _diff(file: str, result: Migrated, target: str) -> str:
    old, new = result.old.splitlines(keepends=True), result.new.splitlines(keepends=True)
    lines = difflib.unified_diff(old, new, fromfile=f"{file} ({result.source})", tofile=f"{file} ({target})")
    return "".join(line if line.endswith(("\n", "\r")) else line + "\n" for line in lines)


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--to", "target", default=None, metavar="V", help="Schema version to migrate to (default: the latest).")
@click.option("--write", is_flag=True, help="Write the migrated files (default: print a diff and write nothing).")
def migrate(paths: tuple[str, ...], target: str | None, write: bool) -> int:
    """Migrate policies to a newer schema version: a dry run (a diff) unless --write.

    Only the schema version changes (and the $schema and editor modeline that name it); every
    comment, key and line is kept."""
    from policyval.check import source
    from policyval.cli.atomic import write_atomic
    from policyval.findings import Finding
    from policyval.policy import schemas

    target = target or schemas.latest()
    if target not in schemas.versions():
        raise click.UsageError(f"unknown schema version {target!r}; known versions: {', '.join(schemas.versions())}")
    counts = {"migrated": 0, "current": 0, "failed": 0}
    for found in source.discover(paths):
        if isinstance(found, Finding):
            click.echo(f"policyval migrate: {found.file}: {found.message}", err=True)
            counts["failed"] += 1
            continue
        file, path = found
        try:
            result = migrate_text(_read(file, path), target)
            if result.changed and write:
                write_atomic(path, result.new)
        except (MigrationError, OSError) as exc:
            click.echo(f"policyval migrate: {file}: {exc}", err=True)
            counts["failed"] += 1
            continue
        counts["migrated" if result.changed else "current"] += 1
        if result.changed and write:
            click.echo(f"migrated {file} ({result.source} -> {target})", err=True)
        elif result.changed:
            sys.stdout.write(_diff(file, result, target))
    click.echo(_summary(counts, target, write), err=True)
    return EXIT_ERROR if counts["failed"] else EXIT_OK


def _summary(counts: dict[str, int], target: str, write: bool) -> str:
    def files(n: int) -> str:
        return f"{n} file{'s' if n != 1 else ''}"

    done = "migrated" if write else "would be migrated"
    parts = [f"{files(counts['migrated'])} {done} to {target}", f"{files(counts['current'])} already at {target}"]
    if counts["failed"]:
        parts.append(f"{files(counts['failed'])} could not be migrated")
    hint = "; run with --write to write them" if counts["migrated"] and not write else ""
    return ", ".join(parts) + hint + "."
