"""Server: a read-only SPARQL 1.1 Protocol endpoint over a graph store, with a query page.

``make_server(store)`` answers ``GET /sparql?query=...`` and ``POST /sparql``
(form-encoded or ``application/sparql-query``) with SPARQL JSON, XML, CSV or
TSV results, or Turtle, JSON-LD or N-Triples for CONSTRUCT and DESCRIBE,
chosen by the ``Accept`` header (or ``format=``). It never changes the store:
SPARQL Update, in any form, and Graph Store writes get 403 with a message, and
so does a federated query (``SERVICE``), which would make the server fetch
from other hosts.
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

import csv
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
from xml.sax.saxutils import escape, quoteattr

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

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
_SPARQL_JSON = "application/sparql-results+json"
_SPARQL_XML = "application/sparql-results+xml"
#: Media types per result kind, the first the default; ``format=`` short names map onto them.
_RESULT_TYPES = {
    "select": (_SPARQL_JSON, _SPARQL_XML, "text/csv", "text/tab-separated-values"),
    "graph": ("text/turtle", "application/ld+json", "application/n-triples"),
}
_ALIASES = {"application/json": (_SPARQL_JSON, "application/ld+json"), "application/xml": (_SPARQL_XML,)}
_FORMAT_NAMES = {
    "json": (_SPARQL_JSON, "application/ld+json"), "xml": (_SPARQL_XML,), "csv": ("text/csv",),
    "tsv": ("text/tab-separated-values",), "turtle": ("text/turtle",), "jsonld": ("application/ld+json",),
    "json-ld": ("application/ld+json",), "ntriples": ("application/n-triples",),
}
_GRAPH_FORMATS = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
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
    kind: str  # "ask", "select" or "graph"
    variables: list[str]
    rows: list  # solutions (lists of terms) or triples
    boolean: bool = False
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
    threads, and a query is given up at its next result.
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

    def evaluate(self, text: str) -> _Answer:
        """The answer to the query ``text`` within ``limits``; raises ``QueryTimeout``,
        ``QuerySyntaxError`` or ``NewsgraphError``."""
        if self._query_processes is not None:
            return self._query_processes.run(text, self.limits)
        cancelled = threading.Event()
        future = self._query_threads.submit(_run_query, self.store, text, self.limits, cancelled)
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

    def run(self, text: str, limits: Limits) -> _Answer:
        deadline = time.monotonic() + limits.timeout
        try:
            worker = self._idle.get(timeout=limits.timeout)
        except queue.Empty:
            raise QueryTimeout from None
        process, connection = worker
        try:
            connection.send((text, limits.row_limit))
            if not connection.poll(max(0.0, deadline - time.monotonic())):
                raise QueryTimeout
            outcome, payload = connection.recv()
        except (QueryTimeout, EOFError, OSError) as problem:
            self._replace(worker)
            if isinstance(problem, QueryTimeout):
                raise
            raise NewsgraphError(f"The query worker stopped ({problem or 'it exited'}); it has been restarted") from None
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
    """A worker process's loop: (query, row limit) in, ("answer" | "syntax" | "error", payload) out."""
    store = OxigraphStore(path, read_only=True)
    connection.send(("ready", None))
    while True:
        try:
            text, row_limit = connection.recv()
        except EOFError:  # the server is gone
            return
        try:
            answer = _run_query(store, text, Limits(row_limit=row_limit))
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


def _run_query(store: GraphStore, text: str, limits: Limits, cancelled: threading.Event | None = None) -> _Answer:
    """Evaluate ``text`` up to ``limits.row_limit`` rows, stopping early once ``cancelled`` is set."""
    result = store.execute(text)
    if isinstance(result, ox.QueryBoolean):
        return _Answer("ask", [], [], boolean=bool(result))
    if isinstance(result, ox.QuerySolutions):
        answer = _Answer("select", [variable.value for variable in result.variables], [])
    else:
        answer = _Answer("graph", [], [])
    for item in result:
        if cancelled is not None and cancelled.is_set():
            break
        if len(answer.rows) == limits.row_limit:
            answer.truncated = True
            break
        answer.rows.append(list(item) if answer.kind == "select" else item)
    return answer


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
        try:
            answer = self.server.evaluate(text)
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
        wanted = params.get("format", [None])[0]
        media_type = _negotiate(answer.kind, self.headers.get("Accept", ""), wanted)
        if media_type is None:
            offered = ", ".join(_RESULT_TYPES["graph" if answer.kind == "graph" else "select"])
            self._error(HTTPStatus.NOT_ACCEPTABLE, f"Can answer this query as {offered}")
            return
        headers = {}
        if answer.truncated:
            headers["Newsgraph-Truncated"] = f"row limit of {limits.row_limit} reached; more results were not sent"
        self._send(HTTPStatus.OK, f"{media_type}; charset=utf-8", _serialize(answer, media_type, limits.row_limit), headers)

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
    """The media type to answer in: a known ``format=`` first, else the best of ``Accept``, else the default."""
    offered = _RESULT_TYPES["graph" if kind == "graph" else "select"]
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


def _serialize(answer: _Answer, media_type: str, row_limit: int) -> bytes:
    notice = f"newsgraph: row limit of {row_limit} reached; more results were not sent"
    if answer.kind == "graph":
        output = io.BytesIO()
        if answer.truncated and media_type != "application/ld+json":
            output.write(f"# {notice}\n".encode("utf-8"))
        ox.serialize(answer.rows, output, _GRAPH_FORMATS[media_type], prefixes={k: str(v) for k, v in PREFIXES.items()})
        return output.getvalue()
    if media_type == _SPARQL_JSON:
        return _json_results(answer, notice, row_limit).encode("utf-8")
    if media_type == _SPARQL_XML:
        return _xml_results(answer, notice).encode("utf-8")
    return _delimited_results(answer, media_type == "text/csv").encode("utf-8")


def _json_term(term) -> dict:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Triple):
        return {"type": "triple", "value": {"subject": _json_term(term.subject),
                                            "predicate": _json_term(term.predicate),
                                            "object": _json_term(term.object)}}
    data = {"type": "literal", "value": term.value}
    if term.language:
        data["xml:lang"] = term.language
    elif term.datatype.value != _XSD_STRING:
        data["datatype"] = term.datatype.value
    return data


def _json_results(answer: _Answer, notice: str, row_limit: int) -> str:
    if answer.kind == "ask":
        document: dict = {"head": {}, "boolean": answer.boolean}
    else:
        bindings = [
            {name: _json_term(term) for name, term in zip(answer.variables, row) if term is not None}
            for row in answer.rows
        ]
        document = {"head": {"vars": answer.variables}, "results": {"bindings": bindings}}
    if answer.truncated:
        document["newsgraph"] = {"truncated": True, "rowLimit": row_limit, "message": notice}
    return json.dumps(document, ensure_ascii=False)


def _xml_term(term) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    if isinstance(term, ox.Triple):
        return f"<literal>{escape(str(term))}</literal>"
    if term.language:
        return f"<literal xml:lang={quoteattr(term.language)}>{escape(term.value)}</literal>"
    if term.datatype.value not in (_XSD_STRING, _RDF_LANG_STRING):
        return f"<literal datatype={quoteattr(term.datatype.value)}>{escape(term.value)}</literal>"
    return f"<literal>{escape(term.value)}</literal>"


def _xml_results(answer: _Answer, notice: str) -> str:
    parts = ['<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">']
    if answer.truncated:
        parts.append(f"<!-- {escape(notice)} -->")
    parts.append("<head>" + "".join(f"<variable name={quoteattr(name)}/>" for name in answer.variables) + "</head>")
    if answer.kind == "ask":
        parts.append(f"<boolean>{'true' if answer.boolean else 'false'}</boolean>")
    else:
        parts.append("<results>")
        for row in answer.rows:
            bindings = "".join(
                f"<binding name={quoteattr(name)}>{_xml_term(term)}</binding>"
                for name, term in zip(answer.variables, row) if term is not None
            )
            parts.append(f"<result>{bindings}</result>")
        parts.append("</results>")
    parts.append("</sparql>\n")
    return "\n".join(parts)


def _delimited_results(answer: _Answer, as_csv: bool) -> str:
    """SPARQL CSV (plain values) or TSV (terms in Turtle syntax)."""
    if answer.kind == "ask":
        return ("true" if answer.boolean else "false") + "\n"
    output = io.StringIO()
    if as_csv:
        writer = csv.writer(output, lineterminator="\r\n")
        writer.writerow(answer.variables)
        writer.writerows([_csv_value(term) for term in row] for row in answer.rows)
        return output.getvalue()
    lines = ["\t".join(f"?{name}" for name in answer.variables)]
    lines += ["\t".join("" if term is None else str(term) for term in row) for row in answer.rows]
    return "\n".join(lines) + "\n"


def _csv_value(term) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Triple):
        return str(term)
    return term.value


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
