"""A policy that says it covers employees or job applicants, and no purpose concerns them.

GDPR Art. 13(1)(c) and 14(1)(c) require "the purposes of the processing for which the
personal data are intended" for everyone whose data is processed, employees included (the UK
GDPR has the same wording). PIPEDA Sch. 1, 4.2 asks that purposes be identified at or before
collection; PIPEDA s. 4(1)(b) reaches information about employees and job applicants only
where it is collected, used or disclosed "in connection with the operation of a federal work,
undertaking, or business" (verified in the OPC's "Application of the Personal Information
Protection and Electronic Documents Act to Employee Records", priv.gc.ca, May 2004).

A notice that names employees (``dpv:Employee``) or job applicants (``dpv:JobApplicant``)
among the people it covers, but whose purposes are all about customers, tells those people
nothing about what is done with their data. The rule reports a declared data subject of
either kind when no purpose has a DPV term of its kind: human-resource and personnel purposes
(``dpv:HumanResourceManagement``, ``dpv:Personnel...``) for employees, recruitment purposes
(``dpv:Recruitment...``, ``dpv:PersonnelHiring``) for applicants.

Severity: a warning under the GDPR and the UK GDPR; info under PIPEDA, where employees are
covered only by a federal work, undertaking or business, which a notice rarely says.

Passing example::

    schema_version: "1.1"
    data_subjects:
      - id: employees
        dpv_term: dpv:Employee
    purposes:
      - id: payroll
        dpv_term: dpv:PersonnelPayment

Failing example::

    schema_version: "1.1"
    data_subjects:
      - id: customers
        dpv_term: dpv:Customer
      - id: employees
        dpv_term: dpv:Employee
    purposes:
      - id: orders
        dpv_term: dpv:ServiceProvision
"""

from __future__ import annotations

from collections.abc import Iterator

from policyval.findings import Severity
from policyval.rules.base import Context, Issue

ID = "scope/employees-without-purpose"
SEVERITY = {"eu-gdpr": Severity.WARNING, "uk-gdpr": Severity.WARNING, "ca-pipeda": Severity.INFO}
PROFILES = ("eu-gdpr", "uk-gdpr", "ca-pipeda")
REFERENCE = "GDPR Art. 13(1)(c), 14(1)(c); UK GDPR Art. 13(1)(c); PIPEDA s. 4(1)(b), Sch. 1, 4.2"
SUMMARY = "Employees or job applicants are covered, and no purpose concerns them."

# Subject term -> (who, the prefixes of the DPV purposes that concern them).
_KINDS = {
    "dpv:Employee": ("employees", ("dpv:HumanResourceManagement", "dpv:Personnel")),
    "dpv:JobApplicant": ("job applicants", ("dpv:Recruitment", "dpv:PersonnelHiring")),
}


def check(ctx: Context) -> Iterator[Issue]:
    terms = [str(p.get("dpv_term") or "") for _, p in ctx.section("purposes")]
    for i, subject in ctx.section("data_subjects"):
        kind = _KINDS.get(str(subject.get("dpv_term")))
        if kind is None or any(t.startswith(kind[1]) for t in terms):
            continue
        label = subject.get("label") or subject.get("id")
        yield Issue(
            f"the policy covers {kind[0]} ('{label}'), but none of its purposes concerns them; say what their "
            "personal information is used for (e.g. payroll, personnel management, recruitment), or leave them out "
            "of its scope",
            ("data_subjects", i),
        )
