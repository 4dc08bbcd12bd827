"""Shared fixtures: the real newsgraph pipeline, a CLI runner, the shared samples, a real Oxigraph server."""

import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline.nlp import build_nlp

ROOT = Path(__file__).resolve().parents[1]
SHARED_SAMPLES = ROOT.parent / "shared" / "samples"
REFERENCE_ARTICLE = SHARED_SAMPLES / "bytedance-ai-chips.de.txt"


@pytest.fixture(scope="session")
def nlp_de():
    """The default pipeline: bundled model (or blank German) plus our components."""
    return build_nlp()


@pytest.fixture
def runner():
    return CliRunner()


@pytest.fixture
def reference_article():
    if not REFERENCE_ARTICLE.exists():
        pytest.skip(f"reference article not found at {REFERENCE_ARTICLE} (../shared/samples/ is absent)")
    return REFERENCE_ARTICLE


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_http(url: str, process: subprocess.Popen, seconds: float = 30.0) -> None:
    """Return once ``url`` answers (any HTTP status); fail if ``process`` exits or time runs out."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"{process.args[0]} exited with {process.returncode} before answering at {url}")
        try:
            urllib.request.urlopen(url, timeout=1).close()
            return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.1)
    pytest.fail(f"nothing answered at {url} within {seconds} s")


@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory):
    """A real Oxigraph SPARQL server (the `oxigraph` package) on 127.0.0.1; yields its base URL."""
    binary = shutil.which("oxigraph")
    if binary is None:
        pytest.skip("the oxigraph server is not installed (python -m pip install '.[test]')")
    port = free_port()
    process = subprocess.Popen(
        [binary, "serve", "--location", str(tmp_path_factory.mktemp("oxigraph")), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for_http(f"{base}/query?query=ASK%7B%7D", process)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)
