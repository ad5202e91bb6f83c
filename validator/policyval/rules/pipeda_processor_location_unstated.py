"""Service providers used, and nothing said about where they process the information.

PIPEDA Sch. 1, 4.1.3: an organization "is responsible for personal information in its
possession or custody, including information that has been transferred to a third party for
processing". The OPC's Guidelines for processing personal data across borders (2009) ask
organizations to make it plain to individuals that their information "may be processed in a
foreign country" (see ``pipeda/foreign-processing-not-disclosed``, which reports a provider
the policy itself places abroad). Where the policy names processors but says nothing of
where any of them works (no ``country`` on a recipient, no ``transfers``), the reader cannot
tell whether the information leaves Canada.

Severity: info. The duty to tell arises only if the processing happens abroad, which the
text may not know how to say; the note asks the author to find out and say so either way.

Passing example::

    schema_version: "1.1"
    recipients:
      - id: sms
        role: processor
        category: an SMS provider
        country: CA

Failing example::

    schema_version: "1.1"
    recipients:
      - id: sms
        role: processor
        category: an SMS provider
"""

from __future__ import annotations

from collections.abc import Iterator

from policyval.findings import Severity
from policyval.rules.base import Context, Issue, quoted

ID = "pipeda/processor-location-unstated"
SEVERITY = Severity.INFO
PROFILES = ("ca-pipeda",)
REFERENCE = "PIPEDA Sch. 1, 4.1.3; OPC Guidelines for processing personal data across borders (2009)"
SUMMARY = "Processors are used, and the policy says nothing of where they process the information."


def check(ctx: Context) -> Iterator[Issue]:
    recipients = ctx.section("recipients")
    if ctx.section("transfers") or any(r.get("country") for _, r in recipients):
        return
    processors = [(i, r) for i, r in recipients if r.get("role") == "processor"]
    if not processors:
        return
    names = quoted(str(r.get("name") or r.get("category") or r.get("id")) for _, r in processors)
    yield Issue(
        f"the policy uses service providers ({names}) but does not say where they process personal information; "
        "find out, and say whether it may be processed outside Canada (transfers, or each recipient's country)",
        ("recipients", processors[0][0]),
        related=tuple(("recipients", i) for i, _ in processors[1:]),
    )
