"""Silver NER training data: unannotated German text labelled by the accurate model, for the fast one.

The accurate model (``--model accurate``, a fine-tuned transformer) finds names the fast model misses;
the fast model can learn some of that from the accurate model's labels on text nobody annotated
(knowledge distillation). ``label_sentences`` cuts paragraphs into sentences (newsgraph's tokenizer
and sentence splitter), lets the teacher label each and writes what it found as training ``Doc``
objects:

- the teacher's PER, ORG and LOC names, except place adjectives ("chinesischen", "Kölner"), which
  GermEval calls derived words and the entity stage drops anyway (``is_place_adjective``);
- the words a reference model (the fast model itself) reads as OTH, which the teacher does not
  learn, stay unannotated, neither a name nor O: otherwise the student would unlearn OTH;
- every other word is O.

Sentences without a name are kept at a rate ``empty_share`` (they teach what is not a name, but
most sentences of a speech have none). The text itself never enters newsgraph: ``scripts/build_silver.py``
writes the docs to a DocBin outside the repository for ``newsgraph train-model --silver``, with the text's
credit beside it for the trained model's licence.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Iterator
from itertools import islice
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, DocBin, Span
from spacy.util import filter_spans

from pipeline.extract.entities import is_place_adjective
from pipeline.extract.nlp import SentenceSplitter, abbreviations
from pipeline.model.plain_text import credit_file
from pipeline.model.training import CORE_LABELS

MIN_WORDS, MAX_WORDS = 4, 80


def sentences(texts: Iterable[str], nlp: Language) -> Iterator[tuple[list[str], list[bool]]]:
    """The words and spaces of each sentence of ``texts`` as ``nlp``'s tokenizer and newsgraph's sentence
    splitter cut them, for sentences of ``MIN_WORDS`` to ``MAX_WORDS`` words with at least one letter."""
    splitter = SentenceSplitter(abbreviations(nlp))
    for doc in nlp.tokenizer.pipe(texts, batch_size=256):
        for sentence in splitter(doc).sents:
            tokens = [token for token in sentence if not token.is_space]
            if MIN_WORDS <= len(tokens) <= MAX_WORDS and any(token.is_alpha for token in tokens):
                yield [token.text for token in tokens], [bool(token.whitespace_) for token in tokens[:-1]] + [False]


def silver_doc(teacher: Doc, reference: Doc) -> Doc:
    """A training ``Doc`` over ``teacher``'s words: its PER/ORG/LOC names (no place adjectives) as
    entities, the words ``reference`` reads as OTH and the teacher leaves alone unannotated, the
    rest O. The two docs must have the same words."""
    names = [ent for ent in teacher.ents if ent.label_ in CORE_LABELS and not is_place_adjective(ent)]
    taken = {i for ent in names for i in range(ent.start, ent.end)}
    doc = Doc(teacher.vocab, words=[token.text for token in teacher],
              spaces=[bool(token.whitespace_) for token in teacher])
    entities = [Span(doc, ent.start, ent.end, label=ent.label_) for ent in names]
    unannotated = [Span(doc, ent.start, ent.end) for ent in reference.ents
                   if ent.label_ == "OTH" and not taken.intersection(range(ent.start, ent.end))]
    doc.set_ents(filter_spans(entities), missing=filter_spans(unannotated), default="outside")
    return doc


def label_sentences(texts: Iterable[str], teacher: Language, reference: Language, *, words: int,
                    empty_share: float = 0.3, seed: int = 0, batch_size: int = 256) -> Iterator[Doc]:
    """Silver docs of the sentences of ``texts`` (in their order) until ``words`` words are yielded:
    every sentence in which ``teacher`` finds a name, and a random ``empty_share`` of the others."""
    chance = random.Random(seed)
    written = 0
    pending = sentences(texts, teacher)
    while batch := list(islice(pending, batch_size)):
        teacher_docs = teacher.pipe(Doc(teacher.vocab, words=w, spaces=s) for w, s in batch)
        reference_docs = reference.pipe(Doc(reference.vocab, words=w, spaces=s) for w, s in batch)
        for teacher_doc, reference_doc in zip(teacher_docs, reference_docs, strict=True):
            doc = silver_doc(teacher_doc, reference_doc)
            if not doc.ents and chance.random() >= empty_share:
                continue
            yield doc
            written += len(doc)
            if written >= words:
                return


def write_silver(docs: Iterable[Doc], destination: Path, credit: str) -> tuple[int, int, int]:
    """Write ``docs`` as a DocBin at ``destination``, and ``credit`` (the source and licence of their text)
    beside it (``credit_file``); return the numbers of docs, words and names."""
    store = DocBin(attrs=["ORTH", "ENT_IOB", "ENT_TYPE"])
    count = words = names = 0
    for doc in docs:
        store.add(doc)
        count, words, names = count + 1, words + len(doc), names + len(doc.ents)
    Path(destination).parent.mkdir(parents=True, exist_ok=True)
    store.to_disk(destination)
    credit_file(destination).write_text(credit + "\n", encoding="utf-8")
    return count, words, names
