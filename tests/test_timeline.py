"""Tests for pipeline.apps.timeline and the `timeline` / `entity` commands, on the bundled samples.

The samples in data/raw/ (no publication dates) and, when ../shared/samples/ is there,
the reference ByteDance article (ingested with --published) go through the real
pipeline into one store; every format is read back the way a tool would read it,
and the HTML page is opened in headless Chromium.
"""

import csv
import datetime as dt
import io
import json
import re
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import OWL, RDF, RDFS, Graph, URIRef
from typer.testing import CliRunner

from conftest import REFERENCE_ARTICLE, ROOT
from pipeline.apps.cli import app
from pipeline.apps.timeline import (
    CSV_HEADERS,
    TYPE_STYLES,
    Timeline,
    TimelineEvent,
    TimelineFormat,
    entity_profile,
    entity_timeline,
    event_amount,
    render_timeline,
)
from pipeline.core.errors import UnknownEntityError
from pipeline.core.iris import NG, entity_iri
from pipeline.core.rates import convert
from pipeline.core.records import Article, Entity, Extraction, Relation
from pipeline.graph import query
from pipeline.graph.store import GraphStore
from pipeline.graph.triples import to_graph

RAW = ROOT / "data" / "raw"
ONTOLOGY = ROOT / "ontologies" / "newsgraph.ttl"
REFERENCE = REFERENCE_ARTICLE
PUBLISHED = "2025-01-22"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
needs_reference = pytest.mark.skipif(not REFERENCE.exists(), reason=f"reference article not found at {REFERENCE}")
needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="no chromium on PATH (.ci/run installs Debian's)")


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory) -> Path:
    directory = tmp_path_factory.mktemp("timeline") / "graph"
    runner = CliRunner()
    result = runner.invoke(app, ["ingest", str(RAW), "--store", str(directory)])
    assert result.exit_code == 0, result.output
    if REFERENCE.exists():
        result = runner.invoke(app, ["ingest", str(REFERENCE), "--published", PUBLISHED, "--store", str(directory)])
        assert result.exit_code == 0, result.output
    return directory


@pytest.fixture(scope="module")
def source(store_dir):
    return GraphStore(str(store_dir))


def run(store_dir: Path, *arguments: str):
    return CliRunner().invoke(app, [*arguments, "--store", str(store_dir)])


@needs_reference
def test_bytedance_timeline_has_dated_events_with_amounts_rates_and_sources(source):
    timeline = entity_timeline(source, "ByteDance")
    events = timeline.events
    assert {"PURCHASE", "INVESTMENT", "ORDER_SHARE", "OWNERSHIP", "LEADERSHIP"} <= {event.type for event in events}
    assert [event.date for event in events] == sorted(event.date for event in events)  # all dated, in order
    assert all(event.reported == PUBLISHED and event.evidence and event.title and event.link for event in events)

    nvidia = next(event for event in events if event.type == "PURCHASE" and event.counterparts == ("Nvidia",))
    assert (nvidia.date, nvidia.precision, nvidia.date_text) == (PUBLISHED, "day", None)  # dated by publication
    assert nvidia.amount["value"] == 12_000_000_000 and nvidia.amount["currency"] == "USD"
    assert nvidia.conversion.usd == 12_000_000_000 and nvidia.conversion.rate_date == dt.date(2025, 1, 22)
    assert Decimal(11e9) < nvidia.conversion.eur < Decimal(12e9)

    chips = next(event for event in events if event.amount and event.amount["currency"] == "CNY")
    assert (chips.date_label, chips.precision, chips.date_text) == ("2025", "year", "bis 2025")
    # 40 bn yuan at the ECB rate is close to the 5.5 bn dollars the article itself gives.
    assert Decimal(5.3e9) < chips.conversion.usd < Decimal(5.7e9)
    assert any(event.date_text == "im Laufe dieses Jahres" and event.date_label == "2025" for event in events)


@pytest.mark.parametrize("name", ["Deutsche Telekom", "deutsche telekom", "TELEKOM"])
def test_lookup_by_name_or_alias_ignores_case(source, name):
    timeline = entity_timeline(source, name)
    assert timeline.entity == "Deutsche Telekom" and "Telekom" in timeline.aliases
    assert any(event.type == "PURCHASE" and event.counterparts == ("Nvidia",) for event in timeline.events)


@pytest.mark.parametrize(("name", "suggestion"), [("Nvidea", "Nvidia"), ("Vodafon", "Vodafone")])
def test_an_unknown_name_suggests_the_closest_entities(source, store_dir, name, suggestion):
    with pytest.raises(UnknownEntityError) as caught:
        entity_timeline(source, name)
    assert suggestion in caught.value.suggestions
    result = run(store_dir, "timeline", name)
    assert result.exit_code == 1 and f"Did you mean: {suggestion}" in result.output
    assert run(store_dir, "entity", name).exit_code == 1


@pytest.mark.parametrize("fmt", list(TimelineFormat))
def test_an_entity_without_events_gives_an_empty_timeline_and_says_so(source, store_dir, fmt):
    timeline = entity_timeline(source, "Verdi")
    assert timeline.events == () and timeline.message == "No events for Verdi in the graph."
    result = run(store_dir, "timeline", "verdi", "--format", fmt.value)
    assert result.exit_code == 0 and "No events for Verdi" in result.stderr
    if fmt is TimelineFormat.csv:
        assert result.stdout.splitlines() == [",".join(CSV_HEADERS)]
    elif fmt in (TimelineFormat.json, TimelineFormat.timelinejs):
        assert json.loads(result.stdout)["events"] == []
    elif fmt is TimelineFormat.table:
        assert result.stdout == ""  # the message is said once, on stderr
    else:
        assert "No events for Verdi" in result.stdout


def test_filters_by_type_and_period(source, store_dir):
    investments = entity_timeline(source, "Google", types=["INVESTMENT"])
    assert investments.events and {event.type for event in investments.events} == {"INVESTMENT"}
    in_2029 = entity_timeline(source, "Google", since=dt.date(2029, 1, 1), until=dt.date(2029, 12, 31))
    assert ("INVESTMENT", "bis 2029") in [(event.type, event.date_text) for event in in_2029.events]
    assert {event.date_label for event in in_2029.events} == {"2029"}
    assert entity_timeline(source, "Google", until=dt.date(2026, 12, 31)).events == ()

    result = run(store_dir, "timeline", "google", "--from", "2029", "--to", "2029-Q4", "--type", "investment",
                 "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert (data["from"], data["to"], data["types"]) == ("2029-01-01", "2029-12-31", ["INVESTMENT"])
    assert [event["date_text"] for event in data["events"]] == ["bis 2029"]


@pytest.mark.parametrize("arguments", [["--type", "BANKRUPTCY"], ["--from", "bald"]])
def test_bad_filters_are_usage_errors(store_dir, arguments):
    result = run(store_dir, "timeline", "Google", *arguments)
    assert result.exit_code == 2


@pytest.mark.parametrize("fmt", list(TimelineFormat))
@pytest.mark.parametrize("name", ["Nvidia", pytest.param("ByteDance", marks=needs_reference)])
def test_every_format_on_the_samples(source, store_dir, tmp_path, fmt, name):
    events = entity_timeline(source, name).events
    out = tmp_path / f"timeline.{fmt.value}"
    result = run(store_dir, "timeline", name, "--format", fmt.value, "--out", str(out))
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    if fmt is TimelineFormat.csv:
        rows = list(csv.DictReader(io.StringIO(text)))
        assert len(rows) == len(events) and list(rows[0]) == CSV_HEADERS
        assert [row["evidence"] for row in rows] == [event.evidence for event in events]
    elif fmt is TimelineFormat.json:
        data = json.loads(text)
        assert data["entity"] == name and len(data["events"]) == len(events)
        assert all(event["evidence"] and event["type"] in TYPE_STYLES for event in data["events"])
    elif fmt is TimelineFormat.table:
        lines = text.splitlines()
        assert lines[0].split()[:3] == ["date", "from", "the"] and len(lines) == len(events) + 2
        assert [line.split()[0] for line in lines[2:]] == [event.date_label for event in events]
    elif fmt is TimelineFormat.md:
        rows = [line for line in text.splitlines() if line.startswith("| ")]
        assert len(rows) == len(events) + 1  # the header row, then one per event
    elif fmt is TimelineFormat.html:
        assert len(re.findall(r'<li class="event"', text)) == len(events)
        assert all(f'id="event-{number}"' in text for number in range(1, len(events) + 1))
    else:
        data = json.loads(text)
        dated = [event for event in events if event.date]
        assert len(data["events"]) == len(dated)
        for item, event in zip(data["events"], dated):
            assert item["start_date"]["year"] == int(event.date[:4]) and item["text"]["headline"]
            assert item["group"] == TYPE_STYLES[event.type][0]


@needs_reference  # the samples carry no date, so only the reference article's events give the page its chart
def test_the_html_page_needs_no_network(source):
    page = render_timeline(entity_timeline(source, "Nvidia"), TimelineFormat.html)
    assert not re.search(r"<link|<img|<iframe|\ssrc=|@import|url\(", page)
    assert "<style>" in page and "<svg" in page and "<script>" in page


def test_entity_profile_sums_amounts_per_counterparty(source, store_dir):
    profile = entity_profile(source, "vodafone")
    parties = {party.name: party for party in profile.counterparties}
    assert {"Nokia", "Ericsson", "Samsung"} <= set(parties)
    assert parties["Nokia"].amounts == {"EUR": Decimal(3_000_000_000)}
    assert parties["Nokia"].types == ("ORDER_SHARE", "PURCHASE") and parties["Nokia"].events == 2
    assert profile.first_mention is None  # the samples carry no date
    result = run(store_dir, "entity", "vodafone")
    assert result.exit_code == 0 and "unknown (no dated article)" in result.stdout and "3 bn EUR" in result.stdout


@needs_reference
def test_entity_profile_of_bytedance(source, store_dir):
    result = run(store_dir, "entity", "bytedance", "--format", "json")
    assert result.exit_code == 0, result.output
    profile = json.loads(result.stdout)
    assert (profile["name"], profile["type"], profile["articles"]) == ("ByteDance", "ORG", 1)
    parties = {party["name"]: party for party in profile["counterparties"]}
    assert parties["Nvidia"]["amounts"] == {"USD": 12_000_000_000}
    assert {"Huawei", "Cambricon", "TikTok", "Zhang Yiming"} <= set(parties)
    assert profile["first_mention"]["date"] == profile["last_mention"]["date"] == PUBLISHED


@pytest.mark.parametrize(("event_date", "precision", "literal"), [
    ("2025-03-12", "day", "2025-03-12"),
    ("2025-03-01", "month", "2025-03"),
    ("2024-07-01", "quarter", "2024-07"),
    ("2025-01-01", "year", "2025"),
])
def test_dates_survive_the_graph_in_declared_terms(event_date, precision, literal):
    relation = Relation("PURCHASE", {"buyer": "Siemens", "vendor": "Infineon"}, "Siemens kauft Chips.", 0, 20, 0.9,
                        event_date=event_date, date_precision=precision, date_text="im Text", reported=PUBLISHED)
    article = Article("a1", "Siemens kauft Chips.", "a1.txt")
    entities = tuple(Entity(name, "ORG", entity_iri(name, "ORG")) for name in ("Siemens", "Infineon"))
    graph = to_graph(Extraction(article, "de", entities=entities, relations=(relation,)))
    assert [str(value) for value in graph.objects(None, NG.eventDate)] == [literal]
    [row] = query.relations(graph)
    assert (row["event_date"], row["date_precision"], row["date_text"], row["reported"]) == (
        event_date, precision, "im Text", PUBLISHED)
    ontology = Graph().parse(ONTOLOGY, format="turtle")
    for term in (NG.eventDate, NG.datePrecision, NG.dateText, NG.reportedDate):
        assert (term, RDF.type, OWL.DatatypeProperty) in ontology
        assert {label.language for label in ontology.objects(term, RDFS.label)} == {"en", "de"}
        assert {comment.language for comment in ontology.objects(term, RDFS.comment)} == {"en", "de"}
    assert all(not str(term).startswith(str(NG)) or (term, None, None) in ontology
               for triple in graph for term in triple if isinstance(term, URIRef) and "#" in str(term))


def shown_output(document: str, command: str) -> str:
    """The output block ``document`` (README.md or a file in docs/) shows right after the bash block that
    ends with ``command``."""
    text = (ROOT / document).read_text(encoding="utf-8")
    match = re.search(r"```bash\n(?:[^`\n][^\n]*\n)*?" + re.escape(command) + r"\n```\s*```\n(.*?)```", text,
                      flags=re.S)
    assert match, f"{document} shows no output for {command!r}"
    return match.group(1)


def assert_shows(shown: str, output: str) -> None:
    """Every line ``shown`` is in ``output``, in order and as printed; a line "…" stands for lines left out."""
    shown_lines, output_lines = shown.splitlines(), output.splitlines()
    assert shown_lines[0] == output_lines[0] and shown_lines[-1] == output_lines[-1]
    position = 0
    for line in shown_lines:
        if line == "…":
            continue
        assert line in output_lines[position:], f"not printed (in this order): {line!r}"
        position = output_lines.index(line, position) + 1


@needs_reference
def test_the_readme_shows_the_real_bytedance_timeline(store_dir):
    result = run(store_dir, "timeline", "ByteDance")
    assert_shows(shown_output("README.md", "newsgraph timeline ByteDance --store bytedance-graph"),
                 result.stdout + result.stderr)


def test_the_docs_show_the_real_entity_profile(store_dir):
    assert shown_output("docs/timelines.md", "newsgraph entity Vodafone") == run(store_dir, "entity", "Vodafone").stdout


# --- the page in a browser ----------------------------------------------------


def chromium(page: Path, profile: Path, *arguments: str) -> str:
    command = [
        CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-quic", f"--user-data-dir={profile}",
        "--hide-scrollbars", *arguments, page.as_uri(),
    ]
    return subprocess.run(command, capture_output=True, text=True, timeout=60, check=True).stdout


def two_hundred_events() -> Timeline:
    """200 events over four years, every type, precision and size of amount."""
    events = []
    for number in range(200):
        precision = ("day", "month", "quarter", "year")[number % 4]
        start = dt.date(2022, 1, 1) + dt.timedelta(days=number * 7)
        start = {"day": start, "month": start.replace(day=1),
                 "quarter": start.replace(month=(start.month - 1) // 3 * 3 + 1, day=1),
                 "year": start.replace(month=1, day=1)}[precision]
        kind = list(TYPE_STYLES)[number % len(TYPE_STYLES)]
        amount = {"value": 10 ** (6 + number % 5), "currency": ("EUR", "USD", "CNY")[number % 3], "qualifier": None}
        events.append(TimelineEvent(
            kind, start.isoformat(), precision, None, start.isoformat(), "buyer", (f"Firma {number % 23}",),
            {"buyer": "Testkonzern", "vendor": f"Firma {number % 23}"}, amount, None, None,
            convert(Decimal(amount["value"]), amount["currency"], start),
            f"Der Testkonzern meldet Geschäft Nummer {number}.", f"a{number % 40}", f"Meldung {number % 40}",
            f"https://example.org/news/{number % 40}", None,
        ))
    events.sort(key=lambda event: event.date)
    return Timeline("Testkonzern", "ORG", (), tuple(events))


@pytest.mark.browser
@needs_chromium
@pytest.mark.parametrize("name", ["Nvidia", pytest.param("ByteDance", marks=needs_reference)])
def test_chromium_shows_every_event_of_the_samples_and_takes_a_screenshot(source, tmp_path, name):
    timeline = entity_timeline(source, name)
    page = tmp_path / "timeline.html"
    page.write_text(render_timeline(timeline, TimelineFormat.html), encoding="utf-8")
    dom = chromium(page, tmp_path / "profile", "--dump-dom")
    assert len(re.findall(r'<li class="event"', dom)) == len(timeline.events)
    assert len(re.findall(r"<circle", dom)) == sum(event.date is not None for event in timeline.events)
    assert all(event.evidence.replace("&", "&amp;") in dom for event in timeline.events)
    screenshot = tmp_path / "timeline.png"
    chromium(page, tmp_path / "profile", "--window-size=1200,1600", f"--screenshot={screenshot}")
    assert screenshot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and screenshot.stat().st_size > 30_000


@pytest.mark.browser
@needs_chromium
def test_two_hundred_events_stay_legible(tmp_path):
    timeline = two_hundred_events()
    page = tmp_path / "many.html"
    page.write_text(render_timeline(timeline, TimelineFormat.html), encoding="utf-8")
    dom = chromium(page, tmp_path / "profile", "--dump-dom")
    assert len(re.findall(r'<li class="event"', dom)) == 200 and len(re.findall(r"<circle", dom)) == 200
    # The time axis stays a compact overview: a bounded number of lanes, not one row per event.
    height = float(re.search(r'class="overview" viewBox="0 0 1000 ([\d.]+)"', dom).group(1))
    assert height < 600
    assert [heading for heading in re.findall(r"<h2>(\w+)</h2>", dom)] == ["2022", "2023", "2024", "2025"]


def test_a_range_and_a_shared_amount_are_said_as_such():
    assert event_amount({"value": 3 * 10**9, "currency": "EUR", "qualifier": "range", "upper": 4 * 10**9}) == (
        "3 bn–4 bn EUR")
    assert event_amount({"value": 12 * 10**9, "currency": "USD", "qualifier": None, "shared_by": 2}) == (
        "12 bn USD (shared by 2)")
