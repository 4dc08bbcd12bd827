"""The accurate NER model at run time: the spaCy component that runs the fine-tuned encoder with onnxruntime,
and the SentencePiece pieces of spaCy tokens (``pipeline.model.transformer`` trains and exports it)."""
