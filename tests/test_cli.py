"""The newsgraph command end to end: effects checked through the library."""

import csv
import io
import json
import socket
import subprocess
import sys
from pathlib import Path

import pytest
import typer
from rdflib import RDF, Graph
from typer.testing import CliRunner

from pipeline.apps.cli import CLOSED_PIPE, PARTIAL, app
from pipeline.apps.timeline import CSV_HEADERS
from pipeline.core.iris import BASE, NG, graph_iri
from pipeline.graph.saved_queries import saved_queries
from pipeline.graph.store import GraphStore
from pipeline.graph.triples import RELATION_CLASSES

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "data" / "raw"
ARTICLE = ("Siemens kauft Chips von Infineon\n\nSiemens kauft für 2 Milliarden Euro Chips von Infineon. "
           "Der Konzern will damit seine Fabriken in Bayern ausstatten. Infineon-Chef Jochen Hanebeck "
           "sprach von einem großen Auftrag.\n")


@pytest.fixture
def graph(runner, tmp_path):
    """A store filled by `newsgraph ingest` from one article written here."""
    source = tmp_path / "in"
    source.mkdir()
    (source / "siemens.txt").write_text(ARTICLE, encoding="utf-8")
    result = runner.invoke(app, ["ingest", str(source), "--store", str(tmp_path / "graph")])
    assert result.exit_code == 0, result.output
    return tmp_path / "graph"


def test_ingest_writes_graph_files_and_report(graph):
    assert "report.json" in {p.name for p in graph.iterdir()}  # beside the Oxigraph store files
    report = json.loads((graph / "report.json").read_text())
    assert report["articles_read"] == 1 and report["articles_processed"] == 1 and report["relations"] >= 2
    assert len(GraphStore(graph).articles()) == 1


def test_deals_lists_vendor_buyer_amount(runner, graph):
    result = runner.invoke(app, ["deals", "--store", str(graph), "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert {"vendor": "Infineon", "buyer": "Siemens", "amount": 2_000_000_000, "currency": "EUR"}.items() \
        <= rows[0].items()
    assert runner.invoke(app, ["deals", "--store", str(graph), "--buyer", "siemens"]).stdout.count("Infineon") == 1
    assert "Infineon" in runner.invoke(app, ["suppliers", "Siemens", "--store", str(graph)]).stdout
    assert "Siemens" in runner.invoke(app, ["buyers", "Infineon", "--store", str(graph)]).stdout


def test_relations_json_has_the_documented_shape(runner, graph):
    result = runner.invoke(app, ["relations", "--store", str(graph), "--format", "json"])
    relations = json.loads(result.stdout)
    purchase = next(r for r in relations if r["type"] == "PURCHASE")
    assert set(purchase) == {"type", "article", "url", "roles", "amount", "amount_start", "percent", "evidence",
                             "start", "end", "confidence", "event_date", "date_precision", "date_text", "reported"}
    assert purchase["roles"] == {"buyer": "Siemens", "vendor": "Infineon", "item": "Chips"}
    assert purchase["amount"] == {"value": 2000000000, "currency": "EUR", "qualifier": None}
    leadership = next(r for r in relations if r["type"] == "LEADERSHIP")
    assert leadership["roles"]["org"] == "Infineon" and leadership["roles"]["role"] == "Chef"


def test_entities_sparql_and_stats(runner, graph):
    entities = json.loads(runner.invoke(app, ["entities", "--store", str(graph), "--format", "json"]).stdout)
    assert {"name": "Bayern", "type": "LOC"}.items() <= next(e for e in entities if e["name"] == "Bayern").items()
    query = "SELECT ?name WHERE { ?org a schema:Organization ; rdfs:label ?name } ORDER BY ?name"
    result = runner.invoke(app, ["sparql", query, "--store", str(graph), "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == ["name", "Infineon", "Siemens"]
    assert "articles" in runner.invoke(app, ["stats", "--store", str(graph)]).stdout


def test_bad_sparql_is_a_clear_error(runner, graph):
    result = runner.invoke(app, ["sparql", "SELEKT nothing", "--store", str(graph)])
    assert result.exit_code == 1
    assert result.stderr.startswith("Error:")


def test_extract_prints_one_object_per_article_in_input_order(runner, tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b.txt").write_text("Siemens buys chips from Infineon for two billion euros, the company said.",
                                    encoding="utf-8")
    result = runner.invoke(app, ["extract", str(tmp_path / "b.txt"), str(tmp_path / "a.txt")])
    assert result.exit_code == 0, result.output
    first, second = json.loads(result.stdout)
    assert first["language"] == "en" and first["skipped"].startswith("not German")
    assert second["skipped"] is None
    assert {"start": 0, "end": 7, "text": "Siemens", "label": "ORG", "canonical": "Siemens"} in second["mentions"]


def test_bad_inputs_are_reported_and_the_batch_goes_on(runner, tmp_path):
    source = tmp_path / "in"
    source.mkdir()
    (source / "empty.txt").write_text("", encoding="utf-8")
    (source / "binary.txt").write_bytes(b"\x00\x01\x02PNG\x00" * 20)
    (source / "latin1.txt").write_bytes(ARTICLE.replace("Siemens", "Bosch").encode("latin-1"))
    (source / "english.txt").write_text("Apple buys modems from Qualcomm for five billion dollars this year.",
                                        encoding="utf-8")
    good = json.dumps({"text": ARTICLE, "url": "https://example.org/a"}, ensure_ascii=False)
    (source / "feed.jsonl").write_text(good + "\n{broken json\n", encoding="utf-8")
    result = runner.invoke(app, ["ingest", str(source), "--store", str(tmp_path / "graph")])
    assert result.exit_code == PARTIAL, result.output
    report = json.loads((tmp_path / "graph" / "report.json").read_text())
    assert report["skipped_by_reason"] == {"empty": 1, "binary": 1, "not-german": 1, "malformed-json": 1}
    assert report["articles_processed"] == 2  # the Latin-1 file and the good JSONL line
    assert [w["reason"] for w in report["warnings"]] == ["decoded-as-cp1252"]
    for name in ["empty.txt", "binary.txt", "english.txt", "feed.jsonl:2", "latin1.txt"]:
        assert name in result.stderr
    assert "Bosch" in {e.name for e in _entities(tmp_path / "graph")}


def test_other_languages_and_copies_are_left_out_without_a_partial_exit(runner, tmp_path):
    source = tmp_path / "in"
    source.mkdir()
    (source / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (source / "b.txt").write_text("Eilmeldung\n" + ARTICLE, encoding="utf-8")
    (source / "english.txt").write_text("Apple buys modems from Qualcomm for five billion dollars this year.",
                                        encoding="utf-8")
    result = runner.invoke(app, ["ingest", str(source), "--store", str(tmp_path / "graph")])
    assert result.exit_code == 0, result.output
    report = json.loads((tmp_path / "graph" / "report.json").read_text())
    assert report["skipped_by_reason"] == {"near-duplicate": 1, "not-german": 1}


def _entities(graph):
    from pipeline.graph.query import entities

    return [type("E", (), row) for row in entities(GraphStore(graph))]


def test_unknown_model_is_a_clear_error(runner, tmp_path):
    result = runner.invoke(app, ["extract", str(tmp_path), "--model", "de_core_news_missing"])
    assert result.exit_code == 1
    assert "de_core_news_missing" in result.stderr and "de_core_news_lg" in result.stderr


def test_eval_on_the_bundled_samples_reports_relation_scores(runner):
    if not any(RAW.glob("*.expected.json")):
        pytest.skip("no gold files in data/raw")
    result = runner.invoke(app, ["eval", str(RAW), "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    relation = next(r for r in rows if r["category"] == "relation" and r["type"] == "ALL")
    amount = next(r for r in rows if r["category"] == "amount" and r["type"] == "ALL")
    assert relation["f1"] >= 0.9 and amount["f1"] >= 0.95


def test_sparql_reads_a_query_file_and_names_a_missing_one(runner, graph, tmp_path):
    query = tmp_path / "orgs.rq"
    query.write_text("SELECT (COUNT(?o) AS ?n) WHERE { ?o a schema:Organization }", encoding="utf-8")
    result = runner.invoke(app, ["sparql", str(query), "--store", str(graph), "--format", "csv"])
    assert result.stdout.splitlines() == ["n", "2"]
    missing = runner.invoke(app, ["sparql", str(tmp_path / "nope.rq"), "--store", str(graph)])
    assert missing.exit_code == 1 and "nope.rq" in missing.stderr


def test_an_unknown_name_is_a_clear_error_with_suggestions(runner, graph):
    result = runner.invoke(app, ["suppliers", "Siemenz", "--store", str(graph)])
    assert result.exit_code == 1
    assert "Siemenz" in result.stderr and "Siemens" in result.stderr


# --- one way through: errors, stores, options and output (issue 17) ------------------------------------------

CONSOLE_SCRIPT = Path(sys.executable).with_name("newsgraph")


@pytest.fixture(scope="module")
def shared_graph(tmp_path_factory):
    """One ingested article for the tests that only read (module-scoped: ingest loads the model)."""
    folder = tmp_path_factory.mktemp("cli")
    (folder / "siemens.txt").write_text(ARTICLE, encoding="utf-8")
    result = CliRunner().invoke(app, ["ingest", str(folder / "siemens.txt"), "--store", str(folder / "graph")])
    assert result.exit_code == 0, result.output
    return folder / "graph"


@pytest.fixture(scope="module")
def big_graph(tmp_path_factory):
    """A store with 3,000 relations (about 1 MB of `relations` JSON), loaded without the model."""
    folder = tmp_path_factory.mktemp("big")
    purchase = RELATION_CLASSES["PURCHASE"]
    lines = [f'<{BASE}test/event/{number}> <{RDF.type}> <{purchase}> <{graph_iri(f"a{number}")}> .\n'
             f'<{BASE}test/event/{number}> <{NG.evidence}> "Siemens kauft Chips von Infineon, Satz {number}." '
             f'<{graph_iri(f"a{number}")}> .\n' for number in range(3000)]
    (folder / "big.nq").write_text("".join(lines), encoding="utf-8")
    store = GraphStore(folder / "graph")
    store.load(folder / "big.nq")
    store.close()
    return folder / "graph"


def one_line_error(result) -> str:
    """The message of a command that failed with a newsgraph error: one line on stderr, exit code 1."""
    assert result.exit_code == 1, (result.exception, result.output)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr
    return lines[0]


def unreachable_server() -> str:
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{probe.getsockname()[1]}/sparql"


@pytest.mark.parametrize("command", [["relations"], ["entities"], ["stats"], ["validate"], ["deals"],
                                     ["timeline", "Siemens"], ["sparql", "ASK { ?s ?p ?o }"]])
def test_a_store_error_is_one_line_in_every_command(runner, command):
    result = runner.invoke(app, [*command, "--store", unreachable_server()])
    assert "Cannot reach SPARQL server" in one_line_error(result)


def test_an_os_error_on_a_path_the_user_gave_is_one_line(runner, shared_graph, tmp_path):
    result = runner.invoke(app, ["timeline", "Siemens", "--out", str(tmp_path / "no" / "such" / "x.html"),
                                 "--store", str(shared_graph)])
    assert "No such file or directory" in one_line_error(result)


def test_out_is_a_file_to_write_and_a_store_is_only_store(runner, shared_graph, tmp_path):
    result = runner.invoke(app, ["export", "--format", "turtle", "--out", str(tmp_path / "graph.ttl"),
                                 "--store", str(shared_graph)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "graph.ttl").is_file()
    exported = Graph().parse(tmp_path / "graph.ttl", format="turtle")
    assert set(exported) == set(GraphStore(shared_graph).merged()) and len(exported) > 10
    # A command that writes no file refuses --out rather than taking it for a store.
    refused = runner.invoke(app, ["deals", "--out", str(tmp_path / "typo")])
    assert refused.exit_code == 2 and "--store" in refused.output
    assert not (tmp_path / "typo").exists()


READ_COMMANDS = [["deals"], ["relations"], ["entities"], ["stats"], ["validate"], ["check"], ["timeline", "Nvidia"],
                 ["entity", "Nvidia"], ["suppliers", "Nvidia"], ["buyers", "Nvidia"], ["sparql", "ASK { ?s ?p ?o }"],
                 ["export", "--format", "trig"], ["remove", "a1"]]


@pytest.mark.parametrize("command", READ_COMMANDS, ids=lambda command: command[0])
def test_a_read_command_on_a_missing_store_says_so_and_creates_nothing(runner, tmp_path, command):
    missing = tmp_path / "typo"
    message = one_line_error(runner.invoke(app, [*command, "--store", str(missing)]))
    assert f"No graph store at {missing}" in message and "newsgraph ingest" in message
    assert not missing.exists()


@pytest.mark.parametrize("option", [["--batch-size", "0"], ["--batch-size", "-5"]])
def test_ingest_numbers_are_checked_as_they_are_parsed(runner, tmp_path, option):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    result = runner.invoke(app, ["ingest", str(tmp_path / "a.txt"), "--store", str(tmp_path / "graph"), *option])
    assert result.exit_code == 2, (result.exception, result.output)
    assert "--batch-size" in result.output
    assert not (tmp_path / "graph").exists()


@pytest.mark.parametrize("option", [["--port", "99999"], ["--port", "-1"], ["--timeout", "-1"], ["--timeout", "0"],
                                    ["--row-limit", "0"]])
def test_serve_numbers_are_checked_as_they_are_parsed(runner, option):
    # The host cannot be listened on: were the number let through, serve would fail there (or serve forever).
    result = runner.invoke(app, ["serve", "--host", "256.256.256.256", "--store", "memory:", *option])
    assert result.exit_code == 2, (result.exception, result.output)
    assert option[0] in result.output


def test_sparql_tells_a_query_from_a_file_name(runner, shared_graph, tmp_path):
    describe = runner.invoke(app, ["sparql", "DESCRIBE ?org WHERE { ?org rdfs:label \"Siemens\" }",
                                   "--store", str(shared_graph), "--format", "json"])
    assert describe.exit_code == 0, describe.output
    assert {"subject", "predicate", "object"} <= set(json.loads(describe.stdout)[0])
    prologue = runner.invoke(app, ["sparql", "# orgs\nPREFIX s: <https://schema.org/>\nASK { ?o a s:Organization }",
                                   "--store", str(shared_graph), "--format", "csv"])
    assert prologue.stdout.splitlines() == ["ask", "true"]
    named = tmp_path / "SELECT orgs.rq"  # an existing file is read, whatever its name
    named.write_text("SELECT (COUNT(?o) AS ?n) WHERE { ?o a schema:Organization }", encoding="utf-8")
    assert runner.invoke(app, ["sparql", str(named), "--store", str(shared_graph), "-f", "csv"]).stdout == "n\n2\n"
    assert "typo.rq" in one_line_error(runner.invoke(app, ["sparql", "typo.rq", "--store", str(shared_graph)]))


@pytest.mark.parametrize("query, says", [
    ("SELECT * WHERE { ?s foo:bar ?o }", "unknown prefix foo:"),
    ("SELECT * WHERE {\n  ?s ?p ?o .\n  ?s ex:y ?z }", "unknown prefix ex:"),
    ("SELEKT ?s WHERE { ?s ?p ?o }", "a query starts with SELECT"),
    ("SELECT ?s WHERE { ?s ?p ?o } ORDER", "line 1, column"),
    ("INSERT DATA { <urn:a> <urn:b> <urn:c> }", "updates are not allowed"),
    ("PREFIX ex: <urn:ex:>\nDELETE WHERE { ?s ?p ?o }", "updates are not allowed"),
    ("DROP ALL", "updates are not allowed"),
])
def test_a_sparql_error_says_what_is_wrong_in_one_line(runner, shared_graph, query, says):
    before = len(GraphStore(shared_graph))
    message = one_line_error(runner.invoke(app, ["sparql", query, "--store", str(shared_graph)]))
    assert says in message and "\\u{" not in message
    assert len(GraphStore(shared_graph)) == before


def test_ingest_checks_its_arguments_before_the_model_and_the_store(runner, tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    store = tmp_path / "graph"
    missing = runner.invoke(app, ["ingest", str(tmp_path / "a.txt"), str(tmp_path / "gibt-es-nicht.txt"),
                                  "--store", str(store)])
    assert "gibt-es-nicht.txt" in one_line_error(missing) and "graph written" not in missing.output
    assert not store.exists()
    bad_date = runner.invoke(app, ["ingest", str(tmp_path / "a.txt"), "--published", "2025-13-01",
                                   "--store", str(store)])
    assert bad_date.exit_code == 2 and "--published" in bad_date.output
    assert not store.exists()


def test_the_saved_queries_are_listed(runner):
    result = runner.invoke(app, ["sparql", "--list", "--format", "json"])
    assert result.exit_code == 0, result.output
    listed = {row["name"]: row for row in json.loads(result.stdout)}
    assert set(listed) == set(saved_queries())
    assert listed["deals-of-organisation"]["parameters"] == ["org (example: Nvidia)"]
    assert listed["deals-of-organisation"]["title"] == "Deals of an organisation"


@pytest.mark.parametrize("name", ["infineon", "INFINEON", " Infineon "])
def test_a_saved_query_finds_a_name_as_deals_does(runner, shared_graph, name):
    deals = json.loads(runner.invoke(app, ["deals", "--vendor", name, "--store", str(shared_graph),
                                           "-f", "json"]).stdout)
    saved = runner.invoke(app, ["sparql", "--saved", "deals-of-organisation", "--param", f"org={name}",
                                "--store", str(shared_graph), "-f", "json"])
    assert saved.exit_code == 0, saved.output
    rows = json.loads(saved.stdout)
    assert deals and [(row["vendor"], row["buyer"], row["article"]) for row in rows] == \
        [(row["vendor"], row["buyer"], row["article"]) for row in deals]


@pytest.mark.parametrize("command", [["relations", "--format", "table"], ["export", "--format", "nquads"],
                                     ["sparql", "SELECT * WHERE { ?s ?p ?o }", "--format", "nl"]],
                         ids=lambda command: command[0])
def test_a_closed_pipe_ends_the_command_quietly(big_graph, command):
    process = subprocess.Popen([str(CONSOLE_SCRIPT), *command, "--store", str(big_graph)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout.readline()  # like `| head -1`: read a line, then close the pipe
    process.stdout.close()
    stderr = process.stderr.read().decode()
    assert process.wait(timeout=60) in (0, CLOSED_PIPE), stderr
    assert stderr == ""


def test_ingest_takes_verbose_after_the_command(runner, tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "leer.txt").write_text("", encoding="utf-8")
    result = runner.invoke(app, ["ingest", "-v", str(tmp_path), "--store", str(tmp_path / "graph"), "--quiet"])
    assert result.exit_code == PARTIAL, result.output  # the empty file is skipped
    assert len(GraphStore(tmp_path / "graph").articles()) == 1


def test_an_in_memory_ingest_says_the_graph_is_discarded(runner, tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    result = runner.invoke(app, ["ingest", str(tmp_path / "a.txt"), "--store", "memory:"])
    assert result.exit_code == 0, result.output
    assert "graph written to memory:" not in result.stderr
    assert "discarded" in result.stderr.splitlines()[-1]


def test_remove_suggests_no_store_alias_for_an_unknown_option(runner, shared_graph):
    result = runner.invoke(app, ["remove", "a1", "--format", "json", "--store", str(shared_graph)])
    assert result.exit_code == 2 and "--format" in result.output
    assert "--out" not in result.output


@pytest.mark.parametrize("command", ["ingest", "sparql", "suppliers", "buyers", "entity", "timeline", "remove",
                                     "export", "serve"])
def test_help_shows_metavars_and_every_argument_has_help(runner, command):
    result = runner.invoke(app, [command, "--help"], env={"COLUMNS": "200"}, terminal_width=200)
    assert result.exit_code == 0
    for python_type in ("<bool>", "<list[str]>", "{"):
        assert python_type not in result.stdout, python_type
    group = typer.main.get_command(app)
    for param in group.get_command(click_context(group), command).params:
        assert param.help, f"{command} {param.name} has no help"


def click_context(group):
    return group.make_context("newsgraph", ["--help"], resilient_parsing=True)


def test_help_names_arguments_as_they_are_typed(runner):
    ingest = runner.invoke(app, ["ingest", "--help"], env={"COLUMNS": "200"}, terminal_width=200).stdout
    assert "ingest [OPTIONS] PATHS..." in ingest
    sparql = runner.invoke(app, ["sparql", "--help"], env={"COLUMNS": "200"}, terminal_width=200).stdout
    assert "[QUERY_OR_FILE]" in sparql and "NAME=VALUE" in sparql


def test_entity_csv_is_one_table(runner, shared_graph):
    result = runner.invoke(app, ["entity", "Siemens", "--format", "csv", "--store", str(shared_graph)])
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0] == ["field", "value", "events", "types", "amounts"]
    assert {len(row) for row in rows} == {5}
    assert ["name", "Siemens", "", "", ""] in rows and ["counterparty", "Infineon", "1", "PURCHASE", "2 bn EUR"] in rows


@pytest.mark.parametrize("fmt", ["tsv", "nl"])
def test_timeline_has_the_listing_formats_too(runner, shared_graph, fmt):
    result = runner.invoke(app, ["timeline", "Siemens", "--format", fmt, "--store", str(shared_graph)])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    if fmt == "tsv":
        assert lines[0].split("\t") == CSV_HEADERS and len(lines) == 2
        assert dict(zip(CSV_HEADERS, lines[1].split("\t")))["counterparts"] == "Infineon"
    else:
        assert [json.loads(line)["counterparts"] for line in lines] == [["Infineon"]]


def test_an_entity_without_events_is_said_once_on_stderr(runner, shared_graph):
    result = runner.invoke(app, ["timeline", "Bayern", "--store", str(shared_graph)])
    assert result.exit_code == 0, result.output
    assert result.stdout == "" and result.stderr == "No events for Bayern in the graph.\n"


def test_counts_are_worded_in_the_number_they_need(runner, tmp_path):
    (tmp_path / "one.nq").write_text(f'<urn:a> <urn:b> "c" <{graph_iri("a1")}> .\n', encoding="utf-8")
    result = runner.invoke(app, ["load", str(tmp_path / "one.nq"), "--store", str(tmp_path / "graph")])
    assert result.exit_code == 0, result.output
    assert result.stderr == f"loaded 1 quad from {tmp_path / 'one.nq'}\n"
    assert len(GraphStore(tmp_path / "graph")) == 1
