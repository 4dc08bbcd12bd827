"""Store: the graph of all articles, one named graph per article, on disk.

``GraphStore`` keeps an rdflib ``Dataset`` in which every article's
statements live in the named graph ``iris.graph_iri(article_id)``, so an
article can be found, replaced or removed without touching the others; entity
nodes are shared because their IRIs are. ``save`` writes the dataset as
``graph.trig`` and a merged view of all graphs as ``graph.ttl``, each
atomically; opening a directory loads its ``graph.trig``. ``GraphStore()``
without a path lives in memory only. The interface is deliberately small
(replace, remove, query, save) so that another backend can stand behind it.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Iterator

from rdflib import Dataset, Graph, URIRef
from rdflib.term import Node
from rdflib.plugins.sparql import prepareQuery
from rdflib.query import Result

from pipeline.errors import QuerySyntaxError, StoreError
from pipeline.iris import graph_iri
from pipeline.triples import PREFIXES

TRIG_FILE = "graph.trig"
TURTLE_FILE = "graph.ttl"
_GRAPH_PREFIX = graph_iri("")


class GraphStore:
    """All articles' graphs, in memory (``path=None``) or in a directory.

    Raises ``StoreError`` when ``path`` is not a directory or its
    ``graph.trig`` cannot be read or parsed.
    """

    def __init__(self, path: Path | None = None):
        self.path = Path(path) if path is not None else None
        self._dataset = Dataset(default_union=True)
        for prefix, namespace in PREFIXES.items():
            self._dataset.bind(prefix, namespace, replace=True)
        if self.path is None:
            return
        if self.path.exists() and not self.path.is_dir():
            raise StoreError(f"Graph store {self.path} is not a directory")
        trig = self.path / TRIG_FILE
        if trig.exists():
            try:
                self._dataset.parse(trig, format="trig")
            except (OSError, UnicodeDecodeError) as error:
                raise StoreError(f"Cannot read graph store {trig}: {error}") from error
            except Exception as error:  # rdflib raises parser-specific exception types
                raise StoreError(f"Cannot parse graph store {trig}: {error}") from error

    def replace_article(self, article_id: str, graph: Graph) -> int:
        """Make ``graph`` the article's named graph; return the triples added."""
        identifier = URIRef(graph_iri(article_id))
        self._dataset.remove_graph(identifier)
        named = self._dataset.graph(identifier)
        for triple in graph:
            named.add(triple)
        return len(named)

    def has_article(self, article_id: str) -> bool:
        # get_context does not create the graph, unlike Dataset.graph.
        return len(self._dataset.get_context(URIRef(graph_iri(article_id)))) > 0

    def remove_article(self, article_id: str) -> bool:
        """Drop the article's named graph; False when there was none."""
        existed = self.has_article(article_id)
        self._dataset.remove_graph(URIRef(graph_iri(article_id)))
        return existed

    def articles(self) -> list[str]:
        """Ids of the articles in the store, sorted."""
        return sorted(
            str(graph.identifier)[len(_GRAPH_PREFIX):]
            for graph in self._dataset.graphs()
            if str(graph.identifier).startswith(_GRAPH_PREFIX) and len(graph)
        )

    def merged(self) -> Graph:
        """A copy of all articles' triples in one graph (the union, deduplicated)."""
        merged = Graph(bind_namespaces="core")
        for prefix, namespace in PREFIXES.items():
            merged.bind(prefix, namespace)
        for triple in self._dataset.triples((None, None, None)):
            merged.add(triple)
        return merged

    def query(self, sparql: str) -> Result:
        """Run a SPARQL query over the union of all graphs (see ``query_graph``)."""
        return query_graph(self._dataset, sparql)

    def save(self) -> None:
        """Write ``graph.trig`` and ``graph.ttl`` into ``path``; no-op in memory.

        Each file is written to a temporary file and renamed over the old one,
        so a reader never sees half a file. Raises ``StoreError`` on I/O errors.
        """
        if self.path is None:
            return
        merged = self.merged()
        try:
            self.path.mkdir(parents=True, exist_ok=True)
            _write_atomically(self.path / TRIG_FILE, self._dataset.serialize(format="trig"))
            _write_atomically(self.path / TURTLE_FILE, merged.serialize(format="turtle"))
        except OSError as error:
            raise StoreError(f"Cannot write graph store {self.path}: {error}") from error

    def __iter__(self) -> Iterator[tuple[Node, Node, Node, Node]]:
        """Every quad ``(subject, predicate, object, graph IRI)``."""
        for graph in self._dataset.graphs():
            for subject, predicate, obj in graph:
                yield subject, predicate, obj, graph.identifier

    def __len__(self) -> int:
        """Number of quads (a triple in two articles' graphs counts twice)."""
        return sum(len(graph) for graph in self._dataset.graphs())


def query_graph(graph: Graph, sparql: str) -> Result:
    """Run a SPARQL query over any rdflib graph.

    newsgraph's prefixes (``ng:``, ``schema:``, ``dcterms:``, ...) and those
    bound in the graph may be used without declaring them. Raises ``QuerySyntaxError`` when the query does
    not parse (SPARQL updates are not queries and are refused the same way).
    """
    try:
        prepared = prepareQuery(sparql, initNs={**dict(graph.namespaces()), **PREFIXES})
    except Exception as error:  # pyparsing's ParseException, or unknown prefixes
        raise QuerySyntaxError(f"Bad SPARQL query: {error}") from error
    return graph.query(prepared)


def _write_atomically(target: Path, text: str) -> None:
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(text)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
