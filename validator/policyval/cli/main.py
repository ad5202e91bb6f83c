"""``main(argv) -> int``: the console script's entry point and what tests call.

Importing this module registers every command with the group (one module per group of
commands: ``check``, ``publish``, ``reference``); it never lets a traceback out.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

import click

from policyval.cli import (  # noqa: F401 - each registers its commands
    check,
    editor,
    publish,
    reference,
)
from policyval.cli.app import EXIT_ERROR, EXIT_OK, cli


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
