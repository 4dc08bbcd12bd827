"""Silver NER training data for the fast model: sentences of the German Bundestag's plenary protocols
labelled by the accurate model (``pipeline/model/silver.py`` says how a sentence is labelled).

The protocols are read from a local git copy of github.com/mathias-goebel/plenarsitzungsprotokolle
(``--protocols``; ``pipeline/model/bundestag.py``); other German text from a plain text file or a
folder of ``.txt`` files, one paragraph or sentence per line (``--texts``, with ``--credit``, its
source and licence, which the trained model's licence will name; ``pipeline/model/plain_text.py``).
The paragraphs are shuffled with ``--seed`` and sentences labelled until ``--words`` words are
written to ``--out`` (a spaCy DocBin, kept outside the repository; the credit beside it), for
``newsgraph train-model --silver FILE``. The accurate model runs on all cores, about 2,000 words/s
on two.

Usage: ``python3 scripts/build_silver.py (--protocols GIT_DIR | --texts PATH --credit TEXT) --out FILE
[--words N] [--seed N]``.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pipeline.extract.nlp import ACCURATE_MODEL_NAME, load_base
from pipeline.model.bundestag import PROTOCOLS_CREDIT, protocol_texts
from pipeline.model.plain_text import plain_texts
from pipeline.model.silver import label_sentences, write_silver


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--protocols", type=Path, help="git directory of the protocols' repository")
    source.add_argument("--texts", type=Path, help="a UTF-8 text file or a folder of .txt files, a paragraph a line")
    parser.add_argument("--credit", help="with --texts: the text's source and licence, for the model's licence")
    parser.add_argument("--out", type=Path, required=True, help="the DocBin file to write")
    parser.add_argument("--words", type=int, default=1_500_000, help="words of labelled sentences to write")
    parser.add_argument("--empty-share", type=float, default=0.3, help="share of sentences without names kept")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    if args.texts is not None and not args.credit:
        parser.error("--texts needs --credit: the text's source and licence, which the trained model's licence names")
    started = time.monotonic()
    if args.texts is not None:
        try:
            texts, credit = plain_texts(args.texts), args.credit
        except ValueError as error:
            parser.error(f"--texts: {error}")
    else:
        texts, credit = protocol_texts(args.protocols), PROTOCOLS_CREDIT
    random.Random(args.seed).shuffle(texts)
    teacher, reference = load_base(ACCURATE_MODEL_NAME), load_base()
    docs = label_sentences(texts, teacher, reference, words=args.words, empty_share=args.empty_share,
                           seed=args.seed)
    count, words, names = write_silver(docs, args.out, credit)
    print(f"{args.out}: {count} sentences, {words} words, {names} names "
          f"({time.monotonic() - started:.0f} s)")


if __name__ == "__main__":
    main()
