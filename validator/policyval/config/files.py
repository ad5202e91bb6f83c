"""Reading one configuration file: ``.policyval.yaml`` (top-level keys) or a
``pyproject.toml`` with a ``[tool.policyval]`` table.

Every problem is a ``config/*`` finding at the file, line and column of the key or value it
is about, all at once: unknown settings (with "did you mean"), wrong types, and rule ids or
namespaces that name nothing.
"""

from __future__ import annotations

import difflib
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from policyval import rules
from policyval.check.load import load_text
from policyval.check.source import Unreadable, read_bounded
from policyval.findings import Finding, JsonPath, Severity

if TYPE_CHECKING:  # pydantic loads only when a configuration file is read
    from pydantic import ValidationError

    from policyval.config.model import Config

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

YAML_NAME = ".policyval.yaml"
TOML_NAME = "pyproject.toml"
MAX_CONFIG_BYTES = 1024 * 1024
# Rule ids and namespaces one configuration may name; there are a few dozen rules, so more
# is a mistake (or an attack: each is checked, and a wrong one gets a "did you mean").
MAX_PATTERNS = 1000
# Findings reported about one configuration file; the rest are counted in one more finding.
MAX_ERRORS = 100


@dataclass(frozen=True)
class Loaded:
    """A configuration file as read: its settings, or the findings that say why there are none."""

    source: Path
    config: Config | None
    errors: tuple[Finding, ...] = ()

    @property
    def base(self) -> Path:
        return self.source.parent


def _shown(path: Path) -> str:
    """The config file's name in findings: relative to the working directory when inside it."""
    try:
        relative = os.path.relpath(path)
    except ValueError:  # pragma: no cover - another drive on Windows
        return str(path)
    return str(path) if relative.startswith("..") else relative


class _Locator:
    """JSON path -> (line, column) in the config's text, so each error points at its key."""

    def __init__(self, text: str, toml: bool) -> None:
        self.text = text
        self.toml = toml
        self.doc = None if toml else load_text(text)
        # Positions already found, so that N errors cost N short searches, not N scans of the
        # file: the start of each key path, and where the last value found in it ended.
        self._keys: dict[tuple[str, ...], int] = {}
        self._after: dict[tuple[str, ...], int] = {}

    def position(self, path: JsonPath, *, key: bool = True, value: str | None = None) -> tuple[int, int]:
        """Where the key at ``path`` is (``key``), or its value, or the quoted ``value`` in it."""
        if self.doc is not None:
            line, column = self.doc.position(path, key=key and value is None)
            return line, column
        return self._toml(path, value)

    def _toml(self, path: JsonPath, value: str | None) -> tuple[int, int]:
        # tomllib keeps no positions: find the [tool.policyval...] table, then each key, then
        # the quoted value, in order. A miss falls back to the last thing found.
        keys = tuple(str(p) for p in path if isinstance(p, str))
        if keys not in self._keys:
            self._keys[keys] = self._key_start(list(keys))
        at = self._keys[keys]
        if value is not None:
            # Values of one list are asked for in order: search on from the last one found.
            quoted = re.compile(rf"[\"']{re.escape(value)}[\"']")
            hit = quoted.search(self.text, self._after.get(keys, at)) or quoted.search(self.text, at)
            if hit is not None:
                self._after[keys] = hit.end()
                at = hit.start()
        return self._line_col(at)

    def _key_start(self, keys: list[str]) -> int:
        at = self._table(keys)
        for key in keys:
            found = re.compile(rf"^[ \t]*(\"{re.escape(key)}\"|'{re.escape(key)}'|{re.escape(key)})[ \t]*=", re.M)
            hit = found.search(self.text, at) or re.compile(rf"[\"']?{re.escape(key)}[\"']?[ \t]*=").search(
                self.text, at
            )
            if hit is not None:
                at = hit.start(1) if hit.re is found else hit.start()
        return at

    def _table(self, keys: list[str]) -> int:
        header = re.compile(r"^[ \t]*\[[ \t]*tool\.policyval(?:\.(?P<sub>[^\]]+))?[ \t]*\]", re.M)
        best = 0
        for match in header.finditer(self.text):
            sub = (match.group("sub") or "").strip().strip("\"'")
            if not sub or (keys and sub == keys[0]):
                best = match.end()
                if sub:
                    keys.pop(0)
                    return best
        return best

    def end(self) -> tuple[int, int]:
        return self._line_col(len(self.text))

    def _line_col(self, index: int) -> tuple[int, int]:
        line = self.text.count("\n", 0, index) + 1
        return line, index - (self.text.rfind("\n", 0, index) + 1) + 1


def _error(source: Path, rule: str, message: str, position: tuple[int, int] = (1, 1)) -> Finding:
    return Finding(_shown(source), position[0], position[1], f"config/{rule}", Severity.ERROR, message)


def _read(source: Path) -> tuple[str | None, Finding | None]:
    # The one bounded, non-blocking reader: `--config FIFO` or a .policyval.yaml that is a
    # device is refused, never waited on.
    try:
        raw = read_bounded(source, MAX_CONFIG_BYTES)
    except Unreadable as exc:
        if exc.rule == "file/too-large":
            return None, _error(source, "invalid", f"the configuration is over {MAX_CONFIG_BYTES} bytes")
        reason = exc.message.replace("cannot read this: ", "").replace("this is", "it is")
        return None, _error(source, "invalid", f"cannot read the configuration: {reason}", (0, 0))
    try:
        return raw.decode("utf-8-sig"), None
    except UnicodeDecodeError:
        return None, _error(source, "invalid", "the configuration is not UTF-8 text; save it as UTF-8")


_TOML_AT = re.compile(r"\(at line (\d+), column (\d+)\)")


def _table_of(source: Path, text: str, toml: bool) -> tuple[Any, Finding | None]:
    """The raw settings table (None when a pyproject.toml has no [tool.policyval])."""
    if toml:
        try:
            data = tomllib.loads(text)
        except RecursionError:
            # tomllib recurses once per level of nesting; a pyproject.toml nested thousands of
            # levels deep is not one policyval can read, and is no configuration of it.
            message = "the TOML is nested too deeply to read (arrays or tables within each other)"
            return None, _error(source, "invalid", message, (1, 1))
        except tomllib.TOMLDecodeError as exc:
            where = _TOML_AT.search(str(exc))
            position = (int(where.group(1)), int(where.group(2))) if where else _Locator(text, True).end()
            return None, _error(source, "invalid", f"TOML syntax error: {_TOML_AT.sub('', str(exc)).strip()}", position)
        tool = data.get("tool")
        return (tool.get("policyval") if isinstance(tool, dict) else None), None
    doc = load_text(text)
    if doc.problems:
        first = doc.problems[0]
        if first.rule == "yaml/empty":
            return {}, None  # an empty .policyval.yaml means the defaults
        return None, _error(source, "invalid", f"{first.message} ({first.rule})", (first.line, first.column))
    if not isinstance(doc.data, dict):
        return None, _error(source, "invalid", "the configuration must be a mapping of settings (select, ignore, ...)")
    return doc.data, None


def _pydantic_errors(source: Path, exc: ValidationError, where: _Locator) -> list[Finding]:
    from policyval.config.model import Config

    known = list(Config.model_json_schema(by_alias=True)["properties"])
    out = []
    for err in exc.errors()[: MAX_ERRORS + 1]:  # _bounded() shows MAX_ERRORS, and says there are more
        path: JsonPath = tuple(err["loc"])
        name = ".".join(str(p) for p in path) or "configuration"
        if err["type"] == "extra_forbidden":
            close = difflib.get_close_matches(str(path[-1]), known, n=1)
            hint = f"did you mean '{close[0]}'?" if close else f"known keys: {', '.join(known)}"
            message = f"unknown setting '{name}'; {hint}"
        else:
            message = f"{name}: {err['msg']}"
        at_key = err["type"] == "extra_forbidden"  # else the value is what is wrong
        out.append(_error(source, "invalid", message, where.position(path, key=at_key)))
    return out


def _strings(value: Any) -> list[tuple[int, str]]:
    return [(n, v) for n, v in enumerate(value) if isinstance(v, str)] if isinstance(value, list) else []


def _rule_errors(source: Path, table: dict[str, Any], where: _Locator) -> list[Finding]:
    """Every rule id or namespace in the settings that names nothing, at its position.

    Reads the raw table, so these are reported along with type errors, all at once."""
    semantic, configurable = rules.ids(), rules.configurable_ids()
    placed: list[tuple[JsonPath, str, tuple[str, ...]]] = []
    placed += [(("select", n), p, semantic) for n, p in _strings(table.get("select"))]
    placed += [(("extend-select", n), p, semantic) for n, p in _strings(table.get("extend-select"))]
    placed += [(("ignore", n), p, configurable) for n, p in _strings(table.get("ignore"))]
    levels = table.get("severity")
    placed += [(("severity", p), p, configurable) for p in (levels if isinstance(levels, dict) else {})]
    globs = table.get("per-file-ignores")
    for glob, ids in (globs if isinstance(globs, dict) else {}).items():
        placed += [(("per-file-ignores", glob, n), p, configurable) for n, p in _strings(ids)]
    if len(placed) > MAX_PATTERNS:
        message = (
            f"the configuration names {len(placed)} rule ids or namespaces, more than {MAX_PATTERNS}; "
            f"there are {len(configurable)} rules: name namespaces ('rights/') instead"
        )
        return [_error(source, "invalid", message, where.position(placed[0][0][:1]))]
    out = []
    for path, pattern, choices in placed:
        problem = rules.pattern_problem(pattern, choices)
        if problem is not None:
            value = None if path[0] == "severity" else pattern
            out.append(_error(source, problem[0], problem[1], where.position(path, value=value)))
            if len(out) > MAX_ERRORS:  # _bounded() shows MAX_ERRORS, and says there are more
                break
    return out


def load(source: Path, *, required: bool = False) -> Loaded | None:
    """Read one configuration file. None: a pyproject.toml without [tool.policyval] (unless ``required``)."""
    toml = source.suffix == ".toml"
    text, problem = _read(source)
    if text is None:
        return Loaded(source, None, (problem,) if problem else ())
    table, problem = _table_of(source, text, toml)
    if problem is not None:
        # A broken pyproject.toml that never mentions policyval is not ours to judge.
        return Loaded(source, None, (problem,)) if (required or not toml or "policyval" in text) else None
    if table is None:
        if not required:
            return None
        return Loaded(source, None, (_error(source, "invalid", "this TOML file has no [tool.policyval] table"),))
    where = _Locator(text, toml)
    if not isinstance(table, dict):
        return Loaded(source, None, (_error(source, "invalid", "tool.policyval must be a table", where.position(())),))
    errors = _rule_errors(source, table, where)
    from pydantic import ValidationError

    from policyval.config.model import Config

    try:
        config = Config.model_validate(table)
    except ValidationError as exc:
        errors += _pydantic_errors(source, exc, where)
        config = None
    errors.sort(key=Finding.sort_key)
    return Loaded(source, None if errors else config, _bounded(source, errors))


def _bounded(source: Path, errors: list[Finding]) -> tuple[Finding, ...]:
    """At most MAX_ERRORS findings, and one that counts the rest."""
    if len(errors) <= MAX_ERRORS:
        return tuple(errors)
    message = f"more problems in this configuration are not shown (only the first {MAX_ERRORS} are); fix those first"
    rest = errors[MAX_ERRORS]
    return (*errors[:MAX_ERRORS], _error(source, "invalid", message, (rest.line, rest.column)))
