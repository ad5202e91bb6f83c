"""The us-ccpa profile: the day "the last 12 months" is measured from, statements of absence as
answers, and the complete case as the baseline every single omission is measured against."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml

from policyval.check import pipeline
from policyval.check.plan import TODAY_VARIABLE, Plan, reference_day
from policyval.rules import _us_state, ccpa
from policyval.rules.base import Context

ROOT = Path(__file__).resolve().parent.parent
COMPLETE = ROOT / "tests" / "cases" / "valid" / "complete-us-ccpa.yaml"


def findings(data: dict[str, Any], today: dt.date | None = None) -> list[tuple[str, str]]:
    plan = Plan(profiles=("us-ccpa",)) if today is None else Plan(profiles=("us-ccpa",), today=today)
    result = pipeline.check_data("policy.yaml", data, plan)
    return [(f.rule, f.message) for f in result.findings]


def complete() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(COMPLETE.read_text("utf-8"))
    return data


def dated(last_updated: str) -> dict[str, Any]:
    data = complete()
    data["policy"]["last_updated"] = last_updated
    return data


# --- the day of the run ------------------------------------------------------------------------


def test_twelve_months_are_measured_from_the_plans_day() -> None:
    today = dt.date(2026, 9, 15)
    assert findings(dated("2025-09-15"), today) == []  # exactly 12 months: still within
    [(rule, message)] = findings(dated("2025-09-14"), today)
    assert rule == "ccpa/stale-policy"
    assert "last updated on 2025-09-14, more than 12 months before 2026-09-15" in message


def test_a_month_end_is_measured_to_the_end_of_the_month_a_year_before() -> None:
    assert findings(dated("2024-02-29"), dt.date(2025, 2, 28)) == []
    assert [r for r, _ in findings(dated("2024-02-28"), dt.date(2025, 2, 28))] == []
    assert [r for r, _ in findings(dated("2024-02-27"), dt.date(2025, 2, 28))] == ["ccpa/stale-policy"]


def test_a_date_in_the_future_is_not_stale() -> None:
    assert findings(dated("2027-01-01"), dt.date(2026, 9, 15)) == []


def test_the_last_update_wins_over_the_effective_date() -> None:
    data = dated("2026-09-01")
    data["policy"]["effective_date"] = "2020-01-01"
    assert findings(data, dt.date(2026, 9, 15)) == []
    del data["policy"]["last_updated"]
    assert [r for r, _ in findings(data, dt.date(2026, 9, 15))] == ["ccpa/stale-policy"]


def test_the_day_comes_from_the_environment_when_it_is_set(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(TODAY_VARIABLE, "2031-03-04")
    assert reference_day() == dt.date(2031, 3, 4)
    assert Plan().today == dt.date(2031, 3, 4)
    assert [r for r, _ in findings(complete())] == ["ccpa/stale-policy"]


@pytest.mark.parametrize("value", [None, "", "not a date", "2026-02-30"])
def test_else_the_day_is_the_clock(monkeypatch: pytest.MonkeyPatch, value: str | None) -> None:
    if value is None:
        monkeypatch.delenv(TODAY_VARIABLE, raising=False)
    else:
        monkeypatch.setenv(TODAY_VARIABLE, value)
    assert reference_day() == dt.date.today()


def test_a_context_without_a_day_judges_no_age() -> None:
    check = _us_state.updated_within(ccpa.CCPA, 12)
    assert list(check(Context(dated("2001-01-01"), "policy.yaml"))) == []
    assert len(list(check(Context(dated("2001-01-01"), "policy.yaml", today=dt.date(2026, 1, 1))))) == 1


# --- statements of absence are answers -------------------------------------------------------------


def _nothing_sold_or_shared(data: dict[str, Any]) -> dict[str, Any]:
    """The complete case, saying it neither sells nor shares: no link, signal or opt-out right."""
    for category in data["data_categories"]:
        category.pop("sale", None)
        category.pop("sharing", None)
    data["absences"] = [
        {"topic": "sale", "description": "we do not sell personal information"},
        {"topic": "sharing", "description": "we do not share personal information for cross-context advertising"},
    ]
    for key in ("opt_out_links", "opt_out_signals"):
        del data[key]
    data["rights"] = [r for r in data["rights"] if r["right"] != "opt_out_sale_sharing"]
    return data


def test_we_do_not_sell_or_share_silences_the_sale_and_sharing_rules() -> None:
    assert findings(_nothing_sold_or_shared(complete()), dt.date(2026, 12, 2)) == []


def test_the_same_policy_silent_about_sale_and_sharing_is_told_to_say() -> None:
    data = _nothing_sold_or_shared(complete())
    del data["absences"]
    assert [r for r, _ in findings(data, dt.date(2026, 12, 2))] == ["ccpa/no-sold-or-shared"]


def test_once_sharing_is_said_the_links_signal_and_right_are_asked_for() -> None:
    data = _nothing_sold_or_shared(complete())
    data["absences"] = data["absences"][:1]  # "we do not sell" only
    data["data_categories"][2]["sharing"] = {"status": "yes", "third_party_categories": ["advertising networks"]}
    assert sorted(r for r, _ in findings(data, dt.date(2026, 12, 2))) == [
        "ccpa/no-gpc",
        "ccpa/no-right-to-opt-out",
        "ccpa/opt-out-link-title",
    ]


def test_the_alternative_link_or_an_honoured_signal_answers_for_the_links() -> None:
    data = complete()
    data["opt_out_links"] = [{"kind": "other", "text": "Your California Privacy Choices"}]
    assert findings(data, dt.date(2026, 12, 2)) == []
    data["opt_out_links"] = [{"kind": "cookie_settings", "text": "Cookie settings"}]
    assert findings(data, dt.date(2026, 12, 2)) == []  # the honoured GPC signal is the (c)(2) statement
    del data["opt_out_signals"]
    assert sorted(r for r, _ in findings(data, dt.date(2026, 12, 2))) == ["ccpa/no-gpc", "ccpa/opt-out-link-title"]


def test_a_title_in_capitals_or_with_a_final_stop_is_the_title() -> None:
    data = complete()
    data["opt_out_links"][0]["text"] = "DO NOT SELL OR SHARE MY PERSONAL INFORMATION."
    data["opt_out_links"][1]["text"] = "“Limit the Use of My Sensitive  Personal Information”"
    assert findings(data, dt.date(2026, 12, 2)) == []
