"""Command line. Click only parses options: the core checks, a reporter formats, and the
exit code is decided in ``exit_code`` alone."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

import click

from policyval import __version__

if TYPE_CHECKING:
    from policyval.core import Report
    from policyval.findings import Finding

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_ERROR = 2


def exit_code(report: object, *, strict: bool = False) -> int:
    """0: nothing to report; 1: findings that fail the check; 2: usage or I/O error."""
    from policyval.core import Report
    from policyval.findings import Severity

    assert isinstance(report, Report)
    if report.io_errors:
        return EXIT_ERROR
    failing = {Severity.ERROR, Severity.WARNING} if strict else {Severity.ERROR}
    return EXIT_FINDINGS if any(report.count(s) for s in failing) else EXIT_OK


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="policyval", message="%(prog)s %(version)s")
def cli() -> None:
    """Validate privacy policies written as YAML against the policyval schema and rules."""


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option(
    "--profile",
    "profiles",
    multiple=True,
    type=click.Choice(["baseline", "eu-gdpr", "ca-pipeda"]),
    help="Run the rules of this profile (repeatable) instead of the profiles the policy's "
    "jurisdictions and laws select; baseline always runs.",
)
@click.option("--strict", is_flag=True, help="Fail (exit 1) on warnings too, not only on errors.")
@click.option(
    "--config",
    "config_file",
    type=click.Path(exists=True, dir_okay=False),
    default=None,
    help="Use this configuration (.policyval.yaml, or a TOML file with [tool.policyval]) for every file "
    "instead of the nearest one found from each file's directory.",
)
@click.option("--isolated", is_flag=True, help="Ignore every configuration file.")
@click.option(
    "--max-bytes",
    type=click.IntRange(min=1),
    default=None,
    help="Refuse files larger than this many bytes (default 2 MiB).",
)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    default=None,
    help="Check files in this many processes (default: one per core; few files are checked in one).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "sarif", "github", "junit"]),
    default="text",
    show_default=True,
    help="Report format: text for people, json/sarif/junit for tools, github for Actions annotations.",
)
@click.option("--output", "-o", type=click.Path(dir_okay=False), default=None, help="Write the report to FILE.")
@click.option(
    "--color",
    type=click.Choice(["auto", "always", "never"]),
    default="auto",
    show_default=True,
    help="Colour the text report; auto: only on a terminal, and not when NO_COLOR is set.",
)
@click.option(
    "--baseline",
    "baseline_file",
    type=click.Path(dir_okay=False),
    default=None,
    help="Accept the findings recorded in FILE; report only new ones, and recorded ones now gone.",
)
@click.option(
    "--write-baseline",
    type=click.Path(dir_okay=False),
    default=None,
    help="Record the current findings in FILE (for --baseline) instead of reporting them.",
)
def check(
    paths: tuple[str, ...],
    max_bytes: int | None,
    fmt: str,
    output: str | None,
    color: str,
    baseline_file: str | None,
    write_baseline: str | None,
    profiles: tuple[str, ...],
    strict: bool,
    jobs: int | None,
    config_file: str | None,
    isolated: bool,
) -> int:
    """Check policy files, and directories of them (*.yaml, *.yml), recursively."""
    from policyval import core

    if baseline_file and write_baseline:
        raise click.UsageError("--baseline and --write-baseline exclude each other; --write-baseline records all")
    from policyval import parallel, progress

    bar = progress.Progress()  # stderr, and only on a terminal
    jobs = jobs or parallel.default_jobs()
    # text and github print each file's findings as they come (memory stays flat however
    # many files); other formats, --output and baselines need the whole report first.
    streams = fmt in ("text", "github") and output is None and not baseline_file and not write_baseline
    emit = _streamer(fmt, _use_color(fmt, output, color), bar) if streams else None
    options = core.Options(max_bytes=max_bytes or core.DEFAULT_MAX_BYTES, jobs=jobs, progress=bar, emit=emit)
    from pathlib import Path

    from policyval import config

    if config_file and isolated:
        raise click.UsageError("--config and --isolated exclude each other")
    resolver = config.Resolver(Path(config_file) if config_file else None, isolated=isolated)
    try:
        report = config.run(paths, options, config.Setup(resolver, profiles or None))
    finally:
        bar.close()
    if write_baseline:
        return _write_baseline(report, write_baseline)
    if baseline_file:
        report = _apply_baseline(report, baseline_file)
    if streams:
        from policyval import reporters

        click.echo(reporters.tail(fmt, report), nl=False)
    else:
        _emit(report, fmt, output, color, strict=strict)
    return exit_code(report, strict=strict)


def _use_color(fmt: str, output: str | None, color: str) -> bool:
    tty = output is None and sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    return fmt == "text" and (color == "always" or (color == "auto" and tty))


def _streamer(fmt: str, use_color: bool, bar: Any) -> Callable[[list[Finding]], None]:
    """Print one file's findings as the report would, at once (after erasing the progress line)."""
    from policyval import reporters

    line = reporters.line_for(fmt, color=use_color)

    def emit(findings: list[Finding]) -> None:
        bar.close()
        click.echo("".join(line(f) + "\n" for f in findings), nl=False, color=use_color)

    return emit


def _write_baseline(report: Report, target: str) -> int:
    from policyval import baseline
    from policyval.atomic import write_atomic

    if report.io_errors:  # a baseline of a run that missed files would silently drop their entries
        _emit(report, "text", None, "auto")
        click.echo(f"policyval: {target} not written: some paths could not be read", err=True)
        return EXIT_ERROR
    root = baseline.repo_root()
    try:
        previous = baseline.load(target) if os.path.exists(target) else None
    except baseline.BaselineError as exc:
        raise click.ClickException(f"{exc} (delete it to start a new baseline)") from None
    recorded = baseline.record(report, root, previous)
    try:
        write_atomic(target, recorded.dumps())
    except OSError as exc:
        raise click.FileError(target, hint=exc.strerror or str(exc)) from None
    total = sum(recorded.entries.values())
    click.echo(f"policyval: recorded {total} finding(s) as {len(recorded.entries)} entries in {target}", err=True)
    return EXIT_OK


def _apply_baseline(report: Report, source: str) -> Report:
    from policyval import baseline

    try:
        accepted = baseline.load(source)
    except baseline.BaselineError as exc:
        raise click.ClickException(str(exc)) from None
    result = baseline.apply(report, accepted, baseline.repo_root())
    # Say how much the baseline hides, so "All checks passed" is never mistaken for a clean slate.
    fixed = sum(1 for f in result.findings if f.rule == baseline.FIXED_RULE)
    known = len(report.findings) - (len(result.findings) - fixed)
    if known:
        click.echo(f"policyval: {known} known finding(s) accepted by the baseline {source}", err=True)
    return result


def _emit(report: Report, fmt: str, output: str | None, color: str, *, strict: bool = False) -> None:
    """Print the report, or write it to ``output`` (atomically: never a half-written report)."""
    from policyval import reporters
    from policyval.baseline import repo_root

    use_color = _use_color(fmt, output, color)
    rendered = reporters.render(fmt, report, root=repo_root(), color=use_color, strict=strict)
    if output is None:
        click.echo(rendered, nl=False, color=use_color)
        return
    from policyval.atomic import write_atomic

    try:
        write_atomic(output, rendered)
    except OSError as exc:
        raise click.FileError(output, hint=exc.strerror or str(exc)) from None


def _export_formats() -> list[str]:
    from policyval import export

    return export.formats()


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
    """Export policies for services: canonical JSON, one line per policy, keys sorted, UTF-8.

    Exports only if every policy passes the schema; otherwise prints the findings on stderr,
    writes nothing and exits 1. See docs/api.md.
    """
    from pathlib import Path

    from policyval import export
    from policyval.reporters import text

    target = Path(output) if output else None
    if target is not None and any(export.same_file(target, Path(p)) for p in paths):
        raise click.UsageError("--output names an input policy; policyval never overwrites a policy")
    result = export.run(paths, fmt)
    if result.report.findings:
        click.echo(text.render(result.report), err=True, nl=False)
    if not result.ok:
        return exit_code(result.report)
    data = "".join(result.texts)
    if target is None:
        # Bytes, so the output is UTF-8 whatever the locale says.
        sys.stdout.flush()
        sys.stdout.buffer.write(data.encode("utf-8"))
        sys.stdout.buffer.flush()
        return EXIT_OK
    try:
        from policyval.atomic import write_atomic

        write_atomic(target, data)
    except OSError as exc:
        raise click.FileError(str(target), hint=exc.strerror or str(exc)) from exc
    return EXIT_OK


@cli.command()
@click.option("--version", "version", default=None, metavar="V", help="Schema version (default: the latest).")
@click.option("--list", "list_", is_flag=True, help="List the schema versions this policyval knows.")
def schema(version: str | None, list_: bool) -> int:
    """Print a bundled JSON Schema."""
    from policyval import schemas

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
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--git", "rev", default=None, metavar="REV", help="Compare every policy changed since REV (git).")
@click.option("--format", "fmt", type=click.Choice(["text", "markdown", "json"]), default="text", show_default=True)
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are changes (errors still exit 2).")
def diff(paths: tuple[str, ...], rev: str | None, fmt: str, exit_zero: bool) -> int:
    """Semantic diff: OLD NEW, or --git REV [PATHS]. Exit 0: no change, 1: changes, 2: error."""
    from policyval import diff as semdiff

    if rev is None and len(paths) != 2:
        raise click.UsageError("give two policy files (OLD NEW), or --git REV [PATHS...]")
    try:
        if rev is None:
            diffs = [semdiff.diff_files(paths[0], paths[1], semdiff.rule_stage())]
        else:
            diffs = semdiff.diff_git(rev, paths, semdiff.rule_stage())
    except semdiff.DiffError as exc:
        click.echo(f"policyval diff: {exc}", err=True)
        return EXIT_ERROR
    click.echo(semdiff.FORMATS[fmt](diffs), nl=False)
    return EXIT_FINDINGS if any(d.changed for d in diffs) and not exit_zero else EXIT_OK


@cli.command()
@click.argument("path", default="policy.yaml", type=click.Path(dir_okay=False, allow_dash=True))
def init(path: str) -> int:
    """Write a new, commented policy skeleton to PATH (default policy.yaml; - for stdout).

    The skeleton is valid against the schema; the check reports what it does not say yet.
    An existing file is never overwritten."""
    from pathlib import Path

    from policyval import init as skeleton

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


@cli.command()
@click.argument("policy", type=click.Path())
@click.option("--format", "fmt", type=click.Choice(["markdown", "html"]), default="markdown", show_default=True)
@click.option("--output", "-o", type=click.Path(dir_okay=False), default=None, help="Write here instead of stdout.")
def render(policy: str, fmt: str, output: str | None) -> int:
    """Write a human-readable privacy notice (GDPR Art. 13 order) from a policy."""
    from policyval import render as notice

    return notice.command(policy, fmt, output)


@cli.command("rules")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def rules_(fmt: str) -> int:
    """List every semantic rule: id, severity, profiles, legal reference, summary."""
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


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(["html", "markdown"]), default="html", show_default=True)
@click.option("--output", "-o", type=click.Path(dir_okay=False), default=None, help="Write here instead of stdout.")
@click.option(
    "--profile",
    "profiles",
    multiple=True,
    type=click.Choice(["baseline", "eu-gdpr", "ca-pipeda"]),
    help="Assess against this profile (repeatable) instead of the profiles each policy declares.",
)
def report(paths: tuple[str, ...], fmt: str, output: str | None, profiles: tuple[str, ...]) -> int:
    """Compliance matrix: policies x GDPR Art. 13/14 items and PIPEDA principles."""
    from policyval import report as matrix

    return matrix.command(paths, fmt, output, profiles or None)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point for the console script and for tests; never lets a traceback out."""
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        result = cli.main(args=args, prog_name="policyval", standalone_mode=False)
    except click.exceptions.Exit as exc:
        return int(exc.exit_code)
    except click.ClickException as exc:
        exc.show()
        return EXIT_ERROR
    except click.Abort:
        click.echo("Aborted.", err=True)
        return EXIT_ERROR
    except BrokenPipeError:
        # The reader went away (| head); nothing more to say and nothing to fix.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_ERROR
    except Exception as exc:  # last line of defence: a message, not a traceback
        if os.environ.get("POLICYVAL_DEBUG"):
            raise
        click.echo(
            f"policyval: internal error: {type(exc).__name__}: {exc} "
            "(set POLICYVAL_DEBUG=1 for details and please report it)",
            err=True,
        )
        return EXIT_ERROR
    return result if isinstance(result, int) else EXIT_OK
