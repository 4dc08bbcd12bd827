"""Saved queries: the researchers' common questions as SPARQL files with bound parameters.

Each ``ontologies/queries/NAME.rq`` opens with comment lines: a title, a
description, and one ``# param NAME (example: VALUE): what it is`` line per
parameter, where the parameter ``org`` is the query variable ``?org``.
``SavedQuery.bind`` returns the query with its parameters bound by ``VALUES``
blocks: one with every parameter at the start of the query's WHERE group, and
one at the start of the WHERE group of each sub-SELECT that names a parameter,
with the parameters it names (a sub-SELECT does not see the variables of the
group around it). Each value becomes an RDF string literal written by
pyoxigraph (escaped as in N-Triples), so it is data: a name with quotes or
braces matches that name and never changes the query.

A name parameter matches an entity's ``rdfs:label`` or ``skos:altLabel`` in
any case, as ``newsgraph deals`` does. The queries match it in a sub-SELECT
that returns the entity and the parameter (``SELECT DISTINCT ?organisation
?org``): the query's one-row ``VALUES`` block and the sub-SELECT then share
``?org``, so Oxigraph, which starts a join with its smallest part and goes on
with the parts that share a variable with it, finds the entity first and then
its deals. A ``FILTER`` comparing the name with the parameter in the query's
own group shares no variable with the ``VALUES`` block; Oxigraph then starts
from the deals and filters last, hundreds of times slower on a large store.

``saved_queries`` lists them, ``saved_query_rows`` describes them for
``output.emit``, ``load_saved_query`` finds one by name.
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
# The tokens that place VALUES blocks. Comments, strings and IRIs are skipped, so a WHERE, a brace or a
# variable inside them is not taken for one; a keyword is not part of a prefixed name (ex:select).
_TOKEN = re.compile(
    r"""(?P<skip>\#[^\n]*
        |\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'''(?:[^'\\]|\\.|'(?!''))*'''
        |"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'
        |<[^<>"{}|^`\\\x00-\x20]*>)
      |(?P<variable>[?$]\w+)
      |(?<![\w:.-])(?:(?P<select>SELECT)|(?P<where>WHERE))(?![\w:-])
      |(?P<open>\{)|(?P<close>\})|(?P<paren>[()])
      |(?P<other>\S)""",
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

        One ``VALUES`` block opens the query's WHERE group, one each sub-SELECT's that names a parameter
        (see the module docstring). Raises ``NewsgraphError`` naming missing or unknown parameters.
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
        where, sub_selects = _where_groups(self.text)
        blocks = [(where, names)]
        blocks += [(start, [name for name in names if name in named]) for start, named in sub_selects]
        text = self.text
        for at, bound in sorted(blocks, reverse=True):
            if bound:
                variables = " ".join(f"?{name}" for name in bound)
                terms = " ".join(str(ox.Literal(values[name])) for name in bound)
                indent = re.match(r"[ \t]*", text[text.rfind("\n", 0, at) + 1:]).group() + "  "
                text = f"{text[:at]}\n{indent}VALUES ({variables}) {{ ({terms}) }}{text[at:]}"
        return text

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
        _where_groups(text, path)
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


def _where_groups(text: str, path: Path | None = None) -> tuple[int, list[tuple[int, set[str]]]]:
    """Where the ``VALUES`` blocks may go: the offset just after the ``{`` that opens the query's WHERE
    group, and for each sub-SELECT the offset just after the ``{`` of its WHERE group with the names of the
    variables in the sub-SELECT (its projection, groups and modifiers, and the sub-SELECTs in it).

    A sub-SELECT is the whole of the group around it, so it ends where that group closes.
    Raises ``NewsgraphError`` when the query has no ``WHERE {`` outside every group.
    """
    where = None
    sub_selects: list[tuple[int, set[str]]] = []
    # Per open brace, the sub-SELECT that fills it, else None: a variable is in every sub-SELECT around it.
    braces: list[int | None] = []
    waiting = None  # the sub-SELECT whose WHERE group is the next brace at paren depth ``waiting[1]``
    parens = 0
    after_where = False
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup
        if kind == "skip":
            continue
        if kind == "variable":
            for index in braces:
                if index is not None:
                    sub_selects[index][1].add(match.group()[1:])
        elif kind == "select" and braces:
            braces[-1] = len(sub_selects)
            waiting = (len(sub_selects), parens)
            sub_selects.append((-1, set()))
        elif kind == "open":
            if waiting is not None and waiting[1] == parens:
                sub_selects[waiting[0]] = (match.end(), sub_selects[waiting[0]][1])
                waiting = None
            elif after_where and where is None:
                where = match.end()
            braces.append(None)
        elif kind == "close" and braces:
            braces.pop()
        elif kind == "paren":
            parens += 1 if match.group() == "(" else -1
        after_where = kind == "where" and not braces and not parens
    if where is None:
        raise NewsgraphError(f"Saved query {path or ''} has parameters but no WHERE {{ group to bind them in")
    return where, [(start, named) for start, named in sub_selects if start >= 0]
