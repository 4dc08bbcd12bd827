"""The NER model's lexicon/rarity feature (pipeline/extract/lexicon.py)."""

from __future__ import annotations

import subprocess
import sys

import pytest
import spacy

from pipeline.extract.lexicon import LEXICON_FLAGS, RARITY_BANDS, lexicon_code, lexicon_hash_embed
from pipeline.extract.nlp import BUNDLED_MODEL


def flags(word: str) -> int:
    return lexicon_code(word) // RARITY_BANDS


def band(word: str) -> int:
    return lexicon_code(word) % RARITY_BANDS


def test_codes_combine_rarity_and_lexicons():
    assert flags("Merkel") & LEXICON_FLAGS["PER"]
    assert flags("Siemens") & LEXICON_FLAGS["ORG"]
    assert flags("GmbH") & LEXICON_FLAGS["ORG"]
    assert flags("Wuppertal") & LEXICON_FLAGS["LOC"]
    assert flags("gestern") == 0
    assert band("der") >= 7 > band("Wuppertal") > band("Xqzvyrtl") == 0


def test_every_string_gets_a_code_in_range():
    for word in ["", " ", "\n", "…", "🙂", "1990", "x" * 10_000, "\x00"]:
        assert 0 <= lexicon_code(word) < RARITY_BANDS * 8


def test_embedding_gives_one_vector_per_token():
    model = lexicon_hash_embed(width=8, attrs=["NORM", "SHAPE"], rows=[50, 20], lexicon_rows=10, lexicon_width=4)
    docs = [spacy.blank("de")("Angela Merkel besucht Siemens in München."), spacy.blank("de")("")]
    model.initialize(X=docs)
    vectors = model.predict(docs)
    assert [v.shape for v in vectors] == [(7, 8), (0, 8)]


def run_fresh(code: str) -> str:
    """Run ``code`` in a new interpreter with no network: connecting raises."""
    guard = "import socket\ndef _no(*a, **k): raise OSError('network use')\nsocket.socket.connect = _no\n"
    done = subprocess.run([sys.executable, "-c", guard + code], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.mark.slow
def test_spacy_finds_the_architecture_without_importing_newsgraph():
    out = run_fresh(
        "import spacy, sys\n"
        "assert not any(m.startswith('pipeline') for m in sys.modules)\n"
        "print(spacy.registry.architectures.get('newsgraph.LexiconHashEmbed.v1').__module__)\n"
    )
    assert out.strip() == "pipeline.extract.lexicon"


@pytest.mark.slow
def test_bundled_model_loads_in_a_fresh_process_offline():
    config = spacy.util.load_config(BUNDLED_MODEL / "config.cfg")
    assert config["components"]["tok2vec"]["model"]["embed"]["@architectures"] == "newsgraph.LexiconHashEmbed.v1"
    out = run_fresh(
        "import spacy\n"
        f"nlp = spacy.load({str(BUNDLED_MODEL)!r})\n"
        "print([(e.text, e.label_) for e in nlp('Angela Merkel besuchte Siemens in München.').ents])\n"
    )
    assert "'Angela Merkel', 'PER'" in out
