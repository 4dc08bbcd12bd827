"""Model tooling: training and evaluating the NER models, fine-tuning the accurate transformer model."""
