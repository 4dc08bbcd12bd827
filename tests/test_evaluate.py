"""Tests for pipeline.model.evaluate: gold reading, scoring, SmartData mapping."""

from __future__ import annotations

import dataclasses
import json
from decimal import Decimal
from pathlib import Path

import pytest

from conftest import SHARED_SAMPLES as SAMPLES
from conftest import needs_shared_samples
from pipeline.core.errors import InputError
from pipeline.core.records import Amount, Article, Entity, Extraction, Mention, Money, Percent, Relation
from pipeline.model.evaluate import (
    MISMATCH_HEADERS,
    ROW_HEADERS,
    GoldArticle,
    Score,
    evaluate_smartdata,
    read_gold,
    score_articles,
)

ARTICLE_TEXT = (
    "Altmann Systeme bestellt Chips bei Rheinchip und Baltic Semi\n\n"
    "Altmann Systeme kauft bei Rheinchip und Baltic Semi Chips für 2 Milliarden Euro. "
    "Etwa 30 % des Auftrags gehen an Baltic Semi. Das Unternehmen investiert außerdem "
    "rund 500 Millionen Euro in ein Werk in Dresden, sagte Vorstandschefin Jana Koch.\n"
)
GOLD = {
    "article": "altmann.de.txt",
    "language": "de",
    "entities": [
        {"canonical": "Altmann Systeme", "type": "ORG", "surfaces": ["Altmann Systeme"]},
        {"canonical": "Rheinchip", "type": "ORG", "surfaces": ["Rheinchip"]},
        {"canonical": "Baltic Semi", "type": "ORG", "surfaces": ["Baltic Semi"]},
        {"canonical": "Dresden", "type": "LOC", "surfaces": ["Dresden"]},
        {"canonical": "Jana Koch", "type": "PER", "surfaces": ["Jana Koch"]},
        {"canonical": "Chips", "type": "MISC", "surfaces": ["Chips"]},
    ],
    "money": [
        {"surface": "2 Milliarden Euro", "value": 2000000000, "currency": "EUR", "qualifier": None},
        {"surface": "rund 500 Millionen Euro", "value": 500000000, "currency": "EUR", "qualifier": "about"},
    ],
    "percentages": [{"surface": "Etwa 30 %", "value": 30, "qualifier": "about"}],
    "relations": [
        {"type": "PURCHASE", "buyer": "Altmann Systeme", "vendor": "Rheinchip", "item": "Chips",
         "amount": 2000000000, "currency": "EUR"},
        {"type": "PURCHASE", "buyer": "Altmann Systeme", "vendor": "Baltic Semi", "item": "Chips",
         "amount": 2000000000, "currency": "EUR"},
        {"type": "ORDER_SHARE", "buyer": "Altmann Systeme", "vendor": "Baltic Semi", "share_percent": 30},
        {"type": "INVESTMENT", "investor": "Altmann Systeme", "amount": 500000000, "currency": "EUR",
         "qualifier": "about", "location": "Dresden", "purpose": "Werk"},
        {"type": "LEADERSHIP", "person": "Jana Koch", "org": "Altmann Systeme", "role": "Vorstandschefin"},
    ],
}


def eur(value: str, qualifier: str | None = None, equivalent: Money | None = None) -> Money:
    return Money(Decimal(value), "EUR", qualifier, equivalent=equivalent)


def relation(type_: str, amount: Money | None = None, percent: str | None = None, **roles: str) -> Relation:
    return Relation(
        type=type_,
        roles=roles,
        evidence="",
        start=0,
        end=0,
        confidence=0.9,
        amount=amount,
        percent=Percent(Decimal(percent)) if percent else None,
    )


def entity(name: str, label: str) -> Entity:
    return Entity(name=name, label=label, iri=f"urn:test:{name}")


def amount(money: Money, start: int = 0, end: int = 10) -> Amount:
    return Amount(start=start, end=end, text="", money=money)


EXACT_RELATIONS = (
    relation("PURCHASE", eur("2E9"), buyer="Altmann Systeme", vendor="Rheinchip", item="Chips"),
    relation("PURCHASE", eur("2E9"), buyer="Altmann Systeme", vendor="Baltic Semi", item="Chips"),
    relation("ORDER_SHARE", percent="30", buyer="Altmann Systeme", vendor="Baltic Semi"),
    relation("INVESTMENT", eur("500000000", "about"), investor="Altmann Systeme", location="Dresden"),
    relation("LEADERSHIP", person="Jana Koch", org="Altmann Systeme", role="Vorstandschefin"),
)
EXACT_ENTITIES = (
    entity("Altmann Systeme", "ORG"),
    entity("Rheinchip", "ORG"),
    entity("Baltic Semi", "ORG"),
    entity("Dresden", "LOC"),
    entity("Jana Koch", "PER"),
)
EXACT_AMOUNTS = (amount(eur("2000000000")), amount(eur("5E8", "about")))
PERCENT_START = ARTICLE_TEXT.index("Etwa 30 %")
EXACT_MENTIONS = (Mention(PERCENT_START, PERCENT_START + 9, "Etwa 30 %", "PERCENT"),)


@pytest.fixture
def gold_article(tmp_path: Path) -> GoldArticle:
    (tmp_path / "altmann.de.txt").write_text(ARTICLE_TEXT, encoding="utf-8")
    (tmp_path / "altmann.de.expected.json").write_text(json.dumps(GOLD), encoding="utf-8")
    [gold] = read_gold(tmp_path)
    return gold


def extraction(
    relations=EXACT_RELATIONS, entities=EXACT_ENTITIES, amounts=EXACT_AMOUNTS, mentions=EXACT_MENTIONS
) -> Extraction:
    article = Article(id="altmann", text=ARTICLE_TEXT, source="altmann.de.txt")
    return Extraction(article, "de", None, tuple(mentions), tuple(amounts), tuple(entities), tuple(relations))


def counts(score: Score) -> tuple[int, int, int]:
    return score.tp, score.fp, score.fn


def test_read_gold_pairs_the_article_and_normalises(gold_article: GoldArticle, tmp_path: Path) -> None:
    assert gold_article.article_path == tmp_path / "altmann.de.txt"
    assert gold_article.name == "altmann.de.txt"
    assert ("altmann systeme", "ORG") in gold_article.entities
    assert len(gold_article.entities) == 5  # MISC "Chips" is not scored
    assert sorted(gold_article.amounts, key=str) == [(2000000000, "EUR", None), (500000000, "EUR", "about")]
    assert gold_article.percentages == (30,)
    assert ("ORDER_SHARE", "altmann systeme", "baltic semi", None, None, 30) in gold_article.relations
    assert ("INVESTMENT", "altmann systeme", None, 500000000, "EUR", None) in gold_article.relations


def test_read_gold_accepts_one_file_and_nested_roles(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Text", encoding="utf-8")
    gold = {
        "article": "a.txt",
        "relations": [
            {"type": "ACQUISITION", "roles": {"buyer": "Nordlicht", "acquired": "Datenwerk"},
             "amount": {"value": 1.5e8, "currency": "EUR", "qualifier": None}},
        ],
    }
    (tmp_path / "a.expected.json").write_text(json.dumps(gold), encoding="utf-8")
    [article] = read_gold(tmp_path / "a.expected.json")
    assert article.relations == {("ACQUISITION", "nordlicht", "datenwerk", 150000000, "EUR", None)}


@pytest.mark.parametrize(
    ("gold", "message"),
    [
        ({"article": "fehlt.txt"}, "'fehlt.txt' not found"),
        ({"entities": []}, "'article'"),
        ({"article": "a.txt", "relations": [{"type": "KAUF", "buyer": "X"}]}, "unknown relation type 'KAUF'"),
    ],
)
def test_read_gold_rejects_bad_files_naming_them(tmp_path: Path, gold: dict, message: str) -> None:
    (tmp_path / "a.txt").write_text("Text", encoding="utf-8")
    (tmp_path / "a.expected.json").write_text(json.dumps(gold), encoding="utf-8")
    with pytest.raises(InputError, match="a.expected.json") as error:
        read_gold(tmp_path)
    assert message in str(error.value)


@needs_shared_samples
def test_read_gold_reads_the_reference_sample() -> None:
    [gold] = read_gold(SAMPLES)
    assert gold.article_path == SAMPLES / "bytedance-ai-chips.de.txt"
    assert (len(gold.entities), len(gold.amounts), len(gold.percentages), len(gold.relations)) == (11, 8, 1, 11)
    assert ("PURCHASE", "bytedance", "nvidia", 12000000000, "USD", None) in gold.relations


def test_exact_extraction_scores_one(gold_article: GoldArticle) -> None:
    report = score_articles([(gold_article, extraction())])
    for category in ("entity", "amount", "amount_loose", "percent", "relation"):
        score = report.score(category)
        assert (score.fp, score.fn, score.precision, score.recall, score.f1) == (0, 0, 1.0, 1.0, 1.0)
    assert counts(report.score("relation")) == (5, 0, 0)
    assert counts(report.score("relation", "PURCHASE")) == (2, 0, 0)
    assert report.mismatches == ()


def replace(index: int, new: Relation) -> tuple[Relation, ...]:
    return EXACT_RELATIONS[:index] + (new,) + EXACT_RELATIONS[index + 1 :]


@pytest.mark.parametrize(
    ("relations", "type_", "type_counts", "overall", "prf"),
    [
        pytest.param(
            replace(0, relation("PURCHASE", eur("3E9"), buyer="Altmann Systeme", vendor="Rheinchip")),
            "PURCHASE", (1, 1, 1), (4, 1, 1), (4 / 5, 4 / 5, 4 / 5), id="wrong-amount",
        ),
        pytest.param(
            replace(0, relation("PURCHASE", Money(Decimal("2E9"), "USD"), buyer="Altmann Systeme",
                                vendor="Rheinchip")),
            "PURCHASE", (1, 1, 1), (4, 1, 1), (4 / 5, 4 / 5, 4 / 5), id="wrong-currency",
        ),
        pytest.param(
            replace(1, relation("PURCHASE", eur("2E9"), buyer="Altmann Systeme", vendor="Rheinchip AG")),
            "PURCHASE", (1, 1, 1), (4, 1, 1), (4 / 5, 4 / 5, 4 / 5), id="wrong-party",
        ),
        pytest.param(
            EXACT_RELATIONS[:4], "LEADERSHIP", (0, 0, 1), (4, 0, 1), (1.0, 4 / 5, 8 / 9), id="missing-relation",
        ),
        pytest.param(
            EXACT_RELATIONS + (relation("OWNERSHIP", owner="Altmann Systeme", owned="Rheinchip"),),
            "OWNERSHIP", (0, 1, 0), (5, 1, 0), (5 / 6, 1.0, 10 / 11), id="extra-relation",
        ),
        pytest.param(
            EXACT_RELATIONS[1:], "PURCHASE", (1, 0, 1), (4, 0, 1), (1.0, 4 / 5, 8 / 9), id="one-of-two-vendors",
        ),
        pytest.param(
            replace(2, relation("ORDER_SHARE", percent="40", buyer="Altmann Systeme", vendor="Baltic Semi")),
            "ORDER_SHARE", (0, 1, 1), (4, 1, 1), (4 / 5, 4 / 5, 4 / 5), id="wrong-share-percent",
        ),
        pytest.param(
            replace(3, relation("INVESTMENT", eur("5E8", "over"), investor="altmann SYSTEME", purpose="Fabrik")),
            "INVESTMENT", (1, 0, 0), (5, 0, 0), (1.0, 1.0, 1.0), id="case-qualifier-and-free-roles-ignored",
        ),
        pytest.param(
            EXACT_RELATIONS + (relation("LEADERSHIP", person="Jana Koch", org="Altmann Systeme", role="Chefin"),),
            "LEADERSHIP", (1, 0, 0), (5, 0, 0), (1.0, 1.0, 1.0), id="same-fact-twice-counts-once",
        ),
    ],
)
def test_relation_scoring(
    gold_article: GoldArticle,
    relations: tuple[Relation, ...],
    type_: str,
    type_counts: tuple[int, int, int],
    overall: tuple[int, int, int],
    prf: tuple[float, float, float],
) -> None:
    report = score_articles([(gold_article, extraction(relations=relations))])
    assert counts(report.score("relation", type_)) == type_counts
    score = report.score("relation")
    assert counts(score) == overall
    assert (score.precision, score.recall, score.f1) == prf


def test_mismatches_name_the_article_and_the_fact(gold_article: GoldArticle) -> None:
    relations = replace(0, relation("PURCHASE", eur("3E9"), buyer="Altmann Systeme", vendor="Rheinchip"))
    report = score_articles([(gold_article, extraction(relations=relations))])
    assert [m for m in report.mismatch_rows() if m[1] == "relation"] == [
        ("altmann.de.txt", "relation", "fp", "PURCHASE | altmann systeme | rheinchip | 3000000000 | EUR | -"),
        ("altmann.de.txt", "relation", "fn", "PURCHASE | altmann systeme | rheinchip | 2000000000 | EUR | -"),
    ]


def test_entity_type_mismatch_is_one_false_positive_and_one_miss(gold_article: GoldArticle) -> None:
    entities = EXACT_ENTITIES[:3] + (entity("Dresden", "ORG"), entity("jana koch", "PER"), entity("Chips", "MISC"))
    report = score_articles([(gold_article, extraction(entities=entities))])
    assert counts(report.score("entity", "ORG")) == (3, 1, 0)
    assert counts(report.score("entity", "LOC")) == (0, 0, 1)
    assert counts(report.score("entity", "PER")) == (1, 0, 0)
    score = report.score("entity")
    assert counts(score) == (4, 1, 1)
    assert (score.precision, score.recall, score.f1) == (4 / 5, 4 / 5, 4 / 5)


def gold_with_surfaces(tmp_path: Path, surfaces: dict[str, list[str]]) -> GoldArticle:
    data = json.loads(json.dumps(GOLD))
    for item in data["entities"]:
        item["surfaces"] += surfaces.get(item["canonical"], [])
    (tmp_path / "altmann.de.txt").write_text(ARTICLE_TEXT, encoding="utf-8")
    (tmp_path / "altmann.de.expected.json").write_text(json.dumps(data), encoding="utf-8")
    [gold] = read_gold(tmp_path)
    return gold


def test_a_name_the_gold_lists_as_a_surface_stands_for_its_entity(tmp_path: Path) -> None:
    gold = gold_with_surfaces(tmp_path, {"Altmann Systeme": ["Altmann"], "Rheinchip": ["RC"]})
    relations = replace(0, relation("PURCHASE", eur("2E9"), buyer="Altmann", vendor="rc"))
    entities = (entity("Altmann", "ORG"),) + EXACT_ENTITIES[1:]
    report = score_articles([(gold, extraction(relations=relations, entities=entities))])
    assert counts(report.score("relation")) == (5, 0, 0)
    assert counts(report.score("entity")) == (5, 0, 0)


def test_a_gold_name_stands_without_its_legal_form(tmp_path: Path) -> None:
    gold_with_surfaces(tmp_path, {})  # writes the article and its gold file
    data = json.loads((tmp_path / "altmann.de.expected.json").read_text(encoding="utf-8"))
    data["entities"][0]["canonical"] = "Altmann Systeme AG"
    data["entities"][0]["surfaces"] = ["Altmann Systeme AG"]
    for item in data["relations"]:
        for role, value in item.items():
            if value == "Altmann Systeme":
                item[role] = "Altmann Systeme AG"
    (tmp_path / "altmann.de.expected.json").write_text(json.dumps(data), encoding="utf-8")
    [gold] = read_gold(tmp_path)
    report = score_articles([(gold, extraction(relations=EXACT_RELATIONS, entities=EXACT_ENTITIES))])
    assert counts(report.score("relation")) == (5, 0, 0)
    assert counts(report.score("entity")) == (5, 0, 0)


def gold_renamed(tmp_path: Path, renames: dict[str, str]) -> GoldArticle:
    """The sample gold with entities renamed (canonical, surfaces and relation roles alike)."""
    gold_with_surfaces(tmp_path, {})  # writes the article and its gold file
    data = json.loads((tmp_path / "altmann.de.expected.json").read_text(encoding="utf-8"))
    for item in data["entities"]:
        item["canonical"] = renames.get(item["canonical"], item["canonical"])
        item["surfaces"] = [renames.get(surface, surface) for surface in item["surfaces"]]
    for item in data["relations"]:
        for role, value in item.items():
            item[role] = renames.get(value, value) if isinstance(value, str) else value
    (tmp_path / "altmann.de.expected.json").write_text(json.dumps(data), encoding="utf-8")
    [gold] = read_gold(tmp_path)
    return gold


def test_a_gold_name_stands_under_the_name_newsgraph_gives_it(tmp_path: Path) -> None:
    # a group written with a hyphen ("Luksic-Gruppe") is named with a space, a listed company ("Eon") by its entry
    gold = gold_renamed(tmp_path, {"Altmann Systeme": "Altmann-Gruppe", "Rheinchip": "Eon"})
    renamed = {"Altmann Systeme": "Altmann Gruppe", "Rheinchip": "E.ON"}
    relations = tuple(
        dataclasses.replace(r, roles={role: renamed.get(value, value) for role, value in r.roles.items()})
        for r in EXACT_RELATIONS
    )
    entities = (entity("Altmann Gruppe", "ORG"), entity("E.ON", "ORG"), *EXACT_ENTITIES[2:])
    report = score_articles([(gold, extraction(relations=relations, entities=entities))])
    assert counts(report.score("relation")) == (5, 0, 0)
    assert counts(report.score("entity")) == (5, 0, 0)


def test_a_derived_name_never_takes_the_surface_of_another_gold_entity(tmp_path: Path) -> None:
    # "Eon" is E.ON to newsgraph, but the gold also has an entity written "E.ON": that one is meant
    gold = gold_renamed(tmp_path, {"Rheinchip": "Eon", "Baltic Semi": "E.ON"})
    relations = replace(0, relation("PURCHASE", eur("2E9"), buyer="Altmann Systeme", vendor="E.ON"))
    report = score_articles([(gold, extraction(relations=relations))])
    assert counts(report.score("relation", "PURCHASE")) == (1, 1, 1)


def test_two_names_for_one_gold_entity_count_the_split_as_a_false_positive(tmp_path: Path) -> None:
    gold = gold_with_surfaces(tmp_path, {"Rheinchip": ["RC"]})
    split = relation("PURCHASE", eur("2E9"), buyer="Altmann Systeme", vendor="RC")
    report = score_articles(
        [(gold, extraction(relations=EXACT_RELATIONS + (split,), entities=EXACT_ENTITIES + (entity("RC", "ORG"),)))]
    )
    assert counts(report.score("relation", "PURCHASE")) == (2, 1, 0)
    assert counts(report.score("entity", "ORG")) == (3, 1, 0)


def test_a_surface_two_gold_entities_share_resolves_to_neither(tmp_path: Path) -> None:
    gold = gold_with_surfaces(tmp_path, {"Rheinchip": ["Semi"], "Baltic Semi": ["Semi"]})
    relations = replace(1, relation("PURCHASE", eur("2E9"), buyer="Altmann Systeme", vendor="Semi"))
    report = score_articles([(gold, extraction(relations=relations))])
    assert counts(report.score("relation", "PURCHASE")) == (1, 1, 1)


def test_amount_qualifier_counts_strictly_but_not_loosely(gold_article: GoldArticle) -> None:
    amounts = (amount(eur("2E9")), amount(eur("5E8", "over")), amount(eur("2E9")))
    report = score_articles([(gold_article, extraction(amounts=amounts))])
    assert counts(report.score("amount")) == (1, 2, 1)
    assert counts(report.score("amount_loose")) == (2, 1, 0)
    assert report.score("amount_loose").precision == 2 / 3


@pytest.mark.parametrize(
    "amounts",
    [
        pytest.param((amount(Money(Decimal("4E10"), "CNY", equivalent=Money(Decimal("5.5E9"), "USD")), 0, 18),),
                     id="one-amount-carrying-its-equivalent"),
        pytest.param((amount(Money(Decimal("4E10"), "CNY", equivalent=Money(Decimal("5.5E9"), "USD")), 0, 18),
                      amount(Money(Decimal("5.5E9"), "USD"), 20, 38)),
                     id="equivalent-also-found-as-its-own-amount"),
    ],
)
def test_bracketed_equivalent_counts_once(tmp_path: Path, amounts: tuple[Amount, ...]) -> None:
    (tmp_path / "yuan.txt").write_text("40 Milliarden Yuan (5,5 Milliarden USD)", encoding="utf-8")
    gold = {"article": "yuan.txt", "money": [
        {"surface": "40 Milliarden Yuan", "value": 40000000000, "currency": "CNY", "qualifier": None},
        {"surface": "5,5 Milliarden USD", "value": 5500000000, "currency": "USD", "qualifier": None},
    ]}
    (tmp_path / "yuan.expected.json").write_text(json.dumps(gold), encoding="utf-8")
    report = score_articles([(read_gold(tmp_path)[0], extraction(relations=(), entities=(), amounts=amounts))])
    assert counts(report.score("amount")) == (2, 0, 0)


@pytest.mark.parametrize(
    ("percent_text", "expected"),
    [("Etwa 30 %", (1, 0, 0)), ("30 Prozent", (1, 0, 0)), ("30,5 %", (0, 1, 1))],
)
def test_percentages_from_percent_mentions(gold_article: GoldArticle, percent_text: str, expected: tuple) -> None:
    mentions = (Mention(0, len(percent_text), percent_text, "PERCENT"),)
    report = score_articles([(gold_article, extraction(mentions=mentions))])
    assert counts(report.score("percent")) == expected


def test_scores_are_micro_averaged_over_articles(gold_article: GoldArticle) -> None:
    report = score_articles(
        [(gold_article, extraction()), (gold_article, extraction(relations=EXACT_RELATIONS[:3]))]
    )
    score = report.score("relation")
    assert (report.articles, counts(score)) == (2, (8, 0, 2))
    assert (score.precision, score.recall, score.f1) == (1.0, 8 / 10, 16 / 18)


def test_skipped_article_counts_everything_missed(gold_article: GoldArticle) -> None:
    skipped = Extraction(Article(id="x", text=ARTICLE_TEXT, source="x"), "en", skipped="not-german")
    report = score_articles([(gold_article, skipped)])
    assert report.skipped == 1
    assert counts(report.score("relation")) == (0, 0, 5)
    assert (report.score("relation").precision, report.score("relation").f1) == (0.0, 0.0)


def test_rows_and_dict_for_output(gold_article: GoldArticle) -> None:
    report = score_articles([(gold_article, extraction(relations=EXACT_RELATIONS[:4]))])
    rows = report.rows()
    assert all(len(row) == len(ROW_HEADERS) for row in rows)
    assert ("relation", "LEADERSHIP", 0, 0, 1, 0.0, 0.0, 0.0) in rows
    assert ("relation", "ALL", 4, 0, 1, 1.0, 0.8, 0.889) in rows
    assert [row[:2] for row in rows if row[0] == "entity"] == [
        ("entity", "LOC"), ("entity", "ORG"), ("entity", "PER"), ("entity", "ALL")
    ]
    data = json.loads(json.dumps(report.to_dict()))
    assert data["articles"] == 1
    assert {"category": "relation", "type": "ALL", "tp": 4, "fp": 0, "fn": 1,
            "precision": 1.0, "recall": 0.8, "f1": 0.889} in data["scores"]
    assert data["mismatches"] == [dict(zip(MISMATCH_HEADERS, row)) for row in report.mismatch_rows()]


def test_score_of_an_unseen_category_is_empty() -> None:
    score = score_articles([]).score("relation", "LEASE")
    assert (counts(score), score.precision, score.recall, score.f1) == ((0, 0, 0), 1.0, 1.0, 1.0)


# A SmartData-shaped document written for this test (not from the corpus).
SD_TEXT = (
    "Die Nordlicht AG übernimmt den Softwareanbieter Datenwerk. "
    "Anna Berger, Chefin der Nordlicht, sprach in Hamburg an der Elbchaussee von einem guten Tag."
)


def span(text: str, surface: str, occurrence: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(surface, start + 1)
    return start, start + len(surface)


def sd_entity(surface: str, type_: str, occurrence: int = 0, normalized: str | None = None) -> dict:
    start, end = span(SD_TEXT, surface, occurrence)
    return {"start": start, "end": end, "type": type_, "text": surface, "normalized": normalized or surface}


def sd_arg(role: str, entity: dict) -> dict:
    return {"role": role, **entity}


# "der Nordlicht": annotated with the company's full name as its normalized value.
SD_SECOND_NORDLICHT = sd_entity("Nordlicht", "ORGANIZATION", occurrence=1, normalized="Nordlicht AG")
SD_DOCUMENT = {
    "id": "doc-1",
    "uri": "https://example.org/nordlicht",
    "title": None,
    "date": "2016-03-01T10:00:00Z",
    "doc_type": "NEWS_HTML",
    "language": "de",
    "text": SD_TEXT,
    "entities": [
        sd_entity("Nordlicht AG", "ORGANIZATION_COMPANY"),
        sd_entity("Datenwerk", "ORGANIZATION_COMPANY"),
        sd_entity("Anna Berger", "PERSON"),
        sd_entity("Chefin", "ORG_POSITION"),
        SD_SECOND_NORDLICHT,
        sd_entity("Hamburg", "LOCATION_CITY"),
        sd_entity("Elbchaussee", "LOCATION_STREET"),
    ],
    "relations": [
        {"type": "Acquisition", "start": 0, "end": 58, "args": [
            sd_arg("trigger", sd_entity("übernimmt", "TRIGGER")),
            sd_arg("buyer", sd_entity("Nordlicht AG", "ORGANIZATION_COMPANY")),
            sd_arg("acquired", sd_entity("Datenwerk", "ORGANIZATION_COMPANY")),
        ]},
        {"type": "OrganizationLeadership", "start": 59, "end": 95, "args": [
            sd_arg("person", sd_entity("Anna Berger", "PERSON")),
            sd_arg("organization", SD_SECOND_NORDLICHT),
            sd_arg("position", sd_entity("Chefin", "ORG_POSITION")),
        ]},
        {"type": "Merger", "start": 0, "end": 58, "args": [
            sd_arg("old", sd_entity("Datenwerk", "ORGANIZATION_COMPANY")),
        ]},
    ],
}
SD_SKIPPED = {**SD_DOCUMENT, "id": "doc-2", "uri": "https://example.org/zwei"}


def sd_mention(surface: str, label: str, canonical: str | None = None, occurrence: int = 0) -> Mention:
    start, end = span(SD_TEXT, surface, occurrence)
    return Mention(start, end, surface, label, canonical or surface)


def test_evaluate_smartdata_maps_types_and_matches_parties(tmp_path: Path) -> None:
    corpus = tmp_path / "dev.jsonl"
    corpus.write_text(
        "".join(json.dumps(doc, ensure_ascii=False) + "\n" for doc in (SD_DOCUMENT, SD_SKIPPED)), encoding="utf-8"
    )
    seen: list[Article] = []

    def extract(articles):
        for article in articles:
            seen.append(article)
            if article.id == "doc-2":
                yield Extraction(article, "en", skipped="not-german")
                continue
            mentions = (
                sd_mention("Nordlicht AG", "ORG", canonical="Nordlicht"),  # tp
                sd_mention("Datenwerk", "PER"),  # wrong type: fp PER, fn ORG
                sd_mention("Anna", "PER"),  # wrong span: fp PER, fn PER
                sd_mention("Hamburg", "LOC"),  # tp
                sd_mention("Elbchaussee", "LOC"),  # streets are not scored, either way
                sd_mention("Chefin", "MISC"),  # not a scored label
            )
            relations = (
                # buyer matches through the canonical name of the mention at the gold span
                relation("ACQUISITION", buyer="Nordlicht", acquired="datenwerk"),
                # org matches the gold argument's normalized value
                relation("LEADERSHIP", person="Anna Berger", org="Nordlicht AG", role="Chefin"),
                relation("ACQUISITION", buyer="Datenwerk", acquired="Nordlicht"),  # fp
            )
            yield Extraction(article, "de", mentions=mentions, relations=relations)

    report = evaluate_smartdata(corpus, extract)

    assert [(a.id, a.text, a.title, a.url, a.published) for a in seen] == [
        ("doc-1", SD_TEXT, None, "https://example.org/nordlicht", "2016-03-01T10:00:00Z"),
        ("doc-2", SD_TEXT, None, "https://example.org/zwei", "2016-03-01T10:00:00Z"),
    ]
    assert seen[0].source == f"{corpus}:1"
    assert (report.articles, report.skipped) == (2, 1)
    # doc-1: gold ORG 3, PER 1, LOC 1; doc-2 (skipped): all 5 missed.
    assert counts(report.score("mention", "ORG")) == (1, 0, 2 + 3)
    assert counts(report.score("mention", "PER")) == (0, 2, 1 + 1)
    assert counts(report.score("mention", "LOC")) == (1, 0, 0 + 1)
    mention = report.score("mention")
    assert counts(mention) == (2, 2, 8)
    assert (mention.precision, mention.recall, mention.f1) == (2 / 4, 2 / 10, 2 / 7)
    assert counts(report.score("relation", "ACQUISITION")) == (1, 1, 1)
    assert counts(report.score("relation", "LEADERSHIP")) == (1, 0, 1)
    relation_score = report.score("relation")
    assert counts(relation_score) == (2, 1, 2)
    assert (relation_score.precision, relation_score.recall, relation_score.f1) == (2 / 3, 2 / 4, 4 / 7)
    assert ("doc-1", "relation", "fp", "ACQUISITION | datenwerk | nordlicht") in report.mismatch_rows()
    assert ("doc-2", "relation", "fn", "ACQUISITION | Nordlicht AG | Datenwerk") in report.mismatch_rows()
    assert not any("Elbchaussee" in row[3] for row in report.mismatch_rows())


def test_evaluate_smartdata_counts_a_duplicate_gold_relation_once(tmp_path: Path) -> None:
    document = {**SD_DOCUMENT, "relations": SD_DOCUMENT["relations"] * 2}
    corpus = tmp_path / "dev.jsonl"
    corpus.write_text(json.dumps(document) + "\n", encoding="utf-8")
    report = evaluate_smartdata(corpus, lambda articles: (Extraction(a, "de") for a in articles))
    assert counts(report.score("relation")) == (0, 0, 2)


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{kein json", "not JSON"),
        ('{"id": "x", "text": "Hallo"}', "not a SmartData document"),
        ("[1, 2]", "not a SmartData document"),
    ],
)
def test_evaluate_smartdata_names_the_bad_line(tmp_path: Path, line: str, message: str) -> None:
    corpus = tmp_path / "dev.jsonl"
    corpus.write_text(json.dumps(SD_DOCUMENT) + "\n" + line + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=f"dev.jsonl:2: {message}"):
        evaluate_smartdata(corpus, lambda articles: iter(()))


def test_evaluate_smartdata_scores_mergers_in_either_order_and_spin_offs_as_ownership(tmp_path: Path) -> None:
    merger = {"type": "Merger", "start": 0, "end": 58, "args": [
        sd_arg("old", sd_entity("Nordlicht AG", "ORGANIZATION_COMPANY")),
        sd_arg("old", sd_entity("Datenwerk", "ORGANIZATION_COMPANY")),
    ]}
    spin_off = {"type": "SpinOff", "start": 0, "end": 58, "args": [
        sd_arg("parent", sd_entity("Nordlicht AG", "ORGANIZATION_COMPANY")),
        sd_arg("child", sd_entity("Datenwerk", "ORGANIZATION_COMPANY")),
    ]}
    buyer_left_out = {"type": "Acquisition", "start": 0, "end": 58, "args": [
        sd_arg("acquired", sd_entity("Datenwerk", "ORGANIZATION_COMPANY")),
    ]}
    document = {**SD_DOCUMENT, "relations": [merger, spin_off, buyer_left_out]}
    corpus = tmp_path / "dev.jsonl"
    corpus.write_text(json.dumps(document) + "\n", encoding="utf-8")
    predicted = (
        relation("MERGER", party="Datenwerk", partner="Nordlicht AG"),  # the other order: a match
        relation("OWNERSHIP", owner="Nordlicht AG", owned="Datenwerk"),  # a subsidiary: matches the SpinOff
        relation("OWNERSHIP", owner="Hamburg", owned="Datenwerk"),  # ownership is not annotated: not counted
        relation("ACQUISITION", buyer="Elbchaussee", acquired="Datenwerk"),  # any buyer where none is annotated
    )
    report = evaluate_smartdata(corpus, lambda articles: (Extraction(a, "de", relations=predicted) for a in articles))
    assert counts(report.score("relation", "MERGER")) == (1, 0, 0)
    assert counts(report.score("relation", "SPINOFF")) == (1, 0, 0)
    assert counts(report.score("relation", "ACQUISITION")) == (1, 0, 0)
    assert counts(report.score("relation")) == (3, 0, 0)


def test_a_merger_in_a_gold_file_matches_in_either_order(tmp_path: Path) -> None:
    (tmp_path / "fusion.de.txt").write_text("Nordlicht und Datenwerk fusionieren\n\nText.\n", encoding="utf-8")
    gold_file = tmp_path / "fusion.de.expected.json"
    gold_file.write_text(json.dumps({"article": "fusion.de.txt", "relations": [
        {"type": "MERGER", "party": "Nordlicht", "partner": "Datenwerk", "merged": None, "line": 1}]}),
        encoding="utf-8")
    (gold,) = read_gold(gold_file)
    article = Article("x", "", "fusion.de.txt")
    extraction = Extraction(article, "de", relations=(relation("MERGER", party="Datenwerk", partner="Nordlicht"),))
    assert counts(score_articles([(gold, extraction)]).score("relation", "MERGER")) == (1, 0, 0)


def test_evaluate_smartdata_matches_a_party_by_the_mention_inside_the_gold_argument(tmp_path: Path) -> None:
    # The annotators' argument is "Softwareanbieter Datenwerk"; newsgraph's mention is "Datenwerk" inside it.
    acquisition = {"type": "Acquisition", "start": 0, "end": 58, "args": [
        sd_arg("buyer", sd_entity("Nordlicht AG", "ORGANIZATION_COMPANY")),
        sd_arg("acquired", sd_entity("Softwareanbieter Datenwerk", "ORGANIZATION_COMPANY")),
    ]}
    corpus = tmp_path / "dev.jsonl"
    corpus.write_text(json.dumps({**SD_DOCUMENT, "relations": [acquisition]}) + "\n", encoding="utf-8")
    mentions = (sd_mention("Nordlicht AG", "ORG", canonical="Nordlicht"), sd_mention("Datenwerk", "ORG"))
    predicted = (relation("ACQUISITION", buyer="Nordlicht", acquired="Datenwerk"),)
    report = evaluate_smartdata(
        corpus, lambda articles: (Extraction(a, "de", mentions=mentions, relations=predicted) for a in articles))
    assert counts(report.score("relation", "ACQUISITION")) == (1, 0, 0)
    # Outside the argument's span the same name does not match: "Hamburg" is no party of it.
    elsewhere = (relation("ACQUISITION", buyer="Nordlicht", acquired="Hamburg"),)
    mentions_elsewhere = (*mentions, sd_mention("Hamburg", "LOC"))
    report = evaluate_smartdata(
        corpus, lambda articles: (Extraction(a, "de", mentions=mentions_elsewhere, relations=elsewhere)
                                  for a in articles))
    assert counts(report.score("relation", "ACQUISITION")) == (0, 1, 1)
