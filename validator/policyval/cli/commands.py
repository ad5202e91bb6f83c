"""Command line. Click only parses options: the core checks, a reporter formats, and the
exit code is decided in ``exit_code`` alone."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

import click

from policyval import __version__

if TYPE_CHECKING:
    from policyval.check.plan import Plan
    from policyval.findings import Finding

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_ERROR = 2


def exit_code(summary: object, *, strict: bool = False) -> int:
    """0: nothing to report; 1: findings that fail the check; 2: usage or I/O error."""
    from policyval.check.result import Summary

    assert isinstance(summary, Summary)
    if summary.io_errors:
        return EXIT_ERROR
    return EXIT_FINDINGS if summary.failing(strict=strict) else EXIT_OK


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
    if baseline_file and write_baseline:
        raise click.UsageError("--baseline and --write-baseline exclude each other; --write-baseline records all")
    if config_file and isolated:
        raise click.UsageError("--config and --isolated exclude each other")
    from policyval.check import baseline, parallel
    from policyval.check.run import run
    from policyval.cli import progress

    root = baseline.repo_root()
    plan = _plan(profiles, config_file, isolated, max_bytes, strict, jobs or parallel.default_jobs())
    if baseline_file:
        plan = replace(plan, baseline=_load_baseline(baseline_file), root=root)
    bar = progress.Progress()  # stderr, and only on a terminal
    sink = _Sink(output, bar)
    if write_baseline:
        report: Any = _Recorder(write_baseline, root, sink)
    else:
        report = _reporter(fmt, sink, root, _use_color(fmt, output, color), strict)
    try:
        summary = run(paths, plan, report, bar)
    finally:
        bar.close()
    if write_baseline:
        return int(report.code)
    sink.close()
    if baseline_file and summary.accepted:
        # Say how much the baseline hides, so "All checks passed" is never mistaken for a clean slate.
        click.echo(f"policyval: {summary.accepted} known finding(s) accepted by the baseline {baseline_file}", err=True)
    return exit_code(summary, strict=strict)


def _plan(
    profiles: tuple[str, ...], config_file: str | None, isolated: bool, max_bytes: int | None, strict: bool, jobs: int
) -> Plan:
    from pathlib import Path

    from policyval.check.plan import Plan
    from policyval.check.source import DEFAULT_MAX_BYTES
    from policyval.config import Resolver

    resolver = Resolver(Path(config_file) if config_file else None, isolated=isolated)
    return Plan(resolver, profiles or None, strict, max_bytes or DEFAULT_MAX_BYTES, jobs=jobs)


def _use_color(fmt: str, output: str | None, color: str) -> bool:
    tty = output is None and sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    return fmt == "text" and (color == "always" or (color == "auto" and tty))


def _reporter(fmt: str, sink: _Sink, root: Any, use_color: bool, strict: bool) -> Any:
    from policyval import reporters

    return reporters.reporter(fmt, sink.write, root=root, color=use_color, strict=strict)


class _Sink:
    """Where a report goes: stdout as it comes (after erasing the progress line), or the
    ``--output`` file, written atomically at the end (never a half-written report)."""

    def __init__(self, output: str | None, bar: Any) -> None:
        self.output, self.bar = output, bar
        self.parts: list[str] = []

    def write(self, text: str) -> None:
        if self.output is not None:
            self.parts.append(text)
            return
        self.bar.close()
        click.echo(text, nl=False, color=True)

    def close(self) -> None:
        if self.output is None:
            return
        from policyval.cli.atomic import write_atomic

        try:
            write_atomic(self.output, "".join(self.parts))
        except OSError as exc:
            raise click.FileError(self.output, hint=exc.strerror or str(exc)) from None


class _Recorder:
    """``--write-baseline``: keep every finding, and record them at the end."""

    def __init__(self, target: str, root: Any, sink: _Sink) -> None:
        self.target, self.root, self.sink = target, root, sink
        self.findings: list[Finding] = []
        self.code = EXIT_OK

    def file(self, result: Any) -> None:
        self.findings.extend(result.findings)

    def end(self, summary: Any) -> None:
        from policyval.check import baseline
        from policyval.cli.atomic import write_atomic

        if summary.io_errors:  # a baseline of a run that missed files would silently drop their entries
            from policyval.reporters import text

            click.echo(text.lines(self.findings) + "\n".join([*text.profile_lines(summary), text.summary(summary)]))
            click.echo(f"policyval: {self.target} not written: some paths could not be read", err=True)
            self.code = EXIT_ERROR
            return
        previous = _previous_baseline(self.target)
        recorded = baseline.record(self.findings, summary.files, self.root, previous)
        try:
            write_atomic(self.target, recorded.dumps())
        except OSError as exc:
            raise click.FileError(self.target, hint=exc.strerror or str(exc)) from None
        total = sum(recorded.entries.values())
        click.echo(
            f"policyval: recorded {total} finding(s) as {len(recorded.entries)} entries in {self.target}", err=True
        )


def _previous_baseline(target: str) -> Any:
    from policyval.check import baseline

    try:
        return baseline.load(target) if os.path.exists(target) else None
    except baseline.BaselineError as exc:
        raise click.ClickException(f"{exc} (delete it to start a new baseline)") from None


def _load_baseline(source: str) -> Any:
    from policyval.check import baseline

    try:
        return baseline.load(source)
    except baseline.BaselineError as exc:
        raise click.ClickException(str(exc)) from None


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
    """Export policies for services: canonical JSON, one line per policy, keys sorted, UTF-8.

    Exports only if every policy passes the schema; otherwise prints the findings on stderr,
    writes nothing and exits 1. See docs/api.md.
    """
    from pathlib import Path

    from policyval.publish import export

    target = Path(output) if output else None
    if target is not None and any(_same_file(target, Path(p)) for p in paths):
        raise click.UsageError("--output names an input policy; policyval never overwrites a policy")
    collect = _collected(paths, _default_plan(rules=False))
    _report_on_stderr(collect)
    if export.blocked(collect.results):
        return exit_code(collect.summary)
    data = "".join(export.texts(collect.results, fmt))
    if target is None:
        # Bytes, so the output is UTF-8 whatever the locale says.
        sys.stdout.flush()
        sys.stdout.buffer.write(data.encode("utf-8"))
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


def _write(output: str, text: str) -> None:
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
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--git", "rev", default=None, metavar="REV", help="Compare every policy changed since REV (git).")
@click.option("--format", "fmt", type=click.Choice(["text", "markdown", "json"]), default="text", show_default=True)
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are changes (errors still exit 2).")
def diff(paths: tuple[str, ...], rev: str | None, fmt: str, exit_zero: bool) -> int:
    """Semantic diff: OLD NEW, or --git REV [PATHS]. Exit 0: no change, 1: changes, 2: error."""
    from policyval.publish import diff as semdiff

    if rev is None and len(paths) != 2:
        raise click.UsageError("give two policy files (OLD NEW), or --git REV [PATHS...]")
    plan = _default_plan()
    try:
        diffs = [semdiff.diff_files(paths[0], paths[1], plan)] if rev is None else semdiff.diff_git(rev, paths, plan)
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


@cli.command()
@click.argument("policy", type=click.Path())
@click.option("--format", "fmt", type=click.Choice(["markdown", "html"]), default="markdown", show_default=True)
@click.option("--output", "-o", type=click.Path(dir_okay=False), default=None, help="Write here instead of stdout.")
def render(policy: str, fmt: str, output: str | None) -> int:
    """Write a human-readable privacy notice (GDPR Art. 13 order) from a policy.

    Exit 0: written; 1: the policy has structural errors (rule findings do not block: a
    notice shows a policy's gaps); 2: it cannot be read, or the output cannot be written."""
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
    _publish(notice.render(result.data, fmt), output, [policy])
    return EXIT_OK


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
    """Compliance matrix: policies x GDPR Art. 13/14 items and PIPEDA principles.

    Exit 0: written; 2: a path could not be read (nothing written)."""
    from policyval.publish import matrix
    from policyval.reporters import text

    collect = _collected(paths, _default_plan(profiles=profiles or None))
    if collect.summary.io_errors:
        click.echo(text.lines(collect.summary.io_errors), err=True, nl=False)
        return EXIT_ERROR
    problems = [f for r in collect.results if not r.checked for f in r.findings]
    _publish(matrix.render(matrix.build(collect.results), problems, fmt), output, collect.summary.files)
    return EXIT_OK


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
