"""Batch: runs articles through every stage into the store and keeps the run report.

``ingest`` takes articles in (``extraction.extract_articles`` turns each into
records) and adds the store: near-duplicate copies are dropped,
batches are extracted in this process, in a pool of worker processes
(``extract_batches``) or on a Dask cluster (``pipeline.run.cluster``), each
article's triples replace its named graph as its batch comes back, an article
already in the store is not processed again (so an interrupted run resumes
where it stopped), and the run report, with the time per stage, is written
beside the graph as ``report.json``.
"""

from __future__ import annotations

import ctypes
import itertools
import logging
import multiprocessing
import os
import signal
import sys
import threading
import time
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, ThreadPoolExecutor, as_completed, wait
from dataclasses import asdict
from itertools import islice
from pathlib import Path
from typing import Callable, Iterable, Iterator

from spacy.language import Language

from pipeline.core.errors import DiskFullError
from pipeline.core.json_output import json_text, money_json, relation_json
from pipeline.core.records import Article, BatchReport, Extraction
from pipeline.core.wording import plural
from pipeline.extract.dedup import drop_near_duplicates
from pipeline.graph.store import GraphStore
from pipeline.run.extraction import ArticleGraphs, extract_batch

log = logging.getLogger("newsgraph")

# The run report's time breakdown, in data-flow order. "read" includes parsing and near-duplicate detection.
STAGES = ("read", "language", "nlp", "extract", "triples", "store")


def ingest(
    articles: Iterable[Article],
    nlp: Language,
    store: GraphStore,
    report: BatchReport,
    *,
    batch_size: int = 32,
    workers: int = 1,
    deduplicate: bool = True,
    progress: Callable[[int], None] | None = None,
    scheduler: str | None = None,
    model: str | None = None,
) -> BatchReport:
    """Extract ``articles`` into ``store``; articles already there are counted, not redone.

    Near-duplicates of an earlier article in the stream are dropped first (see
    ``pipeline.extract.dedup``), including copies of articles stored by an earlier,
    interrupted run of the same batch, so that a resumed run merges the same
    copies as an uninterrupted one. Batches of ``batch_size`` articles are
    extracted in this process (``workers=1``) or in a pool of ``workers``
    processes that each hold a copy of ``nlp``; a thread of this process writes
    each article's graph as its batch comes back, while the next batch is
    extracted, one atomic write per article (an insert, ``add_article``, for an
    article absent from the store unless another copy of it is in flight, else
    ``replace_article``), so the order in which batches finish does not matter
    and an interrupted run loses at most the batches in flight.
    With a Dask ``scheduler`` address the batches run on that cluster instead
    (``pipeline.run.cluster``), whose workers build the pipeline from ``model``.
    ``progress`` is called with the number of articles each step finished
    (stored, skipped as not German, or found already in the store).
    ``report.stage_seconds`` gets the time per stage.
    Raises ``StoreError`` when the store cannot be written; on a full disk a
    ``DiskFullError`` that says how many articles were stored and that the same
    call resumes from there once space is freed.
    """
    started = time.perf_counter()
    advance = progress or (lambda count: None)
    if deduplicate:
        articles = drop_near_duplicates(articles, report)
    in_flight = _InFlight()

    def new_articles() -> Iterator[Article]:
        for article in _timed(articles, report, "read"):
            checked = time.perf_counter()
            # a copy of an article still being extracted or written goes out too: the store may not have it yet
            stored = article.id not in in_flight.copies and store.has_article(article.id)
            report.add_time("store", time.perf_counter() - checked)
            if stored:
                report.articles_unchanged += 1
                advance(1)
            else:
                in_flight.add(article.id)
                yield article

    if scheduler is not None:
        from pipeline.run.cluster import dask_batches

        batches = dask_batches(_batches(new_articles(), batch_size), scheduler, model=model, batch_size=batch_size)
    else:
        batches = extract_batches(new_articles(), nlp, batch_size=batch_size, workers=workers)
    stored = 0

    def count_in(write: _BatchWrite, writing: Future) -> None:
        """Wait for a batch's writes, then count what they wrote (also when they failed part way)."""
        nonlocal stored
        try:
            writing.result()
        finally:
            report.triples += write.triples
            report.add_time("store", write.seconds)
            written = set(write.written)
            for article_id, _, _ in write.writes:
                in_flight.back(article_id)
                stored += article_id in written and article_id not in in_flight.copies  # a copy sent twice counts once
        advance(write.articles_done)

    try:
        # A batch is written on a thread of its own while the next one is extracted: Oxigraph's loads run
        # outside the GIL, so on a second core the store's writes cost the pipeline no time.
        with ThreadPoolExecutor(1, thread_name_prefix="newsgraph-store") as writer:
            previous: tuple[_BatchWrite, Future] | None = None
            for graphs, part in batches:
                merge_report(report, part)
                write = _BatchWrite([(article_id, ntriples, in_flight.alone(article_id))
                                     for article_id, ntriples in graphs], part.articles_processed + len(part.skipped))
                if previous is not None:
                    count_in(*previous)
                previous = write, writer.submit(write.run, store)
            if previous is not None:
                count_in(*previous)
        saving = time.perf_counter()
        store.save()
        report.add_time("store", time.perf_counter() - saving)
    except DiskFullError as error:
        earlier = report.articles_unchanged
        what = (f"{stored} more {_articles(stored)} stored ({stored + earlier} of this input in all)" if earlier
                else f"{stored} {_articles(stored)} stored")
        raise DiskFullError(f"{error}: {what}; free some space and run the same command again to resume") from error
    finally:
        batches.close()  # a failed write stops the workers now, not once the traceback is freed
    report.stage_seconds = {stage: round(report.stage_seconds[stage], 3) for stage in STAGES
                            if stage in report.stage_seconds}
    report.seconds = round(time.perf_counter() - started, 3)
    return report


def _articles(count: int) -> str:
    return "article" if count == 1 else "articles"


class _BatchWrite:
    """A batch's article graphs, written on the store's writer thread by ``run``: one atomic write per
    article, an insert (``add_article``) for an article no other copy of which was in flight when the
    batch came back, else a replacement; what was written is kept for the run report."""

    def __init__(self, writes: list[tuple[str, str | None, bool]], articles_done: int) -> None:
        self.writes = writes  # (article id, N-Triples or None for an article skipped, whether it goes alone)
        self.articles_done = articles_done  # the batch's articles, for the progress count
        self.written: list[str] = []
        self.triples = 0
        self.seconds = 0.0

    def run(self, store: GraphStore) -> None:
        started = time.perf_counter()
        try:
            for article_id, ntriples, alone in self.writes:
                if ntriples is None:  # skipped; the report part says why
                    continue
                triples = store.add_article(article_id, ntriples) if alone \
                    else store.replace_article(article_id, ntriples)
                self.written.append(article_id)
                self.triples += triples
                log.info("article %s stored (%d triples)", article_id, triples)
        finally:
            self.seconds = time.perf_counter() - started


class _InFlight:
    """The articles handed to extraction and not yet written, by id. An article absent from the
    store when it was read can be written with a plain insert, unless another copy of it (the
    same text twice in a batch with --no-dedup) went out before the first was written: then every
    copy replaces, as in a run one article at a time."""

    def __init__(self) -> None:
        self.copies: dict[str, int] = {}
        self.shared: set[str] = set()

    def add(self, article_id: str) -> None:
        if article_id in self.copies:
            self.shared.add(article_id)
        self.copies[article_id] = self.copies.get(article_id, 0) + 1

    def alone(self, article_id: str) -> bool:
        """Whether no other copy of the article went out with this one."""
        return article_id not in self.shared

    def back(self, article_id: str) -> None:
        """Count one copy back (once it is written)."""
        self.copies[article_id] -= 1
        if not self.copies[article_id]:
            del self.copies[article_id]
            self.shared.discard(article_id)


def _timed(items: Iterable[Article], report: BatchReport, stage: str) -> Iterator[Article]:
    """``items``, adding the time spent producing each one to ``stage``."""
    iterator = iter(items)
    while True:
        started = time.perf_counter()
        item = next(iterator, None)
        report.add_time(stage, time.perf_counter() - started)
        if item is None:
            return
        yield item


# (article id, the article's graph as N-Triples, or None for an article skipped): text, because a
# worker's rdflib graph would cost the parent more to unpickle than the store takes to write it.


def extract_batches(
    articles: Iterable[Article], nlp: Language, *, batch_size: int = 32, workers: int = 1
) -> Iterator[tuple[ArticleGraphs, BatchReport]]:
    """Each batch's ``(article id, N-Triples or None)`` pairs and its partial report, as batches finish.

    With ``workers > 1`` batches run in a process pool (started only once a
    second batch exists, so a small input never pays for it) with at most two
    batches per worker in flight, so memory stays bounded whatever the input
    size; results then come back in completion order.
    """
    batches = _batches(articles, batch_size)
    first = next(batches, None)
    if first is None:
        return
    second = next(batches, None)
    if workers <= 1 or second is None:
        for chunk in itertools.chain([first], [second] if second else [], batches):
            yield extract_batch(chunk, nlp, batch_size)
        return
    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker,
                             initargs=(nlp, os.getpid())) as pool:
        pending = set()
        try:
            for chunk in itertools.chain([first, second], batches):
                pending.add(pool.submit(_extract_in_worker, chunk, batch_size))
                if len(pending) >= 2 * workers:
                    done, pending = wait(pending, return_when=FIRST_COMPLETED)
                    yield from (future.result() for future in done)
            for future in as_completed(pending):
                yield future.result()
        except GeneratorExit:  # the caller stopped (a store error): batches not started yet are dropped
            pool.shutdown(cancel_futures=True)
            raise


def merge_report(report: BatchReport, part: BatchReport) -> None:
    """Add a batch's counts and skips (from ``extract_batches``) to the run's ``report``."""
    report.articles_processed += part.articles_processed
    report.mentions += part.mentions
    report.amounts += part.amounts
    report.entities += part.entities
    report.relations += part.relations
    report.skipped += part.skipped
    report.warnings += part.warnings
    for stage, seconds in part.stage_seconds.items():
        report.add_time(stage, seconds)


def _batches(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    iterator = iter(articles)
    while chunk := list(islice(iterator, size)):
        yield chunk


_worker_nlp: Language | None = None


def _start_worker(nlp: Language, parent: int) -> None:
    global _worker_nlp  # one pipeline per worker process, loaded once
    _worker_nlp = nlp
    end_with_parent(parent)


def end_with_parent(parent: int) -> None:
    """End this process when process ``parent`` (the pool's owner) ends, even by SIGKILL.

    A pool's workers block on a pipe that they themselves hold open, so without this they
    outlive a killed parent, each holding a copy of the pipeline. On Linux the kernel sends
    SIGKILL at the parent's death (``PR_SET_PDEATHSIG``; strictly, at the end of the thread
    that forked the worker: the one that submitted the pool's first batch); elsewhere a
    daemon thread checks the parent every ``_PARENT_CHECK_SECONDS``. A worker holds no state
    worth saving: its batches are redone when the same command runs again.
    """
    if _set_parent_death_signal(signal.SIGKILL):
        if os.getppid() != parent:  # the parent died before the signal was set
            os._exit(1)
        return
    threading.Thread(target=_watch_parent, args=(parent,), name="newsgraph-parent-watch", daemon=True).start()


_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>
_PARENT_CHECK_SECONDS = 1.0


def _set_parent_death_signal(signum: int) -> bool:
    """Ask Linux to send ``signum`` when the parent ends; False where prctl is not available."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(_PR_SET_PDEATHSIG, signum, 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(_PARENT_CHECK_SECONDS)
    os._exit(1)


def _extract_in_worker(chunk: list[Article], batch_size: int) -> tuple[ArticleGraphs, BatchReport]:
    return extract_batch(chunk, _worker_nlp, batch_size)


def report_dict(report: BatchReport) -> dict:
    data = asdict(report)
    data["skipped_by_reason"] = report.skipped_by_reason()
    return data


def write_report(report: BatchReport, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json_text(report_dict(report), indent=2) + "\n", encoding="utf-8")


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
        f"boilerplate cut from {plural(report.boilerplate_cuts, 'article')}",
        f"extracted:  {plural(report.entities, 'entity', 'entities')} ({plural(report.mentions, 'mention')}), "
        f"{plural(report.amounts, 'amount')}, {plural(report.relations, 'relation')}, {plural(report.triples, 'triple')}",
        f"time:       {report.seconds:.2f} s",
    ]
    if report.stage_seconds:
        stages = ", ".join(f"{stage} {seconds:.2f} s" for stage, seconds in report.stage_seconds.items())
        lines.append(f"stages:     {stages}")
    return "\n".join(lines)


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
            located(a, {"start": a.start, "end": a.end, "text": a.text, **money_json(a.money)})
            for a in extraction.amounts
        ],
        "relations": [located(r, relation_json(r)) for r in extraction.relations],
    }
