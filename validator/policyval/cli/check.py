"""``policyval check``: the command a user, a hook and CI run most.

Its options are the ones users of ruff, yamllint and check-jsonschema reach for: ``-`` reads
standard input (named by ``--stdin-filename``), ``--select``/``--extend-select``/``--ignore``
layer over the configuration files as ruff's do (:mod:`policyval.config.overrides`),
``--exclude``/``--force-exclude`` leave files out, ``--exit-zero``, ``--quiet`` and
``--statistics`` shape what is printed and the exit code.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from policyval import __version__
from policyval.cli.app import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, cli, exit_code
from policyval.policy.laws import PROFILE_IDS

if TYPE_CHECKING:
    from contextlib import AbstractContextManager
    from typing import IO

    from policyval.check.plan import Configuration, Plan
    from policyval.check.result import Reporter, Summary

STDIN = "-"


def _patterns(ctx: click.Context, param: click.Parameter, value: tuple[str, ...]) -> tuple[str, ...]:
    """Repeatable and comma-separated, as ruff takes them: --select a/,b --select c."""
    return tuple(p.strip() for v in value for p in v.split(",") if p.strip())


def _rules_option(name: str, help: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    return click.option(name, multiple=True, callback=_patterns, metavar="RULES", help=help)


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path())
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
@_rules_option(
    "--select",
    "Run only these semantic rules (ids, or namespaces ending in '/'; comma-separated or repeated), "
    "instead of the configuration's select and ignore.",
)
@_rules_option("--extend-select", "Run these rules as well as those the configuration selects.")
@_rules_option("--ignore", "Do not report these rules (added to the configuration's ignore).")
@click.option(
    "--exclude",
    multiple=True,
    callback=_patterns,
    metavar="PATTERNS",
    help="Leave out files matching these gitignore-style patterns (relative to the working directory; "
    "comma-separated or repeated) when walking directories. Hidden files and directories are always left out.",
)
@click.option(
    "--force-exclude",
    is_flag=True,
    help="Apply the exclusions (--exclude, hidden files such as .policyval.yaml) to files named on the "
    "command line too, as pre-commit passes them.",
)
@click.option(
    "--stdin-filename",
    metavar="NAME",
    default=None,
    help="Read the policy from standard input (also with the path -) and report it as NAME; its "
    "configuration and source text are found from NAME.",
)
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
@click.option(
    "--exit-zero", is_flag=True, help="Exit 0 even when findings fail the check (2 still means it could not check)."
)
@click.option("--quiet", "-q", is_flag=True, help="Print the findings only: no summary, no progress, no notes.")
@click.option(
    "--statistics", is_flag=True, help="Print how many findings each rule has, most frequent first, instead of them."
)
def check(**options: Any) -> int:
    """Check policy files, and directories of them (*.yaml, *.yml), recursively; - reads standard input."""
    args = Args(**options)
    args.validate()
    from policyval.check import baseline

    root = baseline.repo_root()
    plan = _plan(args)
    if args.baseline_file:
        plan = replace(plan, baseline=_load_baseline(args.baseline_file), root=root)
    summary, code = _run(args, plan, root)
    if code is not None:
        return code
    if args.baseline_file and summary.accepted and (args.output or args.fmt not in ("text", "github")):
        # The summary line says it too; a report without one (or in a file) gets it on stderr.
        args.note(f"{summary.accepted} known finding(s) accepted by the baseline {args.baseline_file}")
    code = exit_code(summary, strict=args.strict)
    return EXIT_OK if args.exit_zero and code == EXIT_FINDINGS else code


@dataclass(frozen=True)
class Args:
    """``policyval check``'s options, as Click parsed them."""

    paths: tuple[str, ...]
    profiles: tuple[str, ...]
    strict: bool
    config_file: str | None
    isolated: bool
    select: tuple[str, ...]
    extend_select: tuple[str, ...]
    ignore: tuple[str, ...]
    exclude: tuple[str, ...]
    force_exclude: bool
    stdin_filename: str | None
    max_bytes: int | None
    jobs: int | None
    fmt: str
    output: str | None
    color: str
    baseline_file: str | None
    write_baseline: str | None
    exit_zero: bool
    quiet: bool
    statistics: bool

    @property
    def stdin(self) -> bool:
        return STDIN in self.paths or (self.stdin_filename is not None and not self.paths)

    def validate(self) -> None:
        for first, second, together in (
            ("--baseline", "--write-baseline", self.baseline_file and self.write_baseline),
            ("--config", "--isolated", self.config_file and self.isolated),
            ("--statistics", f"--format {self.fmt}", self.statistics and self.fmt != "text"),
            ("--statistics", "--write-baseline", self.statistics and self.write_baseline),
        ):
            if together:
                raise click.UsageError(f"{first} and {second} exclude each other")
        if not self.paths and self.stdin_filename is None:
            raise click.UsageError("give the policy files or directories to check (or - to read standard input)")
        if self.stdin and len(self.paths) > 1:
            raise click.UsageError("- (standard input) is checked on its own; give no other paths with it")
        if self.stdin_filename is not None and not self.stdin:
            raise click.UsageError("--stdin-filename names standard input; give - as the path")
        self._output_is_no_input()
        from policyval.rules.profiles import without_rules

        if empty := without_rules(self.profiles):
            raise click.UsageError(
                f"profile {empty[0]!r} has no rules in policyval {__version__} yet; see policyval rules"
            )
        problems = self.selection().problems()
        if problems:
            raise click.UsageError("\n".join(problems))

    def _output_is_no_input(self) -> None:
        # A report written over a policy would destroy the very file it reports on: refuse an
        # output that is a file named, or a policy file inside a directory named.
        for target in (self.output, self.write_baseline):
            if target and any(p != STDIN and _reads(target, p) for p in self.paths):
                raise click.UsageError(
                    f"{target} is one of the policies to check (a file this check reads); policyval check "
                    "never writes the files it checks: write the report elsewhere"
                )

    def selection(self) -> Any:
        from policyval.config.overrides import Selection

        return Selection(self.select or None, self.extend_select, self.ignore)

    def note(self, message: str) -> None:
        if not self.quiet:
            click.echo(f"policyval: {message}", err=True)


def _reads(target: str, path: str) -> bool:
    """Whether checking ``path`` reads ``target``: the same file, or a policy file under it."""
    from policyval.check.source import SUFFIXES

    if not os.path.exists(target) or not path or not os.path.exists(path):
        return False
    real = os.path.realpath(target)
    inside = os.path.isdir(path) and real.endswith(SUFFIXES) and real.startswith(os.path.realpath(path) + os.sep)
    return inside or _same_file(target, path)


def _same_file(a: str, b: str) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def _configuration(args: Args) -> Configuration:
    from policyval.config import Resolver
    from policyval.config.overrides import Overrides

    resolver = Resolver(Path(args.config_file) if args.config_file else None, isolated=args.isolated)
    selection = args.selection()
    return resolver if selection.empty else Overrides(resolver, selection)


def _plan(args: Args) -> Plan:
    from policyval.check import parallel
    from policyval.check.plan import Plan
    from policyval.check.source import DEFAULT_MAX_BYTES

    limit, jobs = args.max_bytes or DEFAULT_MAX_BYTES, args.jobs or parallel.default_jobs()
    return Plan(_configuration(args), args.profiles or None, args.strict, limit, jobs=jobs)


def _run(args: Args, plan: Plan, root: Path) -> tuple[Summary, int | None]:
    """The run's summary, and the exit code when the command decided it already (--write-baseline)."""
    from policyval.cli import progress

    bar = progress.Progress() if not args.quiet else None  # stderr, and only on a terminal
    if args.write_baseline:
        recorder = _Recorder(args.write_baseline, root, args.note)
        return _check(args, plan, recorder, bar), recorder.code
    with _sink(args.output, bar) as write:
        return _check(args, plan, _reporter(args, write, root), bar), None


def _check(args: Args, plan: Plan, report: Reporter, bar: Any) -> Summary:
    if args.stdin:
        return _check_stdin(args, plan, report)
    from policyval.check.run import run

    try:
        return run(args.paths, plan, report, bar, keep=_Exclusions(args))
    finally:
        if bar is not None:
            bar.close()


def _check_stdin(args: Args, plan: Plan, report: Reporter) -> Summary:
    """Standard input as one policy, named by --stdin-filename (default ``-``)."""
    from policyval.check import pipeline, source
    from policyval.check.result import Result, Summary

    name = args.stdin_filename or STDIN
    raw = sys.stdin.buffer.read(plan.max_bytes + 1)
    if len(raw) > plan.max_bytes:
        message = f"standard input holds more than {plan.max_bytes} bytes, over the limit (--max-bytes)"
        result = Result(name, (source.io_finding(name, "file/too-large", message),))
    else:
        result = pipeline.check_bytes(name, raw, plan, at=args.stdin_filename)
    summary = Summary()
    summary.add(result)
    report.file(result)
    report.end(summary)
    return summary


class _Exclusions:
    """Which discovered files to check: hidden files and ``--exclude`` matches are left out of
    directory walks, and, with ``--force-exclude``, out of the files named too."""

    def __init__(self, args: Args) -> None:
        self.named = {p for p in args.paths if not os.path.isdir(p)}
        self.force = args.force_exclude
        self.spec: Any = None
        if args.exclude:
            import pathspec

            self.spec = pathspec.GitIgnoreSpec.from_lines(args.exclude)

    def __call__(self, file: str) -> bool:
        # Walks skip hidden files themselves; a named one is left out only when forced.
        named = file in self.named
        if named and (not self.force or _hidden(file)):
            return not self.force
        return self.spec is None or not self.spec.match_file(_relative(file))


def _hidden(file: str) -> bool:
    return any(part.startswith(".") and part not in (".", "..") for part in Path(file).parts)


def _relative(file: str) -> str:
    absolute = os.path.abspath(file)
    relative = os.path.relpath(absolute)
    return Path(absolute if relative.startswith("..") else relative).as_posix()


def _reporter(args: Args, write: Any, root: Path) -> Reporter:
    from policyval import reporters

    tty = args.output is None and sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    color = args.fmt == "text" and (args.color == "always" or (args.color == "auto" and tty))
    step_summary = os.environ.get("GITHUB_STEP_SUMMARY") if args.fmt == "github" else None
    return reporters.reporter(
        args.fmt,
        write,
        root=root,
        color=color,
        strict=args.strict,
        quiet=args.quiet,
        statistics=args.statistics,
        step_summary=step_summary or None,
    )


def _sink(output: str | None, bar: Any) -> AbstractContextManager[Any]:
    """Where a report goes, as it is produced: stdout (after erasing the progress line), or the
    ``--output`` file, which replaces the old one atomically at the end (never half a report)."""
    if output is None:
        return _Stdout(bar)
    return _File(output)


class _Stdout:
    def __init__(self, bar: Any) -> None:
        self.bar = bar

    def __enter__(self) -> Any:
        return self.write

    def __exit__(self, *exc: object) -> None:
        return None

    def write(self, text: str) -> None:
        if self.bar is not None:
            self.bar.close()
        try:
            click.echo(text, nl=False, color=True)
        except UnicodeEncodeError:
            # A file name that is not UTF-8 (or a character the terminal's encoding lacks):
            # the name's own bytes, as ls prints them; the text encoder wrote nothing yet.
            encoding = getattr(sys.stdout, "encoding", None) or "utf-8"
            click.echo(
                text.encode(encoding, "surrogateescape" if _encodes(text, encoding) else "backslashreplace"), nl=False
            )


def _encodes(text: str, encoding: str) -> bool:
    try:
        text.encode(encoding, "surrogateescape")
    except UnicodeEncodeError:
        return False
    return True


class _File:
    def __init__(self, output: str) -> None:
        self.output = output
        self.stream: AbstractContextManager[IO[Any]] | None = None

    def __enter__(self) -> Any:
        from policyval.cli.atomic import replacing

        self.stream = replacing(self.output)
        try:
            return self.stream.__enter__().write
        except OSError as exc:
            raise click.FileError(self.output, hint=exc.strerror or str(exc)) from None

    def __exit__(self, *exc: Any) -> None:
        assert self.stream is not None
        try:
            self.stream.__exit__(*exc)
        except OSError as error:
            raise click.FileError(self.output, hint=error.strerror or str(error)) from None


class _Recorder:
    """``--write-baseline``: count every finding's baseline key, and record them at the end."""

    def __init__(self, target: str, root: Path, note: Any) -> None:
        from collections import Counter

        self.target, self.root, self.note = target, root, note
        self.keys: Counter[Any] = Counter()
        self.code = EXIT_OK

    def file(self, result: Any) -> None:
        from policyval.check import baseline

        # Keys, not findings: what the baseline needs, and no more (io/ findings are never recorded).
        recorded = baseline.record(result.findings, (), self.root)
        self.keys.update(recorded.entries)

    def end(self, summary: Any) -> None:
        from policyval.check import baseline
        from policyval.cli.atomic import write_atomic
        from policyval.reporters import escape_surrogates, text

        if summary.io_errors:  # a baseline of a run that missed files would silently drop their entries
            click.echo(text.lines(summary.io_errors) + text.summary(summary))
            self.note(f"{self.target} not written: some paths could not be read")
            self.code = EXIT_ERROR
            return
        with baseline.locked(self.target):  # concurrent writers merge, one after the other
            recorded = baseline.record((), summary.files, self.root, _previous_baseline(self.target))
            recorded.entries.update(self.keys)
            try:
                # A file name that is not UTF-8 is kept as \\u escapes, which read back as the same name.
                write_atomic(self.target, escape_surrogates(recorded.dumps()))
            except OSError as exc:
                raise click.FileError(self.target, hint=exc.strerror or str(exc)) from None
        total = sum(recorded.entries.values())
        self.note(f"recorded {total} finding(s) as {len(recorded.entries)} entries in {self.target}")


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
