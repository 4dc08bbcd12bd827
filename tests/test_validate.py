"""Tests for pipeline.validate: the SHACL shapes accept the samples' graph and catch broken extractions."""

from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import SDO, XSD

from pipeline.batch import ingest
from pipeline.cli import app
from pipeline.ingest import read_articles
from pipeline.iris import NG, relation_iri
from pipeline.records import BatchReport
from pipeline.store import GraphStore
from pipeline.triples import to_graph
from pipeline.validate import validate_graph, validate_store
from test_triples import build_extraction

ROOT = Path(__file__).resolve().parents[1]
EXTRACTION = build_extraction("a1")
PURCHASE = URIRef(relation_iri("a1", EXTRACTION.relations[0].key()))
AMOUNT = URIRef(f"{PURCHASE}/amount")
SCHEMA = SDO._NS


@pytest.fixture(scope="module")
def samples_store(nlp_de):
    store = GraphStore()
    ingest(read_articles([ROOT / "data" / "raw"], BatchReport()), nlp_de, store, BatchReport())
    return store


def test_the_graph_built_from_the_samples_conforms(samples_store):
    report = validate_store(samples_store)
    assert report.violations == () and report.conforms
    assert len(samples_store.articles()) >= 10


def broken(change) -> Graph:
    graph = to_graph(EXTRACTION)
    change(graph)
    return graph


@pytest.mark.parametrize(
    ("change", "path", "message"),
    [
        (lambda g: g.remove((PURCHASE, NG.buyer, None)), NG.buyer, "exactly one buyer"),
        (lambda g: g.add((PURCHASE, NG.buyer, URIRef("https://w3id.org/newsgraph/entity/org/zweiter"))), NG.buyer,
         "exactly one buyer"),
        (lambda g: g.remove((PURCHASE, NG.vendor, None)), NG.vendor, "at least one vendor"),
        (lambda g: g.set((AMOUNT, SCHEMA.value, Literal(1.2e10))), SCHEMA.value, "xsd:decimal value"),
        (lambda g: g.set((AMOUNT, SCHEMA.currency, Literal("Euro"))), SCHEMA.currency, "ISO 4217"),
        (lambda g: g.remove((AMOUNT, SCHEMA.currency, None)), SCHEMA.currency, "ISO 4217"),
        (lambda g: g.remove((PURCHASE, NG.sourceArticle, None)), NG.sourceArticle, "source article"),
        (lambda g: g.remove((PURCHASE, NG.evidence, None)), NG.evidence, "evidence sentence"),
        (lambda g: g.set((PURCHASE, NG.confidence, Literal(Decimal("1.5"), datatype=XSD.decimal))), NG.confidence, ""),
    ],
)
def test_a_broken_extraction_is_named_with_its_path(change, path, message):
    report = validate_graph(broken(change))
    assert not report.conforms
    assert any(v.path == str(path) and message in v.message and v.severity == "Violation" for v in report.violations)


def test_the_unchanged_extraction_conforms():
    assert validate_graph(to_graph(EXTRACTION)).conforms


def test_the_cli_exits_1_on_a_store_that_does_not_conform(runner, tmp_path):
    with GraphStore(tmp_path / "good") as store:
        store.replace_article("a1", to_graph(EXTRACTION))
    with GraphStore(tmp_path / "bad") as store:
        store.replace_article("a1", broken(lambda g: g.remove((PURCHASE, NG.buyer, None))))
    good = runner.invoke(app, ["validate", "--store", str(tmp_path / "good")])
    assert good.exit_code == 0 and "conforms" in good.stderr
    bad = runner.invoke(app, ["validate", "--store", str(tmp_path / "bad"), "--format", "json"])
    assert bad.exit_code == 1 and "does not conform: 1 result" in bad.stderr
    assert str(NG.buyer) in bad.stdout
