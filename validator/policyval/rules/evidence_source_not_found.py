"""The source text a policy cites must exist.

``policy.source_text`` names the plain-text policy the document encodes; the evidence
quotes are checked against it (``evidence/quote-not-in-source``). A relative path is
looked up in the policy file's directory and each of its ancestors, nearest first (so
``seeds/x.txt`` is found from ``policies/`` in a repository that has ``seeds/``). When it
cannot be found or read as UTF-8 text, no quote can be checked.

Passing example::

    schema_version: "1.0"
    policy:
      source_text: seeds/001_5f6149d934cf7e1f.txt

Failing example::

    schema_version: "1.0"
    policy:
      source_text: seeds/no-such-policy.txt
"""

from __future__ import annotations

from collections.abc import Iterator

from policyval.findings import Severity
from policyval.rules._evidence import SOURCE, source_path
from policyval.rules.base import Context, Issue

ID = "evidence/source-not-found"
SEVERITY = Severity.ERROR
PROFILES = ("baseline",)
REFERENCE = "policyval traceability"
SUMMARY = "The source text named by policy.source_text cannot be found or read."


def check(ctx: Context) -> Iterator[Issue]:
    found = source_path(ctx)
    if found is None:
        return
    cited, path = found
    if path is None:
        message = (
            f"source text '{cited}' is not found next to this policy or in any folder above it; "
            "correct the path (relative to the repository root) or add the file"
        )
        yield Issue(message, SOURCE)
    elif ctx.read_source(path) is None:
        yield Issue(f"source text '{cited}' cannot be read as UTF-8 text; save it as UTF-8", SOURCE)
