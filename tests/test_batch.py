"""Articles through every stage: order, skips, titles, the store and the report."""

import json
import signal
import subprocess
import sys

import pytest
from spacy.language import Language

from conftest import ROOT, assert_same_dataset
from pipeline.core.iris import article_iri
from pipeline.core.records import BatchReport
from pipeline.extract.readers import make_article, read_articles
from pipeline.graph.store import GraphStore
from pipeline.graph.triples import to_graph
from pipeline.run.batch import extraction_dict, ingest, write_report
from pipeline.run.extraction import extract_articles

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


RAW = ROOT / "data" / "raw"


def test_near_duplicate_copies_are_merged_and_named_in_the_report(nlp_de):
    store = GraphStore("memory:")
    articles = [make_article(GERMAN, "site-a.txt", title_in_text=True),
                make_article("Eilmeldung: " + GERMAN, "site-b.txt", title_in_text=True)]
    report = ingest(articles, nlp_de, store, BatchReport())
    assert report.articles_processed == 1 and store.articles() == [articles[0].id]
    [merged] = report.skipped
    assert (merged.source, merged.reason) == ("site-b.txt", "near-duplicate")
    assert f"site-a.txt (article {articles[0].id})" in merged.detail


@pytest.mark.parametrize("batch_size", [32, 1])
def test_copies_of_one_article_in_flight_together_are_replaced_not_merged(nlp_de, batch_size):
    """A new article is written with a plain insert; two copies out at once (--no-dedup) must not
    merge into one graph with both sources: the last copy replaces the first, as it always did, also
    when the second is read while the first is being written (batches of one)."""
    copies = [make_article(GERMAN, "site-a.txt", title_in_text=True),
              make_article(GERMAN, "site-b.txt", title_in_text=True),
              make_article(GERMAN.replace("2 Milliarden", "3 Milliarden"), "site-c.txt", title_in_text=True)]
    assert copies[0].id == copies[1].id != copies[2].id
    store = GraphStore("memory:")
    report = ingest(copies, nlp_de, store, BatchReport(), deduplicate=False, batch_size=batch_size)
    assert report.articles_processed == 3 and len(store.articles()) == 2
    expected = GraphStore("memory:")
    for extraction in extract_articles(copies, nlp_de, BatchReport()):
        expected.replace_article(extraction.article.id, to_graph(extraction))
    assert_same_dataset(store, expected)
    sources = store.execute(f"SELECT ?source WHERE {{ <{article_iri(copies[0].id)}> dcterms:source ?source }}")
    assert [row["source"].value for row in sources] == ["site-b.txt"]


def test_two_workers_give_the_same_dataset_and_report_as_one(nlp_de):
    reports, stores = [], []
    for workers in (1, 2):
        report, store = BatchReport(), GraphStore("memory:")
        reports.append(ingest(read_articles([RAW], report), nlp_de, store, report, batch_size=3, workers=workers))
        stores.append(store)
    one, two = reports
    assert two.articles_processed == one.articles_processed == 14
    assert (two.triples, two.relations, two.entities) == (one.triples, one.relations, one.entities)
    assert set(two.skipped) == set(one.skipped)
    assert_same_dataset(stores[1], stores[0])


@pytest.mark.slow
def test_a_killed_run_resumes_to_the_dataset_of_an_uninterrupted_one(tmp_path, nlp_de):
    command = [sys.executable, "-c", "from pipeline.apps.cli import app; app()", "--verbose", "ingest", str(RAW),
               "--batch-size", "1", "--workers", "1", "--store"]
    interrupted = tmp_path / "interrupted"
    process = subprocess.Popen([*command, str(interrupted)], cwd=ROOT, stderr=subprocess.PIPE, text=True)
    stored = 0
    for line in process.stderr:
        stored += "stored" in line
        if stored == 2:
            process.kill()
            break
    process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL, "the batch finished before it could be killed"
    finished = subprocess.run([*command, str(interrupted)], cwd=ROOT, capture_output=True, text=True)
    assert finished.returncode == 0, finished.stderr
    resumed = json.loads((interrupted / "report.json").read_text())
    assert resumed["articles_unchanged"] >= 2
    assert resumed["articles_processed"] + resumed["articles_unchanged"] == 14
    uninterrupted, report = GraphStore("memory:"), BatchReport()
    ingest(read_articles([RAW], report), nlp_de, uninterrupted, report, batch_size=1)
    assert_same_dataset(GraphStore(interrupted), uninterrupted)


@Language.component("test_fails_on_marker")
def fails_on_marker(doc):
    if "Sollbruchstelle" in doc.text:
        raise ValueError("Sollbruchstelle erreicht")
    return doc


def test_an_article_that_makes_a_stage_raise_is_skipped_and_the_batch_goes_on(nlp_de):
    articles = [make_article(GERMAN, "a.txt", title_in_text=True),
                make_article(GERMAN.replace("Bayern", "Bayern an der Sollbruchstelle"), "b.txt", title_in_text=True),
                make_article(GERMAN.replace("2 Milliarden", "4 Milliarden"), "c.txt", title_in_text=True)]
    nlp_de.add_pipe("test_fails_on_marker", last=True)
    try:
        report = BatchReport()
        extractions = list(extract_articles(articles, nlp_de, report, batch_size=3))
    finally:
        nlp_de.remove_pipe("test_fails_on_marker")
    assert [e.skipped is None for e in extractions] == [True, False, True]
    assert report.articles_processed == 2
    [skip] = report.skipped
    assert (skip.source, skip.reason) == ("b.txt", "extraction-error")
    assert skip.detail == "ValueError: Sollbruchstelle erreicht"
