"""The command line: Click parses options, the pipeline checks, a reporter formats, and the
exit code is decided in ``exit_code`` alone. ``main(argv) -> int`` is what tests call."""

from __future__ import annotations

from policyval.cli.commands import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, cli, exit_code, main

__all__ = ["EXIT_ERROR", "EXIT_FINDINGS", "EXIT_OK", "cli", "exit_code", "main"]
