"""The ``newsgraph`` command line: a thin typer layer over the library.

Each command parses its options, calls one library function and hands rows to
``output.emit``; a ``NewsgraphError`` becomes a one-line message and exit code 1.
"""

from __future__ import annotations

import json
import logging
import os
import sys
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Annotated, Optional

import typer

from pipeline import batch, dates, query
from pipeline import timeline as timelines
from pipeline.errors import NewsgraphError
from pipeline.output import OutputFormat, emit
from pipeline.records import BatchReport
from pipeline.timeline import TimelineFormat

app = typer.Typer(help="Turn German tech and business news into a queryable RDF knowledge graph.",
                  no_args_is_help=True, add_completion=False)

#: Exit code of an ingest that finished but could not read or process some of its input.
PARTIAL = 3
DEFAULT_STORE = None  # pipeline.store.store_location: $NEWSGRAPH_STORE, else data/graph
ModelOption = Annotated[
    Optional[str],
    typer.Option("--model", envvar="NEWSGRAPH_MODEL", help="spaCy pipeline name or path: 'newsgraph' (the "
                 "bundled fast model, default), 'accurate' (the transformer model), an installed package or a folder."),
]
STORE_HELP = ("Graph store: a directory (Oxigraph on disk), memory:, or a SPARQL server URL "
              "(default: $NEWSGRAPH_STORE, else data/graph).")
StoreOption = Annotated[Optional[str], typer.Option("--store", "--out", help=STORE_HELP)]
FormatOption = Annotated[OutputFormat, typer.Option("--format", "-f", help="Output format.")]
ShapesOption = Annotated[Optional[Path], typer.Option("--shapes", help="SHACL shapes (default: ontologies/shapes.ttl).")]
PathsArgument = Annotated[list[str], typer.Argument(help="Files or folders (.txt .md .json .jsonl .jsonl.gz .html "
                                                    ".warc .warc.gz), or - for stdin.")]


def fail(error: NewsgraphError) -> typer.Exit:
    typer.echo(f"Error: {error}", err=True)
    return typer.Exit(1)


def guarded(call):
    """``call()``, with a ``NewsgraphError`` (an unknown name, bad SPARQL) as a one-line message."""
    try:
        return call()
    except NewsgraphError as error:
        raise fail(error) from None


def open_store(location: str | None):
    from pipeline.store import GraphStore, store_location

    try:
        return GraphStore(store_location(location))
    except NewsgraphError as error:
        raise fail(error) from None


def load_nlp(model: str | None):
    from pipeline.nlp import build_nlp

    try:
        return build_nlp(model)
    except NewsgraphError as error:
        raise fail(error) from None


@app.callback()
def main(verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log every skipped item.")] = False) -> None:
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, format="%(message)s")


@app.command()
def ingest(
    paths: PathsArgument,
    store: StoreOption = DEFAULT_STORE,
    model: ModelOption = None,
    batch_size: Annotated[int, typer.Option("--batch-size", help="Articles per nlp.pipe batch.")] = 32,
    published: Annotated[Optional[str], typer.Option("--published", help="Publication date (YYYY-MM-DD) of "
                                                     "articles that carry none, such as plain-text files.")] = None,
    workers: Annotated[Optional[int], typer.Option("--workers", min=1, help="Worker processes for extraction "
                                                   "(default: all cores).")] = None,
    dedup: Annotated[bool, typer.Option("--dedup/--no-dedup", help="Merge near-duplicate copies of a story "
                                        "(kept: the first one read).")] = True,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress and no report on stderr "
                                        "(problems are still logged; report.json is still written).")] = False,
    json_log: Annotated[bool, typer.Option("--json-log", help="Progress and the final report as JSON lines "
                                           "on stderr.")] = False,
    executor: Annotated[str, typer.Option("--executor", help="local (worker processes on this machine) or dask "
                                          "(a Dask distributed cluster, see --scheduler).")] = "local",
    scheduler: Annotated[Optional[str], typer.Option("--scheduler", help="The Dask scheduler's address for "
                                                     "--executor dask, e.g. tcp://10.0.0.5:8786.")] = None,
) -> None:
    """Read articles, extract entities and relations, and write them to the graph."""
    from pipeline.nlp import describe
    from pipeline.progress import open_progress, track_files

    if executor not in ("local", "dask"):
        raise typer.BadParameter(f"{executor!r} is not local or dask", param_hint="--executor")
    if (executor == "dask") != (scheduler is not None):
        raise typer.BadParameter("--executor dask needs --scheduler tcp://HOST:PORT, and only it takes one",
                                 param_hint="--scheduler")
    nlp = load_nlp(model)
    graph_store = open_store(store)
    report = BatchReport(model=describe(nlp))
    articles, files = track_files(paths, report, stdin=sys.stdin)
    if published:
        try:
            published = date.fromisoformat(published).isoformat()
        except ValueError:
            raise typer.BadParameter(f"{published!r} is not a date like 2025-01-22", param_hint="--published") from None
        articles = (article if article.published else replace(article, published=published) for article in articles)
    progress = open_progress(files, quiet=quiet, json_log=json_log)
    try:
        batch.ingest(articles, nlp, graph_store, report, batch_size=batch_size,
                     workers=workers or os.cpu_count() or 1, deduplicate=dedup, progress=progress,
                     scheduler=scheduler, model=model)
    finally:
        progress.close()
    directory = getattr(graph_store, "path", None)  # only an on-disk store has a folder for the report
    if directory is not None:
        batch.write_report(report, directory / "report.json")
    if json_log:
        typer.echo(json.dumps({"event": "report", **batch.report_dict(report)}, ensure_ascii=False), err=True)
    elif not quiet:
        typer.echo(batch.format_report(report), err=True)
        where = f"{directory}/ (report.json beside it)" if directory is not None else graph_store.location
        typer.echo(f"graph written to {where}", err=True)
    if report.failed():
        raise typer.Exit(PARTIAL)


@app.command()
def extract(
    paths: PathsArgument,
    model: ModelOption = None,
    format: Annotated[str, typer.Option("--format", "-f", help="json or table.")] = "json",
) -> None:
    """Run the stages on articles without touching the store; print what they find."""
    from pipeline.ingest import read_articles

    nlp = load_nlp(model)
    report = BatchReport()
    extractions = batch.extract_articles(read_articles(paths, report, stdin=sys.stdin), nlp, report)
    records = [batch.extraction_dict(extraction) for extraction in extractions]
    # Items that never became an article (unreadable, malformed) are listed too.
    records += [{"source": item.source, "skipped": item.reason, "detail": item.detail}
                for item in report.skipped if item.reason != "not-german"]
    if format == "json":
        typer.echo(json.dumps(records, ensure_ascii=False, indent=2))
        return
    rows = [
        [record.get("article", record.get("source")), mention["label"], mention["text"], mention["canonical"]]
        for record in records for mention in record.get("mentions", [])
    ]
    emit(rows, ["article", "label", "text", "canonical"], OutputFormat.table)


@app.command()
def deals(
    buyer: Annotated[Optional[str], typer.Option(help="Only deals with this buyer (name or alias).")] = None,
    vendor: Annotated[Optional[str], typer.Option(help="Only deals with this vendor (name or alias).")] = None,
    store: StoreOption = DEFAULT_STORE,
    format: FormatOption = OutputFormat.table,
) -> None:
    """Vendor -> buyer deals with amounts."""
    rows = guarded(lambda: query.deals(open_store(store), buyer=buyer, vendor=vendor))
    emit(rows, ["vendor", "buyer", "amount", "upper", "currency", "qualifier", "shared", "percent", "type", "item",
                "article"], format)


@app.command()
def suppliers(org: str, store: StoreOption = DEFAULT_STORE, format: FormatOption = OutputFormat.table) -> None:
    """Who sells to ORG."""
    emit(guarded(lambda: query.suppliers(open_store(store), org)), ["supplier", "deals", "articles"], format)


@app.command()
def buyers(org: str, store: StoreOption = DEFAULT_STORE, format: FormatOption = OutputFormat.table) -> None:
    """Who buys from ORG."""
    emit(guarded(lambda: query.buyers(open_store(store), org)), ["buyer", "deals", "articles"], format)


@app.command()
def relations(store: StoreOption = DEFAULT_STORE, format: FormatOption = OutputFormat.json) -> None:
    """Every relation in the graph."""
    rows = query.relations(open_store(store))
    emit(rows, ["type", "article", "url", "roles", "amount", "amount_start", "percent", "evidence", "start", "end",
                "confidence", "event_date", "date_precision", "date_text", "reported"], format)


@app.command()
def entities(store: StoreOption = DEFAULT_STORE, format: FormatOption = OutputFormat.table) -> None:
    """Every entity in the graph, with aliases and the articles naming it."""
    rows = query.entities(open_store(store))
    emit(rows, ["name", "type", "iri", "aliases", "articles"], format)


@app.command()
def timeline(
    entity: Annotated[str, typer.Argument(help="Entity name or alias (any case).")],
    since: Annotated[Optional[str], typer.Option("--from", help="Only events from this date or period on "
                                                 "(2025, 2025-03, 2025-Q3, 2025-03-12).")] = None,
    until: Annotated[Optional[str], typer.Option("--to", help="Only events up to the end of this date or period.")] = None,
    types: Annotated[Optional[str], typer.Option("--type", help="Only these event types, comma-separated "
                                                 "(PURCHASE,INVESTMENT,...).")] = None,
    format: Annotated[TimelineFormat, typer.Option("--format", "-f", help="Output format.")] = TimelineFormat.table,
    out: Annotated[Optional[Path], typer.Option("--out", help="Write to this file instead of standard output.")] = None,
    store: Annotated[Optional[str], typer.Option("--store", help=STORE_HELP)] = DEFAULT_STORE,
) -> None:
    """Every event of an entity, sorted by date, with amounts in USD/EUR and the source of each."""
    try:
        first = dates.parse_period(since) if since else None
        last = dates.parse_period(until) if until else None
    except ValueError as error:
        raise typer.BadParameter(str(error)) from None
    wanted = [kind.strip().upper() for kind in types.split(",") if kind.strip()] if types else None
    try:
        found = timelines.entity_timeline(open_store(store), entity, since=first.date if first else None,
                                until=dates.period_end(last.date, last.precision) if last else None, types=wanted)
    except ValueError as error:
        raise typer.BadParameter(str(error), param_hint="--type") from None
    except NewsgraphError as error:
        raise fail(error) from None
    text = timelines.render_timeline(found, format)
    if out is None:
        typer.echo(text, nl=False)
    else:
        out.write_text(text, encoding="utf-8")
    typer.echo(found.message + (f" Written to {out}." if out else ""), err=True)


@app.command()
def entity(org: str, store: StoreOption = DEFAULT_STORE, format: FormatOption = OutputFormat.table) -> None:
    """Profile of an entity: aliases, type, articles, counterparties with summed amounts, first and last mention."""
    try:
        profile = timelines.entity_profile(open_store(store), org)
    except NewsgraphError as error:
        raise fail(error) from None
    if format is OutputFormat.json:
        typer.echo(json.dumps(timelines.profile_dict(profile), ensure_ascii=False, indent=2))
        return
    emit(timelines.profile_summary_rows(profile), ["field", "value"], format)
    emit(timelines.counterparty_rows(profile), ["counterparty", "events", "types", "amounts"], format)


@app.command()
def sparql(
    query_or_file: Annotated[Optional[str], typer.Argument(help="A SPARQL query, or a file holding one.")] = None,
    saved: Annotated[Optional[str], typer.Option("--saved", help="Run a saved query from ontologies/queries.")] = None,
    param: Annotated[Optional[list[str]], typer.Option("--param", help="A saved query's parameter, NAME=VALUE.")] = None,
    store: StoreOption = DEFAULT_STORE,
    format: FormatOption = OutputFormat.table,
) -> None:
    """Run a SPARQL query over the graph, or a saved one with its parameters bound."""
    from pipeline.saved_queries import load_saved_query, parse_parameters

    if (query_or_file is None) == (saved is None):
        raise typer.BadParameter("give a QUERY_OR_FILE or --saved NAME")
    text = query_or_file
    if saved is not None:
        try:
            text = load_saved_query(saved).bind(parse_parameters(param or []))
        except NewsgraphError as error:
            raise fail(error) from None
    elif "{" not in query_or_file:  # a query has a group pattern; anything else names a file
        try:
            text = Path(query_or_file).read_text(encoding="utf-8")
        except OSError as error:
            raise fail(NewsgraphError(f"Cannot read query file {query_or_file}: {error.strerror}")) from None
    try:
        headers, rows = query.sparql(open_store(store), text)
    except NewsgraphError as error:
        raise fail(error) from None
    emit(rows, headers, format)


@app.command()
def stats(store: StoreOption = DEFAULT_STORE, format: FormatOption = OutputFormat.table) -> None:
    """Counts of articles, entities, relations and triples."""
    counts = query.stats(open_store(store))
    emit([[key, value] for key, value in flatten(counts)], ["what", "count"], format)


def flatten(counts: dict, prefix: str = ""):
    for key, value in counts.items():
        if isinstance(value, dict):
            yield from flatten(value, f"{prefix}{key}.")
        else:
            yield f"{prefix}{key}", value


@app.command("eval")
def evaluate(
    gold: Annotated[Optional[Path], typer.Argument(help="Folder of *.expected.json beside their articles.")] = None,
    smartdata: Annotated[Optional[Path], typer.Option(help="A SmartData JSONL file to score on.")] = None,
    model: ModelOption = None,
    format: FormatOption = OutputFormat.table,
    show_errors: Annotated[bool, typer.Option("--errors", help="List false positives and negatives.")] = False,
) -> None:
    """Precision, recall and F1 against gold files and/or SmartData."""
    from pipeline import evaluate as scoring
    from pipeline.ingest import read_articles

    if gold is None and smartdata is None:
        raise typer.BadParameter("give a GOLD folder, --smartdata FILE, or both")
    nlp = load_nlp(model)

    def extract(articles):
        return batch.extract_articles(articles, nlp, BatchReport())

    reports = []
    if gold is not None:
        gold_articles = scoring.read_gold(gold)
        report = BatchReport()
        articles = read_articles([item.article_path for item in gold_articles], report)
        reports.append((f"gold {gold}", scoring.score_articles(zip(gold_articles, extract(articles)))))
    if smartdata is not None:
        reports.append((f"smartdata {smartdata}", scoring.evaluate_smartdata(smartdata, extract)))
    for title, report in reports:
        typer.echo(f"# {title}", err=True)
        emit(report.rows(), scoring.ROW_HEADERS, format)
        if show_errors:
            emit(report.mismatch_rows(), scoring.MISMATCH_HEADERS, format)


@app.command("train-model")
def train_model(
    data: Annotated[Path, typer.Option("--data", help="GermEval 2014 folder (train and dev files).")],
    out: Annotated[Path, typer.Option("--out", help="Output folder; the pipeline lands in OUT/model-best "
                                      "(with --accurate: in OUT itself).")],
    max_minutes: Annotated[Optional[float], typer.Option("--max-minutes", help="Stop after N minutes, keeping the best checkpoint "
                                                         "(--accurate: default 90).")] = None,
    max_steps: Annotated[Optional[int], typer.Option("--max-steps", help="Stop after N steps (default: from config.cfg).")] = None,
    seed: Annotated[int, typer.Option("--seed", help="Random seed; same seed and steps, same model.")] = 0,
    smartdata: Annotated[Optional[Path], typer.Option("--smartdata", help="SmartData train JSONL, trained on beside GermEval.")] = None,
    articles: Annotated[Optional[Path], typer.Option("--articles", help="A folder of gold articles (data/README.md), "
                                                     "trained on beside GermEval.")] = None,
    vectors: Annotated[Optional[Path], typer.Option("--vectors", help="Pipeline with static word vectors "
                                                    "(scripts/build_vectors.py).")] = None,
    vectors_width: Annotated[int, typer.Option("--vectors-width", help="Embedding columns the vectors get.")] = 32,
    accurate: Annotated[bool, typer.Option("--accurate", help="Fine-tune the accurate transformer model instead "
                                           "(needs the accurate-training extra).")] = False,
    smartdata_dev: Annotated[Optional[Path], typer.Option("--smartdata-dev", help="With --accurate: SmartData dev "
                                                          "JSONL, chosen on beside GermEval dev.")] = None,
) -> None:
    """Train newsgraph's German NER model on GermEval 2014, optionally with SmartData and static vectors (CPU)."""
    for path in (data, smartdata, smartdata_dev, vectors, articles):
        if path is not None and not path.exists():
            raise typer.BadParameter(f"{path} does not exist")
    if accurate:
        from pipeline.transformer.training import train_accurate_model
        from pipeline.transformer.weights import WeightsMissing

        if vectors is not None:
            raise typer.BadParameter("--vectors belongs to the fast model; leave it out with --accurate")
        try:
            best = train_accurate_model(data, out, smartdata=smartdata, smartdata_dev=smartdata_dev,
                                        max_minutes=max_minutes or 90.0, max_steps=max_steps, seed=seed)
        except ImportError as error:
            raise fail(WeightsMissing(f"{error.name or error} is not installed: "
                                      "pip install 'newsgraph[accurate-training]'")) from None
        except NewsgraphError as error:
            raise fail(error) from None
        typer.echo(f"accurate pipeline: {best}")
        return
    from pipeline.training import train_model as train

    best = train(data, out, max_minutes=max_minutes, seed=seed, max_steps=max_steps, smartdata=smartdata,
                 articles=articles, vectors=vectors, vectors_width=vectors_width)
    typer.echo(f"best pipeline: {best}")


@app.command("eval-model")
def eval_model(
    data: Annotated[Optional[Path], typer.Option("--data", help="GermEval 2014 folder; scores its test split.")] = None,
    smartdata: Annotated[Optional[Path], typer.Option("--smartdata", help="SmartData JSONL; ORG/PER/LOC at exact offsets.")] = None,
    model: ModelOption = None,
    record: Annotated[bool, typer.Option("--record", help="Write the scores into the model's meta.json.")] = False,
    pipeline: Annotated[bool, typer.Option("--pipeline", help="Score the whole default pipeline (model, "
                                           "gazetteer, compounds, money) instead of the model alone.")] = False,
) -> None:
    """P/R/F1 of the statistical model (or with --pipeline the whole pipeline) on GermEval test and SmartData."""
    from pipeline import training
    from pipeline.nlp import build_nlp, load_base, model_directory

    if data is None and smartdata is None:
        raise typer.BadParameter("give --data DIR, --smartdata FILE, or both")
    if record and pipeline:
        raise typer.BadParameter("--record stores the model's own scores; leave out --pipeline")
    try:
        nlp = build_nlp(model, relations=False) if pipeline else load_base(model)
    except NewsgraphError as error:
        raise fail(error) from None
    test_file = data / training.GERMEVAL_FILES["test"] if data is not None else None
    scores = training.evaluate_model(nlp, test_file, smartdata)
    typer.echo(training.format_scores(scores))
    if record:
        directory = model_directory(model)
        if directory is None:
            raise typer.BadParameter(f"--record writes into the model's folder; {model!r} is not one")
        training.record_scores(directory, scores)


@app.command()
def remove(
    article_ids: Annotated[list[str], typer.Argument(help="Ids of the articles to remove.")],
    store: StoreOption = DEFAULT_STORE,
) -> None:
    """Remove articles: their named graphs and what only they said (shared entities stay)."""
    graph_store = open_store(store)
    try:
        removed = [article_id for article_id in article_ids if graph_store.remove_article(article_id)]
    except NewsgraphError as error:
        raise fail(error) from None
    missing = sorted(set(article_ids) - set(removed))
    typer.echo(f"removed {len(removed)} article(s)" + (f"; not in the store: {', '.join(missing)}" if missing else ""),
               err=True)
    if missing:
        raise typer.Exit(1)


@app.command()
def export(
    format: Annotated[str, typer.Option("--format", "-f", help="trig, nquads, turtle, jsonld, graphml or gexf.")],
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="File to write (default: standard output).")] = None,
    store: StoreOption = DEFAULT_STORE,
) -> None:
    """Write the graph as RDF (article graphs or merged view) or as GraphML/GEXF for Gephi."""
    from pipeline.export import FORMATS, export_graph

    if format not in FORMATS:
        raise typer.BadParameter(f"expected one of {', '.join(FORMATS)}", param_hint="--format")
    graph_store = open_store(store)
    try:
        if output is None:
            export_graph(graph_store, sys.stdout.buffer, format=format)
        else:
            with output.open("wb") as file:
                export_graph(graph_store, file, format=format)
    except (NewsgraphError, OSError) as error:
        raise fail(NewsgraphError(str(error))) from None


@app.command()
def load(
    file: Annotated[Path, typer.Argument(help="An N-Quads (.nq) or TriG (.trig) file, e.g. from `export`.")],
    store: StoreOption = DEFAULT_STORE,
) -> None:
    """Bulk-load article graphs from a file (a shard, or a store moving to a server)."""
    try:
        count = open_store(store).load(file)
    except NewsgraphError as error:
        raise fail(error) from None
    typer.echo(f"loaded {count} quads from {file}", err=True)


@app.command()
def validate(
    shapes: ShapesOption = None,
    store: StoreOption = DEFAULT_STORE,
    format: FormatOption = OutputFormat.table,
) -> None:
    """Check the graph against the SHACL shapes; exit code 1 when it does not conform."""
    from pipeline.validate import validate_store

    report = validate_store(open_store(store), shapes)
    if report.violations:
        emit(report.rows(), ["focus", "path", "value", "message", "severity"], format)
    if report.conforms:
        typer.echo("conforms", err=True)
        return
    typer.echo(f"does not conform: {len(report.violations)} result(s)", err=True)
    raise typer.Exit(1)


@app.command()
def check(
    shapes: ShapesOption = None,
    store: StoreOption = DEFAULT_STORE,
    format: FormatOption = OutputFormat.table,
) -> None:
    """Verify a store without changing it: relations and their articles, amounts, the merged view, SHACL.

    Exit code 1 when there are problems.
    """
    from pipeline.store import open_read_only, store_location
    from pipeline.validate import MAX_LISTED, check_store

    try:
        report = check_store(open_read_only(store_location(store)), shapes)
    except NewsgraphError as error:
        raise fail(error) from None
    if report.problems:
        emit(report.rows(), ["check", "subject", "detail"], format)
    if report.awaiting_merge:
        typer.echo(f"{report.awaiting_merge} article(s) stored by an interrupted run are not in the merged view yet; "
                   "the next newsgraph command on the store (any but check) merges them", err=True)
    if report.ok:
        typer.echo(f"checked {report.articles} article(s): no problems", err=True)
        return
    found = ", ".join(f"{check} {count}" for check, count in report.counts.items() if count)
    more = any(count > MAX_LISTED for count in report.counts.values())
    typer.echo(f"checked {report.articles} article(s): problems found: {found}"
               + (f" (at most {MAX_LISTED} listed per check)" if more else ""), err=True)
    raise typer.Exit(1)


@app.command()
def serve(
    host: Annotated[str, typer.Option("--host", help="Address to listen on (0.0.0.0 for every interface).")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port to listen on (0: a free one).")] = 7878,
    timeout: Annotated[float, typer.Option("--timeout", help="Seconds a query may run.")] = 10.0,
    row_limit: Annotated[int, typer.Option("--row-limit", help="Rows (or triples) a response holds at most.")] = 10_000,
    store: StoreOption = DEFAULT_STORE,
) -> None:
    """Serve the graph read-only over the SPARQL 1.1 Protocol, with a query page at /."""
    from pipeline.server import Limits, make_server

    graph_store = open_store(store)
    try:
        server = make_server(graph_store, host=host, port=port, limits=Limits(timeout=timeout, row_limit=row_limit))
    except OSError as error:
        raise fail(NewsgraphError(f"Cannot listen on {host}:{port}: {error.strerror}")) from None
    typer.echo(f"SPARQL endpoint {server.url}/sparql (read-only; {timeout:g} s and {row_limit} rows per query), "
               f"query page {server.url}/ - Ctrl-C stops", err=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
