"""Commands about the schema and the rules: ``schema``, ``init``, ``rules`` and ``explain``."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from policyval.cli.app import EXIT_ERROR, EXIT_OK, cli

if TYPE_CHECKING:
    from pathlib import Path


@cli.command()
@click.option("--version", "version", default=None, metavar="V", help="Schema version (default: the latest).")
@click.option("--list", "list_", is_flag=True, help="List the schema versions this policyval knows.")
@click.option(
    "--output",
    "-o",
    "output",
    default=None,
    metavar="DIR",
    type=click.Path(file_okay=False),
    help="Write policy-V.schema.json into DIR (created if need be) instead of printing it: a copy "
    "beside your policies that editors read offline.",
)
def schema(version: str | None, list_: bool, output: str | None) -> int:
    """Print a bundled JSON Schema, or write it into a directory (--output)."""
    from policyval.policy import schemas

    if list_:
        for v in schemas.versions():
            click.echo(v)
        return EXIT_OK
    version = version or schemas.latest()
    if version not in schemas.versions():
        known = ", ".join(schemas.versions())
        raise click.UsageError(f"unknown schema version {version!r}; known versions: {known}")
    if output is not None:
        from pathlib import Path

        from policyval.policy import skeleton

        written = _vendor(Path(output) / skeleton.schema_name(version), version)
        click.echo(f"policyval: wrote {written}", err=True)
        return EXIT_OK
    click.echo(schemas.schema_path(version).read_text(encoding="utf-8"), nl=False)
    return EXIT_OK


def _vendor(target: Path, version: str) -> Path:
    """Copy the bundled schema to ``target``, atomically, byte for byte (a usage error if it cannot)."""
    from policyval.cli.atomic import write_atomic
    from policyval.policy import schemas

    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(target, schemas.schema_path(version).read_bytes())
    except OSError as exc:
        raise click.FileError(str(target), hint=exc.strerror or str(exc)) from exc
    return target


@cli.command()
@click.argument("path", default="policy.yaml", type=click.Path(dir_okay=False, allow_dash=True))
def init(path: str) -> int:
    """Write a new, commented policy skeleton to PATH (default policy.yaml; - for stdout).

    The skeleton is valid against the schema; the check reports what it does not say yet.
    An existing file is never overwritten."""
    import os
    from pathlib import Path

    from policyval.policy import schemas, skeleton

    if path == "-":
        click.echo(skeleton.skeleton(None), nl=False)
        click.echo(
            f"policyval: editors expect the schema at {skeleton.schema_reference(None, schemas.latest())} "
            "beside the file; write it with: policyval schema --output schema",
            err=True,
        )
        return EXIT_OK
    target = Path(path)
    copy = skeleton.missing_copy(target, schemas.latest())
    try:
        skeleton.write_new(target, skeleton.skeleton(target))
    except skeleton.InitError as exc:
        click.echo(f"policyval init: {exc}", err=True)
        return EXIT_ERROR
    if copy is not None:
        _vendor(copy, schemas.latest())
        shown = os.path.relpath(copy) if not os.path.relpath(copy).startswith("..") else copy
        click.echo(f"policyval: wrote {shown} (the schema, for editors to read offline)", err=True)
    click.echo(f"policyval: wrote {path}; fill it in, then run: policyval check {path}", err=True)
    return EXIT_OK


@cli.command("rules")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "markdown"]), default="text", show_default=True)
def rules_(fmt: str) -> int:
    """List every semantic rule: id, severity, profiles, legal reference, summary (markdown: the
    README's Rules table)."""
    from policyval.rules import docs

    click.echo(docs.listing(fmt), nl=False)
    return EXIT_OK


@cli.command()
@click.argument("rule_id", metavar="RULE")
def explain(rule_id: str) -> int:
    """Print a rule's documentation, with a passing and a failing example."""
    from policyval.rules import docs

    text = docs.explain(rule_id)
    if text is None:
        raise click.UsageError(docs.unknown(rule_id))
    click.echo(text, nl=False)
    return EXIT_OK
