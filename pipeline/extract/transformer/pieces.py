"""spaCy tokens as pieces of the encoder's SentencePiece vocabulary, and a vocabulary
pruned to the pieces German text uses.

The encoder's tokenizer is a SentencePiece unigram model: a per-character
normalisation table, a metaspace ("▁") before each word, and the most probable
segmentation under the piece scores. ``vocabulary_model`` writes that model as a
standard SentencePiece ``ModelProto`` for the ``sentencepiece`` library, restricted to
the pieces kept; ``PieceTokenizer`` encodes each spaCy token on its own, as a word
after a space, so that every token's first piece carries its label.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np

SPECIAL_PIECES = ("<s>", "<pad>", "</s>", "<unk>")  # ids 0..3, as in XLM-R


def _normalise(text: str, table: dict[str, str]) -> str:
    return "".join(table.get(char, char) for char in text).replace(" ", "")


def vocabulary_model(pieces: Sequence[str], scores: np.ndarray, keep: Sequence[int]) -> bytes:
    """A serialised SentencePiece unigram ``ModelProto`` of ``SPECIAL_PIECES`` followed by
    the pieces ``keep`` (ids into ``pieces``) in that order, with their scores."""
    from sentencepiece import sentencepiece_model_pb2 as model_pb2

    proto = model_pb2.ModelProto()
    proto.trainer_spec.model_type = model_pb2.TrainerSpec.UNIGRAM
    proto.trainer_spec.bos_id, proto.trainer_spec.pad_id = 0, 1
    proto.trainer_spec.eos_id, proto.trainer_spec.unk_id = 2, 3
    proto.normalizer_spec.name = "identity"  # PieceTokenizer applies the encoder's own table
    proto.normalizer_spec.add_dummy_prefix = True
    proto.normalizer_spec.remove_extra_whitespaces = False
    proto.normalizer_spec.escape_whitespaces = True
    kind = model_pb2.ModelProto.SentencePiece
    for name in SPECIAL_PIECES:
        piece = proto.pieces.add()
        piece.piece, piece.score = name, 0.0
        piece.type = kind.UNKNOWN if name == "<unk>" else kind.CONTROL
    for index in keep:
        piece = proto.pieces.add()
        piece.piece, piece.score, piece.type = pieces[index], float(scores[index]), kind.NORMAL
    return proto.SerializeToString()


class PieceTokenizer:
    """Piece ids of single words under a SentencePiece model and the encoder's
    normalisation table; a word that normalises to nothing (a space token) has none."""

    bos, pad, eos, unk = 0, 1, 2, 3

    def __init__(self, model: bytes, normalisation: dict[str, str]) -> None:
        import sentencepiece

        self.processor = sentencepiece.SentencePieceProcessor(model_proto=model)
        self.normalisation = normalisation
        self._cache: dict[str, list[int]] = {}

    def words(self, words: Iterable[str]) -> list[list[int]]:
        """The piece ids of each word."""
        words = list(words)
        missing = [w for w in dict.fromkeys(words) if w not in self._cache]
        if len(self._cache) + len(missing) > 500_000:
            self._cache = {w: self._cache[w] for w in dict.fromkeys(words) if w in self._cache}
        texts = [_normalise(w, self.normalisation) for w in missing]
        for word, text, ids in zip(missing, texts, self.processor.encode(texts)):
            self._cache[word] = ids if text else []
        return [self._cache[w] for w in words]


def used_pieces(model: bytes, normalisation: dict[str, str], words: Iterable[str]) -> set[int]:
    """The piece ids (in ``model``) that segmenting ``words`` uses."""
    import sentencepiece

    processor = sentencepiece.SentencePieceProcessor(model_proto=model)
    texts = [text for text in (_normalise(w, normalisation) for w in words) if text]
    return {i for ids in processor.encode(texts) for i in ids}
