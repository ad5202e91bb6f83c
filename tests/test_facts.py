"""Dated facts are data with their source and date, and the domain terms read them."""

from __future__ import annotations

import pytest

from policyval.policy import facts, terms


@pytest.mark.parametrize("name", facts.TABLES)
def test_every_table_says_when_it_was_checked(name: str) -> None:
    table = facts.table(name)
    assert table.get("checked") or table.get("as_of"), f"{name}: when was it last checked?"


@pytest.mark.parametrize(
    ("name", "entries"),
    [
        ("adequacy", "decisions"),
        ("invalid-instruments", "instruments"),
        ("uk-adequacy", "entries"),
        ("us-states", "laws"),
    ],
)
def test_every_entry_has_its_source(name: str, entries: str) -> None:
    rows = facts.table(name)[entries]
    assert rows
    for row in rows:
        source = row.get("source") or row.get("sources")
        assert source, f"{name}: an entry without its source: {row}"


def test_every_member_state_has_its_age_of_digital_consent() -> None:
    ages = facts.table("digital-consent-ages")
    assert set(ages["countries"]) == terms.eea_members()
    for country, entry in ages["countries"].items():
        assert 13 <= entry["age"] <= 16, country  # GDPR Art. 8(1): 16 unless a law sets 13 to 15
        assert entry["source"] and entry["as_of"], country
    assert ages["countries"]["FR"]["age"] == 15 and ages["countries"]["DE"]["age"] == 16


def test_adequacy_follows_the_decisions_in_force() -> None:
    assert terms.adequate("FR")  # in the EEA
    assert terms.adequate("CH") and terms.adequate("GB") and terms.adequate("BR")
    assert not terms.adequate("IN")  # no decision
    # The EU-U.S. Data Privacy Framework covers self-certified organisations only.
    assert facts.adequacy_decision("US") is not None and not terms.adequate("US")


def test_invalidated_instruments_are_listed_with_their_judgment() -> None:
    ids = {i["id"] for i in facts.table("invalid-instruments")["instruments"]}
    assert {"us-safe-harbor", "us-privacy-shield"} <= ids


def test_an_unknown_table_is_an_error() -> None:
    with pytest.raises(KeyError, match="no facts table"):
        facts.table("horoscopes")
