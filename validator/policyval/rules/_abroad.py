"""Recipients outside Canada that no transfer statement covers: shared by PIPEDA's
cross-border guidance and Québec's s. 8 (communication outside Québec), so the two profiles
read a policy's foreign recipients the same way."""

from __future__ import annotations

from typing import Any

from policyval.policy import access, terms
from policyval.rules.base import Context

HOME = "CA"
# Regions that say data leaves the home country, wherever it goes.
ANYWHERE = frozenset({"outside_home_country", "worldwide"})


def _covers(transfer: dict[str, Any], rid: Any, country: str) -> bool:
    regions = set(access.strings(transfer, "regions"))
    in_eea = country in terms.eea_members() and bool(regions & {"EEA", "EU"})
    named = rid is not None and rid in access.strings(transfer, "recipients")
    return named or country in access.strings(transfer, "countries") or bool(regions & ANYWHERE) or in_eea


def uncovered(ctx: Context) -> list[tuple[int, dict[str, Any]]]:
    """Recipients located outside Canada (their ``country``) that no ``transfers`` entry covers:
    none names them, their country, or a region that includes it."""
    transfers = [t for _, t in ctx.section("transfers")]
    found = []
    for i, recipient in ctx.section("recipients"):
        country = str(recipient.get("country") or HOME)
        if country != HOME and not any(_covers(t, recipient.get("id"), country) for t in transfers):
            found.append((i, recipient))
    return found


def names(found: list[tuple[int, dict[str, Any]]]) -> str:
    return ", ".join(f"'{r.get('id') or r.get('name')}' ({r.get('country')})" for _, r in found)
