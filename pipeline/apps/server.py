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
examples. Built on the standard library's ``ThreadingHTTPServer``: two routes
and the protocol's few rules need no framework, and a deployment that needs
more puts Oxigraph, Fuseki, QLever or Virtuoso behind ``--store`` instead.
"""

from __future__ import annotations

import html
import io
import json
import logging
import multiprocessing
import queue
import threading
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pyoxigraph as ox
from rdflib.plugins.sparql.parser import parseUpdate

from pipeline.core.errors import NewsgraphError, QuerySyntaxError
from pipeline.graph.saved_queries import saved_queries
from pipeline.graph.store import GraphStore, OxigraphStore, sparql_keywords
from pipeline.graph.triples import PREFIXES

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 7878
SPARQL_PATH = "/sparql"
MAX_REQUEST_BYTES = 1_000_000
QUERY_WORKERS = 4

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


class SparqlServer(ThreadingHTTPServer):
    """The HTTP server; ``url`` is its address. Queries run on ``QUERY_WORKERS`` workers.

    Over an on-disk store the workers are processes with read-only handles on
    the store directory (compacted first, so that no background compaction
    removes a file under them), and a query past its time is stopped by ending its
    process: Oxigraph cannot be interrupted inside one step of an evaluation (a
    large sort or aggregation), and a thread busy in one would be lost to the
    server for good. Over a store in memory or on a remote server they are
    threads, and a query is given up at its next result (SELECT: at the next
    block of results pyoxigraph writes). Answers are written out where they are
    evaluated: a worker process sends back the bytes of the response body.
    """

    daemon_threads = True

    def __init__(self, store: GraphStore, host: str, port: int, limits: Limits):
        super().__init__((host, port), _Handler)
        self.store = store
        self.limits = limits
        path = getattr(store, "path", None)
        if path is not None:
            store.compact()
        self._query_processes = _QueryProcesses(path, QUERY_WORKERS) if path is not None else None
        self._query_threads = (ThreadPoolExecutor(max_workers=QUERY_WORKERS, thread_name_prefix="sparql")
                               if self._query_processes is None else None)
        self.page = _query_page(limits).encode("utf-8")

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}"

    def evaluate(self, text: str, media_types: dict[str, str | None]) -> _Answer:
        """The answer to the query ``text`` within ``limits``, written in ``media_types[kind]``
        (see ``_run_query``); raises ``QueryTimeout``, ``QuerySyntaxError`` or ``NewsgraphError``."""
        if self._query_processes is not None:
            return self._query_processes.run(text, self.limits, media_types)
        cancelled = threading.Event()
        future = self._query_threads.submit(_run_query, self.store, text, self.limits, media_types, cancelled)
        try:
            return future.result(timeout=self.limits.timeout)
        except FutureTimeout:
            future.cancel()
            cancelled.set()
            raise QueryTimeout from None

    def server_close(self) -> None:
        super().server_close()
        processes = getattr(self, "_query_processes", None)  # None too when binding the port failed
        if processes is not None:
            processes.close()


class _QueryProcesses:
    """Worker processes, each evaluating one query at a time over a read-only store handle."""

    def __init__(self, path: Path, count: int):
        self._path = str(path)
        self._context = multiprocessing.get_context("spawn")  # no fork of a threaded server
        self._idle: queue.Queue = queue.Queue()  # workers that have opened the store and wait for a query
        self._all: set = set()
        self._lock = threading.Lock()
        for _ in range(count):
            self._start()

    def run(self, text: str, limits: Limits, media_types: dict[str, str | None]) -> _Answer:
        deadline = time.monotonic() + limits.timeout
        try:
            worker = self._idle.get(timeout=limits.timeout)
        except queue.Empty:
            raise QueryTimeout from None
        process, connection = worker
        try:
            connection.send((text, limits.row_limit, media_types))
            if not connection.poll(max(0.0, deadline - time.monotonic())):
                raise QueryTimeout
            outcome, payload = connection.recv()
        except (QueryTimeout, EOFError, OSError) as problem:
            self._replace(worker)
            if isinstance(problem, QueryTimeout):
                raise
            raise NewsgraphError(
                f"The query worker stopped ({problem or 'it exited'}); it has been restarted") from None
        self._idle.put(worker)
        if outcome == "answer":
            return payload
        raise (QuerySyntaxError if outcome == "syntax" else NewsgraphError)(payload)

    def close(self) -> None:
        with self._lock:
            workers, self._all = self._all, set()
        for process, connection in workers:
            process.kill()
            process.join()
            connection.close()

    def _start(self) -> None:
        """Start a worker; it joins the idle ones once it has opened the store."""
        connection, child = self._context.Pipe()
        process = self._context.Process(target=_query_worker, args=(self._path, child), daemon=True,
                                        name="newsgraph-sparql")
        process.start()
        child.close()
        worker = (process, connection)
        with self._lock:
            self._all.add(worker)
        threading.Thread(target=self._await_ready, args=(worker,), daemon=True).start()

    def _await_ready(self, worker: tuple) -> None:
        try:
            worker[1].recv()
        except (EOFError, OSError):
            logger.error("A SPARQL query worker could not open %s", self._path)
            return
        self._idle.put(worker)

    def _replace(self, worker: tuple) -> None:
        process, connection = worker
        process.kill()
        process.join()
        connection.close()
        with self._lock:
            self._all.discard(worker)
        self._start()


def _query_worker(path: str, connection) -> None:
    """A worker process's loop: (query, row limit, media types) in, ("answer" | "syntax" | "error", payload) out."""
    store = OxigraphStore(path, read_only=True)
    connection.send(("ready", None))
    while True:
        try:
            text, row_limit, media_types = connection.recv()
        except EOFError:  # the server is gone
            return
        try:
            answer = _run_query(store, text, Limits(row_limit=row_limit), media_types)
        except QuerySyntaxError as error:
            connection.send(("syntax", str(error)))
        except Exception as error:  # sent back as a 500 with the message; the worker goes on
            connection.send(("error", f"{type(error).__name__}: {error}"))
        else:
            connection.send(("answer", answer))


def make_server(
    store: GraphStore, *, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, limits: Limits = Limits()
) -> SparqlServer:
    """A server bound to ``host:port`` (port 0: a free one); call ``serve_forever`` to run it.

    Raises ``OSError`` when the address is taken.
    """
    return SparqlServer(store, host, port, limits)


def _run_query(store: GraphStore, text: str, limits: Limits, media_types: dict[str, str | None],
               cancelled: threading.Event | None = None) -> _Answer:
    """Evaluate ``text`` and write its first ``limits.row_limit`` rows (or triples) in
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
        body, truncated = _first_solutions(result, limits.row_limit, _RESULTS_FORMATS[media_type], cancelled)
    else:
        triples, truncated = [], False
        for triple in result:
            if cancelled is not None and cancelled.is_set():
                break
            if len(triples) == limits.row_limit:
                truncated = True
                break
            triples.append(triple)
        output = io.BytesIO()
        ox.serialize(triples, output, _GRAPH_FORMATS[media_type], prefixes={k: str(v) for k, v in PREFIXES.items()})
        body = output.getvalue()
    return _Answer(kind, media_type, _with_notice(body, media_type, limits.row_limit) if truncated else body, truncated)


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
        position = len(self.data)  # the data kept so far ends within or right after the wanted lines
        self.data += chunk
        while self._lines < self._wanted:
            newline = self.data.find(b"\n", position)
            if newline == -1:
                return len(chunk)
            self._lines += 1
            position = newline + 1
        if len(self.data) > position:
            del self.data[position:]
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
    limit begins; those lines are read back and written in ``results_format``."""
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


class _Handler(BaseHTTPRequestHandler):
    server: SparqlServer
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        path, _, query_string = self.path.partition("?")
        if path == "/":
            self._send(HTTPStatus.OK, "text/html; charset=utf-8", self.server.page)
        elif path == SPARQL_PATH:
            self._answer(urllib.parse.parse_qs(query_string))
        else:
            self._error(HTTPStatus.NOT_FOUND, f"Nothing at {path}; the SPARQL endpoint is {SPARQL_PATH}")

    def do_POST(self) -> None:
        path, _, query_string = self.path.partition("?")
        if path != SPARQL_PATH:
            self._error(HTTPStatus.FORBIDDEN, _READ_ONLY)
            return
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_REQUEST_BYTES:
            self.close_connection = True  # the unread body must not be taken for the next request
            self._error(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, f"Requests are limited to {MAX_REQUEST_BYTES} bytes",
                        {"Connection": "close"})
            return
        body = self.rfile.read(length).decode("utf-8", "replace")
        params = urllib.parse.parse_qs(query_string)
        content_type = self.headers.get_content_type()
        if content_type == "application/sparql-update":
            self._error(HTTPStatus.FORBIDDEN, _READ_ONLY)
            return
        if content_type == "application/sparql-query":
            params["query"] = [body]
        elif content_type == "application/x-www-form-urlencoded":
            params.update(urllib.parse.parse_qs(body))
        else:
            self._error(HTTPStatus.UNSUPPORTED_MEDIA_TYPE,
                        "Send application/sparql-query or application/x-www-form-urlencoded")
            return
        self._answer(params)

    def do_PUT(self) -> None:
        self._error(HTTPStatus.FORBIDDEN, _READ_ONLY)

    do_DELETE = do_PATCH = do_PUT

    def _answer(self, params: dict[str, list[str]]) -> None:
        if "update" in params:
            self._error(HTTPStatus.FORBIDDEN, _READ_ONLY)
            return
        if len(params.get("query", [])) != 1:
            self._error(HTTPStatus.BAD_REQUEST, "Give exactly one query (query=...)")
            return
        if "default-graph-uri" in params or "named-graph-uri" in params:
            self._error(HTTPStatus.BAD_REQUEST, "default-graph-uri and named-graph-uri are not supported; "
                                                "use FROM or GRAPH in the query")
            return
        text = params["query"][0]
        if "SERVICE" in sparql_keywords(text):
            self._error(HTTPStatus.FORBIDDEN, "SERVICE (a federated query) is not allowed: this endpoint "
                                              "answers from its own store and fetches nothing from other hosts")
            return
        limits = self.server.limits
        wanted, accept = params.get("format", [None])[0], self.headers.get("Accept", "")
        media_types = {kind: _negotiate(kind, accept, wanted) for kind in _RESULT_TYPES}
        try:
            answer = self.server.evaluate(text, media_types)
        except QueryTimeout:
            self._error(HTTPStatus.SERVICE_UNAVAILABLE,
                        f"Query timed out after {limits.timeout:g} s (this endpoint's per-query timeout)",
                        {"Newsgraph-Timeout": f"{limits.timeout:g}"})
            return
        except QuerySyntaxError as error:
            if _is_update(text):
                self._error(HTTPStatus.FORBIDDEN, _READ_ONLY)
            else:
                self._error(HTTPStatus.BAD_REQUEST, str(error))
            return
        except NewsgraphError as error:
            self._error(HTTPStatus.INTERNAL_SERVER_ERROR, str(error))
            return
        if answer.body is None:
            offered = ", ".join(_RESULT_TYPES["graph" if answer.kind == "graph" else "select"])
            self._error(HTTPStatus.NOT_ACCEPTABLE, f"Can answer this query as {offered}")
            return
        headers = {}
        if answer.truncated:
            headers["Newsgraph-Truncated"] = f"row limit of {limits.row_limit} reached; more results were not sent"
        self._send(HTTPStatus.OK, f"{answer.media_type}; charset=utf-8", answer.body, headers)

    def _error(self, status: HTTPStatus, message: str, headers: dict[str, str] | None = None) -> None:
        self._send(status, "text/plain; charset=utf-8", (message + "\n").encode("utf-8"), headers)

    def _send(self, status: HTTPStatus, content_type: str, body: bytes, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Access-Control-Allow-Origin", "*")
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args) -> None:
        logger.info("%s %s", self.address_string(), format % args)


def _is_update(text: str) -> bool:
    try:
        parseUpdate(text)
    except Exception:  # pyparsing's ParseException: not an update either
        return False
    return True


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
