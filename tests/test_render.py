"""policyval render: a notice in Art. 13 order that shows gaps honestly, checked in a real browser."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import sync_playwright

from policyval.check.load import load_text
from policyval.cli import main
from policyval.publish import notice as render

ROOT = Path(__file__).resolve().parent.parent
POLICIES = sorted((ROOT / "policies").glob("*.yaml"))
COMPLETE = ROOT / "tests" / "cases" / "valid" / "complete-gdpr.yaml"
ARTIFACTS = ROOT / "tests" / "artifacts"
STRUCTURES = render.STRUCTURES
TITLES = [part.title for part in STRUCTURES["gdpr"].parts]
# The structure each seed's declared laws give its notice (photo-cdm declares none).
SEED_STRUCTURES = {
    "cameraux": "gdpr",
    "planorama": "gdpr",
    "smartphone-id": "gdpr",
    "cell-expert": "ca-pipeda",
    "photo-cdm": "baseline",
}


def titles(structure: str) -> list[str]:
    return [part.title for part in STRUCTURES[structure].parts]


# The system's browser (Playwright's own builds are downloads from outside the package registries).
BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
INSTALL_BROWSER = (
    "no Chromium found (looked for {names} on PATH). This test renders notices in a real browser and "
    "cannot run without one; install it from your system's packages: `sudo apt-get install chromium` "
    "(Debian, Ubuntu), `sudo dnf install chromium` (Fedora), `brew install --cask chromium` (macOS)"
)
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def data(path: Path) -> dict[str, Any]:
    loaded: dict[str, Any] = load_text(path.read_text("utf-8")).data
    return loaded


def sections(markdown: str) -> dict[str, str]:
    """Section title -> its Markdown body."""
    parts = re.split(r"^## \d+\. (.+)$", markdown, flags=re.M)
    return dict(zip(parts[1::2], parts[2::2], strict=True))


def test_sections_follow_article_13_order() -> None:
    text = render.render(data(COMPLETE), "markdown")
    assert re.findall(r"^## \d+\. (.+)$", text, flags=re.M) == TITLES
    articles = re.findall(r"^\*GDPR (Art\. [^*]+)\*$", text, flags=re.M)
    assert articles[:4] == ["Art. 13(1)(a)", "Art. 13(1)(b)", "Art. 13(1)(c)", "Art. 13(1)(d)"]
    assert articles[-1] == "Art. 13(2)(f)"


def test_complete_policy_tables_and_no_gaps() -> None:
    body = sections(render.render(data(COMPLETE), "markdown"))
    assert "Not stated" not in "".join(body.values())
    assert "| Example Shop SAS" not in body[TITLES[0]]
    assert "Example Shop SAS is responsible." in body[TITLES[0]]
    assert "| E-mail | privacy@shop.example.fr |" in body[TITLES[0]]
    assert "Data Protection Officer — E-mail: dpo@shop.example.fr" in body[TITLES[1]]
    purposes = body[TITLES[2]]
    assert "| Purpose | Personal data used | Legal basis |" in purposes
    assert "| Preventing payment fraud | payment card details | Art 6(1-f) legitimate interest |" in purposes
    assert "Protecting the shop and its customers against payment fraud" in body[TITLES[3]]
    assert "| Example Cloud Inc. | processor | United States of America |" in body[TITLES[5]]
    assert "| United States of America | standard contractual clauses | Example Cloud Inc. |" in body[TITLES[6]]
    retention = body[TITLES[7]]
    assert (
        "| payment card details | Keeping the accounting records the law requires | 10 years | deletion |" in retention
    )
    assert (
        "| name, e-mail and postal address | Taking, delivering and invoicing orders | 3 years from the last order"
        in (retention)
    )
    rights = body[TITLES[8]]
    assert "| Access to your data | Right of access to the personal data" in rights
    assert "Data Protection Officer (E-mail: dpo@shop.example.fr) | proof of identity |" in rights
    assert "You can complain to CNIL (France), https://www.cnil.fr." in body[TITLES[10]]
    assert "| payment card details | yes, it is required |" in body[TITLES[11]]
    assert "No decision about you is made solely by automated means." in body[TITLES[12]]


def test_gaps_are_stated_not_invented() -> None:
    policy = data(COMPLETE)
    policy["retention"] = [r for r in policy["retention"] if r["data_categories"] != ["usage"]]
    del policy["contacts"]
    policy["purposes"][3].pop("legitimate_interest")
    policy["automated_decision_making"] = {"status": "not_stated"}
    body = sections(render.render(policy, "markdown"))
    assert "The policy does not say how long pages visited and device information is kept." in body[TITLES[7]]
    assert "The policy does not name a data protection officer or privacy officer." in body[TITLES[1]]
    assert "relies on legitimate interests for 'Preventing payment fraud' but does not say" in body[TITLES[3]]
    assert "does not say whether decisions about you are made by automated means" in body[TITLES[12]]
    # the rights that pointed at the removed DPO now say so, rather than inventing a channel
    assert (
        "The policy does not say how to exercise this right (it refers to 'dpo', which it does not describe)."
        in body[TITLES[8]]
    )


def test_policy_text_is_escaped() -> None:
    policy = data(COMPLETE)
    policy["controller"]["legal_name"] = "<script>alert(1)</script> | *Shop*"
    html = render.render(policy, "html")
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; | *Shop*" in html
    markdown = render.render(policy, "markdown")
    assert r"\<script\>alert(1)\</script\> \| \*Shop\*" in markdown


@pytest.mark.parametrize("policy", POLICIES, ids=lambda p: p.stem)
def test_seed_notice_has_every_section_of_its_structure(policy: Path) -> None:
    text = render.render(data(policy), "markdown")
    assert re.findall(r"^## \d+\. (.+)$", text, flags=re.M) == titles(SEED_STRUCTURES[policy.stem])


def test_seed_notices_say_what_the_policies_say() -> None:
    notices = {p.stem: sections(render.render(data(p), "markdown")) for p in POLICIES}
    assert "CVDM SOLUTIONS (also known as Planorama) is responsible." in notices["planorama"][TITLES[0]]
    assert "dpr@planorama.com" in notices["planorama"][TITLES[1]]
    assert "United States of America" in notices["planorama"][TITLES[6]]
    assert "CAMERAUX SOFTWARE is responsible." in notices["cameraux"][TITLES[0]]
    assert "6 months" in notices["smartphone-id"][TITLES[7]]
    # cell-expert's text never gives its legal name; the notice says so instead of guessing
    pipeda = titles("ca-pipeda")
    assert "The policy does not name the organisation responsible" in notices["cell-expert"][pipeda[0]]
    assert "Challenging compliance" in notices["cell-expert"][pipeda[8]]


def test_cli_writes_file_and_never_overwrites_the_policy(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out" / "notice.html"
    assert main(["render", str(COMPLETE), "--format", "html", "--output", str(out)]) == 0
    assert out.read_text("utf-8").startswith("<!DOCTYPE html>")
    copy = tmp_path / "policy.yaml"
    copy.write_bytes(COMPLETE.read_bytes())
    assert main(["render", str(copy), "--output", str(copy)]) == 2
    assert copy.read_bytes() == COMPLETE.read_bytes()
    capsys.readouterr()
    assert main(["render", str(COMPLETE)]) == 0
    assert capsys.readouterr().out.startswith("# Example Shop privacy notice")


def test_cli_refuses_a_malformed_policy(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text('schema_version: "1.0"\ncontroller: [not, a, mapping]\n', "utf-8")
    assert main(["render", str(bad)]) == 1
    err = capsys.readouterr().err
    assert "[schema/type]" in err
    assert "must pass the schema check" in err
    assert main(["render", str(tmp_path / "missing.yaml")]) == 2


def chromium() -> str:
    """The system's Chromium; the test fails, saying what to install, when there is none."""
    for name in BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    pytest.fail(INSTALL_BROWSER.format(names=", ".join(BROWSERS)))


def test_a_missing_browser_fails_and_says_what_to_install(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # a PATH with no browser on it
    with pytest.raises(pytest.fail.Exception, match=r"install it .*sudo apt-get install chromium"):
        chromium()


def test_html_notice_in_headless_chromium(tmp_path: Path) -> None:
    """The page loads in a real browser, shows every section in order, and logs no error."""
    executable = chromium()
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            for policy in [COMPLETE, *POLICIES]:
                page_file = tmp_path / f"{policy.stem}.html"
                assert main(["render", str(policy), "--format", "html", "-o", str(page_file)]) == 0
                page = browser.new_page()
                problems: list[str] = []
                page.on("console", lambda m, p=problems: p.append(m.text) if m.type in ("error", "warning") else None)
                page.on("pageerror", lambda e, p=problems: p.append(str(e)))
                page.on("requestfailed", lambda r, p=problems: p.append(f"request failed: {r.url}"))
                page.goto(page_file.as_uri())
                headings = [h.split(". ", 1)[1] for h in page.locator("section > h2").all_inner_texts()]
                structure = SEED_STRUCTURES.get(policy.stem, "gdpr")
                articles = [p.reference for p in STRUCTURES[structure].parts if p.reference]
                laws = [f"{STRUCTURES[structure].law} {a}".strip() for a in articles]
                shown = page.locator("section > h2 > span.article").all_inner_texts()
                assert shown == laws
                assert [_strip(h, laws) for h in headings] == titles(structure)
                where = "section#retention" if structure in ("gdpr", "baseline") else "section#use"
                assert page.locator(f"{where} table").count() >= (1 if data(policy).get("retention") else 0)
                assert page.title() == render.notice(data(policy))["title"]
                assert problems == []
                page.screenshot(path=str(ARTIFACTS / f"notice-{policy.stem}.png"), full_page=True)
                page.close()
        finally:
            browser.close()
    assert (ARTIFACTS / "notice-complete-gdpr.png").stat().st_size > 10_000


def _strip(heading: str, references: list[str]) -> str:
    """A heading without the reference the page shows beside it."""
    for reference in references:
        if heading.endswith(reference):
            return heading.removesuffix(reference).strip()
    return heading.strip()


def test_every_kind_of_basis_is_classified_as_check_classifies_it(capsys: pytest.CaptureFixture[str]) -> None:
    # Today's main (741efb1): check reported the legitimate-interest and consent problems of
    # these bases, while the notice said "No purpose relies on legitimate interests / consent".
    case = str(ROOT / "tests" / "cases" / "publish" / "basis-variants.yaml")
    main(["check", case])
    found = capsys.readouterr().out
    assert "[basis/no-legitimate-interest]" in found and "[basis/consent-without-withdrawal]" in found
    assert main(["render", case]) == 0
    notice = capsys.readouterr().out
    assert "No purpose relies on legitimate interests." not in notice
    assert "No purpose relies on consent." not in notice
    assert "relies on legitimate interests for 'fraud checks for our card partners'" in notice
    assert "Consent is the basis for: the newsletter." in notice
