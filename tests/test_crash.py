"""Crash safety: ``newsgraph ingest`` killed with SIGKILL at random points, then run again.

After every kill the store opens (read-only) and passes ``newsgraph check``
(the articles whose statements had not reached the merged view yet are
counted apart, see ``pipeline.store.OxigraphStore``); the final dataset, and
its merged view, equal those of an uninterrupted run.
"""

import json
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pipeline.batch import ingest
from pipeline.ingest import read_articles
from pipeline.records import BatchReport
from pipeline.store import GraphStore, open_read_only
from pipeline.validate import check_store
from conftest import ROOT, assert_same_dataset

KILLS = 20
ARTICLES = 200
BUYERS = ("Vodafone", "Siemens", "BMW", "Deutsche Telekom", "Bosch", "SAP", "Lufthansa", "BASF")
VENDORS = ("Nokia", "Ericsson", "Nvidia", "Infineon", "Dell", "Cisco", "Samsung", "Huawei")
CITIES = ("Leipzig", "Bremen", "Kassel", "Ulm", "Rostock", "Mainz", "Erfurt", "Passau")
OPENINGS = (
    "{buyer} kauft bei {vendor} Technik für {amount} Millionen Euro.",
    "{buyer} hat bei {vendor} einen Auftrag über {amount} Millionen Euro vergeben.",
    "{vendor} liefert für {amount} Millionen Euro Server an {buyer}.",
)
FOLLOW_UPS = (
    "Die Anlagen gehen an den Standort {city}, wie eine Sprecherin am {day}. März sagte.",
    "In {city} sollen dafür {jobs} neue Stellen entstehen.",
    "Der Betriebsrat in {city} begrüßte den Schritt am {day}. April.",
    "Die ersten {jobs} Geräte sollen noch im Sommer in {city} ankommen.",
)


def articles_file(path: Path, count: int) -> Path:
    """``count`` distinct short German deal reports as JSON lines (a fixed seed)."""
    rng = random.Random(7)
    with path.open("w", encoding="utf-8") as output:
        for number in range(count):
            slots = {"buyer": BUYERS[number % len(BUYERS)], "vendor": VENDORS[(number // len(BUYERS)) % len(VENDORS)],
                     "amount": 10 + 7 * number, "city": rng.choice(CITIES), "day": rng.randint(1, 28),
                     "jobs": rng.randint(20, 900)}
            sentences = [rng.choice(OPENINGS)] + rng.sample(FOLLOW_UPS, 2)
            text = " ".join(sentence.format(**slots) for sentence in sentences)
            output.write(json.dumps({"title": f"Meldung {number}", "text": text}, ensure_ascii=False) + "\n")
    return path


@pytest.mark.slow
def test_random_sigkills_leave_a_readable_store_that_resumes_to_the_uninterrupted_dataset(tmp_path, nlp_de):
    batch = articles_file(tmp_path / "batch.jsonl", ARTICLES)
    store = tmp_path / "store"
    command = [sys.executable, "-c", "from pipeline.cli import app; app()", "--verbose", "ingest", str(batch),
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
