"""Commands for writing policies: ``coverage`` (which sentences of the source text no evidence
quote covers) and ``lsp`` (the language server editors start)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from policyval.cli.app import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, cli

if TYPE_CHECKING:
    from policyval.check.plan import Plan
    from policyval.check.source import Sources
    from policyval.publish.coverage import Entry


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(["text", "markdown", "json"]), default="text", show_default=True)
@click.option("--output", "-o", type=click.Path(dir_okay=False), default=None, help="Write here instead of stdout.")
@click.option(
    "--fail-under",
    type=click.FloatRange(0, 100),
    default=None,
    metavar="PERCENT",
    help="Exit 1 when a policy's share covered is under this (default: the configured min-coverage, if any).",
)
def coverage(paths: tuple[str, ...], fmt: str, output: str | None, fail_under: float | None) -> int:
    """Show which sentences of each policy's source text no evidence quote covers, and the share covered.

    Exit 0: reported; 1: a policy is under --fail-under (or the configured min-coverage);
    2: a policy or its source text cannot be read, or a usage error."""
    from policyval.check.plan import Plan
    from policyval.check.run import collect
    from policyval.config import Resolver
    from policyval.publish import coverage as report

    plan = Plan(Resolver(), rules=False, keep_data=True)
    entries = [
        report.entry(r, _threshold(plan, r.file, fail_under), _sources(plan, r.file))
        for r in collect(paths, plan).results
    ]
    command = " ".join(["policyval coverage --format", fmt, *(["--output", output] if output else []), *paths])
    text = report.markdown(entries, command) if fmt == "markdown" else report.FORMATS[fmt](entries)
    _out(text, output)
    return _exit(entries)


def _sources(plan: Plan, file: str) -> Sources:
    """The source texts as ``check`` reads them for ``file`` (bounded, confined)."""
    from policyval.check.source import Sources

    return Sources(plan.max_bytes, plan.config.settings_for(file).root)


def _threshold(plan: Plan, file: str, given: float | None) -> float | None:
    if given is not None:
        return given
    wanted = plan.config.settings_for(file).options.get("min-coverage")
    return float(wanted) if isinstance(wanted, (int, float)) else None


def _exit(entries: list[Entry]) -> int:
    if any(e.broken for e in entries):
        return EXIT_ERROR
    return EXIT_FINDINGS if any(e.under for e in entries) else EXIT_OK


def _out(text: str, output: str | None) -> None:
    if output is None:
        click.echo(text, nl=False)
        return
    from pathlib import Path

    from policyval.cli.atomic import write_atomic

    try:
        Path(output).parent.mkdir(parents=True, exist_ok=True)
        write_atomic(output, text)
    except OSError as exc:
        raise click.FileError(output, hint=exc.strerror or str(exc)) from exc


@cli.command()
@click.option(
    "--debounce",
    type=click.FloatRange(0, 10),
    default=0.3,
    show_default=True,
    metavar="SECONDS",
    help="How long typing must pause before a changed buffer is checked again.",
)
@click.option(
    "--config",
    "config_file",
    type=click.Path(dir_okay=False),
    default=None,
    help="Use this configuration file for every policy (as check --config).",
)
@click.option(
    "--baseline",
    "baseline_file",
    type=click.Path(dir_okay=False),
    default=None,
    help="Accept the findings recorded in this baseline (as check --baseline).",
)
def lsp(debounce: float, config_file: str | None, baseline_file: str | None) -> int:
    """Run the policyval language server on stdin/stdout (editors start it; see docs/editors.md).

    Each open policy is checked as `policyval check` checks it, with the same options."""
    from dataclasses import replace
    from pathlib import Path

    from policyval.check.plan import Plan
    from policyval.cli.check import _load_baseline
    from policyval.config import Resolver
    from policyval.lsp import server

    plan = Plan(Resolver(Path(config_file) if config_file else None))
    if baseline_file:
        from policyval.check import baseline

        plan = replace(plan, baseline=_load_baseline(baseline_file), root=baseline.repo_root())
    server.serve(debounce, plan)
    return EXIT_OK
