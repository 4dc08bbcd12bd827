"""The hostile-input corpus (``tests/fixtures/hostile/``): every case through the real batch.

Each case is ingested on its own into one on-disk store that already holds two
articles: the report must list exactly the case's skips and warnings, each with a
log message naming the file, line or record; the store must gain exactly the
case's articles and lose nothing. Then the whole corpus goes through
``newsgraph ingest`` at once: exit code 3 ("partial"), the report's counts by
reason, and a store that ``newsgraph check`` passes.
"""

from __future__ import annotations

import importlib.util
import json
import logging
import os
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

import pytest

from conftest import ROOT
from pipeline.core.iris import NG, graph_iri
from pipeline.core.records import FILTERED_REASONS, BatchReport
from pipeline.extract.readers import make_article, read_articles
from pipeline.graph.store import GraphStore
from pipeline.graph.validate import check_store
from pipeline.run import batch

HOSTILE = ROOT / "tests" / "fixtures" / "hostile"
IS_ROOT = os.geteuid() == 0
NOBODY = 65534


def _load_generator():
    spec = importlib.util.spec_from_file_location("hostile_corpus", HOSTILE / "generate.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


corpus = _load_generator()
# Root reads a file without read permission all the same; that case runs as an unprivileged user below.
RUNTIME = tuple(runtime for runtime in corpus.RUNTIME_CASES if not (IS_ROOT and runtime.case.name == "unreadable.txt"))
CASES = (*corpus.CASES, *(runtime.case for runtime in RUNTIME))
# Literals quoting the article as written (the evidence sentence) may hold what a case must keep out of names.
QUOTING = {str(NG.evidence), str(NG.dateText)}


def test_the_corpus_has_forty_cases_and_the_committed_files_are_the_generator_output():
    assert len(corpus.CASES) + len(corpus.RUNTIME_CASES) >= 40
    committed = {path.name for path in corpus.CORPUS.iterdir()}
    assert committed == {case.name for case in corpus.CASES}
    for case in corpus.CASES:
        assert (corpus.CORPUS / case.name).read_bytes() == case.content, f"{case.name}: rerun generate.py"


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("hostile") / "corpus"
    shutil.copytree(corpus.CORPUS, folder)
    for runtime in RUNTIME:
        runtime.make(folder)
    return folder


@pytest.fixture(scope="module")
def store(tmp_path_factory, nlp_de):
    store = GraphStore(tmp_path_factory.mktemp("hostile-store") / "graph")
    report = BatchReport()
    baseline = [make_article(corpus.german_article(index), f"baseline-{index}.txt") for index in (60, 61)]
    batch.ingest(baseline, nlp_de, store, report, workers=1)
    assert report.articles_processed == 2
    yield store
    store.close()


def _quads(store: GraphStore) -> set[tuple[str, ...]]:
    """Each quad as its terms in N-Triples form (datatype and language included), graph name last."""
    return {(str(quad.subject), str(quad.predicate), str(quad.object), str(quad.graph_name))
            for quad in store.quads()}


def _texts(store: GraphStore, graphs: set[str], *, quoting: bool) -> list[str]:
    """The IRIs and literal values in ``graphs`` (N-Triples names), without the literals of
    ``QUOTING`` predicates unless ``quoting``."""
    return [term.value for quad in store.quads() if str(quad.graph_name) in graphs
            and (quoting or quad.predicate.value not in QUOTING) for term in (quad.subject, quad.object)]


# The cases that take a second or more each (a line or a record of many megabytes) run in the slow tier.
BIG_CASES = {"long-line.txt", "long-record.jsonl"}


@pytest.mark.parametrize(
    "case", [pytest.param(case, marks=pytest.mark.slow) if case.name in BIG_CASES else case for case in CASES],
    ids=lambda case: case.name,
)
def test_each_case_is_reported_and_changes_nothing_else(case, folder, store, nlp_de, caplog):
    before, articles_before = _quads(store), set(store.articles())
    report = BatchReport()
    with caplog.at_level(logging.WARNING, logger="newsgraph"):
        batch.ingest(read_articles([folder / case.name], report), nlp_de, store, report, workers=1,
                     deduplicate=False)

    def relative(items):
        return [(item.source.removeprefix(f"{folder}/"), item.reason) for item in items]

    assert relative(report.skipped) == list(case.skips)
    assert relative(report.warnings) == list(case.warnings)
    for item in [*report.skipped, *report.warnings]:
        if item.reason not in FILTERED_REASONS:
            kind = "skipped" if item in report.skipped else "warning"
            assert f"{item.source}: {kind} ({item.reason})" in caplog.text
            assert item.detail, "every message says what is wrong"
    assert bool(report.failed()) == any(reason not in FILTERED_REASONS for _, reason in case.skips)

    after = _quads(store)
    assert before <= after, "a hostile input removed or changed stored statements"
    new_articles = set(store.articles()) - articles_before
    assert len(new_articles) == case.articles
    new_graphs = {f"<{graph_iri(article)}>" for article in new_articles}
    assert {quad[3] for quad in after - before} <= new_graphs | {"DEFAULT"}, "only the new articles' graphs grow"
    stored = _texts(store, new_graphs, quoting=True)
    for text in case.contains:
        assert any(text in term for term in stored), f"{text!r} not in the stored graph"
    named = _texts(store, new_graphs, quoting=False)
    for text in case.absent:
        assert not any(text in term for term in named), f"{text!r} stored"


def test_the_store_checks_clean_after_all_cases(store):
    report = check_store(store)
    assert report.ok, report.rows()


def test_a_file_and_a_folder_without_read_permission_are_reported_as_unreadable():
    """As an unprivileged user (root may read anything), in a forked child of this test."""
    place = Path(tempfile.mkdtemp(prefix="newsgraph-unreadable-"))
    try:
        place.chmod(0o755)
        runtime = next(runtime for runtime in corpus.RUNTIME_CASES if runtime.case.name == "unreadable.txt")
        runtime.make(place)
        (place / "locked").mkdir(mode=0)
        read, write = os.pipe()
        child = os.fork()
        if child == 0:  # pragma: no cover - runs in the child
            try:
                if IS_ROOT:
                    os.setgid(NOBODY)
                    os.setuid(NOBODY)
                report = BatchReport()
                found = list(read_articles([place / "unreadable.txt", place / "locked"], report))
                os.write(write, json.dumps([len(found), [vars(item) for item in report.skipped]]).encode())
            finally:
                os._exit(0)
        os.close(write)
        with os.fdopen(read) as pipe:
            found, skipped = json.loads(pipe.read())
        os.waitpid(child, 0)
    finally:
        (place / "locked").chmod(0o755)
        shutil.rmtree(place)
    assert found == 0
    assert [(item["source"], item["reason"]) for item in skipped] == [
        (str(place / "unreadable.txt"), "unreadable"), (str(place / "locked"), "unreadable")]
    assert all(item["detail"] == "Permission denied" for item in skipped)


@pytest.mark.slow
def test_the_whole_corpus_in_one_run_exits_partial_and_counts_every_reason(folder, tmp_path):
    store = tmp_path / "graph"
    command = [sys.executable, "-c", "from pipeline.apps.cli import app; app()", "ingest", str(folder),
               "--store", str(store), "--no-dedup", "--workers", "1", "--quiet"]
    finished = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert finished.returncode == 3, finished.stderr[-2000:]
    report = json.loads((store / "report.json").read_text())
    assert report["skipped_by_reason"] == dict(Counter(reason for case in CASES for _, reason in case.skips))
    assert Counter(item["reason"] for item in report["warnings"]) == Counter(
        reason for case in CASES for _, reason in case.warnings)
    assert report["articles_processed"] == sum(case.articles for case in CASES)
    for case in CASES:
        for item, reason in case.skips:
            if reason not in FILTERED_REASONS:
                assert f"{folder / item}: skipped ({reason})" in finished.stderr
    checked = subprocess.run([sys.executable, "-c", "from pipeline.apps.cli import app; app()", "check", "--store",
                              str(store)], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert checked.returncode == 0, checked.stdout + checked.stderr
