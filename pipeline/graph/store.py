"""Store: the graph of all articles behind one interface, on disk, in memory or on a server.

``GraphStore(location)`` opens the backend a location names: a directory
(default ``data/graph``) is an embedded on-disk Oxigraph store, ``memory:``
(or no location) an Oxigraph store in memory, and an ``http(s)://`` URL a
remote SPARQL 1.1 server reached through the Query, Update and Graph Store
protocols. ``store_location`` reads the ``NEWSGRAPH_STORE`` setting. Every
article's statements live in its named graph ``iris.graph_iri(id)``; the
default graph (on a server without a writable one, a named graph) holds their
union as a set, the merged view that queries read, so plain SPARQL from any
tool sees each fact once. Replacing or removing an
article is one SPARQL Update request, which changes its named graph and the
merged view together or not at all; entity statements that other articles
also make stay. The embedded store adds a new article's graph to the merged
view later, in one bulk load for many articles (before the next read, replace
or save), and lists the graphs still to merge in a journal graph written with
them, so that an interrupted writer's last articles are merged when the store
is next opened for writing. ``query`` gives rdflib results (through oxrdflib for the
embedded store) for ``pipeline.graph.query``; ``execute`` gives pyoxigraph's
lazy results for the SPARQL endpoint; ``load`` bulk-loads N-Quads or TriG;
``dump`` writes the article graphs or the merged view. ``open_store`` opens a
store that must exist (only a writer that asks creates one), ``open_read_only``
one that cannot be written (for ``newsgraph check`` and the endpoint's query
workers). ``execute`` and ``query`` run queries only: an update is an
``UpdateNotAllowedError``, and a query that does not parse a
``QuerySyntaxError`` whose message is one line.
"""

from __future__ import annotations

import errno
import io
import itertools
import os
import re
import tempfile
import threading
import urllib.error
import urllib.parse
import urllib.request
import weakref
from collections import deque
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO, Iterable, Iterator

import pyoxigraph as ox
from oxrdflib import OxigraphStore as RdflibOxigraphStore
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.plugins.sparql import prepareQuery
from rdflib.query import Result
from rdflib.term import Node

from pipeline.core.errors import DiskFullError, QuerySyntaxError, StoreError, UpdateNotAllowedError
from pipeline.core.iris import BASE, XSD_STRING, graph_iri
from pipeline.graph.triples import PREFIXES, SPARQL_PROLOGUE

MEMORY = "memory:"
DEFAULT_LOCATION = "data/graph"
LOCATION_ENV = "NEWSGRAPH_STORE"

#: Export formats of ``dump``: the article graphs (datasets) or the merged view (turtle).
DUMP_FORMATS = {
    "trig": ox.RdfFormat.TRIG,
    "nquads": ox.RdfFormat.N_QUADS,
    "jsonld": ox.RdfFormat.JSON_LD,
    "turtle": ox.RdfFormat.TURTLE,
}

_GRAPH_PREFIX = graph_iri("")
_ARTICLE_ID = re.compile(r"[A-Za-z0-9._~-]+")
_IRI = re.compile(r'<[^<>"{}|^`\\\x00-\x20]+>')
# An IRI, a comment, a string, or a word that is not a variable, a prefixed name or part of one.
_SPARQL_WORDS = re.compile(
    r"""<[^<>"{}|^`\\\x00-\x20]*>|\#[^\n]*|"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'
      |(?<![?$:\w])(?P<word>[A-Za-z]+)\b(?!:)""",
    re.VERBOSE,
)
_QUERY_FORMS = {"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"}
_UPDATE_FORMS = {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"}
# Oxigraph's parser errors: "error at LINE:COLUMN: expected one of A, B, ['a' ..= 'z' | ...]".
_PARSER_ERROR = re.compile(r"error at (\d+):(\d+): (.*)", re.S)
# The prefix of each prefixed name (``ng:`` of ``ng:Purchase``) outside IRIs, strings and comments.
_PREFIXED_NAMES = re.compile(
    r"""<[^<>"{}|^`\\\x00-\x20]*>|\#[^\n]*|"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'
      |(?<![\w?$:.-])(?P<prefix>(?:[A-Za-z][\w.-]*)?):""",
    re.VERBOSE,
)
_PREFIX_DECLARATIONS = re.compile(r"""<[^>]*>|\#[^\n]*|"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'
                                     |\bPREFIX\s+(?P<prefix>(?:[A-Za-z][\w.-]*)?):""", re.VERBOSE | re.IGNORECASE)
_CHARACTER_CLASS = re.compile(r"\[(?:'(?:[^'\\]|\\.)*'|[^\]'])*\]")
_PREFIX_IRIS = {prefix: str(namespace) for prefix, namespace in PREFIXES.items()}
# Pieces of a file that ``OxigraphStore.load`` hands to the bulk loader, and how many load at a time:
# a load waits on its writes part of the time, so four at once keep two cores busy (1M quads on two
# cores: 6.3 s with four, as fast as one bulk load of the whole file without the merged view, 7.7 s with
# two; peak RSS about 520 MB, the whole-file load's 930 MB; ``benchmarks/store.py``).
_LOAD_CHUNK_BYTES = 8 * 1024 * 1024
_LOAD_CHUNK_QUADS = 40_000
_LOAD_THREADS = 4
# An N-Quads line that is one statement in a named graph, its terms IRIs and literals (no blank nodes, no
# triple terms): group 1 is the statement's triple, as the line writes it.
_IRI_TOKEN = _IRI.pattern.encode()
_LITERAL_TOKEN = rb'"[^"\\\n\r]*(?:\\.[^"\\\n\r]*)*"(?:\^\^' + _IRI_TOKEN + rb"|@[A-Za-z]+(?:-[A-Za-z0-9]+)*)?"
_NAMED_GRAPH_STATEMENT = re.compile(
    rb"^[ \t]*(" + _IRI_TOKEN + rb"[ \t]*" + _IRI_TOKEN + rb"[ \t]*(?:" + _IRI_TOKEN + rb"|" + _LITERAL_TOKEN + rb"))"
    rb"[ \t]*" + _IRI_TOKEN + rb"[ \t]*\.[ \t]*(?:#[^\n]*)?\r?$",
    re.MULTILINE,
)
_FLUSH_EVERY_TRIPLES = 50_000
# Article graphs only: not a merged view kept in a named graph, nor other graphs on a shared server.
_ARTICLE_GRAPHS = f'GRAPH ?g {{ ?s ?p ?o }} FILTER(STRSTARTS(STR(?g), "{_GRAPH_PREFIX}"))'
_QUADS_QUERY = f"SELECT ?s ?p ?o ?g WHERE {{ {_ARTICLE_GRAPHS} }} ORDER BY ?g"
_SELECT_TYPES = ("application/sparql-results+json", "application/sparql-results+xml")
# The embedded store's journal: `<article graph> <AWAITS_MERGE> true` for each graph not yet in the merged view.
PENDING_MERGE_GRAPH = f"{BASE}store/pending-merge"
AWAITS_MERGE = f"{BASE}store/awaitsMerge"
_PENDING_MERGE, _AWAITS_MERGE = ox.NamedNode(PENDING_MERGE_GRAPH), ox.NamedNode(AWAITS_MERGE)
_PENDING_QUERY = f"SELECT ?g WHERE {{ GRAPH <{PENDING_MERGE_GRAPH}> {{ ?g <{AWAITS_MERGE}> true }} }}"
_MERGE_JOURNALED = (f"INSERT {{ ?s ?p ?o }} WHERE {{ GRAPH <{PENDING_MERGE_GRAPH}> {{ ?g <{AWAITS_MERGE}> true }}"
                    f" GRAPH ?g {{ ?s ?p ?o }} }} ;\nDROP SILENT GRAPH <{PENDING_MERGE_GRAPH}>")


def store_location(location: str | os.PathLike | None = None) -> str:
    """``location`` as given, else ``$NEWSGRAPH_STORE``, else ``data/graph``."""
    if location is not None and str(location):
        return str(location)
    return os.environ.get(LOCATION_ENV) or DEFAULT_LOCATION


def open_store(location: str | os.PathLike | None = None, *, create: bool = False) -> GraphStore:
    """The store at ``store_location(location)``; a new on-disk store is made only with ``create``.

    Without ``create``, a directory that holds no store is a ``StoreError`` saying how to make
    one, and nothing is written there (``memory:`` and server URLs are always there to open).
    Raises ``StoreError`` as ``GraphStore`` does.
    """
    location = store_location(location)
    if not create and not _is_remote(location) and location != MEMORY and not _holds_store(Path(location)):
        raise StoreError(_no_store_message(location))
    return GraphStore(location)


class GraphStore:
    """All articles' graphs; ``GraphStore(location)`` opens the right backend.

    ``None`` or ``"memory:"`` is an in-memory Oxigraph store, a directory an
    on-disk one, an ``http(s)://`` URL a remote SPARQL server (see
    ``SparqlStore``). Raises ``StoreError`` when the store cannot be opened.
    """

    location: str
    #: Where the merged view lives: None for the default graph, else a named graph's IRI.
    merged_graph: str | None = None

    def __new__(cls, location: str | os.PathLike | None = None, **options):
        if cls is GraphStore:
            cls = SparqlStore if location is not None and _is_remote(str(location)) else OxigraphStore
        return super().__new__(cls)

    # Backend primitives.

    def execute(self, sparql: str) -> ox.QuerySolutions | ox.QueryBoolean | Iterable[ox.Triple]:
        """Run a query over the merged view; pyoxigraph's lazy results.

        newsgraph's prefixes are predeclared. Raises ``QuerySyntaxError``.
        """
        raise NotImplementedError

    def query(self, sparql: str) -> Result:
        """Run a query over the merged view; rdflib's results (for ``pipeline.graph.query``)."""
        raise NotImplementedError

    def update(self, sparql: str) -> None:
        """Run a SPARQL Update request, atomically. Raises ``StoreError``."""
        raise NotImplementedError

    def load(self, path: Path) -> int:
        """Add the article graphs in an N-Quads or TriG file (a ``dump``); return the quads read."""
        raise NotImplementedError

    def save(self) -> None:
        """Make every write durable (each write is already atomic)."""

    def close(self) -> None:
        """Release the store (the on-disk lock, connections)."""

    # Articles, in SPARQL over the backend primitives.

    def has_article(self, article_id: str) -> bool:
        # SELECT rather than ASK, and the graph through VALUES: Virtuoso 7 answers ASK in a SELECT's shape
        # and finds no GRAPH <constant> when the query names a default graph.
        graph = _graph_node(article_id)
        rows = self.execute(f"SELECT ?s WHERE {{ VALUES ?g {{ {graph} }} GRAPH ?g {{ ?s ?p ?o }} }} LIMIT 1")
        return any(True for _ in rows)

    def replace_article(self, article_id: str, graph: Graph | str) -> int:
        """Make ``graph`` (an rdflib graph or its N-Triples text) the article's named graph,
        atomically; return its triples."""
        ntriples = graph if isinstance(graph, str) else graph.serialize(format="nt")
        self.update(_replace_request(_graph_node(article_id), ntriples, self.merged_graph))
        return len(graph) if isinstance(graph, Graph) else count_ntriples(ntriples)

    def add_article(self, article_id: str, ntriples: str) -> int:
        """Write the graph (N-Triples) of an article the store does not hold; return its triples.

        The caller must know that the article is absent: ``batch.ingest`` checked when it read
        the article, and no other copy of it was in flight since. The embedded store, written by
        one process, then inserts, cheaper than ``replace_article`` (were the article present,
        its old and new statements would be merged); a server, into which several machines may
        ingest, replaces.
        """
        return self.replace_article(article_id, ntriples)

    def remove_article(self, article_id: str) -> bool:
        """Drop the article's named graph and what only it said; False when there was none."""
        if not self.has_article(article_id):
            return False
        self.update(_replace_request(_graph_node(article_id), None, self.merged_graph))
        return True

    def articles_awaiting_merge(self) -> list[str]:
        """Ids of the articles an interrupted writer stored but did not add to the merged view (see
        ``OxigraphStore``), sorted; they are merged when the store is next opened for writing."""
        names = (row["g"].value for row in self.execute(_PENDING_QUERY))
        return sorted(name[len(_GRAPH_PREFIX):] for name in names if name.startswith(_GRAPH_PREFIX))

    def articles(self) -> list[str]:
        """Ids of the articles in the store, sorted."""
        rows = self.execute("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        names = (row["g"].value for row in rows)
        return sorted(name[len(_GRAPH_PREFIX):] for name in names if name.startswith(_GRAPH_PREFIX))

    def quads(self) -> Iterator[ox.Quad]:
        """Every statement of every article graph."""
        for row in self.execute(_QUADS_QUERY):
            yield ox.Quad(row["s"], row["p"], row["o"], row["g"])

    def rdflib_graph(self) -> Graph:
        """The merged view as an rdflib graph (here a copy: see ``merged``)."""
        return self.merged()

    def merged(self) -> Graph:
        """A copy of the merged view (every article's triples, each once) as an rdflib graph."""
        merged = Graph(bind_namespaces="core")
        for prefix, namespace in PREFIXES.items():
            merged.bind(prefix, namespace)
        for triple in self.execute("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"):
            merged.add((_rdflib_term(triple.subject), _rdflib_term(triple.predicate), _rdflib_term(triple.object)))
        return merged

    def dump(self, output: BinaryIO, format: str) -> None:
        """Write the article graphs (``trig``, ``nquads``, ``jsonld``) or the merged view (``turtle``).

        Raises ``ValueError`` for another format.
        """
        if format not in DUMP_FORMATS:
            raise ValueError(f"Unknown dump format {format!r}; expected one of {sorted(DUMP_FORMATS)}")
        if format == "turtle":
            data: Iterable = self.execute("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
        else:
            data = self.quads()
        ox.serialize(data, output, DUMP_FORMATS[format], prefixes=_PREFIX_IRIS)

    def __iter__(self) -> Iterator[tuple[Node, Node, Node, Node]]:
        """Every quad ``(subject, predicate, object, graph IRI)`` as rdflib terms."""
        for quad in self.quads():
            yield tuple(_rdflib_term(term) for term in (quad.subject, quad.predicate, quad.object, quad.graph_name))

    def __len__(self) -> int:
        """Number of quads in the article graphs (a triple in two articles counts twice)."""
        (row,) = self.execute(f"SELECT (COUNT(*) AS ?n) WHERE {{ {_ARTICLE_GRAPHS} }}")
        return int(row["n"].value)

    def __enter__(self) -> GraphStore:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.location!r})"


class OxigraphStore(GraphStore):
    """The embedded Oxigraph store: in memory, or in a directory on disk.

    Data and indexes stay in Oxigraph (RocksDB on disk), not in Python
    objects. A directory can be open once per process, so stores opened on
    the same directory share one handle; another process holding it is a
    ``StoreError``.

    ``add_article`` writes the article's named graph and its entry in the
    journal graph ``PENDING_MERGE_GRAPH`` (one transaction each, journal
    first) and keeps its triples in memory; they reach the merged view in one
    bulk load with those of the next articles, before the next query, replace,
    removal or ``save`` and at least every ``_FLUSH_EVERY_TRIPLES`` triples,
    and the journal is then cleared. The merged view's indexes were two fifths
    of the cost of writing an article with them in one transaction; a bulk
    load for many articles writes them several times cheaper. Opening a directory for writing first merges what an
    interrupted writer left in the journal. ``load`` needs no journal: it writes each piece of a file's article
    graphs together with their triples in the merged view.
    """

    def __init__(self, location: str | os.PathLike | None = None, *, read_only: bool = False):
        self.location = MEMORY if location is None or str(location) == MEMORY else str(location)
        self.path = None if self.location == MEMORY else Path(self.location)
        self.read_only = read_only
        self._handle = _open_read_only(self.path) if read_only else _open_oxigraph(self.path)
        self._store = self._handle.store
        self._unflushed = 0
        self._rdflib = Graph(store=RdflibOxigraphStore(store=self._store), identifier=DATASET_DEFAULT_GRAPH_ID)

    def execute(self, sparql: str) -> ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples:
        _refuse_update(sparql)
        self._merge_pending()
        try:
            return self._store.query(sparql, prefixes=_PREFIX_IRIS)
        except SyntaxError as error:
            raise _syntax_error(error, sparql) from error

    def query(self, sparql: str) -> Result:
        _refuse_update(sparql)
        self._merge_pending()
        try:
            return self._rdflib.query(sparql, initNs=_PREFIX_IRIS)
        except SyntaxError as error:
            raise _syntax_error(error, sparql) from error

    def update(self, sparql: str) -> None:
        self._check_writable()
        self._merge_pending()
        with self._writing():
            self._store.update(sparql, prefixes=_PREFIX_IRIS)

    def has_article(self, article_id: str) -> bool:
        # Article graphs are always current (only the merged view waits), so there is nothing to merge first.
        graph = ox.NamedNode(_graph_node(article_id)[1:-1])
        return next(self._store.quads_for_pattern(None, None, None, graph), None) is not None

    def add_article(self, article_id: str, ntriples: str) -> int:
        graph = _graph_node(article_id)
        if not ntriples.strip():
            return 0
        self._check_writable()
        node = ox.NamedNode(graph[1:-1])
        with self._handle.lock, self._writing():
            self._store.add(ox.Quad(node, _AWAITS_MERGE, ox.Literal(True), _PENDING_MERGE))
            self._store.load(ntriples, format=ox.RdfFormat.N_TRIPLES, to_graph=node)
            self._handle.unmerged.append(ntriples if ntriples.endswith("\n") else ntriples + "\n")
        return self._flushed_in_time(count_ntriples(ntriples))

    def load(self, path: Path) -> int:
        """Add the article graphs in an N-Quads or TriG file, with their triples in the merged view; return
        the quads read.

        The file goes to Oxigraph's bulk loader in pieces of about ``_LOAD_CHUNK_BYTES`` of N-Quads, each
        followed by its lines once more without their graph, so that one bulk load writes a piece's article
        graphs and merged view together (the loader keeps each triple once) and the merged view costs no
        parsing in Python: a pattern takes the graph off a line only when it matches the whole line, and a
        piece with any other line (blank nodes, triple terms, comments, default-graph statements) is parsed
        instead. The loader runs outside the GIL, so ``_LOAD_THREADS`` pieces load while the next is cut;
        the pieces bound its memory. Each piece is written atomically: a load that fails part way
        (``StoreError``) leaves a merged view that is still the union of the article graphs. The loader
        names a file's blank nodes anew in each load, so statements with blank nodes are loaded last, in one
        load of their own, where a blank node is the same node in its article graph and in the merged view.
        """
        self._check_writable()
        file_format = _quad_file_format(path)
        quads = 0
        try:
            with ThreadPoolExecutor(_LOAD_THREADS) as loaders, tempfile.TemporaryFile() as with_blank_nodes:
                loading: deque[Future] = deque()
                for piece in _quad_chunks(path, file_format):
                    payload, count = _with_merged_triples(piece, with_blank_nodes)
                    quads += count
                    loading.append(loaders.submit(self._store.bulk_load, payload, ox.RdfFormat.N_QUADS))
                    while len(loading) > _LOAD_THREADS:  # one waits its turn, so no loader is idle while we cut
                        loading.popleft().result()
                while loading:
                    loading.popleft().result()
                if with_blank_nodes.tell():
                    with_blank_nodes.seek(0)
                    with tempfile.TemporaryFile() as payload:
                        ox.serialize(_and_their_triples(ox.parse(with_blank_nodes, ox.RdfFormat.N_QUADS)), payload,
                                     ox.RdfFormat.N_QUADS)
                        payload.seek(0)
                        self._store.bulk_load(payload, ox.RdfFormat.N_QUADS)
        except SyntaxError as error:
            raise StoreError(f"Cannot parse {path}: {error}") from error
        except OSError as error:
            raise _write_error(f"Cannot load {path} into graph store {self.location}: {error}", self.location,
                               error) from error
        return quads

    def quads(self) -> Iterator[ox.Quad]:
        for graph in self._store.named_graphs():
            if graph.value.startswith(_GRAPH_PREFIX):
                yield from self._store.quads_for_pattern(None, None, None, graph)

    def replace_article(self, article_id: str, graph: Graph | str) -> int:
        return self._flushed_in_time(super().replace_article(article_id, graph))

    def _merge_pending(self) -> None:
        """Add the graphs written by ``add_article`` since the last merge to the merged view."""
        unmerged = self._handle.unmerged
        if not unmerged:
            return
        with self._handle.lock, self._writing():  # the journal may only lose entries whose triples were loaded
            # Articles share statements (an entity's type and name): the loader gets each once.
            statements = dict.fromkeys(line for ntriples in unmerged for line in ntriples.splitlines(keepends=True))
            self._store.bulk_load("".join(statements), format=ox.RdfFormat.N_TRIPLES)
            self._store.remove_graph(_PENDING_MERGE)
            unmerged.clear()

    def _check_writable(self) -> None:
        if self.read_only:
            raise StoreError(f"Graph store {self.location} is open read-only")

    @contextmanager
    def _writing(self) -> Iterator[None]:
        try:
            yield
        except OSError as error:
            raise _write_error(f"Cannot write graph store {self.location}: {error}", self.location, error) from error

    def _flushed_in_time(self, triples: int) -> int:
        # RocksDB keeps writes in memory tables until they are flushed; flushing (and merging) after
        # a bounded amount of writes keeps a long batch's memory flat (each flush costs about 0.1 s).
        self._unflushed += triples
        if self._unflushed >= _FLUSH_EVERY_TRIPLES:
            self.save()
        return triples

    def compact(self) -> None:
        """Write out and compact RocksDB's files, so that none changes until the next write
        (read-only handles on the directory, as in ``serve``, keep seeing the files they opened)."""
        if self.read_only or self.path is None:
            return
        self._merge_pending()
        try:
            self._store.optimize()
        except OSError as error:
            raise _write_error(f"Cannot compact graph store {self.location}: {error}", self.location, error) from error

    def rdflib_graph(self) -> Graph:
        """The merged view as an rdflib graph backed by Oxigraph (through oxrdflib), not a copy;
        articles added after this call show in it once the store is saved."""
        self._merge_pending()
        return self._rdflib

    def save(self) -> None:
        self._unflushed = 0
        if self.read_only:
            return
        self._merge_pending()
        with self._writing():
            self._store.flush()

    def close(self) -> None:
        if self._handle is not None and not self.read_only:
            self._merge_pending()
        self._rdflib = self._store = self._handle = None


class SparqlStore(GraphStore):
    """A remote SPARQL 1.1 server: queries, updates and loads over HTTP.

    The location is the server's query endpoint; its fragment may name the
    update and Graph Store endpoints, absolute or relative to it:
    ``http://127.0.0.1:7878/query#update=/update&graph-store=/store``
    (Oxigraph), ``http://host:3030/news/query#update=update&graph-store=data``
    (Fuseki). Without them, updates go to the query endpoint and ``load``
    is not available. ``merged-graph=IRI`` keeps the merged view in that
    named graph and sends it as the queries' ``default-graph-uri``, for
    servers without a writable default graph of their own (Virtuoso:
    ``http://host:8890/sparql#merged-graph=https://w3id.org/newsgraph/merged``).
    Timeouts are ``timeout`` seconds per request.
    """

    def __init__(self, location: str, *, timeout: float = 60.0):
        self.location = location
        endpoint, _, fragment = location.partition("#")
        options = dict(urllib.parse.parse_qsl(fragment))
        unknown = set(options) - {"update", "graph-store", "merged-graph"}
        if unknown:
            raise StoreError(f"Unknown option(s) {sorted(unknown)} in store URL {location}; "
                             "use update=, graph-store= and merged-graph=")
        self.query_endpoint = endpoint
        self.update_endpoint = urllib.parse.urljoin(endpoint, options.get("update", endpoint))
        self.graph_store_endpoint = (
            urllib.parse.urljoin(endpoint, options["graph-store"]) if "graph-store" in options else None
        )
        if "merged-graph" in options:
            self.merged_graph = f"<{options['merged-graph']}>"
            if not _IRI.fullmatch(self.merged_graph) or options["merged-graph"].startswith(_GRAPH_PREFIX):
                raise StoreError(f"merged-graph= must be an IRI outside {_GRAPH_PREFIX}, "
                                 f"not {options['merged-graph']!r}")
        self.timeout = timeout

    def execute(self, sparql: str) -> ox.QuerySolutions | ox.QueryBoolean | Iterator[ox.Triple]:
        content_type, body = self._query(sparql)
        if content_type in _SELECT_TYPES:
            return ox.parse_query_results(body, ox.QueryResultsFormat.from_media_type(content_type))
        return ox.parse(body, ox.RdfFormat.from_media_type(content_type) or ox.RdfFormat.N_TRIPLES)

    def query(self, sparql: str) -> Result:
        content_type, body = self._query(sparql)
        if content_type in _SELECT_TYPES:
            return Result.parse(io.BytesIO(body), format="xml" if content_type.endswith("xml") else "json")
        result = Result("CONSTRUCT")
        result.graph = Graph().parse(data=body, format=content_type)
        return result

    def update(self, sparql: str) -> None:
        self._request(self.update_endpoint, "update", SPARQL_PROLOGUE + sparql, "*/*")

    def load(self, path: Path) -> int:
        if self.graph_store_endpoint is None:
            raise StoreError(f"Loading needs the server's Graph Store endpoint: "
                             f"add #graph-store=URL to {self.location}")
        file_format = _quad_file_format(path)
        counter = _Counter()
        # The article graphs go in as they are; their triples, once more, into the default graph (the merged view).
        with tempfile.TemporaryFile() as triples:
            try:
                ox.serialize(counter.triples(ox.parse(path=path, format=file_format)), triples, ox.RdfFormat.N_TRIPLES)
            except SyntaxError as error:
                raise StoreError(f"Cannot parse {path}: {error}") from error
            with open(path, "rb") as dataset:
                self._send("POST", self.graph_store_endpoint, dataset, file_format.media_type)
            separator = "&" if "?" in self.graph_store_endpoint else "?"
            target = ("default" if self.merged_graph is None
                      else urllib.parse.urlencode({"graph": self.merged_graph[1:-1]}))
            self._send("POST", f"{self.graph_store_endpoint}{separator}{target}", triples, "application/n-triples")
        return counter.count

    def _query(self, sparql: str) -> tuple[str, bytes]:
        _refuse_update(sparql)
        # Ask for the one format the query form has: given a choice, some servers answer CONSTRUCT in SPARQL JSON.
        accept = "application/n-triples" if _query_form(sparql) in ("CONSTRUCT", "DESCRIBE") else _SELECT_TYPES[0]
        fields = {"query": SPARQL_PROLOGUE + sparql}
        if self.merged_graph is not None:
            fields["default-graph-uri"] = self.merged_graph[1:-1]
        try:
            return self._post(self.query_endpoint, fields, accept)
        except _BadRequest as error:
            raise _syntax_error(error, sparql) from None

    def _request(self, url: str, field: str, text: str, accept: str) -> tuple[str, bytes]:
        try:
            return self._post(url, {field: text}, accept)
        except _BadRequest as error:
            raise StoreError(f"{url} refused the {field}: {error}") from None

    def _post(self, url: str, fields: dict[str, str], accept: str) -> tuple[str, bytes]:
        # A form POST: the one way of sending a query or update that every server here accepts.
        body = urllib.parse.urlencode(fields).encode("utf-8")
        return self._send("POST", url, io.BytesIO(body), "application/x-www-form-urlencoded", accept)

    def _send(self, method: str, url: str, body: BinaryIO, content_type: str, accept: str = "*/*") -> tuple[str, bytes]:
        body.seek(0, io.SEEK_END)
        length = body.tell()
        body.seek(0)
        request = urllib.request.Request(
            url, data=body, method=method,
            headers={"Content-Type": content_type, "Accept": accept, "Content-Length": str(length)},
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return response.headers.get_content_type(), response.read()
        except urllib.error.HTTPError as error:
            message = error.read().decode("utf-8", "replace").strip()
            if error.code == 400:
                raise _BadRequest(message) from error
            raise StoreError(f"{url} answered {error.code} {error.reason}: {message}") from error
        except (urllib.error.URLError, OSError) as error:
            raise StoreError(f"Cannot reach SPARQL server {url}: {getattr(error, 'reason', error)}") from error


def query_graph(graph: Graph, sparql: str) -> Result:
    """Run a SPARQL query over any rdflib graph.

    newsgraph's prefixes (``ng:``, ``schema:``, ``dcterms:``, ...) and those
    bound in the graph may be used without declaring them. Raises ``QuerySyntaxError`` when the query does
    not parse, ``UpdateNotAllowedError`` for a SPARQL update.
    """
    _refuse_update(sparql)
    try:
        prepared = prepareQuery(sparql, initNs={**dict(graph.namespaces()), **PREFIXES})
    except Exception as error:  # pyparsing's ParseException, or unknown prefixes
        raise _syntax_error(error, sparql, (prefix for prefix, _ in graph.namespaces())) from error
    return graph.query(prepared)


class _BadRequest(Exception):
    """The server answered 400: the query or update did not parse (the message says why)."""


class _Handle:
    """One open pyoxigraph store, shared by every ``OxigraphStore`` on the same directory, with the
    N-Triples of the article graphs written since the merged view was last brought up to date."""

    def __init__(self, store: ox.Store):
        self.store = store
        self.unmerged: list[str] = []
        self.lock = threading.Lock()


_OPEN_DIRECTORIES: weakref.WeakValueDictionary[Path, _Handle] = weakref.WeakValueDictionary()


def _open_oxigraph(path: Path | None) -> _Handle:
    if path is None:
        return _Handle(ox.Store())
    if path.exists() and not path.is_dir():
        raise StoreError(f"Graph store {path} is not a directory")
    key = path.resolve()
    handle = _OPEN_DIRECTORIES.get(key)
    if handle is None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)  # RocksDB makes the store's own directory only
            handle = _Handle(ox.Store(str(path)))
        except OSError as error:
            if "lock" in str(error).lower():
                raise StoreError(
                    f"Graph store {path} is in use by another process (is `newsgraph serve` running on it?)"
                ) from error
            raise _write_error(f"Cannot open graph store {path}: {error}", path, error) from error
        try:
            handle.store.update(_MERGE_JOURNALED)  # what a writer that was killed had not merged yet
        except OSError as error:
            raise _write_error(f"Cannot write graph store {path}: {error}", path, error) from error
        _OPEN_DIRECTORIES[key] = handle
    return handle


def _write_error(message: str, location: str | Path, error: OSError) -> StoreError:
    """``StoreError(message)`` for ``error``, or a ``DiskFullError`` if the disk is full (RocksDB's
    errors carry no errno, only the system's message)."""
    if error.errno == errno.ENOSPC or os.strerror(errno.ENOSPC) in str(error):
        return DiskFullError(f"No space left on the disk that holds graph store {location}")
    return StoreError(message)


def _open_read_only(path: Path | None) -> _Handle:
    """A handle that cannot write (RocksDB's read-only mode: no lock taken, nothing changed on disk)."""
    if path is None:
        return _Handle(ox.Store())
    if not _holds_store(path):
        raise StoreError(_no_store_message(path))
    try:
        return _Handle(ox.Store.read_only(str(path)))
    except (OSError, RuntimeError) as error:  # RocksDB reports files a running writer just compacted away
        raise StoreError(f"Cannot open graph store {path} read-only (is another process writing to it?): "
                         f"{error}") from error


def open_read_only(location: str | os.PathLike | None) -> GraphStore:
    """The store at ``location`` for reading only: a directory is opened in Oxigraph's read-only
    mode (no lock taken, nothing written), a server is only queried."""
    if location is not None and not _is_remote(str(location)) and str(location) != MEMORY:
        return OxigraphStore(location, read_only=True)
    return GraphStore(location)


def _is_remote(location: str) -> bool:
    return location.startswith(("http://", "https://"))


def _holds_store(path: Path) -> bool:
    return (path / "CURRENT").is_file()  # RocksDB's pointer to its current manifest


def _no_store_message(location: str | os.PathLike) -> str:
    return (f"No graph store at {location}: make one with `newsgraph ingest FILES --store {location}` "
            "(or `newsgraph load`), or give --store the store to read")


def _refuse_update(sparql: str) -> None:
    """Raise ``UpdateNotAllowedError`` when ``sparql`` is an update (INSERT, DELETE, LOAD, DROP, ...)."""
    first = next((word for word in sparql_keywords(sparql) if word not in ("PREFIX", "BASE")), None)
    if first in _UPDATE_FORMS:
        raise UpdateNotAllowedError(f"Bad SPARQL query: {first} makes it an update, and updates are not allowed "
                                    "here; only queries (SELECT, ASK, CONSTRUCT, DESCRIBE) run")


def _syntax_error(error: Exception, sparql: str, known_prefixes: Iterable[str] = ()) -> QuerySyntaxError:
    """A ``QuerySyntaxError`` saying in one line why ``sparql`` does not parse.

    An unknown prefix or a text that does not start like a query is named as such; otherwise the
    parser's message, on one line, without the character classes Oxigraph lists among what it expected.
    """
    known = {*PREFIXES, *known_prefixes, *_prefixes_declared(sparql)}
    unknown = sorted(set(_prefixes_used(sparql)) - known)
    if unknown:
        names = ", ".join(f"{name}:" for name in unknown)
        return QuerySyntaxError(f"Bad SPARQL query: unknown prefix {names} (declare it: PREFIX {unknown[0]}: <IRI>)")
    first = next((word for word in sparql_keywords(sparql) if word not in ("PREFIX", "BASE")), None)
    if first not in _QUERY_FORMS:
        return QuerySyntaxError(f"Bad SPARQL query: a query starts with SELECT, ASK, CONSTRUCT or DESCRIBE "
                                f"(after any PREFIX and BASE), not {first or sparql.strip()[:20]!r}")
    text = str(error).strip()
    match = _PARSER_ERROR.fullmatch(text)
    if match is None:  # rdflib's or a server's message: its first line
        return QuerySyntaxError(f"Bad SPARQL query: {text.splitlines()[0] if text else type(error).__name__}")
    line, column, detail = match.group(1), match.group(2), " ".join(match.group(3).split())
    expected = [item.strip() for item in _CHARACTER_CLASS.sub("", detail).removeprefix("expected").strip()
                .removeprefix("one of").split(",") if item.strip()]
    return QuerySyntaxError(f"Bad SPARQL query at line {line}, column {column}: "
                            + (f"expected {', '.join(expected)}" if expected else detail))


def _prefixes_used(sparql: str) -> Iterator[str]:
    for match in _PREFIXED_NAMES.finditer(sparql):
        if match.group("prefix") is not None:
            yield match.group("prefix")


def _prefixes_declared(sparql: str) -> Iterator[str]:
    for match in _PREFIX_DECLARATIONS.finditer(sparql):
        if match.group("prefix") is not None:
            yield match.group("prefix")


def _graph_node(article_id: str) -> str:
    if not _ARTICLE_ID.fullmatch(article_id):
        raise StoreError(f"{article_id!r} is not an article id (letters, digits, '.', '_', '~', '-')")
    return f"<{graph_iri(article_id)}>"


def count_ntriples(ntriples: str) -> int:
    """The statements in N-Triples text: one per non-empty line (line breaks in literals are escaped)."""
    return sum(1 for line in ntriples.split("\n") if line.strip())


def _replace_request(graph: str, ntriples: str | None, merged: str | None) -> str:
    """One update: drop the article graph and what only it said from the merged view, then add ``ntriples``.

    ``merged`` is the named graph holding the merged view, or None for the default graph.
    """
    others = f"?other != {graph}" + (f" && ?other != {merged}" if merged else "")

    def into_merged(triples: str) -> str:
        return f"GRAPH {merged} {{ {triples} }}" if merged else triples

    operations = [
        f"DELETE {{ {into_merged('?s ?p ?o')} }} WHERE {{ GRAPH {graph} {{ ?s ?p ?o }}"
        f" FILTER NOT EXISTS {{ GRAPH ?other {{ ?s ?p ?o }} FILTER({others}) }} }}",
        f"DROP SILENT GRAPH {graph}",
    ]
    if ntriples and ntriples.strip():
        operations.append(f"INSERT DATA {{ GRAPH {graph} {{\n{ntriples}}}\n{into_merged(ntriples)}}}")
    return " ;\n".join(operations)


def sparql_keywords(sparql: str) -> Iterator[str]:
    """The words of ``sparql`` outside IRIs, strings and comments that are not variables or
    prefixed names, upper-cased: its keywords and function names."""
    for match in _SPARQL_WORDS.finditer(sparql):
        if match.group("word"):
            yield match.group("word").upper()


def _query_form(sparql: str) -> str | None:
    """SELECT, ASK, CONSTRUCT or DESCRIBE: the first such keyword."""
    return next((word for word in sparql_keywords(sparql) if word in _QUERY_FORMS), None)


def _quad_file_format(path: Path) -> ox.RdfFormat:
    file_format = ox.RdfFormat.from_extension(Path(path).suffix.lstrip("."))
    if file_format not in (ox.RdfFormat.N_QUADS, ox.RdfFormat.TRIG):
        raise StoreError(f"Cannot load {path}: expected an N-Quads (.nq) or TriG (.trig) file")
    return file_format


def _quad_chunks(path: Path, file_format: ox.RdfFormat) -> Iterator[bytes]:
    """The file as N-Quads in pieces of about ``_LOAD_CHUNK_BYTES``, each ending at a line end.

    N-Quads is one statement per line, so its lines are cut apart without parsing;
    TriG is parsed and written out as N-Quads.
    """
    if file_format == ox.RdfFormat.N_QUADS:
        with open(path, "rb") as source:
            rest = b""
            while block := source.read(_LOAD_CHUNK_BYTES):
                block = rest + block
                end = block.rfind(b"\n") + 1
                rest = block[end:]
                if end:
                    yield block[:end]
            if rest.strip():
                yield rest + b"\n"
        return
    quads = ox.parse(path=path, format=file_format)
    while chunk := list(itertools.islice(quads, _LOAD_CHUNK_QUADS)):
        yield ox.serialize(chunk, format=ox.RdfFormat.N_QUADS)


def _with_merged_triples(piece: bytes, with_blank_nodes: BinaryIO) -> tuple[bytes, int]:
    """N-Quads for the bulk loader: the statements of ``piece`` (N-Quads lines), each followed at the end by
    its triple in the default graph, the merged view; and the number of statements in ``piece``.

    Statements with blank nodes are left out, written to ``with_blank_nodes`` to be loaded together.
    """
    triples, statements = _NAMED_GRAPH_STATEMENT.subn(rb"\1 .", piece)
    if statements == piece.count(b"\n"):  # every line a statement in a named graph, now its triple
        return piece + triples, statements
    quads = list(ox.parse(piece, ox.RdfFormat.N_QUADS))
    ox.serialize((quad for quad in quads if _has_blank_node(quad)), with_blank_nodes, ox.RdfFormat.N_QUADS)
    return ox.serialize(_and_their_triples(quad for quad in quads if not _has_blank_node(quad)),
                        format=ox.RdfFormat.N_QUADS), len(quads)


def _and_their_triples(quads: Iterable[ox.Quad]) -> Iterator[ox.Quad]:
    """Each quad, and after one in a named graph its triple in the default graph (the merged view)."""
    for quad in quads:
        yield quad
        if not isinstance(quad.graph_name, ox.DefaultGraph):
            yield ox.Quad(quad.subject, quad.predicate, quad.object)


def _has_blank_node(quad: ox.Quad | ox.Triple) -> bool:
    """Whether a term of ``quad`` is a blank node, or a triple term that has one."""
    terms = (quad.subject, quad.object, getattr(quad, "graph_name", None))
    return any(isinstance(term, ox.BlankNode) or isinstance(term, ox.Triple) and _has_blank_node(term)
               for term in terms)


class _Counter:
    """Counts the quads of a file as they stream by, on their way to the article graphs and merged view."""

    def __init__(self):
        self.count = 0

    def triples(self, quads: Iterable[ox.Quad]) -> Iterator[ox.Triple]:
        """Each quad as a triple of the merged view."""
        for quad in quads:
            self.count += 1
            yield ox.Triple(quad.subject, quad.predicate, quad.object)


def _rdflib_term(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> Node:
    """A pyoxigraph term as rdflib's, a plain string as a plain literal (rdflib tells them apart)."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    datatype = term.datatype.value
    return Literal(term.value, datatype=None if datatype == XSD_STRING else URIRef(datatype))
