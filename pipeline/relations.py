"""Relations: who buys from whom for how much, invests, owns, leads and leases.

``extract_relations(doc)`` reads each sentence of a processed ``Doc`` (entity
spans with ``_.canonical``, coreference spans, MONEY/PERCENT spans with
``_.money``/``_.percent``) and returns ``records.Relation`` objects with the
evidence sentence, its character offsets and a confidence. It works without a
parser, from German word order and function words: trigger words (kaufen,
erwerben, bestellen, Auftrag, liefern an, investieren, übernehmen,
Eigentümer, Tochter, Chef, Gründer, unter der Leitung von, mieten, ...) decide
the relation type, and the preposition in front of each party decides its role
("Chips von Nvidia": vendor; "an ByteDance": buyer; "in China": location).
The subject is the first party that no preposition governs; a passive clause
("wird von X übernommen") turns "von"/"durch" into the agent.
``RelationExtractor`` (factory ``newsgraph_relations``) stores the result in
``doc._.relations``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal

from spacy.language import Language
from spacy.tokens import Doc, Span

from pipeline.entities import in_compound, is_attribution
from pipeline.records import Money, Percent, Relation

if not Doc.has_extension("relations"):
    Doc.set_extension("relations", default=[])

PREPOSITIONS = {
    "von", "vom", "bei", "beim", "an", "am", "mit", "für", "in", "im", "ins", "aus", "durch", "über",
    "nach", "zu", "zum", "zur", "unter", "auf", "außerhalb", "innerhalb", "gegen", "wie", "als", "um",
}
DETERMINERS = {
    "der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "einer", "eines",
    "seine", "seiner", "seinen", "ihre", "ihrer", "ihren", "dessen", "deren",
}
PASSIVE_AUX = {"wird", "werden", "wurde", "wurden", "worden"}
NEGATIONS = {"nicht", "kein", "keine", "keinen", "keiner", "nie", "niemals", "weder", "dementiert",
             "dementierte", "verboten", "untersagt", "untersagte", "gescheitert", "abgesagt"}
HYPOTHETICAL = {"wenn", "falls", "ob", "könnte", "könnten", "würde", "würden", "erwägt", "erwägen", "prüft",
                "gerüchte", "spekuliert", "spekulationen"}
CLAUSE_BREAKS = {":", ";", "während", "wohingegen", "aber", "obwohl"}
ORDER_NOUNS = re.compile(r"(groß|folge|rahmen)?(auftrag|aufträge|auftrags|bestellung|bestellungen|order|zuschlag)")
NOT_ITEMS = {"wert", "höhe", "jahr", "jahres", "milliarden", "millionen", "summe", "betrag", "rahmen",
             "unternehmen", "firma", "konzern", "rest", "angaben", "prozent"}

ADJECTIVE = re.compile(r"[a-zäöüß]+(e|en|er|es|em)")
NOT_MODIFIERS = DETERMINERS | PREPOSITIONS | PASSIVE_AUX | {"haben", "wollen", "sollen", "können", "müssen", "diese",
                                                            "dieser", "diesen", "jeder", "jede", "alle", "andere"}
BUY = re.compile(
    r"(ein)?kauf(e|en|t|te|ten)?|(ein)?gekauft|erw[ei]rb(en|t)?|erwarb(en)?|erworben|bestell(en|t|te|ten)"
    r"|bezieh(en|t)|bezog(en)?|order(n|t|te|ten)|geordert|beschaff(en|t|te|ten)"
)
BUY_NOUN = re.compile(r"(ein)?kauf|erwerb|kaufvertrag|bestellung(en)?|beschaffung")
SELL = re.compile(r"liefer(n|t|te|ten)|geliefert|verkauf(en|t|te|ten)")
ORDER_RECEIVED = re.compile(r"erh(a|ä)lt|erhalten|erhielt(en)?|bekomm(en|t)|bekam(en)?|gewinn(en|t)|gewann(en)?|ergattert")
ORDER_PLACED = re.compile(r"vergeb(en|e)|vergibt|vergab(en)?|erteil(en|t|te|ten)|platzier(en|t|te|ten)")
ACQUIRE = re.compile(r"übernehm(en|e)|übernimmt|übernahm(en)?|übernommen|schluck(t|te|en)|geschluckt")
ACQUIRE_NOUN = re.compile(r"übernahme|kauf|erwerb")
INVEST = re.compile(r"investier(en|t|te|ten)|zu investieren|steck(t|en|te|ten)|gesteckt")
INVEST_NOUN = re.compile(r"investition(en)?|investment")
LEASE = re.compile(r"(an)?miet(en|et|ete|eten)|angemietet|leas(en|t|te|ten)|geleast|pacht(en|et|ete)|gepachtet"
                   r"|miet(vertrag|verträge|verträgen)|leasing(vertrag|verträge|verträgen)?|pachtvertrag")
OWNER_WORD = re.compile(r"eigentümer(s|in)?|besitzer(s|in)?|mutter(konzern|konzerns|gesellschaft|unternehmen)?"
                        r"|mehrheitseigner|haupteigentümer")
SUBSIDIARY_WORD = re.compile(r"tochter(gesellschaft|firma|unternehmen|unternehmens)?")
BELONGS = re.compile(r"gehört|gehören|gehörte|gehörten")
ROLE_WORD = re.compile(
    r"(vorstands|konzern|firmen|unternehmens|finanz|technik|aufsichtsrats|ko|co|mit|interims)?-?"
    r"(chef(in)?|vorsitzende[rn]?|gründer(in|s)?|ceo|cfo|cto|coo|präsident(in)?|geschäftsführer(in)?)"
)
LEADS = re.compile(r"leitet|leitete|führt|führte")


@dataclass(frozen=True)
class Party:
    """An entity or coreferring expression taking part in a sentence."""

    start: int
    end: int
    name: str
    label: str
    explicit: bool  # a name, not "das Unternehmen" or "sie"
    compound: bool  # modifier of a hyphen compound: "Nvidia" in "Nvidia-Chips"
    preposition: str | None
    attribution: bool  # "laut Reuters", "nach Angaben der Financial Times"


class RelationExtractor:
    def __init__(self, nlp: Language, name: str = "newsgraph_relations"):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        doc._.relations = extract_relations(doc)
        return doc


def extract_relations(doc: Doc) -> list[Relation]:
    """All relations in ``doc``, one per fact (the most confident evidence kept)."""
    best: dict[tuple, Relation] = {}
    for sent in doc.sents:
        for relation in sentence_relations(doc, sent):
            key = relation.key()
            if key not in best or relation.confidence > best[key].confidence:
                best[key] = relation
    return sorted(best.values(), key=lambda relation: (relation.start, relation.type))


def sentence_relations(doc: Doc, sent: Span) -> list[Relation]:
    parties = sentence_parties(doc, sent)
    found: list[Relation] = []
    for rule in (purchases_and_acquisitions, order_shares, investments, ownerships, leaderships, leases):
        found.extend(rule(doc, sent, parties))
    return found


def sentence_parties(doc: Doc, sent: Span) -> list[Party]:
    spans = [ent for ent in sent.ents if ent.label_ in {"ORG", "PER", "LOC"} and ent._.canonical]
    spans += [span for span in doc.spans.get("newsgraph_coref", []) if sent.start <= span.start < sent.end]
    parties = []
    for span in sorted(spans, key=lambda span: span.start):
        if parties and span.start < parties[-1].end:
            continue
        parties.append(
            Party(
                span.start, span.end, span._.canonical, span.label_,
                explicit=span.label_ != "ORG" or span.ent_id_ != "" or span in sent.ents,
                compound=in_compound(span),
                preposition=None,
                attribution=span.label_ == "ORG" and is_attribution(span),
            )
        )
    return with_prepositions(doc, parties)


def with_prepositions(doc: Doc, parties: list[Party]) -> list[Party]:
    """The preposition governing each party; coordinated parties share it."""
    result: list[Party] = []
    for party in parties:
        preposition = None
        i = party.start - 1
        while i >= 0 and party.start - i <= 4:
            token = doc[i]
            lower = token.lower_
            if token.is_sent_start and lower not in PREPOSITIONS:
                break
            if lower in PREPOSITIONS:
                preposition = lower
                break
            if result and i < result[-1].end and lower not in DETERMINERS:
                break
            if lower in {"und", "sowie", "oder", ","} and result and result[-1].end == i:
                preposition = result[-1].preposition
                break
            if lower in DETERMINERS or token.is_alpha and not token.is_sent_start:
                i -= 1
                continue
            break
        if preposition == "wie" and result:  # "Lieferanten wie Huawei": the list's preposition
            preposition = next((p.preposition for p in reversed(result) if p.preposition), None) or "wie"
        explicit = party.explicit and party.start in {ent.start for ent in doc.ents}
        result.append(replace(party, preposition=preposition, explicit=explicit))
    return result


def clause_bounds(sent: Span, index: int) -> tuple[int, int]:
    """The clause around token ``index``: cut at colons, semicolons, 'während', ..."""
    start, end = sent.start, sent.end
    for token in sent:
        if token.lower_ in CLAUSE_BREAKS:
            if token.i < index:
                start = token.i + 1
            elif token.i > index:
                end = token.i
                break
    return start, end


def in_clause(parties: list[Party], bounds: tuple[int, int]) -> list[Party]:
    return [p for p in parties if bounds[0] <= p.start < bounds[1] and not p.attribution]


def subject(parties: list[Party], trigger: int, labels=frozenset({"ORG"})) -> Party | None:
    """The first party no preposition governs, preferring one before the trigger."""
    free = [p for p in parties if p.preposition is None and not p.compound and p.label in labels]
    before = [p for p in free if p.start < trigger]
    return (before or free or [None])[0]


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
    return [span for span in doc.spans.get("newsgraph_money", [])
            if span.label_ == "PERCENT" and bounds[0] <= span.start < bounds[1]]


def confidence(*parties: Party | None) -> float:
    score = 0.9
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


def triggers(sent: Span, pattern: re.Pattern, *, noun: bool | None = None) -> list[int]:
    found = []
    for token in sent:
        if not pattern.fullmatch(token.lower_):
            continue
        is_noun = token.text[:1].isupper() and not token.is_sent_start
        if noun is None or noun == is_noun:
            found.append(token.i)
    return found


def item_before(doc: Doc, start: int, end: int) -> str | None:
    """The last noun in [start, end) that is not a party or a filler word."""
    for i in range(end - 1, start - 1, -1):
        token = doc[i]
        if token.text[:1].isupper() and token.is_alpha and not token.ent_type_ and token.lower_ not in NOT_ITEMS \
                and not token.is_sent_start:
            modifier = doc[i - 1] if i > start else None
            if modifier is not None and ADJECTIVE.fullmatch(modifier.text) and modifier.lower_ not in NOT_MODIFIERS:
                return f"{modifier.text} {token.text}"
            return token.text
    return None


def compound_head(doc: Doc, party: Party) -> str | None:
    if party.compound and party.end + 1 < len(doc):
        return doc[party.end + 1].text
    return None


def purchases_and_acquisitions(doc: Doc, sent: Span, parties: list[Party]) -> list[Relation]:
    found = []
    for trigger in triggers(sent, BUY, noun=False) + triggers(sent, ORDER_RECEIVED) + triggers(sent, ORDER_PLACED) \
            + triggers(sent, SELL, noun=False) + triggers(sent, ACQUIRE, noun=False):
        bounds = clause_bounds(sent, trigger)
        if is_negated(doc, bounds):
            continue
        clause = in_clause(parties, bounds)
        word = doc[trigger].lower_
        passive = is_passive(doc, trigger, bounds)
        has_order = any(ORDER_NOUNS.fullmatch(doc[i].lower_) for i in range(*bounds))
        if ORDER_RECEIVED.fullmatch(word) or ORDER_PLACED.fullmatch(word):
            if not has_order:
                continue
            receiving = bool(ORDER_RECEIVED.fullmatch(word))
            found += order_relations(doc, sent, clause, trigger, bounds, receiving)
            continue
        selling = bool(SELL.fullmatch(word))
        acquiring = bool(ACQUIRE.fullmatch(word))
        agent_preps = {"von", "vom", "durch"} if passive else set()
        if selling:
            source_preps, target_preps = ({"von", "vom"}, {"an", "für"}) if passive else (set(), {"an", "für"})
        else:
            source_preps = {"bei", "beim", "aus"} | ({"von", "vom"} - agent_preps)
            target_preps = agent_preps
        free = [p for p in clause if p.preposition is None and p.label == "ORG" and not p.compound]
        sources = [p for p in clause if p.label == "ORG" and (p.preposition in source_preps or p.compound)]
        targets = [p for p in clause if p.label == "ORG" and p.preposition in target_preps]
        amount = money_in(doc, bounds)
        if selling:
            vendor_party = sources[0] if passive and sources else subject(clause, trigger)
            buyers = targets
            objects = [p for p in free if p is not vendor_party]
            if objects and not buyers:
                continue
            for buyer in buyers:
                if vendor_party is None or buyer.name == vendor_party.name:
                    continue
                if objects:  # "Siemens verkauft Sparte X an Bosch": a takeover
                    found.append(make(doc, sent, "ACQUISITION", {"buyer": buyer.name, "acquired": objects[0].name,
                                                                 "seller": vendor_party.name},
                                      confidence(buyer, vendor_party), amount))
                    continue
                item = item_before(doc, vendor_party.end, buyer.start)
                found.append(make(doc, sent, "PURCHASE", {"buyer": buyer.name, "vendor": vendor_party.name,
                                                          "item": item}, confidence(buyer, vendor_party), amount))
            continue
        buyer = targets[0] if passive and targets else subject(clause, trigger)
        if buyer is None:
            continue
        objects = [p for p in free if p is not buyer and p.explicit]
        if objects or acquiring:
            acquired = objects[0] if objects else None
            if acquired is None:
                continue
            seller = next((p for p in sources if p.name not in {buyer.name, acquired.name}), None)
            found.append(make(doc, sent, "ACQUISITION", {"buyer": buyer.name, "acquired": acquired.name,
                                                         "seller": seller.name if seller else None},
                              confidence(buyer, acquired), amount))
            continue
        for vendor in sources:
            if vendor.name == buyer.name:
                continue
            item = compound_head(doc, vendor) or item_before(doc, min(trigger, vendor.start) if trigger < vendor.start
                                                            else buyer.end, vendor.start)
            found.append(make(doc, sent, "PURCHASE", {"buyer": buyer.name, "vendor": vendor.name, "item": item},
                              confidence(buyer, vendor), amount))
    found += nominal_acquisitions(doc, sent, parties)
    return found


def order_relations(doc: Doc, sent: Span, clause: list[Party], trigger: int, bounds: tuple[int, int],
                    receiving: bool) -> list[Relation]:
    """'X erhält von Y einen Auftrag' (X vendor) / 'Y vergibt einen Auftrag an X' (X vendor)."""
    if percents_in(doc, bounds):
        return []  # an order share, handled by ``order_shares``
    own = subject(clause, trigger)
    if own is None:
        return []
    counter_preps = {"von", "vom", "aus"} if receiving else {"an", "bei"}
    others = [p for p in clause if p.label == "ORG" and p.preposition in counter_preps and p.name != own.name]
    amount = money_in(doc, bounds)
    found = []
    for other in others:
        buyer, vendor = (other, own) if receiving else (own, other)
        found.append(make(doc, sent, "PURCHASE", {"buyer": buyer.name, "vendor": vendor.name,
                                                  "item": item_before(doc, bounds[0], bounds[1])},
                          confidence(buyer, vendor) - 0.05, amount))
    return found


def nominal_acquisitions(doc: Doc, sent: Span, parties: list[Party]) -> list[Relation]:
    """'die Übernahme von X durch Y' and 'Ys Übernahme von X'."""
    found = []
    for trigger in triggers(sent, ACQUIRE_NOUN, noun=True):
        bounds = clause_bounds(sent, trigger)
        if is_negated(doc, bounds):
            continue
        clause = in_clause(parties, bounds)
        after = [p for p in clause if p.start > trigger and p.label == "ORG"]
        acquired = next((p for p in after if p.preposition in {"von", "vom"} and not p.compound), None)
        buyer = next((p for p in after if p.preposition == "durch"), None)
        if acquired is None or buyer is None:
            continue
        found.append(make(doc, sent, "ACQUISITION", {"buyer": buyer.name, "acquired": acquired.name},
                          confidence(buyer, acquired) - 0.05, money_in(doc, bounds)))
    return found


def order_shares(doc: Doc, sent: Span, parties: list[Party]) -> list[Relation]:
    """'60 % der Aufträge gehen an X und Y, der Rest an Z': shares of a buyer's orders."""
    bounds = (sent.start, sent.end)
    percents = percents_in(doc, bounds)
    if not percents or not any(ORDER_NOUNS.fullmatch(t.lower_) for t in sent) or is_negated(doc, bounds):
        return []
    rest = next((t.i for t in sent if t.lower_ == "rest" and t.i > percents[0].start), None)
    cuts = [span.start for span in percents] + ([rest] if rest is not None else []) + [sent.end]
    candidates = [p for p in parties if not p.attribution and p.label == "ORG"]
    buyer = next((p for p in candidates if p.preposition in {"von", "vom"} or (p.preposition is None and not
                  p.compound and p.start < percents[0].start)), None)
    implicit = buyer is None
    buyer_name = buyer.name if buyer else doc._.salient_org
    if buyer_name is None:
        return []
    found = []
    given = Decimal(0)
    qualifier = None
    for index, cut in enumerate(cuts[:-1]):
        segment = (cut, cuts[index + 1])
        if index < len(percents):
            percent = percents[index]._.percent
            given += percent.value
            qualifier = percent.qualifier
        else:
            percent = Percent(Decimal(100) - given, qualifier)
        vendors = [p for p in candidates if segment[0] <= p.start < segment[1] and p.name != buyer_name]
        for vendor in vendors:
            score = confidence(buyer, vendor) - (0.2 if implicit else 0)
            found.append(make(doc, sent, "ORDER_SHARE", {"buyer": buyer_name, "vendor": vendor.name,
                                                         "item": compound_head(doc, vendor)}, score, percent=percent))
    return found


def investments(doc: Doc, sent: Span, parties: list[Party]) -> list[Relation]:
    found = []
    for trigger in triggers(sent, INVEST, noun=False) + triggers(sent, INVEST_NOUN, noun=True):
        bounds = clause_bounds(sent, trigger)
        if is_negated(doc, bounds):
            continue
        clause = in_clause(parties, bounds)
        amount = money_in(doc, bounds)
        if doc[trigger].text[:1].isupper() and not doc[trigger].is_sent_start:
            investor = next((p for p in clause if p.start == trigger + 2 and p.preposition in {"von", "vom"}), None)
        else:
            investor = subject(clause, trigger)
        if investor is None or amount is None:
            continue
        target = next((p for p in clause if p.label == "ORG" and p.preposition in {"in", "im"}
                       and p.name != investor.name and not p.compound), None)
        location = next((p for p in clause if p.label == "LOC" and p.preposition in {"in", "im", "nach"}), None)
        location_name = location.name if location else abroad(doc, bounds)
        reported_by = next((p for p in parties if p.attribution), None)
        found.append(make(doc, sent, "INVESTMENT", {
            "investor": investor.name,
            "target": target.name if target else None,
            "purpose": purpose(doc, bounds, trigger),
            "location": location_name,
            "until": until_year(doc, bounds),
            "reported_by": reported_by.name if reported_by else None,
        }, confidence(investor, target), amount))
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
        if doc[i].lower_ in {"in", "für"} and doc[i + 1].lower_ in {"die", "den", "das", "den"}:
            end = i + 2
            while end < bounds[1] and doc[end].text not in {",", "."} and doc[end].lower_ not in {"zu", "investieren"} \
                    and not (doc[end].lower_ in {"in", "im"} and doc[end + 1].ent_type_ == "LOC") \
                    and doc[end].lower_ not in {"bis"}:
                end += 1
            if end > i + 2:
                return doc[i + 2 : end].text
    for i in range(trigger, bounds[1]):
        if doc[i].lower_ == "um":
            end = next((j for j in range(i + 1, bounds[1]) if doc[j].lower_ == "zu"), None)
            if end:
                return doc[i + 1 : end].text
    return None


def ownerships(doc: Doc, sent: Span, parties: list[Party]) -> list[Relation]:
    found = []
    orgs = [p for p in parties if p.label == "ORG" and not p.attribution]
    for token in sent:
        word = token.lower_
        owner_word = OWNER_WORD.fullmatch(word)
        subsidiary_word = SUBSIDIARY_WORD.fullmatch(word)
        if not (owner_word or subsidiary_word or BELONGS.fullmatch(word)):
            continue
        bounds = clause_bounds(sent, token.i)
        if is_negated(doc, bounds):
            continue
        modifier = next((p for p in orgs if p.compound and p.end + 1 == token.i), None)
        before = next((p for p in reversed(orgs) if p.end <= token.i and p.start >= bounds[0] and not p.compound), None)
        after = next((p for p in orgs if p.start > token.i and p.start < bounds[1]), None)
        if BELONGS.fullmatch(word):
            owner, owned = after, before  # "TikTok gehört zu ByteDance"
            if owner is not None and owner.compound and doc[owner.end + 1].lower_.startswith("konzern"):
                pass  # "gehört zum Bytedance-Konzern": the modifier names the owner
        elif modifier is not None:  # "TikTok-Eigentümer ByteDance", "Google-Tochter Waymo"
            next_party = next((p for p in orgs if p.start == token.i + 1), None)
            if next_party is None:
                continue
            owner, owned = (next_party, modifier) if owner_word else (modifier, next_party)
        else:  # "X, der Eigentümer von Y" / "Y, eine Tochter von X"
            linked = after if after is not None and after.preposition in {"von", "vom", "des", "der"} or \
                (after is not None and doc[after.start - 1].lower_ in {"des", "der"}) else None
            if linked is None or before is None:
                continue
            owner, owned = (before, linked) if owner_word else (linked, before)
        if owner is None or owned is None or owner.name == owned.name:
            continue
        found.append(make(doc, sent, "OWNERSHIP", {"owner": owner.name, "owned": owned.name},
                          confidence(owner, owned)))
    found += stakes(doc, sent, orgs)
    return found


def stakes(doc: Doc, sent: Span, orgs: list[Party]) -> list[Relation]:
    """'X hält 20 % an Y' / 'X ist mit 20 Prozent an Y beteiligt'."""
    found = []
    for percent in percents_in(doc, (sent.start, sent.end)):
        words = {t.lower_ for t in sent}
        if not words & {"hält", "hielt", "halten", "beteiligt"}:
            continue
        owner = next((p for p in orgs if p.end <= percent.start and p.preposition is None and not p.compound), None)
        owned = next((p for p in orgs if p.start > percent.end and p.preposition == "an"), None)
        if owner and owned:
            found.append(make(doc, sent, "OWNERSHIP", {"owner": owner.name, "owned": owned.name},
                              confidence(owner, owned), percent=percent._.percent))
    return found


def leaderships(doc: Doc, sent: Span, parties: list[Party]) -> list[Relation]:
    found = []
    people = [p for p in parties if p.label == "PER"]
    orgs = [p for p in parties if p.label == "ORG" and not p.attribution]
    for person in people:
        bounds = clause_bounds(sent, person.start)
        window = range(max(bounds[0], person.start - 5), min(bounds[1], person.end + 5))
        leitung = next((i for i in window if i < person.start and doc[i].lower_ == "leitung"), None)
        role_index = leitung if leitung is not None else next(
            (i for i in sorted(window, key=lambda i: abs(i - person.start)) if ROLE_WORD.fullmatch(doc[i].lower_)), None
        )
        led = next((i for i in range(person.end, min(bounds[1], person.end + 2)) if LEADS.fullmatch(doc[i].lower_)), None)
        org = None
        role = None
        if leitung is not None:  # "X unter der Leitung des Gründers Y"
            org = next((p for p in reversed(orgs) if p.end <= leitung and p.preposition is None), None)
            title = next((doc[i] for i in range(leitung + 1, person.start) if ROLE_WORD.fullmatch(doc[i].lower_)), None)
            role = singular(title.text) if title is not None else "Leitung"
        elif role_index is not None:
            role = singular(doc[role_index].text)
            modifier = next((p for p in orgs if p.compound and p.end + 1 == role_index), None)
            linked = next((p for p in orgs if role_index < p.start <= role_index + 3
                           and p.preposition in {"von", "vom", "bei", "beim", "des", "der"} or
                           role_index < p.start <= role_index + 2 and doc[p.start - 1].lower_ in {"des", "der"}),
                          None)
            org = modifier or linked
        elif led is not None:
            org = next((p for p in orgs if p.start > led and p.start <= led + 3), None)
            role = "Leitung"
        if org is None:
            continue
        found.append(make(doc, sent, "LEADERSHIP", {"person": person.name, "org": org.name, "role": role},
                          confidence(person, org)))
    return found


def singular(role: str) -> str:
    """'Gründers' (genitive) -> 'Gründer'."""
    return role[:-1] if role.endswith("ers") else role


def leases(doc: Doc, sent: Span, parties: list[Party]) -> list[Relation]:
    found = []
    for trigger in triggers(sent, LEASE):
        bounds = clause_bounds(sent, trigger)
        if is_negated(doc, bounds):
            continue
        clause = in_clause(parties, bounds)
        lessee = subject(clause, trigger)
        if lessee is None:
            continue
        lessor = next((p for p in clause if p.label == "ORG" and p.preposition in {"von", "vom", "bei", "mit"}
                       and p.name != lessee.name), None)
        item = item_before(doc, lessee.end, trigger)
        found.append(make(doc, sent, "LEASE", {"lessee": lessee.name, "lessor": lessor.name if lessor else None,
                                               "item": item}, confidence(lessee, lessor) - 0.1))
    return found
