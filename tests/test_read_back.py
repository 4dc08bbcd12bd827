"""Reading the graph back: the sample articles, extracted by the real pipeline and written to a real store,
give back the records extraction produced, and ``newsgraph relations`` shows them as ``newsgraph extract`` does."""

from dataclasses import replace

import pytest

from conftest import ROOT
from pipeline.core.iris import relation_iri
from pipeline.core.json_output import RELATION_KEYS
from pipeline.core.records import BatchReport, Extraction, Relation
from pipeline.core.vocabulary import ENTITY_ROLES
from pipeline.extract.readers import read_articles
from pipeline.graph import query
from pipeline.graph.store import GraphStore
from pipeline.graph.triples import relations_from_graph, to_graph, to_ntriples
from pipeline.run.batch import extraction_dict
from pipeline.run.extraction import extract_articles

RAW = ROOT / "data" / "raw"


@pytest.fixture(scope="module")
def samples(nlp_de) -> tuple[list[Extraction], GraphStore]:
    """data/raw/ extracted by the real pipeline and written to an in-memory store as ``ingest`` writes it,
    published on a day as ``ingest --published`` gives plain-text files (so relations have dates)."""
    articles = (replace(article, published=article.published or "2025-03-04")
                for article in read_articles([RAW], BatchReport()))
    extractions = [extraction for extraction in extract_articles(articles, nlp_de, BatchReport())
                   if extraction.skipped is None]
    store = GraphStore("memory:")
    for extraction in extractions:
        store.add_article(extraction.article.id, to_ntriples(extraction))
    return extractions, store


def as_stored(extraction: Extraction) -> list[Relation]:
    """The relations of an extraction as the graph keeps them: the first of relations with the same
    ``key()``, without what the graph does not store (``field``; an event date without its precision;
    empty roles; an amount's offset without an amount)."""
    kept: dict[str, Relation] = {}
    for relation in extraction.relations:
        dated = bool(relation.event_date and relation.date_precision)
        kept.setdefault(relation_iri(extraction.article.id, relation.key()), replace(
            relation,
            field="text",
            roles={role: value for role, value in relation.roles.items() if value},
            event_date=relation.event_date if dated else None,
            date_precision=relation.date_precision if dated else None,
            amount_start=relation.amount_start if relation.amount is not None else None,
        ))
    return list(kept.values())


def _ordered(relations: list[Relation]) -> list[Relation]:
    return sorted(relations, key=lambda relation: (relation.article, relation.start, relation.type,
                                                   sorted(relation.roles.items()), repr(relation.key())))


def test_the_samples_exercise_every_field_the_graph_stores(samples):
    extractions, _ = samples
    relations = [relation for extraction in extractions for relation in as_stored(extraction)]
    assert len(extractions) >= 10 and len(relations) >= 40
    assert {relation.type for relation in relations} >= {"PURCHASE", "ORDER_SHARE", "ACQUISITION", "INVESTMENT",
                                                         "LEADERSHIP"}
    assert any(relation.amount and relation.amount.upper is not None for relation in relations)
    assert any(relation.amount and relation.amount.qualifier for relation in relations)
    assert any(relation.amount_start is not None for relation in relations)
    assert any(relation.percent is not None for relation in relations)
    assert any(relation.event_date and relation.date_text for relation in relations)
    assert any(relation.reported for relation in relations)


def test_the_store_gives_back_the_records_extraction_produced(samples):
    extractions, store = samples
    expected = [relation for extraction in extractions for relation in as_stored(extraction)]
    read = query.relation_records(store)
    assert _ordered(read) == _ordered(expected)
    # A relation read back is the same fact as the one written: its key gives the IRI of its event node.
    assert [relation_iri(stored.relation.article, stored.relation.key()) for stored in query.stored_relations(store)] \
        == [stored.iri for stored in query.stored_relations(store)]
    # Sorted as ``newsgraph relations`` lists them: by article, then offset.
    assert [(relation.article, relation.start) for relation in read] == sorted(
        (relation.article, relation.start) for relation in read)


def test_each_articles_graph_gives_back_its_records(samples):
    extractions, _ = samples
    for extraction in extractions:
        assert _ordered(relations_from_graph(to_graph(extraction))) == _ordered(as_stored(extraction))


def test_relations_json_is_the_extract_json_of_the_same_relations(samples):
    """``newsgraph relations`` and ``newsgraph extract`` give a relation in one shape; ``relations`` adds
    ``shared_by`` to an amount several relations give and leaves out the parenthetical ``equivalent``,
    ``extract`` adds ``field`` for a relation in a separate title."""
    extractions, store = samples
    extracted = {}
    for extraction in extractions:
        written = {relation_iri(extraction.article.id, relation.key()) for relation in as_stored(extraction)}
        for row, relation in zip(extraction_dict(extraction)["relations"], extraction.relations):
            iri = relation_iri(extraction.article.id, relation.key())
            if iri in written:
                written.discard(iri)
                row.pop("field", None)
                if row["amount"] is not None:
                    row["amount"].pop("equivalent", None)
                extracted[iri] = row
    listed = {}
    for stored, row in zip(query.stored_relations(store), query.relations(store)):
        if row["amount"] is not None:
            assert row["amount"].pop("shared_by", 1) == stored.shared_by
        listed[stored.iri] = row
    assert listed == extracted
    assert {tuple(row) for row in (*listed.values(), *extracted.values())} == {RELATION_KEYS}


def test_an_amount_several_relations_give_is_shared_by_all_of_them(samples):
    _, store = samples
    stored = query.stored_relations(store)
    by_amount: dict[str, int] = {}
    for item in stored:
        if item.amount_iri is not None:
            by_amount[item.amount_iri] = by_amount.get(item.amount_iri, 0) + 1
    assert any(count > 1 for count in by_amount.values())
    for item, row in zip(stored, query.relations(store)):
        if item.amount_iri is not None:
            assert item.shared_by == by_amount[item.amount_iri]
            assert row["amount"].get("shared_by") == (item.shared_by if item.shared_by > 1 else None)


def test_deals_of_a_buyer_or_vendor_are_the_deals_that_name_it(samples):
    """The name filter runs in SPARQL; it keeps exactly the rows of every deal that names the entity, with
    ``shared`` counted over all deals."""
    _, store = samples
    every = query.deals(store)
    assert any(row["shared"] for row in every)
    for name in sorted({row["buyer"] for row in every} | {row["vendor"] for row in every}):
        named = {match["name"] for match in query.find_entities(store, name.upper())}
        for role in ("buyer", "vendor"):
            assert query.deals(store, **{role: name.upper()}) == [row for row in every if row[role] in named]


def test_the_relations_of_a_party_are_those_that_name_it_in_a_party_role(samples):
    _, store = samples
    every = query.stored_relations(store)
    names = sorted({name for stored in every for name in stored.relation.roles.values()})
    roles = ENTITY_ROLES - {"reported_by"}
    for name in names:
        assert query.party_relations(store, {name}, roles) == [
            stored for stored in every
            if any(role in roles and value == name for role, value in stored.relation.roles.items())]
