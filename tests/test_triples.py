"""Tests for pipeline.graph.triples and the ontology it writes against."""

from dataclasses import replace
from decimal import Decimal

import pytest
from rdflib import RDF, RDFS, XSD, BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, SKOS

from conftest import INVEST_SENTENCE, PURCHASE_SENTENCE, ROOT, assert_isomorphic, build_extraction
from pipeline.core.iris import NG, SCHEMA, article_iri, entity_iri, relation_iri
from pipeline.core.records import Article, Entity, Extraction, Money, Relation
from pipeline.core.vocabulary import RELATION_TYPES
from pipeline.graph.triples import (
    ENTITY_CLASSES,
    RELATION_CLASSES,
    ROLE_PROPERTIES,
    decimal_literal,
    relations_from_graph,
    relations_from_statements,
    to_graph,
    to_ntriples,
)

ONTOLOGY = ROOT / "ontologies" / "newsgraph.ttl"


def _about(graph: Graph, subject: URIRef) -> set:
    return set(graph.triples((subject, None, None)))


def test_purchase_event_node_holds_roles_amount_evidence_and_source():
    extraction = build_extraction()
    relation = extraction.relations[0]
    graph = to_graph(extraction)
    event = URIRef(relation_iri("a1", relation.key()))
    amount = URIRef(f"{event}/amount")
    article = URIRef(article_iri("a1"))

    assert _about(graph, event) == {
        (event, RDF.type, NG.Purchase),
        (event, NG.buyer, URIRef(entity_iri("ByteDance", "ORG"))),
        (event, NG.vendor, URIRef(entity_iri("Nvidia", "ORG"))),
        (event, NG.item, Literal("KI-Chips", lang="de")),
        (event, NG.amount, amount),
        (event, NG.evidence, Literal(PURCHASE_SENTENCE, lang="de")),
        (event, NG.evidenceStart, Literal(relation.start)),
        (event, NG.evidenceEnd, Literal(relation.end)),
        (event, NG.confidence, Literal("0.9", datatype=XSD.decimal)),
        (event, NG.sourceArticle, article),
    }
    assert _about(graph, amount) == {
        (amount, RDF.type, SCHEMA.MonetaryAmount),
        (amount, SCHEMA.value, Literal("12000000000.0", datatype=XSD.decimal)),
        (amount, SCHEMA.currency, Literal("USD")),
        (amount, NG.qualifier, Literal("over")),
    }


def test_two_vendors_of_one_purchase_are_two_events():
    graph = to_graph(build_extraction())
    vendors = {graph.value(event, NG.vendor) for event in graph.subjects(RDF.type, NG.Purchase)}
    assert vendors == {URIRef(entity_iri("Nvidia", "ORG")), URIRef(entity_iri("Huawei", "ORG"))}


def test_order_share_has_percent_and_its_qualifier():
    extraction = build_extraction()
    graph = to_graph(extraction)
    event = URIRef(relation_iri("a1", extraction.relations[2].key()))
    assert (event, RDF.type, NG.OrderShare) in graph
    assert (event, NG.sharePercent, Literal("25.0", datatype=XSD.decimal)) in graph
    assert (event, NG.qualifier, Literal("about")) in graph
    assert graph.value(event, NG.amount) is None


def test_investment_with_equivalent_amount_and_until_year():
    extraction = build_extraction()
    graph = to_graph(extraction)
    event = URIRef(relation_iri("a1", extraction.relations[4].key()))
    amount = URIRef(f"{event}/amount")
    equivalent = URIRef(f"{amount}/equivalent")
    expected = Graph()
    for triple in [
        (event, RDF.type, NG.Investment),
        (event, NG.investor, URIRef(entity_iri("ByteDance", "ORG"))),
        (event, NG.location, URIRef(entity_iri("Malaysia", "LOC"))),
        (event, NG.purpose, Literal("Rechenzentren", lang="de")),
        (event, NG.until, Literal("2030", datatype=XSD.gYear)),
        (event, NG.amount, amount),
        (event, NG.evidence, Literal(INVEST_SENTENCE, lang="de")),
        (event, NG.evidenceStart, Literal(extraction.relations[4].start)),
        (event, NG.evidenceEnd, Literal(extraction.relations[4].end)),
        (event, NG.confidence, Literal("0.85", datatype=XSD.decimal)),
        (event, NG.sourceArticle, URIRef(article_iri("a1"))),
        (amount, RDF.type, SCHEMA.MonetaryAmount),
        (amount, SCHEMA.value, Literal("40000000000.0", datatype=XSD.decimal)),
        (amount, SCHEMA.currency, Literal("CNY")),
        (amount, NG.equivalentAmount, equivalent),
        (equivalent, RDF.type, SCHEMA.MonetaryAmount),
        (equivalent, SCHEMA.value, Literal("5500000000.0", datatype=XSD.decimal)),
        (equivalent, SCHEMA.currency, Literal("USD")),
    ]:
        expected.add(triple)
    actual = Graph()
    for node in (event, amount, equivalent):
        for triple in graph.triples((node, None, None)):
            actual.add(triple)
    assert_isomorphic(actual, expected)


def test_leadership_links_person_and_org():
    extraction = build_extraction()
    graph = to_graph(extraction)
    event = URIRef(relation_iri("a1", extraction.relations[3].key()))
    assert graph.value(event, NG.person) == URIRef(entity_iri("Zhang Yiming", "PER"))
    assert graph.value(event, NG.org) == URIRef(entity_iri("ByteDance", "ORG"))
    assert graph.value(event, NG.role) == Literal("Gründer", lang="de")


def test_article_and_entities():
    graph = to_graph(build_extraction())
    article = URIRef(article_iri("a1"))
    bytedance = URIRef(entity_iri("ByteDance", "ORG"))
    assert _about(graph, article) >= {
        (article, RDF.type, SCHEMA.NewsArticle),
        (article, DCTERMS.identifier, Literal("a1")),
        (article, DCTERMS.title, Literal("ByteDance kauft KI-Chips")),
        (article, DCTERMS.source, Literal("data/raw/a1.txt")),
        (article, DCTERMS.issued, Literal("2024-09-12", datatype=XSD.date)),
        (article, SCHEMA.url, Literal("https://example.org/news/a1", datatype=XSD.anyURI)),
        (article, SCHEMA.mentions, bytedance),
    }
    assert _about(graph, bytedance) == {
        (bytedance, RDF.type, SCHEMA.Organization),
        (bytedance, RDFS.label, Literal("ByteDance")),
        (bytedance, SKOS.altLabel, Literal("Bytedance Ltd.")),
        (bytedance, SKOS.altLabel, Literal("字节跳动")),
    }
    assert set(graph.objects(article, SCHEMA.mentions)) == {
        URIRef(entity_iri(name, label))
        for name, label in [("ByteDance", "ORG"), ("Nvidia", "ORG"), ("Huawei", "ORG"), ("Zhang Yiming", "PER"), ("Malaysia", "LOC")]
    }
    types = {graph.value(URIRef(entity_iri(name, label)), RDF.type) for name, label in [("Zhang Yiming", "PER"), ("Malaysia", "LOC")]}
    assert types == {SCHEMA.Person, SCHEMA.Place}


def test_the_byline_is_the_articles_creator():
    extraction = build_extraction()
    article = URIRef(article_iri("a1"))
    assert to_graph(extraction).value(article, DCTERMS.creator) is None
    bylined = replace(extraction, article=replace(extraction.article, author="Anna Beispiel, dpa"))
    assert to_graph(bylined).value(article, DCTERMS.creator) == Literal("Anna Beispiel, dpa")


def test_same_extraction_gives_same_graph_without_blank_nodes():
    first, second = to_graph(build_extraction()), to_graph(build_extraction())
    assert set(first) == set(second)
    assert not any(isinstance(term, BNode) for triple in first for term in triple)


@pytest.mark.parametrize(
    ("role", "name", "label", "cls"),
    [
        ("person", "Lisa Su", "PER", SCHEMA.Person),
        ("org", "Advanced Micro Devices", "ORG", SCHEMA.Organization),
    ],
)
def test_role_naming_an_unlisted_entity_mints_and_types_it(role, name, label, cls):
    roles = {"person": "Zhang Yiming", "org": "ByteDance", "role": "Chefin"} | {role: name}
    relation = Relation("LEADERSHIP", roles, "Lisa Su leitet AMD.", 0, 19, 0.6)
    graph = to_graph(build_extraction(relations=(relation,)))
    node = URIRef(entity_iri(name, label))
    assert (node, RDF.type, cls) in graph
    assert (node, RDFS.label, Literal(name)) in graph
    assert (URIRef(article_iri("a1")), SCHEMA.mentions, node) in graph


def test_location_role_mints_a_place_and_entity_lookup_ignores_case():
    relation = Relation("INVESTMENT", {"investor": "bytedance", "location": "Südostasien"}, "ByteDance investiert in Südostasien.", 0, 36, 0.7)
    graph = to_graph(build_extraction(relations=(relation,)))
    event = next(graph.subjects(RDF.type, NG.Investment))
    assert graph.value(event, NG.investor) == URIRef(entity_iri("ByteDance", "ORG"))
    assert graph.value(event, NG.location) == URIRef(entity_iri("Südostasien", "LOC"))
    assert (URIRef(entity_iri("Südostasien", "LOC")), RDF.type, SCHEMA.Place) in graph


@pytest.mark.parametrize(
    ("until", "expected"),
    [
        ("2030", Literal("2030", datatype=XSD.gYear)),
        ("Ende 2030", Literal("Ende 2030", lang="de")),
        ("März 2026", Literal("März 2026", lang="de")),
    ],
)
def test_until_is_a_year_only_when_four_digits(until, expected):
    relation = Relation("INVESTMENT", {"investor": "ByteDance", "until": until}, "ByteDance investiert.", 0, 21, 0.7)
    graph = to_graph(build_extraction(relations=(relation,)))
    assert set(graph.objects(None, NG.until)) == {expected}


@pytest.mark.parametrize(
    ("published", "datatype"),
    [("2024-09-12", XSD.date), ("2024-09-12T08:30:00+02:00", XSD.dateTime), ("12. September 2024", None)],
)
def test_published_is_typed_when_iso(published, datatype):
    extraction = build_extraction()
    article = Article(id="a1", text=extraction.article.text, source="x.txt", published=published)
    graph = to_graph(Extraction(article=article, language="de"))
    assert graph.value(URIRef(article_iri("a1")), DCTERMS.issued) == Literal(published, datatype=datatype)


def test_range_amount_has_max_value():
    money = Money(Decimal("5E+9"), "EUR", "range", upper=Decimal("6E+9"))
    relation = Relation("ACQUISITION", {"buyer": "Nvidia", "acquired": "Huawei"}, "Nvidia übernimmt Huawei für zwischen 5 und 6 Milliarden Euro.", 0, 60, 0.5, amount=money)
    graph = to_graph(build_extraction(relations=(relation,)))
    amount = next(graph.subjects(RDF.type, SCHEMA.MonetaryAmount))
    assert graph.value(amount, SCHEMA.value) == Literal("5000000000.0", datatype=XSD.decimal)
    assert graph.value(amount, SCHEMA.maxValue) == Literal("6000000000.0", datatype=XSD.decimal)
    assert graph.value(amount, NG.qualifier) == Literal("range")


def test_the_same_fact_twice_is_written_once():
    relation = Relation("OWNERSHIP", {"owner": "ByteDance", "owned": "TikTok"}, "TikTok gehört ByteDance.", 0, 24, 0.9)
    again = Relation("OWNERSHIP", {"owner": "ByteDance", "owned": "TikTok"}, "Der Eigentümer von TikTok ist ByteDance.", 30, 70, 0.7)
    graph = to_graph(build_extraction(relations=(relation, again)))
    event = next(graph.subjects(RDF.type, NG.Ownership))
    assert list(graph.objects(event, NG.evidence)) == [Literal("TikTok gehört ByteDance.", lang="de")]


def test_unknown_relation_type_is_refused():
    relation = Relation("BANKRUPTCY", {"buyer": "ByteDance"}, "Fusion.", 0, 7, 0.5)
    with pytest.raises(ValueError, match="BANKRUPTCY"):
        to_graph(build_extraction(relations=(relation,)))


@pytest.mark.parametrize(
    ("value", "lexical"),
    [
        (Decimal("12E+9"), "12000000000.0"),
        (Decimal("5.5E+9"), "5500000000.0"),
        (Decimal("1500"), "1500.0"),
        (Decimal("2.50"), "2.5"),
        (0.9, "0.9"),
        (25, "25.0"),
    ],
)
def test_decimal_literal_is_canonical_and_full(value, lexical):
    assert decimal_literal(value) == Literal(lexical, datatype=XSD.decimal)


@pytest.mark.parametrize("published", ["2024-09-12", "2024-09-31", "2024-09-12T08:30Z", "12. September 2024"])
def test_ntriples_are_what_rdflib_writes_for_the_graph(published):
    # to_ntriples writes its lines without rdflib terms: the same statements, in the same lexical forms
    # (rdflib's own form of a date-time), with the same escapes.
    extraction = build_extraction()
    article = replace(extraction.article, published=published, title='"KI-Chips" \\ für\nByteDance\r',
                      url="https://example.org/?q=\"x\"")
    extraction = replace(extraction, article=article)
    rdflib_lines = to_graph(extraction).serialize(format="nt").splitlines()
    assert sorted(to_ntriples(extraction).splitlines()) == sorted(line for line in rdflib_lines if line.strip())


def test_an_iri_rdflib_would_not_write_is_refused():
    extraction = build_extraction()
    odd = replace(extraction, entities=(Entity("Nvidia", "ORG", "https://example.org/a b"),))
    with pytest.raises(ValueError, match="IRI"):
        to_ntriples(odd)


# --- the ontology -------------------------------------------------------------


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ONTOLOGY, format="turtle")


def _terms_written_by_triples() -> set[URIRef]:
    graph = to_graph(build_extraction())
    extra = to_graph(build_extraction(relations=(
        Relation("ACQUISITION", {"buyer": "Nvidia", "acquired": "Huawei", "seller": "ByteDance"}, "x", 0, 1, 0.5,
                 amount=Money(Decimal("5E+9"), "EUR", "range", upper=Decimal("6E+9"))),
    )))
    used = {term for g in (graph, extra) for triple in g for term in triple if isinstance(term, URIRef)}
    used |= set(ROLE_PROPERTIES.values()) | set(RELATION_CLASSES.values()) | set(ENTITY_CLASSES.values())
    return {term for term in used if str(term).startswith(str(NG))}


@pytest.mark.parametrize("term", sorted(_terms_written_by_triples()), ids=lambda term: term.split("#")[-1])
def test_every_ng_term_written_is_declared_with_english_and_german_text(ontology, term):
    kinds = set(ontology.objects(term, RDF.type))
    assert kinds & {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty}, f"{term} is not declared"
    for predicate in (RDFS.label, RDFS.comment):
        languages = {literal.language for literal in ontology.objects(term, predicate)}
        assert {"en", "de"} <= languages, f"{term} lacks an English or German {predicate}"


def test_every_declared_ng_term_has_english_and_german_labels(ontology):
    declared = {
        subject
        for kind in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
        for subject in ontology.subjects(RDF.type, kind)
        if isinstance(subject, URIRef) and str(subject).startswith(str(NG))
    }
    assert len(declared) >= 36
    missing = [
        str(term)
        for term in declared
        if not {"en", "de"} <= {label.language for label in ontology.objects(term, RDFS.label)}
        or not {"en", "de"} <= {comment.language for comment in ontology.objects(term, RDFS.comment)}
    ]
    assert missing == []


def test_events_are_prov_activities_and_source_article_is_derivation(ontology):
    prov = "http://www.w3.org/ns/prov#"
    assert (NG.Event, RDFS.subClassOf, URIRef(prov + "Activity")) in ontology
    assert (NG.sourceArticle, RDFS.subPropertyOf, URIRef(prov + "wasDerivedFrom")) in ontology
    for cls in RELATION_CLASSES.values():
        assert (cls, RDFS.subClassOf, NG.Event) in ontology


def test_the_ontology_and_the_shapes_declare_the_relation_vocabulary(ontology):
    shapes = Graph().parse(ONTOLOGY.parent / "shapes.ttl", format="turtle")
    shacl = Namespace("http://www.w3.org/ns/shacl#")
    event_targets = {
        target for shape in shapes.subjects(shacl.targetClass, NG.Purchase)
        for target in shapes.objects(shape, shacl.targetClass)
    }
    for name, relation_type in RELATION_TYPES.items():
        cls = NG[relation_type.rdf_class]
        assert (cls, RDFS.subClassOf, NG.Event) in ontology, name
        assert cls in event_targets, f"{name}: the Event shape does not target {cls}"
        for role in relation_type.roles:
            domains = set(ontology.objects(ROLE_PROPERTIES[role], RDFS.domain))
            assert domains & {cls, NG.Event}, f"{name}: {ROLE_PROPERTIES[role]} is not declared for {cls}"
        first_key = ROLE_PROPERTIES[relation_type.key_roles[0]]
        required = {
            shapes.value(prop, shacl.path)
            for shape in shapes.subjects(shacl.targetClass, cls)
            for prop in shapes.objects(shape, shacl.property)
            if shapes.value(prop, shacl.minCount) is not None
        }
        assert first_key in required, f"{name}: no shape requires {first_key}"


def _order(relation: Relation) -> tuple:
    return relation.type, sorted(relation.roles.items())


def test_relations_read_back_from_the_graph_are_the_records_written():
    """The inverse of ``statements``: every field the graph keeps comes back, an equivalent amount, a
    percent's qualifier, a year in ``until`` and dates included; a repeated fact comes back once."""
    extraction = build_extraction()
    first = extraction.relations[0]
    dated = replace(first, event_date="2025-07-01", date_precision="quarter", date_text="im dritten Quartal",
                    reported="2024-09-12", amount_start=17, article="a1", url="https://example.org/news/a1")
    relations = (dated, replace(dated, evidence="Noch einmal."), *extraction.relations[1:])
    read = relations_from_graph(to_graph(replace(extraction, relations=relations)))
    expected = [dated, *(replace(relation, article="a1", url="https://example.org/news/a1")
                         for relation in extraction.relations[1:])]
    assert sorted(read, key=_order) == sorted(expected, key=_order)
    investment = next(relation for relation in read if relation.type == "INVESTMENT")
    assert investment.amount.equivalent == Money(Decimal("5500000000"), "USD")
    assert investment.roles == {"investor": "ByteDance", "purpose": "Rechenzentren", "location": "Malaysia",
                                "until": "2030"}
    assert next(relation for relation in read if relation.type == "ORDER_SHARE").percent.qualifier == "about"


@pytest.mark.parametrize("precision, written, read", [
    ("day", "2025-07-14", "2025-07-14"), ("month", "2025-07-01", "2025-07-01"),
    ("quarter", "2025-10-01", "2025-10-01"), ("year", "2025-01-01", "2025-01-01"),
])
def test_an_event_date_comes_back_as_the_first_day_of_its_period(precision, written, read):
    relation = replace(build_extraction().relations[3], event_date=written, date_precision=precision)
    [back] = relations_from_graph(to_graph(build_extraction(relations=(relation,))))
    assert (back.event_date, back.date_precision) == (read, precision)


def test_an_amount_read_back_is_the_plain_number_so_the_relation_keeps_its_iri():
    relation = replace(build_extraction().relations[0], amount=Money(Decimal("2500000000"), "EUR", "about"))
    extraction = build_extraction(relations=(relation,))
    [stored] = relations_from_statements(to_graph(extraction))
    assert str(stored.relation.amount.value) == "2500000000"
    assert stored.iri == relation_iri("a1", stored.relation.key()) == relation_iri("a1", relation.key())
    assert stored.parties == {"buyer": entity_iri("ByteDance", "ORG"), "vendor": entity_iri("Nvidia", "ORG")}
