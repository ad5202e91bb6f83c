"""Every evidence quote must occur in the source text it cites.

Each statement's ``evidence`` quotes the published policy (``policy.source_text``), so a
reviewer can check the encoding against the prose. A quote that does not occur in the
source, with whitespace normalised, means the encoding or the published text has
drifted: re-copy the quote, or update the statement to what the text now says.

Passing example::

    schema_version: "1.0"
    policy:
      source_text: seeds/001_5f6149d934cf7e1f.txt
      evidence: ["Our primary goal in collecting your Customer Information"]

Failing example::

    schema_version: "1.0"
    policy:
      source_text: seeds/001_5f6149d934cf7e1f.txt
      evidence: ["We never share your data with anyone."]
"""

from __future__ import annotations

from collections.abc import Iterator

from policyval.findings import Severity
from policyval.rules._evidence import locate, matched_prefix, normalise, quotes
from policyval.rules.base import Context, Issue, SourceError

ID = "evidence/quote-not-in-source"
SEVERITY = Severity.ERROR
PROFILES = ("baseline",)
REFERENCE = "policyval traceability"
SUMMARY = "An evidence quote does not occur in the source text it cites."


_SHOWN = 40


def _message(quote: str, text: str, cited: str) -> str:
    start = matched_prefix(quote, text)
    where = ""
    if len(start) >= 10:  # a short prefix matches by chance; say nothing then
        tail = start[-_SHOWN:]
        where = f" (it matches only up to '...{tail}')" if len(start) > _SHOWN else f" (it matches only up to '{tail}')"
    return (
        f"this quote does not occur in {cited}{where}; copy it verbatim from the source text, "
        "or update the statement to what the text says"
    )


def check(ctx: Context) -> Iterator[Issue]:
    found = locate(ctx)
    if found is None or found.path is None:
        return  # no source, or evidence/source-not-found says why (and nothing outside is read)
    try:
        text = normalise(ctx.sources.read(found.path))
    except SourceError:
        return
    verdicts: dict[str, str | None] = {}  # a repeated quote is searched for once
    for path, quote in quotes(ctx.data):
        wanted = normalise(quote)
        if wanted not in verdicts:
            verdicts[wanted] = None if wanted in text else _message(wanted, text, found.cited)
        if (message := verdicts[wanted]) is not None:
            yield Issue(message, path)
