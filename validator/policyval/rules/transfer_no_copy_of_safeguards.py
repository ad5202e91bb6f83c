"""A transfer under appropriate safeguards does not say how to get a copy of them.

GDPR Art. 13(1)(f) and 14(1)(f): "in the case of transfers referred to in Article 46 or 47, or
the second subparagraph of Article 49(1), reference to the appropriate or suitable safeguards and
the means by which to obtain a copy of them or where they have been made available". The UK GDPR
keeps the duty (after the Data (Use and Access) Act 2025: "the safeguards relied on and the means
by which to obtain a copy of them").

Schema 1.1 records the means as ``transfers[].safeguards[].obtain_copy`` (contacts, channels, a
URL, or the text's words). A safeguard of Art. 46/47 (standard contractual clauses, the IDTA or the
UK Addendum, binding corporate rules, a code of conduct, a certification, other safeguards) with
no ``obtain_copy`` fires, unless another transfer's safeguard of the same instrument (or, when none
is named, the same kind) gives one: "copies of our standard contractual clauses can be requested
from our DPO" serves every transfer under them. Adequacy and derogations need no copy. One
finding per transfer names the safeguards it lacks a copy of.

Schema 1.0 has no field for the means, so the rule runs on 1.1 documents only (a 1.0 document
cannot show it either way).

Severity: error ("shall ... provide").

Verified (search, 2026-12-02): Art. 13(1)(f) (iproperty.hu and dr-dsgvo.de copies of the GDPR;
odo24.pl Art. 14(1)(f)); the UK wording after DUAA Sch. 9 para 2 is from the researcher's notes
(legislation.gov.uk), not re-read here.

Passing example::

    schema_version: "1.1"
    transfers:
      - countries: [US]
        safeguards:
          - mechanism: standard_contractual_clauses
            instrument: eu_scc_2021
            obtain_copy:
              url: https://example.com/privacy/scc

Failing example::

    schema_version: "1.1"
    transfers:
      - countries: [US]
        safeguards:
          - mechanism: standard_contractual_clauses
            instrument: eu_scc_2021
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from policyval.findings import JsonPath, Severity
from policyval.policy import access, terms
from policyval.rules import _transfer
from policyval.rules.base import Context, Issue, quoted

ID = "transfer/no-copy-of-safeguards"
SEVERITY = Severity.ERROR
PROFILES = ("eu-gdpr", "uk-gdpr")
REFERENCE = "GDPR Art. 13(1)(f), 14(1)(f); UK GDPR Art. 13(1)(f), 14(1)(f)"
SUMMARY = "A transfer relies on safeguards (clauses, binding corporate rules, ...) with no way to obtain a copy."


def _key(safeguard: dict[str, Any]) -> str:
    """What a copy is a copy of: the instrument when named, else the kind of mechanism."""
    return str(safeguard.get("instrument") or safeguard.get("mechanism"))


def _has_copy(safeguard: dict[str, Any]) -> bool:
    copy = access.mapping(safeguard, "obtain_copy")
    return bool(copy.get("exercise_via") or terms.reachable(copy.get("channels")) or copy.get("url")) or bool(
        str(copy.get("description") or "").strip()
    )


def _copied(ctx: Context) -> set[str]:
    """Instruments and kinds whose copy some safeguard of the policy says how to obtain."""
    found: set[str] = set()
    for _, transfer in ctx.section("transfers"):
        for safeguard in access.items(transfer, "safeguards"):
            if _has_copy(safeguard):
                found.add(_key(safeguard))
    return found


def _lacking(transfer: dict[str, Any], copied: set[str], i: int) -> list[tuple[JsonPath, str]]:
    """(path, words) of each Art. 46/47 safeguard of a transfer whose copy nobody says how to get."""
    out: list[tuple[JsonPath, str]] = []
    kinds = set()
    for j, safeguard in access.indexed(transfer, "safeguards"):
        kinds.add(safeguard.get("mechanism"))
        if safeguard.get("mechanism") in _transfer.ART46_MECHANISMS and _key(safeguard) not in copied:
            words = str(safeguard.get("name") or terms.words(_key(safeguard)))
            out.append((("transfers", i, "safeguards", j), words))
    for j, kind in enumerate(access.strings(transfer, "mechanisms")):
        if kind in _transfer.ART46_MECHANISMS and kind not in kinds and kind not in copied:
            out.append((("transfers", i, "mechanisms", j), terms.words(kind)))
    return out


def check(ctx: Context) -> Iterator[Issue]:
    if str(ctx.data.get("schema_version")) == "1.0":
        return
    copied = _copied(ctx)
    for i, transfer in ctx.section("transfers"):
        lacking = _lacking(transfer, copied, i)
        if lacking:
            named = quoted(words for _, words in lacking)
            message = (
                f"the transfer relies on {named} but does not say how to obtain a copy; add obtain_copy to the "
                "safeguard: where they are published (url) or how to ask for them (e.g. exercise_via: [dpo])"
            )
            yield Issue(message, lacking[0][0], related=tuple(path for path, _ in lacking[1:]))
