"""What every rule id means: one place for the descriptions that SARIF, the docs and the
JSON report print.

The engine's own ids (``yaml/*``, ``file/*``, ``io/*``, ``schema/*``, ``baseline/*``) are
described here; semantic rules describe themselves in ``policyval.rules`` and are looked up
there, so a rule's text is written once, next to its code.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

from policyval.findings import Severity

SCHEMA_URL = "https://json-schema.org/draft/2020-12/json-schema-validation"
YAML_URL = "https://yaml.org/spec/1.2.2/"


@dataclass(frozen=True)
class RuleInfo:
    """A rule as a report describes it: what it checks, and what to do about a finding."""

    id: str
    severity: Severity
    short: str
    full: str
    help: str
    reference: str = ""
    # 'passing' and 'failing' YAML examples, for the rules that document them.
    examples: tuple[tuple[str, str], ...] = ()


def _e(
    rule: str, short: str, full: str, help_: str, reference: str = "", severity: Severity = Severity.ERROR
) -> RuleInfo:
    return RuleInfo(rule, severity, short, full, help_, reference)


_ENGINE: dict[str, RuleInfo] = {
    r.id: r
    for r in (
        _e(
            "yaml/syntax",
            "The file is not valid YAML.",
            "The YAML parser stopped at this position; nothing after it could be read, so no other check ran.",
            "Fix the syntax at the position shown (an unclosed bracket or quote, or wrong indentation).",
            YAML_URL,
        ),
        _e(
            "yaml/duplicate-key",
            "A mapping sets the same key twice.",
            "YAML forbids duplicate keys; most parsers silently keep one value. policyval keeps the first "
            "and reports the second, and runs no semantic rule on such a document.",
            "Delete one of the two keys, or merge their values.",
            YAML_URL,
        ),
        _e(
            "yaml/non-string-key",
            "A mapping key is not a plain string.",
            "Policy keys are field names. A key that YAML reads as a number, boolean, null, list or mapping "
            "cannot name a field.",
            "Quote the key, or use a field name from the schema.",
        ),
        _e(
            "yaml/unknown-tag",
            "A value carries a YAML tag policyval does not accept.",
            "Tags such as !!python/object could build objects in some loaders; policyval never does, and "
            "reports every tag other than the YAML 1.2 core ones.",
            "Remove the tag and write the value as plain YAML.",
        ),
        _e(
            "yaml/empty",
            "The file holds no YAML document.",
            "A policy is one YAML mapping; this file is empty or holds only comments.",
            "Write the policy (policyval init writes a skeleton to start from).",
        ),
        _e(
            "yaml/multiple-documents",
            "The file holds more than one YAML document.",
            "A policy file holds exactly one document; every document after the first is ignored.",
            "Move each extra document (after a '---' line) into a file of its own.",
        ),
        _e(
            "yaml/too-deep",
            "The document nests too deeply to be read.",
            "Nesting beyond the loader's depth limit is refused so that a hostile file cannot exhaust the stack.",
            "Flatten the structure; no real policy nests this deep.",
        ),
        _e(
            "yaml/too-large",
            "The document expands to too many nodes.",
            "Aliases that expand beyond the node limit (an 'alias bomb') are refused before they are expanded.",
            "Write the values out instead of nesting aliases of aliases.",
        ),
        _e(
            "yaml/recursive-alias",
            "An alias refers to the node that contains it.",
            "A recursive alias describes an infinite document; policyval refuses it rather than expand it.",
            "Replace the alias with the values it should hold.",
        ),
        _e(
            "file/binary",
            "The file is binary, not text.",
            "The file contains NUL bytes, so it is not a YAML text file.",
            "Check that the path names the policy and not another file.",
        ),
        _e(
            "file/bom",
            "The file starts with a UTF-8 byte-order mark.",
            "A byte-order mark is allowed by YAML but trips up other tools that read policies.",
            "Save the file as UTF-8 without a byte-order mark.",
            severity=Severity.WARNING,
        ),
        _e(
            "file/not-utf8",
            "The file is not UTF-8 text.",
            "Policies are read as UTF-8; the byte at this position cannot be decoded.",
            "Save the file as UTF-8.",
        ),
        _e(
            "file/too-large",
            "The file is larger than the size limit.",
            "Files over the size limit (2 MiB unless --max-bytes says otherwise) are not read.",
            "Check that this is a policy; raise the limit with --max-bytes if it really is one.",
        ),
        _e(
            "io/not-found",
            "A path given on the command line does not exist.",
            "policyval could not find this file or directory, so it checked nothing there.",
            "Correct the path.",
        ),
        _e(
            "io/broken-link",
            "A path given is a symlink to nothing.",
            "The symlink points to a missing file, or to itself.",
            "Fix or remove the symlink.",
        ),
        _e(
            "io/no-policies",
            "A directory given holds no policy files.",
            "No *.yaml or *.yml file was found under this directory (hidden directories are skipped).",
            "Point policyval at the directory that holds the policies.",
        ),
        _e(
            "io/symlink-loop",
            "A path given is a symlink loop.",
            "Following this symlink leads back to itself, so there is no file to read.",
            "Fix or remove the symlink.",
        ),
        _e(
            "io/unreadable",
            "A file could not be read.",
            "The operating system refused to read the file (permissions, or it vanished during the run).",
            "Check the file's permissions.",
        ),
        _e(
            "schema/unknown-version",
            "schema_version names a schema this policyval does not know.",
            "Each policy declares the schema version it follows; this one is not bundled with this policyval, "
            "so the document could not be validated.",
            "Use a known version (policyval schema --list), or upgrade policyval.",
        ),
        _e(
            "internal/error",
            "policyval failed on this file.",
            "An unexpected error inside policyval stopped the check of this file; the other files were checked.",
            "Please report it with the file (or a reduced copy); POLICYVAL_DEBUG=1 shows the details.",
        ),
        _e(
            "config/invalid",
            "The policyval configuration is invalid.",
            "A .policyval.yaml or [tool.policyval] table has a syntax error, an unknown key or a wrong type; "
            "the policies it governs are not checked until it is fixed.",
            "Correct the configuration at the position shown.",
        ),
        _e(
            "config/unknown-rule",
            "The configuration names a rule that does not exist.",
            "select, ignore, severity and per-file-ignores take rule ids, or namespaces ending in '/'.",
            "Use an id that policyval rules lists (the message suggests the closest one).",
        ),
        _e(
            "suppression/invalid",
            "A '# policyval: disable=' comment cannot be read.",
            "An inline suppression must name rules: '# policyval: disable=<rule>[,<rule>...] -- <reason>'.",
            "Correct the comment's syntax.",
        ),
        _e(
            "suppression/unknown-rule",
            "A suppression comment names a rule that does not exist.",
            "An inline suppression takes rule ids, or namespaces ending in '/'.",
            "Use an id that policyval rules lists (the message suggests the closest one).",
        ),
        _e(
            "suppression/unused",
            "A suppression comment suppresses nothing.",
            "The rule it names reports nothing on the line it covers, so the comment only hides future findings.",
            "Remove the suppression.",
            severity=Severity.WARNING,
        ),
        _e(
            "suppression/no-reason",
            "A suppression comment gives no reason.",
            "Every suppression should say why the finding does not apply, after ' -- '.",
            "Add the reason: '# policyval: disable=<rule> -- <why>'.",
            severity=Severity.WARNING,
        ),
        _e(
            "baseline/fixed",
            "A finding recorded in the baseline no longer occurs.",
            "The baseline accepts known findings so that only new ones fail a check. This recorded finding "
            "is gone, so its baseline entry can be removed.",
            "Run policyval check --write-baseline FILE again to drop entries that no longer occur.",
            severity=Severity.INFO,
        ),
    )
}

# What each JSON Schema keyword the policy schema uses asks of a document.
_KEYWORDS: dict[str, tuple[str, str]] = {
    "additionalProperties": ("A key that the schema does not define.", "Correct the key's spelling or remove it."),
    "required": ("A required field is missing.", "Add the field."),
    "type": ("A value has the wrong type (e.g. a string where a list is expected).", "Change the value's type."),
    "enum": ("A value is not one of the allowed values.", "Use one of the values the schema lists."),
    "const": ("A value must be exactly one fixed value.", "Use the value the message names."),
    "pattern": ("A string does not have the expected form.", "Write it in the form the message describes."),
    "uniqueItems": ("A list repeats an item.", "Remove the repeated item."),
    "minItems": ("A list is empty but must have items.", "Add an item, or remove the field."),
    "minLength": ("A string is empty.", "Write a value, or remove the field."),
    "minimum": ("A number is below its minimum.", "Use a larger number."),
    "maximum": ("A number is above its maximum.", "Use a smaller number."),
}


def _schema_rule(rule_id: str) -> RuleInfo:
    keyword = rule_id.removeprefix("schema/")
    short, help_ = _KEYWORDS.get(keyword, (f"The document breaks the schema's '{keyword}' keyword.", ""))
    full = (
        f"{short} The policy schema (JSON Schema draft 2020-12) checks this with its '{keyword}' keyword; "
        "every such error is reported, at the value or key it concerns."
    )
    return RuleInfo(
        rule_id, Severity.ERROR, short, full, help_ or "Change the value so the schema accepts it.", SCHEMA_URL
    )


def _semantic(rule_id: str) -> RuleInfo | None:
    """The rule as the registry describes it, or None while there is no such rule."""
    from policyval.rules import get
    from policyval.rules.base import examples

    rule = get(rule_id)
    if rule is None:
        return None
    # The docstring: an explanation, then 'Passing example::' / 'Failing example::' blocks.
    first, _, rest = rule.doc.partition("\n")
    explanation = (
        (first.strip() + "\n" + textwrap.dedent(rest)).split("Passing example::")[0].split("Failing example::")[0]
    )
    return RuleInfo(
        rule_id,
        rule.strictest,
        rule.summary,
        explanation.strip() or rule.summary,
        f"Add or change what the finding's message names; `policyval explain {rule_id}` shows this rule "
        "with a passing and a failing example.",
        rule.reference,
        tuple(examples(rule.doc).items()),
    )


def describe(rule_id: str) -> RuleInfo:
    """Everything a report says about ``rule_id``; never fails, even for an id it does not know."""
    if rule_id in _ENGINE:
        return _ENGINE[rule_id]
    if rule_id.startswith("schema/"):
        return _schema_rule(rule_id)
    found = _semantic(rule_id)
    if found is not None:
        return found
    return RuleInfo(rule_id, Severity.WARNING, f"Rule {rule_id}.", f"Rule {rule_id}.", "See the message.")


def engine_rules() -> tuple[RuleInfo, ...]:
    """The engine's own rules (not the schema keywords, not the semantic rules)."""
    return tuple(_ENGINE.values())
