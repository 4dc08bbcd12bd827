"""Tests for pipeline.store: named graphs per article, files, SPARQL errors."""

import os
import re

import pytest
from rdflib import Dataset, Graph, URIRef
from rdflib.compare import isomorphic

from pipeline.errors import QuerySyntaxError, StoreError
from pipeline.iris import entity_iri, graph_iri
from pipeline.records import Relation
from pipeline.store import TRIG_FILE, TURTLE_FILE, GraphStore
from pipeline.triples import to_graph
from test_triples import build_extraction

TIKTOK = Relation("OWNERSHIP", {"owner": "ByteDance", "owned": "TikTok"}, "TikTok gehört ByteDance.", 0, 24, 0.9)


def _quads(store: GraphStore) -> set:
    return set(store)


def test_replace_article_puts_the_graph_in_the_article_named_graph():
    store = GraphStore()
    graph = to_graph(build_extraction("a1"))
    assert store.replace_article("a1", graph) == len(graph)
    assert _quads(store) == {(*triple, URIRef(graph_iri("a1"))) for triple in graph}
    assert store.has_article("a1") and not store.has_article("a2")
    assert store.articles() == ["a1"]
    assert len(store) == len(graph)


def test_replace_article_replaces_only_that_article():
    store = GraphStore()
    store.replace_article("a1", to_graph(build_extraction("a1")))
    store.replace_article("a2", to_graph(build_extraction("a2")))
    before = {quad for quad in store if quad[3] == URIRef(graph_iri("a2"))}

    updated = to_graph(build_extraction("a1", relations=(TIKTOK,)))
    store.replace_article("a1", updated)

    assert {quad for quad in store if quad[3] == URIRef(graph_iri("a2"))} == before
    assert {quad[:3] for quad in store if quad[3] == URIRef(graph_iri("a1"))} == set(updated)
    assert store.articles() == ["a1", "a2"]


def test_adding_the_same_extraction_twice_gives_an_isomorphic_dataset():
    once, twice = GraphStore(), GraphStore()
    once.replace_article("a1", to_graph(build_extraction("a1")))
    for _ in range(2):
        twice.replace_article("a1", to_graph(build_extraction("a1")))
    assert _quads(once) == _quads(twice)
    assert isomorphic(once.merged(), twice.merged())


def test_remove_article_keeps_entities_other_articles_state():
    store = GraphStore()
    store.replace_article("a1", to_graph(build_extraction("a1")))
    store.replace_article("a2", to_graph(build_extraction("a2", relations=(TIKTOK,))))
    assert store.remove_article("a1") is True
    assert store.remove_article("a1") is False
    assert store.articles() == ["a2"]
    bytedance = URIRef(entity_iri("ByteDance", "ORG"))
    assert (bytedance, None, None) in store.merged()


def test_len_counts_quads_so_shared_entity_triples_count_per_article():
    store = GraphStore()
    first = to_graph(build_extraction("a1"))
    second = to_graph(build_extraction("a2"))
    store.replace_article("a1", first)
    store.replace_article("a2", second)
    assert len(store) == len(first) + len(second)
    assert len(store.merged()) < len(store)


def test_save_and_reopen_gives_the_same_quads(tmp_path):
    store = GraphStore(tmp_path / "graph")
    store.replace_article("a1", to_graph(build_extraction("a1")))
    store.replace_article("a2", to_graph(build_extraction("a2", relations=(TIKTOK,))))
    store.save()

    reopened = GraphStore(tmp_path / "graph")
    assert _quads(reopened) == _quads(store)
    assert reopened.articles() == ["a1", "a2"]
    assert sorted(os.listdir(tmp_path / "graph")) == [TRIG_FILE, TURTLE_FILE]


def test_saved_files_are_a_dataset_and_a_merged_view_with_our_prefixes(tmp_path):
    store = GraphStore(tmp_path)
    store.replace_article("a1", to_graph(build_extraction("a1")))
    store.replace_article("a2", to_graph(build_extraction("a2", relations=(TIKTOK,))))
    store.save()

    dataset = Dataset()
    dataset.parse(tmp_path / TRIG_FILE, format="trig")
    named = {str(graph.identifier) for graph in dataset.graphs() if len(graph)}
    assert named == {graph_iri("a1"), graph_iri("a2")}

    merged = Graph().parse(tmp_path / TURTLE_FILE, format="turtle")
    assert set(merged) == set(store.merged())
    text = (tmp_path / TURTLE_FILE).read_text(encoding="utf-8")
    for prefix in ("ng", "schema", "dcterms", "skos", "xsd"):
        assert f"@prefix {prefix}: " in text


def test_saving_again_after_a_change_overwrites_the_files(tmp_path):
    store = GraphStore(tmp_path)
    store.replace_article("a1", to_graph(build_extraction("a1")))
    store.save()
    store.remove_article("a1")
    store.replace_article("a2", to_graph(build_extraction("a2", relations=(TIKTOK,))))
    store.save()
    assert GraphStore(tmp_path).articles() == ["a2"]


def test_in_memory_store_save_writes_nothing(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    store = GraphStore()
    store.replace_article("a1", to_graph(build_extraction("a1")))
    store.save()
    assert os.listdir(tmp_path) == []


def test_unparseable_trig_is_a_store_error_naming_the_file(tmp_path):
    (tmp_path / TRIG_FILE).write_text("<a> <b> { kaputt", encoding="utf-8")
    with pytest.raises(StoreError, match=re.escape(str(tmp_path / TRIG_FILE))):
        GraphStore(tmp_path)


def test_path_that_is_a_file_is_a_store_error(tmp_path):
    path = tmp_path / "graph.trig"
    path.write_text("", encoding="utf-8")
    with pytest.raises(StoreError, match="not a directory"):
        GraphStore(path)


def test_unwritable_path_is_a_store_error_on_save(tmp_path):
    blocker = tmp_path / "blocker"
    blocker.write_text("", encoding="utf-8")
    store = GraphStore(blocker / "graph")
    store.replace_article("a1", to_graph(build_extraction("a1")))
    with pytest.raises(StoreError, match="blocker"):
        store.save()


def test_query_runs_over_the_union_with_bound_prefixes():
    store = GraphStore()
    store.replace_article("a1", to_graph(build_extraction("a1")))
    store.replace_article("a2", to_graph(build_extraction("a2", relations=(TIKTOK,))))
    rows = list(store.query("SELECT DISTINCT ?owned WHERE { ?r a ng:Ownership ; ng:owned ?owned }"))
    assert [str(row[0]) for row in rows] == [entity_iri("TikTok", "ORG")]


@pytest.mark.parametrize(
    "text",
    [
        "SELECT ?x WHERE { ?x a ng:Purchase ",
        "SELEKT ?x WHERE { ?x ?p ?o }",
        "SELECT ?x WHERE { ?x a unbekannt:Kauf }",
        "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
    ],
)
def test_bad_sparql_is_a_query_syntax_error(text):
    with pytest.raises(QuerySyntaxError, match="Bad SPARQL") as caught:
        GraphStore().query(text)
    assert isinstance(caught.value, SyntaxError)
