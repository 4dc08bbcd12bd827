"""Tests for pipeline.graph.store: one interface over Oxigraph in memory, on disk and a real Oxigraph server."""

import io
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Dataset, Graph, URIRef

from conftest import ROOT, assert_isomorphic, build_extraction
from pipeline.core.errors import QuerySyntaxError, StoreError
from pipeline.core.iris import article_iri, entity_iri, graph_iri
from pipeline.core.records import BatchReport, Relation
from pipeline.extract.readers import read_articles
from pipeline.graph import store as store_module
from pipeline.graph.store import LOCATION_ENV, GraphStore, OxigraphStore, SparqlStore, store_location
from pipeline.graph.triples import to_graph
from pipeline.run.batch import ingest
from pipeline.run.extraction import extract_articles

TIKTOK = Relation("OWNERSHIP", {"owner": "ByteDance", "owned": "TikTok"}, "TikTok gehört ByteDance.", 0, 24, 0.9)
SAMPLES = [ROOT / "data" / "raw" / name for name in
           ("schwarz-stackit-ki-chips.de.txt", "telekom-nvidia-ki-fabrik.de.txt", "micron-hbm-nvidia.en.txt")]


@pytest.fixture(params=["memory", "disk", "server"])
def store(request, tmp_path):
    """An empty store of each backend; "server" is a real Oxigraph server on 127.0.0.1."""
    if request.param == "memory":
        yield GraphStore()
    elif request.param == "disk":
        with GraphStore(tmp_path / "graph") as opened:
            yield opened
    else:
        remote = GraphStore(f"{request.getfixturevalue('oxigraph_server')}/query#update=/update&graph-store=/store")
        remote.update("DROP ALL")
        yield remote


def dataset_of(store: GraphStore) -> Dataset:
    """The store's article graphs as an rdflib Dataset (through an N-Quads dump)."""
    data = io.BytesIO()
    store.dump(data, "nquads")
    dataset = Dataset()
    dataset.parse(data=data.getvalue().decode("utf-8"), format="nquads")
    return dataset


def assert_isomorphic_datasets(actual: Dataset, expected: Dataset) -> None:
    names = {graph.identifier for graph in expected.graphs() if len(graph)}
    assert {graph.identifier for graph in actual.graphs() if len(graph)} == names
    for name in names:
        assert_isomorphic(actual.graph(name), expected.graph(name))


def canonical(graph: Graph) -> set:
    """``graph``'s triples as Oxigraph keeps them: typed literals in canonical form ("12E9" -> "12000000000")."""
    oxigraph = ox.Store()
    oxigraph.load(graph.serialize(format="nt"), ox.RdfFormat.N_TRIPLES)
    return set(Graph().parse(data=oxigraph.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph()).decode(),
                             format="nt"))


def named(store: GraphStore, article_id: str) -> set:
    return {quad[:3] for quad in store if quad[3] == URIRef(graph_iri(article_id))}


def test_a_location_picks_the_backend(tmp_path, oxigraph_server):
    assert isinstance(GraphStore(), OxigraphStore) and GraphStore().location == "memory:"
    assert isinstance(GraphStore("memory:"), OxigraphStore)
    assert GraphStore(tmp_path / "g").path == tmp_path / "g"
    remote = GraphStore(f"{oxigraph_server}/query#update=/update&graph-store=/store")
    assert isinstance(remote, SparqlStore)
    assert (remote.query_endpoint, remote.update_endpoint, remote.graph_store_endpoint) == (
        f"{oxigraph_server}/query", f"{oxigraph_server}/update", f"{oxigraph_server}/store")


def test_store_location_reads_the_environment(monkeypatch):
    monkeypatch.delenv(LOCATION_ENV, raising=False)
    assert store_location() == "data/graph"
    monkeypatch.setenv(LOCATION_ENV, "memory:")
    assert store_location() == "memory:" and store_location("x/y") == "x/y"


def test_replace_article_writes_its_named_graph_and_the_merged_view(store):
    graph = to_graph(build_extraction("a1"))
    assert store.replace_article("a1", graph) == len(graph)
    assert named(store, "a1") == canonical(graph)
    assert set(store.merged()) == canonical(graph)
    assert store.has_article("a1") and not store.has_article("a2")
    assert store.articles() == ["a1"]
    assert len(store) == len(graph)


def test_an_article_written_as_n_triples_text_equals_one_written_as_a_graph(store):
    graph = to_graph(build_extraction("a1", relations=(TIKTOK,)))
    reference = GraphStore()
    assert store.replace_article("a1", graph.serialize(format="nt")) == reference.replace_article("a1", graph)
    assert_isomorphic_datasets(dataset_of(store), dataset_of(reference))
    assert len(store) == len(reference)


def test_adding_an_absent_article_equals_replacing_it(store):
    first, second = to_graph(build_extraction("a1")), to_graph(build_extraction("a2", relations=(TIKTOK,)))
    reference = GraphStore()
    for article_id, graph in (("a1", first), ("a2", second)):
        added = store.add_article(article_id, graph.serialize(format="nt"))
        assert added == reference.replace_article(article_id, graph)
    assert_isomorphic_datasets(dataset_of(store), dataset_of(reference))
    assert set(store.merged()) == set(reference.merged()) and len(store) == len(reference)
    assert store.add_article("a3", "") == 0 and not store.has_article("a3")


def test_replacing_an_article_changes_nothing_else(store):
    store.replace_article("a1", to_graph(build_extraction("a1")))
    store.replace_article("a2", to_graph(build_extraction("a2")))
    before = named(store, "a2")
    updated = to_graph(build_extraction("a1", relations=(TIKTOK,)))
    store.replace_article("a1", updated)
    assert named(store, "a2") == before
    assert named(store, "a1") == canonical(updated)
    assert set(store.merged()) == before | canonical(updated)


def test_the_merged_view_holds_each_triple_once(store):
    first, second = to_graph(build_extraction("a1")), to_graph(build_extraction("a2"))
    store.replace_article("a1", first)
    store.replace_article("a2", second)
    assert len(store) == len(first) + len(second)
    assert set(store.merged()) == canonical(first) | canonical(second)
    (row,) = store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert int(row[0]) == len(set(first) | set(second)) < len(store)


def test_remove_article_keeps_what_other_articles_state(store):
    store.replace_article("a1", to_graph(build_extraction("a1")))
    store.replace_article("a2", to_graph(build_extraction("a2", relations=(TIKTOK,))))
    assert store.remove_article("a1") is True
    assert store.remove_article("a1") is False
    assert store.articles() == ["a2"]
    merged = store.merged()
    assert (URIRef(entity_iri("ByteDance", "ORG")), None, None) in merged
    assert (URIRef(article_iri("a1")), None, None) not in merged
    assert set(merged) == named(store, "a2")


def test_article_ids_that_would_break_an_iri_are_refused(store):
    with pytest.raises(StoreError, match="not an article id"):
        store.remove_article('a1> } ; DROP ALL ; INSERT DATA { <urn:x')


def test_query_reads_the_merged_view_with_our_prefixes(store):
    store.replace_article("a1", to_graph(build_extraction("a1")))
    store.replace_article("a2", to_graph(build_extraction("a2", relations=(TIKTOK,))))
    rows = list(store.query("SELECT DISTINCT ?owned WHERE { ?r a ng:Ownership ; ng:owned ?owned }"))
    assert [str(row[0]) for row in rows] == [entity_iri("TikTok", "ORG")]
    assert bool(store.execute("ASK { ?r a ng:Ownership }"))


@pytest.mark.parametrize(
    "text",
    [
        "SELECT ?x WHERE { ?x a ng:Purchase ",
        "SELEKT ?x WHERE { ?x ?p ?o }",
        "SELECT ?x WHERE { ?x a unbekannt:Kauf }",
        "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
    ],
)
def test_bad_sparql_is_a_query_syntax_error(store, text):
    for run in (store.query, store.execute):
        with pytest.raises(QuerySyntaxError, match="Bad SPARQL") as caught:
            run(text)
        assert isinstance(caught.value, SyntaxError)


def test_dump_and_load_move_the_article_graphs_between_backends(store, tmp_path):
    source = GraphStore()
    source.replace_article("a1", to_graph(build_extraction("a1")))
    source.replace_article("a2", to_graph(build_extraction("a2", relations=(TIKTOK,))))
    for format, suffix in (("nquads", "nq"), ("trig", "trig")):
        path = tmp_path / f"dump.{suffix}"
        with path.open("wb") as file:
            source.dump(file, format)
        store.update("DROP ALL")
        assert store.load(path) == len(source)
        assert_isomorphic_datasets(dataset_of(store), dataset_of(source))
        assert set(store.merged()) == set(source.merged())


def merged_view_and_union(store: GraphStore) -> tuple[list, set]:
    """The store's merged view (its rows) and the union of its article graphs, as pyoxigraph triples with
    the store's own blank nodes, so that a blank node in the merged view must be the one of its article."""
    merged = [(row["s"], row["p"], row["o"]) for row in store.execute("SELECT ?s ?p ?o WHERE { ?s ?p ?o }")]
    return merged, {(quad.subject, quad.predicate, quad.object) for quad in store.quads()}


def assert_merged_view_is_the_union(store: GraphStore) -> None:
    merged, union = merged_view_and_union(store)
    assert len(merged) == len(set(merged))  # each triple once
    assert set(merged) == union


def canonical_dataset(quads) -> set:
    """``quads`` with blank nodes named canonically (RDFC-1.0), to compare datasets that have them."""
    dataset = ox.Dataset(quads)
    dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    return set(dataset)


def stored_dataset(store: GraphStore) -> set:
    """The article graphs and the merged view (as the default graph), canonically named."""
    merged, _ = merged_view_and_union(store)
    return canonical_dataset([*store.quads(), *(ox.Quad(*triple) for triple in merged)])


def dumped(articles: dict[str, Graph], path: Path, format: str = "nquads") -> Path:
    """``path`` holding a dump of a store with ``articles``."""
    source = GraphStore()
    for article_id, graph in articles.items():
        source.replace_article(article_id, graph)
    with path.open("wb") as file:
        source.dump(file, format)
    return path


@pytest.mark.parametrize("format, suffix", [("nquads", "nq"), ("trig", "trig")])
def test_a_loaded_store_has_its_article_graphs_and_their_union_as_the_merged_view(
        monkeypatch, tmp_path, format, suffix):
    """Four articles that state the same entities, loaded in pieces of about twenty statements, two at a time."""
    from pipeline.graph.validate import check_store

    articles = {f"a{number}": to_graph(build_extraction(f"a{number}", relations=(TIKTOK,) * (number % 2)))
                for number in range(4)}
    monkeypatch.setattr(store_module, "_LOAD_CHUNK_BYTES", 4000)
    monkeypatch.setattr(store_module, "_LOAD_CHUNK_QUADS", 15)
    path = dumped(articles, tmp_path / f"dump.{suffix}", format)
    with GraphStore(tmp_path / "graph") as store:
        assert store.load(path) == sum(len(graph) for graph in articles.values())
        assert store.articles() == sorted(articles)
        for article_id, graph in articles.items():
            assert named(store, article_id) == canonical(graph)
        assert set(store.merged()) == set().union(*(canonical(graph) for graph in articles.values()))
        assert_merged_view_is_the_union(store)
        assert len(store.query("SELECT * WHERE { ?s ?p ?o }")) < len(store)  # the articles share statements
    assert check_store(store_module.open_read_only(tmp_path / "graph")).ok


#: Statements newsgraph does not write but N-Quads allows: blank nodes (one of them in two articles and,
#: with the small pieces below, in two pieces), triple terms, comments, escapes, tabs, CRLF line ends.
ODD_NQUADS = """\
_:shared <urn:ng:p> "erste Zeile" <{a1}> .
<urn:ng:s> <urn:ng:p> _:shared <{a1}> .
# a comment line, then an empty one

<urn:ng:s> <urn:ng:says> <<( <urn:ng:a> <urn:ng:b> "c" )>> <{a1}> .
<urn:ng:s> <urn:ng:says> <<( _:shared <urn:ng:b> <urn:ng:c> )>> <{a2}> .
<urn:ng:s>\t<urn:ng:p>\t"Anf\\u00FChrung \\"zitiert\\" <{a1}> ."@de\t<{a2}>\t.\r
<urn:ng:s> <urn:ng:p> <urn:ng:o> <{a1}> . # a comment after a statement <{a2}> .
<urn:ng:s> <urn:ng:p> <urn:ng:o> <{a2}> .
<urn:ng:s> <urn:ng:n> "12"^^<http://www.w3.org/2001/XMLSchema#integer> <{a2}> .
<urn:ng:s> <urn:ng:p> "Richtung"@de--ltr <{a2}> .
<urn:ng:t> <urn:ng:p> _:shared <{a2}> .
_:other <urn:ng:p> _:shared <{a2}> .
""".format(a1=graph_iri("a1"), a2=graph_iri("a2"))


@pytest.mark.parametrize("suffix", ["nq", "trig"])
@pytest.mark.parametrize("piece", [60, 1 << 20], ids=["pieces of a statement or two", "one piece"])
def test_blank_nodes_and_triple_terms_are_the_same_nodes_in_the_article_graphs_and_the_merged_view(
        monkeypatch, tmp_path, piece, suffix):
    monkeypatch.setattr(store_module, "_LOAD_CHUNK_BYTES", piece)
    monkeypatch.setattr(store_module, "_LOAD_CHUNK_QUADS", piece // 30)
    quads = list(ox.parse(ODD_NQUADS, ox.RdfFormat.N_QUADS))
    path = tmp_path / f"odd.{suffix}"
    path.write_bytes(ODD_NQUADS.encode("utf-8") if suffix == "nq" else ox.serialize(quads, format=ox.RdfFormat.TRIG))
    expected = canonical_dataset([*quads, *(ox.Quad(quad.subject, quad.predicate, quad.object) for quad in quads)])
    with GraphStore(tmp_path / "graph") as store:
        assert store.load(path) == len(quads) == 11
        assert stored_dataset(store) == expected
        assert_merged_view_is_the_union(store)
        blank_nodes = store.execute("SELECT DISTINCT ?b WHERE { GRAPH ?g { { ?b ?p ?o } UNION { ?s ?p ?b } } "
                                    "FILTER(isBlank(?b)) }")
        assert len(list(blank_nodes)) == 2  # _:shared and _:other, each one node


def test_statements_without_a_graph_stay_in_the_default_graph_whatever_their_text_holds(monkeypatch, tmp_path):
    """A graph IRI in a comment or a literal, or an object IRI, is not taken for the graph (each line a piece)."""
    monkeypatch.setattr(store_module, "_LOAD_CHUNK_BYTES", 1)
    path = tmp_path / "default.nq"
    path.write_text("<urn:ng:s> <urn:ng:p> <urn:ng:o> . # <urn:ng:g> .\n"
                    '<urn:ng:s> <urn:ng:p> "ein <urn:ng:g> ." .\n'
                    "<urn:ng:s> <urn:ng:p> <urn:ng:g> .\n"
                    f"<urn:ng:s> <urn:ng:p> <urn:ng:o> <{graph_iri('a1')}> .\n", encoding="utf-8")
    with GraphStore(tmp_path / "graph") as store:
        assert store.load(path) == 4
        merged, union = merged_view_and_union(store)
        s, p, g = ox.NamedNode("urn:ng:s"), ox.NamedNode("urn:ng:p"), ox.NamedNode("urn:ng:g")
        assert union == {(s, p, ox.NamedNode("urn:ng:o"))}
        assert set(merged) == union | {(s, p, ox.Literal("ein <urn:ng:g> .")), (s, p, g)} and len(merged) == 3
        assert not store.execute("ASK { GRAPH <urn:ng:g> { ?s ?p ?o } }")


def test_a_load_adds_to_the_articles_a_store_holds(tmp_path):
    """Already stored (one still in the journal) and loaded again: nothing changes; a new article is added."""
    from pipeline.graph.validate import check_store

    articles = {"a1": to_graph(build_extraction("a1")), "a2": to_graph(build_extraction("a2")),
                "a3": to_graph(build_extraction("a3", relations=(TIKTOK,)))}
    path = dumped({"a2": articles["a2"], "a3": articles["a3"]}, tmp_path / "dump.nq")
    reference = GraphStore()
    for article_id, graph in articles.items():
        reference.replace_article(article_id, graph)
    with GraphStore(tmp_path / "graph") as store:
        store.replace_article("a1", articles["a1"])
        store.add_article("a2", articles["a2"].serialize(format="nt"))  # its triples wait in the journal
        assert store.load(path) == len(articles["a2"]) + len(articles["a3"])
        assert_isomorphic_datasets(dataset_of(store), dataset_of(reference))
        assert set(store.merged()) == set(reference.merged())
        assert_merged_view_is_the_union(store)
    assert check_store(store_module.open_read_only(tmp_path / "graph")).ok


@pytest.mark.parametrize("bad_line", [
    '<urn:ng:a> <urn:ng:b> kaputt <{graph}> .',  # the parser in Python finds it
    '<urn:ng:a> <urn:ng:b> <relativ> <{graph}> .',  # the bulk loader finds it
])
def test_a_load_that_fails_part_way_keeps_the_merged_view_the_union_of_what_it_wrote(
        monkeypatch, tmp_path, bad_line):
    articles = {f"a{number}": to_graph(build_extraction(f"a{number}")) for number in range(4)}
    path = dumped(articles, tmp_path / "dump.nq")
    lines = sorted(path.read_text(encoding="utf-8").splitlines(keepends=True), key=lambda line: line.split()[-2])
    first_of_a2 = next(number for number, line in enumerate(lines) if graph_iri("a2") in line)
    lines.insert(first_of_a2, bad_line.format(graph=graph_iri("a2")) + "\n")
    path.write_text("".join(lines), encoding="utf-8")
    monkeypatch.setattr(store_module, "_LOAD_CHUNK_BYTES", 3000)
    with GraphStore(tmp_path / "graph") as store:
        with pytest.raises(StoreError, match="Cannot parse"):
            store.load(path)
        assert {"a0", "a1"} <= set(store.articles())  # every piece before the bad line is written
        assert_merged_view_is_the_union(store)


def test_turtle_dump_is_the_merged_view():
    store = GraphStore()
    store.replace_article("a1", to_graph(build_extraction("a1")))
    store.replace_article("a2", to_graph(build_extraction("a2")))
    data = io.BytesIO()
    store.dump(data, "turtle")
    assert set(Graph().parse(data=data.getvalue(), format="turtle")) == set(store.merged())
    with pytest.raises(ValueError, match="Unknown dump format"):
        store.dump(io.BytesIO(), "rdfxml")


def test_ingesting_the_same_batch_again_gives_an_isomorphic_dataset(store, nlp_de):
    ingest(read_articles(SAMPLES, BatchReport()), nlp_de, store, BatchReport())
    first = dataset_of(store)
    again = ingest(read_articles(SAMPLES, BatchReport()), nlp_de, store, BatchReport())
    assert again.articles_unchanged == 2 and again.articles_processed == 0
    # Forced re-ingest: every article extracted again and its graph replaced.
    for extraction in extract_articles(read_articles(SAMPLES, BatchReport()), nlp_de, BatchReport()):
        if extraction.skipped is None:
            store.replace_article(extraction.article.id, to_graph(extraction))
    assert_isomorphic_datasets(dataset_of(store), first)
    assert len(store.articles()) == 2


def test_a_directory_store_persists_and_is_shared_within_a_process(tmp_path):
    with GraphStore(tmp_path) as store:
        store.replace_article("a1", to_graph(build_extraction("a1")))
        store.save()
        assert GraphStore(tmp_path).articles() == ["a1"]  # a second handle in the same process
    assert GraphStore(tmp_path).articles() == ["a1"]


def test_a_directory_store_is_made_with_its_missing_parents(tmp_path):
    with GraphStore(tmp_path / "shards" / "one" / "graph") as store:
        store.add_article("a1", to_graph(build_extraction("a1")).serialize(format="nt"))
    assert GraphStore(tmp_path / "shards" / "one" / "graph").articles() == ["a1"]


def test_added_articles_reach_the_merged_view_through_any_handle_before_it_is_read(tmp_path):
    writer, reader = GraphStore(tmp_path), GraphStore(tmp_path)
    first, second = to_graph(build_extraction("a1")), to_graph(build_extraction("a2", relations=(TIKTOK,)))
    writer.add_article("a1", first.serialize(format="nt").rstrip("\n"))  # no final line break
    writer.add_article("a2", second.serialize(format="nt"))
    assert set(reader.merged()) == canonical(first) | canonical(second) and reader.articles_awaiting_merge() == []


def test_articles_a_killed_writer_had_not_merged_are_merged_when_the_store_is_next_opened_for_writing(
        runner, tmp_path):
    from pipeline.apps.cli import app
    from pipeline.graph.validate import check_store

    graphs = {article_id: to_graph(build_extraction(article_id)) for article_id in ("a1", "a2")}
    writer = "; ".join(
        ["import os, sys", "from pipeline.graph.store import GraphStore", "store = GraphStore(sys.argv[1])"]
        + [f"store.add_article({article_id!r}, {graph.serialize(format='nt')!r})"
           for article_id, graph in graphs.items()]
        + ["os._exit(0)"])  # no save, no close: as if killed before the merged view was written
    subprocess.run([sys.executable, "-c", writer, str(tmp_path)], cwd=ROOT, check=True)
    left = store_module.open_read_only(tmp_path)
    assert left.articles() == left.articles_awaiting_merge() == ["a1", "a2"]
    assert len(left.merged()) == 0
    report = check_store(left)
    assert report.ok and report.awaiting_merge == 2
    del left
    checked = runner.invoke(app, ["check", "--store", str(tmp_path)])
    assert checked.exit_code == 0 and "2 articles stored by an interrupted run are not" in checked.output
    store = GraphStore(tmp_path)
    assert store.articles_awaiting_merge() == []
    assert set(store.merged()) == canonical(graphs["a1"]) | canonical(graphs["a2"])
    assert check_store(store).ok


def test_a_directory_open_in_another_process_is_a_clear_error(tmp_path):
    with GraphStore(tmp_path):
        result = subprocess.run(
            [sys.executable, "-c", f"from pipeline.graph.store import GraphStore; GraphStore({str(tmp_path)!r})"],
            capture_output=True, text=True, cwd=ROOT,
        )
    assert result.returncode != 0 and "in use by another process" in result.stderr


def test_a_path_that_is_a_file_is_a_store_error(tmp_path):
    path = tmp_path / "graph.trig"
    path.write_text("", encoding="utf-8")
    with pytest.raises(StoreError, match="not a directory"):
        GraphStore(path)


def test_loading_a_file_of_another_format_or_bad_syntax_is_a_store_error(tmp_path):
    turtle = tmp_path / "graph.ttl"
    turtle.write_text("<urn:a> <urn:b> <urn:c> .", encoding="utf-8")
    with pytest.raises(StoreError, match="N-Quads"):
        GraphStore().load(turtle)
    broken = tmp_path / "graph.nq"
    broken.write_text("<urn:a> <urn:b> kaputt .", encoding="utf-8")
    with pytest.raises(StoreError, match="Cannot parse"):
        GraphStore().load(broken)


def test_a_server_that_does_not_answer_is_a_store_error():
    from conftest import free_port

    with pytest.raises(StoreError, match="Cannot reach SPARQL server"):
        GraphStore(f"http://127.0.0.1:{free_port()}/query").articles()


def test_a_server_store_needs_a_graph_store_endpoint_to_load(oxigraph_server, tmp_path):
    with pytest.raises(StoreError, match="graph-store="):
        GraphStore(f"{oxigraph_server}/query").load(tmp_path / "x.nq")
    with pytest.raises(StoreError, match="Unknown option"):
        GraphStore(f"{oxigraph_server}/query#updates=/update")


def test_without_a_graph_store_endpoint_writes_go_through_sparql_update(oxigraph_server):
    store = GraphStore(f"{oxigraph_server}/query#update=/update")
    store.update("DROP ALL")
    store.replace_article("a1", to_graph(build_extraction("a1")))
    assert store.articles() == ["a1"]


def test_the_merged_view_can_live_in_a_named_graph():
    """As for Virtuoso (`#merged-graph=IRI`); run here on Oxigraph in memory, whose default graph then stays empty."""
    store = GraphStore()
    store.merged_graph = "<https://w3id.org/newsgraph/merged>"
    first, second = to_graph(build_extraction("a1")), to_graph(build_extraction("a2", relations=(TIKTOK,)))
    store.replace_article("a1", first)
    store.replace_article("a2", second)
    store.remove_article("a1")
    merged = store.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH {store.merged_graph} {{ ?s ?p ?o }} }}").graph
    assert {tuple(str(term) for term in triple) for triple in merged} == {
        tuple(str(term) for term in triple) for triple in canonical(second)}
    assert store.articles() == ["a2"] and len(store) == len(second) and len(store.merged()) == 0


def test_a_merged_graph_must_be_an_iri_outside_the_article_graphs():
    with pytest.raises(StoreError, match="merged-graph= must be an IRI"):
        GraphStore("http://127.0.0.1:1/sparql#merged-graph=https://w3id.org/newsgraph/graph/x")
    with pytest.raises(StoreError, match="merged-graph= must be an IRI"):
        GraphStore("http://127.0.0.1:1/sparql#merged-graph=urn:a> } DROP ALL {")


def test_the_cli_removes_articles_and_loads_dumps(runner, tmp_path):
    from pipeline.apps.cli import app

    with GraphStore(tmp_path / "graph") as store:
        store.replace_article("a1", to_graph(build_extraction("a1")))
        store.replace_article("a2", to_graph(build_extraction("a2")))
        with (tmp_path / "all.nq").open("wb") as file:
            store.dump(file, "nquads")
        quads = len(store)
    removed = runner.invoke(app, ["remove", "a1", "gibt-es-nicht", "--store", str(tmp_path / "graph")])
    assert removed.exit_code == 1 and "removed 1 article; not in the store: gibt-es-nicht" in removed.stderr
    assert GraphStore(tmp_path / "graph").articles() == ["a2"]
    loaded = runner.invoke(app, ["load", str(tmp_path / "all.nq"), "--store", str(tmp_path / "copy")])
    assert loaded.exit_code == 0 and f"loaded {quads} quads" in loaded.stderr
    assert GraphStore(tmp_path / "copy").articles() == ["a1", "a2"]
    checked = runner.invoke(app, ["check", "--store", str(tmp_path / "copy")])
    assert checked.exit_code == 0 and "checked 2 articles: no problems" in checked.output
