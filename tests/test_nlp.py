"""Building the pipeline: base models, compound splitting, sentences, factories."""

import pytest
import spacy

import pipeline.extract.nlp
from pipeline.apps.cli import app
from pipeline.core.errors import ModelNotFoundError
from pipeline.extract.nlp import add_compound_splitting, add_tokenizer_rules, build_nlp, describe, load_base


@pytest.mark.parametrize(
    "text, tokens",
    [
        ("Nvidia-Chips", ["Nvidia", "-", "Chips"]),
        ("US-Exportbeschränkungen", ["US", "-", "Exportbeschränkungen"]),
        ("Rhein-Main-Gebiet", ["Rhein", "-", "Main", "-", "Gebiet"]),
        ("5-Jahres-Plan", ["5", "-", "Jahres", "-", "Plan"]),
        ("Nord- und Südamerika", ["Nord-", "und", "Südamerika"]),
        ("2024-2025", ["2024", "-", "2025"]),
    ],
)
def test_tokenizer_splits_hyphen_compounds(text, tokens):
    nlp = spacy.blank("de")
    add_compound_splitting(nlp)
    add_compound_splitting(nlp)  # a second call changes nothing
    assert [token.text for token in nlp(text)] == tokens


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("Die Anteile liegen bei der KfW.", ["Die", "Anteile", "liegen", "bei", "der", "KfW", "."]),
        ("Sie kam zur EnBW. Dort blieb sie.", ["Sie", "kam", "zur", "EnBW", ".", "Dort", "blieb", "sie", "."]),
        ("Das ist die U.S. Army.", ["Das", "ist", "die", "U.S.", "Army", "."]),
        ("Er zahlt 5 Mrd. Euro.", ["Er", "zahlt", "5", "Mrd.", "Euro", "."]),
    ],
)
def test_tokenizer_splits_the_stop_after_a_name_ending_in_a_capital(text, tokens):
    nlp = spacy.blank("de")
    add_tokenizer_rules(nlp)
    add_tokenizer_rules(nlp)  # a second call changes nothing
    assert [token.text for token in nlp(text)] == tokens


def test_compound_splitting_survives_saving_the_pipeline(tmp_path):
    nlp = spacy.blank("de")
    add_compound_splitting(nlp)
    nlp.to_disk(tmp_path / "pipe")
    assert [t.text for t in spacy.load(tmp_path / "pipe")("Huawei-Prozessoren")] == ["Huawei", "-", "Prozessoren"]


def test_sentences_end_at_punctuation_and_line_breaks(nlp_de):
    doc = nlp_de("Eine Überschrift ohne Punkt\nDer erste Satz kostet 5 Mrd. Euro. Der zweite Satz!")
    assert [sent.text.strip() for sent in doc.sents] == [
        "Eine Überschrift ohne Punkt", "Der erste Satz kostet 5 Mrd. Euro.", "Der zweite Satz!"
    ]


def test_a_spaced_stop_after_an_abbreviation_does_not_end_the_sentence():
    nlp = spacy.blank("de")
    nlp.add_pipe("newsgraph_sentences")
    doc = nlp("Die St . Michaelskapelle steht in Köln . Dr . Robert R . Meier kam . Er blieb .")
    assert [sent.text for sent in doc.sents] == [
        "Die St . Michaelskapelle steht in Köln .", "Dr . Robert R . Meier kam .", "Er blieb ."
    ]


def test_full_pipeline_has_newsgraph_components_in_data_flow_order(nlp_de):
    names = nlp_de.pipe_names
    order = ["newsgraph_money", "newsgraph_entities", "newsgraph_relations"]
    assert [name for name in names if name in order] == order
    assert names.index("newsgraph_gazetteer") < names.index("newsgraph_money")
    assert "newsgraph_relations" in describe(nlp_de)


def test_any_base_pipeline_gets_the_components_and_can_be_saved_and_reloaded(tmp_path):
    base = spacy.blank("de")
    base.to_disk(tmp_path / "base")
    nlp = build_nlp(str(tmp_path / "base"))
    doc = nlp("Samsung-Speicher kosten 1,2 Mio. €.")
    assert {(ent.text, ent.label_) for ent in doc.ents} >= {("Samsung", "ORG"), ("1,2 Mio. €", "MONEY")}
    nlp.to_disk(tmp_path / "full")
    reloaded = spacy.load(tmp_path / "full")
    assert [(e.text, e.label_) for e in reloaded("Samsung-Speicher kosten 1,2 Mio. €.").ents] == \
        [(e.text, e.label_) for e in doc.ents]


def test_unknown_model_name_gives_a_clear_error():
    with pytest.raises(ModelNotFoundError) as error:
        load_base("de_core_news_xx_missing")
    message = str(error.value)
    assert "de_core_news_xx_missing" in message
    assert "newsgraph" in message and "de_core_news_lg" in message


def test_default_is_the_bundled_model():
    nlp = load_base(None)
    assert nlp.pipe_names == ["tok2vec", "ner"]
    assert nlp.meta["name"] == "newsgraph"


def test_a_missing_bundled_model_is_an_error_that_says_how_to_get_it(tmp_path, monkeypatch, runner):
    monkeypatch.setattr(pipeline.extract.nlp, "BUNDLED_MODEL", tmp_path / "nowhere")
    with pytest.raises(ModelNotFoundError, match="bundled model is not in") as error:
        build_nlp()
    assert str(tmp_path / "nowhere") in str(error.value) and "--model" in str(error.value)
    article = tmp_path / "a.txt"
    article.write_text("Die Allianz sitzt in München.", encoding="utf-8")
    result = runner.invoke(app, ["extract", str(article)])
    assert result.exit_code == 1
    assert "bundled model is not in" in result.output and "Traceback" not in result.output


def test_a_year_or_a_models_number_with_a_stop_ends_the_sentence_an_ordinal_does_not(nlp_de):
    doc = nlp_de("Die Werft baut die Fregatte F127. Der Bund zahlt bis 2031. Ab dem 1. Mai fliegt die Boeing 777-9. "
                 "Im 3. Quartal stieg der Umsatz.")
    assert [sent.text.strip() for sent in doc.sents] == [
        "Die Werft baut die Fregatte F127.", "Der Bund zahlt bis 2031.", "Ab dem 1. Mai fliegt die Boeing 777-9.",
        "Im 3. Quartal stieg der Umsatz."]
