"""Timeline: what happened around one entity, when, for how much, and where it was reported.

``entity_timeline`` collects every event (relation) in which an entity takes
part, as any party, sorted by event date (undated events last), each with its
date and precision, type, counterparts, amount with a USD and EUR value at the
ECB rate of the reported day (see ``pipeline.core.rates``), evidence sentence and
source article. The entity is found by name or alias, ignoring case; an
unknown name raises ``UnknownEntityError`` with the closest known names, and
an entity with no events gives an empty timeline whose ``message`` says so.
``render_timeline`` writes a timeline as a terminal table, CSV, JSON,
Markdown, one self-contained HTML page (time axis, events coloured by type, amounts to
scale, a link to each source; no network needed to open it) or the JSON that
TimelineJS 3 reads. ``entity_profile`` summarises an entity: aliases, type,
articles, counterparties with summed amounts per currency, first and last
mention. The graph is read through ``pipeline.graph.query`` only.
"""

from __future__ import annotations

import datetime as dt
import html
import io
import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum
from string import Template
from typing import Iterable, Mapping

from pipeline.apps.output import OutputFormat, emit
from pipeline.core.json_output import json_text, money_json, number
from pipeline.core.rates import Conversion, convert
from pipeline.core.records import Relation
from pipeline.core.resources import DATA_DIR
from pipeline.core.vocabulary import ENTITY_ROLES, RELATION_ROLES, RELATION_TYPES
from pipeline.core.wording import plural
from pipeline.extract.dates import PRECISIONS, date_label, period_end
from pipeline.graph import query


class TimelineFormat(str, Enum):
    table = "table"  # a compact table for the terminal (no evidence; the other formats have it)
    csv = "csv"
    json = "json"
    md = "md"  # a Markdown table
    html = "html"  # one self-contained page
    timelinejs = "timelinejs"  # the JSON TimelineJS 3 reads


#: Roles through which an entity takes part in an event (a source that reports it does not).
PARTY_ROLES = ENTITY_ROLES - {"reported_by"}
#: Roles whose entities are the other side of an event (a location is where, not who).
COUNTERPART_ROLES = PARTY_ROLES - {"location"}
#: Event type -> (label, colour).
TYPE_STYLES = {name: (t.label, t.colour) for name, t in RELATION_TYPES.items()}
CSV_HEADERS = [
    "date", "precision", "date_text", "reported", "type", "role", "counterparts", "details", "amount", "upper",
    "currency", "qualifier", "usd", "eur", "rate_date", "rate_note", "evidence", "title", "url", "article",
]
_TEMPLATE = DATA_DIR / "timeline.html"
_SCALE_WORDS = ((Decimal(10) ** 12, "tn"), (Decimal(10) ** 9, "bn"), (Decimal(10) ** 6, "m"))
_QUALIFIER_WORDS = {"over": "over ", "about": "about ", "almost": "almost ", "up_to": "up to ",
                    "at_least": "at least ", "under": "under "}


@dataclass(frozen=True)
class TimelineEvent:
    """One event of the timeline, from the entity's side."""

    type: str
    date: str | None  # ISO, the first day of the period
    precision: str | None
    date_text: str | None  # the words the date was read from; None when it is the reported date
    reported: str | None  # the article's publication date (ISO)
    role: str  # the entity's role(s), e.g. "buyer"
    counterparts: tuple[str, ...]
    roles: Mapping[str, str]
    amount: Mapping | None  # {"value", "currency", "qualifier", "upper", "shared_by"} as ``query.relations`` gives it
    amount_start: int | None  # where the amount is written: events that share it add it once
    percent: int | float | None
    conversion: Conversion | None
    evidence: str
    article: str
    title: str | None
    url: str | None
    source: str | None  # the input file, for articles without a URL

    @property
    def date_label(self) -> str:
        return date_label(dt.date.fromisoformat(self.date), self.precision) if self.date else "undated"

    @property
    def link(self) -> str | None:
        return self.url or self.source

    @property
    def details(self) -> str:
        """The non-party roles in words: "item: KI-Chips; until: 2025"."""
        return "; ".join(f"{role}: {value}" for role, value in self.roles.items() if role not in ENTITY_ROLES)


@dataclass(frozen=True)
class Timeline:
    """The events of one entity, sorted by date, and the filters that chose them."""

    entity: str
    entity_type: str
    aliases: tuple[str, ...]
    events: tuple[TimelineEvent, ...]
    since: dt.date | None = None
    until: dt.date | None = None
    types: tuple[str, ...] | None = None

    @property
    def message(self) -> str:
        """One line on what the timeline holds, or why it is empty."""
        scope = []
        if self.types:
            scope.append("of type " + ", ".join(self.types))
        if self.since and self.until:
            scope.append(f"between {self.since} and {self.until}")
        elif self.since or self.until:
            scope.append(f"from {self.since} on" if self.since else f"up to {self.until}")
        name = f"{self.entity} ({'; '.join(scope)})" if scope else self.entity
        if not self.events:
            return f"No events for {name} in the graph."
        undated = sum(event.date is None for event in self.events)
        articles = len({event.article for event in self.events})
        return (f"{plural(len(self.events), 'event')} for {name} from {plural(articles, 'article')}"
                + (f" ({undated} undated)" if undated else "") + ".")


@dataclass(frozen=True)
class Counterparty:
    name: str
    events: int
    types: tuple[str, ...]
    amounts: Mapping[str, Decimal] = field(default_factory=dict)  # currency -> sum


@dataclass(frozen=True)
class DatedArticle:
    date: str  # ISO publication date
    article: str
    title: str | None


@dataclass(frozen=True)
class EntityProfile:
    name: str
    type: str
    aliases: tuple[str, ...]
    articles: tuple[str, ...]
    counterparties: tuple[Counterparty, ...]
    first_mention: DatedArticle | None
    last_mention: DatedArticle | None


def entity_timeline(
    source: query.Source,
    entity: str,
    *,
    since: dt.date | None = None,
    until: dt.date | None = None,
    types: list[str] | tuple[str, ...] | None = None,
) -> Timeline:
    """Every event of ``entity`` (name or alias) in the graph, sorted by event date.

    ``since``/``until`` keep the events whose period overlaps those days
    (undated events are then left out); ``types`` keeps those relation types.
    Raises ``UnknownEntityError`` (with suggestions) for a name the graph does
    not know and ``ValueError`` for an unknown type.
    """
    if types is not None:
        unknown = sorted(set(types) - set(RELATION_ROLES))
        if unknown:
            raise ValueError(f"Unknown event type {', '.join(unknown)}; expected some of {', '.join(RELATION_ROLES)}")
        types = tuple(types)
    matches = query.find_entities(source, entity)
    names = {match["name"] for match in matches}
    chosen = []
    for stored in query.party_relations(source, names, PARTY_ROLES):
        relation = stored.relation
        roles = [role for role, value in relation.roles.items() if role in PARTY_ROLES and value in names]
        if roles and (not types or relation.type in types) and _in_period(relation, since, until):
            chosen.append((stored, roles))
    articles = _articles(source, {stored.relation.article for stored, _ in chosen})
    events = [_event(stored, roles, names, articles.get(stored.relation.article, {})) for stored, roles in chosen]
    events.sort(key=lambda event: (event.date is None, event.date or "", PRECISIONS.index(event.precision or "day")))
    best = next((match for match in matches if match["name"].casefold() == entity.strip().casefold()), matches[0])
    aliases = sorted({alias for match in matches for alias in (match["name"], *match["aliases"])} - {best["name"]})
    return Timeline(best["name"], best["type"], tuple(aliases), tuple(events), since, until, types)


def entity_profile(source: query.Source, entity: str) -> EntityProfile:
    """Aliases, type, articles, counterparties with summed amounts, first and last mention.

    Raises ``UnknownEntityError`` (with suggestions) for an unknown name.
    """
    timeline = entity_timeline(source, entity)
    matches = query.find_entities(source, entity)
    article_ids = sorted({article for match in matches for article in match["articles"]})
    events: Counter[str] = Counter()
    types: dict[str, set[str]] = defaultdict(set)
    amounts: dict[str, Counter[str]] = defaultdict(Counter)  # name -> currency -> sum
    summed: set[tuple] = set()  # (name, article, amount_start): a sale and its seller's spin-off share one amount
    for index, event in enumerate(timeline.events):
        mention = (event.article, event.amount_start) if event.amount_start is not None else index
        for name in event.counterparts:
            events[name] += 1
            types[name].add(event.type)
            if event.amount and event.amount["currency"] and (name, mention) not in summed:
                summed.add((name, mention))
                amounts[name][event.amount["currency"]] += Decimal(str(event.amount["value"]))
    counterparties = tuple(
        Counterparty(name, count, tuple(sorted(types[name])), dict(sorted(amounts[name].items())))
        for name, count in sorted(events.items(), key=lambda item: (-item[1], item[0].casefold()))
    )
    articles = _articles(source, article_ids)
    reported = {event.article: event.reported for event in timeline.events if event.reported}
    mentions = sorted(
        (
            DatedArticle(date, article, articles.get(article, {}).get("title"))
            for article in article_ids
            if (date := articles.get(article, {}).get("issued") or reported.get(article))
        ),
        key=lambda mention: (mention.date, mention.article),
    )
    return EntityProfile(
        timeline.entity, timeline.entity_type, timeline.aliases, tuple(article_ids), counterparties,
        mentions[0] if mentions else None, mentions[-1] if mentions else None,
    )


def render_timeline(timeline: Timeline, fmt: TimelineFormat | str) -> str:
    """The timeline as text in ``fmt`` (see ``TimelineFormat``); ``ValueError`` for an unknown format."""
    renderers = {
        TimelineFormat.table: _table, TimelineFormat.csv: _csv, TimelineFormat.json: _json,
        TimelineFormat.md: _markdown, TimelineFormat.html: _html, TimelineFormat.timelinejs: _timelinejs,
    }
    return renderers[TimelineFormat(fmt)](timeline)


def timeline_rows(timeline: Timeline) -> list[dict]:
    """One flat row per event (the CSV columns, ``CSV_HEADERS``)."""
    rows = []
    for event in timeline.events:
        amount = event.amount or {}
        conversion = event.conversion or Conversion(None, None, None)
        rows.append({
            "date": event.date_label if event.date else None,
            "precision": event.precision,
            "date_text": event.date_text,
            "reported": event.reported,
            "type": event.type,
            "role": event.role,
            "counterparts": list(event.counterparts),
            "details": event.details or None,
            "amount": amount.get("value"),
            "upper": amount.get("upper"),
            "currency": amount.get("currency"),
            "qualifier": amount.get("qualifier"),
            "usd": conversion.usd,
            "eur": conversion.eur,
            "rate_date": conversion.rate_date,
            "rate_note": conversion.note,
            "evidence": event.evidence,
            "title": event.title,
            "url": event.link,
            "article": event.article,
        })
    return rows


def timeline_dict(timeline: Timeline) -> dict:
    """The timeline as one JSON object: the entity, the filters, the message and the events."""
    return {
        "entity": timeline.entity,
        "type": timeline.entity_type,
        "aliases": list(timeline.aliases),
        "from": timeline.since.isoformat() if timeline.since else None,
        "to": timeline.until.isoformat() if timeline.until else None,
        "types": list(timeline.types) if timeline.types else None,
        "message": timeline.message,
        "events": [
            {
                "date": event.date, "precision": event.precision, "label": event.date_label,
                "date_text": event.date_text, "reported": event.reported, "type": event.type, "role": event.role,
                "counterparts": list(event.counterparts), "roles": dict(event.roles), "amount": event.amount,
                "percent": event.percent, "normalised": _conversion_dict(event.conversion),
                "evidence": event.evidence, "article": event.article, "title": event.title, "url": event.link,
            }
            for event in timeline.events
        ],
    }


def profile_dict(profile: EntityProfile) -> dict:
    """The profile as one JSON object (``newsgraph entity --format json``)."""
    def mention(item: DatedArticle | None) -> dict | None:
        return {"date": item.date, "article": item.article, "title": item.title} if item else None

    return {
        "name": profile.name,
        "type": profile.type,
        "aliases": list(profile.aliases),
        "articles": len(profile.articles),
        "article_ids": list(profile.articles),
        "counterparties": [
            {"name": party.name, "events": party.events, "types": list(party.types),
             "amounts": {currency: number(value) for currency, value in party.amounts.items()}}
            for party in profile.counterparties
        ],
        "first_mention": mention(profile.first_mention),
        "last_mention": mention(profile.last_mention),
    }


def profile_summary_rows(profile: EntityProfile) -> list[list]:
    """``[field, value]`` rows: name, type, aliases, articles, first and last mention."""
    def mention(item: DatedArticle | None) -> str:
        return f"{item.date} ({item.title or item.article})" if item else "unknown (no dated article)"

    return [
        ["name", profile.name],
        ["type", profile.type],
        ["aliases", ", ".join(profile.aliases)],
        ["articles", len(profile.articles)],
        ["first mention", mention(profile.first_mention)],
        ["last mention", mention(profile.last_mention)],
    ]


def counterparty_rows(profile: EntityProfile) -> list[dict]:
    """One row per counterparty: events, types and the amounts summed per currency."""
    return [
        {"counterparty": party.name, "events": party.events, "types": ", ".join(party.types),
         "amounts": "; ".join(format_amount(value, currency) for currency, value in party.amounts.items())}
        for party in profile.counterparties
    ]


def format_amount(value: Decimal | int | float, currency: str | None, qualifier: str | None = None,
                  upper: Decimal | int | float | None = None) -> str:
    """An amount for people: ``over 12 bn USD``, ``5.48 bn EUR``, ``1,500 EUR``, ``3 bn–4 bn EUR``."""
    prefix = _QUALIFIER_WORDS.get(qualifier or "", "")
    bounds = format_number(value) if upper is None else f"{format_number(value)}–{format_number(upper)}"
    return f"{prefix}{bounds} {currency or '(no currency)'}"


def event_amount(amount: Mapping) -> str:
    """An event's amount for people, saying when other events give the same amount: ``12 bn USD (shared
    by 2)`` for one order of two vendors, so that nobody adds it twice."""
    text = format_amount(amount["value"], amount["currency"], amount["qualifier"], amount.get("upper"))
    return f"{text} (shared by {amount['shared_by']})" if amount.get("shared_by") else text


def format_number(value: Decimal | int | float) -> str:
    """A large number for people, with at most two decimals: ``12 bn``, ``5.48 bn``, ``380 m``, ``1,500``."""
    number = Decimal(str(value))
    for scale, word in _SCALE_WORDS:
        if abs(number) >= scale:
            return f"{round(number / scale, 2).normalize():f} {word}"
    return f"{number.normalize():,f}"


# --- reading the graph --------------------------------------------------------


def _articles(source: query.Source, ids: Iterable[str]) -> dict[str, dict]:
    """Article id -> {"title", "url", "source", "issued"} (values may be None), for the articles ``ids``."""
    wanted = " ".join(json_text(article) for article in sorted(ids))  # a JSON string is a SPARQL string
    if not wanted:
        return {}
    headers, rows = query.sparql(source, """SELECT ?id ?title ?url ?source ?issued WHERE {
        VALUES ?id { IDS }
        ?article a schema:NewsArticle ; dcterms:identifier ?id .
        OPTIONAL { ?article dcterms:title ?title }
        OPTIONAL { ?article schema:url ?url }
        OPTIONAL { ?article dcterms:source ?source }
        OPTIONAL { ?article dcterms:issued ?issued }
    }""".replace("IDS", wanted, 1))
    articles = {}
    for row in rows:
        record = dict(zip(headers, row))
        if record["issued"]:
            record["issued"] = record["issued"][:10]
        articles[record["id"]] = record
    return articles


def _in_period(relation: Relation, since: dt.date | None, until: dt.date | None) -> bool:
    if since is None and until is None:
        return True
    if relation.event_date is None:
        return False
    start = dt.date.fromisoformat(relation.event_date)
    end = period_end(start, relation.date_precision or "day")
    return (since is None or end >= since) and (until is None or start <= until)


def _event(stored: query.StoredRelation, roles: list[str], names: set[str], article: dict) -> TimelineEvent:
    relation = stored.relation
    amount = money_json(relation.amount, shared_by=stored.shared_by, equivalent=False)
    on = relation.reported or relation.event_date
    conversion = None
    if amount is not None:
        day = dt.date.fromisoformat(on) if on else None
        conversion = convert(Decimal(str(amount["value"])), amount["currency"], day)
    counterparts = tuple(dict.fromkeys(
        value for role, value in relation.roles.items() if role in COUNTERPART_ROLES and value not in names
    ))
    return TimelineEvent(
        type=relation.type,
        date=relation.event_date,
        precision=relation.date_precision,
        date_text=relation.date_text,
        reported=relation.reported,
        role=", ".join(roles),
        counterparts=counterparts,
        roles=relation.roles,
        amount=amount,
        amount_start=relation.amount_start,
        percent=number(relation.percent.value) if relation.percent else None,
        conversion=conversion,
        evidence=relation.evidence or "",
        article=relation.article,
        title=article.get("title"),
        url=relation.url or article.get("url"),
        source=article.get("source"),
    )


def _conversion_dict(conversion: Conversion | None) -> dict | None:
    if conversion is None:
        return None
    return {
        "usd": None if conversion.usd is None else number(conversion.usd),
        "eur": None if conversion.eur is None else number(conversion.eur),
        "rate_date": conversion.rate_date.isoformat() if conversion.rate_date else None,
        "rate_source": "ECB euro reference rates" if conversion.rate_date else None,
        "note": conversion.note,
    }


# --- renderers ----------------------------------------------------------------


def _csv(timeline: Timeline) -> str:
    buffer = io.StringIO()
    emit(timeline_rows(timeline), CSV_HEADERS, OutputFormat.csv, file=buffer)
    return buffer.getvalue()


def _table(timeline: Timeline) -> str:
    rows = []
    for event in timeline.events:
        amount, conversion = event.amount, event.conversion or Conversion(None, None, None)
        rows.append({
            "date": event.date_label,
            "from the text": event.date_text,
            "type": event.type,
            "with": ", ".join(event.counterparts),
            "amount": (event_amount(amount) if amount
                       else f"{event.percent} %" if event.percent is not None else None),
            "USD": format_number(conversion.usd) if conversion.usd is not None else None,
            "EUR": format_number(conversion.eur) if conversion.eur is not None else None,
            "ECB rate of": conversion.rate_date or conversion.note,
            "article": event.article,
        })
    if not rows:
        return timeline.message + "\n"
    buffer = io.StringIO()
    emit(rows, list(rows[0]), OutputFormat.table, file=buffer)
    return buffer.getvalue()


def _json(timeline: Timeline) -> str:
    return json_text(timeline_dict(timeline), indent=2) + "\n"


def _amount_text(event: TimelineEvent) -> str:
    """``12 bn USD ≈ 11.5 bn EUR (ECB, 2025-01-21)``, or the amount and why it has no rate."""
    if event.amount is None:
        return f"{event.percent} %" if event.percent is not None else ""
    text = event_amount(event.amount)
    conversion = event.conversion
    if conversion is None or conversion.rate_date is None:
        return f"{text} (no rate: {conversion.note})" if conversion else text
    others = [format_amount(value, code) for code, value in (("USD", conversion.usd), ("EUR", conversion.eur))
              if code != event.amount["currency"]]
    return f"{text} ≈ {' ≈ '.join(others)} (ECB rate of {conversion.rate_date.isoformat()})"


def _markdown(timeline: Timeline) -> str:
    def cell(text: str | None) -> str:
        return " ".join((text or "").split()).replace("|", "\\|")

    lines = [f"# {timeline.entity}: timeline", "", timeline.message, ""]
    if not timeline.events:
        return "\n".join(lines)
    lines += ["| date | type | with | amount | evidence | source |", "|---|---|---|---|---|---|"]
    for event in timeline.events:
        source = cell(event.title or event.article)
        if event.link:
            source = f"[{source}]({event.link.replace(' ', '%20')})"
        date = event.date_label + (f" ({cell(event.date_text)})" if event.date_text else "")
        lines.append(" | ".join([
            f"| {cell(date)}", TYPE_STYLES[event.type][0], cell(", ".join(event.counterparts)),
            cell(_amount_text(event)), cell(event.evidence), f"{source} |",
        ]))
    return "\n".join(lines) + "\n"


def _timelinejs(timeline: Timeline) -> str:
    """The JSON TimelineJS 3 reads; it needs a start date, so undated events are left out."""
    def date_object(value: dt.date, precision: str) -> dict:
        parts = {"year": value.year}
        if precision != "year":
            parts["month"] = value.month
        if precision == "day":
            parts["day"] = value.day
        return parts

    events = []
    for position, event in enumerate(timeline.events, 1):
        if event.date is None:
            continue
        start = dt.date.fromisoformat(event.date)
        item = {
            "unique_id": f"event-{position}",
            "start_date": {**date_object(start, event.precision), "display_date": event.date_label},
            "group": TYPE_STYLES[event.type][0],
            "text": {"headline": html.escape(_headline(event)), "text": _event_html_text(event)},
        }
        if event.precision == "quarter":
            item["end_date"] = date_object(period_end(start, "quarter"), "month")
        events.append(item)
    undated = len(timeline.events) - len(events)
    summary = html.escape(timeline.message) + (f" {undated} undated events are not shown." if undated else "")
    return json_text({
        "title": {"text": {"headline": html.escape(f"{timeline.entity}: timeline"), "text": f"<p>{summary}</p>"}},
        "events": events,
    }, indent=2) + "\n"


def _headline(event: TimelineEvent) -> str:
    parties = ", ".join(event.counterparts)
    amount = event.amount and event_amount(event.amount)
    return " · ".join(part for part in (TYPE_STYLES[event.type][0], parties, amount) if part)


def _event_html_text(event: TimelineEvent) -> str:
    source = html.escape(event.title or event.article)
    if event.link:
        source = f'<a href="{html.escape(event.link)}">{source}</a>'
    amount = _amount_text(event)
    return (f'<blockquote lang="de">{html.escape(event.evidence)}</blockquote>'
            + (f"<p>{html.escape(amount)}</p>" if amount else "")
            + f"<p>Source: {source}" + (f", {event.reported}" if event.reported else "") + "</p>")


# --- the HTML page ------------------------------------------------------------

_AXIS = {"width": 1000, "left": 30, "right": 30, "max_lanes": 12, "max_radius": 18, "min_radius": 4, "gap": 3}


def _html(timeline: Timeline) -> str:
    usd = [float(event.conversion.usd) for event in timeline.events if event.conversion and event.conversion.usd]
    largest = max(usd, default=0.0)
    counts = Counter(event.type for event in timeline.events)
    legend = "".join(
        f'<label class="type" style="--c:{colour}"><input type="checkbox" checked data-type="{kind}"> '
        f"{label} <span>{counts[kind]}</span></label>"
        for kind, (label, colour) in TYPE_STYLES.items() if counts[kind]
    )
    return Template(_TEMPLATE.read_text(encoding="utf-8")).substitute(
        title=html.escape(f"{timeline.entity}: timeline"),
        entity=html.escape(timeline.entity),
        facts=html.escape(" · ".join(filter(None, [
            timeline.entity_type, "also: " + ", ".join(timeline.aliases) if timeline.aliases else "",
        ]))),
        message=html.escape(timeline.message),
        legend=legend,
        overview=_overview_svg(timeline, largest),
        events=_event_list(timeline, largest),
    )


def _radius(event: TimelineEvent, largest: float) -> float:
    # Circle areas are to scale: the radius grows with the square root of the USD value.
    value = float(event.conversion.usd) if event.conversion and event.conversion.usd else 0.0
    if not value or not largest:
        return _AXIS["min_radius"]
    return max(_AXIS["min_radius"], _AXIS["max_radius"] * math.sqrt(value / largest))


def _overview_svg(timeline: Timeline, largest: float) -> str:
    """Each dated event as a circle at the middle of its period (a faint line spans the period),
    stacked in lanes so that circles do not overlap, up to ``max_lanes``."""
    dated = []
    for position, event in enumerate(timeline.events, 1):
        if event.date:
            start = dt.date.fromisoformat(event.date)
            dated.append((position, event, start, period_end(start, event.precision)))
    if not dated:
        return '<p class="note">No dated events to place on a time axis.</p>'
    low, high = min(item[2] for item in dated), max(item[3] for item in dated)
    padding = dt.timedelta(days=max((high - low).days * 0.04, 20))
    low, high = low - padding, high + padding
    width = _AXIS["width"] - _AXIS["left"] - _AXIS["right"]

    def x(day: dt.date) -> float:
        return _AXIS["left"] + width * (day - low).days / max((high - low).days, 1)

    edges: list[float] = []  # per lane, the right edge of its last circle
    radii: list[float] = []  # per lane, its largest circle
    placed = []
    for position, event, start, end in dated:
        radius, centre = _radius(event, largest), x(start + (end - start) / 2)
        lane = next((index for index, edge in enumerate(edges) if edge + _AXIS["gap"] <= centre - radius), None)
        if lane is None and len(edges) < _AXIS["max_lanes"]:
            edges.append(-math.inf)
            radii.append(0.0)
            lane = len(edges) - 1
        elif lane is None:  # a crowded stretch: overlap in the lane that frees up first
            lane = min(range(len(edges)), key=edges.__getitem__)
        edges[lane] = max(edges[lane], centre + radius)
        radii[lane] = max(radii[lane], radius)
        placed.append((position, event, start, end, centre, lane, radius))
    lane_y, y = [], 6.0
    for radius in radii:
        lane_y.append(y + radius)
        y += 2 * radius + _AXIS["gap"]
    axis_y = y + 6
    parts = [f'<line class="axis" x1="{_AXIS["left"]}" x2="{_AXIS["width"] - _AXIS["right"]}" '
             f'y1="{axis_y:.1f}" y2="{axis_y:.1f}"/>']
    for tick, label in _ticks(low, high):
        parts.append(f'<line class="tick" x1="{x(tick):.1f}" x2="{x(tick):.1f}" y1="0" y2="{axis_y + 5:.1f}"/>'
                     f'<text x="{x(tick):.1f}" y="{axis_y + 18:.1f}">{label}</text>')
    for position, event, start, end, centre, lane, radius in sorted(placed, key=lambda item: -item[6]):
        colour, cy = TYPE_STYLES[event.type][1], lane_y[lane]
        span = (f'<line class="span" x1="{x(start):.1f}" x2="{x(end + dt.timedelta(days=1)):.1f}" '
                f'y1="{cy:.1f}" y2="{cy:.1f}" stroke="{colour}"/>' if event.precision != "day" else "")
        parts.append(
            f'<a href="#event-{position}" data-type="{event.type}">{span}'
            f'<circle class="{"exact" if event.precision == "day" else "period"}" cx="{centre:.1f}" cy="{cy:.1f}" '
            f'r="{radius:.1f}" fill="{colour}" stroke="{colour}">'
            f"<title>{html.escape(event.date_label + ' · ' + _headline(event))}</title></circle></a>"
        )
    undated = len(timeline.events) - len(dated)
    note = f'<p class="note">{undated} undated events are listed at the end.</p>' if undated else ""
    if largest:
        note += f'<p class="note">The largest circle is {format_amount(largest, "USD")}.</p>'
    return (f'<svg class="overview" viewBox="0 0 {_AXIS["width"]} {axis_y + 26:.0f}" role="img" '
            f'aria-label="Events on a time axis">{"".join(parts)}</svg>{note}')


def _ticks(low: dt.date, high: dt.date) -> list[tuple[dt.date, str]]:
    """Year ticks for long spans, else month ticks, at most about a dozen."""
    if (high - low).days > 3 * 365:
        step = max(1, math.ceil((high.year - low.year) / 12))
        return [(dt.date(year, 1, 1), str(year)) for year in range(low.year + 1, high.year + 1, step)]
    months = (high.year - low.year) * 12 + high.month - low.month
    step = max(1, math.ceil(months / 12))
    ticks = []
    index = low.year * 12 + low.month  # the first of the month after ``low``
    while (tick := dt.date(index // 12, index % 12 + 1, 1)) <= high:
        ticks.append((tick, f"{tick.year}-{tick.month:02d}"))
        index += step
    return ticks


def _event_list(timeline: Timeline, largest: float) -> str:
    if not timeline.events:
        return ""
    parts = []
    group = None
    for index, event in enumerate(timeline.events):
        heading = event.date[:4] if event.date else "Undated"
        if heading != group:
            if parts:
                parts.append("</ol>")
            parts.append(f'<h2>{heading}</h2><ol class="events">')
            group = heading
        label, colour = TYPE_STYLES[event.type]
        bar = ""
        if event.conversion and event.conversion.usd and largest:
            share = 100 * float(event.conversion.usd) / largest
            bar = f'<div class="bar" style="width:{max(share, 0.4):.2f}%;background:{colour}"></div>'
        amount = _amount_text(event)
        source = html.escape(event.title or event.article)
        if event.link:
            source = f'<a href="{html.escape(event.link)}">{source}</a>'
        date_note = f'<span class="said">“{html.escape(event.date_text)}”</span>' if event.date_text else (
            '<span class="said">reported</span>' if event.date else "")
        parts.append(
            f'<li class="event" id="event-{index + 1}" data-type="{event.type}" style="--c:{colour}">'
            f'<div class="when"><b>{html.escape(event.date_label)}</b>'
            f'<span class="precision">{event.precision or ""}</span>{date_note}</div>'
            f'<div class="what"><span class="badge">{label}</span> '
            f'<span class="who">{html.escape(", ".join(event.counterparts) or "—")}</span>'
            f'<span class="role">{html.escape(timeline.entity)} as {html.escape(event.role)}</span>'
            + (f'<span class="details">{html.escape(event.details)}</span>' if event.details else "")
            + (f'<div class="amount">{bar}<span>{html.escape(amount)}</span></div>' if amount else "")
            + f'<blockquote lang="de">{html.escape(event.evidence)}</blockquote>'
            f'<div class="source">Source: {source}'
            + (f' · published {event.reported}' if event.reported else "") + "</div></div></li>"
        )
    parts.append("</ol>")
    return "".join(parts)
