"""Evidence quotes should cover the source text, up to the share the configuration asks for.

A statement of the published text that no evidence quote covers may be one the encoding
left out, which is where omissions hide. This rule is opt-in: it runs only when the
configuration sets ``min-coverage`` (a percentage, as coverage.py's ``fail_under``), and
reports a policy whose evidence quotes cover less of its ``policy.source_text`` than that.
A sentence is covered when a quote includes part of it; the share is the covered sentences'
part of the text's length. Sentences that carry no information (headings, boilerplate) can
be left out of the count with ``policy.ignored_text: [{text, reason}]`` (schema 1.1).
``policyval coverage POLICY`` lists the uncovered sentences; an editor running
``policyval lsp`` marks them in the source text.

The examples are checked with ``min-coverage: 80``, against a two-sentence text.

Passing example::

    schema_version: "1.0"
    policy:
      source_text: tests/cases/invalid/evidence/low-coverage/notice.txt
      evidence: ["We keep your e-mail address for two years."]
    data_categories:
      - id: email
        evidence: ["We never sell it."]

Failing example::

    schema_version: "1.0"
    policy:
      source_text: tests/cases/invalid/evidence/low-coverage/notice.txt
      evidence: ["We keep your e-mail address for two years."]
"""

from __future__ import annotations

import math
from collections.abc import Iterator

from policyval.findings import Severity
from policyval.rules._coverage import Coverage, measure
from policyval.rules._evidence import SOURCE
from policyval.rules.base import Context, Issue

ID = "evidence/low-coverage"
SEVERITY = Severity.WARNING
PROFILES = ("baseline",)
REFERENCE = "policyval traceability"
SUMMARY = "Evidence quotes cover less of the source text than the configured min-coverage."

OPTION = "min-coverage"
_SHOWN = 60


def percent(share: float) -> str:
    """A share as a percentage, rounded down: 99.96% is not shown as complete."""
    return f"{math.floor(share * 1000) / 10:g}%"


def _first(found: Coverage) -> str:
    sentence = found.uncovered[0]
    line, column = found.position(sentence.start)
    text = sentence.text if len(sentence.text) <= _SHOWN else sentence.text[: _SHOWN - 3] + "..."
    return f"the first at line {line}, column {column}: '{text}'"


def check(ctx: Context) -> Iterator[Issue]:
    wanted = ctx.options.get(OPTION)
    if not isinstance(wanted, (int, float)) or isinstance(wanted, bool):
        return  # opt-in: no threshold configured
    found = measure(ctx)
    if not isinstance(found, Coverage) or found.share * 100 >= wanted:
        return  # nothing cited, or evidence/source-not-found says why
    left = len(found.uncovered)
    yield Issue(
        f"evidence quotes cover {percent(found.share)} of {found.cited}, under the configured {OPTION} of "
        f"{wanted:g}%: {left} of {found.counted} sentences are covered by no quote, {_first(found)}; quote what "
        "they state as evidence, or list headings and boilerplate in policy.ignored_text with a reason "
        "(policyval coverage lists them all)",
        SOURCE,
    )
