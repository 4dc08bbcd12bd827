"""Crash safety: ``newsgraph ingest`` killed with SIGKILL at random points, then run again.

After every kill the store opens (read-only) and passes ``newsgraph check``
(the articles whose statements had not reached the merged view yet are
counted apart, see ``pipeline.graph.store.OxigraphStore``); the final dataset, and
its merged view, equal those of an uninterrupted run.
"""

import random
import signal
import subprocess
import sys
import time

import pytest

from conftest import ROOT, articles_file, assert_same_dataset
from pipeline.core.records import BatchReport
from pipeline.extract.readers import read_articles
from pipeline.graph.store import GraphStore, open_read_only
from pipeline.graph.validate import check_store
from pipeline.run.batch import ingest

KILLS = 20
ARTICLES = 200

@pytest.mark.slow
def test_random_sigkills_leave_a_readable_store_that_resumes_to_the_uninterrupted_dataset(tmp_path, nlp_de):
    batch = articles_file(tmp_path / "batch.jsonl", ARTICLES)
    store = tmp_path / "store"
    command = [sys.executable, "-c", "from pipeline.apps.cli import app; app()", "--verbose", "ingest", str(batch),
               "--batch-size", "1", "--workers", "1", "--store", str(store)]
    rng = random.Random(2026)
    stored_after_kill, awaiting_merge = [], []
    for _ in range(KILLS):
        process = subprocess.Popen(command, cwd=ROOT, stderr=subprocess.PIPE, text=True)
        wanted, stored = rng.randint(1, 2), 0
        for line in process.stderr:
            stored += "stored" in line
            if stored == wanted:
                time.sleep(rng.uniform(0, 0.04))  # somewhere in the next article's extraction or write
                process.kill()
                break
        process.wait(timeout=60)
        assert process.returncode == -signal.SIGKILL, "the batch finished before it could be killed"
        reader = open_read_only(store)
        report = check_store(reader)
        assert report.ok, report.rows()
        stored_after_kill.append(report.articles)
        awaiting_merge.append(report.awaiting_merge)
        del reader
    assert stored_after_kill == sorted(stored_after_kill) and stored_after_kill[-1] < ARTICLES
    assert any(awaiting_merge)  # kills between an article's write and the merge were recovered from
    finished = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    assert finished.returncode == 0, finished.stderr
    uninterrupted, report = GraphStore("memory:"), BatchReport()
    ingest(read_articles([batch], report), nlp_de, uninterrupted, report, batch_size=1)
    assert report.articles_processed == ARTICLES
    final = check_store(open_read_only(store))
    assert final.ok and final.awaiting_merge == 0 and final.articles == ARTICLES
    resumed = GraphStore(store)
    assert_same_dataset(resumed, uninterrupted)
    assert set(resumed.merged()) == set(uninterrupted.merged())
