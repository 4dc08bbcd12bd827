"""Near-duplicate articles: the same agency story published on several sites.

``drop_near_duplicates`` passes each article through unless one seen earlier
in the stream tells nearly the same text; a copy is reported as skipped with
reason "near-duplicate", naming the article it was merged into and their
estimated similarity. Similarity is the Jaccard index of the articles' sets of
five-word shingles (lower-cased words of the content, boilerplate cut off),
estimated with MinHash signatures and found through locality-sensitive
hashing buckets, so each article costs the same whatever the batch size and
only a small signature per kept article stays in memory (about 0.4 KB), with
the hashes of the 16,384 most recently seen distinct words.
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from typing import Iterable, Iterator

import numpy as np

from pipeline.core.records import Article, BatchReport

SHINGLE_WORDS = 5
# 12 bands of 5 rows: a pair at 0.8 similarity shares a bucket with 99 % probability, at 0.9 with
# more than 99.9 %, at 0.3 with 3 %; 12 bucket keys per kept article keep memory small.
BANDS = 12
ROWS = 5
PERMUTATIONS = BANDS * ROWS
DEFAULT_THRESHOLD = 0.8
_WORD = re.compile(r"\w+")
# Fixed random masks and odd multipliers, so that signatures are the same in every process and
# run. Each permutation is x -> ((x ^ mask) * multiplier) mod 2**64, top 32 bits: the
# multiplication wraps around, so each permutation orders the shingles differently.
_RANDOM = np.random.default_rng(20250101)
_MASKS = _RANDOM.integers(0, 2**64 - 1, size=PERMUTATIONS, dtype=np.uint64, endpoint=True)
_MULTIPLIERS = _RANDOM.integers(0, 2**64 - 1, size=PERMUTATIONS, dtype=np.uint64, endpoint=True) | np.uint64(1)
_SHINGLE_BASE = np.uint64(0x100000001B3)  # an odd 64-bit prime (FNV's)


def signature(text: str) -> np.ndarray:
    """The MinHash signature (``PERMUTATIONS`` 32-bit values) of ``text``'s five-word shingles.

    A shingle's hash combines its words' hashes as a polynomial (mod 2**64), computed for all
    shingles at once; a repeated shingle leaves the minimum unchanged, as in a set.
    """
    words = _WORD.findall(text.lower()) or [""]
    hashes = np.fromiter(map(_word_hash, words), dtype=np.uint64, count=len(words))
    size = min(SHINGLE_WORDS, len(words))
    count = len(words) - size + 1
    shingles = hashes[:count].copy()
    for offset in range(1, size):
        shingles = shingles * _SHINGLE_BASE + hashes[offset:offset + count]  # uint64 arithmetic wraps
    permuted = (shingles[:, None] ^ _MASKS) * _MULTIPLIERS
    return (permuted >> np.uint64(32)).astype(np.uint32).min(axis=0)


@lru_cache(maxsize=1 << 14)  # the frequent words; about 5 MB
def _word_hash(word: str) -> int:
    return int.from_bytes(hashlib.blake2b(word.encode("utf-8"), digest_size=8).digest(), "little")


def similarity(first: np.ndarray, second: np.ndarray) -> float:
    """Estimated Jaccard similarity of two signatures' shingle sets."""
    return float(np.mean(first == second))


def drop_near_duplicates(
    articles: Iterable[Article], report: BatchReport, *, threshold: float = DEFAULT_THRESHOLD
) -> Iterator[Article]:
    """``articles`` without the ones at least ``threshold`` similar to an earlier one.

    The first copy is kept; each later copy becomes a ``report`` skip
    ("near-duplicate", "same story as <source> (article <id>), similarity 0.94").
    """
    kept = _KeptIndex()
    for article in articles:
        current = signature(article.content)
        keys = np.array([hash((band, current[band * ROWS:(band + 1) * ROWS].tobytes())) for band in range(BANDS)],
                        dtype=np.int64)
        best, best_score = None, 0.0
        for row in kept.candidates(keys):
            score = similarity(current, kept.signatures[row])
            if score > best_score:
                best, best_score = row, score
        if best is not None and best_score >= threshold:
            report.skip(article.source, "near-duplicate", f"same story as {kept.sources[best]} "
                        f"(article {kept.ids[best]}), similarity {best_score:.2f}")
            continue
        kept.add(article, current, keys)
        yield article


class _KeptIndex:
    """The kept articles' ids, sources and signatures, and their bucket keys, in compact arrays.

    Bucket keys (a hash of a band's rows; ``BANDS`` per article) live in a
    sorted NumPy array searched with ``searchsorted``, plus a small dict of
    recent ones merged into it from time to time: about 0.4 KB per kept
    article in all, where a dict entry per key would take 1 KB more.
    """

    def __init__(self):
        self.ids: list[str] = []
        self.sources: list[str] = []
        self.signatures = np.empty((256, PERMUTATIONS), dtype=np.uint32)
        self._keys = np.empty(0, dtype=np.int64)
        self._rows = np.empty(0, dtype=np.int32)
        self._recent: dict[int, list[int]] = {}
        self._recent_count = 0

    def candidates(self, keys: np.ndarray) -> list[int]:
        """Rows of kept articles that share a bucket with ``keys``, each once, oldest first."""
        found: set[int] = set()
        for key, position in zip(keys.tolist(), np.searchsorted(self._keys, keys).tolist()):
            while position < len(self._keys) and self._keys[position] == key:
                found.add(int(self._rows[position]))
                position += 1
            found.update(self._recent.get(key, ()))
        return sorted(found)

    def add(self, article: Article, signature_: np.ndarray, keys: np.ndarray) -> None:
        row = len(self.ids)
        if row == len(self.signatures):
            self.signatures = np.concatenate([self.signatures, np.empty_like(self.signatures)])
        self.signatures[row] = signature_
        self.ids.append(article.id)
        self.sources.append(article.source)
        for key in keys.tolist():
            self._recent.setdefault(key, []).append(row)
        self._recent_count += len(keys)
        if self._recent_count > max(4096, len(self._keys) // 8):
            self._merge()

    def _merge(self) -> None:
        pairs = [(key, row) for key, rows in self._recent.items() for row in rows]
        keys = np.concatenate([self._keys, np.fromiter((key for key, _ in pairs), dtype=np.int64, count=len(pairs))])
        rows = np.concatenate([self._rows, np.fromiter((row for _, row in pairs), dtype=np.int32, count=len(pairs))])
        order = np.argsort(keys, kind="stable")
        self._keys, self._rows = keys[order], rows[order]
        self._recent, self._recent_count = {}, 0
