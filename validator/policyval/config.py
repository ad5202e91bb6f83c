"""Configuration: which rules run, at what severity, for which files; and inline suppressions.

Where it comes from. For each checked file, policyval walks up from the file's directory
and takes the nearest ``.policyval.yaml`` (top-level keys) or ``pyproject.toml`` with a
``[tool.policyval]`` table; a ``pyproject.toml`` without that table is passed over. When
both are in one directory, ``.policyval.yaml`` wins (a dedicated file over a shared one,
as ruff prefers ``.ruff.toml`` to ``pyproject.toml``). The walk stops at the first
directory that contains ``.git`` (after looking in it) or at the filesystem root; configs
are not merged. ``--config FILE`` replaces discovery; ``--isolated`` ignores every file.

What can be configured. Silencing a finding must never leave a file less checked than it
looks, so only findings after which policyval still checks the whole file can be turned
off: the semantic rules, ``file/bom``, ``yaml/multiple-documents``, ``suppression/unused``
and ``suppression/no-reason``. YAML, schema, file and I/O errors stop rules from running,
so they can be neither ignored, re-graded nor suppressed (the schema is where a policy's
shape is decided). ``select`` chooses among the semantic rules only.

A broken configuration is a usage error: its findings (``config/*``) make the exit code 2
and the files it governs are not checked, as ruff does, rather than checked by settings
the user did not write.
"""

from __future__ import annotations

import difflib
import os
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from policyval import core, suppress
from policyval.findings import Finding, JsonPath, Severity
from policyval.loader import load_text

if TYPE_CHECKING:  # pydantic and pathspec load only when a configuration file is read
    import pathspec
    from pydantic import ValidationError

    from policyval.config_model import Config, Level

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

YAML_NAME = ".policyval.yaml"
TOML_NAME = "pyproject.toml"
MAX_CONFIG_BYTES = 1024 * 1024

# Non-semantic findings that leave the file fully checked, so may be silenced.
SILENCEABLE = ("file/bom", "yaml/multiple-documents", "suppression/unused", "suppression/no-reason")
PROFILE_NAMES = ("baseline", "eu-gdpr", "ca-pipeda")


def __getattr__(name: str) -> Any:
    # ``policyval.config.Config`` and ``Level`` still work; they live in config_model.
    if name in ("Config", "Level"):
        from policyval import config_model

        return getattr(config_model, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# --- rule ids -------------------------------------------------------------------------


@cache
def semantic_ids() -> tuple[str, ...]:
    from policyval import rules

    return rules.ids()


def configurable_ids() -> tuple[str, ...]:
    return (*semantic_ids(), *SILENCEABLE)


def matches(pattern: str, rule: str) -> bool:
    """A full id matches itself; ``namespace/`` matches every id in that namespace."""
    return rule == pattern or (pattern.endswith("/") and rule.startswith(pattern))


def silenceable(rule: str) -> bool:
    return rule in configurable_ids()


def pattern_problem(pattern: str, choices: Iterable[str]) -> tuple[str, str] | None:
    """(rule, message) when ``pattern`` names no rule among ``choices``, else None."""
    choices = tuple(choices)
    if any(matches(pattern, rule) for rule in choices):
        return None
    namespaces = sorted({rule.split("/", 1)[0] + "/" for rule in choices})
    if any(matches(pattern, rule) for rule in configurable_ids()):
        return "invalid", f"'{pattern}' is not a semantic rule; select chooses among the semantic rules only"
    if pattern.split("/", 1)[0] in {"yaml", "file", "io", "internal", "schema", "config", "baseline", "suppression"}:
        message = (
            f"'{pattern}' cannot be ignored, re-graded or suppressed: a finding of that kind means the file was "
            f"not fully checked; fix the policy instead (only the semantic rules and {', '.join(SILENCEABLE)} can be)"
        )
        return "invalid", message
    close = difflib.get_close_matches(pattern, [*choices, *namespaces], n=1, cutoff=0.6)
    if not close and "/" not in pattern and f"{pattern}/" in namespaces:
        close = [f"{pattern}/"]
    hint = f"; did you mean '{close[0]}'?" if close else ""
    return "unknown-rule", f"unknown rule '{pattern}'{hint} (policyval rules lists them; a namespace ends in '/')"


# --- reading a configuration file ---------------------------------------------------------


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

    def position(self, path: JsonPath, *, key: bool = True, value: str | None = None) -> tuple[int, int]:
        """Where the key at ``path`` is (``key``), or its value, or the quoted ``value`` in it."""
        if self.doc is not None:
            line, column = self.doc.position(path, key=key and value is None)
            return line, column
        return self._toml(path, value)

    def _toml(self, path: JsonPath, value: str | None) -> tuple[int, int]:
        # tomllib keeps no positions: find the [tool.policyval...] table, then each key, then
        # the quoted value, in order. A miss falls back to the last thing found.
        keys = [str(p) for p in path if isinstance(p, str)]
        at = self._table(keys)
        for key in keys:
            found = re.compile(rf"^[ \t]*(\"{re.escape(key)}\"|'{re.escape(key)}'|{re.escape(key)})[ \t]*=", re.M)
            hit = found.search(self.text, at) or re.compile(rf"[\"']?{re.escape(key)}[\"']?[ \t]*=").search(
                self.text, at
            )
            if hit is not None:
                at = hit.start(1) if hit.re is found else hit.start()
        if value is not None:
            quoted = re.compile(rf"[\"']{re.escape(value)}[\"']").search(self.text, at)
            if quoted is not None:
                at = quoted.start()
        return self._line_col(at)

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
    try:
        with source.open("rb") as stream:
            raw = stream.read(MAX_CONFIG_BYTES + 1)
        if len(raw) > MAX_CONFIG_BYTES:
            return None, _error(source, "invalid", f"the configuration is over {MAX_CONFIG_BYTES} bytes")
        return raw.decode("utf-8-sig"), None
    except OSError as exc:
        return None, _error(source, "invalid", f"cannot read the configuration: {exc.strerror or exc}", (0, 0))
    except UnicodeDecodeError:
        return None, _error(source, "invalid", "the configuration is not UTF-8 text; save it as UTF-8")


_TOML_AT = re.compile(r"\(at line (\d+), column (\d+)\)")


def _table_of(source: Path, text: str, toml: bool) -> tuple[Any, Finding | None]:
    """The raw settings table (None when a pyproject.toml has no [tool.policyval])."""
    if toml:
        try:
            data = tomllib.loads(text)
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
    from policyval.config_model import Config

    known = list(Config.model_json_schema(by_alias=True)["properties"])
    out = []
    for err in exc.errors():
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
    semantic, configurable = semantic_ids(), configurable_ids()
    placed: list[tuple[JsonPath, str, tuple[str, ...]]] = []
    placed += [(("select", n), p, semantic) for n, p in _strings(table.get("select"))]
    placed += [(("ignore", n), p, configurable) for n, p in _strings(table.get("ignore"))]
    levels = table.get("severity")
    placed += [(("severity", p), p, configurable) for p in (levels if isinstance(levels, dict) else {})]
    globs = table.get("per-file-ignores")
    for glob, ids in (globs if isinstance(globs, dict) else {}).items():
        placed += [(("per-file-ignores", glob, n), p, configurable) for n, p in _strings(ids)]
    out = []
    for path, pattern, choices in placed:
        problem = pattern_problem(pattern, choices)
        if problem is not None:
            value = None if path[0] == "severity" else pattern
            out.append(_error(source, problem[0], problem[1], where.position(path, value=value)))
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

    from policyval.config_model import Config

    try:
        config = Config.model_validate(table)
    except ValidationError as exc:
        errors += _pydantic_errors(source, exc, where)
        config = None
    errors.sort(key=Finding.sort_key)
    return Loaded(source, None if errors else config, tuple(errors))


# --- discovery --------------------------------------------------------------------------


class Resolver:
    """The configuration that governs each file, found once per directory."""

    def __init__(self, explicit: Path | None = None, *, isolated: bool = False) -> None:
        self.explicit = explicit
        self.isolated = isolated
        self._dirs: dict[Path, Loaded | None] = {}
        self._explicit: Loaded | None = None

    def for_file(self, file: str) -> Loaded | None:
        if self.isolated:
            return None
        if self.explicit is not None:
            if self._explicit is None:
                self._explicit = load(self.explicit.absolute(), required=True)
            return self._explicit
        return self._lookup(Path(os.path.abspath(file)).parent)

    def _lookup(self, directory: Path) -> Loaded | None:
        if directory in self._dirs:
            return self._dirs[directory]
        found = self._own(directory)
        if found is None and not (directory / ".git").exists() and directory.parent != directory:
            found = self._lookup(directory.parent)
        self._dirs[directory] = found
        return found

    @staticmethod
    def _own(directory: Path) -> Loaded | None:
        for name in (YAML_NAME, TOML_NAME):
            candidate = directory / name
            if candidate.is_file():
                loaded = load(candidate)
                if loaded is not None:
                    return loaded
        return None


# --- applying it ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Decision:
    """What the configuration says about the findings of one file."""

    config: Config | None = None  # None: no configuration file, every setting at its default
    ignored: tuple[str, ...] = ()  # ignore + the per-file ignores that match this file

    def enabled(self, rule: str) -> bool:
        if not silenceable(rule):
            return True
        select = self.config.select if self.config is not None else None
        if select is not None and rule in semantic_ids() and not any(matches(p, rule) for p in select):
            return False
        return not any(matches(p, rule) for p in self.ignored) and self.level(rule) != "off"

    def level(self, rule: str) -> Level | None:
        """The configured level: a rule's own entry wins over its namespace's."""
        if self.config is None:
            return None
        levels = self.config.severity
        if rule in levels:
            return levels[rule]
        namespace = rule.split("/", 1)[0] + "/"
        return levels.get(namespace)

    def graded(self, finding: Finding) -> Finding:
        level = self.level(finding.rule) if silenceable(finding.rule) else None
        if level is None or level == "off" or level == finding.severity.value:
            return finding
        return replace(finding, severity=Severity(level))


def decision(loaded: Loaded | None, file: str) -> Decision:
    if loaded is None or loaded.config is None:
        return Decision()
    config = loaded.config
    ignored = list(config.ignore)
    if config.per_file_ignores:
        absolute = Path(os.path.abspath(file))
        try:
            relative = absolute.relative_to(loaded.base).as_posix()
        except ValueError:  # outside the config's directory (--config elsewhere): only name globs can match
            relative = absolute.name
        for glob, ids in config.per_file_ignores.items():
            if _spec(glob).match_file(relative):
                ignored.extend(ids)
    return Decision(config, tuple(ignored))


@cache
def _spec(glob: str) -> pathspec.GitIgnoreSpec:
    import pathspec

    # gitignore semantics: 'drafts/*.yaml' is anchored at the config's directory, a bare
    # '*.draft.yaml' matches in any directory, '**' crosses directories.
    return pathspec.GitIgnoreSpec.from_lines([glob])


def _suppressed(file: str, text: str, findings: list[Finding]) -> list[Finding]:
    """``findings`` less those a comment suppresses, plus findings about the comments."""
    comments = suppress.scan(text)
    if not comments.suppressions and not comments.problems:
        return findings
    kept = [f for f in findings if f.line <= 0 or not silenceable(f.rule) or not comments.suppressed(f, matches)]
    for p in comments.problems:
        severity = Severity.ERROR if p.kind == "invalid" else Severity.WARNING
        kept.append(Finding(file, p.line, p.column, f"suppression/{p.kind}", severity, p.message))
    for s in comments.suppressions:
        problem = pattern_problem(s.rule, configurable_ids())
        if problem is not None:
            rule = "suppression/unknown-rule" if problem[0] == "unknown-rule" else "suppression/invalid"
            kept.append(Finding(file, s.line, s.column, rule, Severity.ERROR, problem[1]))
        elif not s.used:
            message = f"'{s.rule}' reports nothing on line {s.target}; remove this suppression"
            kept.append(Finding(file, s.line, s.column, "suppression/unused", Severity.WARNING, message))
    return kept


@dataclass
class Setup:
    """The run's configuration source and --profile, as the rule stage and core need them.

    Holds nothing but paths and caches, so forked (or pickled) workers can use it.
    """

    resolver: Resolver = field(default_factory=Resolver)
    profiles: tuple[str, ...] | None = None  # --profile; wins over the configuration's

    def settings_for(self, file: str) -> Any:
        from policyval.rules import engine

        loaded = self.resolver.for_file(file)
        if _broken(loaded):
            return engine.Settings(select=frozenset())  # a broken config: its errors stand alone
        rule_decision = decision(loaded, file)
        configured = rule_decision.config.profiles if rule_decision.config is not None else None
        enabled = frozenset(r for r in semantic_ids() if rule_decision.enabled(r))
        levels = {r: Severity(lv) for r in enabled if (lv := rule_decision.level(r)) not in (None, "off")}
        profiles = self.profiles or (tuple(configured) if configured is not None else None)
        return engine.Settings(profiles=profiles, select=enabled, severities=levels)

    def finish(self, file: str, text: str | None, findings: list[Finding]) -> list[Finding]:
        """The findings of one file as the configuration and the file's comments have them."""
        loaded = self.resolver.for_file(file)
        if loaded is not None and loaded.config is None:  # _broken, spelt out for mypy
            return [*loaded.errors, *(f for f in findings if not silenceable(f.rule))]
        rule_decision = decision(loaded, file)
        chosen = [rule_decision.graded(f) for f in findings if rule_decision.enabled(f.rule)]
        if text is not None:
            chosen = _suppressed(file, text, chosen)
            # Findings about suppressions are configurable too (e.g. ignore suppression/no-reason).
            chosen = [rule_decision.graded(f) for f in chosen if rule_decision.enabled(f.rule)]
        return chosen


def run(paths: Iterable[str], options: core.Options, setup: Setup) -> core.Report:
    """Check ``paths`` with the rules, as configured; the report says which profiles ran."""
    from policyval.rules import engine

    stage = engine.RuleStage(setup.settings_for)
    report = core.run(paths, replace(options, finish=setup.finish), semantic=stage)
    # Files under a broken configuration ran no rule: the report must not say they did.
    broken = {f for f, loaded in ((f, setup.resolver.for_file(f)) for f in stage.profiles) if _broken(loaded)}
    report.profiles = {f: p for f, p in stage.profiles.items() if f not in broken}
    report.findings = _once(report.findings)
    return report


def _broken(loaded: Loaded | None) -> bool:
    return loaded is not None and loaded.config is None


def _once(findings: list[Finding]) -> list[Finding]:
    """Each config error is returned with every file it governs; report it once."""
    seen: set[Finding] = set()
    out = []
    for finding in findings:
        if finding.rule.startswith("config/"):
            if finding in seen:
                continue
            seen.add(finding)
        out.append(finding)
    return out
