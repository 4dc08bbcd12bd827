"""The German Bundestag's plenary protocols as plain text: unannotated German for the NER model's
word vectors (``scripts/build_vectors.py``) and silver labels (``scripts/build_silver.py``).

The protocols of the 19th and 20th legislative periods, one text file per speech (``*-ID<number>.txt``;
the files with a hash after the number are copies), are read from a local git copy of the public
repository github.com/mathias-goebel/plenarsitzungsprotokolle (official works, free of copyright
under Section 5 UrhG; the repository states no licence). None of the text is kept in newsgraph.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

#: The source as a model's licence text names it.
PROTOCOLS_CREDIT = ("the German Bundestag's plenary protocols, 19th and 20th legislative periods (official works, "
                    "Section 5 UrhG; read from github.com/mathias-goebel/plenarsitzungsprotokolle, which states no "
                    "licence)")
SPEECH_FILE = re.compile(r"-ID\d+\.txt$")
BLOB_HEADER = re.compile(r"[0-9a-f]{40} blob \d+")


def protocol_texts(git_dir: Path) -> list[str]:
    """The text of every speech file of the plenary protocols at the tag ``wp19`` and at ``HEAD``."""
    texts = []
    for revision in ("wp19", "HEAD"):
        listing = subprocess.run(["git", "-C", str(git_dir), "ls-tree", "-r", revision], check=True,
                                 capture_output=True, text=True).stdout
        blobs = [line.split()[2] for line in listing.splitlines() if SPEECH_FILE.search(line)]
        batch = subprocess.run(["git", "-C", str(git_dir), "cat-file", "--batch"], input="\n".join(blobs) + "\n",
                               check=True, capture_output=True, text=True).stdout
        texts += [line for line in batch.splitlines() if line.strip() and not BLOB_HEADER.fullmatch(line)]
    return texts
