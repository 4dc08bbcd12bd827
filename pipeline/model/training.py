"""Training and evaluating newsgraph's own German NER model from GermEval 2014 and SmartData.

GermEval 2014 (CC BY 4.0) comes as an outer-level BIOES train file and the
official four-column TSV dev/test files (see ``../shared/data/germeval2014``).
``read_germeval`` reads either into ``Sentence`` records; ``sentence_to_doc``
turns one into a spaCy ``Doc`` tokenised the way the shipped tokenizer
tokenises (hyphen compounds split by ``pipeline.extract.nlp.HYPHEN_COMPOUND_INFIX``)
and labelled with PER/ORG/LOC/OTH only: outer labels are kept, the inner
(nested) column is not used, ``*deriv`` adjectives ("deutsche") become O,
and a ``*part`` compound yields its modifier as the entity ("Nvidia" in
"Nvidia-Chips", "Rhein-Main" in "Rhein-Main-Gebiet": German compounds are
head-final), with leading prefixes such as "Ex" or "Anti" dropped; a ``*part``
word without a hyphen ("Deutschlandreise") becomes O, since no token span can
hold it. ``smartdata_to_doc`` does the same for a SmartData record, whose
train split the model learns from too. ``train_model`` converts the data and
runs spaCy's training loop with ``pipeline/model/config.cfg``, optionally with
static word vectors (``scripts/build_vectors.py``); ``evaluate_model`` scores a pipeline on
GermEval test (outer level) and on SmartData dev (ORG/PER/LOC, exact offsets).
"""

from __future__ import annotations

import json
import re
import shutil
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import spacy
from spacy.language import Language
from spacy.tokens import Doc, DocBin, Span
from spacy.training.initialize import init_nlp
from spacy.training.loop import train as spacy_train
from spacy.util import filter_spans
from spacy.vocab import Vocab

from pipeline.core.resources import MODEL_DIR
from pipeline.extract.lexicon import lexicon_hash_embed  # noqa: F401  registers the config's embed architecture
from pipeline.extract.nlp import HYPHEN_COMPOUND_INFIX, blank_german  # also registers the tokenizer callback
from pipeline.model.bundestag import PROTOCOLS_CREDIT
from pipeline.model.evaluate import SMARTDATA_LABELS, SMARTDATA_UNSCORED, read_smartdata
from pipeline.model.plain_text import credit_file

CONFIG_PATH = MODEL_DIR / "config.cfg"
GERMEVAL_FILES = {
    "train": "NER-de-train.outer-bioes.txt",
    "dev": "NER-de-dev.tsv",
    "test": "NER-de-test.tsv",
}
ENTITY_LABELS = ("PER", "ORG", "LOC", "OTH")
CORE_LABELS = ("PER", "ORG", "LOC")
# Other pipelines' label names for the same classes (official spaCy models say MISC).
LABEL_ALIASES = {"PER": "PER", "ORG": "ORG", "LOC": "LOC", "OTH": "OTH", "MISC": "OTH"}
# Compound segments that modify the entity rather than belong to it ("Ex-SPD-Chef").
NON_ENTITY_PREFIXES = frozenset(
    {"Ex", "Anti", "Pro", "Pseudo", "Neo", "Post", "Prä", "Nicht", "Vize", "Super", "Mega"}
)
_COMPOUND_SPLIT = re.compile(f"({HYPHEN_COMPOUND_INFIX})")


@dataclass(frozen=True)
class Sentence:
    """One GermEval sentence: words and IOB2 labels in the official spelling."""

    words: tuple[str, ...]
    outer: tuple[str, ...]  # "B-ORG", "I-ORGpart", "O", ...
    inner: tuple[str, ...]  # the nested column; all "O" for the BIOES train file


class TrainingTimeUp(Exception):
    """Raised from the training loop when ``max_minutes`` is reached."""


@spacy.registry.callbacks("newsgraph.time_limit.v1")
def time_limit_callback(minutes: float):
    """``[training.before_update]`` callback that ends training after ``minutes``."""
    deadline = time.monotonic() + minutes * 60

    def before_update(nlp: Language, info: dict) -> None:
        if time.monotonic() > deadline:
            raise TrainingTimeUp(f"time limit of {minutes:g} minutes reached at step {info['step']}")

    return before_update


def _official_label(label: str) -> str:
    """BIOES/upper-case train labels ("S-ORGPART") to IOB2 official ones ("B-ORGpart")."""
    if label == "O":
        return label
    prefix, name = label.split("-", 1)
    name = name[:3] + name[3:].lower()
    return {"S": "B", "E": "I"}.get(prefix, prefix) + "-" + name


def read_germeval_bioes(path: Path) -> Iterator[Sentence]:
    """Sentences of the derived train file (``token label`` lines, BIOES)."""
    words: list[str] = []
    labels: list[str] = []
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            line = line.rstrip("\n")
            if not line.strip():
                if words:
                    yield Sentence(tuple(words), tuple(labels), ("O",) * len(words))
                words, labels = [], []
                continue
            word, label = line.rsplit(" ", 1)
            words.append(word)
            labels.append(_official_label(label))
    if words:
        yield Sentence(tuple(words), tuple(labels), ("O",) * len(words))


def read_germeval_tsv(path: Path) -> Iterator[Sentence]:
    """Sentences of an official TSV file (``index word outer inner``, ``#`` comments)."""
    rows: list[list[str]] = []
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            line = line.rstrip("\n")
            if line.startswith("#\t"):
                continue
            if not line.strip():
                if rows:
                    yield Sentence(*(tuple(column) for column in zip(*rows)))
                rows = []
                continue
            _, word, outer, inner = line.split("\t")[:4]
            rows.append([word, outer, inner])
    if rows:
        yield Sentence(*(tuple(column) for column in zip(*rows)))


def read_germeval(path: Path) -> Iterator[Sentence]:
    """Sentences of either GermEval format, chosen by the file name (``.tsv`` or not)."""
    path = Path(path)
    return read_germeval_tsv(path) if path.suffix == ".tsv" else read_germeval_bioes(path)


def split_compound(word: str) -> list[str]:
    """The tokens our tokenizer makes of one GermEval word ("Nvidia-Chips" -> 3)."""
    return [piece for piece in _COMPOUND_SPLIT.split(word) if piece]


def _spans(labels: Iterable[str]) -> list[tuple[int, int, str]]:
    """(start, end, label) word spans of an IOB2 sequence; a stray I- starts a span."""
    spans: list[list] = []
    previous = "O"
    for i, tag in enumerate(labels):
        if tag == "O":
            previous = tag
            continue
        prefix, name = tag.split("-", 1)
        if prefix == "I" and previous != "O" and previous[2:] == name:
            spans[-1][1] = i + 1
        else:
            spans.append([i, i + 1, name])
        previous = tag
    return [(start, end, name) for start, end, name in spans]


def _part_modifier(pieces: list[str]) -> tuple[int, int] | None:
    """Token range, within a ``*part`` span's pieces, of the entity it contains.

    The entity is everything before the last hyphen (the head noun follows
    it), without leading prefix segments such as "Ex-"; None if nothing is left.
    """
    hyphens = [i for i, piece in enumerate(pieces) if piece == "-"]
    if not hyphens:
        return None
    start, end = 0, hyphens[-1]
    while start < end and start + 1 in hyphens and (
        pieces[start] in NON_ENTITY_PREFIXES or pieces[start][:1].islower()
    ):
        start += 2
    return (start, end) if start < end else None


@dataclass(frozen=True)
class _Annotated:
    doc: Doc
    outer_spans: list[tuple[int, int, str]]  # char spans of plain PER/ORG/LOC/OTH
    sub_type_ranges: list[tuple[int, int]]  # char ranges of *part/*deriv spans


def _annotate(sentence: Sentence, vocab: Vocab) -> _Annotated:
    pieces_per_word = [split_compound(word) for word in sentence.words]
    words: list[str] = []
    spaces: list[bool] = []
    first_token: list[int] = []
    for index, pieces in enumerate(pieces_per_word):
        first_token.append(len(words))
        words.extend(pieces)
        last_word = index == len(pieces_per_word) - 1
        spaces.extend([False] * (len(pieces) - 1) + [not last_word])
    first_token.append(len(words))
    doc = Doc(vocab, words=words, spaces=spaces)
    entities: list[Span] = []
    outer_spans: list[tuple[int, int, str]] = []
    sub_type_ranges: list[tuple[int, int]] = []
    for start, end, name in _spans(sentence.outer):
        label, sub_type = name[:3], name[3:]
        token_start, token_end = first_token[start], first_token[end]
        whole = doc[token_start:token_end]
        if not sub_type:
            entities.append(Span(doc, token_start, token_end, label=label))
            outer_spans.append((whole.start_char, whole.end_char, label))
            continue
        sub_type_ranges.append((whole.start_char, whole.end_char))
        if sub_type == "part":
            modifier = _part_modifier(words[token_start:token_end])
            if modifier is not None:
                entities.append(
                    Span(doc, token_start + modifier[0], token_start + modifier[1], label=label)
                )
    doc.ents = entities
    return _Annotated(doc, outer_spans, sub_type_ranges)


def sentence_to_doc(sentence: Sentence, vocab: Vocab) -> Doc:
    """A training ``Doc``: compound-split tokens, PER/ORG/LOC/OTH entities."""
    return _annotate(sentence, vocab).doc


def convert_germeval(source: Path, destination: Path) -> int:
    """Write ``source`` (either GermEval format) as a spaCy DocBin; return the doc count."""
    vocab = spacy.blank("de").vocab
    docs = DocBin(attrs=["ORTH", "ENT_IOB", "ENT_TYPE"])
    count = 0
    for sentence in read_germeval(source):
        docs.add(sentence_to_doc(sentence, vocab))
        count += 1
    Path(destination).parent.mkdir(parents=True, exist_ok=True)
    docs.to_disk(destination)
    return count


def smartdata_to_doc(record: dict, nlp: Language) -> Doc:
    """A training ``Doc`` of one SmartData record, tokenised by ``nlp``: its ORG/PER/LOC
    spans as ``SMARTDATA_LABELS`` maps them (widened to whole tokens), every other token O
    except those of street, stop and route spans, which stay unannotated (neither O nor a
    name: GermEval would call some of them places)."""
    doc = nlp.make_doc(record["text"])
    entities, unannotated = [], []
    for entity in record["entities"]:
        label = SMARTDATA_LABELS.get(entity["type"])
        if label is None and entity["type"] not in SMARTDATA_UNSCORED:
            continue
        span = doc.char_span(entity["start"], entity["end"], label=label or "", alignment_mode="expand")
        if span is None:
            continue
        start, end = span.start, span.end  # spaCy's NER cannot learn a name that ends in punctuation
        while start < end and (doc[start].is_punct or doc[start].is_space):
            start += 1
        while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
            end -= 1
        if start == end:
            continue
        if label is None or any(token.is_space for token in doc[start:end]):
            unannotated.append(doc[start:end])
        else:
            entities.append(Span(doc, start, end, label=label))
    entities = filter_spans(entities)
    unannotated = [span for span in filter_spans(unannotated)
                   if not any(span.start < ent.end and ent.start < span.end for ent in entities)]
    doc.set_ents(entities, missing=unannotated, default="outside")
    return doc


def convert_smartdata(source: Path, destination: Path) -> int:
    """Write SmartData JSON lines as a spaCy DocBin of NER docs; return the doc count."""
    nlp = blank_german()
    docs = DocBin(attrs=["ORTH", "ENT_IOB", "ENT_TYPE"])
    for _line, record in read_smartdata(Path(source)):
        docs.add(smartdata_to_doc(record, nlp))
    Path(destination).parent.mkdir(parents=True, exist_ok=True)
    docs.to_disk(destination)
    return len(docs)


def gold_article_to_doc(gold_file: Path, nlp: Language) -> Doc:
    """A training ``Doc`` of one of the project's gold files (``data/README.md``) and its article: every
    written surface of each listed entity, matched on whole tokens, gets the entity's label (MISC as OTH),
    the longer match winning where two overlap; every other token is O. A surface written as a hyphen
    compound ("HPE-Chef") names the entity with its first part only, which is listed too."""
    data = json.loads(Path(gold_file).read_text(encoding="utf-8"))
    text = (Path(gold_file).parent / data["article"]).read_text(encoding="utf-8")
    doc = nlp.make_doc(text)
    spans = []
    for entity in data.get("entities", []):
        label = LABEL_ALIASES.get(entity.get("type", ""))
        if label is None:
            continue
        canonical = entity["canonical"]
        for surface in {canonical, *entity.get("surfaces", ())}:
            if "-" in surface and "-" not in canonical:
                continue
            for match in re.finditer(rf"(?<!\w){re.escape(surface)}(?!\w)", text):
                span = doc.char_span(match.start(), match.end(), label=label, alignment_mode="strict")
                if span is not None:
                    spans.append(span)
    doc.set_ents(filter_spans(spans), default="outside")
    return doc


def convert_gold_articles(folder: Path, destination: Path) -> int:
    """Write the gold articles under ``folder`` as a spaCy DocBin of NER docs; return the doc count."""
    nlp = blank_german()
    docs = DocBin(attrs=["ORTH", "ENT_IOB", "ENT_TYPE"])
    for gold_file in sorted(Path(folder).rglob("*.expected.json")):
        docs.add(gold_article_to_doc(gold_file, nlp))
    Path(destination).parent.mkdir(parents=True, exist_ok=True)
    docs.to_disk(destination)
    return len(docs)


def directory_size_mb(path: Path) -> float:
    """Total size of the files under ``path`` in MB (10^6 bytes)."""
    return sum(f.stat().st_size for f in Path(path).rglob("*") if f.is_file()) / 1e6


def silver_credit(silver: Path) -> str:
    """Where a silver DocBin's sentences come from (``scripts/build_silver.py``), for the model's meta: the
    credit written beside it, or the Bundestag protocols for a DocBin written without one."""
    credit = credit_file(silver)
    source = credit.read_text(encoding="utf-8").strip() if credit.is_file() else PROTOCOLS_CREDIT
    return f"sentences of {source} labelled by newsgraph's accurate model (scripts/build_silver.py)"


def train_model(
    data_dir: Path,
    out_dir: Path,
    *,
    max_minutes: float | None = None,
    seed: int = 0,
    max_steps: int | None = None,
    smartdata: Path | None = None,
    articles: Path | None = None,
    silver: Path | None = None,
    vectors: Path | None = None,
    vectors_width: int = 32,
    config_path: Path = CONFIG_PATH,
    stdout: IO = sys.stdout,
) -> Path:
    """Train the NER pipeline on GermEval train, selecting on dev; return ``model-best``.

    ``data_dir`` holds the GermEval files named in ``GERMEVAL_FILES`` (train
    and dev are used; test is never read here). ``smartdata``, a SmartData JSON
    lines file (its train split), is trained on beside GermEval train, as are the gold
    articles under ``articles`` (the project's own corpus, ``data/README.md``) and ``silver``, a DocBin of
    sentences the accurate model labelled (``scripts/build_silver.py``). ``vectors``,
    a pipeline with static word vectors (``scripts/build_vectors.py``), gives the
    model those vectors, projected to ``vectors_width`` columns of its embedding.
    The run is deterministic for a given ``seed`` and ``max_steps``; ``max_minutes``
    additionally stops it when time is up, keeping the best checkpoint so far.
    Raises ``OSError`` if a data file is missing.
    """
    data_dir, out_dir = Path(data_dir), Path(out_dir)
    corpus = out_dir / "corpus"
    count = convert_germeval(data_dir / GERMEVAL_FILES["train"], corpus / "train" / "germeval.spacy")
    stdout.write(f"converted train: {count} sentences\n")
    if smartdata is not None:
        count = convert_smartdata(smartdata, corpus / "train" / "smartdata.spacy")
        stdout.write(f"converted {smartdata}: {count} documents\n")
    if articles is not None:
        count = convert_gold_articles(articles, corpus / "train" / "articles.spacy")
        stdout.write(f"converted {articles}: {count} articles\n")
    if silver is not None:
        shutil.copyfile(silver, corpus / "train" / "silver.spacy")
        stdout.write(f"silver sentences: {silver}\n")
    count = convert_germeval(data_dir / GERMEVAL_FILES["dev"], corpus / "dev.spacy")
    stdout.write(f"converted dev: {count} sentences\n")
    overrides: dict = {
        "paths.train": str(corpus / "train"),
        "paths.dev": str(corpus / "dev.spacy"),
        "system.seed": seed,
    }
    if vectors is not None:
        overrides["paths.vectors"] = str(vectors)
        overrides["components.tok2vec.model.embed.vectors_width"] = vectors_width
    if max_steps is not None:
        overrides["training.max_steps"] = max_steps
    config = spacy.util.load_config(config_path, overrides=overrides, interpolate=False)
    if max_minutes:
        config["training"]["before_update"] = {
            "@callbacks": "newsgraph.time_limit.v1",
            "minutes": max_minutes,
        }
    nlp = init_nlp(config)
    started = time.monotonic()
    try:
        spacy_train(nlp, out_dir, stdout=stdout, stderr=stdout)
    except TrainingTimeUp as stop:
        stdout.write(f"stopped: {stop}\n")
    best = out_dir / "model-best"
    # The saved config names the temporary corpus files; they mean nothing elsewhere.
    saved_config = spacy.util.load_config(best / "config.cfg", interpolate=False)
    saved_config["paths"].update(train=None, dev=None, vectors=None)
    saved_config.to_disk(best / "config.cfg")
    meta_path = best / "meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta.update(
        name="newsgraph",
        description="newsgraph's German NER pipeline (tok2vec + ner), trained on GermEval 2014"
        + (", SmartData" if smartdata is not None else "")
        + (" and newsgraph's own gold articles" if articles is not None else "")
        + (", with sentences the accurate model labelled" if silver is not None else ""),
        license="CC BY 4.0 (training data: GermEval 2014, Benikova, Biemann, Reznicek, LREC 2014"
        + ("; SmartData, Schiersch et al., LREC 2018" if smartdata is not None else "") + ")"
        + ("; newsgraph's gold articles (written for the project, Apache 2.0)" if articles is not None else "")
        + (f"; silver labels: {silver_credit(silver)}" if silver is not None else "")
        + (f"; static word vectors: {vectors_credit(vectors)}" if vectors is not None else ""),
        newsgraph_training={
            "command": _training_command(data_dir, out_dir, max_minutes, seed, max_steps, smartdata, articles,
                                         silver, vectors, vectors_width),
            "data": {split: GERMEVAL_FILES[split] for split in ("train", "dev")}
            | ({"smartdata": str(smartdata)} if smartdata is not None else {})
            | ({"articles": str(articles)} if articles is not None else {})
            | ({"silver": str(silver)} if silver is not None else {}),
            "seed": seed,
            "max_minutes": max_minutes,
            "max_steps": config["training"]["max_steps"],
            "minutes_trained": round((time.monotonic() - started) / 60, 1),
        },
        size_mb=round(directory_size_mb(best), 2),
    )
    meta_path.write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return best


def vectors_credit(vectors: Path) -> str:
    """Where the static vectors of the pipeline at ``vectors`` come from and under which licence,
    as ``scripts/build_vectors.py`` records it in that pipeline's meta (``newsgraph_vectors.credit``)."""
    meta_path = Path(vectors) / "meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.exists() else {}
    return meta.get("newsgraph_vectors", {}).get("credit") or f"from {Path(vectors).name} (source not recorded)"


def _training_command(data_dir, out_dir, max_minutes, seed, max_steps, smartdata, articles, silver, vectors,
                      vectors_width) -> str:
    command = f"newsgraph train-model --data {data_dir} --out {out_dir} --seed {seed}"
    if smartdata is not None:
        command += f" --smartdata {smartdata}"
    if articles is not None:
        command += f" --articles {articles}"
    if silver is not None:
        command += f" --silver {silver}"
    if vectors is not None:
        command += f" --vectors {vectors} --vectors-width {vectors_width}"
    if max_minutes:
        command += f" --max-minutes {max_minutes:g}"
    if max_steps is not None:
        command += f" --max-steps {max_steps}"
    return command


@dataclass
class _Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, gold: set, predicted: set) -> None:
        self.tp += len(gold & predicted)
        self.fp += len(predicted - gold)
        self.fn += len(gold - predicted)

    def prf(self) -> dict[str, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"p": round(p, 4), "r": round(r, 4), "f": round(f, 4), "n": self.tp + self.fn}


def _score(
    pairs: Iterable[tuple[set, set]], labels: tuple[str, ...]
) -> dict[str, dict[str, float]]:
    """P/R/F1 overall and per label of (gold, predicted) sets of (start, end, label)."""
    overall = _Counts()
    core = _Counts()  # PER, ORG and LOC together: the classes every German NER scheme shares
    per_label = {label: _Counts() for label in labels}
    for gold, predicted in pairs:
        overall.add(gold, predicted)
        core.add({span for span in gold if span[2] in CORE_LABELS}, {span for span in predicted
                                                                    if span[2] in CORE_LABELS})
        for label in labels:
            per_label[label].add(
                {span for span in gold if span[2] == label},
                {span for span in predicted if span[2] == label},
            )
    return {"overall": overall.prf(), "PER+ORG+LOC": core.prf(), **{label: c.prf() for label, c in per_label.items()}}


def _predicted(doc: Doc, labels: tuple[str, ...]) -> set[tuple[int, int, str]]:
    spans = {(e.start_char, e.end_char, LABEL_ALIASES.get(e.label_, e.label_)) for e in doc.ents}
    return {span for span in spans if span[2] in labels}


def _inside(span: tuple[int, int, str], ranges: list[tuple[int, int]]) -> bool:
    return any(start <= span[0] and span[1] <= end for start, end in ranges)


def _overlaps(span: tuple[int, int, str], ranges: list[tuple[int, int]]) -> bool:
    return any(span[0] < end and start < span[1] for start, end in ranges)


def evaluate_germeval(nlp: Language, test_file: Path) -> dict[str, dict]:
    """Outer-level P/R/F1 of ``nlp`` on a GermEval TSV file, two ways.

    ``outer``: gold is the outer PER/ORG/LOC/OTH spans; ``*part``/``*deriv``
    words are not scored (a prediction inside one, such as "Nvidia" in
    "Nvidia-Chips", is neither right nor wrong). ``mapped``: gold is what
    ``sentence_to_doc`` trains on, compound modifiers included.
    """
    annotated = [_annotate(s, nlp.vocab) for s in read_germeval(test_file)]
    outer_pairs, mapped_pairs = [], []
    texts = (a.doc.text for a in annotated)
    for item, doc in zip(annotated, nlp.pipe(texts, batch_size=256)):
        predicted = _predicted(doc, ENTITY_LABELS)
        unscored = [span for span in predicted if _inside(span, item.sub_type_ranges)]
        outer_pairs.append((set(item.outer_spans), predicted - set(unscored)))
        mapped_pairs.append((_predicted(item.doc, ENTITY_LABELS), predicted))
    return {
        "outer": _score(outer_pairs, ENTITY_LABELS),
        "mapped": _score(mapped_pairs, ENTITY_LABELS),
    }


def evaluate_smartdata(nlp: Language, jsonl_file: Path) -> dict[str, dict]:
    """ORG/PER/LOC P/R/F1 at exact character offsets on SmartData JSON lines.

    Types map as in ``SMARTDATA_LABELS``; predictions overlapping a street,
    stop or route span are not scored.
    """
    labels = ("ORG", "PER", "LOC")
    records = [json.loads(line) for line in Path(jsonl_file).read_text("utf-8").splitlines() if line]
    pairs = []
    for record, doc in zip(records, nlp.pipe((r["text"] for r in records), batch_size=16)):
        gold = {
            (e["start"], e["end"], SMARTDATA_LABELS[e["type"]])
            for e in record["entities"]
            if e["type"] in SMARTDATA_LABELS
        }
        unscored = [(e["start"], e["end"]) for e in record["entities"] if e["type"] in SMARTDATA_UNSCORED]
        predicted = {span for span in _predicted(doc, labels) if not _overlaps(span, unscored)}
        pairs.append((gold, predicted))
    return _score(pairs, labels)


def evaluate_model(
    nlp: Language, germeval_test: Path | None = None, smartdata: Path | None = None
) -> dict[str, dict]:
    """All scores of ``nlp``: ``germeval_test`` (outer, mapped) and ``smartdata_dev``."""
    scores: dict[str, dict] = {}
    if germeval_test is not None:
        scores["germeval_test"] = evaluate_germeval(nlp, germeval_test)
    if smartdata is not None:
        scores["smartdata_dev"] = evaluate_smartdata(nlp, smartdata)
    return scores


def format_scores(scores: dict[str, dict]) -> str:
    """A plain-text table of ``evaluate_model``'s result, one row per label."""
    lines = [f"{'set':<26}{'label':<12}{'P':>7}{'R':>7}{'F1':>7}{'n':>7}"]
    for name, value in scores.items():
        tables = value.items() if "overall" not in value else [("", value)]
        for sub_name, table in tables:
            title = f"{name}/{sub_name}" if sub_name else name
            for label, prf in table.items():
                lines.append(
                    f"{title:<26}{label:<12}{prf['p']:>7.3f}{prf['r']:>7.3f}{prf['f']:>7.3f}{prf['n']:>7}"
                )
    return "\n".join(lines)


def record_scores(model_dir: Path, scores: dict[str, dict]) -> None:
    """Write ``scores`` and the directory size into ``model_dir/meta.json``."""
    meta_path = Path(model_dir) / "meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta["newsgraph_scores"] = scores
    meta["size_mb"] = round(directory_size_mb(model_dir), 2)
    meta_path.write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
