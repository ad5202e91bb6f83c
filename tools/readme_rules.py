"""Rewrite the README's Rules table from the rule registry (``policyval rules --format markdown``).

tests/test_rules.py fails when the table and the registry disagree; run this to regenerate it:
``python tools/readme_rules.py`` (``--check`` exits 1 when the README is stale).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from policyval.rules import docs

README = Path(__file__).resolve().parent.parent / "README.md"
# The table: its header line up to the first line that is not a table row.
TABLE = re.compile(r"^\| Rule \| Severity \|.*?\n(?:\|.*\n)*", re.MULTILINE)


def updated(text: str) -> str:
    section = text.split("\n## Rules\n", 1)[1].split("\n## ", 1)[0]
    return text.replace(section, TABLE.sub(lambda _: docs.listing("markdown"), section, count=1), 1)


def main(argv: list[str]) -> int:
    text = README.read_text("utf-8")
    new = updated(text)
    if "--check" in argv:
        return int(new != text)
    README.write_text(new, "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
