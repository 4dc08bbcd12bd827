"""Saved queries: the researchers' common questions as SPARQL files with bound parameters.

Each ``ontologies/queries/NAME.rq`` opens with comment lines: a title, a
description, and one ``# param NAME (example: VALUE): what it is`` line per
parameter, where the parameter ``org`` is the query variable ``?org``.
``SavedQuery.bind`` returns the query with every parameter bound by a
``VALUES`` block put at the start of the outermost WHERE group. Each value
becomes an RDF string literal written by pyoxigraph (escaped as in
N-Triples), so it is data: a name with quotes or braces matches that name and
never changes the query. A name parameter matches an entity's ``rdfs:label``
or ``skos:altLabel`` in any case, as ``newsgraph deals`` does. ``saved_queries``
lists them, ``saved_query_rows`` describes them for ``output.emit``,
``load_saved_query`` finds one by name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

import pyoxigraph as ox

from pipeline.core.errors import NewsgraphError
from pipeline.core.resources import ontology_path

_PARAMETER_LINE = re.compile(r"# param (\w+) \(example: (.+?)\): (.+)")
# Comments, strings and IRIs are skipped, so a WHERE inside them is not taken for the keyword.
_WHERE_GROUP = re.compile(
    r"""(?P<skip>\#[^\n]*
        |\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'''(?:[^'\\]|\\.|'(?!''))*'''
        |"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'
        |<[^<>"{}|^`\\\x00-\x20]*>)
      |(?P<where>\bWHERE\s*\{)""",
    re.IGNORECASE | re.VERBOSE,
)


@dataclass(frozen=True)
class Parameter:
    name: str
    description: str
    example: str


@dataclass(frozen=True)
class SavedQuery:
    name: str
    title: str
    description: str
    parameters: tuple[Parameter, ...]
    text: str

    def bind(self, values: Mapping[str, str]) -> str:
        """The query with ``values`` bound; every parameter needs one, nothing else is allowed.

        Raises ``NewsgraphError`` naming missing or unknown parameters.
        """
        names = [parameter.name for parameter in self.parameters]
        missing = [name for name in names if name not in values]
        unknown = sorted(set(values) - set(names))
        if missing or unknown:
            problems = []
            if missing:
                problems.append(f"missing {', '.join(missing)}")
            if unknown:
                problems.append(f"unknown {', '.join(unknown)}")
            expected = ", ".join(names) or "none"
            raise NewsgraphError(f"Saved query {self.name!r}: {'; '.join(problems)} (parameters: {expected})")
        if not names:
            return self.text
        variables = " ".join(f"?{name}" for name in names)
        terms = " ".join(str(ox.Literal(values[name])) for name in names)
        at = _where_group_start(self.text)
        return f"{self.text[:at]}\n  VALUES ({variables}) {{ ({terms}) }}{self.text[at:]}"

    def example(self) -> str:
        """The query bound to its parameters' example values."""
        return self.bind({parameter.name: parameter.example for parameter in self.parameters})


def saved_queries(directory: Path | None = None) -> dict[str, SavedQuery]:
    """Every saved query in ``directory`` (default ``ontologies/queries``), by name."""
    folder = directory if directory is not None else ontology_path("queries")
    return {path.stem: read_saved_query(path) for path in sorted(folder.glob("*.rq"))}


def saved_query_rows(directory: Path | None = None) -> list[dict]:
    """One row per saved query: ``name``, ``parameters`` (``org (example: Nvidia)``), ``title``, ``description``."""
    return [
        {"name": query.name,
         "parameters": [f"{parameter.name} (example: {parameter.example})" for parameter in query.parameters],
         "title": query.title, "description": query.description}
        for query in saved_queries(directory).values()
    ]


def load_saved_query(name: str, directory: Path | None = None) -> SavedQuery:
    """The saved query ``name``; raises ``NewsgraphError`` listing the names there are."""
    queries = saved_queries(directory)
    if name not in queries:
        raise NewsgraphError(f"No saved query named {name!r}; there are: {', '.join(queries) or 'none'}")
    return queries[name]


def read_saved_query(path: Path) -> SavedQuery:
    """One ``.rq`` file with its comment header. Raises ``NewsgraphError`` for a bad header."""
    text = path.read_text(encoding="utf-8")
    header = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        header.append(line)
    parameters = tuple(
        Parameter(match.group(1), match.group(3).strip(), match.group(2))
        for match in map(_PARAMETER_LINE.fullmatch, header)
        if match
    )
    prose = [line.lstrip("# ").rstrip() for line in header if not _PARAMETER_LINE.fullmatch(line)]
    if not prose:
        raise NewsgraphError(f"Saved query {path} has no title comment on its first line")
    query = SavedQuery(path.stem, prose[0], " ".join(prose[1:]), parameters, text)
    if parameters:
        _where_group_start(text, path)
    return query


def parse_parameters(pairs: list[str]) -> dict[str, str]:
    """``["org=Nvidia", ...]`` -> ``{"org": "Nvidia"}``; the value may hold ``=``.

    Spaces around the name and the value are dropped (``deals`` ignores them around a name too).
    """
    values = {}
    for pair in pairs:
        name, equals, value = pair.partition("=")
        if not equals or not name.strip():
            raise NewsgraphError(f"Parameter {pair!r} is not NAME=VALUE")
        values[name.strip()] = value.strip()
    return values


def _where_group_start(text: str, path: Path | None = None) -> int:
    """Offset just after the ``{`` that opens the query's outermost WHERE group."""
    for match in _WHERE_GROUP.finditer(text):
        if match.group("where"):
            return match.end()
    raise NewsgraphError(f"Saved query {path or ''} has parameters but no WHERE {{ group to bind them in")
