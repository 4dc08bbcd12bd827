"""Extraction: articles in, one ``Extraction`` record per article out.

``extract_articles`` detects each article's language, sends the German ones
through the spaCy pipeline in batches and yields one ``Extraction`` per article
in input order (a skipped article included, with its reason). ``extract_batch``
is the unit a worker process or a Dask worker runs: one batch of articles to
their N-Triples and a partial run report.
"""

from __future__ import annotations

import logging
import time
from dataclasses import replace
from datetime import date
from itertools import islice
from typing import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from pipeline.core.records import Amount, Article, BatchReport, Extraction, Mention, Relation
from pipeline.extract.dates import event_date, publication_date
from pipeline.extract.entities import ENTITY_LABELS, collect_entities
from pipeline.extract.language import detect_language, is_german
from pipeline.graph.triples import to_ntriples

log = logging.getLogger("newsgraph")

MENTION_LABELS = ENTITY_LABELS | {"MONEY", "PERCENT", "DATE"}
#: ``(article id, N-Triples or None if skipped)`` for each article of a batch.
ArticleGraphs = list[tuple[str, str | None]]


def extract_articles(
    articles: Iterable[Article], nlp: Language, report: BatchReport, *, batch_size: int = 32
) -> Iterator[Extraction]:
    """One ``Extraction`` per article, in input order; non-German ones skipped.

    An article on which a stage raises is skipped too (reason
    "extraction-error", naming the exception), so one odd article never stops
    a batch of thousands.
    """
    iterator = iter(articles)
    while chunk := list(islice(iterator, batch_size)):
        started = time.perf_counter()
        languages = [detect_language(article.content) for article in chunk]
        report.add_time("language", time.perf_counter() - started)
        texts = []
        for article, language in zip(chunk, languages):
            if is_german(language):
                texts.append((article.content, (article.id, "text")))
                if article.title and not article.title_in_text:
                    texts.append((article.title, (article.id, "title")))
        started = time.perf_counter()
        docs, failures = _run_pipeline(nlp, texts, batch_size)
        report.add_time("nlp", time.perf_counter() - started)
        for article, language in zip(chunk, languages):
            if not is_german(language):
                report.skip(article.source, "not-german", f"detected language: {language}")
                yield Extraction(article, language, skipped=f"not German (detected: {language})")
                continue
            started = time.perf_counter()
            try:
                if article.id in failures:
                    raise failures[article.id]
                extraction = from_docs(article, language, docs[(article.id, "text")], docs.get((article.id, "title")))
            except Exception as error:  # a bug in a stage must cost one article, not the batch
                detail = f"{type(error).__name__}: {error}"
                report.skip(article.source, "extraction-error", detail)
                log.warning("%s: skipped (extraction-error): %s", article.source, detail)
                yield Extraction(article, language, skipped=f"extraction failed ({detail})")
                continue
            finally:
                report.add_time("extract", time.perf_counter() - started)
            report.articles_processed += 1
            report.mentions += len(extraction.mentions)
            report.amounts += len(extraction.amounts)
            report.entities += len(extraction.entities)
            report.relations += len(extraction.relations)
            yield extraction


def _run_pipeline(
    nlp: Language, texts: list[tuple[str, tuple[str, str]]], batch_size: int
) -> tuple[dict[tuple[str, str], Doc], dict[str, Exception]]:
    """The docs of ``texts`` by key, and the exception of each article whose text made ``nlp`` raise."""
    try:
        return {key: doc for doc, key in nlp.pipe(texts, as_tuples=True, batch_size=batch_size)}, {}
    except Exception:  # find the culprit: the rest of the batch is still processed
        docs, failures = {}, {}
        for text, key in texts:
            try:
                docs[key] = nlp(text)
            except Exception as error:
                failures[key[0]] = error
        return docs, failures


def from_docs(article: Article, language: str, doc: Doc, title_doc: Doc | None = None) -> Extraction:
    """The records of one processed article (``title_doc``: a separate title)."""
    mentions, amounts, relations = [], [], []
    entities = {}
    for field, field_doc in (("text", doc), ("title", title_doc)):
        if field_doc is None:
            continue
        mentions += [
            Mention(ent.start_char, ent.end_char, ent.text, ent.label_, ent._.canonical, field)
            for ent in field_doc.ents
            if ent.label_ in MENTION_LABELS
        ]
        amounts += [
            Amount(span.start_char, span.end_char, span.text, span._.money, field)
            for span in field_doc.spans.get("newsgraph_money", [])
            if span.label_ == "MONEY"
        ]
        for entity in collect_entities(field_doc):
            known = entities.get((entity.name, entity.label))
            aliases = tuple(dict.fromkeys((*known.aliases, *entity.aliases))) if known else entity.aliases
            entities[(entity.name, entity.label)] = replace(entity, aliases=aliases)
        relations += [
            replace(relation, article=article.id, url=article.url, field=field)
            for relation in field_doc._.relations
        ]
    published = publication_date(article)
    relations = [with_dates(relation, published) for relation in relations]
    return Extraction(article, language, None, tuple(mentions), tuple(amounts), tuple(entities.values()),
                      tuple(relations))


def with_dates(relation: Relation, published: date | None) -> Relation:
    """The relation with its event date (from its sentence, else ``published``) and reported date."""
    found = event_date(relation.evidence, published)
    if found is not None:
        dated = {"event_date": found.date.isoformat(), "date_precision": found.precision, "date_text": found.text}
    elif published is not None:
        dated = {"event_date": published.isoformat(), "date_precision": "day"}
    else:
        dated = {}
    return replace(relation, reported=published.isoformat() if published else None, **dated)


def extract_batch(chunk: list[Article], nlp: Language, batch_size: int) -> tuple[ArticleGraphs, BatchReport]:
    """One batch's ``(article id, N-Triples or None if skipped)`` pairs and its partial report
    (the unit a worker runs)."""
    part = BatchReport()
    graphs: ArticleGraphs = []
    for extraction in extract_articles(chunk, nlp, part, batch_size=batch_size):
        if extraction.skipped is not None:
            graphs.append((extraction.article.id, None))
            continue
        started = time.perf_counter()
        graphs.append((extraction.article.id, to_ntriples(extraction)))
        part.add_time("triples", time.perf_counter() - started)
    return graphs, part
