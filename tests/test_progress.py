"""Progress displays and the ingest command's --quiet / --json-log output."""

import io
import json

import pytest

from pipeline.apps.cli import app
from pipeline.core.records import BatchReport
from pipeline.run.progress import FileCounter, open_progress, track_files

TEXT = "Bosch baut Werk in Reutlingen\n\nBosch investiert drei Milliarden Euro in ein Chipwerk in Reutlingen."


class Terminal(io.StringIO):
    """A text stream that says it is a terminal, as a real tty does."""

    def isatty(self) -> bool:
        return True


def test_track_files_counts_files_as_they_are_read(tmp_path):
    for name in ("a.txt", "b.txt", "c.txt"):
        (tmp_path / name).write_text(TEXT, encoding="utf-8")
    articles, files = track_files([tmp_path, tmp_path / "fehlt.txt"], BatchReport())
    assert (files.total, files.done) == (3, 0)
    next(articles)
    assert files.done == 0
    assert len(list(articles)) == 2 and files.done == 3 and files.fraction == 1.0


@pytest.mark.parametrize("json_log", [False, True])
def test_log_lines_report_articles_rate_and_eta(json_log):
    stream, files = io.StringIO(), FileCounter(4)
    progress = open_progress(files, json_log=json_log, stream=stream, interval=0.0)
    files.done = 2
    progress(10)
    progress.close()
    lines = stream.getvalue().splitlines()
    assert len(lines) == 2
    if json_log:
        figures = json.loads(lines[-1])
        assert figures["event"] == "progress" and figures["articles"] == 10 and figures["files_done"] == 2
        assert figures["articles_per_s"] > 0 and figures["eta_s"] is not None
    else:
        assert lines[-1].startswith("progress: 10 articles, 2/4 files, ") and "articles/s, ETA " in lines[-1]


def test_a_terminal_gets_a_bar_and_quiet_gets_nothing():
    terminal, files = Terminal(), FileCounter(2)
    bar = open_progress(files, stream=terminal)
    files.done = 2
    bar(7)
    bar.close()
    assert "7 articles" in terminal.getvalue() and "articles/s" in terminal.getvalue()
    silent = Terminal()
    quiet = open_progress(files, quiet=True, stream=silent)
    quiet(7)
    quiet.close()
    assert silent.getvalue() == ""


@pytest.mark.parametrize(("flag", "expect_json"), [("--json-log", True), ("--quiet", False)])
def test_ingest_output_for_pipelines(runner, tmp_path, flag, expect_json):
    (tmp_path / "bosch.txt").write_text(TEXT, encoding="utf-8")
    result = runner.invoke(app, ["ingest", str(tmp_path / "bosch.txt"), "--store", str(tmp_path / "graph"), flag])
    assert result.exit_code == 0, result.output
    lines = result.stderr.splitlines()
    if expect_json:
        events = [json.loads(line) for line in lines]
        assert events[-1]["event"] == "report" and events[-1]["articles_processed"] == 1
        assert set(events[-1]["stage_seconds"]) == {"read", "language", "nlp", "extract", "triples", "store"}
    else:
        assert lines == []
    assert json.loads((tmp_path / "graph" / "report.json").read_text())["articles_processed"] == 1
