"""Load test: ``newsgraph serve`` under concurrent clients on loopback, side by side with Oxigraph's server.

Fills an on-disk store with synthetic articles shaped like real output (the
generator of ``benchmarks/store.py``), starts ``newsgraph serve`` on it in
its own process, and sends requests from ``--clients`` concurrent client
threads, each request over its own HTTP connection, in a fixed shuffled order:

1. the valid queries: the saved queries with organisations as parameters,
   timed (queries/s, p50, p99);
2. the requests the endpoint must refuse or stop, one per ``HOSTILE_EVERY``
   queries of step 1, mixed into a quarter as many valid queries: an update
   (403), a federated query (403), a syntax error (400), a cartesian product
   counted, which no result interrupts (503 after the server's ``--timeout``);
3. ``--half-open`` connections that send half a request line and are then
   dropped at once; the next query must be answered (its seconds are printed).

Every valid query must get 200, every other request its expected status, and
the server must still answer at the end. Then, after ``newsgraph serve``
has stopped, ``oxigraph serve-read-only --timeout-s`` on the same store
directory gets the valid queries of step 1, with newsgraph's prefixes
written into them, from as many clients, and the two are compared:
``vs_oxigraph_server`` is newsgraph's queries/s over Oxigraph's. (Oxigraph
gets no cartesian product: its server does not stop one at its timeout.)
Each server's CPU time per query (its processes', on Linux) is printed too:
on a machine shared with other work it says more than the wall clock.
The last line holds the figures as name=value pairs:

    python benchmarks/endpoint.py [--queries 2000] [--clients 8] [--triples 100000] [--half-open 3000]
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import socket
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
from pipeline.graph.triples import PREFIXES  # noqa: E402

SERVER_TIMEOUT_S = 10  # the default of `newsgraph serve`
# (kind, query, expected status); one of them per HOSTILE_EVERY timed queries.
HOSTILE = (
    ("update", "DELETE WHERE { ?s ?p ?o }", 403),
    ("federated", "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }", 403),
    ("malformed", "SELECT ?s WHERE { ?s ?p }", 400),
    ("cartesian", "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }", 503),
)
HOSTILE_EVERY = 250
PREFIX_LINES = "".join(f"PREFIX {prefix}: <{namespace}>\n" for prefix, namespace in PREFIXES.items())


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


Results = list[tuple[str, int, int, float]]


def run(endpoint: str, requests: list[tuple[str, str, int]], clients: int) -> tuple[Results, float]:
    """Send ``requests`` (kind, query, expected status) from ``clients`` threads: (kind, expected, status,
    seconds) of each, and the seconds all took."""
    results: Results = []
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
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, time.perf_counter() - started


def figures(results: Results, seconds: float) -> dict:
    """Errors (statuses other than 200), p50 and p99 in ms and queries/s of the valid queries among ``results``."""
    valid = [(status, latency) for kind, _, status, latency in results if kind == "valid"]
    latencies = sorted(latency * 1000 for _, latency in valid)
    return {"errors": sum(status != 200 for status, _ in valid), "p50_ms": statistics.median(latencies),
            "p99_ms": latencies[int(0.99 * (len(latencies) - 1))], "queries_per_s": len(valid) / seconds}


def half_open(host: str, port: int, count: int) -> int:
    """Open ``count`` connections that each send half a request line; return how many opened."""
    opened = []
    try:
        for _ in range(count):
            connection = socket.create_connection((host, port), timeout=5)
            connection.sendall(b"GET /sparql?query=ASK")
            opened.append(connection)
    except OSError:
        pass  # refused or timed out: the server bounds its connections
    finally:
        for connection in opened:  # dropped at once, as a client that goes away drops them
            connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
            connection.close()
    return len(opened)


def cpu_seconds(pid: int) -> float | None:
    """CPU seconds used so far by process ``pid`` and its descendants (the query workers), the
    reaped ones included; None where /proc does not tell (not Linux)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
        tasks = list(Path(f"/proc/{pid}/task").iterdir())
    except OSError:
        return None
    children = []
    for task in tasks:
        try:
            children += [int(child) for child in (task / "children").read_text().split()]
        except OSError:  # the thread has ended meanwhile
            pass
    own = sum(int(ticks) for ticks in fields[11:15]) / os.sysconf("SC_CLK_TCK")  # utime stime cutime cstime
    return own + sum(filter(None, map(cpu_seconds, children)))


def timed_run(endpoint: str, requests: list[tuple[str, str, int]], clients: int, pid: int) -> tuple[dict, float]:
    """``figures`` of a ``run``, with the server's CPU milliseconds per query (None where unknown).
    The first ``clients`` requests are sent once before, untimed: the server starts what it starts on
    demand, and its caches fill."""
    run(endpoint, requests[:clients], clients)
    before = cpu_seconds(pid)
    results, seconds = run(endpoint, requests, clients)
    after = cpu_seconds(pid)
    measured = figures(results, seconds)
    measured["cpu_ms"] = None if before is None or after is None else (after - before) * 1000 / len(requests)
    return measured, seconds


def wait_until_up(url: str, process: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"{process.args[0]} exited with {process.returncode}")
        try:
            urllib.request.urlopen(url, timeout=1).close()
            return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"{process.args[0]} did not answer at {url} within {seconds} s")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    process.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--queries", type=int, default=2000, help="valid queries timed on each server")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--triples", type=int, default=100_000, help="size of the synthetic store")
    parser.add_argument("--half-open", type=int, default=3000, help="connections opened with half a request line")
    options = parser.parse_args()
    oxigraph = shutil.which("oxigraph", path=str(Path(sys.executable).parent)) or shutil.which("oxigraph")
    if oxigraph is None:
        raise SystemExit("Oxigraph's server is not installed: python -m pip install oxigraph")
    rng = random.Random(11)
    timed = [("valid", query, 200) for query in valid_queries(options.queries, rng)]
    hostile = [HOSTILE[number % len(HOSTILE)] for number in range(max(len(HOSTILE), options.queries // HOSTILE_EVERY))]
    protections = [("valid", query, 200) for query in valid_queries(options.queries // 4, rng)] + hostile
    rng.shuffle(protections)
    with tempfile.TemporaryDirectory(prefix="newsgraph-endpoint-") as temporary:
        folder = Path(temporary)
        articles = synthetic_nquads(folder / "data.nq", options.triples)
        with GraphStore(folder / "graph") as store:
            store.load(folder / "data.nq")
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        log = folder / "serve.log"
        with log.open("w") as log_file:
            server = subprocess.Popen(
                [sys.executable, "-c", "from pipeline.apps.cli import app; app()", "serve",
                 "--store", str(folder / "graph"), "--port", str(port), "--timeout", str(SERVER_TIMEOUT_S)],
                cwd=ROOT, stdout=subprocess.DEVNULL, stderr=log_file)
        try:
            wait_until_up(base + "/", server)
            ours, newsgraph_s = timed_run(base + "/sparql", timed, options.clients, server.pid)
            checked, checked_s = run(base + "/sparql", protections, options.clients)
            opened = half_open("127.0.0.1", port, options.half_open)
            after_half_open = send(base + "/sparql", "ASK { ?s ?p ?o }")
            still_up = send(base + "/sparql", "ASK { ?s ?p ?o }")[0] == 200
        finally:
            stop(server)
        tracebacks = log.read_text(encoding="utf-8", errors="replace").count("Traceback")
        port = free_port()
        peer = subprocess.Popen(
            [oxigraph, "serve-read-only", "--location", str(folder / "graph"), "--bind", f"127.0.0.1:{port}",
             "--timeout-s", str(SERVER_TIMEOUT_S)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            wait_until_up(f"http://127.0.0.1:{port}/", peer)
            prefixed = [(kind, PREFIX_LINES + query, expected) for kind, query, expected in timed]
            theirs, oxigraph_s = timed_run(f"http://127.0.0.1:{port}/query", prefixed, options.clients, peer.pid)
        finally:
            stop(peer)
    checked_errors = figures(checked, checked_s)["errors"]
    wrong = Counter(kind for kind, expected, status, _ in checked if kind != "valid" and status != expected)
    print(f"store:      {options.triples} triples of {articles} synthetic articles")
    for name, measured, seconds in (("newsgraph:", ours, newsgraph_s), ("oxigraph:", theirs, oxigraph_s)):
        print(f"{name:11} {options.queries} valid queries from {options.clients} clients in {seconds:.1f} s: "
              f"{measured['queries_per_s']:.1f} queries/s, p50 {measured['p50_ms']:.1f} ms, "
              f"p99 {measured['p99_ms']:.1f} ms, {measured['errors']} errors, {cpu(measured)} ms CPU per query")
    print(f"refusals:   {len(hostile)} requests to refuse or stop ({dict(Counter(kind for kind, *_ in hostile))}) "
          f"among {options.queries // 4} valid queries in {checked_s:.1f} s: {checked_errors} errors among the "
          f"valid ones, wrong status for {dict(wrong) or 'none'}")
    print(f"half-open:  {opened} of {options.half_open} connections opened with half a request line and dropped; "
          f"the next query got {after_half_open[0]} in {after_half_open[1]:.2f} s; "
          f"server {'still answers' if still_up else 'DOWN'}; {tracebacks} tracebacks in its log")
    print(f"queries={options.queries} clients={options.clients} valid_errors={ours['errors'] + checked_errors} "
          f"wrong_refusals={sum(wrong.values())} p50_ms={ours['p50_ms']:.1f} p99_ms={ours['p99_ms']:.1f} "
          f"queries_per_s={ours['queries_per_s']:.1f} oxigraph_errors={theirs['errors']} "
          f"oxigraph_p50_ms={theirs['p50_ms']:.1f} oxigraph_p99_ms={theirs['p99_ms']:.1f} "
          f"oxigraph_queries_per_s={theirs['queries_per_s']:.1f} "
          f"vs_oxigraph_server={ours['queries_per_s'] / theirs['queries_per_s']:.2f} "
          f"p99_vs_oxigraph={ours['p99_ms'] / theirs['p99_ms']:.2f} "
          f"cpu_ms_per_query={cpu(ours)} oxigraph_cpu_ms_per_query={cpu(theirs)} "
          f"half_open_next_s={after_half_open[1]:.2f} half_open_next_status={after_half_open[0]} "
          f"tracebacks={tracebacks} server_up={int(still_up)}")


def cpu(measured: dict) -> str:
    return "n/a" if measured["cpu_ms"] is None else f"{measured['cpu_ms']:.1f}"


if __name__ == "__main__":
    main()
