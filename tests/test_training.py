"""Tests of the GermEval converter, the training run and model evaluation."""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy
import pytest
import spacy
from spacy.tokens import Doc, DocBin
from spacy.vectors import Vectors

from pipeline.core.errors import ModelNotFoundError
from pipeline.extract.nlp import add_compound_splitting, load_base
from pipeline.model.plain_text import credit_file, plain_texts
from pipeline.model.silver import label_sentences, silver_doc, write_silver
from pipeline.model.training import (
    GERMEVAL_FILES,
    Sentence,
    convert_germeval,
    evaluate_germeval,
    gold_article_to_doc,
    read_germeval,
    sentence_to_doc,
    silver_credit,
    smartdata_to_doc,
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
    path.parent.mkdir(parents=True, exist_ok=True)
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


@pytest.mark.training
def test_tiny_training_run_gives_a_loadable_compound_splitting_model(tiny_model):
    nlp = load_base(str(tiny_model))
    assert nlp.pipe_names == ["tok2vec", "ner"]
    assert set(nlp.get_pipe("ner").labels) == {"PER", "ORG", "LOC"}
    assert [t.text for t in nlp("Nvidia-Chips für Malaysia")] == ["Nvidia", "-", "Chips", "für", "Malaysia"]


@pytest.mark.training
def test_tiny_training_run_records_its_training_in_meta(tiny_model):
    meta = json.loads((tiny_model / "meta.json").read_text(encoding="utf-8"))
    assert meta["name"] == "newsgraph"
    assert meta["newsgraph_training"]["seed"] == 1
    assert meta["newsgraph_training"]["max_steps"] == 4
    assert "train-model" in meta["newsgraph_training"]["command"]
    assert meta["size_mb"] > 0
    assert spacy.util.load_config(tiny_model / "config.cfg")["paths"]["train"] is None


@pytest.mark.training
def test_training_is_deterministic_for_a_seed(tiny_model, tiny_data, tmp_path):
    again = train_model(tiny_data, tmp_path, seed=1, max_steps=4)
    assert (again / "ner" / "model").read_bytes() == (tiny_model / "ner" / "model").read_bytes()


def test_the_default_name_loads_the_bundled_model():
    nlp = load_base("newsgraph")
    assert nlp.lang == "de" and nlp.meta["name"] == "newsgraph" and "ner" in nlp.pipe_names


def test_unknown_model_name_raises_a_clear_error():
    with pytest.raises(ModelNotFoundError, match="bundled default"):
        load_base("de_core_news_nicht_installiert")


SMARTDATA_RECORD = {
    "id": "eins",
    "text": "Die Zeiss-Tochter kauft in der Hauptstraße von Jena bei Anna Weber ein.",
    "entities": [
        {"start": 4, "end": 9, "type": "ORGANIZATION_COMPANY", "text": "Zeiss"},
        {"start": 31, "end": 42, "type": "LOCATION_STREET", "text": "Hauptstraße"},
        {"start": 47, "end": 51, "type": "LOCATION_CITY", "text": "Jena"},
        {"start": 56, "end": 66, "type": "PERSON", "text": "Anna Weber"},
        {"start": 67, "end": 70, "type": "TRIGGER", "text": "ein"},
    ],
    "relations": [],
}


def test_smartdata_record_becomes_a_training_doc_with_streets_left_unannotated():
    nlp = spacy.blank("de")
    add_compound_splitting(nlp)
    doc = smartdata_to_doc(SMARTDATA_RECORD, nlp)
    assert [(ent.text, ent.label_) for ent in doc.ents] == [("Zeiss", "ORG"), ("Jena", "LOC"), ("Anna Weber", "PER")]
    street = next(token for token in doc if token.text == "Hauptstraße")
    assert street.ent_iob_ == ""  # missing: neither a name nor O
    assert next(token for token in doc if token.text == "kauft").ent_iob_ == "O"
    assert next(token for token in doc if token.text == "ein").ent_iob_ == "O"  # other types are O


def write_gold_article(folder: Path) -> Path:
    write(folder / "a.de.txt", "Thüga-Chef Jan Roth lobt die Thüga und N-Ergie in Nürnberg.\n")
    gold = {"article": "a.de.txt", "entities": [
        {"canonical": "Thüga", "type": "ORG", "surfaces": ["Thüga", "Thüga-Chef"]},
        {"canonical": "N-Ergie", "type": "ORG", "surfaces": ["N-Ergie"]},
        {"canonical": "Jan Roth", "type": "PER", "surfaces": ["Jan Roth"]},
        {"canonical": "Nürnberg", "type": "LOC", "surfaces": ["Nürnberg"]}]}
    return write(folder / "a.de.expected.json", json.dumps(gold))


def test_a_gold_article_becomes_a_training_doc_with_every_surface_labelled(tmp_path):
    nlp = spacy.blank("de")
    add_compound_splitting(nlp)
    doc = gold_article_to_doc(write_gold_article(tmp_path), nlp)
    # the compound's name part only; a hyphenated name whole; every other token O
    assert [(ent.text, ent.label_) for ent in doc.ents] == [
        ("Thüga", "ORG"), ("Jan Roth", "PER"), ("Thüga", "ORG"), ("N-Ergie", "ORG"), ("Nürnberg", "LOC")]
    assert next(token for token in doc if token.text == "lobt").ent_iob_ == "O"


@pytest.mark.training
def test_tiny_training_run_with_gold_articles_records_them(tiny_data, tmp_path):
    articles = tmp_path / "articles"
    articles.mkdir()
    write_gold_article(articles)
    best = train_model(tiny_data, tmp_path / "run", seed=1, max_steps=2, articles=articles)
    meta = json.loads((best / "meta.json").read_text(encoding="utf-8"))
    assert f"--articles {articles}" in meta["newsgraph_training"]["command"]
    assert meta["newsgraph_training"]["data"]["articles"] == str(articles)
    assert load_base(str(best))("Die Thüga").text == "Die Thüga"


@pytest.fixture(scope="module")
def tiny_vectors(tmp_path_factory) -> Path:
    nlp = spacy.blank("de")
    words = ["Nvidia", "Huawei", "Siemens", "kauft", "in", "Malaysia", "Anna"]
    keys = [nlp.vocab.strings.add(word) for word in words]
    data = numpy.random.default_rng(0).normal(size=(len(words), 8)).astype("float32")
    nlp.vocab.vectors = Vectors(strings=nlp.vocab.strings, data=data, keys=keys)
    nlp.meta["newsgraph_vectors"] = {"credit": "random test vectors (no licence needed)"}
    out = tmp_path_factory.mktemp("vectors")
    nlp.to_disk(out)
    return out


@pytest.mark.training
def test_tiny_training_run_with_smartdata_and_vectors_keeps_both(tiny_data, tiny_vectors, tmp_path):
    smartdata = write(tmp_path / "train.jsonl", json.dumps(SMARTDATA_RECORD) + "\n")
    best = train_model(tiny_data, tmp_path / "run", seed=1, max_steps=4, smartdata=smartdata,
                       vectors=tiny_vectors, vectors_width=4)
    nlp = load_base(str(best))
    assert nlp.vocab.vectors.shape == (7, 8)
    assert nlp("Siemens kauft")[0].has_vector
    embed = spacy.util.load_config(best / "config.cfg")["components"]["tok2vec"]["model"]["embed"]
    assert embed["vectors_width"] == 4
    meta = json.loads((best / "meta.json").read_text(encoding="utf-8"))
    assert "--smartdata" in meta["newsgraph_training"]["command"]
    assert "--articles" not in meta["newsgraph_training"]["command"]
    assert "SmartData" in meta["license"] and "random test vectors" in meta["license"]
    assert len(list(nlp.pipe(["Anna kauft in Malaysia.", "Huawei"]))) == 2


SPEECHES = [
    "Frau Präsidentin! Die Bundesregierung fördert Chips aus Dresden und Magdeburg.",
    "Herr Kollege, Siemens und Infineon bauen in Sachsen neue Werke für Halbleiter.",
    "Wir beraten heute den Haushalt des Bundes und die Förderung der Industrie in Bayern.",
]


def git_repository_of_speeches(repo: Path) -> Path:
    """A git repository laid out as the plenary protocols' (speech files ``*-ID<n>.txt``, tag ``wp19``)."""
    import subprocess

    repo.mkdir()
    for number, speech in enumerate(SPEECHES):
        write(repo / f"19001-ID{number}.txt", "\n".join([speech] * 40) + "\n")
    write(repo / "README.md", "Keine Rede.\n")
    git = ["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    subprocess.run(git + ["add", "."], check=True)
    subprocess.run(git + ["commit", "-q", "-m", "wp19"], check=True)
    subprocess.run(git + ["tag", "wp19"], check=True)
    return repo


def speech_source(kind: str, tmp_path: Path) -> list[str]:
    """The speeches as the scripts' options give them: the protocols' git repository, or a folder of
    plain text files (a speech a line, in two files, one in a subfolder) with its credit."""
    if kind == "protocols":
        return ["--protocols", str(git_repository_of_speeches(tmp_path / "protokolle"))]
    folder = tmp_path / "texte"
    write(folder / "a.txt", "\n\n".join(SPEECHES[:2] * 40) + "\n")
    write(folder / "mehr" / "b.txt", "\n".join(SPEECHES[2:] * 40) + "\n")
    write(folder / "liesmich.md", "Keine Rede.\n")
    return ["--texts", str(folder), "--credit", "Testreden (CC0)"]


@pytest.mark.training
@pytest.mark.parametrize("kind", ["protocols", "texts"])
def test_build_vectors_trains_subword_vectors_on_speeches(kind, tiny_data, tmp_path):
    """scripts/build_vectors.py --source bundestag (a git repository of three speeches) or --source text (a
    folder of them), end to end."""
    import subprocess
    import sys

    pytest.importorskip("floret", reason="floret is in the test extra: pip install '.[test]'")
    smartdata = write(tmp_path / "train.jsonl", json.dumps(SMARTDATA_RECORD) + "\n")
    out = tmp_path / "vectors"
    script = Path(__file__).resolve().parent.parent / "scripts" / "build_vectors.py"
    source = "bundestag" if kind == "protocols" else "text"
    result = subprocess.run(
        [sys.executable, str(script), "--out", str(out), "--source", source, *speech_source(kind, tmp_path),
         "--germeval", str(tiny_data), "--smartdata", str(smartdata), "--words", "300", "--dims", "8"],
        capture_output=True, text=True, check=True,
    )
    assert "words=300 dims=8" in result.stdout
    nlp = spacy.load(out)
    assert nlp.vocab.vectors.shape == (300, 8)
    # Training words seen twice come first, then German words by frequency.
    assert nlp.vocab["Malaysia"].has_vector and nlp.vocab["Schulze"].has_vector
    assert numpy.linalg.norm(nlp.vocab.vectors.data, axis=1).mean() == pytest.approx(1.0, abs=1e-3)
    kept = {nlp.vocab.strings[key] for key in nlp.vocab.vectors}
    spoken = {word for speech in SPEECHES for word in speech.split()} & kept
    assert len(spoken) >= 5 and all(numpy.linalg.norm(nlp.vocab[word].vector) > 0 for word in spoken)
    meta = nlp.meta["newsgraph_vectors"]
    if kind == "protocols":
        assert meta["source"] == "bundestag" and "Bundestag" in meta["credit"]
        assert meta["note"].startswith("words_in_protocols=")
    else:
        assert meta["source"] == "text" and meta["credit"].endswith("floret (MIT) on Testreden (CC0)")
        assert meta["note"].startswith("words_in_text=")


def test_text_source_without_its_credit_is_one_line(tmp_path):
    import subprocess
    import sys

    write(tmp_path / "a.txt", SPEECHES[0] + "\n")
    script = Path(__file__).resolve().parent.parent / "scripts" / "build_vectors.py"
    result = subprocess.run([sys.executable, str(script), "--out", str(tmp_path / "v"), "--source", "text",
                             "--texts", str(tmp_path / "a.txt")], capture_output=True, text=True)
    assert result.returncode == 2 and "--credit" in result.stderr.splitlines()[-1]
    assert "Traceback" not in result.stderr and not (tmp_path / "v").exists()


def test_plain_texts_reads_the_lines_of_a_file_or_of_a_folders_text_files(tmp_path):
    write(tmp_path / "b.txt", "Zweite Zeile.\n\n  Dritte Zeile.  \n")
    write(tmp_path / "unter" / "a.txt", "Erste Zeile.\n")
    write(tmp_path / "notiz.md", "Keine Zeile.\n")
    assert plain_texts(tmp_path / "b.txt") == ["Zweite Zeile.", "Dritte Zeile."]
    assert plain_texts(tmp_path) == ["Zweite Zeile.", "Dritte Zeile.", "Erste Zeile."]
    with pytest.raises(ValueError, match="neither a text file nor a folder"):
        plain_texts(tmp_path / "fehlt")
    (tmp_path / "leer").mkdir()
    with pytest.raises(ValueError, match=r"leer holds no text \(no \.txt files\)"):
        plain_texts(tmp_path / "leer")


def test_silver_doc_keeps_the_teachers_names_and_leaves_the_references_oth_unannotated():
    vocab = spacy.blank("de").vocab
    words = "Die chinesischen Kunden von Siemens nutzen Windows in Dresden .".split()
    teacher = Doc(vocab, words=words, ents=["O", "B-LOC", "O", "O", "B-ORG", "O", "O", "O", "B-LOC", "O"])
    reference = Doc(vocab, words=words, ents=["O", "O", "O", "O", "B-OTH", "O", "B-OTH", "O", "B-LOC", "O"])
    doc = silver_doc(teacher, reference)
    assert [(ent.text, ent.label_) for ent in doc.ents] == [("Siemens", "ORG"), ("Dresden", "LOC")]
    # the reference's OTH is unannotated only where the teacher found nothing; a place adjective is O
    assert [token.text for token in doc if token.ent_iob == 0] == ["Windows"]
    assert doc[1].ent_iob_ == "O" and doc[0].ent_iob_ == "O"


@pytest.fixture(scope="module")
def teacher_and_reference():
    pytest.importorskip("onnxruntime", reason="the accurate model's runtime: pip install '.[accurate]'")
    return load_base("accurate"), load_base()


@pytest.mark.slow
def test_label_sentences_cuts_sentences_and_keeps_those_the_teacher_names(teacher_and_reference):
    teacher, reference = teacher_and_reference
    texts = ["Siemens baut ein neues Werk in Dresden. Das freut uns alle sehr, sagte sie.",
             "Gut so.",
             "Angela Merkel besuchte am Montag die Firma Bosch in Stuttgart."]
    docs = list(label_sentences(texts, teacher, reference, words=10_000, empty_share=0.0))
    assert [doc.text for doc in docs] == ["Siemens baut ein neues Werk in Dresden.",
                                          "Angela Merkel besuchte am Montag die Firma Bosch in Stuttgart."]
    assert {(ent.text, ent.label_) for doc in docs for ent in doc.ents} == {
        ("Siemens", "ORG"), ("Dresden", "LOC"), ("Angela Merkel", "PER"), ("Bosch", "ORG"), ("Stuttgart", "LOC")}
    # every sentence without a name kept, except the one shorter than MIN_WORDS; the word budget ends early
    everything = [doc.text for doc in label_sentences(texts, teacher, reference, words=10_000, empty_share=1.0)]
    assert everything == [docs[0].text, "Das freut uns alle sehr, sagte sie.", docs[1].text]
    assert len(list(label_sentences(texts, teacher, reference, words=1, empty_share=1.0))) == 1


@pytest.mark.training
@pytest.mark.parametrize("kind", ["protocols", "texts"])
def test_build_silver_labels_speeches_into_a_docbin(kind, tmp_path):
    """scripts/build_silver.py end to end, on a git repository of three speeches or a folder of them."""
    import subprocess
    import sys

    pytest.importorskip("onnxruntime", reason="the accurate model's runtime: pip install '.[accurate]'")
    out = tmp_path / "silver.spacy"
    script = Path(__file__).resolve().parent.parent / "scripts" / "build_silver.py"
    result = subprocess.run([sys.executable, str(script), *speech_source(kind, tmp_path), "--out", str(out),
                             "--words", "60"], capture_output=True, text=True, check=True)
    credit = credit_file(out).read_text(encoding="utf-8")
    assert ("Bundestag" in credit) if kind == "protocols" else credit == "Testreden (CC0)\n"
    docs = list(DocBin().from_disk(out).get_docs(spacy.blank("de").vocab))
    assert result.stdout.startswith(f"{out}: {len(docs)} sentences, ")
    assert sum(len(doc) for doc in docs) >= 60 and len(docs) < 20
    names = {ent.text for doc in docs for ent in doc.ents}
    assert names & {"Dresden", "Magdeburg", "Siemens", "Infineon", "Sachsen", "Bayern"}
    assert all(doc.text in {sentence for speech in SPEECHES for sentence in speech_sentences(speech)}
               for doc in docs)


def speech_sentences(speech: str) -> list[str]:
    return [part.strip() + mark for part, mark in zip(re.split(r"[.!]", speech), re.findall(r"[.!]", speech))]


@pytest.mark.training
def test_tiny_training_run_with_silver_sentences_records_them(tiny_data, tmp_path):
    vocab = spacy.blank("de").vocab
    words = "Infineon baut ein Werk in Dresden .".split()
    teacher = Doc(vocab, words=words, ents=["B-ORG", "O", "O", "O", "O", "B-LOC", "O"])
    silver = tmp_path / "silver.spacy"
    assert write_silver([silver_doc(teacher, Doc(vocab, words=words))] * 3, silver, "Testsätze (CC0)") == (3, 21, 6)
    best = train_model(tiny_data, tmp_path / "run", seed=1, max_steps=2, silver=silver)
    meta = json.loads((best / "meta.json").read_text(encoding="utf-8"))
    assert f"--silver {silver}" in meta["newsgraph_training"]["command"]
    assert "silver labels: sentences of Testsätze (CC0) labelled by newsgraph's accurate model" in meta["license"]
    assert len(DocBin().from_disk(tmp_path / "run" / "corpus" / "train" / "silver.spacy")) == 3


def test_silver_credit_is_read_from_beside_the_docbin_and_defaults_to_the_protocols(tmp_path):
    vocab = spacy.blank("de").vocab
    doc = Doc(vocab, words=["Siemens", "baut", "."], ents=["B-ORG", "O", "O"])
    write_silver([doc], tmp_path / "neu.spacy", "Testsätze (CC0)")
    assert silver_credit(tmp_path / "neu.spacy").startswith("sentences of Testsätze (CC0) labelled by")
    write_silver([doc], tmp_path / "alt.spacy", "Testsätze (CC0)")
    credit_file(tmp_path / "alt.spacy").unlink()  # a DocBin written before credits were kept beside it
    assert "Bundestag" in silver_credit(tmp_path / "alt.spacy")
