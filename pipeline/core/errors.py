"""The exceptions newsgraph raises, all under one base class.

    NewsgraphError
     ├── InputError            an article or input file cannot be read
     ├── ModelNotFoundError    a spaCy pipeline name or path cannot be loaded
     ├── StoreError            the graph store cannot be read or written
     │    └── DiskFullError    no space left on the disk that holds the store
     ├── QuerySyntaxError      (also a SyntaxError) bad SPARQL
     │    └── UpdateNotAllowedError  a SPARQL update where only queries run
     └── UnknownEntityError    a name matches no entity in the graph

The CLI maps every ``NewsgraphError`` to a one-line message and exit code 1.
"""


class NewsgraphError(Exception):
    """Base class of every error newsgraph raises on purpose."""


class InputError(NewsgraphError):
    """An input file, line or record cannot be turned into an article."""


class ModelNotFoundError(NewsgraphError):
    """A spaCy pipeline name or path cannot be loaded."""


class StoreError(NewsgraphError):
    """The graph store cannot be read or written."""


class DiskFullError(StoreError):
    """No space left on the disk that holds the store. What was written before is intact (each
    article is written whole or not at all), so the same ingest resumes once space is freed."""


class QuerySyntaxError(NewsgraphError, SyntaxError):
    """A SPARQL query does not parse."""


class UpdateNotAllowedError(QuerySyntaxError):
    """A SPARQL update (INSERT, DELETE, LOAD, DROP, ...) given where only queries run."""


class UnknownEntityError(NewsgraphError):
    """A name matches no entity in the graph; ``suggestions`` holds close names."""

    def __init__(self, name: str, suggestions: list[str]):
        hint = f" Did you mean: {', '.join(suggestions)}?" if suggestions else ""
        super().__init__(f"No entity named {name!r} in the graph.{hint}")
        self.name = name
        self.suggestions = suggestions
