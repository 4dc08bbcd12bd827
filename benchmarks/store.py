"""Benchmark: the default (on-disk Oxigraph) store against pyoxigraph's own bulk loader and rdflib's Dataset.

Makes synthetic articles shaped like real output (entities from the gazetteer,
purchases, order shares, investments, acquisitions, leadership; each through
``triples.to_graph``) until the N-Quads file holds ``--triples`` statements,
then, each in a fresh process so peak RSS is its own: loads the file into a
new on-disk ``GraphStore`` (``GraphStore.load``, which also fills the merged
view); bulk-loads it with pyoxigraph alone (``Store.bulk_load``, the article
graphs without a merged view: the floor for the store's load, in a process
that imports nothing else); and parses it into an rdflib ``Dataset``. The
store and rdflib run the saved query "deals of an organisation" for the same
organisations; medians are reported. The store and the raw loader run
``--repeat`` times in turns and the fastest load of each counts (this shared
machine's speed drifts), with the highest peak RSS of each. The last line
holds every figure as name=value pairs; ``vs_raw_loader`` is the raw loader's
time over the store's:

    python benchmarks/store.py [--triples 1000000] [--repeat 3] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

if TYPE_CHECKING:
    from pipeline.core.records import Extraction

GAZETTEER = ROOT / "pipeline" / "data" / "gazetteer.jsonl"
QUERY_ORGS = ("Nvidia", "Siemens", "SAP", "Infineon", "Deutsche Telekom")
OXIGRAPH_RUNS = 10
RDFLIB_RUNS = 3


def synthetic_nquads(path: Path, triples: int, seed: int = 0) -> int:
    """Write articles until ``triples`` statements are written; return the number of articles."""
    from pipeline.core.iris import graph_iri
    from pipeline.graph.triples import to_graph

    rng = random.Random(seed)
    names = {"ORG": [], "PER": [], "LOC": []}
    for line in GAZETTEER.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        if record["label"] in names:
            names[record["label"]].append(record["name"])
    for name in QUERY_ORGS:
        if name not in names["ORG"]:
            names["ORG"].append(name)
    written = articles = 0
    with path.open("w", encoding="utf-8") as output:
        while written < triples:
            graph = to_graph(_article(rng, names, f"bench{articles:07d}"))
            name = f"<{graph_iri(f'bench{articles:07d}')}>"
            for line in graph.serialize(format="nt").splitlines():
                if line.strip():
                    output.write(f"{line[:-1].rstrip()} {name} .\n")
                    written += 1
            articles += 1
    return articles


def _article(rng: random.Random, names: dict[str, list[str]], article_id: str) -> Extraction:
    from pipeline.core.iris import entity_iri
    from pipeline.core.records import Article, Entity, Extraction, Money, Percent, Relation

    orgs = rng.sample(names["ORG"], 5)
    person, place = rng.choice(names["PER"]), rng.choice(names["LOC"])
    sentence = f"{orgs[0]} kauft bei {orgs[1]} und {orgs[2]} Chips für {rng.randint(1, 90)} Milliarden Euro."
    amount = Money(Decimal(rng.randint(1, 90)) * Decimal("1E+9"), rng.choice(["EUR", "USD", "CNY"]),
                   rng.choice([None, "about"]))
    relations = (
        Relation("PURCHASE", {"buyer": orgs[0], "vendor": orgs[1], "item": "Chips"}, sentence, 0, len(sentence), 0.9,
                 amount=amount),
        Relation("PURCHASE", {"buyer": orgs[0], "vendor": orgs[2], "item": "Chips"}, sentence, 0, len(sentence), 0.9,
                 amount=amount),
        Relation("ORDER_SHARE", {"buyer": orgs[0], "vendor": orgs[1]}, sentence, 0, len(sentence), 0.8,
                 percent=Percent(Decimal(rng.randint(5, 60)))),
        Relation("INVESTMENT", {"investor": orgs[3], "location": place, "purpose": "Rechenzentren"}, sentence, 0,
                 len(sentence), 0.85, amount=Money(Decimal(rng.randint(1, 40)) * Decimal("1E+8"), "EUR")),
        Relation("ACQUISITION", {"buyer": orgs[4], "acquired": orgs[2]}, sentence, 0, len(sentence), 0.7),
        Relation("LEADERSHIP", {"person": person, "org": orgs[3], "role": "Chef"}, sentence, 0, len(sentence), 0.75),
    )
    entities = tuple(Entity(name, "ORG", entity_iri(name, "ORG"), (name.upper(),)) for name in orgs)
    entities += (Entity(person, "PER", entity_iri(person, "PER")), Entity(place, "LOC", entity_iri(place, "LOC")))
    published = f"{rng.randint(2019, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    article = Article(id=article_id, text=sentence, source=f"synthetic/{article_id}.txt", title=sentence[:40],
                      url=f"https://example.org/{article_id}", published=published)
    return Extraction(article, "de", entities=entities, relations=relations)


def measure_oxigraph(nquads: Path, directory: Path) -> dict:
    from pipeline.graph.store import GraphStore

    started = time.perf_counter()
    store = GraphStore(directory)
    store.load(nquads)
    store.save()
    load_seconds = time.perf_counter() - started
    rss = _peak_rss_mb()
    return {"load_s": load_seconds, "rss_mb": rss, **_time_deals_query(store.execute, OXIGRAPH_RUNS)}


def measure_raw_loader(nquads: Path, directory: Path) -> dict:
    """pyoxigraph's bulk loader alone on the same file: the article graphs, no merged view, nothing else imported."""
    import pyoxigraph as ox

    started = time.perf_counter()
    store = ox.Store(str(directory))
    store.bulk_load(path=str(nquads), format=ox.RdfFormat.N_QUADS)
    store.flush()
    return {"load_s": time.perf_counter() - started, "rss_mb": _peak_rss_mb()}


def measure_rdflib(nquads: Path) -> dict:
    from rdflib import Dataset

    from pipeline.graph.store import query_graph

    started = time.perf_counter()
    dataset = Dataset(default_union=True)
    dataset.parse(nquads, format="nquads")
    load_seconds = time.perf_counter() - started
    rss = _peak_rss_mb()
    return {"load_s": load_seconds, "rss_mb": rss,
            **_time_deals_query(lambda text: query_graph(dataset, text), RDFLIB_RUNS)}


def _time_deals_query(run_query, runs: int) -> dict:
    """Median milliseconds of the saved query "deals of an organisation" over ``runs`` runs, and its rows per org."""
    from pipeline.graph.saved_queries import load_saved_query

    query = load_saved_query("deals-of-organisation")
    times, rows = [], {}
    for run in range(runs):
        org = QUERY_ORGS[run % len(QUERY_ORGS)]
        started = time.perf_counter()
        rows[org] = len(list(run_query(query.bind({"org": org}))))
        times.append(time.perf_counter() - started)
    return {"query_ms": statistics.median(times) * 1000, "rows": rows}


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux reports KiB


def _in_subprocess(kind: str, nquads: Path, directory: Path) -> dict:
    """Run one measurement in a new interpreter, so its peak RSS is its own."""
    output = subprocess.run(
        [sys.executable, __file__, "--measure", kind, "--nquads", str(nquads), "--directory", str(directory)],
        check=True, capture_output=True, text=True,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def _fastest_in_turns(nquads: Path, folder: Path, repeat: int) -> tuple[dict, dict]:
    """The store's and the raw loader's figures from ``repeat`` runs of each, taken in turns: the fastest
    load (and the store's fastest query median), with the highest peak RSS of each kind."""
    runs: dict[str, list[dict]] = {"oxigraph": [], "raw": []}
    for _ in range(repeat):
        for kind in runs:
            directory = folder / ("store" if kind == "oxigraph" else "raw-store")
            shutil.rmtree(directory, ignore_errors=True)
            runs[kind].append(_in_subprocess(kind, nquads, directory))
        shutil.rmtree(folder / "raw-store")
    oxigraph, raw = (min(figures, key=lambda run: run["load_s"]) for figures in runs.values())
    oxigraph = {**oxigraph, "rss_mb": max(run["rss_mb"] for run in runs["oxigraph"]),
                "query_ms": min(run["query_ms"] for run in runs["oxigraph"])}
    return oxigraph, {**raw, "rss_mb": max(run["rss_mb"] for run in runs["raw"])}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3, help="Loads of each kind, in turns; the fastest counts.")
    parser.add_argument("--skip-rdflib", action="store_true", help="Measure the store and the raw loader only.")
    parser.add_argument("--keep", type=Path, help="Keep the N-Quads file and the store in this folder.")
    parser.add_argument("--measure", choices=["oxigraph", "raw", "rdflib"], help=argparse.SUPPRESS)
    parser.add_argument("--nquads", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--directory", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        measure = {"oxigraph": measure_oxigraph, "raw": measure_raw_loader,
                   "rdflib": lambda nquads, directory: measure_rdflib(nquads)}[args.measure]
        print(json.dumps(measure(args.nquads, args.directory)))
        return

    with tempfile.TemporaryDirectory(prefix="newsgraph-bench-") as temporary:
        folder = args.keep or Path(temporary)
        folder.mkdir(parents=True, exist_ok=True)
        nquads = folder / "synthetic.nq"
        started = time.perf_counter()
        articles = synthetic_nquads(nquads, args.triples)
        print(f"data:      {args.triples} triples in {articles} synthetic articles "
              f"({nquads.stat().st_size / 1e6:.0f} MB N-Quads, made in {time.perf_counter() - started:.0f} s)")
        oxigraph, raw = _fastest_in_turns(nquads, folder, args.repeat)
        rdflib = None if args.skip_rdflib else _in_subprocess("rdflib", nquads, folder / "store")
    if rdflib and any(oxigraph["rows"][org] != rows for org, rows in rdflib["rows"].items()):
        raise SystemExit(f"The stores disagree on the query's rows: {oxigraph['rows']} vs {rdflib['rows']}")
    for name, figures in (("oxigraph", oxigraph), ("rdflib", rdflib)):
        if figures:
            print(f"{name + ':':10} load {figures['load_s']:.1f} s, peak RSS {figures['rss_mb']:.0f} MB, "
                  f"deals of an organisation {figures['query_ms']:.1f} ms median ({figures['rows']} rows)")
    print(f"raw:       load {raw['load_s']:.1f} s, peak RSS {raw['rss_mb']:.0f} MB "
          "(pyoxigraph's Store.bulk_load of the file: the article graphs without the merged view)")
    figures = [
        f"triples={args.triples}",
        f"oxigraph_load_s={oxigraph['load_s']:.2f}",
        f"raw_load_s={raw['load_s']:.2f}",
        f"vs_raw_loader={raw['load_s'] / oxigraph['load_s']:.2f}",
        f"oxigraph_rss_mb={oxigraph['rss_mb']:.0f}",
        f"raw_rss_mb={raw['rss_mb']:.0f}",
        f"deals_query_ms={oxigraph['query_ms']:.1f}",
    ]
    if rdflib:
        figures += [
            f"rdflib_load_s={rdflib['load_s']:.2f}",
            f"load_speedup={rdflib['load_s'] / oxigraph['load_s']:.1f}",
            f"rdflib_rss_mb={rdflib['rss_mb']:.0f}",
            f"rss_ratio={oxigraph['rss_mb'] / rdflib['rss_mb']:.2f}",
            f"rdflib_deals_query_ms={rdflib['query_ms']:.1f}",
            f"query_speedup={rdflib['query_ms'] / oxigraph['query_ms']:.1f}",
        ]
    print(" ".join(figures))


if __name__ == "__main__":
    main()
