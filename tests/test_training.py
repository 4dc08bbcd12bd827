"""Tests of the GermEval converter, the training run and model evaluation."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy

from pipeline.errors import ModelNotFoundError
from pipeline.nlp import add_compound_splitting, load_base
from pipeline.training import (
    GERMEVAL_FILES,
    Sentence,
    convert_germeval,
    evaluate_germeval,
    read_germeval,
    sentence_to_doc,
    split_compound,
    train_model,
)

TRAIN_BIOES = """\
Die O
Nvidia-Chips S-ORGPART
kauft O
Anna B-PER
Maria I-PER
Schulze E-PER
in O
Malaysia S-LOC
. O

Der O
Ex-SPD-Chef S-ORGPART
lobt O
chinesische S-LOCDERIV
Firmen O
. O
"""

DEV_TSV = """\
#\thttp://example.org/eins\t[2024-05-01]
1\tDie\tO\tO
2\tBank\tB-ORG\tO
3\tof\tI-ORG\tO
4\tAmerica\tI-ORG\tB-LOC
5\tkauft\tO\tO
6\tdeutsche\tB-LOCderiv\tO
7\tAnleihen\tO\tO
8\t.\tO\tO

#\thttp://example.org/zwei\t[2024-05-02]
1\tEine\tO\tO
2\tNew\tB-LOCpart\tO
3\tYork-Reise\tI-LOCpart\tO
4\tdes\tO\tO
5\tRhein-Main-Gebiets\tB-LOCpart\tO
6\tmit\tO\tO
7\tHuawei\tB-ORG\tO
8\t.\tO\tO
"""


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def entities(sentence: Sentence) -> list[tuple[str, str]]:
    doc = sentence_to_doc(sentence, spacy.blank("de").vocab)
    return [(e.text, e.label_) for e in doc.ents]


def one_sentence(words: list[str], labels: list[str]) -> Sentence:
    return Sentence(tuple(words), tuple(labels), ("O",) * len(words))


@pytest.mark.parametrize(
    ("word", "pieces"),
    [
        ("Nvidia-Chips", ["Nvidia", "-", "Chips"]),
        ("Rhein-Main-Gebiet", ["Rhein", "-", "Main", "-", "Gebiet"]),
        ("KI-Chips", ["KI", "-", "Chips"]),
        ("5G-Netz", ["5G", "-", "Netz"]),
        ("Halbleiterfabrik", ["Halbleiterfabrik"]),
        ("SPD-", ["SPD-"]),
    ],
)
def test_split_compound_matches_the_shipped_tokenizer(word, pieces):
    nlp = spacy.blank("de")
    add_compound_splitting(nlp)
    assert split_compound(word) == pieces
    assert [token.text for token in nlp.make_doc(word)] == pieces


@pytest.mark.parametrize(
    ("words", "labels", "expected"),
    [
        (["Nvidia-Chips"], ["B-ORGpart"], [("Nvidia", "ORG")]),
        (["SPD-Vorsitzende"], ["B-ORGpart"], [("SPD", "ORG")]),
        (["Rhein-Main-Gebiet"], ["B-LOCpart"], [("Rhein-Main", "LOC")]),
        (["Ex-SPD-Chef"], ["B-ORGpart"], [("SPD", "ORG")]),
        (["Pro-Europa-Kundgebung"], ["B-LOCpart"], [("Europa", "LOC")]),
        (["New", "York-Reise"], ["B-LOCpart", "I-LOCpart"], [("New York", "LOC")]),
        (["Deutschlandreise"], ["B-LOCpart"], []),
        (["deutsche"], ["B-LOCderiv"], []),
        (["chinesische"], ["B-LOCderiv"], []),
        (["Baden-Württemberg"], ["B-LOC"], [("Baden-Württemberg", "LOC")]),
        (["Zhang", "Yiming"], ["B-PER", "I-PER"], [("Zhang Yiming", "PER")]),
        (["Huawei", "Cambricon"], ["B-ORG", "B-ORG"], [("Huawei", "ORG"), ("Cambricon", "ORG")]),
    ],
)
def test_label_mapping(words, labels, expected):
    assert entities(one_sentence(words, labels)) == expected


def test_train_file_bioes_is_read_as_iob2_with_official_names(tmp_path):
    first, second = read_germeval(write(tmp_path / "train.txt", TRAIN_BIOES))
    assert first.outer == ("O", "B-ORGpart", "O", "B-PER", "I-PER", "I-PER", "O", "B-LOC", "O")
    assert entities(first) == [("Nvidia", "ORG"), ("Anna Maria Schulze", "PER"), ("Malaysia", "LOC")]
    assert second.outer[3] == "B-LOCderiv"
    assert entities(second) == [("SPD", "ORG")]


def test_tsv_keeps_inner_column_but_trains_on_outer_only(tmp_path):
    first, second = read_germeval(write(tmp_path / "dev.tsv", DEV_TSV))
    assert first.inner[3] == "B-LOC"
    assert entities(first) == [("Bank of America", "ORG")]
    assert entities(second) == [("New York", "LOC"), ("Rhein-Main", "LOC"), ("Huawei", "ORG")]


def test_converted_doc_text_joins_compound_pieces_without_spaces(tmp_path):
    (sentence,) = read_germeval(write(tmp_path / "train.txt", TRAIN_BIOES.split("\n\n")[0]))
    doc = sentence_to_doc(sentence, spacy.blank("de").vocab)
    assert doc.text == "Die Nvidia-Chips kauft Anna Maria Schulze in Malaysia ."
    assert [token.text for token in doc[1:4]] == ["Nvidia", "-", "Chips"]


def test_convert_germeval_writes_a_docbin(tmp_path):
    count = convert_germeval(write(tmp_path / "dev.tsv", DEV_TSV), tmp_path / "out" / "dev.spacy")
    docs = list(spacy.tokens.DocBin().from_disk(tmp_path / "out" / "dev.spacy").get_docs(spacy.blank("de").vocab))
    assert count == len(docs) == 2
    assert [e.text for e in docs[1].ents] == ["New York", "Rhein-Main", "Huawei"]


def test_outer_score_ignores_predictions_inside_part_words(tmp_path):
    nlp = spacy.blank("de")
    add_compound_splitting(nlp)
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([
        {"label": "LOC", "pattern": "Rhein"},
        {"label": "ORG", "pattern": "Huawei"},
        {"label": "PER", "pattern": "Bank"},
    ])
    scores = evaluate_germeval(nlp, write(tmp_path / "test.tsv", DEV_TSV))
    # Gold outer spans: "Bank of America" (ORG) and "Huawei" (ORG); "Rhein" lies in a LOCpart word.
    assert scores["outer"]["overall"] == {"p": 0.5, "r": 0.5, "f": 0.5, "n": 2}
    assert scores["outer"]["ORG"]["r"] == 0.5
    # Against the mapped gold, "Rhein" is a wrong boundary ("Rhein-Main" is gold).
    assert scores["mapped"]["LOC"]["n"] == 2 and scores["mapped"]["LOC"]["p"] == 0.0


@pytest.fixture(scope="module")
def tiny_data(tmp_path_factory) -> Path:
    data = tmp_path_factory.mktemp("germeval")
    # A few dozen sentences: the fixtures above, repeated with varied names.
    names = ["Nvidia", "Huawei", "Siemens", "Bosch", "Infineon", "Zeiss"]
    train = "\n".join(TRAIN_BIOES.replace("Nvidia", name) for name in names)
    write(data / GERMEVAL_FILES["train"], train)
    write(data / GERMEVAL_FILES["dev"], DEV_TSV)
    return data


@pytest.fixture(scope="module")
def tiny_model(tiny_data, tmp_path_factory) -> Path:
    return train_model(tiny_data, tmp_path_factory.mktemp("run"), seed=1, max_steps=4)


def test_tiny_training_run_gives_a_loadable_compound_splitting_model(tiny_model):
    nlp = load_base(str(tiny_model))
    assert nlp.pipe_names == ["tok2vec", "ner"]
    assert set(nlp.get_pipe("ner").labels) == {"PER", "ORG", "LOC"}
    assert [t.text for t in nlp("Nvidia-Chips für Malaysia")] == ["Nvidia", "-", "Chips", "für", "Malaysia"]


def test_tiny_training_run_records_its_training_in_meta(tiny_model):
    meta = json.loads((tiny_model / "meta.json").read_text(encoding="utf-8"))
    assert meta["name"] == "newsgraph"
    assert meta["newsgraph_training"]["seed"] == 1
    assert meta["newsgraph_training"]["max_steps"] == 4
    assert "train-model" in meta["newsgraph_training"]["command"]
    assert meta["size_mb"] > 0
    assert spacy.util.load_config(tiny_model / "config.cfg")["paths"]["train"] is None


def test_training_is_deterministic_for_a_seed(tiny_model, tiny_data, tmp_path):
    again = train_model(tiny_data, tmp_path, seed=1, max_steps=4)
    assert (again / "ner" / "model").read_bytes() == (tiny_model / "ner" / "model").read_bytes()


def test_default_name_loads_the_bundled_model_or_a_blank_pipeline():
    nlp = load_base("newsgraph")
    assert nlp.lang == "de"


def test_unknown_model_name_raises_a_clear_error():
    with pytest.raises(ModelNotFoundError, match="bundled default"):
        load_base("de_core_news_nicht_installiert")
