"""The reference article in ../shared/samples/ comes out complete."""

import json
from collections import Counter
from decimal import Decimal

from pipeline.core.records import BatchReport
from pipeline.core.vocabulary import KEY_ROLES
from pipeline.extract.readers import read_articles
from pipeline.run.extraction import extract_articles


def extract_reference(nlp, path):
    report = BatchReport()
    (extraction,) = extract_articles(read_articles([path], report), nlp, report)
    expected = json.loads(path.with_name("bytedance-ai-chips.de.expected.json").read_text(encoding="utf-8"))
    return extraction, expected


def test_every_expected_entity_is_found_with_its_type(nlp_de, reference_article):
    extraction, expected = extract_reference(nlp_de, reference_article)
    found = {(entity.name, entity.label) for entity in extraction.entities}
    for entity in expected["entities"]:
        assert (entity["canonical"], entity["type"]) in found


def test_every_expected_amount_is_found_normalised(nlp_de, reference_article):
    extraction, expected = extract_reference(nlp_de, reference_article)
    found = Counter((a.money.value, a.money.currency, a.money.qualifier) for a in extraction.amounts)
    wanted = Counter((Decimal(item["value"]), item["currency"], item["qualifier"]) for item in expected["money"])
    assert found == wanted
    (yuan,) = [a for a in extraction.amounts if a.money.currency == "CNY"]
    assert yuan.money.equivalent.value == Decimal("5.5e9") and yuan.money.equivalent.currency == "USD"


def test_every_expected_relation_is_found(nlp_de, reference_article):
    extraction, expected = extract_reference(nlp_de, reference_article)
    found = {
        (r.type, *(r.roles.get(role) for role in KEY_ROLES[r.type]),
         r.amount.value if r.amount else None, r.percent.value if r.percent else None)
        for r in extraction.relations
    }
    for relation in expected["relations"]:
        first, second = KEY_ROLES[relation["type"]]
        wanted = (relation["type"], relation.get(first), relation.get(second),
                  Decimal(relation["amount"]) if relation.get("amount") else None,
                  Decimal(relation["share_percent"]) if "share_percent" in relation else None)
        assert wanted in found, relation


def test_nothing_from_the_related_links_block_is_used(nlp_de, reference_article):
    extraction, expected = extract_reference(nlp_de, reference_article)
    cut = extraction.article.content_end
    assert extraction.article.boilerplate == "Lesen Sie auch"
    assert extraction.article.text[cut:].startswith("Lesen Sie auch")
    assert all(mention.end <= cut for mention in extraction.mentions)
    assert all(relation.end <= cut for relation in extraction.relations)
    names = {entity.name for entity in extraction.entities} | {a for e in extraction.entities for a in e.aliases}
    assert not names & set(expected["boilerplate_only_entities"])


def test_default_pipeline_labels_the_key_entities(nlp_de, reference_article):
    extraction, _ = extract_reference(nlp_de, reference_article)
    labels = {(m.canonical, m.label) for m in extraction.mentions}
    for name, label in [("ByteDance", "ORG"), ("Huawei", "ORG"), ("Cambricon", "ORG"), ("Nvidia", "ORG"),
                        ("Zhang Yiming", "PER"), ("China", "LOC"), ("Malaysia", "LOC")]:
        assert (name, label) in labels
    text = extraction.article.text
    inside = [m for m in extraction.mentions if m.canonical == "Nvidia" and text[m.end:m.end + 6] == "-Chips"]
    assert inside and all(text[m.start:m.end] == "Nvidia" for m in inside)
