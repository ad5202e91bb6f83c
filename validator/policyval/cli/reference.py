"""Commands about the schema and the rules: ``schema``, ``init``, ``rules`` and ``explain``."""

from __future__ import annotations

import click

from policyval.cli.app import EXIT_ERROR, EXIT_OK, cli


@cli.command()
@click.option("--version", "version", default=None, metavar="V", help="Schema version (default: the latest).")
@click.option("--list", "list_", is_flag=True, help="List the schema versions this policyval knows.")
def schema(version: str | None, list_: bool) -> int:
    """Print a bundled JSON Schema."""
    from policyval.policy import schemas

    if list_:
        for v in schemas.versions():
            click.echo(v)
        return EXIT_OK
    version = version or schemas.latest()
    if version not in schemas.versions():
        known = ", ".join(schemas.versions())
        raise click.UsageError(f"unknown schema version {version!r}; known versions: {known}")
    click.echo(schemas.schema_path(version).read_text(encoding="utf-8"), nl=False)
    return EXIT_OK


@cli.command()
@click.argument("path", default="policy.yaml", type=click.Path(dir_okay=False, allow_dash=True))
def init(path: str) -> int:
    """Write a new, commented policy skeleton to PATH (default policy.yaml; - for stdout).

    The skeleton is valid against the schema; the check reports what it does not say yet.
    An existing file is never overwritten."""
    from pathlib import Path

    from policyval.policy import skeleton

    if path == "-":
        click.echo(skeleton.skeleton(None), nl=False)
        return EXIT_OK
    try:
        skeleton.write_new(Path(path), skeleton.skeleton(Path(path)))
    except skeleton.InitError as exc:
        click.echo(f"policyval init: {exc}", err=True)
        return EXIT_ERROR
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
