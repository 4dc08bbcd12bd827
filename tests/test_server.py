"""Tests for pipeline.apps.server: `newsgraph serve` running for real, SPARQLWrapper as client, the page in Chromium."""

import csv
import http.server
import io
import json
import shutil
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pyoxigraph as ox
import pytest
from rdflib import XSD, BNode, Graph, Literal
from rdflib.query import Result
from SPARQLWrapper import CSV, JSON, JSONLD, TSV, TURTLE, XML, SPARQLWrapper

from conftest import ROOT, build_extraction, free_port, wait_for_http
from pipeline.apps.server import MAX_REQUEST_BYTES, QUERY_WORKERS, Limits, make_server
from pipeline.core.iris import entity_iri
from pipeline.graph.store import GraphStore, OxigraphStore
from pipeline.graph.triples import to_graph

# Each test talks to a real `newsgraph serve` process (and some wait out its timeouts).
pytestmark = pytest.mark.slow

VENDORS = "SELECT DISTINCT ?vendor WHERE { ?deal a ng:Purchase ; ng:vendor/rdfs:label ?vendor } ORDER BY ?vendor"
# Three unrelated patterns and a filter no index can answer: seconds of work, rows only at the end.
SLOW = 'SELECT ?a WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i FILTER(STR(?c) = CONCAT(STR(?f), STR(?i), "!")) }'
# One more article of every kind of term results can hold: a language tag, datatypes, a blank node
# (whose label the store chooses), a literal with a line break, a tab and quotes in it.
TERMS = r"""
<urn:newsgraph-test:terms> <urn:newsgraph-test:has> "Übernahme"@de .
<urn:newsgraph-test:terms> <urn:newsgraph-test:has> "2,5 Mrd. Euro" .
<urn:newsgraph-test:terms> <urn:newsgraph-test:has> "2500000000"^^<http://www.w3.org/2001/XMLSchema#decimal> .
<urn:newsgraph-test:terms> <urn:newsgraph-test:has> "2024-03-01"^^<http://www.w3.org/2001/XMLSchema#date> .
<urn:newsgraph-test:terms> <urn:newsgraph-test:has> <https://example.org/Übernahme?a=1&b=2> .
<urn:newsgraph-test:terms> <urn:newsgraph-test:has> _:deal .
_:deal <urn:newsgraph-test:note> "Zeile 1\nZeile 2\t\"zitiert\" & <b>" .
"""
# ?note is bound in one row, ?nothing in none.
TERMS_QUERY = """SELECT ?term ?note ?nothing WHERE {
  <urn:newsgraph-test:terms> <urn:newsgraph-test:has> ?term OPTIONAL { ?term <urn:newsgraph-test:note> ?note }
} ORDER BY ?term"""


def start_server(tmp_path_factory, *options: str):
    """`newsgraph serve` in its own process over a new store with two articles; returns (process, url, log)."""
    folder = tmp_path_factory.mktemp("served")
    with GraphStore(folder / "graph") as store:
        for article_id in ("a1", "a2"):
            store.replace_article(article_id, to_graph(build_extraction(article_id)))
        store.replace_article("terms", TERMS)
    port = free_port()
    log = folder / "serve.log"
    process = subprocess.Popen(
        [sys.executable, "-c", "from pipeline.apps.cli import app; app()", "serve", "--store", str(folder / "graph"),
         "--port", str(port), *options],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=log.open("w"),
    )
    return process, f"http://127.0.0.1:{port}", log


@pytest.fixture(scope="module")
def servers(tmp_path_factory):
    """Two servers started together: default limits, and tight ones (0.5 s, 3 rows)."""
    started = [start_server(tmp_path_factory), start_server(tmp_path_factory, "--timeout", "0.5", "--row-limit", "3")]
    try:
        for process, url, _ in started:
            wait_for_http(url + "/", process, seconds=60)
        yield {"default": started[0], "tight": started[1]}
    finally:
        for process, _, _ in started:
            process.terminate()
            process.wait(timeout=10)


@pytest.fixture(scope="module")
def endpoint(servers):
    return servers["default"][1] + "/sparql"


@pytest.fixture(scope="module")
def tight(servers):
    return servers["tight"][1] + "/sparql"


@pytest.fixture(scope="module")
def served_store(servers):
    """The default server's store, opened read-only here as the server's query workers open it."""
    with OxigraphStore(servers["default"][2].parent / "graph", read_only=True) as store:
        yield store


def request(url: str, *, data: bytes | None = None, headers: dict | None = None, method: str | None = None):
    """(status, headers, body) of one HTTP request, error statuses included."""
    try:
        with urllib.request.urlopen(urllib.request.Request(url, data=data, headers=headers or {}, method=method)) as r:
            return r.status, r.headers, r.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode("utf-8")


def test_an_oversized_request_gets_413_and_the_server_goes_on(endpoint):
    padding = "#" + "x" * MAX_REQUEST_BYTES + "\n"
    status, _, body = request(endpoint, data=(padding + VENDORS).encode(),
                              headers={"Content-Type": "application/sparql-query"})
    assert status == 413 and str(MAX_REQUEST_BYTES) in body
    assert request(f"{endpoint}?{urllib.parse.urlencode({'query': VENDORS})}")[0] == 200


def test_it_listens_on_127_0_0_1_unless_told_otherwise(servers):
    _, url, log = servers["default"]
    assert f"SPARQL endpoint {url}/sparql" in log.read_text()
    assert url.startswith("http://127.0.0.1:")


def test_sparqlwrapper_selects_in_json(endpoint):
    client = SPARQLWrapper(endpoint)
    client.setQuery(VENDORS)
    client.setReturnFormat(JSON)
    result = client.queryAndConvert()
    assert result["head"]["vars"] == ["vendor"]
    assert [row["vendor"]["value"] for row in result["results"]["bindings"]] == ["Huawei", "Nvidia"]
    assert "newsgraph" not in result  # under every limit: nothing to state


@pytest.mark.parametrize(
    ("return_format", "media_type"),
    [(XML, "application/sparql-results+xml"), (CSV, "text/csv"), (TSV, "text/tab-separated-values")],
)
def test_select_results_in_every_format(endpoint, return_format, media_type):
    client = SPARQLWrapper(endpoint)
    client.setQuery(VENDORS)
    client.setReturnFormat(return_format)
    response = client.query()
    assert response.response.headers["Content-Type"].startswith(media_type)
    body = response.convert()
    if return_format == XML:
        assert [node.firstChild.data for node in body.getElementsByTagName("literal")] == ["Huawei", "Nvidia"]
    elif return_format == CSV:
        assert list(csv.reader(io.StringIO(body.decode()))) == [["vendor"], ["Huawei"], ["Nvidia"]]
    else:
        assert body.decode().splitlines() == ["?vendor", '"Huawei"', '"Nvidia"']


RESULTS_FORMATS = {"json": ox.QueryResultsFormat.JSON, "xml": ox.QueryResultsFormat.XML,
                   "csv": ox.QueryResultsFormat.CSV, "tsv": ox.QueryResultsFormat.TSV}


@pytest.mark.parametrize("name", RESULTS_FORMATS)
def test_select_and_ask_bodies_are_what_pyoxigraph_writes(endpoint, served_store, name):
    for query in (TERMS_QUERY, "ASK { ?x a ng:Leadership }", "ASK { ?x a ng:Nothing }"):
        status, headers, body = request(f"{endpoint}?{urllib.parse.urlencode({'query': query, 'format': name})}")
        assert status == 200 and headers["Content-Type"].startswith(RESULTS_FORMATS[name].media_type.split(";")[0])
        assert body.encode("utf-8") == served_store.execute(query).serialize(format=RESULTS_FORMATS[name])


def plain(rows) -> list[tuple]:
    """Rows of rdflib terms with each xsd:string literal written as a simple literal, as results carry it."""
    return [tuple(Literal(str(term)) if isinstance(term, Literal) and term.datatype == XSD.string else term
                  for term in row) for row in rows]


@pytest.mark.parametrize("name", ["json", "xml", "tsv"])
def test_rdflib_reads_in_the_results_the_store_s_own_answer(endpoint, served_store, name):
    """Language tags, datatypes, a blank node, escapes and unbound variables, read back by rdflib's parsers."""
    expected = served_store.query(TERMS_QUERY)
    status, _, body = request(f"{endpoint}?{urllib.parse.urlencode({'query': TERMS_QUERY, 'format': name})}")
    parsed = Result.parse(io.BytesIO(body.encode("utf-8")), format=name)
    assert status == 200 and [str(name) for name in parsed.vars] == ["term", "note", "nothing"]
    assert len(expected) == 6 and sum(row.note is not None for row in expected) == 1
    assert plain(parsed) == plain(expected)


def test_csv_results_hold_the_plain_values_of_the_store_s_own_answer(endpoint, served_store):
    status, _, body = request(f"{endpoint}?{urllib.parse.urlencode({'query': TERMS_QUERY, 'format': 'csv'})}")
    values = [["" if term is None else f"_:{term}" if isinstance(term, BNode) else str(term) for term in row]
              for row in served_store.query(TERMS_QUERY)]
    assert status == 200 and list(csv.reader(io.StringIO(body, newline=""))) == [["term", "note", "nothing"], *values]


def test_a_store_in_memory_is_served_the_same_way():
    """Over a store in memory queries run on threads of the server process, not in worker processes."""
    store = GraphStore("memory:")
    store.replace_article("terms", TERMS)
    server = make_server(store, port=0, limits=Limits(row_limit=5))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        for query, truncated in ((TERMS_QUERY + " LIMIT 5", False), (TERMS_QUERY, True)):
            status, headers, body = request(f"{server.url}/sparql?{urllib.parse.urlencode({'query': query})}")
            expected = store.execute(TERMS_QUERY + " LIMIT 5").serialize(format=ox.QueryResultsFormat.JSON)
            document = json.loads(body)
            assert status == 200 and ("Newsgraph-Truncated" in headers) is truncated
            assert ("newsgraph" in document) is truncated
            if not truncated:
                assert body.encode("utf-8") == expected
            document.pop("newsgraph", None)
            assert document == json.loads(expected)
    finally:
        server.shutdown()
        server.server_close()


def test_one_accept_header_serves_each_kind_of_query(endpoint):
    accept = {"Accept": "text/turtle, text/csv;q=0.5"}
    status, headers, body = request(f"{endpoint}?{urllib.parse.urlencode({'query': VENDORS})}", headers=accept)
    assert status == 200 and headers["Content-Type"].startswith("text/csv") and body.splitlines()[0] == "vendor"
    construct = "CONSTRUCT { ?org rdfs:label ?name } WHERE { ?org a schema:Organization ; rdfs:label ?name }"
    status, headers, body = request(f"{endpoint}?{urllib.parse.urlencode({'query': construct})}", headers=accept)
    assert status == 200 and headers["Content-Type"].startswith("text/turtle") and len(Graph().parse(data=body)) == 3
    status, _, body = request(f"{endpoint}?{urllib.parse.urlencode({'query': construct, 'format': 'csv'})}")
    assert status == 406 and "text/turtle" in body


@pytest.mark.parametrize(("return_format", "rdflib_format"), [(TURTLE, "turtle"), (JSONLD, "json-ld")])
def test_construct_in_turtle_and_json_ld(endpoint, return_format, rdflib_format):
    client = SPARQLWrapper(endpoint)
    client.setQuery("CONSTRUCT { ?org rdfs:label ?name } WHERE { ?org a schema:Organization ; rdfs:label ?name }")
    client.setReturnFormat(return_format)
    body = client.query().response.read()
    graph = Graph().parse(data=body, format=rdflib_format)
    assert {str(name) for name in graph.objects()} == {"ByteDance", "Nvidia", "Huawei"}
    assert len(graph) == 3


def test_ask_and_both_http_methods(endpoint):
    client = SPARQLWrapper(endpoint)
    client.setQuery("ASK { ?x a ng:Leadership }")
    client.setReturnFormat(JSON)
    for method in ("GET", "POST"):
        client.setMethod(method)
        assert client.queryAndConvert() == {"head": {}, "boolean": True}
    status, headers, body = request(endpoint, data=VENDORS.encode(), headers={
        "Content-Type": "application/sparql-query", "Accept": "text/csv"})
    assert status == 200 and body.splitlines() == ["vendor", "Huawei", "Nvidia"]


@pytest.fixture
def other_host():
    """A plain HTTP server on loopback standing for any other host; it records every request."""
    hits = []

    class Recorder(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            hits.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "application/sparql-results+json")
            self.end_headers()
            self.wfile.write(b'{"head": {"vars": []}, "results": {"bindings": []}}')

        do_POST = do_GET

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/sparql", hits
    server.shutdown()


@pytest.mark.parametrize("query", [
    "SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
    "select * where {{ ?x ?y ?z . service silent <{url}> {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ VALUES ?endpoint {{ <{url}> }} SERVICE ?endpoint {{ ?s ?p ?o }} }}",
])
def test_a_federated_query_is_refused_and_no_other_host_is_contacted(endpoint, other_host, query):
    url, hits = other_host
    status, _, body = request(f"{endpoint}?{urllib.parse.urlencode({'query': query.format(url=url)})}")
    assert status == 403 and "SERVICE" in body
    assert hits == []


@pytest.mark.parametrize("query", [
    "SELECT * FROM <{url}> WHERE {{ ?s ?p ?o }}",
    "SELECT * FROM NAMED <{url}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}",
    "SELECT * FROM <file:///etc/passwd> WHERE {{ ?s ?p ?o }}",
    "SELECT * WHERE {{ GRAPH <{url}> {{ ?s ?p ?o }} }}",
    "CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <file:///etc/passwd> {{ ?s ?p ?o }} }}",
])
def test_a_dataset_named_after_a_url_or_file_is_never_fetched(endpoint, other_host, query):
    """FROM, FROM NAMED and GRAPH name graphs of the store; nothing is read from elsewhere."""
    url, hits = other_host
    status, _, body = request(f"{endpoint}?{urllib.parse.urlencode({'query': query.format(url=url)})}",
                              headers={"Accept": "application/sparql-results+json, text/turtle"})
    assert status == 200 and hits == []
    if query.startswith("CONSTRUCT"):
        assert len(Graph().parse(data=body, format="turtle")) == 0
    else:
        assert json.loads(body)["results"]["bindings"] == []


def test_service_as_a_variable_or_in_a_string_is_an_ordinary_query(endpoint):
    query = 'SELECT ?service WHERE { VALUES ?service { "SERVICE <http://example.org/>" } }'
    status, _, body = request(f"{endpoint}?{urllib.parse.urlencode({'query': query})}",
                              headers={"Accept": "text/csv"})
    assert status == 200 and body.splitlines() == ["service", "SERVICE <http://example.org/>"]


@pytest.mark.parametrize(
    "how",
    ["sparqlwrapper", "sparql-update body", "update form field", "update as query", "graph store PUT", "DELETE"],
)
def test_every_kind_of_update_is_refused_with_403(endpoint, how):
    update = f"DELETE WHERE {{ <{entity_iri('Nvidia', 'ORG')}> ?p ?o }}"
    if how == "sparqlwrapper":
        client = SPARQLWrapper(endpoint, updateEndpoint=endpoint)
        client.setMethod("POST")
        client.setQuery(update)
        with pytest.raises(urllib.error.HTTPError) as caught:
            client.query()
        status, body = caught.value.code, caught.value.read().decode()
    else:
        status, _, body = {
            "sparql-update body": lambda: request(endpoint, data=update.encode(),
                                                  headers={"Content-Type": "application/sparql-update"}),
            "update form field": lambda: request(endpoint, data=urllib.parse.urlencode({"update": update}).encode(),
                                                 headers={"Content-Type": "application/x-www-form-urlencoded"}),
            "update as query": lambda: request(f"{endpoint}?{urllib.parse.urlencode({'query': update})}"),
            "graph store PUT": lambda: request(f"{endpoint}?default", data=b"<urn:a> <urn:b> <urn:c> .",
                                               headers={"Content-Type": "text/turtle"}, method="PUT"),
            "DELETE": lambda: request(f"{endpoint}?default", method="DELETE"),
        }[how]()
    assert status == 403 and "read-only" in body
    assert request(f"{endpoint}?{urllib.parse.urlencode({'query': VENDORS, 'format': 'csv'})}")[2].count("\n") == 3


def test_bad_queries_and_unknown_paths_get_a_message(endpoint):
    status, _, body = request(f"{endpoint}?{urllib.parse.urlencode({'query': 'SELECT ?x WHERE { ?x'})}")
    assert status == 400 and "Bad SPARQL query" in body
    assert request(endpoint)[0] == 400
    assert request(endpoint.replace("/sparql", "/nirgends"))[0] == 404
    status, _, body = request(f"{endpoint}?{urllib.parse.urlencode({'query': 'ASK {}', 'default-graph-uri': 'urn:x'})}")
    assert status == 400 and "not supported" in body
    status, _, body = request(endpoint, data=b"x", headers={"Content-Type": "text/plain"})
    assert status == 415
    status, _, body = request(f"{endpoint}?{urllib.parse.urlencode({'query': VENDORS})}",
                              headers={"Accept": "image/png"})
    assert status == 406 and "application/sparql-results+json" in body


def test_the_row_limit_is_stated_in_responses_that_hit_it(tight):
    client = SPARQLWrapper(tight)
    client.setQuery("SELECT ?s ?p ?o WHERE { ?s ?p ?o }")
    client.setReturnFormat(JSON)
    response = client.query()
    result = response.convert()
    assert len(result["results"]["bindings"]) == 3
    assert result["newsgraph"]["truncated"] is True and result["newsgraph"]["rowLimit"] == 3
    assert "row limit of 3" in response.response.headers["Newsgraph-Truncated"]
    status, headers, body = request(
        f"{tight}?{urllib.parse.urlencode({'query': 'CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }'})}",
        headers={"Accept": "text/turtle"})
    assert status == 200 and body.startswith("# newsgraph: row limit of 3") and len(Graph().parse(data=body)) == 3
    status, headers, _ = request(f"{tight}?{urllib.parse.urlencode({'query': VENDORS})}")
    assert status == 200 and "Newsgraph-Truncated" not in headers


# Five rows, line breaks in four of them.
LINES = 'SELECT ?text WHERE { VALUES ?text { "1\\n" "2\\n\\n" "3\\r\\n" "4\\n" "5" } }'


@pytest.mark.parametrize("name", RESULTS_FORMATS)
def test_a_truncated_result_holds_the_first_rows_and_says_so(tight, name):
    status, headers, body = request(f"{tight}?{urllib.parse.urlencode({'query': LINES, 'format': name})}")
    assert status == 200 and "row limit of 3 reached" in headers["Newsgraph-Truncated"]
    if name == "csv":
        assert list(csv.reader(io.StringIO(body, newline=""))) == [["text"], ["1\n"], ["2\n\n"], ["3\r\n"]]
    else:
        parsed = Result.parse(io.BytesIO(body.encode("utf-8")), format=name)
        assert [row.text for row in parsed] == [Literal("1\n"), Literal("2\n\n"), Literal("3\r\n")]
    if name == "json":
        assert json.loads(body)["newsgraph"] == {"truncated": True, "rowLimit": 3, "message":
                                                 "newsgraph: row limit of 3 reached; more results were not sent"}
    elif name == "xml":
        assert "<!-- newsgraph: row limit of 3 reached; more results were not sent -->" in body
    status, headers, body = request(f"{tight}?{urllib.parse.urlencode({'query': LINES + ' LIMIT 3', 'format': name})}")
    assert status == 200 and "Newsgraph-Truncated" not in headers and "row limit" not in body


def test_a_query_over_the_timeout_gets_503_with_a_message(tight):
    started = time.monotonic()
    status, headers, body = request(f"{tight}?{urllib.parse.urlencode({'query': SLOW})}")
    assert status == 503 and "timed out after 0.5 s" in body and headers["Newsgraph-Timeout"] == "0.5"
    assert time.monotonic() - started < 5


def next_answer(url: str, seconds: float = 30):
    """The answer to a normal query once it comes; a stopped query worker's place is taken by a
    new process, which needs a moment to start."""
    deadline = time.monotonic() + seconds
    while (answer := request(f"{url}?{urllib.parse.urlencode({'query': VENDORS})}",
                             headers={"Accept": "text/csv"}))[0] != 200 and time.monotonic() < deadline:
        time.sleep(0.2)
    return answer


def test_a_deep_property_path_is_stopped_at_the_timeout_and_the_server_goes_on(tight):
    """Three chained closures over every link in either direction: minutes of path search on two
    articles' graphs, counted, so no row comes out before the end."""
    step = "(!<urn:x>|^!<urn:x>)*"
    deep = f"SELECT (COUNT(*) AS ?n) WHERE {{ ?a {step}/{step}/{step} ?b }}"
    started = time.monotonic()
    status, _, body = request(f"{tight}?{urllib.parse.urlencode({'query': deep})}")
    assert status == 503 and "timed out after 0.5 s" in body
    assert time.monotonic() - started < 5
    status, _, body = next_answer(tight)
    assert status == 200 and body.splitlines()[0] == "vendor"


def test_queries_that_cannot_be_interrupted_do_not_take_the_server_down(tight):
    """An aggregation over a cartesian product never yields a first result to stop at: more of
    them than there are query workers, at once, and the next query is still answered."""
    stuck = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
    url = f"{tight}?{urllib.parse.urlencode({'query': stuck})}"
    with ThreadPoolExecutor(QUERY_WORKERS + 2) as clients:
        statuses = list(clients.map(lambda _: request(url)[0], range(QUERY_WORKERS + 2)))
    assert statuses == [503] * (QUERY_WORKERS + 2)
    status, _, body = next_answer(tight)
    assert status == 200 and body.splitlines()[0] == "vendor"


@pytest.mark.browser
def test_the_query_page_runs_a_saved_query_in_headless_chromium(servers, tmp_path):
    chromium, chromedriver = shutil.which("chromium"), shutil.which("chromedriver")
    if chromium is None or chromedriver is None:
        pytest.skip("Debian's chromium and chromium-driver are not installed (.ci/run installs them)")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select, WebDriverWait

    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 f"--user-data-dir={tmp_path / 'profile'}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(chromedriver), options=options)
    try:
        driver.get(servers["default"][1] + "/")
        Select(driver.find_element(By.ID, "example")).select_by_value("deals-of-organisation")
        assert 'VALUES (?org) { ("Nvidia") }' in driver.find_element(By.ID, "query").get_property("value")
        driver.find_element(By.ID, "run").click()
        WebDriverWait(driver, 20).until(lambda d: "rows in" in d.find_element(By.ID, "status").text)
        headers = [cell.text for cell in driver.find_elements(By.CSS_SELECTOR, "#results th")]
        rows = [[cell.text for cell in row.find_elements(By.TAG_NAME, "td")]
                for row in driver.find_elements(By.CSS_SELECTOR, "#results tbody tr")]
        assert headers[:3] == ["type", "buyer", "vendor"]
        assert [row[:3] for row in rows] == [["Purchase", "ByteDance", "Nvidia"]] * 2
        assert driver.find_element(By.ID, "status").text.startswith("2 rows in")

        box = driver.find_element(By.ID, "query")
        box.clear()
        box.send_keys("INSERT DATA { <urn:a> <urn:b> <urn:c> }")
        driver.find_element(By.ID, "run").click()
        WebDriverWait(driver, 20).until(lambda d: "403" in d.find_element(By.ID, "status").text)
        assert "read-only" in driver.find_element(By.ID, "status").text
    finally:
        driver.quit()


def test_the_page_lists_every_saved_query(servers):
    status, _, body = request(servers["default"][1] + "/")
    examples = json.loads(body.split('id="examples">', 1)[1].split("</script>", 1)[0].replace("<\\/", "</"))
    assert status == 200 and {example["name"] for example in examples} >= {"deals-of-organisation", "suppliers-of"}
