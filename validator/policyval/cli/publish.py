"""The publishing commands: ``export``, ``render``, ``report`` and ``diff``, each checking its
inputs through the pipeline before it writes anything."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

import click

from policyval.cli.app import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, cli, exit_code
from policyval.policy.laws import PROFILE_IDS

if TYPE_CHECKING:
    from policyval.check.plan import Plan


def _export_formats() -> list[str]:
    from policyval.publish import export

    return export.formats()


def _collected(paths: Sequence[str], plan: Plan) -> Any:
    """Every result of a run that publishes (export, render, report): data kept, nothing printed."""
    from policyval.check.run import collect

    return collect(paths, replace(plan, keep_data=True))


def _default_plan(**changes: Any) -> Plan:
    """The plan ``check`` uses with no options: configuration found from each file."""
    from policyval.check.plan import Plan
    from policyval.config import Resolver

    return Plan(Resolver(), **changes)


@cli.command("export")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(_export_formats()), default="json", show_default=True)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False),
    default=None,
    help="Write to this file instead of stdout (replaced only when the export succeeds).",
)
def export_(paths: tuple[str, ...], fmt: str, output: str | None) -> int:
    """Export policies for services and DPOs.

    json and dpv-jsonld: canonical JSON, one line per policy, keys sorted, UTF-8 (docs/api.md).
    ropa-csv and ropa-xlsx: the record of processing activities (GDPR Art. 30(1)), one row per
    purpose per controller, columns as the ICO's and the CNIL's templates name them
    (docs/ropa.md); ropa-xlsx needs --output.

    Exports only if every policy passes the schema; otherwise prints the findings on stderr,
    writes nothing and exits 1.
    """
    from pathlib import Path

    from policyval.publish import export

    target = Path(output) if output else None
    if target is None and fmt in export.BINARY:
        raise click.UsageError(f"--format {fmt} writes a binary file: give --output FILE")
    if target is not None and any(_same_file(target, Path(p)) for p in paths):
        raise click.UsageError("--output names an input policy; policyval never overwrites a policy")
    collect = _collected(paths, _default_plan(rules=False))
    _report_on_stderr(collect)
    if export.blocked(collect.results):
        return exit_code(collect.summary)
    data = export.output(collect.results, fmt)
    if target is None:
        # Bytes, so the output is UTF-8 whatever the locale says.
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return EXIT_OK
    _write(str(target), data)
    return EXIT_OK


def _report_on_stderr(collect: Any) -> None:
    """The text report of a publishing run's findings, on stderr, when there are any."""
    if collect.summary.total():
        from pathlib import Path

        from policyval import reporters

        report = reporters.Collected(collect.results, collect.summary)
        click.echo(reporters.render("text", report, root=Path()), err=True, nl=False)


def _same_file(a: Any, b: Any) -> bool:
    try:
        return bool(a.exists() and b.exists() and os.path.samefile(a, b))
    except OSError:
        return False


def _write(output: str, text: str | bytes) -> None:
    """Write ``output`` atomically (never half a file)."""
    from policyval.cli.atomic import write_atomic

    try:
        write_atomic(output, text)
    except OSError as exc:
        raise click.FileError(output, hint=exc.strerror or str(exc)) from exc


def _publish(text: str, output: str | None, inputs: Sequence[str]) -> None:
    """Print, or write ``output`` atomically, and never over an input file."""
    if output is None:
        click.echo(text, nl=False)
        return
    from pathlib import Path

    target = Path(output)
    if any(_same_file(target, Path(source)) for source in inputs):
        raise click.UsageError(f"--output {output} is an input file; policyval never overwrites a policy")
    target.parent.mkdir(parents=True, exist_ok=True)
    _write(output, text)


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--git", "rev", default=None, metavar="REV", help="Compare every policy changed since REV (git).")
@click.option("--format", "fmt", type=click.Choice(["text", "markdown", "json"]), default="text", show_default=True)
@click.option(
    "--fail-on",
    type=click.Choice(["any", "widening"]),
    default=None,
    help="Exit 1 on any change (the default), or only on a change that widens processing (a CI gate).",
)
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are changes (errors still exit 2).")
def diff(paths: tuple[str, ...], rev: str | None, fmt: str, fail_on: str | None, exit_zero: bool) -> int:
    """Semantic diff: OLD NEW, or --git REV [PATHS].

    Exit 0: no change (with --fail-on widening: no change widens processing); 1: changes (or
    findings introduced or resolved); 2: a side cannot be read, or a usage error. --format
    markdown is a pull-request comment."""
    from policyval.publish import diff as semdiff

    if rev is None and len(paths) != 2:
        raise click.UsageError("give two policy files (OLD NEW), or --git REV [PATHS...]")
    if exit_zero and fail_on is not None:
        raise click.UsageError("--exit-zero and --fail-on contradict each other: give one")
    plan = _default_plan()
    try:
        diffs = [semdiff.diff_files(paths[0], paths[1], plan)] if rev is None else semdiff.diff_git(rev, paths, plan)
    except semdiff.DiffError as exc:
        click.echo(f"policyval diff: {exc}", err=True)
        return EXIT_ERROR
    click.echo(semdiff.FORMATS[fmt](diffs), nl=False)
    return EXIT_FINDINGS if semdiff.failed(diffs, fail_on or "any") and not exit_zero else EXIT_OK


@cli.command()
@click.argument("policy", type=click.Path())
@click.option("--format", "fmt", type=click.Choice(["markdown", "html"]), default="markdown", show_default=True)
@click.option("--output", "-o", type=click.Path(dir_okay=False), default=None, help="Write here instead of stdout.")
@click.option(
    "--profile",
    "profiles",
    multiple=True,
    type=click.Choice(PROFILE_IDS),
    help="Lay the notice out for this profile (repeatable) instead of the laws the policy declares.",
)
def render(policy: str, fmt: str, output: str | None, profiles: tuple[str, ...]) -> int:
    """Write a human-readable privacy notice from a policy, in the structure of its law.

    GDPR Art. 13's order (eu-gdpr, uk-gdpr), PIPEDA's ten principles (ca-pipeda), with Law 25's
    additions (ca-qc-law25), or the CCPA's privacy policy (us-ccpa); the policy's declared laws
    and places choose, --profile instead. Exit 0: written; 1: the policy has structural errors
    (rule findings do not block: a notice shows a policy's gaps); 2: it cannot be read, or the
    output cannot be written."""
    from policyval.check.result import IO_PREFIX
    from policyval.publish import notice
    from policyval.reporters import text

    collect = _collected([policy], _default_plan(rules=False))
    result = collect.results[0]
    errors = [f for f in result.findings if f.severity.value == "error"]
    if errors or not isinstance(result.data, dict):
        click.echo(text.lines(list(result.findings)), err=True, nl=False)
        click.echo(f"policyval render: {policy} must pass the schema check before it can be rendered", err=True)
        return EXIT_ERROR if any(f.rule.startswith(IO_PREFIX) for f in result.findings) else EXIT_FINDINGS
    _publish(notice.render(result.data, fmt, profiles or None), output, [policy])
    return EXIT_OK


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(["html", "markdown"]), default="html", show_default=True)
@click.option("--output", "-o", type=click.Path(dir_okay=False), default=None, help="Write here instead of stdout.")
@click.option(
    "--profile",
    "profiles",
    multiple=True,
    type=click.Choice(PROFILE_IDS),
    help="Assess against this profile (repeatable) instead of the profiles each policy declares.",
)
def report(paths: tuple[str, ...], fmt: str, output: str | None, profiles: tuple[str, ...]) -> int:
    """Compliance matrix: policies x the items of each law that applies (GDPR and UK GDPR Art.
    13/14, PIPEDA's principles, Québec's Law 25, the CCPA).

    Exit 0: written; 2: a path could not be read (nothing written)."""
    from policyval.publish import matrix
    from policyval.reporters import text

    collect = _collected(paths, _default_plan(profiles=profiles or None))
    if collect.summary.io_errors:
        click.echo(text.lines(collect.summary.io_errors), err=True, nl=False)
        return EXIT_ERROR
    problems = [f for r in collect.results if not r.checked for f in r.findings]
    rows = matrix.build(collect.results, declared=not profiles)
    _publish(matrix.render(rows, problems, fmt), output, collect.summary.files)
    return EXIT_OK
