"""Train the relation scorer (``pipeline/relation_scorer.py``) on gold folders, or measure it by
cross-validation.

    python scripts/train_relation_scorer.py data/raw data/eval/dev --out pipeline/data/relation_scorer.json
    python scripts/train_relation_scorer.py data/raw data/eval/dev --folds 5 --cross-validate data/eval/dev

Training examples are the candidate pairs of every sentence of every gold article (see
``relation_candidates``), labelled by the article's gold relations: a pair is positive for a type
when the gold holds that type with the two as its key parties. With ``--cross-validate FOLDER``
the articles of FOLDER are split into ``--folds`` parts; each part is extracted by a scorer trained
on every other article, and the relation scores printed are those of the held-out parts, frames
and scorer together, beside the frames alone. The test split (``data/eval/test``) is never read
here.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

from pipeline import evaluate as scoring
from pipeline.batch import BatchReport, extract_articles
from pipeline.ingest import read_articles
from pipeline.nlp import build_nlp
from pipeline.records import KEY_ROLES, key_parties
from pipeline.relation_scorer import TYPES, Example, RelationScorer, train
from pipeline.relations import frame_relations, relation_candidates, using_scorer


def fold(name: str | None) -> str | None:
    return name.casefold() if name else None


def gold_examples(nlp, gold: scoring.GoldArticle) -> list[Example]:
    """The candidate pairs of one gold article, labelled."""
    positives: dict[tuple[str | None, str | None], set[int]] = {}
    for key in gold.relations:
        type_, first, second = key[:3]
        positives.setdefault((first, second), set()).add(TYPES.index(type_))
    (article,) = read_articles([gold.article_path], BatchReport())
    with using_scorer(None):
        doc = nlp(article.content)
    found, _ = frame_relations(doc)
    examples = []
    for _sent, first, second, features, allowed in relation_candidates(doc, found):
        labels = set()
        for column in allowed:
            type_ = TYPES[column]
            if column in positives.get(key_parties(type_, fold(first.name), fold(second.name)), ()):
                labels.add(column)
        examples.append(Example(tuple(features), tuple(allowed), frozenset(labels), frozenset(range(len(TYPES)))))
    return examples


#: The SmartData relation types the scorer learns from SmartData: its SpinOff also marks plain
#: ownership ("die Daimler-Tochter Moovel"), so neither SPINOFF nor OWNERSHIP is learnt from it.
SMARTDATA_LEARNT = {"Acquisition", "OrganizationLeadership", "Merger"}


def smartdata_examples(nlp, path: Path, limit: int | None = None) -> list[list[Example]]:
    """The candidate pairs of each SmartData document, labelled for the types SmartData annotates."""
    documents = scoring._read_smartdata(path)[:limit]
    annotated = frozenset(TYPES.index(scoring.SMARTDATA_RELATIONS[name][0]) for name in SMARTDATA_LEARNT)
    per_document = []
    for _, document in documents:
        with using_scorer(None):
            doc = nlp(document["text"])
        canonical_at = {(ent.start_char, ent.end_char): fold(ent._.canonical) for ent in doc.ents if ent._.canonical}
        gold = []
        for relation in document["relations"]:
            if relation["type"] not in SMARTDATA_LEARNT:
                continue
            type_, roles = scoring.SMARTDATA_RELATIONS[relation["type"]]
            for parties in scoring._gold_party_pairs(relation["args"], roles):
                if None not in parties:
                    gold.append((TYPES.index(type_), *(scoring._acceptable_names(arg, canonical_at) for arg in parties)))
        found, _ = frame_relations(doc)
        examples = []
        for _sent, first, second, features, allowed in relation_candidates(doc, found):
            names = (fold(first.name), fold(second.name))
            labels = {column for column, a, b in gold if column in allowed and (
                names[0] in a and names[1] in b or TYPES[column] in scoring.SYMMETRIC_TYPES
                and names[1] in a and names[0] in b)}
            examples.append(Example(tuple(features), tuple(allowed), frozenset(labels), annotated))
        per_document.append(examples)
    return per_document


def score_folder(nlp, golds: list[scoring.GoldArticle], scorer: RelationScorer | None) -> scoring.EvalReport:
    articles = read_articles([gold.article_path for gold in golds], BatchReport())
    with using_scorer(scorer):
        extractions = list(extract_articles(articles, nlp, BatchReport()))
    return scoring.score_articles(zip(golds, extractions))


def print_relations(title: str, report: scoring.EvalReport) -> None:
    print(f"# {title}")
    for category, type_, tp, fp, fn, precision, recall, f1 in report.rows():
        if category == "relation":
            print(f"{type_:<12} tp {tp:>4} fp {fp:>4} fn {fn:>4}  P {precision:.3f} R {recall:.3f} F1 {f1:.3f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("gold", nargs="+", type=Path, help="folders of gold files to train on")
    parser.add_argument("--out", type=Path, help="where to write the trained weights")
    parser.add_argument("--cross-validate", type=Path, help="score held-out parts of this folder (one of GOLD)")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--threshold", type=float, default=0.5)
    parser.add_argument("--epochs", type=int, default=12)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--smartdata", type=Path, help="also learn from this SmartData JSONL (train split)")
    parser.add_argument("--smartdata-limit", type=int)
    parser.add_argument("--score-smartdata", type=Path, help="score this SmartData JSONL (dev split) held out")
    args = parser.parse_args()
    if any(part == "test" for folder in args.gold for part in folder.parts):
        parser.error("the test split is scored, never trained on")
    nlp = build_nlp()
    golds = {folder: scoring.read_gold(folder) for folder in args.gold}
    examples = {gold.name: gold_examples(nlp, gold) for folder in golds.values() for gold in folder}
    if args.smartdata:
        for number, items in enumerate(smartdata_examples(nlp, args.smartdata, args.smartdata_limit)):
            examples[f"smartdata:{number}"] = items
    print(f"{len(examples)} articles, {sum(map(len, examples.values()))} candidate pairs, "
          f"{sum(bool(e.positive) for items in examples.values() for e in items)} positive", file=sys.stderr)

    def fit(names: set[str]) -> RelationScorer:
        scorer = train([e for name in names for e in examples[name]], epochs=args.epochs, seed=args.seed)
        scorer.thresholds = {type_: args.threshold for type_ in TYPES}
        return scorer

    if args.cross_validate:
        held = list(golds[args.cross_validate])
        random.Random(args.seed).shuffle(held)
        parts = [held[k::args.folds] for k in range(args.folds)]
        frames_only = score_folder(nlp, held, None)
        combined_pairs = []
        for part in parts:
            scorer = fit(set(examples) - {gold.name for gold in part})
            articles = read_articles([gold.article_path for gold in part], BatchReport())
            with using_scorer(scorer):
                combined_pairs += list(zip(part, extract_articles(articles, nlp, BatchReport())))
        print_relations(f"{args.cross_validate}: frames alone", frames_only)
        print_relations(f"{args.cross_validate}: frames and scorer, {args.folds}-fold held out",
                        scoring.score_articles(combined_pairs))
    if args.score_smartdata:
        scorer = fit(set(examples))
        extract = lambda articles: extract_articles(articles, nlp, BatchReport())  # noqa: E731
        with using_scorer(None):
            print_relations(f"{args.score_smartdata}: frames alone", scoring.evaluate_smartdata(args.score_smartdata, extract))
        with using_scorer(scorer):
            print_relations(f"{args.score_smartdata}: frames and scorer", scoring.evaluate_smartdata(args.score_smartdata, extract))
    if args.out:
        fit(set(examples)).save(args.out)
        print(f"wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
