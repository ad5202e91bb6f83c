"""DPV JSON-LD export, read back by a JSON-LD processor (rdflib) and checked as triples."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from rdflib import RDF, RDFS, Graph, Literal, Namespace, URIRef

from policyval.check.load import load_text
from policyval.cli import main
from policyval.publish.jsonld import to_jsonld

ROOT = Path(__file__).resolve().parent.parent
POLICIES = sorted((ROOT / "policies").glob("*.yaml"))
COMPLETE = ROOT / "tests" / "cases" / "valid" / "complete-gdpr.yaml"
DPV = Namespace("https://w3id.org/dpv#")
PD = Namespace("https://w3id.org/dpv/pd#")
GDPR = Namespace("https://w3id.org/dpv/legal/eu/gdpr#")
LOC = Namespace("https://w3id.org/dpv/loc#")
DCT = Namespace("http://purl.org/dc/terms/")
LICENSE = URIRef("https://www.w3.org/copyright/software-license-2023/")


def data(path: Path) -> dict[str, Any]:
    loaded: dict[str, Any] = load_text(path.read_text("utf-8")).data
    return loaded


def graph(document: dict[str, Any]) -> Graph:
    return Graph().parse(data=json.dumps(document), format="json-ld")


def test_complete_policy_triples() -> None:
    g = graph(to_jsonld(data(COMPLETE)))
    notice = URIRef("https://shop.example.fr/privacy")
    base = "https://shop.example.fr/privacy#"
    assert (notice, RDF.type, DPV.PrivacyNotice) in g
    assert (notice, DCT.license, LICENSE) in g
    assert "W3C Data Privacy Vocabulary (DPV) 2.3" in str(g.value(notice, RDFS.comment))
    controller = URIRef(base + "controller-main")
    assert (notice, DPV.hasDataController, controller) in g
    assert (controller, DPV.hasName, Literal("Example Shop SAS")) in g
    assert (controller, DPV.hasLocation, LOC.FR) in g
    assert set(g.objects(notice, DPV.hasRight)) == {
        GDPR[a] for a in ("A15", "A16", "A17", "A18", "A20", "A21", "A22", "A7-3", "A77")
    }
    orders = URIRef(base + "process-orders")
    assert (notice, DPV.hasProcess, orders) in g
    assert (orders, DPV.hasLegalBasis, GDPR["A6-1-b"]) in g
    purpose = g.value(orders, DPV.hasPurpose)
    assert (purpose, RDF.type, DPV.CustomerOrderManagement) in g
    assert set(g.objects(orders, DPV.hasPersonalData)) == {URIRef(base + "data-contact"), URIRef(base + "data-payment")}
    assert (URIRef(base + "data-payment"), RDF.type, PD.PaymentCard) in g
    assert set(g.objects(orders, DPV.hasRecipient)) == {
        URIRef(base + r) for r in ("recipient-psp", "recipient-carrier", "recipient-hosting")
    }
    assert (URIRef(base + "recipient-hosting"), RDF.type, DPV.DataProcessor) in g
    assert (URIRef(base + "recipient-hosting"), DPV.hasLocation, LOC.US) in g
    durations = {str(g.value(s, DPV.hasDuration)) for s in g.objects(orders, DPV.hasStorageCondition)}
    assert durations == {"P3Y", "P1Y1M"}  # P13M as rdflib normalises an xsd:duration


@pytest.mark.parametrize("policy", POLICIES, ids=lambda p: p.stem)
def test_every_seed_exports_parseable_dpv_with_its_licence(policy: Path) -> None:
    g = graph(to_jsonld(data(policy)))
    [notice] = g.subjects(RDF.type, DPV.PrivacyNotice)
    assert (notice, DCT.license, LICENSE) in g
    # One process per purpose, and one per transfer.
    loaded = data(policy)
    assert len(list(g.objects(notice, DPV.hasProcess))) == len(loaded.get("purposes", [])) + len(
        loaded.get("transfers", [])
    )


# publish/ reads schema 1.0's fields only; the seeds are now encoded in 1.1, where planorama's
# legal bases are policy-level (legal_bases) and smartphone-id states consent there. The lead
# engineer adapts publish to 1.1 (issue 11); until then these facts hold for the 1.0 encodings,
# which publish must keep reading, and the 1.1 run is an expected failure that must start to pass.
SEED_DIRS = [
    pytest.param(ROOT / "tests" / "data" / "policies-1.0", id="1.0"),
    pytest.param(ROOT / "policies", id="1.1"),
]


@pytest.mark.parametrize("seeds", SEED_DIRS)
def test_seed_policy_facts_as_triples(seeds: Path) -> None:
    by_name = {p.stem: graph(to_jsonld(data(p))) for p in sorted(seeds.glob("*.yaml"))}
    planorama = by_name["planorama"]
    assert (None, DPV.hasName, Literal("CVDM SOLUTIONS")) in planorama
    assert (None, DPV.hasLegalBasis, GDPR["A6-1-b"]) in planorama
    assert (None, DPV.hasRight, GDPR["A77"]) in planorama
    smartphone = by_name["smartphone-id"]
    assert {str(o) for o in smartphone.objects(None, DPV.hasDuration)} == {"P6M"}


def test_export_command_writes_one_document_per_policy(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--format", "dpv-jsonld", *map(str, POLICIES)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == len(POLICIES)
    for line in lines:
        g = graph(json.loads(line))
        assert len(list(g.subjects(RDF.type, DPV.PrivacyNotice))) == 1
