"""German NLP: builds the spaCy pipeline and runs articles through it.

``build_nlp`` loads a base pipeline (the model shipped in ``pipeline/model/``,
an official ``de_core_news_*`` package, or any path), teaches its tokenizer to
split hyphen compounds ("Nvidia-Chips" -> "Nvidia" "-" "Chips", see
``add_tokenizer_rules``) and adds newsgraph's registered components:
sentence boundaries at line breaks, monetary amounts, the gazetteer, entity
resolution and relation extraction (``batch`` streams articles through it with
``nlp.pipe``). All factory registrations live here.
"""

from __future__ import annotations

from pathlib import Path

import numpy
import spacy
from spacy.attrs import IS_SPACE, ORTH, SENT_START
from spacy.language import Language
from spacy.strings import hash_string
from spacy.tokens import Doc

from pipeline.core.errors import ModelNotFoundError
from pipeline.core.resources import MODEL_DIR

BUNDLED_MODEL = MODEL_DIR / "de_newsgraph"
DEFAULT_MODEL = "newsgraph"  # the name users pass to get the bundled model
ACCURATE_MODEL = MODEL_DIR / "de_newsgraph_accurate"
ACCURATE_MODEL_NAME = "accurate"  # the fine-tuned transformer (pipeline/transformer/)

# A hyphen between two letters or digits, as in "Nvidia-Chips", "US-Sanktionen"
# or "KI-Chips". spaCy's German tokenizer keeps such compounds whole; we split
# them so that the entity inside becomes a token of its own that the NER model
# and the gazetteer can label. Splitting in the tokenizer (rather than with
# sub-token spans) keeps every later stage token-based, and the tokenizer's
# rules are saved with the model, so training and inference agree.
HYPHEN_COMPOUND_INFIX = r"(?<=[0-9A-Za-zÄÖÜäöüß])-(?=[A-Za-zÄÖÜäöüß])"


def add_compound_splitting(nlp: Language) -> None:
    """Make ``nlp``'s tokenizer split hyphen compounds; safe to call twice."""
    infixes = list(nlp.Defaults.infixes or [])
    current = getattr(nlp.tokenizer, "infix_finditer", None)
    if current is not None and HYPHEN_COMPOUND_INFIX in getattr(current.__self__, "pattern", ""):
        return
    infixes.append(HYPHEN_COMPOUND_INFIX)
    nlp.tokenizer.infix_finditer = spacy.util.compile_infix_regex(infixes).finditer


# A full stop after a word that ends in a capital behind a small letter: "bei der KfW.", "an die
# EnBW.", "Volksbank eG.". spaCy's German suffix rules split a stop only after a small letter (so
# that "U.S." stays whole); these names kept theirs, and the sentence ran on into the next one.
NAME_STOP_SUFFIX = r"(?<=[a-zäöüß][A-ZÄÖÜ])\."


def add_name_stop_splitting(nlp: Language) -> None:
    """Make ``nlp``'s tokenizer split the stop after "KfW", "EnBW"; safe to call twice."""
    current = getattr(nlp.tokenizer, "suffix_search", None)
    if current is not None and NAME_STOP_SUFFIX in getattr(current.__self__, "pattern", ""):
        return
    suffixes = [*(nlp.Defaults.suffixes or []), NAME_STOP_SUFFIX]
    nlp.tokenizer.suffix_search = spacy.util.compile_suffix_regex(suffixes).search


def add_tokenizer_rules(nlp: Language) -> None:
    """newsgraph's changes to spaCy's German tokenizer (both safe to call twice)."""
    add_compound_splitting(nlp)
    add_name_stop_splitting(nlp)


def blank_german() -> Language:
    """A pipeline with newsgraph's tokenizer and no components, as the models are trained with."""
    nlp = spacy.blank("de")
    add_tokenizer_rules(nlp)
    return nlp


@spacy.registry.callbacks("newsgraph.compound_splitting.v1")
def compound_splitting_callback():
    """Config callback (``[initialize.before_init]``) of the models trained before the stop rule."""
    return add_compound_splitting


@spacy.registry.callbacks("newsgraph.tokenizer_rules.v1")
def tokenizer_rules_callback():
    """Config callback (``[initialize.before_init]``) used when training."""
    return add_tokenizer_rules


class SentenceSplitter:
    """Sentence starts after . ! ? and at line breaks.

    News text has headlines and sub-headings without final punctuation; a
    line break ends them. Abbreviations such as "Mrd." are single tokens in
    spaCy's German tokenizer and so never end a sentence here. spaCy's
    tokenizer puts a line break in a whitespace token of its own. Reads the
    tokens as arrays of string ids: a token object per word cost more than
    the rule.

    Text that arrives already tokenised, with a space before every full stop
    ("St . Gallen", "Robert R . Livingston"), has the abbreviation's stop as a
    token of its own; a stop after an initial or a word the tokenizer knows as
    an abbreviation ("St." in its special cases) does not end the sentence either.

    The tokenizer keeps a stop after digits on the word, as for an ordinal
    ("am 1. Juli"); such a word ends a sentence when it is no ordinal: a year
    ("bis 2034. Zum Vergleich"), a model's name ("F127.", "A350-900.").
    """

    final_punct = frozenset({".", "!", "?", "…"})
    _final_ids = frozenset(hash_string(mark) for mark in final_punct)
    _stop_id = hash_string(".")
    _hyphen_id = hash_string("-")

    def __init__(self, abbreviations: frozenset[str] = frozenset()) -> None:
        self._abbreviation_ids = frozenset(hash_string(word) for word in abbreviations)
        self._closing_numbers: dict[tuple[int, bool], bool] = {}

    def _closes(self, strings, orth: int, after_hyphen: bool) -> bool:
        """Whether a word with a stop after digits ends its sentence (remembered per word)."""
        key = (orth, after_hyphen)
        closes = self._closing_numbers.get(key)
        if closes is None:
            word = strings[orth]
            number = word[:-1]
            closes = len(word) > 1 and word.endswith(".") and number[-1].isdigit() and "." not in number \
                and (not number.isdigit() or len(number) > 3 or after_hyphen)
            if len(self._closing_numbers) < 100_000:
                self._closing_numbers[key] = closes
        return closes

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        strings = doc.vocab.strings
        starts = numpy.full((len(doc), 1), -1, dtype="int64")
        starts_sentence = True
        previous = 0
        for i, (orth, is_space) in enumerate(doc.to_array([ORTH, IS_SPACE]).tolist()):
            if is_space:
                starts_sentence = starts_sentence or "\n" in strings[orth]
                continue
            if starts_sentence:
                starts[i] = 1
            starts_sentence = orth in self._final_ids and not (
                orth == self._stop_id and previous in self._abbreviation_ids
            ) or self._closes(strings, orth, previous == self._hyphen_id)
            previous = orth
        starts[0] = 1
        doc.from_array([SENT_START], starts.astype("uint64"))
        return doc


@Language.factory("newsgraph_sentences", assigns=["token.is_sent_start"])
def make_sentence_splitter(nlp: Language, name: str) -> SentenceSplitter:
    return SentenceSplitter(abbreviations(nlp))


def abbreviations(nlp: Language) -> frozenset[str]:
    """Words the tokenizer keeps together with a final stop: "St", "Dr", "Mrd", and initials."""
    rules = getattr(nlp.tokenizer, "rules", None) or {}
    initials = "ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÜ"
    return frozenset(key[:-1] for key in rules if key.endswith(".") and key[:-1].isalpha()) | set(initials)


# Component classes live in their stage modules; they are imported when a
# pipeline is built so that importing this module stays light.
@Language.factory(
    "newsgraph_transformer_ner", assigns=["doc.ents"],
    default_config={"max_pieces": 128, "batch_size": 32, "threads": 0},
)
def make_transformer_ner(nlp: Language, name: str, max_pieces: int, batch_size: int, threads: int):
    from pipeline.extract.transformer.component import TransformerNer

    return TransformerNer(nlp.vocab, name, max_pieces=max_pieces, batch_size=batch_size, threads=threads)


@Language.factory("newsgraph_money", assigns=["doc.ents", "doc.spans"])
def make_money_recognizer(nlp: Language, name: str):
    from pipeline.extract.money import MoneyRecognizer

    return MoneyRecognizer(nlp, name)


@Language.factory("newsgraph_entities", assigns=["span._.canonical", "doc._.salient_org"])
def make_entity_resolver(nlp: Language, name: str):
    from pipeline.extract.entities import EntityResolver

    return EntityResolver(nlp, name)


@Language.factory("newsgraph_relations", assigns=["doc._.relations"])
def make_relation_extractor(nlp: Language, name: str):
    from pipeline.extract.relations import RelationExtractor

    return RelationExtractor(nlp, name)


def model_directory(model: str | None) -> Path | None:
    """The folder a model name stands for: the bundled or accurate model, or a path."""
    if model in (None, DEFAULT_MODEL):
        return BUNDLED_MODEL
    if model == ACCURATE_MODEL_NAME:
        return ACCURATE_MODEL
    return Path(model) if Path(model).is_dir() else None


def load_base(model: str | None = None) -> Language:
    """Load the base pipeline: ``None``/"newsgraph" is the bundled model, "accurate" the
    fine-tuned transformer, anything else a spaCy package name or a pipeline folder.

    Raises ``ModelNotFoundError`` (saying how to get it) when the model is not there."""
    if model in (None, DEFAULT_MODEL):
        if not (BUNDLED_MODEL / "meta.json").exists():
            raise ModelNotFoundError(
                f"The bundled model is not in {BUNDLED_MODEL}: this copy of newsgraph came without it. "
                "Install newsgraph from a full checkout or its wheel (pip install .), "
                "rebuild the model as pipeline/model/README.md describes (newsgraph train-model), "
                "or pass --model with another spaCy pipeline (a folder, or a package such as de_core_news_lg)."
            )
        return spacy.load(BUNDLED_MODEL)
    if model == ACCURATE_MODEL_NAME:
        if not (ACCURATE_MODEL / "meta.json").exists():
            raise ModelNotFoundError(
                f"The accurate model is not in {ACCURATE_MODEL}. Build it there (about 1.5 hours on two "
                "cores): pip install 'newsgraph[accurate-training]', then newsgraph train-model --accurate "
                "--data GERMEVAL_DIR --smartdata SMARTDATA_TRAIN.jsonl "
                f"--out {ACCURATE_MODEL}"
            )
        return spacy.load(ACCURATE_MODEL)
    try:
        return spacy.load(model)
    except OSError as error:
        raise ModelNotFoundError(
            f"Cannot load spaCy pipeline {model!r}: {error.__class__.__name__}. "
            f"Leave out --model to use the bundled default ({DEFAULT_MODEL!r}, {BUNDLED_MODEL}), "
            f"--model {ACCURATE_MODEL_NAME} for the accurate transformer model, "
            "pass the path of a pipeline directory, or install an official German model "
            "with 'python -m spacy download de_core_news_lg' on a machine that can reach it "
            "(or 'pip install de_core_news_lg-*.whl' from a copied wheel)."
        ) from None


def describe(nlp: Language) -> str:
    """One line for the run report: which base model and which components."""
    meta = nlp.meta
    name = f"{meta.get('lang', 'de')}_{meta.get('name', 'pipeline')}-{meta.get('version', '0')}"
    return f"{name} ({', '.join(nlp.pipe_names)})"


def build_nlp(model: str | None = None, *, relations: bool = True) -> Language:
    """The full newsgraph pipeline on top of ``model`` (see ``load_base``)."""
    from pipeline.extract.entities import add_gazetteer

    nlp = load_base(model)
    add_tokenizer_rules(nlp)
    if not nlp.has_pipe("newsgraph_sentences") and not any(
        nlp.has_pipe(name) for name in ("parser", "senter", "sentencizer")
    ):
        nlp.add_pipe("newsgraph_sentences", first=True)
    add_gazetteer(nlp)
    if not nlp.has_pipe("newsgraph_money"):
        nlp.add_pipe("newsgraph_money", after="newsgraph_gazetteer")
    if not nlp.has_pipe("newsgraph_entities"):
        nlp.add_pipe("newsgraph_entities")
    if relations and not nlp.has_pipe("newsgraph_relations"):
        nlp.add_pipe("newsgraph_relations")
    return nlp
