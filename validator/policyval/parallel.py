"""Many files checked on several cores, with the very report a serial run gives.

Files go to worker processes in chunks, and results come back in the order the files
were found, so the report is identical to a serial run (tests/test_parallel.py). Only
a bounded number of chunks is in flight: results are streamed, not all held at once.

The semantic stage runs in the workers. On Linux they are forked, so the stage needs no
pickling; elsewhere it must pickle, or the run stays serial. A stage may keep per-file
results in dict attributes keyed by file name (``PER_FILE_STATE``, e.g. the rule engine's
``profiles``); the workers send those entries back into the parent's stage.
"""

from __future__ import annotations

import os
import sys
from collections import deque
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from policyval import core, schemas
from policyval.findings import Finding

if TYPE_CHECKING:  # multiprocessing and concurrent.futures load only for a parallel run
    from concurrent.futures import Future

CHUNK = 16  # files per task: enough to amortise the round trip, small enough to balance the cores
MIN_FILES = 48  # below this, starting workers costs more than it saves
IN_FLIGHT = 4  # chunks queued per worker: keeps the cores busy without holding every result
PER_FILE_STATE = ("profiles",)

Chunk = list[tuple[str, str]]
ChunkResult = tuple[list[tuple[str, list[Finding]]], dict[str, dict[str, Any]]]

_options = core.Options()
_stage: core.SemanticStage | None = None


def default_jobs() -> int:
    """The cores this process may run on (a container's CPU set, not the host's)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)  # pragma: no cover - platforms without affinity


def _context() -> Any:
    # fork: workers inherit the loaded schemas and the stage as they are. macOS and
    # Windows fork unsafely or not at all and keep their default (spawn).
    import multiprocessing

    return multiprocessing.get_context("fork" if sys.platform.startswith("linux") else None)


def worthwhile(options: core.Options, files: int, semantic: core.SemanticStage | None) -> bool:
    """Whether a run of ``files`` files should use worker processes."""
    if options.jobs <= 1 or files < MIN_FILES:
        return False
    if _context().get_start_method() == "fork":
        return True
    import pickle

    try:
        pickle.dumps((_for_workers(options), semantic))
    except Exception:  # a stage or hook that cannot travel to a spawned worker: check serially
        return False
    return True


def _for_workers(options: core.Options) -> core.Options:
    return replace(options, jobs=1, progress=None, emit=None)  # printing stays in this process


def _init(options: core.Options, semantic: core.SemanticStage | None) -> None:
    global _options, _stage
    _options, _stage = options, semantic


def _check(chunk: Chunk) -> ChunkResult:
    results = [(file, core.checked(file, Path(path), _options, _stage)) for file, path in chunk]
    state: dict[str, dict[str, Any]] = {}
    for name in PER_FILE_STATE:
        kept = getattr(_stage, name, None)
        if isinstance(kept, dict):
            state[name] = {file: kept.pop(file) for file, _ in chunk if file in kept}
    return results, state


def _merge(semantic: core.SemanticStage | None, state: dict[str, dict[str, Any]]) -> None:
    for name, entries in state.items():
        kept = getattr(semantic, name, None)
        if isinstance(kept, dict):
            kept.update(entries)


def _chunks(items: list[tuple[str, Path] | Finding]) -> Iterator[Finding | Chunk]:
    """Runs of up to CHUNK files, with each bad-path finding in its place between them."""
    chunk: Chunk = []
    for item in items:
        if isinstance(item, Finding):
            if chunk:
                yield chunk
                chunk = []
            yield item
            continue
        chunk.append((item[0], str(item[1])))
        if len(chunk) == CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def results(
    items: list[tuple[str, Path] | Finding], options: core.Options, semantic: core.SemanticStage | None
) -> Iterator[tuple[str | None, list[Finding]]]:
    """What ``core.run`` gets from a serial loop over ``items``, computed by ``options.jobs`` workers."""
    from concurrent.futures import Future, ProcessPoolExecutor

    for version in schemas.versions():  # compiled once here, inherited by forked workers
        schemas.surely_valid({}, version)
    worker_options = _for_workers(options)
    pending: deque[Finding | Future[ChunkResult]] = deque()
    pool = ProcessPoolExecutor(options.jobs, _context(), initializer=_init, initargs=(worker_options, semantic))
    try:
        for unit in _chunks(items):
            pending.append(unit if isinstance(unit, Finding) else pool.submit(_check, unit))
            while sum(1 for p in pending if isinstance(p, Future)) > options.jobs * IN_FLIGHT:
                yield from _drain_one(pending, semantic)
        while pending:
            yield from _drain_one(pending, semantic)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _drain_one(
    pending: deque[Finding | Future[ChunkResult]], semantic: core.SemanticStage | None
) -> Iterator[tuple[str | None, list[Finding]]]:
    head = pending.popleft()
    if isinstance(head, Finding):
        yield None, [head]
        return
    checked, state = head.result()
    _merge(semantic, state)
    yield from checked
