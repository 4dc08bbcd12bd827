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
from typing import Iterable, Mapping, NamedTuple

from rdflib import RDF, RDFS, XSD, Graph, Literal, Namespace, URIRef
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


class _Literal(NamedTuple):
    """A literal as the statement builders write it: its lexical form as rdflib would keep it, its
    datatype's IRI (None for a string) and its language tag (None for none)."""

    lexical: str
    datatype: str | None = None
    language: str | None = None


#: A term as the statement builders write it: an IRI (a plain string) or a ``_Literal``. The builders
#: write these rather than rdflib terms: ``to_ntriples`` formats them straight away, and building an
#: rdflib term (an IRI is checked, a literal's value parsed) cost most of its time.
_Term = str | _Literal


def statements(extraction: Extraction) -> list[Triple]:
    """All statements about one article, for its named graph, each once, as rdflib terms.

    Relations with the same ``key()`` (the same fact stated twice) share one
    IRI; only the first is written. Raises ``ValueError`` for a relation type
    that is not in ``vocabulary.RELATION_TYPES``.
    """
    return [(URIRef(subject), URIRef(predicate), _rdflib_term(value))
            for subject, predicate, value in _statements(extraction)]


def to_graph(extraction: Extraction) -> Graph:
    """``statements(extraction)`` as an rdflib graph with newsgraph's prefixes bound."""
    graph = Graph(bind_namespaces="core")
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    for triple in statements(extraction):
        graph.add(triple)
    return graph


def to_ntriples(extraction: Extraction) -> str:
    """``statements(extraction)`` as N-Triples text, as rdflib's N-Triples serializer writes them,
    written without making rdflib terms (a third of the time it took through them).

    Raises ``ValueError`` where rdflib would not write a term: an IRI with a character IRIs
    cannot hold (a space, "<", ...)."""
    return "".join(f"{_ntriples_iri(subject)} <{predicate}> {_ntriples_object(value)} .\n"
                   for subject, predicate, value in _statements(extraction))


def _rdflib_term(term: _Term) -> URIRef | Literal:
    if isinstance(term, _Literal):
        return Literal(term.lexical, lang=term.language,
                       datatype=None if term.datatype is None else URIRef(term.datatype))
    return URIRef(term)


_NOT_IN_IRIS = re.compile(r'[<>" {}|\\^`]')  # what rdflib's URIRef.n3 refuses to write


def _ntriples_iri(iri: str) -> str:
    if _NOT_IN_IRIS.search(iri):
        raise ValueError(f"{iri!r} is not a valid IRI: it cannot be written as N-Triples")
    return f"<{iri}>"


def _ntriples_object(value: _Term) -> str:
    if not isinstance(value, _Literal):
        return _ntriples_iri(value)
    text = value.lexical.replace("\\", "\\\\").replace("\n", "\\n").replace('"', '\\"').replace("\r", "\\r")
    if value.language:
        return f'"{text}"@{value.language}'
    if value.datatype:
        return f'"{text}"^^<{value.datatype}>'
    return f'"{text}"'


_LANGUAGE_TAG = re.compile(r"[a-zA-Z]+(?:-[a-zA-Z0-9]+)*")  # as rdflib checks tags


def _string(text: str, language: str | None = None) -> _Literal:
    """A string literal, with ``language`` as its tag if given; raises ``ValueError`` for a tag
    rdflib refuses."""
    if language and not _LANGUAGE_TAG.fullmatch(language):
        raise ValueError(f"{language!r} is not a valid language tag!")
    return _Literal(text, None, language or None)


def _typed(text: str, datatype: str) -> _Literal:
    """A literal whose lexical form rdflib keeps as written (the builders' dates, years and IRIs)."""
    return _Literal(text, str(datatype))


def _integer(value: int) -> _Literal:
    """An xsd:integer literal, as rdflib's ``Literal(value)`` writes an int."""
    return _Literal(str(value), _INTEGER)


_INTEGER = str(XSD.integer)


class _Names:
    """The IRIs of an rdflib namespace as plain strings, each made once: the namespace makes a new
    ``URIRef``, checked, on every attribute access."""

    def __init__(self, namespace: Namespace | type) -> None:
        self._namespace = namespace

    def __getattr__(self, name: str) -> str:
        iri = str(getattr(self._namespace, name))
        setattr(self, name, iri)
        return iri


_RDF, _RDFS, _SKOS, _DCTERMS, _SCHEMA, _NG, _XSD = map(_Names, (RDF, RDFS, SKOS, DCTERMS, SCHEMA, NG, XSD))
_ENTITY_CLASSES = {label: str(cls) for label, cls in ENTITY_CLASSES.items()}
_RELATION_CLASSES = {name: str(cls) for name, cls in RELATION_CLASSES.items()}
_ROLE_PROPERTIES = {role: str(prop) for role, prop in ROLE_PROPERTIES.items()}


def _statements(extraction: Extraction) -> list[tuple[str, str, _Term]]:
    """``statements`` as the builders write them."""
    graph = _Statements()
    article = extraction.article
    article_node = article_iri(article.id)
    _add_article(graph, article_node, extraction)

    entity_nodes: dict[str, str] = {}
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
        _add_relation(graph, iri, relation, article, entity_nodes, extraction.language)
    return list(graph.triples)


class _Statements:
    """Statements in the order they are added, each once (as a graph keeps them)."""

    def __init__(self) -> None:
        self.triples: dict[tuple[str, str, _Term], None] = {}

    def add(self, triple: tuple[str, str, _Term]) -> None:
        self.triples[triple] = None


def decimal_literal(value: Decimal | float | int) -> Literal:
    """An xsd:decimal in canonical form: the full number, never an exponent.

    ``Decimal("12E+9")`` -> ``"12000000000.0"``. The canonical form (with a
    decimal point) is what Turtle and TriG write, so values survive a round
    trip through the files unchanged.
    """
    return _rdflib_term(_decimal_term(value))


def _decimal_term(value: Decimal | float | int) -> _Literal:
    """``decimal_literal(value)`` as the builders write it."""
    number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    text = format(number.normalize(), "f")
    if "." not in text:
        text += ".0"
    return _Literal(text, _DECIMAL)


_DECIMAL = str(_XSD.decimal)


def _add_article(graph: _Statements, node: str, extraction: Extraction) -> None:
    article = extraction.article
    graph.add((node, _RDF.type, _SCHEMA.NewsArticle))
    graph.add((node, _DCTERMS.identifier, _string(article.id)))
    graph.add((node, _DCTERMS.source, _string(article.source)))
    if article.title:
        graph.add((node, _DCTERMS.title, _string(article.title)))
    if article.url:
        graph.add((node, _SCHEMA.url, _typed(article.url, _XSD.anyURI)))
    if article.published:
        graph.add((node, _DCTERMS.issued, _date_literal(article.published)))
    if article.author:
        graph.add((node, _DCTERMS.creator, _string(article.author)))
    if extraction.language:
        graph.add((node, _SCHEMA.inLanguage, _string(extraction.language)))


def _date_literal(text: str) -> _Literal:
    if _DATE.fullmatch(text):
        return _typed(text, _XSD.date)  # a valid date's lexical form is its ISO form; rdflib keeps an invalid one
    if _DATE_TIME.fullmatch(text):
        return _Literal(str(Literal(text, datatype=_XSD.dateTime)), str(_XSD.dateTime))  # rdflib's own form of it
    return _string(text)


def _add_entity(graph: _Statements, article_node: str, entity: Entity) -> str:
    node = entity.iri
    graph.add((node, _RDF.type, _ENTITY_CLASSES.get(entity.label, _NG.Thing)))
    graph.add((node, _RDFS.label, _string(entity.name)))
    for alias in entity.aliases:
        if alias != entity.name:
            graph.add((node, _SKOS.altLabel, _string(alias)))
    graph.add((article_node, _SCHEMA.mentions, node))
    return node


def _add_relation(
    graph: _Statements,
    node: str,
    relation: Relation,
    article: Article,
    entity_nodes: dict[str, str],
    language: str | None,
) -> None:
    article_node = article_iri(article.id)
    graph.add((node, _RDF.type, _RELATION_CLASSES[relation.type]))
    graph.add((node, _NG.sourceArticle, article_node))
    for role, value in relation.roles.items():
        if not value:
            continue
        if role not in ROLE_PROPERTIES:
            raise ValueError(f"Unknown role {role!r} in a {relation.type} relation")
        graph.add((node, _ROLE_PROPERTIES[role], _role_value(graph, article_node, role, value, entity_nodes, language)))
    if relation.amount is not None:
        amount_node = f"{node}/amount" if relation.amount_start is None \
            else amount_iri(article.id, relation.amount_start)
        graph.add((node, _NG.amount, _add_money(graph, amount_node, relation.amount)))
    if relation.percent is not None:
        graph.add((node, _NG.sharePercent, _decimal_term(relation.percent.value)))
        if relation.percent.qualifier:
            graph.add((node, _NG.qualifier, _string(relation.percent.qualifier)))
    graph.add((node, _NG.evidence, _string(relation.evidence, language)))
    graph.add((node, _NG.evidenceStart, _integer(relation.start)))
    graph.add((node, _NG.evidenceEnd, _integer(relation.end)))
    graph.add((node, _NG.confidence, _decimal_term(relation.confidence)))
    if relation.event_date and relation.date_precision:
        datatype, length = EVENT_DATE_TYPES[relation.date_precision]
        graph.add((node, _NG.eventDate, _typed(relation.event_date[:length], datatype)))
        graph.add((node, _NG.datePrecision, _string(relation.date_precision)))
    if relation.date_text:
        graph.add((node, _NG.dateText, _string(relation.date_text, language)))
    if relation.reported:
        graph.add((node, _NG.reportedDate, _typed(relation.reported, _XSD.date)))


def _role_value(
    graph: _Statements,
    article_node: str,
    role: str,
    value: str,
    entity_nodes: dict[str, str],
    language: str | None,
) -> _Term:
    if role in ENTITY_ROLES:
        node = entity_nodes.get(value.casefold())
        if node is None:
            label = ROLE_LABELS[role]  # a name the entity stage did not list
            node = _add_entity(graph, article_node, Entity(value, label, entity_iri(value, label)))
            entity_nodes[value.casefold()] = node
        return node
    if role == "until" and re.fullmatch(r"\d{4}", value):
        return _typed(value, _XSD.gYear)
    return _string(value, language)


def _add_money(graph: _Statements, node: str, money: Money) -> str:
    graph.add((node, _RDF.type, _SCHEMA.MonetaryAmount))
    graph.add((node, _SCHEMA.value, _decimal_term(money.value)))
    if money.currency:
        graph.add((node, _SCHEMA.currency, _string(money.currency)))
    if money.qualifier:
        graph.add((node, _NG.qualifier, _string(money.qualifier)))
    if money.upper is not None:
        graph.add((node, _SCHEMA.maxValue, _decimal_term(money.upper)))
    if money.equivalent is not None:
        equivalent = _add_money(graph, f"{node}/equivalent", money.equivalent)
        graph.add((node, _NG.equivalentAmount, equivalent))
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
