"""Every purpose needs a legal basis.

GDPR Art. 13(1)(c) and 14(1)(c) require "the purposes of the processing ... as well as the
legal basis for the processing" for each purpose. Give the Art. 6(1) basis (and, for
special-category data, the Art. 9(2) condition) in the purpose's ``legal_bases``, or (schema
1.1) name the purpose in a policy-level basis's ``purposes``. A policy-level basis the text
ties to no purpose (``unmapped: true``) does not say which purposes rest on it.

One omission, one finding: when several purposes lack a basis (a text that lists its bases
in one paragraph and maps none to a purpose, or names no basis at all) the finding is
reported once, at the first such purpose, naming them all (SARIF lists the others as related
locations); a single purpose without a basis is reported on its own.

Passing example::

    schema_version: "1.0"
    purposes:
      - id: orders
        legal_bases:
          - basis: eu-gdpr:A6-1-b

Failing example::

    schema_version: "1.0"
    purposes:
      - id: orders
        description: Delivering orders
"""

from __future__ import annotations

from collections.abc import Iterator

from policyval.findings import Severity
from policyval.rules.base import Context, Issue, quoted

ID = "basis/no-legal-basis"
SEVERITY = Severity.ERROR
PROFILES = ("eu-gdpr", "uk-gdpr")
REFERENCE = "GDPR Art. 13(1)(c), 14(1)(c); UK GDPR Art. 13(1)(c), 14(1)(c)"
SUMMARY = "A purpose without a legal basis."


_FIX = "add it to legal_bases (e.g. basis: eu-gdpr:A6-1-b for a contract)"


def _named(ids: list[str]) -> str:
    shown = quoted(ids[:8])
    return shown + (f" and {len(ids) - 8} more" if len(ids) > 8 else "")


def _grouped(ctx: Context, ids: list[str]) -> str:
    stated = sorted({basis for _, basis in ctx.legal_bases()})
    if stated:
        return (
            f"the policy states legal bases ({', '.join(stated[:4])}{', ...' if len(stated) > 4 else ''}) but ties "
            f"none to {len(ids)} purposes ({_named(ids)}); for each purpose state the GDPR Art. 6(1) basis it rests "
            f"on and {_FIX}, or (schema 1.1) list the purposes under each policy-level basis"
        )
    return (
        f"{len(ids)} purposes have no legal basis ({_named(ids)}); state the GDPR Art. 6(1) basis of each in the "
        f"policy and {_FIX}"
    )


def check(ctx: Context) -> Iterator[Issue]:
    missing = [(i, str(p.get("id"))) for i, p in ctx.section("purposes") if not ctx.bases_of(p)]
    if len(missing) == 1:
        i, name = missing[0]
        message = f"purpose '{name}' has no legal basis; state its GDPR Art. 6(1) basis in the policy and {_FIX}"
        yield Issue(message, ("purposes", i))
    elif missing:
        related = tuple(("purposes", i) for i, _ in missing[1:])
        yield Issue(_grouped(ctx, [name for _, name in missing]), ("purposes", missing[0][0]), related=related)
