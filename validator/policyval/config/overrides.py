"""Rule selection from the command line, layered over the configuration files as ruff does.

``--select``, ``--extend-select`` and ``--ignore`` are one more layer of configuration, above
the file that governs each checked file:

* the file's ``select`` and ``ignore`` decide first (every rule when it has no ``select``);
* ``--select`` then starts over: exactly the rules it names, and the file's ``select`` and
  ``ignore`` no longer count (``ruff check --select F401`` enforces F401 even where the
  file ignores it);
* ``--extend-select`` adds rules to what the file chose, even rules the file ignores;
* ``--ignore`` removes rules last.

``per-file-ignores`` and ``severity`` stay the file's: they are about files and levels, not
about which rules run. :class:`Overrides` answers the engine's question, ``settings_for(file)``,
with the file's :class:`~policyval.check.plan.Settings` adjusted, so nothing downstream
knows where a selection came from.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from policyval import rules
from policyval.check.plan import Configuration, Settings
from policyval.config.resolve import Resolver


@dataclass(frozen=True)
class Selection:
    """Rule patterns (ids, or namespaces ending in '/') given on the command line."""

    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()

    @property
    def empty(self) -> bool:
        return self.select is None and not self.extend_select and not self.ignore

    def problems(self) -> list[str]:
        """Why a pattern names no rule (with a did-you-mean), one message per bad pattern."""
        found = []
        for option, patterns, choices in (
            ("--select", self.select or (), rules.ids()),
            ("--extend-select", self.extend_select, rules.ids()),
            ("--ignore", self.ignore, rules.configurable_ids()),
        ):
            for pattern in patterns:
                problem = rules.pattern_problem(pattern, choices)
                if problem is not None:
                    found.append(f"{option}: {problem[1]}")
        return found


def _matching(patterns: Iterable[str], universe: Iterable[str]) -> set[str]:
    patterns = tuple(patterns)
    return {rule for rule in universe if any(rules.matches(p, rule) for p in patterns)}


class Overrides:
    """The configuration files' settings for each file, with a command-line :class:`Selection`
    layered on top. Plain data around a :class:`Resolver`, so worker processes can use it."""

    def __init__(self, base: Configuration, selection: Selection) -> None:
        self.base = base
        self.selection = selection

    def settings_for(self, file: str) -> Settings:
        settings = self.base.settings_for(file)
        if settings.broken or self.selection.empty:
            return settings
        file_ignores = self._file_ignores(file, settings)
        enabled = self._enabled(settings, file_ignores)
        semantic = set(rules.ids())
        # Settings.select governs the semantic rules, Settings.ignore every silenceable one.
        silenced = [r for r in rules.configurable_ids() if r not in enabled and r not in semantic]
        return replace(
            settings,
            select=tuple(r for r in rules.ids() if r in enabled),
            ignore=(*silenced, *settings.ignore[len(file_ignores[0]) :]),
        )

    def _file_ignores(self, file: str, settings: Settings) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """(the file's own ``ignore``, the ``per-file-ignores`` that match this file)."""
        own: tuple[str, ...] = ()
        if isinstance(self.base, Resolver):
            loaded = self.base.for_file(file)
            if loaded is not None and loaded.config is not None:
                own = tuple(loaded.config.ignore)
        return own, settings.ignore[len(own) :]

    def _enabled(self, settings: Settings, file_ignores: tuple[tuple[str, ...], tuple[str, ...]]) -> set[str]:
        semantic = set(rules.ids())
        everything = set(rules.configurable_ids())
        # The file's layer.
        enabled = set(everything) - {r for r in semantic if rules.opt_in(r)}
        if settings.select is not None:
            enabled = _matching(settings.select, semantic) | (everything - semantic)
        enabled -= _matching(file_ignores[0], everything)
        # The command line's layer.
        chosen = self.selection
        if chosen.select is not None:
            enabled = _matching(chosen.select, semantic) | (everything - semantic)
        enabled |= _matching(chosen.extend_select, semantic)
        return enabled - _matching(chosen.ignore, everything)
