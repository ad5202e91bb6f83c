"""Many paths, one run: every file through the pipeline, serially or in worker processes,
each result handed to a reporter as it comes."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from pathlib import Path

from policyval.check import parallel, pipeline, source
from policyval.check.plan import Plan
from policyval.check.result import Collect, Reporter, Result, Summary
from policyval.findings import Finding

Progress = Callable[[int, int], None]  # (files done, files in all)


def run(
    paths: Iterable[str],
    plan: Plan,
    reporter: Reporter,
    progress: Progress | None = None,
    keep: Callable[[str], bool] | None = None,
) -> Summary:
    """Check every policy under ``paths`` (those ``keep`` keeps, when given: ``--exclude``);
    each result goes to ``reporter`` as it comes.

    One bad file never stops the others. A broken configuration comes back with every file
    it governs, and is reported once (at its first file).
    """
    # Names only; each file is read when its turn comes.
    items = [i for i in source.discover(paths) if keep is None or isinstance(i, Finding) or keep(i[0])]
    total = sum(1 for item in items if not isinstance(item, Finding))
    summary, seen = Summary(), set[Finding]()
    for result in _results(items, plan, total):
        result = _once(result, seen)
        summary.add(result)
        if progress is not None and result.checked:
            progress(len(summary.files), total)
        reporter.file(result)
    reporter.end(summary)
    return summary


def _results(items: list[tuple[str, Path] | Finding], plan: Plan, total: int) -> Iterator[Result]:
    """A result per item, in ``items`` order."""
    if parallel.worthwhile(plan, total):
        yield from parallel.results(items, plan)
        return
    for item in items:
        yield Result.unopened(item) if isinstance(item, Finding) else pipeline.check_path(item[0], item[1], plan)


def _once(result: Result, seen: set[Finding]) -> Result:
    config = [f for f in result.findings if f.rule.startswith("config/")]
    if not config:
        return result
    kept = tuple(f for f in result.findings if not (f.rule.startswith("config/") and f in seen))
    seen.update(config)
    return result if len(kept) == len(result.findings) else replace(result, findings=kept)


def collect(paths: Iterable[str], plan: Plan) -> Collect:
    """Every result of a run, kept (the API, the publishing commands and tests)."""
    kept = Collect()
    run(paths, plan, kept)
    return kept
