"""The encoder with a BIO tagging head, in PyTorch, for fine-tuning (``training``).

The same computation as ``graph.encoder_graph``: BERT post-LN layers, exact GELU,
positions from 0, token type 0. The word embeddings (the pruned table) stay frozen.
"""

from __future__ import annotations

import numpy as np
import torch
from torch import nn

from pipeline.extract.transformer.component import LABELS
from pipeline.model.transformer.weights import E5Weights


class Layer(nn.Module):
    """One encoder layer: self-attention, then the feed-forward block, each followed by LayerNorm."""

    def __init__(self, hidden: int, heads: int, intermediate: int, eps: float, dropout: float) -> None:
        super().__init__()
        self.heads, self.dropout = heads, dropout
        self.q, self.k, self.v = (nn.Linear(hidden, hidden) for _ in range(3))
        self.ao, self.aln = nn.Linear(hidden, hidden), nn.LayerNorm(hidden, eps=eps)
        self.fi, self.fo = nn.Linear(hidden, intermediate), nn.Linear(intermediate, hidden)
        self.oln = nn.LayerNorm(hidden, eps=eps)
        self.drop = nn.Dropout(dropout)

    def forward(self, x, mask):
        batch, length, hidden = x.shape
        split = lambda y: y.view(batch, length, self.heads, -1).transpose(1, 2)  # noqa: E731
        context = nn.functional.scaled_dot_product_attention(
            split(self.q(x)), split(self.k(x)), split(self.v(x)), attn_mask=mask,
            dropout_p=self.dropout if self.training else 0.0)
        x = self.aln(x + self.drop(self.ao(context.transpose(1, 2).reshape(batch, length, hidden))))
        return self.oln(x + self.drop(self.fo(nn.functional.gelu(self.fi(x)))))


class Tagger(nn.Module):
    """The encoder with a linear BIO head; frozen word embeddings (the pruned table)."""

    def __init__(self, weights: E5Weights, table: np.ndarray, layers: int, dropout: float = 0.1) -> None:
        super().__init__()
        t = weights.tensors
        tensor = lambda name: torch.from_numpy(np.ascontiguousarray(t[name]))  # noqa: E731
        hidden = weights.hidden
        self.word = nn.Embedding.from_pretrained(torch.from_numpy(np.ascontiguousarray(table)), freeze=True)
        self.pos = nn.Parameter(tensor("emb.pos"))
        self.type0 = nn.Parameter(tensor("emb.type")[0].clone())
        self.ln = nn.LayerNorm(hidden, eps=weights.eps)
        self.ln.weight.data.copy_(tensor("emb.ln.w"))
        self.ln.bias.data.copy_(tensor("emb.ln.b"))
        self.drop = nn.Dropout(dropout)
        self.layers = nn.ModuleList()
        for index in range(layers):
            layer = Layer(hidden, weights.heads, weights.intermediate, weights.eps, dropout)
            for part in ("q", "k", "v", "ao", "fi", "fo", "aln", "oln"):
                getattr(layer, part).weight.data.copy_(tensor(f"l{index}.{part}.w"))
                getattr(layer, part).bias.data.copy_(tensor(f"l{index}.{part}.b"))
            self.layers.append(layer)
        self.head = nn.Linear(hidden, len(LABELS))
        nn.init.normal_(self.head.weight, std=0.02)
        nn.init.zeros_(self.head.bias)

    def forward(self, ids, mask):
        x = self.word(ids) + self.pos[:ids.shape[1]] + self.type0
        x = self.drop(self.ln(x))
        attention = mask[:, None, None, :]
        for layer in self.layers:
            x = layer(x, attention)
        return self.head(self.drop(x))

    def e5_tensors(self) -> dict[str, np.ndarray]:
        """The weights under the names ``graph.encoder_graph`` reads."""
        out = {"emb.pos": self.pos, "emb.type": self.type0[None, :], "emb.ln.w": self.ln.weight,
               "emb.ln.b": self.ln.bias, "head.w": self.head.weight, "head.b": self.head.bias}
        for index, layer in enumerate(self.layers):
            for part in ("q", "k", "v", "ao", "fi", "fo", "aln", "oln"):
                out[f"l{index}.{part}.w"] = getattr(layer, part).weight
                out[f"l{index}.{part}.b"] = getattr(layer, part).bias
        return {k: v.detach().numpy().copy() for k, v in out.items()}
