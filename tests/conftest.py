"""Shared fixtures: the real newsgraph pipeline, a CLI runner, the shared samples."""

from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline.nlp import build_nlp

ROOT = Path(__file__).resolve().parents[1]
SHARED_SAMPLES = ROOT.parent / "shared" / "samples"
REFERENCE_ARTICLE = SHARED_SAMPLES / "bytedance-ai-chips.de.txt"


@pytest.fixture(scope="session")
def nlp_de():
    """The default pipeline: bundled model (or blank German) plus our components."""
    return build_nlp()


@pytest.fixture
def runner():
    return CliRunner()


@pytest.fixture
def reference_article():
    if not REFERENCE_ARTICLE.exists():
        pytest.skip(f"reference article not found at {REFERENCE_ARTICLE} (../shared/samples/ is absent)")
    return REFERENCE_ARTICLE
