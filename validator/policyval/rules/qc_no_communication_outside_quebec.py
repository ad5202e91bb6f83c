"""A Québec policy must say that personal information may be communicated outside Québec.

CQLR c. P-39.1, s. 8 second paragraph (as amended by S.Q. 2021, c. 25; read on legisquebec):
"If applicable, the person concerned is informed of ... the possibility that the information
could be communicated outside Québec." s. 8 opens with "must ... inform": an error when the
policy itself shows the communication (a recipient located outside Canada) and describes no
transfer. The privacy impact assessment and the written agreement s. 17 requires before
communicating outside Québec (legisquebec, s. 17) are internal documents a notice cannot
show; they are not checked. A recipient's province is not a field of schema 1.1 (only its
country), so a recipient elsewhere in Canada is not seen.

Passing example::

    schema_version: "1.1"
    recipients:
      - id: hosting
        role: processor
        category: cloud hosting
        country: US
    transfers:
      - id: us
        countries: [US]
        recipients: [hosting]
        mechanisms: [other_safeguards]

Failing example::

    schema_version: "1.1"
    recipients:
      - id: affiliate
        role: group_company
        category: our affiliate in Serbia
        country: RS
"""

from __future__ import annotations

from collections.abc import Iterator

from policyval.findings import Severity
from policyval.rules import _abroad
from policyval.rules.base import Context, Issue

ID = "qc/no-communication-outside-quebec"
SEVERITY = Severity.ERROR
PROFILES = ("ca-qc-law25",)
REFERENCE = "CQLR c. P-39.1, s. 8 para. 2, s. 17"
SUMMARY = "Recipients outside Québec, and no statement that information may be communicated outside Québec."


def check(ctx: Context) -> Iterator[Issue]:
    found = _abroad.uncovered(ctx)
    if not found:
        return
    message = (
        f"recipient(s) {_abroad.names(found)} are outside Québec, but the policy does not say that personal "
        "information may be communicated outside Québec; add a transfers entry with the countries (or "
        "regions: [outside_home_country]) and the recipients concerned"
    )
    paths = [("recipients", i) for i, _ in found]
    yield Issue(message, paths[0], related=tuple(paths[1:]))
