"""What the retention rules share: which statements give a period, and what each applies to."""

from __future__ import annotations

from typing import Any

from policyval.policy import access
from policyval.rules.base import Context


def has_period(entry: dict[str, Any]) -> bool:
    """A duration, an end event or the criteria that decide the period (GDPR Art. 13(2)(a))."""
    return any(str(entry.get(k) or "").strip() for k in ("duration", "until", "criteria"))


def vague_wording(entry: dict[str, Any]) -> str | None:
    """The field that gives a period without deciding it: 'as long as necessary', or (schema 1.1)
    the text's own words in period_text ('a reasonable period'); None when the entry has neither
    or also gives a duration, an end event or criteria."""
    if has_period(entry):
        return None
    if entry.get("as_long_as_necessary") is True:
        return "as_long_as_necessary"
    return "period_text" if str(entry.get("period_text") or "").strip() else None


def is_vague(entry: dict[str, Any]) -> bool:
    return vague_wording(entry) is not None


def states_something(entry: dict[str, Any]) -> bool:
    return has_period(entry) or is_vague(entry)


def _users(ctx: Context, category: str) -> set[str]:
    """The ids of the purposes that use ``category``."""
    return {str(p.get("id")) for _, p in ctx.section("purposes") if category in access.strings(p, "data_categories")}


def covers(ctx: Context, entry: dict[str, Any], category: str, purpose: str | None = None) -> bool:
    """Whether ``entry`` gives the retention of ``category`` as processed for ``purpose`` (None: for
    every purpose). Schema 1.1's ``applies_to`` says what a statement covers: a statement about
    purposes covers the data only as processed for them. Without it, 1.0's reading holds: a
    statement names the category, or a purpose that uses it, or (naming neither) all data."""
    scope = entry.get("applies_to")
    categories, purposes = access.strings(entry, "data_categories"), access.strings(entry, "purposes")
    if scope == "all_data":
        return True
    if scope == "data_categories":
        return category in categories
    if scope in ("purposes", "data_categories_for_purposes"):
        if scope == "data_categories_for_purposes" and category not in categories:
            return False
        return purpose is not None and purpose in purposes
    if categories:
        return category in categories
    if purposes:
        return bool(_users(ctx, category) & set(purposes))
    return True


def covered(ctx: Context, entries: list[dict[str, Any]], category: str) -> bool:
    """A statement covers the category for every purpose, or each purpose that uses it has one."""
    if any(covers(ctx, e, category) for e in entries):
        return True
    users = _users(ctx, category)
    return bool(users) and all(any(covers(ctx, e, category, p) for e in entries) for p in users)


def applies_to_purpose(entry: dict[str, Any], purpose: str) -> bool:
    scope = entry.get("applies_to")
    if scope == "all_data":
        return True
    if scope in ("purposes", "data_categories_for_purposes"):
        return purpose in access.strings(entry, "purposes")
    if entry.get("purposes"):
        return purpose in entry["purposes"]
    return not entry.get("data_categories")
