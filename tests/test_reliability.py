"""Reliability of ``newsgraph ingest`` as a real process: its workers die with it, and a full disk
ends in one line that says what was stored and that the same command resumes.

Both tests run the real CLI in a subprocess on generated German deal reports; the full-disk test
writes to a real size-limited tmpfs (mounting it needs root, or the test is skipped).
"""

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ROOT, articles_file, assert_same_dataset
from pipeline.core.records import BatchReport
from pipeline.core.wording import plural
from pipeline.extract.readers import read_articles
from pipeline.graph.store import GraphStore, open_read_only
from pipeline.graph.validate import check_store
from pipeline.run.batch import ingest

INGEST = [sys.executable, "-c", "from pipeline.apps.cli import app; app()"]

linux_only = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads processes from Linux's /proc")


def process_stat(pid: int) -> tuple[str, int, int] | None:
    """(state, parent pid, start time) of a live process, or None once it has gone."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except (FileNotFoundError, ProcessLookupError):
        return None
    fields = stat[stat.rindex(")") + 2:].split()  # after "pid (command) "; the command may hold spaces
    return fields[0], int(fields[1]), int(fields[19])


def children_of(parent: int) -> dict[int, int]:
    """The live child processes of ``parent``: pid -> start time (which tells a reused pid apart)."""
    children = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and (stat := process_stat(int(entry.name))) and stat[1] == parent:
            children[int(entry.name)] = stat[2]
    return children


def still_alive(processes: dict[int, int]) -> list[int]:
    """The pids in ``processes`` that still run (a zombie waiting for its reaper has ended)."""
    return [pid for pid, started in processes.items()
            if (stat := process_stat(pid)) and stat[0] != "Z" and stat[2] == started]


def alive_after(processes: dict[int, int], seconds: float) -> list[int]:
    """The pids in ``processes`` still running after waiting up to ``seconds`` for all of them to end."""
    deadline = time.monotonic() + seconds
    while still_alive(processes) and time.monotonic() < deadline:
        time.sleep(0.1)
    return still_alive(processes)


@linux_only
@pytest.mark.slow
def test_workers_end_when_a_killed_ingest_leaves_them_orphaned(tmp_path):
    batch = articles_file(tmp_path / "batch.jsonl", 200)
    command = [*INGEST, "--verbose", "ingest", str(batch), "--workers", "2", "--batch-size", "2",
               "--store", str(tmp_path / "store")]
    process = subprocess.Popen(command, cwd=ROOT, stderr=subprocess.PIPE, text=True)
    workers: dict[int, int] = {}
    lines = []
    try:
        for line in process.stderr:
            lines.append(line)
            if "stored" in line:  # batches come back from the pool: its workers run, more batches are in flight
                workers = children_of(process.pid)
                if len(workers) == 2:
                    break
        process.kill()
        process.wait(timeout=30)
        assert process.returncode == -signal.SIGKILL, f"the batch ended before it could be killed: {lines[-5:]}"
        assert len(workers) == 2, f"expected two worker processes, found {sorted(workers)}"
        assert not alive_after(workers, 5), "worker processes outlived their killed parent"
    finally:
        process.kill()
        for pid in still_alive(workers):  # never leave orphans of a failed run behind
            os.kill(pid, signal.SIGKILL)


WATCHED_CHILD = """
import os, sys, threading, time
from pipeline.run.batch import _watch_parent
threading.Thread(target=_watch_parent, args=(os.getppid(),), daemon=True).start()
print("watching", flush=True)
time.sleep(60)
"""
PARENT = """
import subprocess, sys
child = subprocess.Popen([sys.executable, "-c", sys.argv[1]])
print(child.pid, flush=True)
child.wait()
"""


@linux_only
@pytest.mark.slow
def test_where_there_is_no_prctl_a_thread_ends_the_worker_with_its_parent():
    parent = subprocess.Popen([sys.executable, "-c", PARENT, WATCHED_CHILD], cwd=ROOT, stdout=subprocess.PIPE,
                              text=True)
    child = {}
    try:
        pid = int(parent.stdout.readline())
        child = {pid: process_stat(pid)[2]}
        assert parent.stdout.readline() == "watching\n"
        parent.kill()
        parent.wait(timeout=10)
        assert not alive_after(child, 5), "the watched child outlived its killed parent"
    finally:
        parent.kill()
        for pid in still_alive(child):
            os.kill(pid, signal.SIGKILL)


@pytest.fixture
def small_disk(tmp_path):
    """A real 1 MiB filesystem (tmpfs), and a function that makes it larger (as freeing space would)."""
    mount, where = shutil.which("mount"), tmp_path / "disk"
    if mount is None or not sys.platform.startswith("linux"):
        pytest.skip("needs Linux's mount to make a small tmpfs")
    where.mkdir()
    mounted = subprocess.run([mount, "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(where)], capture_output=True,
                             text=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs (needs root): {mounted.stderr.strip()}")

    def grow(size: str) -> None:
        subprocess.run([mount, "-o", f"remount,size={size}", str(where)], check=True)

    try:
        yield where, grow
    finally:
        subprocess.run(["umount", "--lazy", str(where)], check=True)


FULL_DISK = re.compile(r"Error: No space left on the disk that holds graph store (?P<store>\S+): (?P<stored>\d+) "
                       r"articles stored; free some space and run the same command again to resume")


@pytest.mark.slow
def test_a_full_disk_ends_in_one_line_and_the_same_command_resumes_once_there_is_space(tmp_path, small_disk,
                                                                                        nlp_de):
    disk, grow = small_disk
    batch, store = articles_file(tmp_path / "batch.jsonl", 80), disk / "store"
    command = [*INGEST, "ingest", str(batch), "--store", str(store), "--quiet"]  # default workers and batch size
    full = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert full.returncode == 1
    message = full.stderr.strip()
    assert "\n" not in message and (found := FULL_DISK.fullmatch(message)), full.stderr
    stored = int(found["stored"])
    assert found["store"] == str(store) and 0 < stored < 80
    checked = subprocess.run([*INGEST, "check", "--store", str(store)], cwd=ROOT, capture_output=True, text=True)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert f"checked {plural(stored, 'article')}: no problems" in checked.stderr

    grow("64m")
    resumed = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert resumed.returncode == 0, resumed.stderr
    run = json.loads((store / "report.json").read_text(encoding="utf-8"))
    assert (run["articles_unchanged"], run["articles_processed"]) == (stored, 80 - stored)
    final = check_store(open_read_only(store))
    assert final.ok and final.awaiting_merge == 0 and final.articles == 80
    uninterrupted, report = GraphStore("memory:"), BatchReport()
    ingest(read_articles([batch], report), nlp_de, uninterrupted, report)
    resumed_store = GraphStore(store)
    assert_same_dataset(resumed_store, uninterrupted)
    assert set(resumed_store.merged()) == set(uninterrupted.merged())
