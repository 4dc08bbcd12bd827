"""Silver NER training data for the fast model: sentences of the German Bundestag's plenary protocols
labelled by the accurate model (``pipeline/model/silver.py`` says how a sentence is labelled).

The protocols are read from a local git copy of github.com/mathias-goebel/plenarsitzungsprotokolle
(``--protocols``; ``pipeline/model/bundestag.py``), their paragraphs shuffled with ``--seed``, and
sentences labelled until ``--words`` words are written to ``--out`` (a spaCy DocBin, kept outside
the repository), for ``newsgraph train-model --silver FILE``. The accurate model runs on all cores,
about 2,000 words/s on two.

Usage: ``python3 scripts/build_silver.py --protocols GIT_DIR --out FILE [--words N] [--seed N]``.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pipeline.extract.nlp import ACCURATE_MODEL_NAME, load_base
from pipeline.model.bundestag import protocol_texts
from pipeline.model.silver import label_sentences, write_silver


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--protocols", type=Path, required=True, help="git directory of the protocols' repository")
    parser.add_argument("--out", type=Path, required=True, help="the DocBin file to write")
    parser.add_argument("--words", type=int, default=1_500_000, help="words of labelled sentences to write")
    parser.add_argument("--empty-share", type=float, default=0.3, help="share of sentences without names kept")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    started = time.monotonic()
    texts = protocol_texts(args.protocols)
    random.Random(args.seed).shuffle(texts)
    teacher, reference = load_base(ACCURATE_MODEL_NAME), load_base()
    docs = label_sentences(texts, teacher, reference, words=args.words, empty_share=args.empty_share,
                           seed=args.seed)
    count, words, names = write_silver(docs, args.out)
    print(f"{args.out}: {count} sentences, {words} words, {names} names "
          f"({time.monotonic() - started:.0f} s)")


if __name__ == "__main__":
    main()
