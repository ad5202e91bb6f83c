"""The DPV extract: the W3C DPV 2.3 CSV files -> schema/vocab/dpv-2.3.json (and its licence).

Run only when the CSVs are at hand (``python tools/generate.py --vocab ../shared/vocab/dpv-2.3``);
the extract is committed, so generating the schemas never needs them.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

from schemagen.v1_0 import DPV_NOTICE, RIGHTS

# EU 27 plus Iceland, Liechtenstein and Norway. DPV's loc module names the EEA but does
# not list its members, so the list is kept here with the date it was checked.
EEA_MEMBERS = sorted(
    "AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE IS LI NO".split()  # noqa: SIM905
)
# Countries with a European Commission adequacy decision (Art. 45 GDPR), as of 2026.
# Canada's covers commercial organisations (PIPEDA); the US one covers only DPF-certified
# organisations, which a policy must say, so US is deliberately not listed.
ADEQUACY = sorted(["AD", "AR", "CA", "FO", "GG", "IL", "IM", "JP", "JE", "NZ", "KR", "CH", "GB", "UY"])


def read(vocab: Path, rel: str) -> list[dict[str, str]]:
    with (vocab / rel).open(encoding="utf-8", newline="") as fh:
        return [row for row in csv.DictReader(fh) if row.get("type") == "class"]


def terms(vocab: Path, rel: str, prefix: str, *, dpvtype: str | None = None) -> list[dict[str, str]]:
    rows = read(vocab, rel)
    if dpvtype is not None:
        rows = [r for r in rows if r["dpvtype"].endswith(dpvtype)]
    return [{"id": f"{prefix}:{r['term']}", "label": r["label"]} for r in rows]


def build(vocab: Path) -> dict[str, Any]:
    loc = read(vocab, "loc/loc.csv")
    countries = [{"id": r["term"], "label": r["label"]} for r in loc if r["dpvtype"].endswith("#Country")]
    regions = [{"id": r["term"], "label": r["label"]} for r in loc if r["dpvtype"].endswith("#Region")]
    gdpr_bases = terms(vocab, "eu-gdpr/legal_basis.csv", "eu-gdpr")
    gdpr_bases = [t for t in gdpr_bases if t["id"] != "eu-gdpr:Consent"]
    art9 = terms(vocab, "eu-gdpr/legal_basis_special.csv", "eu-gdpr")
    dpv_bases = [
        t
        for t in terms(vocab, "dpv/legal_basis.csv", "dpv")
        if t["id"] not in {"dpv:LegalBasis", "dpv:DataTransferLegalBasis"}
    ]
    mapping: dict[str, list[str]] = {}
    with (vocab / "eu-gdpr/legal_basis_rights_mapping.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            basis = "eu-gdpr:" + row["legal_basis"].rsplit("#", 1)[1]
            mapping.setdefault(basis, []).append("eu-gdpr:" + row["right"].rsplit("#", 1)[1])
    personal_data = terms(vocab, "pd/core.csv", "pd") + terms(vocab, "pd/extended.csv", "pd")
    personal_data += terms(vocab, "dpv/personal_data.csv", "dpv")
    tom = (
        terms(vocab, "dpv/technical_measures.csv", "dpv")
        + terms(vocab, "dpv/organisational_measures.csv", "dpv")
        + terms(vocab, "dpv/physical_measures.csv", "dpv")
        + terms(vocab, "dpv/TOM.csv", "dpv")
    )
    return {
        "license": DPV_NOTICE,
        "countries": countries,
        "regions": regions,
        "supranational": [{"id": "EEA", "label": "European Economic Area"}, {"id": "EU", "label": "European Union"}],
        "eea_members": EEA_MEMBERS,
        "adequacy_countries": ADEQUACY,
        "legal_bases_art6": gdpr_bases,
        "legal_bases_art9": art9,
        "legal_bases_dpv": dpv_bases,
        "legal_basis_rights": mapping,
        "rights": [{"id": k, "dpv": v[0], "description": v[1]} for k, v in RIGHTS.items()],
        "transfer_terms": terms(vocab, "eu-gdpr/data_transfers.csv", "eu-gdpr")
        + terms(vocab, "eu-gdpr/legal_basis_data_transfer.csv", "eu-gdpr"),
        "personal_data": personal_data,
        "purposes": terms(vocab, "dpv/purposes.csv", "dpv"),
        "data_subjects": terms(vocab, "dpv/entities_datasubject.csv", "dpv"),
        "measures": tom,
    }


def outputs(vocab: Path, root: Path) -> dict[Path, str]:
    """The extract and the DPV licence notice beside it."""
    extract = json.dumps(build(vocab), indent=1, ensure_ascii=False) + "\n"
    return {
        root / "schema" / "vocab" / "dpv-2.3.json": extract,
        root / "schema" / "vocab" / "LICENSE-DPV.md": (vocab / "LICENSE.md").read_text("utf-8"),
    }
