"""newsgraph as installed: the package data (ontology, shapes, saved queries, model) is found."""

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import tomllib
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT
from pipeline.core.resources import ontology_path
from pipeline.graph.saved_queries import saved_queries

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
QUERY_NAMES = sorted(path.stem for path in (ROOT / "ontologies" / "queries").glob("*.rq"))


def test_every_folder_of_modules_is_a_package_the_wheel_lists():
    listed = set(PYPROJECT["tool"]["setuptools"]["packages"])
    folders = {
        ".".join(path.parent.relative_to(ROOT).parts)
        for path in (ROOT / "pipeline").rglob("*.py") if "__pycache__" not in path.parts
    }
    assert folders <= listed
    assert PYPROJECT["tool"]["setuptools"]["package-dir"] == {"pipeline.ontologies": "ontologies"}


def test_the_ontology_shapes_and_saved_queries_found_are_those_of_ontologies():
    for name in ("newsgraph.ttl", "shapes.ttl"):
        assert ontology_path(name).read_bytes() == (ROOT / "ontologies" / name).read_bytes()
    assert sorted(saved_queries()) == QUERY_NAMES and len(QUERY_NAMES) >= 7


def python_without_newsgraph(tmp_path: Path, *first: Path) -> tuple[list[str], dict[str, str]]:
    """A command and environment for this Python that sees ``first``, then the installed packages but
    newsgraph (symbolic links to everything else in site-packages; no .pth file, so no editable finder)."""
    site_packages = Path(sysconfig.get_paths()["purelib"])
    others = tmp_path / "site-packages-but-newsgraph"
    others.mkdir()
    for entry in site_packages.iterdir():
        if entry.name.startswith(("pipeline", "newsgraph", "__editable__")) or entry.suffix == ".pth":
            continue
        (others / entry.name).symlink_to(entry)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(str(path) for path in (*first, others))}
    return [sys.executable, "-S", "-c"], env


INSTALLED_CHECK = """
import json, sys
import pipeline.core.resources
from pipeline.extract.nlp import BUNDLED_MODEL, build_nlp
from pipeline.core.resources import ontology_path
from pipeline.graph.saved_queries import saved_queries
from pipeline.graph.validate import default_shapes, validate_graph
from rdflib import Graph

doc = build_nlp()("Nvidia kauft den israelischen Netzwerkspezialisten Mellanox.")
print(json.dumps({
    "module": pipeline.core.resources.__file__,
    "ontology": str(ontology_path("newsgraph.ttl")),
    "ontology_bytes": ontology_path("newsgraph.ttl").stat().st_size,
    "shapes": str(default_shapes()),
    "conforms": validate_graph(Graph()).conforms,
    "queries": sorted(saved_queries()),
    "model": str(BUNDLED_MODEL),
    "orgs": sorted(ent.text for ent in doc.ents if ent.label_ == "ORG"),
}))
"""


def copy_source(target: Path) -> Path:
    """What a wheel is built from (the build writes build/ and *.egg-info beside it, so not in the checkout)."""
    ignore = shutil.ignore_patterns("__pycache__")
    for name in ("pipeline", "ontologies"):
        shutil.copytree(ROOT / name, target / name, ignore=ignore)
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, target / name)
    return target


@pytest.mark.slow
def test_a_wheel_installed_with_target_finds_its_ontology_shapes_saved_queries_and_model(tmp_path):
    source = copy_source(tmp_path / "source")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
         "--wheel-dir", str(tmp_path / "dist"), str(source)],
        check=True, capture_output=True,
    )
    (wheel,) = (tmp_path / "dist").glob("newsgraph-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert {"pipeline/ontologies/newsgraph.ttl", "pipeline/ontologies/shapes.ttl"} <= names
    assert {f"pipeline/ontologies/queries/{name}.rq" for name in QUERY_NAMES} <= names
    assert not [name for name in names if ".data/" in name]  # nothing outside the package (no data-files)
    target = tmp_path / "target"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(target), str(wheel)],
        check=True, capture_output=True,
    )
    command, env = python_without_newsgraph(tmp_path, target)
    done = subprocess.run([*command, INSTALLED_CHECK], env=env, cwd=tmp_path, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout)
    installed = target / "pipeline"
    for key in ("module", "ontology", "shapes", "model"):
        assert Path(found[key]).is_relative_to(installed), (key, found[key])
    assert found["ontology_bytes"] == (ROOT / "ontologies" / "newsgraph.ttl").stat().st_size
    assert found["conforms"] is True
    assert found["queries"] == QUERY_NAMES
    assert found["orgs"] == ["Mellanox", "Nvidia"]


@pytest.mark.slow
def test_a_tree_without_the_bundled_model_says_how_to_get_it(tmp_path):
    tree = tmp_path / "tree"
    shutil.copytree(ROOT / "pipeline", tree / "pipeline", ignore=shutil.ignore_patterns("__pycache__", "model"))
    command, env = python_without_newsgraph(tmp_path, tree)
    code = "from pipeline.extract.nlp import build_nlp\nbuild_nlp()\n"
    done = subprocess.run([*command, code], env=env, cwd=tmp_path, capture_output=True, text=True)
    assert done.returncode == 1
    last = done.stderr.strip().splitlines()[-1]
    assert last.startswith("pipeline.core.errors.ModelNotFoundError: The bundled model is not in ")
    assert str(tree / "pipeline" / "model" / "de_newsgraph") in last and "--model" in last
