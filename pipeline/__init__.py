"""newsgraph: German tech and business news as a queryable RDF knowledge graph.

The package is built in layers that import only downwards (``tests/test_layers.py`` keeps it so):

- ``pipeline.core``: records, the relation vocabulary, errors, IRIs, exchange rates, resource paths;
- ``pipeline.extract``: readers, language, near-duplicates, the spaCy components and their word lists;
- ``pipeline.graph``: records to RDF, the stores, queries, saved queries, exports, SHACL validation;
- ``pipeline.run``: extraction of article batches, ingest into a store, worker processes, Dask, progress;
- ``pipeline.model``: training and evaluating the NER models;
- ``pipeline.apps``: the command line, the SPARQL endpoint, timelines and output formats.

The names below are the public API; each is imported on first use, so ``import pipeline`` stays cheap::

    from pipeline import GraphStore, build_nlp, extract_articles, ingest, read_articles
"""

from __future__ import annotations

import importlib

#: Public name -> the module that defines it.
_EXPORTS = {
    "Article": "pipeline.core.records",
    "BatchReport": "pipeline.core.records",
    "Entity": "pipeline.core.records",
    "Extraction": "pipeline.core.records",
    "Money": "pipeline.core.records",
    "Relation": "pipeline.core.records",
    "RELATION_TYPES": "pipeline.core.vocabulary",
    "RelationType": "pipeline.core.vocabulary",
    "NewsgraphError": "pipeline.core.errors",
    "read_articles": "pipeline.extract.readers",
    "build_nlp": "pipeline.extract.nlp",
    "parse_money": "pipeline.extract.money",
    "GraphStore": "pipeline.graph.store",
    "to_graph": "pipeline.graph.triples",
    "relations_from_graph": "pipeline.graph.triples",
    "deals": "pipeline.graph.query",
    "relations": "pipeline.graph.query",
    "to_networkx": "pipeline.graph.query",
    "extract_articles": "pipeline.run.extraction",
    "ingest": "pipeline.run.batch",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'pipeline' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
