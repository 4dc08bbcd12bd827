"""Ontologies: where newsgraph's ontology, SHACL shapes and saved queries are.

They live in the project's ``ontologies/`` folder; an installed newsgraph
carries a copy in ``<prefix>/share/newsgraph/ontologies`` (see
``pyproject.toml``). ``ontology_path`` finds a file in the first of the two
that exists.
"""

from __future__ import annotations

import sys
from pathlib import Path

CHECKOUT_DIR = Path(__file__).resolve().parents[1] / "ontologies"
INSTALLED_DIR = Path(sys.prefix) / "share" / "newsgraph" / "ontologies"


def ontology_path(*parts: str) -> Path:
    """``ontologies/<parts>`` of the checkout, else of the installed copy (which may not exist)."""
    checkout = CHECKOUT_DIR.joinpath(*parts)
    return checkout if checkout.exists() else INSTALLED_DIR.joinpath(*parts)
