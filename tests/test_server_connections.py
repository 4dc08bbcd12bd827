"""Tests for pipeline.apps.server's connections: what an endpoint open to anyone must survive.

Real servers on 127.0.0.1 and real sockets: connections that send half a request line and wait
(held up to a bound, closed after the request timeout), clients that go away at once (one line
each in the log, no traceback), requests malformed or past a limit (a status and a one-line
reason), and a server that still answers the next query.
"""

import http.client
import logging
import re
import resource
import signal
import socket
import struct
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from conftest import ROOT, build_extraction, free_port
from pipeline.apps.server import Limits, make_server
from pipeline.graph.store import GraphStore
from pipeline.graph.triples import to_graph

ASK = "/sparql?" + urllib.parse.urlencode({"query": "ASK { ?deal a ng:Purchase }"})
HALF_A_REQUEST_LINE = b"GET /sparql?query=ASK"
CARTESIAN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


def half_open(port: int, count: int) -> list[socket.socket]:
    """``count`` connections to ``port`` that have each sent half a request line."""
    connections = []
    for _ in range(count):
        connection = socket.create_connection(("127.0.0.1", port), timeout=10)
        connection.sendall(HALF_A_REQUEST_LINE)
        connections.append(connection)
    return connections


def drop(connections: list[socket.socket]) -> None:
    """Close every connection at once with a reset, as a client that goes away does."""
    for connection in connections:
        connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        connection.close()


def ask(url: str, seconds: float = 10) -> int:
    """The status of a small query, which must come within ``seconds``."""
    try:
        with urllib.request.urlopen(url + ASK, timeout=seconds) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def closed_by_server(connection: socket.socket) -> bytes:
    """What the server sent on ``connection`` before closing it (it must close it within 10 s)."""
    connection.settimeout(10)
    received = b""
    try:
        while chunk := connection.recv(4096):
            received += chunk
    except ConnectionResetError:
        pass
    return received


@pytest.fixture
def server(request, caplog):
    """An endpoint over a store in memory, bounded tight: 20 connections (or as many as an indirect
    parameter says), 1 s to send a request."""
    caplog.set_level(logging.INFO, logger="pipeline.apps.server")
    store = GraphStore("memory:")
    store.replace_article("a1", to_graph(build_extraction("a1")))
    served = make_server(store, port=0, limits=Limits(timeout=5), max_connections=getattr(request, "param", 20),
                         request_timeout=1)
    thread = threading.Thread(target=served.serve_forever, daemon=True)
    thread.start()
    yield served
    served.shutdown()
    served.server_close()
    thread.join(timeout=10)
    assert not thread.is_alive()


def messages(caplog, text: str) -> list[str]:
    return [record.getMessage() for record in caplog.records if text in record.getMessage()]


def test_at_the_connection_bound_the_longest_waiting_connection_makes_room(server, caplog):
    waiting = half_open(server.socket.getsockname()[1], server.max_connections)
    try:
        assert ask(server.url) == 200
        assert closed_by_server(waiting[0]) == b""  # dropped, not answered: its request never came
        assert len(messages(caplog, "to make room")) == 1
    finally:
        drop(waiting)


@pytest.mark.parametrize("server", [1], indirect=True)
def test_when_every_connection_is_being_answered_a_new_one_gets_503_with_retry_after(server, caplog):
    """The one connection allowed asks for the page again and again and reads none of it, so the
    server is busy sending to it; a second connection is refused, and served once the first has gone."""
    port = server.socket.getsockname()[1]
    busy = socket.create_connection(("127.0.0.1", port), timeout=10)
    busy.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n" * 2000)  # 30 MB of answers, more than socket buffers hold
    try:
        assert until(lambda: messages(caplog, '"GET / HTTP/1.1" 200'))
        with socket.create_connection(("127.0.0.1", port), timeout=10) as refused:
            answer = closed_by_server(refused)
        assert answer.startswith(b"HTTP/1.1 503 Service Unavailable\r\n") and b"\r\nRetry-After: 1\r\n" in answer
        assert answer.endswith(b"Too many connections; try again shortly\n")
        assert len(messages(caplog, "all are being answered")) == 1
    finally:
        drop([busy])
    assert until(lambda: ask(server.url) == 200)


def test_a_request_not_sent_within_the_request_timeout_gets_408(server, caplog):
    slow = half_open(server.socket.getsockname()[1], 1)[0]
    silent = socket.create_connection(("127.0.0.1", server.socket.getsockname()[1]))
    short_body = socket.create_connection(("127.0.0.1", server.socket.getsockname()[1]))
    short_body.sendall(b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
                       b"Content-Length: 30\r\n\r\nASK {")
    try:
        assert closed_by_server(slow).startswith(b"HTTP/1.1 408 Request Timeout\r\n")
        assert closed_by_server(short_body).startswith(b"HTTP/1.1 408 Request Timeout\r\n")
        assert closed_by_server(silent) == b""  # nothing sent, nothing to answer: closed quietly
        assert len(messages(caplog, "no complete request within 1 s")) == 2
        assert ask(server.url) == 200
    finally:
        slow.close()
        silent.close()
        short_body.close()


def test_clients_that_go_away_at_once_are_one_line_each_and_the_server_answers(server, caplog):
    connections = half_open(server.socket.getsockname()[1], 15)
    assert ask(server.url) == 200  # the server has read what each of them sent
    drop(connections)
    assert ask(server.url) == 200
    assert until(lambda: len(messages(caplog, "before its request was complete")) == 15)
    assert not [record for record in caplog.records if record.exc_info or record.levelno >= logging.WARNING]


def test_an_answer_survives_a_body_over_the_limit_and_a_chunked_request(server):
    """A client still reading its 413 while it sends is not reset; a chunked body is read like any other."""
    port = server.socket.getsockname()[1]
    with socket.create_connection(("127.0.0.1", port), timeout=10) as connection:
        connection.sendall(b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
                           b"Content-Length: 5000000\r\n\r\n" + b"#" * 200_000)
        assert closed_by_server(connection).startswith(b"HTTP/1.1 413 ")
    query = b"ASK { ?deal a ng:Purchase }"
    with socket.create_connection(("127.0.0.1", port), timeout=10) as connection:
        connection.sendall(b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
                           b"Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                           + b"%x\r\n%s\r\n%x\r\n%s\r\n0\r\n\r\n" % (10, query[:10], len(query) - 10, query[10:]))
        answer = closed_by_server(connection)
    assert answer.startswith(b"HTTP/1.1 200 OK\r\n") and answer.endswith(b'"boolean":true}')


def test_one_connection_carries_several_requests_and_a_client_may_wait_for_100_continue(server):
    connection = http.client.HTTPConnection("127.0.0.1", server.socket.getsockname()[1], timeout=10)
    form = urllib.parse.urlencode({"query": "ASK { ?deal a ng:Purchase }"})
    answers = []
    for method, path, body in (("GET", ASK, None), ("POST", "/sparql", form), ("HEAD", ASK, None), ("GET", "/", None)):
        connection.request(method, path, body, {"Content-Type": "application/x-www-form-urlencoded"})
        if not answers:
            first_socket = connection.sock
        response = connection.getresponse()
        answers.append((response.status, response.read()))
    assert connection.sock is first_socket
    assert answers[:3] == [(200, b'{"head":{},"boolean":true}'), (200, b'{"head":{},"boolean":true}'), (200, b"")]
    assert answers[3][0] == 200 and b"<title>newsgraph SPARQL</title>" in answers[3][1]
    connection.close()
    query = b"ASK { ?deal a ng:Purchase }"
    with socket.create_connection(("127.0.0.1", server.socket.getsockname()[1]), timeout=10) as raw:
        raw.sendall(b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
                    b"Expect: 100-continue\r\nConnection: close\r\nContent-Length: %d\r\n\r\n" % len(query))
        assert raw.recv(100) == b"HTTP/1.1 100 Continue\r\n\r\n"
        raw.sendall(query)
        answer = closed_by_server(raw)
    assert answer.startswith(b"HTTP/1.1 200 OK\r\n") and answer.endswith(b'"boolean":true}')


QUERY = b"ASK { ?deal a ng:Purchase }"
SPARQL_POST = b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"


@pytest.mark.parametrize(("request_bytes", "status", "reason"), [
    (b"GARBAGE\r\n\r\n", b"400 Bad Request", b"illegal request line"),
    (b"GET / HTTP/1.1\r\nHost: x\r\nBad Header: y\r\n\r\n", b"400 Bad Request", b"illegal header line"),
    (b"GET / HTTP/1.1\r\nHost: x\r\nNo colon\r\n\r\n", b"400 Bad Request", b"illegal header line"),
    (b"GET / HTTP/1.1\r\n\r\n", b"400 Bad Request", b"Host"),
    (b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n", b"400 Bad Request", b"Content-Length"),
    (SPARQL_POST + b"Content-Length: %d\r\nTransfer-Encoding: chunked\r\n\r\n%x\r\n%s\r\n0\r\n\r\n"
     % (len(QUERY), len(QUERY), QUERY), b"400 Bad Request", b"Content-Length or Transfer-Encoding, not both"),
    (SPARQL_POST + b"Transfer-Encoding: chunked\r\n\r\nzz\r\n" + QUERY + b"\r\n0\r\n\r\n", b"400 Bad Request",
     b"chunk"),
    (SPARQL_POST + b"Transfer-Encoding: gzip\r\n\r\n", b"501 Not Implemented", b"chunked"),
    (b"GET / HTTP/2.0\r\nHost: x\r\n\r\n", b"505 HTTP Version Not Supported", b"HTTP/1.1"),
    (b"GET / HTTP/1.1\r\nHost: x\r\n" + b"X: y\r\n" * 100 + b"\r\n", b"431 Request Header Fields Too Large",
     b"100 headers"),
    (b"GET / HTTP/1.1\r\nHost: x\r\nX: " + b"y" * 300_000 + b"\r\n\r\n", b"431 Request Header Fields Too Large",
     b"65536 bytes"),
], ids=["request line", "space in a name", "no colon", "HTTP/1.1 without Host", "bad Content-Length",
        "Content-Length and chunked", "bad chunk size", "unknown transfer coding", "HTTP/2", "too many headers",
        "head too large"])
def test_a_request_the_server_cannot_take_gets_its_reason_in_one_line(server, caplog, request_bytes, status, reason):
    """The status, a one-line reason, the connection closed after it; no traceback, and the server answers on."""
    with socket.create_connection(("127.0.0.1", server.socket.getsockname()[1]), timeout=10) as connection:
        connection.sendall(request_bytes)
        answer = closed_by_server(connection)
    head, _, body = answer.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 " + status + b"\r\n") and b"\r\nConnection: close" in head
    assert reason in body and body.endswith(b"\n") and body.count(b"\n") == 1
    assert ask(server.url) == 200
    assert not [record for record in caplog.records if record.exc_info or record.levelno >= logging.WARNING]


def test_pipelined_requests_are_answered_in_turn_and_http_1_0_is_answered_once(server):
    port = server.socket.getsockname()[1]
    ask_line = b"GET " + ASK.encode() + b" HTTP/1.1\r\nHost: x\r\n\r\n"
    with socket.create_connection(("127.0.0.1", port), timeout=10) as connection:
        connection.sendall(ask_line + SPARQL_POST + b"Content-Length: %d\r\n\r\n%s" % (len(QUERY), QUERY)
                           + b"GET /nirgends HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n" + ask_line)
        answers = closed_by_server(connection)
    # none to the request after the one that asked to close
    assert re.findall(rb"HTTP/1\.1 (\d{3}) ", answers) == [b"200", b"200", b"404"]
    assert answers.count(b'{"head":{},"boolean":true}') == 2 and answers.endswith(b"/sparql\n")
    with socket.create_connection(("127.0.0.1", port), timeout=10) as connection:
        connection.sendall(b"GET " + ASK.encode() + b" HTTP/1.0\r\n\r\n" + ask_line)
        answer = closed_by_server(connection)
    assert answer.startswith(b"HTTP/1.1 200 OK\r\n") and answer.count(b"HTTP/1.1 ") == 1
    assert b"\r\nConnection: close\r\n" in answer and answer.endswith(b'{"head":{},"boolean":true}')


def workers_of(store: Path) -> list[int]:
    """The query worker processes running over ``store`` (Linux: from /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            command = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if str(store).encode() in command and any(b"serve_queries" in part for part in command):
            found.append(int(entry.name))
    return found


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc").is_dir(), reason="finds the query workers in /proc (Linux)")
def test_newsgraph_serve_survives_3000_half_open_connections_dropped_at_once(tmp_path):
    """`newsgraph serve` with its defaults: more half-open connections than its bound, queries
    answered while they are open and right after they are dropped at once, one line in the log for
    each; then SIGTERM while a worker counts a cartesian product: the server exits with 0, its
    workers end too, and the log holds no traceback."""
    wanted = min(3000, resource.getrlimit(resource.RLIMIT_NOFILE)[0] - 100)
    store = tmp_path / "graph"
    with GraphStore(store) as graph:
        graph.replace_article("a1", to_graph(build_extraction("a1")))
    port, log = free_port(), tmp_path / "serve.log"
    process = subprocess.Popen(
        [sys.executable, "-c", "from pipeline.apps.cli import app; app()", "--verbose", "serve", "--store", str(store),
         "--port", str(port)], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=log.open("w"))
    url = f"http://127.0.0.1:{port}"
    ends = ("to make room", "before its request was complete", "no complete request within")
    try:
        deadline = time.monotonic() + 60
        while "SPARQL endpoint" not in log.read_text() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert ask(url, 60) == 200
        connections = half_open(port, wanted)
        try:
            assert ask(url) == 200
        finally:
            drop(connections)
        assert ask(url) == 200
        assert until(lambda: sum(map(log.read_text().count, ends)) == wanted)
        assert workers_of(store)
        busy = socket.create_connection(("127.0.0.1", port), timeout=10)  # a worker counts at SIGTERM
        busy.sendall(b"GET /sparql?" + urllib.parse.urlencode({"query": CARTESIAN}).encode()
                     + b" HTTP/1.1\r\nHost: x\r\n\r\n")
        assert ask(url) == 200
    finally:
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=30) == 0
    assert closed_by_server(busy) == b""
    assert "Traceback" not in log.read_text(), log.read_text()[-3000:]
    assert until(lambda: workers_of(store) == [])


def until(condition, seconds: float = 10) -> bool:
    """Whether ``condition()`` holds within ``seconds``."""
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.1)
    return True


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="finds the query workers in /proc (Linux)")
def test_serve_workers_sets_how_many_queries_run_at_once(tmp_path):
    """`newsgraph serve --workers 3` over an on-disk store runs three query worker processes, and
    `--workers 0` is a mistake told in one line."""
    store = tmp_path / "graph"
    with GraphStore(store) as graph:
        graph.replace_article("a1", to_graph(build_extraction("a1")))
    command = [sys.executable, "-c", "from pipeline.apps.cli import app; app()", "serve", "--store", str(store)]
    refused = subprocess.run([*command, "--workers", "0"], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert refused.returncode == 2 and "--workers" in refused.stderr and "Traceback" not in refused.stderr
    port = free_port()
    process = subprocess.Popen([*command, "--port", str(port), "--workers", "3"], cwd=ROOT,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        assert until(lambda: ask(f"http://127.0.0.1:{port}") == 200 if port_open(port) else False, 60)
        assert until(lambda: len(workers_of(store)) == 3)
    finally:
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=30) == 0
    assert until(lambda: workers_of(store) == [])


def port_open(port: int) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
        return True
    except OSError:
        return False
