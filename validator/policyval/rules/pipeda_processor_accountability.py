"""A PIPEDA policy may say that its service providers are bound to protect the information.

PIPEDA Sch. 1, 4.1.3: "An organization is responsible for personal information in its
possession or custody, including information that has been transferred to a third party for
processing. The organization shall use contractual or other means to provide a comparable
level of protection while the information is being processed by a third party" (quoted
identically by two copies citing laws-lois). The contracts are internal, and 4.8.2 does not
list them among what an organization makes available: a notice that is silent on them
breaks no duty, so this is info. It fires when a recipient with role ``processor`` or
``sub_processor`` has no ``obligations`` (schema 1.1: ``processing_agreement``,
``security_measures``, ``purpose_limited``, ...). Schema 1.0 has no ``obligations``, so the
rule does not run on 1.0 documents.

Passing example::

    schema_version: "1.1"
    recipients:
      - id: hosting
        role: processor
        category: cloud hosting
        obligations:
          - obligation: processing_agreement
            description: bound by contract to protect the information as we do

Failing example::

    schema_version: "1.1"
    recipients:
      - id: hosting
        role: processor
        category: cloud hosting
"""

from __future__ import annotations

from collections.abc import Iterator

from policyval.findings import Severity
from policyval.rules.base import Context, Issue, quoted

ID = "pipeda/processor-accountability-not-stated"
SEVERITY = Severity.INFO
PROFILES = ("ca-pipeda",)
REFERENCE = "PIPEDA Sch. 1, 4.1.3"
SUMMARY = "Service providers process personal information, and the policy does not say how they are bound."

PROCESSORS = frozenset({"processor", "sub_processor"})


def check(ctx: Context) -> Iterator[Issue]:
    if str(ctx.data.get("schema_version")) == "1.0":
        return
    found = [(i, r) for i, r in ctx.section("recipients") if r.get("role") in PROCESSORS and not r.get("obligations")]
    if not found:
        return
    names = quoted(str(r.get("id") or r.get("name") or r.get("category")) for _, r in found)
    message = (
        f"service provider(s) {names} process personal information for the organization, and the policy does not "
        "say how they are bound to protect it; consider saying that contracts require a comparable level of "
        "protection (obligations: [{obligation: processing_agreement}])"
    )
    paths = [("recipients", i) for i, _ in found]
    yield Issue(message, paths[0], related=tuple(paths[1:]))
