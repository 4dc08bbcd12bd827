"""Query: read relations, deals and entities back out of the graph.

Every function takes a ``GraphStore`` or any rdflib graph holding newsgraph
triples and reads it with SPARQL only, so it works unchanged over another
store backend. ``relations`` and ``entities`` return the JSON shapes other
tools consume; ``deals``, ``suppliers`` and ``buyers`` answer who sold what
to whom (names match case-insensitively and by alias); ``to_networkx``
projects the relations into a ``MultiDiGraph`` whose edges point from the
party that gives (vendor, seller, investor, owner, lessor) to the party that
receives; ``sparql`` runs a user's query and returns headers and rows for
``output.emit``; ``stats`` counts what the graph holds.
"""

from __future__ import annotations

import difflib
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

import networkx as nx
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.query import Result

from pipeline.core.errors import UnknownEntityError
from pipeline.core.iris import AMOUNT_BASE, NG, article_iri
from pipeline.core.vocabulary import DEAL_TYPES, RELATION_ROLES, RELATION_TYPES
from pipeline.graph.store import GraphStore, query_graph
from pipeline.graph.triples import ENTITY_CLASSES, PREFIXES, RELATION_CLASSES, ROLE_PROPERTIES

Source = GraphStore | Graph

#: Edge direction per relation type in ``to_networkx`` (``vocabulary.RelationType.edge``).
EDGE_ROLES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {name: t.edge for name, t in RELATION_TYPES.items()}

_TYPE_OF_CLASS = {str(cls): name for name, cls in RELATION_CLASSES.items()}
_LABEL_OF_CLASS = {str(cls): label for label, cls in ENTITY_CLASSES.items()}
_ROLE_OF_PROPERTY = {str(prop): role for role, prop in ROLE_PROPERTIES.items()}
_PROLOGUE = "".join(f"PREFIX {prefix}: <{namespace}>\n" for prefix, namespace in PREFIXES.items())
_RELATION_CLASS_VALUES = " ".join(f"<{cls}>" for cls in RELATION_CLASSES.values())
_ENTITY_CLASS_VALUES = " ".join(f"<{cls}>" for cls in ENTITY_CLASSES.values())
_NUMERIC_TYPES = {
    XSD.integer, XSD.int, XSD.long, XSD.short, XSD.nonNegativeInteger, XSD.positiveInteger,
    XSD.decimal, XSD.double, XSD.float, XSD.boolean,
}


@dataclass
class _Event:
    iri: str
    type: str
    article: str = ""
    url: str | None = None
    evidence: str | None = None
    start: int | None = None
    end: int | None = None
    confidence: float | None = None
    percent: int | float | None = None
    roles: dict[str, str] = field(default_factory=dict)  # role -> entity name or literal text
    parties: dict[str, str] = field(default_factory=dict)  # role -> entity IRI
    amount: dict | None = None  # {"value", "currency", "qualifier", "upper", "shared_by"}
    amount_node: str | None = None  # the amount's IRI: events that share one amount share the node
    event_date: str | None = None  # ISO, the first day of the period
    date_precision: str | None = None
    date_text: str | None = None
    reported: str | None = None


@dataclass
class _EntityInfo:
    iri: str
    name: str
    type: str
    aliases: list[str]
    articles: list[str]


#: Property of an event node -> (``_Event`` field, conversion of its value).
_EVENT_FIELDS = {
    str(NG.evidence): ("evidence", str),
    str(NG.evidenceStart): ("start", int),
    str(NG.evidenceEnd): ("end", int),
    str(NG.confidence): ("confidence", float),
    str(NG.sharePercent): ("percent", lambda value: _number(value)),  # _number is defined further down
    # "2025" (xsd:gYear) and "2025-07" (xsd:gYearMonth) become the first day of their period.
    str(NG.eventDate): ("event_date", lambda value: (str(value) + "-01-01")[:10]),
    str(NG.datePrecision): ("date_precision", str),
    str(NG.dateText): ("date_text", str),
    str(NG.reportedDate): ("reported", str),
}


def relations(source: Source) -> list[dict]:
    """Every relation in the graph, in the shape ``newsgraph relations`` prints.

    ``{"type", "article", "url", "roles", "amount", "amount_start", "percent",
    "evidence", "start", "end", "confidence", "event_date", "date_precision",
    "date_text", "reported"}``, sorted by article, then start offset. Dates
    are ISO; ``event_date`` is the first day of a month, quarter or year.
    ``amount`` holds ``value``, ``currency``, ``qualifier`` and, when there
    is one, ``upper`` (a range's upper bound) and ``shared_by`` (how many
    relations give this one amount); ``amount_start`` is where the amount is
    written in the article.
    """
    return [
        {
            "type": event.type,
            "article": event.article,
            "url": event.url,
            "roles": event.roles,
            "amount": event.amount,
            "amount_start": amount_start(event.amount_node),
            "percent": event.percent,
            "evidence": event.evidence,
            "start": event.start,
            "end": event.end,
            "confidence": event.confidence,
            "event_date": event.event_date,
            "date_precision": event.date_precision,
            "date_text": event.date_text,
            "reported": event.reported,
        }
        for event in _events(source, _entities(source))
    ]


def amount_start(amount_node: str | None) -> int | None:
    """The character offset an amount IRI names (``iris.amount_iri``); None for other amount nodes."""
    if amount_node and amount_node.startswith(AMOUNT_BASE):
        offset = amount_node.rsplit("/", 1)[-1]
        return int(offset) if offset.isdigit() else None
    return None


def entities(source: Source) -> list[dict]:
    """Every entity: ``{"name", "type", "iri", "aliases", "articles"}``, sorted by name."""
    return [
        {"name": info.name, "type": info.type, "iri": info.iri, "aliases": info.aliases, "articles": info.articles}
        for info in _entities(source).values()
    ]


def find_entities(source: Source, name: str) -> list[dict]:
    """The entities (as in ``entities``) whose name or an alias is ``name``, ignoring case.

    Raises ``UnknownEntityError`` with the closest known names when none is.
    """
    wanted = _resolve(_entities(source), name)
    return [entity for entity in entities(source) if entity["iri"] in wanted]


def deals(source: Source, *, buyer: str | None = None, vendor: str | None = None) -> list[dict]:
    """Purchases, order shares and acquisitions, optionally of one buyer or vendor.

    Rows hold ``vendor, buyer, amount, upper, currency, qualifier, shared, percent,
    type, item, article``: ``upper`` is a range's upper bound, ``shared`` the number of
    deals that state this one amount together (as "Chips von Nvidia und AMD für 2,5 Mrd.
    Euro" does), so that a sum over the rows counts it once per ``shared``. For an
    acquisition the vendor is the seller or, when no seller is named, the acquired company. Raises ``UnknownEntityError`` when
    ``buyer`` or ``vendor`` names no entity in the graph.
    """
    known = _entities(source)
    buyers_wanted = _resolve(known, buyer) if buyer is not None else None
    vendors_wanted = _resolve(known, vendor) if vendor is not None else None
    rows = []
    for event in _events(source, known):
        if event.type not in DEAL_TYPES:
            continue
        vendor_role = "vendor" if event.type != "ACQUISITION" else ("seller" if "seller" in event.roles else "acquired")
        if buyers_wanted is not None and event.parties.get("buyer") not in buyers_wanted:
            continue
        if vendors_wanted is not None and event.parties.get(vendor_role) not in vendors_wanted:
            continue
        amount = event.amount or {}
        rows.append(
            {
                "vendor": event.roles.get(vendor_role),
                "buyer": event.roles.get("buyer"),
                "amount": amount.get("value"),
                "upper": amount.get("upper"),
                "currency": amount.get("currency"),
                "qualifier": amount.get("qualifier"),
                "shared": amount.get("shared_by"),
                "percent": event.percent,
                "type": event.type,
                "item": event.roles.get("item", event.roles.get("acquired")),
                "article": event.article,
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
    for event in _events(source, known):
        givers, receivers = EDGE_ROLES[event.type]
        receiver = next((role for role in receivers if role in event.parties), None)
        if receiver is None:
            continue
        attributes = {
            "type": event.type,
            "article": event.article,
            "evidence": event.evidence,
            "confidence": event.confidence,
            "percent": float(event.percent) if event.percent is not None else None,
        }
        if event.amount is not None:
            attributes.update(
                amount=float(event.amount["value"]),
                currency=event.amount["currency"],
                qualifier=event.amount["qualifier"],
            )
        attributes = {key: value for key, value in attributes.items() if value is not None}
        for role in (*givers, receiver):
            if role in event.parties and event.parties[role] not in network:
                network.add_node(event.parties[role], label=event.roles[role])
        for giver in givers:
            if giver in event.parties:
                network.add_edge(event.parties[giver], event.parties[receiver], key=event.iri, **attributes)
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
        f"SELECT ?class (COUNT(DISTINCT ?e) AS ?n) WHERE {{ VALUES ?class {{ {_ENTITY_CLASS_VALUES} }} ?e a ?class }} GROUP BY ?class",
    ):
        entity_counts[_LABEL_OF_CLASS[str(row.get("class"))]] = int(row.get("n"))
    relation_counts = dict.fromkeys(RELATION_CLASSES, 0)
    for row in _select(
        source,
        f"SELECT ?class (COUNT(DISTINCT ?r) AS ?n) WHERE {{ VALUES ?class {{ {_RELATION_CLASS_VALUES} }} ?r a ?class }} GROUP BY ?class",
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
    return list(_run(source, _PROLOGUE + text))


def _events(source: Source, known: dict[str, _EntityInfo]) -> list[_Event]:
    """Every relation event, sorted; ``known`` (from ``_entities``) names the parties."""
    articles: dict[str, tuple[str, str | None]] = {}  # article IRI -> (id, url)
    for row in _select(
        source,
        """SELECT ?article ?id ?url WHERE {
            ?article a schema:NewsArticle .
            OPTIONAL { ?article dcterms:identifier ?id }
            OPTIONAL { ?article schema:url ?url }
        }""",
    ):
        articles[str(row.get("article"))] = (_article_id(row.get("article"), row.get("id")), _text(row.get("url")))

    events: dict[str, _Event] = {}
    # One row per statement about an event: cheaper in rdflib than one OPTIONAL per property.
    for row in _select(
        source,
        f"""SELECT ?event ?class ?property ?value WHERE {{
            VALUES ?class {{ {_RELATION_CLASS_VALUES} }}
            ?event a ?class ; ?property ?value .
        }}""",
    ):
        iri, prop, value = str(row.get("event")), str(row.get("property")), row.get("value")
        event = events.setdefault(iri, _Event(iri, _TYPE_OF_CLASS[str(row.get("class"))]))
        if prop in _ROLE_OF_PROPERTY:
            role = _ROLE_OF_PROPERTY[prop]
            if isinstance(value, URIRef):
                event.parties[role] = str(value)
                event.roles[role] = known[str(value)].name if str(value) in known else str(value)
            else:
                event.roles[role] = str(value)
        elif prop == str(NG.sourceArticle):
            event.article, event.url = articles.get(str(value), (_article_id(value, None), None))
        elif prop in _EVENT_FIELDS:
            name, convert = _EVENT_FIELDS[prop]
            setattr(event, name, convert(value))

    sharing: Counter[str] = Counter()  # amount node -> events that give it
    for row in _select(
        source,
        """SELECT ?event ?amount ?value ?currency ?qualifier ?upper WHERE {
            ?event ng:amount ?amount .
            ?amount schema:value ?value .
            OPTIONAL { ?amount schema:currency ?currency }
            OPTIONAL { ?amount ng:qualifier ?qualifier }
            OPTIONAL { ?amount schema:maxValue ?upper }
        }""",
    ):
        event = events.get(str(row.get("event")))
        if event is not None and event.amount is None:
            event.amount = {
                "value": _number(row.get("value")),
                "currency": _text(row.get("currency")),
                "qualifier": _text(row.get("qualifier")),
            }
            if row.get("upper") is not None:
                event.amount["upper"] = _number(row.get("upper"))
            event.amount_node = str(row.get("amount"))
            sharing[event.amount_node] += 1
    for event in events.values():
        if event.amount is not None and sharing[event.amount_node] > 1:  # the same 2.5 bn of two vendors
            event.amount["shared_by"] = sharing[event.amount_node]

    for event in events.values():
        order = dict.fromkeys((*RELATION_ROLES[event.type], *ROLE_PROPERTIES))
        event.roles = {role: event.roles[role] for role in order if role in event.roles}
    return sorted(events.values(), key=lambda event: (event.article, event.start or 0, event.type, event.iri))


def _entities(source: Source) -> dict[str, _EntityInfo]:
    """Entity IRI -> what the graph says about it, sorted by name."""
    labels: dict[str, list[str]] = {}
    types: dict[str, str] = {}
    order = list(ENTITY_CLASSES)
    for row in _select(
        source,
        f"""SELECT ?entity ?class ?name WHERE {{
            VALUES ?class {{ {_ENTITY_CLASS_VALUES} }}
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
    for row in _select(source, "SELECT ?entity ?alias WHERE { ?entity skos:altLabel ?alias }"):
        aliases.setdefault(str(row.get("entity")), set()).add(str(row.get("alias")))
    articles: dict[str, set[str]] = {}
    for row in _select(
        source,
        "SELECT ?entity ?article ?id WHERE { ?article schema:mentions ?entity . OPTIONAL { ?article dcterms:identifier ?id } }",
    ):
        articles.setdefault(str(row.get("entity")), set()).add(_article_id(row.get("article"), row.get("id")))

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


def _resolve(known: dict[str, _EntityInfo], name: str) -> set[str]:
    """IRIs of the entities whose name or an alias is ``name``, ignoring case."""
    wanted = name.strip().casefold()
    matches = {
        info.iri
        for info in known.values()
        if wanted == info.name.casefold() or wanted in {alias.casefold() for alias in info.aliases}
    }
    if not matches:
        all_names = sorted({info.name for info in known.values()})
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


def _article_id(article, identifier) -> str:
    """The article's dcterms:identifier, or failing that the end of its IRI."""
    return str(identifier) if identifier is not None else str(article).removeprefix(article_iri(""))


def _text(term) -> str | None:
    return None if term is None else str(term)


def _number(term) -> int | float | None:
    """An xsd number as int when integral, else float (as JSON wants it)."""
    if term is None:
        return None
    value = Decimal(str(term))
    return int(value) if value == value.to_integral_value() else float(value)


def _python(term) -> object:
    if term is None:
        return None
    if isinstance(term, Literal) and term.datatype in _NUMERIC_TYPES:
        value = term.toPython()
        return value if not isinstance(value, Literal) else str(term)
    if isinstance(term, BNode):
        return f"_:{term}"
    return str(term)
