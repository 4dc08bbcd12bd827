"""Near-duplicate articles: the same agency story published on several sites.

``drop_near_duplicates`` passes each article through unless one seen earlier
in the stream tells nearly the same text; a copy is reported as skipped with
reason "near-duplicate", naming the article it was merged into and their
estimated similarity. Similarity is the Jaccard index of the articles' sets of
five-word shingles (lower-cased words of the content, boilerplate cut off),
estimated with MinHash signatures and found through locality-sensitive
hashing buckets, so each article costs the same whatever the batch size and
only a small signature per kept article stays in memory (about 1 KB).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from typing import Iterable, Iterator

import numpy as np

from pipeline.records import Article, BatchReport

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


@dataclass(frozen=True)
class _Kept:
    id: str
    source: str
    signature: np.ndarray


def signature(text: str) -> np.ndarray:
    """The MinHash signature (``PERMUTATIONS`` 32-bit values) of ``text``'s five-word shingles."""
    words = _WORD.findall(text.lower())
    count = max(1, len(words) - SHINGLE_WORDS + 1)
    shingles = {" ".join(words[i:i + SHINGLE_WORDS]) for i in range(count)}
    hashes = np.fromiter(
        (int.from_bytes(hashlib.blake2b(s.encode("utf-8"), digest_size=8).digest(), "little") for s in shingles),
        dtype=np.uint64, count=len(shingles),
    )
    permuted = (hashes[:, None] ^ _MASKS) * _MULTIPLIERS  # uint64 arithmetic wraps, as intended
    return (permuted >> np.uint64(32)).astype(np.uint32).min(axis=0)


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
    kept: list[_Kept] = []
    # Bucket key: a hash of (band, the band's rows); value: the kept articles in it (an int for one).
    buckets: dict[int, int | list[int]] = {}
    for article in articles:
        current = signature(article.content)
        keys = [hash((band, current[band * ROWS:(band + 1) * ROWS].tobytes())) for band in range(BANDS)]
        candidates = dict.fromkeys(index for key in keys for index in _indexes(buckets.get(key)))
        best, best_score = None, 0.0
        for index in candidates:
            score = similarity(current, kept[index].signature)
            if score > best_score:
                best, best_score = kept[index], score
        if best is not None and best_score >= threshold:
            report.skip(article.source, "near-duplicate",
                        f"same story as {best.source} (article {best.id}), similarity {best_score:.2f}")
            continue
        for key in keys:
            known = buckets.get(key)
            buckets[key] = len(kept) if known is None else [*_indexes(known), len(kept)]
        kept.append(_Kept(article.id, article.source, current))
        yield article


def _indexes(bucket: int | list[int] | None) -> list[int]:
    if bucket is None:
        return []
    return [bucket] if isinstance(bucket, int) else bucket
