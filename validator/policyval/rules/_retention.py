"""What the retention rules share: which statements give a period, and what each applies to."""

from __future__ import annotations

from typing import Any

from policyval.rules.base import Context


def has_period(entry: dict[str, Any]) -> bool:
    """A duration, an end event or the criteria that decide the period (GDPR Art. 13(2)(a))."""
    return any(str(entry.get(k) or "").strip() for k in ("duration", "until", "criteria"))


def is_vague(entry: dict[str, Any]) -> bool:
    return entry.get("as_long_as_necessary") is True and not has_period(entry)


def states_something(entry: dict[str, Any]) -> bool:
    return has_period(entry) or is_vague(entry)


def applies_to_category(ctx: Context, entry: dict[str, Any], category: str) -> bool:
    """A statement names the category, or a purpose that uses it, or (naming neither) all data."""
    if entry.get("data_categories"):
        return category in entry["data_categories"]
    if entry.get("purposes"):
        users = {p.get("id") for _, p in ctx.section("purposes") if category in (p.get("data_categories") or [])}
        return bool(users & set(entry["purposes"]))
    return True


def applies_to_purpose(entry: dict[str, Any], purpose: str) -> bool:
    if entry.get("purposes"):
        return purpose in entry["purposes"]
    return not entry.get("data_categories")
