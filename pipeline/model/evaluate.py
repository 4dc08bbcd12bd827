"""Evaluation: precision, recall and F1 of extractions against gold files.

Two gold sources are scored. ``read_gold`` reads newsgraph's own
``*.expected.json`` files (canonical entities, normalised amounts,
percentages and relations of one article each); ``score_articles`` compares
them with the ``Extraction`` records of the same articles. ``evaluate_smartdata``
runs an ``extract`` callable over the DFKI SmartData JSONL corpus and scores
ORG/PER/LOC mentions by exact offsets and ACQUISITION, LEADERSHIP, MERGER and
SPINOFF relations by their parties. Names are compared casefolded; entities and relations are sets
per article (a fact stated twice counts once), amounts are multisets (each
mention counts). A gold file's entity is one entity under every surface it
lists: a predicted name that is a surface of exactly one gold entity ("HPE"
for "Hewlett Packard Enterprise") stands for that entity, and when two
predicted names stand for one entity (the pipeline split it) the second is a
false positive. Counts are micro-averaged per category and type, and every
false positive and false negative is kept, per article, for debugging.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, Callable, Hashable, Iterable, Sequence

from pipeline.core.errors import InputError
from pipeline.core.records import Amount, Article, Extraction, Money, Relation
from pipeline.core.vocabulary import KEY_ROLES, RELATION_TYPES, key_parties
from pipeline.extract.entities import canonical_name, strip_legal_form

SCORED_LABELS = frozenset({"ORG", "PER", "LOC"})
ALL = "ALL"
ROW_HEADERS = ("category", "type", "tp", "fp", "fn", "precision", "recall", "f1")
MISMATCH_HEADERS = ("article", "category", "kind", "item")

SMARTDATA_LABELS = {
    "ORGANIZATION_COMPANY": "ORG",
    "ORGANIZATION": "ORG",
    "PERSON": "PER",
    "LOCATION": "LOC",
    "LOCATION_CITY": "LOC",
}
SMARTDATA_UNSCORED = frozenset({"LOCATION_STREET", "LOCATION_STOP", "LOCATION_ROUTE"})
SMARTDATA_FIELDS = frozenset({"id", "text", "entities", "relations"})
# SmartData relation type -> (newsgraph type, SmartData roles of the two key parties). A Merger's
# companies are all "old": each pair of them is one MERGER, in either order.
SMARTDATA_RELATIONS = {
    "Acquisition": ("ACQUISITION", ("buyer", "acquired")),
    "OrganizationLeadership": ("LEADERSHIP", ("person", "organization")),
    "Merger": ("MERGER", ("old", "old")),
    "SpinOff": ("SPINOFF", ("parent", "child")),
}
# SmartData's SpinOff also marks a parent and its subsidiary ("die Daimler-Tochter Moovel"), which
# newsgraph states as OWNERSHIP: an OWNERSHIP of the same two parties matches it. SmartData does
# not annotate ownership, so an OWNERSHIP that matches no SpinOff is not counted against precision.
SMARTDATA_ALSO_MATCHES = {"SPINOFF": "OWNERSHIP"}
SYMMETRIC_TYPES = frozenset(name for name, relation_type in RELATION_TYPES.items() if relation_type.symmetric)
# "40 Milliarden Yuan (5,5 Milliarden USD)": the bracketed amount starts at most
# this many characters after the end of the amount it converts.
EQUIVALENT_GAP = 3

Key = tuple[Hashable, ...]
Extract = Callable[[Iterable[Article]], Iterable[Extraction]]


@dataclass(frozen=True)
class GoldArticle:
    """The expected extraction of one article, as comparable keys.

    Names in the keys are casefolded; amounts are ``(value, currency,
    qualifier)``; relations are ``(type, first key party, second key party,
    amount value, currency, share percent)``, absent parts None.
    """

    name: str  # the article file's name, used in mismatch listings
    article_path: Path
    entities: frozenset[Key]
    amounts: tuple[Key, ...]
    percentages: tuple[Decimal | int, ...]
    relations: frozenset[Key]
    # casefolded surface -> casefolded canonical name, for surfaces of exactly one entity
    names: dict[str, str] = field(default_factory=dict)

    def resolve(self, name: str | None) -> str | None:
        """The gold entity a predicted (casefolded) name stands for, or the name itself."""
        return self.names.get(name, name) if name else name


@dataclass(frozen=True)
class Score:
    """Counts for one (category, type). A ratio with an empty denominator is
    1.0 when there was nothing to find and nothing found, else 0.0."""

    category: str
    type: str
    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return _ratio(self.tp, self.tp + self.fp, self.fn)

    @property
    def recall(self) -> float:
        return _ratio(self.tp, self.tp + self.fn, self.fp)

    @property
    def f1(self) -> float:
        return _ratio(2 * self.tp, 2 * self.tp + self.fp + self.fn, 0)


@dataclass(frozen=True)
class Mismatch:
    """One false positive ("fp") or false negative ("fn") in one article."""

    article: str
    category: str
    kind: str
    item: str


@dataclass(frozen=True)
class EvalReport:
    """Scores per (category, type), ``ALL`` last in each category, and mismatches."""

    articles: int
    skipped: int  # articles the pipeline skipped (not German, unreadable, ...)
    scores: tuple[Score, ...]
    mismatches: tuple[Mismatch, ...]

    def score(self, category: str, type: str = ALL) -> Score:
        """The score for ``category``/``type``; all zero counts when none was seen."""
        for score in self.scores:
            if (score.category, score.type) == (category, type):
                return score
        return Score(category, type, 0, 0, 0)

    def rows(self) -> list[tuple]:
        """One row per score, in ``ROW_HEADERS`` order, ratios rounded to 3 places."""
        return [
            (s.category, s.type, s.tp, s.fp, s.fn, round(s.precision, 3), round(s.recall, 3), round(s.f1, 3))
            for s in self.scores
        ]

    def mismatch_rows(self) -> list[tuple[str, str, str, str]]:
        """One row per mismatch, in ``MISMATCH_HEADERS`` order."""
        return [(m.article, m.category, m.kind, m.item) for m in self.mismatches]

    def to_dict(self) -> dict[str, Any]:
        return {
            "articles": self.articles,
            "skipped": self.skipped,
            "scores": [dict(zip(ROW_HEADERS, row)) for row in self.rows()],
            "mismatches": [dict(zip(MISMATCH_HEADERS, row)) for row in self.mismatch_rows()],
        }


def read_gold(path: Path) -> list[GoldArticle]:
    """Read one ``*.expected.json`` file, or every one under a folder (recursively).

    Each file's "article" key names its article file in the same folder.
    Raises ``InputError`` (naming the file) for unreadable JSON, a missing
    article file or an unknown relation type.
    """
    files = sorted(path.rglob("*.expected.json")) if path.is_dir() else [path]
    return [_read_gold_file(file) for file in files]


def score_articles(pairs: Iterable[tuple[GoldArticle, Extraction]]) -> EvalReport:
    """Score each extraction against the gold of the same article."""
    tally = _Tally()
    for gold, extraction in pairs:
        tally.articles += 1
        tally.skipped += extraction.skipped is not None
        name = gold.name
        entities = [(gold.resolve(entity_name), label) for entity_name, label in _entity_keys(extraction)]
        tally.compare(name, "entity", gold.entities, entities, type_of=lambda key: key[1])
        predicted_amounts = _amount_keys(extraction.amounts)
        tally.compare(name, "amount", gold.amounts, predicted_amounts)
        tally.compare(
            name,
            "amount_loose",
            [key[:2] for key in gold.amounts],
            [key[:2] for key in predicted_amounts],
        )
        tally.compare(name, "percent", [(p,) for p in gold.percentages], _percent_keys(extraction))
        tally.compare(
            name,
            "relation",
            gold.relations,
            [_resolved(gold, key) for key in {_relation_key(relation) for relation in extraction.relations}],
            type_of=lambda key: key[0],
        )
    return tally.report()


def evaluate_smartdata(path: Path, extract: Extract) -> EvalReport:
    """Run ``extract`` over a SmartData JSONL file and score it.

    Mentions: ORG/PER/LOC with exact offsets (``SMARTDATA_LABELS``); a
    prediction overlapping a street, stop or route span is not scored.
    Relations: ``SMARTDATA_RELATIONS``, a predicted party matching a gold
    argument's text, its normalized value, or the canonical name the
    extraction gave a mention inside that argument's span. Documents
    the extraction does not return count as all missed. Raises ``InputError``
    for a line that is not a SmartData document, ``OSError`` if unreadable.
    """
    documents = read_smartdata(path)
    articles = [_smartdata_article(document, path, line) for line, document in documents]
    extractions = {extraction.article.id: extraction for extraction in extract(articles)}
    tally = _Tally()
    for _, document in documents:
        extraction = extractions.get(document["id"])
        mentions = extraction.mentions if extraction else ()
        relations = extraction.relations if extraction else ()
        tally.articles += 1
        tally.skipped += extraction is None or extraction.skipped is not None
        text = document["text"]
        gold_mentions = {
            _mention_key(text, entity["start"], entity["end"], SMARTDATA_LABELS[entity["type"]])
            for entity in document["entities"]
            if entity["type"] in SMARTDATA_LABELS
        }
        unscored = [(e["start"], e["end"]) for e in document["entities"] if e["type"] in SMARTDATA_UNSCORED]
        predicted_mentions = {
            _mention_key(text, mention.start, mention.end, mention.label)
            for mention in mentions
            if mention.label in SCORED_LABELS and mention.field == "text"
            and not any(start < mention.end and mention.start < end for start, end in unscored)
        }
        tally.compare(document["id"], "mention", gold_mentions, predicted_mentions, type_of=lambda key: key[0])
        canonical_at = {
            (mention.start, mention.end): mention.canonical.casefold()
            for mention in mentions
            if mention.canonical and mention.field == "text"
        }
        _score_smartdata_relations(tally, document, relations, canonical_at)
    return tally.report()


class _Tally:
    """Accumulates counts and mismatches while articles are scored."""

    def __init__(self) -> None:
        self.articles = 0
        self.skipped = 0
        self.counts: dict[tuple[str, str], list[int]] = {}
        self.mismatches: list[Mismatch] = []

    def compare(
        self,
        article: str,
        category: str,
        gold: Iterable[Key],
        predicted: Iterable[Key],
        type_of: Callable[[Key], str] | None = None,
    ) -> None:
        """Multiset comparison of keys; pass sets for set semantics."""
        gold_counts, predicted_counts = Counter(gold), Counter(predicted)
        self.record(
            article,
            category,
            list((gold_counts & predicted_counts).elements()),
            list((predicted_counts - gold_counts).elements()),
            list((gold_counts - predicted_counts).elements()),
            type_of,
        )

    def record(
        self,
        article: str,
        category: str,
        matched: Sequence[Key],
        spurious: Sequence[Key],
        missed: Sequence[Key],
        type_of: Callable[[Key], str] | None = None,
    ) -> None:
        for column, keys in enumerate((matched, spurious, missed)):
            for key in keys:
                types = {ALL, type_of(key)} if type_of else {ALL}
                for type_ in types:
                    self.counts.setdefault((category, type_), [0, 0, 0])[column] += 1
        for kind, keys in (("fp", spurious), ("fn", missed)):
            self.mismatches += [Mismatch(article, category, kind, item) for item in sorted(map(_render, keys))]

    def report(self) -> EvalReport:
        categories = list(dict.fromkeys(category for category, _ in self.counts))
        scores = []
        for category in categories:
            types = sorted(type_ for cat, type_ in self.counts if cat == category and type_ != ALL)
            for type_ in [*types, ALL]:
                scores.append(Score(category, type_, *self.counts[category, type_]))
        return EvalReport(self.articles, self.skipped, tuple(scores), tuple(self.mismatches))


def _ratio(numerator: int, denominator: int, other_errors: int) -> float:
    if denominator:
        return numerator / denominator
    return 1.0 if other_errors == 0 else 0.0


ACADEMIC_TITLE = re.compile(r"^((Dr|Prof)\.\s*)+")


def _fold(name: str | None) -> str | None:
    return name.casefold() if name else None


def _number(value: Any) -> Decimal | int:
    """Gold and predicted numbers as one comparable, readable type."""
    number = Decimal(str(value))
    return int(number) if number == number.to_integral_value() else number.normalize()


def _render(key: Key) -> str:
    return " | ".join("-" if part is None else str(part) for part in key)


def _money_key(money: Money) -> Key:
    return (_number(money.value), money.currency, money.qualifier)


def _entity_keys(extraction: Extraction) -> set[Key]:
    return {(_fold(entity.name), entity.label) for entity in extraction.entities if entity.label in SCORED_LABELS}


def _amount_keys(amounts: Sequence[Amount]) -> list[Key]:
    """Each amount, plus the bracketed equivalent it carries.

    The gold lists "40 Milliarden Yuan (5,5 Milliarden USD)" as two amounts;
    the extraction may give one ``Amount`` with ``money.equivalent`` or two
    ``Amount``s. The equivalent is counted unless it also has its own Amount.
    """
    keys = []
    for amount in amounts:
        keys.append(_money_key(amount.money))
        equivalent = amount.money.equivalent
        if equivalent is not None and not any(
            other is not amount
            and amount.start <= other.start <= amount.end + EQUIVALENT_GAP
            and _money_key(other.money) == _money_key(equivalent)
            for other in amounts
        ):
            keys.append(_money_key(equivalent))
    return keys


def _percent_keys(extraction: Extraction) -> list[Key]:
    """Values of the PERCENT mentions ("Etwa 60 %" -> 60; "12,5 Prozent" -> 12.5)."""
    keys = []
    for mention in extraction.mentions:
        match = re.search(r"\d+(?:,\d+)?", mention.text) if mention.label == "PERCENT" else None
        if match:
            keys.append((_number(match.group().replace(",", ".")),))
    return keys


def _relation_key(relation: Relation) -> Key:
    first, second = KEY_ROLES[relation.type]
    money = relation.amount
    share = relation.percent.value if relation.percent and relation.type == "ORDER_SHARE" else None
    return (
        relation.type,
        *key_parties(relation.type, _fold(relation.roles.get(first)), _fold(relation.roles.get(second))),
        _number(money.value) if money else None,
        money.currency if money else None,
        _number(share) if share is not None else None,
    )


def _resolved(gold: GoldArticle, key: Key) -> Key:
    """A predicted relation key with its parties named as the gold entities they stand for."""
    type_, first, second, *rest = key
    return (type_, *key_parties(type_, gold.resolve(first), gold.resolve(second)), *rest)


def _gold_names(entities: list[dict[str, Any]]) -> dict[str, str]:
    """Each folded name that stands for one gold entity -> that entity's folded canonical name.

    A gold surface stands for its entity, and so does the name newsgraph would give it: without its
    legal form ("Mitteldeutsche Flughafen" for "... AG"), a group with a space ("Luksic Gruppe" for
    "Luksic-Gruppe"), a listed company by its entry ("E.ON" for "Eon"). Such a derived name counts
    only where no surface of another entity is spelled so."""
    surfaces: dict[str, set[str]] = {}
    derived: dict[str, set[str]] = {}
    for entity in entities:
        canonical = _fold(entity["canonical"])
        for surface in {entity["canonical"], *entity.get("surfaces", ())}:
            surfaces.setdefault(_fold(surface), set()).add(canonical)
            for name in {strip_legal_form(surface), canonical_name(surface, entity["type"])[0]}:
                derived.setdefault(_fold(name), set()).add(canonical)
    names = {name: owners for name, owners in derived.items() if name not in surfaces}
    names.update(surfaces)
    return {name: next(iter(owners)) for name, owners in names.items() if len(owners) == 1}


def _read_gold_file(file: Path) -> GoldArticle:
    try:
        data = json.loads(file.read_text(encoding="utf-8"), parse_float=Decimal)
        article_path = file.parent / data["article"]
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, KeyError, TypeError) as error:
        raise InputError(f"{file}: not a readable gold file with an 'article' key ({error})") from error
    if not article_path.is_file():
        raise InputError(f"{file}: article file {article_path.name!r} not found beside it")
    return GoldArticle(
        name=article_path.name,
        article_path=article_path,
        entities=frozenset(
            (_fold(entity["canonical"]), entity["type"])
            for entity in data.get("entities", [])
            if entity["type"] in SCORED_LABELS
        ),
        amounts=tuple(
            (_number(item["value"]), item.get("currency"), item.get("qualifier")) for item in data.get("money", [])
        ),
        percentages=tuple(_number(item["value"]) for item in data.get("percentages", [])),
        relations=frozenset(_gold_relation_key(file, item) for item in data.get("relations", [])),
        names=_gold_names(data.get("entities", [])),
    )


def _gold_relation_key(file: Path, item: dict[str, Any]) -> Key:
    """Accepts roles at top level or under "roles", and "amount" as a number
    (with "currency" beside it) or as ``{"value", "currency"}``."""
    type_ = item.get("type")
    if type_ not in KEY_ROLES:
        raise InputError(f"{file}: unknown relation type {type_!r}; known: {', '.join(KEY_ROLES)}")
    roles = item.get("roles", item)
    first, second = KEY_ROLES[type_]
    amount = item.get("amount")
    value, currency = (amount.get("value"), amount.get("currency")) if isinstance(amount, dict) else (
        amount,
        item.get("currency"),
    )
    share = item.get("share_percent") if type_ == "ORDER_SHARE" else None
    return (
        type_,
        *key_parties(type_, _fold(roles.get(first)), _fold(roles.get(second))),
        _number(value) if value is not None else None,
        currency if value is not None else None,
        _number(share) if share is not None else None,
    )


def read_smartdata(path: Path) -> list[tuple[int, dict[str, Any]]]:
    """The documents of a SmartData JSON lines file with their line numbers; ``InputError``
    names the line of one that is not JSON or lacks a field."""
    documents = []
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                document = json.loads(line)
            except json.JSONDecodeError as error:
                raise InputError(f"{path}:{number}: not JSON ({error})") from error
            if not isinstance(document, dict) or not SMARTDATA_FIELDS <= document.keys():
                needed = ", ".join(sorted(SMARTDATA_FIELDS))
                raise InputError(f"{path}:{number}: not a SmartData document (needs {needed})")
            documents.append((number, document))
    return documents


def _smartdata_article(document: dict[str, Any], path: Path, line: int) -> Article:
    return Article(
        id=document["id"],
        text=document["text"],
        source=f"{path}:{line}",
        title=document.get("title"),
        url=document.get("uri"),
        published=document.get("date"),
    )


def _mention_key(text: str, start: int, end: int, label: str) -> Key:
    return (label, start, end, text[start:end])


def _score_smartdata_relations(
    tally: _Tally,
    document: dict[str, Any],
    relations: Sequence[Relation],
    canonical_at: dict[tuple[int, int], str],
) -> None:
    # Gold parties are sets of acceptable names, so keys cannot be matched by
    # equality: match greedily, each gold relation at most once. A party the
    # annotators left out (an Acquisition without its buyer) accepts any name.
    gold: dict[Key, Key] = {}  # (type, names of party 1, names of party 2) -> display key
    for relation in document["relations"]:
        if relation["type"] not in SMARTDATA_RELATIONS:
            continue
        type_, roles = SMARTDATA_RELATIONS[relation["type"]]
        for parties in _gold_party_pairs(relation["args"], roles):
            names = tuple(_acceptable_names(arg, canonical_at) for arg in parties)
            gold.setdefault((type_, *names), (type_, *(arg["text"] if arg else None for arg in parties)))
    scored_types = {type_ for type_, _ in SMARTDATA_RELATIONS.values()}
    alternatives = {alternative: type_ for type_, alternative in SMARTDATA_ALSO_MATCHES.items()}
    predicted = {
        (relation.type, *(_fold(relation.roles.get(role)) for role in KEY_ROLES[relation.type]))
        for relation in relations
        if relation.type in scored_types or relation.type in alternatives
    }
    unmatched = dict(gold)
    matched, spurious = [], []
    for key in sorted(predicted, key=_render):
        type_, first, second = key
        gold_type = alternatives.get(type_, type_)
        orders = [(first, second), (second, first)] if type_ in SYMMETRIC_TYPES else [(first, second)]
        hit = next(
            (g for g in unmatched for a, b in orders
             if g[0] == gold_type and _accepts(g[1], a) and _accepts(g[2], b)),
            None,
        )
        if hit is not None:
            matched.append(unmatched.pop(hit))
        elif type_ in scored_types:
            spurious.append(key)
    missed = list(unmatched.values())
    tally.record(document["id"], "relation", matched, spurious, missed, type_of=lambda key: key[0])


def _gold_party_pairs(args: Sequence[dict[str, Any]], roles: tuple[str, str]) -> list[tuple[Any, Any]]:
    """The (party 1, party 2) argument pairs of one SmartData relation; None for a role left out.
    Two roles of one name (a Merger's "old") give every pair of distinct arguments, none if fewer
    than two are annotated."""
    first, second = roles
    if first == second:
        same = [arg for arg in args if arg["role"] == first]
        return [(a, b) for i, a in enumerate(same) for b in same[i + 1 :]]
    return [tuple(next((arg for arg in args if arg["role"] == role), None) for role in roles)]


def _accepts(names: frozenset[str | None], name: str | None) -> bool:
    return name in names or (names == {None} and name is not None)


def _acceptable_names(
    arg: dict[str, Any] | None, canonical_at: dict[tuple[int, int], str]
) -> frozenset[str | None]:
    if arg is None:
        return frozenset({None})
    names = {_fold(arg["text"]), _fold(arg.get("normalized"))}
    # The canonical names the extraction gave the mentions inside the argument's span: "Systemhaus
    # Netgo" is the company newsgraph calls Netgo.
    names.update(name for (start, end), name in canonical_at.items() if arg["start"] <= start and end <= arg["end"])
    # The pipeline's own normalisation of the gold name ("Bellevue Group" -> "Bellevue", "Dr. Stefan Sommer").
    names.add(_fold(canonical_name(ACADEMIC_TITLE.sub("", arg["text"]), "ORG")[0]))
    return frozenset(names - {None})
