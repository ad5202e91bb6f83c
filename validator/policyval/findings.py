"""The kernel every wing shares: the one finding type, its severity, and the hit a check
yields before the engine gives it a file, a position and (for rules) its id and severity."""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Severity(str, enum.Enum):
    """How serious a finding is. Errors fail a check; warnings fail it only with --strict."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 2, "warning": 1, "info": 0}[self.value]


JsonPath = tuple[str | int, ...]


def pointer(path: JsonPath) -> str:
    """RFC 6901 JSON Pointer for a path ('' is the whole document)."""
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in path)


@dataclass(frozen=True, order=True, slots=True)
class Finding:
    """One problem in one file, at a 1-based line and column (0 when there is no position)."""

    file: str
    line: int
    column: int
    rule: str
    severity: Severity
    message: str
    path: str = ""
    # Other places the same defect affects (one finding per statement in the text): each
    # (line, column, JSON pointer). SARIF lists them as relatedLocations.
    related: tuple[tuple[int, int, str], ...] = ()

    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.file, self.line, self.column, self.rule, self.message)


@dataclass(frozen=True)
class Hit:
    """A problem found in a document, before the engine adds file and position.

    ``key`` points the finding at the mapping key of ``path`` rather than at its value.
    """

    rule: str
    message: str
    path: JsonPath = ()
    key: bool = False
    related: tuple[JsonPath, ...] = ()  # other items the same defect affects
