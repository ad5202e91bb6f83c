"""PIPEDA's openness and consent items a notice states: one table, one shared check.

PIPEDA Sch. 1, 4.8.2 (proteuscyber's copy of the Act): "The information made available shall
include ... (c) a description of the type of personal information held by the organization,
including a general account of its use; ... and (e) what personal information is made
available to related organizations (e.g., subsidiaries)". "Shall include": errors. 4.3.8
(withdrawal of consent; wording from the OPC's summary of principle 3, laws-lois not read)
is owed on withdrawal, not listed in 4.8.2: a warning.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from policyval.findings import Severity
from policyval.policy import terms
from policyval.rules.base import Check, Context, Issue, Rule, quoted, where_missing

PROFILES = ("ca-pipeda",)
Finder = Callable[[Context], Iterator[Issue]]


def _rule(rule_id: str, severity: Severity, reference: str, summary: str, doc: str, find: Finder) -> Rule:
    check: Check = find
    return Rule(rule_id, severity, PROFILES, reference, summary, doc, check)


def _missing(ctx: Context, key: str, message: str) -> Iterator[Issue]:
    if not ctx.section(key):
        path, flag = where_missing(ctx, key)
        yield Issue(message, path, key=flag)


def _no_description(ctx: Context) -> Iterator[Issue]:
    yield from _missing(
        ctx,
        "data_categories",
        "the policy does not describe the types of personal information it holds; add data_categories",
    )
    yield from _missing(
        ctx, "purposes", "the policy gives no account of how personal information is used; add purposes"
    )


def _related(ctx: Context) -> Iterator[Issue]:
    found = [
        (i, r)
        for i, r in ctx.section("recipients")
        if r.get("role") == "group_company" and not r.get("data_categories")
    ]
    if found:
        names = quoted(str(r.get("id") or r.get("name") or r.get("category")) for _, r in found)
        message = (
            f"related organization(s) {names} receive personal information, and the policy does not say which; "
            "add their data_categories"
        )
        paths = [("recipients", i) for i, _ in found]
        yield Issue(message, paths[0], related=tuple(paths[1:]))


def _consents(ctx: Context) -> list[dict[str, Any]]:
    return [b for b in terms.all_bases(ctx.data) if terms.is_consent(str(b.get("basis") or ""))]


def _withdrawal(ctx: Context) -> Iterator[Issue]:
    if not _consents(ctx):
        return
    stated = ctx.rights().get("withdraw_consent")
    if stated is None:
        path, key = where_missing(ctx, "rights")
        message = (
            "consent is relied on, but the policy does not say that it can be withdrawn; add right: withdraw_consent "
            "saying how, and what withdrawing means for the service"
        )
        yield Issue(message, path, key=key)
    elif not stated[1].get("exercise_via") and not stated[1].get("channels"):
        message = (
            "the policy says consent can be withdrawn but not how; say where or how to withdraw it (exercise_via "
            "naming the contact, or its channels), and what withdrawing means for the service"
        )
        yield Issue(message, ("rights", stated[0]))


NO_DESCRIPTION = _rule(
    "pipeda/no-information-description",
    Severity.ERROR,
    "PIPEDA Sch. 1, 4.8.2(c)",
    "The policy does not describe the personal information it holds or how it is used.",
    """A PIPEDA policy must describe the personal information it holds and give an account of its use.

4.8.2(c): the information made available "shall include ... a description of the type of
personal information held by the organization, including a general account of its use".
Declare ``data_categories`` and ``purposes``.

Passing example::

    schema_version: "1.1"
    data_categories:
      - id: contact
    purposes:
      - id: orders
        data_categories: [contact]

Failing example::

    schema_version: "1.1"
    data_categories:
      - id: contact
""",
    _no_description,
)

RELATED_ORGANIZATIONS = _rule(
    "pipeda/related-organizations-not-described",
    Severity.ERROR,
    "PIPEDA Sch. 1, 4.8.2(e)",
    "Related organizations receive personal information, and the policy does not say which.",
    """A PIPEDA policy must say what personal information related organizations receive.

4.8.2(e): the information made available "shall include ... what personal information is made
available to related organizations (e.g., subsidiaries)". A recipient with role
``group_company`` needs its ``data_categories``.

Passing example::

    schema_version: "1.1"
    data_categories:
      - id: contact
    recipients:
      - id: parent
        role: group_company
        category: our parent company
        data_categories: [contact]

Failing example::

    schema_version: "1.1"
    recipients:
      - id: parent
        role: group_company
        category: our parent company
""",
    _related,
)

NO_CONSENT_WITHDRAWAL = _rule(
    "pipeda/no-consent-withdrawal",
    Severity.WARNING,
    "PIPEDA Sch. 1, 4.3.8",
    "Consent is relied on, and the policy does not say it can be withdrawn.",
    """A PIPEDA policy that relies on consent should say that consent can be withdrawn.

4.3.8, as the OPC summarises principle 3: individuals can withdraw consent at any time,
subject to legal or contractual restrictions and reasonable notice, and the organization must
inform them of the implications of withdrawal. That is owed when someone withdraws, and 4.8.2
does not list it: a warning, when a legal basis is consent and no ``right: withdraw_consent``
is declared, or one is declared with no route (neither ``exercise_via`` nor ``channels``): a
right people are told of but not how to use.

Passing example::

    schema_version: "1.1"
    purposes:
      - id: offers
        legal_bases:
          - basis: dpv:Consent
            consent_type: express
    rights:
      - right: withdraw_consent
        exercise_via: [controller]

Failing example::

    schema_version: "1.1"
    purposes:
      - id: offers
        legal_bases:
          - basis: dpv:Consent
            consent_type: express
    rights:
      - right: access
""",
    _withdrawal,
)

RULES: tuple[Rule, ...] = (NO_DESCRIPTION, RELATED_ORGANIZATIONS, NO_CONSENT_WITHDRAWAL)
