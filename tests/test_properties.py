"""Property tests: whatever bytes a reader gets and whatever text a record holds, the
readers report instead of raising, and the triple writer gives RDF that parses back."""

import json
from dataclasses import replace
from decimal import Decimal

import pyoxigraph as ox
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib.compare import isomorphic

from conftest import build_extraction
from pipeline.core.records import BatchReport, Entity, Money, Relation
from pipeline.extract.readers import read_articles
from pipeline.graph.triples import to_graph, to_ntriples

SUFFIXES = (".txt", ".md", ".json", ".jsonl", ".jsonl.gz", ".html", ".warc", ".warc.gz")
# Text with the characters that break writers: controls, NUL, bidi marks, emoji, unassigned code points;
# ANY_JSON_TEXT also lone surrogates, which JSON can escape ("\ud83d") but no UTF-8 text holds.
ANY_TEXT = st.text(st.characters(codec="utf-8", exclude_categories=()), max_size=200)
ANY_JSON_TEXT = st.text(st.characters(codec=None, exclude_categories=()), max_size=200)
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@SETTINGS
@given(content=st.binary(max_size=2000), suffix=st.sampled_from(SUFFIXES))
def test_any_bytes_in_any_format_give_articles_or_reported_skips(tmp_path_factory, content, suffix):
    path = tmp_path_factory.mktemp("input") / f"item{suffix}"
    path.write_bytes(content)
    report = BatchReport()
    articles = list(read_articles([path], report))
    assert articles or report.skipped
    assert all(article.text.strip() for article in articles)
    assert all(str(path) in skip.source for skip in report.skipped)


@SETTINGS
@given(records=st.lists(st.one_of(
    st.dictionaries(st.sampled_from(["text", "title", "url", "published", "author", "id"]),
                    st.one_of(ANY_JSON_TEXT, st.integers(), st.none(), st.lists(st.integers(), max_size=2))),
    st.integers(), st.text(max_size=20), st.none()), max_size=6))
def test_json_lines_of_any_shape_give_articles_or_reported_skips(tmp_path_factory, records):
    path = tmp_path_factory.mktemp("input") / "feed.jsonl"
    path.write_text("\n".join(json.dumps(record) for record in records), encoding="utf-8")
    report = BatchReport()
    articles = list(read_articles([path], report))
    # One article or one reported skip per line; a file without lines is one "empty" skip.
    assert len(articles) + len(report.skipped) == max(1, len(records))
    for article in articles:
        for value in (article.text, article.title, article.url, article.published, article.author):
            assert value is None or value.encode("utf-8")


def _parses_back(extraction) -> None:
    """The extraction's N-Triples, as the batch writes them and as rdflib serializes its graph,
    parse with Oxigraph (a strict parser) into that graph."""
    from rdflib import Graph

    graph = to_graph(extraction)
    for ntriples in (to_ntriples(extraction), graph.serialize(format="nt")):
        parsed = list(ox.parse(ntriples, format=ox.RdfFormat.N_TRIPLES))
        assert len(parsed) == len(graph)
        assert isomorphic(Graph().parse(data=ntriples, format="nt"), graph)


@SETTINGS
@given(title=ANY_TEXT, author=ANY_TEXT, url=ANY_TEXT, text=ANY_TEXT, name=ANY_TEXT, evidence=ANY_TEXT,
       value=st.decimals(allow_nan=False, allow_infinity=False, places=2, min_value=0, max_value=Decimal("1e15")))
def test_any_text_in_a_record_gives_rdf_that_parses_back(title, author, url, text, name, evidence, value):
    extraction = build_extraction()
    article = replace(extraction.article, title=title or None, author=author or None, url=url or None,
                      text=text or "x")
    entity = Entity(name or "x", "ORG", f"https://w3id.org/newsgraph/org/{abs(hash(name))}", (name,))
    relation = Relation("PURCHASE", {"buyer": name or "x", "vendor": "Nvidia"}, evidence, 0, len(evidence), 0.5,
                        amount=Money(value, "EUR"))
    weird = replace(extraction, article=article, entities=extraction.entities + (entity,),
                    relations=extraction.relations + (relation,))
    _parses_back(weird)
