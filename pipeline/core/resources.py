"""Where newsgraph's data files are: the package's own data and models, and the ontology, SHACL shapes
and saved queries.

``DATA_DIR`` (gazetteer, company list, lexicon, the timeline page) and ``MODEL_DIR`` (the shipped
models, their training config and model card) are folders of the ``pipeline`` package.

They live in the project's top-level ``ontologies/`` folder and install as
the package ``pipeline.ontologies`` (``pyproject.toml`` maps that package to
the folder; ``ontologies/__init__.py`` makes it one), so ``importlib.resources``
finds them in a wheel install (also with ``--user`` or ``--target``) and in an
editable one alike. A checkout run without installing newsgraph reads the
folder itself.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parents[1]
DATA_DIR = PACKAGE_DIR / "data"
MODEL_DIR = PACKAGE_DIR / "model"
ONTOLOGIES_PACKAGE = "pipeline.ontologies"
CHECKOUT_DIR = PACKAGE_DIR.parent / "ontologies"


def ontology_path(*parts: str) -> Path:
    """The file or folder ``ontologies/<parts>`` (``"shapes.ttl"``, ``"queries"``); it may not exist."""
    try:
        root = resources.files(ONTOLOGIES_PACKAGE)
    except ModuleNotFoundError:  # a checkout on sys.path, newsgraph not installed
        return CHECKOUT_DIR.joinpath(*parts)
    found = root.joinpath(*parts)
    if not isinstance(found, Path):  # a zip import, or the folder in two places on sys.path
        raise FileNotFoundError(f"ontologies/{'/'.join(parts)} is not one file on disk: {found!r}")
    return found
