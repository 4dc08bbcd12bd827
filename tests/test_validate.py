"""Tests for pipeline.graph.validate: the SHACL shapes accept the samples' graph and catch broken extractions."""

from decimal import Decimal

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import SDO, XSD

from conftest import ROOT, build_extraction
from pipeline.apps.cli import app
from pipeline.core.errors import StoreError
from pipeline.core.iris import NG, graph_iri, relation_iri
from pipeline.core.records import BatchReport
from pipeline.extract.readers import read_articles
from pipeline.graph.store import GraphStore, open_read_only
from pipeline.graph.triples import to_graph
from pipeline.graph.validate import check_store, validate_graph, validate_store
from pipeline.run.batch import ingest

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
    german = list((ROOT / "data" / "raw").glob("*.de.txt"))  # the English and the French sample are left out
    assert german and len(samples_store.articles()) == len(german)


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


GRAPH = f"<{graph_iri('a1')}>"
STRAY = "<https://w3id.org/newsgraph/relation/a1/stray>"
# Each damage (a SPARQL update), the check it must trip, and the subject it must name.
DAMAGES = [
    (f"INSERT DATA {{ GRAPH {GRAPH} {{ {STRAY} ng:evidence \"Ein Satz.\" }} {STRAY} ng:evidence \"Ein Satz.\" }}",
     "relation-without-article", STRAY[1:-1]),
    (f"INSERT DATA {{ GRAPH <{graph_iri('gone')}> {{ <urn:x> <urn:y> <urn:z> }} <urn:x> <urn:y> <urn:z> }}",
     "article-graph-without-article", graph_iri("gone")),
    (f"INSERT DATA {{ GRAPH {GRAPH} {{ <urn:x> <urn:y> <urn:z> }} }}", "missing-from-merged-view", "urn:x"),
    ("INSERT DATA { <urn:x> <urn:y> <urn:z> }", "not-from-any-article", "urn:x"),
    (f"DELETE {{ GRAPH {GRAPH} {{ <{AMOUNT}> schema:value ?v }} <{AMOUNT}> schema:value ?v }}"
     f"INSERT {{ GRAPH {GRAPH} {{ <{AMOUNT}> schema:value \"-5E9\"^^xsd:decimal }} <{AMOUNT}> schema:value \"-5E9\"^^xsd:decimal }}"
     f"WHERE {{ <{AMOUNT}> schema:value ?v }}",
     "bad-amount", str(AMOUNT)),
]


def test_check_finds_no_problem_in_the_samples(samples_store):
    report = check_store(samples_store)
    assert report.ok, report.rows()
    assert report.articles == len(samples_store.articles()) > 10
    assert set(report.counts) >= {"relation-without-article", "bad-amount", "missing-from-merged-view", "shacl"}


@pytest.mark.parametrize(("damage", "check", "subject"), DAMAGES, ids=[d[1] for d in DAMAGES])
def test_check_finds_each_kind_of_damage(damage, check, subject):
    store = GraphStore()
    store.replace_article("a1", to_graph(EXTRACTION))
    assert check_store(store).ok
    store.update(damage)
    report = check_store(store)
    assert not report.ok
    assert report.counts[check] == 1
    assert any(problem.check == check and problem.subject == subject for problem in report.problems)


def test_check_cli_reads_a_store_without_changing_it(runner, tmp_path):
    directory = tmp_path / "store"
    with GraphStore(directory) as store:
        store.replace_article("a1", to_graph(EXTRACTION))
        store.update(DAMAGES[3][0])
    before = {path: path.read_bytes() for path in directory.rglob("*") if path.is_file()}
    result = runner.invoke(app, ["check", "--store", str(directory), "--format", "json"])
    assert result.exit_code == 1
    assert "problems found: not-from-any-article 1" in result.stderr
    assert '"subject": "urn:x"' in result.stdout
    assert {path: path.read_bytes() for path in directory.rglob("*") if path.is_file()} == before


def test_a_read_only_store_refuses_writes(tmp_path):
    with GraphStore(tmp_path / "store") as writer:
        writer.replace_article("a1", to_graph(EXTRACTION))
    reader = open_read_only(tmp_path / "store")
    assert reader.articles() == ["a1"]
    with pytest.raises(StoreError, match="read-only"):
        reader.replace_article("a2", to_graph(build_extraction("a2")))
    with pytest.raises(StoreError, match="No graph store"):
        open_read_only(tmp_path / "missing")
