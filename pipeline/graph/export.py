"""Export: the graph in the file formats other tools read.

``export_graph(store, output, format=...)`` writes the article graphs as a
dataset (``trig``, ``nquads``, ``jsonld``: one named graph per article), the
merged view (``turtle``), or the NetworkX projection of ``query.to_networkx``
for Gephi and other graph tools (``graphml``, ``gexf``: entities as nodes,
relations as directed edges with their type, amount, article and evidence;
GEXF calls the type ``relation``, its own ``type`` being the edge direction).
RDF formats stream from the store; the projections are built in memory.
"""

from __future__ import annotations

from typing import BinaryIO

import networkx as nx

from pipeline.graph.query import to_networkx
from pipeline.graph.store import DUMP_FORMATS, GraphStore

NETWORK_FORMATS = ("graphml", "gexf")
FORMATS = (*DUMP_FORMATS, *NETWORK_FORMATS)


def export_graph(store: GraphStore, output: BinaryIO, *, format: str) -> None:
    """Write the graph in ``format`` (one of ``FORMATS``) to ``output``; raises ``ValueError`` for another."""
    if format in DUMP_FORMATS:
        store.dump(output, format)
    elif format == "graphml":
        nx.write_graphml(to_networkx(store), output)
    elif format == "gexf":
        network = to_networkx(store)
        # GEXF reserves an edge's "type" for directed/undirected, so the relation type travels as "relation".
        for _, _, attributes in network.edges(data=True):
            attributes["relation"] = attributes.pop("type")
        nx.write_gexf(network, output)
    else:
        raise ValueError(f"Unknown export format {format!r}; expected one of {', '.join(FORMATS)}")
