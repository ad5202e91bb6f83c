"""Output formats: each one parsed back and held to its published contract."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
import xml.etree.ElementTree as ET
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft4Validator, Draft202012Validator

from policyval import cli, reporters
from policyval.check.result import Result, Summary
from policyval.findings import Finding, Severity
from policyval.reporters import Collected, github, text
from policyval.rules import catalogue

ROOT = Path(__file__).resolve().parent.parent
SARIF_SCHEMA = ROOT / "tests" / "data" / "sarif-schema-2.1.0.json"
VALID = ROOT / "tests" / "cases" / "valid" / "complete-gdpr.yaml"
BAD = """\
schema_version: "1.0"
controller:
  legal_name: 42
  country: fr
"""


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository with a good and a bad policy; the run starts at its root."""
    (tmp_path / ".git").mkdir()
    (tmp_path / "policies").mkdir()
    (tmp_path / "policies" / "good.yaml").write_text(VALID.read_text("utf-8"), "utf-8")
    (tmp_path / "policies" / "bad.yaml").write_text(BAD, "utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NO_COLOR", raising=False)
    return tmp_path


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = cli.main(["check", *args])
    return code, capsys.readouterr().out


def report_schema() -> dict[str, Any]:
    text_ = (resources.files("policyval.reporters") / "report-schema" / "report-1.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(text_)
    return data


# -- json ---------------------------------------------------------------------------------


def test_json_report_validates_against_its_shipped_schema(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(capsys, "--format", "json", "policies", "missing.yaml")
    schema = report_schema()
    Draft202012Validator.check_schema(schema)
    data = json.loads(out)
    assert sorted(e.message for e in Draft202012Validator(schema).iter_errors(data)) == []
    assert code == cli.EXIT_ERROR  # missing.yaml is an io/ error
    assert data["version"] == "1"
    assert [f["file"] for f in data["files"]] == ["policies/bad.yaml", "policies/good.yaml"]
    assert data["summary"]["files_checked"] == 2
    rules = [(f["rule"], f["line"], f["column"]) for f in data["findings"]]
    assert ("schema/type", 3, 15) in rules
    assert ("schema/enum", 4, 12) in rules
    assert ("io/not-found", None, None) in rules


def test_json_schema_rejects_a_broken_report(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, out = run(capsys, "--format", "json", "policies")
    data = json.loads(out)
    data["findings"][0]["severity"] = "fatal"
    del data["summary"]["counts"]
    assert len(list(Draft202012Validator(report_schema()).iter_errors(data))) == 2


# -- sarif --------------------------------------------------------------------------------


def sarif_of(capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, Any]:
    _, out = run(capsys, "--format", "sarif", *args)
    data: dict[str, Any] = json.loads(out)
    return data


def test_sarif_validates_against_the_oasis_schema(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    schema = json.loads(SARIF_SCHEMA.read_text("utf-8"))
    assert schema["id"].endswith("/sarif-schema-2.1.0.json")
    data = sarif_of(capsys, "policies", "missing.yaml")
    assert sorted(e.message for e in Draft4Validator(schema).iter_errors(data)) == []
    # The validator is not vacuous: a result without a message is refused.
    del data["runs"][0]["results"][0]["message"]
    assert list(Draft4Validator(schema).iter_errors(data))


def test_sarif_is_what_code_scanning_needs(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run_ = sarif_of(capsys, str(repo / "policies"), "missing.yaml")["runs"][0]
    rules = run_["tool"]["driver"]["rules"]
    results = run_["results"]
    assert {r["id"] for r in rules} == {r["ruleId"] for r in results}
    for rule in rules:
        assert rule["shortDescription"]["text"] and rule["fullDescription"]["text"]
        assert rule["help"]["text"] and rule["help"]["markdown"]
        assert rule["defaultConfiguration"]["level"] in ("error", "warning", "note")
    for result in results:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        location = result["locations"][0]["physicalLocation"]
        uri = location["artifactLocation"]["uri"]
        assert location["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
        # Relative to the repository even though the run was given an absolute path.
        assert not uri.startswith("/") and "\\" not in uri
        if result["ruleId"] == "io/not-found":  # about the whole file: placed at its start
            assert location["region"] == {"startLine": 1, "startColumn": 1}
        else:
            assert uri == "policies/bad.yaml"
            assert location["region"]["startLine"] >= 1 and location["region"]["startColumn"] >= 1
        assert result["partialFingerprints"]["policyval/v1"]


def test_fingerprints_survive_moved_lines(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    def prints() -> dict[str, tuple[str, int]]:
        results = sarif_of(capsys, "policies")["runs"][0]["results"]
        return {
            r["partialFingerprints"]["policyval/v1"]: (
                r["ruleId"],
                r["locations"][0]["physicalLocation"]["region"]["startLine"],
            )
            for r in results
        }

    before = prints()
    bad = repo / "policies" / "bad.yaml"
    bad.write_text("# a comment that moves every line\n\n" + bad.read_text("utf-8"), "utf-8")
    after = prints()
    assert before.keys() == after.keys()
    assert all(after[k][1] == before[k][1] + 2 for k in before)
    # A different finding gets a different fingerprint.
    bad.write_text(bad.read_text("utf-8").replace("country: fr", "country: de"), "utf-8")
    assert prints().keys() != before.keys()


# -- github -------------------------------------------------------------------------------


def test_github_annotations_are_escaped() -> None:
    finding = Finding("odd,name:1.yaml", 3, 5, "schema/enum", Severity.WARNING, "100% wrong\nsecond line", "/a")
    line = github.annotation(finding)
    assert line == (
        "::warning file=odd%2Cname%3A1.yaml,line=3,col=5,title=policyval [schema/enum]"
        "::100%25 wrong%0Asecond line (at /a)"
    )
    whole_file = github.annotation(Finding("x.yaml", 0, 0, "io/unreadable", Severity.ERROR, "no"))
    assert whole_file == "::error file=x.yaml,title=policyval [io/unreadable]::no"
    info = github.annotation(Finding("x.yaml", 1, 1, "baseline/fixed", Severity.INFO, "gone"))
    assert info.startswith("::notice ")


def test_github_format_ends_with_the_text_summary(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(capsys, "--format", "github", "policies")
    lines = out.splitlines()
    assert code == cli.EXIT_FINDINGS
    assert all(line.startswith("::error file=policies/bad.yaml,line=") for line in lines[:-1])
    assert len(lines) == 3
    assert lines[-1] == "Found 2 errors in 1 file (2 files checked)."


# -- junit --------------------------------------------------------------------------------


def test_junit_has_one_testcase_per_file(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, out = run(capsys, "--format", "junit", "policies", "missing.yaml")
    suites = ET.fromstring(out)
    cases = suites.findall("./testsuite/testcase")
    assert [c.get("name") for c in cases] == ["policies/bad.yaml", "policies/good.yaml", "missing.yaml"]
    bad, good, missing = cases
    failure = bad.find("failure")
    assert failure is not None and failure.text is not None
    assert "policies/bad.yaml:3:15: error [schema/type]" in failure.text
    assert len(good) == 0
    assert missing.find("error") is not None
    suite = suites.find("testsuite")
    assert suite is not None
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == ("3", "1", "1")


def collected(file: str, *findings: Finding) -> Collected:
    result = Result(file, findings)
    summary = Summary()
    summary.add(result)
    return Collected([result], summary)


def test_junit_survives_characters_xml_cannot_carry() -> None:
    finding = Finding("a.yaml", 1, 1, "schema/additionalProperties", Severity.ERROR, "unknown key '\x01<&>'")
    warning = Finding("a.yaml", 2, 1, "ref/something", Severity.WARNING, "only a warning")
    xml = reporters.render("junit", collected("a.yaml", finding, warning), root=Path())
    case = ET.fromstring(xml).find("./testsuite/testcase")
    assert case is not None
    failure, out = case.find("failure"), case.find("system-out")
    assert failure is not None and failure.text is not None and "\\x01<&>" in failure.text
    assert out is not None and out.text is not None and "only a warning" in out.text
    strict = ET.fromstring(reporters.render("junit", collected("a.yaml", warning), root=Path(), strict=True))
    assert strict.find("./testsuite/testcase/failure") is not None


# -- text and colour ----------------------------------------------------------------------


def test_colour_only_when_asked_or_on_a_terminal(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, plain = run(capsys, "policies")
    _, never = run(capsys, "--color", "never", "policies")
    _, always = run(capsys, "--color", "always", "policies")
    assert "\x1b[" not in plain and plain == never
    assert "\x1b[31m" in always  # red errors
    assert click_unstyle(always) == plain


def click_unstyle(value: str) -> str:
    import click

    return click.unstyle(value)


def _on_a_terminal(args: list[str], env: dict[str, str], cwd: Path) -> str:
    """policyval's output when its stdout is a terminal (a pseudo-terminal here)."""
    leader, follower = pty.openpty()
    proc = subprocess.run(
        [sys.executable, "-m", "policyval", "check", *args],
        stdout=follower,
        stderr=subprocess.PIPE,
        env=env,
        cwd=cwd,
        timeout=120,
        check=False,
    )
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # EIO: the terminal has no writer left
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    assert proc.returncode == cli.EXIT_FINDINGS, proc.stderr
    return b"".join(chunks).decode("utf-8")


def test_terminal_gets_colour_unless_no_color(repo: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    assert "\x1b[" in _on_a_terminal(["policies"], env, repo)
    assert "\x1b[" not in _on_a_terminal(["policies"], {**env, "NO_COLOR": "1"}, repo)
    assert "\x1b[" in _on_a_terminal(["--color", "always", "policies"], {**env, "NO_COLOR": "1"}, repo)


def test_text_line_format_is_unchanged_without_colour() -> None:
    finding = Finding("a.yaml", 2, 3, "schema/type", Severity.ERROR, "bad", "/x")
    assert text.line(finding) == "a.yaml:2:3: error [schema/type] bad (at /x)"


# -- output file and catalogue ------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github", "junit"])
def test_output_file_gets_the_report_and_stdout_nothing(
    fmt: str, repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = run(capsys, "--format", fmt, "--output", "report.out", "policies")
    assert code == cli.EXIT_FINDINGS
    assert out == ""
    written = (repo / "report.out").read_text("utf-8")
    assert "bad.yaml" in written
    assert [p.name for p in repo.iterdir() if p.name.startswith(".report")] == []  # no temporary left


def test_output_into_a_missing_directory_is_a_usage_error(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = cli.main(["check", "--output", "no/such/dir/report.json", "policies"])
    assert code == cli.EXIT_ERROR
    assert "Traceback" not in capsys.readouterr().err


def test_every_engine_rule_is_described() -> None:
    ids = [r.id for r in catalogue.engine_rules()]
    ids += [f"schema/{k}" for k in ("additionalProperties", "required", "type", "enum", "pattern", "if")]
    for rule_id in [*ids, "nobody/knows-this"]:
        info = catalogue.describe(rule_id)
        assert info.id == rule_id
        assert info.short and info.full and info.help, rule_id
        assert isinstance(info.severity, Severity)
    assert catalogue.describe("file/bom").severity is Severity.WARNING
    assert catalogue.describe("baseline/fixed").severity is Severity.INFO


def test_engine_rule_ids_in_the_code_are_all_catalogued() -> None:
    import re

    sources = (ROOT / "validator" / "policyval").rglob("*.py")
    pattern = r'"((?:yaml|file|io|internal|config|suppression)/[a-z0-9-]+)"'
    used = {m for p in sources for m in re.findall(pattern, p.read_text("utf-8"))}
    assert used, "the engine has yaml/, file/ and io/ rules"
    assert used <= {r.id for r in catalogue.engine_rules()}


def test_semantic_rules_are_described_from_their_registry() -> None:
    from policyval.rules import RULES

    assert RULES
    for rule in RULES:
        info = catalogue.describe(rule.id)
        assert (info.short, info.severity, info.reference) == (rule.summary, rule.strictest, rule.reference)
        assert info.full and "example::" not in info.full, rule.id
        assert dict(info.examples).keys() <= {"passing", "failing"}


def test_sarif_help_shows_a_semantic_rules_examples(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    policy = tmp_path / "p.yaml"
    policy.write_text('schema_version: "1.0"\ncontroller:\n  legal_name: X\n', "utf-8")
    data = sarif_of(capsys, str(policy))
    rules = {r["id"]: r for r in data["runs"][0]["tool"]["driver"]["rules"]}
    assert "contact/missing-contact" in rules
    markdown = rules["contact/missing-contact"]["help"]["markdown"]
    assert "Failing example:\n\n```yaml\n" in markdown
    assert "policyval explain contact/missing-contact" in markdown


def test_sarif_uris_outside_the_repository_and_with_spaces(
    repo: Path, tmp_path_factory: pytest.TempPathFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    outside = tmp_path_factory.mktemp("elsewhere") / "a policy.yaml"
    outside.write_text(BAD, "utf-8")
    (repo / "policies" / "with space.yaml").write_text(BAD, "utf-8")
    results = sarif_of(capsys, str(outside), "policies/with space.yaml")["runs"][0]["results"]
    artifacts = [r["locations"][0]["physicalLocation"]["artifactLocation"] for r in results]
    assert {"uri": outside.as_uri()} in artifacts
    assert {"uri": "policies/with%20space.yaml", "uriBaseId": "%SRCROOT%"} in artifacts


# -- sarif: what sarif-multitool and code scanning want -----------------------------------

SUPPRESSED = """\
schema_version: "1.0"
controller:  # policyval: disable=contact/missing-contact -- contacts are published at launch
  legal_name: Example SAS
"""
MULTITOOL = ROOT / ".ci" / "node" / "node_modules" / "@microsoft" / "sarif-multitool-linux" / "Sarif.Multitool"


def readme_test_command() -> str:
    readme = (ROOT / "README.md").read_text("utf-8")
    section = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    blocks = [b.strip() for b in __import__("re").findall(r"```sh\n(.*?)```", section, flags=__import__("re").S)]
    return blocks[1]


def test_sarif_reports_suppressed_and_baselined_findings_as_suppressions(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (repo / "policies" / "quiet.yaml").write_text(SUPPRESSED, "utf-8")
    assert cli.main(["check", "--write-baseline", "base.json", "policies/bad.yaml"]) == cli.EXIT_OK
    capsys.readouterr()
    data = sarif_of(capsys, "--baseline", "base.json", "policies")
    run_ = data["runs"][0]
    assert run_["tool"]["driver"]["informationUri"] == "https://policyval.dev/"
    by_rule = {
        (r["ruleId"], r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]): r for r in run_["results"]
    }
    inline = by_rule[("contact/missing-contact", "policies/quiet.yaml")]
    assert inline["suppressions"] == [
        {"kind": "inSource", "status": "accepted", "justification": "contacts are published at launch"}
    ]
    accepted = by_rule[("schema/enum", "policies/bad.yaml")]
    assert accepted["suppressions"][0]["kind"] == "external"
    assert accepted["level"] == "error"
    unsuppressed = [r for r in run_["results"] if "suppressions" not in r]
    assert all(r["ruleId"] != "schema/enum" for r in unsuppressed)
    schema = json.loads(SARIF_SCHEMA.read_text("utf-8"))
    assert sorted(e.message for e in Draft4Validator(schema).iter_errors(data)) == []


def test_a_suppressed_finding_keeps_its_fingerprint(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    def prints() -> dict[str, str]:
        results = sarif_of(capsys, "policies/bad.yaml")["runs"][0]["results"]
        return {r["ruleId"]: r["partialFingerprints"]["policyval/v1"] for r in results}

    before = prints()
    bad = repo / "policies" / "bad.yaml"
    bad.write_text(
        bad.read_text("utf-8").replace("country: fr", "country: fr  # policyval: disable=contact/x"), "utf-8"
    )
    bad.write_text(BAD.replace("  legal_name: 42\n", "  legal_name: 42\n"), "utf-8")
    assert prints() == before


def _multitool(sarif: Path) -> tuple[int, str, dict[str, Any]]:
    if not MULTITOOL.is_file():
        pytest.fail(
            f"sarif-multitool is not installed ({MULTITOOL.relative_to(ROOT)} is missing). "
            f"The README's test command installs it:\n  {readme_test_command()}"
        )
    log = sarif.with_suffix(".validation.sarif")
    log.unlink(missing_ok=True)  # the multitool refuses to overwrite its log
    done = subprocess.run(
        [str(MULTITOOL), "validate", "--output", str(log), str(sarif)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env={**os.environ, "DOTNET_CLI_TELEMETRY_OPTOUT": "1"},
    )
    return done.returncode, done.stdout + done.stderr, json.loads(log.read_text("utf-8-sig"))


def test_sarif_multitool_validates_with_no_error_or_warning(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / "policies" / "quiet.yaml").write_text(SUPPRESSED, "utf-8")
    for policy in sorted((ROOT / "policies").glob("*.yaml")):
        (repo / "policies" / policy.name).write_text(policy.read_text("utf-8"), "utf-8")
    assert cli.main(["check", "--write-baseline", "base.json", "policies/cameraux.yaml"]) == cli.EXIT_OK
    target = repo / "policyval.sarif"
    cli.main(["check", "--baseline", "base.json", "--format", "sarif", "-o", str(target), "policies", "missing.yaml"])
    data = json.loads(target.read_text("utf-8"))
    assert any("suppressions" in r for r in data["runs"][0]["results"])  # suppressions are in what is validated
    code, output, log = _multitool(target)
    results = log["runs"][0]["results"]
    complaints = [r for r in results if r.get("level", "warning") in ("error", "warning")]
    assert code == 0 and complaints == [], output
    # Not vacuous: the multitool warns about what policyval used to leave out.
    del data["runs"][0]["tool"]["driver"]["informationUri"]
    target.write_text(json.dumps(data), "utf-8")
    code, output, log = _multitool(target)
    assert [r["ruleId"] for r in log["runs"][0]["results"] if r.get("level", "warning") == "warning"] == ["SARIF2005"]


# -- junit: the Jenkins xunit schema ------------------------------------------------------

JUNIT_XSD = ROOT / "tests" / "data" / "junit-10.xsd"


def test_junit_validates_against_jenkins_xunit_junit_10_xsd(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import xmlschema

    schema = xmlschema.XMLSchema10(str(JUNIT_XSD))
    (repo / "policies" / "odd \x01 name.yaml").write_text("schema_version: '1.0'\nx: [\n", "utf-8")
    _, out = run(capsys, "--format", "junit", "--strict", "policies", "missing.yaml")
    errors = [str(e.reason) for e in schema.iter_errors(out)]
    assert errors == []
    # Not vacuous: the attribute policyval used to write is refused.
    assert list(schema.iter_errors(out.replace('<testcase classname="policyval"', '<testcase file="x"', 1)))


def test_junit_failure_message_says_what_fails(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, out = run(capsys, "--format", "junit", "policies/bad.yaml")
    failure = ET.fromstring(out).find("./testsuite/testcase/failure")
    assert failure is not None
    message = failure.get("message", "")
    assert message.startswith("line 3, column 15: [schema/type] 'legal_name' must be a string")
    assert message.endswith("(and 1 more finding)")
    assert failure.get("type") == "schema/type"


# -- github: repository-relative files and the annotation cap -----------------------------


def test_github_annotates_repository_relative_paths_from_a_subdirectory(
    repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(repo / "policies")
    _, out = run(capsys, "--format", "github", "bad.yaml")
    annotations = [line for line in out.splitlines() if line.startswith("::")]
    assert annotations and all(a.startswith("::error file=policies/bad.yaml,") for a in annotations)


def _many(repo: Path, errors: int, warnings: int) -> None:
    for i in range(errors):  # two errors each
        (repo / "policies" / f"e{i:02d}.yaml").write_text(BAD, "utf-8")
    for i in range(warnings):  # one warning (meta/no-applicable-law) each, no error
        valid = VALID.read_text("utf-8")
        text_ = "\n".join(
            line for line in valid.splitlines() if not line.strip().startswith(("applicable_laws:", "- law:"))
        )
        (repo / "policies" / f"w{i:02d}.yaml").write_text(text_ + "\n", "utf-8")


def test_github_caps_annotations_per_kind_and_says_how_many_are_hidden(
    repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    (repo / "policies" / "bad.yaml").unlink()
    _many(repo, errors=8, warnings=14)
    summary_file = repo / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary_file))
    code, out = run(capsys, "--format", "github", "policies")
    lines = out.splitlines()
    assert code == cli.EXIT_FINDINGS
    errors = [line for line in lines if line.startswith("::error ")]
    warnings = [line for line in lines if line.startswith("::warning ")]
    assert len(errors) == 10 and len(warnings) == 10  # 16 errors, 14 warnings in all
    plain = [line for line in lines if not line.startswith("::")][:-1]
    assert len(plain) == 6 + 4  # the rest stays in the log, as text lines
    assert sum(": error [" in p for p in plain) == 6 and sum(": warning [" in p for p in plain) == 4
    notices = [line for line in lines if line.startswith("::notice ")]
    assert len(notices) == 1
    assert "10 more findings (6 errors, 4 warnings) are not shown as annotations" in notices[0]
    assert lines[-1] == "Found 16 errors, 14 warnings in 22 files (23 files checked)."
    table = summary_file.read_text("utf-8")
    assert table.startswith("### policyval\n\n| File | Line | Severity | Rule | Message |\n")
    assert table.count("\n| policies/") == 30
    assert table.rstrip().endswith("Found 16 errors, 14 warnings in 22 files (23 files checked).")


def test_github_step_summary_cells_are_literal() -> None:
    finding = Finding("a|b.yaml", 3, 1, "schema/enum", Severity.ERROR, "x | <b>y</b> *z*\nnext", "/a")
    from policyval.reporters.github import StepSummary

    summary = StepSummary.__new__(StepSummary)
    rows: list[str] = []
    summary.path, summary.size, summary.rows, summary.left_out = "", 0, 0, 0
    summary._append = rows.append  # type: ignore[method-assign]
    summary.add([(finding, finding.file)])
    row = rows[0].splitlines()[-1]
    assert row == r"| a\|b.yaml | 3 | error | schema/enum | x \| &lt;b&gt;y&lt;/b&gt; \*z\* next (at /a) |"


# -- file names that are not UTF-8 (issue 18, item 8) -------------------------------------


@pytest.fixture
def undecodable(repo: Path) -> Path:
    """A policy whose file name holds the byte 0xff, which is not UTF-8."""
    if sys.platform != "linux":  # pragma: no cover - such names are a POSIX matter
        pytest.fail("run on Linux: file names there are bytes")
    name = os.fsdecode(b"policies/caf\xff.yaml")
    Path(name).write_text(BAD, "utf-8")
    return Path(name)


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github", "junit"])
@pytest.mark.parametrize("to_file", [False, True])
def test_an_undecodable_file_name_never_aborts_a_report(fmt: str, to_file: bool, undecodable: Path, repo: Path) -> None:
    args = ["--format", fmt, *(["-o", "report.out"] if to_file else []), "policies"]
    # A process of its own: its stdout is a real pipe with the strict UTF-8 a UTF-8 locale gives.
    env = {**os.environ, "LC_ALL": "C.UTF-8", "PYTHONUTF8": "0"}
    env.pop("PYTHONIOENCODING", None)
    done = subprocess.run(
        [sys.executable, "-m", "policyval", "check", *args], capture_output=True, env=env, timeout=120, check=False
    )
    assert done.returncode == cli.EXIT_FINDINGS, done.stderr.decode("utf-8", "replace")
    written = (repo / "report.out").read_bytes() if to_file else done.stdout
    if fmt == "json":
        data = json.loads(written)
        assert os.fsdecode(b"policies/caf\xff.yaml") in [f["file"] for f in data["files"]]  # the very name, back
    elif fmt == "sarif":
        uris = [
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            for r in json.loads(written)["runs"][0]["results"]
        ]
        assert "policies/caf%FF.yaml" in uris  # the name's bytes, percent-encoded
    elif fmt == "junit":
        names = [c.get("name") for c in ET.fromstring(written).iter("testcase")]
        assert "policies/caf\\xff.yaml" in names
    else:
        # Shown as the escape of its byte, as JUnit does: a raw 0x80-0x9f byte could be read by a
        # terminal as a C1 control (0x9b is CSI), so no undecodable byte reaches a terminal or a log.
        assert b"policies/caf\\xff.yaml" in written


def test_an_undecodable_file_name_survives_a_baseline(undecodable: Path, repo: Path) -> None:
    assert cli.main(["check", "--write-baseline", "base.json", "policies"]) == cli.EXIT_OK
    entries = json.loads((repo / "base.json").read_text("utf-8"))["entries"]
    assert os.fsdecode(b"policies/caf\xff.yaml") in {e["file"] for e in entries}
    assert cli.main(["check", "--baseline", "base.json", "policies"]) == cli.EXIT_OK


@pytest.mark.parametrize("fmt", ["html", "markdown"])
def test_an_undecodable_file_name_survives_report_output(fmt: str, undecodable: Path, repo: Path) -> None:
    assert cli.main(["report", "--format", fmt, "-o", "matrix.out", "policies"]) in (cli.EXIT_OK, cli.EXIT_FINDINGS)
    assert b"caf" in (repo / "matrix.out").read_bytes()


def test_sarif_lists_each_item_of_a_grouped_finding_as_a_related_location(tmp_path: Path) -> None:
    from policyval.reporters import sarif

    grouped = Finding(
        "p.yaml",
        3,
        5,
        "basis/no-legal-basis",
        Severity.ERROR,
        "2 purposes have no legal basis: a, b",
        "/purposes/0",
        ((7, 5, "/purposes/1"),),
    )
    parts: list[str] = []
    report = sarif.Report(parts.append, tmp_path)
    result = Result("p.yaml", (grouped,))
    summary = Summary()
    summary.add(result)
    report.file(result)
    report.end(summary)
    data = json.loads("".join(parts))
    [entry] = data["runs"][0]["results"]
    [related] = entry["relatedLocations"]
    assert related["physicalLocation"]["region"] == {"startLine": 7, "startColumn": 5}
    assert related["message"]["text"] == "also at /purposes/1"
    schema = json.loads(SARIF_SCHEMA.read_text("utf-8"))
    assert sorted(e.message for e in Draft4Validator(schema).iter_errors(data)) == []
