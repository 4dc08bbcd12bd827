"""Validate: check the graph against newsgraph's SHACL shapes with pySHACL.

``validate_graph(graph)`` runs pySHACL with ``ontologies/shapes.ttl`` (or
other shapes) over an rdflib graph and returns a ``ValidationReport``: whether
the graph conforms, and one ``Violation`` per result (focus node, property
path, offending value, message, severity). ``validate_store(store)`` does the
same over a store's merged view, reading the embedded Oxigraph store in place
through oxrdflib rather than copying it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pyshacl import validate
from rdflib import Graph
from rdflib.namespace import SH

from pipeline.ontologies import ontology_path
from pipeline.store import GraphStore


@dataclass(frozen=True)
class Violation:
    focus: str
    path: str | None
    value: str | None
    message: str
    severity: str  # "Violation", "Warning" or "Info"


@dataclass(frozen=True)
class ValidationReport:
    conforms: bool
    violations: tuple[Violation, ...]

    def rows(self) -> list[dict]:
        """One dict per violation, for ``output.emit``."""
        return [vars(violation) for violation in self.violations]


def default_shapes() -> Path:
    return ontology_path("shapes.ttl")


def validate_store(store: GraphStore, shapes: Path | None = None) -> ValidationReport:
    """Validate the store's merged view (see ``validate_graph``)."""
    return validate_graph(store.rdflib_graph(), shapes)


def validate_graph(graph: Graph, shapes: Path | None = None) -> ValidationReport:
    """Validate ``graph`` against ``shapes`` (default ``ontologies/shapes.ttl``), violations sorted."""
    shapes_graph = Graph().parse(shapes or default_shapes(), format="turtle")
    conforms, results, _ = validate(graph, shacl_graph=shapes_graph, inference="none", allow_warnings=True)
    violations = []
    for result in results.subjects(SH.resultSeverity, None):
        path = results.value(result, SH.resultPath)
        value = results.value(result, SH.value)
        violations.append(
            Violation(
                focus=str(results.value(result, SH.focusNode)),
                path=str(path) if path is not None else None,
                value=str(value) if value is not None else None,
                message=str(results.value(result, SH.resultMessage) or ""),
                severity=str(results.value(result, SH.resultSeverity)).rpartition("#")[2],
            )
        )
    violations.sort(key=lambda violation: (violation.focus, violation.path or "", violation.message))
    return ValidationReport(bool(conforms), tuple(violations))
