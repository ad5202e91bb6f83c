"""Which configuration governs each file, and what it says: the object the engine asks.

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
and ``suppression/no-reason`` (``policyval.rules.silenceable``). ``select`` chooses among
the semantic rules only.

A broken configuration is a usage error: its findings (``config/*``) make the exit code 2
and the files it governs are not checked, as ruff does, rather than checked by settings
the user did not write.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path
from types import MappingProxyType

from policyval import rules
from policyval.check.plan import Settings
from policyval.config.files import TOML_NAME, YAML_NAME, Loaded, load
from policyval.config.globs import Glob, compile_glob


class Resolver:
    """The configuration that governs each file, found once per directory.

    Holds nothing but paths and what it has read, so forked (or pickled) workers can use it.
    """

    def __init__(self, explicit: Path | None = None, *, isolated: bool = False) -> None:
        self.explicit = explicit
        self.isolated = isolated
        self._dirs: dict[Path, Loaded | None] = {}
        self._explicit: Loaded | None = None

    def settings_for(self, file: str) -> Settings:
        """What the configuration that governs ``file`` says about it."""
        return settings(self.for_file(file), file)

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


def settings(loaded: Loaded | None, file: str) -> Settings:
    """The settings ``loaded`` gives ``file`` (its per-file ignores matched)."""
    if loaded is None:
        return Settings()
    if loaded.config is None:
        return Settings(errors=loaded.errors)
    config = loaded.config
    ignored = list(config.ignore)
    if config.per_file_ignores:
        relative = _relative(file, loaded.base)
        for glob, ids in config.per_file_ignores.items():
            if _glob(glob).match(relative):
                ignored.extend(ids)
    profiles = tuple(config.profiles) if config.profiles is not None else None
    select = tuple(config.select) if config.select is not None else None
    options = MappingProxyType({} if config.min_coverage is None else {"min-coverage": config.min_coverage})
    if config.extend_select:
        select = (*(select if select is not None else rules.default_ids()), *config.extend_select)
    return Settings((), profiles, select, tuple(ignored), MappingProxyType(dict(config.severity)), loaded.base, options)


def _relative(file: str, base: Path) -> str:
    absolute = Path(os.path.abspath(file))
    try:
        return absolute.relative_to(base).as_posix()
    except ValueError:  # outside the config's directory (--config elsewhere): only name globs can match
        return absolute.name


@cache
def _glob(glob: str) -> Glob:
    # gitignore semantics: 'drafts/*.yaml' is anchored at the config's directory, a bare
    # '*.draft.yaml' matches in any directory, '**' crosses directories; matched in
    # polynomial time whatever the glob (config/globs.py).
    return compile_glob(glob)
