"""Articles through every stage: order, skips, titles, the store and the report."""

import json

from pipeline.batch import extract_articles, extraction_dict, ingest, write_report
from pipeline.ingest import make_article
from pipeline.records import BatchReport
from pipeline.store import GraphStore

GERMAN = ("Siemens kauft Chips von Infineon\n\nSiemens kauft für 2 Milliarden Euro Chips von Infineon. "
          "Der Konzern will damit seine Fabriken in Bayern ausstatten.")
ENGLISH = "Siemens buys chips from Infineon for two billion euros, the company said on Monday in Munich."


def test_extractions_keep_input_order_and_name_skipped_articles(nlp_de):
    report = BatchReport()
    articles = [make_article(GERMAN, "a.txt", title_in_text=True), make_article(ENGLISH, "b.txt"),
                make_article(GERMAN.replace("2 Milliarden", "3 Milliarden"), "c.txt", title_in_text=True)]
    extractions = list(extract_articles(articles, nlp_de, report, batch_size=2))
    assert [e.article.source for e in extractions] == ["a.txt", "b.txt", "c.txt"]
    assert extractions[1].skipped == "not German (detected: en)" and extractions[1].language == "en"
    assert report.articles_processed == 2
    assert report.skipped_by_reason() == {"not-german": 1}
    (purchase,) = [r for r in extractions[0].relations if r.type == "PURCHASE"]
    assert dict(purchase.roles) == {"buyer": "Siemens", "vendor": "Infineon", "item": "Chips"}
    assert purchase.article == extractions[0].article.id


def test_a_separate_title_is_processed_and_marked(nlp_de):
    report = BatchReport()
    article = make_article("Der Konzern wächst in Bayern weiter und stellt neue Leute ein.", "x.json",
                           title="Infineon baut in Dresden")
    (extraction,) = extract_articles([article], nlp_de, report)
    titled = {(m.text, m.field) for m in extraction.mentions}
    assert ("Dresden", "title") in titled and ("Bayern", "text") in titled
    record = extraction_dict(extraction)
    assert {"start": 0, "end": 8, "text": "Infineon", "label": "ORG", "canonical": "Infineon",
            "field": "title"} in record["mentions"]


def test_extraction_dict_offsets_index_the_article_text(nlp_de):
    report = BatchReport()
    (extraction,) = extract_articles([make_article(GERMAN, "a.txt", title_in_text=True)], nlp_de, report)
    record = extraction_dict(extraction)
    text = extraction.article.text
    for item in record["mentions"] + record["amounts"] + record["relations"]:
        assert text[item["start"]:item["end"]] == item.get("text", item.get("evidence"))
    assert {"text": "2 Milliarden Euro", "value": 2_000_000_000, "currency": "EUR", "qualifier": None}.items() \
        <= next(a for a in record["amounts"]).items()


def test_ingesting_twice_adds_nothing_and_the_report_says_so(nlp_de, tmp_path):
    store = GraphStore(tmp_path)
    articles = [make_article(GERMAN, "a.txt", title_in_text=True), make_article(ENGLISH, "b.txt")]
    first = ingest(articles, nlp_de, store, BatchReport(articles_read=2))
    size = len(store)
    second = ingest(articles, nlp_de, GraphStore(tmp_path), BatchReport(articles_read=2))
    assert first.articles_processed == 1 and first.triples > 0
    assert second.articles_processed == 0 and second.articles_unchanged == 1
    assert second.skipped_by_reason() == {"not-german": 1}
    assert len(GraphStore(tmp_path)) == size
    write_report(second, tmp_path / "report.json")
    saved = json.loads((tmp_path / "report.json").read_text())
    assert saved["articles_unchanged"] == 1 and saved["skipped_by_reason"] == {"not-german": 1}
