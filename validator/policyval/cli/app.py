"""The command group every command module registers with, and the exit codes.

Click only parses options: the pipeline checks, a reporter formats, and the exit code is
decided in ``exit_code`` alone.
"""

from __future__ import annotations

import click

from policyval import __version__

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
