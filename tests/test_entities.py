"""Gazetteer, canonical names and coreference on a real spaCy pipeline."""

import pytest
import spacy
from spacy.tokens import Span

from pipeline.core.iris import entity_iri
from pipeline.extract.entities import (
    COMPANIES_PATH,
    GAZETTEER_PATH,
    EntityResolver,
    alias_index,
    canonical_name,
    collect_entities,
    gazetteer_over_ner,
    gazetteer_patterns,
    is_attribution,
    is_free,
    is_plausible_name,
    labelled_by_context,
    read_gazetteer,
    strip_legal_form,
    with_full_names,
)
from pipeline.extract.nlp import add_compound_splitting


def canonicals(doc, label=None):
    return [ent._.canonical for ent in doc.ents if label is None or ent.label_ == label]


def test_gazetteer_file_is_valid_and_aliases_are_unique():
    entries = read_gazetteer()
    assert len(entries) >= 300
    assert {entry.label for entry in entries} <= {"ORG", "PER", "LOC", "MISC"}
    surfaces = [s for entry in entries for s in {a.casefold() for a in (entry.name, *entry.aliases)}]
    duplicates = {s for s in surfaces if surfaces.count(s) > 1}
    assert not duplicates


@pytest.mark.parametrize(
    "surface, expected",
    [("Infineon Technologies AG", "Infineon Technologies"), ("Nvidia Corp.", "Nvidia"),
     ("Beispiel GmbH & Co. KG", "Beispiel"), ("Acme Holdings Inc.", "Acme Holdings"), ("AG", "AG"),
     ("Optronix GmbH.", "Optronix"), ("Nordlys AS", "Nordlys"), ("Fincantieri S.p.A.", "Fincantieri")],
)
def test_strip_legal_form(surface, expected):
    assert strip_legal_form(surface) == expected


@pytest.mark.parametrize("surface", ["Nvidia", "NVIDIA", "Nvidia Corporation", "Nvidia Corp.", "Nvidias"])
def test_canonical_name_merges_case_aliases_legal_forms_and_genitive(surface):
    assert canonical_name(surface, "ORG") == ("Nvidia", "ORG")


def test_unknown_names_keep_their_surface_without_legal_form():
    assert canonical_name("Quantenwerk GmbH", "ORG") == ("Quantenwerk", "ORG")
    assert canonical_name("Muster", "OTH") == ("Muster", "MISC")


def test_a_listed_common_word_or_surname_keeps_the_models_label_unless_it_is_the_entrys():
    # "Henkel" is a company and a family name: the gazetteer lists it as a common word.
    assert canonical_name("Henkel", "ORG") == ("Henkel", "ORG")
    assert canonical_name("Henkel AG", "PER") == ("Henkel", "ORG")  # not the common word itself
    assert canonical_name("Henkel", "PER") == ("Henkel", "PER")
    assert canonical_name("Nvidia", "PER") == ("Nvidia", "ORG")  # no common word: the list decides
    # a listed person's surname alone, read as a company, is not that person ("die Modekette Lindner")
    assert canonical_name("Lindner", "ORG") == ("Lindner", "ORG")
    assert canonical_name("Christian Lindner", "ORG") == ("Christian Lindner", "PER")
    doc = resolved("Die Modekette Lindner wächst .", (2, 3, "PER", "Christian Lindner"))
    assert [(ent.label_, ent._.canonical) for ent in doc.ents] == [("ORG", "Lindner")]


def test_a_name_declined_by_its_article_is_named_in_the_nominative():
    doc = resolved("Der Chef der Mitteldeutschen Flughafen AG und die Mitteldeutsche Flughafen AG .",
                   (3, 6, "ORG"), (8, 11, "ORG"))
    assert canonicals(doc) == ["Mitteldeutsche Flughafen", "Mitteldeutsche Flughafen"]
    doc = resolved("Der Chef der Bremen Logistik lacht .", (3, 5, "ORG"))  # no adjective: left as it is
    assert canonicals(doc) == ["Bremen Logistik"]


def test_a_name_with_digits_and_capitals_after_a_company_noun_is_a_company():
    doc = resolved("Der Netzbetreiber 50Hertz wächst .")
    assert [(ent.label_, ent._.canonical) for ent in doc.ents] == [("ORG", "50Hertz")]


def test_patterns_carry_the_canonical_name_as_id():
    patterns = gazetteer_patterns(read_gazetteer())
    assert {"label": "ORG", "pattern": "NVIDIA", "id": "Nvidia"} in patterns
    assert "nvidia corporation" in alias_index()


@pytest.mark.parametrize(
    "text, surface, name, label",
    [
        ("Der Konzern kauft Nvidia-Chips.", "Nvidia", "Nvidia", "ORG"),
        ("Huawei-Prozessoren sind gefragt.", "Huawei", "Huawei", "ORG"),
        ("Die US-Exportbeschränkungen treffen Firmen.", "US", "USA", "LOC"),
        ("Die Biden-Administration prüft den Fall.", "Biden", "Joe Biden", "PER"),
        ("NVIDIA meldet Rekordzahlen.", "NVIDIA", "Nvidia", "ORG"),
        ("Nvidias Umsatz steigt.", "Nvidias", "Nvidia", "ORG"),
    ],
)
def test_hyphen_compounds_case_and_genitive_yield_the_canonical_entity(nlp_de, text, surface, name, label):
    doc = nlp_de(text)
    found = {(ent.text, ent._.canonical, ent.label_) for ent in doc.ents}
    assert (surface, name, label) in found


def test_one_entity_per_thing_with_its_surface_forms(nlp_de):
    doc = nlp_de("Nvidia liefert. NVIDIA wächst. Nvidia-Chips sind knapp.")
    (nvidia,) = [entity for entity in collect_entities(doc) if entity.name == "Nvidia"]
    assert nvidia.label == "ORG"
    assert nvidia.iri == entity_iri("Nvidia", "ORG")
    assert nvidia.aliases == ("NVIDIA",)


def test_demonyms_are_not_organisations(nlp_de):
    doc = nlp_de("Chinesische Lieferanten und deutsche Firmen verhandeln.")
    assert canonicals(doc, "ORG") == []


def test_salient_org_and_coreference(nlp_de):
    text = ("Die Firma Alphabet, der Eigentümer von Waymo, wächst. Alphabet baut aus. "
            "Das Unternehmen investiert. Der Eigentümer von Waymo plant mehr. Sie setzen auf KI.")
    doc = nlp_de(text)
    assert doc._.salient_org == "Alphabet"
    corefs = {(span.text, span._.canonical) for span in doc.spans["newsgraph_coref"]}
    assert ("Das Unternehmen", "Alphabet") in corefs
    assert ("Der Eigentümer von Waymo", "Alphabet") in corefs
    assert ("Sie", "Alphabet") in corefs
    assert not any(text.startswith("der Eigentümer") for text, _ in corefs), "an apposition is not a reference"


def test_attribution_source_is_not_the_salient_org(nlp_de):
    doc = nlp_de("Laut Reuters kauft Tencent Chips. Laut Reuters wächst Tencent. Nach Angaben von Reuters auch.")
    assert doc._.salient_org == "Tencent"


@pytest.mark.parametrize("text", [
    "Gießen (dpa / lhe) - Der Versicherer Talanx kauft Heiler. Talanx zahlt.",  # two agencies in a dateline
    "Foto: Holger Hollemann dpa\nDer Versicherer Talanx kauft Heiler. Talanx zahlt.",  # a picture's credit
    "Foto: Holger Hollemann\ndpa\nDer Versicherer Talanx kauft Heiler. Talanx zahlt.",
])
def test_agencies_in_datelines_and_credits_are_sources(text):
    import pipeline.extract.nlp  # noqa: F401  (registers the factories)

    nlp = spacy.blank("de")
    nlp.add_pipe("newsgraph_sentences")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": "ORG", "pattern": name} for name in ("dpa", "lhe", "Talanx", "Heiler")]
                       + [{"label": "PER", "pattern": "Holger Hollemann"}, {"label": "LOC", "pattern": "Gießen"}])
    nlp.add_pipe("newsgraph_entities")
    doc = nlp(text)
    assert [ent.text for ent in doc.ents if is_attribution(ent)] == [
        name for name in ("Holger Hollemann", "dpa", "lhe") if name in text]
    assert doc._.salient_org == "Talanx"


@pytest.mark.parametrize(("text", "sources"), [
    ("Dow und Dupont verhandeln über eine Fusion, berichteten das Journal und die Agentur Bloomberg.",
     ["Journal", "Bloomberg"]),  # a reporting verb before two sources
    ("Wie das Journal und Bloomberg melden, verhandeln Dow und Dupont.", ["Journal", "Bloomberg"]),
    ("Laut Bloomberg verhandeln Dow und Dupont über eine Fusion.", ["Bloomberg"]),  # the second of two parties
])
def test_coordinated_sources_are_sources(text, sources):
    import pipeline.extract.nlp  # noqa: F401  (registers the factories)

    nlp = spacy.blank("de")
    nlp.add_pipe("newsgraph_sentences")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": "ORG", "pattern": name} for name in ("Dow", "Dupont", "Journal", "Bloomberg")])
    nlp.add_pipe("newsgraph_entities")
    assert [ent.text for ent in nlp(text).ents if is_attribution(ent)] == sources


def test_a_bracket_after_a_name_in_a_sentence_is_no_dateline():
    import pipeline.extract.nlp  # noqa: F401  (registers the factories)

    nlp = spacy.blank("de")
    nlp.add_pipe("newsgraph_sentences")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": "ORG", "pattern": name} for name in ("Talanx", "Heiler", "Hannover Rück")])
    nlp.add_pipe("newsgraph_entities")
    doc = nlp("Talanx kauft die Firma Heiler (mit Hannover Rück als Partner) für viel Geld.")
    assert not any(is_attribution(ent) for ent in doc.ents)


def test_links_and_legal_forms_and_hashtags_in_mentions():
    import pipeline.extract.nlp  # noqa: F401  (registers the factories)

    nlp = spacy.blank("de")
    nlp.add_pipe("newsgraph_sentences")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": "ORG", "pattern": "https://t.co/abc"}, {"label": "ORG", "pattern": "Brenntag"},
                        {"label": "LOC", "pattern": "Hamburg"}])
    nlp.add_pipe("newsgraph_entities")
    doc = nlp("Brenntag AG wächst in #Hamburg laut https://t.co/abc")
    assert [(ent.text, ent._.canonical) for ent in doc.ents] == [("Brenntag AG", "Brenntag"), ("#Hamburg", "Hamburg")]


@pytest.mark.parametrize(("text", "plausible"), [
    ("Nvidia", True), ("Deutsche Gesellschaft für Internationale Zusammenarbeit (GIZ) GmbH", True), ("3M", True),
    ("👍", False), ("2024", False), ("+++", False), ("Q" * 201, False),
])
def test_a_name_has_a_letter_and_a_sane_length(text, plausible):
    assert is_plausible_name(text) is plausible


def test_the_pipeline_drops_entities_that_are_no_names(nlp_de):
    doc = nlp_de("Die " + "Q" * 5000 + " GmbH kauft 👍 für 2 Milliarden Euro Server von der Siemens AG in München.")
    assert all(is_plausible_name(ent.text) for ent in doc.ents if ent.label_ in {"ORG", "PER", "LOC", "MISC"})
    assert {ent._.canonical for ent in doc.ents if ent.label_ == "ORG"} >= {"Siemens"}


def test_a_place_inside_a_longer_name_the_model_found_stays_part_of_that_name():
    doc = spacy.blank("de")("Real Madrid schlägt das China - Team und Huawei")
    model = [Span(doc, 0, 2, "ORG"), Span(doc, 4, 7, "ORG"), Span(doc, 8, 9, "PER")]
    listed = [Span(doc, 1, 2, "LOC"), Span(doc, 4, 5, "LOC"), Span(doc, 8, 9, "ORG")]
    kept = sorted((ent.text, ent.label_) for ent in gazetteer_over_ner(model, listed))
    # "Madrid" yields to the model's "Real Madrid"; "China" wins inside the compound; the list relabels Huawei.
    assert kept == [("China", "LOC"), ("Huawei", "ORG"), ("Real Madrid", "ORG")]


def test_a_place_before_a_hyphen_and_a_rare_word_stays_part_of_that_name():
    doc = spacy.blank("de")("Flug von Moskau - Scheremetjewo nach Bremen - Vegesack zum China - Geschäft")
    model = [Span(doc, 2, 5, "LOC"), Span(doc, 6, 9, "LOC"), Span(doc, 10, 13, "LOC")]
    listed = [Span(doc, 2, 3, "LOC"), Span(doc, 6, 7, "LOC"), Span(doc, 10, 11, "LOC")]
    kept = [(ent.text, ent.label_) for ent in gazetteer_over_ner(model, listed)]
    # A rare head after the hyphen is a name of its own; "Geschäft", a common noun, makes "China" the name.
    assert kept == [("Moskau - Scheremetjewo", "LOC"), ("Bremen - Vegesack", "LOC"), ("China", "LOC")]


def test_places_joined_by_a_slash_are_two_places():
    doc = spacy.blank("de")("Hamburg / San Francisco - Lyft")
    model = [Span(doc, 0, 4, "LOC")]
    listed = [Span(doc, 0, 1, "LOC"), Span(doc, 2, 4, "LOC")]
    kept = sorted((ent.text, ent.label_) for ent in gazetteer_over_ner(model, listed))
    assert kept == [("Hamburg", "LOC"), ("San Francisco", "LOC")]


def test_a_written_compound_the_model_read_as_one_place_stays_one_place():
    nlp = spacy.blank("de")
    add_compound_splitting(nlp)
    doc = nlp("Von Köln-Wahn ins China-Geschäft, nach Köln - West")
    assert [token.text for token in doc[1:4]] == ["Köln", "-", "Wahn"]
    model = [Span(doc, 1, 4, "LOC"), Span(doc, 5, 8, "ORG"), Span(doc, 10, 13, "LOC")]
    listed = [Span(doc, 1, 2, "LOC"), Span(doc, 5, 6, "LOC"), Span(doc, 10, 11, "LOC")]
    kept = [(ent.text, ent.label_) for ent in gazetteer_over_ner(model, listed)]
    # A place inside something else, or before a spaced dash, is still the name.
    assert kept == [("Köln-Wahn", "LOC"), ("China", "LOC"), ("Köln", "LOC")]


def test_the_pipeline_keeps_clubs_and_institutions_named_after_places(nlp_de):
    doc = nlp_de("Das Spiel gegen den FC Bayern fand in München statt.")
    assert ("München", "LOC") in {(ent.text, ent.label_) for ent in doc.ents}
    assert "Bayern" not in {ent.text for ent in doc.ents if ent.label_ == "LOC"}


def model_entities(text: str, *spans: tuple[int, int, str]):
    """A German doc with ``spans`` set as the statistical model's entities."""
    import pipeline.extract.nlp  # noqa: F401  (registers the factories)

    nlp = spacy.blank("de")
    add_compound_splitting(nlp)
    doc = nlp(text)
    doc.ents = [Span(doc, start, end, label) for start, end, label in spans]
    return doc


def labels(ents):
    return [(ent.text, ent.label_) for ent in ents]


def test_a_holding_read_alone_takes_the_name_before_it():
    doc = model_entities("Für 1,2 Milliarden Euro hat seine Kühne Holding Aktien erworben .", (7, 8, "PER"))
    # the model reads "Holding" as a person; with the word before it the name is an organisation's
    assert labels(labelled_by_context(doc)) == [("Kühne Holding", "ORG")]


def test_a_name_where_only_a_company_stands_is_an_organisation():
    doc = model_entities("Condor gehört dem Investor Attestor . Zu Voltaro gehört Lumen . "
                         "Die Thüga ist an Mainova beteiligt . Der Chipkonzern ist an Mainova beteiligt .",
                         (0, 1, "PER"), (4, 5, "ORG"), (15, 16, "PER"), (22, 23, "PER"))
    # before "gehört", after "Zu ... gehört", before "ist ... an X beteiligt" and after "an": a company, whether
    # the model read a person or nothing there; a company noun ("Chipkonzern") is no name
    assert labels(labelled_by_context(doc)) == [
        ("Condor", "ORG"), ("Attestor", "ORG"), ("Voltaro", "ORG"), ("Thüga", "ORG"), ("Mainova", "ORG"),
        ("Mainova", "ORG")]


def test_a_name_after_a_company_noun_is_an_organisation():
    doc = model_entities("Condor dankt dem Finanzinvestor Attestor , Anteile hält die Förderbank KfW .",
                         (0, 1, "PER"), (4, 5, "LOC"))
    # The model's place becomes a company; a name it passed over after "Förderbank" is found; "Condor",
    # with no company noun before it and no other mention, keeps the model's label in a sentence alone.
    assert labels(labelled_by_context(doc)) == [("Condor", "PER"), ("Attestor", "ORG"), ("KfW", "ORG")]


def test_a_name_before_an_apposition_with_a_company_noun_is_an_organisation():
    doc = model_entities("Die Jets gehen an Eurowings , eine Tochter der Lufthansa , und an Merkel , die Kanzlerin .",
                         (9, 10, "ORG"), (13, 14, "PER"))
    assert labels(labelled_by_context(doc)) == [("Eurowings", "ORG"), ("Lufthansa", "ORG"), ("Merkel", "PER")]


def test_an_agency_is_a_company_noun_unless_it_is_a_news_agency():
    doc = model_entities("WPP kauft die Digitalagentur Pixelwerk , sagt die Nachrichtenagentur Reuters .",
                         (0, 1, "ORG"), (9, 10, "ORG"))
    assert labels(labelled_by_context(doc)) == [("WPP", "ORG"), ("Pixelwerk", "ORG"), ("Reuters", "ORG")]
    assert [ent.text for ent in with_full_names(doc, [Span(doc, 8, 10, "ORG")])] == ["Nachrichtenagentur Reuters"]


def test_a_common_noun_after_a_company_noun_is_no_name():
    doc = model_entities("Das teilte der Konzern Montag mit , der Investor Carl Icahn schwieg .", (9, 11, "PER"))
    assert labels(labelled_by_context(doc)) == [("Carl Icahn", "PER")]


def test_a_place_adjective_or_a_post_the_model_tagged_is_no_entity():
    doc = model_entities("Kuka gehört dem chinesischen Konzern Midea , sagt das Kölner Start-up , "
                         "dessen Chairman schweigt .",
                         (0, 1, "ORG"), (3, 4, "LOC"), (5, 6, "ORG"), (9, 10, "LOC"), (15, 16, "PER"))
    for token in doc:
        token.is_sent_start = token.i == 0
    EntityResolver(None)(doc)
    assert labels(doc.ents) == [("Kuka", "ORG"), ("Midea", "ORG")]


def test_a_name_right_after_a_post_is_a_person_unless_a_list_knows_it_as_a_company():
    doc = model_entities("Das sagte der Ufo-Vorsitzende Nicoley Baublies , "
                         "nicht der Vorstandsvorsitzende Allianz Deutschland .",
                         (3, 4, "ORG"), (6, 8, "ORG"), (12, 14, "ORG"))
    assert labels(labelled_by_context(doc)) == [("Ufo", "ORG"), ("Nicoley Baublies", "PER"),
                                                ("Allianz Deutschland", "ORG")]


def test_an_organisations_name_cut_in_two_by_the_model_is_one_name_unless_the_rest_is_a_known_place():
    doc = model_entities("Masten von Vantage Towers und Büros von Microsoft Deutschland .",
                         (2, 3, "ORG"), (3, 4, "LOC"), (7, 8, "ORG"), (8, 9, "LOC"))
    assert labels(labelled_by_context(doc)) == [("Vantage Towers", "ORG"), ("Microsoft", "ORG"), ("Deutschland", "LOC")]


def test_a_listed_company_and_a_country_read_as_one_name_is_its_national_company():
    doc = model_entities("Die Chefs von Vodafone Italia , Infineon Austria und Deutsche Telekom Grafikprozessoren .",
                         (3, 5, "ORG"), (6, 8, "ORG"), (9, 12, "ORG"))
    listed = [Span(doc, 3, 4, "ORG"), Span(doc, 6, 7, "ORG"), Span(doc, 9, 11, "ORG")]
    # the country stays in the name; a common noun the model ran into a listed name does not
    assert labels(gazetteer_over_ner(doc.ents, listed)) == [
        ("Vodafone Italia", "ORG"), ("Infineon Austria", "ORG"), ("Deutsche Telekom", "ORG")]


def test_the_words_of_a_sentence_the_model_read_into_a_name_are_no_part_of_it():
    doc = model_entities(
        "Nvidia hat Run:ai abgeschlossen . Aufsichtsratsvorsitzende Héloïse Temple-Boyer lobte Flink .",
        (2, 7, "ORG"), (7, 12, "PER"), (13, 14, "ORG"))
    # a common lower-case word and the full stop after a name, a post before a person; a name of
    # one word stays whatever it is ("Flink")
    assert labels(labelled_by_context(doc)) == [("Run:ai", "ORG"), ("Héloïse Temple-Boyer", "PER"), ("Flink", "ORG")]


def test_a_company_noun_refers_to_the_company_named_right_after_such_a_noun(nlp_de):
    doc = nlp_de("Der Energieversorger Mainova baut sein Netz aus. Siemens liefert dafür Schaltanlagen. "
                 "Im Aufsichtsrat des Versorgers sitzt auch die Stadt.")
    assert [(span.text, span._.canonical) for span in doc.spans["newsgraph_coref"]] == [
        ("des Versorgers", "Mainova")]


@pytest.mark.parametrize(
    "text, reference, company",
    [
        # the subject before a colon, not the last sentence's
        ("Kuka baut Roboter. Auch zur See wächst Rheinmetall: Im Mai übernahm der Konzern die Werft NVL.",
         "der Konzern", "Rheinmetall"),
        ("Nvidia liefert Chips. Gewachsen ist Kernwerk durch einen Zukauf: Im Herbst übernahm das Start-up "
         "den Datenannotierer Labelkontor.", "das Start-up", "Kernwerk"),
        # the name a ticker item opens with
        ("Deka kauft Fonds. Signal Iduna: Der Dortmunder Versicherer übernimmt die Mehrheit an Nordhafen.",
         "Der Dortmunder Versicherer", "Signal Iduna"),
    ],
)
def test_a_reference_after_a_colon_is_the_company_named_before_it(nlp_de, text, reference, company):
    doc = nlp_de(text)
    assert [(span.text, span._.canonical) for span in doc.spans["newsgraph_coref"]] == [(reference, company)]


@pytest.mark.parametrize(
    "text, company",
    [
        # a sentence that opens with a company's post, or with a preposition and a company, is on that company
        ("KIT kauft Rechner. HPE-Chef Antonio Neri will das Geschäft ausbauen. Der Konzern hatte 2019 Cray "
         "übernommen.", "HPE"),
        ("Encavis kauft Iqony Solar. Für Steag ist der Verkauf Teil eines Umbaus. Der Konzern gehört dem "
         "Investor Asterion.", "Steag"),
        # not when the post holder only speaks: the text stays on its company
        ("Die Telekom kauft Chips bei Nvidia. Nvidia-Chef Jensen Huang sprach von einem Leuchtturm. Zudem "
         "investiert das Unternehmen 200 Millionen Euro.", "Deutsche Telekom"),
    ],
)
def test_a_sentence_without_a_company_subject_may_open_with_its_topic(nlp_de, text, company):
    doc = nlp_de(text)
    assert [span._.canonical for span in doc.spans["newsgraph_coref"]] == [company]


def test_the_next_sentence_refers_to_the_subject_of_the_last_part_of_a_sentence(nlp_de):
    doc = nlp_de("Einen neuen Geldgeber hat das Start-up Voltaro gewonnen: Die Porsche SE beteiligt sich an "
                 "dem Hersteller. Die Holding zahlt dafür 20 Millionen Euro.")
    assert [(span.text, span._.canonical) for span in doc.spans["newsgraph_coref"]][-1] == ("Die Holding",
                                                                                           "Porsche SE")


def test_a_common_noun_with_an_article_is_the_longer_name_it_begins(nlp_de):
    doc = nlp_de("Das Forschungszentrum Jülich baut aus. Den Auftrag vergab das Forschungszentrum an ParTec.")
    assert {ent.text: ent._.canonical for ent in doc.ents if ent.label_ == "ORG"}["Forschungszentrum"] == \
        "Forschungszentrum Jülich"


def test_a_name_of_several_words_in_the_genitive_is_the_name_without_its_s(nlp_de):
    doc = nlp_de("Nach dem Spiel sprach Eintracht Frankfurts Vorstandschef Heribert Bruchhagen.")
    assert [ent._.canonical for ent in doc.ents if ent.label_ == "ORG"] == ["Eintracht Frankfurt"]


def test_a_place_word_before_a_company_noun_is_no_reference_even_with_two_spaces_between(nlp_de):
    doc = nlp_de("Der Schweizer  Fleischverarbeiter Bell kauft den Geflügelspezialisten Huber.")
    assert [span.text for span in doc.spans["newsgraph_coref"]] == []


def test_a_place_adjective_and_a_bare_company_noun_are_a_description_not_a_name():
    doc = model_entities("Chemkon kauft das Münchener Unternehmen .", (0, 1, "ORG"), (3, 5, "LOC"))
    assert labels(labelled_by_context(doc)) == [("Chemkon", "ORG")]


def test_legal_forms_make_companies_and_titles_with_given_names_make_people():
    doc = model_entities("Die Datagon GmbH holt Dr. Martin Keller .", (1, 3, "MISC"), (4, 7, "MISC"))
    assert labels(labelled_by_context(doc)) == [("Datagon GmbH", "ORG"), ("Dr. Martin Keller", "PER")]


def test_a_business_units_english_name_joins_its_parents():
    doc = model_entities("Siemens Mobility und Airbus Defence and Space , dann übernimmt Siemens Altair .",
                         (0, 1, "ORG"), (3, 4, "ORG"), (10, 11, "ORG"), (11, 12, "ORG"))
    assert labels(labelled_by_context(doc)) == [
        ("Siemens Mobility", "ORG"), ("Airbus Defence and Space", "ORG"), ("Siemens", "ORG"), ("Altair", "ORG")]


def test_a_name_shown_to_be_a_company_is_one_in_every_mention():
    doc = model_entities("Leonardo-Chef Roberto Cingolani sagt , Leonardo halte 22 Prozent .",
                         (0, 1, "PER"), (3, 5, "PER"), (7, 8, "PER"))
    assert labels(labelled_by_context(doc)) == [("Leonardo", "ORG"), ("Roberto Cingolani", "PER"), ("Leonardo", "ORG")]
    # The surname of a person named in full stays a person's.
    doc = model_entities("Müller-Chef Jan Roth und Anna Müller ; Müller lacht .",
                         (0, 1, "PER"), (3, 5, "PER"), (6, 8, "PER"), (9, 10, "PER"))
    assert [label for _, label in labels(labelled_by_context(doc))] == ["PER"] * 4


def in_an_article(doc):
    """``doc`` as the third of four sentences, the way the pipeline marks them."""
    article = model_entities("Eins . Zwei . " + doc.text + " Vier .",
                             *((ent.start + 4, ent.end + 4, ent.label_) for ent in doc.ents))
    for token in article:
        token.is_sent_start = token.i == 0 or article[token.i - 1].text == "."
    return article


def test_a_lone_unknown_person_in_an_article_is_a_company_unless_a_post_a_speech_verb_or_a_full_name_says_otherwise():
    doc = model_entities("Am Konzern hält Cevian 5 Prozent .", (3, 4, "PER"))
    assert labels(labelled_by_context(in_an_article(doc))) == [("Cevian", "ORG")]
    assert labels(labelled_by_context(doc)) == [("Cevian", "PER")]  # a sentence alone: the model's label
    doc = model_entities("Finanzchefin Wehrle lobt , sagte Dörre .", (1, 2, "PER"), (5, 6, "PER"))
    assert labels(labelled_by_context(in_an_article(doc))) == [("Wehrle", "PER"), ("Dörre", "PER")]
    doc = model_entities("Annette Wehrle kommt , Wehrle lobt und Merz lacht .",
                         (0, 2, "PER"), (4, 5, "PER"), (7, 8, "PER"))
    assert [label for _, label in labels(labelled_by_context(in_an_article(doc)))] == ["PER"] * 3


def test_words_before_a_legal_form_the_model_passed_over_are_a_company_when_they_are_the_whole_name():
    doc = model_entities("Eingestiegen ist die Duisburger Hafen AG , nicht die Ford-Werke GmbH oder die AG .")
    assert labels(labelled_by_context(doc)) == [("Duisburger Hafen AG", "ORG")]


def test_an_article_names_its_companies_again_where_the_model_passed_over_them():
    doc = model_entities("Kernwerk holt Geld ; bei Polarise mietet Kernwerk und Kernwerks Chef lacht .",
                         (0, 1, "ORG"), (5, 6, "ORG"))
    assert labels(labelled_by_context(in_an_article(doc))) == [
        ("Kernwerk", "ORG"), ("Polarise", "ORG"), ("Kernwerk", "ORG"), ("Kernwerks", "ORG")]
    assert labels(labelled_by_context(doc)) == [("Kernwerk", "ORG"), ("Polarise", "ORG")]  # a sentence alone
    # A common word is no name elsewhere, nor is a compound's first part the model tagged.
    doc = model_entities("Die Post liefert ; die Post und Siliziumkarbid-Sparte , Siliziumkarbid .",
                         (1, 2, "ORG"), (7, 8, "ORG"))
    assert labels(labelled_by_context(in_an_article(doc))) == [("Post", "ORG"), ("Siliziumkarbid", "ORG")]


def test_a_region_and_the_rest_of_a_longer_name_join_the_name_before():
    doc = model_entities("Edeka Südwest und die Tochter Sartorius Stedim Biotech , nicht kauft Bosch Kuka .",
                         (0, 1, "ORG"), (5, 6, "ORG"), (6, 8, "ORG"), (11, 12, "ORG"), (12, 13, "ORG"))
    assert labels(labelled_by_context(doc)) == [
        ("Edeka Südwest", "ORG"), ("Sartorius Stedim Biotech", "ORG"), ("Bosch", "ORG"), ("Kuka", "ORG")]


def test_a_word_that_ends_company_names_makes_the_name_a_company():
    doc = model_entities("Sapphire Ventures und Neckar-Alb Energie an der Automotive Cells Company .",
                         (0, 2, "PER"), (3, 6, "LOC"))
    assert labels(labelled_by_context(doc)) == [
        ("Sapphire Ventures", "ORG"), ("Neckar-Alb Energie", "ORG"), ("Automotive Cells Company", "ORG")]
    doc = model_entities("Die Energie der Partners kostet .")
    assert labels(labelled_by_context(doc)) == []


def test_a_legal_form_alone_takes_the_words_before_it_and_suppliers_of_capital_or_energy_describe(nlp_de):
    doc = nlp_de("Als Investor ist die Duisburger Hafen AG eingestiegen, dazu der Wagniskapitalgeber Vsquared "
                 "Ventures und der Versorger Enercity.")
    assert [(ent.text, ent.label_) for ent in doc.ents if ent.label_ == "ORG"] == [
        ("Duisburger Hafen AG", "ORG"), ("Vsquared Ventures", "ORG"), ("Enercity", "ORG")]


def test_holders_acronyms_and_full_names_whatever_the_model_said():
    doc = model_entities("Stellantis ist Mehrheitseigentümer von Opel , die Europäische Weltraumorganisation ESA "
                         "und Petra Scharner-Wolff von der Otto Group .",
                         (0, 1, "ORG"), (2, 3, "PER"), (4, 5, "ORG"), (7, 10, "ORG"), (11, 15, "ORG"), (17, 19, "ORG"))
    assert labels(labelled_by_context(doc)) == [("Stellantis", "ORG"), ("Mehrheitseigentümer", "PER"),
                                                ("Opel", "ORG"), ("ESA", "ORG"), ("Petra Scharner-Wolff", "PER"),
                                                ("Otto Group", "ORG")]
    resolver = EntityResolver(spacy.blank("de"))
    assert "Mehrheitseigentümer" not in [ent.text for ent in resolver(in_an_article(doc)).ents]


def test_federal_bodies_are_organisations():
    doc = model_entities("Die Bundesregierung und das Bundeskartellamt schauen Bundesliga .")
    assert labels(labelled_by_context(doc)) == [("Bundesregierung", "ORG"), ("Bundeskartellamt", "ORG")]
    doc = model_entities("Geld vom Bund , Kritik vom Bund der Steuerzahler .")
    assert labels(labelled_by_context(doc)) == [("Bund", "ORG")]


def test_a_place_adjective_and_a_company_noun_before_a_name_are_not_part_of_it(nlp_de):
    doc = nlp_de("Der Schweizer Duftstoffhersteller Firmenich und der Düsseldorfer Anlagenbauer SMS wachsen.")
    assert {ent._.canonical for ent in doc.ents if ent.label_ == "ORG"} >= {"Firmenich", "SMS"}


def test_listed_companies_from_open_data_are_found_and_never_shadow_the_hand_kept_list(nlp_de):
    hand_kept = {s.casefold() for e in read_gazetteer(GAZETTEER_PATH) for s in (e.name, *e.aliases)}
    derived = read_gazetteer(COMPANIES_PATH)
    assert len(derived) >= 1000
    assert not {s.casefold() for e in derived for s in (e.name, *e.aliases)} & hand_kept
    doc = nlp_de("Der Spezialchemiekonzern Lanxess AG und Givaudan verhandeln.")
    assert {(ent._.canonical, ent.label_) for ent in doc.ents} >= {("Lanxess", "ORG"), ("Givaudan", "ORG")}


def test_a_hyphenated_given_name_stays_whole(nlp_de):
    doc = nlp_de("SK-Hynix-Chef Kwak Noh-jung sprach mit Samsung-Erbe Lee Jae-yong.")
    assert {ent.text for ent in doc.ents if ent.label_ == "PER"} == {"Kwak Noh-jung", "Lee Jae-yong"}


def test_a_listed_surname_after_given_names_stays_part_of_the_persons_name():
    doc = spacy.blank("de")("Vorstandschefin Martina Merz und Kanzler Merz")
    model = [Span(doc, 1, 3, "PER"), Span(doc, 4, 6, "PER")]
    listed = [Span(doc, 2, 3, "PER", span_id="Friedrich Merz"), Span(doc, 5, 6, "PER", span_id="Friedrich Merz")]
    # "Martina" is a given name: the model's longer name stands; "Kanzler" is none: the listed person wins.
    assert labels(gazetteer_over_ner(model, listed)) == [("Martina Merz", "PER"), ("Merz", "PER")]


def resolved(text: str, *spans: tuple[int, int, str] | tuple[int, int, str, str]):
    """``text`` with the model's (and the gazetteer's, with a canonical id) entities, resolved."""
    from pipeline.extract.entities import EntityResolver

    doc = model_entities(text)
    for token in doc:
        token.is_sent_start = token.i == 0
    doc.ents = [Span(doc, start, end, label, span_id=rest[0] if rest else 0) for start, end, label, *rest in spans]
    return EntityResolver(spacy.blank("de"))(doc)


def test_a_surname_alone_is_the_person_the_document_names_in_full_before_a_listed_one():
    doc = resolved("Vorstandschefin Martina Merz lobte . Merz lacht .", (1, 3, "PER"), (5, 6, "PER", "Friedrich Merz"))
    assert canonicals(doc) == ["Martina Merz", "Martina Merz"]
    doc = resolved("Merz lacht .", (0, 1, "PER", "Friedrich Merz"))
    assert canonicals(doc) == ["Friedrich Merz"]


def test_a_name_hyphenated_inside_a_compound_is_the_name_written_with_spaces():
    doc = resolved("Isar Aerospace wächst , sagte Isar-Aerospace-Chef Daniel Metzler , IG-Metall-Vize Anna Roth .",
                   (0, 2, "ORG"), (5, 8, "ORG"), (10, 12, "PER"), (13, 16, "ORG"), (18, 20, "PER"))
    # "Isar Aerospace" is named in the document, "IG Metall" in the gazetteer; "Mercedes-Benz" in neither.
    assert canonicals(doc, "ORG") == ["Isar Aerospace", "Isar Aerospace", "IG Metall"]
    assert canonicals(resolved("Die Mercedes-Benz-Aktie fällt .", (1, 4, "ORG")), "ORG") == ["Mercedes-Benz"]


def test_a_foundation_named_after_a_company_is_another_organisation():
    doc = resolved("Die RAG-Stiftung und die Carl-Zeiss-Stiftung halten Anteile an RAG .",
                   (1, 2, "ORG"), (8, 9, "ORG"), (14, 15, "ORG"))
    assert canonicals(doc, "ORG") == ["RAG-Stiftung", "Carl-Zeiss-Stiftung", "RAG"]


def test_place_adjectives_and_company_nouns_alone_are_no_names_whatever_the_label():
    doc = resolved("Sie wechselt in den Vorstand des Münchner Mutterkonzerns , nicht zum Autokonzern .",
                   (6, 8, "LOC"), (12, 13, "ORG"))
    assert canonicals(doc) == []
    doc = resolved("Die Stuttgarter Holding kauft die Berliner Taxi-App Freenow .", (1, 3, "ORG"), (5, 10, "ORG"))
    # the model's "Stuttgarter Holding" describes a company; "Berliner Taxi-App" is no part of Freenow's name
    assert canonicals(doc) == ["Freenow"]


def test_a_listed_name_needs_no_letter(nlp_de):
    assert "1&1" in canonicals(nlp_de("Der Mobilfunker 1&1 wächst."), "ORG")


@pytest.mark.parametrize(
    "acronym, name, expected",
    [
        ("TKMS", "Thyssenkrupp Marine Systems", True),  # a second letter from inside the first word
        ("BMW", "Bayerische Motoren Werke", True),
        ("LBBW", "Landesbank Baden-Württemberg", True),
        ("ESA", "European Space Agency", True),
        ("TKMS", "Thyssenkrupp Steel", False),
        ("VW", "Volkswagen", False),  # one word: no initials to read
        ("ABC", "Anna Berta", False),
    ],
)
def test_an_acronym_abbreviates_the_initials_of_a_name(acronym, name, expected):
    from pipeline.extract.entities import abbreviates

    assert abbreviates(acronym, name) is expected


def test_an_acronym_and_the_name_it_abbreviates_are_one_entity_named_as_the_text_names_it_more_often():
    doc = resolved("Die Werft Kieler Marine Systeme wächst ; KMS liefert , KMS baut .",
                   (2, 5, "ORG"), (7, 8, "ORG"), (10, 11, "ORG"))
    assert canonicals(doc) == ["KMS", "KMS", "KMS"]
    doc = resolved("Kieler Marine Systeme ( KMS ) und KMS-Aktie", (0, 3, "ORG"), (4, 5, "ORG"))
    assert canonicals(doc) == ["Kieler Marine Systeme", "Kieler Marine Systeme"]


def test_a_short_name_is_the_documents_one_longer_name_it_begins_or_ends():
    doc = resolved("Die Molkerei Hochwald Foods , Hochwald-Chef und Tessin-Aktie .", (2, 4, "ORG"), (5, 6, "ORG"),
                   (9, 10, "ORG"))
    assert canonicals(doc) == ["Hochwald Foods", "Hochwald Foods", "Tessin"]
    # alone it may be another company (a unit's parent); two longer names, or one made of two, leave it be
    doc = resolved("Iqony verkauft Iqony Solar , Iqony-Chef lacht .", (0, 1, "ORG"), (2, 4, "ORG"), (5, 6, "ORG"))
    assert canonicals(doc) == ["Iqony", "Iqony Solar", "Iqony"]
    doc = resolved("Saxodata wird Nordwerk Saxodata ; Nordwerk-Chef geht .", (0, 1, "ORG"), (2, 4, "ORG"),
                   (5, 6, "ORG"))
    assert canonicals(doc) == ["Saxodata", "Nordwerk Saxodata", "Nordwerk"]
    # alone, the end of the longer name is that company: "Schenker" of "DB Schenker"; not of a misread phrase
    doc = resolved("Bahn gibt Schenker ab ; DB Schenker geht an DSV .", (2, 3, "ORG"), (5, 7, "ORG"), (9, 10, "ORG"))
    assert canonicals(doc) == ["DB Schenker", "DB Schenker", "DSV"]
    doc = resolved("Lenzen wächst ; die Bank für Lenzen auch .", (0, 1, "ORG"), (4, 7, "ORG"))
    assert canonicals(doc) == ["Lenzen", "Bank für Lenzen"]


@pytest.mark.parametrize(
    "surface, expected",
    [
        ("Otto Group", "Otto Group"),  # "Group" is part of the name ...
        ("Schwarz-Gruppe", "Schwarz Gruppe"),
        ("EP Corporate Group GmbH", "EP Corporate Group"),
        ("BMW Group", "BMW"),  # ... unless the name before it is a listed company's
        ("Volkswagen Group", "Volkswagen"),
        ("Deutsche-Börse", "Deutsche Börse"),  # a listed name hyphenated as in a compound
    ],
)
def test_a_group_or_a_hyphenated_name_is_the_listed_company_s_if_there_is_one(surface, expected):
    assert canonical_name(surface, "ORG") == (expected, "ORG")


def test_a_surname_the_model_left_untagged_is_the_person_named_in_full(nlp_de):
    doc = nlp_de("Die Allianz holt Sabine Krämer in den Vorstand. Krämer war zuletzt bei der Munich Re. "
                 "Die Krämer-Berufung überrascht.")
    people = [(ent.text, ent._.canonical) for ent in doc.ents if ent.label_ == "PER"]
    assert people == [("Sabine Krämer", "Sabine Krämer"), ("Krämer", "Sabine Krämer")]  # not in the compound


def test_references_repeat_their_company_and_a_pronoun_after_a_person_is_no_company(nlp_de):
    text = ("Lufthansa Cargo bekommt eine neue Chefin. Die Frachtairline wächst. Anna Berg, bisher Managerin des "
            "Paketdienstes UPS, übernimmt das Amt. Sie folgt auf Peter Sommer, wie der Konzern mitteilte. "
            "Berichte, wonach die Lufthansa Anteile an der Tochter abgeben wolle, wies ein Sprecher zurück. "
            "Finanzchef der Frachtairline bleibt Jan Ott.")
    doc = nlp_de(text)
    corefs = [(span.text, span._.canonical) for span in doc.spans["newsgraph_coref"]]
    assert not any(reference == "Sie" for reference, _ in corefs)
    assert ("der Konzern", "Lufthansa Cargo") in corefs
    assert ("der Frachtairline", "Lufthansa Cargo") in corefs


def test_a_reference_after_a_post_in_a_compound_is_that_company(nlp_de):
    doc = nlp_de("Der Investor KKR kauft Anteile. Siemens-Chef Roland Busch, der das Unternehmen seit 2021 führt, "
                 "lobte. Der frühere Bosch-Manager Jan Berg, der die neue Gesellschaft leiten wird, schwieg.")
    assert [(span.text, span._.canonical) for span in doc.spans["newsgraph_coref"]][:1] == [
        ("das Unternehmen", "Siemens")]
    assert ("die neue Gesellschaft", "Bosch") not in {(span.text, span._.canonical)
                                                     for span in doc.spans["newsgraph_coref"]}


def test_a_genitive_after_a_noun_is_no_subject_for_coreference(nlp_de):
    def free(text, name):
        doc = nlp_de(text)
        return [is_free(ent) for ent in doc.ents if ent._.canonical == name]

    assert free("Die IT-Sparte der Schwarz-Gruppe wächst.", "Schwarz Gruppe") == [False]
    assert free("Der Chef des Konzerns Bosch lacht.", "Bosch") == [False]
    assert free("Heute wächst die Schwarz-Gruppe.", "Schwarz Gruppe") == [True]


def test_sie_means_no_company_named_after_a_masculine_or_neuter_noun(nlp_de):
    doc = nlp_de("Der Finanzinvestor Permira übernimmt die Firma Hagmann. Geführt wird sie von Katharina Hagmann.")
    assert [span._.canonical for span in doc.spans["newsgraph_coref"] if span.text == "sie"] == ["Hagmann"]
    # a subject named after a feminine noun is what "sie" means
    doc = nlp_de("Die Firma Hagmann kauft den Zulieferer Kessler. Geführt wird sie von Katharina Hagmann.")
    assert [span._.canonical for span in doc.spans["newsgraph_coref"] if span.text == "sie"] == ["Hagmann"]


def test_a_name_in_a_relative_clause_after_a_preposition_is_not_what_the_next_sentence_refers_to(nlp_de):
    doc = nlp_de("Der Glasfaseranbieter Deutsche Glasfaser baut aus. Geplant sind Anschlüsse in Gemeinden, in denen "
                 "weder die Deutsche Telekom noch Vodafone schnelles Internet anbieten. KKR war 2015 bei dem "
                 "Unternehmen eingestiegen.")
    assert [span._.canonical for span in doc.spans["newsgraph_coref"] if span.text == "dem Unternehmen"] == [
        "Deutsche Glasfaser"]
