"""Core records and vocabulary: frozen dataclasses, the relation types, errors, IRIs, rates. Imports nothing of newsgraph."""
