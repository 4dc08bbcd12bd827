"""Progress of a batch: a rich bar on a terminal, periodic log lines elsewhere.

``track_files`` reads the input file by file and counts how many files are
done, which gives the ETA (articles per file vary, files are what is known in
advance). ``open_progress`` picks the display: a rich progress bar with
articles/s and ETA when stderr is a terminal, a plain line every
``LOG_INTERVAL`` seconds when it is not (a log file, CI), the same as one JSON
object per line for ``json_log``, nothing when ``quiet``. Each display is a
callable that ``batch.ingest`` calls with the number of articles finished.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Iterable, Iterator, TextIO

from rich.console import Console
from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeElapsedColumn, TimeRemainingColumn

from pipeline.core.json_output import json_text
from pipeline.core.records import Article, BatchReport
from pipeline.core.wording import plural
from pipeline.extract.readers import input_files, read_articles

LOG_INTERVAL = 10.0


class FileCounter:
    """Files done out of files in the input; ``fraction`` drives the ETA."""

    def __init__(self, total: int):
        self.total = total
        self.done = 0

    @property
    def fraction(self) -> float | None:
        return self.done / self.total if self.total else None


def track_files(
    paths: Iterable[str | Path], report: BatchReport, *, stdin: TextIO | None = None
) -> tuple[Iterator[Article], FileCounter]:
    """``read_articles`` over ``paths``, with a counter of the input files read so far."""
    files = list(input_files(paths, report))
    counter = FileCounter(len(files))

    def articles() -> Iterator[Article]:
        for file in files:
            yield from read_articles([file], report, stdin=stdin)
            counter.done += 1

    return articles(), counter


class ProgressDisplay:
    """Called with the number of articles finished; shows them against the files done."""

    def __init__(self, files: FileCounter):
        self.files = files
        self.articles = 0
        self.started = time.monotonic()

    def __call__(self, count: int) -> None:
        self.articles += count
        self.update()

    def update(self) -> None:
        raise NotImplementedError

    def close(self) -> None:
        """Stop the display (after the last article)."""

    def figures(self) -> dict:
        elapsed = time.monotonic() - self.started
        fraction = self.files.fraction
        eta = elapsed * (1 - fraction) / fraction if fraction else None
        return {"articles": self.articles, "files_done": self.files.done, "files": self.files.total,
                "articles_per_s": round(self.articles / elapsed, 1) if elapsed else 0.0,
                "eta_s": round(eta) if eta is not None else None}


class _Quiet(ProgressDisplay):
    def update(self) -> None:
        pass


class _LogLines(ProgressDisplay):
    def __init__(self, files: FileCounter, stream: TextIO, *, as_json: bool, interval: float):
        super().__init__(files)
        self.stream, self.as_json, self.interval = stream, as_json, interval
        self.last = self.started

    def update(self) -> None:
        now = time.monotonic()
        if now - self.last >= self.interval:
            self.last = now
            self.write()

    def close(self) -> None:
        self.write()

    def write(self) -> None:
        figures = self.figures()
        if self.as_json:
            line = json_text({"event": "progress", **figures})
        else:
            eta = f"ETA {figures['eta_s']} s" if figures["eta_s"] is not None else "ETA unknown"
            line = (f"progress: {plural(figures['articles'], 'article')}, {figures['files_done']}/{figures['files']} files, "
                    f"{figures['articles_per_s']} articles/s, {eta}")
        print(line, file=self.stream, flush=True)


class _Bar(ProgressDisplay):
    def __init__(self, files: FileCounter, stream: TextIO):
        super().__init__(files)
        self.bar = Progress(
            TextColumn("ingest"), BarColumn(), TaskProgressColumn(),
            TextColumn("{task.fields[articles]} articles, {task.fields[rate]} articles/s"),
            TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(),
            console=Console(file=stream), transient=False,
        )
        self.task = self.bar.add_task("ingest", total=files.total or None, articles=0, rate="0.0")
        self.bar.start()

    def update(self) -> None:
        figures = self.figures()
        self.bar.update(self.task, completed=self.files.done, articles=figures["articles"],
                        rate=figures["articles_per_s"])

    def close(self) -> None:
        self.update()
        self.bar.stop()


def open_progress(
    files: FileCounter, *, quiet: bool = False, json_log: bool = False, stream: TextIO | None = None,
    interval: float = LOG_INTERVAL,
) -> ProgressDisplay:
    """The progress display for a run; call its ``close()`` when the run ends."""
    stream = stream if stream is not None else sys.stderr
    if quiet:
        return _Quiet(files)
    if not json_log and stream.isatty():
        return _Bar(files, stream)
    return _LogLines(files, stream, as_json=json_log, interval=interval)
