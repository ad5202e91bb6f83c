"""The notice tells the truth: the structure of its law, dates as the policy gives them, every
route to exercise a right, and statements of absence as answers (issue 16, point 3; issue 13,
"Render and report")."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from policyval.check.load import load_text
from policyval.cli import main
from policyval.publish import notice

ROOT = Path(__file__).resolve().parent.parent
COMPLETE = ROOT / "tests" / "cases" / "valid" / "complete-gdpr.yaml"
CELL_EXPERT = ROOT / "policies" / "cell-expert.yaml"
US = ROOT / "tests" / "cases" / "valid" / "1.1" / "us-state-law.yaml"
CANADA = ROOT / "tests" / "cases" / "valid" / "1.1" / "canada.yaml"
HEADING = re.compile(r"^#{2,3} (?:\d+\. )?(.+)$", re.M)


def data(path: Path) -> dict[str, Any]:
    loaded: dict[str, Any] = load_text(path.read_text("utf-8")).data
    return loaded


def sections(markdown: str) -> dict[str, str]:
    parts = re.split(r"^## \d+\. (.+)$", markdown, flags=re.M)
    return dict(zip(parts[1::2], parts[2::2], strict=True))


def headings(markdown: str) -> list[str]:
    return HEADING.findall(markdown)


@pytest.mark.parametrize(("path", "profile"), [(CELL_EXPERT, None), (US, None), (CANADA, None), (COMPLETE, "us-ccpa")])
def test_no_gdpr_heading_outside_the_gdpr(path: Path, profile: str | None) -> None:
    text = notice.render(data(path), "markdown", (profile,) if profile else None)
    assert not [h for h in headings(text) if "data protection officer" in h.lower()]
    assert "*GDPR Art." not in text
    assert "does not give a legal basis" not in text, "a legal basis is the GDPR's question"


def test_pipeda_notice_follows_the_ten_principles() -> None:
    text = notice.render(data(CELL_EXPERT), "markdown")
    refs = re.findall(r"^\*(PIPEDA Schedule 1, 4\.\d+)\*$", text, flags=re.M)
    assert refs == [f"PIPEDA Schedule 1, 4.{n}" for n in range(1, 11)]
    body = sections(text)
    assert "### Who receives it" in body["How we use, disclose and keep it"]
    assert "### How long it is kept" in body["How we use, disclose and keep it"]
    assert "Challenging compliance" in body["Your access to it, and your other rights"]


def test_quebec_notice_has_law_25_parts() -> None:
    text = notice.render(data(CANADA), "markdown")
    titles = list(sections(text))
    assert titles[0] == "Person in charge of the protection of personal information"
    assert {"Communication outside Québec", "Technology that identifies, locates or profiles you"} <= set(titles)
    assert "*CQLR c P-39.1, s. 12.1*" in text
    assert (
        "Person in charge of the protection of personal information (accountable person) — E-mail: privacy@telecom"
        in text
    )
    policy = data(CANADA)
    policy.pop("contacts")
    gap = notice.render(policy, "markdown")
    assert "does not give the title and contact details of the person in charge" in gap


def test_ccpa_notice_has_its_categories_table() -> None:
    body = sections(notice.render(data(US), "markdown"))
    table = body["Personal information we collect, sell or share, and how long we keep it"]
    assert (
        "| Personal information | Collected | About | Sensitive | Sources | Purposes | Sold or shared "
        "| Disclosed for a business purpose to | Kept for |"
    ) in table
    [identifiers] = [line for line in table.splitlines() if line.startswith("| name, e-mail address")]
    cells = [c.strip() for c in identifiers.strip("|").split(" | ")]
    assert (
        cells[0]
        == "name, e-mail address, postal address, online identifiers (identifiers, customer records (§ 1798.80(e)))"
    )
    assert cells[1] == "yes"
    assert cells[3] == "no"
    assert cells[5] == "Selling and delivering products; Cross-context behavioural advertising"
    assert cells[6].startswith("sold: no") and "shared: yes (third party categories: advertising networks" in cells[6]
    assert cells[8] == "5 years from your last purchase"
    [location] = [line for line in table.splitlines() if line.startswith("| precise geolocation")]
    assert "| yes | not stated | yes | not stated | Showing the stores near you | sold: no; shared: no |" in location
    # A category the policy says nothing of sale for, under a policy that says it sells nothing.
    [browsing] = [line for line in table.splitlines() if line.startswith("| browsing history")]
    assert "sold: no (the policy says “we do not sell personal information”)" in browsing


def test_ccpa_rights_routes_and_opt_outs() -> None:
    body = sections(notice.render(data(US), "markdown"))
    rights = body["Your rights, and how to exercise them"]
    assert "| Opt out of the sale or sharing of your personal information |" in rights
    assert "Website: https://www.example-retail.com/do-not-sell-or-share" in rights
    assert r"Setting in the product: Account \> Privacy choices" in rights
    assert "The policy does not say how to exercise this right" not in rights.split("| Access")[1].split("\n")[0]
    choices = body["Opt-out links and preference signals"]
    assert "“Do Not Sell or Share My Personal Information”" in choices
    assert "“Limit the Use of My Sensitive Personal Information”" in choices
    assert "Signal gpc: honoured: yes" in choices
    assert "Not stated in the policy" not in choices


def test_a_gdpr_notice_under_the_ccpa_too_gets_the_ccpa_parts() -> None:
    policy = data(COMPLETE)
    policy["policy"]["jurisdictions"] = [*policy["policy"]["jurisdictions"], "US-CA"]
    text = notice.render(policy, "markdown")
    titles = list(sections(text))
    gdpr = [part.title for part in notice.STRUCTURES["gdpr"].parts]
    assert titles[: len(gdpr)] == gdpr
    assert titles[len(gdpr) :] == [
        "CCPA: Personal information we collect, sell or share, and how long we keep it",
        "CCPA: Opt-out links and preference signals",
    ]
    body = sections(text)
    # The opt-outs moved to the CCPA's part, where their absence is a gap the CCPA asks about.
    assert "Opt-out links and signals" not in body["Other information"]
    assert "The policy gives no opt-out link" in body["CCPA: Opt-out links and preference signals"]
    html = notice.render(policy, "html")
    assert 'id="us-ccpa-categories"' in html and 'id="categories"' not in html


def test_uk_gdpr_references() -> None:
    text = notice.render(data(COMPLETE), "markdown", ("uk-gdpr",))
    assert "*UK GDPR Art. 13(1)(a)*" in text
    assert "*GDPR Art." not in text


@pytest.mark.parametrize(
    ("effective", "updated", "shown", "absent"),
    [
        (None, "2024-03-01", "*Last updated 2024-03-01.*", "Effective"),
        ("2024-01-01", None, "*Effective 2024-01-01.*", "updated"),
        ("2024-01-01", "2024-03-01", "*Effective 2024-01-01, last updated 2024-03-01.*", None),
    ],
)
def test_dates_are_labelled_as_the_policy_gives_them(
    effective: str | None, updated: str | None, shown: str, absent: str | None
) -> None:
    # Issue 16: the notice printed last_updated as "Effective".
    policy = data(COMPLETE)
    for key, value in (("effective_date", effective), ("last_updated", updated)):
        policy["policy"].pop(key, None)
        if value:
            policy["policy"][key] = value
    text = notice.render(policy, "markdown")
    head = text.split("## 1.", 1)[0]
    assert shown in head
    if absent:
        assert absent not in head


def test_a_right_exercised_through_a_link_or_a_setting_says_so() -> None:
    # Issue 16: "The policy does not say how to exercise this right" when the text gives a link.
    policy = data(US)
    policy["rights"] = [
        {"right": "access", "channels": [{"type": "website", "value": "https://example.com/my-data"}]},
        {"right": "erasure", "channels": [{"type": "in_product_setting", "description": "Settings > Delete account"}]},
    ]
    rights = sections(notice.render(policy, "markdown", ("eu-gdpr",)))["Your rights, and how to exercise them"]
    assert "https://example.com/my-data" in rights
    assert r"Setting in the product: Settings \> Delete account" in rights
    assert "does not say how to exercise" not in rights


def test_no_automated_decisions_and_no_dpo_are_answers() -> None:
    policy = data(COMPLETE)
    policy["schema_version"] = "1.1"
    policy.pop("contacts")
    for right in policy["rights"]:
        right.pop("exercise_via", None)
    policy["absences"] = [{"id": "no-dpo", "topic": "dpo", "description": "we have not appointed a DPO"}]
    body = sections(notice.render(policy, "markdown"))
    assert "The policy says: “we have not appointed a DPO”." in body["Data protection officer"]
    assert "Not stated" not in body["Data protection officer"]
    assert "No decision about you is made solely by automated means." in body["Automated decision-making"]


def test_render_profile_option(capsys: pytest.CaptureFixture[str]) -> None:
    policy = str(ROOT / "policies" / "photo-cdm.yaml")
    assert main(["render", policy]) == 0
    assert "## 2. Data protection or privacy officer" in capsys.readouterr().out
    assert main(["render", policy, "--profile", "ca-pipeda"]) == 0
    out = capsys.readouterr().out
    assert "## 1. Who is accountable for your personal information" in out
    assert main(["render", policy, "--profile", "nowhere"]) == 2
