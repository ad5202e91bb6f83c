"""Data people give: must they give it, why, and what if they do not?

GDPR Art. 13(2)(e) requires "whether the provision of personal data is a statutory or
contractual requirement, or a requirement necessary to enter into a contract, as well as
whether the data subject is obliged to provide the personal data and of the possible
consequences of failure to provide such data" (text verified on GDPRhub, Article 13 GDPR;
Recital 60: the person "should also be informed whether he or she is obliged to provide the
personal data and of the consequences, where he or she does not provide such data"; the UK
GDPR Art. 13(2)(e) has the same wording). Art. 14 has no such item: data obtained from
others is not "provided", so only data categories whose ``sources`` include
``data_subject`` are checked (observed or third-party data is left out).

Two findings at most, each naming every category concerned:

* data the person provides with no word on whether it is required (``requirement`` absent or
  ``not_stated``, and no schema 1.1 ``obligation`` on it or on a purpose that uses it);
* data said to be ``mandatory`` with nothing on why or on what follows from not giving it
  (no ``obligation``: ``requirement_basis``, ``consequences`` or a description such as
  "needed to create an account", which says both).

The second needs schema 1.1's ``obligation``: a 1.0 document cannot record why data is
required, so it is checked on the first point only.

``requirement: optional`` is an answer (nothing follows from not giving optional data).
Severity: error, Art. 13(2)(e) is a "shall provide" item.

Passing example::

    schema_version: "1.1"
    data_categories:
      - id: email
        sources: [data_subject]
        requirement: mandatory
        obligation:
          requirement_basis: [contract_entry]
          consequences: we cannot create your account
      - id: phone
        sources: [data_subject]
        requirement: optional

Failing example::

    schema_version: "1.0"
    data_categories:
      - id: email
        sources: [data_subject]
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from policyval.findings import Severity
from policyval.policy import access, terms
from policyval.rules.base import Context, Issue, quoted

ID = "info/no-requirement-statement"
SEVERITY = Severity.ERROR
PROFILES = ("eu-gdpr", "uk-gdpr")
REFERENCE = "GDPR Art. 13(2)(e); Recital 60; UK GDPR Art. 13(2)(e)"
SUMMARY = "Data people provide without saying whether they must, why, and what follows if they do not."


def _obligation_stated(ctx: Context, category: dict[str, Any]) -> bool:
    """An obligation on the category, or on a purpose that uses it, that says something."""
    found = [access.mapping(category, "obligation")]
    found += [
        access.mapping(p, "obligation")
        for _, p in ctx.section("purposes")
        if category.get("id") in (p.get("data_categories") or [])
    ]
    return any(o.get(k) for o in found for k in ("requirement_basis", "consequences", "description"))


def _grouped(rows: list[tuple[int, dict[str, Any]]], message: str) -> Issue:
    i = rows[0][0]
    names = quoted(str(c.get("id")) for _, c in rows)
    return Issue(
        message.format(names=names), ("data_categories", i), related=tuple(("data_categories", j) for j, _ in rows[1:])
    )


def check(ctx: Context) -> Iterator[Issue]:
    provided = [(i, c) for i, c in ctx.section("data_categories") if "data_subject" in terms.sources_of(c)]
    open_ = [
        (i, c) for i, c in provided if c.get("requirement") in (None, "not_stated") and not _obligation_stated(ctx, c)
    ]
    # 1.0 has no field for why data is required or what follows: only 1.1 can answer that point.
    can_say = ctx.data.get("schema_version") != "1.0"
    unexplained = [
        (i, c)
        for i, c in provided
        if can_say and c.get("requirement") == "mandatory" and not _obligation_stated(ctx, c)
    ]
    if open_:
        yield _grouped(
            open_,
            "the policy does not say whether people must give {names}; say for each whether it is required (by law, "
            "by contract, or to enter a contract) or optional, and what happens if it is not given (requirement, "
            "and for required data obligation: {{requirement_basis, consequences}})",
        )
    if unexplained:
        yield _grouped(
            unexplained,
            "{names} must be given, but the policy says neither why (law, contract, to enter a contract) nor what "
            "happens if it is not; add obligation: {{requirement_basis: [...], consequences: ...}} as the text says it",
        )
