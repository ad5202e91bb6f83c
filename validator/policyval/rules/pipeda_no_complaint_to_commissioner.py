"""A PIPEDA policy may tell people they can complain to the Privacy Commissioner of Canada.

PIPEDA s. 11(1): "An individual may file with the Commissioner a written complaint against an
organization for contravening a provision of Division 1 or 1.1 or for not following a
recommendation set out in Schedule 1" (proteuscyber's copy of the Act). Schedule 1, 4.10.3:
organizations "shall inform individuals who make inquiries or lodge complaints of the
existence of relevant complaint procedures" — a duty owed to those who complain, when they
complain, not a content of the notice; the OPC's guidance on principle 10 (priv.gc.ca, read)
asks businesses to "tell complainants about their avenues of recourse", the OPC among them.
Neither makes silence in the notice a breach, so this is info. Declare ``right: complaint``
with ``authority`` naming the Office of the Privacy Commissioner of Canada.

Passing example::

    schema_version: "1.1"
    rights:
      - right: complaint
        authority:
          name: Office of the Privacy Commissioner of Canada
          country: CA
          url: https://www.priv.gc.ca

Failing example::

    schema_version: "1.1"
    rights:
      - right: challenge_compliance
        exercise_via: [controller]
"""

from __future__ import annotations

from collections.abc import Iterator

from policyval.findings import Severity
from policyval.policy import access
from policyval.rules.base import Context, Issue, where_missing

ID = "pipeda/no-complaint-to-commissioner"
SEVERITY = Severity.INFO
PROFILES = ("ca-pipeda",)
REFERENCE = "PIPEDA s. 11(1); Sch. 1, 4.10.3"
SUMMARY = "Recourse to the Privacy Commissioner of Canada is not mentioned."

NAMES = ("privacy commissioner of canada", "commissariat à la protection de la vie privée", "priv.gc.ca")


def _names_opc(right: dict[str, object]) -> bool:
    authority = access.mapping(right, "authority")
    said = " ".join(str(authority.get(k) or "") for k in ("name", "url", "url_as_written")).lower()
    return any(name in said for name in NAMES)


def check(ctx: Context) -> Iterator[Issue]:
    if any(r.get("right") == "complaint" and _names_opc(r) for _, r in ctx.section("rights")):
        return
    path, key = where_missing(ctx, "rights")
    message = (
        "the policy does not mention that a complaint can be made to the Privacy Commissioner of Canada; consider "
        "adding right: complaint with authority {name: Office of the Privacy Commissioner of Canada, url: "
        "https://www.priv.gc.ca}"
    )
    yield Issue(message, path, key=key)
