"""The Dask executor: a real LocalCluster of two worker processes on 127.0.0.1 gives the local dataset."""

import pytest
from distributed import LocalCluster

from conftest import ROOT, assert_same_dataset
from pipeline.apps.cli import app
from pipeline.core.records import BatchReport
from pipeline.extract.readers import read_articles
from pipeline.graph.store import GraphStore
from pipeline.run.batch import ingest

RAW = ROOT / "data" / "raw"


@pytest.fixture(scope="module")
def scheduler():
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None) as cluster:
        yield cluster.scheduler_address


@pytest.mark.cluster
def test_dask_cluster_gives_the_same_dataset_and_report_as_one_process(scheduler, nlp_de):
    local_report, local = BatchReport(), GraphStore("memory:")
    ingest(read_articles([RAW], local_report), nlp_de, local, local_report, batch_size=3)
    cluster_report, on_cluster = BatchReport(), GraphStore("memory:")
    ingest(read_articles([RAW], cluster_report), nlp_de, on_cluster, cluster_report, batch_size=3,
           scheduler=scheduler)
    assert cluster_report.articles_processed == local_report.articles_processed == 14
    assert (cluster_report.triples, cluster_report.relations) == (local_report.triples, local_report.relations)
    assert set(cluster_report.skipped) == set(local_report.skipped)
    assert {"language", "nlp", "triples", "store"} <= set(cluster_report.stage_seconds)
    assert_same_dataset(on_cluster, local)


@pytest.mark.parametrize("options", [["--executor", "dask"], ["--scheduler", "tcp://127.0.0.1:8786"],
                                     ["--executor", "spark"]])
def test_the_cli_wants_a_scheduler_exactly_with_the_dask_executor(runner, tmp_path, options):
    result = runner.invoke(app, ["ingest", str(RAW), "--store", str(tmp_path / "graph"), *options])
    assert result.exit_code == 2
    assert not (tmp_path / "graph").exists()
