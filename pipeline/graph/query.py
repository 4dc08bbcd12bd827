"""Query: read relations, deals and entities back out of the graph.

Every function takes a ``GraphStore`` or any rdflib graph holding newsgraph
triples and reads it with SPARQL only, so it works unchanged over another
store backend. Relations are read back as the records extraction produced
(``stored_relations``, ``relation_records``; ``triples.relations_from_statements``
turns the rows of one query into them), with filters on names run in SPARQL.
``relations`` and ``entities`` return the JSON shapes other
tools consume; ``deals``, ``suppliers`` and ``buyers`` answer who sold what
to whom (names match case-insensitively and by alias); ``to_networkx``
projects the relations into a ``MultiDiGraph`` whose edges point from the
party that gives (vendor, seller, investor, owner, lessor) to the party that
receives; ``sparql`` runs a user's query and returns headers and rows for
``output.emit``; ``stats`` counts what the graph holds.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, replace
from typing import Collection

import networkx as nx
from rdflib import BNode, Graph, Literal
from rdflib.namespace import XSD
from rdflib.query import Result

from pipeline.core.errors import UnknownEntityError
from pipeline.core.json_output import number, relation_json
from pipeline.core.records import Relation
from pipeline.core.vocabulary import DEAL_TYPES, RELATION_TYPES
from pipeline.graph.store import GraphStore, query_graph
from pipeline.graph.triples import (
    ENTITY_CLASS_VALUES,
    ENTITY_CLASSES,
    RELATION_CLASS_VALUES,
    RELATION_CLASSES,
    RELATION_STATEMENTS,
    ROLE_PROPERTIES,
    SPARQL_PROLOGUE,
    StoredRelation,
    article_id,
    relations_from_statements,
)

Source = GraphStore | Graph


#: Edge direction per relation type in ``to_networkx`` (``vocabulary.RelationType.edge``).
EDGE_ROLES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {name: t.edge for name, t in RELATION_TYPES.items()}

_TYPE_OF_CLASS = {str(cls): name for name, cls in RELATION_CLASSES.items()}  # keyed by text: SPARQL rows give terms
_LABEL_OF_CLASS = {str(cls): label for label, cls in ENTITY_CLASSES.items()}
_DEAL_CLASS_VALUES = " ".join(f"<{RELATION_CLASSES[name]}>" for name in DEAL_TYPES)
_NUMERIC_TYPES = {
    XSD.integer, XSD.int, XSD.long, XSD.short, XSD.nonNegativeInteger, XSD.positiveInteger,
    XSD.decimal, XSD.double, XSD.float, XSD.boolean,
}
# The vendor of a deal: a purchase's vendor, an acquisition's seller or, when it names none, the acquired company.
_VENDOR_OF_EVENT = f"""{{ ?event ng:vendor ?vendor }}
    UNION {{ ?event a <{RELATION_CLASSES["ACQUISITION"]}> ; ng:seller ?vendor }}
    UNION {{ ?event a <{RELATION_CLASSES["ACQUISITION"]}> ; ng:acquired ?vendor
             FILTER NOT EXISTS {{ ?event ng:seller ?seller }} }}"""


@dataclass
class _EntityInfo:
    iri: str
    name: str
    type: str
    aliases: list[str]
    articles: list[str]


def relations(source: Source) -> list[dict]:
    """Every relation in the graph, in the shape ``newsgraph relations`` prints.

    ``{"type", "article", "url", "roles", "amount", "amount_start", "percent",
    "evidence", "start", "end", "confidence", "event_date", "date_precision",
    "date_text", "reported"}`` (``json_output.relation_json`` of the records
    ``stored_relations`` reads), sorted by article, then start offset. Dates
    are ISO; ``event_date`` is the first day of a month, quarter or year.
    ``amount`` holds ``value``, ``currency``, ``qualifier`` and, when there
    is one, ``upper`` (a range's upper bound) and ``shared_by`` (how many
    relations give this one amount); ``amount_start`` is where the amount is
    written in the article.
    """
    return [relation_row(stored) for stored in stored_relations(source)]


def relation_row(stored: StoredRelation) -> dict:
    """One relation read back, in the shape of ``relations``."""
    return relation_json(stored.relation, shared_by=stored.shared_by, equivalent=False)


def relation_records(source: Source) -> list[Relation]:
    """Every relation in the graph as the ``Relation`` record the extraction produced (see
    ``triples.relations_from_statements`` for what the graph does not keep), sorted as ``relations``."""
    return [stored.relation for stored in stored_relations(source)]


def stored_relations(source: Source) -> list[StoredRelation]:
    """Every relation in the graph with the IRIs of its event node, parties and amount."""
    return _stored(source)


def party_relations(source: Source, names: Collection[str], roles: Collection[str]) -> list[StoredRelation]:
    """The relations in which an entity named one of ``names`` (by its name in ``entities``) takes one of
    ``roles``, read back as in ``stored_relations``; the filter runs in SPARQL."""
    iris = sorted(iri for iri, (name, _) in _names(source).items() if name in names)
    properties = sorted(str(ROLE_PROPERTIES[role]) for role in roles)
    if not iris or not properties:
        return []
    return _stored(source, f"VALUES ?party {{ {_iris(iris)} }} VALUES ?partyRole {{ {_iris(properties)} }} "
                           "?event ?partyRole ?party .")


def entities(source: Source) -> list[dict]:
    """Every entity: ``{"name", "type", "iri", "aliases", "articles"}``, sorted by name."""
    return [_entity_row(info) for info in _entities(source).values()]


def find_entities(source: Source, name: str) -> list[dict]:
    """The entities (as in ``entities``) whose name or an alias is ``name``, ignoring case.

    Raises ``UnknownEntityError`` with the closest known names when none is.
    """
    wanted = _resolve(_names(source), name)
    return [_entity_row(info) for info in _entities(source, wanted).values()]


def _entity_row(info: _EntityInfo) -> dict:
    return {"name": info.name, "type": info.type, "iri": info.iri, "aliases": info.aliases, "articles": info.articles}


def deals(source: Source, *, buyer: str | None = None, vendor: str | None = None) -> list[dict]:
    """Purchases, order shares and acquisitions, optionally of one buyer or vendor.

    Rows hold ``vendor, buyer, amount, upper, currency, qualifier, shared, percent,
    type, item, article``: ``upper`` is a range's upper bound, ``shared`` the number of
    deals that state this one amount together (as "Chips von Nvidia und AMD für 2,5 Mrd.
    Euro" does), so that a sum over the rows counts it once per ``shared``. For an
    acquisition the vendor is the seller or, when no seller is named, the acquired company. Raises ``UnknownEntityError`` when
    ``buyer`` or ``vendor`` names no entity in the graph.
    """
    where = f"VALUES ?dealClass {{ {_DEAL_CLASS_VALUES} }} ?event a ?dealClass ."
    if buyer is not None or vendor is not None:
        known = _names(source)
        if buyer is not None:
            where += f" VALUES ?buyer {{ {_iris(_resolve(known, buyer))} }} ?event ng:buyer ?buyer ."
        if vendor is not None:
            where += f" VALUES ?vendor {{ {_iris(_resolve(known, vendor))} }} {_VENDOR_OF_EVENT}"
    rows = []
    for stored in _stored(source, where):
        relation = stored.relation
        roles = relation.roles
        vendor_role = "vendor" if relation.type != "ACQUISITION" else ("seller" if "seller" in roles else "acquired")
        amount = relation.amount
        rows.append(
            {
                "vendor": roles.get(vendor_role),
                "buyer": roles.get("buyer"),
                "amount": number(amount.value) if amount else None,
                "upper": number(amount.upper) if amount and amount.upper is not None else None,
                "currency": amount.currency if amount else None,
                "qualifier": amount.qualifier if amount else None,
                "shared": stored.shared_by if amount and stored.shared_by > 1 else None,
                "percent": number(relation.percent.value) if relation.percent else None,
                "type": relation.type,
                "item": roles.get("item", roles.get("acquired")),
                "article": relation.article,
            }
        )
    return rows


def suppliers(source: Source, org: str) -> list[dict]:
    """Who sells to ``org``: ``{"supplier", "deals", "articles"}`` per vendor."""
    return _tally(deals(source, buyer=org), "vendor", "supplier")


def buyers(source: Source, org: str) -> list[dict]:
    """Who buys from ``org``: ``{"buyer", "deals", "articles"}`` per buyer."""
    return _tally(deals(source, vendor=org), "buyer", "buyer")


def to_networkx(source: Source) -> nx.MultiDiGraph:
    """Entities as nodes (``label``, ``type``), relations as directed edges.

    Edges run as in ``EDGE_ROLES`` (vendor -> buyer, investor -> target or
    location, ...), keyed by the relation IRI, with attributes ``type``,
    ``article``, ``evidence``, ``confidence`` and, when known, ``amount``
    (float), ``currency``, ``qualifier`` and ``percent``. Attributes that are
    unknown are left out rather than set to None, so GraphML export works.
    """
    network = nx.MultiDiGraph()
    known = _entities(source)
    for info in known.values():
        network.add_node(info.iri, label=info.name, type=info.type)
    for stored in _stored(source):
        relation, parties = stored.relation, stored.parties
        givers, receivers = EDGE_ROLES[relation.type]
        receiver = next((role for role in receivers if role in parties), None)
        if receiver is None:
            continue
        attributes = {
            "type": relation.type,
            "article": relation.article,
            "evidence": relation.evidence,
            "confidence": relation.confidence,
            "percent": float(relation.percent.value) if relation.percent is not None else None,
        }
        if relation.amount is not None:
            attributes.update(
                amount=float(relation.amount.value),
                currency=relation.amount.currency,
                qualifier=relation.amount.qualifier,
            )
        attributes = {key: value for key, value in attributes.items() if value is not None}
        for role in (*givers, receiver):
            if role in parties and parties[role] not in network:
                network.add_node(parties[role], label=relation.roles[role])
        for giver in givers:
            if giver in parties:
                network.add_edge(parties[giver], parties[receiver], key=stored.iri, **attributes)
    return network


def sparql(source: Source, text: str) -> tuple[list[str], list[list]]:
    """Run a SPARQL query; return ``(headers, rows)`` for ``output.emit``.

    SELECT gives its variables and one row per solution (None where
    unbound); ASK gives ``["ask"]`` and one row ``[True]`` or ``[False]``;
    CONSTRUCT and DESCRIBE give ``["subject", "predicate", "object"]`` and
    the triples, sorted. IRIs become strings, numbers and booleans Python
    values, other literals their text. Raises ``QuerySyntaxError``.
    """
    result = _run(source, text)
    if result.type == "ASK":
        return ["ask"], [[bool(result.askAnswer)]]
    if result.type == "SELECT":
        headers = [str(variable) for variable in result.vars]
        return headers, [[_python(term) for term in row] for row in result]
    triples = sorted(result.graph, key=lambda triple: tuple(term.n3() for term in triple))
    return ["subject", "predicate", "object"], [[_python(term) for term in triple] for triple in triples]


def stats(source: Source) -> dict:
    """Counts: ``{"articles", "entities": {label: n}, "relations": {type: n}, "triples"}``."""
    articles = _select(source, "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a schema:NewsArticle }")
    triples = _select(source, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    entity_counts = dict.fromkeys(ENTITY_CLASSES, 0)
    for row in _select(
        source,
        f"SELECT ?class (COUNT(DISTINCT ?e) AS ?n) WHERE {{ VALUES ?class {{ {ENTITY_CLASS_VALUES} }} ?e a ?class }} GROUP BY ?class",
    ):
        entity_counts[_LABEL_OF_CLASS[str(row.get("class"))]] = int(row.get("n"))
    relation_counts = dict.fromkeys(RELATION_CLASSES, 0)
    for row in _select(
        source,
        f"SELECT ?class (COUNT(DISTINCT ?r) AS ?n) WHERE {{ VALUES ?class {{ {RELATION_CLASS_VALUES} }} ?r a ?class }} GROUP BY ?class",
    ):
        relation_counts[_TYPE_OF_CLASS[str(row.get("class"))]] = int(row.get("n"))
    return {
        "articles": int(articles[0].get("n")),
        "entities": entity_counts,
        "relations": relation_counts,
        "triples": int(triples[0].get("n")),
    }


def _run(source: Source, text: str) -> Result:
    if isinstance(source, GraphStore):
        return source.query(text)
    return query_graph(source, text)


def _select(source: Source, text: str) -> list:
    return list(_run(source, SPARQL_PROLOGUE + text))


def _iris(iris: Collection[str]) -> str:
    return " ".join(f"<{iri}>" for iri in sorted(iris))


def _stored(source: Source, where: str = "") -> list[StoredRelation]:
    """The relations whose event (``?event``) matches the SPARQL patterns ``where`` (all when empty),
    read back from the statements of one query; ``shared_by`` counts every event in the graph."""
    rows = _select(source, RELATION_STATEMENTS.replace("{where}", where))
    found = relations_from_statements((row[0], row[1], row[2]) for row in rows)
    amounts = {stored.amount_iri for stored in found if stored.amount_iri is not None}
    if not where or not amounts:
        return found
    shares = {
        str(row[0]): int(row[1])
        for row in _select(
            source,
            f"""SELECT ?amount (COUNT(DISTINCT ?event) AS ?n) WHERE {{
                VALUES ?amount {{ {_iris(amounts)} }} VALUES ?class {{ {RELATION_CLASS_VALUES} }}
                ?event a ?class ; ng:amount ?amount .
            }} GROUP BY ?amount""",
        )
    }
    return [stored if stored.amount_iri is None else replace(stored, shared_by=shares.get(stored.amount_iri, 1))
            for stored in found]


def _names(source: Source) -> dict[str, tuple[str, set[str]]]:
    """Entity IRI -> (its name, every name and alias it has, case-folded): what ``_resolve`` matches."""
    labels: dict[str, list[str]] = {}
    aliases: dict[str, set[str]] = {}
    for row in _select(
        source,
        f"""SELECT DISTINCT ?entity ?label ?alias WHERE {{
            VALUES ?class {{ {ENTITY_CLASS_VALUES} }}
            ?entity a ?class .
            OPTIONAL {{ {{ ?entity rdfs:label ?label }} UNION {{ ?entity skos:altLabel ?alias }} }}
        }}""",
    ):
        iri = str(row[0])
        labels.setdefault(iri, [])
        aliases.setdefault(iri, set())
        if row[1] is not None:
            labels[iri].append(str(row[1]))
        if row[2] is not None:
            aliases[iri].add(str(row[2]))
    names = {}
    for iri, found in labels.items():
        name = min(found) if found else iri
        names[iri] = (name, {alias.casefold() for alias in (name, *found, *aliases[iri])})
    return names


def _entities(source: Source, iris: Collection[str] | None = None) -> dict[str, _EntityInfo]:
    """Entity IRI -> what the graph says about it, sorted by name; only the entities ``iris`` when given."""
    only = f"VALUES ?entity {{ {_iris(iris)} }}" if iris is not None else ""
    labels: dict[str, list[str]] = {}
    types: dict[str, str] = {}
    order = list(ENTITY_CLASSES)
    for row in _select(
        source,
        f"""SELECT ?entity ?class ?name WHERE {{
            {only} VALUES ?class {{ {ENTITY_CLASS_VALUES} }}
            ?entity a ?class .
            OPTIONAL {{ ?entity rdfs:label ?name }}
        }}""",
    ):
        iri = str(row.get("entity"))
        label = _LABEL_OF_CLASS[str(row.get("class"))]
        if iri not in types or order.index(label) < order.index(types[iri]):
            types[iri] = label
        labels.setdefault(iri, [])
        if row.get("name") is not None:
            labels[iri].append(str(row.get("name")))

    aliases: dict[str, set[str]] = {}
    for row in _select(source, f"SELECT ?entity ?alias WHERE {{ {only} ?entity skos:altLabel ?alias }}"):
        aliases.setdefault(str(row.get("entity")), set()).add(str(row.get("alias")))
    articles: dict[str, set[str]] = {}
    for row in _select(
        source,
        f"SELECT ?entity ?article ?id WHERE {{ {only} ?article schema:mentions ?entity . "
        "OPTIONAL { ?article dcterms:identifier ?id } }",
    ):
        articles.setdefault(str(row.get("entity")), set()).add(article_id(row.get("article"), row.get("id")))

    infos = []
    for iri, label in types.items():
        name = min(labels[iri]) if labels[iri] else iri
        infos.append(
            _EntityInfo(
                iri=iri,
                name=name,
                type=label,
                # Other articles may spell the name differently: keep those spellings as aliases.
                aliases=sorted((aliases.get(iri, set()) | set(labels[iri])) - {name}),
                articles=sorted(articles.get(iri, set())),
            )
        )
    infos.sort(key=lambda info: (info.name.casefold(), info.iri))
    return {info.iri: info for info in infos}


def _resolve(known: dict[str, tuple[str, set[str]]], name: str) -> set[str]:
    """IRIs of the entities (``_names``) whose name or an alias is ``name``, ignoring case."""
    wanted = name.strip().casefold()
    matches = {iri for iri, (_, folded) in known.items() if wanted in folded}
    if not matches:
        all_names = sorted({entity_name for entity_name, _ in known.values()})
        by_folded = {candidate.casefold(): candidate for candidate in all_names}
        close = difflib.get_close_matches(wanted, list(by_folded), n=3, cutoff=0.6)
        raise UnknownEntityError(name, [by_folded[candidate] for candidate in close])
    return matches


def _tally(rows: list[dict], column: str, header: str) -> list[dict]:
    counts: dict[str, int] = {}
    articles: dict[str, set[str]] = {}
    for row in rows:
        if row[column] is None:
            continue
        counts[row[column]] = counts.get(row[column], 0) + 1
        articles.setdefault(row[column], set()).add(row["article"])
    return [
        {header: name, "deals": counts[name], "articles": sorted(articles[name])}
        for name in sorted(counts, key=str.casefold)
    ]


def _python(term) -> object:
    if term is None:
        return None
    if isinstance(term, Literal) and term.datatype in _NUMERIC_TYPES:
        value = term.toPython()
        return value if not isinstance(value, Literal) else str(term)
    if isinstance(term, BNode):
        return f"_:{term}"
    return str(term)
