"""Server: a read-only SPARQL 1.1 Protocol endpoint over a graph store, with a query page.

``make_server(store)`` answers ``GET /sparql?query=...`` and ``POST /sparql``
(form-encoded or ``application/sparql-query``) with SPARQL JSON, XML, CSV or
TSV results, or Turtle, JSON-LD or N-Triples for CONSTRUCT and DESCRIBE,
chosen by the ``Accept`` header (or ``format=``) and written by pyoxigraph.
It never changes the store: SPARQL Update, in any form, and Graph Store writes
get 403 with a message, and so does a federated query (``SERVICE``), which
would make the server fetch from other hosts.
Every query runs under ``Limits``: after ``timeout`` seconds the client gets
503 with a message and the evaluation is stopped (over an on-disk store by
ending the worker process that ran it; see ``SparqlServer``), and at
most ``row_limit`` rows or triples are sent, the response saying so in a
``Newsgraph-Truncated`` header (and in the body where the format allows).
``GET /`` is a small HTML page that runs queries, with the saved queries as
examples.

The HTTP side is one asyncio event loop over the standard library's streams,
with h11 (the HTTP/1.1 state machine under httpx and uvicorn) reading requests
and framing answers: two routes need no framework, and a connection waiting
for its request costs a few kilobytes, not a thread. What a public endpoint
must survive is bounded there: at most ``MAX_CONNECTIONS`` open
connections (at the bound, the one that has waited longest for its request is
dropped to make room, so that clients that send their request at once are
still answered), ``REQUEST_TIMEOUT`` seconds to send a request, ``SEND_TIMEOUT``
to take in an answer, and a client that goes away is one line in the log
(at INFO level, with the requests). A deployment that needs more puts
Oxigraph, Fuseki, QLever or Virtuoso behind ``--store`` instead.
"""

from __future__ import annotations

import asyncio
import email.utils
import html
import io
import json
import logging
import os
import pickle
import resource
import signal
import socket
import struct
import sys
import threading
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from http import HTTPStatus
from pathlib import Path
from typing import BinaryIO, Callable

import h11
import pyoxigraph as ox

from pipeline.core.errors import NewsgraphError, QuerySyntaxError, UpdateNotAllowedError
from pipeline.graph.saved_queries import saved_queries
from pipeline.graph.store import GraphStore, OxigraphStore, sparql_keywords
from pipeline.graph.triples import PREFIXES

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 7878
SPARQL_PATH = "/sparql"
MAX_REQUEST_BYTES = 1_000_000  # a request's body
MAX_HEAD_BYTES = 65_536  # a request's line and its headers, together
MAX_HEADERS = 100
#: Queries evaluated at once: one per core this process may use, at least two (so that one slow query
#: leaves the endpoint answering). More than the cores cost CPU and bought nothing: on two cores, four
#: worker processes took 28.1 ms of CPU per query and two 24.7 and 26.3 in two runs (``benchmarks/endpoint.py``).
QUERY_WORKERS = max(2, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 2)
#: Open connections at most (fewer where the process may open fewer than twice as many files).
MAX_CONNECTIONS = 1000
#: Seconds a client has to send a whole request, from when its connection opened or its last answer was sent.
REQUEST_TIMEOUT = 10.0
#: Seconds a client has to take in an answer.
SEND_TIMEOUT = 60.0

_SPARQL_JSON = "application/sparql-results+json"
_SPARQL_XML = "application/sparql-results+xml"
#: What pyoxigraph writes SELECT and ASK results in, the first the default.
_RESULTS_FORMATS = {
    _SPARQL_JSON: ox.QueryResultsFormat.JSON,
    _SPARQL_XML: ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}
#: What pyoxigraph writes CONSTRUCT and DESCRIBE results in, the first the default.
_GRAPH_FORMATS = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
}
#: Media types per result kind ("select" stands for ASK too); ``format=`` short names map onto them.
_RESULT_TYPES = {"select": tuple(_RESULTS_FORMATS), "graph": tuple(_GRAPH_FORMATS)}
_ALIASES = {"application/json": (_SPARQL_JSON, "application/ld+json"), "application/xml": (_SPARQL_XML,)}
_FORMAT_NAMES = {
    "json": (_SPARQL_JSON, "application/ld+json"), "xml": (_SPARQL_XML,), "csv": ("text/csv",),
    "tsv": ("text/tab-separated-values",), "turtle": ("text/turtle",), "jsonld": ("application/ld+json",),
    "json-ld": ("application/ld+json",), "ntriples": ("application/n-triples",),
}
_READ_ONLY = (
    "This SPARQL endpoint is read-only: updates are refused. "
    "Change the graph with `newsgraph ingest` or `newsgraph remove`."
)
_TEXT = "text/plain; charset=utf-8"
_TOO_LARGE = f"Requests are limited to {MAX_REQUEST_BYTES} bytes"
_CHUNK = 65_536  # bytes read from a client at a time

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Limits:
    """Per-query limits: seconds until a query is given up, rows (or triples) sent at most."""

    timeout: float = 10.0
    row_limit: int = 10_000


@dataclass
class _Answer:
    """A query's answer as written for the client: ``body`` in ``media_type``, or both None when
    the client accepts none of the media types of the answer's ``kind``."""

    kind: str  # "ask", "select" or "graph"
    media_type: str | None
    body: bytes | None
    truncated: bool = False


class QueryTimeout(Exception):
    """A query ran past ``Limits.timeout``."""


@dataclass
class _Request:
    method: str
    target: str
    version: str  # "1.1" or "1.0"
    headers: dict[str, str]  # names in lower case, a repeated header's values joined by commas
    body: bytes = b""

    @property
    def line(self) -> str:
        return f"{self.method} {self.target} HTTP/{self.version}"

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").partition(";")[0].strip().lower()


@dataclass
class _Response:
    status: HTTPStatus
    content_type: str
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)
    closes: bool = False  # the connection ends after it


def _error(status: HTTPStatus, message: str, headers: dict[str, str] | None = None, *,
           closes: bool = False) -> _Response:
    return _Response(status, _TEXT, (message + "\n").encode("utf-8"), headers or {}, closes)


class _BadRequest(Exception):
    """A request the server cannot read or will not take; ``response`` says why, and the connection
    ends after it."""

    def __init__(self, status: HTTPStatus, message: str):
        super().__init__(message)
        self.response = _error(status, message, closes=True)


class _ClientGone(Exception):
    """The client closed its connection while the server waited for (more of) a request."""


@dataclass(eq=False)
class _Connection:
    writer: asyncio.StreamWriter
    peer: str
    handler: asyncio.Task
    protocol: h11.Connection  # the connection's HTTP state: what was read of the request, what may be sent
    waiting_since: float | None = None  # loop time since when it waits for a request; None while answering
    dropped: bool = False  # given up by the server (to make room, or it stopped taking in answers): reset, not closed


class SparqlServer:
    """The HTTP server, bound on construction; ``url`` is its address, ``serve_forever`` runs it
    until ``shutdown`` (from another thread), SIGTERM or SIGINT, and ``server_close`` releases the port.

    Queries run on ``query_workers`` workers. Over an on-disk store the workers
    are processes with read-only handles on the store directory (compacted first,
    so that no background compaction removes a file under them), and a query past
    its time is stopped by ending its process: Oxigraph cannot be interrupted
    inside one step of an evaluation (a large sort or aggregation; its own
    server's timeout does not stop one either), and a thread busy in one would
    be lost to the server for good. A worker writes the answer out where it is
    evaluated and sends back the bytes of the response body. Over a store in
    memory or on a remote server the workers are threads, and a query is given
    up at its next result (SELECT: at the next block of results pyoxigraph writes).
    """

    def __init__(self, store: GraphStore, host: str, port: int, limits: Limits, *,
                 max_connections: int = MAX_CONNECTIONS, request_timeout: float = REQUEST_TIMEOUT,
                 query_workers: int = QUERY_WORKERS):
        self.socket = socket.create_server((host, port), backlog=1024)
        self.store = store
        self.limits = limits
        self.max_connections = min(max_connections, _connections_allowed())
        self.request_timeout = request_timeout
        self.query_workers = query_workers
        self.page = _query_page(limits).encode("utf-8")
        self._path = getattr(store, "path", None)
        try:
            if self._path is not None:
                store.compact()
        except BaseException:
            self.socket.close()
            raise
        self._open: set[_Connection] = set()
        self._waiting: dict[_Connection, None] = {}  # in the order they began to wait
        self._workers: _QueryProcesses | _QueryThreads | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stop: asyncio.Event | None = None
        self._stop_requested = threading.Event()
        self._stopped = threading.Event()
        self._stopped.set()

    @property
    def url(self) -> str:
        host, port = self.socket.getsockname()[:2]
        return f"http://{host}:{port}"

    def serve_forever(self) -> None:
        self._stopped.clear()
        try:
            asyncio.run(self._serve())
        finally:
            self._stop_requested.clear()
            self._stopped.set()

    def shutdown(self) -> None:
        """Stop ``serve_forever`` (called from another thread) and wait until it has returned."""
        self._stop_requested.set()
        loop, stop = self._loop, self._stop
        if loop is not None and stop is not None:
            try:
                loop.call_soon_threadsafe(stop.set)
            except RuntimeError:  # the loop has closed: serve_forever is returning
                pass
        self._stopped.wait()

    def server_close(self) -> None:
        self.socket.close()

    async def _serve(self) -> None:
        self._loop, self._stop = asyncio.get_running_loop(), asyncio.Event()
        if self._stop_requested.is_set():
            return
        if threading.current_thread() is threading.main_thread():
            for signum in (signal.SIGTERM, signal.SIGINT):
                self._loop.add_signal_handler(signum, self._stop.set)
        self._workers = (_QueryProcesses(self._path, self.query_workers) if self._path is not None
                         else _QueryThreads(self.store, self.query_workers))
        server = await asyncio.start_server(self._serve_connection, sock=self.socket)
        try:
            await self._stop.wait()
        finally:
            server.close()
            handlers = [connection.handler for connection in self._open]
            for handler in handlers:
                handler.cancel()
            await asyncio.gather(*handlers, return_exceptions=True)
            await self._workers.close()

    async def _serve_connection(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        """Answer the requests of one connection until it closes, times out or asks to close."""
        host, port = (writer.get_extra_info("peername") or ("?", 0))[:2]
        connection = _Connection(writer, f"{host}:{port}", asyncio.current_task(),
                                 h11.Connection(h11.SERVER, max_incomplete_event_size=MAX_HEAD_BYTES))
        if not self._make_room(connection):
            writer.close()
            return
        self._open.add(connection)
        try:
            while await self._serve_request(connection, reader):
                pass
        except asyncio.CancelledError:  # the server stops (Python 3.11's streams would log a task ending cancelled)
            connection.dropped = True
        except Exception:  # a fault of the server's own, not the client's: worth a traceback
            logger.exception("%s: the connection failed", connection.peer)
        finally:
            self._open.discard(connection)
            self._waiting.pop(connection, None)
            if connection.dropped:
                writer.transport.abort()
            else:
                writer.close()

    def _make_room(self, connection: _Connection) -> bool:
        """Whether ``connection`` may be served: below the bound, or once the connection that has
        waited longest for its request is dropped. If every open connection is being answered it is
        refused with 503."""
        if len(self._open) < self.max_connections:
            return True
        oldest = next(iter(self._waiting), None)
        if oldest is None:
            logger.info("%s: refused, %d connections are open and all are being answered", connection.peer,
                        len(self._open))
            response = _error(HTTPStatus.SERVICE_UNAVAILABLE, "Too many connections; try again shortly",
                              {"Retry-After": "1"}, closes=True)
            connection.writer.writelines(_encode(connection.protocol, response))
            return False
        del self._waiting[oldest]
        oldest.dropped = True
        oldest.writer.transport.abort()
        logger.info("%s: dropped after waiting %.1f s for a request, to make room (%d connections open)",
                    oldest.peer, self._loop.time() - oldest.waiting_since, len(self._open))
        return True

    async def _serve_request(self, connection: _Connection, reader: asyncio.StreamReader) -> bool:
        """Read one request and send its answer; whether the connection stays open for another."""
        connection.waiting_since = self._loop.time()
        self._waiting[connection] = None
        try:
            async with asyncio.timeout(self.request_timeout):
                request = await _read_request(connection, reader)
        except TimeoutError:
            if _request_begun(connection.protocol):  # else silent since its last answer: closed quietly
                logger.info("%s: no complete request within %g s; closed", connection.peer, self.request_timeout)
                await self._send(connection, _error(HTTPStatus.REQUEST_TIMEOUT, "No complete request within "
                                                    f"{self.request_timeout:g} s", closes=True))
            return False
        except _ClientGone:
            if _request_begun(connection.protocol) and not connection.dropped:  # else closed between requests
                logger.info("%s: the client closed the connection before its request was complete", connection.peer)
            return False
        except _BadRequest as problem:
            if await self._send(connection, problem.response):
                await _discard_rest(reader, connection.writer)
            return False
        finally:
            self._waiting.pop(connection, None)
            connection.waiting_since = None
        try:
            response = await self._respond(request)
        except Exception:  # a fault of the server's own: the client hears of it, the log gets the traceback
            logger.exception("%s: %s failed", connection.peer, request.line)
            response = _error(HTTPStatus.INTERNAL_SERVER_ERROR, "The server failed to answer; see its log")
        sent = await self._send(connection, response, head_only=request.method == "HEAD")
        logger.info('%s "%s" %d %d', connection.peer, request.line, response.status, len(response.body))
        if not sent or connection.protocol.our_state is not h11.DONE:  # MUST_CLOSE: HTTP/1.0 or Connection: close
            return False
        connection.protocol.start_next_cycle()
        return True

    async def _send(self, connection: _Connection, response: _Response, *, head_only: bool = False) -> bool:
        """Write ``response``; whether the client took it in (within ``SEND_TIMEOUT``)."""
        try:
            connection.writer.writelines(_encode(connection.protocol, response, head_only))
            async with asyncio.timeout(SEND_TIMEOUT):
                await connection.writer.drain()
        except TimeoutError:
            logger.info("%s: the client did not take in the answer within %g s; closed", connection.peer,
                        SEND_TIMEOUT)
            connection.dropped = True
            return False
        except ConnectionError:
            logger.info("%s: the client closed the connection before the answer was sent", connection.peer)
            connection.dropped = True
            return False
        return True

    async def _respond(self, request: _Request) -> _Response:
        path, _, query_string = request.target.partition("?")
        method = "GET" if request.method == "HEAD" else request.method  # HEAD: the same, without the body
        if method == "GET" and path == "/":
            return _Response(HTTPStatus.OK, "text/html; charset=utf-8", self.page)
        if method == "GET" and path == SPARQL_PATH:
            return await self._answer(urllib.parse.parse_qs(query_string), request.headers.get("accept", ""))
        if method == "GET":
            return _error(HTTPStatus.NOT_FOUND, f"Nothing at {path}; the SPARQL endpoint is {SPARQL_PATH}")
        if method in ("PUT", "DELETE", "PATCH") or (method == "POST" and path != SPARQL_PATH):
            return _error(HTTPStatus.FORBIDDEN, _READ_ONLY)
        if method != "POST":
            return _error(HTTPStatus.NOT_IMPLEMENTED, f"Unsupported method ({request.method!r})")
        params = urllib.parse.parse_qs(query_string)
        content_type, body = request.content_type, request.body.decode("utf-8", "replace")
        if content_type == "application/sparql-update":
            return _error(HTTPStatus.FORBIDDEN, _READ_ONLY)
        if content_type == "application/sparql-query":
            params["query"] = [body]
        elif content_type == "application/x-www-form-urlencoded":
            params.update(urllib.parse.parse_qs(body))
        else:
            return _error(HTTPStatus.UNSUPPORTED_MEDIA_TYPE,
                          "Send application/sparql-query or application/x-www-form-urlencoded")
        return await self._answer(params, request.headers.get("accept", ""))

    async def _answer(self, params: dict[str, list[str]], accept: str) -> _Response:
        if "update" in params:
            return _error(HTTPStatus.FORBIDDEN, _READ_ONLY)
        if len(params.get("query", [])) != 1:
            return _error(HTTPStatus.BAD_REQUEST, "Give exactly one query (query=...)")
        if "default-graph-uri" in params or "named-graph-uri" in params:
            return _error(HTTPStatus.BAD_REQUEST, "default-graph-uri and named-graph-uri are not supported; "
                                                  "use FROM or GRAPH in the query")
        text = params["query"][0]
        if "SERVICE" in sparql_keywords(text):
            return _error(HTTPStatus.FORBIDDEN, "SERVICE (a federated query) is not allowed: this endpoint "
                                                "answers from its own store and fetches nothing from other hosts")
        limits = self.limits
        wanted = params.get("format", [None])[0]
        media_types = {kind: _negotiate(kind, accept, wanted) for kind in _RESULT_TYPES}
        try:
            answer = await self._workers.run(text, limits.row_limit, media_types, self._loop.time() + limits.timeout)
        except QueryTimeout:
            return _error(HTTPStatus.SERVICE_UNAVAILABLE,
                          f"Query timed out after {limits.timeout:g} s (this endpoint's per-query timeout)",
                          {"Newsgraph-Timeout": f"{limits.timeout:g}"})
        except UpdateNotAllowedError:
            return _error(HTTPStatus.FORBIDDEN, _READ_ONLY)
        except QuerySyntaxError as error:
            return _error(HTTPStatus.BAD_REQUEST, str(error))
        except NewsgraphError as error:
            return _error(HTTPStatus.INTERNAL_SERVER_ERROR, str(error))
        if answer.body is None:
            offered = ", ".join(_RESULT_TYPES["graph" if answer.kind == "graph" else "select"])
            return _error(HTTPStatus.NOT_ACCEPTABLE, f"Can answer this query as {offered}")
        headers = {}
        if answer.truncated:
            headers["Newsgraph-Truncated"] = f"row limit of {limits.row_limit} reached; more results were not sent"
        return _Response(HTTPStatus.OK, f"{answer.media_type}; charset=utf-8", answer.body, headers)


def _connections_allowed() -> int:
    """Half the files this process may open: each connection is one, and the store and workers need some."""
    soft = resource.getrlimit(resource.RLIMIT_NOFILE)[0]
    return MAX_CONNECTIONS if soft == resource.RLIM_INFINITY or soft <= 0 else soft // 2


def make_server(
    store: GraphStore, *, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, limits: Limits = Limits(),
    max_connections: int = MAX_CONNECTIONS, request_timeout: float = REQUEST_TIMEOUT,
    query_workers: int | None = None,
) -> SparqlServer:
    """A server bound to ``host:port`` (port 0: a free one), evaluating ``query_workers`` queries at once
    (default ``QUERY_WORKERS``); call ``serve_forever`` to run it.

    Raises ``OSError`` when the address is taken.
    """
    return SparqlServer(store, host, port, limits, max_connections=max_connections, request_timeout=request_timeout,
                        query_workers=query_workers or QUERY_WORKERS)


# HTTP/1.1 messages: h11 reads and frames them; newsgraph sets the limits.

async def _read_request(connection: _Connection, reader: asyncio.StreamReader) -> _Request:
    """The next request on ``connection``, if the server takes it: HTTP/1.x (else 505), at most
    ``MAX_HEADERS`` headers (else 431), a body of at most ``MAX_REQUEST_BYTES`` (else 413), and
    not framed both by ``Content-Length`` and chunked (else 400: where two readers disagree on the
    end of a body, a request can be smuggled past one). A client that sent ``Expect: 100-continue``
    is told to go on once the head is taken. Raises ``_BadRequest`` or ``_ClientGone``."""
    protocol = connection.protocol
    head = await _next_event(protocol, reader)
    version = head.http_version.decode("latin-1")
    if not version.startswith("1."):
        raise _BadRequest(HTTPStatus.HTTP_VERSION_NOT_SUPPORTED, f"This server speaks HTTP/1.1, not HTTP/{version}")
    if len(head.headers) > MAX_HEADERS:
        raise _BadRequest(HTTPStatus.REQUEST_HEADER_FIELDS_TOO_LARGE,
                          f"A request may have {MAX_HEADERS} headers at most")
    headers: dict[str, str] = {}
    for name, value in head.headers:
        name, value = name.decode("latin-1"), value.decode("latin-1")
        headers[name] = f"{headers[name]}, {value}" if name in headers else value
    request = _Request(head.method.decode("latin-1"), head.target.decode("latin-1"), version, headers)
    if "content-length" in headers and "transfer-encoding" in headers:
        raise _BadRequest(HTTPStatus.BAD_REQUEST, "Send Content-Length or Transfer-Encoding, not both")
    if int(headers.get("content-length", 0)) > MAX_REQUEST_BYTES:
        raise _BadRequest(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, _TOO_LARGE)
    if protocol.they_are_waiting_for_100_continue:
        go_on = h11.InformationalResponse(status_code=100, headers=[], reason=b"Continue")
        connection.writer.write(protocol.send(go_on))
    body = bytearray()
    while type(event := await _next_event(protocol, reader)) is h11.Data:
        body += event.data
        if len(body) > MAX_REQUEST_BYTES:
            raise _BadRequest(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, _TOO_LARGE)
    request.body = bytes(body)
    return request


async def _next_event(protocol: h11.Connection, reader: asyncio.StreamReader):
    """The next part of a request that h11 reads from the client: its head, a piece of its body, or its end.
    Raises ``_BadRequest`` where h11 finds the request malformed, ``_ClientGone`` when the client closes."""
    while True:
        try:
            event = protocol.next_event()
        except h11.RemoteProtocolError as error:
            if error.error_status_hint == HTTPStatus.REQUEST_HEADER_FIELDS_TOO_LARGE:
                raise _BadRequest(HTTPStatus.REQUEST_HEADER_FIELDS_TOO_LARGE,
                                  f"A request's line and headers are limited to {MAX_HEAD_BYTES} bytes") from None
            raise _BadRequest(HTTPStatus(error.error_status_hint), f"Bad request: {str(error)[:200]}") from None
        if event is not h11.NEED_DATA:
            return event
        try:
            data = await reader.read(_CHUNK)
        except ConnectionError:
            data = b""
        if not data:
            raise _ClientGone
        protocol.receive_data(data)


def _request_begun(protocol: h11.Connection) -> bool:
    """Whether any of the next request has come in on ``protocol``'s connection."""
    return protocol.their_state is not h11.IDLE or bool(protocol.trailing_data[0])


async def _discard_rest(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    """Read and drop what the client still sends after the answer to a request that was not read
    to its end (a body over the limit, say), for a few seconds or ``4 * MAX_REQUEST_BYTES`` at most: a
    connection closed with unread data is reset, and the client would lose the answer."""
    received = 0
    try:
        writer.write_eof()
        async with asyncio.timeout(2):
            while received < 4 * MAX_REQUEST_BYTES and (data := await reader.read(_CHUNK)):
                received += len(data)
    except (TimeoutError, ConnectionError):
        pass


def _encode(protocol: h11.Connection, response: _Response, head_only: bool = False) -> list[bytes]:
    """The bytes of ``response`` (its head only, for HEAD) as h11 frames it on ``protocol``, in pieces
    to write out: HTTP/1.1, the version a server that speaks it answers every HTTP/1.x client in, with
    ``Connection: close`` when the response closes the connection or the request asked for it."""
    headers = [("Server", "newsgraph"), ("Date", email.utils.formatdate(usegmt=True)),
               ("Content-Type", response.content_type), ("Content-Length", str(len(response.body))),
               ("Access-Control-Allow-Origin", "*"), *response.headers.items()]
    if response.closes:
        headers.append(("Connection", "close"))
    pieces = [protocol.send(h11.Response(status_code=response.status.value, reason=response.status.phrase,
                                         headers=headers))]
    if not head_only:
        pieces.append(protocol.send(h11.Data(data=response.body)))
    pieces.append(protocol.send(h11.EndOfMessage()))
    return pieces


# Query workers: processes over an on-disk store, threads otherwise. Both give back an ``_Answer`` or
# raise ``QueryTimeout``, ``UpdateNotAllowedError``, ``QuerySyntaxError`` or ``NewsgraphError``.

def _outcome(evaluate: Callable[[], _Answer]) -> tuple[str, object]:
    """("answer", the answer) of ``evaluate()``, or ("update" | "syntax" | "error", a message)."""
    try:
        return "answer", evaluate()
    except UpdateNotAllowedError as error:
        return "update", str(error)
    except QuerySyntaxError as error:
        return "syntax", str(error)
    except Exception as error:  # sent back as a 500 with the message; the worker goes on
        return "error", str(error) if isinstance(error, NewsgraphError) else f"{type(error).__name__}: {error}"


def _answer_of(outcome: str, payload) -> _Answer:
    if outcome == "answer":
        return payload
    raise {"update": UpdateNotAllowedError, "syntax": QuerySyntaxError}.get(outcome, NewsgraphError)(payload)


class _QueryThreads:
    """Threads of the server process, for a store in memory or on a remote server."""

    def __init__(self, store: GraphStore, count: int):
        self._store = store
        self._threads = ThreadPoolExecutor(max_workers=count, thread_name_prefix="sparql")

    async def run(self, text: str, row_limit: int, media_types: dict[str, str | None], deadline: float) -> _Answer:
        cancelled = threading.Event()
        evaluate = lambda: _run_query(self._store, text, row_limit, media_types, cancelled)  # noqa: E731
        future = asyncio.get_running_loop().run_in_executor(self._threads, _outcome, evaluate)
        try:
            async with asyncio.timeout_at(deadline):
                return _answer_of(*await future)
        except TimeoutError:
            cancelled.set()
            raise QueryTimeout from None

    async def close(self) -> None:
        self._threads.shutdown(wait=False, cancel_futures=True)


@dataclass(eq=False)
class _Worker:
    process: asyncio.subprocess.Process

    async def send(self, message) -> None:
        self.process.stdin.write(_framed(message))
        await self.process.stdin.drain()

    async def receive(self):
        (size,) = _LENGTH.unpack(await self.process.stdout.readexactly(_LENGTH.size))
        return pickle.loads(await self.process.stdout.readexactly(size))


class _QueryProcesses:
    """Worker processes, each evaluating one query at a time over a read-only store handle.

    A worker is a new interpreter that imports this module only (not the command line and what it
    loads), in a session of its own so that Ctrl-C in a terminal reaches the server alone, which
    ends its workers. Requests and answers go through its stdin and stdout as pickles, each after
    its length."""

    def __init__(self, path: Path, count: int):
        self._path = str(path)
        self._idle: asyncio.Queue[_Worker] = asyncio.Queue()  # workers that have opened the store
        self._all: set[_Worker] = set()
        self._closed = False
        self._tasks: set[asyncio.Task] = set()
        for _ in range(count):
            self._start()

    async def run(self, text: str, row_limit: int, media_types: dict[str, str | None], deadline: float) -> _Answer:
        try:
            async with asyncio.timeout_at(deadline):
                worker = await self._idle.get()
        except TimeoutError:
            raise QueryTimeout from None
        try:
            async with asyncio.timeout_at(deadline):
                await worker.send((text, row_limit, media_types))
                outcome, payload = await worker.receive()
        except asyncio.CancelledError:  # the server stops; close() waits for the worker to end
            _end(worker.process)
            raise
        except BaseException as problem:  # past its time or gone: the worker is replaced
            self._replace(worker)
            if isinstance(problem, TimeoutError):
                raise QueryTimeout from None
            if isinstance(problem, (asyncio.IncompleteReadError, ConnectionError)):
                raise NewsgraphError("The query worker stopped; it has been restarted") from None
            raise
        self._idle.put_nowait(worker)
        return _answer_of(outcome, payload)

    async def close(self) -> None:
        """End every worker, and wait (a few seconds at most) until they have ended."""
        self._closed = True
        for task in self._tasks:
            task.cancel()
        processes = [worker.process for worker in self._all]
        self._all.clear()
        for process in processes:
            _end(process)
        if processes:
            await asyncio.wait([asyncio.ensure_future(process.wait()) for process in processes], timeout=5)

    def _start(self) -> None:
        """Start a worker; it joins the idle ones once it has opened the store."""
        if self._closed:
            return
        task = asyncio.get_running_loop().create_task(self._start_worker())
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _start_worker(self) -> None:
        package = str(Path(__file__).resolve().parents[2])
        environment = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, (package,
                                                                                  os.environ.get("PYTHONPATH"))))}
        try:
            process = await asyncio.create_subprocess_exec(
                sys.executable, "-c", "from pipeline.apps.server import serve_queries; serve_queries()", self._path,
                stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE, env=environment,
                start_new_session=True, limit=1 << 20)
        except OSError as error:
            logger.error("A SPARQL query worker could not be started: %s", error)
            return
        worker = _Worker(process)
        self._all.add(worker)
        try:
            await worker.receive()
        except (asyncio.IncompleteReadError, ConnectionError):
            logger.error("A SPARQL query worker could not open %s", self._path)
            self._all.discard(worker)
            return
        if self._closed:
            _end(process)
        else:
            self._idle.put_nowait(worker)

    def _replace(self, worker: _Worker) -> None:
        _end(worker.process)
        self._all.discard(worker)
        self._start()


def _end(process: asyncio.subprocess.Process) -> None:
    if process.returncode is None:
        try:
            process.kill()  # the event loop's child watcher reaps it
        except ProcessLookupError:
            pass


def serve_queries() -> None:
    """A query worker process's loop over the store directory ``sys.argv[1]``: requests (query,
    row limit, media types) on stdin, ``_outcome``s on stdout; it ends when the server closes stdin."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    requests, answers = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr  # nothing else may write into the answers' pipe
    store = OxigraphStore(sys.argv[1], read_only=True)
    try:
        _write_message(answers, ("ready", None))
        while (request := _read_message(requests)) is not None:
            text, row_limit, media_types = request
            _write_message(answers, _outcome(lambda: _run_query(store, text, row_limit, media_types)))
    except OSError:  # the server is gone
        pass


_LENGTH = struct.Struct(">Q")  # of each message between the server and a worker, before its pickle


def _framed(message) -> bytes:
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    return _LENGTH.pack(len(data)) + data


def _write_message(output: BinaryIO, message) -> None:
    output.write(_framed(message))
    output.flush()


def _read_message(source: BinaryIO):
    """The next message, or None at the end of ``source``."""
    header = source.read(_LENGTH.size)
    if len(header) < _LENGTH.size:
        return None
    (size,) = _LENGTH.unpack(header)
    data = source.read(size)
    return pickle.loads(data) if len(data) == size else None


# Answers: pyoxigraph writes them; newsgraph cuts them at the row limit and says so.

def _run_query(store: GraphStore, text: str, row_limit: int, media_types: dict[str, str | None],
               cancelled: threading.Event | None = None) -> _Answer:
    """Evaluate ``text`` and write its first ``row_limit`` rows (or triples) in
    ``media_types["select"]`` (SELECT, ASK) or ``media_types["graph"]`` (CONSTRUCT, DESCRIBE),
    stopping early once ``cancelled`` is set. pyoxigraph writes the results; newsgraph adds the
    row-limit notice where the format has room for one (``_with_notice``)."""
    result = store.execute(text)
    kind = ("ask" if isinstance(result, ox.QueryBoolean) else
            "select" if isinstance(result, ox.QuerySolutions) else "graph")
    media_type = media_types["graph" if kind == "graph" else "select"]
    if media_type is None:
        return _Answer(kind, None, None)
    if kind == "ask":
        return _Answer(kind, media_type, result.serialize(format=_RESULTS_FORMATS[media_type]))
    if kind == "select":
        body, truncated = _first_solutions(result, row_limit, _RESULTS_FORMATS[media_type], cancelled)
    else:
        triples, truncated = [], False
        for triple in result:
            if cancelled is not None and cancelled.is_set():
                break
            if len(triples) == row_limit:
                truncated = True
                break
            triples.append(triple)
        output = io.BytesIO()
        ox.serialize(triples, output, _GRAPH_FORMATS[media_type], prefixes={k: str(v) for k, v in PREFIXES.items()})
        body = output.getvalue()
    return _Answer(kind, media_type, _with_notice(body, media_type, row_limit) if truncated else body, truncated)


class _Enough(Exception):
    """Raised into pyoxigraph's writer to stop it: the rows wanted are written, or the query was given up."""


class _FirstLines:
    """A binary file that keeps the first ``wanted`` lines written to it; a byte past them (``more``)
    or a set ``cancelled`` stops the writer with ``_Enough``."""

    def __init__(self, wanted: int, cancelled: threading.Event | None):
        self.data = bytearray()
        self.more = False
        self._wanted = wanted
        self._lines = 0
        self._cancelled = cancelled

    def write(self, chunk: bytes) -> int:
        if self._cancelled is not None and self._cancelled.is_set():
            raise _Enough
        lines = chunk.count(b"\n")
        if self._lines + lines < self._wanted:
            self.data += chunk
            self._lines += lines
            return len(chunk)
        end = 0  # of the wanted lines within the chunk
        while self._lines < self._wanted:
            end = chunk.index(b"\n", end) + 1
            self._lines += 1
        self.data += chunk[:end]
        if end < len(chunk):
            self.more = True
            raise _Enough
        return len(chunk)

    def flush(self) -> None:
        pass


def _first_solutions(solutions: ox.QuerySolutions, row_limit: int, results_format: ox.QueryResultsFormat,
                     cancelled: threading.Event | None) -> tuple[bytes, bool]:
    """The first ``row_limit`` of ``solutions`` written in ``results_format``, and whether there were more.

    pyoxigraph writes all of the solutions it is given, so they are first written as SPARQL TSV,
    one line per solution (the format escapes line breaks in literals), until a line past the
    limit begins; those lines are read back and written in ``results_format``. (Both steps are
    Rust; on answers of a thousand rows they cost about a millisecond, against tens for the query.)"""
    lines = _FirstLines(row_limit + 1, cancelled)  # the header, then a line per solution
    try:
        solutions.serialize(lines, ox.QueryResultsFormat.TSV)
    except Exception:  # _Enough, as raised or as pyoxigraph passes it on, or a failure of the query
        if cancelled is not None and cancelled.is_set():
            return b"", False  # given up: nobody waits for the answer
        if not lines.more:
            raise
    tsv = bytes(lines.data)
    if results_format == ox.QueryResultsFormat.TSV:
        return tsv, lines.more
    return ox.parse_query_results(tsv, ox.QueryResultsFormat.TSV).serialize(format=results_format), lines.more


def _with_notice(body: bytes, media_type: str, row_limit: int) -> bytes:
    """``body`` stating that the row limit cut it, where its format has room that standard readers
    skip: a top-level ``newsgraph`` member in SPARQL JSON, a comment in SPARQL XML, Turtle and
    N-Triples. (CSV, TSV and JSON-LD have none; the ``Newsgraph-Truncated`` header says it for all.)"""
    notice = f"newsgraph: row limit of {row_limit} reached; more results were not sent"
    if media_type == _SPARQL_JSON:
        member = json.dumps({"truncated": True, "rowLimit": row_limit, "message": notice}, separators=(",", ":"))
        return body.rstrip()[:-1] + f',"newsgraph":{member}}}'.encode("utf-8")  # the object's last "}" moves
    if media_type == _SPARQL_XML:
        comment = f"<!-- {notice} -->".encode("utf-8")
        declaration, found, rest = body.partition(b"?>")
        return declaration + found + comment + rest if body.startswith(b"<?xml") and found else comment + body
    if media_type in ("text/turtle", "application/n-triples"):
        return f"# {notice}\n".encode("utf-8") + body
    return body


def _negotiate(kind: str, accept: str, wanted: str | None) -> str | None:
    """The media type to answer a ``kind`` of query in ("select" or "graph", see ``_RESULT_TYPES``):
    a known ``format=`` first, else the best of ``Accept``, else the default; None if none is acceptable."""
    offered = _RESULT_TYPES[kind]
    if wanted in _FORMAT_NAMES:
        return next((media for media in _FORMAT_NAMES[wanted] if media in offered), None)
    ranges = []
    for position, part in enumerate(accept.split(",")):
        media, *options = (piece.strip() for piece in part.split(";"))
        quality = next((float(option[2:]) for option in options if option.startswith("q=")), 1.0)
        if media and quality > 0:
            ranges.append((-quality, position, media.lower()))
    if not ranges:
        return offered[0]
    for _, _, media in sorted(ranges):
        if media == "*/*":
            return offered[0]
        if media.endswith("/*"):
            match = next((type_ for type_ in offered if type_.startswith(media[:-1])), None)
        else:
            match = next((type_ for type_ in _ALIASES.get(media, (media,)) if type_ in offered), None)
        if match:
            return match
    return None


def _query_page(limits: Limits) -> str:
    examples = [
        {"name": query.name, "title": query.title, "description": query.description, "query": query.example()}
        for query in saved_queries().values()
    ]
    # "</" inside the JSON would end the script element early.
    examples_json = json.dumps(examples, ensure_ascii=False).replace("</", "<\\/")
    prefixes = html.escape(", ".join(f"{prefix}:" for prefix in PREFIXES))
    return _PAGE.format(
        examples=examples_json, prefixes=prefixes, timeout=f"{limits.timeout:g}", row_limit=limits.row_limit,
        endpoint=SPARQL_PATH,
    )


_PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>newsgraph SPARQL</title>
<style>
  body {{ font-family: system-ui, sans-serif; margin: 1.5rem; max-width: 80rem; }}
  textarea {{ width: 100%; height: 16rem; font-family: ui-monospace, monospace; font-size: 0.9rem; }}
  table {{ border-collapse: collapse; margin-top: 1rem; font-size: 0.9rem; }}
  th, td {{ border: 1px solid #ccc; padding: 0.25rem 0.5rem; text-align: left; vertical-align: top; }}
  #status {{ margin-top: 0.75rem; }}
  .error {{ color: #a00; white-space: pre-wrap; }}
  pre {{ background: #f6f6f6; padding: 0.5rem; overflow: auto; }}
</style>
</head>
<body>
<h1>newsgraph SPARQL endpoint</h1>
<p>Read-only SPARQL 1.1 over the merged graph of all articles, at <code>{endpoint}</code>.
Predeclared prefixes: {prefixes}. Each query may run {timeout} s and returns at most {row_limit} rows.</p>
<label for="example">Example:</label>
<select id="example"><option value="">(choose a saved query)</option></select>
<p id="description"></p>
<textarea id="query" spellcheck="false">SELECT ?type (COUNT(?event) AS ?events) WHERE {{
  ?event a ?type ; ng:sourceArticle ?article .
}} GROUP BY ?type ORDER BY DESC(?events)</textarea>
<p><button id="run" type="button">Run query</button></p>
<div id="status" role="status"></div>
<div id="results"></div>
<script type="application/json" id="examples">{examples}</script>
<script>
const examples = JSON.parse(document.getElementById("examples").textContent);
const select = document.getElementById("example");
const queryBox = document.getElementById("query");
const status = document.getElementById("status");
const results = document.getElementById("results");
for (const example of examples) {{
  const option = document.createElement("option");
  option.value = example.name;
  option.textContent = example.title;
  select.appendChild(option);
}}
select.addEventListener("change", () => {{
  const example = examples.find((item) => item.name === select.value);
  document.getElementById("description").textContent = example ? example.description : "";
  if (example) queryBox.value = example.query;
}});
function cell(term) {{
  const td = document.createElement("td");
  td.textContent = term === undefined ? "" : term.value;
  if (term && term.type === "uri") td.title = term.value;
  return td;
}}
async function run() {{
  status.textContent = "Running...";
  status.className = "";
  results.replaceChildren();
  const started = performance.now();
  let response;
  try {{
    response = await fetch("{endpoint}", {{
      method: "POST",
      headers: {{"Content-Type": "application/x-www-form-urlencoded",
                 "Accept": "application/sparql-results+json, text/turtle;q=0.9"}},
      body: new URLSearchParams({{query: queryBox.value}}),
    }});
  }} catch (error) {{
    status.textContent = "Cannot reach the endpoint: " + error;
    status.className = "error";
    return;
  }}
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  const text = await response.text();
  if (!response.ok) {{
    status.textContent = response.status + ": " + text;
    status.className = "error";
    return;
  }}
  const truncated = response.headers.get("Newsgraph-Truncated");
  const note = truncated ? " (" + truncated + ")" : "";
  if (!response.headers.get("Content-Type").startsWith("application/sparql-results+json")) {{
    const pre = document.createElement("pre");
    pre.textContent = text;
    results.appendChild(pre);
    status.textContent = "Graph in " + seconds + " s" + note;
    return;
  }}
  const data = JSON.parse(text);
  if ("boolean" in data) {{
    status.textContent = "Answer: " + data.boolean + " (" + seconds + " s)";
    return;
  }}
  const table = document.createElement("table");
  const head = table.createTHead().insertRow();
  for (const name of data.head.vars) {{
    const th = document.createElement("th");
    th.textContent = name;
    head.appendChild(th);
  }}
  const body = table.createTBody();
  for (const binding of data.results.bindings) {{
    const row = body.insertRow();
    for (const name of data.head.vars) row.appendChild(cell(binding[name]));
  }}
  results.appendChild(table);
  status.textContent = data.results.bindings.length + " rows in " + seconds + " s" + note;
}}
document.getElementById("run").addEventListener("click", run);
</script>
</body>
</html>
"""
