"""The relation vocabulary is consistent in itself; the ontology and shapes agreeing with it is tested
in test_triples.py."""

import pytest

from pipeline.core.vocabulary import DEAL_TYPES, ENTITY_ROLES, RELATION_TYPES, ROLE_LABELS, key_parties


@pytest.mark.parametrize("name", sorted(RELATION_TYPES))
def test_a_type_names_its_key_roles_and_edge_among_its_roles(name):
    relation_type = RELATION_TYPES[name]
    assert relation_type.name == name
    assert set(relation_type.key_roles) <= set(relation_type.roles) & ENTITY_ROLES
    givers, receivers = relation_type.edge
    assert set(givers) | set(receivers) <= set(relation_type.roles) & ENTITY_ROLES


def test_every_entity_role_belongs_to_a_type_and_has_a_known_label():
    used = {role for relation_type in RELATION_TYPES.values() for role in relation_type.roles}
    assert set(ROLE_LABELS) <= used
    assert set(ROLE_LABELS.values()) <= {"ORG", "PER", "LOC"}


def test_deals_are_the_types_between_a_buyer_and_a_vendor_or_seller():
    assert DEAL_TYPES == ("PURCHASE", "ORDER_SHARE", "ACQUISITION")
    assert all("buyer" in RELATION_TYPES[name].roles for name in DEAL_TYPES)


def test_only_a_symmetric_type_orders_its_parties():
    assert key_parties("MERGER", "Vodafone", "Liberty Global") == ("Liberty Global", "Vodafone")
    assert key_parties("PURCHASE", "Vodafone", "Liberty Global") == ("Vodafone", "Liberty Global")
