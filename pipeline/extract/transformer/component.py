"""The spaCy component that tags names with the fine-tuned encoder (onnxruntime).

Each sentence (or, in a document without sentence boundaries, the whole text) is
one window of at most ``max_pieces`` pieces, longer ones split; every token is
encoded on its own and its first piece's label is the token's (BIO over PER, ORG,
LOC). The component's folder in a saved pipeline holds the int8 ONNX graph, the
int8 word-embedding table, the SentencePiece model and the normalisation table.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from itertools import islice
from pathlib import Path

import numpy as np
from spacy.tokens import Doc, Span

from pipeline.core.errors import ModelNotFoundError
from pipeline.extract.transformer.pieces import PieceTokenizer

ENTITY_TYPES = ("PER", "ORG", "LOC")
LABELS = ("O", *(f"{prefix}-{kind}" for kind in ENTITY_TYPES for prefix in "BI"))
GRAPH_FILE, EMBEDDINGS_FILE, PIECES_FILE, NORMALISATION_FILE = (
    "encoder.onnx", "embeddings.npz", "pieces.model", "normalisation.json")
INSTALL_HINT = "pip install 'newsgraph[accurate]'"


def windows(doc: Doc, piece_counts: list[int], max_pieces: int) -> list[tuple[int, int]]:
    """Token ranges of ``doc``, one per sentence, each split so that its pieces and the
    two boundary pieces fit ``max_pieces``."""
    sentences = ([(s.start, s.end) for s in doc.sents] if doc.has_annotation("SENT_START")
                 else [(0, len(doc))])
    out = []
    for start, end in sentences:
        used = 0
        for i in range(start, end):
            if used + piece_counts[i] > max_pieces - 2 and i > start:
                out.append((start, i))
                start, used = i, 0
            used += piece_counts[i]
        if end > start:
            out.append((start, end))
    return out


def encode_window(pieces: list[list[int]], max_pieces: int) -> tuple[list[int], list[int]]:
    """The ids of a window (``<s>`` ... ``</s>``) and each token's first piece (-1: none)."""
    ids, first = [PieceTokenizer.bos], []
    for token_pieces in pieces:
        if not token_pieces or len(ids) + len(token_pieces) > max_pieces - 1:
            first.append(-1)
            continue
        first.append(len(ids))
        ids.extend(token_pieces)
    ids.append(PieceTokenizer.eos)
    return ids, first


def spans_of_tags(tags: Iterable[str]) -> list[tuple[int, int, str]]:
    """(start, end, type) of each name in a BIO sequence. An I- after O begins a name; an I- of
    another type continues the open name, which keeps its type: the model's type may waver
    inside one name ("Vantage/B-ORG Towers/I-LOC"), its boundary seldom does."""
    out, start, kind = [], None, None
    for i, tag in enumerate([*tags, "O"]):
        prefix, _, label = tag.partition("-")
        if start is not None and prefix != "I":
            out.append((start, i, kind))
            start = None
        if prefix == "B" or (prefix == "I" and start is None):
            start, kind = i, label
    return out


class TransformerTagger:
    """``embeddings`` int8 rows with per-row ``scales``; ``graph`` an ONNX model from
    ``pipeline.model.transformer.graph``."""

    def __init__(self, graph: bytes, embeddings: np.ndarray, scales: np.ndarray, pieces: bytes,
                 normalisation: dict[str, str], threads: int = 0) -> None:
        try:
            import onnxruntime
            import sentencepiece  # noqa: F401  (PieceTokenizer's)
        except ImportError:
            raise ModelNotFoundError(
                f"The accurate model needs onnxruntime and sentencepiece: {INSTALL_HINT}") from None
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        self.graph, self.pieces_model = graph, pieces
        self.session = onnxruntime.InferenceSession(graph, options, providers=["CPUExecutionProvider"])
        self.embeddings, self.scales = embeddings, scales
        self.tokenizer = PieceTokenizer(pieces, normalisation)

    def scores(self, batch: list[list[int]]) -> np.ndarray:
        """Label scores [batch, length, labels] of padded piece-id sequences."""
        length = max(map(len, batch))
        ids = np.full((len(batch), length), PieceTokenizer.pad, dtype=np.int64)
        mask = np.zeros((len(batch), length), dtype=np.int64)
        for row, sequence in enumerate(batch):
            ids[row, :len(sequence)] = sequence
            mask[row, :len(sequence)] = 1
        vectors = self.embeddings[ids].astype(np.float32) * self.scales[ids][:, :, None]
        return self.session.run(None, {"embeddings": vectors, "attention_mask": mask})[0]


class TransformerNer:
    """The pipeline component (factory ``newsgraph_transformer_ner``): sets ``doc.ents``."""

    def __init__(self, vocab, name: str, max_pieces: int = 128, batch_size: int = 32, threads: int = 0) -> None:
        self.vocab, self.name = vocab, name
        self.max_pieces, self.batch_size, self.threads = max_pieces, batch_size, threads
        self.tagger: TransformerTagger | None = None
        self.normalisation: dict[str, str] = {}

    @property
    def labels(self) -> tuple[str, ...]:
        """The entity labels (spaCy writes them into the pipeline's meta)."""
        return tuple(sorted(ENTITY_TYPES))

    def set_model(self, graph: bytes, embeddings: np.ndarray, scales: np.ndarray, pieces: bytes,
                  normalisation: dict[str, str]) -> None:
        self.normalisation = normalisation
        self.tagger = TransformerTagger(graph, embeddings, scales, pieces, normalisation, self.threads)

    def __call__(self, doc: Doc) -> Doc:
        return next(iter(self.pipe([doc])))

    def pipe(self, docs: Iterable[Doc], batch_size: int = 64) -> Iterator[Doc]:
        docs = iter(docs)
        while batch := list(islice(docs, batch_size)):
            self._tag(batch)
            yield from batch

    def _tag(self, docs: list[Doc]) -> None:
        if self.tagger is None:
            raise ModelNotFoundError(f"{self.name}: the component has no weights; load it from a saved pipeline")
        items = []  # (doc, start, ids, first)
        for doc in docs:
            pieces = self.tagger.tokenizer.words(token.text for token in doc)
            for start, end in windows(doc, [len(p) for p in pieces], self.max_pieces):
                items.append((doc, start, *encode_window(pieces[start:end], self.max_pieces)))
        tags: dict[int, list[str]] = {}
        order = sorted(range(len(items)), key=lambda i: len(items[i][2]))
        for at in range(0, len(order), self.batch_size):
            chosen = order[at:at + self.batch_size]
            best = self.tagger.scores([items[i][2] for i in chosen]).argmax(-1)
            for row, i in enumerate(chosen):
                tags[i] = [LABELS[best[row, f]] if f >= 0 else "O" for f in items[i][3]]
        found: dict[int, list[Span]] = {id(doc): [] for doc in docs}
        for i, (doc, start, _ids, _first) in enumerate(items):
            found[id(doc)].extend(Span(doc, start + a, start + b, label=label)
                                  for a, b, label in spans_of_tags(tags[i]))
        for doc in docs:
            doc.set_ents(found[id(doc)], default="outside")

    def to_disk(self, path: Path, *, exclude: Iterable[str] = ()) -> None:
        if self.tagger is None:
            raise ModelNotFoundError(f"{self.name}: nothing to save")
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        (path / GRAPH_FILE).write_bytes(self.tagger.graph)
        np.savez(path / EMBEDDINGS_FILE, rows=self.tagger.embeddings, scales=self.tagger.scales)
        (path / PIECES_FILE).write_bytes(self.tagger.pieces_model)
        (path / NORMALISATION_FILE).write_text(json.dumps(self.normalisation, ensure_ascii=False), "utf-8")

    def from_disk(self, path: Path, *, exclude: Iterable[str] = ()) -> TransformerNer:
        path = Path(path)
        missing = [n for n in (GRAPH_FILE, EMBEDDINGS_FILE, PIECES_FILE, NORMALISATION_FILE) if not (path / n).exists()]
        if missing:
            raise ModelNotFoundError(f"{path}: the accurate model's files are missing ({', '.join(missing)}); "
                                     "rebuild it with 'newsgraph train-model --accurate'")
        table = np.load(path / EMBEDDINGS_FILE)
        self.set_model((path / GRAPH_FILE).read_bytes(), table["rows"], table["scales"],
                       (path / PIECES_FILE).read_bytes(),
                       json.loads((path / NORMALISATION_FILE).read_text("utf-8")))
        return self
