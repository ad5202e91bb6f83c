"""The rule catalogue for people and machines: `policyval rules` and `policyval explain`."""

from __future__ import annotations

import json
import textwrap

from policyval.findings import Severity
from policyval.rules import RULES, get, suggest
from policyval.rules.base import Rule


def severity_words(rule: Rule) -> str:
    """'error', or 'error (eu-gdpr), warning (ca-pipeda)' where the laws grade it differently."""
    if isinstance(rule.severity, Severity):
        return rule.severity.value
    return ", ".join(f"{s.value} ({p})" for p, s in rule.severity.items())


def markdown_row(rule: Rule) -> str:
    """A row of the README's Rules table; an opt-in rule says so beside its severity."""
    severity = severity_words(rule) + ("; opt-in" if not rule.default else "")
    cells = (f"`{rule.id}`", severity, ", ".join(rule.profiles), rule.reference, rule.summary)
    return "| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |"


MARKDOWN_HEAD = "| Rule | Severity | Profiles | Reference | What it reports |\n| --- | --- | --- | --- | --- |\n"


def as_dict(rule: Rule) -> dict[str, object]:
    severities = {p: rule.severity_in([p]).value for p in rule.profiles}
    return {
        "id": rule.id,
        "severity": rule.strictest.value,
        "severities": severities,
        "profiles": list(rule.profiles),
        "reference": rule.reference,
        "summary": rule.summary,
        "default": rule.default,
    }


def listing(fmt: str = "text") -> str:
    """Every rule, in catalogue order: an aligned table, a JSON list, or the README's Markdown table."""
    if fmt == "json":
        return json.dumps([as_dict(rule) for rule in RULES], indent=2, ensure_ascii=False) + "\n"
    if fmt == "markdown":
        return MARKDOWN_HEAD + "".join(markdown_row(rule) + "\n" for rule in RULES)
    rows = [("RULE", "SEVERITY", "PROFILES", "REFERENCE", "SUMMARY")]
    rows += [(r.id, severity_words(r), ",".join(r.profiles), r.reference, r.summary) for r in RULES]
    widths = [max(len(row[n]) for row in rows) for n in range(4)]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row[:4], widths, strict=True)) + "  " + row[4] for row in rows]
    return "\n".join(lines) + "\n"


def explain(rule_id: str) -> str | None:
    """A rule's header and documentation, or None when there is no such rule."""
    rule = get(rule_id)
    if rule is None:
        return None
    head = [
        rule.id,
        f"  severity:  {severity_words(rule)}",
        f"  profiles:  {', '.join(rule.profiles)}",
        f"  reference: {rule.reference}",
        "",
    ]
    first, _, rest = rule.doc.partition("\n")
    body = first.strip() + "\n" + textwrap.dedent(rest)
    return "\n".join(head) + "\n" + body.strip() + "\n"


def unknown(rule_id: str) -> str:
    """The usage error for a rule id that is not registered."""
    close = suggest(rule_id)
    hint = f"; did you mean '{close}'?" if close else ""
    return f"unknown rule {rule_id!r}{hint} (policyval rules lists them all)"
