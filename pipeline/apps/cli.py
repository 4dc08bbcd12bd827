"""The ``newsgraph`` command line: a thin typer layer over the library.

Each command parses its options (numbers and dates are checked as they are
parsed), calls one library function and hands rows to ``output.emit``.
``NewsgraphGroup.invoke`` is the one place where errors become messages: a
``NewsgraphError``, or an ``OSError`` on a path the user gave, is one line on
stderr and exit code 1; a reader that closes the pipe (``| head``) ends the
command quietly with exit code 141. Only ``ingest`` and ``load`` create a
store; the other commands need one that exists. A store is ``--store``;
``--out`` is always a file (or folder) to write.
"""

from __future__ import annotations

import io
import logging
import os
import re
import sys
from dataclasses import replace
from datetime import datetime
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer
from typer.core import TyperArgument, TyperCommand, TyperGroup

from pipeline.apps import timeline as timelines
from pipeline.apps.output import OutputFormat, emit
from pipeline.apps.timeline import TimelineFormat
from pipeline.core.errors import InputError, NewsgraphError
from pipeline.core.json_output import RELATION_KEYS, json_text
from pipeline.core.records import BatchReport
from pipeline.core.wording import plural
from pipeline.extract import dates
from pipeline.graph import query
from pipeline.graph.store import MEMORY, open_store
from pipeline.run import batch, extraction

#: Exit code of an ingest that finished but could not read or process some of its input.
PARTIAL = 3
#: Exit code when the reader of standard output went away (128 + SIGPIPE, as a shell reports it).
CLOSED_PIPE = 141


class NewsgraphGroup(TyperGroup):
    """The ``newsgraph`` group: maps errors to messages and exit codes for every command."""

    def invoke(self, ctx):
        try:
            result = super().invoke(ctx)
            sys.stdout.flush()  # a closed pipe shows here, not at interpreter exit
            return result
        except BrokenPipeError:
            _discard_stdout()
            raise typer.Exit(CLOSED_PIPE) from None
        except NewsgraphError as error:
            raise _fail(str(error)) from None
        except OSError as error:  # a path the user gave: --out /no/such/dir/x.html, an unreadable file
            where = f"{error.filename}: " if error.filename else ""
            raise _fail(f"{where}{error.strerror or error}") from None

    def get_params(self, ctx):
        return [_plain_help(param) for param in super().get_params(ctx)]


class NewsgraphCommand(TyperCommand):
    """A command whose help names arguments and flags as they are typed (``PATHS...``, ``--quiet``),
    not by Python types (``{paths}``, ``<list[str]>``, ``<bool>``)."""

    def get_params(self, ctx):
        return [_plain_help(param) for param in super().get_params(ctx)]

    def parse_args(self, ctx, args):
        names = {name for param in self.params for name in (*param.opts, *param.secondary_opts)}
        options = args[:args.index("--")] if "--" in args else args
        if "--out" not in names and any(arg == "--out" or arg.startswith("--out=") for arg in options):
            raise typer.BadParameter("this command writes no file; a store is given with --store", param_hint="--out")
        return super().parse_args(ctx, args)


class _Argument(TyperArgument):
    """An argument shown as its metavar, by default its name in capitals: ``PATHS...``, ``[QUERY_OR_FILE]``."""

    @property
    def display_name_raw(self) -> str:
        return self.metavar or self.name.upper()

    def display_type_rich(self, ctx) -> None:
        return None

    def _usage_display_name(self) -> str:
        name = self.display_name_raw + ("..." if self.nargs != 1 else "")
        return name if self.required else f"[{name}]"


def _plain_help(param):
    if isinstance(param, TyperArgument) and not isinstance(param, _Argument):
        param.__class__ = _Argument  # typer builds the argument; only how help shows it changes
    elif getattr(param, "is_flag", False) and param.metavar is None:
        param.metavar = ""  # a flag takes no value: no <bool> beside it
    return param


def _fail(message: str) -> typer.Exit:
    typer.echo(f"Error: {message}", err=True)
    return typer.Exit(1)


def _discard_stdout() -> None:
    """Point standard output at /dev/null, so that flushing it at exit raises nothing more."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # not a real file (a test runner's buffer)
        pass


app = typer.Typer(cls=NewsgraphGroup, help="Turn German tech and business news into a queryable RDF knowledge graph.",
                  no_args_is_help=True, add_completion=False)


def command(name: str | None = None):
    """``@app.command``, with help as ``NewsgraphCommand`` shows it."""
    return app.command(name, cls=NewsgraphCommand)


def _set_verbose(verbose: bool) -> bool:
    if verbose:
        logging.getLogger().setLevel(logging.INFO)
    return verbose


def _positive(value: float | None) -> float | None:
    if value is not None and value <= 0:
        raise typer.BadParameter(f"{value:g} is not more than 0")
    return value


DEFAULT_STORE = None  # pipeline.graph.store.store_location: $NEWSGRAPH_STORE, else data/graph
ModelOption = Annotated[
    Optional[str],
    typer.Option("--model", envvar="NEWSGRAPH_MODEL", help="spaCy pipeline name or path: 'newsgraph' (the "
                 "bundled fast model, default), 'accurate' (the transformer model), an installed package or a folder."),
]
STORE_HELP = ("Graph store: a directory (Oxigraph on disk), memory:, or a SPARQL server URL "
              "(default: $NEWSGRAPH_STORE, else data/graph).")
StoreOption = Annotated[Optional[str], typer.Option("--store", metavar="STORE", help=STORE_HELP)]
FormatOption = Annotated[OutputFormat, typer.Option("--format", "-f", help="Output format.")]
ShapesOption = Annotated[Optional[Path], typer.Option("--shapes", exists=True, dir_okay=False,
                                                      help="SHACL shapes (default: ontologies/shapes.ttl).")]
PathsArgument = Annotated[list[str], typer.Argument(help="Files or folders (.txt .md .json .jsonl .jsonl.gz .html "
                                                    ".warc .warc.gz), or - for stdin.")]
OrgArgument = Annotated[str, typer.Argument(help="The organisation's name or one of its aliases (any case).")]
VerboseOption = Annotated[bool, typer.Option("--verbose", "-v", callback=_set_verbose, help="Log every skipped item.")]


@app.callback()
def main(verbose: VerboseOption = False) -> None:
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, format="%(message)s")


@command()
def ingest(
    paths: PathsArgument,
    store: StoreOption = DEFAULT_STORE,
    model: ModelOption = None,
    batch_size: Annotated[int, typer.Option("--batch-size", min=1, help="Articles per nlp.pipe batch.")] = 32,
    published: Annotated[Optional[datetime], typer.Option("--published", formats=["%Y-%m-%d"], metavar="YYYY-MM-DD",
                                                          help="Publication date of articles that carry none, "
                                                          "such as plain-text files.")] = None,
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
    verbose: VerboseOption = False,
) -> None:
    """Read articles, extract entities and relations, and write them to the graph."""
    from pipeline.extract.nlp import build_nlp, describe
    from pipeline.extract.readers import STDIN
    from pipeline.run.progress import open_progress, track_files

    if executor not in ("local", "dask"):
        raise typer.BadParameter(f"{executor!r} is not local or dask", param_hint="--executor")
    if (executor == "dask") != (scheduler is not None):
        raise typer.BadParameter("--executor dask needs --scheduler tcp://HOST:PORT, and only it takes one",
                                 param_hint="--scheduler")
    missing = [path for path in paths if path != STDIN and not os.path.exists(path)]
    if missing:  # before the model loads and the store is made
        raise InputError(f"No such file or folder: {', '.join(missing)}")
    nlp = build_nlp(model)
    graph_store = open_store(store, create=True)
    report = BatchReport(model=describe(nlp))
    articles, files = track_files(paths, report, stdin=sys.stdin)
    if published:
        day = published.date().isoformat()
        articles = (article if article.published else replace(article, published=day) for article in articles)
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
        typer.echo(json_text({"event": "report", **batch.report_dict(report)}), err=True)
    elif not quiet:
        typer.echo(batch.format_report(report), err=True)
        if directory is not None:
            typer.echo(f"graph written to {directory}/ (report.json beside it)", err=True)
        elif graph_store.location == MEMORY:
            typer.echo("graph discarded: a memory: store lasts only while the command runs (--store DIR keeps it)",
                       err=True)
        else:
            typer.echo(f"graph written to {graph_store.location}", err=True)
    if report.failed():
        raise typer.Exit(PARTIAL)


@command()
def extract(
    paths: PathsArgument,
    model: ModelOption = None,
    format: Annotated[OutputFormat, typer.Option("--format", "-f", help="json: one object per article; "
                                                 "the others: one row per mention.")] = OutputFormat.json,
    verbose: VerboseOption = False,
) -> None:
    """Run the stages on articles without touching the store; print what they find."""
    from pipeline.extract.nlp import build_nlp
    from pipeline.extract.readers import read_articles

    nlp = build_nlp(model)
    report = BatchReport()
    extractions = extraction.extract_articles(read_articles(paths, report, stdin=sys.stdin), nlp, report)
    records = [batch.extraction_dict(extraction) for extraction in extractions]
    # Items that never became an article (unreadable, malformed) are listed too.
    records += [{"source": item.source, "skipped": item.reason, "detail": item.detail}
                for item in report.skipped if item.reason != "not-german"]
    if format is OutputFormat.json:
        typer.echo(json_text(records, indent=2))
        return
    rows = [
        [record.get("article", record.get("source")), mention["label"], mention["text"], mention["canonical"]]
        for record in records for mention in record.get("mentions", [])
    ]
    emit(rows, ["article", "label", "text", "canonical"], format)


@command()
def deals(
    buyer: Annotated[Optional[str], typer.Option(help="Only deals with this buyer (name or alias).")] = None,
    vendor: Annotated[Optional[str], typer.Option(help="Only deals with this vendor (name or alias).")] = None,
    store: StoreOption = DEFAULT_STORE,
    format: FormatOption = OutputFormat.table,
) -> None:
    """Vendor -> buyer deals with amounts."""
    rows = query.deals(open_store(store), buyer=buyer, vendor=vendor)
    emit(rows, ["vendor", "buyer", "amount", "upper", "currency", "qualifier", "shared", "percent", "type", "item",
                "article"], format)


@command()
def suppliers(org: OrgArgument, store: StoreOption = DEFAULT_STORE, format: FormatOption = OutputFormat.table) -> None:
    """Who sells to ORG."""
    emit(query.suppliers(open_store(store), org), ["supplier", "deals", "articles"], format)


@command()
def buyers(org: OrgArgument, store: StoreOption = DEFAULT_STORE, format: FormatOption = OutputFormat.table) -> None:
    """Who buys from ORG."""
    emit(query.buyers(open_store(store), org), ["buyer", "deals", "articles"], format)


@command()
def relations(store: StoreOption = DEFAULT_STORE, format: FormatOption = OutputFormat.json) -> None:
    """Every relation in the graph."""
    emit(query.relations(open_store(store)), RELATION_KEYS, format)


@command()
def entities(store: StoreOption = DEFAULT_STORE, format: FormatOption = OutputFormat.table) -> None:
    """Every entity in the graph, with aliases and the articles naming it."""
    rows = query.entities(open_store(store))
    emit(rows, ["name", "type", "iri", "aliases", "articles"], format)


#: ``timeline --format``: the formats of every listing command, then the timeline's own.
TimelineOutput = Enum("TimelineOutput", {fmt.name: fmt.value for fmt in [*OutputFormat, *TimelineFormat]}, type=str)


@command()
def timeline(
    entity: Annotated[str, typer.Argument(help="Entity name or alias (any case).")],
    since: Annotated[Optional[str], typer.Option("--from", help="Only events from this date or period on "
                                                 "(2025, 2025-03, 2025-Q3, 2025-03-12).")] = None,
    until: Annotated[Optional[str], typer.Option("--to", help="Only events up to the end of this date or period.")] = None,
    types: Annotated[Optional[str], typer.Option("--type", help="Only these event types, comma-separated "
                                                 "(PURCHASE,INVESTMENT,...).")] = None,
    format: Annotated[TimelineOutput, typer.Option("--format", "-f", help="Output format: md is a Markdown table, html "
                                                   "one self-contained page, timelinejs the JSON of TimelineJS 3.")]
    = TimelineOutput.table,
    out: Annotated[Optional[Path], typer.Option("--out", "-o", dir_okay=False,
                                                help="Write to this file instead of standard output.")] = None,
    store: StoreOption = DEFAULT_STORE,
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
                                          until=dates.period_end(last.date, last.precision) if last else None,
                                          types=wanted)
    except ValueError as error:
        raise typer.BadParameter(str(error), param_hint="--type") from None
    if format.value in {fmt.value for fmt in TimelineFormat}:
        text = timelines.render_timeline(found, format.value)
    else:  # tsv, nl: the CSV's columns
        buffer = io.StringIO()
        emit(timelines.timeline_rows(found), timelines.CSV_HEADERS, format.value, file=buffer)
        text = buffer.getvalue()
    if out is not None:
        out.write_text(text, encoding="utf-8")
    elif found.events or format.value != TimelineFormat.table.value:  # an empty table would repeat the message
        typer.echo(text, nl=False)
    typer.echo(found.message + (f" Written to {out}." if out else ""), err=True)


@command()
def entity(org: OrgArgument, store: StoreOption = DEFAULT_STORE, format: FormatOption = OutputFormat.table) -> None:
    """Profile of an entity: aliases, type, articles, counterparties with summed amounts, first and last mention.

    The table shows the profile, then its counterparties; csv, tsv and nl give both as one table.
    """
    profile = timelines.entity_profile(open_store(store), org)
    if format is OutputFormat.json:
        typer.echo(json_text(timelines.profile_dict(profile), indent=2))
        return
    summary = timelines.profile_summary_rows(profile)
    counterparties = timelines.counterparty_rows(profile)
    if format is OutputFormat.table:
        emit(summary, ["field", "value"], format)
        emit(counterparties, ["counterparty", "events", "types", "amounts"], format)
        return
    rows = [{"field": field, "value": value} for field, value in summary] + [
        {"field": "counterparty", "value": row["counterparty"], **row} for row in counterparties
    ]
    emit(rows, ["field", "value", "events", "types", "amounts"], format)


# A query, not a file name: it opens (after comments) with a keyword of a query or an update.
_QUERY_START = re.compile(r"(?:\s|#[^\n]*)*(?:PREFIX|BASE|SELECT|ASK|CONSTRUCT|DESCRIBE|INSERT|DELETE|LOAD|CLEAR"
                          r"|CREATE|DROP|COPY|MOVE|ADD|WITH)\b", re.IGNORECASE)


def read_query(query_or_file: str) -> str:
    """The SPARQL that ``newsgraph sparql``'s argument means: an existing file's text, else the argument
    when it reads as a query. Raises ``InputError`` for a name that is neither."""
    try:
        is_file = Path(query_or_file).is_file()
    except (OSError, ValueError):  # a long query is no file name
        is_file = False
    if is_file:
        return Path(query_or_file).read_text(encoding="utf-8")
    if _QUERY_START.match(query_or_file) or "{" in query_or_file:
        return query_or_file
    raise InputError(f"No query file {query_or_file}, and it is not a SPARQL query (a query starts with "
                     "SELECT, ASK, CONSTRUCT, DESCRIBE, PREFIX or BASE)")


@command()
def sparql(
    query_or_file: Annotated[Optional[str], typer.Argument(help="A SPARQL query, or a file holding one.")] = None,
    saved: Annotated[Optional[str], typer.Option("--saved", metavar="NAME",
                                                 help="Run a saved query (see --list).")] = None,
    param: Annotated[Optional[list[str]], typer.Option("--param", metavar="NAME=VALUE",
                                                       help="A saved query's parameter; repeat for each.")] = None,
    list_saved: Annotated[bool, typer.Option("--list", help="List the saved queries and their parameters.")] = False,
    store: StoreOption = DEFAULT_STORE,
    format: FormatOption = OutputFormat.table,
) -> None:
    """Run a SPARQL query over the graph, or a saved one with its parameters bound."""
    from pipeline.graph.saved_queries import load_saved_query, parse_parameters, saved_query_rows

    if list_saved:
        emit(saved_query_rows(), ["name", "parameters", "title"], format)
        return
    if (query_or_file is None) == (saved is None):
        raise typer.BadParameter("give a QUERY_OR_FILE, --saved NAME or --list")
    if saved is not None:
        text = load_saved_query(saved).bind(parse_parameters(param or []))
    else:
        text = read_query(query_or_file)
    headers, rows = query.sparql(open_store(store), text)
    emit(rows, headers, format)


@command()
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


@command("eval")
def evaluate(
    gold: Annotated[Optional[Path], typer.Argument(help="Folder of *.expected.json beside their articles.")] = None,
    smartdata: Annotated[Optional[Path], typer.Option(help="A SmartData JSONL file to score on.")] = None,
    model: ModelOption = None,
    format: FormatOption = OutputFormat.table,
    show_errors: Annotated[bool, typer.Option("--errors", help="List false positives and negatives.")] = False,
    verbose: VerboseOption = False,
) -> None:
    """Precision, recall and F1 against gold files and/or SmartData."""
    from pipeline.extract.nlp import build_nlp
    from pipeline.extract.readers import read_articles
    from pipeline.model import evaluate as scoring

    if gold is None and smartdata is None:
        raise typer.BadParameter("give a GOLD folder, --smartdata FILE, or both")
    nlp = build_nlp(model)

    def extract(articles):
        return extraction.extract_articles(articles, nlp, BatchReport())

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


@command("train-model")
def train_model(
    data: Annotated[Path, typer.Option("--data", help="GermEval 2014 folder (train and dev files).")],
    out: Annotated[Path, typer.Option("--out", help="Output folder; the pipeline lands in OUT/model-best "
                                      "(with --accurate: in OUT itself).")],
    max_minutes: Annotated[Optional[float], typer.Option("--max-minutes", callback=_positive,
                                                         help="Stop after N minutes, keeping the best checkpoint "
                                                         "(--accurate: default 90).")] = None,
    max_steps: Annotated[Optional[int], typer.Option("--max-steps", min=1,
                                                     help="Stop after N steps (default: from config.cfg).")] = None,
    seed: Annotated[int, typer.Option("--seed", min=0, help="Random seed; same seed and steps, same model.")] = 0,
    smartdata: Annotated[Optional[Path], typer.Option("--smartdata", help="SmartData train JSONL, trained on beside GermEval.")] = None,
    articles: Annotated[Optional[Path], typer.Option("--articles", help="A folder of gold articles (data/README.md), "
                                                     "trained on beside GermEval.")] = None,
    silver: Annotated[Optional[Path], typer.Option("--silver", help="A DocBin of sentences the accurate model "
                                                   "labelled (scripts/build_silver.py), trained on beside "
                                                   "GermEval.")] = None,
    vectors: Annotated[Optional[Path], typer.Option("--vectors", help="Pipeline with static word vectors "
                                                    "(scripts/build_vectors.py).")] = None,
    vectors_width: Annotated[int, typer.Option("--vectors-width", min=1,
                                               help="Embedding columns the vectors get.")] = 32,
    accurate: Annotated[bool, typer.Option("--accurate", help="Fine-tune the accurate transformer model instead "
                                           "(needs the accurate-training extra).")] = False,
    smartdata_dev: Annotated[Optional[Path], typer.Option("--smartdata-dev", help="With --accurate: SmartData dev "
                                                          "JSONL, chosen on beside GermEval dev.")] = None,
) -> None:
    """Train newsgraph's German NER model on GermEval 2014, optionally with SmartData and static vectors (CPU)."""
    for path in (data, smartdata, smartdata_dev, vectors, articles, silver):
        if path is not None and not path.exists():
            raise typer.BadParameter(f"{path} does not exist")
    if accurate:
        from pipeline.model.transformer.training import train_accurate_model
        from pipeline.model.transformer.weights import WeightsMissing

        if vectors is not None or silver is not None:
            raise typer.BadParameter("--vectors and --silver belong to the fast model; leave them out with --accurate")
        try:
            best = train_accurate_model(data, out, smartdata=smartdata, smartdata_dev=smartdata_dev,
                                        max_minutes=max_minutes or 90.0, max_steps=max_steps, seed=seed)
        except ImportError as error:
            raise WeightsMissing(f"{error.name or error} is not installed: "
                                 "pip install 'newsgraph[accurate-training]'") from None
        typer.echo(f"accurate pipeline: {best}")
        return
    from pipeline.model.training import train_model as train

    best = train(data, out, max_minutes=max_minutes, seed=seed, max_steps=max_steps, smartdata=smartdata,
                 articles=articles, silver=silver, vectors=vectors, vectors_width=vectors_width)
    typer.echo(f"best pipeline: {best}")


@command("eval-model")
def eval_model(
    data: Annotated[Optional[Path], typer.Option("--data", help="GermEval 2014 folder; scores its test split.")] = None,
    smartdata: Annotated[Optional[Path], typer.Option("--smartdata", help="SmartData JSONL; ORG/PER/LOC at exact offsets.")] = None,
    model: ModelOption = None,
    record: Annotated[bool, typer.Option("--record", help="Write the scores into the model's meta.json.")] = False,
    pipeline: Annotated[bool, typer.Option("--pipeline", help="Score the whole default pipeline (model, "
                                           "gazetteer, compounds, money) instead of the model alone.")] = False,
) -> None:
    """P/R/F1 of the statistical model (or with --pipeline the whole pipeline) on GermEval test and SmartData."""
    from pipeline.extract.nlp import build_nlp, load_base, model_directory
    from pipeline.model import training

    if data is None and smartdata is None:
        raise typer.BadParameter("give --data DIR, --smartdata FILE, or both")
    if record and pipeline:
        raise typer.BadParameter("--record stores the model's own scores; leave out --pipeline")
    nlp = build_nlp(model, relations=False) if pipeline else load_base(model)
    test_file = data / training.GERMEVAL_FILES["test"] if data is not None else None
    scores = training.evaluate_model(nlp, test_file, smartdata)
    typer.echo(training.format_scores(scores))
    if record:
        directory = model_directory(model)
        if directory is None:
            raise typer.BadParameter(f"--record writes into the model's folder; {model!r} is not one")
        training.record_scores(directory, scores)


@command()
def remove(
    article_ids: Annotated[list[str], typer.Argument(help="Ids of the articles to remove.")],
    store: StoreOption = DEFAULT_STORE,
) -> None:
    """Remove articles: their named graphs and what only they said (shared entities stay)."""
    graph_store = open_store(store)
    removed = [article_id for article_id in article_ids if graph_store.remove_article(article_id)]
    missing = sorted(set(article_ids) - set(removed))
    typer.echo(f"removed {plural(len(removed), 'article')}" + (f"; not in the store: {', '.join(missing)}" if missing else ""),
               err=True)
    if missing:
        raise typer.Exit(1)


@command()
def export(
    format: Annotated[str, typer.Option("--format", "-f", help="trig, nquads, turtle, jsonld, graphml or gexf.")],
    output: Annotated[Optional[Path], typer.Option("--out", "--output", "-o", dir_okay=False,
                                                   help="File to write (default: standard output).")] = None,
    store: StoreOption = DEFAULT_STORE,
) -> None:
    """Write the graph as RDF (article graphs or merged view) or as GraphML/GEXF for Gephi."""
    from pipeline.graph.export import FORMATS, export_graph

    if format not in FORMATS:
        raise typer.BadParameter(f"expected one of {', '.join(FORMATS)}", param_hint="--format")
    graph_store = open_store(store)
    if output is None:
        export_graph(graph_store, sys.stdout.buffer, format=format)
    else:
        with output.open("wb") as file:
            export_graph(graph_store, file, format=format)


@command()
def load(
    file: Annotated[Path, typer.Argument(exists=True, dir_okay=False,
                                         help="An N-Quads (.nq) or TriG (.trig) file, e.g. from `export`.")],
    store: StoreOption = DEFAULT_STORE,
) -> None:
    """Bulk-load article graphs from a file (a shard, or a store moving to a server)."""
    count = open_store(store, create=True).load(file)
    typer.echo(f"loaded {plural(count, 'quad')} from {file}", err=True)


@command()
def validate(
    shapes: ShapesOption = None,
    store: StoreOption = DEFAULT_STORE,
    format: FormatOption = OutputFormat.table,
) -> None:
    """Check the graph against the SHACL shapes; exit code 1 when it does not conform."""
    from pipeline.graph.validate import validate_store

    report = validate_store(open_store(store), shapes)
    if report.violations:
        emit(report.rows(), ["focus", "path", "value", "message", "severity"], format)
    if report.conforms:
        typer.echo("conforms", err=True)
        return
    typer.echo(f"does not conform: {plural(len(report.violations), 'result')}", err=True)
    raise typer.Exit(1)


@command()
def check(
    shapes: ShapesOption = None,
    store: StoreOption = DEFAULT_STORE,
    format: FormatOption = OutputFormat.table,
) -> None:
    """Verify a store without changing it: relations and their articles, amounts, the merged view, SHACL.

    Exit code 1 when there are problems.
    """
    from pipeline.graph.store import open_read_only, store_location
    from pipeline.graph.validate import MAX_LISTED, check_store

    report = check_store(open_read_only(store_location(store)), shapes)
    if report.problems:
        emit(report.rows(), ["check", "subject", "detail"], format)
    if report.awaiting_merge:
        typer.echo(f"{plural(report.awaiting_merge, 'article')} stored by an interrupted run "
                   f"{'is' if report.awaiting_merge == 1 else 'are'} not in the merged view yet; "
                   "the next newsgraph command on the store (any but check) merges them", err=True)
    if report.ok:
        typer.echo(f"checked {plural(report.articles, 'article')}: no problems", err=True)
        return
    found = ", ".join(f"{check} {count}" for check, count in report.counts.items() if count)
    more = any(count > MAX_LISTED for count in report.counts.values())
    typer.echo(f"checked {plural(report.articles, 'article')}: problems found: {found}"
               + (f" (at most {MAX_LISTED} listed per check)" if more else ""), err=True)
    raise typer.Exit(1)


@command()
def serve(
    host: Annotated[str, typer.Option("--host", help="Address to listen on (0.0.0.0 for every interface).")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=0, max=65535, help="Port to listen on (0: a free one).")] = 7878,
    timeout: Annotated[float, typer.Option("--timeout", callback=_positive,
                                           help="Seconds a query may run (more than 0).")] = 10.0,
    row_limit: Annotated[int, typer.Option("--row-limit", min=1,
                                           help="Rows (or triples) a response holds at most.")] = 10_000,
    workers: Annotated[int | None, typer.Option(
        "--workers", min=1, show_default=False,
        help="Queries evaluated at once, each in a worker process (default: one per core, at least two).")] = None,
    store: StoreOption = DEFAULT_STORE,
) -> None:
    """Serve the graph read-only over the SPARQL 1.1 Protocol, with a query page at /."""
    from pipeline.apps.server import Limits, make_server

    graph_store = open_store(store)
    try:
        server = make_server(graph_store, host=host, port=port, limits=Limits(timeout=timeout, row_limit=row_limit),
                             query_workers=workers)
    except OSError as error:
        raise NewsgraphError(f"Cannot listen on {host}:{port}: {error.strerror}") from None
    typer.echo(f"SPARQL endpoint {server.url}/sparql (read-only; {timeout:g} s and {row_limit} rows per query), "
               f"query page {server.url}/ - Ctrl-C stops", err=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
