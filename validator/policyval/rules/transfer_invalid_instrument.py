"""A transfer relies on an instrument that can no longer legitimise it.

The CJEU declared the EU-US Safe Harbor decision (Decision 2000/520/EC) invalid in C-362/14
Schrems I (6 October 2015) and the EU-U.S. Privacy Shield decision (Implementing Decision (EU)
2016/1250) invalid in C-311/18 Schrems II (16 July 2020); the standard contractual clauses of
2001/2004 and 2010 were repealed by Implementing Decision (EU) 2021/914, with no reliance after
27 December 2022. A notice that still names one of them as the safeguard of a transfer states
no valid basis under GDPR Art. 44-46 and misinforms under Art. 13(1)(f) / 14(1)(f) ("reference
to the appropriate or suitable safeguards"). The instruments, judgments and dates come from
``policy/facts/invalid-instruments.json``; a safeguard is matched by its schema 1.1
``instrument`` or by its ``name`` (the table's ``detect_terms``).

Both judgments were handed down before the UK left the EU and bind under the UK GDPR too; the
old EU clauses stopped being usable under the UK GDPR on 21 March 2024 (ICO transitional
provisions). Under the UK GDPR alone (no EU GDPR profile running), the 2021 EU clauses without
the UK Addendum are not a UK transfer tool either (warning: the ICO's IDTA and Addendum are the
UK's Art. 46 clauses since 21 March 2022).

Severity: error. The rule fires only when the invalid instruments are all the transfer names:
beside a valid mechanism they are most often history ("relied on until July 2020"), and schema
1.1 has no field that tells a past instrument from a present one, so a finding there could be
contradicted by the text.

Verified (search, 2026-12-02): Schrems I and II and the decisions they invalidated
(ippt.eu IPPT20200716; eucrim.eu "CJEU Shatters Privacy Shield"); the IDTA and Addendum in
force on 21 March 2022 (ico.org.uk, international data transfer agreement and guidance); the old
clauses' UK longstop of 21 March 2024 (geldards.com, secondary); Schrems II binding in the UK
and the 2021 EU clauses not valid alone for UK transfers (twobirds.com, secondary).

Passing example::

    schema_version: "1.1"
    transfers:
      - countries: [US]
        safeguards:
          - mechanism: adequacy_decision
            instrument: eu_us_dpf

Failing example::

    schema_version: "1.1"
    transfers:
      - countries: [US]
        safeguards:
          - mechanism: adequacy_decision
            instrument: privacy_shield
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from policyval.findings import JsonPath, Severity
from policyval.policy import access, facts
from policyval.rules import _transfer
from policyval.rules.base import Context, Issue

ID = "transfer/invalid-instrument"
SEVERITY = Severity.ERROR
PROFILES = ("eu-gdpr", "uk-gdpr")
REFERENCE = (
    "GDPR Art. 44-46, 13(1)(f), 14(1)(f); CJEU C-362/14 (Schrems I), C-311/18 (Schrems II); "
    "Implementing Decision (EU) 2021/914 Art. 4; UK GDPR Art. 46, 13(1)(f)"
)
SUMMARY = "A transfer relies on Safe Harbor, the Privacy Shield or repealed standard contractual clauses."

_INSTEAD = {
    "eu-gdpr": (
        "rely on and name a valid mechanism instead: the EU-U.S. Data Privacy Framework for recipients "
        "certified under it (instrument: eu_us_dpf), or the 2021 standard contractual clauses (eu_scc_2021)"
    ),
    "uk-gdpr": (
        "rely on and name a valid UK mechanism instead: the UK Extension to the EU-U.S. Data Privacy Framework "
        "for certified US recipients (uk_extension_dpf), the ICO's IDTA (uk_idta) or the UK Addendum to the "
        "2021 EU clauses (uk_addendum)"
    ),
}
_UK_TOOLS = frozenset({"uk_idta", "uk_addendum"})


def _table_entry(safeguard: dict[str, Any]) -> dict[str, Any] | None:
    """The invalid-instruments entry a safeguard names, by instrument or by the words of its name."""
    table_id = _transfer.INVALID_INSTRUMENTS.get(str(safeguard.get("instrument")))
    if table_id:
        return facts.invalid_instrument(table_id)
    name = str(safeguard.get("name") or "").casefold()
    entries = facts.table("invalid-instruments")["instruments"]
    return next((e for e in entries if name and any(t.casefold() in name for t in e["detect_terms"])), None)


def _why(entry: dict[str, Any]) -> str:
    if entry["status"] == "invalid":
        return f"declared invalid on {entry['invalid_since']} by the {entry['by']}"
    # The UK's longstop for the old clauses (ICO transitional provisions) came later than the EU's.
    return (
        f"repealed by {entry['repealed_by']}, with no reliance after {entry.get('transition_end', 'its repeal')} "
        "(under the UK GDPR, after 2024-03-21)"
    )


def _valid_besides(transfer: dict[str, Any], dead: list[int]) -> bool:
    """Another safeguard, or a 1.0 mechanism of another kind than the dead ones, is named."""
    safeguards = access.items(transfer, "safeguards")
    alive = [s for j, s in enumerate(safeguards) if j not in dead and s.get("mechanism") != "none_stated"]
    dead_kinds = {safeguards[j].get("mechanism") for j in dead}
    listed = set(access.strings(transfer, "mechanisms")) - dead_kinds - {"none_stated"}
    return bool(alive or listed)


def _dead(transfer: dict[str, Any]) -> list[tuple[int, dict[str, Any]]]:
    found = [(j, _table_entry(s)) for j, s in access.indexed(transfer, "safeguards")]
    return [(j, e) for j, e in found if e is not None]


def _instead(ctx: Context) -> str:
    """What to rely on instead, under each law that runs (EU first, then the UK)."""
    return "; under the UK GDPR, ".join(_INSTEAD[r.profile] for r in _transfer.regimes(ctx))


def check(ctx: Context) -> Iterator[Issue]:
    for i, transfer in ctx.section("transfers"):
        dead = _dead(transfer)
        if dead:
            if not _valid_besides(transfer, [j for j, _ in dead]):
                yield _finding(ctx, i, dead)
        elif _transfer.regimes(ctx) == [_transfer.UK]:
            yield from _eu_clauses_alone(i, transfer)


def _finding(ctx: Context, i: int, dead: list[tuple[int, dict[str, Any]]]) -> Issue:
    paths: list[JsonPath] = [("transfers", i, "safeguards", j) for j, _ in dead]
    named = "; ".join(f"{e['name']} ({e['instrument']}), {_why(e)}" for _, e in dead)
    message = f"the transfer relies on {named}; {_instead(ctx)}"
    return Issue(message, paths[0], related=tuple(paths[1:]))


def _eu_clauses_alone(i: int, transfer: dict[str, Any]) -> Iterator[Issue]:
    if _UK_TOOLS & set(_transfer.instruments(transfer)):
        return
    for j, safeguard in access.indexed(transfer, "safeguards"):
        if safeguard.get("instrument") != "eu_scc_2021":
            continue
        message = (
            "the transfer relies on the 2021 EU standard contractual clauses alone, which are not a transfer tool "
            "under the UK GDPR; add the UK Addendum to them (instrument: uk_addendum) or use the ICO's IDTA (uk_idta)"
        )
        yield Issue(message, ("transfers", i, "safeguards", j), severity=Severity.WARNING)
        return
