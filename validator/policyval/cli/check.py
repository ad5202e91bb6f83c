"""``policyval check``: the command a user, a hook and CI run most."""

from __future__ import annotations

import os
import sys
from dataclasses import replace
from typing import TYPE_CHECKING, Any

import click

from policyval import __version__
from policyval.cli.app import EXIT_ERROR, EXIT_OK, cli, exit_code
from policyval.policy.laws import PROFILE_IDS

if TYPE_CHECKING:
    from policyval.check.plan import Plan
    from policyval.findings import Finding


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option(
    "--profile",
    "profiles",
    multiple=True,
    type=click.Choice(PROFILE_IDS),
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
    for target in (output, write_baseline):
        _never_over_an_input(target, paths)
    from policyval.check import baseline, parallel
    from policyval.check.run import run
    from policyval.cli import progress
    from policyval.rules.profiles import without_rules

    if empty := without_rules(profiles):
        raise click.UsageError(f"profile {empty[0]!r} has no rules in policyval {__version__} yet; see policyval rules")

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


def _never_over_an_input(target: str | None, paths: tuple[str, ...]) -> None:
    """``check`` never writes the files it checks: refuse an output that is one of them (the
    file named, or a policy file inside a directory named)."""
    if target is None or not os.path.exists(target):
        return
    from policyval.check.source import SUFFIXES

    real = os.path.realpath(target)
    for path in paths:
        if not path or not os.path.exists(path):
            continue
        inside = os.path.isdir(path) and real.endswith(SUFFIXES) and real.startswith(os.path.realpath(path) + os.sep)
        if inside or os.path.samefile(target, path):
            raise click.UsageError(
                f"{target} is a file this check reads; policyval check never writes the files it checks"
            )


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
        with baseline.locked(self.target):  # concurrent writers merge, one after the other
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
