"""Throughput of the shipped NER model on GermEval 2014 test text, one process.

Runs ``nlp.pipe`` of the bundled pipeline (``pipeline.extract.nlp.load_base``, or the
full default pipeline with ``--full``) over the test sentences and, in the same
run, ``spacy.blank("de")`` tokenization alone over the same texts; prints
words/s of both, their ratio and the model's size on disk. Words are GermEval
tokens. Usage: ``python3 benchmarks/model.py [--data DIR] [--model NAME] [--full]``
(``--model accurate``: the transformer model, which uses every core onnxruntime finds).
The last line is ``words_per_s=... vs_tokenizer=... size_mb=...``.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import spacy

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pipeline.extract.nlp import build_nlp, load_base, model_directory
from pipeline.model.training import GERMEVAL_FILES, directory_size_mb, read_germeval

DEFAULT_DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "germeval2014"


def words_per_second(nlp, texts: list[str], words: int) -> float:
    """Words/s of ``nlp.pipe`` over ``texts`` (best of two passes)."""
    best = float("inf")
    for _ in range(2):
        started = time.perf_counter()
        for _doc in nlp.pipe(texts, batch_size=256):
            pass
        best = min(best, time.perf_counter() - started)
    return words / best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="GermEval 2014 folder")
    parser.add_argument("--model", default=None, help="pipeline name or path (default: bundled; 'accurate')")
    parser.add_argument("--full", action="store_true", help="the whole default pipeline, not the model alone")
    args = parser.parse_args()

    sentences = list(read_germeval(args.data / GERMEVAL_FILES["test"]))
    texts = [" ".join(sentence.words) for sentence in sentences]
    words = sum(len(sentence.words) for sentence in sentences)
    nlp = build_nlp(args.model) if args.full else load_base(args.model)
    tokenizer_only = spacy.blank("de")

    model_wps = words_per_second(nlp, texts, words)
    tokenizer_wps = words_per_second(tokenizer_only, texts, words)
    model_dir = model_directory(args.model)
    size = directory_size_mb(model_dir) if model_dir is not None and model_dir.is_dir() else 0.0
    print(f"pipeline: {nlp.meta.get('name')} {nlp.pipe_names}")
    print(f"texts: {len(texts)} sentences, {words} words")
    print(f"pipeline: {model_wps:,.0f} words/s; blank('de') tokenizer: {tokenizer_wps:,.0f} words/s")
    print(f"words_per_s={model_wps:.0f} vs_tokenizer={model_wps / tokenizer_wps:.3f} size_mb={size:.1f}")


if __name__ == "__main__":
    main()
