"""Relations: who buys from whom for how much, invests, owns, leads and leases.

``extract_relations(doc)`` reads a processed ``Doc`` (entity spans with
``_.canonical``, coreference spans, MONEY/PERCENT spans with
``_.money``/``_.percent``) sentence by sentence and returns
``records.Relation`` objects with the evidence sentence, its character offsets
and a confidence. It needs no parser: trigger words (kaufen, erwerben,
bestellen, Auftrag, liefern an, investieren, übernehmen, Eigentümer, Tochter,
Chef, Gründer, unter der Leitung von, mieten, ...) decide the relation type,
and the preposition governing each party decides its role ("Chips von
Nvidia": vendor, "an TSMC": buyer, "in China": location). The subject is the
first party no preposition governs; in a passive clause ("wird von X
übernommen") "von"/"durch" marks the agent. A few rules work across
sentences, as news text does: "der Auftrag hat ein Volumen von X" gives the
previous sentence's deal its amount, "den Rest liefert Y" completes the order
shares before it, and a party the sentence leaves implicit is the article's
salient organisation (``doc._.salient_org``).
``RelationExtractor`` (factory ``newsgraph_relations``) stores the result in
``doc._.relations``.
"""

from __future__ import annotations

import re
import threading
from bisect import bisect_left
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc, Span

from pipeline.entities import in_compound, is_attribution, lower_words
from pipeline.records import Money, Percent, Relation

if not Doc.has_extension("relations"):
    Doc.set_extension("relations", default=[])

PREPOSITIONS = {
    "von", "vom", "bei", "beim", "an", "am", "mit", "für", "in", "im", "ins", "aus", "durch", "über", "nach",
    "zu", "zum", "zur", "unter", "auf", "außerhalb", "innerhalb", "gegen", "als", "um", "wie",
}
# Prepositions fused with an article ("beim" = "bei dem"): a noun may follow directly.
FUSED = {"vom", "beim", "am", "im", "ins", "zum", "zur"}
DETERMINERS = {
    "der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "einer", "eines",
    "seine", "seiner", "seinen", "seinem", "ihre", "ihrer", "ihren", "ihrem", "dessen", "deren",
}
POSSESSIVES = {"seine", "seiner", "seinen", "seinem", "ihre", "ihrer", "ihren", "ihrem", "dessen", "deren"}
COORDINATORS = {"und", "oder", "sowie", ","}
PASSIVE_AUX = {"wird", "werden", "wurde", "wurden", "worden"}
NEGATIONS = {"nicht", "kein", "keine", "keinen", "keiner", "nie", "niemals", "weder", "dementiert",
             "dementierte", "verboten", "untersagt", "untersagte", "gescheitert", "abgesagt", "ausgeschlossen"}
HYPOTHETICAL = {"wenn", "falls", "ob", "könnte", "könnten", "würde", "würden", "hätte", "hätten", "sollte",
                "sollten", "erwägt", "erwägen", "prüft", "gerüchte", "spekuliert", "spekulationen"}
CLAUSE_BREAKS = {":", ";", "während", "wohingegen", "aber", "obwohl"}
ADJECTIVE = re.compile(r"[a-zäöüß]+(e|en|er|es|em)")
TITLE_ADJECTIVE = re.compile(r"[A-ZÄÖÜ][a-zäöüß]+er")  # "Münchner", "Heidelberger"
NOT_ITEMS = {"wert", "höhe", "jahr", "jahres", "milliarden", "millionen", "summe", "betrag", "rahmen",
             "unternehmen", "firma", "konzern", "rest", "angaben", "prozent", "teil", "anteil", "volumen"}
NOT_MODIFIERS = DETERMINERS | PREPOSITIONS | PASSIVE_AUX | {
    "haben", "wollen", "sollen", "können", "müssen", "diese", "dieser", "diesen", "jeder", "jede", "alle",
    "andere", "hatte", "hatten", "habe", "sagte", "werde", "weitere", "weiteren"}

BUY = re.compile(
    r"(ein)?kauf(e|en|t|te|ten)?|(ein)?gekauft|erw[ei]rb(en|t)?|erwarb(en)?|erworben|bestell(en|t|te|ten)"
    r"|bezieh(en|t)|bezog(en)?|order(n|t|te|ten)|geordert|beschaff(en|t|te|ten)"
)
BUY_NOUN = re.compile(r"(ein)?kauf|erwerb|bestellung(en)?|beschaffung|\w*liefervertrag|\w*lieferverträge(n)?")
SELL = re.compile(r"liefer(n|t|te|ten)|geliefert|verkauf(en|t|te|ten)")
ORDER_NOUN = re.compile(r"\w*(auftrag|aufträge|auftrags|bestellung|bestellungen)|order|zuschlag")
ORDER_RECEIVED = re.compile(r"erh(a|ä)lt|erhalten|erhielt(en)?|bekomm(en|t)|bekam(en)?|gewinn(en|t)|gewann(en)?"
                            r"|ergattert")
ORDER_PLACED = re.compile(r"vergeb(en|e)|vergibt|vergab(en)?|erteil(en|t|te|ten)|platzier(en|t|te|ten)")
ACQUIRE = re.compile(r"übernehm(en|e)|übernimmt|übernahm(en)?|übernommen|schluck(t|te|en)|geschluckt"
                     r"|schnapp(t|te|en)|geschnappt")
ACQUIRE_NOUN = re.compile(r"übernahme|kauf|erwerb")
BUSINESS_UNIT = re.compile(r"\w*(sparte|geschäft|geschäftsbereich|division|einheit|tochter|tochtergesellschaft"
                           r"|werk|werke|fabrik|mehrheit)")
INVEST = re.compile(r"investier(en|t|te|ten)|steck(t|en|te|ten)|gesteckt|beteiligt")
INVEST_NOUN = re.compile(r"investition(en)?|investment|beteiligung")
STEP_IN = re.compile(r"steig(t|en)|stieg(en)?|eingestiegen")  # "steigt bei X ein"
RAISE = re.compile(r"eingesammelt|sammel(t|te|ten)|einsammeln")  # "sammelt bei X Geld ein"
LEASE = re.compile(r"(an)?miet(en|et|ete|eten)|angemietet|leas(en|t|te|ten)|geleast|pacht(en|et|ete)|gepachtet"
                   r"|\w*miet(vertrag|verträge|verträgen)|leasing(vertrag|verträge|verträgen)?|pachtvertrag")
OWNER_WORD = re.compile(r"eigentümer(s|in|n)?|besitzer(s|in|n)?|mutter(konzern|konzerns|gesellschaft|unternehmen)?"
                        r"|\w*eigner(s|in|n)?|anteilseigner(n|s)?|aktionär(e|en|s)?|gesellschafter(n|s)?")
SUBSIDIARY_WORD = re.compile(r"\w*tochter(gesellschaft|firma|unternehmen|unternehmens)?|\w*sparte")
BELONGS = re.compile(r"gehört|gehören|gehörte|gehörten")
HOLDS = {"hält", "hielt", "halten", "hielten", "beteiligt"}
ROLE_WORD = re.compile(r"\w*(chef|chefin|vorsitzende[rn]?|vorstand|vorständin|vorstandsmitglied|gründer(in|s)?"
                       r"|präsident(in)?|geschäftsführer(in)?|leiter(in)?|direktor(in)?)|ceo|cfo|cto|coo")
FOUNDED = re.compile(r"gegründet|gründete(n)?")
LEADS = re.compile(r"leitet|leitete|führt|führte|weiterführen|führen|leiten")
DEAL_NOUN = re.compile(r"\w*(auftrag|vertrag|kaufpreis|preis|deal|transaktion|volumen|bestellung|geschäft)")


@dataclass(frozen=True)
class Party:
    """An entity or coreferring expression taking part in a sentence."""

    start: int
    end: int
    name: str
    label: str
    explicit: bool  # a name, not "das Unternehmen" or "sie"
    compound: bool  # modifier of a hyphen compound: "Nvidia" in "Nvidia-Chips"
    genitive: bool  # "Googles" in "Googles Mutterkonzern"
    preposition: str | None = None
    coordinated: bool = False  # joined to the party before by "und", "oder", ","
    attribution: bool = False  # "laut Reuters": a source, never a party to the deal

    @property
    def free(self) -> bool:
        """Governed by no preposition and a name of its own: a subject or object."""
        return self.preposition is None and not self.compound and not self.genitive


@dataclass
class Discourse:
    """What the sentences so far have established."""

    salient: str | None
    previous_subject: Party | None = None
    previous_relations: list[int] = field(default_factory=list)  # indexes into the found list
    order_share_total: Decimal | None = None
    amounts_by_buyer: dict[str, list[Money]] = field(default_factory=dict)
    founders: dict[str, list[str]] = field(default_factory=dict)  # organisation -> founders named so far


class RelationExtractor:
    def __init__(self, nlp: Language, name: str = "newsgraph_relations"):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        doc._.relations = extract_relations(doc)
        return doc


def extract_relations(doc: Doc) -> list[Relation]:
    """All relations in ``doc``, one per fact (the most confident statement kept)."""
    discourse = Discourse(doc._.salient_org)
    document.forget()  # the same Doc object may have been changed since it was last read
    found: list[Relation] = []
    for sent in doc.sents:
        parties = sentence_parties(doc, sent)
        new = [relation for rule in RULES for relation in rule(doc, sent, parties, discourse)]
        if not new:
            new_amount = deal_amount(doc, sent)
            if new_amount is not None:
                for index in discourse.previous_relations:
                    if found[index].amount is None and found[index].percent is None:
                        found[index] = replace(found[index], amount=new_amount)
        if any(relation.type == "ORDER_SHARE" for relation in new):
            discourse.order_share_total = sum(
                (r.percent.value for r in new if r.type == "ORDER_SHARE" and r.percent), Decimal(0))
        elif not is_order_share_rest(sent):
            discourse.order_share_total = None
        if new or any(not token.is_space for token in sent):
            discourse.previous_relations = list(range(len(found), len(found) + len(new)))
        found += new
        discourse.previous_subject = next((p for p in parties if p.free and p.label == "ORG"), None)
    return consolidate(found, discourse)


def consolidate(found: list[Relation], discourse: Discourse) -> list[Relation]:
    """Give each fact one relation: amounts stated elsewhere, duplicates merged."""
    found = [with_buyer_amount(relation, discourse) for relation in found]
    found = merge_unit_acquisitions(found)
    best: dict[tuple, Relation] = {}
    for relation in found:
        key = relation.key()
        if key not in best or relation.confidence > best[key].confidence:
            best[key] = relation
    # "X kauft Chips von Y" in a headline and the same deal with its amount in
    # the body are one fact: keep the statement with the amount.
    with_amount = {key[:3] for key in best if key[3] is not None or key[4] is not None}
    kept = [relation for key, relation in best.items()
            if key[3] is not None or key[4] is not None or key[:3] not in with_amount]
    return sorted(kept, key=lambda relation: (relation.start, relation.type))


def with_buyer_amount(relation: Relation, discourse: Discourse) -> Relation:
    """'X hat Technik für 3 Mrd. bestellt' names the amount of X's purchases without a vendor."""
    amounts = discourse.amounts_by_buyer.get(relation.roles.get("buyer", ""), [])
    if relation.type == "PURCHASE" and relation.amount is None and len(set(amounts)) == 1:
        return replace(relation, amount=amounts[0], confidence=round(relation.confidence - 0.1, 2))
    return relation


def merge_unit_acquisitions(found: list[Relation]) -> list[Relation]:
    """A buyer taking over an unnamed unit ("die Sparte") is one deal per article."""
    first: dict[str, int] = {}
    merged: list[Relation] = []
    for relation in found:
        if relation.type != "ACQUISITION" or not relation.roles.get("unit"):
            merged.append(relation)
            continue
        buyer = relation.roles["buyer"]
        if buyer not in first:
            first[buyer] = len(merged)
            merged.append(relation)
            continue
        kept = merged[first[buyer]]
        roles = {**relation.roles, **kept.roles}
        merged[first[buyer]] = replace(kept, roles=roles, amount=kept.amount or relation.amount,
                                       confidence=max(kept.confidence, relation.confidence))
    return [replace(r, roles={k: v for k, v in r.roles.items() if k != "unit"}) for r in merged]


def sentence_parties(doc: Doc, sent: Span) -> list[Party]:
    named = document.entities_in(doc, sent)
    corefs = document.corefs_in(doc, sent)
    spans = sorted([(span, True) for span in named] + [(span, False) for span in corefs], key=lambda s: s[0].start)
    parties: list[Party] = []
    for span, explicit in spans:
        start, end = span.start, span.end
        if parties and start < parties[-1].end:
            continue
        canonical, label = span._.canonical, span.label_
        genitive = explicit and end < sent.end and doc[end].is_title and not doc[end].ent_type_ \
            and span.text == canonical + "s"
        previous = parties[-1] if parties else None
        preposition, coordinated = governing_preposition(doc, sent, start, previous)
        parties.append(Party(start, end, canonical, label, explicit, in_compound(span), genitive, preposition,
                             coordinated, attribution=label == "ORG" and is_attribution(span)))
    return parties


def governing_preposition(doc: Doc, sent: Span, start: int, previous: Party | None) -> tuple[str | None, bool]:
    """The preposition in front of the noun phrase of the party starting at token ``start``:
    "an den taiwanischen Chipfertiger TSMC" -> "an".

    A party joined by "und"/"oder"/"," to the one before shares its preposition.
    """
    i = start - 1
    if i >= sent.start and doc[i].lower_ in COORDINATORS and previous is not None and previous.end == i:
        return previous.preposition, True
    preposition = preposition_before(doc, sent.start, i)
    if preposition == "wie":  # "Lieferanten wie Huawei": the preposition of "Lieferanten"
        head_end = next(j for j in range(i, sent.start - 1, -1) if doc[j].lower_ == "wie")
        return preposition_before(doc, sent.start, head_end - 1, bare=True) or "wie", False
    return preposition, False


def preposition_before(doc: Doc, first: int, i: int, *, bare: bool = False) -> str | None:
    """Walk left over [determiner] [adjectives] [nouns] to a preposition, if there is one."""
    phase = "noun"
    nouns = 0
    while i >= first:
        token = doc[i]
        lower = token.lower_
        if lower in PREPOSITIONS:
            if phase == "noun" and nouns and not bare and lower not in FUSED and lower != "wie":
                return None  # "aus Unternehmenskreisen Nvidia": a bare noun is not the party's phrase
            return lower
        if lower in DETERMINERS:
            phase = "determiner"
        elif phase == "determiner":
            return None
        elif token.text == "-" and not token.whitespace_ or phase == "noun" and (token.is_title or token.is_upper) \
                and nouns < 3 or TITLE_ADJECTIVE.fullmatch(token.text):
            nouns += token.text != "-"
        elif token.is_lower and ADJECTIVE.fullmatch(token.text) and lower not in NOT_MODIFIERS or token.like_num:
            phase = "adjective"
        else:
            return None
        i -= 1
    return None


def clause_bounds(sent: Span, index: int) -> tuple[int, int]:
    """The clause around token ``index``: cut at colons, semicolons, 'während', ..."""
    start, end = sent.start, sent.end
    words = document.words(sent.doc)
    for i in range(sent.start, sent.end):
        if words[i] in CLAUSE_BREAKS:
            if i < index:
                start = i + 1
            elif i > index:
                end = i
                break
    return start, end


def in_clause(parties: list[Party], bounds: tuple[int, int]) -> list[Party]:
    return [p for p in parties if bounds[0] <= p.start < bounds[1] and not p.attribution]


def subjects(parties: list[Party], trigger: int, labels: Iterable[str] = ("ORG",)) -> list[Party]:
    """The first free party (preferring one before the trigger) and those coordinated with it."""
    free = [p for p in parties if p.free and p.label in labels]
    before = [p for p in free if p.start < trigger]
    first = (before or free or [None])[0]
    if first is None:
        return []
    group = [first]
    for party in parties[parties.index(first) + 1 :]:
        if not party.coordinated or party.preposition is not None:
            break
        group.append(party)
    return group


def agents(clause: list[Party], trigger: int, passive: bool) -> list[Party]:
    """Who does it: the subject, or in a passive clause the "von"/"durch" party."""
    if passive:
        return [p for p in clause if p.preposition in {"von", "vom", "durch"} and p.label == "ORG"]
    return subjects(clause, trigger)


def role_holder(doc: Doc, parties: list[Party]) -> Party | None:
    """'Alibaba-Chef Eddie Wu kündigte an ...': the company its leader speaks for."""
    for party in parties:
        if (party.compound or party.genitive) and party.label == "ORG":
            head = party.end + 1 if party.compound else party.end
            if head < len(doc) and ROLE_WORD.fullmatch(doc[head].lower_):
                return party
    return None


def is_negated(doc: Doc, bounds: tuple[int, int]) -> bool:
    return any(doc[i].lower_ in NEGATIONS or doc[i].lower_ in HYPOTHETICAL for i in range(*bounds))


def is_passive(doc: Doc, trigger: int, bounds: tuple[int, int]) -> bool:
    word = doc[trigger].lower_
    participle = word.startswith("ge") or word in {"erworben", "übernommen", "bestellt", "bezogen",
                                                    "verkauft", "vergeben", "erteilt", "platziert"}
    return participle and any(doc[i].lower_ in PASSIVE_AUX for i in range(*bounds))


def money_in(doc: Doc, bounds: tuple[int, int]) -> Money | None:
    """The first amount in the clause that is not a parenthetical equivalent."""
    for span in doc.spans.get("newsgraph_money", []):
        if span.label_ == "MONEY" and bounds[0] <= span.start < bounds[1]:
            if span.start > 0 and doc[span.start - 1].text == "(":
                continue
            return span._.money
    return None


def percents_in(doc: Doc, bounds: tuple[int, int]) -> list[Span]:
    return [span for span in document.percents(doc) if bounds[0] <= span.start < bounds[1]]


def confidence(*parties: Party | None, implicit: int = 0) -> float:
    score = 0.9 - 0.2 * implicit
    for party in parties:
        if party is not None and not party.explicit:
            score -= 0.15
    return round(score, 2)


def make(doc: Doc, sent: Span, type_: str, roles: dict[str, str | None], score: float,
         amount: Money | None = None, percent: Percent | None = None) -> Relation:
    evidence = doc[sent.start : sent.end]
    while len(evidence) and evidence[-1].is_space:
        evidence = evidence[:-1]
    return Relation(
        type=type_,
        roles={role: value for role, value in roles.items() if value},
        evidence=evidence.text,
        start=evidence.start_char,
        end=evidence.end_char,
        confidence=score,
        amount=amount,
        percent=percent,
    )


def is_noun(token) -> bool:
    return token.text[:1].isupper() and not token.is_sent_start


def stated_clauses(doc: Doc, sent: Span, parties: list[Party],
                   *kinds: tuple[re.Pattern, bool | None]) -> Iterator[tuple[int, tuple[int, int], list[Party]]]:
    """(trigger, clause bounds, parties of the clause) for each trigger word of ``kinds``
    ((pattern, noun?) pairs) whose clause is not negated or hypothetical."""
    for pattern, noun in kinds:
        for trigger in triggers(sent, pattern, noun=noun):
            bounds = clause_bounds(sent, trigger)
            if not is_negated(doc, bounds):
                yield trigger, bounds, in_clause(parties, bounds)


def triggers(sent: Span, pattern: re.Pattern, *, noun: bool | None = None) -> list[int]:
    doc, found = sent.doc, document.matches(sent.doc, pattern)
    if not found:  # the common case: no such word in the whole document
        return []
    return [i for i in found[bisect_left(found, sent.start):bisect_left(found, sent.end)]
            if noun is None or noun == is_noun(doc[i])]


# Each trigger pattern anchored to whole lines, to find the words it matches in full among a
# document's distinct words, one per line, in one regex search (the patterns match no line break).
_LINE_PATTERNS: dict[re.Pattern, re.Pattern] = {}


class _DocumentIndex(threading.local):
    """What the rules look up in the document being read (in this thread), made once per
    document: its lower-cased words, where each trigger pattern matches, its named parties and
    percentages. Every rule scans every sentence; a token or span object per word, rule and
    sentence was the relation stage's main cost."""

    doc: Doc | None = None

    def forget(self) -> None:
        self.doc = None

    def _read(self, doc: Doc) -> None:
        if doc is self.doc:
            return
        self.doc = doc
        self.lower = lower_words(doc)
        self.positions: dict[str, list[int]] = {}
        for i, word in enumerate(self.lower):
            self.positions.setdefault(word, []).append(i)
        self.lines = "\n".join(word for word in self.positions if "\n" not in word)
        self.pattern_matches: dict[re.Pattern, list[int]] = {}
        self.named = [ent for ent in doc.ents if ent.label_ in {"ORG", "PER", "LOC"} and ent._.canonical]
        self.named_starts = [ent.start for ent in self.named]
        self.percent_spans = [span for span in doc.spans.get("newsgraph_money", []) if span.label_ == "PERCENT"]
        self.corefs = sorted(doc.spans.get("newsgraph_coref", []), key=lambda span: span.start)
        self.coref_starts = [span.start for span in self.corefs]

    def words(self, doc: Doc) -> list[str]:
        """The lower-cased words of ``doc``."""
        self._read(doc)
        return self.lower

    def matches(self, doc: Doc, pattern: re.Pattern) -> list[int]:
        """Sorted indexes of the tokens whose lower-cased word ``pattern`` matches in full."""
        self._read(doc)
        found = self.pattern_matches.get(pattern)
        if found is None:
            lines = _LINE_PATTERNS.get(pattern)
            if lines is None:
                lines = _LINE_PATTERNS[pattern] = re.compile(f"^(?:{pattern.pattern})$", re.MULTILINE)
            found = self.pattern_matches[pattern] = sorted(
                i for match in lines.finditer(self.lines) for i in self.positions[match.group()])
        return found

    def entities_in(self, doc: Doc, sent: Span) -> list[Span]:
        """The sentence's ORG, PER and LOC entities that have a canonical name."""
        self._read(doc)
        first, last = bisect_left(self.named_starts, sent.start), bisect_left(self.named_starts, sent.end)
        return [ent for ent in self.named[first:last] if ent.end <= sent.end]

    def corefs_in(self, doc: Doc, sent: Span) -> list[Span]:
        """The coreferring expressions ("das Unternehmen") that start in the sentence."""
        self._read(doc)
        return self.corefs[bisect_left(self.coref_starts, sent.start):bisect_left(self.coref_starts, sent.end)]

    def percents(self, doc: Doc) -> list[Span]:
        """The PERCENT spans of the money stage."""
        self._read(doc)
        return self.percent_spans


document = _DocumentIndex()


def compound_start(doc: Doc, i: int) -> int:
    """Where the hyphen compound ending in token ``i`` starts: "IT-Tochter" -> "IT"."""
    while i >= 2 and doc[i - 1].text == "-" and not doc[i - 2].whitespace_:
        i -= 2
    return i


def word_at(doc: Doc, i: int) -> str:
    """The whole hyphen compound ending in token ``i``: "Siliziumkarbid-Sparte"."""
    return doc[compound_start(doc, i) : i + 1].text


def item_before(doc: Doc, start: int, end: int) -> str | None:
    """The last noun in [start, end) that is not a party or a filler word."""
    for i in range(end - 1, start - 1, -1):
        token = doc[i]
        if token.is_alpha and is_noun(token) and not token.ent_type_ and token.lower_ not in NOT_ITEMS:
            modifier = doc[i - 1] if i > start else None
            if modifier is not None and ADJECTIVE.fullmatch(modifier.text) and modifier.lower_ not in NOT_MODIFIERS:
                return f"{modifier.text} {token.text}"
            return token.text
    return None


def compound_head(doc: Doc, party: Party) -> str | None:
    if party.compound and party.end + 1 < len(doc):
        return doc[party.end + 1].text
    return None


def is_vendor_compound(doc: Doc, party: Party) -> bool:
    """'Nvidia-Chips', 'Samsung-Speicher' name a vendor; 'Nvidia-Chef', 'SAP-Aktie' do not."""
    head = doc[party.end + 1].lower_ if party.end + 1 < len(doc) else ""
    return party.compound and party.label == "ORG" and not ROLE_WORD.fullmatch(head) \
        and not head.startswith(("aktie", "konzern", "tochter", "mutter"))


def business_unit(doc: Doc, bounds: tuple[int, int], after: int) -> int | None:
    """The object bought when it is a unit without a name: "die Chipsparte", "das Italiengeschäft"."""
    for i in range(max(after, bounds[0]), bounds[1]):
        token = doc[i]
        named = i + 1 < len(doc) and doc[i + 1].ent_type_ == "ORG"  # "die IT-Tochter Stackit" is a name
        if BUSINESS_UNIT.fullmatch(token.lower_) and is_noun(token) and not token.ent_type_ and not named:
            return i
    return None


def purchases(doc: Doc, sent: Span, parties: list[Party], discourse: Discourse) -> list[Relation]:
    """kaufen, erwerben, bestellen, beziehen: the subject buys from "von"/"bei" parties."""
    found = []
    for trigger, bounds, clause in stated_clauses(doc, sent, parties, (BUY, False)):
        passive = is_passive(doc, trigger, bounds)
        amount = money_in(doc, bounds)
        buyers = agents(clause, trigger, passive)
        vendor_preps = {"bei", "beim", "aus"} if passive else {"bei", "beim", "aus", "von", "vom"}
        objects = [p for p in clause if p.free and p.explicit and p.label == "ORG" and p not in buyers
                   and not p.coordinated]
        for buyer in buyers:
            unit = business_unit(doc, bounds, after=buyer.end)
            if unit is not None or objects:
                found += acquisition(doc, sent, clause, buyer, objects, unit, amount)
                continue
            vendors = [p for p in clause if p.label == "ORG" and p.name != buyer.name
                       and (p.preposition in vendor_preps or is_vendor_compound(doc, p))]
            if not vendors and amount is not None:
                discourse.amounts_by_buyer.setdefault(buyer.name, []).append(amount)
            for vendor in vendors:
                item = compound_head(doc, vendor) or item_before(doc, buyer.end, vendor.start) \
                    or item_before(doc, trigger, bounds[1])
                found.append(make(doc, sent, "PURCHASE", {"buyer": buyer.name, "vendor": vendor.name, "item": item},
                                  confidence(buyer, vendor), amount))
    return found


def acquisition(doc: Doc, sent: Span, clause: list[Party], buyer: Party, objects: list[Party], unit: int | None,
                amount: Money | None) -> list[Relation]:
    if unit is not None:
        seller = next((p for p in clause if p.start > unit and p.label == "ORG" and p.name != buyer.name), None)
        roles = {"buyer": buyer.name, "acquired": word_at(doc, unit), "seller": seller.name if seller else None,
                 "unit": "yes"}
        return [make(doc, sent, "ACQUISITION", roles, confidence(buyer, seller), amount)]
    acquired = objects[0]
    seller = next((p for p in clause if p.preposition in {"von", "vom"} and p.label == "ORG"
                   and p.name not in {buyer.name, acquired.name}), None)
    return [make(doc, sent, "ACQUISITION", {"buyer": buyer.name, "acquired": acquired.name,
                                            "seller": seller.name if seller else None},
                 confidence(buyer, acquired), amount)]


def takeovers(doc: Doc, sent: Span, parties: list[Party], discourse: Discourse) -> list[Relation]:
    """übernehmen: 'Broadcom übernimmt VMware', 'X wird von Y übernommen'."""
    found = []
    for trigger, bounds, clause in stated_clauses(doc, sent, parties, (ACQUIRE, False)):
        buyers = agents(clause, trigger, is_passive(doc, trigger, bounds))
        amount = money_in(doc, bounds)
        objects = [p for p in clause if p.free and p.explicit and p.label == "ORG" and p not in buyers]
        for buyer in buyers[:1]:
            unit = business_unit(doc, bounds, after=buyer.end)
            if unit is not None or objects:
                found += acquisition(doc, sent, clause, buyer, objects, unit, amount)
    return found


def nominal_acquisitions(doc: Doc, sent: Span, parties: list[Party], discourse: Discourse) -> list[Relation]:
    """'die Übernahme von X durch Y', 'Y zahlte für die Übernahme des X'."""
    found = []
    for trigger, bounds, clause in stated_clauses(doc, sent, parties, (ACQUIRE_NOUN, True)):
        after = [p for p in clause if trigger < p.start <= trigger + 5 and p.label == "ORG" and not p.compound]
        acquired = next((p for p in after if p.preposition in {"von", "vom"} or p.free), None)
        buyer = next((p for p in clause if p.preposition == "durch" and p.label == "ORG"), None) \
            or next((p for p in subjects(clause, trigger) if acquired is None or p.name != acquired.name), None)
        unit = trigger + 2 if trigger + 2 < bounds[1] and BUSINESS_UNIT.fullmatch(doc[trigger + 2].lower_) else None
        if buyer is None or (acquired is None and unit is None):
            continue
        if acquired is not None:
            found.append(make(doc, sent, "ACQUISITION", {"buyer": buyer.name, "acquired": acquired.name},
                              confidence(buyer, acquired) - 0.05, money_in(doc, bounds)))
        else:
            found.append(make(doc, sent, "ACQUISITION", {"buyer": buyer.name, "acquired": word_at(doc, unit),
                                                         "unit": "yes"}, confidence(buyer) - 0.05,
                              money_in(doc, bounds)))
    return found


def nominal_purchases(doc: Doc, sent: Span, parties: list[Party], discourse: Discourse) -> list[Relation]:
    """'die Bestellung bei Huawei umfasst 28 Mrd. Yuan', 'Lieferverträge mit EnBW abgeschlossen'."""
    found = []
    for trigger, bounds, clause in stated_clauses(doc, sent, parties, (BUY_NOUN, True)):
        vendors = [p for p in clause if p.start > trigger and p.label == "ORG" and not p.compound
                   and p.preposition in {"bei", "beim", "von", "vom", "mit"}]
        if not vendors:
            continue
        buyers = subjects(clause, trigger)
        amount = money_in(doc, bounds)
        implicit = not buyers
        if implicit:
            if amount is None or discourse.salient is None:
                continue
            buyer_names = [discourse.salient]
        else:
            buyer_names = [buyer.name for buyer in buyers]
        for buyer_name in buyer_names:
            for vendor in vendors:
                if vendor.name == buyer_name:
                    continue
                found.append(make(doc, sent, "PURCHASE", {"buyer": buyer_name, "vendor": vendor.name,
                                                          "item": item_before(doc, bounds[0], trigger)},
                                  confidence(vendor, implicit=implicit), amount))
    return found


def sales(doc: Doc, sent: Span, parties: list[Party], discourse: Discourse) -> list[Relation]:
    """liefern, verkaufen: 'Nvidia liefert Chips an Meta', 'Von ASML werden Anlagen an TSMC geliefert'."""
    found = []
    for trigger, bounds, clause in stated_clauses(doc, sent, parties, (SELL, False)):
        vendors = agents(clause, trigger, is_passive(doc, trigger, bounds))
        buyers = [p for p in clause if p.preposition in {"an", "für"} and p.label == "ORG" and p not in vendors]
        amount = money_in(doc, bounds)
        objects = [p for p in clause if p.free and p.explicit and p.label == "ORG" and p not in vendors]
        unit = business_unit(doc, bounds, after=vendors[0].end) if vendors else None
        implicit = False
        if not buyers and vendors and all(v.explicit for v in vendors) and doc[trigger].lower_.startswith("liefer") \
                and discourse.salient not in {None, *(v.name for v in vendors)} and not objects and unit is None:
            implicit = True  # "Die Server liefert Dell": to the company the article is about
        for vendor in vendors:
            for buyer_name in ([b.name for b in buyers] or ([discourse.salient] if implicit else [])):
                if buyer_name == vendor.name:
                    continue
                if objects or unit is not None:  # "Siemens verkauft die Sparte an Bosch"
                    acquired = objects[0].name if objects else word_at(doc, unit)
                    found.append(make(doc, sent, "ACQUISITION", {"buyer": buyer_name, "acquired": acquired,
                                                                 "seller": vendor.name}, confidence(vendor), amount))
                    continue
                buyer = next((b for b in buyers if b.name == buyer_name), None)
                item = item_before(doc, vendor.end, buyer.start) if buyer else item_before(doc, bounds[0], trigger)
                found.append(make(doc, sent, "PURCHASE", {"buyer": buyer_name, "vendor": vendor.name, "item": item},
                                  confidence(buyer, vendor, implicit=implicit), amount))
    return found


def orders(doc: Doc, sent: Span, parties: list[Party], discourse: Discourse) -> list[Relation]:
    """'X erhält von Y einen Auftrag' (X sells) / 'Y vergibt einen Auftrag an X' (Y buys)."""
    found = []
    for trigger, bounds, clause in stated_clauses(doc, sent, parties, (ORDER_RECEIVED, False), (ORDER_PLACED, False)):
        if percents_in(doc, bounds) or not any(ORDER_NOUN.fullmatch(doc[i].lower_) for i in range(*bounds)):
            continue  # no order named, or a share of one (``order_shares``)
        receiving = bool(ORDER_RECEIVED.fullmatch(doc[trigger].lower_))
        own = subjects(clause, trigger)
        counter_preps = {"von", "vom", "aus"} if receiving else {"an", "bei"}
        others = [p for p in clause if p.label == "ORG" and p.preposition in counter_preps and p not in own]
        amount = money_in(doc, bounds)
        implicit = False
        if receiving and not others and own and discourse.salient not in {None, own[0].name}:
            implicit = True
        for party in own:
            for other in others or ([None] if implicit else []):
                other_name = other.name if other else discourse.salient
                buyer, vendor = (other_name, party.name) if receiving else (party.name, other_name)
                if buyer == vendor:
                    continue
                found.append(make(doc, sent, "PURCHASE", {"buyer": buyer, "vendor": vendor,
                                                          "item": item_before(doc, bounds[0], bounds[1])},
                                  confidence(party, other, implicit=implicit) - 0.05, amount))
    return found


def is_order_share_rest(sent: Span) -> bool:
    return "rest" in document.words(sent.doc)[sent.start:sent.end]


def order_shares(doc: Doc, sent: Span, parties: list[Party], discourse: Discourse) -> list[Relation]:
    """'60 % der Aufträge gehen an X und Y, der Rest an Z': shares of a buyer's orders."""
    bounds = (sent.start, sent.end)
    percents = percents_in(doc, bounds)
    has_order = bool(triggers(sent, ORDER_NOUN))
    continues = discourse.order_share_total is not None and is_order_share_rest(sent)
    if not (percents and has_order or continues) or is_negated(doc, bounds):
        return []
    candidates = [p for p in parties if not p.attribution and p.label == "ORG"]
    buyer = next((p for p in candidates if p.preposition in {"von", "vom"} and not p.compound), None)
    placing = bool(triggers(sent, ORDER_PLACED)) and not is_passive(doc, sent.end - 1, bounds)
    if buyer is None and placing:
        buyer = next((p for p in candidates if p.free), None)
    buyer_name = buyer.name if buyer else discourse.salient
    if buyer_name is None:
        return []
    total = discourse.order_share_total if continues else Decimal(0)
    found = []
    current: Percent | None = None
    for segment in comma_segments(sent):
        seg_percents = [span._.percent for span in percents if segment[0] <= span.start < segment[1]]
        if seg_percents:
            current = seg_percents[0]
            total += current.value
        elif any(doc[i].lower_ == "rest" for i in range(*segment)):
            current = Percent(Decimal(100) - total, current.qualifier if current else None)
        vendors = [p for p in candidates if segment[0] <= p.start < segment[1] and p.name != buyer_name]
        if current is None:
            continue
        for vendor in vendors:
            found.append(make(doc, sent, "ORDER_SHARE", {"buyer": buyer_name, "vendor": vendor.name,
                                                         "item": compound_head(doc, vendor)},
                              confidence(buyer, vendor, implicit=buyer is None), percent=current))
    return found


def comma_segments(sent: Span) -> list[tuple[int, int]]:
    cuts = [t.i for t in sent if t.text in {",", ";"} or t.lower_ == "während"]
    edges = [sent.start, *cuts, sent.end]
    return [(edges[k], edges[k + 1]) for k in range(len(edges) - 1)]


def investments(doc: Doc, sent: Span, parties: list[Party], discourse: Discourse) -> list[Relation]:
    found = []
    for trigger, bounds, clause in stated_clauses(doc, sent, parties, (INVEST, False), (INVEST_NOUN, True),
                                                  (STEP_IN, False)):
        if STEP_IN.fullmatch(doc[trigger].lower_) and not any(doc[i].lower_ in {"ein", "eingestiegen"}
                                                               for i in range(trigger, bounds[1])):
            continue
        amount = money_in(doc, bounds)
        if is_noun(doc[trigger]):
            investors = [p for p in clause if trigger < p.start <= trigger + 3 and p.preposition in {"von", "vom"}]
        else:
            investors = subjects(clause, trigger) or [p for p in [role_holder(doc, clause)] if p]
        targets = [p for p in clause if p.label == "ORG" and p.preposition in {"in", "im", "bei", "beim", "an", "am"}
                   and not p.compound and p not in investors]
        if not investors or (amount is None and not targets):
            continue
        location = next((p for p in clause if p.label == "LOC" and p.preposition in {"in", "im", "nach"}), None)
        reported_by = next((p for p in parties if p.attribution), None)
        for investor in investors:
            for target in targets[:1] or [None]:
                found.append(make(doc, sent, "INVESTMENT", {
                    "investor": investor.name,
                    "target": target.name if target else None,
                    "purpose": purpose(doc, bounds, trigger),
                    "location": location.name if location else abroad(doc, bounds),
                    "until": until_year(doc, bounds),
                    "reported_by": reported_by.name if reported_by else None,
                }, confidence(investor, target), amount))
    return found


def fundraising(doc: Doc, sent: Span, parties: list[Party], discourse: Discourse) -> list[Relation]:
    """'X hat bei Investoren wie Y und Z 300 Mio. Dollar eingesammelt': Y and Z invest in X."""
    found = []
    for trigger, bounds, clause in stated_clauses(doc, sent, parties, (RAISE, False)):
        amount = money_in(doc, bounds)
        if amount is None:
            continue
        targets = subjects(clause, trigger)
        investors = [p for p in clause if p.label == "ORG" and p.preposition in {"bei", "von", "vom"}]
        for target in targets[:1]:
            for investor in investors:
                found.append(make(doc, sent, "INVESTMENT", {"investor": investor.name, "target": target.name},
                                  confidence(target, investor), amount))
    return found


def abroad(doc: Doc, bounds: tuple[int, int]) -> str | None:
    for i in range(bounds[0], bounds[1] - 1):
        if doc[i].lower_ in {"im", "ins"} and doc[i + 1].lower_ == "ausland":
            return "Ausland"
    return None


def until_year(doc: Doc, bounds: tuple[int, int]) -> str | None:
    for i in range(bounds[0], bounds[1] - 1):
        if doc[i].lower_ == "bis" and re.fullmatch(r"(19|20)\d\d", doc[i + 1].text):
            return doc[i + 1].text
    return None


def purpose(doc: Doc, bounds: tuple[int, int], trigger: int) -> str | None:
    """'in die Herstellung von KI-Chips', or the 'um ... zu' clause."""
    for i in range(bounds[0], bounds[1] - 2):
        if doc[i].lower_ in {"in", "für"} and doc[i + 1].lower_ in {"die", "den", "das", "ein", "eine", "neue"}:
            end = i + 2
            while end < bounds[1] and doc[end].text not in {",", "."} and doc[end].lower_ not in {
                    "zu", "investieren", "bis", "stecken"} \
                    and not (doc[end].lower_ in {"in", "im"} and end + 1 < len(doc) and doc[end + 1].ent_type_ == "LOC"):
                end += 1
            if end > i + 2:
                return doc[i + 2 : end].text
    for i in range(trigger, bounds[1]):
        if doc[i].lower_ == "um":
            end = next((j for j in range(i + 1, bounds[1]) if doc[j].lower_ == "zu"), None)
            if end:
                return doc[i + 1 : end].text
    return None


def ownerships(doc: Doc, sent: Span, parties: list[Party], discourse: Discourse) -> list[Relation]:
    found = []
    orgs = [p for p in parties if p.label in {"ORG", "LOC"} and not p.attribution]
    owners, subsidiaries, belonging_verbs = (set(triggers(sent, pattern, noun=noun)) for pattern, noun in
                                             ((OWNER_WORD, True), (SUBSIDIARY_WORD, True), (BELONGS, None)))
    for i in sorted(owners | subsidiaries | belonging_verbs):
        owner_word, subsidiary_word, belongs = i in owners, i in subsidiaries, i in belonging_verbs
        bounds = clause_bounds(sent, i)
        if is_negated(doc, bounds):
            continue
        clause = [p for p in orgs if bounds[0] <= p.start < bounds[1]]
        pairs = (belonging(doc, i, clause) if belongs else owned_by(doc, i, clause, discourse, owner_word))
        for owner, owned, implicit in pairs:
            if owner.name != owned.name and owned.label == "ORG":
                found.append(make(doc, sent, "OWNERSHIP", {"owner": owner.name, "owned": owned.name},
                                  confidence(owner, owned, implicit=implicit)))
    found += stakes(doc, sent, orgs, discourse)
    return found


def belonging(doc: Doc, verb: int, clause: list[Party]) -> list[tuple[Party, Party, bool]]:
    """'Instagram gehört zu Meta' / 'die Gruppe, die der Stiftung gehört'."""
    before = [p for p in clause if p.end <= verb and not p.compound]
    comma = next((t.i for t in doc[verb:] if t.text in {",", ".", ";"}), len(doc))
    after = sorted((p for p in clause if verb < p.start < comma), key=lambda p: p.compound)  # a name before "Google-"
    if before and after:
        return [(after[0], before[-1], False)]
    if len(before) >= 2 and any(doc[i].text == "," for i in range(before[-2].end, before[-1].start)):
        return [(before[-1], before[-2], False)]
    return []


def owned_by(doc: Doc, word: int, clause: list[Party], discourse: Discourse,
             owner_word: bool) -> list[tuple[Party, Party, bool]]:
    """Pairs (owner, owned, implicit) around "Eigentümer", "Mutterkonzern", "Tochter"."""
    modifier = next((p for p in clause if (p.compound and p.end + 1 == word) or (p.genitive and p.end == word)), None)
    after = [p for p in clause if p.start > word]
    following = [after[0]] + [p for p in after[1:] if p.coordinated] if after else []
    if modifier is not None:  # "TikTok-Eigentümer ByteDance", "Google-Tochter Waymo", "Googles Mutterkonzern Alphabet"
        named = [p for p in following if p.start == word + 1]
        return [(named[0], modifier, False) if owner_word else (modifier, named[0], False)] if named else []
    linked = [p for p in following if p.preposition in {"von", "vom"} or doc[p.start - 1].lower_ in {"des", "der"}
              or (p.explicit is False and doc[p.start].lower_ in {"des", "der"})]
    before = next((p for p in reversed(clause) if p.end <= word and not p.compound), None)
    if owner_word:
        if linked and before is not None and doc[word - 1].lower_ in {"der", "die", ",", "ist", "als"} | DETERMINERS:
            return [(before, owned, False) for owned in linked]  # "X, (der) Eigentümer von Y und Z"
        if linked and plural_phrase(doc, word):  # "Zu den (bisherigen) Anteilseignern von Y zählen X und Z"
            owners = [p for p in clause if p.free and p.start > linked[-1].end]
            return [(owner, linked[0], False) for owner in owners]
        return []
    named = [p for p in after if p.start <= word + 1 and p.explicit]
    if named:  # "der Tochter Fastweb": owned by the subject, a possessor, or the article's company
        subject = next((p for p in clause if p.free and p.end <= word and p.name != named[0].name), None)
        if subject is not None:
            return [(subject, named[0], False)]
        if word > 0 and doc[word - 1].lower_ in POSSESSIVES | {"-"} and discourse.previous_subject is not None:
            return [(discourse.previous_subject, named[0], False)]
        if discourse.salient is not None:
            owner = Party(word, word + 1, discourse.salient, "ORG", explicit=False, compound=False, genitive=False)
            return [(owner, named[0], True)]
        return []
    if linked and before is not None and is_apposition(doc, compound_start(doc, word)):
        return [(linked[0], before, False)]  # "T-Systems, die IT-Tochter des Konzerns"
    return []


def is_apposition(doc: Doc, start: int) -> bool:
    """The noun phrase starting at ``start`` follows a comma: ", (die) IT-Tochter"."""
    before = start - 1 if start > 0 and doc[start - 1].lower_ not in DETERMINERS else start - 2
    return before >= 0 and doc[before].text == ","


def plural_phrase(doc: Doc, word: int) -> bool:
    """'den bisherigen Anteilseignern': a determiner of the plural before the noun."""
    i = word - 1
    while i >= 0 and ADJECTIVE.fullmatch(doc[i].text) and doc[i].lower_ not in DETERMINERS:
        i -= 1
    return i >= 0 and doc[i].lower_ in {"den", "die"}


def stakes(doc: Doc, sent: Span, orgs: list[Party], discourse: Discourse) -> list[Relation]:
    """'X hält 20 % an Y', 'der Konzern, an dem Y 51 Prozent hält', 'die Gründer halten 30 Prozent'."""
    if HOLDS.isdisjoint(document.words(doc)[sent.start:sent.end]):
        return []
    found = []
    for percent in percents_in(doc, (sent.start, sent.end)):
        relative = next((p for p in orgs if p.end + 3 <= percent.start and doc[p.end].text == ","
                         and doc[p.end + 1].lower_ == "an" and doc[p.end + 2].lower_ in {"dem", "der", "denen"}), None)
        if relative is not None:
            owner = next((p for p in orgs if relative.end < p.start < percent.start), None)
            owned = relative
        else:
            owner = next((p for p in reversed(orgs) if p.end <= percent.start and p.free), None)
            owned = next((p for p in orgs if p.start > percent.end and p.preposition in {"an", "am"}), None)
        if owner and owned and owner.name != owned.name:
            found.append(make(doc, sent, "OWNERSHIP", {"owner": owner.name, "owned": owned.name},
                              confidence(owner, owned), percent=percent._.percent))
        elif owner is None and any(t.lower_ == "gründer" and t.i < percent.start for t in sent):
            for org, people in discourse.founders.items():  # "Die drei Gründer halten zusammen 30 Prozent"
                found += [make(doc, sent, "OWNERSHIP", {"owner": person, "owned": org}, confidence(implicit=1),
                               percent=percent._.percent) for person in people]
    return found


def leaderships(doc: Doc, sent: Span, parties: list[Party], discourse: Discourse) -> list[Relation]:
    found = []
    orgs = [p for p in parties if p.label == "ORG" and not p.attribution]
    for person in (p for p in parties if p.label == "PER"):
        bounds = clause_bounds(sent, person.start)
        org, role, implicit = led_org(doc, person, bounds, orgs, discourse)
        if org is None:
            continue
        if role == "Gründer":
            discourse.founders.setdefault(org, []).append(person.name)
        found.append(make(doc, sent, "LEADERSHIP", {"person": person.name, "org": org, "role": role},
                          confidence(person, implicit=implicit)))
    return found


def led_org(doc: Doc, person: Party, bounds: tuple[int, int], orgs: list[Party],
            discourse: Discourse) -> tuple[str | None, str | None, bool]:
    """(organisation, role, implicit) for a person, from the words around the name."""
    leitung = next((i for i in range(max(bounds[0], person.start - 5), person.start) if doc[i].lower_ == "leitung"),
                   None)
    if leitung is not None:  # "X unter der Leitung des Gründers Y"
        org = next((p for p in reversed(orgs) if p.end <= leitung and p.preposition is None), None)
        title = next((doc[i].text for i in range(leitung + 1, person.start) if ROLE_WORD.fullmatch(doc[i].lower_)),
                     "Leitung")
        return (org.name if org else None), singular(title), False
    if any(FOUNDED.fullmatch(doc[i].lower_) for i in range(*bounds)):
        founded = next((p for p in orgs if bounds[0] <= p.start < bounds[1] and p.free), None)
        if founded is not None:
            return founded.name, "Gründer", False
    window = [i for i in range(max(bounds[0], person.start - 4), min(bounds[1], person.end + 5))
              if not person.start <= i < person.end]
    for i in sorted(window, key=lambda i: abs(i - person.start)):
        if not ROLE_WORD.fullmatch(doc[i].lower_):
            continue
        role = singular(doc[i].text)
        modifier = next((p for p in orgs if (p.compound and p.end + 1 == i) or (p.genitive and p.end == i)), None)
        linked = next((p for p in orgs if i < p.start <= i + 4 and p.preposition in
                       {"von", "vom", "bei", "beim", "des", "der"} or i < p.start <= i + 3
                       and doc[p.start - 1].lower_ in {"des", "der"}), None)
        if modifier or linked:
            return (modifier or linked).name, role, False
        if i == person.start - 1:  # "sagte Konzernchef Roland Busch": the company the text is on
            focus = discourse.previous_subject
            org = focus.name if focus is not None and focus.explicit else discourse.salient
            if org is not None:
                return org, role, True
    lead = next((i for i in range(person.end, min(bounds[1], person.end + 8)) if LEADS.fullmatch(doc[i].lower_)), None)
    if lead is not None:  # "Jonas Andrulis, der die Firma als Vorstandschef führt"
        org = next((p for p in orgs if person.end < p.start < lead), None)
        if org is not None:
            return org.name, "Leitung", False
    return None, None, False


def singular(role: str) -> str:
    """'Gründers' (genitive) -> 'Gründer'."""
    return role[:-1] if role.endswith("ers") else role


def leases(doc: Doc, sent: Span, parties: list[Party], discourse: Discourse) -> list[Relation]:
    found = []
    for trigger, bounds, clause in stated_clauses(doc, sent, parties, (LEASE, None)):
        for lessee in subjects(clause, trigger)[:1]:
            lessor = next((p for p in clause if p.label == "ORG" and p.preposition in {"von", "vom", "bei", "beim",
                                                                                       "mit"}
                           and p.name != lessee.name), None)
            item = item_before(doc, lessee.end, trigger)
            found.append(make(doc, sent, "LEASE", {"lessee": lessee.name, "lessor": lessor.name if lessor else None,
                                                   "item": item}, confidence(lessee, lessor) - 0.1,
                              money_in(doc, bounds)))
    return found


def deal_amount(doc: Doc, sent: Span) -> Money | None:
    """'Der Auftrag hat ein Volumen von 7,5 Mrd. Euro': an amount for the deal just named."""
    if not triggers(sent, DEAL_NOUN, noun=True):
        return None
    return money_in(doc, (sent.start, sent.end))


RULES = (purchases, takeovers, nominal_acquisitions, nominal_purchases, sales, orders, order_shares, investments,
         fundraising, ownerships, leaderships, leases)
