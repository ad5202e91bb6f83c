"""Many files checked on several cores, with the very results a serial run gives.

Files go to worker processes in chunks, and results come back in the order the files were
found, so the report is identical to a serial run (tests/test_parallel.py). Only a bounded
number of chunks is in flight: results are streamed, not all held at once. A worker gets the
plan as it is (plain data) and sends back whole :class:`~policyval.check.result.Result`
objects, profiles included.
"""

from __future__ import annotations

import os
import sys
from collections import deque
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from policyval.check import pipeline
from policyval.check.plan import Plan
from policyval.check.result import Result
from policyval.findings import Finding
from policyval.policy import schemas

if TYPE_CHECKING:  # multiprocessing and concurrent.futures load only for a parallel run
    from concurrent.futures import Future

CHUNK = 16  # files per task: enough to amortise the round trip, small enough to balance the cores
MIN_FILES = 48  # below this, starting workers costs more than it saves
IN_FLIGHT = 4  # chunks queued per worker: keeps the cores busy without holding every result

Chunk = list[tuple[str, str]]

_plan = Plan()
_parent = os.getpid()  # the process that runs the pool, for a worker to see it has died


def default_jobs() -> int:
    """The cores this process may run on (a container's CPU set, not the host's)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)  # pragma: no cover - platforms without affinity


def _context() -> Any:
    # fork: workers inherit the loaded schemas and the plan as they are. macOS and Windows
    # fork unsafely or not at all and keep their default (spawn).
    import multiprocessing

    return multiprocessing.get_context("fork" if sys.platform.startswith("linux") else None)


def worthwhile(plan: Plan, files: int) -> bool:
    """Whether a run of ``files`` files should use worker processes."""
    if plan.jobs <= 1 or files < MIN_FILES:
        return False
    if _context().get_start_method() == "fork":
        return True
    import pickle

    try:
        pickle.dumps(plan)
    except Exception:  # a configuration object that cannot travel to a spawned worker: check serially
        return False
    return True


def _init(plan: Plan) -> None:
    global _plan
    _plan = plan
    _die_with_parent()


def _die_with_parent() -> None:
    """A worker never outlives the run, and never reports a signal meant for the run.

    Ctrl-C reaches every process of the terminal's group: the parent stops the run and says so
    in one line, so a worker ignores SIGINT (no traceback per worker). SIGTERM ends a worker
    at once, whatever handler it inherited from the parent. And on Linux the kernel sends a
    worker SIGTERM when its parent dies, even by SIGKILL, so none is left running.
    """
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if sys.platform.startswith("linux"):
        import ctypes

        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(1, signal.SIGTERM, 0, 0, 0)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):  # pragma: no cover - a libc without prctl
            pass
        if os.getppid() != _parent:  # the parent died before the line above took effect
            os._exit(1)


def _check(chunk: Chunk) -> list[Result]:
    return [pipeline.check_path(file, Path(path), _plan) for file, path in chunk]


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


def results(items: list[tuple[str, Path] | Finding], plan: Plan) -> Iterator[Result]:
    """What a serial loop over ``items`` gives, computed by ``plan.jobs`` workers."""
    from concurrent.futures import Future, ProcessPoolExecutor

    for version in schemas.versions():  # compiled once here, inherited by forked workers
        schemas.surely_valid({}, version)
    pending: deque[Finding | Future[list[Result]]] = deque()
    global _parent
    _parent = os.getpid()
    pool = ProcessPoolExecutor(plan.jobs, _context(), initializer=_init, initargs=(plan,))
    try:
        for unit in _chunks(items):
            pending.append(unit if isinstance(unit, Finding) else pool.submit(_check, unit))
            while sum(1 for p in pending if isinstance(p, Future)) > plan.jobs * IN_FLIGHT:
                yield from _drain_one(pending)
        while pending:
            yield from _drain_one(pending)
    except BaseException:
        _stop(pool)  # Ctrl-C, SIGTERM, a reporter that failed, a consumer that stopped early
        raise
    pool.shutdown(wait=True)


def _stop(pool: Any) -> None:
    """End the workers now: waiting for their chunks would keep an interrupted run alive."""
    # The executor offers no way to end running work; its process table is the only handle.
    for process in list((getattr(pool, "_processes", None) or {}).values()):
        process.terminate()
    pool.shutdown(wait=True, cancel_futures=True)


def _drain_one(pending: deque[Finding | Future[list[Result]]]) -> Iterator[Result]:
    head = pending.popleft()
    if isinstance(head, Finding):
        yield Result.unopened(head)
        return
    yield from head.result()
