"""The relation vocabulary: every relation type newsgraph extracts, written once.

Each ``RelationType`` says everything the other stages need to know of a type: its roles, the two
that identify a fact, its class in the ontology, its direction as a graph edge, and how people see
it. The triples, queries, timelines, evaluation and the NetworkX projection read this table; the
ontology (``ontologies/newsgraph.ttl``) and the SHACL shapes (``ontologies/shapes.ttl``) declare the
same classes and roles, and a test checks that they agree. CONTRIBUTING.md shows how to add a type.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping


@dataclass(frozen=True)
class RelationType:
    """One relation type.

    ``roles`` are the role names in display order; ``key_roles`` the two that identify a fact
    when it is scored or deduplicated (``symmetric`` when their order carries no meaning: A
    merges with B); ``rdf_class`` is the local name of the event class in the ontology
    (``ng:Purchase``); ``edge`` says how the event becomes an edge of the NetworkX projection
    (every role of the first tuple that is present points to the first present role of the
    second); ``label`` and ``colour`` are for people reading a timeline; ``deal`` marks the
    types ``newsgraph deals`` lists (a vendor or seller, a buyer, perhaps an amount).
    """

    name: str
    roles: tuple[str, ...]
    key_roles: tuple[str, str]
    rdf_class: str
    edge: tuple[tuple[str, ...], tuple[str, ...]]
    label: str
    colour: str
    symmetric: bool = False
    deal: bool = False


#: The relation types. Colours: Okabe-Ito, distinguishable with colour blindness.
RELATION_TYPES: Mapping[str, RelationType] = {
    t.name: t
    for t in (
        RelationType("PURCHASE", ("buyer", "vendor", "item"), ("buyer", "vendor"), "Purchase",
                     (("vendor",), ("buyer",)), "Purchase", "#0072B2", deal=True),
        RelationType("ORDER_SHARE", ("buyer", "vendor", "item"), ("buyer", "vendor"), "OrderShare",
                     (("vendor",), ("buyer",)), "Order share", "#56B4E9", deal=True),
        RelationType("INVESTMENT", ("investor", "target", "purpose", "location", "until", "reported_by"),
                     ("investor", "target"), "Investment", (("investor",), ("target", "location")), "Investment",
                     "#009E73"),
        RelationType("ACQUISITION", ("buyer", "acquired", "seller"), ("buyer", "acquired"), "Acquisition",
                     (("seller", "acquired"), ("buyer",)), "Acquisition", "#D55E00", deal=True),
        RelationType("MERGER", ("party", "partner", "merged"), ("party", "partner"), "Merger",
                     (("party", "partner"), ("merged",)), "Merger", "#000000", symmetric=True),
        RelationType("SPINOFF", ("parent", "child"), ("parent", "child"), "SpinOff",
                     (("parent",), ("child",)), "Spin-off", "#999999"),
        RelationType("OWNERSHIP", ("owner", "owned"), ("owner", "owned"), "Ownership",
                     (("owner",), ("owned",)), "Ownership", "#CC79A7"),
        RelationType("LEADERSHIP", ("person", "org", "role"), ("person", "org"), "Leadership",
                     (("person",), ("org",)), "Leadership", "#E69F00"),
        RelationType("LEASE", ("lessee", "lessor", "item"), ("lessee", "lessor"), "Lease",
                     (("lessor",), ("lessee",)), "Lease", "#7F6A3C"),
    )
}

#: The roles whose value is an entity (a canonical name), with the entity label a name in that role
#: has; every other role takes free text ("Chips", "2025", "Vorstandschef").
ROLE_LABELS: Mapping[str, str] = {
    "buyer": "ORG", "vendor": "ORG", "investor": "ORG", "target": "ORG", "location": "LOC", "reported_by": "ORG",
    "acquired": "ORG", "seller": "ORG", "owner": "ORG", "owned": "ORG", "person": "PER", "org": "ORG",
    "lessee": "ORG", "lessor": "ORG", "party": "ORG", "partner": "ORG", "merged": "ORG", "parent": "ORG",
    "child": "ORG",
}
ENTITY_ROLES = frozenset(ROLE_LABELS)
#: Role names per relation type, in display order.
RELATION_ROLES: Mapping[str, tuple[str, ...]] = {name: t.roles for name, t in RELATION_TYPES.items()}
#: The two roles that identify a relation when it is scored or deduplicated.
KEY_ROLES: Mapping[str, tuple[str, str]] = {name: t.key_roles for name, t in RELATION_TYPES.items()}
#: The types ``newsgraph deals`` lists.
DEAL_TYPES = tuple(name for name, t in RELATION_TYPES.items() if t.deal)


def key_parties(type_: str, first: str | None, second: str | None) -> tuple[str | None, str | None]:
    """A relation's two key parties in a fixed order: sorted for a symmetric type (A merges with B is
    B merges with A)."""
    if RELATION_TYPES[type_].symmetric and first is not None and second is not None and second < first:
        return second, first
    return first, second
