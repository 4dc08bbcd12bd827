"""Validate: check the graph against newsgraph's SHACL shapes with pySHACL.

``validate_graph(graph)`` runs pySHACL with ``ontologies/shapes.ttl`` (or
other shapes) over an rdflib graph and returns a ``ValidationReport``: whether
the graph conforms, and one ``Violation`` per result (focus node, property
path, offending value, message, severity). ``validate_store(store)`` does the
same over a store's merged view, reading the embedded Oxigraph store in place
through oxrdflib rather than copying it. ``check_store(store)`` adds what
shapes cannot see: every relation lives in the named graph of the article it
cites, every amount's value is a finite, non-negative number, and the merged
view holds exactly the union of the article graphs; it only reads (open the
store with ``store.open_read_only``) and returns a ``CheckReport``, which
also counts the articles an interrupted writer left to merge.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

from pyshacl import validate
from rdflib import Graph
from rdflib.namespace import SH

from pipeline.core.iris import graph_iri
from pipeline.core.resources import ontology_path
from pipeline.graph.store import AWAITS_MERGE, PENDING_MERGE_GRAPH, GraphStore


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


#: Problems of each check listed at most; the count covers them all.
MAX_LISTED = 100
_GRAPH_PREFIX = graph_iri("")
_ARTICLE_GRAPH = f'FILTER(STRSTARTS(STR(?g), "{_GRAPH_PREFIX}"))'
_CHECKS = {
    # A relation must cite an article, and sit in that article's named graph.
    "relation-without-article": f"""
        SELECT ?subject (CONCAT("in graph ", STR(?g), COALESCE(CONCAT(", cites ", STR(?article)), ", cites none"))
                         AS ?detail)
        WHERE {{ GRAPH ?g {{ ?subject ng:evidence ?evidence OPTIONAL {{ ?subject ng:sourceArticle ?article }} }}
                 {_ARTICLE_GRAPH}
                 FILTER(!BOUND(?article) || NOT EXISTS {{ GRAPH ?g {{ ?article dcterms:identifier ?id }}
                                                         FILTER(STR(?g) = CONCAT("{_GRAPH_PREFIX}", STR(?id))) }}) }}""",
    "article-graph-without-article": f"""
        SELECT (?g AS ?subject) ("no schema:NewsArticle with this graph's id" AS ?detail)
        WHERE {{ GRAPH ?g {{ }} {_ARTICLE_GRAPH}
                 FILTER NOT EXISTS {{ GRAPH ?g {{ ?article a schema:NewsArticle ; dcterms:identifier ?id }}
                                      FILTER(STR(?g) = CONCAT("{_GRAPH_PREFIX}", STR(?id))) }} }}""",
    # Graphs the journal lists are not merged yet, by design (see ``pipeline.graph.store.OxigraphStore``).
    "missing-from-merged-view": f"""
        SELECT ?subject (CONCAT(STR(?p), " ", STR(?o), " (in ", STR(?g), ")") AS ?detail)
        WHERE {{ GRAPH ?g {{ ?subject ?p ?o }} {_ARTICLE_GRAPH} FILTER NOT EXISTS {{ ?subject ?p ?o }}
                 FILTER NOT EXISTS {{ GRAPH <{PENDING_MERGE_GRAPH}> {{ ?g <{AWAITS_MERGE}> true }} }} }}""",
    "not-from-any-article": f"""
        SELECT ?subject (CONCAT(STR(?p), " ", STR(?o)) AS ?detail)
        WHERE {{ ?subject ?p ?o FILTER NOT EXISTS {{ GRAPH ?g {{ ?subject ?p ?o }} {_ARTICLE_GRAPH} }} }}""",
}
_AMOUNTS = """
    SELECT ?subject ?property ?value
    WHERE { ?subject a schema:MonetaryAmount ; ?property ?value
            VALUES ?property { schema:value schema:minValue schema:maxValue } }"""


@dataclass(frozen=True)
class Problem:
    check: str  # "bad-amount", "relation-without-article", ..., "shacl"
    subject: str
    detail: str


@dataclass(frozen=True)
class CheckReport:
    problems: tuple[Problem, ...]
    counts: dict[str, int]  # check -> problems found (listed or not)
    articles: int
    awaiting_merge: int  # articles an interrupted writer left out of the merged view (not a problem)

    @property
    def ok(self) -> bool:
        return not any(self.counts.values())

    def rows(self) -> list[dict]:
        """One dict per listed problem, for ``output.emit``."""
        return [vars(problem) for problem in self.problems]


def check_store(store: GraphStore, shapes: Path | None = None) -> CheckReport:
    """Every check on ``store`` (which is only read); at most ``MAX_LISTED`` problems listed per check."""
    problems: list[Problem] = []
    counts: dict[str, int] = {}

    def found(check: str, items: list[Problem]) -> None:
        counts[check] = len(items)
        problems.extend(items[:MAX_LISTED])

    for check, sparql in _CHECKS.items():
        found(check, [Problem(check, _text(row["subject"]), _text(row["detail"])) for row in store.execute(sparql)])
    found("bad-amount", [Problem("bad-amount", _text(row["subject"]), f"{_text(row['property'])} {reason}")
                         for row in store.execute(_AMOUNTS) if (reason := _amount_problem(row["value"]))])
    found("shacl", [Problem("shacl", violation.focus, f"{violation.path}: {violation.message}")
                    for violation in validate_store(store, shapes).violations if violation.severity == "Violation"])
    return CheckReport(tuple(problems), counts, len(store.articles()), len(store.articles_awaiting_merge()))


def _amount_problem(value) -> str | None:
    """Why an amount's value literal is not a usable number, or None."""
    try:
        number = Decimal(value.value)
    except (InvalidOperation, AttributeError):
        return f"{getattr(value, 'value', value)!r} is not a number"
    if not number.is_finite():
        return f"{value.value!r} is not finite"
    if number < 0:
        return f"{value.value!r} is negative"
    return None


def _text(term) -> str:
    return "" if term is None else term.value
