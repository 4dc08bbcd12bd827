"""Domain records that flow between the stages.

Every stage takes and returns these frozen dataclasses, never spaCy objects,
so that the stages after NLP (triples, store, query, eval) can be used and
tested without a language pipeline. Offsets (``start``/``end``) are character
offsets into ``Article.text`` exactly as the article was given.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Mapping

from pipeline.core.vocabulary import KEY_ROLES, key_parties

#: Skip reasons that are the batch working as intended, not input that failed.
FILTERED_REASONS = frozenset({"not-german", "near-duplicate"})


@dataclass(frozen=True)
class Article:
    """One news article as read from its source.

    ``text`` is the text exactly as given (for .txt/.md files the whole file,
    headline included). ``content_end`` is where trailing boilerplate (a
    "Lesen Sie auch" block) starts; NLP only sees ``text[:content_end]``.
    """

    id: str
    text: str
    source: str
    title: str | None = None
    url: str | None = None
    published: str | None = None
    author: str | None = None  # as the page or record names it: "Anna Schmidt", "Anna Schmidt, dpa"
    content_end: int | None = None
    boilerplate: str | None = None  # the heading that started the cut, e.g. "Lesen Sie auch"
    title_in_text: bool = False  # True when the headline is part of ``text`` (.txt/.md)

    @property
    def content(self) -> str:
        return self.text if self.content_end is None else self.text[: self.content_end]


@dataclass(frozen=True)
class Money:
    """A monetary amount: ``value`` in units of ``currency`` (ISO 4217).

    ``currency`` is None when the text names none ("zwischen 5 und 6
    Milliarden"). For a range, ``value`` is the lower and ``upper`` the upper
    bound. ``qualifier`` is one of None, "over", "about", "almost",
    "up_to", "at_least", "under", "range". ``equivalent`` links a
    parenthetical conversion: "40 Milliarden Yuan (5,5 Milliarden USD)".
    """

    value: Decimal
    currency: str | None
    qualifier: str | None = None
    upper: Decimal | None = None
    equivalent: Money | None = None


@dataclass(frozen=True)
class Percent:
    value: Decimal
    qualifier: str | None = None


@dataclass(frozen=True)
class Mention:
    """A named-entity mention. ``canonical`` is the resolved entity name."""

    start: int
    end: int
    text: str
    label: str  # ORG, PER, LOC, MISC, MONEY, PERCENT, DATE
    canonical: str | None = None
    field: str = "text"  # "title" for mentions in a separate title field


@dataclass(frozen=True)
class Amount:
    """A monetary amount found in an article, with where it was found."""

    start: int
    end: int
    text: str
    money: Money
    field: str = "text"


@dataclass(frozen=True)
class Entity:
    """One canonical real-world thing, as named in one or more articles."""

    name: str
    label: str  # ORG, PER, LOC, MISC
    iri: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Relation:
    """An n-ary relation (event) stated in one sentence of an article.

    ``roles`` maps role names (see ``vocabulary.RELATION_TYPES``) to canonical entity
    names or, for non-entity roles, short text. ``start``/``end`` are the
    evidence sentence's offsets in the article text. ``event_date`` (ISO, the
    first day of the period) with ``date_precision`` ("day", "month",
    "quarter", "year") and ``date_text`` (the words it was read from) say
    when the event happens; ``reported`` is the article's publication date
    (ISO). See ``pipeline.extract.dates``. ``amount_start`` identifies the amount's mention, so that relations
    sharing one amount (several vendors of one order, a sale seen from buyer and seller) add it once.
    """

    type: str
    roles: Mapping[str, str]
    evidence: str
    start: int
    end: int
    confidence: float
    amount: Money | None = None
    percent: Percent | None = None
    article: str | None = None
    # Where the amount is written in the article (character offset). Relations that give the same
    # mention share one amount: "Chips von Nvidia und AMD im Wert von 2,5 Mrd. Euro" is 2.5 bn once.
    amount_start: int | None = None
    url: str | None = None
    field: str = "text"
    event_date: str | None = None
    date_precision: str | None = None
    date_text: str | None = None
    reported: str | None = None

    def key(self) -> tuple:
        """What makes two relations the same fact: type, key parties, amount."""
        first, second = key_parties(self.type, *(self.roles.get(role) for role in KEY_ROLES[self.type]))
        amount = (self.amount.value, self.amount.currency) if self.amount else None
        percent = self.percent.value if self.percent else None
        return (self.type, first, second, amount, percent)


@dataclass(frozen=True)
class Extraction:
    """Everything extracted from one article (or why it was skipped)."""

    article: Article
    language: str | None
    skipped: str | None = None
    mentions: tuple[Mention, ...] = ()
    amounts: tuple[Amount, ...] = ()
    entities: tuple[Entity, ...] = ()
    relations: tuple[Relation, ...] = ()


@dataclass(frozen=True)
class Skip:
    """An input item that was not processed, and why (for the run report)."""

    source: str  # file, file:line, or article id
    reason: str  # short machine-readable reason, e.g. "not-german", "empty", "binary"
    detail: str = ""


@dataclass
class BatchReport:
    """Counts for one run; filled as the batch streams through the stages."""

    model: str = ""
    articles_read: int = 0
    articles_processed: int = 0
    articles_unchanged: int = 0
    skipped: list[Skip] = field(default_factory=list)
    warnings: list[Skip] = field(default_factory=list)  # processed, but worth a look
    boilerplate_cuts: int = 0
    entities: int = 0
    mentions: int = 0
    amounts: int = 0
    relations: int = 0
    triples: int = 0
    seconds: float = 0.0
    # Seconds spent per stage ("read", "language", "nlp", "extract", "triples", "store"); the stages
    # that run in worker processes are summed over the workers.
    stage_seconds: dict[str, float] = field(default_factory=dict)

    def add_time(self, stage: str, seconds: float) -> None:
        self.stage_seconds[stage] = self.stage_seconds.get(stage, 0.0) + seconds

    def skip(self, source: str, reason: str, detail: str = "") -> None:
        self.skipped.append(Skip(source, reason, detail))

    def warn(self, source: str, reason: str, detail: str = "") -> None:
        self.warnings.append(Skip(source, reason, detail))

    def failed(self) -> list[Skip]:
        """The skipped items that could not be read or processed, as opposed to those left out
        by design (another language, a near-duplicate copy)."""
        return [item for item in self.skipped if item.reason not in FILTERED_REASONS]

    def skipped_by_reason(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for item in self.skipped:
            counts[item.reason] = counts.get(item.reason, 0) + 1
        return counts
