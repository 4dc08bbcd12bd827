"""Extraction on a Dask distributed cluster, for crawls larger than one machine.

``dask_batches`` sends batches of articles to the workers of the Dask
scheduler at an address such as ``tcp://10.0.0.5:8786`` and yields each
batch's ``(article id, N-Triples or None)`` pairs and partial report as it finishes, the
same shape as ``batch.extract_batches``, so that ``batch.ingest`` writes
them to the store in the same per-article way. Each worker
process builds the newsgraph pipeline once, on its first batch, from the
model name (a pipeline is far larger than a batch, so it is never shipped).
At most two batches per worker thread are in flight, so memory stays bounded
on both sides. The workers need newsgraph installed, with the same model.
"""

from __future__ import annotations

import threading
from typing import Iterable, Iterator

from spacy.language import Language

from pipeline.core.records import Article, BatchReport

_worker_pipelines: dict[str | None, Language] = {}
_worker_lock = threading.Lock()


def dask_batches(
    batches: Iterable[list[Article]], scheduler: str, *, model: str | None = None, batch_size: int = 32
) -> Iterator[tuple[list, BatchReport]]:
    """Each batch extracted on the cluster at ``scheduler``, in completion order."""
    from distributed import Client, as_completed

    with Client(scheduler) as client:
        in_flight = 2 * max(1, sum(client.nthreads().values()))
        pending = as_completed()
        for chunk in batches:
            pending.add(client.submit(extract_on_worker, chunk, batch_size, model, pure=False))
            if pending.count() >= in_flight:
                yield next(pending).result()
        for future in pending:
            yield future.result()


def extract_on_worker(chunk: list[Article], batch_size: int, model: str | None) -> tuple[list, BatchReport]:
    """Runs on a Dask worker: one batch through the worker's pipeline (built on first use)."""
    from pipeline.extract.nlp import build_nlp
    from pipeline.run.extraction import extract_batch

    with _worker_lock:
        if model not in _worker_pipelines:
            _worker_pipelines[model] = build_nlp(model)
    return extract_batch(chunk, _worker_pipelines[model], batch_size)
