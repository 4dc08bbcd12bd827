"""newsgraph's ontology, SHACL shapes and saved queries, installed as the package ``pipeline.ontologies``.

This file only makes the folder a package, so that ``importlib.resources`` reads it the same way in every
kind of install (see ``pyproject.toml`` and ``pipeline/core/resources.py``).
"""
