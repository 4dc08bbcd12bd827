"""Lexicon and rarity features for the NER model's token embedding.

``lexicon_code`` maps a word to a small integer: its German rarity band
(``wordfreq.zipf_frequency(word, "de")`` rounded, 0 to 8) combined with its
membership in name lexicons (given and family names, company names and legal
forms, places: ``pipeline/data/lexicon.tsv``, written by
``scripts/build_lexicon.py``). The architecture ``newsgraph.LexiconHashEmbed.v1``
is spaCy's ``MultiHashEmbed.v2`` plus one more hash table over that code and,
optionally, the pipeline's static word vectors. spaCy 3.8 has no lexeme
attribute that could carry the code (``CLUSTER`` is no longer a ``spacy.attrs``
ID and ``Doc.to_array`` cannot read it), so the model computes the code from the
token text itself; no vocab state is involved. The architecture is also exposed
as a ``spacy_architectures`` entry point, so ``spacy.load`` finds it without
importing newsgraph first.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

import spacy
from spacy.attrs import ORTH
from spacy.ml.staticvectors import StaticVectors
from spacy.strings import StringStore
from spacy.tokens import Doc
from thinc.api import HashEmbed, Maxout, Model, chain, concatenate, list2ragged, ragged2list, with_array
from thinc.types import Floats2d, Ints2d
from wordfreq import zipf_frequency

from pipeline.core.resources import DATA_DIR

LEXICON_PATH = DATA_DIR / "lexicon.tsv"
LEXICON_FLAGS = {"PER": 1, "ORG": 2, "LOC": 4}
RARITY_BANDS = 9  # Zipf values 0 (unknown) to 8 ("der", "die" are about 7.5)
_CACHE_SIZE = 1 << 18
_codes_by_orth: dict[int, int] = {}  # string hash -> lexicon_code, emptied at _CACHE_SIZE


@cache
def _lexicon() -> dict[str, int]:
    """Word -> sum of its ``LEXICON_FLAGS``."""
    flags: dict[str, int] = {}
    with open(LEXICON_PATH, encoding="utf-8") as lines:
        for line in lines:
            word, kinds = line.rstrip("\n").split("\t")
            flags[word] = sum(LEXICON_FLAGS[kind] for kind in kinds.split(","))
    return flags


def is_listed_name(word: str, kind: str) -> bool:
    """Whether a name list knows ``word`` as a name of ``kind`` ("PER": a given or family name,
    "ORG", "LOC")."""
    return bool(_lexicon().get(word, 0) & LEXICON_FLAGS[kind])


def lexicon_code(word: str) -> int:
    """Rarity band + 9 * lexicon flags: 0 to 71."""
    band = min(round(zipf_frequency(word, "de")), RARITY_BANDS - 1)
    return band + RARITY_BANDS * _lexicon().get(word, 0)


def _codes(orths: list[int], strings: StringStore) -> list[int]:
    """``lexicon_code`` of each string hash, cached across calls."""
    if len(_codes_by_orth) > _CACHE_SIZE:
        _codes_by_orth.clear()
    for orth in orths:
        if orth not in _codes_by_orth:
            _codes_by_orth[orth] = lexicon_code(strings[orth])
    return [_codes_by_orth[orth] for orth in orths]


def _extract_forward(model: Model, docs: list[Doc], is_train: bool) -> tuple[list[Ints2d], Callable]:
    """The ``columns`` of every token, then its ``lexicon_code`` (in place of ORTH)."""
    columns = model.attrs["columns"]
    features = []
    for doc in docs:
        array = doc.to_array([*columns, ORTH]).reshape((len(doc), len(columns) + 1))
        array[:, -1] = _codes(array[:, -1].tolist(), doc.vocab.strings)
        features.append(model.ops.asarray2i(array, dtype="uint64"))
    return features, lambda d_features: []


@spacy.registry.architectures("newsgraph.LexiconHashEmbed.v1")
def lexicon_hash_embed(
    width: int, attrs: list[str], rows: list[int], lexicon_rows: int, lexicon_width: int, vectors_width: int = 0
) -> Model[list[Doc], list[Floats2d]]:
    """``MultiHashEmbed.v2`` over ``attrs`` plus a ``lexicon_rows`` x ``lexicon_width``
    table over ``lexicon_code``; with ``vectors_width`` > 0 also the pipeline's static word
    vectors (``[initialize] vectors``) projected to ``vectors_width`` columns, a narrower
    projection than ``MultiHashEmbed``'s full ``width`` to keep the model fast."""
    if len(rows) != len(attrs):
        raise ValueError(f"Mismatched lengths: {len(rows)} vs {len(attrs)}")
    # Seeds 8, 9, ... as in MultiHashEmbed.v2, the lexicon table last.
    embeddings = [
        HashEmbed(table_width, n_rows, column=index, seed=8 + index, dropout=0.0)
        for index, (table_width, n_rows) in enumerate([(width, n) for n in rows] + [(lexicon_width, lexicon_rows)])
    ]
    hashed = [
        Model("extract_lexicon_features", _extract_forward, attrs={"columns": list(attrs)}),
        list2ragged(),
        with_array(concatenate(*embeddings)),
    ]
    if vectors_width:
        hashed = [concatenate(chain(*hashed), StaticVectors(nO=vectors_width, dropout=0.0))]
    return chain(
        *hashed,
        with_array(Maxout(width, width * len(rows) + lexicon_width + vectors_width, nP=3, dropout=0.0, normalize=True)),
        ragged2list(),
    )
