"""Relations: who buys from whom for how much, invests, takes over, merges, spins off, owns, leads
and leases.

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
deal named up to three sentences before its amount, "den Rest liefert Y"
completes the order shares before it, investors named after a funding round
join it, a relation missing a party joins the complete one of its paragraph,
and a party the sentence leaves implicit is the article's salient organisation
(``doc._.salient_org``). Every relation records where its amount is written
(``amount_start``), so that relations sharing one amount can be told apart
from relations with equal amounts.
``RelationExtractor`` (factory ``newsgraph_relations``) stores the result in
``doc._.relations``.
"""

from __future__ import annotations

import re
import threading
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Callable, Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc, Span
from wordfreq import zipf_frequency

from pipeline.core.records import Money, Percent, Relation
from pipeline.core.vocabulary import KEY_ROLES
from pipeline.extract.entities import (
    APPOSITION_ARTICLES,
    COMPANY_NOUN,
    FEDERAL_BODY,
    NAME_LABELS,
    ROLE_WORD,
    SPEECH_WORDS,
    TITLE_PLACE_ADJECTIVE,
    alias_index,
    in_compound,
    is_attribution,
    is_descriptor,
    is_descriptor_form,
    is_elided_compound,
    is_masculine_noun,
    is_unit_word,
    lower_words,
    opening_org,
    spaced_name,
)
from pipeline.extract.german import PREPOSITIONS
from pipeline.extract.lexicon import is_listed_name

if not Doc.has_extension("relations"):
    Doc.set_extension("relations", default=[])

# Prepositions fused with an article ("beim" = "bei dem"): a noun may follow directly.
FUSED = {"vom", "beim", "am", "im", "ins", "zum", "zur"}
DETERMINERS = {
    "der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "einer", "eines",
    "seine", "seiner", "seinen", "seinem", "ihre", "ihrer", "ihren", "ihrem", "dessen", "deren",
}
POSSESSIVES = {"seine", "seiner", "seinen", "seinem", "ihre", "ihrer", "ihren", "ihrem", "dessen", "deren"}
UNIT_POSSESSIVES = POSSESSIVES | {"sein", "ihr"}  # before a neuter unit too: "sein Chipgeschäft"
COORDINATORS = {"und", "oder", "sowie", ","}
RELATIVE_PRONOUNS = {"der", "die", "das", "den", "dem", "welcher", "welche", "welches", "welchen"}
INDEFINITE_ARTICLES = {"ein", "eine", "einen", "einem", "einer", "eines"}
# Past participles of separable verbs: "abgespalten", "ausgegliedert", "angemietet", "eingekauft".
SEPARABLE_PARTICIPLE = re.compile(r"(ab|an|auf|aus|bei|ein|mit|nach|vor|zu|zurück|zusammen)ge\w+(t|en)")
# A place after one of these nouns acts as a body that buys, invests and owns: "die Stadt Hamburg".
PUBLIC_BODY_NOUNS = {"stadt", "staat", "land", "freistaat", "bundesland", "emirat", "königreich", "kanton",
                     "gemeinde", "kommune", "provinz", "region", "landeshauptstadt", "hansestadt", "großstadt",
                     "bundeshauptstadt", "hauptstadt", "landkreis", "kreis"}
FORMER = {"frühere", "früheren", "früherer", "ehemalige", "ehemaligen", "ehemaliger", "einstige", "einstigen",
          "einstiger", "damalige", "damaligen", "damaliger"}
ROLE_SUFFIX = re.compile(r"(chef|chefin|präsident|präsidentin|vorsitzender|vorsitzende)$")
COPULAS = {"ist", "wird", "war", "wurde", "bleibt", "sind", "werden", "bleiben", "blieb"}
BECOMES = {"wird", "werden", "wurde", "wurden"}
FORMER_WORDS = FORMER | {"früher", "ehemals", "einst", "vormals"}  # "NVL, früher die Marinesparte der Lürssen-Gruppe"
# Verbs agreeing with one company as their subject: "Elmos gibt ... ab", "Thyssenkrupp will ... abgeben" (not
# "Share Now hatten die beiden ... abgegeben": a plural verb, the company its object).
SINGULAR_FINITE = {"hat", "hatte", "soll", "sollte", "will", "wollte", "muss", "musste", "wird", "ist", "war", "gibt",
                   "gab", "reicht", "reichte"}
PASSIVE_AUX = {"wird", "werden", "wurde", "wurden", "worden"}
FINITE_AUXILIARIES = COPULAS | {"hat", "hatte", "haben", "hatten", "soll", "sollen", "will", "wollen", "muss", "müssen"}
NEGATIONS = {"nicht", "kein", "keine", "keinen", "keiner", "nie", "niemals", "weder", "dementiert",
             "dementierte", "verboten", "untersagt", "untersagte", "gescheitert", "abgesagt", "ausgeschlossen",
             "geplatzt", "abgebrochen", "zurückgezogen"}
HYPOTHETICAL = {"wenn", "falls", "ob", "könnte", "könnten", "würde", "würden", "hätte", "hätten", "sollte",
                "sollten", "erwägt", "erwägen", "prüft", "gerüchte", "gerüchten", "spekuliert", "spekulation",
                "spekulationen",
                "möglichen", "mögliche", "möglicher", "verhandelt", "verhandelte", "verhandelten", "verhandeln",
                "gespräche", "gesprächen"}
CLAUSE_BREAKS = {":", ";", "–", "—", "während", "wohingegen", "aber", "obwohl"}
GENITIVE_ARTICLES = {"der", "des", "eines", "einer", "seiner", "ihrer", "dieser", "dieses"}
# Conjunctions that open a clause of its own up to its comma; not "wenn"/"falls": a condition makes the
# main clause hypothetical.
SUBORDINATORS = {"damit", "weil", "da", "nachdem", "bevor", "sobald", "seit", "seitdem", "um", "indem"}
SUBORDINATE_AFTER_COMMA = SUBORDINATORS | {"als"}  # ", als sich Yandex von ... trennte"
ADJECTIVE = re.compile(r"[a-zäöüß]+(e|en|er|es|em)")
NOT_ITEMS = {"wert", "höhe", "jahr", "jahres", "milliarden", "millionen", "summe", "betrag", "rahmen",
             "unternehmen", "firma", "konzern", "rest", "angaben", "prozent", "teil", "anteil", "volumen"}
NOT_MODIFIERS = DETERMINERS | PREPOSITIONS | PASSIVE_AUX | {
    "haben", "wollen", "sollen", "können", "müssen", "diese", "dieser", "diesen", "jeder", "jede", "alle",
    "andere", "hatte", "hatten", "habe", "sagte", "werde", "weitere", "weiteren"}

# Verbs of ordering and sourcing: their object is goods, never a company taken over ("ordert 15 Maschinen
# vom Typ Boeing 787-9": Boeing is the vendor).
ORDER_VERB = re.compile(r"bestell(en|t|te|ten)|bezieh(en|t)|bezog(en)?|order(n|t|te|ten)|geordert"
                        r"|beschaff(en|t|te|ten)|buch(en|t|te|ten)|gebucht")
# "hat bei X zwei Flüge gebucht": a purchase only with "bei" (shares are "ins Depot gebucht")
BOOKED = re.compile(r"buch(en|t|te|ten)|gebucht")
BUY = re.compile(r"(ein)?kauf(e|en|t|te|ten)?|(ein)?gekauft|erw[ei]rb(en|t)?|erwarb(en)?|erworben|"
                 + ORDER_VERB.pattern)
BUY_NOUN = re.compile(r"(ein)?kauf|erwerb|bestellung(en)?|beschaffung|\w*liefervertrag|\w*lieferverträge(n)?")
# Verbs whose subject or agent supplies what the clause is about: "Die Server liefert Dell", "Geliefert wird das
# System vom Hersteller IQM", "Antennen kommen von Ericsson", "Gebaut wird die Anlage von SMS".
SUPPLIES = {"liefert", "liefern", "lieferte", "lieferten", "geliefert"}
SUPPLIED_FROM = re.compile(r"komm(t|en)|kam(en)?|stamm(t|en|te|ten)|gebaut|gefertigt|hergestellt|produziert")
SPENDS = {"ausgeben", "ausgegeben", "aufwenden", "aufgewendet"}
COSTS = {"kostet", "kosten", "kostete", "kosteten"}
# What state money is given for when it goes into a project, not into a company: "für den Ausbau".
PROJECT_NOUN = re.compile(r"\w*(ausbau|bau|neubau|werk|werks|fabrik|anlage|projekt|projekts|vorhaben|erweiterung"
                          r"|werkstatt|zentrum|zentren|halle|modernisierung|erneuerung|sanierung)")
ORDER_GIVEN = re.compile(r"gegeben|gibt|geben|gab|gaben")  # "hat bei X ... in Auftrag gegeben"
SELL = re.compile(r"liefer(n|t|te|ten)|geliefert|verkauf(en|t|te|ten)|beliefer(n|t|te|ten)|beliefert"
                  r"|versorg(en|t|te|ten)")
ORDER_NOUN = re.compile(r"\w*(auftrag|aufträge|auftrags|bestellung|bestellungen)|order|zuschlag")
ORDER_RECEIVED = re.compile(r"erh(a|ä)lt|erhalten|erhielt(en)?|bekomm(en|t)|bekam(en)?|gewinn(en|t)|gewann(en)?"
                            r"|ergattert")
# Paying a price for a company ("zahlt für X", "legt für X ... auf den Tisch"): ``payments``.
PAY = re.compile(r"(be)?zahl(t|te|ten|en|e)|(be)?gezahlt|bezahlt|tisch")
COMMISSION = re.compile(r"beauftrag(en|t|te|ten)")  # "X beauftragt Y mit der Lieferung": Y supplies X
# Making things for a customer: "Foxconn fertigt für Apple", "bei TSMC fertigen lassen".
MAKES = re.compile(r"fertig(t|en|te|ten)|gefertigt|produzier(t|en|te|ten)|herstell(en|t|te|ten)|hergestellt"
                   r"|bau(t|en|te|ten)|gebaut|entwickel(t|n|te|ten)|entwickle|entwirft|entwerfen|entworfen"
                   r"|montier(t|en|te|ten)")
LETS = {"lässt", "lassen", "ließ", "ließen", "gelassen"}
ORDER_PLACED = re.compile(r"vergeb(en|e)|vergibt|vergab(en)?|erteil(en|t|te|ten)|platzier(en|t|te|ten)|"
                          + COMMISSION.pattern)
# "sichert sich X": takes over a company, or (with capacity as X) leases it.
SECURES = re.compile(r"sicher(t|te|ten|n)|gesichert")
ACQUIRE = re.compile(r"übernehm(en|e)|übernimmt|übernahm(en)?|übernommen|schluck(t|te|en)|geschluckt"
                     r"|schnapp(t|te|en)|geschnappt|(ein)?verleib(en|t|te|ten)|einverleibt|akquirier(en|t|te|ten)"
                     r"|zugeschlagen|zuschlagen|"
                     + SECURES.pattern)
# "übernimmt die Kontrolle bei Daihatsu", "sichert sich die Mehrheit an X": X is what is bought.
CONTROL = re.compile(r"kontrolle|mehrheit|aktienmehrheit|mehrheitsbeteiligung|anteilsmehrheit|komplettübernahme")
# What is leased rather than bought when a company "secures" it: computing or data-centre capacity.
CAPACITY = re.compile(r"\w*(kapazität|kapazitäten|rechenleistung|rechenzeit|serverfläche|serverflächen"
                      r"|rechenzentrumsfläche|rechenzentrumsflächen)")
# Offices of the state: their holders lead no company ("Sachsens Ministerpräsident Michael Kretschmer").
POLITICAL_OFFICE = re.compile(r"\w*(ministerpräsident(in)?|minister(in)?|kanzler(in)?|bürgermeister(in)?|landrat"
                              r"|landrätin|senator(in)?|regierungschef(in)?|staatssekretär(in)?)")
# "X wechselt von der Allianz zur Porsche SE": the company after "von" is the one left.
CHANGES_JOB = {"wechselt", "wechselte", "wechseln", "kommt", "kam", "stößt", "stieß"}
# Words that make a sentence about who takes over or leaves a post (``succession``).
SUCCESSION = re.compile(r"folgt|folgte|nachfolge|nachfolger(in)?|löst|löste|spitze|\w*vorsitz|führung|berufen|beruft"
                        r"|\w*ressort|\w*posten|geschäfte|geschäftsführung"
                        r"|berief|ernannt|ernennt|ernannte|gewählt|beerbt|beerbte|bestellt|bestellte|ruder")
# A regulator or a court that clears, blocks or examines a deal is no party to it.
APPROVAL = re.compile(r"genehmig(t|te|en|ten)|freigegeben|frei|gebilligt|billig(t|te|en)|erlaub(t|te|en)|licht"
                      r"|zugestimmt|stimmt(e|en)?|prüf(t|te|en)|geprüft|untersag(t|te|en)|blockier(t|te|en)")
# "Die Sparte geht an den Finanzinvestor X", "den Verkauf der Tochter Y an Z": a sale named by where
# the thing goes.
GOES = re.compile(r"geht|ging(en)?|gehen|gegangen|wandert|wanderte|fällt|fiel")
# Handed over to a buyer: "hatte Share Now an Stellantis abgegeben", "gibt die Sparte an X ab", "reichte es an X
# weiter"; the finite forms with their particle only.
HANDS_OVER = re.compile(r"abgegeben|abgeben|abgibt|gibt|gab(en)?|weitergereicht|weiterreichen|reicht(e|en)?")
HANDS_OVER_PARTICLES = {"gibt": "ab", "gab": "ab", "gaben": "ab", "reicht": "weiter", "reichte": "weiter",
                        "reichten": "weiter"}
# A buyer named as such: "Käufer ist der Finanzinvestor X", "Käufer der Sparte ist X".
BUYER_WORD = re.compile(r"käufer(in|innen)?")
# A group of buyers named by its members: "an ein Konsortium der Finanzinvestoren Apax und Warburg Pincus".
# Groups of companies acting as one: "an ein Konsortium der Finanzinvestoren A und B", "ein Konsortium aus A und B".
FIRM_GROUP = re.compile(r"\w*(konsortium|konsortiums|käufergruppe|investorengruppe|bietergruppe|bündnis"
                        r"|bietergemeinschaft|arbeitsgemeinschaft)")
PROCEEDS = {"erlöst", "erlöste", "erlösen", "erlösten", "einbringen", "einbringt", "eingebracht", "einnehmen",
            "nimmt", "nahm"}  # "erlöst mit dem Verkauf der Tochter 1 Mrd. Euro", "nimmt ... ein"
SALE_NOUN = re.compile(r"\w*verkauf(s|es)?|veräußerung")
ACQUIRE_NOUN = re.compile(r"übernahme|kauf|erwerb|akquisition|komplettübernahme|mehrheitsübernahme")
# "die E-Plus-Übernahme", "der Monsanto-Kauf": the compound's modifier is what is bought.
ACQUIRE_COMPOUND_HEAD = re.compile(r"übernahme|kauf|erwerb|akquisition|deal")
MERGE = re.compile(r"fusionier(en|t|te|ten)|verschmelz(en|t)|verschmilzt|verschmolz(en)?|zusammenschließen"
                   r"|zusammengeschlossen|schließ(t|en)|schloss(en)?|zusammengehen|gehen|geht"
                   r"|zusammenleg(en|t|te|ten)|zusammengelegt|leg(en|t|te|ten)")
MERGE_NOUN = re.compile(r"fusion|zusammenschluss|zusammenschlusses|merger|mergers|verschmelzung|megafusion"
                        r"|zusammenlegung")
SPIN_OFF = re.compile(r"(ab)?spalt(en|et|ete|eten)|abgespalten|gebracht|brachte(n)?|bringt|bringen"
                      r"|ausgliedern|gliedert|gliederte|ausgegliedert|abstoßen|stößt|stieß(en)?|abgestoßen"
                      r"|trenn(t|en|te|ten)|getrennt|veräußer(n|t|te|ten)")
# "aus X hervorgegangen", "ging aus X hervor": split off from X (``emergences``).
EMERGED = re.compile(r"hervorgegangen|hervor")
# "spin": the tokenizer splits "Spin-off" into "Spin", "-", "off" (see ``spin_offs``).
SPIN_OFF_NOUN = re.compile(r"abspaltung|ausgliederung|spin|spinoff|abtrennung|verselbständigung|ausgründung"
                           r"|verselbstständigung|börsengang|teilbörsengang|ipo")
# The spin-off nouns for a listing, whose compound modifier is the company listed ("der Uniper-Börsengang").
LISTING_NOUNS = {"börsengang", "teilbörsengang", "ipo"}
BUSINESS_UNIT = re.compile(r"\w*(sparte|geschäft|geschäftsbereich|division|einheit|tochter|tochtergesellschaft"
                           r"|werk|werke|fabrik|mehrheit)")
# Of the INVEST words, those whose object is the one supported ("unterstützt Intel mit 10 Mrd. Euro").
SUPPORT = re.compile(r"unterstütz(en|t|te|ten)|förder(n|t|te|ten)|bezuschuss(en|t|te|ten)")
INVEST = re.compile(r"investier(en|t|te|ten)|steck(t|en|te|ten)|gesteckt|pump(t|en|te|ten)|gepumpt"
                    r"|beteilig(t|en|te|ten)|gefördert|" + SUPPORT.pattern)
INVEST_NOUN = re.compile(r"investition(en)?|investment|beteiligung|einstieg(s)?")  # "der Einstieg von X bei Y"
# Building a plant for an amount invests it: "baut Sandoz für 250 Millionen Euro eine neue Anlage".
BUILDS = re.compile(r"bau(t|en|te|ten)|gebaut|errichte(t|n|te|ten)|errichtet|entsteh(t|en)|entstand(en)?")
# Money set aside for a project of one's own: "plant bis 2028 rund 60 Millionen Euro für die Modernisierung ein",
# "hatte für den Ausbau rund 1 Milliarde Dollar bereitgestellt".
SETS_ASIDE = re.compile(r"plan(t|en|te|ten)|eingeplant|bereitgestellt|stell(t|en|te|ten)")
SETS_ASIDE_PARTICLES = {"plant": "ein", "planen": "ein", "plante": "ein", "planten": "ein", "stellt": "bereit",
                        "stellen": "bereit", "stellte": "bereit", "stellten": "bereit"}
# Money lent or granted ("eine Wandelanleihe über 600 Millionen Euro zugesagt", "gewährt einen Kredit"):
# the lender invests in the borrower.
FINANCING_NOUN = re.compile(r"\w*(kredit|kredite|darlehen|anleihe|anleihen|zuschuss|zuschüsse|fördermittel|beihilfe"
                            r"|beihilfen|subvention|subventionen|staatshilfe|staatshilfen|finanzierungszusage)")
FUNDS_COME = {"kommen", "kommt", "kamen", "kam", "stammen", "stammt", "fließen", "fließt", "flossen"}
# Money that comes from someone: "Frisches Kapital kommt von X" (an investment, not a supply).
FUNDS_NOUN = re.compile(r"\w*(kapital|geld|gelder|mittel|finanzierung)")
# Headline nouns for money put into a company: "Finanzspritze für X: Y investiert ..." (``headline_topic``).
FUNDING_HEADLINE_NOUN = re.compile(FUNDS_NOUN.pattern + r"|\w*(spritze|millionen|milliarden|investition)")
GRANTS = re.compile(r"gewähr(t|en|te|ten)|zugesagt|bewillig(t|en|te|ten)|bereitgestellt|zugesichert")
GRANTS_WITH_PARTICLE = {"sagt": "zu", "sagte": "zu", "sagen": "zu", "sagten": "zu", "stellt": "bereit",
                        "stellte": "bereit", "stellen": "bereit", "sichert": "zu", "sicherte": "zu"}
WINS_ORDER = re.compile(r"zuge?")  # "Zum Zug kommen A und B": the suppliers of the order just told
SELLER_WORD = re.compile(r"verkäufer(in|innen)?")  # "Verkäufer sind BMW und Mercedes-Benz"
STEP_IN = re.compile(r"steig(t|en)|stieg(en)?|eingestiegen")  # "steigt bei X ein"
COUNTS = re.compile(r"zählen|zählt|zählte|zählten")  # "Zu den Geldgebern zählen A und B"
RECEIVED = re.compile(r"erhalten|erhält|erhielt(en)?|bekommen|bekommt|bekam(en)?")
INVESTOR_WORD = re.compile(r"\w*(investor|investoren|geldgeber[ns]?|kapitalgeber[ns]?)")
# "sammelt bei X Geld ein", "holt 500 Millionen Euro von X" (with an amount, see ``fundraising``)
RAISE = re.compile(r"eingesammelt|sammel(t|te|ten)|einsammeln|hol(t|te|ten)|geholt")
# Words of a sentence that names the investors of a funding round stated before it.
ROUND_CUE = re.compile(r"angeführt|anführ(en|t)|führt|führte|bord|nachgelegt|leg(t|en|ten)|zieh(t|en)|zogen|dabei"
                       r"|beteiligt|beteiligte|beteiligten|zeichn(en|et|eten)|\w*investor(en)?|geldgeber(n)?"
                       r"|wagniskapitalgeber|stock(en|t|ten)|\w*runde")
# Verbs whose subject is the company that closed or raised a funding round.
ROUND_CLOSED = re.compile(r"abgeschlossen|abschließen|schließt|schloss|gestartet|eingesammelt|sammel(t|te|ten)")
# A funding round named without its company ("aus einer Finanzierungsrunde über 300 Millionen Dollar").
ROUND_NOUN = re.compile(r"(finanzierungs|investitions|wachstums)?runden?|kapitalerhöhung|zwischenfinanzierung")
ROUND_REACH = 4  # sentences after the round's amount in which its investors are still looked for
LEASE = re.compile(r"(an|zurück)?miet(en|et|ete|eten)|(an|zurück)?gemietet|zurückzumieten|leas(en|t|te|ten)|geleast"
                   r"|pacht(en|et|ete)|gepachtet"
                   r"|\w*miet(vertrag|verträge|verträgen)|leasing(vertrag|verträge|verträgen)?|pachtvertrag")
PROVIDES = re.compile(r"verfügung")  # "stellt X Rechenkapazität zur Verfügung"
RENTS_OUT = re.compile(r"vermiet(en|et|ete|eten)|verleas(en|t|te|ten)")  # "X vermietet die Züge an Y": X is the lessor
LESSOR_NOUN = re.compile(r"\w*(leasinggesellschaft|leasinggeber|vermieter|leasingfirma|verpächter)s?")
CONTRACT = re.compile(r"vertrag|verträge|verträgen")  # "Cloud-Vertrag"
OWNER_WORD = re.compile(r"\w*eigentümer(s|in|n)?|besitzer(s|in|n)?|mutter(konzern|konzerns|gesellschaft|unternehmen)?"
                        r"|\w*eigner(s|in|n)?|anteilseigner(n|s|in)?|\w*aktionär(e|en|s|in)?|gesellschafter(n|s|in)?"
                        r"|träger(n|s|in)?")  # "Träger der Sparkasse ist die Stadt"
# A company's vehicle for its holdings: "der Risikokapitalarm der Telekom", "über seine Beteiligungsgesellschaft X".
VEHICLE_WORDS = (r"\w*(kapital|investment|beteiligungs|venture|finanzierungs)arm"
                 r"|\w*(beteiligungs|investment)(gesellschaft|firma)")
VEHICLE_WORD = re.compile(VEHICLE_WORDS)
# A subsidiary named by its kind: "Tochter", "IT-Tochter", "Tochtergesellschaft".
SUBSIDIARY_NOUNS = r"\w*tochter(gesellschaft|firma|unternehmen|unternehmens)?"
SUBSIDIARY_NOUN = re.compile(SUBSIDIARY_NOUNS)
SUBSIDIARY_WORD = re.compile(SUBSIDIARY_NOUNS + r"|\w*sparte|\w*(beteiligungsarm|ableger|anbieter|marke)|"
                             + VEHICLE_WORDS)
# Of the SUBSIDIARY_WORDs, those that say "owned" on their own ("die Google-Tochter Waymo"); the others
# ("der Cloud-Anbieter der Schwarz-Gruppe") only in an apposition with the owner in the genitive.
OWNED_WORD = re.compile(SUBSIDIARY_NOUNS + r"|\w*sparte|" + VEHICLE_WORDS)
SHARE_NOUN = re.compile(r"\w*(aktien|anteile|stimmrechte|kapitals)")
JOINT_VENTURE = re.compile(r"gemeinschaftsunternehmen(s)?|joint-venture(s)?|gemeinschaftsfirma")
# "besitz" only in "im Besitz von/des"; "getragen" in "X wird von A und B getragen" (a public body's owners)
BELONGS = re.compile(r"gehört|gehören|gehörte|gehörten|gehörende[nrs]?|besitz|getragen")
HOLDS = {"hält", "hielt", "halten", "hielten", "beteiligt", "besitzt", "besaß", "besitzen", "kontrolliert"}
LIES_WITH = {"liegen", "liegt", "lag", "lagen"}  # "weitere 17 Prozent liegen bei der KfW"
# Words that may open a sentence before "zu X gehören": "Weiter zum Konzern gehören A und B".
LEADING_ADVERBS = {"weiter", "auch", "außerdem", "ebenfalls", "zudem", "ferner", "daneben", "ebenso"}
PREDICATE_ADVERBS = LEADING_ADVERBS | {"seinerseits", "ihrerseits", "zugleich", "weiterhin", "inzwischen", "jetzt",
                                       "nun", "bereits", "damit", "somit", "heute", "derzeit"}
# A holding raised or cut to a share: "hat seinen Anteil an Y auf 28 Prozent aufgestockt".
STAKE_RAISING = {"aufgestockt", "aufstocken", "stockt", "stockte", "erhöht", "erhöhte", "erhöhen", "ausgebaut",
                 "ausbauen", "baut", "baute"}
STAKE_RAISED = STAKE_RAISING | {"gesenkt", "senkt", "senkte", "reduziert", "reduzierte"}
SHARE_HELD = re.compile(r"anteil|anteile|beteiligung|aktienanteil|\w*beteiligung")
# Any shares bought: "weitere T-Mobile-US-Aktien", "ein Aktienpaket", "eine Minderheitsbeteiligung" (``shares_bought``).
SHARES = re.compile(SHARE_NOUN.pattern + "|" + SHARE_HELD.pattern + r"|\w*(aktien|anteils)paket")
# Raising a holding: "baut seine Beteiligung an Y aus", "hat seinen Anteil an Y aufgestockt" (``stakes_raised``);
# the separable verbs need their particle.
RAISES_STAKE = re.compile("|".join(sorted(STAKE_RAISING)))
RAISE_PARTICLES = {"stockt": "auf", "stockte": "auf", "baut": "aus", "baute": "aus"}
FOUNDED = re.compile(r"gegründet|gründete(n)?")
LEADS = re.compile(r"leitet|leitete|führt|führte|weiterführen|führen|leiten|geführt|geleitet")
DEAL_NOUN = re.compile(r"\w*(auftrag|vertrag|verträge|kaufpreis|preis|deal|transaktion|volumen|bestellung|geschäft"
                       r"|gesamtwert|vertragswert|auftragswert|transaktionswert"
                       r"|übernahme|fusion|finanzierungsrunde|börsengang|platzierung|emissionserlös"
                       r"|mietzahlungen|miete|leasingraten|pacht|vereinbarung|vereinbarungen)"
                       r"|(zu|ver)?kauf|erwerb|akquisition")


# "X übernimmt Y. [...] Der Kaufpreis liegt bei 2 Mrd. Euro": a sentence that names a deal and an
# amount but no parties gives the amount to the relations of the last sentence that stated some, up
# to this many sentences back (headline, lead and body often split one deal this way).
DEAL_AMOUNT_REACH = 3
DEAL_AMOUNT_REACH_DEFINITE = 6  # when the deal is named again with a definite article: "der Transaktion"
# A company's own figures, which an amount after them measures rather than a deal's price.
KEY_FIGURE = re.compile(r"\w*(umsatz|umsatzes|umsätze|gewinn|gewinns|verlust|verlusts|börsenwert|börsenwerts"
                        r"|marktwert|auftragsbestand|auftragsbestands|schulden|ergebnis|ergebnisses"
                        r"|(?<!emissions)(?<!verkaufs)erlöse?)")  # a sale's proceeds are its price
# The role that holds the thing sold, separated or owned, and the words that name such a thing
# without saying which ("die Tochter geht an ...").
UNIT_ROLES = {"ACQUISITION": "acquired", "SPINOFF": "child", "OWNERSHIP": "owned"}
UNIT_PARENT_ROLES = {"ACQUISITION": "seller", "SPINOFF": "parent"}  # who a unit is sold or separated from
# What is sold or separated, or led, is never a person who holds a post ("Puma trennt sich von Vorstandschef
# Freundt", "Konzernchef Höttges lobte Deutschlandchef Diehl").
NO_PERSON_ROLES = {"ACQUISITION": "acquired", "SPINOFF": "child", "LEADERSHIP": "org"}
# Authorities that approve deals take part in none: "unter dem Vorbehalt einer Zustimmung des Bundeskartellamts".
AUTHORITY = re.compile(r"\w*(kartellamt|kartellamts|kartellbehörde|wettbewerbsbehörde|finanzaufsicht|bafin"
                       r"|eu-kommission|europäische kommission|monopolkommission)")
AUTHORITY_FREE_TYPES = frozenset({"ACQUISITION", "MERGER", "SPINOFF", "OWNERSHIP", "PURCHASE", "LEASE"})
BARE_UNITS = frozenset({"tochter", "sparte", "einheit", "geschäft", "tochtergesellschaft", "firma", "unternehmen",
                        "geschäftsbereich", "division"})
AMOUNT_TYPES = frozenset({"PURCHASE", "INVESTMENT", "ACQUISITION", "MERGER", "SPINOFF", "LEASE"})
# Below these Zipf frequencies in German a capitalised word is taken for a name rather than a common
# noun where a role word asks for an organisation: as the modifier of the role word ("Tengelmann-Chef",
# "Ufo-Vorsitzende"; "Konzern-Chef" is 4.2), or as the noun after it ("der Chef der Ethikbank, ...").
COMPOUND_NAME_ZIPF = 4.0
NAME_ZIPF = 3.0


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
    unlisted: bool = False  # tagged PER or LOC, but unknown as a person's or place's name, or after a
    # company noun ("der Rüstungskonzern Leonardo")

    @property
    def is_org(self) -> bool:
        """Can fill a role that takes an organisation: tagged ORG, or tagged PER or LOC with a name
        no name list knows as a person's or a place's ("Walgreens", "Rite Aid", "Kaufhof"), which
        the frame's role then decides."""
        return self.label == "ORG" or self.unlisted

    @property
    def is_company(self) -> bool:
        """An organisation, not a person named in full whom no name list knows ("E.ON-Chef Johannes Teyssen
        treibt den Börsengang voran": the manager acts, the company separates)."""
        return self.is_org and not (self.label == "PER" and " " in self.name)

    @property
    def free(self) -> bool:
        """Governed by no preposition and a name of its own: a subject or object."""
        return self.preposition is None and not self.compound and not self.genitive


@dataclass
class Discourse:
    """What the sentences so far have established."""

    salient: str | None
    previous_subject: Party | None = None
    previous_deals: list[int] = field(default_factory=list)  # the last deals named: indexes into the found list
    recent: list[Relation] = field(default_factory=list)  # the relations of the last sentence that stated some
    order_share_total: Decimal | None = None
    order_share_buyer: str | None = None
    led_org: str | None = None  # the organisation whose leader the article named last
    amounts_by_buyer: dict[str, list[Money]] = field(default_factory=dict)
    founders: dict[str, list[str]] = field(default_factory=dict)  # organisation -> founders named so far
    funding_round: tuple[str, Money] | None = None  # (who raised, how much) of the round last named
    order_recipient: str | None = None  # who "received an order" with no buyer named yet
    order_amount: Money | None = None  # and that order's amount
    sentences_since_round: int = 0
    invested: str | None = None  # the company the last investment stated went into
    ordering: str | None = None  # who placed the order or made the purchase told last
    sentences_since_order: int = 0
    sentences_since_recent: int = 0  # sentences read since the one ``recent`` came from
    topic: str | None = None  # the company the last sentence was about (``sentence_topic``)
    merged: str | None = None  # the name a merger told so far gives the merged company

    def held_company(self, *owners: str, rest: bool = False) -> str | None:
        """The company a holding without one is in ("Größter Aktionär ist X mit 55 Prozent", "Rund 40
        Prozent liegen bei X"): the company whose owners the sentence before named, else the company the
        sentence before was about, else the one whose owners an earlier sentence named, else the
        article's; never one of ``owners``. The ``rest`` of the shares is first in the company a stake was
        just bought in: "X übernimmt 70 Prozent an Y. Die übrigen 30 Prozent hält Z"."""
        held = [r.roles["owned"] for r in self.recent if r.type == "OWNERSHIP"]
        if rest:
            held = [r.roles[HELD_ROLES[r.type]] for r in self.recent if r.roles.get(HELD_ROLES.get(r.type))] + held
        candidates = held if self.sentences_since_recent == 0 else []
        if self.topic is not None:
            candidates.append(self.topic)
        if self.sentences_since_recent > 0:  # "Die Reederei hält 30 Prozent. Daran ändert sich nichts. ..."
            candidates += held
        candidates.append(self.salient)
        return next((name for name in candidates if name not in owners), None)


PLACE_PREPOSITIONS = {"in", "im", "aus", "nach"}  # where a thing is or comes from, not who owns it
MODALS = {"will", "wollen", "soll", "sollen", "plant", "planen", "möchte", "möchten"}
LISTED = {"börse", "börsengang", "börsengangs", "teilbörsengang", "ipo"}  # a listing keeps the parent an owner
HELD_ROLES = {"ACQUISITION": "acquired", "INVESTMENT": "target"}  # the company a bought stake is in
# "die übrigen (restlichen, verbleibenden) 30 Prozent", "der Rest": the shares a stake just bought leaves
REST_OF_SHARES = {"übrigen", "übrige", "restlichen", "restliche", "verbleibenden", "verbleibende", "rest"}


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
    since_deals = 0  # sentences read since the last one that stated a deal (a relation that takes an amount)
    pending_amount: Money | None = None  # a deal's amount the sentence before named, with no deal to give it to
    merger_told = False  # whether a sentence so far stated a MERGER
    unnamed_merger: list[tuple[Span, list[Party]]] = []  # sentences after a merger before its company is named
    for sent in doc.sents:
        parties = sentence_parties(doc, sent)
        triggered = document.triggered_rules(doc, sent)
        new = [relation for rule in RULES if rule in triggered or rule not in TRIGGERED_RULES
               for relation in rule(doc, sent, parties, discourse)]
        new = with_sentence_amount(doc, sent, new)
        new = without_separated_ownerships(doc, sent, new)
        new += existing_holders(doc, sent, parties, new)
        new += holdings_bought(doc, sent, new)
        deals = [len(found) + k for k, relation in enumerate(new) if relation.type in AMOUNT_TYPES]
        if deals and pending_amount is not None:
            # "Das Volumen beziffert die Hochbahn auf 1 Mrd. Euro. Zum Zug kommen MAN und Iveco": the amount
            # the sentence before gave a deal it had not yet named
            new = [replace(relation, amount=pending_amount) if relation.type in AMOUNT_TYPES and relation.amount
                   is None and relation.percent is None else relation for relation in new]
        pending_amount = None
        if not deals and since_deals <= DEAL_AMOUNT_REACH_DEFINITE:
            # "Das Volumen der Transaktion beziffern die Partner auf 19 Milliarden Euro": the deal named
            # before, also when this sentence states a fact of another kind (an owner, a post)
            new_amount = deal_amount(doc, sent, definite_only=since_deals > DEAL_AMOUNT_REACH,
                                     of_a_round=any(found[i].type == "INVESTMENT" for i in discourse.previous_deals))
            if new_amount is not None:
                capacity = any(CAPACITY.fullmatch(word) for word in document.words(doc)[sent.start:sent.end])
                taken = False
                for index in discourse.previous_deals:
                    if found[index].amount is None and found[index].percent is None:
                        found[index] = replace(found[index], amount=new_amount)
                        taken = True
                        if capacity and found[index].type == "PURCHASE":
                            # "X bleibt Kunde von Y. 900 Mio. Euro zahlt X für Rechenkapazität": a lease
                            found[index] = as_lease(found[index])
                pending_amount = None if taken else new_amount
        if any(relation.type == "ORDER_SHARE" for relation in new):
            discourse.order_share_total = sum(
                (r.percent.value for r in new if r.type == "ORDER_SHARE" and r.percent), Decimal(0))
        elif not is_order_share_rest(sent) and not percents_in(doc, (sent.start, sent.end)):
            discourse.order_share_total = None
        purchase = next((r.roles["buyer"] for r in new if r.type == "PURCHASE" and r.roles.get("buyer")), None)
        if purchase is not None:
            discourse.ordering, discourse.sentences_since_order = purchase, 0
        else:
            discourse.sentences_since_order += 1
        discourse.sentences_since_recent += 1
        if new:
            discourse.recent, discourse.sentences_since_recent = new, 0
            discourse.invested = next((r.roles["target"] for r in reversed(new) if r.type == "INVESTMENT"
                                       and r.roles.get("target")), discourse.invested)
        if deals:
            discourse.previous_deals = deals
            since_deals = 0
        elif any(not word.isspace() for word in document.words(doc)[sent.start:sent.end]):
            since_deals += 1
        found += new
        merger_told = merger_told or any(r.type == "MERGER" for r in new)
        named_merger = merged_company_name(doc, sent, parties, found) if merger_told else None
        if named_merger is not None:
            discourse.merged = named_merger
            found = [replace(r, roles={**r.roles, "merged": named_merger}) if r.type == "MERGER"
                     and not r.roles.get("merged") else r for r in found]
            # "Als CEO soll X den neuen Konzern führen. Das neue Unternehmen soll DSM-Firmenich heißen"
            found += [relation for before, before_parties in unnamed_merger
                      for relation in merged_company_posts(doc, before, before_parties, discourse)]
            unnamed_merger = []
        elif discourse.merged is None and merger_told:
            unnamed_merger.append((sent, parties))
        discourse.previous_subject = next((p for p in parties if p.free and p.is_org and not p.attribution), None)
        discourse.topic = sentence_topic(doc, sent, parties, new, discourse)
    # people named with a post somewhere ("Vorstandschef Arne Freundt"), not a company named after a person
    # that the model read as one ("die Digitalagentur Conrad Caine")
    named = document.entities_in(doc, doc[:])
    people = {ent._.canonical for ent in named if ent.label_ == "PER"
              and ent.start > 0 and ROLE_WORD.fullmatch(doc[ent.start - 1].lower_)}
    names = {ent._.canonical for ent in named}
    return [with_amount_mention(doc, relation) for relation in consolidate(found, discourse, doc, names)
            if not (relation.type in NO_PERSON_ROLES and relation.roles.get(NO_PERSON_ROLES[relation.type]) in people)]


# Investors who already hold shares: "die Bestandsinvestoren X und Y legen nach", "der bisherige
# Hauptinvestor X zieht mit", "die Altgesellschafter".
EXISTING_HOLDER = re.compile(r"(bestands|alt)(investor|investoren|gesellschafter|aktionär|aktionäre|aktionären)")
EXISTING = {"bisherige", "bisherigen", "bisheriger"}
HOLDER_NOUN = re.compile(r"\w*(investor|investoren|geldgeber|anteilseigner|gesellschafter|aktionär|aktionäre)")


def existing_holders(doc: Doc, sent: Span, parties: list[Party], new: list[Relation]) -> list[Relation]:
    """An investor in a round that is named as an existing one ("die Bestandsinvestoren Capnamic und Eurazeo
    haben nachgelegt", "der bisherige Hauptinvestor, der Investor X, zieht mit") already owns part of the
    company: its OWNERSHIP beside the INVESTMENT."""
    words = document.words(doc)
    cues = [i for i in range(sent.start, sent.end) if EXISTING_HOLDER.fullmatch(words[i]) or words[i] in EXISTING
            and i + 1 < sent.end and HOLDER_NOUN.fullmatch(words[i + 1])]
    if not cues:
        return []
    found = []
    for relation in new:
        investor, target = relation.roles.get("investor"), relation.roles.get("target")
        if relation.type != "INVESTMENT" or not investor or not target:
            continue
        party = next((p for p in parties if p.name == investor and p.explicit), None)
        if party is not None and any(0 < party.start - i <= 8 and "." not in words[i:party.start] for i in cues):
            found.append(make(doc, sent, "OWNERSHIP", {"owner": investor, "owned": target},
                              round(relation.confidence - 0.1, 2)))
    return found


def without_separated_ownerships(doc: Doc, sent: Span, new: list[Relation]) -> list[Relation]:
    """The sentence's relations without the OWNERSHIP of a subsidiary its parent gives up in it ("Die Bahn
    trennt sich von ihrer Logistiktochter Schenker"), unless a stake stays ("mit 30,8 Prozent"), it is
    listed ("bringt die Tochter X an die Börse") or the sale is only intended ("will seine Tochter X
    verkaufen")."""
    separated = {(r.roles.get("parent"), r.roles.get("child")) for r in new if r.type == "SPINOFF"}
    if not separated:
        return new
    sentence = document.words(doc)[sent.start:sent.end]
    if not LISTED.isdisjoint(sentence) or not MODALS.isdisjoint(sentence) or percents_in(doc, (sent.start, sent.end)):
        return new
    return [r for r in new if r.type != "OWNERSHIP" or (r.roles.get("owner"), r.roles.get("owned")) not in separated]


# Words of a stake taken: "ist bei X eingestiegen", "der Einstieg von Y bei X" (and "steigt bei X ein").
STAKE_TAKEN = {"eingestiegen", "einstieg", "einstiegs"}


def holdings_bought(doc: Doc, sent: Span, new: list[Relation]) -> list[Relation]:
    """Who takes over the majority of a company ("hatte die Mehrheit an Stada übernommen") or steps into it
    ("steigt bei Isar Aerospace ein") owns part of it from then on: its OWNERSHIP beside the deal."""
    if not any(relation.type in {"ACQUISITION", "INVESTMENT"} for relation in new):
        return []
    words = document.words(doc)[sent.start:sent.end]
    if not MODALS.isdisjoint(words) or not HYPOTHETICAL.isdisjoint(words):
        return []  # "will die Mehrheit übernehmen": an owner once the deal is done
    control = any(CONTROL.fullmatch(word) for word in words)
    # the particle "ein" at the clause's end ("steigt bei X ein"), not the article
    particle = any(word == "ein" and words[k + 1:k + 2] in ([], ["."], [","], [";"], [":"], ["und"])
                   for k, word in enumerate(words))
    stepped_in = particle and any(STEP_IN.fullmatch(word) for word in words) or not STAKE_TAKEN.isdisjoint(words)
    owned = {(r.roles.get("owner"), r.roles.get("owned")) for r in new if r.type == "OWNERSHIP"}
    found = []
    for relation in new:
        if relation.type == "ACQUISITION" and control:
            pair = (relation.roles.get("buyer"), relation.roles.get("acquired"))
        elif relation.type == "INVESTMENT" and stepped_in:
            pair = (relation.roles.get("investor"), relation.roles.get("target"))
        else:
            continue
        if None not in pair and pair not in owned:
            owned.add(pair)
            found.append(replace(relation, type="OWNERSHIP", roles={"owner": pair[0], "owned": pair[1]},
                                 amount=None, confidence=round(relation.confidence - 0.1, 2)))
    return found


def sentence_opening_org(doc: Doc, sent: Span) -> Span | None:
    """The company the sentence opens with after its dateline (``opening_org``)."""
    return opening_org(sent, [ent for ent in document.entities_in(doc, sent) if ent.label_ == "ORG"],
                       dateline_end(doc, sent))


def sentence_topic(doc: Doc, sent: Span, parties: list[Party], new: list[Relation],
                   discourse: Discourse) -> str | None:
    """The company a sentence is about, for the sentence after it when that names none ("Finanzchef X
    sagte", "Größter Aktionär ist Y"): the company it opens with (``opening_org``: "Für Redcare ist es ...",
    "Beim Händler Ceconomy, zu dem A und B gehören, ..."), else the company whose owners it named without
    naming it or whose owner is its subject ("Porsche hält 15 Prozent an Chargeloop"), else its named
    subject."""
    opened = sentence_opening_org(doc, sent)
    if opened is not None:
        return opened._.canonical
    subject = discourse.previous_subject
    subject = subject.name if subject is not None and subject.explicit and subject.label == "ORG" else None
    named = {p.name for p in parties if p.explicit}
    held = next((r.roles["owned"] for r in reversed(new) if r.type == "OWNERSHIP"
                 and (r.roles["owned"] not in named or r.roles["owner"] == subject)), None)
    return held or subject


def as_lease(purchase: Relation) -> Relation:
    """A purchase of capacity (computing power, space) that the text shows to be rented."""
    roles = {"lessee": purchase.roles.get("buyer"), "lessor": purchase.roles.get("vendor"),
             "item": purchase.roles.get("item")}
    return replace(purchase, type="LEASE", roles=roles)


def with_sentence_amount(doc: Doc, sent: Span, new: list[Relation]) -> list[Relation]:
    """The sentence's one amount for its deals that have none, when no deal of the sentence took it: "das
    Paket dürfte 50 Milliarden Dollar schwer sein – einer der größten Aufträge, die Nvidia erhalten hat"
    (the amount and the deal in clauses of their own)."""
    if not new or any(relation.amount is not None for relation in new):
        return new
    amounts = amounts_in(doc, (sent.start, sent.end))
    if len(amounts) != 1:
        return new
    return [replace(relation, amount=amounts[0]) if relation.type in AMOUNT_TYPES and relation.percent is None
            else relation for relation in new]


def with_amount_mention(doc: Doc, relation: Relation) -> Relation:
    """The relation with ``amount_start``: its amount's mention inside the evidence sentence, else the
    nearest one before it (the amount named after the deal, in a later sentence, comes after it)."""
    if relation.amount is None:
        return relation
    starts = [span.start_char for span in doc.spans.get("newsgraph_money", [])
              if span.label_ == "MONEY" and span._.money == relation.amount]
    inside = [start for start in starts if relation.start <= start < relation.end]
    start = (inside or [min(starts, key=lambda start: (start < relation.start, abs(start - relation.start)))]
             if starts else [None])[0]
    return replace(relation, amount_start=start)


def consolidate(found: list[Relation], discourse: Discourse, doc: Doc, names: set[str]) -> list[Relation]:
    """Give each fact one relation: amounts stated elsewhere, duplicates merged (``names``: the
    document's named entities)."""
    found = [with_buyer_amount(relation, discourse) for relation in found]
    found = merge_unit_acquisitions(found, names)
    found = name_bare_units(found)
    found = name_described_units(found, names)
    found = merge_partial_events(found, doc)
    found += sold_units(found)
    best: dict[tuple, Relation] = {}
    for relation in found:
        key = relation.key()
        if key[1] is not None and key[1] == key[2]:
            continue  # nobody buys from, merges with or leads itself: a misread party
        if relation.type in AUTHORITY_FREE_TYPES and any(AUTHORITY.fullmatch(str(name).casefold())
                                                         for name in key[1:3]):
            continue
        if key not in best or relation.confidence > best[key].confidence:
            best[key] = relation
    # "X kauft Chips von Y" in a headline and the same deal with its amount in
    # the body are one fact: keep the statement with the amount.
    with_amount = {key[:3] for key in best if key[3] is not None or key[4] is not None}
    # A purchase read both ways ("X hat mit Y einen Liefervertrag geschlossen", "Y liefert an X"): the more
    # confident direction.
    confidence_of = {}
    for key, relation in best.items():
        if key[0] == "PURCHASE":
            confidence_of[key[:3]] = max(confidence_of.get(key[:3], 0), relation.confidence)
    kept = [relation for key, relation in best.items()
            if (key[3] is not None or key[4] is not None or key[:3] not in with_amount)
            and not (key[0] == "PURCHASE" and confidence_of.get((key[0], key[2], key[1]), 0)
                     > relation.confidence)]
    return sorted(kept, key=lambda relation: (relation.start, relation.type))


def merge_partial_events(found: list[Relation], doc: Doc) -> list[Relation]:
    """One deal told in parts ("X sichert sich Rechenkapazität: ... mit CoreWeave einen Mietvertrag"): a
    relation that lacks one of its two key parties joins the relation of the same type that has the
    other party and names the missing one, giving it its amount if it has none. Merged only when
    exactly one such relation exists in the same paragraph, or in the headline and the lead."""
    text = ""

    def paragraph(relation: Relation) -> int:
        nonlocal text
        text = text or doc.text  # only when there is something to merge: Doc.text joins the tokens anew
        line = text.count("\n", 0, relation.start)
        return 0 if line <= 2 else line  # the headline and the lead (after one empty line) as one

    complete: dict[tuple[str, int, str], list[int]] = {}
    for index, relation in enumerate(found):
        roles = KEY_ROLES[relation.type]
        if all(relation.roles.get(role) for role in roles):
            for side, role in enumerate(roles):
                complete.setdefault((relation.type, side, relation.roles[role]), []).append(index)
    merged, dropped = list(found), set()
    for index, relation in enumerate(found):
        roles = KEY_ROLES[relation.type]
        present = [side for side, role in enumerate(roles) if relation.roles.get(role)]
        if len(present) != 1:
            continue
        side = present[0]
        partners = [other for other in complete.get((relation.type, side, relation.roles[roles[side]]), [])
                    if paragraph(found[other]) == paragraph(relation)]
        if len(partners) == 1:
            target = merged[partners[0]]
            if target.amount is None and relation.amount is not None:
                merged[partners[0]] = replace(target, amount=relation.amount)
            dropped.add(index)
    return [relation for index, relation in enumerate(merged) if index not in dropped]


def name_bare_units(found: list[Relation]) -> list[Relation]:
    """'Zugleich trennt sich Siemens von Innomotics. Die Tochter geht an KPS': a unit named only by
    a bare word ("die Tochter", "die Sparte") is the company or unit an earlier relation of the
    article sold, separated or owned."""
    named: str | None = None
    result = []
    for relation in sorted(found, key=lambda r: r.start):
        role = UNIT_ROLES.get(relation.type)
        value = relation.roles.get(role) if role else None
        # "das Geschäft mit Videoüberwachung" is bare too: the unit's name, if the article gave one, wins
        bare = value is not None and value.split()[0].casefold() in BARE_UNITS
        if bare and named is not None:
            relation = replace(relation, roles={**relation.roles, role: named})
        elif value is not None and not bare:
            named = value
        result.append(relation)
    return result


def name_described_units(found: list[Relation], names: set[str]) -> list[Relation]:
    """A unit told by a description ("seine Klebstofftochter", "die Motorensparte") is the one named unit
    its parent separates or sells: the one named before ("Beiersdorf spaltet Tesa ab. ... seine
    Klebstofftochter"), or, in a headline's manner, the one named after whose sentence holds the
    description's first part ("stößt Motorensparte ab" ... "Innomotics, die große Elektromotoren herstellt")."""
    def unit_role(relation: Relation) -> tuple[str | None, str | None]:
        parent_role = UNIT_PARENT_ROLES.get(relation.type)
        return (relation.roles.get(parent_role), UNIT_ROLES[relation.type]) if parent_role else (None, None)

    ordered = sorted(found, key=lambda r: r.start)
    named: dict[str, list[Relation]] = {}  # by parent: the relations that name a unit
    for relation in ordered:
        parent, role = unit_role(relation)
        if parent and relation.roles.get(role) in names:
            named.setdefault(parent, []).append(relation)
    result = []
    for relation in ordered:
        parent, role = unit_role(relation)
        unit = relation.roles.get(role) if role else None
        if parent and unit is not None and unit not in names:
            before = {r.roles[unit_role(r)[1]] for r in named.get(parent, []) if r.start < relation.start}
            match = BUSINESS_UNIT.fullmatch(unit.casefold())
            first_part = unit.casefold()[:match.start(1)] if match else ""
            after = {r.roles[unit_role(r)[1]] for r in named.get(parent, []) if r.start > relation.start
                     and len(first_part) >= 4 and first_part in r.evidence.casefold()}
            if len(before) == 1 or not before and len(after) == 1:
                relation = replace(relation, roles={**relation.roles, role: next(iter(before or after))})
        result.append(relation)
    return result


def sold_units(found: list[Relation]) -> list[Relation]:
    """A seller that sells a company or unit separates it: each acquisition with a seller is also the
    seller's SPINOFF of what was acquired."""
    return [replace(relation, type="SPINOFF", roles={"parent": relation.roles["seller"],
                                                     "child": relation.roles["acquired"]})
            for relation in found if relation.type == "ACQUISITION" and relation.roles.get("seller")]


def with_buyer_amount(relation: Relation, discourse: Discourse) -> Relation:
    """'X hat Technik für 3 Mrd. bestellt' names the amount of X's purchases without a vendor."""
    amounts = discourse.amounts_by_buyer.get(relation.roles.get("buyer", ""), [])
    if relation.type == "PURCHASE" and relation.amount is None and len(set(amounts)) == 1:
        return replace(relation, amount=amounts[0], confidence=round(relation.confidence - 0.1, 2))
    return relation


def merge_unit_acquisitions(found: list[Relation], names: set[str]) -> list[Relation]:
    """A buyer taking over a unit that is no named entity ("die Sparte", "die Waferfertigung", "das Werk in
    Dortmund") is one deal per article: the first naming of the unit, the amount of any."""
    first: dict[str, int] = {}
    merged: list[Relation] = []
    for relation in found:
        if relation.type != "ACQUISITION" or not relation.roles.get("unit") and relation.roles["acquired"] in names:
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
    dateline = dateline_end(doc, sent)
    named = [span for span in document.entities_in(doc, sent) if span.start >= dateline]
    corefs = document.corefs_in(doc, sent)
    # the longer first where two start together: "Europas größte Fluggesellschaft" refers, "Europas" is its determiner
    spans = sorted([(span, True) for span in named] + [(span, False) for span in corefs],
                   key=lambda s: (s[0].start, -len(s[0])))
    parties: list[Party] = []
    for span, explicit in spans:
        start, end = span.start, span.end
        if parties and start < parties[-1].end or end - start == 1 and is_place_prefix(doc, start):
            continue  # not the place of "die US-Firma Wolfspeed"
        canonical, label = span._.canonical, span.label_
        genitive = explicit and end < sent.end and not doc[end].ent_type_ and span.text == canonical + "s" \
            and (doc[end].is_title or ADJECTIVE.fullmatch(doc[end].text) is not None)  # "Europas größte Airline"
        previous = parties[-1] if parties else None
        preposition, coordinated = governing_preposition(doc, sent, start, previous)
        compound = in_compound(span) and not names_company(doc, end)
        parties.append(Party(start, end, canonical, label, explicit, compound, genitive, preposition,
                             coordinated, attribution=label == "ORG" and is_attribution(span),
                             unlisted=explicit and label in {"PER", "LOC"} and (
                                 unlisted_name(span) or start > sent.start and (
                                     is_descriptor(doc[start - 1]) or doc[start - 1].lower_ in PUBLIC_BODY_NOUNS))))
    return parties


def names_company(doc: Doc, hyphen: int) -> bool:
    """Whether a hyphen compound's head is a company noun that makes the compound the company itself ("der
    1&1-Konzern", "das Bayer-Unternehmen"), not a thing of it."""
    head = hyphen + 1
    if head >= len(doc) or head + 1 < len(doc) and (doc[head + 1].text == "-" or doc[head + 1].ent_type_):
        return False  # "der Google-Konzern Alphabet": a description of the name after it
    word = doc[head].lower_
    return COMPANY_NOUN.fullmatch(word) is not None and not OWNER_WORD.fullmatch(word) \
        and not SUBSIDIARY_WORD.fullmatch(word)  # "der Opel-Mutterkonzern": another company


def dateline_end(doc: Doc, sent: Span) -> int:
    """Where the text of an agency report begins after its dateline ("Bonn (dpa) - ", "Round Rock/San José
    - "), in a sentence that opens with one; else the sentence's start. The places there take no part."""
    if sent.start > 0 and "\n" not in doc[sent.start - 1].text_with_ws:
        return sent.start  # a dateline opens a paragraph
    in_brackets = False  # "(dpa-AFX)": the agency
    for i in range(sent.start, min(sent.end, sent.start + 12)):
        token = doc[i]
        in_brackets = token.text == "(" or in_brackets and token.text != ")"
        if token.text in {"-", "–"} and i > sent.start and doc[i - 1].whitespace_ and token.whitespace_:
            # the report begins with a capital: "Bonn - Die Telekom", not "Comcast - eigentlich ein ..."
            return i if i + 1 < sent.end and doc[i + 1].text[:1].isupper() else sent.start
        if not (in_brackets or token.is_title or token.is_upper or token.text in {"/", ")", "-"} or token.is_space):
            return sent.start
    return sent.start


def unlisted_name(span: Span) -> bool:
    """A PER or LOC entity none of whose words a name list knows as a person's or place's name, or a
    PER of several words whose first is no given name ("Lockheed Martin", "Northrop Grumman")."""
    kind = {"PER": "PER", "LOC": "LOC"}.get(span.label_)
    if kind is None:
        return False
    if kind == "PER" and len(span) > 1 and span[0].is_alpha and not is_listed_name(span[0].text, kind):
        return True
    return not any(is_listed_name(token.text, kind) for token in span)


def governing_preposition(doc: Doc, sent: Span, start: int, previous: Party | None) -> tuple[str | None, bool]:
    """The preposition in front of the noun phrase of the party starting at token ``start``:
    "an den taiwanischen Chipfertiger TSMC" -> "an".

    A party joined by "und"/"oder"/"," to the one before shares its preposition.
    """
    i = start - 1
    if i >= sent.start and doc[i].lower_ in COORDINATORS and previous is not None and previous.end == i:
        return previous.preposition, True
    if i - 2 >= sent.start and doc[i].lower_ in RELATIVE_PRONOUNS and doc[i - 1].lower_ in PREPOSITIONS \
            and doc[i - 2].text == "," and not is_verbless_holding(doc, sent, start):
        return None, False  # "(das Projekt), für das OpenAI ... zahlt": the relative clause's subject
    member = next((k for k in range(i, max(sent.start, i - 4), -1) if doc[k].lower_ in MEMBERS_OF_LIST), None)
    if member is not None and member - 1 > sent.start and doc[member - 1].text == "," and all(
            doc[k].lower_ in DETERMINERS or is_descriptor(doc[k]) or TITLE_PLACE_ADJECTIVE.fullmatch(doc[k].text)
            for k in range(member + 1, start)):
        # "an deutsche Versorger, darunter (der Konzern) RWE": a member of the phrase before the comma, with its
        # preposition
        return preposition_before(doc, sent.start, member - 2, bare=True), False
    # "an den Finanzinvestor Advent und den Kölner Chemiekonzern Lanxess": an article and a description
    j = i
    while previous is not None and j > previous.end and j >= start - 6 and (
            doc[j].lower_ in DETERMINERS or is_descriptor(doc[j]) or COMPANY_NOUN.fullmatch(doc[j].lower_)
            or TITLE_PLACE_ADJECTIVE.fullmatch(doc[j].text)
            or ADJECTIVE.fullmatch(doc[j].text) or doc[j].lower_ in PUBLIC_BODY_NOUNS  # "und das Land X"
            or is_place_prefix(doc, j)):  # "und die US-Firma X"
        j -= 1
    if j < i and previous is not None and previous.end == j and doc[j].lower_ in {"und", "oder"}:
        return previous.preposition, True
    preposition = preposition_before(doc, sent.start, i)
    if preposition == "wie":  # "Lieferanten wie Huawei": the preposition of "Lieferanten"
        head_end = next(j for j in range(i, sent.start - 1, -1) if doc[j].lower_ == "wie")
        return preposition_before(doc, sent.start, head_end - 1, bare=True) or "wie", False
    return preposition, False


MEMBERS_OF_LIST = {"darunter", "etwa", "namentlich"}  # "mehrere Kunden, darunter A und B"
def is_place_prefix(doc: Doc, i: int) -> bool:
    """A place and its hyphen before a company noun: "US" and "-" in "die US-Firma Wolfspeed"."""
    place = i - 1 if doc[i].text == "-" and not doc[i - 1].whitespace_ else i
    return doc[place].ent_type_ == "LOC" and place + 2 < len(doc) and doc[place + 1].text == "-" \
        and is_descriptor(doc[place + 2])


HOLDING_TAIL_WORDS = {"je", "jeweils", "etwa", "fast", "weitere", "bis", "zu", "%", "knapp", "rund", "gut", "über",
                     "mehr", "als", "prozent"}


def is_verbless_holding(doc: Doc, sent: Span, start: int) -> bool:
    """Whether the words from ``start`` to the next comma or the sentence's end are a name and a share
    with no verb: ", an der Lufthansa rund 5 Prozent" repeats the holding before it with the verb left
    out; ", an der Y 5 Prozent hält" is a relative clause."""
    stop = next((j for j in range(start, sent.end) if doc[j].text in {",", ";"}), sent.end)
    return any(token.like_num for token in doc[start:stop]) and all(
        token.is_title or token.is_upper or token.like_num or token.is_punct or token.lower_ in HOLDING_TAIL_WORDS
        or token.lower_ in DETERMINERS for token in doc[start:stop])


def preposition_before(doc: Doc, first: int, i: int, *, bare: bool = False) -> str | None:
    """Walk left over [determiner] [adjectives] [nouns] to a preposition, if there is one."""
    last = i
    phase = "noun"
    nouns = 0
    while i >= first:
        token = doc[i]
        lower = token.lower_
        if lower in {"und", "oder"} and phase == "noun" and nouns and i - 1 >= first and is_elided_compound(doc[i - 1]):
            i -= 2  # "am spanischen Werkzeug- und Industriebedarfshändler X": one noun phrase
            continue
        if lower in PREPOSITIONS:
            if phase == "noun" and nouns and not bare and lower not in FUSED and lower != "wie":
                return None  # "aus Unternehmenskreisen Nvidia": a bare noun is not the party's phrase
            if lower == "als" and i > first and doc[i - 1].text == ",":
                return None  # ", als T-Mobile US mit Sprint verschmolzen wurde": a conjunction, the clause's subject
            return lower
        if (lower == "des" or lower == "der" and i > first and doc[i - 1].is_title and not doc[i - 1].is_sent_start
                and not doc[i - 1].ent_type_ and not any(is_masculine_noun(token) for token in doc[i + 1:last + 1])) \
                and not bare:
            # a genitive, never a subject or object: "eine Sparte des Industriegasekonzerns Linde", "die IT-Sparte
            # der Schwarz-Gruppe" (not "Anführen soll die Runde der Wagniskapitalgeber Accel": a masculine noun
            # makes "der" a subject's)
            return "des"
        if lower in DETERMINERS:
            phase = "determiner"
        elif phase == "determiner":
            return None
        elif token.text == "-" and not token.whitespace_ or phase == "noun" and (token.is_title or token.is_upper) \
                and nouns < 3 or TITLE_PLACE_ADJECTIVE.fullmatch(token.text):
            nouns += token.text != "-"
        elif phase == "noun" and token.is_lower and i - 1 >= first and doc[i - 1].text == "-" \
                and not doc[i - 1].whitespace_ and nouns < 3:
            nouns += 1  # the lower-case tail of a written compound: "(das KI-Start-)up"
        elif token.is_lower and ADJECTIVE.fullmatch(token.text) and lower not in NOT_MODIFIERS or token.like_num:
            phase = "adjective"
        else:
            return None
        i -= 1
    return None


# After "seit" these words make it a preposition ("X, seit 2019 an der Spitze von Y, ..."), not a conjunction.
SEIT_PREPOSITION_NEXT = {"dem", "der", "den", "jahren", "monaten", "wochen", "langem", "kurzem", "anfang", "ende",
                         "mitte", "einem", "einer", "vielen", "mehr"}


def clause_bounds(sent: Span, index: int) -> tuple[int, int]:
    """The clause around token ``index``: cut at colons, semicolons, 'während', ... outside brackets
    ("Johnson Controls (WKN: 857069) übernimmt Tyco": the colon is inside an aside)."""
    start, end = sent.start, sent.end
    words = document.words(sent.doc)
    depth = 0
    for i in range(sent.start, sent.end):
        depth = max(0, depth + (words[i] == "(") - (words[i] == ")"))
        # ", als sich Yandex von seinem Auslandsgeschäft trennte": a subordinate clause after the main one
        opens_subordinate = words[i] == "," and i + 1 < sent.end and words[i + 1] in SUBORDINATE_AFTER_COMMA \
            and not (words[i + 1] == "seit" and i + 2 < sent.end and (words[i + 2][:1].isdigit()
                                                                     or words[i + 2] in SEIT_PREPOSITION_NEXT))
        # "während der Umbauphase": a preposition, not the conjunction
        preposition = words[i] == "während" and i + 1 < sent.end and words[i + 1] in GENITIVE_ARTICLES
        if (words[i] in CLAUSE_BREAKS and not preposition or opens_subordinate) and depth == 0:
            if i < index:
                start = i + 1
            elif i > index:
                end = i
                break
    if words[start] in SUBORDINATORS:
        # "Damit der Umschlag nicht einbricht, mietet die HHLA Kräne": the clause before the comma is its own
        comma = next((i for i in range(start + 1, end) if words[i] == ","), None)
        if comma is not None and comma < index:
            start = comma + 1
        elif comma is not None:
            end = comma
    return start, end


def headline_topic(doc: Doc, sent: Span, parties: list[Party], index: int,
                   nouns: re.Pattern) -> Party | None:
    """The organisation a headline names before its colon with a noun of ``nouns``, for the clause after the
    colon ("Rekordauftrag für Siemens: Bahn bestellt 30 Züge", "Finanzspritze für Aleph Alpha: Bosch
    investiert ..."): the one after "für", "bei" or "von" following that noun."""
    words = document.words(doc)
    colon = next((i for i in range(index - 1, sent.start, -1) if words[i] == ":"), None)
    if colon is None:
        return None
    noun = next((i for i in range(sent.start, colon) if nouns.fullmatch(words[i])), None)
    return next((p for p in parties if noun is not None and noun < p.start < colon and p.is_org and p.explicit
                 and p.preposition in {"für", "bei", "beim", "von", "vom"}), None)


def in_clause(parties: list[Party], bounds: tuple[int, int]) -> list[Party]:
    return [p for p in parties if bounds[0] <= p.start < bounds[1] and not p.attribution]


def subjects(parties: list[Party], trigger: int, labels: Iterable[str] = ("ORG",)) -> list[Party]:
    """The first free party (preferring one before the trigger) and those coordinated with it."""
    free = [p for p in parties if p.free and (p.label in labels or "ORG" in labels and p.is_org)]
    before = [p for p in free if p.start < trigger]
    first = (before or free or [None])[0]
    return [first, *coordinated_after(parties, first)] if first is not None else []


def agents(clause: list[Party], trigger: int, passive: bool) -> list[Party]:
    """Who does it: the subject, or in a passive clause the "von"/"durch" party."""
    if passive:
        return [p for p in clause if p.preposition in {"von", "vom", "durch"} and p.is_org]
    return subjects(clause, trigger)


def role_holder(doc: Doc, parties: list[Party]) -> Party | None:
    """'Alibaba-Chef Eddie Wu kündigte an ...': the company its leader speaks for."""
    for party in parties:
        if (party.compound or party.genitive) and party.is_org:
            head = party.end + 1 if party.compound else party.end
            if head < len(doc) and ROLE_WORD.fullmatch(doc[head].lower_):
                return party
    return None


def is_negated(doc: Doc, bounds: tuple[int, int], trigger: int | None = None) -> bool:
    """Whether the clause denies its deal or only weighs it ("erwägt", "prüft eine Übernahme"); a deal a
    regulator examines is a fact ("Das Kartellamt prüft die Übernahme von X durch Y"). With the
    ``trigger``, not a denial after a comma behind it, in a clause of its own ("übernahm die Commerzbank
    die Mehrheit an X, Angaben zum Kaufpreis machte sie nicht")."""
    words = document.words(doc)
    end = bounds[1]
    if trigger is not None:
        end = next((i for i in range(trigger + 1, bounds[1]) if words[i] == "," and i + 1 < bounds[1]
                    and doc[i + 1].is_title and not doc[i + 1].ent_type_), bounds[1])
    return any(words[i] in NEGATIONS or words[i] in HYPOTHETICAL and not examines_a_deal(words, i, bounds)
               for i in range(bounds[0], end))


def examines_a_deal(words: list[str], i: int, bounds: tuple[int, int]) -> bool:
    """"prüft die Übernahme", "prüft den geplanten Kauf": a definite deal under examination."""
    return words[i] == "prüft" and i + 1 < bounds[1] and words[i + 1] in {"die", "den", "das"}


def is_passive(doc: Doc, trigger: int, bounds: tuple[int, int]) -> bool:
    word = doc[trigger].lower_
    participle = word.startswith("ge") or SEPARABLE_PARTICIPLE.fullmatch(word) is not None or word in {
        "erworben", "übernommen", "bestellt", "bezogen", "verkauft", "vergeben", "erteilt", "platziert",
        "unterstützt", "investiert", "bezuschusst", "finanziert"}
    if not participle:
        return False
    # The auxiliary of this verb: in its comma-free stretch ("wird von X übernommen", "von X übernommen
    # wird"), not that of a relative clause ("..., die ab 2026 stationiert werden") nor of a clause joined
    # by "und" ("hatte Y übernommen und war … gerettet worden"; but "übernommen und integriert werden").
    words = document.words(doc)
    start = next((i + 1 for i in range(trigger - 1, bounds[0] - 1, -1) if words[i] == ","), bounds[0])
    end = next((i for i in range(trigger + 1, bounds[1]) if words[i] == "," or words[i] == "und"
                and i + 1 < bounds[1] and words[i + 1] in FINITE_AUXILIARIES), bounds[1])
    return any(words[i] in PASSIVE_AUX for i in range(start, end))


def money_in(doc: Doc, bounds: tuple[int, int]) -> Money | None:
    """The first amount in the clause that is not a parenthetical equivalent."""
    return next(iter(amounts_in(doc, bounds)), None)


def amounts_in(doc: Doc, bounds: tuple[int, int]) -> list[Money]:
    """The amounts in the clause, leaving out parenthetical equivalents."""
    return [span._.money for span in amount_spans(doc, bounds)]


def amount_spans(doc: Doc, bounds: tuple[int, int]) -> list[Span]:
    """The MONEY spans of ``amounts_in``."""
    return document.spans_in(doc, "MONEY", bounds)


def percents_in(doc: Doc, bounds: tuple[int, int]) -> list[Span]:
    return document.spans_in(doc, "PERCENT", bounds)


PLURAL_HOLDS = {"halten", "hielten", "besitzen", "besaßen"}
# A share named as a fraction: "hält ein Drittel an X", "gut ein Viertel der Anteile", "je zur Hälfte".
FRACTION = re.compile(r"hälfte|drittel|vierteln?|fünftel|zehntel")
FRACTION_COUNTS = {"ein", "eine", "einem", "einer", "zwei", "drei", "vier", "die", "der", "zur"}


def fractions_in(doc: Doc, sent: Span) -> list[Span]:
    """The shares a sentence names as fractions ("ein Drittel", "drei Viertel"), as PERCENT spans with no
    value: a holding, but no percentage the text gives."""
    return [Span(doc, i - 1 if document.words(doc)[i - 1] in FRACTION_COUNTS else i, i + 1, label="PERCENT")
            for i in document.matches(doc, FRACTION) if sent.start < i < sent.end and doc[i].is_title]


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
    """A capitalised word not opening a sentence; at a sentence's start, where every word is capitalised, one
    not ending like a participle or an infinitive ("Übernahme von X durch Y", "Großauftrag für Y", but
    "Geführt wird X von Y", "Übernommen hat X ...")."""
    if not token.text[:1].isupper():
        return False
    return not token.is_sent_start or not token.lower_.endswith(("t", "en"))


def stated_clauses(doc: Doc, sent: Span, parties: list[Party],
                   *kinds: tuple[re.Pattern, bool | None]) -> Iterator[tuple[int, tuple[int, int], list[Party]]]:
    """(trigger, clause bounds, parties of the clause) for each trigger word of ``kinds``
    ((pattern, noun?) pairs) whose clause is not negated or hypothetical."""
    for pattern, noun in kinds:
        for trigger in triggers(sent, pattern, noun=noun):
            bounds = after_contrast(doc, clause_bounds(sent, trigger), trigger)
            if not is_negated(doc, bounds, trigger) and not is_option(doc, sent, bounds, trigger):
                clause = in_clause(parties, bounds)
                inserted = insertion(doc, sent, clause, bounds, trigger)
                if inserted is not None:
                    clause = [p for p in clause if not inserted[0] <= p.start < inserted[1]]
                yield trigger, bounds, clause


# Nouns of a right to act later: "hat sich die Option gesichert, den Anteil aufzustocken".
OPTION_NOUNS = {"option", "optionen", "kaufoption", "vorkaufsrecht", "recht"}
SEPARABLE_INFINITIVE = re.compile(r"(auf|ab|an|ein|aus|über|zurück|hinzu)zu\w+en")


def is_option(doc: Doc, sent: Span, bounds: tuple[int, int], trigger: int) -> bool:
    """Whether the trigger secures an option or is the infinitive of one the sentence names before it:
    a right to do it later, not a deal ("die Option gesichert, ihren Anteil auf 90 Prozent aufzustocken")."""
    words = document.words(doc)
    if "sicher" in words[trigger] and not OPTION_NOUNS.isdisjoint(words[bounds[0]:bounds[1]]):
        return True  # "hat sich die Option gesichert": the right, not the shares
    infinitive = words[trigger - 1] == "zu" or SEPARABLE_INFINITIVE.fullmatch(words[trigger]) is not None
    return infinitive and not OPTION_NOUNS.isdisjoint(words[sent.start:trigger])


def after_contrast(doc: Doc, bounds: tuple[int, int], trigger: int) -> tuple[int, int]:
    """The clause from after a "sondern" that replaces what a negation before it denied ("Nicht Siemens,
    sondern Bosch kauft X", "nicht in Offenbach, sondern in einem Rechenzentrum, das X bei Y mietet")."""
    words = document.words(doc)
    contrast = next((i for i in range(trigger - 1, bounds[0], -1) if words[i] == "sondern"), None)
    if contrast is None or NEGATIONS.isdisjoint(words[bounds[0]:contrast]):
        return bounds
    return contrast + 1, bounds[1]


def insertion(doc: Doc, sent: Span, clause: list[Party], bounds: tuple[int, int],
              trigger: int) -> tuple[int, int] | None:
    """The words between two commas after the clause's opening name and before the trigger, if any: an
    apposition or a relative clause there ("Würth Elektronik, Teil der Würth-Gruppe, übernimmt Ibe", "Die
    Otto Group, der auch X gehört, kauft Y") says nothing of the trigger's event."""
    if not clause:
        return None
    words = document.words(doc)
    first, opening = clause[0], clause[0].end
    if not (first.preposition is None and opening < trigger and words[opening] == ","
            and first.start - max(bounds[0], dateline_end(doc, sent)) <= 3):
        return None
    if words[opening + 1] in COORDINATORS or any(p.start == opening + 1 for p in clause):
        return None  # "A, B und C kaufen": a list of names
    close = next((i for i in range(opening + 1, trigger) if words[i] == ","), None)
    if close is None or not doc[close + 1].is_lower:  # the verb after the insertion
        return None
    return opening + 1, close


def triggers(sent: Span, pattern: re.Pattern, *, noun: bool | None = None) -> list[int]:
    doc, found = sent.doc, document.matches(sent.doc, pattern)
    if not found:  # the common case: no such word in the whole document
        return []
    # A word of a name triggers nothing: "Bohai Leasing" leases nothing.
    return [i for i in found[bisect_left(found, sent.start):bisect_left(found, sent.end)]
            if (noun is None or noun == is_noun(doc[i])) and doc[i].ent_type_ not in NAME_LABELS]


class _WordMatches:
    """Whether a word is matched in full by ``pattern``, remembered: news repeats its words, and one
    dictionary look-up is cheaper than a search with an alternation of every trigger pattern."""

    SIZE = 200_000  # words remembered before the memory is emptied

    def __init__(self, pattern: re.Pattern) -> None:
        self.pattern = pattern
        self.known: dict[str, bool] = {}

    def __call__(self, word: str) -> bool:
        hit = self.known.get(word)
        if hit is None:
            if len(self.known) >= self.SIZE:
                self.known.clear()
            hit = self.known[word] = "\n" not in word and self.pattern.fullmatch(word) is not None
        return hit


_IS_ROUND_NOUN, _IS_ROUND_CUE = _WordMatches(ROUND_NOUN), _WordMatches(ROUND_CUE)


# Each trigger pattern anchored to whole lines, to find the words it matches in full among a
# document's candidate words, one per line, in one regex search (the patterns match no line break).
# The candidates are the document's distinct words that the alternation of all patterns used so far
# matches, a look-up per word (``_WordMatches``), so that each pattern then reads only those. Patterns
# are looked up by ``id``: a compiled pattern's hash reads its whole program, on every look-up (the
# pattern is kept here, so its id stays its own).
_LINE_PATTERNS: dict[int, tuple[re.Pattern, re.Pattern]] = {}
_ANY_TRIGGER: list[_WordMatches | None] = [None]


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
        self.candidates: tuple[_WordMatches | None, str] = (None, "")  # (the union it was read with, words)
        self.rules_by_sentence: dict[int, set[Callable]] | None = None
        self.pattern_matches: dict[int, list[int]] = {}  # by the pattern's id (see _LINE_PATTERNS)
        self.named = [ent for ent in doc.ents if ent.label_ in {"ORG", "PER", "LOC"} and ent._.canonical]
        self.named_starts = [ent.start for ent in self.named]
        money = list(doc.spans.get("newsgraph_money", []))  # a span group makes new spans on every read
        # the amounts, leaving out parenthetical equivalents, and the percentages, by their starts
        self.money_spans = {"MONEY": [span for span in money if span.label_ == "MONEY"
                                      and not (span.start > 0 and doc[span.start - 1].text == "(")],
                            "PERCENT": [span for span in money if span.label_ == "PERCENT"]}
        self.money_starts = {label: [span.start for span in spans] for label, spans in self.money_spans.items()}
        self.corefs = sorted(doc.spans.get("newsgraph_coref", []), key=lambda span: span.start)
        self.coref_starts = [span.start for span in self.corefs]

    def words(self, doc: Doc) -> list[str]:
        """The lower-cased words of ``doc``."""
        self._read(doc)
        return self.lower

    def matches(self, doc: Doc, pattern: re.Pattern) -> list[int]:
        """Sorted indexes of the tokens whose lower-cased word ``pattern`` matches in full."""
        self._read(doc)
        found = self.pattern_matches.get(id(pattern))
        if found is None:
            known = _LINE_PATTERNS.get(id(pattern))
            if known is None:
                known = _LINE_PATTERNS[id(pattern)] = (pattern, re.compile(f"^(?:{pattern.pattern})$", re.MULTILINE))
                _ANY_TRIGGER[0] = _WordMatches(re.compile("|".join(p.pattern for p, _ in _LINE_PATTERNS.values())))
            lines = known[1]
            union = _ANY_TRIGGER[0]
            if self.candidates[0] is not union:
                self.candidates = (union, "\n".join(word for word in self.positions if union(word)))
            found = self.pattern_matches[id(pattern)] = sorted(
                i for match in lines.finditer(self.candidates[1]) for i in self.positions[match.group()])
        return found

    def triggered_rules(self, doc: Doc, sent: Span) -> set[Callable]:
        """The ``TRIGGERED_RULES`` with a word of one of their patterns in the sentence: the others find
        nothing there (made for all sentences at once: a look-up per rule and sentence)."""
        self._read(doc)
        if self.rules_by_sentence is None:
            starts = [sentence.start for sentence in doc.sents]
            self.rules_by_sentence = {}
            for rule, patterns in TRIGGERED_RULES.items():
                for pattern in patterns:
                    for i in self.matches(doc, pattern):
                        self.rules_by_sentence.setdefault(starts[bisect_right(starts, i) - 1], set()).add(rule)
        return self.rules_by_sentence.get(sent.start, _NO_RULES)

    def entities_in(self, doc: Doc, sent: Span) -> list[Span]:
        """The sentence's ORG, PER and LOC entities that have a canonical name."""
        self._read(doc)
        first, last = bisect_left(self.named_starts, sent.start), bisect_left(self.named_starts, sent.end)
        return [ent for ent in self.named[first:last] if ent.end <= sent.end]

    def corefs_in(self, doc: Doc, sent: Span) -> list[Span]:
        """The coreferring expressions ("das Unternehmen") that start in the sentence."""
        self._read(doc)
        return self.corefs[bisect_left(self.coref_starts, sent.start):bisect_left(self.coref_starts, sent.end)]

    def named_in(self, doc: Doc) -> list[Span]:
        """The document's ORG, PER and LOC entities that have a canonical name."""
        self._read(doc)
        return self.named

    def percents(self, doc: Doc) -> list[Span]:
        """The PERCENT spans of the money stage."""
        self._read(doc)
        return self.money_spans["PERCENT"]

    def spans_in(self, doc: Doc, label: str, bounds: tuple[int, int]) -> list[Span]:
        """The money stage's MONEY spans (not parenthetical equivalents) or PERCENT spans that start
        within ``bounds``, in text order."""
        self._read(doc)
        starts = self.money_starts[label]
        return self.money_spans[label][bisect_left(starts, bounds[0]):bisect_left(starts, bounds[1])]


document = _DocumentIndex()


def compound_end(doc: Doc, i: int) -> int:
    """Where the hyphen compound starting at token ``i`` ends: "Ceconomy-Aktien" -> "Aktien"."""
    while i + 2 < len(doc) and doc[i + 1].text == "-" and not doc[i].whitespace_ and not doc[i + 1].whitespace_:
        i += 2
    return i


def compound_start(doc: Doc, i: int) -> int:
    """Where the hyphen compound ending in token ``i`` starts: "IT-Tochter" -> "IT"."""
    while i >= 2 and doc[i - 1].text == "-" and not doc[i - 2].whitespace_:
        i -= 2
    return i


def word_at(doc: Doc, i: int) -> str:
    """The whole hyphen compound ending in token ``i``: "Siliziumkarbid-Sparte"; for a unit word the name
    that follows it, if it has one: "das Hochspannungsgeschäft Trench" -> "Trench"."""
    if i + 1 < len(doc) and doc[i + 1].ent_iob_ == "B" and doc[i + 1].ent_type_ == "ORG":
        name = next((ent for ent in doc[i + 1 : min(len(doc), i + 12)].ents if ent.start == i + 1), None)
        if name is not None and name._.canonical:
            return name._.canonical
    end = unit_complement_end(doc, i) if doc[i].lower_ in {"geschäft", "sparte", "geschäftsbereich"} \
        else plant_place_end(doc, i) if PLANT_WORD.fullmatch(doc[i].lower_) else i + 1
    return doc[compound_start(doc, i) : end].text


# A plant is named by its place: "das Polysiliziumwerk in Charleston", "seine Fabrik in Göttingen".
PLANT_WORD = re.compile(r"\w*(werk|fabrik|chipfabrik)")


def plant_place_end(doc: Doc, i: int) -> int:
    """Where "in <place>" after a plant word ends; ``i + 1`` without one."""
    if i + 2 < len(doc) and doc[i + 1].lower_ in {"in", "im"} and doc[i + 2].ent_iob_ == "B" \
            and doc[i + 2].ent_type_ == "LOC":
        end = i + 3
        while end < len(doc) and doc[end].ent_iob_ == "I":
            end += 1
        return end
    return i + 1


def unit_complement_end(doc: Doc, i: int) -> int:
    """Where a bare unit word's "mit"/"für" complement ends, which names the unit: "das Geschäft mit
    Industrieschläuchen und Fördergurten", "die Sparte für elektrische Antriebe"; ``i + 1`` without one."""
    if i + 2 >= len(doc) or doc[i + 1].lower_ not in {"mit", "für"}:
        return i + 1
    end = i + 1
    for j in range(i + 2, min(len(doc), i + 10)):
        token = doc[j]
        if token.is_title and token.is_alpha and not token.ent_type_:
            end = j + 1
        elif not (token.lower_ in {"und", "oder", "sowie"} or token.is_lower and ADJECTIVE.fullmatch(token.text)
                  and token.lower_ not in FINITE_VERB_FORMS | DETERMINERS):
            break
    return end


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
    return party.compound and party.is_org and not ROLE_WORD.fullmatch(head) \
        and not head.startswith(("aktie", "konzern", "tochter", "mutter"))


def business_unit(doc: Doc, bounds: tuple[int, int], after: int) -> int | None:
    """The object bought when it is a unit without a name: "die Chipsparte", "das Italiengeschäft"."""
    for i in range(max(after, bounds[0]), bounds[1]):
        token = doc[i]
        if token.text == "," and i + 1 < len(doc) and doc[i + 1].lower_ in RELATIVE_PRONOUNS:
            return None  # "die Hypovereinsbank, die heute als Unicredit-Tochter firmiert": a relative clause
        named = i + 1 < len(doc) and doc[i + 1].ent_type_ == "ORG"  # "die IT-Tochter Stackit" is a name
        if BUSINESS_UNIT.fullmatch(token.lower_) and is_noun(token) and not token.ent_type_ and not named \
                and not describes_name_before(doc, i):
            return i
    return None


def describes_name_before(doc: Doc, noun: int) -> bool:
    """Whether a noun heads an apposition that says whose the name before the comma is: "Arriva, eine Tochter
    von Netcom", "X, die Chipsparte des Konzerns" (not what is bought: "X übernimmt die Chipsparte")."""
    article = noun - 1
    while article > noun - 3 and doc[article].is_lower and ADJECTIVE.fullmatch(doc[article].text) \
            and doc[article].lower_ not in APPOSITION_ARTICLES:
        article -= 1  # "eine hundertprozentige Tochter"
    return article >= 1 and doc[article].lower_ in APPOSITION_ARTICLES and doc[article - 1].text == "," \
        and noun + 1 < len(doc) and doc[noun + 1].lower_ in {"der", "des", "von", "vom"}


def stake_bought(doc: Doc, bounds: tuple[int, int]) -> Span | None:
    """The percentage a clause buys when it buys a stake, not a company: "übernimmt 20 Prozent der Anteile",
    "erwarb ein Aktienpaket von 2,6 Prozent an X", "ein Paket von 3 Prozent der Aktien von X", "übernimmt 49,9
    Prozent an X"."""
    words = document.words(doc)
    for percent in percents_in(doc, bounds):
        before, after = words[max(bounds[0], percent.start - 3):percent.start], words[percent.end:percent.end + 2]
        # "der Aktien", "der Ceconomy-Aktien": the share noun, perhaps the head of a compound
        head = compound_end(doc, percent.end + 1) if percent.end + 1 < bounds[1] else None
        if any(word.endswith("paket") for word in before) or after[:1] in (["an"], ["am"]) \
                or len(after) == 2 and after[0] in {"der", "seiner", "ihrer"} and head is not None \
                and SHARE_NOUN.fullmatch(words[head]):
            return percent
    return None


def stake_purchase(doc: Doc, sent: Span, clause: list[Party], buyers: list[Party], percent: Span,
                   amount: Money | None, discourse: Discourse) -> list[Relation]:
    """A stake bought: a majority is an acquisition of the company; less is an investment in it and a
    holding. The company is named after the percentage ("an X", "der Aktien von X"), else it is the one
    the last investment went into, else the article's company; another "von" party is the seller."""
    target = next((p for p in clause if percent.end <= p.start <= percent.end + 6 and p.is_org
                   and (p.preposition in {"an", "am", "von", "vom"} or genitive_phrase(doc, p, percent.end)
                        or p.compound and SHARE_NOUN.fullmatch(document.words(doc)[compound_end(doc, p.start)]))),
                  None)  # "60 Prozent der Ceconomy-Aktien"
    target_name = target.name if target else discourse.invested or discourse.salient
    seller = next((p for p in clause if p.preposition in {"von", "vom"} and (p.is_org or p.label == "PER")
                   and p is not target and p not in buyers), None)
    found = []
    for buyer in buyers[:1]:
        if target_name is None or buyer.name in {target_name, seller.name if seller else None}:
            continue
        if percent._.percent.value > 50:
            found.append(make(doc, sent, "ACQUISITION", {"buyer": buyer.name, "acquired": target_name,
                                                         "seller": seller.name if seller else None},
                              confidence(buyer, target), amount))
        else:
            found += [make(doc, sent, "INVESTMENT", {"investor": buyer.name, "target": target_name},
                           confidence(buyer, target), amount),
                      make(doc, sent, "OWNERSHIP", {"owner": buyer.name, "owned": target_name},
                           confidence(buyer, target) - 0.1)]
    return found



def relative_clause_roles(doc: Doc, clause: list[Party], trigger: int) -> tuple[Party | None, Party | None]:
    """(subject, object) of a verb in a relative clause, the antecedent being one of them: "Attestor, der
    damals 51 Prozent übernommen hatte" (Attestor does it), "NVL, die Rheinmetall im Sommer übernommen hat"
    (Rheinmetall does it to NVL). (None, None) when the verb is in no relative clause."""
    words = document.words(doc)
    comma = next((i for i in range(trigger - 1, max(trigger - 15, 0), -1) if words[i] == ","), None)
    if comma is None or words[comma + 1] not in RELATIVE_PRONOUNS or comma + 2 >= trigger \
            or doc[comma + 2].is_title and not doc[comma + 2].ent_type_:
        return None, None  # ", die Deutsche Bahn ...": an article, not a relative pronoun
    antecedent = next((p for p in clause if p.end == comma), None)
    if antecedent is not None and antecedent.label == "LOC" and antecedent.preposition in {"aus", "in"}:
        # "der Konzern Digital Realty aus Austin, der ... übernommen hatte": the company, not its home
        antecedent = next((p for p in clause if p.is_org and p.end == antecedent.start - 1), None)
    if antecedent is None:
        return None, None
    inner = next((p for p in clause if comma + 1 < p.start < trigger and p.free and p.is_org), None)
    if inner is not None and words[comma + 1] not in {"der", "welcher"}:  # "der" is a subject's form only
        return inner, antecedent
    return (antecedent, None) if words[comma + 1] not in {"den", "dem", "welchen"} else (None, None)


def purchases(doc: Doc, sent: Span, parties: list[Party], discourse: Discourse) -> list[Relation]:
    """kaufen, erwerben, bestellen, beziehen: the subject buys from "von"/"bei" parties."""
    found = []
    words = document.words(doc)
    for trigger, bounds, clause in stated_clauses(doc, sent, parties, (BUY, False)):
        if BOOKED.fullmatch(words[trigger]) and {"bei", "beim"}.isdisjoint(words[bounds[0]:bounds[1]]):
            continue
        passive = is_passive(doc, trigger, bounds)
        amount = money_in(doc, bounds)
        doer, done_to = relative_clause_roles(doc, clause, trigger) if not passive else (None, None)
        buyers = [doer] if doer else agents(clause, trigger, passive)
        vendor_preps = {"bei", "beim", "aus"} if passive else {"bei", "beim", "aus", "von", "vom"}
        # a company named, or a noun phrase referring to one after the verb ("kauft das Münchener Unternehmen")
        # "übernimmt die Hälfte des Hafenlogistikers HHLA": the company of a fraction
        objects = [done_to] if done_to else [
            p for p in clause if is_object(words, p) and p.is_org and p not in buyers and not p.coordinated
            and (p.explicit or p.start > trigger and p.end - p.start > 1
                 and all(p.name != buyer.name for buyer in buyers))]
        ordering = ORDER_VERB.fullmatch(document.words(doc)[trigger]) is not None
        stake = stake_bought(doc, bounds)
        if stake is not None and not ordering:
            found += stake_purchase(doc, sent, clause, buyers, stake, amount, discourse)
            continue
        shares = shares_bought(doc, clause, bounds, buyers)
        if shares is not None:  # "kauft Softbank weitere T-Mobile-US-Aktien ab": an investment in the company
            found += [make(doc, sent, "INVESTMENT", {"investor": buyer.name, "target": shares.name},
                           confidence(buyer, shares), amount) for buyer in buyers
                      if buyer.name != shares.name and buyer.start < trigger]  # not "kauft dem Konzern X ... ab"
            continue
        if buys_stake(doc, trigger, bounds):  # "X kauft sich bei Y ein": a stake in Y
            target = next((p for p in clause if p.is_org and p.preposition in {"bei", "beim", "in", "im"}
                           and p not in buyers), None)
            found += [make(doc, sent, "INVESTMENT", {"investor": buyer.name, "target": target.name},
                           confidence(buyer, target), amount)
                      for buyer in buyers if target is not None and buyer.name != target.name]
            continue
        control = next((i for i in range(bounds[0], bounds[1]) if CONTROL.fullmatch(words[i])), None)
        if not objects and not ordering and control is not None:  # "erwirbt eine Mehrheitsbeteiligung an X"
            objects = [p for p in clause if p.start > control and p.is_org and p.explicit and not p.compound
                       and p.preposition in CONTROLLED_PREPOSITIONS and p not in buyers][:1]
        for buyer in buyers:
            unit = None if ordering else business_unit(doc, bounds, after=buyer.end)
            if not ordering and (unit is not None or objects):
                for partner in [buyer, *joined_by(doc, clause, buyer)]:
                    found += acquisition(doc, sent, parties, clause, partner, objects, unit, amount, discourse)
                continue
            # "Grafikprozessoren des Chipkonzerns AMD beziehen": the maker of what is bought
            vendors = [p for p in clause if p.is_org and p.name != buyer.name
                       and (p.preposition in vendor_preps or is_vendor_compound(doc, p) or ordering and p in objects
                            or p.preposition == "des" and p.start > buyer.end and not passive
                            and of_a_thing(words, p))]
            topic = headline_topic(doc, sent, parties, trigger, ORDER_NOUN) if ordering and not vendors else None
            if topic is not None and topic.name != buyer.name:  # "Rekordauftrag für Siemens: Bahn bestellt 30 Züge"
                vendors = [topic]
            if not vendors and ordering and discourse.order_recipient not in {None, buyer.name} and not passive \
                    and not vendor_preps & set(document.words(doc)[bounds[0]:bounds[1]]):
                # "X hat einen Großauftrag erhalten. Y bestellte 40 Anlagen": Y orders from X
                vendors = [Party(trigger, trigger + 1, discourse.order_recipient, "ORG", explicit=False,
                                 compound=False, genitive=False)]
            if not vendors and (ordering or not objects):
                # "Die Hochbahn hat 530 Busse bestellt", "will Audi Zellen bei zwei Herstellern einkaufen": the
                # vendors and their shares may follow
                discourse.ordering, discourse.sentences_since_order = buyer.name, -1
            if not vendors and amount is not None:
                discourse.amounts_by_buyer.setdefault(buyer.name, []).append(amount)
            # "hat bei Oracle Rechenkapazität für 30 Mrd. Dollar gebucht": capacity is rented
            rented = BOOKED.fullmatch(words[trigger]) and any(CAPACITY.fullmatch(w) for w in words[bounds[0]:bounds[1]])
            for vendor in vendors:
                item = compound_head(doc, vendor) or item_before(doc, buyer.end, vendor.start) \
                    or item_before(doc, trigger, bounds[1])
                bought = make(doc, sent, "PURCHASE", {"buyer": buyer.name, "vendor": vendor.name, "item": item},
                              confidence(buyer, vendor), amount)
                found.append(as_lease(bought) if rented else bought)
    return found


SPOKESPERSON = re.compile(r"\w*sprecher(in|innen)?")  # "ein Sprecher des Konzerns": a person of it, not a thing
FRACTIONS = {"hälfte", "drittel", "viertel", "fünftel", "zehntel"}  # "die Hälfte des Hafenlogistikers HHLA"
# Where the company controlled stands after a word of control: "die Mehrheit an/bei/über X", "die Mehrheit des
# Konzerns X".
CONTROLLED_PREPOSITIONS = {"bei", "beim", "an", "am", "über", "des"}


def is_object(words: list[str], party: Party) -> bool:
    """A party that can be a verb's object: free, or the company of a fraction ("übernimmt die Hälfte des
    Hafenlogistikers HHLA")."""
    return party.free or party.preposition == "des" and genitive_head(words, party) in FRACTIONS


def genitive_head(words: list[str], party: Party) -> str | None:
    """The noun a party's genitive phrase ("des Chipkonzerns AMD") belongs to: "grafikprozessoren"."""
    article = next((i for i in range(party.start - 1, max(0, party.start - 4) - 1, -1) if words[i] == "des"), None)
    return words[article - 1] if article else None


def of_a_thing(words: list[str], party: Party) -> bool:
    """Whether the genitive phrase of ``party`` follows a thing ("Grafikprozessoren des Chipkonzerns AMD"),
    not a person ("ein Sprecher des Siemens-Konzerns", "der Chef des ...") nor a unit ("einer Sparte des
    Industriegasekonzerns Linde")."""
    head = genitive_head(words, party)
    return head is not None and not (ROLE_WORD.fullmatch(head) or SPOKESPERSON.fullmatch(head)
                                     or BUSINESS_UNIT.fullmatch(head))


def possessed(doc: Doc, i: int) -> bool:
    """Whether the noun at ``i`` follows a possessive, perhaps with an adjective between: "seine
    (US-)Sparte", "ihr europäisches Geschäft"."""
    return i > 0 and doc[i - 1].lower_ in UNIT_POSSESSIVES or i > 1 and doc[i - 2].lower_ in UNIT_POSSESSIVES \
        and ADJECTIVE.fullmatch(doc[i - 1].text) is not None


def is_dateline(doc: Doc, party: Party) -> bool:
    """A place that opens an agency report: "Santa Clara - ...", "Kiel/Brüssel (dpa) - ..."."""
    after = doc[party.end].text if party.end < len(doc) else ""
    return after in {"(", "/"} or after in {"-", "–"} and doc[party.end - 1].whitespace_ != ""  # not "Katar-Fonds"


def shares_bought(doc: Doc, clause: list[Party], bounds: tuple[int, int], buyers: list[Party]) -> Party | None:
    """The company whose shares a clause buys, when it buys shares with no percentage and no majority:
    "kauft weitere T-Mobile-US-Aktien", "übernimmt ein Aktienpaket von RWE", "erwirbt eine
    Minderheitsbeteiligung an X", "kauft Aktien der X"."""
    words = document.words(doc)
    for i in range(bounds[0], bounds[1]):
        if not SHARES.fullmatch(words[i]) or not doc[i].text[:1].isupper() or words[i].startswith("mehrheit"):
            continue
        company = next((p for p in clause if p.is_org and p not in buyers and (
            p.compound and compound_start(doc, i) == p.start or i < p.start <= i + 4 and (
                p.preposition in {"von", "vom", "an", "am"} or genitive_phrase(doc, p, i)))), None)
        if company is not None:
            return company
    return None


def buys_stake(doc: Doc, trigger: int, bounds: tuple[int, int]) -> bool:
    """ "kauft sich bei Y ein", "hat sich bei Y eingekauft": buying into a company, not from it."""
    words = document.words(doc)
    clause = words[bounds[0]:bounds[1]]
    return "sich" in clause and (words[trigger].startswith("eingekauft") or words[trigger].startswith("kauf")
                                 and "ein" in words[trigger + 1 : bounds[1]])


def controlled_company(parties: list[Party], before: int, discourse: Discourse, taking_part: set) -> str | None:
    """The company whose majority or control changes hands when the clause names only its sellers and buyers
    ("Antin übernahm die Mehrheit vom Fonds PGGM"): a company named before in the sentence, else the subject
    of the sentence before, else the company the article is about."""
    earlier = [p.name for p in parties if p.end <= before and p.is_org and p.explicit and not p.attribution]
    previous = discourse.previous_subject.name if discourse.previous_subject is not None else None
    return next((name for name in (*reversed(earlier), previous, discourse.salient)
                 if name is not None and name not in taking_part), None)


def acquisition(doc: Doc, sent: Span, parties: list[Party], clause: list[Party], buyer: Party, objects: list[Party],
                unit: int | None, amount: Money | None, discourse: Discourse) -> list[Relation]:
    if unit is not None and CONTROL.fullmatch(doc[unit].lower_):
        # "übernimmt die Mehrheit an (der Firma) Axel Springer": the company controlled, not a unit called "Mehrheit"
        held = next((p for p in clause if unit < p.start <= unit + 5 and p.is_org and p.explicit
                     and p.preposition in {"an", "am", "bei", "beim", "über"} and p.name != buyer.name), None)
        seller = next((p for p in clause if p.start > unit and p.is_org and p.preposition in {"von", "vom"}
                       and p.name != buyer.name), None)
        if held is None:
            named = controlled_company(parties, min(buyer.start, unit), discourse,
                                       {buyer.name, seller.name if seller else None})
            if named is None:
                return []
            held = Party(unit, unit + 1, named, "ORG", explicit=False, compound=False, genitive=False)
        unit, objects = None, [held]
    if unit is not None:
        # not where the unit is: "sein Werk im polnischen Breslau"
        seller = next((p for p in clause if p.start > unit and p.is_org and p.name != buyer.name
                       and p.preposition not in PLACE_PREPOSITIONS), None)
        roles = {"buyer": buyer.name, "acquired": word_at(doc, unit), "seller": seller.name if seller else None,
                 "unit": "yes"}
        return [make(doc, sent, "ACQUISITION", roles, confidence(buyer, seller), amount)]
    acquired = objects[0]
    seller = next((p for p in clause if p.preposition in {"von", "vom"} and p.is_org
                   and p.name not in {buyer.name, acquired.name}), None)
    return [make(doc, sent, "ACQUISITION", {"buyer": buyer.name, "acquired": acquired.name,
                                            "seller": seller.name if seller else None},
                 confidence(buyer, acquired), amount)]


def takeovers(doc: Doc, sent: Span, parties: list[Party], discourse: Discourse) -> list[Relation]:
    """übernehmen: 'Broadcom übernimmt VMware', 'X wird von Y übernommen'."""
    found = []
    for trigger, bounds, clause in stated_clauses(doc, sent, parties, (ACQUIRE, False)):
        passive = is_passive(doc, trigger, bounds)
        doer, done_to = relative_clause_roles(doc, clause, trigger) if not passive else (None, None)
        buyers = [doer] if doer else agents(clause, trigger, passive)
        amount = money_in(doc, bounds)
        stake = stake_bought(doc, bounds)
        if stake is not None:
            found += stake_purchase(doc, sent, clause, buyers, stake, amount, discourse)
            continue
        shares = shares_bought(doc, clause, bounds, buyers)
        if shares is not None:  # "Katar übernimmt ein RWE-Aktienpaket": an investment in the company
            found += [make(doc, sent, "INVESTMENT", {"investor": buyer.name, "target": shares.name},
                           confidence(buyer, shares), amount) for buyer in buyers[:1]
                      if buyer.name != shares.name and buyer.start < trigger]
            continue
        words = document.words(doc)
        objects = [done_to] if done_to else [p for p in clause if is_object(words, p) and p.explicit and p.is_org
                                             and p not in buyers]
        if {"rest", "löwenanteil"} & set(words[bounds[0]:trigger]):
            continue  # "den Rest übernimmt Gotion": a share of an order, not a takeover
        for buyer in buyers:  # "A und B übernehmen X": each of them
            inserted = insertion(doc, sent, clause, bounds, trigger)  # "X, eine Tochter der Y, übernimmt Z"
            unit = business_unit(doc, bounds, after=inserted[1] if inserted and buyer.end < inserted[1] else buyer.end)
            if unit is not None and unit > trigger and objects and all(p.end <= trigger for p in objects):
                unit = None  # "hatte Polyplus übernommen und das Geschäft mit Krediten finanziert": the next verb's
            # "übernimmt die Kontrolle bei X", "Die Mehrheit an X hat sich Y gesichert", "hat bei X zugeschlagen"
            control = next((i for i in range(bounds[0], bounds[1]) if CONTROL.fullmatch(words[i])), None)
            if control is None and words[trigger].startswith("zu"):
                control = bounds[0]
            if unit is None and not objects and control is not None:
                objects = [p for p in clause if p.start > control and p.is_org and p.explicit and not p.compound
                           and p.preposition in CONTROLLED_PREPOSITIONS and p not in buyers][:1]
            if unit is not None or objects:
                for partner in [buyer, *joined_by(doc, clause, buyer)]:
                    found += acquisition(doc, sent, parties, clause, partner, objects, unit, amount, discourse)
    return found


def joined_by(doc: Doc, clause: list[Party], party: Party) -> list[Party]:
    """The companies a clause says act together with ``party``: "X hatte Y zusammen mit der Viessmann
    Generations Group übernommen", "gemeinsam mit A und B"."""
    words = document.words(doc)
    partners: list[Party] = []
    for p in clause:
        if not (p.is_org and p.explicit and p.name != party.name and p.preposition == "mit"):
            continue
        mit = next((i for i in range(p.start - 1, max(p.start - 5, 0), -1) if words[i] == "mit"), None)
        if mit is not None and words[mit - 1] in {"zusammen", "gemeinsam"} \
                or partners and p.coordinated and p.start - partners[-1].end <= 1:
            partners.append(p)
    return partners


AGREES = {"geeinigt", "einigt", "einigte", "einigten", "einigen", "verständigt", "verständigte", "verständigten"}
# Words of a share phrase between a takeover noun and the company: "die Übernahme eines Großteils der Aktien
# der Verbundnetz Gas AG", "der Kauf von 30 Prozent der Anteile an X".
SHARE_WORDS = {"aktien", "anteile", "anteilen", "anteils", "großteils", "mehrheit", "prozent"}
SHARE_PHRASE_WORDS = SHARE_WORDS | {"eines", "einer", "der", "des", "von", "an", "am", "rund", "knapp", "gut", "über",
                                    "mehr", "als"}


def stake_named_after(doc: Doc, noun: int, clause: list[Party]) -> Party | None:
    """The company whose shares a takeover noun takes, across a share phrase (``SHARE_PHRASE_WORDS``)."""
    words = document.words(doc)
    starts = {p.start: p for p in clause if p.is_org and not p.compound}
    shares = False
    for j in range(noun + 1, min(len(doc), noun + 10)):
        if j in starts:
            return starts[j] if shares else None
        if words[j] in SHARE_WORDS:
            shares = True
        elif words[j] not in SHARE_PHRASE_WORDS and not words[j].replace(",", "").isdigit():
            return None
    return None


def nominal_acquisitions(doc: Doc, sent: Span, parties: list[Party], discourse: Discourse) -> list[Relation]:
    """'die Übernahme von X durch Y', 'Y zahlte für die Übernahme des X', 'Y geht mit der Akquisition der
    beiden eFood-Unternehmen A und B einen Schritt' (each of A and B)."""
    found = []
    for trigger, bounds, clause in stated_clauses(doc, sent, parties, (ACQUIRE_NOUN, True)):
        after = [p for p in clause if trigger < p.start <= trigger + 5 and p.is_org and not p.compound]
        # the genitive after the noun is what is taken over: "die Übernahme der Sparten der Imtech Deutschland"
        acquired = next((p for p in after if p.preposition in {"von", "vom", "des"} or p.free), None) \
            or org_named_after(doc, trigger, [p for p in clause if p.is_org]) or stake_named_after(doc, trigger, clause)
        also = []
        if acquired is not None:  # "A und B", "A, B und C"
            for p in clause[clause.index(acquired) + 1:]:
                if not (p.coordinated and p.is_org and p.start - (also or [acquired])[-1].end <= 1):
                    break
                also.append(p)
        approved = any(APPROVAL.fullmatch(word) for word in document.words(doc)[bounds[0]:bounds[1]])
        agent = next((p for p in clause if p.preposition == "durch" and (p.is_org or p.label == "PER")), None)
        buyer = agent if agent is not None and agent.is_org else None if agent is not None \
            else next((p for p in subjects([p for p in clause if acquired is None or p.name != acquired.name], trigger)
                       if not approved), None)  # "durch X" names the buyer, even one read as a person
        if acquired is None and not AGREES.isdisjoint(document.words(doc)[bounds[0]:bounds[1]]):
            # "Siemens hat sich mit Altair auf eine Übernahme geeinigt": the company agreed with
            acquired = next((p for p in clause if p.preposition == "mit" and p.is_org and p.explicit
                             and p.start < trigger), None)
        if buyer is None and agent is None and approved:
            # the one allowed to take over: right before the noun ("genehmigte dem Handelskonzern Rewe die
            # Übernahme der Drogeriekette Müller", "will Edeka die Übernahme von X erlauben"), else in the dative
            # ("hat dem Familienkonzern Schaeffler grünes Licht für die Übernahme von Y gegeben")
            allowed = [p for p in clause if p.is_org and p.explicit and p.free and p.end < trigger
                       and (acquired is None or p.name != acquired.name)]
            buyer = next((p for p in allowed if p.end + 1 == trigger and document.words(doc)[p.end] in {"die", "den"}),
                         None) or next((p for p in allowed if phrase_article(doc, p) in {"dem", "der"}), None)
        unit = trigger + 2 if trigger + 2 < bounds[1] and BUSINESS_UNIT.fullmatch(doc[trigger + 2].lower_) else None
        if buyer is None or (acquired is None and unit is None):
            continue
        if acquired is not None:
            found += [make(doc, sent, "ACQUISITION", {"buyer": buyer.name, "acquired": target.name},
                           confidence(buyer, target) - 0.05, money_in(doc, bounds))
                      for target in (acquired, *also) if target.name != buyer.name]
        else:
            found.append(make(doc, sent, "ACQUISITION", {"buyer": buyer.name, "acquired": word_at(doc, unit),
                                                         "unit": "yes"}, confidence(buyer) - 0.05,
                              money_in(doc, bounds)))
    return found


def payments(doc: Doc, sent: Span, parties: list[Party], discourse: Discourse) -> list[Relation]:
    """A price paid for a company: 'X zahlt für Y 2 Mrd. Euro', 'für Y legt X 10 Mrd. Dollar auf den Tisch',
    'X hatte 4,5 Mrd. Euro für Y bezahlt'."""
    found = []
    words = document.words(doc)
    for trigger, bounds, clause in stated_clauses(doc, sent, parties, (PAY, None)):
        if words[trigger] == "tisch" and {"legen", "legt", "legte"}.isdisjoint(words[bounds[0]:bounds[1]]):
            continue  # "auf den Tisch legen", not any table
        amount = money_in(doc, bounds)
        acquired = next((p for p in clause if p.preposition == "für" and p.is_org and p.explicit and not p.compound
                         and not words[p.start - 3 : p.start - 1] == [",", "für"]), None)  # not ", für den X zahlte"
        if amount is None or acquired is None:
            continue
        buyer = next((p for p in subjects(clause, trigger) if p.name != acquired.name), None)
        if buyer is not None:
            found.append(make(doc, sent, "ACQUISITION", {"buyer": buyer.name, "acquired": acquired.name},
                              confidence(buyer, acquired) - 0.05, amount))
    return found


def nominal_purchases(doc: Doc, sent: Span, parties: list[Party], discourse: Discourse) -> list[Relation]:
    """'die Bestellung bei Huawei umfasst 28 Mrd. Yuan', 'Lieferverträge mit EnBW abgeschlossen'."""
    found = []
    for trigger, bounds, clause in stated_clauses(doc, sent, parties, (BUY_NOUN, True)):
        # "der Kauf von Northvolt" buys the company (``nominal_acquisitions``); "der Kauf bei X" buys from X
        preps = {"bei", "beim", "mit"} if ACQUIRE_NOUN.fullmatch(document.words(doc)[trigger]) \
            else {"bei", "beim", "von", "vom", "mit"}
        vendors = [p for p in clause if p.start > trigger and p.is_org and not p.compound and p.preposition in preps]
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


# What comes from someone without being supplied: "Kritik kam von ...", "Zustimmung kommt von ...".
REACTIONS = {"kritik", "lob", "zustimmung", "widerstand", "widerspruch", "protest", "proteste", "applaus",
             "warnungen", "bedenken", "forderungen", "signale", "rückenwind", "gegenwind"}


def comes_as_a_person(doc: Doc, verb: int) -> bool:
    """ "Die Informatikerin kommt von der Otto Group", "Er kam von Siemens": a person changing jobs, not a
    supply (a person noun ends in -er or -in, or is a personal pronoun)."""
    before = doc[verb - 1] if verb > 0 else None
    return before is not None and (before.lower_ in {"er", "sie"} or before.text[:1].isupper()
                                   and before.lower_.endswith(("er", "in")) and verb - 1 > 0)


def supply_sources(doc: Doc, sent: Span, parties: list[Party], discourse: Discourse) -> list[Relation]:
    """Where what a company buys comes from: "Antennen und Software kommen von Ericsson und Nokia", "Gebaut
    wird die Anlage vom Anlagenbauer SMS Group" (the buyer is the company the sentence before was about),
    and "X hat bei Y acht Kräne in Auftrag gegeben"."""
    found = []
    words = document.words(doc)
    for trigger, bounds, clause in stated_clauses(doc, sent, parties, (SUPPLIED_FROM, False), (ORDER_GIVEN, False)):
        amount = money_in(doc, bounds)
        if ORDER_GIVEN.fullmatch(words[trigger]):
            if words[trigger - 2:trigger] != ["in", "auftrag"]:
                continue
            buyers = subjects(clause, trigger)
            vendors = [p for p in clause if p.is_org and p.preposition in {"bei", "beim"} and p not in buyers]
            found += [make(doc, sent, "PURCHASE", {"buyer": buyer.name, "vendor": vendor.name},
                           confidence(buyer, vendor), amount) for buyer in buyers[:1] for vendor in vendors
                      if vendor.name != buyer.name]
            continue
        if words[trigger] in {"gebaut", "gefertigt", "hergestellt", "produziert"}:
            if not is_passive(doc, trigger, bounds):
                continue
            vendors = [p for p in clause if p.is_org and p.explicit and p.preposition in {"von", "vom"}]
        else:
            vendors = [p for p in clause if p.is_org and p.explicit and p.start > trigger
                       and p.preposition in {"von", "vom"} and not p.compound]
            if any(p.free and (p.is_org or p.label == "PER") for p in clause if p.end <= trigger) \
                    or comes_as_a_person(doc, trigger) or not REACTIONS.isdisjoint(words[bounds[0]:trigger]):
                # "Die Chips für X kommen von Y" names its buyer; "Nvidia kommt von ...", "Albrecht kommt von
                # Opella", "Kritik kam von Umweltverbänden wie dem BUND" are no supply
                continue
        money = any(FUNDS_NOUN.fullmatch(w) for w in words[bounds[0]:trigger])
        if money and vendors and discourse.funding_round is not None and discourse.sentences_since_round <= ROUND_REACH:
            # "Frisches Kapital kommt zudem von Bosch": an investor in the round just told of
            target, round_amount = discourse.funding_round
            found += [make(doc, sent, "INVESTMENT", {"investor": vendor.name, "target": target},
                           confidence(vendor, implicit=True), amount or round_amount) for vendor in vendors
                      if vendor.name != target]
            continue
        # the buyer: the company the sentence before was about ("Die Bahn erneuert ihr Funknetz.")
        buyer = discourse.previous_subject
        if not vendors or buyer is None or not buyer.explicit or money \
                or any(p.is_org and p.preposition in {"an", "für"} for p in clause):
            continue
        found += [make(doc, sent, "PURCHASE", {"buyer": buyer.name, "vendor": vendor.name},
                       confidence(vendor, implicit=True), amount) for vendor in vendors if vendor.name != buyer.name]
    return found


CUSTOMER_WORD = re.compile(r"\w*(kunde|abnehmer)")  # one customer: "Der größte Kunde ist X"
SUPPLIER_WORD = re.compile(r"\w*(lieferant|zulieferer)")  # one supplier: "X ist der wichtigste Lieferant für Y"
# The party a customer or supplier word names, and the role of the company it is one of ("Kunde von Y": Y sells).
TRADE_PARTNER_WORDS = ((CUSTOMER_WORD, "buyer", "vendor"), (SUPPLIER_WORD, "vendor", "buyer"))


def customers_named(doc: Doc, sent: Span, parties: list[Party], discourse: Discourse) -> list[Relation]:
    """A customer or supplier named with a copula: "Der größte Kunde ist die Modeplattform X", "Wichtigster
    Abnehmer wird X", "Endkunde ist die Bundeswehr" (of the company named with "von"/"für"/a genitive, else the
    article's), "X ist der größte Kunde von Y", "X ist der wichtigste Lieferant solcher Speicher für Y"; or in
    a compound: "der Kessler-Lieferant Hagebau"."""
    found = []
    words = document.words(doc)
    for pattern, named_role, other_role in TRADE_PARTNER_WORDS:
        for trigger, bounds, clause in stated_clauses(doc, sent, parties, (pattern, True)):
            orgs = [p for p in clause if p.is_org and p.explicit]
            copula = next((i for i in range(trigger + 1, bounds[1]) if words[i] in COPULAS), bounds[1])
            reach = 4 if named_role == "buyer" else 6
            linked = next((p for p in orgs if trigger < p.start <= trigger + reach and p.end <= copula and (
                p.preposition in {"von", "vom", "für"} or genitive_phrase(doc, p, trigger))), None)
            modifier = next((p for p in orgs if p.compound and p.end + 1 == trigger), None)
            after = trigger + 1 if linked is None else linked.end
            possessor = possessed_by(doc, trigger, [p for p in parties if p.is_org])  # also before "weil"
            if after < sent.end and words[after] == "," and (linked or possessor):
                # "sein wichtigster Kunde, der Turbinenhersteller Nordex, ...": the apposition names the customer
                named = next((p for p in parties if after < p.start <= after + 4 and p.free and p.is_org
                              and p.explicit), None)
                linked = linked or possessor
            elif modifier is not None and linked is None:  # "der bisherige Kessler-Lieferant Hagebau"
                named = next((p for p in orgs if p.start == trigger + 1), None)
                linked = modifier
            elif after < bounds[1] and words[after] in COPULAS:  # "Der größte Kunde (von Y) ist X"
                named = next((p for p in orgs if after < p.start <= after + 5 and p.free), None)
            elif trigger > 2 and COPULAS & set(words[max(bounds[0], trigger - 5):trigger]):  # "X ist ... Kunde von Y"
                named = next((p for p in orgs if p.end <= trigger and p.free), None)
                if linked is None:
                    continue
            else:
                continue
            if linked is None and discourse.salient is not None:
                linked = Party(trigger, trigger + 1, discourse.salient, "ORG", explicit=False, compound=False,
                               genitive=False)
            if named is not None and linked is not None and named.name != linked.name:
                found.append(make(doc, sent, "PURCHASE", {named_role: named.name, other_role: linked.name},
                                  confidence(named, linked)))
    return found


def possessed_by(doc: Doc, noun: int, orgs: list[Party]) -> Party | None:
    """The company a possessive before a noun refers to: the last one named before it ("Nordwind geriet in
    Schieflage, weil sein wichtigster Kunde ...")."""
    words = document.words(doc)
    if not UNIT_POSSESSIVES & set(words[max(0, noun - 3):noun]):
        return None
    return next((p for p in reversed(orgs) if p.end < noun - 1 and p.explicit and not p.compound), None)


SPLITS = re.compile(r"teil(t|en|te|ten)|aufgeteilt")


def split_orders(doc: Doc, sent: Span, parties: list[Party], discourse: Discourse) -> list[Relation]:
    """An order divided among suppliers: "Hella teilt Großauftrag für Radarchips zwischen Infineon und NXP auf",
    "KIT bestellt KI-Rechner – HPE und Megware teilen sich den Auftrag" (the buyer of the order just told)."""
    found = []
    words = document.words(doc)
    for trigger, bounds, clause in stated_clauses(doc, sent, parties, (SPLITS, False)):
        if not any(ORDER_NOUN.fullmatch(w) or CONTRACT.fullmatch(w) for w in words[bounds[0]:bounds[1]]):
            continue
        between = next((i for i in range(bounds[0], bounds[1]) if words[i] == "zwischen"), None)
        orgs = [p for p in clause if p.is_org and p.explicit and not p.compound]
        if between is not None:  # "X teilt den Auftrag zwischen A und B auf", "X hat ihn zwischen A und B aufgeteilt"
            buyers = [p for p in subjects(clause, trigger) if p.start < min(trigger, between)]
            vendors = [p for p in orgs if p.start > between]
            buyer_name = buyers[0].name if buyers else None
        elif "sich" in words[trigger:trigger + 2]:  # "A und B teilen sich den Auftrag"
            vendors = [p for p in orgs if p.end <= trigger and (p.free or p.coordinated)]
            buyer_name = discourse.ordering
        else:
            continue
        amount = money_in(doc, bounds) or next(iter(amounts_in(doc, (sent.start, sent.end))), None)
        found += [make(doc, sent, "PURCHASE", {"buyer": buyer_name, "vendor": vendor.name},
                       confidence(vendor, implicit=between is None), amount)
                  for vendor in vendors if buyer_name not in {None, vendor.name}]
    return found


def order_winners(doc: Doc, sent: Span, parties: list[Party], discourse: Discourse) -> list[Relation]:
    """The suppliers of an order told just before: "X hat Anlagen für 600 Mio. Euro bestellt. Zum Zug kommen
    A, B und C", "Dafür wurden mit A und B Verträge geschlossen", "Der Auftrag geht an A und B"; each supplies
    the company that ordered."""
    words = document.words(doc)
    if discourse.ordering is None or discourse.sentences_since_order > 1:
        return []
    for trigger, bounds, clause in stated_clauses(doc, sent, parties, (CONTRACT, True)):
        # "Dafür wurden mit den Herstellern A, B und C Verträge über 430 Mio. Euro geschlossen"
        if any(p.name == discourse.ordering for p in clause) or CONCLUDED.isdisjoint(words[bounds[0]:bounds[1]]):
            continue  # not "Der Vertrag mit X umfasst ...": who the contract is with, not who supplies
        vendors = [p for p in clause if p.is_org and p.explicit and p.preposition == "mit" and not p.compound]
        return [make(doc, sent, "PURCHASE", {"buyer": discourse.ordering, "vendor": vendor.name},
                     confidence(vendor, implicit=True), money_in(doc, bounds)) for vendor in vendors]
    for trigger, bounds, clause in stated_clauses(doc, sent, parties, (GOES, False)):
        # "Der Großauftrag geht an drei Unternehmen: an A, B und C": the order just told goes to its suppliers
        if not any(ORDER_NOUN.fullmatch(w) for w in words[bounds[0]:trigger]) \
                or any(p.name == discourse.ordering for p in parties):
            continue
        vendors = [p for p in parties if p.is_org and p.explicit and p.start > trigger and not p.compound
                   and (p.preposition == "an" or p.coordinated and p.preposition in {None, "an"})]
        return [make(doc, sent, "PURCHASE", {"buyer": discourse.ordering, "vendor": vendor.name},
                     confidence(vendor, implicit=True), money_in(doc, (sent.start, sent.end))) for vendor in vendors]
    if "zum" not in words[sent.start:sent.end]:
        return []
    for trigger, bounds, clause in stated_clauses(doc, sent, parties, (WINS_ORDER, True)):
        if words[trigger - 1] != "zum" or any(p.name == discourse.ordering for p in parties):
            continue
        # also those listed after a colon: "Zum Zug kommen drei Ausrüster: A, B und C"
        vendors = [p for p in parties if p.is_org and p.explicit and p.start > trigger and (p.free or p.coordinated)
                   and not p.compound]
        return [make(doc, sent, "PURCHASE", {"buyer": discourse.ordering, "vendor": vendor.name},
                     confidence(vendor, implicit=True), money_in(doc, bounds)) for vendor in vendors]
    return []


def sales(doc: Doc, sent: Span, parties: list[Party], discourse: Discourse) -> list[Relation]:
    """liefern, verkaufen: 'Nvidia liefert Chips an Meta', 'Von ASML werden Anlagen an TSMC geliefert'."""
    found = []
    words = document.words(doc)
    for trigger, bounds, clause in stated_clauses(doc, sent, parties, (SELL, False)):
        # "Altair an Siemens verkauft": a headline's passive without its auxiliary
        elliptic = words[trigger] == "verkauft" and all(t.is_punct or t.is_space for t in doc[trigger + 1:sent.end]) \
            and (PASSIVE_AUX | FINITE_AUXILIARIES).isdisjoint(words[bounds[0]:trigger])
        passive = elliptic or is_passive(doc, trigger, bounds)
        vendors = agents(clause, trigger, passive)
        buyers = [p for p in clause if p.preposition in {"an", "für"} and p.is_org and p not in vendors]
        if not buyers and words[trigger].startswith("liefer"):  # "X soll der Deutschen Bahn 30 Züge liefern"
            buyers = [p for p in clause if p.is_org and p.explicit and p.free and p not in vendors
                      and phrase_article(doc, p) in {"dem", "der"}
                      and "," not in words[min(p.start, trigger):max(p.end, trigger)]]
        supplying = words[trigger].startswith(("belief", "versorg"))
        if supplying:  # "X beliefert Y (und Z)", "X soll Y mit Zellen beliefern", "X versorgt Y mit Strom"
            buyers = [p for p in clause if p.start > trigger and p.is_org and p.explicit and not p.compound
                      and (p.free or p.coordinated) and p not in vendors]
            if not buyers and vendors:  # "X soll Y mit Batteriezellen beliefern": the object after the modal verb
                buyers = [p for p in clause if vendors[-1].end < p.start <= vendors[-1].end + 2 and p.start < trigger
                          and p.is_org and p.explicit and p.free]
        amount = money_in(doc, bounds)
        objects = [p for p in clause if p.free and p.explicit and p.is_org and p not in vendors and p not in buyers
                   and not supplying and not p.attribution]
        stake = next((i for i in range(*bounds) if SHARE_HELD.fullmatch(words[i])), None)
        if not objects and stake is not None and not supplying:
            # "verkaufte ihre Beteiligung am Modeportal About You an Zalando": the company whose stake is sold
            objects = [p for p in clause if stake < p.start <= stake + 4 and p.preposition in {"an", "am"}
                       and p.is_org and p.explicit][:1]
        # the unit after the vendor, else fronted before it: "Die Kunststoffsparte will der Konzern ... verkaufen"
        unit = business_unit(doc, bounds, after=vendors[0].end) if vendors and not supplying else None
        if unit is None and vendors and not supplying:
            unit = business_unit(doc, (bounds[0], min(vendors[0].start, bounds[0] + 3)), after=bounds[0])
        implicit = False
        # "Die Server liefert Dell": to the company the article is about, or to the one that announces it ("...
        # sollen A und B liefern, wie ZF mitteilte")
        announcer = next((p for p in parties if p.attribution and p.is_org and bounds[0] <= p.start < bounds[1]
                          and p not in vendors), None)
        receiver = announcer.name if announcer is not None else discourse.salient
        # (not a supplier that opens its clause: "Surface Solutions liefert Pigmente für Autolacke" says what it
        # makes, for anyone)
        if not buyers and vendors and all(v.explicit for v in vendors) and doc[trigger].lower_ in SUPPLIES \
                and receiver not in {None, *(v.name for v in vendors)} and not objects and unit is None \
                and vendors[0].start > max(bounds[0], dateline_end(doc, sent)):
            implicit = True
        if not vendors and buyers and words[trigger].startswith("verkauf") and passive:
            # "Die Vodafone-Tochter Vantage Towers wird an KKR verkauft": the subject is sold, by its owner
            sold = next((p for p in clause if p.free and p.explicit and p.is_org and p.end <= trigger), None)
            if sold is not None:
                owner = next((p for p in clause if p.compound and p.end + 1 < len(doc) and p.end + 2 == sold.start
                              and SUBSIDIARY_WORD.fullmatch(doc[p.end + 1].lower_)), None)
                found += [make(doc, sent, "ACQUISITION", {"buyer": buyer.name, "acquired": sold.name,
                                                          "seller": owner.name if owner else None},
                               confidence(buyer, sold), amount) for buyer in buyers if buyer.name != sold.name]
        owned = [p.start - 1 for p in objects if p.start > 1 and BUSINESS_UNIT.fullmatch(doc[p.start - 1].lower_)]
        # "seine Aufzugssparte", or a headline's bare noun right after the verb ("verkaufen Telekomtochter BITel")
        own_unit = next((i for i in ([unit] if unit is not None else []) + owned
                         if possessed(doc, i) or i == trigger + 1), None)
        if not buyers and not implicit and own_unit is not None and words[trigger].startswith("verkauf"):
            # "Thyssenkrupp verkauft seine Aufzugssparte Elevator", "... sein Chipgeschäft", the buyer not (yet)
            # named: a divestiture
            child = word_at(doc, own_unit)
            found += [make(doc, sent, "SPINOFF", {"parent": vendor.name, "child": child}, confidence(vendor) - 0.1,
                           amount) for vendor in vendors[:1] if vendor.name != child]
        for vendor in vendors:
            for buyer_name in ([b.name for b in buyers] or ([receiver] if implicit else [])):
                if buyer_name == vendor.name:
                    continue
                if objects or unit is not None:  # "Siemens verkauft die Sparte an Bosch"
                    acquired = objects[0].name if objects else word_at(doc, unit)
                    if not objects and CONTROL.fullmatch(doc[unit].lower_):  # "verkaufen die Mehrheit an Y"
                        acquired = controlled_company(parties, vendors[0].start, discourse,
                                                      {buyer_name, *(v.name for v in vendors)})
                        if acquired is None:
                            continue
                    found.append(make(doc, sent, "ACQUISITION", {"buyer": buyer_name, "acquired": acquired,
                                                                 "seller": vendor.name}, confidence(vendor), amount))
                    continue
                buyer = next((b for b in buyers if b.name == buyer_name), None)
                item = item_before(doc, vendor.end, buyer.start) if buyer else item_before(doc, bounds[0], trigger)
                found.append(make(doc, sent, "PURCHASE", {"buyer": buyer_name, "vendor": vendor.name, "item": item},
                                  confidence(buyer, vendor, implicit=implicit), amount))
    return found


def phrase_article(doc: Doc, party: Party) -> str:
    """The word a name's phrase opens with, before the words that describe the name: "dem" for "dem
    Autobauer BMW", "die" for "die Deutsche Beteiligungs AG" (the dative "der Deutschen Bahn", a feminine
    "eine Firma X")."""
    i = party.start - 1
    while i > 0 and (is_descriptor(doc[i]) or doc[i].is_lower and ADJECTIVE.fullmatch(doc[i].text)
                     and doc[i].lower_ not in DETERMINERS or TITLE_PLACE_ADJECTIVE.fullmatch(doc[i].text)):
        i -= 1
    return doc[i].lower_ if i >= 0 else ""


CONCLUDED = {"geschlossen", "abgeschlossen", "unterzeichnet", "unterschrieben", "unterzeichnete", "unterzeichneten"}


# A contract to supply, named as one word: "Liefervertrag", "Rahmenverträge", "Stromliefervertrag"; an
# offtake contract ("Abnahmevertrag") is signed by the supplier with the party that takes the goods.
SUPPLY_CONTRACT = re.compile(r"\w*(liefer|rahmen|bezugs|versorgungs|dienstleistungs|service|wartungs|abnahme)"
                             r"(vertrag|verträge|vereinbarung|vereinbarungen)")


def supply_contracts(doc: Doc, sent: Span, parties: list[Party], discourse: Discourse) -> list[Relation]:
    """A supply contract concluded with a company: "Die Stadtwerke haben mit Equinor einen Liefervertrag
    abgeschlossen", "X, die mit RWE einen Liefervertrag geschlossen hat", "Mit A und B hat der Autobauer
    Lieferverträge geschlossen": who concludes it buys from the companies after "mit"; with an offtake
    contract, they buy from who concludes it."""
    found = []
    words = document.words(doc)
    for trigger, bounds, clause in stated_clauses(doc, sent, parties, (SUPPLY_CONTRACT, True)):
        verb = next((i for i in range(bounds[0], bounds[1]) if words[i] in CONCLUDED), None)
        partners = [p for p in clause if p.is_org and p.explicit and not p.compound
                    and (p.preposition == "mit" or p.coordinated and p.preposition in {None, "mit"}
                         and any(q.preposition == "mit" and q.end < p.start for q in clause))]
        if verb is None or not partners:
            continue
        doer, _ = relative_clause_roles(doc, clause, verb)
        concluders = [doer] if doer else subjects([p for p in clause if p not in partners], verb)
        offtake = words[trigger].startswith("abnahme")
        amount = money_in(doc, bounds)
        found += [make(doc, sent, "PURCHASE", {"buyer": buyer.name, "vendor": vendor.name},
                       confidence(concluder, partner) - 0.1, amount)
                  for concluder in concluders for partner in partners
                  for buyer, vendor in [(partner, concluder) if offtake else (concluder, partner)]
                  if concluder.name != partner.name]
    return found


def orders_named(doc: Doc, sent: Span, parties: list[Party], discourse: Discourse) -> list[Relation]:
    """'der Auftrag der Deutschen Bahn an Siemens', 'ein Großauftrag von Airbus an Safran': the order's
    placer in the genitive or after "von", its supplier after "an" (or "für")."""
    found = []
    for trigger, bounds, clause in stated_clauses(doc, sent, parties, (ORDER_NOUN, True)):
        if percents_in(doc, bounds):
            continue  # "70 % der Aufträge von Apple gehen an TSMC": shares of an order (``order_shares``)
        placer = next((p for p in clause if trigger < p.start <= trigger + 4 and p.is_org and p.explicit
                       and not p.compound and (genitive_phrase(doc, p, trigger) or p.preposition in {"von", "vom"})),
                      None)
        # "an" the supplier; after a "von" placer also "für": "Großauftrag von der Bahn für Siemens"
        supplier = next((p for p in clause if placer is not None and placer.end <= p.start <= placer.end + 4
                         and p.is_org and p.explicit and (p.preposition == "an" or p.preposition == "für"
                                                          and placer.preposition in {"von", "vom"})), None)
        if placer is not None and supplier is not None and placer.name != supplier.name:
            found.append(make(doc, sent, "PURCHASE", {"buyer": placer.name, "vendor": supplier.name, "item": None},
                              confidence(placer, supplier) - 0.05, money_in(doc, bounds)))
    return found


def transfers(doc: Doc, sent: Span, parties: list[Party], discourse: Discourse) -> list[Relation]:
    """'Die Tochter X geht für 3,5 Mrd. Euro an den Finanzinvestor Y', 'schloss den Verkauf der Tochter X
    an Y ab': what is sold, to the "an" parties; the seller is the subject of a sale noun, else the
    article's company."""
    found = []
    words = document.words(doc)
    for trigger, bounds, clause in stated_clauses(doc, sent, parties, (GOES, False), (SALE_NOUN, True),
                                                  (HANDS_OVER, False)):
        particle = HANDS_OVER_PARTICLES.get(words[trigger])
        handed = HANDS_OVER.fullmatch(words[trigger]) is not None
        handed_at = None
        if particle is not None and particle not in words[trigger:bounds[1]] \
                or handed and any(SHARE_HELD.fullmatch(w) for w in words[bounds[0]:bounds[1]]):
            continue  # "gibt ... an", "reicht aus": no handing over; "gibt ihren Anteil an X ab": a stake
        noun = is_noun(doc[trigger])
        buyers = [p for p in clause if p.is_org and p.explicit and p.start > (trigger if noun else bounds[0])
                  and p.preposition == "an" and (not p.compound or words[p.end + 1] == "gruppe")] \
            or consortium(doc, clause, bounds)  # "an die PSA-Gruppe": the group itself, a compound's head
        if noun and not buyers and not PROCEEDS.isdisjoint(words[bounds[0]:bounds[1]]):
            # "Insgesamt erlöst die Lufthansa mit dem Verkauf der LSG 1,3 Mrd. Euro": the seller parts with it
            sold = next((p for p in clause if p.start > trigger and p.explicit and genitive_phrase(doc, p, trigger)),
                        None)
            seller = next((p for p in subjects(clause, trigger) if p is not sold), None)
            if sold is not None and seller is not None and not is_negated(doc, bounds):
                found.append(make(doc, sent, "SPINOFF", {"parent": seller.name, "child": sold.name},
                                  confidence(seller, sold) - 0.05, money_in(doc, bounds)))
            continue
        if not buyers or not noun and "an" not in words[bounds[0]:bounds[1]]:
            continue
        if noun:  # "der Verkauf der Kaufhauskette Galeria an Signa", "der Verkauf von Galeria an Signa"
            named = next((p for p in clause if trigger < p.start < buyers[0].start and p.explicit and not p.compound
                          and (p.preposition in {None, "von", "vom"} or genitive_phrase(doc, p, trigger))), None)
            seller = next((p for p in subjects(clause, trigger) if p not in buyers and p is not named), None)
        else:
            named = next((p for p in clause if p.free and p.explicit and p.is_org and p.start < buyers[0].start
                          and (p.label == "ORG" or not handed)), None)
            seller = None
            if handed and named is not None and named is next((p for p in clause if p.free), None) \
                    and named.end < len(doc) and words[named.end] in SINGULAR_FINITE:
                # "Elmos gibt die Waferfertigung an Littelfuse ab", "Thyssenkrupp will die Stahlsparte an Jindal
                # abgeben": the subject hands over what follows
                seller, named = named, next((p for p in clause if named.end < p.start < buyers[0].start
                                             and p.explicit and p.is_org and not p.compound), None)
                if named is None:  # the noun the handing over ends with, unit word or not ("Waferfertigung")
                    handed_at = next((i for i in range(buyers[0].start - 2, seller.end, -1) if doc[i].is_title
                                      and doc[i].is_alpha and not doc[i].ent_type_), None)
                    if handed_at is None:
                        continue
        unit_at = handed_at if handed_at is not None else \
            business_unit(doc, (bounds[0], buyers[0].start), after=bounds[0]) if named is None else None
        acquired = named.name if named else word_at(doc, unit_at) if unit_at is not None else None
        if acquired is None:
            continue
        if seller is None and discourse.salient not in {None, acquired, *(b.name for b in buyers)}:
            seller = Party(trigger, trigger + 1, discourse.salient, "ORG", False, False, False)
        for buyer in buyers:
            found.append(make(doc, sent, "ACQUISITION", {"buyer": buyer.name, "acquired": acquired,
                                                         "seller": seller.name if seller else None},
                              confidence(buyer, seller) - 0.05, money_in(doc, bounds)))
    return found


def consortium(doc: Doc, clause: list[Party], bounds: tuple[int, int], *, to: bool = True) -> list[Party]:
    """The members of a group of companies: "an ein Konsortium der Finanzinvestoren Apax und Warburg Pincus"
    (``to``: the group something goes to), "ein Konsortium aus Stadler und Siemens"."""
    words = document.words(doc)
    group = next((i for i in range(bounds[0] + 1, bounds[1]) if FIRM_GROUP.fullmatch(words[i])
                  and (not to or "an" in words[max(bounds[0], i - 3):i])), None)
    if group is None:
        return []
    first = next((p for p in clause if group < p.start <= group + 4 and p.explicit and p.is_org), None)
    if first is None:
        return []
    return [first] + [p for p in clause if p.start > first.end and p.coordinated and p.is_org and p.explicit]


def buyers_named(doc: Doc, sent: Span, parties: list[Party], discourse: Discourse) -> list[Relation]:
    """'Käufer der Einheit Surface Solutions ist X', 'Käufer ist der Finanzinvestor X': the buyer of the unit
    named with the word, else of what the last sentence with a deal says was sold."""
    found = []
    words = document.words(doc)
    for word, bounds, clause in stated_clauses(doc, sent, parties, (BUYER_WORD, None)):
        copula = next((i for i in (word - 1, word + 1, word + 2, word + 3, word + 4, word + 5)
                       if bounds[0] <= i < bounds[1] and words[i] in COPULAS), None)
        if copula is None or is_negated(doc, bounds):
            continue
        named = next((p for p in clause if word < p.start < copula and p.explicit), None)
        unit = business_unit(doc, (word, copula), after=word) if named is None else None
        buyers = subjects([p for p in clause if p.is_org and p.start > copula], copula)
        sold = [r for r in discourse.recent if r.type in {"SPINOFF", "ACQUISITION"}]
        bare = unit is not None and words[unit] in BARE_UNITS
        if named is not None or unit is not None and not bare:
            acquired, seller = (named.name if named else word_at(doc, unit)), discourse.salient
        elif sold and (copula == word + 1 or bare):  # "Käufer (der Sparte) ist X": what was just sold
            last = sold[-1]
            acquired = last.roles["child"] if last.type == "SPINOFF" else last.roles["acquired"]
            seller = last.roles["parent"] if last.type == "SPINOFF" else last.roles.get("seller")
        else:
            continue
        found += [make(doc, sent, "ACQUISITION", {"buyer": buyer.name, "acquired": acquired,
                                                  "seller": seller if seller not in {buyer.name, acquired} else None},
                       confidence(buyer) - 0.05, money_in(doc, bounds))
                  for buyer in buyers[:1] if buyer.name != acquired]
    return found


def contract_work(doc: Doc, sent: Span, parties: list[Party], discourse: Discourse) -> list[Relation]:
    """Things made to a customer's order: 'Foxconn produziert im Auftrag von Apple', 'die Auftragsfertiger
    Wistron und Inventec, die für Dell Hauptplatinen bauen' (the makers sell to the customer), 'Apple
    lässt seine Chips bei TSMC fertigen' (the subject buys from the "bei" party)."""
    found = []
    words = document.words(doc)
    for trigger, bounds, clause in stated_clauses(doc, sent, parties, (MAKES, False)):
        named = [p for p in clause if p.is_org and p.explicit and not p.compound and not p.genitive]
        if LETS & set(words[bounds[0]:bounds[1]]):
            vendor = next((p for p in named if p.preposition in {"bei", "beim"}), None)
            buyers = [p for p in subjects(clause, trigger) if vendor is None or p.name != vendor.name]
            found += [make(doc, sent, "PURCHASE", {"buyer": buyer.name, "vendor": vendor.name},
                           confidence(buyer, vendor) - 0.1) for buyer in buyers if vendor is not None]
            continue
        commissioned = next((p for p in named if p.start >= 3 and words[p.start - 3:p.start - 1] == ["im", "auftrag"]
                             or p.start >= 2 and words[p.start - 2:p.start] == ["im", "auftrag"]), None)
        # (not "Für Hoogeveen, das Anlagen baut, zahlt GEA": the antecedent of the maker's relative clause)
        buyer = commissioned or next((p for p in named if p.preposition == "für" and not (
            p.end + 1 < trigger and words[p.end] == "," and words[p.end + 1] in RELATIVE_PRONOUNS)), None)
        if buyer is None:
            continue
        vendors = [p for p in subjects(clause, trigger) if p.name != buyer.name]
        found += [make(doc, sent, "PURCHASE", {"buyer": buyer.name, "vendor": vendor.name},
                       confidence(vendor, buyer) - 0.1) for vendor in vendors]
    return found


def orders(doc: Doc, sent: Span, parties: list[Party], discourse: Discourse) -> list[Relation]:
    """'X erhält von Y einen Auftrag' (X sells) / 'Y vergibt einen Auftrag an X' (Y buys)."""
    found = []
    words = document.words(doc)
    for trigger, bounds, clause in stated_clauses(doc, sent, parties, (ORDER_RECEIVED, False), (ORDER_PLACED, False),
                                                  (SECURES, False)):
        secured = SECURES.fullmatch(words[trigger]) is not None  # "hat sich den Auftrag von Y gesichert"
        if secured and "sich" not in words[bounds[0]:bounds[1]]:
            continue
        receiving = secured or bool(ORDER_RECEIVED.fullmatch(doc[trigger].lower_))
        if percents_in(doc, bounds):
            continue  # a share of an order (``order_shares``)
        if COMMISSION.fullmatch(words[trigger]):
            # "Tennet hat Siemens Energy mit der Lieferung von ... beauftragt": the object supplies
            passive = is_passive(doc, trigger, bounds)
            buyers = agents(clause, trigger, passive)
            vendors = [p for p in (subjects(clause, trigger) if passive else clause) if p.is_org and p.explicit
                       and (p.free or p.coordinated) and not p.compound and p not in buyers]
            found += [make(doc, sent, "PURCHASE", {"buyer": buyer.name, "vendor": vendor.name,
                                                   "item": item_before(doc, vendor.end, trigger)},
                           confidence(buyer, vendor) - 0.05, money_in(doc, bounds))
                      for buyer in buyers[:1] for vendor in vendors if vendor.name != buyer.name]
            continue
        if not any(ORDER_NOUN.fullmatch(words[i]) for i in range(*bounds)):
            # "Erteilt wurde er vom Raketenhersteller Y": the order just named, placed by Y
            placer = next((p for p in clause if p.is_org and p.preposition in {"von", "vom"}), None)
            if receiving or placer is None or discourse.order_recipient in {None, placer.name} \
                    or not is_passive(doc, trigger, bounds):
                continue
            found.append(make(doc, sent, "PURCHASE", {"buyer": placer.name, "vendor": discourse.order_recipient,
                                                      "item": None}, confidence(placer, implicit=True) - 0.05,
                              money_in(doc, bounds) or discourse.order_amount))
            continue
        own = subjects(clause, trigger)
        sold = next((r for r in discourse.recent if r.type == "SPINOFF"), None)
        won = next((p for p in clause if p.is_org and p.explicit and p.preposition == "für" and not p.compound
                    and words[p.start - 1] == "für" and "zuschlag" in words[max(bounds[0], p.start - 3):p.start]),
                   None) if receiving else None
        if won is not None:  # "Volkswagen erhält den Zuschlag für Northvolt": the winning bid buys the company
            found += [make(doc, sent, "ACQUISITION", {"buyer": party.name, "acquired": won.name},
                           confidence(party, won), money_in(doc, bounds)) for party in own if party is not won]
            continue
        if receiving and sold is not None and "zuschlag" in words[bounds[0]:bounds[1]]:
            # "Die Bahn trennt sich von DB Schenker. Den Zuschlag erhält DSV": the bidder that won buys the unit
            found += [make(doc, sent, "ACQUISITION", {"buyer": party.name, "acquired": sold.roles["child"],
                                                      "seller": sold.roles["parent"]},
                           confidence(party, implicit=True), money_in(doc, (bounds[0], sent.end)))
                      for party in own if party.name not in sold.roles.values()]
            continue
        counter_preps = {"von", "vom", "aus"} if receiving else {"an", "bei"}
        members = consortium(doc, clause, bounds, to=False) if receiving else []
        if members:  # "Den Zuschlag erhielt ein Konsortium aus A, B und C": they receive
            own = members
        others = [p for p in clause if p.is_org and p not in own and p not in members and not is_origin(p, clause) and (
            p.preposition in counter_preps or receiving and order_of(doc, p, bounds)
            or receiving and p.preposition == "an" and any(w.startswith("lieferung") for w in words[
                max(bounds[0], p.start - 8):p.start]))]  # "den Zuschlag für die Lieferung von Zügen an X"
        amount = money_in(doc, bounds)
        implicit = False
        if receiving and not others and own:
            discourse.order_recipient = own[0].name  # its buyer may follow: "Erteilt wurde er von Y"
            discourse.order_amount = amount
        if not receiving and not others and own:  # "Die Rentenversicherung vergibt einen Auftrag": shares may follow
            discourse.ordering, discourse.sentences_since_order = own[0].name, -1
        if receiving and not secured and not others and own and discourse.salient not in {None, own[0].name}:
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


def is_origin(party: Party, clause: list[Party]) -> bool:
    """A place right after a company's name with "aus": where the company is from ("Ionos aus Montabaur")."""
    return party.label == "LOC" and party.preposition == "aus" and any(p.end == party.start - 1 for p in clause)


def order_of(doc: Doc, party: Party, bounds: tuple[int, int]) -> bool:
    """Whether the party is the genitive after an order noun: "einen Auftrag der Fluggesellschaft Indigo"."""
    words = document.words(doc)
    noun = next((i for i in range(party.start - 1, max(bounds[0], party.start - 5) - 1, -1)
                 if ORDER_NOUN.fullmatch(words[i])), None)
    return noun is not None and genitive_phrase(doc, party, noun)


def is_order_share_rest(sent: Span) -> bool:
    return "rest" in document.words(sent.doc)[sent.start:sent.end]


# Verbs that hand out shares of an order: "entfallen auf X", "gehen an X", "X erhält (sichert sich) mit 45 Prozent".
SHARE_GOES = re.compile(r"entf(a|ä)ll(t|en)|entfiel(en)?|geh(t|en)|ging(en)?|erh(a|ä)lt|erhalten|erhielt(en)?"
                        r"|sicher(t|n|te|ten)|liefer(t|n|te|ten)")


def order_shares(doc: Doc, sent: Span, parties: list[Party], discourse: Discourse) -> list[Relation]:
    """'60 % der Aufträge gehen an X und Y, der Rest an Z': shares of a buyer's orders."""
    bounds = (sent.start, sent.end)
    percents = percents_in(doc, bounds)
    words = document.words(doc)
    # not "hält im Auftrag des Bundes 25,1 Prozent": on the state's behalf, no order
    has_order = any(words[i - 1] != "im" or words[i] != "auftrag" for i in triggers(sent, ORDER_NOUN))
    # "..., der Rest geht an Z" / "Micron muss sich mit 10 Prozent begnügen": the shares just named go on
    continues = discourse.order_share_total is not None and (is_order_share_rest(sent) or bool(percents))
    # "Die Hochbahn hat 530 Busse bestellt. Den größten Anteil erhält MAN mit 45 Prozent, auf Daimler entfallen
    # 35 Prozent": shares of the order told in the sentence before
    sharing = percents and discourse.ordering is not None and discourse.sentences_since_order <= 1 \
        and any(SHARE_GOES.fullmatch(word) for word in words[sent.start:sent.end])
    if not (percents and has_order or continues or sharing) or is_negated(doc, bounds) \
            or not HOLDS.isdisjoint(words[sent.start:sent.end]):  # a holding's percentage: "Die KfW hält 25,1 Prozent"
        return []
    candidates = [p for p in parties if not p.attribution and p.is_org]
    buyer = next((p for p in candidates if p.preposition in {"von", "vom"} and not p.compound), None)
    placing = bool(triggers(sent, ORDER_PLACED)) and not is_passive(doc, sent.end - 1, bounds)
    if buyer is None and placing:
        buyer = next((p for p in candidates if p.free), None)
    previous = discourse.previous_subject  # "Nvidia verteilt seine Aufträge ... 60 % entfallen auf X"
    buyer_name = buyer.name if buyer else discourse.order_share_buyer if continues \
        else discourse.ordering if sharing and not has_order \
        else previous.name if previous is not None and previous.explicit else discourse.salient
    if buyer_name is None:
        return []
    discourse.order_share_buyer = buyer_name
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
            if sharing and not continues and not has_order:
                # "Audi will Zellen bei zwei Herstellern einkaufen. 70 Prozent soll LG liefern": Audi buys from LG
                found.append(make(doc, sent, "PURCHASE", {"buyer": buyer_name, "vendor": vendor.name},
                                  confidence(buyer, vendor, implicit=True)))
    return found


def comma_segments(sent: Span) -> list[tuple[int, int]]:
    cuts = [t.i for t in sent if t.text in {",", ";"} or t.lower_ == "während"]
    edges = [sent.start, *cuts, sent.end]
    return [(edges[k], edges[k + 1]) for k in range(len(edges) - 1)]


def investments(doc: Doc, sent: Span, parties: list[Party], discourse: Discourse) -> list[Relation]:
    found = []
    words = document.words(doc)
    for trigger, bounds, clause in stated_clauses(doc, sent, parties, (INVEST, False), (INVEST_NOUN, True),
                                                  (STEP_IN, False), (BUILDS, False), (SETS_ASIDE, False)):
        if STEP_IN.fullmatch(doc[trigger].lower_) and not any(doc[i].lower_ in {"ein", "eingestiegen"}
                                                               for i in range(trigger, bounds[1])):
            continue
        amount = money_in(doc, bounds)
        if BUILDS.fullmatch(words[trigger]) or SETS_ASIDE.fullmatch(words[trigger]):
            if amount is not None and (builds_for(doc, trigger, bounds) if BUILDS.fullmatch(words[trigger])
                                       else sets_aside_for(doc, trigger, bounds)):
                found += capital_spending(doc, sent, parties, trigger, bounds, clause, amount, discourse)
            continue
        passive = not is_noun(doc[trigger]) and is_passive(doc, trigger, bounds)
        if is_noun(doc[trigger]):
            investors = [p for p in clause if trigger < p.start <= trigger + 3 and p.preposition in {"von", "vom"}]
            if not investors and amount is not None and any(
                    span.start <= trigger + 5 and span.start > trigger and words[span.start - 1] in {"von", "über"}
                    for span in amount_spans(doc, bounds)):
                # "plant die EnBW Investitionen von bis zu 50 Milliarden Euro": the planner's
                investors = subjects(clause, trigger)
        elif passive:  # "Intel wird vom Bund mit 10 Mrd. Euro unterstützt"
            investors = agents(clause, trigger, passive=True)
        else:
            # a state invests too ("Der Staat Katar beteiligt sich an RWE"), a dateline's place does not
            investors = subjects([p for p in clause if p.label != "LOC" or not is_dateline(doc, p)], trigger,
                                 ("ORG", "LOC")) or [p for p in [role_holder(doc, clause)] if p]
        targets = [p for p in clause if p.is_org and p.label != "LOC" and not p.compound and p not in investors
                   and p.preposition in {"in", "im", "bei", "beim", "an", "am"}]  # a place is where, not whom
        if passive and not targets and SUPPORT.fullmatch(words[trigger]):
            targets = [p for p in subjects(clause, trigger) if p not in investors][:1]
        reflexive = next((i for i in range(bounds[0], trigger) if words[i] == "sich"), None)
        if words[trigger].startswith("beteilig") and reflexive is not None:
            if words[reflexive - 2] == "an" and words[reflexive - 1] in {"der", "dem", "denen"}:
                continue  # "eine Runde, an der sich X beteiligte": the round's investors, read with the round
            # "Am Start-up beteiligt sich auch Nvidia", "an dem sich neben Accel auch Nvidia beteiligt"
            investors = [p for p in clause if reflexive < p.start < trigger and p.is_org
                         and (p.free or p.preposition == "neben")] or investors
        if not targets and not is_noun(doc[trigger]) and not passive:
            # "Der Bund unterstützt Intel mit 10 Mrd. Euro", "fördert das Werk von Northvolt": the object
            supporting = SUPPORT.fullmatch(words[trigger]) is not None
            targets = [p for p in clause if p.start > trigger and p.is_org and p.label != "LOC" and p.explicit
                       and not p.compound and p not in investors
                       and (supporting and p.free and not p.coordinated or p.preposition in {"von", "vom"})][:1]
        if words[trigger].startswith("beteilig") and "sich" not in words[bounds[0]:bounds[1]] and not targets \
                and percents_in(doc, bounds) and not {"an", "am"} & set(words[bounds[0]:bounds[1]]) \
                and discourse.salient not in {None, *(investor.name for investor in investors)}:
            # "Leonardo ist mit knapp 23 Prozent beteiligt": at the article's company
            targets = [Party(trigger, trigger + 1, discourse.salient, "ORG", explicit=False, compound=False,
                             genitive=False)]
        relative = next((p for p in clause if p.end + 3 <= trigger and doc[p.end].text == ","
                         and words[p.end + 1] in {"an", "am"} and words[p.end + 2] in {"dem", "der", "denen"}), None)
        if words[trigger] == "beteiligt" and relative is not None:  # "Vantage Towers, an dem Vodafone beteiligt ist"
            investors = [p for p in clause if relative.end < p.start < trigger and p.is_org][:1]
            targets = [relative]
        if not targets and not is_noun(doc[trigger]):  # "Finanzspritze für Aleph Alpha: Bosch investiert ..."
            targets = [p for p in [headline_topic(doc, sent, parties, trigger, FUNDING_HEADLINE_NOUN)]
                       if p is not None and p not in investors]
        if not targets:
            # "in eine Beteiligung an dem Aufzugsgeschäft, das künftig unter dem Namen TK Elevator firmieren soll"
            targets = [p for p in clause if p.explicit and p.is_org and p.start > trigger
                       and words[p.start - 1] == "namen" and p not in investors][:1]
        if not investors or (amount is None and not targets):
            continue
        if words[trigger] == "beteiligt" and "sich" not in words[bounds[0]:bounds[1]] and targets:
            # "Nvidia ist an CoreWeave beteiligt", "... ist mit 24,9 Prozent an OMV beteiligt": a holding
            share = next(iter(percents_in(doc, bounds)), None)
            found += [make(doc, sent, "OWNERSHIP", {"owner": investor.name, "owned": targets[0].name},
                           confidence(investor, targets[0]), percent=share._.percent if share else None)
                      for investor in investors if investor.name != targets[0].name]
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


def builds_for(doc: Doc, trigger: int, bounds: tuple[int, int]) -> bool:
    """Whether a building verb's clause pays for a plant: "für 250 Millionen Euro eine neue Anlage"."""
    words = document.words(doc)
    priced = any(words[span.start - 1] == "für" or span.start > 1 and words[span.start - 2] == "für"
                 for span in amount_spans(doc, bounds))
    return priced and any(PROJECT_NOUN.fullmatch(words[i]) for i in range(trigger + 1, bounds[1]))


def sets_aside_for(doc: Doc, trigger: int, bounds: tuple[int, int]) -> bool:
    """Whether a verb of setting money aside ("plant ... ein", "bereitgestellt") has it for a project of the
    subject's own: "für die Modernisierung", "für den Ausbau dieses Standorts"."""
    words = document.words(doc)
    particle = SETS_ASIDE_PARTICLES.get(words[trigger])
    if particle is not None and particle not in words[trigger + 1:bounds[1]]:
        return False  # "plant einen Börsengang", "stellt Fragen"
    return any(words[i] == "für" and any(PROJECT_NOUN.fullmatch(w) for w in words[i + 1:i + 4])
               for i in range(bounds[0], bounds[1]))


def capital_spending(doc: Doc, sent: Span, parties: list[Party], trigger: int, bounds: tuple[int, int],
                     clause: list[Party], amount: Money, discourse: Discourse) -> list[Relation]:
    """The builder's investment in a plant: in the place the clause names, with no target company. A plant
    that "entsteht" is built by the company the sentence named before ("Flix baut aus: In Hamburg entsteht
    für 45 Millionen Euro eine Werkstatt"), else by the one the last sentence was about."""
    builders = [p for p in subjects(clause, trigger) if p.is_org]
    if not builders and document.words(doc)[trigger].startswith("entst"):
        before = [p for p in parties if p.end <= trigger and p.free and p.is_org]
        builders = before[:1] or [Party(trigger, trigger + 1, name, "ORG", explicit=False, compound=False,
                                        genitive=False) for name in [discourse.topic or discourse.salient] if name]
    location = next((p for p in clause if p.label == "LOC" and p.preposition in {"in", "im"}), None)
    return [make(doc, sent, "INVESTMENT", {"investor": builder.name, "target": None,
                                           "location": location.name if location else abroad(doc, bounds),
                                           "until": until_year(doc, bounds)},
                 confidence(builder), amount) for builder in builders[:1]]


# Carrying a cost or contributing money invests it: "Freistaat Bayern und Bund tragen jeweils 15 Millionen Euro",
# "das Land steuert 75 Millionen Euro bei", "Die übrigen 60 Millionen Euro teilen sich X und Y".
CARRIES = re.compile(r"trag(en|t)|trägt|trug(en)?|getragen|steuer(t|n|te|ten)|beigesteuert|teil(en|t)")


def contributions(doc: Doc, sent: Span, parties: list[Party], discourse: Discourse) -> list[Relation]:
    """Money contributed to a project or a company: a cost carried, an amount contributed or shared, money
    made available ("stellen X und Y dem Fintech 30 Mio. Euro zur Verfügung"); the contributors invest it,
    in the company given it if one is named, else in no company (public money for a project)."""
    found = []
    words = document.words(doc)
    for trigger, bounds, clause in stated_clauses(doc, sent, parties, (CARRIES, False), (PROVIDES, True)):
        word = words[trigger]
        amount = money_in(doc, bounds)
        clause_words = words[bounds[0]:bounds[1]]
        if amount is None or percents_in(doc, bounds) or any(KEY_FIGURE.fullmatch(w) for w in clause_words):
            continue  # a share of an order or of a company, or a company's own figures ("Gewinn von 100 Mio.")
        if not PROVIDES.fullmatch(word) and is_passive(doc, trigger, bounds):
            continue  # "die von Heilberuflern getragen wird": carried, not paid
        rest = words[trigger + 1:bounds[1]]
        if word.startswith("steuer") and "bei" not in rest or word.startswith("teil") and rest[:1] != ["sich"]:
            continue  # "steuert ... bei", "teilen sich"
        providing = PROVIDES.fullmatch(word) is not None
        if providing and (words[trigger - 1] != "zur" or any(CAPACITY.fullmatch(w) for w in clause_words)):
            continue  # capacity made available is rented (``leases``)
        passive = providing and is_passive(doc, trigger + 1, bounds)
        contributors = [p for p in clause if p.preposition in {"von", "vom"} and p.is_org] if passive else [
            p for p in subjects([p for p in clause if not is_dateline(doc, p)], trigger, ("ORG", "LOC"))
            if p.is_org or is_public_funder(doc, p)]
        # the receiver in the dative: "dem Fintech Pagora", "dem Konzern Uniper"
        receiver = next((p for p in clause if p.is_org and p.explicit and p not in contributors and p.free
                         and {"dem", "der"} & set(words[max(p.start - 2, 0):p.start])), None) if providing else None
        if providing and receiver is None and "dem" in words[max(trigger - 8, 0):trigger] \
                and discourse.salient is not None:
            # "stellen A und B dem Fintech 30 Mio. Euro zur Verfügung": the company the article is about
            receiver = Party(trigger, trigger + 1, discourse.salient, "ORG", explicit=False, compound=False,
                             genitive=False)
        if providing and receiver is None:
            continue
        found += [make(doc, sent, "INVESTMENT", {"investor": contributor.name,
                                                 "target": receiver.name if receiver else None},
                       confidence(contributor, receiver) - 0.1, amount)
                  for contributor in contributors if receiver is None or contributor.name != receiver.name]
    return found


def sellers(doc: Doc, sent: Span, parties: list[Party], discourse: Discourse) -> list[Relation]:
    """'Verkäufer sind die Autobauer BMW und Mercedes-Benz', 'X ist der Verkäufer': who sold what the last
    sentence with a deal says was bought."""
    acquisitions = [r for r in discourse.recent if r.type == "ACQUISITION" and not r.roles.get("seller")]
    if not acquisitions:
        return []
    found = []
    words = document.words(doc)
    for word, bounds, clause in stated_clauses(doc, sent, parties, (SELLER_WORD, None)):
        copula = next((i for i in (word - 1, word + 1) if bounds[0] <= i < bounds[1] and words[i] in COPULAS), None)
        if copula is None:
            continue
        named = subjects([p for p in clause if p.is_org and (p.start > copula if copula > word else p.end <= copula)],
                         copula)
        for acquisition in acquisitions:
            found += [replace(acquisition, roles={**acquisition.roles, "seller": seller.name},
                              confidence=round(acquisition.confidence - 0.1, 2))
                      for seller in named if seller.name not in acquisition.roles.values()]
    return found


def financing(doc: Doc, sent: Span, parties: list[Party], discourse: Discourse) -> list[Relation]:
    """'Die KfW hat dem Unternehmen eine Wandelanleihe über 600 Millionen Euro zugesagt', 'Das Land gewährt
    Northvolt einen Kredit', 'sagt X Fördermittel von 50 Millionen Euro zu': the lender invests in the
    borrower (the company the article is on, if the clause names none)."""
    found = []
    words = document.words(doc)
    for noun, bounds, clause in stated_clauses(doc, sent, parties, (FINANCING_NOUN, True)):
        clause_words = words[bounds[0]:bounds[1]]
        verb = next((i for i in range(*bounds) if GRANTS.fullmatch(words[i])
                     or GRANTS_WITH_PARTICLE.get(words[i]) in clause_words[i - bounds[0] + 1:]), None)
        if verb is None and not FUNDS_COME.isdisjoint(clause_words):
            # "Vom Bund und vom Land X kommen Fördermittel von bis zu 110 Millionen Euro": money for a project,
            # given by the "von" parties
            found += [make(doc, sent, "INVESTMENT", {"investor": funder.name}, confidence(funder) - 0.1,
                           money_in(doc, bounds))
                      for funder in clause if funder.preposition in {"von", "vom"} and funder.start < noun
                      and (funder.is_org or funder.label == "LOC")]
            continue
        if verb is None or is_passive(doc, verb, bounds):
            continue
        lenders = subjects([p for p in clause if not p.attribution], verb, ("ORG", "LOC"))  # "Bund und Land X"
        if not lenders:
            continue
        borrower = next((p for p in clause if p not in lenders and p.is_org and not p.compound
                         and (p.preposition is None and not p.coordinated or p.preposition in {"an", "für"})), None)
        amount = money_in(doc, bounds)
        project = next((i for i in range(bounds[0], noun) if words[i] == "für" and i + 2 < noun
                        and PROJECT_NOUN.fullmatch(words[i + 2])), None)
        for lender in lenders:
            if borrower is None and project is not None:
                # "haben für den Ausbau Fördermittel zugesagt": money for a project, not into a company
                roles = {"investor": lender.name, "purpose": word_at(doc, project + 2)}
                found.append(make(doc, sent, "INVESTMENT", roles, confidence(lender) - 0.05, amount))
                continue
            target = borrower
            if target is None and discourse.salient not in {None, lender.name} and amount is not None:
                target = Party(noun, noun + 1, discourse.salient, "ORG", explicit=False, compound=False, genitive=False)
            if target is not None and target.name != lender.name:
                found.append(make(doc, sent, "INVESTMENT", {"investor": lender.name, "target": target.name},
                                  confidence(lender, target), amount))
    return found


def fundraising(doc: Doc, sent: Span, parties: list[Party], discourse: Discourse) -> list[Relation]:
    """'X hat bei Investoren wie Y und Z 300 Mio. Dollar eingesammelt': Y and Z invest in X."""
    found = []
    words = document.words(doc)
    for trigger, bounds, clause in stated_clauses(doc, sent, parties, (RAISE, False), (RECEIVED, False)):
        amount = money_in(doc, bounds)
        if amount is None:
            continue
        investors = [p for p in clause if p.is_org and p.preposition in {"bei", "von", "vom"} and not p.compound
                     and not founded_by(doc, p, trigger)]
        if RECEIVED.fullmatch(words[trigger]) and not any(INVESTOR_WORD.fullmatch(words[i]) or _IS_ROUND_NOUN(words[i])
                                                          for i in range(*bounds)) \
                and not any(is_public_funder(doc, p) for p in investors):
            # "hat 600 Mio. Euro von Investoren wie X erhalten", "in einer von X angeführten Runde erhalten", "erhält
            # vom Land X …", not any money received
            continue
        targets = subjects(clause, trigger) or [Party(trigger, trigger + 1, discourse.salient, "ORG", False, False,
                                                     False)] if discourse.salient else []
        if targets:
            discourse.funding_round, discourse.sentences_since_round = (targets[0].name, amount), -1
        for target in targets[:1]:
            for investor in investors:
                found.append(make(doc, sent, "INVESTMENT", {"investor": investor.name, "target": target.name},
                                  confidence(target, investor), amount))
    return found


def founded_by(doc: Doc, party: Party, before: int) -> bool:
    """Whether the party is one who founded the company ("von A und B gegründet"), not one who gave money."""
    words = document.words(doc)
    end = next((i for i in range(party.end, before) if words[i] in {",", ";"}), before)
    return any(FOUNDED.fullmatch(words[i]) for i in range(party.end, min(end, party.end + 6)))


def is_public_funder(doc: Doc, party: Party) -> bool:
    """A state that gives money: "vom Land Schleswig-Holstein", "vom Freistaat Bayern", "vom Bund", "von der
    Bundesregierung"."""
    return party.start > 0 and doc[party.start - 1].lower_ in PUBLIC_BODY_NOUNS \
        or doc[party.start].lower_ in PUBLIC_BODY_NOUNS and party.end - party.start > 1 \
        or party.name.casefold() in {"bund", "eu", "europäische union"} or FEDERAL_BODY.fullmatch(party.name.casefold())


def round_investors(doc: Doc, sent: Span, parties: list[Party], discourse: Discourse) -> list[Relation]:
    """'Angeführt wird die Runde von X', 'Neu an Bord sind Y und Z', 'Die Altinvestoren A und B legten
    nach': the investors of the funding round named just before, each with the round's amount."""
    discourse.sentences_since_round += 1
    words = document.words(doc)[sent.start:sent.end]
    round_noun = any(_IS_ROUND_NOUN(word) for word in words)
    named = round_named(doc, sent, parties) if round_noun else None
    if named is not None and (discourse.funding_round is None or discourse.funding_round[0] != named.name):
        # "A und B führen die Finanzierungsrunde von X an": the round of a company not named before
        discourse.funding_round = (named.name, money_in(doc, (sent.start, sent.end)))
        discourse.sentences_since_round = 0
    active = discourse.funding_round is not None and discourse.sentences_since_round <= ROUND_REACH
    amount = money_in(doc, (sent.start, sent.end)) if round_noun and named is None and not active else None
    if amount is not None and not any(word.startswith("bewert") for word in words):  # a valuation is no round
        # "Im Rahmen einer Finanzierungsrunde über 80 Millionen Euro ...": the round of the company the last
        # investment went into, else of the company the article is about
        # "X hat eine Finanzierungsrunde über ... abgeschlossen": the subject of closing or raising it
        closing = next((i for i in range(sent.start, sent.end) if ROUND_CLOSED.fullmatch(document.words(doc)[i])), None)
        closer = subjects([p for p in parties if p.explicit and not p.attribution], closing) if closing else []
        target = closer[0].name if closer else discourse.invested or discourse.salient
        if target is not None:
            discourse.funding_round, discourse.sentences_since_round = (target, amount), 0
    if discourse.funding_round is None or discourse.sentences_since_round > ROUND_REACH:
        return []
    if not any(_IS_ROUND_CUE(word) for word in words) or is_negated(doc, (sent.start, sent.end)):
        return []
    target, amount = discourse.funding_round
    investors = [p for p in parties if p.is_org and p.explicit and not p.compound and not p.attribution
                 and p.name != target and p.preposition in {None, "von", "vom", "neben"}
                 and not founded_by(doc, p, sent.end)]
    return [make(doc, sent, "INVESTMENT", {"investor": investor.name, "target": target},
                 confidence(investor, implicit=1), amount) for investor in investors]


def round_named(doc: Doc, sent: Span, parties: list[Party]) -> Party | None:
    """The company whose funding round the sentence names with it: "die Finanzierungsrunde von X", "die
    Runde bei X", "Xs Finanzierungsrunde"."""
    words = document.words(doc)
    led = not {"angeführt", "geführt", "geleitet"}.isdisjoint(words[sent.start:sent.end])
    for i in range(sent.start, sent.end):
        if not _IS_ROUND_NOUN(words[i]):
            continue
        after = next((p for p in parties if p.start in {i + 1, i + 2} and p.is_org and p.explicit
                      and (p.preposition in {"bei", "beim"} or p.preposition in {"von", "vom"} and not led
                           or genitive_phrase(doc, p, i))), None)  # not "angeführt von X": the leader
        before = next((p for p in parties if p.end == i and p.genitive and p.is_org), None)
        if after or before:
            return after or before
    return None


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
                    and not (doc[end].lower_ in {"in", "im"} and end + 1 < len(doc)
                             and doc[end + 1].ent_type_ == "LOC"):
                end += 1
            if end > i + 2:
                return doc[i + 2 : end].text
    for i in range(trigger, bounds[1]):
        if doc[i].lower_ == "um":
            end = next((j for j in range(i + 1, bounds[1]) if doc[j].lower_ == "zu"), None)
            if end:
                return doc[i + 1 : end].text
    return None


# The verbs of having bought a company, in a relative clause on its owner: "der damals 4,5 Milliarden Euro
# bezahlte", "der 51 Prozent der Anteile übernommen hatte", "der den Entwickler von der Börse genommen hatte".
BOUGHT_IT = re.compile(r"bezahlt(e|en)?|gezahlt|zahlte(n)?|übernommen|übernahm(en)?|gekauft|kaufte(n)?|erworben"
                       r"|erwarb(en)?|genommen")


def bought_by_owner(doc: Doc, sent: Span, owner: Party) -> tuple[bool, Money | None]:
    """(whether a relative clause right after the owner says it bought the company, the price it names)."""
    words = document.words(doc)
    if owner.end + 2 >= sent.end or words[owner.end] != "," or words[owner.end + 1] not in {"der", "die", "das"}:
        return False, None
    end = next((i for i in range(owner.end + 2, sent.end) if words[i] in {",", ".", ";"}), sent.end)
    verb = next((i for i in range(owner.end + 2, end) if BOUGHT_IT.fullmatch(words[i])), None)
    if verb is None or words[verb] == "genommen" and "börse" not in words[owner.end:end]:
        return False, None
    return True, money_in(doc, (owner.end + 2, end))


def ownerships(doc: Doc, sent: Span, parties: list[Party], discourse: Discourse) -> list[Relation]:
    found = []
    owners, subsidiaries, belonging_verbs = (set(triggers(sent, pattern, noun=noun)) for pattern, noun in
                                             ((OWNER_WORD, None), (SUBSIDIARY_WORD, None), (BELONGS, None)))
    # not a source ("laut Reuters"), but one named with an owner word where it announces ("wie Googles
    # Mutterkonzern Alphabet mitteilte")
    orgs = [p for p in parties if (p.is_org or p.label == "LOC")
            and (not p.attribution or not {p.start - 1, p.end}.isdisjoint(owners | subsidiaries))]
    people = [p for p in parties if p.label == "PER" and p.explicit and not p.is_org]
    words = document.words(doc)
    for i in sorted(owners | subsidiaries | belonging_verbs):
        owner_word, subsidiary_word, belongs = i in owners, i in subsidiaries, i in belonging_verbs
        if belongs and words[i] == "besitz" and words[i - 1] != "im":
            continue  # "in Besitz nehmen" takes over; "im Besitz des Investors" is owned by
        bounds = clause_bounds(sent, i)
        if is_negated(doc, bounds):
            continue
        # a person holds shares too: "Größter Aktionär von BMW ist Stefan Quandt"
        holders = orgs if not owner_word else sorted([*orgs, *people], key=lambda p: p.start)
        clause = [p for p in holders if bounds[0] <= p.start < bounds[1]]
        described = described_as(doc, i, clause) if subsidiary_word and OWNED_WORD.fullmatch(words[i]) else None
        pairs = [(described[1], described[0], False)] if described else \
            belonging(doc, i, clause) if belongs else owned_by(doc, i, clause, discourse, owner_word, orgs)
        # "ist mit knapp 23 Prozent zweitgrößter Aktionär", "gehört zu 66 Prozent X": the share said with the word
        shares = [span for span in percents_in(doc, bounds) if abs(span.start - i) <= 6 and span.start > 0
                  and words[span.start - 1] in {"mit", "zu"}]
        share = shares[0]._.percent if len(shares) == 1 and len(pairs) == 1 else None
        start = phrase_start(doc, compound_start(doc, i))
        former = not belongs and bool(FORMER_WORDS & set(words[max(start - 3, 0):i]))
        if former and owner_word and not pairs:
            # "Ankeraktionär von X ist die frühere Muttergesellschaft Y": the owner named right after the word
            named = next((p for p in clause if p.start == i + 1 and p.explicit), None)
            held = [r.roles["owned"] for r in found if r.type == "OWNERSHIP" and named is not None
                    and r.roles["owner"] == named.name]
            found += [make(doc, sent, "SPINOFF", {"parent": named.name, "child": child}, confidence(named) - 0.1)
                      for child in held]
        for owner, owned, implicit in pairs:
            if owner.name != owned.name and owned.is_org and former:
                # "NVL, früher die Marinesparte der Lürssen-Gruppe", "die frühere Muttergesellschaft Wacker Chemie
                # (mit 30,8 Prozent)": separated from its parent, which may still hold a stake
                found.append(make(doc, sent, "SPINOFF", {"parent": owner.name, "child": owned.name},
                                  confidence(owner, owned, implicit=implicit) - 0.1))
                if share is None:
                    continue
            if owner.name != owned.name and owned.is_org:
                found.append(make(doc, sent, "OWNERSHIP", {"owner": owner.name, "owned": owned.name},
                                  confidence(owner, owned, implicit=implicit), percent=share))
                bought, price = bought_by_owner(doc, sent, owner)
                # "Rewe wird Mehrheitseigner des Lieferdienstes Flink": becoming the owner is buying it
                bought = bought or owner_word and words[phrase_start(doc, i) - 1] in BECOMES
                if bought:  # "X gehört zu Y, der damals 4,5 Mrd. Euro für das Unternehmen bezahlte"
                    found.append(make(doc, sent, "ACQUISITION", {"buyer": owner.name, "acquired": owned.name},
                                      confidence(owner, owned, implicit=True), price))
    found += rest_holders(doc, sent, [*orgs, *people], found, discourse)  # "die übrigen Anteile hält Liz Mohn"
    # "X gehört mehrheitlich der EnBW, die 50,1 Prozent hält": the stake of the holding just read, no other
    owners = {relation.roles["owner"] for relation in found if relation.type == "OWNERSHIP"}
    found += [relation for relation in stakes(doc, sent, orgs, discourse,
                                              people=[p for p in parties if p.label == "PER" and p.explicit])
              if relation.roles["owner"] not in owners]
    return found


BACKED = re.compile(r"hinter")  # "Hinter X stehen Y und Z", "X, hinter der die Familie Y steht"
STANDS = {"steht", "stehen", "stand", "standen"}


def backers(doc: Doc, sent: Span, parties: list[Party], discourse: Discourse) -> list[Relation]:
    """Who stands behind a company owns it: "Hinter Saar Industrial Partners stehen der Investor Cobalt
    Holding und der Manager Jens Ulrich", "Convergenta, hinter der die Familie Kellerhals steht"."""
    found = []
    words = document.words(doc)
    for trigger, bounds, clause in stated_clauses(doc, sent, parties, (BACKED, None)):
        verb = next((i for i in range(trigger + 1, bounds[1]) if words[i] in STANDS), None)
        if verb is None:
            continue
        relative = words[trigger - 1] in {",", "und"} and words[trigger + 1] in {"dem", "der", "denen"}
        # "X, die 61 Prozent hält und hinter der Y steht": the second of two relative clauses on X
        comma = trigger - 1 if words[trigger - 1] == "," else next(
            (k for k in range(trigger - 2, sent.start, -1) if words[k] == "," and words[k + 1] in RELATIVE_PRONOUNS),
            None)
        if relative and comma is not None:  # the company before the comma; its owners before the verb
            backed = next((p for p in parties if p.end == comma and p.is_org), None)
            owners = [p for p in clause if trigger + 1 < p.start < verb and (p.free or p.coordinated)]
        else:
            backed = next((p for p in clause if trigger < p.start <= trigger + 4 and p.is_org and p.start < verb), None)
            owners = [p for p in clause if p.start > verb and (p.free or p.coordinated)
                      and "," not in words[verb:p.start]]
        # not "der frühere ZF-Manager X" nor "die Erben des Landmaschinenbauers X": a company the owner is from
        owners = [p for p in owners if (p.is_org or p.label == "PER") and p.explicit and not p.compound
                  and "des" not in words[max(trigger, p.start - 5):p.start]]
        found += [make(doc, sent, "OWNERSHIP", {"owner": owner.name, "owned": backed.name},
                       confidence(owner, backed) - 0.05) for owner in owners
                  if backed is not None and owner.name != backed.name]
    return found


def rest_holders(doc: Doc, sent: Span, orgs: list[Party], found: list[Relation],
                 discourse: Discourse) -> list[Relation]:
    """'…; den Rest hält die Ulderup-Stiftung', 'die übrigen Anteile hält X': the holder of what the holding
    just named leaves, in the company it is in."""
    words = document.words(doc)
    sentence = words[sent.start:sent.end - 1]
    if "rest" not in sentence and "übrigen" not in sentence:
        return []  # the common case, found without a loop over the words
    rest = next((i for i in range(sent.start, sent.end - 1) if words[i] == "rest" or words[i] == "übrigen"
                 and SHARE_WORDS & {words[i + 1]}), None)
    if rest is None or not any(w in HOLDS for w in words[rest:sent.end]) or percents_in(doc, (rest, sent.end)):
        return []
    holder = next((p for p in orgs if p.start > rest and p.free and p.explicit
                   and not HOLDS.isdisjoint(words[rest:p.start])), None)
    # in the company of the holding just named, or of a stake just bought ("X beteiligt sich an Y") unless
    # the sentence names a holding before ("Y gehört zu 81 Prozent der Z; die übrigen Anteile hält ...")
    bought = [] if any(BELONGS.fullmatch(word) or word in HOLDS for word in words[sent.start:rest]) else HELD_ROLES
    held = next((r.roles["owned"] for r in reversed(found) if r.type == "OWNERSHIP"), None) \
        or next((r.roles.get(HELD_ROLES.get(r.type, "owned")) for r in discourse.recent
                 if r.type == "OWNERSHIP" or r.type in bought), None)
    if holder is None or held in {None, holder.name}:
        return []
    holders = [holder, *(p for p in orgs if p.coordinated and holder.end < p.start <= holder.end + 4)]  # "A und B"
    return [make(doc, sent, "OWNERSHIP", {"owner": p.name, "owned": held}, confidence(p) - 0.1) for p in holders]


def owners_named_with_company(doc: Doc, sent: Span, parties: list[Party], discourse: Discourse) -> list[Relation]:
    """A company introduced by its company noun and named with its owner: 'Kretinsky, dessen Holding EPCG
    …', 'die Holding EPCG des Milliardärs Daniel Kretinsky', 'das KI-Start-up xAI von Elon Musk'."""
    found = []
    words = document.words(doc)
    named = [p for p in parties if p.explicit and not p.compound and not p.attribution]
    for owned in (p for p in named if p.is_org and p.start - sent.start >= 1):
        noun = owned.start - 1
        start_up = noun >= 2 and words[noun - 2:noun + 1] == ["start", "-", "up"]
        if not (is_descriptor(doc[noun]) or start_up):
            continue
        first = noun - 2 if start_up else noun
        owner = None
        if first >= 2 and words[first - 1] in {"dessen", "deren"} and words[first - 2] == ",":
            owner = next((p for p in named if p.end == first - 2), None)  # "X, dessen Holding Y"
        elif owned.end < sent.end and words[owned.end] in {"des", "der"}:
            owner = org_named_after(doc, owned.end - 1, [p for p in named if p is not owned])  # "Y des Milliardärs X"
        elif owned.end + 1 < sent.end and words[owned.end] == "von" \
                and LED_PARTICIPLES.isdisjoint(words[sent.start:sent.end]):  # not "Geleitet wird Y von X"
            owner = next((p for p in named if p.start == owned.end + 1 and p.label == "PER"), None)  # "Y von X"
        if owner is not None and owner.name != owned.name:
            found.append(make(doc, sent, "OWNERSHIP", {"owner": owner.name, "owned": owned.name},
                              confidence(owner, owned) - 0.1))
    return found


def joint_ventures(doc: Doc, sent: Span, parties: list[Party], discourse: Discourse) -> list[Relation]:
    """'ESMC, ein Gemeinschaftsunternehmen von TSMC mit Bosch, Infineon und NXP', 'A und B, die beiden
    Gemeinschaftsunternehmen von X und Y', 'das Joint Venture Z von X und Y': each partner owns each
    venture named."""
    found = []
    orgs = [p for p in parties if p.is_org and not p.attribution]
    for trigger, bounds, clause in stated_clauses(doc, sent, orgs, (JOINT_VENTURE, True)):
        partners: list[Party] = []
        for p in (p for p in clause if p.start > trigger):
            if p.preposition in {"von", "vom", "mit"} or genitive_phrase(doc, p, trigger) \
                    or partners and p.coordinated and p.start - partners[-1].end <= 1:
                partners.append(p)
            elif partners:
                break
        ventures = [p for p in clause if p.start == trigger + 1 and p.free]  # "das Joint Venture Cellforce"
        if not ventures and is_apposition(doc, compound_start(doc, trigger) - (
                doc[trigger - 1].lower_ in {"beiden", "bisherigen", "neuen", "gemeinsamen"})):
            before = [p for p in clause if p.end < trigger]
            if before:
                ventures = [before[-1]]
                for p in reversed(before[:-1]):  # "Thales Alenia Space und Telespazio, die beiden ..."
                    if not ventures[0].coordinated or ventures[0].start - p.end > 1:
                        break
                    ventures.insert(0, p)
        article = compound_start(doc, trigger) - 1
        if not ventures and article - 1 > sent.start and doc[article].lower_ in INDEFINITE_ARTICLES \
                and doc[article - 1].lower_ in COPULAS:  # "PSM ist ein Gemeinschaftsunternehmen der A und B"
            ventures = [p for p in clause if p.end == article - 1 and p.free][-1:]
        found += [make(doc, sent, "OWNERSHIP", {"owner": partner.name, "owned": venture.name},
                       confidence(partner, venture) - 0.1)
                  for venture in ventures for partner in partners if partner.name != venture.name]
    return found


def belonging(doc: Doc, verb: int, clause: list[Party]) -> list[tuple[Party, Party, bool]]:
    """'Instagram gehört zu Meta' / 'die Gruppe, die der Stiftung gehört' / 'Condor ist im Besitz von Attestor'."""
    words = document.words(doc)
    if group_noun(words, verb) is not None:
        return []  # "Zu den Kunden (Investoren) von X gehören A und B": no owners of X; owners: ``owned_by``
    if words[verb] == "getragen":  # "Dataport wird gemeinsam von Hamburg, Bremen und Schleswig-Holstein getragen"
        owned = next((p for p in clause if p.free and p.is_org and p.explicit and p.end <= verb), None)
        owners = [p for p in clause if owned is not None and owned.end < p.start < verb and not p.compound
                  and p.preposition in {"von", "vom"}]
        return [(owner, owned, False) for owner in owners]
    if words[verb].startswith("gehörend"):  # "die zum Volkswagen-Konzern gehörende Firma Cariad"
        owner = next((p for p in reversed(clause) if p.end <= verb and p.preposition in {"zu", "zum", "zur"}), None)
        owned = next((p for p in clause if verb < p.start <= verb + 4 and p.preposition is None), None)
        return [(owner, owned, False)] if owner and owned else []
    # not a place a party is from or in: "dem Staatsfonds Mubadala aus Abu Dhabi gehört"
    before = [p for p in clause if p.end <= verb and not p.compound
              and not (p.label == "LOC" and p.preposition in {"aus", "in", "im"})]
    comma = next((t.i for t in doc[verb:] if t.text in {",", ".", ";"}), len(doc))
    after = sorted((p for p in clause if verb < p.start < comma), key=lambda p: p.compound)  # a name before "Google-"
    if before and after:
        zu = before[0].start - 1
        opening = next((i for i in range(zu, -1, -1) if doc[i].is_sent_start), zu)
        if before[0].preposition in {"zu", "zum", "zur"} and words[zu] in {"zu", "zum", "zur"} \
                and set(words[opening:zu]) <= LEADING_ADVERBS:  # "(Weiter) zum Konzern gehören A und B"
            # "Zu SKion gehört auch Altana", "Zur Rewe Group gehören Penny und DER Touristik": the owner first
            members = [after[0]] + [p for p in after[1:] if p.coordinated]
            return [(before[0], member, False) for member in members]
        # the owned is a subject, not "(mit Sitz) in X"; "zu je 50 Prozent X und dem Verwalter Y": both own
        # nor where it is from: "Das Unternehmen vom Bodensee gehört zu X"
        owned = next((p for p in reversed(before) if p.preposition not in {"in", "im", "mit", "aus", "vom", "am"}),
                     before[-1])
        # "gehört über die Beteiligungsgesellschaft HGV der Stadt Hamburg": the owner holds the vehicle too
        vehicles = [p for p in after if p.preposition == "über"]
        owners = [p for p in after if p not in vehicles]
        if not owners:  # "gehört über den Verband DSGV den Sparkassen": the vehicle, the owners unnamed
            owners, vehicles = vehicles, []
        owners = [owners[0]] + [p for p in owners[1:] if p.coordinated]
        pairs = [(owner, owned, False) for owner in owners] + [  # the vehicle holds it for the owner
            pair for vehicle in vehicles for pair in ((owners[0], vehicle, False), (vehicle, owned, False))]
        return pairs + gapped_belonging(doc, verb, comma, clause)
    if not after and len(before) >= 2 and words[verb] == "gehört" and before[1].free and before[1].explicit \
            and not FINITE_AUXILIARIES.isdisjoint(words[before[0].end:before[1].start]) \
            and "," not in words[before[0].end:verb] and before[1].end >= verb - 1:
        return [(before[1], before[0], False)]  # "Sprint hatte bis dahin mehrheitlich Softbank gehört"
    if not before and len(after) >= 2:  # "Künftig gehört Northvolt zu Volkswagen": the subject after the verb
        owner = next((p for p in after if p.preposition in {"zu", "zum", "zur"}), None)
        owned = next((p for p in after if p.free and p is not owner), None)
        if owner is not None and owned is not None and owned.start < owner.start:
            return [(owner, owned, False)]
    relative = next((i for i in range(verb - 1, max(verb - 12, 1), -1)
                     if words[i] == "zu" and words[i - 1] == "," and words[i + 1] in {"der", "dem", "denen"}), None)
    if relative is not None:  # "der Schwarz-Gruppe, zu der auch Lidl und Kaufland gehören"
        if words[relative + 1] == "denen" and not any(p.end == relative - 1 for p in clause):
            return []  # "von Krankenversicherern gegründet, zu denen die Debeka gehört": members of a group
        owner = next((p for p in reversed(clause) if p.end <= relative - 1 or p.end == relative), None)
        owner = owner or next((p for p in clause if p.end <= relative), None)
        members = [p for p in clause if relative < p.start < verb and not p.compound]
        if owner is not None and members:
            return [(owner, member, False) for member in members]
    if len(before) >= 2 and any(doc[i].text == "," for i in range(before[-2].end, before[-1].start)):
        comma = next(i for i in range(before[-2].end, before[-1].start) if doc[i].text == ",")
        if words[comma + 1] in {"dem", "denen"}:  # "BMW und Mercedes-Benz, denen Freenow gehört"
            owners = [before[-2]]
            for p in reversed(before[:-2]):
                if not owners[0].coordinated or owners[0].start - p.end > 1:
                    break
                owners.insert(0, p)
            return [(owner, before[-1], False) for owner in owners]
        # "Globalfoundries, das ... Mubadala gehört", "Fastweb, der italienischen Tochter, die Swisscom gehört";
        # not "GIC aus Singapur das Geschäft mit Industrieschläuchen, das zur Tochter X gehört"
        if comma - name_end(doc, before[-2]) <= RELATIVE_ANTECEDENT_GAP:
            if words[comma + 1] == "der" and phrase_article(doc, before[-2]) in {"die", "eine"}:
                # "die Deutsche Beteiligungs AG, der Hartung Elektrik gehört": "der" is the dative, the company
                # before the comma owns
                return [(before[-2], before[-1], False)]
            return [(before[-1], before[-2], False)]
    return []



RELATIVE_ANTECEDENT_GAP = 4  # words between a name and the comma of its relative clause: an apposition, a verb


def gapped_belonging(doc: Doc, verb: int, comma: int, clause: list[Party]) -> list[tuple[Party, Party, bool]]:
    """A second pair after the comma with the verb left out: "Stackit gehört zur Schwarz-Gruppe, Ionos zum
    Internetkonzern United Internet"."""
    words = document.words(doc)
    if comma >= len(doc) or words[comma] != ",":
        return []
    owned = next((p for p in clause if p.start == comma + 1 and p.explicit and (p.free or p.coordinated)), None)
    owner = next((p for p in clause if owned is not None and owned.end < p.start <= owned.end + 4
                  and p.preposition in {"zu", "zum", "zur"} and words[owned.end] in {"zu", "zum", "zur"}), None)
    return [(owner, owned, False)] if owned is not None and owner is not None else []


def group_noun(words: list[str], verb: int) -> int | None:
    """The plural noun of "Zu den (größten) Investoren von X gehören/zählen ...", if the verb has one."""
    zu = next((i for i in range(verb - 1, max(verb - 12, -1), -1) if words[i] == "zu" and words[i + 1] == "den"), None)
    if zu is None:
        return None
    return next((i for i in range(zu + 2, min(zu + 5, verb)) if not ADJECTIVE.fullmatch(words[i])
                 or GROUP_RELATIONS_WORD.fullmatch(words[i]) or OWNER_WORD.fullmatch(words[i])), None)


def group_noun_after(words: list[str], verb: int, end: int) -> tuple[int, bool] | None:
    """The plural noun of "A zählt zu den Kunden von X" / "X zählt A zu seinen Kunden" after the verb, and
    whether a possessive ("seinen") makes the verb's subject the group's company."""
    zu = next((i for i in range(verb + 1, min(verb + 10, end - 1)) if words[i] == "zu"
               and (words[i + 1] == "den" or words[i + 1] in POSSESSIVES)), None)
    if zu is None:
        return None
    noun = next((i for i in range(zu + 2, min(zu + 5, end)) if not ADJECTIVE.fullmatch(words[i])
                 or GROUP_RELATIONS_WORD.fullmatch(words[i])), None)
    return (noun, words[zu + 1] in POSSESSIVES) if noun is not None else None


# The members of a group named by its noun take part in one relation each with the group's company:
# "Zu den Investoren von X gehören A und B" (A invests in X), "Zu den Kunden von X zählen A und B", "A zählt
# zu den Großkunden von X", "X zählt A zu seinen Kunden" (A buys from X), "Zu den Töchtern zählen A und B" (of
# the article's company). (type, member's role, company's role)
GROUP_RELATIONS = ((INVESTOR_WORD, ("INVESTMENT", "investor", "target")),
                   (re.compile(r"\w*kunden|\w*abnehmern?"), ("PURCHASE", "buyer", "vendor")),
                   (re.compile(r"\w*töchter(n)?|\w*tochtergesellschaften"), ("OWNERSHIP", "owned", "owner")))
GROUP_RELATIONS_WORD = re.compile("|".join(pattern.pattern for pattern, _ in GROUP_RELATIONS))


def group_lists(doc: Doc, sent: Span, parties: list[Party], discourse: Discourse) -> list[Relation]:
    """Members listed with a group noun: each takes part with the group's company (``GROUP_RELATIONS``),
    the company named with "von"/"bei"/a genitive, by a possessive the verb's subject, else the article's."""
    found = []
    words = document.words(doc)
    for trigger, bounds, clause in stated_clauses(doc, sent, parties, (BELONGS, None), (COUNTS, None)):
        orgs = [p for p in clause if p.is_org]
        group, possessive, members_after = group_noun(words, trigger), False, True
        if group is None:
            found_after = group_noun_after(words, trigger, bounds[1])
            if found_after is None:
                continue
            (group, possessive), members_after = found_after, False
        kind = next((roles for pattern, roles in GROUP_RELATIONS if pattern.fullmatch(words[group])), None)
        if kind is None:
            continue
        type_, member_role, company_role = kind
        if possessive:  # "X zählt A zu seinen Kunden"
            company = next((p for p in orgs if p.end <= trigger and p.free), None)
            members = [p for p in orgs if trigger < p.start < group]
        else:
            company = next((p for p in orgs if group < p.start <= group + 6 and (p.start < trigger or not members_after)
                            and (p.preposition in {"von", "vom", "bei", "beim"} or genitive_phrase(doc, p, group))),
                           None)
            # "A zählt zu den Kunden von X", "Neben Y zählen auch A und B zu den Kunden von X"
            members = [p for p in orgs if p.start > trigger and (p.free or p.coordinated or p.preposition == "wie")] \
                if members_after else \
                [p for p in orgs if p.end <= group and (p.free or p.coordinated) and p.preposition != "neben"]
            # a list, not what an apposition adds to it: "der Klinikkonzern Helios, eine Tochter von Fresenius"
            members = members[:1] + [p for p in members[1:] if p.coordinated]
        if company is None and discourse.salient is not None:
            company = Party(group, group + 1, discourse.salient, "ORG", explicit=False, compound=False,
                            genitive=False)
        found += [make(doc, sent, type_, {member_role: member.name, company_role: company.name},
                       confidence(member, company)) for member in members
                  if company is not None and member.name != company.name]
    return found


def owned_by(doc: Doc, word: int, clause: list[Party], discourse: Discourse,
             owner_word: bool, sentence: list[Party]) -> list[tuple[Party, Party, bool]]:
    """Pairs (owner, owned, implicit) around "Eigentümer", "Mutterkonzern", "Tochter" in ``clause``, a part
    of ``sentence``."""
    modifier = next((p for p in clause if ((p.compound and p.end + 1 == word) or (p.genitive and p.end == word))
                     and p.is_org), None)
    after = [p for p in clause if p.start > word]
    following = [after[0]] + [p for p in after[1:] if p.coordinated] if after else []
    if not owner_word and not OWNED_WORD.fullmatch(document.words(doc)[word]):
        modifier = None
        after = []
    if modifier is not None:  # "TikTok-Eigentümer ByteDance", "Google-Tochter Waymo", "Googles Mutterkonzern Alphabet"
        # "Porsche-Großaktionär ist die Porsche SE": the name after a copula
        copula = word + 1 < len(doc) and document.words(doc)[word + 1] in COPULAS
        named = [p for p in following if p.start == word + 1 or copula and p.free and p.start <= word + 4]
        if named:
            return [(named[0], modifier, False) if owner_word else (modifier, named[0], False)]
        referent = referred_subsidiary(doc, word, modifier, discourse) if not owner_word else None
        return [(modifier, referent, True)] if referent is not None else []
    linked = []
    # "Größter Aktionär ist der Konzern X": after a copula the article is a subject's, not a genitive
    after_copula = owner_word and document.words(doc)[word + 1:word + 2] in (["ist"], ["sind"], ["war"])
    for p in ([] if after_copula else following):
        if owner_word and p.start == word + 1 and p.explicit:
            break  # "von den bisherigen Besitzern KKR und Reggeborgh": the owners' names, not what they own
        if p.preposition in {"von", "vom"} or genitive_phrase(doc, p, word) \
                or (p.coordinated and linked and p.start - linked[-1].end <= 1) \
                or (p.explicit is False and doc[p.start].lower_ in {"des", "der"}):
            linked.append(p)
    # "Tesat aus Backnang, eine Tochter von Airbus": not the place the company is from
    before = next((p for p in reversed(clause) if p.end <= word and not p.compound
                   and not (p.label == "LOC" and p.preposition in {"aus", "in"})), None)
    if owner_word:
        words = document.words(doc)
        opening = phrase_start(doc, word) - 1
        while opening > 0 and words[opening] in PREDICATE_ADVERBS:  # "ist seinerseits (mit 31 Prozent) größter ..."
            opening -= 1
        governed = words[opening] in DETERMINERS and opening > 0 and words[opening - 1] in PREPOSITIONS
        if linked and before is not None and words[opening] in {"der", "die", ",", "ist", "als"} | BECOMES \
                | DETERMINERS and not governed:  # not "X hat sich mit den Eigentümern von Y geeinigt"
            return [(before, owned, False) for owned in linked]  # "X, (der) Eigentümer von Y und Z"
        if linked and plural_phrase(doc, word):  # "Zu den (bisherigen) Anteilseignern von Y zählen X und Z"
            owners = [p for p in clause if p.free and p.start > linked[-1].end]
            return [(owner, linked[0], False) for owner in owners]
        words = document.words(doc)
        if linked and before is None and {"ist", "sind", "war", "wird"} & set(words[linked[-1].end:linked[-1].end + 2]):
            # "Eigentümer des Kaufhauses KaDeWe ist die Central Group"
            owners = [p for p in clause if p.start > linked[-1].end and (p.free or p.coordinated)]
            return [(owner, linked[0], False) for owner in owners]
        if not linked and before is not None and before.free and not COPULAS.isdisjoint(words[before.end:word]) \
                and discourse.salient not in {None, before.name}:
            # "Die Reederei CSAV bleibt mit 30 Prozent zweitgrößter Aktionär": of the company whose owner the
            # last sentence named, else of the company the article is about
            named = discourse.held_company(before.name)
            if named is not None:
                return [(before, Party(word, word + 1, named, "ORG", explicit=False, compound=False, genitive=False),
                         True)]
        if not linked and discourse.salient is not None and {"ist", "sind", "zählen", "gehören"} & set(
                words[word + 1 : word + 3]):
            # "Größter Aktionär ist die KfW", "Zu den Anteilseignern zählen ..., darunter X, Y und Z": of the
            # company whose owner the last sentence named, else of the company the article is about
            # the names of the copula's complement, not of a relative clause after it ("ist die Gesellschaft X,
            # hinter der der Unternehmer Y steht")
            owners = [p for p in clause if p.start > word and (p.free or p.coordinated)
                      and not opens_relative_clause(words, word, p.start)]
            named = discourse.held_company(*(owner.name for owner in owners))
            owned = Party(word, word + 1, named, "ORG", explicit=False, compound=False, genitive=False)
            return [(owner, owned, True) for owner in owners] if named is not None else []
        return []
    named = [p for p in after if p.start <= word + 1 and p.explicit]
    start = compound_start(doc, word)
    if named and start > 0 and doc[start - 1].lower_ in {"zu", "zum", "zur"}:
        return []  # "(Stackit,) das zur IT-Sparte Schwarz Digits gehört": the unit owns; ``belonging``
    vehicle = VEHICLE_WORD.fullmatch(document.words(doc)[word]) is not None
    if named and vehicle and (word == 0 or doc[word - 1].lower_ not in POSSESSIVES):
        return []  # "die Investmentgesellschaft LetterOne" is a kind of company; "seine Beteiligungsgesellschaft X"
    if named:  # "der Tochter Fastweb": owned by the parent its name begins with, the subject, a possessor,
        # or the article's company
        parent = parent_in_name(doc, named[0])
        if parent is not None:  # "der Frachttochter Lufthansa Cargo"
            return [(parent, named[0], False)]
        subject = next((p for p in clause if p.free and p.end <= word and p.name != named[0].name), None)
        if subject is not None:
            return [(subject, named[0], False)]
        if vehicle:
            return []  # whose vehicle only the clause's own subject says (often a family, not a company)
        if word > 0 and doc[word - 1].lower_ in POSSESSIVES | {"-"}:
            # "Die Telekom ist Kunde: Ihre Tochter T-Systems ...", "Atos ...; dessen Sparte Eviden": the company
            # the sentence named before (its subject; for "dessen" the last one), else the last sentence's subject
            named_before = [p for p in sentence if p.end < word - 1 and p.explicit and p.is_org and not p.compound
                            and p.name != named[0].name]
            relative = doc[word - 1].lower_ in {"dessen", "deren"}
            owner = (named_before[-1] if relative and named_before else
                     next((p for p in reversed(named_before) if p.free), None)) or discourse.previous_subject
            if owner is not None:
                return [(owner, named[0], False)]
        if discourse.salient is not None:
            owner = Party(word, word + 1, discourse.salient, "ORG", explicit=False, compound=False, genitive=False)
            return [(owner, named[0], True)]
        return []
    if linked and before is not None and is_apposition(doc, compound_start(doc, word)):
        return [(linked[0], before, False)]  # "T-Systems, die IT-Tochter des Konzerns"
    return []


def opens_relative_clause(words: list[str], start: int, end: int) -> bool:
    """Whether a relative clause opens between ``start`` and ``end``: ", die ...", ", hinter der ..."."""
    return any(words[k] == "," and (words[k + 1] in RELATIVE_PRONOUNS or words[k + 1] in PREPOSITIONS
                                    and words[k + 2] in RELATIVE_PRONOUNS) for k in range(start, end - 2))


def referred_subsidiary(doc: Doc, word: int, owner: Party, discourse: Discourse) -> Party | None:
    """The company "die VW-Tochter" refers to when no name follows ("Das bestätigte die VW-Tochter"): the
    company the article is about, never the owner itself. Only a definite
    subsidiary word with nothing that names or counts it ("eine Tochter", "die Tochter Audi", "die
    Tochter, die ...")."""
    words = document.words(doc)
    start = compound_start(doc, word)
    if not SUBSIDIARY_NOUN.fullmatch(words[word]) or start == 0 \
            or words[start - 1] not in {"die", "der", "des", "dem", "den"} or word + 1 < len(doc) and (
                doc[word + 1].is_title or words[word + 1] in {",", "-"}):
        return None
    # "Die Lufthansa-Tochter erhält ..." after "bei Lufthansa Technik": the company named for its parent
    prefixes = (owner.name + " ", doc[owner.start:owner.end].text + " ")
    named = [ent._.canonical for ent in document.entities_in(doc, doc[:start]) if ent.label_ == "ORG"
             and ent._.canonical.startswith(prefixes)]
    name = named[-1] if named else discourse.salient
    if name is None or name == owner.name:
        return None
    return Party(start - 1, word + 1, name, "ORG", explicit=False, compound=False, genitive=False)



def phrase_start(doc: Doc, noun: int) -> int:
    """Where the words before a noun that only describe it begin: adjectives and a share ("(die) mit rund
    47 Prozent größter Einzelaktionär")."""
    percents = {i: span.start for span in document.percents(doc) for i in range(span.start, span.end)}
    i = noun
    while i > 0:
        before = doc[i - 1]
        if i - 1 in percents:
            i = percents[i - 1]
        elif before.lower_ == "mit" and i < noun and i in percents \
                or ADJECTIVE.fullmatch(before.text) and before.lower_ not in DETERMINERS | POSSESSIVES:
            i -= 1
        else:
            break
    return i


def parent_in_name(doc: Doc, unit: Party) -> Party | None:
    """The organisation a unit's name begins with: Lufthansa for "Lufthansa Cargo", when the document or
    the gazetteer names it on its own."""
    first = unit.name.split(" ", 1)[0]
    if first == unit.name:
        return None
    named = {ent._.canonical for ent in document.named_in(doc) if ent.label_ == "ORG"}
    parent = next((name for name in named if unit.name.startswith(name + " ")), None)
    if parent is None:
        entry = alias_index().get(first.casefold())
        parent = entry.name if entry is not None and entry.label == "ORG" and entry.name != unit.name else None
    return Party(unit.start, unit.start + 1, parent, "ORG", explicit=True, compound=False, genitive=False) \
        if parent else None


def genitive_phrase(doc: Doc, party: Party, after: int) -> bool:
    """The party ends a genitive noun phrase that follows token ``after``: "(Tochter) des japanischen
    Internetkonzerns Rakuten", "(Mutterkonzern) der Ketten MediaMarkt"."""
    i, reach = party.start - 1, party.start - 4
    while i > after and i >= reach:
        lower = doc[i].lower_
        if lower in {"des", "der"}:
            return True
        if lower in {"und", "oder"} and is_elided_compound(doc[i - 1]):
            i, reach = i - 2, reach - 2  # "der Öl- und Gastochter Wintershall Dea"
            continue
        if not (doc[i].is_title or ADJECTIVE.fullmatch(doc[i].text) or doc[i].text == "-"):
            return False
        i -= 1
    return False


def attributive_genitive(doc: Doc, party: Party, parties: list[Party]) -> bool:
    """The party names the owner of the name right before it, in a genitive: "die Blue Elephant Holding der
    Unternehmerfamilie Spies", "die Beteiligungsgesellschaft Athos der Brüder Strüngmann"."""
    before = next((p for p in reversed(parties) if p.end <= party.start), None)
    return before is not None and before.free and party.start - before.end <= 4 \
        and doc[before.end].lower_ in {"der", "des"} and genitive_phrase(doc, party, before.end - 1)


def is_apposition(doc: Doc, start: int) -> bool:
    """The noun phrase starting at ``start`` follows a comma: ", (die) IT-Tochter", ", die Raumfahrt- und
    Verteidigungssparte"."""
    if start > 1 and doc[start - 1].lower_ in {"und", "oder"} and doc[start - 2].text.endswith("-"):
        start -= 2
    before = start - 1 if start > 0 and doc[start - 1].lower_ not in DETERMINERS else start - 2
    if before > 0 and doc[before].lower_ in FORMER_WORDS:  # ", früher die Marinesparte der Lürssen-Gruppe"
        before -= 1
    return before >= 0 and doc[before].text == ","


def stakes_raised(doc: Doc, sent: Span, parties: list[Party], discourse: Discourse) -> list[Relation]:
    """'X baut seine Beteiligung am Energiekonzern Y aus', 'X hat seinen Anteil an Y auf 52 Prozent erhöht':
    buying more of a company is an investment in it (the holding itself is read by ``stakes``)."""
    found = []
    words = document.words(doc)
    for trigger, bounds, clause in stated_clauses(doc, sent, parties, (RAISES_STAKE, False)):
        particle = RAISE_PARTICLES.get(words[trigger])
        if particle is not None and particle not in words[trigger + 1:bounds[1]]:
            continue
        share = next((i for i in range(bounds[0], bounds[1]) if SHARE_HELD.fullmatch(words[i])), None)
        target = next((p for p in clause if share is not None and share < p.start <= share + 4 and p.is_org
                       and p.explicit and p.preposition in {"an", "am", "bei", "beim"}), None)
        if target is None:
            continue
        investor = next((p for p in subjects(clause, trigger) if p.name != target.name and p.start < share), None)
        if investor is not None:
            found.append(make(doc, sent, "INVESTMENT", {"investor": investor.name, "target": target.name},
                              confidence(investor, target) - 0.05, money_in(doc, bounds)))
    return found


def plural_phrase(doc: Doc, word: int) -> bool:
    """'den bisherigen Anteilseignern': a determiner of the plural before the noun."""
    i = word - 1
    while i >= 0 and ADJECTIVE.fullmatch(doc[i].text) and doc[i].lower_ not in DETERMINERS:
        i -= 1
    return i >= 0 and doc[i].lower_ in {"den", "die"}


def stakes(doc: Doc, sent: Span, orgs: list[Party], discourse: Discourse, people: list[Party] = ()) -> list[Relation]:
    """'X hält 20 % an Y', 'der Konzern, an dem Y 51 Prozent hält', 'die Gründer halten 30 Prozent', 'X hat
    seinen Anteil an Y auf 28 Prozent aufgestockt', 'Die übrigen 50 Prozent halten A und B' (``people`` may
    hold a stake after the verb, of the article's company)."""
    words = document.words(doc)
    sentence = words[sent.start:sent.end]
    raised = not STAKE_RAISED.isdisjoint(sentence) and any(SHARE_HELD.fullmatch(word) for word in sentence)
    # "EQT soll 51 Prozent halten, auf Omers entfallen 49 Prozent", "Die übrigen 45 Prozent gehen an die DBAG":
    # shares handed out next to a holding (in the sentence or the one before), not shares of an order
    handed_out = (not HOLDS.isdisjoint(sentence) or discourse.sentences_since_recent == 0 and any(
        r.type == "OWNERSHIP" for r in discourse.recent)) and not any(ORDER_NOUN.fullmatch(w) for w in sentence)
    if HOLDS.isdisjoint(sentence) and not raised and LIES_WITH.isdisjoint(sentence) and not handed_out:
        return []
    found = []
    rest_of_shares = not REST_OF_SHARES.isdisjoint(sentence)
    keepers = [p for p in [*orgs, *people] if p.preposition in {"bei", "beim"}
               or handed_out and p.preposition in {"an", "auf"}]
    for percent in sorted(percents_in(doc, (sent.start, sent.end)) + fractions_in(doc, sent), key=lambda s: s.start):
        if percent.start > 1 and words[percent.start - 1] == "zu" and BELONGS.fullmatch(words[percent.start - 2]):
            continue  # "ZF gehört zu 94 Prozent der Zeppelin-Stiftung": the owner's share, read by ``belonging``
        # "gut 63 Prozent der Aktien liegen weiterhin beim Mutterkonzern United Internet", "auf Omers entfallen
        # 49 Prozent"; "..., der Rest bei Pontegadea"
        keeper = next((p for p in keepers if percent.end < p.start <= percent.end + 8 and (
            p.preposition in {"bei", "beim"} and not LIES_WITH.isdisjoint(words[percent.end:p.start])
            or p.preposition in {"an", "auf"} and any(SHARE_GOES.fullmatch(w) for w in words[percent.end:p.start]))),
            None) or next((p for p in keepers if percent.start - 5 <= p.start < percent.start and p.preposition == "auf"
                           and any(SHARE_GOES.fullmatch(w) for w in words[p.end:percent.start])), None)
        if keeper is not None:
            # the company after "an", else the sentence's subject before, unless it holds shares itself ("EQT soll
            # 51 Prozent halten, auf Omers entfallen 49 Prozent")
            owned = next((p for p in orgs if p.start > percent.end and p.preposition in {"an", "am"}
                          and p is not keeper), None) \
                or next((p for p in orgs if p.end <= percent.start and p.free and p.explicit
                         and HOLDS.isdisjoint(words[p.end:clause_bounds(sent, p.start)[1]])), None)
            if owned is None and found:  # "EQT soll 51 Prozent halten, auf Omers entfallen 49 Prozent"
                owned = next((p for p in orgs if p.name == found[-1].roles["owned"]), None)
            owned_name = owned.name if owned else discourse.held_company(keeper.name, rest=rest_of_shares)
            if owned_name not in {None, keeper.name}:
                found.append(make(doc, sent, "OWNERSHIP", {"owner": keeper.name, "owned": owned_name},
                                  confidence(keeper, owned, implicit=owned is None), percent=percent._.percent))
                rest = next((p for p in keepers if p.start > keeper.end and ["rest", "bei"] in (
                    words[p.start - 2:p.start], words[p.start - 3:p.start - 1])), None)
                if rest is not None:  # "..., der Rest bei Pontegadea"
                    found.append(make(doc, sent, "OWNERSHIP", {"owner": rest.name, "owned": owned_name},
                                      confidence(rest, owned, implicit=owned is None)))
            continue
        relative = holding_antecedent(doc, sent, percent, orgs)
        if relative is not None:
            # "an der Mainova 60 Prozent und Thüga 40 Prozent halten": each percentage's holder after the one before
            previous = max((s.end for s in percents_in(doc, (relative.end, percent.start))), default=relative.end)
            owner = next((p for p in orgs if previous <= p.start < percent.start), None)
            owned = relative
        else:
            # not a genitive after the holder's name: "Die Blue Elephant Holding der Unternehmerfamilie Spies hält"
            owner = next((p for p in reversed(orgs) if p.end <= percent.start and p.free
                          and not attributive_genitive(doc, p, orgs)), None)
            if owner is not None and any(BELONGS.fullmatch(words[i]) for i in range(max(owner.start - 3, sent.start),
                                                                                    owner.start)):
                # "Maxingvest gehört der Familie Herz und hält 51 Prozent an Beiersdorf": the owned company of
                # the first verb holds the stake of the second
                owner = next((p for p in reversed(orgs) if p.end <= owner.start - 1 and p.free), owner)
            # "(…), rund 30 Prozent hält die Finanzgruppe Orix": the holder after the verb
            after = next((p for p in sorted([*orgs, *people], key=lambda p: p.start)
                          if percent.end < p.start <= percent.end + 4 and p.free
                          and not HOLDS.isdisjoint(words[percent.end:p.start])), None)
            inverted = after is not None and (owner is None or "," in words[owner.end:percent.start])
            if inverted:
                owner = after
            # the holding's company after the percentage, in its part of the sentence: in "Am X hält Q 10
            # Prozent, an der Y rund 12 Prozent" Y is the second holding's
            # not the buyer of a sale: "X verkauft sein Paket von 5 Prozent an Y"
            sold = any(SELL.fullmatch(word) for word in words[clause_bounds(sent, percent.start)[0]:percent.start])
            owned = next((p for p in orgs if p.start > percent.end and p.preposition in {"an", "am"}
                          and "," not in words[percent.end:p.start] and not sold), None) \
                or shares_of(doc, percent, orgs) or fronted_holding(doc, sent, percent, orgs, owner)
            if owned is None and raised and owner is not None:  # "seinen Anteil an Y auf 28 Prozent"
                owned = next((p for p in orgs if owner.end <= p.start < percent.start and p.preposition in {"an", "am"}
                              and p.name != owner.name), None)
            if owned is None and inverted and owner is not None:
                # "Avolon gehört mehrheitlich Bohai Leasing, rund 30 Prozent hält Orix": of the sentence's subject
                owned = next((p for p in orgs if p.end <= percent.start and p.free and p.name != owner.name), None)
            antecedent = next((p for p, end in ((p, name_end(doc, p)) for p in reversed(orgs))
                               if end + 2 <= percent.start and words[end] == ","
                               and words[end + 1] in {"der", "die", "das", "welcher", "welche"}), None)
            if antecedent is not None and (owner is None or owner.end <= antecedent.end):
                owner = antecedent  # "des Mutterkonzerns United Internet, der rund 79 Prozent an 1&1 hält"
        comma = next((i for i in range(percent.start - 1, sent.start, -1) if words[i] == ","), None)
        if owned is None and owner is not None and found and comma is not None and comma < owner.start \
                and is_verbless_holding(doc, sent, comma + 1):
            # "Die Familie hält 70 Prozent an OHB, der Finanzinvestor KKR gut 25 Prozent": the same company
            owned = next((p for p in orgs if p.name == found[-1].roles["owned"]), None)
        implicit = False
        held_words = words[percent.end:owner.start] if owner and owner.start > percent.end \
            else words[owner.end:percent.start] + words[percent.end:percent.end + 2] if owner else []
        held = discourse.held_company(owner.name, rest=rest_of_shares) if owner else None
        if owner and owned is None and relative is None and held is not None \
                and not {"an", "am"} & set(words[sent.start:sent.end]) and not HOLDS.isdisjoint(held_words):
            # "Der Rüstungskonzern Leonardo besitzt weitere 22,8 Prozent": of the company the text is on
            owned, implicit = Party(percent.start, percent.end, held, "ORG", explicit=False, compound=False,
                                    genitive=False), True
        if owner and owned and owner.name != owned.name:
            holders = [owner]
            if owner.start > percent.end:  # "halten weiterhin A und seine Schwester B"
                holders += [p for p in people if p.coordinated and owner.end < p.start <= owner.end + 4]
            elif not PLURAL_HOLDS.isdisjoint(words[owner.end:percent.start]) and owner in orgs:
                # "Die Altinvestoren A und B halten zusammen ein Drittel": the names joined before the owner
                k = orgs.index(owner)
                while k > 0 and orgs[k].coordinated and orgs[k - 1].end < orgs[k].start <= orgs[k - 1].end + 4:
                    k -= 1
                    holders.insert(0, orgs[k])
            found += [make(doc, sent, "OWNERSHIP", {"owner": holder.name, "owned": owned.name},
                           confidence(holder, owned, implicit=implicit), percent=percent._.percent)
                      for holder in holders]
        elif owner is None and "gründer" in words[sent.start:min(percent.start, sent.end)]:
            for org, people in discourse.founders.items():  # "Die drei Gründer halten zusammen 30 Prozent"
                found += [make(doc, sent, "OWNERSHIP", {"owner": person, "owned": org}, confidence(implicit=1),
                               percent=percent._.percent) for person in people]
    control = next((i for i in range(sent.start, sent.end) if CONTROL.fullmatch(words[i])), None)
    if not found and control is not None and not is_negated(doc, clause_bounds(sent, control)):
        # "Die Porsche SE hält die Mehrheit der Stimmrechte an Volkswagen"
        owner = next((p for p in reversed(orgs) if p.end <= control and p.free), None)
        owned = next((p for p in orgs if control < p.start <= control + 8 and p.preposition in {"an", "am"}), None)
        relative = next((p for p in orgs if p.end + 3 <= control and words[p.end] == ","
                         and words[p.end + 1] in {"an", "am"} and words[p.end + 2] in {"dem", "der"}), None)
        verb = next((i for i in range(control + 1, min(sent.end, control + 8)) if words[i] in HOLDS), None)
        if owner is not None and relative is not None and relative.end < owner.start and owned is None \
                and verb is not None:
            owned = relative  # "Altair, an dem Siemens seit 2024 die Mehrheit hält"
        elif owner is None and owned is not None and verb is not None:
            # "Die Mehrheit an Altair hält Siemens": the holder after the verb
            owner = next((p for p in orgs if verb < p.start <= verb + 4 and p.free and p.explicit), None)
        holds = owner is not None and (not HOLDS.isdisjoint(words[owner.end:control]) or verb is not None)
        if owner and owned and owner.name != owned.name and holds:
            found.append(make(doc, sent, "OWNERSHIP", {"owner": owner.name, "owned": owned.name},
                              confidence(owner, owned)))
    return found


def holding_antecedent(doc: Doc, sent: Span, percent: Span, orgs: list[Party]) -> Party | None:
    """The company a relative clause "an dem/der/denen ..." before ``percent`` is about: the name before its
    comma ("der Konzern Nordex, an dem Acciona 47 Prozent hält"), also when the verbs that close the main
    clause stand between them ("beim Hersteller Nordex bestellt, an dem ...")."""
    words = document.words(doc)
    for comma in range(percent.start - 3, sent.start, -1):
        if words[comma] == "," and words[comma + 1] == "an" and words[comma + 2] in {"dem", "der", "denen"}:
            break
    else:
        return None
    if "," in words[comma + 3:percent.start]:
        return None  # the percentage is not the relative clause's: "X, an dem Y 24 Prozent hält, gibt 9 Prozent ab"
    antecedent = next((p for p in reversed(orgs) if p.end <= comma), None)
    if antecedent is None or comma - name_end(doc, antecedent) > CLOSING_VERBS_REACH or not all(
            doc[i].is_lower and doc[i].is_alpha for i in range(name_end(doc, antecedent), comma)):
        return None
    return antecedent


CLOSING_VERBS_REACH = 2  # "bestellt", "übernommen werden": the verbs between a name and its relative clause


def name_end(doc: Doc, party: Party) -> int:
    """Where the noun phrase of a party ends: after the head of its compound ("die Schaeffler-Gruppe")."""
    end = party.end
    if party.compound and end + 1 < len(doc) and doc[end].text == "-":
        end += 2
    return end


def fronted_holding(doc: Doc, sent: Span, percent: Span, orgs: list[Party], owner: Party | None) -> Party | None:
    """The company a holding is in, named first with its preposition: "Bei Telespazio hält Leonardo 67
    Prozent", "An der Commerzbank ist der Bund mit 12 Prozent beteiligt", "Am Autobauer Volkswagen hält
    QIA 10 Prozent"; no comma between it and the percentage."""
    words = document.words(doc)
    start = clause_bounds(sent, percent.start)[0]
    comma = next((i for i in range(percent.start - 1, start, -1) if words[i] == ","), None)
    if comma is not None and words[comma + 1] in {"an", "am", "bei", "beim"}:
        start = comma + 1  # "…, an der Reederei Hapag-Lloyd rund 12 Prozent"
    if words[start] not in {"an", "am", "bei", "beim"}:
        return None
    owned = next((p for p in orgs if start < p.start <= start + FRONTED_REACH and p.end <= percent.start), None)
    if owned is None or owned is owner or "," in words[owned.end:percent.start]:
        return None
    # only a determiner and a description before the name: "Beim Schweizer Technologiekonzern ABB"
    if not owned.explicit or not all(
            token.lower_ in DETERMINERS or token.is_title and token.is_alpha
            or token.is_lower and ADJECTIVE.fullmatch(token.text) and token.lower_ not in FINITE_VERB_FORMS
            for token in doc[start + 1:owned.start]):
        return None
    return owned


FINITE_VERB_FORMS = FINITE_AUXILIARIES | {"waren", "halten", "hielten", "besitzen", "werden", "wurden"}
FRONTED_REACH = 5  # "Beim Schweizer Technologiekonzern ABB", at most four words between preposition and name


def shares_of(doc: Doc, percent: Span, orgs: list[Party]) -> Party | None:
    """The company whose shares a percentage counts: "53 Prozent der Stammaktien von Volkswagen", "20
    Prozent der Commerzbank", "46 Prozent von Continental"."""
    words = document.words(doc)
    after = next((p for p in orgs if percent.end < p.start <= percent.end + 6), None)
    if after is not None and after.start == percent.end + 1 and words[percent.end] in {"von", "vom"} \
            and not after.compound:
        return after  # "46 Prozent von Continental"
    if after is None or words[percent.end] not in {"der", "des"}:
        return None
    if after.start == percent.end + 1 or genitive_phrase(doc, after, percent.end):
        return after  # "20 Prozent der Commerzbank"
    between = range(percent.end + 1, after.start)
    if after.preposition in {"von", "vom"} and any(SHARE_NOUN.fullmatch(words[i]) for i in between):
        return after
    return None


def leaderships(doc: Doc, sent: Span, parties: list[Party], discourse: Discourse) -> list[Relation]:
    found = []
    # Any name that modifies a role word is an organisation: "Leonardo-Chef" (a given name to the model).
    role_modifiers = [p for p in parties if p.compound and p.end + 1 < len(doc)
                      and ROLE_WORD.fullmatch(doc[p.end + 1].lower_)]
    orgs = [p for p in parties if not p.attribution and (p.is_company or p in role_modifiers and p.label == "PER")]
    # A one-word "person" no name list knows ("Lanxess") is more likely a company the model mislabelled.
    persons = [p for p in parties if p.label == "PER" and p not in role_modifiers
               and not (p.unlisted and p.end - p.start == 1 and " " not in p.name and not holds_post(doc, p))]
    previous: tuple[Party, str, str, bool] | None = None
    waiting: list[Party] = []  # "A und B als Co-Chefs": A holds the post named after B
    for person in persons:
        bounds = clause_bounds(sent, person.start)
        org, role, implicit = led_org(doc, sent, person, bounds, orgs, discourse)
        if org is None:
            org, role, implicit = succession(doc, sent, person, bounds, orgs, discourse)
        if org is None:
            org, role, implicit = post_before_colon(doc, sent, person, orgs)
        if implicit and role and role.casefold().endswith("gründer"):
            # "die Enkelin des Firmengründers Anton Hagmann": the company that bears the founder's name
            org = company_of_founder(doc, person) or org
        if org is None and previous is not None and person.coordinated and previous[0].end + 1 == person.start \
                and not SINGULAR_POST.fullmatch(document.words(doc)[previous[0].start - 1]):
            # "die Co-Chefs A und B": B holds the post with A; not "FairEnergie-Chef A und B, bislang ..."
            _, org, role, implicit = previous
        elif org is None and previous is not None and previous[0].end + 2 == person.start \
                and document.words(doc)[previous[0].end] == "und" \
                and ROLE_WORD.fullmatch(document.words(doc)[person.start - 1]):
            # "Bahnchef Rüdiger Grube und Vorstand Volker Kefer": a post of the company just named
            org, role, implicit = previous[1], singular(doc[person.start - 1].text), previous[3]
        if org is not None:
            previous = (person, org, role, implicit)
        relative = relative_clause_post(doc, sent, person, orgs) or fronted_post(doc, sent, person, orgs) \
            or apposition_post(doc, sent, person, orgs) or joined_post(doc, sent, person, persons, orgs)
        if relative is not None and relative[0] not in {org, person.name}:
            # "Neuer Aufsichtsratschef wird X, der beim Onlinehändler Y das Europageschäft leitet": a second
            # post, or the only one: "der frühere Telekom-Chef X, der dort als Co-Chef das Europageschäft leitet"
            found.append(make(doc, sent, "LEADERSHIP", {"person": person.name, "org": relative[0],
                                                        "role": relative[1]}, confidence(person)))
        if org is None and person.end + 1 < sent.end and document.words(doc)[person.end] == "und" \
                and any(p.start == person.end + 1 for p in persons):
            waiting.append(person)
            continue
        if org is None or role and POLITICAL_OFFICE.fullmatch(role.casefold()):
            waiting = []
            continue  # "Sachsens Ministerpräsident Michael Kretschmer" leads no company
        if waiting and person.coordinated and waiting[-1].end + 1 == person.start:
            found += [make(doc, sent, "LEADERSHIP", {"person": first.name, "org": org, "role": role},
                           confidence(first, implicit=implicit)) for first in waiting if first.name != person.name]
        waiting = []
        if role == "Gründer":
            discourse.founders.setdefault(org, []).append(person.name)
        discourse.led_org = org
        found.append(make(doc, sent, "LEADERSHIP", {"person": person.name, "org": org, "role": role},
                          confidence(person, implicit=implicit)))
        led = passive_led_org(doc, sent, person, bounds, orgs)
        if led is not None and led.name not in {org, person.name}:
            # "Geführt wird X von zwei Geschäftsführern: Y-Chef A und B": A leads X too
            found.append(make(doc, sent, "LEADERSHIP", {"person": person.name, "org": led.name, "role": "Leitung"},
                              confidence(person, led)))
    return found


def company_of_founder(doc: Doc, founder: Party) -> str | None:
    """The one organisation of the document named with the founder's surname ("Hagmann", "Würth-Gruppe",
    "Spedition Brüggemann" for Anton Hagmann, Reinhold Würth, Stefan Brüggemann); None if none or several."""
    surname = founder.name.split()[-1]
    named = {ent._.canonical for ent in document.entities_in(doc, doc[:]) if ent.label_ == "ORG"
             and surname in re.split(r"[\s-]+", ent._.canonical)}
    return named.pop() if len(named) == 1 else None


# A post written before one person's name that cannot be shared by a name joined after it ("Y-Chef A und B"):
# "Chef", a feminine "-in", "Vorsitzender" (not "Geschäftsführer", singular and plural alike).
SINGULAR_POST = re.compile(r"\w*(chef|chefin|vorsitzender)|\w+(erin|ändin)")
TIME_OF_POST = {"bisher", "bislang", "zuletzt", "zuvor", "derzeit", "noch", "seit"}


def joined_post(doc: Doc, sent: Span, person: Party, persons: list[Party],
                orgs: list[Party]) -> tuple[str, str] | None:
    """(organisation, role) of a post in a clause joined to the one the person is the subject of: "X führt
    die Porsche SE und ist zugleich Aufsichtsratschef von Volkswagen"."""
    words = document.words(doc)
    if not person.free or any(p.start > person.end for p in persons):
        return None
    joint = next((i for i in range(person.end, sent.end - 2) if words[i] == "und" and words[i + 1] in COPULAS), None)
    if joint is None:
        return None
    post = next((i for i in range(joint + 2, min(joint + 5, sent.end)) if ROLE_WORD.fullmatch(words[i])), None)
    return post_of_named_org(doc, post, orgs) if post is not None else None


def apposition_post(doc: Doc, sent: Span, person: Party, orgs: list[Party]) -> tuple[str, str] | None:
    """(organisation, role) of a post in an apposition after the person, beside the one the sentence gives
    them: "Vorstandschef wird X, bisher Vorstandsvorsitzender der Volksbank Backnang"."""
    words = document.words(doc)
    if person.end + 2 >= sent.end or words[person.end] != ",":
        return None
    post = person.end + 1 + (words[person.end + 1] in TIME_OF_POST)
    return post_of_named_org(doc, post, orgs) if ROLE_WORD.fullmatch(words[post]) else None


def post_of_named_org(doc: Doc, post: int, orgs: list[Party]) -> tuple[str, str] | None:
    """(organisation, role) of the post word at ``post`` and the company named right after it ("Chef von
    X", "Vorstandsvorsitzender der X"); None for a post held before ("früherer Chef")."""
    words = document.words(doc)
    if is_former(doc, post):
        return None
    org = next((p for p in orgs if post < p.start <= post + 4 and p.is_org and p.explicit and not p.compound
                and (p.preposition in {"von", "vom", "bei", "beim", "des"} or words[p.start - 1] in {"der", "des"})),
               None)
    return (org.name, singular(doc[post].text)) if org is not None else None


def fronted_post(doc: Doc, sent: Span, person: Party, orgs: list[Party]) -> tuple[str, str] | None:
    """(organisation, role) of a post named with its organisation before a copula and the person after it,
    whatever post words stand with the name: "Chef von Nebius ist Yandex-Mitgründer Arkady Volozh"."""
    words = document.words(doc)
    start = max(clause_bounds(sent, person.start)[0], dateline_end(doc, sent))
    copula = next((i for i in range(person.start - 1, max(start, person.start - 7) - 1, -1) if words[i] in COPULAS),
                  None)
    if copula is None or copula - start > 6 or "," in words[copula:person.start]:
        return None
    post = next((i for i in range(start, copula) if ROLE_WORD.fullmatch(words[i])), None)
    if post is None or is_former(doc, post):
        return None
    org = next((p for p in orgs if post < p.start and p.end == copula and p.is_org and p.explicit
                and (p.preposition in {"von", "vom", "bei", "beim"} or words[p.start - 1] in {"des", "der"}
                     or is_descriptor(doc[p.start - 1]) and words[p.start - 2] in {"des", "der"})), None)
    return (org.name, singular(doc[post].text)) if org is not None else None


PERFECT_AUXILIARIES = {"hat", "hatte", "haben", "hatten", "habe"}
CHAIRS = {"vorsitzt", "vorsteht", "vorsitzen", "vorstehen"}  # "der dem Aufsichtsrat der X vorsitzt"


def relative_clause_post(doc: Doc, sent: Span, person: Party, orgs: list[Party]) -> tuple[str, str] | None:
    """(organisation, role) a relative clause right after a person says the person leads: "X, der beim
    Onlinehändler Y das Europageschäft leitet", "X, der dort als Co-Chef das Europageschäft leitet" (the
    company named with "bei" before: "Bei Warburg Pincus arbeitet ...")."""
    words = document.words(doc)
    if person.end + 2 >= sent.end or words[person.end] != "," or words[person.end + 1] not in {"der", "die"}:
        return None
    end = next((i for i in range(person.end + 2, sent.end) if words[i] in {",", ";", ":", ".", "und"}), sent.end)
    if words[end - 1] in PERFECT_AUXILIARIES:
        end -= 1  # "der zuvor die Daimler-Truck-Tochter Fuso geführt hatte"
    if not (LEADS.fullmatch(words[end - 1]) or words[end - 1] in CHAIRS) or is_negated(doc, (person.end, end)):
        return None
    role = next((singular(doc[i].text) for i in range(person.end + 2, end - 1) if ROLE_WORD.fullmatch(words[i])),
                "Leitung")
    # a name, or a reference in the genitive ("dem Aufsichtsrat der Frachtairline vorsitzt"; "das Unternehmen"
    # would be the person's own company, told already)
    led = next((p for p in orgs if person.end + 2 <= p.start < end and p.is_org
                and not (p.compound and any(q.start == p.end + 2 for q in orgs))  # "die Daimler-Truck-Tochter Fuso"
                and (p.explicit and p.preposition in {None, "bei", "beim"}
                     or not p.explicit and words[p.start] == "der")), None)
    if led is not None:
        return led.name, role
    if "dort" not in words[person.end + 2:end]:
        return None
    there = next((p for p in reversed(orgs) if p.end <= person.start and p.is_org and p.explicit
                  and p.preposition in {"bei", "beim"}), None)
    return (there.name, role) if there is not None else None


def managing_partner(doc: Doc, i: int) -> str | None:
    """The post of a partner who runs the company: "geschäftsführender Gesellschafter", "persönlich haftende
    Gesellschafterin" (a plain "Gesellschafter" holds shares and runs nothing)."""
    words = document.words(doc)
    if i < 1 or words[i] not in {"gesellschafter", "gesellschafterin"} \
            or not words[i - 1].startswith(("geschäftsführend", "haftend")):
        return None
    return f"{doc[i - 1].text} {doc[i].text}"


BOARD = re.compile(r"(aufsichtsrat|beirat|verwaltungsrat|kontrollgremium|stiftungsrat|vorstand)(s|es)?")
# Words that seat a person on a board: "zieht in den Aufsichtsrat ein", "Mitglied des Beirats", "sitzt im
# Verwaltungsrat", "der dem Aufsichtsrat vorsitzt", "einen Sitz im Beirat erhält".
BOARD_SEAT_WORDS = {"mitglied", "sitz", "sitzt", "saß", "sitzen", "einziehen", "zieht", "einzieht", "rückt", "rücken",
                    "wechselt", "wechseln", "wechselte", "vorsitzt", "vorsitzen", "vorsitz", "angehört", "angehören"}


def board_seats(doc: Doc, sent: Span, parties: list[Party], discourse: Discourse) -> list[Relation]:
    """A seat on an organisation's supervisory or advisory board: "X zieht in den Aufsichtsrat ein", "X,
    Mitglied des Aufsichtsrats", "X, der dem Aufsichtsrat der Frachtairline vorsitzt", "Einen Sitz im Beirat
    des Start-ups erhält X", "an BMW, wo sie im Aufsichtsrat sitzt". The organisation is the one named with
    the board or before ", wo", else the one the clause opens with ("Beim Konzern Evonik übernimmt X den
    Vorsitz im Aufsichtsrat"), else the one that announces it ("..., wie Hensoldt mitteilte"), else the one
    the text is on."""
    found = []
    words = document.words(doc)
    for trigger, bounds, clause in stated_clauses(doc, sent, parties, (BOARD, True)):
        if words[trigger - 1] not in {"in", "im", "dem", "des", "den"} \
                or BOARD_SEAT_WORDS.isdisjoint(words[bounds[0]:bounds[1]]):
            continue  # not "Der Aufsichtsrat berief X": the board acting
        people = [p for p in clause if p.label == "PER" and p.explicit]
        if len(people) != 1:
            continue
        orgs = [p for p in clause if p.is_org and not p.attribution and p is not people[0]]
        where = next((i for i in range(trigger - 1, bounds[0], -1) if words[i] == "wo" and words[i - 1] == ","), None)
        named = next((p for p in orgs if where is not None and p.end == where - 1), None) \
            or next((p for p in orgs if trigger < p.start <= trigger + 3 and (
            p.preposition in {"von", "vom"} or genitive_phrase(doc, p, trigger) or not p.explicit)), None) \
            or next((p for p in orgs if p.compound and p.end + 1 == trigger), None) \
            or next((p for p in orgs if p.preposition in {"bei", "beim"} and p.end <= trigger), None) \
            or next((p for p in parties if p.attribution and p.is_org and bounds[0] <= p.start < bounds[1]), None)
        org = named.name if named is not None else discourse.topic or discourse.salient
        if org is not None and org != people[0].name:
            found.append(make(doc, sent, "LEADERSHIP", {"person": people[0].name, "org": org,
                                                        "role": singular(doc[trigger].text)},
                              confidence(people[0], implicit=named is None)))
    return found


def holds_post(doc: Doc, party: Party) -> bool:
    """Whether a post is written right next to the name: "Chef Terium", "Euler ist Chef der ...",
    "Colsman als Geschäftsführer": a surname, not a company, whatever the name lists say."""
    words = document.words(doc)
    if party.start > 0 and ROLE_WORD.fullmatch(words[party.start - 1]):
        return True
    after = words[party.end:party.end + 6]  # "Kessler ist seit drei Jahren Finanzvorständin"
    return len(after) >= 2 and after[0] in COPULAS | {"als"} and any(ROLE_WORD.fullmatch(w) for w in after[1:]
                                                                    if w not in {",", "."})


def succession(doc: Doc, sent: Span, person: Party, bounds: tuple[int, int], orgs: list[Party],
               discourse: Discourse) -> tuple[str | None, str | None, bool]:
    """Appointments and successions that name the post, not the company next to the person: "X folgt
    auf Y", "tritt die Nachfolge von Y an", "löst Y ab", "rückt an die Spitze des Unternehmens", "An der
    Spitze von Z steht X", "X übernimmt den Vorsitz", "Z hat X zur Technikvorständin berufen". The
    company is the one the clause names, else the one whose leader the article named last, else the
    article's company."""
    words = document.words(doc)
    clause = range(*bounds)
    cues = [words[i] for i in clause if SUCCESSION.fullmatch(words[i])]
    if not cues or set(cues) <= {"bestellt", "bestellte"} and {"zum", "zur"}.isdisjoint(words[bounds[0]:bounds[1]]):
        return None, None, False  # "bestellt" appoints only "zur Chefin", else it orders
    if words[bounds[0]:bounds[1]].count("ab") == 0 and any(words[i] in {"löst", "löste"} for i in clause):
        return None, None, False
    # not "sie": after a post was named, "Sie folgt auf Y" is the person who took it
    named = [p for p in orgs if bounds[0] <= p.start < bounds[1] and p.name != person.name and not p.attribution
             and not (not p.explicit and words[p.start] == "sie")]
    if CHANGES_JOB & set(words[bounds[0]:bounds[1]]):  # "wechselt von der Allianz": the employer left
        named = [p for p in named if p.preposition not in {"von", "vom", "aus"}]
    spitze = next((i for i in clause if words[i] == "spitze"), None)
    org = None
    if spitze is not None:  # "an der Spitze von Z", "an die Spitze des Unternehmens"
        org = next((p for p in named if spitze < p.start <= spitze + 4), None)
    if org is None:
        # ("löst den mBank-Chef Y ab": the company of the predecessor's post)
        org = next((p for p in named if p.free or p.preposition in {"bei", "beim", "von", "vom"}
                    or genitive_phrase(doc, p, bounds[0])
                    or p.compound and p.start > person.end and p.end + 1 < len(doc)
                    and ROLE_WORD.fullmatch(words[p.end + 1])), None)
    role = next((singular(doc[i].text) for i in clause if ROLE_WORD.fullmatch(words[i])), "Leitung")
    if org is not None:
        return org.name, role, False
    focus = discourse.topic or discourse.led_org or discourse.salient  # "X hat einen neuen Chef. Y folgt auf Z"
    return (focus, role, True) if focus else (None, None, False)


def led_org(doc: Doc, sent: Span, person: Party, bounds: tuple[int, int], orgs: list[Party],
            discourse: Discourse) -> tuple[str | None, str | None, bool]:
    """(organisation, role, implicit) for a person, from the words around the name."""
    words = document.words(doc)
    leitung = next((i for i in range(max(bounds[0], person.start - 5), person.start) if words[i] == "leitung"),
                   None)
    if leitung is not None:  # "X unter der Leitung des Gründers Y"
        org = next((p for p in reversed(orgs) if p.end <= leitung and p.preposition is None), None)
        title = next((doc[i].text for i in range(leitung + 1, person.start) if ROLE_WORD.fullmatch(words[i])),
                     "Leitung")
        if org is not None:  # else "Die Leitung übernimmt X, bislang Chefin der Y": the post named after X
            return org.name, singular(title), False
    if person.start > 0 and ROLE_WORD.fullmatch(words[person.start - 1]):
        # "Isar-Aerospace-Chef Daniel Metzler, der das Unternehmen gegründet hat": the company of the
        # role word's compound comes before any other cue
        # ("Schwarz-Digits-Co-Chef": the company before "Co-Chef")
        post_start = person.start - 3 if person.start > 3 and doc[person.start - 3].text == "Co" else person.start - 1
        modifier = next((p for p in orgs if p.compound and p.end + 1 == post_start and p.name != person.name), None)
        if modifier is not None and not is_former(doc, person.start - 1):
            return modifier.name, singular(doc[person.start - 1].text), False
    if any(FOUNDED.fullmatch(words[i]) for i in range(*bounds)):
        founded = next((p for p in orgs if bounds[0] <= p.start < bounds[1] and p.free), None)
        if founded is not None:
            return founded.name, "Gründer", False
    window = [i for i in range(max(bounds[0], person.start - 4), min(bounds[1], person.end + 5))
              if not person.start <= i < person.end]
    # Not the person, nor a co-holder named before it: "die Co-Chefs Clay Magouyrk und Mike Sicilia"
    orgs = [p for p in orgs if p.name != person.name and not (p.label == "PER" and p.end <= person.start
                                                               and p.preposition == person.preposition)]
    if any(words[i] in COPULAS for i in range(max(bounds[0], person.start - 4), person.start)):
        # "Neuer Chef des Autozulieferers ZF wird Holger Klein": the post before the verb
        window += [i for i in range(max(bounds[0], person.start - 10), person.start - 4)]
    for i in sorted(window, key=lambda i: abs(i - person.start)):
        # "Flink-Mitgründer und -Chef X", "Nebius-Gründer und Vorstandschef X": a post after "und" shares the
        # company of the compound post before it
        elided = i > 2 and words[i - 1] in {"und", "sowie"} and ROLE_WORD.fullmatch(words[i - 2]) is not None
        partner = managing_partner(doc, i)
        if not (ROLE_WORD.fullmatch(words[i].lstrip("-")) or partner) or is_former(doc, i):
            continue
        if i > person.end and i + 1 < len(doc) and doc[i + 1].ent_type_ == "PER":
            continue  # "Lies hatte seinen Vorschlag Bahnchef Rüdiger Grube unterbreitet": another person's post
        if i < person.start and SINGULAR_POST.fullmatch(words[i]) \
                and any(doc[k].ent_type_ == "PER" for k in range(i + 1, person.start)):
            continue  # "FairEnergie-Chef A und B": A's post
        role = partner or singular(doc[i].text.lstrip("-"))
        if i >= 2 and words[i - 1] in {"dessen", "deren"} and words[i - 2] == ",":
            # "Stadler, dessen Verwaltungsratspräsident Peter Spuhler ...": the company before the relative
            owner = next((p for p in orgs if p.end == i - 2 and p.is_org), None)
            if owner is not None:
                return owner.name, role, False
        # "Nvidia-Chef", "Googles Chef", "RWE Chef Markus Krebber", "Nvidia CEO Jensen Huang"
        modifier = next((p for p in orgs if (p.compound and p.end + 1 == i) or (p.genitive and p.end == i)
                         or p.end == i and p.explicit and p.preposition is None and not p.compound
                         or elided and p.compound and p.end + 1 == i - 2), None)
        inside = org_in_role_word(words[i]) or org_named_by_role_word(doc, words[i])
        if modifier is None and inside is not None:  # "Bahnchef Richard Lutz", "Bundesbankpräsident"
            return inside, role, False
        # "Chef von X", "Chef des X", "Chef des Konzerns X"
        # (not a compound's modifier: "Chairman des Kaufhof-Eigners Hudson's Bay")
        linked = next((p for p in orgs if i < p.start <= i + 4 and p.preposition in
                       {"von", "vom", "bei", "beim", "des", "der"} and not p.compound or i < p.start <= i + 3
                       and doc[p.start - 1].lower_ in {"des", "der"} or i < p.start <= i + 4
                       and is_descriptor(doc[p.start - 1]) and words[p.start - 2] in {"des", "der"}), None) \
            or org_named_after(doc, i, orgs)
        if linked is not None and linked.compound:
            # "Chefin der EnBW-Tochter Netze BW": the company the compound describes, named after it
            linked = next((p for p in orgs if p.start == linked.end + 2 and p.explicit), linked)
        if modifier or linked:
            return (modifier or linked).name, role, False
        between = words[i + 1:person.start] if i < person.start else words[person.end:i]
        # "Neue Vorstandschefin wird X", "X wird zum 1. März Vorstandsvorsitzende"; not "X ist Direktor des
        # Instituts": a post with its own complement names its organisation, found or not
        # "ist zugleich Gründer und Chef des Konzerns X": the coordinated post names the company for both
        shared = i + 2 < len(words) and words[i + 1] == "und" and ROLE_WORD.fullmatch(words[i + 2]) is not None
        # "Bei Kuka bleibt Peter Mohnen Vorstandschef": the copula before the name, the post right after it
        copula_before = i == person.end and person.start > bounds[0] and words[person.start - 1] in COPULAS
        # "An seine Stelle treten A und B als gleichberechtigte Co-Vorstandschefs": a post after "als"
        predicative = not {",", ";", ":"} & set(between) \
            and (not COPULAS.isdisjoint(between[:1] + between[-1:]) or copula_before
                 or i > person.end and between[:1] == ["als"]) \
            and len(between) <= 6 and (i + 1 >= len(words) or words[i + 1] not in ROLE_LINKS | {"eines", "einer"}) \
            and not shared
        if i == person.start - 1 or predicative:  # "sagte Konzernchef Roland Busch": the company the text is on
            appointed = apposition_role(doc, person, orgs)  # unless the role word names it: "Spar-Vorstand"
            if appointed is not None:
                return appointed
            led = passive_led_org(doc, sent, person, bounds, orgs)
            if led is not None:  # "Geführt wird X von den Geschäftsführern A und B"
                return led.name, role, False
            # "Konzernchef Aengus Kelly führt AerCap seit 2011": the company the person leads, named after the verb
            lead = person.end if person.end < bounds[1] and LEADS.fullmatch(words[person.end]) else None
            led = next((p for p in orgs if lead is not None and lead < p.start <= lead + 3 and p.free
                        and p.explicit), None)
            if led is not None:
                return led.name, role, False
            if words[i] in VAGUE_POSTS:
                continue  # "an den örtlichen Manager X": no post at the company the text is on
            # the one company the sentence names as a subject before, else the last sentence's subject
            named = {p.name for p in orgs if p.end <= person.start and p.free and p.explicit and p.label == "ORG"}
            # "Bei Qiagen soll der Controllingchef X übernehmen", "Für Vodafone ist es ein Schritt beim Umbau, den
            # Chefin X vorantreibt": the company the sentence opens with
            opening = sentence_opening_org(doc, sent)
            if opening is not None and opening.end > person.start:
                opening = None
            # "sagte Vorstandschefin X": one who speaks for a company the text does not name speaks for its company
            speaks = not SPEECH_WORDS.isdisjoint(words[max(sent.start, compound_start(doc, i) - 2):i])
            org = named.pop() if len(named) == 1 else opening._.canonical if opening is not None and not named \
                else discourse.salient if "betriebsrat" in words[i] or speaks else discourse.topic or discourse.salient
            # "Die IG Metall zeigte sich zurückhaltend. Der Betriebsratsvorsitzende X": the works council is
            # the article's company's
            if org is not None:
                return org, role, True
    appointed = apposition_role(doc, person, orgs)
    if appointed is not None:
        return appointed
    lead = next((i for i in range(person.end, min(bounds[1], person.end + 14)) if LEADS.fullmatch(words[i])), None)
    if lead is not None:  # "Jonas Andrulis, der die Firma als Vorstandschef führt", "Pötsch führt die Porsche SE"
        # the object right before the verb: "X, der das zum Forschungszentrum gehörende JSC leitet"
        org = next((p for p in reversed(orgs) if person.end < p.start < lead), None)
        if org is None and lead <= person.end + 1:
            # "leitet seit 2022 den Autozulieferer Continental": across an adverbial of time
            org = next((p for p in orgs if lead < p.start <= lead + 7 and p.preposition is None
                        and "," not in words[lead:p.start]), None)
        if org is not None:
            return org.name, "Leitung", False
    led = passive_led_org(doc, sent, person, bounds, orgs)
    return (led.name, "Leitung", False) if led is not None else (None, None, False)


def post_before_colon(doc: Doc, sent: Span, person: Party, orgs: list[Party]) -> tuple[str | None, str | None, bool]:
    """A post named before a colon and its holder after it: "Siemens hat einen neuen Finanzchef: Ralf Thomas",
    "Neuer Chef für Continental: Katja Dürrfeld". The company is the one named with the post, else the
    subject before the colon."""
    words = document.words(doc)
    if person.start < sent.start + 2 or words[person.start - 1] != ":":
        return None, None, False
    post = next((i for i in range(person.start - 2, max(sent.start, person.start - 6) - 1, -1)
                 if ROLE_WORD.fullmatch(words[i])), None)
    if post is None:
        return None, None, False
    named = next((p for p in orgs if post < p.start < person.start and p.explicit and p.is_org
                  and p.preposition in {"für", "bei", "beim", "von", "vom"}), None) \
        or next((p for p in orgs if sent.start <= p.start < person.start and p.free and p.explicit and p.is_org), None)
    return (named.name, singular(doc[post].text), False) if named is not None else (None, None, False)


def passive_led_org(doc: Doc, sent: Span, person: Party, bounds: tuple[int, int], orgs: list[Party]) -> Party | None:
    """The organisation a passive "geführt"/"geleitet" says the person leads: "Geführt wird Oracle von den
    Co-Chefs A und B", "T-Mobile US wird seit November von Srini Gopalan geführt"."""
    words = document.words(doc)
    listed = bounds[0] > sent.start and words[bounds[0] - 1] == ":"
    if listed:
        # "Geführt wird X von zwei Geschäftsführern: A und B": the list after the colon, however long
        bounds = (clause_bounds(sent, bounds[0] - 2)[0], bounds[1])
    led = next((i for i in range(bounds[0] if listed else max(bounds[0], person.start - 14), person.start)
                if words[i] in LED_PARTICIPLES), None)
    if led is not None and doc[person.start - 1].lower_ != "und" or led is not None and person.coordinated:
        # not the owner in "das zum Siemens-Konzern gehörende Softwarehaus Mendix"
        org = next((p for p in orgs if led < p.start < person.start and p.preposition not in {"zu", "zum", "zur"}),
                   None)
        if org is not None and any(words[i] in {"von", "vom"} for i in range(org.end, person.start)):
            return org
    if person.preposition in {"von", "vom"} and not LED_PARTICIPLES.isdisjoint(
            words[person.end:min(bounds[1], person.end + 3)]):
        return next((p for p in orgs if bounds[0] <= p.start < person.start and p.free), None)
    return None


ROLE_LINKS = {"des", "der", "von", "vom", "bei", "beim", "of", "the", "at"}
LED_PARTICIPLES = {"geführt", "geleitet"}  # "Geführt wird X von Y": Y leads X
# Posts that name their company only in the words around them: "Bosch-Manager X", "Manager bei Y".
VAGUE_POSTS = {"manager", "managerin"}


def org_named_after(doc: Doc, noun: int, orgs: list[Party]) -> Party | None:
    """The organisation a noun (a post, "Ausgründung") names after it, across the words that describe
    it: "Geschäftsführer des Branchenverbandes Bitkom", "Vorsitzender der staatlichen Fluggesellschaft Air
    India", "Chairman des kanadischen Kaufhof-Eigners Hudson's Bay", "Vorstandsvorsitzender Allianz
    Deutschland", "Leiterin Marketing bei Vorwerk", "Head of Investment at Lazard", "eine Ausgründung der
    TU München". Articles and prepositions, adjectives, company nouns and the parts of a hyphen compound
    may stand between; anything else (a comma, a verb, another name) ends the phrase."""
    starts = {p.start: p for p in orgs if not p.compound}
    for j in range(noun + 1, min(len(doc), noun + 8)):
        if j in starts:
            return starts[j]
        token = doc[j]
        lower = token.lower_
        if token.ent_type_ and not (j + 1 < len(doc) and doc[j + 1].text == "-" and not token.whitespace_):
            return None  # another name: "Chef Roland Busch"
        if lower in ROLE_LINKS or token.text == "-" or is_descriptor(token) or is_descriptor_form(token) \
                or token.is_lower and ADJECTIVE.fullmatch(lower) or TITLE_PLACE_ADJECTIVE.fullmatch(token.text) \
                or j + 1 < len(doc) and doc[j + 1].text == "-" and not token.whitespace_ \
                or doc[j - 1].text == "-" and token.is_title:  # the head of "Kaufhof-Eigners"
            continue
        if token.is_title and j <= noun + 3 and j + 1 < len(doc) and doc[j + 1].lower_ in {"bei", "beim", "at"}:
            continue  # the department: "Leiterin Marketing bei"
        if token.is_title and doc[j - 1].lower_ == "des" and lower.endswith("s"):
            continue  # a noun in the genitive: "Geschäftsführer des Branchennetzwerks"
        return None
    return None


def org_in_role_word(word: str) -> str | None:
    """The listed organisation a role word begins with: "bahnchef" -> Deutsche Bahn, "telekomchefin" ->
    Deutsche Telekom; None for "vorstandschef" or "konzernchef"."""
    match = ROLE_SUFFIX.search(word)
    if match is None or match.start() < 2:
        return None
    entry = alias_index().get(word[:match.start()])
    return entry.name if entry is not None and entry.label == "ORG" else None


def org_named_by_role_word(doc: Doc, word: str) -> str | None:
    """The one organisation of the document whose name ends in the noun a role word begins with:
    "stiftungschef" -> RAG-Stiftung, "bankchef" -> Commerzbank; None when none or several do."""
    match = ROLE_SUFFIX.search(word)
    if match is None or match.start() < 4:
        return None
    noun = word[:match.start()]
    nouns = {noun, noun[:-1]} if noun.endswith("s") else {noun}
    named = {ent._.canonical for ent in document.named_in(doc) if ent.label_ == "ORG"
             and any(ent._.canonical.casefold().endswith(n) and len(ent._.canonical) > len(n) for n in nouns)}
    return named.pop() if len(named) == 1 else None


def is_former(doc: Doc, role: int) -> bool:
    """A post held before: "der frühere Siemens-Chef", "Ex-Vorstandschef", "ehemaliger CEO"."""
    words, start = document.words(doc), compound_start(doc, role)
    return bool(FORMER_WORDS & set(words[max(0, start - 2):start])) or words[start] == "ex"


def apposition_role(doc: Doc, person: Party, orgs: list[Party]) -> tuple[str, str, bool] | None:
    """'der Vorstandschef der Ethikbank, Klaus Euler', 'der Geschäftsführer des Paketdiensts DPD, Boris
    Winkelmann', 'Tengelmann-Chef Erivan Haub': the organisation named with the role word, also when
    the entity stage did not tag it (a name-like noun after "der"/"des", or the modifier of the
    role word's hyphen compound)."""
    words = document.words(doc)
    first = max(person.start - 9, doc[person.start].sent.start)
    comma = person.start - 1 if person.start > 0 and doc[person.start - 1].text == "," else None
    for i in range(person.start - 1, first - 1, -1):
        if not ROLE_WORD.fullmatch(words[i]):
            continue
        if is_former(doc, i):
            return None  # "Der frühere Fresenius-Kabi-Chef X"
        hyphen = i - 1
        if i >= 4 and doc[i - 2].text == "Co" and doc[i - 3].text == "-":
            hyphen = i - 3  # "Nordwerk-Co-Chef": the company before "Co-Chef"
        if hyphen >= 1 and doc[hyphen].text == "-" and not doc[hyphen - 1].whitespace_ \
                and not doc[hyphen - 1].ent_type_ and i == person.start - 1:
            first = compound_start(doc, hyphen - 1)
            modifier = doc[first:hyphen].text
            listed = alias_index().get(modifier.casefold()) or alias_index().get(modifier.replace("-", " ").casefold())
            if listed is not None and listed.label == "ORG":
                # "Bahn-Chefin": a listed company's short name; "United-Internet-Chef": its name hyphenated
                return listed.name, singular(doc[i].text), False
            opening = next((p for p in orgs if p.start == first), None) if doc[first].ent_type_ == "ORG" else None
            if opening is not None and not is_unit_word(doc[hyphen - 1].text):
                # "Lufthansa-Technik-Chef", "Siemens-Vertriebs-Chef": a department of the company the compound
                # opens with (not "Airbus-Helicopters-Chef": a unit's English name)
                return opening.name, singular(doc[i].text), False
            if is_name_like(doc[hyphen - 1].text, COMPOUND_NAME_ZIPF):
                return spaced_name(doc, modifier) or modifier, singular(doc[i].text), False
        if comma is None:
            return None
        named = next((p for p in orgs if i < p.start < comma and p.explicit), None)
        if named is not None:
            return named.name, singular(doc[i].text), False
        if doc[i + 1].lower_ in {"der", "des", "von", "vom"} and comma - 1 > i + 1 \
                and is_name_like(doc[comma - 1].text) and not doc[comma - 1].ent_type_:
            return doc[comma - 1].text, singular(doc[i].text), False
        return None
    return None


def is_name_like(word: str, zipf: float = NAME_ZIPF) -> bool:
    """A capitalised word rarer in German than ``zipf`` (or an acronym): a name, not a common noun."""
    return word[:1].isupper() and word.isalpha() and (word.isupper() and len(word) > 1
                                                      or zipf_frequency(word, "de") < zipf)


def singular(role: str) -> str:
    """'Gründers' (genitive) -> 'Gründer', 'Co-Chefs' (plural) -> 'Co-Chef'."""
    return role[:-1] if role.lower().endswith(("ers", "chefs")) else role


def leases(doc: Doc, sent: Span, parties: list[Party], discourse: Discourse) -> list[Relation]:
    """'X mietet Rechenleistung bei Y', 'X hat mit Y einen Mietvertrag abgeschlossen', 'X sichert sich bei Y
    Rechenkapazität'. A lessor the sentence leaves out is the article's company when the lessee is another
    ("Nebius: Meta mietet Rechenleistung für drei Milliarden Dollar")."""
    found = []
    words = document.words(doc)
    for trigger, bounds, clause in stated_clauses(doc, sent, parties, (LEASE, None), (SECURES, False),
                                                  (PROVIDES, True), (CONTRACT, True), (RENTS_OUT, False),
                                                  (LESSOR_NOUN, True)):
        capacity = any(CAPACITY.fullmatch(words[i]) for i in range(*bounds))
        if LESSOR_NOUN.fullmatch(words[trigger]):
            # "Discover Airlines holt sich vier A350 vom Vermieter Air Lease": what comes from a lessor is rented
            lessor = next((p for p in clause if p.start == trigger + 1 and p.is_org and p.explicit), None)
            lessee = next((p for p in subjects(clause, trigger) if p.start < trigger), None)
            if lessor is not None and lessee is not None and lessee.name != lessor.name \
                    and words[trigger - 1] in {"vom", "von", "beim", "bei", "dem"}:
                found.append(make(doc, sent, "LEASE", {"lessee": lessee.name, "lessor": lessor.name},
                                  confidence(lessee, lessor) - 0.1, money_in(doc, bounds)))
            continue
        if SECURES.fullmatch(words[trigger]) and not capacity:
            continue  # "sichert sich" leases capacity; otherwise it acquires (``takeovers``)
        if CONTRACT.fullmatch(words[trigger]) and not (trigger > 1 and words[trigger - 1] == "-"
                                                       and words[trigger - 2] == "cloud"):
            continue  # only a "Cloud-Vertrag" rents capacity
        if RENTS_OUT.fullmatch(words[trigger]):
            # "Alpha Trains vermietet die Züge an Transdev"
            lessors = subjects(clause, trigger)[:1]
            # after the verb, or before it at a clause's end: "ein Werk, das Goldbeck errichtet und an Hensoldt
            # vermietet"
            lessees = [p for p in clause if p.is_org and p.preposition == "an"
                       and (p.start > trigger or lessors and lessors[0].end < p.start < trigger)] \
                or [p for p in clause if p.start == trigger + 1 and p.is_org and p.explicit and p.free
                    and p not in lessors]  # "Equinix vermietet Siemens Flächen": the dative right after the verb
            found += [make(doc, sent, "LEASE", {"lessee": lessee.name, "lessor": lessor.name},
                           confidence(lessee, lessor) - 0.1, money_in(doc, bounds))
                      for lessor in lessors for lessee in lessees[:1] if lessee.name != lessor.name]
            continue
        if PROVIDES.fullmatch(words[trigger]) and is_passive(doc, trigger + 1, bounds) and words[trigger - 1] == "zur":
            # "Zwölf Jets werden dem Ferienflieger Condor von der Leasinggesellschaft Avolon zur Verfügung gestellt"
            lessor = next((p for p in clause if p.is_org and p.preposition in {"von", "vom"}), None)
            # the receiver in the dative: "dem (Ferienflieger) Condor"
            lessee = next((p for p in clause if p.is_org and p.free and p is not lessor
                           and {"dem", "der"} & set(words[max(p.start - 2, 0):p.start + 1])), None)
            if lessor is not None and lessee is not None and lessee.name != lessor.name and (
                    capacity or any(LESSOR_NOUN.fullmatch(words[i]) for i in range(max(lessor.start - 3, 0),
                                                                                   lessor.start))):
                found.append(make(doc, sent, "LEASE", {"lessee": lessee.name, "lessor": lessor.name},
                                  confidence(lessee, lessor) - 0.1, money_in(doc, bounds)))
            continue
        if PROVIDES.fullmatch(words[trigger]):
            # "Google Cloud stellt dem Start-up Aleph Alpha Rechenkapazität zur Verfügung"
            lessors = subjects(clause, trigger)[:1]
            if not capacity or not lessors or words[trigger - 1] != "zur":
                continue
            lessee = next((p for p in clause if p.free and p.explicit and p.is_org and p.start > lessors[0].end
                           and p.name != lessors[0].name), None)
            if lessee is not None:
                found.append(make(doc, sent, "LEASE", {"lessee": lessee.name, "lessor": lessors[0].name},
                                  confidence(lessee, lessors[0]) - 0.1, money_in(doc, bounds)))
            continue
        for lessee in subjects(clause, trigger)[:1]:
            lessor = next((p for p in clause if p.is_org and p.preposition in {"von", "vom", "bei", "beim", "mit"}
                           and p.name != lessee.name), None)
            if lessor is None and not SECURES.fullmatch(words[trigger]):
                # "mietet Plätze auf Masten des Funkturmbetreibers Vantage Towers": the owner of what is rented
                lessor = next((p for p in clause if p.start > trigger and p.name != lessee.name and p.is_org
                               and genitive_phrase(doc, p, trigger)), None)
            if lessor is None and SECURES.fullmatch(words[trigger]):
                continue
            if lessor is None and "zurück" in words[trigger] + " " + " ".join(words[trigger:bounds[1]]):
                # "verkauft 25 Märkte an Union Investment und mietet sie zurück": from the buyer
                lessor = next((p for p in parties if p.is_org and p.end <= trigger and p.name != lessee.name and (
                    p.preposition == "an" or "an" in words[max(p.start - 4, sent.start):p.start]
                    and words[p.start - 1] in {"der", "des"})), None)
            implicit = lessor is None and discourse.salient not in {None, lessee.name}
            item = item_before(doc, lessee.end, trigger)
            found.append(make(doc, sent, "LEASE", {
                "lessee": lessee.name,
                "lessor": lessor.name if lessor else discourse.salient if implicit else None,
                "item": item,
            }, confidence(lessee, lessor, implicit=implicit) - 0.1, money_in(doc, bounds)))
            # "mietet Cloud-Kapazität bei Stackit und Ionos": each lessor of the list
            others = coordinated_after(clause, lessor) if lessor is not None else []
            found += [make(doc, sent, "LEASE", {"lessee": lessee.name, "lessor": other.name, "item": item},
                           confidence(lessee, other) - 0.1, money_in(doc, bounds))
                      for other in others if other.is_org and other.name != lessee.name]
    return found


def coordinated_after(parties: list[Party], first: Party) -> list[Party]:
    """The parties joined to ``first`` by "und", "oder" or a comma ("bei Stackit und Ionos"); they share its
    preposition."""
    joined = []
    for party in parties[parties.index(first) + 1:] if first in parties else []:
        if not party.coordinated or party.preposition != first.preposition:
            break
        joined.append(party)
    return joined


def deal_amount(doc: Doc, sent: Span, *, definite_only: bool = False, of_a_round: bool = False) -> Money | None:
    """'Der Auftrag hat ein Volumen von 7,5 Mrd. Euro': an amount for the deal just named. With
    ``definite_only``, only where a definite article names the deal again ("der Transaktion"); with
    ``of_a_round`` (the deal is an investment), also "Teil einer Finanzierungsrunde über 27 Millionen"."""
    words = document.words(doc)
    sentence = words[sent.start:sent.end]
    # "Für X zahlt GEA ...", "zahlt der Käufer zwischen 150 und 180 Millionen Euro"
    paid = bool(triggers(sent, PAY)) and (
        "dafür" in sentence or "für" in sentence or any(BUYER_WORD.fullmatch(word) for word in sentence))
    spent = "dafür" in sentence and not SPENDS.isdisjoint(sentence)  # "will der Konzern dafür ausgeben"
    # "Das Paket kostet 250 Millionen Euro", "In Branchenkreisen ist von 1,5 Milliarden Euro die Rede"
    # (the verb "kosten", not the noun: "die Bank will ihre Kosten senken")
    priced = not COSTS.isdisjoint(sentence) and any(word in COSTS and (not doc[sent.start + k].is_title or k == 0)
                                                    for k, word in enumerate(sentence)) \
        or "rede" in sentence and "von" in sentence
    paid_for_it = (paid or spent or priced) and not definite_only
    # "Der Kauf", "das Geschäft" refer back to the deal; "ein Verkauf könnte ... einbringen" is another one,
    # but the stake just told is "Teil einer Finanzierungsrunde über 27 Millionen Euro"
    named = [i for i in triggers(sent, DEAL_NOUN, noun=True)
             if (words[i - 1] not in INDEFINITE_ARTICLES or of_a_round and _IS_ROUND_NOUN(words[i]))
             and (not definite_only or words[i - 1] in DETERMINERS)]
    if not named and not paid_for_it:
        return None
    # not a company's figures: "des Konzernumsatzes von zuletzt gut 1,1 Milliarden Euro"
    return next((span._.money for span in amount_spans(doc, (sent.start, sent.end))
                 if not any(KEY_FIGURE.fullmatch(w) for w in words[max(sent.start, span.start - 4):span.start])),
                None)


def compound_acquisitions(doc: Doc, sent: Span, parties: list[Party], discourse: Discourse) -> list[Relation]:
    """'nach der E-Plus-Übernahme durch Telefónica', 'Telefónica erwartet nach der E-Plus-Übernahme ...':
    the compound's modifier is bought; the buyer is the "durch" party or the clause's subject."""
    found = []
    for acquired in parties:
        head = acquired.end + 1
        if not (acquired.compound and acquired.explicit and acquired.is_org and head < sent.end
                and ACQUIRE_COMPOUND_HEAD.fullmatch(document.words(doc)[head])):
            continue
        bounds = clause_bounds(sent, head)
        if is_negated(doc, bounds):
            continue
        clause = [p for p in in_clause(parties, bounds) if p.name != acquired.name]
        buyer = next((p for p in clause if p.preposition in {"durch", "für"} and p.is_org), None) \
            or next(iter(subjects(clause, head)), None)
        if buyer is None and head + 1 < sent.end and document.words(doc)[head + 1] == ":":
            # "Altair-Übernahme: Siemens zahlt 10 Milliarden Dollar": the subject after the headline's colon
            after = clause_bounds(sent, head + 2)
            buyer = next(iter(subjects(in_clause(parties, after), head + 2)), None)
            bounds = (bounds[0], after[1])
        if buyer is not None:
            found.append(make(doc, sent, "ACQUISITION", {"buyer": buyer.name, "acquired": acquired.name},
                              confidence(buyer, acquired) - 0.1, money_in(doc, bounds)))
    return found


def emergences(doc: Doc, sent: Span, parties: list[Party], discourse: Discourse) -> list[Relation]:
    """'Covestro, 2015 aus dem Bayer-Konzern hervorgegangen, ...', 'X ging aus Y hervor': X was split off
    from Y (not when X came out of a merger: 'aus dem Zusammenschluss mit Y')."""
    found = []
    words = document.words(doc)
    for trigger, bounds, clause in stated_clauses(doc, sent, parties, (EMERGED, False)):
        if any(MERGE_NOUN.fullmatch(words[i]) for i in range(*bounds)):
            continue
        parent = next((p for p in clause if p.is_org and p.explicit and p.preposition == "aus"
                       and (not p.compound or COMPANY_NOUN.fullmatch(words[p.end + 1]))), None)
        unit = next((i for i in range(bounds[0], trigger) if words[i] == "aus" and i + 2 < trigger
                     and BUSINESS_UNIT.fullmatch(words[i + 2])), None)
        if parent is None and unit is not None:
            # "aus der Fertigungssparte des US-Chipkonzerns AMD hervorgegangen": the unit's owner
            parent = org_named_after(doc, unit + 2, [p for p in clause if p.is_org and p.explicit])
        child = next((p for p in clause if p.is_org and p.free and p is not parent
                      and (p.explicit or p.start < (unit if unit is not None else trigger))), None)
        if parent is not None and child is not None and child.name != parent.name:
            found.append(make(doc, sent, "SPINOFF", {"parent": parent.name, "child": child.name},
                              confidence(parent, child) - 0.05))
    return found


def mergers(doc: Doc, sent: Span, parties: list[Party], discourse: Discourse) -> list[Relation]:
    """'A und B fusionieren (zu C)', 'A fusioniert mit B', 'die Fusion von A und B', 'A und B schließen
    sich zusammen', 'der Zusammenschluss mit B' (A: the subject or the article's company)."""
    found = []
    words = document.words(doc)
    for trigger, bounds, clause in stated_clauses(doc, sent, parties, (MERGE, False), (MERGE_NOUN, True)):
        if words[trigger] in {"schließt", "schließen", "schloss", "schlossen", "geht", "gehen", "legen", "legt",
                              "legte", "legten"} and "zusammen" not in words[trigger:bounds[1]]:
            continue  # "legen ihr Satellitengeschäft zusammen", not "legen Wert auf"
        orgs = [p for p in clause if p.is_org and p.explicit and not p.compound or p.is_org and not p.explicit
                and p.preposition is None]
        merged = next((p for p in orgs if p.start > trigger and p.preposition in {"zu", "zur", "zum"}
                       or words[p.start - 1] in {"namen", "firmiert"}), None)
        orgs = [p for p in orgs if p is not merged and p.preposition not in {"zu", "zur", "zum", "in", "im", "für"}]
        noun = is_noun(doc[trigger])
        # two names joined by a slash right after the noun: "(zur) Fusion Tengelmann/Edeka"
        pair = next(([a, b] for a in clause for b in clause if noun and a.is_org and b.is_org
                     and a.start == trigger + 1 and b.start == a.end + 1 and doc[a.end].text == "/"), None)
        partner_preps = {"mit", "von", "vom", "zwischen"} if noun else {"mit"}
        partners = [p for p in orgs if p.preposition in partner_preps or p.coordinated
                    and p.preposition is None and p.start > trigger]
        firsts = [p for p in orgs if p not in partners and p.preposition is None]
        unit = None if noun else business_unit(doc, bounds, after=bounds[0])
        if unit is not None and unit < trigger and partners:  # "hat das Italiengeschäft mit Fastweb verschmolzen"
            firsts = [Party(unit, unit + 1, word_at(doc, unit), "ORG", False, False, False)]
        genitive = next((p for p in orgs if trigger < p.start <= trigger + 5 and p.explicit
                         and p.preposition in {None, "des"} and genitive_phrase(doc, p, trigger)),
                        None) if noun else None
        enumerated = False  # the merging companies listed together: every two of them merge
        if pair is not None:  # "die Fusion Tengelmann/Edeka"
            firsts, partners, merged = pair[:1], pair[1:], None
        elif genitive is not None:  # "die Fusion der Konkurrenten A und B"
            firsts, partners = [genitive], [p for p in orgs if p.coordinated and p.start > genitive.start]
            enumerated = True
        elif noun and partners and partners[0].preposition in {"von", "vom", "zwischen"}:
            firsts, partners = partners[:1], partners[1:]  # "die Fusion von A und B", "zwischen A und B"
            enumerated = True
        elif not firsts and partners and (at := next((p for p in orgs if p.preposition in {"bei", "beim"}
                                                     and p not in partners), None)):
            firsts = [at]  # "Bei SPI Energy gibt es nach dem Merger mit Solar Power ..."
        elif not firsts and partners and discourse.salient and discourse.salient != partners[0].name:
            firsts = [Party(trigger, trigger + 1, discourse.salient, "ORG", False, False, False)]
        if not firsts and len(partners) >= 2:
            firsts, partners = partners[:1], partners[1:]
        elif firsts and not partners and len(firsts) >= 2 and firsts[1].coordinated:
            firsts, partners = firsts[:1], firsts[1:]  # "A, B und C legen ihr Geschäft zusammen"
            enumerated = True
        # "aus dem Zusammenschluss von A, B und C hervorgegangen": A with B, A with C and B with C
        members = firsts[:1] + partners
        pairs = [(a, b) for k, a in enumerate(members) for b in members[k + 1:]] if enumerated \
            else [(party, partner) for party in firsts[:1] for partner in partners]
        for party, partner in pairs:
            if partner.name != party.name:
                found.append(make(doc, sent, "MERGER", {"party": party.name, "partner": partner.name,
                                                        "merged": merged.name if merged else None},
                                  confidence(party, partner) - 0.05,
                                  money_in(doc, (trigger, bounds[1])) if noun else None))
    return found


# "Das neue Unternehmen soll DSM-Firmenich heißen", "firmieren künftig unter dem Namen Helvetia Baloise Holding"
NAMES_COMPANY = {"heißen", "heißt", "firmieren", "firmiert", "namen"}
NEW_COMPANY = {"neue", "neuen", "neuer", "gemeinsame", "gemeinsamen", "künftig", "fusionierte", "fusionierten"}


def merged_company_name(doc: Doc, sent: Span, parties: list[Party], found: list[Relation]) -> str | None:
    """The name of the company merging ones form, where a sentence after their merger names it ("Das
    gemeinsame Unternehmen wird Nordwerk Saxodata heißen"): the one named company of the sentence that is
    none of the merging ones, else the one of them whose name it keeps ("unter dem Namen Lumeno")."""
    merger = next((r for r in reversed(found) if r.type == "MERGER"), None)
    if merger is None:
        return None
    if merger.roles.get("merged") and merger.start == sent.start_char:
        return merger.roles["merged"]  # "A und B fusionieren zu C"
    words = document.words(doc)[sent.start:sent.end]
    if NAMES_COMPANY.isdisjoint(words) or NEW_COMPANY.isdisjoint(words):
        return None
    merging = {r.roles.get(role) for r in found if r.type == "MERGER" for role in ("party", "partner")}
    names = {p.name for p in parties if p.explicit and p.label == "ORG" and not p.compound and not p.attribution}
    # a new name, or the name of one of them that the merged company keeps ("tritt unter dem Namen Lumeno auf")
    names = names - merging or names
    return names.pop() if len(names) == 1 else None


# Words that give a person a post at the merged company: "Finanzchef wird X", "An die Spitze rückt X", "X soll
# den neuen Konzern führen"; and that say one leaves: "Y-Chef Z verlässt das Unternehmen".
NEW_POST_VERBS = {"wird", "werden", "soll", "sollen", "rückt", "rücken"}
LEADS_VERBS = {"führen", "leiten", "spitze"}
LEAVES = {"verlässt", "verlassen", "scheidet", "scheiden", "geht", "gehen", "abgeben", "gibt"}


def merged_company_posts(doc: Doc, sent: Span, parties: list[Party], discourse: Discourse) -> list[Relation]:
    """After a merger that named the merged company, a post given with no company of its own is at the merged
    company: "Verwaltungsratspräsident wird DSM-Aufsichtsratschef Thomas Leysen", "An die Spitze rückt
    Nordwerk-Chef Hauke Petersen", "Als CEO soll X den neuen Konzern führen"."""
    if discourse.merged is None:
        return []
    words = document.words(doc)
    found = []
    for person in (p for p in parties if p.label == "PER" and p.explicit):
        bounds = clause_bounds(sent, person.start)
        # the words between the commas around the name: "Y-Chef A verlässt das Unternehmen, B wird Technikchef"
        bounds = (next((i + 1 for i in range(person.start - 1, bounds[0] - 1, -1) if words[i] == ","), bounds[0]),
                  next((i for i in range(person.end, bounds[1]) if words[i] == ","), bounds[1]))
        clause = words[bounds[0]:bounds[1]]
        if NEW_POST_VERBS.isdisjoint(clause) or not LEAVES.isdisjoint(clause) or any(
                p.explicit and p.label == "ORG" and not p.compound and p.name != discourse.merged
                and bounds[0] <= p.start < bounds[1] for p in parties):
            continue  # not "Bei Allianz wird X Chef bleiben"
        posts = [i for i in range(*bounds) if not person.start <= i < person.end and ROLE_WORD.fullmatch(words[i])
                 and words[i - 1] != "-" and not is_former(doc, i)]
        post = min(posts, key=lambda i: abs(i - person.start), default=None)  # the person's, not the one before
        if post is None and LEADS_VERBS.isdisjoint(clause):
            continue
        role = singular(doc[post].text) if post is not None else "Leitung"
        found.append(make(doc, sent, "LEADERSHIP", {"person": person.name, "org": discourse.merged, "role": role},
                          confidence(person) - 0.1))
    return found


def described_as(doc: Doc, noun: int, orgs: list[Party]) -> tuple[Party, Party] | None:
    """(the company described, the company named after the noun) where an indefinite noun describes a
    company in an apposition or after a copula: "Magazino, eine Ausgründung der TU München", "X ist ein
    Spin-off von Y", "Opel ist eine hundertprozentige Tochter von Stellantis", also with the company in a
    compound: "X ist eine Unicredit-Tochter", "X, die heute als Unicredit-Tochter firmiert"."""
    words = document.words(doc)
    last = noun + 2 if words[noun + 1:noun + 3] == ["-", "off"] else noun  # "ein Spin-off der TU München"
    modifier = next((p for p in orgs if p.compound and p.is_org and p.end + 1 == noun), None)
    first = modifier.start if modifier is not None else noun
    article = first - 1
    while article > first - 3 and ADJECTIVE.fullmatch(words[article]) and doc[article].is_lower \
            and words[article] not in INDEFINITE_ARTICLES:
        article -= 1  # "eine hundertprozentige Tochter"
    if modifier is not None and article >= 1 and words[article] == "als":
        described = next((p for p in reversed(orgs) if p.end <= article and p.free and p.is_org), None)
        if described is None or described.name == modifier.name:
            return None
        return described, modifier
    if article < 1 or words[article] not in INDEFINITE_ARTICLES:
        return None
    if words[article - 1] == ",":
        described = next((p for p in orgs if p.end == article - 1), None)
        if described is not None and described.label == "LOC" and described.preposition in {"aus", "in"}:
            # "Tesat aus Backnang, eine Tochter von Airbus": the company, not the place it is from
            described = next((p for p in orgs if described.start - 2 <= p.end < described.start), None)
    elif words[article - 1] in COPULAS:
        described = next((p for p in orgs if p.end == article - 1 and p.free), None)
    else:
        return None
    named = modifier or org_named_after(doc, last, orgs)
    if described is None or named is None or described.name == named.name:
        return None
    return described, named


def spin_offs(doc: Doc, sent: Span, parties: list[Party], discourse: Discourse) -> list[Relation]:
    """'A spaltet B ab', 'A trennt sich von seiner Sparte B', 'A stößt B ab', 'die Abspaltung von B',
    'der Börsengang der Tochter B': the parent separates the child."""
    found = []
    words = document.words(doc)
    for trigger, bounds, clause in stated_clauses(doc, sent, parties, (SPIN_OFF, False), (SPIN_OFF_NOUN, True)):
        if words[trigger].startswith(("trenn", "getrennt")) and "sich" not in words[bounds[0]:bounds[1]]:
            continue
        if words[trigger] == "spin" and words[trigger + 1:trigger + 3] != ["-", "off"]:
            continue
        if words[trigger] in {"gebracht", "brachte", "brachten", "bringt", "bringen"} \
                and "börse" not in words[bounds[0]:bounds[1]]:
            continue  # "an die Börse bringen": listing a subsidiary
        if words[trigger] in {"stößt", "stieß", "stießen", "gliedert", "gliederte", "spaltet", "spalten", "spaltete",
                              "spalteten"} \
                and not {"ab", "aus"} & set(words[trigger:bounds[1]]):
            continue
        # a compound's modifier is no party, unless a subsidiary ("der Siemens-Tochter X") or what the
        # separation is from ("die Eon-Abspaltung Uniper"; not "der Uniper-Börsengang": what is listed)
        orgs = [p for p in clause if p.is_org and not (p.compound and not SUBSIDIARY_WORD.fullmatch(
            words[p.end + 1] if p.end + 1 < len(doc) else "") and not (
                p.end + 1 == trigger and words[trigger] not in LISTING_NOUNS))]
        noun = is_noun(doc[trigger])
        after = [p for p in orgs if p.start > trigger and p.explicit
                 and p.preposition in {None, "von", "vom", "der", "des"}]
        before = [p for p in orgs if p.end <= trigger and p.free]
        described = described_as(doc, trigger, orgs) if noun else None
        if described is not None:  # "Magazino, eine Ausgründung der TU München"
            child, parent = described
        elif noun:
            # "Begleitet wird der Börsengang von der Deutschen Bank": a fronted passive's "von" is its agent
            fronted_passive = words[bounds[0] + 1] in PASSIVE_AUX and words[bounds[0]].endswith("t")
            child = next((p for p in after if not p.compound
                          and not (fronted_passive and p.preposition in {"von", "vom"})), None)
            parent = next((p for p in orgs if p.compound and p.end < (child.start if child else trigger + 4)
                           and p is not child), None) \
                or next((p for p in subjects(clause, trigger) if p.is_company), None)
        else:
            doers = agents(clause, trigger, is_passive(doc, trigger, bounds))
            parent = next((p for p in doers if p.is_company), None)
            # "hat die Zustellung in die eigenständige Bruns Logistik ausgegliedert": the new company
            child = next((p for p in orgs if p is not parent and p.explicit and p.preposition in {"in", "ins"}
                          and p.start < trigger and "glieder" in words[trigger]), None) \
                or next((p for p in orgs if p is not parent and p.explicit and not p.compound and p.preposition
                         in {None, "von", "vom"}), None)
        if noun and parent is None:  # "hatte er bei Siemens die Abspaltung der Energietechnik vorbereitet"
            parent = next((p for p in orgs if p.end <= trigger and p.preposition in {"bei", "beim"}), None)
        unit = None
        if child is None:
            unit_at = business_unit(doc, bounds, after=parent.end if parent else trigger)
            unit = word_at(doc, unit_at) if unit_at is not None else None
            if unit_at is not None and CONTROL.fullmatch(words[unit_at]):
                # "hatte sich Otto von der Mehrheit am Paketdienst Hermes UK getrennt": the company controlled
                child = next((p for p in orgs if unit_at < p.start <= unit_at + 5 and p.explicit
                              and p.preposition in {"an", "am"}), None)
                unit = None
            if noun and unit is None and child is None and trigger + 2 < bounds[1] and words[trigger + 1] in \
                    {"der", "des"} and doc[trigger + 2].is_title and not doc[trigger + 2].ent_type_ \
                    and not is_descriptor(doc[trigger + 2]):  # not "der Holding": a company, left to coreference
                unit = word_at(doc, trigger + 2)  # "die Abspaltung der Energietechnik"
            renamed = next((p for p in orgs if p.explicit and words[p.start - 1] == "namen"), None)
            if renamed is not None:  # "sein Mastengeschäft unter dem Namen Vantage Towers abgespalten"
                child, unit = renamed, None
        if parent is None and discourse.salient and (child is None or child.name != discourse.salient):
            parent = Party(trigger, trigger + 1, discourse.salient, "ORG", False, False, False)
        child_name = child.name if child else unit
        if parent is None or child_name is None or parent.name == child_name or before and parent not in before \
                and not noun and parent.explicit is False:
            continue
        found.append(make(doc, sent, "SPINOFF", {"parent": parent.name, "child": child_name},
                          confidence(parent, child) - 0.1, money_in(doc, bounds)))
    return found


RULES = (purchases, takeovers, nominal_acquisitions, compound_acquisitions, payments, nominal_purchases, sales,
         supply_sources, order_winners, split_orders, supply_contracts, customers_named,
         transfers, sellers, buyers_named, orders, orders_named, contract_work, order_shares, investments,
         stakes_raised, contributions, financing, fundraising,
         round_investors, mergers, spin_offs, emergences, ownerships, owners_named_with_company, joint_ventures,
         group_lists, backers, leaderships, merged_company_posts, board_seats, leases)
# The rules that read a sentence only where a word of their patterns stands (each is loops over
# ``stated_clauses`` of these patterns, with no other effect): a sentence with no word of a rule's patterns
# skips the rule (``_DocumentIndex.triggered_rules``), as most sentences do for most rules.
TRIGGERED_RULES = {
    purchases: (BUY,), takeovers: (ACQUIRE,), nominal_acquisitions: (ACQUIRE_NOUN,), nominal_purchases: (BUY_NOUN,),
    payments: (PAY,), sales: (SELL,), supply_sources: (SUPPLIED_FROM, ORDER_GIVEN),
    transfers: (GOES, SALE_NOUN, HANDS_OVER), order_winners: (WINS_ORDER, CONTRACT, GOES),
    customers_named: (CUSTOMER_WORD, SUPPLIER_WORD), split_orders: (SPLITS,), supply_contracts: (SUPPLY_CONTRACT,),
    sellers: (SELLER_WORD,), buyers_named: (BUYER_WORD,),
    orders: (ORDER_RECEIVED, ORDER_PLACED, SECURES), orders_named: (ORDER_NOUN,), contract_work: (MAKES,),
    investments: (INVEST, INVEST_NOUN, STEP_IN, BUILDS, SETS_ASIDE), stakes_raised: (RAISES_STAKE,),
    contributions: (CARRIES, PROVIDES),
    financing: (FINANCING_NOUN,), fundraising: (RAISE, RECEIVED),
    mergers: (MERGE, MERGE_NOUN), spin_offs: (SPIN_OFF, SPIN_OFF_NOUN), emergences: (EMERGED,),
    group_lists: (BELONGS, COUNTS), joint_ventures: (JOINT_VENTURE,), board_seats: (BOARD,), backers: (BACKED,),
    leases: (LEASE, SECURES, PROVIDES, CONTRACT, RENTS_OUT, LESSOR_NOUN),
}
_NO_RULES: set[Callable] = set()
