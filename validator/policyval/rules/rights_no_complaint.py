"""People must be told they can complain to a supervisory authority.

GDPR Art. 13(2)(d) and 14(2)(e) require "the right to lodge a complaint with a
supervisory authority" (Art. 77), whatever the legal basis. Declare ``right: complaint``,
ideally with the ``authority`` (name, country, website).

Under the UK GDPR the authority is the Information Commissioner (the ICO; renamed the Information
Commission by the Data (Use and Access) Act 2025): when the uk-gdpr profile runs and every
complaint right names an authority, none of them the ICO (country GB, or a name such as
"Information Commissioner's Office", "ICO", "Information Commission"), people in the UK are not
told where they can complain (warning: the right itself is stated). A complaint right that names
no authority passes under both laws.

Verified (search, 2026-12-02): the right of complaint under the UK GDPR is to the ICO
(lexisnexis.co.uk, "Data protection complaints"); the UK Art. 13 text (mishcon.com/uk-gdpr/article-13).

Passing example::

    schema_version: "1.1"
    rights:
      - right: complaint
        authority:
          name: CNIL
          country: FR
          url: https://www.cnil.fr
      - right: complaint
        jurisdictions: [GB]
        authority:
          name: Information Commissioner's Office
          url: https://ico.org.uk

Failing example::

    schema_version: "1.0"
    rights:
      - right: access
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from policyval.findings import Severity
from policyval.policy import access
from policyval.rules.base import Context, Issue, where_missing

ID = "rights/no-complaint"
SEVERITY = Severity.ERROR
PROFILES = ("eu-gdpr", "uk-gdpr")
REFERENCE = "GDPR Art. 77, 13(2)(d), 14(2)(e); UK GDPR Art. 77, 13(2)(d), 14(2)(e)"
SUMMARY = "The right to complain to a supervisory authority is not stated."


_ICO = "{name: Information Commissioner's Office, country: GB, url: https://ico.org.uk}"


def _uk_authority(authority: dict[str, Any]) -> bool:
    """The ICO by country or by name (its 2025 name, the Information Commission, too)."""
    name = str(authority.get("name") or "").casefold()
    return authority.get("country") == "GB" or name == "ico" or "information commission" in name


def _example(ctx: Context) -> str:
    if "eu-gdpr" not in ctx.profiles:
        return f"the Information Commissioner's Office: authority: {_ICO}"
    if "uk-gdpr" in ctx.profiles:
        return "e.g. the CNIL in France, and the ICO for people in the UK"
    return "e.g. the CNIL in France"


def check(ctx: Context) -> Iterator[Issue]:
    if "complaint" not in ctx.rights():
        path, key = where_missing(ctx, "rights")
        message = (
            "the right to lodge a complaint with a supervisory authority is not stated; "
            f"add right: complaint, with the authority ({_example(ctx)})"
        )
        yield Issue(message, path, key=key)
    elif "uk-gdpr" in ctx.profiles:
        yield from _no_ico(ctx)


def _no_ico(ctx: Context) -> Iterator[Issue]:
    complaints = [(i, r) for i, r in ctx.section("rights") if r.get("right") == "complaint"]
    named = [(i, access.mapping(r, "authority")) for i, r in complaints]
    if any(not a or _uk_authority(a) for _, a in named):
        return
    names = ", ".join(str(a.get("name") or a.get("country")) for _, a in named)
    message = (
        f"the right to complain names {names} only; under the UK GDPR people complain to the Information "
        f"Commissioner's Office: add a right: complaint with authority: {_ICO}"
    )
    yield Issue(message, ("rights", named[0][0], "authority"), severity=Severity.WARNING)
