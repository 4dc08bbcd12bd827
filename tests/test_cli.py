"""The newsgraph command end to end: effects checked through the library."""

import json
from pathlib import Path

import pytest

from pipeline.cli import PARTIAL, app
from pipeline.store import GraphStore

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
    from pipeline.query import entities

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
