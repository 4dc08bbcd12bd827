"""Triples: one article's extraction as RDF, for the article's named graph.

``to_graph`` turns an ``Extraction`` into an rdflib ``Graph`` (``to_ntriples``
into its N-Triples text, which is what a batch sends to the store) in the vocabulary
of ``ontologies/newsgraph.ttl``: the article (schema:NewsArticle with Dublin
Core metadata), every entity it mentions (typed by label, named with
rdfs:label and skos:altLabel), and every relation as an n-ary event node
(ng:Purchase, ng:Investment, ...) that points to its parties by role, to a
schema:MonetaryAmount node and to its source article. Every node has a
deterministic IRI (see ``pipeline.core.iris``), never a blank node, so the same
extraction gives the same graph in every run and an article's graph can be
replaced as a whole.
"""

from __future__ import annotations

import re
from decimal import Decimal

from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, SKOS
from rdflib.term import Node

from pipeline.core.iris import NG, SCHEMA, amount_iri, article_iri, entity_iri, relation_iri
from pipeline.core.records import Article, Entity, Extraction, Money, Relation
from pipeline.core.vocabulary import ENTITY_ROLES, RELATION_ROLES, RELATION_TYPES, ROLE_LABELS

#: Prefixes bound in every graph and file newsgraph writes.
PREFIXES = {
    "ng": NG,
    "schema": SCHEMA,
    "prov": PROV,
    "dcterms": DCTERMS,
    "skos": SKOS,
    "xsd": XSD,
    "rdfs": RDFS,
}

#: Entity label -> rdf:type of the entity node.
ENTITY_CLASSES = {
    "ORG": SCHEMA.Organization,
    "PER": SCHEMA.Person,
    "LOC": SCHEMA.Place,
    "MISC": NG.Thing,
}

#: Relation type -> rdf:type of the event node.
RELATION_CLASSES = {name: NG[t.rdf_class] for name, t in RELATION_TYPES.items()}

#: Role name (``vocabulary.RELATION_ROLES``) -> property of the event node.
ROLE_PROPERTIES = {
    role: NG[re.sub(r"_(\w)", lambda match: match.group(1).upper(), role)]
    for roles in RELATION_ROLES.values()
    for role in roles
}

#: Event date precision -> (datatype of ng:eventDate, length of its ISO text): "2025", "2025-07", "2025-07-01".
EVENT_DATE_TYPES = {
    "day": (XSD.date, 10),
    "month": (XSD.gYearMonth, 7),
    "quarter": (XSD.gYearMonth, 7),  # the quarter's first month; ng:datePrecision says "quarter"
    "year": (XSD.gYear, 4),
}

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_DATE_TIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?")


Triple = tuple[URIRef, URIRef, URIRef | Literal]


def statements(extraction: Extraction) -> list[Triple]:
    """All statements about one article, for its named graph, each once.

    Relations with the same ``key()`` (the same fact stated twice) share one
    IRI; only the first is written. Raises ``ValueError`` for a relation type
    that is not in ``vocabulary.RELATION_TYPES``.
    """
    graph = _Statements()
    article = extraction.article
    article_node = URIRef(article_iri(article.id))
    _add_article(graph, article_node, extraction)

    entity_nodes: dict[str, URIRef] = {}
    for entity in extraction.entities:
        # Names that differ only in case have the same IRI (see iris.slugify).
        entity_nodes.setdefault(entity.name.casefold(), _add_entity(graph, article_node, entity))

    written: set[str] = set()
    for relation in extraction.relations:
        if relation.type not in RELATION_CLASSES:
            raise ValueError(f"Unknown relation type {relation.type!r}; expected one of {sorted(RELATION_CLASSES)}")
        iri = relation_iri(article.id, relation.key())
        if iri in written:
            continue
        written.add(iri)
        _add_relation(graph, URIRef(iri), relation, article, entity_nodes, extraction.language)
    return list(graph.triples)


def to_graph(extraction: Extraction) -> Graph:
    """``statements(extraction)`` as an rdflib graph with newsgraph's prefixes bound."""
    graph = Graph(bind_namespaces="core")
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    for triple in statements(extraction):
        graph.add(triple)
    return graph


def to_ntriples(extraction: Extraction) -> str:
    """``statements(extraction)`` as N-Triples text, as rdflib's N-Triples serializer writes them
    (in a quarter of the time of building and serializing an rdflib graph)."""
    return "".join(f"{subject.n3()} {predicate.n3()} {_ntriples_object(value)} .\n"
                   for subject, predicate, value in statements(extraction))


def _ntriples_object(value: Node) -> str:
    if not isinstance(value, Literal):
        return value.n3()
    text = str(value).replace("\\", "\\\\").replace("\n", "\\n").replace('"', '\\"').replace("\r", "\\r")
    if value.language:
        return f'"{text}"@{value.language}'
    if value.datatype:
        return f'"{text}"^^<{value.datatype}>'
    return f'"{text}"'


class _Statements:
    """Statements in the order they are added, each once (as a graph keeps them)."""

    def __init__(self) -> None:
        self.triples: dict[Triple, None] = {}

    def add(self, triple: Triple) -> None:
        self.triples[triple] = None


def decimal_literal(value: Decimal | float | int) -> Literal:
    """An xsd:decimal in canonical form: the full number, never an exponent.

    ``Decimal("12E+9")`` -> ``"12000000000.0"``. The canonical form (with a
    decimal point) is what Turtle and TriG write, so values survive a round
    trip through the files unchanged.
    """
    number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    text = format(number.normalize(), "f")
    if "." not in text:
        text += ".0"
    return Literal(text, datatype=XSD.decimal)


def _add_article(graph: _Statements, node: URIRef, extraction: Extraction) -> None:
    article = extraction.article
    graph.add((node, RDF.type, SCHEMA.NewsArticle))
    graph.add((node, DCTERMS.identifier, Literal(article.id)))
    graph.add((node, DCTERMS.source, Literal(article.source)))
    if article.title:
        graph.add((node, DCTERMS.title, Literal(article.title)))
    if article.url:
        graph.add((node, SCHEMA.url, Literal(article.url, datatype=XSD.anyURI)))
    if article.published:
        graph.add((node, DCTERMS.issued, _date_literal(article.published)))
    if article.author:
        graph.add((node, DCTERMS.creator, Literal(article.author)))
    if extraction.language:
        graph.add((node, SCHEMA.inLanguage, Literal(extraction.language)))


def _date_literal(text: str) -> Literal:
    if _DATE.fullmatch(text):
        return Literal(text, datatype=XSD.date)
    if _DATE_TIME.fullmatch(text):
        return Literal(text, datatype=XSD.dateTime)
    return Literal(text)


def _add_entity(graph: _Statements, article_node: URIRef, entity: Entity) -> URIRef:
    node = URIRef(entity.iri)
    graph.add((node, RDF.type, ENTITY_CLASSES.get(entity.label, NG.Thing)))
    graph.add((node, RDFS.label, Literal(entity.name)))
    for alias in entity.aliases:
        if alias != entity.name:
            graph.add((node, SKOS.altLabel, Literal(alias)))
    graph.add((article_node, SCHEMA.mentions, node))
    return node


def _add_relation(
    graph: _Statements,
    node: URIRef,
    relation: Relation,
    article: Article,
    entity_nodes: dict[str, URIRef],
    language: str | None,
) -> None:
    article_node = URIRef(article_iri(article.id))
    graph.add((node, RDF.type, RELATION_CLASSES[relation.type]))
    graph.add((node, NG.sourceArticle, article_node))
    for role, value in relation.roles.items():
        if not value:
            continue
        if role not in ROLE_PROPERTIES:
            raise ValueError(f"Unknown role {role!r} in a {relation.type} relation")
        graph.add((node, ROLE_PROPERTIES[role], _role_value(graph, article_node, role, value, entity_nodes, language)))
    if relation.amount is not None:
        amount_node = URIRef(f"{node}/amount" if relation.amount_start is None
                             else amount_iri(article.id, relation.amount_start))
        graph.add((node, NG.amount, _add_money(graph, amount_node, relation.amount)))
    if relation.percent is not None:
        graph.add((node, NG.sharePercent, decimal_literal(relation.percent.value)))
        if relation.percent.qualifier:
            graph.add((node, NG.qualifier, Literal(relation.percent.qualifier)))
    graph.add((node, NG.evidence, Literal(relation.evidence, lang=language)))
    graph.add((node, NG.evidenceStart, Literal(relation.start)))
    graph.add((node, NG.evidenceEnd, Literal(relation.end)))
    graph.add((node, NG.confidence, decimal_literal(relation.confidence)))
    if relation.event_date and relation.date_precision:
        datatype, length = EVENT_DATE_TYPES[relation.date_precision]
        graph.add((node, NG.eventDate, Literal(relation.event_date[:length], datatype=datatype)))
        graph.add((node, NG.datePrecision, Literal(relation.date_precision)))
    if relation.date_text:
        graph.add((node, NG.dateText, Literal(relation.date_text, lang=language)))
    if relation.reported:
        graph.add((node, NG.reportedDate, Literal(relation.reported, datatype=XSD.date)))


def _role_value(
    graph: _Statements,
    article_node: URIRef,
    role: str,
    value: str,
    entity_nodes: dict[str, URIRef],
    language: str | None,
) -> URIRef | Literal:
    if role in ENTITY_ROLES:
        node = entity_nodes.get(value.casefold())
        if node is None:
            label = ROLE_LABELS[role]  # a name the entity stage did not list
            node = _add_entity(graph, article_node, Entity(value, label, entity_iri(value, label)))
            entity_nodes[value.casefold()] = node
        return node
    if role == "until" and re.fullmatch(r"\d{4}", value):
        return Literal(value, datatype=XSD.gYear)
    return Literal(value, lang=language)


def _add_money(graph: _Statements, node: URIRef, money: Money) -> URIRef:
    graph.add((node, RDF.type, SCHEMA.MonetaryAmount))
    graph.add((node, SCHEMA.value, decimal_literal(money.value)))
    if money.currency:
        graph.add((node, SCHEMA.currency, Literal(money.currency)))
    if money.qualifier:
        graph.add((node, NG.qualifier, Literal(money.qualifier)))
    if money.upper is not None:
        graph.add((node, SCHEMA.maxValue, decimal_literal(money.upper)))
    if money.equivalent is not None:
        equivalent = _add_money(graph, URIRef(f"{node}/equivalent"), money.equivalent)
        graph.add((node, NG.equivalentAmount, equivalent))
    return node
