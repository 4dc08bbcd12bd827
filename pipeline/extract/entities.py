"""Entities: the gazetteer, one canonical name per real-world thing, and coreference.

The gazetteer (``pipeline/data/gazetteer.jsonl``) becomes a spaCy span
ruler writing entities (as ``future_entity_ruler`` does; its cost per
document does not grow with the number of patterns) named
``newsgraph_gazetteer`` that runs after the statistical
NER and overwrites it where they overlap, so well-known names always get the
right label and canonical id; only a listed place inside a longer name the
model found ("Real Madrid") yields to it (``gazetteer_over_ner``). ``EntityResolver`` (factory
``newsgraph_entities``) then gives every entity span a canonical name
(``span._.canonical``): the gazetteer id, else the surface with legal forms and
genitive "s" stripped, merged case-insensitively within the document. It picks
the document's salient organisation (``doc._.salient_org``) and resolves
"das Unternehmen", "die Firma", "der Konzern", "der Eigentümer von X" and
"sie" to it, as spans in ``doc.spans["newsgraph_coref"]``.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable

import spacy
from spacy.attrs import LOWER, ORTH, SENT_START
from spacy.language import Language
from spacy.pipeline.span_ruler import prioritize_new_ents_filter
from spacy.tokens import Doc, Span
from wordfreq import zipf_frequency

from pipeline.core.iris import entity_iri
from pipeline.core.records import Entity
from pipeline.core.resources import DATA_DIR
from pipeline.extract.german import PREPOSITIONS
from pipeline.extract.lexicon import is_listed_name

GAZETTEER_PATH = DATA_DIR / "gazetteer.jsonl"
# Derived from open data by scripts/build_companies.py; the hand-kept file wins where both know a name.
COMPANIES_PATH = DATA_DIR / "companies.jsonl"
ENTITY_LABELS = frozenset({"ORG", "PER", "LOC", "MISC"})
# Longer than any real name (legal names with a full legal form stay under 150 characters).
MAX_NAME_CHARS = 200
# Labels of other German pipelines (GermEval's OTH, OntoNotes-style names).
LABEL_ALIASES = {"OTH": "MISC", "PERSON": "PER", "GPE": "LOC", "NORP": "MISC", "FAC": "LOC"}
LEGAL_FORM = re.compile(
    r"[\s,]+(AG|SE|GmbH|gGmbH|KGaA|GmbH\s*&\s*Co\.?\s*KG|KG|OHG|e\.\s?V\.|Inc\.?|Corp\.?|Corporation"
    r"|Co\.?|Ltd\.?|Limited|LLC|PLC|plc|S\.A\.|SA|N\.V\.|NV|B\.V\."
    r"|AS|ASA|A/S|ApS|AB|Oy|Oyj|S\.p\.A\.|SpA|S\.r\.l\.|Srl|Pty|L\.P\.|LP)\.?$"  # "GmbH." ends a sentence
)
# "Group", "Gruppe" and "Holding" end a name ("Otto Group", "Schwarz-Gruppe" is the Schwarz Gruppe, "Kühne
# Holding") unless the name before them is a listed one ("BMW Group" is BMW).
GROUP = re.compile(r"[\s-]+(Group|Gruppe|Holdings?)$")
# "Deutsche Telekom" -> "Deutschen Telekom", "Vereinigte Staaten" -> "Vereinigten Staaten".
DECLINABLE_ADJECTIVE = re.compile(r"\b([A-ZÄÖÜ][a-zäöüß]+?)(?:e|es|er) (?=[A-ZÄÖÜ])")
LEGAL_FORM_TOKENS = {"AG", "SE", "GmbH", "gGmbH", "KG", "KGaA", "OHG", "&", "Co.", "Inc.", "Inc", "Corp.", "Corp",
                     "Ltd.", "Ltd", "LLC", "PLC", "plc", "N.V.", "NV", "S.A.", "B.V.", "ASA", "A/S", "ApS", "Oyj",
                     "S.p.A.", "SpA"}
# German legal forms that end a company's name and are no word of their own.
NAME_ENDING_LEGAL_FORMS = {"AG", "SE", "GmbH", "gGmbH", "KGaA"}
NAME_ENDING_LEGAL_FORMS_LOWER = {form.lower() for form in NAME_ENDING_LEGAL_FORMS}
# Below this German Zipf frequency a word after a hyphen is taken for a name ("Vegesack", 2.7),
# above it for a common noun ("Chips", 4.0; "Geschäft", 4.7).
RARE_HEAD_ZIPF = 3.5
# At or above this German Zipf frequency a lower-case word is a word of the sentence, never the end of a
# name ("ist", "abgeschlossen"; not "ai" in "Run:ai").
COMMON_WORD_ZIPF = 3.0
COREF_NOUNS = {"unternehmen", "unternehmens", "firma", "konzern", "konzerns"}
# Head nouns that refer back to a company: "der Konzern", "der Chiphersteller", "das Start-up".
COMPANY_NOUN = re.compile(r"\w*(konzern|konzerns|unternehmen|unternehmens|firma|hersteller|herstellers|anbieter"
                          r"|anbieters|gesellschaft|airline|versicherer|autobauer|zulieferer|händler|betreiber"
                          r"|dienstleister|riese|riesen|holding|werft|importeur|versorger|versorgers|reederei|spezialist"
                          r"|spezialisten|entwickler|entwicklers|produzent|produzenten|ausrüster|lieferant|lieferanten"
                          r"|marktführer|marktführers)"
                          r"|start")
COREF_DETERMINERS = {"das", "des", "dem", "die", "der", "den"}
CONTRACTED_DETERMINERS = {"zum", "zur", "vom", "beim"}
OWNER_NOUNS = {"eigentümer", "eigentümers", "besitzer", "besitzers", "mutterkonzern", "mutterkonzerns"}
# Words for one who holds a company, never a name: "Mehrheitseigentümer", "Großaktionär", "Anteilseignerin".
HOLDER_WORD = re.compile(r"\w*(eigentümer|eigner|aktionär|gesellschafter|besitzer)(in|s|n|innen|e|en)?")
PRONOUNS = {"sie"}
NAME_LABELS = frozenset({"ORG", "PER", "LOC", "MISC"})
# Nouns that describe a company and stand before its name ("der Softwarehersteller Altair"): never
# part of the name.
DESCRIPTOR = re.compile(r"\w*(hersteller|herstellers|konzern|konzerns|investor|investors|investoren|geldgeber"
                        r"|kapitalgeber|kapitalgebers|versorger|versorgers"
                        r"|anbieter|anbieters|spezialist|spezialisten|händler|händlers|betreiber|betreibers"
                        r"|dienstleister|dienstleisters|zulieferer|zulieferers|entwickler|entwicklers"
                        r"|holding|tochter|riese|riesen|marktforscher|marktforschers|versicherer"
                        r"|versicherers|autobauer|autobauers|fertiger|fertigers|firma|sparte"
                        r"|konkurrent|konkurrenten|wettbewerber|wettbewerbers|rivale|rivalen|designer|designers"
                        r"|airline|reederei|werft|vermittler|vermittlers|ausrüster|ausrüsters|produzent|produzenten"
                        r"|versender|versenders|lieferant|lieferanten|plattform|mitbewerber|mitbewerbers|app|vermieter"
                        r"|vermieters|studio|studios|discounter|discounters|veranstalter|veranstalters|logistiker|logistikers"
                        r"|lieferdienst|lieferdienstes|portal|portals)"
                        # only as the head of a compound: "Förderbank", "Finanzgruppe", not "Bank Austria",
                        # "Technologieunternehmen", not "(mit denen) Unternehmen Arbeitsabläufe (automatisieren)"
                        r"|\w+(gruppe|gesellschaft|fonds|vermieter|vermieters|reederei|werft|bauer|bauers|dienst"
                        r"|dienstes|unternehmen|unternehmens|verband|verbands|haus|hauses|geschäft|geschäfts|kette"
                        r"|ketten)|bankhaus|molkerei|brauerei"
                        # "die Digitalagentur Conrad Caine"; a news agency is a source, and listed with its name
                        r"|(?!nachrichten|presse)\w+agentur"
                        # not "Volksbank Mitte", "Landesbank Hessen-Thüringen": those are names
                        r"|\w*(förder|investment|noten|groß|zentral|privat|direkt|online|staats|entwicklungs)bank")
# Federal bodies written as one word: "Bundesregierung", "Bundeswirtschaftsministerium", "Bundeskartellamt".
FEDERAL_BODY = re.compile(r"bundes\w*(regierung|ministerium|amt|agentur|bank|tag|rat|gericht|anstalt|kanzleramt)")
# A place adjective written with a capital: "Bremer", "Münchner", "Kölner".
TITLE_PLACE_ADJECTIVE = re.compile(r"[A-ZÄÖÜ][a-zäöüß]+er")
# A business unit's name after its parent's: "Siemens Mobility", "Lufthansa Cargo", "Amazon Web Services".
UNIT_WORD_MIN_ENGLISH_ZIPF = 3.5
# Head nouns that, joined to a name by a hyphen, make the name of another organisation: the RAG-Stiftung
# is not RAG.
NAME_HEADS = frozenset({"Stiftung"})
# Words for a person's post: "Finanzchefin", "Vorstandsvorsitzender", "Gründer", "CEO".
ROLE_WORD = re.compile(r"\w*(chef|chefin|chefs|vorsitzende[rn]?|vorstand|vorständin|vorstandsmitglied|gründer(in|s|n)?"
                       r"|präsident(in|en)?|geschäftsführer(in|n)?|leiter(in|n)?|direktor(in|en)?|boss"
                       r"|generalsekretär(in)?"
                       r"|vize|vorstandssprecher(in)?)"
                       r"|ceo|cfo|cto|coo|head|manager|managerin"  # "Bosch-Manager X"; not "Fondsmanager"
                       r"|chairman|chairwoman|president|director")
# Articles that open an apposition after a name: "Eurowings, eine Tochter der Lufthansa".
APPOSITION_ARTICLES = {"der", "die", "das", "dem", "den", "des", "ein", "eine", "einem", "einer", "eines"}
# Titles before a person's name: "Dr. Martin Keller" is a person whatever the model said.
PERSON_TITLES = {"Dr.", "Prof.", "Professor", "Professorin", "Herr", "Frau"}
# Words that end the name of a company, never of a person or a place: "Sapphire Ventures", "Automotive Cells
# Company", "Neckar-Alb Energie".
COMPANY_NAME_WORDS = frozenset({
    "ventures", "venture", "capital", "partners", "company", "holdings", "systems", "technologies", "labs",
    "motors", "solutions", "materials", "aerospace", "industries", "logistics", "therapeutics", "pharmaceuticals",
    "robotics", "semiconductor", "semiconductors", "networks", "airlines", "airways", "aviation", "investments",
    "advisors", "bancorp", "electronics", "foods", "brands", "studios", "biotech", "energy", "energie",
    "corporation", "enterprises", "analytics", "dynamics", "automation", "biosciences", "genomics", "fintech",
    "stiftung", "elektrik", "elektronik", "bank",
})
# Sentences from which a text is an article that introduces its people in full before naming them by surname.
ARTICLE_SENTENCES = 4
# Verbs of speech beside a lone surname: "sagte Dörre", "Wehrle betonte".
SPEECH_WORDS = {"sagte", "sagt", "sagten", "betonte", "betont", "erklärte", "erklärt", "sprach", "spricht", "meinte",
                "kündigte", "kritisierte", "lobte", "räumte", "ergänzte", "fügte", "hieß", "so"}
# Nouns that end a company's name and are no name alone: "Kühne Holding", "Schwarz Gruppe".
NAME_HEAD_NOUNS = {"holding", "gruppe", "group"}
# Where only a company's name stands: before "gehört zu"/"ist eine Tochter"/"ist ... an X beteiligt", after
# "Zu ... gehört" and "an ... beteiligt" ("Eviden gehört zum Atos-Konzern", "Zu SKion gehört Altana",
# "die Thüga ist mit 24 Prozent an Mainova beteiligt", "SunExpress ist ein Gemeinschaftsunternehmen").
BELONGS_WORDS = {"gehört", "gehören", "gehörte", "gehörten"}
SLOT_COPULAS = {"ist", "war", "sind", "waren"}  # "X ist eine Tochter", "X war an Y beteiligt"
COMPANY_PREDICATE = re.compile(r"\w*tochter(gesellschaft|firma)?|gemeinschaftsunternehmen|joint-venture|\w*beteiligung"
                               r"|ausgründung|abspaltung")
BELONGS_REACH = 12  # words from a copula to "beteiligt" ("ist seit 2019 mit gut 24 Prozent auch an X beteiligt")
SOURCE_CUES = {"angaben", "laut", "gemäß", "informationen", "bericht", "berichten", "berechnungen", "einschätzung",
               "schätzung", "schätzungen", "recherchen", "daten", "zahlen", "analyse", "umfrage"}
CREDIT_WORDS = {"foto", "fotos", "bild", "bilder", "grafik", "quelle", "video"}  # "Foto: dpa": a picture's source
REPORTING_VERBS = {"berichtet", "berichtete", "berichten", "berichteten", "meldet", "meldete", "melden", "meldeten",
                   "schreibt", "schrieb", "schreiben", "schrieben"}
# Verbs of a company's announcement in "wie X am Freitag mitteilte": X is the statement's source there.
ANNOUNCING_VERBS = REPORTING_VERBS | {"mitteilte", "mitteilten", "mitteilt", "mitteilen", "bekanntgab", "bekanntgaben",
                                      "bestätigte", "bestätigten", "erklärte", "erklärten", "ankündigte",
                                      "gab", "gaben"}  # "wie ZF am Donnerstag bekannt gab"

if not Span.has_extension("canonical"):
    Span.set_extension("canonical", default=None)
if not Doc.has_extension("salient_org"):
    Doc.set_extension("salient_org", default=None)


@dataclass(frozen=True)
class GazetteerEntry:
    """A known entity. ``common_words`` are names that are also ordinary German
    words or names of people ("Arm", "Allianz", "Henkel"): the ruler does not
    match them, but when the statistical NER labels one with the entry's label,
    it still resolves to this entry."""

    name: str
    label: str
    aliases: tuple[str, ...] = ()
    common_words: tuple[str, ...] = ()


def read_gazetteer(*paths: Path) -> list[GazetteerEntry]:
    """The entries of the gazetteer files ``paths`` (default: the hand-kept one, then the derived
    companies); a malformed line raises ``ValueError`` naming it."""
    entries = []
    for path in paths or (GAZETTEER_PATH, COMPANIES_PATH):
        entries.extend(_read_entries(path))
    return entries


def _read_entries(path: Path) -> list[GazetteerEntry]:
    entries = []
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                entries.append(GazetteerEntry(
                    record["name"], record["label"], tuple(record.get("aliases", ())),
                    tuple(record.get("common_words", ())),
                ))
            except (json.JSONDecodeError, KeyError, TypeError) as error:
                raise ValueError(f"{path}:{number}: not a gazetteer entry ({error})") from None
    return entries


def surface_variants(surface: str, label: str) -> set[str]:
    """The spellings a name shows up in: as listed, upper case, genitive "s",
    and with declined adjectives ("der Deutschen Telekom", "den Vereinigten Staaten")."""
    variants = {surface}
    if any(char.islower() for char in surface) and len(surface) > 3:
        variants.add(surface.upper())
    if label in {"ORG", "PER", "LOC"} and not surface.endswith(("s", "x", "z", "ß", ".")):
        variants.add(surface + "s")
    declined = DECLINABLE_ADJECTIVE.sub(r"\1en ", surface)
    if declined != surface:
        variants.add(declined)
    return variants


def gazetteer_patterns(entries: list[GazetteerEntry]) -> list[dict]:
    """Entity ruler patterns whose ``id`` is the canonical name."""
    patterns = []
    for entry in entries:
        for surface in (entry.name, *entry.aliases):
            if surface in entry.common_words:
                continue
            for variant in sorted(surface_variants(surface, entry.label)):
                patterns.append({"label": entry.label, "pattern": variant, "id": entry.name})
    return patterns


@lru_cache(maxsize=1)
def alias_index() -> dict[str, GazetteerEntry]:
    """Case-folded name or alias -> gazetteer entry."""
    index = {}
    for entry in read_gazetteer():
        for surface in (entry.name, *entry.aliases):
            for variant in surface_variants(surface, entry.label):
                index.setdefault(variant.casefold(), entry)
    return index


def add_gazetteer(nlp: Language) -> None:
    """Add the gazetteer ruler after the statistical NER (it overwrites the NER)."""
    if nlp.has_pipe("newsgraph_gazetteer"):
        return
    placement = {"after": "ner"} if nlp.has_pipe("ner") else {}
    # spaCy's span ruler set up as its "future_entity_ruler" is, with newsgraph's overwrite policy.
    ruler = nlp.add_pipe("span_ruler", name="newsgraph_gazetteer", config={
        "spans_key": None, "annotate_ents": True, "ents_filter": {"@misc": "newsgraph.gazetteer_over_ner.v1"},
        "overwrite": False, "scorer": {"@scorers": "spacy.entity_ruler_scorer.v1"}}, **placement)
    # Phrase patterns match on ORTH, so they need only the tokenizer: spaCy would otherwise run every
    # component before the ruler (the NER too) over each of the ~12,000 pattern texts.
    with nlp.select_pipes(enable=[ruler.name]):
        ruler.add_patterns(gazetteer_patterns(read_gazetteer()))
    # Tokenizing the pattern texts filled the tokenizer's cache (spaCy keeps at most ``max_cache_size``
    # chunks, 10,000 by default) with the gazetteer's words, so that no word of the news could be cached
    # and every one went through the affix rules again: tokenizing took fifteen times as long. Setting
    # the rules (unchanged) empties the cache.
    nlp.tokenizer.rules = nlp.tokenizer.rules


def gazetteer_over_ner(entities: Iterable[Span], matches: Iterable[Span]) -> list[Span]:
    """The gazetteer's ``matches`` overwrite the model's ``entities`` they overlap, except a place
    inside a longer name the model found: "Real Madrid", "Universität Zürich", "FC Bayern" stay
    organisations, "Bremen-Vegesack" a place. A place before a hyphen and a common noun
    ("China-Geschäft") still wins: German compounds are head-final, so the place is the name there,
    unless the model labelled the whole written compound a place ("Köln-Wahn", "Hamburg-Altona").
    Listed companies win (the model often runs a name into the next noun: "Deutsche Telekom
    Grafikprozessoren") except over a country the model read into the name: "Vodafone Italia" is a
    national company of its own."""
    entities = list(entities)
    return prioritize_new_ents_filter(entities, [match for match in matches if not _inside_a_name(match, entities)])


def _inside_a_name(match: Span, entities: list[Span]) -> bool:
    if match.label_ == "PER":
        # A listed surname after given names the model read as part of the name: "Martina Merz" is
        # not the listed Friedrich Merz.
        return any(entity.label_ == "PER" and entity.start < match.start and match.end == entity.end
                   and all(is_listed_name(token.text, "PER") for token in entity.doc[entity.start:match.start])
                   for entity in entities)
    doc = match.doc
    if match.label_ == "ORG":
        # A listed company and a country the model read as one name is that company's national company:
        # "Vodafone Italia", "Microsoft Deutschland", "Infineon Austria".
        return any(entity.label_ == "ORG" and entity.start == match.start and match.end < entity.end <= match.end + 2
                   and is_known_place(doc[match.end:entity.end].text) for entity in entities)
    if match.label_ != "LOC":
        return False
    for entity in entities:
        if not (entity.start <= match.start and match.end <= entity.end and len(entity) > len(match)):
            continue
        if any(token.text == "/" for token in entity):
            continue  # "Hamburg/San Francisco", "Nimwegen/Wolfsburg": two places, not one name
        joined_before = match.start > entity.start and doc[match.start - 1].text == "-"
        joined_after = match.end < entity.end and doc[match.end].text == "-"
        if not joined_before and not joined_after:
            return True
        if joined_after and not joined_before and match.end + 1 < entity.end:
            head = doc[match.end + 1]
            # "Bremen-Vegesack", "Moskau-Scheremetjewo": the head after the hyphen is a rare word, a name.
            if head.is_title and zipf_frequency(head.text, "de") < RARE_HEAD_ZIPF:
                return True
            # "Köln-Wahn", "Hamburg-Altona": the model read the whole written compound as one place.
            if entity.label_ == "LOC" and head.is_title and not doc[match.end - 1].whitespace_ \
                    and not doc[match.end].whitespace_:
                return True
    return False


@spacy.registry.misc("newsgraph.gazetteer_over_ner.v1")
def make_gazetteer_filter():
    return gazetteer_over_ner


def strip_legal_form(name: str) -> str:
    """'Infineon Technologies AG' -> 'Infineon Technologies'; 'Nvidia Corp.' -> 'Nvidia'."""
    previous = None
    while previous != name:
        previous, name = name, LEGAL_FORM.sub("", name).strip()
    return name or previous


def is_plausible_name(text: str) -> bool:
    """At most ``MAX_NAME_CHARS`` characters and at least one letter: "👍", "2024" and a
    pasted 10,000-character hash are no names."""
    return len(text) <= MAX_NAME_CHARS and any(character.isalpha() for character in text)


def normalise_label(label: str) -> str:
    return LABEL_ALIASES.get(label, label)


def canonical_name(surface: str, label: str) -> tuple[str, str]:
    """Canonical (name, label) for a surface form outside any document context."""
    cleaned = strip_legal_form(surface.strip(" \"'„“”‚‘’»«#@"))
    ungrouped = strip_legal_form(GROUP.sub("", cleaned))
    index = alias_index()
    for candidate in (surface, cleaned, cleaned[:-1] if cleaned.endswith("s") else None,
                      ungrouped if ungrouped != cleaned else None,
                      cleaned.replace("-", " ") if "-" in cleaned else None):
        if candidate and (entry := index.get(candidate.casefold())):
            if entry.label != normalise_label(label) and (
                    candidate.casefold() in map(str.casefold, entry.common_words)
                    or entry.label == "PER" and " " not in candidate.strip()):
                # "Henkel" the person, not the company: for a common word the model's label decides; so it
                # does for a surname ("die Modekette Lindner" is no Christian Lindner)
                break
            return entry.name, entry.label
    return GROUP.sub(r" \1", cleaned), normalise_label(label)


class EntityResolver:
    """Canonical names, the salient organisation and simple coreference."""

    def __init__(self, nlp: Language, name: str = "newsgraph_entities"):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        names: dict[tuple[str, str], str] = {}
        ents = []
        words = lower_words(doc)
        for ent in with_full_names(doc, labelled_by_context(doc, words)):
            label = normalise_label(ent.label_)
            if label in ENTITY_LABELS and (any(is_link(token) for token in ent)
                                           or not ent.id_ and not is_plausible_name(ent.text)):
                continue  # the model sometimes labels a link ("https://t.co/..."), an emoji or a run of junk;
                # a listed name needs no letter ("1&1")
            if not ent.id_ and (label == "LOC" and is_place_adjective(ent)
                                or len(ent) == 1 and (ROLE_WORD.fullmatch(ent[0].lower_)
                                                      or HOLDER_WORD.fullmatch(ent[0].lower_))):
                continue  # "(der) chinesischen (Midea)"; "Chairman", "Chefin", "Mehrheitseigentümer" are no names
            if label in ENTITY_LABELS:
                listed = alias_index().get(ent.id_.casefold()) if ent.id_ else None
                # a listed name the context showed to be of another kind ("die Modekette Lindner") is not that entry
                name, label = (ent.id_, label) if listed is not None and listed.label == label \
                    else canonical_name(ent.text, label)
                if label != ent.label_:
                    ent = Span(doc, ent.start, ent.end, label=label, span_id=ent.id)
                if label == "ORG" and not (listed is not None and listed.label == label):
                    name = nominative_name(ent, name)
                # The same name in other casing earlier in the document: one entity.
                ent._.canonical = names.setdefault((name.casefold(), label), name)
            ents.append(ent)
        doc.ents = ents
        ents = list(doc.ents)  # Doc.ents makes new spans on every read: the resolvers share one reading
        resolve_hyphenated_names(doc, ents)
        resolve_genitive_names(doc, ents)
        resolve_acronyms(ents)
        resolve_short_names(ents)
        resolve_surnames(ents)
        surnames = lone_surnames(doc, ents, words)
        if surnames:
            doc.ents = ents + surnames
        doc._.salient_org = salient_org(doc)
        doc.spans["newsgraph_coref"] = coreferring_spans(doc, doc._.salient_org, words)
        return doc


def labelled_by_context(doc: Doc, words: list[str] | None = None) -> list[Span]:
    """The model's entities, corrected by what the words around a name say it is.

    - After a company noun ("der Finanzinvestor Attestor", "die Förderbank KfW", "die Firma Voltaro")
      a name is an organisation: a place the gazetteer does not list, a one-word "person" (news names
      a person in full or by surname, not by a given name alone), a person whose first word is no
      given name, or a MISC becomes ORG, and a rare capitalised word the model passed over becomes one;
      so does such a word before an apposition with a company noun ("Eurowings, eine Tochter der ...").
    - A name with a legal form ("Datagon GmbH") is an organisation.
    - A title and a given name ("Dr. Martin Keller") make a person; so does a name of two or three
      words right after a post that no name list knows as a company's or a place's ("der
      Ufo-Vorsitzende Nicoley Baublies", not "Vorstandsvorsitzender Allianz Deutschland").
    - A business unit's English name joins its parent's ("Siemens Mobility").
    - Federal bodies are organisations ("Bundesregierung", "der Bund").
    - Place adjectives and a company noun alone ("Der Berliner Online-Modehändler") are a description,
      left to coreference.
    - One label per name in a document (``one_label_per_name``).

    ``words`` are the document's lower-cased words, if the caller has them already.
    """
    ents = list(doc.ents)
    taken = {token.i for ent in ents for token in ent}
    added = []
    for index, ent in enumerate(ents):
        label = normalise_label(ent.label_)
        relabel = None
        if len(ent) > 2 and ent[-1].text == "Co" and ent[-2].text == "-" and ent.end < len(doc) \
                and doc[ent.end].text == "-":  # "Henkel-Co-Chef": "Co-Chef" is the post
            ents[index] = ent = Span(doc, ent.start, ent.end - 2, label=ent.label_, span_id=ent.id)
        if not ent.id_:
            ents[index] = ent = without_sentence_words(ent)
        if len(ent) == 1 and (ent[0].lower_ in NAME_HEAD_NOUNS or ent[0].text in LEGAL_FORM_TOKENS):
            # "seine Kühne Holding", read by the model as a person "Holding", "die Duisburger Hafen AG" as an
            # organisation "AG": the words before name it
            start = ent.start
            while start > 0 and start - 1 not in taken and doc[start - 1].is_title and doc[start - 1].is_alpha \
                    and doc[start - 1].lower_ not in COREF_DETERMINERS | APPOSITION_ARTICLES and not (
                        start - 1 == 0 or doc[start - 1].is_sent_start):
                start -= 1
            if start == ent.start:
                continue
            ents[index] = ent = Span(doc, start, ent.end, label="ORG", span_id=ent.id)
            taken.update(range(start, ent.end))
            continue
        if label == "ORG" and is_spelled_out_acronym(ent):
            # "die Europäische Weltraumorganisation ESA": the acronym is the name, the words before describe it
            ents[index] = ent = Span(doc, ent.end - 1, ent.end, label="ORG", span_id=ent.id)
        cut = leading_description(ent)
        if cut:  # "(die) Bremer Werft NVL", "(die) Spezialchemiekonzerne Clariant": the name after the noun
            ents[index] = ent = Span(doc, ent.start + cut, ent.end, label="ORG", span_id=ent.id)
            label = "ORG"
        if label in {"ORG", "MISC"} and names_post_holder(ent):
            relabel = "PER"
        elif label in {"PER", "LOC", "MISC"}:
            if ent.start > 0 and is_descriptor(doc[ent.start - 1]) and (
                    label == "MISC" or label == "LOC" and not is_known_place(ent.text)
                    or label == "PER" and (len(ent) == 1 or not is_listed_name(ent[0].text, "PER"))):
                relabel = "ORG"  # "den Softwarehersteller Mentor": a town in Ohio too, but a company here
            elif ent[-1].text in LEGAL_FORM_TOKENS or ent.end < len(doc) and doc[ent.end].text in LEGAL_FORM_TOKENS:
                relabel = "ORG"
            elif label == "MISC" and ent[0].text in PERSON_TITLES and len(ent) > 1 \
                    and is_listed_name(ent[1].text, "PER"):
                relabel = "PER"
            elif ent[-1].lower_ in COMPANY_NAME_WORDS or ends_company_name(doc, ent.end, taken):
                relabel = "ORG"  # "Sapphire Ventures", "Neckar-Alb Energie": no person's or place's name
        elif label == "ORG" and is_given_and_family_name(ent):
            relabel = "PER"  # "Petra Scharner-Wolff": a given name and a surname, whatever the model said
        if relabel:
            end = ent.end
            while end - ent.start > 1 and doc[end - 1].is_lower:
                end -= 1  # "Trench von (Siemens Energy)": a person's "von" read into a company's name
            if relabel == "ORG" and ends_company_name(doc, end, taken):
                taken.add(end)
                end += 1
            ents[index] = ent = Span(doc, ent.start, end, label=relabel, span_id=ent.id)
        if normalise_label(ent.label_) == "ORG":
            ents[index] = with_unit_name(doc, ent, taken)
    # "Der Berliner Online-Modehändler" is a description, not a name: coreference resolves it.
    ents = [ent for ent in ents if not is_description(ent)]
    # "die Europäische Weltraumorganisation ESA": a name spelled out right before its acronym describes it
    ents = [ent for ent, after in zip(ents, [*ents[1:], None])
            if not (after is not None and after.start == ent.end and after.text.isupper() and len(after) == 1
                    and normalise_label(ent.label_) == normalise_label(after.label_) == "ORG" and len(ent) > 1)]
    words = lower_words(doc) if words is None else words
    for i, lower in enumerate(words):
        if lower in NAME_ENDING_LEGAL_FORMS_LOWER and i not in taken and doc[i].text in NAME_ENDING_LEGAL_FORMS \
                and i > 0 and doc[i - 1].is_title:
            # "die Duisburger Hafen AG" the model passed over: capitalised words before a legal form
            start = i
            while start > 0 and start - 1 not in taken and i - start < 4 and doc[start - 1].is_title \
                    and doc[start - 1].is_alpha and doc[start - 1].lower_ not in COREF_DETERMINERS \
                    | APPOSITION_ARTICLES and not doc[start - 1].is_sent_start:
                start -= 1
            # only a whole name: not the end of "Ford-Werke GmbH", "Hafen und Logistik AG" or "System & Management
            # GmbH", left to the model
            whole = start > 0 and start - 1 not in taken and doc[start - 1].lower_ not in {"-", "&", "+", "und"}
            if start < i and whole:
                added.append(Span(doc, start, i + 1, label="ORG"))
                taken.update(range(start, i + 1))
            continue
        if lower in COMPANY_NAME_WORDS and ends_company_name(doc, i, taken):
            # "Automotive Cells Company", "Lightspeed Venture Partners": name words before a company word
            start = i
            while start > 0 and start - 1 not in taken and (is_name_word(doc[start - 1])
                                                          or is_english_name_word(doc[start - 1])):
                start -= 1
            if start < i:
                added.append(Span(doc, start, i + 1, label="ORG"))
                taken.update(range(start, i + 1))
            continue
        if lower.startswith("bund") and i not in taken and doc[i].is_title and (
                FEDERAL_BODY.fullmatch(lower) or is_federal_government(words, i)):
            added.append(Span(doc, i, i + 1, label="ORG"))
            continue
        start_up = lower == "up" and i > 1 and words[i - 1] == "-" and words[i - 2] == "start"
        # "das US-Unternehmen Overture", "das IT-Unternehmen Materna"
        compound_company = lower in {"unternehmen", "unternehmens"} and i > 1 and words[i - 1] == "-"
        if not (start_up or compound_company) and (not _is_descriptor_word(lower) or not doc[i].is_title):
            continue  # a company noun ("die Förderbank", "das Start-up") before a name, or no cue
        end = i + 1  # "die Förderbank KfW": the name after the company noun
        while end < len(doc) and end not in taken \
                and (is_name_word(doc[end]) or is_english_name_word(doc[end])):
            end += 1
        if end > i + 1:
            added.append(Span(doc, i + 1, end, label="ORG"))
            taken.update(range(i + 1, end))
        # "an Eurowings, eine Tochter der Lufthansa": the name before an apposition with a company noun
        article = i - 1 if i > 1 and words[i - 1] in APPOSITION_ARTICLES else i - 2
        if article > 1 and words[article] in APPOSITION_ARTICLES and words[article - 1] == ",":
            start = article - 1
            while start > 0 and start - 1 not in taken and is_unknown_name_word(doc[start - 1]):
                start -= 1
            if start < article - 1:
                added.append(Span(doc, start, article - 1, label="ORG"))
                taken.update(range(start, article - 1))
    if added:
        ents = sorted(ents + added, key=lambda span: span.start)
    ents = named_by_company_frame(doc, ents, words, taken)
    return repeated_names(doc, one_label_per_name(doc, joined_names(ents), words))


def without_sentence_words(ent: Span) -> Span:
    """``ent`` without the words of the sentence the model read into a name: a post before a person
    ("Aufsichtsratsvorsitzende Héloïse Temple-Boyer"), a common lower-case word or the full stop
    after a name ("Run:ai abgeschlossen.")."""
    doc = ent.doc
    start, end = ent.start, ent.end
    if normalise_label(ent.label_) == "PER":
        while end - start > 1 and ROLE_WORD.fullmatch(doc[start].lower_):
            start += 1
    if end - start > 1 and doc[end - 1].text == ".":
        end -= 1
    # a word after a space (not "ai" in "Run:ai"), and never the name's first word ("flink")
    while end - start > 1 and doc[end - 2].whitespace_ and doc[end - 1].is_lower and doc[end - 1].is_alpha \
            and zipf_frequency(doc[end - 1].text, "de") >= COMMON_WORD_ZIPF:
        end -= 1
    if (start, end) == (ent.start, ent.end):
        return ent
    return Span(doc, start, end, label=ent.label_, span_id=ent.id)


def named_by_company_frame(doc: Doc, ents: list[Span], words: list[str], taken: set[int]) -> list[Span]:
    """``ents`` with the names that stand where only a company's does made organisations (``BELONGS_WORDS``,
    ``COMPANY_PREDICATE``): a rare word the model passed over, or one it read as a one-word person no name
    list knows or as a place no list knows."""
    def company_slot(start: int, end: int) -> bool:
        after, before = words[end:end + 4], words[start - 1] if start > 0 else ""
        if after[:1] and after[0] in BELONGS_WORDS:
            return True
        if len(after) > 2 and after[0] in SLOT_COPULAS and after[1] in {"ein", "eine"} and any(
                COMPANY_PREDICATE.fullmatch(word) for word in after[2:4]):
            return True
        if after[:1] and after[0] in SLOT_COPULAS and "beteiligt" in words[end:end + BELONGS_REACH]:
            reach = words[end:end + BELONGS_REACH]
            return any(word in {"an", "am"} for word in reach[:reach.index("beteiligt")])
        if before in {"zu", "zum", "zur"} and start > 0 and doc[start - 1].is_sent_start \
                and not BELONGS_WORDS.isdisjoint(words[end:end + 2]):
            return True
        return before in {"an", "am"} and "beteiligt" in words[end:end + 3]

    relabelled = []
    for ent in ents:
        label = normalise_label(ent.label_)
        if len(ent) == 1 and (label == "PER" and not is_listed_name(ent.text, "PER")
                              or label == "LOC" and not is_known_place(ent.text)) \
                and company_slot(ent.start, ent.end):
            ent = Span(doc, ent.start, ent.end, label="ORG", span_id=ent.id)
        relabelled.append(ent)
    # Only names next to a cue word can stand in a company slot: look there, not at every word.
    starts = set()
    for c, word in enumerate(words):
        if word in BELONGS_WORDS or word in SLOT_COPULAS:  # the name ends before the cue: walk back to its start
            start = c
            while start > 0 and start - 1 not in taken and is_name_word(doc[start - 1]):
                start -= 1
            if start < c:
                starts.add(start)
        elif word in {"zu", "zum", "zur", "an", "am"} and c + 1 < len(doc):
            starts.add(c + 1)
    added = []
    for i in sorted(starts):
        if i in taken or i > 0 and (i - 1) in taken or not is_name_word(doc[i]):
            continue
        end = i + 1
        while end < len(doc) and end not in taken and is_name_word(doc[end]):
            end += 1
        if company_slot(i, end) and not any(ent.start < end and i < ent.end for ent in relabelled):
            added.append(Span(doc, i, end, label="ORG"))
            taken.update(range(i, end))
    return sorted(relabelled + added, key=lambda span: span.start) if added else relabelled


def names_post_holder(ent: Span) -> bool:
    """A name of two or three capitalised words right after a post ("Vorsitzende", "Chef") that no
    list knows as a company or place name, nor the gazetteer as a whole."""
    doc = ent.doc
    return not ent.id_ and ent.start > 0 and ROLE_WORD.fullmatch(doc[ent.start - 1].lower_) is not None \
        and 2 <= len(ent) <= 3 and all(token.is_alpha and token.is_title for token in ent) \
        and not any(is_listed_name(token.text, "ORG") or is_listed_name(token.text, "LOC") for token in ent) \
        and alias_index().get(ent.text.casefold()) is None


def joined_names(ents: list[Span]) -> list[Span]:
    """An organisation's name the model cut in two, the second part tagged as an unknown place or a
    miscellaneous name, is one name: "Vantage/ORG Towers/LOC". A known place stays a place of its
    own ("Microsoft Deutschland" is two names to the model only when it tags them so). So is an
    organisation right after another, no listed name itself, after a company noun or an article: "die Tochter
    Sartorius Stedim Biotech"."""
    out: list[Span] = []
    for ent in ents:
        previous = out[-1] if out else None
        if previous is not None and previous.end == ent.start and previous.label_ == "ORG" and not previous.id_ \
                and not ent.id_ and ent.label_ in {"LOC", "MISC"} and ent.text[:1].isupper() \
                and not is_known_place(ent.text) and not any(is_listed_name(t.text, "LOC") for t in ent):
            out[-1] = Span(ent.doc, previous.start, ent.end, label="ORG", span_id=previous.id)
            continue
        if previous is not None and previous.end == ent.start and previous.label_ == ent.label_ == "ORG" \
                and not ent.id_ and ent.text[:1].isupper() and previous.start > 0 \
                and (is_descriptor(ent.doc[previous.start - 1])
                     or ent.doc[previous.start - 1].lower_ in COREF_DETERMINERS):
            # "der Tochter Sartorius/listed Stedim Biotech/ORG": a listed name and the rest of a longer one
            # (not "übernimmt Siemens Altair": subject and object)
            out[-1] = Span(ent.doc, previous.start, ent.end, label="ORG")
            continue
        out.append(ent)
    return out


def is_federal_government(words: list[str], i: int) -> bool:
    """ "der Bund", "vom Bund", "Bund und Länder": the federal government; not "Bund der Steuerzahler"."""
    if words[i] != "bund":
        return False
    after = words[i + 1] if i + 1 < len(words) else ""
    before = words[i - 1] if i > 0 else ""
    return (before in {"der", "dem", "den", "vom", "beim", "zum", "und", ","}
            or after == "und" and i + 2 < len(words) and words[i + 2] in {"land", "länder", "freistaat", "die"}) \
        and after not in {"der", "deutscher", "für"}  # "Bund und Land Nordrhein-Westfalen unterstützen ..."


def with_unit_name(doc: Doc, ent: Span, taken: set[int]) -> Span:
    """``ent`` widened over the English words of a business unit's name that follow it: "Siemens
    Mobility", "Thyssenkrupp Steel Europe", "Airbus Defence and Space" (not "Siemens Altair": the words
    must be more English than German, and common in English), or over a region ("Edeka Südwest")."""
    end = ent.end
    while end < len(doc) and end not in taken:
        token = doc[end]
        if token.is_title and token.is_alpha and (is_unit_word(token.text) or token.lower_ in REGION_WORDS):
            end += 1
        elif token.text in {"and", "&"} and end + 1 < len(doc) and end + 1 not in taken and end > ent.end \
                and doc[end + 1].is_title and is_unit_word(doc[end + 1].text):
            end += 2
        else:
            break
    if end == ent.end:
        return ent
    taken.update(range(ent.end, end))
    return Span(doc, ent.start, end, label=ent.label_)


# A region after a company's name names its regional company: "Edeka Südwest", "Aldi Nord".
REGION_WORDS = {"nord", "süd", "ost", "west", "nordwest", "südwest", "nordost", "südost", "mitte"}


@lru_cache(maxsize=1 << 14)
def is_unit_word(text: str) -> bool:
    english = zipf_frequency(text, "en")
    return english >= UNIT_WORD_MIN_ENGLISH_ZIPF and english >= zipf_frequency(text, "de") + 0.3


def one_label_per_name(doc: Doc, ents: list[Span], words: list[str]) -> list[Span]:
    """A name that the document shows to be an organisation somewhere is one everywhere: "Leonardo" as a
    person, when "Leonardo-Chef" or "der Rüstungskonzern Leonardo" stand elsewhere. A surname of a
    person named in full stays a person."""
    organisations = set()
    surnames = set()
    for ent in ents:
        label = normalise_label(ent.label_)
        if label == "ORG":
            organisations.add(ent.text)
        elif label == "PER" and len(ent) > 1:
            surnames.add(ent[-1].text)
        if label in {"PER", "MISC"} and in_compound(ent) and ent.end + 1 < len(doc) \
                and ROLE_WORD.fullmatch(words[ent.end + 1]):
            organisations.add(ent.text)  # "Leonardo-Chef" (not "Deutschland-Chef": a place heads a branch)
    if is_article(doc):  # a sentence or a snippet alone does not show how the text introduces its people
        ents = [Span(doc, ent.start, ent.end, label="ORG", span_id=ent.id)
                if is_lone_unknown_person(doc, ent, words, surnames) else ent for ent in ents]
    if not organisations:
        return ents
    ents = [Span(doc, ent.start, ent.end, label="ORG", span_id=ent.id)
            if normalise_label(ent.label_) in {"PER", "LOC", "MISC"} and ent.text in organisations
            and ent.text not in surnames else ent for ent in ents]
    # "Flink-Mitgründer": a one-word organisation named elsewhere is one before a post the model passed over
    taken = {i for ent in ents for i in range(ent.start, ent.end)}
    single = {name.lower() for name in organisations if " " not in name and name not in surnames}
    added = [Span(doc, i, i + 1, label="ORG") for i in range(len(doc) - 2)
             if words[i] in single and words[i + 1] == "-" and i not in taken and not doc[i].whitespace_
             and doc[i].text in organisations and ROLE_WORD.fullmatch(words[i + 2])]
    return sorted(ents + added, key=lambda span: span.start) if added else ents


def repeated_names(doc: Doc, ents: list[Span]) -> list[Span]:
    """``ents`` and the other mentions of an organisation's name that the model passed over ("Beim
    Anbieter Polarise hat Kernwerk ... angemietet", where the lead tagged "Kernwerk"), in an article only.
    A one-word name is taken again only when no common German word is written so ("Kernwerk", "SAP",
    not "Post") and it was tagged standing alone, not as a compound's first part; its genitive too
    ("Kernwerks")."""
    if not ents or not is_article(doc):
        return ents
    taken = {i for ent in ents for i in range(ent.start, ent.end)}
    names: dict[str, list[tuple[str, ...]]] = {}
    for ent in ents:
        if normalise_label(ent.label_) == "ORG" and (len(ent) > 1 or is_unknown_name_word(ent[0])
                                                     and not in_compound(ent)):  # not "Siliziumkarbid-Sparte"
            words = tuple(token.text for token in ent)
            names.setdefault(words[0], [])
            if words not in names[words[0]]:
                names[words[0]].append(words)
    added = []
    strings = doc.vocab.strings
    texts = [strings[key] for key in doc.to_array(ORTH).tolist()]  # no token object per word
    for i, text in enumerate(texts):
        if i in taken or not text[:1].isupper() or text not in names and text[:-1] not in names:
            continue
        for words in sorted(names.get(text, []) + names.get(text[:-1], []) * (text.endswith("s")),
                            key=len, reverse=True):
            end = i + len(words)
            if len(words) == 1 and text != words[0] and text != words[0] + "s":
                continue
            if end > len(doc) or any(j in taken for j in range(i, end)) or tuple(texts[i + 1:end]) != words[1:]:
                continue
            added.append(Span(doc, i, end, label="ORG"))
            taken.update(range(i, end))
            break
    return sorted(ents + added, key=lambda span: span.start) if added else ents


def is_spelled_out_acronym(ent: Span) -> bool:
    """A name that ends in its own acronym after capitalised words that spell it out ("Europäische
    Weltraumorganisation ESA"); not a listed name, nor one whose last word is a legal form ("Deutsche Bank AG")."""
    last = ent[-1]
    return not ent.id_ and len(ent) >= 3 and last.is_upper and last.is_alpha and 2 <= len(last) <= 6 \
        and last.text not in LEGAL_FORM_TOKENS and all(token.is_title and token.is_alpha for token in ent[:-1])


def is_given_and_family_name(ent: Span) -> bool:
    """Two or three capitalised words (a hyphenated surname is one) that begin with a name the person name
    lists know and hold no word of a company's name and no listed company name ("Petra Scharner-Wolff", not
    "Otto Group", "Peter Kölln KGaA"); the gazetteer's companies ("Hugo Boss") are never asked."""
    words = [token for token in ent if token.text != "-"]
    if ent.id_ or not 2 <= len(words) <= 3 or not all(token.is_title and token.is_alpha for token in words):
        return False
    if any(token.lower_ in COMPANY_NAME_WORDS | NAME_HEAD_NOUNS or token.text in LEGAL_FORM_TOKENS
           or is_listed_name(token.text, "ORG") for token in words):
        return False
    return is_listed_name(words[0].text, "PER")


def ends_company_name(doc: Doc, i: int, taken: set[int]) -> bool:
    """Whether the word at ``i`` is a free, capitalised word that ends a company's name ("Ventures",
    "Partners", "Energie")."""
    return i < len(doc) and i not in taken and doc[i].is_title and doc[i].lower_ in COMPANY_NAME_WORDS


def is_article(doc: Doc) -> bool:
    """Whether ``doc`` has at least ``ARTICLE_SENTENCES`` sentences (marked by the pipeline)."""
    if not doc.has_annotation("SENT_START") or len(doc) == 0:
        return False
    starts = doc.to_array(SENT_START)  # 1 where a sentence starts; the first word always does
    return int((starts == 1).sum()) + int(starts[0] != 1) >= ARTICLE_SENTENCES


def is_lone_unknown_person(doc: Doc, ent: Span, words: list[str], surnames: set[str]) -> bool:
    """A "person" of one word that no name list knows, that is no surname of a person the document names
    in full and that has no post, title or speech verb beside it: an article names a person in full before
    it uses the surname alone, so such a word is a company ("hält Cevian 5 Prozent", "Vamed")."""
    if normalise_label(ent.label_) != "PER" or len(ent) != 1 or ent.id_ or not ent[0].is_title:
        return False
    text = ent.text
    if text in surnames or is_listed_name(text, "PER") or "-" in text or not text.isalpha():
        return False
    near = words[max(ent.start - 2, 0):ent.start] + words[ent.end:ent.end + 2]
    return not any(ROLE_WORD.fullmatch(word) or word in SPEECH_WORDS for word in near) \
        and (ent.start == 0 or doc[ent.start - 1].text not in PERSON_TITLES)


def is_description(ent: Span) -> bool:
    """A "name" that is only place adjectives and a company noun: "Berliner Online-Modehändler",
    "Düsseldorfer Anlagenbauer", "(des) Münchner Mutterkonzerns", "(des) Autokonzerns", "(das)
    Münchener Unternehmen"."""
    last = ent[-1]
    if normalise_label(ent.label_) not in {"ORG", "LOC", "MISC"} or not (
            is_descriptor(last) or last.is_title and last.lower_ in COREF_NOUNS):
        return False
    doc = ent.doc
    return all(token.text == "-" or token.is_title and token.lower_.endswith("er")
               or token.i + 1 < len(doc) and doc[token.i + 1].text == "-" and not token.whitespace_
               for token in ent[:-1])


def is_place_adjective(ent: Span) -> bool:
    """An adjective of a place tagged as the place: "(der) chinesischen (Midea)", "(das) Kölner (Start-up)".
    GermEval marks these as derived (``LOCderiv``), not as places, and newsgraph's relations need the
    place's name, not its adjective; SmartData does tag some as LOCATION, and a model trained on both
    learns it."""
    if len(ent) != 1 or not ent[0].is_alpha:
        return False
    token = ent[0]
    if token.is_lower:
        return True
    return is_demonym(token.lower_) and not is_known_place(token.text)


def is_known_place(text: str) -> bool:
    """A place the hand-kept gazetteer lists ("China", "Berlin")."""
    entry = alias_index().get(text.casefold())
    return entry is not None and entry.label == "LOC"


def is_unknown_name_word(token) -> bool:
    """A word that can only be (part of) a name: capitals inside ("KfW", "SAP"), or capitalised and rare
    as a German word ("Voltaro", not "Montag")."""
    text = token.text
    if not token.is_alpha or not text[:1].isupper() or text in LEGAL_FORM_TOKENS:
        return False
    if not text.istitle():
        return len(text) > 1  # "KfW", "SAP", "ResMed": no common noun is written so
    return zipf_frequency(text, "de") < RARE_HEAD_ZIPF


def is_english_name_word(token) -> bool:
    """A capitalised word more common in English than in German, which after a company noun is a name:
    "das Modeportal About You", "der Discounter Penny"."""
    return token.is_title and token.is_alpha and zipf_frequency(token.text, "en") > zipf_frequency(token.text, "de")


def is_name_word(token) -> bool:
    """A word that can only be (part of) a name (``is_unknown_name_word``) or that has digits among capitals
    ("OX2", "E3"), and describes no company ("Chipkonzern" is rare but a noun)."""
    text = token.text
    if _is_descriptor_word(token.lower_) or COMPANY_NOUN.fullmatch(token.lower_):
        return False
    if text.isalnum() and not text.isalpha() and not text.isdigit() and any(c.isupper() for c in text):
        return True  # "OX2", "E3", "50Hertz"
    return is_unknown_name_word(token)


def is_link(token) -> bool:
    """A link ("https://t.co/abc", "www.example.de"), not a company named by its domain ("JD.com")."""
    text = token.text.lower()
    return token.like_url and ("/" in text or text.startswith("www.") or "@" in text)


def with_full_names(doc: Doc, ents: list[Span] | None = None) -> list[Span]:
    """Entity spans (``doc.ents`` unless given) widened to the whole name as written: "Brenntag AG",
    "BlackRock, Inc.", "#Hamburg" (the canonical name still drops the legal form and the sign)."""
    spans = []
    ents = list(doc.ents) if ents is None else ents
    taken = {token.i for ent in ents for token in ent}
    absorbed: set[int] = set()  # tokens of a model's entity that a widened name took in
    for ent in ents:
        if absorbed.intersection(range(ent.start, ent.end)):
            continue
        start, end = ent.start, ent.end
        if normalise_label(ent.label_) in {"ORG", "PER"}:
            while end - start > 1 and (is_descriptor(doc[start]) or end - start > 2 and doc[start].is_title
                                       and doc[start].lower_.endswith("er") and is_descriptor(doc[start + 1])) \
                    and doc[start + 1].text[:1].isupper():
                start += 1  # "Softwarehersteller Altair", "Schweizer Bankengruppe Lombard Odier": the name follows
        if normalise_label(ent.label_) in ENTITY_LABELS:
            if start > 0 and doc[start - 1].text in {"#", "@"} and not doc[start - 1].whitespace_ \
                    and start - 1 not in taken:
                start -= 1
            if normalise_label(ent.label_) == "PER":
                while end + 1 < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_ \
                        and not doc[end].whitespace_ and doc[end + 1].is_lower and doc[end + 1].is_alpha \
                        and not {end, end + 1} & taken:
                    end += 2  # "Kwak Noh-jung", "Lee Jae-yong": the hyphenated given name is whole
            if normalise_label(ent.label_) == "ORG":
                if end + 1 < len(doc) and doc[end].text == "," and doc[end + 1].text in {"Inc.", "Ltd.", "LLC"} \
                        and not {end, end + 1} & taken:
                    end += 2
                while end < len(doc) and doc[end].text in LEGAL_FORM_TOKENS and end not in taken:
                    end += 1
                named = name_before_post(doc, start, end)
                if named > end:  # "United-Internet-Chef": the whole name before the post
                    absorbed.update(range(end, named))
                    taken.update(range(end, named))
                    spans.append(Span(doc, start, named, label="ORG"))
                    continue
            if normalise_label(ent.label_) in {"ORG", "PER"} and end + 1 < len(doc) and doc[end].text == "-" \
                    and doc[end + 1].text in NAME_HEADS and not doc[end - 1].whitespace_ \
                    and not doc[end].whitespace_ and end + 1 not in taken:
                end += 2  # "RAG-Stiftung", "Carl-Zeiss-Stiftung", "Gustav-Zech-Stiftung": the compound is the name
                while start >= 2 and doc[start - 1].text == "-" and doc[start - 2].is_title \
                        and not doc[start - 2].whitespace_ and not doc[start - 1].whitespace_ \
                        and start - 2 not in taken:
                    start -= 2
                spans.append(Span(doc, start, end, label="ORG"))  # another name than the listed one
                taken.update(range(start, end))
                continue
            if normalise_label(ent.label_) in {"ORG", "PER"} and end < len(doc) and doc[end].text in NAME_HEADS \
                    and doc[end - 1].whitespace_ and end not in taken:
                # "Bertelsmann Stiftung", "Robert Bosch Stiftung": the foundation, not the company or the person
                spans.append(Span(doc, start, end + 1, label="ORG"))
                taken.update(range(start, end + 1))
                continue
        taken.update(range(start, end))
        spans.append(ent if (start, end) == (ent.start, ent.end)
                     else Span(doc, start, end, label=ent.label_, span_id=ent.id))
    return spans


def name_before_post(doc: Doc, start: int, end: int) -> int:
    """Where the name that starts at ``start`` ends when a hyphen compound with a post goes on from
    ``end``: "United-Internet-Chef" (a listed or written name), "KNDS-Deutschland-Geschäftsführer" (a
    national company), "Siemens-Healthineers-Co-Chef"; ``end`` if the compound holds no more of a name
    ("Nvidia-Chef", "Audi-Finanz-Chef")."""
    parts = []
    i = end
    while i + 1 < len(doc) and doc[i].text == "-" and not doc[i - 1].whitespace_ and not doc[i].whitespace_ \
            and doc[i + 1].text[:1].isupper():
        parts.append(i + 1)
        i += 2
    if len(parts) < 2 or not ROLE_WORD.fullmatch(doc[parts[-1]].lower_):
        return end
    names = parts[:-2] if doc[parts[-2]].text == "Co" else parts[:-1]
    if not names or not all(doc[k].is_alpha for k in names):
        return end
    spaced = " ".join([doc[start:end].text] + [doc[k].text for k in names])
    rest = " ".join(doc[k].text for k in names)
    known = alias_index().get(spaced.casefold())
    if known is not None and known.label == "ORG" or is_known_place(rest) \
            or any(ent.text.casefold() == spaced.casefold() for ent in doc.ents):
        return names[-1] + 1
    return end


def leading_description(ent: Span) -> int:
    """How many words at the start of ``ent`` describe the company rather than name it: place
    adjectives and a company noun, singular or plural ("Bremer Werft" in "Bremer Werft NVL",
    "Spezialchemiekonzerne" in "Spezialchemiekonzerne Clariant"); 0 if none do."""
    doc = ent.doc
    for k, token in enumerate(ent[:-1]):
        if token.is_title and (_is_descriptor_word(token.lower_) or _is_descriptor_word(token.lower_[:-1])):
            # the words before: place adjectives, and the first parts of the noun's compound ("Taxi-App")
            return k + 1 if all(TITLE_PLACE_ADJECTIVE.fullmatch(t.text) or t.text == "-"
                                or doc[t.i + 1].text == "-" and not t.whitespace_ for t in ent[:k]) else 0
    return 0


def is_descriptor(token) -> bool:
    """A common noun that describes a company ("Softwarehersteller", "Finanzinvestor", "Gastochter") and
    is written before its name, not part of it."""
    return token.is_title and _is_descriptor_word(token.lower_)


def is_descriptor_form(token) -> bool:
    """A company noun in the genitive: "(des) Branchenverbandes", "(des) Softwarehauses"."""
    lower = token.lower_
    return token.is_title and lower.endswith("es") and _is_descriptor_word(lower[:-2])


@lru_cache(maxsize=1 << 16)
def _is_descriptor_word(lower: str) -> bool:
    return DESCRIPTOR.fullmatch(lower) is not None


# Endings of an adjective declined after "der/den/dem/des" that begins a name: "der Mitteldeutschen Flughafen AG",
# "der Europäischen Investitionsbank", "der Staatlichen Hafengesellschaft".
DECLINED_ADJECTIVE_ENDINGS = ("schen", "lichen", "igen", "alen", "ären", "ellen", "nten", "rten")


def nominative_name(ent: Span, name: str) -> str:
    """``name`` with its first word in the nominative when an article in the dative or genitive declined it
    ("der Mitteldeutschen Flughafen AG" -> "Mitteldeutsche Flughafen", "den Stadtwerken Düsseldorf" ->
    "Stadtwerke Düsseldorf"), so that every mention is one entity."""
    first = name.split(" ", 1)
    doc = ent.doc
    if len(first) < 2 or ent.start == 0 or doc[ent.start - 1].lower_ not in {"der", "den", "dem", "des"} \
            or not first[0].istitle() or not first[1][:1].isupper() or first[0] != ent[0].text:
        return name
    if first[0].lower().endswith(DECLINED_ADJECTIVE_ENDINGS) or is_dative_plural(first[0], doc[ent.start - 1].lower_):
        return first[0][:-1] + " " + first[1]
    return name


def is_dative_plural(word: str, article: str) -> bool:
    """A plural noun in the dative after "den": "Stadtwerken", "Verkehrsbetrieben" (their nominative
    without the "n" is the commoner word; not "Bremen", "Schwaben")."""
    return article == "den" and word.endswith("en") \
        and zipf_frequency(word[:-1], "de") > zipf_frequency(word, "de")


def resolve_hyphenated_names(doc: Doc, ents: list[Span]) -> None:
    """'Isar-Aerospace' in "Isar-Aerospace-Chef": a name of several words is hyphenated inside a compound;
    it is the name the document or the gazetteer writes with spaces, and so is a national company's
    ("Ford-Deutschland-Chef": "Ford Deutschland")."""
    for ent in ents:
        if ent.label_ == "ORG" and "-" in ent._.canonical:
            name, _, country = ent._.canonical.rpartition("-")
            national = f"{name} {country}" if name and is_known_place(country) else None
            ent._.canonical = spaced_name(doc, ent._.canonical) or national or ent._.canonical


def resolve_genitive_names(doc: Doc, ents: list[Span]) -> None:
    """'Eintracht Frankfurts' in "Eintracht Frankfurts Vorstandschef": a name of several words in the genitive
    before a noun is the name without its "s" when the document names that too, or when its last word is a
    place's ("Frankfurt")."""
    names = {ent._.canonical for ent in ents if ent.label_ == "ORG"}
    for ent in ents:
        name = ent._.canonical
        if ent.label_ != "ORG" or len(ent) < 2 or not name.endswith("s") or ent.end >= len(doc) \
                or not doc[ent.end].is_title or doc[ent.end].ent_type_:
            continue
        if name[:-1] in names or is_known_place(ent[-1].text[:-1]):
            ent._.canonical = name[:-1]


ACRONYM = re.compile(r"[A-ZÄÖÜ]{2,6}")
ACRONYM_SKIPPED_WORDS = {"und", "and", "of", "&", "de", "der", "für"}


def resolve_acronyms(ents: list[Span]) -> None:
    """'TKMS' in a text that also names Thyssenkrupp Marine Systems: an acronym no list knows and the one
    organisation of the document whose name it abbreviates (every word's initial, in order, and maybe
    further letters of a word: T-K of "Thyssenkrupp") are one entity."""
    mentions = Counter(ent._.canonical for ent in ents if ent.label_ == "ORG")
    long_names = [name for name in mentions if len(re.split(r"[\s-]+", name)) >= 2]
    merged = {}
    for short in mentions:
        if ACRONYM.fullmatch(short) and short.casefold() not in alias_index():
            expansions = [name for name in long_names if abbreviates(short, name)]
            if len(expansions) == 1:
                long = expansions[0]
                # one entity, named as the text names it more often ("ÖBB"), the long name if as often
                merged[short] = merged[long] = short if mentions[short] > mentions[long] else long
    for ent in ents:
        if ent.label_ == "ORG" and ent._.canonical in merged:
            ent._.canonical = merged[ent._.canonical]


def resolve_short_names(ents: list[Span]) -> None:
    """'Hochwald' in "Hochwald-Vorstandschef" of a text that names Hochwald Foods: a one-word organisation
    no list knows, named only in compounds, and the one organisation of the document whose name begins
    or ends with that word ("Meditec-Chef": Carl Zeiss Meditec) are one entity. Named alone it is the
    longer name it ends ("Schenker": DB Schenker) but often another than the one it begins ("Iqony" and
    its unit "Iqony Solar"); two such names ("Hartung Elektrik", "Hartung CZ") leave it as it is, and so
    does a name made of two the document names ("Nordwerk Saxodata")."""
    orgs = [ent for ent in ents if ent.label_ == "ORG"]
    names = {ent._.canonical for ent in orgs}
    # "das Forschungszentrum", "die Stadtwerke": a common noun with an article refers to the longer name too
    standing_alone = {ent._.canonical for ent in orgs if not in_compound(ent) and not is_definite_common_noun(ent)}
    merged = {}
    for short in names:
        if " " in short or short.casefold() in alias_index():
            continue
        # standing alone, only the end of a longer name is the same company ("Schenker" of "DB Schenker"); its
        # beginning is often the parent ("Iqony" of "Iqony Solar")
        alone = short in standing_alone
        longer = [name for name in names if " " in name and (
            short == name.split()[-1] and not any(word.islower() for word in name.split()) if alone
            else short in (name.split()[0], name.split()[-1]))]
        # not "Nordwerk" in "Nordwerk Saxodata", the name of Nordwerk's merger with Saxodata
        if len(longer) == 1 and not any(word in names for word in longer[0].split() if word != short):
            merged[short] = longer[0]
    for ent in ents:
        if ent.label_ == "ORG" and ent._.canonical in merged:
            ent._.canonical = merged[ent._.canonical]


def is_definite_common_noun(ent: Span) -> bool:
    """A one-word name that is a common German noun after a definite article: "das Forschungszentrum"."""
    doc = ent.doc
    return len(ent) == 1 and ent.start > 0 and doc[ent.start - 1].lower_ in COREF_DETERMINERS \
        and ent[0].is_title and zipf_frequency(ent.text, "de") >= COMMON_WORD_ZIPF


def abbreviates(acronym: str, name: str) -> bool:
    """Whether ``acronym`` is the initials of ``name``'s words in order, each optionally followed by more
    letters of the same word ("TKMS": Thyssenkrupp Marine Systems); "und", "of" and the like may be
    left out."""
    words = [word.casefold() for word in re.split(r"[\s-]+", name) if word]

    def match(letters: str, rest: list[str]) -> bool:
        if not rest:
            return not letters
        word, others = rest[0], rest[1:]
        if word in ACRONYM_SKIPPED_WORDS and match(letters, others):
            return True
        if not letters or letters[0] != word[0]:
            return False
        tail = iter(word[1:])
        for taken in range(len(letters)):  # letters[1:taken + 1] from inside the word, in order
            if taken and letters[taken] not in tail:
                return False
            if match(letters[taken + 1:], others):
                return True
        return False

    return len(words) >= 2 and match(acronym.casefold(), words)


def spaced_name(doc: Doc, hyphenated: str) -> str | None:
    """The organisation's name, written with spaces, that a document or the gazetteer gives a name
    hyphenated in a compound ("Schwarz-Digits" -> "Schwarz Digits"); None if neither does."""
    words = hyphenated.replace("-", " ").casefold()
    named = next((ent._.canonical for ent in doc.ents if ent.label_ == "ORG" and ent._.canonical.casefold() == words),
                 None)
    entry = alias_index().get(words)
    return named or (entry.name if entry is not None and entry.label == "ORG" else None)


def resolve_surnames(ents: list[Span]) -> None:
    """'Keller' after 'Sabine Keller': a surname alone means the person named in full, the one the
    document names before one a name list knows ("Merz" after "Martina Merz")."""
    persons = [ent for ent in ents if ent.label_ == "PER"]
    full_names = {}
    for ent in sorted(persons, key=lambda ent: ent._.canonical != ent.text):  # names as written first
        if " " in ent._.canonical:
            full_names.setdefault(ent._.canonical.split()[-1], ent._.canonical)
    for ent in persons:
        if ent._.canonical in full_names:
            ent._.canonical = full_names[ent._.canonical]
        elif len(ent) == 1 and ent.text in full_names:
            ent._.canonical = full_names[ent.text]


def lone_surnames(doc: Doc, ents: list[Span], words: list[str]) -> list[Span]:
    """New PER entities for the surnames the model left untagged of the people the document names in full
    ("Kessler ist seit drei Jahren Finanzvorständin" after "Miriam Kessler"), each with the person's
    canonical name. Not a word some company's name holds ("Reinhold Würth" and the Würth-Gruppe), not one
    after an article ("die Lindner"), not in a compound ("Kessler-Nachfolger")."""
    full_names: dict[str, str] = {}  # by the surname in lower case
    for ent in ents:
        if ent.label_ == "PER" and len(ent) > 1 and ent[-1].is_alpha and ent[-1].is_title and len(ent[-1]) > 2:
            full_names.setdefault(ent[-1].lower_, ent._.canonical)
    if not full_names:
        return []
    for ent in ents:
        if ent.label_ != "PER":
            for token in ent:
                full_names.pop(token.lower_, None)
    tagged = {i for ent in ents for i in range(ent.start, ent.end)}
    found = []
    for i, word in enumerate(words):
        name = full_names.get(word)
        if name is None or i in tagged:  # most words: no token object needed
            continue
        token = doc[i]
        if not token.is_title or i > 0 and (words[i - 1] in COREF_DETERMINERS | {"-"} or doc[i - 1].is_title
                                            and not doc[i - 1].is_sent_start) \
                or i + 1 < len(doc) and words[i + 1] == "-" or is_listed_name(token.text, "ORG"):
            continue
        span = Span(doc, i, i + 1, label="PER")
        span._.canonical = name
        found.append(span)
    return found


def in_compound(span: Span) -> bool:
    """'Nvidia' in 'Nvidia-Chips': the entity only modifies another noun."""
    doc = span.doc
    return span.end < len(doc) and doc[span.end].text == "-" and not doc[span.end - 1].whitespace_


def is_attribution(span: Span) -> bool:
    """'laut Reuters', 'nach Angaben der Financial Times', 'wie Bloomberg berichtet', 'Berlin (dpa)':
    a source, not an actor."""
    doc, sent = span.doc, span.sent
    i = span.start - 1
    # Walk back over the source's description: "nach einem Bericht der Wirtschaftszeitung Nikkei",
    # "nach Berechnungen des taiwanischen Marktforschers TrendForce", "der „Financial Times“".
    while i >= max(sent.start, span.start - 6) and describes_source(doc[i]):
        i -= 1
    before = doc[i].lower_ if i >= sent.start else ""
    after = doc[span.end].lower_ if span.end < sent.end else ""
    credit = before in {"©", "(c)"} or before == ":" and i > sent.start and doc[i - 1].lower_ in CREDIT_WORDS
    if before in {"und", "sowie"} and i > sent.start:
        # "berichteten das Wall Street Journal und die Nachrichtenagentur Bloomberg": the second of two sources
        first = next((ent for ent in sent.ents if ent.end == i and ent.label_ == "ORG"), None)
        if first is not None and is_attribution(first):
            return True
    return before in SOURCE_CUES or after == "zufolge" or (before == "wie" and after in REPORTING_VERBS) \
        or in_dateline(span, sent) or before in REPORTING_VERBS or credit or is_picture_credit(span) \
        or announces(span, sent, i)


def in_dateline(span: Span, sent: Span) -> bool:
    """The agencies in brackets after an agency report's place: "Bangalore (Reuters) -", "Gießen (dpa / lhe)
    -", "Frankfurt (dpa-AFX)" (``sent``: the span's sentence)."""
    doc = span.doc
    first = next((i for i in range(span.start - 1, max(sent.start, span.start - 4) - 1, -1)
                  if not is_agency_word(doc[i])), None)
    last = next((i for i in range(span.end, min(sent.end, span.end + 4)) if not is_agency_word(doc[i])), None)
    return first is not None and doc[first].text == "(" and last is not None and doc[last].text == ")"


def is_agency_word(token) -> bool:
    """A word of a dateline's list of agencies: a name or what joins two ("dpa / lhe", "dpa-AFX")."""
    return token.text in {"/", "-", ",", "und"} or token.is_alpha and len(token) <= 8 and not token.is_title \
        or token.ent_type_ == "ORG"


def is_picture_credit(span: Span) -> bool:
    """The agency after a photographer's name in a picture's credit: "Foto: Holger Hollemann dpa" (a line
    break before the agency may end a sentence there)."""
    doc = span.doc
    i = span.start - 1
    while i > max(0, span.start - 6) and (doc[i].is_title or doc[i].text == "/" or doc[i].is_space):
        i -= 1
    return i < span.start - 1 and doc[i].text == ":" and i > 0 and doc[i - 1].lower_ in CREDIT_WORDS


def announces(span: Span, sent: Span, before: int) -> bool:
    """'wie das Forschungszentrum am Freitag mitteilte': the company an announcement is credited to
    (``before``: the word before its name and description in ``sent``)."""
    doc = span.doc
    while before > sent.start and doc[before].lower_ in COREF_DETERMINERS:
        before -= 1
    if doc[before].lower_ != "wie":
        return False
    for token in doc[span.end : min(sent.end, span.end + 6)]:
        if token.lower_ in ANNOUNCING_VERBS:
            return True
        if token.is_punct:
            return False
    return False


def describes_source(token) -> bool:
    """A word of the phrase between a source cue and the source's name: an article, a quote mark, a
    noun or an adjective ("einem Bericht der Wirtschaftszeitung", "des taiwanischen Marktforschers")."""
    lower = token.lower_
    if token.ent_type_ or lower in SOURCE_CUES or lower in REPORTING_VERBS or lower == "wie":
        return False  # "wie ZF mitteilte": the cue itself, not an inflected adjective
    return (lower in {"der", "des", "die", "das", "von", "dem"} or token.is_quote or token.is_title
            or token.is_lower and token.is_alpha and lower.endswith(("en", "er", "es", "e")))


def is_free(span: Span) -> bool:
    """No preposition governs it (also through "und" or ","), nor is it a genitive ("Chefin des
    Expressdienstes X"): likely a subject or object."""
    doc, sent_start = span.doc, span.sent.start  # Span.sent finds the sentence anew on every read
    for token in reversed(doc[sent_start : span.start]):
        if token.lower_ in PREPOSITIONS or token.lower_ == "des" \
                or token.lower_ == "der" and token.i > sent_start and doc[token.i - 1].is_title \
                and not doc[token.i - 1].is_sent_start:
            return False  # "des X", "die Sparte der X": a genitive
        if not (token.lower_ in COREF_DETERMINERS or token.lower_ in {"und", "oder", ",", "-"} or token.is_title
                or token.is_upper):
            return True
    return True


def salient_org(doc: Doc) -> str | None:
    """The organisation the article is about: mentions weighted by role.

    A mention counts more as a likely subject (no preposition before it), in
    the headline (the first sentence) or named as "die Firma X"; less inside
    a compound ("Nvidia-Chips"); not at all as a source ("laut Reuters").
    """
    scores: Counter[str] = Counter()
    first_seen: dict[str, int] = {}
    sentences = doc.sents
    first_sentence = next(sentences, None)
    lead = next(sentences, None)
    orgs = [ent for ent in doc.ents if ent.label_ == "ORG" and not is_attribution(ent)]  # new spans per access
    # the subjects of the headline and of the lead's first sentence: what the article is about
    subjects = {next((ent.start for ent in orgs if sent.start <= ent.start < sent.end and is_free(ent)
                      and not in_compound(ent)), None)
                for sent in (first_sentence, lead) if sent is not None}
    for ent in orgs:
        weight = 0.5 if in_compound(ent) or not is_free(ent) else 2.0
        if ent.start in subjects:
            weight += 2.0
        if ent.start > 0 and doc[ent.start - 1].lower_ in COREF_NOUNS:
            weight += 1.0
        if first_sentence is not None and ent.start < first_sentence.end:
            weight += 1.0
        scores[ent._.canonical] += weight
        first_seen.setdefault(ent._.canonical, ent.start)
    if not scores:
        return None
    return max(scores, key=lambda name: (scores[name], -first_seen[name]))


def coreferring_spans(doc: Doc, salient: str | None, words: list[str] | None = None) -> list[Span]:
    """Spans such as "das Unternehmen" labelled ORG with ``_.canonical`` set.

    A reference resolves to the company the text is on: the named subject of
    the sentence before (of its last part after a colon), or the company that
    sentence opens with (``opening_org``), else the salient organisation. A
    second company reference in a clause that already names that company
    ("der Konzern ... an dem Start-up") means the last other company named.
    After a colon a reference is the company named right before it ("Signal
    Iduna: Der Dortmunder Versicherer"), else the subject before the colon;
    in a sentence that opens with a company, a company noun is that one.
    People of a place ("die Italiener", "die Münchner") are the company last
    described with that place's adjective, if one was; "der Versorger" the
    company last named right after such a noun.
    """
    if salient is None:
        return []
    owners = owners_by_apposition(doc)
    named = [ent for ent in doc.ents if ent.label_ in {"ORG", "PER"}]  # Doc.ents makes new spans on every access
    orgs = [ent for ent in named if ent.label_ == "ORG"]
    free, source = _PerName(is_free), _PerName(is_attribution)  # asked again for each sentence and reference
    result = []
    descriptions: dict[str, str] = {}  # a describing noun ("Frachtairline") and the company it last meant
    focus = salient
    person_before = False  # the sentence before is about a person: "X, bisher Chefin von Y, übernimmt ... Sie folgt"
    she: str | None = None  # the company "sie" means instead of the focus ("Der Investor X kauft die Firma Y. Sie ...")
    words = lower_words(doc) if words is None else words
    for sent in doc.sents:
        opening = opening_org(sent, orgs)
        opened = opening if sent.start > 0 else None
        for start, end, owned in reference_phrases(doc, sent, words):
            if person_before and words[start] in PRONOUNS:
                continue
            name = owners.get(owned, focus) if owned else focus
            if words[start] in PRONOUNS and not owned and she is not None:
                name = she  # "Der Finanzinvestor Permira übernimmt die Firma Hagmann. Geführt wird sie ..."
            named_before = [ent for ent in orgs if ent.end <= start]
            # the part of the sentence after its last colon or semicolon: "Auch hier wächst X: Im Mai übernahm
            # der Konzern ..." refers to X, a second reference in one clause to another company
            clause_start = next((k + 1 for k in range(start - 1, sent.start - 1, -1) if words[k] in {":", ";"}),
                                sent.start)
            # (not one in a compound: "Schenker-Chef X, der das Unternehmen führt" is Schenker's)
            in_sentence = {ent._.canonical for ent in named_before
                           if ent.start >= clause_start and not in_compound(ent)}
            in_sentence |= {span._.canonical for span in result if span.start >= clause_start}
            topic = next((ent for ent in named_before if ent.end == clause_start - 1 == start - 1
                          and words[ent.end] == ":"), None)
            described = described_by_place(named_before, words[end - 1], words) \
                or described_by_noun(named_before, words[end - 1], words)
            # "Auch hier wächst Rheinmetall: Im Mai übernahm der Konzern ...": the subject before the colon (a
            # headline's reference stays the article's company: "TikTok verstärkt KI: Das Unternehmen ...")
            before_colon = next((ent for ent in named_before if sent.start <= ent.start and ent.end < clause_start
                                 and free(ent) and not in_compound(ent) and not source(ent)),
                                None) if sent.start > 0 and clause_start > sent.start else None
            noun = description_noun(words[end - 1])
            posted = post_company(doc, sent, start, named, words) if noun is None else None
            if topic is not None:  # "Signal Iduna: Der Dortmunder Versicherer übernimmt ..."
                name = topic._.canonical
            elif posted is not None:  # "Schenker-Chef X, der das Unternehmen seit 2017 führt"
                name = posted
            elif described is not None:  # "die Italiener", "der Versorger": the company so described
                name = described
            elif descriptions.get(noun) not in in_sentence | {None} and not owned:
                name = descriptions[noun]  # "die Frachtairline" again: the company it meant before
            elif name in in_sentence and not (words[start - 1] == "wie" and noun is None):
                # not "wie der Konzern mitteilte": the sentence's subject (but "wie die Flughafengesellschaft
                # mitteilte" is the other company)
                name = next((ent._.canonical for ent in reversed(named_before) if ent._.canonical != name), name)
            elif before_colon is not None and not owned:
                name = before_colon._.canonical
            elif opened is not None and opened.end <= start and not owned and COMPANY_NOUN.fullmatch(words[end - 1]):
                name = opened._.canonical  # "Für Vodafone ist der Verkauf ein Schritt beim Umbau des Konzerns"
            span = Span(doc, start, end, label="ORG")
            span._.canonical = name
            result.append(span)
            if noun is not None:
                descriptions[noun] = name
        # the subject of the sentence's last part: "X hat einen Geldgeber gewonnen: Die Porsche SE beteiligt sich"
        last_part = next((k + 1 for k in range(sent.end - 2, sent.start, -1) if words[k] in {":", ";"}), sent.start)
        subject = next((ent for part in (last_part, sent.start) for ent in orgs
                        if part <= ent.start and ent.end <= sent.end and free(ent)
                        and not in_compound(ent) and not source(ent)
                        and not in_prepositional_relative(sent, ent, words)), None) or opening
        focus = subject._.canonical if subject is not None else salient
        first = next((ent for ent in named if sent.start <= ent.start and ent.end <= sent.end and free(ent)
                      and not in_compound(ent) and not source(ent)), None)
        person_before = first is not None and first.label_ == "PER"
        # "sie" cannot mean a subject named after a masculine or neuter noun: the sentence's other company
        she = next((ent._.canonical for ent in orgs if sent.start <= ent.start and ent.end <= sent.end
                    and ent._.canonical != subject._.canonical and not in_compound(ent) and not source(ent)
                    and not described_as_no_she(doc, ent)), None) \
            if subject is not None and described_as_no_she(doc, subject) else None
    return result


class _PerName:
    """A judgment on the names of one reading of ``doc.ents`` (``is_free``, ``is_attribution``), made once
    per name."""

    def __init__(self, judge: Callable[[Span], bool]) -> None:
        self.judge = judge
        self.known: dict[int, bool] = {}  # by the name's start: names do not overlap

    def __call__(self, ent: Span) -> bool:
        known = self.known.get(ent.start)
        if known is None:
            known = self.known[ent.start] = self.judge(ent)
        return known


def in_prepositional_relative(sent: Span, ent: Span, words: list[str]) -> bool:
    """A name inside a relative clause a preposition opens ("in Gemeinden, in denen weder die Deutsche Telekom
    noch Vodafone ... anbieten"): not what the sentence is about."""
    comma = next((k for k in range(ent.start - 1, sent.start, -1) if words[k] == ","), None)
    return comma is not None and comma + 2 < ent.start and words[comma + 1] in PREPOSITIONS \
        and words[comma + 2] in {"dem", "der", "denen", "den", "das", "deren", "dessen"}


def post_company(doc: Doc, sent: Span, start: int, named: list[Span], words: list[str]) -> str | None:
    """The company of a person's post in a compound when a reference stands in the relative clause right
    after the person: "Schenker-Chef Jochen Thewes, der das Unternehmen seit 2017 führt" -> Schenker."""
    comma = next((k for k in range(start - 1, sent.start, -1) if words[k] == ","), None)
    if comma is None or words[comma + 1] not in {"der", "die"} or "," in words[comma + 1:start]:
        return None
    person = next((ent for ent in named if ent.end == comma and ent.label_ == "PER"), None)
    if person is None or person.start < 3 or not ROLE_WORD.fullmatch(words[person.start - 1]) \
            or words[person.start - 2] != "-" or person.start >= 4 and words[person.start - 4] in {
                "frühere", "früheren", "ehemalige"}:
        return None  # not "der frühere ZF-Manager X, der die neue Gesellschaft leiten wird"
    company = next((ent for ent in named if ent.end == person.start - 2 and ent.label_ == "ORG"), None)
    return company._.canonical if company is not None else None


# Prepositions that open a sentence with its topic: "Für Steag ist der Verkauf ...", "Bei Kuka ..."
TOPIC_PREPOSITIONS = {"für", "bei", "beim"}


def opening_org(sent: Span, orgs: list[Span], start: int | None = None) -> Span | None:
    """The company a sentence (its words from ``start``, after a dateline) opens with as its topic: after a
    preposition ("Für Steag ist der Verkauf ...", "Beim Händler Ceconomy ..."), or the company of a post
    ("HPE-Chef Antonio Neri will ...", not of one who only speaks: "Nvidia-Chef Jensen Huang sprach von")."""
    doc = sent.doc
    start = sent.start if start is None else start
    if doc[start].lower_ in TOPIC_PREPOSITIONS:  # the first name of its phrase: "Beim Händler Ceconomy"
        first = next((ent for ent in orgs if start < ent.start), None)
        if first is not None and first.start <= start + 4 and not in_compound(first) \
                and not any(token.is_punct for token in doc[start:first.start]):
            return first
        return None
    ent = next((ent for ent in orgs if ent.start == start), None)
    if ent is not None and in_compound(ent) and ent.end + 1 < sent.end \
            and ROLE_WORD.fullmatch(doc[ent.end + 1].lower_) \
            and SPEECH_WORDS.isdisjoint(token.lower_ for token in doc[ent.end + 2 : min(sent.end, ent.end + 6)]):
        return ent
    return None


def described_by_place(named_before: list[Span], people: str, words: list[str]) -> str | None:
    """The last company named with the place adjective of ``people`` ("italiener", "münchner") among the
    few words before it: "der italienische Kabelhersteller Prysmian" for "die Italiener", "die Münchner Firma
    Celonis" for "die Münchner"; None if ``people`` is no such word or no company was so described."""
    if not (people.endswith("er") and (is_demonym(people) or is_known_place(people[:-2].capitalize()))):
        return None
    stem = people[:-2]  # "italien", "münchn"
    for ent in reversed(named_before):
        if any(word == people or word.startswith(stem + "isch") for word in words[max(0, ent.start - 3):ent.start]):
            return ent._.canonical
    return None


# Company nouns too general to tell one company from another: "der Konzern" means the one the text is on.
GENERAL_COMPANY_NOUNS = COREF_NOUNS | {"gesellschaft", "holding", "start", "up"}


def description_noun(noun: str) -> str | None:
    """``noun`` in the nominative if it describes a kind of company ("frachtairline", "versorgers" ->
    "versorger"), None for one that describes any ("konzern", "unternehmen") or no company ("sie")."""
    if noun in GENERAL_COMPANY_NOUNS or not COMPANY_NOUN.fullmatch(noun):
        return None
    head = noun[:-1] if noun.endswith("s") and COMPANY_NOUN.fullmatch(noun[:-1]) else noun
    return None if head in GENERAL_COMPANY_NOUNS else head


def described_by_noun(named_before: list[Span], noun: str, words: list[str]) -> str | None:
    """The last company named after a description with the head noun ``noun``: "der Energieversorger
    Mainova" for "der Versorger", "die Frachtairline Aerologic" for "die Airline"; None for a noun that
    describes any company ("der Konzern") or if no company was so described."""
    head = description_noun(noun)  # "des Versorgers": "versorger"
    if head is None:
        return None
    for ent in reversed(named_before):
        if ent.start > 0 and words[ent.start - 1].endswith(head):
            return ent._.canonical
    return None


def reference_phrases(doc: Doc, sent: Span, words: list[str]) -> list[tuple[int, int, str | None]]:
    """(start, end, owned) of "das Unternehmen", "sie", "der Eigentümer von X" (owned = X);
    ``words`` are the document's lower-cased words."""
    phrases = []
    for i in range(sent.start, sent.end):
        lower = words[i]
        if not _may_refer(lower):  # most words: no token object needed
            continue
        token = doc[i]
        if COMPANY_NOUN.fullmatch(lower) and not token.ent_type_:
            if lower == "start" and doc[token.i + 1 : token.i + 3].text != "-up":
                continue
            start = definite_phrase_start(doc, token.i)
            end = token.i + 3 if lower == "start" else token.i + 1
            if start is None or (end < len(doc) and doc[end].ent_type_ in NAME_LABELS):
                continue  # no "der/das ...", or "die Firma ByteDance": the name (whatever its label) is the mention
            if token.i >= 2 and doc[token.i - 1].text == "-" and doc[token.i - 2].ent_type_ == "ORG":
                continue  # "dem Bayer-Konzern": the company named in the compound
            phrases.append((start, end, None))
        elif lower in OWNER_NOUNS and token.i > 0 and doc[token.i - 1].lower_ in COREF_DETERMINERS:
            owned = next_entity(doc, token.i + 1, within=3)
            before = doc[token.i - 2] if token.i > 1 else None
            if owned is None or (before is not None and before.text == ","):
                continue  # "ByteDance, der Eigentümer von TikTok": an apposition, not a reference
            phrases.append((token.i - 1, owned.end, owned._.canonical))
        elif lower in PRONOUNS and not token.ent_type_:
            phrases.append((token.i, token.i + 1, None))
        elif is_demonym(lower) and token.is_title and not token.ent_type_ and i > sent.start \
                and words[i - 1] in {"die", "den", "der"}:
            after = next((t for t in doc[i + 1:sent.end] if not t.is_space), None)  # scraped text doubles spaces
            if after is None or not (after.is_title or after.is_upper or after.text == "-"):  # "ABC Logistik"
                phrases.append((i - 1, i + 1, None))  # "So kauften die Thüringer ...": the company from there
        elif is_people_of_place(lower) and token.is_title and token.ent_type_ == "LOC" and i > sent.start \
                and words[i - 1] == "die" and i + 1 < sent.end and not doc[i + 1].is_title:
            phrases.append((i - 1, i + 1, None))  # "halten die Schweden 5 Prozent", "die Niedersachsen"
    return phrases


@lru_cache(maxsize=1 << 12)
def is_people_of_place(lower: str) -> bool:
    """A place's name that is also the plural of its people's: "schweden", "niedersachsen", "hessen" ("die
    Schweden" in business news: the Swedish company the article is about)."""
    return lower.endswith("en") and len(lower) > 4 and (is_known_place(lower.capitalize())
                                                         or is_listed_name(lower.capitalize(), "LOC"))


def lower_words(doc: Doc) -> list[str]:
    """The lower-cased words of ``doc``, read without a token object per word."""
    strings = doc.vocab.strings
    return [strings[key] for key in doc.to_array(LOWER).tolist()]


@lru_cache(maxsize=1 << 14)
def _may_refer(lower: str) -> bool:
    return bool(COMPANY_NOUN.fullmatch(lower)) or lower in OWNER_NOUNS or lower in PRONOUNS or is_demonym(lower) \
        or is_people_of_place(lower)


@lru_cache(maxsize=1 << 14)
def is_demonym(lower: str) -> bool:
    """A word for the people (or, in business news, the company) of a place: "essener" (Essen),
    "düsseldorfer", "münchner" (München), "thüringer" (Thüringen), "karlsruher" (Karlsruhe)."""
    if not lower.endswith("er") or len(lower) < 6:
        return False
    stem = lower[:-2]
    return any(is_listed_name(place, "LOC") or is_known_place(place)
               for place in {stem.capitalize(), (stem + "e").capitalize(), (stem + "en").capitalize(),
                             (stem[:-1] + "en").capitalize()})


def definite_phrase_start(doc: Doc, head: int) -> int | None:
    """Where "der finnische Konzern" / "das Freiburger Start-up" starts, if definite."""
    i = head - 1
    for _ in range(3):
        if i < 0:
            return None
        token = doc[i]
        if token.lower_ in COREF_DETERMINERS:
            return i
        if token.lower_ in CONTRACTED_DETERMINERS:  # "zum Konzern": the phrase after the preposition's article
            return i + 1
        if token.is_title and token.text.endswith("s") and is_known_place(token.text[:-1]):
            return i  # "Europas größte Fluggesellschaft": a place's genitive stands for the article
        if token.lower_ in {"und", "oder"} and i > 0 and is_elided_compound(doc[i - 1]):
            i -= 2  # "der Montage- und Befestigungsspezialist": the first noun's head left out
            continue
        if token.text == "-" or token.ent_type_ in {"LOC", "ORG"} or token.is_lower and token.lower_.endswith(
                ("e", "en", "er")) or token.text.endswith("er") and token.is_title \
                or doc[i + 1].text == "-" and not token.whitespace_:
            i -= 1  # "finnische", "Bonner", "US-", "Online-" modify the noun
            continue
        return None
    return None


FEMININE_ENDINGS = ("gruppe", "bank", "holding", "tochter", "gesellschaft", "sparte", "firma", "kette", "ung", "ei",
                    "heit", "keit", "schaft", "ion", "tät", "werft", "reederei", "airline", "stiftung", "agentur")


def is_masculine_noun(token) -> bool:
    """A company noun that is masculine ("Konzern", "Wagniskapitalgeber", "Investor"), so that "der" before
    it is a subject's article, not a genitive: not one of the feminine endings ("Gruppe", "Bank")."""
    return token.is_title and is_descriptor(token) and not token.lower_.endswith(FEMININE_ENDINGS)


def described_as_no_she(doc: Doc, ent: Span) -> bool:
    """A company named after a masculine or neuter noun and its article ("Der Finanzinvestor Permira", "das
    Münchner Unternehmen X"): a singular "sie" cannot mean it."""
    i = ent.start - 1
    if i < 0 or not is_masculine_noun(doc[i]):
        return False
    i -= 1
    while i >= 0 and (doc[i].is_lower and doc[i].is_alpha and doc[i].lower_ not in COREF_DETERMINERS
                      or TITLE_PLACE_ADJECTIVE.fullmatch(doc[i].text) or doc[i].text == "-"):
        i -= 1  # "schwedische", "Münchner", "US-"
    return i >= 0 and doc[i].lower_ in {"der", "den", "dem", "des", "das"}


def is_elided_compound(token) -> bool:
    """The first part of two compounds that share their head: "Montage-" in "Montage- und Befestigungsspezialist"."""
    return len(token) > 1 and token.text.endswith("-") and token.text[0].isupper()


def next_entity(doc: Doc, start: int, *, within: int) -> Span | None:
    for ent in doc.ents:
        if start <= ent.start <= start + within and ent.label_ in ENTITY_LABELS:
            return ent
    return None


def owners_by_apposition(doc: Doc) -> dict[str, str]:
    """'ByteDance, der Eigentümer von TikTok' -> {'TikTok': 'ByteDance'}."""
    owners = {}
    ents = [ent for ent in doc.ents if ent.label_ == "ORG"]
    for ent in ents:
        tail = doc[ent.end : ent.end + 3]
        if len(tail) == 3 and tail[0].text == "," and tail[2].lower_ in OWNER_NOUNS:
            owned = next_entity(doc, ent.end + 3, within=3)
            if owned is not None:
                owners[owned._.canonical] = ent._.canonical
    return owners


def collect_entities(doc: Doc) -> list[Entity]:
    """One ``Entity`` per canonical (name, label) in ``doc``; its aliases are the
    other spellings used for it ("NVIDIA"), not inflections or compounds."""
    spellings: dict[tuple[str, str], list[str]] = {}
    for ent in doc.ents:
        label = ent.label_
        if label in ENTITY_LABELS and (name := ent._.canonical):
            forms, text = spellings.setdefault((name, label), []), ent.text
            if text not in forms and text != name and text != name + "s":
                forms.append(text)
    return [Entity(name, label, entity_iri(name, label), tuple(forms)) for (name, label), forms in spellings.items()]
