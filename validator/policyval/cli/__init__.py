"""The command line: one Click group (``app``), one module per group of commands (``check``,
``publish``, ``reference``), and ``main(argv) -> int``, which tests call directly."""

from __future__ import annotations

from policyval.cli.app import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, cli, exit_code
from policyval.cli.main import main

__all__ = ["EXIT_ERROR", "EXIT_FINDINGS", "EXIT_OK", "cli", "exit_code", "main"]
