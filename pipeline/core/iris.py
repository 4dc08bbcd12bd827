"""IRIs: the namespaces newsgraph writes and deterministic IRI minting.

An entity's IRI depends only on its label class and canonical name, so the
same company gets the same node in every article and every run; article,
graph and relation IRIs derive from the article id.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from rdflib import XSD, Namespace

BASE = "https://w3id.org/newsgraph/"
NG = Namespace(BASE + "ontology#")
SCHEMA = Namespace("https://schema.org/")

#: The datatype of a plain string literal, as text (pyoxigraph gives datatypes as text).
XSD_STRING = str(XSD.string)

ENTITY_KINDS = {"ORG": "org", "PER": "person", "LOC": "place", "MISC": "thing"}


def slugify(name: str) -> str:
    """'Zhang Yiming' -> 'zhang-yiming'; 'Südostasien' -> 'sudostasien'."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.casefold()).strip("-")
    if slug:
        return slug
    return hashlib.sha1(name.casefold().encode()).hexdigest()[:12]


def entity_iri(name: str, label: str) -> str:
    return f"{BASE}entity/{ENTITY_KINDS.get(label, 'thing')}/{slugify(name)}"


AMOUNT_BASE = f"{BASE}amount/"


def amount_iri(article_id: str, start: int) -> str:
    """One amount as written at character ``start`` of an article: every relation it is the amount
    of points to this node, so sums count it once."""
    return f"{AMOUNT_BASE}{article_id}/{start}"


def article_iri(article_id: str) -> str:
    return f"{BASE}article/{article_id}"


def graph_iri(article_id: str) -> str:
    return f"{BASE}graph/{article_id}"


def relation_iri(article_id: str, key: tuple) -> str:
    digest = hashlib.sha1(repr(key).encode()).hexdigest()[:12]
    return f"{BASE}relation/{article_id}/{digest}"
