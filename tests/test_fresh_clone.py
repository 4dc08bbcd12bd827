"""A fresh clone without ``../shared`` beside it: the tests that read it skip with a reason, none fails.

The tests that read ``../shared`` (the reference article, GermEval, SmartData) are run from a copy of
the project in a folder that has no ``shared`` beside it, with the same Python.
"""

import re
import shutil
import subprocess
import sys

import pytest

from conftest import ROOT

# How a test module reaches ../shared: the paths and fixtures conftest.py defines for it.
READS_SHARED = re.compile(r"\b(SHARED\w*|REFERENCE_ARTICLE|reference_article|needs_shared_samples)\b")


def modules_reading_shared() -> list[str]:
    return sorted(path.name for path in (ROOT / "tests").glob("test_*.py")
                  if path.name != "test_fresh_clone.py" and READS_SHARED.search(path.read_text(encoding="utf-8")))


def test_the_modules_that_read_shared_are_found():
    assert {"test_reference_article.py", "test_evaluate.py", "test_timeline.py"} <= set(modules_reading_shared())


@pytest.mark.slow
def test_without_shared_the_tests_that_read_it_skip_with_a_reason(tmp_path):
    project = tmp_path / "project"  # tmp_path/shared does not exist
    files = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard"], cwd=ROOT,
                           capture_output=True, text=True, check=True).stdout.splitlines()
    for name in files:  # the files a clone has (and new ones not yet committed)
        if (ROOT / name).is_file():
            (project / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, project / name)
    modules = [f"tests/{name}" for name in modules_reading_shared()]
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-rs", "-p", "no:cacheprovider",
         "-m", "not slow and not browser and not cluster and not training", *modules],
        cwd=project, capture_output=True, text=True, timeout=900,
    )
    summary = run.stdout.strip().splitlines()[-1]
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-2000:]
    assert " skipped" in summary and "failed" not in summary and "error" not in summary, summary
    assert "../shared/samples/ is absent" in run.stdout or "reference article not found" in run.stdout
    imported = subprocess.run([sys.executable, "-c", "import pipeline; print(pipeline.__file__)"], cwd=project,
                              capture_output=True, text=True, check=True).stdout
    assert imported.startswith(str(project)), f"the copy ran the checkout's package: {imported}"
