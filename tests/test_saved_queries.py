"""Tests for pipeline.graph.saved_queries: the .rq files, their answers, and parameters that stay data."""

import dataclasses
import json
import re
from decimal import Decimal

import pyoxigraph as ox
import pytest
from rdflib import Graph

from conftest import build_extraction
from pipeline.apps.cli import app
from pipeline.apps.timeline import entity_profile
from pipeline.core.errors import NewsgraphError
from pipeline.core.records import Money, Relation
from pipeline.graph.query import deals
from pipeline.graph.saved_queries import load_saved_query, parse_parameters, saved_queries
from pipeline.graph.store import GraphStore, query_graph
from pipeline.graph.triples import to_graph

QUERIES = saved_queries()
EVIL_NAMES = [
    'Nvidia" } ; DROP ALL ; INSERT DATA { <urn:a> <urn:b> "c" } ; SELECT * { "',
    'x" . ?organisation ?p ?o . FILTER("1" = "1',
    "}}} UNION { ?deal ?role ?organisation } #",
    "Zeile eins\nZeile zwei \\u0022 ' \\",
]
SHARE = Relation("ORDER_SHARE", {"buyer": "ByteDance", "vendor": EVIL_NAMES[0]}, "Ein Teil geht an die Firma.", 0, 27,
                 0.8)


def _extractions():
    weird = dataclasses.replace(build_extraction("w1", relations=(SHARE,)), entities=())
    return [build_extraction("a1"), build_extraction("a2"), weird]


@pytest.fixture(scope="module")
def store():
    store = GraphStore()
    for extraction in _extractions():
        store.replace_article(extraction.article.id, to_graph(extraction))
    return store


def run(store, name: str, **values) -> list[dict]:
    text = QUERIES[name].bind(values)
    return [{name: (term.value if term is not None else None) for name, term in zip(
        [variable.value for variable in result.variables], row)}
            for result in [store.execute(text)] for row in result]


def test_every_saved_query_has_a_title_a_description_and_uses_its_parameters():
    assert set(QUERIES) >= {"deals-of-organisation", "amounts-per-vendor", "investments-by-country", "leaders",
                            "articles-mentioning-both", "suppliers-of", "amounts-by-year"}
    for query in QUERIES.values():
        assert query.title and query.description, query.name
        for parameter in query.parameters:
            assert re.search(rf"\?{parameter.name}\b", query.text.split("WHERE", 1)[1]), (query.name, parameter.name)


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_oxigraph_and_rdflib_give_the_same_answers(store, name):
    query = QUERIES[name]
    values = {parameter.name: parameter.example for parameter in query.parameters}
    values = {key: "ByteDance" if key in ("org", "org1") else "Nvidia" for key in values}
    graph = Graph()
    for extraction in _extractions():
        graph += to_graph(extraction)
    oxigraph = sorted(tuple(str(term.value) if term is not None else None for term in row)
                      for row in store.execute(query.bind(values)))
    rdflib = sorted(tuple(str(term) if term is not None else None for term in row)
                    for row in query_graph(graph, query.bind(values)))
    assert oxigraph and len(oxigraph) == len(rdflib)
    # Oxigraph writes numbers in canonical form ("12000000000"), rdflib as stored ("12000000000.0").
    assert ([[cell.removesuffix(".0") if cell else cell for cell in row] for row in rdflib]
            == [list(row) for row in oxigraph])


def test_deals_of_an_organisation(store):
    rows = run(store, "deals-of-organisation", org="Nvidia")
    assert [(row["type"], row["buyer"], row["vendor"], row["amount"], row["currency"], row["article"])
            for row in rows] == [
        ("Purchase", "ByteDance", "Nvidia", "12000000000", "USD", "a1"),
        ("Purchase", "ByteDance", "Nvidia", "12000000000", "USD", "a2"),
    ]
    assert all(row["evidence"].startswith("Der Tiktok-Eigentümer ByteDance kauft") for row in rows)
    assert run(store, "deals-of-organisation", org="NVIDIA") == rows  # an alias finds the same deals


def test_totals_per_vendor_never_add_up_currencies(store):
    rows = run(store, "amounts-per-vendor")
    assert {(row["vendor"], row["currency"], row["total"], row["deals"]) for row in rows} == {
        ("Huawei", "USD", "24000000000", "2"), ("Nvidia", "USD", "24000000000", "2"),
    }


def test_who_leads_which_company_and_investments_by_place(store):
    assert run(store, "leaders") == [{"person": "Zhang Yiming", "role": "Gründer", "organisation": "ByteDance",
                                      "articles": "2"}]
    assert run(store, "investments-by-country") == [{"place": "Malaysia", "currency": "CNY", "total": "80000000000",
                                                     "investments": "2"}]


def test_articles_mentioning_two_organisations(store):
    rows = run(store, "articles-mentioning-both", org1="Nvidia", org2="ByteDance")
    assert [row["article"] for row in rows] == ["a1", "a2"]
    assert run(store, "articles-mentioning-both", org1="Nvidia", org2=EVIL_NAMES[0]) == []


@pytest.mark.parametrize("name, exact, other", [
    ("deals-of-organisation", {"org": "Nvidia"}, {"org": "nvidia"}),
    ("deals-of-organisation", {"org": "ByteDance"}, {"org": " BYTEDANCE "}),
    ("suppliers-of", {"org": "ByteDance"}, {"org": "bytedance"}),
    ("articles-mentioning-both", {"org1": "Nvidia", "org2": "ByteDance"}, {"org1": "nVIDIA", "org2": "bytedance"}),
])
def test_a_name_matches_in_any_case_as_deals_does(store, name, exact, other):
    rows = run(store, name, **exact)
    assert rows and run(store, name, **parse_parameters([f"{key}={value}" for key, value in other.items()])) == rows
    if name == "deals-of-organisation" and exact["org"] == "Nvidia":
        assert {row["article"] for row in rows} == {row["article"] for row in deals(store, vendor=other["org"])}


# A name lookup as the saved queries write it, bound: a sub-SELECT that opens with the parameter's VALUES block,
# matches the name in any case and returns the parameter, so Oxigraph joins it with the outer VALUES block first.
NAME_LOOKUP = re.compile(
    r"\{\s*SELECT DISTINCT \?\w+ \?(?P<parameter>\w+)\s+WHERE \{\s*"
    r"VALUES \(\?(?P=parameter)\) \{ \((?P<value>[^\n]*)\) \}"
    r"\s*\?\w+ rdfs:label\|skos:altLabel \?(?P<name>\w+) \.\s*"
    r"FILTER\(UCASE\(STR\(\?(?P=name)\)\) = UCASE\(STR\(\?(?P=parameter)\)\)\)\s*\}\s*\}")


@pytest.mark.parametrize("name", [name for name, query in sorted(QUERIES.items()) if query.parameters])
def test_each_name_is_bound_in_the_sub_select_that_looks_it_up(name):
    """The shape the queries' speed on Oxigraph depends on (timings are in the benchmarks, not here)."""
    query = QUERIES[name]
    values = {parameter.name: f"{parameter.example} {index}" for index, parameter in enumerate(query.parameters)}
    bound = query.bind(values)
    literals = {key: str(ox.Literal(value)) for key, value in values.items()}
    where = bound.index("WHERE {") + len("WHERE {")
    outer = re.match(r"\s*VALUES \(([^)]*)\) \{ \((.*)\) \}\n", bound[where:])
    assert outer and outer.groups() == (" ".join(f"?{key}" for key in values), " ".join(literals.values()))
    lookups = {match["parameter"]: match["value"] for match in NAME_LOOKUP.finditer(bound)}
    assert lookups == literals
    # Every comparison with a parameter is in its lookup.
    assert bound.count("UCASE(STR(?") == 2 * len(values)


def test_a_parameter_is_bound_in_every_sub_select_that_names_it(store, tmp_path):
    (tmp_path / "entity.rq").write_text(
        "# One entity by name, and the number of entities\n"
        "# param org (example: Nvidia): a name in any case\n"
        "SELECT ?entity ?label ?entities ?org\n"
        "WHERE {  # a WHERE { in a comment, \"WHERE {\" in a string and <urn:WHERE{> are not the group\n"
        "  { SELECT ?entity ?org { ?entity rdfs:label ?label FILTER(LCASE(?label) = LCASE(?org)) } }\n"
        "  { SELECT (COUNT(DISTINCT ?any) AS ?entities) WHERE { ?any rdfs:label ?other } }\n"
        "  { SELECT ?entity (SAMPLE(?name) AS ?label) WHERE {\n"
        "      { SELECT ?entity ?name WHERE { ?entity rdfs:label ?name FILTER(?name != ?org) } } } GROUP BY ?entity }\n"
        "}\n", encoding="utf-8")
    query = saved_queries(tmp_path)["entity"]
    bound = query.bind({"org": "nvidia"})
    assert bound.count('VALUES (?org) { ("nvidia") }') == 4  # the query's and three sub-SELECTs', not the count's
    assert 'WHERE {\n  VALUES (?org) { ("nvidia") }  # a WHERE {' in bound
    graph = Graph()
    for extraction in _extractions():
        graph += to_graph(extraction)
    oxigraph = [{key: str(term.value) for key, term in zip(["entity", "label", "entities", "org"], row)}
                for row in store.execute(bound)]
    rdflib = [{key: str(term) for key, term in zip(["entity", "label", "entities", "org"], row)}
              for row in query_graph(graph, bound)]
    assert len(oxigraph) == 1 and oxigraph == rdflib
    assert oxigraph[0]["label"] == "Nvidia" and oxigraph[0]["org"] == "nvidia"
    assert int(oxigraph[0]["entities"]) > 1


def test_a_query_with_parameters_needs_its_own_where_group(tmp_path):
    (tmp_path / "nested.rq").write_text("# Nested\n# param org (example: A): a name\n"
                                        "SELECT * { { SELECT ?s WHERE { ?s rdfs:label ?org } } }\n", encoding="utf-8")
    with pytest.raises(NewsgraphError, match="no WHERE"):
        saved_queries(tmp_path)


@pytest.mark.parametrize("name", EVIL_NAMES)
def test_a_name_with_quotes_or_braces_is_data_and_never_changes_the_query(store, name):
    query = QUERIES["deals-of-organisation"]
    bound, harmless = query.bind({"org": name}), query.bind({"org": "Nvidia"})
    # Only the two VALUES lines differ (the query's and the name lookup's), each holding the name as one literal.
    lines = [line for line in bound.splitlines() if line not in harmless.splitlines()]
    assert [line.strip() for line in lines] == [f"VALUES (?org) {{ ({ox.Literal(name)}) }}"] * 2
    before = len(store)
    rows = run(store, "deals-of-organisation", org=name)
    assert len(store) == before
    expected = [("OrderShare", "ByteDance", EVIL_NAMES[0])] if name == EVIL_NAMES[0] else []
    assert [(row["type"], row["buyer"], row["vendor"]) for row in rows] == expected


def test_parameters_must_match_the_declared_ones():
    query = load_saved_query("articles-mentioning-both")
    with pytest.raises(NewsgraphError, match="missing org2"):
        query.bind({"org1": "Nvidia"})
    with pytest.raises(NewsgraphError, match="unknown land"):
        query.bind({"org1": "Nvidia", "org2": "AMD", "land": "DE"})
    with pytest.raises(NewsgraphError, match="there are: .*deals-of-organisation"):
        load_saved_query("gibt-es-nicht")
    with pytest.raises(NewsgraphError, match="NAME=VALUE"):
        parse_parameters(["org"])
    assert parse_parameters(["org=A=B", " org2 =x"]) == {"org": "A=B", "org2": "x"}


def test_the_cli_runs_a_saved_query_with_parameters(runner, tmp_path):
    with GraphStore(tmp_path / "graph") as store:
        for extraction in _extractions():
            store.replace_article(extraction.article.id, to_graph(extraction))
    result = runner.invoke(app, ["sparql", "--saved", "suppliers-of", "--param", "org=ByteDance",
                                 "--store", str(tmp_path / "graph"), "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert [(row["supplier"], row["deals"]) for row in rows][:2] == [("Huawei", 4), ("Nvidia", 2)]
    missing = runner.invoke(app, ["sparql", "--saved", "suppliers-of", "--store", str(tmp_path / "graph")])
    assert missing.exit_code == 1 and "missing org" in missing.stderr


def _shared_amount_store() -> GraphStore:
    """One article: Stackit buys chips from Nvidia and AMD for one 2.5 bn, and buys a unit from Bosch, which
    is also Bosch's spin-off, for one 900 m: both amounts are given by two relations each."""
    text = ("Stackit kauft Chips von Nvidia und AMD für 2,5 Mrd. Euro. "
            "Stackit übernimmt die Sparte von Bosch für 900 Mio. Euro.")
    first, second = text.index("Stackit kauft"), text.index("Stackit übernimmt")
    chips, unit = Money(Decimal("2.5E+9"), "EUR"), Money(Decimal("9E+8"), "EUR")
    chips_at, unit_at = text.index("2,5 Mrd."), text.index("900 Mio.")
    sentence_one, sentence_two = text[first:second].strip(), text[second:]
    relations = (
        Relation("PURCHASE", {"buyer": "Stackit", "vendor": "Nvidia"}, sentence_one, first, first + len(sentence_one),
                 0.9, amount=chips, amount_start=chips_at),
        Relation("PURCHASE", {"buyer": "Stackit", "vendor": "AMD"}, sentence_one, first, first + len(sentence_one),
                 0.9, amount=chips, amount_start=chips_at),
        Relation("ACQUISITION", {"buyer": "Stackit", "acquired": "Sparte", "seller": "Bosch"}, sentence_two, second,
                 len(text), 0.9, amount=unit, amount_start=unit_at),
        Relation("SPINOFF", {"parent": "Bosch", "child": "Sparte"}, sentence_two, second, len(text), 0.9,
                 amount=unit, amount_start=unit_at),
    )
    extraction = dataclasses.replace(build_extraction("s1", relations=relations), entities=())
    store = GraphStore()
    store.replace_article("s1", to_graph(extraction))
    return store


def test_an_amount_several_relations_give_is_added_once():
    store = _shared_amount_store()
    assert len(list(store.execute("SELECT ?a WHERE { ?a a schema:MonetaryAmount }"))) == 2
    (year,) = run(store, "amounts-by-year")
    assert (year["total"], year["events"]) == ("3400000000", "4")  # 2.5 bn + 900 m, not 6.8 bn
    per_vendor = {row["vendor"]: (row["total"], row["deals"], row["shared"])
                  for row in run(store, "amounts-per-vendor")}
    assert per_vendor == {"Nvidia": ("2500000000", "1", "1"), "AMD": ("2500000000", "1", "1")}
    rows = deals(store)
    assert sorted((row["vendor"], row["shared"]) for row in rows) == [("AMD", 2), ("Bosch", 2), ("Nvidia", 2)]
    bosch = {party.name: party.amounts for party in entity_profile(store, "Bosch").counterparties}
    assert bosch["Sparte"] == {"EUR": Decimal("9E+8")}  # the sale and the spin-off are one amount
