"""The source text a policy cites must exist.

``policy.source_text`` names the plain-text policy the document encodes; the evidence
quotes are checked against it (``evidence/quote-not-in-source``). A relative path is
looked up in the policy file's directory and each of its ancestors, nearest first (so
``seeds/x.txt`` is found from ``policies/`` in a repository that has ``seeds/``). When it
cannot be found or read as UTF-8 text, no quote can be checked.

Only files inside the policy's repository are read: the nearest folder above the policy that
holds ``.git``, else the folder of its configuration file, else the policy's own folder. A
path that leads outside (an absolute path elsewhere, ``../``, a symlink) is reported here and
never opened, so a policy cannot make policyval read files from the machine it runs on.
Source texts are read as policies are: regular files only, at most ``--max-bytes``.

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
from policyval.rules._evidence import SOURCE, locate
from policyval.rules.base import Context, Issue, SourceError

ID = "evidence/source-not-found"
SEVERITY = Severity.ERROR
PROFILES = ("baseline",)
REFERENCE = "policyval traceability"
SUMMARY = "The source text named by policy.source_text cannot be found or read."


def check(ctx: Context) -> Iterator[Issue]:
    found = locate(ctx)
    if found is None:
        return
    if found.path is None:
        yield Issue(found.problem, SOURCE)
        return
    try:
        ctx.sources.read(found.path)
    except SourceError as exc:
        yield Issue(f"source text '{found.cited}' cannot be used: {exc}", SOURCE)
