"""``main(argv) -> int``: the console script's entry point and what tests call.

Importing this module registers every command with the group (one module per group of
commands: ``check``, ``publish``, ``reference``); it never lets a traceback out.
"""

from __future__ import annotations

import errno
import os
import signal
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from typing import Any

import click

from policyval.cli import (  # noqa: F401 - each registers its commands
    check,
    editor,
    migrate,
    publish,
    reference,
)
from policyval.cli.app import EXIT_ERROR, EXIT_OK, cli


class Interrupted(BaseException):
    """SIGINT or SIGTERM, raised in the main thread. Not a KeyboardInterrupt, which Click would
    turn into "Aborted!" and exit 1; a BaseException, so that no ``except Exception`` (a file's
    internal error) swallows it, while every ``finally`` and ``except BaseException`` runs: a
    temporary file is removed, worker processes are stopped."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _raise(signum: int, frame: Any) -> None:
    raise Interrupted(signum)


@contextmanager
def _signals() -> Iterator[None]:
    """SIGINT and SIGTERM raise Interrupted while a command runs; the old handlers come back after."""
    wanted = [signal.SIGINT, signal.SIGTERM]
    try:
        old = {s: signal.signal(s, _raise) for s in wanted}
    except ValueError:  # not the main thread (an embedding application): leave its handlers alone
        yield
        return
    try:
        yield
    finally:
        for s, handler in old.items():
            signal.signal(s, handler)


def _silence_stdout() -> None:
    # Nothing more can be written; point stdout at /dev/null so that the interpreter's
    # final flush does not print a second error.
    with suppress(OSError, ValueError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point for the console script and for tests; never lets a traceback out."""
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        with _signals():
            return _run(args)
    except Interrupted as stop:
        # One line, and the exit code shells give a process that a signal ends (130 for Ctrl-C).
        _say("policyval: interrupted" if stop.signum == signal.SIGINT else "policyval: terminated")
        return 128 + stop.signum


def _say(message: str) -> None:
    with suppress(OSError):  # stderr is gone too
        click.echo(message, err=True)


def _run(args: list[str]) -> int:
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
        _silence_stdout()
        return EXIT_ERROR
    except OSError as exc:
        if exc.errno not in (errno.ENOSPC, errno.EIO, errno.EDQUOT, errno.EFBIG, errno.EROFS):
            return _internal(exc)
        # Writing the report failed (stdout on a full disk, /dev/full): an I/O error, not a bug.
        _silence_stdout()
        _say(f"policyval: cannot write the output: {exc.strerror or exc}")
        return EXIT_ERROR
    except Exception as exc:  # last line of defence: a message, not a traceback
        return _internal(exc)
    return result if isinstance(result, int) else EXIT_OK


def _internal(exc: Exception) -> int:
    if os.environ.get("POLICYVAL_DEBUG"):
        raise exc
    click.echo(
        f"policyval: internal error: {type(exc).__name__}: {exc} "
        "(set POLICYVAL_DEBUG=1 for details and please report it)",
        err=True,
    )
    return EXIT_ERROR
