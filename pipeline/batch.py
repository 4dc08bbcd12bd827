"""Batch: runs articles through every stage and keeps the run report.

``extract_articles`` takes articles in, detects each one's language, sends the
German ones through the spaCy pipeline in batches and yields one
``Extraction`` per article in input order (a skipped article included, with
its reason). ``ingest`` adds the store: each article's triples replace its
named graph, an article already in the store is not processed again, and the
run report is written beside the graph as ``report.json``.
"""

from __future__ import annotations

import json
import time
from dataclasses import asdict, replace
from datetime import date
from decimal import Decimal
from itertools import islice
from pathlib import Path
from typing import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from pipeline.dates import event_date, publication_date
from pipeline.entities import ENTITY_LABELS, collect_entities
from pipeline.language import detect_language, is_german
from pipeline.records import Amount, Article, BatchReport, Extraction, Mention, Money, Relation
from pipeline.store import GraphStore
from pipeline.triples import to_graph

MENTION_LABELS = ENTITY_LABELS | {"MONEY", "PERCENT", "DATE"}


def extract_articles(
    articles: Iterable[Article], nlp: Language, report: BatchReport, *, batch_size: int = 32
) -> Iterator[Extraction]:
    """One ``Extraction`` per article, in input order; non-German ones skipped."""
    iterator = iter(articles)
    while chunk := list(islice(iterator, batch_size)):
        languages = [detect_language(article.content) for article in chunk]
        texts = []
        for article, language in zip(chunk, languages):
            if is_german(language):
                texts.append((article.content, (article.id, "text")))
                if article.title and not article.title_in_text:
                    texts.append((article.title, (article.id, "title")))
        docs = {key: doc for doc, key in nlp.pipe(texts, as_tuples=True, batch_size=batch_size)}
        for article, language in zip(chunk, languages):
            if not is_german(language):
                report.skip(article.source, "not-german", f"detected language: {language}")
                yield Extraction(article, language, skipped=f"not German (detected: {language})")
                continue
            extraction = from_docs(article, language, docs[(article.id, "text")], docs.get((article.id, "title")))
            report.articles_processed += 1
            report.mentions += len(extraction.mentions)
            report.amounts += len(extraction.amounts)
            report.entities += len(extraction.entities)
            report.relations += len(extraction.relations)
            yield extraction


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


def ingest(
    articles: Iterable[Article], nlp: Language, store: GraphStore, report: BatchReport, *, batch_size: int = 32
) -> BatchReport:
    """Extract ``articles`` into ``store``; articles already there are counted, not redone."""
    started = time.perf_counter()

    def new_articles() -> Iterator[Article]:
        for article in articles:
            if store.has_article(article.id):
                report.articles_unchanged += 1
            else:
                yield article

    for extraction in extract_articles(new_articles(), nlp, report, batch_size=batch_size):
        if extraction.skipped is None:
            report.triples += store.replace_article(extraction.article.id, to_graph(extraction))
    store.save()
    report.seconds = round(time.perf_counter() - started, 3)
    return report


def report_dict(report: BatchReport) -> dict:
    data = asdict(report)
    data["skipped_by_reason"] = report.skipped_by_reason()
    return data


def write_report(report: BatchReport, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(report_dict(report), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def format_report(report: BatchReport) -> str:
    """The run report as a few lines of text for the terminal."""
    lines = [
        f"model:      {report.model}",
        f"articles:   {report.articles_read} read, {report.articles_processed} processed, "
        f"{report.articles_unchanged} already in the store, {len(report.skipped)} skipped",
    ]
    for reason, count in sorted(report.skipped_by_reason().items()):
        lines.append(f"  skipped   {count} × {reason}")
    for item in report.skipped:
        lines.append(f"    {item.source}: {item.reason}" + (f" ({item.detail})" if item.detail else ""))
    for item in report.warnings:
        lines.append(f"  warning   {item.source}: {item.reason}" + (f" ({item.detail})" if item.detail else ""))
    lines += [
        f"boilerplate cut from {report.boilerplate_cuts} articles",
        f"extracted:  {report.entities} entities ({report.mentions} mentions), {report.amounts} amounts, "
        f"{report.relations} relations, {report.triples} triples",
        f"time:       {report.seconds:.2f} s",
    ]
    return "\n".join(lines)


def number(value: Decimal) -> int | float:
    """A JSON number: integral amounts as integers (12000000000, not 1.2E+10)."""
    return int(value) if value == value.to_integral_value() else float(value)


def money_dict(money: Money | None) -> dict | None:
    if money is None:
        return None
    data = {"value": number(money.value), "currency": money.currency, "qualifier": money.qualifier}
    if money.upper is not None:
        data["upper"] = number(money.upper)
    if money.equivalent is not None:
        data["equivalent"] = money_dict(money.equivalent)
    return data


def relation_dict(relation: Relation) -> dict:
    """A relation in the JSON shape shared by ``extract`` and ``relations``."""
    return {
        "type": relation.type,
        "article": relation.article,
        "url": relation.url,
        "roles": dict(relation.roles),
        "amount": money_dict(relation.amount),
        "percent": number(relation.percent.value) if relation.percent else None,
        "evidence": relation.evidence,
        "start": relation.start,
        "end": relation.end,
        "confidence": relation.confidence,
        "event_date": relation.event_date,
        "date_precision": relation.date_precision,
        "date_text": relation.date_text,
        "reported": relation.reported,
    }


def extraction_dict(extraction: Extraction) -> dict:
    """One article's extraction in the ``newsgraph extract`` JSON shape."""
    article = extraction.article

    def located(item, data: dict) -> dict:
        if item.field != "text":
            data["field"] = item.field
        return data

    return {
        "article": article.id,
        "source": article.source,
        "title": article.title,
        "language": extraction.language,
        "skipped": extraction.skipped,
        "boilerplate": {"start": article.content_end, "heading": article.boilerplate} if article.boilerplate else None,
        "mentions": [
            located(m, {"start": m.start, "end": m.end, "text": m.text, "label": m.label, "canonical": m.canonical})
            for m in extraction.mentions
        ],
        "amounts": [
            located(a, {"start": a.start, "end": a.end, "text": a.text, **money_dict(a.money)})
            for a in extraction.amounts
        ],
        "relations": [located(r, relation_dict(r)) for r in extraction.relations],
    }
