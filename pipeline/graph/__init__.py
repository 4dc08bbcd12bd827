"""The graph: records to RDF and back, the stores, queries, saved queries, exports and SHACL validation."""
