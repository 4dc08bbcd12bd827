"""The ``newsgraph`` command line: a thin typer layer over the library.

Each command parses its options, calls one library function and hands rows to
``output.emit``; a ``NewsgraphError`` becomes a one-line message and exit code 1.
"""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from pipeline import batch, query
from pipeline.errors import NewsgraphError
from pipeline.output import OutputFormat, emit
from pipeline.records import BatchReport

app = typer.Typer(help="Turn German tech and business news into a queryable RDF knowledge graph.",
                  no_args_is_help=True, add_completion=False)

DEFAULT_STORE = Path("data/graph")
ModelOption = Annotated[
    Optional[str],
    typer.Option("--model", help="spaCy pipeline name or path (default: the bundled newsgraph model)."),
]
StoreOption = Annotated[Path, typer.Option("--store", "--out", help="Graph directory (TriG + Turtle).")]
FormatOption = Annotated[OutputFormat, typer.Option("--format", "-f", help="Output format.")]
PathsArgument = Annotated[list[str], typer.Argument(help="Files or folders (.txt .md .json .jsonl), or - for stdin.")]


def fail(error: NewsgraphError) -> typer.Exit:
    typer.echo(f"Error: {error}", err=True)
    return typer.Exit(1)


def open_store(path: Path):
    from pipeline.store import GraphStore

    try:
        return GraphStore(path)
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
) -> None:
    """Read articles, extract entities and relations, and write them to the graph."""
    from pipeline.ingest import read_articles
    from pipeline.nlp import describe

    nlp = load_nlp(model)
    graph_store = open_store(store)
    report = BatchReport(model=describe(nlp))
    articles = read_articles(paths, report, stdin=sys.stdin)
    batch.ingest(articles, nlp, graph_store, report, batch_size=batch_size)
    batch.write_report(report, store / "report.json")
    typer.echo(batch.format_report(report), err=True)
    typer.echo(f"graph written to {store}/ (report.json beside it)", err=True)


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
    rows = query.deals(open_store(store).merged(), buyer=buyer, vendor=vendor)
    emit(rows, ["vendor", "buyer", "amount", "currency", "qualifier", "percent", "type", "item", "article"], format)


@app.command()
def suppliers(org: str, store: StoreOption = DEFAULT_STORE, format: FormatOption = OutputFormat.table) -> None:
    """Who sells to ORG."""
    emit(query.suppliers(open_store(store).merged(), org), ["supplier", "deals", "articles"], format)


@app.command()
def buyers(org: str, store: StoreOption = DEFAULT_STORE, format: FormatOption = OutputFormat.table) -> None:
    """Who buys from ORG."""
    emit(query.buyers(open_store(store).merged(), org), ["buyer", "deals", "articles"], format)


@app.command()
def relations(store: StoreOption = DEFAULT_STORE, format: FormatOption = OutputFormat.json) -> None:
    """Every relation in the graph."""
    rows = query.relations(open_store(store).merged())
    emit(rows, ["type", "article", "url", "roles", "amount", "percent", "evidence", "start", "end", "confidence"], format)


@app.command()
def entities(store: StoreOption = DEFAULT_STORE, format: FormatOption = OutputFormat.table) -> None:
    """Every entity in the graph, with aliases and the articles naming it."""
    rows = query.entities(open_store(store).merged())
    emit(rows, ["name", "type", "iri", "aliases", "articles"], format)


@app.command()
def sparql(
    query_or_file: Annotated[str, typer.Argument(help="A SPARQL query, or a file holding one.")],
    store: StoreOption = DEFAULT_STORE,
    format: FormatOption = OutputFormat.table,
) -> None:
    """Run a SPARQL query over the graph."""
    text = query_or_file
    if "{" not in query_or_file:  # a query has a group pattern; anything else names a file
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
    counts = query.stats(open_store(store).merged())
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
    out: Annotated[Path, typer.Option("--out", help="Output folder; the pipeline lands in OUT/model-best.")],
    max_minutes: Annotated[Optional[float], typer.Option("--max-minutes", help="Stop after N minutes, keeping the best checkpoint.")] = None,
    max_steps: Annotated[Optional[int], typer.Option("--max-steps", help="Stop after N steps (default: from config.cfg).")] = None,
    seed: Annotated[int, typer.Option("--seed", help="Random seed; same seed and steps, same model.")] = 0,
) -> None:
    """Train newsgraph's German NER model on GermEval 2014 (spaCy train, CPU)."""
    from pipeline.training import train_model as train

    best = train(data, out, max_minutes=max_minutes, seed=seed, max_steps=max_steps)
    typer.echo(f"best pipeline: {best}")


@app.command("eval-model")
def eval_model(
    data: Annotated[Optional[Path], typer.Option("--data", help="GermEval 2014 folder; scores its test split.")] = None,
    smartdata: Annotated[Optional[Path], typer.Option("--smartdata", help="SmartData JSONL; ORG/PER/LOC at exact offsets.")] = None,
    model: ModelOption = None,
    record: Annotated[bool, typer.Option("--record", help="Write the scores into the model's meta.json.")] = False,
) -> None:
    """P/R/F1 of the statistical model alone (no gazetteer) on GermEval test and SmartData."""
    from pipeline import training
    from pipeline.nlp import BUNDLED_MODEL, load_base

    if data is None and smartdata is None:
        raise typer.BadParameter("give --data DIR, --smartdata FILE, or both")
    try:
        nlp = load_base(model)
    except NewsgraphError as error:
        raise fail(error) from None
    test_file = data / training.GERMEVAL_FILES["test"] if data is not None else None
    scores = training.evaluate_model(nlp, test_file, smartdata)
    typer.echo(training.format_scores(scores))
    if record:
        training.record_scores(Path(model) if model and model != "newsgraph" else BUNDLED_MODEL, scores)
