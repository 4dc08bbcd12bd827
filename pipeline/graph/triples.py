"""Triples: one article's extraction as RDF, for the article's named graph, and relations read back.

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

``relations_from_statements`` is the inverse for relations: from the statements about event nodes,
their amounts, articles and parties (a whole graph, or the rows of one SPARQL query, see
``RELATION_STATEMENTS``) it gives back the ``Relation`` records the extraction produced, each in a
``StoredRelation`` with the IRIs of its event node, parties and amount. What the graph does not keep:
``Relation.field`` (read back as "text"), an ``event_date`` without a ``date_precision``, the second of
two relations with the same ``key()`` (written once), and a party's spelling when another article
names the same entity differently (read back as the entity's name, its smallest ``rdfs:label``).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Iterable, Mapping

from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, SKOS
from rdflib.term import Node

from pipeline.core.iris import AMOUNT_BASE, NG, SCHEMA, amount_iri, article_iri, entity_iri, relation_iri
from pipeline.core.records import Article, Entity, Extraction, Money, Percent, Relation
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

#: The prefix declarations of ``PREFIXES``, to put before SPARQL sent where they are not predeclared.
SPARQL_PROLOGUE = "".join(f"PREFIX {prefix}: <{namespace}>\n" for prefix, namespace in PREFIXES.items())

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


# --- reading relations back -----------------------------------------------------------------------

_TYPE_OF_CLASS = {cls: name for name, cls in RELATION_CLASSES.items()}
_ROLE_OF_PROPERTY = {prop: role for role, prop in ROLE_PROPERTIES.items()}
#: The entity and the relation classes as SPARQL ``VALUES`` terms.
ENTITY_CLASS_VALUES = " ".join(f"<{cls}>" for cls in ENTITY_CLASSES.values())
RELATION_CLASS_VALUES = " ".join(f"<{cls}>" for cls in RELATION_CLASSES.values())
_ROLE_PROPERTY_VALUES = " ".join(f"<{prop}>" for prop in ROLE_PROPERTIES.values())

#: SPARQL (with ``SPARQL_PROLOGUE``'s prefixes) whose ``?s ?p ?o`` rows are what
#: ``relations_from_statements`` reads: every statement about an event node, its amount (and the amount's
#: equivalent), the identifier and URL of its article, and the names of its parties. ``{where}`` is
#: replaced by patterns that choose the events (``?event``), e.g. ``?event ng:buyer <...> .``, or "".
RELATION_STATEMENTS = f"""SELECT DISTINCT ?s ?p ?o WHERE {{
  {{ VALUES ?class {{ {RELATION_CLASS_VALUES} }} ?event a ?class . {{where}} ?event ?p ?o BIND(?event AS ?s) }}
  UNION {{ VALUES ?class {{ {RELATION_CLASS_VALUES} }} ?event a ?class . {{where}}
           ?event ng:amount/ng:equivalentAmount* ?s . ?s ?p ?o }}
  UNION {{ VALUES ?class {{ {RELATION_CLASS_VALUES} }} ?event a ?class . {{where}}
           ?event ng:sourceArticle ?s . VALUES ?p {{ dcterms:identifier schema:url }} ?s ?p ?o }}
  UNION {{ VALUES ?class {{ {RELATION_CLASS_VALUES} }} ?event a ?class . {{where}}
           VALUES ?role {{ {_ROLE_PROPERTY_VALUES} }} ?event ?role ?s .
           VALUES ?entityClass {{ {ENTITY_CLASS_VALUES} }} ?s a ?entityClass ; rdfs:label ?o .
           BIND(rdfs:label AS ?p) }}
}}"""


@dataclass(frozen=True)
class StoredRelation:
    """A relation read back from the graph, with the nodes that hold it: ``iri`` is its event node,
    ``parties`` maps each entity role to the entity's IRI, ``amount_iri`` is its amount node, which
    ``shared_by`` relations give (relations that share one amount, as two vendors of one order do)."""

    iri: str
    relation: Relation
    parties: Mapping[str, str]
    amount_iri: str | None = None
    shared_by: int = 1


def relations_from_graph(graph: Graph) -> list[Relation]:
    """The relations of a graph ``to_graph`` wrote (one article's, or several): the inverse of
    ``statements`` for relations, sorted by article, then offset."""
    return [stored.relation for stored in relations_from_statements(graph)]


def relations_from_statements(statements: Iterable[tuple[Node, Node, Node]]) -> list[StoredRelation]:
    """Every event node among ``statements`` as a record, sorted by article, offset, type and IRI.

    Roles that point to an entity give the entity's name: its smallest ``rdfs:label`` among the
    statements (as ``query.entities`` names it), else its IRI. ``shared_by`` counts the events among the
    statements that give the same amount node. A statement the graph leaves out is None in the record
    (``evidence``, ``start``, ...); an event without ``ng:sourceArticle`` has the article "".
    """
    about: dict[Node, dict[Node, list[Node]]] = defaultdict(lambda: defaultdict(list))
    for subject, predicate, value in statements:
        about[subject][predicate].append(value)
    labels = {node: min(str(label) for label in props[RDFS.label]) for node, props in about.items()
              if props.get(RDFS.label)}
    found = []
    for node, props in list(about.items()):
        type_ = next((_TYPE_OF_CLASS[cls] for cls in props.get(RDF.type, ()) if cls in _TYPE_OF_CLASS), None)
        if type_ is not None:
            found.append(_stored_relation(node, type_, props, about, labels))
    shares = Counter(stored.amount_iri for stored in found if stored.amount_iri is not None)
    found = [stored if stored.amount_iri is None else replace(stored, shared_by=shares[stored.amount_iri])
             for stored in found]
    return sorted(found, key=lambda stored: (stored.relation.article, stored.relation.start or 0,
                                             stored.relation.type, stored.iri))


def amount_start(amount_node: str | None) -> int | None:
    """The character offset an amount IRI names (``iris.amount_iri``); None for other amount nodes."""
    if amount_node and amount_node.startswith(AMOUNT_BASE):
        offset = amount_node.rsplit("/", 1)[-1]
        return int(offset) if offset.isdigit() else None
    return None


def article_id(article: Node | str, identifier: Node | str | None) -> str:
    """The article's dcterms:identifier, or failing that the end of its IRI."""
    return str(identifier) if identifier is not None else str(article).removeprefix(article_iri(""))


def _value(props: Mapping[Node, list[Node]], predicate: URIRef) -> Node | None:
    """The value of a property of one node (the first, should a node have several)."""
    values = props.get(predicate)
    return values[0] if values else None


def _stored_relation(node: Node, type_: str, props: Mapping[Node, list[Node]], about: Mapping,
                     labels: Mapping[Node, str]) -> StoredRelation:
    roles: dict[str, str] = {}
    parties: dict[str, str] = {}
    for predicate, values in props.items():
        role = _ROLE_OF_PROPERTY.get(predicate)
        if role is None:
            continue
        value = values[0]
        if isinstance(value, URIRef):
            parties[role] = str(value)
            roles[role] = labels[value] if value in labels else str(value)
        else:
            roles[role] = str(value)
    order = dict.fromkeys((*RELATION_ROLES[type_], *ROLE_PROPERTIES))
    article_node = _value(props, NG.sourceArticle)
    article, url = "", None
    if article_node is not None:
        article_props = about.get(article_node, {})
        article = article_id(article_node, _value(article_props, DCTERMS.identifier))
        url = _text(_value(article_props, SCHEMA.url))
    amount_node = _value(props, NG.amount)
    amount = _money(about.get(amount_node, {}), about) if amount_node is not None else None
    percent = _value(props, NG.sharePercent)
    event_date = _value(props, NG.eventDate)
    confidence = _value(props, NG.confidence)
    relation = Relation(
        type=type_,
        roles={role: roles[role] for role in order if role in roles},
        evidence=_text(_value(props, NG.evidence)),
        start=_int(_value(props, NG.evidenceStart)),
        end=_int(_value(props, NG.evidenceEnd)),
        confidence=None if confidence is None else float(confidence),
        amount=amount,
        percent=None if percent is None else Percent(_decimal(percent), _text(_value(props, NG.qualifier))),
        article=article,
        amount_start=amount_start(str(amount_node)) if amount is not None else None,
        url=url,
        # "2025" (xsd:gYear) and "2025-07" (xsd:gYearMonth) are the first day of their period.
        event_date=None if event_date is None else (str(event_date) + "-01-01")[:10],
        date_precision=_text(_value(props, NG.datePrecision)),
        date_text=_text(_value(props, NG.dateText)),
        reported=_text(_value(props, NG.reportedDate)),
    )
    return StoredRelation(str(node), relation, parties, str(amount_node) if amount is not None else None)


def _money(props: Mapping[Node, list[Node]], about: Mapping) -> Money | None:
    value = _value(props, SCHEMA.value)
    if value is None:
        return None
    upper = _value(props, SCHEMA.maxValue)
    equivalent = _value(props, NG.equivalentAmount)
    return Money(
        _decimal(value),
        _text(_value(props, SCHEMA.currency)),
        _text(_value(props, NG.qualifier)),
        None if upper is None else _decimal(upper),
        None if equivalent is None else _money(about.get(equivalent, {}), about),
    )


def _decimal(term: Node) -> Decimal:
    """An xsd:decimal as the extraction writes amounts: the plain full number, "5500000000" or "2.35" (so
    that a relation read back has the ``key()`` and IRI of the one written)."""
    return Decimal(format(Decimal(str(term)).normalize(), "f"))


def _text(term: Node | None) -> str | None:
    return None if term is None else str(term)


def _int(term: Node | None) -> int | None:
    return None if term is None else int(term)
