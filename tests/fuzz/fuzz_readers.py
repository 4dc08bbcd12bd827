"""atheris harness for the readers (not collected by pytest; see README "Fuzzing").

Any bytes, as each input format: ``read_articles`` never raises; it yields
articles with non-empty UTF-8 text or reports a skip naming the file.

    python tests/fuzz/fuzz_readers.py -max_total_time=600
"""

import logging
import sys
import tempfile
from pathlib import Path

import atheris

with atheris.instrument_imports():
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    from pipeline.core.records import BatchReport
    from pipeline.extract.readers import read_articles

SUFFIXES = (".txt", ".json", ".jsonl", ".jsonl.gz", ".html", ".warc", ".warc.gz")
FOLDER = Path(tempfile.mkdtemp(prefix="newsgraph-fuzz-"))


def check(data: bytes) -> None:
    provider = atheris.FuzzedDataProvider(data)
    path = FOLDER / f"input{SUFFIXES[provider.ConsumeIntInRange(0, len(SUFFIXES) - 1)]}"
    path.write_bytes(provider.ConsumeBytes(provider.remaining_bytes()))
    report = BatchReport()
    articles = list(read_articles([path], report))
    assert articles or report.skipped, "neither an article nor a skip"
    for article in articles:
        assert article.text.strip() and article.text.encode("utf-8"), article.source
    for skip in report.skipped:
        assert str(path) in skip.source, skip


if __name__ == "__main__":
    logging.disable(logging.CRITICAL)  # every skip is logged; the fuzzer makes millions
    atheris.Setup(sys.argv, check)
    atheris.Fuzz()
