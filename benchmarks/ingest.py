"""Benchmark: batch ingestion throughput, parallel speed-up and peak memory.

Generates distinct German articles from sentence templates filled with
companies, people and places from the gazetteer (a fixed seed, so every run
gets the same batch): news-like ones by default, as long and as dense in
entities and relations as the sample articles, or, with ``--dense``, short
ones of deal sentences only. Measures, in one run:

- ``vs_spacy``: ``newsgraph`` ingest throughput (reading a JSONL file,
  near-duplicate detection, language detection, the full newsgraph pipeline,
  records, triples, writes to an on-disk store) with one worker, over the
  throughput of the bundled base spaCy model alone (``nlp.pipe`` over the
  same texts, no newsgraph components);
- ``workers2_speedup``: the same ingest with ``--workers 2`` over one worker;
- ``rss_<large>_over_<small>``: peak RSS of an ingest of ``--large`` articles
  over that of ``--small``, each in a fresh process (the issue's figure is
  ``--small 5000 --large 50000``; the defaults are smaller so that the
  benchmark runs in minutes);
- ``articles_per_s``: the one-worker ingest throughput;
- where the time goes: the same batch taken through ingest's stages one
  at a time, each over every article (``stage_seconds``): reading,
  near-duplicate detection, language detection, the tokenizer and the
  model's own components, each newsgraph component, records, triples and
  the store writes, each in seconds and as a share of the model's time
  (tokenizer and model); ``beyond_model`` is the share of everything else,
  the issue's ingest overhead (at most 0.25 wanted), and ``beyond_model_in_line``
  that share without the store's writes, which ingest makes on a thread of
  their own beside the next batch's extraction (Oxigraph writes outside the
  GIL): what the pipeline waits for when a second core is free.

``--texts DIR`` takes the ``.txt`` articles of a folder (``data/eval/test``, say: articles
written to be like real business news, which the generated ones are not) instead of generated
ones for the throughput and stage figures; the peak-RSS runs stay on generated articles.

Throughput is steady-state: what a process loads once (the model, langdetect's
language profiles) is loaded before the clock starts, for newsgraph as for the
spaCy baseline, and of ``--repeat`` runs of each kind, taken in turns, the
fastest counts (a run on this shared machine varies by a few per cent); of
the stage-by-stage runs, each stage's fastest counts.

The last line holds every figure as name=value pairs:

    python benchmarks/ingest.py [--articles 400] [--repeat 3] [--small 200] [--large 2000] [--dense] [--texts DIR]
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable, Iterable, Iterator

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.core.records import Article  # noqa: E402

GAZETTEER = ROOT / "pipeline" / "data" / "gazetteer.jsonl"
SEED = 6
TEMPLATES = (
    "{org} kauft für {amount} Chips von {org2}.",
    "{org} übernimmt den Konkurrenten {org2} für {amount}, wie das Unternehmen am {day} in {city} mitteilte.",
    "{org} investiert {amount} in ein neues Werk in {city}.",
    "Der Konzern {org} beteiligt sich mit {percent} Prozent an {org2}.",
    "{person} wird neuer Vorstandschef von {org}, teilte der Aufsichtsrat am {day} mit.",
    "{org} mietet Rechenzentren von {org2} in {city}.",
    "Nach Angaben von {org2} hat {org} Server im Wert von {amount} bestellt.",
    "Analysten in {city} rechnen mit einem Umsatz von {amount} im laufenden Jahr.",
    "Die Aktie von {org} stieg am {day} um {percent} Prozent.",
    "{person} sagte in {city}, die Nachfrage nach Rechenleistung bleibe hoch.",
    "Der Auftrag umfasst nach Angaben aus {city} rund {number} Systeme.",
    "{org2} liefert bis Ende des Jahres Netzwerktechnik an {org}.",
    "Das Vorhaben soll rund {number} Arbeitsplätze in {city} schaffen.",
    "Die Behörden in {city} prüfen die Übernahme von {org2} durch {org} noch.",
    "{org} hält inzwischen {percent} Prozent der Anteile an {org2}.",
    "Im Quartal verdiente {org} nach eigenen Angaben {amount}.",
    "Ein Sprecher von {org2} wollte sich am {day} nicht äußern.",
    "Die Gewerkschaft in {city} kritisierte die Pläne von {org} scharf.",
)
CONTEXT = (
    "Die Nachfrage nach {topic} wächst seit Monaten schneller als von vielen Beobachtern erwartet.",
    "Branchenkenner gehen davon aus, dass die Preise für {topic} im kommenden Jahr um bis zu {percent} Prozent "
    "steigen.",
    "Viele Unternehmen haben ihre Budgets für {topic} zuletzt deutlich erhöht.",
    "Der Markt für {topic} gilt als einer der am schnellsten wachsenden Bereiche der Branche.",
    "Einzelheiten zu den Bedingungen wurden zunächst nicht bekannt.",
    "Ob die Pläne in dieser Form umgesetzt werden, hängt auch von den Behörden ab.",
    "Kritiker bemängeln seit Langem, dass Europa bei {topic} den Anschluss verloren habe.",
    "Im vergangenen Jahr hatte die Branche noch mit sinkenden Umsätzen zu kämpfen.",
    "Experten erwarten, dass sich der Wettbewerb um Fachkräfte in den kommenden {few} Jahren verschärft.",
    "Die Gespräche sollen bereits seit {month} laufen.",
    "Zuletzt hatten mehrere Wettbewerber ähnliche Vorhaben angekündigt.",
    "Nach Schätzungen von Marktforschern entfallen inzwischen rund {percent} Prozent der Ausgaben auf {topic}.",
    "Die Lieferzeiten für {topic} betragen derzeit bis zu {few} Monate.",
    "Das Geschäft mit {topic} war lange von wenigen Anbietern geprägt.",
    "Seit {year} hat sich der Absatz von {topic} mehr als verdoppelt.",
    "Für die Beschäftigten soll sich zunächst nichts ändern.",
    "Die Entscheidung fiel nach langen Verhandlungen im {month}.",
    "Beobachter werten den Schritt als Signal an die Konkurrenz.",
    "Wie hoch die Kosten am Ende ausfallen, ist noch offen.",
    "In {city} wird das Vorhaben seit Wochen kontrovers diskutiert.",
    "{person} hatte die Strategie bereits im {month} vorgestellt.",
    "Der Standort in {city} beschäftigt derzeit rund {number} Menschen.",
    "Auf Anfrage wollte sich das Unternehmen dazu nicht äußern.",
    "Die Zahl der Anbieter von {topic} ist in den vergangenen Jahren deutlich gestiegen.",
)
TOPICS = ("Speicherchips", "Grafikprozessoren", "Rechenzentren", "Cloud-Diensten", "Netzwerktechnik",
          "Halbleitern", "Servern", "Glasfaseranschlüssen", "Unternehmenssoftware", "Batteriezellen",
          "Solarmodulen", "Sensoren")
DAYS = ("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag")
MONTHS = ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September",
          "Oktober", "November", "Dezember")
UNITS = ("Millionen Euro", "Milliarden Euro", "Mrd. US-Dollar", "Mio. Euro", "Milliarden Dollar")
# News-like articles: 8 to 30 sentences, a third of them about a deal, a stake, an order or a
# person, the rest background. That puts the batch's length and density (words per article,
# entities and triples per 100 words, printed by the benchmark) near those of the sample
# articles in data/raw and ../shared/samples. --dense gives the earlier batch: seven deal
# sentences per article, about three times the triples per word.
NEWS_SENTENCES = (8, 30)
NEWS_EVENT_SHARE = 0.35
DENSE_SENTENCES = 7


def gazetteer_names() -> dict[str, list[str]]:
    names: dict[str, list[str]] = {"ORG": [], "PER": [], "LOC": []}
    for line in GAZETTEER.read_text(encoding="utf-8").splitlines():
        entry = json.loads(line)
        if entry["label"] in names:
            names[entry["label"]].append(entry["name"])
    return names


def generated_articles(count: int, seed: int = SEED, *, dense: bool = False) -> Iterator[dict]:
    """``count`` distinct article records (``text`` only), the same for the same seed."""
    rng, names = random.Random(seed), gazetteer_names()
    for _ in range(count):
        def slots() -> dict:
            return {"org": rng.choice(names["ORG"]), "org2": rng.choice(names["ORG"]),
                    "person": rng.choice(names["PER"]), "city": rng.choice(names["LOC"]),
                    "day": rng.choice(DAYS), "percent": rng.randint(2, 60), "number": rng.randint(50, 5000),
                    "amount": f"{rng.randint(2, 950)} {rng.choice(UNITS)}", "topic": rng.choice(TOPICS),
                    "month": rng.choice(MONTHS), "year": rng.randint(2010, 2024), "few": rng.randint(2, 9)}
        if dense:
            templates = [rng.choice(TEMPLATES) for _ in range(DENSE_SENTENCES)]
        else:
            templates = [rng.choice(TEMPLATES)] + [
                rng.choice(TEMPLATES if rng.random() < NEWS_EVENT_SHARE else CONTEXT)
                for _ in range(rng.randint(*NEWS_SENTENCES) - 1)]
        yield {"text": " ".join(template.format(**slots()) for template in templates)}


def write_jsonl(path: Path, records: Iterable[dict]) -> Path:
    with path.open("w", encoding="utf-8") as stream:
        for record in records:
            stream.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def folder_articles(folder: Path) -> list[dict]:
    """The ``.txt`` articles of ``folder``, in name order, as article records (``text`` only)."""
    if not folder.is_dir():
        raise SystemExit(f"--texts: {folder} is not a folder; give a folder of .txt articles, e.g. data/eval/test")
    records = [{"text": path.read_text(encoding="utf-8")} for path in sorted(folder.glob("*.txt"))]
    if not records:
        raise SystemExit(f"--texts: {folder} holds no .txt files; give a folder of .txt articles, e.g. data/eval/test")
    return records


def ingest_rate(jsonl: Path, store_dir: Path, workers: int) -> tuple[float, dict]:
    """Articles per second for ``newsgraph ingest`` of ``jsonl`` into a new on-disk store."""
    from pipeline.core.records import BatchReport
    from pipeline.extract.language import detect_language
    from pipeline.extract.nlp import build_nlp
    from pipeline.extract.readers import read_articles
    from pipeline.graph.store import GraphStore
    from pipeline.run.batch import ingest

    nlp = build_nlp()
    detect_language("Der erste Aufruf lädt die Sprachprofile.")
    report = BatchReport()
    store = GraphStore(store_dir)
    started = time.perf_counter()
    ingest(read_articles([jsonl], report), nlp, store, report, workers=workers)
    seconds = time.perf_counter() - started
    store.close()
    return report.articles_read / seconds, report


def spacy_rate(jsonl: Path) -> float:
    """Articles per second for the bundled base model alone over the same texts."""
    from pipeline.core.records import BatchReport
    from pipeline.extract.nlp import load_base
    from pipeline.extract.readers import read_articles

    nlp = load_base(None)
    articles: list[Article] = list(read_articles([jsonl], BatchReport()))
    texts = [article.content for article in articles]
    started = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=32):
        pass
    return len(texts) / (time.perf_counter() - started)


MODEL = "tokenizer+model"  # the stage the others are compared with


def stage_seconds(jsonl: Path, store_dir: Path) -> dict[str, float]:
    """Seconds of each of ingest's stages over the articles of ``jsonl``, into a new on-disk store, one
    stage at a time over the whole batch (ingest interleaves them batch by batch) with the same
    functions: reading, near-duplicate detection, language detection, the tokenizer and the model's
    components (``MODEL``), each newsgraph component, records, triples and the store writes."""
    from pipeline.core.records import BatchReport
    from pipeline.extract.dedup import drop_near_duplicates
    from pipeline.extract.language import detect_language
    from pipeline.extract.nlp import build_nlp
    from pipeline.extract.readers import read_articles
    from pipeline.graph.store import GraphStore
    from pipeline.graph.triples import to_ntriples
    from pipeline.run.extraction import from_docs

    nlp = build_nlp()
    detect_language("Der erste Aufruf lädt die Sprachprofile.")
    seconds: dict[str, float] = {}

    def timed(stage: str, work: Callable[[], list]) -> list:
        started = time.perf_counter()
        result = work()
        seconds[stage] = seconds.get(stage, 0.0) + time.perf_counter() - started
        return result

    def run(component: Callable, docs: list) -> list:  # as Language.pipe runs a component
        return list(component.pipe(docs, batch_size=32)) if hasattr(component, "pipe") else list(map(component, docs))

    report = BatchReport()
    articles = timed("read", lambda: list(read_articles([jsonl], report)))
    articles = timed("dedup", lambda: list(drop_near_duplicates(articles, report)))
    languages = timed("language", lambda: [detect_language(article.content) for article in articles])
    docs = timed(MODEL, lambda: [nlp.make_doc(article.content) for article in articles])
    for name, component in nlp.pipeline:
        docs = timed(name if name.startswith("newsgraph") else MODEL, lambda: run(component, docs))
    extractions = timed("records", lambda: [from_docs(*parts) for parts in zip(articles, languages, docs)])
    graphs = timed("triples", lambda: [to_ntriples(extraction) for extraction in extractions])
    store = GraphStore(store_dir)
    timed("store", lambda: [store.has_article(article.id) for article in articles])
    timed("store", lambda: [store.add_article(article.id, graph) for article, graph in zip(articles, graphs)]
          + [store.save()])
    store.close()
    return seconds


def peak_rss_mib(count: int, directory: Path, dense: bool) -> float:
    """Peak RSS of a fresh process that ingests ``count`` generated articles (streamed, one worker)."""
    command = [sys.executable, __file__, "--child-rss", str(count), "--keep", str(directory)]
    result = subprocess.run(command + (["--dense"] if dense else []), capture_output=True, text=True, check=True)
    return float(result.stdout.strip().splitlines()[-1])


def child_rss(count: int, directory: Path, dense: bool) -> None:
    from pipeline.core.records import BatchReport
    from pipeline.extract.nlp import build_nlp
    from pipeline.extract.readers import make_article
    from pipeline.graph.store import GraphStore
    from pipeline.run.batch import ingest

    articles = (make_article(record["text"], f"generated:{n}")
                for n, record in enumerate(generated_articles(count, dense=dense)))
    ingest(articles, build_nlp(), GraphStore(directory / f"rss-{count}"), BatchReport(), workers=1)
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)


def short(count: int) -> str:
    return f"{count // 1000}k" if count % 1000 == 0 else str(count)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=400, help="articles for the throughput figures")
    parser.add_argument("--small", type=int, default=200, help="articles of the smaller peak-RSS run")
    parser.add_argument("--large", type=int, default=2000, help="articles of the larger peak-RSS run")
    parser.add_argument("--repeat", type=int, default=3, help="throughput runs of each kind; the fastest counts")
    parser.add_argument("--dense", action="store_true", help="seven deal sentences per article (see NEWS_SENTENCES)")
    parser.add_argument("--keep", type=Path, help="a folder for the stores (default: a temporary one)")
    parser.add_argument("--texts", type=Path, help="a folder of .txt articles to measure instead of generated ones")
    parser.add_argument("--child-rss", type=int, help=argparse.SUPPRESS)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        directory = options.keep or Path(temporary)
        directory.mkdir(parents=True, exist_ok=True)
        if options.child_rss:
            child_rss(options.child_rss, directory, options.dense)
            return
        records = folder_articles(options.texts) if options.texts else \
            list(generated_articles(options.articles, dense=options.dense))
        jsonl = write_jsonl(directory / "batch.jsonl", records)
        words = sum(len(json.loads(line)["text"].split()) for line in jsonl.open(encoding="utf-8"))
        spacy_alone = one = two = 0.0
        stages: dict[str, float] = {}
        for run in range(options.repeat):  # in turns, so that a busy moment of the machine hits all kinds alike
            spacy_alone = max(spacy_alone, spacy_rate(jsonl))
            rate, run_report = ingest_rate(jsonl, directory / f"one-worker-{run}", workers=1)
            if rate > one:
                one, report = rate, run_report
            two = max(two, ingest_rate(jsonl, directory / f"two-workers-{run}", workers=2)[0])
            for stage, seconds in stage_seconds(jsonl, directory / f"stages-{run}").items():
                stages[stage] = min(stages.get(stage, seconds), seconds)
        small, large = (peak_rss_mib(count, directory, options.dense) for count in (options.small, options.large))
    kind = f"from {options.texts} (" if options.texts else f"generated ({'dense' if options.dense else 'news-like'}: "
    print(f"articles: {len(records)} {kind}{words / len(records):.0f} words per article, "
          f"{100 * report.entities / words:.1f} entities and "
          f"{100 * report.triples / words:.1f} triples per 100 words), {report.articles_processed} processed, "
          f"{len(report.skipped)} skipped {report.skipped_by_reason()}")
    print(f"spaCy base model alone (nlp.pipe): {spacy_alone:.1f} articles/s")
    print(f"newsgraph ingest, 1 worker:        {one:.1f} articles/s  stages {report.stage_seconds}")
    print(f"newsgraph ingest, 2 workers:       {two:.1f} articles/s")
    print(f"peak RSS: {small:.0f} MiB for {options.small} articles, {large:.0f} MiB for {options.large}")
    model = stages[MODEL]
    beyond = sum(stages.values()) - model
    print(f"stage by stage (seconds, share of the {MODEL} time):")
    for stage, seconds in stages.items():
        print(f"  {stage:28} {seconds:7.3f} s  {seconds / model:5.3f}")
    print(f"  {'beyond the model':28} {beyond:7.3f} s  {beyond / model:5.3f}")
    in_line = beyond - stages["store"]
    print(f"  {'beyond the model, in line':28} {in_line:7.3f} s  {in_line / model:5.3f}  (the store writes beside)")
    shares = " ".join(f"{stage.removeprefix('newsgraph_')}={seconds / model:.3f}" for stage, seconds in stages.items()
                      if stage != MODEL)
    print(f"vs_spacy={one / spacy_alone:.2f} workers2_speedup={two / one:.2f} "
          f"rss_{short(options.large)}_over_{short(options.small)}={large / small:.2f} articles_per_s={one:.1f} "
          f"beyond_model={beyond / model:.3f} beyond_model_in_line={in_line / model:.3f} {shares}")


if __name__ == "__main__":
    main()
