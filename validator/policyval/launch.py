"""The console script's entry point: ``policyval --version`` answers before the CLI loads.

Importing the command line (Click and its dependencies) costs several times a bare
interpreter start. ``--version`` alone, the call pre-commit and CI scripts make most
often to probe the tool, prints exactly what ``policyval.cli.main(["--version"])``
prints (a test holds the two equal); every other call goes to ``policyval.cli.main``.
"""

from __future__ import annotations

import sys

TYPE_CHECKING = False  # not from typing: see policyval/__init__.py
if TYPE_CHECKING:
    from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args == ["--version"]:
        from policyval import __version__

        sys.stdout.write(f"policyval {__version__}\n")
        sys.stdout.flush()
        return 0
    from policyval.cli.main import main as cli_main

    return cli_main(args)
