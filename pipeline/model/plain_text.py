"""Unannotated German text from plain files, for the NER model's word vectors and silver labels
(``scripts/build_vectors.py --source text``, ``scripts/build_silver.py --texts``).

Any text a user has the right to train on will do: a UTF-8 file, or a folder of ``.txt`` files, one
paragraph (or sentence) per line. None of it enters newsgraph; what is derived from it names it
through its *credit*, the source and licence as the user states them, which a model trained on it
records in its ``meta.json``. A silver DocBin keeps its credit in a file beside it (``credit_file``).
"""

from __future__ import annotations

from pathlib import Path


def plain_texts(path: Path) -> list[str]:
    """The non-empty lines of ``path``, a UTF-8 text file, or of every ``.txt`` file under the folder
    ``path`` (in path order). Raises ``ValueError`` naming the path if it holds no text."""
    path = Path(path)
    if path.is_dir():
        files = sorted(path.rglob("*.txt"))
    elif path.is_file():
        files = [path]
    else:
        raise ValueError(f"{path} is neither a text file nor a folder")
    texts = [line.strip() for file in files for line in file.read_text(encoding="utf-8").splitlines()
             if line.strip()]
    if not texts:
        raise ValueError(f"{path} holds no text" + (" (no .txt files)" if path.is_dir() and not files else ""))
    return texts


def credit_file(derived: Path) -> Path:
    """Where the credit of the text that ``derived`` (a silver DocBin) was made from is kept: beside it."""
    derived = Path(derived)
    return derived.with_name(derived.name + ".credit.txt")
