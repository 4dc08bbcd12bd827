"""Load test: ``newsgraph serve`` under concurrent clients on loopback.

Fills an on-disk store with synthetic articles shaped like real output (the
generator of ``benchmarks/store.py``), starts ``newsgraph serve`` on it in
its own process, and sends ``--queries`` requests from ``--clients``
concurrent client threads, each request over its own HTTP connection, in a
fixed shuffled order: the saved queries with organisations as parameters
(the valid ones), plus a few of each kind the endpoint must refuse or stop
(an update: 403; a federated query: 403; a syntax error: 400; a cartesian
product counted, which no result interrupts: 503 after the server's ``--timeout``). Every valid query must get
200; every other request its expected status. The server must still answer
at the end. The last line holds the figures as name=value pairs:

    python benchmarks/endpoint.py [--queries 2000] [--clients 8] [--triples 100000]
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from store import QUERY_ORGS, synthetic_nquads  # noqa: E402

from pipeline.graph.saved_queries import saved_queries  # noqa: E402
from pipeline.graph.store import GraphStore  # noqa: E402

SERVER_TIMEOUT_S = 10  # the default of `newsgraph serve`
# (kind, query, expected status); one of each per HOSTILE_EVERY valid queries.
HOSTILE = (
    ("update", "DELETE WHERE { ?s ?p ?o }", 403),
    ("federated", "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }", 403),
    ("malformed", "SELECT ?s WHERE { ?s ?p }", 400),
    ("cartesian", "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }", 503),
)
HOSTILE_EVERY = 250


def valid_queries(count: int, rng: random.Random) -> list[str]:
    """``count`` saved queries, each with organisations from the synthetic data as its parameters."""
    queries = list(saved_queries().values())
    chosen = []
    for _ in range(count):
        query = rng.choice(queries)
        orgs = rng.sample(QUERY_ORGS, 2)
        chosen.append(query.bind({parameter.name: orgs[number] for number, parameter in enumerate(query.parameters)}))
    return chosen


def send(endpoint: str, query: str) -> tuple[int, float]:
    """(HTTP status, seconds) of one query sent as a form POST."""
    data = urllib.parse.urlencode({"query": query}).encode()
    request = urllib.request.Request(endpoint, data=data, headers={
        "Content-Type": "application/x-www-form-urlencoded", "Accept": "application/sparql-results+json"})
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            response.read()
            status = response.status
    except urllib.error.HTTPError as error:
        error.read()
        status = error.code
    except OSError:
        status = 0  # no answer at all: the connection failed or timed out
    return status, time.perf_counter() - started


def run(endpoint: str, requests: list[tuple[str, str, int]], clients: int) -> list[tuple[str, int, int, float]]:
    """Send ``requests`` (kind, query, expected status) from ``clients`` threads; (kind, expected, status, s) each."""
    results: list[tuple[str, int, int, float]] = []
    lock = threading.Lock()
    position = iter(range(len(requests)))

    def client() -> None:
        while True:
            with lock:
                index = next(position, None)
            if index is None:
                return
            kind, query, expected = requests[index]
            status, seconds = send(endpoint, query)
            with lock:
                results.append((kind, expected, status, seconds))

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def wait_until_up(url: str, process: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"newsgraph serve exited with {process.returncode}")
        try:
            urllib.request.urlopen(url, timeout=1).close()
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"newsgraph serve did not answer at {url} within {seconds} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--queries", type=int, default=2000, help="requests in all, the refused ones included")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--triples", type=int, default=100_000, help="size of the synthetic store")
    parser.add_argument("--port", type=int, default=7979)
    options = parser.parse_args()
    rng = random.Random(11)
    hostile = [HOSTILE[number % len(HOSTILE)] for number in range(max(len(HOSTILE), options.queries // HOSTILE_EVERY))]
    requests = [("valid", query, 200) for query in valid_queries(options.queries - len(hostile), rng)] + hostile
    rng.shuffle(requests)
    with tempfile.TemporaryDirectory(prefix="newsgraph-endpoint-") as temporary:
        folder = Path(temporary)
        articles = synthetic_nquads(folder / "data.nq", options.triples)
        with GraphStore(folder / "graph") as store:
            store.load(folder / "data.nq")
        server = subprocess.Popen(
            [sys.executable, "-c", "from pipeline.apps.cli import app; app()", "serve", "--store", str(folder / "graph"),
             "--port", str(options.port), "--timeout", str(SERVER_TIMEOUT_S)],
            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            base = f"http://127.0.0.1:{options.port}"
            wait_until_up(base + "/", server)
            started = time.perf_counter()
            results = run(base + "/sparql", requests, options.clients)
            seconds = time.perf_counter() - started
            still_up = send(base + "/sparql", "ASK { ?s ?p ?o }")[0] == 200
        finally:
            server.terminate()
            server.wait(timeout=10)
    valid = [(status, latency) for kind, _, status, latency in results if kind == "valid"]
    errors = sum(status != 200 for status, _ in valid)
    wrong = Counter(kind for kind, expected, status, _ in results if kind != "valid" and status != expected)
    latencies = sorted(latency * 1000 for _, latency in valid)
    p50, p99 = statistics.median(latencies), latencies[int(0.99 * (len(latencies) - 1))]
    print(f"store:    {options.triples} triples of {articles} synthetic articles")
    print(f"sent:     {len(results)} requests from {options.clients} clients in {seconds:.1f} s: "
          f"{len(valid)} valid, {len(results) - len(valid)} to refuse or stop "
          f"({dict(Counter(kind for kind, *_ in results if kind != 'valid'))})")
    print(f"answers:  {errors} errors among valid queries; wrong status for {dict(wrong) or 'none'} of the others; "
          f"server {'still answers' if still_up else 'DOWN'}")
    print(f"queries={len(results)} clients={options.clients} valid_errors={errors} "
          f"wrong_refusals={sum(wrong.values())} p50_ms={p50:.1f} p99_ms={p99:.1f} "
          f"queries_per_s={len(results) / seconds:.1f} server_up={int(still_up)}")


if __name__ == "__main__":
    main()
