"""Hints that make a message say what to write: the value a mistyped or abbreviated one most
likely meant, what to write instead of a value the law no longer accepts, and how to quote a
YAML scalar that trips on a ':'.

Pure functions of their arguments (no schema, no YAML), so every stage can ask them. A hint
is a suffix for a message, starting with "; ", or "" when there is nothing sure to say:
a wrong guess is worse than none.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence

# Abbreviations and everyday names that no spelling distance finds, lowercased, with the
# value meant and, where it helps, why.
ALIASES: dict[str, tuple[str, str]] = {
    "gdpr": ("eu-gdpr", "the EU GDPR; the UK's is uk-gdpr"),
    "uk": ("GB", "ISO 3166-1 codes the United Kingdom as GB"),
    "el": ("GR", "ISO 3166-1 codes Greece as GR; EL is the EU's own abbreviation"),
    "dpo": ("data_protection_officer", ""),
    "scc": ("standard_contractual_clauses", ""),
    "sccs": ("standard_contractual_clauses", ""),
    "bcr": ("binding_corporate_rules", ""),
    "bcrs": ("binding_corporate_rules", ""),
    "eprivacy": ("eu-eprivacy", ""),
}

# Values that a law once allowed and no longer does: (replacements that must be among the
# options for the hint to apply, the explanation).
_PRIVACY_SHIELD = (
    "'{value}' is no longer a transfer mechanism: the CJEU invalidated the EU-US Privacy Shield "
    "(Schrems II, C-311/18, 16 July 2020); for a US recipient certified under the EU-US Data Privacy "
    "Framework write 'adequacy_decision' (Commission decision of 10 July 2023), otherwise the "
    "safeguard the text names (e.g. 'standard_contractual_clauses'), or 'none_stated' if it names none"
)
_SAFE_HARBOUR = (
    "'{value}' is no longer a transfer mechanism: the CJEU invalidated Safe Harbour (Schrems I, "
    "C-362/14, 6 October 2015); write the safeguard the text names (e.g. 'standard_contractual_clauses'), "
    "'adequacy_decision' for the EU-US Data Privacy Framework, or 'none_stated' if it names none"
)
RETIRED: dict[str, tuple[tuple[str, ...], str]] = {
    "privacy_shield": (("adequacy_decision", "none_stated"), _PRIVACY_SHIELD),
    "eu_us_privacy_shield": (("adequacy_decision", "none_stated"), _PRIVACY_SHIELD),
    "safe_harbor": (("adequacy_decision", "none_stated"), _SAFE_HARBOUR),
    "safe_harbour": (("adequacy_decision", "none_stated"), _SAFE_HARBOUR),
}

# How many values a message may list before it says how many more there are.
MAX_LISTED = 12
_WORDS = re.compile(r"[_\-\s]+")
_SEGMENTS = re.compile(r"[:\-]")


def _normal(value: str) -> str:
    return _WORDS.sub("_", value.strip().lower())


def _unique(found: list[str]) -> str | None:
    return found[0] if len(set(found)) == 1 else None


def _by_segment(value: str, options: Sequence[str]) -> str | None:
    """An option whose last ':' or '-' segment is the value: 'SCCByCommission' is 'eu-gdpr:SCCByCommission'."""
    lowered = value.lower()
    return _unique([o for o in options if _SEGMENTS.split(o)[-1].lower() == lowered and o.lower() != lowered])


def _by_initials(value: str, options: Sequence[str]) -> str | None:
    """An option whose words' initials spell the value: 'dpo' is 'data_protection_officer'."""
    norm = _normal(value)
    if len(norm) < 2 or "_" in norm:
        return None
    return _unique([o for o in options if "".join(w[:1] for w in _WORDS.split(o.lower()) if w) == norm])


def meant(value: str, options: Sequence[str]) -> tuple[str, str] | None:
    """(the option ``value`` most likely meant, why) or None when no guess is sure enough."""
    alias = ALIASES.get(value.strip().lower())
    if alias is not None and alias[0] in options:
        return alias
    lowered = {o.lower(): o for o in options}
    if value.lower() in lowered and lowered[value.lower()] != value:
        return lowered[value.lower()], ""
    for guess in (_by_segment(value, options), _by_initials(value, options)):
        if guess is not None:
            return guess, ""
    close = difflib.get_close_matches(value, list(options), n=1, cutoff=0.6)
    return (close[0], "") if close else None


def for_value(value: str, options: Sequence[str]) -> str:
    """The hint for ``value``, which is not among ``options``: a retired value's replacement, or
    the option it most likely meant ("; did you mean 'X'?"), or ""."""
    retired = RETIRED.get(_normal(value))
    if retired is not None and any(r in options for r in retired[0]):
        return "; " + retired[1].format(value=value)
    guess = meant(value, options)
    if guess is None:
        return ""
    option, why = guess
    return f"; did you mean '{option}'?" + (f" ({why})" if why else "")


def listing(options: Sequence[str], limit: int = MAX_LISTED) -> str:
    """Options for a message, at most ``limit`` of them and then how many more there are."""
    shown = ", ".join(str(o) for o in options[:limit])
    rest = len(options) - limit
    return shown if rest <= 0 else f"{shown} and {rest} more"


# A YAML plain scalar inside [ ] or { } cannot hold ': ' or end with ':', and libyaml (like
# PyYAML) refuses any ':' there: "found unexpected ':'" says nothing about the fix.
_FLOW_STOP = " \t\r\n[]{},"


def _scalar_at(text: str, index: int) -> str:
    start = index
    while start > 0 and text[start - 1] not in _FLOW_STOP:
        start -= 1
    end = index
    while end < len(text) and text[end] not in _FLOW_STOP:
        end += 1
    return text[start:end]


def for_syntax(problem: str, text: str, index: int) -> str:
    """The hint for a YAML syntax error ``problem`` at character ``index`` of ``text``."""
    if "unexpected ':'" not in problem or not 0 <= index < len(text) or text[index] != ":":
        return ""
    scalar = _scalar_at(text, index)
    if not scalar or scalar == ":":
        return ""
    quoted = '"' + scalar.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return f"; a value with ':' inside [ ] or {{ }} must be quoted: write {quoted}"
