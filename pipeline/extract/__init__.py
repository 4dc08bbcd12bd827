"""Extraction: readers, language, near-duplicates, the spaCy components (money, entities, relations, dates) and their word lists."""
