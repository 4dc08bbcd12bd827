"""Tests for pipeline.graph.query over a GraphStore and over a plain rdflib Graph."""

import dataclasses
import json
from decimal import Decimal

import networkx as nx
import pytest
from rdflib import Graph

from conftest import INVEST_SENTENCE, PURCHASE_SENTENCE, build_extraction
from pipeline.core.errors import QuerySyntaxError, UnknownEntityError
from pipeline.core.iris import entity_iri, relation_iri
from pipeline.core.records import Article, Entity, Extraction, Money, Relation
from pipeline.graph.query import buyers, deals, entities, relations, sparql, stats, suppliers, to_networkx
from pipeline.graph.store import GraphStore
from pipeline.graph.triples import to_graph

TAKEOVER = "Nvidia übernimmt Mellanox für rund 6,9 Milliarden USD von SoftBank."
LEASE = "ByteDance mietet Rechenkapazität bei Oracle."
OWNER = "TikTok gehört zu ByteDance."


def _second_article() -> Extraction:
    text = " ".join([TAKEOVER, LEASE, OWNER])
    return Extraction(
        article=Article(id="b2", text=text, source="data/raw/b2.json"),
        language="de",
        entities=(
            Entity("Nvidia", "ORG", entity_iri("Nvidia", "ORG"), ("NVIDIA Corp.",)),
            Entity("Mellanox", "ORG", entity_iri("Mellanox", "ORG")),
            Entity("SoftBank", "ORG", entity_iri("SoftBank", "ORG")),
            Entity("Oracle", "ORG", entity_iri("Oracle", "ORG")),
        ),
        relations=(
            Relation("ACQUISITION", {"buyer": "Nvidia", "acquired": "Mellanox", "seller": "SoftBank"}, TAKEOVER,
                     0, len(TAKEOVER), 0.8, amount=Money(Decimal("6.9E+9"), "USD", "about")),
            Relation("LEASE", {"lessee": "ByteDance", "lessor": "Oracle", "item": "Rechenkapazität"}, LEASE,
                     text.index(LEASE), text.index(LEASE) + len(LEASE), 0.7),
            Relation("OWNERSHIP", {"owner": "ByteDance", "owned": "TikTok"}, OWNER,
                     text.index(OWNER), text.index(OWNER) + len(OWNER), 0.9),
        ),
    )


@pytest.fixture(params=["store", "graph"])
def source(request):
    extractions = [build_extraction("a1"), _second_article()]
    if request.param == "store":
        store = GraphStore()
        for extraction in extractions:
            store.replace_article(extraction.article.id, to_graph(extraction))
        return store
    graph = Graph()
    for extraction in extractions:
        graph += to_graph(extraction)
    return graph


def test_relations_have_exactly_the_json_shape(source):
    rows = relations(source)
    assert json.loads(json.dumps(rows, ensure_ascii=False)) == rows  # plain JSON types only
    first = build_extraction("a1").relations[0]
    assert rows[0] == {
        "type": "PURCHASE",
        "article": "a1",
        "url": "https://example.org/news/a1",
        "roles": {"buyer": "ByteDance", "vendor": rows[0]["roles"]["vendor"], "item": "KI-Chips"},
        "amount": {"value": 12000000000, "currency": "USD", "qualifier": "over"},
        "amount_start": None,
        "percent": None,
        "evidence": PURCHASE_SENTENCE,
        "start": first.start,
        "end": first.end,
        "confidence": 0.9,
        "event_date": None,
        "date_precision": None,
        "date_text": None,
        "reported": None,
    }
    assert isinstance(rows[0]["amount"]["value"], int)
    assert {row["roles"]["vendor"] for row in rows[:2]} == {"Nvidia", "Huawei"}


def test_relations_are_sorted_by_article_then_start_and_cover_every_type(source):
    rows = relations(source)
    assert [(row["article"], row["type"]) for row in rows] == [
        ("a1", "PURCHASE"), ("a1", "PURCHASE"), ("a1", "ORDER_SHARE"), ("a1", "LEADERSHIP"), ("a1", "INVESTMENT"),
        ("b2", "ACQUISITION"), ("b2", "LEASE"), ("b2", "OWNERSHIP"),
    ]
    by_type = {row["type"]: row for row in rows}
    assert by_type["ORDER_SHARE"]["percent"] == 25 and by_type["ORDER_SHARE"]["amount"] is None
    assert by_type["INVESTMENT"]["roles"] == {
        "investor": "ByteDance", "purpose": "Rechenzentren", "location": "Malaysia", "until": "2030",
    }
    assert by_type["INVESTMENT"]["amount"] == {"value": 40000000000, "currency": "CNY", "qualifier": None}
    assert by_type["INVESTMENT"]["evidence"] == INVEST_SENTENCE
    assert by_type["ACQUISITION"]["roles"] == {"buyer": "Nvidia", "acquired": "Mellanox", "seller": "SoftBank"}
    assert by_type["ACQUISITION"]["url"] is None
    assert by_type["LEADERSHIP"]["roles"] == {"person": "Zhang Yiming", "org": "ByteDance", "role": "Gründer"}


def test_entities_list_names_types_aliases_and_articles(source):
    rows = {row["name"]: row for row in entities(source)}
    assert rows["ByteDance"] == {
        "name": "ByteDance",
        "type": "ORG",
        "iri": entity_iri("ByteDance", "ORG"),
        "aliases": sorted(["Bytedance Ltd.", "字节跳动"]),
        "articles": ["a1", "b2"],
    }
    assert rows["Nvidia"]["aliases"] == ["NVIDIA", "NVIDIA Corp."]
    assert {name: row["type"] for name, row in rows.items() if row["type"] != "ORG"} == {"Zhang Yiming": "PER", "Malaysia": "LOC"}
    assert rows["TikTok"]["articles"] == ["b2"]
    assert list(rows) == sorted(rows, key=str.casefold)


@pytest.mark.parametrize("name", ["ByteDance", "bytedance", "BYTEDANCE", "Bytedance Ltd.", "字节跳动"])
def test_deals_of_a_buyer_match_by_alias_and_ignore_case(source, name):
    rows = deals(source, buyer=name)
    assert [(row["vendor"], row["type"], row["amount"], row["currency"], row["percent"]) for row in rows] == [
        (rows[0]["vendor"], "PURCHASE", 12000000000, "USD", None),
        (rows[1]["vendor"], "PURCHASE", 12000000000, "USD", None),
        ("Huawei", "ORDER_SHARE", None, None, 25),
    ]
    assert {rows[0]["vendor"], rows[1]["vendor"]} == {"Nvidia", "Huawei"}
    assert all(row["buyer"] == "ByteDance" and row["article"] == "a1" for row in rows)


def test_deals_row_columns_and_acquisition_vendor_is_the_seller(source):
    rows = deals(source, vendor="softbank")
    assert rows == [
        {
            "vendor": "SoftBank", "buyer": "Nvidia", "amount": 6900000000, "upper": None, "currency": "USD",
            "qualifier": "about", "shared": None, "percent": None, "type": "ACQUISITION", "item": "Mellanox",
            "article": "b2",
        }
    ]


def test_deals_without_filters_are_all_purchases_shares_and_acquisitions(source):
    assert sorted(row["type"] for row in deals(source)) == ["ACQUISITION", "ORDER_SHARE", "PURCHASE", "PURCHASE"]
    assert deals(source, buyer="bytedance", vendor="NVIDIA")[0]["vendor"] == "Nvidia"


def test_unknown_name_raises_with_suggestions(source):
    with pytest.raises(UnknownEntityError) as caught:
        deals(source, buyer="Nvida")
    assert caught.value.suggestions == ["Nvidia"]


def test_suppliers_and_buyers(source):
    assert suppliers(source, "bytedance") == [
        {"supplier": "Huawei", "deals": 2, "articles": ["a1"]},
        {"supplier": "Nvidia", "deals": 1, "articles": ["a1"]},
    ]
    assert buyers(source, "nvidia corp.") == [{"buyer": "ByteDance", "deals": 1, "articles": ["a1"]}]
    assert suppliers(source, "Huawei") == []


def test_to_networkx_edges_point_from_giver_to_receiver(source):
    network = to_networkx(source)
    assert isinstance(network, nx.MultiDiGraph)

    def iri(name, label="ORG"):
        return entity_iri(name, label)

    assert {(u, v, data["type"]) for u, v, data in network.edges(data=True)} == {
        (iri("Nvidia"), iri("ByteDance"), "PURCHASE"),
        (iri("Huawei"), iri("ByteDance"), "PURCHASE"),
        (iri("Huawei"), iri("ByteDance"), "ORDER_SHARE"),
        (iri("Zhang Yiming", "PER"), iri("ByteDance"), "LEADERSHIP"),
        (iri("ByteDance"), iri("Malaysia", "LOC"), "INVESTMENT"),
        (iri("SoftBank"), iri("Nvidia"), "ACQUISITION"),
        (iri("Mellanox"), iri("Nvidia"), "ACQUISITION"),
        (iri("Oracle"), iri("ByteDance"), "LEASE"),
        (iri("ByteDance"), iri("TikTok"), "OWNERSHIP"),
    }
    purchase = build_extraction("a1").relations[0]
    edge = network.edges[iri("Nvidia"), iri("ByteDance"), relation_iri("a1", purchase.key())]
    assert edge == {
        "type": "PURCHASE", "article": "a1", "evidence": PURCHASE_SENTENCE, "confidence": 0.9,
        "amount": 12e9, "currency": "USD", "qualifier": "over",
    }
    assert network.nodes[iri("Zhang Yiming", "PER")] == {"label": "Zhang Yiming", "type": "PER"}


def test_sparql_select_gives_headers_and_python_rows(source):
    headers, rows = sparql(
        source,
        "SELECT ?name ?value WHERE { ?r a ng:Purchase ; ng:vendor/rdfs:label ?name ; ng:amount/schema:value ?value } ORDER BY ?name",
    )
    assert headers == ["name", "value"]
    assert rows == [["Huawei", Decimal("12000000000")], ["Nvidia", Decimal("12000000000")]]


def test_sparql_unbound_is_none_ask_and_construct(source):
    _, rows = sparql(source, "SELECT ?x ?y WHERE { VALUES ?x { 1 } OPTIONAL { ?x ng:nichts ?y } }")
    assert rows == [[1, None]]
    assert sparql(source, "ASK { ?r a ng:Lease }") == (["ask"], [[True]])
    assert sparql(source, "ASK { ?r a ng:Thing }") == (["ask"], [[False]])
    headers, rows = sparql(source, "CONSTRUCT { ?p ng:leitet ?o } WHERE { ?r ng:person ?p ; ng:org ?o }")
    assert headers == ["subject", "predicate", "object"]
    assert rows == [[entity_iri("Zhang Yiming", "PER"), "https://w3id.org/newsgraph/ontology#leitet", entity_iri("ByteDance", "ORG")]]


@pytest.mark.parametrize("text", ["SELECT ?x WHERE { ?x ?p }", "Wer kauft bei Nvidia?"])
def test_sparql_syntax_error(source, text):
    with pytest.raises(QuerySyntaxError):
        sparql(source, text)


def test_stats_counts_articles_entities_relations_and_triples(source):
    counts = stats(source)
    assert counts["articles"] == 2
    assert counts["entities"] == {"ORG": 7, "PER": 1, "LOC": 1, "MISC": 0}
    assert counts["relations"] == {
        "PURCHASE": 2, "ORDER_SHARE": 1, "INVESTMENT": 1, "ACQUISITION": 1, "OWNERSHIP": 1, "LEADERSHIP": 1, "LEASE": 1,
        "MERGER": 0, "SPINOFF": 0,
    }
    merged = source.merged() if isinstance(source, GraphStore) else source
    assert counts["triples"] == len(merged)


def test_a_name_spelled_differently_in_another_article_becomes_an_alias():
    store = GraphStore()
    store.replace_article("a1", to_graph(build_extraction("a1")))
    relation = Relation("OWNERSHIP", {"owner": "NVIDIA", "owned": "Mellanox"}, "Mellanox gehört zu NVIDIA.", 0, 25, 0.9)
    other = dataclasses.replace(build_extraction("c3", relations=(relation,)), entities=())
    store.replace_article("c3", to_graph(other))
    nvidia = next(row for row in entities(store) if row["iri"] == entity_iri("Nvidia", "ORG"))
    assert {nvidia["name"], *nvidia["aliases"]} == {"Nvidia", "NVIDIA"}
    assert nvidia["articles"] == ["a1", "c3"]
