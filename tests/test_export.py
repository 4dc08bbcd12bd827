"""Tests for pipeline.graph.export: RDF datasets, the merged view, and GraphML/GEXF for Gephi."""

import io

import networkx as nx
import pytest
from rdflib import Dataset, Graph, URIRef

from conftest import build_extraction
from pipeline.apps.cli import app
from pipeline.core.iris import entity_iri, graph_iri
from pipeline.core.records import Relation
from pipeline.graph.export import FORMATS, export_graph
from pipeline.graph.query import to_networkx
from pipeline.graph.store import GraphStore
from pipeline.graph.triples import to_graph

TIKTOK = Relation("OWNERSHIP", {"owner": "ByteDance", "owned": "TikTok"}, "TikTok gehört ByteDance.", 0, 24, 0.9)


@pytest.fixture(scope="module")
def store():
    store = GraphStore()
    store.replace_article("a1", to_graph(build_extraction("a1")))
    store.replace_article("a2", to_graph(build_extraction("a2", relations=(TIKTOK,))))
    return store


def exported(store, format: str) -> bytes:
    output = io.BytesIO()
    export_graph(store, output, format=format)
    return output.getvalue()


@pytest.mark.parametrize(("format", "rdflib_format"), [("trig", "trig"), ("nquads", "nquads"), ("jsonld", "json-ld")])
def test_dataset_formats_hold_one_named_graph_per_article(store, format, rdflib_format):
    dataset = Dataset()
    dataset.parse(data=exported(store, format), format=rdflib_format)
    graphs = {graph.identifier: set(graph) for graph in dataset.graphs() if len(graph)}
    assert set(graphs) == {URIRef(graph_iri("a1")), URIRef(graph_iri("a2"))}
    assert {(*triple, name) for name, triples in graphs.items() for triple in triples} == set(store)


def test_turtle_is_the_merged_view_with_our_prefixes(store):
    data = exported(store, "turtle").decode("utf-8")
    assert set(Graph().parse(data=data, format="turtle")) == set(store.merged())
    assert "@prefix ng: <https://w3id.org/newsgraph/ontology#>" in data


@pytest.mark.parametrize(("format", "read"), [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_graphml_and_gexf_hold_the_networkx_projection(store, format, read, tmp_path):
    path = tmp_path / f"graph.{format}"
    path.write_bytes(exported(store, format))
    network, expected = read(path), to_networkx(store)
    assert network.number_of_nodes() == expected.number_of_nodes()
    assert network.number_of_edges() == expected.number_of_edges()
    bytedance, tiktok = entity_iri("ByteDance", "ORG"), entity_iri("TikTok", "ORG")
    assert network.nodes[bytedance]["label"] == "ByteDance"
    (edge,) = network.get_edge_data(bytedance, tiktok).values()
    assert edge["type" if format == "graphml" else "relation"] == "OWNERSHIP" and edge["article"] == "a2"
    if format == "gexf":
        assert 'defaultedgetype="directed"' in path.read_text() and 'type="OWNERSHIP"' not in path.read_text()


def test_an_unknown_format_is_refused(store):
    with pytest.raises(ValueError, match="Unknown export format"):
        export_graph(store, io.BytesIO(), format="rdfxml")


@pytest.mark.parametrize("format", FORMATS)
def test_the_cli_writes_every_format_to_a_file(runner, tmp_path, format):
    with GraphStore(tmp_path / "graph") as store:
        store.replace_article("a1", to_graph(build_extraction("a1")))
    result = runner.invoke(app, ["export", "--format", format, "--output", str(tmp_path / "out"),
                                 "--store", str(tmp_path / "graph")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out").stat().st_size > 1000


def test_the_cli_refuses_an_unknown_format(runner):
    result = runner.invoke(app, ["export", "--format", "csv", "--store", "memory:"])
    assert result.exit_code == 2 and "trig" in result.output
