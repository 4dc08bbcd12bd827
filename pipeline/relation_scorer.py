"""A trained scorer over candidate relations: every ordered pair of parties in a sentence.

The hand-written frames in ``pipeline.relations`` find a relation only where a sentence says it
in a shape they know. The scorer reads every pair of parties (names, and the words that stand
for them: "der Konzern") in every sentence and gives, for each relation type, the probability
that the sentence states that relation between the two in that order. Its features are the
words between and around the two, their prepositions and compounds ("Siemens-Tochter"), the
sentence's word stems, and what the frames found for the same pair; its model is one logistic
regression per type (one-vs-rest, so one pair may hold two relations), trained by
``scripts/train_relation_scorer.py`` on gold files. The weights ship in
``pipeline/data/relation_scorer.json``; only numpy is needed to read and apply them.
"""

from __future__ import annotations

import json
import math
import random
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Protocol, Sequence

import numpy as np

from pipeline.records import KEY_ROLES

#: The relation types the scorer predicts, in the order of its weight columns.
TYPES: tuple[str, ...] = tuple(KEY_ROLES)
DEFAULT_WEIGHTS = Path(__file__).parent / "data" / "relation_scorer.json"
BETWEEN_REACH = 12  # words between the two parties read one by one; further apart is "far"


class PartyLike(Protocol):
    start: int
    end: int
    name: str
    label: str
    explicit: bool
    compound: bool
    genitive: bool
    preposition: str | None
    coordinated: bool
    unlisted: bool


def allowed_types(first: PartyLike, second: PartyLike) -> list[int]:
    """The columns of the types whose two key roles ``first`` and ``second`` can fill, by label."""
    first_org = first.label == "ORG" or first.unlisted
    second_org = second.label == "ORG" or second.unlisted
    allowed = []
    for column, type_ in enumerate(TYPES):
        if type_ == "LEADERSHIP":
            ok = first.label == "PER" and not first.unlisted and second_org
        elif type_ == "INVESTMENT":
            ok = (first_org or first.label == "LOC") and second_org
        else:
            ok = first_org and second_org
        if ok:
            allowed.append(column)
    return allowed


def _stem(word: str) -> str:
    return word[:5]


def pair_features(words: Sequence[str], sent_start: int, sent_end: int, first: PartyLike, second: PartyLike,
                  rule_types: Iterable[str], reversed_rule_types: Iterable[str], *, has_money: bool,
                  has_percent: bool, sentence_stems: Sequence[str]) -> list[str]:
    """The features of the candidate "``first`` takes the first key role, ``second`` the second".

    ``words`` are the document's lower-cased words; ``first``/``second`` token spans in it
    (``second`` may be the article's salient organisation, not written in the sentence: then its
    start is -1). ``rule_types`` are the types the frames found with this pair in this order,
    ``reversed_rule_types`` in the other order.
    """
    implicit = second.start < 0
    forward = implicit or first.start < second.start
    order = "implicit" if implicit else "ab" if forward else "ba"
    features = ["bias", f"order={order}", f"labels={first.label}{'?' * first.unlisted}"
                f"/{second.label}{'?' * second.unlisted}/{order}"]
    for role, party in (("a", first), ("b", second)):
        if party.start < 0:
            continue
        features.append(f"{role}.explicit={party.explicit}")
        features.append(f"{role}.prep={party.preposition}/{order}")
        if party.compound and party.end + 1 < len(words) and words[party.end] == "-":
            head = words[party.end + 1]
            features += [f"{role}.head={head}", f"{role}.head-end={head[-5:]}"]
        if party.genitive:
            features.append(f"{role}.genitive")
        for offset in (1, 2):
            if party.start - offset >= sent_start:
                features.append(f"{role}.before{offset}={words[party.start - offset]}")
        if party.end < sent_end:
            features.append(f"{role}.after={words[party.end]}")
    if not implicit:
        left, right = (first, second) if forward else (second, first)
        between = words[left.end:right.start]
        if len(between) > BETWEEN_REACH:
            features.append("far")
        else:
            features.append(f"gap={len(between)}")
            for word in between:
                if word.isalpha():
                    features += [f"between={word}", f"between.stem={_stem(word)}/{order}"]
        if right.coordinated and right.start - left.end <= 1:
            features.append("coordinated")
        for word in words[max(sent_start, left.start - 3):left.start]:
            features.append(f"before.stem={_stem(word)}")
        for word in words[right.end:min(sent_end, right.end + 3)]:
            features.append(f"after.stem={_stem(word)}")
    features += [f"rule={type_}" for type_ in rule_types]
    features += [f"rule.reversed={type_}" for type_ in reversed_rule_types]
    if has_money:
        features.append("money")
    if has_percent:
        features.append("percent")
    features += [f"sentence.stem={stem}" for stem in sentence_stems]
    return features


def sentence_stems(words: Sequence[str], start: int, end: int) -> list[str]:
    """The distinct stems of the sentence's words of three letters or more."""
    return sorted({_stem(word) for word in words[start:end] if len(word) > 2 and word.isalpha()})


@dataclass
class RelationScorer:
    """One logistic regression per relation type over string features."""

    index: dict[str, int]
    weights: np.ndarray  # (features, types)
    bias: np.ndarray  # (types,)
    thresholds: dict[str, float]

    def probabilities(self, features: Iterable[str]) -> np.ndarray:
        rows = [self.index[feature] for feature in features if feature in self.index]
        scores = self.weights[rows].sum(axis=0) + self.bias if rows else self.bias.copy()
        return 1.0 / (1.0 + np.exp(-np.clip(scores, -30, 30)))

    def save(self, path: Path) -> None:
        names = sorted(self.index, key=self.index.__getitem__)
        payload = {
            "types": list(TYPES),
            "thresholds": self.thresholds,
            "bias": [round(float(value), 4) for value in self.bias],
            "weights": {name: [round(float(value), 4) for value in self.weights[row]]
                        for row, name in enumerate(names) if np.abs(self.weights[row]).max() >= 1e-4},
        }
        path.write_text(json.dumps(payload, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, path: Path) -> RelationScorer:
        payload = json.loads(path.read_text(encoding="utf-8"))
        if tuple(payload["types"]) != TYPES:
            raise ValueError(f"{path}: trained for types {payload['types']}, newsgraph has {list(TYPES)}")
        names = list(payload["weights"])
        weights = np.array([payload["weights"][name] for name in names], dtype=np.float32).reshape(-1, len(TYPES))
        return cls({name: row for row, name in enumerate(names)}, weights,
                   np.array(payload["bias"], dtype=np.float32), dict(payload["thresholds"]))


@dataclass(frozen=True)
class Example:
    """One candidate pair with its features, the types it may hold, and those the gold gives it."""

    features: tuple[str, ...]
    allowed: tuple[int, ...]
    positive: frozenset[int]
    annotated: frozenset[int]  # the types the source's gold annotates (SmartData has four)


def train(examples: Sequence[Example], *, epochs: int = 12, rate: float = 0.2, l2: float = 1e-5,
          min_count: int = 2, seed: int = 0) -> RelationScorer:
    """Logistic regressions by stochastic gradient descent with AdaGrad steps and L2 decay.

    Features seen in fewer than ``min_count`` examples are dropped. Each type learns only from the
    examples that may hold it and whose source annotates it.
    """
    counts: dict[str, int] = {}
    for example in examples:
        for feature in set(example.features):
            counts[feature] = counts.get(feature, 0) + 1
    index = {feature: row for row, feature in enumerate(sorted(f for f, n in counts.items() if n >= min_count))}
    weights = np.zeros((len(index), len(TYPES)), dtype=np.float64)
    bias = np.zeros(len(TYPES), dtype=np.float64)
    squares = np.full((len(index), len(TYPES)), 1e-6)
    bias_squares = np.full(len(TYPES), 1e-6)
    rows_of = [np.array(sorted({index[f] for f in example.features if f in index}), dtype=np.int64)
               for example in examples]
    masks = []
    targets = []
    for example in examples:
        mask = np.zeros(len(TYPES))
        for column in example.allowed:
            if column in example.annotated:
                mask[column] = 1.0
        masks.append(mask)
        target = np.zeros(len(TYPES))
        for column in example.positive:
            target[column] = 1.0
        targets.append(target)
    order = list(range(len(examples)))
    shuffle = random.Random(seed).shuffle
    for _ in range(epochs):
        shuffle(order)
        for i in order:
            mask = masks[i]
            if not mask.any():
                continue
            rows = rows_of[i]
            score = weights[rows].sum(axis=0) + bias
            gradient = (1.0 / (1.0 + np.exp(-np.clip(score, -30, 30))) - targets[i]) * mask
            block = gradient[None, :] + l2 * weights[rows]
            squares[rows] += block * block
            weights[rows] -= rate * block / np.sqrt(squares[rows])
            bias_squares += gradient * gradient
            bias -= rate * gradient / np.sqrt(bias_squares)
    return RelationScorer(index, weights.astype(np.float32), bias.astype(np.float32),
                          {type_: 0.5 for type_ in TYPES})


_LOADED: list[RelationScorer | None] = []


def default_scorer() -> RelationScorer | None:
    """The shipped scorer, read once; None when no weights are shipped."""
    if not _LOADED:
        _LOADED.append(RelationScorer.load(DEFAULT_WEIGHTS) if DEFAULT_WEIGHTS.is_file() else None)
    return _LOADED[0]


