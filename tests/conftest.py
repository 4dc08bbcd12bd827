"""Shared fixtures and helpers: the real newsgraph pipeline, a CLI runner, the shared samples, a real Oxigraph
server, the test extraction (``build_extraction``) and graph comparisons that tests import from here.

``../shared`` (beside the checkout) holds the reference samples; it may be absent, and the tests that need
it skip with a reason then. Its path is ``SHARED``, defined here only.
"""

import io
import json
import random
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import Dataset, Graph
from rdflib.compare import graph_diff, isomorphic, to_isomorphic
from typer.testing import CliRunner

from pipeline.core.iris import entity_iri
from pipeline.core.records import Article, Entity, Extraction, Money, Percent, Relation
from pipeline.extract.nlp import build_nlp
from pipeline.graph.store import GraphStore

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SHARED_SAMPLES = SHARED / "samples"
REFERENCE_ARTICLE = SHARED_SAMPLES / "bytedance-ai-chips.de.txt"
needs_shared_samples = pytest.mark.skipif(
    not SHARED_SAMPLES.is_dir(), reason=f"../shared/samples/ is absent (looked in {SHARED_SAMPLES})"
)


@pytest.fixture(scope="session")
def nlp_de():
    """The default pipeline: the bundled model plus our components."""
    return build_nlp()


@pytest.fixture
def runner():
    return CliRunner()


@pytest.fixture
def reference_article():
    if not REFERENCE_ARTICLE.exists():
        pytest.skip(f"reference article not found at {REFERENCE_ARTICLE} (../shared/samples/ is absent)")
    return REFERENCE_ARTICLE


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_http(url: str, process: subprocess.Popen, seconds: float = 30.0) -> None:
    """Return once ``url`` answers (any HTTP status); fail if ``process`` exits or time runs out."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"{process.args[0]} exited with {process.returncode} before answering at {url}")
        try:
            urllib.request.urlopen(url, timeout=1).close()
            return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.1)
    pytest.fail(f"nothing answered at {url} within {seconds} s")


@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory):
    """A real Oxigraph SPARQL server (the `oxigraph` package) on 127.0.0.1; yields its base URL."""
    binary = shutil.which("oxigraph")
    if binary is None:
        pytest.skip("the oxigraph server is not installed (python -m pip install '.[test]')")
    port = free_port()
    process = subprocess.Popen(
        [binary, "serve", "--location", str(tmp_path_factory.mktemp("oxigraph")), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for_http(f"{base}/query?query=ASK%7B%7D", process)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)


# --- a test extraction and graph comparisons ------------------------------------------------------------

PURCHASE_SENTENCE = "Der Tiktok-Eigentümer ByteDance kauft bei Nvidia und Huawei KI-Chips für über 12 Milliarden USD."
SHARE_SENTENCE = "Rund ein Viertel der Bestellungen geht an Huawei."
LEADER_SENTENCE = "Gründer Zhang Yiming führt ByteDance weiterhin."
INVEST_SENTENCE = ("Bis 2030 will ByteDance 40 Milliarden Yuan (5,5 Milliarden USD) in Rechenzentren in Malaysia "
                   "investieren.")


def _entity(name: str, label: str, *aliases: str) -> Entity:
    return Entity(name, label, entity_iri(name, label), aliases)


def build_extraction(article_id: str = "a1", *, relations: tuple[Relation, ...] | None = None) -> Extraction:
    """An article with a PURCHASE from two vendors, an ORDER_SHARE, a LEADERSHIP and an INVESTMENT."""
    text = " ".join([PURCHASE_SENTENCE, SHARE_SENTENCE, LEADER_SENTENCE, INVEST_SENTENCE])
    sentences = (PURCHASE_SENTENCE, SHARE_SENTENCE, LEADER_SENTENCE, INVEST_SENTENCE)
    starts = [text.index(sentence) for sentence in sentences]
    over_12bn = Money(Decimal("12E+9"), "USD", "over")
    if relations is None:
        relations = (
            Relation("PURCHASE", {"buyer": "ByteDance", "vendor": "Nvidia", "item": "KI-Chips"}, PURCHASE_SENTENCE,
                     starts[0], starts[0] + len(PURCHASE_SENTENCE), 0.9, amount=over_12bn),
            Relation("PURCHASE", {"buyer": "ByteDance", "vendor": "Huawei", "item": "KI-Chips"}, PURCHASE_SENTENCE,
                     starts[0], starts[0] + len(PURCHASE_SENTENCE), 0.9, amount=over_12bn),
            Relation("ORDER_SHARE", {"buyer": "ByteDance", "vendor": "Huawei"}, SHARE_SENTENCE,
                     starts[1], starts[1] + len(SHARE_SENTENCE), 0.8, percent=Percent(Decimal("25"), "about")),
            Relation("LEADERSHIP", {"person": "Zhang Yiming", "org": "ByteDance", "role": "Gründer"}, LEADER_SENTENCE,
                     starts[2], starts[2] + len(LEADER_SENTENCE), 0.75),
            Relation("INVESTMENT",
                     {"investor": "ByteDance", "location": "Malaysia", "purpose": "Rechenzentren", "until": "2030"},
                     INVEST_SENTENCE, starts[3], starts[3] + len(INVEST_SENTENCE), 0.85,
                     amount=Money(Decimal("40E+9"), "CNY", equivalent=Money(Decimal("5.5E+9"), "USD"))),
        )
    return Extraction(
        article=Article(
            id=article_id,
            text=text,
            source=f"data/raw/{article_id}.txt",
            title="ByteDance kauft KI-Chips",
            url=f"https://example.org/news/{article_id}",
            published="2024-09-12",
        ),
        language="de",
        entities=(
            _entity("ByteDance", "ORG", "Bytedance Ltd.", "字节跳动"),
            _entity("Nvidia", "ORG", "NVIDIA"),
            _entity("Huawei", "ORG"),
            _entity("Zhang Yiming", "PER"),
            _entity("Malaysia", "LOC"),
        ),
        relations=relations,
    )


def assert_isomorphic(actual: Graph, expected: Graph) -> None:
    if not isomorphic(actual, expected):
        _, only_actual, only_expected = graph_diff(to_isomorphic(actual), to_isomorphic(expected))
        pytest.fail(
            "Graphs differ.\nOnly in actual:\n"
            + "\n".join(sorted(" ".join(t.n3() for t in triple) for triple in only_actual))
            + "\nOnly in expected:\n"
            + "\n".join(sorted(" ".join(t.n3() for t in triple) for triple in only_expected))
        )


def dataset_of(store: GraphStore) -> dict[str, Graph]:
    """Each article's named graph, read back through an N-Quads dump."""
    data = io.BytesIO()
    store.dump(data, "nquads")
    dataset = Dataset()
    dataset.parse(data=data.getvalue().decode("utf-8"), format="nquads")
    return {str(graph.identifier): graph for graph in dataset.graphs() if len(graph)}


def assert_same_dataset(actual: GraphStore, expected: GraphStore) -> None:
    actual_graphs, expected_graphs = dataset_of(actual), dataset_of(expected)
    assert actual_graphs.keys() == expected_graphs.keys()
    for name, graph in expected_graphs.items():
        assert isomorphic(actual_graphs[name], graph), name


# --- a batch of generated German deal reports (the crash and reliability tests) ---------------

BUYERS = ("Vodafone", "Siemens", "BMW", "Deutsche Telekom", "Bosch", "SAP", "Lufthansa", "BASF")
VENDORS = ("Nokia", "Ericsson", "Nvidia", "Infineon", "Dell", "Cisco", "Samsung", "Huawei")
CITIES = ("Leipzig", "Bremen", "Kassel", "Ulm", "Rostock", "Mainz", "Erfurt", "Passau")
OPENINGS = (
    "{buyer} kauft bei {vendor} Technik für {amount} Millionen Euro.",
    "{buyer} hat bei {vendor} einen Auftrag über {amount} Millionen Euro vergeben.",
    "{vendor} liefert für {amount} Millionen Euro Server an {buyer}.",
)
FOLLOW_UPS = (
    "Die Anlagen gehen an den Standort {city}, wie eine Sprecherin am {day}. März sagte.",
    "In {city} sollen dafür {jobs} neue Stellen entstehen.",
    "Der Betriebsrat in {city} begrüßte den Schritt am {day}. April.",
    "Die ersten {jobs} Geräte sollen noch im Sommer in {city} ankommen.",
)


def articles_file(path: Path, count: int) -> Path:
    """``count`` distinct short German deal reports as JSON lines (a fixed seed)."""
    rng = random.Random(7)
    with path.open("w", encoding="utf-8") as output:
        for number in range(count):
            slots = {"buyer": BUYERS[number % len(BUYERS)], "vendor": VENDORS[(number // len(BUYERS)) % len(VENDORS)],
                     "amount": 10 + 7 * number, "city": rng.choice(CITIES), "day": rng.randint(1, 28),
                     "jobs": rng.randint(20, 900)}
            sentences = [rng.choice(OPENINGS)] + rng.sample(FOLLOW_UPS, 2)
            text = " ".join(sentence.format(**slots) for sentence in sentences)
            output.write(json.dumps({"title": f"Meldung {number}", "text": text}, ensure_ascii=False) + "\n")
    return path
